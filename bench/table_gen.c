/*
 * table_gen.c - the synthetic full IPv6 table of the benchmarks (see table_gen.h).
 *
 * The attributes are drawn from the distributions measured on the real route-views6 RIB
 * slice of 2026-07-30, hard-coded below from ipv6-table-shape.json ("rib" section):
 * AS-path length, prepending, AS_SET, communities and large communities per route, how
 * often MED, AGGREGATOR, OTC and ATOMIC_AGGREGATE appear, and how many prefixes share one
 * attribute set.  The PRNG is seeded by the caller, so a seed always gives the same bytes.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "table_gen.h"

static int fail(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail(char *err, size_t errlen, const char *fmt, ...)
{
        va_list ap;

        va_start(ap, fmt);
        vsnprintf(err, errlen, fmt, ap);
        va_end(ap);
        return -1;
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
 * prefixes per set over the whole table (most origins have a single prefix).
 */
#define SET_SIZE_MEAN 4.3

/* Transit ASes for the middle of the paths. */
static const uint32_t transit[] = {174,   1299,  2914,  3257,  3356,   3491,   4637,  6453, 6461,
                                   6762,  6830,  7018,  9002,  12956,  1273,   4826,  7473, 24482,
                                   34549, 37100, 57463, 58511, 199524, 207841, 328145};

/* RFC 6793 AS_TRANS: the AS a 4-octet AS puts in the high half of its standard communities
 * here, as it cannot put its own. */
#define AS_TRANS 23456

/* ---- a small deterministic PRNG (splitmix64) ------------------------------------------ */

struct rng {
        uint64_t state;
};

static uint64_t rng_next(struct rng *g)
{
        uint64_t z = (g->state += 0x9e3779b97f4a7c15u);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
        return z ^ (z >> 31);
}

/* Uniform in [0, 1). */
static double rng_unit(struct rng *g)
{
        return (double)(rng_next(g) >> 11) / 9007199254740992.0;
}

static unsigned draw(struct rng *g, const struct bin *h, size_t n)
{
        unsigned long total = 0;
        for (size_t i = 0; i < n; i++)
                total += h[i].weight;
        unsigned long u = (unsigned long)(rng_next(g) % total);
        for (size_t i = 0; i < n; i++) {
                if (u < h[i].weight)
                        return h[i].value;
                u -= h[i].weight;
        }
        return h[n - 1].value;
}

#define DRAW(g, h) draw(g, h, sizeof(h) / sizeof(h[0]))

/* 1, 2, 3, ... with P(k) geometric and the given mean (>= 1). */
static unsigned draw_geometric(struct rng *g, double mean)
{
        unsigned k = 1;
        while (rng_unit(g) > 1.0 / mean)
                k++;
        return k;
}

/* ---- loading the prefixes ------------------------------------------------------------- */

/* Origin, then address order: a set's prefixes lie next to each other, as in a RIB walk. */
static int route_cmp(const void *a, const void *b)
{
        const struct tgen_route *x = a, *y = b;
        if (x->origin != y->origin)
                return x->origin < y->origin ? -1 : 1;
        int c = memcmp(x->pfx.addr, y->pfx.addr, sizeof(x->pfx.addr));
        if (c != 0)
                return c;
        return (int)x->pfx.len - (int)y->pfx.len;
}

int tgen_load_ipasn(const char *path, struct tgen_prefixes *out, char *err, size_t errlen)
{
        gzFile f = gzopen(path, "rb");
        char line[256];
        size_t cap = 0;

        memset(out, 0, sizeof(*out));
        if (f == NULL)
                return fail(err, errlen, "%s: cannot open", path);
        while (gzgets(f, line, sizeof(line)) != NULL) {
                if (line[0] == ';' || line[0] == '\n')
                        continue;
                char *tab = strchr(line, '\t');
                if (tab == NULL) {
                        gzclose(f);
                        return fail(err, errlen, "%s: no tab in \"%s\"", path, line);
                }
                *tab = '\0';
                if (out->n == cap) {
                        cap = cap == 0 ? 1 << 18 : cap * 2;
                        struct tgen_route *nr = realloc(out->routes, cap * sizeof(*nr));
                        if (nr == NULL) {
                                gzclose(f);
                                return fail(err, errlen, "out of memory");
                        }
                        out->routes = nr;
                }
                struct tgen_route *r = &out->routes[out->n];
                if (bgp_prefix_parse(line, &r->pfx) != 0 || r->pfx.afi != BGP_AFI_IPV6) {
                        gzclose(f);
                        return fail(err, errlen, "%s: bad IPv6 prefix \"%s\"", path, line);
                }
                r->origin = (uint32_t)strtoul(tab + 1, NULL, 10);
                out->n++;
        }
        gzclose(f);
        if (out->n == 0)
                return fail(err, errlen, "%s: no prefixes", path);
        qsort(out->routes, out->n, sizeof(*out->routes), route_cmp);
        return 0;
}

void tgen_prefixes_free(struct tgen_prefixes *p)
{
        free(p->routes);
        memset(p, 0, sizeof(*p));
}

/* ---- building the UPDATEs ------------------------------------------------------------- */

void tgen_peer_init(struct tgen_peer *peer, uint64_t seed)
{
        static const uint8_t nh[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};

        memset(peer, 0, sizeof(*peer));
        peer->peer_as = TGEN_DEFAULT_PEER_AS;
        peer->seed = seed;
        memcpy(peer->next_hop, nh, 16);
}

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
static void draw_attrs(struct rng *g, const struct tgen_peer *peer, uint32_t origin,
                       struct set_values *sv, struct bgp_attrs *a)
{
        uint32_t asn[64];
        size_t n = 0;
        uint32_t comm_as = peer->peer_as <= 0xffff ? peer->peer_as : AS_TRANS;

        memset(a, 0, sizeof(*a));
        unsigned len = DRAW(g, path_len_hist);
        /* The peer, transit ASes, the origin; a path of one is the peer's own prefix. */
        if (len > 1)
                asn[n++] = peer->peer_as;
        while (n + 1 < len)
                asn[n++] = transit[rng_next(g) % (sizeof(transit) / sizeof(transit[0]))];
        asn[n++] = origin;
        if (rng_unit(g) < P_PREPEND) {
                /* The origin prepends itself, by far the common case. */
                for (unsigned k = draw_geometric(g, PREPEND_MEAN); k > 0 && n < 63; k--)
                        asn[n++] = origin;
        }
        size_t off = 0;
        sv->path[off++] = BGP_AS_SEQUENCE;
        sv->path[off++] = (uint8_t)n;
        for (size_t i = 0; i < n; i++, off += 4)
                put32(sv->path + off, asn[i]);
        if (rng_unit(g) < P_AS_SET) {
                sv->path[off++] = BGP_AS_SET;
                sv->path[off++] = 2;
                put32(sv->path + off, 64496 + (uint32_t)(rng_next(g) % 16));
                put32(sv->path + off + 4, 64512 + (uint32_t)(rng_next(g) % 16));
                off += 8;
        }
        bgp_attrs_set(a, BGP_ATTR_ORIGIN);
        a->origin = BGP_ORIGIN_IGP;
        bgp_attrs_set(a, BGP_ATTR_AS_PATH);
        a->as_path = (struct bgp_as_path){sv->path, off, 4};

        unsigned nc = DRAW(g, comm_hist);
        if (nc > 0) {
                for (unsigned i = 0; i < nc; i++)
                        put32(sv->comms + 4 * i, comm_as << 16 | (uint32_t)(rng_next(g) % 65536));
                bgp_attrs_set(a, BGP_ATTR_COMMUNITIES);
                a->communities = (struct bgp_attr_list){sv->comms, nc};
        }
        unsigned nl = DRAW(g, large_hist);
        if (nl > 0) {
                for (unsigned i = 0; i < nl; i++) {
                        put32(sv->large + 12 * i, peer->peer_as);
                        put32(sv->large + 12 * i + 4, (uint32_t)(rng_next(g) % 1000));
                        put32(sv->large + 12 * i + 8, (uint32_t)(rng_next(g) % 100000));
                }
                bgp_attrs_set(a, BGP_ATTR_LARGE_COMMUNITIES);
                a->large_communities = (struct bgp_attr_list){sv->large, nl};
        }
        if (rng_unit(g) < P_MED) {
                bgp_attrs_set(a, BGP_ATTR_MED);
                a->med = (uint32_t)(rng_next(g) % 1000);
        }
        if (rng_unit(g) < P_AGGREGATOR) {
                bgp_attrs_set(a, BGP_ATTR_AGGREGATOR);
                a->aggregator_as = origin;
                put32(a->aggregator_addr, 0xc0000200 | (uint32_t)(rng_next(g) % 256));
        }
        if (rng_unit(g) < P_ATOMIC)
                bgp_attrs_set(a, BGP_ATTR_ATOMIC_AGGREGATE);
        if (rng_unit(g) < P_OTC) {
                bgp_attrs_set(a, BGP_ATTR_OTC);
                a->otc = peer->peer_as;
        }
        /* rib.mp_reach_nexthop_len_hist: every next hop is 16 octets, global only. */
        bgp_attrs_set(a, BGP_ATTR_MP_REACH_NLRI);
        a->mp_reach.afi = BGP_AFI_IPV6;
        a->mp_reach.safi = BGP_SAFI_UNICAST;
        a->mp_reach.nh_len = 16;
        memcpy(a->mp_reach.nh, peer->next_hop, 16);
}

int tgen_build(struct tgen_table *t, const struct tgen_prefixes *p, const struct tgen_peer *peer,
               const struct bgp_codec_opts *opts, char *err, size_t errlen)
{
        static struct bgp_prefix pfx[8192];
        static struct set_values sv;
        static struct bgp_attrs a;
        struct rng g = {peer->seed};
        const struct tgen_route *routes = p->routes;

        memset(t, 0, sizeof(*t));
        for (size_t i = 0; i < p->n;) {
                /* One origin's prefixes, cut into attribute sets. */
                size_t end = i;
                while (end < p->n && routes[end].origin == routes[i].origin)
                        end++;
                while (i < end) {
                        size_t n = draw_geometric(&g, SET_SIZE_MEAN);
                        if (n > end - i)
                                n = end - i;
                        if (n > sizeof(pfx) / sizeof(pfx[0]))
                                n = sizeof(pfx) / sizeof(pfx[0]);
                        for (size_t k = 0; k < n; k++)
                                pfx[k] = routes[i + k].pfx;
                        draw_attrs(&g, peer, routes[i].origin, &sv, &a);
                        t->sets++;
                        for (size_t done = 0; done < n;) {
                                if (t->cap - t->len < BGP_MAX_MSG_LEN) {
                                        size_t cap = t->cap == 0 ? 1 << 24 : t->cap * 2;
                                        uint8_t *nb = realloc(t->buf, cap);
                                        if (nb == NULL) {
                                                tgen_table_free(t);
                                                return fail(err, errlen, "out of memory");
                                        }
                                        t->buf = nb;
                                        t->cap = cap;
                                }
                                int len = bgp_update_build_announce(
                                    t->buf + t->len, BGP_MAX_MSG_LEN, opts, &a, BGP_SAFI_UNICAST,
                                    pfx, n, &done);
                                if (len < 0) {
                                        tgen_table_free(t);
                                        return fail(err, errlen, "bgp_update_build_announce: %s",
                                                    bgp_strerror(len));
                                }
                                t->len += (size_t)len;
                                t->msgs++;
                        }
                        i += n;
                }
        }
        return 0;
}

void tgen_table_free(struct tgen_table *t)
{
        free(t->buf);
        memset(t, 0, sizeof(*t));
}

size_t tgen_msg_len(const struct tgen_table *t, size_t off)
{
        return (size_t)t->buf[off + 16] << 8 | t->buf[off + 17];
}
