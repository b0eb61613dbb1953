/* slab.c - see slab.h. */
#include <string.h>

#include "slab.h"

/* Under AddressSanitizer, free objects and the unused end of a block are poisoned, so a
 * use after free inside the RIB is still reported although no malloc is involved. */
#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#define POISON(p, n)   ASAN_POISON_MEMORY_REGION((p), (n))
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define POISON(p, n)   ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
#endif

/* 64 KiB: below glibc's mmap threshold, and large enough that the block header and the
 * unused end of a block are lost in the noise (0.2 % at worst for 256-octet objects). */
#define BLOCK_SIZE ((size_t)64 * 1024)
/* The first word of a block links it to the previous one; objects start after it. */
#define BLOCK_HEADER BGP_SLAB_GRAIN

static size_t rounded(size_t size)
{
        return (size + BGP_SLAB_GRAIN - 1) & ~(size_t)(BGP_SLAB_GRAIN - 1);
}

void bgp_slab_init(struct bgp_slab *s, const struct bgp_mem *mem)
{
        memset(s, 0, sizeof(*s));
        s->mem = mem;
}

static int new_block(struct bgp_slab *s)
{
        uint8_t *b = bgp_mem_alloc(s->mem, BLOCK_SIZE);
        if (b == NULL)
                return -1;
        memcpy(b, &s->blocks, sizeof(s->blocks));
        s->blocks = b;
        s->block_bytes += BLOCK_SIZE;
        s->bump = b + BLOCK_HEADER;
        s->bump_left = BLOCK_SIZE - BLOCK_HEADER;
        POISON(s->bump, s->bump_left);
        return 0;
}

void *bgp_slab_alloc(struct bgp_slab *s, size_t size)
{
        if (size == 0)
                return NULL;
        size = rounded(size);
        if (size > BGP_SLAB_MAX) {
                void *p = bgp_mem_alloc(s->mem, size);
                if (p != NULL)
                        s->big_bytes += size;
                return p;
        }
        void **head = &s->free[size / BGP_SLAB_GRAIN - 1];
        void *p = *head;
        if (p != NULL) {
                UNPOISON(p, size);
                memcpy(head, p, sizeof(*head));
        } else {
                if (s->bump_left < size) {
                        /* The rest of the block is too small for this object: it goes to
                         * the free list of its own size, so nothing is lost. */
                        if (s->bump_left >= BGP_SLAB_GRAIN) {
                                void *rest = s->bump;
                                size_t rest_size = s->bump_left;
                                void **rest_head = &s->free[rest_size / BGP_SLAB_GRAIN - 1];
                                UNPOISON(rest, rest_size);
                                memcpy(rest, rest_head, sizeof(*rest_head));
                                *rest_head = rest;
                                POISON(rest, rest_size);
                        }
                        if (new_block(s) != 0)
                                return NULL;
                }
                p = s->bump;
                s->bump += size;
                s->bump_left -= size;
                UNPOISON(p, size);
        }
        s->live_bytes += size;
        return p;
}

void bgp_slab_free(struct bgp_slab *s, void *p, size_t size)
{
        if (p == NULL)
                return;
        size = rounded(size);
        if (size > BGP_SLAB_MAX) {
                s->big_bytes -= size;
                bgp_mem_free(s->mem, p);
                return;
        }
        void **head = &s->free[size / BGP_SLAB_GRAIN - 1];
        memcpy(p, head, sizeof(*head));
        *head = p;
        s->live_bytes -= size;
        POISON(p, size);
}

void bgp_slab_destroy(struct bgp_slab *s)
{
        void *b = s->blocks;
        while (b != NULL) {
                void *prev;
                UNPOISON(b, BLOCK_SIZE);
                memcpy(&prev, b, sizeof(prev));
                bgp_mem_free(s->mem, b);
                b = prev;
        }
        const struct bgp_mem *mem = s->mem;
        bgp_slab_init(s, mem);
}
