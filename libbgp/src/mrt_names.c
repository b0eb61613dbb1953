/* mrt_names.c - the names RFC 6396 and RFC 8050 give MRT types, subtypes and states. */
#include <bgp/mrt.h>

const char *bgp_mrt_type_name(uint16_t type)
{
        switch (type) {
        case BGP_MRT_TABLE_DUMP:
                return "TABLE_DUMP";
        case BGP_MRT_TABLE_DUMP_V2:
                return "TABLE_DUMP_V2";
        case BGP_MRT_BGP4MP:
                return "BGP4MP";
        case BGP_MRT_BGP4MP_ET:
                return "BGP4MP_ET";
        default:
                return NULL;
        }
}

static const char *td2_subtype_name(uint16_t subtype)
{
        switch (subtype) {
        case BGP_MRT_PEER_INDEX_TABLE:
                return "PEER_INDEX_TABLE";
        case BGP_MRT_RIB_IPV4_UNICAST:
                return "RIB_IPV4_UNICAST";
        case BGP_MRT_RIB_IPV4_MULTICAST:
                return "RIB_IPV4_MULTICAST";
        case BGP_MRT_RIB_IPV6_UNICAST:
                return "RIB_IPV6_UNICAST";
        case BGP_MRT_RIB_IPV6_MULTICAST:
                return "RIB_IPV6_MULTICAST";
        case BGP_MRT_RIB_GENERIC:
                return "RIB_GENERIC";
        case BGP_MRT_RIB_IPV4_UNICAST_ADDPATH:
                return "RIB_IPV4_UNICAST_ADDPATH";
        case BGP_MRT_RIB_IPV4_MULTICAST_ADDPATH:
                return "RIB_IPV4_MULTICAST_ADDPATH";
        case BGP_MRT_RIB_IPV6_UNICAST_ADDPATH:
                return "RIB_IPV6_UNICAST_ADDPATH";
        case BGP_MRT_RIB_IPV6_MULTICAST_ADDPATH:
                return "RIB_IPV6_MULTICAST_ADDPATH";
        case BGP_MRT_RIB_GENERIC_ADDPATH:
                return "RIB_GENERIC_ADDPATH";
        default:
                return NULL;
        }
}

static const char *bgp4mp_subtype_name(uint16_t subtype)
{
        switch (subtype) {
        case BGP_MRT_BGP4MP_STATE_CHANGE:
                return "STATE_CHANGE";
        case BGP_MRT_BGP4MP_MESSAGE:
                return "MESSAGE";
        case BGP_MRT_BGP4MP_MESSAGE_AS4:
                return "MESSAGE_AS4";
        case BGP_MRT_BGP4MP_STATE_CHANGE_AS4:
                return "STATE_CHANGE_AS4";
        case BGP_MRT_BGP4MP_MESSAGE_LOCAL:
                return "MESSAGE_LOCAL";
        case BGP_MRT_BGP4MP_MESSAGE_AS4_LOCAL:
                return "MESSAGE_AS4_LOCAL";
        case BGP_MRT_BGP4MP_MESSAGE_ADDPATH:
                return "MESSAGE_ADDPATH";
        case BGP_MRT_BGP4MP_MESSAGE_AS4_ADDPATH:
                return "MESSAGE_AS4_ADDPATH";
        case BGP_MRT_BGP4MP_MESSAGE_LOCAL_ADDPATH:
                return "MESSAGE_LOCAL_ADDPATH";
        case BGP_MRT_BGP4MP_MESSAGE_AS4_LOCAL_ADDPATH:
                return "MESSAGE_AS4_LOCAL_ADDPATH";
        default:
                return NULL;
        }
}

const char *bgp_mrt_subtype_name(uint16_t type, uint16_t subtype)
{
        switch (type) {
        case BGP_MRT_TABLE_DUMP:
                /* RFC 6396 4.2: the subtype is the AFI. */
                return subtype == 1 ? "AFI_IPv4" : subtype == 2 ? "AFI_IPv6" : NULL;
        case BGP_MRT_TABLE_DUMP_V2:
                return td2_subtype_name(subtype);
        case BGP_MRT_BGP4MP:
        case BGP_MRT_BGP4MP_ET:
                return bgp4mp_subtype_name(subtype);
        default:
                return NULL;
        }
}

const char *bgp_mrt_state_name(uint16_t state)
{
        /* RFC 6396 4.4.1, in the words of RFC 4271 8.2.2. */
        switch (state) {
        case BGP_MRT_STATE_IDLE:
                return "Idle";
        case BGP_MRT_STATE_CONNECT:
                return "Connect";
        case BGP_MRT_STATE_ACTIVE:
                return "Active";
        case BGP_MRT_STATE_OPENSENT:
                return "OpenSent";
        case BGP_MRT_STATE_OPENCONFIRM:
                return "OpenConfirm";
        case BGP_MRT_STATE_ESTABLISHED:
                return "Established";
        default:
                return NULL;
        }
}
