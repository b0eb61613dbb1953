/* check_config_diff.c - what a reload changes for one neighbor (diff.c): its session,
 * which is then reset, or its policy in one direction, which is then applied softly. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "testutil_config.h"

#define IFOG     "2001:db8:300::1"
#define LAGRANGE "2001:db8:100::ff"

static char *seed;

/* The seed with one line replaced (old: an exact line of it) or, old NULL, added after
 * `router bgp`'s neighbors (before the address-family block). */
static struct config *seed_with(const char *old, const char *new)
{
        const char *at = old != NULL ? strstr(seed, old) : strstr(seed, "!\naddress-family");
        ck_assert_ptr_nonnull(at);
        size_t head = (size_t)(at - seed), skip = old != NULL ? strlen(old) : 0;
        char *text = malloc(strlen(seed) + strlen(new) + 2);
        ck_assert_ptr_nonnull(text);
        memcpy(text, seed, head);
        strcpy(text + head, new);
        strcat(text, old != NULL ? "" : "\n");
        strcat(text, seed + head + skip);
        struct config *cfg;
        char *diags;
        ck_assert_int_eq(tu_parse("frr.conf", text, &cfg, &diags), CONFIG_OK);
        free(diags);
        free(text);
        return cfg;
}

static const struct config_neighbor *nb(const struct config *cfg, const char *addr)
{
        for (size_t i = 0; i < cfg->bgp.n_neighbors; i++)
                if (strcmp(cfg->bgp.neighbors[i].addr_text, addr) == 0)
                        return &cfg->bgp.neighbors[i];
        ck_abort_msg("no neighbor %s", addr);
        return NULL;
}

static bool session_eq(const struct config *a, const struct config *b, const char *addr)
{
        return config_neighbor_session_equal(a, nb(a, addr), b, nb(b, addr));
}

static bool policy_eq(const struct config *a, const struct config *b, const char *addr,
                      enum config_dir dir)
{
        return config_neighbor_policy_equal(a, nb(a, addr), b, nb(b, addr), CONFIG_AF_IPV6_UNICAST,
                                            dir);
}

static void setup(void)
{
        seed = tu_read(CONFIG_SHARED "/seed/frr.conf", NULL);
}

static void teardown(void)
{
        free(seed);
}

START_TEST(same_file_same_everything)
{
        struct config *a = seed_with("hostname router01\n", "hostname router01\n");
        struct config *b = seed_with("hostname router01\n", "hostname router02\n");
        const char *both[] = {IFOG, LAGRANGE};
        for (int i = 0; i < 2; i++) {
                /* The host name is not a session parameter (FRR does not reset for it). */
                ck_assert(session_eq(a, b, both[i]));
                ck_assert(policy_eq(a, b, both[i], CONFIG_IN));
                ck_assert(policy_eq(a, b, both[i], CONFIG_OUT));
        }
        config_free(a);
        config_free(b);
}
END_TEST

START_TEST(a_list_a_route_map_matches_on_is_inbound_policy)
{
        struct config *a = seed_with("hostname router01\n", "hostname router01\n");
        struct config *b = seed_with("ipv6 prefix-list PL-BOGONS seq 110 permit ::/0 le 48\n",
                                     "ipv6 prefix-list PL-BOGONS seq 110 permit ::/0 le 47\n");
        /* Both RM-*-IN match on PL-BOGONS; no outbound map does. */
        ck_assert(!policy_eq(a, b, IFOG, CONFIG_IN));
        ck_assert(!policy_eq(a, b, LAGRANGE, CONFIG_IN));
        ck_assert(policy_eq(a, b, IFOG, CONFIG_OUT));
        ck_assert(policy_eq(a, b, LAGRANGE, CONFIG_OUT));
        ck_assert(session_eq(a, b, IFOG));
        config_free(a);
        config_free(b);
}
END_TEST

START_TEST(a_set_clause_is_one_neighbors_outbound_policy)
{
        struct config *a = seed_with("hostname router01\n", "hostname router01\n");
        struct config *b = seed_with("set community 34927:9501 34927:9301 additive\n",
                                     "set community 34927:9501 additive\n");
        ck_assert(!policy_eq(a, b, IFOG, CONFIG_OUT));
        ck_assert(policy_eq(a, b, IFOG, CONFIG_IN));
        ck_assert(policy_eq(a, b, LAGRANGE, CONFIG_OUT));
        ck_assert(session_eq(a, b, IFOG));
        config_free(a);
        config_free(b);
}
END_TEST

START_TEST(a_neighbors_route_map_name_is_its_policy)
{
        struct config *a = seed_with("hostname router01\n", "hostname router01\n");
        struct config *b = seed_with("neighbor 2001:db8:100::ff route-map RM-LAGRANGE-OUT out\n",
                                     "neighbor 2001:db8:100::ff route-map RM-IFOG-OUT out\n");
        ck_assert(!policy_eq(a, b, LAGRANGE, CONFIG_OUT));
        ck_assert(policy_eq(a, b, IFOG, CONFIG_OUT));
        config_free(a);
        config_free(b);
}
END_TEST

START_TEST(timers_and_passwords_are_the_session)
{
        struct config *a = seed_with("hostname router01\n", "hostname router01\n");
        struct config *t = seed_with(NULL, "neighbor " IFOG " timers 10 30");
        struct config *p = seed_with(NULL, "neighbor " LAGRANGE " password s3cret");
        struct config *l = seed_with(NULL, "neighbor " IFOG " local-as 65000");
        ck_assert(!session_eq(a, t, IFOG));
        ck_assert(session_eq(a, t, LAGRANGE));
        ck_assert(!session_eq(a, p, LAGRANGE));
        ck_assert(session_eq(a, p, IFOG));
        ck_assert(!session_eq(a, l, IFOG));
        config_free(a);
        config_free(t);
        config_free(p);
        config_free(l);
}
END_TEST

START_TEST(our_identity_is_every_session)
{
        struct config *a = seed_with("hostname router01\n", "hostname router01\n");
        struct config *b =
            seed_with("bgp router-id 198.51.100.10\n", "bgp router-id 198.51.100.11\n");
        ck_assert(!session_eq(a, b, IFOG));
        ck_assert(!session_eq(a, b, LAGRANGE));
        ck_assert(policy_eq(a, b, IFOG, CONFIG_IN));
        config_free(a);
        config_free(b);
}
END_TEST

int main(void)
{
        Suite *s = suite_create("config_diff");
        TCase *tc = tcase_create("diff");
        tcase_add_checked_fixture(tc, setup, teardown);
        tcase_add_test(tc, same_file_same_everything);
        tcase_add_test(tc, a_list_a_route_map_matches_on_is_inbound_policy);
        tcase_add_test(tc, a_set_clause_is_one_neighbors_outbound_policy);
        tcase_add_test(tc, a_neighbors_route_map_name_is_its_policy);
        tcase_add_test(tc, timers_and_passwords_are_the_session);
        tcase_add_test(tc, our_identity_is_every_session);
        suite_add_tcase(s, tc);
        return tu_run_suite(s);
}
