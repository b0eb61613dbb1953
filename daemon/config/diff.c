/*
 * diff.c - what a reload changes for one neighbor: its session, or its policy.
 *
 * FRR resets a session (Cease/Other Configuration Change, RFC 4486 3) when something the
 * OPEN or the TCP connection depends on changes, and applies policy changes softly.  The
 * daemon asks these two questions of every neighbor that is in both configurations.
 */
#include <string.h>

#include "compare.h"
#include "config.h"

static bool str_eq(const char *a, const char *b)
{
        if (a == NULL || b == NULL)
                return a == b;
        return strcmp(a, b) == 0;
}

static bool families_eq(const struct config *a, const struct config_neighbor *x,
                        const struct config *b, const struct config_neighbor *y)
{
        for (int af = 0; af < CONFIG_AF_COUNT; af++)
                if (config_neighbor_active(a, x, af) != config_neighbor_active(b, y, af))
                        return false;
        return true;
}

bool config_neighbor_session_equal(const struct config *a, const struct config_neighbor *x,
                                   const struct config *b, const struct config_neighbor *y)
{
        /* Our AS and identifier are in the OPEN (RFC 4271 4.2). */
        if (a->bgp.asn != b->bgp.asn || memcmp(a->bgp.router_id, b->bgp.router_id, 4) != 0)
                return false;
        /* The families are the Multiprotocol capabilities (RFC 4760 8). */
        if (!families_eq(a, x, b, y))
                return false;
        return x->afi == y->afi && memcmp(x->addr, y->addr, 16) == 0 &&
               x->remote_as_kind == y->remote_as_kind && x->remote_as == y->remote_as &&
               x->ttl_security_hops == y->ttl_security_hops &&
               x->ebgp_multihop_given == y->ebgp_multihop_given &&
               x->ebgp_multihop == y->ebgp_multihop &&
               memcmp(x->discard_attrs, y->discard_attrs, sizeof(x->discard_attrs)) == 0 &&
               x->update_source.kind == y->update_source.kind &&
               x->update_source.afi == y->update_source.afi &&
               memcmp(x->update_source.addr, y->update_source.addr, 16) == 0 &&
               str_eq(x->update_source.ifname, y->update_source.ifname) &&
               str_eq(x->password, y->password) && x->passive == y->passive &&
               x->timers_given == y->timers_given && x->keepalive == y->keepalive &&
               x->holdtime == y->holdtime && x->connect_retry == y->connect_retry &&
               x->local_as == y->local_as && x->local_as_no_prepend == y->local_as_no_prepend &&
               x->local_as_replace_as == y->local_as_replace_as;
}

/* The same definition (or the same absence) of a prefix-list under both. */
static bool prefix_list_same(const struct config *a, const struct config *b, uint16_t afi,
                             const char *name)
{
        const struct config_prefix_list *x = config_find_prefix_list(a, afi, name);
        const struct config_prefix_list *y = config_find_prefix_list(b, afi, name);
        return x == NULL || y == NULL ? x == y : config_prefix_list_eq(x, y);
}

static bool community_list_same(const struct config *a, const struct config *b, bool large,
                                const char *name)
{
        const struct config_community_list *x = config_find_community_list(a, large, name);
        const struct config_community_list *y = config_find_community_list(b, large, name);
        return x == NULL || y == NULL ? x == y : config_community_list_eq(x, y);
}

static bool aspath_list_same(const struct config *a, const struct config *b, const char *name)
{
        const struct config_aspath_list *x = config_find_aspath_list(a, name);
        const struct config_aspath_list *y = config_find_aspath_list(b, name);
        return x == NULL || y == NULL ? x == y : config_aspath_list_eq(x, y);
}

/* A route-map and every list its entries match on (route-maps name no other route-map). */
static bool route_map_same(const struct config *a, const struct config *b, const char *name)
{
        const struct config_route_map *x = config_find_route_map(a, name);
        const struct config_route_map *y = config_find_route_map(b, name);
        if (x == NULL || y == NULL)
                return x == y;
        if (!config_route_map_eq(x, y))
                return false;
        /* Equal maps name the same lists: only their definitions may differ. */
        for (size_t i = 0; i < x->n_entries; i++) {
                const struct config_rm_match *m = x->entries[i].match;
                const char *n;
                if ((n = m[CONFIG_MATCH_IP_PREFIX_LIST].name) != NULL &&
                    !prefix_list_same(a, b, BGP_AFI_IPV4, n))
                        return false;
                if ((n = m[CONFIG_MATCH_IPV6_PREFIX_LIST].name) != NULL &&
                    !prefix_list_same(a, b, BGP_AFI_IPV6, n))
                        return false;
                if ((n = m[CONFIG_MATCH_COMMUNITY].name) != NULL &&
                    !community_list_same(a, b, false, n))
                        return false;
                if ((n = m[CONFIG_MATCH_LARGE_COMMUNITY].name) != NULL &&
                    !community_list_same(a, b, true, n))
                        return false;
                if ((n = m[CONFIG_MATCH_AS_PATH].name) != NULL && !aspath_list_same(a, b, n))
                        return false;
        }
        return true;
}

bool config_neighbor_policy_equal(const struct config *a, const struct config_neighbor *x,
                                  const struct config *b, const struct config_neighbor *y,
                                  enum config_af af, enum config_dir dir)
{
        const struct config_neighbor_af *p = &x->af[af], *q = &y->af[af];
        const char *pl = p->prefix_list[dir].name, *rm = p->route_map[dir].name;
        const char *fl = p->filter_list[dir].name;

        /* RFC 8212: whether a neighbor without policy gets or gives anything at all. */
        if (config_ebgp_requires_policy(a) != config_ebgp_requires_policy(b) ||
            config_neighbor_is_ebgp(a, x) != config_neighbor_is_ebgp(b, y))
                return false;
        if (!str_eq(pl, q->prefix_list[dir].name) || !str_eq(rm, q->route_map[dir].name) ||
            !str_eq(fl, q->filter_list[dir].name))
                return false;
        if (dir == CONFIG_OUT && (p->next_hop_self != q->next_hop_self ||
                                  p->next_hop_self_force != q->next_hop_self_force))
                return false;
        return (pl == NULL || prefix_list_same(a, b, config_af_afi(af), pl)) &&
               (rm == NULL || route_map_same(a, b, rm)) &&
               (fl == NULL || aspath_list_same(a, b, fl));
}
