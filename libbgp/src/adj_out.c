/*
 * adj_out.c - Adj-RIB-Out: what a peer was sent, and the UPDATEs that bring it up to date.
 *
 * Entries are kept in a hash table by prefix.  A change only marks its entry pending; the
 * UPDATEs are built when the session asks for them, from the pending entries sorted so
 * that withdrawals come first and announcements that share an attribute set are adjacent:
 * one message then carries as many of them as fit (bgp_update_build_announce()).
 */
#include <stdlib.h>
#include <string.h>

#include "rib_int.h"

struct out_entry {
        struct out_entry *next; /* hash chain */
        struct bgp_prefix prefix;
        struct bgp_attrset *sent; /* what the peer has; NULL: nothing */
        struct bgp_attrset *want; /* what it should have; NULL: nothing */
        bool pending;
};

struct bgp_adj_out {
        struct bgp_rib *rib;
        struct out_entry **buckets;
        size_t n_buckets;
        size_t n_entries;
        size_t advertised;
        /* Entries with a change to send; [cursor, n) are still to do, sorted if sorted. */
        struct out_entry **pending;
        size_t n_pending;
        size_t cap_pending;
        size_t cursor;
        bool sorted;
        /* Scratch for building messages. */
        struct bgp_prefix *batch;
        uint8_t *scratch;
};

enum {
        BATCH_MAX = 8192,
        SCRATCH_LEN = 65536
};

static uint32_t prefix_hash(const struct bgp_prefix *p)
{
        uint32_t h = 2166136261u ^ p->afi;
        h = (h ^ p->len) * 16777619u;
        for (size_t i = 0; i < 16; i++)
                h = (h ^ p->addr[i]) * 16777619u;
        return h;
}

static bool same_prefix(const struct bgp_prefix *a, const struct bgp_prefix *b)
{
        return a->afi == b->afi && a->len == b->len && memcmp(a->addr, b->addr, 16) == 0;
}

int bgp_adj_out_new(struct bgp_rib *rib, struct bgp_adj_out **out)
{
        struct bgp_adj_out *o = bgp_mem_calloc(&rib->mem, 1, sizeof(*o));
        *out = NULL;
        if (o == NULL)
                return BGP_ERR_NOMEM;
        o->rib = rib;
        *out = o;
        return 0;
}

void bgp_adj_out_del(struct bgp_adj_out *o)
{
        if (o == NULL)
                return;
        const struct bgp_mem *m = &o->rib->mem;
        for (size_t i = 0; i < o->n_buckets; i++) {
                struct out_entry *e = o->buckets[i], *next;
                for (; e != NULL; e = next) {
                        next = e->next;
                        bgp_attrset_unref(o->rib, e->sent);
                        bgp_attrset_unref(o->rib, e->want);
                        bgp_mem_free(m, e);
                }
        }
        bgp_mem_free(m, o->buckets);
        bgp_mem_free(m, o->pending);
        bgp_mem_free(m, o->batch);
        bgp_mem_free(m, o->scratch);
        bgp_mem_free(m, o);
}

static int grow_table(struct bgp_adj_out *o)
{
        size_t n = o->n_buckets ? o->n_buckets * 2 : 64;
        struct out_entry **b = bgp_mem_calloc(&o->rib->mem, n, sizeof(*b));
        if (b == NULL)
                return BGP_ERR_NOMEM;
        for (size_t i = 0; i < o->n_buckets; i++) {
                struct out_entry *e = o->buckets[i], *next;
                for (; e != NULL; e = next) {
                        next = e->next;
                        size_t at = prefix_hash(&e->prefix) & (n - 1);
                        e->next = b[at];
                        b[at] = e;
                }
        }
        bgp_mem_free(&o->rib->mem, o->buckets);
        o->buckets = b;
        o->n_buckets = n;
        return 0;
}

static struct out_entry **find(struct bgp_adj_out *o, const struct bgp_prefix *pfx)
{
        struct out_entry **link = &o->buckets[prefix_hash(pfx) & (o->n_buckets - 1)];
        while (*link != NULL && !same_prefix(&(*link)->prefix, pfx))
                link = &(*link)->next;
        return link;
}

static int mark_pending(struct bgp_adj_out *o, struct out_entry *e)
{
        if (e->pending)
                return 0;
        if (o->n_pending == o->cap_pending) {
                size_t cap = o->cap_pending ? o->cap_pending * 2 : 64;
                struct out_entry **np =
                    bgp_mem_realloc(&o->rib->mem, o->pending, cap * sizeof(*np));
                if (np == NULL)
                        return BGP_ERR_NOMEM;
                o->pending = np;
                o->cap_pending = cap;
        }
        o->pending[o->n_pending++] = e;
        e->pending = true;
        o->sorted = false;
        return 0;
}

/* Frees an entry that holds nothing and waits for nothing. */
static void maybe_free(struct bgp_adj_out *o, struct out_entry *e)
{
        if (e->sent != NULL || e->want != NULL || e->pending)
                return;
        struct out_entry **link = find(o, &e->prefix);
        *link = e->next;
        o->n_entries--;
        bgp_mem_free(&o->rib->mem, e);
}

int bgp_adj_out_set(struct bgp_adj_out *o, const struct bgp_prefix *pfx, struct bgp_attrset *attrs)
{
        if (o->n_entries >= o->n_buckets && grow_table(o) != 0 && o->n_buckets == 0)
                return BGP_ERR_NOMEM;
        struct out_entry **link = find(o, pfx);
        struct out_entry *e = *link;
        if (e == NULL) {
                if (attrs == NULL)
                        return 0; /* nothing sent, nothing wanted */
                e = bgp_mem_calloc(&o->rib->mem, 1, sizeof(*e));
                if (e == NULL)
                        return BGP_ERR_NOMEM;
                e->prefix = *pfx;
                *link = e;
                o->n_entries++;
        }
        struct bgp_attrset *old = e->want;
        e->want = bgp_attrset_ref(attrs);
        bgp_attrset_unref(o->rib, old);
        if (e->want != e->sent)
                return mark_pending(o, e);
        maybe_free(o, e);
        return 0;
}

/* Withdrawals first, then by family and attribute set, so groups are adjacent. */
static int pending_order(const void *pa, const void *pb)
{
        const struct out_entry *a = *(struct out_entry *const *)pa;
        const struct out_entry *b = *(struct out_entry *const *)pb;
        if ((a->want == NULL) != (b->want == NULL))
                return a->want == NULL ? -1 : 1;
        if (a->prefix.afi != b->prefix.afi)
                return a->prefix.afi < b->prefix.afi ? -1 : 1;
        if (a->want != b->want)
                return (uintptr_t)a->want < (uintptr_t)b->want ? -1 : 1;
        return 0;
}

static void sort_pending(struct bgp_adj_out *o)
{
        /* Drop what is done and what no longer differs, then sort the rest. */
        size_t n = 0;
        for (size_t i = o->cursor; i < o->n_pending; i++) {
                struct out_entry *e = o->pending[i];
                if (e->want == e->sent) {
                        e->pending = false;
                        maybe_free(o, e);
                        continue;
                }
                o->pending[n++] = e;
        }
        o->n_pending = n;
        o->cursor = 0;
        if (n > 1)
                qsort(o->pending, n, sizeof(*o->pending), pending_order);
        o->sorted = true;
}

/* Marks the first done entries of the group as sent. */
static void commit(struct bgp_adj_out *o, struct out_entry **group, size_t done)
{
        for (size_t i = 0; i < done; i++) {
                struct out_entry *e = group[i];
                if (e->sent == NULL && e->want != NULL)
                        o->advertised++;
                else if (e->sent != NULL && e->want == NULL)
                        o->advertised--;
                struct bgp_attrset *old = e->sent;
                e->sent = bgp_attrset_ref(e->want);
                bgp_attrset_unref(o->rib, old);
                e->pending = false;
                /* Behind the cursor now, so it can go if it holds nothing. */
                maybe_free(o, e);
        }
}

int bgp_adj_out_next(struct bgp_adj_out *o, const struct bgp_codec_opts *opts, uint8_t *buf,
                     size_t cap)
{
        if (o->batch == NULL) {
                o->batch = bgp_mem_calloc(&o->rib->mem, BATCH_MAX, sizeof(*o->batch));
                o->scratch = bgp_mem_alloc(&o->rib->mem, SCRATCH_LEN);
                if (o->batch == NULL || o->scratch == NULL)
                        return BGP_ERR_NOMEM;
        }
        if (!o->sorted)
                sort_pending(o);
        while (o->cursor < o->n_pending &&
               o->pending[o->cursor]->want == o->pending[o->cursor]->sent) {
                o->pending[o->cursor]->pending = false;
                o->cursor++;
        }
        if (o->cursor >= o->n_pending) {
                o->n_pending = 0;
                o->cursor = 0;
                return 0;
        }

        struct out_entry **group = &o->pending[o->cursor];
        struct out_entry *first = group[0];
        size_t n = 0;
        while (o->cursor + n < o->n_pending && n < BATCH_MAX && group[n]->want == first->want &&
               group[n]->prefix.afi == first->prefix.afi && group[n]->want != group[n]->sent) {
                o->batch[n] = group[n]->prefix;
                n++;
        }
        size_t done = 0;
        int rc;
        if (first->want == NULL) {
                rc =
                    bgp_update_build_withdraw(buf, cap, opts, BGP_SAFI_UNICAST, o->batch, n, &done);
        } else {
                struct bgp_attrs attrs;
                struct bgp_pattr view;
                bgp_attrset_view(first->want, &view);
                rc = bgp_pattr_to_attrs(&view, first->prefix.afi, &attrs, o->scratch, SCRATCH_LEN);
                if (rc == 0)
                        rc = bgp_update_build_announce(buf, cap, opts, &attrs, BGP_SAFI_UNICAST,
                                                       o->batch, n, &done);
        }
        if (rc < 0) {
                /* One route that can never fit: give up on it, keep the others going. */
                first->pending = false;
                o->cursor++;
                return rc;
        }
        commit(o, group, done);
        o->cursor += done;
        return rc;
}

void bgp_adj_out_reset(struct bgp_adj_out *o)
{
        for (size_t i = 0; i < o->n_buckets; i++)
                for (struct out_entry *e = o->buckets[i]; e != NULL; e = e->next) {
                        bgp_attrset_unref(o->rib, e->sent);
                        e->sent = NULL;
                        if (e->want != NULL)
                                (void)mark_pending(o, e);
                }
        o->advertised = 0;
}

size_t bgp_adj_out_pending(const struct bgp_adj_out *o)
{
        size_t n = 0;
        for (size_t i = o->cursor; i < o->n_pending; i++)
                n += o->pending[i]->want != o->pending[i]->sent;
        return n;
}

size_t bgp_adj_out_count(const struct bgp_adj_out *o)
{
        return o->advertised;
}

void bgp_adj_out_walk(const struct bgp_adj_out *o,
                      void (*fn)(const struct bgp_prefix *pfx, const struct bgp_attrset *attrs,
                                 void *ctx),
                      void *ctx)
{
        for (size_t i = 0; i < o->n_buckets; i++)
                for (const struct out_entry *e = o->buckets[i]; e != NULL; e = e->next)
                        if (e->sent != NULL)
                                fn(&e->prefix, e->sent, ctx);
}
