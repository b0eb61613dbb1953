/*
 * table_gen.h - a synthetic full IPv6 table, shaped by real data, as UPDATE messages.
 *
 * The prefixes and their origin ASes are a real table: an ipasn file ("prefix<TAB>asn" a
 * line, gzip), by default the whole route-views6 table of 2026-07-30.  What that file lacks,
 * the attributes, is drawn with a seeded PRNG from the distributions measured on the real
 * route-views6 RIB slice of the same day (ipv6-table-shape.json, hard-coded in
 * table_gen.c).  Prefixes of one origin are cut into attribute sets, and each set goes
 * through libbgp's builder (bgp_update_build_announce), which packs as many prefixes as fit
 * in 4096 octets, as a speaker sending its table does.
 *
 * The same prefixes built for two peers (another first AS, another seed) give two tables
 * with the same prefixes and different paths, as two upstreams send.  Shared by the
 * benchmarks in bench/.
 */
#ifndef BENCH_TABLE_GEN_H
#define BENCH_TABLE_GEN_H

#include <stddef.h>
#include <stdint.h>

#include <bgp/bgp.h>

#ifndef BGP_SHARED_DATA
#define BGP_SHARED_DATA "../shared/data"
#endif
#define TGEN_DEFAULT_IPASN BGP_SHARED_DATA "/mrt/routeviews6.ipasn6.20260730.dat.gz"

/* A full-table peer of route-views6: the first AS of the paths when nothing else is said. */
#define TGEN_DEFAULT_PEER_AS 6939

struct tgen_route {
        struct bgp_prefix pfx;
        uint32_t origin;
};

/* The prefixes of a table, sorted by origin, then address: a set's prefixes are adjacent. */
struct tgen_prefixes {
        struct tgen_route *routes;
        size_t n;
};

/* Who sends the table. */
struct tgen_peer {
        uint32_t peer_as;     /* first AS of every path longer than one */
        uint64_t seed;        /* of the PRNG that draws the attributes and the sets */
        uint8_t next_hop[16]; /* the MP_REACH_NLRI next hop (global, 16 octets) */
};

/* Sets peer_as TGEN_DEFAULT_PEER_AS, the given seed, next hop 2001:db8::1. */
void tgen_peer_init(struct tgen_peer *peer, uint64_t seed);

/* The UPDATEs, back to back in buf (each a whole message, header included). */
struct tgen_table {
        uint8_t *buf;
        size_t len, cap;
        size_t msgs;
        size_t sets;
};

/* Loads and sorts an ipasn file.  0, or -1 with a message in err. */
int tgen_load_ipasn(const char *path, struct tgen_prefixes *out, char *err, size_t errlen);
void tgen_prefixes_free(struct tgen_prefixes *p);

/* Builds the table peer sends for the prefixes.  0, or -1 with a message in err. */
int tgen_build(struct tgen_table *t, const struct tgen_prefixes *p, const struct tgen_peer *peer,
               const struct bgp_codec_opts *opts, char *err, size_t errlen);
void tgen_table_free(struct tgen_table *t);

/* The length of the message at off (from its header). */
size_t tgen_msg_len(const struct tgen_table *t, size_t off);

#endif /* BENCH_TABLE_GEN_H */
