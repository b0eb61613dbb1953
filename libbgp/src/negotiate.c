/*
 * negotiate.c - our OPEN, and what the OPEN exchange settles (RFC 4271 4.2, RFC 5492).
 */
#include <string.h>

#include "session_int.h"
#include "verdict.h"

static const struct {
        uint32_t family;
        uint16_t afi;
        uint8_t safi;
} families[] = {
    {BGP_FAMILY_IPV4_UNICAST, BGP_AFI_IPV4, BGP_SAFI_UNICAST},
    {BGP_FAMILY_IPV6_UNICAST, BGP_AFI_IPV6, BGP_SAFI_UNICAST},
    {BGP_FAMILY_IPV4_MULTICAST, BGP_AFI_IPV4, BGP_SAFI_MULTICAST},
    {BGP_FAMILY_IPV6_MULTICAST, BGP_AFI_IPV6, BGP_SAFI_MULTICAST},
};

int bgp_negotiate_build_open(const struct bgp_session *s, uint8_t *buf, size_t cap)
{
        const struct bgp_session_config *c = &s->cfg;
        struct bgp_open open;

        memset(&open, 0, sizeof(open));
        open.version = 4;
        /* RFC 6793 4.1: a 4-octet AS goes in the capability, AS_TRANS in My AS. */
        open.my_as = c->local_as > 0xffff ? BGP_AS_TRANS : (uint16_t)c->local_as;
        open.hold_time = c->hold_time;
        open.bgp_id = c->local_id;

        struct bgp_capabilities *caps = &open.caps;
        for (size_t i = 0; i < sizeof(families) / sizeof(families[0]); i++) {
                if (!(c->families & families[i].family))
                        continue;
                caps->mp[caps->n_mp].afi = families[i].afi;
                caps->mp[caps->n_mp].safi = families[i].safi;
                caps->n_mp++;
        }
        if (caps->n_mp > 0)
                caps->present |= BGP_CAPF_MP;
        caps->present |= BGP_CAPF_AS4;
        caps->as4 = c->local_as;
        if (c->route_refresh)
                caps->present |= BGP_CAPF_ROUTE_REFRESH;
        if (c->enhanced_route_refresh)
                caps->present |= BGP_CAPF_ENHANCED_REFRESH;
        if (c->ext_msg)
                caps->present |= BGP_CAPF_EXT_MESSAGE;
        if (c->role_enabled) {
                caps->present |= BGP_CAPF_ROLE;
                caps->role = c->role;
        }
        if (c->hostname != NULL) {
                size_t hl = strlen(c->hostname);
                size_t dl = c->domainname != NULL ? strlen(c->domainname) : 0;
                if (hl <= 255 && dl <= 255) {
                        caps->present |= BGP_CAPF_FQDN;
                        caps->fqdn_host = (const uint8_t *)c->hostname;
                        caps->fqdn_host_len = (uint8_t)hl;
                        caps->fqdn_domain = (const uint8_t *)c->domainname;
                        caps->fqdn_domain_len = (uint8_t)dl;
                }
        }
        return bgp_open_encode(buf, cap, &open);
}

/* RFC 9234 4.2: the pairs of roles that may peer. */
static bool roles_match(uint8_t ours, uint8_t theirs)
{
        switch (ours) {
        case BGP_ROLE_PROVIDER:
                return theirs == BGP_ROLE_CUSTOMER;
        case BGP_ROLE_CUSTOMER:
                return theirs == BGP_ROLE_PROVIDER;
        case BGP_ROLE_RS:
                return theirs == BGP_ROLE_RS_CLIENT;
        case BGP_ROLE_RS_CLIENT:
                return theirs == BGP_ROLE_RS;
        case BGP_ROLE_PEER:
                return theirs == BGP_ROLE_PEER;
        default:
                return false;
        }
}

static uint32_t peer_families(const struct bgp_capabilities *caps)
{
        uint32_t set = 0;
        /* RFC 4760 8: a speaker without the MP capability speaks IPv4 unicast only. */
        if (!(caps->present & BGP_CAPF_MP))
                return BGP_FAMILY_IPV4_UNICAST;
        for (size_t i = 0; i < caps->n_mp; i++)
                set |= bgp_family_of(caps->mp[i].afi, caps->mp[i].safi);
        return set;
}

int bgp_negotiate(struct bgp_session *s, const struct bgp_open *open, struct bgp_verdict *v)
{
        const struct bgp_session_config *c = &s->cfg;
        const struct bgp_capabilities *caps = &open->caps;

        /* RFC 9234 4.2: a role that does not pair with ours is Role Mismatch; in strict
         * mode so is no role at all. */
        if (c->role_enabled) {
                bool has = (caps->present & BGP_CAPF_ROLE) != 0;
                if ((has && !roles_match(c->role, caps->role)) || (!has && c->role_strict)) {
                        bgp_verdict_raise(v, BGP_ACTION_SESSION_RESET, BGP_NOTIFY_OPEN,
                                          BGP_NOTIFY_OPEN_ROLE_MISMATCH, NULL, 0,
                                          "BGP role mismatch", -1);
                        return BGP_ERR_MALFORMED;
                }
        }

        uint32_t both = 0;
        both |= BGP_CAPF_AS4 & caps->present;
        if (c->route_refresh)
                both |= BGP_CAPF_ROUTE_REFRESH & caps->present;
        if (c->enhanced_route_refresh)
                both |= BGP_CAPF_ENHANCED_REFRESH & caps->present;
        if (c->ext_msg)
                both |= BGP_CAPF_EXT_MESSAGE & caps->present;
        if (c->role_enabled)
                both |= BGP_CAPF_ROLE & caps->present;
        both |= caps->present &
                (BGP_CAPF_MP | BGP_CAPF_GRACEFUL_RESTART | BGP_CAPF_ADD_PATH | BGP_CAPF_FQDN);
        s->caps = both;

        s->codec.as4 = (both & BGP_CAPF_AS4) != 0;
        s->codec.ext_msg = (both & BGP_CAPF_EXT_MESSAGE) != 0;
        s->codec.families = c->families & peer_families(caps);
        s->codec.local_as = c->local_as;
        s->codec.remote_as = bgp_open_peer_as(open);
        s->codec.local_id = c->local_id;
        s->peer_id = open->bgp_id;

        /* RFC 4271 4.2: the smaller hold time; keepalives at a third of it, or sooner
         * when configured so; none at all with a hold time of 0. */
        s->hold_time = open->hold_time < c->hold_time ? open->hold_time : c->hold_time;
        uint16_t ka = (uint16_t)(s->hold_time / 3);
        if (c->keepalive_time != 0 && c->keepalive_time < ka)
                ka = c->keepalive_time;
        s->keepalive_time = s->hold_time == 0 ? 0 : (ka == 0 ? 1 : ka);
        return 0;
}
