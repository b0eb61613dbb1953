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
#include <time.h>

#include <bgp/bgp.h>
#include <bgp/event.h>

#include "config.h"
#include "kernel.h"

struct lbgpd_peer {
        struct lbgpd *d;
        const struct config_neighbor *nb;
        struct bgp_ev_peer *ev;
        struct bgp_router_peer *rp;
        uint16_t max_prefix_restart; /* minutes */
        time_t up_since;             /* when Established, for peerUptime; 0 when not */
        uint32_t dropped;            /* Established sessions lost (connectionsDropped) */
};

struct lbgpd {
        struct event_base *base;
        struct config *cfg;
        const char *config_path;
        struct bgp_policy *policy;
        struct bgp_router *router;
        struct bgp_ev *ev;
        struct kernel *kernel;
        struct lbgpd_peer *peers;
        size_t n_peers;
        struct event *sig_term, *sig_int, *sig_hup;
        struct lbgpd_control *control;
        /* Settling best paths once per burst of UPDATEs, not once per UPDATE. */
        struct event *settle_ev;
        bool settle_pending;
        int verbose;
};

/* policy_build.c: the configuration's lists and route-maps as a struct bgp_policy. */
int lbgpd_policy_build(const struct config *cfg, struct bgp_policy **out, char *err, size_t errlen);

/* speaker.c */
int lbgpd_speaker_start(struct lbgpd *d);
void lbgpd_speaker_stop(struct lbgpd *d);
void lbgpd_speaker_free(struct lbgpd *d);
/* The router's view of a neighbor, from the configuration. */
void lbgpd_router_config(const struct lbgpd_peer *p, struct bgp_router_peer_config *c);
/* Runs every peer's pending UPDATEs into its session. */
void lbgpd_flush(struct lbgpd *d);

/* fib.c */
int lbgpd_fib_open(struct lbgpd *d);
void lbgpd_fib_close(struct lbgpd *d);
/* The router's best-path changes, for the kernel. */
void lbgpd_fib_changes(const struct bgp_rib_change *c, size_t n, void *user_data);
/* network statements: originated while a static route covers them (FRR's rule). */
int lbgpd_originate(struct lbgpd *d);

/* control.c: the lbgpctl socket at path, and its read-only twin path.ro. */
int lbgpd_control_open(struct lbgpd *d, const char *path);
void lbgpd_control_close(struct lbgpd *d);

void lbgpd_log(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif /* LBGPD_H */
