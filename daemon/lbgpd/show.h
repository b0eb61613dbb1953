/*
 * show.h - the control socket's commands (control.c) and their answers (show.c).
 */
#ifndef LBGPD_SHOW_H
#define LBGPD_SHOW_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "request.h"

struct lbgpd;

/* `show bgp ...` (the LBGPD_REQ_SHOW_* requests of request.h but prefix-lists, route-maps
 * and the running configuration): the answer on out; -1 with a "% ..." line there when the
 * neighbor is unknown. */
int lbgpd_show(struct lbgpd *d, const struct lbgpd_request *req, FILE *out);
/* show_policy.c: `show ip[v6] prefix-list [NAME]` (afi BGP_AFI_IPV4 or BGP_AFI_IPV6) and
 * `show route-map [NAME]`; name NULL for all.  0, or -1 with a "% ..." line on out. */
int lbgpd_show_prefix_list(struct lbgpd *d, uint16_t afi, const char *name, bool json, FILE *out);
int lbgpd_show_route_map(struct lbgpd *d, const char *name, bool json, FILE *out);
/* The neighbor whose address is text, or NULL. */
struct lbgpd_peer *lbgpd_peer_find(struct lbgpd *d, const char *text);

#endif /* LBGPD_SHOW_H */
