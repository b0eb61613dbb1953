/*
 * arena.h - the memory of one configuration: allocations that are freed all at once.
 *
 * A configuration is built once and then never changes, so its pieces need no free() of
 * their own; one arena per configuration makes config_free() a single walk over chunks
 * and makes a failed parse leak nothing.  Growing an array copies it to a new block and
 * abandons the old one: configurations are small, and the waste is bounded by doubling.
 */
#ifndef LBGPD_ARENA_H
#define LBGPD_ARENA_H

#include <stddef.h>

struct config_arena;

struct config_arena *config_arena_new(void);
void config_arena_free(struct config_arena *a);

/* Zeroed memory aligned for any type, or NULL when memory runs out. */
void *config_arena_alloc(struct config_arena *a, size_t size);
char *config_arena_strdup(struct config_arena *a, const char *s);
char *config_arena_strndup(struct config_arena *a, const char *s, size_t n);

/*
 * Returns base, or a copy of it in a new block, with room for at least n + 1 elements of
 * size elem, or NULL when memory runs out.  The capacity is implied by the count (the next
 * power of two, at least 4), so the structs of the configuration need no capacity fields.
 */
void *config_arena_reserve(struct config_arena *a, void *base, size_t n, size_t elem);

/* Opens a zeroed slot at index at (0 <= at <= *n) of an array with room for one more,
 * moving the rest up; increments *n and returns the slot. */
void *config_array_open(void *base, size_t *n, size_t elem, size_t at);

/*
 * ARENA_GROW(a, cfg->route_maps, cfg->n_route_maps) makes room for one more element and
 * is NULL when memory ran out; the array is then lost, which is fine because a parse that
 * runs out of memory is abandoned with its arena.
 */
#define ARENA_GROW(a, v, n) ((v) = config_arena_reserve((a), (v), (n), sizeof(*(v))))

#endif /* LBGPD_ARENA_H */
