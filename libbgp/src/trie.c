/* trie.c - the path-compressed binary trie of the RIB. */
#include <string.h>

#include "rib_int.h"
#include "trie.h"

static size_t key_octets(uint8_t len)
{
        return ((size_t)len + 7) / 8;
}

/* Where the routes start: after the key, 4-aligned for struct bgp_route. */
static size_t routes_offset(uint8_t len)
{
        return (offsetof(struct bgp_trie_node, key) + key_octets(len) + 3) & ~(size_t)3;
}

static size_t node_size(uint8_t len, uint16_t cap)
{
        return cap == 0 ? offsetof(struct bgp_trie_node, key) + key_octets(len)
                        : routes_offset(len) + (size_t)cap * sizeof(struct bgp_route);
}

struct bgp_route *bgp_trie_routes(const struct bgp_trie_node *n)
{
        return (struct bgp_route *)(void *)((uint8_t *)(uintptr_t)n + routes_offset(n->len));
}

void bgp_trie_node_addr(const struct bgp_trie_node *n, uint8_t addr[16])
{
        memset(addr, 0, 16);
        memcpy(addr, n->key, key_octets(n->len));
}

static unsigned bit_at(const uint8_t *addr, unsigned i)
{
        return ((unsigned)addr[i / 8] >> (7 - i % 8)) & 1u;
}

/* The number of leading bits a and b share, up to max, knowing that the first `from`
 * are equal: whole octets first, then the first differing bit of the octet where they
 * part.  A descent checks only the bits each level adds, not the whole key again. */
static unsigned common_bits_from(const uint8_t *a, const uint8_t *b, unsigned from, unsigned max)
{
        unsigned i = from & ~7u;
        while (i + 8 <= max && a[i / 8] == b[i / 8])
                i += 8;
        if (i < max) {
                unsigned x = (unsigned)(a[i / 8] ^ b[i / 8]);
                unsigned width = (unsigned)(sizeof(unsigned) * 8u);
                i += x == 0 ? 8u : (unsigned)__builtin_clz(x) - (width - 8u);
        }
        return i < max ? i : max;
}

static unsigned common_bits(const uint8_t *a, const uint8_t *b, unsigned max)
{
        return common_bits_from(a, b, 0, max);
}

static struct bgp_trie_node *node_new(struct bgp_trie *t, const uint8_t *addr, uint8_t len,
                                      uint16_t cap)
{
        struct bgp_trie_node *n = bgp_slab_alloc(t->slab, node_size(len, cap));
        if (n == NULL)
                return NULL;
        memset(n, 0, offsetof(struct bgp_trie_node, key));
        size_t k = key_octets(len);
        memcpy(n->key, addr, k);
        /* Bits past the length are zero, so that equal prefixes have equal keys. */
        if (len % 8 != 0)
                n->key[k - 1] &= (uint8_t)(0xff << (8 - len % 8));
        n->len = len;
        n->afi = t->afi;
        n->best = BGP_TRIE_NO_BEST;
        n->cap_routes = cap;
        t->nodes++;
        t->bytes += node_size(len, cap);
        return n;
}

static void node_free(struct bgp_trie *t, struct bgp_trie_node *n)
{
        size_t size = node_size(n->len, n->cap_routes);
        bgp_slab_free(t->slab, n, size);
        t->bytes -= size;
        t->nodes--;
}

/*
 * The deepest node on addr's path that is not longer than len, found by following the bits
 * of addr alone (as a PATRICIA trie does): its key may differ from addr anywhere, so the
 * caller compares once at the end instead of at every level.
 */
static struct bgp_trie_node *candidate(const struct bgp_trie *t, const uint8_t *addr, uint8_t len)
{
        struct bgp_trie_node *n = t->root, *last = NULL;
        while (n != NULL) {
                last = n;
                if (n->len >= len)
                        break;
                n = n->child[bit_at(addr, n->len)];
        }
        return last;
}

struct bgp_trie_node *bgp_trie_find(const struct bgp_trie *t, const uint8_t *addr, uint8_t len)
{
        struct bgp_trie_node *n = candidate(t, addr, len);
        if (n == NULL || n->len != len || common_bits(n->key, addr, len) < len)
                return NULL;
        return n;
}

struct bgp_trie_node *bgp_trie_get(struct bgp_trie *t, const uint8_t *addr, uint8_t len,
                                   uint16_t cap, struct bgp_trie_node ***out_link)
{
        /* Down addr's path by its bits alone, remembering the way (lengths grow strictly
         * along a path, so it has at most 129 nodes), to the candidate (see candidate()). */
        struct bgp_trie_node **way[130];
        size_t depth = 0;
        struct bgp_trie_node **link = &t->root;
        while (*link != NULL) {
                way[depth++] = link;
                if ((*link)->len >= len)
                        break;
                link = &(*link)->child[bit_at(addr, (*link)->len)];
        }
        /* Every node on the way up to `agree` bits covers addr (its key is a prefix of the
         * candidate's, which agrees with addr that far): start after the last of them. */
        unsigned agree = 0, known = 0;
        if (depth > 0) {
                const struct bgp_trie_node *c = *way[depth - 1];
                agree = common_bits(c->key, addr, c->len < len ? c->len : len);
                size_t i = 0;
                while (i < depth && (*way[i])->len <= agree && (*way[i])->len < len) {
                        known = (*way[i])->len;
                        i++;
                }
                if (i < depth)
                        link = way[i];
                /* else: every node covers addr, and link is the empty place below them */
        }

        for (;;) {
                struct bgp_trie_node *n = *link;
                *out_link = link;
                if (n == NULL) {
                        *link = node_new(t, addr, len, cap);
                        return *link;
                }
                if (n->len <= agree && n->len < len) {
                        known = n->len;
                        link = &n->child[bit_at(addr, n->len)];
                        continue;
                }
                unsigned max = n->len < len ? n->len : len;
                unsigned common = common_bits_from(n->key, addr, known, max);
                if (common == n->len && n->len == len)
                        return n;
                if (common == n->len) {
                        /* n covers addr/len: go down. */
                        known = n->len;
                        link = &n->child[bit_at(addr, n->len)];
                        continue;
                }
                /* addr/len and n part ways at bit `common`, or addr/len covers n. */
                if (common == len) {
                        struct bgp_trie_node *mid = node_new(t, addr, len, cap);
                        if (mid == NULL)
                                return NULL;
                        mid->child[bit_at(n->key, len)] = n;
                        *link = mid;
                        return mid;
                }
                struct bgp_trie_node *leaf = node_new(t, addr, len, cap);
                struct bgp_trie_node *mid = node_new(t, addr, (uint8_t)common, 0);
                if (leaf == NULL || mid == NULL) {
                        if (leaf != NULL)
                                node_free(t, leaf);
                        if (mid != NULL)
                                node_free(t, mid);
                        return NULL;
                }
                mid->child[bit_at(addr, common)] = leaf;
                mid->child[bit_at(n->key, common)] = n;
                *link = mid;
                *out_link = &mid->child[bit_at(addr, common)];
                return leaf;
        }
}

struct bgp_trie_node *bgp_trie_grow(struct bgp_trie *t, struct bgp_trie_node **link, uint16_t cap)
{
        struct bgp_trie_node *old = *link;
        struct bgp_trie_node *n = bgp_slab_alloc(t->slab, node_size(old->len, cap));
        if (n == NULL)
                return NULL;
        size_t keep = node_size(old->len, old->n_routes);
        memcpy(n, old, keep);
        n->cap_routes = cap;
        t->bytes += node_size(old->len, cap);
        t->bytes -= node_size(old->len, old->cap_routes);
        bgp_slab_free(t->slab, old, node_size(old->len, old->cap_routes));
        *link = n;
        return n;
}

void bgp_trie_prune(struct bgp_trie *t, const uint8_t *addr, uint8_t len)
{
        struct bgp_trie_node **link = &t->root, **parent_link = NULL;
        struct bgp_trie_node *n;

        while ((n = *link) != NULL && n->len < len) {
                if (common_bits(n->key, addr, n->len) < n->len)
                        return;
                parent_link = link;
                link = &n->child[bit_at(addr, n->len)];
        }
        if (n == NULL || n->len != len || common_bits(n->key, addr, len) < len ||
            n->n_routes != 0 || n->queued)
                return;
        /* A node with two children stays as a branching point; a prefix node that became
         * one shrinks to a branching point's size. */
        if (n->child[0] != NULL && n->child[1] != NULL) {
                if (n->cap_routes != 0) {
                        struct bgp_trie_node *b = bgp_slab_alloc(t->slab, node_size(len, 0));
                        if (b != NULL) {
                                memcpy(b, n, node_size(len, 0));
                                b->cap_routes = 0;
                                b->best = BGP_TRIE_NO_BEST;
                                t->bytes += node_size(len, 0);
                                t->bytes -= node_size(len, n->cap_routes);
                                bgp_slab_free(t->slab, n, node_size(len, n->cap_routes));
                                *link = b;
                        }
                }
                return;
        }
        *link = n->child[0] != NULL ? n->child[0] : n->child[1];
        node_free(t, n);
        /* Its parent may now be a branching point with one child: remove that too. */
        if (parent_link != NULL) {
                struct bgp_trie_node *p = *parent_link;
                if (p->n_routes == 0 && !p->queued &&
                    (p->child[0] == NULL || p->child[1] == NULL)) {
                        *parent_link = p->child[0] != NULL ? p->child[0] : p->child[1];
                        node_free(t, p);
                }
        }
}

static void walk(struct bgp_trie_node *n, void (*fn)(struct bgp_trie_node *, void *), void *ctx)
{
        /* Depth-first, the node before its children: prefix order. */
        while (n != NULL) {
                if (n->n_routes != 0)
                        fn(n, ctx);
                walk(n->child[0], fn, ctx);
                n = n->child[1];
        }
}

void bgp_trie_walk(const struct bgp_trie *t, void (*fn)(struct bgp_trie_node *n, void *ctx),
                   void *ctx)
{
        walk(t->root, fn, ctx);
}

static void free_nodes(struct bgp_trie *t, struct bgp_trie_node *n)
{
        while (n != NULL) {
                struct bgp_trie_node *right = n->child[1];
                free_nodes(t, n->child[0]);
                node_free(t, n);
                n = right;
        }
}

void bgp_trie_free(struct bgp_trie *t)
{
        free_nodes(t, t->root);
        t->root = NULL;
}
