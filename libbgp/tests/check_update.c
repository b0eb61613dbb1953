/*
 * check_update.c - the UPDATE codec: round trips, the builder, and every RFC 4271 6.3 /
 * RFC 7606 error classification.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bgp/bgp.h>

#include "testutil.h"

static struct bgp_codec_opts opts;

static void setup(void)
{
        bgp_codec_opts_init(&opts);
}

/* An UPDATE body from hex parts: withdrawn routes, path attributes, NLRI. */
static size_t mk_update(uint8_t *out, size_t cap, const char *wd, const char *attrs,
                        const char *nlri)
{
        uint8_t w[4096], a[4096], n[4096];
        size_t wl = tu_hex(wd, w, sizeof(w));
        size_t al = tu_hex(attrs, a, sizeof(a));
        size_t nl = tu_hex(nlri, n, sizeof(n));
        ck_assert_uint_le(4 + wl + al + nl, cap);
        out[0] = (uint8_t)(wl >> 8);
        out[1] = (uint8_t)wl;
        memcpy(out + 2, w, wl);
        out[2 + wl] = (uint8_t)(al >> 8);
        out[3 + wl] = (uint8_t)al;
        memcpy(out + 4 + wl, a, al);
        memcpy(out + 4 + wl + al, n, nl);
        return 4 + wl + al + nl;
}

#define ORIGIN_IGP "40 01 01 00 "
#define AS_PATH_4  "40 02 0a 02 02 0000fde8 0000fde9 " /* 65000 65001 */
#define NEXT_HOP   "40 03 04 c0000201 "                /* 192.0.2.1 */
#define NLRI_V4    "18 c63364 "                        /* 198.51.100.0/24 */
#define BASE       ORIGIN_IGP AS_PATH_4 NEXT_HOP

static struct bgp_update upd;
static struct bgp_verdict v;

static int decode(const char *wd, const char *attrs, const char *nlri)
{
        static uint8_t body[8192];
        size_t n = mk_update(body, sizeof(body), wd, attrs, nlri);
        return bgp_update_decode(body, n, &opts, &upd, &v);
}

static void expect(enum bgp_action action, uint8_t code, uint8_t subcode)
{
        ck_assert_msg(v.action == action, "action %s, want %s (%s)", bgp_action_name(v.action),
                      bgp_action_name(action), v.reason ? v.reason : "-");
        if (action == BGP_ACTION_OK)
                return;
        ck_assert_uint_eq(v.code, code);
        ck_assert_uint_eq(v.subcode, subcode);
}

START_TEST(ipv4_basic)
{
        ck_assert_int_eq(decode("", BASE, NLRI_V4), 0);
        expect(BGP_ACTION_OK, 0, 0);
        ck_assert(bgp_attrs_has(&upd.attrs, BGP_ATTR_ORIGIN));
        ck_assert_uint_eq(upd.attrs.origin, BGP_ORIGIN_IGP);
        ck_assert_int_eq(bgp_as_path_length(&upd.attrs.as_path), 2);
        ck_assert_uint_eq(upd.attrs.next_hop[0], 192);
        ck_assert_uint_eq(bgp_nlri_count(&upd.nlri), 1);
        struct bgp_nlri_iter it;
        struct bgp_prefix p;
        char text[64];
        bgp_nlri_iter_init(&it, &upd.nlri);
        ck_assert_int_eq(bgp_nlri_iter_next(&it, &p), 1);
        bgp_prefix_format(&p, text, sizeof(text));
        ck_assert_str_eq(text, "198.51.100.0/24");
        ck_assert_int_eq(bgp_nlri_iter_next(&it, &p), 0);
}
END_TEST

/* Every attribute type of the codec, decoded, re-encoded and decoded again. */
START_TEST(all_attributes_round_trip)
{
        const char *attrs = BASE "80 04 04 00000064 "                 /* MED 100 */
                                 "40 05 04 000000c8 "                 /* LOCAL_PREF 200 */
                                 "40 06 00 "                          /* ATOMIC_AGGREGATE */
                                 "c0 07 08 0000fde8 c0000202 "        /* AGGREGATOR */
                                 "c0 08 08 ffffff01 fde80001 "        /* COMMUNITIES */
                                 "80 09 04 c6336401 "                 /* ORIGINATOR_ID */
                                 "80 0a 08 01020304 05060708 "        /* CLUSTER_LIST */
                                 "c0 10 08 0002fde800000001 "         /* EXT_COMMUNITIES */
                                 "c0 20 0c 000312230000000100000002 " /* LARGE_COMMUNITY */
                                 "c0 23 04 0000fde9 "                 /* OTC */
                                 "c0 63 03 aabbcc "                   /* unknown transitive 99 */
                                 "80 64 02 ddee ";                    /* unknown non-transitive */
        uint8_t out[4096];
        struct bgp_update again;
        struct bgp_verdict v2;
        struct bgp_msg msg;

        ck_assert_int_eq(decode("", attrs, NLRI_V4), 0);
        expect(BGP_ACTION_OK, 0, 0);
        ck_assert_uint_eq(upd.attrs.med, 100);
        ck_assert_uint_eq(upd.attrs.local_pref, 200);
        ck_assert(bgp_attrs_has(&upd.attrs, BGP_ATTR_ATOMIC_AGGREGATE));
        ck_assert_uint_eq(upd.attrs.aggregator_as, 65000);
        ck_assert_uint_eq(upd.attrs.communities.count, 2);
        ck_assert_uint_eq(upd.attrs.originator_id, 0xc6336401);
        ck_assert_uint_eq(upd.attrs.cluster_list.count, 2);
        ck_assert_uint_eq(upd.attrs.ext_communities.count, 1);
        ck_assert_uint_eq(upd.attrs.large_communities.count, 1);
        ck_assert_uint_eq(upd.attrs.otc, 65001);
        /* RFC 4271 5: the unknown transitive one is kept, the non-transitive one dropped. */
        ck_assert_uint_eq(upd.attrs.n_raw, 1);
        ck_assert_uint_eq(upd.attrs.raw[0].type, 99);
        ck_assert(!bgp_attrs_has(&upd.attrs, 100));

        int n = bgp_update_encode(out, sizeof(out), &opts, &upd);
        ck_assert_int_gt(n, 0);
        ck_assert_int_eq(bgp_msg_decode(out, (size_t)n, &opts, &msg, &v2), 0);
        ck_assert_int_eq(v2.action, BGP_ACTION_OK);
        again = msg.u.update;
        ck_assert_mem_eq(again.attrs.present, upd.attrs.present, sizeof(upd.attrs.present));
        ck_assert_uint_eq(again.attrs.med, 100);
        ck_assert_uint_eq(again.attrs.otc, 65001);
        ck_assert_mem_eq(again.attrs.large_communities.data, upd.attrs.large_communities.data, 12);
        ck_assert_uint_eq(again.attrs.as_path.len, upd.attrs.as_path.len);
        ck_assert_mem_eq(again.attrs.as_path.data, upd.attrs.as_path.data, upd.attrs.as_path.len);
        /* Passed on with the Partial bit set. */
        ck_assert_uint_eq(again.attrs.n_raw, 1);
        ck_assert_uint_eq(again.attrs.raw[0].flags & BGP_ATTR_FLAG_PARTIAL, BGP_ATTR_FLAG_PARTIAL);
        ck_assert_mem_eq(again.attrs.raw[0].value, "\xaa\xbb\xcc", 3);
        ck_assert_uint_eq(bgp_nlri_count(&again.nlri), 1);
}
END_TEST

/* FRR's "neighbor X path-attribute discard 8 28": the types are dropped before any check,
 * so a malformed COMMUNITIES (length 3) and an attribute 28 with wrong flags change
 * nothing, while without the setting the first is treat-as-withdraw (RFC 7606 7.8). */
START_TEST(path_attribute_discard)
{
        const char *attrs = BASE "c0 08 03 010203 " /* COMMUNITIES of 3 octets */
                                 "40 1c 02 abcd ";  /* type 28, well-known flags */
        (void)decode("", attrs, NLRI_V4);
        ck_assert_int_ne(v.action, BGP_ACTION_OK);

        ck_assert_int_eq(bgp_codec_opts_discard(&opts, 8), 0);
        ck_assert_int_eq(bgp_codec_opts_discard(&opts, 28), 0);
        ck_assert(bgp_codec_opts_discards(&opts, 28));
        ck_assert(!bgp_codec_opts_discards(&opts, 32));
        ck_assert_int_eq(decode("", attrs, NLRI_V4), 0);
        expect(BGP_ACTION_OK, 0, 0);
        ck_assert(!bgp_attrs_has(&upd.attrs, BGP_ATTR_COMMUNITIES));
        ck_assert_uint_eq(upd.attrs.n_raw, 0);
        ck_assert_uint_eq(bgp_nlri_count(&upd.nlri), 1);

        /* Without these there is no route to keep: refused, as FRR refuses them. */
        static const uint8_t mandatory[] = {1, 2, 3, 14, 15};
        for (size_t i = 0; i < sizeof(mandatory); i++)
                ck_assert_int_eq(bgp_codec_opts_discard(&opts, mandatory[i]),
                                 BGP_ERR_INVALID_ARGUMENT);

        /* A session keeps the set across its negotiations; a bad set changes nothing. */
        struct bgp_session_config cfg;
        struct bgp_session *s;
        bgp_session_config_init(&cfg);
        cfg.local_as = 201379;
        cfg.local_id = 0xc0000201;
        cfg.remote_as = 34927;
        ck_assert_int_eq(bgp_session_new(&s, &cfg, NULL, NULL, NULL), 0);
        static const uint8_t two[] = {8, 28};
        ck_assert_int_eq(bgp_session_set_discard(s, two, 2), 0);
        ck_assert(bgp_codec_opts_discards(bgp_session_codec(s), 28));
        static const uint8_t bad[] = {32, 2};
        ck_assert_int_eq(bgp_session_set_discard(s, bad, 2), BGP_ERR_INVALID_ARGUMENT);
        ck_assert(bgp_codec_opts_discards(bgp_session_codec(s), 28));
        ck_assert(!bgp_codec_opts_discards(bgp_session_codec(s), 32));
        bgp_session_del(s);
}
END_TEST

START_TEST(as_path_segment_types)
{
        /* AS_SET {1 2}, AS_SEQUENCE 3, CONFED_SEQUENCE 4, CONFED_SET {5} */
        const char *path = "40 02 1c "
                           "01 02 00000001 00000002 "
                           "02 01 00000003 "
                           "03 01 00000004 "
                           "04 01 00000005 ";
        char attrs[256];
        snprintf(attrs, sizeof(attrs), "%s%s%s", ORIGIN_IGP, path, NEXT_HOP);
        ck_assert_int_eq(decode("", attrs, NLRI_V4), 0);
        struct bgp_as_path_iter it;
        struct bgp_as_segment seg;
        uint8_t types[4];
        int n = 0;
        bgp_as_path_iter_init(&it, &upd.attrs.as_path);
        while (bgp_as_path_iter_next(&it, &seg) == 1)
                types[n++] = seg.type;
        ck_assert_int_eq(n, 4);
        ck_assert_uint_eq(types[0], BGP_AS_SET);
        ck_assert_uint_eq(types[3], BGP_AS_CONFED_SET);
        /* RFC 4271 9.1.2.2: a set counts one, confederation segments nothing. */
        ck_assert_int_eq(bgp_as_path_length(&upd.attrs.as_path), 2);
}
END_TEST

START_TEST(two_octet_session_as4_path)
{
        /* A 2-octet AS session: AS_PATH 23456 65001 with AS4_PATH 4200000000 65001. */
        opts.as4 = false;
        const char *attrs =
            ORIGIN_IGP "40 02 06 02 02 5ba0 fde9 " NEXT_HOP "c0 11 0a 02 02 fa56ea00 0000fde9 "
                       "c0 07 06 5ba0 c0000202 "
                       "c0 12 08 fa56ea00 c0000202 ";
        ck_assert_int_eq(decode("", attrs, NLRI_V4), 0);
        expect(BGP_ACTION_OK, 0, 0);
        ck_assert_uint_eq(upd.attrs.as_path.asn_size, 2);
        ck_assert(bgp_attrs_has(&upd.attrs, BGP_ATTR_AS4_PATH));
        ck_assert(bgp_attrs_has(&upd.attrs, BGP_ATTR_AS4_AGGREGATOR));
        ck_assert_uint_eq(upd.attrs.as4_aggregator_as, 4200000000u);
        ck_assert_uint_eq(upd.attrs.aggregator_as, BGP_AS_TRANS);

        /* Re-encoded for the same session, both pass through unchanged. */
        uint8_t out[4096];
        struct bgp_msg msg;
        int n = bgp_update_encode(out, sizeof(out), &opts, &upd);
        ck_assert_int_gt(n, 0);
        ck_assert_int_eq(bgp_msg_decode(out, (size_t)n, &opts, &msg, &v), 0);
        ck_assert(bgp_attrs_has(&msg.u.update.attrs, BGP_ATTR_AS4_PATH));
        ck_assert_uint_eq(msg.u.update.attrs.as4_path.len, 10);
}
END_TEST

START_TEST(as4_path_from_new_speaker_is_discarded)
{
        /* RFC 6793 3: a 4-octet speaker never sends AS4_PATH to another. */
        const char *attrs = BASE "c0 11 06 02 01 fa56ea00 ";
        ck_assert_int_eq(decode("", attrs, NLRI_V4), 0);
        expect(BGP_ACTION_ATTR_DISCARD, 3, 9);
        ck_assert(!bgp_attrs_has(&upd.attrs, BGP_ATTR_AS4_PATH));
        ck_assert(v.discarded[0] & (1u << BGP_ATTR_AS4_PATH));
}
END_TEST

START_TEST(encode_to_two_octet_peer)
{
        /* A 4-octet path sent to a 2-octet peer: AS_TRANS in AS_PATH, the truth in
         * AS4_PATH and AS4_AGGREGATOR (RFC 6793 4.2.2). */
        const char *attrs =
            ORIGIN_IGP "40 02 0a 02 02 fa56ea00 0000fde9 " NEXT_HOP "c0 07 08 fa56ea00 c0000202 ";
        ck_assert_int_eq(decode("", attrs, NLRI_V4), 0);
        struct bgp_codec_opts old = opts;
        old.as4 = false;
        uint8_t out[4096];
        struct bgp_msg msg;
        int n = bgp_update_encode(out, sizeof(out), &old, &upd);
        ck_assert_int_gt(n, 0);
        ck_assert_int_eq(bgp_msg_decode(out, (size_t)n, &old, &msg, &v), 0);
        struct bgp_attrs *a = &msg.u.update.attrs;
        struct bgp_as_path_iter it;
        struct bgp_as_segment seg;
        bgp_as_path_iter_init(&it, &a->as_path);
        ck_assert_int_eq(bgp_as_path_iter_next(&it, &seg), 1);
        ck_assert_uint_eq(seg.asn[0], BGP_AS_TRANS);
        ck_assert_uint_eq(seg.asn[1], 65001);
        ck_assert(bgp_attrs_has(a, BGP_ATTR_AS4_PATH));
        bgp_as_path_iter_init(&it, &a->as4_path);
        ck_assert_int_eq(bgp_as_path_iter_next(&it, &seg), 1);
        ck_assert_uint_eq(seg.asn[0], 4200000000u);
        ck_assert_uint_eq(a->aggregator_as, BGP_AS_TRANS);
        ck_assert_uint_eq(a->as4_aggregator_as, 4200000000u);
}
END_TEST

START_TEST(ipv6_mp_reach_global_and_link_local)
{
        /* MP_REACH: AFI 2 SAFI 1, next hop 2001:db8::1 + fe80::1, 2a06:9801:1c::/48. */
        const char *attrs = "90 0e 00 2c 0002 01 20 "
                            "20010db8000000000000000000000001 "
                            "fe800000000000000000000000000001 00 "
                            "30 2a069801001c " ORIGIN_IGP AS_PATH_4;
        ck_assert_int_eq(decode("", attrs, ""), 0);
        expect(BGP_ACTION_OK, 0, 0);
        const struct bgp_mp_reach *mp = &upd.attrs.mp_reach;
        ck_assert_uint_eq(mp->afi, BGP_AFI_IPV6);
        ck_assert_uint_eq(mp->nh_len, 32);
        ck_assert_uint_eq(mp->nh[16], 0xfe);
        struct bgp_nlri_iter it;
        struct bgp_prefix p;
        char text[64];
        bgp_nlri_iter_init(&it, &mp->nlri);
        ck_assert_int_eq(bgp_nlri_iter_next(&it, &p), 1);
        bgp_prefix_format(&p, text, sizeof(text));
        ck_assert_str_eq(text, "2a06:9801:1c::/48");

        /* Global only. */
        const char *global = "80 0e 1c 0002 01 10 20010db8000000000000000000000001 00 "
                             "30 2a069801001c " ORIGIN_IGP AS_PATH_4;
        ck_assert_int_eq(decode("", global, ""), 0);
        ck_assert_uint_eq(upd.attrs.mp_reach.nh_len, 16);
}
END_TEST

START_TEST(ipv6_mp_unreach_and_eor)
{
        uint8_t buf[64];
        struct bgp_msg msg;
        uint16_t afi;
        uint8_t safi;

        ck_assert_int_eq(decode("", "80 0f 0a 0002 01 30 2a069801001c", ""), 0);
        ck_assert_uint_eq(bgp_nlri_count(&upd.attrs.mp_unreach.nlri), 1);
        ck_assert(!bgp_update_is_eor(&upd, &afi, &safi));

        int n = bgp_update_build_eor(buf, sizeof(buf), BGP_AFI_IPV6, BGP_SAFI_UNICAST);
        ck_assert_int_gt(n, 0);
        ck_assert_int_eq(bgp_msg_decode(buf, (size_t)n, &opts, &msg, &v), 0);
        ck_assert(bgp_update_is_eor(&msg.u.update, &afi, &safi));
        ck_assert_uint_eq(afi, BGP_AFI_IPV6);
        ck_assert_uint_eq(safi, BGP_SAFI_UNICAST);

        n = bgp_update_build_eor(buf, sizeof(buf), BGP_AFI_IPV4, BGP_SAFI_UNICAST);
        ck_assert_int_eq(n, 23);
        ck_assert_int_eq(bgp_msg_decode(buf, (size_t)n, &opts, &msg, &v), 0);
        ck_assert(bgp_update_is_eor(&msg.u.update, &afi, &safi));
        ck_assert_uint_eq(afi, BGP_AFI_IPV4);
}
END_TEST

/* The builder packs as many prefixes as fit and splits the rest (both maximum sizes). */
static void check_builder(bool ext_msg, bool withdraw)
{
        enum {
                N = 20000
        };
        struct bgp_prefix *pfx = calloc(N, sizeof(*pfx));
        static uint8_t buf[65535];
        struct bgp_attrs attrs;
        uint8_t path[64];
        size_t done = 0, total = 0, msgs = 0;

        ck_assert_ptr_nonnull(pfx);
        opts.ext_msg = ext_msg;
        for (size_t i = 0; i < N; i++) {
                pfx[i].afi = BGP_AFI_IPV6;
                pfx[i].len = 48;
                pfx[i].addr[0] = 0x20;
                pfx[i].addr[1] = 0x01;
                pfx[i].addr[2] = 0x0d;
                pfx[i].addr[3] = 0xb8;
                pfx[i].addr[4] = (uint8_t)(i >> 8);
                pfx[i].addr[5] = (uint8_t)i;
        }
        memset(&attrs, 0, sizeof(attrs));
        uint32_t asns[] = {201379, 201379, 201379, 34927};
        attrs.as_path.data = path;
        attrs.as_path.asn_size = 4;
        attrs.as_path.len = (size_t)bgp_as_path_encode_seq(path, sizeof(path), asns, 4);
        attrs.origin = BGP_ORIGIN_IGP;
        attrs.mp_reach.nh_len = 16;
        attrs.mp_reach.nh[0] = 0x20;
        attrs.mp_reach.nh[1] = 0x01;
        attrs.mp_reach.nh[15] = 1;
        bgp_attrs_set(&attrs, BGP_ATTR_ORIGIN);
        bgp_attrs_set(&attrs, BGP_ATTR_AS_PATH);

        while (done < N) {
                size_t before = done;
                int n = withdraw ? bgp_update_build_withdraw(buf, sizeof(buf), &opts,
                                                             BGP_SAFI_UNICAST, pfx, N, &done)
                                 : bgp_update_build_announce(buf, sizeof(buf), &opts, &attrs,
                                                             BGP_SAFI_UNICAST, pfx, N, &done);
                ck_assert_int_gt(n, 0);
                ck_assert_uint_le((size_t)n, ext_msg ? 65535 : 4096);
                ck_assert_uint_gt(done, before);
                struct bgp_msg msg;
                ck_assert_int_eq(bgp_msg_decode(buf, (size_t)n, &opts, &msg, &v), 0);
                ck_assert_int_eq(v.action, BGP_ACTION_OK);
                const struct bgp_nlri *nl = withdraw ? &msg.u.update.attrs.mp_unreach.nlri
                                                     : &msg.u.update.attrs.mp_reach.nlri;
                size_t count = bgp_nlri_count(nl);
                ck_assert_uint_eq(count, done - before);
                /* Packed: one more prefix (7 octets) would not have fit. */
                if (done < N)
                        ck_assert_uint_gt((size_t)n + 7, ext_msg ? 65535 : 4096);
                struct bgp_nlri_iter it;
                struct bgp_prefix p;
                bgp_nlri_iter_init(&it, nl);
                for (size_t i = before; i < done; i++) {
                        ck_assert_int_eq(bgp_nlri_iter_next(&it, &p), 1);
                        ck_assert_mem_eq(&p, &pfx[i], sizeof(p));
                }
                total += count;
                msgs++;
        }
        ck_assert_uint_eq(total, N);
        /* 20000 x 7 octets: about 35 messages of 4096, 3 of 65535. */
        ck_assert_uint_le(msgs, ext_msg ? 3 : 36);
        free(pfx);
}

START_TEST(builder_packs_4096)
{
        check_builder(false, false);
}
END_TEST

START_TEST(builder_packs_65535)
{
        check_builder(true, false);
}
END_TEST

START_TEST(builder_withdraw)
{
        check_builder(false, true);
        check_builder(true, true);
}
END_TEST

START_TEST(builder_ipv4)
{
        struct bgp_prefix pfx[3000];
        uint8_t buf[4096], path[16];
        struct bgp_attrs attrs;
        size_t done = 0, total = 0;
        uint32_t asn = 65000;

        memset(pfx, 0, sizeof(pfx));
        for (size_t i = 0; i < 3000; i++) {
                pfx[i].afi = BGP_AFI_IPV4;
                pfx[i].len = 24;
                pfx[i].addr[0] = 10;
                pfx[i].addr[1] = (uint8_t)(i >> 8);
                pfx[i].addr[2] = (uint8_t)i;
        }
        memset(&attrs, 0, sizeof(attrs));
        attrs.as_path = (struct bgp_as_path){path, 0, 4};
        attrs.as_path.len = (size_t)bgp_as_path_encode_seq(path, sizeof(path), &asn, 1);
        memcpy(attrs.next_hop, "\xc0\x00\x02\x01", 4);
        bgp_attrs_set(&attrs, BGP_ATTR_ORIGIN);
        bgp_attrs_set(&attrs, BGP_ATTR_AS_PATH);
        bgp_attrs_set(&attrs, BGP_ATTR_NEXT_HOP);
        while (done < 3000) {
                struct bgp_msg msg;
                int n = bgp_update_build_announce(buf, sizeof(buf), &opts, &attrs, BGP_SAFI_UNICAST,
                                                  pfx, 3000, &done);
                ck_assert_int_gt(n, 0);
                ck_assert_int_eq(bgp_msg_decode(buf, (size_t)n, &opts, &msg, &v), 0);
                total += bgp_nlri_count(&msg.u.update.nlri);
        }
        ck_assert_uint_eq(total, 3000);
        done = 0;
        total = 0;
        while (done < 3000) {
                struct bgp_msg msg;
                int n = bgp_update_build_withdraw(buf, sizeof(buf), &opts, BGP_SAFI_UNICAST, pfx,
                                                  3000, &done);
                ck_assert_int_gt(n, 0);
                ck_assert_int_eq(bgp_msg_decode(buf, (size_t)n, &opts, &msg, &v), 0);
                total += bgp_nlri_count(&msg.u.update.withdrawn);
        }
        ck_assert_uint_eq(total, 3000);
}
END_TEST

START_TEST(builder_attrs_too_large)
{
        /* Attributes that leave no room for a single prefix: an error, never a truncation. */
        static uint8_t comm[4096];
        struct bgp_attrs attrs;
        struct bgp_prefix p;
        uint8_t buf[4096];
        size_t done = 0;
        memset(&attrs, 0, sizeof(attrs));
        memset(comm, 1, sizeof(comm));
        attrs.communities.data = comm;
        attrs.communities.count = 1020;
        bgp_attrs_set(&attrs, BGP_ATTR_COMMUNITIES);
        attrs.mp_reach.nh_len = 16;
        ck_assert_int_eq(bgp_prefix_parse("2001:db8::/32", &p), 0);
        ck_assert_int_eq(bgp_update_build_announce(buf, sizeof(buf), &opts, &attrs,
                                                   BGP_SAFI_UNICAST, &p, 1, &done),
                         BGP_ERR_NOSPACE);
        ck_assert_uint_eq(done, 0);
}
END_TEST

/* ---- errors, RFC 4271 6.3 and RFC 7606 -------------------------------------------- */

START_TEST(withdrawn_length_overrun)
{
        uint8_t body[] = {0x00, 0x10, 0x18, 0x0a, 0x00, 0x00};
        ck_assert_int_eq(bgp_update_decode(body, sizeof(body), &opts, &upd, &v), BGP_ERR_MALFORMED);
        expect(BGP_ACTION_SESSION_RESET, 3, 1);
}
END_TEST

START_TEST(attribute_length_overrun)
{
        uint8_t body[] = {0x00, 0x00, 0x00, 0x20, 0x40, 0x01, 0x01, 0x00};
        ck_assert_int_eq(bgp_update_decode(body, sizeof(body), &opts, &upd, &v), BGP_ERR_MALFORMED);
        expect(BGP_ACTION_SESSION_RESET, 3, 1);
        /* Body shorter than the two length fields. */
        ck_assert_int_eq(bgp_update_decode(body, 3, &opts, &upd, &v), BGP_ERR_MALFORMED);
        expect(BGP_ACTION_SESSION_RESET, 3, 1);
}
END_TEST

START_TEST(attribute_overruns_field)
{
        /* The last attribute says 9 octets but 4 remain: with NLRI in the NLRI field the
         * prefixes are known, so treat-as-withdraw (RFC 7606 4). */
        ck_assert_int_eq(decode("", BASE "c0 08 09 ffffff01", NLRI_V4), BGP_ERR_MALFORMED);
        expect(BGP_ACTION_TREAT_AS_WITHDRAW, 3, 1);
        /* Nothing located before the overrun: an MP attribute could hide there. */
        ck_assert_int_eq(decode("", "c0 08 09 ffffff01", ""), BGP_ERR_MALFORMED);
        expect(BGP_ACTION_SESSION_RESET, 3, 1);
        /* A lone flags octet. */
        ck_assert_int_eq(decode("", BASE "40", NLRI_V4), BGP_ERR_MALFORMED);
        expect(BGP_ACTION_TREAT_AS_WITHDRAW, 3, 1);
}
END_TEST

START_TEST(attribute_flag_errors)
{
        /* ORIGIN marked optional: RFC 7606 3(c), treat-as-withdraw. */
        ck_assert_int_eq(decode("", "c0 01 01 00 " AS_PATH_4 NEXT_HOP, NLRI_V4), BGP_ERR_MALFORMED);
        expect(BGP_ACTION_TREAT_AS_WITHDRAW, 3, 4);
        ck_assert_int_eq(v.attr_type, BGP_ATTR_ORIGIN);
        /* The data is the whole attribute. */
        ck_assert_uint_eq(v.data_len, 4);
        ck_assert_uint_eq(v.data[0], 0xc0);
        /* ATOMIC_AGGREGATE marked optional: its own action, attribute discard. */
        ck_assert_int_eq(decode("", BASE "c0 06 00", NLRI_V4), 0);
        expect(BGP_ACTION_ATTR_DISCARD, 3, 4);
        /* MP_REACH_NLRI marked transitive: session reset. */
        ck_assert_int_eq(decode("",
                                "c0 0e 1c 0002 01 10 20010db8000000000000000000000001 00 "
                                "30 2a069801001c " ORIGIN_IGP AS_PATH_4,
                                ""),
                         BGP_ERR_MALFORMED);
        expect(BGP_ACTION_SESSION_RESET, 3, 4);
}
END_TEST

START_TEST(duplicate_attributes)
{
        /* RFC 7606 3(g): a repeated ORIGIN is discarded after the first. */
        ck_assert_int_eq(decode("", BASE "40 01 01 02", NLRI_V4), 0);
        expect(BGP_ACTION_ATTR_DISCARD, 3, 1);
        ck_assert_uint_eq(upd.attrs.origin, BGP_ORIGIN_IGP);
        /* A repeated MP_UNREACH_NLRI resets the session. */
        ck_assert_int_eq(decode("", "80 0f 03 0002 01 80 0f 03 0002 01", ""), BGP_ERR_MALFORMED);
        expect(BGP_ACTION_SESSION_RESET, 3, 1);
        /* So does a repeated MP_REACH_NLRI. */
        const char *mp = "80 0e 1c 0002 01 10 20010db8000000000000000000000001 00 "
                         "30 2a069801001c ";
        char attrs[512];
        snprintf(attrs, sizeof(attrs), "%s%s%s%s", mp, mp, ORIGIN_IGP, AS_PATH_4);
        ck_assert_int_eq(decode("", attrs, ""), BGP_ERR_MALFORMED);
        expect(BGP_ACTION_SESSION_RESET, 3, 1);
}
END_TEST

START_TEST(missing_well_known)
{
        ck_assert_int_eq(decode("", AS_PATH_4 NEXT_HOP, NLRI_V4), BGP_ERR_MALFORMED);
        expect(BGP_ACTION_TREAT_AS_WITHDRAW, 3, 3);
        ck_assert_uint_eq(v.data_len, 1);
        ck_assert_uint_eq(v.data[0], BGP_ATTR_ORIGIN);
        ck_assert_int_eq(decode("", ORIGIN_IGP NEXT_HOP, NLRI_V4), BGP_ERR_MALFORMED);
        expect(BGP_ACTION_TREAT_AS_WITHDRAW, 3, 3);
        ck_assert_uint_eq(v.data[0], BGP_ATTR_AS_PATH);
        ck_assert_int_eq(decode("", ORIGIN_IGP AS_PATH_4, NLRI_V4), BGP_ERR_MALFORMED);
        expect(BGP_ACTION_TREAT_AS_WITHDRAW, 3, 3);
        ck_assert_uint_eq(v.data[0], BGP_ATTR_NEXT_HOP);
        /* No NLRI: nothing is mandatory (a withdrawal only). */
        ck_assert_int_eq(decode(NLRI_V4, "", ""), 0);
        expect(BGP_ACTION_OK, 0, 0);
        /* MP_REACH only: NEXT_HOP is not needed (RFC 4760 3). */
        ck_assert_int_eq(decode("",
                                "80 0e 1c 0002 01 10 20010db8000000000000000000000001 00 "
                                "30 2a069801001c " ORIGIN_IGP AS_PATH_4,
                                ""),
                         0);
}
END_TEST

START_TEST(bad_origin)
{
        ck_assert_int_eq(decode("", "40 01 01 03 " AS_PATH_4 NEXT_HOP, NLRI_V4), BGP_ERR_MALFORMED);
        expect(BGP_ACTION_TREAT_AS_WITHDRAW, 3, 6);
        ck_assert_int_eq(decode("", "40 01 02 0000 " AS_PATH_4 NEXT_HOP, NLRI_V4),
                         BGP_ERR_MALFORMED);
        expect(BGP_ACTION_TREAT_AS_WITHDRAW, 3, 5);
}
END_TEST

START_TEST(malformed_as_path)
{
        static const char *paths[] = {
            "40 02 06 05 01 0000fde8 ",    /* unknown segment type */
            "40 02 02 02 00 ",             /* empty segment */
            "40 02 06 02 02 0000fde8 ",    /* segment overruns */
            "40 02 07 02 01 0000fde8 00 ", /* trailing octet */
            "40 02 06 02 01 00000000 ",    /* AS 0, RFC 7607 */
        };
        for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
                char attrs[256];
                snprintf(attrs, sizeof(attrs), "%s%s%s", ORIGIN_IGP, paths[i], NEXT_HOP);
                ck_assert_int_eq(decode("", attrs, NLRI_V4), BGP_ERR_MALFORMED);
                expect(BGP_ACTION_TREAT_AS_WITHDRAW, 3, 11);
        }
        /* A 2-octet path on a 4-octet session is malformed (odd length here). */
        ck_assert_int_eq(decode("", ORIGIN_IGP "40 02 04 02 01 fde8 " NEXT_HOP, NLRI_V4),
                         BGP_ERR_MALFORMED);
        expect(BGP_ACTION_TREAT_AS_WITHDRAW, 3, 11);
}
END_TEST

START_TEST(ebgp_first_as)
{
        opts.local_as = 201379;
        opts.remote_as = 65000;
        ck_assert_int_eq(decode("", BASE, NLRI_V4), 0);
        opts.remote_as = 34927;
        ck_assert_int_eq(decode("", BASE, NLRI_V4), BGP_ERR_MALFORMED);
        expect(BGP_ACTION_TREAT_AS_WITHDRAW, 3, 11);
        /* iBGP: not checked. */
        opts.remote_as = 201379;
        ck_assert_int_eq(decode("", BASE, NLRI_V4), 0);
        /* An empty path from an external peer. */
        opts.remote_as = 65000;
        ck_assert_int_eq(decode("", ORIGIN_IGP "40 02 00 " NEXT_HOP, NLRI_V4), BGP_ERR_MALFORMED);
        expect(BGP_ACTION_TREAT_AS_WITHDRAW, 3, 11);
        /* Confederation segments from an external peer. */
        ck_assert_int_eq(
            decode("", ORIGIN_IGP "40 02 0c 02 01 0000fde8 03 01 00000001 " NEXT_HOP, NLRI_V4),
            BGP_ERR_MALFORMED);
        expect(BGP_ACTION_TREAT_AS_WITHDRAW, 3, 11);
}
END_TEST

START_TEST(bad_next_hop)
{
        ck_assert_int_eq(decode("", ORIGIN_IGP AS_PATH_4 "40 03 05 c000020100", NLRI_V4),
                         BGP_ERR_MALFORMED);
        expect(BGP_ACTION_TREAT_AS_WITHDRAW, 3, 5);
        ck_assert_int_eq(decode("", ORIGIN_IGP AS_PATH_4 "40 03 04 00000000", NLRI_V4),
                         BGP_ERR_MALFORMED);
        expect(BGP_ACTION_TREAT_AS_WITHDRAW, 3, 8);
        ck_assert_int_eq(decode("", ORIGIN_IGP AS_PATH_4 "40 03 04 e0000001", NLRI_V4),
                         BGP_ERR_MALFORMED);
        expect(BGP_ACTION_TREAT_AS_WITHDRAW, 3, 8);
}
END_TEST

START_TEST(bad_mp_reach_next_hop_length)
{
        /* RFC 7606 7.11: 12 octets is no IPv6 next hop; the NLRI cannot be found. */
        ck_assert_int_eq(decode("",
                                "80 0e 18 0002 01 0c 20010db80000000000000001 00 "
                                "30 2a069801001c " ORIGIN_IGP AS_PATH_4,
                                ""),
                         BGP_ERR_MALFORMED);
        expect(BGP_ACTION_SESSION_RESET, 3, 9);
        /* Next hop longer than the attribute. */
        ck_assert_int_eq(decode("", "80 0e 08 0002 01 10 20010db8", ""), BGP_ERR_MALFORMED);
        expect(BGP_ACTION_SESSION_RESET, 3, 9);
        /* Too short for AFI/SAFI/length. */
        ck_assert_int_eq(decode("", "80 0e 02 0002", ""), BGP_ERR_MALFORMED);
        expect(BGP_ACTION_SESSION_RESET, 3, 9);
}
END_TEST

START_TEST(mp_family_not_negotiated)
{
        opts.families = BGP_FAMILY_IPV4_UNICAST;
        ck_assert_int_eq(decode("",
                                "80 0e 1c 0002 01 10 20010db8000000000000000000000001 00 "
                                "30 2a069801001c " ORIGIN_IGP AS_PATH_4,
                                ""),
                         BGP_ERR_MALFORMED);
        expect(BGP_ACTION_SESSION_RESET, 3, 9);
        ck_assert_int_eq(decode("", "80 0f 0a 0002 01 30 2a069801001c", ""), BGP_ERR_MALFORMED);
        expect(BGP_ACTION_SESSION_RESET, 3, 9);
        /* An AFI/SAFI libbgp does not know at all. */
        opts.families = BGP_FAMILY_IPV6_UNICAST;
        ck_assert_int_eq(decode("", "80 0f 03 0019 46", ""), BGP_ERR_MALFORMED);
        expect(BGP_ACTION_SESSION_RESET, 3, 9);
        /* IPv4 prefixes in the NLRI field with only IPv6 negotiated. */
        ck_assert_int_eq(decode("", BASE, NLRI_V4), BGP_ERR_MALFORMED);
        expect(BGP_ACTION_SESSION_RESET, 3, 10);
}
END_TEST

START_TEST(community_lengths)
{
        ck_assert_int_eq(decode("", BASE "c0 08 05 ffffff0101", NLRI_V4), BGP_ERR_MALFORMED);
        expect(BGP_ACTION_TREAT_AS_WITHDRAW, 3, 5);
        ck_assert_int_eq(decode("", BASE "c0 08 00", NLRI_V4), BGP_ERR_MALFORMED);
        expect(BGP_ACTION_TREAT_AS_WITHDRAW, 3, 5);
        ck_assert_int_eq(decode("", BASE "c0 10 07 00020000000000", NLRI_V4), BGP_ERR_MALFORMED);
        expect(BGP_ACTION_TREAT_AS_WITHDRAW, 3, 5);
        ck_assert_int_eq(decode("", BASE "c0 20 0d 00031223000000010000000200", NLRI_V4),
                         BGP_ERR_MALFORMED);
        expect(BGP_ACTION_TREAT_AS_WITHDRAW, 3, 5);
        ck_assert_int_eq(decode("", BASE "80 0a 03 010203", NLRI_V4), BGP_ERR_MALFORMED);
        expect(BGP_ACTION_TREAT_AS_WITHDRAW, 3, 5);
}
END_TEST

START_TEST(nlri_errors)
{
        /* Prefix length over 32 in the NLRI field: RFC 7606 5.3, session reset. */
        ck_assert_int_eq(decode("", BASE, "21 c0000201 00"), BGP_ERR_MALFORMED);
        expect(BGP_ACTION_SESSION_RESET, 3, 10);
        /* A prefix that overruns the field. */
        ck_assert_int_eq(decode("", BASE, "18 c633"), BGP_ERR_MALFORMED);
        expect(BGP_ACTION_SESSION_RESET, 3, 10);
        /* The same in the withdrawn routes. */
        ck_assert_int_eq(decode("21 c0000201 00", "", ""), BGP_ERR_MALFORMED);
        expect(BGP_ACTION_SESSION_RESET, 3, 10);
        /* IPv6 prefix length 129 in MP_REACH_NLRI. */
        ck_assert_int_eq(decode("",
                                "80 0e 1d 0002 01 10 20010db8000000000000000000000001 00 "
                                "81 2a069801001c00 " ORIGIN_IGP AS_PATH_4,
                                ""),
                         BGP_ERR_MALFORMED);
        expect(BGP_ACTION_SESSION_RESET, 3, 9);
        /* An IPv6 prefix overrunning MP_UNREACH_NLRI. */
        ck_assert_int_eq(decode("", "80 0f 06 0002 01 30 2a06", ""), BGP_ERR_MALFORMED);
        expect(BGP_ACTION_SESSION_RESET, 3, 9);
}
END_TEST

START_TEST(unknown_well_known)
{
        ck_assert_int_eq(decode("", BASE "40 63 01 00", NLRI_V4), BGP_ERR_MALFORMED);
        expect(BGP_ACTION_SESSION_RESET, 3, 2);
        ck_assert_uint_eq(v.data_len, 4);
        ck_assert_uint_eq(v.data[1], 0x63);
}
END_TEST

START_TEST(discarded_attributes)
{
        ck_assert_int_eq(decode("", BASE "40 06 01 00", NLRI_V4), 0);
        expect(BGP_ACTION_ATTR_DISCARD, 3, 5);
        ck_assert(!bgp_attrs_has(&upd.attrs, BGP_ATTR_ATOMIC_AGGREGATE));
        ck_assert_int_eq(decode("", BASE "c0 07 06 fde8 c0000202", NLRI_V4), 0);
        expect(BGP_ACTION_ATTR_DISCARD, 3, 5);
        ck_assert(!bgp_attrs_has(&upd.attrs, BGP_ATTR_AGGREGATOR));
        /* LOCAL_PREF from an external peer (RFC 7606 7.5). */
        opts.local_as = 201379;
        opts.remote_as = 65000;
        ck_assert_int_eq(decode("", BASE "40 05 04 00000064", NLRI_V4), 0);
        expect(BGP_ACTION_ATTR_DISCARD, 3, 4);
        ck_assert(!bgp_attrs_has(&upd.attrs, BGP_ATTR_LOCAL_PREF));
        ck_assert(bgp_attrs_has(&upd.attrs, BGP_ATTR_ORIGIN));
}
END_TEST

START_TEST(strongest_action_wins)
{
        /* A discard and a treat-as-withdraw: withdraw (RFC 7606 3(h)). */
        ck_assert_int_eq(decode("", BASE "40 06 01 00 c0 08 05 0000000000", NLRI_V4),
                         BGP_ERR_MALFORMED);
        expect(BGP_ACTION_TREAT_AS_WITHDRAW, 3, 5);
        ck_assert_int_eq(v.attr_type, BGP_ATTR_COMMUNITIES);
        ck_assert_uint_eq(v.errors, 2);
        /* A withdraw then a reset: reset, whatever the order. */
        ck_assert_int_eq(decode("", BASE "c0 08 05 0000000000 40 63 00", NLRI_V4),
                         BGP_ERR_MALFORMED);
        expect(BGP_ACTION_SESSION_RESET, 3, 2);
}
END_TEST

/* Decoding never reads outside the message: every truncation of valid messages. */
START_TEST(truncations_stay_in_bounds)
{
        const char *attrs = BASE "80 04 04 00000064 c0 08 08 ffffff01 fde80001 "
                                 "c0 20 0c 000312230000000100000002 c0 63 03 aabbcc";
        uint8_t body[1024];
        size_t n = mk_update(body, sizeof(body), "10 0a00", attrs, NLRI_V4);
        for (size_t len = 0; len <= n; len++) {
                /* A heap copy of exactly len bytes, so ASan sees any over-read. */
                uint8_t *copy = malloc(len ? len : 1);
                memcpy(copy, body, len);
                int rc = bgp_update_decode(copy, len, &opts, &upd, &v);
                ck_assert(rc == 0 || rc == BGP_ERR_MALFORMED);
                /* Cut anywhere but exactly before the NLRI field, the message is bad. */
                if (len < n && len != n - 4)
                        ck_assert_int_ne(v.action, BGP_ACTION_OK);
                free(copy);
        }
}
END_TEST

START_TEST(prefix_parse_format)
{
        struct bgp_prefix p;
        char text[64];
        ck_assert_int_eq(bgp_prefix_parse("2a06:9801:1c::/48", &p), 0);
        ck_assert_uint_eq(p.afi, BGP_AFI_IPV6);
        ck_assert_uint_eq(p.len, 48);
        bgp_prefix_format(&p, text, sizeof(text));
        ck_assert_str_eq(text, "2a06:9801:1c::/48");
        ck_assert_int_eq(bgp_prefix_parse("192.0.2.0/24", &p), 0);
        ck_assert_uint_eq(p.afi, BGP_AFI_IPV4);
        ck_assert_int_eq(bgp_prefix_parse("192.0.2.1/24", &p), BGP_ERR_INVALID_ARGUMENT);
        ck_assert_int_eq(bgp_prefix_parse("2001:db8::/129", &p), BGP_ERR_INVALID_ARGUMENT);
        ck_assert_int_eq(bgp_prefix_parse("2001:db8::", &p), BGP_ERR_INVALID_ARGUMENT);
        ck_assert_int_eq(bgp_prefix_parse("2001:db8::/", &p), BGP_ERR_INVALID_ARGUMENT);
}
END_TEST

static Suite *update_suite(void)
{
        Suite *s = suite_create("update");
        TCase *tc = tcase_create("codec");
        tcase_add_checked_fixture(tc, setup, NULL);
        tcase_add_test(tc, ipv4_basic);
        tcase_add_test(tc, all_attributes_round_trip);
        tcase_add_test(tc, path_attribute_discard);
        tcase_add_test(tc, as_path_segment_types);
        tcase_add_test(tc, two_octet_session_as4_path);
        tcase_add_test(tc, as4_path_from_new_speaker_is_discarded);
        tcase_add_test(tc, encode_to_two_octet_peer);
        tcase_add_test(tc, ipv6_mp_reach_global_and_link_local);
        tcase_add_test(tc, ipv6_mp_unreach_and_eor);
        tcase_add_test(tc, prefix_parse_format);
        suite_add_tcase(s, tc);

        tc = tcase_create("builder");
        tcase_add_checked_fixture(tc, setup, NULL);
        tcase_add_test(tc, builder_packs_4096);
        tcase_add_test(tc, builder_packs_65535);
        tcase_add_test(tc, builder_withdraw);
        tcase_add_test(tc, builder_ipv4);
        tcase_add_test(tc, builder_attrs_too_large);
        suite_add_tcase(s, tc);

        tc = tcase_create("errors");
        tcase_add_checked_fixture(tc, setup, NULL);
        tcase_add_test(tc, withdrawn_length_overrun);
        tcase_add_test(tc, attribute_length_overrun);
        tcase_add_test(tc, attribute_overruns_field);
        tcase_add_test(tc, attribute_flag_errors);
        tcase_add_test(tc, duplicate_attributes);
        tcase_add_test(tc, missing_well_known);
        tcase_add_test(tc, bad_origin);
        tcase_add_test(tc, malformed_as_path);
        tcase_add_test(tc, ebgp_first_as);
        tcase_add_test(tc, bad_next_hop);
        tcase_add_test(tc, bad_mp_reach_next_hop_length);
        tcase_add_test(tc, mp_family_not_negotiated);
        tcase_add_test(tc, community_lengths);
        tcase_add_test(tc, nlri_errors);
        tcase_add_test(tc, unknown_well_known);
        tcase_add_test(tc, discarded_attributes);
        tcase_add_test(tc, strongest_action_wins);
        tcase_add_test(tc, truncations_stay_in_bounds);
        suite_add_tcase(s, tc);
        return s;
}

int main(void)
{
        return tu_run(update_suite());
}
