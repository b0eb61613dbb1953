/*
 * tunnel.h - the kernel objects of a downstream tunnel, for lbgp-tunnel: the tunnel link,
 * IPv6 addresses, IPv6 routes in any table, and IPv6 policy rules.
 *
 * DOC: what is ours.  lbgp-tunnel must remove only what it created, and tell its own
 * objects from an administrator's that look the same.  Each object carries a mark the
 * kernel keeps:
 *   - a link: its alias (IFLA_IFALIAS, `ip link show` prints it) starts with
 *     TUNNEL_ALIAS_MARK;
 *   - a route: rtm_protocol TUNNEL_PROTO;
 *   - a rule: FRA_PROTOCOL TUNNEL_PROTO (Linux 4.17 and later);
 *   - an address: IFA_PROTO TUNNEL_PROTO (Linux 6.1 and later).
 *
 * The object types are system-independent; the requests that make them are Linux's
 * rtnetlink (netlink_tunnel*.c, netlink_rule.c) and go through the struct kernel handle
 * of kernel.h, one request and one acknowledgement at a time, so that a failure names
 * its object and the caller can undo exactly what went before it.
 *
 * Every function returns 0 (or a count) on success or a negative enum kernel_error.
 */
#ifndef LBGPD_TUNNEL_H
#define LBGPD_TUNNEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kernel.h"

/*
 * The protocol number of lbgp-tunnel's routes, rules and addresses.  Not lbgpd's 201
 * (KERNEL_PROTO_DEFAULT): lbgpd removes every route of its own protocol at start, and
 * must not take a tunnel's routes with them.  Named by neither iproute2 nor FRR.
 */
#define TUNNEL_PROTO 202
/* The start of the alias of every link lbgp-tunnel made. */
#define TUNNEL_ALIAS_MARK "lbgp-tunnel"
/* IFNAMSIZ: 15 characters and the NUL. */
#define TUNNEL_IFNAMSIZ 16
/* IFALIASZ: 255 characters and the NUL. */
#define TUNNEL_ALIASSIZ 256
/* The tables rtnetlink reserves: RT_TABLE_DEFAULT, RT_TABLE_MAIN, RT_TABLE_LOCAL. */
#define TUNNEL_TABLE_DEFAULT 253
#define TUNNEL_TABLE_MAIN    254
#define TUNNEL_TABLE_LOCAL   255
/* The metric an IPv6 route gets when none is given (IP6_RT_PRIO_USER). */
#define TUNNEL_METRIC_DEFAULT 1024

enum tunnel_kind {
        TUNNEL_KIND_SIT,    /* IPv6 in IPv4, IP protocol 41 (RFC 4213): FreeBSD's gif */
        TUNNEL_KIND_GRE,    /* GRE over IPv4 (RFC 2784; the key of RFC 2890) */
        TUNNEL_KIND_IP6GRE, /* GRE over IPv6 (RFC 7676) */
        /* A link someone else makes (another tool, a test's veth): lbgp-tunnel neither
         * creates, changes nor removes it, only what it puts on it and routes through it. */
        TUNNEL_KIND_EXTERNAL,
};

/* The family of the outer (delivery) addresses of a kind: BGP_AFI_IPV4 or _IPV6. */
uint16_t tunnel_kind_outer_afi(enum tunnel_kind kind);
/* "sit", "gre", "ip6gre" (Linux's IFLA_INFO_KIND) or "external". */
const char *tunnel_kind_name(enum tunnel_kind kind);

struct tunnel_link {
        char name[TUNNEL_IFNAMSIZ];
        enum tunnel_kind kind;
        uint8_t local[16]; /* outer addresses; IPv4 in the first 4 octets */
        uint8_t remote[16];
        bool has_key; /* GRE key (RFC 2890 section 2.1), the same in both directions */
        uint32_t key;
        uint8_t ttl; /* outer TTL or hop limit */
        uint32_t mtu;
        char alias[TUNNEL_ALIASSIZ]; /* TUNNEL_ALIAS_MARK, then the description if any */
        bool up;
        uint32_t ifindex; /* read back from the kernel; 0 in a request that creates */
};

/* An IPv6 address on an interface: a prefix, or a /128 with the far end's address. */
struct tunnel_addr {
        char ifname[TUNNEL_IFNAMSIZ];
        uint32_t ifindex;
        uint8_t addr[16];
        uint8_t plen;
        bool has_peer;
        uint8_t peer[16];
        uint8_t proto; /* IFA_PROTO: TUNNEL_PROTO when ours, 0 when not marked */
};

enum tunnel_route_type {
        TUNNEL_ROUTE_DEV,       /* out of an interface, no gateway (point-to-point, or on-link) */
        TUNNEL_ROUTE_BLACKHOLE, /* drop */
        /* Read back only: anything else (a gateway, several paths, unreachable, ...). */
        TUNNEL_ROUTE_OTHER,
};

/* An IPv6 route in one table. */
struct tunnel_route {
        struct bgp_prefix dst;
        enum tunnel_route_type type;
        char ifname[TUNNEL_IFNAMSIZ]; /* TUNNEL_ROUTE_DEV */
        uint32_t ifindex;
        uint32_t table;
        uint32_t metric;
        uint8_t proto;
};

/* An IPv6 rule "from PREFIX lookup TABLE" at a priority. */
struct tunnel_rule {
        struct bgp_prefix from;
        uint32_t table;
        uint32_t priority;
        uint8_t proto;
        bool plain; /* read back: no selector or action other than from, table, priority */
};

enum tunnel_obj_type {
        TUNNEL_OBJ_LINK,
        TUNNEL_OBJ_ADDR,
        TUNNEL_OBJ_ROUTE,
        TUNNEL_OBJ_RULE,
};

struct tunnel_obj {
        enum tunnel_obj_type type;
        union {
                struct tunnel_link link;
                struct tunnel_addr addr;
                struct tunnel_route route;
                struct tunnel_rule rule;
        } u;
};

/* ---- reading what the kernel holds (Linux) -------------------------------------------- */

/* The link named name: KERNEL_ERR_NOTFOUND when there is none.  A link of a kind other
 * than sit, gre or ip6gre reads as TUNNEL_KIND_EXTERNAL with only name, mtu, alias, up and
 * ifindex set. */
int tunnel_link_get(struct kernel *k, const char *name, struct tunnel_link *out);

/* Calls fn for each IPv6 address of interface ifindex; fn returns nonzero to stop. */
typedef int tunnel_addr_fn(void *arg, const struct tunnel_addr *a);
int tunnel_addrs(struct kernel *k, uint32_t ifindex, tunnel_addr_fn *fn, void *arg);

/* Calls fn for each IPv6 unicast or blackhole route of table, whatever its protocol. */
typedef int tunnel_route_fn(void *arg, const struct tunnel_route *r);
int tunnel_routes(struct kernel *k, uint32_t table, tunnel_route_fn *fn, void *arg);

/* Calls fn for each IPv6 rule that looks a table up, whatever its protocol. */
typedef int tunnel_rule_fn(void *arg, const struct tunnel_rule *r);
int tunnel_rules(struct kernel *k, tunnel_rule_fn *fn, void *arg);

/* ---- changing it (Linux) -------------------------------------------------------------- */

/* What the kernel said when it refused a change. */
struct tunnel_error {
        int sys_errno;
        char why[160]; /* its extended-ACK text, or empty */
};

/*
 * Creates, changes or deletes one object and waits for the kernel's answer.  Create
 * fails if the object exists (NLM_F_EXCL); a link is created, then given its alias (Linux
 * ignores an alias in the request that creates), and deleted again if that fails, so
 * that it never stays without its mark.  Change replaces a link's parameters, MTU,
 * alias and state, or a route with the same table, prefix and metric (NLM_F_REPLACE);
 * delete removes a link by ifindex, an address by interface and address, a route by
 * table, prefix, metric and protocol, a rule by all its fields.  Addresses and routes
 * need their ifindex set.  Returns 0, KERNEL_ERR_INVALID (nothing to send: a change of an
 * address or rule, a kind external link) or KERNEL_ERR_SYSTEM with err filled.
 */
enum tunnel_change {
        TUNNEL_CREATE,
        TUNNEL_MODIFY,
        TUNNEL_DELETE,
};
int tunnel_obj_change(struct kernel *k, enum tunnel_change how, const struct tunnel_obj *obj,
                      struct tunnel_error *err);

#endif /* LBGPD_TUNNEL_H */
