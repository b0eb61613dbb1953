/*
 * pattr.c - owned, mutable path attributes: their life cycle, the copy, and the conversion
 * from a decoded UPDATE (RFC 4271 4.3, RFC 4760 3, RFC 6793 4.2.3).
 */
#include <string.h>

#include <bgp/attrs.h>

#include "pattr.h"
#include "rd.h"

struct bgp_mem bgp_pattr_mem(const struct bgp_pattr *pa)
{
        struct bgp_mem m;
        bgp_mem_init(&m, pa->mem);
        return m;
}

void bgp_pattr_init(struct bgp_pattr *pa, const struct bgp_mem *mem)
{
        memset(pa, 0, sizeof(*pa));
        pa->mem = mem;
}

void bgp_pattr_free(struct bgp_pattr *pa)
{
        struct bgp_mem m = bgp_pattr_mem(pa);

        bgp_mem_free(&m, pa->as_path);
        bgp_mem_free(&m, pa->communities);
        bgp_mem_free(&m, pa->ext_communities);
        bgp_mem_free(&m, pa->large_communities);
        bgp_mem_free(&m, pa->cluster_list);
        bgp_mem_free(&m, pa->raw);
        bgp_mem_free(&m, pa->raw_bytes);
        /* Usable again, with the same allocator. */
        bgp_pattr_init(pa, pa->mem);
}

/* A copy of n items of size bytes, NULL for none; *err set on failure. */
static void *dup_items(const struct bgp_mem *m, const void *src, size_t n, size_t size, int *err)
{
        if (n == 0 || src == NULL)
                return NULL;
        void *p = bgp_mem_calloc(m, n, size);
        if (p == NULL) {
                *err = BGP_ERR_NOMEM;
                return NULL;
        }
        memcpy(p, src, n * size);
        return p;
}

/* The values of raw in one block, and the descriptors pointing into it. */
static int copy_raw(struct bgp_pattr *dst, const struct bgp_mem *m, const struct bgp_attr_raw *raw,
                    size_t n)
{
        size_t total = 0;

        if (n == 0)
                return 0;
        for (size_t i = 0; i < n; i++)
                total += raw[i].len;
        dst->raw = bgp_mem_calloc(m, n, sizeof(*dst->raw));
        if (dst->raw == NULL)
                return BGP_ERR_NOMEM;
        if (total > 0) {
                dst->raw_bytes = bgp_mem_alloc(m, total);
                if (dst->raw_bytes == NULL)
                        return BGP_ERR_NOMEM;
        }
        size_t off = 0;
        for (size_t i = 0; i < n; i++) {
                dst->raw[i] = raw[i];
                dst->raw[i].value = dst->raw_bytes != NULL ? dst->raw_bytes + off : NULL;
                if (raw[i].len > 0)
                        memcpy(dst->raw_bytes + off, raw[i].value, raw[i].len);
                off += raw[i].len;
        }
        dst->n_raw = n;
        dst->raw_bytes_len = total;
        return 0;
}

int bgp_pattr_copy(struct bgp_pattr *dst, const struct bgp_pattr *src)
{
        struct bgp_mem m = bgp_pattr_mem(src);
        int err = 0;

        /* dst is taken as uninitialised storage: it gets src's scalars and allocator and
         * its own copies of the arrays. */
        *dst = *src;
        dst->as_path = dup_items(&m, src->as_path, src->as_path_len, 1, &err);
        dst->communities =
            dup_items(&m, src->communities, src->n_communities, sizeof(uint32_t), &err);
        dst->ext_communities =
            dup_items(&m, src->ext_communities, src->n_ext_communities, sizeof(uint64_t), &err);
        dst->large_communities = dup_items(&m, src->large_communities, src->n_large_communities,
                                           sizeof(struct bgp_large_community), &err);
        dst->cluster_list =
            dup_items(&m, src->cluster_list, src->n_cluster_list, sizeof(uint32_t), &err);
        dst->raw = NULL;
        dst->n_raw = 0;
        dst->raw_bytes = NULL;
        dst->raw_bytes_len = 0;
        if (err == 0)
                err = copy_raw(dst, &m, src->raw, src->n_raw);
        if (err != 0) {
                bgp_pattr_free(dst);
                return err;
        }
        /* Lengths of arrays that were empty in src stay 0 with a NULL array. */
        if (dst->as_path == NULL)
                dst->as_path_len = 0;
        return 0;
}

/* Reads a run of 4-octet items (COMMUNITIES, CLUSTER_LIST) into host order. */
static uint32_t *read_u32_list(const struct bgp_mem *m, const struct bgp_attr_list *l, int *err)
{
        if (l->count == 0 || l->data == NULL)
                return NULL;
        uint32_t *v = bgp_mem_calloc(m, l->count, sizeof(*v));
        if (v == NULL) {
                *err = BGP_ERR_NOMEM;
                return NULL;
        }
        struct bgp_rd rd = bgp_rd_make(l->data, l->count * 4);
        for (size_t i = 0; i < l->count; i++)
                (void)bgp_rd_u32(&rd, &v[i]);
        return v;
}

static uint64_t *read_ext_list(const struct bgp_mem *m, const struct bgp_attr_list *l, int *err)
{
        if (l->count == 0 || l->data == NULL)
                return NULL;
        uint64_t *v = bgp_mem_calloc(m, l->count, sizeof(*v));
        if (v == NULL) {
                *err = BGP_ERR_NOMEM;
                return NULL;
        }
        struct bgp_rd rd = bgp_rd_make(l->data, l->count * 8);
        for (size_t i = 0; i < l->count; i++) {
                uint32_t hi = 0, lo = 0;
                (void)bgp_rd_u32(&rd, &hi);
                (void)bgp_rd_u32(&rd, &lo);
                v[i] = (uint64_t)hi << 32 | lo;
        }
        return v;
}

static struct bgp_large_community *read_large_list(const struct bgp_mem *m,
                                                   const struct bgp_attr_list *l, int *err)
{
        if (l->count == 0 || l->data == NULL)
                return NULL;
        struct bgp_large_community *v = bgp_mem_calloc(m, l->count, sizeof(*v));
        if (v == NULL) {
                *err = BGP_ERR_NOMEM;
                return NULL;
        }
        struct bgp_rd rd = bgp_rd_make(l->data, l->count * 12);
        for (size_t i = 0; i < l->count; i++) {
                (void)bgp_rd_u32(&rd, &v[i].global);
                (void)bgp_rd_u32(&rd, &v[i].local1);
                (void)bgp_rd_u32(&rd, &v[i].local2);
        }
        return v;
}

static uint32_t addr4(const uint8_t b[4])
{
        struct bgp_rd rd = bgp_rd_make(b, 4);
        uint32_t v = 0;
        (void)bgp_rd_u32(&rd, &v);
        return v;
}

static bool all_zero(const uint8_t *b, size_t n)
{
        for (size_t i = 0; i < n; i++)
                if (b[i] != 0)
                        return false;
        return true;
}

/*
 * The next hop: MP_REACH_NLRI's when present (RFC 4760 3; for IPv6, RFC 2545 3: 16 octets
 * of global address, or 32 with a link-local one after it), else NEXT_HOP (RFC 4271 5.1.3).
 * A link-local half of zeros, which some speakers send, counts as none.
 */
static void take_next_hop(struct bgp_pattr *pa, const struct bgp_attrs *a)
{
        if (bgp_attrs_has(a, BGP_ATTR_MP_REACH_NLRI)) {
                const struct bgp_mp_reach *mp = &a->mp_reach;
                if (mp->nh_len == 16 || mp->nh_len == 32) {
                        pa->nh_afi = BGP_AFI_IPV6;
                        memcpy(pa->next_hop, mp->nh, 16);
                        pa->has |= BGP_PA_NEXT_HOP;
                        if (mp->nh_len == 32 && !all_zero(mp->nh + 16, 16)) {
                                memcpy(pa->ll_next_hop, mp->nh + 16, 16);
                                pa->has |= BGP_PA_LL_NEXT_HOP;
                        }
                        return;
                }
                if (mp->nh_len == 4) {
                        pa->nh_afi = BGP_AFI_IPV4;
                        memcpy(pa->next_hop, mp->nh, 4);
                        pa->has |= BGP_PA_NEXT_HOP;
                        return;
                }
        }
        if (bgp_attrs_has(a, BGP_ATTR_NEXT_HOP)) {
                pa->nh_afi = BGP_AFI_IPV4;
                memcpy(pa->next_hop, a->next_hop, 4);
                pa->has |= BGP_PA_NEXT_HOP;
        }
}

/*
 * AGGREGATOR from a 2-octet speaker, RFC 6793 4.2.3: when AGGREGATOR names a real AS (not
 * AS_TRANS), AS4_AGGREGATOR and AS4_PATH are both ignored; otherwise AS4_AGGREGATOR is the
 * aggregator.  AS4_AGGREGATOR without AGGREGATOR is taken as if AGGREGATOR had carried
 * AS_TRANS, as FRR does (bgpd/bgp_attr.c bgp_attr_munge_as4_attrs).  Returns whether
 * AS4_PATH may be used.
 */
static bool take_aggregator(struct bgp_pattr *pa, const struct bgp_attrs *a, bool two_octet)
{
        bool agg = bgp_attrs_has(a, BGP_ATTR_AGGREGATOR);
        bool agg4 = two_octet && bgp_attrs_has(a, BGP_ATTR_AS4_AGGREGATOR);

        if (agg) {
                pa->has |= BGP_PA_AGGREGATOR;
                pa->aggregator_as = a->aggregator_as;
                pa->aggregator_addr = addr4(a->aggregator_addr);
        }
        if (!agg4)
                return true;
        if (agg && a->aggregator_as != BGP_AS_TRANS)
                return false;
        pa->has |= BGP_PA_AGGREGATOR;
        pa->aggregator_as = a->as4_aggregator_as;
        pa->aggregator_addr = addr4(a->as4_aggregator_addr);
        return true;
}

int bgp_pattr_from_update(struct bgp_pattr *pa, const struct bgp_attrs *a)
{
        const struct bgp_mem *caller_mem = pa->mem;
        struct bgp_mem m;
        int err = 0;

        bgp_pattr_free(pa);
        pa->mem = caller_mem;
        m = bgp_pattr_mem(pa);

        pa->origin = bgp_attrs_has(a, BGP_ATTR_ORIGIN) ? a->origin : BGP_ORIGIN_INCOMPLETE;
        if (bgp_attrs_has(a, BGP_ATTR_MED)) {
                pa->has |= BGP_PA_MED;
                pa->med = a->med;
        }
        if (bgp_attrs_has(a, BGP_ATTR_LOCAL_PREF)) {
                pa->has |= BGP_PA_LOCAL_PREF;
                pa->local_pref = a->local_pref;
        }
        if (bgp_attrs_has(a, BGP_ATTR_ATOMIC_AGGREGATE))
                pa->has |= BGP_PA_ATOMIC_AGGREGATE;
        if (bgp_attrs_has(a, BGP_ATTR_ORIGINATOR_ID)) {
                pa->has |= BGP_PA_ORIGINATOR_ID;
                pa->originator_id = a->originator_id;
        }
        if (bgp_attrs_has(a, BGP_ATTR_OTC)) {
                pa->has |= BGP_PA_OTC;
                pa->otc = a->otc;
        }
        take_next_hop(pa, a);

        /* RFC 6793 4.2.3: AS4_PATH only means something next to a 2-octet AS_PATH. */
        bool two_octet = bgp_attrs_has(a, BGP_ATTR_AS_PATH) && a->as_path.asn_size == 2;
        bool use_as4 =
            take_aggregator(pa, a, two_octet) && two_octet && bgp_attrs_has(a, BGP_ATTR_AS4_PATH);
        if (bgp_attrs_has(a, BGP_ATTR_AS_PATH))
                err = bgp_pattr_build_as_path(pa, &a->as_path, use_as4 ? &a->as4_path : NULL);
        if (err != 0)
                goto fail;

        if (bgp_attrs_has(a, BGP_ATTR_COMMUNITIES)) {
                pa->communities = read_u32_list(&m, &a->communities, &err);
                pa->n_communities = pa->communities != NULL ? a->communities.count : 0;
                /* FRR keeps communities sorted without duplicates (community_parse). */
                bgp_communities_normalise(pa->communities, &pa->n_communities);
        }
        if (bgp_attrs_has(a, BGP_ATTR_EXT_COMMUNITIES)) {
                pa->ext_communities = read_ext_list(&m, &a->ext_communities, &err);
                pa->n_ext_communities = pa->ext_communities != NULL ? a->ext_communities.count : 0;
        }
        if (bgp_attrs_has(a, BGP_ATTR_LARGE_COMMUNITIES)) {
                pa->large_communities = read_large_list(&m, &a->large_communities, &err);
                pa->n_large_communities =
                    pa->large_communities != NULL ? a->large_communities.count : 0;
                bgp_large_communities_normalise(pa->large_communities, &pa->n_large_communities);
        }
        if (bgp_attrs_has(a, BGP_ATTR_CLUSTER_LIST)) {
                pa->cluster_list = read_u32_list(&m, &a->cluster_list, &err);
                pa->n_cluster_list = pa->cluster_list != NULL ? a->cluster_list.count : 0;
        }
        if (err == 0)
                err = copy_raw(pa, &m, a->raw, a->n_raw);
        if (err == 0)
                return 0;
fail:
        bgp_pattr_free(pa);
        return err;
}
