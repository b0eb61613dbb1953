/*
 * policy_build.c - the configuration's prefix-lists, community-lists, AS-path lists and
 * route-maps as libbgp policy objects.
 */
#include <stdio.h>

#include "lbgpd.h"

static enum bgp_policy_action action(enum config_action a)
{
        return a == CONFIG_PERMIT ? BGP_POLICY_PERMIT : BGP_POLICY_DENY;
}

static int prefix_lists(const struct config *cfg, struct bgp_policy *p)
{
        for (size_t i = 0; i < cfg->n_prefix_lists; i++) {
                const struct config_prefix_list *cl = &cfg->prefix_lists[i];
                struct bgp_prefix_list *pl;
                int rc = bgp_policy_prefix_list(p, cl->afi, cl->name, &pl);
                for (size_t k = 0; rc == 0 && k < cl->n_entries; k++) {
                        const struct config_prefix_entry *e = &cl->entries[k];
                        struct bgp_prefix any = {.afi = cl->afi};
                        /* "any" is the whole family: ::/0 le 128 (FRR lib/plist.c). */
                        uint8_t le = e->any ? (cl->afi == BGP_AFI_IPV6 ? 128 : 32) : e->le;
                        rc =
                            bgp_prefix_list_add(pl, e->seq, action(e->action),
                                                e->any ? &any : &e->prefix, e->any ? 0 : e->ge, le);
                }
                if (rc != 0)
                        return rc;
        }
        return 0;
}

static int community_lists(const struct config *cfg, struct bgp_policy *p)
{
        for (size_t i = 0; i < cfg->n_community_lists; i++) {
                const struct config_community_list *cl = &cfg->community_lists[i];
                int rc = 0;
                if (cl->large) {
                        struct bgp_large_community_list *ll;
                        rc = bgp_policy_large_community_list(p, cl->name, &ll);
                        for (size_t k = 0; rc == 0 && k < cl->n_entries; k++) {
                                const struct config_community_entry *e = &cl->entries[k];
                                if (cl->style == CONFIG_LIST_EXPANDED)
                                        rc = bgp_large_community_list_add_expanded(
                                            ll, e->seq, action(e->action), e->regex);
                                else
                                        rc = bgp_large_community_list_add(
                                            ll, e->seq, action(e->action),
                                            (const struct bgp_large_community *)e->large,
                                            e->n_values);
                        }
                } else {
                        struct bgp_community_list *l;
                        rc = bgp_policy_community_list(p, cl->name, &l);
                        for (size_t k = 0; rc == 0 && k < cl->n_entries; k++) {
                                const struct config_community_entry *e = &cl->entries[k];
                                if (cl->style == CONFIG_LIST_EXPANDED)
                                        rc = bgp_community_list_add_expanded(
                                            l, e->seq, action(e->action), e->regex);
                                else
                                        rc = bgp_community_list_add(l, e->seq, action(e->action),
                                                                    e->values, e->n_values);
                        }
                }
                if (rc != 0)
                        return rc;
        }
        for (size_t i = 0; i < cfg->n_aspath_lists; i++) {
                const struct config_aspath_list *al = &cfg->aspath_lists[i];
                struct bgp_aspath_list *l;
                int rc = bgp_policy_aspath_list(p, al->name, &l);
                for (size_t k = 0; rc == 0 && k < al->n_entries; k++)
                        rc = bgp_aspath_list_add(l, al->entries[k].seq,
                                                 action(al->entries[k].action),
                                                 al->entries[k].regex);
                if (rc != 0)
                        return rc;
        }
        return 0;
}

static int route_map_entry(struct bgp_route_map *map, const struct config_route_map_entry *ce)
{
        struct bgp_route_map_entry *e;
        int rc = bgp_route_map_entry(map, action(ce->action), ce->seq, &e);
        const struct config_rm_match *m = ce->match;

        if (rc == 0 && m[CONFIG_MATCH_IP_PREFIX_LIST].name != NULL)
                rc = bgp_route_map_match_prefix_list(e, BGP_AFI_IPV4,
                                                     m[CONFIG_MATCH_IP_PREFIX_LIST].name);
        if (rc == 0 && m[CONFIG_MATCH_IPV6_PREFIX_LIST].name != NULL)
                rc = bgp_route_map_match_prefix_list(e, BGP_AFI_IPV6,
                                                     m[CONFIG_MATCH_IPV6_PREFIX_LIST].name);
        if (rc == 0 && m[CONFIG_MATCH_COMMUNITY].name != NULL)
                rc = bgp_route_map_match_community(e, m[CONFIG_MATCH_COMMUNITY].name,
                                                   m[CONFIG_MATCH_COMMUNITY].exact_match);
        if (rc == 0 && m[CONFIG_MATCH_LARGE_COMMUNITY].name != NULL)
                rc = bgp_route_map_match_large_community(
                    e, m[CONFIG_MATCH_LARGE_COMMUNITY].name,
                    m[CONFIG_MATCH_LARGE_COMMUNITY].exact_match);
        if (rc == 0 && m[CONFIG_MATCH_AS_PATH].name != NULL)
                rc = bgp_route_map_match_as_path(e, m[CONFIG_MATCH_AS_PATH].name);

        const struct config_rm_set_communities *sc = &ce->set_community;
        if (rc == 0 && sc->given)
                rc = sc->none
                         ? bgp_route_map_set_community_none(e)
                         : bgp_route_map_set_community(e, sc->values, sc->n_values, sc->additive);
        const struct config_rm_set_communities *sl = &ce->set_large_community;
        if (rc == 0 && sl->given)
                rc = sl->none ? bgp_route_map_set_large_community_none(e)
                              : bgp_route_map_set_large_community(
                                    e, (const struct bgp_large_community *)sl->large, sl->n_values,
                                    sl->additive);
        if (rc == 0 && ce->set_prepend.n_asns > 0)
                rc = bgp_route_map_set_as_path_prepend(e, ce->set_prepend.asns,
                                                       ce->set_prepend.n_asns);
        if (rc == 0 && ce->set_local_pref.given)
                rc = bgp_route_map_set_local_pref(e, BGP_RM_VALUE_SET, ce->set_local_pref.value);
        if (rc == 0 && ce->set_metric.given)
                rc = bgp_route_map_set_metric(e, BGP_RM_VALUE_SET, ce->set_metric.value);
        if (rc == 0 && ce->set_ipv6_nexthop_global.given)
                rc = bgp_route_map_set_ipv6_next_hop(e, ce->set_ipv6_nexthop_global.addr);
        /* FRR: "on-match next", "on-match goto N" and "continue [N]" all go on matching. */
        if (rc == 0 && ce->on_match == CONFIG_ON_MATCH_NEXT)
                rc = bgp_route_map_set_exit(e, BGP_RM_NEXT, 0);
        if (rc == 0 && ce->on_match == CONFIG_ON_MATCH_GOTO)
                rc = bgp_route_map_set_exit(e, BGP_RM_GOTO, ce->on_match_goto);
        if (rc == 0 && ce->has_continue)
                rc = ce->continue_seq == 0
                         ? bgp_route_map_set_exit(e, BGP_RM_NEXT, 0)
                         : bgp_route_map_set_exit(e, BGP_RM_GOTO, ce->continue_seq);
        return rc;
}

int lbgpd_policy_fill(const struct config *cfg, struct bgp_policy *p, char *err, size_t errlen)
{
        err[0] = '\0';
        int rc = prefix_lists(cfg, p);
        if (rc == 0)
                rc = community_lists(cfg, p);
        for (size_t i = 0; rc == 0 && i < cfg->n_route_maps; i++) {
                const struct config_route_map *cm = &cfg->route_maps[i];
                struct bgp_route_map *map;
                rc = bgp_policy_route_map(p, cm->name, &map);
                for (size_t k = 0; rc == 0 && k < cm->n_entries; k++) {
                        rc = route_map_entry(map, &cm->entries[k]);
                        if (rc != 0)
                                snprintf(err, errlen, "%s:%u: route-map %s: %s",
                                         cm->entries[k].loc.file, cm->entries[k].loc.line, cm->name,
                                         bgp_strerror(rc));
                }
        }
        if (rc != 0 && err[0] == '\0')
                snprintf(err, errlen, "policy: %s", bgp_strerror(rc));
        return rc;
}

void lbgpd_policy_clear(const struct config *cfg, struct bgp_policy *p)
{
        /* By the names cfg gave them: the registry holds nothing else. */
        for (size_t i = 0; i < cfg->n_route_maps; i++)
                bgp_policy_remove_route_map(p, cfg->route_maps[i].name);
        for (size_t i = 0; i < cfg->n_prefix_lists; i++)
                bgp_policy_remove_prefix_list(p, cfg->prefix_lists[i].afi,
                                              cfg->prefix_lists[i].name);
        for (size_t i = 0; i < cfg->n_community_lists; i++) {
                const struct config_community_list *cl = &cfg->community_lists[i];
                if (cl->large)
                        bgp_policy_remove_large_community_list(p, cl->name);
                else
                        bgp_policy_remove_community_list(p, cl->name);
        }
        for (size_t i = 0; i < cfg->n_aspath_lists; i++)
                bgp_policy_remove_aspath_list(p, cfg->aspath_lists[i].name);
}

int lbgpd_policy_build(const struct config *cfg, struct bgp_policy **out, char *err, size_t errlen)
{
        struct bgp_policy *p;
        err[0] = '\0';
        int rc = bgp_policy_new(&p, NULL);
        if (rc != 0) {
                snprintf(err, errlen, "policy: %s", bgp_strerror(rc));
                return rc;
        }
        rc = lbgpd_policy_fill(cfg, p, err, errlen);
        if (rc != 0) {
                bgp_policy_del(p);
                return rc;
        }
        *out = p;
        return 0;
}
