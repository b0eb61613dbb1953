/*
 * check_replay_sources.c - the table sources of lbgp-replay on the real files of
 * ../shared/data/mrt, with expectations taken from bgpdump -m on the same files.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "source.h"
#include "table_gen.h"

#define MRT(f)   BGP_SHARED_DATA "/mrt/" f
#define LOCAL_AS 65001

static struct rtable t;
static char err[512];

static void setup(void)
{
        rtable_init(&t, LOCAL_AS, BGP_FAMILY_IPV6_UNICAST);
        err[0] = '\0';
}

static void teardown(void)
{
        rtable_free(&t);
}

/* The set that announces pfx (text), or NULL. */
static const struct rtable_set *set_of(const struct rtable *tab, const char *text)
{
        struct bgp_prefix want;
        ck_assert_int_eq(bgp_prefix_parse(text, &want), 0);
        for (size_t i = 0; i < tab->n_steps; i++) {
                const struct rtable_step *st = &tab->steps[i];
                for (size_t k = 0; st->kind == RSTEP_ANNOUNCE && k < st->n; k++)
                        if (rtable_prefix_cmp(&tab->pfx[st->first + k], &want) == 0)
                                return &tab->sets[st->set];
        }
        return NULL;
}

static void assert_path(const struct rtable_set *s, const char *want)
{
        char path[512];
        ck_assert_ptr_nonnull(s);
        bgp_pattr_as_path_string(&s->pa, path, sizeof(path));
        ck_assert_str_eq(path, want);
}

/* route-views6, cut at 1 MiB of bz2: peer 0 has no IPv6 route, so the default is peer 1,
 * 2001:200:e000::1000:3 (AS7660), with 8,153 prefixes (bgpdump -m: 8,153 lines). */
START_TEST(rib_slice_default_peer)
{
        ck_assert_int_eq(rsource_load_mrt(&t, MRT("routeviews6.rib.20260730.1400.first1MiB.bz2"),
                                          NULL, err, sizeof(err)),
                         0);
        ck_assert_ptr_nonnull(strstr(t.source, "peer 1 2001:200:e000::1000:3 AS7660"));
        ck_assert_uint_eq(rtable_prefix_count(&t), 8153);
        ck_assert_uint_eq(t.announced, 8153);
        ck_assert_ptr_nonnull(strstr(t.note, "cut short")); /* the bz2 stream ends mid-block */
        /* bgpdump: 2000:b70:25::/48 "7660 2516 3257 23520 262191", INCOMPLETE, 8 communities. */
        const struct rtable_set *s = set_of(&t, "2000:b70:25::/48");
        assert_path(s, "65001 7660 2516 3257 23520 262191");
        ck_assert_uint_eq(s->pa.origin, BGP_ORIGIN_INCOMPLETE);
        ck_assert_uint_eq(s->pa.n_communities, 8);
        ck_assert(!(s->pa.has & BGP_PA_NEXT_HOP)); /* the session sets it */
        assert_path(set_of(&t, "2001:270:ff00::/41"), "65001 7660 2516 6453 3786 3786");
        /* Prefixes of one set are sent together: fewer steps than prefixes. */
        ck_assert_uint_lt(t.n_steps, 8153);
        ck_assert_uint_eq(t.n_steps, t.n_sets);
}
END_TEST

START_TEST(rib_slice_peer_by_address_and_index)
{
        ck_assert_int_eq(rsource_load_mrt(&t, MRT("routeviews6.rib.20260730.1400.first1MiB.bz2"),
                                          "2406:840:feed:2::1", err, sizeof(err)),
                         0);
        ck_assert_uint_eq(rtable_prefix_count(&t), 10951); /* bgpdump: 10,951 */
        rtable_free(&t);
        setup();
        ck_assert_int_eq(rsource_load_mrt(&t, MRT("routeviews6.rib.20260730.1400.first1MiB.bz2"),
                                          "1", err, sizeof(err)),
                         0);
        ck_assert_uint_eq(rtable_prefix_count(&t), 8153);
        rtable_free(&t);
        setup();
        ck_assert_int_ne(rsource_load_mrt(&t, MRT("routeviews6.rib.20260730.1400.first1MiB.bz2"),
                                          "999", err, sizeof(err)),
                         0);
        ck_assert_ptr_nonnull(strstr(err, "PEER_INDEX_TABLE"));
}
END_TEST

/* One RIB record of 69,700 bytes whose entries carry a whole MP_REACH_NLRI (4 KB of NLRI
 * each): the table is the record's one prefix. */
START_TEST(rib_64k_record_full_mp_reach)
{
        ck_assert_int_eq(rsource_load_mrt(&t,
                                          MRT("ris.bview.20180919.0800.one-prefix-64k-record.gz"),
                                          NULL, err, sizeof(err)),
                         0);
        ck_assert_uint_eq(rtable_prefix_count(&t), 1);
        ck_assert_uint_eq(t.skipped_invalid, 0);
        ck_assert_ptr_nonnull(set_of(&t, "2001:579:1040::/46"));
        rtable_free(&t);
        setup();
        /* 193.0.0.56 (AS3333): bgpdump "3333 2914 22773", IGP, 4 communities. */
        ck_assert_int_eq(rsource_load_mrt(&t,
                                          MRT("ris.bview.20180919.0800.one-prefix-64k-record.gz"),
                                          "193.0.0.56", err, sizeof(err)),
                         0);
        const struct rtable_set *s = set_of(&t, "2001:579:1040::/46");
        assert_path(s, "65001 3333 2914 22773");
        ck_assert_uint_eq(s->pa.n_communities, 4);
}
END_TEST

/* RIS rrc06 BGP4MP: the first peer announcing IPv6 is 2001:200:0:fe00::6249:0; bgpdump
 * shows it with 275 announcements of 47 prefixes and 16 withdrawals. */
START_TEST(bgp4mp_one_peer_in_order)
{
        ck_assert_int_eq(
            rsource_load_mrt(&t, MRT("ris-rrc06.updates.20150401.0000.gz"), NULL, err, sizeof(err)),
            0);
        ck_assert_ptr_nonnull(strstr(t.source, "BGP4MP peer 2001:200:0:fe00::6249:0"));
        ck_assert_uint_eq(t.announced, 275);
        ck_assert_uint_eq(t.withdrawn, 16);
        ck_assert_uint_eq(rtable_prefix_count(&t), 47);
        /* In file order: the first UPDATE announces 2a02:2158::/32 with this path. */
        ck_assert_int_eq(t.steps[0].kind, RSTEP_ANNOUNCE);
        char text[64];
        bgp_prefix_format(&t.pfx[t.steps[0].first], text, sizeof(text));
        ck_assert_str_eq(text, "2a02:2158::/32");
        char path[256];
        bgp_pattr_as_path_string(&t.sets[t.steps[0].set].pa, path, sizeof(path));
        ck_assert_str_eq(path, "65001 25152 2497 4725 6939 13237 35226");
}
END_TEST

/* A whole IPv4 table in BGP4MP_ET: bgpdump counts 577,706 distinct prefixes; one UPDATE is
 * a session reset under RFC 7606 (lbgp-decode --summary says so) and is not replayed. */
START_TEST(bgp4mp_et_ipv4_burst)
{
        rtable_free(&t);
        rtable_init(&t, LOCAL_AS, BGP_FAMILY_IPV4_UNICAST);
        ck_assert_int_eq(
            rsource_load_mrt(&t, MRT("bgp4mp-et.updates.20151023.ipv4-full-table-burst.gz"), NULL,
                             err, sizeof(err)),
            0);
        ck_assert_uint_eq(t.skipped_invalid, 1);
        ck_assert_uint_eq(rtable_prefix_count(&t), 577702);
        ck_assert_uint_eq(t.fam[0].afi, BGP_AFI_IPV4);
}
END_TEST

START_TEST(bgp4mp_families_filter)
{
        /* IPv4 unicast only: the default is then the first peer announcing IPv4. */
        rtable_free(&t);
        rtable_init(&t, LOCAL_AS, BGP_FAMILY_IPV4_UNICAST);
        ck_assert_int_eq(
            rsource_load_mrt(&t, MRT("ris-rrc06.updates.20150401.0000.gz"), NULL, err, sizeof(err)),
            0);
        ck_assert_uint_eq(t.n_fam, 1);
        ck_assert_uint_eq(t.fam[0].afi, BGP_AFI_IPV4);
}
END_TEST

/* The generator gives exactly the prefixes of the ipasn file. */
START_TEST(generator_whole_ipasn)
{
        ck_assert_int_eq(rsource_load_generated(&t, TGEN_DEFAULT_IPASN, 7, 64999, err, sizeof(err)),
                         0);
        ck_assert_uint_eq(rtable_prefix_count(&t), 258956);
        ck_assert_uint_eq(t.announced, 258956);
        for (size_t i = 0; i < t.n_sets; i += 997)
                ck_assert_uint_eq(bgp_pattr_first_as(&t.sets[i].pa), LOCAL_AS);
        /* The second AS is the generator's first AS. */
        char path[64];
        bgp_pattr_as_path_string(&t.sets[0].pa, path, sizeof(path));
        ck_assert_int_eq(strncmp(path, "65001 64999", 11), 0);
}
END_TEST

static const char *write_tmp(const char *text)
{
        static char name[64];
        snprintf(name, sizeof(name), "/tmp/check_replay_%d.txt", (int)getpid());
        FILE *f = fopen(name, "w");
        ck_assert_ptr_nonnull(f);
        fputs(text, f);
        fclose(f);
        return name;
}

START_TEST(prefix_file)
{
        const char *f = write_tmp("# a comment\n2001:db8::/32\n\n  2001:db8:1::/48  # trailing\n"
                                  "192.0.2.0/24\n2001:db8:2::/48\n2001:db8::/32\n");
        ck_assert_int_eq(rsource_load_prefixes(&t, f, "64500 64501", err, sizeof(err)), 0);
        ck_assert_uint_eq(t.announced, 4);
        ck_assert_uint_eq(rtable_prefix_count(&t), 3); /* one repeated */
        ck_assert_uint_eq(t.skipped_family, 1);        /* the IPv4 one */
        ck_assert_uint_eq(t.n_sets, 1);
        assert_path(&t.sets[0], "65001 64500 64501");
        ck_assert_uint_eq(t.sets[0].pa.origin, BGP_ORIGIN_IGP);
        /* The spec loader finds it is not MRT. */
        rtable_free(&t);
        setup();
        struct rsource_opts o = {.path = ""};
        ck_assert_int_eq(rsource_load_spec(&t, f, &o, err, sizeof(err)), 0);
        assert_path(&t.sets[0], "65001");
        rtable_free(&t);
        setup();
        f = write_tmp("2001:db8::/32\nnot-a-prefix\n");
        ck_assert_int_ne(rsource_load_prefixes(&t, f, NULL, err, sizeof(err)), 0);
        ck_assert_ptr_nonnull(strstr(err, ":2: not a prefix"));
        ck_assert_int_ne(rsource_load_prefixes(&t, f, "64500 x", err, sizeof(err)), 0);
        unlink(f);
}
END_TEST

START_TEST(diff_of_two_tables)
{
        struct rtable b;
        struct rtable_family d[RTABLE_MAX_FAMILIES];
        size_t n;
        const char *f = write_tmp("2001:db8:1::/48\n2001:db8:2::/48\n2001:db8:3::/48\n");
        ck_assert_int_eq(rsource_load_prefixes(&t, f, NULL, err, sizeof(err)), 0);
        rtable_init(&b, LOCAL_AS, BGP_FAMILY_IPV6_UNICAST);
        f = write_tmp("2001:db8:3::/48\n2001:db8:2::/48\n2001:db8:4::/48\n");
        ck_assert_int_eq(rsource_load_prefixes(&b, f, NULL, err, sizeof(err)), 0);
        unlink(f);
        ck_assert_int_eq(rtable_diff(&t, &b, d, &n), 0);
        ck_assert_uint_eq(n, 1);
        ck_assert_uint_eq(d[0].n, 1);
        char text[64];
        bgp_prefix_format(&d[0].pfx[0], text, sizeof(text));
        ck_assert_str_eq(text, "2001:db8:1::/48");
        rtable_families_free(d, n);
        rtable_free(&b);
}
END_TEST

int main(void)
{
        Suite *s = suite_create("replay_sources");
        TCase *tc = tcase_create("sources");
        tcase_add_checked_fixture(tc, setup, teardown);
        tcase_set_timeout(tc, 100);
        tcase_add_test(tc, rib_slice_default_peer);
        tcase_add_test(tc, rib_slice_peer_by_address_and_index);
        tcase_add_test(tc, rib_64k_record_full_mp_reach);
        tcase_add_test(tc, bgp4mp_one_peer_in_order);
        tcase_add_test(tc, bgp4mp_et_ipv4_burst);
        tcase_add_test(tc, bgp4mp_families_filter);
        tcase_add_test(tc, generator_whole_ipasn);
        tcase_add_test(tc, prefix_file);
        tcase_add_test(tc, diff_of_two_tables);
        suite_add_tcase(s, tc);
        SRunner *sr = srunner_create(s);
        srunner_run_all(sr, CK_NORMAL);
        int failed = srunner_ntests_failed(sr);
        srunner_free(sr);
        return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
