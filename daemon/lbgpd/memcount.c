/*
 * memcount.c - allocator hooks (struct bgp_mem) that count what the router holds.
 *
 * The router, and through it the RIB, the Adj-RIBs-Out and the attribute sets, allocates
 * only through the hooks it was created with.  These hooks put the size in a header before
 * each block, so that a free knows how much to take off: `show bgp summary json` reports
 * the bytes and blocks held now (lbgpd's own keys), and a leak shows as a count that only
 * grows while sessions come and go.  RSS could not say that: the C library keeps freed
 * memory, and a sanitizer's allocator keeps much more.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "lbgpd.h"

/* The header keeps the block's own alignment: the largest any C object needs. */
#define HEADER (sizeof(max_align_t) > sizeof(size_t) ? sizeof(max_align_t) : sizeof(size_t))

static void *count_malloc(size_t size, void *ud)
{
        struct lbgpd_memcount *mc = ud;
        if (size > SIZE_MAX - HEADER)
                return NULL;
        unsigned char *p = malloc(HEADER + size);
        if (p == NULL)
                return NULL;
        *(size_t *)(void *)p = size;
        mc->bytes += size;
        mc->blocks++;
        return p + HEADER;
}

static void count_free(void *ptr, void *ud)
{
        struct lbgpd_memcount *mc = ud;
        if (ptr == NULL)
                return;
        unsigned char *p = (unsigned char *)ptr - HEADER;
        mc->bytes -= *(size_t *)(void *)p;
        mc->blocks--;
        free(p);
}

static void *count_realloc(void *ptr, size_t size, void *ud)
{
        struct lbgpd_memcount *mc = ud;
        if (ptr == NULL)
                return count_malloc(size, ud);
        if (size > SIZE_MAX - HEADER)
                return NULL;
        unsigned char *old = (unsigned char *)ptr - HEADER;
        size_t was = *(size_t *)(void *)old;
        unsigned char *p = realloc(old, HEADER + size);
        if (p == NULL)
                return NULL; /* the old block is still there, and still counted */
        *(size_t *)(void *)p = size;
        mc->bytes = mc->bytes - was + size;
        return p + HEADER;
}

void lbgpd_memcount_hooks(struct lbgpd_memcount *mc, struct bgp_mem *out)
{
        mc->bytes = 0;
        mc->blocks = 0;
        out->user_data = mc;
        out->malloc = count_malloc;
        out->free = count_free;
        out->realloc = count_realloc;
}
