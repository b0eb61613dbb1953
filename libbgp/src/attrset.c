/*
 * attrset.c - interned attribute sets: one copy of each distinct set of attributes.
 *
 * A set is a single allocation: the struct, then its arrays.  The table is a chained hash
 * that doubles when it holds more sets than buckets.
 */
#include <string.h>

#include "rib_int.h"

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

static bool same_pattr(const struct bgp_pattr *a, const struct bgp_pattr *b)
{
        if (a->has != b->has || a->origin != b->origin || a->med != b->med ||
            a->local_pref != b->local_pref || a->aggregator_as != b->aggregator_as ||
            a->aggregator_addr != b->aggregator_addr || a->originator_id != b->originator_id ||
            a->otc != b->otc || a->nh_afi != b->nh_afi ||
            memcmp(a->next_hop, b->next_hop, sizeof(a->next_hop)) != 0 ||
            memcmp(a->ll_next_hop, b->ll_next_hop, sizeof(a->ll_next_hop)) != 0 ||
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
                    a->raw[i].len != b->raw[i].len)
                        return false;
        return true;
}

/* Copies src's arrays into the block after the set, aligned for each element type. */
static struct bgp_attrset *set_new(struct bgp_rib *rib, const struct bgp_pattr *src)
{
        size_t off = sizeof(struct bgp_attrset);
        size_t o_comm, o_ext, o_large, o_cluster, o_raw, o_rawb, o_path;
#define PLACE(o, n, type)                                                                          \
        do {                                                                                       \
                off = (off + _Alignof(type) - 1) & ~(_Alignof(type) - 1);                          \
                (o) = off;                                                                         \
                off += (n) * sizeof(type);                                                         \
        } while (0)
        PLACE(o_ext, src->n_ext_communities, uint64_t);
        PLACE(o_comm, src->n_communities, uint32_t);
        PLACE(o_large, src->n_large_communities, struct bgp_large_community);
        PLACE(o_cluster, src->n_cluster_list, uint32_t);
        PLACE(o_raw, src->n_raw, struct bgp_attr_raw);
        PLACE(o_rawb, src->raw_bytes_len, uint8_t);
        PLACE(o_path, src->as_path_len, uint8_t);
#undef PLACE
        uint8_t *block = bgp_mem_alloc(&rib->mem, off);
        if (block == NULL)
                return NULL;
        struct bgp_attrset *as = (struct bgp_attrset *)(void *)block;
        memset(as, 0, sizeof(*as));
        as->pa = *src;
        /* The arrays live in the set's own block and are never given to bgp_pattr_free();
         * the allocator is the RIB's, so copies made from the set (policy) use it too. */
        as->pa.mem = &rib->mem;
#define COPY(field, o, n, type)                                                                    \
        do {                                                                                       \
                as->pa.field = (n) > 0 ? (type *)(void *)(block + (o)) : NULL;                     \
                if ((n) > 0)                                                                       \
                        memcpy(as->pa.field, src->field, (n) * sizeof(type));                      \
        } while (0)
        COPY(ext_communities, o_ext, src->n_ext_communities, uint64_t);
        COPY(communities, o_comm, src->n_communities, uint32_t);
        COPY(large_communities, o_large, src->n_large_communities, struct bgp_large_community);
        COPY(cluster_list, o_cluster, src->n_cluster_list, uint32_t);
        COPY(raw, o_raw, src->n_raw, struct bgp_attr_raw);
        COPY(raw_bytes, o_rawb, src->raw_bytes_len, uint8_t);
        COPY(as_path, o_path, src->as_path_len, uint8_t);
#undef COPY
        /* Unknown attributes' values point into raw_bytes: move them to the copy. */
        for (size_t i = 0; i < src->n_raw; i++) {
                size_t at = (size_t)(src->raw[i].value - src->raw_bytes);
                as->pa.raw[i].value = as->pa.raw_bytes + at;
        }
        as->refs = 1;
        return as;
}

static int grow(struct bgp_rib *rib)
{
        size_t n = rib->n_buckets ? rib->n_buckets * 2 : 1024;
        struct bgp_attrset **b = bgp_mem_calloc(&rib->mem, n, sizeof(*b));
        if (b == NULL)
                return BGP_ERR_NOMEM;
        for (size_t i = 0; i < rib->n_buckets; i++) {
                struct bgp_attrset *as = rib->buckets[i], *next;
                for (; as != NULL; as = next) {
                        next = as->next;
                        as->next = b[as->hash & (n - 1)];
                        b[as->hash & (n - 1)] = as;
                }
        }
        bgp_mem_free(&rib->mem, rib->buckets);
        rib->buckets = b;
        rib->n_buckets = n;
        return 0;
}

struct bgp_attrset *bgp_attrset_intern(struct bgp_rib *rib, const struct bgp_pattr *pa)
{
        if (rib->n_sets >= rib->n_buckets && grow(rib) != 0 && rib->n_buckets == 0)
                return NULL;
        uint32_t h = hash_pattr(pa);
        struct bgp_attrset **bucket = &rib->buckets[h & (rib->n_buckets - 1)];
        for (struct bgp_attrset *as = *bucket; as != NULL; as = as->next)
                if (as->hash == h && same_pattr(&as->pa, pa)) {
                        as->refs++;
                        return as;
                }
        struct bgp_attrset *as = set_new(rib, pa);
        if (as == NULL)
                return NULL;
        as->hash = h;
        as->next = *bucket;
        *bucket = as;
        rib->n_sets++;
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
        struct bgp_attrset **p = &rib->buckets[as->hash & (rib->n_buckets - 1)];
        while (*p != as)
                p = &(*p)->next;
        *p = as->next;
        rib->n_sets--;
        bgp_mem_free(&rib->mem, as);
}

void bgp_attrset_view(const struct bgp_attrset *as, struct bgp_pattr *view)
{
        *view = as->pa;
}

size_t bgp_rib_attrset_count(const struct bgp_rib *rib)
{
        return rib->n_sets;
}

void bgp_attrset_table_free(struct bgp_rib *rib)
{
        for (size_t i = 0; i < rib->n_buckets; i++) {
                struct bgp_attrset *as = rib->buckets[i], *next;
                for (; as != NULL; as = next) {
                        next = as->next;
                        bgp_mem_free(&rib->mem, as);
                }
        }
        bgp_mem_free(&rib->mem, rib->buckets);
        rib->buckets = NULL;
        rib->n_buckets = 0;
        rib->n_sets = 0;
}
