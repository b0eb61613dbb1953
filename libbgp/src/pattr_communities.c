/*
 * pattr_communities.c - the COMMUNITIES (RFC 1997) and LARGE_COMMUNITY (RFC 8092) values of a
 * bgp_pattr: setting and adding them as a route-map does, and their text as FRR prints it.
 *
 * Both are kept sorted numerically without duplicates, as FRR keeps them
 * (bgpd/bgp_community.c community_uniq_sort after parsing, community_str2com, and every
 * "set community"), so FRR's expanded community-lists see the same text here.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "pattr.h"
#include "textbuf.h"

static int cmp_u32(const void *a, const void *b)
{
        uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
        return x < y ? -1 : x > y;
}

int bgp_large_community_cmp(const struct bgp_large_community *a,
                            const struct bgp_large_community *b)
{
        if (a->global != b->global)
                return a->global < b->global ? -1 : 1;
        if (a->local1 != b->local1)
                return a->local1 < b->local1 ? -1 : 1;
        if (a->local2 != b->local2)
                return a->local2 < b->local2 ? -1 : 1;
        return 0;
}

static int cmp_large(const void *a, const void *b)
{
        return bgp_large_community_cmp(a, b);
}

void bgp_communities_normalise(uint32_t *c, size_t *n)
{
        size_t k = 0;

        if (*n == 0)
                return;
        qsort(c, *n, sizeof(*c), cmp_u32);
        for (size_t i = 1; i < *n; i++)
                if (c[i] != c[k])
                        c[++k] = c[i];
        *n = k + 1;
}

void bgp_large_communities_normalise(struct bgp_large_community *c, size_t *n)
{
        size_t k = 0;

        if (*n == 0)
                return;
        qsort(c, *n, sizeof(*c), cmp_large);
        for (size_t i = 1; i < *n; i++)
                if (bgp_large_community_cmp(&c[i], &c[k]) != 0)
                        c[++k] = c[i];
        *n = k + 1;
}

/*
 * Builds old (when additive) followed by c into a new array of item-sized values; the
 * caller normalises.  *out is NULL when the result is empty.
 */
static int combine(const struct bgp_mem *m, const void *old, size_t n_old, const void *c, size_t n,
                   bool additive, size_t item, void **out, size_t *n_out)
{
        size_t keep = additive ? n_old : 0;

        *out = NULL;
        *n_out = 0;
        if (keep + n == 0)
                return 0;
        if (keep > ((size_t)-1) / item - n)
                return BGP_ERR_NOMEM;
        uint8_t *v = bgp_mem_calloc(m, keep + n, item);
        if (v == NULL)
                return BGP_ERR_NOMEM;
        if (keep > 0)
                memcpy(v, old, keep * item);
        if (n > 0)
                memcpy(v + keep * item, c, n * item);
        *out = v;
        *n_out = keep + n;
        return 0;
}

/* "set community ... [additive]" (FRR bgpd/bgp_routemap.c route_set_community): replace,
 * or merge with what the route has; n == 0 without additive is "set community none". */
int bgp_pattr_set_communities(struct bgp_pattr *pa, const uint32_t *c, size_t n, bool additive)
{
        struct bgp_mem m = bgp_pattr_mem(pa);
        void *v;
        size_t nv;

        int rc = combine(&m, pa->communities, pa->n_communities, c, n, additive, sizeof(uint32_t),
                         &v, &nv);
        if (rc != 0)
                return rc;
        bgp_communities_normalise(v, &nv);
        bgp_mem_free(&m, pa->communities);
        pa->communities = v;
        pa->n_communities = nv;
        return 0;
}

int bgp_pattr_set_large_communities(struct bgp_pattr *pa, const struct bgp_large_community *c,
                                    size_t n, bool additive)
{
        struct bgp_mem m = bgp_pattr_mem(pa);
        void *v;
        size_t nv;

        int rc = combine(&m, pa->large_communities, pa->n_large_communities, c, n, additive,
                         sizeof(struct bgp_large_community), &v, &nv);
        if (rc != 0)
                return rc;
        bgp_large_communities_normalise(v, &nv);
        bgp_mem_free(&m, pa->large_communities);
        pa->large_communities = v;
        pa->n_large_communities = nv;
        return 0;
}

bool bgp_pattr_has_community(const struct bgp_pattr *pa, uint32_t c)
{
        for (size_t i = 0; i < pa->n_communities; i++)
                if (pa->communities[i] == c)
                        return true;
        return false;
}

/* FRR community_str: well-known communities by name, others as "AS:VAL", space apart. */
int bgp_pattr_communities_text(const struct bgp_pattr *pa, const struct bgp_mem *mem, char **out)
{
        struct bgp_textbuf tb;

        bgp_textbuf_init(&tb, mem);
        for (size_t i = 0; i < pa->n_communities; i++) {
                uint32_t c = pa->communities[i];
                const char *name = bgp_community_name(c);
                if (i > 0)
                        bgp_textbuf_puts(&tb, " ");
                if (name != NULL)
                        bgp_textbuf_puts(&tb, name);
                else
                        bgp_textbuf_printf(&tb, "%" PRIu32 ":%" PRIu32, c >> 16, c & 0xffff);
        }
        return bgp_textbuf_take(&tb, out);
}

/* FRR lcommunity_str: "GLOBAL:LOCAL1:LOCAL2", space apart. */
int bgp_pattr_large_communities_text(const struct bgp_pattr *pa, const struct bgp_mem *mem,
                                     char **out)
{
        struct bgp_textbuf tb;

        bgp_textbuf_init(&tb, mem);
        for (size_t i = 0; i < pa->n_large_communities; i++) {
                const struct bgp_large_community *lc = &pa->large_communities[i];
                bgp_textbuf_printf(&tb, "%s%" PRIu32 ":%" PRIu32 ":%" PRIu32, i > 0 ? " " : "",
                                   lc->global, lc->local1, lc->local2);
        }
        return bgp_textbuf_take(&tb, out);
}
