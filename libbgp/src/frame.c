/* frame.c - the message header, RFC 4271 section 4.1. */
#include "frame.h"

size_t bgp_frame_begin(struct bgp_wr *wr, uint8_t type)
{
        size_t at = wr->off;
        bgp_wr_fill(wr, 0xff, 16);
        bgp_wr_u16(wr, 0);
        bgp_wr_u8(wr, type);
        return at;
}

int bgp_frame_end(struct bgp_wr *wr, size_t at, size_t max_len)
{
        if (wr->err != 0)
                return wr->err;
        size_t len = wr->off - at;
        if (len > max_len || len > 0xffff)
                return BGP_ERR_NOSPACE;
        bgp_wr_set16(wr, at + 16, (uint16_t)len);
        return (int)len;
}
