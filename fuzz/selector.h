/*
 * selector.h - the first octet of a fuzz_msg / fuzz_update input picks what the session
 * negotiated, so one corpus explores every decode mode and seeds move between targets.
 */
#ifndef BGP_FUZZ_SELECTOR_H
#define BGP_FUZZ_SELECTOR_H

#include <stdint.h>

#include <bgp/bgp.h>

#define SEL_DEFAULT  0x00
#define SEL_NO_AS4   0x01
#define SEL_EXT_MSG  0x02
#define SEL_FAMILIES 0x0c /* two bits: which families were negotiated */
#define SEL_V6_ONLY  0x04
#define SEL_V4_ONLY  0x08
#define SEL_ALL_FAM  0x0c
#define SEL_CHECK_AS 0x10
#define SEL_CHECK_ID 0x20

static inline void opts_from_selector(uint8_t sel, struct bgp_codec_opts *opts)
{
        static const uint32_t families[4] = {
            BGP_FAMILY_IPV4_UNICAST | BGP_FAMILY_IPV6_UNICAST,
            BGP_FAMILY_IPV6_UNICAST,
            BGP_FAMILY_IPV4_UNICAST,
            BGP_FAMILY_IPV4_UNICAST | BGP_FAMILY_IPV6_UNICAST | BGP_FAMILY_IPV4_MULTICAST |
                BGP_FAMILY_IPV6_MULTICAST,
        };

        bgp_codec_opts_init(opts);
        opts->as4 = (sel & SEL_NO_AS4) == 0;
        opts->ext_msg = (sel & SEL_EXT_MSG) != 0;
        opts->families = families[(sel & SEL_FAMILIES) >> 2];
        if (sel & SEL_CHECK_AS) {
                opts->local_as = 64500;
                opts->remote_as = 64501;
        }
        if (sel & SEL_CHECK_ID)
                opts->local_id = 0xc0000201; /* 192.0.2.1 */
}

#endif /* BGP_FUZZ_SELECTOR_H */
