/* check_config_errors.c - every kind of mistake gives FILE:LINE:COL: error: and a message
 * that names the word and what would have been right; a parse with errors builds nothing
 * but reports all of them. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "testutil_config.h"

static const struct {
        const char *text;
        const char *want; /* every diagnostic */
} cases[] = {
    {"foo bar\n", "t.conf:1:1: error: unknown command 'foo'\n"},
    {"ipv6 prefix-list X seq 5 permit 2001:db8::zz/32\n",
     "t.conf:1:33: error: expected one of 'any', an IPv6 prefix (X:X::X:X/M), not "
     "'2001:db8::zz/32'\n"},
    {"ipv6 prefix-list X seq permit ::/0\n",
     "t.conf:1:24: error: expected a number in 1-4294967295, not 'permit'\n"},
    {"ipv6 prefix-list X seq 5 permit 2001:db8::/32 ge 64 le 48\n",
     "t.conf:1:56: error: invalid prefix range for 2001:db8::/32: ge 64 is greater than le 48 "
     "(make sure that length <= ge <= le)\n"},
    {"ipv6 prefix-list X seq 5 permit 2001:db8::/32 le 129\n",
     "t.conf:1:50: error: expected a number in 0-128, not '129'\n"},
    {"ipv6 prefix-list X seq 5 permit 2001:db8::/32 le 16\n",
     "t.conf:1:50: error: invalid prefix range for 2001:db8::/32: le 16 is shorter than the "
     "prefix length 32 (make sure that length <= ge <= le)\n"},
    {"ipv6 prefix-list X seq 5 permit 2001:db8::/32 ge 16\n",
     "t.conf:1:50: error: invalid prefix range for 2001:db8::/32: ge 16 is shorter than the "
     "prefix length 32 (make sure that length <= ge <= le)\n"},
    {"ipv6 prefix-list X seq 5 allow 2001:db8::/32\n",
     "t.conf:1:26: error: expected one of 'deny', 'permit', not 'allow'\n"},
    {"ip prefix-list X permit 2001:db8::/32\n",
     "t.conf:1:25: error: expected one of 'any', an IPv4 prefix (A.B.C.D/M), not "
     "'2001:db8::/32'\n"},
    {"ip prefix-list Y permit 10.0.0.0/8 ge\n",
     "t.conf:1:38: error: incomplete command: expected a number in 0-32\n"},
    /* A route-map without permit/deny; its block is still read (detached). */
    {"route-map RM 10\nmatch ipv6 address prefix-list X\nset metric 5\n",
     "t.conf:1:14: error: expected one of 'deny', 'permit', not '10'\n"},
    /* A route-map whose line fails inside a router bgp whose line failed: its block is
     * detached too (a regression: it once dereferenced a route-map that did not exist). */
    {"router bgp 65000 x\nroute-map ge RM deny 5\nset community none\n",
     "t.conf:1:18: error: expected the end of the line, not 'x'\n"
     "t.conf:2:14: error: expected one of 'deny', 'permit', not 'RM'\n"},
    {"route-map RM permit 0\n", "t.conf:1:21: error: expected a number in 1-65535, not '0'\n"},
    {"router bgp 65000\naddress-family ipv6 unicast\nneighbor 2001:db8::9 activate\n",
     "t.conf:3:10: error: neighbor 2001:db8::9 has no remote-as yet: write 'neighbor "
     "2001:db8::9 remote-as ASN' in router bgp before this line\n"},
    {"router bgp 65000\nneighbor 2001:db8::9 description x\n",
     "t.conf:2:10: error: neighbor 2001:db8::9 has no remote-as yet: write 'neighbor "
     "2001:db8::9 remote-as ASN' in router bgp before this line\n"},
    {"neighbor 2001:db8::1 remote-as 1\n",
     "t.conf:1:1: error: 'neighbor' is valid only inside router bgp\n"},
    {"match as-path X\n", "t.conf:1:1: error: 'match' is valid only inside a route-map\n"},
    {"address-family ipv6 unicast\n",
     "t.conf:1:1: error: 'address-family' is valid only inside router bgp\n"},
    {"exit-address-family\n",
     "t.conf:1:1: error: 'exit-address-family' is valid only inside an address-family block\n"},
    {"router bgp 0\n", "t.conf:1:12: error: expected an AS number (1-4294967295), not '0'\n"},
    {"router bgp 4294967296\n",
     "t.conf:1:12: error: expected an AS number (1-4294967295), not '4294967296'\n"},
    {"router bgp 65000\nrouter bgp 65001\n",
     "t.conf:2:12: error: BGP is already running as AS 65000 (line 1); lbgpd runs one "
     "instance\n"},
    {"router bgp 65000 vrf RED\n", "t.conf:1:18: error: expected the end of the line, not 'vrf'\n"},
    {"router bgp 65000\nbgp router-id 300.1.1.1\n",
     "t.conf:2:15: error: expected an IPv4 address (A.B.C.D), not '300.1.1.1'\n"},
    {"router bgp 65000\nbgp router-id 0.0.0.0\n",
     "t.conf:2:15: error: the router-id cannot be 0.0.0.0 (RFC 6286)\n"},
    {"router bgp 65000\nneighbor gre0 remote-as 1\n",
     "t.conf:2:10: error: expected an IPv4 or IPv6 address, not 'gre0'\n"},
    {"router bgp 65000\nneighbor 192.0.2.1 remote-as 1\nneighbor 192.0.2.1 remote-ass 2\n",
     "t.conf:3:20: error: expected one of 'remote-as', 'description', 'ttl-security', "
     "'update-source', 'password', 'shutdown', 'passive', 'timers', 'ebgp-multihop', "
     "'path-attribute', 'local-as', 'activate', ..., not 'remote-ass'\n"},
    {"router bgp 65000\nneighbor 192.0.2.1 remote-as 1\nneighbor 192.0.2.1 ttl-security hops "
     "1\nneighbor 192.0.2.1 ebgp-multihop 2\n",
     "t.conf:4:1: error: neighbor 192.0.2.1: ebgp-multihop and ttl-security cannot be "
     "configured together; keep ttl-security hops N for a peer N hops away\n"},
    /* FRR refuses to discard the attributes a route cannot be without. */
    {"router bgp 65000\nneighbor 192.0.2.1 remote-as 1\nneighbor 192.0.2.1 path-attribute "
     "discard 28 2 40\n",
     "t.conf:3:46: error: path attribute 2 cannot be discarded\n"},
    {"router bgp 65000\nneighbor 192.0.2.1 remote-as 1\nneighbor 192.0.2.1 path-attribute "
     "discard 256\n",
     "t.conf:3:43: error: expected a number in 1-255, not '256'\n"},
    {"router bgp 65000\nneighbor 192.0.2.1 remote-as 1\nneighbor 192.0.2.1 ttl-security hops "
     "255\n",
     "t.conf:3:38: error: expected a number in 1-254, not '255'\n"},
    {"router bgp 65000\nneighbor 192.0.2.1 remote-as 1\nneighbor 192.0.2.1 timers 10 2\n",
     "t.conf:3:30: error: hold time 2 is invalid: it is 0 or at least 3 seconds (RFC 4271 "
     "4.2)\n"},
    {"router bgp 65000\nneighbor 192.0.2.1 remote-as 1\naddress-family ipv4 unicast\n"
     "neighbor 192.0.2.1 maximum-prefix 10 restart 5 warning-only\n",
     "t.conf:4:48: error: maximum-prefix takes either restart or warning-only, not both\n"},
    {"router bgp 65000\nneighbor 192.0.2.1 remote-as 1\nneighbor 192.0.2.1 local-as 65000\n",
     "t.conf:3:1: error: neighbor 192.0.2.1: local-as 65000 is the router's own AS; FRR "
     "refuses this too\n"},
    {"router bgp 65000\nneighbor 192.0.2.1 remote-as internal\nneighbor 192.0.2.1 local-as "
     "65001\n",
     "t.conf:3:1: error: neighbor 192.0.2.1: local-as is allowed only for eBGP neighbors\n"},
    {"route-map RM permit 10\nset community 1:99999\n",
     "t.conf:2:15: error: expected one of 'none', a community (AA:NN or a well-known name), "
     "not '1:99999'\n"},
    {"route-map RM permit 10\nset large-community 1:2\n",
     "t.conf:2:21: error: expected one of 'none', a large community (AA:BB:CC), not '1:2'\n"},
    {"route-map RM permit 10\nset ipv6 next-hop global fe80::1\n",
     "t.conf:2:26: error: 'fe80::1' cannot be a global next hop (it is link-local, multicast, "
     "loopback or unspecified)\n"},
    {"route-map RM permit 10\non-match goto 5\n",
     "t.conf:2:15: error: on-match goto 5 does not go forward from entry 10; it would loop\n"},
    {"route-map RM permit 10\ncontinue 10\n",
     "t.conf:2:10: error: continue 10 does not go forward from entry 10; it would loop\n"},
    {"route-map RM permit 10\nmatch ipv6 adress prefix-list X\n",
     "t.conf:2:12: error: expected 'address', not 'adress'\n"},
    {"bgp community-list standard C permit 1:1\nbgp community-list expanded C permit ^1:\n",
     "t.conf:2:20: error: community-list C was defined as standard at line 1; a list cannot "
     "mix standard and expanded entries\n"},
    {"hostname \"unterminated\n", "t.conf:1:10: error: unterminated quoted string\n"},
    {"hostname a b\n", "t.conf:1:12: error: expected the end of the line, not 'b'\n"},
    {"ipv6 route 2001:db8::/32 fe80::1\n",
     "t.conf:1:26: error: link-local gateway fe80::1 needs an interface: write 'ipv6 route "
     "2001:db8::/32 fe80::1 IFNAME'\n"},
    {"ipv6 route 2001:db8::/32 gre0 bar\n",
     "t.conf:1:31: error: expected one of 'tag', a number in 1-255, the end of the line, not "
     "'bar'\n"},
    {"frr defaults cloud\n",
     "t.conf:1:14: error: expected one of 'traditional', 'datacenter', not 'cloud'\n"},
    {"service password-encryption\n",
     "t.conf:1:9: error: expected 'integrated-vtysh-config', not 'password-encryption'\n"},
    {"router bgp 1\nneighbor 192.0.2.1 remote-as 2\nneighbor 192.0.2.1 shutdown message "
     "\"%300s\"\n",
     "t.conf:3:37: error: shutdown message is 300 bytes; RFC 9003 allows at most 255\n"},
};

START_TEST(bad_line)
{
        char text[1024];
        const char *src = cases[_i].text;
        /* "%300s" stands for 300 x's: a line too long to write out. */
        const char *fill = strstr(src, "%300s");
        if (fill != NULL) {
                int head = (int)(fill - src);
                snprintf(text, sizeof(text), "%.*s%300s%s", head, src, "", fill + 5);
                for (char *p = text + head; p < text + head + 300; p++)
                        *p = 'x';
        } else {
                snprintf(text, sizeof(text), "%s", src);
        }

        struct config *cfg;
        char *diags;
        int rc = tu_parse("t.conf", text, &cfg, &diags);
        ck_assert_int_eq(rc, CONFIG_ERR_INVALID);
        ck_assert_ptr_null(cfg);
        ck_assert_str_eq(diags, cases[_i].want);
        free(diags);
}
END_TEST

START_TEST(bad_regex)
{
        /* The end of the message is the C library's regerror() text. */
        static const char want[] = "t.conf:1:34: error: invalid regular expression '(': ";
        struct config *cfg;
        char *diags;
        ck_assert_int_eq(tu_parse("t.conf", "bgp as-path access-list X permit (\n", &cfg, &diags),
                         CONFIG_ERR_INVALID);
        ck_assert_msg(strncmp(diags, want, strlen(want)) == 0, "%s", diags);
        ck_assert_ptr_eq(strchr(diags, '\n'), diags + strlen(diags) - 1);
        free(diags);
}
END_TEST

START_TEST(all_errors_are_reported)
{
        /* Errors do not stop the parse, so one run names every broken line, and a block
         * whose first line is wrong does not make its other lines "unknown". */
        struct config *cfg;
        char *diags;
        int rc = tu_parse("t.conf",
                          "hostname ok\n"
                          "route-map RM 10\n"
                          "match ipv6 address prefix-list PL\n"
                          "set metric x\n"
                          "ipv6 prefix-list PL seq 5 permit ::/0 le 200\n"
                          "router bgp 65000\n"
                          "neighbor 2001:db8::1 remote-as 65001\n"
                          "address-family ipv6 unicast\n"
                          "neighbor 2001:db8::1 maximum-prefix 0\n"
                          "network 2001:db8::/32\n",
                          &cfg, &diags);
        ck_assert_int_eq(rc, CONFIG_ERR_INVALID);
        ck_assert_ptr_null(cfg);
        ck_assert_str_eq(diags, "t.conf:2:14: error: expected one of 'deny', 'permit', not '10'\n"
                                "t.conf:4:12: error: expected a number in 0-4294967295, not 'x'\n"
                                "t.conf:5:42: error: expected a number in 0-128, not '200'\n"
                                "t.conf:9:37: error: expected a number in 1-4294967295, not '0'\n");
        free(diags);
}
END_TEST

START_TEST(messages_name_the_file)
{
        struct config_diags d;
        struct config *cfg;
        config_diags_init(&d);
        ck_assert_int_eq(config_parse_file(CONFIG_TEST_DATA "/no-such-file.conf", &cfg, &d),
                         CONFIG_ERR_IO);
        ck_assert_ptr_null(cfg);
        ck_assert_uint_eq(d.errors, 1);
        char *line = config_diag_format(&d.items[0]);
        ck_assert_str_eq(line, CONFIG_TEST_DATA "/no-such-file.conf: error: cannot open: No such "
                                                "file or directory");
        free(line);
        config_diags_free(&d);
}
END_TEST

int main(void)
{
        Suite *s = suite_create("config_errors");
        TCase *tc = tcase_create("errors");
        tcase_add_loop_test(tc, bad_line, 0, (int)(sizeof(cases) / sizeof(cases[0])));
        tcase_add_test(tc, bad_regex);
        tcase_add_test(tc, all_errors_are_reported);
        tcase_add_test(tc, messages_name_the_file);
        suite_add_tcase(s, tc);
        return tu_run_suite(s);
}
