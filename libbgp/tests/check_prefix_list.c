/*
 * check_prefix_list.c - prefix-lists with FRR's semantics (FRR docs "IP Prefix List",
 * lib/plist.c): exact match without ge/le, le only, ge only, both, seq order and first
 * match, automatic and replaced seqs, the implicit deny, empty and undefined lists, and the
 * seed's PL-BOGONS against every range it names and the boundaries around them.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bgp/bgp.h>

#include "testutil.h"

static struct bgp_policy *policy;

static void setup(void)
{
        ck_assert_int_eq(bgp_policy_new(&policy, NULL), 0);
}

static void teardown(void)
{
        bgp_policy_del(policy);
        policy = NULL;
}

static struct bgp_prefix P(const char *text) {
        struct bgp_prefix p;
        ck_assert_msg(bgp_prefix_parse(text, &p) == 0, "bad prefix %s", text);
        return p;
}

static struct bgp_prefix_list *
list(uint16_t afi, const char *name)
{
        struct bgp_prefix_list *pl;
        ck_assert_int_eq(bgp_policy_prefix_list(policy, afi, name, &pl), 0);
        return pl;
}

static int add(struct bgp_prefix_list *pl, int64_t seq, enum bgp_policy_action a, const char *pfx,
               uint8_t ge, uint8_t le)
{
        struct bgp_prefix p = P(pfx);
        return bgp_prefix_list_add(pl, seq, a, &p, ge, le);
}

static enum bgp_policy_action match(const struct bgp_prefix_list *pl, const char *pfx)
{
        struct bgp_prefix p = P(pfx);
        return bgp_prefix_list_match(pl, &p);
}

#define PERMIT BGP_POLICY_PERMIT
#define DENY   BGP_POLICY_DENY

/* Collects printed lines, one string with '\n' after each. */
static char printed[16384];

static int collect(const char *line, void *ctx)
{
        (void)ctx;
        size_t n = strlen(printed);
        ck_assert_uint_lt(n + strlen(line) + 1, sizeof(printed));
        snprintf(printed + n, sizeof(printed) - n, "%s\n", line);
        return 0;
}

/* ---- entry semantics ---------------------------------------------------------------- */

START_TEST(exact_without_ge_le)
{
        struct bgp_prefix_list *pl = list(BGP_AFI_IPV4, "T");
        ck_assert_int_eq(add(pl, 5, PERMIT, "10.0.0.0/8", 0, 0), 0);
        ck_assert_int_eq(match(pl, "10.0.0.0/8"), PERMIT);
        /* "the prefix length must match exactly": more-specifics fall to the implicit deny. */
        ck_assert_int_eq(match(pl, "10.0.0.0/9"), DENY);
        ck_assert_int_eq(match(pl, "10.1.0.0/16"), DENY);
        ck_assert_int_eq(match(pl, "0.0.0.0/0"), DENY);
        ck_assert_int_eq(match(pl, "11.0.0.0/8"), DENY);
}
END_TEST

START_TEST(le_only)
{
        struct bgp_prefix_list *pl = list(BGP_AFI_IPV4, "T");
        ck_assert_int_eq(add(pl, 5, PERMIT, "10.0.0.0/8", 0, 24), 0);
        /* From the entry's own length up to le. */
        ck_assert_int_eq(match(pl, "10.0.0.0/8"), PERMIT);
        ck_assert_int_eq(match(pl, "10.1.0.0/16"), PERMIT);
        ck_assert_int_eq(match(pl, "10.1.2.0/24"), PERMIT);
        ck_assert_int_eq(match(pl, "10.1.2.0/25"), DENY);
        ck_assert_int_eq(match(pl, "0.0.0.0/0"), DENY);
        ck_assert_int_eq(match(pl, "8.0.0.0/7"), DENY);
        ck_assert_int_eq(match(pl, "11.0.0.0/16"), DENY);
}
END_TEST

START_TEST(ge_only)
{
        struct bgp_prefix_list *pl = list(BGP_AFI_IPV4, "T");
        ck_assert_int_eq(add(pl, 5, PERMIT, "10.0.0.0/8", 16, 0), 0);
        /* From ge up to the family's maximum. */
        ck_assert_int_eq(match(pl, "10.0.0.0/8"), DENY);
        ck_assert_int_eq(match(pl, "10.0.0.0/15"), DENY);
        ck_assert_int_eq(match(pl, "10.0.0.0/16"), PERMIT);
        ck_assert_int_eq(match(pl, "10.1.2.3/32"), PERMIT);
        ck_assert_int_eq(match(pl, "11.0.0.0/16"), DENY);
}
END_TEST

START_TEST(ge_and_le)
{
        struct bgp_prefix_list *pl = list(BGP_AFI_IPV6, "T");
        ck_assert_int_eq(add(pl, 5, PERMIT, "2001:db8::/32", 40, 48), 0);
        ck_assert_int_eq(match(pl, "2001:db8::/32"), DENY);
        ck_assert_int_eq(match(pl, "2001:db8::/39"), DENY);
        ck_assert_int_eq(match(pl, "2001:db8::/40"), PERMIT);
        ck_assert_int_eq(match(pl, "2001:db8:ff00::/48"), PERMIT);
        ck_assert_int_eq(match(pl, "2001:db8::/49"), DENY);
        ck_assert_int_eq(match(pl, "2001:db9::/48"), DENY);
        /* ge equal to le: one length only. */
        struct bgp_prefix_list *one = list(BGP_AFI_IPV6, "ONE");
        ck_assert_int_eq(add(one, 5, PERMIT, "::/0", 48, 48), 0);
        ck_assert_int_eq(match(one, "2001:db8::/48"), PERMIT);
        ck_assert_int_eq(match(one, "2001:db8::/47"), DENY);
        ck_assert_int_eq(match(one, "2001:db8::/49"), DENY);
}
END_TEST

START_TEST(bad_ranges_are_refused)
{
        struct bgp_prefix_list *pl = list(BGP_AFI_IPV4, "T");
        /* FRR: "make sure: len < ge-value <= le-value". */
        ck_assert_int_eq(add(pl, 5, PERMIT, "10.0.0.0/8", 8, 0), BGP_ERR_INVALID_ARGUMENT);
        ck_assert_int_eq(add(pl, 5, PERMIT, "10.0.0.0/8", 4, 0), BGP_ERR_INVALID_ARGUMENT);
        ck_assert_int_eq(add(pl, 5, PERMIT, "10.0.0.0/8", 0, 7), BGP_ERR_INVALID_ARGUMENT);
        ck_assert_int_eq(add(pl, 5, PERMIT, "10.0.0.0/8", 24, 16), BGP_ERR_INVALID_ARGUMENT);
        ck_assert_int_eq(add(pl, 5, PERMIT, "10.0.0.0/8", 33, 0), BGP_ERR_INVALID_ARGUMENT);
        ck_assert_int_eq(add(pl, 5, PERMIT, "10.0.0.0/8", 0, 33), BGP_ERR_INVALID_ARGUMENT);
        /* le equal to the length is allowed (and matches the prefix only). */
        ck_assert_int_eq(add(pl, 5, PERMIT, "10.0.0.0/8", 0, 8), 0);
        ck_assert_int_eq(match(pl, "10.0.0.0/8"), PERMIT);
        ck_assert_int_eq(match(pl, "10.0.0.0/9"), DENY);
        /* A prefix of the other family, a seq out of range, a bad action. */
        ck_assert_int_eq(add(pl, 10, PERMIT, "2001:db8::/32", 0, 0), BGP_ERR_INVALID_ARGUMENT);
        ck_assert_int_eq(add(pl, 4294967296LL, PERMIT, "10.0.0.0/8", 0, 0),
                         BGP_ERR_INVALID_ARGUMENT);
        ck_assert_int_eq(add(pl, 10, (enum bgp_policy_action)7, "10.0.0.0/8", 0, 0),
                         BGP_ERR_INVALID_ARGUMENT);
        ck_assert_uint_eq(bgp_prefix_list_count(pl), 1);
}
END_TEST

START_TEST(host_bits_are_cleared)
{
        struct bgp_prefix_list *pl = list(BGP_AFI_IPV4, "T");
        struct bgp_prefix p = P("10.0.0.0/8");
        p.addr[1] = 1; /* 10.1.0.0/8, as FRR's "prefix changed ... to match length" */
        ck_assert_int_eq(bgp_prefix_list_add(pl, 5, PERMIT, &p, 0, 0), 0);
        ck_assert_int_eq(match(pl, "10.0.0.0/8"), PERMIT);
        printed[0] = '\0';
        ck_assert_int_eq(bgp_prefix_list_print(pl, collect, NULL), 0);
        ck_assert_str_eq(printed, "ip prefix-list T seq 5 permit 10.0.0.0/8\n");
}
END_TEST

/* ---- list semantics ------------------------------------------------------------------- */

START_TEST(first_match_in_seq_order)
{
        struct bgp_prefix_list *pl = list(BGP_AFI_IPV4, "T");
        /* Added out of order: evaluation follows seq, not insertion. */
        ck_assert_int_eq(add(pl, 20, PERMIT, "10.1.0.0/16", 0, 0), 0);
        ck_assert_int_eq(add(pl, 10, DENY, "10.0.0.0/8", 0, 32), 0);
        ck_assert_int_eq(add(pl, 30, PERMIT, "0.0.0.0/0", 0, 32), 0);
        ck_assert_int_eq(match(pl, "10.1.0.0/16"), DENY);
        ck_assert_int_eq(match(pl, "192.0.2.0/24"), PERMIT);
        /* Removing seq 10 lets seq 20 decide. */
        ck_assert_int_eq(bgp_prefix_list_remove(pl, 10), 0);
        ck_assert_int_eq(bgp_prefix_list_remove(pl, 10), BGP_ERR_EOF);
        ck_assert_int_eq(match(pl, "10.1.0.0/16"), PERMIT);
        ck_assert_int_eq(match(pl, "10.2.0.0/16"), PERMIT);
}
END_TEST

START_TEST(implicit_deny)
{
        struct bgp_prefix_list *pl = list(BGP_AFI_IPV4, "T");
        ck_assert_int_eq(add(pl, 5, DENY, "10.0.0.0/8", 0, 32), 0);
        ck_assert_int_eq(match(pl, "10.0.0.0/8"), DENY);
        /* Nothing matches: deny all the same. */
        ck_assert_int_eq(match(pl, "192.0.2.0/24"), DENY);
        /* An IPv6 prefix against an IPv4 list: no entry of its family, so deny. */
        ck_assert_int_eq(match(pl, "2001:db8::/32"), DENY);
}
END_TEST

START_TEST(empty_and_undefined)
{
        /* lib/plist.c: an existing list without entries permits; no list denies. */
        struct bgp_prefix_list *pl = list(BGP_AFI_IPV6, "EMPTY");
        ck_assert_uint_eq(bgp_prefix_list_count(pl), 0);
        ck_assert_int_eq(match(pl, "2001:db8::/32"), PERMIT);
        ck_assert_int_eq(match(pl, "::/0"), PERMIT);
        ck_assert_ptr_null(bgp_policy_find_prefix_list(policy, BGP_AFI_IPV6, "NOPE"));
        ck_assert_int_eq(match(NULL, "2001:db8::/32"), DENY);
        /* Name spaces per family. */
        ck_assert_ptr_null(bgp_policy_find_prefix_list(policy, BGP_AFI_IPV4, "EMPTY"));
        ck_assert_ptr_eq(bgp_policy_find_prefix_list(policy, BGP_AFI_IPV6, "EMPTY"), pl);
        /* The last entry removed: empty again, permitting. */
        ck_assert_int_eq(add(pl, 5, DENY, "2001:db8::/32", 0, 0), 0);
        ck_assert_int_eq(match(pl, "2001:db8::/32"), DENY);
        ck_assert_int_eq(bgp_prefix_list_remove(pl, 5), 0);
        ck_assert_int_eq(match(pl, "2001:db8::/32"), PERMIT);
        /* Removed from the registry: undefined. */
        ck_assert_int_eq(bgp_policy_remove_prefix_list(policy, BGP_AFI_IPV6, "EMPTY"), 0);
        ck_assert_int_eq(bgp_policy_remove_prefix_list(policy, BGP_AFI_IPV6, "EMPTY"), BGP_ERR_EOF);
        ck_assert_ptr_null(bgp_policy_find_prefix_list(policy, BGP_AFI_IPV6, "EMPTY"));
}
END_TEST

START_TEST(seq_numbers)
{
        struct bgp_prefix_list *pl = list(BGP_AFI_IPV4, "T");
        /* Automatic: multiples of five above the largest. */
        ck_assert_int_eq(add(pl, -1, PERMIT, "10.0.0.0/8", 0, 0), 0);
        ck_assert_int_eq(add(pl, -1, PERMIT, "11.0.0.0/8", 0, 0), 0);
        ck_assert_int_eq(add(pl, 12, PERMIT, "12.0.0.0/8", 0, 0), 0);
        ck_assert_int_eq(add(pl, -1, PERMIT, "13.0.0.0/8", 0, 0), 0);
        /* The same seq replaces the entry. */
        ck_assert_int_eq(add(pl, 12, DENY, "12.0.0.0/8", 0, 0), 0);
        /* The same rule under another seq is ignored. */
        ck_assert_int_eq(add(pl, 40, PERMIT, "10.0.0.0/8", 0, 0), 0);
        ck_assert_uint_eq(bgp_prefix_list_count(pl), 4);
        ck_assert_int_eq(match(pl, "12.0.0.0/8"), DENY);
        printed[0] = '\0';
        ck_assert_int_eq(bgp_prefix_list_print(pl, collect, NULL), 0);
        ck_assert_str_eq(printed, "ip prefix-list T seq 5 permit 10.0.0.0/8\n"
                                  "ip prefix-list T seq 10 permit 11.0.0.0/8\n"
                                  "ip prefix-list T seq 12 deny 12.0.0.0/8\n"
                                  "ip prefix-list T seq 15 permit 13.0.0.0/8\n");
        /* Near the top, automatic numbering stops at 4294967295. */
        ck_assert_int_eq(add(pl, 4294967294LL, PERMIT, "14.0.0.0/8", 0, 0), 0);
        ck_assert_int_eq(add(pl, -1, PERMIT, "15.0.0.0/8", 0, 0), 0);
        ck_assert_int_eq(bgp_prefix_list_remove(pl, 4294967295u), 0);
}
END_TEST

START_TEST(print_ge_le_and_description)
{
        struct bgp_prefix_list *pl = list(BGP_AFI_IPV4, "T");
        ck_assert_int_eq(bgp_prefix_list_set_description(pl, "test list"), 0);
        ck_assert_int_eq(add(pl, 5, PERMIT, "10.0.0.0/8", 16, 24), 0);
        ck_assert_int_eq(add(pl, 10, DENY, "0.0.0.0/0", 0, 32), 0);
        printed[0] = '\0';
        ck_assert_int_eq(bgp_prefix_list_print(pl, collect, NULL), 0);
        ck_assert_str_eq(printed, "ip prefix-list T description test list\n"
                                  "ip prefix-list T seq 5 permit 10.0.0.0/8 ge 16 le 24\n"
                                  "ip prefix-list T seq 10 deny 0.0.0.0/0 le 32\n");
        ck_assert_int_eq(bgp_prefix_list_set_description(pl, NULL), 0);
        ck_assert_str_eq(bgp_prefix_list_name(pl), "T");
}
END_TEST

static int stop_at_second(const char *line, void *ctx)
{
        (void)line;
        return ++*(int *)ctx == 2;
}

START_TEST(print_callback_stops)
{
        struct bgp_prefix_list *pl = list(BGP_AFI_IPV4, "T");
        int calls = 0;
        ck_assert_int_eq(add(pl, 5, PERMIT, "10.0.0.0/8", 0, 0), 0);
        ck_assert_int_eq(add(pl, 10, PERMIT, "11.0.0.0/8", 0, 0), 0);
        ck_assert_int_eq(add(pl, 15, PERMIT, "12.0.0.0/8", 0, 0), 0);
        ck_assert_int_eq(bgp_prefix_list_print(pl, stop_at_second, &calls),
                         BGP_ERR_CALLBACK_FAILURE);
        ck_assert_int_eq(calls, 2);
}
END_TEST

START_TEST(names)
{
        struct bgp_prefix_list *pl;
        ck_assert_int_eq(bgp_policy_prefix_list(policy, BGP_AFI_IPV4, "", &pl),
                         BGP_ERR_INVALID_ARGUMENT);
        ck_assert_int_eq(bgp_policy_prefix_list(policy, BGP_AFI_IPV4, "A B", &pl),
                         BGP_ERR_INVALID_ARGUMENT);
        ck_assert_int_eq(bgp_policy_prefix_list(policy, BGP_AFI_IPV4, NULL, &pl),
                         BGP_ERR_INVALID_ARGUMENT);
        ck_assert_int_eq(bgp_policy_prefix_list(policy, 3, "X", &pl), BGP_ERR_INVALID_ARGUMENT);
        struct bgp_prefix_list *a = list(BGP_AFI_IPV4, "A");
        ck_assert_ptr_eq(list(BGP_AFI_IPV4, "A"), a);
}
END_TEST

/* ---- the seed ------------------------------------------------------------------------- */

/* /work/shared/seed/frr.conf, verbatim. */
static const char *const seed_lines[] = {
    "ipv6 prefix-list PL-MY-NET seq 5 permit 2a06:9801:1c::/48",
    "ipv6 prefix-list PL-BOGONS seq 5 deny ::/0 le 7",
    "ipv6 prefix-list PL-BOGONS seq 10 deny ::/8",
    "ipv6 prefix-list PL-BOGONS seq 15 deny 100::/8",
    "ipv6 prefix-list PL-BOGONS seq 20 deny 200::/7",
    "ipv6 prefix-list PL-BOGONS seq 25 deny 400::/6",
    "ipv6 prefix-list PL-BOGONS seq 30 deny 800::/5",
    "ipv6 prefix-list PL-BOGONS seq 35 deny 1000::/4",
    "ipv6 prefix-list PL-BOGONS seq 40 deny 4000::/3",
    "ipv6 prefix-list PL-BOGONS seq 45 deny 6000::/3",
    "ipv6 prefix-list PL-BOGONS seq 50 deny 8000::/3",
    "ipv6 prefix-list PL-BOGONS seq 55 deny a000::/3",
    "ipv6 prefix-list PL-BOGONS seq 60 deny c000::/3",
    "ipv6 prefix-list PL-BOGONS seq 65 deny e000::/4",
    "ipv6 prefix-list PL-BOGONS seq 70 deny f000::/5",
    "ipv6 prefix-list PL-BOGONS seq 75 deny f800::/6",
    "ipv6 prefix-list PL-BOGONS seq 80 deny fc00::/7",
    "ipv6 prefix-list PL-BOGONS seq 85 deny fe80::/10",
    "ipv6 prefix-list PL-BOGONS seq 90 deny fec0::/10",
    "ipv6 prefix-list PL-BOGONS seq 95 deny ff00::/8",
    "ipv6 prefix-list PL-BOGONS seq 100 deny 2a06:9801:1c::/48",
    "ipv6 prefix-list PL-BOGONS seq 105 deny ::/0 ge 49",
    "ipv6 prefix-list PL-BOGONS seq 110 permit ::/0 le 48",
};

/* Reads "ipv6 prefix-list NAME seq N permit|deny PREFIX [ge G] [le L]" into the policy. */
static void load(const char *line)
{
        char name[64], action[16], pfx[64], k1[4] = "", k2[4] = "";
        long long seq;
        unsigned v1 = 0, v2 = 0;
        int n = sscanf(line, "ipv6 prefix-list %63s seq %lld %15s %63s %3s %u %3s %u", name, &seq,
                       action, pfx, k1, &v1, k2, &v2);
        ck_assert_int_ge(n, 4);
        unsigned ge = 0, le = 0;
        if (strcmp(k1, "ge") == 0)
                ge = v1;
        if (strcmp(k1, "le") == 0)
                le = v1;
        if (strcmp(k2, "le") == 0)
                le = v2;
        ck_assert_int_eq(add(list(BGP_AFI_IPV6, name), seq,
                             strcmp(action, "permit") == 0 ? PERMIT : DENY, pfx, (uint8_t)ge,
                             (uint8_t)le),
                         0);
}

static void load_seed(void)
{
        for (size_t i = 0; i < sizeof(seed_lines) / sizeof(seed_lines[0]); i++)
                load(seed_lines[i]);
}

/*
 * What PL-BOGONS says, and which entry says it.  Checked against FRR 8.4.4: each prefix as a
 * "network ... route-map" through "match ipv6 address prefix-list PL-BOGONS" came out
 * exactly as listed (bgpd refuses link-local prefixes as networks, so the fe80:: rows rest
 * on lib/plist.c alone).
 */
static const struct {
        const char *pfx;
        enum bgp_policy_action want;
        const char *why;
} bogons[] = {
    /* seq 5: ::/0 le 7 - everything of length 0 to 7. */
    {"::/0", DENY, "default route (seq 5)"},
    {"::/1", DENY, "seq 5"},
    {"8000::/1", DENY, "seq 5"},
    {"2000::/3", DENY, "seq 5: /3 <= 7, even the global unicast block"},
    {"::/7", DENY, "seq 5"},
    {"fe00::/7", DENY, "seq 5"},
    /* Every range named, exactly. */
    {"::/8", DENY, "seq 10"},
    {"100::/8", DENY, "seq 15"},
    {"200::/7", DENY, "seq 20 (also seq 5)"},
    {"400::/6", DENY, "seq 25"},
    {"800::/5", DENY, "seq 30"},
    {"1000::/4", DENY, "seq 35"},
    {"4000::/3", DENY, "seq 40"},
    {"6000::/3", DENY, "seq 45"},
    {"8000::/3", DENY, "seq 50"},
    {"a000::/3", DENY, "seq 55"},
    {"c000::/3", DENY, "seq 60"},
    {"e000::/4", DENY, "seq 65"},
    {"f000::/5", DENY, "seq 70"},
    {"f800::/6", DENY, "seq 75"},
    {"fc00::/7", DENY, "seq 80"},
    {"fe80::/10", DENY, "seq 85"},
    {"fec0::/10", DENY, "seq 90"},
    {"ff00::/8", DENY, "seq 95"},
    /* Without ge/le those entries match their prefix only: more-specifics up to /48 fall
     * through to seq 110 and are permitted, as in FRR. */
    {"fd00::/8", PERMIT, "not fc00::/7 itself: seq 110"},
    {"fd00:1234::/48", PERMIT, "ULA /48: seq 110"},
    {"fe80::/16", PERMIT, "seq 110"},
    {"ff02::/16", PERMIT, "seq 110"},
    {"100::/9", PERMIT, "seq 110"},
    {"::/9", PERMIT, "seq 110"},
    /* ...but past /48 seq 105 catches them. */
    {"fe80::/64", DENY, "seq 105"},
    {"fd00:1234::/64", DENY, "seq 105"},
    {"::ffff:0:0/96", DENY, "seq 105"},
    /* Our own /48: denied exactly by seq 100, and any more-specific by seq 105. */
    {"2a06:9801:1c::/48", DENY, "seq 100"},
    {"2a06:9801:1c::/49", DENY, "seq 105"},
    {"2a06:9801:1c:8000::/49", DENY, "seq 105"},
    {"2a06:9801:1c::/64", DENY, "seq 105"},
    {"2a06:9801::/32", PERMIT, "the covering /32: seq 110"},
    {"2a06:9801:1d::/48", PERMIT, "the neighbouring /48: seq 110"},
    /* Documentation prefix: /48 is the boundary of seq 110 and seq 105. */
    {"2001:db8::/32", PERMIT, "seq 110"},
    {"2001:db8::/48", PERMIT, "seq 110"},
    {"2001:db8::/49", DENY, "seq 105"},
    {"2001:db8:1::/64", DENY, "seq 105"},
    {"2001:db8::/128", DENY, "seq 105"},
    /* Ordinary global unicast. */
    {"3ffe::/16", PERMIT, "6bone, gone but not listed: seq 110"},
    {"2000::/8", PERMIT, "seq 110"},
    {"2600::/12", PERMIT, "seq 110"},
    {"2001:db8:300::/40", PERMIT, "seq 110"},
};

START_TEST(seed_bogons)
{
        load_seed();
        const struct bgp_prefix_list *pl =
            bgp_policy_find_prefix_list(policy, BGP_AFI_IPV6, "PL-BOGONS");
        ck_assert_ptr_nonnull(pl);
        ck_assert_uint_eq(bgp_prefix_list_count(pl), 22);
        const struct bgp_prefix_list *pl_bogons = pl;
        ck_assert_msg(match(pl_bogons, bogons[_i].pfx) == bogons[_i].want, "%s: want %s (%s)",
                      bogons[_i].pfx, bogons[_i].want == PERMIT ? "permit" : "deny",
                      bogons[_i].why);
}
END_TEST

START_TEST(seed_my_net)
{
        load_seed();
        const struct bgp_prefix_list *pl =
            bgp_policy_find_prefix_list(policy, BGP_AFI_IPV6, "PL-MY-NET");
        ck_assert_ptr_nonnull(pl);
        ck_assert_int_eq(match(pl, "2a06:9801:1c::/48"), PERMIT);
        ck_assert_int_eq(match(pl, "2a06:9801:1c::/49"), DENY);
        ck_assert_int_eq(match(pl, "2a06:9801::/32"), DENY);
        ck_assert_int_eq(match(pl, "2001:db8::/48"), DENY);
}
END_TEST

/* The seed prints back line for line, in its own order. */
START_TEST(seed_prints_back)
{
        load_seed();
        printed[0] = '\0';
        ck_assert_int_eq(bgp_policy_print(policy, collect, NULL), 0);
        char want[16384] = "";
        for (size_t i = 0; i < sizeof(seed_lines) / sizeof(seed_lines[0]); i++) {
                strcat(want, seed_lines[i]);
                strcat(want, "\n");
                if (i == 0 || i == sizeof(seed_lines) / sizeof(seed_lines[0]) - 1)
                        strcat(want, "!\n");
        }
        ck_assert_str_eq(printed, want);
}
END_TEST

/* ---- every allocation failing in turn ------------------------------------------------- */

static int ignore(const char *line, void *ctx)
{
        (void)line;
        (void)ctx;
        return 0;
}

START_TEST(failing_allocations)
{
        const struct bgp_mem mem = tu_failing_mem;
        bool completed = false;

        for (tu_fail_at = 1; tu_fail_at < 200 && !completed; tu_fail_at++) {
                struct bgp_policy *p;
                struct bgp_prefix_list *pl;
                tu_alloc_count = 0;
                int rc = bgp_policy_new(&p, &mem);
                if (rc != 0) {
                        ck_assert_int_eq(rc, BGP_ERR_NOMEM);
                        continue;
                }
                rc = bgp_policy_prefix_list(p, BGP_AFI_IPV6, "PL-BOGONS", &pl);
                for (int i = 0; rc == 0 && i < 20; i++) {
                        struct bgp_prefix pfx = P("2001:db8::/32");
                        pfx.addr[3] = (uint8_t)i;
                        rc = bgp_prefix_list_add(pl, -1, DENY, &pfx, 0, 48);
                }
                if (rc == 0)
                        rc = bgp_prefix_list_set_description(pl, "bogons");
                if (rc == 0)
                        rc = bgp_policy_print(p, ignore, NULL);
                if (rc == 0) {
                        completed = true;
                        ck_assert_uint_eq(bgp_prefix_list_count(pl), 20);
                }
                ck_assert_msg(rc == 0 || rc == BGP_ERR_NOMEM, "tu_fail_at %d: %d", tu_fail_at, rc);
                bgp_policy_del(p);
        }
        ck_assert(completed);
}
END_TEST

static Suite *prefix_list_suite(void)
{
        Suite *s = suite_create("prefix_list");
        TCase *tc = tcase_create("prefix_list");
        tcase_add_checked_fixture(tc, setup, teardown);
        tcase_add_test(tc, exact_without_ge_le);
        tcase_add_test(tc, le_only);
        tcase_add_test(tc, ge_only);
        tcase_add_test(tc, ge_and_le);
        tcase_add_test(tc, bad_ranges_are_refused);
        tcase_add_test(tc, host_bits_are_cleared);
        tcase_add_test(tc, first_match_in_seq_order);
        tcase_add_test(tc, implicit_deny);
        tcase_add_test(tc, empty_and_undefined);
        tcase_add_test(tc, seq_numbers);
        tcase_add_test(tc, print_ge_le_and_description);
        tcase_add_test(tc, print_callback_stops);
        tcase_add_test(tc, names);
        tcase_add_loop_test(tc, seed_bogons, 0, (int)(sizeof(bogons) / sizeof(bogons[0])));
        tcase_add_test(tc, seed_my_net);
        tcase_add_test(tc, seed_prints_back);
        tcase_add_test(tc, failing_allocations);
        suite_add_tcase(s, tc);
        return s;
}

int main(void)
{
        return tu_run(prefix_list_suite());
}
