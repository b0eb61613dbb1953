/*
 * kernel.h - lbgpd's interface to the kernel forwarding table (FIB).
 *
 * DOC: one interface, one backend per system.  On Linux it is rtnetlink through libmnl
 * (netlink*.c); on FreeBSD the route(4) socket (route_bsd.c, compiled only there and
 * untested here).  A struct kernel is a handle with no global state behind it: the
 * daemon may hold several, for instance one per table.
 *
 * Every route we write carries our own protocol number (Linux rtm_protocol; on FreeBSD
 * the RTF_PROTO1 flag) in one table.  That tag is what lets a restart remove the routes
 * of a previous run (kernel_flush_stale) without touching anyone else's, and on Linux
 * what confines a delete to our own routes: the kernel matches the protocol on delete.
 * A replace is not so confined: it takes over whatever route the kernel holds for the
 * same prefix, table and metric, whoever wrote it.  So our routes carry a metric of their
 * own, KERNEL_METRIC, and a route someone else put there for the same prefix is never
 * replaced, nor deleted with ours.
 *
 * Routes are written in batches.  A batch is a list of replace and delete operations
 * that kernel_batch_commit sends with many requests per system call and one
 * acknowledgement per chunk of them; a failing route is reported on its own and the rest
 * of the batch still goes in.  On Linux a route through a gateway names a nexthop object
 * of ours (netlink_nexthop.c says why), which kernel_flush_stale removes after the routes.
 * kernel_writer.h writes batches from a thread of its own.
 *
 * Interface and address state is read from the kernel when asked (kernel_ifindex,
 * kernel_if_addresses, kernel_resolve_nexthop); kernel_watch_fd() gives a descriptor for
 * the event loop that says when it changed (Linux only so far).
 *
 * Every function returns 0 (or a count) on success or a negative enum kernel_error.
 */
#ifndef LBGPD_KERNEL_H
#define LBGPD_KERNEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <bgp/msg.h> /* struct bgp_prefix, enum bgp_afi */

/*
 * The protocol number our routes carry.  The kernel reserves 0-4 and iproute2 names
 * some more (/etc/iproute2/rt_protos: bird 12, babel 42, bgp 186, ...).  OpenBGPD uses
 * RTPROT_BGP (186) and so does FRR, whose zebra also takes 187-198 for its other daemons
 * (196 is its "static").  201 is named by neither, so lbgpd can share a box with either
 * and each cleans up only its own routes.  To see a name in `ip route`, add the line
 * "201 lbgp" to /etc/iproute2/rt_protos.d/lbgp.conf.
 */
#define KERNEL_PROTO_DEFAULT 201

/*
 * The metric (Linux route priority) of every route we write.  Not the kernel's default
 * (IPv6 1024, IPv4 0: `ip route add`, router advertisements, DHCP clients), nor FRR's
 * zebra's (20) or BIRD's (32), so that a replace of ours never takes over their route for
 * the same prefix.  Above IPv6's default: such a route keeps precedence while both exist,
 * as a kernel route outranks BGP in FRR's zebra (distance 0 against 20), and so do the
 * connected routes (256).  FreeBSD's routes have no metric.
 */
#define KERNEL_METRIC 1025

/* The table routes go into unless the configuration names another. */
#if defined(__FreeBSD__)
#define KERNEL_TABLE_DEFAULT 0 /* FreeBSD's fib 0 */
#else
#define KERNEL_TABLE_DEFAULT 254 /* Linux RT_TABLE_MAIN */
#endif

/* Distinct from enum bgp_error (-5xx, -9xx), so a log line can tell which layer failed. */
enum kernel_error {
        KERNEL_OK = 0,
        /* An argument was out of range: family, prefix length, host bits, next hop. */
        KERNEL_ERR_INVALID = -601,
        /* Memory could not be allocated. */
        KERNEL_ERR_NOMEM = -602,
        /* The routing socket failed; errno says how. */
        KERNEL_ERR_SYSTEM = -603,
        /* No such interface, or no usable route to the address. */
        KERNEL_ERR_NOTFOUND = -604,
        /* A route call outside kernel_batch_begin()/kernel_batch_commit(). */
        KERNEL_ERR_STATE = -605,
        /* This backend does not do that (yet). */
        KERNEL_ERR_UNSUPPORTED = -606,
};

enum kernel_route_type {
        KERNEL_ROUTE_UNICAST = 0, /* forward to the next hop */
        KERNEL_ROUTE_BLACKHOLE,   /* drop silently */
        KERNEL_ROUTE_REJECT,      /* drop and answer ICMP unreachable */
};

/*
 * A next hop: an address, an interface, or both.  An IPv6 link-local address needs its
 * interface.  An IPv6 next hop for an IPv4 prefix (RFC 8950) is allowed where the
 * kernel can forward that way (Linux 5.2 and later, RTA_VIA).
 */
struct kernel_nexthop {
        uint16_t afi;     /* enum bgp_afi, or 0 for an interface-only route */
        uint8_t addr[16]; /* network byte order; IPv4 uses the first 4 octets */
        uint32_t ifindex; /* 0 lets the kernel choose the interface */
};

/* A route as the kernel holds it: what kernel_routes() reports. */
struct kernel_route {
        struct bgp_prefix prefix;
        enum kernel_route_type type;
        struct kernel_nexthop nexthop; /* zero unless type is KERNEL_ROUTE_UNICAST */
        uint32_t metric;               /* KERNEL_METRIC when we write */
};

/* Address flags from the kernel, for choosing an update-source address. */
enum kernel_addr_flag {
        KERNEL_ADDR_LINKLOCAL = 1u << 0,  /* scope link (fe80::/10, 169.254/16) */
        KERNEL_ADDR_TENTATIVE = 1u << 1,  /* duplicate address detection not done or failed */
        KERNEL_ADDR_DEPRECATED = 1u << 2, /* preferred lifetime over: not for new sessions */
};

struct kernel_addr {
        uint16_t afi; /* enum bgp_afi */
        uint8_t addr[16];
        uint8_t plen;
        uint8_t flags; /* enum kernel_addr_flag */
};

/* What a next-hop lookup found. */
struct kernel_resolved {
        uint32_t ifindex; /* the interface packets to the address leave by */
        bool connected;   /* on-link: the matching route has no gateway of its own */
        uint8_t protocol; /* the protocol number of the matching route */
};

struct kernel;

/*
 * Opens a handle on one table, tagging routes with protocol (see KERNEL_PROTO_DEFAULT;
 * Linux refuses 0-4, which mean something to the kernel or are the admin's "static").  On failure
 * errbuf says why, e.g. "netlink socket: Permission denied".  Returns 0, KERNEL_ERR_INVALID,
 * KERNEL_ERR_NOMEM or KERNEL_ERR_SYSTEM.
 */
int kernel_open(struct kernel **kp, uint32_t table, uint8_t protocol, char *errbuf, size_t errlen);
/* Closes the handle.  Routes stay in the kernel: kernel_flush_stale() removes them. */
void kernel_close(struct kernel *k);

uint32_t kernel_table(const struct kernel *k);
uint8_t kernel_protocol(const struct kernel *k);

/*
 * Removes every route of our protocol in our table, IPv6 and IPv4: at start, what a
 * previous run left behind; at stop, what this run installed.  Routes of other
 * protocols or other tables stay.  Returns the number removed or a negative error.
 */
int kernel_flush_stale(struct kernel *k);

/*
 * Calls fn for every route of our protocol in our table of family afi (0: both).
 * fn returns 0 to go on or anything else to stop.  Returns 0 or a negative error;
 * KERNEL_ERR_SYSTEM with errno EINTR means the kernel flagged the listing as cut by a
 * concurrent change (routes may have been missed or repeated): list again.
 */
typedef int kernel_route_fn(void *arg, const struct kernel_route *r);
int kernel_routes(struct kernel *k, uint16_t afi, kernel_route_fn *fn, void *arg);

/* ---- batches -------------------------------------------------------------------------- */

/* Starts an empty batch, dropping any operation queued and not committed. */
void kernel_batch_begin(struct kernel *k);

/*
 * Queues "install pfx, or replace whatever route of ours it has": type UNICAST needs
 * nh, BLACKHOLE and REJECT take NULL.  Nothing is sent until the commit.  Returns 0,
 * KERNEL_ERR_INVALID (bad prefix or next hop, e.g. link-local without an interface),
 * KERNEL_ERR_STATE (no batch begun) or KERNEL_ERR_NOMEM.
 */
int kernel_route_replace(struct kernel *k, const struct bgp_prefix *pfx,
                         const struct kernel_nexthop *nh, enum kernel_route_type type);
/* Queues the removal of our route for pfx.  Returns as kernel_route_replace(). */
int kernel_route_delete(struct kernel *k, const struct bgp_prefix *pfx);
/* The number of operations queued in the open batch. */
size_t kernel_batch_size(struct kernel *k);

/*
 * Called once per operation the kernel refused: r is the route (for a delete only its
 * prefix is set), sys_errno the kernel's answer (ENETUNREACH, ESRCH, ...), why its
 * extended-ACK text or NULL.
 */
typedef void kernel_result_fn(void *arg, const struct kernel_route *r, bool deleting, int sys_errno,
                              const char *why);

/*
 * Sends the batch and waits for the kernel's answer to each operation, calling fn
 * (may be NULL) for each failure; the batch is closed afterwards whatever happened.
 * Returns the number of operations that failed (0: all went in), or KERNEL_ERR_STATE
 * (no batch begun) or KERNEL_ERR_SYSTEM (the socket failed: fn was called with that
 * errno for every operation left unanswered, and the daemon should resynchronise).
 */
int kernel_batch_commit(struct kernel *k, kernel_result_fn *fn, void *arg);

/* ---- interfaces and next hops --------------------------------------------------------- */

/* The index of interface name, or KERNEL_ERR_NOTFOUND. */
int kernel_ifindex(struct kernel *k, const char *name, uint32_t *ifindex);

/*
 * The addresses of interface ifname of family afi (0: both), in the kernel's order,
 * for `update-source IFNAME`.  Stores up to n in out and returns how many there are
 * (which may exceed n), or KERNEL_ERR_NOTFOUND if there is no such interface.
 */
int kernel_if_addresses(struct kernel *k, const char *ifname, uint16_t afi, struct kernel_addr *out,
                        size_t n);

/*
 * Looks up the route the kernel would use towards nh (its afi and addr; ifindex
 * selects the link of a link-local address), with the system's rules, not only our
 * table.  Returns 0, KERNEL_ERR_NOTFOUND (no route, or a blackhole/reject route) or
 * KERNEL_ERR_INVALID.
 */
int kernel_resolve_nexthop(struct kernel *k, const struct kernel_nexthop *nh,
                           struct kernel_resolved *out);

/* ---- link and address changes --------------------------------------------------------- */

enum kernel_event_type {
        KERNEL_EVENT_LINK,     /* an interface appeared, changed state or went away */
        KERNEL_EVENT_ADDR_ADD, /* an address was added, or changed (e.g. DAD finished) */
        KERNEL_EVENT_ADDR_DEL, /* an address was removed */
        KERNEL_EVENT_RESYNC,   /* events were lost: re-read whatever the daemon relies on */
};

struct kernel_event {
        enum kernel_event_type type;
        uint32_t ifindex;
        bool up;                 /* LINK: administratively up and with carrier */
        bool gone;               /* LINK: the interface was deleted */
        struct kernel_addr addr; /* ADDR_ADD, ADDR_DEL */
};

/*
 * A nonblocking descriptor that becomes readable when interfaces or addresses change,
 * for the daemon's event loop; opened on the first call, the same one afterwards.
 * Returns the descriptor, KERNEL_ERR_SYSTEM or KERNEL_ERR_UNSUPPORTED (FreeBSD for now).
 */
int kernel_watch_fd(struct kernel *k);

/*
 * Reads every pending change and calls fn for each.  Returns how many there were (0:
 * none pending), KERNEL_ERR_STATE if kernel_watch_fd() was never called, or
 * KERNEL_ERR_SYSTEM.
 */
typedef void kernel_event_fn(void *arg, const struct kernel_event *ev);
int kernel_watch_read(struct kernel *k, kernel_event_fn *fn, void *arg);

/* A constant English description of a kernel_error code; never NULL. */
const char *kernel_strerror(int error);

#endif /* LBGPD_KERNEL_H */
