/*
 * check_tunnel_conf.c - the description language (tconf_parse.c): each statement, the
 * comments, and every kind of malformed word reported as FILE:LINE:COL with the word.
 */
#include <arpa/inet.h>
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "lexer.h"
#include "tunnel_test.h"

static const struct {
        const char *text;
        const char *want; /* every diagnostic, sorted */
} bad[] = {
    {"tunnel gif0\nfoo bar\n", "t.conf:2:1: error: unknown statement 'foo'\n"},
    {"kind sit\n", "t.conf:1:1: error: 'kind' before 'tunnel NAME': a description starts with "
                   "the tunnel's name\n"},
    {"tunnel gif0\nkind vxlan\n", "t.conf:2:6: error: expected one of 'sit', 'gif', 'gre', "
                                  "'ip6gre', 'external', not 'vxlan'\n"},
    {"tunnel gif0\nlocal 198.51.100.300\n",
     "t.conf:2:7: error: expected an IPv4 (A.B.C.D) or IPv6 (X:X::X:X) address, not "
     "'198.51.100.300'\n"},
    {"tunnel gif0\nroute 2a06:9801:1c:1000::1/64\n",
     "t.conf:2:7: error: '2a06:9801:1c:1000::1/64' has host bits set: did you mean "
     "2a06:9801:1c:1000::/64?\n"},
    {"tunnel gif0\nroute 10.0.0.0/8\n",
     "t.conf:2:7: error: expected an IPv6 prefix (X:X::X:X/M) or 'default', not '10.0.0.0/8'\n"},
    {"tunnel gif0\naddress 2a06:9801:1c:ffff::1/64 peer 2a06:9801:1c:ffff::2\n",
     "t.conf:2:9: error: '2a06:9801:1c:ffff::1/64': the inner addresses are a point-to-point "
     "/128 pair; give the link's prefix with 'link'\n"},
    {"tunnel gif0\naddress 2a06:9801:1c:ffff::1 2a06:9801:1c:ffff::2\n",
     "t.conf:2:30: error: expected 'peer', not '2a06:9801:1c:ffff::2'\n"},
    {"tunnel gif0\naddress 2a06:9801:1c:ffff::1 peer\n",
     "t.conf:2:34: error: incomplete statement: expected an IPv6 address (X:X::X:X)\n"},
    {"tunnel gif0\nttl 0\n", "t.conf:2:5: error: expected a number in 1-255, not '0'\n"},
    {"tunnel gif0\nkind sit\nkind gre\n", "t.conf:3:1: error: 'kind' given twice (first at line "
                                          "2)\n"},
    {"tunnel gif0\ntunnel gif1\n", "t.conf:2:1: error: one tunnel per file: the first is at "
                                   "line 1\n"},
    {"tunnel gif0 extra\n", "t.conf:1:13: error: expected the end of the line, not 'extra'\n"},
    {"tunnel this-name-is-too-long\n",
     "t.conf:1:8: error: expected an interface name (a letter, then up to 14 letters, digits, "
     "'.', '_' or '-'), not 'this-name-is-too-long'\n"},
    {"tunnel gif0\nrule to 2001:db8::/32\n", "t.conf:2:6: error: expected 'from', not 'to'\n"},
    {"tunnel gif0\nrule from 2001:db8::/32 priority 0\n",
     "t.conf:2:34: error: expected a number in 1-32765, not '0'\n"},
    {"tunnel gif0\nrule from 2001:db8::/32 table 5\n",
     "t.conf:2:25: error: expected 'priority' or the end of the line, not 'table'\n"},
    {"tunnel gif0\ninterface bastille0 mtu 1500\n",
     "t.conf:2:21: error: expected 'address' or 'route', not 'mtu'\n"},
    {"tunnel gif0\ninterface bastille0 address 2a06:9801:1c:1000::1\n",
     "t.conf:2:29: error: expected an IPv6 address with its prefix length (X:X::X:X/M), not "
     "'2a06:9801:1c:1000::1'\n"},
    {"tunnel gif0\ndescription \"unterminated\n", "t.conf:2:13: error: unterminated quoted word\n"},
    {"tunnel gif0\ntable 0\n", "t.conf:2:7: error: expected a number in 1-4294967295, not '0'\n"},
    {"tunnel gif0\nkey 5 6\n", "t.conf:2:7: error: expected the end of the line, not '6'\n"},
    {"tunnel gif0\nouter-mtu\n", "t.conf:2:10: error: incomplete statement: expected a number "
                                 "in 68-65535\n"},
    /* Every mistake of a file, not only the first. */
    {"tunnel gif0\nkind foo\nttl 999\n",
     "t.conf:2:6: error: expected one of 'sit', 'gif', 'gre', 'ip6gre', 'external', not 'foo'\n"
     "t.conf:3:5: error: expected a number in 1-255, not '999'\n"},
    /* A word that starts with '#' ends the line, so the error is at the end. */
    {"tunnel gif0\nremote # no address\n",
     "t.conf:2:7: error: incomplete statement: expected an IPv4 (A.B.C.D) or IPv6 (X:X::X:X) "
     "address\n"},
};

START_TEST(malformed_words)
{
        struct tunnel_conf c;
        char *got;

        ck_assert_int_eq(tt_parse(bad[_i].text, &c, &got), TCONF_ERR_INVALID);
        ck_assert_str_eq(got, bad[_i].want);
        free(got);
}
END_TEST

static void addr6(const char *text, uint8_t out[16])
{
        ck_assert_int_eq(inet_pton(AF_INET6, text, out), 1);
}

START_TEST(router_example)
{
        struct tunnel_conf c;
        uint8_t a[16];
        char *got;

        ck_assert_int_eq(tt_parse_example("router01-vps01.conf", &c, &got), TCONF_OK);
        ck_assert_str_eq(got, "");
        ck_assert_str_eq(c.name, "gif0");
        ck_assert_int_eq(c.kind, TUNNEL_KIND_SIT);
        ck_assert_str_eq(c.description, "Tunnel-to-VPS");
        ck_assert_uint_eq(c.local_afi, BGP_AFI_IPV4);
        ck_assert_uint_eq(c.local[0], 198);
        ck_assert_uint_eq(c.local[3], 10);
        ck_assert_uint_eq(c.remote[0], 203);
        ck_assert_uint_eq(c.outer_mtu, 1500);
        ck_assert_uint_eq(c.link.len, 64);
        addr6("2a06:9801:1c:ffff::1", a);
        ck_assert_mem_eq(c.inner_local, a, 16);
        addr6("2a06:9801:1c:ffff::2", a);
        ck_assert_mem_eq(c.inner_peer, a, 16);
        ck_assert_uint_eq(c.table, TUNNEL_TABLE_MAIN);
        ck_assert_uint_eq(c.n_routes, 1);
        ck_assert_uint_eq(c.routes[0].prefix.len, 64);
        ck_assert_uint_eq(c.routes[0].loc.line, 17);
        ck_assert_uint_eq(c.routes[0].loc.col, 7);
        ck_assert_uint_eq(c.n_rules, 0);
        free(got);
}
END_TEST

START_TEST(server_example)
{
        struct tunnel_conf c;
        uint8_t a[16];
        char *got;

        ck_assert_int_eq(tt_parse_example("vps01.conf", &c, &got), TCONF_OK);
        ck_assert_str_eq(got, "");
        ck_assert_uint_eq(c.table, 1);
        ck_assert_uint_eq(c.n_routes, 1);
        ck_assert_uint_eq(c.routes[0].prefix.len, 0); /* "route default" */
        ck_assert_uint_eq(c.n_ifaddrs, 1);
        ck_assert_str_eq(c.ifaddrs[0].ifname, "bastille0");
        ck_assert_uint_eq(c.ifaddrs[0].plen, 64);
        addr6("2a06:9801:1c:1000::1", a);
        ck_assert_mem_eq(c.ifaddrs[0].addr, a, 16);
        ck_assert_uint_eq(c.n_ifroutes, 2);
        ck_assert_uint_eq(c.ifroutes[1].prefix.len, 68);
        ck_assert_uint_eq(c.n_rules, 1);
        ck_assert_uint_eq(c.rules[0].from.len, 48);
        ck_assert_uint_eq(c.rules[0].priority, TCONF_RULE_PRIORITY_DEFAULT);
        free(got);
}
END_TEST

#define BASE                                                                                       \
        "tunnel gif0\nkind sit\nlocal 198.51.100.10\nremote 203.0.113.10\n"                        \
        "link 2a06:9801:1c:ffff::/64\naddress 2a06:9801:1c:ffff::1 peer 2a06:9801:1c:ffff::2\n"

START_TEST(comments_quotes_and_crlf)
{
        struct tunnel_conf c;
        char *got;

        ck_assert_int_eq(tt_parse("# a comment line\n! an FRR-style one\n   " BASE
                                  "description \"to vps01 # not a comment\"\n"
                                  "route 2a06:9801:1c:1000::/64 # delegated\n",
                                  &c, &got),
                         TCONF_OK);
        ck_assert_str_eq(got, "");
        ck_assert_str_eq(c.description, "to vps01 # not a comment");
        ck_assert_uint_eq(c.n_routes, 1);
        free(got);

        ck_assert_int_eq(tt_parse("tunnel gif0\r\nkind gif\r\nlocal 198.51.100.10\r\n"
                                  "remote 203.0.113.10\r\nlink 2a06:9801:1c:ffff::/64\r\n"
                                  "address 2a06:9801:1c:ffff::1/128 peer 2a06:9801:1c:ffff::2\r\n"
                                  "description two   words\r\n",
                                  &c, &got),
                         TCONF_OK);
        ck_assert_str_eq(got, "");
        ck_assert_int_eq(c.kind, TUNNEL_KIND_SIT); /* gif is FreeBSD's name for sit */
        ck_assert_str_eq(c.description, "two words");
        free(got);
}
END_TEST

START_TEST(every_statement)
{
        struct tunnel_conf c;
        char *got;

        ck_assert_int_eq(tt_parse("tunnel gre1\nkind gre\nlocal 198.51.100.10\n"
                                  "remote 198.51.100.44\nkey 4294967295\nttl 255\n"
                                  "outer-mtu 9000\nmtu 8000\nlink 2001:db8:300::/64\n"
                                  "address 2001:db8:300::2 peer 2001:db8:300::1\ntable main\n"
                                  "route 2001:db8:1::/48\ninterface br0 address 2001:db8:2::1/64\n"
                                  "interface br0 route default\n",
                                  &c, &got),
                         TCONF_OK);
        ck_assert_str_eq(got, "");
        ck_assert_int_eq(c.kind, TUNNEL_KIND_GRE);
        ck_assert(c.has_key);
        ck_assert_uint_eq(c.key, 4294967295u);
        ck_assert_uint_eq(c.ttl, 255);
        ck_assert_uint_eq(tconf_outer_mtu(&c), 9000);
        ck_assert_uint_eq(tconf_mtu(&c), 8000);
        ck_assert_uint_eq(c.table, TUNNEL_TABLE_MAIN);
        ck_assert_uint_eq(c.ifroutes[0].prefix.len, 0);
        free(got);
}
END_TEST

START_TEST(rule_priority)
{
        struct tunnel_conf c;
        char *got;

        ck_assert_int_eq(
            tt_parse(BASE "table 100\nrule from 2a06:9801:1c::/48 priority 32765\n", &c, &got),
            TCONF_OK);
        ck_assert_str_eq(got, "");
        ck_assert_uint_eq(c.table, 100);
        ck_assert_uint_eq(c.rules[0].priority, 32765);
        free(got);
}
END_TEST

/* text -> description -> tconf_format() -> description -> tconf_format(): the same text,
 * and the same description field by field where the first text was already canonical. */
static void assert_format_fixed_point(const struct tunnel_conf *c)
{
        struct tunnel_conf again;
        char *t1 = tconf_text(c, ""), *t2, *diags;

        ck_assert_ptr_nonnull(t1);
        ck_assert_int_eq(tt_parse(t1, &again, &diags), TCONF_OK);
        t2 = tconf_text(&again, "");
        ck_assert_str_eq(t1, t2);
        free(t1);
        free(t2);
        free(diags);
}

START_TEST(format_examples)
{
        static const char *const names[] = {"router01-vps01.conf", "vps01.conf"};

        for (size_t i = 0; i < 2; i++) {
                struct tunnel_conf c;
                char *diags;

                ck_assert_int_eq(tt_parse_example(names[i], &c, &diags), TCONF_OK);
                assert_format_fixed_point(&c);
                free(diags);
        }
}
END_TEST

START_TEST(format_canonical_forms)
{
        struct tunnel_conf c;
        char *diags, *text;

        /* gif is printed sit, ::/0 default, the default priority and the comment not at
         * all; a description that splitting would change is quoted. */
        ck_assert_int_eq(tt_parse("tunnel gif0\nkind gif   # FreeBSD's name\n"
                                  "description \"two  spaces #and \\\"quotes\\\"\"\n"
                                  "local 192.0.2.1\nremote 198.51.100.1\nttl 255\n"
                                  "outer-mtu 1500\nlink 2001:db8:1::/64\n"
                                  "address 2001:db8:1::1/128 peer 2001:db8:1::2\ntable 7\n"
                                  "route ::/0\ninterface br0 address 2001:db8:2::1/64\n"
                                  "interface br0 route 2001:db8:2::/64\n"
                                  "rule from 2001:db8::/32 priority 1000\n"
                                  "rule from 2001:db8:2::/64 priority 10\n",
                                  &c, &diags),
                         TCONF_OK);
        text = tconf_text(&c, "  ");
        ck_assert_str_eq(text, "  tunnel gif0\n  kind sit\n"
                               "  description \"two  spaces #and \\\"quotes\\\"\"\n"
                               "  local 192.0.2.1\n  remote 198.51.100.1\n  ttl 255\n"
                               "  outer-mtu 1500\n  link 2001:db8:1::/64\n"
                               "  address 2001:db8:1::1 peer 2001:db8:1::2\n  table 7\n"
                               "  route default\n  interface br0 address 2001:db8:2::1/64\n"
                               "  interface br0 route 2001:db8:2::/64\n"
                               "  rule from 2001:db8::/32\n"
                               "  rule from 2001:db8:2::/64 priority 10\n");
        assert_format_fixed_point(&c);
        /* snprintf's contract: the length needed, and a truncated, terminated text. */
        char small[12];
        ck_assert_uint_eq(tconf_format(&c, "  ", small, sizeof(small)), strlen(text));
        ck_assert_str_eq(small, "  tunnel gi");
        free(text);
        free(diags);
}
END_TEST

/* What lbgpd does: the lines one at a time, then the whole checked. */
START_TEST(statement_at_a_time)
{
        static const char *const lines[] = {
            "tunnel gre1",           "kind gre",
            "local 192.0.2.1",       "remote 198.51.100.1 # router01",
            "link 2001:db8:1::/64",  "address 2001:db8:1::1 peer 2001:db8:1::2",
            "route 2001:db8:5::/48",
        };
        struct tunnel_conf a, b;
        struct config_diags diags;
        char *diag_text, *ta, *tb;

        ck_assert(tconf_is_statement("interface"));
        ck_assert(!tconf_is_statement("neighbor"));
        ck_assert_str_eq(tconf_statement_name(0), "tunnel");
        config_diags_init(&diags);
        tconf_init(&a, "lbgpd.conf");
        for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
                struct lexed_line l;

                ck_assert_int_eq(lex_line(lines[i], strlen(lines[i]), (uint32_t)i + 10, &l),
                                 LEX_OK);
                ck_assert_uint_eq(tconf_statement(&a, &l, &diags), 0);
                lex_line_free(&l);
        }
        tconf_validate(&a, &diags);
        ck_assert_uint_eq(diags.errors, 0);
        ck_assert_str_eq(a.file, "lbgpd.conf");
        ck_assert_uint_eq(a.routes[0].loc.line, 16);
        ck_assert_uint_eq(a.routes[0].loc.col, 7);

        /* A wrong word says where, in the reader's numbering. */
        {
                struct lexed_line l;
                const char *ttl0 = "ttl 0";

                ck_assert_int_eq(lex_line(ttl0, strlen(ttl0), 42, &l), LEX_OK);
                ck_assert_uint_eq(tconf_statement(&a, &l, &diags), 1);
                lex_line_free(&l);
                ck_assert_uint_eq(diags.n, 1);
                ck_assert_str_eq(diags.items[0].file, "lbgpd.conf");
                ck_assert_uint_eq(diags.items[0].line, 42);
                ck_assert_uint_eq(diags.items[0].col, 5);
        }
        config_diags_free(&diags);

        ck_assert_int_eq(tt_parse("tunnel gre1\nkind gre\nlocal 192.0.2.1\n"
                                  "remote 198.51.100.1\nlink 2001:db8:1::/64\n"
                                  "address 2001:db8:1::1 peer 2001:db8:1::2\n"
                                  "route 2001:db8:5::/48\n",
                                  &b, &diag_text),
                         TCONF_OK);
        ta = tconf_text(&a, "");
        tb = tconf_text(&b, "");
        ck_assert_str_eq(ta, tb);
        free(ta);
        free(tb);
        free(diag_text);
}
END_TEST

static Suite *suite(void)
{
        Suite *s = suite_create("tunnel_conf");
        TCase *tc = tcase_create("parse");

        tcase_add_loop_test(tc, malformed_words, 0, (int)(sizeof(bad) / sizeof(bad[0])));
        tcase_add_test(tc, router_example);
        tcase_add_test(tc, server_example);
        tcase_add_test(tc, comments_quotes_and_crlf);
        tcase_add_test(tc, every_statement);
        tcase_add_test(tc, rule_priority);
        tcase_add_test(tc, format_examples);
        tcase_add_test(tc, format_canonical_forms);
        tcase_add_test(tc, statement_at_a_time);
        suite_add_tcase(s, tc);
        return s;
}

int main(void)
{
        return tt_run_suite(suite());
}
