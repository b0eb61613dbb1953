/*
 * netlink_int.h - the Linux backend: struct kernel and the request/answer engine that
 * netlink.c, netlink_route.c, netlink_link.c and netlink_watch.c share.
 */
#ifndef LBGPD_NETLINK_INT_H
#define LBGPD_NETLINK_INT_H

#include <libmnl/libmnl.h>

#include "kernel_int.h"

/*
 * Requests go out in chunks of at most this many bytes per sendmsg(): far below the
 * socket send buffer (the kernel refuses a message larger than it) and large enough that
 * a system call carries hundreds of routes.
 */
#define NL_CHUNK (64 * 1024)
/* The largest route request we build (a 96-byte IPv6 route with every attribute). */
#define NL_ROUTE_MAX 256
/* Enough for one skb of a dump, which the kernel sizes up to 32 KiB. */
#define NL_RECV_SIZE (32 * 1024)

/* The next hops a handle has made kernel nexthop objects of (netlink_nexthop.c). */
#define NL_NEXTHOPS_MAX 64

struct nl_nexthop {
        struct kernel_nexthop nh; /* as the routes name it (ifindex may be 0) */
        uint32_t id;
};

struct kernel {
        struct mnl_socket *nl;
        uint32_t seq; /* the next sequence number to use */
        uint32_t table;
        uint8_t protocol;
        /* Requests per chunk, so that all their ACKs fit in the receive buffer at once. */
        uint32_t max_inflight;
        struct kernel_batch batch;
        /* Joined to the link and address groups on demand (kernel_watch_fd). */
        struct mnl_socket *watch;
        uint8_t *sendbuf; /* NL_CHUNK + NL_ROUTE_MAX */
        uint8_t *recvbuf; /* NL_RECV_SIZE */
        /* Per route of a chunk, 2 * max_inflight of each (netlink.c's send_ops): the
         * nexthop object it names, and those to send again with their gateway. */
        uint32_t *chunk_ids;
        struct kernel_op *chunk_retry;
        /* Nexthop objects: those made, the next id to try, and whether the kernel has them. */
        struct nl_nexthop nexthops[NL_NEXTHOPS_MAX];
        size_t n_nexthops;
        uint32_t nexthop_next_id;
        bool nexthops_off;
};

/*
 * One exchange: n requests numbered seq .. seq + n - 1 were sent, and each gets exactly
 * one answer, an ACK or an error for a plain request or NLMSG_DONE after a dump's data.
 */
struct nl_exchange {
        uint32_t seq, n;
        /* A data message (a route, an address); a nonzero return stops further calls. */
        int (*data)(void *arg, const struct nlmsghdr *nlh);
        /* The answer to request i: sys_errno 0 for success, why the extended-ACK text. */
        void (*answer)(void *arg, uint32_t i, int sys_errno, const char *why);
        void *arg;
        /* Out: how many requests were answered, from the first on (answers come in order). */
        uint32_t answered;
        /* Out: the kernel flagged a dump as cut by a concurrent change (NLM_F_DUMP_INTR). */
        bool interrupted;
};

/*
 * Sends len bytes of requests from buf and reads until each of them is answered.
 * Returns 0, or KERNEL_ERR_SYSTEM with errno set (a send or receive failed, timed out
 * or overran; x->answered says how far it got).
 */
int nl_send_recv(struct kernel *k, const void *buf, size_t len, struct nl_exchange *x);

/* Takes n sequence numbers for one exchange and returns the first. */
uint32_t nl_seq(struct kernel *k, uint32_t n);

/*
 * Writes the RTM_NEWROUTE or RTM_DELROUTE request for op at buf; returns its length.  A
 * nonzero nexthop_id names a nexthop object in place of op's gateway and interface.
 */
size_t nl_route_request(const struct kernel *k, const struct kernel_op *op, uint32_t nexthop_id,
                        void *buf, uint32_t seq);

/*
 * The id of a nexthop object for op's next hop, made on first use; 0 when the route is
 * to be written with its gateway instead (not a unicast route through a gateway of the
 * prefix's own family, a kernel without nexthop objects, or one that refused to make it,
 * e.g. an unreachable gateway: the route's own request then gets the kernel's answer).
 */
uint32_t nl_nexthop_id(struct kernel *k, const struct kernel_op *op);
/* Forgets every nexthop object this handle made (they may be gone from the kernel). */
void nl_nexthops_forget(struct kernel *k);
/* Removes the nexthop objects of our protocol, in use or not; the count, or an error. */
int nl_nexthops_flush(struct kernel *k);

/*
 * An mnl_attr_parse() callback for route messages: stores each attribute by type in the
 * array data (RTA_MAX + 1 entries), leaving out unknown ones and u32 ones of wrong size.
 */
int nl_route_attr(const struct nlattr *attr, void *data);

/* Reads an RTM_NEWADDR or RTM_DELADDR into out and its interface; false if unusable. */
bool nl_addr_parse(const struct nlmsghdr *nlh, struct kernel_addr *out, uint32_t *ifindex);

/* Address family conversions. */
int nl_family(uint16_t afi);
uint16_t nl_afi(int family);

#endif /* LBGPD_NETLINK_INT_H */
