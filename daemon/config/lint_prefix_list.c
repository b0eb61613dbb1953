/*
 * lint_prefix_list.c - deny entries without ge/le that a later permit undoes.
 *
 * "deny fc00::/7" matches fc00::/7 and nothing else: FRR matches an entry without ge/le
 * exactly (lib/plist.c).  In a bogon list that ends in "permit ::/0 le 48", a ULA /48
 * such as fc00::/48 then reaches the permit and is accepted, which is not what the entry's
 * author meant.  The seed's PL-BOGONS has eighteen such entries.  The check asks the list
 * itself: is some more-specific of the denied prefix permitted?  It tries, at every longer
 * length, the first and the last more-specific, which is where exact-match entries and
 * "ge"/"le" bounds make a difference.
 */
#include <stdio.h>

#include "eval.h"
#include "lint.h"

static void check_entry(struct lint *l, const struct config_prefix_list *pl,
                        const struct config_prefix_entry *e)
{
        unsigned max = pl->afi == BGP_AFI_IPV6 ? 128 : 32;
        unsigned lo = 0, hi = 0;
        struct bgp_prefix example;
        const struct config_prefix_entry *permit_by = NULL;

        for (unsigned len = e->prefix.len + 1u; len <= max; len++) {
                for (int last = 0; last < 2; last++) {
                        struct bgp_prefix q;
                        const struct config_prefix_entry *by;
                        eval_subprefix(&e->prefix, len, last, &q);
                        if (eval_prefix_list(pl, &q, &by) != CONFIG_PERMIT)
                                continue;
                        if (lo == 0)
                                lo = len;
                        if (len > hi || permit_by == NULL) {
                                hi = len;
                                example = q;
                                permit_by = by;
                        }
                }
        }
        if (lo == 0)
                return;

        const char *kw = pl->afi == BGP_AFI_IPV6 ? "ipv6" : "ip";
        char pfx[64], ex[64], by[128] = "an empty list";
        bgp_prefix_format(&e->prefix, pfx, sizeof(pfx));
        bgp_prefix_format(&example, ex, sizeof(ex));
        if (permit_by != NULL) {
                if (permit_by->any) {
                        snprintf(by, sizeof(by), "seq %u permit any", (unsigned)permit_by->seq);
                } else {
                        char pp[64];
                        bgp_prefix_format(&permit_by->prefix, pp, sizeof(pp));
                        int n = snprintf(by, sizeof(by), "seq %u permit %s",
                                         (unsigned)permit_by->seq, pp);
                        if (permit_by->ge && n > 0 && (size_t)n < sizeof(by))
                                n += snprintf(by + n, sizeof(by) - (size_t)n, " ge %u",
                                              permit_by->ge);
                        if (permit_by->le && n > 0 && (size_t)n < sizeof(by))
                                snprintf(by + n, sizeof(by) - (size_t)n, " le %u", permit_by->le);
                }
        }
        char range[32];
        if (lo == hi)
                snprintf(range, sizeof(range), "/%u", lo);
        else
                snprintf(range, sizeof(range), "/%u to /%u", lo, hi);

        lint_warn(l, e->loc,
                  "%s prefix-list %s seq %u deny %s has no ge/le, so it denies only %s "
                  "itself: its more-specifics (%s, such as %s) are accepted by %s; to deny "
                  "the whole range write '%s prefix-list %s seq %u deny %s le %u'",
                  kw, pl->name, (unsigned)e->seq, pfx, pfx, range, ex, by, kw, pl->name,
                  (unsigned)e->seq, pfx, max);
}

void lint_prefix_lists(struct lint *l)
{
        for (size_t i = 0; i < l->cfg->n_prefix_lists; i++) {
                const struct config_prefix_list *pl = &l->cfg->prefix_lists[i];
                unsigned max = pl->afi == BGP_AFI_IPV6 ? 128 : 32;
                for (size_t k = 0; k < pl->n_entries; k++) {
                        const struct config_prefix_entry *e = &pl->entries[k];
                        if (e->action == CONFIG_DENY && !e->any && !e->ge && !e->le &&
                            e->prefix.len < max)
                                check_entry(l, pl, e);
                }
        }
}
