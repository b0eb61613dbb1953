/*
 * fuzz_mrt.c - libFuzzer target: the MRT reader (mrt.c, mrt_bgp4mp.c, mrt_table.c,
 * mrt_rib_update.c, mrt_names.c), as lbgp-decode --mrt drives it.
 *
 * Input: an MRT file, records back to back (RFC 6396 2).  Each record is framed, described
 * and taken apart the way a reader of a whole file would: BGP4MP messages go to the message
 * codec with the options bgp_mrt_codec_opts_init() gives, PEER_INDEX_TABLE peers and RIB
 * entries are iterated, and every RIB entry is rebuilt as an UPDATE and decoded.
 *
 * Promises checked (mrt.h):
 *  - a record that decodes (or is framed but malformed) spans at least its header and no
 *    more than the input, so the walk always moves on; a short one says how long it needs;
 *  - the message field and every view lie inside the record;
 *  - the iterators of a record that decoded never fail, and yield exactly the counts the
 *    record announced;
 *  - a RIB record's prefix fits its family;
 *  - the UPDATE rebuilt from a RIB entry carries no prefixes of its own (an MP_REACH_NLRI
 *    with its next hop and no NLRI: the entry stands for the record's prefix alone);
 *  - verdicts have the shape msg.h promises.
 */
#include <string.h>

#define FUZZ_TARGET "fuzz_mrt"
#include "fuzz_util.h"

static void check_msg(const struct bgp_mrt_record *rec)
{
        static struct bgp_msg msg;
        const struct bgp_mrt_bgp4mp *m = &rec->u.bgp4mp;
        struct bgp_codec_opts opts;
        struct bgp_verdict v;

        bgp_mrt_codec_opts_init(&opts, rec);
        if (opts.as4 != m->as4)
                fuzz_fail("codec options disagree with the subtype on 4-octet AS");
        int rc = bgp_msg_decode(m->msg, m->msg_len, &opts, &msg, &v);
        if (rc != 0 && rc != BGP_ERR_MALFORMED && rc != BGP_ERR_SHORT &&
            rc != BGP_ERR_INVALID_ARGUMENT)
                fuzz_fail("bgp_msg_decode returned %d", rc);
        if (rc == 0 || rc == BGP_ERR_MALFORMED)
                fuzz_check_verdict_shape(&v);
        if (rc == 0 && v.action > BGP_ACTION_ATTR_DISCARD)
                fuzz_fail("a message stands with verdict %s", bgp_action_name(v.action));
        if (rc == 0 && bgp_msg_type_name(msg.hdr.type) == NULL)
                fuzz_fail("no name for message type %u", msg.hdr.type);
        if (rc == 0 && msg.hdr.type == BGP_MSG_UPDATE) {
                const struct bgp_update *u = &msg.u.update;
                fuzz_walk_nlri(&u->withdrawn);
                fuzz_walk_nlri(&u->nlri);
                if (bgp_attrs_has(&u->attrs, BGP_ATTR_MP_REACH_NLRI))
                        fuzz_walk_nlri(&u->attrs.mp_reach.nlri);
                if (bgp_attrs_has(&u->attrs, BGP_ATTR_MP_UNREACH_NLRI))
                        fuzz_walk_nlri(&u->attrs.mp_unreach.nlri);
        }
}

static void check_bgp4mp(const struct bgp_mrt_record *rec, const uint8_t *r, size_t rlen)
{
        const struct bgp_mrt_bgp4mp *m = &rec->u.bgp4mp;

        if (m->afi != BGP_AFI_IPV4 && m->afi != BGP_AFI_IPV6)
                fuzz_fail("BGP4MP with address family %u", m->afi);
        if (rec->kind == BGP_MRT_KIND_BGP4MP_STATE) {
                bgp_mrt_state_name(m->old_state);
                bgp_mrt_state_name(m->new_state);
                return;
        }
        if (!fuzz_within(m->msg, m->msg_len, r, rlen))
                fuzz_fail("the BGP message of %zu octets lies outside its record", m->msg_len);
        check_msg(rec);
}

static void check_peer_index(const struct bgp_mrt_record *rec, const uint8_t *r, size_t rlen)
{
        const struct bgp_mrt_peer_index *pi = &rec->u.peer_index;
        struct bgp_mrt_peer_iter it;
        struct bgp_mrt_peer peer;
        size_t n = 0;
        int rc;

        if (!fuzz_within(pi->view_name, pi->view_name_len, r, rlen) ||
            !fuzz_within(pi->peers, pi->peers_len, r, rlen))
                fuzz_fail("a PEER_INDEX_TABLE view outside its record");
        bgp_mrt_peer_iter_init(&it, pi);
        while ((rc = bgp_mrt_peer_iter_next(&it, &peer)) == 1) {
                if (peer.afi != BGP_AFI_IPV4 && peer.afi != BGP_AFI_IPV6)
                        fuzz_fail("a peer of address family %u", peer.afi);
                n++;
        }
        if (rc != 0)
                fuzz_fail("the peers of a decoded PEER_INDEX_TABLE fail to iterate");
        if (n != pi->peer_count)
                fuzz_fail("PEER_INDEX_TABLE announces %u peers and holds %zu", pi->peer_count, n);
}

static void check_rib(const struct bgp_mrt_record *rec, const uint8_t *r, size_t rlen)
{
        static uint8_t buf[BGP_MRT_RIB_UPDATE_MAX];
        static struct bgp_update u;
        const struct bgp_mrt_rib *rib = &rec->u.rib;
        struct bgp_mrt_rib_iter it;
        struct bgp_mrt_rib_entry e;
        struct bgp_verdict v;
        size_t n = 0;
        int rc;

        if (bgp_family_of(rib->afi, rib->safi) == 0)
                fuzz_fail("a RIB record of family %u/%u", rib->afi, rib->safi);
        fuzz_check_prefix(&rib->prefix, rib->afi);
        if (!fuzz_within(rib->entries, rib->entries_len, r, rlen))
                fuzz_fail("the RIB entries lie outside their record");
        bgp_mrt_rib_iter_init(&it, rib);
        while ((rc = bgp_mrt_rib_iter_next(&it, &e)) == 1) {
                n++;
                if (!fuzz_within(e.attrs, e.attrs_len, rib->entries, rib->entries_len))
                        fuzz_fail("a RIB entry's attributes lie outside the entries");
                if (!rib->addpath && e.path_id != 0)
                        fuzz_fail("a path identifier without ADD-PATH");
                int got = bgp_mrt_rib_entry_decode(rib, &e, buf, sizeof(buf), &u, &v);
                if (got == BGP_ERR_NOSPACE)
                        continue;
                if (got != 0 && got != BGP_ERR_MALFORMED)
                        fuzz_fail("bgp_mrt_rib_entry_decode returned %d", got);
                fuzz_check_verdict_shape(&v);
                if ((got == 0) != (v.action <= BGP_ACTION_ATTR_DISCARD))
                        fuzz_fail("returned %d with verdict %s", got, bgp_action_name(v.action));
                if (got != 0)
                        continue;
                if (u.withdrawn.len != 0 || u.nlri.len != 0 ||
                    (bgp_attrs_has(&u.attrs, BGP_ATTR_MP_REACH_NLRI) &&
                     u.attrs.mp_reach.nlri.len != 0))
                        fuzz_fail("the UPDATE rebuilt from a RIB entry carries prefixes");
                if (bgp_attrs_has(&u.attrs, BGP_ATTR_MP_UNREACH_NLRI))
                        fuzz_walk_nlri(&u.attrs.mp_unreach.nlri);
        }
        if (rc != 0)
                fuzz_fail("the entries of a decoded RIB record fail to iterate");
        if (n != rib->entry_count)
                fuzz_fail("the RIB record announces %u entries and holds %zu", rib->entry_count, n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct bgp_mrt_record rec;
        size_t off = 0;

        while (off < size) {
                const uint8_t *r = data + off;
                size_t left = size - off;
                int rc = bgp_mrt_record_decode(r, left, &rec);
                if (rc == BGP_ERR_SHORT) {
                        if (left >= BGP_MRT_HEADER_LEN && rec.record_len <= left)
                                fuzz_fail("short, yet the record needs only %zu of %zu octets",
                                          rec.record_len, left);
                        break;
                }
                if (rc != 0 && rc != BGP_ERR_MALFORMED)
                        fuzz_fail("bgp_mrt_record_decode returned %d", rc);
                if (rec.record_len < BGP_MRT_HEADER_LEN || rec.record_len > left)
                        fuzz_fail("a record of %zu octets in %zu", rec.record_len, left);
                bgp_mrt_type_name(rec.type);
                bgp_mrt_subtype_name(rec.type, rec.subtype);
                /* RFC 6396 4.2 and 4.3.4: TABLE_DUMP predates 4-octet AS numbers, a
                 * TABLE_DUMP_V2 RIB entry always has them. */
                struct bgp_codec_opts o;
                bgp_mrt_codec_opts_init(&o, &rec);
                if ((rec.type == BGP_MRT_TABLE_DUMP && o.as4) ||
                    (rec.type == BGP_MRT_TABLE_DUMP_V2 && !o.as4))
                        fuzz_fail("codec options of a type %u record with as4 %d", rec.type, o.as4);
                if (rc == 0) {
                        if (!fuzz_within(rec.body, rec.body_len, r, rec.record_len))
                                fuzz_fail("the message field lies outside its record");
                        switch (rec.kind) {
                        case BGP_MRT_KIND_BGP4MP_STATE:
                        case BGP_MRT_KIND_BGP4MP_MESSAGE:
                                check_bgp4mp(&rec, r, rec.record_len);
                                break;
                        case BGP_MRT_KIND_PEER_INDEX:
                                check_peer_index(&rec, r, rec.record_len);
                                break;
                        case BGP_MRT_KIND_RIB:
                                check_rib(&rec, r, rec.record_len);
                                break;
                        case BGP_MRT_KIND_OTHER:
                                break;
                        default:
                                fuzz_fail("a record of kind %d", (int)rec.kind);
                        }
                }
                off += rec.record_len;
        }
        return 0;
}
