/*
 * mem.h - allocation through the per-object hooks of struct bgp_mem (never global).
 */
#ifndef BGP_MEM_H
#define BGP_MEM_H

#include <bgp/session.h>

/* Fills NULL hooks with the C library's. */
void bgp_mem_init(struct bgp_mem *dst, const struct bgp_mem *src);
void *bgp_mem_alloc(const struct bgp_mem *m, size_t size);
void *bgp_mem_calloc(const struct bgp_mem *m, size_t n, size_t size);
void *bgp_mem_realloc(const struct bgp_mem *m, void *ptr, size_t size);
void bgp_mem_free(const struct bgp_mem *m, void *ptr);

#endif /* BGP_MEM_H */
