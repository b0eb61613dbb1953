/*
 * cmd_route_map.c - "route-map NAME permit|deny SEQ" and the lines of its block: match,
 * set, on-match, continue, description (FRR lib/routemap_cli.c, bgpd/bgp_routemap.c).
 *
 * Writing an existing NAME and SEQ again goes back into that entry (FRR does the same),
 * so later lines add to it.  As in FRR, a second match or set of the same kind replaces the
 * first: an entry has at most one of each.
 */
#include <arpa/inet.h>
#include <string.h>

#include "parser.h"
#include "value.h"

static struct config_route_map *find_or_add_map(struct parse *p, const char *name)
{
        struct config *cfg = p->cfg;

        for (size_t i = 0; i < cfg->n_route_maps; i++)
                if (strcmp(cfg->route_maps[i].name, name) == 0)
                        return &cfg->route_maps[i];
        if (ARENA_GROW(p->arena, cfg->route_maps, cfg->n_route_maps) == NULL) {
                parse_nomem(p);
                return NULL;
        }
        struct config_route_map *rm =
            config_array_open(cfg->route_maps, &cfg->n_route_maps, sizeof(*rm), cfg->n_route_maps);
        rm->loc = parse_loc(p, 0);
        rm->name = parse_strdup(p, name);
        return rm->name ? rm : NULL;
}

int cmd_route_map(struct parse *p, const struct cmd_args *a)
{
        uint16_t seq = (uint16_t)arg_u32(a, "seq", 0);
        enum config_action action =
            strcmp(arg_word(a, "action"), "permit") == 0 ? CONFIG_PERMIT : CONFIG_DENY;

        struct config_route_map *rm = find_or_add_map(p, arg_word(a, "name"));
        if (rm == NULL)
                return -1;
        size_t at = 0;
        while (at < rm->n_entries && rm->entries[at].seq < seq)
                at++;
        if (at == rm->n_entries || rm->entries[at].seq != seq) {
                if (ARENA_GROW(p->arena, rm->entries, rm->n_entries) == NULL)
                        return parse_nomem(p);
                struct config_route_map_entry *e =
                    config_array_open(rm->entries, &rm->n_entries, sizeof(*e), at);
                e->loc = parse_loc(p, 0);
                e->seq = seq;
        }
        rm->entries[at].action = action;
        p->rm = (size_t)(rm - p->cfg->route_maps);
        p->rm_seq = seq;
        parse_enter(p, NODE_ROUTE_MAP, false);
        return 0;
}

/* The entry the route-map block is in, or NULL in a detached block. */
static struct config_route_map_entry *current(struct parse *p)
{
        if (parse_detached(p) || p->rm >= p->cfg->n_route_maps)
                return NULL;
        struct config_route_map *rm = &p->cfg->route_maps[p->rm];
        for (size_t i = 0; i < rm->n_entries; i++)
                if (rm->entries[i].seq == p->rm_seq)
                        return &rm->entries[i];
        return NULL;
}

int cmd_rm_match(struct parse *p, const struct cmd_args *a)
{
        static const struct {
                const char *kind;
                enum config_rm_match_kind match;
        } kinds[] = {
            {"ip", CONFIG_MATCH_IP_PREFIX_LIST},
            {"ipv6", CONFIG_MATCH_IPV6_PREFIX_LIST},
            {"community", CONFIG_MATCH_COMMUNITY},
            {"large-community", CONFIG_MATCH_LARGE_COMMUNITY},
            {"as-path", CONFIG_MATCH_AS_PATH},
        };
        struct config_route_map_entry *e = current(p);
        if (e == NULL)
                return 0;
        const char *kind = arg_word(a, "kind");
        for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
                if (strcmp(kind, kinds[i].kind) != 0)
                        continue;
                struct config_rm_match *m = &e->match[kinds[i].match];
                m->loc = parse_loc(p, 0);
                m->exact_match = arg_has(a, "exact");
                m->name = parse_strdup(p, arg_word(a, "name"));
                return m->name ? 0 : -1;
        }
        return 0;
}

int cmd_rm_set_community(struct parse *p, const struct cmd_args *a)
{
        bool large = strcmp(arg_word(a, "kind"), "large-community") == 0;
        struct config_route_map_entry *e = current(p);
        if (e == NULL)
                return 0;
        struct config_rm_set_communities *s = large ? &e->set_large_community : &e->set_community;

        memset(s, 0, sizeof(*s));
        s->loc = parse_loc(p, 0);
        s->given = true;
        s->none = arg_has(a, "none");
        s->additive = arg_has(a, "additive");
        if (s->none)
                return 0;
        const struct pat_capture *c = pat_capture_get(a->m, "values");
        s->n_values = c->count;
        if (large)
                s->large = config_arena_alloc(p->arena, c->count * sizeof(*s->large));
        else
                s->values = config_arena_alloc(p->arena, c->count * sizeof(*s->values));
        if (s->large == NULL && s->values == NULL)
                return parse_nomem(p);
        for (size_t i = 0; i < c->count; i++) {
                if (large)
                        value_large_community(a->tok[c->first + i].text, &s->large[i]);
                else
                        value_community(a->tok[c->first + i].text, &s->values[i]);
        }
        return 0;
}

int cmd_rm_set_prepend(struct parse *p, const struct cmd_args *a)
{
        struct config_route_map_entry *e = current(p);
        if (e == NULL)
                return 0;
        const struct pat_capture *c = pat_capture_get(a->m, "asns");
        uint32_t *asns = config_arena_alloc(p->arena, c->count * sizeof(*asns));
        if (asns == NULL)
                return parse_nomem(p);
        for (size_t i = 0; i < c->count; i++)
                value_asn(a->tok[c->first + i].text, &asns[i]);
        e->set_prepend.loc = parse_loc(p, 0);
        e->set_prepend.asns = asns;
        e->set_prepend.n_asns = c->count;
        return 0;
}

int cmd_rm_set_number(struct parse *p, const struct cmd_args *a)
{
        struct config_route_map_entry *e = current(p);
        if (e == NULL)
                return 0;
        struct config_rm_set_u32 *s =
            strcmp(arg_word(a, "kind"), "metric") == 0 ? &e->set_metric : &e->set_local_pref;
        s->loc = parse_loc(p, 0);
        s->given = true;
        s->value = arg_u32(a, "value", 0);
        return 0;
}

int cmd_rm_set_nexthop(struct parse *p, const struct cmd_args *a)
{
        size_t ai = arg_index(a, "addr");
        struct in6_addr addr;
        value_ipv6(a->tok[ai].text, addr.s6_addr);

        /* FRR bgpd/bgp_routemap.c: a global next hop cannot be link-local, multicast,
         * loopback or unspecified ("% Invalid global nexthop address"). */
        if (IN6_IS_ADDR_UNSPECIFIED(&addr) || IN6_IS_ADDR_LOOPBACK(&addr) ||
            IN6_IS_ADDR_MULTICAST(&addr) || IN6_IS_ADDR_LINKLOCAL(&addr)) {
                parse_error(p, ai,
                            "'%s' cannot be a global next hop (it is link-local, multicast, "
                            "loopback or unspecified)",
                            a->tok[ai].text);
                return -1;
        }
        struct config_route_map_entry *e = current(p);
        if (e == NULL)
                return 0;
        e->set_ipv6_nexthop_global.loc = parse_loc(p, 0);
        e->set_ipv6_nexthop_global.given = true;
        memcpy(e->set_ipv6_nexthop_global.addr, addr.s6_addr, 16);
        return 0;
}

int cmd_rm_on_match(struct parse *p, const struct cmd_args *a)
{
        struct config_route_map_entry *e = current(p);
        if (e == NULL)
                return 0;
        if (arg_has(a, "next")) {
                e->on_match = CONFIG_ON_MATCH_NEXT;
                e->on_match_goto = 0;
                return 0;
        }
        uint16_t seq = (uint16_t)arg_u32(a, "seq", 0);
        /* FRR lib/routemap_cli.c: "% Cannot go to previous entries" (and to itself,
         * which would loop). */
        if (seq <= e->seq) {
                parse_error(p, arg_index(a, "seq"),
                            "on-match goto %u does not go forward from entry %u; it would "
                            "loop",
                            seq, e->seq);
                return -1;
        }
        e->on_match = CONFIG_ON_MATCH_GOTO;
        e->on_match_goto = seq;
        return 0;
}

int cmd_rm_continue(struct parse *p, const struct cmd_args *a)
{
        struct config_route_map_entry *e = current(p);
        if (e == NULL)
                return 0;
        uint16_t seq = (uint16_t)arg_u32(a, "seq", 0);
        if (arg_has(a, "seq") && seq <= e->seq) {
                parse_error(p, arg_index(a, "seq"),
                            "continue %u does not go forward from entry %u; it would loop", seq,
                            e->seq);
                return -1;
        }
        e->has_continue = true;
        e->continue_seq = seq;
        return 0;
}

int cmd_rm_description(struct parse *p, const struct cmd_args *a)
{
        struct config_route_map_entry *e = current(p);
        if (e == NULL)
                return 0;
        e->description = arg_text(p, a, "text");
        return e->description ? 0 : -1;
}
