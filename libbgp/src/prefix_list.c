/*
 * prefix_list.c - "ip prefix-list" and "ipv6 prefix-list" with FRR's semantics (FRR docs
 * "IP Prefix List"; lib/plist.c prefix_list_entry_match and prefix_list_apply_which_prefix).
 *
 * Entries are tried in seq order and the first one that matches decides; none matching is
 * a deny.  An entry without ge and le matches its prefix exactly; with them, any prefix
 * inside it whose length lies in [ge, le], where a missing ge is the entry's own length and
 * a missing le the family's maximum.  A list without entries permits everything, and no
 * list at all denies everything (both lib/plist.c).
 *
 * A linear scan: the lists this library is meant for (bogon filters, own prefixes) have a
 * few dozen entries.  FRR's per-list trie only speeds the same first-match search up.
 */
#include <stdlib.h>
#include <string.h>

#include "policy_int.h"

struct pl_entry {
        uint32_t seq; /* first: see struct bgp_seq_vec */
        uint8_t action;
        uint8_t ge; /* 0: not given */
        uint8_t le; /* 0: not given */
        struct bgp_prefix pfx;
};

struct bgp_prefix_list {
        struct bgp_policy_obj obj;
        struct bgp_seq_vec entries;
        char *description;
};

static void entry_fini(const struct bgp_mem *mem, void *item)
{
        (void)mem;
        (void)item;
}

struct bgp_policy_obj *bgp_prefix_list_obj_new(const struct bgp_mem *mem)
{
        struct bgp_prefix_list *pl = bgp_mem_calloc(mem, 1, sizeof(*pl));
        if (pl == NULL)
                return NULL;
        pl->obj.mem = mem;
        bgp_seq_vec_init(&pl->entries, sizeof(struct pl_entry));
        return &pl->obj;
}

void bgp_prefix_list_obj_del(struct bgp_policy_obj *o)
{
        struct bgp_prefix_list *pl = (struct bgp_prefix_list *)o;
        const struct bgp_mem *mem = o->mem;

        bgp_seq_vec_free(mem, &pl->entries, entry_fini);
        bgp_mem_free(mem, pl->description);
        bgp_mem_free(mem, pl);
}

static unsigned max_bits(uint16_t afi)
{
        return afi == BGP_AFI_IPV6 ? 128 : 32;
}

/* True when the first bits of a and b are equal. */
static bool same_bits(const uint8_t *a, const uint8_t *b, unsigned bits)
{
        unsigned bytes = bits / 8, rest = bits % 8;

        for (unsigned i = 0; i < bytes; i++)
                if (a[i] != b[i])
                        return false;
        if (rest == 0)
                return true;
        uint8_t mask = (uint8_t)(0xff << (8 - rest));
        return (a[bytes] & mask) == (b[bytes] & mask);
}

/* FRR lib/plist.c prefix_list_entry_match.  Lengths are checked before any address bit:
 * most entries of a bogon list are exact prefixes that a /48 fails on its length alone. */
static bool entry_matches(const struct pl_entry *e, const struct bgp_prefix *p)
{
        if (e->pfx.afi != p->afi || p->len < e->pfx.len)
                return false;
        /* "In the case of no le or ge command, the prefix length must match exactly the
         * length specified in the prefix list." (FRR docs) */
        if (e->ge == 0 && e->le == 0) {
                if (p->len != e->pfx.len)
                        return false;
        } else if ((e->le != 0 && p->len > e->le) || (e->ge != 0 && p->len < e->ge)) {
                return false;
        }
        return same_bits(e->pfx.addr, p->addr, e->pfx.len);
}

int bgp_prefix_list_add(struct bgp_prefix_list *pl, int64_t seq, enum bgp_policy_action action,
                        const struct bgp_prefix *pfx, uint8_t ge, uint8_t le)
{
        struct pl_entry e;

        if (action != BGP_POLICY_PERMIT && action != BGP_POLICY_DENY)
                return BGP_ERR_INVALID_ARGUMENT;
        if (pfx->afi != pl->obj.afi || pfx->len > max_bits(pfx->afi))
                return BGP_ERR_INVALID_ARGUMENT;
        /* lib/plist.c and FRR's "Invalid prefix range for %s, make sure: len < ge-value <=
         * le-value": ge beyond the length, le at least the length, ge not above le. */
        if (ge > max_bits(pfx->afi) || le > max_bits(pfx->afi))
                return BGP_ERR_INVALID_ARGUMENT;
        if ((ge != 0 && ge <= pfx->len) || (le != 0 && le < pfx->len) ||
            (ge != 0 && le != 0 && ge > le))
                return BGP_ERR_INVALID_ARGUMENT;
        int rc = bgp_seq_vec_resolve(&pl->entries, seq, &e.seq);
        if (rc != 0)
                return rc;
        e.action = (uint8_t)action;
        e.ge = ge;
        e.le = le;
        /* FRR masks host bits ("prefix changed from %s to %s to match length"). */
        memset(&e.pfx, 0, sizeof(e.pfx));
        e.pfx.afi = pfx->afi;
        e.pfx.len = pfx->len;
        for (unsigned i = 0; i < pfx->len; i++)
                e.pfx.addr[i / 8] |= (uint8_t)(pfx->addr[i / 8] & (0x80 >> (i % 8)));
        /* The same rule under another seq is ignored (lib/plist.c prefix_entry_dup_check). */
        for (size_t i = 0; i < pl->entries.n; i++) {
                const struct pl_entry *o = bgp_seq_vec_at(&pl->entries, i);
                if (o->seq != e.seq && o->action == e.action && o->ge == e.ge && o->le == e.le &&
                    o->pfx.len == e.pfx.len &&
                    memcmp(o->pfx.addr, e.pfx.addr, sizeof(e.pfx.addr)) == 0)
                        return 0;
        }
        return bgp_seq_vec_put(pl->obj.mem, &pl->entries, &e, entry_fini);
}

int bgp_prefix_list_remove(struct bgp_prefix_list *pl, uint32_t seq)
{
        return bgp_seq_vec_remove(pl->obj.mem, &pl->entries, seq, entry_fini);
}

int bgp_prefix_list_set_description(struct bgp_prefix_list *pl, const char *text)
{
        char *copy = NULL;

        if (text != NULL) {
                size_t n = strlen(text);
                copy = bgp_mem_alloc(pl->obj.mem, n + 1);
                if (copy == NULL)
                        return BGP_ERR_NOMEM;
                memcpy(copy, text, n + 1);
        }
        bgp_mem_free(pl->obj.mem, pl->description);
        pl->description = copy;
        return 0;
}

enum bgp_policy_action bgp_prefix_list_match(const struct bgp_prefix_list *pl,
                                             const struct bgp_prefix *pfx)
{
        if (pl == NULL)
                return BGP_POLICY_DENY;
        if (pl->entries.n == 0)
                return BGP_POLICY_PERMIT;
        const struct pl_entry *e = (const struct pl_entry *)(const void *)pl->entries.items;
        for (size_t i = 0; i < pl->entries.n; i++)
                if (entry_matches(&e[i], pfx))
                        return (enum bgp_policy_action)e[i].action;
        return BGP_POLICY_DENY;
}

const char *bgp_prefix_list_name(const struct bgp_prefix_list *pl)
{
        return pl->obj.name;
}

size_t bgp_prefix_list_count(const struct bgp_prefix_list *pl)
{
        return pl->entries.n;
}

int bgp_prefix_list_print(const struct bgp_prefix_list *pl, bgp_policy_print_fn fn, void *ctx)
{
        const char *family = pl->obj.afi == BGP_AFI_IPV6 ? "ipv6" : "ip";
        struct bgp_textbuf tb;
        int rc = 0;

        bgp_textbuf_init(&tb, pl->obj.mem);
        if (pl->description != NULL) {
                bgp_textbuf_printf(&tb, "%s prefix-list %s description %s", family, pl->obj.name,
                                   pl->description);
                rc = bgp_policy_emit(&tb, fn, ctx);
        }
        for (size_t i = 0; rc == 0 && i < pl->entries.n; i++) {
                const struct pl_entry *e = bgp_seq_vec_at(&pl->entries, i);
                char text[64];
                bgp_prefix_format(&e->pfx, text, sizeof(text));
                bgp_textbuf_printf(&tb, "%s prefix-list %s seq %u %s %s", family, pl->obj.name,
                                   (unsigned)e->seq,
                                   bgp_policy_action_name((enum bgp_policy_action)e->action), text);
                if (e->ge != 0)
                        bgp_textbuf_printf(&tb, " ge %u", (unsigned)e->ge);
                if (e->le != 0)
                        bgp_textbuf_printf(&tb, " le %u", (unsigned)e->le);
                rc = bgp_policy_emit(&tb, fn, ctx);
        }
        bgp_textbuf_free(&tb);
        return rc;
}
