/*
 * bench_decode.c - UPDATE decode throughput on a realistic IPv6 full table, one core.
 *
 *   bench_decode [-n PASSES] [-r RUNS] [-s SEED] [-w FILE.mrt] [IPASN.gz]
 *
 * The table is synthetic but shaped by real data (table_gen.c): the prefixes and their
 * origin ASes are the whole route-views6 table of 2026-07-30
 * (routeviews6.ipasn6.20260730.dat.gz, one "prefix<TAB>asn" per line); the attributes are
 * drawn from the distributions measured on the real RIB slice of the same collector and
 * day (ipv6-table-shape.json), with a fixed PRNG seed, so every run decodes the same bytes.
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

#include <bgp/bgp.h>

#include "table_gen.h"

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

static void put32(uint8_t *p, uint32_t v)
{
        p[0] = (uint8_t)(v >> 24);
        p[1] = (uint8_t)(v >> 16);
        p[2] = (uint8_t)(v >> 8);
        p[3] = (uint8_t)v;
}

/* RFC 6396 4.4.3 BGP4MP_MESSAGE_AS4 records, for decoders that read MRT. */
static void write_mrt(const struct tgen_table *t, const char *path)
{
        FILE *f = fopen(path, "wb");
        uint8_t rec[12 + 44];

        if (f == NULL)
                die("%s: %s", path, strerror(errno));
        memset(rec, 0, sizeof(rec));
        put32(rec, 1785420000);                /* rib.timestamp of the shape file */
        rec[5] = 16;                           /* BGP4MP */
        rec[7] = 4;                            /* BGP4MP_MESSAGE_AS4 */
        put32(rec + 12, TGEN_DEFAULT_PEER_AS); /* peer AS */
        put32(rec + 16, 64496);                /* local AS */
        rec[23] = 2;                           /* AFI IPv6; interface index 0 */
        rec[24] = 0x20;                        /* peer 2001:db8::1 */
        rec[25] = 0x01;
        rec[26] = 0x0d;
        rec[27] = 0xb8;
        rec[39] = 1;
        memcpy(rec + 40, rec + 24, 16); /* local 2001:db8::2 */
        rec[55] = 2;
        for (size_t off = 0; off < t->len;) {
                size_t len = tgen_msg_len(t, off);
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

static void decode_all(const struct tgen_table *t, const struct bgp_codec_opts *opts,
                       struct walk *w)
{
        static struct bgp_msg msg;
        static struct bgp_as_segment seg;
        struct bgp_verdict v;

        for (size_t off = 0; off < t->len;) {
                size_t len = tgen_msg_len(t, off);
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
        const char *ipasn = optind < argc ? argv[optind] : TGEN_DEFAULT_IPASN;

        struct bgp_codec_opts opts;
        bgp_codec_opts_init(&opts);
        opts.families = BGP_FAMILY_IPV6_UNICAST;

        struct tgen_prefixes pfx;
        struct tgen_peer peer;
        struct tgen_table t;
        char err[512];
        if (tgen_load_ipasn(ipasn, &pfx, err, sizeof(err)) != 0)
                die("%s", err);
        tgen_peer_init(&peer, seed);
        if (tgen_build(&t, &pfx, &peer, &opts, err, sizeof(err)) != 0)
                die("%s", err);
        size_t n_routes = pfx.n;
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
        tgen_table_free(&t);
        tgen_prefixes_free(&pfx);
        return 0;
}
