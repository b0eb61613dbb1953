/*
 * rib.c - the RIB: routes per prefix and peer, best paths, and the changes to report.
 *
 * A prefix's routes are an array inside its trie node (trie.h), one per peer, naming the
 * peer by slot and the attribute sets by id (rib_int.h).
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
        bgp_slab_init(&rib->slab, &rib->mem);
        rib->trie[0].slab = &rib->slab;
        rib->trie[0].afi = BGP_AFI_IPV4;
        rib->trie[1].slab = &rib->slab;
        rib->trie[1].afi = BGP_AFI_IPV6;
        rib->peers = bgp_mem_calloc(&rib->mem, 4, sizeof(*rib->peers));
        if (rib->peers == NULL) {
                bgp_mem_free(&m, rib);
                return BGP_ERR_NOMEM;
        }
        rib->cap_slots = 4;
        rib->n_slots = 1;
        rib->local.local = true;
        rib->local.slot = 0;
        rib->peers[0] = &rib->local;
        *out = rib;
        return 0;
}

void bgp_rib_del(struct bgp_rib *rib)
{
        if (rib == NULL)
                return;
        bgp_trie_free(&rib->trie[0]);
        bgp_trie_free(&rib->trie[1]);
        bgp_attrset_table_free(rib);
        bgp_slab_destroy(&rib->slab);
        for (uint32_t i = 1; i < rib->n_slots; i++)
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
        uint32_t slot = 1;
        while (slot < rib->n_slots && rib->peers[slot] != NULL)
                slot++;
        if (slot == rib->n_slots) {
                /* Routes name their peer in 16 bits. */
                if (slot > UINT16_MAX)
                        return BGP_ERR_NOMEM;
                if (rib->n_slots == rib->cap_slots) {
                        uint32_t cap = rib->cap_slots * 2;
                        struct bgp_rib_peer **np =
                            bgp_mem_realloc(&rib->mem, rib->peers, cap * sizeof(*np));
                        if (np == NULL)
                                return BGP_ERR_NOMEM;
                        rib->peers = np;
                        rib->cap_slots = cap;
                }
                rib->peers[rib->n_slots++] = NULL;
        }
        struct bgp_rib_peer *p = bgp_mem_calloc(&rib->mem, 1, sizeof(*p));
        if (p == NULL)
                return BGP_ERR_NOMEM;
        p->cfg = *cfg;
        p->ebgp = cfg->local_as != cfg->peer_as;
        p->slot = (uint16_t)slot;
        rib->peers[slot] = p;
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
        uint16_t peer;
        struct bgp_attrset *attrs;
};

static struct best_before best_before(const struct bgp_rib *rib, const struct bgp_trie_node *n)
{
        struct best_before b = {0, NULL};
        if (n->best != BGP_TRIE_NO_BEST) {
                const struct bgp_route *r = &bgp_trie_routes(n)[n->best];
                b.peer = r->peer;
                b.attrs = bgp_attrset_ref(bgp_rib_set(rib, r->post));
        }
        return b;
}

static int queue(struct bgp_rib *rib, struct bgp_trie_node *n)
{
        if (n->queued)
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
        n->queued = 1;
        return 0;
}

/* Recomputes the best route of n and queues n for the next drain if it changed. */
static int reselect(struct bgp_rib *rib, struct bgp_trie_node *n, struct best_before before)
{
        n->best = bgp_decide(rib, n);
        uint16_t peer = 0;
        const struct bgp_attrset *attrs = NULL;
        if (n->best != BGP_TRIE_NO_BEST) {
                const struct bgp_route *r = &bgp_trie_routes(n)[n->best];
                peer = r->peer;
                attrs = bgp_rib_set(rib, r->post);
        }
        bool changed = peer != before.peer || attrs != before.attrs;
        bgp_attrset_unref(rib, before.attrs);
        return changed ? queue(rib, n) : 0;
}

/* The index of peer's route at n, or n->n_routes when it has none. */
static uint16_t find_route(const struct bgp_trie_node *n, const struct bgp_rib_peer *peer)
{
        const struct bgp_route *r = bgp_trie_routes(n);
        uint16_t i = 0;
        while (i < n->n_routes && r[i].peer != peer->slot)
                i++;
        return i;
}

/* Room for the routes a new prefix is likely to get: one per peer, up to 4.  An edge
 * router's node is then never moved when its second upstream sends its table. */
static uint16_t initial_cap(const struct bgp_rib *rib)
{
        uint32_t peers = rib->n_slots > 1 ? rib->n_slots - 1 : 1;
        return (uint16_t)(peers < 4 ? peers : 4);
}

/* n moved to m (bgp_trie_grow): the queue of changes must follow it.  The queue holds
 * what changed since the last drain, and a node that grows was most likely queued by the
 * same burst of UPDATEs, so the search starts from the end. */
static void follow_move(struct bgp_rib *rib, const struct bgp_trie_node *n, struct bgp_trie_node *m)
{
        if (!m->queued)
                return;
        for (size_t i = rib->n_changed; i-- > 0;)
                if (rib->changed[i] == n) {
                        rib->changed[i] = m;
                        return;
                }
}

int bgp_rib_announce(struct bgp_rib *rib, struct bgp_rib_peer *peer, const struct bgp_prefix *pfx,
                     struct bgp_attrset *pre, struct bgp_attrset *post)
{
        struct bgp_trie *t = trie_of(rib, pfx->afi);
        if (t == NULL)
                return BGP_ERR_INVALID_ARGUMENT;
        struct bgp_trie_node **link;
        struct bgp_trie_node *n = bgp_trie_get(t, pfx->addr, pfx->len, initial_cap(rib), &link);
        if (n == NULL)
                return BGP_ERR_NOMEM;
        uint16_t i = find_route(n, peer);
        if (i == n->n_routes) {
                if (n->n_routes == UINT16_MAX) /* cannot happen: one route per peer slot */
                        return BGP_ERR_NOMEM;
                if (n->n_routes == n->cap_routes) {
                        uint32_t cap =
                            n->cap_routes < 4 ? n->cap_routes + 1u : (uint32_t)n->cap_routes * 2u;
                        struct bgp_trie_node *m =
                            bgp_trie_grow(t, link, (uint16_t)(cap > UINT16_MAX ? UINT16_MAX : cap));
                        if (m == NULL) {
                                bgp_trie_prune(t, pfx->addr, pfx->len);
                                return BGP_ERR_NOMEM;
                        }
                        follow_move(rib, n, m);
                        n = m;
                }
                struct bgp_route *r = &bgp_trie_routes(n)[n->n_routes++];
                memset(r, 0, sizeof(*r));
                r->peer = peer->slot;
                peer->received++;
        } else {
                /* An implicit withdraw of what the peer said before (RFC 4271 3.1). */
                if (bgp_trie_routes(n)[i].post != 0)
                        peer->accepted--;
        }
        struct best_before before = best_before(rib, n);
        struct bgp_route *r = &bgp_trie_routes(n)[i];
        /* The RIB takes its own references, before dropping the old ones: the new set may
         * be the old one, held by nobody else. */
        struct bgp_attrset *old_pre = bgp_rib_set(rib, r->pre);
        struct bgp_attrset *old_post = bgp_rib_set(rib, r->post);
        r->pre = bgp_attrset_id(peer->cfg.soft_reconfig_in ? bgp_attrset_ref(pre) : NULL);
        r->post = bgp_attrset_id(bgp_attrset_ref(post));
        bgp_attrset_unref(rib, old_pre);
        bgp_attrset_unref(rib, old_post);
        if (r->post != 0)
                peer->accepted++;
        return reselect(rib, n, before);
}

/* Takes route i out of n (the last one takes its place) and releases its sets. */
static void remove_route(struct bgp_rib *rib, struct bgp_trie_node *n, uint16_t i)
{
        struct bgp_route *routes = bgp_trie_routes(n);
        struct bgp_rib_peer *peer = rib->peers[routes[i].peer];
        if (routes[i].post != 0)
                peer->accepted--;
        peer->received--;
        bgp_attrset_unref(rib, bgp_rib_set(rib, routes[i].pre));
        bgp_attrset_unref(rib, bgp_rib_set(rib, routes[i].post));
        routes[i] = routes[--n->n_routes];
        n->best = BGP_TRIE_NO_BEST; /* the indexes moved: reselect() sets it again */
}

int bgp_rib_withdraw(struct bgp_rib *rib, struct bgp_rib_peer *peer, const struct bgp_prefix *pfx)
{
        struct bgp_trie *t = trie_of(rib, pfx->afi);
        if (t == NULL)
                return BGP_ERR_INVALID_ARGUMENT;
        struct bgp_trie_node *n = bgp_trie_find(t, pfx->addr, pfx->len);
        if (n == NULL)
                return 0;
        uint16_t i = find_route(n, peer);
        if (i == n->n_routes)
                return 0;
        struct best_before before = best_before(rib, n);
        remove_route(rib, n, i);
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
        uint16_t i = find_route(n, c->peer);
        if (i == n->n_routes)
                return;
        struct best_before before = best_before(c->rib, n);
        remove_route(c->rib, n, i);
        int rc = reselect(c->rib, n, before);
        if (rc != 0)
                c->rc = rc;
        if (n->n_routes == 0 && !n->queued) {
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
                bgp_trie_node_addr(n, c->empty[c->n_empty].addr);
                c->empty[c->n_empty++].len = n->len;
        }
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
                rib->peers[peer->slot] = NULL;
                bgp_mem_free(&rib->mem, peer);
        }
        return c.rc;
}

const struct bgp_attrset *bgp_rib_best(const struct bgp_rib *rib, const struct bgp_prefix *pfx,
                                       const struct bgp_rib_peer **peer)
{
        const struct bgp_trie *t = ctrie_of(rib, pfx->afi);
        const struct bgp_trie_node *n = t != NULL ? bgp_trie_find(t, pfx->addr, pfx->len) : NULL;
        if (n == NULL || n->best == BGP_TRIE_NO_BEST) {
                if (peer != NULL)
                        *peer = NULL;
                return NULL;
        }
        const struct bgp_route *r = &bgp_trie_routes(n)[n->best];
        if (peer != NULL)
                *peer = rib->peers[r->peer];
        return bgp_rib_set(rib, r->post);
}

static void node_prefix(const struct bgp_trie_node *n, struct bgp_prefix *p)
{
        memset(p, 0, sizeof(*p));
        p->afi = n->afi;
        p->len = n->len;
        bgp_trie_node_addr(n, p->addr);
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
                        const struct bgp_trie_node *n = rib->changed[i];
                        node_prefix(n, &batch[k].prefix);
                        batch[k].peer = NULL;
                        batch[k].attrs = NULL;
                        if (n->best != BGP_TRIE_NO_BEST) {
                                const struct bgp_route *r = &bgp_trie_routes(n)[n->best];
                                batch[k].peer = rib->peers[r->peer];
                                batch[k].attrs = bgp_rib_set(rib, r->post);
                        }
                }
                fn(batch, k, ctx);
                total += k;
                /* The nodes are no longer queued; those left empty can go.  fn cannot
                 * change the RIB, so the pointers in the queue are still good. */
                for (size_t j = first; j < i; j++) {
                        struct bgp_trie_node *n = rib->changed[j];
                        n->queued = 0;
                        if (n->n_routes == 0) {
                                struct bgp_prefix p;
                                node_prefix(n, &p);
                                bgp_trie_prune(trie_of(rib, p.afi), p.addr, p.len);
                        }
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
        bgp_trie_node_addr(n, out.prefix.addr);
        const struct bgp_route *r = bgp_trie_routes(n);
        for (uint16_t i = 0; i < n->n_routes; i++) {
                out.peer = w->rib->peers[r[i].peer];
                out.pre = bgp_rib_set(w->rib, r[i].pre);
                out.post = bgp_rib_set(w->rib, r[i].post);
                out.best = i == n->best;
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

void bgp_rib_walk_prefix(const struct bgp_rib *rib, const struct bgp_prefix *pfx,
                         void (*fn)(const struct bgp_rib_route *r, void *ctx), void *ctx)
{
        const struct bgp_trie *t = ctrie_of(rib, pfx->afi);
        struct walk_ctx w = {rib, pfx->afi, fn, ctx};
        struct bgp_trie_node *n = t != NULL ? bgp_trie_find(t, pfx->addr, pfx->len) : NULL;
        if (n != NULL)
                walk_node(n, &w);
}

static void count_best(struct bgp_trie_node *n, void *arg)
{
        if (n->best != BGP_TRIE_NO_BEST)
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
