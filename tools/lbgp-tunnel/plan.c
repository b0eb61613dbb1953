/*
 * plan.c - a tunnel description as the ordered list of kernel objects (plan.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan.h"

static struct tunnel_obj *add(struct plan *p, enum tunnel_obj_type type)
{
        struct tunnel_obj *o = &p->obj[p->n++];

        memset(o, 0, sizeof(*o));
        o->type = type;
        return o;
}

static void add_link(const struct tunnel_conf *c, struct plan *p)
{
        struct tunnel_link *l = &add(p, TUNNEL_OBJ_LINK)->u.link;

        snprintf(l->name, sizeof(l->name), "%s", c->name);
        l->kind = c->kind;
        memcpy(l->local, c->local, sizeof(l->local));
        memcpy(l->remote, c->remote, sizeof(l->remote));
        l->has_key = c->has_key;
        l->key = c->key;
        l->ttl = c->has_ttl ? c->ttl : PLAN_TTL_DEFAULT;
        l->mtu = tconf_mtu(c);
        tconf_alias(c, l->alias, sizeof(l->alias));
        l->up = true;
}

static void add_addr(struct plan *p, const char *ifname, const uint8_t addr[16], uint8_t plen,
                     const uint8_t *peer)
{
        struct tunnel_addr *a = &add(p, TUNNEL_OBJ_ADDR)->u.addr;

        snprintf(a->ifname, sizeof(a->ifname), "%s", ifname);
        memcpy(a->addr, addr, 16);
        a->plen = plen;
        if (peer != NULL) {
                a->has_peer = true;
                memcpy(a->peer, peer, 16);
        }
        a->proto = TUNNEL_PROTO;
}

static void add_route(struct plan *p, const struct bgp_prefix *dst, const char *ifname,
                      uint32_t table, uint32_t metric)
{
        struct tunnel_route *r = &add(p, TUNNEL_OBJ_ROUTE)->u.route;

        r->dst = *dst;
        r->type = ifname != NULL ? TUNNEL_ROUTE_DEV : TUNNEL_ROUTE_BLACKHOLE;
        if (ifname != NULL)
                snprintf(r->ifname, sizeof(r->ifname), "%s", ifname);
        r->table = table;
        r->metric = metric;
        r->proto = TUNNEL_PROTO;
}

void plan_build(const struct tunnel_conf *c, struct plan *p)
{
        p->n = 0;
        if (c->kind != TUNNEL_KIND_EXTERNAL)
                add_link(c, p);
        add_addr(p, c->name, c->inner_local, 128, c->inner_peer);
        for (size_t i = 0; i < c->n_ifaddrs; i++)
                add_addr(p, c->ifaddrs[i].ifname, c->ifaddrs[i].addr, c->ifaddrs[i].plen, NULL);
        for (size_t i = 0; i < c->n_routes; i++)
                add_route(p, &c->routes[i].prefix, c->name, c->table, TUNNEL_METRIC_DEFAULT);
        for (size_t i = 0; i < c->n_ifroutes; i++)
                add_route(p, &c->ifroutes[i].prefix, c->ifroutes[i].ifname, c->table,
                          TUNNEL_METRIC_DEFAULT);
        if (c->n_rules > 0) {
                struct bgp_prefix dflt = {.afi = BGP_AFI_IPV6};

                add_route(p, &dflt, NULL, c->table, PLAN_BLACKHOLE_METRIC);
        }
        for (size_t i = 0; i < c->n_rules; i++) {
                struct tunnel_rule *r = &add(p, TUNNEL_OBJ_RULE)->u.rule;

                r->from = c->rules[i].from;
                r->table = c->table;
                r->priority = c->rules[i].priority;
                r->proto = TUNNEL_PROTO;
        }
}

static bool prefix_eq(const struct bgp_prefix *a, const struct bgp_prefix *b)
{
        return a->afi == b->afi && a->len == b->len && memcmp(a->addr, b->addr, 16) == 0;
}

bool plan_same_key(const struct tunnel_obj *a, const struct tunnel_obj *b)
{
        if (a->type != b->type)
                return false;
        switch (a->type) {
        case TUNNEL_OBJ_LINK:
                return strcmp(a->u.link.name, b->u.link.name) == 0;
        case TUNNEL_OBJ_ADDR:
                return strcmp(a->u.addr.ifname, b->u.addr.ifname) == 0 &&
                       memcmp(a->u.addr.addr, b->u.addr.addr, 16) == 0;
        case TUNNEL_OBJ_ROUTE:
                return a->u.route.table == b->u.route.table &&
                       a->u.route.metric == b->u.route.metric &&
                       prefix_eq(&a->u.route.dst, &b->u.route.dst);
        case TUNNEL_OBJ_RULE:
                return a->u.rule.priority == b->u.rule.priority &&
                       a->u.rule.table == b->u.rule.table &&
                       prefix_eq(&a->u.rule.from, &b->u.rule.from);
        }
        return false;
}

int plan_stale(const struct tunnel_conf *old, const struct tunnel_conf *new, struct plan *p)
{
        struct plan *next = malloc(sizeof(*next));
        size_t kept = 0;

        plan_build(old, p);
        if (next == NULL) {
                p->n = 0;
                return -1;
        }
        plan_build(new, next);
        for (size_t i = 0; i < p->n; i++) {
                bool wanted = false;

                /* A link of another kind under the same name is not changed in place
                 * (the kernel cannot): the old one goes, and with it what was on it. */
                for (size_t j = 0; j < next->n && !wanted; j++)
                        wanted = plan_same_key(&p->obj[i], &next->obj[j]) &&
                                 (p->obj[i].type != TUNNEL_OBJ_LINK ||
                                  p->obj[i].u.link.kind == next->obj[j].u.link.kind);
                if (!wanted)
                        p->obj[kept++] = p->obj[i];
        }
        p->n = kept;
        free(next);
        return 0;
}

/* ---- printing ------------------------------------------------------------------------- */

const char *plan_table_name(uint32_t table, char *buf, size_t len)
{
        if (table == TUNNEL_TABLE_MAIN)
                snprintf(buf, len, "main");
        else
                snprintf(buf, len, "%u", (unsigned)table);
        return buf;
}

static const char *addr_text(uint16_t afi, const uint8_t *addr, char *buf, size_t len)
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

static const char *dst_text(const struct bgp_prefix *p, char *buf, size_t len)
{
        if (p->len == 0)
                snprintf(buf, len, "default");
        else
                bgp_prefix_format(p, buf, len);
        return buf;
}

static int format_link(const struct tunnel_link *l, char *buf, size_t len)
{
        uint16_t afi = tunnel_kind_outer_afi(l->kind);
        char local[64], remote[64], key[32] = "";

        if (l->kind == TUNNEL_KIND_EXTERNAL)
                return snprintf(buf, len, "link %s (external)", l->name);
        if (l->has_key)
                snprintf(key, sizeof(key), " key %u", (unsigned)l->key);
        return snprintf(
            buf, len, "link %s type %s local %s remote %s %s %u%s%s mtu %u alias \"%s\"%s", l->name,
            tunnel_kind_name(l->kind), addr_text(afi, l->local, local, sizeof(local)),
            addr_text(afi, l->remote, remote, sizeof(remote)),
            afi == BGP_AFI_IPV6 ? "hoplimit" : "ttl", (unsigned)l->ttl, key,
            l->kind == TUNNEL_KIND_IP6GRE ? " encaplimit none" : "", (unsigned)l->mtu, l->alias,
            l->up ? " up" : "");
}

static int format_addr(const struct tunnel_addr *a, char *buf, size_t len)
{
        char addr[64], peer[64];

        if (a->has_peer)
                return snprintf(buf, len, "address %s peer %s/%u dev %s proto %u",
                                addr_text(BGP_AFI_IPV6, a->addr, addr, sizeof(addr)),
                                addr_text(BGP_AFI_IPV6, a->peer, peer, sizeof(peer)),
                                (unsigned)a->plen, a->ifname, (unsigned)a->proto);
        return snprintf(buf, len, "address %s/%u dev %s proto %u",
                        addr_text(BGP_AFI_IPV6, a->addr, addr, sizeof(addr)), (unsigned)a->plen,
                        a->ifname, (unsigned)a->proto);
}

static int format_route(const struct tunnel_route *r, char *buf, size_t len)
{
        char dst[64], table[16];

        dst_text(&r->dst, dst, sizeof(dst));
        plan_table_name(r->table, table, sizeof(table));
        if (r->type == TUNNEL_ROUTE_BLACKHOLE)
                return snprintf(buf, len, "route blackhole %s table %s metric %u proto %u", dst,
                                table, (unsigned)r->metric, (unsigned)r->proto);
        return snprintf(buf, len, "route %s dev %s table %s metric %u proto %u", dst, r->ifname,
                        table, (unsigned)r->metric, (unsigned)r->proto);
}

static int format_rule(const struct tunnel_rule *r, char *buf, size_t len)
{
        char from[64], table[16];

        if (r->from.len == 0)
                snprintf(from, sizeof(from), "all");
        else
                bgp_prefix_format(&r->from, from, sizeof(from));
        return snprintf(buf, len, "rule from %s table %s priority %u proto %u", from,
                        plan_table_name(r->table, table, sizeof(table)), (unsigned)r->priority,
                        (unsigned)r->proto);
}

int plan_format(const struct tunnel_obj *o, char *buf, size_t len)
{
        switch (o->type) {
        case TUNNEL_OBJ_LINK:
                return format_link(&o->u.link, buf, len);
        case TUNNEL_OBJ_ADDR:
                return format_addr(&o->u.addr, buf, len);
        case TUNNEL_OBJ_ROUTE:
                return format_route(&o->u.route, buf, len);
        case TUNNEL_OBJ_RULE:
                return format_rule(&o->u.rule, buf, len);
        }
        return snprintf(buf, len, "?");
}
