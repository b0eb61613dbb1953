/*
 * slab.h - the RIB's small objects (trie nodes, attribute sets), packed into large blocks.
 *
 * A full table is a million objects of a few dozen octets.  Each one from malloc would
 * cost a header and a rounding (8 + up to 15 octets in glibc), and each first touch of a
 * fresh page a fault; packing them into 64 KiB blocks costs neither.  Objects are freed
 * with their size (the caller always knows it), so no header is needed at all.
 *
 * Freed objects go to a free list per size class and are reused; blocks go back to the
 * allocator only when the slab is destroyed.  A peer that drops its table and sends it
 * again reuses the same memory.
 */
#ifndef BGP_SLAB_H
#define BGP_SLAB_H

#include <stddef.h>
#include <stdint.h>

#include "mem.h"

/* Sizes are rounded up to this; it is also the objects' alignment. */
#define BGP_SLAB_GRAIN 8u
/* Larger objects go to the allocator directly. */
#define BGP_SLAB_MAX     256u
#define BGP_SLAB_CLASSES (BGP_SLAB_MAX / BGP_SLAB_GRAIN)

struct bgp_slab {
        const struct bgp_mem *mem;
        void *free[BGP_SLAB_CLASSES]; /* per class: freed objects, linked through them */
        uint8_t *bump;                /* the unused end of the newest block */
        size_t bump_left;
        void *blocks;       /* every block, linked through its first word */
        size_t block_bytes; /* held from the allocator, in blocks */
        size_t big_bytes;   /* held from the allocator, in objects over BGP_SLAB_MAX */
        size_t live_bytes;  /* handed out, rounded to the grain */
};

void bgp_slab_init(struct bgp_slab *s, const struct bgp_mem *mem);
/* size octets, 8-aligned, uninitialised; NULL when out of memory (or size is 0). */
void *bgp_slab_alloc(struct bgp_slab *s, size_t size);
/* p must come from bgp_slab_alloc(s, size) with the same size; NULL is ignored. */
void bgp_slab_free(struct bgp_slab *s, void *p, size_t size);
/* Gives every block back; every object of s becomes invalid. */
void bgp_slab_destroy(struct bgp_slab *s);

#endif /* BGP_SLAB_H */
