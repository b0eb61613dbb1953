/*
 * summary.c - the --summary report, as text or as one JSON object.
 *
 * Keys are stable: conformance/mrt_bgpdump.sh reads the JSON form.  Prefix counts are
 * those the UPDATEs carry (a treat-as-withdraw UPDATE's count too, and are also given
 * apart); an UPDATE that resets the session counts as a message and an error only.
 */
#include <json-c/json.h>
#include <stdio.h>

#include "lbgp_decode.h"

static const enum bgp_action actions[] = {BGP_ACTION_OK, BGP_ACTION_ATTR_DISCARD,
                                          BGP_ACTION_TREAT_AS_WITHDRAW, BGP_ACTION_SESSION_RESET};

static void record_type_name(const struct stats *st, size_t i, char *buf, size_t len)
{
        const char *type = bgp_mrt_type_name(st->types[i].type);
        const char *sub = bgp_mrt_subtype_name(st->types[i].type, st->types[i].subtype);
        if (type != NULL && sub != NULL)
                snprintf(buf, len, "%s/%s", type, sub);
        else if (type != NULL)
                snprintf(buf, len, "%s/%u", type, st->types[i].subtype);
        else
                snprintf(buf, len, "%u/%u", st->types[i].type, st->types[i].subtype);
}

static void attr_type_name(unsigned t, char *buf, size_t len)
{
        const char *name = bgp_attr_name(t);
        if (name != NULL)
                snprintf(buf, len, "%s", name);
        else
                snprintf(buf, len, "type-%u", t);
}

static unsigned long sum_afi(const unsigned long *per_fam, uint16_t afi)
{
        if (afi == BGP_AFI_IPV4)
                return per_fam[FAM_IPV4_UNICAST] + per_fam[FAM_IPV4_MULTICAST];
        return per_fam[FAM_IPV6_UNICAST] + per_fam[FAM_IPV6_MULTICAST];
}

void summary_print_text(FILE *out, const struct stats *st)
{
        char name[64];

        fprintf(out, "records: %lu\n", st->records);
        for (size_t i = 0; i < st->n_types; i++) {
                record_type_name(st, i, name, sizeof(name));
                fprintf(out, "  %-32s %lu\n", name, st->types[i].n);
        }
        fprintf(out, "messages: %lu\n", st->messages);
        for (unsigned t = 0; t < 256; t++)
                if (st->msg_types[t] != 0)
                        fprintf(out, "  %-32s %lu\n", bgp_msg_type_name(t), st->msg_types[t]);
        fprintf(out, "  %-32s %lu\n", "End-of-RIB", st->end_of_rib);
        fprintf(out, "prefixes in UPDATEs:            announced   withdrawn\n");
        fprintf(out, "  %-28s %11lu %11lu\n", "ipv4", sum_afi(st->announced, BGP_AFI_IPV4),
                sum_afi(st->withdrawn, BGP_AFI_IPV4));
        fprintf(out, "  %-28s %11lu %11lu\n", "ipv6", sum_afi(st->announced, BGP_AFI_IPV6),
                sum_afi(st->withdrawn, BGP_AFI_IPV6));
        for (int f = 0; f < FAM_COUNT; f++)
                if (st->announced[f] != 0 || st->withdrawn[f] != 0)
                        fprintf(out, "    %-26s %11lu %11lu\n", fam_name((enum fam)f),
                                st->announced[f], st->withdrawn[f]);
        fprintf(out, "  %-28s %11lu\n", "in treat-as-withdraw UPDATEs", st->taw_prefixes);
        unsigned long rib = 0;
        for (int f = 0; f < FAM_COUNT; f++)
                rib += st->rib_entries[f];
        fprintf(out, "RIB entries: %lu\n", rib);
        for (int f = 0; f < FAM_COUNT; f++)
                if (st->rib_entries[f] != 0)
                        fprintf(out, "  %-32s %lu\n", fam_name((enum fam)f), st->rib_entries[f]);
        fprintf(out, "state changes: %lu\n", st->state_changes);
        fprintf(out, "peer index tables: %lu\n", st->peer_index_tables);
        fprintf(out, "attributes (UPDATEs and RIB entries carrying them):\n");
        for (unsigned t = 0; t < 256; t++) {
                if (st->attrs[t] == 0)
                        continue;
                attr_type_name(t, name, sizeof(name));
                fprintf(out, "  %-32s %lu\n", name, st->attrs[t]);
        }
        fprintf(out, "errors by RFC 7606 action (messages and RIB entries):\n");
        for (size_t i = 0; i < sizeof(actions) / sizeof(actions[0]); i++)
                fprintf(out, "  %-32s %lu\n", bgp_action_name(actions[i]), st->actions[actions[i]]);
        fprintf(out, "not decoded:\n");
        fprintf(out, "  %-32s %lu\n", "malformed records", st->malformed_records);
        fprintf(out, "  %-32s %lu\n", "records of other types", st->skipped_records);
        fprintf(out, "  %-32s %lu\n", "other", st->other_notes);
        fprintf(out, "  %-32s %s\n", "input cut short", st->input_truncated ? "yes" : "no");
}

static json_object *per_fam(const unsigned long *a, const unsigned long *w)
{
        json_object *o = json_object_new_object();
        for (int f = 0; f < FAM_COUNT; f++) {
                json_object *e = json_object_new_object();
                json_object_object_add(e, "announced", json_object_new_int64((int64_t)a[f]));
                json_object_object_add(e, "withdrawn", json_object_new_int64((int64_t)w[f]));
                json_object_object_add(o, fam_name((enum fam)f), e);
        }
        static const struct {
                const char *name;
                uint16_t afi;
        } afis[] = {{"ipv4", BGP_AFI_IPV4}, {"ipv6", BGP_AFI_IPV6}};
        for (size_t i = 0; i < 2; i++) {
                json_object *e = json_object_new_object();
                json_object_object_add(e, "announced",
                                       json_object_new_int64((int64_t)sum_afi(a, afis[i].afi)));
                json_object_object_add(e, "withdrawn",
                                       json_object_new_int64((int64_t)sum_afi(w, afis[i].afi)));
                json_object_object_add(o, afis[i].name, e);
        }
        return o;
}

static void add(json_object *o, const char *key, unsigned long v)
{
        json_object_object_add(o, key, json_object_new_int64((int64_t)v));
}

void summary_print_json(FILE *out, const struct stats *st)
{
        json_object *o = json_object_new_object();
        char name[64];

        add(o, "records", st->records);
        json_object *types = json_object_new_object();
        for (size_t i = 0; i < st->n_types; i++) {
                record_type_name(st, i, name, sizeof(name));
                add(types, name, st->types[i].n);
        }
        json_object_object_add(o, "records_by_type", types);
        add(o, "messages", st->messages);
        json_object *msgs = json_object_new_object();
        for (unsigned t = 0; t < 256; t++)
                if (st->msg_types[t] != 0)
                        add(msgs, bgp_msg_type_name(t), st->msg_types[t]);
        json_object_object_add(o, "messages_by_type", msgs);
        add(o, "end_of_rib", st->end_of_rib);
        json_object_object_add(o, "prefixes", per_fam(st->announced, st->withdrawn));
        add(o, "treat_as_withdraw_prefixes", st->taw_prefixes);
        unsigned long rib = 0;
        json_object *ribf = json_object_new_object();
        for (int f = 0; f < FAM_COUNT; f++) {
                rib += st->rib_entries[f];
                add(ribf, fam_name((enum fam)f), st->rib_entries[f]);
        }
        add(o, "rib_entries", rib);
        json_object_object_add(o, "rib_entries_by_family", ribf);
        add(o, "state_changes", st->state_changes);
        add(o, "peer_index_tables", st->peer_index_tables);
        json_object *attrs = json_object_new_object();
        for (unsigned t = 0; t < 256; t++) {
                if (st->attrs[t] == 0)
                        continue;
                attr_type_name(t, name, sizeof(name));
                add(attrs, name, st->attrs[t]);
        }
        json_object_object_add(o, "attributes", attrs);
        json_object *acts = json_object_new_object();
        for (size_t i = 0; i < sizeof(actions) / sizeof(actions[0]); i++)
                add(acts, bgp_action_name(actions[i]), st->actions[actions[i]]);
        json_object_object_add(o, "actions", acts);
        json_object *nd = json_object_new_object();
        add(nd, "malformed_records", st->malformed_records);
        add(nd, "skipped_records", st->skipped_records);
        add(nd, "other", st->other_notes);
        json_object_object_add(nd, "input_truncated", json_object_new_boolean(st->input_truncated));
        json_object_object_add(o, "not_decoded", nd);
        fprintf(out, "%s\n", json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN));
        json_object_put(o);
}
