/*
 * policy.c - the registry of policy objects by name.
 *
 * Route-maps name the lists they match on, and FRR lets the name stand before the list
 * exists (lib/routemap.c compiles "match ... prefix-list NAME" to the bare name and looks
 * it up on every application), so objects are found by name whenever a route-map runs
 * rather than linked.  Objects keep their creation order: FRR's running configuration
 * prints them that way (the seed frr.conf lists PL-MY-NET before PL-BOGONS).
 */
#include <ctype.h>
#include <string.h>

#include "policy_int.h"

enum kind {
        K_PREFIX_LIST,
        K_COMMUNITY_LIST,
        K_LARGE_COMMUNITY_LIST,
        K_ASPATH_LIST,
        K_ROUTE_MAP,
        K_COUNT
};

struct kind_ops {
        struct bgp_policy_obj *(*create)(const struct bgp_mem *mem);
        void (*destroy)(struct bgp_policy_obj *o);
};

static const struct kind_ops ops[K_COUNT] = {
    [K_PREFIX_LIST] = {bgp_prefix_list_obj_new, bgp_prefix_list_obj_del},
    [K_COMMUNITY_LIST] = {bgp_community_list_obj_new, bgp_community_list_obj_del},
    [K_LARGE_COMMUNITY_LIST] = {bgp_large_community_list_obj_new, bgp_large_community_list_obj_del},
    [K_ASPATH_LIST] = {bgp_aspath_list_obj_new, bgp_aspath_list_obj_del},
    [K_ROUTE_MAP] = {bgp_route_map_obj_new, bgp_route_map_obj_del},
};

struct bgp_policy {
        struct bgp_mem mem;
        struct bgp_policy_obj *head[K_COUNT];
        /* Bumped whenever an object is created or removed: what a name refers to may have
         * changed (route_map_apply.c caches its lookups against it).  Starts at 1, so that
         * a cache stamped 0 is never current. */
        uint64_t generation;
};

uint64_t bgp_policy_generation(const struct bgp_policy *policy)
{
        return policy->generation;
}

int bgp_policy_new(struct bgp_policy **out, const struct bgp_mem *mem)
{
        struct bgp_mem m;

        *out = NULL;
        bgp_mem_init(&m, mem);
        struct bgp_policy *p = bgp_mem_calloc(&m, 1, sizeof(*p));
        if (p == NULL)
                return BGP_ERR_NOMEM;
        p->mem = m;
        p->generation = 1;
        *out = p;
        return 0;
}

static void destroy(const struct bgp_mem *mem, enum kind k, struct bgp_policy_obj *o)
{
        char *name = o->name;
        ops[k].destroy(o);
        bgp_mem_free(mem, name);
}

void bgp_policy_del(struct bgp_policy *policy)
{
        if (policy == NULL)
                return;
        for (int k = 0; k < K_COUNT; k++) {
                struct bgp_policy_obj *o = policy->head[k], *next;
                for (; o != NULL; o = next) {
                        next = o->next;
                        destroy(&policy->mem, (enum kind)k, o);
                }
        }
        struct bgp_mem mem = policy->mem;
        bgp_mem_free(&mem, policy);
}

/* FRR's WORD: one token without white space. */
static bool valid_name(const char *name)
{
        size_t n = name != NULL ? strlen(name) : 0;

        if (n == 0 || n > 255)
                return false;
        for (size_t i = 0; i < n; i++)
                if (isspace((unsigned char)name[i]) || !isprint((unsigned char)name[i]))
                        return false;
        return true;
}

static struct bgp_policy_obj *find(const struct bgp_policy *p, enum kind k, uint16_t afi,
                                   const char *name)
{
        if (p == NULL || name == NULL)
                return NULL;
        for (struct bgp_policy_obj *o = p->head[k]; o != NULL; o = o->next)
                if (o->afi == afi && strcmp(o->name, name) == 0)
                        return o;
        return NULL;
}

static int get(struct bgp_policy *p, enum kind k, uint16_t afi, const char *name,
               struct bgp_policy_obj **out)
{
        *out = NULL;
        if (!valid_name(name))
                return BGP_ERR_INVALID_ARGUMENT;
        struct bgp_policy_obj *o = find(p, k, afi, name);
        if (o != NULL) {
                *out = o;
                return 0;
        }
        size_t n = strlen(name);
        char *copy = bgp_mem_alloc(&p->mem, n + 1);
        if (copy == NULL)
                return BGP_ERR_NOMEM;
        memcpy(copy, name, n + 1);
        o = ops[k].create(&p->mem);
        if (o == NULL) {
                bgp_mem_free(&p->mem, copy);
                return BGP_ERR_NOMEM;
        }
        o->name = copy;
        o->afi = afi;
        o->next = NULL;
        p->generation++;
        struct bgp_policy_obj **tail = &p->head[k];
        while (*tail != NULL)
                tail = &(*tail)->next;
        *tail = o;
        *out = o;
        return 0;
}

static int remove_obj(struct bgp_policy *p, enum kind k, uint16_t afi, const char *name)
{
        if (name == NULL)
                return BGP_ERR_EOF;
        for (struct bgp_policy_obj **at = &p->head[k]; *at != NULL; at = &(*at)->next) {
                struct bgp_policy_obj *o = *at;
                if (o->afi != afi || strcmp(o->name, name) != 0)
                        continue;
                *at = o->next;
                destroy(&p->mem, k, o);
                p->generation++;
                return 0;
        }
        return BGP_ERR_EOF;
}

static bool valid_afi(uint16_t afi)
{
        return afi == BGP_AFI_IPV4 || afi == BGP_AFI_IPV6;
}

int bgp_policy_prefix_list(struct bgp_policy *policy, uint16_t afi, const char *name,
                           struct bgp_prefix_list **out)
{
        struct bgp_policy_obj *o;

        *out = NULL;
        if (!valid_afi(afi))
                return BGP_ERR_INVALID_ARGUMENT;
        int rc = get(policy, K_PREFIX_LIST, afi, name, &o);
        *out = (struct bgp_prefix_list *)o;
        return rc;
}

int bgp_policy_community_list(struct bgp_policy *policy, const char *name,
                              struct bgp_community_list **out)
{
        struct bgp_policy_obj *o;
        int rc = get(policy, K_COMMUNITY_LIST, 0, name, &o);
        *out = (struct bgp_community_list *)o;
        return rc;
}

int bgp_policy_large_community_list(struct bgp_policy *policy, const char *name,
                                    struct bgp_large_community_list **out)
{
        struct bgp_policy_obj *o;
        int rc = get(policy, K_LARGE_COMMUNITY_LIST, 0, name, &o);
        *out = (struct bgp_large_community_list *)o;
        return rc;
}

int bgp_policy_aspath_list(struct bgp_policy *policy, const char *name,
                           struct bgp_aspath_list **out)
{
        struct bgp_policy_obj *o;
        int rc = get(policy, K_ASPATH_LIST, 0, name, &o);
        *out = (struct bgp_aspath_list *)o;
        return rc;
}

int bgp_policy_route_map(struct bgp_policy *policy, const char *name, struct bgp_route_map **out)
{
        struct bgp_policy_obj *o;
        int rc = get(policy, K_ROUTE_MAP, 0, name, &o);
        *out = (struct bgp_route_map *)o;
        return rc;
}

struct bgp_prefix_list *bgp_policy_find_prefix_list(const struct bgp_policy *policy, uint16_t afi,
                                                    const char *name)
{
        return (struct bgp_prefix_list *)find(policy, K_PREFIX_LIST, afi, name);
}

struct bgp_community_list *bgp_policy_find_community_list(const struct bgp_policy *policy,
                                                          const char *name)
{
        return (struct bgp_community_list *)find(policy, K_COMMUNITY_LIST, 0, name);
}

struct bgp_large_community_list *
bgp_policy_find_large_community_list(const struct bgp_policy *policy, const char *name)
{
        return (struct bgp_large_community_list *)find(policy, K_LARGE_COMMUNITY_LIST, 0, name);
}

struct bgp_aspath_list *bgp_policy_find_aspath_list(const struct bgp_policy *policy,
                                                    const char *name)
{
        return (struct bgp_aspath_list *)find(policy, K_ASPATH_LIST, 0, name);
}

struct bgp_route_map *bgp_policy_find_route_map(const struct bgp_policy *policy, const char *name)
{
        return (struct bgp_route_map *)find(policy, K_ROUTE_MAP, 0, name);
}

int bgp_policy_remove_prefix_list(struct bgp_policy *policy, uint16_t afi, const char *name)
{
        return remove_obj(policy, K_PREFIX_LIST, afi, name);
}

int bgp_policy_remove_community_list(struct bgp_policy *policy, const char *name)
{
        return remove_obj(policy, K_COMMUNITY_LIST, 0, name);
}

int bgp_policy_remove_large_community_list(struct bgp_policy *policy, const char *name)
{
        return remove_obj(policy, K_LARGE_COMMUNITY_LIST, 0, name);
}

int bgp_policy_remove_aspath_list(struct bgp_policy *policy, const char *name)
{
        return remove_obj(policy, K_ASPATH_LIST, 0, name);
}

int bgp_policy_remove_route_map(struct bgp_policy *policy, const char *name)
{
        return remove_obj(policy, K_ROUTE_MAP, 0, name);
}

/* ---- printing ------------------------------------------------------------------------- */

int bgp_policy_emit(struct bgp_textbuf *tb, bgp_policy_print_fn fn, void *ctx)
{
        if (tb->err != 0)
                return tb->err;
        int rc = fn(bgp_textbuf_str(tb), ctx) != 0 ? BGP_ERR_CALLBACK_FAILURE : 0;
        bgp_textbuf_reset(tb);
        return rc;
}

const char *bgp_policy_action_name(enum bgp_policy_action a)
{
        return a == BGP_POLICY_PERMIT ? "permit" : "deny";
}

void bgp_policy_put_communities(struct bgp_textbuf *tb, const uint32_t *c, size_t n)
{
        for (size_t i = 0; i < n; i++) {
                const char *name = bgp_community_name(c[i]);
                if (i > 0)
                        bgp_textbuf_puts(tb, " ");
                if (name != NULL)
                        bgp_textbuf_puts(tb, name);
                else
                        bgp_textbuf_printf(tb, "%u:%u", (unsigned)(c[i] >> 16),
                                           (unsigned)(c[i] & 0xffff));
        }
}

void bgp_policy_put_large_communities(struct bgp_textbuf *tb, const struct bgp_large_community *c,
                                      size_t n)
{
        for (size_t i = 0; i < n; i++)
                bgp_textbuf_printf(tb, "%s%u:%u:%u", i > 0 ? " " : "", (unsigned)c[i].global,
                                   (unsigned)c[i].local1, (unsigned)c[i].local2);
}

static int print_one(enum kind k, const struct bgp_policy_obj *o, bgp_policy_print_fn fn, void *ctx)
{
        switch (k) {
        case K_PREFIX_LIST:
                return bgp_prefix_list_print((const struct bgp_prefix_list *)o, fn, ctx);
        case K_COMMUNITY_LIST:
                return bgp_community_list_print((const struct bgp_community_list *)o, fn, ctx);
        case K_LARGE_COMMUNITY_LIST:
                return bgp_large_community_list_print((const struct bgp_large_community_list *)o,
                                                      fn, ctx);
        case K_ASPATH_LIST:
                return bgp_aspath_list_print((const struct bgp_aspath_list *)o, fn, ctx);
        case K_ROUTE_MAP:
                return bgp_route_map_print((const struct bgp_route_map *)o, fn, ctx);
        default:
                return BGP_ERR_INVALID_ARGUMENT;
        }
}

static int print_kind(const struct bgp_policy *p, enum kind k, uint16_t afi, bgp_policy_print_fn fn,
                      void *ctx)
{
        for (const struct bgp_policy_obj *o = p->head[k]; o != NULL; o = o->next) {
                if (o->afi != afi)
                        continue;
                int rc = print_one(k, o, fn, ctx);
                if (rc == 0)
                        rc = fn("!", ctx) != 0 ? BGP_ERR_CALLBACK_FAILURE : 0;
                if (rc != 0)
                        return rc;
        }
        return 0;
}

/* FRR's running configuration (observed with FRR 8.4.4): prefix-lists, AS path
 * access-lists, community-lists, large-community-lists, route-maps. */
int bgp_policy_print(const struct bgp_policy *policy, bgp_policy_print_fn fn, void *ctx)
{
        static const enum kind order[] = {K_ASPATH_LIST, K_COMMUNITY_LIST, K_LARGE_COMMUNITY_LIST,
                                          K_ROUTE_MAP};
        int rc = print_kind(policy, K_PREFIX_LIST, BGP_AFI_IPV4, fn, ctx);
        if (rc == 0)
                rc = print_kind(policy, K_PREFIX_LIST, BGP_AFI_IPV6, fn, ctx);
        for (size_t i = 0; rc == 0 && i < sizeof(order) / sizeof(order[0]); i++)
                rc = print_kind(policy, order[i], 0, fn, ctx);
        return rc;
}
