/* mrt_table.c - TABLE_DUMP_V2 records, RFC 6396 section 4.3 and RFC 8050 section 4. */
#include <string.h>

#include "mrt_body.h"

/* RFC 6396 4.3.1: the Peer Type bits. */
#define PEER_TYPE_IPV6 0x01
#define PEER_TYPE_AS4  0x02

static int read_peer(struct bgp_rd *rd, struct bgp_mrt_peer *peer)
{
        uint8_t type;
        uint16_t as2;

        memset(peer, 0, sizeof(*peer));
        if (bgp_rd_u8(rd, &type) != 0 || bgp_rd_u32(rd, &peer->bgp_id) != 0)
                return BGP_ERR_MALFORMED;
        peer->afi = (type & PEER_TYPE_IPV6) != 0 ? BGP_AFI_IPV6 : BGP_AFI_IPV4;
        if (bgp_rd_copy(rd, peer->addr, peer->afi == BGP_AFI_IPV6 ? 16 : 4) != 0)
                return BGP_ERR_MALFORMED;
        if ((type & PEER_TYPE_AS4) != 0)
                return bgp_rd_u32(rd, &peer->asn) != 0 ? BGP_ERR_MALFORMED : 0;
        if (bgp_rd_u16(rd, &as2) != 0)
                return BGP_ERR_MALFORMED;
        peer->asn = as2;
        return 0;
}

static int peer_index_decode(struct bgp_rd *rd, struct bgp_mrt_record *rec)
{
        struct bgp_mrt_peer_index *pi = &rec->u.peer_index;
        struct bgp_mrt_peer peer;
        uint16_t name_len;

        /* RFC 6396 4.3.1: collector BGP ID, view name, then the peer entries. */
        if (bgp_rd_u32(rd, &pi->collector_id) != 0 || bgp_rd_u16(rd, &name_len) != 0 ||
            bgp_rd_view(rd, name_len, &pi->view_name) != 0 || bgp_rd_u16(rd, &pi->peer_count) != 0)
                return BGP_ERR_MALFORMED;
        pi->view_name_len = name_len;
        pi->peers = bgp_rd_ptr(rd);
        size_t start = rd->off;
        for (unsigned i = 0; i < pi->peer_count; i++)
                if (read_peer(rd, &peer) != 0)
                        return BGP_ERR_MALFORMED;
        pi->peers_len = rd->off - start;
        if (!bgp_rd_done(rd))
                return BGP_ERR_MALFORMED;
        rec->kind = BGP_MRT_KIND_PEER_INDEX;
        return 0;
}

void bgp_mrt_peer_iter_init(struct bgp_mrt_peer_iter *it, const struct bgp_mrt_peer_index *pi)
{
        it->data = pi->peers;
        it->len = pi->peers != NULL ? pi->peers_len : 0;
        it->off = 0;
}

int bgp_mrt_peer_iter_next(struct bgp_mrt_peer_iter *it, struct bgp_mrt_peer *peer)
{
        struct bgp_rd rd = bgp_rd_make(it->data, it->len);
        rd.off = it->off;
        if (bgp_rd_left(&rd) == 0)
                return 0;
        if (read_peer(&rd, peer) != 0) {
                it->off = it->len;
                return BGP_ERR_MALFORMED;
        }
        it->off = rd.off;
        return 1;
}

/* Reads one prefix in the RFC 4271 4.3 encoding through the codec's NLRI iterator. */
static int read_prefix(struct bgp_rd *rd, uint16_t afi, uint8_t safi, struct bgp_prefix *pfx)
{
        struct bgp_nlri nlri = {bgp_rd_ptr(rd), 0, afi, safi};
        struct bgp_nlri_iter it;
        size_t start = rd->off;
        uint8_t bits;

        if (bgp_rd_u8(rd, &bits) != 0 || bgp_rd_skip(rd, ((size_t)bits + 7) / 8) != 0)
                return BGP_ERR_MALFORMED;
        nlri.len = rd->off - start;
        bgp_nlri_iter_init(&it, &nlri);
        return bgp_nlri_iter_next(&it, pfx) == 1 ? 0 : BGP_ERR_MALFORMED;
}

static int read_entry(struct bgp_rd *rd, bool addpath, struct bgp_mrt_rib_entry *e)
{
        uint16_t attr_len;

        memset(e, 0, sizeof(*e));
        /* RFC 6396 4.3.4; RFC 8050 4 puts the path identifier after the originated time. */
        if (bgp_rd_u16(rd, &e->peer_index) != 0 || bgp_rd_u32(rd, &e->originated) != 0 ||
            (addpath && bgp_rd_u32(rd, &e->path_id) != 0) || bgp_rd_u16(rd, &attr_len) != 0 ||
            bgp_rd_view(rd, attr_len, &e->attrs) != 0)
                return BGP_ERR_MALFORMED;
        e->attrs_len = attr_len;
        return 0;
}

/* The AFI and SAFI of the fixed-family RIB subtypes, RFC 6396 4.3.2. */
static bool rib_family(uint16_t subtype, uint16_t *afi, uint8_t *safi, bool *addpath)
{
        *addpath = subtype >= BGP_MRT_RIB_IPV4_UNICAST_ADDPATH;
        switch (subtype) {
        case BGP_MRT_RIB_IPV4_UNICAST:
        case BGP_MRT_RIB_IPV4_UNICAST_ADDPATH:
                *afi = BGP_AFI_IPV4;
                *safi = BGP_SAFI_UNICAST;
                return true;
        case BGP_MRT_RIB_IPV4_MULTICAST:
        case BGP_MRT_RIB_IPV4_MULTICAST_ADDPATH:
                *afi = BGP_AFI_IPV4;
                *safi = BGP_SAFI_MULTICAST;
                return true;
        case BGP_MRT_RIB_IPV6_UNICAST:
        case BGP_MRT_RIB_IPV6_UNICAST_ADDPATH:
                *afi = BGP_AFI_IPV6;
                *safi = BGP_SAFI_UNICAST;
                return true;
        case BGP_MRT_RIB_IPV6_MULTICAST:
        case BGP_MRT_RIB_IPV6_MULTICAST_ADDPATH:
                *afi = BGP_AFI_IPV6;
                *safi = BGP_SAFI_MULTICAST;
                return true;
        default:
                return false;
        }
}

static int rib_decode(struct bgp_rd *rd, struct bgp_mrt_record *rec)
{
        struct bgp_mrt_rib *rib = &rec->u.rib;
        struct bgp_mrt_rib_entry e;

        bool generic =
            rec->subtype == BGP_MRT_RIB_GENERIC || rec->subtype == BGP_MRT_RIB_GENERIC_ADDPATH;
        if (!generic && !rib_family(rec->subtype, &rib->afi, &rib->safi, &rib->addpath))
                return 0; /* GEO_PEER_TABLE (RFC 9069) and unknown subtypes: BGP_MRT_KIND_OTHER */
        if (bgp_rd_u32(rd, &rib->seq) != 0)
                return BGP_ERR_MALFORMED;
        if (generic) {
                /* RFC 6396 4.3.3: AFI, SAFI, then one NLRI in that family's encoding. */
                rib->addpath = rec->subtype == BGP_MRT_RIB_GENERIC_ADDPATH;
                if (bgp_rd_u16(rd, &rib->afi) != 0 || bgp_rd_u8(rd, &rib->safi) != 0)
                        return BGP_ERR_MALFORMED;
                /* Only the families whose NLRI is a plain prefix can be read on. */
                if (bgp_family_of(rib->afi, rib->safi) == 0) {
                        memset(rib, 0, sizeof(*rib));
                        return 0; /* left as BGP_MRT_KIND_OTHER */
                }
        }
        if (read_prefix(rd, rib->afi, rib->safi, &rib->prefix) != 0 ||
            bgp_rd_u16(rd, &rib->entry_count) != 0)
                return BGP_ERR_MALFORMED;
        /* Every entry is checked now, so that the iterator cannot fail later. */
        rib->entries = bgp_rd_ptr(rd);
        size_t start = rd->off;
        for (unsigned i = 0; i < rib->entry_count; i++)
                if (read_entry(rd, rib->addpath, &e) != 0)
                        return BGP_ERR_MALFORMED;
        rib->entries_len = rd->off - start;
        if (!bgp_rd_done(rd))
                return BGP_ERR_MALFORMED;
        rec->kind = BGP_MRT_KIND_RIB;
        return 0;
}

int bgp_mrt_td2_decode(struct bgp_rd *rd, struct bgp_mrt_record *rec)
{
        if (rec->subtype == BGP_MRT_PEER_INDEX_TABLE)
                return peer_index_decode(rd, rec);
        return rib_decode(rd, rec);
}

void bgp_mrt_rib_iter_init(struct bgp_mrt_rib_iter *it, const struct bgp_mrt_rib *rib)
{
        it->data = rib->entries;
        it->len = rib->entries != NULL ? rib->entries_len : 0;
        it->off = 0;
        it->addpath = rib->addpath;
}

int bgp_mrt_rib_iter_next(struct bgp_mrt_rib_iter *it, struct bgp_mrt_rib_entry *entry)
{
        struct bgp_rd rd = bgp_rd_make(it->data, it->len);
        rd.off = it->off;
        if (bgp_rd_left(&rd) == 0)
                return 0;
        if (read_entry(&rd, it->addpath, entry) != 0) {
                it->off = it->len;
                return BGP_ERR_MALFORMED;
        }
        it->off = rd.off;
        return 1;
}
