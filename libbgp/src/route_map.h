/*
 * route_map.h - the insides of a route-map, shared by its configuration (route_map.c) and
 * its evaluation (route_map_apply.c).
 */
#ifndef BGP_ROUTE_MAP_H
#define BGP_ROUTE_MAP_H

#include <stdbool.h>
#include <stdint.h>

#include "policy_int.h"

/* An entry ("route-map NAME permit|deny ORDER" and its clauses).  Entries are allocated one
 * by one: callers hold pointers to them. */
struct bgp_route_map_entry {
        const struct bgp_mem *mem;
        uint32_t order;
        uint8_t action; /* enum bgp_policy_action */

        /* Matches: list names, NULL when the clause is absent. */
        char *match_prefix_list[2]; /* [0] "match ip ...", [1] "match ipv6 ..." */
        char *match_community;
        bool match_community_exact;
        char *match_large_community;
        bool match_large_community_exact;
        char *match_as_path;

        /* Sets.  Communities are kept as FRR compiles them (sorted, without duplicates);
         * large communities and AS numbers as given. */
        bool set_community;
        bool community_none;
        bool community_additive;
        uint32_t *community;
        size_t n_community;
        bool set_large_community;
        bool large_community_none;
        bool large_community_additive;
        struct bgp_large_community *large_community;
        size_t n_large_community;
        uint32_t *prepend; /* "set as-path prepend", NULL when absent */
        size_t n_prepend;
        bool set_local_pref;
        uint8_t local_pref_op; /* enum bgp_route_map_value_op */
        uint32_t local_pref;
        bool set_metric;
        uint8_t metric_op;
        uint32_t metric;
        bool set_next_hop6;
        uint8_t next_hop6[16];
        char *call;

        /* The prefix-lists match_prefix_list names, as last looked up, while the policy's
         * generation is still pl_generation: a route-map runs once per prefix, and a
         * lookup by name each time was a tenth of a full table's load.  Written during
         * bgp_route_map_apply(), which is why a policy is not for concurrent use. */
        const struct bgp_prefix_list *pl_cached[2];
        uint64_t pl_generation;

        uint8_t exit; /* enum bgp_route_map_exit */
        uint32_t goto_order;

        /* When each clause was last set (indexed by enum bgp_route_map_clause): FRR keeps
         * match and set clauses in the order they were configured and prints them so. */
        uint32_t stamp[BGP_RM_CALL + 1];
        uint32_t next_stamp;
};

struct bgp_route_map {
        struct bgp_policy_obj obj;
        struct bgp_route_map_entry **entries; /* by order */
        size_t n;
        size_t cap;
        /* "no route-map NAME optimization" (see route_map_apply.c). */
        bool optimization_disabled;
};

#endif /* BGP_ROUTE_MAP_H */
