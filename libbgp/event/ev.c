/*
 * ev.c - the speaker of libbgp-event: listeners, and who may connect.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ev_int.h"
#include "sockopt.h"

bgp_time_ms bgp_ev_now(void)
{
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (bgp_time_ms)ts.tv_sec * 1000 + (bgp_time_ms)ts.tv_nsec / 1000000;
}

int bgp_ev_new(struct bgp_ev **out, struct event_base *base, const struct bgp_ev_callbacks *cb,
               void *user_data)
{
        struct bgp_ev *ev;

        *out = NULL;
        if (base == NULL || (cb != NULL && cb->version != BGP_EV_CALLBACKS_V1))
                return BGP_ERR_INVALID_ARGUMENT;
        ev = calloc(1, sizeof(*ev));
        if (ev == NULL)
                return BGP_ERR_NOMEM;
        ev->base = base;
        if (cb != NULL)
                ev->cb = *cb;
        ev->user_data = user_data;
        *out = ev;
        return 0;
}

void bgp_ev_del(struct bgp_ev *ev)
{
        if (ev == NULL)
                return;
        for (size_t i = 0; i < ev->n_peers; i++)
                bgp_ev_peer_free(ev->peers[i]);
        free(ev->peers);
        for (size_t i = 0; i < ev->n_listeners; i++) {
                event_free(ev->listeners[i].ev);
                close(ev->listeners[i].fd);
        }
        free(ev);
}

void *bgp_ev_user_data(const struct bgp_ev *ev)
{
        return ev->user_data;
}

/* The same host: IPv4 peers may arrive as IPv4-mapped IPv6 on a dual-stack socket. */
static bool same_host(const struct sockaddr_storage *a, const struct sockaddr_storage *b)
{
        struct in6_addr a6, b6;
        const struct sockaddr_storage *in[2] = {a, b};
        struct in6_addr *out[2] = {&a6, &b6};

        for (int i = 0; i < 2; i++) {
                if (in[i]->ss_family == AF_INET6) {
                        *out[i] = ((const struct sockaddr_in6 *)in[i])->sin6_addr;
                } else if (in[i]->ss_family == AF_INET) {
                        memset(out[i], 0, sizeof(*out[i]));
                        out[i]->s6_addr[10] = 0xff;
                        out[i]->s6_addr[11] = 0xff;
                        memcpy(&out[i]->s6_addr[12], &((const struct sockaddr_in *)in[i])->sin_addr,
                               4);
                } else {
                        return false;
                }
        }
        return memcmp(&a6, &b6, sizeof(a6)) == 0;
}

static void on_accept(evutil_socket_t lfd, short what, void *arg)
{
        struct bgp_ev_listener *l = arg;
        struct bgp_ev *ev = l->owner;
        struct sockaddr_storage from;
        socklen_t len = sizeof(from);
        char name[INET6_ADDRSTRLEN] = "?";
        (void)what;

        int fd = accept(lfd, (struct sockaddr *)&from, &len);
        if (fd < 0)
                return;
        if (from.ss_family == AF_INET6)
                inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&from)->sin6_addr, name, sizeof(name));
        else if (from.ss_family == AF_INET)
                inet_ntop(AF_INET, &((struct sockaddr_in *)&from)->sin_addr, name, sizeof(name));
        for (size_t i = 0; i < ev->n_peers; i++) {
                struct bgp_ev_peer *p = ev->peers[i];
                if (same_host(&p->cfg.remote, &from)) {
                        if (!p->started) {
                                bgp_ev_log(ev, p, BGP_LOG_INFO,
                                           "connection from %s refused: peer not started", name);
                                close(fd);
                                return;
                        }
                        bgp_ev_peer_accept(p, fd);
                        return;
                }
        }
        /* Only configured peers may connect: anyone else is closed before a byte is read. */
        bgp_ev_log(ev, NULL, BGP_LOG_NOTICE, "connection from %s refused: not a configured peer",
                   name);
        close(fd);
}

/* GTSM on a listener: the laxest minimum TTL any peer of that family allows. */
static int listener_min_ttl(const struct bgp_ev *ev, int family)
{
        int min = 0;
        bool first = true;
        for (size_t i = 0; i < ev->n_peers; i++) {
                const struct bgp_ev_peer *p = ev->peers[i];
                int fam = p->cfg.remote.ss_family;
                if (fam != family && !(family == AF_INET6 && fam == AF_INET))
                        continue;
                int want = p->cfg.ttl_security_hops > 0 ? 256 - p->cfg.ttl_security_hops : 0;
                if (first || want < min)
                        min = want;
                first = false;
        }
        return min;
}

void bgp_ev_update_listeners(struct bgp_ev *ev)
{
        for (size_t i = 0; i < ev->n_listeners; i++) {
                struct bgp_ev_listener *l = &ev->listeners[i];
                int min = listener_min_ttl(ev, l->family);
                /* Dropping SYNs from too far happens in the kernel, before accept(); the
                 * SYN-ACK leaves with TTL 255 so a GTSM peer accepts it (RFC 5082 3). */
                int rc = min != 0 ? bgp_sockopt_gtsm(l->fd, l->family, min)
                                  : bgp_sockopt_min_ttl(l->fd, l->family, 0);
                if (rc != 0 && min != 0)
                        bgp_ev_log(ev, NULL, BGP_LOG_WARNING,
                                   "listener: minimum TTL %d not set: %s; GTSM is enforced "
                                   "per connection only",
                                   min, strerror(-rc));
        }
}

int bgp_ev_listen(struct bgp_ev *ev, const struct sockaddr *addr, socklen_t len)
{
        struct sockaddr_storage ss;
        int one = 1;

        if (ev->n_listeners == BGP_EV_MAX_LISTENERS || len > sizeof(ss))
                return -ENOSPC;
        memset(&ss, 0, sizeof(ss));
        memcpy(&ss, addr, len);
        if (ss.ss_family == AF_INET6 && ((struct sockaddr_in6 *)&ss)->sin6_port == 0)
                ((struct sockaddr_in6 *)&ss)->sin6_port = htons(179);
        if (ss.ss_family == AF_INET && ((struct sockaddr_in *)&ss)->sin_port == 0)
                ((struct sockaddr_in *)&ss)->sin_port = htons(179);

        int fd = socket(ss.ss_family, SOCK_STREAM, 0);
        if (fd < 0)
                return -errno;
        int rc = bgp_sockopt_nonblock(fd);
        if (rc == 0 && setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) < 0)
                rc = -errno;
        if (rc == 0 && ss.ss_family == AF_INET6 &&
            setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(one)) < 0)
                rc = -errno;
        if (rc == 0 && bind(fd, (struct sockaddr *)&ss, len) < 0)
                rc = -errno;
        if (rc == 0 && listen(fd, 16) < 0)
                rc = -errno;
        if (rc != 0) {
                close(fd);
                return rc;
        }
        struct bgp_ev_listener *l = &ev->listeners[ev->n_listeners];
        l->owner = ev;
        l->fd = fd;
        l->family = ss.ss_family;
        l->ev = event_new(ev->base, fd, EV_READ | EV_PERSIST, on_accept, l);
        if (l->ev == NULL) {
                close(fd);
                return -ENOMEM;
        }
        event_add(l->ev, NULL);
        ev->n_listeners++;
        /* TCP-MD5 keys of the peers must be on the listener too (RFC 2385). */
        for (size_t i = 0; i < ev->n_peers; i++) {
                struct bgp_ev_peer *p = ev->peers[i];
                if (p->md5_password != NULL && p->cfg.remote.ss_family == ss.ss_family)
                        bgp_sockopt_md5(fd, (struct sockaddr *)&p->cfg.remote, p->cfg.remote_len,
                                        p->md5_password);
        }
        bgp_ev_update_listeners(ev);
        return 0;
}

int bgp_ev_listeners_md5(struct bgp_ev *ev, struct bgp_ev_peer *p)
{
        for (size_t i = 0; i < ev->n_listeners; i++) {
                if (ev->listeners[i].family != p->cfg.remote.ss_family)
                        continue;
                int rc = bgp_sockopt_md5(ev->listeners[i].fd, (struct sockaddr *)&p->cfg.remote,
                                         p->cfg.remote_len, p->md5_password);
                if (rc != 0)
                        return rc;
        }
        return 0;
}
