/*
 * cmd_static.c - "ip route" and "ipv6 route" (FRR staticd/static_vty.c): the blackhole
 * that covers an originated prefix, and routes towards tunnels and gateways.
 */
#include <arpa/inet.h>
#include <string.h>

#include "parser.h"
#include "value.h"

int cmd_static_route(struct parse *p, const struct cmd_args *a)
{
        struct config *cfg = p->cfg;
        uint16_t afi = strcmp(arg_word(a, "afi"), "ipv6") == 0 ? BGP_AFI_IPV6 : BGP_AFI_IPV4;
        struct config_static_route r = {.loc = parse_loc(p, 0)};
        size_t pi = arg_index(a, "prefix");
        bool host_bits;

        value_prefix(a->tok[pi].text, afi, &r.prefix, &host_bits);
        if (host_bits) {
                char pfx[64];
                bgp_prefix_format(&r.prefix, pfx, sizeof(pfx));
                parse_warning(p, pi,
                              "'%s' has host bits set; it is read as %s (FRR does the same "
                              "without telling): write %s",
                              a->tok[pi].text, pfx, pfx);
        }

        if (arg_has(a, "blackhole")) {
                r.kind = CONFIG_STATIC_BLACKHOLE;
        } else if (arg_has(a, "reject")) {
                r.kind = CONFIG_STATIC_REJECT;
        } else if (arg_has(a, "gateway")) {
                size_t gi = arg_index(a, "gateway");
                r.kind = CONFIG_STATIC_NEXTHOP;
                if (afi == BGP_AFI_IPV6)
                        value_ipv6(a->tok[gi].text, r.nexthop);
                else
                        value_ipv4(a->tok[gi].text, r.nexthop);
                /* A link-local gateway is ambiguous without its interface (FRR staticd
                 * refuses it the same way). */
                if (afi == BGP_AFI_IPV6 && r.nexthop[0] == 0xfe && (r.nexthop[1] & 0xc0) == 0x80 &&
                    !arg_has(a, "ifname")) {
                        parse_error(p, gi,
                                    "link-local gateway %s needs an interface: write "
                                    "'ipv6 route %s %s IFNAME'",
                                    a->tok[gi].text, a->tok[pi].text, a->tok[gi].text);
                        return -1;
                }
        } else {
                r.kind = CONFIG_STATIC_INTERFACE;
        }
        if (arg_has(a, "ifname")) {
                r.ifname = parse_strdup(p, arg_word(a, "ifname"));
                if (r.ifname == NULL)
                        return -1;
        }
        r.tag = arg_u32(a, "tag", 0);
        r.distance = (uint8_t)arg_u32(a, "distance", 0);

        if (ARENA_GROW(p->arena, cfg->static_routes, cfg->n_static_routes) == NULL)
                return parse_nomem(p);
        *(struct config_static_route *)config_array_open(cfg->static_routes, &cfg->n_static_routes,
                                                         sizeof(r), cfg->n_static_routes) = r;
        return 0;
}
