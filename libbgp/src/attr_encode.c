/*
 * attr_encode.c - writing path attributes, RFC 4271 4.3.
 *
 * Attributes go out in type order, which also puts unknown transitive ones where their
 * code says.  Towards a 2-octet AS peer (RFC 6793 4.2.2) the 4-octet AS_PATH and AGGREGATOR
 * become AS_TRANS plus AS4_PATH and AS4_AGGREGATOR; towards a 4-octet AS peer AS4_PATH and
 * AS4_AGGREGATOR are never sent (RFC 6793 3).
 */
#include "aspath.h"
#include "attr.h"

void bgp_attr_put_header(struct bgp_wr *wr, uint8_t flags, uint8_t type, size_t len)
{
        if (len > 0xff) {
                bgp_wr_u8(wr, flags | BGP_ATTR_FLAG_EXTLEN);
                bgp_wr_u8(wr, type);
                if (len > 0xffff) {
                        wr->err = BGP_ERR_NOSPACE;
                        return;
                }
                bgp_wr_u16(wr, (uint16_t)len);
        } else {
                bgp_wr_u8(wr, flags & (uint8_t)~BGP_ATTR_FLAG_EXTLEN);
                bgp_wr_u8(wr, type);
                bgp_wr_u8(wr, (uint8_t)len);
        }
}

/* Writes an attribute whose value length is not known in advance: always extended. */
static size_t begin_ext(struct bgp_wr *wr, uint8_t type)
{
        bgp_wr_u8(wr, bgp_attr_flags(type) | BGP_ATTR_FLAG_EXTLEN);
        bgp_wr_u8(wr, type);
        return bgp_wr_reserve16(wr);
}

static void put_u32_attr(struct bgp_wr *wr, uint8_t type, uint32_t v)
{
        bgp_attr_put_header(wr, bgp_attr_flags(type), type, 4);
        bgp_wr_u32(wr, v);
}

static void put_list(struct bgp_wr *wr, uint8_t type, const struct bgp_attr_list *l, size_t item)
{
        size_t len = l->count * item;
        bgp_attr_put_header(wr, bgp_attr_flags(type), type, len);
        bgp_wr_bytes(wr, l->data, len);
}

static void put_as_path(struct bgp_wr *wr, uint8_t type, const struct bgp_as_path *p,
                        uint8_t asn_size, bool confed)
{
        size_t at = begin_ext(wr, type);
        bgp_as_path_write(wr, p, asn_size, confed);
        bgp_wr_patch16(wr, at);
}

static void put_aggregator(struct bgp_wr *wr, uint8_t type, uint32_t as, const uint8_t *addr,
                           uint8_t asn_size)
{
        bgp_attr_put_header(wr, bgp_attr_flags(type), type, (size_t)asn_size + 4);
        if (asn_size == 4)
                bgp_wr_u32(wr, as);
        else
                bgp_wr_u16(wr, as > 0xffff ? BGP_AS_TRANS : (uint16_t)as);
        bgp_wr_bytes(wr, addr, 4);
}

/* Writes one known attribute, or nothing when it is absent or handled elsewhere. */
static void put_known(struct bgp_wr *wr, const struct bgp_attrs *a,
                      const struct bgp_codec_opts *opts, unsigned type, bool with_next_hop)
{
        uint8_t asn_size = opts->as4 ? 4 : 2;
        bool need_as4_path = !opts->as4 && bgp_as_path_needs_as4(&a->as_path);
        bool need_as4_aggr =
            !opts->as4 && bgp_attrs_has(a, BGP_ATTR_AGGREGATOR) && a->aggregator_as > 0xffff;

        switch (type) {
        case BGP_ATTR_ORIGIN:
                bgp_attr_put_header(wr, bgp_attr_flags(type), (uint8_t)type, 1);
                bgp_wr_u8(wr, a->origin);
                break;
        case BGP_ATTR_AS_PATH:
                put_as_path(wr, BGP_ATTR_AS_PATH, &a->as_path, asn_size, true);
                if (need_as4_path)
                        put_as_path(wr, BGP_ATTR_AS4_PATH, &a->as_path, 4, false);
                break;
        case BGP_ATTR_NEXT_HOP:
                if (!with_next_hop)
                        break;
                bgp_attr_put_header(wr, bgp_attr_flags(type), (uint8_t)type, 4);
                bgp_wr_bytes(wr, a->next_hop, 4);
                break;
        case BGP_ATTR_MED:
                put_u32_attr(wr, (uint8_t)type, a->med);
                break;
        case BGP_ATTR_LOCAL_PREF:
                put_u32_attr(wr, (uint8_t)type, a->local_pref);
                break;
        case BGP_ATTR_ATOMIC_AGGREGATE:
                bgp_attr_put_header(wr, bgp_attr_flags(type), (uint8_t)type, 0);
                break;
        case BGP_ATTR_AGGREGATOR:
                put_aggregator(wr, BGP_ATTR_AGGREGATOR, a->aggregator_as, a->aggregator_addr,
                               asn_size);
                if (need_as4_aggr)
                        put_aggregator(wr, BGP_ATTR_AS4_AGGREGATOR, a->aggregator_as,
                                       a->aggregator_addr, 4);
                break;
        case BGP_ATTR_COMMUNITIES:
                put_list(wr, (uint8_t)type, &a->communities, 4);
                break;
        case BGP_ATTR_ORIGINATOR_ID:
                put_u32_attr(wr, (uint8_t)type, a->originator_id);
                break;
        case BGP_ATTR_CLUSTER_LIST:
                put_list(wr, (uint8_t)type, &a->cluster_list, 4);
                break;
        case BGP_ATTR_EXT_COMMUNITIES:
                put_list(wr, (uint8_t)type, &a->ext_communities, 8);
                break;
        case BGP_ATTR_AS4_PATH:
                /* Passed through towards a 2-octet peer unless generated above. */
                if (!opts->as4 && !need_as4_path)
                        put_as_path(wr, BGP_ATTR_AS4_PATH, &a->as4_path, 4, false);
                break;
        case BGP_ATTR_AS4_AGGREGATOR:
                if (!opts->as4 && !need_as4_aggr)
                        put_aggregator(wr, BGP_ATTR_AS4_AGGREGATOR, a->as4_aggregator_as,
                                       a->as4_aggregator_addr, 4);
                break;
        case BGP_ATTR_LARGE_COMMUNITIES:
                put_list(wr, (uint8_t)type, &a->large_communities, 12);
                break;
        case BGP_ATTR_OTC:
                put_u32_attr(wr, (uint8_t)type, a->otc);
                break;
        default:
                /* MP_REACH_NLRI and MP_UNREACH_NLRI are written by the UPDATE encoder. */
                break;
        }
}

void bgp_attrs_write(struct bgp_wr *wr, const struct bgp_attrs *a,
                     const struct bgp_codec_opts *opts, bool with_next_hop)
{
        size_t raw = 0;

        for (unsigned type = 1; type < 256; type++) {
                /* Unknown attributes of a lower type go first, to keep type order. */
                while (raw < a->n_raw && a->raw[raw].type < type) {
                        const struct bgp_attr_raw *r = &a->raw[raw++];
                        /* RFC 4271 5: an unrecognized transitive attribute passed on gets
                         * the Partial bit. */
                        uint8_t flags = r->flags | BGP_ATTR_FLAG_PARTIAL;
                        bgp_attr_put_header(wr, flags, r->type, r->len);
                        bgp_wr_bytes(wr, r->value, r->len);
                }
                if (bgp_attrs_has(a, type) && bgp_attr_name(type) != NULL)
                        put_known(wr, a, opts, type, with_next_hop);
        }
        while (raw < a->n_raw) {
                const struct bgp_attr_raw *r = &a->raw[raw++];
                bgp_attr_put_header(wr, r->flags | BGP_ATTR_FLAG_PARTIAL, r->type, r->len);
                bgp_wr_bytes(wr, r->value, r->len);
        }
}
