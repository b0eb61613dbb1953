/* fmt.c - text forms of addresses, AS paths, communities and times, for both backends. */
#include <arpa/inet.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "lbgp_decode.h"

enum fam fam_of(uint16_t afi, uint8_t safi)
{
        switch (bgp_family_of(afi, safi)) {
        case BGP_FAMILY_IPV4_UNICAST:
                return FAM_IPV4_UNICAST;
        case BGP_FAMILY_IPV6_UNICAST:
                return FAM_IPV6_UNICAST;
        case BGP_FAMILY_IPV4_MULTICAST:
                return FAM_IPV4_MULTICAST;
        case BGP_FAMILY_IPV6_MULTICAST:
                return FAM_IPV6_MULTICAST;
        default:
                return FAM_OTHER;
        }
}

const char *fam_name(enum fam f)
{
        static const char *const names[FAM_COUNT] = {"ipv4-unicast", "ipv6-unicast",
                                                     "ipv4-multicast", "ipv6-multicast", "other"};
        return (unsigned)f < FAM_COUNT ? names[f] : "other";
}

void fmt_addr(uint16_t afi, const uint8_t *addr, char *buf, size_t len)
{
        if (inet_ntop(afi == BGP_AFI_IPV6 ? AF_INET6 : AF_INET, addr, buf, (socklen_t)len) == NULL)
                snprintf(buf, len, "?");
}

char *fmt_as_path(const struct bgp_as_path *path)
{
        struct bgp_as_path_iter it;
        struct bgp_as_segment seg;
        char *s = NULL;
        size_t n = 0;
        FILE *f = open_memstream(&s, &n);
        if (f == NULL)
                return NULL;
        bgp_as_path_iter_init(&it, path);
        bool first = true;
        int rc;
        while ((rc = bgp_as_path_iter_next(&it, &seg)) == 1) {
                /* FRR's notation: sets in braces with commas, confederation sequences in
                 * parentheses, confederation sets in brackets. */
                const char *open = "", *close = "", *sep = " ";
                switch (seg.type) {
                case BGP_AS_SET:
                        open = "{", close = "}", sep = ",";
                        break;
                case BGP_AS_CONFED_SEQUENCE:
                        open = "(", close = ")";
                        break;
                case BGP_AS_CONFED_SET:
                        open = "[", close = "]", sep = ",";
                        break;
                default:
                        break;
                }
                fprintf(f, "%s%s", first ? "" : " ", open);
                for (unsigned i = 0; i < seg.count; i++)
                        fprintf(f, "%s%" PRIu32, i == 0 ? "" : sep, seg.asn[i]);
                fputs(close, f);
                first = false;
        }
        if (rc < 0)
                fprintf(f, "%s<malformed>", first ? "" : " ");
        fclose(f);
        return s;
}

void fmt_community(uint32_t c, char *buf, size_t len)
{
        const char *name = bgp_community_name(c);
        if (name != NULL)
                snprintf(buf, len, "%s", name);
        else
                snprintf(buf, len, "%" PRIu32 ":%" PRIu32, c >> 16, c & 0xffff);
}

static uint32_t get32(const uint8_t *p)
{
        return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint16_t get16(const uint8_t *p)
{
        return (uint16_t)(p[0] << 8 | p[1]);
}

void fmt_large_community(const uint8_t *p, char *buf, size_t len)
{
        snprintf(buf, len, "%" PRIu32 ":%" PRIu32 ":%" PRIu32, get32(p), get32(p + 4),
                 get32(p + 8));
}

void fmt_ext_community(const uint8_t *p, char *buf, size_t len)
{
        /* RFC 4360 4, RFC 5668: route targets (subtype 2) and origins (subtype 3) of the
         * two-octet AS, IPv4 address and four-octet AS types, transitive or not. */
        uint8_t type = p[0] & 0x3f, subtype = p[1];
        const char *what = subtype == 0x02 ? "RT" : subtype == 0x03 ? "SoO" : NULL;
        char addr[INET_ADDRSTRLEN];

        if (what != NULL && type == 0x00) {
                snprintf(buf, len, "%s:%u:%" PRIu32, what, get16(p + 2), get32(p + 4));
                return;
        }
        if (what != NULL && type == 0x01) {
                fmt_addr(BGP_AFI_IPV4, p + 2, addr, sizeof(addr));
                snprintf(buf, len, "%s:%s:%u", what, addr, get16(p + 6));
                return;
        }
        if (what != NULL && type == 0x02) {
                snprintf(buf, len, "%s:%" PRIu32 ":%u", what, get32(p + 2), get16(p + 6));
                return;
        }
        fmt_hex(p, 8, buf, len);
}

const char *fmt_origin(uint8_t origin)
{
        switch (origin) {
        case BGP_ORIGIN_IGP:
                return "IGP";
        case BGP_ORIGIN_EGP:
                return "EGP";
        case BGP_ORIGIN_INCOMPLETE:
                return "INCOMPLETE";
        default:
                return "?";
        }
}

void fmt_time(uint32_t t, long usec, char *buf, size_t len)
{
        time_t tt = (time_t)t;
        struct tm tm;
        char s[32];

        if (gmtime_r(&tt, &tm) == NULL || strftime(s, sizeof(s), "%Y-%m-%d %H:%M:%S", &tm) == 0)
                snprintf(s, sizeof(s), "%" PRIu32, t);
        if (usec >= 0)
                snprintf(buf, len, "%s.%06ld", s, usec);
        else
                snprintf(buf, len, "%s", s);
}

void fmt_hex(const uint8_t *p, size_t n, char *buf, size_t len)
{
        static const char digits[] = "0123456789abcdef";
        size_t o = 0;
        if (len == 0)
                return;
        for (size_t i = 0; i < n && o + 2 < len; i++) {
                buf[o++] = digits[p[i] >> 4];
                buf[o++] = digits[p[i] & 15];
        }
        buf[o] = '\0';
}

static bool has(const struct bgp_nlri *n)
{
        return n->data != NULL && n->len > 0;
}

size_t update_announced(const struct bgp_update *u, struct nlri_run out[2])
{
        size_t n = 0;
        if (has(&u->nlri))
                out[n++] = (struct nlri_run){FAM_IPV4_UNICAST, &u->nlri};
        /* Not bgp_attrs_has(): after a treat-as-withdraw the located NLRI count too. */
        if (has(&u->attrs.mp_reach.nlri))
                out[n++] = (struct nlri_run){fam_of(u->attrs.mp_reach.afi, u->attrs.mp_reach.safi),
                                             &u->attrs.mp_reach.nlri};
        return n;
}

size_t update_withdrawn(const struct bgp_update *u, struct nlri_run out[2])
{
        size_t n = 0;
        if (has(&u->withdrawn))
                out[n++] = (struct nlri_run){FAM_IPV4_UNICAST, &u->withdrawn};
        if (has(&u->attrs.mp_unreach.nlri))
                out[n++] =
                    (struct nlri_run){fam_of(u->attrs.mp_unreach.afi, u->attrs.mp_unreach.safi),
                                      &u->attrs.mp_unreach.nlri};
        return n;
}
