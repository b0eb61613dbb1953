/*
 * fib.c - the kernel side: static routes, best BGP paths, and FRR's rule for `network`.
 *
 * Routes carry our own protocol number in the main table, so a restart removes only what
 * a previous run left (kernel_flush_stale()) and a stop removes what this run installed.
 * Best-path changes arrive in batches from the router and go to the kernel as one batch.
 */
#include <string.h>

#include "lbgpd.h"

static void on_failure(void *arg, const struct kernel_route *r, bool deleting, int sys_errno,
                       const char *why)
{
        char text[64];
        (void)arg;
        bgp_prefix_format(&r->prefix, text, sizeof(text));
        lbgpd_log(BGP_LOG_WARNING, "kernel: %s %s: %s%s%s", deleting ? "delete" : "install", text,
                  strerror(sys_errno), why ? ": " : "", why ? why : "");
}

static bool same_prefix(const struct bgp_prefix *a, const struct bgp_prefix *b)
{
        return a->afi == b->afi && a->len == b->len && memcmp(a->addr, b->addr, 16) == 0;
}

/* A configured static route for exactly this prefix. */
static const struct config_static_route *static_route(const struct config *cfg,
                                                      const struct bgp_prefix *p)
{
        for (size_t i = 0; i < cfg->n_static_routes; i++)
                if (same_prefix(&cfg->static_routes[i].prefix, p))
                        return &cfg->static_routes[i];
        return NULL;
}

int lbgpd_fib_open(struct lbgpd *d)
{
        char err[256];
        int rc =
            kernel_open(&d->kernel, KERNEL_TABLE_DEFAULT, KERNEL_PROTO_DEFAULT, err, sizeof(err));
        if (rc != 0) {
                lbgpd_log(BGP_LOG_ERR, "kernel: %s", err);
                return rc;
        }
        rc = kernel_flush_stale(d->kernel);
        if (rc > 0)
                lbgpd_log(BGP_LOG_NOTICE, "kernel: removed %d routes of a previous run", rc);
        /* `ipv6 route PREFIX blackhole|reject|NEXTHOP|IFNAME` */
        kernel_batch_begin(d->kernel);
        for (size_t i = 0; i < d->cfg->n_static_routes; i++) {
                const struct config_static_route *s = &d->cfg->static_routes[i];
                struct kernel_nexthop nh;
                memset(&nh, 0, sizeof(nh));
                switch (s->kind) {
                case CONFIG_STATIC_BLACKHOLE:
                        kernel_route_replace(d->kernel, &s->prefix, NULL, KERNEL_ROUTE_BLACKHOLE);
                        break;
                case CONFIG_STATIC_REJECT:
                        kernel_route_replace(d->kernel, &s->prefix, NULL, KERNEL_ROUTE_REJECT);
                        break;
                case CONFIG_STATIC_NEXTHOP:
                case CONFIG_STATIC_INTERFACE:
                        nh.afi = s->kind == CONFIG_STATIC_NEXTHOP ? s->prefix.afi : 0;
                        memcpy(nh.addr, s->nexthop, sizeof(nh.addr));
                        if (s->ifname != NULL &&
                            kernel_ifindex(d->kernel, s->ifname, &nh.ifindex) != 0)
                                lbgpd_log(BGP_LOG_WARNING, "static route: no interface %s",
                                          s->ifname);
                        kernel_route_replace(d->kernel, &s->prefix, &nh, KERNEL_ROUTE_UNICAST);
                        break;
                }
        }
        rc = kernel_batch_commit(d->kernel, on_failure, d);
        return rc < 0 ? rc : 0;
}

void lbgpd_fib_close(struct lbgpd *d)
{
        if (d->kernel == NULL)
                return;
        int n = kernel_flush_stale(d->kernel);
        if (n >= 0)
                lbgpd_log(BGP_LOG_NOTICE, "kernel: removed our %d routes", n);
        kernel_close(d->kernel);
        d->kernel = NULL;
}

void lbgpd_fib_changes(const struct bgp_rib_change *c, size_t n, void *user_data)
{
        struct lbgpd *d = user_data;
        const struct bgp_rib_peer *local = bgp_rib_local(bgp_router_rib(d->router));

        if (d->kernel == NULL)
                return;
        kernel_batch_begin(d->kernel);
        for (size_t i = 0; i < n; i++) {
                /* A prefix of a static route is the static route's (our blackhole). */
                if (static_route(d->cfg, &c[i].prefix) != NULL)
                        continue;
                if (c[i].attrs == NULL || c[i].peer == local) {
                        kernel_route_delete(d->kernel, &c[i].prefix);
                        continue;
                }
                struct bgp_pattr view;
                bgp_attrset_view(c[i].attrs, &view);
                const struct bgp_pattr *pa = &view;
                struct kernel_nexthop nh;
                memset(&nh, 0, sizeof(nh));
                nh.afi = pa->nh_afi;
                memcpy(nh.addr, pa->next_hop, sizeof(nh.addr));
                kernel_route_replace(d->kernel, &c[i].prefix, &nh, KERNEL_ROUTE_UNICAST);
        }
        if (kernel_batch_size(d->kernel) > 0)
                kernel_batch_commit(d->kernel, on_failure, d);
}

int lbgpd_originate(struct lbgpd *d)
{
        /* FRR: a `network` is announced while a route for it exists (import-check); the
         * seed writes `ipv6 route 2a06:9801:1c::/48 blackhole` for exactly that. */
        for (int af = 0; af < CONFIG_AF_COUNT; af++) {
                const struct config_bgp_af *baf = &d->cfg->bgp.af[af];
                for (size_t i = 0; i < baf->n_networks; i++) {
                        const struct bgp_prefix *p = &baf->networks[i].prefix;
                        char text[64];
                        bgp_prefix_format(p, text, sizeof(text));
                        if (static_route(d->cfg, p) == NULL) {
                                lbgpd_log(BGP_LOG_WARNING,
                                          "network %s: no route for it; not announced", text);
                                continue;
                        }
                        int rc = bgp_router_network(d->router, p, true);
                        if (rc != 0)
                                return rc;
                        lbgpd_log(BGP_LOG_INFO, "network %s: announced", text);
                }
        }
        return 0;
}
