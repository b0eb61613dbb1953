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
 * One object as a line in iproute2's words ("route 2001:db8::/64 dev gif0 table 1
 * metric 1024 proto 202"), without a newline.  Returns what snprintf returns.
 */
int plan_format(const struct tunnel_obj *o, char *buf, size_t len);

/* "main" for the main table, else the number. */
const char *plan_table_name(uint32_t table, char *buf, size_t len);

#endif /* LBGP_TUNNEL_PLAN_H */
