/*
 * check_event.c - the libevent binding over loopback: two speakers in one process peer
 * with each other through real sockets (both connect, so their connections collide),
 * with and without TCP-MD5, and an unconfigured source is refused; a connection after a
 * failed one stays open.
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
#include <bgp/event_reload.h>

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
        int updates;
        size_t last_raw; /* unknown attributes kept from the last UPDATE */
        enum bgp_action last_action;
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

static int on_update(struct bgp_ev_peer *p, const struct bgp_update *u, const struct bgp_verdict *v,
                     void *ud)
{
        struct speaker *sp = ud;
        (void)p;
        sp->updates++;
        sp->last_raw = u->attrs.n_raw;
        sp->last_action = v->action;
        return 0;
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
    .update = on_update,
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

/* A listening socket of the test's own on [::1]:port, whose segments carry hop limit 255
 * (the speakers have GTSM on). */
static int raw_listener(uint16_t port)
{
        struct sockaddr_in6 a;
        int one = 1, hops = 255;
        int fd = socket(AF_INET6, SOCK_STREAM, 0);
        ck_assert_int_ge(fd, 0);
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
        ck_assert_int_eq(setsockopt(fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS, &hops, sizeof(hops)), 0);
        loopback(&a, port);
        ck_assert_int_eq(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
        ck_assert_int_eq(listen(fd, 4), 0);
        return fd;
}

/* A message: marker, length, type, body; returns its length. */
static size_t frame(uint8_t *out, uint8_t type, const uint8_t *body, size_t n)
{
        memset(out, 0xff, 16);
        out[16] = (uint8_t)((19 + n) >> 8);
        out[17] = (uint8_t)(19 + n);
        out[18] = type;
        if (n > 0)
                memcpy(out + 19, body, n);
        return 19 + n;
}

/* Runs x's loop until fd is readable (or max_ms passes); true when it is. */
static bool run_until_readable(int fd, int max_ms)
{
        for (int t = 0; t < max_ms; t += 50) {
                struct pollfd pfd = {.fd = fd, .events = POLLIN};
                if (poll(&pfd, 1, 0) == 1)
                        return true;
                run_for(50);
        }
        return false;
}

/* The peer (AS 65002) connecting to x's listener on port: our OPEN, x's OPEN read, our
 * KEEPALIVE.  Returns the socket; x is Established once its loop has read the KEEPALIVE. */
static int raw_peer(uint16_t port)
{
        static const uint8_t open_body[] = {4, 0xfd, 0xea, 0, 9, 10, 0, 0,  2, 16, 2, 6,    1,
                                            4, 0,    2,    0, 1, 2,  6, 65, 4, 0,  0, 0xfd, 0xea};
        uint8_t msg[64], buf[4096];
        struct sockaddr_in6 a;
        int hops = 255;
        int fd = socket(AF_INET6, SOCK_STREAM, 0);
        ck_assert_int_ge(fd, 0);
        ck_assert_int_eq(setsockopt(fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS, &hops, sizeof(hops)), 0);
        loopback(&a, port);
        ck_assert_int_eq(connect(fd, (struct sockaddr *)&a, sizeof(a)), 0);
        size_t n = frame(msg, BGP_MSG_OPEN, open_body, sizeof(open_body));
        ck_assert_int_eq(write(fd, msg, n), (ssize_t)n);
        ck_assert(run_until_readable(fd, 2000));
        ck_assert_int_ge(read(fd, buf, sizeof(buf)), 19); /* x's OPEN (and KEEPALIVE) */
        ck_assert_int_eq(write(fd, msg, frame(msg, BGP_MSG_KEEPALIVE, NULL, 0)), 19);
        return fd;
}

/* The first connection dies in OpenSent (the peer's end closes after our OPEN, as a router
 * whose BGP is not ready yet does); the next connection must stay open and establish.  It
 * used to be closed as soon as its OPEN was written, by a close mark left from the first,
 * and the session sat in OpenSent until the open hold timer (4 minutes). */
START_TEST(connection_after_a_failed_one_stays_open)
{
        /* OPEN: version 4, AS 65002, hold 9, id 10.0.0.2, RFC 4760 IPv6 unicast and RFC
         * 6793 AS 65002; then a KEEPALIVE. */
        static const uint8_t open_body[] = {4, 0xfd, 0xea, 0, 9, 10, 0, 0,  2, 16, 2, 6,    1,
                                            4, 0,    2,    0, 1, 2,  6, 65, 4, 0,  0, 0xfd, 0xea};
        uint8_t open_msg[64], keepalive[19];
        size_t open_len = frame(open_msg, BGP_MSG_OPEN, open_body, sizeof(open_body));
        frame(keepalive, BGP_MSG_KEEPALIVE, NULL, 0);
        uint8_t buf[4096];
        int l = raw_listener(P(11));
        make(&x, P(10), P(11), 65001, 0x0a000001, 65002, NULL);
        ck_assert_int_eq(bgp_ev_peer_start(x.peer), 0);

        ck_assert(run_until_readable(l, 3000));
        int fd1 = accept(l, NULL, NULL);
        ck_assert_int_ge(fd1, 0);
        ck_assert(run_until_readable(fd1, 2000));
        ck_assert_int_ge(read(fd1, buf, sizeof(buf)), 19); /* x's OPEN */
        close(fd1);
        struct bgp_session *sx = bgp_ev_peer_session(x.peer);
        for (int t = 0; t < 2000 && bgp_session_state(sx) == BGP_STATE_OPENSENT; t += 50)
                run_for(50);
        ck_assert_int_ne(bgp_session_state(bgp_ev_peer_session(x.peer)), BGP_STATE_OPENSENT);

        /* The connect retry: a second connection, which we answer. */
        ck_assert(run_until_readable(l, 5000));
        int fd2 = accept(l, NULL, NULL);
        ck_assert_int_ge(fd2, 0);
        ck_assert(run_until_readable(fd2, 2000));
        ssize_t n = read(fd2, buf, sizeof(buf));
        ck_assert_int_ge(n, 19);
        ck_assert_uint_eq(buf[18], BGP_MSG_OPEN);
        run_for(300);
        struct pollfd pfd = {.fd = fd2, .events = POLLIN};
        ck_assert_msg(poll(&pfd, 1, 0) == 0, "the second connection was closed after its OPEN");
        ck_assert_int_eq(write(fd2, open_msg, open_len), (ssize_t)open_len);
        ck_assert_int_eq(write(fd2, keepalive, sizeof(keepalive)), (ssize_t)sizeof(keepalive));
        for (int t = 0; t < 3000 && x.established == 0; t += 50)
                run_for(50);
        ck_assert_int_eq(x.established, 1);
        close(fd2);
        close(l);
}
END_TEST

/* `path-attribute discard` holds on the peer's own connection: the types set on the peer
 * are dropped from an UPDATE that arrives on a connection the peer opened to us (it used to
 * reach only the session of our connection, so a peer that connected first got its
 * attribute 28 through). */
START_TEST(discard_holds_on_the_peers_connection)
{
        static const uint8_t update_body[] = {
            0,    0,  0,    50,                                 /* no withdrawals; 50 octets */
            0x40, 1,  1,    0,                                  /* ORIGIN IGP */
            0x40, 2,  6,    2,    1,    0,    0,    0xfd, 0xea, /* AS_PATH 65002 */
            0x80, 14, 27,   0,    2,    1,    16,               /* MP_REACH_NLRI, IPv6 unicast */
            0x20, 1,  0x0d, 0xb8, 0,    0,    0,    0,    0,
            0,    0,  0,    0,    0,    0,    1,     /* 2001:db8::1 */
            0,    36, 0x20, 1,    0x0d, 0xb8, 0x10,  /* 2001:db8:1000::/36 */
            0xc0, 28, 4,    0xde, 0xad, 0xbe, 0xef}; /* type 28, optional transitive */
        uint8_t msg[128];
        make(&x, P(12), P(13), 65001, 0x0a000001, 65002, NULL);
        const uint8_t types[] = {28};
        ck_assert_int_eq(bgp_ev_peer_set_discard(x.peer, types, 1), 0);
        const uint8_t bad[] = {2};
        ck_assert_int_eq(bgp_ev_peer_set_discard(x.peer, bad, 1), BGP_ERR_INVALID_ARGUMENT);
        ck_assert_int_eq(bgp_ev_peer_start(x.peer), 0);
        run_for(100);
        int fd = raw_peer(P(12));
        for (int t = 0; t < 2000 && x.established == 0; t += 50)
                run_for(50);
        ck_assert_int_eq(x.established, 1);
        size_t n = frame(msg, BGP_MSG_UPDATE, update_body, sizeof(update_body));
        ck_assert_int_eq(write(fd, msg, n), (ssize_t)n);
        for (int t = 0; t < 2000 && x.updates == 0; t += 50)
                run_for(50);
        ck_assert_int_eq(x.updates, 1);
        ck_assert_int_eq(x.last_action, BGP_ACTION_OK);
        ck_assert_uint_eq(x.last_raw, 0);
        close(fd);
}
END_TEST

/* A peer held down (maximum-prefix, RFC 4486) stays down even though our own connection to
 * it was still trying when the Cease went out on its connection: its next connection is
 * refused without a byte, instead of being taken up at once. */
START_TEST(cease_hold_holds_the_whole_peer)
{
        uint8_t buf[4096];
        static const uint8_t data[7] = {0, 2, 1, 0, 0, 0, 4};
        make(&x, P(14), P(15), 65001, 0x0a000001, 65002, NULL);
        ck_assert_int_eq(bgp_ev_peer_start(x.peer), 0);
        run_for(100);
        int fd = raw_peer(P(14));
        for (int t = 0; t < 2000 && x.established == 0; t += 50)
                run_for(50);
        ck_assert_int_eq(x.established, 1);
        bgp_ev_peer_cease_hold(x.peer, BGP_NOTIFY_CEASE_MAX_PREFIX, data, sizeof(data), 60);
        /* The Cease, with its data, after x's KEEPALIVE (if it was not read yet). */
        bool cease = false;
        for (int t = 0; t < 2000 && !cease; t += 50) {
                if (!run_until_readable(fd, 50))
                        continue;
                ssize_t n = read(fd, buf, sizeof(buf));
                for (ssize_t i = 0; i + 21 <= n; i++)
                        if (buf[i + 18] == BGP_MSG_NOTIFICATION && buf[i + 16] == 0 &&
                            buf[i + 17] == 28 && buf[i + 19] == BGP_NOTIFY_CEASE &&
                            buf[i + 20] == BGP_NOTIFY_CEASE_MAX_PREFIX)
                                cease = true;
                if (n <= 0)
                        break;
        }
        ck_assert(cease);
        close(fd);
        run_for(200);
        ck_assert_int_eq(bgp_session_state(bgp_ev_peer_session(x.peer)), BGP_STATE_IDLE);
        /* The peer comes back at once: refused, not a byte read or written. */
        int hops = 255;
        struct sockaddr_in6 a;
        fd = socket(AF_INET6, SOCK_STREAM, 0);
        ck_assert_int_eq(setsockopt(fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS, &hops, sizeof(hops)), 0);
        loopback(&a, P(14));
        ck_assert_int_eq(connect(fd, (struct sockaddr *)&a, sizeof(a)), 0);
        ck_assert(run_until_readable(fd, 2000));
        ssize_t n = read(fd, buf, sizeof(buf));
        ck_assert(n == 0 || (n < 0 && errno == ECONNRESET));
        ck_assert_int_eq(bgp_session_state(bgp_ev_peer_session(x.peer)), BGP_STATE_IDLE);
        close(fd);
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
        tcase_add_test(tc, connection_after_a_failed_one_stays_open);
        tcase_add_test(tc, discard_holds_on_the_peers_connection);
        tcase_add_test(tc, cease_hold_holds_the_whole_peer);
        suite_add_tcase(s, tc);
        return s;
}

int main(void)
{
        return tu_run(event_suite());
}
