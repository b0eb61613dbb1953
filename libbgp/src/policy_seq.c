/*
 * policy_seq.c - the entries of a list in sequence order, as FRR keeps them: an entry with
 * an existing seq replaces that entry, a missing seq is the next multiple of five
 * (FRR docs "IP Prefix List", "seq"), and evaluation goes from the smallest seq up.
 */
#include <string.h>

#include "policy_int.h"

void bgp_seq_vec_init(struct bgp_seq_vec *v, size_t size)
{
        v->items = NULL;
        v->n = 0;
        v->cap = 0;
        v->size = size;
}

void *bgp_seq_vec_at(const struct bgp_seq_vec *v, size_t i)
{
        return v->items + i * v->size;
}

static uint32_t seq_of(const struct bgp_seq_vec *v, size_t i)
{
        uint32_t seq;
        memcpy(&seq, bgp_seq_vec_at(v, i), sizeof(seq));
        return seq;
}

int bgp_seq_vec_resolve(const struct bgp_seq_vec *v, int64_t seq, uint32_t *out)
{
        if (seq > (int64_t)UINT32_MAX)
                return BGP_ERR_INVALID_ARGUMENT;
        if (seq >= 0) {
                *out = (uint32_t)seq;
                return 0;
        }
        /* The largest seq is the last one; FRR caps the automatic seq at UINT_MAX. */
        uint64_t max = v->n > 0 ? seq_of(v, v->n - 1) : 0;
        uint64_t next = max / 5 * 5 + 5;
        *out = next > UINT32_MAX ? UINT32_MAX : (uint32_t)next;
        return 0;
}

int bgp_seq_vec_put(const struct bgp_mem *mem, struct bgp_seq_vec *v, const void *item,
                    bgp_seq_fini_fn fini)
{
        uint32_t seq;
        size_t at = 0;

        memcpy(&seq, item, sizeof(seq));
        while (at < v->n && seq_of(v, at) < seq)
                at++;
        if (at < v->n && seq_of(v, at) == seq) {
                fini(mem, bgp_seq_vec_at(v, at));
                memcpy(bgp_seq_vec_at(v, at), item, v->size);
                return 0;
        }
        if (v->n == v->cap) {
                size_t cap = v->cap == 0 ? 8 : v->cap * 2;
                if (cap > ((size_t)-1) / v->size)
                        return BGP_ERR_NOMEM;
                uint8_t *items = bgp_mem_realloc(mem, v->items, cap * v->size);
                if (items == NULL)
                        return BGP_ERR_NOMEM;
                v->items = items;
                v->cap = cap;
        }
        memmove(bgp_seq_vec_at(v, at + 1), bgp_seq_vec_at(v, at), (v->n - at) * v->size);
        memcpy(bgp_seq_vec_at(v, at), item, v->size);
        v->n++;
        return 0;
}

int bgp_seq_vec_remove(const struct bgp_mem *mem, struct bgp_seq_vec *v, uint32_t seq,
                       bgp_seq_fini_fn fini)
{
        for (size_t i = 0; i < v->n; i++) {
                if (seq_of(v, i) != seq)
                        continue;
                fini(mem, bgp_seq_vec_at(v, i));
                memmove(bgp_seq_vec_at(v, i), bgp_seq_vec_at(v, i + 1), (v->n - i - 1) * v->size);
                v->n--;
                return 0;
        }
        return BGP_ERR_EOF;
}

void bgp_seq_vec_free(const struct bgp_mem *mem, struct bgp_seq_vec *v, bgp_seq_fini_fn fini)
{
        for (size_t i = 0; i < v->n; i++)
                fini(mem, bgp_seq_vec_at(v, i));
        bgp_mem_free(mem, v->items);
        bgp_seq_vec_init(v, v->size);
}
