/*
 * lbgpd.h - the daemon's parts and what they share.
 *
 * One libevent loop.  The configuration (daemon/config) is turned into libbgp policy
 * objects (policy_build.c); each neighbor is a peer of the libevent binding and of the
 * library's router (speaker.c); best paths and static routes go to the kernel (fib.c).
 */
#ifndef LBGPD_H
#define LBGPD_H

#include <event2/event.h>
#include <stdio.h>
#include <sys/types.h>
#include <time.h>

#include <bgp/bgp.h>
#include <bgp/event.h>

#include "config.h"
#include "kernel.h"
#include "kernel_writer.h"
#include "log.h"

struct lbgpd_peer {
        struct lbgpd *d;
        const struct config_neighbor *nb;
        struct bgp_ev_peer *ev;
        struct bgp_router_peer *rp;
        uint16_t max_prefix_restart; /* minutes */
        /* Our address on the session, the NEXT_HOP we send; nh_afi 0 until it is known. */
        uint16_t nh_afi;
        uint8_t next_hop[16];
        /* Our link-local address on the peer's link, sent beside next_hop (RFC 2545 3). */
        bool has_ll_next_hop;
        uint8_t ll_next_hop[16];
        time_t up_since; /* when Established, for peerUptime; 0 when not */
        /* The last NOTIFICATION of the session, for the %ADJCHANGE Down reason. */
        struct {
                bool fresh; /* since the session last came up */
                bool sent;
                uint8_t code, subcode;
        } notif;
        uint32_t dropped; /* Established sessions lost (connectionsDropped) */
        size_t outq_peak; /* the most octets its output queue has held (lbgpd_flush) */
};

/* A peer's output queue (octets its socket has not taken) stops taking UPDATEs at this
 * size; lbgpd_flush() tries again every LBGPD_OUTQ_RETRY_MS until it has room. */
#define LBGPD_OUTQ_CAP      (256 * 1024)
#define LBGPD_OUTQ_RETRY_MS 10

/* Route operations the kernel writer gathers while it writes the previous lot: about
 * 1 MiB, twice, and enough to fold most of a load's churn; past it, the loop waits. */
#define LBGPD_FIB_QUEUE 16384

/* memcount.c: the bytes and blocks the router holds now, for `show bgp summary json`. */
struct lbgpd_memcount {
        size_t bytes;
        size_t blocks;
};
void lbgpd_memcount_hooks(struct lbgpd_memcount *mc, struct bgp_mem *out);

struct lbgpd {
        struct event_base *base;
        struct config *cfg;
        const char *config_path;
        struct bgp_policy *policy;
        struct bgp_router *router;
        struct bgp_ev *ev;
        /* Best BGP paths go into table `table` (lbgpd -t); the static routes stay in the
         * main table, as FRR's staticd puts them there: kernel_static is kernel when the
         * two are the same table, a second handle on the main table otherwise. */
        uint32_t table;
        struct kernel *kernel;
        struct kernel *kernel_static;
        /* Best paths go to the kernel from a thread of their own (kernel_writer.h), which
         * reports refusals through fib_fail_ev. */
        struct kernel_writer *fib_writer;
        struct event *fib_fail_ev;
        struct lbgpd_peer *peers;
        size_t n_peers;
        struct event *sig_term, *sig_int, *sig_hup;
        struct lbgpd_control *control;
        /* Strings sessions point at, which must outlive any one configuration. */
        char **kept;
        size_t n_kept;
        /* Settling best paths once per burst of UPDATEs, not once per UPDATE. */
        struct event *settle_ev;
        /* lbgpd_flush() again, while some peer's output queue is at LBGPD_OUTQ_CAP. */
        struct event *flush_ev;
        bool settle_pending;
        int verbose;
        /* RFC 9687's send hold time of every session (lbgpd --send-hold-time), seconds;
         * 0: the RFC's default, the larger of 8 minutes and twice the hold time. */
        uint16_t send_hold_time;
        /* What the router holds, through its allocator hooks (memcount.c). */
        struct lbgpd_memcount router_mem_count;
        struct bgp_mem router_mem;
        /* Per tunnel section of cfg: its last apply failed, so a reload tries it again. */
        bool *tunnel_failed;
};

/* policy_build.c: the configuration's lists and route-maps as a struct bgp_policy. */
int lbgpd_policy_build(const struct config *cfg, struct bgp_policy **out, char *err, size_t errlen);

/* policy_build.c, for a reload: the router keeps its struct bgp_policy, so the objects a
 * configuration made are removed from it and the next configuration's are put in. */
int lbgpd_policy_fill(const struct config *cfg, struct bgp_policy *p, char *err, size_t errlen);
void lbgpd_policy_clear(const struct config *cfg, struct bgp_policy *p);

/* speaker.c */
int lbgpd_speaker_start(struct lbgpd *d);
void lbgpd_speaker_stop(struct lbgpd *d);
void lbgpd_speaker_free(struct lbgpd *d);
/* The router's view of a neighbor, from the configuration. */
void lbgpd_router_config(const struct lbgpd_peer *p, struct bgp_router_peer_config *c);
/* Runs every peer's pending UPDATEs into its session. */
void lbgpd_flush(struct lbgpd *d);
/* Settles best paths (kernel, Adj-RIBs-Out), then flushes. */
void lbgpd_settle(struct lbgpd *d);
/* A neighbor's peer in the binding and in the router, started unless shut down. */
int lbgpd_peer_open(struct lbgpd *d, struct lbgpd_peer *p);
/* ... and taken out of both, with a Cease of this subcode if its session is up. */
void lbgpd_peer_close(struct lbgpd *d, struct lbgpd_peer *p, uint8_t cease_subcode);
/* The neighbor's settings in its own address family (the one lbgpd runs for it). */
const struct config_neighbor_af *lbgpd_peer_af(const struct lbgpd_peer *p);
/* Cease/Maximum Number of Prefixes Reached, and down until the restart time. */
void lbgpd_max_prefix_exceeded(struct lbgpd_peer *p, size_t count);
/* The most routes, filtered ones included, kept from the peer (speaker.c). */
uint32_t lbgpd_max_received(const struct lbgpd_peer *p);

/* reload.c: SIGHUP and `lbgpctl reload`.  The answer for lbgpctl goes to reply (may be
 * NULL); it starts with "% " when the reload was refused.  0, or -1 when refused. */
int lbgpd_reload(struct lbgpd *d, FILE *reply);

/* tunnels.c: the configuration's `tunnel` sections, applied by lbgp-tunnel's apply.  At
 * start: each one, before the routes and sessions that may name it (a failure is logged,
 * not fatal); -1 only when memory runs out. */
int lbgpd_tunnels_start(struct lbgpd *d);
struct lbgpd_tunnel_tally {
        size_t kept, added, changed, removed, failed;
};
/* A reload to next, before it becomes the running configuration: removed sections taken
 * down, added and changed ones (and those whose last apply failed) applied, others left
 * alone.  Failures go to the log and to reply.  -1 only when memory runs out. */
int lbgpd_tunnels_reload(struct lbgpd *d, const struct config *next, FILE *reply,
                         struct lbgpd_tunnel_tally *t);
/* Forgets; the tunnels stay in the kernel (tunnels.c says why). */
void lbgpd_tunnels_free(struct lbgpd *d);

/* fib.c */
int lbgpd_fib_open(struct lbgpd *d);
void lbgpd_fib_close(struct lbgpd *d);
/* The router's best-path changes, for the kernel. */
void lbgpd_fib_changes(const struct bgp_rib_change *c, size_t n, void *user_data);
/* network statements: originated while a static route covers them (FRR's rule). */
int lbgpd_originate(struct lbgpd *d);
/* A reload: static routes and networks of old that changed, in the kernel and the RIB. */
void lbgpd_fib_reload(struct lbgpd *d, const struct config *old);
int lbgpd_originate_reload(struct lbgpd *d, const struct config *old);

/* control.c: the lbgpctl socket at path, and its read-only twin path.ro, which belongs to
 * ro_group (mode 0660), or to everyone (0666) when ro_group is (gid_t)-1. */
int lbgpd_control_open(struct lbgpd *d, const char *path, gid_t ro_group);
void lbgpd_control_close(struct lbgpd *d);

/* link_local.c: our link-local address on the interface holding `local`, when `peer`
 * shares that interface's subnet (RFC 2545 3); false when there is none. */
bool lbgpd_link_local_for(const uint8_t local[16], const uint8_t peer[16], uint8_t out[16]);

#endif /* LBGPD_H */
