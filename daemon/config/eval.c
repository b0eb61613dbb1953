/*
 * eval.c - FRR's filter semantics on a single prefix (eval.h).
 */
#include <string.h>

#include "eval.h"

bool eval_covers(const struct bgp_prefix *outer, const struct bgp_prefix *inner)
{
        if (outer->afi != inner->afi || outer->len > inner->len)
                return false;
        unsigned bytes = outer->len / 8, rest = outer->len % 8;
        if (memcmp(outer->addr, inner->addr, bytes) != 0)
                return false;
        if (rest == 0)
                return true;
        uint8_t mask = (uint8_t)(0xff << (8 - rest));
        return (outer->addr[bytes] & mask) == (inner->addr[bytes] & mask);
}

void eval_subprefix(const struct bgp_prefix *base, unsigned len, bool last, struct bgp_prefix *out)
{
        *out = *base;
        out->len = (uint8_t)len;
        if (!last)
                return;
        for (unsigned i = base->len; i < len; i++)
                out->addr[i / 8] |= (uint8_t)(0x80u >> (i % 8));
}

bool eval_entry_matches(const struct config_prefix_entry *e, const struct bgp_prefix *p)
{
        if (e->any)
                return true; /* the caller keeps families apart */
        if (!eval_covers(&e->prefix, p))
                return false;
        if (!e->ge && !e->le)
                return p->len == e->prefix.len;
        if (e->le && p->len > e->le)
                return false;
        if (e->ge && p->len < e->ge)
                return false;
        return true;
}

enum config_action eval_prefix_list(const struct config_prefix_list *pl, const struct bgp_prefix *p,
                                    const struct config_prefix_entry **by)
{
        *by = NULL;
        if (pl->n_entries == 0)
                return CONFIG_PERMIT;
        if (p->afi != pl->afi)
                return CONFIG_DENY;
        for (size_t i = 0; i < pl->n_entries; i++) {
                if (eval_entry_matches(&pl->entries[i], p)) {
                        *by = &pl->entries[i];
                        return pl->entries[i].action;
                }
        }
        return CONFIG_DENY;
}

/* Whether one route-map entry's matches hold for p: yes, no, or it depends. */
static enum eval_result entry_matches(const struct config *cfg,
                                      const struct config_route_map_entry *e, enum config_af af,
                                      const struct bgp_prefix *p)
{
        enum eval_result r = EVAL_PERMIT; /* "matches" */

        for (int m = 0; m < CONFIG_MATCH_COUNT; m++) {
                const char *name = e->match[m].name;
                if (name == NULL)
                        continue;
                switch ((enum config_rm_match_kind)m) {
                case CONFIG_MATCH_IP_PREFIX_LIST:
                case CONFIG_MATCH_IPV6_PREFIX_LIST: {
                        uint16_t afi =
                            m == CONFIG_MATCH_IPV6_PREFIX_LIST ? BGP_AFI_IPV6 : BGP_AFI_IPV4;
                        const struct config_prefix_list *pl =
                            config_find_prefix_list(cfg, afi, name);
                        const struct config_prefix_entry *by;
                        /* FRR bgp_routemap.c: a list of the other family, or none, does
                         * not match. */
                        if (afi != config_af_afi(af) || pl == NULL ||
                            eval_prefix_list(pl, p, &by) != CONFIG_PERMIT)
                                return EVAL_DENY;
                        break;
                }
                case CONFIG_MATCH_COMMUNITY:
                case CONFIG_MATCH_LARGE_COMMUNITY:
                        if (config_find_community_list(cfg, m == CONFIG_MATCH_LARGE_COMMUNITY,
                                                       name) == NULL)
                                return EVAL_DENY;
                        r = EVAL_DEPENDS;
                        break;
                case CONFIG_MATCH_AS_PATH:
                        if (config_find_aspath_list(cfg, name) == NULL)
                                return EVAL_DENY;
                        r = EVAL_DEPENDS;
                        break;
                case CONFIG_MATCH_COUNT:
                        break;
                }
        }
        return r;
}

enum eval_result eval_route_map(const struct config *cfg, const char *name, enum config_af af,
                                const struct bgp_prefix *p)
{
        const struct config_route_map *rm = config_find_route_map(cfg, name);
        bool may_permit = false;

        if (rm == NULL)
                return EVAL_DENY;
        for (size_t i = 0; i < rm->n_entries; i++) {
                const struct config_route_map_entry *e = &rm->entries[i];
                enum eval_result m = entry_matches(cfg, e, af, p);
                if (m == EVAL_DENY)
                        continue;
                bool flows_on = e->on_match != CONFIG_ON_MATCH_NONE || e->has_continue;
                if (e->action == CONFIG_PERMIT) {
                        if (m == EVAL_PERMIT && !flows_on)
                                return may_permit ? EVAL_DEPENDS : EVAL_PERMIT;
                        /* Permitted so far; later entries may still decide. */
                        may_permit = true;
                        if (m == EVAL_PERMIT)
                                return EVAL_DEPENDS;
                } else if (m == EVAL_PERMIT) {
                        return may_permit ? EVAL_DEPENDS : EVAL_DENY;
                }
        }
        return may_permit ? EVAL_DEPENDS : EVAL_DENY;
}

bool eval_inbound_may_accept(const struct config *cfg, const struct config_neighbor *nb,
                             enum config_af af, const struct bgp_prefix *p)
{
        const struct config_neighbor_af *naf = &nb->af[af];

        if (naf->prefix_list[CONFIG_IN].name != NULL) {
                const struct config_prefix_list *pl = config_find_prefix_list(
                    cfg, config_af_afi(af), naf->prefix_list[CONFIG_IN].name);
                const struct config_prefix_entry *by;
                /* FRR prefix_list_apply(NULL) denies: an undefined list blocks all. */
                if (pl == NULL || eval_prefix_list(pl, p, &by) == CONFIG_DENY)
                        return false;
        }
        if (naf->route_map[CONFIG_IN].name != NULL &&
            eval_route_map(cfg, naf->route_map[CONFIG_IN].name, af, p) == EVAL_DENY)
                return false;
        /* A filter-list depends on the AS path: it may accept. */
        return true;
}
