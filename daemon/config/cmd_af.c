/*
 * cmd_af.c - the lines of "address-family ipv4|ipv6 unicast": the networks we originate
 * and the per-family neighbor settings (FRR bgpd/bgp_vty.c, bgpd/bgp_route.c).
 */
#include <string.h>

#include "parser.h"
#include "value.h"

/*
 * The family a line is about.  In router bgp itself, outside any address-family, FRR
 * applies these lines to IPv4 unicast.  Without indentation that is easy to get wrong: a
 * "neighbor X remote-as" inside an address-family block leaves it (FRR's parent-node
 * rule), and the "neighbor X activate" after it then means IPv4.  So say it.
 */
static enum config_af line_af(struct parse *p)
{
        if (p->node != NODE_BGP)
                return p->af;
        parse_warning(p, 0,
                      "this line is outside any address-family, so it applies to ipv4 "
                      "unicast (as in FRR); if it is meant for another family, write it after "
                      "'address-family ... unicast'");
        return CONFIG_AF_IPV4_UNICAST;
}

int cmd_af_network(struct parse *p, const struct cmd_args *a)
{
        enum config_af which = line_af(p);
        struct config_bgp_af *af = &p->cfg->bgp.af[which];
        uint16_t afi = config_af_afi(which);
        size_t pi = arg_index(a, "prefix");
        struct config_network n = {.loc = parse_loc(p, 0)};
        bool host_bits;
        char pfx[64];

        value_prefix(a->tok[pi].text, afi, &n.prefix, &host_bits);
        bgp_prefix_format(&n.prefix, pfx, sizeof(pfx));
        if (host_bits)
                parse_warning(p, pi,
                              "'%s' has host bits set; it is read as %s (FRR does the same "
                              "without telling): write %s",
                              a->tok[pi].text, pfx, pfx);
        if (parse_detached(p))
                return 0;

        for (size_t i = 0; i < af->n_networks; i++) {
                if (memcmp(&af->networks[i].prefix, &n.prefix, sizeof(n.prefix)) == 0) {
                        /* FRR replaces the route-map of an existing network. */
                        af->networks[i].route_map = NULL;
                        if (arg_has(a, "route_map")) {
                                af->networks[i].route_map =
                                    parse_strdup(p, arg_word(a, "route_map"));
                                if (af->networks[i].route_map == NULL)
                                        return -1;
                        }
                        return 0;
                }
        }
        if (arg_has(a, "route_map")) {
                n.route_map = parse_strdup(p, arg_word(a, "route_map"));
                if (n.route_map == NULL)
                        return -1;
        }
        if (ARENA_GROW(p->arena, af->networks, af->n_networks) == NULL)
                return parse_nomem(p);
        *(struct config_network *)config_array_open(af->networks, &af->n_networks, sizeof(n),
                                                    af->n_networks) = n;
        return 0;
}

int cmd_af_activate(struct parse *p, const struct cmd_args *a)
{
        enum config_af af = line_af(p);
        struct config_neighbor *nb = neighbor_lookup(p, a);
        if (nb == NULL)
                return parse_detached(p) ? 0 : -1;
        struct config_neighbor_af *naf = &nb->af[af];
        naf->activate = arg_has(a, "no") ? CONFIG_OFF : CONFIG_ON;
        naf->activate_loc = parse_loc(p, 0);
        return 0;
}

static int set_ref(struct parse *p, const struct cmd_args *a, struct config_ref ref[2])
{
        enum config_dir dir = strcmp(arg_word(a, "dir"), "in") == 0 ? CONFIG_IN : CONFIG_OUT;
        ref[dir].loc = parse_loc(p, 0);
        ref[dir].name = parse_strdup(p, arg_word(a, "name"));
        return ref[dir].name ? 0 : -1;
}

int cmd_af_neighbor(struct parse *p, const struct cmd_args *a)
{
        const char *opt = arg_word(a, "opt");

        if (strcmp(opt, "maximum-prefix") == 0 && arg_has(a, "restart") &&
            arg_has(a, "warning_only")) {
                /* FRR takes one or the other: a warning-only limit never tears down the
                 * session, so there is nothing to restart. */
                parse_error(p, arg_index(a, "warning_only"),
                            "maximum-prefix takes either restart or warning-only, not both");
                return -1;
        }

        enum config_af af = line_af(p);
        struct config_neighbor *nb = neighbor_lookup(p, a);
        if (nb == NULL)
                return parse_detached(p) ? 0 : -1;
        struct config_neighbor_af *naf = &nb->af[af];
        if (!naf->any_setting) {
                naf->any_setting = true;
                naf->first_setting_loc = parse_loc(p, 0);
        }

        if (strcmp(opt, "soft-reconfiguration") == 0) {
                naf->soft_reconfig_in = true;
                naf->soft_reconfig_loc = parse_loc(p, 0);
                return 0;
        }
        if (strcmp(opt, "next-hop-self") == 0) {
                naf->next_hop_self = true;
                naf->next_hop_self_force = arg_has(a, "force");
                naf->next_hop_self_loc = parse_loc(p, 0);
                return 0;
        }
        if (strcmp(opt, "maximum-prefix") == 0) {
                struct config_max_prefix *mp = &naf->max_prefix;
                mp->loc = parse_loc(p, 0);
                mp->given = true;
                mp->max = arg_u32(a, "max", 0);
                mp->threshold = (uint8_t)arg_u32(a, "threshold", 0);
                mp->restart = (uint16_t)arg_u32(a, "restart", 0);
                mp->warning_only = arg_has(a, "warning_only");
                mp->force = arg_has(a, "force");
                return 0;
        }
        if (strcmp(opt, "route-map") == 0)
                return set_ref(p, a, naf->route_map);
        if (strcmp(opt, "prefix-list") == 0)
                return set_ref(p, a, naf->prefix_list);
        return set_ref(p, a, naf->filter_list);
}
