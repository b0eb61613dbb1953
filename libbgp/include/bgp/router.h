/*
 * bgp/router.h - a BGP router without I/O: peers' UPDATEs through inbound policy into the
 * RIB, best paths out through outbound policy into each peer's Adj-RIB-Out.
 *
 * The embedder wires each peer's session to it: UPDATEs from the session's update callback
 * go to bgp_router_update(); after a batch of input, bgp_router_process() settles best paths
 * and exports; bgp_router_next_update() then hands out the UPDATEs for a peer, to queue on
 * its session.  Best-path changes reach the embedder in batches (for a kernel FIB).
 *
 * Policy, FRR's way: per peer and direction an optional prefix-list then an optional
 * route-map, names resolved in the struct bgp_policy at every use.  RFC 8212: an eBGP peer
 * with neither in a direction accepts or sends nothing ("no policy configured").
 */
#ifndef BGP_ROUTER_H
#define BGP_ROUTER_H

#include <bgp/policy.h>
#include <bgp/rib.h>

#ifdef __cplusplus
extern "C" {
#endif

struct bgp_router;
struct bgp_router_peer;

struct bgp_router_peer_config {
        uint32_t local_as;
        uint32_t peer_as;
        /* The peer's address (tie-break of last resort), IPv6 or IPv4-mapped. */
        uint8_t address[16];
        /* Our address on the session: the NEXT_HOP we send (eBGP, next-hop-self). */
        uint16_t nh_afi;
        uint8_t next_hop[16];
        bool has_ll_next_hop;
        uint8_t ll_next_hop[16];
        bool next_hop_self; /* also towards iBGP peers */
        bool soft_reconfig_in;
        /* Names in the policy; NULL for none. */
        const char *prefix_list_in;
        const char *prefix_list_out;
        const char *route_map_in;
        const char *route_map_out;
        /* RFC 8212 for eBGP peers (FRR "bgp ebgp-requires-policy", on by default). */
        bool ebgp_requires_policy;
        /* maximum-prefix N [THRESHOLD] [warning-only]: 0 is no limit.  Counted after
         * inbound policy (the routes accepted), as FRR counts them. */
        uint32_t max_prefix;
        uint8_t max_prefix_threshold; /* percent, FRR's default 75 */
        bool max_prefix_warning_only;
        /* "neighbor X filter-list NAME in|out": an as-path access-list the path must
         * pass, the path as we hold it (without our own AS); NULL for none.  Applied
         * after the prefix-list and before the route-map, as FRR does; an undefined list
         * denies, like an undefined prefix-list. */
        const char *filter_list_in;
        const char *filter_list_out;
        /* A hard cap on the routes kept from the peer, whether policy accepted them or
         * not: soft-reconfiguration keeps the rejected ones too, and they do not count
         * against max_prefix, so without it a leak of a million filtered prefixes would
         * be kept in full.  0: no cap.  Over it: BGP_ROUTER_ADJ_IN_FULL. */
        uint32_t max_received;
};

BGP_EXTERN void bgp_router_peer_config_init(struct bgp_router_peer_config *cfg);

enum bgp_router_event {
        /* The peer reached max_prefix_threshold percent of its maximum (once). */
        BGP_ROUTER_MAX_PREFIX_WARNING = 1,
        /* The peer went over its maximum: the embedder closes the session with
         * bgp_router_max_prefix_data() as Cease/1 data.  With warning-only a second
         * WARNING is raised instead. */
        BGP_ROUTER_MAX_PREFIX_EXCEEDED = 2,
        /* An eBGP peer without policy in a direction (RFC 8212), said once per direction. */
        BGP_ROUTER_NO_POLICY_IN = 3,
        BGP_ROUTER_NO_POLICY_OUT = 4,
        /* The peer has more routes kept than max_received, accepted or not (once): the
         * embedder closes the session (lbgpd: Cease/Out of Resources, RFC 4486 8). */
        BGP_ROUTER_ADJ_IN_FULL = 5,
};

#define BGP_ROUTER_CALLBACKS_V1      1
#define BGP_ROUTER_CALLBACKS_VERSION BGP_ROUTER_CALLBACKS_V1

struct bgp_router_callbacks {
        uint32_t version;
        /* Best-path changes, in batches (for the kernel FIB). */
        void (*best_changes)(const struct bgp_rib_change *changes, size_t n, void *user_data);
        void (*event)(struct bgp_router_peer *peer, enum bgp_router_event ev, size_t count,
                      void *user_data);
};

/* policy is borrowed: it must outlive the router; changing it takes effect at the next
 * use, and bgp_router_soft_in()/bgp_router_soft_out() apply it to routes already there. */
BGP_EXTERN int bgp_router_new(struct bgp_router **out, struct bgp_policy *policy,
                              const struct bgp_router_callbacks *cb, const struct bgp_mem *mem,
                              void *user_data);
BGP_EXTERN void bgp_router_del(struct bgp_router *r);
BGP_EXTERN struct bgp_rib *bgp_router_rib(struct bgp_router *r);

/* The config's strings are copied. */
BGP_EXTERN int bgp_router_peer_add(struct bgp_router *r, const struct bgp_router_peer_config *cfg,
                                   struct bgp_router_peer **out);
BGP_EXTERN int bgp_router_peer_remove(struct bgp_router *r, struct bgp_router_peer *peer);
/* Replaces the peer's policy names, soft-reconfiguration and limits (a reload). */
BGP_EXTERN int bgp_router_peer_configure(struct bgp_router *r, struct bgp_router_peer *peer,
                                         const struct bgp_router_peer_config *cfg);
BGP_EXTERN void *bgp_router_peer_user_data(const struct bgp_router_peer *peer);
BGP_EXTERN void bgp_router_peer_set_user_data(struct bgp_router_peer *peer, void *ud);

/* The session came up (its BGP identifier and what was negotiated): every best route is
 * offered to it.  And went down: its routes leave the RIB, its Adj-RIB-Out is forgotten. */
BGP_EXTERN int bgp_router_peer_up(struct bgp_router *r, struct bgp_router_peer *peer,
                                  uint32_t peer_id, uint32_t families);
BGP_EXTERN int bgp_router_peer_down(struct bgp_router *r, struct bgp_router_peer *peer);

/*
 * An UPDATE from the peer, as the session delivered it (RFC 7606: OK or ATTR_DISCARD
 * install, TREAT_AS_WITHDRAW withdraws everything it names).  Returns 0, BGP_ERR_NOMEM.
 */
BGP_EXTERN int bgp_router_update(struct bgp_router *r, struct bgp_router_peer *peer,
                                 const struct bgp_update *upd, const struct bgp_verdict *verdict);

/* `network PREFIX`: originate (present) or stop originating the prefix (ORIGIN IGP, empty
 * AS path; like FRR, the embedder calls it only while a matching route exists). */
BGP_EXTERN int bgp_router_network(struct bgp_router *r, const struct bgp_prefix *pfx, bool present);

/* Settles best paths, reports them, and recomputes what each peer should be sent. */
BGP_EXTERN int bgp_router_process(struct bgp_router *r);
/* The next UPDATE for the peer (bgp_adj_out_next()), and after the first full table an
 * End-of-RIB per family (RFC 4724 2); 0 when there is none. */
BGP_EXTERN int bgp_router_next_update(struct bgp_router *r, struct bgp_router_peer *peer,
                                      const struct bgp_codec_opts *opts, uint8_t *buf, size_t cap);

/* Inbound policy changed: re-run it over the routes kept (soft-reconfiguration inbound).
 * BGP_ERR_UNSUPPORTED when the peer keeps none: ask it for a ROUTE-REFRESH instead. */
BGP_EXTERN int bgp_router_soft_in(struct bgp_router *r, struct bgp_router_peer *peer);
/* Outbound policy changed: recompute the peer's Adj-RIB-Out (only differences are sent). */
BGP_EXTERN int bgp_router_soft_out(struct bgp_router *r, struct bgp_router_peer *peer);
/* The peer asked for our routes again (ROUTE-REFRESH): everything is re-sent. */
BGP_EXTERN int bgp_router_refresh_out(struct bgp_router *r, struct bgp_router_peer *peer);

/* RFC 4486 4: the Cease/Maximum Number of Prefixes Reached data (AFI, SAFI, limit). */
BGP_EXTERN size_t bgp_router_max_prefix_data(const struct bgp_router_peer *peer, uint8_t out[7]);
BGP_EXTERN struct bgp_rib_peer *bgp_router_rib_peer(const struct bgp_router_peer *peer);
BGP_EXTERN struct bgp_adj_out *bgp_router_adj_out(const struct bgp_router_peer *peer);

#ifdef __cplusplus
}
#endif

#endif /* BGP_ROUTER_H */
