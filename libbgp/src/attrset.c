/*
 * attrset.c - interned attribute sets: one copy of each distinct set of attributes.
 *
 * A set is one slab object: the header of struct bgp_attrset, then only what the set
 * holds (set_layout).  The median set of a full IPv6 table is about 110 octets this way,
 * where a struct bgp_pattr alone is 192.  Sets are named by a 32-bit id (routes store ids,
 * not pointers) and found through a chained hash table of ids that doubles when it holds
 * more sets than buckets.
 */
#include <string.h>

#include "pattr.h"
#include "rib_int.h"

/* has is kept in a uint8_t. */
_Static_assert(BGP_PA_LL_NEXT_HOP <= 0x80u, "BGP_PA_* bits must fit in an octet");

/* Where each part of a set's tail starts, as an offset from the start of the set. */
struct set_layout {
        size_t ext;       /* uint64_t[n_ext_communities] */
        size_t raw;       /* struct bgp_attr_raw[n_raw] */
        size_t scalars;   /* uint32_t: aggregator AS and address, originator id, OTC, each
                           * only when its BGP_PA_* bit is set, in that order */
        size_t comm;      /* uint32_t[n_communities] */
        size_t large;     /* struct bgp_large_community[n_large_communities] */
        size_t cluster;   /* uint32_t[n_cluster_list] */
        size_t ll;        /* uint8_t[16] with BGP_PA_LL_NEXT_HOP */
        size_t raw_bytes; /* uint8_t[raw_bytes_len] */
        size_t path;      /* uint8_t[as_path_len] */
        size_t size;      /* of the whole set */
};

struct set_counts {
        uint8_t has;
        size_t n_ext, n_raw, n_comm, n_large, n_cluster, raw_bytes_len, as_path_len;
};

static size_t n_scalars(uint8_t has)
{
        return 2u * !!(has & BGP_PA_AGGREGATOR) + !!(has & BGP_PA_ORIGINATOR_ID) +
               !!(has & BGP_PA_OTC);
}

/* Widest alignment first, so that padding is only ever needed once. */
static void set_layout(const struct set_counts *c, struct set_layout *l)
{
        size_t off = offsetof(struct bgp_attrset, tail);
#define PLACE(o, n, type)                                                                          \
        do {                                                                                       \
                off = (off + _Alignof(type) - 1) & ~(_Alignof(type) - 1);                          \
                (o) = off;                                                                         \
                off += (n) * sizeof(type);                                                         \
        } while (0)
        if (c->n_ext > 0)
                PLACE(l->ext, c->n_ext, uint64_t);
        else
                l->ext = off;
        if (c->n_raw > 0)
                PLACE(l->raw, c->n_raw, struct bgp_attr_raw);
        else
                l->raw = off;
        PLACE(l->scalars, n_scalars(c->has), uint32_t);
        PLACE(l->comm, c->n_comm, uint32_t);
        PLACE(l->large, c->n_large, struct bgp_large_community);
        PLACE(l->cluster, c->n_cluster, uint32_t);
        PLACE(l->ll, (c->has & BGP_PA_LL_NEXT_HOP) ? 16u : 0u, uint8_t);
        PLACE(l->raw_bytes, c->raw_bytes_len, uint8_t);
        PLACE(l->path, c->as_path_len, uint8_t);
#undef PLACE
        l->size = off;
}

static void counts_of_set(const struct bgp_attrset *as, struct set_counts *c)
{
        c->has = as->has;
        c->n_ext = as->n_ext_communities;
        c->n_raw = as->n_raw;
        c->n_comm = as->n_communities;
        c->n_large = as->n_large_communities;
        c->n_cluster = as->n_cluster_list;
        c->raw_bytes_len = as->raw_bytes_len;
        c->as_path_len = as->as_path_len;
}

/* False when pa holds more than a set can (counts are 16-bit): no UPDATE can carry such a
 * set, since each of those arrays would need an attribute over 65535 octets. */
static bool counts_of_pattr(const struct bgp_pattr *pa, struct set_counts *c)
{
        c->has = (uint8_t)pa->has;
        c->n_ext = pa->n_ext_communities;
        c->n_raw = pa->n_raw;
        c->n_comm = pa->n_communities;
        c->n_large = pa->n_large_communities;
        c->n_cluster = pa->n_cluster_list;
        c->raw_bytes_len = pa->raw_bytes_len;
        c->as_path_len = pa->as_path_len;
        return pa->has <= 0xffu && c->n_ext <= UINT16_MAX && c->n_raw <= UINT16_MAX &&
               c->n_comm <= UINT16_MAX && c->n_large <= UINT16_MAX && c->n_cluster <= UINT16_MAX &&
               c->raw_bytes_len <= UINT16_MAX && c->as_path_len <= UINT32_MAX;
}

static const void *at(const struct bgp_attrset *as, size_t off)
{
        return (const uint8_t *)as + off;
}

void bgp_attrset_view(const struct bgp_attrset *as, struct bgp_pattr *view)
{
        struct set_counts c;
        struct set_layout l;
        counts_of_set(as, &c);
        set_layout(&c, &l);

        memset(view, 0, sizeof(*view));
        view->has = as->has;
        view->origin = as->origin;
        view->med = as->med;
        view->local_pref = as->local_pref;
        view->nh_afi = as->nh_afi;
        memcpy(view->next_hop, as->next_hop, sizeof(view->next_hop));
        const uint32_t *s = at(as, l.scalars);
        if (as->has & BGP_PA_AGGREGATOR) {
                view->aggregator_as = *s++;
                view->aggregator_addr = *s++;
        }
        if (as->has & BGP_PA_ORIGINATOR_ID)
                view->originator_id = *s++;
        if (as->has & BGP_PA_OTC)
                view->otc = *s;
        if (as->has & BGP_PA_LL_NEXT_HOP)
                memcpy(view->ll_next_hop, at(as, l.ll), sizeof(view->ll_next_hop));
                /* The view's arrays are the set's own: read-only, and NULL when empty (as in a
                 * struct bgp_pattr built by the bgp_pattr_* functions). */
#define ARRAY(field, n_field, n, type, off)                                                        \
        do {                                                                                       \
                view->n_field = (n);                                                               \
                view->field = (n) > 0 ? (type *)(uintptr_t)at(as, (off)) : NULL;                   \
        } while (0)
        ARRAY(ext_communities, n_ext_communities, c.n_ext, uint64_t, l.ext);
        ARRAY(raw, n_raw, c.n_raw, struct bgp_attr_raw, l.raw);
        ARRAY(communities, n_communities, c.n_comm, uint32_t, l.comm);
        ARRAY(large_communities, n_large_communities, c.n_large, struct bgp_large_community,
              l.large);
        ARRAY(cluster_list, n_cluster_list, c.n_cluster, uint32_t, l.cluster);
        ARRAY(raw_bytes, raw_bytes_len, c.raw_bytes_len, uint8_t, l.raw_bytes);
        ARRAY(as_path, as_path_len, c.as_path_len, uint8_t, l.path);
#undef ARRAY
}

uint32_t bgp_attrset_originator_id(const struct bgp_attrset *as)
{
        if (!(as->has & BGP_PA_ORIGINATOR_ID))
                return 0;
        struct set_counts c;
        struct set_layout l;
        counts_of_set(as, &c);
        set_layout(&c, &l);
        const uint32_t *s = at(as, l.scalars);
        return s[(as->has & BGP_PA_AGGREGATOR) ? 2 : 0];
}

/* FNV-1a, fed field by field. */
static uint32_t mix(uint32_t h, const void *data, size_t len)
{
        const uint8_t *p = data;
        for (size_t i = 0; i < len; i++) {
                h ^= p[i];
                h *= 16777619u;
        }
        return h;
}

static uint32_t hash_pattr(const struct bgp_pattr *pa)
{
        uint32_t h = 2166136261u;
        h = mix(h, &pa->has, sizeof(pa->has));
        h = mix(h, &pa->origin, sizeof(pa->origin));
        h = mix(h, &pa->med, sizeof(pa->med));
        h = mix(h, &pa->local_pref, sizeof(pa->local_pref));
        h = mix(h, &pa->nh_afi, sizeof(pa->nh_afi));
        h = mix(h, pa->next_hop, sizeof(pa->next_hop));
        h = mix(h, pa->as_path, pa->as_path_len);
        h = mix(h, pa->communities, pa->n_communities * sizeof(uint32_t));
        h = mix(h, pa->large_communities, pa->n_large_communities * sizeof(*pa->large_communities));
        return h;
}

static bool same_array(const void *a, const void *b, size_t len)
{
        return len == 0 || memcmp(a, b, len) == 0;
}

/* Whether a and b hold the same attributes; has bits decide which optional values count. */
static bool same_pattr(const struct bgp_pattr *a, const struct bgp_pattr *b)
{
        uint32_t has = a->has;
        if (has != b->has || a->origin != b->origin || a->med != b->med ||
            a->local_pref != b->local_pref || a->nh_afi != b->nh_afi ||
            ((has & BGP_PA_AGGREGATOR) &&
             (a->aggregator_as != b->aggregator_as || a->aggregator_addr != b->aggregator_addr)) ||
            ((has & BGP_PA_ORIGINATOR_ID) && a->originator_id != b->originator_id) ||
            ((has & BGP_PA_OTC) && a->otc != b->otc) ||
            memcmp(a->next_hop, b->next_hop, sizeof(a->next_hop)) != 0 ||
            ((has & BGP_PA_LL_NEXT_HOP) &&
             memcmp(a->ll_next_hop, b->ll_next_hop, sizeof(a->ll_next_hop)) != 0) ||
            a->as_path_len != b->as_path_len || a->n_communities != b->n_communities ||
            a->n_ext_communities != b->n_ext_communities ||
            a->n_large_communities != b->n_large_communities ||
            a->n_cluster_list != b->n_cluster_list || a->n_raw != b->n_raw ||
            a->raw_bytes_len != b->raw_bytes_len)
                return false;
        if (!same_array(a->as_path, b->as_path, a->as_path_len) ||
            !same_array(a->communities, b->communities, a->n_communities * 4) ||
            !same_array(a->ext_communities, b->ext_communities, a->n_ext_communities * 8) ||
            !same_array(a->large_communities, b->large_communities,
                        a->n_large_communities * sizeof(*a->large_communities)) ||
            !same_array(a->cluster_list, b->cluster_list, a->n_cluster_list * 4) ||
            !same_array(a->raw_bytes, b->raw_bytes, a->raw_bytes_len))
                return false;
        for (size_t i = 0; i < a->n_raw; i++)
                if (a->raw[i].flags != b->raw[i].flags || a->raw[i].type != b->raw[i].type ||
                    a->raw[i].len != b->raw[i].len ||
                    a->raw[i].value - a->raw_bytes != b->raw[i].value - b->raw_bytes)
                        return false;
        return true;
}

static void copy_array(struct bgp_attrset *as, size_t off, const void *src, size_t len)
{
        if (len > 0)
                memcpy((uint8_t *)as + off, src, len);
}

static struct bgp_attrset *set_new(struct bgp_rib *rib, const struct bgp_pattr *src,
                                   const struct set_counts *c)
{
        struct set_layout l;
        set_layout(c, &l);
        struct bgp_attrset *as = bgp_slab_alloc(&rib->slab, l.size);
        if (as == NULL)
                return NULL;
        memset(as, 0, offsetof(struct bgp_attrset, tail));
        as->refs = 1;
        as->has = c->has;
        as->origin = src->origin;
        as->med = src->med;
        as->local_pref = src->local_pref;
        as->nh_afi = src->nh_afi;
        memcpy(as->next_hop, src->next_hop, sizeof(as->next_hop));
        as->first_as = bgp_pattr_first_as(src);
        unsigned plen = bgp_pattr_as_path_length(src);
        as->path_length = (uint16_t)(plen > UINT16_MAX ? UINT16_MAX : plen);
        as->n_ext_communities = (uint16_t)c->n_ext;
        as->n_raw = (uint16_t)c->n_raw;
        as->n_communities = (uint16_t)c->n_comm;
        as->n_large_communities = (uint16_t)c->n_large;
        as->n_cluster_list = (uint16_t)c->n_cluster;
        as->raw_bytes_len = (uint16_t)c->raw_bytes_len;
        as->as_path_len = (uint32_t)c->as_path_len;

        uint32_t scalars[4];
        size_t ns = 0;
        if (c->has & BGP_PA_AGGREGATOR) {
                scalars[ns++] = src->aggregator_as;
                scalars[ns++] = src->aggregator_addr;
        }
        if (c->has & BGP_PA_ORIGINATOR_ID)
                scalars[ns++] = src->originator_id;
        if (c->has & BGP_PA_OTC)
                scalars[ns++] = src->otc;
        copy_array(as, l.scalars, scalars, ns * sizeof(uint32_t));
        copy_array(as, l.ext, src->ext_communities, c->n_ext * sizeof(uint64_t));
        copy_array(as, l.comm, src->communities, c->n_comm * sizeof(uint32_t));
        copy_array(as, l.large, src->large_communities,
                   c->n_large * sizeof(struct bgp_large_community));
        copy_array(as, l.cluster, src->cluster_list, c->n_cluster * sizeof(uint32_t));
        if (c->has & BGP_PA_LL_NEXT_HOP)
                copy_array(as, l.ll, src->ll_next_hop, sizeof(src->ll_next_hop));
        copy_array(as, l.raw_bytes, src->raw_bytes, c->raw_bytes_len);
        copy_array(as, l.path, src->as_path, c->as_path_len);
        /* Unknown attributes' values point into raw_bytes: point them at the copy. */
        struct bgp_attr_raw *raw = (struct bgp_attr_raw *)(void *)((uint8_t *)as + l.raw);
        for (size_t i = 0; i < c->n_raw; i++) {
                raw[i] = src->raw[i];
                raw[i].value = (const uint8_t *)as + l.raw_bytes +
                               (size_t)(src->raw[i].value - src->raw_bytes);
        }
        return as;
}

static size_t set_size(const struct bgp_attrset *as)
{
        struct set_counts c;
        struct set_layout l;
        counts_of_set(as, &c);
        set_layout(&c, &l);
        return l.size;
}

static int grow_buckets(struct bgp_rib *rib)
{
        size_t n = rib->n_buckets ? rib->n_buckets * 2 : 1024;
        uint32_t *b = bgp_mem_calloc(&rib->mem, n, sizeof(*b));
        if (b == NULL)
                return BGP_ERR_NOMEM;
        for (size_t i = 0; i < rib->n_buckets; i++) {
                uint32_t id = rib->buckets[i], next;
                for (; id != 0; id = next) {
                        struct bgp_attrset *as = rib->sets[id];
                        next = as->next;
                        as->next = b[as->hash & (n - 1)];
                        b[as->hash & (n - 1)] = id;
                }
        }
        bgp_mem_free(&rib->mem, rib->buckets);
        rib->buckets = b;
        rib->n_buckets = n;
        return 0;
}

/* An id for a new set: a freed one if any, else the next unused; 0 when out of memory. */
static uint32_t take_id(struct bgp_rib *rib)
{
        if (rib->n_free_ids > 0)
                return rib->free_ids[--rib->n_free_ids];
        if (rib->n_ids == 0)
                rib->n_ids = 1; /* id 0 means "no set" */
        if (rib->n_ids >= rib->cap_ids) {
                if (rib->cap_ids >= UINT32_MAX / 2)
                        return 0;
                uint32_t cap = rib->cap_ids ? rib->cap_ids * 2 : 1024;
                struct bgp_attrset **s = bgp_mem_realloc(&rib->mem, rib->sets, cap * sizeof(*s));
                if (s == NULL)
                        return 0;
                rib->sets = s;
                rib->cap_ids = cap;
        }
        return rib->n_ids++;
}

/* Returns id to the pool; out of memory, the id is simply never reused. */
static void give_id(struct bgp_rib *rib, uint32_t id)
{
        rib->sets[id] = NULL;
        if (rib->n_free_ids == rib->cap_free_ids) {
                uint32_t cap = rib->cap_free_ids ? rib->cap_free_ids * 2 : 256;
                uint32_t *f = bgp_mem_realloc(&rib->mem, rib->free_ids, cap * sizeof(*f));
                if (f == NULL)
                        return;
                rib->free_ids = f;
                rib->cap_free_ids = cap;
        }
        rib->free_ids[rib->n_free_ids++] = id;
}

struct bgp_attrset *bgp_attrset_intern(struct bgp_rib *rib, const struct bgp_pattr *pa)
{
        struct set_counts c;
        if (!counts_of_pattr(pa, &c))
                return NULL;
        if (rib->n_sets >= rib->n_buckets && grow_buckets(rib) != 0 && rib->n_buckets == 0)
                return NULL;
        uint32_t h = hash_pattr(pa);
        uint32_t *bucket = &rib->buckets[h & (rib->n_buckets - 1)];
        for (uint32_t id = *bucket; id != 0;) {
                struct bgp_attrset *as = rib->sets[id];
                if (as->hash == h) {
                        struct bgp_pattr view;
                        bgp_attrset_view(as, &view);
                        if (same_pattr(&view, pa)) {
                                as->refs++;
                                return as;
                        }
                }
                id = as->next;
        }
        uint32_t id = take_id(rib);
        if (id == 0)
                return NULL;
        struct bgp_attrset *as = set_new(rib, pa, &c);
        if (as == NULL) {
                give_id(rib, id);
                return NULL;
        }
        as->id = id;
        as->hash = h;
        as->next = *bucket;
        *bucket = id;
        rib->sets[id] = as;
        rib->n_sets++;
        rib->set_bytes += set_size(as);
        return as;
}

struct bgp_attrset *bgp_attrset_ref(struct bgp_attrset *as)
{
        if (as != NULL)
                as->refs++;
        return as;
}

void bgp_attrset_unref(struct bgp_rib *rib, struct bgp_attrset *as)
{
        if (as == NULL || --as->refs > 0)
                return;
        uint32_t *p = &rib->buckets[as->hash & (rib->n_buckets - 1)];
        while (*p != as->id)
                p = &rib->sets[*p]->next;
        *p = as->next;
        rib->n_sets--;
        rib->set_bytes -= set_size(as);
        give_id(rib, as->id);
        bgp_slab_free(&rib->slab, as, set_size(as));
}

size_t bgp_rib_attrset_count(const struct bgp_rib *rib)
{
        return rib->n_sets;
}

void bgp_attrset_table_free(struct bgp_rib *rib)
{
        for (uint32_t id = 1; id < rib->n_ids; id++)
                if (rib->sets[id] != NULL)
                        bgp_slab_free(&rib->slab, rib->sets[id], set_size(rib->sets[id]));
        bgp_mem_free(&rib->mem, rib->sets);
        bgp_mem_free(&rib->mem, rib->free_ids);
        bgp_mem_free(&rib->mem, rib->buckets);
        rib->sets = NULL;
        rib->free_ids = NULL;
        rib->buckets = NULL;
        rib->n_ids = rib->cap_ids = rib->n_free_ids = rib->cap_free_ids = 0;
        rib->n_buckets = 0;
        rib->n_sets = 0;
        rib->set_bytes = 0;
}

void bgp_rib_memory(const struct bgp_rib *rib, struct bgp_rib_memory *out)
{
        out->trie_nodes = rib->trie[0].nodes + rib->trie[1].nodes;
        out->trie_bytes = rib->trie[0].bytes + rib->trie[1].bytes;
        out->sets = rib->n_sets;
        out->set_bytes = rib->set_bytes;
        out->index_bytes = (size_t)rib->cap_ids * sizeof(*rib->sets) +
                           (size_t)rib->cap_free_ids * sizeof(*rib->free_ids) +
                           rib->n_buckets * sizeof(*rib->buckets) +
                           rib->cap_changed * sizeof(*rib->changed) +
                           (size_t)rib->cap_slots * sizeof(*rib->peers);
        out->slab_held = rib->slab.block_bytes + rib->slab.big_bytes;
}
