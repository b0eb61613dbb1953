/*
 * policy_int.h - what the policy files share: the head every registry object starts with,
 * the seq-ordered entry vector every list uses, and line printing.
 */
#ifndef BGP_POLICY_INT_H
#define BGP_POLICY_INT_H

#include <stddef.h>
#include <stdint.h>

#include <bgp/policy.h>

#include "mem.h"
#include "textbuf.h"

/*
 * The first member of every object a registry holds, so that the registry can keep, find
 * and free them without knowing their insides.  mem is the registry's (it outlives them).
 */
struct bgp_policy_obj {
        struct bgp_policy_obj *next; /* creation order */
        char *name;
        uint16_t afi; /* prefix-lists only */
        const struct bgp_mem *mem;
};

/* Constructors and destructors, one pair per kind: new allocates the whole object (empty,
 * with its head zeroed but for mem) and returns its head, NULL when out of memory. */
struct bgp_policy_obj *bgp_prefix_list_obj_new(const struct bgp_mem *mem);
void bgp_prefix_list_obj_del(struct bgp_policy_obj *o);
struct bgp_policy_obj *bgp_community_list_obj_new(const struct bgp_mem *mem);
void bgp_community_list_obj_del(struct bgp_policy_obj *o);
struct bgp_policy_obj *bgp_large_community_list_obj_new(const struct bgp_mem *mem);
void bgp_large_community_list_obj_del(struct bgp_policy_obj *o);
struct bgp_policy_obj *bgp_aspath_list_obj_new(const struct bgp_mem *mem);
void bgp_aspath_list_obj_del(struct bgp_policy_obj *o);
struct bgp_policy_obj *bgp_route_map_obj_new(const struct bgp_mem *mem);
void bgp_route_map_obj_del(struct bgp_policy_obj *o);

/*
 * Entries in seq order.  Items are size bytes each and start with a uint32_t seq; they are
 * moved with memcpy, so they must not point into themselves.
 */
struct bgp_seq_vec {
        uint8_t *items;
        size_t n;
        size_t cap;
        size_t size;
};

/* Frees what an item owns (not the item itself). */
typedef void (*bgp_seq_fini_fn)(const struct bgp_mem *mem, void *item);

void bgp_seq_vec_init(struct bgp_seq_vec *v, size_t size);
void *bgp_seq_vec_at(const struct bgp_seq_vec *v, size_t i);
/* The seq an entry added with seq gets: seq itself (0..4294967295), or when seq is negative
 * the next multiple of five above the largest (FRR lib/plist.c prefix_new_seq_get).
 * 0 or BGP_ERR_INVALID_ARGUMENT. */
int bgp_seq_vec_resolve(const struct bgp_seq_vec *v, int64_t seq, uint32_t *out);
/* Copies item in at its seq, replacing (and finishing) an entry with the same seq.
 * 0 or BGP_ERR_NOMEM (item untouched then: the caller still owns what it points to). */
int bgp_seq_vec_put(const struct bgp_mem *mem, struct bgp_seq_vec *v, const void *item,
                    bgp_seq_fini_fn fini);
/* 0, or BGP_ERR_EOF when no entry has seq. */
int bgp_seq_vec_remove(const struct bgp_mem *mem, struct bgp_seq_vec *v, uint32_t seq,
                       bgp_seq_fini_fn fini);
void bgp_seq_vec_free(const struct bgp_mem *mem, struct bgp_seq_vec *v, bgp_seq_fini_fn fini);

/* Hands the text of tb to fn as one line and empties tb.  0, BGP_ERR_NOMEM (the text could
 * not be built) or BGP_ERR_CALLBACK_FAILURE. */
/* Changes whenever a name may have come to mean another object (policy.c). */
uint64_t bgp_policy_generation(const struct bgp_policy *policy);

/*
 * 1 when map is sure to deny pfx with attributes pa, whatever its set clauses would do: no
 * entry matches, or the first that matches is a deny.  0 when only bgp_route_map_apply()
 * can tell; negative on error.  Lets a caller skip copying attributes that are about to
 * be denied (route_map_apply.c).
 */
int bgp_route_map_decided_deny(const struct bgp_policy *policy, const struct bgp_route_map *map,
                               const struct bgp_prefix *pfx, const struct bgp_pattr *pa);

int bgp_policy_emit(struct bgp_textbuf *tb, bgp_policy_print_fn fn, void *ctx);
/* "permit" or "deny". */
const char *bgp_policy_action_name(enum bgp_policy_action a);
/* Appends community values as FRR writes them ("65000:1 no-export"). */
void bgp_policy_put_communities(struct bgp_textbuf *tb, const uint32_t *c, size_t n);
void bgp_policy_put_large_communities(struct bgp_textbuf *tb, const struct bgp_large_community *c,
                                      size_t n);

#endif /* BGP_POLICY_INT_H */
