/*
 * fuzz_update.c - libFuzzer target: the UPDATE codec's decode -> encode -> decode round trip.
 *
 * Input layout: one selector octet (the session's options, the same layout as fuzz_msg.c),
 * then an UPDATE body, the message without its 19-octet header.
 *
 * Whenever bgp_update_decode lets the UPDATE stand (verdict OK or ATTR_DISCARD), the
 * decoded struct is encoded again with bgp_update_encode and the result decoded once more.
 * The second decode must succeed with verdict OK (what we write, we must accept) and must
 * say the same thing as the first: the same withdrawn and NLRI prefixes, the same MP
 * families, next hop and prefixes, the same attribute values.  The comparison is field by
 * field, not byte by byte, because a re-encoding may legitimately differ in form: RFC 4271
 * 5 sets the Partial bit on unknown transitive attributes we pass on, the extended-length
 * bit may change, and a discarded attribute is gone.  One byte-level check is sound, and
 * made: encoding the second decode gives the first encoding again (the encoder is a
 * function of the content, so its output is a fixpoint).
 *
 * Any broken promise aborts, which makes libFuzzer keep the input.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bgp/bgp.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#include "selector.h"

static void differ(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

static void differ(const char *fmt, ...)
{
        va_list ap;

        fputs("fuzz_update: ", stderr);
        va_start(ap, fmt);
        vfprintf(stderr, fmt, ap);
        va_end(ap);
        fputc('\n', stderr);
        abort();
}

/* ---- semantic comparison of two decoded UPDATEs ----------------------------------------- */

static void same_prefixes(const char *what, const struct bgp_nlri *a, const struct bgp_nlri *b)
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
                        differ("%s: a validated NLRI run fails to iterate at prefix %zu", what, i);
                if (ra != rb)
                        differ("%s: %s decode has more prefixes (%zu seen)", what,
                               ra ? "first" : "second", i);
                if (ra == 0)
                        return;
                if (pa.afi != pb.afi || pa.len != pb.len ||
                    memcmp(pa.addr, pb.addr, sizeof(pa.addr)) != 0) {
                        char ta[64], tb[64];
                        bgp_prefix_format(&pa, ta, sizeof(ta));
                        bgp_prefix_format(&pb, tb, sizeof(tb));
                        differ("%s: prefix %zu is %s, then %s", what, i, ta, tb);
                }
        }
}

/* Segment by segment: the octet size of the AS numbers is form, not content. */
static void same_as_path(const char *what, const struct bgp_as_path *a, const struct bgp_as_path *b)
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
                        differ("%s: an accepted path fails to iterate at segment %zu", what, i);
                if (ra != rb)
                        differ("%s: %s decode has more segments (%zu seen)", what,
                               ra ? "first" : "second", i);
                if (ra == 0)
                        return;
                if (sa.type != sb.type || sa.count != sb.count)
                        differ("%s: segment %zu is type %u x%u, then type %u x%u", what, i, sa.type,
                               sa.count, sb.type, sb.count);
                for (unsigned k = 0; k < sa.count; k++)
                        if (sa.asn[k] != sb.asn[k])
                                differ("%s: segment %zu AS %u is %u, then %u", what, i, k,
                                       sa.asn[k], sb.asn[k]);
        }
}

static void same_list(const char *what, const struct bgp_attr_list *a,
                      const struct bgp_attr_list *b, size_t item)
{
        if (a->count != b->count)
                differ("%s: %zu items, then %zu", what, a->count, b->count);
        if (a->count > 0 && memcmp(a->data, b->data, a->count * item) != 0)
                differ("%s: the values differ", what);
}

/* What the sender meant: optional and transitive.  Partial and extended length are form. */
#define MEANT_FLAGS (BGP_ATTR_FLAG_OPTIONAL | BGP_ATTR_FLAG_TRANSITIVE)

static void same_attrs(const struct bgp_attrs *a, const struct bgp_attrs *b)
{
        for (unsigned t = 0; t < 256; t++)
                if (bgp_attrs_has(a, t) != bgp_attrs_has(b, t))
                        differ("attribute %u is present in the %s decode only", t,
                               bgp_attrs_has(a, t) ? "first" : "second");

        if (bgp_attrs_has(a, BGP_ATTR_ORIGIN) && a->origin != b->origin)
                differ("ORIGIN %u, then %u", a->origin, b->origin);
        if (bgp_attrs_has(a, BGP_ATTR_AS_PATH))
                same_as_path("AS_PATH", &a->as_path, &b->as_path);
        if (bgp_attrs_has(a, BGP_ATTR_AS4_PATH))
                same_as_path("AS4_PATH", &a->as4_path, &b->as4_path);
        if (bgp_attrs_has(a, BGP_ATTR_NEXT_HOP) && memcmp(a->next_hop, b->next_hop, 4) != 0)
                differ("NEXT_HOP differs");
        if (bgp_attrs_has(a, BGP_ATTR_MED) && a->med != b->med)
                differ("MED %u, then %u", a->med, b->med);
        if (bgp_attrs_has(a, BGP_ATTR_LOCAL_PREF) && a->local_pref != b->local_pref)
                differ("LOCAL_PREF %u, then %u", a->local_pref, b->local_pref);
        if (bgp_attrs_has(a, BGP_ATTR_AGGREGATOR) &&
            (a->aggregator_as != b->aggregator_as ||
             memcmp(a->aggregator_addr, b->aggregator_addr, 4) != 0))
                differ("AGGREGATOR differs");
        if (bgp_attrs_has(a, BGP_ATTR_AS4_AGGREGATOR) &&
            (a->as4_aggregator_as != b->as4_aggregator_as ||
             memcmp(a->as4_aggregator_addr, b->as4_aggregator_addr, 4) != 0))
                differ("AS4_AGGREGATOR differs");
        if (bgp_attrs_has(a, BGP_ATTR_COMMUNITIES))
                same_list("COMMUNITIES", &a->communities, &b->communities, 4);
        if (bgp_attrs_has(a, BGP_ATTR_EXT_COMMUNITIES))
                same_list("EXTENDED COMMUNITIES", &a->ext_communities, &b->ext_communities, 8);
        if (bgp_attrs_has(a, BGP_ATTR_LARGE_COMMUNITIES))
                same_list("LARGE_COMMUNITY", &a->large_communities, &b->large_communities, 12);
        if (bgp_attrs_has(a, BGP_ATTR_ORIGINATOR_ID) && a->originator_id != b->originator_id)
                differ("ORIGINATOR_ID differs");
        if (bgp_attrs_has(a, BGP_ATTR_CLUSTER_LIST))
                same_list("CLUSTER_LIST", &a->cluster_list, &b->cluster_list, 4);
        if (bgp_attrs_has(a, BGP_ATTR_OTC) && a->otc != b->otc)
                differ("OTC %u, then %u", a->otc, b->otc);

        if (bgp_attrs_has(a, BGP_ATTR_MP_REACH_NLRI)) {
                const struct bgp_mp_reach *ra = &a->mp_reach, *rb = &b->mp_reach;
                if (ra->afi != rb->afi || ra->safi != rb->safi)
                        differ("MP_REACH_NLRI family %u/%u, then %u/%u", ra->afi, ra->safi, rb->afi,
                               rb->safi);
                if (ra->nh_len != rb->nh_len || ra->nh_len > sizeof(ra->nh) ||
                    memcmp(ra->nh, rb->nh, ra->nh_len) != 0)
                        differ("MP_REACH_NLRI next hop differs (length %u, then %u)", ra->nh_len,
                               rb->nh_len);
                same_prefixes("MP_REACH_NLRI", &ra->nlri, &rb->nlri);
        }
        if (bgp_attrs_has(a, BGP_ATTR_MP_UNREACH_NLRI)) {
                const struct bgp_mp_unreach *ua = &a->mp_unreach, *ub = &b->mp_unreach;
                if (ua->afi != ub->afi || ua->safi != ub->safi)
                        differ("MP_UNREACH_NLRI family %u/%u, then %u/%u", ua->afi, ua->safi,
                               ub->afi, ub->safi);
                same_prefixes("MP_UNREACH_NLRI", &ua->nlri, &ub->nlri);
        }

        if (a->n_raw != b->n_raw)
                differ("%zu unknown attributes kept, then %zu", a->n_raw, b->n_raw);
        for (size_t i = 0; i < a->n_raw; i++) {
                const struct bgp_attr_raw *xa = &a->raw[i], *xb = &b->raw[i];
                if (xa->type != xb->type || xa->len != xb->len ||
                    (xa->flags & MEANT_FLAGS) != (xb->flags & MEANT_FLAGS) ||
                    (xa->len > 0 && memcmp(xa->value, xb->value, xa->len) != 0))
                        differ("unknown attribute %zu (type %u) differs", i, xa->type);
        }
}

static void same_update(const struct bgp_update *a, const struct bgp_update *b)
{
        uint16_t afi_a = 0, afi_b = 0;
        uint8_t safi_a = 0, safi_b = 0;

        same_prefixes("withdrawn routes", &a->withdrawn, &b->withdrawn);
        same_prefixes("NLRI", &a->nlri, &b->nlri);
        same_attrs(&a->attrs, &b->attrs);
        bool eor_a = bgp_update_is_eor(a, &afi_a, &safi_a);
        bool eor_b = bgp_update_is_eor(b, &afi_b, &safi_b);
        if (eor_a != eor_b || (eor_a && (afi_a != afi_b || safi_a != safi_b)))
                differ("End-of-RIB in one decode only");
}

/* ---- the round trip ------------------------------------------------------------------- */

/* An upper bound on how much an encoding may grow: one length octet per attribute. */
static size_t attr_count(const struct bgp_attrs *a)
{
        size_t n = a->n_raw;
        for (unsigned t = 0; t < 256; t++)
                n += bgp_attrs_has(a, t);
        return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        /* Static: struct bgp_update is large, and the buffers are message-sized. */
        static struct bgp_update first;
        static struct bgp_msg second;
        static struct bgp_update third;
        static uint8_t enc1[BGP_EXT_MAX_MSG_LEN], enc2[BGP_EXT_MAX_MSG_LEN];
        struct bgp_codec_opts opts;
        struct bgp_verdict v;

        if (size < 1)
                return 0;
        opts_from_selector(data[0], &opts);
        data++;
        size--;

        memset(&first, 0, sizeof(first));
        int rc = bgp_update_decode(data, size, &opts, &first, &v);
        if (rc == 0 && v.action > BGP_ACTION_ATTR_DISCARD)
                differ("returned 0 with verdict %s", bgp_action_name(v.action));
        if (rc != 0 && (rc != BGP_ERR_MALFORMED || v.action < BGP_ACTION_TREAT_AS_WITHDRAW))
                differ("returned %d with verdict %s", rc, bgp_action_name(v.action));
        if (rc != 0)
                return 0;

        int n1 = bgp_update_encode(enc1, sizeof(enc1), &opts, &first);
        if (n1 == BGP_ERR_NOSPACE) {
                /* Legitimate only when the input was already at the size limit. */
                if (size + BGP_HEADER_LEN + attr_count(&first.attrs) > bgp_codec_max_msg_len(&opts))
                        return 0;
                differ("a %zu-octet body does not re-encode: no space", size);
        }
        if (n1 < 0)
                differ("re-encoding fails: %s", bgp_strerror(n1));
        if ((size_t)n1 > bgp_codec_max_msg_len(&opts))
                differ("re-encoded to %d octets, beyond the maximum", n1);

        memset(&second, 0, sizeof(second));
        rc = bgp_msg_decode(enc1, (size_t)n1, &opts, &second, &v);
        if (rc != 0 || v.action != BGP_ACTION_OK)
                differ("our own encoding decodes to %s (%d/%d: %s)", bgp_action_name(v.action),
                       v.code, v.subcode, v.reason != NULL ? v.reason : "no reason");
        if (second.hdr.type != BGP_MSG_UPDATE)
                differ("re-encoded as message type %u", second.hdr.type);
        same_update(&first, &second.u.update);

        int n2 = bgp_update_encode(enc2, sizeof(enc2), &opts, &second.u.update);
        if (n2 != n1 || memcmp(enc1, enc2, (size_t)n1) != 0)
                differ("encoding is not a fixpoint: %d octets, then %d", n1, n2);

        /* And the body decoder on its own agrees with the whole-message one. */
        memset(&third, 0, sizeof(third));
        rc = bgp_update_decode(enc1 + BGP_HEADER_LEN, (size_t)n1 - BGP_HEADER_LEN, &opts, &third,
                               &v);
        if (rc != 0 || v.action != BGP_ACTION_OK)
                differ("the body decoder rejects what the message decoder accepted");
        same_update(&second.u.update, &third);
        return 0;
}
