/*
 * check_tunnel_plan.c - the kernel objects a description stands for (plan.c): which
 * ones, in which order, with which marks, for the seed's two ends and for GRE.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan.h"
#include "tunnel_test.h"

/* The plan of a parsed description as text, one object a line. */
static char *plan_text(const struct tunnel_conf *c, struct plan *p)
{
        size_t cap = 8192, len = 0;
        char *out = malloc(cap);

        ck_assert_ptr_nonnull(out);
        out[0] = '\0';
        plan_build(c, p);
        for (size_t i = 0; i < p->n; i++) {
                int n = plan_format(&p->obj[i], out + len, cap - len - 1);

                ck_assert_int_gt(n, 0);
                len += (size_t)n;
                ck_assert_uint_lt(len + 1, cap);
                out[len++] = '\n';
                out[len] = '\0';
        }
        return out;
}

START_TEST(router_side)
{
        struct tunnel_conf c;
        struct plan p;
        char *diags, *got;

        ck_assert_int_eq(tt_parse_example("router01-vps01.conf", &c, &diags), TCONF_OK);
        got = plan_text(&c, &p);
        ck_assert_str_eq(
            got, "link gif0 type sit local 198.51.100.10 remote 203.0.113.10 ttl 64 mtu "
                 "1480 alias \"lbgp-tunnel: Tunnel-to-VPS\" up\n"
                 "address 2a06:9801:1c:ffff::1 peer 2a06:9801:1c:ffff::2/128 dev gif0 "
                 "proto 202\n"
                 "route 2a06:9801:1c:1000::/64 dev gif0 table main metric 1024 proto 202\n");
        ck_assert_int_eq(p.obj[0].type, TUNNEL_OBJ_LINK);
        ck_assert_int_eq(p.obj[0].u.link.kind, TUNNEL_KIND_SIT);
        ck_assert(p.obj[1].u.addr.has_peer);
        ck_assert_uint_eq(p.obj[2].u.route.table, TUNNEL_TABLE_MAIN);
        free(diags);
        free(got);
}
END_TEST

START_TEST(server_side)
{
        struct tunnel_conf c;
        struct plan p;
        char *diags, *got;

        ck_assert_int_eq(tt_parse_example("vps01.conf", &c, &diags), TCONF_OK);
        got = plan_text(&c, &p);
        /* Link, addresses, routes (the blackhole after the rest), the rule last. */
        ck_assert_str_eq(
            got, "link gif0 type sit local 203.0.113.10 remote 198.51.100.10 ttl 64 mtu "
                 "1480 alias \"lbgp-tunnel\" up\n"
                 "address 2a06:9801:1c:ffff::2 peer 2a06:9801:1c:ffff::1/128 dev gif0 "
                 "proto 202\n"
                 "address 2a06:9801:1c:1000::1/64 dev bastille0 proto 202\n"
                 "route default dev gif0 table 1 metric 1024 proto 202\n"
                 "route 2a06:9801:1c:1000::/64 dev bastille0 table 1 metric 1024 proto 202\n"
                 "route 2001:db8:200:0:1000::/68 dev bastille0 table 1 metric 1024 proto "
                 "202\n"
                 "route blackhole default table 1 metric 4294967295 proto 202\n"
                 "rule from 2a06:9801:1c::/48 table 1 priority 1000 proto 202\n");
        ck_assert_int_eq(p.obj[6].u.route.type, TUNNEL_ROUTE_BLACKHOLE);
        ck_assert_int_eq(p.obj[7].type, TUNNEL_OBJ_RULE);
        free(diags);
        free(got);
}
END_TEST

START_TEST(gre_kinds)
{
        struct tunnel_conf c;
        struct plan p;
        char *diags, *got;

        ck_assert_int_eq(tt_parse("tunnel gre0\nkind gre\nlocal 198.51.100.10\n"
                                  "remote 198.51.100.44\nkey 42\nttl 30\n"
                                  "link 2001:db8:300::/64\naddress 2001:db8:300::2 peer "
                                  "2001:db8:300::1\ndescription Transit-iFog\n",
                                  &c, &diags),
                         TCONF_OK);
        got = plan_text(&c, &p);
        ck_assert_str_eq(got,
                         "link gre0 type gre local 198.51.100.10 remote 198.51.100.44 ttl 30 "
                         "key 42 mtu 1472 alias \"lbgp-tunnel: Transit-iFog\" up\n"
                         "address 2001:db8:300::2 peer 2001:db8:300::1/128 dev gre0 proto 202\n");
        free(diags);
        free(got);

        ck_assert_int_eq(tt_parse("tunnel g6\nkind ip6gre\nlocal 2001:db8:100::96\n"
                                  "remote 2001:db8:100::ff\n"
                                  "link 2001:db8:300::/64\naddress 2001:db8:300::2 peer "
                                  "2001:db8:300::1\n",
                                  &c, &diags),
                         TCONF_OK);
        got = plan_text(&c, &p);
        ck_assert_str_eq(got,
                         "link g6 type ip6gre local 2001:db8:100::96 remote 2001:db8:100::ff "
                         "hoplimit 64 encaplimit none mtu 1456 alias \"lbgp-tunnel\" up\n"
                         "address 2001:db8:300::2 peer 2001:db8:300::1/128 dev g6 proto 202\n");
        free(diags);
        free(got);
}
END_TEST

START_TEST(external_link)
{
        struct tunnel_conf c;
        struct plan p;
        char *diags, *got;

        /* No link object: only what goes on it and through it. */
        ck_assert_int_eq(tt_parse("tunnel veth0\nkind external\n"
                                  "link 2001:db8:300::/64\naddress 2001:db8:300::2 peer "
                                  "2001:db8:300::1\ntable 7\nroute default\n"
                                  "rule from 2001:db8:300::/64 priority 99\n",
                                  &c, &diags),
                         TCONF_OK);
        got = plan_text(&c, &p);
        ck_assert_str_eq(got,
                         "address 2001:db8:300::2 peer 2001:db8:300::1/128 dev veth0 proto 202\n"
                         "route default dev veth0 table 7 metric 1024 proto 202\n"
                         "route blackhole default table 7 metric 4294967295 proto 202\n"
                         "rule from 2001:db8:300::/64 table 7 priority 99 proto 202\n");
        free(diags);
        free(got);
}
END_TEST

/* The plan of what old has and new has not, as text. */
static char *stale_text(const char *old_text, const char *new_text)
{
        struct tunnel_conf old, new;
        struct plan *p = malloc(sizeof(*p));
        size_t cap = 8192, len = 0;
        char *out = malloc(cap), *diags;

        ck_assert_ptr_nonnull(p);
        ck_assert_ptr_nonnull(out);
        ck_assert_int_eq(tt_parse(old_text, &old, &diags), TCONF_OK);
        free(diags);
        ck_assert_int_eq(tt_parse(new_text, &new, &diags), TCONF_OK);
        free(diags);
        ck_assert_int_eq(plan_stale(&old, &new, p), 0);
        out[0] = '\0';
        for (size_t i = 0; i < p->n; i++) {
                len += (size_t)plan_format(&p->obj[i], out + len, cap - len - 1);
                out[len++] = '\n';
                out[len] = '\0';
        }
        free(p);
        return out;
}

#define SERVER                                                                                     \
        "tunnel gif0\nkind external\nmtu 1480\nlink 2a06:9801:1c:ffff::/64\n"                      \
        "address 2a06:9801:1c:ffff::2 peer 2a06:9801:1c:ffff::1\n"

START_TEST(stale_objects)
{
        char *got;

        /* The same description: nothing is stale. */
        got = stale_text(SERVER "table 1\nroute default\nrule from 2a06:9801:1c::/48\n",
                         SERVER "table 1\nroute default\nrule from 2a06:9801:1c::/48\n");
        ck_assert_str_eq(got, "");
        free(got);

        /* A route gone, a rule moved to another priority: those two, and not the
         * blackhole, which the new rule still needs. */
        got =
            stale_text(SERVER "table 1\nroute default\ninterface br0 route 2001:db8:1::/64\n"
                              "rule from 2a06:9801:1c::/48\n",
                       SERVER "table 1\nroute default\nrule from 2a06:9801:1c::/48 priority 900\n");
        ck_assert_str_eq(got, "route 2001:db8:1::/64 dev br0 table 1 metric 1024 proto 202\n"
                              "rule from 2a06:9801:1c::/48 table 1 priority 1000 proto 202\n");
        free(got);

        /* Another table: every route, the blackhole and the rule; the pair stays. */
        got = stale_text(SERVER "table 1\nroute default\nrule from 2a06:9801:1c::/48\n",
                         SERVER "table 2\nroute default\nrule from 2a06:9801:1c::/48\n");
        ck_assert_str_eq(got, "route default dev gif0 table 1 metric 1024 proto 202\n"
                              "route blackhole default table 1 metric 4294967295 proto 202\n"
                              "rule from 2a06:9801:1c::/48 table 1 priority 1000 proto 202\n");
        free(got);

        /* A route's interface changed is the same route (apply changes it in place); an
         * address of another length on the bridge is the same address. */
        got = stale_text(SERVER "interface br0 address 2001:db8:2::1/64\ninterface br0 route "
                                "2001:db8:2::/64\n",
                         SERVER "interface br0 address 2001:db8:2::1/56\ninterface br1 route "
                                "2001:db8:2::/64\n");
        ck_assert_str_eq(got, "");
        free(got);

        /* A sit link that becomes external: the link is stale, the rest is not. */
        got = stale_text("tunnel gif0\nkind sit\nlocal 192.0.2.1\nremote 198.51.100.1\n"
                         "link 2a06:9801:1c:ffff::/64\n"
                         "address 2a06:9801:1c:ffff::2 peer 2a06:9801:1c:ffff::1\n",
                         SERVER);
        ck_assert_str_eq(got, "link gif0 type sit local 192.0.2.1 remote 198.51.100.1 ttl 64 "
                              "mtu 1480 alias \"lbgp-tunnel\" up\n");
        free(got);

        /* Another kind under the same name: the old link goes; new parameters of the same
         * kind are changed in place. */
        got = stale_text("tunnel t0\nkind sit\nlocal 192.0.2.1\nremote 198.51.100.1\n"
                         "link 2a06:9801:1c:ffff::/64\n"
                         "address 2a06:9801:1c:ffff::2 peer 2a06:9801:1c:ffff::1\n",
                         "tunnel t0\nkind gre\nlocal 192.0.2.1\nremote 198.51.100.1\n"
                         "link 2a06:9801:1c:ffff::/64\n"
                         "address 2a06:9801:1c:ffff::2 peer 2a06:9801:1c:ffff::1\n");
        ck_assert_str_eq(got, "link t0 type sit local 192.0.2.1 remote 198.51.100.1 ttl 64 "
                              "mtu 1480 alias \"lbgp-tunnel\" up\n");
        free(got);
        got = stale_text("tunnel t0\nkind gre\nlocal 192.0.2.1\nremote 198.51.100.1\n"
                         "link 2a06:9801:1c:ffff::/64\n"
                         "address 2a06:9801:1c:ffff::2 peer 2a06:9801:1c:ffff::1\n",
                         "tunnel t0\nkind gre\nlocal 192.0.2.1\nremote 198.51.100.9\nkey 7\n"
                         "link 2a06:9801:1c:ffff::/64\n"
                         "address 2a06:9801:1c:ffff::2 peer 2a06:9801:1c:ffff::1\n");
        ck_assert_str_eq(got, "");
        free(got);
}
END_TEST

static Suite *suite(void)
{
        Suite *s = suite_create("tunnel_plan");
        TCase *tc = tcase_create("plan");

        tcase_add_test(tc, router_side);
        tcase_add_test(tc, server_side);
        tcase_add_test(tc, gre_kinds);
        tcase_add_test(tc, external_link);
        tcase_add_test(tc, stale_objects);
        suite_add_tcase(s, tc);
        return s;
}

int main(void)
{
        return tt_run_suite(suite());
}
