/*
 * router.c - peers, policy and the RIB put together: inbound, best path, outbound.
 *
 * Inbound, for each prefix of an UPDATE (RFC 4271 9.1):
 *   our own AS in the path (9.1.2, loop) -> rejected;
 *   RFC 8212: an eBGP peer with neither a prefix-list nor a route-map in -> rejected;
 *   prefix-list in, then route-map in (on a copy of the attributes, interned after).
 * Outbound, for each best path and each peer that is up:
 *   never back to the peer it came from, nor from iBGP to iBGP (no route reflection);
 *   eBGP (RFC 4271 5.1): NEXT_HOP ourselves, no LOCAL_PREF, no MED learned from another
 *   AS (5.1.4), no ORIGINATOR_ID or CLUSTER_LIST (RFC 4456 8);
 *   RFC 8212 as inbound; prefix-list out, then route-map out;
 *   eBGP: our AS prepended last, after the route-map, as FRR does (bgp_packet_attribute):
 *   an outbound "set as-path prepend X" gives "OURS X ...", and "match as-path" sees the
 *   path as we hold it.
 *
 * Per UPDATE, not per prefix: the loop check and the lookups of the policy by name.  Before
 * copying the attributes for a route-map, the map is asked whether it denies whatever its
 * sets would do (the seed's outbound maps deny every learned route).
 */
#include <stdlib.h>
#include <string.h>

#include <bgp/router.h>

#include "mem.h"
#include "policy_int.h"

struct bgp_router_peer {
        struct bgp_router_peer_config cfg;
        struct bgp_rib_peer *rib_peer;
        struct bgp_adj_out *out;
        bool up;
        bool ebgp;
        uint32_t families;
        bool warned;
        bool exceeded;
        bool adj_in_full; /* BGP_ROUTER_ADJ_IN_FULL raised since the session came up */
        bool said_no_in;
        bool said_no_out;
        /* Families whose End-of-RIB is still to be sent after the first full export. */
        uint32_t eor_pending;
        void *user_data;
};

struct bgp_router {
        struct bgp_mem mem;
        struct bgp_policy *policy;
        struct bgp_rib *rib;
        struct bgp_router_callbacks cb;
        void *user_data;
        struct bgp_router_peer **peers;
        size_t n_peers;
        size_t cap_peers;
        int error; /* the first error met inside a callback-driven walk */
};

void bgp_router_peer_config_init(struct bgp_router_peer_config *cfg)
{
        memset(cfg, 0, sizeof(*cfg));
        cfg->ebgp_requires_policy = true;
        cfg->max_prefix_threshold = 75;
}

int bgp_router_new(struct bgp_router **out, struct bgp_policy *policy,
                   const struct bgp_router_callbacks *cb, const struct bgp_mem *mem,
                   void *user_data)
{
        struct bgp_mem m;
        *out = NULL;
        if (policy == NULL || (cb != NULL && cb->version != BGP_ROUTER_CALLBACKS_V1))
                return BGP_ERR_INVALID_ARGUMENT;
        bgp_mem_init(&m, mem);
        struct bgp_router *r = bgp_mem_calloc(&m, 1, sizeof(*r));
        if (r == NULL)
                return BGP_ERR_NOMEM;
        r->mem = m;
        r->policy = policy;
        if (cb != NULL)
                r->cb = *cb;
        r->user_data = user_data;
        int rc = bgp_rib_new(&r->rib, &r->mem);
        if (rc != 0) {
                bgp_mem_free(&m, r);
                return rc;
        }
        *out = r;
        return 0;
}

static void free_names(struct bgp_router *r, struct bgp_router_peer_config *c)
{
        bgp_mem_free(&r->mem, (void *)(uintptr_t)c->prefix_list_in);
        bgp_mem_free(&r->mem, (void *)(uintptr_t)c->prefix_list_out);
        bgp_mem_free(&r->mem, (void *)(uintptr_t)c->route_map_in);
        bgp_mem_free(&r->mem, (void *)(uintptr_t)c->route_map_out);
        bgp_mem_free(&r->mem, (void *)(uintptr_t)c->filter_list_in);
        bgp_mem_free(&r->mem, (void *)(uintptr_t)c->filter_list_out);
}

void bgp_router_del(struct bgp_router *r)
{
        if (r == NULL)
                return;
        for (size_t i = 0; i < r->n_peers; i++) {
                bgp_adj_out_del(r->peers[i]->out);
                free_names(r, &r->peers[i]->cfg);
                bgp_mem_free(&r->mem, r->peers[i]);
        }
        bgp_mem_free(&r->mem, r->peers);
        bgp_rib_del(r->rib);
        struct bgp_mem m = r->mem;
        bgp_mem_free(&m, r);
}

struct bgp_rib *bgp_router_rib(struct bgp_router *r)
{
        return r->rib;
}

static char *dup_name(struct bgp_router *r, const char *s, int *rc)
{
        if (s == NULL)
                return NULL;
        size_t n = strlen(s) + 1;
        char *d = bgp_mem_alloc(&r->mem, n);
        if (d == NULL)
                *rc = BGP_ERR_NOMEM;
        else
                memcpy(d, s, n);
        return d;
}

/* Copies cfg into dst with the names duplicated; dst's old names are freed on success. */
static int set_config(struct bgp_router *r, struct bgp_router_peer_config *dst,
                      const struct bgp_router_peer_config *cfg)
{
        int rc = 0;
        struct bgp_router_peer_config c = *cfg;
        c.prefix_list_in = dup_name(r, cfg->prefix_list_in, &rc);
        c.prefix_list_out = dup_name(r, cfg->prefix_list_out, &rc);
        c.route_map_in = dup_name(r, cfg->route_map_in, &rc);
        c.route_map_out = dup_name(r, cfg->route_map_out, &rc);
        c.filter_list_in = dup_name(r, cfg->filter_list_in, &rc);
        c.filter_list_out = dup_name(r, cfg->filter_list_out, &rc);
        if (rc != 0) {
                free_names(r, &c);
                return rc;
        }
        free_names(r, dst);
        *dst = c;
        return 0;
}

int bgp_router_peer_add(struct bgp_router *r, const struct bgp_router_peer_config *cfg,
                        struct bgp_router_peer **out)
{
        struct bgp_rib_peer_config rc_cfg;
        int rc;

        *out = NULL;
        if (r->n_peers == r->cap_peers) {
                size_t cap = r->cap_peers ? r->cap_peers * 2 : 4;
                struct bgp_router_peer **np = bgp_mem_realloc(&r->mem, r->peers, cap * sizeof(*np));
                if (np == NULL)
                        return BGP_ERR_NOMEM;
                r->peers = np;
                r->cap_peers = cap;
        }
        struct bgp_router_peer *p = bgp_mem_calloc(&r->mem, 1, sizeof(*p));
        if (p == NULL)
                return BGP_ERR_NOMEM;
        rc = set_config(r, &p->cfg, cfg);
        if (rc == 0)
                rc = bgp_adj_out_new(r->rib, &p->out);
        if (rc == 0) {
                memset(&rc_cfg, 0, sizeof(rc_cfg));
                rc_cfg.local_as = cfg->local_as;
                rc_cfg.peer_as = cfg->peer_as;
                memcpy(rc_cfg.address, cfg->address, 16);
                rc_cfg.soft_reconfig_in = cfg->soft_reconfig_in;
                rc = bgp_rib_peer_add(r->rib, &rc_cfg, &p->rib_peer);
        }
        if (rc != 0) {
                bgp_adj_out_del(p->out);
                free_names(r, &p->cfg);
                bgp_mem_free(&r->mem, p);
                return rc;
        }
        p->ebgp = cfg->local_as != cfg->peer_as;
        r->peers[r->n_peers++] = p;
        *out = p;
        return 0;
}

int bgp_router_peer_remove(struct bgp_router *r, struct bgp_router_peer *peer)
{
        int rc = bgp_router_peer_down(r, peer);
        bgp_rib_peer_clear(r->rib, peer->rib_peer, true);
        for (size_t i = 0; i < r->n_peers; i++)
                if (r->peers[i] == peer) {
                        r->peers[i] = r->peers[--r->n_peers];
                        break;
                }
        bgp_adj_out_del(peer->out);
        free_names(r, &peer->cfg);
        bgp_mem_free(&r->mem, peer);
        return rc;
}

int bgp_router_peer_configure(struct bgp_router *r, struct bgp_router_peer *peer,
                              const struct bgp_router_peer_config *cfg)
{
        int rc = set_config(r, &peer->cfg, cfg);
        if (rc == 0) {
                peer->said_no_in = peer->said_no_out = false;
                peer->warned = peer->exceeded = false;
                bgp_rib_peer_set_soft_reconfig(peer->rib_peer, cfg->soft_reconfig_in);
        }
        return rc;
}

void *bgp_router_peer_user_data(const struct bgp_router_peer *peer)
{
        return peer->user_data;
}

void bgp_router_peer_set_user_data(struct bgp_router_peer *peer, void *ud)
{
        peer->user_data = ud;
}

struct bgp_rib_peer *bgp_router_rib_peer(const struct bgp_router_peer *peer)
{
        return peer->rib_peer;
}

struct bgp_adj_out *bgp_router_adj_out(const struct bgp_router_peer *peer)
{
        return peer->out;
}

static void event(struct bgp_router *r, struct bgp_router_peer *p, enum bgp_router_event ev,
                  size_t count)
{
        if (r->cb.event != NULL)
                r->cb.event(p, ev, count, r->user_data);
}

/* ---- inbound ------------------------------------------------------------------------- */

static bool path_has_as(const struct bgp_pattr *pa, uint32_t asn)
{
        struct bgp_as_path path = {pa->as_path, pa->as_path_len, 4};
        struct bgp_as_path_iter it;
        struct bgp_as_segment seg;
        bgp_as_path_iter_init(&it, &path);
        while (bgp_as_path_iter_next(&it, &seg) == 1)
                for (unsigned i = 0; i < seg.count; i++)
                        if (seg.asn[i] == asn)
                                return true;
        return false;
}

/* A direction's policy, its names looked up once for a family. */
struct policy_step {
        const char *pl_name; /* NULL: no prefix-list in this direction */
        const struct bgp_prefix_list *pl;
        const char *fl_name; /* NULL: no filter-list */
        const struct bgp_aspath_list *fl;
        const char *rm_name; /* NULL: no route-map */
        const struct bgp_route_map *map;
};

static void resolve(const struct bgp_router *r, const char *pl_name, const char *fl_name,
                    const char *rm_name, uint16_t afi, struct policy_step *s)
{
        s->pl_name = pl_name;
        s->fl_name = fl_name;
        s->fl = fl_name != NULL ? bgp_policy_find_aspath_list(r->policy, fl_name) : NULL;
        s->rm_name = rm_name;
        /* Undefined lists and maps deny (FRR lib/plist.c, bgp_input_modifier). */
        s->pl = pl_name != NULL ? bgp_policy_find_prefix_list(r->policy, afi, pl_name) : NULL;
        s->map = rm_name != NULL ? bgp_policy_find_route_map(r->policy, rm_name) : NULL;
}

/* Whether the prefix-list lets pfx through (true when there is none). */
static bool prefix_list_permits(const struct policy_step *s, const struct bgp_prefix *pfx)
{
        return s->pl_name == NULL || bgp_prefix_list_match(s->pl, pfx) == BGP_POLICY_PERMIT;
}

/* Whether the filter-list lets the path of pa through (true when there is none):
 * 1, 0, or a negative error. */
static int filter_list_permits(const struct policy_step *s, const struct bgp_pattr *pa)
{
        if (s->fl_name == NULL)
                return 1;
        if (s->fl == NULL)
                return 0;
        int rc = bgp_aspath_list_match(s->fl, pa);
        return rc < 0 ? rc : rc == BGP_POLICY_PERMIT;
}

/*
 * Inbound: runs the prefix-list and the route-map over in, the result interned into *out,
 * or NULL when denied.  A map that only matches (the seed's RM-*-IN) reads a view of the
 * shared set, and a permit keeps the very same set.
 */
static int apply_in(struct bgp_router *r, const struct policy_step *s, const struct bgp_prefix *pfx,
                    struct bgp_attrset *in, const struct bgp_pattr *in_view, int fl_ok,
                    struct bgp_attrset **out)
{
        *out = NULL;
        if (!prefix_list_permits(s, pfx))
                return 0;
        if (fl_ok <= 0) /* the filter-list's verdict on in's path, or an error */
                return fl_ok;
        if (s->rm_name == NULL) {
                *out = bgp_attrset_ref(in);
                return 0;
        }
        if (s->map == NULL)
                return 0;
        struct bgp_pattr work = *in_view;
        int rc;
        if (!bgp_route_map_changes_attrs(s->map)) {
                rc = bgp_route_map_apply(r->policy, s->map, pfx, &work);
                if (rc == BGP_POLICY_PERMIT)
                        *out = bgp_attrset_ref(in);
                return rc < 0 ? rc : 0;
        }
        rc = bgp_route_map_decided_deny(r->policy, s->map, pfx, &work);
        if (rc != 0)
                return rc < 0 ? rc : 0;
        struct bgp_pattr view = work;
        rc = bgp_pattr_copy(&work, &view);
        if (rc != 0)
                return rc;
        rc = bgp_route_map_apply(r->policy, s->map, pfx, &work);
        if (rc == BGP_POLICY_PERMIT) {
                *out = bgp_attrset_intern(r->rib, &work);
                rc = *out == NULL ? BGP_ERR_NOMEM : 0;
        }
        bgp_pattr_free(&work);
        return rc < 0 ? rc : 0;
}

/* RFC 8212 counts any of them as a policy (FRR's bgp_inbound_policy_exists). */
static bool has_policy_in(const struct bgp_router_peer *p)
{
        return p->cfg.prefix_list_in != NULL || p->cfg.route_map_in != NULL ||
               p->cfg.filter_list_in != NULL;
}

static bool has_policy_out(const struct bgp_router_peer *p)
{
        return p->cfg.prefix_list_out != NULL || p->cfg.route_map_out != NULL ||
               p->cfg.filter_list_out != NULL;
}

/* What inbound processing knows about one received set, worked out for its first prefix
 * and reused for the others (an UPDATE carries one set for all its prefixes). */
struct inbound_cache {
        const struct bgp_attrset *pre; /* the set it holds for; NULL: nothing yet */
        struct bgp_pattr view;         /* of pre */
        bool unusable;                 /* loop, or RFC 8212 */
        int fl_ok;                     /* filter_list_permits() on the path, for `afi` */
        uint16_t afi;                  /* the family `policy` was looked up for */
        struct policy_step policy;
};

static void inbound_prepare(struct bgp_router *r, struct bgp_router_peer *p,
                            struct bgp_attrset *pre, struct inbound_cache *c)
{
        c->pre = pre;
        c->afi = 0;
        bgp_attrset_view(pre, &c->view);
        c->view.mem = &r->mem; /* copies of it are ours */
        /* RFC 4271 9.1.2: a route whose path holds our own AS is not usable. */
        c->unusable = path_has_as(&c->view, p->cfg.local_as);
        /* RFC 8212 3.1: no policy, no routes from an external peer. */
        if (!c->unusable && p->ebgp && p->cfg.ebgp_requires_policy && !has_policy_in(p)) {
                c->unusable = true;
                if (!p->said_no_in) {
                        p->said_no_in = true;
                        event(r, p, BGP_ROUTER_NO_POLICY_IN, 0);
                }
        }
}

static int learn(struct bgp_router *r, struct bgp_router_peer *p, const struct bgp_prefix *pfx,
                 struct bgp_attrset *pre, struct inbound_cache *c)
{
        struct bgp_attrset *post = NULL;
        int rc = 0;
        if (c->pre != pre)
                inbound_prepare(r, p, pre, c);
        if (!c->unusable) {
                if (c->afi != pfx->afi) {
                        resolve(r, p->cfg.prefix_list_in, p->cfg.filter_list_in,
                                p->cfg.route_map_in, pfx->afi, &c->policy);
                        /* One path for all the prefixes: one regular-expression match. */
                        c->fl_ok = filter_list_permits(&c->policy, &c->view);
                        c->afi = pfx->afi;
                }
                rc = apply_in(r, &c->policy, pfx, pre, &c->view, c->fl_ok, &post);
        }
        /* A rejected route is kept only for soft-reconfiguration; otherwise it is simply
         * gone (and so is what the peer said before for the prefix), so that filtered
         * routes cost no memory. */
        if (rc == 0)
                rc = post == NULL && !p->cfg.soft_reconfig_in
                         ? bgp_rib_withdraw(r->rib, p->rib_peer, pfx)
                         : bgp_rib_announce(r->rib, p->rib_peer, pfx, pre, post);
        bgp_attrset_unref(r->rib, post);
        return rc;
}

static int withdraw_all(struct bgp_router *r, struct bgp_router_peer *p, const struct bgp_nlri *n)
{
        struct bgp_nlri_iter it;
        struct bgp_prefix pfx;
        int rc = 0;
        bgp_nlri_iter_init(&it, n);
        while (rc == 0 && bgp_nlri_iter_next(&it, &pfx) == 1)
                rc = bgp_rib_withdraw(r->rib, p->rib_peer, &pfx);
        return rc;
}

static void check_max_prefix(struct bgp_router *r, struct bgp_router_peer *p)
{
        uint32_t cap = p->cfg.max_received;
        if (cap != 0 && !p->adj_in_full) {
                size_t kept = bgp_rib_peer_received(p->rib_peer);
                if (kept > cap) {
                        p->adj_in_full = true;
                        event(r, p, BGP_ROUTER_ADJ_IN_FULL, kept);
                }
        }
        uint32_t max = p->cfg.max_prefix;
        if (max == 0)
                return;
        size_t count = bgp_rib_peer_accepted(p->rib_peer);
        if (!p->warned && count * 100 >= (size_t)max * p->cfg.max_prefix_threshold) {
                p->warned = true;
                event(r, p, BGP_ROUTER_MAX_PREFIX_WARNING, count);
        }
        if (!p->exceeded && count > max) {
                p->exceeded = true;
                /* warning-only: FRR logs and keeps the session. */
                event(r, p,
                      p->cfg.max_prefix_warning_only ? BGP_ROUTER_MAX_PREFIX_WARNING
                                                     : BGP_ROUTER_MAX_PREFIX_EXCEEDED,
                      count);
        }
}

int bgp_router_update(struct bgp_router *r, struct bgp_router_peer *p, const struct bgp_update *u,
                      const struct bgp_verdict *v)
{
        int rc = withdraw_all(r, p, &u->withdrawn);
        if (rc == 0 && bgp_attrs_has(&u->attrs, BGP_ATTR_MP_UNREACH_NLRI))
                rc = withdraw_all(r, p, &u->attrs.mp_unreach.nlri);
        if (rc != 0)
                return rc;

        const struct bgp_nlri *reach[2] = {&u->nlri, NULL};
        if (bgp_attrs_has(&u->attrs, BGP_ATTR_MP_REACH_NLRI))
                reach[1] = &u->attrs.mp_reach.nlri;
        /* RFC 7606 2: treat-as-withdraw: what the UPDATE announces is withdrawn.  A
         * malformed MP_REACH_NLRI (a multicast next hop, RFC 4271 6.3) loses its presence
         * bit but keeps its parsed prefixes (msg.h): they are withdrawn too. */
        if (v->action >= BGP_ACTION_TREAT_AS_WITHDRAW) {
                if (reach[1] == NULL && u->attrs.mp_reach.nlri.len > 0)
                        reach[1] = &u->attrs.mp_reach.nlri;
                for (int i = 0; i < 2 && rc == 0; i++)
                        if (reach[i] != NULL)
                                rc = withdraw_all(r, p, reach[i]);
                return rc;
        }
        if (bgp_nlri_count(&u->nlri) == 0 && reach[1] == NULL)
                return 0;

        struct bgp_pattr pa;
        bgp_pattr_init(&pa, &r->mem);
        rc = bgp_pattr_from_update(&pa, &u->attrs);
        struct bgp_attrset *pre = rc == 0 ? bgp_attrset_intern(r->rib, &pa) : NULL;
        bgp_pattr_free(&pa);
        if (pre == NULL)
                return rc != 0 ? rc : BGP_ERR_NOMEM;
        struct inbound_cache cache;
        memset(&cache, 0, sizeof(cache));
        for (int i = 0; i < 2 && rc == 0; i++) {
                struct bgp_nlri_iter it;
                struct bgp_prefix pfx;
                if (reach[i] == NULL)
                        continue;
                bgp_nlri_iter_init(&it, reach[i]);
                while (rc == 0 && bgp_nlri_iter_next(&it, &pfx) == 1)
                        rc = learn(r, p, &pfx, pre, &cache);
        }
        bgp_attrset_unref(r->rib, pre);
        check_max_prefix(r, p);
        return rc;
}

/* ---- origination --------------------------------------------------------------------- */

int bgp_router_network(struct bgp_router *r, const struct bgp_prefix *pfx, bool present)
{
        struct bgp_rib_peer *local = bgp_rib_local(r->rib);
        if (!present)
                return bgp_rib_withdraw(r->rib, local, pfx);
        struct bgp_pattr pa;
        bgp_pattr_init(&pa, &r->mem);
        pa.origin = BGP_ORIGIN_IGP; /* RFC 4271 5.1.1: from an IGP or "network" */
        pa.nh_afi = pfx->afi;       /* the next hop is ours: each peer's own address */
        /* FRR gives a network route the metric of the route that backs it as its MED
         * (bgp_static_update: attr.med = igpmetric), 0 for the seed's blackhole, and
         * sends it to external peers, since it is our own (RFC 4271 5.1.4 only stops MEDs
         * learned from another AS). */
        pa.has |= BGP_PA_MED;
        pa.med = 0;
        struct bgp_attrset *set = bgp_attrset_intern(r->rib, &pa);
        bgp_pattr_free(&pa);
        if (set == NULL)
                return BGP_ERR_NOMEM;
        int rc = bgp_rib_announce(r->rib, local, pfx, NULL, set);
        bgp_attrset_unref(r->rib, set);
        return rc;
}

/* ---- outbound ------------------------------------------------------------------------ */

/* The attributes q should get for a best route from src, before q's outbound policy and
 * without our own AS yet. */
static int export_attrs(const struct bgp_router *r, const struct bgp_router_peer *q,
                        const struct bgp_rib_peer *src, const struct bgp_attrset *best,
                        struct bgp_pattr *pa)
{
        bool local = src == NULL;
        struct bgp_pattr best_view;
        bgp_attrset_view(best, &best_view);
        best_view.mem = &r->mem;
        int rc = bgp_pattr_copy(pa, &best_view);
        if (rc != 0)
                return rc;
        if (q->ebgp) {
                /* Our own AS is prepended after the route-map: export_to(). */
                pa->has &= ~(BGP_PA_LOCAL_PREF | BGP_PA_ORIGINATOR_ID);
                pa->n_cluster_list = 0;
                /* RFC 4271 5.1.4: a MED from another AS is not passed on. */
                if (!local)
                        pa->has &= ~BGP_PA_MED;
        } else if (!(pa->has & BGP_PA_LOCAL_PREF)) {
                /* RFC 4271 5.1.5: iBGP peers always get a LOCAL_PREF. */
                pa->has |= BGP_PA_LOCAL_PREF;
                pa->local_pref = 100;
        }
        /* RFC 4271 5.1.3: to an external peer, or when asked, the next hop is us. */
        if (q->ebgp || q->cfg.next_hop_self || local) {
                pa->nh_afi = q->cfg.nh_afi;
                memcpy(pa->next_hop, q->cfg.next_hop, sizeof(pa->next_hop));
                pa->has |= BGP_PA_NEXT_HOP;
                pa->has &= ~BGP_PA_LL_NEXT_HOP;
                if (q->cfg.has_ll_next_hop) {
                        memcpy(pa->ll_next_hop, q->cfg.ll_next_hop, sizeof(pa->ll_next_hop));
                        pa->has |= BGP_PA_LL_NEXT_HOP;
                }
        }
        return rc;
}

/* What q should have for pfx now, into q's Adj-RIB-Out. */
static int export_to(struct bgp_router *r, struct bgp_router_peer *q, const struct bgp_prefix *pfx,
                     const struct bgp_rib_peer *src, const struct bgp_attrset *best)
{
        struct bgp_attrset *out = NULL;
        int rc = 0;
        const struct bgp_rib_peer *local = bgp_rib_local(r->rib);
        bool from_local = src == local;
        bool from_ibgp = false;
        for (size_t i = 0; i < r->n_peers; i++)
                if (r->peers[i]->rib_peer == src)
                        from_ibgp = !r->peers[i]->ebgp;

        if (best == NULL || src == q->rib_peer || (from_ibgp && !q->ebgp) ||
            !(q->families & bgp_family_of(pfx->afi, BGP_SAFI_UNICAST)))
                return bgp_adj_out_set(q->out, pfx, NULL);
        if (q->ebgp && q->cfg.ebgp_requires_policy && !has_policy_out(q)) {
                if (!q->said_no_out) {
                        q->said_no_out = true;
                        event(r, q, BGP_ROUTER_NO_POLICY_OUT, 0);
                }
                return bgp_adj_out_set(q->out, pfx, NULL);
        }
        struct policy_step policy;
        resolve(r, q->cfg.prefix_list_out, q->cfg.filter_list_out, q->cfg.route_map_out, pfx->afi,
                &policy);
        if (!prefix_list_permits(&policy, pfx) || (policy.rm_name != NULL && policy.map == NULL))
                return bgp_adj_out_set(q->out, pfx, NULL);
        struct bgp_pattr view;
        bgp_attrset_view(best, &view);
        /* The path as we hold it: our own AS is added after the policy. */
        rc = filter_list_permits(&policy, &view);
        if (rc <= 0)
                return rc < 0 ? rc : bgp_adj_out_set(q->out, pfx, NULL);
        if (policy.map != NULL) {
                /* Most learned routes meet a deny at an edge router's outbound map: know it
                 * before copying anything.  The map's matches (prefix, communities, path)
                 * read the same values in the best set as in the copy made below. */
                rc = bgp_route_map_decided_deny(r->policy, policy.map, pfx, &view);
                if (rc != 0)
                        return rc < 0 ? rc : bgp_adj_out_set(q->out, pfx, NULL);
        }
        struct bgp_pattr pa;
        rc = export_attrs(r, q, from_local ? NULL : src, best, &pa);
        if (rc == 0 && policy.map != NULL) {
                rc = bgp_route_map_apply(r->policy, policy.map, pfx, &pa);
                rc = rc == BGP_POLICY_PERMIT ? 0 : rc < 0 ? rc : 1;
        }
        /* RFC 4271 5.1.2: towards an external peer our AS goes first in the path. */
        if (rc == 0 && q->ebgp)
                rc = bgp_pattr_prepend(&pa, q->cfg.local_as, 1);
        if (rc == 0) {
                out = bgp_attrset_intern(r->rib, &pa);
                rc = out == NULL ? BGP_ERR_NOMEM : 0;
        }
        bgp_pattr_free(&pa);
        if (rc >= 0)
                rc = bgp_adj_out_set(q->out, pfx, out);
        bgp_attrset_unref(r->rib, out);
        return rc;
}

struct process_ctx {
        struct bgp_router *r;
        int rc;
};

static void on_changes(const struct bgp_rib_change *c, size_t n, void *arg)
{
        struct process_ctx *x = arg;
        struct bgp_router *r = x->r;
        if (r->cb.best_changes != NULL)
                r->cb.best_changes(c, n, r->user_data);
        for (size_t i = 0; i < n; i++)
                for (size_t k = 0; k < r->n_peers; k++) {
                        struct bgp_router_peer *q = r->peers[k];
                        if (!q->up)
                                continue;
                        int rc = export_to(r, q, &c[i].prefix, c[i].peer, c[i].attrs);
                        if (rc != 0 && x->rc == 0)
                                x->rc = rc;
                }
}

int bgp_router_process(struct bgp_router *r)
{
        struct process_ctx x = {r, 0};
        bgp_rib_drain(r->rib, on_changes, 256, &x);
        return x.rc;
}

int bgp_router_next_update(struct bgp_router *r, struct bgp_router_peer *peer,
                           const struct bgp_codec_opts *opts, uint8_t *buf, size_t cap)
{
        (void)r;
        if (!peer->up)
                return 0;
        int rc = bgp_adj_out_next(peer->out, opts, buf, cap);
        if (rc != 0 || peer->eor_pending == 0)
                return rc;
        /* RFC 4724 2: after the initial table, an End-of-RIB per family. */
        static const struct {
                uint32_t family;
                uint16_t afi;
        } eor[] = {{BGP_FAMILY_IPV4_UNICAST, BGP_AFI_IPV4},
                   {BGP_FAMILY_IPV6_UNICAST, BGP_AFI_IPV6}};
        for (size_t i = 0; i < sizeof(eor) / sizeof(eor[0]); i++)
                if (peer->eor_pending & eor[i].family) {
                        peer->eor_pending &= ~eor[i].family;
                        return bgp_update_build_eor(buf, cap, eor[i].afi, BGP_SAFI_UNICAST);
                }
        peer->eor_pending = 0;
        return 0;
}

struct export_all_ctx {
        struct bgp_router *r;
        struct bgp_router_peer *q;
        int rc;
};

static void export_route(const struct bgp_rib_route *rt, void *arg)
{
        struct export_all_ctx *x = arg;
        if (!rt->best || x->rc != 0)
                return;
        x->rc = export_to(x->r, x->q, &rt->prefix, rt->peer, rt->post);
}

int bgp_router_soft_out(struct bgp_router *r, struct bgp_router_peer *peer)
{
        struct export_all_ctx x = {r, peer, 0};
        if (!peer->up)
                return 0;
        bgp_rib_walk(r->rib, BGP_AFI_IPV4, export_route, &x);
        if (x.rc == 0)
                bgp_rib_walk(r->rib, BGP_AFI_IPV6, export_route, &x);
        return x.rc;
}

int bgp_router_peer_up(struct bgp_router *r, struct bgp_router_peer *peer, uint32_t peer_id,
                       uint32_t families)
{
        /* The RIB compares router ids: the identifier learned from the OPEN. */
        bgp_rib_peer_set_id(peer->rib_peer, peer_id);
        peer->up = true;
        peer->families = families;
        peer->eor_pending = families & (BGP_FAMILY_IPV4_UNICAST | BGP_FAMILY_IPV6_UNICAST);
        return bgp_router_soft_out(r, peer);
}

int bgp_router_peer_down(struct bgp_router *r, struct bgp_router_peer *peer)
{
        peer->up = false;
        peer->warned = peer->exceeded = peer->adj_in_full = false;
        /* Nothing was sent any more, and nothing is to be sent until it is up again. */
        bgp_adj_out_del(peer->out);
        peer->out = NULL;
        int rc = bgp_adj_out_new(r->rib, &peer->out);
        int rc2 = bgp_rib_peer_clear(r->rib, peer->rib_peer, false);
        return rc != 0 ? rc : rc2;
}

int bgp_router_refresh_out(struct bgp_router *r, struct bgp_router_peer *peer)
{
        (void)r;
        bgp_adj_out_reset(peer->out);
        return 0;
}

/* ---- soft reconfiguration inbound ---------------------------------------------------- */

struct kept {
        struct bgp_prefix prefix;
        struct bgp_attrset *pre;
};

struct soft_in_ctx {
        struct bgp_router *r;
        const struct bgp_rib_peer *peer;
        struct kept *routes;
        size_t n, cap;
        int rc;
};

static void collect(const struct bgp_rib_route *rt, void *arg)
{
        struct soft_in_ctx *x = arg;
        if (rt->peer != x->peer || rt->pre == NULL || x->rc != 0)
                return;
        if (x->n == x->cap) {
                size_t cap = x->cap ? x->cap * 2 : 256;
                struct kept *nk = bgp_mem_realloc(&x->r->mem, x->routes, cap * sizeof(*nk));
                if (nk == NULL) {
                        x->rc = BGP_ERR_NOMEM;
                        return;
                }
                x->routes = nk;
                x->cap = cap;
        }
        x->routes[x->n].prefix = rt->prefix;
        x->routes[x->n++].pre = bgp_attrset_ref((struct bgp_attrset *)(uintptr_t)rt->pre);
}

int bgp_router_soft_in(struct bgp_router *r, struct bgp_router_peer *peer)
{
        if (!peer->cfg.soft_reconfig_in)
                return BGP_ERR_UNSUPPORTED;
        /* Collected first: re-announcing changes the routes the walk would visit. */
        struct soft_in_ctx x = {r, peer->rib_peer, NULL, 0, 0, 0};
        bgp_rib_walk(r->rib, BGP_AFI_IPV4, collect, &x);
        bgp_rib_walk(r->rib, BGP_AFI_IPV6, collect, &x);
        int rc = x.rc;
        struct inbound_cache cache;
        memset(&cache, 0, sizeof(cache));
        for (size_t i = 0; i < x.n; i++) {
                if (rc == 0)
                        rc = learn(r, peer, &x.routes[i].prefix, x.routes[i].pre, &cache);
                bgp_attrset_unref(r->rib, x.routes[i].pre);
        }
        bgp_mem_free(&r->mem, x.routes);
        peer->warned = peer->exceeded = false;
        check_max_prefix(r, peer);
        return rc;
}

size_t bgp_router_max_prefix_data(const struct bgp_router_peer *peer, uint8_t out[7])
{
        /* RFC 4486 4: AFI (2 octets), SAFI (1), the upper bound (4). */
        uint16_t afi = (peer->families & BGP_FAMILY_IPV6_UNICAST) ? BGP_AFI_IPV6 : BGP_AFI_IPV4;
        uint32_t max = peer->cfg.max_prefix;
        out[0] = (uint8_t)(afi >> 8);
        out[1] = (uint8_t)afi;
        out[2] = BGP_SAFI_UNICAST;
        out[3] = (uint8_t)(max >> 24);
        out[4] = (uint8_t)(max >> 16);
        out[5] = (uint8_t)(max >> 8);
        out[6] = (uint8_t)max;
        return 7;
}
