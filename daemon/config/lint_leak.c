/*
 * lint_leak.c - outbound policies that could announce more than our own prefixes.
 *
 * An edge network announces its own prefixes to its upstreams and nothing else; passing
 * one upstream's routes to another is a route leak (RFC 7908), the classic way a small AS
 * breaks part of the Internet.  The seed does it right: each upstream's outbound route-map
 * permits only what PL-MY-NET (our /48) matches, and the implicit deny at the end drops the
 * rest.  An outbound policy passes this check when every route it can permit is held to
 * our own networks: by a prefix-list whose permits lie inside our networks, by an as-path
 * list that permits only locally originated routes ("^$"), or by a match that can never
 * hold (an undefined list, a list of the other family: FRR then does not match).
 */
#include <stdio.h>
#include <string.h>

#include "eval.h"
#include "lint.h"

static bool inside_own(const struct config *cfg, enum config_af af, const struct bgp_prefix *p)
{
        const struct config_bgp_af *baf = &cfg->bgp.af[af];
        for (size_t i = 0; i < baf->n_networks; i++)
                if (eval_covers(&baf->networks[i].prefix, p))
                        return true;
        return false;
}

/* A prefix-list that permits nothing outside our networks (and permits something, or it
 * would permit everything: FRR's empty list). */
static bool list_only_own(const struct config *cfg, enum config_af af,
                          const struct config_prefix_list *pl)
{
        if (pl->n_entries == 0)
                return false;
        for (size_t i = 0; i < pl->n_entries; i++) {
                const struct config_prefix_entry *e = &pl->entries[i];
                if (e->action == CONFIG_PERMIT && (e->any || !inside_own(cfg, af, &e->prefix)))
                        return false;
        }
        return true;
}

/* An as-path list that permits only routes we originate (an empty AS path). */
static bool aspath_only_local(const struct config_aspath_list *al)
{
        bool any_permit = false;
        for (size_t i = 0; i < al->n_entries; i++) {
                if (al->entries[i].action != CONFIG_PERMIT)
                        continue;
                if (strcmp(al->entries[i].regex, "^$") != 0)
                        return false;
                any_permit = true;
        }
        return any_permit;
}

/* Whether a route-map entry's matches hold it to our own routes. */
static bool entry_restricted(const struct config *cfg, enum config_af af,
                             const struct config_route_map_entry *e)
{
        for (int m = 0; m < CONFIG_MATCH_COUNT; m++) {
                const char *name = e->match[m].name;
                if (name == NULL)
                        continue;
                switch ((enum config_rm_match_kind)m) {
                case CONFIG_MATCH_IP_PREFIX_LIST:
                case CONFIG_MATCH_IPV6_PREFIX_LIST: {
                        uint16_t afi =
                            m == CONFIG_MATCH_IPV6_PREFIX_LIST ? BGP_AFI_IPV6 : BGP_AFI_IPV4;
                        const struct config_prefix_list *pl =
                            config_find_prefix_list(cfg, afi, name);
                        if (afi != config_af_afi(af) || pl == NULL || list_only_own(cfg, af, pl))
                                return true;
                        break;
                }
                case CONFIG_MATCH_COMMUNITY:
                case CONFIG_MATCH_LARGE_COMMUNITY:
                        if (config_find_community_list(cfg, m == CONFIG_MATCH_LARGE_COMMUNITY,
                                                       name) == NULL)
                                return true;
                        break;
                case CONFIG_MATCH_AS_PATH: {
                        const struct config_aspath_list *al = config_find_aspath_list(cfg, name);
                        if (al == NULL || aspath_only_local(al))
                                return true;
                        break;
                }
                case CONFIG_MATCH_COUNT:
                        break;
                }
        }
        return false;
}

/* The first permit entry not held to our routes, or NULL. */
static const struct config_route_map_entry *
unrestricted_entry(const struct config *cfg, enum config_af af, const struct config_route_map *rm)
{
        for (size_t i = 0; i < rm->n_entries; i++)
                if (rm->entries[i].action == CONFIG_PERMIT &&
                    !entry_restricted(cfg, af, &rm->entries[i]))
                        return &rm->entries[i];
        return NULL;
}

/* A name of a prefix-list that would do, for the advice. */
static const char *own_list_name(const struct config *cfg, enum config_af af)
{
        for (size_t i = 0; i < cfg->n_prefix_lists; i++)
                if (cfg->prefix_lists[i].afi == config_af_afi(af) &&
                    list_only_own(cfg, af, &cfg->prefix_lists[i]))
                        return cfg->prefix_lists[i].name;
        return NULL;
}

static void check(struct lint *l, const struct config_neighbor *nb, enum config_af af)
{
        const struct config *cfg = l->cfg;
        const struct config_neighbor_af *naf = &nb->af[af];
        const struct config_ref *rm_out = &naf->route_map[CONFIG_OUT];
        const struct config_ref *pl_out = &naf->prefix_list[CONFIG_OUT];
        const struct config_ref *fl_out = &naf->filter_list[CONFIG_OUT];
        char why[256] = "";
        struct config_loc loc = nb->loc;

        if (pl_out->name) {
                const struct config_prefix_list *pl =
                    config_find_prefix_list(cfg, config_af_afi(af), pl_out->name);
                /* Undefined: FRR denies everything (lib/plist.c prefix_list_apply). */
                if (pl == NULL || list_only_own(cfg, af, pl))
                        return;
                snprintf(why, sizeof(why), "prefix-list %s permits prefixes outside our networks",
                         pl_out->name);
                loc = pl_out->loc;
        }
        if (fl_out->name) {
                const struct config_aspath_list *al = config_find_aspath_list(cfg, fl_out->name);
                if (al != NULL && aspath_only_local(al))
                        return;
                if (!why[0]) {
                        snprintf(why, sizeof(why),
                                 "as-path access-list %s permits routes we did not originate",
                                 fl_out->name);
                        loc = fl_out->loc;
                }
        }
        if (rm_out->name) {
                const struct config_route_map *rm = config_find_route_map(cfg, rm_out->name);
                const struct config_route_map_entry *e;
                if (rm == NULL || (e = unrestricted_entry(cfg, af, rm)) == NULL)
                        return;
                snprintf(why, sizeof(why),
                         "route-map %s permit %u has no match that holds it to our networks",
                         rm->name, (unsigned)e->seq);
                loc = rm_out->loc;
        }

        if (!why[0]) {
                if (config_ebgp_requires_policy(cfg)) {
                        lint_warn(l, loc,
                                  "eBGP neighbor %s has no outbound policy in %s: with "
                                  "ebgp-requires-policy (FRR's default) nothing is announced "
                                  "to it; add 'neighbor %s route-map NAME out' that permits "
                                  "our own prefixes",
                                  nb->addr_text, config_af_name(af), nb->addr_text);
                        return;
                }
                snprintf(why, sizeof(why), "there is no outbound filter at all");
        }
        const char *list = own_list_name(cfg, af);
        lint_warn(l, loc,
                  "the outbound policy of eBGP neighbor %s in %s can announce routes that are "
                  "not ours (%s): that is a route leak; in every permit entry match a "
                  "prefix-list that permits only our own prefixes%s%s%s",
                  nb->addr_text, config_af_name(af), why, list ? ", such as '" : "",
                  list ? list : "", list ? "'" : "");
}

void lint_leaks(struct lint *l)
{
        const struct config_bgp *bgp = &l->cfg->bgp;

        for (size_t i = 0; i < bgp->n_neighbors; i++) {
                const struct config_neighbor *nb = &bgp->neighbors[i];
                if (!config_neighbor_is_ebgp(l->cfg, nb))
                        continue;
                for (int af = 0; af < CONFIG_AF_COUNT; af++)
                        if (config_neighbor_active(l->cfg, nb, (enum config_af)af))
                                check(l, nb, (enum config_af)af);
        }
}
