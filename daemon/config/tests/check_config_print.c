/* check_config_print.c - "show running-config": FRR's order and syntax, golden files, and
 * print -> parse -> print as a fixed point. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "testutil_config.h"

static struct config *parse_ok(const char *name, const char *text)
{
        struct config *cfg;
        char *diags;
        ck_assert_msg(tu_parse(name, text, &cfg, &diags) == CONFIG_OK, "%s", diags);
        free(diags);
        return cfg;
}

/* print(parse(text)) parses back to an equal configuration, whose print is the same. */
static char *assert_fixed_point(const char *name, const char *text)
{
        struct config *a = parse_ok(name, text);
        char *p1 = tu_print(a);
        struct config *b = parse_ok("printed", p1);
        ck_assert_msg(config_equal(a, b), "%s: the print parses to something else:\n%s", name, p1);
        char *p2 = tu_print(b);
        ck_assert_str_eq(p1, p2);
        config_free(a);
        config_free(b);
        free(p2);
        return p1;
}

static void assert_golden(const char *conf, const char *golden)
{
        char *text = tu_read(conf, NULL);
        char *want = tu_read(golden, NULL);
        char *got = assert_fixed_point(conf, text);
        ck_assert_str_eq(got, want);
        free(got);
        free(want);
        free(text);
}

START_TEST(seed_golden)
{
        assert_golden("frr.conf", "frr.conf.print");
}
END_TEST

START_TEST(indented_seed_prints_the_same)
{
        assert_golden("seed-indented.conf", "frr.conf.print");
}
END_TEST

START_TEST(rich_golden)
{
        assert_golden("rich.conf", "rich.conf.print");
}
END_TEST

START_TEST(text_that_needs_quotes)
{
        /* Whatever a description or regular expression holds, it prints so that it reads
         * back the same; so does a one-word setting such as a password. */
        static const char *const texts[] = {
            "plain words",
            "\"  two  spaces \"",
            "\"\\\"quoted\\\"\"",
            "\"\"",
            "!bang",
            "a\"b",
            "\"back\\\\slash\"",
            "# hash",
        };
        static const char *const words[] = {"plain", "\"two words\"", "\"\\\"q\"", "\"\"", "!x"};
        for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
                char conf[256];
                snprintf(conf, sizeof(conf),
                         "route-map RM permit 10\ndescription %s\n"
                         "bgp as-path access-list A permit %s\n",
                         texts[i], texts[i]);
                free(assert_fixed_point("q.conf", conf));
        }
        for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
                char conf[256];
                snprintf(conf, sizeof(conf),
                         "hostname %s\nrouter bgp 1\nneighbor 192.0.2.1 remote-as 2\n"
                         "neighbor 192.0.2.1 password %s\n",
                         words[i], words[i]);
                free(assert_fixed_point("w.conf", conf));
        }
}
END_TEST

START_TEST(empty_configuration)
{
        char *p = assert_fixed_point("e.conf", "");
        ck_assert_str_eq(p, "!\nend\n");
        free(p);
}
END_TEST

START_TEST(canonical_forms)
{
        /* Null0 is blackhole, auto seq numbers are written out, asdot prints as asplain,
         * and well-known communities by name. */
        struct config *cfg = parse_ok("c.conf", "ipv6 route 2001:db8::/32 Null0\n"
                                                "ip prefix-list L permit any\n"
                                                "router bgp 1.1\n"
                                                "route-map R permit 1\n"
                                                "set community 65535:65281 0:0\n");
        char *p = tu_print(cfg);
        ck_assert_str_eq(p, "!\n"
                            "ipv6 route 2001:db8::/32 blackhole\n"
                            "!\n"
                            "router bgp 65537\n"
                            "exit\n"
                            "!\n"
                            "ip prefix-list L seq 5 permit any\n"
                            "!\n"
                            "route-map R permit 1\n"
                            " set community no-export 0:0\n"
                            "exit\n"
                            "!\n"
                            "end\n");
        free(p);
        config_free(cfg);
}
END_TEST

int main(void)
{
        Suite *s = suite_create("config_print");
        TCase *tc = tcase_create("print");
        tcase_add_test(tc, seed_golden);
        tcase_add_test(tc, indented_seed_prints_the_same);
        tcase_add_test(tc, rich_golden);
        tcase_add_test(tc, text_that_needs_quotes);
        tcase_add_test(tc, empty_configuration);
        tcase_add_test(tc, canonical_forms);
        suite_add_tcase(s, tc);
        return tu_run_suite(s);
}
