/*
 * kernel_queue.c - route operations waiting to be written, one per prefix (kernel_queue.h).
 */
#include <stdlib.h>
#include <string.h>

#include "kernel_queue.h"

int kernel_queue_init(struct kernel_queue *q, uint32_t cap)
{
        uint32_t nslots = 16;

        memset(q, 0, sizeof(*q));
        if (cap == 0 || cap > UINT32_MAX / 4)
                return KERNEL_ERR_INVALID;
        while (nslots < 2 * cap)
                nslots *= 2;
        q->ops = malloc((size_t)cap * sizeof(*q->ops));
        q->slots = calloc(nslots, sizeof(*q->slots));
        if (q->ops == NULL || q->slots == NULL) {
                kernel_queue_free(q);
                return KERNEL_ERR_NOMEM;
        }
        q->cap = cap;
        q->mask = nslots - 1;
        return KERNEL_OK;
}

void kernel_queue_free(struct kernel_queue *q)
{
        free(q->ops);
        free(q->slots);
        memset(q, 0, sizeof(*q));
}

static uint64_t load64(const uint8_t *p)
{
        uint64_t v;

        memcpy(&v, p, sizeof(v));
        return v;
}

/* MurmurHash3's finaliser: every input bit reaches every output bit. */
static uint64_t mix64(uint64_t h)
{
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdu;
        h ^= h >> 33;
        h *= 0xc4ceb9fe1a85ec53u;
        return h ^ (h >> 33);
}

/* A full table's prefixes share their first octets and differ anywhere after: all count. */
static uint32_t prefix_hash(const struct bgp_prefix *p)
{
        uint64_t h = mix64(load64(p->addr + 8) ^ ((uint64_t)p->len << 16 | p->afi));

        return (uint32_t)mix64(load64(p->addr) ^ h);
}

static bool same_prefix(const struct bgp_prefix *a, const struct bgp_prefix *b)
{
        return a->afi == b->afi && a->len == b->len && memcmp(a->addr, b->addr, 16) == 0;
}

enum kernel_queue_put kernel_queue_put(struct kernel_queue *q, const struct kernel_op *op)
{
        uint32_t i = prefix_hash(&op->route.prefix) & q->mask;

        /* At most half the slots are in use, so the probe ends at an empty one. */
        for (; q->slots[i] != 0; i = (i + 1) & q->mask) {
                struct kernel_op *was = &q->ops[q->slots[i] - 1];

                if (same_prefix(&was->route.prefix, &op->route.prefix)) {
                        *was = *op;
                        return KERNEL_QUEUE_FOLDED;
                }
        }
        if (q->n == q->cap)
                return KERNEL_QUEUE_FULL;
        q->ops[q->n] = *op;
        q->slots[i] = ++q->n;
        return KERNEL_QUEUE_ADDED;
}

static int by_prefix(const void *a, const void *b)
{
        const struct bgp_prefix *x = &((const struct kernel_op *)a)->route.prefix;
        const struct bgp_prefix *y = &((const struct kernel_op *)b)->route.prefix;
        int c = memcmp(x->addr, y->addr, sizeof(x->addr));

        if (x->afi != y->afi)
                return x->afi < y->afi ? -1 : 1;
        if (c != 0)
                return c;
        return (int)x->len - (int)y->len;
}

static void forget_slots(struct kernel_queue *q)
{
        /* Few operations in a large table: find their slots rather than wipe them all. */
        if ((size_t)q->n * 8 < (size_t)q->mask + 1) {
                for (uint32_t k = 0; k < q->n; k++) {
                        uint32_t i = prefix_hash(&q->ops[k].route.prefix) & q->mask;

                        while (q->slots[i] != k + 1)
                                i = (i + 1) & q->mask;
                        q->slots[i] = 0;
                }
        } else {
                memset(q->slots, 0, ((size_t)q->mask + 1) * sizeof(*q->slots));
        }
}

void kernel_queue_sort(struct kernel_queue *q)
{
        if (!q->unindexed)
                forget_slots(q);
        q->unindexed = true;
        qsort(q->ops, q->n, sizeof(*q->ops), by_prefix);
}

void kernel_queue_clear(struct kernel_queue *q)
{
        if (!q->unindexed)
                forget_slots(q);
        q->unindexed = false;
        q->n = 0;
}
