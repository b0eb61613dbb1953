/* mrt_bgp4mp.c - BGP4MP and BGP4MP_ET records, RFC 6396 section 4.4 and RFC 8050 3. */
#include <string.h>

#include "mrt_body.h"

/* The fields of the subtypes, which differ in AS size, direction and ADD-PATH only. */
struct subtype_info {
        bool message;
        bool as4;
        bool local;
        bool addpath;
};

static bool subtype_info(uint16_t subtype, struct subtype_info *si)
{
        memset(si, 0, sizeof(*si));
        switch (subtype) {
        case BGP_MRT_BGP4MP_STATE_CHANGE:
                return true;
        case BGP_MRT_BGP4MP_STATE_CHANGE_AS4:
                si->as4 = true;
                return true;
        case BGP_MRT_BGP4MP_MESSAGE:
        case BGP_MRT_BGP4MP_MESSAGE_AS4:
        case BGP_MRT_BGP4MP_MESSAGE_LOCAL:
        case BGP_MRT_BGP4MP_MESSAGE_AS4_LOCAL:
        case BGP_MRT_BGP4MP_MESSAGE_ADDPATH:
        case BGP_MRT_BGP4MP_MESSAGE_AS4_ADDPATH:
        case BGP_MRT_BGP4MP_MESSAGE_LOCAL_ADDPATH:
        case BGP_MRT_BGP4MP_MESSAGE_AS4_LOCAL_ADDPATH:
                si->message = true;
                si->as4 = subtype == BGP_MRT_BGP4MP_MESSAGE_AS4 ||
                          subtype == BGP_MRT_BGP4MP_MESSAGE_AS4_LOCAL ||
                          subtype == BGP_MRT_BGP4MP_MESSAGE_AS4_ADDPATH ||
                          subtype == BGP_MRT_BGP4MP_MESSAGE_AS4_LOCAL_ADDPATH;
                si->local = subtype == BGP_MRT_BGP4MP_MESSAGE_LOCAL ||
                            subtype == BGP_MRT_BGP4MP_MESSAGE_AS4_LOCAL ||
                            subtype == BGP_MRT_BGP4MP_MESSAGE_LOCAL_ADDPATH ||
                            subtype == BGP_MRT_BGP4MP_MESSAGE_AS4_LOCAL_ADDPATH;
                si->addpath = subtype >= BGP_MRT_BGP4MP_MESSAGE_ADDPATH;
                return true;
        default:
                /* SNAPSHOT (2) and ENTRY (3) are deprecated (RFC 6396 4.4), the rest unknown. */
                return false;
        }
}

static int read_as(struct bgp_rd *rd, bool as4, uint32_t *asn)
{
        uint16_t as2;

        if (as4)
                return bgp_rd_u32(rd, asn);
        if (bgp_rd_u16(rd, &as2) != 0)
                return BGP_ERR_SHORT;
        *asn = as2;
        return 0;
}

int bgp_mrt_bgp4mp_decode(struct bgp_rd *rd, struct bgp_mrt_record *rec)
{
        struct bgp_mrt_bgp4mp *m = &rec->u.bgp4mp;
        struct subtype_info si;
        size_t addr_len;

        if (!subtype_info(rec->subtype, &si))
                return 0; /* left as BGP_MRT_KIND_OTHER */
        m->as4 = si.as4;
        m->local = si.local;
        m->addpath = si.addpath;

        /* RFC 6396 4.4.1 to 4.4.6: the common part of every subtype. */
        if (read_as(rd, si.as4, &m->peer_as) != 0 || read_as(rd, si.as4, &m->local_as) != 0 ||
            bgp_rd_u16(rd, &m->ifindex) != 0 || bgp_rd_u16(rd, &m->afi) != 0)
                return BGP_ERR_MALFORMED;
        if (m->afi == BGP_AFI_IPV4)
                addr_len = 4;
        else if (m->afi == BGP_AFI_IPV6)
                addr_len = 16;
        else
                return BGP_ERR_MALFORMED; /* the address length is unknown, so is the rest */
        if (bgp_rd_copy(rd, m->peer_addr, addr_len) != 0 ||
            bgp_rd_copy(rd, m->local_addr, addr_len) != 0)
                return BGP_ERR_MALFORMED;

        if (!si.message) {
                /* RFC 6396 4.4.1: two states, and nothing after them. */
                if (bgp_rd_u16(rd, &m->old_state) != 0 || bgp_rd_u16(rd, &m->new_state) != 0 ||
                    !bgp_rd_done(rd))
                        return BGP_ERR_MALFORMED;
                rec->kind = BGP_MRT_KIND_BGP4MP_STATE;
                return 0;
        }
        /* RFC 6396 4.4.2: the rest is the whole BGP message; the codec judges it. */
        m->msg_len = bgp_rd_left(rd);
        if (bgp_rd_view(rd, m->msg_len, &m->msg) != 0)
                return BGP_ERR_MALFORMED;
        rec->kind = BGP_MRT_KIND_BGP4MP_MESSAGE;
        return 0;
}
