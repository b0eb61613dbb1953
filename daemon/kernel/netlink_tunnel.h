/*
 * netlink_tunnel.h - the rtnetlink encoding of tunnel.h's objects: a builder for each
 * request and a reader for each answer, shared by netlink_tunnel*.c and netlink_rule.c
 * and tested on their own (tests/check_tunnel_netlink.c) without a kernel.
 *
 * A builder writes one whole message at buf, which must hold NL_TUNNEL_MAX bytes, and
 * returns its length.  A reader takes a message as the kernel sends it in a dump or an
 * answer (the same layout as the request that creates the object) and returns false when
 * it is not one it can use.
 */
#ifndef LBGPD_NETLINK_TUNNEL_H
#define LBGPD_NETLINK_TUNNEL_H

#include <libmnl/libmnl.h>

#include "tunnel.h"

/* The largest request: a link with a 255-character alias and every attribute. */
#define NL_TUNNEL_MAX 1024

size_t nl_tunnel_link_request(void *buf, uint32_t seq, enum tunnel_change how,
                              const struct tunnel_link *l);
/* The alias of existing link ifindex, and nothing else: the second request of a create
 * (Linux ignores IFLA_IFALIAS when it creates a link). */
size_t nl_tunnel_link_alias(void *buf, uint32_t seq, uint32_t ifindex, const char *alias);
/* RTM_GETLINK for one name, answered with the link or ENODEV. */
size_t nl_tunnel_link_get(void *buf, uint32_t seq, const char *name);
bool nl_tunnel_link_parse(const struct nlmsghdr *nlh, struct tunnel_link *out);

size_t nl_tunnel_addr_request(void *buf, uint32_t seq, enum tunnel_change how,
                              const struct tunnel_addr *a);
bool nl_tunnel_addr_parse(const struct nlmsghdr *nlh, struct tunnel_addr *out);

size_t nl_tunnel_route_request(void *buf, uint32_t seq, enum tunnel_change how,
                               const struct tunnel_route *r);
bool nl_tunnel_route_parse(const struct nlmsghdr *nlh, struct tunnel_route *out);

size_t nl_tunnel_rule_request(void *buf, uint32_t seq, enum tunnel_change how,
                              const struct tunnel_rule *r);
bool nl_tunnel_rule_parse(const struct nlmsghdr *nlh, struct tunnel_rule *out);

/* The flags of a request that changes: create refuses to replace, modify replaces. */
uint16_t nl_tunnel_flags(enum tunnel_change how);

#endif /* LBGPD_NETLINK_TUNNEL_H */
