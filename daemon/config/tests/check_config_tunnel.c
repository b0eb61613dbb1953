/* check_config_tunnel.c - `tunnel NAME` sections: lbgp-tunnel's statements inside lbgpd's
 * configuration, read by lbgp-tunnel's parser; their errors as FILE:LINE:COL of lbgpd's
 * file, their print parsing back to an equal configuration, equality for reload, and
 * lbgpd.conf(5) naming every statement. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tconf.h"
#include "testutil_config.h"

#define EXAMPLES CONFIG_TEST_DATA "/../../../../tools/lbgp-tunnel/examples/"
#define MANPAGE  CONFIG_TEST_DATA "/../../../../docs/man/lbgpd.conf.5"

static struct config *parse_ok(const char *name, const char *text)
{
        struct config *cfg;
        char *diags;
        ck_assert_msg(tu_parse(name, text, &cfg, &diags) == CONFIG_OK, "%s", diags);
        free(diags);
        return cfg;
}

/* The diagnostics of a text that must not parse. */
static char *parse_bad(const char *text)
{
        struct config *cfg;
        char *diags;
        ck_assert_int_eq(tu_parse("t.conf", text, &cfg, &diags), CONFIG_ERR_INVALID);
        ck_assert_ptr_null(cfg);
        return diags;
}

/* The two seed ends as lbgp-tunnel's files, each one a section of one lbgpd file, with the
 * router's other lines around them. */
static char *seed_sections(void)
{
        char *router = tu_read(EXAMPLES "router01-vps01.conf", NULL);
        char *server = tu_read(EXAMPLES "vps01.conf", NULL);
        size_t len = strlen(router) + strlen(server) + 512;
        char *text = malloc(len);

        ck_assert_ptr_nonnull(text);
        snprintf(text, len,
                 "hostname router01\n%sexit\n!\n%s"
                 "ipv6 route 2a06:9801:1c::/48 blackhole\n"
                 "router bgp 65000\n neighbor 2a06:9801:1c:ffff::2 remote-as 65001\n"
                 " neighbor 2a06:9801:1c:ffff::2 update-source gif0\n",
                 router, server);
        free(router);
        free(server);
        return text;
}

START_TEST(seed_ends_as_sections)
{
        char *text = seed_sections();
        struct config *cfg;
        char *diags;

        /* The server end's name repeats the router end's: refused, said at its line. */
        ck_assert_int_eq(tu_parse("r.conf", text, &cfg, &diags), CONFIG_ERR_INVALID);
        ck_assert_msg(strstr(diags, ": error: tunnel gif0 is given twice (first at line ") != NULL,
                      "%s", diags);
        free(diags);

        /* Renamed, both are read, each as lbgp-tunnel reads its file. */
        char *second = strstr(text, "\ntunnel gif0\n");
        ck_assert_ptr_nonnull(second);
        second = strstr(second + 1, "\ntunnel gif0");
        ck_assert_ptr_nonnull(second);
        memcpy(second + 1, "tunnel gif1", 11);
        cfg = parse_ok("r.conf", text);
        ck_assert_uint_eq(cfg->n_tunnels, 2);
        ck_assert_str_eq(cfg->tunnels[0].name, "gif0");
        ck_assert_str_eq(cfg->tunnels[1].name, "gif1");
        /* At the name on its line: after hostname and the example's comment lines. */
        uint32_t line = 1;
        for (const char *c = text; c < strstr(text, "\ntunnel gif0\n") + 1; c++)
                line += *c == '\n';
        ck_assert_uint_eq(cfg->tunnels[0].loc.line, line);
        ck_assert_uint_eq(cfg->tunnels[0].loc.col, 8);
        ck_assert_int_eq(cfg->tunnels[0].conf->kind, TUNNEL_KIND_SIT);
        ck_assert_uint_eq(cfg->tunnels[0].conf->n_routes, 1);
        ck_assert_uint_eq(cfg->tunnels[1].conf->table, 1);
        ck_assert_uint_eq(cfg->tunnels[1].conf->n_rules, 1);
        ck_assert_uint_eq(cfg->tunnels[1].conf->n_ifroutes, 2);
        /* What follows the sections is lbgpd's: the blackhole and router bgp. */
        ck_assert_uint_eq(cfg->n_static_routes, 1);
        ck_assert_uint_eq(cfg->bgp.n_neighbors, 1);

        /* The section is the file: the same description, text for text. */
        struct tunnel_conf file;
        struct config_diags d;
        config_diags_init(&d);
        ck_assert_int_eq(tconf_parse_file(EXAMPLES "router01-vps01.conf", &file, &d), TCONF_OK);
        config_diags_free(&d);
        char *want = tconf_text(&file, "");
        ck_assert_str_eq(cfg->tunnels[0].text, want);
        free(want);
        config_free(cfg);
        free(text);
}
END_TEST

/* A section ends at exit, at end, or at the first line of lbgpd's own language. */
START_TEST(where_a_section_ends)
{
        struct config *cfg = parse_ok(
            "t.conf", "tunnel t0\nkind external\nlink 2001:db8:1::/64\n"
                      "address 2001:db8:1::1 peer 2001:db8:1::2\n"
                      "ipv6 route 2001:db8:9::/48 blackhole\n"
                      "route-map RM permit 10\n description a route-map's, not the tunnel's\n"
                      "tunnel t1\n kind external\n description the tunnel's\n"
                      " link 2001:db8:2::/64\n address 2001:db8:2::1 peer 2001:db8:2::2\nend\n"
                      "tunnel t2\nkind external\nlink 2001:db8:3::/64\n"
                      "address 2001:db8:3::1 peer 2001:db8:3::2\n");
        ck_assert_uint_eq(cfg->n_tunnels, 3);
        ck_assert_uint_eq(cfg->n_static_routes, 1);
        ck_assert_uint_eq(cfg->n_route_maps, 1);
        ck_assert_str_eq(cfg->route_maps[0].entries[0].description,
                         "a route-map's, not the tunnel's");
        ck_assert_str_eq(cfg->tunnels[1].conf->description, "the tunnel's");
        ck_assert_str_eq(cfg->tunnels[0].conf->description, "");
        ck_assert_ptr_eq(config_find_tunnel(cfg, "t2"), &cfg->tunnels[2]);
        ck_assert_ptr_null(config_find_tunnel(cfg, "t3"));
        config_free(cfg);
}
END_TEST

/* Two complete sections of four lines each, t0 and t1, for what follows them. */
#define S0                                                                                         \
        "tunnel t0\nkind external\nlink 2001:db8:1::/64\n"                                          \
        "address 2001:db8:1::1 peer 2001:db8:1::2\n"
#define S1                                                                                         \
        "tunnel t1\nkind external\nlink 2001:db8:2::/64\n"                                          \
        "address 2001:db8:2::1 peer 2001:db8:2::2\n"

#define TABLE1_UNUSED                                                                              \
        "nothing looks table 1 up: add 'rule from PREFIX' for the addresses whose traffic must "   \
        "leave through the tunnel"

static const struct {
        const char *text;
        const char *want; /* every diagnostic; "" for none: the text parses */
} bad[] = {
    /* A word of a statement: lbgp-tunnel's message, at the word. */
    {"tunnel t0\n kind vxlan\n",
     "t.conf:2:7: error: expected one of 'sit', 'gif', 'gre', 'ip6gre', 'external', not "
     "'vxlan'\n"},
    {"tunnel t0\nkind external\nlink 2001:db8:1::/64\naddress 2001:db8:1::1 peer 2001:db8:1::2\n"
     "route 2001:db8:5::1/48\n",
     "t.conf:5:7: error: '2001:db8:5::1/48' has host bits set: did you mean 2001:db8:5::/48?\n"},
    {"tunnel t0\nkind external\nlink 2001:db8:1::/64\naddress 2001:db8:1::1 peer 2001:db8:1::2\n"
     "ttl 300\n",
     "t.conf:5:5: error: expected a number in 1-255, not '300'\n"},
    /* The whole, checked once every line is read: at the word that is wrong. */
    {"tunnel t0\nkind gre\nlocal 192.0.2.1\nremote 2001:db8::1\nlink 2001:db8:1::/64\n"
     "address 2001:db8:1::1 peer 2001:db8:1::2\n",
     "t.conf:4:8: error: kind gre is carried over IPv4: '2001:db8::1' must be an IPv4 "
     "address\n"},
    {"tunnel t0\nkind external\nlink 2001:db8:1::/64\naddress 2001:db8:9::1 peer 2001:db8:1::2\n",
     "t.conf:4:9: error: '2001:db8:9::1' is not inside the link prefix 2001:db8:1::/64\n"},
    /* The name: lbgp-tunnel's rule for it; the section's lines are still its own. */
    {"tunnel 9lives\nkind external\n",
     "t.conf:1:8: error: expected an interface name (a letter, then up to 14 letters, digits, "
     "'.', '_' or '-'), not '9lives'\n"},
    {"tunnel\n", "t.conf:1:7: error: incomplete statement: expected an interface name (a "
                 "letter, then up to 14 letters, digits, '.', '_' or '-')\n"},
    /* One section per interface. */
    {"tunnel t0\nkind external\nlink 2001:db8:1::/64\naddress 2001:db8:1::1 peer 2001:db8:1::2\n"
     "exit\ntunnel t0\n",
     "t.conf:6:8: error: tunnel t0 is given twice (first at line 1): one section per "
     "interface\n"},
    /* A statement outside a section, and a word that is neither language's. */
    {"kind sit\n", "t.conf:1:1: error: 'kind' is valid only inside a tunnel section (tunnel "
                   "NAME ... exit)\n"},
    {"tunnel t0\nkind external\nlink 2001:db8:1::/64\naddress 2001:db8:1::1 peer 2001:db8:1::2\n"
     "exit\nroute default\n",
     "t.conf:6:1: error: 'route' is valid only inside a tunnel section (tunnel NAME ... "
     "exit)\n"},
    {"tunnel t0\nkind external\nremot 192.0.2.1\n", "t.conf:3:1: error: unknown command 'remot'\n"},
    /* Sections against each other: an object of the same key in two, a rule's table. */
    {S0 "table 1\nroute default\nexit\n" S1 "table 1\nroute ::/0\n",
     "t.conf:5:7: warning: " TABLE1_UNUSED "\n"
     "t.conf:12:7: warning: " TABLE1_UNUSED "\n"
     "t.conf:13:7: error: route default is also tunnel t0's (line 6), in the same table: one "
     "route per prefix and table\n"},
    {S0 "route 2001:db8:5::/48\nexit\n" S1 "interface br0 route 2001:db8:5::/48\n",
     "t.conf:11:21: error: route 2001:db8:5::/48 is also tunnel t0's (line 5), in the same "
     "table: one route per prefix and table\n"},
    {S0 "table 1\nrule from 2001:db8::/32\nexit\n" S1 "table 1\nroute default\n",
     "t.conf:12:7: warning: " TABLE1_UNUSED "\n"
     "t.conf:12:7: error: table 1 is also tunnel t0's (line 5): a tunnel whose rules send "
     "traffic to a table needs the table of its own\n"},
    {S0 "table 1\nrule from 2001:db8::/32\nexit\n" S1 "table 2\nrule from 2001:db8::/32\n",
     "t.conf:13:11: error: rule from 2001:db8::/32 at priority 1000 is also tunnel t0's (line "
     "6): give one of them another priority\n"},
    {S0 "interface br0 address 2001:db8:7::1/64\nexit\n" S1
        "interface br0 address 2001:db8:7::1/48\n",
     "t.conf:11:23: error: this address on br0 is also tunnel t0's (line 5)\n"},
    /* Different tables, prefixes, priorities: no conflict. */
    {S0 "table 1\nroute default\nrule from 2001:db8::/32\nexit\n" S1
        "table 2\nroute default\nrule from 2001:db8::/32 priority 999\n", ""},
    /* lbgp-tunnel's own comment after a statement works, an unterminated quote does not. */
    {"tunnel t0\nkind external # a veth\ndescription \"open\n",
     "t.conf:3:13: error: unterminated quoted string\n"},
};

START_TEST(errors_name_file_line_column)
{
        if (bad[_i].want[0] == '\0') {
                config_free(parse_ok("t.conf", bad[_i].text));
                return;
        }
        char *got = parse_bad(bad[_i].text);
        ck_assert_str_eq(got, bad[_i].want);
        free(got);
}
END_TEST

/* A warning of lbgp-tunnel's does not stop lbgpd -n; an error anywhere does. */
START_TEST(warnings_do_not_stop)
{
        struct config *cfg;
        char *diags;

        ck_assert_int_eq(tu_parse("t.conf",
                                  "tunnel t0\nkind external\nlink 2001:db8:1::/64\n"
                                  "address 2001:db8:1::1 peer 2001:db8:1::2\ntable 5\n"
                                  "route default\n",
                                  &cfg, &diags),
                         CONFIG_OK);
        ck_assert_msg(strstr(diags, "t.conf:5:7: warning: ") != NULL, "%s", diags);
        config_free(cfg);
        free(diags);
}
END_TEST

/* print -> parse -> print is a fixed point, with lbgp-tunnel's canonical text indented. */
START_TEST(print_round_trip)
{
        const char *text = "hostname r1\n"
                           "ipv6 route 2001:db8:1000::/64 gre1\n"
                           "tunnel gre1   # comments go\n"
                           "kind gre\n"
                           "description \"to  vps01 #1\"\n"
                           "local 192.0.2.1\nremote 198.51.100.1\nkey 42\nttl 64\n"
                           "outer-mtu 1500\nmtu 1400\n"
                           "link 2001:db8:ffff::/64\n"
                           "address 2001:db8:ffff::1/128 peer 2001:db8:ffff::2\n"
                           "table 10\nroute ::/0\nroute 2001:db8:1000::/64\n"
                           "interface br0 address 2001:db8:2::1/64\n"
                           "interface br0 route 2001:db8:2::/64\n"
                           "rule from 2001:db8::/32 priority 1000\n"
                           "rule from 2001:db8:2::/64 priority 100\n"
                           "exit\n"
                           "tunnel t2\nkind external\nlink 2001:db8:3::/64\n"
                           "address 2001:db8:3::1 peer 2001:db8:3::2\n";
        struct config *a = parse_ok("a.conf", text);
        char *p1 = tu_print(a);
        struct config *b = parse_ok("printed", p1);
        char *p2 = tu_print(b);

        ck_assert_msg(config_equal(a, b), "the print parses to something else:\n%s", p1);
        ck_assert_str_eq(p1, p2);
        ck_assert_str_eq(p1, "hostname r1\n!\n"
                             "tunnel gre1\n kind gre\n description \"to  vps01 #1\"\n"
                             " local 192.0.2.1\n remote 198.51.100.1\n key 42\n ttl 64\n"
                             " outer-mtu 1500\n mtu 1400\n link 2001:db8:ffff::/64\n"
                             " address 2001:db8:ffff::1 peer 2001:db8:ffff::2\n table 10\n"
                             " route default\n route 2001:db8:1000::/64\n"
                             " interface br0 address 2001:db8:2::1/64\n"
                             " interface br0 route 2001:db8:2::/64\n"
                             " rule from 2001:db8::/32\n"
                             " rule from 2001:db8:2::/64 priority 100\n"
                             "exit\n!\n"
                             "tunnel t2\n kind external\n link 2001:db8:3::/64\n"
                             " address 2001:db8:3::1 peer 2001:db8:3::2\nexit\n!\n"
                             "ipv6 route 2001:db8:1000::/64 gre1\n!\nend\n");
        config_free(a);
        config_free(b);
        free(p1);
        free(p2);
}
END_TEST

/* What a reload compares: a statement changed is a change; spelling, order of the words'
 * defaults and comments are not. */
START_TEST(equality_for_reload)
{
        const char *base = "tunnel t0\nkind external\nlink 2001:db8:1::/64\n"
                           "address 2001:db8:1::1 peer 2001:db8:1::2\ntable 1\n";
        char text[1024];
        struct config *a, *b;

        snprintf(text, sizeof(text), "%sroute default\nrule from 2001:db8::/32\n", base);
        a = parse_ok("a.conf", text);
        snprintf(text, sizeof(text),
                 "! the same\n%sroute ::/0 # the default\n"
                 "rule from 2001:db8::/32 priority 1000\nexit\n",
                 base);
        b = parse_ok("b.conf", text);
        ck_assert(config_equal(a, b));
        ck_assert(config_tunnel_equal(&a->tunnels[0], &b->tunnels[0]));
        config_free(b);

        snprintf(text, sizeof(text), "%sroute default\nrule from 2001:db8::/32 priority 900\n",
                 base);
        b = parse_ok("b.conf", text);
        ck_assert(!config_equal(a, b));
        ck_assert(!config_tunnel_equal(&a->tunnels[0], &b->tunnels[0]));
        config_free(b);

        /* The same description under another name is another tunnel. */
        snprintf(text, sizeof(text), "%sroute default\nrule from 2001:db8::/32\n", base);
        text[8] = '1';
        b = parse_ok("b.conf", text);
        ck_assert_str_eq(b->tunnels[0].name, "t1");
        ck_assert(!config_tunnel_equal(&a->tunnels[0], &b->tunnels[0]));
        config_free(b);
        config_free(a);
}
END_TEST

/* lbgpd.conf(5)'s TUNNEL SECTIONS lists every statement of lbgp-tunnel's parser as an
 * ".It Ic WORD" line, and nothing else: the doc check of the command table does not see
 * these statements, as the command table does not hold them. */
START_TEST(man_page_lists_every_statement)
{
        char *page = tu_read(MANPAGE, NULL);
        char *start = strstr(page, "\n.Sh TUNNEL SECTIONS\n");
        ck_assert_msg(start != NULL, "no TUNNEL SECTIONS in lbgpd.conf.5");
        char *end = strstr(start + 1, "\n.Sh ");
        ck_assert_ptr_nonnull(end);
        *end = '\0';

        for (size_t i = 0; tconf_statement_name(i) != NULL; i++) {
                char want[64];
                snprintf(want, sizeof(want), "\n.It Ic %s", tconf_statement_name(i));
                char *at = strstr(start, want);
                ck_assert_msg(at != NULL && (at[strlen(want)] == ' ' || at[strlen(want)] == '\n'),
                              "lbgpd.conf.5 does not document the statement '%s'",
                              tconf_statement_name(i));
        }
        size_t items = 0;
        for (char *at = strstr(start, "\n.It Ic "); at != NULL; at = strstr(at + 1, "\n.It Ic ")) {
                char word[64];
                ck_assert_int_eq(sscanf(at + 8, "%63s", word), 1);
                ck_assert_msg(tconf_is_statement(word),
                              "lbgpd.conf.5 documents '%s', which is no tunnel statement", word);
                items++;
        }
        ck_assert_uint_ge(items, 15);
        free(page);
}
END_TEST

int main(void)
{
        Suite *s = suite_create("config_tunnel");
        TCase *tc = tcase_create("tunnel");
        tcase_add_test(tc, seed_ends_as_sections);
        tcase_add_test(tc, where_a_section_ends);
        tcase_add_loop_test(tc, errors_name_file_line_column, 0,
                            (int)(sizeof(bad) / sizeof(bad[0])));
        tcase_add_test(tc, warnings_do_not_stop);
        tcase_add_test(tc, print_round_trip);
        tcase_add_test(tc, equality_for_reload);
        tcase_add_test(tc, man_page_lists_every_statement);
        suite_add_tcase(s, tc);
        return tu_run_suite(s);
}
