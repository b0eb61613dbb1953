/*
 * trie.h - a path-compressed binary trie of prefixes (the RIB's index), one per family.
 *
 * Nodes carry the prefix they stand for; a node with routes is a prefix of the RIB, one
 * without is only a branching point.  Keys are up to 128 bits, so IPv4 and IPv6 use the
 * same code.
 */
#ifndef BGP_TRIE_H
#define BGP_TRIE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mem.h"

struct bgp_route;

struct bgp_trie_node {
        struct bgp_trie_node *child[2];
        struct bgp_route *routes; /* NULL for a branching point */
        struct bgp_route *best;
        uint8_t addr[16];
        uint8_t len;
        uint8_t afi; /* enum bgp_afi of the trie */
        bool queued; /* in the RIB's list of changed prefixes */
};

struct bgp_trie {
        struct bgp_trie_node *root;
        const struct bgp_mem *mem;
        size_t nodes;
        uint8_t afi;
};

/* The node for exactly addr/len, created (as a prefix with no routes yet) when absent.
 * NULL when out of memory. */
struct bgp_trie_node *bgp_trie_get(struct bgp_trie *t, const uint8_t *addr, uint8_t len);
/* The node for exactly addr/len, or NULL. */
struct bgp_trie_node *bgp_trie_find(const struct bgp_trie *t, const uint8_t *addr, uint8_t len);
/* Removes a node that has no routes, and the branching point above it if it is left with
 * one child. */
void bgp_trie_prune(struct bgp_trie *t, const uint8_t *addr, uint8_t len);
/* Visits every node with routes in prefix order; fn may not change the trie. */
void bgp_trie_walk(const struct bgp_trie *t, void (*fn)(struct bgp_trie_node *n, void *ctx),
                   void *ctx);
/* Frees every node (their routes are the caller's). */
void bgp_trie_free(struct bgp_trie *t, void (*fn)(struct bgp_trie_node *n, void *ctx), void *ctx);

#endif /* BGP_TRIE_H */
