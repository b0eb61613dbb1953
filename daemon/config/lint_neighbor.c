/*
 * lint_neighbor.c - what an eBGP session to a transit or peer should have, per the
 * write-up: an inbound filter, a maximum-prefix limit sized for today's table, GTSM
 * (ttl-security), and an inbound policy that refuses our own prefix and its more-specifics
 * (a peer announcing those is a hijack or a loop).  Also settings written for a family in
 * which the neighbor is not activated, and an update-source of the wrong family.
 */
#include <stdio.h>

#include "eval.h"
#include "lint.h"

static bool has_inbound_filter(const struct config_neighbor_af *naf)
{
        return naf->route_map[CONFIG_IN].name || naf->prefix_list[CONFIG_IN].name ||
               naf->filter_list[CONFIG_IN].name;
}

/* The line that best stands for the neighbor in family af. */
static struct config_loc af_loc(const struct config_neighbor *nb, enum config_af af)
{
        const struct config_neighbor_af *naf = &nb->af[af];
        if (naf->activate_loc.line)
                return naf->activate_loc;
        return nb->loc;
}

static void lint_max_prefix_size(struct lint *l, const struct config_neighbor *nb,
                                 enum config_af af)
{
        const struct config_max_prefix *mp = &nb->af[af].max_prefix;
        bool v6 = af == CONFIG_AF_IPV6_UNICAST;
        uint32_t table = v6 ? l->opts->ipv6_table_size : l->opts->ipv4_table_size;
        const char *source = v6 ? l->opts->ipv6_table_source : l->opts->ipv4_table_source;

        if (table == 0 || !mp->given)
                return;
        uint64_t margin = (uint64_t)table * l->opts->margin_percent / 100;
        /* A limit far below the table is a deliberate partial-feed limit. */
        if ((uint64_t)mp->max + margin < table || (uint64_t)mp->max > table + margin)
                return;

        char tab[16], want[16], warn[16];
        unsigned threshold = mp->threshold ? mp->threshold : 75; /* FRR's default */
        uint32_t warn_at = (uint32_t)((uint64_t)mp->max * threshold / 100);
        lint_thousands(table, tab, sizeof(tab));
        lint_thousands(warn_at, warn, sizeof(warn));
        uint64_t at_least = ((uint64_t)table + margin + 99) / 100 * 100;
        lint_thousands(at_least > UINT32_MAX ? UINT32_MAX : (uint32_t)at_least, want, sizeof(want));

        const char *consequence;
        char restart[96];
        if (mp->warning_only) {
                consequence = "and that is only logged (warning-only)";
        } else if (mp->restart) {
                snprintf(restart, sizeof(restart),
                         "and the session is torn down, to retry after %u minutes",
                         (unsigned)mp->restart);
                consequence = restart;
        } else {
                consequence = "and the session is torn down until it is cleared by hand";
        }

        char what[256];
        if (mp->max < table)
                snprintf(what, sizeof(what), "is below the size of today's %s table",
                         v6 ? "IPv6" : "IPv4");
        else
                snprintf(what, sizeof(what), "is within %u%% of the size of today's %s table",
                         l->opts->margin_percent, v6 ? "IPv6" : "IPv4");
        lint_warn(l, mp->loc,
                  "neighbor %s maximum-prefix %u (warning at %u%%, %s) %s (%s prefixes, %s): "
                  "%s %s; for a full feed use at least %s (the table plus %u%%)",
                  nb->addr_text, (unsigned)mp->max, threshold, warn, what, tab,
                  source ? source : "reference",
                  mp->max < table ? "one full feed already exceeds it"
                                  : "ordinary table growth will reach it",
                  consequence, want, l->opts->margin_percent);
}

/* Our own prefixes (networks of family af), or more-specifics of them, accepted inbound. */
static void lint_own_prefix(struct lint *l, const struct config_neighbor *nb, enum config_af af)
{
        const struct config_bgp_af *baf = &l->cfg->bgp.af[af];
        unsigned max = af == CONFIG_AF_IPV6_UNICAST ? 128 : 32;

        for (size_t i = 0; i < baf->n_networks; i++) {
                const struct bgp_prefix *own = &baf->networks[i].prefix;
                struct bgp_prefix hit;
                bool found = false;

                for (unsigned len = own->len; len <= max && !found; len++) {
                        for (int last = 0; last < 2 && !found; last++) {
                                eval_subprefix(own, len, last, &hit);
                                found = eval_inbound_may_accept(l->cfg, nb, af, &hit);
                        }
                }
                if (!found)
                        continue;
                char o[64], h[64], what[160];
                bgp_prefix_format(own, o, sizeof(o));
                bgp_prefix_format(&hit, h, sizeof(h));
                if (hit.len == own->len)
                        snprintf(what, sizeof(what), "our own prefix %s", o);
                else
                        snprintf(what, sizeof(what), "%s, a more-specific of our own %s", h, o);
                const struct config_neighbor_af *naf = &nb->af[af];
                struct config_loc loc = naf->route_map[CONFIG_IN].name
                                            ? naf->route_map[CONFIG_IN].loc
                                            : naf->prefix_list[CONFIG_IN].loc;
                lint_warn(l, loc.line ? loc : af_loc(nb, af),
                          "the inbound policy of eBGP neighbor %s accepts %s: routes into our "
                          "own network from outside are a hijack or a loop; deny it with its "
                          "more-specifics, e.g. '%s prefix-list NAME seq N deny %s le %u'",
                          nb->addr_text, what, max == 128 ? "ipv6" : "ip", o, max);
        }
}

static void lint_ebgp_af(struct lint *l, const struct config_neighbor *nb, enum config_af af)
{
        const struct config_neighbor_af *naf = &nb->af[af];
        bool requires = config_ebgp_requires_policy(l->cfg);

        if (!has_inbound_filter(naf)) {
                lint_warn(l, af_loc(nb, af),
                          "eBGP neighbor %s has no inbound filter in %s (route-map, "
                          "prefix-list or filter-list in): %s; filter bogons, our own prefix "
                          "and too-long prefixes, e.g. 'neighbor %s route-map NAME in'",
                          nb->addr_text, config_af_name(af),
                          requires ? "with ebgp-requires-policy (FRR's default) no route from "
                                     "it is accepted at all"
                                   : "every route it sends is accepted",
                          nb->addr_text);
        } else {
                lint_own_prefix(l, nb, af);
        }
        if (!naf->max_prefix.given)
                lint_warn(l, af_loc(nb, af),
                          "eBGP neighbor %s has no maximum-prefix in %s: nothing stops a leak "
                          "of a full table or more from it; add 'neighbor %s maximum-prefix "
                          "N' sized for what it should send",
                          nb->addr_text, config_af_name(af), nb->addr_text);
        else
                lint_max_prefix_size(l, nb, af);
}

static void lint_gtsm(struct lint *l, const struct config_neighbor *nb)
{
        if (nb->ttl_security_hops)
                return;
        if (nb->ebgp_multihop) {
                if (nb->password == NULL)
                        lint_warn(l, nb->ebgp_multihop_loc,
                                  "multihop eBGP neighbor %s has neither ttl-security (which "
                                  "multihop rules out) nor a password: anyone who can reach "
                                  "the port can try to spoof the session; set 'neighbor %s "
                                  "password SECRET' (TCP-MD5, RFC 2385)",
                                  nb->addr_text, nb->addr_text);
                return;
        }
        lint_warn(l, nb->loc,
                  "eBGP neighbor %s has no ttl-security: packets from farther away than the "
                  "peer are accepted; for a directly connected peer add 'neighbor %s "
                  "ttl-security hops 1' (GTSM, RFC 5082)",
                  nb->addr_text, nb->addr_text);
}

static void lint_inactive_settings(struct lint *l, const struct config_neighbor *nb)
{
        for (int af = 0; af < CONFIG_AF_COUNT; af++) {
                const struct config_neighbor_af *naf = &nb->af[af];
                if (!naf->any_setting || config_neighbor_active(l->cfg, nb, (enum config_af)af))
                        continue;
                lint_warn(l, naf->first_setting_loc,
                          "neighbor %s is not activated in address-family %s, so its settings "
                          "there have no effect; add 'neighbor %s activate' in that "
                          "address-family",
                          nb->addr_text, config_af_name((enum config_af)af), nb->addr_text);
        }
}

static void lint_update_source(struct lint *l, const struct config_neighbor *nb)
{
        if (nb->update_source.kind != CONFIG_UPDATE_SOURCE_ADDRESS ||
            nb->update_source.afi == nb->afi)
                return;
        lint_warn(l, nb->loc,
                  "neighbor %s is an %s address but its update-source is %s: the session "
                  "cannot be sourced from it",
                  nb->addr_text, nb->afi == BGP_AFI_IPV6 ? "IPv6" : "IPv4",
                  nb->update_source.afi == BGP_AFI_IPV6 ? "IPv6" : "IPv4");
}

void lint_neighbors(struct lint *l)
{
        const struct config_bgp *bgp = &l->cfg->bgp;

        for (size_t i = 0; i < bgp->n_neighbors; i++) {
                const struct config_neighbor *nb = &bgp->neighbors[i];
                lint_inactive_settings(l, nb);
                lint_update_source(l, nb);
                if (!config_neighbor_is_ebgp(l->cfg, nb))
                        continue;
                lint_gtsm(l, nb);
                for (int af = 0; af < CONFIG_AF_COUNT; af++)
                        if (config_neighbor_active(l->cfg, nb, (enum config_af)af))
                                lint_ebgp_af(l, nb, (enum config_af)af);
        }
}
