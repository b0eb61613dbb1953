/*
 * bgp/event.h - libbgp-event: the optional libevent binding.
 *
 * It owns what the sans-I/O core leaves out: TCP connect and listen over IPv6 and IPv4,
 * update-source (an address or an interface name), GTSM (RFC 5082), TCP-MD5 (RFC 2385),
 * the timers, and connection collisions between the two connections one peer may have.
 * Security options fail closed: a peer whose GTSM or MD5 the kernel cannot enforce does
 * not start, and the log says why.  Only configured peers may connect; any other source
 * has its connection closed before a single byte is read.
 *
 * Link with -lbgp-event -lbgp $(pkg-config --libs libevent).
 */
#ifndef BGP_EVENT_H
#define BGP_EVENT_H

#include <sys/socket.h>

#include <bgp/error.h>
#include <bgp/session.h>

#ifdef __cplusplus
extern "C" {
#endif

struct event_base;
struct bgp_ev;
struct bgp_ev_peer;

#define BGP_EV_PEER_CONFIG_V1      1
#define BGP_EV_PEER_CONFIG_VERSION BGP_EV_PEER_CONFIG_V1

struct bgp_ev_peer_config {
        uint32_t version; /* BGP_EV_PEER_CONFIG_VERSION */
        struct bgp_session_config session;
        /* The peer's address; its port is the one we connect to (0 means 179). */
        struct sockaddr_storage remote;
        socklen_t remote_len;
        /* update-source: an address ("2001:db8:100::96") or an interface ("gre0"). */
        const char *update_source;
        /* ttl-security hops N (RFC 5082): send with TTL 255, accept only TTL >= 256 - N.
         * 0 is off. */
        int ttl_security_hops;
        /* TCP-MD5 (RFC 2385) password, NULL for none. */
        const char *md5_password;
        /* The IP TTL / IPv6 hop limit of every packet we send on the session, 1 to 255;
         * 0 leaves the system's default.  FRR gives a directly connected eBGP peer 1 and
         * `ebgp-multihop N` N.  Ignored with ttl_security_hops, which sends 255. */
        int ttl;
};

BGP_EXTERN void bgp_ev_peer_config_init(struct bgp_ev_peer_config *cfg);

#define BGP_EV_CALLBACKS_V1      1
#define BGP_EV_CALLBACKS_VERSION BGP_EV_CALLBACKS_V1

/* As struct bgp_callbacks, per peer; any member may be NULL. */
struct bgp_ev_callbacks {
        uint32_t version; /* BGP_EV_CALLBACKS_VERSION */
        void (*state_change)(struct bgp_ev_peer *p, enum bgp_state from, enum bgp_state to,
                             void *user_data);
        int (*update)(struct bgp_ev_peer *p, const struct bgp_update *upd,
                      const struct bgp_verdict *verdict, void *user_data);
        int (*route_refresh)(struct bgp_ev_peer *p, const struct bgp_route_refresh *rr,
                             void *user_data);
        void (*notification)(struct bgp_ev_peer *p, bool sent, const struct bgp_notification *n,
                             void *user_data);
        /* peer is NULL for messages about no peer (listeners, refused connections). */
        void (*log)(struct bgp_ev_peer *p, enum bgp_log_level level, const char *msg,
                    void *user_data);
};

BGP_EXTERN int bgp_ev_new(struct bgp_ev **out, struct event_base *base,
                          const struct bgp_ev_callbacks *cb, void *user_data);
BGP_EXTERN void bgp_ev_del(struct bgp_ev *ev);

/* Listens on addr (port 179 unless it says otherwise).  Returns 0 or a negative errno. */
BGP_EXTERN int bgp_ev_listen(struct bgp_ev *ev, const struct sockaddr *addr, socklen_t len);

/* Adds a configured peer (it starts in Idle).  Returns 0, BGP_ERR_INVALID_ARGUMENT or
 * BGP_ERR_NOMEM. */
BGP_EXTERN int bgp_ev_peer_add(struct bgp_ev *ev, const struct bgp_ev_peer_config *cfg,
                               struct bgp_ev_peer **out);
/* Starts the peer.  Fails closed with BGP_ERR_UNSUPPORTED when a security option cannot be
 * enforced by the kernel. */
BGP_EXTERN int bgp_ev_peer_start(struct bgp_ev_peer *p);
/* Stops it with Cease / Administrative Shutdown and the RFC 9003 message, if any. */
BGP_EXTERN int bgp_ev_peer_stop(struct bgp_ev_peer *p, const char *shutdown_msg);
/* The session that carries the peer now (the Established one when there is one). */
BGP_EXTERN struct bgp_session *bgp_ev_peer_session(struct bgp_ev_peer *p);
/* Drops path attributes of these types on receipt (bgp_session_set_discard()) on every
 * session of the peer: the one it has, the one the peer's own connection brings later, and
 * those after a restart.  0, or BGP_ERR_INVALID_ARGUMENT for a type that cannot be dropped
 * (nothing is changed). */
BGP_EXTERN int bgp_ev_peer_set_discard(struct bgp_ev_peer *p, const uint8_t *types, size_t n);
/* Queues a whole UPDATE message to an Established peer. */
BGP_EXTERN int bgp_ev_peer_send_update(struct bgp_ev_peer *p, const uint8_t *msg, size_t len);
BGP_EXTERN void *bgp_ev_user_data(const struct bgp_ev *ev);
BGP_EXTERN struct bgp_ev *bgp_ev_peer_owner(const struct bgp_ev_peer *p);
/* Our own address on the peer's current connection (the NEXT_HOP we announce):
 * 0, or BGP_ERR_INVALID_ARGUMENT when it has none. */
BGP_EXTERN int bgp_ev_peer_local_address(const struct bgp_ev_peer *p, struct sockaddr_storage *out);
/* "2001:db8::1" for logs. */
BGP_EXTERN const char *bgp_ev_peer_name(const struct bgp_ev_peer *p);

/* The current time as the binding feeds it to the sessions (CLOCK_MONOTONIC, ms). */
BGP_EXTERN bgp_time_ms bgp_ev_now(void);

#ifdef __cplusplus
}
#endif

#endif /* BGP_EVENT_H */
