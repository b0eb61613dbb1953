/*
 * table.h - a table to replay: attribute sets, prefixes, and the order to send them in.
 *
 * Every source (MRT, the generator, a prefix file) loads into one struct rtable before the
 * session starts, so that reading and decompressing never slow the replay down and a flap
 * or a withdrawal can send the same routes again.  Attribute sets are interned (an MRT RIB
 * repeats one set for many prefixes), and our AS is prepended once, at load; the next hop
 * depends on the session and is set when sending.
 *
 * A table is a list of steps: announce prefixes with one set, or withdraw prefixes.  A RIB,
 * the generator and a prefix file give one announce step per set, its prefixes packed
 * together (as a speaker's Adj-RIB-Out does); a BGP4MP file gives the peer's UPDATEs in
 * their order.
 */
#ifndef LBGP_REPLAY_TABLE_H
#define LBGP_REPLAY_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <bgp/attrs.h>
#include <bgp/bgp.h>

struct rtable_set {
        struct bgp_pattr pa; /* our AS first, no next hop */
        uint8_t *key;        /* the set's bytes, for interning */
        size_t key_len;
        uint32_t hash;
};

enum rstep_kind {
        RSTEP_ANNOUNCE,
        RSTEP_WITHDRAW,
};

struct rtable_step {
        enum rstep_kind kind;
        uint32_t set; /* RSTEP_ANNOUNCE */
        uint16_t afi;
        uint8_t safi;
        size_t first, n; /* prefixes pfx[first .. first + n) */
};

/* One family's prefixes, sorted and unique: what "withdraw everything" withdraws. */
struct rtable_family {
        uint16_t afi;
        uint8_t safi;
        struct bgp_prefix *pfx;
        size_t n;
};

/* A prefix waiting to be grouped by set (sources that load a RIB). */
struct rtable_pending {
        uint32_t set;
        uint8_t safi;
        uint32_t order; /* arrival, to keep the sort stable */
        struct bgp_prefix pfx;
};

#define RTABLE_MAX_FAMILIES 4

struct rtable {
        uint32_t local_as; /* prepended to every path; 0 prepends nothing */
        uint32_t families; /* enum bgp_family: routes of other families are skipped */

        struct rtable_set *sets;
        size_t n_sets, cap_sets;
        uint32_t *slots; /* open addressing: set index + 1, 0 for empty */
        size_t n_slots;

        struct bgp_prefix *pfx;
        size_t n_pfx, cap_pfx;
        struct rtable_step *steps;
        size_t n_steps, cap_steps;

        struct rtable_pending *pending;
        size_t n_pending, cap_pending;

        struct rtable_family fam[RTABLE_MAX_FAMILIES];
        size_t n_fam;

        /* What loading found. */
        size_t announced;       /* prefixes in announce steps */
        size_t withdrawn;       /* prefixes in withdraw steps */
        size_t skipped_family;  /* routes of a family not asked for */
        size_t skipped_invalid; /* entries or messages that did not decode */
        char source[256];       /* what was loaded, for the report */
        char note[256];         /* a remark (a cut stream), or "" */
};

void rtable_init(struct rtable *t, uint32_t local_as, uint32_t families);
void rtable_free(struct rtable *t);

/* Interns decoded attributes (AS4_PATH merged, our AS prepended, next hop dropped).
 * 0 and *set, or BGP_ERR_NOMEM. */
int rtable_intern(struct rtable *t, const struct bgp_attrs *a, uint32_t *set);
/* Interns an owned set (taken over by the table whatever the outcome). */
int rtable_intern_pattr(struct rtable *t, struct bgp_pattr *pa, uint32_t *set);

/* Whether routes of this family are kept (callers count the others as skipped). */
bool rtable_wants(struct rtable *t, uint16_t afi, uint8_t safi);

/* RIB-like sources: a prefix and its set, grouped at rtable_finish(). */
int rtable_add(struct rtable *t, uint32_t set, uint8_t safi, const struct bgp_prefix *pfx);
/* Ordered sources: a step of its own (consecutive announcements with one set merge). */
int rtable_step_add(struct rtable *t, enum rstep_kind kind, uint32_t set, uint8_t safi,
                    const struct bgp_prefix *pfx, size_t n);

/* Groups what rtable_add() collected into steps and builds the per-family lists. */
int rtable_finish(struct rtable *t);

/* The number of distinct prefixes the table announces (over its families). */
size_t rtable_prefix_count(const struct rtable *t);

/* Prefixes of a that b has not, per family: what replacing a by b withdraws.  The lists in
 * out (n_out of them) own their arrays: free with rtable_families_free(). */
int rtable_diff(const struct rtable *a, const struct rtable *b, struct rtable_family *out,
                size_t *n_out);
void rtable_families_free(struct rtable_family *f, size_t n);

int rtable_prefix_cmp(const struct bgp_prefix *a, const struct bgp_prefix *b);

#endif /* LBGP_REPLAY_TABLE_H */
