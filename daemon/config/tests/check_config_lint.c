/* check_config_lint.c - the warnings of "lbgpd -n": exactly the expected set on the seed
 * (data/frr.conf.lint), and each lint on a configuration made to trip it or to pass it. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "testutil_config.h"

static char *lint_named(const char *name, const char *text)
{
        struct config *cfg;
        char *diags;
        ck_assert_msg(tu_parse(name, text, &cfg, &diags) == CONFIG_OK, "%s", diags);
        ck_assert_str_eq(diags, "");
        free(diags);
        char *lints = tu_lint(cfg);
        config_free(cfg);
        return lints;
}

static char *lint_of(const char *text)
{
        return lint_named("l.conf", text);
}

/* Each line of the lints starts with the corresponding expected text, and there are as
 * many lines as expected texts. */
static void assert_lints(const char *text, const char *const *want, size_t n)
{
        char *lints = lint_of(text);
        char *line = lints;
        for (size_t i = 0; i < n; i++) {
                char *nl = strchr(line, '\n');
                ck_assert_msg(nl != NULL, "lint %zu missing; got:\n%s", i, lints);
                ck_assert_msg(strncmp(line, want[i], strlen(want[i])) == 0,
                              "lint %zu:\n got: %.*s\nwant: %s...", i, (int)(nl - line), line,
                              want[i]);
                line = nl + 1;
        }
        ck_assert_msg(*line == '\0', "more lints than expected:\n%s", line);
        free(lints);
}

#define ASSERT_LINTS(text, ...)                                                                    \
        do {                                                                                       \
                static const char *const want_[] = {__VA_ARGS__};                                  \
                assert_lints((text), want_, sizeof(want_) / sizeof(want_[0]));                     \
        } while (0)

START_TEST(seed_golden)
{
        /* 18 PL-BOGONS entries that stop only their exact prefix, and both upstreams'
         * maximum-prefix below today's IPv6 table.  Not: ttl-security (present), own prefix
         * inbound (seq 100 denies it, and seq 105 and "le 48" its more-specifics), route
         * leak (PL-MY-NET holds both outbound maps), blackhole (present). */
        char *text = tu_read("frr.conf", NULL);
        char *want = tu_read("frr.conf.lint", NULL);
        char *got = lint_named("frr.conf", text);
        ck_assert_str_eq(got, want);
        free(got);
        free(want);
        free(text);
}
END_TEST

START_TEST(clean_configuration)
{
        char *lints = lint_of("ipv6 route 2001:db8:1::/48 blackhole\n"
                              "ipv6 prefix-list OWN seq 5 permit 2001:db8:1::/48\n"
                              "ipv6 prefix-list IN seq 5 deny 2001:db8:1::/48 le 128\n"
                              "ipv6 prefix-list IN seq 10 deny fc00::/7 le 128\n"
                              "ipv6 prefix-list IN seq 15 permit ::/0 le 48\n"
                              "router bgp 65000\n"
                              "no bgp default ipv4-unicast\n"
                              "neighbor 2001:db8::1 remote-as 65001\n"
                              "neighbor 2001:db8::1 ttl-security hops 1\n"
                              "neighbor 2001:db8::9 remote-as 65000\n"
                              "address-family ipv6 unicast\n"
                              "network 2001:db8:1::/48\n"
                              "neighbor 2001:db8::1 activate\n"
                              "neighbor 2001:db8::1 prefix-list IN in\n"
                              "neighbor 2001:db8::1 prefix-list OWN out\n"
                              "neighbor 2001:db8::1 maximum-prefix 400000\n"
                              "neighbor 2001:db8::9 activate\n");
        ck_assert_str_eq(lints, "");
        free(lints);
}
END_TEST

static const char base[] = "router bgp 65000\n"
                           "no bgp default ipv4-unicast\n"
                           "neighbor 2001:db8::1 remote-as 65001\n"
                           "neighbor 2001:db8::1 ttl-security hops 1\n"
                           "address-family ipv6 unicast\n"
                           "network 2001:db8:1::/48\n"
                           "neighbor 2001:db8::1 activate\n";

START_TEST(bare_neighbor)
{
        ASSERT_LINTS(base,
                     "l.conf:3:1: warning: eBGP neighbor 2001:db8::1 has no outbound policy in "
                     "ipv6 unicast: with ebgp-requires-policy (FRR's default) nothing is "
                     "announced to it; add 'neighbor 2001:db8::1 route-map NAME out' that "
                     "permits our own prefixes",
                     "l.conf:6:1: warning: network 2001:db8:1::/48 has no covering blackhole or "
                     "reject route: traffic for the unused parts of it follows the default route "
                     "back upstream and loops",
                     "l.conf:7:1: warning: eBGP neighbor 2001:db8::1 has no inbound filter in "
                     "ipv6 unicast (route-map, prefix-list or filter-list in): with "
                     "ebgp-requires-policy (FRR's default) no route from it is accepted at all",
                     "l.conf:7:1: warning: eBGP neighbor 2001:db8::1 has no maximum-prefix in "
                     "ipv6 unicast: nothing stops a leak");
}
END_TEST

START_TEST(leak_and_max_prefix_band)
{
        char text[2048];
        snprintf(text, sizeof(text),
                 "ipv6 route 2001:db8::/32 reject\n"
                 "ipv6 prefix-list OWN seq 5 permit 2001:db8:1::/48\n"
                 "ipv6 prefix-list IN seq 5 deny 2001:db8:1::/48 le 128\n"
                 "ipv6 prefix-list IN seq 10 permit ::/0 le 48\n"
                 "route-map OUT permit 10\n"
                 "match ipv6 address prefix-list OWN\n"
                 "route-map OUT permit 20\n"
                 "set metric 5\n"
                 "%s"
                 "neighbor 2001:db8::1 prefix-list IN in\n"
                 "neighbor 2001:db8::1 route-map OUT out\n"
                 "neighbor 2001:db8::1 maximum-prefix 290000\n",
                 base);
        ASSERT_LINTS(text,
                     "l.conf:17:1: warning: the outbound policy of eBGP neighbor 2001:db8::1 in "
                     "ipv6 unicast can announce routes that are not ours (route-map OUT permit 20 "
                     "has no match that holds it to our networks): that is a route leak; in every "
                     "permit entry match a prefix-list that permits only our own prefixes, such "
                     "as 'OWN'",
                     "l.conf:18:1: warning: neighbor 2001:db8::1 maximum-prefix 290000 (warning "
                     "at 75%, 217,500) is within 15% of the size of today's IPv6 table (258,956 "
                     "prefixes, RouteViews route-views6, 2026-07-30): ordinary table growth will "
                     "reach it and the session is torn down until it is cleared by hand; for a "
                     "full feed use at least 297,800 (the table plus 15%)");
}
END_TEST

START_TEST(restricted_outbound_forms)
{
        /* Outbound is held to our routes by: an own-prefix list, an as-path list of "^$"
         * only, a match that can never hold (undefined list, other family), or an
         * undefined route-map (FRR then denies everything). */
        static const char *const outs[] = {
            "neighbor 2001:db8::1 prefix-list OWN out\n",
            "neighbor 2001:db8::1 filter-list LOCAL out\n",
            "neighbor 2001:db8::1 route-map BY-ASPATH out\n",
            "neighbor 2001:db8::1 route-map BY-V4-LIST out\n",
            "neighbor 2001:db8::1 route-map UNDEFINED out\n",
        };
        for (size_t i = 0; i < sizeof(outs) / sizeof(outs[0]); i++) {
                char text[2048];
                snprintf(text, sizeof(text),
                         "ipv6 route 2001:db8:1::/48 blackhole\n"
                         "ipv6 prefix-list OWN seq 5 permit 2001:db8:1::/48 le 64\n"
                         "ip prefix-list V4 seq 5 permit any\n"
                         "bgp as-path access-list LOCAL permit ^$\n"
                         "route-map BY-ASPATH permit 10\nmatch as-path LOCAL\n"
                         "route-map BY-V4-LIST permit 10\nmatch ip address prefix-list V4\n"
                         "route-map IN permit 10\nmatch ipv6 address prefix-list OWN\n"
                         "%s"
                         "neighbor 2001:db8::1 route-map IN in\n"
                         "neighbor 2001:db8::1 maximum-prefix 10\n%s",
                         base, outs[i]);
                /* IN permits only our own prefix: that lint is the one left. */
                char *lints = lint_of(text);
                ck_assert_msg(strstr(lints, "route leak") == NULL, "%zu: %s", i, lints);
                ck_assert_msg(strstr(lints, "accepts our own prefix 2001:db8:1::/48") != NULL,
                              "%zu: %s", i, lints);
                free(lints);
        }
}
END_TEST

START_TEST(own_prefix_inbound)
{
        /* A prefix-list that denies our /48 exactly, and a route-map whose deny entry
         * matches our own list exactly: both let our more-specifics in. */
        ASSERT_LINTS("ipv6 route 2001:db8:1::/48 blackhole\n"
                     "ipv6 prefix-list OWN seq 5 permit 2001:db8:1::/48\n"
                     "ipv6 prefix-list IN seq 5 deny 2001:db8:1::/48\n"
                     "ipv6 prefix-list IN seq 10 permit ::/0 le 64\n"
                     "route-map IN deny 10\n"
                     "match ipv6 address prefix-list OWN\n"
                     "route-map IN permit 20\n"
                     "router bgp 65000\n"
                     "no bgp default ipv4-unicast\n"
                     "neighbor 2001:db8::1 remote-as 65001\n"
                     "neighbor 2001:db8::1 ttl-security hops 1\n"
                     "neighbor 2001:db8::2 remote-as 65002\n"
                     "neighbor 2001:db8::2 ttl-security hops 1\n"
                     "address-family ipv6 unicast\n"
                     "network 2001:db8:1::/48\n"
                     "neighbor 2001:db8::1 activate\n"
                     "neighbor 2001:db8::1 prefix-list IN in\n"
                     "neighbor 2001:db8::1 prefix-list OWN out\n"
                     "neighbor 2001:db8::1 maximum-prefix 1000\n"
                     "neighbor 2001:db8::2 activate\n"
                     "neighbor 2001:db8::2 route-map IN in\n"
                     "neighbor 2001:db8::2 prefix-list OWN out\n"
                     "neighbor 2001:db8::2 maximum-prefix 1000\n",
                     "l.conf:3:1: warning: ipv6 prefix-list IN seq 5 deny 2001:db8:1::/48 has no "
                     "ge/le, so it denies only 2001:db8:1::/48 itself: its more-specifics (/49 to "
                     "/64, such as 2001:db8:1::/64) are accepted by seq 10 permit ::/0 le 64; to "
                     "deny the whole range write 'ipv6 prefix-list IN seq 5 deny 2001:db8:1::/48 "
                     "le 128'",
                     "l.conf:17:1: warning: the inbound policy of eBGP neighbor 2001:db8::1 "
                     "accepts 2001:db8:1::/49, a more-specific of our own 2001:db8:1::/48",
                     "l.conf:21:1: warning: the inbound policy of eBGP neighbor 2001:db8::2 "
                     "accepts 2001:db8:1::/49, a more-specific of our own 2001:db8:1::/48");
}
END_TEST

START_TEST(seed_without_own_deny)
{
        /* Taking seq 100 out of the seed lets our own /48 in from both upstreams. */
        char *text = tu_read("frr.conf", NULL);
        char *line = strstr(text, "ipv6 prefix-list PL-BOGONS seq 100 ");
        memset(line, ' ', (size_t)(strchr(line, '\n') - line));
        line[0] = '!';
        char *lints = lint_of(text);
        ck_assert_ptr_nonnull(strstr(lints, "l.conf:69:1: warning: the inbound policy of eBGP "
                                            "neighbor 2001:db8:300::1 accepts our own prefix "
                                            "2a06:9801:1c::/48"));
        ck_assert_ptr_nonnull(strstr(lints, "l.conf:74:1: warning: the inbound policy of eBGP "
                                            "neighbor 2001:db8:100::ff accepts our own prefix "
                                            "2a06:9801:1c::/48"));
        free(lints);
        free(text);
}
END_TEST

START_TEST(references_and_sessions)
{
        ASSERT_LINTS("ipv6 route 2001:db8:1::/48 blackhole\n"
                     "route-map IN permit 10\n"
                     "match ipv6 address prefix-list MISSING\n"
                     "match community NOCL\n"
                     "route-map OUT permit 10\n"
                     "match as-path LOCAL\n"
                     "bgp as-path access-list LOCAL permit ^$\n"
                     "router bgp 65000\n"
                     "no bgp ebgp-requires-policy\n"
                     "neighbor 192.0.2.9 remote-as 65000\n"
                     "neighbor 2001:db8::1 remote-as 65001\n"
                     "neighbor 2001:db8::2 remote-as 65002\n"
                     "neighbor 2001:db8::2 ebgp-multihop 2\n"
                     "neighbor 2001:db8::2 update-source 192.0.2.1\n"
                     "address-family ipv6 unicast\n"
                     "network 2001:db8:1::/48 route-map GONE\n"
                     "neighbor 2001:db8::1 activate\n"
                     "neighbor 2001:db8::1 route-map IN in\n"
                     "neighbor 2001:db8::1 route-map OUT out\n"
                     "neighbor 2001:db8::1 prefix-list NOPE out\n"
                     "neighbor 2001:db8::1 maximum-prefix 100000\n"
                     "neighbor 2001:db8::2 soft-reconfiguration inbound\n",
                     "l.conf:3:1: warning: ipv6 prefix-list MISSING is not defined: route-map IN "
                     "permit 10 never matches",
                     "l.conf:4:1: warning: community-list NOCL is not defined: route-map IN "
                     "permit 10 never matches",
                     /* 2001:db8::1 is also active in IPv4 unicast (bgp default ipv4-unicast). */
                     "l.conf:11:1: warning: eBGP neighbor 2001:db8::1 has no ttl-security",
                     "l.conf:11:1: warning: eBGP neighbor 2001:db8::1 has no inbound filter in "
                     "ipv4 unicast (route-map, prefix-list or filter-list in): every route it "
                     "sends is accepted",
                     "l.conf:11:1: warning: eBGP neighbor 2001:db8::1 has no maximum-prefix in "
                     "ipv4 unicast",
                     "l.conf:11:1: warning: the outbound policy of eBGP neighbor 2001:db8::1 in "
                     "ipv4 unicast can announce routes that are not ours (there is no outbound "
                     "filter at all)",
                     "l.conf:12:1: warning: neighbor 2001:db8::2 is an IPv6 address but its "
                     "update-source is IPv4",
                     "l.conf:12:1: warning: eBGP neighbor 2001:db8::2 has no inbound filter in "
                     "ipv4 unicast",
                     "l.conf:12:1: warning: eBGP neighbor 2001:db8::2 has no maximum-prefix in "
                     "ipv4 unicast",
                     "l.conf:12:1: warning: the outbound policy of eBGP neighbor 2001:db8::2 in "
                     "ipv4 unicast can announce routes that are not ours",
                     "l.conf:13:1: warning: multihop eBGP neighbor 2001:db8::2 has neither "
                     "ttl-security",
                     "l.conf:16:1: warning: route-map GONE is not defined: the network is not "
                     "announced",
                     "l.conf:20:1: warning: ipv6 prefix-list NOPE is not defined: every route to "
                     "neighbor 2001:db8::1 is denied (out)",
                     "l.conf:22:1: warning: neighbor 2001:db8::2 is not activated in "
                     "address-family ipv6 unicast, so its settings there have no effect");
}
END_TEST

START_TEST(max_prefix_outside_the_band)
{
        /* Far below the table (a partial feed) or comfortably above it: no warning. */
        static const char *const limits[] = {"100", "200000", "297800", "1000000"};
        for (size_t i = 0; i < sizeof(limits) / sizeof(limits[0]); i++) {
                char text[1024];
                snprintf(text, sizeof(text),
                         "ipv6 route 2001:db8:1::/48 blackhole\n"
                         "ipv6 prefix-list OWN seq 5 permit 2001:db8:1::/48\n"
                         "%s"
                         "neighbor 2001:db8::1 prefix-list OWN in\n"
                         "neighbor 2001:db8::1 prefix-list OWN out\n"
                         "neighbor 2001:db8::1 maximum-prefix %s\n",
                         base, limits[i]);
                char *lints = lint_of(text);
                ck_assert_msg(strstr(lints, "maximum-prefix") == NULL, "%s: %s", limits[i], lints);
                free(lints);
        }
}
END_TEST

START_TEST(table_size_option)
{
        /* The table size is an option (the daemon may learn a newer one). */
        char *text = tu_read("frr.conf", NULL);
        struct config *cfg;
        char *diags;
        ck_assert_int_eq(tu_parse("frr.conf", text, &cfg, &diags), CONFIG_OK);
        struct config_lint_opts opts;
        config_lint_opts_default(&opts);
        ck_assert_uint_eq(opts.ipv6_table_size, 258956);
        opts.ipv6_table_size = 0;
        struct config_diags d;
        config_diags_init(&d);
        ck_assert_int_eq(config_lint(cfg, &opts, &d), CONFIG_OK);
        ck_assert_uint_eq(d.warnings, 18); /* the PL-BOGONS entries alone */
        config_diags_free(&d);
        config_free(cfg);
        free(diags);
        free(text);
}
END_TEST

int main(void)
{
        Suite *s = suite_create("config_lint");
        TCase *tc = tcase_create("lint");
        tcase_add_test(tc, seed_golden);
        tcase_add_test(tc, clean_configuration);
        tcase_add_test(tc, bare_neighbor);
        tcase_add_test(tc, leak_and_max_prefix_band);
        tcase_add_test(tc, restricted_outbound_forms);
        tcase_add_test(tc, own_prefix_inbound);
        tcase_add_test(tc, seed_without_own_deny);
        tcase_add_test(tc, references_and_sessions);
        tcase_add_test(tc, max_prefix_outside_the_band);
        tcase_add_test(tc, table_size_option);
        suite_add_tcase(s, tc);
        return tu_run_suite(s);
}
