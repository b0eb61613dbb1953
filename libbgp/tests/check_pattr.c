/*
 * check_pattr.c - owned path attributes: conversion from a decoded UPDATE (with the RFC 6793
 * 4.2.3 AS4_PATH merge as a golden table), copies, prepending across the 255-AS segment
 * limit, communities, FRR's AS path text, and every allocation failing in turn.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bgp/bgp.h>

#include "testutil.h"

/*
 * Writes a path given as FRR prints it ("64500 {1,2} (3 4) [5,6]") in the wire encoding
 * with asn_size-octet AS numbers.  Returns the length.
 */
static size_t mkpath(const char *text, uint8_t asn_size, uint8_t *out, size_t cap)
{
        size_t len = 0, hdr = 0;
        int type = 0; /* segment being written, 0 when none */
        const char *p = text;

        while (*p != '\0') {
                if (*p == ' ' || *p == ',') {
                        p++;
                        continue;
                }
                int open = *p == '{'   ? BGP_AS_SET
                           : *p == '(' ? BGP_AS_CONFED_SEQUENCE
                           : *p == '[' ? BGP_AS_CONFED_SET
                                       : 0;
                if (open != 0 || type == 0) {
                        /* a new segment */
                        ck_assert_uint_le(len + 2, cap);
                        type = open != 0 ? open : BGP_AS_SEQUENCE;
                        hdr = len;
                        out[len++] = (uint8_t)type;
                        out[len++] = 0;
                        if (open != 0)
                                p++;
                        continue;
                }
                if (*p == '}' || *p == ')' || *p == ']') {
                        type = 0;
                        p++;
                        continue;
                }
                char *end;
                unsigned long asn = strtoul(p, &end, 10);
                ck_assert_ptr_ne(end, p);
                p = end;
                ck_assert_uint_le(len + asn_size, cap);
                for (int i = asn_size - 1; i >= 0; i--)
                        out[len++] = (uint8_t)(asn >> (8 * i));
                out[hdr + 1]++;
        }
        return len;
}

static char text[8192];

static const char *path_text(const struct bgp_pattr *pa)
{
        int n = bgp_pattr_as_path_string(pa, text, sizeof(text));
        ck_assert_int_ge(n, 0);
        ck_assert_uint_lt((size_t)n, sizeof(text));
        return text;
}

/* ---- from a decoded UPDATE ------------------------------------------------------------ */

/* ORIGIN IGP, AS_PATH 34927 64500, MP_REACH (2001:db8:300::1 + fe80::1) 2a06:9801:1c::/48,
 * MED 50, COMMUNITIES 34927:9501 34927:9301 34927:9501 no-export, LARGE 201379:2:1
 * 201379:1:9, and an unknown optional transitive attribute 99. */
static const char update_hex[] =
    "0000007c4001010040020a02020000886f0000fbf4800e2c0002012020010db80300000000000000"
    "00000001fe80000000000000000000000000000100302a069801001c80040400000032c00810886f"
    "251d886f2455886f251dffffff01c02018000312a30000000200000001000312a30000000100000009"
    "c06304deadbeef";

START_TEST(from_decoded_update)
{
        uint8_t body[512];
        struct bgp_codec_opts opts;
        struct bgp_update upd;
        struct bgp_verdict v;
        struct bgp_pattr pa;

        size_t n = tu_hex(update_hex, body, sizeof(body));
        ck_assert_uint_gt(n, 0);
        bgp_codec_opts_init(&opts);
        ck_assert_int_eq(bgp_update_decode(body, n, &opts, &upd, &v), 0);

        bgp_pattr_init(&pa, NULL);
        ck_assert_int_eq(bgp_pattr_from_update(&pa, &upd.attrs), 0);
        ck_assert_uint_eq(pa.origin, BGP_ORIGIN_IGP);
        ck_assert_str_eq(path_text(&pa), "34927 64500");
        ck_assert_uint_eq(bgp_pattr_first_as(&pa), 34927);
        ck_assert_uint_eq(bgp_pattr_as_path_length(&pa), 2);
        ck_assert(pa.has & BGP_PA_MED);
        ck_assert_uint_eq(pa.med, 50);
        ck_assert(!(pa.has & BGP_PA_LOCAL_PREF));
        /* The MP_REACH next hop: global and link-local (RFC 2545 3). */
        ck_assert(pa.has & BGP_PA_NEXT_HOP);
        ck_assert(pa.has & BGP_PA_LL_NEXT_HOP);
        ck_assert_uint_eq(pa.nh_afi, BGP_AFI_IPV6);
        ck_assert_uint_eq(pa.next_hop[0], 0x20);
        ck_assert_uint_eq(pa.next_hop[15], 0x01);
        ck_assert_uint_eq(pa.ll_next_hop[0], 0xfe);
        ck_assert_uint_eq(pa.ll_next_hop[15], 0x01);
        /* Communities sorted, the duplicate gone, as FRR keeps them. */
        ck_assert_uint_eq(pa.n_communities, 3);
        ck_assert_uint_eq(pa.communities[0], 34927u << 16 | 9301);
        ck_assert_uint_eq(pa.communities[1], 34927u << 16 | 9501);
        ck_assert_uint_eq(pa.communities[2], 0xFFFFFF01u);
        ck_assert(bgp_pattr_has_community(&pa, 0xFFFFFF01u));
        ck_assert(!bgp_pattr_has_community(&pa, 1));
        ck_assert_uint_eq(pa.n_large_communities, 2);
        ck_assert_uint_eq(pa.large_communities[0].local1, 1);
        ck_assert_uint_eq(pa.large_communities[0].local2, 9);
        ck_assert_uint_eq(pa.large_communities[1].local1, 2);
        /* The unknown transitive attribute is kept, with its own copy of the value. */
        ck_assert_uint_eq(pa.n_raw, 1);
        ck_assert_uint_eq(pa.raw[0].type, 99);
        ck_assert_uint_eq(pa.raw[0].len, 4);
        ck_assert_ptr_ne(pa.raw[0].value, upd.attrs.raw[0].value);
        memset(body, 0, sizeof(body));
        ck_assert_uint_eq(pa.raw[0].value[0], 0xde);
        ck_assert_uint_eq(pa.raw[0].value[3], 0xef);

        /* Filling again replaces everything. */
        struct bgp_attrs empty;
        memset(&empty, 0, sizeof(empty));
        ck_assert_int_eq(bgp_pattr_from_update(&pa, &empty), 0);
        ck_assert_uint_eq(pa.n_communities, 0);
        ck_assert_uint_eq(pa.as_path_len, 0);
        ck_assert_uint_eq(pa.n_raw, 0);
        ck_assert_uint_eq(pa.has, 0);
        ck_assert_str_eq(path_text(&pa), "");
        bgp_pattr_free(&pa);
}
END_TEST

START_TEST(next_hop_sources)
{
        struct bgp_attrs a;
        struct bgp_pattr pa;

        bgp_pattr_init(&pa, NULL);
        /* NEXT_HOP only: an IPv4 next hop. */
        memset(&a, 0, sizeof(a));
        bgp_attrs_set(&a, BGP_ATTR_NEXT_HOP);
        memcpy(a.next_hop, "\xc0\x00\x02\x01", 4);
        ck_assert_int_eq(bgp_pattr_from_update(&pa, &a), 0);
        ck_assert_uint_eq(pa.nh_afi, BGP_AFI_IPV4);
        ck_assert(pa.has & BGP_PA_NEXT_HOP);
        ck_assert_mem_eq(pa.next_hop, "\xc0\x00\x02\x01", 4);
        /* MP_REACH wins over NEXT_HOP; a 16-octet one has no link-local. */
        bgp_attrs_set(&a, BGP_ATTR_MP_REACH_NLRI);
        a.mp_reach.nh_len = 16;
        a.mp_reach.nh[0] = 0x20;
        ck_assert_int_eq(bgp_pattr_from_update(&pa, &a), 0);
        ck_assert_uint_eq(pa.nh_afi, BGP_AFI_IPV6);
        ck_assert_uint_eq(pa.next_hop[0], 0x20);
        ck_assert(!(pa.has & BGP_PA_LL_NEXT_HOP));
        /* 32 octets whose link-local half is zero: no link-local. */
        a.mp_reach.nh_len = 32;
        ck_assert_int_eq(bgp_pattr_from_update(&pa, &a), 0);
        ck_assert(!(pa.has & BGP_PA_LL_NEXT_HOP));
        /* Nothing: no next hop. */
        memset(&a, 0, sizeof(a));
        ck_assert_int_eq(bgp_pattr_from_update(&pa, &a), 0);
        ck_assert(!(pa.has & BGP_PA_NEXT_HOP));
        bgp_pattr_free(&pa);
}
END_TEST

/*
 * RFC 6793 4.2.3 as a golden table: a 2-octet AS_PATH, an AS4_PATH (NULL: none), the
 * AGGREGATOR and AS4_AGGREGATOR ASes (0: absent), and the path and aggregator that result.
 */
static const struct as4_case {
        const char *as_path;
        const char *as4_path;
        uint32_t agg, agg4;
        const char *want;
        uint32_t want_agg;
} as4_cases[] = {
    /* No AS4_PATH: the 2-octet path as it is. */
    {"64500 23456", NULL, 0, 0, "64500 23456", 0},
    /* AS_PATH longer by one: its first AS, then AS4_PATH. */
    {"64500 23456 23456", "201379 4200000000", 0, 0, "64500 201379 4200000000", 0},
    /* Equal lengths: AS4_PATH replaces it all. */
    {"23456 23456", "201379 201380", 0, 0, "201379 201380", 0},
    /* AS_PATH shorter than AS4_PATH: AS4_PATH is ignored. */
    {"23456", "201379 201380", 0, 0, "23456", 0},
    /* A set counts one, whatever its size. */
    {"64500 64510 {23456,64501}", "{201379,64501}", 0, 0, "64500 64510 {201379,64501}", 0},
    {"{1,2} 23456", "201379", 0, 0, "{1,2} 201379", 0},
    /* Confederation segments count nothing and are kept in front. */
    {"(65001 65002) 64500 23456", "201379", 0, 0, "(65001 65002) 64500 201379", 0},
    /* The cut falls inside a sequence. */
    {"1 2 3 4 23456", "201379 201380", 0, 0, "1 2 3 201379 201380", 0},
    /* AGGREGATOR with a real AS: AS4_AGGREGATOR and AS4_PATH are ignored. */
    {"64500 23456", "201379", 64500, 201379, "64500 23456", 64500},
    /* AGGREGATOR with AS_TRANS: AS4_AGGREGATOR is the aggregator, AS4_PATH merges. */
    {"64500 23456", "201379", BGP_AS_TRANS, 201379, "64500 201379", 201379},
    /* AS4_AGGREGATOR alone, taken as FRR takes it. */
    {"64500 23456", "201379", 0, 4200000000u, "64500 201379", 4200000000u},
};

START_TEST(as4_path_merge)
{
        const struct as4_case *c = &as4_cases[_i];
        uint8_t p2[256], p4[256];
        struct bgp_attrs a;
        struct bgp_pattr pa;

        memset(&a, 0, sizeof(a));
        bgp_attrs_set(&a, BGP_ATTR_AS_PATH);
        a.as_path.data = p2;
        a.as_path.len = mkpath(c->as_path, 2, p2, sizeof(p2));
        a.as_path.asn_size = 2;
        if (c->as4_path != NULL) {
                bgp_attrs_set(&a, BGP_ATTR_AS4_PATH);
                a.as4_path.data = p4;
                a.as4_path.len = mkpath(c->as4_path, 4, p4, sizeof(p4));
                a.as4_path.asn_size = 4;
        }
        if (c->agg != 0) {
                bgp_attrs_set(&a, BGP_ATTR_AGGREGATOR);
                a.aggregator_as = c->agg;
                memcpy(a.aggregator_addr, "\xc6\x33\x64\x0a", 4);
        }
        if (c->agg4 != 0) {
                bgp_attrs_set(&a, BGP_ATTR_AS4_AGGREGATOR);
                a.as4_aggregator_as = c->agg4;
                memcpy(a.as4_aggregator_addr, "\xc6\x33\x64\x0b", 4);
        }
        bgp_pattr_init(&pa, NULL);
        ck_assert_int_eq(bgp_pattr_from_update(&pa, &a), 0);
        ck_assert_msg(strcmp(path_text(&pa), c->want) == 0, "case %d: \"%s\", want \"%s\"", _i,
                      text, c->want);
        if (c->want_agg != 0) {
                ck_assert(pa.has & BGP_PA_AGGREGATOR);
                ck_assert_uint_eq(pa.aggregator_as, c->want_agg);
                ck_assert_uint_eq(pa.aggregator_addr,
                                  c->want_agg == c->agg ? 0xc633640au : 0xc633640bu);
        } else {
                ck_assert(!(pa.has & BGP_PA_AGGREGATOR));
        }
        bgp_pattr_free(&pa);
}
END_TEST

/* With 4-octet AS numbers on the session there is no merge, whatever is present. */
START_TEST(as4_path_ignored_on_as4_session)
{
        uint8_t p4[64], q4[64];
        struct bgp_attrs a;
        struct bgp_pattr pa;

        memset(&a, 0, sizeof(a));
        bgp_attrs_set(&a, BGP_ATTR_AS_PATH);
        bgp_attrs_set(&a, BGP_ATTR_AS4_PATH);
        a.as_path = (struct bgp_as_path){p4, mkpath("201379 64500", 4, p4, sizeof(p4)), 4};
        a.as4_path = (struct bgp_as_path){q4, mkpath("1", 4, q4, sizeof(q4)), 4};
        bgp_pattr_init(&pa, NULL);
        ck_assert_int_eq(bgp_pattr_from_update(&pa, &a), 0);
        ck_assert_str_eq(path_text(&pa), "201379 64500");
        bgp_pattr_free(&pa);
}
END_TEST

/* Adjacent sequences merge: the interned form of a path does not depend on its split. */
START_TEST(canonical_sequences)
{
        uint8_t w[64];
        struct bgp_attrs a;
        struct bgp_pattr pa;
        /* [2: 1 2][2: 3] as two AS_SEQUENCE segments. */
        static const uint8_t split[] = {2, 2, 0, 0, 0, 1, 0, 0, 0, 2, 2, 1, 0, 0, 0, 3};

        memset(&a, 0, sizeof(a));
        bgp_attrs_set(&a, BGP_ATTR_AS_PATH);
        memcpy(w, split, sizeof(split));
        a.as_path = (struct bgp_as_path){w, sizeof(split), 4};
        bgp_pattr_init(&pa, NULL);
        ck_assert_int_eq(bgp_pattr_from_update(&pa, &a), 0);
        ck_assert_uint_eq(pa.as_path_len, 2 + 3 * 4);
        ck_assert_uint_eq(pa.as_path[1], 3);
        ck_assert_str_eq(path_text(&pa), "1 2 3");
        bgp_pattr_free(&pa);
}
END_TEST

/* ---- editing ---------------------------------------------------------------------------- */

/* A pattr whose path is text (4-octet). */
static void with_path(struct bgp_pattr *pa, const char *path)
{
        uint8_t w[4096];
        struct bgp_as_path p = {w, mkpath(path, 4, w, sizeof(w)), 4};
        struct bgp_attrs a;

        memset(&a, 0, sizeof(a));
        bgp_attrs_set(&a, BGP_ATTR_AS_PATH);
        a.as_path = p;
        bgp_pattr_init(pa, NULL);
        ck_assert_int_eq(bgp_pattr_from_update(pa, &a), 0);
}

START_TEST(prepend)
{
        struct bgp_pattr pa;

        bgp_pattr_init(&pa, NULL);
        ck_assert_int_eq(bgp_pattr_prepend(&pa, 201379, 2), 0);
        ck_assert_str_eq(path_text(&pa), "201379 201379");
        ck_assert_uint_eq(bgp_pattr_as_path_length(&pa), 2);
        ck_assert_int_eq(bgp_pattr_prepend(&pa, 34927, 0), 0);
        ck_assert_str_eq(path_text(&pa), "201379 201379");
        bgp_pattr_free(&pa);

        /* Into the leading sequence: one segment. */
        with_path(&pa, "34927 64500");
        ck_assert_int_eq(bgp_pattr_prepend(&pa, 201379, 1), 0);
        ck_assert_str_eq(path_text(&pa), "201379 34927 64500");
        ck_assert_uint_eq(pa.as_path_len, 2 + 3 * 4);
        bgp_pattr_free(&pa);

        /* Before a set: a new sequence (RFC 4271 5.1.2). */
        with_path(&pa, "{1,2} 3");
        ck_assert_int_eq(bgp_pattr_prepend(&pa, 201379, 1), 0);
        ck_assert_str_eq(path_text(&pa), "201379 {1,2} 3");
        ck_assert_uint_eq(bgp_pattr_as_path_length(&pa), 3);
        ck_assert_uint_eq(bgp_pattr_first_as(&pa), 201379);
        bgp_pattr_free(&pa);
}
END_TEST

/* More than 255 AS numbers: segments of 255, the full ones first (FRR aspath_put). */
START_TEST(prepend_past_255)
{
        struct bgp_pattr pa;

        with_path(&pa, "64500");
        ck_assert_int_eq(bgp_pattr_prepend(&pa, 65000, 300), 0);
        ck_assert_uint_eq(bgp_pattr_as_path_length(&pa), 301);
        ck_assert_uint_eq(pa.as_path_len, 2 + 255 * 4 + 2 + 46 * 4);
        ck_assert_uint_eq(pa.as_path[0], BGP_AS_SEQUENCE);
        ck_assert_uint_eq(pa.as_path[1], 255);
        ck_assert_uint_eq(pa.as_path[2 + 255 * 4], BGP_AS_SEQUENCE);
        ck_assert_uint_eq(pa.as_path[2 + 255 * 4 + 1], 46);
        ck_assert_uint_eq(bgp_pattr_first_as(&pa), 65000);
        const char *t = path_text(&pa);
        ck_assert_uint_eq(strlen(t), 300 * 6 + 5);
        ck_assert_str_eq(t + strlen(t) - 11, "65000 64500");
        bgp_pattr_free(&pa);

        /* Exactly 255, then one more. */
        bgp_pattr_init(&pa, NULL);
        ck_assert_int_eq(bgp_pattr_prepend(&pa, 1, 255), 0);
        ck_assert_uint_eq(pa.as_path_len, 2 + 255 * 4);
        uint32_t two[] = {2, 3};
        ck_assert_int_eq(bgp_pattr_prepend(&pa, two[0], 1), 0);
        ck_assert_uint_eq(pa.as_path_len, 2 + 255 * 4 + 2 + 4);
        ck_assert_uint_eq(pa.as_path[1], 255);
        ck_assert_uint_eq(bgp_pattr_as_path_length(&pa), 256);
        ck_assert_uint_eq(bgp_pattr_first_as(&pa), 2);
        bgp_pattr_free(&pa);
}
END_TEST

START_TEST(path_text_and_length)
{
        struct bgp_pattr pa;
        static const struct {
                const char *path;
                unsigned len;
                uint32_t first;
        } cases[] = {
            {"", 0, 0},
            {"64500", 1, 64500},
            {"64500 64501 {64502,64503}", 3, 64500},
            {"{64502,64503}", 1, 0},
            {"(65001 65002) 64500", 1, 0},
            {"[65001,65002] 4200000000", 1, 0},
        };

        for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
                with_path(&pa, cases[i].path);
                ck_assert_str_eq(path_text(&pa), cases[i].path);
                ck_assert_uint_eq(bgp_pattr_as_path_length(&pa), cases[i].len);
                ck_assert_uint_eq(bgp_pattr_first_as(&pa), cases[i].first);
                bgp_pattr_free(&pa);
        }
        /* Cut to the buffer, the length of the whole as snprintf. */
        char small[6];
        with_path(&pa, "64500 64501");
        ck_assert_int_eq(bgp_pattr_as_path_string(&pa, small, sizeof(small)), 11);
        ck_assert_str_eq(small, "64500");
        ck_assert_int_eq(bgp_pattr_as_path_string(&pa, NULL, 0), 11);
        bgp_pattr_free(&pa);
}
END_TEST

START_TEST(communities_set_and_add)
{
        struct bgp_pattr pa;
        uint32_t first[] = {34927u << 16 | 9501, 34927u << 16 | 9301};
        uint32_t more[] = {1u << 16 | 1, 34927u << 16 | 9301};

        bgp_pattr_init(&pa, NULL);
        ck_assert_int_eq(bgp_pattr_set_communities(&pa, first, 2, true), 0);
        ck_assert_uint_eq(pa.n_communities, 2);
        ck_assert_uint_eq(pa.communities[0], first[1]);
        ck_assert_int_eq(bgp_pattr_set_communities(&pa, more, 2, true), 0);
        ck_assert_uint_eq(pa.n_communities, 3);
        ck_assert_uint_eq(pa.communities[0], more[0]);
        ck_assert_int_eq(bgp_pattr_set_communities(&pa, more, 1, false), 0);
        ck_assert_uint_eq(pa.n_communities, 1);
        ck_assert_uint_eq(pa.communities[0], more[0]);
        /* None: the attribute goes away. */
        ck_assert_int_eq(bgp_pattr_set_communities(&pa, NULL, 0, false), 0);
        ck_assert_uint_eq(pa.n_communities, 0);
        ck_assert_ptr_null(pa.communities);

        struct bgp_large_community lc[] = {{201379, 9, 9}, {201379, 1, 1}, {201379, 9, 9}};
        ck_assert_int_eq(bgp_pattr_set_large_communities(&pa, lc, 3, false), 0);
        ck_assert_uint_eq(pa.n_large_communities, 2);
        ck_assert_uint_eq(pa.large_communities[0].local1, 1);
        ck_assert_int_eq(bgp_pattr_set_large_communities(&pa, lc, 1, true), 0);
        ck_assert_uint_eq(pa.n_large_communities, 2);
        bgp_pattr_free(&pa);
}
END_TEST

START_TEST(copy_is_deep)
{
        uint8_t body[512];
        struct bgp_codec_opts opts;
        struct bgp_update upd;
        struct bgp_verdict v;
        struct bgp_pattr a, b;

        size_t n = tu_hex(update_hex, body, sizeof(body));
        bgp_codec_opts_init(&opts);
        ck_assert_int_eq(bgp_update_decode(body, n, &opts, &upd, &v), 0);
        bgp_pattr_init(&a, NULL);
        ck_assert_int_eq(bgp_pattr_from_update(&a, &upd.attrs), 0);
        ck_assert_int_eq(bgp_pattr_copy(&b, &a), 0);
        ck_assert_ptr_ne(b.as_path, a.as_path);
        ck_assert_ptr_ne(b.raw_bytes, a.raw_bytes);
        ck_assert_ptr_eq(b.raw[0].value, b.raw_bytes);
        ck_assert_mem_eq(b.as_path, a.as_path, a.as_path_len);
        ck_assert_int_eq(bgp_pattr_prepend(&b, 201379, 1), 0);
        ck_assert_str_eq(path_text(&a), "34927 64500");
        ck_assert_str_eq(path_text(&b), "201379 34927 64500");
        bgp_pattr_free(&a);
        ck_assert_uint_eq(b.n_communities, 3);
        ck_assert_uint_eq(b.raw[0].value[0], 0xde);
        bgp_pattr_free(&b);
}
END_TEST

/* ---- every allocation failing in turn --------------------------------------------------- */

START_TEST(failing_allocations)
{
        const struct bgp_mem mem = tu_failing_mem;
        uint8_t body[512];
        struct bgp_codec_opts opts;
        struct bgp_update upd;
        struct bgp_verdict v;
        bool completed = false;

        size_t n = tu_hex(update_hex, body, sizeof(body));
        bgp_codec_opts_init(&opts);
        ck_assert_int_eq(bgp_update_decode(body, n, &opts, &upd, &v), 0);
        for (tu_fail_at = 1; tu_fail_at < 100 && !completed; tu_fail_at++) {
                struct bgp_pattr a, b;
                tu_alloc_count = 0;
                bgp_pattr_init(&a, &mem);
                int rc = bgp_pattr_from_update(&a, &upd.attrs);
                if (rc == 0)
                        rc = bgp_pattr_prepend(&a, 65000, 300);
                if (rc == 0) {
                        uint32_t c = 1;
                        rc = bgp_pattr_set_communities(&a, &c, 1, true);
                }
                if (rc == 0)
                        rc = bgp_pattr_as_path_string(&a, NULL, 0) < 0 ? BGP_ERR_NOMEM : 0;
                if (rc == 0) {
                        rc = bgp_pattr_copy(&b, &a);
                        if (rc == 0) {
                                completed = true;
                                bgp_pattr_free(&b);
                        }
                }
                ck_assert_msg(rc == 0 || rc == BGP_ERR_NOMEM, "tu_fail_at %d: %d", tu_fail_at, rc);
                bgp_pattr_free(&a);
        }
        ck_assert(completed);
}
END_TEST

static Suite *pattr_suite(void)
{
        Suite *s = suite_create("pattr");
        TCase *tc = tcase_create("pattr");
        tcase_add_test(tc, from_decoded_update);
        tcase_add_test(tc, next_hop_sources);
        tcase_add_loop_test(tc, as4_path_merge, 0, (int)(sizeof(as4_cases) / sizeof(as4_cases[0])));
        tcase_add_test(tc, as4_path_ignored_on_as4_session);
        tcase_add_test(tc, canonical_sequences);
        tcase_add_test(tc, prepend);
        tcase_add_test(tc, prepend_past_255);
        tcase_add_test(tc, path_text_and_length);
        tcase_add_test(tc, communities_set_and_add);
        tcase_add_test(tc, copy_is_deep);
        tcase_add_test(tc, failing_allocations);
        suite_add_tcase(s, tc);
        return s;
}

int main(void)
{
        return tu_run(pattr_suite());
}
