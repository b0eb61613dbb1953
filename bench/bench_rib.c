/*
 * bench_rib.c - two full IPv6 tables through decode, inbound policy and best path, one core.
 *
 *   bench_rib [-N] [-L] [-r RUNS] [-b BYTES] [-s SEED1] [-S SEED2] [-v] [IPASN.gz]
 *
 * The seed router's situation (../shared/seed/frr.conf): local AS 201379, two eBGP
 * upstreams, AS 34927 and AS 209735, each with soft-reconfiguration inbound, maximum-prefix
 * 250000 90, route-map RM-*-IN (permit 10, match ipv6 address prefix-list PL-BOGONS) in and
 * RM-*-OUT (our /48 only) out; the policy is built through libbgp's API exactly as the
 * configuration has it.  Both sessions are up, so every best-path change is also offered to
 * the other peer through its outbound policy, as in the real router.
 *
 * Each upstream sends a full table (table_gen.c): the same 258,956 real prefixes of
 * route-views6, with attributes drawn from the real table's shape; peer 1's paths start with
 * AS 34927 and are drawn with SEED1, peer 2's start with AS 209735 and are drawn with SEED2,
 * so the attribute sets of the two differ for every prefix.
 *
 * Timed, each on a new router:
 *   1. peer 1's table: every UPDATE through bgp_msg_decode() and bgp_router_update(), and
 *      bgp_router_process() (best path, export) after every BYTES octets of input (a socket
 *      read, 64 KiB by default) and at the end;
 *   2. the same for peer 2's table on top (every prefix now compares two routes);
 *   3. peer 1's session goes down: bgp_router_peer_down() and bgp_router_process().
 * Times are wall (CLOCK_MONOTONIC) and process CPU, the median of RUNS runs.  Beside the
 * total, the time inside each of the three calls is summed (three clock reads per UPDATE and
 * one per bgp_router_process(), inside the totals; the cost of one read is printed).
 * Each run's figures are printed too, with its minor page faults: the first run of the
 * process is the cold one, whose memory comes fresh from the kernel; later runs mostly
 * reuse what malloc kept from the run before.
 *
 * Memory: the policy and the router get allocator hooks (struct bgp_mem) that count what
 * libbgp asks for, through a 16-octet size header: live bytes, live allocations and the
 * peak.  "B/route" is live bytes / (2 x prefixes), "B/prefix" live bytes / prefixes.
 * "glibc" is what glibc's malloc would hold for the same requests (8 octets of header each,
 * rounded up to 16, at least 32).  The process's peak RSS (getrusage) is printed for
 * context: it includes the benchmark's own copies of the tables and the size headers.
 * With -v, the live allocations after the second table are listed by size.
 *
 * -N turns soft-reconfiguration inbound off on both peers.  -L, not the seed's policy, adds
 * "set local-preference 200" to RM-*-IN: the accepted attribute sets then differ from the
 * received ones, and soft-reconfiguration inbound keeps both (the seed's match-only
 * route-maps leave them equal, so both are one interned set).
 *
 * The benchmark reads the clock; libbgp itself never does.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <bgp/bgp.h>

#include "table_gen.h"

#define LOCAL_AS   201379
#define PEER1_AS   34927
#define PEER2_AS   209735
#define MAX_RUNS   99
#define HIST_SIZES 4096 /* live allocations are listed by size below this, one bucket above */

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

static void die(const char *fmt, ...)
{
        va_list ap;

        fputs("bench_rib: ", stderr);
        va_start(ap, fmt);
        vfprintf(stderr, fmt, ap);
        va_end(ap);
        fputc('\n', stderr);
        exit(1);
}

static void check(int rc, const char *what)
{
        if (rc != 0)
                die("%s: %s", what, bgp_strerror(rc));
}

/* ---- a counting allocator ------------------------------------------------------------- */

struct counter {
        size_t bytes, peak;          /* live bytes asked for, and their peak */
        size_t glibc;                /* what glibc malloc would hold for them */
        size_t allocs;               /* live allocations */
        size_t calls;                /* malloc and realloc calls, all told */
        size_t hist[HIST_SIZES + 1]; /* live allocations by size asked for */
        size_t big_bytes;            /* live bytes of those >= HIST_SIZES */
};

/* Keeps the block after it aligned as malloc's are. */
union header {
        size_t size;
        max_align_t align;
};

static size_t glibc_chunk(size_t size)
{
        size_t c = (size + 8 + 15) & ~(size_t)15;
        return c < 32 ? 32 : c;
}

static void count_add(struct counter *c, size_t size)
{
        c->bytes += size;
        c->glibc += glibc_chunk(size);
        c->allocs++;
        if (c->bytes > c->peak)
                c->peak = c->bytes;
        if (size < HIST_SIZES)
                c->hist[size]++;
        else {
                c->hist[HIST_SIZES]++;
                c->big_bytes += size;
        }
}

static void count_del(struct counter *c, size_t size)
{
        c->bytes -= size;
        c->glibc -= glibc_chunk(size);
        c->allocs--;
        if (size < HIST_SIZES)
                c->hist[size]--;
        else {
                c->hist[HIST_SIZES]--;
                c->big_bytes -= size;
        }
}

static void *count_malloc(size_t size, void *ud)
{
        struct counter *c = ud;
        union header *h = malloc(sizeof(*h) + size);
        if (h == NULL)
                return NULL;
        h->size = size;
        c->calls++;
        count_add(c, size);
        return h + 1;
}

static void count_free(void *ptr, void *ud)
{
        if (ptr == NULL)
                return;
        union header *h = (union header *)ptr - 1;
        count_del(ud, h->size);
        free(h);
}

static void *count_realloc(void *ptr, size_t size, void *ud)
{
        struct counter *c = ud;
        if (ptr == NULL)
                return count_malloc(size, ud);
        union header *h = (union header *)ptr - 1;
        size_t old = h->size;
        union header *nh = realloc(h, sizeof(*nh) + size);
        if (nh == NULL)
                return NULL;
        nh->size = size;
        c->calls++;
        count_del(c, old);
        count_add(c, size);
        return nh + 1;
}

/* ---- the seed's policy ---------------------------------------------------------------- */

static void add_pl(struct bgp_policy *policy, int64_t seq, const char *name, bool permit,
                   const char *prefix, uint8_t ge, uint8_t le)
{
        struct bgp_prefix_list *pl;
        struct bgp_prefix p;
        if (bgp_prefix_parse(prefix, &p) != 0)
                die("bad prefix %s", prefix);
        check(bgp_policy_prefix_list(policy, BGP_AFI_IPV6, name, &pl), "prefix-list");
        check(
            bgp_prefix_list_add(pl, seq, permit ? BGP_POLICY_PERMIT : BGP_POLICY_DENY, &p, ge, le),
            "prefix-list entry");
}

/* ../shared/seed/frr.conf, through the API (as libbgp/tests/check_router.c does). */
static void seed_policy(struct bgp_policy *policy, bool set_lp)
{
        static const char *bogons[] = {"::/8",      "100::/8",  "200::/7",          "400::/6",
                                       "800::/5",   "1000::/4", "4000::/3",         "6000::/3",
                                       "8000::/3",  "a000::/3", "c000::/3",         "e000::/4",
                                       "f000::/5",  "f800::/6", "fc00::/7",         "fe80::/10",
                                       "fec0::/10", "ff00::/8", "2a06:9801:1c::/48"};
        struct bgp_route_map *rm;
        struct bgp_route_map_entry *e;
        const uint32_t comm[] = {34927u << 16 | 9501, 34927u << 16 | 9301};
        const uint32_t prepend[] = {LOCAL_AS, LOCAL_AS};
        const char *in[] = {"RM-IFOG-IN", "RM-LAGRANGE-IN"};

        add_pl(policy, 5, "PL-MY-NET", true, "2a06:9801:1c::/48", 0, 0);
        add_pl(policy, 5, "PL-BOGONS", false, "::/0", 0, 7);
        for (size_t i = 0; i < sizeof(bogons) / sizeof(bogons[0]); i++)
                add_pl(policy, (int64_t)(10 + 5 * i), "PL-BOGONS", false, bogons[i], 0, 0);
        add_pl(policy, 105, "PL-BOGONS", false, "::/0", 49, 0);
        add_pl(policy, 110, "PL-BOGONS", true, "::/0", 0, 48);

        check(bgp_policy_route_map(policy, "RM-IFOG-OUT", &rm), "route-map");
        check(bgp_route_map_entry(rm, BGP_POLICY_PERMIT, 10, &e), "route-map entry");
        check(bgp_route_map_match_prefix_list(e, BGP_AFI_IPV6, "PL-MY-NET"), "match");
        check(bgp_route_map_set_community(e, comm, 2, true), "set community");
        check(bgp_policy_route_map(policy, "RM-LAGRANGE-OUT", &rm), "route-map");
        check(bgp_route_map_entry(rm, BGP_POLICY_PERMIT, 10, &e), "route-map entry");
        check(bgp_route_map_match_prefix_list(e, BGP_AFI_IPV6, "PL-MY-NET"), "match");
        check(bgp_route_map_set_as_path_prepend(e, prepend, 2), "set as-path prepend");
        for (int i = 0; i < 2; i++) {
                check(bgp_policy_route_map(policy, in[i], &rm), "route-map");
                check(bgp_route_map_entry(rm, BGP_POLICY_PERMIT, 10, &e), "route-map entry");
                check(bgp_route_map_match_prefix_list(e, BGP_AFI_IPV6, "PL-BOGONS"), "match");
                if (set_lp)
                        check(bgp_route_map_set_local_pref(e, BGP_RM_VALUE_SET, 200),
                              "set local-preference");
        }
}

/* An IPv6 address, as a /128 for bgp_prefix_parse(). */
static void addr_of(const char *text, uint8_t out[16])
{
        struct bgp_prefix p;
        char buf[64];
        snprintf(buf, sizeof(buf), "%s/128", text);
        if (bgp_prefix_parse(buf, &p) != 0 || p.afi != BGP_AFI_IPV6)
                die("bad address %s", text);
        memcpy(out, p.addr, 16);
}

static void peer_config(struct bgp_router_peer_config *c, uint32_t as, const char *addr,
                        const char *self, const char *rm_in, const char *rm_out, bool soft_in)
{
        bgp_router_peer_config_init(c);
        c->local_as = LOCAL_AS;
        c->peer_as = as;
        addr_of(addr, c->address);
        c->nh_afi = BGP_AFI_IPV6;
        addr_of(self, c->next_hop);
        c->soft_reconfig_in = soft_in;
        c->route_map_in = rm_in;
        c->route_map_out = rm_out;
        c->max_prefix = 250000;
        c->max_prefix_threshold = 90;
}

/* ---- the clock ------------------------------------------------------------------------ */

static double now(void)
{
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double cpu_now(void)
{
        struct timespec ts;
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
        return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long minor_faults(void)
{
        struct rusage ru;
        getrusage(RUSAGE_SELF, &ru);
        return ru.ru_minflt;
}

/* ---- one run -------------------------------------------------------------------------- */

enum {
        PH_PEER1,
        PH_PEER2,
        PH_DOWN,
        N_PHASES
};

static const char *const phase_name[N_PHASES] = {
    "peer 1 table (AS 34927)",
    "peer 2 table (AS 209735), on top",
    "peer 1 down (withdraw all)",
};

struct phase {
        double wall, cpu;
        double t_decode, t_update, t_process; /* summed inside the calls */
        size_t msgs, process_calls, best_changes;
        long faults; /* minor page faults: first touches of memory from the kernel */
};

struct mem_point {
        size_t bytes, glibc, allocs;
};

struct events {
        size_t warnings, exceeded, no_policy;
        size_t best_changes;
};

struct run {
        struct phase ph[N_PHASES];
        struct mem_point setup, after[N_PHASES];
        size_t peak, calls;
        size_t prefixes_best, sets, accepted[2], received[2], best_of[2];
        struct bgp_rib_memory rmem; /* after both tables */
        size_t hist[HIST_SIZES + 1], big_bytes;
        struct events ev;
};

static void on_best(const struct bgp_rib_change *changes, size_t n, void *ud)
{
        (void)changes;
        ((struct events *)ud)->best_changes += n;
}

static void on_event(struct bgp_router_peer *peer, enum bgp_router_event ev, size_t count, void *ud)
{
        struct events *e = ud;
        (void)peer;
        (void)count;
        if (ev == BGP_ROUTER_MAX_PREFIX_WARNING)
                e->warnings++;
        else if (ev == BGP_ROUTER_MAX_PREFIX_EXCEEDED)
                e->exceeded++;
        else
                e->no_policy++;
}

static struct mem_point mem_now(const struct counter *c)
{
        return (struct mem_point){c->bytes, c->glibc, c->allocs};
}

/* Feeds a table to the peer as its session would, timing each call. */
static void feed(struct bgp_router *router, struct bgp_router_peer *peer,
                 const struct tgen_table *t, const struct bgp_codec_opts *opts, size_t batch,
                 struct events *ev, struct phase *ph)
{
        static struct bgp_msg msg;
        struct bgp_verdict v;
        size_t since = 0;
        size_t changes0 = ev->best_changes;
        long f0 = minor_faults();
        double w0 = now(), c0 = cpu_now();

        for (size_t off = 0; off < t->len;) {
                size_t len = tgen_msg_len(t, off);
                double a = now();
                int rc = bgp_msg_decode(t->buf + off, len, opts, &msg, &v);
                double b = now();
                if (rc != 0 || v.action != BGP_ACTION_OK)
                        die("UPDATE at offset %zu decodes to %s: %s", off,
                            bgp_action_name(v.action), v.reason != NULL ? v.reason : "?");
                check(bgp_router_update(router, peer, &msg.u.update, &v), "bgp_router_update");
                double c = now();
                ph->t_decode += b - a;
                ph->t_update += c - b;
                ph->msgs++;
                off += len;
                since += len;
                if (since >= batch || off == t->len) {
                        check(bgp_router_process(router), "bgp_router_process");
                        ph->t_process += now() - c;
                        ph->process_calls++;
                        since = 0;
                }
        }
        ph->wall = now() - w0;
        ph->cpu = cpu_now() - c0;
        ph->faults = minor_faults() - f0;
        ph->best_changes = ev->best_changes - changes0;
}

struct best_count {
        const struct bgp_rib_peer *peer[2];
        size_t n[2];
};

static void count_best(const struct bgp_rib_route *r, void *ctx)
{
        struct best_count *b = ctx;
        if (!r->best)
                return;
        for (int i = 0; i < 2; i++)
                if (r->peer == b->peer[i])
                        b->n[i]++;
}

static void run_once(const struct tgen_table tables[2], const struct bgp_codec_opts *opts,
                     bool soft_in, bool set_lp, size_t batch, struct run *out)
{
        static struct counter cnt;
        struct bgp_mem mem = {&cnt, count_malloc, count_free, count_realloc};
        struct bgp_router_callbacks cb = {BGP_ROUTER_CALLBACKS_VERSION, on_best, on_event};
        struct bgp_policy *policy;
        struct bgp_router *router;
        struct bgp_router_peer *peer[2];
        struct bgp_router_peer_config c;

        memset(&cnt, 0, sizeof(cnt));
        memset(out, 0, sizeof(*out));
        check(bgp_policy_new(&policy, &mem), "bgp_policy_new");
        seed_policy(policy, set_lp);
        check(bgp_router_new(&router, policy, &cb, &mem, &out->ev), "bgp_router_new");
        peer_config(&c, PEER1_AS, "2001:db8:300::1", "2001:db8:300::2", "RM-IFOG-IN", "RM-IFOG-OUT",
                    soft_in);
        check(bgp_router_peer_add(router, &c, &peer[0]), "bgp_router_peer_add");
        peer_config(&c, PEER2_AS, "2001:db8:100::ff", "2001:db8:100::96", "RM-LAGRANGE-IN",
                    "RM-LAGRANGE-OUT", soft_in);
        check(bgp_router_peer_add(router, &c, &peer[1]), "bgp_router_peer_add");
        check(bgp_router_peer_up(router, peer[0], 0xc6336401, BGP_FAMILY_IPV6_UNICAST),
              "bgp_router_peer_up");
        check(bgp_router_peer_up(router, peer[1], 0xc6336402, BGP_FAMILY_IPV6_UNICAST),
              "bgp_router_peer_up");
        out->setup = mem_now(&cnt);

        for (int i = 0; i < 2; i++) {
                feed(router, peer[i], &tables[i], opts, batch, &out->ev, &out->ph[i]);
                out->after[i] = mem_now(&cnt);
        }

        /* Untimed: what the two tables made of the RIB. */
        struct bgp_rib *rib = bgp_router_rib(router);
        struct best_count bc = {{bgp_router_rib_peer(peer[0]), bgp_router_rib_peer(peer[1])},
                                {0, 0}};
        bgp_rib_walk(rib, BGP_AFI_IPV6, count_best, &bc);
        out->prefixes_best = bgp_rib_prefix_count(rib, BGP_AFI_IPV6);
        out->sets = bgp_rib_attrset_count(rib);
        bgp_rib_memory(rib, &out->rmem);
        for (int i = 0; i < 2; i++) {
                out->accepted[i] = bgp_rib_peer_accepted(bgp_router_rib_peer(peer[i]));
                out->received[i] = bgp_rib_peer_received(bgp_router_rib_peer(peer[i]));
                out->best_of[i] = bc.n[i];
        }
        memcpy(out->hist, cnt.hist, sizeof(out->hist));
        out->big_bytes = cnt.big_bytes;

        struct phase *d = &out->ph[PH_DOWN];
        size_t changes0 = out->ev.best_changes;
        long f0 = minor_faults();
        double w0 = now(), c0 = cpu_now();
        check(bgp_router_peer_down(router, peer[0]), "bgp_router_peer_down");
        double t1 = now();
        check(bgp_router_process(router), "bgp_router_process");
        d->t_process = now() - t1;
        d->t_update = t1 - w0; /* peer_down: the routes leave the RIB */
        d->wall = now() - w0;
        d->cpu = cpu_now() - c0;
        d->faults = minor_faults() - f0;
        d->process_calls = 1;
        d->best_changes = out->ev.best_changes - changes0;
        out->after[PH_DOWN] = mem_now(&cnt);
        out->peak = cnt.peak;
        out->calls = cnt.calls;

        bgp_router_del(router);
        bgp_policy_del(policy);
        if (cnt.bytes != 0 || cnt.allocs != 0)
                die("%zu bytes in %zu allocations left after bgp_router_del and bgp_policy_del",
                    cnt.bytes, cnt.allocs);
}

/* ---- reporting ------------------------------------------------------------------------ */

static int dbl_cmp(const void *a, const void *b)
{
        double x = *(const double *)a, y = *(const double *)b;
        return x < y ? -1 : x > y;
}

/* The median of a field of the phase over the runs. */
static double median(const struct run *runs, unsigned n, int phase, size_t field)
{
        double v[MAX_RUNS];
        for (unsigned i = 0; i < n; i++)
                v[i] = *(const double *)(const void *)((const char *)&runs[i].ph[phase] + field);
        qsort(v, n, sizeof(v[0]), dbl_cmp);
        return v[n / 2];
}

static double clock_cost(void)
{
        volatile double sink = 0;
        double t0 = now();
        for (int i = 0; i < 1000000; i++)
                sink = now();
        (void)sink;
        return (now() - t0) / 1e6;
}

static double mb(size_t bytes)
{
        return (double)bytes / 1e6;
}

static void print_mem(const char *what, struct mem_point m, size_t prefixes)
{
        printf("  %-34s %12zu %8.1f %9zu %9.1f %9.1f %8.1f\n", what, m.bytes, mb(m.bytes), m.allocs,
               (double)m.bytes / (2.0 * (double)prefixes), (double)m.bytes / (double)prefixes,
               mb(m.glibc));
}

static int size_cmp(const void *a, const void *b)
{
        const size_t *x = a, *y = b; /* {size, count} pairs, by bytes, largest first */
        size_t bx = x[0] * x[1], by = y[0] * y[1];
        return bx < by ? 1 : bx > by ? -1 : 0;
}

static void print_hist(const struct run *r)
{
        static size_t pairs[HIST_SIZES][2];
        size_t n = 0, total = 0;
        for (size_t s = 0; s < HIST_SIZES; s++)
                if (r->hist[s] > 0) {
                        pairs[n][0] = s;
                        pairs[n][1] = r->hist[s];
                        total += s * r->hist[s];
                        n++;
                }
        qsort(pairs, n, sizeof(pairs[0]), size_cmp);
        printf(
            "\nlive allocations after peer 2's table, by size asked for (largest share first):\n");
        printf("  %8s %10s %12s %7s\n", "size", "count", "bytes", "share");
        total += r->big_bytes;
        size_t shown = 0, rest_n = 0, rest_b = 0;
        for (size_t i = 0; i < n; i++) {
                if (shown < 20) {
                        printf("  %8zu %10zu %12zu %6.1f%%\n", pairs[i][0], pairs[i][1],
                               pairs[i][0] * pairs[i][1],
                               100.0 * (double)(pairs[i][0] * pairs[i][1]) / (double)total);
                        shown++;
                } else {
                        rest_n += pairs[i][1];
                        rest_b += pairs[i][0] * pairs[i][1];
                }
        }
        if (rest_n > 0)
                printf("  %8s %10zu %12zu %6.1f%%\n", "other", rest_n, rest_b,
                       100.0 * (double)rest_b / (double)total);
        if (r->hist[HIST_SIZES] > 0)
                printf("  %8s %10zu %12zu %6.1f%%\n", ">=4096", r->hist[HIST_SIZES], r->big_bytes,
                       100.0 * (double)r->big_bytes / (double)total);
}

int main(int argc, char **argv)
{
        unsigned runs = 3;
        uint64_t seed1 = 1, seed2 = 2;
        size_t batch = 65536;
        bool soft_in = true, set_lp = false, verbose = false;
        int c;

        while ((c = getopt(argc, argv, "NLr:b:s:S:v")) != -1) {
                switch (c) {
                case 'N':
                        soft_in = false;
                        break;
                case 'L':
                        set_lp = true;
                        break;
                case 'r':
                        runs = (unsigned)strtoul(optarg, NULL, 10);
                        break;
                case 'b':
                        batch = (size_t)strtoull(optarg, NULL, 10);
                        break;
                case 's':
                        seed1 = strtoull(optarg, NULL, 10);
                        break;
                case 'S':
                        seed2 = strtoull(optarg, NULL, 10);
                        break;
                case 'v':
                        verbose = true;
                        break;
                default:
                        fprintf(
                            stderr,
                            "usage: %s [-N] [-L] [-r RUNS] [-b BYTES] [-s SEED1] [-S SEED2] [-v] "
                            "[IPASN.gz]\n",
                            argv[0]);
                        return 2;
                }
        }
        if (runs == 0 || runs > MAX_RUNS)
                die("-r must be within 1..%d", MAX_RUNS);
        if (batch == 0)
                batch = 1;
        const char *ipasn = optind < argc ? argv[optind] : TGEN_DEFAULT_IPASN;

        struct bgp_codec_opts opts;
        bgp_codec_opts_init(&opts);
        opts.families = BGP_FAMILY_IPV6_UNICAST;

        struct tgen_prefixes pfx;
        struct tgen_peer gp[2];
        struct tgen_table tables[2];
        char err[512];
        if (tgen_load_ipasn(ipasn, &pfx, err, sizeof(err)) != 0)
                die("%s", err);
        tgen_peer_init(&gp[0], seed1);
        gp[0].peer_as = PEER1_AS;
        addr_of("2001:db8:300::1", gp[0].next_hop);
        tgen_peer_init(&gp[1], seed2);
        gp[1].peer_as = PEER2_AS;
        addr_of("2001:db8:100::ff", gp[1].next_hop);
        for (int i = 0; i < 2; i++)
                if (tgen_build(&tables[i], &pfx, &gp[i], &opts, err, sizeof(err)) != 0)
                        die("%s", err);
        size_t n = pfx.n;

        printf("tables: %s, %zu IPv6 prefixes each\n", ipasn, n);
        for (int i = 0; i < 2; i++)
                printf("  peer %d: AS %u, seed %llu: %zu attribute sets (%.2f prefixes/set), %zu "
                       "UPDATEs, %zu octets\n",
                       i + 1, gp[i].peer_as, (unsigned long long)gp[i].seed, tables[i].sets,
                       (double)n / (double)tables[i].sets, tables[i].msgs, tables[i].len);
        printf("router: local AS %d, both peers eBGP and up, seed policy (RM-*-IN: PL-BOGONS%s), "
               "soft-reconfiguration inbound %s, bgp_router_process every %zu octets of input\n",
               LOCAL_AS, set_lp ? ", plus set local-preference 200" : "", soft_in ? "ON" : "OFF",
               batch);
        double cc = clock_cost();
        printf("clock read: %.1f ns (3 per UPDATE and 1 per process call, inside the totals)\n",
               cc * 1e9);

        static struct run r[MAX_RUNS];
        for (unsigned i = 0; i < runs; i++) {
                run_once(tables, &opts, soft_in, set_lp, batch, &r[i]);
                printf("  run %u:", i + 1);
                for (int p = 0; p < N_PHASES; p++)
                        printf(" %.3f s (CPU %.3f, %ld faults)%s", r[i].ph[p].wall, r[i].ph[p].cpu,
                               r[i].ph[p].faults, p + 1 < N_PHASES ? "," : "\n");
                if (i > 0 && (r[i].after[PH_PEER2].bytes != r[0].after[PH_PEER2].bytes ||
                              r[i].peak != r[0].peak))
                        die("run %u used other memory than run 1", i + 1);
        }

        const struct run *r0 = &r[0];
        printf("\nRIB after both tables: %zu prefixes with a best path, %zu attribute sets\n",
               r0->prefixes_best, r0->sets);
        for (int i = 0; i < 2; i++)
                printf("  peer %d: %zu received, %zu accepted (after PL-BOGONS), best for %zu\n",
                       i + 1, r0->received[i], r0->accepted[i], r0->best_of[i]);
        printf("  events: %zu max-prefix warnings, %zu max-prefix exceeded (250000), %zu "
               "no-policy\n",
               r0->ev.warnings, r0->ev.exceeded, r0->ev.no_policy);

        printf("\ntimes, median of %u runs (s); decode/update/process: time inside those calls\n",
               runs);
        printf("  %-34s %8s %8s %10s %8s %8s %8s %9s %8s\n", "phase", "wall", "CPU", "prefix/s",
               "decode", "update", "process", "UPDATEs", "best chg");
        for (int p = 0; p < N_PHASES; p++) {
                double wall = median(r, runs, p, offsetof(struct phase, wall));
                printf("  %-34s %8.3f %8.3f %10.0f %8.3f %8.3f %8.3f %9zu %8zu\n", phase_name[p],
                       wall, median(r, runs, p, offsetof(struct phase, cpu)), (double)n / wall,
                       median(r, runs, p, offsetof(struct phase, t_decode)),
                       median(r, runs, p, offsetof(struct phase, t_update)),
                       median(r, runs, p, offsetof(struct phase, t_process)), r0->ph[p].msgs,
                       r0->ph[p].best_changes);
        }
        printf("  (peer 1 down: \"update\" is bgp_router_peer_down, \"process\" the "
               "bgp_router_process after it)\n");

        printf("\nmemory counted through the allocator hooks (bytes asked for; %zu routes = 2 x "
               "%zu prefixes)\n",
               2 * n, n);
        printf("  %-34s %12s %8s %9s %9s %9s %8s\n", "after", "live bytes", "MB", "allocs",
               "B/route", "B/prefix", "glibc MB");
        print_mem("setup (policy, 2 peers up)", r0->setup, n);
        for (int p = 0; p < N_PHASES; p++)
                print_mem(phase_name[p], r0->after[p], n);
        printf("  %-34s %12zu %8.1f\n", "peak", r0->peak, mb(r0->peak));
        printf("  allocator calls (malloc + realloc) in one run: %zu\n", r0->calls);
        const struct bgp_rib_memory *m = &r0->rmem;
        printf("\nthe RIB after both tables (bgp_rib_memory)\n");
        printf("  %-34s %12s %8s %9s %9s\n", "", "count", "MB", "B/each", "B/route");
        printf("  %-34s %12zu %8.1f %9.1f %9.1f\n", "trie nodes (routes inside)", m->trie_nodes,
               mb(m->trie_bytes), (double)m->trie_bytes / (double)m->trie_nodes,
               (double)m->trie_bytes / (double)(2 * n));
        printf("  %-34s %12zu %8.1f %9.1f %9.1f\n", "attribute sets", m->sets, mb(m->set_bytes),
               (double)m->set_bytes / (double)m->sets, (double)m->set_bytes / (double)(2 * n));
        printf("  %-34s %12s %8.1f %9s %9.1f\n", "ids, hash table, queue, peers", "",
               mb(m->index_bytes), "", (double)m->index_bytes / (double)(2 * n));
        printf("  %-34s %12s %8.1f %9s %9.1f\n", "slab blocks held (nodes and sets)", "",
               mb(m->slab_held), "", (double)m->slab_held / (double)(2 * n));

        struct rusage ru;
        getrusage(RUSAGE_SELF, &ru);
        printf("process peak RSS: %.1f MB (includes the benchmark's tables: %.1f MB of UPDATEs, "
               "%.1f MB of prefixes, and 16 octets of size header per allocation)\n",
               (double)ru.ru_maxrss * 1024 / 1e6, mb(tables[0].len + tables[1].len),
               mb(n * sizeof(*pfx.routes)));

        if (verbose)
                print_hist(r0);

        for (int i = 0; i < 2; i++)
                tgen_table_free(&tables[i]);
        tgen_prefixes_free(&pfx);
        return 0;
}
