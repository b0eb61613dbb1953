/*
 * mrt_rib_update.c - handing TABLE_DUMP_V2 RIB entries to the UPDATE codec.
 *
 * RFC 6396 4.3.4 says a RIB entry's MP_REACH_NLRI keeps only the next-hop length and the
 * next hop, since the AFI and SAFI are in the record's subtype and the NLRI is the
 * record's prefix.  RouteViews (2015, 2026) and RIS (2018) write the RFC 4760 form
 * instead: AFI, SAFI, next hop, reserved octet, and the NLRI of the UPDATE they received
 * (about 4 KB of it in some RIS entries).  We accept both and hand the codec the RFC 4760
 * form with the next hop and no NLRI: the entry stands for the record's prefix alone.
 *
 * The two forms cannot be confused: the abbreviated value starts with the next-hop
 * length and is exactly that long plus one, while the RFC 4760 value starts with the
 * high octet of the AFI (0 for every AFI libbgp knows) and is at least 5 octets long.
 */
#include "mrt_body.h"
#include "wr.h"

/* Appends an MP_REACH_NLRI with the given next hop and no NLRI. */
static void put_mp_reach(struct bgp_wr *wr, uint8_t flags, uint16_t afi, uint8_t safi,
                         const uint8_t *nh, uint8_t nh_len, uint8_t reserved)
{
        size_t len = 2 + 1 + 1 + (size_t)nh_len + 1;

        /* RFC 4271 4.3: the Extended Length bit says whether the length takes 2 octets; the
         * sender's choice is kept, and the bit is set when the expansion needs it. */
        if (len > 0xff)
                flags = (uint8_t)(flags | BGP_ATTR_FLAG_EXTLEN);
        bgp_wr_u8(wr, flags);
        bgp_wr_u8(wr, BGP_ATTR_MP_REACH_NLRI);
        if ((flags & BGP_ATTR_FLAG_EXTLEN) != 0)
                bgp_wr_u16(wr, (uint16_t)len);
        else
                bgp_wr_u8(wr, (uint8_t)len);
        bgp_wr_u16(wr, afi);
        bgp_wr_u8(wr, safi);
        bgp_wr_u8(wr, nh_len);
        bgp_wr_bytes(wr, nh, nh_len);
        bgp_wr_u8(wr, reserved);
}

/*
 * Writes the MP_REACH_NLRI whose value is in val, normalised; returns false when the
 * value is in neither form, for the caller to copy it as it is and the codec to judge.
 */
static bool normalise_mp_reach(struct bgp_wr *wr, uint8_t flags, struct bgp_rd *val,
                               const struct bgp_mrt_rib *rib)
{
        struct bgp_rd rd = *val;
        const uint8_t *nh;
        uint16_t afi;
        uint8_t safi, nh_len, reserved;

        if (bgp_rd_u8(&rd, &nh_len) == 0 && bgp_rd_left(&rd) == nh_len) {
                /* RFC 6396 4.3.4: the abbreviated form; the family is the record's. */
                if (bgp_rd_view(&rd, nh_len, &nh) != 0)
                        return false;
                put_mp_reach(wr, flags, rib->afi, rib->safi, nh, nh_len, 0);
                return true;
        }
        rd = *val;
        /* RFC 4760 3: the full form; what follows the reserved octet is dropped. */
        if (bgp_rd_u16(&rd, &afi) != 0 || bgp_rd_u8(&rd, &safi) != 0 ||
            bgp_rd_u8(&rd, &nh_len) != 0 || bgp_rd_view(&rd, nh_len, &nh) != 0 ||
            bgp_rd_u8(&rd, &reserved) != 0)
                return false;
        put_mp_reach(wr, flags, afi, safi, nh, nh_len, reserved);
        return true;
}

int bgp_mrt_rib_entry_update(const struct bgp_mrt_rib *rib, const struct bgp_mrt_rib_entry *entry,
                             uint8_t *buf, size_t cap)
{
        struct bgp_rd rd = bgp_rd_make(entry->attrs, entry->attrs_len);
        struct bgp_wr wr = bgp_wr_make(buf, cap);

        /* RFC 4271 4.3: no withdrawn routes, the attributes, no NLRI. */
        bgp_wr_u16(&wr, 0);
        size_t at = bgp_wr_reserve16(&wr);
        while (bgp_rd_left(&rd) > 0) {
                struct bgp_rd here = rd;
                const uint8_t *whole;
                struct bgp_rd val;
                uint8_t flags, type, len8;
                uint16_t len16 = 0;
                int rc = bgp_rd_u8(&rd, &flags);
                if (rc == 0)
                        rc = bgp_rd_u8(&rd, &type);
                if (rc == 0 && (flags & BGP_ATTR_FLAG_EXTLEN) != 0) {
                        rc = bgp_rd_u16(&rd, &len16);
                } else if (rc == 0) {
                        rc = bgp_rd_u8(&rd, &len8);
                        len16 = len8;
                }
                if (rc == 0)
                        rc = bgp_rd_sub(&rd, len16, &val);
                if (rc != 0) {
                        /* Broken framing: pass the rest on for the codec to classify. */
                        struct bgp_rd rest = bgp_rd_rest(&here);
                        bgp_wr_bytes(&wr, bgp_rd_ptr(&rest), bgp_rd_left(&rest));
                        break;
                }
                if (type == BGP_ATTR_MP_REACH_NLRI && normalise_mp_reach(&wr, flags, &val, rib))
                        continue;
                /* Any other attribute goes on as it is, header and all. */
                size_t n = rd.off - here.off;
                if (bgp_rd_view(&here, n, &whole) == 0)
                        bgp_wr_bytes(&wr, whole, n);
        }
        bgp_wr_patch16(&wr, at);
        return bgp_wr_result(&wr);
}

int bgp_mrt_rib_entry_decode(const struct bgp_mrt_rib *rib, const struct bgp_mrt_rib_entry *entry,
                             uint8_t *buf, size_t cap, struct bgp_update *upd,
                             struct bgp_verdict *verdict)
{
        struct bgp_codec_opts opts;
        int n = bgp_mrt_rib_entry_update(rib, entry, buf, cap);

        bgp_verdict_init(verdict);
        if (n < 0)
                return n;
        bgp_mrt_rib_codec_opts(&opts);
        return bgp_update_decode(buf, (size_t)n, &opts, upd, verdict);
}
