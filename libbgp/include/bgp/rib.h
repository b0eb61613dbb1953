/*
 * bgp/rib.h - routes: Adj-RIB-In, Loc-RIB with best-path selection, interned attributes.
 *
 * A struct bgp_rib holds, per prefix (a path-compressed trie per address family), the
 * routes every peer announced, each pointing at an interned attribute set shared by all
 * routes with the same attributes.  For a peer with soft-reconfiguration inbound the
 * attributes as received are kept too, and routes its inbound policy rejected stay
 * (without a post-policy set) so they can be shown and re-evaluated.
 *
 * Best paths are recomputed when a prefix changes; the embedder collects the changes in
 * batches with bgp_rib_drain() rather than one callback per prefix.
 */
#ifndef BGP_RIB_H
#define BGP_RIB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <bgp/attrs.h>
#include <bgp/error.h>
#include <bgp/export.h>
#include <bgp/mem.h>
#include <bgp/msg.h>

#ifdef __cplusplus
extern "C" {
#endif

struct bgp_rib;
struct bgp_rib_peer;
/* An interned attribute set: immutable, shared, reference-counted. */
struct bgp_attrset;

/* Interns a copy of pa: returns the shared set with one more reference (or NULL when out
 * of memory).  Release with bgp_attrset_unref(). */
BGP_EXTERN struct bgp_attrset *bgp_attrset_intern(struct bgp_rib *rib, const struct bgp_pattr *pa);
BGP_EXTERN struct bgp_attrset *bgp_attrset_ref(struct bgp_attrset *as);
BGP_EXTERN void bgp_attrset_unref(struct bgp_rib *rib, struct bgp_attrset *as);
/*
 * The attributes of a set, as a read-only view: *view's arrays point into the set and stay
 * valid while the set does.  Never pass a view to bgp_pattr_free() or to an editing
 * function; bgp_pattr_copy() it first.
 */
BGP_EXTERN void bgp_attrset_view(const struct bgp_attrset *as, struct bgp_pattr *view);
/* How many distinct sets exist. */
BGP_EXTERN size_t bgp_rib_attrset_count(const struct bgp_rib *rib);

/* Where a RIB's memory goes (FRR's "show bgp memory"), in octets unless said otherwise. */
struct bgp_rib_memory {
        size_t trie_nodes;  /* count: prefixes and branching points, both families */
        size_t trie_bytes;  /* the nodes, their routes inside them */
        size_t sets;        /* count of interned attribute sets */
        size_t set_bytes;   /* the sets */
        size_t index_bytes; /* set ids, the hash table, the queue of changes, peers */
        size_t slab_held;   /* asked of the allocator for nodes and sets (>= the two above:
                             * freed objects are kept for reuse) */
};
BGP_EXTERN void bgp_rib_memory(const struct bgp_rib *rib, struct bgp_rib_memory *out);

struct bgp_rib_peer_config {
        uint32_t local_as;
        uint32_t peer_as;
        uint32_t peer_id; /* BGP identifier, host order, for tie-breaking */
        /* The peer's address (tie-break of last resort), IPv6 or IPv4-mapped. */
        uint8_t address[16];
        /* Keep routes as received (soft-reconfiguration inbound). */
        bool soft_reconfig_in;
};

BGP_EXTERN int bgp_rib_new(struct bgp_rib **out, const struct bgp_mem *mem);
BGP_EXTERN void bgp_rib_del(struct bgp_rib *rib);

BGP_EXTERN int bgp_rib_peer_add(struct bgp_rib *rib, const struct bgp_rib_peer_config *cfg,
                                struct bgp_rib_peer **out);
/* The peer's BGP identifier, known once its OPEN arrived (a best-path tie-break). */
BGP_EXTERN void bgp_rib_peer_set_id(struct bgp_rib_peer *peer, uint32_t peer_id);
/* Turns keeping routes as received on or off (from the next announcement on). */
BGP_EXTERN void bgp_rib_peer_set_soft_reconfig(struct bgp_rib_peer *peer, bool keep);
/* Removes every route of the peer (session loss) and, with remove, the peer itself. */
BGP_EXTERN int bgp_rib_peer_clear(struct bgp_rib *rib, struct bgp_rib_peer *peer, bool remove);
/* The local peer: routes we originate (network statements) belong to it. */
BGP_EXTERN struct bgp_rib_peer *bgp_rib_local(struct bgp_rib *rib);

/*
 * A route from peer for pfx: pre are the attributes as received (kept only with
 * soft-reconfiguration inbound; may be NULL), post the attributes after inbound policy,
 * NULL when policy rejected the route.  Replaces the peer's earlier route for pfx
 * (implicit withdraw).  Returns 0 or BGP_ERR_NOMEM.
 */
BGP_EXTERN int bgp_rib_announce(struct bgp_rib *rib, struct bgp_rib_peer *peer,
                                const struct bgp_prefix *pfx, struct bgp_attrset *pre,
                                struct bgp_attrset *post);
/* Withdraws the peer's route for pfx; 0 also when it had none. */
BGP_EXTERN int bgp_rib_withdraw(struct bgp_rib *rib, struct bgp_rib_peer *peer,
                                const struct bgp_prefix *pfx);

/* The best route for pfx, NULL when there is none: its peer and attributes. */
BGP_EXTERN const struct bgp_attrset *bgp_rib_best(const struct bgp_rib *rib,
                                                  const struct bgp_prefix *pfx,
                                                  const struct bgp_rib_peer **peer);

/* A change of best path: attrs NULL means the prefix has no best route any more. */
struct bgp_rib_change {
        struct bgp_prefix prefix;
        const struct bgp_rib_peer *peer;
        const struct bgp_attrset *attrs;
};

/*
 * Hands the best-path changes since the last drain to fn, up to max at a time (a batch);
 * each prefix appears once with its current best.  Returns the number of changes.
 */
BGP_EXTERN size_t bgp_rib_drain(struct bgp_rib *rib,
                                void (*fn)(const struct bgp_rib_change *changes, size_t n,
                                           void *ctx),
                                size_t max, void *ctx);

/* Walks the routes: every (prefix, peer, pre, post) in prefix order, for one family. */
struct bgp_rib_route {
        struct bgp_prefix prefix;
        const struct bgp_rib_peer *peer;
        const struct bgp_attrset *pre;
        const struct bgp_attrset *post;
        bool best;
};
BGP_EXTERN void bgp_rib_walk(const struct bgp_rib *rib, uint16_t afi,
                             void (*fn)(const struct bgp_rib_route *r, void *ctx), void *ctx);
/* The same for the routes of exactly one prefix: a lookup, not a walk of the table. */
BGP_EXTERN void bgp_rib_walk_prefix(const struct bgp_rib *rib, const struct bgp_prefix *pfx,
                                    void (*fn)(const struct bgp_rib_route *r, void *ctx),
                                    void *ctx);

/* Counts: prefixes with a best route, routes of a peer (accepted, and received). */
BGP_EXTERN size_t bgp_rib_prefix_count(const struct bgp_rib *rib, uint16_t afi);
BGP_EXTERN size_t bgp_rib_peer_accepted(const struct bgp_rib_peer *peer);
BGP_EXTERN size_t bgp_rib_peer_received(const struct bgp_rib_peer *peer);

/*
 * Compares two routes as best-path selection does (RFC 4271 9.1.2.2 with FRR's order):
 * negative when a is better.  Exposed for tests and for tools that explain a choice.
 */
BGP_EXTERN int bgp_rib_compare(const struct bgp_rib_peer *pa, const struct bgp_attrset *a,
                               const struct bgp_rib_peer *pb, const struct bgp_attrset *b,
                               const char **reason);

/* ---- Adj-RIB-Out ------------------------------------------------------------------------- */

/*
 * What one peer has been sent, and what it should be sent next.  The owner sets, prefix by
 * prefix, the attributes the peer should have after outbound policy (NULL: none); the
 * Adj-RIB-Out keeps only the differences pending and turns them into UPDATEs: withdrawals
 * first, then announcements grouped by attribute set, as many prefixes per message as fit.
 */
struct bgp_adj_out;

BGP_EXTERN int bgp_adj_out_new(struct bgp_rib *rib, struct bgp_adj_out **out);
BGP_EXTERN void bgp_adj_out_del(struct bgp_adj_out *o);
/* Takes its own reference on attrs.  Returns 0 or BGP_ERR_NOMEM. */
BGP_EXTERN int bgp_adj_out_set(struct bgp_adj_out *o, const struct bgp_prefix *pfx,
                               struct bgp_attrset *attrs);
/*
 * Writes the next UPDATE (a whole message) into buf and marks what it carries as sent.
 * Returns its length, 0 when nothing is pending, or a negative error (BGP_ERR_NOSPACE when
 * one route's attributes cannot fit in a message: that route is dropped and reported).
 */
BGP_EXTERN int bgp_adj_out_next(struct bgp_adj_out *o, const struct bgp_codec_opts *opts,
                                uint8_t *buf, size_t cap);
/* The session went down: nothing has been sent any more; what is set stays pending. */
BGP_EXTERN void bgp_adj_out_reset(struct bgp_adj_out *o);
BGP_EXTERN size_t bgp_adj_out_pending(const struct bgp_adj_out *o);
/* Prefixes the peer has now (advertised-routes). */
BGP_EXTERN size_t bgp_adj_out_count(const struct bgp_adj_out *o);
BGP_EXTERN void bgp_adj_out_walk(const struct bgp_adj_out *o,
                                 void (*fn)(const struct bgp_prefix *pfx,
                                            const struct bgp_attrset *attrs, void *ctx),
                                 void *ctx);

#ifdef __cplusplus
}
#endif

#endif /* BGP_RIB_H */
