/*
 * validate_tunnel.c - `tunnel` sections checked once the whole file is read: each one as
 * lbgp-tunnel checks a file (tconf_validate()), then the sections against each other.
 *
 * Each section is applied and taken down on its own, by the kernel objects it plans, and
 * an object is known by its key (a route by table and prefix, a rule by priority, source
 * and table, an address by interface and address).  Two sections with an object of the
 * same key would fight over it: each apply would change it back to its own, and taking one
 * section down would remove what the other still needs.  So would two sections whose
 * rules send traffic to the same table: the table's blackhole default is planned by both.
 * These are errors, at the later section's word.
 */
#include <stdlib.h>
#include <string.h>

#include "parser.h"
#include "tconf.h"

static bool prefix_eq(const struct bgp_prefix *a, const struct bgp_prefix *b)
{
        return a->afi == b->afi && a->len == b->len && memcmp(a->addr, b->addr, 16) == 0;
}

static struct config_loc loc_of(const struct parse *p, struct tconf_loc l)
{
        return (struct config_loc){.file = p->file, .line = l.line, .col = l.col};
}

/* A route of section c (through the tunnel or out of an interface) by index. */
struct route_ref {
        const struct bgp_prefix *prefix;
        struct tconf_loc loc;
};

static size_t routes_of(const struct tunnel_conf *c, size_t i, struct route_ref *out)
{
        if (i < c->n_routes) {
                *out = (struct route_ref){&c->routes[i].prefix, c->routes[i].loc};
                return 1;
        }
        i -= c->n_routes;
        if (i < c->n_ifroutes) {
                *out = (struct route_ref){&c->ifroutes[i].prefix, c->ifroutes[i].loc};
                return 1;
        }
        return 0;
}

/* This end's addresses: the tunnel's own, then those on local interfaces. */
static bool addr_of(const struct tunnel_conf *c, size_t i, const char **ifname,
                    const uint8_t **addr, struct tconf_loc *loc)
{
        if (i == 0) {
                *ifname = c->name;
                *addr = c->inner_local;
                *loc = c->address_loc;
                return c->has_address;
        }
        if (i - 1 < c->n_ifaddrs) {
                *ifname = c->ifaddrs[i - 1].ifname;
                *addr = c->ifaddrs[i - 1].addr;
                *loc = c->ifaddrs[i - 1].loc;
                return true;
        }
        return false;
}

static void check_pair(struct parse *p, const struct config_tunnel *ta,
                       const struct config_tunnel *tb)
{
        const struct tunnel_conf *a = ta->conf, *b = tb->conf;
        char text[64];

        if (a->table == b->table && a->table != TUNNEL_TABLE_MAIN &&
            (a->n_rules > 0 || b->n_rules > 0)) {
                parse_error_at(p, loc_of(p, b->table_loc),
                               "table %u is also tunnel %s's (line %u): a tunnel whose rules "
                               "send traffic to a table needs the table of its own",
                               (unsigned)b->table, a->name, (unsigned)a->table_loc.line);
                return;
        }
        if (a->table == b->table) {
                struct route_ref x, y;

                for (size_t j = 0; routes_of(b, j, &y); j++) {
                        for (size_t i = 0; routes_of(a, i, &x); i++) {
                                if (!prefix_eq(x.prefix, y.prefix))
                                        continue;
                                if (y.prefix->len == 0)
                                        snprintf(text, sizeof(text), "default");
                                else
                                        bgp_prefix_format(y.prefix, text, sizeof(text));
                                parse_error_at(p, loc_of(p, y.loc),
                                               "route %s is also tunnel %s's (line %u), in the "
                                               "same table: one route per prefix and table",
                                               text, a->name, (unsigned)x.loc.line);
                                break;
                        }
                }
        }
        for (size_t j = 0; j < b->n_rules; j++) {
                for (size_t i = 0; i < a->n_rules; i++) {
                        if (a->rules[i].priority != b->rules[j].priority ||
                            !prefix_eq(&a->rules[i].from, &b->rules[j].from))
                                continue;
                        bgp_prefix_format(&b->rules[j].from, text, sizeof(text));
                        parse_error_at(p, loc_of(p, b->rules[j].loc),
                                       "rule from %s at priority %u is also tunnel %s's (line "
                                       "%u): give one of them another priority",
                                       text, (unsigned)b->rules[j].priority, a->name,
                                       (unsigned)a->rules[i].loc.line);
                        break;
                }
        }
        const char *ifa, *ifb;
        const uint8_t *x, *y;
        struct tconf_loc la, lb;
        for (size_t j = 0; addr_of(b, j, &ifb, &y, &lb); j++) {
                for (size_t i = 0; addr_of(a, i, &ifa, &x, &la); i++) {
                        if (strcmp(ifa, ifb) != 0 || memcmp(x, y, 16) != 0)
                                continue;
                        parse_error_at(p, loc_of(p, lb),
                                       "this address on %s is also tunnel %s's (line %u)", ifb,
                                       a->name, (unsigned)la.line);
                        break;
                }
        }
}

void tunnel_validate(struct parse *p)
{
        struct config *cfg = p->cfg;
        bool *clean = calloc(cfg->n_tunnels ? cfg->n_tunnels : 1, sizeof(*clean));

        if (clean == NULL) {
                parse_nomem(p);
                return;
        }
        for (size_t i = 0; i < cfg->n_tunnels; i++) {
                struct config_tunnel *t = &cfg->tunnels[i];
                size_t before = p->diags->errors;

                /* A section with an error in a line is not checked as a whole, as
                 * lbgp-tunnel does not: the whole would report the same mistake again. */
                if (p->tunnel_bad[i])
                        continue;
                tconf_validate(t->conf, p->diags);
                p->errors += p->diags->errors - before;
                clean[i] = p->diags->errors == before;
        }
        for (size_t j = 0; j < cfg->n_tunnels; j++)
                for (size_t i = 0; i < j; i++)
                        if (clean[i] && clean[j])
                                check_pair(p, &cfg->tunnels[i], &cfg->tunnels[j]);
        for (size_t i = 0; i < cfg->n_tunnels && !p->nomem; i++) {
                if (!clean[i])
                        continue;
                char *text = tconf_text(cfg->tunnels[i].conf, "");
                if (text == NULL) {
                        parse_nomem(p);
                        break;
                }
                cfg->tunnels[i].text = parse_strdup(p, text);
                free(text);
        }
        free(clean);
}
