/*
 * attr.h - path attributes: the descriptor table, decoding and encoding.
 *
 * Decoding follows RFC 7606: each attribute's descriptor names the action taken when it is
 * malformed, and decoders leave only through attr_malformed() or by accepting the value.
 */
#ifndef BGP_ATTR_H
#define BGP_ATTR_H

#include <bgp/msg.h>

#include "rd.h"
#include "wr.h"

/* The state of decoding one UPDATE's path attributes. */
struct bgp_attr_ctx {
        const struct bgp_codec_opts *opts;
        struct bgp_attrs *attrs;
        struct bgp_verdict *verdict;
        /* The peer is external: both ASes are known and differ. */
        bool ebgp;
        /* Attribute types seen so far, including discarded ones, for duplicates. */
        uint32_t seen[8];
        /* The whole attribute being decoded (flags, type, length, value): NOTIFICATION data. */
        const uint8_t *cur;
        size_t cur_len;
        uint8_t cur_flags;
        /* After a framing error: the type of the attribute that overran the field, or -1
         * when not even its type could be read. */
        int overrun_type;
};

/*
 * Decodes the Path Attributes field into ctx->attrs, raising ctx->verdict as RFC 7606
 * says.  Returns 0 when the attributes could be delimited, BGP_ERR_MALFORMED when a framing
 * error stopped the walk (RFC 7606 4; the verdict says what it means).
 */
int bgp_attrs_decode(struct bgp_attr_ctx *ctx, struct bgp_rd *rd);

/*
 * Writes every attribute of a that is present, except MP_REACH_NLRI and MP_UNREACH_NLRI,
 * in type order; AS paths and AGGREGATOR are encoded for opts->as4 (RFC 6793 4.2.2).
 * Unknown transitive attributes get the Partial bit (RFC 4271 5).
 */
void bgp_attrs_write(struct bgp_wr *wr, const struct bgp_attrs *a,
                     const struct bgp_codec_opts *opts, bool with_next_hop);

/* Writes an attribute header; with a value over 255 octets the extended length is used. */
void bgp_attr_put_header(struct bgp_wr *wr, uint8_t flags, uint8_t type, size_t len);

/* The flags libbgp sends for a known type (optional/transitive bits). */
uint8_t bgp_attr_flags(unsigned type);

#endif /* BGP_ATTR_H */
