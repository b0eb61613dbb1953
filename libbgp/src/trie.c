/* trie.c - the path-compressed binary trie of the RIB. */
#include <string.h>

#include "trie.h"

static unsigned bit_at(const uint8_t *addr, unsigned i)
{
        return ((unsigned)addr[i / 8] >> (7 - i % 8)) & 1u;
}

/* The number of leading bits a and b share, up to max. */
static unsigned common_bits(const uint8_t *a, const uint8_t *b, unsigned max)
{
        unsigned i = 0;
        while (i + 8 <= max && a[i / 8] == b[i / 8])
                i += 8;
        while (i < max && bit_at(a, i) == bit_at(b, i))
                i++;
        return i;
}

/* Copies the first len bits of addr, zeroing the rest. */
static void set_prefix(struct bgp_trie_node *n, const uint8_t *addr, uint8_t len)
{
        memset(n->addr, 0, sizeof(n->addr));
        memcpy(n->addr, addr, (size_t)(len + 7) / 8);
        if (len % 8 != 0)
                n->addr[len / 8] &= (uint8_t)(0xff << (8 - len % 8));
        n->len = len;
}

static struct bgp_trie_node *node_new(struct bgp_trie *t, const uint8_t *addr, uint8_t len)
{
        struct bgp_trie_node *n = bgp_mem_calloc(t->mem, 1, sizeof(*n));
        if (n == NULL)
                return NULL;
        set_prefix(n, addr, len);
        n->afi = t->afi;
        t->nodes++;
        return n;
}

struct bgp_trie_node *bgp_trie_find(const struct bgp_trie *t, const uint8_t *addr, uint8_t len)
{
        struct bgp_trie_node *n = t->root;
        while (n != NULL && n->len <= len) {
                if (common_bits(n->addr, addr, n->len) < n->len)
                        return NULL;
                if (n->len == len)
                        return n;
                n = n->child[bit_at(addr, n->len)];
        }
        return NULL;
}

struct bgp_trie_node *bgp_trie_get(struct bgp_trie *t, const uint8_t *addr, uint8_t len)
{
        struct bgp_trie_node **link = &t->root;

        for (;;) {
                struct bgp_trie_node *n = *link;
                if (n == NULL) {
                        *link = node_new(t, addr, len);
                        return *link;
                }
                unsigned max = n->len < len ? n->len : len;
                unsigned common = common_bits(n->addr, addr, max);
                if (common == n->len && n->len == len)
                        return n;
                if (common == n->len) {
                        /* n covers addr/len: go down. */
                        link = &n->child[bit_at(addr, n->len)];
                        continue;
                }
                /* addr/len and n part ways at bit `common`, or addr/len covers n. */
                struct bgp_trie_node *leaf = NULL;
                struct bgp_trie_node *mid;
                if (common == len) {
                        mid = node_new(t, addr, len);
                        if (mid == NULL)
                                return NULL;
                        mid->child[bit_at(n->addr, len)] = n;
                        *link = mid;
                        return mid;
                }
                leaf = node_new(t, addr, len);
                mid = node_new(t, addr, (uint8_t)common);
                if (leaf == NULL || mid == NULL) {
                        bgp_mem_free(t->mem, leaf);
                        bgp_mem_free(t->mem, mid);
                        t->nodes -= (size_t)(leaf != NULL) + (size_t)(mid != NULL);
                        return NULL;
                }
                mid->child[bit_at(addr, common)] = leaf;
                mid->child[bit_at(n->addr, common)] = n;
                *link = mid;
                return leaf;
        }
}

void bgp_trie_prune(struct bgp_trie *t, const uint8_t *addr, uint8_t len)
{
        struct bgp_trie_node **link = &t->root, **parent_link = NULL;
        struct bgp_trie_node *n;

        while ((n = *link) != NULL && n->len < len) {
                if (common_bits(n->addr, addr, n->len) < n->len)
                        return;
                parent_link = link;
                link = &n->child[bit_at(addr, n->len)];
        }
        if (n == NULL || n->len != len || common_bits(n->addr, addr, len) < len ||
            n->routes != NULL || n->queued)
                return;
        /* A node with two children stays as a branching point. */
        if (n->child[0] != NULL && n->child[1] != NULL)
                return;
        *link = n->child[0] != NULL ? n->child[0] : n->child[1];
        bgp_mem_free(t->mem, n);
        t->nodes--;
        /* Its parent may now be a branching point with one child: remove that too. */
        if (parent_link != NULL) {
                struct bgp_trie_node *p = *parent_link;
                if (p->routes == NULL && !p->queued &&
                    (p->child[0] == NULL || p->child[1] == NULL)) {
                        *parent_link = p->child[0] != NULL ? p->child[0] : p->child[1];
                        bgp_mem_free(t->mem, p);
                        t->nodes--;
                }
        }
}

static void walk(struct bgp_trie_node *n, void (*fn)(struct bgp_trie_node *, void *), void *ctx)
{
        /* Depth-first, the node before its children: prefix order. */
        while (n != NULL) {
                if (n->routes != NULL)
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

static void free_nodes(struct bgp_trie *t, struct bgp_trie_node *n,
                       void (*fn)(struct bgp_trie_node *, void *), void *ctx)
{
        while (n != NULL) {
                struct bgp_trie_node *right = n->child[1];
                free_nodes(t, n->child[0], fn, ctx);
                if (fn != NULL)
                        fn(n, ctx);
                bgp_mem_free(t->mem, n);
                n = right;
        }
}

void bgp_trie_free(struct bgp_trie *t, void (*fn)(struct bgp_trie_node *n, void *ctx), void *ctx)
{
        free_nodes(t, t->root, fn, ctx);
        t->root = NULL;
        t->nodes = 0;
}
