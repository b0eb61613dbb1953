/*
 * rib_int.h - the inside of struct bgp_rib, shared by rib.c, attrset.c and decide.c.
 */
#ifndef BGP_RIB_INT_H
#define BGP_RIB_INT_H

#include <bgp/rib.h>

#include "mem.h"
#include "trie.h"

struct bgp_attrset {
        struct bgp_attrset *next; /* hash chain */
        uint32_t hash;
        uint32_t refs;
        /* The attributes; their arrays live in the same allocation, after this struct. */
        struct bgp_pattr pa;
};

/* One peer's route for one prefix. */
struct bgp_route {
        struct bgp_route *next;
        struct bgp_rib_peer *peer;
        struct bgp_attrset *pre;  /* as received, with soft-reconfiguration inbound */
        struct bgp_attrset *post; /* after inbound policy; NULL: rejected */
};

struct bgp_rib_peer {
        struct bgp_rib_peer_config cfg;
        bool local;
        bool ebgp;
        size_t accepted;
        size_t received;
};

struct bgp_rib {
        struct bgp_mem mem;
        struct bgp_trie trie[2]; /* IPv4, IPv6 */
        struct bgp_attrset **buckets;
        size_t n_buckets;
        size_t n_sets;
        struct bgp_rib_peer **peers;
        size_t n_peers;
        size_t cap_peers;
        struct bgp_rib_peer local;
        /* Prefixes whose best path changed since the last drain. */
        struct bgp_trie_node **changed;
        size_t n_changed;
        size_t cap_changed;
};

/* attrset.c */
void bgp_attrset_table_free(struct bgp_rib *rib);

/* decide.c: the best route of a node, NULL when none is usable. */
struct bgp_route *bgp_decide(const struct bgp_trie_node *n);

#endif /* BGP_RIB_INT_H */
