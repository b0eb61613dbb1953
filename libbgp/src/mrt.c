/* mrt.c - framing MRT records, RFC 6396 section 2, and the codec options they imply. */
#include <stdint.h>
#include <string.h>

#include "mrt_body.h"

/* RFC 6396 3: the _ET types carry a microsecond timestamp ahead of the message field. */
static bool is_extended_timestamp(uint16_t type)
{
        return type == BGP_MRT_BGP4MP_ET || type == 33 /* ISIS_ET */ || type == 49 /* OSPFv3_ET */;
}

int bgp_mrt_record_decode(const uint8_t *buf, size_t len, struct bgp_mrt_record *rec)
{
        struct bgp_rd rd = bgp_rd_make(buf, len);
        struct bgp_rd body;
        uint32_t length;

        memset(rec, 0, sizeof(*rec));
        if (bgp_rd_u32(&rd, &rec->timestamp) != 0 || bgp_rd_u16(&rd, &rec->type) != 0 ||
            bgp_rd_u16(&rd, &rec->subtype) != 0 || bgp_rd_u32(&rd, &length) != 0)
                return BGP_ERR_SHORT;
#if SIZE_MAX <= UINT32_MAX
        /* Only a 32-bit size_t cannot hold the length of every record. */
        if (length > SIZE_MAX - BGP_MRT_HEADER_LEN)
                return BGP_ERR_UNSUPPORTED;
#endif
        /* RFC 6396 2: the length is 32 bits and excludes the header, so records over 64 KiB
         * exist (RIS RIB records with many entries). */
        rec->record_len = BGP_MRT_HEADER_LEN + (size_t)length;
        if (bgp_rd_sub(&rd, length, &body) != 0)
                return BGP_ERR_SHORT;

        /* RFC 6396 3: "the Length field ... includes the length of the Microsecond
         * Timestamp field", so a shorter record is framed but malformed. */
        if (is_extended_timestamp(rec->type) && bgp_rd_u32(&body, &rec->microseconds) != 0)
                return BGP_ERR_MALFORMED;
        rec->body = bgp_rd_ptr(&body);
        rec->body_len = bgp_rd_left(&body);

        int rc = 0;
        switch (rec->type) {
        case BGP_MRT_BGP4MP:
        case BGP_MRT_BGP4MP_ET:
                rc = bgp_mrt_bgp4mp_decode(&body, rec);
                break;
        case BGP_MRT_TABLE_DUMP_V2:
                rc = bgp_mrt_td2_decode(&body, rec);
                break;
        default:
                /* RFC 6396 2: a reader skips the types it does not know by their length. */
                break;
        }
        if (rc != 0) {
                rec->kind = BGP_MRT_KIND_OTHER;
                return BGP_ERR_MALFORMED;
        }
        return 0;
}

static void mrt_opts(struct bgp_codec_opts *opts, bool as4)
{
        bgp_codec_opts_init(opts);
        opts->as4 = as4;
        /* Collectors store what they received, and may have negotiated RFC 8654. */
        opts->ext_msg = true;
        /* MRT does not record the negotiated families: accept every one libbgp knows. */
        opts->families = BGP_FAMILY_IPV4_UNICAST | BGP_FAMILY_IPV6_UNICAST |
                         BGP_FAMILY_IPV4_MULTICAST | BGP_FAMILY_IPV6_MULTICAST;
        /* local_as and remote_as stay 0: the collector's peers include route servers,
         * which do not put their AS first (RFC 7947 2.2), and the AS numbers of the
         * session were checked, or not, by the collector. */
}

void bgp_mrt_codec_opts_init(struct bgp_codec_opts *opts, const struct bgp_mrt_record *rec)
{
        bool as4 = true;
        if (rec->kind == BGP_MRT_KIND_BGP4MP_MESSAGE || rec->kind == BGP_MRT_KIND_BGP4MP_STATE)
                as4 = rec->u.bgp4mp.as4;
        else if (rec->type == BGP_MRT_TABLE_DUMP)
                as4 = false; /* RFC 6396 4.2: TABLE_DUMP predates 4-octet AS numbers */
        /* RFC 6396 4.3.4: AS_PATH in TABLE_DUMP_V2 RIB entries is always 4-octet. */
        mrt_opts(opts, as4);
}

void bgp_mrt_rib_codec_opts(struct bgp_codec_opts *opts)
{
        mrt_opts(opts, true);
}
