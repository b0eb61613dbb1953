/*
 * check_route_map.c - route-maps with FRR's semantics (FRR docs "Route Maps", lib/routemap.c
 * route_map_apply_ext) and the lists they match on: community-lists (standard, expanded,
 * exact-match), large-community-lists, AS path access-lists with FRR's '_'; every set;
 * permit, deny and the implicit deny; on-match next/goto, continue and call; undefined
 * lists and maps; the seed's four route-maps on its /48 and on other prefixes; printing.
 */
#include <arpa/inet.h>
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bgp/bgp.h>

#include "testutil.h"

#define PERMIT  BGP_POLICY_PERMIT
#define DENY    BGP_POLICY_DENY
#define C(a, b) ((uint32_t)(a) << 16 | (uint32_t)(b))

static struct bgp_policy *policy;
static struct bgp_pattr pa;

static void setup(void)
{
        ck_assert_int_eq(bgp_policy_new(&policy, NULL), 0);
        bgp_pattr_init(&pa, NULL);
}

static void teardown(void)
{
        bgp_pattr_free(&pa);
        bgp_policy_del(policy);
        policy = NULL;
}

static struct bgp_prefix P(const char *text) {
        struct bgp_prefix p;
        ck_assert_msg(bgp_prefix_parse(text, &p) == 0, "bad prefix %s", text);
        return p;
}

static struct bgp_prefix_list *
plist(uint16_t afi, const char *name)
{
        struct bgp_prefix_list *pl;
        ck_assert_int_eq(bgp_policy_prefix_list(policy, afi, name, &pl), 0);
        return pl;
}

static void pl_add(struct bgp_prefix_list *pl, int64_t seq, enum bgp_policy_action a,
                   const char *pfx, uint8_t ge, uint8_t le)
{
        struct bgp_prefix p = P(pfx);
        ck_assert_int_eq(bgp_prefix_list_add(pl, seq, a, &p, ge, le), 0);
}

static struct bgp_route_map *rmap(const char *name)
{
        struct bgp_route_map *m;
        ck_assert_int_eq(bgp_policy_route_map(policy, name, &m), 0);
        return m;
}

static struct bgp_route_map_entry *entry(const char *map, enum bgp_policy_action a, uint32_t order)
{
        struct bgp_route_map_entry *e;
        ck_assert_int_eq(bgp_route_map_entry(rmap(map), a, order, &e), 0);
        return e;
}

static int apply(const char *map, const char *pfx)
{
        struct bgp_prefix p = P(pfx);
        return bgp_route_map_apply(policy, bgp_policy_find_route_map(policy, map), &p, &pa);
}

static char text[4096];

static const char *path(void)
{
        ck_assert_int_ge(bgp_pattr_as_path_string(&pa, text, sizeof(text)), 0);
        return text;
}

static void set_path(const char *p)
{
        /* Built by prepending, last AS first. */
        uint32_t asns[64];
        size_t n = 0;
        char *end;
        for (const char *s = p; *s != '\0'; s = end) {
                asns[n++] = (uint32_t)strtoul(s, &end, 10);
                while (*end == ' ')
                        end++;
        }
        bgp_pattr_free(&pa);
        while (n > 0)
                ck_assert_int_eq(bgp_pattr_prepend(&pa, asns[--n], 1), 0);
}

static void set_communities(const uint32_t *c, size_t n)
{
        ck_assert_int_eq(bgp_pattr_set_communities(&pa, c, n, false), 0);
}

static char printed[16384];

static int collect(const char *line, void *ctx)
{
        (void)ctx;
        size_t n = strlen(printed);
        ck_assert_uint_lt(n + strlen(line) + 1, sizeof(printed));
        snprintf(printed + n, sizeof(printed) - n, "%s\n", line);
        return 0;
}

/* ---- the seed ------------------------------------------------------------------------- */

static void load_seed(void)
{
        struct bgp_prefix_list *my = plist(BGP_AFI_IPV6, "PL-MY-NET");
        pl_add(my, 5, PERMIT, "2a06:9801:1c::/48", 0, 0);
        struct bgp_prefix_list *bog = plist(BGP_AFI_IPV6, "PL-BOGONS");
        static const struct {
                const char *pfx;
                uint8_t ge, le;
        } deny[] = {
            {"::/0", 0, 7},      {"::/8", 0, 0},
            {"100::/8", 0, 0},   {"200::/7", 0, 0},
            {"400::/6", 0, 0},   {"800::/5", 0, 0},
            {"1000::/4", 0, 0},  {"4000::/3", 0, 0},
            {"6000::/3", 0, 0},  {"8000::/3", 0, 0},
            {"a000::/3", 0, 0},  {"c000::/3", 0, 0},
            {"e000::/4", 0, 0},  {"f000::/5", 0, 0},
            {"f800::/6", 0, 0},  {"fc00::/7", 0, 0},
            {"fe80::/10", 0, 0}, {"fec0::/10", 0, 0},
            {"ff00::/8", 0, 0},  {"2a06:9801:1c::/48", 0, 0},
            {"::/0", 49, 0},
        };
        for (size_t i = 0; i < sizeof(deny) / sizeof(deny[0]); i++)
                pl_add(bog, (int64_t)(5 * (i + 1)), DENY, deny[i].pfx, deny[i].ge, deny[i].le);
        pl_add(bog, 110, PERMIT, "::/0", 0, 48);

        struct bgp_route_map_entry *e = entry("RM-IFOG-OUT", PERMIT, 10);
        ck_assert_int_eq(bgp_route_map_match_prefix_list(e, BGP_AFI_IPV6, "PL-MY-NET"), 0);
        const uint32_t ifog[] = {C(34927, 9501), C(34927, 9301)};
        ck_assert_int_eq(bgp_route_map_set_community(e, ifog, 2, true), 0);

        e = entry("RM-LAGRANGE-OUT", PERMIT, 10);
        ck_assert_int_eq(bgp_route_map_match_prefix_list(e, BGP_AFI_IPV6, "PL-MY-NET"), 0);
        const uint32_t prepend[] = {201379, 201379};
        ck_assert_int_eq(bgp_route_map_set_as_path_prepend(e, prepend, 2), 0);

        e = entry("RM-IFOG-IN", PERMIT, 10);
        ck_assert_int_eq(bgp_route_map_match_prefix_list(e, BGP_AFI_IPV6, "PL-BOGONS"), 0);
        e = entry("RM-LAGRANGE-IN", PERMIT, 10);
        ck_assert_int_eq(bgp_route_map_match_prefix_list(e, BGP_AFI_IPV6, "PL-BOGONS"), 0);
}

START_TEST(seed_outbound_on_our_prefix)
{
        load_seed();
        /* Our /48 as originated: empty path, no communities. */
        ck_assert_int_eq(apply("RM-IFOG-OUT", "2a06:9801:1c::/48"), PERMIT);
        ck_assert_uint_eq(pa.n_communities, 2);
        ck_assert_uint_eq(pa.communities[0], C(34927, 9301));
        ck_assert_uint_eq(pa.communities[1], C(34927, 9501));
        ck_assert_str_eq(path(), "");

        bgp_pattr_free(&pa);
        ck_assert_int_eq(apply("RM-LAGRANGE-OUT", "2a06:9801:1c::/48"), PERMIT);
        ck_assert_str_eq(path(), "201379 201379");
        ck_assert_uint_eq(bgp_pattr_as_path_length(&pa), 2);
        ck_assert_uint_eq(pa.n_communities, 0);

        /* additive keeps what the route had. */
        bgp_pattr_free(&pa);
        const uint32_t had[] = {C(201379 & 0xffff, 1), C(34927, 9301)};
        set_communities(had, 2);
        ck_assert_int_eq(apply("RM-IFOG-OUT", "2a06:9801:1c::/48"), PERMIT);
        ck_assert_uint_eq(pa.n_communities, 3);
        ck_assert(bgp_pattr_has_community(&pa, had[0]));
}
END_TEST

START_TEST(seed_outbound_on_other_prefixes)
{
        load_seed();
        /* PL-MY-NET has one exact entry: anything else falls to the implicit deny. */
        static const char *const others[] = {"2001:db8::/32", "2a06:9801:1c::/49", "2a06:9801::/32",
                                             "::/0"};
        for (size_t i = 0; i < sizeof(others) / sizeof(others[0]); i++) {
                bgp_pattr_free(&pa);
                ck_assert_int_eq(apply("RM-IFOG-OUT", others[i]), DENY);
                ck_assert_uint_eq(pa.n_communities, 0);
                ck_assert_int_eq(apply("RM-LAGRANGE-OUT", others[i]), DENY);
                ck_assert_str_eq(path(), "");
        }
}
END_TEST

START_TEST(seed_inbound)
{
        load_seed();
        set_path("34927 64500");
        /* Bogons (PL-BOGONS denies, so "match" fails, so the implicit deny). */
        ck_assert_int_eq(apply("RM-IFOG-IN", "2a06:9801:1c::/48"), DENY);
        ck_assert_int_eq(apply("RM-LAGRANGE-IN", "2a06:9801:1c::/48"), DENY);
        ck_assert_int_eq(apply("RM-IFOG-IN", "2a06:9801:1c::/49"), DENY);
        ck_assert_int_eq(apply("RM-IFOG-IN", "::/0"), DENY);
        ck_assert_int_eq(apply("RM-IFOG-IN", "fc00::/7"), DENY);
        ck_assert_int_eq(apply("RM-IFOG-IN", "2001:db8::/49"), DENY);
        /* Everything else up to /48 comes in unchanged. */
        ck_assert_int_eq(apply("RM-IFOG-IN", "2001:db8::/32"), PERMIT);
        ck_assert_int_eq(apply("RM-LAGRANGE-IN", "2001:db8::/48"), PERMIT);
        ck_assert_int_eq(apply("RM-LAGRANGE-IN", "fd00:1234::/48"), PERMIT);
        ck_assert_int_eq(apply("RM-IFOG-IN", "3ffe::/16"), PERMIT);
        ck_assert_str_eq(path(), "34927 64500");
        ck_assert_uint_eq(pa.n_communities, 0);
        /* An IPv4 route: the IPv6 list has no entry for it. */
        ck_assert_int_eq(apply("RM-IFOG-IN", "192.0.2.0/24"), DENY);
}
END_TEST

START_TEST(seed_prints_back)
{
        load_seed();
        printed[0] = '\0';
        ck_assert_int_eq(
            bgp_route_map_print(bgp_policy_find_route_map(policy, "RM-IFOG-OUT"), collect, NULL),
            0);
        ck_assert_int_eq(bgp_route_map_print(bgp_policy_find_route_map(policy, "RM-LAGRANGE-OUT"),
                                             collect, NULL),
                         0);
        ck_assert_str_eq(printed, "route-map RM-IFOG-OUT permit 10\n"
                                  " match ipv6 address prefix-list PL-MY-NET\n"
                                  " set community 34927:9301 34927:9501 additive\n"
                                  "exit\n"
                                  "route-map RM-LAGRANGE-OUT permit 10\n"
                                  " match ipv6 address prefix-list PL-MY-NET\n"
                                  " set as-path prepend 201379 201379\n"
                                  "exit\n");
        /* The whole registry, in creation order, as FRR's running configuration. */
        printed[0] = '\0';
        ck_assert_int_eq(bgp_policy_print(policy, collect, NULL), 0);
        const char *rm = strstr(printed, "route-map RM-IFOG-OUT");
        ck_assert_ptr_nonnull(rm);
        ck_assert_str_eq(rm, "route-map RM-IFOG-OUT permit 10\n"
                             " match ipv6 address prefix-list PL-MY-NET\n"
                             " set community 34927:9301 34927:9501 additive\n"
                             "exit\n"
                             "!\n"
                             "route-map RM-LAGRANGE-OUT permit 10\n"
                             " match ipv6 address prefix-list PL-MY-NET\n"
                             " set as-path prepend 201379 201379\n"
                             "exit\n"
                             "!\n"
                             "route-map RM-IFOG-IN permit 10\n"
                             " match ipv6 address prefix-list PL-BOGONS\n"
                             "exit\n"
                             "!\n"
                             "route-map RM-LAGRANGE-IN permit 10\n"
                             " match ipv6 address prefix-list PL-BOGONS\n"
                             "exit\n"
                             "!\n");
        ck_assert(strncmp(printed,
                          "ipv6 prefix-list PL-MY-NET seq 5 permit 2a06:9801:1c::/48\n!\n"
                          "ipv6 prefix-list PL-BOGONS seq 5 deny ::/0 le 7\n",
                          strlen("ipv6 prefix-list PL-MY-NET seq 5 permit 2a06:9801:1c::/48\n!\n"
                                 "ipv6 prefix-list PL-BOGONS seq 5 deny ::/0 le 7\n")) == 0);
}
END_TEST

/* ---- permit, deny, implicit deny ------------------------------------------------------ */

START_TEST(permit_deny_implicit)
{
        pl_add(plist(BGP_AFI_IPV6, "DOC"), 5, PERMIT, "2001:db8::/32", 0, 128);
        /* deny 10 match DOC; permit 20 (matches all). */
        struct bgp_route_map_entry *e = entry("M", DENY, 10);
        ck_assert_int_eq(bgp_route_map_match_prefix_list(e, BGP_AFI_IPV6, "DOC"), 0);
        ck_assert_int_eq(bgp_route_map_set_local_pref(e, BGP_RM_VALUE_SET, 999), 0);
        entry("M", PERMIT, 20);
        ck_assert_int_eq(apply("M", "2001:db8:1::/48"), DENY);
        /* A deny entry never sets. */
        ck_assert(!(pa.has & BGP_PA_LOCAL_PREF));
        ck_assert_int_eq(apply("M", "2001:db9::/32"), PERMIT);

        /* Only "permit 10 match DOC": the rest is denied. */
        e = entry("N", PERMIT, 10);
        ck_assert_int_eq(bgp_route_map_match_prefix_list(e, BGP_AFI_IPV6, "DOC"), 0);
        ck_assert_int_eq(apply("N", "2001:db8::/32"), PERMIT);
        ck_assert_int_eq(apply("N", "2001:db9::/32"), DENY);

        /* No entries, no map: deny (route_map_apply_ext). */
        rmap("EMPTY");
        ck_assert_int_eq(apply("EMPTY", "2001:db8::/32"), DENY);
        ck_assert_int_eq(apply("UNDEFINED", "2001:db8::/32"), DENY);

        /* An existing entry takes a new type and keeps its clauses. */
        e = entry("N", DENY, 10);
        ck_assert_int_eq(apply("N", "2001:db8::/32"), DENY);
        ck_assert_uint_eq(bgp_route_map_count(rmap("N")), 1);
        ck_assert_int_eq(bgp_route_map_remove_entry(rmap("N"), 10), 0);
        ck_assert_int_eq(bgp_route_map_remove_entry(rmap("N"), 10), BGP_ERR_EOF);
        ck_assert_int_eq(apply("N", "2001:db8::/32"), DENY);
}
END_TEST

START_TEST(undefined_and_empty_prefix_lists)
{
        struct bgp_route_map_entry *e = entry("M", PERMIT, 10);
        ck_assert_int_eq(bgp_route_map_match_prefix_list(e, BGP_AFI_IPV6, "LATER"), 0);
        /* Named before it exists: "defaulting to NO_MATCH", so the implicit deny. */
        ck_assert_int_eq(apply("M", "2001:db8::/32"), DENY);
        /* Defined but empty: a prefix-list without entries permits everything, but with
         * FRR's route-map optimization the entry cannot be the first match (see
         * route_map_optimization below); without it, it matches. */
        struct bgp_prefix_list *pl = plist(BGP_AFI_IPV6, "LATER");
        ck_assert_int_eq(apply("M", "2001:db8::/32"), DENY);
        ck_assert_int_eq(bgp_route_map_set_optimization(rmap("M"), false), 0);
        ck_assert_int_eq(apply("M", "2001:db8::/32"), PERMIT);
        ck_assert_int_eq(bgp_route_map_set_optimization(rmap("M"), true), 0);
        pl_add(pl, 5, PERMIT, "2001:db8::/32", 0, 0);
        ck_assert_int_eq(apply("M", "2001:db8::/32"), PERMIT);
        ck_assert_int_eq(apply("M", "2001:db8::/48"), DENY);
        /* Removed again: undefined. */
        ck_assert_int_eq(bgp_policy_remove_prefix_list(policy, BGP_AFI_IPV6, "LATER"), 0);
        ck_assert_int_eq(apply("M", "2001:db8::/32"), DENY);
        /* The entry names another list: the new name counts at once (lookups are cached
         * between changes of the policy, never across them). */
        struct bgp_prefix_list *other = plist(BGP_AFI_IPV6, "OTHER");
        pl_add(other, 5, PERMIT, "2001:db8::/48", 0, 0);
        ck_assert_int_eq(apply("M", "2001:db8::/48"), DENY);
        ck_assert_int_eq(bgp_route_map_match_prefix_list(e, BGP_AFI_IPV6, "OTHER"), 0);
        ck_assert_int_eq(apply("M", "2001:db8::/48"), PERMIT);
        ck_assert_int_eq(bgp_route_map_match_prefix_list(e, BGP_AFI_IPV6, "LATER"), 0);
        /* "match ip address prefix-list" looks among IPv4 lists only. */
        plist(BGP_AFI_IPV6, "V6");
        e = entry("V4", PERMIT, 10);
        ck_assert_int_eq(bgp_route_map_match_prefix_list(e, BGP_AFI_IPV4, "V6"), 0);
        ck_assert_int_eq(apply("V4", "2001:db8::/32"), DENY);
        ck_assert_int_eq(bgp_route_map_match_prefix_list(e, 7, "V6"), BGP_ERR_INVALID_ARGUMENT);
}
END_TEST

/* ---- community-lists ------------------------------------------------------------------ */

static struct bgp_community_list *clist(const char *name)
{
        struct bgp_community_list *cl;
        ck_assert_int_eq(bgp_policy_community_list(policy, name, &cl), 0);
        return cl;
}

START_TEST(community_list_standard)
{
        struct bgp_community_list *cl = clist("CL");
        const uint32_t both[] = {C(0, 90), C(0, 80)};
        const uint32_t hundred[] = {C(0, 100)};
        /* FRR docs: permits routes with (0:80 and 0:90) or 0:100. */
        ck_assert_int_eq(bgp_community_list_add(cl, -1, PERMIT, both, 2), 0);
        ck_assert_int_eq(bgp_community_list_add(cl, -1, PERMIT, hundred, 1), 0);

        const uint32_t r1[] = {C(0, 80), C(0, 90), C(1, 1)};
        set_communities(r1, 3);
        ck_assert_int_eq(bgp_community_list_match(cl, &pa, false), PERMIT);
        /* exact-match: the route must carry exactly the entry's values. */
        ck_assert_int_eq(bgp_community_list_match(cl, &pa, true), DENY);
        set_communities(r1, 2);
        ck_assert_int_eq(bgp_community_list_match(cl, &pa, true), PERMIT);
        set_communities(r1, 1);
        ck_assert_int_eq(bgp_community_list_match(cl, &pa, false), DENY);
        set_communities(hundred, 1);
        ck_assert_int_eq(bgp_community_list_match(cl, &pa, false), PERMIT);
        /* No communities at all: no standard entry matches. */
        set_communities(NULL, 0);
        ck_assert_int_eq(bgp_community_list_match(cl, &pa, false), DENY);

        /* A deny entry first: FRR docs "filters BGP routes which have 1:1". */
        struct bgp_community_list *f = clist("FILTER");
        const uint32_t one[] = {C(1, 1)};
        ck_assert_int_eq(bgp_community_list_add(f, 5, DENY, one, 1), 0);
        ck_assert_int_eq(bgp_community_list_add_expanded(f, 10, PERMIT, ".*"),
                         BGP_ERR_INVALID_ARGUMENT); /* standard/expanded conflict */
        const uint32_t any[] = {C(65535, 65535)};
        ck_assert_int_eq(bgp_community_list_add(f, 10, PERMIT, any, 1), 0);
        set_communities(one, 1);
        ck_assert_int_eq(bgp_community_list_match(f, &pa, false), DENY);
        ck_assert_int_eq(bgp_community_list_add(f, 5, PERMIT, one, 1), 0); /* replaces seq 5 */
        ck_assert_int_eq(bgp_community_list_match(f, &pa, false), PERMIT);
        ck_assert_int_eq(bgp_community_list_add(f, 5, PERMIT, NULL, 0), BGP_ERR_INVALID_ARGUMENT);
        ck_assert_int_eq(bgp_community_list_remove(f, 5), 0);
        ck_assert_int_eq(bgp_community_list_remove(f, 5), BGP_ERR_EOF);
        ck_assert_uint_eq(bgp_community_list_count(f), 1);
}
END_TEST

START_TEST(community_list_expanded)
{
        struct bgp_community_list *cl = clist("EX");
        /* Matched against FRR's text, sorted, well-known ones by name. */
        ck_assert_int_eq(bgp_community_list_add_expanded(cl, 5, DENY, "no-export"), 0);
        ck_assert_int_eq(bgp_community_list_add_expanded(cl, 10, PERMIT, "^34927:9[0-9]+ "), 0);
        ck_assert_int_eq(bgp_community_list_add_expanded(cl, 15, PERMIT, "^$"), 0);
        ck_assert_int_eq(bgp_community_list_add(cl, 20, PERMIT, (const uint32_t[]){1}, 1),
                         BGP_ERR_INVALID_ARGUMENT);
        ck_assert_int_eq(bgp_community_list_add_expanded(cl, 20, PERMIT, "(unclosed"),
                         BGP_ERR_INVALID_ARGUMENT);

        const uint32_t r[] = {C(34927, 9501), C(34927, 9301)};
        set_communities(r, 2); /* "34927:9301 34927:9501" */
        ck_assert_int_eq(bgp_community_list_match(cl, &pa, false), PERMIT);
        set_communities(r, 1); /* "34927:9501": no space after it */
        ck_assert_int_eq(bgp_community_list_match(cl, &pa, false), DENY);
        const uint32_t ne[] = {C(34927, 9501), C(34927, 9502), 0xFFFFFF01u};
        set_communities(ne, 3);
        ck_assert_int_eq(bgp_community_list_match(cl, &pa, false), DENY);
        /* No communities: the text is "", which "^$" matches. */
        set_communities(NULL, 0);
        ck_assert_int_eq(bgp_community_list_match(cl, &pa, false), PERMIT);
        /* exact-match changes nothing for expanded entries. */
        ck_assert_int_eq(bgp_community_list_match(cl, &pa, true), PERMIT);
}
END_TEST

START_TEST(match_community_in_route_map)
{
        const uint32_t c7675[] = {C(7675, 80)};
        ck_assert_int_eq(bgp_community_list_add(clist("80"), -1, PERMIT, c7675, 1), 0);
        /* FRR docs' example: set local-preference from the community. */
        struct bgp_route_map_entry *e = entry("RMAP", PERMIT, 10);
        ck_assert_int_eq(bgp_route_map_match_community(e, "70", false), 0);
        ck_assert_int_eq(bgp_route_map_set_local_pref(e, BGP_RM_VALUE_SET, 70), 0);
        e = entry("RMAP", PERMIT, 20);
        ck_assert_int_eq(bgp_route_map_match_community(e, "80", false), 0);
        ck_assert_int_eq(bgp_route_map_set_local_pref(e, BGP_RM_VALUE_SET, 80), 0);
        const uint32_t r[] = {C(7675, 80), C(1, 1)};
        set_communities(r, 2);
        /* "70" is undefined: entry 10 does not match; 20 does. */
        ck_assert_int_eq(apply("RMAP", "192.0.2.0/24"), PERMIT);
        ck_assert_uint_eq(pa.local_pref, 80);
        /* exact-match: 7675:80 and 1:1 is not exactly 7675:80. */
        ck_assert_int_eq(bgp_route_map_match_community(e, "80", true), 0);
        ck_assert_int_eq(apply("RMAP", "192.0.2.0/24"), DENY);
        set_communities(r, 1);
        ck_assert_int_eq(apply("RMAP", "192.0.2.0/24"), PERMIT);
        ck_assert_int_eq(bgp_route_map_clear(e, BGP_RM_MATCH_COMMUNITY), 0);
        ck_assert_int_eq(bgp_route_map_clear(e, BGP_RM_MATCH_COMMUNITY), BGP_ERR_EOF);
        set_communities(NULL, 0);
        ck_assert_int_eq(apply("RMAP", "192.0.2.0/24"), PERMIT);
}
END_TEST

/* ---- large-community-lists ------------------------------------------------------------ */

START_TEST(large_community_lists)
{
        struct bgp_large_community_list *ll;
        ck_assert_int_eq(bgp_policy_large_community_list(policy, "LL", &ll), 0);
        const struct bgp_large_community want[] = {{201379, 1, 2}};
        ck_assert_int_eq(bgp_large_community_list_add(ll, 5, PERMIT, want, 1), 0);
        struct bgp_large_community_list *lx;
        ck_assert_int_eq(bgp_policy_large_community_list(policy, "LX", &lx), 0);
        ck_assert_int_eq(bgp_large_community_list_add_expanded(lx, 5, PERMIT, "^201379:1:"), 0);
        ck_assert_int_eq(bgp_large_community_list_add(lx, 10, PERMIT, want, 1),
                         BGP_ERR_INVALID_ARGUMENT);

        const struct bgp_large_community have[] = {{201379, 9, 9}, {201379, 1, 2}};
        ck_assert_int_eq(bgp_pattr_set_large_communities(&pa, have, 2, false), 0);
        ck_assert_int_eq(bgp_large_community_list_match(ll, &pa, false), PERMIT);
        ck_assert_int_eq(bgp_large_community_list_match(ll, &pa, true), DENY);
        /* Sorted: "201379:1:2 201379:9:9". */
        ck_assert_int_eq(bgp_large_community_list_match(lx, &pa, false), PERMIT);

        struct bgp_route_map_entry *e = entry("M", PERMIT, 10);
        ck_assert_int_eq(bgp_route_map_match_large_community(e, "LL", true), 0);
        ck_assert_int_eq(apply("M", "192.0.2.0/24"), DENY);
        ck_assert_int_eq(bgp_route_map_match_large_community(e, "LL", false), 0);
        ck_assert_int_eq(apply("M", "192.0.2.0/24"), PERMIT);
        ck_assert_int_eq(bgp_route_map_match_large_community(e, "NONE", false), 0);
        ck_assert_int_eq(apply("M", "192.0.2.0/24"), DENY);

        printed[0] = '\0';
        ck_assert_int_eq(bgp_large_community_list_print(ll, collect, NULL), 0);
        ck_assert_int_eq(bgp_large_community_list_print(lx, collect, NULL), 0);
        ck_assert_str_eq(printed, "bgp large-community-list standard LL seq 5 permit 201379:1:2\n"
                                  "bgp large-community-list expanded LX seq 5 permit ^201379:1:\n");
}
END_TEST

/* ---- AS path access-lists ------------------------------------------------------------- */

static struct bgp_aspath_list *aslist(const char *name)
{
        struct bgp_aspath_list *al;
        ck_assert_int_eq(bgp_policy_aspath_list(policy, name, &al), 0);
        return al;
}

static const struct {
        const char *regex;
        const char *path;
        bool match;
} aspath_cases[] = {
    /* '_' is a delimiter: start, end, space, and the brackets of sets. */
    {"_34927_", "34927", true},
    {"_34927_", "64500 34927 65000", true},
    {"_34927_", "349270", false},
    {"_34927_", "134927", false},
    {"_34927_", "64500 {34927,65000}", true},
    {"_34927_", "{65000,34927}", true},
    {"_34927_", "(34927 65000) 1", true},
    {"^34927_", "34927 64500", true},
    {"^34927_", "64500 34927", false},
    {"_64500$", "34927 64500", true},
    {"^34927$", "34927", true},
    {"^34927$", "34927 34927", false},
    {"^$", "", true},
    {"^$", "1", false},
    {".*", "", true},
    /* FRR docs' bogon ASN example. */
    {"_0_|_23456_", "64500 23456", true},
    {"_1310[0-6][0-9]_|_13107[0-1]_", "64500 131070", true},
    {"_1310[0-6][0-9]_|_13107[0-1]_", "64500 131072", false},
    {"^65", "65000 1", true},
    {"^65", "1 65000", false},
    /* Prepends show as repeats. */
    {"^(201379_){2}$", "201379 201379", true},
    {"^(201379_){3}", "201379 201379", false},
};

static void path_from_text(const char *t)
{
        uint8_t w[512];
        size_t len = 0, hdr = 0;
        int type = 0;
        for (const char *p = t; *p != '\0';) {
                if (*p == ' ' || *p == ',') {
                        p++;
                        continue;
                }
                if (*p == '}' || *p == ')') {
                        type = 0;
                        p++;
                        continue;
                }
                int open = *p == '{' ? BGP_AS_SET : *p == '(' ? BGP_AS_CONFED_SEQUENCE : 0;
                if (open != 0 || type == 0) {
                        type = open != 0 ? open : BGP_AS_SEQUENCE;
                        hdr = len;
                        w[len++] = (uint8_t)type;
                        w[len++] = 0;
                        if (open != 0)
                                p++;
                        continue;
                }
                char *end;
                unsigned long asn = strtoul(p, &end, 10);
                p = end;
                for (int i = 3; i >= 0; i--)
                        w[len++] = (uint8_t)(asn >> (8 * i));
                w[hdr + 1]++;
        }
        struct bgp_attrs a;
        memset(&a, 0, sizeof(a));
        bgp_attrs_set(&a, BGP_ATTR_AS_PATH);
        a.as_path = (struct bgp_as_path){w, len, 4};
        ck_assert_int_eq(bgp_pattr_from_update(&pa, &a), 0);
        ck_assert_str_eq(path(), t);
}

START_TEST(aspath_regex)
{
        struct bgp_aspath_list *al = aslist("AS");
        ck_assert_int_eq(bgp_aspath_list_add(al, 5, PERMIT, aspath_cases[_i].regex), 0);
        path_from_text(aspath_cases[_i].path);
        ck_assert_msg(bgp_aspath_list_match(al, &pa) == (aspath_cases[_i].match ? PERMIT : DENY),
                      "\"%s\" on \"%s\"", aspath_cases[_i].regex, aspath_cases[_i].path);
}
END_TEST

START_TEST(aspath_list_order_and_route_map)
{
        struct bgp_aspath_list *al = aslist("NO-TRANSIT");
        ck_assert_int_eq(bgp_aspath_list_add(al, 10, DENY, "_174_"), 0);
        ck_assert_int_eq(bgp_aspath_list_add(al, 20, PERMIT, "^34927_"), 0);
        ck_assert_int_eq(bgp_aspath_list_add(al, 30, PERMIT, "(unclosed"),
                         BGP_ERR_INVALID_ARGUMENT);
        ck_assert_uint_eq(bgp_aspath_list_count(al), 2);
        struct bgp_route_map_entry *e = entry("M", PERMIT, 10);
        ck_assert_int_eq(bgp_route_map_match_as_path(e, "NO-TRANSIT"), 0);
        ck_assert_int_eq(bgp_route_map_set_metric(e, BGP_RM_VALUE_SET, 7), 0);
        set_path("34927 64500");
        ck_assert_int_eq(apply("M", "192.0.2.0/24"), PERMIT);
        ck_assert_uint_eq(pa.med, 7);
        set_path("34927 174 64500");
        ck_assert_int_eq(apply("M", "192.0.2.0/24"), DENY);
        set_path("64500");
        ck_assert_int_eq(apply("M", "192.0.2.0/24"), DENY);
        /* An undefined list does not match; an emptied one denies. */
        ck_assert_int_eq(bgp_route_map_match_as_path(e, "NONE"), 0);
        set_path("34927");
        ck_assert_int_eq(apply("M", "192.0.2.0/24"), DENY);
        ck_assert_int_eq(bgp_route_map_match_as_path(e, "EMPTY"), 0);
        aslist("EMPTY");
        ck_assert_int_eq(apply("M", "192.0.2.0/24"), DENY);
        printed[0] = '\0';
        ck_assert_int_eq(bgp_aspath_list_print(al, collect, NULL), 0);
        ck_assert_str_eq(printed, "bgp as-path access-list NO-TRANSIT seq 10 deny _174_\n"
                                  "bgp as-path access-list NO-TRANSIT seq 20 permit ^34927_\n");
        ck_assert_int_eq(bgp_aspath_list_remove(al, 10), 0);
        set_path("34927 174");
        ck_assert_int_eq(bgp_aspath_list_match(al, &pa), PERMIT);
}
END_TEST

/* ---- sets ----------------------------------------------------------------------------- */

START_TEST(set_values)
{
        struct bgp_route_map_entry *e = entry("M", PERMIT, 10);
        ck_assert_int_eq(bgp_route_map_set_local_pref(e, BGP_RM_VALUE_SET, 200), 0);
        ck_assert_int_eq(bgp_route_map_set_metric(e, BGP_RM_VALUE_ADD, 10), 0);
        uint8_t nh[16];
        ck_assert_int_eq(inet_pton(AF_INET6, "2001:db8:100::96", nh), 1);
        ck_assert_int_eq(bgp_route_map_set_ipv6_next_hop(e, nh), 0);
        pa.has |= BGP_PA_LL_NEXT_HOP;
        pa.ll_next_hop[0] = 0xfe;
        ck_assert_int_eq(apply("M", "2001:db8::/32"), PERMIT);
        ck_assert(pa.has & BGP_PA_LOCAL_PREF);
        ck_assert_uint_eq(pa.local_pref, 200);
        /* No MED before: +10 from 0. */
        ck_assert(pa.has & BGP_PA_MED);
        ck_assert_uint_eq(pa.med, 10);
        ck_assert_uint_eq(pa.nh_afi, BGP_AFI_IPV6);
        ck_assert_mem_eq(pa.next_hop, nh, 16);
        ck_assert(pa.has & BGP_PA_LL_NEXT_HOP);
        ck_assert_uint_eq(pa.ll_next_hop[0], 0xfe);
        /* Saturation both ways (FRR route_value_adjust). */
        pa.med = 4294967290u;
        ck_assert_int_eq(apply("M", "2001:db8::/32"), PERMIT);
        ck_assert_uint_eq(pa.med, 4294967295u);
        ck_assert_int_eq(bgp_route_map_set_local_pref(e, BGP_RM_VALUE_SUB, 500), 0);
        ck_assert_int_eq(apply("M", "2001:db8::/32"), PERMIT);
        ck_assert_uint_eq(pa.local_pref, 0);
        ck_assert_int_eq(bgp_route_map_set_local_pref(e, BGP_RM_VALUE_ADD, 50), 0);
        ck_assert_int_eq(apply("M", "2001:db8::/32"), PERMIT);
        ck_assert_uint_eq(pa.local_pref, 50);
        ck_assert_int_eq(bgp_route_map_set_metric(e, (enum bgp_route_map_value_op)9, 1),
                         BGP_ERR_INVALID_ARGUMENT);
}
END_TEST

START_TEST(set_communities_replace_additive_none)
{
        struct bgp_route_map_entry *e = entry("M", PERMIT, 10);
        const uint32_t set[] = {C(65000, 2), C(65000, 1), C(65000, 2)};
        const uint32_t had[] = {C(1, 1)};

        set_communities(had, 1);
        ck_assert_int_eq(bgp_route_map_set_community(e, set, 3, false), 0);
        ck_assert_int_eq(apply("M", "192.0.2.0/24"), PERMIT);
        ck_assert_uint_eq(pa.n_communities, 2);
        ck_assert_uint_eq(pa.communities[0], C(65000, 1));

        set_communities(had, 1);
        ck_assert_int_eq(bgp_route_map_set_community(e, set, 3, true), 0);
        ck_assert_int_eq(apply("M", "192.0.2.0/24"), PERMIT);
        ck_assert_uint_eq(pa.n_communities, 3);
        ck_assert_uint_eq(pa.communities[0], C(1, 1));

        ck_assert_int_eq(bgp_route_map_set_community_none(e), 0);
        ck_assert_int_eq(apply("M", "192.0.2.0/24"), PERMIT);
        ck_assert_uint_eq(pa.n_communities, 0);
        ck_assert_int_eq(bgp_route_map_set_community(e, NULL, 0, true), BGP_ERR_INVALID_ARGUMENT);

        const struct bgp_large_community lc[] = {{201379, 0, 1}};
        const struct bgp_large_community lc2[] = {{201379, 0, 2}};
        ck_assert_int_eq(bgp_route_map_set_large_community(e, lc, 1, false), 0);
        ck_assert_int_eq(apply("M", "192.0.2.0/24"), PERMIT);
        ck_assert_uint_eq(pa.n_large_communities, 1);
        ck_assert_int_eq(bgp_route_map_set_large_community(e, lc2, 1, true), 0);
        ck_assert_int_eq(apply("M", "192.0.2.0/24"), PERMIT);
        ck_assert_uint_eq(pa.n_large_communities, 2);
        ck_assert_int_eq(bgp_route_map_set_large_community(e, lc2, 1, false), 0);
        ck_assert_int_eq(apply("M", "192.0.2.0/24"), PERMIT);
        ck_assert_uint_eq(pa.n_large_communities, 1);
        ck_assert_uint_eq(pa.large_communities[0].local2, 2);
        ck_assert_int_eq(bgp_route_map_set_large_community_none(e), 0);
        ck_assert_int_eq(apply("M", "192.0.2.0/24"), PERMIT);
        ck_assert_uint_eq(pa.n_large_communities, 0);

        ck_assert_int_eq(bgp_route_map_clear(e, BGP_RM_SET_COMMUNITY), 0);
        ck_assert_int_eq(bgp_route_map_clear(e, BGP_RM_SET_COMMUNITY), BGP_ERR_EOF);
        set_communities(had, 1);
        ck_assert_int_eq(apply("M", "192.0.2.0/24"), PERMIT);
        ck_assert_uint_eq(pa.n_communities, 1);
}
END_TEST

START_TEST(set_prepend)
{
        struct bgp_route_map_entry *e = entry("M", PERMIT, 10);
        const uint32_t asns[] = {201379, 65000, 201379};
        ck_assert_int_eq(bgp_route_map_set_as_path_prepend(e, asns, 3), 0);
        set_path("34927 64500");
        ck_assert_int_eq(apply("M", "192.0.2.0/24"), PERMIT);
        ck_assert_str_eq(path(), "201379 65000 201379 34927 64500");
        ck_assert_uint_eq(bgp_pattr_first_as(&pa), 201379);
        const uint32_t zero[] = {0};
        ck_assert_int_eq(bgp_route_map_set_as_path_prepend(e, zero, 1), BGP_ERR_INVALID_ARGUMENT);
        ck_assert_int_eq(bgp_route_map_set_as_path_prepend(e, asns, 0), BGP_ERR_INVALID_ARGUMENT);
}
END_TEST

/* ---- exit policies -------------------------------------------------------------------- */

START_TEST(on_match_next)
{
        const uint32_t c00[] = {C(0, 0)};
        ck_assert_int_eq(bgp_community_list_add(clist("COMM-TEST"), -1, PERMIT, c00, 1), 0);
        struct bgp_route_map_entry *e = entry("M", PERMIT, 10);
        ck_assert_int_eq(bgp_route_map_set_local_pref(e, BGP_RM_VALUE_SET, 150), 0);
        ck_assert_int_eq(bgp_route_map_set_exit(e, BGP_RM_NEXT, 0), 0);
        e = entry("M", PERMIT, 20);
        ck_assert_int_eq(bgp_route_map_match_community(e, "COMM-TEST", false), 0);
        ck_assert_int_eq(bgp_route_map_set_local_pref(e, BGP_RM_VALUE_ADD, 50), 0);

        /* Both entries match: 150, then +50. */
        set_communities(c00, 1);
        ck_assert_int_eq(apply("M", "192.0.2.0/24"), PERMIT);
        ck_assert_uint_eq(pa.local_pref, 200);
        /*
         * Entry 20 does not match: lib/routemap.c sets the result to deny on a no-match
         * and, with no entry left, returns it.  The route is denied even though entry 10
         * permitted it (on-match next only continues; it does not remember the permit).
         * FRR 8.4.4 dropped a "network" route through this map (with community 1:1 in the
         * list), so that is what it does, whatever one might expect.
         */
        bgp_pattr_free(&pa);
        ck_assert_int_eq(apply("M", "192.0.2.0/24"), DENY);
        /* An empty permit entry at the end turns that into a permit. */
        entry("M", PERMIT, 30);
        bgp_pattr_free(&pa);
        ck_assert_int_eq(apply("M", "192.0.2.0/24"), PERMIT);
        ck_assert_uint_eq(pa.local_pref, 150);
        /* on-match next on the last entry: permit. */
        struct bgp_route_map_entry *last = entry("L", PERMIT, 10);
        ck_assert_int_eq(bgp_route_map_set_exit(last, BGP_RM_NEXT, 0), 0);
        ck_assert_int_eq(apply("L", "192.0.2.0/24"), PERMIT);
}
END_TEST

START_TEST(on_match_goto)
{
        struct bgp_route_map_entry *e = entry("M", PERMIT, 10);
        ck_assert_int_eq(bgp_route_map_set_metric(e, BGP_RM_VALUE_SET, 1), 0);
        ck_assert_int_eq(bgp_route_map_set_exit(e, BGP_RM_GOTO, 25), 0);
        e = entry("M", PERMIT, 20);
        ck_assert_int_eq(bgp_route_map_set_metric(e, BGP_RM_VALUE_SET, 2), 0);
        e = entry("M", PERMIT, 30);
        ck_assert_int_eq(bgp_route_map_set_local_pref(e, BGP_RM_VALUE_SET, 300), 0);
        /* goto 25: the first entry >= 25 is 30; 20 is skipped. */
        ck_assert_int_eq(apply("M", "192.0.2.0/24"), PERMIT);
        ck_assert_uint_eq(pa.med, 1);
        ck_assert_uint_eq(pa.local_pref, 300);
        /* Past the end: the permit stands. */
        ck_assert_int_eq(bgp_route_map_entry(rmap("M"), PERMIT, 10, &e), 0);
        ck_assert_int_eq(bgp_route_map_set_exit(e, BGP_RM_GOTO, 1000), 0);
        bgp_pattr_free(&pa);
        ck_assert_int_eq(apply("M", "192.0.2.0/24"), PERMIT);
        ck_assert_uint_eq(pa.med, 1);
        ck_assert(!(pa.has & BGP_PA_LOCAL_PREF));
        /* No jumping backwards (or in place); exit restores the default. */
        ck_assert_int_eq(bgp_route_map_set_exit(e, BGP_RM_GOTO, 10), BGP_ERR_INVALID_ARGUMENT);
        ck_assert_int_eq(bgp_route_map_set_exit(e, BGP_RM_GOTO, 5), BGP_ERR_INVALID_ARGUMENT);
        ck_assert_int_eq(bgp_route_map_set_exit(e, BGP_RM_GOTO, 65536), BGP_ERR_INVALID_ARGUMENT);
        ck_assert_int_eq(bgp_route_map_set_exit(e, BGP_RM_EXIT, 0), 0);
        bgp_pattr_free(&pa);
        ck_assert_int_eq(apply("M", "192.0.2.0/24"), PERMIT);
        ck_assert(!(pa.has & BGP_PA_LOCAL_PREF));
        /* A deny entry reached by goto denies. */
        ck_assert_int_eq(bgp_route_map_set_exit(e, BGP_RM_GOTO, 30), 0);
        entry("M", DENY, 30);
        ck_assert_int_eq(apply("M", "192.0.2.0/24"), DENY);
}
END_TEST

START_TEST(matches_see_earlier_sets)
{
        const uint32_t c11[] = {C(1, 1)};
        ck_assert_int_eq(bgp_community_list_add(clist("HAS11"), -1, PERMIT, c11, 1), 0);
        struct bgp_route_map_entry *e = entry("M", PERMIT, 10);
        ck_assert_int_eq(bgp_route_map_set_community(e, c11, 1, true), 0);
        ck_assert_int_eq(bgp_route_map_set_exit(e, BGP_RM_NEXT, 0), 0);
        e = entry("M", PERMIT, 20);
        ck_assert_int_eq(bgp_route_map_match_community(e, "HAS11", false), 0);
        ck_assert_int_eq(bgp_route_map_set_local_pref(e, BGP_RM_VALUE_SET, 111), 0);
        ck_assert_int_eq(apply("M", "192.0.2.0/24"), PERMIT);
        ck_assert_uint_eq(pa.local_pref, 111);

        /* The same with the AS path (FRR 8.4.4 gave metric 77 for this map). */
        ck_assert_int_eq(bgp_aspath_list_add(aslist("AL"), -1, PERMIT, "^34927_"), 0);
        e = entry("INFLIGHT", PERMIT, 10);
        const uint32_t pp[] = {34927, 64500};
        ck_assert_int_eq(bgp_route_map_set_as_path_prepend(e, pp, 2), 0);
        ck_assert_int_eq(bgp_route_map_set_exit(e, BGP_RM_NEXT, 0), 0);
        e = entry("INFLIGHT", PERMIT, 20);
        ck_assert_int_eq(bgp_route_map_match_as_path(e, "AL"), 0);
        ck_assert_int_eq(bgp_route_map_set_metric(e, BGP_RM_VALUE_SET, 77), 0);
        bgp_pattr_free(&pa);
        ck_assert_int_eq(apply("INFLIGHT", "10.4.0.0/16"), PERMIT);
        ck_assert_uint_eq(pa.med, 77);
        ck_assert_str_eq(path(), "34927 64500");
}
END_TEST

START_TEST(call)
{
        pl_add(plist(BGP_AFI_IPV4, "TEST"), 5, PERMIT, "192.0.2.0/24", 0, 0);
        struct bgp_route_map_entry *e = entry("SUB", PERMIT, 10);
        ck_assert_int_eq(bgp_route_map_match_prefix_list(e, BGP_AFI_IPV4, "TEST"), 0);
        ck_assert_int_eq(bgp_route_map_set_local_pref(e, BGP_RM_VALUE_SET, 500), 0);

        e = entry("M", PERMIT, 10);
        ck_assert_int_eq(bgp_route_map_set_metric(e, BGP_RM_VALUE_SET, 9), 0);
        ck_assert_int_eq(bgp_route_map_set_call(e, "SUB"), 0);
        /* The callee permits: its sets stand, then the caller's exit policy. */
        ck_assert_int_eq(apply("M", "192.0.2.0/24"), PERMIT);
        ck_assert_uint_eq(pa.med, 9);
        ck_assert_uint_eq(pa.local_pref, 500);
        /* The callee denies: denied, whatever the caller says. */
        ck_assert_int_eq(bgp_route_map_set_exit(e, BGP_RM_NEXT, 0), 0);
        entry("M", PERMIT, 20);
        ck_assert_int_eq(apply("M", "198.51.100.0/24"), DENY);
        /* An undefined callee changes nothing. */
        ck_assert_int_eq(bgp_route_map_set_call(e, "NOWHERE"), 0);
        ck_assert_int_eq(apply("M", "198.51.100.0/24"), PERMIT);
        /* A map calling itself ends at FRR's recursion limit, denied. */
        struct bgp_route_map_entry *loop = entry("LOOP", PERMIT, 10);
        ck_assert_int_eq(bgp_route_map_set_call(loop, "LOOP"), 0);
        ck_assert_int_eq(apply("LOOP", "192.0.2.0/24"), DENY);
        ck_assert_int_eq(bgp_route_map_clear(e, BGP_RM_CALL), 0);
}
END_TEST

/* ---- printing ------------------------------------------------------------------------- */

START_TEST(print_every_clause)
{
        struct bgp_route_map_entry *e = entry("ALL", PERMIT, 10);
        ck_assert_int_eq(bgp_route_map_match_prefix_list(e, BGP_AFI_IPV4, "V4"), 0);
        ck_assert_int_eq(bgp_route_map_match_prefix_list(e, BGP_AFI_IPV6, "V6"), 0);
        ck_assert_int_eq(bgp_route_map_match_community(e, "CL", true), 0);
        ck_assert_int_eq(bgp_route_map_match_large_community(e, "LL", false), 0);
        ck_assert_int_eq(bgp_route_map_match_as_path(e, "AS"), 0);
        const uint32_t c[] = {C(65000, 1), 0xFFFFFF01u, 0xFFFF029Au};
        ck_assert_int_eq(bgp_route_map_set_community(e, c, 3, false), 0);
        const struct bgp_large_community lc[] = {{201379, 1, 2}, {4200000000u, 0, 0}};
        ck_assert_int_eq(bgp_route_map_set_large_community(e, lc, 2, true), 0);
        const uint32_t pp[] = {201379};
        ck_assert_int_eq(bgp_route_map_set_as_path_prepend(e, pp, 1), 0);
        ck_assert_int_eq(bgp_route_map_set_local_pref(e, BGP_RM_VALUE_ADD, 10), 0);
        ck_assert_int_eq(bgp_route_map_set_metric(e, BGP_RM_VALUE_SUB, 5), 0);
        uint8_t nh[16];
        ck_assert_int_eq(inet_pton(AF_INET6, "2001:db8::1", nh), 1);
        ck_assert_int_eq(bgp_route_map_set_ipv6_next_hop(e, nh), 0);
        ck_assert_int_eq(bgp_route_map_set_call(e, "SUB"), 0);
        ck_assert_int_eq(bgp_route_map_set_exit(e, BGP_RM_GOTO, 30), 0);
        e = entry("ALL", DENY, 20);
        ck_assert_int_eq(bgp_route_map_set_community_none(e), 0);
        ck_assert_int_eq(bgp_route_map_set_large_community_none(e), 0);
        ck_assert_int_eq(bgp_route_map_set_local_pref(e, BGP_RM_VALUE_SET, 100), 0);
        ck_assert_int_eq(bgp_route_map_set_exit(e, BGP_RM_NEXT, 0), 0);

        printed[0] = '\0';
        ck_assert_int_eq(bgp_route_map_print(rmap("ALL"), collect, NULL), 0);
        ck_assert_str_eq(printed, "route-map ALL permit 10\n"
                                  " call SUB\n"
                                  " on-match goto 30\n"
                                  " match ip address prefix-list V4\n"
                                  " match ipv6 address prefix-list V6\n"
                                  " match community CL exact-match\n"
                                  " match large-community LL\n"
                                  " match as-path AS\n"
                                  " set community 65000:1 blackhole no-export\n"
                                  " set large-community 201379:1:2 4200000000:0:0 additive\n"
                                  " set as-path prepend 201379\n"
                                  " set local-preference +10\n"
                                  " set metric -5\n"
                                  " set ipv6 next-hop global 2001:db8::1\n"
                                  "exit\n"
                                  "!\n"
                                  "route-map ALL deny 20\n"
                                  " on-match next\n"
                                  " set community none\n"
                                  " set large-community none\n"
                                  " set local-preference 100\n"
                                  "exit\n");
        ck_assert_str_eq(bgp_route_map_name(rmap("ALL")), "ALL");

        /* Clearing each clause leaves the bare entry. */
        e = entry("ALL", PERMIT, 10);
        static const enum bgp_route_map_clause all[] = {
            BGP_RM_MATCH_IP_PREFIX_LIST, BGP_RM_MATCH_IPV6_PREFIX_LIST,
            BGP_RM_MATCH_COMMUNITY,      BGP_RM_MATCH_LARGE_COMMUNITY,
            BGP_RM_MATCH_AS_PATH,        BGP_RM_SET_COMMUNITY,
            BGP_RM_SET_LARGE_COMMUNITY,  BGP_RM_SET_AS_PATH_PREPEND,
            BGP_RM_SET_LOCAL_PREF,       BGP_RM_SET_METRIC,
            BGP_RM_SET_IPV6_NEXT_HOP,    BGP_RM_CALL,
        };
        for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
                ck_assert_int_eq(bgp_route_map_clear(e, all[i]), 0);
                ck_assert_int_eq(bgp_route_map_clear(e, all[i]), BGP_ERR_EOF);
        }
        ck_assert_int_eq(bgp_route_map_set_exit(e, BGP_RM_EXIT, 0), 0);
        ck_assert_int_eq(bgp_route_map_remove_entry(rmap("ALL"), 20), 0);
        printed[0] = '\0';
        ck_assert_int_eq(bgp_route_map_print(rmap("ALL"), collect, NULL), 0);
        ck_assert_str_eq(printed, "route-map ALL permit 10\nexit\n");
}
END_TEST

/*
 * Clauses print in the order they were configured, after call and on-match; "set community"
 * values sorted.  The expected text is what FRR 8.4.4 printed for the same commands.
 */
START_TEST(print_order_as_configured)
{
        struct bgp_route_map_entry *e = entry("ORDER", PERMIT, 10);
        const uint32_t c[] = {C(65000, 2), C(65000, 1), 0xFFFFFF01u};
        const uint32_t one[] = {1};
        ck_assert_int_eq(bgp_route_map_set_metric(e, BGP_RM_VALUE_SET, 5), 0);
        ck_assert_int_eq(bgp_route_map_set_community(e, c, 3, true), 0);
        ck_assert_int_eq(bgp_route_map_match_as_path(e, "AL"), 0);
        ck_assert_int_eq(bgp_route_map_match_prefix_list(e, BGP_AFI_IPV4, "PL-A"), 0);
        ck_assert_int_eq(bgp_route_map_match_community(e, "C11", false), 0);
        ck_assert_int_eq(bgp_route_map_set_exit(e, BGP_RM_GOTO, 20), 0);
        ck_assert_int_eq(bgp_route_map_set_call(e, "NEXT"), 0);
        ck_assert_int_eq(bgp_route_map_set_as_path_prepend(e, one, 1), 0);
        ck_assert_int_eq(bgp_route_map_set_local_pref(e, BGP_RM_VALUE_SET, 7), 0);
        printed[0] = '\0';
        ck_assert_int_eq(bgp_route_map_print(rmap("ORDER"), collect, NULL), 0);
        ck_assert_str_eq(printed, "route-map ORDER permit 10\n"
                                  " call NEXT\n"
                                  " on-match goto 20\n"
                                  " match as-path AL\n"
                                  " match ip address prefix-list PL-A\n"
                                  " match community C11\n"
                                  " set metric 5\n"
                                  " set community 65000:1 65000:2 no-export additive\n"
                                  " set as-path prepend 1\n"
                                  " set local-preference 7\n"
                                  "exit\n");
        /* Set again, a clause moves to the end (FRR deletes and appends it). */
        ck_assert_int_eq(bgp_route_map_match_as_path(e, "AL2"), 0);
        ck_assert_int_eq(bgp_route_map_set_metric(e, BGP_RM_VALUE_SET, 6), 0);
        printed[0] = '\0';
        ck_assert_int_eq(bgp_route_map_print(rmap("ORDER"), collect, NULL), 0);
        ck_assert_ptr_nonnull(strstr(printed, " match community C11\n match as-path AL2\n"));
        ck_assert_ptr_nonnull(strstr(printed, " set local-preference 7\n set metric 6\nexit"));
}
END_TEST

/*
 * FRR's route-map optimization (lib/routemap.c route_map_get_index), with the results FRR
 * 8.4.4 gave for these maps on locally originated routes ("network ... route-map").
 */
START_TEST(route_map_optimization)
{
        plist(BGP_AFI_IPV4, "EMPTY");
        /* B: the first match is entry 10; entry 20 is then reached in order and its empty
         * prefix-list permits: metric 1, local-preference 5. */
        struct bgp_route_map_entry *e = entry("B", PERMIT, 10);
        ck_assert_int_eq(bgp_route_map_set_metric(e, BGP_RM_VALUE_SET, 1), 0);
        ck_assert_int_eq(bgp_route_map_set_exit(e, BGP_RM_NEXT, 0), 0);
        e = entry("B", PERMIT, 20);
        ck_assert_int_eq(bgp_route_map_match_prefix_list(e, BGP_AFI_IPV4, "EMPTY"), 0);
        ck_assert_int_eq(bgp_route_map_set_local_pref(e, BGP_RM_VALUE_SET, 5), 0);
        ck_assert_int_eq(apply("B", "10.1.0.0/16"), PERMIT);
        ck_assert_uint_eq(pa.med, 1);
        ck_assert_uint_eq(pa.local_pref, 5);
        /* C: entry 10 (empty list) is not in the tree; entry 20 is the first match. */
        bgp_pattr_free(&pa);
        e = entry("C", PERMIT, 10);
        ck_assert_int_eq(bgp_route_map_match_prefix_list(e, BGP_AFI_IPV4, "EMPTY"), 0);
        ck_assert_int_eq(bgp_route_map_set_local_pref(e, BGP_RM_VALUE_SET, 6), 0);
        e = entry("C", PERMIT, 20);
        ck_assert_int_eq(bgp_route_map_set_metric(e, BGP_RM_VALUE_SET, 2), 0);
        ck_assert_int_eq(apply("C", "10.2.0.0/16"), PERMIT);
        ck_assert_uint_eq(pa.med, 2);
        ck_assert(!(pa.has & BGP_PA_LOCAL_PREF));
        /* D: the empty-list entry alone denies; "no route-map D optimization" permits. */
        bgp_pattr_free(&pa);
        e = entry("D", PERMIT, 10);
        ck_assert_int_eq(bgp_route_map_match_prefix_list(e, BGP_AFI_IPV4, "EMPTY"), 0);
        ck_assert_int_eq(bgp_route_map_set_local_pref(e, BGP_RM_VALUE_SET, 7), 0);
        ck_assert_int_eq(apply("D", "10.3.0.0/16"), DENY);
        ck_assert_int_eq(bgp_route_map_set_optimization(rmap("D"), false), 0);
        ck_assert_int_eq(apply("D", "10.3.0.0/16"), PERMIT);
        ck_assert_uint_eq(pa.local_pref, 7);
        printed[0] = '\0';
        ck_assert_int_eq(bgp_route_map_print(rmap("D"), collect, NULL), 0);
        ck_assert_str_eq(printed, "no route-map D optimization\n"
                                  "route-map D permit 10\n"
                                  " match ip address prefix-list EMPTY\n"
                                  " set local-preference 7\n"
                                  "exit\n");
        /* E: an IPv4 route against an undefined IPv6 list: no match. */
        e = entry("E", PERMIT, 10);
        ck_assert_int_eq(bgp_route_map_match_prefix_list(e, BGP_AFI_IPV6, "EMPTY6"), 0);
        ck_assert_int_eq(apply("E", "10.4.0.0/16"), DENY);
        /* Only the route's own family counts: an empty IPv4 list does not keep an entry out
         * of the IPv6 tree, and there it permits. */
        e = entry("F", PERMIT, 10);
        ck_assert_int_eq(bgp_route_map_match_prefix_list(e, BGP_AFI_IPV4, "EMPTY"), 0);
        ck_assert_int_eq(apply("F", "2001:db8::/32"), PERMIT);
        ck_assert_int_eq(apply("F", "192.0.2.0/24"), DENY);
}
END_TEST

START_TEST(print_lists)
{
        struct bgp_community_list *cl = clist("CL");
        const uint32_t c[] = {C(65000, 2), 0xFFFFFF02u, C(65000, 1)};
        ck_assert_int_eq(bgp_community_list_add(cl, 5, PERMIT, c, 3), 0);
        ck_assert_int_eq(bgp_community_list_add(cl, -1, DENY, c, 1), 0);
        ck_assert_int_eq(bgp_community_list_add_expanded(clist("EX"), 5, PERMIT, "^65000:.*$"), 0);
        struct bgp_large_community_list *ll;
        ck_assert_int_eq(bgp_policy_large_community_list(policy, "LL", &ll), 0);
        const struct bgp_large_community lc[] = {{201379, 9, 9}, {201379, 1, 2}};
        ck_assert_int_eq(bgp_large_community_list_add(ll, -1, PERMIT, lc, 2), 0);
        ck_assert_int_eq(bgp_aspath_list_add(aslist("AS"), -1, PERMIT, "_174_"), 0);
        ck_assert_int_eq(bgp_aspath_list_add(aslist("AS"), -1, DENY, "^65"), 0);
        entry("RM", PERMIT, 10);
        pl_add(plist(BGP_AFI_IPV6, "P6"), -1, PERMIT, "::/0", 48, 128);
        pl_add(plist(BGP_AFI_IPV4, "P4"), -1, PERMIT, "10.0.0.0/8", 16, 24);
        printed[0] = '\0';
        ck_assert_int_eq(bgp_policy_print(policy, collect, NULL), 0);
        /* FRR's order of kinds (FRR 8.4.4 printed the same lists so, but with one "!" a
         * kind; the seed has one after each list); standard values sorted, as FRR
         * compiles them. */
        ck_assert_str_eq(printed, "ip prefix-list P4 seq 5 permit 10.0.0.0/8 ge 16 le 24\n"
                                  "!\n"
                                  "ipv6 prefix-list P6 seq 5 permit ::/0 ge 48 le 128\n"
                                  "!\n"
                                  "bgp as-path access-list AS seq 5 permit _174_\n"
                                  "bgp as-path access-list AS seq 10 deny ^65\n"
                                  "!\n"
                                  "bgp community-list standard CL seq 5 permit 65000:1 65000:2 "
                                  "no-advertise\n"
                                  "bgp community-list standard CL seq 10 deny 65000:2\n"
                                  "!\n"
                                  "bgp community-list expanded EX seq 5 permit ^65000:.*$\n"
                                  "!\n"
                                  "bgp large-community-list standard LL seq 5 permit 201379:1:2 "
                                  "201379:9:9\n"
                                  "!\n"
                                  "route-map RM permit 10\n"
                                  "exit\n"
                                  "!\n");
        ck_assert_str_eq(bgp_community_list_name(cl), "CL");
        ck_assert_int_eq(bgp_policy_remove_community_list(policy, "CL"), 0);
        ck_assert_ptr_null(bgp_policy_find_community_list(policy, "CL"));
}
END_TEST

/* ---- every allocation failing in turn ------------------------------------------------- */

static int ignore(const char *line, void *ctx)
{
        (void)line;
        (void)ctx;
        return 0;
}

/* Builds a policy that touches every allocating path, and applies it. */
static int build_and_apply(struct bgp_policy *p, struct bgp_pattr *route)
{
        struct bgp_prefix_list *pl;
        struct bgp_community_list *cl;
        struct bgp_large_community_list *ll;
        struct bgp_aspath_list *al;
        struct bgp_route_map *m;
        struct bgp_route_map_entry *e;
        struct bgp_prefix pfx = P("2a06:9801:1c::/48");
        const uint32_t comm[] = {C(34927, 9501), C(34927, 9301)};
        const struct bgp_large_community lc[] = {{201379, 1, 1}};
        const uint32_t pp[] = {201379, 201379};
        int rc;

        if ((rc = bgp_policy_prefix_list(p, BGP_AFI_IPV6, "PL", &pl)) != 0 ||
            (rc = bgp_prefix_list_add(pl, -1, PERMIT, &pfx, 0, 0)) != 0 ||
            (rc = bgp_policy_community_list(p, "CL", &cl)) != 0 ||
            (rc = bgp_community_list_add_expanded(cl, -1, PERMIT, "^$|_34927:")) != 0 ||
            (rc = bgp_policy_large_community_list(p, "LL", &ll)) != 0 ||
            (rc = bgp_large_community_list_add_expanded(ll, -1, PERMIT, ".*")) != 0 ||
            (rc = bgp_policy_aspath_list(p, "AS", &al)) != 0 ||
            (rc = bgp_aspath_list_add(al, -1, PERMIT, "^(201379_)*$")) != 0 ||
            (rc = bgp_policy_route_map(p, "M", &m)) != 0 ||
            (rc = bgp_route_map_entry(m, PERMIT, 10, &e)) != 0 ||
            (rc = bgp_route_map_match_prefix_list(e, BGP_AFI_IPV6, "PL")) != 0 ||
            (rc = bgp_route_map_match_community(e, "CL", false)) != 0 ||
            (rc = bgp_route_map_match_large_community(e, "LL", false)) != 0 ||
            (rc = bgp_route_map_match_as_path(e, "AS")) != 0 ||
            (rc = bgp_route_map_set_community(e, comm, 2, true)) != 0 ||
            (rc = bgp_route_map_set_large_community(e, lc, 1, true)) != 0 ||
            (rc = bgp_route_map_set_as_path_prepend(e, pp, 2)) != 0 ||
            (rc = bgp_route_map_set_call(e, "SUB")) != 0 ||
            (rc = bgp_route_map_set_exit(e, BGP_RM_NEXT, 0)) != 0 ||
            (rc = bgp_route_map_entry(m, PERMIT, 20, &e)) != 0 ||
            (rc = bgp_route_map_match_as_path(e, "AS")) != 0 ||
            (rc = bgp_policy_print(p, ignore, NULL)) != 0)
                return rc;
        return bgp_route_map_apply(p, m, &pfx, route);
}

START_TEST(failing_allocations)
{
        const struct bgp_mem mem = tu_failing_mem;
        bool completed = false;

        for (tu_fail_at = 1; tu_fail_at < 300 && !completed; tu_fail_at++) {
                struct bgp_policy *p;
                struct bgp_pattr route;
                tu_alloc_count = 0;
                int rc = bgp_policy_new(&p, &mem);
                if (rc != 0) {
                        ck_assert_int_eq(rc, BGP_ERR_NOMEM);
                        continue;
                }
                bgp_pattr_init(&route, &mem);
                rc = build_and_apply(p, &route);
                if (rc == PERMIT) {
                        completed = true;
                        ck_assert_uint_eq(route.n_communities, 2);
                        ck_assert_uint_eq(bgp_pattr_as_path_length(&route), 2);
                } else {
                        ck_assert_msg(rc == BGP_ERR_NOMEM, "tu_fail_at %d: %d", tu_fail_at, rc);
                }
                bgp_pattr_free(&route);
                bgp_policy_del(p);
        }
        ck_assert(completed);
}
END_TEST

static Suite *route_map_suite(void)
{
        Suite *s = suite_create("route_map");
        TCase *tc = tcase_create("route_map");
        tcase_add_checked_fixture(tc, setup, teardown);
        tcase_add_test(tc, seed_outbound_on_our_prefix);
        tcase_add_test(tc, seed_outbound_on_other_prefixes);
        tcase_add_test(tc, seed_inbound);
        tcase_add_test(tc, seed_prints_back);
        tcase_add_test(tc, permit_deny_implicit);
        tcase_add_test(tc, undefined_and_empty_prefix_lists);
        tcase_add_test(tc, community_list_standard);
        tcase_add_test(tc, community_list_expanded);
        tcase_add_test(tc, match_community_in_route_map);
        tcase_add_test(tc, large_community_lists);
        tcase_add_loop_test(tc, aspath_regex, 0,
                            (int)(sizeof(aspath_cases) / sizeof(aspath_cases[0])));
        tcase_add_test(tc, aspath_list_order_and_route_map);
        tcase_add_test(tc, set_values);
        tcase_add_test(tc, set_communities_replace_additive_none);
        tcase_add_test(tc, set_prepend);
        tcase_add_test(tc, on_match_next);
        tcase_add_test(tc, on_match_goto);
        tcase_add_test(tc, matches_see_earlier_sets);
        tcase_add_test(tc, call);
        tcase_add_test(tc, print_every_clause);
        tcase_add_test(tc, print_order_as_configured);
        tcase_add_test(tc, route_map_optimization);
        tcase_add_test(tc, print_lists);
        tcase_add_test(tc, failing_allocations);
        suite_add_tcase(s, tc);
        return s;
}

int main(void)
{
        return tu_run(route_map_suite());
}
