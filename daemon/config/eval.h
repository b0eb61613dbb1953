/*
 * eval.h - what FRR's filters would do with a prefix, worked out on the configuration's
 * plain structs, for the lints.  (The daemon filters with libbgp's policy engine; this is
 * only to reason about a configuration before it runs.)
 *
 * Route-maps can match on communities and AS paths, which a lone prefix does not have, so
 * their verdict has a third value: it depends on the route's attributes.
 */
#ifndef LBGPD_EVAL_H
#define LBGPD_EVAL_H

#include <stdbool.h>

#include "config.h"

enum eval_result {
        EVAL_DENY,
        EVAL_PERMIT,
        EVAL_DEPENDS, /* on attributes the prefix alone does not tell */
};

/* Whether entry e matches p (FRR lib/plist.c prefix_list_entry_match): p inside e's
 * prefix and, without ge/le, exactly as long; with them, its length within ge..le. */
bool eval_entry_matches(const struct config_prefix_entry *e, const struct bgp_prefix *p);

/* The list's verdict (FRR prefix_list_apply): the first matching entry by seq decides,
 * none matching denies, a list without entries permits.  *by: the deciding entry or NULL. */
enum config_action eval_prefix_list(const struct config_prefix_list *pl, const struct bgp_prefix *p,
                                    const struct config_prefix_entry **by);

/* A route-map's verdict on a route for prefix p in family af; an undefined route-map
 * denies everything, as in FRR. */
enum eval_result eval_route_map(const struct config *cfg, const char *name, enum config_af af,
                                const struct bgp_prefix *p);

/* Whether the neighbor's inbound filters (prefix-list, route-map) could accept p. */
bool eval_inbound_may_accept(const struct config *cfg, const struct config_neighbor *nb,
                             enum config_af af, const struct bgp_prefix *p);

/* Whether outer covers inner: same family, outer no longer, and inner inside it. */
bool eval_covers(const struct bgp_prefix *outer, const struct bgp_prefix *inner);

/* The more-specific of base at length len whose extra bits are all zero (last: all one). */
void eval_subprefix(const struct bgp_prefix *base, unsigned len, bool last, struct bgp_prefix *out);

#endif /* LBGPD_EVAL_H */
