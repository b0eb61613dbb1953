/*
 * ft_fibwatch - counts a routing daemon's IPv6 routes in the kernel as they change, for
 * bench/full_table.sh.
 *
 * Why not `ip -6 route show | wc -l`: with a full table, one netlink dump costs about a second
 * of CPU (2.2 s wall here) on a 2-CPU machine that the daemon being measured also uses, and
 * /proc/net/ipv6_route is quadratic (minutes).  Instead this listens to the route
 * notifications the kernel sends anyway (RTNLGRP_IPV6_ROUTE) from before the daemon starts,
 * keeps the set of unicast routes of one protocol and table, and writes three numbers to a status
 * file at most every 50 ms, when they changed:
 *
 *     TOTAL VIA_GW LAST_CHANGE EVENTS
 *
 * TOTAL is the number of routes of --proto in --table, VIA_GW those whose gateway is --gw,
 * LAST_CHANGE the CLOCK_MONOTONIC time (seconds) of the last change to either, EVENTS the
 * number of notifications of those routes so far (adds, replaces, deletes: the daemon's
 * kernel operations, churn included).  A lost
 * notification (ENOBUFS) cannot be recovered from: the status file then says "overrun" and
 * the program exits 2, so that a figure is never taken from a wrong count.
 *
 * usage: ft_fibwatch --proto N --gw ADDR --out FILE [--table N]
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define SLOTS (1u << 21) /* open addressing, power of two: 2 M slots for < 1 M routes */

struct slot {
        uint8_t used;   /* 0 empty, 1 live, 2 deleted (a tombstone keeps probe chains) */
        uint8_t len;    /* prefix length */
        uint8_t via_gw; /* the route's gateway is --gw */
        uint8_t addr[16];
};

static struct slot *slots;
static long total, via_gw, events;
static double last_change;
static volatile sig_atomic_t stop;

static double now(void)
{
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint32_t hash(const uint8_t *a, uint8_t len)
{
        uint32_t h = 2166136261u ^ len;
        for (int i = 0; i < 16; i++)
                h = (h ^ a[i]) * 16777619u;
        return h;
}

/* The slot of the prefix, or of where it would go when absent (the first tombstone seen). */
static struct slot *find(const uint8_t *a, uint8_t len)
{
        struct slot *free_slot = NULL;
        for (uint32_t i = hash(a, len) & (SLOTS - 1);; i = (i + 1) & (SLOTS - 1)) {
                struct slot *s = &slots[i];
                if (s->used == 0)
                        return free_slot != NULL ? free_slot : s;
                if (s->used == 2) {
                        if (free_slot == NULL)
                                free_slot = s;
                } else if (s->len == len && memcmp(s->addr, a, 16) == 0) {
                        return s;
                }
        }
}

static void route_event(bool add, const uint8_t *a, uint8_t len, bool gw)
{
        events++;
        struct slot *s = find(a, len);
        bool live = s->used == 1 && s->len == len && memcmp(s->addr, a, 16) == 0;
        if (add) {
                if (!live) {
                        s->used = 1;
                        s->len = len;
                        memcpy(s->addr, a, 16);
                        s->via_gw = gw;
                        total++;
                        via_gw += gw;
                } else if (s->via_gw != gw) {
                        via_gw += (long)gw - (long)s->via_gw;
                        s->via_gw = gw;
                } else {
                        return;
                }
        } else {
                if (!live)
                        return;
                s->used = 2;
                total--;
                via_gw -= s->via_gw;
        }
        last_change = now();
}

static int write_status(const char *out, const char *extra)
{
        char tmp[4096];
        snprintf(tmp, sizeof(tmp), "%s.tmp", out);
        FILE *f = fopen(tmp, "w");
        if (f == NULL)
                return -1;
        if (extra != NULL)
                fprintf(f, "%s\n", extra);
        else
                fprintf(f, "%ld %ld %.3f %ld\n", total, via_gw, last_change, events);
        if (fclose(f) != 0)
                return -1;
        return rename(tmp, out);
}

static void on_signal(int sig)
{
        (void)sig;
        stop = 1;
}

static void usage(void)
{
        fprintf(stderr, "usage: ft_fibwatch --proto N --gw ADDR --out FILE [--table N]\n");
        exit(64);
}

int main(int argc, char **argv)
{
        static const struct option opts[] = {{"proto", required_argument, NULL, 'p'},
                                             {"gw", required_argument, NULL, 'g'},
                                             {"out", required_argument, NULL, 'o'},
                                             {"table", required_argument, NULL, 't'},
                                             {NULL, 0, NULL, 0}};
        long proto = -1, table = RT_TABLE_MAIN;
        const char *out = NULL;
        uint8_t gw[16];
        bool have_gw = false;
        int c;
        while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
                switch (c) {
                case 'p':
                        proto = strtol(optarg, NULL, 10);
                        break;
                case 't':
                        table = strtol(optarg, NULL, 10);
                        break;
                case 'o':
                        out = optarg;
                        break;
                case 'g':
                        if (inet_pton(AF_INET6, optarg, gw) != 1)
                                usage();
                        have_gw = true;
                        break;
                default:
                        usage();
                }
        }
        if (proto < 0 || proto > 255 || out == NULL || !have_gw)
                usage();
        slots = calloc(SLOTS, sizeof(*slots));
        if (slots == NULL)
                return 1;

        int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
        if (fd < 0) {
                perror("socket");
                return 1;
        }
        /* A full table is half a million notifications in a few seconds: a buffer that holds
         * them all (root may exceed rmem_max), so that a busy moment never loses one. */
        int rcvbuf = 256 * 1024 * 1024;
        if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof(rcvbuf)) != 0)
                setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
        struct sockaddr_nl sa = {.nl_family = AF_NETLINK, .nl_groups = RTMGRP_IPV6_ROUTE};
        if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0) {
                perror("bind");
                return 1;
        }
        signal(SIGTERM, on_signal);
        signal(SIGINT, on_signal);
        last_change = now();
        write_status(out, NULL);

        /* One notification per datagram: recvmmsg() takes up to BATCH of them per system
         * call, so that the counter's own CPU (which it shares with the daemon measured)
         * stays small next to the half million notifications of a load. */
        enum {
                BATCH = 256,
                DGRAM = 8192
        };
        static uint8_t bufs[BATCH][DGRAM];
        static struct mmsghdr msgs[BATCH];
        static struct iovec iov[BATCH];
        for (int i = 0; i < BATCH; i++) {
                iov[i].iov_base = bufs[i];
                iov[i].iov_len = DGRAM;
                msgs[i].msg_hdr.msg_iov = &iov[i];
                msgs[i].msg_hdr.msg_iovlen = 1;
        }
        long written_total = -1, written_via = -1;
        double last_write = 0;
        while (!stop) {
                int got = recvmmsg(fd, msgs, BATCH, MSG_DONTWAIT, NULL);
                if (got < 0 && errno == ENOBUFS) {
                        write_status(out, "overrun");
                        fprintf(stderr, "ft_fibwatch: notifications lost (ENOBUFS)\n");
                        return 2;
                }
                if (got <= 0) {
                        struct pollfd pfd = {.fd = fd, .events = POLLIN};
                        (void)poll(&pfd, 1, 50);
                        got = 0;
                }
                for (int m = 0; m < got; m++) {
                        ssize_t len = (ssize_t)msgs[m].msg_len;
                        for (struct nlmsghdr *h = (struct nlmsghdr *)bufs[m];
                             len > 0 && NLMSG_OK(h, (unsigned)len); h = NLMSG_NEXT(h, len)) {
                                if (h->nlmsg_type != RTM_NEWROUTE && h->nlmsg_type != RTM_DELROUTE)
                                        continue;
                                struct rtmsg *rt = NLMSG_DATA(h);
                                /* Unicast only: lbgpd tags the seed's static blackhole
                                 * with its own protocol too, FRR's staticd with another. */
                                if (rt->rtm_family != AF_INET6 || rt->rtm_protocol != proto ||
                                    rt->rtm_type != RTN_UNICAST)
                                        continue;
                                uint8_t dst[16] = {0};
                                bool is_gw = false;
                                long tbl = rt->rtm_table;
                                int alen = (int)RTM_PAYLOAD(h);
                                for (struct rtattr *a = RTM_RTA(rt); RTA_OK(a, alen);
                                     a = RTA_NEXT(a, alen)) {
                                        if (a->rta_type == RTA_DST && RTA_PAYLOAD(a) == 16)
                                                memcpy(dst, RTA_DATA(a), 16);
                                        else if (a->rta_type == RTA_GATEWAY && RTA_PAYLOAD(a) == 16)
                                                is_gw = memcmp(RTA_DATA(a), gw, 16) == 0;
                                        else if (a->rta_type == RTA_TABLE && RTA_PAYLOAD(a) == 4)
                                                tbl = *(uint32_t *)RTA_DATA(a);
                                }
                                if (tbl != table)
                                        continue;
                                route_event(h->nlmsg_type == RTM_NEWROUTE, dst, rt->rtm_dst_len,
                                            is_gw);
                        }
                }
                double t = now();
                if ((total != written_total || via_gw != written_via) && t - last_write >= 0.05) {
                        if (write_status(out, NULL) != 0) {
                                perror(out);
                                return 1;
                        }
                        written_total = total;
                        written_via = via_gw;
                        last_write = t;
                }
        }
        write_status(out, NULL);
        return 0;
}
