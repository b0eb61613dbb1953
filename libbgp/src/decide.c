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

/* The values compared, straight from the sets' headers: no AS path is parsed here. */
static uint32_t local_pref(const struct bgp_attrset *as)
{
        return (as->has & BGP_PA_LOCAL_PREF) ? as->local_pref : 100;
}

static uint32_t med(const struct bgp_attrset *as)
{
        return (as->has & BGP_PA_MED) ? as->med : 0;
}

static uint32_t router_id(const struct bgp_rib_peer *p, const struct bgp_attrset *as)
{
        return (as->has & BGP_PA_ORIGINATOR_ID) ? bgp_attrset_originator_id(as) : p->cfg.peer_id;
}

#define BETTER(cond, why)                                                                          \
        do {                                                                                       \
                *reason = (why);                                                                   \
                return (cond) ? -1 : 1;                                                            \
        } while (0)

int bgp_rib_compare(const struct bgp_rib_peer *pa, const struct bgp_attrset *x,
                    const struct bgp_rib_peer *pb, const struct bgp_attrset *y, const char **reason)
{
        const char *dummy;
        if (reason == NULL)
                reason = &dummy;

        if (local_pref(x) != local_pref(y))
                BETTER(local_pref(x) > local_pref(y), "Local Pref");
        if (pa->local != pb->local)
                BETTER(pa->local, "Local Route");
        if (x->path_length != y->path_length)
                BETTER(x->path_length < y->path_length, "AS Path");
        if (x->origin != y->origin)
                BETTER(x->origin < y->origin, "Origin");
        if (x->first_as == y->first_as && med(x) != med(y))
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

uint16_t bgp_decide(const struct bgp_rib *rib, const struct bgp_trie_node *n)
{
        const struct bgp_route *r = bgp_trie_routes(n);
        uint16_t best = BGP_TRIE_NO_BEST;
        const struct bgp_attrset *best_set = NULL;
        const struct bgp_rib_peer *best_peer = NULL;
        for (uint16_t i = 0; i < n->n_routes; i++) {
                if (r[i].post == 0)
                        continue; /* rejected by inbound policy */
                const struct bgp_attrset *set = bgp_rib_set(rib, r[i].post);
                const struct bgp_rib_peer *peer = rib->peers[r[i].peer];
                if (best == BGP_TRIE_NO_BEST ||
                    bgp_rib_compare(peer, set, best_peer, best_set, NULL) < 0) {
                        best = i;
                        best_set = set;
                        best_peer = peer;
                }
        }
        return best;
}
