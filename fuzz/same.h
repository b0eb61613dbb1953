/*
 * same.h - do two decodes say the same thing?  The semantic comparison of decoded UPDATE
 * parts, shared by the round-trip targets (fuzz_update, fuzz_attrs).
 *
 * The comparison is field by field, not byte by byte, because a re-encoding may
 * legitimately differ in form: RFC 4271 5 sets the Partial bit on unknown transitive
 * attributes we pass on, the extended-length bit may change, the octet size of AS numbers
 * follows the session, and a discarded attribute is gone.  Include fuzz_util.h first.
 */
#ifndef BGP_FUZZ_SAME_H
#define BGP_FUZZ_SAME_H

#include <string.h>

#include "fuzz_util.h"

static inline void same_prefixes(const char *what, const struct bgp_nlri *a,
                                 const struct bgp_nlri *b)
{
        struct bgp_nlri_iter ia, ib;
        struct bgp_prefix pa, pb;
        size_t i = 0;

        bgp_nlri_iter_init(&ia, a);
        bgp_nlri_iter_init(&ib, b);
        for (;; i++) {
                int ra = bgp_nlri_iter_next(&ia, &pa);
                int rb = bgp_nlri_iter_next(&ib, &pb);
                if (ra < 0 || rb < 0)
                        fuzz_fail("%s: a validated NLRI run fails to iterate at prefix %zu", what,
                                  i);
                if (ra != rb)
                        fuzz_fail("%s: %s decode has more prefixes (%zu seen)", what,
                                  ra ? "first" : "second", i);
                if (ra == 0)
                        return;
                if (pa.afi != pb.afi || pa.len != pb.len ||
                    memcmp(pa.addr, pb.addr, sizeof(pa.addr)) != 0) {
                        char ta[64], tb[64];
                        bgp_prefix_format(&pa, ta, sizeof(ta));
                        bgp_prefix_format(&pb, tb, sizeof(tb));
                        fuzz_fail("%s: prefix %zu is %s, then %s", what, i, ta, tb);
                }
        }
}

/* Segment by segment: the octet size of the AS numbers is form, not content. */
static inline void same_as_path(const char *what, const struct bgp_as_path *a,
                                const struct bgp_as_path *b)
{
        static struct bgp_as_segment sa, sb; /* 1 KiB each */
        struct bgp_as_path_iter ia, ib;
        size_t i = 0;

        bgp_as_path_iter_init(&ia, a);
        bgp_as_path_iter_init(&ib, b);
        for (;; i++) {
                int ra = bgp_as_path_iter_next(&ia, &sa);
                int rb = bgp_as_path_iter_next(&ib, &sb);
                if (ra < 0 || rb < 0)
                        fuzz_fail("%s: an accepted path fails to iterate at segment %zu", what, i);
                if (ra != rb)
                        fuzz_fail("%s: %s decode has more segments (%zu seen)", what,
                                  ra ? "first" : "second", i);
                if (ra == 0)
                        return;
                if (sa.type != sb.type || sa.count != sb.count)
                        fuzz_fail("%s: segment %zu is type %u x%u, then type %u x%u", what, i,
                                  sa.type, sa.count, sb.type, sb.count);
                for (unsigned k = 0; k < sa.count; k++)
                        if (sa.asn[k] != sb.asn[k])
                                fuzz_fail("%s: segment %zu AS %u is %u, then %u", what, i, k,
                                          sa.asn[k], sb.asn[k]);
        }
}

static inline void same_list(const char *what, const struct bgp_attr_list *a,
                             const struct bgp_attr_list *b, size_t item)
{
        if (a->count != b->count)
                fuzz_fail("%s: %zu items, then %zu", what, a->count, b->count);
        if (a->count > 0 && memcmp(a->data, b->data, a->count * item) != 0)
                fuzz_fail("%s: the values differ", what);
}

/* What the sender meant: optional and transitive.  Partial and extended length are form. */
#define SAME_MEANT_FLAGS (BGP_ATTR_FLAG_OPTIONAL | BGP_ATTR_FLAG_TRANSITIVE)

/*
 * The same attributes.  With with_mp false, MP_REACH_NLRI and MP_UNREACH_NLRI are left out
 * of the comparison: bgp_attrs_write() does not write them (the UPDATE encoder does).
 */
static inline void same_attrs_mp(const struct bgp_attrs *a, const struct bgp_attrs *b, bool with_mp)
{
        for (unsigned t = 0; t < 256; t++) {
                if (!with_mp && (t == BGP_ATTR_MP_REACH_NLRI || t == BGP_ATTR_MP_UNREACH_NLRI))
                        continue;
                if (bgp_attrs_has(a, t) != bgp_attrs_has(b, t))
                        fuzz_fail("attribute %u is present in the %s decode only", t,
                                  bgp_attrs_has(a, t) ? "first" : "second");
        }

        if (bgp_attrs_has(a, BGP_ATTR_ORIGIN) && a->origin != b->origin)
                fuzz_fail("ORIGIN %u, then %u", a->origin, b->origin);
        if (bgp_attrs_has(a, BGP_ATTR_AS_PATH))
                same_as_path("AS_PATH", &a->as_path, &b->as_path);
        if (bgp_attrs_has(a, BGP_ATTR_AS4_PATH))
                same_as_path("AS4_PATH", &a->as4_path, &b->as4_path);
        if (bgp_attrs_has(a, BGP_ATTR_NEXT_HOP) && memcmp(a->next_hop, b->next_hop, 4) != 0)
                fuzz_fail("NEXT_HOP differs");
        if (bgp_attrs_has(a, BGP_ATTR_MED) && a->med != b->med)
                fuzz_fail("MED %u, then %u", a->med, b->med);
        if (bgp_attrs_has(a, BGP_ATTR_LOCAL_PREF) && a->local_pref != b->local_pref)
                fuzz_fail("LOCAL_PREF %u, then %u", a->local_pref, b->local_pref);
        if (bgp_attrs_has(a, BGP_ATTR_AGGREGATOR) &&
            (a->aggregator_as != b->aggregator_as ||
             memcmp(a->aggregator_addr, b->aggregator_addr, 4) != 0))
                fuzz_fail("AGGREGATOR differs");
        if (bgp_attrs_has(a, BGP_ATTR_AS4_AGGREGATOR) &&
            (a->as4_aggregator_as != b->as4_aggregator_as ||
             memcmp(a->as4_aggregator_addr, b->as4_aggregator_addr, 4) != 0))
                fuzz_fail("AS4_AGGREGATOR differs");
        if (bgp_attrs_has(a, BGP_ATTR_COMMUNITIES))
                same_list("COMMUNITIES", &a->communities, &b->communities, 4);
        if (bgp_attrs_has(a, BGP_ATTR_EXT_COMMUNITIES))
                same_list("EXTENDED COMMUNITIES", &a->ext_communities, &b->ext_communities, 8);
        if (bgp_attrs_has(a, BGP_ATTR_LARGE_COMMUNITIES))
                same_list("LARGE_COMMUNITY", &a->large_communities, &b->large_communities, 12);
        if (bgp_attrs_has(a, BGP_ATTR_ORIGINATOR_ID) && a->originator_id != b->originator_id)
                fuzz_fail("ORIGINATOR_ID differs");
        if (bgp_attrs_has(a, BGP_ATTR_CLUSTER_LIST))
                same_list("CLUSTER_LIST", &a->cluster_list, &b->cluster_list, 4);
        if (bgp_attrs_has(a, BGP_ATTR_OTC) && a->otc != b->otc)
                fuzz_fail("OTC %u, then %u", a->otc, b->otc);

        if (with_mp && bgp_attrs_has(a, BGP_ATTR_MP_REACH_NLRI)) {
                const struct bgp_mp_reach *ra = &a->mp_reach, *rb = &b->mp_reach;
                if (ra->afi != rb->afi || ra->safi != rb->safi)
                        fuzz_fail("MP_REACH_NLRI family %u/%u, then %u/%u", ra->afi, ra->safi,
                                  rb->afi, rb->safi);
                if (ra->nh_len != rb->nh_len || ra->nh_len > sizeof(ra->nh) ||
                    memcmp(ra->nh, rb->nh, ra->nh_len) != 0)
                        fuzz_fail("MP_REACH_NLRI next hop differs (length %u, then %u)", ra->nh_len,
                                  rb->nh_len);
                same_prefixes("MP_REACH_NLRI", &ra->nlri, &rb->nlri);
        }
        if (with_mp && bgp_attrs_has(a, BGP_ATTR_MP_UNREACH_NLRI)) {
                const struct bgp_mp_unreach *ua = &a->mp_unreach, *ub = &b->mp_unreach;
                if (ua->afi != ub->afi || ua->safi != ub->safi)
                        fuzz_fail("MP_UNREACH_NLRI family %u/%u, then %u/%u", ua->afi, ua->safi,
                                  ub->afi, ub->safi);
                same_prefixes("MP_UNREACH_NLRI", &ua->nlri, &ub->nlri);
        }

        if (a->n_raw != b->n_raw)
                fuzz_fail("%zu unknown attributes kept, then %zu", a->n_raw, b->n_raw);
        for (size_t i = 0; i < a->n_raw; i++) {
                const struct bgp_attr_raw *xa = &a->raw[i], *xb = &b->raw[i];
                if (xa->type != xb->type || xa->len != xb->len ||
                    (xa->flags & SAME_MEANT_FLAGS) != (xb->flags & SAME_MEANT_FLAGS) ||
                    (xa->len > 0 && memcmp(xa->value, xb->value, xa->len) != 0))
                        fuzz_fail("unknown attribute %zu (type %u) differs", i, xa->type);
        }
}

static inline void same_attrs(const struct bgp_attrs *a, const struct bgp_attrs *b)
{
        same_attrs_mp(a, b, true);
}

static inline void same_update(const struct bgp_update *a, const struct bgp_update *b)
{
        uint16_t afi_a = 0, afi_b = 0;
        uint8_t safi_a = 0, safi_b = 0;

        same_prefixes("withdrawn routes", &a->withdrawn, &b->withdrawn);
        same_prefixes("NLRI", &a->nlri, &b->nlri);
        same_attrs(&a->attrs, &b->attrs);
        bool eor_a = bgp_update_is_eor(a, &afi_a, &safi_a);
        bool eor_b = bgp_update_is_eor(b, &afi_b, &safi_b);
        if (eor_a != eor_b || (eor_a && (afi_a != afi_b || safi_a != safi_b)))
                fuzz_fail("End-of-RIB in one decode only");
}

/* An upper bound on how much an encoding may grow: one length octet per attribute. */
static inline size_t same_attr_count(const struct bgp_attrs *a)
{
        size_t n = a->n_raw;
        for (unsigned t = 0; t < 256; t++)
                n += bgp_attrs_has(a, t);
        return n;
}

#endif /* BGP_FUZZ_SAME_H */
