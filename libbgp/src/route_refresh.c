/*
 * route_refresh.c - the ROUTE-REFRESH message, RFC 2918 section 3 and RFC 7313 section 3.
 *
 * RFC says / we do: RFC 7313 5 demands a length of exactly 4 (after the header) for
 * subtypes 1 and 2.  A subtype 0 message may be longer only to carry ORF entries
 * (RFC 5291), which libbgp never negotiates, so it is held to 4 octets as well.  RFC 7313 4
 * says a message whose subtype is not 0, 1 or 2 MUST be ignored: it decodes without error,
 * whatever its length, with rr->subtype telling the caller to drop it.  RFC 2918 4 also
 * says to ignore an AFI/SAFI that was not advertised; that check is the session's.
 */
#include <string.h>

#include "frame.h"
#include "rd.h"
#include "verdict.h"
#include "wr.h"

static int bad_length(struct bgp_verdict *v)
{
        /* RFC 7313 5: "Invalid Message Length"; its data is the whole message, which only
         * bgp_msg_decode() has: it fills it in. */
        return bgp_verdict_reset(v, BGP_NOTIFY_ROUTE_REFRESH, BGP_NOTIFY_REFRESH_BAD_LENGTH,
                                 "ROUTE-REFRESH length is not 4");
}

int bgp_route_refresh_decode(const uint8_t *body, size_t len, struct bgp_route_refresh *rr,
                             struct bgp_verdict *v)
{
        struct bgp_rd rd = bgp_rd_make(body, len);

        bgp_verdict_init(v);
        memset(rr, 0, sizeof(*rr));
        /* AFI (2), Message Subtype (1, "Reserved" in RFC 2918), SAFI (1). */
        if (bgp_rd_u16(&rd, &rr->afi) != 0 || bgp_rd_u8(&rd, &rr->subtype) != 0 ||
            bgp_rd_u8(&rd, &rr->safi) != 0)
                return bad_length(v);
        /* RFC 7313 4: subtypes 3-255 MUST be ignored, so their length is no error. */
        if (rr->subtype > BGP_REFRESH_EORR)
                return 0;
        if (!bgp_rd_done(&rd))
                return bad_length(v);
        return 0;
}

int bgp_route_refresh_encode(uint8_t *buf, size_t cap, const struct bgp_route_refresh *rr)
{
        struct bgp_wr wr = bgp_wr_make(buf, cap);
        size_t at = bgp_frame_begin(&wr, BGP_MSG_ROUTE_REFRESH);

        bgp_wr_u16(&wr, rr->afi);
        bgp_wr_u8(&wr, rr->subtype);
        bgp_wr_u8(&wr, rr->safi);
        return bgp_frame_end(&wr, at, BGP_MAX_MSG_LEN);
}
