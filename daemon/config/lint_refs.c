/*
 * lint_refs.c - names that refer to nothing.
 *
 * FRR lets a route-map or a neighbor name a list that does not exist (yet): it is looked up
 * when used, so the order of a file does not matter and a list can be added at run time.
 * That makes a typo silent, and the silent behaviour is severe: a neighbor's undefined
 * route-map or prefix-list denies every route, and a route-map match on an undefined list
 * never matches.  So each such name is a warning, with what FRR does about it.
 */
#include "lint.h"

static bool prefix_list_exists(const struct config *cfg, uint16_t afi, const char *name)
{
        return config_find_prefix_list(cfg, afi, name) != NULL;
}

static void check_route_map_matches(struct lint *l)
{
        const struct config *cfg = l->cfg;

        for (size_t i = 0; i < cfg->n_route_maps; i++) {
                const struct config_route_map *rm = &cfg->route_maps[i];
                for (size_t k = 0; k < rm->n_entries; k++) {
                        const struct config_route_map_entry *e = &rm->entries[k];
                        const struct config_rm_match *m = e->match;
                        const char *what = NULL;
                        for (int kind = 0; kind < CONFIG_MATCH_COUNT; kind++) {
                                const char *name = m[kind].name;
                                bool exists = true;
                                if (name == NULL)
                                        continue;
                                switch ((enum config_rm_match_kind)kind) {
                                case CONFIG_MATCH_IP_PREFIX_LIST:
                                        exists = prefix_list_exists(cfg, BGP_AFI_IPV4, name);
                                        what = "ip prefix-list";
                                        break;
                                case CONFIG_MATCH_IPV6_PREFIX_LIST:
                                        exists = prefix_list_exists(cfg, BGP_AFI_IPV6, name);
                                        what = "ipv6 prefix-list";
                                        break;
                                case CONFIG_MATCH_COMMUNITY:
                                        exists = config_find_community_list(cfg, false, name);
                                        what = "community-list";
                                        break;
                                case CONFIG_MATCH_LARGE_COMMUNITY:
                                        exists = config_find_community_list(cfg, true, name);
                                        what = "large-community-list";
                                        break;
                                case CONFIG_MATCH_AS_PATH:
                                        exists = config_find_aspath_list(cfg, name);
                                        what = "as-path access-list";
                                        break;
                                case CONFIG_MATCH_COUNT:
                                        break;
                                }
                                if (!exists)
                                        lint_warn(l, m[kind].loc,
                                                  "%s %s is not defined: route-map %s %s %u "
                                                  "never matches",
                                                  what, name, rm->name,
                                                  e->action == CONFIG_PERMIT ? "permit" : "deny",
                                                  (unsigned)e->seq);
                        }
                }
        }
}

static void check_neighbor_refs(struct lint *l, const struct config_neighbor *nb)
{
        const struct config *cfg = l->cfg;

        for (int af = 0; af < CONFIG_AF_COUNT; af++) {
                const struct config_neighbor_af *naf = &nb->af[af];
                uint16_t afi = config_af_afi((enum config_af)af);
                for (int d = 0; d < CONFIG_DIR_COUNT; d++) {
                        const char *dir = d == CONFIG_IN ? "in" : "out";
                        const char *to = d == CONFIG_IN ? "from" : "to";
                        const struct config_ref *r = &naf->route_map[d];
                        if (r->name && !config_find_route_map(cfg, r->name))
                                lint_warn(l, r->loc,
                                          "route-map %s is not defined: every route %s "
                                          "neighbor %s is denied (%s)",
                                          r->name, to, nb->addr_text, dir);
                        r = &naf->prefix_list[d];
                        if (r->name && !prefix_list_exists(cfg, afi, r->name))
                                lint_warn(l, r->loc,
                                          "%s prefix-list %s is not defined: every route %s "
                                          "neighbor %s is denied (%s)",
                                          afi == BGP_AFI_IPV6 ? "ipv6" : "ip", r->name, to,
                                          nb->addr_text, dir);
                        r = &naf->filter_list[d];
                        if (r->name && !config_find_aspath_list(cfg, r->name))
                                lint_warn(l, r->loc,
                                          "as-path access-list %s is not defined (filter-list "
                                          "%s of neighbor %s)",
                                          r->name, dir, nb->addr_text);
                }
        }
}

void lint_refs(struct lint *l)
{
        const struct config *cfg = l->cfg;

        check_route_map_matches(l);
        for (size_t i = 0; i < cfg->bgp.n_neighbors; i++)
                check_neighbor_refs(l, &cfg->bgp.neighbors[i]);
        for (int af = 0; af < CONFIG_AF_COUNT; af++) {
                for (size_t i = 0; i < cfg->bgp.af[af].n_networks; i++) {
                        const struct config_network *n = &cfg->bgp.af[af].networks[i];
                        if (n->route_map && !config_find_route_map(cfg, n->route_map))
                                lint_warn(l, n->loc,
                                          "route-map %s is not defined: the network is not "
                                          "announced",
                                          n->route_map);
                }
        }
}
