/* check_config_parse.c - the configuration object built from the seed and from a file
 * with every command; FRR's node rules without indentation; defaults and warnings. */
#include <arpa/inet.h>
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "testutil_config.h"

static struct config *parse_ok(const char *name, const char *text)
{
        struct config *cfg;
        char *diags;
        int rc = tu_parse(name, text, &cfg, &diags);
        ck_assert_msg(rc == CONFIG_OK, "%s", diags);
        free(diags);
        return cfg;
}

static struct config *parse_file_ok(const char *file)
{
        char *text = tu_read(file, NULL);
        struct config *cfg = parse_ok(file, text);
        free(text);
        return cfg;
}

static void assert_prefix(const struct bgp_prefix *p, const char *want)
{
        char buf[64];
        bgp_prefix_format(p, buf, sizeof(buf));
        ck_assert_str_eq(buf, want);
}

START_TEST(seed_parses_without_diagnostics)
{
        char *text = tu_read("frr.conf", NULL);
        struct config *cfg;
        char *diags;
        ck_assert_int_eq(tu_parse("frr.conf", text, &cfg, &diags), CONFIG_OK);
        ck_assert_str_eq(diags, "");
        free(diags);
        free(text);
        config_free(cfg);
}
END_TEST

START_TEST(seed_is_the_shared_seed)
{
        /* data/frr.conf is a verbatim copy of shared/seed/frr.conf, kept in the tree so
         * the tests run without it; when the original is here, they must not differ. */
        FILE *fp = fopen(CONFIG_SHARED "/seed/frr.conf", "rb");
        if (fp == NULL)
                return;
        fclose(fp);
        size_t a_len, b_len;
        char *a = tu_read(CONFIG_SHARED "/seed/frr.conf", &a_len);
        char *b = tu_read("frr.conf", &b_len);
        ck_assert_uint_eq(a_len, b_len);
        ck_assert(memcmp(a, b, a_len) == 0);
        free(a);
        free(b);
}
END_TEST

START_TEST(seed_object)
{
        struct config *cfg = parse_file_ok("frr.conf");

        ck_assert_str_eq(cfg->frr_version, "10.5.1");
        ck_assert_int_eq(cfg->frr_defaults, CONFIG_DEFAULTS_TRADITIONAL);
        ck_assert_str_eq(cfg->hostname, "router01");
        ck_assert(cfg->log.to_syslog.enabled);
        ck_assert_int_eq(cfg->log.to_syslog.level, CONFIG_LOG_INFORMATIONAL);
        ck_assert(!cfg->log.to_stdout.enabled);
        ck_assert(cfg->service_integrated_vtysh_config);

        ck_assert_uint_eq(cfg->n_prefix_lists, 2);
        const struct config_prefix_list *my =
            config_find_prefix_list(cfg, BGP_AFI_IPV6, "PL-MY-NET");
        ck_assert_ptr_nonnull(my);
        ck_assert_ptr_null(config_find_prefix_list(cfg, BGP_AFI_IPV4, "PL-MY-NET"));
        ck_assert_uint_eq(my->n_entries, 1);
        ck_assert_uint_eq(my->entries[0].seq, 5);
        ck_assert_int_eq(my->entries[0].action, CONFIG_PERMIT);
        assert_prefix(&my->entries[0].prefix, "2a06:9801:1c::/48");
        ck_assert_uint_eq(my->loc.line, 7);

        const struct config_prefix_list *bog =
            config_find_prefix_list(cfg, BGP_AFI_IPV6, "PL-BOGONS");
        ck_assert_uint_eq(bog->n_entries, 22);
        ck_assert_uint_eq(bog->entries[0].seq, 5);
        ck_assert_uint_eq(bog->entries[0].le, 7);
        ck_assert_uint_eq(bog->entries[20].seq, 105);
        ck_assert_uint_eq(bog->entries[20].ge, 49);
        ck_assert_uint_eq(bog->entries[21].le, 48);
        ck_assert_int_eq(bog->entries[21].action, CONFIG_PERMIT);
        ck_assert_uint_eq(bog->entries[21].loc.line, 30);

        ck_assert_uint_eq(cfg->n_route_maps, 4);
        const struct config_route_map *out = config_find_route_map(cfg, "RM-IFOG-OUT");
        ck_assert_uint_eq(out->n_entries, 1);
        const struct config_route_map_entry *e = &out->entries[0];
        ck_assert_uint_eq(e->seq, 10);
        ck_assert_str_eq(e->match[CONFIG_MATCH_IPV6_PREFIX_LIST].name, "PL-MY-NET");
        ck_assert(e->set_community.given && e->set_community.additive);
        ck_assert_uint_eq(e->set_community.n_values, 2);
        ck_assert_uint_eq(e->set_community.values[0], 34927u << 16 | 9501);
        ck_assert_uint_eq(e->set_community.values[1], 34927u << 16 | 9301);
        const struct config_route_map_entry *lg =
            &config_find_route_map(cfg, "RM-LAGRANGE-OUT")->entries[0];
        ck_assert_uint_eq(lg->set_prepend.n_asns, 2);
        ck_assert_uint_eq(lg->set_prepend.asns[0], 201379);

        ck_assert_uint_eq(cfg->n_static_routes, 1);
        assert_prefix(&cfg->static_routes[0].prefix, "2a06:9801:1c::/48");
        ck_assert_int_eq(cfg->static_routes[0].kind, CONFIG_STATIC_BLACKHOLE);

        const struct config_bgp *bgp = &cfg->bgp;
        ck_assert(bgp->given);
        ck_assert_uint_eq(bgp->asn, 201379);
        ck_assert(bgp->router_id_given);
        ck_assert_uint_eq(bgp->router_id[0], 198);
        ck_assert_uint_eq(bgp->router_id[3], 10);
        ck_assert_int_eq(bgp->default_ipv4_unicast, CONFIG_OFF);
        ck_assert(config_ebgp_requires_policy(cfg)); /* FRR 10.5.1's default */
        ck_assert_uint_eq(bgp->n_neighbors, 2);

        const struct config_neighbor *ifog = &bgp->neighbors[0];
        ck_assert_str_eq(ifog->addr_text, "2001:db8:300::1");
        ck_assert_uint_eq(ifog->remote_as, 34927);
        ck_assert_str_eq(ifog->description, "Upstream-iFog");
        ck_assert_uint_eq(ifog->ttl_security_hops, 1);
        ck_assert_int_eq(ifog->update_source.kind, CONFIG_UPDATE_SOURCE_INTERFACE);
        ck_assert_str_eq(ifog->update_source.ifname, "gre0");
        ck_assert(config_neighbor_is_ebgp(cfg, ifog));
        ck_assert(config_neighbor_active(cfg, ifog, CONFIG_AF_IPV6_UNICAST));
        ck_assert(!config_neighbor_active(cfg, ifog, CONFIG_AF_IPV4_UNICAST));
        const struct config_neighbor_af *af = &ifog->af[CONFIG_AF_IPV6_UNICAST];
        ck_assert(af->soft_reconfig_in);
        ck_assert(af->max_prefix.given);
        ck_assert_uint_eq(af->max_prefix.max, 250000);
        ck_assert_uint_eq(af->max_prefix.threshold, 90);
        ck_assert_uint_eq(af->max_prefix.restart, 30);
        ck_assert_uint_eq(af->max_prefix.loc.line, 68);
        ck_assert_str_eq(af->route_map[CONFIG_IN].name, "RM-IFOG-IN");
        ck_assert_str_eq(af->route_map[CONFIG_OUT].name, "RM-IFOG-OUT");

        const struct config_neighbor *lag = &bgp->neighbors[1];
        ck_assert_int_eq(lag->update_source.kind, CONFIG_UPDATE_SOURCE_ADDRESS);
        ck_assert_int_eq(lag->update_source.afi, BGP_AFI_IPV6);
        uint8_t want[16];
        inet_pton(AF_INET6, "2001:db8:100::96", want);
        ck_assert(memcmp(lag->update_source.addr, want, 16) == 0);

        ck_assert_uint_eq(bgp->af[CONFIG_AF_IPV6_UNICAST].n_networks, 1);
        assert_prefix(&bgp->af[CONFIG_AF_IPV6_UNICAST].networks[0].prefix, "2a06:9801:1c::/48");
        ck_assert_uint_eq(bgp->af[CONFIG_AF_IPV6_UNICAST].networks[0].loc.line, 65);
        config_free(cfg);
}
END_TEST

START_TEST(indentation_means_nothing)
{
        struct config *flat = parse_file_ok("frr.conf");
        struct config *indented = parse_file_ok("seed-indented.conf");
        ck_assert(config_equal(flat, indented));
        /* Locations differ (the indented copy starts with a comment), meaning does not. */
        ck_assert_uint_ne(flat->bgp.loc.line, indented->bgp.loc.line);
        config_free(flat);
        config_free(indented);
}
END_TEST

START_TEST(equal_notices_differences)
{
        char *text = tu_read("frr.conf", NULL);
        struct config *a = parse_ok("a", text);
        char *changed = strdup(text);
        char *at = strstr(changed, "maximum-prefix 250000 90");
        memcpy(at, "maximum-prefix 250001 90", 24);
        struct config *b = parse_ok("b", changed);
        ck_assert(config_equal(a, a));
        ck_assert(!config_equal(a, b));
        config_free(a);
        config_free(b);
        free(changed);
        free(text);
}
END_TEST

START_TEST(rich_file)
{
        struct config *cfg = parse_file_ok("rich.conf");

        ck_assert_str_eq(cfg->hostname, "edge router 2");
        ck_assert_str_eq(cfg->log.file_path, "/var/log/lbgpd.log");
        ck_assert_int_eq(cfg->log.to_file.level, CONFIG_LOG_DEBUGGING);
        ck_assert(cfg->log.to_stdout.enabled);
        ck_assert_int_eq(cfg->log.to_stdout.level, CONFIG_LOG_DEFAULT);

        /* Without "seq", the next multiple of five. */
        const struct config_prefix_list *own =
            config_find_prefix_list(cfg, BGP_AFI_IPV4, "PL4-OWN");
        ck_assert_str_eq(own->description, "our IPv4 space");
        ck_assert_uint_eq(own->entries[1].seq, 10);
        const struct config_prefix_list *in = config_find_prefix_list(cfg, BGP_AFI_IPV6, "PL-IN");
        ck_assert_uint_eq(in->entries[3].seq, 20);
        ck_assert_str_eq(config_find_prefix_list(cfg, BGP_AFI_IPV6, "PL-MY-NET")->description,
                         "  our /48, spaced  ");
        ck_assert(config_find_prefix_list(cfg, BGP_AFI_IPV4, "PL4-BOGONS")->entries[1].any);

        const struct config_community_list *cl = config_find_community_list(cfg, false, "CL-MIXED");
        ck_assert_int_eq(cl->style, CONFIG_LIST_STANDARD);
        ck_assert_uint_eq(cl->entries[0].n_values, 3);
        ck_assert_uint_eq(cl->entries[0].values[1], 0xFFFFFF01u);
        ck_assert_uint_eq(cl->entries[0].values[2], 0xFFFF0000u);
        cl = config_find_community_list(cfg, false, "150");
        ck_assert(cl->numbered);
        ck_assert_int_eq(cl->style, CONFIG_LIST_EXPANDED);
        ck_assert_str_eq(cl->entries[0].regex, "_65001:");
        cl = config_find_community_list(cfg, true, "20");
        ck_assert(cl->large && cl->numbered);
        ck_assert_uint_eq(cl->entries[0].large[0].global, 4200000000u);
        ck_assert_uint_eq(cl->entries[0].large[0].local2, 4294967295u);
        ck_assert_ptr_null(config_find_community_list(cfg, false, "20"));
        const struct config_aspath_list *al = config_find_aspath_list(cfg, "AS-CUST");
        ck_assert_uint_eq(al->n_entries, 2);
        ck_assert_str_eq(al->entries[0].regex, "^65010(_65010)*$");

        /* The route-map entries follow each other without "exit". */
        const struct config_route_map *rm = config_find_route_map(cfg, "RM-OUT");
        ck_assert_uint_eq(rm->n_entries, 4);
        const struct config_route_map_entry *e = &rm->entries[0];
        ck_assert_str_eq(e->description, "announce only our own prefix");
        ck_assert_str_eq(e->match[CONFIG_MATCH_AS_PATH].name, "AS-LOCAL");
        ck_assert_uint_eq(e->set_local_pref.value, 200);
        ck_assert_uint_eq(e->set_metric.value, 50);
        ck_assert(e->set_ipv6_nexthop_global.given);
        ck_assert_int_eq(e->on_match, CONFIG_ON_MATCH_NEXT);
        ck_assert_uint_eq(e->set_large_community.large[0].local1, 1);
        e = &rm->entries[1];
        ck_assert_int_eq(e->action, CONFIG_DENY);
        ck_assert(e->match[CONFIG_MATCH_COMMUNITY].exact_match);
        ck_assert(e->set_community.none);
        ck_assert_int_eq(e->on_match, CONFIG_ON_MATCH_GOTO);
        ck_assert_uint_eq(e->on_match_goto, 40);
        ck_assert(rm->entries[2].has_continue);
        ck_assert_uint_eq(rm->entries[2].continue_seq, 0);
        ck_assert_uint_eq(rm->entries[3].continue_seq, 50);

        ck_assert_uint_eq(cfg->n_static_routes, 9);
        const struct config_static_route *r = &cfg->static_routes[3];
        ck_assert_int_eq(r->kind, CONFIG_STATIC_NEXTHOP);
        ck_assert_str_eq(r->ifname, "eth0");
        ck_assert_uint_eq(r->tag, 9);
        ck_assert_uint_eq(r->distance, 5);
        ck_assert_int_eq(cfg->static_routes[4].kind, CONFIG_STATIC_BLACKHOLE); /* Null0 */
        ck_assert_int_eq(cfg->static_routes[6].kind, CONFIG_STATIC_INTERFACE);
        ck_assert_uint_eq(cfg->static_routes[8].distance, 200);

        const struct config_bgp *bgp = &cfg->bgp;
        ck_assert_int_eq(bgp->ebgp_requires_policy, CONFIG_OFF);
        ck_assert(!config_ebgp_requires_policy(cfg));
        ck_assert_int_eq(bgp->log_neighbor_changes, CONFIG_ON);
        ck_assert_uint_eq(bgp->n_neighbors, 4);
        const struct config_neighbor *t1 = &bgp->neighbors[0];
        ck_assert_str_eq(t1->password, "s3cret with spaces");
        ck_assert(t1->timers_given);
        ck_assert_uint_eq(t1->keepalive, 10);
        ck_assert_uint_eq(t1->holdtime, 30);
        ck_assert_uint_eq(t1->connect_retry, 15);
        ck_assert(!config_neighbor_active(cfg, t1, CONFIG_AF_IPV4_UNICAST));
        ck_assert_str_eq(t1->af[CONFIG_AF_IPV6_UNICAST].filter_list[CONFIG_IN].name, "AS-CUST");
        const struct config_neighbor *t2 = &bgp->neighbors[1];
        ck_assert_int_eq(t2->remote_as_kind, CONFIG_REMOTE_AS_EXTERNAL);
        ck_assert_uint_eq(t2->ebgp_multihop, 3);
        ck_assert_uint_eq(t2->local_as, 65099);
        ck_assert(t2->local_as_no_prepend && t2->local_as_replace_as);
        ck_assert(t2->passive && t2->shutdown);
        ck_assert_str_eq(t2->shutdown_message, "maintenance until 18:00 UTC, ticket 4711");
        const struct config_neighbor *ibgp = &bgp->neighbors[2];
        ck_assert(!config_neighbor_is_ebgp(cfg, ibgp));
        ck_assert(config_neighbor_active(cfg, ibgp, CONFIG_AF_IPV4_UNICAST)); /* default on */
        ck_assert(ibgp->af[CONFIG_AF_IPV6_UNICAST].next_hop_self_force);
        const struct config_neighbor *mh = &bgp->neighbors[3];
        ck_assert_uint_eq(mh->ebgp_multihop, 255);
        ck_assert(!mh->ebgp_multihop_given);
        const struct config_max_prefix *mp = &mh->af[CONFIG_AF_IPV4_UNICAST].max_prefix;
        ck_assert(mp->force && mp->warning_only);
        ck_assert_str_eq(bgp->af[CONFIG_AF_IPV4_UNICAST].networks[1].route_map, "RM-OUT");
        config_free(cfg);
}
END_TEST

/* Parses text that must be valid and returns the configuration. */
static struct config *parse_lines(const char *text)
{
        return parse_ok("t.conf", text);
}

START_TEST(blocks_end_at_top_level_commands)
{
        /* No "exit": the ipv6 route line leaves the route-map (FRR's parent-node rule), the
         * second route-map line starts a new entry, and a remote-as line inside the
         * address-family leaves it for router bgp. */
        struct config *cfg;
        char *diags;
        int rc = tu_parse("t.conf",
                          "route-map A permit 10\n"
                          "set metric 1\n"
                          "ipv6 route 2001:db8::/32 blackhole\n"
                          "route-map A permit 20\n"
                          "set metric 2\n"
                          "router bgp 65000\n"
                          "neighbor 2001:db8::1 remote-as 65001\n"
                          "address-family ipv6 unicast\n"
                          "neighbor 2001:db8::1 activate\n"
                          "neighbor 2001:db8::2 remote-as 65002\n"
                          "neighbor 2001:db8::2 activate\n"
                          "ip prefix-list X seq 5 permit 10.0.0.0/8\n"
                          "route-map A permit 10\n"
                          "set local-preference 7\n",
                          &cfg, &diags);
        ck_assert_int_eq(rc, CONFIG_OK);
        const struct config_route_map *rm = config_find_route_map(cfg, "A");
        ck_assert_uint_eq(rm->n_entries, 2);
        ck_assert_uint_eq(rm->entries[0].set_metric.value, 1);
        /* Back into entry 10: later lines add to it. */
        ck_assert_uint_eq(rm->entries[0].set_local_pref.value, 7);
        ck_assert_uint_eq(rm->entries[1].set_metric.value, 2);
        ck_assert_uint_eq(cfg->n_static_routes, 1);
        ck_assert_uint_eq(cfg->bgp.n_neighbors, 2);
        ck_assert_int_eq(cfg->bgp.neighbors[0].af[CONFIG_AF_IPV6_UNICAST].activate, CONFIG_ON);
        /* After the remote-as line we are in router bgp, where FRR applies activate to IPv4
         * unicast: so do we, and say so. */
        ck_assert_int_eq(cfg->bgp.neighbors[1].af[CONFIG_AF_IPV6_UNICAST].activate, CONFIG_UNSET);
        ck_assert_int_eq(cfg->bgp.neighbors[1].af[CONFIG_AF_IPV4_UNICAST].activate, CONFIG_ON);
        ck_assert_str_eq(diags, "t.conf:11:1: warning: this line is outside any address-family, "
                                "so it applies to ipv4 unicast (as in FRR); if it is meant for "
                                "another family, write it after 'address-family ... unicast'\n");
        ck_assert_uint_eq(cfg->n_prefix_lists, 1);
        free(diags);
        config_free(cfg);
}
END_TEST

START_TEST(warnings_do_not_fail)
{
        struct config *cfg;
        char *diags;
        int rc = tu_parse("t.conf",
                          "ipv6 prefix-list X seq 5 permit 2001:db8::1/32\n"
                          "ipv6 prefix-list X seq 5 deny 2001:db8::/32\n"
                          "ipv6 route 2001:db8:0:1::1/64 blackhole\n",
                          &cfg, &diags);
        ck_assert_int_eq(rc, CONFIG_OK);
        ck_assert_str_eq(diags,
                         "t.conf:1:33: warning: '2001:db8::1/32' has host bits set; it is read "
                         "as 2001:db8::/32 (FRR does the same without telling): write "
                         "2001:db8::/32\n"
                         "t.conf:2:24: warning: seq 5 of ipv6 prefix-list X was already defined "
                         "at line 1; this line replaces it\n"
                         "t.conf:3:12: warning: '2001:db8:0:1::1/64' has host bits set; it is "
                         "read as 2001:db8:0:1::/64 (FRR does the same without telling): write "
                         "2001:db8:0:1::/64\n");
        const struct config_prefix_list *pl = config_find_prefix_list(cfg, BGP_AFI_IPV6, "X");
        ck_assert_uint_eq(pl->n_entries, 1);
        ck_assert_int_eq(pl->entries[0].action, CONFIG_DENY);
        assert_prefix(&cfg->static_routes[0].prefix, "2001:db8:0:1::/64");
        free(diags);
        config_free(cfg);
}
END_TEST

START_TEST(defaults_follow_frr)
{
        /* bgp ebgp-requires-policy: off for files from FRR before 7.4, on since. */
        struct config *cfg = parse_lines("frr version 7.3.1\nrouter bgp 1\n");
        ck_assert(!config_ebgp_requires_policy(cfg));
        ck_assert(config_default_ipv4_unicast(cfg));
        config_free(cfg);
        cfg = parse_lines("frr version 7.4\nrouter bgp 1\n");
        ck_assert(config_ebgp_requires_policy(cfg));
        config_free(cfg);
        cfg = parse_lines("router bgp 1\nbgp ebgp-requires-policy\n");
        ck_assert(config_ebgp_requires_policy(cfg));
        config_free(cfg);
        /* asdot input (RFC 5396) reads as the same AS. */
        cfg = parse_lines("router bgp 3.10\nneighbor 192.0.2.1 remote-as 1.0\n");
        ck_assert_uint_eq(cfg->bgp.asn, 3u << 16 | 10);
        ck_assert_uint_eq(cfg->bgp.neighbors[0].remote_as, 65536u);
        config_free(cfg);
}
END_TEST

START_TEST(empty_and_comment_only)
{
        struct config *cfg = parse_lines("");
        ck_assert(!cfg->bgp.given);
        ck_assert_uint_eq(cfg->n_prefix_lists, 0);
        config_free(cfg);
        cfg = parse_lines("!\n! nothing\n\n   \r\nend\n");
        config_free(cfg);
}
END_TEST

int main(void)
{
        Suite *s = suite_create("config_parse");
        TCase *tc = tcase_create("parse");
        tcase_add_test(tc, seed_parses_without_diagnostics);
        tcase_add_test(tc, seed_is_the_shared_seed);
        tcase_add_test(tc, seed_object);
        tcase_add_test(tc, indentation_means_nothing);
        tcase_add_test(tc, equal_notices_differences);
        tcase_add_test(tc, rich_file);
        tcase_add_test(tc, blocks_end_at_top_level_commands);
        tcase_add_test(tc, warnings_do_not_fail);
        tcase_add_test(tc, defaults_follow_frr);
        tcase_add_test(tc, empty_and_comment_only);
        suite_add_tcase(s, tc);
        return tu_run_suite(s);
}
