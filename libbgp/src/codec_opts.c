/* codec_opts.c - what a session negotiated, as the codec sees it. */
#include <string.h>

#include <bgp/error.h>

#include <bgp/msg.h>

void bgp_codec_opts_init(struct bgp_codec_opts *opts)
{
        memset(opts, 0, sizeof(*opts));
        opts->as4 = true;
        opts->families = BGP_FAMILY_IPV6_UNICAST | BGP_FAMILY_IPV4_UNICAST;
}

int bgp_codec_opts_discard(struct bgp_codec_opts *opts, uint8_t type)
{
        switch (type) {
        case BGP_ATTR_ORIGIN:
        case BGP_ATTR_AS_PATH:
        case BGP_ATTR_NEXT_HOP:
        case BGP_ATTR_MP_REACH_NLRI:
        case BGP_ATTR_MP_UNREACH_NLRI:
                /* Without them there is no route, or no withdrawal, left to keep. */
                return BGP_ERR_INVALID_ARGUMENT;
        default:
                opts->discard[type / 32] |= 1u << (type % 32);
                return 0;
        }
}

bool bgp_codec_opts_discards(const struct bgp_codec_opts *opts, uint8_t type)
{
        return (opts->discard[type / 32] & (1u << (type % 32))) != 0;
}

uint32_t bgp_family_of(uint16_t afi, uint8_t safi)
{
        if (afi == BGP_AFI_IPV4 && safi == BGP_SAFI_UNICAST)
                return BGP_FAMILY_IPV4_UNICAST;
        if (afi == BGP_AFI_IPV6 && safi == BGP_SAFI_UNICAST)
                return BGP_FAMILY_IPV6_UNICAST;
        if (afi == BGP_AFI_IPV4 && safi == BGP_SAFI_MULTICAST)
                return BGP_FAMILY_IPV4_MULTICAST;
        if (afi == BGP_AFI_IPV6 && safi == BGP_SAFI_MULTICAST)
                return BGP_FAMILY_IPV6_MULTICAST;
        return 0;
}

size_t bgp_codec_max_msg_len(const struct bgp_codec_opts *opts)
{
        return opts->ext_msg ? BGP_EXT_MAX_MSG_LEN : BGP_MAX_MSG_LEN;
}

int bgp_families_parse(const char *text, uint32_t *families)
{
        static const struct {
                const char *name;
                uint32_t bit;
        } names[] = {
            {"ipv4-unicast", BGP_FAMILY_IPV4_UNICAST},
            {"ipv6-unicast", BGP_FAMILY_IPV6_UNICAST},
            {"ipv4-multicast", BGP_FAMILY_IPV4_MULTICAST},
            {"ipv6-multicast", BGP_FAMILY_IPV6_MULTICAST},
        };
        uint32_t set = 0;

        for (const char *p = text; *p != '\0';) {
                size_t n = strcspn(p, ",");
                size_t i = 0;
                while (i < sizeof(names) / sizeof(names[0]) &&
                       !(strlen(names[i].name) == n && strncmp(p, names[i].name, n) == 0))
                        i++;
                if (i == sizeof(names) / sizeof(names[0]))
                        return BGP_ERR_INVALID_ARGUMENT;
                set |= names[i].bit;
                p += n;
                if (*p == ',')
                        p++;
        }
        if (set == 0)
                return BGP_ERR_INVALID_ARGUMENT;
        *families = set;
        return 0;
}
