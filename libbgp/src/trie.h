/*
 * trie.h - a path-compressed binary trie of prefixes (the RIB's index), one per family.
 *
 * Nodes carry the prefix they stand for; a node with routes is a prefix of the RIB, one
 * without is only a branching point.  Keys are up to 128 bits, so IPv4 and IPv6 use the
 * same code.
 *
 * A node is one slab object of variable size: the header, the significant octets of its
 * prefix (6 for a /48), then the routes of the prefix (struct bgp_route, rib_int.h).  A
 * /48 with two routes is 56 octets, a branching point 32 at most for IPv6 /64 and shorter.
 * A node that needs room for more routes is reallocated (bgp_trie_grow), so a pointer to a
 * node is only good until the next announcement for that prefix; the RIB's queue of
 * changed prefixes is the one place that keeps such pointers, and bgp_trie_grow reports
 * the move.
 */
#ifndef BGP_TRIE_H
#define BGP_TRIE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "slab.h"

struct bgp_route;

#define BGP_TRIE_NO_BEST UINT16_MAX

struct bgp_trie_node {
        struct bgp_trie_node *child[2];
        uint8_t len;
        uint8_t afi;    /* enum bgp_afi of the trie */
        uint8_t queued; /* in the RIB's list of changed prefixes */
        uint8_t spare;
        uint16_t best; /* index of the best route, BGP_TRIE_NO_BEST when none */
        uint16_t n_routes;
        uint16_t cap_routes;
        uint8_t key[]; /* the first (len + 7) / 8 octets of the prefix, then the routes */
};

struct bgp_trie {
        struct bgp_trie_node *root;
        struct bgp_slab *slab;
        size_t nodes;
        size_t bytes; /* of the nodes */
        uint8_t afi;
};

/* The routes of n (n->n_routes of them, room for n->cap_routes). */
struct bgp_route *bgp_trie_routes(const struct bgp_trie_node *n);
/* The prefix of n into addr[16], zero-filled after its length. */
void bgp_trie_node_addr(const struct bgp_trie_node *n, uint8_t addr[16]);

/*
 * The node for exactly addr/len, created (as a prefix with no routes, room for cap) when
 * absent; *link receives the pointer that holds it (for bgp_trie_grow).  NULL when out
 * of memory.
 */
struct bgp_trie_node *bgp_trie_get(struct bgp_trie *t, const uint8_t *addr, uint8_t len,
                                   uint16_t cap, struct bgp_trie_node ***link);
/* The node for exactly addr/len, or NULL. */
struct bgp_trie_node *bgp_trie_find(const struct bgp_trie *t, const uint8_t *addr, uint8_t len);
/*
 * Moves the node at *link to a new object with room for cap routes (cap >= its routes)
 * and returns it, or NULL when out of memory (the node is then unchanged).
 */
struct bgp_trie_node *bgp_trie_grow(struct bgp_trie *t, struct bgp_trie_node **link, uint16_t cap);
/* Removes a node that has no routes and is not queued, and the branching point above it
 * if it is left with one child. */
void bgp_trie_prune(struct bgp_trie *t, const uint8_t *addr, uint8_t len);
/* Visits every node with routes in prefix order; fn may not change the trie. */
void bgp_trie_walk(const struct bgp_trie *t, void (*fn)(struct bgp_trie_node *n, void *ctx),
                   void *ctx);
/* Frees every node. */
void bgp_trie_free(struct bgp_trie *t);

#endif /* BGP_TRIE_H */
