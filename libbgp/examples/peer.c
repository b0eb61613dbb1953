/*
 * peer.c - libbgp embedded with nothing but its own socket and poll(2).
 *
 *   bgp_example_peer LOCAL_AS ROUTER_ID PEER_ADDRESS PEER_AS [SECONDS]
 *
 * Connects to the peer on port 179, reaches Established, prints every prefix the peer
 * announces or withdraws, and stops with an RFC 9003 shutdown message after SECONDS
 * (default 60).  The library does no I/O: this file owns the socket and the clock.
 */
#include <arpa/inet.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <bgp/bgp.h>

static int sock = -1;

static bgp_time_ms now_ms(void)
{
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (bgp_time_ms)ts.tv_sec * 1000 + (bgp_time_ms)ts.tv_nsec / 1000000;
}

static void on_state(struct bgp_session *s, enum bgp_state from, enum bgp_state to, void *ud)
{
        (void)s;
        (void)ud;
        printf("%s -> %s\n", bgp_state_name(from), bgp_state_name(to));
}

static void print_nlri(const char *what, const struct bgp_nlri *nlri)
{
        struct bgp_nlri_iter it;
        struct bgp_prefix p;
        char text[64];

        bgp_nlri_iter_init(&it, nlri);
        while (bgp_nlri_iter_next(&it, &p) == 1) {
                bgp_prefix_format(&p, text, sizeof(text));
                printf("%s %s\n", what, text);
        }
}

static int on_update(struct bgp_session *s, const struct bgp_update *u, const struct bgp_verdict *v,
                     void *ud)
{
        (void)s;
        (void)ud;
        /* RFC 7606: a treat-as-withdraw UPDATE announces nothing. */
        bool withdraw = v->action == BGP_ACTION_TREAT_AS_WITHDRAW;
        print_nlri("withdraw", &u->withdrawn);
        print_nlri("withdraw", &u->attrs.mp_unreach.nlri);
        print_nlri(withdraw ? "withdraw" : "announce", &u->nlri);
        print_nlri(withdraw ? "withdraw" : "announce", &u->attrs.mp_reach.nlri);
        return 0;
}

static void on_log(struct bgp_session *s, enum bgp_log_level level, const char *msg, void *ud)
{
        (void)s;
        (void)ud;
        fprintf(stderr, "<%d> %s\n", level, msg);
}

/* The session asks for a connection: connect synchronously, then report the outcome. */
static int on_connect(struct bgp_session *s, void *ud)
{
        (void)s;
        (void)ud;
        return 0; /* main() connects right after bgp_session_start() */
}

static void on_disconnect(struct bgp_session *s, void *ud)
{
        (void)s;
        (void)ud;
        /* Written out below before the socket is closed. */
}

int main(int argc, char **argv)
{
        struct bgp_session_config cfg;
        struct bgp_callbacks cb = {.version = BGP_CALLBACKS_VERSION,
                                   .state_change = on_state,
                                   .connect = on_connect,
                                   .disconnect = on_disconnect,
                                   .update = on_update,
                                   .log = on_log};
        struct sockaddr_in6 peer = {.sin6_family = AF_INET6, .sin6_port = htons(179)};
        struct in_addr id;
        struct bgp_session *s;

        if (argc < 5 || inet_pton(AF_INET, argv[2], &id) != 1 ||
            inet_pton(AF_INET6, argv[3], &peer.sin6_addr) != 1) {
                fprintf(stderr, "usage: %s LOCAL_AS ROUTER_ID PEER_ADDRESS PEER_AS [SECONDS]\n",
                        argv[0]);
                return 2;
        }
        bgp_session_config_init(&cfg);
        cfg.local_as = (uint32_t)strtoul(argv[1], NULL, 10);
        cfg.local_id = ntohl(id.s_addr);
        cfg.remote_as = (uint32_t)strtoul(argv[4], NULL, 10);
        cfg.auto_restart = false;
        bgp_time_ms end = now_ms() + 1000 * (bgp_time_ms)(argc > 5 ? atoi(argv[5]) : 60);

        if (bgp_session_new(&s, &cfg, &cb, NULL, NULL) != 0)
                return 1;
        bgp_session_start(s, now_ms());
        sock = socket(AF_INET6, SOCK_STREAM, 0);
        if (sock < 0 || connect(sock, (struct sockaddr *)&peer, sizeof(peer)) < 0) {
                perror("connect");
                bgp_session_tcp_failed(s, now_ms());
                bgp_session_del(s);
                return 1;
        }
        bgp_session_tcp_connected(s, now_ms());

        bool stopped = false;
        while (bgp_session_state(s) != BGP_STATE_IDLE || bgp_session_pending(s) > 0) {
                const uint8_t *out;
                size_t n;
                /* Write everything the session has (NOTIFICATION first). */
                while ((n = bgp_session_send(s, &out, now_ms())) > 0) {
                        ssize_t w = write(sock, out, n);
                        if (w <= 0)
                                goto done;
                        bgp_session_sent(s, (size_t)w, now_ms());
                }
                if (bgp_session_state(s) == BGP_STATE_IDLE)
                        break;
                if (!stopped && now_ms() >= end) {
                        bgp_session_stop(s, "example finished", now_ms());
                        stopped = true;
                        continue;
                }
                /* Sleep until the next timer or the next bytes, whichever comes first. */
                bgp_time_ms due = bgp_session_expiry(s);
                if (due > end)
                        due = end;
                bgp_time_ms t = now_ms();
                struct pollfd pfd = {.fd = sock, .events = POLLIN};
                int timeout = due > t ? (int)(due - t) : 0;
                if (poll(&pfd, 1, timeout) > 0) {
                        uint8_t buf[65536];
                        ssize_t r = read(sock, buf, sizeof(buf));
                        if (r <= 0) {
                                bgp_session_tcp_failed(s, now_ms());
                                break;
                        }
                        bgp_session_recv(s, buf, (size_t)r, now_ms());
                }
                bgp_session_handle_expiry(s, now_ms());
        }
done:
        close(sock);
        bgp_session_del(s);
        return 0;
}
