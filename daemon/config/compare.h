/*
 * compare.h - equality of single configuration objects, shared by compare.c (the whole
 * configuration) and diff.c (what a reload changes for one neighbor).
 */
#ifndef LBGPD_COMPARE_H
#define LBGPD_COMPARE_H

#include <stdbool.h>

#include "config.h"

bool config_prefix_list_eq(const struct config_prefix_list *a, const struct config_prefix_list *b);
bool config_community_list_eq(const struct config_community_list *a,
                              const struct config_community_list *b);
bool config_aspath_list_eq(const struct config_aspath_list *a, const struct config_aspath_list *b);
bool config_route_map_eq(const struct config_route_map *a, const struct config_route_map *b);

#endif /* LBGPD_COMPARE_H */
