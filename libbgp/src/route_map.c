/*
 * route_map.c - route-maps as configuration: numbered entries, their match and set clauses
 * and exit policies (FRR docs "Route Maps"), and their text in FRR's running-configuration
 * syntax.  Evaluation is in route_map_apply.c.
 *
 * As in FRR, each kind of clause appears at most once in an entry and setting it again
 * replaces it ("match community A" then "match community B" leaves B).
 */
#include <arpa/inet.h>
#include <string.h>

#include "pattr.h"
#include "route_map.h"

/* FRR: "route-map WORD <deny|permit> (1-65535)". */
#define ORDER_MAX 65535

static void entry_free(struct bgp_route_map_entry *e)
{
        const struct bgp_mem *mem = e->mem;

        bgp_mem_free(mem, e->match_prefix_list[0]);
        bgp_mem_free(mem, e->match_prefix_list[1]);
        bgp_mem_free(mem, e->match_community);
        bgp_mem_free(mem, e->match_large_community);
        bgp_mem_free(mem, e->match_as_path);
        bgp_mem_free(mem, e->community);
        bgp_mem_free(mem, e->large_community);
        bgp_mem_free(mem, e->prepend);
        bgp_mem_free(mem, e->call);
        bgp_mem_free(mem, e);
}

struct bgp_policy_obj *bgp_route_map_obj_new(const struct bgp_mem *mem)
{
        struct bgp_route_map *map = bgp_mem_calloc(mem, 1, sizeof(*map));
        if (map == NULL)
                return NULL;
        map->obj.mem = mem;
        return &map->obj;
}

void bgp_route_map_obj_del(struct bgp_policy_obj *o)
{
        struct bgp_route_map *map = (struct bgp_route_map *)o;

        for (size_t i = 0; i < map->n; i++)
                entry_free(map->entries[i]);
        bgp_mem_free(o->mem, map->entries);
        bgp_mem_free(o->mem, map);
}

int bgp_route_map_entry(struct bgp_route_map *map, enum bgp_policy_action action, uint32_t order,
                        struct bgp_route_map_entry **out)
{
        const struct bgp_mem *mem = map->obj.mem;
        size_t at = 0;

        *out = NULL;
        if ((action != BGP_POLICY_PERMIT && action != BGP_POLICY_DENY) || order == 0 ||
            order > ORDER_MAX)
                return BGP_ERR_INVALID_ARGUMENT;
        while (at < map->n && map->entries[at]->order < order)
                at++;
        if (at < map->n && map->entries[at]->order == order) {
                map->entries[at]->action = (uint8_t)action;
                *out = map->entries[at];
                return 0;
        }
        if (map->n == map->cap) {
                size_t cap = map->cap == 0 ? 4 : map->cap * 2;
                struct bgp_route_map_entry **v =
                    bgp_mem_realloc(mem, map->entries, cap * sizeof(*v));
                if (v == NULL)
                        return BGP_ERR_NOMEM;
                map->entries = v;
                map->cap = cap;
        }
        struct bgp_route_map_entry *e = bgp_mem_calloc(mem, 1, sizeof(*e));
        if (e == NULL)
                return BGP_ERR_NOMEM;
        e->mem = mem;
        e->order = order;
        e->action = (uint8_t)action;
        memmove(&map->entries[at + 1], &map->entries[at], (map->n - at) * sizeof(*map->entries));
        map->entries[at] = e;
        map->n++;
        *out = e;
        return 0;
}

int bgp_route_map_remove_entry(struct bgp_route_map *map, uint32_t order)
{
        for (size_t i = 0; i < map->n; i++) {
                if (map->entries[i]->order != order)
                        continue;
                entry_free(map->entries[i]);
                memmove(&map->entries[i], &map->entries[i + 1],
                        (map->n - i - 1) * sizeof(*map->entries));
                map->n--;
                return 0;
        }
        return BGP_ERR_EOF;
}

const char *bgp_route_map_name(const struct bgp_route_map *map)
{
        return map->obj.name;
}

size_t bgp_route_map_count(const struct bgp_route_map *map)
{
        return map->n;
}

int bgp_route_map_set_optimization(struct bgp_route_map *map, bool enabled)
{
        map->optimization_disabled = !enabled;
        return 0;
}

/* ---- clauses -------------------------------------------------------------------------- */

/* Marks clause c as (re)configured now: FRR deletes a rule of the same kind and appends the
 * new one, so a clause set again moves to the end (lib/routemap.c route_map_add_match). */
static void stamp(struct bgp_route_map_entry *e, enum bgp_route_map_clause c)
{
        e->stamp[c] = ++e->next_stamp;
}

/* Replaces *slot by a copy of name (FRR WORD: no white space). */
static int set_name(const struct bgp_mem *mem, char **slot, const char *name)
{
        size_t n = name != NULL ? strlen(name) : 0;

        if (n == 0 || n > 255 || strpbrk(name, " \t\r\n") != NULL)
                return BGP_ERR_INVALID_ARGUMENT;
        char *copy = bgp_mem_alloc(mem, n + 1);
        if (copy == NULL)
                return BGP_ERR_NOMEM;
        memcpy(copy, name, n + 1);
        bgp_mem_free(mem, *slot);
        *slot = copy;
        return 0;
}

/* A copy of n items, for a set clause; n must be at least 1. */
static void *dup_values(const struct bgp_mem *mem, const void *v, size_t n, size_t item)
{
        void *copy = bgp_mem_calloc(mem, n, item);
        if (copy != NULL)
                memcpy(copy, v, n * item);
        return copy;
}

int bgp_route_map_match_prefix_list(struct bgp_route_map_entry *e, uint16_t afi, const char *name)
{
        if (afi != BGP_AFI_IPV4 && afi != BGP_AFI_IPV6)
                return BGP_ERR_INVALID_ARGUMENT;
        int rc = set_name(e->mem, &e->match_prefix_list[afi == BGP_AFI_IPV6], name);
        e->pl_generation = 0; /* the cached lookup is of the old name */
        if (rc == 0)
                stamp(e, afi == BGP_AFI_IPV6 ? BGP_RM_MATCH_IPV6_PREFIX_LIST
                                             : BGP_RM_MATCH_IP_PREFIX_LIST);
        return rc;
}

int bgp_route_map_match_community(struct bgp_route_map_entry *e, const char *name, bool exact)
{
        int rc = set_name(e->mem, &e->match_community, name);
        if (rc == 0) {
                e->match_community_exact = exact;
                stamp(e, BGP_RM_MATCH_COMMUNITY);
        }
        return rc;
}

int bgp_route_map_match_large_community(struct bgp_route_map_entry *e, const char *name, bool exact)
{
        int rc = set_name(e->mem, &e->match_large_community, name);
        if (rc == 0) {
                e->match_large_community_exact = exact;
                stamp(e, BGP_RM_MATCH_LARGE_COMMUNITY);
        }
        return rc;
}

int bgp_route_map_match_as_path(struct bgp_route_map_entry *e, const char *name)
{
        int rc = set_name(e->mem, &e->match_as_path, name);
        if (rc == 0)
                stamp(e, BGP_RM_MATCH_AS_PATH);
        return rc;
}

int bgp_route_map_set_community(struct bgp_route_map_entry *e, const uint32_t *c, size_t n,
                                bool additive)
{
        if (n == 0 || c == NULL)
                return BGP_ERR_INVALID_ARGUMENT;
        uint32_t *copy = dup_values(e->mem, c, n, sizeof(*c));
        if (copy == NULL)
                return BGP_ERR_NOMEM;
        /* FRR compiles the values (community_str2com: sorted, without duplicates) and
         * shows them so in its running configuration. */
        bgp_communities_normalise(copy, &n);
        bgp_mem_free(e->mem, e->community);
        e->community = copy;
        e->n_community = n;
        e->set_community = true;
        e->community_none = false;
        e->community_additive = additive;
        stamp(e, BGP_RM_SET_COMMUNITY);
        return 0;
}

int bgp_route_map_set_community_none(struct bgp_route_map_entry *e)
{
        bgp_mem_free(e->mem, e->community);
        e->community = NULL;
        e->n_community = 0;
        e->set_community = true;
        e->community_none = true;
        e->community_additive = false;
        stamp(e, BGP_RM_SET_COMMUNITY);
        return 0;
}

int bgp_route_map_set_large_community(struct bgp_route_map_entry *e,
                                      const struct bgp_large_community *lc, size_t n, bool additive)
{
        if (n == 0 || lc == NULL)
                return BGP_ERR_INVALID_ARGUMENT;
        struct bgp_large_community *copy = dup_values(e->mem, lc, n, sizeof(*lc));
        if (copy == NULL)
                return BGP_ERR_NOMEM;
        bgp_mem_free(e->mem, e->large_community);
        e->large_community = copy;
        e->n_large_community = n;
        e->set_large_community = true;
        e->large_community_none = false;
        e->large_community_additive = additive;
        stamp(e, BGP_RM_SET_LARGE_COMMUNITY);
        return 0;
}

int bgp_route_map_set_large_community_none(struct bgp_route_map_entry *e)
{
        bgp_mem_free(e->mem, e->large_community);
        e->large_community = NULL;
        e->n_large_community = 0;
        e->set_large_community = true;
        e->large_community_none = true;
        e->large_community_additive = false;
        stamp(e, BGP_RM_SET_LARGE_COMMUNITY);
        return 0;
}

int bgp_route_map_set_as_path_prepend(struct bgp_route_map_entry *e, const uint32_t *asns, size_t n)
{
        if (n == 0 || asns == NULL)
                return BGP_ERR_INVALID_ARGUMENT;
        /* FRR's ASN range is 1-4294967295; AS 0 is reserved (RFC 7607). */
        for (size_t i = 0; i < n; i++)
                if (asns[i] == 0)
                        return BGP_ERR_INVALID_ARGUMENT;
        uint32_t *copy = dup_values(e->mem, asns, n, sizeof(*asns));
        if (copy == NULL)
                return BGP_ERR_NOMEM;
        bgp_mem_free(e->mem, e->prepend);
        e->prepend = copy;
        e->n_prepend = n;
        stamp(e, BGP_RM_SET_AS_PATH_PREPEND);
        return 0;
}

static bool valid_op(enum bgp_route_map_value_op op)
{
        return op == BGP_RM_VALUE_SET || op == BGP_RM_VALUE_ADD || op == BGP_RM_VALUE_SUB;
}

int bgp_route_map_set_local_pref(struct bgp_route_map_entry *e, enum bgp_route_map_value_op op,
                                 uint32_t value)
{
        if (!valid_op(op))
                return BGP_ERR_INVALID_ARGUMENT;
        e->set_local_pref = true;
        e->local_pref_op = (uint8_t)op;
        e->local_pref = value;
        stamp(e, BGP_RM_SET_LOCAL_PREF);
        return 0;
}

int bgp_route_map_set_metric(struct bgp_route_map_entry *e, enum bgp_route_map_value_op op,
                             uint32_t value)
{
        if (!valid_op(op))
                return BGP_ERR_INVALID_ARGUMENT;
        e->set_metric = true;
        e->metric_op = (uint8_t)op;
        e->metric = value;
        stamp(e, BGP_RM_SET_METRIC);
        return 0;
}

int bgp_route_map_set_ipv6_next_hop(struct bgp_route_map_entry *e, const uint8_t addr[16])
{
        memcpy(e->next_hop6, addr, 16);
        e->set_next_hop6 = true;
        stamp(e, BGP_RM_SET_IPV6_NEXT_HOP);
        return 0;
}

int bgp_route_map_set_call(struct bgp_route_map_entry *e, const char *name)
{
        return set_name(e->mem, &e->call, name);
}

int bgp_route_map_set_exit(struct bgp_route_map_entry *e, enum bgp_route_map_exit ex,
                           uint32_t goto_order)
{
        switch (ex) {
        case BGP_RM_EXIT:
        case BGP_RM_NEXT:
                goto_order = 0;
                break;
        case BGP_RM_GOTO:
                /* "Jumping to a previous entry is not permitted" (FRR docs "Route Maps"). */
                if (goto_order <= e->order || goto_order > ORDER_MAX)
                        return BGP_ERR_INVALID_ARGUMENT;
                break;
        default:
                return BGP_ERR_INVALID_ARGUMENT;
        }
        e->exit = (uint8_t)ex;
        e->goto_order = goto_order;
        return 0;
}

static int clear_name(const struct bgp_mem *mem, char **slot)
{
        if (*slot == NULL)
                return BGP_ERR_EOF;
        bgp_mem_free(mem, *slot);
        *slot = NULL;
        return 0;
}

int bgp_route_map_clear(struct bgp_route_map_entry *e, enum bgp_route_map_clause c)
{
        switch (c) {
        case BGP_RM_MATCH_IP_PREFIX_LIST:
                e->pl_generation = 0;
                return clear_name(e->mem, &e->match_prefix_list[0]);
        case BGP_RM_MATCH_IPV6_PREFIX_LIST:
                e->pl_generation = 0;
                return clear_name(e->mem, &e->match_prefix_list[1]);
        case BGP_RM_MATCH_COMMUNITY:
                e->match_community_exact = false;
                return clear_name(e->mem, &e->match_community);
        case BGP_RM_MATCH_LARGE_COMMUNITY:
                e->match_large_community_exact = false;
                return clear_name(e->mem, &e->match_large_community);
        case BGP_RM_MATCH_AS_PATH:
                return clear_name(e->mem, &e->match_as_path);
        case BGP_RM_SET_COMMUNITY:
                if (!e->set_community)
                        return BGP_ERR_EOF;
                (void)bgp_route_map_set_community_none(e);
                e->set_community = false;
                e->community_none = false;
                return 0;
        case BGP_RM_SET_LARGE_COMMUNITY:
                if (!e->set_large_community)
                        return BGP_ERR_EOF;
                (void)bgp_route_map_set_large_community_none(e);
                e->set_large_community = false;
                e->large_community_none = false;
                return 0;
        case BGP_RM_SET_AS_PATH_PREPEND:
                if (e->prepend == NULL)
                        return BGP_ERR_EOF;
                bgp_mem_free(e->mem, e->prepend);
                e->prepend = NULL;
                e->n_prepend = 0;
                return 0;
        case BGP_RM_SET_LOCAL_PREF:
                if (!e->set_local_pref)
                        return BGP_ERR_EOF;
                e->set_local_pref = false;
                return 0;
        case BGP_RM_SET_METRIC:
                if (!e->set_metric)
                        return BGP_ERR_EOF;
                e->set_metric = false;
                return 0;
        case BGP_RM_SET_IPV6_NEXT_HOP:
                if (!e->set_next_hop6)
                        return BGP_ERR_EOF;
                e->set_next_hop6 = false;
                return 0;
        case BGP_RM_CALL:
                return clear_name(e->mem, &e->call);
        default:
                return BGP_ERR_INVALID_ARGUMENT;
        }
}

/* ---- printing ------------------------------------------------------------------------- */

static const char *op_prefix(uint8_t op)
{
        return op == BGP_RM_VALUE_ADD ? "+" : op == BGP_RM_VALUE_SUB ? "-" : "";
}

/* Appends the text of one match or set clause (without the leading space). */
static void put_clause(struct bgp_textbuf *tb, const struct bgp_route_map_entry *e,
                       enum bgp_route_map_clause c)
{
        switch (c) {
        case BGP_RM_MATCH_IP_PREFIX_LIST:
                bgp_textbuf_printf(tb, "match ip address prefix-list %s", e->match_prefix_list[0]);
                break;
        case BGP_RM_MATCH_IPV6_PREFIX_LIST:
                bgp_textbuf_printf(tb, "match ipv6 address prefix-list %s",
                                   e->match_prefix_list[1]);
                break;
        case BGP_RM_MATCH_COMMUNITY:
                bgp_textbuf_printf(tb, "match community %s%s", e->match_community,
                                   e->match_community_exact ? " exact-match" : "");
                break;
        case BGP_RM_MATCH_LARGE_COMMUNITY:
                bgp_textbuf_printf(tb, "match large-community %s%s", e->match_large_community,
                                   e->match_large_community_exact ? " exact-match" : "");
                break;
        case BGP_RM_MATCH_AS_PATH:
                bgp_textbuf_printf(tb, "match as-path %s", e->match_as_path);
                break;
        case BGP_RM_SET_COMMUNITY:
                bgp_textbuf_puts(tb, "set community ");
                if (e->community_none)
                        bgp_textbuf_puts(tb, "none");
                else
                        bgp_policy_put_communities(tb, e->community, e->n_community);
                if (e->community_additive)
                        bgp_textbuf_puts(tb, " additive");
                break;
        case BGP_RM_SET_LARGE_COMMUNITY:
                bgp_textbuf_puts(tb, "set large-community ");
                if (e->large_community_none)
                        bgp_textbuf_puts(tb, "none");
                else
                        bgp_policy_put_large_communities(tb, e->large_community,
                                                         e->n_large_community);
                if (e->large_community_additive)
                        bgp_textbuf_puts(tb, " additive");
                break;
        case BGP_RM_SET_AS_PATH_PREPEND:
                bgp_textbuf_puts(tb, "set as-path prepend");
                for (size_t i = 0; i < e->n_prepend; i++)
                        bgp_textbuf_printf(tb, " %u", (unsigned)e->prepend[i]);
                break;
        case BGP_RM_SET_LOCAL_PREF:
                bgp_textbuf_printf(tb, "set local-preference %s%u", op_prefix(e->local_pref_op),
                                   (unsigned)e->local_pref);
                break;
        case BGP_RM_SET_METRIC:
                bgp_textbuf_printf(tb, "set metric %s%u", op_prefix(e->metric_op),
                                   (unsigned)e->metric);
                break;
        case BGP_RM_SET_IPV6_NEXT_HOP: {
                char addr[INET6_ADDRSTRLEN];
                if (inet_ntop(AF_INET6, e->next_hop6, addr, sizeof(addr)) == NULL)
                        addr[0] = '\0';
                bgp_textbuf_printf(tb, "set ipv6 next-hop global %s", addr);
                break;
        }
        default:
                break;
        }
}

static bool present(const struct bgp_route_map_entry *e, enum bgp_route_map_clause c)
{
        switch (c) {
        case BGP_RM_MATCH_IP_PREFIX_LIST:
                return e->match_prefix_list[0] != NULL;
        case BGP_RM_MATCH_IPV6_PREFIX_LIST:
                return e->match_prefix_list[1] != NULL;
        case BGP_RM_MATCH_COMMUNITY:
                return e->match_community != NULL;
        case BGP_RM_MATCH_LARGE_COMMUNITY:
                return e->match_large_community != NULL;
        case BGP_RM_MATCH_AS_PATH:
                return e->match_as_path != NULL;
        case BGP_RM_SET_COMMUNITY:
                return e->set_community;
        case BGP_RM_SET_LARGE_COMMUNITY:
                return e->set_large_community;
        case BGP_RM_SET_AS_PATH_PREPEND:
                return e->prepend != NULL;
        case BGP_RM_SET_LOCAL_PREF:
                return e->set_local_pref;
        case BGP_RM_SET_METRIC:
                return e->set_metric;
        case BGP_RM_SET_IPV6_NEXT_HOP:
                return e->set_next_hop6;
        case BGP_RM_CALL:
                return e->call != NULL;
        default:
                return false;
        }
}

/* Prints the clauses of kinds first..last that are present, the earliest configured first. */
static int print_clauses(const struct bgp_route_map_entry *e, enum bgp_route_map_clause first,
                         enum bgp_route_map_clause last, struct bgp_textbuf *tb,
                         bgp_policy_print_fn fn, void *ctx)
{
        enum bgp_route_map_clause order[BGP_RM_CALL + 1];
        size_t n = 0;
        int rc = 0;

        for (int c = (int)first; c <= (int)last; c++) {
                if (!present(e, (enum bgp_route_map_clause)c))
                        continue;
                size_t at = n++;
                while (at > 0 && e->stamp[order[at - 1]] > e->stamp[c]) {
                        order[at] = order[at - 1];
                        at--;
                }
                order[at] = (enum bgp_route_map_clause)c;
        }
        for (size_t i = 0; rc == 0 && i < n; i++) {
                bgp_textbuf_puts(tb, " ");
                put_clause(tb, e, order[i]);
                rc = bgp_policy_emit(tb, fn, ctx);
        }
        return rc;
}

/*
 * One entry as FRR's running configuration shows it, in the order of an entry in
 * frr-route-map.yang: call, exit policy, then the match and the set clauses, each in the
 * order they were configured.
 */
static int print_entry(const struct bgp_route_map *map, const struct bgp_route_map_entry *e,
                       struct bgp_textbuf *tb, bgp_policy_print_fn fn, void *ctx)
{
        int rc;

        bgp_textbuf_printf(tb, "route-map %s %s %u", map->obj.name,
                           bgp_policy_action_name((enum bgp_policy_action)e->action),
                           (unsigned)e->order);
        rc = bgp_policy_emit(tb, fn, ctx);
        if (rc == 0 && e->call != NULL) {
                bgp_textbuf_printf(tb, " call %s", e->call);
                rc = bgp_policy_emit(tb, fn, ctx);
        }
        if (rc == 0 && e->exit == BGP_RM_NEXT) {
                bgp_textbuf_puts(tb, " on-match next");
                rc = bgp_policy_emit(tb, fn, ctx);
        }
        if (rc == 0 && e->exit == BGP_RM_GOTO) {
                bgp_textbuf_printf(tb, " on-match goto %u", (unsigned)e->goto_order);
                rc = bgp_policy_emit(tb, fn, ctx);
        }
        if (rc == 0)
                rc = print_clauses(e, BGP_RM_MATCH_IP_PREFIX_LIST, BGP_RM_MATCH_AS_PATH, tb, fn,
                                   ctx);
        if (rc == 0)
                rc = print_clauses(e, BGP_RM_SET_COMMUNITY, BGP_RM_SET_IPV6_NEXT_HOP, tb, fn, ctx);
        if (rc == 0) {
                bgp_textbuf_puts(tb, "exit");
                rc = bgp_policy_emit(tb, fn, ctx);
        }
        return rc;
}

int bgp_route_map_print(const struct bgp_route_map *map, bgp_policy_print_fn fn, void *ctx)
{
        struct bgp_textbuf tb;
        int rc = 0;

        bgp_textbuf_init(&tb, map->obj.mem);
        /* FRR shows the setting just before the map's first entry. */
        if (map->optimization_disabled) {
                bgp_textbuf_printf(&tb, "no route-map %s optimization", map->obj.name);
                rc = bgp_policy_emit(&tb, fn, ctx);
        }
        for (size_t i = 0; rc == 0 && i < map->n; i++) {
                if (i > 0) {
                        bgp_textbuf_puts(&tb, "!");
                        rc = bgp_policy_emit(&tb, fn, ctx);
                }
                if (rc == 0)
                        rc = print_entry(map, map->entries[i], &tb, fn, ctx);
        }
        bgp_textbuf_free(&tb);
        return rc;
}

bool bgp_route_map_changes_attrs(const struct bgp_route_map *map)
{
        for (size_t i = 0; i < map->n; i++) {
                const struct bgp_route_map_entry *e = map->entries[i];
                if (e->set_community || e->set_large_community || e->prepend != NULL ||
                    e->set_local_pref || e->set_metric || e->set_next_hop6 || e->call != NULL)
                        return true;
        }
        return false;
}
