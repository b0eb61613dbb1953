/*
 * check_router.c - the seed's router in the library: its policy, its two upstreams, its
 * /48 going out with the right communities and prepends, bogons filtered inbound,
 * RFC 8212, maximum-prefix and soft reconfiguration.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bgp/bgp.h>

#include "testutil.h"

static struct bgp_policy *policy;
static struct bgp_router *router;
static struct bgp_router_peer *ifog, *lagrange;
static struct bgp_codec_opts opts;

struct events {
        int warnings, exceeded, no_policy_in, no_policy_out, adj_in_full;
        size_t best_changes;
};
static struct events ev;

static void on_event(struct bgp_router_peer *p, enum bgp_router_event e, size_t count, void *ud)
{
        (void)p;
        (void)count;
        (void)ud;
        switch (e) {
        case BGP_ROUTER_MAX_PREFIX_WARNING:
                ev.warnings++;
                break;
        case BGP_ROUTER_MAX_PREFIX_EXCEEDED:
                ev.exceeded++;
                break;
        case BGP_ROUTER_NO_POLICY_IN:
                ev.no_policy_in++;
                break;
        case BGP_ROUTER_NO_POLICY_OUT:
                ev.no_policy_out++;
                break;
        case BGP_ROUTER_ADJ_IN_FULL:
                ev.adj_in_full++;
                break;
        }
}

static void on_best(const struct bgp_rib_change *c, size_t n, void *ud)
{
        (void)c;
        (void)ud;
        ev.best_changes += n;
}

static struct bgp_prefix pfx(const char *text)
{
        struct bgp_prefix p;
        ck_assert_int_eq(bgp_prefix_parse(text, &p), 0);
        return p;
}

static void add_pl(uint32_t seq, const char *name, bool permit, const char *prefix, uint8_t ge,
                   uint8_t le)
{
        struct bgp_prefix_list *pl;
        struct bgp_prefix p = pfx(prefix);
        ck_assert_int_eq(bgp_policy_prefix_list(policy, BGP_AFI_IPV6, name, &pl), 0);
        ck_assert_int_eq(
            bgp_prefix_list_add(pl, seq, permit ? BGP_POLICY_PERMIT : BGP_POLICY_DENY, &p, ge, le),
            0);
}

/* ../shared/seed/frr.conf, built through the API. */
static void seed_policy(void)
{
        static const char *bogons[] = {"::/8",      "100::/8",  "200::/7",          "400::/6",
                                       "800::/5",   "1000::/4", "4000::/3",         "6000::/3",
                                       "8000::/3",  "a000::/3", "c000::/3",         "e000::/4",
                                       "f000::/5",  "f800::/6", "fc00::/7",         "fe80::/10",
                                       "fec0::/10", "ff00::/8", "2a06:9801:1c::/48"};
        ck_assert_int_eq(bgp_policy_new(&policy, NULL), 0);
        add_pl(5, "PL-MY-NET", true, "2a06:9801:1c::/48", 0, 0);
        add_pl(5, "PL-BOGONS", false, "::/0", 0, 7);
        for (size_t i = 0; i < sizeof(bogons) / sizeof(bogons[0]); i++)
                add_pl((uint32_t)(10 + 5 * i), "PL-BOGONS", false, bogons[i], 0, 0);
        add_pl(105, "PL-BOGONS", false, "::/0", 49, 0);
        add_pl(110, "PL-BOGONS", true, "::/0", 0, 48);

        struct bgp_route_map *rm;
        struct bgp_route_map_entry *e;
        uint32_t comm[] = {34927u << 16 | 9501, 34927u << 16 | 9301};
        uint32_t prepend[] = {201379, 201379};
        ck_assert_int_eq(bgp_policy_route_map(policy, "RM-IFOG-OUT", &rm), 0);
        ck_assert_int_eq(bgp_route_map_entry(rm, BGP_POLICY_PERMIT, 10, &e), 0);
        ck_assert_int_eq(bgp_route_map_match_prefix_list(e, BGP_AFI_IPV6, "PL-MY-NET"), 0);
        ck_assert_int_eq(bgp_route_map_set_community(e, comm, 2, true), 0);
        ck_assert_int_eq(bgp_policy_route_map(policy, "RM-LAGRANGE-OUT", &rm), 0);
        ck_assert_int_eq(bgp_route_map_entry(rm, BGP_POLICY_PERMIT, 10, &e), 0);
        ck_assert_int_eq(bgp_route_map_match_prefix_list(e, BGP_AFI_IPV6, "PL-MY-NET"), 0);
        ck_assert_int_eq(bgp_route_map_set_as_path_prepend(e, prepend, 2), 0);
        const char *in[] = {"RM-IFOG-IN", "RM-LAGRANGE-IN"};
        for (int i = 0; i < 2; i++) {
                ck_assert_int_eq(bgp_policy_route_map(policy, in[i], &rm), 0);
                ck_assert_int_eq(bgp_route_map_entry(rm, BGP_POLICY_PERMIT, 10, &e), 0);
                ck_assert_int_eq(bgp_route_map_match_prefix_list(e, BGP_AFI_IPV6, "PL-BOGONS"), 0);
        }
}

static void peer_config(struct bgp_router_peer_config *c, uint32_t as, const char *addr,
                        const char *self, const char *rm_in, const char *rm_out)
{
        struct bgp_prefix a;
        bgp_router_peer_config_init(c);
        c->local_as = 201379;
        c->peer_as = as;
        a = pfx(addr);
        memcpy(c->address, a.addr, 16);
        a = pfx(self);
        c->nh_afi = BGP_AFI_IPV6;
        memcpy(c->next_hop, a.addr, 16);
        c->soft_reconfig_in = true;
        c->route_map_in = rm_in;
        c->route_map_out = rm_out;
        c->max_prefix = 250000;
        c->max_prefix_threshold = 90;
}

static void setup(void)
{
        struct bgp_router_peer_config c;
        struct bgp_router_callbacks cb = {BGP_ROUTER_CALLBACKS_VERSION, on_best, on_event};
        memset(&ev, 0, sizeof(ev));
        bgp_codec_opts_init(&opts);
        seed_policy();
        ck_assert_int_eq(bgp_router_new(&router, policy, &cb, NULL, NULL), 0);
        peer_config(&c, 34927, "2001:db8:300::1/128", "2001:db8:300::2/128", "RM-IFOG-IN",
                    "RM-IFOG-OUT");
        ck_assert_int_eq(bgp_router_peer_add(router, &c, &ifog), 0);
        peer_config(&c, 209735, "2001:db8:100::ff/128", "2001:db8:100::96/128", "RM-LAGRANGE-IN",
                    "RM-LAGRANGE-OUT");
        ck_assert_int_eq(bgp_router_peer_add(router, &c, &lagrange), 0);
}

static void teardown(void)
{
        bgp_router_del(router);
        bgp_policy_del(policy);
}

/* What a peer was sent, decoded. */
struct sent {
        int messages;
        size_t announced, withdrawn;
        char path[128];
        uint32_t communities[8];
        size_t n_communities;
        uint8_t next_hop[16];
        char first_prefix[64];
        bool local_pref;
        bool med;
        uint32_t med_value;
        int eors;
};

static void collect(struct bgp_router_peer *p, struct sent *s)
{
        static uint8_t buf[4096];
        int n;
        memset(s, 0, sizeof(*s));
        while ((n = bgp_router_next_update(router, p, &opts, buf, sizeof(buf))) > 0) {
                struct bgp_msg msg;
                struct bgp_verdict v;
                ck_assert_int_eq(bgp_msg_decode(buf, (size_t)n, &opts, &msg, &v), 0);
                const struct bgp_attrs *a = &msg.u.update.attrs;
                s->messages++;
                uint16_t afi;
                uint8_t safi;
                if (bgp_update_is_eor(&msg.u.update, &afi, &safi))
                        s->eors++;
                s->withdrawn += bgp_nlri_count(&a->mp_unreach.nlri);
                size_t k = bgp_nlri_count(&a->mp_reach.nlri);
                if (k == 0)
                        continue;
                s->announced += k;
                struct bgp_pattr pa;
                bgp_pattr_init(&pa, NULL);
                ck_assert_int_eq(bgp_pattr_from_update(&pa, a), 0);
                bgp_pattr_as_path_string(&pa, s->path, sizeof(s->path));
                s->n_communities = pa.n_communities < 8 ? pa.n_communities : 8;
                if (s->n_communities > 0)
                        memcpy(s->communities, pa.communities, s->n_communities * 4);
                memcpy(s->next_hop, a->mp_reach.nh, 16);
                s->local_pref = bgp_attrs_has(a, BGP_ATTR_LOCAL_PREF);
                s->med = bgp_attrs_has(a, BGP_ATTR_MED);
                s->med_value = a->med;
                bgp_pattr_free(&pa);
                struct bgp_nlri_iter it;
                struct bgp_prefix p0;
                bgp_nlri_iter_init(&it, &a->mp_reach.nlri);
                if (bgp_nlri_iter_next(&it, &p0) == 1)
                        bgp_prefix_format(&p0, s->first_prefix, sizeof(s->first_prefix));
        }
        ck_assert_int_eq(n, 0);
}

/* The peer sends the prefixes with path (first the peer's AS). */
static void receive(struct bgp_router_peer *p, const uint32_t *path, size_t n_path,
                    const char *const *prefixes, size_t n)
{
        uint8_t buf[4096], pbuf[64];
        struct bgp_attrs attrs;
        struct bgp_prefix list[64];
        size_t done = 0;
        memset(&attrs, 0, sizeof(attrs));
        attrs.as_path = (struct bgp_as_path){pbuf, 0, 4};
        attrs.as_path.len = (size_t)bgp_as_path_encode_seq(pbuf, sizeof(pbuf), path, n_path);
        attrs.mp_reach.nh_len = 16;
        attrs.mp_reach.nh[0] = 0x20;
        attrs.mp_reach.nh[1] = 0x01;
        attrs.mp_reach.nh[15] = 9;
        bgp_attrs_set(&attrs, BGP_ATTR_ORIGIN);
        bgp_attrs_set(&attrs, BGP_ATTR_AS_PATH);
        for (size_t i = 0; i < n; i++)
                list[i] = pfx(prefixes[i]);
        while (done < n) {
                int len = bgp_update_build_announce(buf, sizeof(buf), &opts, &attrs,
                                                    BGP_SAFI_UNICAST, list, n, &done);
                ck_assert_int_gt(len, 0);
                struct bgp_msg msg;
                struct bgp_verdict v;
                ck_assert_int_eq(bgp_msg_decode(buf, (size_t)len, &opts, &msg, &v), 0);
                ck_assert_int_eq(bgp_router_update(router, p, &msg.u.update, &v), 0);
        }
        ck_assert_int_eq(bgp_router_process(router), 0);
}

static void both_up(void)
{
        ck_assert_int_eq(bgp_router_peer_up(router, ifog, 0xc0000201, BGP_FAMILY_IPV6_UNICAST), 0);
        ck_assert_int_eq(bgp_router_peer_up(router, lagrange, 0xc0000202, BGP_FAMILY_IPV6_UNICAST),
                         0);
}

START_TEST(seed_announces_its_48)
{
        struct sent s;
        struct bgp_prefix own = pfx("2a06:9801:1c::/48");
        ck_assert_int_eq(bgp_router_network(router, &own, true), 0);
        ck_assert_int_eq(bgp_router_process(router), 0);
        both_up();

        /* iFog: our AS once, the two communities added, next hop ourselves. */
        collect(ifog, &s);
        ck_assert_uint_eq(s.announced, 1);
        /* The first table ends with an End-of-RIB for IPv6 (RFC 4724 2). */
        ck_assert_int_eq(s.eors, 1);
        ck_assert_str_eq(s.first_prefix, "2a06:9801:1c::/48");
        ck_assert_str_eq(s.path, "201379");
        ck_assert_uint_eq(s.n_communities, 2);
        ck_assert_uint_eq(s.communities[0], 34927u << 16 | 9301);
        ck_assert_uint_eq(s.communities[1], 34927u << 16 | 9501);
        ck_assert_uint_eq(s.next_hop[15], 2);
        ck_assert(!s.local_pref);
        /* MED 0, as FRR sends for a network backed by a static route of metric 0. */
        ck_assert(s.med);
        ck_assert_uint_eq(s.med_value, 0);

        /* Lagrange: prepended twice on top of our own AS, no communities. */
        collect(lagrange, &s);
        ck_assert_uint_eq(s.announced, 1);
        ck_assert_str_eq(s.path, "201379 201379 201379");
        ck_assert_uint_eq(s.n_communities, 0);
        ck_assert_uint_eq(s.next_hop[15], 0x96);

        /* The blackhole goes away: so does the announcement (FRR's network semantics). */
        ck_assert_int_eq(bgp_router_network(router, &own, false), 0);
        ck_assert_int_eq(bgp_router_process(router), 0);
        collect(ifog, &s);
        ck_assert_uint_eq(s.withdrawn, 1);
}
END_TEST

/*
 * FRR applies the outbound route-map before it adds our AS (bgp_packet_attribute): an
 * outbound "set as-path prepend 65001" gives "201379 65001 ...", and "match as-path" sees
 * the path without our AS.
 */
START_TEST(outbound_prepend_comes_after_the_route_map)
{
        struct bgp_route_map *rm;
        struct bgp_route_map_entry *e;
        struct bgp_aspath_list *al;
        uint32_t other[] = {65001};
        /* Lagrange gets iFog's routes that came straight from AS 34927, prepended. */
        ck_assert_int_eq(bgp_policy_aspath_list(policy, "FROM-IFOG", &al), 0);
        ck_assert_int_eq(bgp_aspath_list_add(al, 10, BGP_POLICY_PERMIT, "^34927_6939$"), 0);
        ck_assert_int_eq(bgp_policy_route_map(policy, "RM-LAGRANGE-OUT", &rm), 0);
        ck_assert_int_eq(bgp_route_map_entry(rm, BGP_POLICY_PERMIT, 20, &e), 0);
        ck_assert_int_eq(bgp_route_map_match_as_path(e, "FROM-IFOG"), 0);
        ck_assert_int_eq(bgp_route_map_set_as_path_prepend(e, other, 1), 0);
        both_up();
        static const char *const one[] = {"2001:db8:2000::/36"};
        static const char *const two[] = {"2001:db8:3000::/36"};
        uint32_t path[] = {34927, 6939};
        uint32_t longer[] = {34927, 6939, 3356};
        receive(ifog, path, 2, one, 1);
        receive(ifog, longer, 3, two, 1);
        struct sent s;
        collect(lagrange, &s);
        /* Only the first matches "^34927_6939$" (the path as held, without 201379). */
        ck_assert_uint_eq(s.announced, 1);
        ck_assert_str_eq(s.first_prefix, "2001:db8:2000::/36");
        ck_assert_str_eq(s.path, "201379 65001 34927 6939");
}
END_TEST

/* "neighbor X filter-list NAME in|out" (FRR): an as-path access-list on the path as held,
 * after the prefix-list and before the route-map; an undefined list denies; and it counts
 * as a policy for RFC 8212. */
START_TEST(filter_lists_in_and_out)
{
        struct bgp_aspath_list *al;
        struct bgp_router_peer_config c;
        ck_assert_int_eq(bgp_policy_aspath_list(policy, "NO-6939", &al), 0);
        ck_assert_int_eq(bgp_aspath_list_add(al, 10, BGP_POLICY_DENY, "_6939_"), 0);
        ck_assert_int_eq(bgp_aspath_list_add(al, 20, BGP_POLICY_PERMIT, ".*"), 0);
        /* iFog: filter-list only (no route-map in), which RFC 8212 accepts as a policy. */
        peer_config(&c, 34927, "2001:db8:300::1/128", "2001:db8:300::2/128", NULL, "RM-IFOG-OUT");
        c.filter_list_in = "NO-6939";
        ck_assert_int_eq(bgp_router_peer_configure(router, ifog, &c), 0);
        both_up();
        static const char *const one[] = {"2001:db8:2000::/36"};
        static const char *const two[] = {"2001:db8:3000::/36"};
        uint32_t via_he[] = {34927, 6939, 65000};
        uint32_t direct[] = {34927, 65000};
        receive(ifog, via_he, 3, one, 1);
        receive(ifog, direct, 2, two, 1);
        struct bgp_rib_peer *rp = bgp_router_rib_peer(ifog);
        ck_assert_uint_eq(bgp_rib_peer_received(rp), 2);
        ck_assert_uint_eq(bgp_rib_peer_accepted(rp), 1);
        ck_assert_int_eq(ev.no_policy_in, 0);
        struct bgp_prefix p = pfx(two[0]);
        ck_assert_ptr_nonnull(bgp_rib_best(bgp_router_rib(router), &p, NULL));

        /* Outbound: Lagrange's map would permit everything; its filter-list names a list
         * that does not exist, which denies, so it gets nothing at all. */
        struct bgp_route_map *rm;
        struct bgp_route_map_entry *e;
        ck_assert_int_eq(bgp_policy_route_map(policy, "RM-LAGRANGE-OUT", &rm), 0);
        ck_assert_int_eq(bgp_route_map_entry(rm, BGP_POLICY_PERMIT, 20, &e), 0);
        peer_config(&c, 209735, "2001:db8:100::ff/128", "2001:db8:100::96/128", "RM-LAGRANGE-IN",
                    "RM-LAGRANGE-OUT");
        c.filter_list_out = "UNDEFINED";
        ck_assert_int_eq(bgp_router_peer_configure(router, lagrange, &c), 0);
        ck_assert_int_eq(bgp_router_soft_out(router, lagrange), 0);
        struct sent s;
        collect(lagrange, &s);
        ck_assert_uint_eq(s.announced, 0);
        /* Defined, permitting paths through AS 65000: the route goes out, with our AS
         * prepended after the filter looked at it ("^34927_65000$" would not match
         * "201379 34927 65000"). */
        ck_assert_int_eq(bgp_policy_aspath_list(policy, "UNDEFINED", &al), 0);
        ck_assert_int_eq(bgp_aspath_list_add(al, 10, BGP_POLICY_PERMIT, "^34927_65000$"), 0);
        ck_assert_int_eq(bgp_router_soft_out(router, lagrange), 0);
        collect(lagrange, &s);
        ck_assert_uint_eq(s.announced, 1);
        ck_assert_str_eq(s.first_prefix, "2001:db8:3000::/36");
        ck_assert_str_eq(s.path, "201379 34927 65000");
}
END_TEST

/* A leak of filtered prefixes: with soft-reconfiguration they are kept (and count against
 * max_received, not max_prefix); over the cap the embedder is told, once.  Without
 * soft-reconfiguration they are not kept at all. */
START_TEST(adj_rib_in_cap_counts_filtered_routes)
{
        struct bgp_router_peer_config c;
        peer_config(&c, 34927, "2001:db8:300::1/128", "2001:db8:300::2/128", "RM-IFOG-IN",
                    "RM-IFOG-OUT");
        c.max_received = 40;
        ck_assert_int_eq(bgp_router_peer_configure(router, ifog, &c), 0);
        both_up();
        /* /64s: PL-BOGONS denies everything longer than /48. */
        static char text[64][64];
        const char *leak[64];
        for (int i = 0; i < 64; i++) {
                snprintf(text[i], sizeof(text[i]), "2001:db8:0:%x::/64", i);
                leak[i] = text[i];
        }
        uint32_t path[] = {34927, 65000};
        receive(ifog, path, 2, leak, 30);
        struct bgp_rib_peer *rp = bgp_router_rib_peer(ifog);
        ck_assert_uint_eq(bgp_rib_peer_received(rp), 30);
        ck_assert_uint_eq(bgp_rib_peer_accepted(rp), 0);
        ck_assert_int_eq(ev.adj_in_full, 0);
        ck_assert_int_eq(ev.exceeded, 0);
        receive(ifog, path, 2, leak + 30, 34);
        ck_assert_int_eq(ev.adj_in_full, 1);
        ck_assert_int_eq(ev.exceeded, 0); /* max_prefix counts accepted routes only */

        /* Without soft-reconfiguration the same leak keeps nothing. */
        peer_config(&c, 209735, "2001:db8:100::ff/128", "2001:db8:100::96/128", "RM-LAGRANGE-IN",
                    "RM-LAGRANGE-OUT");
        c.soft_reconfig_in = false;
        c.max_received = 40;
        ck_assert_int_eq(bgp_router_peer_configure(router, lagrange, &c), 0);
        uint32_t lpath[] = {209735, 65000};
        receive(lagrange, lpath, 2, leak, 64);
        ck_assert_uint_eq(bgp_rib_peer_received(bgp_router_rib_peer(lagrange)), 0);
        ck_assert_int_eq(ev.adj_in_full, 1);
}
END_TEST

START_TEST(bogons_filtered_inbound)
{
        static const char *const mix[] = {
            "2001:db8:1000::/36", /* permitted: 2001:db8::/32 is no bogon */
            "fd00:1234::/48",     /* permitted: "deny fc00::/7" is that exact prefix */
            "fc00::/7",           /* denied */
            "2a06:9801:1c::/48",  /* our own: denied */
            "2001:db8:1:2::/64",  /* longer than /48: denied by "ge 49" */
            "3ffe::/16",          /* permitted */
            "::/0",               /* denied by "le 7" */
        };
        uint32_t path[] = {34927, 6939, 3356};
        both_up();
        receive(ifog, path, 3, mix, 7);
        struct bgp_rib_peer *rp = bgp_router_rib_peer(ifog);
        /* soft-reconfiguration keeps all seven, three pass the policy. */
        ck_assert_uint_eq(bgp_rib_peer_received(rp), 7);
        ck_assert_uint_eq(bgp_rib_peer_accepted(rp), 3);
        ck_assert_uint_eq(bgp_rib_prefix_count(bgp_router_rib(router), BGP_AFI_IPV6), 3);
        ck_assert_uint_eq(ev.best_changes, 3);

        /* Nothing of what iFog sent goes to Lagrange: its out policy lets only our /48. */
        struct sent s;
        collect(lagrange, &s);
        ck_assert_uint_eq(s.announced, 0);
        collect(ifog, &s);
        ck_assert_uint_eq(s.announced, 0); /* nor back to iFog */
}
END_TEST

START_TEST(own_as_in_path_is_a_loop)
{
        static const char *const one[] = {"2001:db8:2000::/36"};
        uint32_t path[] = {34927, 201379, 65000};
        both_up();
        receive(ifog, path, 3, one, 1);
        ck_assert_uint_eq(bgp_rib_peer_accepted(bgp_router_rib_peer(ifog)), 0);
}
END_TEST

START_TEST(best_path_across_upstreams_and_session_loss)
{
        static const char *const one[] = {"2001:db8:2000::/36"};
        uint32_t longer[] = {34927, 6939, 3356, 65000};
        uint32_t shorter[] = {209735, 65000};
        both_up();
        receive(ifog, longer, 4, one, 1);
        receive(lagrange, shorter, 2, one, 1);
        const struct bgp_rib_peer *who;
        struct bgp_prefix p = pfx(one[0]);
        ck_assert_ptr_nonnull(bgp_rib_best(bgp_router_rib(router), &p, &who));
        ck_assert_ptr_eq(who, bgp_router_rib_peer(lagrange));
        /* Lagrange's session is lost: iFog's path takes over. */
        ck_assert_int_eq(bgp_router_peer_down(router, lagrange), 0);
        ck_assert_int_eq(bgp_router_process(router), 0);
        ck_assert_ptr_nonnull(bgp_rib_best(bgp_router_rib(router), &p, &who));
        ck_assert_ptr_eq(who, bgp_router_rib_peer(ifog));
}
END_TEST

START_TEST(rfc8212_no_policy_no_routes)
{
        struct bgp_router_peer_config c;
        struct bgp_router_peer *bare;
        static const char *const one[] = {"2001:db8:3000::/36"};
        uint32_t path[] = {65010};
        peer_config(&c, 65010, "2001:db8:500::1/128", "2001:db8:500::2/128", NULL, NULL);
        ck_assert_int_eq(bgp_router_peer_add(router, &c, &bare), 0);
        ck_assert_int_eq(bgp_router_peer_up(router, bare, 0x0a000009, BGP_FAMILY_IPV6_UNICAST), 0);
        receive(bare, path, 1, one, 1);
        ck_assert_uint_eq(bgp_rib_peer_accepted(bgp_router_rib_peer(bare)), 0);
        ck_assert_int_eq(ev.no_policy_in, 1);
        struct bgp_prefix own = pfx("2a06:9801:1c::/48");
        bgp_router_network(router, &own, true);
        bgp_router_process(router);
        struct sent s;
        collect(bare, &s);
        ck_assert_uint_eq(s.announced, 0);
        ck_assert_int_eq(ev.no_policy_out, 1);
}
END_TEST

START_TEST(maximum_prefix)
{
        struct bgp_router_peer_config c;
        static const char *const four[] = {"2001:db8:1::/48", "2001:db8:2::/48", "2001:db8:3::/48",
                                           "2001:db8:4::/48"};
        uint32_t path[] = {34927};
        peer_config(&c, 34927, "2001:db8:300::1/128", "2001:db8:300::2/128", "RM-IFOG-IN",
                    "RM-IFOG-OUT");
        c.max_prefix = 3;
        c.max_prefix_threshold = 60;
        ck_assert_int_eq(bgp_router_peer_configure(router, ifog, &c), 0);
        both_up();
        /* Routes the policy rejects do not count: the count is of accepted routes. */
        static const char *const bogons[] = {"fc00::/7", "2001:db8:9::/64", "::/0"};
        receive(ifog, path, 1, bogons, 3);
        ck_assert_int_eq(ev.warnings, 0);
        receive(ifog, path, 1, four, 2);
        ck_assert_int_eq(ev.warnings, 1); /* 2 of 3 is over 60 % */
        ck_assert_int_eq(ev.exceeded, 0);
        receive(ifog, path, 1, four, 4);
        ck_assert_int_eq(ev.exceeded, 1);
        uint8_t data[7];
        ck_assert_uint_eq(bgp_router_max_prefix_data(ifog, data), 7);
        /* RFC 4486 4: AFI 2, SAFI 1, limit 3. */
        ck_assert_mem_eq(data, "\x00\x02\x01\x00\x00\x00\x03", 7);

        /* warning-only: the excess is a warning, the session stays. */
        c.max_prefix_warning_only = true;
        ck_assert_int_eq(bgp_router_peer_configure(router, ifog, &c), 0);
        memset(&ev, 0, sizeof(ev));
        receive(ifog, path, 1, four, 4);
        ck_assert_int_eq(ev.exceeded, 0);
        ck_assert_int_eq(ev.warnings, 2);
}
END_TEST

START_TEST(soft_reconfiguration_in_and_out)
{
        static const char *const two[] = {"2001:db8:1000::/36", "3ffe::/16"};
        uint32_t path[] = {34927, 6939};
        both_up();
        receive(ifog, path, 2, two, 2);
        ck_assert_uint_eq(bgp_rib_peer_accepted(bgp_router_rib_peer(ifog)), 2);
        /* The operator adds "ipv6 prefix-list PL-BOGONS seq 1 deny 3ffe::/16". */
        add_pl(1, "PL-BOGONS", false, "3ffe::/16", 0, 0);
        ck_assert_int_eq(bgp_router_soft_in(router, ifog), 0);
        ck_assert_int_eq(bgp_router_process(router), 0);
        ck_assert_uint_eq(bgp_rib_peer_accepted(bgp_router_rib_peer(ifog)), 1);
        ck_assert_uint_eq(bgp_rib_peer_received(bgp_router_rib_peer(ifog)), 2);

        /* Outbound: Lagrange gets our /48; the operator widens PL-MY-NET (soft out sends
         * only the difference). */
        struct sent s;
        struct bgp_prefix own = pfx("2a06:9801:1c::/48");
        bgp_router_network(router, &own, true);
        bgp_router_process(router);
        collect(lagrange, &s);
        ck_assert_uint_eq(s.announced, 1);
        add_pl(10, "PL-MY-NET", true, "2001:db8:1000::/36", 0, 0);
        ck_assert_int_eq(bgp_router_soft_out(router, lagrange), 0);
        collect(lagrange, &s);
        ck_assert_uint_eq(s.announced, 1);
        ck_assert_str_eq(s.first_prefix, "2001:db8:1000::/36");
        /* Lagrange asks for a ROUTE-REFRESH: both are sent again. */
        bgp_router_refresh_out(router, lagrange);
        collect(lagrange, &s);
        ck_assert_uint_eq(s.announced, 2);
        /* A peer without kept routes must be asked for a refresh instead. */
        struct bgp_router_peer_config c;
        peer_config(&c, 34927, "2001:db8:300::1/128", "2001:db8:300::2/128", "RM-IFOG-IN",
                    "RM-IFOG-OUT");
        c.soft_reconfig_in = false;
        bgp_router_peer_configure(router, ifog, &c);
        ck_assert_int_eq(bgp_router_soft_in(router, ifog), BGP_ERR_UNSUPPORTED);
}
END_TEST

/*
 * Issue #7 and DESIGN.md: out of memory is an error code, never an abort.  Every allocation
 * of a router taking an UPDATE fails in turn (set-up, peers, the UPDATE through inbound
 * policy into the RIB, best path and the export to the other peer): each step either
 * succeeds or says BGP_ERR_NOMEM, nothing leaks (LeakSanitizer in the sanitizer build),
 * and once memory is back the same UPDATE is taken whole.
 */
static int up_and_update(const struct bgp_msg *msg, const struct bgp_verdict *v, bool *up)
{
        *up = false;
        int rc = bgp_router_peer_up(router, ifog, 0xc0000201, BGP_FAMILY_IPV6_UNICAST);
        if (rc == 0)
                rc = bgp_router_peer_up(router, lagrange, 0xc0000202, BGP_FAMILY_IPV6_UNICAST);
        if (rc != 0)
                return rc;
        *up = true;
        rc = bgp_router_update(router, ifog, &msg->u.update, v);
        if (rc == 0)
                rc = bgp_router_process(router);
        return rc;
}

START_TEST(failing_allocations_on_an_update)
{
        static const char *const prefixes[] = {"2001:db8:1000::/36", "3ffe::/16", "fc00::/7",
                                               "2001:db8:2:3::/64", "2a06:9801::/32"};
        struct bgp_router_callbacks cb = {BGP_ROUTER_CALLBACKS_VERSION, on_best, on_event};
        const struct bgp_mem mem = tu_failing_mem;
        uint8_t buf[4096], pbuf[64];
        uint32_t path[] = {34927, 6939};
        struct bgp_prefix list[5];
        struct bgp_attrs attrs;
        size_t done = 0;

        bgp_codec_opts_init(&opts);
        memset(&attrs, 0, sizeof(attrs));
        attrs.as_path = (struct bgp_as_path){pbuf, 0, 4};
        attrs.as_path.len = (size_t)bgp_as_path_encode_seq(pbuf, sizeof(pbuf), path, 2);
        attrs.mp_reach.nh_len = 16;
        attrs.mp_reach.nh[0] = 0x20;
        attrs.mp_reach.nh[1] = 0x01;
        attrs.mp_reach.nh[15] = 1;
        bgp_attrs_set(&attrs, BGP_ATTR_ORIGIN);
        bgp_attrs_set(&attrs, BGP_ATTR_AS_PATH);
        for (size_t i = 0; i < 5; i++)
                list[i] = pfx(prefixes[i]);
        int len = bgp_update_build_announce(buf, sizeof(buf), &opts, &attrs, BGP_SAFI_UNICAST, list,
                                            5, &done);
        ck_assert_int_gt(len, 0);
        ck_assert_uint_eq(done, 5);
        struct bgp_msg msg;
        struct bgp_verdict v;
        ck_assert_int_eq(bgp_msg_decode(buf, (size_t)len, &opts, &msg, &v), 0);

        bool finished = false;
        int allocations = 0;
        for (int i = 1; i < 2000 && !finished; i++) {
                struct bgp_router_peer_config c;
                bool up = false;
                seed_policy();
                tu_fail_at = i;
                tu_alloc_count = 0;
                int rc = bgp_router_new(&router, policy, &cb, &mem, NULL);
                if (rc != 0) {
                        ck_assert_int_eq(rc, BGP_ERR_NOMEM);
                        bgp_policy_del(policy);
                        continue;
                }
                peer_config(&c, 34927, "2001:db8:300::1/128", "2001:db8:300::2/128", "RM-IFOG-IN",
                            "RM-IFOG-OUT");
                rc = bgp_router_peer_add(router, &c, &ifog);
                peer_config(&c, 209735, "2001:db8:100::ff/128", "2001:db8:100::96/128",
                            "RM-LAGRANGE-IN", "RM-LAGRANGE-OUT");
                if (rc == 0)
                        rc = bgp_router_peer_add(router, &c, &lagrange);
                if (rc == 0)
                        rc = up_and_update(&msg, &v, &up);
                ck_assert_msg(rc == 0 || rc == BGP_ERR_NOMEM, "allocation %d: %s", i,
                              bgp_strerror(rc));
                if (tu_alloc_count < i) {
                        /* No allocation failed: every one of them has had its turn. */
                        ck_assert_int_eq(rc, 0);
                        finished = true;
                        allocations = tu_alloc_count;
                }
                if (up) {
                        /* Memory is back: the same UPDATE again (an implicit withdrawal of
                         * whatever the failed one left) is taken whole: 3 of its 5 prefixes
                         * pass PL-BOGONS. */
                        tu_fail_at = 0;
                        ck_assert_int_eq(bgp_router_update(router, ifog, &msg.u.update, &v), 0);
                        ck_assert_int_eq(bgp_router_process(router), 0);
                        ck_assert_uint_eq(bgp_rib_peer_accepted(bgp_router_rib_peer(ifog)), 3);
                }
                bgp_router_del(router);
                bgp_policy_del(policy);
                router = NULL;
                ifog = lagrange = NULL;
        }
        ck_assert_msg(finished, "more than 2000 allocations for one UPDATE");
        /* The hooks must see the whole path, or this test would prove nothing: the router,
         * its peers, the RIB's slabs and sets, the export's copies. */
        ck_assert_int_gt(allocations, 10);
        printf("failing_allocations_on_an_update: each of %d allocations failed in turn\n",
               allocations);
}
END_TEST

static Suite *router_suite(void)
{
        Suite *s = suite_create("router");
        TCase *tc = tcase_create("seed");
        tcase_add_checked_fixture(tc, setup, teardown);
        tcase_add_test(tc, seed_announces_its_48);
        tcase_add_test(tc, outbound_prepend_comes_after_the_route_map);
        tcase_add_test(tc, filter_lists_in_and_out);
        tcase_add_test(tc, adj_rib_in_cap_counts_filtered_routes);
        tcase_add_test(tc, bogons_filtered_inbound);
        tcase_add_test(tc, own_as_in_path_is_a_loop);
        tcase_add_test(tc, best_path_across_upstreams_and_session_loss);
        tcase_add_test(tc, rfc8212_no_policy_no_routes);
        tcase_add_test(tc, maximum_prefix);
        tcase_add_test(tc, soft_reconfiguration_in_and_out);
        suite_add_tcase(s, tc);
        TCase *oom = tcase_create("out of memory");
        tcase_add_test(oom, failing_allocations_on_an_update);
        suite_add_tcase(s, oom);
        return s;
}

int main(void)
{
        return tu_run(router_suite());
}
