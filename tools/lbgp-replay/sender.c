/* sender.c - the job queue of sender.h, packed with libbgp's UPDATE builder. */
#include <stdlib.h>
#include <string.h>

#include "sender.h"

void sender_init(struct sender *s, const struct bgp_codec_opts *opts)
{
        memset(s, 0, sizeof(*s));
        s->opts = *opts;
}

void sender_free(struct sender *s)
{
        free(s->scratch);
        s->scratch = NULL;
        s->scratch_cap = 0;
}

void sender_set_next_hops(struct sender *s, const uint8_t *nh6, const uint8_t *nh4)
{
        s->have_nh6 = nh6 != NULL;
        s->have_nh4 = nh4 != NULL;
        if (nh6 != NULL)
                memcpy(s->nh6, nh6, 16);
        if (nh4 != NULL)
                memcpy(s->nh4, nh4, 4);
        s->cached = false;
}

static int push(struct sender *s, const struct sjob *j)
{
        if (s->n_jobs == SENDER_MAX_JOBS) {
                /* Done jobs make room: the queue only ever grows at the end. */
                if (s->cur == 0)
                        return BGP_ERR_NOMEM;
                memmove(s->jobs, s->jobs + s->cur, (s->n_jobs - s->cur) * sizeof(*j));
                s->n_jobs -= s->cur;
                s->cur = 0;
        }
        s->jobs[s->n_jobs++] = *j;
        return 0;
}

int sender_push_table(struct sender *s, const struct rtable *t)
{
        return push(s, &(struct sjob){.kind = SJOB_TABLE, .t = t});
}

int sender_push_withdraw(struct sender *s, const struct rtable_family *fam, size_t n_fam)
{
        return push(s, &(struct sjob){.kind = SJOB_WITHDRAW, .fam = fam, .n_fam = n_fam});
}

int sender_push_eor(struct sender *s)
{
        static const struct {
                uint16_t afi;
                uint8_t safi;
        } order[] = {{BGP_AFI_IPV6, BGP_SAFI_UNICAST},
                     {BGP_AFI_IPV4, BGP_SAFI_UNICAST},
                     {BGP_AFI_IPV6, BGP_SAFI_MULTICAST},
                     {BGP_AFI_IPV4, BGP_SAFI_MULTICAST}};
        for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
                if (!(s->opts.families & bgp_family_of(order[i].afi, order[i].safi)))
                        continue;
                int rc = push(s, &(struct sjob){
                                     .kind = SJOB_EOR, .afi = order[i].afi, .safi = order[i].safi});
                if (rc != 0)
                        return rc;
        }
        return 0;
}

bool sender_idle(const struct sender *s)
{
        return s->cur == s->n_jobs;
}

static void next_job(struct sender *s)
{
        s->cur++;
        s->step = 0;
        s->done = 0;
        s->cached = false;
}

/* Whether the session can carry a family, counting the prefixes it cannot. */
static bool sendable(struct sender *s, uint16_t afi, uint8_t safi, size_t n)
{
        if (!(s->opts.families & bgp_family_of(afi, safi))) {
                s->st.skipped_family += n;
                return false;
        }
        return true;
}

/* The step's set as the codec's attributes, with our next hop (RFC 4271 5.1.3). */
static int step_attrs(struct sender *s, const struct rtable *t, size_t i, bool *ok)
{
        const struct rtable_step *st = &t->steps[i];
        if (s->cached && s->cached_t == t && s->cached_step == i) {
                *ok = true;
                return 0;
        }
        struct bgp_pattr pa = t->sets[st->set].pa; /* a view: only read */
        *ok = false;
        if (st->afi == BGP_AFI_IPV6 ? !s->have_nh6 : !s->have_nh4) {
                /* Fall back to the other family's address only where it is valid: an
                 * IPv6 route may carry an IPv4-mapped next hop, nothing else may. */
                if (st->afi == BGP_AFI_IPV6 && s->have_nh4) {
                        uint8_t mapped[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
                        memcpy(mapped + 12, s->nh4, 4);
                        memcpy(pa.next_hop, mapped, 16);
                } else {
                        s->st.skipped_nexthop += st->n;
                        return 0;
                }
        } else if (st->afi == BGP_AFI_IPV6) {
                memcpy(pa.next_hop, s->nh6, 16);
        } else {
                memset(pa.next_hop, 0, 16);
                memcpy(pa.next_hop, s->nh4, 4);
        }
        pa.has |= BGP_PA_NEXT_HOP;
        pa.has &= ~(uint32_t)BGP_PA_LL_NEXT_HOP;
        pa.nh_afi = st->afi == BGP_AFI_IPV6 ? BGP_AFI_IPV6 : BGP_AFI_IPV4;
        size_t need = 4 * pa.n_communities + 8 * pa.n_ext_communities +
                      12 * pa.n_large_communities + 4 * pa.n_cluster_list + 16;
        if (need > s->scratch_cap) {
                uint8_t *n = realloc(s->scratch, need);
                if (n == NULL)
                        return BGP_ERR_NOMEM;
                s->scratch = n;
                s->scratch_cap = need;
        }
        int rc = bgp_pattr_to_attrs(&pa, st->afi, &s->attrs, s->scratch, s->scratch_cap);
        if (rc != 0)
                return rc;
        if (st->afi != BGP_AFI_IPV4 || st->safi != BGP_SAFI_UNICAST) {
                s->attrs.mp_reach.afi = st->afi;
                s->attrs.mp_reach.safi = st->safi;
        }
        s->cached = true;
        s->cached_t = t;
        s->cached_step = i;
        *ok = true;
        return 0;
}

static int account(struct sender *s, int len)
{
        if (len > 0) {
                s->st.updates++;
                s->st.bytes += (uint64_t)len;
        }
        return len;
}

static int table_next(struct sender *s, const struct rtable *t, uint8_t *buf, size_t cap)
{
        while (s->step < t->n_steps) {
                const struct rtable_step *st = &t->steps[s->step];
                const struct bgp_prefix *pfx = t->pfx + st->first;
                if (s->done >= st->n || (s->done == 0 && !sendable(s, st->afi, st->safi, st->n))) {
                        s->step++;
                        s->done = 0;
                        continue;
                }
                size_t before = s->done;
                int len;
                if (st->kind == RSTEP_WITHDRAW) {
                        len = bgp_update_build_withdraw(buf, cap, &s->opts, st->safi, pfx, st->n,
                                                        &s->done);
                        if (len > 0)
                                s->st.withdrawn += s->done - before;
                } else {
                        bool ok;
                        int rc = step_attrs(s, t, s->step, &ok);
                        if (rc != 0)
                                return rc;
                        if (!ok) {
                                s->step++;
                                s->done = 0;
                                continue;
                        }
                        size_t upto = st->n;
                        if (s->per_update != 0 && st->n - s->done > s->per_update)
                                upto = s->done + s->per_update;
                        len = bgp_update_build_announce(buf, cap, &s->opts, &s->attrs, st->safi,
                                                        pfx, upto, &s->done);
                        if (len > 0)
                                s->st.announced += s->done - before;
                }
                if (len < 0) {
                        /* A set too large for one message with even one prefix: skip it. */
                        s->st.skipped_family += st->n - s->done;
                        s->step++;
                        s->done = 0;
                        continue;
                }
                return account(s, len);
        }
        return 0;
}

static int withdraw_next(struct sender *s, const struct sjob *j, uint8_t *buf, size_t cap)
{
        while (s->step < j->n_fam) {
                const struct rtable_family *f = &j->fam[s->step];
                if (s->done >= f->n || (s->done == 0 && !sendable(s, f->afi, f->safi, f->n))) {
                        s->step++;
                        s->done = 0;
                        continue;
                }
                size_t before = s->done;
                int len =
                    bgp_update_build_withdraw(buf, cap, &s->opts, f->safi, f->pfx, f->n, &s->done);
                if (len < 0)
                        return len;
                s->st.withdrawn += s->done - before;
                return account(s, len);
        }
        return 0;
}

int sender_next(struct sender *s, uint8_t *buf, size_t cap)
{
        while (s->cur < s->n_jobs) {
                const struct sjob *j = &s->jobs[s->cur];
                int len = 0;
                switch (j->kind) {
                case SJOB_TABLE:
                        len = table_next(s, j->t, buf, cap);
                        break;
                case SJOB_WITHDRAW:
                        len = withdraw_next(s, j, buf, cap);
                        break;
                case SJOB_EOR:
                        len = bgp_update_build_eor(buf, cap, j->afi, j->safi);
                        next_job(s);
                        if (len > 0)
                                s->st.eor++;
                        return account(s, len);
                }
                if (len != 0)
                        return len;
                next_job(s);
        }
        return 0;
}
