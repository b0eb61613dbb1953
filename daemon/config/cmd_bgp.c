/*
 * cmd_bgp.c - "router bgp ASN" and its instance-wide lines: router-id, the "bgp" flags,
 * and entering and leaving an address family (FRR bgpd/bgp_vty.c).
 *
 * lbgpd runs one BGP instance, in the default VRF, as the seed does.
 */
#include <string.h>

#include "parser.h"
#include "value.h"

int cmd_router_bgp(struct parse *p, const struct cmd_args *a)
{
        struct config_bgp *bgp = &p->cfg->bgp;
        size_t ai = arg_index(a, "asn");
        uint32_t asn;

        value_asn(a->tok[ai].text, &asn);
        if (bgp->given && bgp->asn != asn) {
                /* FRR: "BGP is already running; AS is 201379". */
                parse_error(p, ai,
                            "BGP is already running as AS %u (line %u); lbgpd runs one "
                            "instance",
                            bgp->asn, bgp->loc.line);
                parse_enter(p, NODE_BGP, true);
                return -1;
        }
        if (!bgp->given) {
                bgp->given = true;
                bgp->asn = asn;
                bgp->loc = parse_loc(p, 0);
        }
        parse_enter(p, NODE_BGP, false);
        return 0;
}

int cmd_bgp_router_id(struct parse *p, const struct cmd_args *a)
{
        struct config_bgp *bgp = &p->cfg->bgp;
        size_t ii = arg_index(a, "id");
        uint8_t id[4];

        value_ipv4(a->tok[ii].text, id);
        /* RFC 6286 section 2.1: a non-zero 4-octet value. */
        if (id[0] == 0 && id[1] == 0 && id[2] == 0 && id[3] == 0) {
                parse_error(p, ii, "the router-id cannot be 0.0.0.0 (RFC 6286)");
                return -1;
        }
        if (parse_detached(p))
                return 0;
        bgp->router_id_given = true;
        memcpy(bgp->router_id, id, 4);
        return 0;
}

int cmd_bgp_flag(struct parse *p, const struct cmd_args *a)
{
        struct config_bgp *bgp = &p->cfg->bgp;
        const char *flag = arg_word(a, "flag");
        enum config_tristate v = arg_has(a, "no") ? CONFIG_OFF : CONFIG_ON;

        if (parse_detached(p))
                return 0;
        if (strcmp(flag, "ipv4-unicast") == 0)
                bgp->default_ipv4_unicast = v;
        else if (strcmp(flag, "ebgp-requires-policy") == 0)
                bgp->ebgp_requires_policy = v;
        else
                bgp->log_neighbor_changes = v;
        return 0;
}

int cmd_address_family(struct parse *p, const struct cmd_args *a)
{
        bool v6 = strcmp(arg_word(a, "afi"), "ipv6") == 0;
        enum config_af af = v6 ? CONFIG_AF_IPV6_UNICAST : CONFIG_AF_IPV4_UNICAST;

        p->af = af;
        if (!parse_detached(p) && !p->cfg->bgp.af[af].given) {
                p->cfg->bgp.af[af].given = true;
                p->cfg->bgp.af[af].loc = parse_loc(p, 0);
        }
        parse_enter(p, v6 ? NODE_AF_IPV6 : NODE_AF_IPV4, false);
        return 0;
}

int cmd_exit_address_family(struct parse *p, const struct cmd_args *a)
{
        (void)a;
        p->node = NODE_BGP;
        return 0;
}
