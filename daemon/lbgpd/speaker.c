/*
 * speaker.c - the configuration's neighbors as sessions (libbgp-event) and router peers.
 *
 * A session's UPDATE goes to the router; after each one the router settles best paths,
 * and every Established peer is given what its Adj-RIB-Out has pending.  A peer that
 * comes up gets the whole table; one that goes down takes its routes with it.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include <bgp/event_reload.h>

#include "lbgpd.h"

static struct lbgpd_peer *peer_of(struct lbgpd *d, const struct bgp_ev_peer *ev)
{
        for (size_t i = 0; i < d->n_peers; i++)
                if (d->peers[i].ev == ev)
                        return &d->peers[i];
        return NULL;
}

/*
 * Hands each Established peer the UPDATEs its Adj-RIB-Out has pending, but never lets a
 * peer's output queue (what its socket has not taken yet) grow past LBGPD_OUTQ_CAP: a peer
 * that reads slowly, or not at all, would otherwise hold a copy of the whole table in
 * memory until the send hold timer closes it (issue #7).  What is not handed out stays in
 * the Adj-RIB-Out, where later changes replace it instead of queueing behind it; the flush
 * timer comes back for it once the socket has taken some.  (The binding has no "drained"
 * callback: a short timer while some peer is held back costs nothing when none is.)
 */
static void on_flush_timer(evutil_socket_t fd, short what, void *arg)
{
        (void)fd;
        (void)what;
        lbgpd_flush(arg);
}

void lbgpd_flush(struct lbgpd *d)
{
        static uint8_t buf[BGP_EXT_MAX_MSG_LEN];
        bool held_back = false;
        for (size_t i = 0; i < d->n_peers; i++) {
                struct lbgpd_peer *p = &d->peers[i];
                /* A reload may be replacing this neighbor's peers. */
                if (p->ev == NULL || p->rp == NULL)
                        continue;
                struct bgp_session *s = bgp_ev_peer_session(p->ev);
                if (bgp_session_state(s) != BGP_STATE_ESTABLISHED)
                        continue;
                const struct bgp_codec_opts *o = bgp_session_codec(s);
                int n;
                for (;;) {
                        size_t queued = bgp_session_pending(s);
                        if (queued > p->outq_peak)
                                p->outq_peak = queued;
                        if (queued >= LBGPD_OUTQ_CAP) {
                                held_back = true;
                                break;
                        }
                        n = bgp_router_next_update(d->router, p->rp, o, buf, sizeof(buf));
                        if (n == 0)
                                break;
                        if (n < 0) {
                                lbgpd_log(BGP_LOG_WARNING, "%s: a route was not sent: %s",
                                          p->nb->addr_text, bgp_strerror(n));
                                continue;
                        }
                        if (bgp_ev_peer_send_update(p->ev, buf, (size_t)n) != 0)
                                break;
                }
        }
        if (held_back && d->flush_ev != NULL && !evtimer_pending(d->flush_ev, NULL)) {
                struct timeval tv = {.tv_sec = 0, .tv_usec = LBGPD_OUTQ_RETRY_MS * 1000};
                evtimer_add(d->flush_ev, &tv);
        }
}

void lbgpd_settle(struct lbgpd *d)
{
        d->settle_pending = false;
        int rc = bgp_router_process(d->router);
        if (rc != 0)
                lbgpd_log(BGP_LOG_ERR, "route processing: %s", bgp_strerror(rc));
        lbgpd_flush(d);
}

/* Our address on the connection is the NEXT_HOP we send (RFC 4271 5.1.3).  It is kept in
 * the record, so that a reload that reconfigures the router peer keeps it too. */
static void set_next_hop(struct lbgpd_peer *p)
{
        struct sockaddr_storage ss;
        struct bgp_router_peer_config c;
        if (bgp_ev_peer_local_address(p->ev, &ss) != 0)
                return;
        memset(p->next_hop, 0, sizeof(p->next_hop));
        p->has_ll_next_hop = false;
        if (ss.ss_family == AF_INET6) {
                p->nh_afi = BGP_AFI_IPV6;
                memcpy(p->next_hop, &((struct sockaddr_in6 *)&ss)->sin6_addr, 16);
                p->has_ll_next_hop = lbgpd_link_local_for(p->next_hop, p->nb->addr, p->ll_next_hop);
        } else {
                p->nh_afi = BGP_AFI_IPV4;
                memcpy(p->next_hop, &((struct sockaddr_in *)&ss)->sin_addr, 4);
        }
        lbgpd_router_config(p, &c);
        bgp_router_peer_configure(p->d->router, p->rp, &c);
}

/* FRR logs session changes at informational, unless `no bgp log-neighbor-changes`. */
static int adjchange_level(const struct lbgpd *d)
{
        return d->cfg->bgp.log_neighbor_changes == CONFIG_OFF ? BGP_LOG_DEBUG : BGP_LOG_INFO;
}

/* Why a session went down, in FRR's words (bgpd peer_down_str), with the NOTIFICATION. */
static void down_reason(const struct lbgpd_peer *p, char *buf, size_t len)
{
        if (!p->notif.fresh) {
                snprintf(buf, len, "Peer closed the session");
                return;
        }
        snprintf(buf, len, "BGP Notification %s (%s/%s)", p->notif.sent ? "send" : "received",
                 bgp_notify_code_name(p->notif.code),
                 bgp_notify_subcode_name(p->notif.code, p->notif.subcode));
}

static void on_state(struct bgp_ev_peer *ev, enum bgp_state from, enum bgp_state to, void *ud)
{
        struct lbgpd *d = ud;
        struct lbgpd_peer *p = peer_of(d, ev);
        if (p == NULL)
                return;
        lbgpd_log(BGP_LOG_DEBUG, "%s went from %s to %s", p->nb->addr_text, bgp_state_name(from),
                  bgp_state_name(to));
        /* Only the connection that carries the peer counts (see bgp_ev_peer_session()). */
        struct bgp_session *s = bgp_ev_peer_session(ev);
        if (to == BGP_STATE_ESTABLISHED && bgp_session_state(s) == BGP_STATE_ESTABLISHED) {
                lbgpd_log(adjchange_level(d), "%%ADJCHANGE: neighbor %s in vrf default Up",
                          p->nb->addr_text);
                p->notif.fresh = false;
                p->up_since = time(NULL);
                set_next_hop(p);
                bgp_router_peer_up(d->router, p->rp, bgp_session_peer_id(s),
                                   bgp_session_codec(s)->families);
                lbgpd_settle(d);
        } else if (from == BGP_STATE_ESTABLISHED && bgp_session_state(s) != BGP_STATE_ESTABLISHED) {
                char why[128];
                down_reason(p, why, sizeof(why));
                lbgpd_log(adjchange_level(d), "%%ADJCHANGE: neighbor %s in vrf default Down %s",
                          p->nb->addr_text, why);
                p->up_since = 0;
                p->dropped++;
                bgp_router_peer_down(d->router, p->rp);
                lbgpd_settle(d);
        }
}

static int on_update(struct bgp_ev_peer *ev, const struct bgp_update *u,
                     const struct bgp_verdict *v, void *ud)
{
        struct lbgpd *d = ud;
        struct lbgpd_peer *p = peer_of(d, ev);
        if (p == NULL)
                return 0;
        int rc = bgp_router_update(d->router, p->rp, u, v);
        if (rc != 0)
                lbgpd_log(BGP_LOG_ERR, "%s: UPDATE: %s", p->nb->addr_text, bgp_strerror(rc));
        /* One read brings many UPDATEs: best paths, exports and the kernel batch are
         * settled once after all of them, when the loop comes back to the settle event. */
        if (!d->settle_pending) {
                d->settle_pending = true;
                event_active(d->settle_ev, 0, 0);
        }
        return 0;
}

static int on_refresh(struct bgp_ev_peer *ev, const struct bgp_route_refresh *rr, void *ud)
{
        struct lbgpd *d = ud;
        struct lbgpd_peer *p = peer_of(d, ev);
        (void)rr;
        if (p != NULL) {
                bgp_router_refresh_out(d->router, p->rp);
                lbgpd_flush(d);
        }
        return 0;
}

/* FRR's words: "%NOTIFICATION: sent to neighbor X 6/3 (Cease/Peer De-configured) 0 bytes",
 * the RFC 9003 text in quotes instead of the byte count when there is one. */
static void on_notification(struct bgp_ev_peer *ev, bool sent, const struct bgp_notification *n,
                            void *ud)
{
        struct lbgpd *d = ud;
        struct lbgpd_peer *p = peer_of(d, ev);
        char text[256] = "", tail[300];
        /* The loser of a collision is not the session: it says nothing about the peer. */
        if (p != NULL &&
            !(n->code == BGP_NOTIFY_CEASE && n->subcode == BGP_NOTIFY_CEASE_COLLISION)) {
                p->notif.fresh = true;
                p->notif.sent = sent;
                p->notif.code = n->code;
                p->notif.subcode = n->subcode;
        }
        if (bgp_notification_shutdown_text(n, text, sizeof(text)) > 0)
                snprintf(tail, sizeof(tail), "\"%s\"", text);
        else
                snprintf(tail, sizeof(tail), "%zu bytes", n->data_len);
        /* A Cease is an operator's or a policy's doing; anything else is an error. */
        lbgpd_log(
            n->code == BGP_NOTIFY_CEASE ? BGP_LOG_INFO : BGP_LOG_WARNING,
            "%%NOTIFICATION: %s neighbor %s %u/%u (%s/%s) %s", sent ? "sent to" : "received from",
            p != NULL ? p->nb->addr_text : bgp_ev_peer_name(ev), n->code, n->subcode,
            bgp_notify_code_name(n->code), bgp_notify_subcode_name(n->code, n->subcode), tail);
}

static void on_log(struct bgp_ev_peer *ev, enum bgp_log_level level, const char *msg, void *ud)
{
        (void)ud;
        lbgpd_log((int)level, "%s: %s", ev != NULL ? bgp_ev_peer_name(ev) : "bgp", msg);
}

static const char *family_name(const struct lbgpd_peer *p)
{
        return p->nb->afi == BGP_AFI_IPV6 ? "IPv6 Unicast" : "IPv4 Unicast";
}

/* Over maximum-prefix: Cease/Maximum Number of Prefixes Reached with AFI, SAFI and the
 * limit (RFC 4486 4), then down until the restart time, or for good without one. */
void lbgpd_max_prefix_exceeded(struct lbgpd_peer *p, size_t count)
{
        uint8_t data[7];
        size_t n = bgp_router_max_prefix_data(p->rp, data);
        const struct config_max_prefix *m = &lbgpd_peer_af(p)->max_prefix;
        char after[96];
        if (p->max_prefix_restart != 0)
                snprintf(after, sizeof(after), "down for %u minutes", p->max_prefix_restart);
        else
                snprintf(after, sizeof(after), "down until `clear bgp %s`", p->nb->addr_text);
        /* FRR bgp_maximum_prefix_overflow(): "%MAXPFXEXCEED: No. of ... exceed, limit N". */
        lbgpd_log(BGP_LOG_WARNING,
                  "%%MAXPFXEXCEED: No. of %s prefix received from %s %zu exceed, limit %u; %s",
                  family_name(p), p->nb->addr_text, count, m->max, after);
        bgp_ev_peer_cease_hold(p->ev, BGP_NOTIFY_CEASE_MAX_PREFIX, data, n,
                               (uint32_t)p->max_prefix_restart * 60);
}

/*
 * The peer's kept routes, accepted or filtered, passed lbgpd_max_received(): it is leaking
 * more than this router means to hold.  Cease/Out of Resources (RFC 4486 8), and down as
 * long as maximum-prefix's restart says (or until `clear bgp`), like a maximum-prefix Cease.
 */
static void lbgpd_adj_in_full(struct lbgpd_peer *p, size_t count)
{
        lbgpd_log(BGP_LOG_WARNING,
                  "%%MAXPFXEXCEED: %s sent %zu routes, filtered ones included, over the %u "
                  "this router keeps for it; closing the session (Cease/Out of Resources)",
                  p->nb->addr_text, count, lbgpd_max_received(p));
        bgp_ev_peer_cease_hold(p->ev, BGP_NOTIFY_CEASE_OUT_OF_RESOURCES, NULL, 0,
                               (uint32_t)p->max_prefix_restart * 60);
}

/* maximum-prefix: a warning, or the Cease above (RFC 4486). */
static void on_router_event(struct bgp_router_peer *rp, enum bgp_router_event e, size_t count,
                            void *ud)
{
        struct lbgpd *d = ud;
        struct lbgpd_peer *p = bgp_router_peer_user_data(rp);
        switch (e) {
        case BGP_ROUTER_MAX_PREFIX_WARNING:
                /* FRR: "%MAXPFX: No. of ... prefix received from X reaches N, max M". */
                lbgpd_log(BGP_LOG_WARNING,
                          "%%MAXPFX: No. of %s prefix received from %s reaches %zu, max %u",
                          family_name(p), p->nb->addr_text, count,
                          lbgpd_peer_af(p)->max_prefix.max);
                break;
        case BGP_ROUTER_MAX_PREFIX_EXCEEDED:
                lbgpd_max_prefix_exceeded(p, count);
                break;
        case BGP_ROUTER_ADJ_IN_FULL:
                lbgpd_adj_in_full(p, count);
                break;
        case BGP_ROUTER_NO_POLICY_IN:
        case BGP_ROUTER_NO_POLICY_OUT:
                lbgpd_log(BGP_LOG_WARNING,
                          "%s: no %s policy: RFC 8212, nothing is %s (ebgp-requires-policy)",
                          p->nb->addr_text, e == BGP_ROUTER_NO_POLICY_IN ? "inbound" : "outbound",
                          e == BGP_ROUTER_NO_POLICY_IN ? "accepted" : "sent");
                break;
        }
        (void)d;
}

/*
 * How many routes lbgpd keeps from a peer at most, filtered ones included (soft-
 * reconfiguration keeps them, and they do not count against maximum-prefix): twice the
 * neighbor's maximum-prefix, or 2,000,000 without one (twice today's IPv4 table, eight times
 * the IPv6 one).
 */
uint32_t lbgpd_max_received(const struct lbgpd_peer *p)
{
        uint32_t max = lbgpd_peer_af(p)->max_prefix.max;
        if (max == 0 || max > UINT32_MAX / 2)
                return 2000000;
        return 2 * max;
}

/* The router's view of a neighbor (IPv6 unicast, the family the seed uses, or IPv4). */
void lbgpd_router_config(const struct lbgpd_peer *p, struct bgp_router_peer_config *c)
{
        const struct config *cfg = p->d->cfg;
        const struct config_neighbor *nb = p->nb;
        enum config_af af =
            nb->afi == BGP_AFI_IPV6 ? CONFIG_AF_IPV6_UNICAST : CONFIG_AF_IPV4_UNICAST;
        const struct config_neighbor_af *naf = &nb->af[af];

        bgp_router_peer_config_init(c);
        c->local_as = nb->local_as != 0 ? nb->local_as : cfg->bgp.asn;
        c->peer_as = nb->remote_as_kind == CONFIG_REMOTE_AS_INTERNAL ? cfg->bgp.asn : nb->remote_as;
        if (nb->afi == BGP_AFI_IPV6) {
                memcpy(c->address, nb->addr, 16);
        } else {
                c->address[10] = c->address[11] = 0xff;
                memcpy(c->address + 12, nb->addr, 4);
        }
        c->nh_afi = nb->afi;
        if (p->nh_afi != 0) {
                c->nh_afi = p->nh_afi;
                memcpy(c->next_hop, p->next_hop, sizeof(c->next_hop));
                c->has_ll_next_hop = p->has_ll_next_hop;
                memcpy(c->ll_next_hop, p->ll_next_hop, sizeof(c->ll_next_hop));
        }
        c->next_hop_self = naf->next_hop_self;
        c->soft_reconfig_in = naf->soft_reconfig_in;
        c->prefix_list_in = naf->prefix_list[CONFIG_IN].name;
        c->prefix_list_out = naf->prefix_list[CONFIG_OUT].name;
        c->route_map_in = naf->route_map[CONFIG_IN].name;
        c->route_map_out = naf->route_map[CONFIG_OUT].name;
        c->filter_list_in = naf->filter_list[CONFIG_IN].name;
        c->filter_list_out = naf->filter_list[CONFIG_OUT].name;
        c->ebgp_requires_policy = config_ebgp_requires_policy(cfg);
        c->max_received = lbgpd_max_received(p);
        if (naf->max_prefix.given) {
                c->max_prefix = naf->max_prefix.max;
                c->max_prefix_threshold =
                    naf->max_prefix.threshold != 0 ? naf->max_prefix.threshold : 75;
                c->max_prefix_warning_only = naf->max_prefix.warning_only;
        }
}

static uint32_t families_of(const struct config *cfg, const struct config_neighbor *nb)
{
        uint32_t f = 0;
        if (config_neighbor_active(cfg, nb, CONFIG_AF_IPV6_UNICAST))
                f |= BGP_FAMILY_IPV6_UNICAST;
        if (config_neighbor_active(cfg, nb, CONFIG_AF_IPV4_UNICAST))
                f |= BGP_FAMILY_IPV4_UNICAST;
        return f;
}

/* A string that lives as long as the daemon: sessions keep pointers into their config
 * (the FQDN capability's host name) that must outlive any one configuration. */
static const char *keep_string(struct lbgpd *d, const char *s)
{
        if (s == NULL)
                return NULL;
        for (size_t i = 0; i < d->n_kept; i++)
                if (strcmp(d->kept[i], s) == 0)
                        return d->kept[i];
        char **nk = realloc(d->kept, (d->n_kept + 1) * sizeof(*nk));
        if (nk == NULL)
                return NULL;
        d->kept = nk;
        if ((nk[d->n_kept] = strdup(s)) == NULL)
                return NULL;
        return nk[d->n_kept++];
}

int lbgpd_peer_open(struct lbgpd *d, struct lbgpd_peer *p)
{
        const struct config *cfg = d->cfg;
        const struct config_neighbor *nb = p->nb;
        struct bgp_ev_peer_config pc;
        struct bgp_router_peer_config rc_cfg;

        bgp_ev_peer_config_init(&pc);
        pc.session.local_as = nb->local_as != 0 ? nb->local_as : cfg->bgp.asn;
        pc.session.local_id = (uint32_t)cfg->bgp.router_id[0] << 24 |
                              (uint32_t)cfg->bgp.router_id[1] << 16 |
                              (uint32_t)cfg->bgp.router_id[2] << 8 | cfg->bgp.router_id[3];
        pc.session.remote_as =
            nb->remote_as_kind == CONFIG_REMOTE_AS_INTERNAL ? cfg->bgp.asn : nb->remote_as;
        pc.session.families = families_of(cfg, nb);
        pc.session.passive = nb->passive;
        if (nb->timers_given) {
                pc.session.keepalive_time = nb->keepalive;
                pc.session.hold_time = nb->holdtime;
        }
        if (nb->connect_retry != 0)
                pc.session.connect_retry_time = nb->connect_retry;
        pc.session.send_hold_time = d->send_hold_time;
        pc.session.hostname = keep_string(d, cfg->hostname);
        if (nb->afi == BGP_AFI_IPV6) {
                struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)&pc.remote;
                a6->sin6_family = AF_INET6;
                memcpy(&a6->sin6_addr, nb->addr, 16);
                pc.remote_len = sizeof(*a6);
        } else {
                struct sockaddr_in *a4 = (struct sockaddr_in *)&pc.remote;
                a4->sin_family = AF_INET;
                memcpy(&a4->sin_addr, nb->addr, 4);
                pc.remote_len = sizeof(*a4);
        }
        char src[INET6_ADDRSTRLEN];
        if (nb->update_source.kind == CONFIG_UPDATE_SOURCE_INTERFACE) {
                pc.update_source = nb->update_source.ifname;
        } else if (nb->update_source.kind == CONFIG_UPDATE_SOURCE_ADDRESS) {
                inet_ntop(nb->update_source.afi == BGP_AFI_IPV6 ? AF_INET6 : AF_INET,
                          nb->update_source.addr, src, sizeof(src));
                pc.update_source = src;
        }
        pc.ttl_security_hops = nb->ttl_security_hops;
        /* FRR: an eBGP peer is one hop away (TTL 1) unless `ebgp-multihop [N]` (255
         * without N); iBGP keeps the system's default.  GTSM sends 255 instead. */
        bool ebgp = nb->remote_as_kind == CONFIG_REMOTE_AS_EXTERNAL ||
                    (nb->remote_as_kind == CONFIG_REMOTE_AS_NUMBER &&
                     nb->remote_as != d->cfg->bgp.asn);
        if (ebgp && nb->ttl_security_hops == 0)
                pc.ttl = nb->ebgp_multihop != 0 ? nb->ebgp_multihop : 1;
        pc.md5_password = nb->password;
        int rc = bgp_ev_peer_add(d->ev, &pc, &p->ev);
        if (rc != 0)
                return rc;
        /* "path-attribute discard": the types the config reader accepted, all droppable. */
        uint8_t types[255];
        size_t n_types = 0;
        for (unsigned t = 1; t < 256; t++)
                if (nb->discard_attrs[t / 32] & (1u << (t % 32)))
                        types[n_types++] = (uint8_t)t;
        if (n_types > 0)
                (void)bgp_ev_peer_set_discard(p->ev, types, n_types);
        p->nh_afi = 0;
        lbgpd_router_config(p, &rc_cfg);
        rc = bgp_router_peer_add(d->router, &rc_cfg, &p->rp);
        if (rc != 0) {
                /* Still Idle: it leaves without a word on the wire. */
                bgp_ev_peer_remove(p->ev, BGP_NOTIFY_CEASE_OUT_OF_RESOURCES);
                p->ev = NULL;
                return rc;
        }
        bgp_router_peer_set_user_data(p->rp, p);
        p->max_prefix_restart = lbgpd_peer_af(p)->max_prefix.restart;
        if (nb->shutdown) {
                lbgpd_log(BGP_LOG_NOTICE, "%s: shut down by configuration", nb->addr_text);
                return 0;
        }
        rc = bgp_ev_peer_start(p->ev);
        if (rc != 0)
                lbgpd_log(BGP_LOG_ERR, "%s: not started: %s", nb->addr_text, bgp_strerror(rc));
        return 0;
}

void lbgpd_peer_close(struct lbgpd *d, struct lbgpd_peer *p, uint8_t cease_subcode)
{
        /* The binding's callbacks still find the record while the Cease goes out: the
         * router peer goes down there, as for any session that ends. */
        if (p->ev != NULL)
                bgp_ev_peer_remove(p->ev, cease_subcode);
        p->ev = NULL;
        if (p->rp != NULL)
                bgp_router_peer_remove(d->router, p->rp);
        p->rp = NULL;
        p->up_since = 0;
}

const struct config_neighbor_af *lbgpd_peer_af(const struct lbgpd_peer *p)
{
        return &p->nb->af[p->nb->afi == BGP_AFI_IPV6 ? CONFIG_AF_IPV6_UNICAST
                                                     : CONFIG_AF_IPV4_UNICAST];
}

static void on_settle(evutil_socket_t fd, short what, void *arg)
{
        (void)fd;
        (void)what;
        lbgpd_settle(arg);
}

void lbgpd_speaker_free(struct lbgpd *d)
{
        if (d->settle_ev != NULL)
                event_free(d->settle_ev);
        d->settle_ev = NULL;
        if (d->flush_ev != NULL)
                event_free(d->flush_ev);
        d->flush_ev = NULL;
        for (size_t i = 0; i < d->n_kept; i++)
                free(d->kept[i]);
        free(d->kept);
        d->kept = NULL;
        d->n_kept = 0;
}

int lbgpd_speaker_start(struct lbgpd *d)
{
        static const struct bgp_ev_callbacks cbs = {
            .version = BGP_EV_CALLBACKS_VERSION,
            .state_change = on_state,
            .update = on_update,
            .route_refresh = on_refresh,
            .notification = on_notification,
            .log = on_log,
        };
        const struct bgp_router_callbacks rcb = {BGP_ROUTER_CALLBACKS_VERSION, lbgpd_fib_changes,
                                                 on_router_event};
        d->settle_ev = event_new(d->base, -1, 0, on_settle, d);
        d->flush_ev = evtimer_new(d->base, on_flush_timer, d);
        if (d->settle_ev == NULL || d->flush_ev == NULL)
                return BGP_ERR_NOMEM;
        /* Counted hooks: `show bgp summary json` tells what the router holds. */
        lbgpd_memcount_hooks(&d->router_mem_count, &d->router_mem);
        int rc = bgp_router_new(&d->router, d->policy, &rcb, &d->router_mem, d);
        if (rc == 0)
                rc = bgp_ev_new(&d->ev, d->base, &cbs, d);
        if (rc != 0)
                return rc;
        /* Listen on every address for configured peers only (the binding refuses others). */
        struct sockaddr_in6 any6 = {.sin6_family = AF_INET6, .sin6_addr = IN6ADDR_ANY_INIT};
        struct sockaddr_in any4 = {.sin_family = AF_INET};
        if (bgp_ev_listen(d->ev, (struct sockaddr *)&any6, sizeof(any6)) != 0)
                lbgpd_log(BGP_LOG_WARNING, "cannot listen on [::]:179; connecting out only");
        if (bgp_ev_listen(d->ev, (struct sockaddr *)&any4, sizeof(any4)) != 0)
                lbgpd_log(BGP_LOG_INFO, "cannot listen on 0.0.0.0:179");

        d->n_peers = d->cfg->bgp.n_neighbors;
        d->peers = calloc(d->n_peers ? d->n_peers : 1, sizeof(*d->peers));
        if (d->peers == NULL)
                return BGP_ERR_NOMEM;
        for (size_t i = 0; i < d->n_peers; i++) {
                d->peers[i].d = d;
                d->peers[i].nb = &d->cfg->bgp.neighbors[i];
        }
        for (size_t i = 0; i < d->n_peers; i++) {
                rc = lbgpd_peer_open(d, &d->peers[i]);
                if (rc != 0) {
                        lbgpd_log(BGP_LOG_ERR, "%s: %s", d->peers[i].nb->addr_text,
                                  bgp_strerror(rc));
                        return rc;
                }
        }
        rc = lbgpd_originate(d);
        lbgpd_settle(d);
        return rc;
}

void lbgpd_speaker_stop(struct lbgpd *d)
{
        for (size_t i = 0; i < d->n_peers; i++)
                if (d->peers[i].ev != NULL)
                        bgp_ev_peer_stop(d->peers[i].ev, "lbgpd shutting down");
}
