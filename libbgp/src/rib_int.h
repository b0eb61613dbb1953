/*
 * rib_int.h - the inside of struct bgp_rib, shared by rib.c, attrset.c, decide.c and
 * adj_out.c.
 *
 * Memory is the RIB's first concern: two full IPv6 tables are half a million routes.  So
 * routes live inside their prefix's trie node (trie.h), name their attribute sets and
 * peers by 32- and 16-bit numbers instead of pointers, and attribute sets store only what
 * they hold, after a 66-octet header (docs/BENCHMARKS.md has the arithmetic).
 */
#ifndef BGP_RIB_INT_H
#define BGP_RIB_INT_H

#include <bgp/rib.h>

#include "mem.h"
#include "slab.h"
#include "trie.h"

/*
 * An interned set of attributes.  The header holds what best-path selection compares, so
 * that it never has to parse the AS path; the optional values and the arrays follow it in
 * the same object (attrset.c, set_layout), each only when present.
 */
struct bgp_attrset {
        uint32_t next; /* hash chain: id of the next set in the bucket, 0 at the end */
        uint32_t id;   /* index in bgp_rib.sets; never 0 */
        uint32_t hash;
        uint32_t refs;
        uint32_t med;
        uint32_t local_pref;
        uint32_t first_as;    /* bgp_pattr_first_as() */
        uint32_t as_path_len; /* octets */
        uint16_t path_length; /* bgp_pattr_as_path_length(), at most 65535 */
        uint16_t nh_afi;
        uint16_t n_communities;
        uint16_t n_large_communities;
        uint16_t n_ext_communities;
        uint16_t n_cluster_list;
        uint16_t n_raw;
        uint16_t raw_bytes_len;
        uint8_t has; /* BGP_PA_* */
        uint8_t origin;
        uint8_t next_hop[16];
        uint8_t tail[]; /* see set_layout() */
};

/* The set's ORIGINATOR_ID (only meaningful with BGP_PA_ORIGINATOR_ID). */
uint32_t bgp_attrset_originator_id(const struct bgp_attrset *as);

/* One peer's route for one prefix, inside the prefix's trie node (12 octets). */
struct bgp_route {
        uint32_t post;  /* set id after inbound policy; 0: rejected */
        uint32_t pre;   /* set id as received, with soft-reconfiguration inbound; 0: none */
        uint16_t peer;  /* the peer's slot, bgp_rib.peers */
        uint16_t spare; /* keeps the array 4-aligned */
};

struct bgp_rib_peer {
        struct bgp_rib_peer_config cfg;
        uint16_t slot;
        bool local;
        bool ebgp;
        size_t accepted;
        size_t received;
};

struct bgp_rib {
        struct bgp_mem mem;
        struct bgp_slab slab;    /* trie nodes and attribute sets */
        size_t set_bytes;        /* of the sets in the slab (bgp_rib_memory) */
        struct bgp_trie trie[2]; /* IPv4, IPv6 */
        /* Interned sets: by id, and a hash table of ids (0: empty bucket). */
        struct bgp_attrset **sets;
        uint32_t n_ids; /* ids handed out so far (sets[0] is never used) */
        uint32_t cap_ids;
        uint32_t *free_ids; /* ids of freed sets, reused first */
        uint32_t n_free_ids, cap_free_ids;
        uint32_t *buckets;
        size_t n_buckets;
        size_t n_sets;
        /* Peers by slot; slot 0 is the local peer, a NULL slot is free. */
        struct bgp_rib_peer **peers;
        uint32_t n_slots;
        uint32_t cap_slots;
        struct bgp_rib_peer local;
        /* Prefixes whose best path changed since the last drain. */
        struct bgp_trie_node **changed;
        size_t n_changed;
        size_t cap_changed;
};

static inline struct bgp_attrset *bgp_rib_set(const struct bgp_rib *rib, uint32_t id)
{
        return id == 0 ? NULL : rib->sets[id];
}

static inline uint32_t bgp_attrset_id(const struct bgp_attrset *as)
{
        return as == NULL ? 0 : as->id;
}

/* attrset.c */
void bgp_attrset_table_free(struct bgp_rib *rib);

/* decide.c: the index of the best route of a node, BGP_TRIE_NO_BEST when none is usable. */
uint16_t bgp_decide(const struct bgp_rib *rib, const struct bgp_trie_node *n);

#endif /* BGP_RIB_INT_H */
