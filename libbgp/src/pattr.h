/*
 * pattr.h - what the bgp_pattr files share with each other and with policy.
 *
 * A struct bgp_pattr keeps two invariants the public functions maintain: communities and
 * large communities are sorted numerically without duplicates (FRR sorts them on receipt
 * and after every set, bgpd/bgp_community.c community_uniq_sort, and its text and regular
 * expression matching see that order), and the AS path is in a canonical 4-octet wire form:
 * adjacent AS_SEQUENCE segments merged, split again in 255-AS segments with the full ones
 * first, so that equal paths compare equal byte for byte when interned.
 */
#ifndef BGP_PATTR_H
#define BGP_PATTR_H

#include <bgp/attrs.h>

#include "mem.h"

/* The allocator of pa with NULL hooks filled in. */
struct bgp_mem bgp_pattr_mem(const struct bgp_pattr *pa);

/* The AS path of pa as a view for bgp_as_path_iter. */
struct bgp_as_path bgp_pattr_as_path(const struct bgp_pattr *pa);

/* Prepends asns[0..n) in that order ("set as-path prepend 1 2" gives "1 2 <path>").
 * 0, BGP_ERR_MALFORMED (the path does not parse) or BGP_ERR_NOMEM. */
int bgp_pattr_prepend_seq(struct bgp_pattr *pa, const uint32_t *asns, size_t n);

/* Replaces pa's AS path by path (any ASN size) in canonical form; with as4 given (may be
 * NULL), RFC 6793 4.2.3's merge of AS4_PATH.  0, BGP_ERR_MALFORMED or BGP_ERR_NOMEM. */
int bgp_pattr_build_as_path(struct bgp_pattr *pa, const struct bgp_as_path *path,
                            const struct bgp_as_path *as4);

/*
 * The text of pa's AS path (FRR's), allocated with mem into *out (NUL-terminated; "" for an
 * empty path).  Free with bgp_mem_free.  0, BGP_ERR_MALFORMED or BGP_ERR_NOMEM.
 */
int bgp_pattr_as_path_text(const struct bgp_pattr *pa, const struct bgp_mem *mem, char **out);

/* The text FRR's expanded community-lists see: "65000:1 no-export", "" when none. */
int bgp_pattr_communities_text(const struct bgp_pattr *pa, const struct bgp_mem *mem, char **out);
int bgp_pattr_large_communities_text(const struct bgp_pattr *pa, const struct bgp_mem *mem,
                                     char **out);

/* Sorts c[0..*n) numerically and drops duplicates, in place. */
void bgp_communities_normalise(uint32_t *c, size_t *n);
void bgp_large_communities_normalise(struct bgp_large_community *c, size_t *n);
/* Numerical order of large communities (GLOBAL, then LOCAL1, then LOCAL2). */
int bgp_large_community_cmp(const struct bgp_large_community *a,
                            const struct bgp_large_community *b);

#endif /* BGP_PATTR_H */
