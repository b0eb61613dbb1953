/*
 * check_tunnel_validate.c - the checks of a whole description (tconf_validate.c): what
 * is missing, families against the kind, the /128 pair inside the link prefix, subnets,
 * tables, rules and the MTU, each at the word it is about.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "tunnel_test.h"

/* Lines 1-6; what a case adds starts at line 7. */
#define BASE                                                                                       \
        "tunnel gif0\nkind sit\nlocal 198.51.100.10\nremote 203.0.113.10\n"                        \
        "link 2a06:9801:1c:ffff::/64\naddress 2a06:9801:1c:ffff::1 peer 2a06:9801:1c:ffff::2\n"
#define INNER                                                                                      \
        "link 2a06:9801:1c:ffff::/64\naddress 2a06:9801:1c:ffff::1 peer 2a06:9801:1c:ffff::2\n"

static const struct {
        const char *text;
        int rc;
        const char *want;
} cases[] = {
    {"", TCONF_ERR_INVALID,
     "t.conf: error: no 'tunnel NAME' statement: the file describes no tunnel\n"},
    {"tunnel gif0\n", TCONF_ERR_INVALID,
     "t.conf:1:8: error: no 'kind': say sit (or gif), gre, ip6gre or external\n"},
    {"tunnel gif0\nkind sit\n", TCONF_ERR_INVALID,
     "t.conf:1:8: error: no 'link PREFIX': the prefix the tunnel's /128 pair comes from\n"
     "t.conf:1:8: error: no 'address ADDRESS peer ADDRESS': the tunnel's inner pair\n"
     "t.conf:2:6: error: kind sit needs 'local ADDRESS', the outer address of this end\n"
     "t.conf:2:6: error: kind sit needs 'remote ADDRESS', the outer address of the far end\n"},
    {"tunnel gif0\nkind sit\nlocal 2001:db8::1\nremote 203.0.113.10\n" INNER, TCONF_ERR_INVALID,
     "t.conf:3:7: error: kind sit is carried over IPv4: '2001:db8::1' must be an IPv4 address\n"},
    {"tunnel g6\nkind ip6gre\nlocal 198.51.100.10\nremote 2001:db8:300::1\n" INNER,
     TCONF_ERR_INVALID,
     "t.conf:3:7: error: kind ip6gre is carried over IPv6: '198.51.100.10' must be an IPv6 "
     "address\n"},
    {"tunnel gif0\nkind sit\nlocal 198.51.100.10\nremote 198.51.100.10\n" INNER, TCONF_ERR_INVALID,
     "t.conf:4:8: error: 'remote' is the same address as 'local'\n"},
    {"tunnel gif0\nkind sit\nlocal 198.51.100.10\nremote 224.0.0.5\n" INNER, TCONF_ERR_INVALID,
     "t.conf:4:8: error: '224.0.0.5' is not a unicast address a tunnel can use\n"},
    {BASE "key 7\n", TCONF_ERR_INVALID,
     "t.conf:7:1: error: a key is GRE's (RFC 2890): kind sit has none\n"},
    {"tunnel gif0\nkind sit\nlocal 198.51.100.10\nremote 203.0.113.10\n"
     "link 2a06:9801:1c:ffff::/64\naddress 2a06:9801:1c:fffe::1 peer 2a06:9801:1c:ffff::2\n",
     TCONF_ERR_INVALID,
     "t.conf:6:9: error: '2a06:9801:1c:fffe::1' is not inside the link prefix "
     "2a06:9801:1c:ffff::/64\n"},
    {"tunnel gif0\nkind sit\nlocal 198.51.100.10\nremote 203.0.113.10\n"
     "link 2a06:9801:1c:ffff::/64\naddress 2a06:9801:1c:ffff::1 peer 2a06:9801:1c:ffff::1\n",
     TCONF_ERR_INVALID, "t.conf:6:35: error: the peer's address is this end's own\n"},
    {"tunnel gif0\nkind sit\nlocal 198.51.100.10\nremote 203.0.113.10\n"
     "link 2a06:9801:1c:ffff::/64\naddress 2a06:9801:1c:ffff:: peer 2a06:9801:1c:ffff::2\n",
     TCONF_ERR_INVALID,
     "t.conf:6:9: error: '2a06:9801:1c:ffff::' is the link's Subnet-Router anycast address (RFC "
     "4291 section 2.6.1)\n"},
    /* RFC 6164: on a /127 both addresses are usable. */
    {"tunnel gif0\nkind sit\nlocal 198.51.100.10\nremote 203.0.113.10\n"
     "link 2a06:9801:1c:ffff::/127\naddress 2a06:9801:1c:ffff:: peer 2a06:9801:1c:ffff::1\n",
     TCONF_OK, ""},
    {"tunnel gif0\nkind sit\nlocal 198.51.100.10\nremote 203.0.113.10\n"
     "link fe80::/64\naddress fe80::1 peer fe80::2\n",
     TCONF_ERR_INVALID, "t.conf:5:6: error: 'fe80::/64' is not a global or unique-local prefix\n"},
    {BASE "outer-mtu 1290\n", TCONF_ERR_INVALID,
     "t.conf:7:11: error: the inner MTU, outer-mtu 1290 less the sit headers (20), is 1270: "
     "below IPv6's minimum link MTU 1280 (RFC 8200 section 5)\n"},
    {BASE "outer-mtu 1300\n", TCONF_OK, ""},
    {BASE "mtu 1490\n", TCONF_ERR_INVALID,
     "t.conf:7:5: error: mtu 1490 does not fit: outer-mtu 1500 less the sit headers (20) leaves "
     "1480\n"},
    {BASE "mtu 1200\n", TCONF_ERR_INVALID,
     "t.conf:7:5: error: mtu 1200 is below IPv6's minimum link MTU 1280 (RFC 8200 section 5)\n"},
    {BASE "table 255\n", TCONF_ERR_INVALID,
     "t.conf:7:7: error: table 255 is the kernel's 'local' table: choose another number\n"},
    {BASE "route 2a06:9801:1c:1000::/64\nroute 2a06:9801:1c:1000::/64\n", TCONF_ERR_INVALID,
     "t.conf:8:7: error: route 2a06:9801:1c:1000::/64 given twice (first at line 7)\n"},
    {BASE "route 2a06:9801:1c::/48\n", TCONF_ERR_INVALID,
     "t.conf:7:7: error: route 2a06:9801:1c::/48 overlaps the link prefix 2a06:9801:1c:ffff::/64, "
     "which is the tunnel's own\n"},
    {BASE "rule from 2a06:9801:1c::/48\n", TCONF_ERR_INVALID,
     "t.conf:7:11: error: 'rule from' sends traffic to the tunnel's table, and that is main: "
     "give the tunnel a 'table N' of its own\n"},
    {BASE "table 1\nrule from 2a06:9801:1c::/48\nrule from 2a06:9801:1c::/48\n", TCONF_ERR_INVALID,
     "t.conf:9:11: error: rule from 2a06:9801:1c::/48 given twice (first at line 8)\n"},
    /* Warnings do not fail. */
    {BASE "table 1\n", TCONF_OK,
     "t.conf:7:7: warning: nothing looks table 1 up: add 'rule from PREFIX' for the addresses "
     "whose traffic must leave through the tunnel\n"},
    {BASE "table 1\nrule from 2a06:9801:1c:1000::/64\n", TCONF_OK,
     "t.conf:6:9: warning: no 'rule from' covers 2a06:9801:1c:ffff::1: what this end sends from "
     "it (ICMP errors, pings, replies) follows the main table, not table 1\n"},
    {"tunnel wg0\nkind external\nlocal 192.0.2.1\n" INNER, TCONF_ERR_INVALID,
     "t.conf:3:7: error: kind external: the link is someone else's, so 'local' has nothing to "
     "set\n"},
    {"tunnel wg0\nkind external\nmtu 1420\n" INNER, TCONF_OK, ""},
    {BASE "interface gif0 address 2a06:9801:1c:1000::1/64\n", TCONF_ERR_INVALID,
     "t.conf:7:24: error: gif0 is the tunnel: its inner address is 'address ... peer ...'\n"},
    {BASE "route 2a06:9801:1c:1000::/64\ninterface br0 route 2a06:9801:1c:1000::/64\n",
     TCONF_ERR_INVALID,
     "t.conf:8:21: error: 2a06:9801:1c:1000::/64 is routed through the tunnel already (line 7)\n"},
    {BASE "interface br0 address ff02::1/64\n", TCONF_ERR_INVALID,
     "t.conf:7:23: error: 'ff02::1' is not an address to route\n"},
    /* ip6gre: the outer packets are IPv6, and must not be routed into the tunnel. */
    {"tunnel g6\nkind ip6gre\nlocal 2001:db8:100::96\nremote 2001:db8:300::1\n" INNER
     "route default\n",
     TCONF_ERR_INVALID,
     "t.conf:7:7: error: route ::/0 covers the far end 2001:db8:300::1: its own outer packets "
     "would be routed into the tunnel\n"},
    {"tunnel g6\nkind ip6gre\nlocal 2001:db8:100::96\nremote 2001:db8:300::1\n" INNER
     "route default\ntable 1\nrule from 2001:db8:100::/64\n",
     TCONF_ERR_INVALID,
     "t.conf:6:9: warning: no 'rule from' covers 2a06:9801:1c:ffff::1: what this end sends from "
     "it (ICMP errors, pings, replies) follows the main table, not table 1\n"
     "t.conf:7:7: error: route ::/0 covers the far end 2001:db8:300::1: its own outer packets "
     "would be routed into the tunnel\n"},
    {"tunnel g6\nkind ip6gre\nlocal 2001:db8:100::96\nremote 2001:db8:300::1\n" INNER
     "route default\ntable 1\nrule from 2a06:9801:1c::/48\n",
     TCONF_OK, ""},
};

START_TEST(whole_file)
{
        struct tunnel_conf c;
        char *got;

        ck_assert_int_eq(tt_parse(cases[_i].text, &c, &got), cases[_i].rc);
        ck_assert_str_eq(got, cases[_i].want);
        free(got);
}
END_TEST

static Suite *suite(void)
{
        Suite *s = suite_create("tunnel_validate");
        TCase *tc = tcase_create("validate");

        tcase_add_loop_test(tc, whole_file, 0, (int)(sizeof(cases) / sizeof(cases[0])));
        suite_add_tcase(s, tc);
        return s;
}

int main(void)
{
        return tt_run_suite(suite());
}
