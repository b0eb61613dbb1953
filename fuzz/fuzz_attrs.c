/*
 * fuzz_attrs.c - libFuzzer target: bgp_attrs_decode() on its own, the Path Attributes field
 * of an UPDATE (attr.c, aspath.c), then bgp_attrs_write() -> bgp_attrs_decode() again.
 *
 * Input layout: one selector octet (selector.h; the bits that matter here are 0x01, 2-octet
 * AS numbers (RFC 6793 absent), 0x0c, the families MP_REACH_NLRI may carry, and 0x10, an
 * external peer, which makes LOCAL_PREF a discard and the first AS checked), then the
 * attribute bytes.  libbgp has no ADD-PATH decoding (RFC 7911), so "add-path off" is the
 * only mode there is.
 *
 * Without the UPDATE around it, the walk can be held to what RFC 7606 asks of each
 * attribute, one at a time:
 *  - the result is 0 or BGP_ERR_MALFORMED (a framing error), the verdict well formed, and a
 *    framing error never leaves a weaker verdict than OK for the caller to raise;
 *  - every attribute marked present was accepted as RFC 7606 7 describes it: ORIGIN 0-2,
 *    a NEXT_HOP that is a unicast host address, no AS 0 in AS_PATH or AGGREGATOR (RFC 7607),
 *    lists that are not empty, AS4_* only from a 2-octet speaker, no LOCAL_PREF from an
 *    external peer whose AS_PATH starts with its AS, MP_REACH_NLRI next hops of 4, 16 or
 *    32 octets, and NLRI runs that iterate with no prefix longer than its family;
 *  - every view lies inside the attribute field;
 *  - attributes that stand re-encode, and the encoding decodes, with no error at all, to
 *    the same attributes (MP_REACH/MP_UNREACH aside: the UPDATE encoder writes those);
 *  - RFC 6793 4.2.2: attributes from a 4-octet AS speaker, written for a 2-octet one, have
 *    AS_TRANS for every AS over 65535 in AS_PATH and AGGREGATOR, and carry the real ones in
 *    AS4_PATH (the path without its confederation segments) and AS4_AGGREGATOR exactly
 *    when some AS needed them; nothing else changes;
 *  - bgp_as_path_length() counts as RFC 4271 9.1.2.2 says (a set is one, confederation
 *    segments none), and bgp_as_path_encode_seq() writes the path's AS numbers back as
 *    AS_SEQUENCEs of at most 255.
 *
 * The selector bit 0x40, free in selector.h, makes the peer's AS 4200000001 (with 0x10): a
 * 4-octet AS that a 2-octet path names as AS_TRANS.
 */
#include <string.h>

#define FUZZ_TARGET "fuzz_attrs"
#include "fuzz_util.h"
#include "same.h"
#include "selector.h"

#include "aspath.h"
#include "attr.h"

#define SEL_AS4_PEER 0x40
#define MAX_ASNS     8192

static void within(const char *what, const uint8_t *p, size_t len, const uint8_t *buf,
                   size_t buf_len)
{
        if (!fuzz_within(p, len, buf, buf_len))
                fuzz_fail("%s: a view of %zu octets outside the attribute field", what, len);
        if (len > 0)
                fuzz_touch(p, len);
}

static void check_path(const char *what, const struct bgp_as_path *p, uint8_t asn_size,
                       const uint8_t *buf, size_t len)
{
        static struct bgp_as_segment seg;
        struct bgp_as_path_iter it;
        int rc;

        within(what, p->data, p->len, buf, len);
        if (p->asn_size != asn_size)
                fuzz_fail("%s with %u-octet AS numbers, expected %u", what, p->asn_size, asn_size);
        static uint32_t asns[MAX_ASNS];
        static uint8_t seq[MAX_ASNS * 4 + MAX_ASNS];
        size_t n = 0;
        int length = 0;

        bgp_as_path_iter_init(&it, p);
        while ((rc = bgp_as_path_iter_next(&it, &seg)) == 1) {
                if (seg.count == 0 || seg.type < BGP_AS_SET || seg.type > BGP_AS_CONFED_SET)
                        fuzz_fail("%s: accepted a segment of type %u with %u ASes", what, seg.type,
                                  seg.count);
                for (unsigned i = 0; i < seg.count; i++) {
                        if (seg.asn[i] == 0)
                                fuzz_fail("%s: accepted AS 0 (RFC 7607)", what);
                        if (n < MAX_ASNS)
                                asns[n++] = seg.asn[i];
                }
                length += seg.type == BGP_AS_SEQUENCE ? seg.count : seg.type == BGP_AS_SET;
        }
        if (rc != 0)
                fuzz_fail("%s: an accepted path fails to iterate", what);
        if (bgp_as_path_length(p) != length)
                fuzz_fail("%s: bgp_as_path_length says %d, RFC 4271 9.1.2.2 %d", what,
                          bgp_as_path_length(p), length);

        /* The AS numbers as plain sequences, 255 a segment. */
        int seq_len = bgp_as_path_encode_seq(seq, sizeof(seq), asns, n);
        if (seq_len < 0)
                fuzz_fail("%s: bgp_as_path_encode_seq fails: %s", what, bgp_strerror(seq_len));
        struct bgp_as_path flat = {seq, (size_t)seq_len, 4};
        size_t k = 0;
        bgp_as_path_iter_init(&it, &flat);
        while ((rc = bgp_as_path_iter_next(&it, &seg)) == 1) {
                if (seg.type != BGP_AS_SEQUENCE || (seg.count != 255 && k + seg.count != n))
                        fuzz_fail("%s: encode_seq wrote a segment of type %u with %u ASes", what,
                                  seg.type, seg.count);
                for (unsigned i = 0; i < seg.count; i++, k++)
                        if (k >= n || seg.asn[i] != asns[k])
                                fuzz_fail("%s: encode_seq changed AS %zu", what, k);
        }
        if (rc != 0 || k != n || bgp_as_path_length(&flat) != (int)n)
                fuzz_fail("%s: encode_seq wrote %zu of %zu ASes", what, k, n);
}

static void check_attrs(const struct bgp_attr_ctx *c, const uint8_t *buf, size_t len)
{
        const struct bgp_attrs *a = c->attrs;
        const struct bgp_codec_opts *o = c->opts;

        for (unsigned t = 0; t < 256; t++)
                if (bgp_attrs_has(a, t) && !(c->seen[t / 32] & (1u << (t % 32))))
                        fuzz_fail("attribute %u present but never seen", t);
        if (a->n_raw > BGP_ATTRS_MAX_RAW)
                fuzz_fail("%zu unknown attributes kept", a->n_raw);
        for (size_t i = 0; i < a->n_raw; i++) {
                const struct bgp_attr_raw *r = &a->raw[i];
                within("unknown attribute", r->value, r->len, buf, len);
                if (bgp_attr_name(r->type) != NULL)
                        fuzz_fail("known attribute %s kept as unknown", bgp_attr_name(r->type));
                /* RFC 4271 5: only optional transitive ones are passed on. */
                if ((r->flags & SAME_MEANT_FLAGS) != SAME_MEANT_FLAGS)
                        fuzz_fail("kept unknown attribute %u with flags 0x%02x", r->type, r->flags);
                if (!bgp_attrs_has(a, r->type))
                        fuzz_fail("kept unknown attribute %u is not marked present", r->type);
        }
        if (bgp_attrs_has(a, BGP_ATTR_ORIGIN) && a->origin > BGP_ORIGIN_INCOMPLETE)
                fuzz_fail("accepted ORIGIN %u", a->origin);
        if (bgp_attrs_has(a, BGP_ATTR_AS_PATH)) {
                check_path("AS_PATH", &a->as_path, o->as4 ? 4 : 2, buf, len);
                if (c->ebgp) {
                        static struct bgp_as_segment first;
                        struct bgp_as_path_iter it;
                        uint32_t peer = o->remote_as;
                        if (!o->as4 && peer > 0xffff)
                                peer = BGP_AS_TRANS;
                        bgp_as_path_iter_init(&it, &a->as_path);
                        if (bgp_as_path_iter_next(&it, &first) != 1 ||
                            first.type != BGP_AS_SEQUENCE || first.asn[0] != peer)
                                fuzz_fail("an external peer's AS_PATH does not start with its AS");
                }
        }
        if (bgp_attrs_has(a, BGP_ATTR_AS4_PATH)) {
                if (o->as4)
                        fuzz_fail("AS4_PATH accepted from a 4-octet AS speaker");
                check_path("AS4_PATH", &a->as4_path, 4, buf, len);
        }
        if (bgp_attrs_has(a, BGP_ATTR_AS4_AGGREGATOR) && (o->as4 || a->as4_aggregator_as == 0))
                fuzz_fail("AS4_AGGREGATOR accepted from a 4-octet speaker or with AS 0");
        if (bgp_attrs_has(a, BGP_ATTR_NEXT_HOP) && (a->next_hop[0] == 0 || a->next_hop[0] >= 224))
                fuzz_fail("accepted NEXT_HOP %u.%u.%u.%u", a->next_hop[0], a->next_hop[1],
                          a->next_hop[2], a->next_hop[3]);
        if (bgp_attrs_has(a, BGP_ATTR_LOCAL_PREF) && c->ebgp)
                fuzz_fail("LOCAL_PREF accepted from an external peer (RFC 7606 7.5)");
        if (bgp_attrs_has(a, BGP_ATTR_AGGREGATOR) && a->aggregator_as == 0)
                fuzz_fail("AGGREGATOR with AS 0 accepted (RFC 7607)");
        if (!o->as4 && bgp_attrs_has(a, BGP_ATTR_AGGREGATOR) && a->aggregator_as > 0xffff)
                fuzz_fail("a 2-octet AGGREGATOR holds AS %u", a->aggregator_as);

        static const struct {
                unsigned type;
                size_t item;
        } lists[] = {{BGP_ATTR_COMMUNITIES, 4},
                     {BGP_ATTR_CLUSTER_LIST, 4},
                     {BGP_ATTR_EXT_COMMUNITIES, 8},
                     {BGP_ATTR_LARGE_COMMUNITIES, 12}};
        const struct bgp_attr_list *l[] = {&a->communities, &a->cluster_list, &a->ext_communities,
                                           &a->large_communities};
        for (size_t i = 0; i < 4; i++) {
                if (!bgp_attrs_has(a, lists[i].type))
                        continue;
                if (l[i]->count == 0)
                        fuzz_fail("an empty %s accepted", bgp_attr_name(lists[i].type));
                within(bgp_attr_name(lists[i].type), l[i]->data, l[i]->count * lists[i].item, buf,
                       len);
        }
        if (bgp_attrs_has(a, BGP_ATTR_COMMUNITIES))
                for (size_t i = 0; i < a->communities.count; i++) {
                        const uint8_t *p = a->communities.data + 4 * i;
                        bgp_community_name((uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
                                           (uint32_t)p[2] << 8 | p[3]);
                }

        if (bgp_attrs_has(a, BGP_ATTR_MP_REACH_NLRI)) {
                const struct bgp_mp_reach *m = &a->mp_reach;
                uint32_t fam = bgp_family_of(m->afi, m->safi);
                if (fam == 0 || (o->families & fam) == 0)
                        fuzz_fail("MP_REACH_NLRI of %u/%u accepted", m->afi, m->safi);
                if (m->afi == BGP_AFI_IPV4 ? m->nh_len != 4 : m->nh_len != 16 && m->nh_len != 32)
                        fuzz_fail("MP_REACH_NLRI next hop of %u octets for AFI %u", m->nh_len,
                                  m->afi);
                if (m->nlri.afi != m->afi || m->nlri.safi != m->safi)
                        fuzz_fail("MP_REACH_NLRI run of another family");
                within("MP_REACH_NLRI", m->nlri.data, m->nlri.len, buf, len);
                fuzz_walk_nlri(&m->nlri);
        }
        if (bgp_attrs_has(a, BGP_ATTR_MP_UNREACH_NLRI)) {
                const struct bgp_mp_unreach *m = &a->mp_unreach;
                uint32_t fam = bgp_family_of(m->afi, m->safi);
                if (fam == 0 || (o->families & fam) == 0)
                        fuzz_fail("MP_UNREACH_NLRI of %u/%u accepted", m->afi, m->safi);
                if (m->nlri.afi != m->afi || m->nlri.safi != m->safi)
                        fuzz_fail("MP_UNREACH_NLRI run of another family");
                within("MP_UNREACH_NLRI", m->nlri.data, m->nlri.len, buf, len);
                fuzz_walk_nlri(&m->nlri);
        }
}

static void decode(const struct bgp_codec_opts *opts, const uint8_t *buf, size_t len,
                   struct bgp_attrs *attrs, struct bgp_verdict *v, struct bgp_attr_ctx *c, int *rc)
{
        struct bgp_rd rd = bgp_rd_make(buf, len);

        bgp_verdict_init(v);
        memset(attrs, 0, sizeof(*attrs));
        memset(c, 0, sizeof(*c));
        c->opts = opts;
        c->attrs = attrs;
        c->verdict = v;
        /* As update.c decides it: both ASes known and different. */
        c->ebgp = opts->local_as != 0 && opts->remote_as != 0 && opts->local_as != opts->remote_as;
        *rc = bgp_attrs_decode(c, &rd);
        if (*rc != 0 && *rc != BGP_ERR_MALFORMED)
                fuzz_fail("bgp_attrs_decode returned %d", *rc);
        /* 0 means the walk reached the end of the field; an error means it could not. */
        if (*rc == 0 && bgp_rd_left(&rd) != 0)
                fuzz_fail("returned 0 with %zu octets unread", bgp_rd_left(&rd));
        fuzz_check_verdict_shape(v);
        if (v->action != BGP_ACTION_OK && v->code != BGP_NOTIFY_UPDATE)
                fuzz_fail("an attribute error with NOTIFICATION code %u", v->code);
        if (v->action != BGP_ACTION_OK && v->data != NULL &&
            !fuzz_within(v->data, v->data_len, buf, len))
                fuzz_fail("verdict data outside the attribute field");
}

/* The segments of a 4-octet path as a 2-octet speaker sees them (RFC 6793 4.2.2). */
static bool same_downgraded(const struct bgp_as_path *four, const struct bgp_as_path *two,
                            bool skip_confed, bool as_trans)
{
        static struct bgp_as_segment a, b;
        struct bgp_as_path_iter ia, ib;
        int ra, rb;

        bgp_as_path_iter_init(&ia, four);
        bgp_as_path_iter_init(&ib, two);
        for (;;) {
                do
                        ra = bgp_as_path_iter_next(&ia, &a);
                while (ra == 1 && skip_confed &&
                       (a.type == BGP_AS_CONFED_SEQUENCE || a.type == BGP_AS_CONFED_SET));
                rb = bgp_as_path_iter_next(&ib, &b);
                if (ra != rb)
                        return false;
                if (ra != 1)
                        return ra == 0;
                if (a.type != b.type || a.count != b.count)
                        return false;
                for (unsigned i = 0; i < a.count; i++) {
                        uint32_t want = as_trans && a.asn[i] > 0xffff ? BGP_AS_TRANS : a.asn[i];
                        if (b.asn[i] != want)
                                return false;
                }
        }
}

static void check_downgrade(const struct bgp_attrs *a, const struct bgp_codec_opts *opts4)
{
        static struct bgp_attrs two, x, y;
        static uint8_t enc[2 * BGP_EXT_MAX_MSG_LEN];
        static const unsigned as_attrs[] = {BGP_ATTR_AS_PATH, BGP_ATTR_AGGREGATOR,
                                            BGP_ATTR_AS4_PATH, BGP_ATTR_AS4_AGGREGATOR};
        struct bgp_codec_opts opts2 = *opts4;
        struct bgp_attr_ctx c;
        struct bgp_verdict v;
        int rc;

        opts2.as4 = false;
        struct bgp_wr wr = bgp_wr_make(enc, sizeof(enc));
        bgp_attrs_write(&wr, a, &opts2, true);
        if (wr.err != 0)
                fuzz_fail("attributes do not encode for a 2-octet AS peer: %s",
                          bgp_strerror(wr.err));
        decode(&opts2, enc, wr.off, &two, &v, &c, &rc);
        if (rc != 0 || v.action != BGP_ACTION_OK)
                fuzz_fail("written for a 2-octet AS peer, they decode to %s (%s, type %d)",
                          bgp_action_name(v.action), v.reason != NULL ? v.reason : "no reason",
                          v.attr_type);
        check_attrs(&c, enc, wr.off);

        bool need_path = bgp_attrs_has(a, BGP_ATTR_AS_PATH) && bgp_as_path_needs_as4(&a->as_path);
        if (bgp_attrs_has(a, BGP_ATTR_AS_PATH) != bgp_attrs_has(&two, BGP_ATTR_AS_PATH) ||
            need_path != bgp_attrs_has(&two, BGP_ATTR_AS4_PATH))
                fuzz_fail("AS_PATH or AS4_PATH present in one encoding only (AS4_PATH %s)",
                          need_path ? "needed" : "not needed");
        if (bgp_attrs_has(a, BGP_ATTR_AS_PATH) &&
            !same_downgraded(&a->as_path, &two.as_path, false, true))
                fuzz_fail("the 2-octet AS_PATH is not the path with AS_TRANS");
        if (need_path && !same_downgraded(&a->as_path, &two.as4_path, true, false))
                fuzz_fail("AS4_PATH is not the path without its confederation segments");

        bool need_aggr = bgp_attrs_has(a, BGP_ATTR_AGGREGATOR) && a->aggregator_as > 0xffff;
        if (bgp_attrs_has(a, BGP_ATTR_AGGREGATOR) != bgp_attrs_has(&two, BGP_ATTR_AGGREGATOR) ||
            need_aggr != bgp_attrs_has(&two, BGP_ATTR_AS4_AGGREGATOR))
                fuzz_fail("AGGREGATOR or AS4_AGGREGATOR present in one encoding only");
        if (bgp_attrs_has(a, BGP_ATTR_AGGREGATOR) &&
            (two.aggregator_as != (need_aggr ? BGP_AS_TRANS : a->aggregator_as) ||
             memcmp(two.aggregator_addr, a->aggregator_addr, 4) != 0))
                fuzz_fail("the 2-octet AGGREGATOR is not the aggregator with AS_TRANS");
        if (need_aggr && (two.as4_aggregator_as != a->aggregator_as ||
                          memcmp(two.as4_aggregator_addr, a->aggregator_addr, 4) != 0))
                fuzz_fail("AS4_AGGREGATOR is not the aggregator");

        /* Everything else is as it was. */
        x = *a;
        y = two;
        for (size_t i = 0; i < sizeof(as_attrs) / sizeof(as_attrs[0]); i++) {
                bgp_attrs_clear(&x, as_attrs[i]);
                bgp_attrs_clear(&y, as_attrs[i]);
        }
        same_attrs_mp(&x, &y, false);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        static struct bgp_attrs first, second;
        static uint8_t enc[2 * BGP_EXT_MAX_MSG_LEN];
        struct bgp_attr_ctx c1, c2;
        struct bgp_verdict v1, v2;
        struct bgp_codec_opts opts;
        int rc;

        if (size < 1 || size > BGP_EXT_MAX_MSG_LEN)
                return 0;
        opts_from_selector(data[0], &opts);
        if ((data[0] & SEL_AS4_PEER) && opts.remote_as != 0)
                opts.remote_as = 4200000001u;
        data++;
        size--;

        decode(&opts, data, size, &first, &v1, &c1, &rc);
        check_attrs(&c1, data, size);
        if (rc != 0 || v1.action > BGP_ACTION_ATTR_DISCARD)
                return 0;

        struct bgp_wr wr = bgp_wr_make(enc, sizeof(enc));
        bgp_attrs_write(&wr, &first, &opts, true);
        if (wr.err != 0)
                fuzz_fail("accepted attributes do not re-encode: %s", bgp_strerror(wr.err));
        if (wr.off > size + same_attr_count(&first))
                fuzz_fail("%zu octets of attributes grew to %zu", size, wr.off);

        decode(&opts, enc, wr.off, &second, &v2, &c2, &rc);
        if (rc != 0 || v2.action != BGP_ACTION_OK)
                fuzz_fail("our own attributes decode to %s (%u/%u: %s, type %d)",
                          bgp_action_name(v2.action), v2.code, v2.subcode,
                          v2.reason != NULL ? v2.reason : "no reason", v2.attr_type);
        check_attrs(&c2, enc, wr.off);
        same_attrs_mp(&first, &second, false);
        if (opts.as4)
                check_downgrade(&first, &opts);
        return 0;
}
