/*
 * route_map_apply.c - evaluating a route-map on a route, as FRR does (lib/routemap.c
 * route_map_apply_ext and its matrix; FRR docs "Route Maps"):
 *
 *              |  match               |  no match
 *     permit   |  sets, call, exit    |  next entry (result so far: deny)
 *     deny     |  deny                |  next entry (result so far: deny)
 *
 * The result is carried along: a matching permit entry makes it permit, an entry that
 * does not match makes it deny, so when the entries run out (after "on-match next" or
 * "goto" past the end) the route is permitted only if the last entry looked at was a
 * matching permit.  An undefined route-map, or one without entries, denies
 * (route_map_apply_ext: "map == NULL || map->head == NULL").
 *
 * Matches name lists, looked up on every application: an undefined list does not match
 * (bgpd/bgp_routemap.c route_match_address_prefix_list and friends, "does not exist
 * defaulting to NO_MATCH"), while a defined prefix-list matches when it permits the prefix
 * (so an empty one matches everything, lib/plist.c).  Sets act on pa in place, and later
 * entries match on the route as changed (FRR matches the in-flight route).
 *
 * FRR's "route-map optimization", on unless "no route-map NAME optimization", finds the
 * first matching entry through a prefix tree built from the entries of the prefix-lists the
 * entries match on (lib/routemap.c route_map_get_index, route_map_add_plist_entries), and
 * goes on from there one entry after another.  An entry whose prefix-list (for the route's
 * family) is defined but has no entries sits nowhere in that tree, so it is never the first
 * match, though it matches when reached after "on-match".  Observed with FRR 8.4.4: such an
 * entry alone denies the route, and with the optimization off it permits it.
 */
#include <string.h>

#include "pattr.h"
#include "route_map.h"

/* FRR lib/routemap.h RMAP_RECURSION_LIMIT: "call" deeper than this denies. */
#define CALL_DEPTH_MAX 10

/* The prefix-list of e's "match ip(v6) address prefix-list" (i: 0 ip, 1 ipv6), NULL when
 * undefined; looked up by name only when the policy changed since the last time. */
static const struct bgp_prefix_list *prefix_list_of(const struct bgp_policy *policy,
                                                    const struct bgp_route_map_entry *e, int i)
{
        static const uint16_t afis[2] = {BGP_AFI_IPV4, BGP_AFI_IPV6};
        uint64_t gen = bgp_policy_generation(policy);
        /* The cache is not part of the entry's value: see route_map.h. */
        struct bgp_route_map_entry *m = (struct bgp_route_map_entry *)(uintptr_t)e;
        if (m->pl_generation != gen) {
                for (int k = 0; k < 2; k++)
                        m->pl_cached[k] = m->match_prefix_list[k] == NULL
                                              ? NULL
                                              : bgp_policy_find_prefix_list(
                                                    policy, afis[k], m->match_prefix_list[k]);
                m->pl_generation = gen;
        }
        return m->pl_cached[i];
}

/* 1 when every match clause of e holds, 0 when one does not, or a negative error. */
static int entry_matches(const struct bgp_policy *policy, const struct bgp_route_map_entry *e,
                         const struct bgp_prefix *pfx, const struct bgp_pattr *pa)
{
        int r;

        for (int i = 0; i < 2; i++) {
                if (e->match_prefix_list[i] == NULL)
                        continue;
                /* "match ip address prefix-list" looks in the IPv4 name space whatever the
                 * route's family; a list of the other family then denies (it has no entry
                 * of that family) unless it is empty. */
                const struct bgp_prefix_list *pl = prefix_list_of(policy, e, i);
                if (pl == NULL || bgp_prefix_list_match(pl, pfx) != BGP_POLICY_PERMIT)
                        return 0;
        }
        if (e->match_community != NULL) {
                const struct bgp_community_list *cl =
                    bgp_policy_find_community_list(policy, e->match_community);
                if (cl == NULL)
                        return 0;
                r = bgp_community_list_match(cl, pa, e->match_community_exact);
                if (r != BGP_POLICY_PERMIT)
                        return r < 0 ? r : 0;
        }
        if (e->match_large_community != NULL) {
                const struct bgp_large_community_list *ll =
                    bgp_policy_find_large_community_list(policy, e->match_large_community);
                if (ll == NULL)
                        return 0;
                r = bgp_large_community_list_match(ll, pa, e->match_large_community_exact);
                if (r != BGP_POLICY_PERMIT)
                        return r < 0 ? r : 0;
        }
        if (e->match_as_path != NULL) {
                const struct bgp_aspath_list *al =
                    bgp_policy_find_aspath_list(policy, e->match_as_path);
                if (al == NULL)
                        return 0;
                r = bgp_aspath_list_match(al, pa);
                if (r != BGP_POLICY_PERMIT)
                        return r < 0 ? r : 0;
        }
        return 1;
}

/* FRR bgpd/bgp_routemap.c route_value_adjust: +N saturates at the top, -N at 0. */
static uint32_t adjust(uint8_t op, uint32_t current, uint32_t value)
{
        switch (op) {
        case BGP_RM_VALUE_ADD:
                return current > UINT32_MAX - value ? UINT32_MAX : current + value;
        case BGP_RM_VALUE_SUB:
                return current <= value ? 0 : current - value;
        default:
                return value;
        }
}

static int apply_sets(const struct bgp_route_map_entry *e, struct bgp_pattr *pa)
{
        int rc = 0;

        if (e->set_community)
                rc = bgp_pattr_set_communities(pa, e->community, e->n_community,
                                               e->community_additive);
        if (rc == 0 && e->set_large_community)
                rc = bgp_pattr_set_large_communities(pa, e->large_community, e->n_large_community,
                                                     e->large_community_additive);
        if (rc == 0 && e->prepend != NULL)
                rc = bgp_pattr_prepend_seq(pa, e->prepend, e->n_prepend);
        if (rc != 0)
                return rc;
        if (e->set_local_pref) {
                uint32_t cur = (pa->has & BGP_PA_LOCAL_PREF) ? pa->local_pref : 0;
                pa->local_pref = adjust(e->local_pref_op, cur, e->local_pref);
                pa->has |= BGP_PA_LOCAL_PREF;
        }
        if (e->set_metric) {
                uint32_t cur = (pa->has & BGP_PA_MED) ? pa->med : 0;
                pa->med = adjust(e->metric_op, cur, e->metric);
                pa->has |= BGP_PA_MED;
        }
        if (e->set_next_hop6) {
                /* The global address only; a link-local next hop stays (FRR
                 * route_set_ipv6_nexthop_global keeps mp_nexthop_len). */
                memcpy(pa->next_hop, e->next_hop6, 16);
                pa->nh_afi = BGP_AFI_IPV6;
                pa->has |= BGP_PA_NEXT_HOP;
        }
        return 0;
}

/* True when the optimization's prefix tree holds no place for e: its prefix-list for the
 * route's family exists but is empty. */
static bool outside_prefix_tree(const struct bgp_policy *policy,
                                const struct bgp_route_map_entry *e, const struct bgp_prefix *pfx)
{
        int i = pfx->afi == BGP_AFI_IPV6;
        if (e->match_prefix_list[i] == NULL)
                return false;
        /* The list of the route's own family: "match ip ..." for IPv4, "ipv6" for IPv6. */
        const struct bgp_prefix_list *pl = prefix_list_of(policy, e, i);
        return pl != NULL && bgp_prefix_list_count(pl) == 0;
}

static int apply(const struct bgp_policy *policy, const struct bgp_route_map *map,
                 const struct bgp_prefix *pfx, struct bgp_pattr *pa, unsigned depth)
{
        int ret = BGP_POLICY_PERMIT;
        size_t i = 0;

        if (map == NULL || map->n == 0 || depth > CALL_DEPTH_MAX)
                return BGP_POLICY_DENY;
        bool first = !map->optimization_disabled; /* still looking for the first match */
        while (i < map->n) {
                const struct bgp_route_map_entry *e = map->entries[i];
                int m = first && outside_prefix_tree(policy, e, pfx)
                            ? 0
                            : entry_matches(policy, e, pfx, pa);
                if (m < 0)
                        return m;
                if (m == 0) {
                        ret = BGP_POLICY_DENY;
                        i++;
                        continue;
                }
                first = false;
                if (e->action == BGP_POLICY_DENY)
                        return BGP_POLICY_DENY;
                ret = BGP_POLICY_PERMIT;
                int rc = apply_sets(e, pa);
                if (rc != 0)
                        return rc;
                if (e->call != NULL) {
                        /* An undefined callee changes nothing (route_map_apply_ext only
                         * recurses "if (nextrm)"); one that denies ends it all. */
                        const struct bgp_route_map *callee =
                            bgp_policy_find_route_map(policy, e->call);
                        if (callee != NULL) {
                                ret = apply(policy, callee, pfx, pa, depth + 1);
                                if (ret < 0)
                                        return ret;
                        }
                        if (ret == BGP_POLICY_DENY)
                                return BGP_POLICY_DENY;
                }
                switch (e->exit) {
                case BGP_RM_NEXT:
                        i++;
                        break;
                case BGP_RM_GOTO:
                        i++;
                        while (i < map->n && map->entries[i]->order < e->goto_order)
                                i++;
                        break;
                default:
                        return ret;
                }
        }
        return ret;
}

int bgp_route_map_apply(const struct bgp_policy *policy, const struct bgp_route_map *map,
                        const struct bgp_prefix *pfx, struct bgp_pattr *pa)
{
        return apply(policy, map, pfx, pa, 0);
}

int bgp_route_map_decided_deny(const struct bgp_policy *policy, const struct bgp_route_map *map,
                               const struct bgp_prefix *pfx, const struct bgp_pattr *pa)
{
        if (map == NULL || map->n == 0)
                return 1;
        /* The walk of apply() up to its first matching entry: until then no set clause has
         * run, so pa is what apply() would see, and the outcome is known when that entry
         * is a deny or when there is none. */
        bool first = !map->optimization_disabled;
        for (size_t i = 0; i < map->n; i++) {
                const struct bgp_route_map_entry *e = map->entries[i];
                int m = first && outside_prefix_tree(policy, e, pfx)
                            ? 0
                            : entry_matches(policy, e, pfx, pa);
                if (m < 0)
                        return m;
                if (m == 1)
                        return e->action == BGP_POLICY_DENY;
        }
        return 1;
}
