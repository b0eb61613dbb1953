/* out_text.c - one block of readable text per message, state change or RIB entry. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "lbgp_decode.h"

static void print_mrt_line(FILE *out, const struct item *it)
{
        const struct bgp_mrt_record *rec = it->rec;
        const char *type = bgp_mrt_type_name(rec->type);
        const char *sub = bgp_mrt_subtype_name(rec->type, rec->subtype);
        char when[48];

        fmt_time(rec->timestamp, rec->type == BGP_MRT_BGP4MP_ET ? (long)rec->microseconds : -1,
                 when, sizeof(when));
        fprintf(out, "record %lu, %s, ", it->seq, when);
        if (type != NULL)
                fprintf(out, "%s", type);
        else
                fprintf(out, "type %u", rec->type);
        if (sub != NULL)
                fprintf(out, "/%s", sub);
        else
                fprintf(out, "/%u", rec->subtype);
        if (rec->kind == BGP_MRT_KIND_BGP4MP_MESSAGE || rec->kind == BGP_MRT_KIND_BGP4MP_STATE) {
                const struct bgp_mrt_bgp4mp *m = &rec->u.bgp4mp;
                char peer[64], local[64];
                fmt_addr(m->afi, m->peer_addr, peer, sizeof(peer));
                fmt_addr(m->afi, m->local_addr, local, sizeof(local));
                if (rec->kind == BGP_MRT_KIND_BGP4MP_STATE)
                        fprintf(out, ", peer %s AS%" PRIu32 ", local %s AS%" PRIu32, peer,
                                m->peer_as, local, m->local_as);
                else if (m->local)
                        fprintf(out, ", from %s AS%" PRIu32 " to %s AS%" PRIu32, local, m->local_as,
                                peer, m->peer_as);
                else
                        fprintf(out, ", from %s AS%" PRIu32 " to %s AS%" PRIu32, peer, m->peer_as,
                                local, m->local_as);
        }
        fputc('\n', out);
}

static void print_verdict(FILE *out, const struct bgp_verdict *v)
{
        fprintf(out, "%s", bgp_action_name(v->action));
        if (v->action == BGP_ACTION_OK)
                return;
        const char *code = bgp_notify_code_name(v->code);
        const char *sub = bgp_notify_subcode_name(v->code, v->subcode);
        fprintf(out, ": %s", v->reason != NULL ? v->reason : "error");
        if (v->attr_type >= 0) {
                const char *name = bgp_attr_name((unsigned)v->attr_type);
                if (name != NULL)
                        fprintf(out, " (%s)", name);
                else
                        fprintf(out, " (attribute %d)", v->attr_type);
        }
        fprintf(out, "; %s %s / %s (%u/%u)",
                v->action == BGP_ACTION_SESSION_RESET ? "send" : "error", code != NULL ? code : "?",
                sub != NULL ? sub : "?", v->code, v->subcode);
        if (v->errors > 1)
                fprintf(out, ", %u errors", v->errors);
}

static void print_nlri(FILE *out, const char *verb, const struct nlri_run *runs, size_t n)
{
        for (size_t i = 0; i < n; i++) {
                struct bgp_nlri_iter it;
                struct bgp_prefix pfx;
                char text[64];
                bgp_nlri_iter_init(&it, runs[i].nlri);
                while (bgp_nlri_iter_next(&it, &pfx) == 1) {
                        bgp_prefix_format(&pfx, text, sizeof(text));
                        fprintf(out, "  %s %s %s\n", verb, fam_name(runs[i].fam), text);
                }
        }
}

static void print_list(FILE *out, const char *name, const struct bgp_attr_list *l, size_t size,
                       void (*fmt)(const uint8_t *, char *, size_t))
{
        char text[64];
        fprintf(out, "  %s:", name);
        for (size_t i = 0; i < l->count; i++) {
                fmt(l->data + i * size, text, sizeof(text));
                fprintf(out, " %s", text);
        }
        fputc('\n', out);
}

static void fmt_community_at(const uint8_t *p, char *buf, size_t len)
{
        fmt_community((uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3], buf,
                      len);
}

static void fmt_id_at(const uint8_t *p, char *buf, size_t len)
{
        fmt_addr(BGP_AFI_IPV4, p, buf, len);
}

static void print_path(FILE *out, const char *name, const struct bgp_as_path *p)
{
        char *s = fmt_as_path(p);
        fprintf(out, "  %s: %s\n", name, s != NULL ? s : "?");
        free(s);
}

static void print_attrs(FILE *out, const struct bgp_attrs *a)
{
        char text[64], text2[64];

        if (bgp_attrs_has(a, BGP_ATTR_ORIGIN))
                fprintf(out, "  ORIGIN: %s\n", fmt_origin(a->origin));
        if (bgp_attrs_has(a, BGP_ATTR_AS_PATH))
                print_path(out, "AS_PATH", &a->as_path);
        if (bgp_attrs_has(a, BGP_ATTR_AS4_PATH))
                print_path(out, "AS4_PATH", &a->as4_path);
        if (bgp_attrs_has(a, BGP_ATTR_NEXT_HOP)) {
                fmt_addr(BGP_AFI_IPV4, a->next_hop, text, sizeof(text));
                fprintf(out, "  NEXT_HOP: %s\n", text);
        }
        if (bgp_attrs_has(a, BGP_ATTR_MP_REACH_NLRI)) {
                const struct bgp_mp_reach *mp = &a->mp_reach;
                fprintf(out, "  MP_REACH_NLRI: %s", fam_name(fam_of(mp->afi, mp->safi)));
                if (mp->nh_len == 4 || mp->nh_len == 16 || mp->nh_len == 32) {
                        uint16_t afi = mp->nh_len == 4 ? BGP_AFI_IPV4 : BGP_AFI_IPV6;
                        fmt_addr(afi, mp->nh, text, sizeof(text));
                        fprintf(out, ", next hop %s", text);
                        if (mp->nh_len == 32) {
                                fmt_addr(BGP_AFI_IPV6, mp->nh + 16, text2, sizeof(text2));
                                fprintf(out, " %s", text2);
                        }
                }
                fputc('\n', out);
        }
        if (bgp_attrs_has(a, BGP_ATTR_MP_UNREACH_NLRI))
                fprintf(out, "  MP_UNREACH_NLRI: %s\n",
                        fam_name(fam_of(a->mp_unreach.afi, a->mp_unreach.safi)));
        if (bgp_attrs_has(a, BGP_ATTR_MED))
                fprintf(out, "  MULTI_EXIT_DISC: %" PRIu32 "\n", a->med);
        if (bgp_attrs_has(a, BGP_ATTR_LOCAL_PREF))
                fprintf(out, "  LOCAL_PREF: %" PRIu32 "\n", a->local_pref);
        if (bgp_attrs_has(a, BGP_ATTR_ATOMIC_AGGREGATE))
                fprintf(out, "  ATOMIC_AGGREGATE\n");
        if (bgp_attrs_has(a, BGP_ATTR_AGGREGATOR)) {
                fmt_addr(BGP_AFI_IPV4, a->aggregator_addr, text, sizeof(text));
                fprintf(out, "  AGGREGATOR: AS%" PRIu32 " %s\n", a->aggregator_as, text);
        }
        if (bgp_attrs_has(a, BGP_ATTR_AS4_AGGREGATOR)) {
                fmt_addr(BGP_AFI_IPV4, a->as4_aggregator_addr, text, sizeof(text));
                fprintf(out, "  AS4_AGGREGATOR: AS%" PRIu32 " %s\n", a->as4_aggregator_as, text);
        }
        if (bgp_attrs_has(a, BGP_ATTR_COMMUNITIES))
                print_list(out, "COMMUNITIES", &a->communities, 4, fmt_community_at);
        if (bgp_attrs_has(a, BGP_ATTR_EXT_COMMUNITIES))
                print_list(out, "EXTENDED_COMMUNITIES", &a->ext_communities, 8, fmt_ext_community);
        if (bgp_attrs_has(a, BGP_ATTR_LARGE_COMMUNITIES))
                print_list(out, "LARGE_COMMUNITIES", &a->large_communities, 12,
                           fmt_large_community);
        if (bgp_attrs_has(a, BGP_ATTR_ORIGINATOR_ID)) {
                uint8_t id[4] = {(uint8_t)(a->originator_id >> 24),
                                 (uint8_t)(a->originator_id >> 16),
                                 (uint8_t)(a->originator_id >> 8), (uint8_t)a->originator_id};
                fmt_addr(BGP_AFI_IPV4, id, text, sizeof(text));
                fprintf(out, "  ORIGINATOR_ID: %s\n", text);
        }
        if (bgp_attrs_has(a, BGP_ATTR_CLUSTER_LIST))
                print_list(out, "CLUSTER_LIST", &a->cluster_list, 4, fmt_id_at);
        if (bgp_attrs_has(a, BGP_ATTR_OTC))
                fprintf(out, "  OTC: %" PRIu32 "\n", a->otc);
        for (size_t i = 0; i < a->n_raw; i++) {
                char hex[2 * 32 + 1];
                const struct bgp_attr_raw *r = &a->raw[i];
                fmt_hex(r->value, r->len < 32 ? r->len : 32, hex, sizeof(hex));
                fprintf(out, "  attribute %u (flags 0x%02x, %u bytes): %s%s\n", r->type, r->flags,
                        r->len, hex, r->len > 32 ? "..." : "");
        }
}

static void print_update(FILE *out, const struct bgp_update *u, const struct bgp_verdict *v)
{
        struct nlri_run runs[2];
        uint16_t afi;
        uint8_t safi;

        if (v->action == BGP_ACTION_SESSION_RESET)
                return; /* nothing in it counts, and views may be incomplete */
        if (bgp_update_is_eor(u, &afi, &safi)) {
                fprintf(out, "  End-of-RIB %s\n", fam_name(fam_of(afi, safi)));
                return;
        }
        print_nlri(out, "withdraw", runs, update_withdrawn(u, runs));
        print_attrs(out, &u->attrs);
        print_nlri(out,
                   v->action == BGP_ACTION_TREAT_AS_WITHDRAW ? "withdraw (treat-as-withdraw)"
                                                             : "announce",
                   runs, update_announced(u, runs));
}

static void print_open(FILE *out, const struct bgp_open *o)
{
        const struct bgp_capabilities *c = &o->caps;
        uint8_t id[4] = {(uint8_t)(o->bgp_id >> 24), (uint8_t)(o->bgp_id >> 16),
                         (uint8_t)(o->bgp_id >> 8), (uint8_t)o->bgp_id};
        char text[64];

        fmt_addr(BGP_AFI_IPV4, id, text, sizeof(text));
        fprintf(out, "  version %u, AS %" PRIu32 ", hold time %u, BGP identifier %s\n", o->version,
                bgp_open_peer_as(o), o->hold_time, text);
        fprintf(out, "  capabilities:");
        for (size_t i = 0; i < c->n_mp; i++)
                fprintf(out, " mp:%s", fam_name(fam_of(c->mp[i].afi, c->mp[i].safi)));
        if (c->present & BGP_CAPF_ROUTE_REFRESH)
                fprintf(out, " route-refresh");
        if (c->present & BGP_CAPF_ENHANCED_REFRESH)
                fprintf(out, " enhanced-route-refresh");
        if (c->present & BGP_CAPF_AS4)
                fprintf(out, " as4:%" PRIu32, c->as4);
        if (c->present & BGP_CAPF_EXT_MESSAGE)
                fprintf(out, " extended-message");
        if (c->present & BGP_CAPF_GRACEFUL_RESTART)
                fprintf(out, " graceful-restart:%us", c->gr_time);
        if (c->present & BGP_CAPF_ADD_PATH)
                fprintf(out, " add-path");
        if (c->present & BGP_CAPF_ROLE)
                fprintf(out, " role:%u", c->role);
        if (c->present & BGP_CAPF_FQDN)
                fprintf(out, " fqdn:%.*s", (int)c->fqdn_host_len, (const char *)c->fqdn_host);
        for (size_t i = 0; i < c->n_raw; i++)
                fprintf(out, " code-%u", c->raw[i].code);
        fputc('\n', out);
}

/* Prints text from the wire between quotes, with control characters escaped: a shutdown
 * communication is the peer's text and must not drive the operator's terminal.  C0 and
 * DEL are single octets; the C1 controls U+0080 to U+009F (the terminal's CSI among them)
 * are the two octets C2 80 to C2 9F in UTF-8 (the library has already checked it is). */
static void print_quoted(FILE *out, const char *text)
{
        fputc('"', out);
        for (const unsigned char *c = (const unsigned char *)text; *c != '\0'; c++) {
                if (*c < 0x20 || *c == 0x7f) {
                        fprintf(out, "\\x%02x", *c);
                } else if (*c == 0xc2 && c[1] >= 0x80 && c[1] <= 0x9f) {
                        fprintf(out, "\\u%04x", c[1]);
                        c++;
                } else if (*c == '"' || *c == '\\') {
                        fprintf(out, "\\%c", *c);
                } else {
                        fputc(*c, out);
                }
        }
        fputc('"', out);
}

static void print_notification(FILE *out, const struct bgp_notification *n)
{
        const char *code = bgp_notify_code_name(n->code);
        const char *sub = bgp_notify_subcode_name(n->code, n->subcode);
        char text[256];

        fprintf(out, "  %s / %s (%u/%u)", code != NULL ? code : "?", sub != NULL ? sub : "?",
                n->code, n->subcode);
        if (bgp_notification_shutdown_text(n, text, sizeof(text)) >= 0) {
                fputs(", shutdown communication ", out);
                print_quoted(out, text);
        } else if (n->data_len > 0) {
                char hex[2 * 64 + 1];
                fmt_hex(n->data, n->data_len < 64 ? n->data_len : 64, hex, sizeof(hex));
                fprintf(out, ", data %s%s", hex, n->data_len > 64 ? "..." : "");
        }
        fputc('\n', out);
}

static void print_msg(FILE *out, const struct item *it)
{
        const struct bgp_verdict *v = it->verdict;
        const struct bgp_msg *m = it->msg;
        unsigned type = it->raw_len > 18 ? it->raw[18] : 0;

        if (it->rec == NULL)
                fprintf(out, "message %lu, ", it->seq);
        fprintf(out, "%s, %zu bytes: ", bgp_msg_type_name(type), it->raw_len);
        print_verdict(out, v);
        fputc('\n', out);
        if (m == NULL || v->action == BGP_ACTION_SESSION_RESET)
                return;
        switch (m->hdr.type) {
        case BGP_MSG_UPDATE:
                print_update(out, &m->u.update, v);
                break;
        case BGP_MSG_OPEN:
                print_open(out, &m->u.open);
                break;
        case BGP_MSG_NOTIFICATION:
                print_notification(out, &m->u.notification);
                break;
        case BGP_MSG_ROUTE_REFRESH:
                fprintf(out, "  %s, subtype %u\n",
                        fam_name(fam_of(m->u.refresh.afi, m->u.refresh.safi)),
                        m->u.refresh.subtype);
                break;
        default:
                break;
        }
}

static void print_peer_index(FILE *out, const struct bgp_mrt_peer_index *pi)
{
        uint8_t id[4] = {(uint8_t)(pi->collector_id >> 24), (uint8_t)(pi->collector_id >> 16),
                         (uint8_t)(pi->collector_id >> 8), (uint8_t)pi->collector_id};
        struct bgp_mrt_peer_iter it;
        struct bgp_mrt_peer p;
        char text[64], bid[32];
        unsigned i = 0;

        fmt_addr(BGP_AFI_IPV4, id, text, sizeof(text));
        fprintf(out, "PEER_INDEX_TABLE: collector %s, view \"%.*s\", %u peers\n", text,
                (int)pi->view_name_len, (const char *)pi->view_name, pi->peer_count);
        bgp_mrt_peer_iter_init(&it, pi);
        while (bgp_mrt_peer_iter_next(&it, &p) == 1) {
                uint8_t b[4] = {(uint8_t)(p.bgp_id >> 24), (uint8_t)(p.bgp_id >> 16),
                                (uint8_t)(p.bgp_id >> 8), (uint8_t)p.bgp_id};
                fmt_addr(p.afi, p.addr, text, sizeof(text));
                fmt_addr(BGP_AFI_IPV4, b, bid, sizeof(bid));
                fprintf(out, "  peer %u: %s AS%" PRIu32 ", BGP identifier %s\n", i++, text, p.asn,
                        bid);
        }
}

static void print_rib_entry(FILE *out, const struct item *it)
{
        const struct bgp_mrt_rib *rib = &it->rec->u.rib;
        const struct bgp_mrt_rib_entry *e = it->entry;
        char pfx[64], peer[64], when[48];

        bgp_prefix_format(&rib->prefix, pfx, sizeof(pfx));
        fmt_time(e->originated, -1, when, sizeof(when));
        fprintf(out, "RIB %s %s", fam_name(fam_of(rib->afi, rib->safi)), pfx);
        if (rib->addpath)
                fprintf(out, " path %" PRIu32, e->path_id);
        fprintf(out, " from peer %u", e->peer_index);
        if (it->peer != NULL) {
                fmt_addr(it->peer->afi, it->peer->addr, peer, sizeof(peer));
                fprintf(out, " (%s AS%" PRIu32 ")", peer, it->peer->asn);
        } else {
                fprintf(out, " (not in the peer index table)");
        }
        fprintf(out, ", originated %s: ", when);
        print_verdict(out, it->verdict);
        fputc('\n', out);
        if (it->verdict->action != BGP_ACTION_SESSION_RESET)
                print_attrs(out, &it->upd->attrs);
}

static const char *state_name(uint16_t state)
{
        const char *name = bgp_mrt_state_name(state);
        return name != NULL ? name : "?";
}

void text_emit(FILE *out, const struct item *it)
{
        if (it->rec != NULL)
                print_mrt_line(out, it);
        switch (it->kind) {
        case ITEM_MSG:
                print_msg(out, it);
                break;
        case ITEM_STATE:
                fprintf(out, "state %s -> %s\n", state_name(it->rec->u.bgp4mp.old_state),
                        state_name(it->rec->u.bgp4mp.new_state));
                break;
        case ITEM_PEER_INDEX:
                print_peer_index(out, &it->rec->u.peer_index);
                break;
        case ITEM_RIB_ENTRY:
                print_rib_entry(out, it);
                break;
        case ITEM_NOTE:
                fprintf(out, "%s\n", it->note);
                break;
        }
        fputc('\n', out);
}
