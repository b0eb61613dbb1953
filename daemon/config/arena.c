/*
 * arena.c - chunked bump allocation for one configuration (arena.h).
 */
#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

#define CHUNK_SIZE 8192u

struct chunk {
        struct chunk *next;
        size_t size; /* usable bytes in data */
        size_t used;
        alignas(max_align_t) unsigned char data[];
};

struct config_arena {
        struct chunk *head; /* the chunk being filled; older ones follow */
};

struct config_arena *config_arena_new(void)
{
        return calloc(1, sizeof(struct config_arena));
}

void config_arena_free(struct config_arena *a)
{
        if (a == NULL)
                return;
        struct chunk *c = a->head;
        while (c != NULL) {
                struct chunk *next = c->next;
                free(c);
                c = next;
        }
        free(a);
}

static size_t round_up(size_t n)
{
        size_t al = alignof(max_align_t);
        return (n + al - 1) / al * al;
}

void *config_arena_alloc(struct config_arena *a, size_t size)
{
        if (size == 0)
                size = 1;
        if (size > SIZE_MAX / 2)
                return NULL;
        size = round_up(size);

        struct chunk *c = a->head;
        if (c == NULL || c->size - c->used < size) {
                /* A large block gets a chunk of its own, behind the current one, so the
                 * space left in the current chunk is not abandoned. */
                size_t want = size > CHUNK_SIZE / 4 ? size : CHUNK_SIZE;
                struct chunk *n = malloc(sizeof(*n) + want);
                if (n == NULL)
                        return NULL;
                n->size = want;
                n->used = 0;
                if (c != NULL && want != CHUNK_SIZE) {
                        n->next = c->next;
                        c->next = n;
                } else {
                        n->next = c;
                        a->head = n;
                }
                c = n;
        }
        void *p = c->data + c->used;
        c->used += size;
        memset(p, 0, size);
        return p;
}

char *config_arena_strndup(struct config_arena *a, const char *s, size_t n)
{
        char *p = config_arena_alloc(a, n + 1);
        if (p == NULL)
                return NULL;
        memcpy(p, s, n);
        p[n] = '\0';
        return p;
}

char *config_arena_strdup(struct config_arena *a, const char *s)
{
        return config_arena_strndup(a, s, strlen(s));
}

/* The capacity of an array of n elements: 0, or the next power of two from 4 up. */
static size_t capacity(size_t n)
{
        if (n == 0)
                return 0;
        size_t cap = 4;
        while (cap < n)
                cap *= 2;
        return cap;
}

void *config_arena_reserve(struct config_arena *a, void *base, size_t n, size_t elem)
{
        size_t cap = capacity(n);

        if (n < cap)
                return base;
        size_t ncap = cap ? cap * 2 : 4;
        if (ncap > SIZE_MAX / elem)
                return NULL;
        unsigned char *nv = config_arena_alloc(a, ncap * elem);
        if (nv == NULL)
                return NULL;
        if (n > 0)
                memcpy(nv, base, n * elem);
        return nv;
}

void *config_array_open(void *base, size_t *n, size_t elem, size_t at)
{
        unsigned char *b = base;

        memmove(b + (at + 1) * elem, b + at * elem, (*n - at) * elem);
        memset(b + at * elem, 0, elem);
        (*n)++;
        return b + at * elem;
}
