/* stats.c - the counts behind --summary, taken from the same items the outputs print. */
#include <string.h>

#include "lbgp_decode.h"

void stats_record(struct stats *st, const struct bgp_mrt_record *rec)
{
        st->records++;
        for (size_t i = 0; i < st->n_types; i++) {
                if (st->types[i].type == rec->type && st->types[i].subtype == rec->subtype) {
                        st->types[i].n++;
                        return;
                }
        }
        if (st->n_types == STATS_MAX_RECORD_TYPES)
                return; /* a file with more kinds than this is noise; the total still counts */
        st->types[st->n_types].type = rec->type;
        st->types[st->n_types].subtype = rec->subtype;
        st->types[st->n_types].n = 1;
        st->n_types++;
}

static void count_attrs(struct stats *st, const struct bgp_attrs *a)
{
        for (unsigned t = 0; t < 256; t++)
                if (bgp_attrs_has(a, t))
                        st->attrs[t]++;
}

static unsigned long count_runs(unsigned long *per_fam, const struct nlri_run *runs, size_t n)
{
        unsigned long total = 0;
        for (size_t i = 0; i < n; i++) {
                size_t k = bgp_nlri_count(runs[i].nlri);
                per_fam[runs[i].fam] += k;
                total += k;
        }
        return total;
}

static void count_update(struct stats *st, const struct bgp_update *u, const struct bgp_verdict *v)
{
        struct nlri_run runs[2];
        uint16_t afi;
        uint8_t safi;

        count_runs(st->withdrawn, runs, update_withdrawn(u, runs));
        unsigned long ann = count_runs(st->announced, runs, update_announced(u, runs));
        if (v->action == BGP_ACTION_TREAT_AS_WITHDRAW)
                st->taw_prefixes += ann;
        if (bgp_update_is_eor(u, &afi, &safi))
                st->end_of_rib++;
        count_attrs(st, &u->attrs);
}

void stats_item(struct stats *st, const struct item *it)
{
        switch (it->kind) {
        case ITEM_MSG:
                st->messages++;
                st->msg_types[it->raw_len > 18 ? it->raw[18] : 0]++;
                st->actions[it->verdict->action]++;
                /* A reset discards the message: nothing in it is counted. */
                if (it->msg != NULL && it->msg->hdr.type == BGP_MSG_UPDATE &&
                    it->verdict->action != BGP_ACTION_SESSION_RESET)
                        count_update(st, &it->msg->u.update, it->verdict);
                break;
        case ITEM_STATE:
                st->state_changes++;
                break;
        case ITEM_PEER_INDEX:
                st->peer_index_tables++;
                break;
        case ITEM_RIB_ENTRY:
                st->rib_entries[fam_of(it->rec->u.rib.afi, it->rec->u.rib.safi)]++;
                st->actions[it->verdict->action]++;
                if (it->verdict->action != BGP_ACTION_SESSION_RESET)
                        count_attrs(st, &it->upd->attrs);
                break;
        case ITEM_NOTE:
                if (it->note_kind == NOTE_MALFORMED_RECORD)
                        st->malformed_records++;
                else if (it->note_kind == NOTE_SKIPPED_RECORD)
                        st->skipped_records++;
                else
                        st->other_notes++;
                break;
        }
}
