/* check_config_values.c - typed words (value.c), the arena, and the figures the lints
 * rely on: libbgp's community names and today's IPv6 table size. */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "arena.h"
#include "testutil_config.h"
#include "value.h"

START_TEST(numbers)
{
        uint32_t v;
        ck_assert(value_u32("0", 0, 10, &v) && v == 0);
        ck_assert(value_u32("4294967295", 0, UINT32_MAX, &v) && v == UINT32_MAX);
        ck_assert(!value_u32("4294967296", 0, UINT32_MAX, &v));
        ck_assert(!value_u32("", 0, 10, &v));
        ck_assert(!value_u32("+5", 0, 10, &v));
        ck_assert(!value_u32("-1", 0, 10, &v));
        ck_assert(!value_u32("5x", 0, 10, &v));
        ck_assert(!value_u32("11", 0, 10, &v));
        ck_assert(value_u32("007", 0, 10, &v) && v == 7);
}
END_TEST

START_TEST(prefixes)
{
        struct bgp_prefix p;
        bool host;
        char buf[64];
        ck_assert(value_prefix("2a06:9801:1c::/48", BGP_AFI_IPV6, &p, &host) && !host);
        ck_assert_uint_eq(p.len, 48);
        ck_assert(!value_prefix("2a06:9801:1c::/48", BGP_AFI_IPV4, &p, &host));
        ck_assert(!value_prefix("10.0.0.0/8", BGP_AFI_IPV6, &p, &host));
        ck_assert(!value_prefix("10.0.0.0/33", BGP_AFI_IPV4, &p, &host));
        ck_assert(!value_prefix("::/129", BGP_AFI_IPV6, &p, &host));
        ck_assert(!value_prefix("::/+8", BGP_AFI_IPV6, &p, &host));
        ck_assert(!value_prefix("::", BGP_AFI_IPV6, &p, &host));
        ck_assert(!value_prefix("/8", BGP_AFI_IPV6, &p, &host));
        ck_assert(value_prefix("10.1.2.3/8", BGP_AFI_IPV4, &p, &host) && host);
        bgp_prefix_format(&p, buf, sizeof(buf));
        ck_assert_str_eq(buf, "10.0.0.0/8");
        ck_assert(value_prefix("2001:db8::100/120", BGP_AFI_IPV6, &p, &host) && !host);
        ck_assert(value_prefix("2001:db8::1ff/119", BGP_AFI_IPV6, &p, &host) && host);
        bgp_prefix_format(&p, buf, sizeof(buf));
        ck_assert_str_eq(buf, "2001:db8::/119");
}
END_TEST

START_TEST(as_numbers)
{
        uint32_t v;
        ck_assert(value_asn("201379", &v) && v == 201379);
        ck_assert(value_asn("3.10", &v) && v == (3u << 16 | 10));
        ck_assert(value_asn("0.1", &v) && v == 1);
        ck_assert(!value_asn("0", &v));
        ck_assert(!value_asn("0.0", &v));
        ck_assert(!value_asn("65536.0", &v));
        ck_assert(!value_asn("1.2.3", &v));
        ck_assert(!value_asn("AS65000", &v));
}
END_TEST

START_TEST(communities)
{
        uint32_t c;
        char buf[32];
        ck_assert(value_community("34927:9501", &c) && c == (34927u << 16 | 9501));
        ck_assert(value_community("no-export", &c) && c == 0xFFFFFF01u);
        ck_assert(!value_community("65536:1", &c));
        ck_assert(!value_community("1:65536", &c));
        ck_assert(!value_community("1", &c));
        ck_assert(!value_community("no-exports", &c));
        value_community_format(0xFFFF029Au, buf, sizeof(buf));
        ck_assert_str_eq(buf, "blackhole");
        value_community_format(65000u << 16 | 1, buf, sizeof(buf));
        ck_assert_str_eq(buf, "65000:1");

        struct config_large_community lc;
        ck_assert(value_large_community("4294967295:0:1", &lc));
        ck_assert_uint_eq(lc.global, UINT32_MAX);
        ck_assert(!value_large_community("1:2", &lc));
        ck_assert(!value_large_community("1:2:3:4", &lc));
        ck_assert(!value_large_community("1::3", &lc));
}
END_TEST

START_TEST(community_names_agree_with_libbgp)
{
        /* We read names, libbgp prints them: the two tables must say the same. */
        const char *const *names;
        const uint32_t *values;
        size_t n = value_community_names(&names, &values);
        ck_assert_uint_gt(n, 10);
        for (size_t i = 0; i < n; i++) {
                const char *lib = bgp_community_name(values[i]);
                ck_assert_msg(lib != NULL && strcmp(lib, names[i]) == 0, "%s", names[i]);
        }
}
END_TEST

START_TEST(interface_names)
{
        ck_assert(value_ifname("gre0"));
        ck_assert(value_ifname("vtnet0.100"));
        ck_assert(value_ifname("bastille0"));
        ck_assert(!value_ifname("0gre"));
        ck_assert(!value_ifname("tag"));
        ck_assert(!value_ifname("blackhole"));
        ck_assert(!value_ifname("a/b"));
        ck_assert(!value_ifname("averyveryverylongname0"));
}
END_TEST

START_TEST(arena_arrays)
{
        struct config_arena *a = config_arena_new();
        uint32_t *v = NULL;
        size_t n = 0;
        for (uint32_t i = 0; i < 1000; i++) {
                ck_assert_ptr_nonnull(ARENA_GROW(a, v, n));
                /* Insert at the front every other time: order must come out right. */
                size_t at = i % 2 ? 0 : n;
                *(uint32_t *)config_array_open(v, &n, sizeof(*v), at) = i;
        }
        ck_assert_uint_eq(n, 1000);
        ck_assert_uint_eq(v[0], 999);
        ck_assert_uint_eq(v[999], 998);
        char *big = config_arena_alloc(a, 100000);
        ck_assert_ptr_nonnull(big);
        memset(big, 1, 100000);
        ck_assert_str_eq(config_arena_strndup(a, "abcdef", 3), "abc");
        config_arena_free(a);
}
END_TEST

START_TEST(ipv6_table_size_matches_the_data)
{
        /* CONFIG_IPV6_TABLE_SIZE is the count of the route-views6 file shipped in
         * shared/data; when the file is here, count it again. */
        gzFile gz = gzopen(CONFIG_SHARED "/data/mrt/routeviews6.ipasn6.20260730.dat.gz", "rb");
        if (gz == NULL)
                return;
        char line[256];
        uint32_t n = 0;
        while (gzgets(gz, line, sizeof(line)) != NULL)
                if (line[0] != ';' && line[0] != '\n')
                        n++;
        gzclose(gz);
        ck_assert_uint_eq(n, CONFIG_IPV6_TABLE_SIZE);
}
END_TEST

int main(void)
{
        Suite *s = suite_create("config_values");
        TCase *tc = tcase_create("values");
        tcase_add_test(tc, numbers);
        tcase_add_test(tc, prefixes);
        tcase_add_test(tc, as_numbers);
        tcase_add_test(tc, communities);
        tcase_add_test(tc, community_names_agree_with_libbgp);
        tcase_add_test(tc, interface_names);
        tcase_add_test(tc, arena_arrays);
        tcase_add_test(tc, ipv6_table_size_matches_the_data);
        suite_add_tcase(s, tc);
        return tu_run_suite(s);
}
