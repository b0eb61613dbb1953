/*
 * rib.c - the RIB: routes per prefix and peer, best paths, and the changes to report.
 */
#include <string.h>

#include "rib_int.h"

static int trie_index(uint16_t afi)
{
        return afi == BGP_AFI_IPV4 ? 0 : afi == BGP_AFI_IPV6 ? 1 : -1;
}

static struct bgp_trie *trie_of(struct bgp_rib *rib, uint16_t afi)
{
        int i = trie_index(afi);
        return i < 0 ? NULL : &rib->trie[i];
}

static const struct bgp_trie *ctrie_of(const struct bgp_rib *rib, uint16_t afi)
{
        int i = trie_index(afi);
        return i < 0 ? NULL : &rib->trie[i];
}

int bgp_rib_new(struct bgp_rib **out, const struct bgp_mem *mem)
{
        struct bgp_mem m;
        bgp_mem_init(&m, mem);
        struct bgp_rib *rib = bgp_mem_calloc(&m, 1, sizeof(*rib));
        *out = NULL;
        if (rib == NULL)
                return BGP_ERR_NOMEM;
        rib->mem = m;
        rib->trie[0].mem = &rib->mem;
        rib->trie[0].afi = BGP_AFI_IPV4;
        rib->trie[1].mem = &rib->mem;
        rib->trie[1].afi = BGP_AFI_IPV6;
        rib->local.local = true;
        *out = rib;
        return 0;
}

static void free_routes(struct bgp_trie_node *n, void *ctx)
{
        struct bgp_rib *rib = ctx;
        struct bgp_route *r = n->routes, *next;
        for (; r != NULL; r = next) {
                next = r->next;
                bgp_mem_free(&rib->mem, r);
        }
        n->routes = NULL;
}

void bgp_rib_del(struct bgp_rib *rib)
{
        if (rib == NULL)
                return;
        bgp_trie_free(&rib->trie[0], free_routes, rib);
        bgp_trie_free(&rib->trie[1], free_routes, rib);
        bgp_attrset_table_free(rib);
        for (size_t i = 0; i < rib->n_peers; i++)
                bgp_mem_free(&rib->mem, rib->peers[i]);
        bgp_mem_free(&rib->mem, rib->peers);
        bgp_mem_free(&rib->mem, rib->changed);
        struct bgp_mem m = rib->mem;
        bgp_mem_free(&m, rib);
}

int bgp_rib_peer_add(struct bgp_rib *rib, const struct bgp_rib_peer_config *cfg,
                     struct bgp_rib_peer **out)
{
        *out = NULL;
        if (rib->n_peers == rib->cap_peers) {
                size_t cap = rib->cap_peers ? rib->cap_peers * 2 : 4;
                struct bgp_rib_peer **np =
                    bgp_mem_realloc(&rib->mem, rib->peers, cap * sizeof(*np));
                if (np == NULL)
                        return BGP_ERR_NOMEM;
                rib->peers = np;
                rib->cap_peers = cap;
        }
        struct bgp_rib_peer *p = bgp_mem_calloc(&rib->mem, 1, sizeof(*p));
        if (p == NULL)
                return BGP_ERR_NOMEM;
        p->cfg = *cfg;
        p->ebgp = cfg->local_as != cfg->peer_as;
        rib->peers[rib->n_peers++] = p;
        *out = p;
        return 0;
}

void bgp_rib_peer_set_id(struct bgp_rib_peer *peer, uint32_t peer_id)
{
        peer->cfg.peer_id = peer_id;
}

void bgp_rib_peer_set_soft_reconfig(struct bgp_rib_peer *peer, bool keep)
{
        peer->cfg.soft_reconfig_in = keep;
}

struct bgp_rib_peer *bgp_rib_local(struct bgp_rib *rib)
{
        return &rib->local;
}

/* What the best path of a node was before a change: held with a reference, so that a
 * freed and reallocated set can never pass for the old one. */
struct best_before {
        const struct bgp_rib_peer *peer;
        struct bgp_attrset *attrs;
};

static struct best_before best_before(const struct bgp_trie_node *n)
{
        struct best_before b = {NULL, NULL};
        if (n->best != NULL) {
                b.peer = n->best->peer;
                b.attrs = bgp_attrset_ref(n->best->post);
        }
        return b;
}

/* Recomputes the best route of n and queues n for the next drain if it changed. */
static int reselect(struct bgp_rib *rib, struct bgp_trie_node *n, struct best_before before)
{
        n->best = bgp_decide(n);
        const struct bgp_rib_peer *peer = n->best != NULL ? n->best->peer : NULL;
        const struct bgp_attrset *attrs = n->best != NULL ? n->best->post : NULL;
        bool changed = peer != before.peer || attrs != before.attrs;
        bgp_attrset_unref(rib, before.attrs);
        if (!changed || n->queued)
                return 0;
        if (rib->n_changed == rib->cap_changed) {
                size_t cap = rib->cap_changed ? rib->cap_changed * 2 : 256;
                struct bgp_trie_node **nc =
                    bgp_mem_realloc(&rib->mem, rib->changed, cap * sizeof(*nc));
                if (nc == NULL)
                        return BGP_ERR_NOMEM;
                rib->changed = nc;
                rib->cap_changed = cap;
        }
        rib->changed[rib->n_changed++] = n;
        n->queued = true;
        return 0;
}

/* The route of peer at n, and the link that points at it. */
static struct bgp_route **find_route(struct bgp_trie_node *n, const struct bgp_rib_peer *peer)
{
        struct bgp_route **link = &n->routes;
        while (*link != NULL && (*link)->peer != peer)
                link = &(*link)->next;
        return link;
}

int bgp_rib_announce(struct bgp_rib *rib, struct bgp_rib_peer *peer, const struct bgp_prefix *pfx,
                     struct bgp_attrset *pre, struct bgp_attrset *post)
{
        struct bgp_trie *t = trie_of(rib, pfx->afi);
        if (t == NULL)
                return BGP_ERR_INVALID_ARGUMENT;
        struct bgp_trie_node *n = bgp_trie_get(t, pfx->addr, pfx->len);
        if (n == NULL)
                return BGP_ERR_NOMEM;
        struct best_before before = best_before(n);
        struct bgp_route **link = find_route(n, peer);
        struct bgp_route *r = *link;
        if (r == NULL) {
                r = bgp_mem_calloc(&rib->mem, 1, sizeof(*r));
                if (r == NULL) {
                        bgp_attrset_unref(rib, before.attrs);
                        bgp_trie_prune(t, pfx->addr, pfx->len);
                        return BGP_ERR_NOMEM;
                }
                r->peer = peer;
                *link = r;
                peer->received++;
        } else {
                /* An implicit withdraw of what the peer said before (RFC 4271 3.1). */
                if (r->post != NULL)
                        peer->accepted--;
        }
        /* The RIB takes its own references, before dropping the old ones: the new set may
         * be the old one, held by nobody else. */
        struct bgp_attrset *old_pre = r->pre, *old_post = r->post;
        r->pre = peer->cfg.soft_reconfig_in ? bgp_attrset_ref(pre) : NULL;
        r->post = bgp_attrset_ref(post);
        bgp_attrset_unref(rib, old_pre);
        bgp_attrset_unref(rib, old_post);
        if (r->post != NULL)
                peer->accepted++;
        return reselect(rib, n, before);
}

int bgp_rib_withdraw(struct bgp_rib *rib, struct bgp_rib_peer *peer, const struct bgp_prefix *pfx)
{
        struct bgp_trie *t = trie_of(rib, pfx->afi);
        if (t == NULL)
                return BGP_ERR_INVALID_ARGUMENT;
        struct bgp_trie_node *n = bgp_trie_find(t, pfx->addr, pfx->len);
        if (n == NULL)
                return 0;
        struct bgp_route **link = find_route(n, peer);
        struct bgp_route *r = *link;
        if (r == NULL)
                return 0;
        struct best_before before = best_before(n);
        *link = r->next;
        n->best = NULL; /* never left pointing at the freed route */
        if (r->post != NULL)
                peer->accepted--;
        peer->received--;
        bgp_attrset_unref(rib, r->pre);
        bgp_attrset_unref(rib, r->post);
        bgp_mem_free(&rib->mem, r);
        int rc = reselect(rib, n, before);
        bgp_trie_prune(t, pfx->addr, pfx->len);
        return rc;
}

struct empty_key {
        uint8_t addr[16];
        uint8_t len;
};

struct clear_ctx {
        struct bgp_rib *rib;
        struct bgp_rib_peer *peer;
        int rc;
        /* Prefixes left without routes, pruned after the walk (the walk cannot change
         * the trie; and pruning one node may free another, so they are kept by key). */
        struct empty_key *empty;
        size_t n_empty, cap_empty;
};

static void clear_node(struct bgp_trie_node *n, void *arg)
{
        struct clear_ctx *c = arg;
        struct bgp_route **link = find_route(n, c->peer);
        struct bgp_route *r = *link;
        if (r == NULL)
                return;
        struct best_before before = best_before(n);
        *link = r->next;
        n->best = NULL;
        bgp_attrset_unref(c->rib, r->pre);
        bgp_attrset_unref(c->rib, r->post);
        bgp_mem_free(&c->rib->mem, r);
        int rc = reselect(c->rib, n, before);
        if (rc != 0)
                c->rc = rc;
        if (n->routes == NULL && !n->queued) {
                if (c->n_empty == c->cap_empty) {
                        size_t cap = c->cap_empty ? c->cap_empty * 2 : 64;
                        struct empty_key *ne =
                            bgp_mem_realloc(&c->rib->mem, c->empty, cap * sizeof(*ne));
                        if (ne == NULL) {
                                c->rc = BGP_ERR_NOMEM; /* left for the next prune */
                                return;
                        }
                        c->empty = ne;
                        c->cap_empty = cap;
                }
                memcpy(c->empty[c->n_empty].addr, n->addr, sizeof(n->addr));
                c->empty[c->n_empty++].len = n->len;
        }
}

static void prune_empty(struct bgp_trie *t, struct bgp_trie_node *n)
{
        uint8_t addr[16];
        uint8_t len = n->len;
        memcpy(addr, n->addr, sizeof(addr));
        bgp_trie_prune(t, addr, len);
}

int bgp_rib_peer_clear(struct bgp_rib *rib, struct bgp_rib_peer *peer, bool remove)
{
        struct clear_ctx c = {rib, peer, 0, NULL, 0, 0};
        for (int i = 0; i < 2; i++) {
                c.n_empty = 0;
                bgp_trie_walk(&rib->trie[i], clear_node, &c);
                /* Pruned after the walk: in reverse, so children go before parents. */
                while (c.n_empty > 0) {
                        c.n_empty--;
                        bgp_trie_prune(&rib->trie[i], c.empty[c.n_empty].addr,
                                       c.empty[c.n_empty].len);
                }
        }
        bgp_mem_free(&rib->mem, c.empty);
        peer->accepted = 0;
        peer->received = 0;
        if (remove && peer != &rib->local) {
                for (size_t i = 0; i < rib->n_peers; i++)
                        if (rib->peers[i] == peer) {
                                rib->peers[i] = rib->peers[--rib->n_peers];
                                break;
                        }
                bgp_mem_free(&rib->mem, peer);
        }
        return c.rc;
}

const struct bgp_attrset *bgp_rib_best(const struct bgp_rib *rib, const struct bgp_prefix *pfx,
                                       const struct bgp_rib_peer **peer)
{
        const struct bgp_trie *t = ctrie_of(rib, pfx->afi);
        const struct bgp_trie_node *n = t != NULL ? bgp_trie_find(t, pfx->addr, pfx->len) : NULL;
        if (n == NULL || n->best == NULL) {
                if (peer != NULL)
                        *peer = NULL;
                return NULL;
        }
        if (peer != NULL)
                *peer = n->best->peer;
        return n->best->post;
}

static void node_prefix(const struct bgp_trie_node *n, struct bgp_prefix *p)
{
        memset(p, 0, sizeof(*p));
        p->afi = n->afi;
        p->len = n->len;
        memcpy(p->addr, n->addr, sizeof(p->addr));
}

static struct bgp_trie *trie_of_node(struct bgp_rib *rib, const struct bgp_trie_node *n)
{
        return trie_of(rib, n->afi);
}

size_t bgp_rib_drain(struct bgp_rib *rib,
                     void (*fn)(const struct bgp_rib_change *changes, size_t n, void *ctx),
                     size_t max, void *ctx)
{
        struct bgp_rib_change batch[256];
        size_t total = 0, i = 0;

        if (max == 0 || max > sizeof(batch) / sizeof(batch[0]))
                max = sizeof(batch) / sizeof(batch[0]);
        while (i < rib->n_changed) {
                size_t k = 0;
                size_t first = i;
                for (; i < rib->n_changed && k < max; i++, k++) {
                        struct bgp_trie_node *n = rib->changed[i];
                        node_prefix(n, &batch[k].prefix);
                        batch[k].peer = n->best != NULL ? n->best->peer : NULL;
                        batch[k].attrs = n->best != NULL ? n->best->post : NULL;
                }
                fn(batch, k, ctx);
                total += k;
                /* The nodes are no longer queued; those left empty can go. */
                for (size_t j = first; j < i; j++) {
                        struct bgp_trie_node *n = rib->changed[j];
                        n->queued = false;
                        if (n->routes == NULL)
                                prune_empty(trie_of_node(rib, n), n);
                }
        }
        rib->n_changed = 0;
        return total;
}

struct walk_ctx {
        const struct bgp_rib *rib;
        uint16_t afi;
        void (*fn)(const struct bgp_rib_route *r, void *ctx);
        void *ctx;
};

static void walk_node(struct bgp_trie_node *n, void *arg)
{
        struct walk_ctx *w = arg;
        struct bgp_rib_route out;
        memset(&out.prefix, 0, sizeof(out.prefix));
        out.prefix.afi = w->afi;
        out.prefix.len = n->len;
        memcpy(out.prefix.addr, n->addr, sizeof(out.prefix.addr));
        for (struct bgp_route *r = n->routes; r != NULL; r = r->next) {
                out.peer = r->peer;
                out.pre = r->pre;
                out.post = r->post;
                out.best = r == n->best;
                w->fn(&out, w->ctx);
        }
}

void bgp_rib_walk(const struct bgp_rib *rib, uint16_t afi,
                  void (*fn)(const struct bgp_rib_route *r, void *ctx), void *ctx)
{
        const struct bgp_trie *t = ctrie_of(rib, afi);
        struct walk_ctx w = {rib, afi, fn, ctx};
        if (t != NULL)
                bgp_trie_walk(t, walk_node, &w);
}

static void count_best(struct bgp_trie_node *n, void *arg)
{
        if (n->best != NULL)
                (*(size_t *)arg)++;
}

size_t bgp_rib_prefix_count(const struct bgp_rib *rib, uint16_t afi)
{
        size_t count = 0;
        const struct bgp_trie *t = ctrie_of(rib, afi);
        if (t != NULL)
                bgp_trie_walk(t, count_best, &count);
        return count;
}

size_t bgp_rib_peer_accepted(const struct bgp_rib_peer *peer)
{
        return peer->accepted;
}

size_t bgp_rib_peer_received(const struct bgp_rib_peer *peer)
{
        return peer->received;
}
