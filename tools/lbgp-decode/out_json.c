/* out_json.c - one JSON object per line per message, RIB entry or note (json-c). */
#include <inttypes.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#include "lbgp_decode.h"

static void add_str(json_object *o, const char *key, const char *val)
{
        json_object_object_add(o, key, json_object_new_string(val));
}

static void add_int(json_object *o, const char *key, int64_t val)
{
        json_object_object_add(o, key, json_object_new_int64(val));
}

static void add_addr(json_object *o, const char *key, uint16_t afi, const uint8_t *addr)
{
        char text[64];
        fmt_addr(afi, addr, text, sizeof(text));
        add_str(o, key, text);
}

static void add_id(json_object *o, const char *key, uint32_t id)
{
        uint8_t b[4] = {(uint8_t)(id >> 24), (uint8_t)(id >> 16), (uint8_t)(id >> 8), (uint8_t)id};
        add_addr(o, key, BGP_AFI_IPV4, b);
}

static void add_hex(json_object *o, const char *key, const uint8_t *p, size_t n)
{
        char *hex = malloc(2 * n + 1);
        if (hex == NULL)
                return;
        fmt_hex(p, n, hex, 2 * n + 1);
        add_str(o, key, hex);
        free(hex);
}

static void add_mrt(json_object *o, const struct item *it)
{
        const struct bgp_mrt_record *rec = it->rec;
        json_object *m = json_object_new_object();
        const char *type = bgp_mrt_type_name(rec->type);
        const char *sub = bgp_mrt_subtype_name(rec->type, rec->subtype);

        add_int(m, "record", (int64_t)it->seq);
        add_int(m, "timestamp", rec->timestamp);
        if (rec->type == BGP_MRT_BGP4MP_ET)
                add_int(m, "microseconds", rec->microseconds);
        if (type != NULL)
                add_str(m, "type", type);
        else
                add_int(m, "type", rec->type);
        if (sub != NULL)
                add_str(m, "subtype", sub);
        else
                add_int(m, "subtype", rec->subtype);
        if (rec->kind == BGP_MRT_KIND_BGP4MP_MESSAGE || rec->kind == BGP_MRT_KIND_BGP4MP_STATE) {
                const struct bgp_mrt_bgp4mp *b = &rec->u.bgp4mp;
                add_addr(m, "peer", b->afi, b->peer_addr);
                add_int(m, "peer_as", b->peer_as);
                add_addr(m, "local", b->afi, b->local_addr);
                add_int(m, "local_as", b->local_as);
                if (b->local)
                        json_object_object_add(m, "sent", json_object_new_boolean(1));
        }
        json_object_object_add(o, "mrt", m);
}

static void add_verdict(json_object *o, const struct bgp_verdict *v)
{
        add_str(o, "action", bgp_action_name(v->action));
        if (v->action == BGP_ACTION_OK)
                return;
        if (v->reason != NULL)
                add_str(o, "reason", v->reason);
        if (v->attr_type >= 0) {
                const char *name = bgp_attr_name((unsigned)v->attr_type);
                if (name != NULL)
                        add_str(o, "attribute", name);
                else
                        add_int(o, "attribute", v->attr_type);
        }
        add_int(o, "errors", v->errors);
        json_object *n = json_object_new_object();
        add_int(n, "code", v->code);
        add_int(n, "subcode", v->subcode);
        /* The contract names the NOTIFICATION a reset sends; for lesser actions it is the
         * error RFC 4271 would have named, kept for logging. */
        if (v->action == BGP_ACTION_SESSION_RESET) {
                if (v->data_len > 0)
                        add_hex(n, "data", v->data, v->data_len);
                json_object_object_add(o, "notification", n);
        } else {
                json_object_object_add(o, "error", n);
        }
}

static json_object *prefixes(const struct nlri_run *runs, size_t n)
{
        json_object *o = json_object_new_object();
        for (size_t i = 0; i < n; i++) {
                json_object *arr = json_object_new_array();
                struct bgp_nlri_iter it;
                struct bgp_prefix pfx;
                char text[64];
                bgp_nlri_iter_init(&it, runs[i].nlri);
                while (bgp_nlri_iter_next(&it, &pfx) == 1) {
                        bgp_prefix_format(&pfx, text, sizeof(text));
                        json_object_array_add(arr, json_object_new_string(text));
                }
                json_object_object_add(o, fam_name(runs[i].fam), arr);
        }
        return o;
}

static json_object *list(const struct bgp_attr_list *l, size_t size,
                         void (*fmt)(const uint8_t *, char *, size_t))
{
        json_object *arr = json_object_new_array();
        char text[64];
        for (size_t i = 0; i < l->count; i++) {
                fmt(l->data + i * size, text, sizeof(text));
                json_object_array_add(arr, json_object_new_string(text));
        }
        return arr;
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

static void add_path(json_object *o, const char *key, const struct bgp_as_path *p)
{
        char *s = fmt_as_path(p);
        if (s != NULL)
                add_str(o, key, s);
        free(s);
}

static json_object *attrs_json(const struct bgp_attrs *a)
{
        json_object *o = json_object_new_object();

        if (bgp_attrs_has(a, BGP_ATTR_ORIGIN))
                add_str(o, "origin", fmt_origin(a->origin));
        if (bgp_attrs_has(a, BGP_ATTR_AS_PATH))
                add_path(o, "as_path", &a->as_path);
        if (bgp_attrs_has(a, BGP_ATTR_AS4_PATH))
                add_path(o, "as4_path", &a->as4_path);
        if (bgp_attrs_has(a, BGP_ATTR_NEXT_HOP))
                add_addr(o, "next_hop", BGP_AFI_IPV4, a->next_hop);
        if (bgp_attrs_has(a, BGP_ATTR_MP_REACH_NLRI)) {
                const struct bgp_mp_reach *mp = &a->mp_reach;
                json_object *m = json_object_new_object();
                json_object *nh = json_object_new_array();
                char text[64];
                add_str(m, "family", fam_name(fam_of(mp->afi, mp->safi)));
                if (mp->nh_len == 4 || mp->nh_len == 16 || mp->nh_len == 32) {
                        uint16_t afi = mp->nh_len == 4 ? BGP_AFI_IPV4 : BGP_AFI_IPV6;
                        fmt_addr(afi, mp->nh, text, sizeof(text));
                        json_object_array_add(nh, json_object_new_string(text));
                        if (mp->nh_len == 32) {
                                fmt_addr(BGP_AFI_IPV6, mp->nh + 16, text, sizeof(text));
                                json_object_array_add(nh, json_object_new_string(text));
                        }
                }
                json_object_object_add(m, "next_hops", nh);
                json_object_object_add(o, "mp_reach", m);
        }
        if (bgp_attrs_has(a, BGP_ATTR_MP_UNREACH_NLRI)) {
                json_object *m = json_object_new_object();
                add_str(m, "family", fam_name(fam_of(a->mp_unreach.afi, a->mp_unreach.safi)));
                json_object_object_add(o, "mp_unreach", m);
        }
        if (bgp_attrs_has(a, BGP_ATTR_MED))
                add_int(o, "med", a->med);
        if (bgp_attrs_has(a, BGP_ATTR_LOCAL_PREF))
                add_int(o, "local_pref", a->local_pref);
        if (bgp_attrs_has(a, BGP_ATTR_ATOMIC_AGGREGATE))
                json_object_object_add(o, "atomic_aggregate", json_object_new_boolean(1));
        if (bgp_attrs_has(a, BGP_ATTR_AGGREGATOR)) {
                json_object *g = json_object_new_object();
                add_int(g, "as", a->aggregator_as);
                add_addr(g, "address", BGP_AFI_IPV4, a->aggregator_addr);
                json_object_object_add(o, "aggregator", g);
        }
        if (bgp_attrs_has(a, BGP_ATTR_AS4_AGGREGATOR)) {
                json_object *g = json_object_new_object();
                add_int(g, "as", a->as4_aggregator_as);
                add_addr(g, "address", BGP_AFI_IPV4, a->as4_aggregator_addr);
                json_object_object_add(o, "as4_aggregator", g);
        }
        if (bgp_attrs_has(a, BGP_ATTR_COMMUNITIES))
                json_object_object_add(o, "communities",
                                       list(&a->communities, 4, fmt_community_at));
        if (bgp_attrs_has(a, BGP_ATTR_EXT_COMMUNITIES))
                json_object_object_add(o, "ext_communities",
                                       list(&a->ext_communities, 8, fmt_ext_community));
        if (bgp_attrs_has(a, BGP_ATTR_LARGE_COMMUNITIES))
                json_object_object_add(o, "large_communities",
                                       list(&a->large_communities, 12, fmt_large_community));
        if (bgp_attrs_has(a, BGP_ATTR_ORIGINATOR_ID))
                add_id(o, "originator_id", a->originator_id);
        if (bgp_attrs_has(a, BGP_ATTR_CLUSTER_LIST))
                json_object_object_add(o, "cluster_list", list(&a->cluster_list, 4, fmt_id_at));
        if (bgp_attrs_has(a, BGP_ATTR_OTC))
                add_int(o, "otc", a->otc);
        if (a->n_raw > 0) {
                json_object *arr = json_object_new_array();
                for (size_t i = 0; i < a->n_raw; i++) {
                        json_object *r = json_object_new_object();
                        add_int(r, "type", a->raw[i].type);
                        add_int(r, "flags", a->raw[i].flags);
                        add_hex(r, "value", a->raw[i].value, a->raw[i].len);
                        json_object_array_add(arr, r);
                }
                json_object_object_add(o, "unknown", arr);
        }
        return o;
}

static void add_update(json_object *o, const struct bgp_update *u)
{
        struct nlri_run runs[2];
        size_t n;
        uint16_t afi;
        uint8_t safi;

        if (bgp_update_is_eor(u, &afi, &safi))
                add_str(o, "end_of_rib", fam_name(fam_of(afi, safi)));
        n = update_withdrawn(u, runs);
        if (n > 0)
                json_object_object_add(o, "withdrawn", prefixes(runs, n));
        n = update_announced(u, runs);
        /* RFC 7606 2: after treat-as-withdraw these stand for withdrawals; the action says so. */
        if (n > 0)
                json_object_object_add(o, "announced", prefixes(runs, n));
        json_object_object_add(o, "attributes", attrs_json(&u->attrs));
}

static void add_open(json_object *o, const struct bgp_open *op)
{
        const struct bgp_capabilities *c = &op->caps;
        add_int(o, "version", op->version);
        add_int(o, "as", bgp_open_peer_as(op));
        add_int(o, "hold_time", op->hold_time);
        add_id(o, "bgp_id", op->bgp_id);
        json_object *caps = json_object_new_object();
        json_object *mp = json_object_new_array();
        for (size_t i = 0; i < c->n_mp; i++)
                json_object_array_add(
                    mp, json_object_new_string(fam_name(fam_of(c->mp[i].afi, c->mp[i].safi))));
        json_object_object_add(caps, "multiprotocol", mp);
        if (c->present & BGP_CAPF_ROUTE_REFRESH)
                json_object_object_add(caps, "route_refresh", json_object_new_boolean(1));
        if (c->present & BGP_CAPF_ENHANCED_REFRESH)
                json_object_object_add(caps, "enhanced_route_refresh", json_object_new_boolean(1));
        if (c->present & BGP_CAPF_AS4)
                add_int(caps, "as4", c->as4);
        if (c->present & BGP_CAPF_EXT_MESSAGE)
                json_object_object_add(caps, "extended_message", json_object_new_boolean(1));
        if (c->present & BGP_CAPF_GRACEFUL_RESTART)
                add_int(caps, "graceful_restart_time", c->gr_time);
        if (c->present & BGP_CAPF_ADD_PATH)
                json_object_object_add(caps, "add_path", json_object_new_boolean(1));
        if (c->present & BGP_CAPF_ROLE)
                add_int(caps, "role", c->role);
        if (c->n_raw > 0) {
                json_object *raw = json_object_new_array();
                for (size_t i = 0; i < c->n_raw; i++)
                        json_object_array_add(raw, json_object_new_int(c->raw[i].code));
                json_object_object_add(caps, "other", raw);
        }
        json_object_object_add(o, "capabilities", caps);
}

static void add_notification(json_object *o, const struct bgp_notification *n)
{
        const char *code = bgp_notify_code_name(n->code);
        const char *sub = bgp_notify_subcode_name(n->code, n->subcode);
        char text[256];

        /* What the peer sent; "notification" is kept for the one a reset would send. */
        json_object *r = json_object_new_object();
        add_int(r, "code", n->code);
        add_int(r, "subcode", n->subcode);
        if (code != NULL)
                add_str(r, "code_name", code);
        if (sub != NULL)
                add_str(r, "subcode_name", sub);
        if (bgp_notification_shutdown_text(n, text, sizeof(text)) >= 0)
                add_str(r, "shutdown_communication", text);
        else if (n->data_len > 0)
                add_hex(r, "data", n->data, n->data_len);
        json_object_object_add(o, "received", r);
}

static void add_msg(json_object *o, const struct item *it)
{
        const struct bgp_msg *m = it->msg;
        unsigned type = it->raw_len > 18 ? it->raw[18] : 0;

        add_str(o, "type", bgp_msg_type_name(type));
        add_verdict(o, it->verdict);
        add_int(o, "length", (int64_t)it->raw_len);
        if (m == NULL || it->verdict->action == BGP_ACTION_SESSION_RESET)
                return;
        switch (m->hdr.type) {
        case BGP_MSG_UPDATE:
                add_update(o, &m->u.update);
                break;
        case BGP_MSG_OPEN:
                add_open(o, &m->u.open);
                break;
        case BGP_MSG_NOTIFICATION:
                add_notification(o, &m->u.notification);
                break;
        case BGP_MSG_ROUTE_REFRESH:
                add_str(o, "family", fam_name(fam_of(m->u.refresh.afi, m->u.refresh.safi)));
                add_int(o, "subtype", m->u.refresh.subtype);
                break;
        default:
                break;
        }
}

static void add_peer_index(json_object *o, const struct bgp_mrt_peer_index *pi)
{
        struct bgp_mrt_peer_iter it;
        struct bgp_mrt_peer p;
        char *view = strndup((const char *)pi->view_name, pi->view_name_len);

        add_str(o, "type", "PEER_INDEX_TABLE");
        add_str(o, "action", "ok");
        add_id(o, "collector_id", pi->collector_id);
        add_str(o, "view", view != NULL ? view : "");
        free(view);
        json_object *arr = json_object_new_array();
        bgp_mrt_peer_iter_init(&it, pi);
        while (bgp_mrt_peer_iter_next(&it, &p) == 1) {
                json_object *e = json_object_new_object();
                add_addr(e, "address", p.afi, p.addr);
                add_int(e, "as", p.asn);
                add_id(e, "bgp_id", p.bgp_id);
                json_object_array_add(arr, e);
        }
        json_object_object_add(o, "peers", arr);
}

static void add_rib_entry(json_object *o, const struct item *it)
{
        const struct bgp_mrt_rib *rib = &it->rec->u.rib;
        const struct bgp_mrt_rib_entry *e = it->entry;
        char pfx[64];

        add_str(o, "type", "RIB");
        add_verdict(o, it->verdict);
        add_str(o, "family", fam_name(fam_of(rib->afi, rib->safi)));
        bgp_prefix_format(&rib->prefix, pfx, sizeof(pfx));
        add_str(o, "prefix", pfx);
        add_int(o, "sequence", rib->seq);
        if (rib->addpath)
                add_int(o, "path_id", e->path_id);
        add_int(o, "peer_index", e->peer_index);
        if (it->peer != NULL) {
                add_addr(o, "peer", it->peer->afi, it->peer->addr);
                add_int(o, "peer_as", it->peer->asn);
        }
        add_int(o, "originated", e->originated);
        if (it->verdict->action != BGP_ACTION_SESSION_RESET)
                json_object_object_add(o, "attributes", attrs_json(&it->upd->attrs));
}

void json_emit(FILE *out, const struct item *it)
{
        json_object *o = json_object_new_object();
        const struct bgp_mrt_bgp4mp *b = it->rec != NULL ? &it->rec->u.bgp4mp : NULL;

        switch (it->kind) {
        case ITEM_MSG:
                if (it->rec == NULL)
                        add_int(o, "message", (int64_t)it->seq);
                add_msg(o, it);
                break;
        case ITEM_STATE:
                add_str(o, "type", "STATE_CHANGE");
                add_str(o, "action", "ok");
                add_int(o, "old_state", b->old_state);
                add_int(o, "new_state", b->new_state);
                if (bgp_mrt_state_name(b->old_state) != NULL)
                        add_str(o, "old_state_name", bgp_mrt_state_name(b->old_state));
                if (bgp_mrt_state_name(b->new_state) != NULL)
                        add_str(o, "new_state_name", bgp_mrt_state_name(b->new_state));
                break;
        case ITEM_PEER_INDEX:
                add_peer_index(o, &it->rec->u.peer_index);
                break;
        case ITEM_RIB_ENTRY:
                add_rib_entry(o, it);
                break;
        case ITEM_NOTE:
                add_str(o, "type", "NOTE");
                add_str(o, "note", it->note);
                break;
        }
        if (it->rec != NULL)
                add_mrt(o, it);
        fprintf(out, "%s\n", json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN));
        json_object_put(o);
}
