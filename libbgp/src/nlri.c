/* nlri.c - prefixes in UPDATE messages, RFC 4271 section 4.3 and RFC 4760 section 5. */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nlri.h"
#include "rd.h"

unsigned bgp_afi_max_bits(uint16_t afi)
{
        switch (afi) {
        case BGP_AFI_IPV4:
                return 32;
        case BGP_AFI_IPV6:
                return 128;
        default:
                return 0;
        }
}

/* Reads one prefix; the reader must be positioned at its length octet. */
static int nlri_read(struct bgp_rd *rd, uint16_t afi, struct bgp_prefix *pfx)
{
        uint8_t bits;
        unsigned max = bgp_afi_max_bits(afi);

        if (bgp_rd_u8(rd, &bits) != 0)
                return BGP_ERR_MALFORMED;
        /* RFC 7606 5.3: a length beyond the address size or the field is a syntax error. */
        if (max == 0 || bits > max)
                return BGP_ERR_MALFORMED;
        size_t octets = ((size_t)bits + 7) / 8;
        memset(pfx, 0, sizeof(*pfx));
        pfx->afi = afi;
        pfx->len = bits;
        if (bgp_rd_copy(rd, pfx->addr, octets) != 0)
                return BGP_ERR_MALFORMED;
        /* Trailing bits past the length are ignored (RFC 4271 4.3), so clear them. */
        if (bits % 8 != 0)
                pfx->addr[octets - 1] &= (uint8_t)(0xff << (8 - bits % 8));
        return 0;
}

int bgp_nlri_validate(const uint8_t *data, size_t len, uint16_t afi)
{
        struct bgp_rd rd = bgp_rd_make(data, len);
        unsigned max = bgp_afi_max_bits(afi);
        uint8_t bits;

        if (max == 0)
                return len == 0 ? 0 : BGP_ERR_MALFORMED;
        while (bgp_rd_left(&rd) > 0) {
                if (bgp_rd_u8(&rd, &bits) != 0 || bits > max ||
                    bgp_rd_skip(&rd, ((size_t)bits + 7) / 8) != 0)
                        return BGP_ERR_MALFORMED;
        }
        return 0;
}

void bgp_nlri_put(struct bgp_wr *wr, const struct bgp_prefix *pfx)
{
        bgp_wr_u8(wr, pfx->len);
        bgp_wr_bytes(wr, pfx->addr, ((size_t)pfx->len + 7) / 8);
}

void bgp_nlri_iter_init(struct bgp_nlri_iter *it, const struct bgp_nlri *nlri)
{
        it->data = nlri->data;
        it->len = nlri->data != NULL ? nlri->len : 0;
        it->off = 0;
        it->afi = nlri->afi;
}

int bgp_nlri_iter_next(struct bgp_nlri_iter *it, struct bgp_prefix *pfx)
{
        struct bgp_rd rd = bgp_rd_make(it->data, it->len);
        rd.off = it->off;
        if (bgp_rd_left(&rd) == 0)
                return 0;
        int rc = nlri_read(&rd, it->afi, pfx);
        if (rc != 0) {
                it->off = it->len;
                return rc;
        }
        it->off = rd.off;
        return 1;
}

size_t bgp_nlri_count(const struct bgp_nlri *nlri)
{
        struct bgp_rd rd = bgp_rd_make(nlri->data, nlri->data != NULL ? nlri->len : 0);
        size_t n = 0;
        uint8_t bits;

        while (bgp_rd_u8(&rd, &bits) == 0 && bgp_rd_skip(&rd, ((size_t)bits + 7) / 8) == 0)
                n++;
        return n;
}

int bgp_prefix_format(const struct bgp_prefix *pfx, char *buf, size_t len)
{
        char addr[INET6_ADDRSTRLEN];
        int family = pfx->afi == BGP_AFI_IPV6 ? AF_INET6 : AF_INET;

        if (inet_ntop(family, pfx->addr, addr, sizeof(addr)) == NULL)
                return snprintf(buf, len, "?/%u", pfx->len);
        return snprintf(buf, len, "%s/%u", addr, pfx->len);
}

int bgp_prefix_parse(const char *text, struct bgp_prefix *pfx)
{
        char addr[INET6_ADDRSTRLEN];
        const char *slash = strchr(text, '/');
        char *end;

        if (slash == NULL || (size_t)(slash - text) >= sizeof(addr))
                return BGP_ERR_INVALID_ARGUMENT;
        memcpy(addr, text, (size_t)(slash - text));
        addr[slash - text] = '\0';
        memset(pfx, 0, sizeof(*pfx));
        if (inet_pton(AF_INET6, addr, pfx->addr) == 1)
                pfx->afi = BGP_AFI_IPV6;
        else if (inet_pton(AF_INET, addr, pfx->addr) == 1)
                pfx->afi = BGP_AFI_IPV4;
        else
                return BGP_ERR_INVALID_ARGUMENT;
        unsigned long bits = strtoul(slash + 1, &end, 10);
        if (*end != '\0' || end == slash + 1 || bits > bgp_afi_max_bits(pfx->afi))
                return BGP_ERR_INVALID_ARGUMENT;
        pfx->len = (uint8_t)bits;
        /* Host bits must be zero: a prefix, not an address. */
        for (unsigned i = (unsigned)bits; i < 128; i++)
                if (pfx->addr[i / 8] & (0x80 >> (i % 8)))
                        return BGP_ERR_INVALID_ARGUMENT;
        return 0;
}
