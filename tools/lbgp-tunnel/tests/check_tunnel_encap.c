/*
 * check_tunnel_encap.c - the MTU and MSS arithmetic (encap.c) and the clamp lines that
 * come from it (clamp.c).
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "clamp.h"
#include "encap.h"
#include "tunnel_test.h"

static const struct {
        enum tunnel_kind kind;
        bool key;
        uint32_t overhead, inner_1500, mss_1500;
} kinds[] = {
    /* IPv4 20 (RFC 791) */
    {TUNNEL_KIND_SIT, false, 20, 1480, 1420},
    {TUNNEL_KIND_SIT, true, 20, 1480, 1420}, /* a key means nothing to sit */
    /* IPv4 20 + GRE 4 (RFC 2784), + key 4 (RFC 2890) */
    {TUNNEL_KIND_GRE, false, 24, 1476, 1416},
    {TUNNEL_KIND_GRE, true, 28, 1472, 1412},
    /* IPv6 40 (RFC 8200) + GRE 4, + key 4; no RFC 2473 encapsulation limit option */
    {TUNNEL_KIND_IP6GRE, false, 44, 1456, 1396},
    {TUNNEL_KIND_IP6GRE, true, 48, 1452, 1392},
};

START_TEST(overheads)
{
        struct encap_overhead o = encap_overhead(kinds[_i].kind, kinds[_i].key);
        uint32_t inner = encap_inner_mtu(kinds[_i].kind, kinds[_i].key, 1500);

        ck_assert_uint_eq(o.total, kinds[_i].overhead);
        ck_assert_uint_eq(o.total, o.delivery + o.gre);
        ck_assert_uint_eq(inner, kinds[_i].inner_1500);
        ck_assert_uint_eq(encap_mss_ipv6(inner), kinds[_i].mss_1500);
}
END_TEST

START_TEST(edges)
{
        /* The smallest outer MTU that still gives IPv6 its 1280. */
        ck_assert_uint_eq(encap_inner_mtu(TUNNEL_KIND_SIT, false, 1300), 1280);
        ck_assert_uint_eq(encap_inner_mtu(TUNNEL_KIND_IP6GRE, true, 1328), 1280);
        ck_assert_uint_eq(encap_mss_ipv6(1280), 1220);
        /* Nothing fits: 0, never a wrapped-around number. */
        ck_assert_uint_eq(encap_inner_mtu(TUNNEL_KIND_GRE, false, 24), 0);
        ck_assert_uint_eq(encap_inner_mtu(TUNNEL_KIND_GRE, false, 10), 0);
        ck_assert_uint_eq(encap_mss_ipv6(60), 0);
        ck_assert_uint_eq(encap_overhead(TUNNEL_KIND_EXTERNAL, false).total, 0);
        /* Jumbo frames. */
        ck_assert_uint_eq(encap_mss_ipv6(encap_inner_mtu(TUNNEL_KIND_SIT, false, 9000)), 8920);
}
END_TEST

START_TEST(pf_and_nft_lines)
{
        char buf[1024];

        clamp_pf("gif0", 1420, buf, sizeof(buf));
        ck_assert_str_eq(buf, "scrub on gif0 max-mss 1420\n");
        clamp_nft("tun-vps", 1396, buf, sizeof(buf));
        ck_assert_str_eq(buf, "table inet lbgp_tunnel {\n"
                              "\tchain mss_tun_vps {\n"
                              "\t\ttype filter hook forward priority mangle; policy accept;\n"
                              "\t\toifname \"tun-vps\" tcp flags syn tcp option maxseg size > 1396 "
                              "tcp option maxseg size set 1396\n"
                              "\t\tiifname \"tun-vps\" tcp flags syn tcp option maxseg size > 1396 "
                              "tcp option maxseg size set 1396\n"
                              "\t}\n"
                              "}\n");
}
END_TEST

START_TEST(seed_router_report)
{
        struct tunnel_conf c;
        char *diags, buf[2048];
        int n;

        ck_assert_int_eq(tt_parse_example("router01-vps01.conf", &c, &diags), TCONF_OK);
        n = clamp_report(&c, buf, sizeof(buf));
        ck_assert_int_gt(n, 0);
        ck_assert_uint_eq((size_t)n, strlen(buf));
        ck_assert_ptr_nonnull(strstr(buf,
                                     "# gif0: sit, outer MTU 1500 - 20 (IPv4 header 20) = "
                                     "1480\n# IPv6 TCP MSS: 1480 - 40 (IPv6 header) - 20 (TCP "
                                     "header) = 1420\n# pf.conf:\nscrub on gif0 max-mss 1420\n"));
        ck_assert_ptr_nonnull(strstr(buf, "oifname \"gif0\" tcp flags syn tcp option maxseg size > "
                                          "1420 tcp option maxseg size set 1420\n"));
        free(diags);
}
END_TEST

START_TEST(report_needs_an_mtu)
{
        struct tunnel_conf c;
        char *diags, buf[2048];

        ck_assert_int_eq(tt_parse("tunnel veth0\nkind external\nlink 2001:db8:300::/64\n"
                                  "address 2001:db8:300::2 peer 2001:db8:300::1\n",
                                  &c, &diags),
                         TCONF_OK);
        ck_assert_int_eq(clamp_report(&c, buf, sizeof(buf)), -1);
        free(diags);
        ck_assert_int_eq(tt_parse("tunnel veth0\nkind external\nmtu 1420\nlink 2001:db8:300::/64\n"
                                  "address 2001:db8:300::2 peer 2001:db8:300::1\n",
                                  &c, &diags),
                         TCONF_OK);
        ck_assert_int_gt(clamp_report(&c, buf, sizeof(buf)), 0);
        ck_assert_ptr_nonnull(strstr(buf, "scrub on veth0 max-mss 1360\n"));
        free(diags);
}
END_TEST

static Suite *suite(void)
{
        Suite *s = suite_create("tunnel_encap");
        TCase *tc = tcase_create("encap");

        tcase_add_loop_test(tc, overheads, 0, (int)(sizeof(kinds) / sizeof(kinds[0])));
        tcase_add_test(tc, edges);
        tcase_add_test(tc, pf_and_nft_lines);
        tcase_add_test(tc, seed_router_report);
        tcase_add_test(tc, report_needs_an_mtu);
        suite_add_tcase(s, tc);
        return s;
}

int main(void)
{
        return tt_run_suite(suite());
}
