/*
 * check_kernel.c - the Linux kernel FIB backend against a real kernel.
 *
 * Everything happens in network namespaces this program creates: main() leaves the
 * host's namespace before the first test, and each test's fixture unshares again, so
 * every test starts from an empty namespace with lo, a veth pair v0/v1 and
 * documentation addresses, and the kernel frees it all when the test process exits.
 * Not root, or no permission to unshare: exit 77, which ctest counts as skipped.
 *
 * The route counts are checked twice, through kernel_routes() (a netlink dump) and
 * through `ip route show ... proto P`, run by popen() inside the same namespace.
 */
#include <arpa/inet.h>
#include <check.h>
#include <errno.h>
#include <net/if.h>
#include <poll.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "kernel.h"
#include "kernel_writer.h"

#define PROTO      KERNEL_PROTO_DEFAULT
#define MAIN_TABLE 254

/* ---- helpers -------------------------------------------------------------------------- */

static void sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *capture(char *buf, size_t cap, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void sh(const char *fmt, ...)
{
        char cmd[512];
        va_list ap;
        int status;

        va_start(ap, fmt);
        vsnprintf(cmd, sizeof(cmd), fmt, ap);
        va_end(ap);
        status = system(cmd);
        ck_assert_msg(status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0,
                      "command failed: %s", cmd);
}

/*
 * Takes " nhid N" out of `ip route` lines: a route through a nexthop object shows its id
 * (which the kernel writer picks) before the gateway, and the tests compare the rest.
 * test_nexthop_objects checks the ids themselves.
 */
static void strip_nhid(char *text)
{
        char *at;

        while ((at = strstr(text, " nhid ")) != NULL) {
                char *end = at + 6;

                while (*end >= '0' && *end <= '9')
                        end++;
                memmove(at, end, strlen(end) + 1);
        }
}

/* Runs cmd and returns its output (at most cap - 1 bytes, NUL-terminated). */
static char *capture(char *buf, size_t cap, const char *fmt, ...)
{
        char cmd[512];
        size_t len = 0, got;
        va_list ap;
        FILE *p;

        va_start(ap, fmt);
        vsnprintf(cmd, sizeof(cmd), fmt, ap);
        va_end(ap);
        p = popen(cmd, "r");
        ck_assert_ptr_nonnull(p);
        while (len + 1 < cap && (got = fread(buf + len, 1, cap - 1 - len, p)) > 0)
                len += got;
        buf[len] = '\0';
        while (fgetc(p) != EOF) /* drain what did not fit */
                ;
        ck_assert_int_eq(pclose(p), 0);
        strip_nhid(buf);
        return buf;
}

static size_t count_lines(const char *text)
{
        size_t n = 0;

        for (; *text; text++)
                n += *text == '\n';
        return n;
}

static char ipout[256 * 1024];

/* The number of lines `ip` prints for "ip <args>". */
static size_t ip_lines(const char *args)
{
        return count_lines(capture(ipout, sizeof(ipout), "ip %s", args));
}

static struct bgp_prefix pfx(const char *text)
{
        struct bgp_prefix p;

        ck_assert_msg(bgp_prefix_parse(text, &p) == 0, "bad prefix %s", text);
        return p;
}

/* 2001:db8:(base + i)::/48 */
static struct bgp_prefix pfx48(unsigned base, unsigned i)
{
        struct bgp_prefix p = {.afi = BGP_AFI_IPV6, .len = 48, .addr = {0x20, 0x01, 0x0d, 0xb8}};

        p.addr[4] = (uint8_t)((base + i) >> 8);
        p.addr[5] = (uint8_t)(base + i);
        return p;
}

static struct kernel_nexthop nh(const char *addr, const char *ifname)
{
        struct kernel_nexthop n = {0};

        if (addr != NULL) {
                n.afi = strchr(addr, ':') ? BGP_AFI_IPV6 : BGP_AFI_IPV4;
                ck_assert_int_eq(
                    inet_pton(n.afi == BGP_AFI_IPV6 ? AF_INET6 : AF_INET, addr, n.addr), 1);
        }
        if (ifname != NULL)
                n.ifindex = if_nametoindex(ifname);
        return n;
}

static struct kernel *open_kernel(uint32_t table)
{
        struct kernel *k = NULL;
        char err[128] = "";

        ck_assert_msg(kernel_open(&k, table, PROTO, err, sizeof(err)) == 0, "open: %s", err);
        return k;
}

/* What kernel_routes() reports, in order. */
struct listing {
        struct kernel_route r[2048];
        size_t n;
};

static int collect(void *arg, const struct kernel_route *r)
{
        struct listing *l = arg;

        if (l->n < sizeof(l->r) / sizeof(l->r[0]))
                l->r[l->n] = *r;
        l->n++;
        return 0;
}

static struct listing listing;

static size_t list(struct kernel *k, uint16_t afi)
{
        listing.n = 0;
        ck_assert_int_eq(kernel_routes(k, afi, collect, &listing), 0);
        return listing.n;
}

static const struct kernel_route *find(const struct bgp_prefix *p)
{
        for (size_t i = 0; i < listing.n && i < sizeof(listing.r) / sizeof(listing.r[0]); i++)
                if (listing.r[i].prefix.afi == p->afi && listing.r[i].prefix.len == p->len &&
                    memcmp(listing.r[i].prefix.addr, p->addr, 16) == 0)
                        return &listing.r[i];
        return NULL;
}

/* The failures a commit reported. */
struct failures {
        size_t n;
        struct bgp_prefix pfx[16];
        int sys_errno[16];
        bool del[16];
        char why[16][128];
};

static void record(void *arg, const struct kernel_route *r, bool deleting, int sys_errno,
                   const char *why)
{
        struct failures *f = arg;

        if (f->n < 16) {
                f->pfx[f->n] = r->prefix;
                f->sys_errno[f->n] = sys_errno;
                f->del[f->n] = deleting;
                snprintf(f->why[f->n], sizeof(f->why[0]), "%s", why ? why : "");
        }
        f->n++;
}

static double now(void)
{
        struct timespec ts;

        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- the namespace -------------------------------------------------------------------- */

static void netns_setup(void)
{
        ck_assert_msg(unshare(CLONE_NEWNET) == 0, "unshare: %s", strerror(errno));
        sh("ip link set lo up");
        sh("ip link add v0 type veth peer name v1");
        sh("ip link set v0 up");
        sh("ip link set v1 up");
        sh("ip -6 addr add 2001:db8:1::1/64 dev v0 nodad");
        sh("ip -6 addr add 2001:db8:2::1/64 dev v1 nodad");
        sh("ip -4 addr add 192.0.2.1/24 dev v0");
}

/* ---- tests ---------------------------------------------------------------------------- */

START_TEST(test_blackhole_reject)
{
        struct kernel *k = open_kernel(MAIN_TABLE);
        struct bgp_prefix bh = pfx("2a06:9801:1c::/48"), rej = pfx("2001:db8:dead::/48");
        struct bgp_prefix bh4 = pfx("203.0.113.0/24");

        kernel_batch_begin(k);
        ck_assert_int_eq(kernel_route_replace(k, &bh, NULL, KERNEL_ROUTE_BLACKHOLE), 0);
        ck_assert_int_eq(kernel_route_replace(k, &rej, NULL, KERNEL_ROUTE_REJECT), 0);
        ck_assert_int_eq(kernel_route_replace(k, &bh4, NULL, KERNEL_ROUTE_BLACKHOLE), 0);
        ck_assert_uint_eq(kernel_batch_size(k), 3);
        ck_assert_int_eq(kernel_batch_commit(k, NULL, NULL), 0);
        ck_assert_uint_eq(kernel_batch_size(k), 0);

        ck_assert_uint_eq(list(k, 0), 3);
        ck_assert_int_eq(find(&bh)->type, KERNEL_ROUTE_BLACKHOLE);
        ck_assert_int_eq(find(&rej)->type, KERNEL_ROUTE_REJECT);
        ck_assert_int_eq(find(&bh4)->type, KERNEL_ROUTE_BLACKHOLE);
        capture(ipout, sizeof(ipout), "ip -6 route show table %d proto %d", MAIN_TABLE, PROTO);
        ck_assert_msg(strstr(ipout, "blackhole 2a06:9801:1c::/48") != NULL, "%s", ipout);
        ck_assert_msg(strstr(ipout, "unreachable 2001:db8:dead::/48") != NULL, "%s", ipout);
        capture(ipout, sizeof(ipout), "ip -4 route show table %d proto %d", MAIN_TABLE, PROTO);
        ck_assert_msg(strstr(ipout, "blackhole 203.0.113.0/24") != NULL, "%s", ipout);

        /* A route changes type in place: reject to unicast and back. */
        {
                struct kernel_nexthop gw = nh("2001:db8:1::2", NULL);

                kernel_batch_begin(k);
                ck_assert_int_eq(kernel_route_replace(k, &rej, &gw, KERNEL_ROUTE_UNICAST), 0);
                ck_assert_int_eq(kernel_batch_commit(k, NULL, NULL), 0);
                ck_assert_uint_eq(list(k, 0), 3);
                ck_assert_int_eq(find(&rej)->type, KERNEL_ROUTE_UNICAST);
                kernel_batch_begin(k);
                ck_assert_int_eq(kernel_route_replace(k, &rej, NULL, KERNEL_ROUTE_REJECT), 0);
                ck_assert_int_eq(kernel_batch_commit(k, NULL, NULL), 0);
                ck_assert_uint_eq(list(k, 0), 3);
                ck_assert_int_eq(find(&rej)->type, KERNEL_ROUTE_REJECT);
        }

        /* Stop: the daemon removes what it installed. */
        ck_assert_int_eq(kernel_flush_stale(k), 3);
        ck_assert_uint_eq(list(k, 0), 0);
        ck_assert_uint_eq(ip_lines("-6 route show proto 201"), 0);
        kernel_close(k);
}
END_TEST

START_TEST(test_batch_1000)
{
        struct kernel *k = open_kernel(MAIN_TABLE);
        struct kernel_nexthop nh1 = nh("2001:db8:1::2", NULL), nh2 = nh("2001:db8:2::2", NULL);
        struct failures f = {0};
        char args[128];

        kernel_batch_begin(k);
        for (unsigned i = 0; i < 1000; i++) {
                struct bgp_prefix p = pfx48(0x8000, i);

                ck_assert_int_eq(kernel_route_replace(k, &p, &nh1, KERNEL_ROUTE_UNICAST), 0);
        }
        ck_assert_int_eq(kernel_batch_commit(k, record, &f), 0);
        ck_assert_uint_eq(f.n, 0);

        /* Exactly those, with our protocol and table, through v0. */
        ck_assert_uint_eq(list(k, 0), 1000);
        for (unsigned i = 0; i < 1000; i++) {
                struct bgp_prefix p = pfx48(0x8000, i);
                const struct kernel_route *r = find(&p);

                ck_assert_ptr_nonnull(r);
                ck_assert_int_eq(r->type, KERNEL_ROUTE_UNICAST);
                ck_assert_int_eq(r->nexthop.afi, BGP_AFI_IPV6);
                ck_assert_mem_eq(r->nexthop.addr, nh1.addr, 16);
                ck_assert_uint_eq(r->nexthop.ifindex, if_nametoindex("v0"));
        }
        snprintf(args, sizeof(args), "-6 route show table %d proto %d", MAIN_TABLE, PROTO);
        ck_assert_uint_eq(ip_lines(args), 1000);
        ck_assert_msg(strstr(ipout, "2001:db8:8000::/48 via 2001:db8:1::2 dev v0") != NULL, "%s",
                      ipout);
        ck_assert_msg(strstr(ipout, "2001:db8:83e7::/48 via 2001:db8:1::2 dev v0") != NULL, "%s",
                      ipout);

        /* Best path changes for 100: replaced in place, not added beside. */
        kernel_batch_begin(k);
        for (unsigned i = 0; i < 100; i++) {
                struct bgp_prefix p = pfx48(0x8000, i);

                ck_assert_int_eq(kernel_route_replace(k, &p, &nh2, KERNEL_ROUTE_UNICAST), 0);
        }
        ck_assert_int_eq(kernel_batch_commit(k, NULL, NULL), 0);
        ck_assert_uint_eq(list(k, BGP_AFI_IPV6), 1000);
        for (unsigned i = 0; i < 1000; i++) {
                struct bgp_prefix p = pfx48(0x8000, i);
                const struct kernel_route *r = find(&p);

                ck_assert_ptr_nonnull(r);
                ck_assert_mem_eq(r->nexthop.addr, i < 100 ? nh2.addr : nh1.addr, 16);
                ck_assert_uint_eq(r->nexthop.ifindex, if_nametoindex(i < 100 ? "v1" : "v0"));
        }
        ck_assert_uint_eq(ip_lines(args), 1000);
        ck_assert_msg(strstr(ipout, "2001:db8:8063::/48 via 2001:db8:2::2 dev v1") != NULL, "%s",
                      ipout);

        /* Withdraw 500. */
        kernel_batch_begin(k);
        for (unsigned i = 500; i < 1000; i++) {
                struct bgp_prefix p = pfx48(0x8000, i);

                ck_assert_int_eq(kernel_route_delete(k, &p), 0);
        }
        ck_assert_int_eq(kernel_batch_commit(k, NULL, NULL), 0);
        ck_assert_uint_eq(list(k, 0), 500);
        for (unsigned i = 0; i < 1000; i++) {
                struct bgp_prefix p = pfx48(0x8000, i);

                ck_assert((find(&p) != NULL) == (i < 500));
        }
        ck_assert_uint_eq(ip_lines(args), 500);

        /* A withdrawal of what is not there is that one route's failure. */
        kernel_batch_begin(k);
        {
                struct bgp_prefix gone = pfx48(0x8000, 999), there = pfx48(0x8000, 0);

                ck_assert_int_eq(kernel_route_delete(k, &gone), 0);
                ck_assert_int_eq(kernel_route_delete(k, &there), 0);
        }
        ck_assert_int_eq(kernel_batch_commit(k, record, &f), 1);
        ck_assert_uint_eq(f.n, 1);
        ck_assert(f.del[0]);
        ck_assert_int_eq(f.sys_errno[0], ESRCH);
        ck_assert_uint_eq(list(k, 0), 499);
        kernel_close(k);
}
END_TEST

START_TEST(test_restart_flush)
{
        const uint32_t table = 4242; /* above 255: travels in RTA_TABLE only */
        struct kernel *k = open_kernel(table);
        struct kernel_nexthop v6 = nh("2001:db8:1::2", NULL), v4 = nh("192.0.2.2", NULL);
        struct bgp_prefix bh = pfx("2a06:9801:1c::/48");

        kernel_batch_begin(k);
        for (unsigned i = 0; i < 10; i++) {
                struct bgp_prefix p = pfx48(0x100, i);

                ck_assert_int_eq(kernel_route_replace(k, &p, &v6, KERNEL_ROUTE_UNICAST), 0);
        }
        for (unsigned i = 0; i < 5; i++) {
                char text[32];
                struct bgp_prefix p;

                snprintf(text, sizeof(text), "198.51.100.%u/32", i);
                p = pfx(text);
                ck_assert_int_eq(kernel_route_replace(k, &p, &v4, KERNEL_ROUTE_UNICAST), 0);
        }
        ck_assert_int_eq(kernel_route_replace(k, &bh, NULL, KERNEL_ROUTE_BLACKHOLE), 0);
        ck_assert_int_eq(kernel_batch_commit(k, NULL, NULL), 0);
        ck_assert_uint_eq(list(k, 0), 16);

        /* Neighbours: another protocol in our table, our protocol in another table. */
        sh("ip -6 route add 2001:db8:ff::/48 dev v0 proto static table %u", (unsigned)table);
        sh("ip -6 route add 2001:db8:fd::/48 via 2001:db8:1::2 proto 200 table %u",
           (unsigned)table);
        sh("ip -4 route add 198.51.100.128/25 via 192.0.2.2 proto static table %u",
           (unsigned)table);
        sh("ip -6 route add 2001:db8:fe::/48 dev v0 proto %d table 100", PROTO);
        sh("ip -6 route add 2001:db8:fc::/48 dev v0 proto static");

        /* The daemon dies; the next run opens again and removes what was left. */
        kernel_close(k);
        k = open_kernel(table);
        ck_assert_int_eq(kernel_flush_stale(k), 16);
        ck_assert_uint_eq(list(k, 0), 0);
        ck_assert_int_eq(kernel_flush_stale(k), 0);

        ck_assert_uint_eq(ip_lines("-6 route show table 4242"), 2);
        ck_assert_ptr_nonnull(strstr(ipout, "2001:db8:ff::/48 dev v0 proto static"));
        ck_assert_ptr_nonnull(strstr(ipout, "2001:db8:fd::/48 via 2001:db8:1::2 dev v0 proto 200"));
        ck_assert_uint_eq(ip_lines("-4 route show table 4242"), 1);
        ck_assert_uint_eq(ip_lines("-6 route show table 100"), 1);
        ck_assert_ptr_nonnull(strstr(ipout, "2001:db8:fe::/48"));
        ck_assert_uint_eq(ip_lines("-6 route show 2001:db8:fc::/48"), 1);
        kernel_close(k);
}
END_TEST

/*
 * Someone else's route for a prefix of ours: one added by hand (proto static, the default
 * metric), one of another daemon (proto 186 at zebra's metric 20), in both families.
 * Installing, changing, deleting and flushing ours leaves each as it was: our routes have
 * a metric of their own (KERNEL_METRIC), so a replace never takes theirs over.
 */
START_TEST(test_foreign_route_same_prefix)
{
        struct kernel *k = open_kernel(MAIN_TABLE);
        struct kernel_nexthop a6 = nh("2001:db8:1::2", NULL), b6 = nh("2001:db8:2::2", NULL);
        struct kernel_nexthop a4 = nh("192.0.2.2", NULL);
        struct bgp_prefix p6 = pfx("2001:db8:77::/48"), q6 = pfx("2001:db8:78::/48");
        struct bgp_prefix p4 = pfx("198.51.100.0/24");
        const char *theirs =
            /* (`ip route show proto P` leaves out the protocol it filtered on.) */
            "2001:db8:77::/48 via 2001:db8:2::2 dev v1 metric 1024 pref medium\n"
            "2001:db8:78::/48 via 2001:db8:2::2 dev v1 metric 20 pref medium\n";

        sh("ip -6 route add 2001:db8:77::/48 via 2001:db8:2::2 proto static");
        sh("ip -6 route add 2001:db8:78::/48 via 2001:db8:2::2 proto 186 metric 20");
        sh("ip -4 route add 198.51.100.0/24 via 192.0.2.3 proto static");
        for (int round = 0; round < 2; round++) {
                /* Installed, then moved to another next hop: a replace each time. */
                kernel_batch_begin(k);
                ck_assert_int_eq(
                    kernel_route_replace(k, &p6, round ? &b6 : &a6, KERNEL_ROUTE_UNICAST), 0);
                ck_assert_int_eq(kernel_route_replace(k, &q6, &a6, KERNEL_ROUTE_UNICAST), 0);
                ck_assert_int_eq(kernel_route_replace(k, &p4, &a4, KERNEL_ROUTE_UNICAST), 0);
                ck_assert_int_eq(kernel_batch_commit(k, NULL, NULL), 0);
                ck_assert_uint_eq(list(k, 0), 3);
                ck_assert_uint_eq(find(&p6)->metric, KERNEL_METRIC);
                capture(ipout, sizeof(ipout),
                        "ip -6 route show proto static; ip -6 route show proto 186");
                ck_assert_str_eq(ipout, theirs);
                ck_assert_uint_eq(ip_lines("-4 route show proto static"), 1);
                ck_assert_ptr_nonnull(strstr(ipout, "198.51.100.0/24 via 192.0.2.3 dev v0"));
        }
        capture(ipout, sizeof(ipout), "ip -6 route show 2001:db8:77::/48 proto %d", PROTO);
        ck_assert_str_eq(ipout,
                         "2001:db8:77::/48 via 2001:db8:2::2 dev v1 metric 1025 pref medium\n");

        /* Withdrawn: ours go, theirs stay. */
        kernel_batch_begin(k);
        ck_assert_int_eq(kernel_route_delete(k, &p6), 0);
        ck_assert_int_eq(kernel_route_delete(k, &p4), 0);
        ck_assert_int_eq(kernel_batch_commit(k, NULL, NULL), 0);
        ck_assert_uint_eq(list(k, 0), 1);
        capture(ipout, sizeof(ipout), "ip -6 route show proto static; ip -6 route show proto 186");
        ck_assert_str_eq(ipout, theirs);
        ck_assert_uint_eq(ip_lines("-4 route show 198.51.100.0/24"), 1);
        ck_assert_ptr_nonnull(strstr(ipout, "via 192.0.2.3 dev v0 proto static"));
        ck_assert_uint_eq(ip_lines("-6 route show 2001:db8:77::/48"), 1);

        /* Stopped: the flush removes the last of ours only. */
        ck_assert_int_eq(kernel_flush_stale(k), 1);
        capture(ipout, sizeof(ipout), "ip -6 route show proto static; ip -6 route show proto 186");
        ck_assert_str_eq(ipout, theirs);
        kernel_close(k);
}
END_TEST

START_TEST(test_partial_failure)
{
        struct kernel *k = open_kernel(MAIN_TABLE);
        struct kernel_nexthop good = nh("2001:db8:1::2", NULL), bad = nh("2001:db8:99::2", NULL);
        struct kernel_nexthop good4 = nh("192.0.2.2", NULL), bad4 = nh("198.51.100.99", NULL);
        struct bgp_prefix p6 = pfx("2001:db8:4444::/48"), p4 = pfx("203.0.113.0/24");
        struct failures f = {0};

        kernel_batch_begin(k);
        for (unsigned i = 0; i < 20; i++) {
                struct bgp_prefix p = pfx48(0x4000, i);

                ck_assert_int_eq(kernel_route_replace(k, &p, &good, KERNEL_ROUTE_UNICAST), 0);
                if (i == 9) {
                        ck_assert_int_eq(kernel_route_replace(k, &p6, &bad, KERNEL_ROUTE_UNICAST),
                                         0);
                        ck_assert_int_eq(kernel_route_replace(k, &p4, &bad4, KERNEL_ROUTE_UNICAST),
                                         0);
                }
        }
        ck_assert_int_eq(kernel_batch_commit(k, record, &f), 2);
        ck_assert_uint_eq(f.n, 2);
        ck_assert_mem_eq(&f.pfx[0], &p6, sizeof(p6));
        ck_assert_mem_eq(&f.pfx[1], &p4, sizeof(p4));
        ck_assert(!f.del[0]);
        /* IPv6 says "no route to host", IPv4 "network is unreachable". */
        ck_assert_int_eq(f.sys_errno[0], EHOSTUNREACH);
        ck_assert_int_eq(f.sys_errno[1], ENETUNREACH);
        printf("kernel: refused as expected: %s (%s); %s (%s)\n", strerror(f.sys_errno[0]),
               f.why[0], strerror(f.sys_errno[1]), f.why[1]);
        /* The rest of the batch went in. */
        ck_assert_uint_eq(list(k, 0), 20);
        ck_assert_ptr_null(find(&p6));
        ck_assert_uint_eq(ip_lines("-6 route show proto 201"), 20);

        /* Refused when queued, before anything is sent. */
        {
                struct kernel_nexthop ll = nh("fe80::2", NULL), llv0 = nh("fe80::2", "v0");
                struct bgp_prefix host_bits = {
                    .afi = BGP_AFI_IPV6, .len = 32, .addr = {0x20, 0x01, 0x0d, 0xb8, 0, 1}};
                struct bgp_prefix p = pfx("2001:db8:5555::/48");

                ck_assert_int_eq(kernel_route_replace(k, &p, &good, KERNEL_ROUTE_UNICAST),
                                 KERNEL_ERR_STATE);
                ck_assert_int_eq(kernel_batch_commit(k, NULL, NULL), KERNEL_ERR_STATE);
                kernel_batch_begin(k);
                ck_assert_int_eq(kernel_route_replace(k, &p, &ll, KERNEL_ROUTE_UNICAST),
                                 KERNEL_ERR_INVALID);
                ck_assert_int_eq(kernel_route_replace(k, &p, NULL, KERNEL_ROUTE_UNICAST),
                                 KERNEL_ERR_INVALID);
                ck_assert_int_eq(kernel_route_replace(k, &p, &good4, KERNEL_ROUTE_UNICAST),
                                 KERNEL_ERR_INVALID);
                ck_assert_int_eq(kernel_route_replace(k, &host_bits, NULL, KERNEL_ROUTE_BLACKHOLE),
                                 KERNEL_ERR_INVALID);
                /* A link-local next hop with its interface is fine. */
                ck_assert_int_eq(kernel_route_replace(k, &p, &llv0, KERNEL_ROUTE_UNICAST), 0);
                ck_assert_uint_eq(kernel_batch_size(k), 1);
                ck_assert_int_eq(kernel_batch_commit(k, NULL, NULL), 0);
                capture(ipout, sizeof(ipout), "ip -6 route show 2001:db8:5555::/48");
                ck_assert_msg(strstr(ipout, "via fe80::2 dev v0 proto 201") != NULL, "%s", ipout);
        }
        kernel_close(k);
}
END_TEST

START_TEST(test_ipv4)
{
        struct kernel *k = open_kernel(MAIN_TABLE);
        struct kernel_nexthop v4 = nh("192.0.2.2", NULL), v6 = nh("2001:db8:1::2", NULL);
        struct kernel_nexthop dev = nh(NULL, "v0");
        struct bgp_prefix a = pfx("198.51.100.0/25"), b = pfx("198.51.100.128/25");
        struct bgp_prefix c = pfx("203.0.113.0/25"), d = pfx("203.0.113.128/25");
        struct bgp_prefix e = pfx("198.18.0.0/15"), def = pfx("0.0.0.0/0");
        const struct kernel_route *r;

        kernel_batch_begin(k);
        ck_assert_int_eq(kernel_route_replace(k, &a, &v4, KERNEL_ROUTE_UNICAST), 0);
        ck_assert_int_eq(kernel_route_replace(k, &b, &v6, KERNEL_ROUTE_UNICAST), 0); /* RFC 8950 */
        ck_assert_int_eq(kernel_route_replace(k, &c, NULL, KERNEL_ROUTE_REJECT), 0);
        ck_assert_int_eq(kernel_route_replace(k, &d, NULL, KERNEL_ROUTE_BLACKHOLE), 0);
        ck_assert_int_eq(kernel_route_replace(k, &e, &dev, KERNEL_ROUTE_UNICAST), 0);
        ck_assert_int_eq(kernel_route_replace(k, &def, &v4, KERNEL_ROUTE_UNICAST), 0);
        ck_assert_int_eq(kernel_batch_commit(k, NULL, NULL), 0);

        ck_assert_uint_eq(list(k, BGP_AFI_IPV4), 6);
        ck_assert_uint_eq(list(k, BGP_AFI_IPV6), 0);
        ck_assert_uint_eq(list(k, 0), 6);
        r = find(&a);
        ck_assert_int_eq(r->nexthop.afi, BGP_AFI_IPV4);
        ck_assert_mem_eq(r->nexthop.addr, v4.addr, 4);
        r = find(&b);
        ck_assert_int_eq(r->nexthop.afi, BGP_AFI_IPV6);
        ck_assert_mem_eq(r->nexthop.addr, v6.addr, 16);
        ck_assert_int_eq(find(&c)->type, KERNEL_ROUTE_REJECT);
        ck_assert_int_eq(find(&d)->type, KERNEL_ROUTE_BLACKHOLE);
        r = find(&e);
        ck_assert_int_eq(r->nexthop.afi, 0);
        ck_assert_uint_eq(r->nexthop.ifindex, dev.ifindex);
        ck_assert_ptr_nonnull(find(&def));

        capture(ipout, sizeof(ipout), "ip -4 route show proto %d", PROTO);
        ck_assert_uint_eq(count_lines(ipout), 6);
        ck_assert_msg(strstr(ipout, "198.51.100.0/25 via 192.0.2.2 dev v0") != NULL, "%s", ipout);
        ck_assert_msg(strstr(ipout, "198.51.100.128/25 via inet6 2001:db8:1::2 dev v0") != NULL,
                      "%s", ipout);
        ck_assert_msg(strstr(ipout, "unreachable 203.0.113.0/25") != NULL, "%s", ipout);
        ck_assert_msg(strstr(ipout, "blackhole 203.0.113.128/25") != NULL, "%s", ipout);
        ck_assert_msg(strstr(ipout, "198.18.0.0/15 dev v0 scope link") != NULL, "%s", ipout);
        ck_assert_msg(strstr(ipout, "default via 192.0.2.2 dev v0") != NULL, "%s", ipout);

        /* Replace the blackhole by a unicast route, and back. */
        kernel_batch_begin(k);
        ck_assert_int_eq(kernel_route_replace(k, &d, &v4, KERNEL_ROUTE_UNICAST), 0);
        ck_assert_int_eq(kernel_route_delete(k, &a), 0);
        ck_assert_int_eq(kernel_batch_commit(k, NULL, NULL), 0);
        ck_assert_uint_eq(list(k, 0), 5);
        ck_assert_int_eq(find(&d)->type, KERNEL_ROUTE_UNICAST);
        ck_assert_ptr_null(find(&a));
        ck_assert_int_eq(kernel_flush_stale(k), 5);
        ck_assert_uint_eq(ip_lines("-4 route show proto 201"), 0);
        ck_assert_uint_eq(ip_lines("-4 route show"), 1); /* the connected 192.0.2.0/24 */
        kernel_close(k);
}
END_TEST

START_TEST(test_interfaces)
{
        struct kernel *k = open_kernel(MAIN_TABLE);
        struct kernel_addr addrs[8];
        uint32_t ifindex = 0;
        bool global = false, linklocal = false;
        int n;

        ck_assert_int_eq(kernel_ifindex(k, "v0", &ifindex), 0);
        ck_assert_uint_eq(ifindex, if_nametoindex("v0"));
        ck_assert_int_eq(kernel_ifindex(k, "nosuch0", &ifindex), KERNEL_ERR_NOTFOUND);

        n = kernel_if_addresses(k, "v0", BGP_AFI_IPV6, addrs, 8);
        ck_assert_int_eq(n, 2); /* 2001:db8:1::1/64 and a link-local one */
        for (int i = 0; i < n; i++) {
                ck_assert_int_eq(addrs[i].afi, BGP_AFI_IPV6);
                if (addrs[i].flags & KERNEL_ADDR_LINKLOCAL) {
                        linklocal = addrs[i].addr[0] == 0xfe && addrs[i].plen == 64;
                } else {
                        struct kernel_nexthop want = nh("2001:db8:1::1", NULL);

                        global = memcmp(addrs[i].addr, want.addr, 16) == 0 && addrs[i].plen == 64 &&
                                 !(addrs[i].flags & KERNEL_ADDR_TENTATIVE); /* nodad */
                }
        }
        ck_assert(global && linklocal);

        n = kernel_if_addresses(k, "v0", BGP_AFI_IPV4, addrs, 8);
        ck_assert_int_eq(n, 1);
        ck_assert_int_eq(addrs[0].afi, BGP_AFI_IPV4);
        ck_assert_mem_eq(addrs[0].addr, "\xc0\x00\x02\x01", 4);
        ck_assert_uint_eq(addrs[0].plen, 24);

        ck_assert_int_eq(kernel_if_addresses(k, "v0", 0, addrs, 8), 3);
        ck_assert_int_eq(kernel_if_addresses(k, "v0", 0, NULL, 0), 3); /* only the count */
        ck_assert_int_eq(kernel_if_addresses(k, "lo", BGP_AFI_IPV4, addrs, 8), 1);
        ck_assert_int_eq(kernel_if_addresses(k, "nosuch0", 0, addrs, 8), KERNEL_ERR_NOTFOUND);
        kernel_close(k);
}
END_TEST

START_TEST(test_resolve)
{
        struct kernel *k = open_kernel(MAIN_TABLE);
        struct kernel_nexthop gw = nh("2001:db8:1::2", NULL), gw4 = nh("192.0.2.2", NULL);
        struct kernel_nexthop far = nh("2001:db8:7::1", NULL), hole = nh("2001:db8:6::1", NULL);
        struct kernel_nexthop none = nh("2001:db8:8::1", NULL), none4 = nh("198.51.100.1", NULL);
        struct kernel_nexthop hole4 = nh("203.0.113.1", NULL), rej4 = nh("198.51.100.129", NULL);
        struct kernel_nexthop ll = nh("fe80::2", "v1");
        struct bgp_prefix p7 = pfx("2001:db8:7::/48"), p6 = pfx("2001:db8:6::/48");
        struct bgp_prefix p4 = pfx("203.0.113.0/24"), r4 = pfx("198.51.100.128/25");
        struct kernel_resolved res;

        ck_assert_int_eq(kernel_resolve_nexthop(k, &gw, &res), 0);
        ck_assert_uint_eq(res.ifindex, if_nametoindex("v0"));
        ck_assert(res.connected);
        ck_assert_uint_eq(res.protocol, 2); /* RTPROT_KERNEL: the connected route */
        ck_assert_int_eq(kernel_resolve_nexthop(k, &gw4, &res), 0);
        ck_assert_uint_eq(res.ifindex, if_nametoindex("v0"));
        ck_assert(res.connected);
        ck_assert_int_eq(kernel_resolve_nexthop(k, &ll, &res), 0);
        ck_assert_uint_eq(res.ifindex, if_nametoindex("v1"));
        ck_assert(res.connected);
        ck_assert_int_eq(kernel_resolve_nexthop(k, &none, &res), KERNEL_ERR_NOTFOUND);
        ck_assert_int_eq(kernel_resolve_nexthop(k, &none4, &res), KERNEL_ERR_NOTFOUND);

        kernel_batch_begin(k);
        ck_assert_int_eq(kernel_route_replace(k, &p7, &gw, KERNEL_ROUTE_UNICAST), 0);
        ck_assert_int_eq(kernel_route_replace(k, &p6, NULL, KERNEL_ROUTE_BLACKHOLE), 0);
        ck_assert_int_eq(kernel_route_replace(k, &p4, NULL, KERNEL_ROUTE_BLACKHOLE), 0);
        ck_assert_int_eq(kernel_route_replace(k, &r4, NULL, KERNEL_ROUTE_REJECT), 0);
        ck_assert_int_eq(kernel_batch_commit(k, NULL, NULL), 0);
        ck_assert_int_eq(kernel_resolve_nexthop(k, &far, &res), 0);
        ck_assert_uint_eq(res.ifindex, if_nametoindex("v0"));
        ck_assert(!res.connected);
        ck_assert_uint_eq(res.protocol, PROTO);
        ck_assert_int_eq(kernel_resolve_nexthop(k, &hole, &res), KERNEL_ERR_NOTFOUND);
        ck_assert_int_eq(kernel_resolve_nexthop(k, &hole4, &res), KERNEL_ERR_NOTFOUND);
        ck_assert_int_eq(kernel_resolve_nexthop(k, &rej4, &res), KERNEL_ERR_NOTFOUND);
        kernel_close(k);
}
END_TEST

START_TEST(test_open_args)
{
        struct kernel *k = NULL;
        char err[128] = "";

        ck_assert_int_eq(kernel_open(&k, 0, PROTO, err, sizeof(err)), KERNEL_ERR_INVALID);
        ck_assert_ptr_null(k);
        ck_assert_int_eq(kernel_open(&k, MAIN_TABLE, 4, err, sizeof(err)), KERNEL_ERR_INVALID);
        ck_assert_str_ne(err, "");
        ck_assert_int_eq(kernel_open(&k, MAIN_TABLE, PROTO, err, sizeof(err)), 0);
        ck_assert_uint_eq(kernel_table(k), MAIN_TABLE);
        ck_assert_uint_eq(kernel_protocol(k), PROTO);
        ck_assert_str_eq(kernel_strerror(KERNEL_ERR_NOTFOUND), "no such interface or route");
        kernel_close(k);
        kernel_close(NULL);
}
END_TEST

/* What the watch reported. */
struct seen {
        bool v1_down, v0_no_carrier, addr_added, addr_deleted;
        int events;
};

static void watched(void *arg, const struct kernel_event *ev)
{
        struct seen *s = arg;
        struct kernel_nexthop want = nh("2001:db8:3::1", NULL);
        bool ours = ev->ifindex == if_nametoindex("v0") && ev->addr.afi == BGP_AFI_IPV6 &&
                    memcmp(ev->addr.addr, want.addr, 16) == 0 && ev->addr.plen == 64;

        s->events++;
        if (ev->type == KERNEL_EVENT_LINK && ev->ifindex == if_nametoindex("v1") && !ev->up)
                s->v1_down = true;
        if (ev->type == KERNEL_EVENT_LINK && ev->ifindex == if_nametoindex("v0") && !ev->up)
                s->v0_no_carrier = true;
        if (ev->type == KERNEL_EVENT_ADDR_ADD && ours)
                s->addr_added = true;
        if (ev->type == KERNEL_EVENT_ADDR_DEL && ours)
                s->addr_deleted = true;
}

/* Reads events until done() holds or two seconds pass. */
static void watch_until(struct kernel *k, int fd, struct seen *s, bool (*done)(const struct seen *))
{
        double deadline = now() + 2;

        while (!done(s) && now() < deadline) {
                struct pollfd p = {.fd = fd, .events = POLLIN};

                if (poll(&p, 1, 100) > 0)
                        ck_assert_int_ge(kernel_watch_read(k, watched, s), 0);
        }
}

static bool all_seen(const struct seen *s)
{
        return s->v1_down && s->v0_no_carrier && s->addr_added;
}

static bool deleted(const struct seen *s)
{
        return s->addr_deleted;
}

START_TEST(test_watch)
{
        struct kernel *k = open_kernel(MAIN_TABLE);
        struct seen s = {0};
        int fd;

        ck_assert_int_eq(kernel_watch_read(k, watched, &s), KERNEL_ERR_STATE);
        fd = kernel_watch_fd(k);
        ck_assert_int_ge(fd, 0);
        ck_assert_int_eq(kernel_watch_fd(k), fd);
        ck_assert_int_eq(kernel_watch_read(k, watched, &s), 0); /* nothing yet */

        sh("ip -6 addr add 2001:db8:3::1/64 dev v0 nodad");
        sh("ip link set v1 down"); /* and v0 loses its carrier */
        watch_until(k, fd, &s, all_seen);
        ck_assert(s.addr_added);
        ck_assert(s.v1_down);
        ck_assert(s.v0_no_carrier);

        sh("ip -6 addr del 2001:db8:3::1/64 dev v0");
        watch_until(k, fd, &s, deleted);
        ck_assert(s.addr_deleted);
        kernel_close(k);
}
END_TEST

/* Not a pass/fail test: prints how long 100,000 routes take (bench/ has the real one). */
START_TEST(test_timing)
{
        const unsigned total = 100000, per_batch = 10000;
        struct kernel *k = open_kernel(MAIN_TABLE);
        struct kernel_nexthop gw = nh("2001:db8:1::2", NULL);
        double t0, t1, t2;
        int removed;

        t0 = now();
        for (unsigned start = 0; start < total; start += per_batch) {
                kernel_batch_begin(k);
                for (unsigned i = start; i < start + per_batch; i++) {
                        /* 2001:db8:(0x100 + i / 65536):(i % 65536)::/64 */
                        struct bgp_prefix p = {
                            .afi = BGP_AFI_IPV6, .len = 64, .addr = {0x20, 0x01, 0x0d, 0xb8, 0x01}};

                        p.addr[5] = (uint8_t)(i >> 16);
                        p.addr[6] = (uint8_t)(i >> 8);
                        p.addr[7] = (uint8_t)i;
                        ck_assert_int_eq(kernel_route_replace(k, &p, &gw, KERNEL_ROUTE_UNICAST), 0);
                }
                ck_assert_int_eq(kernel_batch_commit(k, NULL, NULL), 0);
        }
        t1 = now();
        removed = kernel_flush_stale(k);
        t2 = now();
        ck_assert_int_eq(removed, (int)total);
        printf("kernel: install %u IPv6 routes in batches of %u: %.3f s (%.0f routes/s); "
               "flush: %.3f s (%.0f routes/s)\n",
               total, per_batch, t1 - t0, total / (t1 - t0), t2 - t1, total / (t2 - t1));
        kernel_close(k);
}
END_TEST

/*
 * Routes through a gateway name a shared nexthop object (netlink_nexthop.c): one per next
 * hop, ours by protocol, made again when someone removed it, and flushed with the routes.
 */
START_TEST(test_nexthop_objects)
{
        struct kernel *k = open_kernel(MAIN_TABLE);
        struct kernel_nexthop nh1 = nh("2001:db8:1::2", NULL), nh2 = nh("2001:db8:2::2", "v1");
        struct failures f = {0};
        char args[128];

        kernel_batch_begin(k);
        for (unsigned i = 0; i < 200; i++) {
                struct bgp_prefix p = pfx48(0x3000, i);

                ck_assert_int_eq(
                    kernel_route_replace(k, &p, i % 2 ? &nh2 : &nh1, KERNEL_ROUTE_UNICAST), 0);
        }
        ck_assert_int_eq(kernel_batch_commit(k, record, &f), 0);
        /* Two objects, ours, with their interfaces; every route names one of them. */
        ck_assert_uint_eq(ip_lines("nexthop show proto 201"), 2);
        ck_assert_msg(strstr(ipout, "via 2001:db8:1::2 dev v0") != NULL, "%s", ipout);
        ck_assert_msg(strstr(ipout, "via 2001:db8:2::2 dev v1") != NULL, "%s", ipout);
        capture(ipout, sizeof(ipout), "ip -6 route show proto 201 | grep -c ' nhid '");
        ck_assert_str_eq(ipout, "200\n");
        ck_assert_uint_eq(list(k, BGP_AFI_IPV6), 200);
        {
                struct bgp_prefix p0 = pfx48(0x3000, 0), p1 = pfx48(0x3000, 1);

                ck_assert_mem_eq(find(&p0)->nexthop.addr, nh1.addr, 16);
                ck_assert_uint_eq(find(&p0)->nexthop.ifindex, if_nametoindex("v0"));
                ck_assert_mem_eq(find(&p1)->nexthop.addr, nh2.addr, 16);
        }

        /* Someone removes our objects, and the kernel the routes through them: the next
         * batch finds its ids refused, writes those routes with their gateways, and every
         * route goes in. */
        sh("ip nexthop flush proto 201 >/dev/null");
        ck_assert_uint_eq(list(k, BGP_AFI_IPV6), 0);
        kernel_batch_begin(k);
        for (unsigned i = 0; i < 200; i++) {
                struct bgp_prefix p = pfx48(0x3000, i);

                ck_assert_int_eq(
                    kernel_route_replace(k, &p, i % 2 ? &nh2 : &nh1, KERNEL_ROUTE_UNICAST), 0);
        }
        ck_assert_int_eq(kernel_batch_commit(k, record, &f), 0);
        ck_assert_uint_eq(f.n, 0);
        ck_assert_uint_eq(list(k, BGP_AFI_IPV6), 200);
        kernel_batch_begin(k);
        for (unsigned i = 0; i < 10; i++) {
                struct bgp_prefix p = pfx48(0x3100, i);

                ck_assert_int_eq(kernel_route_replace(k, &p, &nh1, KERNEL_ROUTE_UNICAST), 0);
        }
        ck_assert_int_eq(kernel_batch_commit(k, record, &f), 0);
        /* The refused ones went in with their gateway; later ones make nh1's object anew. */
        ck_assert_uint_eq(ip_lines("nexthop show proto 201"), 1);
        ck_assert_msg(strstr(ipout, "via 2001:db8:1::2 dev v0") != NULL, "%s", ipout);
        ck_assert_uint_eq(list(k, BGP_AFI_IPV6), 210);

        /* Stop: the routes, then our objects; someone else's object stays. */
        sh("ip nexthop add id 7 via 2001:db8:1::3 dev v0 proto 99");
        ck_assert_int_eq(kernel_flush_stale(k), 210);
        ck_assert_uint_eq(ip_lines("nexthop show proto 201"), 0);
        snprintf(args, sizeof(args), "nexthop show id 7");
        ck_assert_uint_eq(ip_lines(args), 1);
        kernel_close(k);
}
END_TEST

/* ---- the writer thread (kernel_writer.h) ---------------------------------------------- */

static struct kernel_writer *open_writer(uint32_t max_pending)
{
        struct kernel_writer *w = NULL;
        char err[128] = "";

        ck_assert_msg(kernel_writer_open(&w, MAIN_TABLE, PROTO, max_pending, err, sizeof(err)) == 0,
                      "writer: %s", err);
        return w;
}

/*
 * A load with churn, as from two upstreams: every prefix installed, a third of them
 * replaced by a second path at once, a quarter removed, and removals of routes that were
 * never there.  What the kernel holds in the end is the newest operation per prefix, and
 * every operation queued was either written or folded into a later one.
 */
START_TEST(test_writer_churn)
{
        struct kernel *k = open_kernel(MAIN_TABLE);
        struct kernel_writer *w = open_writer(256);
        struct kernel_nexthop nh1 = nh("2001:db8:1::2", NULL), nh2 = nh("2001:db8:2::2", NULL);
        struct kernel_writer_stats st;
        struct failures f = {0};
        const unsigned n = 1500;
        unsigned replaced = 0, deleted = 0;

        for (unsigned i = 0; i < n; i++) {
                struct bgp_prefix p = pfx48(0x6000, i);

                ck_assert_int_eq(kernel_writer_replace(w, &p, &nh1, KERNEL_ROUTE_UNICAST), 0);
                if (i % 3 == 0) {
                        ck_assert_int_eq(kernel_writer_replace(w, &p, &nh2, KERNEL_ROUTE_UNICAST),
                                         0);
                        replaced++;
                }
                if (i % 4 == 1) {
                        ck_assert_int_eq(kernel_writer_delete(w, &p), 0);
                        deleted++;
                }
        }
        for (unsigned i = 0; i < 100; i++) { /* never installed: ESRCH is not a failure */
                struct bgp_prefix p = pfx48(0x9000, i);

                ck_assert_int_eq(kernel_writer_delete(w, &p), 0);
        }
        /* Refused when queued, as kernel_route_replace() refuses them. */
        {
                struct bgp_prefix p = pfx("2001:db8:5555::/48");
                struct kernel_nexthop ll = nh("fe80::2", NULL);

                ck_assert_int_eq(kernel_writer_replace(w, &p, &ll, KERNEL_ROUTE_UNICAST),
                                 KERNEL_ERR_INVALID);
                ck_assert_int_eq(kernel_writer_replace(w, &p, NULL, KERNEL_ROUTE_UNICAST),
                                 KERNEL_ERR_INVALID);
        }
        kernel_writer_sync(w);

        ck_assert_uint_eq(kernel_writer_failures(w, record, &f), 0);
        ck_assert_uint_eq(f.n, 0);
        ck_assert_uint_eq(list(k, BGP_AFI_IPV6), n - deleted);
        for (unsigned i = 0; i < n; i++) {
                struct bgp_prefix p = pfx48(0x6000, i);
                const struct kernel_route *r = find(&p);

                if (i % 4 == 1) {
                        ck_assert_msg(r == NULL, "prefix %u should be gone", i);
                        continue;
                }
                ck_assert_msg(r != NULL, "prefix %u missing", i);
                ck_assert_mem_eq(r->nexthop.addr, i % 3 == 0 ? nh2.addr : nh1.addr, 16);
                ck_assert_uint_eq(r->metric, KERNEL_METRIC);
        }
        kernel_writer_stats(w, &st);
        ck_assert_uint_eq(st.queued, n + replaced + deleted + 100);
        ck_assert_uint_eq(st.queued, st.written + st.folded);
        ck_assert_uint_eq(st.failed, 0);
        ck_assert_uint_ge(st.written, n + 100); /* every prefix at least once */
        printf("kernel writer: %llu queued, %llu folded, %llu written in %llu lots, "
               "%llu waits\n",
               (unsigned long long)st.queued, (unsigned long long)st.folded,
               (unsigned long long)st.written, (unsigned long long)st.lots,
               (unsigned long long)st.waits);
        kernel_writer_close(w);
        kernel_close(k);
}
END_TEST

/* A queue of one: the caller waits for every write, and nothing is lost or reordered. */
START_TEST(test_writer_full_queue)
{
        struct kernel *k = open_kernel(MAIN_TABLE);
        struct kernel_writer *w = open_writer(1);
        struct kernel_nexthop nh1 = nh("2001:db8:1::2", NULL);
        struct kernel_writer_stats st;

        for (unsigned i = 0; i < 300; i++) {
                struct bgp_prefix p = pfx48(0x7000, i);

                ck_assert_int_eq(kernel_writer_replace(w, &p, &nh1, KERNEL_ROUTE_UNICAST), 0);
        }
        kernel_writer_sync(w);
        ck_assert_uint_eq(list(k, BGP_AFI_IPV6), 300);
        kernel_writer_stats(w, &st);
        ck_assert_uint_eq(st.queued, 300);
        ck_assert_uint_eq(st.written + st.folded, 300);
        ck_assert_uint_gt(st.waits, 0);
        /* Deletes through the same queue, and a sync with nothing queued returns. */
        for (unsigned i = 0; i < 300; i++) {
                struct bgp_prefix p = pfx48(0x7000, i);

                ck_assert_int_eq(kernel_writer_delete(w, &p), 0);
        }
        kernel_writer_sync(w);
        kernel_writer_sync(w);
        ck_assert_uint_eq(list(k, BGP_AFI_IPV6), 0);
        kernel_writer_close(w);
        kernel_close(k);
}
END_TEST

/* A route the kernel refuses comes back to the caller's thread through the descriptor. */
START_TEST(test_writer_failure)
{
        struct kernel *k = open_kernel(MAIN_TABLE);
        struct kernel_writer *w = open_writer(64);
        struct kernel_nexthop good = nh("2001:db8:1::2", NULL), bad = nh("2001:db8:99::2", NULL);
        struct bgp_prefix p6 = pfx("2001:db8:4444::/48");
        struct failures f = {0};
        struct pollfd pfd = {.fd = kernel_writer_fd(w), .events = POLLIN};
        struct kernel_writer_stats st;

        ck_assert_int_eq(poll(&pfd, 1, 0), 0); /* nothing to say yet */
        for (unsigned i = 0; i < 10; i++) {
                struct bgp_prefix p = pfx48(0x4000, i);

                ck_assert_int_eq(kernel_writer_replace(w, &p, &good, KERNEL_ROUTE_UNICAST), 0);
                if (i == 4)
                        ck_assert_int_eq(kernel_writer_replace(w, &p6, &bad, KERNEL_ROUTE_UNICAST),
                                         0);
        }
        kernel_writer_sync(w);
        ck_assert_int_eq(poll(&pfd, 1, 5000), 1);
        ck_assert_uint_eq(kernel_writer_failures(w, record, &f), 1);
        ck_assert_uint_eq(f.n, 1);
        ck_assert_mem_eq(&f.pfx[0], &p6, sizeof(p6));
        ck_assert(!f.del[0]);
        ck_assert_int_eq(f.sys_errno[0], EHOSTUNREACH);
        /* Reported once: the descriptor is quiet again and nothing is left. */
        ck_assert_int_eq(poll(&pfd, 1, 0), 0);
        ck_assert_uint_eq(kernel_writer_failures(w, record, &f), 0);
        ck_assert_uint_eq(list(k, BGP_AFI_IPV6), 10);
        kernel_writer_stats(w, &st);
        ck_assert_uint_eq(st.failed, 1);
        kernel_writer_close(w);
        kernel_close(k);
}
END_TEST

/* Closing with operations queued neither hangs nor leaks, and open refuses bad arguments. */
START_TEST(test_writer_close_queued)
{
        struct kernel_writer *w = NULL;
        struct kernel_nexthop nh1 = nh("2001:db8:1::2", NULL);
        char err[64];

        ck_assert_int_eq(kernel_writer_open(&w, MAIN_TABLE, PROTO, 0, err, sizeof(err)),
                         KERNEL_ERR_INVALID);
        ck_assert_ptr_null(w);
        ck_assert_int_eq(kernel_writer_open(&w, MAIN_TABLE, 2, 16, err, sizeof(err)),
                         KERNEL_ERR_INVALID);
        ck_assert_ptr_null(w);
        w = open_writer(4096);
        for (unsigned i = 0; i < 2000; i++) {
                struct bgp_prefix p = pfx48(0x5000, i);

                ck_assert_int_eq(kernel_writer_replace(w, &p, &nh1, KERNEL_ROUTE_UNICAST), 0);
        }
        kernel_writer_close(w);
}
END_TEST

static Suite *kernel_suite(void)
{
        Suite *s = suite_create("kernel");
        TCase *tc = tcase_create("netlink");

        tcase_add_checked_fixture(tc, netns_setup, NULL);
        tcase_set_timeout(tc, 40);
        tcase_add_test(tc, test_open_args);
        tcase_add_test(tc, test_blackhole_reject);
        tcase_add_test(tc, test_batch_1000);
        tcase_add_test(tc, test_restart_flush);
        tcase_add_test(tc, test_foreign_route_same_prefix);
        tcase_add_test(tc, test_partial_failure);
        tcase_add_test(tc, test_ipv4);
        tcase_add_test(tc, test_interfaces);
        tcase_add_test(tc, test_resolve);
        tcase_add_test(tc, test_watch);
        tcase_add_test(tc, test_timing);
        tcase_add_test(tc, test_nexthop_objects);
        tcase_add_test(tc, test_writer_churn);
        tcase_add_test(tc, test_writer_full_queue);
        tcase_add_test(tc, test_writer_failure);
        tcase_add_test(tc, test_writer_close_queued);
        suite_add_tcase(s, tc);
        return s;
}

int main(void)
{
        SRunner *sr;
        int failed;

        if (geteuid() != 0) {
                fprintf(stderr, "check_kernel: skipped, needs root for a network namespace\n");
                return 77;
        }
        /* Leave the host's namespace before anything else can touch a routing table. */
        if (unshare(CLONE_NEWNET) == -1) {
                fprintf(stderr, "check_kernel: skipped, unshare(CLONE_NEWNET): %s\n",
                        strerror(errno));
                return errno == EPERM ? 77 : 1;
        }
        sr = srunner_create(kernel_suite());
        srunner_run_all(sr, CK_NORMAL);
        failed = srunner_ntests_failed(sr);
        srunner_free(sr);
        return failed == 0 ? 0 : 1;
}
