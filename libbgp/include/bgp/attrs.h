/*
 * bgp/attrs.h - owned path attributes: what policy edits and the RIB interns.
 *
 * A decoded UPDATE (bgp/msg.h) only holds views into the message.  A route keeps its
 * attributes in a struct bgp_attrset: an owned, immutable, interned (hash-consed,
 * reference-counted) copy shared by every route with the same attributes.  Policy works on
 * a struct bgp_pattr, a mutable copy, and the result is interned again.
 */
#ifndef BGP_ATTRS_H
#define BGP_ATTRS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <bgp/error.h>
#include <bgp/export.h>
#include <bgp/mem.h>
#include <bgp/msg.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Bits of bgp_pattr.has: which optional values are present. */
#define BGP_PA_MED              (1u << 0)
#define BGP_PA_LOCAL_PREF       (1u << 1)
#define BGP_PA_ATOMIC_AGGREGATE (1u << 2)
#define BGP_PA_AGGREGATOR       (1u << 3)
#define BGP_PA_ORIGINATOR_ID    (1u << 4)
#define BGP_PA_OTC              (1u << 5)
#define BGP_PA_NEXT_HOP         (1u << 6)
#define BGP_PA_LL_NEXT_HOP      (1u << 7) /* an IPv6 link-local next hop as well */

struct bgp_large_community {
        uint32_t global;
        uint32_t local1;
        uint32_t local2;
};

/*
 * A mutable set of path attributes.  Arrays are owned by the struct and grow through
 * bgp_pattr_* functions (which use the allocator given to bgp_pattr_init()).  The AS path
 * is kept in the 4-octet wire encoding (bgp_as_path_iter works on it).
 */
struct bgp_pattr {
        const struct bgp_mem *mem;
        uint32_t has; /* BGP_PA_* */
        uint8_t origin;
        uint32_t med;
        uint32_t local_pref;
        uint32_t aggregator_as;
        uint32_t aggregator_addr;
        uint32_t originator_id;
        uint32_t otc;
        /* next_hop[0..15]: an IPv6 address, or IPv4 in next_hop[0..3] for IPv4 routes */
        uint16_t nh_afi;
        uint8_t next_hop[16];
        uint8_t ll_next_hop[16];
        uint8_t *as_path;
        size_t as_path_len;
        uint32_t *communities;
        size_t n_communities;
        uint64_t *ext_communities;
        size_t n_ext_communities;
        struct bgp_large_community *large_communities;
        size_t n_large_communities;
        uint32_t *cluster_list;
        size_t n_cluster_list;
        /* Unknown optional transitive attributes, kept to be passed on. */
        struct bgp_attr_raw *raw;
        size_t n_raw;
        uint8_t *raw_bytes; /* the values of raw, one block */
        size_t raw_bytes_len;
};

BGP_EXTERN void bgp_pattr_init(struct bgp_pattr *pa, const struct bgp_mem *mem);
BGP_EXTERN void bgp_pattr_free(struct bgp_pattr *pa);
/* Fills pa from a decoded UPDATE's attributes (AS paths made 4-octet, RFC 6793 4.2.3
 * AS4_PATH merged, the MP_REACH next hop taken as the next hop).  BGP_ERR_NOMEM. */
BGP_EXTERN int bgp_pattr_from_update(struct bgp_pattr *pa, const struct bgp_attrs *a);
BGP_EXTERN int bgp_pattr_copy(struct bgp_pattr *dst, const struct bgp_pattr *src);

/* Edits, for policy.  Each returns 0 or BGP_ERR_NOMEM. */
BGP_EXTERN int bgp_pattr_prepend(struct bgp_pattr *pa, uint32_t asn, unsigned times);
BGP_EXTERN int bgp_pattr_set_communities(struct bgp_pattr *pa, const uint32_t *c, size_t n,
                                         bool additive);
BGP_EXTERN int bgp_pattr_set_large_communities(struct bgp_pattr *pa,
                                               const struct bgp_large_community *c, size_t n,
                                               bool additive);
BGP_EXTERN bool bgp_pattr_has_community(const struct bgp_pattr *pa, uint32_t c);
/* FRR's text for the AS path: "64500 64501 {64502,64503}", "" when empty. */
BGP_EXTERN int bgp_pattr_as_path_string(const struct bgp_pattr *pa, char *buf, size_t len);
/* The leftmost AS of the path (the neighbouring AS), 0 when none. */
BGP_EXTERN uint32_t bgp_pattr_first_as(const struct bgp_pattr *pa);
/* The length RFC 4271 9.1.2.2 a) compares. */
BGP_EXTERN unsigned bgp_pattr_as_path_length(const struct bgp_pattr *pa);

/*
 * Views pa as the codec's struct bgp_attrs (for bgp_update_build_announce()).  Lists kept
 * in host order are written in network order into scratch, which needs at most
 * 4 n_communities + 8 n_ext_communities + 12 n_large_communities + 4 n_cluster_list
 * octets; a stays valid while pa and scratch do.  IPv4 routes (afi) get a NEXT_HOP, others
 * the MP_REACH_NLRI next hop.  Returns 0 or BGP_ERR_NOSPACE.
 */
BGP_EXTERN int bgp_pattr_to_attrs(const struct bgp_pattr *pa, uint16_t afi, struct bgp_attrs *a,
                                  uint8_t *scratch, size_t cap);

#ifdef __cplusplus
}
#endif

#endif /* BGP_ATTRS_H */
