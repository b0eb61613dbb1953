/*
 * cmd_neighbor.c - "neighbor ADDR ..." lines of router bgp: the session settings
 * (FRR bgpd/bgp_vty.c).
 *
 * A neighbor comes into being with "remote-as"; any other line about an address that has
 * none yet is an error, as in FRR ("Specify remote-as or peer-group commands first").
 * Peer groups and interface (unnumbered) neighbors are not part of the subset.
 */
#include <arpa/inet.h>
#include <string.h>

#include "parser.h"
#include "value.h"

static void read_addr(const char *text, uint16_t *afi, uint8_t addr[16])
{
        memset(addr, 0, 16);
        if (value_ipv4(text, addr))
                *afi = BGP_AFI_IPV4;
        else if (value_ipv6(text, addr))
                *afi = BGP_AFI_IPV6;
}

static struct config_neighbor *find(struct config_bgp *bgp, uint16_t afi, const uint8_t *addr)
{
        for (size_t i = 0; i < bgp->n_neighbors; i++)
                if (bgp->neighbors[i].afi == afi && memcmp(bgp->neighbors[i].addr, addr, 16) == 0)
                        return &bgp->neighbors[i];
        return NULL;
}

struct config_neighbor *neighbor_lookup(struct parse *p, const struct cmd_args *a)
{
        size_t pi = arg_index(a, "peer");
        uint16_t afi = 0;
        uint8_t addr[16];

        read_addr(a->tok[pi].text, &afi, addr);
        if (parse_detached(p))
                return NULL;
        struct config_neighbor *nb = find(&p->cfg->bgp, afi, addr);
        if (nb == NULL)
                parse_error(p, pi,
                            "neighbor %s has no remote-as yet: write 'neighbor %s remote-as "
                            "ASN' in router bgp before this line",
                            a->tok[pi].text, a->tok[pi].text);
        return nb;
}

int cmd_neighbor_remote_as(struct parse *p, const struct cmd_args *a)
{
        struct config_bgp *bgp = &p->cfg->bgp;
        size_t pi = arg_index(a, "peer");
        uint16_t afi = 0;
        uint8_t addr[16];

        read_addr(a->tok[pi].text, &afi, addr);
        if (parse_detached(p))
                return 0;
        struct config_neighbor *nb = find(bgp, afi, addr);
        if (nb == NULL) {
                if (ARENA_GROW(p->arena, bgp->neighbors, bgp->n_neighbors) == NULL)
                        return parse_nomem(p);
                nb = config_array_open(bgp->neighbors, &bgp->n_neighbors, sizeof(*nb),
                                       bgp->n_neighbors);
                nb->afi = afi;
                memcpy(nb->addr, addr, 16);
                char text[INET6_ADDRSTRLEN];
                inet_ntop(afi == BGP_AFI_IPV6 ? AF_INET6 : AF_INET, addr, text, sizeof(text));
                nb->addr_text = parse_strdup(p, text);
                if (nb->addr_text == NULL)
                        return -1;
                nb->loc = parse_loc(p, 0);
        }
        /* A second remote-as changes it, as in FRR. */
        if (arg_has(a, "internal")) {
                nb->remote_as_kind = CONFIG_REMOTE_AS_INTERNAL;
                nb->remote_as = 0;
        } else if (arg_has(a, "external")) {
                nb->remote_as_kind = CONFIG_REMOTE_AS_EXTERNAL;
                nb->remote_as = 0;
        } else {
                nb->remote_as_kind = CONFIG_REMOTE_AS_NUMBER;
                value_asn(arg_word(a, "asn"), &nb->remote_as);
        }
        return 0;
}

static int set_update_source(struct parse *p, const struct cmd_args *a, struct config_neighbor *nb)
{
        if (arg_has(a, "ifname")) {
                nb->update_source.kind = CONFIG_UPDATE_SOURCE_INTERFACE;
                nb->update_source.ifname = parse_strdup(p, arg_word(a, "ifname"));
                return nb->update_source.ifname ? 0 : -1;
        }
        nb->update_source.kind = CONFIG_UPDATE_SOURCE_ADDRESS;
        nb->update_source.ifname = NULL;
        read_addr(arg_word(a, "addr"), &nb->update_source.afi, nb->update_source.addr);
        return 0;
}

int cmd_neighbor_option(struct parse *p, const struct cmd_args *a)
{
        const char *opt = arg_word(a, "opt");

        /* Range checks that do not depend on the neighbor come first, so that a detached
         * block still reports them. */
        if (strcmp(opt, "timers") == 0) {
                uint32_t hold = arg_u32(a, "holdtime", 0);
                /* RFC 4271 section 4.2: zero or at least three seconds. */
                if (hold != 0 && hold < 3) {
                        parse_error(p, arg_index(a, "holdtime"),
                                    "hold time %u is invalid: it is 0 or at least 3 seconds "
                                    "(RFC 4271 4.2)",
                                    hold);
                        return -1;
                }
        }

        struct config_neighbor *nb = neighbor_lookup(p, a);
        if (nb == NULL)
                return parse_detached(p) ? 0 : -1;

        if (strcmp(opt, "description") == 0) {
                nb->description = arg_text(p, a, "text");
                return nb->description ? 0 : -1;
        }
        if (strcmp(opt, "ttl-security") == 0) {
                nb->ttl_security_hops = (uint8_t)arg_u32(a, "hops", 0);
                nb->ttl_security_loc = parse_loc(p, 0);
                return 0;
        }
        if (strcmp(opt, "path-attribute") == 0) {
                /* FRR: "neighbor X path-attribute discard (1-255)..." replaces the list. */
                const struct pat_capture *c = pat_capture_get(a->m, "types");
                struct bgp_codec_opts o;
                memset(&o, 0, sizeof(o));
                for (size_t i = 0; i < c->count; i++) {
                        uint32_t type = 0;
                        (void)value_u32(a->tok[c->first + i].text, 1, 255, &type);
                        if (bgp_codec_opts_discard(&o, (uint8_t)type) != 0) {
                                /* Without ORIGIN, AS_PATH, NEXT_HOP or the MP attributes
                                 * no route is left; FRR refuses them too. */
                                parse_error(p, c->first + i,
                                            "path attribute %u cannot be discarded", type);
                                return -1;
                        }
                }
                memcpy(nb->discard_attrs, o.discard, sizeof(nb->discard_attrs));
                return 0;
        }
        if (strcmp(opt, "ebgp-multihop") == 0) {
                /* Without a count FRR allows the maximum, 255 hops. */
                nb->ebgp_multihop = (uint8_t)arg_u32(a, "hops", 255);
                nb->ebgp_multihop_given = arg_has(a, "hops");
                nb->ebgp_multihop_loc = parse_loc(p, 0);
                return 0;
        }
        if (strcmp(opt, "update-source") == 0)
                return set_update_source(p, a, nb);
        if (strcmp(opt, "password") == 0) {
                nb->password = parse_strdup(p, arg_word(a, "password"));
                return nb->password ? 0 : -1;
        }
        if (strcmp(opt, "shutdown") == 0) {
                nb->shutdown = true;
                nb->shutdown_message = NULL;
                if (arg_has(a, "text")) {
                        /* RFC 9003 section 2: at most 255 octets of UTF-8 go in the
                         * NOTIFICATION. */
                        nb->shutdown_message = arg_text(p, a, "text");
                        if (nb->shutdown_message == NULL)
                                return -1;
                        if (strlen(nb->shutdown_message) > 255) {
                                parse_error(p, arg_index(a, "text"),
                                            "shutdown message is %zu bytes; RFC 9003 allows "
                                            "at most 255",
                                            strlen(nb->shutdown_message));
                                return -1;
                        }
                }
                return 0;
        }
        if (strcmp(opt, "passive") == 0) {
                nb->passive = true;
                return 0;
        }
        if (strcmp(opt, "timers") == 0) {
                nb->timers_given = true;
                nb->keepalive = (uint16_t)arg_u32(a, "keepalive", 0);
                nb->holdtime = (uint16_t)arg_u32(a, "holdtime", 0);
                return 0;
        }
        if (strcmp(opt, "connect") == 0) {
                nb->connect_retry = (uint16_t)arg_u32(a, "connect", 0);
                return 0;
        }
        /* local-as */
        value_asn(arg_word(a, "asn"), &nb->local_as);
        nb->local_as_loc = parse_loc(p, 0);
        nb->local_as_no_prepend = arg_has(a, "no_prepend");
        nb->local_as_replace_as = arg_has(a, "replace_as");
        return 0;
}
