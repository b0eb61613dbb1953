/*
 * bgp/policy.h - routing policy with FRR's semantics: prefix-lists, community-lists,
 * large-community-lists, AS path access-lists and route-maps.
 *
 * Every object lives in a struct bgp_policy, a registry by name, because route-maps name the
 * lists they match on and FRR lets a route-map name a list that is defined later, or never:
 * names are resolved each time a route-map is applied, and an undefined list behaves as FRR
 * documents it (see each match function).  Objects are created through the registry, belong
 * to it, and are freed by it; a pointer to an object stays valid until the object is removed
 * from the registry or the registry is deleted.
 *
 * Lists are ordered by sequence number and the first entry that matches decides (FRR
 * docs "IP Prefix List": "Matching of IP Prefix is performed from the smaller sequential
 * number to the larger. The matching will stop once any rule has been applied"); a list with
 * no matching entry denies.  Passing a negative seq picks the next multiple of five above
 * the largest in the list, as FRR does; an entry with the seq of an existing one replaces
 * it; adding an entry identical to an existing one under another seq does nothing (FRR's
 * duplicate check).
 *
 * bgp_route_map_apply() works on a struct bgp_pattr (bgp/attrs.h), a mutable copy of a
 * route's attributes, which the caller interns again afterwards.
 *
 * Regular expressions are POSIX extended ones (regcomp(3)) in FRR's dialect: '_' stands for
 * "(^|[,{}() ]|$)", a delimiter in FRR's AS path text (bgpd/bgp_regex.c).  The C library's
 * regex engine allocates with malloc on its own; everything else goes through the
 * registry's struct bgp_mem.
 *
 * Every object prints back in FRR's configuration syntax through a line callback, for
 * "show running-config": lines have no newline; route-map clauses are indented by one space.
 */
#ifndef BGP_POLICY_H
#define BGP_POLICY_H

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

/* The result of a list or a route-map; also an entry's type.  Functions that return one as
 * an int return a negative enum bgp_error instead when they fail. */
enum bgp_policy_action {
        BGP_POLICY_DENY = 0,
        BGP_POLICY_PERMIT = 1,
};

struct bgp_policy;
struct bgp_prefix_list;
struct bgp_community_list;
struct bgp_large_community_list;
struct bgp_aspath_list;
struct bgp_route_map;
struct bgp_route_map_entry;

/* Receives one line of configuration text (no newline).  Non-zero stops the printing, which
 * then returns BGP_ERR_CALLBACK_FAILURE. */
typedef int (*bgp_policy_print_fn)(const char *line, void *ctx);

/* ---- the registry --------------------------------------------------------------------- */

/* A new, empty registry.  mem may be NULL (the C library).  0 or BGP_ERR_NOMEM. */
BGP_EXTERN int bgp_policy_new(struct bgp_policy **out, const struct bgp_mem *mem);
/* Frees the registry and every object in it. */
BGP_EXTERN void bgp_policy_del(struct bgp_policy *policy);

/*
 * Get-or-create by name, as FRR's configuration commands do: returns the existing object or
 * adds an empty one (kept in creation order, which is the order they print in).  Names are
 * 1 to 255 bytes without white space.  0, BGP_ERR_INVALID_ARGUMENT or BGP_ERR_NOMEM.
 * Prefix-lists have one name space per address family ("ip prefix-list" and "ipv6
 * prefix-list"); the other kinds have one each.
 */
BGP_EXTERN int bgp_policy_prefix_list(struct bgp_policy *policy, uint16_t afi, const char *name,
                                      struct bgp_prefix_list **out);
BGP_EXTERN int bgp_policy_community_list(struct bgp_policy *policy, const char *name,
                                         struct bgp_community_list **out);
BGP_EXTERN int bgp_policy_large_community_list(struct bgp_policy *policy, const char *name,
                                               struct bgp_large_community_list **out);
BGP_EXTERN int bgp_policy_aspath_list(struct bgp_policy *policy, const char *name,
                                      struct bgp_aspath_list **out);
BGP_EXTERN int bgp_policy_route_map(struct bgp_policy *policy, const char *name,
                                    struct bgp_route_map **out);

/* Lookups by name: NULL when undefined. */
BGP_EXTERN struct bgp_prefix_list *bgp_policy_find_prefix_list(const struct bgp_policy *policy,
                                                               uint16_t afi, const char *name);
BGP_EXTERN struct bgp_community_list *
bgp_policy_find_community_list(const struct bgp_policy *policy, const char *name);
BGP_EXTERN struct bgp_large_community_list *
bgp_policy_find_large_community_list(const struct bgp_policy *policy, const char *name);
BGP_EXTERN struct bgp_aspath_list *bgp_policy_find_aspath_list(const struct bgp_policy *policy,
                                                               const char *name);
BGP_EXTERN struct bgp_route_map *bgp_policy_find_route_map(const struct bgp_policy *policy,
                                                           const char *name);

/* Removal ("no ip prefix-list NAME", ...): the object is freed; route-maps that name it now
 * see an undefined one.  0, or BGP_ERR_EOF when there is no such object. */
BGP_EXTERN int bgp_policy_remove_prefix_list(struct bgp_policy *policy, uint16_t afi,
                                             const char *name);
BGP_EXTERN int bgp_policy_remove_community_list(struct bgp_policy *policy, const char *name);
BGP_EXTERN int bgp_policy_remove_large_community_list(struct bgp_policy *policy, const char *name);
BGP_EXTERN int bgp_policy_remove_aspath_list(struct bgp_policy *policy, const char *name);
BGP_EXTERN int bgp_policy_remove_route_map(struct bgp_policy *policy, const char *name);

/*
 * Prints every object in FRR's order of a running configuration: prefix-lists (IPv4, then
 * IPv6), AS path access-lists, community-lists, large-community-lists, route-maps; each kind
 * in creation order, each object (and each route-map entry) followed by a "!" line.
 */
BGP_EXTERN int bgp_policy_print(const struct bgp_policy *policy, bgp_policy_print_fn fn, void *ctx);

/* ---- prefix-lists --------------------------------------------------------------------- */

/*
 * "ip[v6] prefix-list NAME seq SEQ permit|deny PREFIX [ge GE] [le LE]".  ge and le are 0
 * when not given.  FRR's rules (docs "IP Prefix List", lib/plist.c): without ge and le the
 * entry matches PREFIX exactly (same length); otherwise it matches every prefix inside
 * PREFIX whose length is >= ge (default: PREFIX's own length) and <= le (default: the
 * family's maximum).  FRR requires len < ge <= le and len <= le: anything else is
 * BGP_ERR_INVALID_ARGUMENT, as is a prefix of another family than the list's.  Host bits
 * past the prefix length are cleared, as FRR does ("prefix changed ... to match length").
 * 0, BGP_ERR_INVALID_ARGUMENT or BGP_ERR_NOMEM.
 */
BGP_EXTERN int bgp_prefix_list_add(struct bgp_prefix_list *pl, int64_t seq,
                                   enum bgp_policy_action action, const struct bgp_prefix *pfx,
                                   uint8_t ge, uint8_t le);
/* "no ip[v6] prefix-list NAME seq SEQ": 0, or BGP_ERR_EOF when there is no such entry. */
BGP_EXTERN int bgp_prefix_list_remove(struct bgp_prefix_list *pl, uint32_t seq);
/* "ip[v6] prefix-list NAME description TEXT"; NULL removes it.  0 or BGP_ERR_NOMEM. */
BGP_EXTERN int bgp_prefix_list_set_description(struct bgp_prefix_list *pl, const char *text);
/*
 * Applies the list to pfx: the type of the first entry (in seq order) that matches, and
 * BGP_POLICY_DENY when none does (the implicit deny).  FRR lib/plist.c: a list with no
 * entries permits everything, and an undefined list (pl NULL) denies everything.  (In a
 * route-map, "match ip[v6] address prefix-list" does not match an undefined list, and an
 * empty one only in some cases: see bgp_route_map_apply().)
 */
BGP_EXTERN enum bgp_policy_action bgp_prefix_list_match(const struct bgp_prefix_list *pl,
                                                        const struct bgp_prefix *pfx);
BGP_EXTERN const char *bgp_prefix_list_name(const struct bgp_prefix_list *pl);
BGP_EXTERN size_t bgp_prefix_list_count(const struct bgp_prefix_list *pl);
/* "ipv6 prefix-list PL-MY-NET seq 5 permit 2a06:9801:1c::/48", one line an entry. */
BGP_EXTERN int bgp_prefix_list_print(const struct bgp_prefix_list *pl, bgp_policy_print_fn fn,
                                     void *ctx);

/* ---- community-lists (RFC 1997 communities) ------------------------------------------- */

/*
 * "bgp community-list standard NAME seq SEQ permit|deny COMMUNITY..." (n >= 1 values; the
 * entry matches a route that carries every one of them) and "bgp community-list expanded
 * NAME seq SEQ permit|deny REGEX" (matched against the route's communities as FRR prints
 * them: "65000:1 no-export", in numerical order; "" when it has none).  A list holds
 * entries of one kind only (FRR's "standard/expanded conflict"): adding the other kind is
 * BGP_ERR_INVALID_ARGUMENT, as is a regular expression that does not compile.
 * 0, BGP_ERR_INVALID_ARGUMENT or BGP_ERR_NOMEM.
 */
BGP_EXTERN int bgp_community_list_add(struct bgp_community_list *cl, int64_t seq,
                                      enum bgp_policy_action action, const uint32_t *communities,
                                      size_t n);
BGP_EXTERN int bgp_community_list_add_expanded(struct bgp_community_list *cl, int64_t seq,
                                               enum bgp_policy_action action, const char *regex);
BGP_EXTERN int bgp_community_list_remove(struct bgp_community_list *cl, uint32_t seq);
/*
 * The type of the first entry that matches pa's communities, BGP_POLICY_DENY when none
 * does (FRR bgpd/bgp_clist.c community_list_match).  With exact, a standard entry matches
 * only when the route's communities are exactly the entry's ("match community NAME
 * exact-match"); expanded entries match as without it.  BGP_ERR_NOMEM when the text for an
 * expanded entry could not be built.
 */
BGP_EXTERN int bgp_community_list_match(const struct bgp_community_list *cl,
                                        const struct bgp_pattr *pa, bool exact);
BGP_EXTERN const char *bgp_community_list_name(const struct bgp_community_list *cl);
BGP_EXTERN size_t bgp_community_list_count(const struct bgp_community_list *cl);
BGP_EXTERN int bgp_community_list_print(const struct bgp_community_list *cl, bgp_policy_print_fn fn,
                                        void *ctx);

/* ---- large-community-lists (RFC 8092) ------------------------------------------------- */

/* As community-lists, with "bgp large-community-list"; expanded entries see the route's
 * large communities as "GLOBAL:LOCAL1:LOCAL2 ..." in numerical order. */
BGP_EXTERN int bgp_large_community_list_add(struct bgp_large_community_list *ll, int64_t seq,
                                            enum bgp_policy_action action,
                                            const struct bgp_large_community *lc, size_t n);
BGP_EXTERN int bgp_large_community_list_add_expanded(struct bgp_large_community_list *ll,
                                                     int64_t seq, enum bgp_policy_action action,
                                                     const char *regex);
BGP_EXTERN int bgp_large_community_list_remove(struct bgp_large_community_list *ll, uint32_t seq);
BGP_EXTERN int bgp_large_community_list_match(const struct bgp_large_community_list *ll,
                                              const struct bgp_pattr *pa, bool exact);
BGP_EXTERN const char *bgp_large_community_list_name(const struct bgp_large_community_list *ll);
BGP_EXTERN size_t bgp_large_community_list_count(const struct bgp_large_community_list *ll);
BGP_EXTERN int bgp_large_community_list_print(const struct bgp_large_community_list *ll,
                                              bgp_policy_print_fn fn, void *ctx);

/* ---- AS path access-lists ------------------------------------------------------------- */

/* "bgp as-path access-list NAME seq SEQ permit|deny REGEX", matched against the AS path as
 * FRR prints it ("64500 64501 {64502,64503}", "" when empty).  0,
 * BGP_ERR_INVALID_ARGUMENT (the expression does not compile) or BGP_ERR_NOMEM. */
BGP_EXTERN int bgp_aspath_list_add(struct bgp_aspath_list *al, int64_t seq,
                                   enum bgp_policy_action action, const char *regex);
BGP_EXTERN int bgp_aspath_list_remove(struct bgp_aspath_list *al, uint32_t seq);
/* The type of the first entry whose expression matches, BGP_POLICY_DENY when none does
 * (FRR bgpd/bgp_filter.c as_list_apply).  BGP_ERR_NOMEM, or BGP_ERR_MALFORMED when pa's
 * AS path is not a valid path. */
BGP_EXTERN int bgp_aspath_list_match(const struct bgp_aspath_list *al, const struct bgp_pattr *pa);
BGP_EXTERN const char *bgp_aspath_list_name(const struct bgp_aspath_list *al);
BGP_EXTERN size_t bgp_aspath_list_count(const struct bgp_aspath_list *al);
BGP_EXTERN int bgp_aspath_list_print(const struct bgp_aspath_list *al, bgp_policy_print_fn fn,
                                     void *ctx);

/* ---- route-maps ----------------------------------------------------------------------- */

/* What a matching permit entry does next (FRR "on-match" / "continue"). */
enum bgp_route_map_exit {
        BGP_RM_EXIT = 0, /* stop, permit (the default) */
        BGP_RM_NEXT = 1, /* "on-match next" / "continue": go on with the next entry */
        BGP_RM_GOTO = 2, /* "on-match goto N" / "continue N": the first entry >= N */
};

/* How "set local-preference" and "set metric" change the value. */
enum bgp_route_map_value_op {
        BGP_RM_VALUE_SET = 0, /* N */
        BGP_RM_VALUE_ADD = 1, /* +N, saturating at 4294967295 */
        BGP_RM_VALUE_SUB = 2, /* -N, saturating at 0 */
};

/*
 * "route-map NAME permit|deny ORDER" (ORDER 1-65535): returns the entry with that order,
 * created empty when missing; an existing entry keeps its clauses and takes the new type.
 * 0, BGP_ERR_INVALID_ARGUMENT or BGP_ERR_NOMEM.
 */
BGP_EXTERN int bgp_route_map_entry(struct bgp_route_map *map, enum bgp_policy_action action,
                                   uint32_t order, struct bgp_route_map_entry **out);
/* "no route-map NAME permit|deny ORDER": 0, or BGP_ERR_EOF. */
BGP_EXTERN int bgp_route_map_remove_entry(struct bgp_route_map *map, uint32_t order);
BGP_EXTERN const char *bgp_route_map_name(const struct bgp_route_map *map);
BGP_EXTERN size_t bgp_route_map_count(const struct bgp_route_map *map);

/*
 * Match clauses.  An entry matches when all its match clauses do; an entry without any
 * matches every route.  Each kind of clause appears at most once an entry: setting it again
 * replaces it.  A clause naming a list that is undefined when the map is applied does not
 * match (bgpd/bgp_routemap.c: "does not exist defaulting to NO_MATCH").  A list "matches"
 * when it returns permit.  0, BGP_ERR_INVALID_ARGUMENT or BGP_ERR_NOMEM.
 */
/* "match ip address prefix-list NAME" (afi IPv4) / "match ipv6 address prefix-list NAME". */
BGP_EXTERN int bgp_route_map_match_prefix_list(struct bgp_route_map_entry *e, uint16_t afi,
                                               const char *name);
/* "match community NAME [exact-match]". */
BGP_EXTERN int bgp_route_map_match_community(struct bgp_route_map_entry *e, const char *name,
                                             bool exact);
/* "match large-community NAME [exact-match]". */
BGP_EXTERN int bgp_route_map_match_large_community(struct bgp_route_map_entry *e, const char *name,
                                                   bool exact);
/* "match as-path NAME". */
BGP_EXTERN int bgp_route_map_match_as_path(struct bgp_route_map_entry *e, const char *name);

/*
 * Set clauses, carried out (in this order: communities, large communities, AS path,
 * local-preference, metric, next hop) when a permit entry matches; deny entries never set.
 */
/* "set community COMMUNITY... [additive]": replaces the route's communities, or adds to
 * them; the result is FRR's numerically sorted set without duplicates. */
BGP_EXTERN int bgp_route_map_set_community(struct bgp_route_map_entry *e, const uint32_t *c,
                                           size_t n, bool additive);
/* "set community none": the route leaves without a COMMUNITIES attribute. */
BGP_EXTERN int bgp_route_map_set_community_none(struct bgp_route_map_entry *e);
BGP_EXTERN int bgp_route_map_set_large_community(struct bgp_route_map_entry *e,
                                                 const struct bgp_large_community *lc, size_t n,
                                                 bool additive);
BGP_EXTERN int bgp_route_map_set_large_community_none(struct bgp_route_map_entry *e);
/* "set as-path prepend ASN...": the route's path becomes "ASN... <path>". */
BGP_EXTERN int bgp_route_map_set_as_path_prepend(struct bgp_route_map_entry *e,
                                                 const uint32_t *asns, size_t n);
/* "set local-preference [+|-]N" (a route without LOCAL_PREF counts as 0). */
BGP_EXTERN int bgp_route_map_set_local_pref(struct bgp_route_map_entry *e,
                                            enum bgp_route_map_value_op op, uint32_t value);
/* "set metric [+|-]N" (MULTI_EXIT_DISC; a route without one counts as 0). */
BGP_EXTERN int bgp_route_map_set_metric(struct bgp_route_map_entry *e,
                                        enum bgp_route_map_value_op op, uint32_t value);
/* "set ipv6 next-hop global ADDR" (a link-local next hop is kept). */
BGP_EXTERN int bgp_route_map_set_ipv6_next_hop(struct bgp_route_map_entry *e,
                                               const uint8_t addr[16]);
/* "call NAME": after the sets, apply route-map NAME; if it denies, the route is denied (an
 * undefined NAME changes nothing; calls nested deeper than 10 deny, as FRR's limit). */
BGP_EXTERN int bgp_route_map_set_call(struct bgp_route_map_entry *e, const char *name);
/* "on-match next" / "on-match goto N" / "continue [N]"; N must be larger than the entry's
 * own order (FRR refuses to jump backwards).  BGP_RM_EXIT restores the default. */
BGP_EXTERN int bgp_route_map_set_exit(struct bgp_route_map_entry *e, enum bgp_route_map_exit ex,
                                      uint32_t goto_order);

/* Clause kinds, to remove one ("no match ...", "no set ..."). */
enum bgp_route_map_clause {
        BGP_RM_MATCH_IP_PREFIX_LIST,
        BGP_RM_MATCH_IPV6_PREFIX_LIST,
        BGP_RM_MATCH_COMMUNITY,
        BGP_RM_MATCH_LARGE_COMMUNITY,
        BGP_RM_MATCH_AS_PATH,
        BGP_RM_SET_COMMUNITY,
        BGP_RM_SET_LARGE_COMMUNITY,
        BGP_RM_SET_AS_PATH_PREPEND,
        BGP_RM_SET_LOCAL_PREF,
        BGP_RM_SET_METRIC,
        BGP_RM_SET_IPV6_NEXT_HOP,
        BGP_RM_CALL,
};
/* 0, or BGP_ERR_EOF when the entry has no such clause. */
BGP_EXTERN int bgp_route_map_clear(struct bgp_route_map_entry *e, enum bgp_route_map_clause c);

/*
 * Applies map to the route (pfx, pa) as FRR does (lib/routemap.c route_map_apply_ext, FRR
 * docs "Route Maps"): entries in order; an entry that does not match passes on to the next;
 * a matching deny entry denies; a matching permit entry carries out its sets and call, then
 * permits, unless its exit policy goes on ("on-match next/goto").  When the entries run out,
 * the route is denied if the last entry looked at did not match (the implicit deny), and
  * permitted if it was a permit entry that matched.  An undefined map (NULL) or one without
 * entries denies.  Matches see the route as earlier entries' sets left it.
 *
 * With FRR's route-map optimization (on by default), the first matching entry is found
 * through a prefix tree that has no place for an entry whose "match ip[v6] address
 * prefix-list" names a defined but empty list: such an entry cannot be the first match,
 * though it matches when reached through "on-match" (lib/routemap.c route_map_get_index;
 * checked against FRR 8.4.4).  bgp_route_map_set_optimization() turns that off.

 *
 * pa is changed only by the sets of matching permit entries; after a deny the caller drops
 * the route (pa may carry sets of entries passed through with on-match).  Returns
 * BGP_POLICY_PERMIT, BGP_POLICY_DENY, or BGP_ERR_NOMEM / BGP_ERR_MALFORMED (pa's AS path
 * does not parse) with pa possibly half-changed.
 */
BGP_EXTERN int bgp_route_map_apply(const struct bgp_policy *policy, const struct bgp_route_map *map,
                                   const struct bgp_prefix *pfx, struct bgp_pattr *pa);
/* Whether any entry of the map could change a route's attributes (a set clause, or a
 * call): a map that cannot may be applied to a shared set without copying it. */
BGP_EXTERN bool bgp_route_map_changes_attrs(const struct bgp_route_map *map);
/* "no route-map NAME optimization" (enabled false) and back: see bgp_route_map_apply(). */
BGP_EXTERN int bgp_route_map_set_optimization(struct bgp_route_map *map, bool enabled);

/* "route-map NAME permit 10", " call ...", " on-match ...", " match ...", " set ...", "exit",
 * with "!" between entries; match and set clauses in the order they were configured, "set
 * community" values as FRR compiles them (sorted, without duplicates). */
BGP_EXTERN int bgp_route_map_print(const struct bgp_route_map *map, bgp_policy_print_fn fn,
                                   void *ctx);

#ifdef __cplusplus
}
#endif

#endif /* BGP_POLICY_H */
