/*
 * peer_remove.c - a peer leaving the binding when the configuration drops or replaces it,
 * sessions driven from outside the binding's callbacks, and a peer held down
 * (bgp/event_reload.h).
 */
#include <unistd.h>

#include <bgp/event_reload.h>

#include "ev_int.h"
#include "sockopt.h"

/*
 * Cease on one connection, and its last bytes written now: the peer is freed right after,
 * so there is no later turn of the loop to flush them in.
 */
static void cease_now(struct bgp_ev_conn *c, uint8_t subcode)
{
        if (c->s == NULL)
                return;
        bgp_time_ms now = bgp_ev_now();
        /* Held down (no automatic restart): the session ends here. */
        bgp_session_cease_hold(c->s, subcode, NULL, 0, 0, now);
        if (c->fd < 0 || c->connecting)
                return;
        const uint8_t *data;
        size_t n;
        while ((n = bgp_session_send(c->s, &data, now)) > 0) {
                ssize_t w = write(c->fd, data, n);
                if (w <= 0)
                        break;
                bgp_session_sent(c->s, (size_t)w, now);
        }
        bgp_ev_drain_input(c->fd);
}

void bgp_ev_peer_remove(struct bgp_ev_peer *p, uint8_t cease_subcode)
{
        struct bgp_ev *ev = p->owner;

        p->started = false;
        cease_now(&p->out, cease_subcode);
        cease_now(&p->in, cease_subcode);
        for (size_t i = 0; i < ev->n_peers; i++)
                if (ev->peers[i] == p) {
                        ev->peers[i] = ev->peers[--ev->n_peers];
                        break;
                }
        /* Its TCP-MD5 key leaves the listeners too: a neighbor configured again at the
         * same address without a password must be able to connect. */
        if (p->md5_password != NULL)
                for (size_t i = 0; i < ev->n_listeners; i++)
                        if (ev->listeners[i].family == p->cfg.remote.ss_family)
                                bgp_sockopt_md5(ev->listeners[i].fd,
                                                (struct sockaddr *)&p->cfg.remote,
                                                p->cfg.remote_len, NULL);
        /* The listeners' GTSM minimum TTL no longer has to allow for this peer. */
        bgp_ev_update_listeners(ev);
        bgp_ev_peer_free(p);
}

void bgp_ev_peer_flush(struct bgp_ev_peer *p)
{
        /* A timer due now: on_timer() services the connection from the loop, writing what
         * is pending, closing a connection the session dropped and re-arming its timers. */
        struct timeval zero = {0, 0};
        if (p->out.s != NULL && p->out.timer != NULL)
                event_add(p->out.timer, &zero);
        if (p->in.s != NULL && p->in.timer != NULL)
                event_add(p->in.timer, &zero);
}

void bgp_ev_peer_cease_hold(struct bgp_ev_peer *p, uint8_t subcode, const uint8_t *data, size_t len,
                            uint32_t hold_seconds)
{
        bgp_time_ms now = bgp_ev_now();
        struct bgp_session *carrier = bgp_ev_peer_session(p);
        /* The carrier's Cease is the one the peer reads.  Our own connection must be held
         * down too: the binding refuses the peer's connections only while it is Idle
         * (bgp_ev_peer_accept()), and one still in Connect or Active would let the peer
         * straight back in. */
        bgp_session_cease_hold(carrier, subcode, data, len, hold_seconds, now);
        if (p->out.s != carrier)
                bgp_session_cease_hold(p->out.s, subcode, data, len, hold_seconds, now);
        /* The peer's connection, when it is not the carrier, just ends: an incoming
         * session never restarts by itself. */
        if (p->in.s != NULL && p->in.s != carrier)
                bgp_session_cease_hold(p->in.s, subcode, data, len, 0, now);
        bgp_ev_peer_flush(p);
}

int bgp_ev_peer_request_refresh(struct bgp_ev_peer *p, uint16_t afi, uint8_t safi)
{
        struct bgp_session *s = bgp_ev_peer_session(p);
        int rc = bgp_session_request_refresh(s, afi, safi, BGP_REFRESH_NORMAL, bgp_ev_now());
        if (rc == 0)
                bgp_ev_peer_flush(p);
        return rc;
}
