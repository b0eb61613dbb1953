/*
 * plan.h - the kernel objects a tunnel description stands for, in the order `apply`
 * creates them (and `down` removes them, backwards).
 *
 * The order is what keeps each step safe on its own: the link first (with its MTU, its
 * alias and up, in one request), then the addresses, then the routes, and the rules last,
 * so that no traffic is steered into a table before the table has its routes.  When
 * rules steer traffic into a table of its own, the table also gets a blackhole default
 * at the largest metric: if the tunnel goes away, traffic from our prefix is dropped
 * instead of falling through to the main table and leaving by the provider's link with a
 * source address the provider drops as spoofed.
 */
#ifndef LBGP_TUNNEL_PLAN_H
#define LBGP_TUNNEL_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#include "tconf.h"
#include "tunnel.h"

/* A link, its inner address, and each list of the description, and the blackhole. */
#define PLAN_MAX (3 + 4 * TCONF_MAX)
/* The outer TTL or hop limit when the file gives none. */
#define PLAN_TTL_DEFAULT 64
/* The metric of the blackhole default: after every other route of the table. */
#define PLAN_BLACKHOLE_METRIC UINT32_MAX

struct plan {
        struct tunnel_obj obj[PLAN_MAX];
        size_t n;
};

/* The objects of a validated description, in creation order. */
void plan_build(const struct tunnel_conf *c, struct plan *p);

/*
 * Whether a and b are the same kernel object, perhaps in different states: the key
 * observe.c reads the kernel by (a link's name; an address's interface and address; a
 * route's table, prefix and metric; a rule's priority, source and table).
 */
bool plan_same_key(const struct tunnel_obj *a, const struct tunnel_obj *b);

/*
 * The objects of old's plan that new's plan has no object of the same key for: what is
 * left over when a description changes from old to new, and has to be removed; and old's
 * link when new's is of another kind, which no request can change.  0, or -1 when memory
 * ran out (p is then empty).
 */
int plan_stale(const struct tunnel_conf *old, const struct tunnel_conf *new, struct plan *p);

/*
 * One object as a line in iproute2's words ("route 2001:db8::/64 dev gif0 table 1
 * metric 1024 proto 202"), without a newline.  Returns what snprintf returns.
 */
int plan_format(const struct tunnel_obj *o, char *buf, size_t len);

/* "main" for the main table, else the number. */
const char *plan_table_name(uint32_t table, char *buf, size_t len);

#endif /* LBGP_TUNNEL_PLAN_H */
