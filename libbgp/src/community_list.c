/*
 * community_list.c - "bgp community-list" and "bgp large-community-list", standard and
 * expanded, with FRR's semantics (FRR docs "Community Lists", "Large Community Lists";
 * bgpd/bgp_clist.c community_list_match, community_list_exact_match and their large
 * counterparts).  Both kinds of list are one idea with two value types, as in FRR.
 *
 * A standard entry holds values and matches a route that carries all of them (a subset
 * test, bgpd/bgp_community.c community_match); with exact-match, a route that carries
 * exactly them (community_cmp).  An expanded entry holds a regular expression in FRR's
 * dialect, matched against the route's values as FRR prints them, "" when it has none.
 * The first entry in seq order that matches decides; none matching is a deny.  A list has
 * entries of one kind only, as FRR's "standard/expanded conflict" check requires.
 */
#include <stdlib.h>
#include <string.h>

#include "pattr.h"
#include "policy_int.h"
#include "policy_regex.h"

/* What differs between communities and large communities. */
struct clist_kind {
        const char *keyword; /* in the configuration: "community-list" */
        size_t item;         /* bytes a value */
        int (*cmp)(const void *a, const void *b);
        void (*normalise)(void *v, size_t *n);
        void (*values)(const struct bgp_pattr *pa, const void **v, size_t *n);
        int (*text)(const struct bgp_pattr *pa, const struct bgp_mem *mem, char **out);
        void (*put)(struct bgp_textbuf *tb, const void *v, size_t n);
};

struct cl_entry {
        uint32_t seq; /* first: see struct bgp_seq_vec */
        uint8_t action;
        void *vals; /* standard: sorted, without duplicates */
        size_t n;
        regex_t *re; /* expanded */
        char *text;  /* expanded: the expression as given */
};

struct clist {
        struct bgp_policy_obj obj;
        struct bgp_seq_vec entries;
        const struct clist_kind *kind;
};

struct bgp_community_list {
        struct clist c;
};

struct bgp_large_community_list {
        struct clist c;
};

/* ---- the two kinds -------------------------------------------------------------------- */

static int cmp_u32(const void *a, const void *b)
{
        uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
        return x < y ? -1 : x > y;
}

static void norm_u32(void *v, size_t *n)
{
        bgp_communities_normalise(v, n);
}

static void values_u32(const struct bgp_pattr *pa, const void **v, size_t *n)
{
        *v = pa->communities;
        *n = pa->n_communities;
}

static void put_u32(struct bgp_textbuf *tb, const void *v, size_t n)
{
        bgp_policy_put_communities(tb, v, n);
}

static int cmp_large(const void *a, const void *b)
{
        return bgp_large_community_cmp(a, b);
}

static void norm_large(void *v, size_t *n)
{
        bgp_large_communities_normalise(v, n);
}

static void values_large(const struct bgp_pattr *pa, const void **v, size_t *n)
{
        *v = pa->large_communities;
        *n = pa->n_large_communities;
}

static void put_large(struct bgp_textbuf *tb, const void *v, size_t n)
{
        bgp_policy_put_large_communities(tb, v, n);
}

static const struct clist_kind communities_kind = {
    .keyword = "community-list",
    .item = sizeof(uint32_t),
    .cmp = cmp_u32,
    .normalise = norm_u32,
    .values = values_u32,
    .text = bgp_pattr_communities_text,
    .put = put_u32,
};

static const struct clist_kind large_kind = {
    .keyword = "large-community-list",
    .item = sizeof(struct bgp_large_community),
    .cmp = cmp_large,
    .normalise = norm_large,
    .values = values_large,
    .text = bgp_pattr_large_communities_text,
    .put = put_large,
};

/* ---- life cycle ----------------------------------------------------------------------- */

static void entry_fini(const struct bgp_mem *mem, void *item)
{
        struct cl_entry *e = item;

        bgp_mem_free(mem, e->vals);
        bgp_policy_regex_free(mem, e->re);
        bgp_mem_free(mem, e->text);
}

static struct bgp_policy_obj *clist_new(const struct bgp_mem *mem, size_t size,
                                        const struct clist_kind *kind)
{
        struct clist *cl = bgp_mem_calloc(mem, 1, size);
        if (cl == NULL)
                return NULL;
        cl->obj.mem = mem;
        cl->kind = kind;
        bgp_seq_vec_init(&cl->entries, sizeof(struct cl_entry));
        return &cl->obj;
}

static void clist_del(struct bgp_policy_obj *o)
{
        struct clist *cl = (struct clist *)o;
        const struct bgp_mem *mem = o->mem;

        bgp_seq_vec_free(mem, &cl->entries, entry_fini);
        bgp_mem_free(mem, cl);
}

struct bgp_policy_obj *bgp_community_list_obj_new(const struct bgp_mem *mem)
{
        return clist_new(mem, sizeof(struct bgp_community_list), &communities_kind);
}

void bgp_community_list_obj_del(struct bgp_policy_obj *o)
{
        clist_del(o);
}

struct bgp_policy_obj *bgp_large_community_list_obj_new(const struct bgp_mem *mem)
{
        return clist_new(mem, sizeof(struct bgp_large_community_list), &large_kind);
}

void bgp_large_community_list_obj_del(struct bgp_policy_obj *o)
{
        clist_del(o);
}

/* ---- entries -------------------------------------------------------------------------- */

static bool same_entry(const struct clist *cl, const struct cl_entry *a, const struct cl_entry *b)
{
        if (a->action != b->action || (a->re == NULL) != (b->re == NULL))
                return false;
        if (a->re != NULL)
                return strcmp(a->text, b->text) == 0;
        return a->n == b->n && memcmp(a->vals, b->vals, a->n * cl->kind->item) == 0;
}

/* Adds e (whose storage the list takes over, or frees on failure). */
static int clist_put(struct clist *cl, struct cl_entry *e, int64_t seq)
{
        int rc = 0;

        /* FRR: "When community-list already has entry, new entry should have same style". */
        if (cl->entries.n > 0) {
                const struct cl_entry *first = bgp_seq_vec_at(&cl->entries, 0);
                if ((first->re == NULL) != (e->re == NULL))
                        rc = BGP_ERR_INVALID_ARGUMENT;
        }
        if (rc == 0)
                rc = bgp_seq_vec_resolve(&cl->entries, seq, &e->seq);
        if (rc == 0) {
                /* An identical entry under another seq is ignored (community_list_dup_check). */
                for (size_t i = 0; i < cl->entries.n; i++) {
                        const struct cl_entry *o = bgp_seq_vec_at(&cl->entries, i);
                        if (o->seq != e->seq && same_entry(cl, o, e)) {
                                entry_fini(cl->obj.mem, e);
                                return 0;
                        }
                }
                rc = bgp_seq_vec_put(cl->obj.mem, &cl->entries, e, entry_fini);
        }
        if (rc != 0)
                entry_fini(cl->obj.mem, e);
        return rc;
}

static int clist_add(struct clist *cl, int64_t seq, enum bgp_policy_action action, const void *vals,
                     size_t n)
{
        struct cl_entry e;

        if ((action != BGP_POLICY_PERMIT && action != BGP_POLICY_DENY) || n == 0 || vals == NULL)
                return BGP_ERR_INVALID_ARGUMENT;
        memset(&e, 0, sizeof(e));
        e.action = (uint8_t)action;
        e.vals = bgp_mem_calloc(cl->obj.mem, n, cl->kind->item);
        if (e.vals == NULL)
                return BGP_ERR_NOMEM;
        memcpy(e.vals, vals, n * cl->kind->item);
        e.n = n;
        /* FRR compiles the values into a sorted set (community_str2com). */
        cl->kind->normalise(e.vals, &e.n);
        return clist_put(cl, &e, seq);
}

static int clist_add_expanded(struct clist *cl, int64_t seq, enum bgp_policy_action action,
                              const char *regex)
{
        struct cl_entry e;

        if ((action != BGP_POLICY_PERMIT && action != BGP_POLICY_DENY) || regex == NULL)
                return BGP_ERR_INVALID_ARGUMENT;
        memset(&e, 0, sizeof(e));
        e.action = (uint8_t)action;
        size_t len = strlen(regex);
        e.text = bgp_mem_alloc(cl->obj.mem, len + 1);
        if (e.text == NULL)
                return BGP_ERR_NOMEM;
        memcpy(e.text, regex, len + 1);
        int rc = bgp_policy_regex_compile(cl->obj.mem, regex, &e.re);
        if (rc != 0) {
                entry_fini(cl->obj.mem, &e);
                return rc;
        }
        return clist_put(cl, &e, seq);
}

/* ---- matching ------------------------------------------------------------------------- */

static bool contains(const struct clist_kind *k, const void *set, size_t n, const void *v)
{
        const uint8_t *p = set;
        for (size_t i = 0; i < n; i++)
                if (k->cmp(p + i * k->item, v) == 0)
                        return true;
        return false;
}

/* Every value of a is in b. */
static bool subset(const struct clist_kind *k, const void *a, size_t na, const void *b, size_t nb)
{
        const uint8_t *p = a;
        for (size_t i = 0; i < na; i++)
                if (!contains(k, b, nb, p + i * k->item))
                        return false;
        return true;
}

static int clist_match(const struct clist *cl, const struct bgp_pattr *pa, bool exact)
{
        const struct clist_kind *k = cl->kind;
        const void *have;
        size_t n_have;
        char *text = NULL;
        int result = BGP_POLICY_DENY;

        k->values(pa, &have, &n_have);
        for (size_t i = 0; i < cl->entries.n; i++) {
                const struct cl_entry *e = bgp_seq_vec_at(&cl->entries, i);
                bool m;
                if (e->re != NULL) {
                        if (text == NULL) {
                                int rc = k->text(pa, cl->obj.mem, &text);
                                if (rc != 0)
                                        return rc;
                        }
                        m = bgp_policy_regex_match(e->re, text);
                } else if (n_have == 0) {
                        /* No attribute: community_match(NULL, values) is false. */
                        m = false;
                } else if (exact) {
                        m = subset(k, e->vals, e->n, have, n_have) &&
                            subset(k, have, n_have, e->vals, e->n);
                } else {
                        m = subset(k, e->vals, e->n, have, n_have);
                }
                if (m) {
                        result = e->action;
                        break;
                }
        }
        bgp_mem_free(cl->obj.mem, text);
        return result;
}

/* ---- printing ------------------------------------------------------------------------- */

static int clist_print(const struct clist *cl, bgp_policy_print_fn fn, void *ctx)
{
        struct bgp_textbuf tb;
        int rc = 0;

        bgp_textbuf_init(&tb, cl->obj.mem);
        for (size_t i = 0; rc == 0 && i < cl->entries.n; i++) {
                const struct cl_entry *e = bgp_seq_vec_at(&cl->entries, i);
                bgp_textbuf_printf(&tb, "bgp %s %s %s seq %u %s ", cl->kind->keyword,
                                   e->re != NULL ? "expanded" : "standard", cl->obj.name,
                                   (unsigned)e->seq,
                                   bgp_policy_action_name((enum bgp_policy_action)e->action));
                if (e->re != NULL)
                        bgp_textbuf_puts(&tb, e->text);
                else
                        cl->kind->put(&tb, e->vals, e->n);
                rc = bgp_policy_emit(&tb, fn, ctx);
        }
        bgp_textbuf_free(&tb);
        return rc;
}

/* ---- the public faces ----------------------------------------------------------------- */

int bgp_community_list_add(struct bgp_community_list *cl, int64_t seq,
                           enum bgp_policy_action action, const uint32_t *communities, size_t n)
{
        return clist_add(&cl->c, seq, action, communities, n);
}

int bgp_community_list_add_expanded(struct bgp_community_list *cl, int64_t seq,
                                    enum bgp_policy_action action, const char *regex)
{
        return clist_add_expanded(&cl->c, seq, action, regex);
}

int bgp_community_list_remove(struct bgp_community_list *cl, uint32_t seq)
{
        return bgp_seq_vec_remove(cl->c.obj.mem, &cl->c.entries, seq, entry_fini);
}

int bgp_community_list_match(const struct bgp_community_list *cl, const struct bgp_pattr *pa,
                             bool exact)
{
        return clist_match(&cl->c, pa, exact);
}

const char *bgp_community_list_name(const struct bgp_community_list *cl)
{
        return cl->c.obj.name;
}

size_t bgp_community_list_count(const struct bgp_community_list *cl)
{
        return cl->c.entries.n;
}

int bgp_community_list_print(const struct bgp_community_list *cl, bgp_policy_print_fn fn, void *ctx)
{
        return clist_print(&cl->c, fn, ctx);
}

int bgp_large_community_list_add(struct bgp_large_community_list *ll, int64_t seq,
                                 enum bgp_policy_action action,
                                 const struct bgp_large_community *lc, size_t n)
{
        return clist_add(&ll->c, seq, action, lc, n);
}

int bgp_large_community_list_add_expanded(struct bgp_large_community_list *ll, int64_t seq,
                                          enum bgp_policy_action action, const char *regex)
{
        return clist_add_expanded(&ll->c, seq, action, regex);
}

int bgp_large_community_list_remove(struct bgp_large_community_list *ll, uint32_t seq)
{
        return bgp_seq_vec_remove(ll->c.obj.mem, &ll->c.entries, seq, entry_fini);
}

int bgp_large_community_list_match(const struct bgp_large_community_list *ll,
                                   const struct bgp_pattr *pa, bool exact)
{
        return clist_match(&ll->c, pa, exact);
}

const char *bgp_large_community_list_name(const struct bgp_large_community_list *ll)
{
        return ll->c.obj.name;
}

size_t bgp_large_community_list_count(const struct bgp_large_community_list *ll)
{
        return ll->c.entries.n;
}

int bgp_large_community_list_print(const struct bgp_large_community_list *ll,
                                   bgp_policy_print_fn fn, void *ctx)
{
        return clist_print(&ll->c, fn, ctx);
}
