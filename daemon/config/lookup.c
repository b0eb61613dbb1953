/*
 * lookup.c - finding lists, route-maps and neighbors by name, and the effective value of
 * settings that FRR leaves to defaults (config.h).
 */
#include <stdlib.h>
#include <string.h>

#include "config.h"

const struct config_prefix_list *config_find_prefix_list(const struct config *cfg, uint16_t afi,
                                                         const char *name)
{
        for (size_t i = 0; i < cfg->n_prefix_lists; i++)
                if (cfg->prefix_lists[i].afi == afi && strcmp(cfg->prefix_lists[i].name, name) == 0)
                        return &cfg->prefix_lists[i];
        return NULL;
}

const struct config_community_list *config_find_community_list(const struct config *cfg, bool large,
                                                               const char *name)
{
        for (size_t i = 0; i < cfg->n_community_lists; i++)
                if (cfg->community_lists[i].large == large &&
                    strcmp(cfg->community_lists[i].name, name) == 0)
                        return &cfg->community_lists[i];
        return NULL;
}

const struct config_aspath_list *config_find_aspath_list(const struct config *cfg, const char *name)
{
        for (size_t i = 0; i < cfg->n_aspath_lists; i++)
                if (strcmp(cfg->aspath_lists[i].name, name) == 0)
                        return &cfg->aspath_lists[i];
        return NULL;
}

const struct config_route_map *config_find_route_map(const struct config *cfg, const char *name)
{
        for (size_t i = 0; i < cfg->n_route_maps; i++)
                if (strcmp(cfg->route_maps[i].name, name) == 0)
                        return &cfg->route_maps[i];
        return NULL;
}

const struct config_tunnel *config_find_tunnel(const struct config *cfg, const char *name)
{
        for (size_t i = 0; i < cfg->n_tunnels; i++)
                if (strcmp(cfg->tunnels[i].name, name) == 0)
                        return &cfg->tunnels[i];
        return NULL;
}

const struct config_neighbor *config_find_neighbor(const struct config *cfg, uint16_t afi,
                                                   const uint8_t *addr)
{
        for (size_t i = 0; i < cfg->bgp.n_neighbors; i++) {
                const struct config_neighbor *nb = &cfg->bgp.neighbors[i];
                if (nb->afi == afi && memcmp(nb->addr, addr, 16) == 0)
                        return nb;
        }
        return NULL;
}

bool config_default_ipv4_unicast(const struct config *cfg)
{
        return cfg->bgp.default_ipv4_unicast != CONFIG_OFF;
}

bool config_neighbor_active(const struct config *cfg, const struct config_neighbor *nb,
                            enum config_af af)
{
        if (nb->af[af].activate != CONFIG_UNSET)
                return nb->af[af].activate == CONFIG_ON;
        return af == CONFIG_AF_IPV4_UNICAST && config_default_ipv4_unicast(cfg);
}

bool config_neighbor_is_ebgp(const struct config *cfg, const struct config_neighbor *nb)
{
        switch (nb->remote_as_kind) {
        case CONFIG_REMOTE_AS_INTERNAL:
                return false;
        case CONFIG_REMOTE_AS_EXTERNAL:
                return true;
        case CONFIG_REMOTE_AS_NUMBER:
                break;
        }
        uint32_t ours = nb->local_as ? nb->local_as : cfg->bgp.asn;
        return nb->remote_as != ours;
}

/* "7.3.1" -> 7 and 3; false when it does not start with a number. */
static bool version_of(const char *v, unsigned long *major, unsigned long *minor)
{
        char *end;
        *major = strtoul(v, &end, 10);
        if (end == v)
                return false;
        *minor = *end == '.' ? strtoul(end + 1, NULL, 10) : 0;
        return true;
}

bool config_ebgp_requires_policy(const struct config *cfg)
{
        unsigned long major, minor;

        if (cfg->bgp.ebgp_requires_policy != CONFIG_UNSET)
                return cfg->bgp.ebgp_requires_policy == CONFIG_ON;
        /* FRR bgpd/bgpd.h FRR_CFG_DEFAULT_BOOL(BGP_EBGP_REQUIRES_POLICY): off for files
         * written by FRR older than 7.4, on since. */
        if (cfg->frr_version != NULL && version_of(cfg->frr_version, &major, &minor) &&
            (major < 7 || (major == 7 && minor < 4)))
                return false;
        return true;
}

const char *config_af_name(enum config_af af)
{
        return af == CONFIG_AF_IPV6_UNICAST ? "ipv6 unicast" : "ipv4 unicast";
}

uint16_t config_af_afi(enum config_af af)
{
        return af == CONFIG_AF_IPV6_UNICAST ? BGP_AFI_IPV6 : BGP_AFI_IPV4;
}
