/*
 * tconf_validate.c - the checks of a whole tunnel description (tconf.h), after each line
 * parsed: what is missing, what contradicts what, what the kernel would refuse or would
 * do wrong.  Each error points at the word it is about.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "encap.h"
#include "tconf.h"

struct check {
        const struct tunnel_conf *c;
        struct config_diags *diags;
};

static void at(struct check *k, enum config_severity sev, struct tconf_loc loc, const char *fmt,
               ...) __attribute__((format(printf, 4, 5)));

static void at(struct check *k, enum config_severity sev, struct tconf_loc loc, const char *fmt,
               ...)
{
        char msg[512];
        va_list ap;

        va_start(ap, fmt);
        vsnprintf(msg, sizeof(msg), fmt, ap);
        va_end(ap);
        config_diags_add(k->diags, sev, k->c->file, loc.line, loc.col, "%s", msg);
}

#define ERR(k, loc, ...)  at(k, CONFIG_SEV_ERROR, loc, __VA_ARGS__)
#define WARN(k, loc, ...) at(k, CONFIG_SEV_WARNING, loc, __VA_ARGS__)

/* ---- addresses and prefixes --------------------------------------------------------- */

static bool bits_equal(const uint8_t *a, const uint8_t *b, unsigned bits)
{
        unsigned whole = bits / 8, rest = bits % 8;

        if (memcmp(a, b, whole) != 0)
                return false;
        if (rest == 0)
                return true;
        return ((a[whole] ^ b[whole]) & (uint8_t)(0xff00u >> rest)) == 0;
}

static bool prefix_has(const struct bgp_prefix *p, const uint8_t addr[16])
{
        return bits_equal(p->addr, addr, p->len);
}

static bool prefixes_overlap(const struct bgp_prefix *a, const struct bgp_prefix *b)
{
        return bits_equal(a->addr, b->addr, a->len < b->len ? a->len : b->len);
}

static bool prefix_same(const struct bgp_prefix *a, const struct bgp_prefix *b)
{
        return a->len == b->len && bits_equal(a->addr, b->addr, a->len);
}

static const char *fmt_prefix(const struct bgp_prefix *p, char *buf, size_t len)
{
        bgp_prefix_format(p, buf, len);
        return buf;
}

static const char *fmt_addr(uint16_t afi, const uint8_t *addr, char *buf, size_t len)
{
        struct bgp_prefix p = {.afi = afi, .len = afi == BGP_AFI_IPV4 ? 32 : 128};
        char *slash;

        memcpy(p.addr, addr, afi == BGP_AFI_IPV4 ? 4 : 16);
        bgp_prefix_format(&p, buf, len);
        slash = strchr(buf, '/');
        if (slash != NULL)
                *slash = '\0';
        return buf;
}

static bool ipv6_is_special(const uint8_t a[16])
{
        static const uint8_t zero[16];

        /* Unspecified (RFC 4291 2.5.2), loopback (2.5.3), multicast (2.7), link-local
         * (2.5.6): none can be a tunnel's or a bridge's routed address. */
        if (memcmp(a, zero, 16) == 0 || a[0] == 0xff || (a[0] == 0xfe && (a[1] & 0xc0) == 0x80))
                return true;
        return memcmp(a, zero, 15) == 0 && a[15] == 1;
}

static bool ipv4_is_special(const uint8_t a[4])
{
        /* 0/8 "this network", 127/8 loopback, 224/4 multicast, 240/4 and broadcast. */
        return a[0] == 0 || a[0] == 127 || a[0] >= 224;
}

/* ---- the parts ------------------------------------------------------------------------ */

static void check_outer(struct check *k)
{
        const struct tunnel_conf *c = k->c;
        const char *kind = tunnel_kind_name(c->kind);
        uint16_t afi = tunnel_kind_outer_afi(c->kind);
        const char *family = afi == BGP_AFI_IPV4 ? "an IPv4" : "an IPv6";
        char a[64];

        if (c->kind == TUNNEL_KIND_EXTERNAL) {
                static const char why[] = "kind external: the link is someone else's, so '%s' "
                                          "has nothing to set";

                if (c->has_local)
                        ERR(k, c->local_loc, why, "local");
                if (c->has_remote)
                        ERR(k, c->remote_loc, why, "remote");
                if (c->has_key)
                        ERR(k, c->key_loc, why, "key");
                if (c->has_ttl)
                        ERR(k, c->ttl_loc, why, "ttl");
                if (c->has_outer_mtu)
                        ERR(k, c->outer_mtu_loc, why, "outer-mtu");
                return;
        }
        if (!c->has_local)
                ERR(k, c->kind_loc, "kind %s needs 'local ADDRESS', the outer address of this end",
                    kind);
        if (!c->has_remote)
                ERR(k, c->kind_loc,
                    "kind %s needs 'remote ADDRESS', the outer address of the far end", kind);
        if (c->has_local && c->local_afi != afi)
                ERR(k, c->local_loc, "kind %s is carried over %s: '%s' must be %s address", kind,
                    afi == BGP_AFI_IPV4 ? "IPv4" : "IPv6",
                    fmt_addr(c->local_afi, c->local, a, sizeof(a)), family);
        if (c->has_remote && c->remote_afi != afi)
                ERR(k, c->remote_loc, "kind %s is carried over %s: '%s' must be %s address", kind,
                    afi == BGP_AFI_IPV4 ? "IPv4" : "IPv6",
                    fmt_addr(c->remote_afi, c->remote, a, sizeof(a)), family);
        if (c->has_local && c->has_remote && c->local_afi == c->remote_afi &&
            memcmp(c->local, c->remote, 16) == 0)
                ERR(k, c->remote_loc, "'remote' is the same address as 'local'");
        if (c->has_local &&
            (c->local_afi == BGP_AFI_IPV4 ? ipv4_is_special(c->local) : ipv6_is_special(c->local)))
                ERR(k, c->local_loc, "'%s' is not a unicast address a tunnel can use",
                    fmt_addr(c->local_afi, c->local, a, sizeof(a)));
        if (c->has_remote && (c->remote_afi == BGP_AFI_IPV4 ? ipv4_is_special(c->remote)
                                                            : ipv6_is_special(c->remote)))
                ERR(k, c->remote_loc, "'%s' is not a unicast address a tunnel can use",
                    fmt_addr(c->remote_afi, c->remote, a, sizeof(a)));
        if (c->has_key && c->kind == TUNNEL_KIND_SIT)
                ERR(k, c->key_loc, "a key is GRE's (RFC 2890): kind sit has none");
}

static void check_mtu(struct check *k)
{
        const struct tunnel_conf *c = k->c;
        struct encap_overhead o = encap_overhead(c->kind, c->has_key);
        uint32_t outer = tconf_outer_mtu(c);
        uint32_t fits = encap_inner_mtu(c->kind, c->has_key, outer);
        const char *kind = tunnel_kind_name(c->kind);

        if (c->kind == TUNNEL_KIND_EXTERNAL) {
                if (c->has_mtu && c->mtu < ENCAP_IPV6_MIN_MTU)
                        ERR(k, c->mtu_loc,
                            "mtu %u is below IPv6's minimum link MTU %u (RFC 8200 "
                            "section 5)",
                            (unsigned)c->mtu, ENCAP_IPV6_MIN_MTU);
                return;
        }
        if (c->has_mtu && c->mtu > fits) {
                ERR(k, c->mtu_loc,
                    "mtu %u does not fit: outer-mtu %u less the %s headers (%u) "
                    "leaves %u",
                    (unsigned)c->mtu, (unsigned)outer, kind, (unsigned)o.total, (unsigned)fits);
                return;
        }
        /* RFC 8200 section 5; for these tunnels RFC 4213 section 3.2 (MUST be 1280-1480
         * for a static MTU) and RFC 7676 section 3.2 (MUST carry 1280 octets unfragmented). */
        if (tconf_mtu(c) < ENCAP_IPV6_MIN_MTU) {
                if (c->has_mtu)
                        ERR(k, c->mtu_loc,
                            "mtu %u is below IPv6's minimum link MTU %u (RFC 8200 "
                            "section 5)",
                            (unsigned)c->mtu, ENCAP_IPV6_MIN_MTU);
                else
                        ERR(k, c->has_outer_mtu ? c->outer_mtu_loc : c->kind_loc,
                            "the inner MTU, outer-mtu %u less the %s headers (%u), is %u: below "
                            "IPv6's minimum link MTU %u (RFC 8200 section 5)",
                            (unsigned)outer, kind, (unsigned)o.total, (unsigned)fits,
                            ENCAP_IPV6_MIN_MTU);
        }
}

static void check_inner(struct check *k)
{
        const struct tunnel_conf *c = k->c;
        char a[64], b[64];

        if (!c->has_link)
                ERR(k, c->name_loc,
                    "no 'link PREFIX': the prefix the tunnel's /128 pair comes from");
        if (!c->has_address)
                ERR(k, c->name_loc, "no 'address ADDRESS peer ADDRESS': the tunnel's inner pair");
        if (c->has_link) {
                if (c->link.len > 127)
                        ERR(k, c->link_loc,
                            "the link prefix must hold two addresses: /127 or shorter");
                if (ipv6_is_special(c->link.addr) || c->link.addr[0] == 0xff)
                        ERR(k, c->link_loc, "'%s' is not a global or unique-local prefix",
                            fmt_prefix(&c->link, a, sizeof(a)));
        }
        if (!c->has_link || !c->has_address)
                return;
        fmt_prefix(&c->link, b, sizeof(b));
        if (!prefix_has(&c->link, c->inner_local))
                ERR(k, c->address_loc, "'%s' is not inside the link prefix %s",
                    fmt_addr(BGP_AFI_IPV6, c->inner_local, a, sizeof(a)), b);
        if (!prefix_has(&c->link, c->inner_peer))
                ERR(k, c->peer_loc, "'%s' is not inside the link prefix %s",
                    fmt_addr(BGP_AFI_IPV6, c->inner_peer, a, sizeof(a)), b);
        if (memcmp(c->inner_local, c->inner_peer, 16) == 0)
                ERR(k, c->peer_loc, "the peer's address is this end's own");
        /* RFC 4291 section 2.6.1: the all-zero interface identifier of a prefix is the
         * Subnet-Router anycast address; RFC 6164 lifts that on a /127 only. */
        if (c->link.len < 127) {
                if (memcmp(c->inner_local, c->link.addr, 16) == 0)
                        ERR(k, c->address_loc,
                            "'%s' is the link's Subnet-Router anycast address "
                            "(RFC 4291 section 2.6.1)",
                            fmt_addr(BGP_AFI_IPV6, c->inner_local, a, sizeof(a)));
                if (memcmp(c->inner_peer, c->link.addr, 16) == 0)
                        ERR(k, c->peer_loc,
                            "'%s' is the link's Subnet-Router anycast address "
                            "(RFC 4291 section 2.6.1)",
                            fmt_addr(BGP_AFI_IPV6, c->inner_peer, a, sizeof(a)));
        }
}

static void check_table(struct check *k)
{
        const struct tunnel_conf *c = k->c;

        /* rtnetlink's reserved tables; RT_TABLE_UNSPEC, 0, the parser refuses. */
        if (c->table == TUNNEL_TABLE_DEFAULT || c->table == TUNNEL_TABLE_LOCAL)
                ERR(k, c->table_loc, "table %u is the kernel's %s table: choose another number",
                    (unsigned)c->table, c->table == TUNNEL_TABLE_DEFAULT ? "'default'" : "'local'");
}

/* Every destination of the tunnel's table, for the duplicate checks. */
static void check_routes(struct check *k)
{
        const struct tunnel_conf *c = k->c;
        char a[64], b[64];

        for (size_t i = 0; i < c->n_routes; i++) {
                const struct tconf_route *r = &c->routes[i];

                for (size_t j = 0; j < i; j++)
                        if (prefix_same(&r->prefix, &c->routes[j].prefix))
                                ERR(k, r->loc, "route %s given twice (first at line %u)",
                                    fmt_prefix(&r->prefix, a, sizeof(a)),
                                    (unsigned)c->routes[j].loc.line);
                if (c->has_link && r->prefix.len > 0 && prefixes_overlap(&r->prefix, &c->link))
                        ERR(k, r->loc,
                            "route %s overlaps the link prefix %s, which is the tunnel's "
                            "own",
                            fmt_prefix(&r->prefix, a, sizeof(a)),
                            fmt_prefix(&c->link, b, sizeof(b)));
                /* The outer packets of ip6gre are IPv6 too: a route through the tunnel that
                 * covers the far end, in the table they use, would send them into it. */
                if (c->kind == TUNNEL_KIND_IP6GRE && c->has_remote &&
                    c->remote_afi == BGP_AFI_IPV6 && prefix_has(&r->prefix, c->remote)) {
                        bool outer_here = c->table == TUNNEL_TABLE_MAIN;

                        for (size_t j = 0; j < c->n_rules && !outer_here; j++)
                                outer_here =
                                    c->has_local && prefix_has(&c->rules[j].from, c->local);
                        if (outer_here)
                                ERR(k, r->loc,
                                    "route %s covers the far end %s: its own outer "
                                    "packets would be routed into the tunnel",
                                    fmt_prefix(&r->prefix, a, sizeof(a)),
                                    fmt_addr(BGP_AFI_IPV6, c->remote, b, sizeof(b)));
                }
        }
}

static void check_interfaces(struct check *k)
{
        const struct tunnel_conf *c = k->c;
        char a[64];

        for (size_t i = 0; i < c->n_ifaddrs; i++) {
                const struct tconf_ifaddr *x = &c->ifaddrs[i];

                if (c->has_name && strcmp(x->ifname, c->name) == 0)
                        ERR(k, x->loc,
                            "%s is the tunnel: its inner address is 'address ... peer "
                            "...'",
                            x->ifname);
                if (ipv6_is_special(x->addr))
                        ERR(k, x->loc, "'%s' is not an address to route",
                            fmt_addr(BGP_AFI_IPV6, x->addr, a, sizeof(a)));
                for (size_t j = 0; j < i; j++)
                        if (memcmp(x->addr, c->ifaddrs[j].addr, 16) == 0)
                                ERR(k, x->loc, "address %s given twice (first at line %u)",
                                    fmt_addr(BGP_AFI_IPV6, x->addr, a, sizeof(a)),
                                    (unsigned)c->ifaddrs[j].loc.line);
                if (c->has_address && memcmp(x->addr, c->inner_local, 16) == 0)
                        ERR(k, x->loc, "%s is already the tunnel's own address",
                            fmt_addr(BGP_AFI_IPV6, x->addr, a, sizeof(a)));
        }
        for (size_t i = 0; i < c->n_ifroutes; i++) {
                const struct tconf_ifroute *r = &c->ifroutes[i];

                if (c->has_name && strcmp(r->ifname, c->name) == 0)
                        ERR(k, r->loc, "%s is the tunnel: write 'route %s'", r->ifname,
                            fmt_prefix(&r->prefix, a, sizeof(a)));
                for (size_t j = 0; j < c->n_routes; j++)
                        if (prefix_same(&r->prefix, &c->routes[j].prefix))
                                ERR(k, r->loc, "%s is routed through the tunnel already (line %u)",
                                    fmt_prefix(&r->prefix, a, sizeof(a)),
                                    (unsigned)c->routes[j].loc.line);
                for (size_t j = 0; j < i; j++)
                        if (prefix_same(&r->prefix, &c->ifroutes[j].prefix))
                                ERR(k, r->loc, "route %s given twice (first at line %u)",
                                    fmt_prefix(&r->prefix, a, sizeof(a)),
                                    (unsigned)c->ifroutes[j].loc.line);
        }
}

static void check_rules(struct check *k)
{
        const struct tunnel_conf *c = k->c;
        bool covered = false;
        char a[64];

        for (size_t i = 0; i < c->n_rules; i++) {
                const struct tconf_rule *r = &c->rules[i];

                if (c->table == TUNNEL_TABLE_MAIN)
                        ERR(k, r->loc,
                            "'rule from' sends traffic to the tunnel's table, and that "
                            "is main: give the tunnel a 'table N' of its own");
                for (size_t j = 0; j < i; j++)
                        if (prefix_same(&r->from, &c->rules[j].from) &&
                            r->priority == c->rules[j].priority)
                                ERR(k, r->loc, "rule from %s given twice (first at line %u)",
                                    fmt_prefix(&r->from, a, sizeof(a)),
                                    (unsigned)c->rules[j].loc.line);
                if (c->has_address && prefix_has(&r->from, c->inner_local))
                        covered = true;
        }
        if (c->table == TUNNEL_TABLE_MAIN || c->table == TUNNEL_TABLE_DEFAULT ||
            c->table == TUNNEL_TABLE_LOCAL)
                return;
        if (c->n_rules == 0)
                WARN(k, c->table_loc,
                     "nothing looks table %u up: add 'rule from PREFIX' for the "
                     "addresses whose traffic must leave through the tunnel",
                     (unsigned)c->table);
        else if (c->has_address && !covered)
                WARN(k, c->address_loc,
                     "no 'rule from' covers %s: what this end sends from it "
                     "(ICMP errors, pings, replies) follows the main table, not table %u",
                     fmt_addr(BGP_AFI_IPV6, c->inner_local, a, sizeof(a)), (unsigned)c->table);
}

void tconf_validate(const struct tunnel_conf *c, struct config_diags *diags)
{
        struct check k = {.c = c, .diags = diags};

        if (!c->has_name) {
                config_diags_add(diags, CONFIG_SEV_ERROR, c->file, 0, 0,
                                 "no 'tunnel NAME' statement: the file describes no tunnel");
                return;
        }
        if (!c->has_kind) {
                ERR(&k, c->name_loc, "no 'kind': say sit (or gif), gre, ip6gre or external");
                return;
        }
        check_outer(&k);
        check_mtu(&k);
        check_inner(&k);
        check_table(&k);
        check_routes(&k);
        check_interfaces(&k);
        check_rules(&k);
}

uint32_t tconf_outer_mtu(const struct tunnel_conf *c)
{
        return c->has_outer_mtu ? c->outer_mtu : ENCAP_OUTER_MTU_DEFAULT;
}

uint32_t tconf_mtu(const struct tunnel_conf *c)
{
        if (c->has_mtu)
                return c->mtu;
        if (c->kind == TUNNEL_KIND_EXTERNAL)
                return 0;
        return encap_inner_mtu(c->kind, c->has_key, tconf_outer_mtu(c));
}

void tconf_alias(const struct tunnel_conf *c, char *buf, size_t len)
{
        if (c->description[0] != '\0')
                snprintf(buf, len, "%s: %s", TUNNEL_ALIAS_MARK, c->description);
        else
                snprintf(buf, len, "%s", TUNNEL_ALIAS_MARK);
}
