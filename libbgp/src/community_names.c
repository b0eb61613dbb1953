/*
 * community_names.c - names of the well-known communities (IANA "BGP Well-known
 * Communities"), spelled as FRR prints them (bgpd/bgp_community.c) so that output and
 * configuration read the same.  Values follow the IANA registry.
 */
#include <bgp/msg.h>

static const struct {
        uint32_t value;
        const char *name;
} well_known[] = {
    {0xFFFF0000u, "graceful-shutdown"},          /* RFC 8326 */
    {0xFFFF0001u, "accept-own"},                 /* RFC 7611 */
    {0xFFFF0002u, "route-filter-translated-v4"}, /* draft-l3vpn-legacy-rtc */
    {0xFFFF0003u, "route-filter-v4"},
    {0xFFFF0004u, "route-filter-translated-v6"},
    {0xFFFF0005u, "route-filter-v6"},
    {0xFFFF0006u, "llgr-stale"},         /* RFC 9494 */
    {0xFFFF0007u, "no-llgr"},            /* RFC 9494 */
    {0xFFFF0008u, "accept-own-nexthop"}, /* draft-agrewal-idr-accept-own-nexthop */
    {0xFFFF029Au, "blackhole"},          /* RFC 7999 */
    {0xFFFFFF01u, "no-export"},          /* RFC 1997 */
    {0xFFFFFF02u, "no-advertise"},       /* RFC 1997 */
    {0xFFFFFF03u, "local-AS"},           /* RFC 1997 NO_EXPORT_SUBCONFED */
    {0xFFFFFF04u, "no-peer"},            /* RFC 3765 */
};

const char *bgp_community_name(uint32_t community)
{
        for (size_t i = 0; i < sizeof(well_known) / sizeof(well_known[0]); i++)
                if (well_known[i].value == community)
                        return well_known[i].name;
        return NULL;
}
