/* tunnel_kind.c - the names and outer families of tunnel kinds (tunnel.h). */
#include "tunnel.h"

uint16_t tunnel_kind_outer_afi(enum tunnel_kind kind)
{
        switch (kind) {
        case TUNNEL_KIND_SIT:
        case TUNNEL_KIND_GRE:
                return BGP_AFI_IPV4;
        case TUNNEL_KIND_IP6GRE:
                return BGP_AFI_IPV6;
        case TUNNEL_KIND_EXTERNAL:
                break;
        }
        return 0;
}

const char *tunnel_kind_name(enum tunnel_kind kind)
{
        switch (kind) {
        case TUNNEL_KIND_SIT:
                return "sit";
        case TUNNEL_KIND_GRE:
                return "gre";
        case TUNNEL_KIND_IP6GRE:
                return "ip6gre";
        case TUNNEL_KIND_EXTERNAL:
                break;
        }
        return "external";
}
