/*
 * value.c - typed words (value.h).
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "value.h"

bool value_u32(const char *text, uint64_t lo, uint64_t hi, uint32_t *out)
{
        uint64_t v = 0;

        if (*text == '\0')
                return false;
        for (const char *p = text; *p != '\0'; p++) {
                if (*p < '0' || *p > '9')
                        return false;
                v = v * 10 + (uint64_t)(*p - '0');
                if (v > UINT32_MAX)
                        return false;
        }
        if (v < lo || v > hi)
                return false;
        *out = (uint32_t)v;
        return true;
}

bool value_ipv4(const char *text, uint8_t out[4])
{
        return inet_pton(AF_INET, text, out) == 1;
}

bool value_ipv6(const char *text, uint8_t out[16])
{
        /* inet_pton takes "1.2.3.4" for AF_INET6 nowhere, but be explicit: an IPv6 address
         * has a colon. */
        return strchr(text, ':') != NULL && inet_pton(AF_INET6, text, out) == 1;
}

bool value_prefix(const char *text, uint16_t afi, struct bgp_prefix *out, bool *host_bits)
{
        struct bgp_prefix p;
        const char *slash = strchr(text, '/');
        char addr[INET6_ADDRSTRLEN];
        uint32_t len;

        *host_bits = false;
        if (slash == NULL || slash == text || (size_t)(slash - text) >= sizeof(addr))
                return false;
        /* bgp_prefix_parse() reads the length with strtoul, which would take "+8" or " 8". */
        unsigned max = afi == BGP_AFI_IPV6 ? 128 : 32;
        if (!value_u32(slash + 1, 0, max, &len))
                return false;
        if (bgp_prefix_parse(text, &p) == 0) {
                if (p.afi != afi)
                        return false;
                *out = p;
                return true;
        }

        /* Host bits set (or not an address at all): read it ourselves and mask. */
        memcpy(addr, text, (size_t)(slash - text));
        addr[slash - text] = '\0';
        memset(&p, 0, sizeof(p));
        p.afi = afi;
        p.len = (uint8_t)len;
        if (afi == BGP_AFI_IPV6 ? !value_ipv6(addr, p.addr) : !value_ipv4(addr, p.addr))
                return false;
        for (unsigned i = len; i < max; i++)
                p.addr[i / 8] &= (uint8_t) ~(0x80u >> (i % 8));
        *host_bits = true;
        *out = p;
        return true;
}

bool value_asn(const char *text, uint32_t *out)
{
        const char *dot = strchr(text, '.');
        if (dot == NULL)
                return value_u32(text, 1, UINT32_MAX, out);

        char high[8];
        uint32_t hi, lo;
        if ((size_t)(dot - text) >= sizeof(high))
                return false;
        memcpy(high, text, (size_t)(dot - text));
        high[dot - text] = '\0';
        if (!value_u32(high, 0, 65535, &hi) || !value_u32(dot + 1, 0, 65535, &lo))
                return false;
        uint32_t asn = hi << 16 | lo;
        if (asn == 0)
                return false;
        *out = asn;
        return true;
}

/*
 * Well-known communities (IANA "BGP Well-known Communities") by the names FRR reads and
 * prints (bgpd/bgp_community.c).  libbgp has the value -> name direction
 * (bgp_community_name()); a unit test checks the two agree.
 */
static const char *const community_names[] = {
    "graceful-shutdown",
    "accept-own",
    "route-filter-translated-v4",
    "route-filter-v4",
    "route-filter-translated-v6",
    "route-filter-v6",
    "llgr-stale",
    "no-llgr",
    "accept-own-nexthop",
    "blackhole",
    "no-export",
    "no-advertise",
    "local-AS",
    "no-peer",
};
static const uint32_t community_values[] = {
    0xFFFF0000u, 0xFFFF0001u, 0xFFFF0002u, 0xFFFF0003u, 0xFFFF0004u, 0xFFFF0005u, 0xFFFF0006u,
    0xFFFF0007u, 0xFFFF0008u, 0xFFFF029Au, 0xFFFFFF01u, 0xFFFFFF02u, 0xFFFFFF03u, 0xFFFFFF04u,
};
_Static_assert(sizeof(community_names) / sizeof(community_names[0]) ==
                   sizeof(community_values) / sizeof(community_values[0]),
               "one value per name");

size_t value_community_names(const char *const **names, const uint32_t **values)
{
        *names = community_names;
        *values = community_values;
        return sizeof(community_values) / sizeof(community_values[0]);
}

bool value_community(const char *text, uint32_t *out)
{
        for (size_t i = 0; i < sizeof(community_values) / sizeof(community_values[0]); i++) {
                if (strcmp(text, community_names[i]) == 0) {
                        *out = community_values[i];
                        return true;
                }
        }

        const char *colon = strchr(text, ':');
        char high[8];
        uint32_t hi, lo;
        if (colon == NULL || (size_t)(colon - text) >= sizeof(high))
                return false;
        memcpy(high, text, (size_t)(colon - text));
        high[colon - text] = '\0';
        if (!value_u32(high, 0, 65535, &hi) || !value_u32(colon + 1, 0, 65535, &lo))
                return false;
        *out = hi << 16 | lo;
        return true;
}

void value_community_format(uint32_t c, char *buf, size_t len)
{
        const char *name = bgp_community_name(c);
        if (name != NULL)
                snprintf(buf, len, "%s", name);
        else
                snprintf(buf, len, "%u:%u", (unsigned)(c >> 16), (unsigned)(c & 0xffff));
}

bool value_large_community(const char *text, struct config_large_community *out)
{
        char part[3][11];
        const char *p = text;
        uint32_t v[3];

        for (int i = 0; i < 3; i++) {
                const char *stop = i < 2 ? strchr(p, ':') : p + strlen(p);
                if (stop == NULL || (size_t)(stop - p) >= sizeof(part[i]))
                        return false;
                memcpy(part[i], p, (size_t)(stop - p));
                part[i][stop - p] = '\0';
                if (!value_u32(part[i], 0, UINT32_MAX, &v[i]))
                        return false;
                p = stop + 1;
        }
        out->global = v[0];
        out->local1 = v[1];
        out->local2 = v[2];
        return true;
}

bool value_ifname(const char *text)
{
        static const char *const reserved[] = {"tag", "blackhole", "reject"};

        if (!isalpha((unsigned char)text[0]))
                return false;
        for (const char *p = text; *p != '\0'; p++)
                if (!isalnum((unsigned char)*p) && *p != '.' && *p != '_' && *p != '-')
                        return false;
        for (size_t i = 0; i < sizeof(reserved) / sizeof(reserved[0]); i++)
                if (strcmp(text, reserved[i]) == 0)
                        return false;
        return strlen(text) < 16; /* IFNAMSIZ */
}
