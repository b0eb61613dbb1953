/*
 * aspath_list.c - "bgp as-path access-list" with FRR's semantics (FRR docs "AS Path Access
 * Lists"; bgpd/bgp_filter.c as_list_apply): each entry is a regular expression in FRR's
 * dialect, matched against the AS path as FRR prints it; the first entry in seq order whose
 * expression matches decides, and none matching is a deny.
 */
#include <string.h>

#include "pattr.h"
#include "policy_int.h"
#include "policy_regex.h"

struct al_entry {
        uint32_t seq; /* first: see struct bgp_seq_vec */
        uint8_t action;
        regex_t *re;
        char *text;
};

struct bgp_aspath_list {
        struct bgp_policy_obj obj;
        struct bgp_seq_vec entries;
};

static void entry_fini(const struct bgp_mem *mem, void *item)
{
        struct al_entry *e = item;

        bgp_policy_regex_free(mem, e->re);
        bgp_mem_free(mem, e->text);
}

struct bgp_policy_obj *bgp_aspath_list_obj_new(const struct bgp_mem *mem)
{
        struct bgp_aspath_list *al = bgp_mem_calloc(mem, 1, sizeof(*al));
        if (al == NULL)
                return NULL;
        al->obj.mem = mem;
        bgp_seq_vec_init(&al->entries, sizeof(struct al_entry));
        return &al->obj;
}

void bgp_aspath_list_obj_del(struct bgp_policy_obj *o)
{
        struct bgp_aspath_list *al = (struct bgp_aspath_list *)o;
        const struct bgp_mem *mem = o->mem;

        bgp_seq_vec_free(mem, &al->entries, entry_fini);
        bgp_mem_free(mem, al);
}

int bgp_aspath_list_add(struct bgp_aspath_list *al, int64_t seq, enum bgp_policy_action action,
                        const char *regex)
{
        const struct bgp_mem *mem = al->obj.mem;
        struct al_entry e;

        if ((action != BGP_POLICY_PERMIT && action != BGP_POLICY_DENY) || regex == NULL)
                return BGP_ERR_INVALID_ARGUMENT;
        memset(&e, 0, sizeof(e));
        int rc = bgp_seq_vec_resolve(&al->entries, seq, &e.seq);
        if (rc != 0)
                return rc;
        e.action = (uint8_t)action;
        /* The same expression and type under another seq is ignored (as_list_dup_check). */
        for (size_t i = 0; i < al->entries.n; i++) {
                const struct al_entry *o = bgp_seq_vec_at(&al->entries, i);
                if (o->seq != e.seq && o->action == e.action && strcmp(o->text, regex) == 0)
                        return 0;
        }
        size_t len = strlen(regex);
        e.text = bgp_mem_alloc(mem, len + 1);
        if (e.text == NULL)
                return BGP_ERR_NOMEM;
        memcpy(e.text, regex, len + 1);
        rc = bgp_policy_regex_compile(mem, regex, &e.re);
        if (rc == 0)
                rc = bgp_seq_vec_put(mem, &al->entries, &e, entry_fini);
        if (rc != 0)
                entry_fini(mem, &e);
        return rc;
}

int bgp_aspath_list_remove(struct bgp_aspath_list *al, uint32_t seq)
{
        return bgp_seq_vec_remove(al->obj.mem, &al->entries, seq, entry_fini);
}

int bgp_aspath_list_match(const struct bgp_aspath_list *al, const struct bgp_pattr *pa)
{
        char *text = NULL;
        int result = BGP_POLICY_DENY;

        if (al->entries.n == 0)
                return BGP_POLICY_DENY;
        int rc = bgp_pattr_as_path_text(pa, al->obj.mem, &text);
        if (rc != 0)
                return rc;
        for (size_t i = 0; i < al->entries.n; i++) {
                const struct al_entry *e = bgp_seq_vec_at(&al->entries, i);
                if (bgp_policy_regex_match(e->re, text)) {
                        result = e->action;
                        break;
                }
        }
        bgp_mem_free(al->obj.mem, text);
        return result;
}

const char *bgp_aspath_list_name(const struct bgp_aspath_list *al)
{
        return al->obj.name;
}

size_t bgp_aspath_list_count(const struct bgp_aspath_list *al)
{
        return al->entries.n;
}

int bgp_aspath_list_print(const struct bgp_aspath_list *al, bgp_policy_print_fn fn, void *ctx)
{
        struct bgp_textbuf tb;
        int rc = 0;

        bgp_textbuf_init(&tb, al->obj.mem);
        for (size_t i = 0; rc == 0 && i < al->entries.n; i++) {
                const struct al_entry *e = bgp_seq_vec_at(&al->entries, i);
                bgp_textbuf_printf(
                    &tb, "bgp as-path access-list %s seq %u %s %s", al->obj.name, (unsigned)e->seq,
                    bgp_policy_action_name((enum bgp_policy_action)e->action), e->text);
                rc = bgp_policy_emit(&tb, fn, ctx);
        }
        bgp_textbuf_free(&tb);
        return rc;
}
