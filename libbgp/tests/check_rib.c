/*
 * check_rib.c - the RIB: the trie, interned attributes, best path for every tie-break,
 * withdrawals, session loss and batched change reports.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bgp/bgp.h>
#include <bgp/rib.h>

#include "rib_int.h"
#include "testutil.h"
#include "trie.h"

static struct bgp_rib *rib;
static struct bgp_rib_peer *p1, *p2, *ibgp;
static uint8_t paths[8][64];

static void setup(void)
{
        struct bgp_rib_peer_config c;
        ck_assert_int_eq(bgp_rib_new(&rib, NULL), 0);
        memset(&c, 0, sizeof(c));
        c.local_as = 201379;
        c.peer_as = 34927;
        c.peer_id = 0x0a000002;
        c.address[15] = 2;
        ck_assert_int_eq(bgp_rib_peer_add(rib, &c, &p1), 0);
        c.peer_as = 209735;
        c.peer_id = 0x0a000003;
        c.address[15] = 3;
        c.soft_reconfig_in = true;
        ck_assert_int_eq(bgp_rib_peer_add(rib, &c, &p2), 0);
        c.peer_as = 201379;
        c.peer_id = 0x0a000004;
        c.address[15] = 4;
        c.soft_reconfig_in = false;
        ck_assert_int_eq(bgp_rib_peer_add(rib, &c, &ibgp), 0);
}

static void teardown(void)
{
        bgp_rib_del(rib);
}

/* Attributes with the AS path asns (n of them) and origin IGP. */
static void pa_make(struct bgp_pattr *pa, int slot, const uint32_t *asns, size_t n)
{
        memset(pa, 0, sizeof(*pa));
        pa->origin = BGP_ORIGIN_IGP;
        pa->nh_afi = BGP_AFI_IPV6;
        pa->has = BGP_PA_NEXT_HOP;
        pa->next_hop[0] = 0x20;
        pa->next_hop[15] = (uint8_t)slot;
        pa->as_path = paths[slot];
        pa->as_path_len = (size_t)bgp_as_path_encode_seq(paths[slot], sizeof(paths[slot]), asns, n);
}

static struct bgp_attrset *intern(struct bgp_pattr *pa)
{
        struct bgp_attrset *as = bgp_attrset_intern(rib, pa);
        ck_assert_ptr_nonnull(as);
        return as;
}

static struct bgp_prefix pfx(const char *text)
{
        struct bgp_prefix p;
        ck_assert_int_eq(bgp_prefix_parse(text, &p), 0);
        return p;
}

START_TEST(trie_insert_find_prune)
{
        struct bgp_mem m;
        struct bgp_slab slab;
        struct bgp_trie t;
        enum {
                N = 5000
        };
        static uint8_t keys[N][16];
        static uint8_t lens[N];

        bgp_mem_init(&m, NULL);
        bgp_slab_init(&slab, &m);
        memset(&t, 0, sizeof(t));
        t.slab = &slab;
        t.afi = BGP_AFI_IPV6;
        srandom(7);
        for (int i = 0; i < N; i++) {
                for (int j = 0; j < 16; j++)
                        keys[i][j] = (uint8_t)random();
                keys[i][0] = 0x20;
                lens[i] = (uint8_t)(16 + random() % 113);
                struct bgp_trie_node **link;
                struct bgp_trie_node *n = bgp_trie_get(&t, keys[i], lens[i], 1, &link);
                ck_assert_ptr_nonnull(n);
                ck_assert_ptr_eq(*link, n);
                if (n->cap_routes == 0)
                        n = bgp_trie_grow(&t, link, 1); /* it was a branching point */
                /* A route marks it a prefix; its peer field tells the prefixes apart. */
                n->n_routes = 1;
                bgp_trie_routes(n)[0].peer = (uint16_t)i;
                if (i % 3 == 0) {
                        /* Moving a node keeps its prefix, children and routes. */
                        struct bgp_trie_node *g = bgp_trie_grow(&t, link, 3);
                        ck_assert_ptr_nonnull(g);
                        ck_assert_ptr_eq(*link, g);
                        ck_assert_uint_eq(g->cap_routes, 3);
                        ck_assert_uint_eq(bgp_trie_routes(g)[0].peer, (uint16_t)i);
                }
        }
        for (int i = 0; i < N; i++) {
                struct bgp_trie_node *n = bgp_trie_find(&t, keys[i], lens[i]);
                ck_assert_ptr_nonnull(n);
                ck_assert_uint_eq(n->len, lens[i]);
                uint8_t addr[16];
                bgp_trie_node_addr(n, addr);
                ck_assert_int_eq(memcmp(addr, keys[i], lens[i] / 8), 0);
        }
        /* A prefix that was never added is not found. */
        uint8_t other[16] = {0x3f, 0xfe};
        ck_assert_ptr_null(bgp_trie_find(&t, other, 16));
        for (int i = 0; i < N; i++) {
                struct bgp_trie_node *n = bgp_trie_find(&t, keys[i], lens[i]);
                if (n == NULL)
                        continue; /* a duplicate key, already removed */
                n->n_routes = 0;
                bgp_trie_prune(&t, keys[i], lens[i]);
        }
        /* Only branching points that still have two children could remain: none, and
         * every octet went back to the slab. */
        ck_assert_uint_eq(t.nodes, 0);
        ck_assert_ptr_null(t.root);
        ck_assert_uint_eq(slab.live_bytes, 0);
        bgp_slab_destroy(&slab);
}
END_TEST

START_TEST(slab_reuses_freed_objects)
{
        struct bgp_mem m;
        struct bgp_slab s;
        bgp_mem_init(&m, NULL);
        bgp_slab_init(&s, &m);
        ck_assert_ptr_null(bgp_slab_alloc(&s, 0));
        void *a = bgp_slab_alloc(&s, 20);
        void *b = bgp_slab_alloc(&s, 24); /* the same class as 20 */
        ck_assert_ptr_nonnull(a);
        ck_assert_ptr_nonnull(b);
        ck_assert_uint_eq((uintptr_t)a % 8, 0);
        ck_assert_uint_eq(s.live_bytes, 48);
        bgp_slab_free(&s, a, 20);
        ck_assert_ptr_eq(bgp_slab_alloc(&s, 17), a);
        /* Over the largest class: straight from the allocator. */
        void *big = bgp_slab_alloc(&s, BGP_SLAB_MAX + 1);
        ck_assert_ptr_nonnull(big);
        ck_assert_uint_eq(s.big_bytes, BGP_SLAB_MAX + 8);
        bgp_slab_free(&s, big, BGP_SLAB_MAX + 1);
        ck_assert_uint_eq(s.big_bytes, 0);
        /* Many objects fill more than one block, none overlapping. */
        enum {
                K = 5000
        };
        static uint64_t *objs[K];
        for (int i = 0; i < K; i++) {
                objs[i] = bgp_slab_alloc(&s, 8u * (1u + (unsigned)i % 32u));
                ck_assert_ptr_nonnull(objs[i]);
                objs[i][0] = (uint64_t)i;
        }
        ck_assert_uint_gt(s.block_bytes, 64 * 1024);
        for (int i = 0; i < K; i++)
                ck_assert_uint_eq(objs[i][0], (uint64_t)i);
        for (int i = 0; i < K; i++)
                bgp_slab_free(&s, objs[i], 8u * (1u + (unsigned)i % 32u));
        bgp_slab_free(&s, a, 20);
        bgp_slab_free(&s, b, 24);
        ck_assert_uint_eq(s.live_bytes, 0);
        bgp_slab_destroy(&s);
        ck_assert_uint_eq(s.block_bytes, 0);
}
END_TEST

START_TEST(interning_shares_one_copy)
{
        struct bgp_pattr a, b;
        uint32_t path[] = {34927, 6939};
        uint32_t comm[] = {0x886f2521, 0x886f24ad};
        pa_make(&a, 0, path, 2);
        pa_make(&b, 1, path, 2);
        b.next_hop[15] = 0; /* same next hop as a */
        a.next_hop[15] = 0;
        a.communities = comm;
        a.n_communities = 2;
        b.communities = malloc(sizeof(comm));
        memcpy(b.communities, comm, sizeof(comm));
        b.n_communities = 2;
        struct bgp_attrset *x = intern(&a), *y = intern(&b);
        ck_assert_ptr_eq(x, y);
        ck_assert_uint_eq(bgp_rib_attrset_count(rib), 1);
        /* The set is a copy: the caller's arrays may go. */
        free(b.communities);
        struct bgp_pattr view;
        bgp_attrset_view(x, &view);
        ck_assert_uint_eq(view.communities[1], 0x886f24ad);
        b.n_communities = 0;
        struct bgp_attrset *z = intern(&b);
        ck_assert_ptr_ne(x, z);
        ck_assert_uint_eq(bgp_rib_attrset_count(rib), 2);
        bgp_attrset_unref(rib, x);
        bgp_attrset_unref(rib, y);
        bgp_attrset_unref(rib, z);
        ck_assert_uint_eq(bgp_rib_attrset_count(rib), 0);
}
END_TEST

/* Compares a (from pa) with b (from pb); returns the sign and checks the reason. */
static void on_changes_ignore(const struct bgp_rib_change *c, size_t n, void *ctx)
{
        (void)c;
        (void)n;
        (void)ctx;
}

/* A compact set stores each optional part only when present: every field must come back
 * from the view as it went in, in every combination of parts. */
START_TEST(attrset_view_round_trips_every_field)
{
        static const uint32_t path[] = {34927, 6939, 3356};
        static uint32_t comm[] = {1, 2, 3};
        static uint64_t ext[] = {0x0002fde800000001ull, 0x0003000000000002ull};
        static struct bgp_large_community large[] = {{201379, 1, 2}, {201379, 3, 4}};
        static uint32_t cluster[] = {0x0a000001, 0x0a000002};
        static uint8_t raw_bytes[] = {9, 8, 7, 6, 5};
        struct bgp_attr_raw raw[2] = {{0xc0, 99, 2, raw_bytes}, {0xc0, 100, 3, raw_bytes + 2}};
        for (unsigned mask = 0; mask < 128; mask++) {
                struct bgp_pattr a, v;
                pa_make(&a, 1, path, 3);
                a.has |= BGP_PA_MED | BGP_PA_LOCAL_PREF;
                a.med = 7;
                a.local_pref = 300 + mask;
                if (mask & 1) {
                        a.has |= BGP_PA_AGGREGATOR;
                        a.aggregator_as = 65000;
                        a.aggregator_addr = 0xc0000201;
                }
                if (mask & 2) {
                        a.has |= BGP_PA_ORIGINATOR_ID;
                        a.originator_id = 0x0a0000ff;
                }
                if (mask & 4) {
                        a.has |= BGP_PA_OTC;
                        a.otc = 64999;
                }
                if (mask & 8) {
                        a.has |= BGP_PA_LL_NEXT_HOP;
                        a.ll_next_hop[0] = 0xfe;
                        a.ll_next_hop[1] = 0x80;
                        a.ll_next_hop[15] = 0x42;
                }
                if (mask & 16) {
                        a.communities = comm;
                        a.n_communities = 3;
                        a.large_communities = large;
                        a.n_large_communities = 2;
                }
                if (mask & 32) {
                        a.ext_communities = ext;
                        a.n_ext_communities = 2;
                        a.cluster_list = cluster;
                        a.n_cluster_list = 2;
                }
                if (mask & 64) {
                        a.raw = raw;
                        a.n_raw = 2;
                        a.raw_bytes = raw_bytes;
                        a.raw_bytes_len = sizeof(raw_bytes);
                }
                struct bgp_attrset *x = intern(&a);
                bgp_attrset_view(x, &v);
                ck_assert_uint_eq(v.has, a.has);
                ck_assert_uint_eq(v.origin, a.origin);
                ck_assert_uint_eq(v.med, 7);
                ck_assert_uint_eq(v.local_pref, 300 + mask);
                ck_assert_uint_eq(v.nh_afi, a.nh_afi);
                ck_assert_mem_eq(v.next_hop, a.next_hop, 16);
                if (mask & 1) {
                        ck_assert_uint_eq(v.aggregator_as, 65000);
                        ck_assert_uint_eq(v.aggregator_addr, 0xc0000201);
                }
                if (mask & 2)
                        ck_assert_uint_eq(v.originator_id, 0x0a0000ff);
                if (mask & 4)
                        ck_assert_uint_eq(v.otc, 64999);
                if (mask & 8)
                        ck_assert_mem_eq(v.ll_next_hop, a.ll_next_hop, 16);
                ck_assert_uint_eq(v.as_path_len, a.as_path_len);
                ck_assert_mem_eq(v.as_path, a.as_path, a.as_path_len);
                ck_assert_uint_eq(v.n_communities, a.n_communities);
                ck_assert_uint_eq(v.n_large_communities, a.n_large_communities);
                ck_assert_uint_eq(v.n_ext_communities, a.n_ext_communities);
                ck_assert_uint_eq(v.n_cluster_list, a.n_cluster_list);
                ck_assert_uint_eq(v.n_raw, a.n_raw);
                if (mask & 16) {
                        ck_assert_mem_eq(v.communities, comm, sizeof(comm));
                        ck_assert_mem_eq(v.large_communities, large, sizeof(large));
                        ck_assert_uint_eq((uintptr_t)v.large_communities % 4, 0);
                }
                if (mask & 32) {
                        ck_assert_mem_eq(v.ext_communities, ext, sizeof(ext));
                        ck_assert_uint_eq((uintptr_t)v.ext_communities % 8, 0);
                        ck_assert_mem_eq(v.cluster_list, cluster, sizeof(cluster));
                }
                if (mask & 64) {
                        ck_assert_uint_eq(v.raw[1].type, 100);
                        ck_assert_uint_eq(v.raw[1].len, 3);
                        ck_assert_mem_eq(v.raw[1].value, raw_bytes + 2, 3);
                        /* The values are the set's own copy. */
                        ck_assert_ptr_ne(v.raw[0].value, raw_bytes);
                }
                /* Interning the view again finds the same set. */
                struct bgp_attrset *y = intern(&v);
                ck_assert_ptr_eq(x, y);
                bgp_attrset_unref(rib, y);
                bgp_attrset_unref(rib, x);
        }
        ck_assert_uint_eq(bgp_rib_attrset_count(rib), 0);
}
END_TEST

/* bgp_rib_memory accounts for every node and set, and gets back to nothing. */
START_TEST(memory_accounting_returns_to_zero)
{
        struct bgp_rib_memory m;
        uint32_t path[] = {34927, 6939};
        struct bgp_pattr a;
        pa_make(&a, 1, path, 2);
        struct bgp_attrset *x = intern(&a);
        char text[64];
        for (int i = 0; i < 300; i++) {
                snprintf(text, sizeof(text), "2001:db8:%x::/48", i);
                struct bgp_prefix p = pfx(text);
                ck_assert_int_eq(bgp_rib_announce(rib, p1, &p, NULL, x), 0);
                ck_assert_int_eq(bgp_rib_announce(rib, p2, &p, x, x), 0);
        }
        bgp_rib_memory(rib, &m);
        ck_assert_uint_ge(m.trie_nodes, 300);
        ck_assert_uint_eq(m.sets, 1);
        ck_assert_uint_gt(m.set_bytes, 0);
        /* A /48 with its two routes inside: header, 6 octets of key, 2 x 12. */
        ck_assert_uint_ge(m.trie_bytes, 300 * 56);
        ck_assert_uint_ge(m.slab_held, m.trie_bytes + m.set_bytes);
        bgp_attrset_unref(rib, x);
        ck_assert_int_eq(bgp_rib_peer_clear(rib, p1, false), 0);
        ck_assert_int_eq(bgp_rib_peer_clear(rib, p2, false), 0);
        bgp_rib_drain(rib, on_changes_ignore, 0, NULL);
        bgp_rib_memory(rib, &m);
        ck_assert_uint_eq(m.trie_nodes, 0);
        ck_assert_uint_eq(m.trie_bytes, 0);
        ck_assert_uint_eq(m.sets, 0);
        ck_assert_uint_eq(m.set_bytes, 0);
}
END_TEST

static void expect_better(struct bgp_rib_peer *pa, struct bgp_pattr *a, struct bgp_rib_peer *pb,
                          struct bgp_pattr *b, const char *why)
{
        struct bgp_attrset *x = intern(a), *y = intern(b);
        const char *reason = NULL;
        ck_assert_int_lt(bgp_rib_compare(pa, x, pb, y, &reason), 0);
        ck_assert_str_eq(reason, why);
        ck_assert_int_gt(bgp_rib_compare(pb, y, pa, x, &reason), 0);
        bgp_attrset_unref(rib, x);
        bgp_attrset_unref(rib, y);
}

START_TEST(best_path_tie_breaks)
{
        struct bgp_pattr a, b;
        uint32_t short_path[] = {34927, 6939};
        uint32_t long_path[] = {209735, 174, 6939};
        uint32_t same_nbr[] = {34927, 3356};

        /* a) LOCAL_PREF, highest first; a route without one counts as 100. */
        pa_make(&a, 0, long_path, 3);
        pa_make(&b, 1, short_path, 2);
        a.has |= BGP_PA_LOCAL_PREF;
        a.local_pref = 200;
        expect_better(p2, &a, p1, &b, "Local Pref");
        a.local_pref = 100;
        /* With 100 explicitly, the same as absent: the path decides. */
        expect_better(p1, &b, p2, &a, "AS Path");

        /* A route we originate beats a learned one. */
        pa_make(&a, 0, NULL, 0);
        pa_make(&b, 1, short_path, 2);
        expect_better(bgp_rib_local(rib), &a, p1, &b, "Local Route");

        /* b) AS_PATH length; an AS_SET counts one. */
        pa_make(&a, 0, short_path, 2);
        pa_make(&b, 1, long_path, 3);
        expect_better(p1, &a, p2, &b, "AS Path");
        uint8_t with_set[] = {2, 1, 0, 0, 0x88, 0x6f, 1, 3, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3};
        b.as_path = with_set;
        b.as_path_len = sizeof(with_set); /* 34927 {1,2,3}: length 2 */
        a.origin = BGP_ORIGIN_INCOMPLETE;
        expect_better(p2, &b, p1, &a, "Origin");

        /* c) ORIGIN */
        pa_make(&a, 0, short_path, 2);
        pa_make(&b, 1, long_path + 1, 2);
        b.origin = BGP_ORIGIN_EGP;
        expect_better(p1, &a, p2, &b, "Origin");

        /* d) MED between routes from the same neighbouring AS only. */
        pa_make(&a, 0, short_path, 2);
        pa_make(&b, 1, same_nbr, 2);
        a.has |= BGP_PA_MED;
        a.med = 10;
        b.has |= BGP_PA_MED;
        b.med = 20;
        expect_better(p2, &a, p1, &b, "MED");
        /* A missing MED is 0, the best. */
        b.has &= ~BGP_PA_MED;
        expect_better(p2, &b, p1, &a, "MED");
        /* Different neighbouring ASes: MED is skipped, eBGP/router id decide. */
        pa_make(&a, 0, short_path, 2);
        pa_make(&b, 1, long_path + 1, 2);
        a.has |= BGP_PA_MED;
        a.med = 1000;
        expect_better(p1, &a, p2, &b, "Router ID");

        /* e) eBGP over iBGP. */
        pa_make(&a, 0, short_path, 2);
        pa_make(&b, 1, short_path, 2);
        expect_better(p2, &a, ibgp, &b, "eBGP");

        /* g) lowest router id: ORIGINATOR_ID stands in for the peer's id. */
        pa_make(&a, 0, short_path, 2);
        pa_make(&b, 1, short_path, 2);
        expect_better(p1, &a, p2, &b, "Router ID");
        a.has |= BGP_PA_ORIGINATOR_ID;
        a.originator_id = 0x0b000000;
        expect_better(p2, &b, p1, &a, "Router ID");

        /* Then the shorter CLUSTER_LIST, then the lowest peer address. */
        uint32_t clusters[] = {1, 2};
        pa_make(&a, 0, short_path, 2);
        pa_make(&b, 1, short_path, 2);
        a.has |= BGP_PA_ORIGINATOR_ID;
        b.has |= BGP_PA_ORIGINATOR_ID;
        a.originator_id = b.originator_id = 7;
        b.cluster_list = clusters;
        b.n_cluster_list = 2;
        expect_better(p2, &a, p1, &b, "Cluster length");
        b.n_cluster_list = 0;
        expect_better(p1, &a, p2, &b, "Neighbor IP");
}
END_TEST

struct seen {
        size_t calls;
        size_t changes;
        size_t withdrawn;
        struct bgp_rib_change last;
};

static void on_changes(const struct bgp_rib_change *c, size_t n, void *ctx)
{
        struct seen *s = ctx;
        s->calls++;
        s->changes += n;
        for (size_t i = 0; i < n; i++)
                if (c[i].attrs == NULL)
                        s->withdrawn++;
        if (n > 0)
                s->last = c[n - 1];
}

START_TEST(announce_withdraw_and_batches)
{
        struct bgp_pattr a, b;
        uint32_t path1[] = {34927, 6939};
        uint32_t path2[] = {209735, 174, 6939};
        pa_make(&a, 0, path1, 2);
        pa_make(&b, 1, path2, 3);
        struct bgp_attrset *x = intern(&a), *y = intern(&b);
        struct bgp_prefix p = pfx("2001:db8:1::/48");
        const struct bgp_rib_peer *who;
        struct seen s = {0};

        ck_assert_int_eq(bgp_rib_announce(rib, p2, &p, y, y), 0);
        ck_assert_int_eq(bgp_rib_announce(rib, p1, &p, x, x), 0);
        ck_assert_ptr_eq(bgp_rib_best(rib, &p, &who), x);
        ck_assert_ptr_eq(who, p1);
        /* Two announcements, one prefix: one change, with the current best. */
        ck_assert_uint_eq(bgp_rib_drain(rib, on_changes, 0, &s), 1);
        ck_assert_ptr_eq(s.last.attrs, x);
        ck_assert_uint_eq(bgp_rib_drain(rib, on_changes, 0, &s), 0);

        /* Implicit withdraw: p1 announces again with the longer path; p2 wins now. */
        ck_assert_int_eq(bgp_rib_announce(rib, p1, &p, y, y), 0);
        ck_assert_uint_eq(bgp_rib_peer_received(p1), 1);
        ck_assert_ptr_eq(bgp_rib_best(rib, &p, &who), y);
        /* The same attributes from both: the lower router id (p1's) decides. */
        ck_assert_ptr_eq(who, p1);
        memset(&s, 0, sizeof(s));
        ck_assert_uint_eq(bgp_rib_drain(rib, on_changes, 0, &s), 1);

        /* Withdrawing the best: the other takes over. */
        ck_assert_int_eq(bgp_rib_withdraw(rib, p1, &p), 0);
        ck_assert_ptr_eq(bgp_rib_best(rib, &p, &who), y);
        ck_assert_ptr_eq(who, p2);
        ck_assert_int_eq(bgp_rib_withdraw(rib, p1, &p), 0);
        ck_assert_int_eq(bgp_rib_withdraw(rib, p2, &p), 0);
        ck_assert_ptr_null(bgp_rib_best(rib, &p, NULL));
        memset(&s, 0, sizeof(s));
        ck_assert_uint_eq(bgp_rib_drain(rib, on_changes, 0, &s), 1);
        ck_assert_uint_eq(s.withdrawn, 1);
        /* Everything gone: the trie is empty again. */
        ck_assert_uint_eq(rib->trie[1].nodes, 0);
        bgp_attrset_unref(rib, x);
        bgp_attrset_unref(rib, y);
        ck_assert_uint_eq(bgp_rib_attrset_count(rib), 0);
}
END_TEST

START_TEST(batches_of_a_table)
{
        enum {
                N = 3000
        };
        struct bgp_pattr a;
        uint32_t path[] = {34927, 6939};
        pa_make(&a, 0, path, 2);
        struct bgp_attrset *x = intern(&a);
        for (int i = 0; i < N; i++) {
                struct bgp_prefix p = pfx("2001:db8::/48");
                p.addr[4] = (uint8_t)(i >> 8);
                p.addr[5] = (uint8_t)i;
                ck_assert_int_eq(bgp_rib_announce(rib, p1, &p, x, x), 0);
        }
        ck_assert_uint_eq(bgp_rib_prefix_count(rib, BGP_AFI_IPV6), N);
        /* Routes share the one set: its references are the routes plus ours. */
        ck_assert_uint_eq(bgp_rib_attrset_count(rib), 1);
        struct seen s = {0};
        ck_assert_uint_eq(bgp_rib_drain(rib, on_changes, 100, &s), N);
        ck_assert_uint_eq(s.calls, N / 100);

        /* Session loss: every route of the peer leaves, each change reported once. */
        ck_assert_int_eq(bgp_rib_peer_clear(rib, p1, false), 0);
        memset(&s, 0, sizeof(s));
        ck_assert_uint_eq(bgp_rib_drain(rib, on_changes, 0, &s), N);
        ck_assert_uint_eq(s.withdrawn, N);
        ck_assert_uint_eq(bgp_rib_prefix_count(rib, BGP_AFI_IPV6), 0);
        ck_assert_uint_eq(rib->trie[1].nodes, 0);
        ck_assert_uint_eq(bgp_rib_peer_received(p1), 0);
        bgp_attrset_unref(rib, x);
        ck_assert_uint_eq(bgp_rib_attrset_count(rib), 0);
}
END_TEST

struct walked {
        int routes, with_pre, rejected, best;
};

static void on_route(const struct bgp_rib_route *r, void *ctx)
{
        struct walked *w = ctx;
        w->routes++;
        w->with_pre += r->pre != NULL;
        w->rejected += r->post == NULL;
        w->best += r->best;
}

START_TEST(soft_reconfiguration_keeps_rejected)
{
        struct bgp_pattr a;
        uint32_t path[] = {209735, 6939};
        pa_make(&a, 0, path, 2);
        struct bgp_attrset *x = intern(&a);
        struct bgp_prefix p = pfx("fd00:1234::/48"), q = pfx("2001:db8:2::/48");

        /* p2 keeps what it received; its policy rejects p, accepts q. */
        ck_assert_int_eq(bgp_rib_announce(rib, p2, &p, x, NULL), 0);
        ck_assert_int_eq(bgp_rib_announce(rib, p2, &q, x, x), 0);
        /* p1 has no soft-reconfiguration: pre is not kept. */
        ck_assert_int_eq(bgp_rib_announce(rib, p1, &q, x, x), 0);
        ck_assert_ptr_null(bgp_rib_best(rib, &p, NULL));
        ck_assert_uint_eq(bgp_rib_peer_received(p2), 2);
        ck_assert_uint_eq(bgp_rib_peer_accepted(p2), 1);
        struct walked w = {0};
        bgp_rib_walk(rib, BGP_AFI_IPV6, on_route, &w);
        ck_assert_int_eq(w.routes, 3);
        ck_assert_int_eq(w.with_pre, 2);
        ck_assert_int_eq(w.rejected, 1);
        ck_assert_int_eq(w.best, 1);
        bgp_attrset_unref(rib, x);
}
END_TEST

/* One prefix's routes, found by lookup: its own, not its neighbours' or a longer one's. */
START_TEST(walk_one_prefix)
{
        struct bgp_pattr a;
        uint32_t path[] = {209735, 6939};
        pa_make(&a, 0, path, 2);
        struct bgp_attrset *x = intern(&a);
        struct bgp_prefix p = pfx("2001:db8:2::/48"), longer = pfx("2001:db8:2::/56");
        struct bgp_prefix other = pfx("2001:db8:3::/48"), absent = pfx("2001:db8:4::/48");

        ck_assert_int_eq(bgp_rib_announce(rib, p1, &p, x, x), 0);
        ck_assert_int_eq(bgp_rib_announce(rib, p2, &p, x, x), 0);
        ck_assert_int_eq(bgp_rib_announce(rib, p1, &longer, x, x), 0);
        ck_assert_int_eq(bgp_rib_announce(rib, p1, &other, x, x), 0);
        struct walked w = {0};
        bgp_rib_walk_prefix(rib, &p, on_route, &w);
        ck_assert_int_eq(w.routes, 2);
        ck_assert_int_eq(w.best, 1);
        memset(&w, 0, sizeof(w));
        bgp_rib_walk_prefix(rib, &longer, on_route, &w);
        ck_assert_int_eq(w.routes, 1);
        memset(&w, 0, sizeof(w));
        bgp_rib_walk_prefix(rib, &absent, on_route, &w);
        ck_assert_int_eq(w.routes, 0);
        absent.afi = BGP_AFI_IPV4; /* a family with no table yet */
        absent.len = 24;
        memset(absent.addr, 0, sizeof(absent.addr));
        bgp_rib_walk_prefix(rib, &absent, on_route, &w);
        ck_assert_int_eq(w.routes, 0);
        bgp_attrset_unref(rib, x);
}
END_TEST

/* Decodes every UPDATE an Adj-RIB-Out produces; counts what they carry. */
struct out_count {
        size_t messages, announced, withdrawn, first_withdraw_msg, first_announce_msg;
};

static void drain_out(struct bgp_adj_out *o, struct out_count *c)
{
        struct bgp_codec_opts opts;
        static uint8_t buf[4096];
        int n;
        bgp_codec_opts_init(&opts);
        memset(c, 0, sizeof(*c));
        while ((n = bgp_adj_out_next(o, &opts, buf, sizeof(buf))) > 0) {
                struct bgp_msg msg;
                struct bgp_verdict v;
                ck_assert_int_eq(bgp_msg_decode(buf, (size_t)n, &opts, &msg, &v), 0);
                ck_assert_int_eq(v.action, BGP_ACTION_OK);
                size_t a = bgp_nlri_count(&msg.u.update.attrs.mp_reach.nlri) +
                           bgp_nlri_count(&msg.u.update.nlri);
                size_t w = bgp_nlri_count(&msg.u.update.attrs.mp_unreach.nlri) +
                           bgp_nlri_count(&msg.u.update.withdrawn);
                c->messages++;
                if (w > 0 && c->first_withdraw_msg == 0)
                        c->first_withdraw_msg = c->messages;
                if (a > 0 && c->first_announce_msg == 0)
                        c->first_announce_msg = c->messages;
                /* One message announces routes of one attribute set only. */
                ck_assert(a == 0 || w == 0);
                c->announced += a;
                c->withdrawn += w;
        }
        ck_assert_int_eq(n, 0);
}

START_TEST(adj_rib_out_groups_and_withdraws)
{
        enum {
                N = 2000
        };
        struct bgp_pattr a, b;
        uint32_t pa_path[] = {201379};
        uint32_t pb_path[] = {201379, 201379, 201379};
        uint32_t comm[] = {0x886f251d, 0x886f2485};
        pa_make(&a, 0, pa_path, 1);
        pa_make(&b, 1, pb_path, 3);
        a.communities = comm;
        a.n_communities = 2;
        struct bgp_attrset *x = intern(&a), *y = intern(&b);
        struct bgp_adj_out *o;
        struct out_count c;

        ck_assert_int_eq(bgp_adj_out_new(rib, &o), 0);
        for (int i = 0; i < N; i++) {
                struct bgp_prefix p = pfx("2001:db8::/48");
                p.addr[4] = (uint8_t)(i >> 8);
                p.addr[5] = (uint8_t)i;
                /* Interleaved sets: the builder must still group them. */
                ck_assert_int_eq(bgp_adj_out_set(o, &p, i % 2 ? x : y), 0);
        }
        ck_assert_uint_eq(bgp_adj_out_pending(o), N);
        drain_out(o, &c);
        ck_assert_uint_eq(c.announced, N);
        /* 1000 /48s per set at 7 octets: 2 messages per set, not one per prefix. */
        ck_assert_uint_le(c.messages, 4);
        ck_assert_uint_eq(bgp_adj_out_count(o), N);
        ck_assert_uint_eq(bgp_adj_out_pending(o), 0);

        /* Setting the same again sends nothing. */
        struct bgp_prefix p0 = pfx("2001:db8::/48");
        ck_assert_int_eq(bgp_adj_out_set(o, &p0, y), 0);
        drain_out(o, &c);
        ck_assert_uint_eq(c.messages, 0);

        /* Half withdrawn, a quarter moved to the other set: withdrawals go first. */
        for (int i = 0; i < N / 2; i++) {
                struct bgp_prefix p = pfx("2001:db8::/48");
                p.addr[4] = (uint8_t)(i >> 8);
                p.addr[5] = (uint8_t)i;
                ck_assert_int_eq(bgp_adj_out_set(o, &p, NULL), 0);
        }
        for (int i = N / 2; i < N; i += 2) {
                struct bgp_prefix p = pfx("2001:db8::/48");
                p.addr[4] = (uint8_t)(i >> 8);
                p.addr[5] = (uint8_t)i;
                ck_assert_int_eq(bgp_adj_out_set(o, &p, x), 0);
        }
        drain_out(o, &c);
        ck_assert_uint_eq(c.withdrawn, N / 2);
        ck_assert_uint_eq(c.announced, N / 4);
        ck_assert_uint_eq(c.first_withdraw_msg, 1);
        ck_assert_uint_gt(c.first_announce_msg, c.first_withdraw_msg);
        ck_assert_uint_eq(bgp_adj_out_count(o), N / 2);

        /* The session went down and up: everything is sent again. */
        bgp_adj_out_reset(o);
        drain_out(o, &c);
        ck_assert_uint_eq(c.announced, N / 2);
        ck_assert_uint_eq(c.withdrawn, 0);
        bgp_adj_out_del(o);
        bgp_attrset_unref(rib, x);
        bgp_attrset_unref(rib, y);
        ck_assert_uint_eq(bgp_rib_attrset_count(rib), 0);
}
END_TEST

static Suite *rib_suite(void)
{
        Suite *s = suite_create("rib");
        TCase *tc = tcase_create("rib");
        tcase_add_checked_fixture(tc, setup, teardown);
        tcase_add_test(tc, trie_insert_find_prune);
        tcase_add_test(tc, slab_reuses_freed_objects);
        tcase_add_test(tc, attrset_view_round_trips_every_field);
        tcase_add_test(tc, memory_accounting_returns_to_zero);
        tcase_add_test(tc, interning_shares_one_copy);
        tcase_add_test(tc, best_path_tie_breaks);
        tcase_add_test(tc, announce_withdraw_and_batches);
        tcase_add_test(tc, batches_of_a_table);
        tcase_add_test(tc, soft_reconfiguration_keeps_rejected);
        tcase_add_test(tc, walk_one_prefix);
        tcase_add_test(tc, adj_rib_out_groups_and_withdraws);
        suite_add_tcase(s, tc);
        return s;
}

int main(void)
{
        return tu_run(rib_suite());
}
