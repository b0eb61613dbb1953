/* mem.c - the allocator hooks of a libbgp object. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"

static void *std_malloc(size_t size, void *ud)
{
        (void)ud;
        return malloc(size);
}

static void std_free(void *ptr, void *ud)
{
        (void)ud;
        free(ptr);
}

static void *std_realloc(void *ptr, size_t size, void *ud)
{
        (void)ud;
        return realloc(ptr, size);
}

void bgp_mem_init(struct bgp_mem *dst, const struct bgp_mem *src)
{
        memset(dst, 0, sizeof(*dst));
        if (src != NULL)
                *dst = *src;
        /* Hooks come as a set: a partial set falls back to the C library entirely. */
        if (dst->malloc == NULL || dst->free == NULL || dst->realloc == NULL) {
                dst->malloc = std_malloc;
                dst->free = std_free;
                dst->realloc = std_realloc;
        }
}

void *bgp_mem_alloc(const struct bgp_mem *m, size_t size)
{
        return m->malloc(size, m->user_data);
}

void *bgp_mem_calloc(const struct bgp_mem *m, size_t n, size_t size)
{
        if (size != 0 && n > SIZE_MAX / size)
                return NULL;
        void *p = m->malloc(n * size, m->user_data);
        if (p != NULL)
                memset(p, 0, n * size);
        return p;
}

void *bgp_mem_realloc(const struct bgp_mem *m, void *ptr, size_t size)
{
        return m->realloc(ptr, size, m->user_data);
}

void bgp_mem_free(const struct bgp_mem *m, void *ptr)
{
        if (ptr != NULL)
                m->free(ptr, m->user_data);
}
