/*
 * source.h - loading a table from MRT, the ipasn generator or a prefix file.
 *
 * Each loader fills a struct rtable (table.h) and returns 0, or -1 with a message in err.
 */
#ifndef LBGP_REPLAY_SOURCE_H
#define LBGP_REPLAY_SOURCE_H

#include <stddef.h>
#include <stdint.h>

#include "table.h"

struct rsource_opts {
        /* MRT: which peer of the file, its index or its address; NULL for the default. */
        const char *mrt_peer;
        /* A prefix file: the AS path after ours ("64500 64501"), NULL or "" for none. */
        const char *path;
        /* The generator: the ipasn file. */
        const char *ipasn;
};

/*
 * TABLE_DUMP_V2: the RIB of one peer of the PEER_INDEX_TABLE (by index or address; by
 * default the first peer with routes of the table's families).  BGP4MP: the UPDATEs of
 * one peer in their order (by address, or by index in the order peers appear; by default
 * the first that announces a route of the table's families).  gzip and bzip2 are undone;
 * a cut stream ends the table at the last whole record (t->note says so).
 */
int rsource_load_mrt(struct rtable *t, const char *file, const char *mrt_peer, char *err,
                     size_t errlen);

/* The ipasn prefixes with the generated shape of bench/table_gen.c; first_as begins every
 * generated path (after ours). */
int rsource_load_generated(struct rtable *t, const char *ipasn, uint64_t seed, uint32_t first_as,
                           char *err, size_t errlen);

/* One prefix a line ('#' starts a comment), ORIGIN IGP, our AS then path. */
int rsource_load_prefixes(struct rtable *t, const char *file, const char *path, char *err,
                          size_t errlen);

/*
 * A table named on the command line: "generate:SEED[:FIRST_AS]" (the generator on
 * o->ipasn), else a file, MRT or a prefix list as its first bytes say.
 */
int rsource_load_spec(struct rtable *t, const char *spec, const struct rsource_opts *o, char *err,
                      size_t errlen);

#endif /* LBGP_REPLAY_SOURCE_H */
