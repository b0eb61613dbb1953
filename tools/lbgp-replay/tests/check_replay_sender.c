/*
 * check_replay_sender.c - the rewriting and packing of lbgp-replay: every UPDATE it writes
 * is decoded back with libbgp's codec and compared with the table.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sender.h"
#include "source.h"
#include "table_gen.h"

#define MRT(f)   BGP_SHARED_DATA "/mrt/" f
#define LOCAL_AS 65001

static const uint8_t NH6[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10};
static const uint8_t NH4[4] = {192, 0, 2, 1};

struct seen {
        size_t updates, announced, withdrawn, eor, max_len;
        bool eor_last;
        bool bad_first_as, bad_next_hop;
};

static size_t count(const struct bgp_nlri *n)
{
        return n->data != NULL ? bgp_nlri_count(n) : 0;
}

/* Runs the sender dry, decoding each message as the peer would. */
static void drain(struct sender *s, const struct bgp_codec_opts *opts, struct seen *out,
                  void (*each)(const struct bgp_update *u, void *ud), void *ud)
{
        static uint8_t buf[BGP_EXT_MAX_MSG_LEN];
        static struct bgp_update u;
        struct bgp_verdict v;
        int len;
        memset(out, 0, sizeof(*out));
        while ((len = sender_next(s, buf, sizeof(buf))) > 0) {
                ck_assert_uint_le((size_t)len, bgp_codec_max_msg_len(opts));
                ck_assert_int_eq(bgp_update_decode(buf + BGP_HEADER_LEN,
                                                   (size_t)len - BGP_HEADER_LEN, opts, &u, &v),
                                 0);
                out->updates++;
                if ((size_t)len > out->max_len)
                        out->max_len = (size_t)len;
                uint16_t afi;
                uint8_t safi;
                out->eor_last = bgp_update_is_eor(&u, &afi, &safi);
                if (out->eor_last) {
                        out->eor++;
                        continue;
                }
                out->withdrawn += count(&u.withdrawn) + count(&u.attrs.mp_unreach.nlri);
                size_t ann = count(&u.nlri) + count(&u.attrs.mp_reach.nlri);
                out->announced += ann;
                if (ann > 0) {
                        struct bgp_as_path_iter it;
                        struct bgp_as_segment seg;
                        bgp_as_path_iter_init(&it, &u.attrs.as_path);
                        if (bgp_as_path_iter_next(&it, &seg) != 1 || seg.asn[0] != LOCAL_AS)
                                out->bad_first_as = true;
                        if (count(&u.attrs.mp_reach.nlri) > 0 &&
                            (u.attrs.mp_reach.nh_len != 16 || memcmp(u.attrs.mp_reach.nh, NH6, 16)))
                                out->bad_next_hop = true;
                        if (count(&u.nlri) > 0 && memcmp(u.attrs.next_hop, NH4, 4) != 0)
                                out->bad_next_hop = true;
                }
                if (each != NULL)
                        each(&u, ud);
        }
        ck_assert_int_eq(len, 0);
}

static void opts_init(struct bgp_codec_opts *o, uint32_t families)
{
        bgp_codec_opts_init(o);
        o->families = families;
}

/* The RIB slice: every prefix once, our AS first, our next hop, packed, End-of-RIB last. */
START_TEST(rib_slice_rewritten_and_packed)
{
        struct rtable t;
        struct sender s;
        struct bgp_codec_opts o;
        struct seen seen;
        char err[256];
        rtable_init(&t, LOCAL_AS, BGP_FAMILY_IPV6_UNICAST);
        ck_assert_int_eq(rsource_load_mrt(&t, MRT("routeviews6.rib.20260730.1400.first1MiB.bz2"),
                                          NULL, err, sizeof(err)),
                         0);
        opts_init(&o, BGP_FAMILY_IPV6_UNICAST);
        sender_init(&s, &o);
        sender_set_next_hops(&s, NH6, NULL);
        ck_assert_int_eq(sender_push_table(&s, &t), 0);
        ck_assert_int_eq(sender_push_eor(&s), 0);
        drain(&s, &o, &seen, NULL, NULL);
        ck_assert_uint_eq(seen.announced, 8153);
        ck_assert_uint_eq(s.st.announced, 8153);
        ck_assert_uint_eq(seen.eor, 1);
        ck_assert(seen.eor_last);
        ck_assert(!seen.bad_first_as);
        ck_assert(!seen.bad_next_hop);
        ck_assert_uint_eq(s.st.updates, seen.updates); /* End-of-RIB included */
        /* One message per attribute set at least, fewer than one per prefix. */
        ck_assert_uint_ge(seen.updates, t.n_sets);
        ck_assert_uint_lt(seen.updates, 8153);
        ck_assert(sender_idle(&s));

        /* Withdrawing everything packs the prefixes to the message size. */
        ck_assert_int_eq(sender_push_withdraw(&s, t.fam, t.n_fam), 0);
        drain(&s, &o, &seen, NULL, NULL);
        ck_assert_uint_eq(seen.withdrawn, 8153);
        ck_assert_uint_le(seen.updates, 8153 * 20 / 4000 + 2);
        sender_free(&s);
        rtable_free(&t);
}
END_TEST

struct comm_check {
        size_t with_communities;
};

static void count_comms(const struct bgp_update *u, void *ud)
{
        struct comm_check *c = ud;
        if (u->attrs.communities.count > 0)
                c->with_communities++;
}

/* Attributes other than AS_PATH and NEXT_HOP are kept: communities reach the peer. */
START_TEST(attributes_kept)
{
        struct rtable t;
        struct sender s;
        struct bgp_codec_opts o;
        struct seen seen;
        struct comm_check cc = {0};
        char err[256];
        rtable_init(&t, LOCAL_AS, BGP_FAMILY_IPV6_UNICAST);
        ck_assert_int_eq(rsource_load_mrt(&t,
                                          MRT("ris.bview.20180919.0800.one-prefix-64k-record.gz"),
                                          "193.0.0.56", err, sizeof(err)),
                         0);
        opts_init(&o, BGP_FAMILY_IPV6_UNICAST);
        sender_init(&s, &o);
        sender_set_next_hops(&s, NH6, NULL);
        sender_push_table(&s, &t);
        drain(&s, &o, &seen, count_comms, &cc);
        ck_assert_uint_eq(seen.announced, 1);
        ck_assert_uint_eq(cc.with_communities, 1);
        ck_assert(!seen.bad_next_hop);
        sender_free(&s);
        rtable_free(&t);
}
END_TEST

static const char *write_tmp(const char *text)
{
        static char name[64];
        snprintf(name, sizeof(name), "/tmp/check_replay_sender_%d.txt", (int)getpid());
        FILE *f = fopen(name, "w");
        ck_assert_ptr_nonnull(f);
        fputs(text, f);
        fclose(f);
        return name;
}

/* IPv4 and IPv6 from one file: each with its family's next hop; a family the session did
 * not negotiate, or one we have no next hop for, is counted and not sent. */
START_TEST(families_and_next_hops)
{
        struct rtable t;
        struct sender s;
        struct bgp_codec_opts o;
        struct seen seen;
        char err[256];
        const char *f = write_tmp("2001:db8:1::/48\n192.0.2.0/24\n198.51.100.0/24\n");
        rtable_init(&t, LOCAL_AS, BGP_FAMILY_IPV6_UNICAST | BGP_FAMILY_IPV4_UNICAST);
        ck_assert_int_eq(rsource_load_prefixes(&t, f, "64500", err, sizeof(err)), 0);
        unlink(f);

        opts_init(&o, BGP_FAMILY_IPV6_UNICAST | BGP_FAMILY_IPV4_UNICAST);
        sender_init(&s, &o);
        sender_set_next_hops(&s, NH6, NH4);
        sender_push_table(&s, &t);
        sender_push_eor(&s);
        drain(&s, &o, &seen, NULL, NULL);
        ck_assert_uint_eq(seen.announced, 3);
        ck_assert_uint_eq(seen.eor, 2);
        ck_assert(!seen.bad_next_hop);
        sender_free(&s);

        opts_init(&o, BGP_FAMILY_IPV6_UNICAST);
        sender_init(&s, &o);
        sender_set_next_hops(&s, NH6, NULL);
        sender_push_table(&s, &t);
        drain(&s, &o, &seen, NULL, NULL);
        ck_assert_uint_eq(seen.announced, 1);
        ck_assert_uint_eq(s.st.skipped_family, 2);
        sender_free(&s);

        opts_init(&o, BGP_FAMILY_IPV6_UNICAST | BGP_FAMILY_IPV4_UNICAST);
        sender_init(&s, &o);
        sender_set_next_hops(&s, NH6, NULL);
        sender_push_table(&s, &t);
        drain(&s, &o, &seen, NULL, NULL);
        ck_assert_uint_eq(seen.announced, 1);
        ck_assert_uint_eq(s.st.skipped_nexthop, 2);
        sender_free(&s);
        rtable_free(&t);
}
END_TEST

/* A BGP4MP replay keeps the order: withdrawals are sent where the file had them. */
START_TEST(bgp4mp_order_kept)
{
        struct rtable t;
        struct sender s;
        struct bgp_codec_opts o;
        struct seen seen;
        char err[256];
        rtable_init(&t, LOCAL_AS, BGP_FAMILY_IPV6_UNICAST);
        ck_assert_int_eq(
            rsource_load_mrt(&t, MRT("ris-rrc06.updates.20150401.0000.gz"), NULL, err, sizeof(err)),
            0);
        opts_init(&o, BGP_FAMILY_IPV6_UNICAST);
        sender_init(&s, &o);
        sender_set_next_hops(&s, NH6, NULL);
        sender_push_table(&s, &t);
        drain(&s, &o, &seen, NULL, NULL);
        ck_assert_uint_eq(seen.announced, 275);
        ck_assert_uint_eq(seen.withdrawn, 16);
        ck_assert(!seen.bad_first_as);
        sender_free(&s);
        rtable_free(&t);
}
END_TEST

/* The generated full table, all of it, in well under one UPDATE per prefix. */
START_TEST(generated_full_table)
{
        struct rtable t;
        struct sender s;
        struct bgp_codec_opts o;
        struct seen seen;
        char err[256];
        rtable_init(&t, LOCAL_AS, BGP_FAMILY_IPV6_UNICAST);
        ck_assert_int_eq(rsource_load_generated(&t, TGEN_DEFAULT_IPASN, 1, 0, err, sizeof(err)), 0);
        opts_init(&o, BGP_FAMILY_IPV6_UNICAST);
        sender_init(&s, &o);
        sender_set_next_hops(&s, NH6, NULL);
        sender_push_table(&s, &t);
        sender_push_eor(&s);
        drain(&s, &o, &seen, NULL, NULL);
        ck_assert_uint_eq(seen.announced, 258956);
        ck_assert(seen.eor_last);
        ck_assert(!seen.bad_first_as);
        ck_assert(!seen.bad_next_hop);
        ck_assert_uint_lt(seen.updates, 258956 / 2);
        sender_free(&s);
        rtable_free(&t);
}
END_TEST

int main(void)
{
        Suite *su = suite_create("replay_sender");
        TCase *tc = tcase_create("sender");
        tcase_set_timeout(tc, 100);
        tcase_add_test(tc, rib_slice_rewritten_and_packed);
        tcase_add_test(tc, attributes_kept);
        tcase_add_test(tc, families_and_next_hops);
        tcase_add_test(tc, bgp4mp_order_kept);
        tcase_add_test(tc, generated_full_table);
        suite_add_tcase(su, tc);
        SRunner *sr = srunner_create(su);
        srunner_run_all(sr, CK_NORMAL);
        int failed = srunner_ntests_failed(sr);
        srunner_free(sr);
        return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
