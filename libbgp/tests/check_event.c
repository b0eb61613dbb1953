/*
 * check_event.c - the libevent binding over loopback: two speakers in one process peer
 * with each other through real sockets (both connect, so their connections collide),
 * with and without TCP-MD5, and an unconfigured source is refused.
 */
#include <arpa/inet.h>
#include <check.h>
#include <errno.h>
#include <event2/event.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>

#include <bgp/bgp.h>
#include <bgp/event.h>

#include "testutil.h"

struct speaker {
        struct bgp_ev *ev;
        struct bgp_ev_peer *peer;
        uint16_t port;
        int established;
        int notif_recv;
        uint8_t recv_code, recv_subcode;
        char shutdown[256];
        int refused;
};

static struct event_base *base;

/* Ports of the test: a block chosen from the process id, so that two runs of the suite on
 * one machine (two build trees, ctest -j) do not take each other's ports. */
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
        if (sent)
                return;
        sp->notif_recv++;
        sp->recv_code = n->code;
        sp->recv_subcode = n->subcode;
        if (bgp_notification_shutdown_text(n, sp->shutdown, sizeof(sp->shutdown)) < 0)
                sp->shutdown[0] = '\0';
}

static void on_log(struct bgp_ev_peer *p, enum bgp_log_level level, const char *msg, void *ud)
{
        struct speaker *sp = ud;
        (void)level;
        if (getenv("BGP_TEST_LOG"))
                fprintf(stderr, "%s %s: %s\n", sp == &x ? "x" : "y", p ? bgp_ev_peer_name(p) : "-",
                        msg);
        if (p == NULL && strstr(msg, "not a configured peer") != NULL)
                sp->refused++;
}

static const struct bgp_ev_callbacks cbs = {
    .version = BGP_EV_CALLBACKS_VERSION,
    .state_change = on_state,
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
                 uint32_t peer_as, const char *md5)
{
        struct bgp_ev_peer_config pc;
        struct sockaddr_in6 a;

        memset(sp, 0, sizeof(*sp));
        sp->port = port;
        ck_assert_int_eq(bgp_ev_new(&sp->ev, base, &cbs, sp), 0);
        loopback(&a, port);
        ck_assert_int_eq(bgp_ev_listen(sp->ev, (struct sockaddr *)&a, sizeof(a)), 0);
        bgp_ev_peer_config_init(&pc);
        pc.session.local_as = as;
        pc.session.local_id = id;
        pc.session.remote_as = peer_as;
        pc.session.hold_time = 9;
        pc.session.connect_retry_time = 1;
        pc.session.idle_hold_time = 1;
        loopback((struct sockaddr_in6 *)&pc.remote, peer_port);
        pc.remote_len = sizeof(struct sockaddr_in6);
        pc.ttl_security_hops = 1;
        pc.md5_password = md5;
        ck_assert_int_eq(bgp_ev_peer_add(sp->ev, &pc, &sp->peer), 0);
}

static void run_for(int ms)
{
        struct timeval tv = {ms / 1000, (ms % 1000) * 1000};
        event_base_loopexit(base, &tv);
        event_base_dispatch(base);
}

static void run_until_established(int max_ms)
{
        for (int t = 0; t < max_ms; t += 100) {
                if (bgp_session_state(bgp_ev_peer_session(x.peer)) == BGP_STATE_ESTABLISHED &&
                    bgp_session_state(bgp_ev_peer_session(y.peer)) == BGP_STATE_ESTABLISHED)
                        return;
                run_for(100);
        }
}

static void setup(void)
{
        port_base = (uint16_t)(20000 + (getpid() % 2000) * 16);
        base = event_base_new();
}

static void teardown(void)
{
        bgp_ev_del(x.ev);
        bgp_ev_del(y.ev);
        event_base_free(base);
}

START_TEST(establish_over_loopback_and_shut_down)
{
        make(&x, P(1), P(2), 65001, 0x0a000001, 65002, NULL);
        make(&y, P(2), P(1), 65002, 0x0a000002, 65001, NULL);
        ck_assert_int_eq(bgp_ev_peer_start(x.peer), 0);
        ck_assert_int_eq(bgp_ev_peer_start(y.peer), 0);
        run_until_established(10000);
        ck_assert_int_eq(bgp_session_state(bgp_ev_peer_session(x.peer)), BGP_STATE_ESTABLISHED);
        ck_assert_int_eq(bgp_session_state(bgp_ev_peer_session(y.peer)), BGP_STATE_ESTABLISHED);
        ck_assert_uint_eq(bgp_session_hold_time(bgp_ev_peer_session(x.peer)), 9);

        /* Both sides connected out: any collision was resolved with Cease 7, and one
         * session per side remains. */
        if (x.notif_recv + y.notif_recv > 0)
                ck_assert_uint_eq(x.recv_code ? x.recv_code : y.recv_code, BGP_NOTIFY_CEASE);

        ck_assert_int_eq(bgp_ev_peer_stop(x.peer, "end of test"), 0);
        for (int t = 0; t < 3000 && y.shutdown[0] == '\0'; t += 100)
                run_for(100);
        ck_assert_uint_eq(y.recv_code, BGP_NOTIFY_CEASE);
        ck_assert_uint_eq(y.recv_subcode, BGP_NOTIFY_CEASE_ADMIN_SHUTDOWN);
        ck_assert_str_eq(y.shutdown, "end of test");
}
END_TEST

START_TEST(md5_matching_and_wrong)
{
        make(&x, P(3), P(4), 65001, 0x0a000001, 65002, "s3cret");
        make(&y, P(4), P(3), 65002, 0x0a000002, 65001, "s3cret");
        int rc = bgp_ev_peer_start(x.peer);
        if (rc == BGP_ERR_UNSUPPORTED)
                return; /* a kernel without TCP-MD5: the binding refused, as it must */
        ck_assert_int_eq(rc, 0);
        ck_assert_int_eq(bgp_ev_peer_start(y.peer), 0);
        run_until_established(10000);
        ck_assert_int_eq(bgp_session_state(bgp_ev_peer_session(x.peer)), BGP_STATE_ESTABLISHED);
        teardown();
        setup();

        make(&x, P(5), P(6), 65001, 0x0a000001, 65002, "s3cret");
        make(&y, P(6), P(5), 65002, 0x0a000002, 65001, "wrong");
        ck_assert_int_eq(bgp_ev_peer_start(x.peer), 0);
        ck_assert_int_eq(bgp_ev_peer_start(y.peer), 0);
        run_for(3000);
        ck_assert_int_lt(bgp_session_state(bgp_ev_peer_session(x.peer)), BGP_STATE_OPENSENT);
        ck_assert_int_lt(bgp_session_state(bgp_ev_peer_session(y.peer)), BGP_STATE_OPENSENT);
}
END_TEST

START_TEST(unconfigured_source_is_refused)
{
        struct sockaddr_in a4 = {.sin_family = AF_INET, .sin_port = htons(P(7))};
        a4.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ck_assert_int_eq(bgp_ev_new(&x.ev, base, &cbs, &x), 0);
        ck_assert_int_eq(bgp_ev_listen(x.ev, (struct sockaddr *)&a4, sizeof(a4)), 0);
        /* No peer at 127.0.0.1: the connection is closed without a byte. */
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        ck_assert_int_ge(fd, 0);
        ck_assert_int_eq(connect(fd, (struct sockaddr *)&a4, sizeof(a4)), 0);
        run_for(300);
        char buf[64];
        struct pollfd pfd = {.fd = fd, .events = POLLIN};
        ck_assert_int_eq(poll(&pfd, 1, 2000), 1);
        ssize_t n = read(fd, buf, sizeof(buf));
        ck_assert(n == 0 || (n < 0 && errno == ECONNRESET));
        ck_assert_int_eq(x.refused, 1);
        close(fd);
}
END_TEST

/* Security options fail closed: a password the kernel cannot take keeps the peer down. */
START_TEST(security_options_fail_closed)
{
        char long_password[200];
        memset(long_password, 'x', sizeof(long_password) - 1);
        long_password[sizeof(long_password) - 1] = '\0';
        make(&x, P(8), P(9), 65001, 0x0a000001, 65002, long_password);
        /* TCP_MD5SIG takes at most 80 octets (RFC 2385 keys are not bounded, Linux is). */
        ck_assert_int_eq(bgp_ev_peer_start(x.peer), BGP_ERR_UNSUPPORTED);
        run_for(200);
        ck_assert_int_eq(bgp_session_state(bgp_ev_peer_session(x.peer)), BGP_STATE_IDLE);
}
END_TEST

static Suite *event_suite(void)
{
        Suite *s = suite_create("event");
        TCase *tc = tcase_create("loopback");
        tcase_add_checked_fixture(tc, setup, teardown);
        tcase_set_timeout(tc, 60);
        tcase_add_test(tc, establish_over_loopback_and_shut_down);
        tcase_add_test(tc, md5_matching_and_wrong);
        tcase_add_test(tc, unconfigured_source_is_refused);
        tcase_add_test(tc, security_options_fail_closed);
        suite_add_tcase(s, tc);
        return s;
}

int main(void)
{
        return tu_run(event_suite());
}
