/* codec_opts.c - what a session negotiated, as the codec sees it. */
#include <string.h>

#include <bgp/msg.h>

void bgp_codec_opts_init(struct bgp_codec_opts *opts)
{
        memset(opts, 0, sizeof(*opts));
        opts->as4 = true;
        opts->families = BGP_FAMILY_IPV6_UNICAST | BGP_FAMILY_IPV4_UNICAST;
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
