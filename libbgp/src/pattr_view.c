/*
 * pattr_view.c - an owned struct bgp_pattr seen as the codec's struct bgp_attrs, so that
 * routes from the RIB are encoded by the one attribute encoder (attr_encode.c) the codec
 * uses.  Lists kept in host order are written in network order into a scratch buffer.
 */
#include <string.h>

#include <bgp/attrs.h>

#include "wr.h"

static void put32(struct bgp_wr *wr, uint32_t v)
{
        bgp_wr_u32(wr, v);
}

int bgp_pattr_to_attrs(const struct bgp_pattr *pa, uint16_t afi, struct bgp_attrs *a,
                       uint8_t *scratch, size_t cap)
{
        struct bgp_wr wr = bgp_wr_make(scratch, cap);

        memset(a, 0, offsetof(struct bgp_attrs, raw));
        a->origin = pa->origin;
        bgp_attrs_set(a, BGP_ATTR_ORIGIN);
        a->as_path = (struct bgp_as_path){pa->as_path, pa->as_path_len, 4};
        bgp_attrs_set(a, BGP_ATTR_AS_PATH);

        if (pa->has & BGP_PA_MED) {
                a->med = pa->med;
                bgp_attrs_set(a, BGP_ATTR_MED);
        }
        if (pa->has & BGP_PA_LOCAL_PREF) {
                a->local_pref = pa->local_pref;
                bgp_attrs_set(a, BGP_ATTR_LOCAL_PREF);
        }
        if (pa->has & BGP_PA_ATOMIC_AGGREGATE)
                bgp_attrs_set(a, BGP_ATTR_ATOMIC_AGGREGATE);
        if (pa->has & BGP_PA_AGGREGATOR) {
                a->aggregator_as = pa->aggregator_as;
                a->aggregator_addr[0] = (uint8_t)(pa->aggregator_addr >> 24);
                a->aggregator_addr[1] = (uint8_t)(pa->aggregator_addr >> 16);
                a->aggregator_addr[2] = (uint8_t)(pa->aggregator_addr >> 8);
                a->aggregator_addr[3] = (uint8_t)pa->aggregator_addr;
                bgp_attrs_set(a, BGP_ATTR_AGGREGATOR);
        }
        if (pa->has & BGP_PA_ORIGINATOR_ID) {
                a->originator_id = pa->originator_id;
                bgp_attrs_set(a, BGP_ATTR_ORIGINATOR_ID);
        }
        if (pa->has & BGP_PA_OTC) {
                a->otc = pa->otc;
                bgp_attrs_set(a, BGP_ATTR_OTC);
        }
        if (pa->n_communities > 0) {
                a->communities.data = scratch + wr.off;
                a->communities.count = pa->n_communities;
                for (size_t i = 0; i < pa->n_communities; i++)
                        put32(&wr, pa->communities[i]);
                bgp_attrs_set(a, BGP_ATTR_COMMUNITIES);
        }
        if (pa->n_ext_communities > 0) {
                a->ext_communities.data = scratch + wr.off;
                a->ext_communities.count = pa->n_ext_communities;
                for (size_t i = 0; i < pa->n_ext_communities; i++) {
                        put32(&wr, (uint32_t)(pa->ext_communities[i] >> 32));
                        put32(&wr, (uint32_t)pa->ext_communities[i]);
                }
                bgp_attrs_set(a, BGP_ATTR_EXT_COMMUNITIES);
        }
        if (pa->n_large_communities > 0) {
                a->large_communities.data = scratch + wr.off;
                a->large_communities.count = pa->n_large_communities;
                for (size_t i = 0; i < pa->n_large_communities; i++) {
                        put32(&wr, pa->large_communities[i].global);
                        put32(&wr, pa->large_communities[i].local1);
                        put32(&wr, pa->large_communities[i].local2);
                }
                bgp_attrs_set(a, BGP_ATTR_LARGE_COMMUNITIES);
        }
        if (pa->n_cluster_list > 0) {
                a->cluster_list.data = scratch + wr.off;
                a->cluster_list.count = pa->n_cluster_list;
                for (size_t i = 0; i < pa->n_cluster_list; i++)
                        put32(&wr, pa->cluster_list[i]);
                bgp_attrs_set(a, BGP_ATTR_CLUSTER_LIST);
        }
        if (wr.err != 0)
                return wr.err;
        size_t n_raw = pa->n_raw < BGP_ATTRS_MAX_RAW ? pa->n_raw : BGP_ATTRS_MAX_RAW;
        for (size_t i = 0; i < n_raw; i++)
                a->raw[i] = pa->raw[i];
        a->n_raw = n_raw;

        /* The next hop: NEXT_HOP for IPv4 routes, MP_REACH_NLRI's for the others. */
        if (afi == BGP_AFI_IPV4 && pa->nh_afi == BGP_AFI_IPV4) {
                memcpy(a->next_hop, pa->next_hop, 4);
                bgp_attrs_set(a, BGP_ATTR_NEXT_HOP);
        }
        if (pa->nh_afi == BGP_AFI_IPV6) {
                memcpy(a->mp_reach.nh, pa->next_hop, 16);
                a->mp_reach.nh_len = 16;
                /* RFC 2545 3: the link-local address follows the global one. */
                if (pa->has & BGP_PA_LL_NEXT_HOP) {
                        memcpy(a->mp_reach.nh + 16, pa->ll_next_hop, 16);
                        a->mp_reach.nh_len = 32;
                }
        } else {
                memcpy(a->mp_reach.nh, pa->next_hop, 4);
                a->mp_reach.nh_len = 4;
        }
        return 0;
}
