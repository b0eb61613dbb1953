/*
 * bench_decode.c - UPDATE decode throughput on a realistic IPv6 full table, one core.
 *
 *   bench_decode [-n PASSES] [-r RUNS] [-s SEED] [-w FILE.mrt] [IPASN.gz]
 *
 * The table is synthetic but shaped by real data.  The prefixes and their origin ASes are
 * the whole route-views6 table of 2026-07-30 (routeviews6.ipasn6.20260730.dat.gz, one
 * "prefix<TAB>asn" per line).  What that file lacks, the attributes, is drawn from the
 * distributions measured on the real RIB slice of the same collector and day, hard-coded
 * below from ipv6-table-shape.json ("rib" section): AS-path length, prepending, AS_SET,
 * communities and large communities per route, how often MED, AGGREGATOR, OTC and
 * ATOMIC_AGGREGATE appear, and how many prefixes share one attribute set.  The PRNG seed
 * is fixed, so every run decodes the same bytes.
 *
 * Routes are grouped into attribute sets (prefixes of one origin), and each set goes
 * through libbgp's builder, bgp_update_build_announce, which packs as many prefixes as fit
 * in 4096 octets, as a speaker sending its table does.  The timed part decodes every
 * UPDATE with bgp_msg_decode and walks everything a consumer would: each NLRI prefix, each
 * AS of the path, each community.  Each run decodes the whole table PASSES times; the
 * figures are the median of RUNS runs.  MB are 10^6 octets of whole messages (headers
 * included).
 *
 * With -w the UPDATEs are also written as an MRT file (RFC 6396 BGP4MP_MESSAGE_AS4), so
 * other decoders (bgpdump, lbgp-decode --mrt) can be timed on the very same bytes.
 *
 * The benchmark reads the clock (CLOCK_MONOTONIC); libbgp itself never does.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include <bgp/bgp.h>

#ifndef BGP_SHARED_DATA
#define BGP_SHARED_DATA "../shared/data"
#endif
#define DEFAULT_IPASN BGP_SHARED_DATA "/mrt/routeviews6.ipasn6.20260730.dat.gz"

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

static void die(const char *fmt, ...)
{
        va_list ap;

        fputs("bench_decode: ", stderr);
        va_start(ap, fmt);
        vfprintf(stderr, fmt, ap);
        va_end(ap);
        fputc('\n', stderr);
        exit(1);
}

/* ---- the table shape, from /work/shared/data/mrt/ipv6-table-shape.json ------------------ */

struct bin {
        unsigned value;
        unsigned weight;
};

/* rib.as_path_len_dedup_hist: distinct ASes per path (prepending removed). */
static const struct bin path_len_hist[] = {
    {1, 41}, {2, 7244}, {3, 51803}, {4, 77369}, {5, 20644}, {6, 5407}, {7, 320}, {8, 1426},
    {9, 3},  {10, 4},   {27, 1},    {28, 1},    {29, 5},    {30, 10},  {31, 1},
};

/* rib.communities_per_route_hist. */
static const struct bin comm_hist[] = {
    {0, 42978}, {1, 27835}, {2, 21517}, {3, 8356},  {4, 9720},  {5, 7829}, {6, 2240},
    {7, 4750},  {8, 14316}, {9, 6059},  {10, 5278}, {11, 6441}, {12, 334}, {13, 383},
    {14, 3050}, {15, 117},  {16, 2761}, {17, 54},   {18, 56},   {19, 33},  {20, 55},
    {21, 13},   {22, 18},   {23, 14},   {24, 4},    {25, 6},    {26, 2},   {27, 4},
    {29, 14},   {30, 15},   {31, 3},    {32, 1},    {33, 1},    {40, 3},   {42, 7},
    {43, 1},    {44, 4},    {45, 1},    {46, 2},    {47, 1},    {50, 2},   {52, 1},
};

/* rib.large_communities_per_route_hist. */
static const struct bin large_hist[] = {
    {0, 135612}, {1, 8281}, {2, 374}, {3, 767}, {4, 7697}, {5, 332}, {6, 10908}, {7, 42},
    {8, 13},     {9, 81},   {10, 25}, {11, 15}, {12, 16},  {13, 6},  {14, 5},    {15, 10},
    {16, 2},     {17, 4},   {18, 1},  {19, 1},  {20, 2},   {23, 4},  {24, 3},    {25, 11},
    {26, 6},     {31, 1},   {40, 1},  {48, 1},  {50, 15},  {51, 8},  {52, 3},    {53, 5},
    {54, 6},     {55, 1},   {59, 1},  {69, 3},  {71, 8},   {72, 8},
};

/* rib.routes = 164279; the counts below are out of it. */
#define SHAPE_ROUTES 164279.0
#define P_PREPEND    (16862 / SHAPE_ROUTES) /* rib.routes_with_prepending */
#define P_AS_SET     (41 / SHAPE_ROUTES)    /* rib.routes_with_as_set */
#define P_MED        (42155 / SHAPE_ROUTES) /* rib.attr_presence.MED */
#define P_AGGREGATOR (9207 / SHAPE_ROUTES)  /* rib.attr_presence.AGGREGATOR */
#define P_OTC        (6836 / SHAPE_ROUTES)  /* rib.attr_presence.OTC */
#define P_ATOMIC     (5563 / SHAPE_ROUTES)  /* rib.attr_presence.ATOMIC_AGGREGATE */
/*
 * The mean number of extra ASes on a prepended path: the mean of as_path_len_hist (4.006)
 * less that of as_path_len_dedup_hist (3.831), times routes / routes_with_prepending.
 */
#define PREPEND_MEAN 1.70
/*
 * rib.per_peer.*.prefixes_per_attr_set is 2.02 to 3.86, median 2.92.  Attribute sets are
 * cut from each origin's prefixes with geometric sizes of mean 4.3, which gives about 2.9
 * prefixes per set over the whole table (most origins have a single prefix); the figure
 * reached is printed.
 */
#define SET_SIZE_MEAN 4.3

/* A full-table peer (route-views6 has AS6939 among them) and transit ASes for the middle. */
#define PEER_AS 6939
static const uint32_t transit[] = {174,   1299,  2914,  3257,  3356,   3491,   4637,  6453, 6461,
                                   6762,  6830,  7018,  9002,  12956,  1273,   4826,  7473, 24482,
                                   34549, 37100, 57463, 58511, 199524, 207841, 328145};

/* ---- a small deterministic PRNG (splitmix64) ------------------------------------------ */

static uint64_t rng_state;

static uint64_t rng_next(void)
{
        uint64_t z = (rng_state += 0x9e3779b97f4a7c15u);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
        return z ^ (z >> 31);
}

/* Uniform in [0, 1). */
static double rng_unit(void)
{
        return (double)(rng_next() >> 11) / 9007199254740992.0;
}

static unsigned draw(const struct bin *h, size_t n)
{
        unsigned long total = 0;
        for (size_t i = 0; i < n; i++)
                total += h[i].weight;
        unsigned long u = (unsigned long)(rng_next() % total);
        for (size_t i = 0; i < n; i++) {
                if (u < h[i].weight)
                        return h[i].value;
                u -= h[i].weight;
        }
        return h[n - 1].value;
}

#define DRAW(h) draw(h, sizeof(h) / sizeof(h[0]))

/* 1, 2, 3, ... with P(k) geometric and the given mean (>= 1). */
static unsigned draw_geometric(double mean)
{
        unsigned k = 1;
        while (rng_unit() > 1.0 / mean)
                k++;
        return k;
}

/* ---- loading the prefixes ------------------------------------------------------------- */

struct route {
        struct bgp_prefix pfx;
        uint32_t origin;
};

static struct route *routes;
static size_t n_routes;

static void load_ipasn(const char *path)
{
        gzFile f = gzopen(path, "rb");
        char line[256];
        size_t cap = 0;

        if (f == NULL)
                die("%s: cannot open", path);
        while (gzgets(f, line, sizeof(line)) != NULL) {
                if (line[0] == ';' || line[0] == '\n')
                        continue;
                char *tab = strchr(line, '\t');
                if (tab == NULL)
                        die("%s: no tab in \"%s\"", path, line);
                *tab = '\0';
                if (n_routes == cap) {
                        cap = cap == 0 ? 1 << 18 : cap * 2;
                        routes = realloc(routes, cap * sizeof(*routes));
                        if (routes == NULL)
                                die("out of memory");
                }
                struct route *r = &routes[n_routes];
                if (bgp_prefix_parse(line, &r->pfx) != 0 || r->pfx.afi != BGP_AFI_IPV6)
                        die("%s: bad IPv6 prefix \"%s\"", path, line);
                r->origin = (uint32_t)strtoul(tab + 1, NULL, 10);
                n_routes++;
        }
        gzclose(f);
        if (n_routes == 0)
                die("%s: no prefixes", path);
}

/* Origin, then address order: a set's prefixes lie next to each other, as in a RIB walk. */
static int route_cmp(const void *a, const void *b)
{
        const struct route *x = a, *y = b;
        if (x->origin != y->origin)
                return x->origin < y->origin ? -1 : 1;
        int c = memcmp(x->pfx.addr, y->pfx.addr, sizeof(x->pfx.addr));
        if (c != 0)
                return c;
        return (int)x->pfx.len - (int)y->pfx.len;
}

/* ---- building the UPDATEs ------------------------------------------------------------- */

struct table {
        uint8_t *buf; /* the UPDATEs back to back */
        size_t len, cap;
        size_t msgs;
        size_t sets;
};

static void put32(uint8_t *p, uint32_t v)
{
        p[0] = (uint8_t)(v >> 24);
        p[1] = (uint8_t)(v >> 16);
        p[2] = (uint8_t)(v >> 8);
        p[3] = (uint8_t)v;
}

/* The wire values one attribute set points into. */
struct set_values {
        uint8_t path[4 * 80];
        uint8_t comms[4 * 64];
        uint8_t large[12 * 80];
};

/* Draws one attribute set for routes of the given origin. */
static void draw_attrs(uint32_t origin, struct set_values *sv, struct bgp_attrs *a)
{
        uint32_t asn[64];
        size_t n = 0;

        memset(a, 0, sizeof(*a));
        unsigned len = DRAW(path_len_hist);
        /* The peer, transit ASes, the origin; a path of one is the peer's own prefix. */
        if (len > 1)
                asn[n++] = PEER_AS;
        while (n + 1 < len)
                asn[n++] = transit[rng_next() % (sizeof(transit) / sizeof(transit[0]))];
        asn[n++] = origin;
        if (rng_unit() < P_PREPEND) {
                /* The origin prepends itself, by far the common case. */
                for (unsigned k = draw_geometric(PREPEND_MEAN); k > 0 && n < 63; k--)
                        asn[n++] = origin;
        }
        size_t off = 0;
        sv->path[off++] = BGP_AS_SEQUENCE;
        sv->path[off++] = (uint8_t)n;
        for (size_t i = 0; i < n; i++, off += 4)
                put32(sv->path + off, asn[i]);
        if (rng_unit() < P_AS_SET) {
                sv->path[off++] = BGP_AS_SET;
                sv->path[off++] = 2;
                put32(sv->path + off, 64496 + (uint32_t)(rng_next() % 16));
                put32(sv->path + off + 4, 64512 + (uint32_t)(rng_next() % 16));
                off += 8;
        }
        bgp_attrs_set(a, BGP_ATTR_ORIGIN);
        a->origin = BGP_ORIGIN_IGP;
        bgp_attrs_set(a, BGP_ATTR_AS_PATH);
        a->as_path = (struct bgp_as_path){sv->path, off, 4};

        unsigned nc = DRAW(comm_hist);
        if (nc > 0) {
                for (unsigned i = 0; i < nc; i++)
                        put32(sv->comms + 4 * i,
                              (uint32_t)PEER_AS << 16 | (uint32_t)(rng_next() % 65536));
                bgp_attrs_set(a, BGP_ATTR_COMMUNITIES);
                a->communities = (struct bgp_attr_list){sv->comms, nc};
        }
        unsigned nl = DRAW(large_hist);
        if (nl > 0) {
                for (unsigned i = 0; i < nl; i++) {
                        put32(sv->large + 12 * i, PEER_AS);
                        put32(sv->large + 12 * i + 4, (uint32_t)(rng_next() % 1000));
                        put32(sv->large + 12 * i + 8, (uint32_t)(rng_next() % 100000));
                }
                bgp_attrs_set(a, BGP_ATTR_LARGE_COMMUNITIES);
                a->large_communities = (struct bgp_attr_list){sv->large, nl};
        }
        if (rng_unit() < P_MED) {
                bgp_attrs_set(a, BGP_ATTR_MED);
                a->med = (uint32_t)(rng_next() % 1000);
        }
        if (rng_unit() < P_AGGREGATOR) {
                bgp_attrs_set(a, BGP_ATTR_AGGREGATOR);
                a->aggregator_as = origin;
                put32(a->aggregator_addr, 0xc0000200 | (uint32_t)(rng_next() % 256));
        }
        if (rng_unit() < P_ATOMIC)
                bgp_attrs_set(a, BGP_ATTR_ATOMIC_AGGREGATE);
        if (rng_unit() < P_OTC) {
                bgp_attrs_set(a, BGP_ATTR_OTC);
                a->otc = PEER_AS;
        }
        /* rib.mp_reach_nexthop_len_hist: every next hop is 16 octets, global only. */
        bgp_attrs_set(a, BGP_ATTR_MP_REACH_NLRI);
        a->mp_reach.afi = BGP_AFI_IPV6;
        a->mp_reach.safi = BGP_SAFI_UNICAST;
        a->mp_reach.nh_len = 16;
        static const uint8_t nh[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
        memcpy(a->mp_reach.nh, nh, 16);
}

static void build_table(struct table *t, const struct bgp_codec_opts *opts)
{
        static struct bgp_prefix pfx[8192];
        static struct set_values sv;
        static struct bgp_attrs a;

        memset(t, 0, sizeof(*t));
        for (size_t i = 0; i < n_routes;) {
                /* One origin's prefixes, cut into attribute sets. */
                size_t end = i;
                while (end < n_routes && routes[end].origin == routes[i].origin)
                        end++;
                while (i < end) {
                        size_t n = draw_geometric(SET_SIZE_MEAN);
                        if (n > end - i)
                                n = end - i;
                        if (n > sizeof(pfx) / sizeof(pfx[0]))
                                n = sizeof(pfx) / sizeof(pfx[0]);
                        for (size_t k = 0; k < n; k++)
                                pfx[k] = routes[i + k].pfx;
                        draw_attrs(routes[i].origin, &sv, &a);
                        t->sets++;
                        for (size_t done = 0; done < n;) {
                                if (t->cap - t->len < BGP_MAX_MSG_LEN) {
                                        t->cap = t->cap == 0 ? 1 << 24 : t->cap * 2;
                                        if ((t->buf = realloc(t->buf, t->cap)) == NULL)
                                                die("out of memory");
                                }
                                int len = bgp_update_build_announce(
                                    t->buf + t->len, BGP_MAX_MSG_LEN, opts, &a, BGP_SAFI_UNICAST,
                                    pfx, n, &done);
                                if (len < 0)
                                        die("bgp_update_build_announce: %s", bgp_strerror(len));
                                t->len += (size_t)len;
                                t->msgs++;
                        }
                        i += n;
                }
        }
}

/* RFC 6396 4.4.3 BGP4MP_MESSAGE_AS4 records, for decoders that read MRT. */
static void write_mrt(const struct table *t, const char *path)
{
        FILE *f = fopen(path, "wb");
        uint8_t rec[12 + 44];

        if (f == NULL)
                die("%s: %s", path, strerror(errno));
        memset(rec, 0, sizeof(rec));
        put32(rec, 1785420000);   /* rib.timestamp of the shape file */
        rec[5] = 16;              /* BGP4MP */
        rec[7] = 4;               /* BGP4MP_MESSAGE_AS4 */
        put32(rec + 12, PEER_AS); /* peer AS */
        put32(rec + 16, 64496);   /* local AS */
        rec[23] = 2;              /* AFI IPv6; interface index 0 */
        rec[24] = 0x20;           /* peer 2001:db8::1 */
        rec[25] = 0x01;
        rec[26] = 0x0d;
        rec[27] = 0xb8;
        rec[39] = 1;
        memcpy(rec + 40, rec + 24, 16); /* local 2001:db8::2 */
        rec[55] = 2;
        for (size_t off = 0; off < t->len;) {
                size_t len = (size_t)t->buf[off + 16] << 8 | t->buf[off + 17];
                put32(rec + 8, (uint32_t)(44 + len));
                if (fwrite(rec, 1, sizeof(rec), f) != sizeof(rec) ||
                    fwrite(t->buf + off, 1, len, f) != len)
                        die("%s: %s", path, strerror(errno));
                off += len;
        }
        if (fclose(f) != 0)
                die("%s: %s", path, strerror(errno));
}

/* ---- the timed part ------------------------------------------------------------------- */

struct walk {
        size_t msgs, prefixes, ases, comms;
        uint64_t check; /* folds in what was read, so no work can be optimised away */
};

static uint32_t get32(const uint8_t *p)
{
        return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void decode_all(const struct table *t, const struct bgp_codec_opts *opts, struct walk *w)
{
        static struct bgp_msg msg;
        static struct bgp_as_segment seg;
        struct bgp_verdict v;

        for (size_t off = 0; off < t->len;) {
                size_t len = (size_t)t->buf[off + 16] << 8 | t->buf[off + 17];
                int rc = bgp_msg_decode(t->buf + off, len, opts, &msg, &v);
                if (rc != 0 || v.action != BGP_ACTION_OK)
                        die("UPDATE at offset %zu decodes to %s: %s", off,
                            bgp_action_name(v.action), v.reason != NULL ? v.reason : "?");
                const struct bgp_attrs *a = &msg.u.update.attrs;

                struct bgp_nlri_iter it;
                struct bgp_prefix p;
                bgp_nlri_iter_init(&it, &a->mp_reach.nlri);
                while (bgp_nlri_iter_next(&it, &p) == 1) {
                        w->prefixes++;
                        w->check += p.len + p.addr[5];
                }
                struct bgp_as_path_iter pi;
                bgp_as_path_iter_init(&pi, &a->as_path);
                while (bgp_as_path_iter_next(&pi, &seg) == 1) {
                        for (unsigned i = 0; i < seg.count; i++)
                                w->check += seg.asn[i];
                        w->ases += seg.count;
                }
                for (size_t i = 0; i < a->communities.count; i++)
                        w->check += get32(a->communities.data + 4 * i);
                for (size_t i = 0; i < a->large_communities.count; i++)
                        w->check += get32(a->large_communities.data + 12 * i + 8);
                w->comms += a->communities.count + a->large_communities.count;
                w->msgs++;
                off += len;
        }
}

/* Wall-clock seconds: the figure reported. */
static double now(void)
{
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU seconds of this process: printed beside the wall time, so that a run slowed down by
 * other load on the machine shows as wall time well above CPU time. */
static double cpu_now(void)
{
        struct timespec ts;
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
        return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int dbl_cmp(const void *a, const void *b)
{
        double x = *(const double *)a, y = *(const double *)b;
        return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
        unsigned passes = 10, runs = 5;
        uint64_t seed = 1;
        const char *mrt_out = NULL;
        int c;

        while ((c = getopt(argc, argv, "n:r:s:w:")) != -1) {
                switch (c) {
                case 'n':
                        passes = (unsigned)strtoul(optarg, NULL, 10);
                        break;
                case 'r':
                        runs = (unsigned)strtoul(optarg, NULL, 10);
                        break;
                case 's':
                        seed = strtoull(optarg, NULL, 10);
                        break;
                case 'w':
                        mrt_out = optarg;
                        break;
                default:
                        fprintf(stderr,
                                "usage: %s [-n PASSES] [-r RUNS] [-s SEED] [-w FILE.mrt] "
                                "[IPASN.gz]\n",
                                argv[0]);
                        return 2;
                }
        }
        if (passes == 0 || runs == 0 || runs > 99)
                die("-n must be positive and -r within 1..99");
        const char *ipasn = optind < argc ? argv[optind] : DEFAULT_IPASN;

        struct bgp_codec_opts opts;
        bgp_codec_opts_init(&opts);
        opts.families = BGP_FAMILY_IPV6_UNICAST;

        rng_state = seed;
        load_ipasn(ipasn);
        qsort(routes, n_routes, sizeof(*routes), route_cmp);
        struct table t;
        build_table(&t, &opts);
        if (mrt_out != NULL)
                write_mrt(&t, mrt_out);

        /* One untimed pass: checks every UPDATE decodes and carries every prefix once. */
        struct walk w;
        memset(&w, 0, sizeof(w));
        decode_all(&t, &opts, &w);
        if (w.prefixes != n_routes || w.msgs != t.msgs)
                die("decoded %zu prefixes in %zu UPDATEs, built %zu in %zu", w.prefixes, w.msgs,
                    n_routes, t.msgs);

        printf("table: %s (seed %llu)\n", ipasn, (unsigned long long)seed);
        printf("  %zu IPv6 prefixes, %zu attribute sets (%.2f prefixes/set), %zu UPDATEs, "
               "%zu octets (%.0f per UPDATE)\n",
               n_routes, t.sets, (double)n_routes / (double)t.sets, t.msgs, t.len,
               (double)t.len / (double)t.msgs);
        printf("  %.2f prefixes/UPDATE, %.2f ASes/path, %.2f communities/route (std + large)\n",
               (double)n_routes / (double)t.msgs, (double)w.ases / (double)w.msgs,
               (double)w.comms / (double)w.msgs);

        double secs[99], cpu[99];
        uint64_t check = 0;
        for (unsigned r = 0; r < runs; r++) {
                double t0 = now(), c0 = cpu_now();
                for (unsigned p = 0; p < passes; p++) {
                        memset(&w, 0, sizeof(w));
                        decode_all(&t, &opts, &w);
                        check += w.check;
                }
                secs[r] = (now() - t0) / passes;
                cpu[r] = (cpu_now() - c0) / passes;
                printf("  run %u: %.4f s per pass, %.4f s CPU (%u passes)\n", r + 1, secs[r],
                       cpu[r], passes);
        }
        qsort(secs, runs, sizeof(secs[0]), dbl_cmp);
        qsort(cpu, runs, sizeof(cpu[0]), dbl_cmp);
        double med = secs[runs / 2];

        printf("decode, median of %u runs: messages %zu, prefixes %zu, bytes %zu, seconds %.4f "
               "(CPU %.4f)\n",
               runs, t.msgs, n_routes, t.len, med, cpu[runs / 2]);
        printf("  %.0f prefixes/s, %.0f UPDATEs/s, %.1f MB/s (check %016llx)\n",
               (double)n_routes / med, (double)t.msgs / med, (double)t.len / med / 1e6,
               (unsigned long long)check);
        free(t.buf);
        free(routes);
        return 0;
}
