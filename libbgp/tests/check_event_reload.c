/*
 * check_event_reload.c - bgp/event_reload.h over loopback: a peer removed leaves with the
 * Cease it is given and its address is refused afterwards; a ROUTE-REFRESH asked for
 * reaches the peer; a Cease from outside the callbacks goes out at once with
 * bgp_ev_peer_flush().
 */
#include <arpa/inet.h>
#include <check.h>
#include <event2/event.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bgp/bgp.h>
#include <bgp/event.h>
#include <bgp/event_reload.h>

#include "testutil.h"

struct speaker {
        struct bgp_ev *ev;
        struct bgp_ev_peer *peer;
        int established;
        int notif_sent, notif_recv;
        uint8_t recv_code, recv_subcode;
        int refreshes;
        int refused;
};

static struct event_base *base;
static uint16_t port_base;
#define P(n) ((uint16_t)(port_base + (n)))
static struct speaker x, y;

static void on_state(struct bgp_ev_peer *p, enum bgp_state from, enum bgp_state to, void *ud)
{
        struct speaker *sp = ud;
        (void)p;
        (void)from;
        if (to == BGP_STATE_ESTABLISHED)
                sp->established++;
}

static void on_notification(struct bgp_ev_peer *p, bool sent, const struct bgp_notification *n,
                            void *ud)
{
        struct speaker *sp = ud;
        (void)p;
        if (sent) {
                sp->notif_sent++;
                return;
        }
        sp->notif_recv++;
        sp->recv_code = n->code;
        sp->recv_subcode = n->subcode;
}

static int on_refresh(struct bgp_ev_peer *p, const struct bgp_route_refresh *rr, void *ud)
{
        struct speaker *sp = ud;
        (void)p;
        if (rr->afi == BGP_AFI_IPV6 && rr->safi == BGP_SAFI_UNICAST)
                sp->refreshes++;
        return 0;
}

static void on_log(struct bgp_ev_peer *p, enum bgp_log_level level, const char *msg, void *ud)
{
        struct speaker *sp = ud;
        (void)level;
        if (p == NULL && strstr(msg, "not a configured peer") != NULL)
                sp->refused++;
}

static const struct bgp_ev_callbacks cbs = {
    .version = BGP_EV_CALLBACKS_VERSION,
    .state_change = on_state,
    .route_refresh = on_refresh,
    .notification = on_notification,
    .log = on_log,
};

static void loopback(struct sockaddr_in6 *a, uint16_t port)
{
        memset(a, 0, sizeof(*a));
        a->sin6_family = AF_INET6;
        a->sin6_addr = in6addr_loopback;
        a->sin6_port = htons(port);
}

static void make(struct speaker *sp, uint16_t port, uint16_t peer_port, uint32_t as, uint32_t id,
                 uint32_t peer_as)
{
        struct bgp_ev_peer_config pc;
        struct sockaddr_in6 a;

        memset(sp, 0, sizeof(*sp));
        ck_assert_int_eq(bgp_ev_new(&sp->ev, base, &cbs, sp), 0);
        loopback(&a, port);
        ck_assert_int_eq(bgp_ev_listen(sp->ev, (struct sockaddr *)&a, sizeof(a)), 0);
        bgp_ev_peer_config_init(&pc);
        pc.session.local_as = as;
        pc.session.local_id = id;
        pc.session.remote_as = peer_as;
        pc.session.families = BGP_FAMILY_IPV6_UNICAST;
        pc.session.hold_time = 9;
        pc.session.connect_retry_time = 1;
        pc.session.idle_hold_time = 1;
        loopback((struct sockaddr_in6 *)&pc.remote, peer_port);
        pc.remote_len = sizeof(struct sockaddr_in6);
        ck_assert_int_eq(bgp_ev_peer_add(sp->ev, &pc, &sp->peer), 0);
}

static void run_for(int ms)
{
        struct timeval tv = {ms / 1000, (ms % 1000) * 1000};
        event_base_loopexit(base, &tv);
        event_base_dispatch(base);
}

static bool up(struct speaker *sp)
{
        return sp->peer != NULL &&
               bgp_session_state(bgp_ev_peer_session(sp->peer)) == BGP_STATE_ESTABLISHED;
}

static void establish(int first_port)
{
        make(&x, P(first_port), P(first_port + 1), 65001, 0x0a000001, 65002);
        make(&y, P(first_port + 1), P(first_port), 65002, 0x0a000002, 65001);
        ck_assert_int_eq(bgp_ev_peer_start(x.peer), 0);
        ck_assert_int_eq(bgp_ev_peer_start(y.peer), 0);
        for (int t = 0; t < 10000 && !(up(&x) && up(&y)); t += 100)
                run_for(100);
        ck_assert(up(&x) && up(&y));
        /* A collision on the way was resolved with a Cease of its own: start counting now. */
        x.notif_recv = y.notif_recv = x.notif_sent = y.notif_sent = 0;
}

static void setup(void)
{
        /* check_event.c takes the first ten ports of its pid's block of 16; these are the
         * last six (tests run one after the other and may take the same ones again). */
        port_base = (uint16_t)(20000 + (getpid() % 2000) * 16 + 10);
        base = event_base_new();
}

static void teardown(void)
{
        bgp_ev_del(x.ev);
        bgp_ev_del(y.ev);
        event_base_free(base);
}

START_TEST(a_removed_peer_leaves_with_its_cease_and_is_refused)
{
        establish(0);
        int x_ups = x.established;
        bgp_ev_peer_remove(x.peer, BGP_NOTIFY_CEASE_PEER_DECONFIGURED);
        x.peer = NULL;
        /* The Cease went out during the call, before the peer was freed. */
        ck_assert_int_eq(x.notif_sent, 1);
        for (int t = 0; t < 2000 && y.notif_recv == 0; t += 100)
                run_for(100);
        ck_assert_int_eq(y.notif_recv, 1);
        ck_assert_uint_eq(y.recv_code, BGP_NOTIFY_CEASE);
        ck_assert_uint_eq(y.recv_subcode, BGP_NOTIFY_CEASE_PEER_DECONFIGURED);
        /* y tries again (automatic restart); x knows it no more and refuses. */
        run_for(4000);
        ck_assert_int_gt(x.refused, 0);
        ck_assert_int_eq(x.established, x_ups);
        ck_assert(!up(&y));
}
END_TEST

START_TEST(a_reset_peer_gets_other_configuration_change)
{
        establish(2);
        bgp_ev_peer_remove(x.peer, BGP_NOTIFY_CEASE_OTHER_CONFIG_CHANGE);
        x.peer = NULL;
        for (int t = 0; t < 2000 && y.notif_recv == 0; t += 100)
                run_for(100);
        ck_assert_uint_eq(y.recv_subcode, BGP_NOTIFY_CEASE_OTHER_CONFIG_CHANGE);
}
END_TEST

START_TEST(a_refresh_asked_for_reaches_the_peer)
{
        establish(4);
        ck_assert_int_eq(bgp_ev_peer_request_refresh(x.peer, BGP_AFI_IPV6, BGP_SAFI_UNICAST), 0);
        /* Written from the loop at once, not at the next keepalive (3 s). */
        run_for(300);
        ck_assert_int_eq(y.refreshes, 1);
        ck_assert(up(&x) && up(&y));
}
END_TEST

START_TEST(no_refresh_before_established)
{
        make(&x, P(2), P(3), 65001, 0x0a000001, 65002);
        ck_assert_int_eq(bgp_ev_peer_request_refresh(x.peer, BGP_AFI_IPV6, BGP_SAFI_UNICAST),
                         BGP_ERR_INVALID_ARGUMENT);
}
END_TEST

START_TEST(a_cease_from_outside_goes_out_with_flush)
{
        establish(0);
        bgp_session_cease(bgp_ev_peer_session(x.peer), BGP_NOTIFY_CEASE_ADMIN_RESET, NULL, 0,
                          bgp_ev_now());
        bgp_ev_peer_flush(x.peer);
        run_for(300);
        ck_assert_int_eq(y.notif_recv, 1);
        ck_assert_uint_eq(y.recv_subcode, BGP_NOTIFY_CEASE_ADMIN_RESET);
}
END_TEST

int main(void)
{
        Suite *s = suite_create("event_reload");
        TCase *tc = tcase_create("loopback");
        tcase_add_checked_fixture(tc, setup, teardown);
        tcase_set_timeout(tc, 60);
        tcase_add_test(tc, a_removed_peer_leaves_with_its_cease_and_is_refused);
        tcase_add_test(tc, a_reset_peer_gets_other_configuration_change);
        tcase_add_test(tc, a_refresh_asked_for_reaches_the_peer);
        tcase_add_test(tc, no_refresh_before_established);
        tcase_add_test(tc, a_cease_from_outside_goes_out_with_flush);
        suite_add_tcase(s, tc);
        return tu_run(s);
}
