/*
 * fib.c - the kernel side: static routes, best BGP paths, and FRR's rule for `network`.
 *
 * Routes carry our own protocol number, so a restart removes only what a previous run
 * left (kernel_flush_stale()) and a stop removes what this run installed.  Best paths go
 * into the table of `lbgpd -t` (main by default); static routes always into main, where
 * FRR's staticd puts them, so `-t` moves BGP's routes only and a policy rule can choose
 * to use them.  Best-path changes arrive in batches from the router and go to the kernel
 * writer (kernel_writer.h): its thread writes them while this one reads the next UPDATEs,
 * and a route that changes again before it was written is written once.  Static routes
 * are few and rare, and are written here, after the writer has caught up.
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

/* Into the open batch. */
static void install_static(struct lbgpd *d, const struct config_static_route *s)
{
        struct kernel_nexthop nh;
        memset(&nh, 0, sizeof(nh));
        switch (s->kind) {
        case CONFIG_STATIC_BLACKHOLE:
                kernel_route_replace(d->kernel_static, &s->prefix, NULL, KERNEL_ROUTE_BLACKHOLE);
                break;
        case CONFIG_STATIC_REJECT:
                kernel_route_replace(d->kernel_static, &s->prefix, NULL, KERNEL_ROUTE_REJECT);
                break;
        case CONFIG_STATIC_NEXTHOP:
        case CONFIG_STATIC_INTERFACE:
                nh.afi = s->kind == CONFIG_STATIC_NEXTHOP ? s->prefix.afi : 0;
                memcpy(nh.addr, s->nexthop, sizeof(nh.addr));
                if (s->ifname != NULL && kernel_ifindex(d->kernel, s->ifname, &nh.ifindex) != 0)
                        lbgpd_log(BGP_LOG_WARNING, "static route: no interface %s", s->ifname);
                kernel_route_replace(d->kernel_static, &s->prefix, &nh, KERNEL_ROUTE_UNICAST);
                break;
        }
}

/* A best BGP path to the kernel writer. */
static void install_best(struct lbgpd *d, const struct bgp_prefix *pfx,
                         const struct bgp_attrset *attrs)
{
        struct bgp_pattr pa;
        struct kernel_nexthop nh;
        char text[64];
        bgp_attrset_view(attrs, &pa);
        memset(&nh, 0, sizeof(nh));
        nh.afi = pa.nh_afi;
        memcpy(nh.addr, pa.next_hop, sizeof(nh.addr));
        if (kernel_writer_replace(d->fib_writer, pfx, &nh, KERNEL_ROUTE_UNICAST) != KERNEL_OK) {
                bgp_prefix_format(pfx, text, sizeof(text));
                lbgpd_log(BGP_LOG_WARNING, "kernel: install %s: unusable next hop", text);
        }
}

/* What the writer's thread could not write, logged from the loop's thread. */
static void on_writer_failures(evutil_socket_t fd, short what, void *arg)
{
        struct lbgpd *d = arg;
        size_t n;
        (void)fd;
        (void)what;
        n = kernel_writer_failures(d->fib_writer, on_failure, d);
        if (n > 64)
                lbgpd_log(BGP_LOG_WARNING, "kernel: %zu more routes refused, not logged", n - 64);
}

/* Opens a handle on table and removes what a previous run left there. */
static int open_table(uint32_t table, struct kernel **out)
{
        char err[256];
        int rc = kernel_open(out, table, KERNEL_PROTO_DEFAULT, err, sizeof(err));
        if (rc != 0) {
                lbgpd_log(BGP_LOG_ERR, "kernel: table %u: %s", (unsigned)table, err);
                return rc;
        }
        rc = kernel_flush_stale(*out);
        if (rc > 0)
                lbgpd_log(BGP_LOG_NOTICE,
                          "kernel: removed %d routes of a previous run from table %u", rc,
                          (unsigned)table);
        return 0;
}

int lbgpd_fib_open(struct lbgpd *d)
{
        char err[256];
        int rc = open_table(d->table, &d->kernel);
        if (rc != 0)
                return rc;
        rc = kernel_writer_open(&d->fib_writer, d->table, KERNEL_PROTO_DEFAULT, LBGPD_FIB_QUEUE,
                                err, sizeof(err));
        if (rc != 0) {
                lbgpd_log(BGP_LOG_ERR, "kernel: table %u: writer: %s", (unsigned)d->table, err);
                return rc;
        }
        d->fib_fail_ev = event_new(d->base, kernel_writer_fd(d->fib_writer), EV_READ | EV_PERSIST,
                                   on_writer_failures, d);
        if (d->fib_fail_ev == NULL || event_add(d->fib_fail_ev, NULL) != 0) {
                lbgpd_log(BGP_LOG_ERR, "kernel: cannot watch the writer");
                return KERNEL_ERR_NOMEM;
        }
        d->kernel_static = d->kernel;
        if (d->table != KERNEL_TABLE_DEFAULT &&
            (rc = open_table(KERNEL_TABLE_DEFAULT, &d->kernel_static)) != 0) {
                d->kernel_static = NULL;
                return rc;
        }
        /* `ipv6 route PREFIX blackhole|reject|NEXTHOP|IFNAME` */
        kernel_batch_begin(d->kernel_static);
        for (size_t i = 0; i < d->cfg->n_static_routes; i++)
                install_static(d, &d->cfg->static_routes[i]);
        rc = kernel_batch_commit(d->kernel_static, on_failure, d);
        return rc < 0 ? rc : 0;
}

static void close_table(struct kernel *k)
{
        int n = kernel_flush_stale(k);
        if (n >= 0)
                lbgpd_log(BGP_LOG_NOTICE, "kernel: removed our %d routes from table %u", n,
                          (unsigned)kernel_table(k));
        kernel_close(k);
}

void lbgpd_fib_close(struct lbgpd *d)
{
        if (d->fib_writer != NULL) {
                struct kernel_writer_stats st;
                kernel_writer_stats(d->fib_writer, &st);
                lbgpd_log(BGP_LOG_INFO,
                          "kernel: %llu route changes, %llu folded into a later one, %llu "
                          "written in %llu lots, %llu refused",
                          (unsigned long long)st.queued, (unsigned long long)st.folded,
                          (unsigned long long)st.written, (unsigned long long)st.lots,
                          (unsigned long long)st.failed);
                /* First: its thread writes to the tables flushed below. */
                kernel_writer_close(d->fib_writer);
                d->fib_writer = NULL;
        }
        if (d->fib_fail_ev != NULL) {
                event_free(d->fib_fail_ev);
                d->fib_fail_ev = NULL;
        }
        if (d->kernel_static != NULL && d->kernel_static != d->kernel)
                close_table(d->kernel_static);
        if (d->kernel != NULL)
                close_table(d->kernel);
        d->kernel = d->kernel_static = NULL;
}

void lbgpd_fib_changes(const struct bgp_rib_change *c, size_t n, void *user_data)
{
        struct lbgpd *d = user_data;
        const struct bgp_rib_peer *local = bgp_rib_local(bgp_router_rib(d->router));

        if (d->fib_writer == NULL)
                return;
        for (size_t i = 0; i < n; i++) {
                /* A prefix of a static route is the static route's (our blackhole). */
                if (static_route(d->cfg, &c[i].prefix) != NULL)
                        continue;
                if (c[i].attrs == NULL || c[i].peer == local) {
                        kernel_writer_delete(d->fib_writer, &c[i].prefix);
                        continue;
                }
                install_best(d, &c[i].prefix, c[i].attrs);
        }
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

static bool same_static(const struct config_static_route *a, const struct config_static_route *b)
{
        return a->kind == b->kind && memcmp(a->nexthop, b->nexthop, sizeof(a->nexthop)) == 0 &&
               ((a->ifname == NULL && b->ifname == NULL) ||
                (a->ifname != NULL && b->ifname != NULL && strcmp(a->ifname, b->ifname) == 0));
}

void lbgpd_fib_reload(struct lbgpd *d, const struct config *old)
{
        struct bgp_rib *rib = bgp_router_rib(d->router);
        const struct bgp_rib_peer *local = bgp_rib_local(rib);
        if (d->kernel == NULL || d->fib_writer == NULL)
                return;
        /* The static routes are written below on another socket: what the writer holds
         * for their prefixes goes first, so that it cannot land on top of them. */
        kernel_writer_sync(d->fib_writer);
        kernel_batch_begin(d->kernel_static);
        for (size_t i = 0; i < old->n_static_routes; i++) {
                const struct bgp_prefix *p = &old->static_routes[i].prefix;
                if (static_route(d->cfg, p) != NULL)
                        continue;
                /* Gone: the prefix is BGP's again, if BGP has a path for it. */
                const struct bgp_rib_peer *from = NULL;
                const struct bgp_attrset *best = bgp_rib_best(rib, p, &from);
                if (best != NULL && from != local)
                        install_best(d, p, best); /* a replace, through the writer */
                if (d->kernel_static != d->kernel || best == NULL || from == local)
                        kernel_route_delete(d->kernel_static, p);
        }
        for (size_t i = 0; i < d->cfg->n_static_routes; i++) {
                const struct config_static_route *s = &d->cfg->static_routes[i];
                const struct config_static_route *was = static_route(old, &s->prefix);
                if (was == NULL || !same_static(was, s))
                        install_static(d, s);
        }
        if (kernel_batch_size(d->kernel_static) > 0)
                kernel_batch_commit(d->kernel_static, on_failure, d);
}

/* Whether cfg originates pfx: a `network` for it, and a static route (FRR's import-check). */
static bool originates(const struct config *cfg, const struct bgp_prefix *pfx)
{
        if (static_route(cfg, pfx) == NULL)
                return false;
        for (int af = 0; af < CONFIG_AF_COUNT; af++) {
                const struct config_bgp_af *baf = &cfg->bgp.af[af];
                for (size_t i = 0; i < baf->n_networks; i++)
                        if (same_prefix(&baf->networks[i].prefix, pfx))
                                return true;
        }
        return false;
}

int lbgpd_originate_reload(struct lbgpd *d, const struct config *old)
{
        char text[64];
        for (int pass = 0; pass < 2; pass++) {
                /* First what old originated and d->cfg does not, then the reverse. */
                const struct config *from = pass == 0 ? old : d->cfg;
                const struct config *to = pass == 0 ? d->cfg : old;
                for (int af = 0; af < CONFIG_AF_COUNT; af++) {
                        const struct config_bgp_af *baf = &from->bgp.af[af];
                        for (size_t i = 0; i < baf->n_networks; i++) {
                                const struct bgp_prefix *p = &baf->networks[i].prefix;
                                if (!originates(from, p) || originates(to, p))
                                        continue;
                                int rc = bgp_router_network(d->router, p, pass == 1);
                                if (rc != 0)
                                        return rc;
                                bgp_prefix_format(p, text, sizeof(text));
                                lbgpd_log(BGP_LOG_INFO, "network %s: %s", text,
                                          pass == 1 ? "announced" : "withdrawn");
                        }
                }
        }
        return 0;
}
