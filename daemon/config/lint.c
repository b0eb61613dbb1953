/*
 * lint.c - config_lint(): runs the lints, and the one about originated networks.
 *
 * The write-up behind lbgpd (shared/seed/article.txt) names the mistakes that hurt an edge
 * router: no blackhole for the announced aggregate (a routing loop for its unused parts),
 * weak inbound filtering, no session safety valves, leaking routes outbound.  Those are
 * the lints.
 */
#include <stdarg.h>
#include <stdio.h>

#include "eval.h"
#include "lint.h"

void lint_warn(struct lint *l, struct config_loc loc, const char *fmt, ...)
{
        char msg[1536];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(msg, sizeof(msg), fmt, ap);
        va_end(ap);
        config_diags_add(l->diags, CONFIG_SEV_WARNING, loc.file, loc.line, loc.col, "%s", msg);
}

void lint_thousands(uint32_t n, char *buf, size_t len)
{
        if (n >= 1000000)
                snprintf(buf, len, "%u,%03u,%03u", (unsigned)(n / 1000000),
                         (unsigned)(n / 1000 % 1000), (unsigned)(n % 1000));
        else if (n >= 1000)
                snprintf(buf, len, "%u,%03u", (unsigned)(n / 1000), (unsigned)(n % 1000));
        else
                snprintf(buf, len, "%u", (unsigned)n);
}

void config_lint_opts_default(struct config_lint_opts *opts)
{
        opts->ipv6_table_size = CONFIG_IPV6_TABLE_SIZE;
        opts->ipv6_table_source = CONFIG_IPV6_TABLE_SOURCE;
        /* No current IPv4 count ships with the project; better no lint than a guess. */
        opts->ipv4_table_size = 0;
        opts->ipv4_table_source = NULL;
        opts->margin_percent = 15;
}

static bool blackholed(const struct config *cfg, const struct bgp_prefix *p)
{
        for (size_t i = 0; i < cfg->n_static_routes; i++) {
                const struct config_static_route *r = &cfg->static_routes[i];
                if ((r->kind == CONFIG_STATIC_BLACKHOLE || r->kind == CONFIG_STATIC_REJECT) &&
                    eval_covers(&r->prefix, p))
                        return true;
        }
        return false;
}

/* A "network" with no blackhole or reject route covering it. */
static void lint_networks(struct lint *l)
{
        const struct config_bgp *bgp = &l->cfg->bgp;

        for (int af = 0; af < CONFIG_AF_COUNT; af++) {
                for (size_t i = 0; i < bgp->af[af].n_networks; i++) {
                        const struct config_network *n = &bgp->af[af].networks[i];
                        if (blackholed(l->cfg, &n->prefix))
                                continue;
                        char pfx[64];
                        bgp_prefix_format(&n->prefix, pfx, sizeof(pfx));
                        lint_warn(l, n->loc,
                                  "network %s has no covering blackhole or reject route: "
                                  "traffic for the unused parts of it follows the default "
                                  "route back upstream and loops, and with FRR's 'bgp network "
                                  "import-check' it is not announced at all without a route; "
                                  "add '%s route %s blackhole'",
                                  pfx, n->prefix.afi == BGP_AFI_IPV6 ? "ipv6" : "ip", pfx);
                }
        }
}

int config_lint(const struct config *cfg, const struct config_lint_opts *opts,
                struct config_diags *diags)
{
        struct config_lint_opts dflt;
        if (opts == NULL) {
                config_lint_opts_default(&dflt);
                opts = &dflt;
        }
        struct lint l = {.cfg = cfg, .opts = opts, .diags = diags};

        lint_networks(&l);
        lint_prefix_lists(&l);
        lint_neighbors(&l);
        lint_leaks(&l);
        lint_refs(&l);
        return diags->err ? CONFIG_ERR_NOMEM : CONFIG_OK;
}
