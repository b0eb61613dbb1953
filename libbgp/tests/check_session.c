/*
 * check_session.c - the RFC 4271 section 8 state machine, driven through the sans-I/O API
 * on a virtual clock: two sessions wired back to back in memory, no sockets.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bgp/bgp.h>

#include "testutil.h"

/* What one side saw, recorded by its callbacks. */
struct side {
        struct bgp_session *s;
        const char *name;
        int connects;
        int disconnects;
        int updates;
        int withdraw_verdicts;
        int refreshes;
        enum bgp_state states[64];
        int n_states;
        int notif_sent, notif_recv;
        uint8_t sent_code, sent_subcode, recv_code, recv_subcode;
        char shutdown_text[256];
        size_t update_prefixes;
        int malformed_logs;
        char last_log[256];
};

static struct side a, b;
static bgp_time_ms now;

static void on_state(struct bgp_session *s, enum bgp_state from, enum bgp_state to, void *ud)
{
        struct side *p = ud;
        (void)s;
        (void)from;
        if (p->n_states < 64)
                p->states[p->n_states++] = to;
}

static int on_connect(struct bgp_session *s, void *ud)
{
        (void)s;
        ((struct side *)ud)->connects++;
        return 0;
}

static void on_disconnect(struct bgp_session *s, void *ud)
{
        (void)s;
        ((struct side *)ud)->disconnects++;
}

static int on_update(struct bgp_session *s, const struct bgp_update *u, const struct bgp_verdict *v,
                     void *ud)
{
        struct side *p = ud;
        (void)s;
        p->updates++;
        if (v->action == BGP_ACTION_TREAT_AS_WITHDRAW)
                p->withdraw_verdicts++;
        p->update_prefixes += bgp_nlri_count(&u->attrs.mp_reach.nlri) + bgp_nlri_count(&u->nlri);
        return 0;
}

static int on_refresh(struct bgp_session *s, const struct bgp_route_refresh *rr, void *ud)
{
        (void)s;
        (void)rr;
        ((struct side *)ud)->refreshes++;
        return 0;
}

static void on_notification(struct bgp_session *s, bool sent, const struct bgp_notification *n,
                            void *ud)
{
        struct side *p = ud;
        (void)s;
        if (sent) {
                p->notif_sent++;
                p->sent_code = n->code;
                p->sent_subcode = n->subcode;
        } else {
                p->notif_recv++;
                p->recv_code = n->code;
                p->recv_subcode = n->subcode;
                if (bgp_notification_shutdown_text(n, p->shutdown_text, sizeof(p->shutdown_text)) <
                    0)
                        p->shutdown_text[0] = '\0';
        }
}

static void on_log(struct bgp_session *s, enum bgp_log_level level, const char *msg, void *ud)
{
        struct side *p = ud;
        (void)s;
        (void)level;
        if (strstr(msg, "malformed UPDATE") != NULL) {
                p->malformed_logs++;
                snprintf(p->last_log, sizeof(p->last_log), "%s", msg);
        }
}

static const struct bgp_callbacks callbacks = {
    .version = BGP_CALLBACKS_VERSION,
    .state_change = on_state,
    .connect = on_connect,
    .disconnect = on_disconnect,
    .update = on_update,
    .route_refresh = on_refresh,
    .notification = on_notification,
    .log = on_log,
};

static void config(struct bgp_session_config *c, uint32_t as, uint32_t id, uint32_t peer_as)
{
        bgp_session_config_init(c);
        c->local_as = as;
        c->local_id = id;
        c->remote_as = peer_as;
        c->families = BGP_FAMILY_IPV6_UNICAST | BGP_FAMILY_IPV4_UNICAST;
        c->auto_restart = false;
}

static void make(struct side *p, const char *name, const struct bgp_session_config *c)
{
        memset(p, 0, sizeof(*p));
        p->name = name;
        ck_assert_int_eq(bgp_session_new(&p->s, c, &callbacks, NULL, p), 0);
}

static void setup(void)
{
        struct bgp_session_config ca, cb;
        now = 1000000;
        config(&ca, 201379, 0xc6336401, 34927);
        config(&cb, 34927, 0xc6336402, 201379);
        cb.hold_time = 90;
        make(&a, "a", &ca);
        make(&b, "b", &cb);
}

static void teardown(void)
{
        bgp_session_del(a.s);
        bgp_session_del(b.s);
}

/* Moves everything each side has to send to the other, until both are quiet. */
static void pump(void)
{
        for (int round = 0; round < 100; round++) {
                const uint8_t *data;
                size_t n, moved = 0;
                struct side *from[2] = {&a, &b}, *to[2] = {&b, &a};
                for (int i = 0; i < 2; i++) {
                        while ((n = bgp_session_send(from[i]->s, &data, now)) > 0) {
                                uint8_t *copy = malloc(n);
                                memcpy(copy, data, n);
                                bgp_session_sent(from[i]->s, n, now);
                                ck_assert_int_eq(bgp_session_recv(to[i]->s, copy, n, now), (long)n);
                                free(copy);
                                moved += n;
                        }
                }
                if (moved == 0)
                        return;
        }
        ck_abort_msg("pump did not settle");
}

/* Advances the clock to t, firing timers as they fall due, pumping after each. */
static void run_until(bgp_time_ms t)
{
        for (;;) {
                bgp_time_ms next = bgp_session_expiry(a.s);
                bgp_time_ms nb = bgp_session_expiry(b.s);
                if (nb < next)
                        next = nb;
                if (next > t)
                        break;
                now = next > now ? next : now;
                ck_assert_int_ge(bgp_session_handle_expiry(a.s, now), 0);
                ck_assert_int_ge(bgp_session_handle_expiry(b.s, now), 0);
                pump();
        }
        now = t;
}

/* a connects out, b accepts: both reach Established. */
static void establish(void)
{
        ck_assert_int_eq(bgp_session_start(a.s, now), 0);
        ck_assert_int_eq(bgp_session_state(a.s), BGP_STATE_CONNECT);
        ck_assert_int_eq(a.connects, 1);
        b.s ? (void)0 : (void)0;
        ck_assert_int_eq(bgp_session_tcp_connected(a.s, now), 0);
        ck_assert_int_eq(bgp_session_state(a.s), BGP_STATE_OPENSENT);
        /* b is started passive-less but the connection comes in: Active then confirmed. */
        ck_assert_int_eq(bgp_session_start(b.s, now), 0);
        ck_assert_int_eq(bgp_session_tcp_connected(b.s, now), 0);
        pump();
        ck_assert_int_eq(bgp_session_state(a.s), BGP_STATE_ESTABLISHED);
        ck_assert_int_eq(bgp_session_state(b.s), BGP_STATE_ESTABLISHED);
}

START_TEST(reaches_established_and_negotiates)
{
        establish();
        /* RFC 4271 4.2: the smaller hold time; keepalive a third of it. */
        ck_assert_uint_eq(bgp_session_hold_time(a.s), 90);
        ck_assert_uint_eq(bgp_session_keepalive_time(a.s), 30);
        ck_assert_uint_eq(bgp_session_hold_time(b.s), 90);
        const struct bgp_codec_opts *o = bgp_session_codec(a.s);
        ck_assert(o->as4);
        ck_assert_uint_eq(o->families, BGP_FAMILY_IPV6_UNICAST | BGP_FAMILY_IPV4_UNICAST);
        ck_assert_uint_eq(o->remote_as, 34927);
        ck_assert_uint_eq(bgp_session_peer_id(a.s), 0xc6336402);
        ck_assert(bgp_session_caps(a.s) & BGP_CAPF_ROUTE_REFRESH);
        ck_assert(bgp_session_caps(a.s) & BGP_CAPF_ENHANCED_REFRESH);
        /* The states a went through, in order. */
        ck_assert_int_eq(a.n_states, 4);
        ck_assert_int_eq(a.states[0], BGP_STATE_CONNECT);
        ck_assert_int_eq(a.states[1], BGP_STATE_OPENSENT);
        ck_assert_int_eq(a.states[2], BGP_STATE_OPENCONFIRM);
        ck_assert_int_eq(a.states[3], BGP_STATE_ESTABLISHED);
}
END_TEST

START_TEST(survives_three_hold_times_with_keepalives)
{
        establish();
        bgp_time_ms start = now;
        run_until(start + 3 * 90 * 1000 + 1);
        ck_assert_int_eq(bgp_session_state(a.s), BGP_STATE_ESTABLISHED);
        ck_assert_int_eq(bgp_session_state(b.s), BGP_STATE_ESTABLISHED);
        ck_assert_int_eq(a.notif_sent + b.notif_sent, 0);
        /* Keepalives every 30 s (jitter off): 9 in 270 s, plus the one of the OPEN
         * exchange; each side received what the other sent. */
        struct bgp_session_counters ca, cb;
        bgp_session_counters(a.s, &ca);
        bgp_session_counters(b.s, &cb);
        ck_assert_uint_eq(ca.sent[BGP_MSG_OPEN], 1);
        ck_assert_uint_eq(ca.sent[BGP_MSG_KEEPALIVE], 10);
        ck_assert_uint_eq(cb.received[BGP_MSG_KEEPALIVE], ca.sent[BGP_MSG_KEEPALIVE]);
        ck_assert_uint_eq(ca.received[BGP_MSG_KEEPALIVE], cb.sent[BGP_MSG_KEEPALIVE]);
        ck_assert_uint_eq(ca.established, 1);
}
END_TEST

START_TEST(hold_timer_expires_to_the_tick)
{
        establish();
        bgp_time_ms start = now;
        /* b falls silent: nothing it sends reaches a.  a's hold timer is 90 s from the
         * last message it received. */
        for (;;) {
                bgp_time_ms next = bgp_session_expiry(a.s);
                if (next - start >= 90 * 1000)
                        break;
                now = next;
                bgp_session_handle_expiry(a.s, now);
                const uint8_t *d;
                size_t n = bgp_session_send(a.s, &d, now);
                bgp_session_sent(a.s, n, now); /* a's keepalives go nowhere */
        }
        ck_assert_uint_eq(bgp_session_expiry(a.s), start + 90 * 1000);
        /* One millisecond before: still Established, no NOTIFICATION made or queued. */
        now = start + 90 * 1000 - 1;
        ck_assert_int_eq(bgp_session_handle_expiry(a.s, now), 0);
        ck_assert_int_eq(bgp_session_state(a.s), BGP_STATE_ESTABLISHED);
        ck_assert_int_eq(a.notif_sent, 0);
        ck_assert_uint_eq(bgp_session_pending(a.s), 0);
        now = start + 90 * 1000;
        ck_assert_int_eq(bgp_session_handle_expiry(a.s, now), 0);
        ck_assert_int_eq(bgp_session_state(a.s), BGP_STATE_IDLE);
        ck_assert_int_eq(a.notif_sent, 1);
        ck_assert_uint_eq(a.sent_code, BGP_NOTIFY_HOLD_TIMER);
        ck_assert_uint_eq(a.sent_subcode, 0);
        ck_assert_int_eq(a.disconnects, 1);
        /* The NOTIFICATION is still there to be written after the drop. */
        const uint8_t *d;
        size_t n = bgp_session_send(a.s, &d, now);
        ck_assert_uint_eq(n, 21);
        ck_assert_uint_eq(d[18], BGP_MSG_NOTIFICATION);
        ck_assert_uint_eq(d[19], 4);
}
END_TEST

/*
 * lbgpd's `timers 3 9` (the fault scenarios' hold time): the hold timer counts from the
 * last message received, whatever it is (RFC 4271 4.4: a KEEPALIVE or an UPDATE restarts
 * it), and a silent peer gets NOTIFICATION 4/0 (RFC 4271 6.5) at that millisecond plus
 * the hold time, not one millisecond before, and nothing else after it.
 */
START_TEST(hold_timer_counts_from_the_last_message)
{
        struct bgp_session_config ca, cb;
        bgp_session_del(a.s);
        bgp_session_del(b.s);
        config(&ca, 201379, 0xc6336401, 34927);
        config(&cb, 34927, 0xc6336402, 201379);
        ca.hold_time = 9;
        ca.keepalive_time = 3;
        cb.hold_time = 90;
        make(&a, "a", &ca);
        make(&b, "b", &cb);
        establish();
        ck_assert_uint_eq(bgp_session_hold_time(a.s), 9);
        ck_assert_uint_eq(bgp_session_hold_time(b.s), 9);

        /* b's messages arrive at odd times: an UPDATE 4,321 ms in, then a KEEPALIVE. */
        uint8_t eor[64], ka[19];
        int n = bgp_update_build_eor(eor, sizeof(eor), BGP_AFI_IPV6, BGP_SAFI_UNICAST);
        ck_assert_int_gt(n, 0);
        bgp_keepalive_encode(ka, sizeof(ka));
        now += 4321;
        ck_assert_int_eq(bgp_session_recv(a.s, eor, (size_t)n, now), n);
        ck_assert_uint_le(bgp_session_expiry(a.s), now + 9000);
        now += 2999;
        ck_assert_int_eq(bgp_session_recv(a.s, ka, sizeof(ka), now), (long)sizeof(ka));
        const bgp_time_ms last = now;

        /* Then silence.  a's own keepalives fire on the way and go nowhere. */
        for (;;) {
                bgp_time_ms next = bgp_session_expiry(a.s);
                if (next >= last + 9000)
                        break;
                now = next > now ? next : now; /* a keepalive due while b spoke */
                ck_assert_int_eq(bgp_session_handle_expiry(a.s, now), 0);
                const uint8_t *d;
                size_t k = bgp_session_send(a.s, &d, now);
                for (size_t off = 0; off < k; off += 19)
                        ck_assert_uint_eq(d[off + 18], BGP_MSG_KEEPALIVE);
                bgp_session_sent(a.s, k, now);
                ck_assert_int_eq(a.notif_sent, 0);
        }
        ck_assert_uint_eq(bgp_session_expiry(a.s), last + 9000);
        now = last + 8999;
        ck_assert_int_eq(bgp_session_handle_expiry(a.s, now), 0);
        ck_assert_int_eq(bgp_session_state(a.s), BGP_STATE_ESTABLISHED);
        ck_assert_int_eq(a.notif_sent, 0);
        ck_assert_uint_eq(bgp_session_pending(a.s), 0);

        now = last + 9000;
        ck_assert_int_eq(bgp_session_handle_expiry(a.s, now), 0);
        ck_assert_int_eq(bgp_session_state(a.s), BGP_STATE_IDLE);
        ck_assert_int_eq(a.notif_sent, 1);
        ck_assert_uint_eq(a.sent_code, BGP_NOTIFY_HOLD_TIMER);
        ck_assert_uint_eq(a.sent_subcode, 0);
        /* On the wire: exactly one message, NOTIFICATION 4/0 without data. */
        const uint8_t *d;
        size_t k = bgp_session_send(a.s, &d, now);
        ck_assert_uint_eq(k, 21);
        ck_assert_uint_eq(d[16], 0);
        ck_assert_uint_eq(d[17], 21);
        ck_assert_uint_eq(d[18], BGP_MSG_NOTIFICATION);
        ck_assert_uint_eq(d[19], BGP_NOTIFY_HOLD_TIMER);
        ck_assert_uint_eq(d[20], 0);
        /* No other timer of the session fires it again. */
        bgp_session_sent(a.s, k, now);
        run_until(now + 60000);
        ck_assert_int_eq(a.notif_sent, 1);
}
END_TEST

START_TEST(byte_by_byte_delivery)
{
        ck_assert_int_eq(bgp_session_start(a.s, now), 0);
        ck_assert_int_eq(bgp_session_tcp_connected(a.s, now), 0);
        ck_assert_int_eq(bgp_session_start(b.s, now), 0);
        ck_assert_int_eq(bgp_session_tcp_connected(b.s, now), 0);
        for (int round = 0; round < 10; round++) {
                struct side *from[2] = {&a, &b}, *to[2] = {&b, &a};
                for (int i = 0; i < 2; i++) {
                        const uint8_t *data;
                        size_t n;
                        while ((n = bgp_session_send(from[i]->s, &data, now)) > 0) {
                                uint8_t byte = data[0];
                                bgp_session_sent(from[i]->s, 1, now);
                                ck_assert_int_eq(bgp_session_recv(to[i]->s, &byte, 1, now), 1);
                        }
                }
        }
        ck_assert_int_eq(bgp_session_state(a.s), BGP_STATE_ESTABLISHED);
        ck_assert_int_eq(bgp_session_state(b.s), BGP_STATE_ESTABLISHED);
}
END_TEST

START_TEST(updates_reach_the_callback)
{
        establish();
        uint8_t buf[4096], path[16];
        struct bgp_attrs attrs;
        struct bgp_prefix p;
        size_t done = 0;
        uint32_t asn = 34927;
        memset(&attrs, 0, sizeof(attrs));
        attrs.as_path = (struct bgp_as_path){path, 0, 4};
        attrs.as_path.len = (size_t)bgp_as_path_encode_seq(path, sizeof(path), &asn, 1);
        attrs.mp_reach.nh_len = 16;
        attrs.mp_reach.nh[0] = 0x20;
        attrs.mp_reach.nh[1] = 0x01;
        attrs.mp_reach.nh[15] = 1;
        bgp_attrs_set(&attrs, BGP_ATTR_ORIGIN);
        bgp_attrs_set(&attrs, BGP_ATTR_AS_PATH);
        ck_assert_int_eq(bgp_prefix_parse("2001:db8:1000::/36", &p), 0);
        int n = bgp_update_build_announce(buf, sizeof(buf), bgp_session_codec(b.s), &attrs,
                                          BGP_SAFI_UNICAST, &p, 1, &done);
        ck_assert_int_gt(n, 0);
        ck_assert_int_eq(bgp_session_queue_update(b.s, buf, (size_t)n, now), 0);
        pump();
        ck_assert_int_eq(a.updates, 1);
        ck_assert_uint_eq(a.update_prefixes, 1);

        /* A path that does not start with the peer's AS: treat-as-withdraw, no reset. */
        asn = 65000;
        attrs.as_path.len = (size_t)bgp_as_path_encode_seq(path, sizeof(path), &asn, 1);
        done = 0;
        n = bgp_update_build_announce(buf, sizeof(buf), bgp_session_codec(b.s), &attrs,
                                      BGP_SAFI_UNICAST, &p, 1, &done);
        ck_assert_int_eq(bgp_session_queue_update(b.s, buf, (size_t)n, now), 0);
        pump();
        ck_assert_int_eq(a.updates, 2);
        ck_assert_int_eq(a.withdraw_verdicts, 1);
        ck_assert_int_eq(bgp_session_state(a.s), BGP_STATE_ESTABLISHED);

        /* An UPDATE that needs a session reset: NOTIFICATION 3/1, Idle on both sides. */
        uint8_t bad[] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                         0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00, 0x19,
                         0x02, 0x00, 0x10, 0x00, 0x00, 0x00, 0x00};
        ck_assert_int_eq(bgp_session_queue_update(b.s, bad, sizeof(bad), now), 0);
        pump();
        ck_assert_int_eq(bgp_session_state(a.s), BGP_STATE_IDLE);
        ck_assert_uint_eq(a.sent_code, BGP_NOTIFY_UPDATE);
        ck_assert_uint_eq(a.sent_subcode, BGP_NOTIFY_UPDATE_MALFORMED_ATTR_LIST);
        ck_assert_int_eq(bgp_session_state(b.s), BGP_STATE_IDLE);
        ck_assert_uint_eq(b.recv_code, BGP_NOTIFY_UPDATE);
        /* b did not answer the NOTIFICATION with one of its own. */
        ck_assert_int_eq(b.notif_sent, 0);
}
END_TEST

/* A peer that keeps sending malformed UPDATEs: each is counted by its RFC 7606 action, but
 * the log gets BURST lines at once and then one per INTERVAL, saying how many it left out. */
START_TEST(malformed_updates_counted_and_log_rate_limited)
{
        establish();
        uint8_t buf[4096], path[16];
        struct bgp_attrs attrs;
        struct bgp_prefix p;
        size_t done = 0;
        uint32_t asn = 65000; /* not the peer's AS first: treat-as-withdraw (RFC 7606 7.2) */
        memset(&attrs, 0, sizeof(attrs));
        attrs.as_path = (struct bgp_as_path){path, 0, 4};
        attrs.as_path.len = (size_t)bgp_as_path_encode_seq(path, sizeof(path), &asn, 1);
        attrs.mp_reach.nh_len = 16;
        attrs.mp_reach.nh[0] = 0x20;
        attrs.mp_reach.nh[1] = 0x01;
        attrs.mp_reach.nh[15] = 1;
        bgp_attrs_set(&attrs, BGP_ATTR_ORIGIN);
        bgp_attrs_set(&attrs, BGP_ATTR_AS_PATH);
        ck_assert_int_eq(bgp_prefix_parse("2001:db8:1000::/36", &p), 0);
        int n = bgp_update_build_announce(buf, sizeof(buf), bgp_session_codec(b.s), &attrs,
                                          BGP_SAFI_UNICAST, &p, 1, &done);
        ck_assert_int_gt(n, 0);
        for (int i = 0; i < 50; i++)
                ck_assert_int_eq(bgp_session_queue_update(b.s, buf, (size_t)n, now), 0);
        pump();
        struct bgp_session_counters c;
        bgp_session_counters(a.s, &c);
        ck_assert_uint_eq(c.malformed[BGP_ACTION_TREAT_AS_WITHDRAW], 50);
        ck_assert_uint_eq(c.malformed[BGP_ACTION_ATTR_DISCARD], 0);
        ck_assert_int_eq(a.malformed_logs, BGP_SESSION_MALFORMED_LOG_BURST);
        ck_assert_uint_eq(c.malformed_unlogged, 50 - BGP_SESSION_MALFORMED_LOG_BURST);
        ck_assert_int_eq(bgp_session_state(a.s), BGP_STATE_ESTABLISHED);
        /* One interval later one more line, with the count of those left out. */
        run_until(now + BGP_SESSION_MALFORMED_LOG_INTERVAL);
        ck_assert_int_eq(bgp_session_queue_update(b.s, buf, (size_t)n, now), 0);
        ck_assert_int_eq(bgp_session_queue_update(b.s, buf, (size_t)n, now), 0);
        pump();
        ck_assert_int_eq(a.malformed_logs, BGP_SESSION_MALFORMED_LOG_BURST + 1);
        ck_assert_ptr_nonnull(strstr(a.last_log, "(40 more not logged)"));
        bgp_session_counters(a.s, &c);
        ck_assert_uint_eq(c.malformed[BGP_ACTION_TREAT_AS_WITHDRAW], 52);
        ck_assert_uint_eq(c.malformed_unlogged, 41);
}
END_TEST

START_TEST(route_refresh_both_ways)
{
        establish();
        ck_assert_int_eq(bgp_session_request_refresh(a.s, BGP_AFI_IPV6, BGP_SAFI_UNICAST,
                                                     BGP_REFRESH_NORMAL, now),
                         0);
        pump();
        ck_assert_int_eq(b.refreshes, 1);
        ck_assert_int_eq(
            bgp_session_request_refresh(b.s, BGP_AFI_IPV4, BGP_SAFI_UNICAST, BGP_REFRESH_BORR, now),
            0);
        pump();
        ck_assert_int_eq(a.refreshes, 1);
        /* Not before Established. */
        ck_assert_int_eq(bgp_session_stop(a.s, NULL, now), 0);
        ck_assert_int_eq(bgp_session_request_refresh(a.s, BGP_AFI_IPV6, BGP_SAFI_UNICAST, 0, now),
                         BGP_ERR_INVALID_ARGUMENT);
}
END_TEST

START_TEST(shutdown_communication)
{
        establish();
        ck_assert_int_eq(bgp_session_stop(a.s, "maintenance, back at 14:00", now), 0);
        ck_assert_int_eq(bgp_session_state(a.s), BGP_STATE_IDLE);
        pump();
        ck_assert_int_eq(bgp_session_state(b.s), BGP_STATE_IDLE);
        ck_assert_uint_eq(b.recv_code, BGP_NOTIFY_CEASE);
        ck_assert_uint_eq(b.recv_subcode, BGP_NOTIFY_CEASE_ADMIN_SHUTDOWN);
        ck_assert_str_eq(b.shutdown_text, "maintenance, back at 14:00");
        /* A manual stop does not restart by itself. */
        ck_assert_uint_eq(bgp_session_expiry(a.s), BGP_TIME_NEVER);
}
END_TEST

START_TEST(open_errors_are_sent)
{
        /* b expects AS 65555 but a is 201379: Bad Peer AS. */
        struct bgp_session_config c;
        bgp_session_del(b.s);
        config(&c, 34927, 0xc6336402, 65555);
        make(&b, "b", &c);
        bgp_session_start(a.s, now);
        bgp_session_tcp_connected(a.s, now);
        bgp_session_start(b.s, now);
        bgp_session_tcp_connected(b.s, now);
        pump();
        ck_assert_int_eq(bgp_session_state(b.s), BGP_STATE_IDLE);
        ck_assert_uint_eq(b.sent_code, BGP_NOTIFY_OPEN);
        ck_assert_uint_eq(b.sent_subcode, BGP_NOTIFY_OPEN_BAD_PEER_AS);
        ck_assert_int_eq(bgp_session_state(a.s), BGP_STATE_IDLE);
        ck_assert_uint_eq(a.recv_subcode, BGP_NOTIFY_OPEN_BAD_PEER_AS);
}
END_TEST

START_TEST(role_mismatch)
{
        struct bgp_session_config ca, cb;
        teardown();
        config(&ca, 201379, 0xc6336401, 34927);
        config(&cb, 34927, 0xc6336402, 201379);
        ca.role_enabled = cb.role_enabled = true;
        ca.role = BGP_ROLE_CUSTOMER;
        cb.role = BGP_ROLE_CUSTOMER; /* should be provider */
        make(&a, "a", &ca);
        make(&b, "b", &cb);
        bgp_session_start(a.s, now);
        bgp_session_tcp_connected(a.s, now);
        bgp_session_start(b.s, now);
        bgp_session_tcp_connected(b.s, now);
        pump();
        ck_assert_int_eq(bgp_session_state(a.s), BGP_STATE_IDLE);
        ck_assert_uint_eq(a.sent_code + b.sent_code > 0, 1);
        ck_assert(a.sent_subcode == BGP_NOTIFY_OPEN_ROLE_MISMATCH ||
                  b.sent_subcode == BGP_NOTIFY_OPEN_ROLE_MISMATCH);
}
END_TEST

/* RFC 4271 8.2.2, event by event, in the states where the table says something. */
START_TEST(fsm_table)
{
        /* Idle ignores everything but a start. */
        ck_assert_int_eq(bgp_session_tcp_failed(a.s, now), 0);
        ck_assert_int_eq(bgp_session_state(a.s), BGP_STATE_IDLE);
        ck_assert_uint_eq(bgp_session_expiry(a.s), BGP_TIME_NEVER);

        /* ManualStart: Connect, ConnectRetryTimer running (120 s, no jitter here). */
        bgp_session_start(a.s, now);
        ck_assert_int_eq(bgp_session_state(a.s), BGP_STATE_CONNECT);
        ck_assert_uint_eq(bgp_session_expiry(a.s), now + 120000);
        /* ConnectRetryTimer_Expires in Connect: drop, retry, stay in Connect. */
        now += 120000;
        bgp_session_handle_expiry(a.s, now);
        ck_assert_int_eq(bgp_session_state(a.s), BGP_STATE_CONNECT);
        ck_assert_int_eq(a.connects, 2);
        /* TcpConnectionFails in Connect: Active, waiting for the retry. */
        bgp_session_tcp_failed(a.s, now);
        ck_assert_int_eq(bgp_session_state(a.s), BGP_STATE_ACTIVE);
        /* ConnectRetryTimer_Expires in Active: Connect again. */
        now += 120000;
        bgp_session_handle_expiry(a.s, now);
        ck_assert_int_eq(bgp_session_state(a.s), BGP_STATE_CONNECT);
        ck_assert_int_eq(a.connects, 3);
        /* Tcp_CR_Acked: OPEN sent, OpenSent, hold timer at the large value (240 s). */
        bgp_session_tcp_connected(a.s, now);
        ck_assert_int_eq(bgp_session_state(a.s), BGP_STATE_OPENSENT);
        ck_assert_uint_gt(bgp_session_pending(a.s), 29);
        /* HoldTimer_Expires in OpenSent: NOTIFICATION 4/0, Idle. */
        bgp_time_ms hold_at = now + 240000;
        now = hold_at;
        bgp_session_handle_expiry(a.s, now);
        ck_assert_int_eq(bgp_session_state(a.s), BGP_STATE_IDLE);
        ck_assert_uint_eq(a.sent_code, BGP_NOTIFY_HOLD_TIMER);

        /* KeepAliveMsg in OpenSent: FSM error, RFC 6608 subcode 1. */
        bgp_session_start(a.s, now);
        bgp_session_tcp_connected(a.s, now);
        uint8_t ka[19];
        bgp_keepalive_encode(ka, sizeof(ka));
        bgp_session_recv(a.s, ka, sizeof(ka), now);
        ck_assert_int_eq(bgp_session_state(a.s), BGP_STATE_IDLE);
        ck_assert_uint_eq(a.sent_code, BGP_NOTIFY_FSM);
        ck_assert_uint_eq(a.sent_subcode, 1);

        /* TcpConnectionFails in OpenSent: Active (RFC 4271 8.2.2). */
        bgp_session_start(a.s, now);
        bgp_session_tcp_connected(a.s, now);
        bgp_session_tcp_failed(a.s, now);
        ck_assert_int_eq(bgp_session_state(a.s), BGP_STATE_ACTIVE);
}
END_TEST

START_TEST(unexpected_in_openconfirm_and_established)
{
        /* An UPDATE in OpenConfirm: FSM error 5/2. */
        bgp_session_start(a.s, now);
        bgp_session_tcp_connected(a.s, now);
        bgp_session_start(b.s, now);
        bgp_session_tcp_connected(b.s, now);
        /* Deliver only b's OPEN to a (not b's KEEPALIVE). */
        const uint8_t *d;
        size_t n = bgp_session_send(b.s, &d, now);
        size_t open_len = (size_t)d[16] << 8 | d[17];
        ck_assert_uint_ge(n, open_len);
        bgp_session_recv(a.s, d, open_len, now);
        ck_assert_int_eq(bgp_session_state(a.s), BGP_STATE_OPENCONFIRM);
        uint8_t eor[32];
        int m = bgp_update_build_eor(eor, sizeof(eor), BGP_AFI_IPV4, BGP_SAFI_UNICAST);
        bgp_session_recv(a.s, eor, (size_t)m, now);
        ck_assert_int_eq(bgp_session_state(a.s), BGP_STATE_IDLE);
        ck_assert_uint_eq(a.sent_code, BGP_NOTIFY_FSM);
        ck_assert_uint_eq(a.sent_subcode, 2);

        /* An OPEN in Established: FSM error 5/3. */
        teardown();
        setup();
        establish();
        uint8_t open[256];
        ck_assert_int_eq(bgp_session_start(b.s, now), 0); /* ignored in Established */
        struct bgp_open o;
        memset(&o, 0, sizeof(o));
        o.version = 4;
        o.my_as = 34927;
        o.hold_time = 90;
        o.bgp_id = 0xc6336402;
        m = bgp_open_encode(open, sizeof(open), &o);
        bgp_session_recv(a.s, open, (size_t)m, now);
        ck_assert_int_eq(bgp_session_state(a.s), BGP_STATE_IDLE);
        ck_assert_uint_eq(a.sent_subcode, 3);
}
END_TEST

START_TEST(header_error_resets)
{
        establish();
        uint8_t junk[19];
        memset(junk, 0xff, sizeof(junk));
        junk[3] = 0; /* bad marker */
        junk[17] = 19;
        junk[18] = 4;
        bgp_session_recv(a.s, junk, sizeof(junk), now);
        ck_assert_int_eq(bgp_session_state(a.s), BGP_STATE_IDLE);
        ck_assert_uint_eq(a.sent_code, BGP_NOTIFY_HEADER);
        ck_assert_uint_eq(a.sent_subcode, BGP_NOTIFY_HEADER_NOT_SYNC);
}
END_TEST

START_TEST(delay_open)
{
        struct bgp_session_config c;
        bgp_session_del(b.s);
        config(&c, 34927, 0xc6336402, 201379);
        c.delay_open = true;
        c.delay_open_time = 10;
        make(&b, "b", &c);
        bgp_session_start(b.s, now);
        bgp_session_tcp_connected(b.s, now);
        /* b waits: no OPEN yet, DelayOpenTimer running. */
        ck_assert_int_eq(bgp_session_state(b.s), BGP_STATE_CONNECT);
        ck_assert_uint_eq(bgp_session_pending(b.s), 0);
        ck_assert_uint_eq(bgp_session_expiry(b.s), now + 10000);
        /* a's OPEN arrives during the delay: b answers OPEN + KEEPALIVE, OpenConfirm. */
        bgp_session_start(a.s, now);
        bgp_session_tcp_connected(a.s, now);
        pump();
        ck_assert_int_eq(bgp_session_state(a.s), BGP_STATE_ESTABLISHED);
        ck_assert_int_eq(bgp_session_state(b.s), BGP_STATE_ESTABLISHED);

        /* Without an OPEN from the peer, the delay runs out and b sends its OPEN. */
        bgp_session_stop(b.s, NULL, now);
        bgp_session_start(b.s, now);
        bgp_session_tcp_connected(b.s, now);
        now += 10000;
        bgp_session_handle_expiry(b.s, now);
        ck_assert_int_eq(bgp_session_state(b.s), BGP_STATE_OPENSENT);
        ck_assert_uint_gt(bgp_session_pending(b.s), 0);
}
END_TEST

START_TEST(send_hold_timer)
{
        establish();
        /* a stops reading: b's output piles up and nothing is taken for 8 minutes. */
        uint8_t ka[19];
        bgp_keepalive_encode(ka, sizeof(ka));
        bgp_time_ms start = now;
        for (int i = 0; i < 200; i++) {
                now = start + (bgp_time_ms)i * 4000;
                bgp_session_handle_expiry(b.s, now);
                if (bgp_session_state(b.s) != BGP_STATE_ESTABLISHED)
                        break;
                /* b keeps hearing from a, so its hold timer is fine. */
                bgp_session_recv(b.s, ka, sizeof(ka), now);
                uint8_t buf[4096];
                int n = bgp_update_build_eor(buf, sizeof(buf), BGP_AFI_IPV6, BGP_SAFI_UNICAST);
                bgp_session_queue_update(b.s, buf, (size_t)n, now);
        }
        ck_assert_int_eq(bgp_session_state(b.s), BGP_STATE_IDLE);
        /* RFC 9687: closed with code 8 once 8 minutes passed without progress. */
        ck_assert_uint_eq(b.sent_code, BGP_NOTIFY_SEND_HOLD_TIMER);
        ck_assert_uint_ge(now - start, 480000);
        ck_assert_uint_lt(now - start, 480000 + 4000 + 1);
}
END_TEST

START_TEST(queue_refuses_badly_framed_updates)
{
        establish();
        uint8_t buf[64];
        int n = bgp_update_build_eor(buf, sizeof(buf), BGP_AFI_IPV6, BGP_SAFI_UNICAST);
        ck_assert_int_gt(n, 0);
        /* A length field that disagrees with the bytes given. */
        buf[17] = 0;
        ck_assert_int_eq(bgp_session_queue_update(a.s, buf, (size_t)n, now),
                         BGP_ERR_INVALID_ARGUMENT);
        buf[17] = (uint8_t)n;
        buf[3] = 0; /* a broken marker */
        ck_assert_int_eq(bgp_session_queue_update(a.s, buf, (size_t)n, now),
                         BGP_ERR_INVALID_ARGUMENT);
        buf[3] = 0xff;
        ck_assert_int_eq(bgp_session_queue_update(a.s, buf, (size_t)n, now), 0);
}
END_TEST

START_TEST(notification_goes_first)
{
        establish();
        /* Queue updates, write half of the first one, then stop the session: the half
         * message is finished, the rest dropped, the NOTIFICATION follows. */
        uint8_t buf[4096];
        int n = bgp_update_build_eor(buf, sizeof(buf), BGP_AFI_IPV6, BGP_SAFI_UNICAST);
        for (int i = 0; i < 3; i++)
                bgp_session_queue_update(a.s, buf, (size_t)n, now);
        bgp_session_sent(a.s, 5, now);
        bgp_session_stop(a.s, NULL, now);
        const uint8_t *d;
        size_t pending = bgp_session_send(a.s, &d, now);
        ck_assert_uint_eq(pending, (size_t)n - 5 + 21);
        ck_assert_uint_eq(d[(size_t)n - 5 + 18], BGP_MSG_NOTIFICATION);
}
END_TEST

START_TEST(auto_restart_with_damping)
{
        struct bgp_session_config c;
        bgp_session_del(a.s);
        config(&c, 201379, 0xc6336401, 34927);
        c.auto_restart = true;
        c.idle_hold_time = 5;
        c.idle_hold_max = 40;
        make(&a, "a", &c);
        bgp_time_ms waits[6];
        for (int i = 0; i < 6; i++) {
                bgp_session_start(a.s, now);
                bgp_session_tcp_connected(a.s, now);
                uint8_t ka[19];
                bgp_keepalive_encode(ka, sizeof(ka));
                bgp_session_recv(a.s, ka, sizeof(ka), now); /* FSM error */
                ck_assert_int_eq(bgp_session_state(a.s), BGP_STATE_IDLE);
                waits[i] = bgp_session_expiry(a.s) - now;
                now = bgp_session_expiry(a.s);
                bgp_session_handle_expiry(a.s, now);
                /* IdleHoldTimer_Expires: AutomaticStart. */
                ck_assert_int_eq(bgp_session_state(a.s), BGP_STATE_CONNECT);
                bgp_session_stop(a.s, NULL, now);
                /* Keep the back-off across the manual stop of this test loop. */
        }
        /* A manual stop resets the back-off, so each round starts at the base. */
        ck_assert_uint_eq(waits[0], 5000);
        ck_assert_uint_eq(waits[5], 5000);
}
END_TEST

START_TEST(damping_doubles)
{
        struct bgp_session_config c;
        bgp_session_del(a.s);
        config(&c, 201379, 0xc6336401, 34927);
        c.auto_restart = true;
        c.idle_hold_time = 5;
        c.idle_hold_max = 40;
        make(&a, "a", &c);
        bgp_session_start(a.s, now);
        bgp_time_ms waits[6];
        for (int i = 0; i < 6; i++) {
                bgp_session_tcp_connected(a.s, now);
                uint8_t ka[19];
                bgp_keepalive_encode(ka, sizeof(ka));
                bgp_session_recv(a.s, ka, sizeof(ka), now);
                ck_assert_int_eq(bgp_session_state(a.s), BGP_STATE_IDLE);
                waits[i] = bgp_session_expiry(a.s) - now;
                now = bgp_session_expiry(a.s);
                bgp_session_handle_expiry(a.s, now);
                ck_assert_int_eq(bgp_session_state(a.s), BGP_STATE_CONNECT);
        }
        ck_assert_uint_eq(waits[0], 5000);
        ck_assert_uint_eq(waits[1], 10000);
        ck_assert_uint_eq(waits[2], 20000);
        ck_assert_uint_eq(waits[3], 40000);
        ck_assert_uint_eq(waits[4], 40000);
}
END_TEST

/* A session restarted by the IdleHoldTimer after its connection failed with UPDATEs still
 * queued starts the next connection with its OPEN, not with the rest of those UPDATEs. */
START_TEST(restart_drops_what_the_last_connection_left)
{
        struct bgp_session_config c;
        uint8_t upd[4096];
        const uint8_t *data;
        bgp_session_del(a.s);
        config(&c, 201379, 0xc6336401, 34927);
        c.auto_restart = true;
        c.idle_hold_time = 5;
        make(&a, "a", &c);
        establish();
        /* An UPDATE (End-of-RIB for IPv6 unicast) queued a hundred times, 50 octets of them
         * written: the connection fails in the middle of the third. */
        int n = bgp_update_build_eor(upd, sizeof(upd), BGP_AFI_IPV6, BGP_SAFI_UNICAST);
        ck_assert_int_gt(n, 0);
        for (int i = 0; i < 100; i++)
                ck_assert_int_eq(bgp_session_queue_update(a.s, upd, (size_t)n, now), 0);
        ck_assert_uint_gt(bgp_session_send(a.s, &data, now), 50);
        bgp_session_sent(a.s, 50, now);
        ck_assert_int_eq(bgp_session_tcp_failed(a.s, now), 0);
        ck_assert_int_eq(bgp_session_state(a.s), BGP_STATE_IDLE);
        now = bgp_session_expiry(a.s);
        bgp_session_handle_expiry(a.s, now);
        ck_assert_int_eq(bgp_session_state(a.s), BGP_STATE_CONNECT);
        ck_assert_int_eq(bgp_session_tcp_connected(a.s, now), 0);
        size_t len = bgp_session_send(a.s, &data, now);
        ck_assert_uint_ge(len, BGP_HEADER_LEN);
        static const uint8_t marker[16] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                           0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
        ck_assert_mem_eq(data, marker, 16);
        ck_assert_uint_eq(data[18], BGP_MSG_OPEN);
        ck_assert_uint_eq(len, (size_t)data[16] << 8 | data[17]); /* the OPEN alone */
}
END_TEST

START_TEST(cease_with_hold_down)
{
        establish();
        uint8_t data[7] = {0, 2, 1, 0, 0, 0, 3};
        /* maximum-prefix exceeded, restart in 30 minutes (the seed's "restart 30"). */
        ck_assert_int_eq(
            bgp_session_cease_hold(a.s, BGP_NOTIFY_CEASE_MAX_PREFIX, data, 7, 1800, now), 0);
        ck_assert_int_eq(bgp_session_state(a.s), BGP_STATE_IDLE);
        ck_assert_uint_eq(bgp_session_expiry(a.s), now + 1800000);
        pump();
        ck_assert_uint_eq(b.recv_code, BGP_NOTIFY_CEASE);
        ck_assert_uint_eq(b.recv_subcode, BGP_NOTIFY_CEASE_MAX_PREFIX);
        /* Down until then, and back by itself after. */
        now += 1799999;
        bgp_session_handle_expiry(a.s, now);
        ck_assert_int_eq(bgp_session_state(a.s), BGP_STATE_IDLE);
        now += 1;
        bgp_session_handle_expiry(a.s, now);
        ck_assert_int_eq(bgp_session_state(a.s), BGP_STATE_CONNECT);
}
END_TEST

/* RFC 4271 6.8: two connections between the same pair; the identifiers decide. */
START_TEST(collision_detection)
{
        /* a (id .1) has an outgoing connection a1<->b1 and an incoming one a2<->b2. */
        struct side a2, b2;
        struct bgp_session_config ca, cb;
        config(&ca, 201379, 0xc6336401, 34927);
        config(&cb, 34927, 0xc6336402, 201379);
        make(&a2, "a2", &ca);
        make(&b2, "b2", &cb);

        bgp_session_start(a.s, now);
        bgp_session_tcp_connected(a.s, now);
        bgp_session_start(b.s, now);
        bgp_session_tcp_connected(b.s, now);
        /* Exchange only the OPENs of the first pair: both in OpenConfirm. */
        const uint8_t *d;
        size_t n = bgp_session_send(a.s, &d, now);
        bgp_session_recv(b.s, d, n, now);
        bgp_session_sent(a.s, n, now);
        n = bgp_session_send(b.s, &d, now);
        size_t open_len = (size_t)d[16] << 8 | d[17];
        bgp_session_recv(a.s, d, open_len, now);
        ck_assert_int_eq(bgp_session_state(a.s), BGP_STATE_OPENCONFIRM);

        /* The second pair: a2 receives b2's OPEN. */
        bgp_session_start(a2.s, now);
        bgp_session_tcp_connected(a2.s, now);
        bgp_session_start(b2.s, now);
        bgp_session_tcp_connected(b2.s, now);
        n = bgp_session_send(b2.s, &d, now);
        open_len = (size_t)d[16] << 8 | d[17];
        bgp_session_recv(a2.s, d, open_len, now);
        ck_assert_int_eq(bgp_session_state(a2.s), BGP_STATE_OPENCONFIRM);

        /* Local id .1 < remote .2: the existing connection (a) is closed. */
        struct bgp_session *loser = bgp_session_collision(a.s, a2.s, now);
        ck_assert_ptr_eq(loser, a.s);
        ck_assert_int_eq(bgp_session_state(a.s), BGP_STATE_IDLE);
        ck_assert_uint_eq(a.sent_code, BGP_NOTIFY_CEASE);
        ck_assert_uint_eq(a.sent_subcode, BGP_NOTIFY_CEASE_COLLISION);
        ck_assert_int_eq(bgp_session_state(a2.s), BGP_STATE_OPENCONFIRM);
        /* No collision between unrelated or unfinished sessions. */
        ck_assert_ptr_null(bgp_session_collision(b.s, b2.s, now));

        /* Seen from b (id .2 > .1): the incoming one (b2) is dumped. */
        n = bgp_session_send(a2.s, &d, now);
        open_len = (size_t)d[16] << 8 | d[17];
        bgp_session_recv(b2.s, d, open_len, now);
        struct side *bb = &b;
        (void)bb;
        ck_assert_int_eq(bgp_session_state(b2.s), BGP_STATE_OPENCONFIRM);
        /* b saw a's OPEN on b1 before: b1 is the existing one, in OpenConfirm. */
        ck_assert_int_eq(bgp_session_state(b.s), BGP_STATE_OPENCONFIRM);
        loser = bgp_session_collision(b.s, b2.s, now);
        ck_assert_ptr_eq(loser, b2.s);
        ck_assert_uint_eq(b2.sent_subcode, BGP_NOTIFY_CEASE_COLLISION);
        bgp_session_del(a2.s);
        bgp_session_del(b2.s);
}
END_TEST

/* Every allocation of a session's life fails in turn: a clean error, never a crash. */

/* An allocator that counts the bytes it hands out, for the bound below. */
static size_t counted_bytes, counted_peak;
static void *counting_malloc(size_t n, void *ud)
{
        (void)ud;
        size_t *p = malloc(n + sizeof(size_t));
        if (p == NULL)
                return NULL;
        *p = n;
        counted_bytes += n;
        if (counted_bytes > counted_peak)
                counted_peak = counted_bytes;
        return p + 1;
}
static void counting_free(void *ptr, void *ud)
{
        (void)ud;
        if (ptr == NULL)
                return;
        size_t *p = (size_t *)ptr - 1;
        counted_bytes -= *p;
        free(p);
}
static void *counting_realloc(void *ptr, size_t n, void *ud)
{
        void *q = counting_malloc(n, ud);
        if (q == NULL || ptr == NULL)
                return q;
        size_t old = ((size_t *)ptr)[-1];
        memcpy(q, ptr, old < n ? old : n);
        counting_free(ptr, ud);
        return q;
}

/* Issue #7, resource bounds: before the OPEN exchange a connection holds at most one
 * message of the RFC 4271 maximum (4096 octets), however the peer's bytes arrive, and a
 * header announcing more is an error (1/2), not a reason to buffer. */
START_TEST(before_open_at_most_one_message_is_buffered)
{
        const struct bgp_mem mem = {NULL, counting_malloc, counting_free, counting_realloc};
        struct bgp_session_config c;
        struct bgp_session *s;
        static uint8_t junk[3 * 4096];
        config(&c, 201379, 0xc6336401, 34927);
        counted_bytes = counted_peak = 0;
        ck_assert_int_eq(bgp_session_new(&s, &c, &callbacks, &mem, &a), 0);
        ck_assert_int_eq(bgp_session_start(s, now), 0);
        ck_assert_int_eq(bgp_session_tcp_connected(s, now), 0);
        ck_assert_int_eq(bgp_session_state(s), BGP_STATE_OPENSENT);
        size_t base = counted_peak; /* the session and our OPEN */
        /* A header announcing 4096 octets, then the body a byte at a time, all but one. */
        memset(junk, 0xff, 16);
        junk[16] = 0x10;
        junk[17] = 0x00;
        junk[18] = BGP_MSG_OPEN;
        for (size_t i = 0; i < 4095; i++)
                ck_assert_int_eq(bgp_session_recv(s, junk + i, 1, now), 1);
        ck_assert_int_eq(bgp_session_state(s), BGP_STATE_OPENSENT);
        ck_assert_uint_le(counted_peak - base, 4096);
        bgp_session_del(s);

        /* A header announcing 12288 octets, in one read with all of them: 1/2 at once. */
        counted_bytes = counted_peak = 0;
        ck_assert_int_eq(bgp_session_new(&s, &c, &callbacks, &mem, &a), 0);
        bgp_session_start(s, now);
        bgp_session_tcp_connected(s, now);
        base = counted_peak;
        memset(junk, 0, sizeof(junk));
        memset(junk, 0xff, 16);
        junk[16] = 0x30;
        junk[17] = 0x00;
        junk[18] = BGP_MSG_OPEN;
        a.sent_code = a.sent_subcode = 0;
        bgp_session_recv(s, junk, sizeof(junk), now);
        ck_assert_int_eq(bgp_session_state(s), BGP_STATE_IDLE);
        ck_assert_uint_eq(a.sent_code, BGP_NOTIFY_HEADER);
        ck_assert_uint_eq(a.sent_subcode, BGP_NOTIFY_HEADER_BAD_LENGTH);
        ck_assert_uint_le(counted_peak - base, 4096);
        bgp_session_del(s);
}
END_TEST

START_TEST(failing_allocations)
{
        const struct bgp_mem mem = tu_failing_mem;
        struct bgp_session_config c;
        config(&c, 201379, 0xc6336401, 34927);
        for (tu_fail_at = 1; tu_fail_at < 50; tu_fail_at++) {
                struct bgp_session *s;
                tu_alloc_count = 0;
                int rc = bgp_session_new(&s, &c, &callbacks, &mem, &a);
                if (rc != 0) {
                        ck_assert_int_eq(rc, BGP_ERR_NOMEM);
                        continue;
                }
                rc = bgp_session_start(s, now);
                if (rc == 0)
                        rc = bgp_session_tcp_connected(s, now);
                ck_assert(rc == 0 || rc == BGP_ERR_NOMEM);
                /* A partial message forces the input buffer. */
                uint8_t part[10];
                memset(part, 0xff, sizeof(part));
                long r = bgp_session_recv(s, part, sizeof(part), now);
                ck_assert(r == 10 || r == BGP_ERR_NOMEM);
                bgp_session_del(s);
        }
}
END_TEST

static Suite *session_suite(void)
{
        Suite *s = suite_create("session");
        TCase *tc = tcase_create("session");
        tcase_add_checked_fixture(tc, setup, teardown);
        tcase_add_test(tc, reaches_established_and_negotiates);
        tcase_add_test(tc, survives_three_hold_times_with_keepalives);
        tcase_add_test(tc, hold_timer_expires_to_the_tick);
        tcase_add_test(tc, hold_timer_counts_from_the_last_message);
        tcase_add_test(tc, byte_by_byte_delivery);
        tcase_add_test(tc, updates_reach_the_callback);
        tcase_add_test(tc, malformed_updates_counted_and_log_rate_limited);
        tcase_add_test(tc, route_refresh_both_ways);
        tcase_add_test(tc, shutdown_communication);
        tcase_add_test(tc, open_errors_are_sent);
        tcase_add_test(tc, role_mismatch);
        tcase_add_test(tc, fsm_table);
        tcase_add_test(tc, unexpected_in_openconfirm_and_established);
        tcase_add_test(tc, header_error_resets);
        tcase_add_test(tc, delay_open);
        tcase_add_test(tc, send_hold_timer);
        tcase_add_test(tc, notification_goes_first);
        tcase_add_test(tc, queue_refuses_badly_framed_updates);
        tcase_add_test(tc, auto_restart_with_damping);
        tcase_add_test(tc, damping_doubles);
        tcase_add_test(tc, collision_detection);
        tcase_add_test(tc, cease_with_hold_down);
        tcase_add_test(tc, restart_drops_what_the_last_connection_left);
        tcase_add_test(tc, before_open_at_most_one_message_is_buffered);
        tcase_add_test(tc, failing_allocations);
        suite_add_tcase(s, tc);
        return s;
}

int main(void)
{
        return tu_run(session_suite());
}
