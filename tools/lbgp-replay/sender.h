/*
 * sender.h - a table turned into the UPDATEs of one session, one message at a time.
 *
 * The sender does no I/O: the caller asks for the next message only when the session can
 * take it, so a slow peer slows the replay instead of filling memory.  It works through a
 * queue of jobs: a table (its steps in order, each set with this session's next hop),
 * withdrawals (per-family prefix lists), End-of-RIB.  Announcements are packed by
 * bgp_update_build_announce(): as many prefixes of one set as fit in a message.
 */
#ifndef LBGP_REPLAY_SENDER_H
#define LBGP_REPLAY_SENDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "table.h"

enum sjob_kind {
        SJOB_TABLE,
        SJOB_WITHDRAW,
        SJOB_EOR,
};

struct sjob {
        enum sjob_kind kind;
        const struct rtable *t;          /* SJOB_TABLE */
        const struct rtable_family *fam; /* SJOB_WITHDRAW: n_fam lists */
        size_t n_fam;
        uint16_t afi; /* SJOB_EOR */
        uint8_t safi;
};

struct sender_stats {
        uint64_t updates;
        uint64_t bytes;
        uint64_t announced; /* prefixes */
        uint64_t withdrawn;
        uint64_t eor;             /* End-of-RIB markers */
        uint64_t skipped_family;  /* prefixes of a family the session did not negotiate */
        uint64_t skipped_nexthop; /* prefixes we have no next hop of their family for */
};

#define SENDER_MAX_JOBS 16

struct sender {
        struct bgp_codec_opts opts;
        bool have_nh6, have_nh4;
        uint8_t nh6[16], nh4[4];

        struct sjob jobs[SENDER_MAX_JOBS];
        size_t n_jobs, cur;
        size_t step, done; /* inside the current job: step (or family) and prefix */

        /* The current step's attributes with our next hop, built once per step. */
        const struct rtable *cached_t;
        size_t cached_step;
        bool cached;
        struct bgp_attrs attrs;
        uint8_t *scratch;
        size_t scratch_cap;

        struct sender_stats st;
        /* At most this many prefixes an UPDATE (0: as many as fit), so that a table of few
         * attribute sets still reaches the peer as many small UPDATEs, as a real one does. */
        size_t per_update;
};

/* opts: the session's negotiated codec options (message size, 4-octet AS, families). */
void sender_init(struct sender *s, const struct bgp_codec_opts *opts);
void sender_free(struct sender *s);
void sender_set_next_hops(struct sender *s, const uint8_t *nh6, const uint8_t *nh4);

/* Queue jobs; BGP_ERR_NOMEM when the queue is full. */
int sender_push_table(struct sender *s, const struct rtable *t);
int sender_push_withdraw(struct sender *s, const struct rtable_family *fam, size_t n_fam);
/* End-of-RIB for every family the session negotiated. */
int sender_push_eor(struct sender *s);

/* Writes the next UPDATE into buf (cap >= the negotiated maximum); returns its length,
 * 0 when every job is done, or a negative error. */
int sender_next(struct sender *s, uint8_t *buf, size_t cap);
bool sender_idle(const struct sender *s);

#endif /* LBGP_REPLAY_SENDER_H */
