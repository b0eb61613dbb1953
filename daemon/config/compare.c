/*
 * compare.c - whether two configurations configure the same thing (config_equal()).
 *
 * Field by field, never bytewise: structs hold source locations, which differ between a
 * file and its reprint, and padding.  A reload uses this to tell what changed; tests use it
 * to hold print -> parse to a fixed point and indentation to meaning nothing.
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

static bool prefix_eq(const struct bgp_prefix *a, const struct bgp_prefix *b)
{
        return a->afi == b->afi && a->len == b->len && memcmp(a->addr, b->addr, 16) == 0;
}

static bool log_target_eq(const struct config_log_target *a, const struct config_log_target *b)
{
        return a->enabled == b->enabled && a->level == b->level;
}

bool config_prefix_list_eq(const struct config_prefix_list *a, const struct config_prefix_list *b)
{
        if (!str_eq(a->name, b->name) || a->afi != b->afi ||
            !str_eq(a->description, b->description) || a->n_entries != b->n_entries)
                return false;
        for (size_t i = 0; i < a->n_entries; i++) {
                const struct config_prefix_entry *x = &a->entries[i], *y = &b->entries[i];
                if (x->seq != y->seq || x->action != y->action || x->any != y->any ||
                    x->ge != y->ge || x->le != y->le ||
                    (!x->any && !prefix_eq(&x->prefix, &y->prefix)))
                        return false;
        }
        return true;
}

static bool large_eq(const struct config_large_community *a, const struct config_large_community *b,
                     size_t n)
{
        for (size_t i = 0; i < n; i++)
                if (a[i].global != b[i].global || a[i].local1 != b[i].local1 ||
                    a[i].local2 != b[i].local2)
                        return false;
        return true;
}

static bool u32s_eq(const uint32_t *a, const uint32_t *b, size_t n)
{
        return n == 0 || memcmp(a, b, n * sizeof(*a)) == 0;
}

bool config_community_list_eq(const struct config_community_list *a,
                              const struct config_community_list *b)
{
        if (!str_eq(a->name, b->name) || a->large != b->large || a->numbered != b->numbered ||
            a->style != b->style || a->n_entries != b->n_entries)
                return false;
        for (size_t i = 0; i < a->n_entries; i++) {
                const struct config_community_entry *x = &a->entries[i], *y = &b->entries[i];
                if (x->seq != y->seq || x->action != y->action || x->n_values != y->n_values ||
                    !str_eq(x->regex, y->regex))
                        return false;
                if (a->large ? !large_eq(x->large, y->large, x->n_values)
                             : !u32s_eq(x->values, y->values, x->n_values))
                        return false;
        }
        return true;
}

bool config_aspath_list_eq(const struct config_aspath_list *a, const struct config_aspath_list *b)
{
        if (!str_eq(a->name, b->name) || a->n_entries != b->n_entries)
                return false;
        for (size_t i = 0; i < a->n_entries; i++)
                if (a->entries[i].seq != b->entries[i].seq ||
                    a->entries[i].action != b->entries[i].action ||
                    !str_eq(a->entries[i].regex, b->entries[i].regex))
                        return false;
        return true;
}

static bool set_communities_eq(const struct config_rm_set_communities *a,
                               const struct config_rm_set_communities *b, bool large)
{
        if (a->given != b->given || a->none != b->none || a->additive != b->additive ||
            a->n_values != b->n_values)
                return false;
        return large ? large_eq(a->large, b->large, a->n_values)
                     : u32s_eq(a->values, b->values, a->n_values);
}

static bool set_u32_eq(const struct config_rm_set_u32 *a, const struct config_rm_set_u32 *b)
{
        return a->given == b->given && (!a->given || a->value == b->value);
}

static bool rm_entry_eq(const struct config_route_map_entry *a,
                        const struct config_route_map_entry *b)
{
        if (a->seq != b->seq || a->action != b->action || !str_eq(a->description, b->description))
                return false;
        for (int m = 0; m < CONFIG_MATCH_COUNT; m++)
                if (!str_eq(a->match[m].name, b->match[m].name) ||
                    a->match[m].exact_match != b->match[m].exact_match)
                        return false;
        if (!set_communities_eq(&a->set_community, &b->set_community, false) ||
            !set_communities_eq(&a->set_large_community, &b->set_large_community, true))
                return false;
        if (a->set_prepend.n_asns != b->set_prepend.n_asns ||
            !u32s_eq(a->set_prepend.asns, b->set_prepend.asns, a->set_prepend.n_asns))
                return false;
        if (!set_u32_eq(&a->set_local_pref, &b->set_local_pref) ||
            !set_u32_eq(&a->set_metric, &b->set_metric))
                return false;
        if (a->set_ipv6_nexthop_global.given != b->set_ipv6_nexthop_global.given ||
            memcmp(a->set_ipv6_nexthop_global.addr, b->set_ipv6_nexthop_global.addr, 16) != 0)
                return false;
        return a->on_match == b->on_match && a->on_match_goto == b->on_match_goto &&
               a->has_continue == b->has_continue && a->continue_seq == b->continue_seq;
}

bool config_route_map_eq(const struct config_route_map *a, const struct config_route_map *b)
{
        if (!str_eq(a->name, b->name) || a->n_entries != b->n_entries)
                return false;
        for (size_t i = 0; i < a->n_entries; i++)
                if (!rm_entry_eq(&a->entries[i], &b->entries[i]))
                        return false;
        return true;
}

static bool static_eq(const struct config_static_route *a, const struct config_static_route *b)
{
        return prefix_eq(&a->prefix, &b->prefix) && a->kind == b->kind &&
               memcmp(a->nexthop, b->nexthop, 16) == 0 && str_eq(a->ifname, b->ifname) &&
               a->tag == b->tag && a->distance == b->distance;
}

static bool ref_eq(const struct config_ref *a, const struct config_ref *b)
{
        for (int d = 0; d < CONFIG_DIR_COUNT; d++)
                if (!str_eq(a[d].name, b[d].name))
                        return false;
        return true;
}

static bool neighbor_af_eq(const struct config_neighbor_af *a, const struct config_neighbor_af *b)
{
        const struct config_max_prefix *x = &a->max_prefix, *y = &b->max_prefix;
        return a->activate == b->activate && a->soft_reconfig_in == b->soft_reconfig_in &&
               a->next_hop_self == b->next_hop_self &&
               a->next_hop_self_force == b->next_hop_self_force && x->given == y->given &&
               x->max == y->max && x->threshold == y->threshold && x->restart == y->restart &&
               x->warning_only == y->warning_only && x->force == y->force &&
               ref_eq(a->route_map, b->route_map) && ref_eq(a->prefix_list, b->prefix_list) &&
               ref_eq(a->filter_list, b->filter_list) && a->any_setting == b->any_setting;
}

static bool neighbor_eq(const struct config_neighbor *a, const struct config_neighbor *b)
{
        if (a->afi != b->afi || memcmp(a->addr, b->addr, 16) != 0 ||
            a->remote_as_kind != b->remote_as_kind || a->remote_as != b->remote_as ||
            !str_eq(a->description, b->description) ||
            a->ttl_security_hops != b->ttl_security_hops || a->ebgp_multihop != b->ebgp_multihop ||
            a->ebgp_multihop_given != b->ebgp_multihop_given ||
            memcmp(a->discard_attrs, b->discard_attrs, sizeof(a->discard_attrs)) != 0 ||
            a->update_source.kind != b->update_source.kind ||
            a->update_source.afi != b->update_source.afi ||
            memcmp(a->update_source.addr, b->update_source.addr, 16) != 0 ||
            !str_eq(a->update_source.ifname, b->update_source.ifname) ||
            !str_eq(a->password, b->password) || a->shutdown != b->shutdown ||
            !str_eq(a->shutdown_message, b->shutdown_message) || a->passive != b->passive ||
            a->timers_given != b->timers_given || a->keepalive != b->keepalive ||
            a->holdtime != b->holdtime || a->connect_retry != b->connect_retry ||
            a->local_as != b->local_as || a->local_as_no_prepend != b->local_as_no_prepend ||
            a->local_as_replace_as != b->local_as_replace_as)
                return false;
        for (int af = 0; af < CONFIG_AF_COUNT; af++)
                if (!neighbor_af_eq(&a->af[af], &b->af[af]))
                        return false;
        return true;
}

static bool bgp_eq(const struct config_bgp *a, const struct config_bgp *b)
{
        if (a->given != b->given || a->asn != b->asn || a->router_id_given != b->router_id_given ||
            memcmp(a->router_id, b->router_id, 4) != 0 ||
            a->default_ipv4_unicast != b->default_ipv4_unicast ||
            a->ebgp_requires_policy != b->ebgp_requires_policy ||
            a->log_neighbor_changes != b->log_neighbor_changes || a->n_neighbors != b->n_neighbors)
                return false;
        for (size_t i = 0; i < a->n_neighbors; i++)
                if (!neighbor_eq(&a->neighbors[i], &b->neighbors[i]))
                        return false;
        for (int af = 0; af < CONFIG_AF_COUNT; af++) {
                const struct config_bgp_af *x = &a->af[af], *y = &b->af[af];
                if (x->n_networks != y->n_networks)
                        return false;
                for (size_t i = 0; i < x->n_networks; i++)
                        if (!prefix_eq(&x->networks[i].prefix, &y->networks[i].prefix) ||
                            !str_eq(x->networks[i].route_map, y->networks[i].route_map))
                                return false;
        }
        return true;
}

/* Element-wise equality of two arrays of one type. */
#define DEFINE_ARRAY_EQ(fn, type, eq)                                                              \
        static bool fn(const type *a, const type *b, size_t n)                                     \
        {                                                                                          \
                for (size_t i = 0; i < n; i++)                                                     \
                        if (!eq(&a[i], &b[i]))                                                     \
                                return false;                                                      \
                return true;                                                                       \
        }

DEFINE_ARRAY_EQ(prefix_lists_eq, struct config_prefix_list, config_prefix_list_eq)
DEFINE_ARRAY_EQ(community_lists_eq, struct config_community_list, config_community_list_eq)
DEFINE_ARRAY_EQ(aspath_lists_eq, struct config_aspath_list, config_aspath_list_eq)
DEFINE_ARRAY_EQ(route_maps_eq, struct config_route_map, config_route_map_eq)
DEFINE_ARRAY_EQ(static_routes_eq, struct config_static_route, static_eq)

bool config_tunnel_equal(const struct config_tunnel *a, const struct config_tunnel *b)
{
        return str_eq(a->name, b->name) && str_eq(a->text, b->text);
}

DEFINE_ARRAY_EQ(tunnels_eq, struct config_tunnel, config_tunnel_equal)

#define ARRAYS_EQ(a, b, field, fn)                                                                 \
        ((a)->n_##field == (b)->n_##field && fn((a)->field, (b)->field, (a)->n_##field))

bool config_equal(const struct config *a, const struct config *b)
{
        /* "address-family ... exit-address-family" with nothing inside is not compared:
         * it configures nothing, and the printer leaves it out. */
        return str_eq(a->frr_version, b->frr_version) && a->frr_defaults == b->frr_defaults &&
               str_eq(a->hostname, b->hostname) &&
               log_target_eq(&a->log.to_syslog, &b->log.to_syslog) &&
               log_target_eq(&a->log.to_stdout, &b->log.to_stdout) &&
               log_target_eq(&a->log.to_file, &b->log.to_file) &&
               str_eq(a->log.file_path, b->log.file_path) &&
               a->service_integrated_vtysh_config == b->service_integrated_vtysh_config &&
               ARRAYS_EQ(a, b, prefix_lists, prefix_lists_eq) &&
               ARRAYS_EQ(a, b, community_lists, community_lists_eq) &&
               ARRAYS_EQ(a, b, aspath_lists, aspath_lists_eq) &&
               ARRAYS_EQ(a, b, route_maps, route_maps_eq) &&
               ARRAYS_EQ(a, b, static_routes, static_routes_eq) &&
               ARRAYS_EQ(a, b, tunnels, tunnels_eq) && bgp_eq(&a->bgp, &b->bgp);
}
