/*
 * run.c - the session: feed the sender's UPDATEs as the socket drains, then the actions.
 *
 * Flow control: the binding writes what the socket takes and keeps the rest in the
 * session's output queue (bgp_session_pending()).  We add a message only while that queue
 * holds less than HIGH_WATER bytes; above it, a short timer looks again.  So memory stays
 * at the socket buffer plus HIGH_WATER whatever the table's size, and a slow peer slows the
 * replay.  (The binding has no "drained" callback yet: the timer stands in for it.)
 *
 * Phases of one session: the table and End-of-RIB; --second (the second table, then the
 * first table's prefixes it lacks withdrawn); --withdraw-after; --flap (drop, reconnect,
 * start again).  Then hold, and --exit-after.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include <event2/event.h>

#include "replay.h"

#define HIGH_WATER (256u * 1024)
#define POLL_MS    1
/* Bytes queued in one callback before the loop gets a turn: a peer that reads as fast as we
 * write would otherwise keep us in one callback for the whole table, with its keepalives
 * unread and libevent's cached clock stale (a timer set then would fire at once). */
#define BUDGET (512u * 1024)

enum phase {
        PH_DOWN,     /* no Established session */
        PH_TABLE,    /* sending the first table and End-of-RIB */
        PH_SECOND,   /* sending the second table and the withdrawals it implies */
        PH_WITHDRAW, /* withdrawing everything */
        PH_WAIT,     /* waiting for a timer to start the next action */
        PH_HOLD,     /* nothing left to do */
        PH_FLAP,     /* we dropped the session and will start it again */
        PH_EXIT,
};

struct replay {
        const struct replay_cfg *cfg;
        struct event_base *base;
        struct bgp_ev *ev;
        struct bgp_ev_peer *peer;
        struct event *poll, *action, *sig_usr1, *sig_usr2, *sig_int, *sig_term;
        struct rtable *t1, *t2;
        struct rtable_family diff[RTABLE_MAX_FAMILIES];
        size_t n_diff;
        const struct rtable *current; /* what the peer has from us now */

        struct sender snd;
        bool snd_live;
        struct sender_stats done_st; /* of sessions before this one */
        enum phase phase;
        bool second_done, withdraw_done;
        void (*after_timer)(struct replay *r);

        bgp_time_ms t_established;
        double cpu_established; /* our CPU seconds when the session came up */
        struct replay_report rep;
        int status;
        uint8_t buf[BGP_EXT_MAX_MSG_LEN];
};

static void log_line(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void log_line(const char *fmt, ...)
{
        va_list ap;
        bgp_time_ms now = bgp_ev_now();
        fprintf(stderr, "lbgp-replay: %llu.%03llu ", (unsigned long long)(now / 1000),
                (unsigned long long)(now % 1000));
        va_start(ap, fmt);
        vfprintf(stderr, fmt, ap);
        va_end(ap);
        fputc('\n', stderr);
}

static struct bgp_session *session(struct replay *r)
{
        return bgp_ev_peer_session(r->peer);
}

static bool established(struct replay *r)
{
        struct bgp_session *s = session(r);
        return s != NULL && bgp_session_state(s) == BGP_STATE_ESTABLISHED;
}

static double cpu_seconds(void)
{
        struct rusage ru;
        getrusage(RUSAGE_SELF, &ru);
        return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
               (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
}

static void add_stats(struct sender_stats *a, const struct sender_stats *b)
{
        a->updates += b->updates;
        a->bytes += b->bytes;
        a->announced += b->announced;
        a->withdrawn += b->withdrawn;
        a->eor += b->eor;
        a->skipped_family += b->skipped_family;
        a->skipped_nexthop += b->skipped_nexthop;
}

/* ---- the report ------------------------------------------------------------------------ */

static void report(struct replay *r, bool final)
{
        struct rusage ru;
        struct replay_report *p = &r->rep;
        p->cfg = r->cfg;
        p->t1 = r->t1;
        p->t2 = r->t2;
        p->st = r->done_st;
        if (r->snd_live)
                add_stats(&p->st, &r->snd.st);
        getrusage(RUSAGE_SELF, &ru);
        p->cpu_user = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6;
        p->cpu_sys = (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
        p->max_rss_kib = ru.ru_maxrss;
        struct bgp_session *s = session(r);
        p->state = s != NULL ? bgp_state_name(bgp_session_state(s)) : "Idle";
        p->final = final;
        replay_report_print(p);
}

/* ---- phases ---------------------------------------------------------------------------- */

static void feed(struct replay *r);
static void next_action(struct replay *r);

static void finish(struct replay *r)
{
        r->phase = PH_EXIT;
        event_base_loopexit(r->base, &(struct timeval){.tv_sec = 1});
}

static void on_action(evutil_socket_t fd, short what, void *arg)
{
        struct replay *r = arg;
        (void)fd;
        (void)what;
        void (*fn)(struct replay *) = r->after_timer;
        r->after_timer = NULL;
        if (fn != NULL)
                fn(r);
}

static void later(struct replay *r, long seconds, void (*fn)(struct replay *))
{
        r->phase = PH_WAIT;
        r->after_timer = fn;
        event_base_update_cache_time(r->base);
        evtimer_add(r->action, &(struct timeval){.tv_sec = seconds});
}

static void start_second(struct replay *r)
{
        if (!established(r))
                return;
        r->phase = PH_SECOND;
        log_line("--second: sending the second table");
        if (sender_push_table(&r->snd, r->t2) != 0 ||
            sender_push_withdraw(&r->snd, r->diff, r->n_diff) != 0)
                log_line("the sender's queue is full");
        r->current = r->t2;
        feed(r);
}

static void start_withdraw(struct replay *r)
{
        if (!established(r))
                return;
        r->phase = PH_WITHDRAW;
        log_line("--withdraw-after: withdrawing everything");
        if (sender_push_withdraw(&r->snd, r->current->fam, r->current->n_fam) != 0)
                log_line("the sender's queue is full");
        feed(r);
}

static void do_exit(struct replay *r)
{
        log_line("--exit-after: stopping");
        bgp_ev_peer_stop(r->peer, "lbgp-replay: done");
        finish(r);
}

static void do_flap(struct replay *r)
{
        r->rep.flaps++;
        r->phase = PH_FLAP;
        log_line("--flap: dropping the session (%u of %u)", r->rep.flaps, r->cfg->flap);
        bgp_ev_peer_stop(r->peer, "lbgp-replay: flap");
}

/* The queued jobs are all written: what comes next. */
static void next_action(struct replay *r)
{
        const struct replay_cfg *c = r->cfg;
        if (r->phase == PH_TABLE) {
                bgp_time_ms now = bgp_ev_now();
                const struct sender_stats *st = &r->snd.st;
                r->rep.table_done = true;
                r->rep.table_seconds = (double)(now - r->t_established) / 1000.0;
                r->rep.table_prefixes = st->announced;
                r->rep.table_updates = st->updates;
                r->rep.table_bytes = st->bytes;
                r->rep.table_cpu = cpu_seconds() - r->cpu_established;
                log_line("table written: %llu prefixes in %llu UPDATEs, %.3f s",
                         (unsigned long long)st->announced, (unsigned long long)st->updates,
                         r->rep.table_seconds);
        }
        if (r->t2 != NULL && !r->second_done) {
                r->second_done = true;
                later(r, c->second_after, start_second);
                return;
        }
        if (c->withdraw_after >= 0 && !r->withdraw_done) {
                r->withdraw_done = true;
                later(r, c->withdraw_after, start_withdraw);
                return;
        }
        if (r->rep.flaps < c->flap) {
                later(r, c->flap_wait, do_flap);
                return;
        }
        if (c->exit_after >= 0) {
                later(r, c->exit_after, do_exit);
                return;
        }
        r->phase = PH_HOLD;
}

/* Adds UPDATEs while the session's queue is short; looks again soon when it is not. */
static void feed(struct replay *r)
{
        if (!established(r) || !r->snd_live)
                return;
        struct bgp_session *s = session(r);
        size_t queued = 0;
        for (;;) {
                if (queued >= BUDGET) {
                        evtimer_add(r->poll, &(struct timeval){0});
                        return;
                }
                if (bgp_session_pending(s) >= HIGH_WATER)
                        break;
                if (sender_idle(&r->snd)) {
                        if (bgp_session_pending(s) > 0)
                                break; /* written only once the socket has it all */
                        if (r->phase == PH_TABLE || r->phase == PH_SECOND ||
                            r->phase == PH_WITHDRAW)
                                next_action(r);
                        return;
                }
                int len = sender_next(&r->snd, r->buf, sizeof(r->buf));
                if (len < 0) {
                        log_line("building an UPDATE: %s", bgp_strerror(len));
                        return;
                }
                if (len == 0)
                        continue;
                queued += (size_t)len;
                int rc = bgp_ev_peer_send_update(r->peer, r->buf, (size_t)len);
                if (rc != 0) {
                        log_line("sending an UPDATE: %s", bgp_strerror(rc));
                        return;
                }
                if (!established(r))
                        return;
        }
        evtimer_add(r->poll, &(struct timeval){.tv_usec = POLL_MS * 1000});
}

static void on_poll(evutil_socket_t fd, short what, void *arg)
{
        (void)fd;
        (void)what;
        feed(arg);
}

/* Our address on the connection, unless --next-hop says otherwise. */
static void next_hops(struct replay *r)
{
        const struct replay_cfg *c = r->cfg;
        uint8_t nh6[16], nh4[4];
        bool h6 = c->have_nh6, h4 = c->have_nh4;
        struct sockaddr_storage ss;
        memcpy(nh6, c->nh6, 16);
        memcpy(nh4, c->nh4, 4);
        if (bgp_ev_peer_local_address(r->peer, &ss) == 0) {
                if (ss.ss_family == AF_INET6 && !h6) {
                        memcpy(nh6, &((struct sockaddr_in6 *)&ss)->sin6_addr, 16);
                        h6 = true;
                } else if (ss.ss_family == AF_INET && !h4) {
                        memcpy(nh4, &((struct sockaddr_in *)&ss)->sin_addr, 4);
                        h4 = true;
                }
        }
        sender_set_next_hops(&r->snd, h6 ? nh6 : NULL, h4 ? nh4 : NULL);
}

static void session_up(struct replay *r)
{
        r->t_established = bgp_ev_now();
        r->cpu_established = cpu_seconds();
        r->rep.established++;
        if (r->cfg->sink)
                return;
        if (r->snd_live) {
                add_stats(&r->done_st, &r->snd.st);
                sender_free(&r->snd);
        }
        sender_init(&r->snd, bgp_session_codec(session(r)));
        r->snd.per_update = r->cfg->per_update;
        r->snd_live = true;
        next_hops(r);
        r->second_done = r->withdraw_done = false;
        r->phase = PH_TABLE;
        r->current = r->t1;
        if (sender_push_table(&r->snd, r->t1) != 0 || sender_push_eor(&r->snd) != 0)
                log_line("the sender's queue is full");
        feed(r);
}

static void restart(struct replay *r)
{
        r->phase = PH_DOWN;
        int rc = bgp_ev_peer_start(r->peer);
        if (rc != 0)
                log_line("restarting the peer: %s", bgp_strerror(rc));
}

static void session_down(struct replay *r)
{
        evtimer_del(r->poll);
        if (r->phase == PH_FLAP) {
                /* Our own drop: come back soon (--flap-reconnect), from the loop rather
                 * than inside the binding's callback. */
                long ms = r->cfg->flap_reconnect_ms;
                struct timeval tv = {.tv_sec = ms / 1000, .tv_usec = ms % 1000 * 1000};
                r->after_timer = restart;
                evtimer_add(r->action, &tv);
                return;
        }
        /* Down after everything was done: --exit-after still ends us. */
        if (r->phase == PH_EXIT || r->after_timer == do_exit)
                return;
        /* The peer dropped us: what was waiting is void; the next session starts over. */
        evtimer_del(r->action);
        r->after_timer = NULL;
        r->phase = PH_DOWN;
}

/* ---- binding callbacks --------------------------------------------------------------------- */

static void on_state(struct bgp_ev_peer *p, enum bgp_state from, enum bgp_state to, void *ud)
{
        struct replay *r = ud;
        (void)p;
        log_line("state %s -> %s", bgp_state_name(from), bgp_state_name(to));
        if (to == BGP_STATE_ESTABLISHED)
                session_up(r);
        else if (from == BGP_STATE_ESTABLISHED)
                session_down(r);
}

static size_t count_nlri(const struct bgp_nlri *n)
{
        return n->data != NULL ? bgp_nlri_count(n) : 0;
}

/* --sink counts; a replay ignores what the peer sends. */
static int on_update(struct bgp_ev_peer *p, const struct bgp_update *u, const struct bgp_verdict *v,
                     void *ud)
{
        struct replay *r = ud;
        uint16_t afi;
        uint8_t safi;
        (void)p;
        (void)v;
        if (!r->cfg->sink)
                return 0;
        r->rep.rx_updates++;
        r->rep.rx_announced += count_nlri(&u->nlri);
        r->rep.rx_withdrawn += count_nlri(&u->withdrawn);
        if (bgp_attrs_has(&u->attrs, BGP_ATTR_MP_REACH_NLRI))
                r->rep.rx_announced += count_nlri(&u->attrs.mp_reach.nlri);
        if (bgp_attrs_has(&u->attrs, BGP_ATTR_MP_UNREACH_NLRI))
                r->rep.rx_withdrawn += count_nlri(&u->attrs.mp_unreach.nlri);
        if (bgp_update_is_eor(u, &afi, &safi)) {
                r->rep.rx_eor++;
                r->rep.rx_seconds = (double)(bgp_ev_now() - r->t_established) / 1000.0;
                unsigned want =
                    (unsigned)__builtin_popcount(bgp_session_codec(session(r))->families);
                if (r->rep.rx_eor == want) {
                        report(r, false);
                        if (r->cfg->exit_after >= 0)
                                later(r, r->cfg->exit_after, do_exit);
                }
        }
        return 0;
}

static void on_notification(struct bgp_ev_peer *p, bool sent, const struct bgp_notification *n,
                            void *ud)
{
        (void)p;
        (void)ud;
        log_line("NOTIFICATION %s %u/%u", sent ? "sent" : "received", n->code, n->subcode);
}

static void on_log(struct bgp_ev_peer *p, enum bgp_log_level level, const char *msg, void *ud)
{
        (void)ud;
        if (level <= BGP_LOG_NOTICE)
                log_line("%s%s%s", p != NULL ? bgp_ev_peer_name(p) : "", p != NULL ? ": " : "",
                         msg);
}

static void on_signal(evutil_socket_t sig, short what, void *arg)
{
        struct replay *r = arg;
        (void)what;
        if (sig == SIGUSR1) {
                report(r, false);
                return;
        }
        if (sig == SIGUSR2) {
                /* Withdraw now, for a benchmark that decides when (the failover it times
                 * starts when every receiver has the table, which no fixed delay knows). */
                if (r->phase == PH_HOLD && !r->withdraw_done) {
                        r->withdraw_done = true;
                        start_withdraw(r);
                } else {
                        log_line("SIGUSR2: not holding the table, no withdrawal");
                }
                return;
        }
        r->status = 0;
        bgp_ev_peer_stop(r->peer, "lbgp-replay: interrupted");
        finish(r);
}

/* ---- setup --------------------------------------------------------------------------------- */

static int setup(struct replay *r)
{
        const struct replay_cfg *c = r->cfg;
        const struct bgp_ev_callbacks cb = {
            .version = BGP_EV_CALLBACKS_VERSION,
            .state_change = on_state,
            .update = on_update,
            .notification = on_notification,
            .log = on_log,
        };
        int rc;

        r->base = event_base_new();
        if (r->base == NULL)
                return -1;
        if ((rc = bgp_ev_new(&r->ev, r->base, &cb, r)) != 0) {
                log_line("bgp_ev_new: %s", bgp_strerror(rc));
                return -1;
        }
        if (c->peer.session.passive) {
                struct sockaddr_storage any;
                socklen_t len;
                if (c->local_text != NULL) {
                        any = c->local;
                        len = c->local_len;
                } else {
                        memset(&any, 0, sizeof(any));
                        any.ss_family = c->peer.remote.ss_family;
                        if (any.ss_family == AF_INET6) {
                                ((struct sockaddr_in6 *)&any)->sin6_port = htons(c->port);
                                len = sizeof(struct sockaddr_in6);
                        } else {
                                ((struct sockaddr_in *)&any)->sin_port = htons(c->port);
                                len = sizeof(struct sockaddr_in);
                        }
                }
                if ((rc = bgp_ev_listen(r->ev, (struct sockaddr *)&any, len)) != 0) {
                        log_line("listen: %s", strerror(-rc));
                        return -1;
                }
        }
        if ((rc = bgp_ev_peer_add(r->ev, &c->peer, &r->peer)) != 0) {
                log_line("adding the peer: %s", bgp_strerror(rc));
                return -1;
        }
        r->poll = evtimer_new(r->base, on_poll, r);
        r->action = evtimer_new(r->base, on_action, r);
        r->sig_usr1 = evsignal_new(r->base, SIGUSR1, on_signal, r);
        r->sig_usr2 = evsignal_new(r->base, SIGUSR2, on_signal, r);
        r->sig_int = evsignal_new(r->base, SIGINT, on_signal, r);
        r->sig_term = evsignal_new(r->base, SIGTERM, on_signal, r);
        if (r->poll == NULL || r->action == NULL || r->sig_usr1 == NULL || r->sig_usr2 == NULL ||
            r->sig_int == NULL || r->sig_term == NULL)
                return -1;
        evsignal_add(r->sig_usr1, NULL);
        evsignal_add(r->sig_usr2, NULL);
        evsignal_add(r->sig_int, NULL);
        evsignal_add(r->sig_term, NULL);
        if ((rc = bgp_ev_peer_start(r->peer)) != 0) {
                log_line("starting the peer: %s", bgp_strerror(rc));
                return -1;
        }
        return 0;
}

int replay_run(const struct replay_cfg *cfg, struct rtable *t1, struct rtable *t2,
               double load_seconds)
{
        static struct replay r; /* the message buffer is 64 KiB */
        int status = 1;

        memset(&r, 0, sizeof(r));
        r.cfg = cfg;
        r.t1 = t1;
        r.t2 = t2;
        r.rep.load_seconds = load_seconds;
        if (t2 != NULL && rtable_diff(t1, t2, r.diff, &r.n_diff) != 0) {
                log_line("out of memory");
                return 1;
        }
        signal(SIGPIPE, SIG_IGN);
        if (setup(&r) == 0) {
                event_base_dispatch(r.base);
                report(&r, true);
                status = 0;
        }
        if (r.ev != NULL)
                bgp_ev_del(r.ev);
        struct event *evs[] = {r.poll, r.action, r.sig_usr1, r.sig_usr2, r.sig_int, r.sig_term};
        for (size_t i = 0; i < sizeof(evs) / sizeof(evs[0]); i++)
                if (evs[i] != NULL)
                        event_free(evs[i]);
        if (r.base != NULL)
                event_base_free(r.base);
        if (r.snd_live)
                sender_free(&r.snd);
        rtable_families_free(r.diff, r.n_diff);
        return status;
}
