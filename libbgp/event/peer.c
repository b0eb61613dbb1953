/*
 * peer.c - a configured peer of libbgp-event: its connections, their sockets and timers.
 *
 * A peer has up to two connections, each with its own session: the one we open (out)
 * and the one the peer opens (in).  When both reach OpenConfirm, RFC 4271 6.8 decides
 * which stays (bgp_session_collision()).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ev_int.h"
#include "sockopt.h"

void bgp_ev_log(struct bgp_ev *ev, struct bgp_ev_peer *p, enum bgp_log_level level, const char *fmt,
                ...)
{
        char msg[512];
        va_list ap;

        if (ev->cb.log == NULL)
                return;
        va_start(ap, fmt);
        vsnprintf(msg, sizeof(msg), fmt, ap);
        va_end(ap);
        ev->cb.log(p, level, msg, ev->user_data);
}

void bgp_ev_peer_config_init(struct bgp_ev_peer_config *cfg)
{
        memset(cfg, 0, sizeof(*cfg));
        cfg->version = BGP_EV_PEER_CONFIG_VERSION;
        bgp_session_config_init(&cfg->session);
}

static void conn_service(struct bgp_ev_conn *c);

static void conn_close_fd(struct bgp_ev_conn *c)
{
        if (c->rd != NULL)
                event_free(c->rd);
        if (c->wr != NULL)
                event_free(c->wr);
        c->rd = c->wr = NULL;
        if (c->fd >= 0)
                close(c->fd);
        c->fd = -1;
        c->connecting = false;
        c->closing = false;
}

/* ---- socket events ------------------------------------------------------------------ */

static void on_read(evutil_socket_t fd, short what, void *arg)
{
        struct bgp_ev_conn *c = arg;
        uint8_t buf[65536];
        (void)what;

        ssize_t n = read(fd, buf, sizeof(buf));
        bgp_time_ms now = bgp_ev_now();
        if (n > 0) {
                long rc = bgp_session_recv(c->s, buf, (size_t)n, now);
                if (rc < 0)
                        bgp_ev_log(c->peer->owner, c->peer, BGP_LOG_ERR, "receive: %s",
                                   bgp_strerror((int)rc));
        } else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
                if (n < 0)
                        bgp_ev_log(c->peer->owner, c->peer, BGP_LOG_INFO, "connection: %s",
                                   strerror(errno));
                /* The session may still hold a NOTIFICATION; the socket is gone anyway. */
                conn_close_fd(c);
                bgp_session_tcp_failed(c->s, now);
        }
        conn_service(c);
}

/*
 * A write failed: the peer reset or closed the connection.  What it sent before, its
 * NOTIFICATION among it (RFC 4271 6: it says why before it closes), may still wait in the
 * socket; the session reads it first, so that it learns why and not only that the
 * connection went.  Bounded, as everything read at a close.
 */
static void read_remaining(struct bgp_ev_conn *c, bgp_time_ms now)
{
        uint8_t buf[65536];
        for (int i = 0; i < 16 && c->fd >= 0; i++) {
                ssize_t n = read(c->fd, buf, sizeof(buf));
                if (n <= 0)
                        break;
                (void)bgp_session_recv(c->s, buf, (size_t)n, now);
        }
}

static void on_write(evutil_socket_t fd, short what, void *arg)
{
        struct bgp_ev_conn *c = arg;
        bgp_time_ms now = bgp_ev_now();
        (void)what;

        if (c->connecting) {
                int err = 0;
                socklen_t len = sizeof(err);
                getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
                c->connecting = false;
                if (err != 0) {
                        bgp_ev_log(c->peer->owner, c->peer, BGP_LOG_INFO, "connect: %s",
                                   strerror(err));
                        conn_close_fd(c);
                        bgp_session_tcp_failed(c->s, now);
                        conn_service(c);
                        return;
                }
                event_add(c->rd, NULL);
                bgp_session_tcp_connected(c->s, now);
                conn_service(c);
                return;
        }
        const uint8_t *data;
        size_t n = bgp_session_send(c->s, &data, now);
        if (n > 0) {
                ssize_t w = write(fd, data, n);
                if (w > 0) {
                        bgp_session_sent(c->s, (size_t)w, now);
                } else if (w < 0 && errno != EAGAIN && errno != EINTR) {
                        read_remaining(c, now);
                        conn_close_fd(c);
                        bgp_session_tcp_failed(c->s, now);
                }
        }
        conn_service(c);
}

static void on_timer(evutil_socket_t fd, short what, void *arg)
{
        struct bgp_ev_conn *c = arg;
        (void)fd;
        (void)what;
        if (c->fail_pending) {
                c->fail_pending = false;
                bgp_session_tcp_failed(c->s, bgp_ev_now());
        }
        bgp_session_handle_expiry(c->s, bgp_ev_now());
        conn_service(c);
}

/*
 * Closing a socket with unread input sends a RST instead of a FIN (RFC 2525 2.17), and a
 * RST makes the peer's kernel drop what it has not handed to the peer yet: our last
 * NOTIFICATION, when the peer was still sending (a leak torn down, garbage answered).
 * Read what it sent just before closing; bounded, since a peer may send without end.
 */
void bgp_ev_drain_input(int fd)
{
        uint8_t sink[16384];
        for (int i = 0; i < 64 && read(fd, sink, sizeof(sink)) > 0; i++)
                ;
}

/*
 * After every call into a session: write what it has, arm its timer, close a dropped
 * connection once its last bytes (the NOTIFICATION) are out.
 */
static void conn_service(struct bgp_ev_conn *c)
{
        if (c->s == NULL)
                return;
        if (c->fd >= 0 && !c->connecting) {
                const uint8_t *data;
                size_t n;
                bgp_time_ms now = bgp_ev_now();
                while ((n = bgp_session_send(c->s, &data, now)) > 0) {
                        ssize_t w = write(c->fd, data, n);
                        if (w <= 0)
                                break;
                        bgp_session_sent(c->s, (size_t)w, now);
                }
                if (bgp_session_pending(c->s) > 0) {
                        event_add(c->wr, NULL);
                } else if (c->closing) {
                        bgp_ev_drain_input(c->fd);
                        conn_close_fd(c);
                } else {
                        event_del(c->wr);
                }
        }
        bgp_time_ms at = bgp_session_expiry(c->s);
        if (at == BGP_TIME_NEVER) {
                event_del(c->timer);
        } else {
                bgp_time_ms now = bgp_ev_now();
                bgp_time_ms in = at > now ? at - now : 0;
                struct timeval tv = {(time_t)(in / 1000), (suseconds_t)(in % 1000) * 1000};
                event_add(c->timer, &tv);
        }
}

/* ---- session callbacks -------------------------------------------------------------- */

/* Each session's user data is its connection. */
static struct bgp_ev_conn *conn_of(struct bgp_session *s, void *ud)
{
        (void)s;
        return ud;
}

static struct bgp_ev_peer *peer_of(void *ud)
{
        return ((struct bgp_ev_conn *)ud)->peer;
}

/* A failure found inside a session callback is reported from the loop, not re-entered. */
static void fail_later(struct bgp_ev_conn *c)
{
        struct timeval zero = {0, 0};
        c->fail_pending = true;
        event_add(c->timer, &zero);
}

static int open_socket(struct bgp_ev_conn *c)
{
        struct bgp_ev_peer *p = c->peer;
        struct bgp_ev *ev = p->owner;
        int family = p->cfg.remote.ss_family;
        int rc;

        c->fd = socket(family, SOCK_STREAM, 0);
        if (c->fd < 0)
                return -errno;
        rc = bgp_sockopt_nonblock(c->fd);
        if (rc == 0 && p->cfg.ttl_security_hops > 0) {
                rc = bgp_sockopt_gtsm(c->fd, family, 256 - p->cfg.ttl_security_hops);
                if (rc != 0)
                        bgp_ev_log(ev, p, BGP_LOG_ERR, "ttl-security cannot be enforced: %s",
                                   strerror(-rc));
        }
        if (rc == 0 && p->cfg.ttl_security_hops == 0 && p->cfg.ttl > 0) {
                rc = bgp_sockopt_ttl(c->fd, family, p->cfg.ttl);
                if (rc != 0)
                        bgp_ev_log(ev, p, BGP_LOG_ERR, "TTL %d: %s", p->cfg.ttl, strerror(-rc));
        }
        if (rc == 0 && p->md5_password != NULL) {
                rc = bgp_sockopt_md5(c->fd, (struct sockaddr *)&p->cfg.remote, p->cfg.remote_len,
                                     p->md5_password);
                if (rc != 0)
                        bgp_ev_log(ev, p, BGP_LOG_ERR, "TCP-MD5 cannot be enforced: %s",
                                   strerror(-rc));
        }
        if (rc == 0 && p->update_source != NULL) {
                rc = bgp_sockopt_bind_source(c->fd, family, p->update_source);
                if (rc != 0)
                        bgp_ev_log(ev, p, BGP_LOG_ERR, "update-source %s: %s", p->update_source,
                                   strerror(-rc));
        }
        if (rc != 0) {
                close(c->fd);
                c->fd = -1;
        }
        return rc;
}

static int conn_events(struct bgp_ev_conn *c)
{
        struct event_base *base = c->peer->owner->base;
        c->rd = event_new(base, c->fd, EV_READ | EV_PERSIST, on_read, c);
        c->wr = event_new(base, c->fd, EV_WRITE | EV_PERSIST, on_write, c);
        if (c->rd == NULL || c->wr == NULL)
                return BGP_ERR_NOMEM;
        return 0;
}

static int cb_connect(struct bgp_session *s, void *ud)
{
        struct bgp_ev_conn *c = conn_of(s, ud);
        struct bgp_ev_peer *p = c->peer;

        if (c->fd >= 0)
                conn_close_fd(c);
        /* While the peer's own connection is up, ours would only collide with it. */
        if (p->in.s != NULL && bgp_session_state(p->in.s) >= BGP_STATE_OPENCONFIRM)
                return 0;
        int rc = open_socket(c);
        if (rc != 0) {
                /* Fail closed: a peer whose security options cannot be set stays down. */
                fail_later(c);
                return 0;
        }
        if (conn_events(c) != 0) {
                conn_close_fd(c);
                return BGP_ERR_NOMEM;
        }
        if (connect(c->fd, (struct sockaddr *)&p->cfg.remote, p->cfg.remote_len) < 0 &&
            errno != EINPROGRESS) {
                bgp_ev_log(p->owner, p, BGP_LOG_INFO, "connect: %s", strerror(errno));
                conn_close_fd(c);
                fail_later(c);
                return 0;
        }
        c->connecting = true;
        event_add(c->wr, NULL);
        return 0;
}

static void cb_disconnect(struct bgp_session *s, void *ud)
{
        struct bgp_ev_conn *c = conn_of(s, ud);
        /* Closed already (a read or write that failed closed it): nothing is left to flush,
         * and a mark left standing would close the next connection as soon as its OPEN is
         * written, with the session none the wiser (stuck in OpenSent). */
        if (c->fd < 0)
                return;
        c->closing = true;
        if (c->connecting)
                conn_close_fd(c);
}

static void cb_state(struct bgp_session *s, enum bgp_state from, enum bgp_state to, void *ud)
{
        struct bgp_ev_peer *p = peer_of(ud);
        struct bgp_ev_conn *c = conn_of(s, ud);
        struct bgp_ev_conn *other = c == &p->out ? &p->in : &p->out;

        if (p->owner->cb.state_change != NULL)
                p->owner->cb.state_change(p, from, to, p->owner->user_data);
        /* RFC 4271 6.8: the second connection to reach OpenConfirm meets the first. */
        if (to == BGP_STATE_OPENCONFIRM && other->s != NULL &&
            bgp_session_state(other->s) >= BGP_STATE_OPENCONFIRM) {
                struct bgp_session *loser = bgp_session_collision(other->s, s, bgp_ev_now());
                if (loser != NULL)
                        bgp_ev_log(p->owner, p, BGP_LOG_INFO,
                                   "connection collision: closing the %s connection",
                                   loser == p->out.s ? "outgoing" : "incoming");
        }
}

static int cb_update(struct bgp_session *s, const struct bgp_update *u, const struct bgp_verdict *v,
                     void *ud)
{
        struct bgp_ev_peer *p = peer_of(ud);
        (void)s;
        if (p->owner->cb.update == NULL)
                return 0;
        return p->owner->cb.update(p, u, v, p->owner->user_data);
}

static int cb_refresh(struct bgp_session *s, const struct bgp_route_refresh *rr, void *ud)
{
        struct bgp_ev_peer *p = peer_of(ud);
        (void)s;
        if (p->owner->cb.route_refresh == NULL)
                return 0;
        return p->owner->cb.route_refresh(p, rr, p->owner->user_data);
}

static void cb_notification(struct bgp_session *s, bool sent, const struct bgp_notification *n,
                            void *ud)
{
        struct bgp_ev_peer *p = peer_of(ud);
        (void)s;
        if (p->owner->cb.notification != NULL)
                p->owner->cb.notification(p, sent, n, p->owner->user_data);
}

static uint32_t cb_random(void *ud)
{
        (void)ud;
        return (uint32_t)random();
}

static void cb_log(struct bgp_session *s, enum bgp_log_level level, const char *msg, void *ud)
{
        struct bgp_ev_peer *p = peer_of(ud);
        (void)s;
        bgp_ev_log(p->owner, p, level, "%s", msg);
}

static const struct bgp_callbacks session_callbacks = {
    .version = BGP_CALLBACKS_VERSION,
    .state_change = cb_state,
    .connect = cb_connect,
    .disconnect = cb_disconnect,
    .update = cb_update,
    .route_refresh = cb_refresh,
    .notification = cb_notification,
    .random = cb_random,
    .log = cb_log,
};

/* A session for a connection; its user data is the connection. */
static int conn_session(struct bgp_ev_conn *c, bool passive)
{
        struct bgp_session_config cfg = c->peer->cfg.session;
        if (passive) {
                cfg.passive = true;
                cfg.auto_restart = false;
        }
        int rc = bgp_session_new(&c->s, &cfg, &session_callbacks, NULL, c);
        /* The peer's dropped attribute types hold on the peer's own connection too: the
         * operator's answer to a malformed attribute (FRR's `path-attribute discard`) must
         * not depend on who connected.  The types were checked when they were set. */
        if (rc == 0 && c->peer->n_discard > 0)
                (void)bgp_session_set_discard(c->s, c->peer->discard, c->peer->n_discard);
        return rc;
}

/* ---- peers -------------------------------------------------------------------------- */

int bgp_ev_peer_add(struct bgp_ev *ev, const struct bgp_ev_peer_config *cfg,
                    struct bgp_ev_peer **out)
{
        struct bgp_ev_peer *p;
        int rc;

        *out = NULL;
        if (cfg->version != BGP_EV_PEER_CONFIG_V1 ||
            (cfg->remote.ss_family != AF_INET && cfg->remote.ss_family != AF_INET6) ||
            cfg->ttl_security_hops < 0 || cfg->ttl_security_hops > 254 || cfg->ttl < 0 ||
            cfg->ttl > 255)
                return BGP_ERR_INVALID_ARGUMENT;
        if (ev->n_peers == ev->cap_peers) {
                size_t cap = ev->cap_peers ? ev->cap_peers * 2 : 8;
                struct bgp_ev_peer **np = realloc(ev->peers, cap * sizeof(*np));
                if (np == NULL)
                        return BGP_ERR_NOMEM;
                ev->peers = np;
                ev->cap_peers = cap;
        }
        p = calloc(1, sizeof(*p));
        if (p == NULL)
                return BGP_ERR_NOMEM;
        p->owner = ev;
        p->cfg = *cfg;
        if (p->cfg.remote.ss_family == AF_INET6) {
                struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)&p->cfg.remote;
                if (a6->sin6_port == 0)
                        a6->sin6_port = htons(179);
                p->cfg.remote_len = sizeof(*a6);
                inet_ntop(AF_INET6, &a6->sin6_addr, p->name, sizeof(p->name));
        } else {
                struct sockaddr_in *a4 = (struct sockaddr_in *)&p->cfg.remote;
                if (a4->sin_port == 0)
                        a4->sin_port = htons(179);
                p->cfg.remote_len = sizeof(*a4);
                inet_ntop(AF_INET, &a4->sin_addr, p->name, sizeof(p->name));
        }
        p->out.peer = p->in.peer = p;
        p->out.fd = p->in.fd = -1;
        p->out.outgoing = true;
        if ((cfg->update_source != NULL &&
             (p->update_source = strdup(cfg->update_source)) == NULL) ||
            (cfg->md5_password != NULL && (p->md5_password = strdup(cfg->md5_password)) == NULL)) {
                bgp_ev_peer_free(p);
                return BGP_ERR_NOMEM;
        }
        rc = conn_session(&p->out, false);
        if (rc == 0) {
                p->out.timer = event_new(ev->base, -1, 0, on_timer, &p->out);
                p->in.timer = event_new(ev->base, -1, 0, on_timer, &p->in);
                if (p->out.timer == NULL || p->in.timer == NULL)
                        rc = BGP_ERR_NOMEM;
        }
        if (rc != 0) {
                bgp_ev_peer_free(p);
                return rc;
        }
        ev->peers[ev->n_peers++] = p;
        bgp_ev_update_listeners(ev);
        *out = p;
        return 0;
}

static void conn_free(struct bgp_ev_conn *c)
{
        conn_close_fd(c);
        if (c->timer != NULL)
                event_free(c->timer);
        c->timer = NULL;
        bgp_session_del(c->s);
        c->s = NULL;
}

void bgp_ev_peer_free(struct bgp_ev_peer *p)
{
        conn_free(&p->out);
        conn_free(&p->in);
        free(p->update_source);
        free(p->md5_password);
        free(p);
}

int bgp_ev_peer_start(struct bgp_ev_peer *p)
{
        struct bgp_ev *ev = p->owner;

        /* Security options fail closed: check now that the kernel takes them. */
        if (p->md5_password != NULL) {
                int rc = bgp_ev_listeners_md5(ev, p);
                if (rc == 0) {
                        int fd = socket(p->cfg.remote.ss_family, SOCK_STREAM, 0);
                        rc = fd < 0 ? -errno
                                    : bgp_sockopt_md5(fd, (struct sockaddr *)&p->cfg.remote,
                                                      p->cfg.remote_len, p->md5_password);
                        if (fd >= 0)
                                close(fd);
                }
                if (rc != 0) {
                        bgp_ev_log(ev, p, BGP_LOG_ERR,
                                   "not started: the kernel cannot enforce TCP-MD5: %s",
                                   strerror(-rc));
                        return BGP_ERR_UNSUPPORTED;
                }
        }
        if (p->cfg.ttl_security_hops > 0) {
                int fd = socket(p->cfg.remote.ss_family, SOCK_STREAM, 0);
                int rc = fd < 0 ? -errno
                                : bgp_sockopt_gtsm(fd, p->cfg.remote.ss_family,
                                                   256 - p->cfg.ttl_security_hops);
                if (fd >= 0)
                        close(fd);
                if (rc != 0) {
                        bgp_ev_log(ev, p, BGP_LOG_ERR,
                                   "not started: the kernel cannot enforce ttl-security: %s",
                                   strerror(-rc));
                        return BGP_ERR_UNSUPPORTED;
                }
        }
        p->started = true;
        int rc = bgp_session_start(p->out.s, bgp_ev_now());
        conn_service(&p->out);
        return rc;
}

void bgp_ev_peer_accept(struct bgp_ev_peer *p, int fd)
{
        struct bgp_ev_conn *c = &p->in;
        int family = p->cfg.remote.ss_family;
        int rc = bgp_sockopt_nonblock(fd);

        /* GTSM before the first byte is read (RFC 5082 3). */
        /* The listeners are single-family, so the socket has the peer's family. */
        if (rc == 0 && p->cfg.ttl_security_hops > 0)
                rc = bgp_sockopt_gtsm(fd, family, 256 - p->cfg.ttl_security_hops);
        /* The peer's connection answers with the same TTL as ours would send: a
         * single-hop eBGP peer gets 1 either way. */
        else if (rc == 0 && p->cfg.ttl > 0)
                rc = bgp_sockopt_ttl(fd, family, p->cfg.ttl);
        if (rc != 0) {
                bgp_ev_log(p->owner, p, BGP_LOG_ERR, "incoming connection refused: %s",
                           strerror(-rc));
                close(fd);
                return;
        }
        /* A peer held down (stopped, or over its maximum-prefix until the restart time)
         * takes no connection either way. */
        if (bgp_session_state(p->out.s) == BGP_STATE_IDLE) {
                bgp_ev_log(p->owner, p, BGP_LOG_INFO, "incoming connection refused: peer is down");
                close(fd);
                return;
        }
        /* One incoming connection at a time; a newer one replaces one not yet up. */
        if (c->s != NULL && bgp_session_state(c->s) >= BGP_STATE_OPENCONFIRM) {
                bgp_ev_log(p->owner, p, BGP_LOG_INFO, "second incoming connection refused");
                close(fd);
                return;
        }
        if (c->s != NULL) {
                conn_close_fd(c);
                bgp_session_del(c->s);
                c->s = NULL;
        }
        if (conn_session(c, true) != 0) {
                close(fd);
                return;
        }
        c->fd = fd;
        if (conn_events(c) != 0) {
                conn_close_fd(c);
                return;
        }
        event_add(c->rd, NULL);
        bgp_time_ms now = bgp_ev_now();
        bgp_session_start(c->s, now);
        bgp_session_tcp_connected(c->s, now);
        conn_service(c);
}

int bgp_ev_peer_stop(struct bgp_ev_peer *p, const char *shutdown_msg)
{
        bgp_time_ms now = bgp_ev_now();
        int rc = bgp_session_stop(p->out.s, shutdown_msg, now);
        conn_service(&p->out);
        if (p->in.s != NULL) {
                bgp_session_stop(p->in.s, shutdown_msg, now);
                conn_service(&p->in);
        }
        p->started = false;
        return rc;
}

struct bgp_session *bgp_ev_peer_session(struct bgp_ev_peer *p)
{
        if (p->in.s != NULL && bgp_session_state(p->in.s) > bgp_session_state(p->out.s))
                return p->in.s;
        return p->out.s;
}

int bgp_ev_peer_set_discard(struct bgp_ev_peer *p, const uint8_t *types, size_t n)
{
        if (n > sizeof(p->discard))
                return BGP_ERR_INVALID_ARGUMENT;
        /* The first session checks the types; on an error nothing has changed. */
        int rc = bgp_session_set_discard(p->out.s, types, n);
        if (rc != 0)
                return rc;
        if (p->in.s != NULL)
                (void)bgp_session_set_discard(p->in.s, types, n);
        if (n > 0)
                memcpy(p->discard, types, n);
        p->n_discard = n;
        return 0;
}

int bgp_ev_peer_send_update(struct bgp_ev_peer *p, const uint8_t *msg, size_t len)
{
        struct bgp_session *s = bgp_ev_peer_session(p);
        struct bgp_ev_conn *c = s == p->out.s ? &p->out : &p->in;
        int rc = bgp_session_queue_update(s, msg, len, bgp_ev_now());
        conn_service(c);
        return rc;
}

struct bgp_ev *bgp_ev_peer_owner(const struct bgp_ev_peer *p)
{
        return p->owner;
}

int bgp_ev_peer_local_address(const struct bgp_ev_peer *p, struct sockaddr_storage *out)
{
        const struct bgp_session *s = bgp_ev_peer_session((struct bgp_ev_peer *)(uintptr_t)p);
        const struct bgp_ev_conn *c = s == p->out.s ? &p->out : &p->in;
        socklen_t len = sizeof(*out);
        if (c->fd < 0 || getsockname(c->fd, (struct sockaddr *)out, &len) < 0)
                return BGP_ERR_INVALID_ARGUMENT;
        return 0;
}

const char *bgp_ev_peer_name(const struct bgp_ev_peer *p)
{
        return p->name;
}
