/* aspath.c - AS_PATH and AS4_PATH segments, RFC 4271 4.3 and RFC 6793. */
#include "aspath.h"
#include "rd.h"

static int read_asn(struct bgp_rd *rd, uint8_t asn_size, uint32_t *asn)
{
        if (asn_size == 4)
                return bgp_rd_u32(rd, asn);
        uint16_t a16 = 0;
        int rc = bgp_rd_u16(rd, &a16);
        *asn = a16;
        return rc;
}

void bgp_as_path_iter_init(struct bgp_as_path_iter *it, const struct bgp_as_path *p)
{
        it->path = *p;
        it->off = 0;
}

int bgp_as_path_iter_next(struct bgp_as_path_iter *it, struct bgp_as_segment *seg)
{
        struct bgp_rd rd = bgp_rd_make(it->path.data, it->path.data != NULL ? it->path.len : 0);
        rd.off = it->off;
        if (bgp_rd_left(&rd) == 0)
                return 0;
        if (it->path.asn_size != 2 && it->path.asn_size != 4)
                return BGP_ERR_MALFORMED;
        if (bgp_rd_u8(&rd, &seg->type) != 0 || bgp_rd_u8(&rd, &seg->count) != 0)
                goto bad;
        if (seg->type < BGP_AS_SET || seg->type > BGP_AS_CONFED_SET || seg->count == 0)
                goto bad;
        for (unsigned i = 0; i < seg->count; i++)
                if (read_asn(&rd, it->path.asn_size, &seg->asn[i]) != 0)
                        goto bad;
        it->off = rd.off;
        return 1;
bad:
        it->off = it->path.len;
        return BGP_ERR_MALFORMED;
}

int bgp_as_path_check(const struct bgp_as_path *p, struct bgp_as_path_check *out)
{
        struct bgp_as_path_iter it;
        struct bgp_as_segment seg;
        bool first = true;
        int rc;

        out->has_confed = false;
        out->has_zero = false;
        out->first_is_seq = false;
        out->first_as = 0;
        bgp_as_path_iter_init(&it, p);
        while ((rc = bgp_as_path_iter_next(&it, &seg)) == 1) {
                if (first) {
                        out->first_is_seq = seg.type == BGP_AS_SEQUENCE;
                        if (out->first_is_seq)
                                out->first_as = seg.asn[0];
                        first = false;
                }
                if (seg.type == BGP_AS_CONFED_SEQUENCE || seg.type == BGP_AS_CONFED_SET)
                        out->has_confed = true;
                for (unsigned i = 0; i < seg.count; i++)
                        if (seg.asn[i] == 0)
                                out->has_zero = true;
        }
        return rc == 0 ? 0 : BGP_ERR_MALFORMED;
}

int bgp_as_path_length(const struct bgp_as_path *p)
{
        struct bgp_as_path_iter it;
        struct bgp_as_segment seg;
        int n = 0, rc;

        bgp_as_path_iter_init(&it, p);
        while ((rc = bgp_as_path_iter_next(&it, &seg)) == 1) {
                /* RFC 4271 9.1.2.2 a): a set counts as one; RFC 5065 5.3: confed counts 0. */
                if (seg.type == BGP_AS_SEQUENCE)
                        n += seg.count;
                else if (seg.type == BGP_AS_SET)
                        n += 1;
        }
        return rc == 0 ? n : rc;
}

bool bgp_as_path_needs_as4(const struct bgp_as_path *p)
{
        struct bgp_as_path_iter it;
        struct bgp_as_segment seg;

        if (p->asn_size != 4)
                return false;
        bgp_as_path_iter_init(&it, p);
        while (bgp_as_path_iter_next(&it, &seg) == 1)
                for (unsigned i = 0; i < seg.count; i++)
                        if (seg.asn[i] > 0xffff)
                                return true;
        return false;
}

void bgp_as_path_write(struct bgp_wr *wr, const struct bgp_as_path *p, uint8_t asn_size,
                       bool confed)
{
        struct bgp_as_path_iter it;
        struct bgp_as_segment seg;

        if (p->asn_size == asn_size && confed) {
                bgp_wr_bytes(wr, p->data, p->len);
                return;
        }
        bgp_as_path_iter_init(&it, p);
        while (bgp_as_path_iter_next(&it, &seg) == 1) {
                if (!confed &&
                    (seg.type == BGP_AS_CONFED_SEQUENCE || seg.type == BGP_AS_CONFED_SET))
                        continue;
                bgp_wr_u8(wr, seg.type);
                bgp_wr_u8(wr, seg.count);
                for (unsigned i = 0; i < seg.count; i++) {
                        if (asn_size == 4)
                                bgp_wr_u32(wr, seg.asn[i]);
                        else
                                bgp_wr_u16(wr, seg.asn[i] > 0xffff ? BGP_AS_TRANS
                                                                   : (uint16_t)seg.asn[i]);
                }
        }
}

int bgp_as_path_encode_seq(uint8_t *buf, size_t cap, const uint32_t *asns, size_t n)
{
        struct bgp_wr wr = bgp_wr_make(buf, cap);
        size_t i = 0;

        /* A segment holds at most 255 AS numbers; a longer path takes several. */
        while (i < n) {
                size_t count = n - i > 255 ? 255 : n - i;
                bgp_wr_u8(&wr, BGP_AS_SEQUENCE);
                bgp_wr_u8(&wr, (uint8_t)count);
                for (size_t j = 0; j < count; j++)
                        bgp_wr_u32(&wr, asns[i + j]);
                i += count;
        }
        return bgp_wr_result(&wr);
}
