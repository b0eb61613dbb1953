/*
 * check_event_ttl.c - the outgoing TTL of the libevent binding (bgp_ev_peer_config.ttl):
 * the socket option takes the value, the peer configuration refuses what no IP header can
 * carry, two speakers sending with TTL 1 peer over loopback (zero hops away), and GTSM's
 * 255 wins over a TTL of 1 (with TTL 1 the GTSM check of the other side would fail).
 */
#include <arpa/inet.h>
#include <check.h>
#include <event2/event.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <bgp/bgp.h>
#include <bgp/event.h>

#include "../event/sockopt.h"
#include "testutil.h"

static struct event_base *base;
static struct bgp_ev *xev, *yev;
static struct bgp_ev_peer *xp, *yp;
static uint16_t port_base;
#define P(n) ((uint16_t)(port_base + (n)))

static const struct bgp_ev_callbacks cbs = {.version = BGP_EV_CALLBACKS_VERSION};

static void loopback(struct sockaddr_in6 *a, uint16_t port)
{
        memset(a, 0, sizeof(*a));
        a->sin6_family = AF_INET6;
        a->sin6_addr = in6addr_loopback;
        a->sin6_port = htons(port);
}

static void config(struct bgp_ev_peer_config *pc, uint32_t as, uint32_t id, uint32_t peer_as,
                   uint16_t peer_port, int ttl, int gtsm)
{
        bgp_ev_peer_config_init(pc);
        pc->session.local_as = as;
        pc->session.local_id = id;
        pc->session.remote_as = peer_as;
        pc->session.hold_time = 9;
        pc->session.connect_retry_time = 1;
        pc->session.idle_hold_time = 1;
        loopback((struct sockaddr_in6 *)&pc->remote, peer_port);
        pc->remote_len = sizeof(struct sockaddr_in6);
        pc->ttl = ttl;
        pc->ttl_security_hops = gtsm;
}

static void make(struct bgp_ev **ev, struct bgp_ev_peer **p, uint16_t port, uint16_t peer_port,
                 uint32_t as, uint32_t id, uint32_t peer_as, int ttl, int gtsm)
{
        struct bgp_ev_peer_config pc;
        struct sockaddr_in6 a;
        ck_assert_int_eq(bgp_ev_new(ev, base, &cbs, NULL), 0);
        loopback(&a, port);
        ck_assert_int_eq(bgp_ev_listen(*ev, (struct sockaddr *)&a, sizeof(a)), 0);
        config(&pc, as, id, peer_as, peer_port, ttl, gtsm);
        ck_assert_int_eq(bgp_ev_peer_add(*ev, &pc, p), 0);
}

static bool both_established(int max_ms)
{
        for (int t = 0; t < max_ms; t += 100) {
                if (bgp_session_state(bgp_ev_peer_session(xp)) == BGP_STATE_ESTABLISHED &&
                    bgp_session_state(bgp_ev_peer_session(yp)) == BGP_STATE_ESTABLISHED)
                        return true;
                struct timeval tv = {0, 100000};
                event_base_loopexit(base, &tv);
                event_base_dispatch(base);
        }
        return false;
}

static void setup(void)
{
        /* Another block of ports than check_event's, from the process id as there. */
        port_base = (uint16_t)(52000 + (getpid() % 800) * 16);
        base = event_base_new();
        xev = yev = NULL;
}

static void teardown(void)
{
        bgp_ev_del(xev);
        bgp_ev_del(yev);
        event_base_free(base);
}

static int get_ttl(int fd, int family)
{
        int v = -1;
        socklen_t len = sizeof(v);
        if (family == AF_INET6)
                ck_assert_int_eq(getsockopt(fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS, &v, &len), 0);
        else
                ck_assert_int_eq(getsockopt(fd, IPPROTO_IP, IP_TTL, &v, &len), 0);
        return v;
}

START_TEST(sockopt_sets_ttl_and_hop_limit)
{
        static const int families[] = {AF_INET, AF_INET6};
        for (size_t i = 0; i < 2; i++) {
                int fd = socket(families[i], SOCK_STREAM, 0);
                ck_assert_int_ge(fd, 0);
                ck_assert_int_eq(bgp_sockopt_ttl(fd, families[i], 1), 0);
                ck_assert_int_eq(get_ttl(fd, families[i]), 1);
                ck_assert_int_eq(bgp_sockopt_ttl(fd, families[i], 2), 0);
                ck_assert_int_eq(get_ttl(fd, families[i]), 2);
                /* GTSM (RFC 5082 3) sends with 255 whatever was set before. */
                ck_assert_int_eq(bgp_sockopt_gtsm(fd, families[i], 255), 0);
                ck_assert_int_eq(get_ttl(fd, families[i]), 255);
                close(fd);
        }
}
END_TEST

START_TEST(peer_refuses_ttl_out_of_range)
{
        struct bgp_ev_peer_config pc;
        struct bgp_ev_peer *p = NULL;
        ck_assert_int_eq(bgp_ev_new(&xev, base, &cbs, NULL), 0);
        config(&pc, 65001, 0x0a000001, 65002, P(1), 256, 0);
        ck_assert_int_eq(bgp_ev_peer_add(xev, &pc, &p), BGP_ERR_INVALID_ARGUMENT);
        config(&pc, 65001, 0x0a000001, 65002, P(1), -1, 0);
        ck_assert_int_eq(bgp_ev_peer_add(xev, &pc, &p), BGP_ERR_INVALID_ARGUMENT);
        config(&pc, 65001, 0x0a000001, 65002, P(1), 255, 0);
        ck_assert_int_eq(bgp_ev_peer_add(xev, &pc, &p), 0);
        /* The default is 0: the system's TTL. */
        bgp_ev_peer_config_init(&pc);
        ck_assert_int_eq(pc.ttl, 0);
}
END_TEST

START_TEST(ttl_one_peers_over_loopback)
{
        make(&xev, &xp, P(2), P(3), 65001, 0x0a000001, 65002, 1, 0);
        make(&yev, &yp, P(3), P(2), 65002, 0x0a000002, 65001, 1, 0);
        ck_assert_int_eq(bgp_ev_peer_start(xp), 0);
        ck_assert_int_eq(bgp_ev_peer_start(yp), 0);
        ck_assert(both_established(10000));
}
END_TEST

START_TEST(gtsm_wins_over_ttl)
{
        /* Both sides accept only TTL 255: with TTL 1 on the wire nothing would come up. */
        make(&xev, &xp, P(4), P(5), 65001, 0x0a000001, 65002, 1, 1);
        make(&yev, &yp, P(5), P(4), 65002, 0x0a000002, 65001, 1, 1);
        ck_assert_int_eq(bgp_ev_peer_start(xp), 0);
        ck_assert_int_eq(bgp_ev_peer_start(yp), 0);
        ck_assert(both_established(10000));
}
END_TEST

static Suite *event_ttl_suite(void)
{
        Suite *s = suite_create("event_ttl");
        TCase *tc = tcase_create("ttl");
        tcase_add_checked_fixture(tc, setup, teardown);
        tcase_set_timeout(tc, 60);
        tcase_add_test(tc, sockopt_sets_ttl_and_hop_limit);
        tcase_add_test(tc, peer_refuses_ttl_out_of_range);
        tcase_add_test(tc, ttl_one_peers_over_loopback);
        tcase_add_test(tc, gtsm_wins_over_ttl);
        suite_add_tcase(s, tc);
        return s;
}

int main(void)
{
        return tu_run(event_ttl_suite());
}
