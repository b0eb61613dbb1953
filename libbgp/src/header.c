/* header.c - checking the message header, RFC 4271 section 6.1. */
#include "rd.h"
#include "verdict.h"

/* The smallest length of each message type, RFC 4271 section 4 and RFC 2918 section 3. */
static size_t min_length(uint8_t type)
{
        switch (type) {
        case BGP_MSG_OPEN:
                return 29;
        case BGP_MSG_UPDATE:
                return 23;
        case BGP_MSG_NOTIFICATION:
                return 21;
        case BGP_MSG_KEEPALIVE:
                return 19;
        case BGP_MSG_ROUTE_REFRESH:
                return 19; /* RFC 7313 5: a wrong length is a ROUTE-REFRESH error, not here */
        default:
                return 0;
        }
}

int bgp_header_decode(const uint8_t *buf, size_t len, const struct bgp_codec_opts *opts,
                      struct bgp_header *hdr, struct bgp_verdict *v)
{
        struct bgp_rd rd = bgp_rd_make(buf, len);
        const uint8_t *marker, *length_field;
        uint16_t length;
        uint8_t type;

        bgp_verdict_init(v);
        if (bgp_rd_view(&rd, BGP_MARKER_LEN, &marker) != 0)
                return BGP_ERR_SHORT;
        length_field = bgp_rd_ptr(&rd);
        if (bgp_rd_u16(&rd, &length) != 0 || bgp_rd_u8(&rd, &type) != 0)
                return BGP_ERR_SHORT;
        hdr->length = length;
        hdr->type = type;

        /* RFC 4271 6.1: a marker that is not all ones is "Connection Not Synchronized". */
        for (size_t i = 0; i < BGP_MARKER_LEN; i++)
                if (marker[i] != 0xff)
                        return bgp_verdict_reset(v, BGP_NOTIFY_HEADER, BGP_NOTIFY_HEADER_NOT_SYNC,
                                                 "marker is not all ones");

        /* RFC 4271 6.1: a bad length is "Bad Message Length", the data the length field.
         * RFC 8654 4: OPEN and KEEPALIVE stay within 4096 octets even with extended messages. */
        size_t max = bgp_codec_max_msg_len(opts);
        if (type == BGP_MSG_OPEN || type == BGP_MSG_KEEPALIVE)
                max = BGP_MAX_MSG_LEN;
        size_t min = min_length(type);
        if (length < BGP_HEADER_LEN || length > max || (min != 0 && length < min) ||
            (type == BGP_MSG_KEEPALIVE && length != BGP_HEADER_LEN)) {
                bgp_verdict_raise(v, BGP_ACTION_SESSION_RESET, BGP_NOTIFY_HEADER,
                                  BGP_NOTIFY_HEADER_BAD_LENGTH, length_field, 2,
                                  "bad message length", -1);
                return BGP_ERR_MALFORMED;
        }
        /* RFC 4271 6.1: an unknown type is "Bad Message Type", the data the type octet. */
        if (min == 0) {
                bgp_verdict_raise(v, BGP_ACTION_SESSION_RESET, BGP_NOTIFY_HEADER,
                                  BGP_NOTIFY_HEADER_BAD_TYPE, length_field + 2, 1,
                                  "unknown message type", -1);
                return BGP_ERR_MALFORMED;
        }
        return 0;
}
