/*
 * ev_int.h - the inside of libbgp-event.
 */
#ifndef BGP_EV_INT_H
#define BGP_EV_INT_H

#include <event2/event.h>
#include <netinet/in.h>

#include <bgp/event.h>

#define BGP_EV_MAX_LISTENERS 8

struct bgp_ev_listener {
        struct bgp_ev *owner;
        int fd;
        int family;
        struct event *ev;
};

struct bgp_ev {
        struct event_base *base;
        struct bgp_ev_callbacks cb;
        void *user_data;
        struct bgp_ev_listener listeners[BGP_EV_MAX_LISTENERS];
        size_t n_listeners;
        struct bgp_ev_peer **peers;
        size_t n_peers;
        size_t cap_peers;
};

/* One TCP connection and the session that runs on it. */
struct bgp_ev_conn {
        struct bgp_ev_peer *peer;
        struct bgp_session *s;
        int fd;
        bool outgoing;
        bool connecting;   /* a non-blocking connect() in progress */
        bool closing;      /* the session dropped it: flush what is pending, then close */
        bool fail_pending; /* a connect failed inside a callback: report it from the loop */
        struct event *rd;
        struct event *wr;
        struct event *timer;
};

struct bgp_ev_peer {
        struct bgp_ev *owner;
        struct bgp_ev_peer_config cfg;
        char name[64];
        char *update_source;
        char *md5_password;
        bool started;
        /* Path attribute types every session of the peer drops on receipt (set by
         * bgp_ev_peer_set_discard(), applied to each session as it is made). */
        uint8_t discard[255];
        size_t n_discard;
        /* RFC 4271 6.8: our connection and the peer's may exist at once. */
        struct bgp_ev_conn out;
        struct bgp_ev_conn in;
};

/* peer.c */
/* A connection from a configured peer was accepted on fd. */
void bgp_ev_peer_accept(struct bgp_ev_peer *p, int fd);
void bgp_ev_peer_free(struct bgp_ev_peer *p);
/* Reads and drops what the peer sent and we have not read, at most 1 MiB, before a close:
 * closing with unread input sends a RST, which can destroy our NOTIFICATION on its way. */
void bgp_ev_drain_input(int fd);
void bgp_ev_log(struct bgp_ev *ev, struct bgp_ev_peer *p, enum bgp_log_level level, const char *fmt,
                ...) __attribute__((format(printf, 4, 5)));

/* ev.c */
/* Sets the listeners' minimum TTL for GTSM from the peers' configuration. */
void bgp_ev_update_listeners(struct bgp_ev *ev);
/* Adds a peer's TCP-MD5 key to the listeners of its family; a negative errno on failure. */
int bgp_ev_listeners_md5(struct bgp_ev *ev, struct bgp_ev_peer *p);

#endif /* BGP_EV_INT_H */
