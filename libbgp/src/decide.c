/*
 * decide.c - best-path selection, RFC 4271 9.1.2.2, in the order FRR applies it.
 *
 * RFC says / we do:
 *  a) highest LOCAL_PREF (RFC 9.1.1; a route without one counts as 100, FRR's default);
 *     then a route we originate over a learned one (FRR: "local route");
 *  b) shortest AS_PATH (an AS_SET counts one, confederation segments nothing);
 *  c) lowest ORIGIN;
 *  d) lowest MED, only between routes from the same neighbouring AS (a missing MED is 0,
 *     RFC 9.1.2.2 c);
 *  e) eBGP over iBGP;
 *  f) the IGP cost to the next hop is not compared (no IGP here);
 *  g) lowest router id (ORIGINATOR_ID when present, RFC 4456 9), then the shorter
 *     CLUSTER_LIST, then the lowest peer address.
 *  FRR's "weight" and "prefer the oldest external route" are not used (the issue asks for
 *  the deterministic RFC order).
 */
#include <string.h>

#include "rib_int.h"

static uint32_t local_pref(const struct bgp_pattr *pa)
{
        return (pa->has & BGP_PA_LOCAL_PREF) ? pa->local_pref : 100;
}

static uint32_t med(const struct bgp_pattr *pa)
{
        return (pa->has & BGP_PA_MED) ? pa->med : 0;
}

static uint32_t router_id(const struct bgp_rib_peer *p, const struct bgp_pattr *pa)
{
        return (pa->has & BGP_PA_ORIGINATOR_ID) ? pa->originator_id : p->cfg.peer_id;
}

#define BETTER(cond, why)                                                                          \
        do {                                                                                       \
                *reason = (why);                                                                   \
                return (cond) ? -1 : 1;                                                            \
        } while (0)

int bgp_rib_compare(const struct bgp_rib_peer *pa, const struct bgp_attrset *a,
                    const struct bgp_rib_peer *pb, const struct bgp_attrset *b, const char **reason)
{
        const char *dummy;
        if (reason == NULL)
                reason = &dummy;
        struct bgp_pattr xv, yv;
        bgp_attrset_view(a, &xv);
        bgp_attrset_view(b, &yv);
        const struct bgp_pattr *x = &xv, *y = &yv;

        if (local_pref(x) != local_pref(y))
                BETTER(local_pref(x) > local_pref(y), "Local Pref");
        if (pa->local != pb->local)
                BETTER(pa->local, "Local Route");
        unsigned lx = bgp_pattr_as_path_length(x), ly = bgp_pattr_as_path_length(y);
        if (lx != ly)
                BETTER(lx < ly, "AS Path");
        if (x->origin != y->origin)
                BETTER(x->origin < y->origin, "Origin");
        if (bgp_pattr_first_as(x) == bgp_pattr_first_as(y) && med(x) != med(y))
                BETTER(med(x) < med(y), "MED");
        if (pa->ebgp != pb->ebgp)
                BETTER(pa->ebgp, "eBGP");
        uint32_t rx = router_id(pa, x), ry = router_id(pb, y);
        if (rx != ry)
                BETTER(rx < ry, "Router ID");
        if (x->n_cluster_list != y->n_cluster_list)
                BETTER(x->n_cluster_list < y->n_cluster_list, "Cluster length");
        int c = memcmp(pa->cfg.address, pb->cfg.address, sizeof(pa->cfg.address));
        if (c != 0)
                BETTER(c < 0, "Neighbor IP");
        *reason = "equal";
        return 0;
}

struct bgp_route *bgp_decide(const struct bgp_trie_node *n)
{
        struct bgp_route *best = NULL;
        for (struct bgp_route *r = n->routes; r != NULL; r = r->next) {
                if (r->post == NULL)
                        continue; /* rejected by inbound policy */
                if (best == NULL ||
                    bgp_rib_compare(r->peer, r->post, best->peer, best->post, NULL) < 0)
                        best = r;
        }
        return best;
}
