/* table.c - the table model of table.h: interning, steps, per-family prefix lists. */
#include <stdlib.h>
#include <string.h>

#include "table.h"

void rtable_init(struct rtable *t, uint32_t local_as, uint32_t families)
{
        memset(t, 0, sizeof(*t));
        t->local_as = local_as;
        t->families = families;
}

void rtable_families_free(struct rtable_family *f, size_t n)
{
        for (size_t i = 0; i < n; i++) {
                free(f[i].pfx);
                f[i].pfx = NULL;
                f[i].n = 0;
        }
}

void rtable_free(struct rtable *t)
{
        for (size_t i = 0; i < t->n_sets; i++) {
                bgp_pattr_free(&t->sets[i].pa);
                free(t->sets[i].key);
        }
        free(t->sets);
        free(t->slots);
        free(t->pfx);
        free(t->steps);
        free(t->pending);
        rtable_families_free(t->fam, t->n_fam);
        memset(t, 0, sizeof(*t));
}

/* Grows *p (of *cap items of size sz) to hold need items. */
static int grow(void *p, size_t *cap, size_t need, size_t sz)
{
        if (need <= *cap)
                return 0;
        size_t c = *cap ? *cap : 64;
        while (c < need)
                c *= 2;
        void *n = realloc(*(void **)p, c * sz);
        if (n == NULL)
                return BGP_ERR_NOMEM;
        *(void **)p = n;
        *cap = c;
        return 0;
}

/* ---- interning ------------------------------------------------------------------------ */

struct keybuf {
        uint8_t *b;
        size_t len, cap;
        bool failed;
};

static void put(struct keybuf *k, const void *v, size_t n)
{
        if (k->failed || n == 0)
                return;
        if (grow(&k->b, &k->cap, k->len + n, 1) != 0) {
                k->failed = true;
                return;
        }
        memcpy(k->b + k->len, v, n);
        k->len += n;
}

static void put_size(struct keybuf *k, size_t n)
{
        uint32_t v = (uint32_t)n;
        put(k, &v, sizeof(v));
}

/* Every field that reaches the wire, next hop excepted (the session sets it). */
static int make_key(const struct bgp_pattr *pa, struct keybuf *k)
{
        uint32_t fixed[8] = {pa->has & ~(uint32_t)(BGP_PA_NEXT_HOP | BGP_PA_LL_NEXT_HOP),
                             pa->origin,
                             pa->med,
                             pa->local_pref,
                             pa->aggregator_as,
                             pa->aggregator_addr,
                             pa->originator_id,
                             pa->otc};
        put(k, fixed, sizeof(fixed));
        put_size(k, pa->as_path_len);
        put(k, pa->as_path, pa->as_path_len);
        put_size(k, pa->n_communities);
        put(k, pa->communities, pa->n_communities * sizeof(*pa->communities));
        put_size(k, pa->n_ext_communities);
        put(k, pa->ext_communities, pa->n_ext_communities * sizeof(*pa->ext_communities));
        put_size(k, pa->n_large_communities);
        put(k, pa->large_communities, pa->n_large_communities * sizeof(*pa->large_communities));
        put_size(k, pa->n_cluster_list);
        put(k, pa->cluster_list, pa->n_cluster_list * sizeof(*pa->cluster_list));
        put_size(k, pa->n_raw);
        for (size_t i = 0; i < pa->n_raw; i++) {
                const struct bgp_attr_raw *r = &pa->raw[i];
                uint8_t h[4] = {r->flags, r->type, (uint8_t)(r->len >> 8), (uint8_t)r->len};
                put(k, h, sizeof(h));
                put(k, r->value, r->len);
        }
        return k->failed ? BGP_ERR_NOMEM : 0;
}

static uint32_t fnv1a(const uint8_t *p, size_t n)
{
        uint32_t h = 2166136261u;
        for (size_t i = 0; i < n; i++)
                h = (h ^ p[i]) * 16777619u;
        return h;
}

static int rehash(struct rtable *t)
{
        size_t n = t->n_slots ? t->n_slots * 2 : 1024;
        uint32_t *s = calloc(n, sizeof(*s));
        if (s == NULL)
                return BGP_ERR_NOMEM;
        for (size_t i = 0; i < t->n_sets; i++) {
                size_t j = t->sets[i].hash & (n - 1);
                while (s[j] != 0)
                        j = (j + 1) & (n - 1);
                s[j] = (uint32_t)i + 1;
        }
        free(t->slots);
        t->slots = s;
        t->n_slots = n;
        return 0;
}

int rtable_intern_pattr(struct rtable *t, struct bgp_pattr *pa, uint32_t *set)
{
        struct keybuf k = {0};
        int rc;

        pa->has &= ~(uint32_t)(BGP_PA_NEXT_HOP | BGP_PA_LL_NEXT_HOP);
        pa->nh_afi = 0;
        memset(pa->next_hop, 0, sizeof(pa->next_hop));
        memset(pa->ll_next_hop, 0, sizeof(pa->ll_next_hop));
        if ((rc = make_key(pa, &k)) != 0)
                goto fail;
        uint32_t h = fnv1a(k.b, k.len);
        if (t->n_slots > 0) {
                for (size_t j = h & (t->n_slots - 1); t->slots[j] != 0;
                     j = (j + 1) & (t->n_slots - 1)) {
                        const struct rtable_set *s = &t->sets[t->slots[j] - 1];
                        if (s->hash == h && s->key_len == k.len &&
                            memcmp(s->key, k.b, k.len) == 0) {
                                *set = t->slots[j] - 1;
                                rc = 0;
                                goto fail; /* found: drop the copy */
                        }
                }
        }
        if ((t->n_sets + 1) * 2 > t->n_slots && (rc = rehash(t)) != 0)
                goto fail;
        if ((rc = grow(&t->sets, &t->cap_sets, t->n_sets + 1, sizeof(*t->sets))) != 0)
                goto fail;
        struct rtable_set *s = &t->sets[t->n_sets];
        s->pa = *pa;
        s->key = k.b;
        s->key_len = k.len;
        s->hash = h;
        size_t j = h & (t->n_slots - 1);
        while (t->slots[j] != 0)
                j = (j + 1) & (t->n_slots - 1);
        t->slots[j] = (uint32_t)t->n_sets + 1;
        *set = (uint32_t)t->n_sets++;
        return 0;
fail:
        free(k.b);
        bgp_pattr_free(pa);
        return rc;
}

int rtable_intern(struct rtable *t, const struct bgp_attrs *a, uint32_t *set)
{
        struct bgp_pattr pa;
        bgp_pattr_init(&pa, NULL);
        int rc = bgp_pattr_from_update(&pa, a);
        if (rc == 0 && t->local_as != 0)
                rc = bgp_pattr_prepend(&pa, t->local_as, 1);
        if (rc != 0) {
                bgp_pattr_free(&pa);
                return rc;
        }
        return rtable_intern_pattr(t, &pa, set);
}

/* ---- prefixes and steps --------------------------------------------------------------- */

bool rtable_wants(struct rtable *t, uint16_t afi, uint8_t safi)
{
        uint32_t f = bgp_family_of(afi, safi);
        return f != 0 && (t->families & f) != 0;
}

int rtable_add(struct rtable *t, uint32_t set, uint8_t safi, const struct bgp_prefix *pfx)
{
        if (grow(&t->pending, &t->cap_pending, t->n_pending + 1, sizeof(*t->pending)) != 0)
                return BGP_ERR_NOMEM;
        t->pending[t->n_pending] = (struct rtable_pending){
            .set = set, .safi = safi, .order = (uint32_t)t->n_pending, .pfx = *pfx};
        t->n_pending++;
        return 0;
}

int rtable_step_add(struct rtable *t, enum rstep_kind kind, uint32_t set, uint8_t safi,
                    const struct bgp_prefix *pfx, size_t n)
{
        if (n == 0)
                return 0;
        if (grow(&t->pfx, &t->cap_pfx, t->n_pfx + n, sizeof(*t->pfx)) != 0)
                return BGP_ERR_NOMEM;
        memcpy(t->pfx + t->n_pfx, pfx, n * sizeof(*pfx));
        struct rtable_step *last = t->n_steps ? &t->steps[t->n_steps - 1] : NULL;
        if (last != NULL && last->kind == kind && last->afi == pfx->afi && last->safi == safi &&
            (kind == RSTEP_WITHDRAW || last->set == set) && last->first + last->n == t->n_pfx) {
                last->n += n;
        } else {
                if (grow(&t->steps, &t->cap_steps, t->n_steps + 1, sizeof(*t->steps)) != 0)
                        return BGP_ERR_NOMEM;
                t->steps[t->n_steps++] = (struct rtable_step){.kind = kind,
                                                              .set = set,
                                                              .afi = pfx->afi,
                                                              .safi = safi,
                                                              .first = t->n_pfx,
                                                              .n = n};
        }
        t->n_pfx += n;
        if (kind == RSTEP_ANNOUNCE)
                t->announced += n;
        else
                t->withdrawn += n;
        return 0;
}

int rtable_prefix_cmp(const struct bgp_prefix *a, const struct bgp_prefix *b)
{
        if (a->afi != b->afi)
                return a->afi < b->afi ? -1 : 1;
        int c = memcmp(a->addr, b->addr, sizeof(a->addr));
        if (c != 0)
                return c;
        return a->len < b->len ? -1 : a->len > b->len;
}

static int pending_cmp(const void *x, const void *y)
{
        const struct rtable_pending *a = x, *b = y;
        if (a->set != b->set)
                return a->set < b->set ? -1 : 1;
        if (a->pfx.afi != b->pfx.afi)
                return a->pfx.afi < b->pfx.afi ? -1 : 1;
        if (a->safi != b->safi)
                return a->safi < b->safi ? -1 : 1;
        return a->order < b->order ? -1 : a->order > b->order;
}

static int pfx_cmp(const void *x, const void *y)
{
        return rtable_prefix_cmp(x, y);
}

static struct rtable_family *family(struct rtable *t, uint16_t afi, uint8_t safi)
{
        for (size_t j = 0; j < t->n_fam; j++)
                if (t->fam[j].afi == afi && t->fam[j].safi == safi)
                        return &t->fam[j];
        if (t->n_fam == RTABLE_MAX_FAMILIES)
                return NULL;
        struct rtable_family *f = &t->fam[t->n_fam++];
        *f = (struct rtable_family){.afi = afi, .safi = safi};
        return f;
}

/* The announced prefixes of each family, sorted, duplicates removed. */
static int build_families(struct rtable *t)
{
        size_t count[RTABLE_MAX_FAMILIES] = {0};
        for (int pass = 0; pass < 2; pass++) {
                for (size_t i = 0; i < t->n_steps; i++) {
                        const struct rtable_step *st = &t->steps[i];
                        struct rtable_family *f;
                        if (st->kind != RSTEP_ANNOUNCE ||
                            (f = family(t, st->afi, st->safi)) == NULL)
                                continue;
                        if (pass == 0) {
                                count[f - t->fam] += st->n;
                                continue;
                        }
                        memcpy(f->pfx + f->n, t->pfx + st->first, st->n * sizeof(*f->pfx));
                        f->n += st->n;
                }
                if (pass == 0)
                        for (size_t j = 0; j < t->n_fam; j++)
                                if ((t->fam[j].pfx = malloc((count[j] + 1) *
                                                            sizeof(struct bgp_prefix))) == NULL)
                                        return BGP_ERR_NOMEM;
        }
        for (size_t j = 0; j < t->n_fam; j++) {
                struct rtable_family *f = &t->fam[j];
                if (f->n == 0)
                        continue;
                qsort(f->pfx, f->n, sizeof(*f->pfx), pfx_cmp);
                size_t o = 1;
                for (size_t i = 1; i < f->n; i++)
                        if (rtable_prefix_cmp(&f->pfx[i], &f->pfx[o - 1]) != 0)
                                f->pfx[o++] = f->pfx[i];
                f->n = o;
        }
        return 0;
}

int rtable_finish(struct rtable *t)
{
        /* Sets in the order they first appeared, each set's prefixes in arrival order. */
        if (t->n_pending > 0)
                qsort(t->pending, t->n_pending, sizeof(*t->pending), pending_cmp);
        for (size_t i = 0; i < t->n_pending;) {
                size_t j = i;
                while (j < t->n_pending && t->pending[j].set == t->pending[i].set &&
                       t->pending[j].pfx.afi == t->pending[i].pfx.afi &&
                       t->pending[j].safi == t->pending[i].safi)
                        j++;
                for (size_t k = i; k < j; k++) {
                        int rc = rtable_step_add(t, RSTEP_ANNOUNCE, t->pending[k].set,
                                                 t->pending[k].safi, &t->pending[k].pfx, 1);
                        if (rc != 0)
                                return rc;
                }
                i = j;
        }
        free(t->pending);
        t->pending = NULL;
        t->n_pending = t->cap_pending = 0;
        rtable_families_free(t->fam, t->n_fam);
        t->n_fam = 0;
        return build_families(t);
}

size_t rtable_prefix_count(const struct rtable *t)
{
        size_t n = 0;
        for (size_t j = 0; j < t->n_fam; j++)
                n += t->fam[j].n;
        return n;
}

int rtable_diff(const struct rtable *a, const struct rtable *b, struct rtable_family *out,
                size_t *n_out)
{
        *n_out = 0;
        for (size_t i = 0; i < a->n_fam; i++) {
                const struct rtable_family *fa = &a->fam[i], *fb = NULL;
                for (size_t j = 0; j < b->n_fam; j++)
                        if (b->fam[j].afi == fa->afi && b->fam[j].safi == fa->safi)
                                fb = &b->fam[j];
                struct rtable_family *o = &out[(*n_out)++];
                *o = (struct rtable_family){.afi = fa->afi, .safi = fa->safi};
                o->pfx = malloc((fa->n ? fa->n : 1) * sizeof(*o->pfx));
                if (o->pfx == NULL) {
                        rtable_families_free(out, *n_out);
                        return BGP_ERR_NOMEM;
                }
                size_t k = 0;
                for (size_t x = 0; x < fa->n; x++) {
                        while (fb != NULL && k < fb->n &&
                               rtable_prefix_cmp(&fb->pfx[k], &fa->pfx[x]) < 0)
                                k++;
                        if (fb == NULL || k == fb->n ||
                            rtable_prefix_cmp(&fb->pfx[k], &fa->pfx[x]) != 0)
                                o->pfx[o->n++] = fa->pfx[x];
                }
        }
        return 0;
}
