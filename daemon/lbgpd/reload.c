/*
 * reload.c - a new configuration applied without a restart (SIGHUP, `lbgpctl reload`).
 *
 * The file is parsed, linted and its policy built aside; anything wrong and the running
 * configuration stays, with every FILE:LINE:COL said in the log and in lbgpctl's answer
 * (DESIGN.md "Daemon").  Otherwise, as FRR does for the same edits:
 *   - lists and route-maps are replaced in the router's policy, which resolves names at
 *     every use, and each neighbor whose policy changed has it applied softly: inbound by
 *     re-running it over the routes kept (soft-reconfiguration inbound) or by asking the
 *     peer for them again (ROUTE-REFRESH, RFC 2918), outbound by re-sending only what
 *     differs from its Adj-RIB-Out;
 *   - a neighbor removed is stopped with Cease/Peer De-configured, one whose session
 *     parameters changed is reset with Cease/Other Configuration Change (RFC 4486 3), and
 *     one added is started; every other session stays up;
 *   - `shutdown` added or removed stops (Cease/Administrative Shutdown) or starts it;
 *   - static routes and `network`s that changed are changed in the kernel and the RIB;
 *   - `tunnel` sections, first of all, are applied, changed or taken down (tunnels.c).
 */
#include <stdlib.h>
#include <string.h>

#include <bgp/event_reload.h>

#include "lbgpd.h"

struct tally {
        size_t kept, added, removed, reset, soft_in, refresh, soft_out;
};

/* Diagnostics to the log, and to lbgpctl's answer; true when one is an error. */
static bool report_diags(struct config_diags *diags, FILE *reply)
{
        config_diags_sort(diags);
        for (size_t i = 0; i < diags->n; i++) {
                const struct config_diag *g = &diags->items[i];
                char *text = config_diag_format(g);
                if (text == NULL)
                        continue;
                lbgpd_log(g->severity == CONFIG_SEV_ERROR ? BGP_LOG_ERR : BGP_LOG_WARNING,
                          "reload: %s", text);
                if (reply != NULL && g->severity == CONFIG_SEV_ERROR)
                        fprintf(reply, "%s\n", text);
                free(text);
        }
        return diags->errors > 0;
}

/* Parses, lints and builds the policy aside: NULL, having said why, when it cannot run. */
static struct config *load_next(struct lbgpd *d, FILE *reply)
{
        struct config *next = NULL;
        struct config_diags diags;
        char *text = NULL;
        size_t len = 0;
        /* The errors follow the "% " line that tells lbgpctl the reload was refused. */
        FILE *errs = open_memstream(&text, &len);

        config_diags_init(&diags);
        int rc = config_parse_file(d->config_path, &next, &diags);
        if (rc == CONFIG_OK)
                rc = config_lint(next, NULL, &diags);
        bool bad = report_diags(&diags, errs) || rc != CONFIG_OK;
        config_diags_free(&diags);
        char err[256] = "";
        if (!bad && !next->bgp.given) {
                snprintf(err, sizeof(err), "%s: no `router bgp`", d->config_path);
                bad = true;
        }
        if (!bad) {
                /* Built once aside, so that a list the library refuses refuses the reload. */
                struct bgp_policy *trial = NULL;
                if (lbgpd_policy_build(next, &trial, err, sizeof(err)) != 0)
                        bad = true;
                bgp_policy_del(trial);
        }
        if (errs != NULL)
                fclose(errs);
        if (bad) {
                if (err[0] != '\0')
                        lbgpd_log(BGP_LOG_ERR, "reload: %s", err);
                lbgpd_log(BGP_LOG_ERR, "reload: %s not loaded; the running configuration stays",
                          d->config_path);
                if (reply != NULL) {
                        fprintf(reply, "%% Configuration not loaded (%s); the running one stays\n",
                                rc == CONFIG_OK ? "errors" : config_strerror(rc));
                        if (text != NULL)
                                fputs(text, reply);
                        if (err[0] != '\0')
                                fprintf(reply, "%s\n", err);
                }
                config_free(next);
                next = NULL;
        }
        free(text);
        return next;
}

/* The record for a neighbor of the running configuration, by address. */
static struct lbgpd_peer *record_of(struct lbgpd *d, const struct config_neighbor *nb)
{
        for (size_t i = 0; i < d->n_peers; i++) {
                const struct config_neighbor *x = d->peers[i].nb;
                if (x->afi == nb->afi && memcmp(x->addr, nb->addr, 16) == 0)
                        return &d->peers[i];
        }
        return NULL;
}

/* Neighbors gone or changed leave, each with its Cease.  Kept ones are marked. */
static void close_changed(struct lbgpd *d, const struct config *old, const struct config *next,
                          bool *keep, struct tally *t)
{
        for (size_t i = 0; i < d->n_peers; i++) {
                struct lbgpd_peer *p = &d->peers[i];
                const struct config_neighbor *y =
                    config_find_neighbor(next, p->nb->afi, p->nb->addr);
                keep[i] = y != NULL && config_neighbor_session_equal(old, p->nb, next, y);
                if (keep[i])
                        continue;
                lbgpd_log(BGP_LOG_NOTICE, "reload: neighbor %s %s", p->nb->addr_text,
                          y == NULL ? "removed: Cease/Peer De-configured"
                                    : "changed: reset with Cease/Other Configuration Change");
                lbgpd_peer_close(d, p,
                                 y == NULL ? BGP_NOTIFY_CEASE_PEER_DECONFIGURED
                                           : BGP_NOTIFY_CEASE_OTHER_CONFIG_CHANGE);
                if (y == NULL)
                        t->removed++;
                else
                        t->reset++;
        }
}

/* A kept neighbor under its new configuration: policy, shutdown, maximum-prefix. */
static void update_kept(struct lbgpd *d, struct lbgpd_peer *p, const struct config *old,
                        const struct config_neighbor *was, struct tally *t)
{
        const struct config_neighbor *nb = p->nb;
        enum config_af af =
            nb->afi == BGP_AFI_IPV6 ? CONFIG_AF_IPV6_UNICAST : CONFIG_AF_IPV4_UNICAST;
        const struct config_neighbor_af *naf = &nb->af[af], *oaf = &was->af[af];
        struct bgp_router_peer_config c;

        lbgpd_router_config(p, &c);
        int rc = bgp_router_peer_configure(d->router, p->rp, &c);
        if (rc != 0)
                lbgpd_log(BGP_LOG_ERR, "reload: %s: %s", nb->addr_text, bgp_strerror(rc));
        p->max_prefix_restart = naf->max_prefix.restart;

        if (nb->shutdown != was->shutdown) {
                if (nb->shutdown) {
                        lbgpd_log(BGP_LOG_NOTICE, "reload: neighbor %s shut down", nb->addr_text);
                        bgp_ev_peer_stop(p->ev, nb->shutdown_message);
                } else {
                        lbgpd_log(BGP_LOG_NOTICE, "reload: neighbor %s started", nb->addr_text);
                        rc = bgp_ev_peer_start(p->ev);
                        if (rc != 0)
                                lbgpd_log(BGP_LOG_ERR, "%s: not started: %s", nb->addr_text,
                                          bgp_strerror(rc));
                }
                return;
        }
        struct bgp_session *s = bgp_ev_peer_session(p->ev);
        if (bgp_session_state(s) != BGP_STATE_ESTABLISHED)
                return; /* it gets the new policy when it comes up */

        /* Soft-reconfiguration turned on keeps nothing yet: the peer sends it all again. */
        bool in = !config_neighbor_policy_equal(old, was, d->cfg, nb, af, CONFIG_IN) ||
                  (naf->soft_reconfig_in && !oaf->soft_reconfig_in);
        bool out = !config_neighbor_policy_equal(old, was, d->cfg, nb, af, CONFIG_OUT);
        if (in) {
                rc = (naf->soft_reconfig_in && oaf->soft_reconfig_in)
                         ? bgp_router_soft_in(d->router, p->rp)
                         : BGP_ERR_UNSUPPORTED;
                if (rc == 0) {
                        t->soft_in++;
                } else if (rc == BGP_ERR_UNSUPPORTED) {
                        rc = bgp_ev_peer_request_refresh(p->ev, nb->afi, BGP_SAFI_UNICAST);
                        if (rc == 0)
                                t->refresh++;
                        else
                                lbgpd_log(BGP_LOG_WARNING,
                                          "reload: %s: new inbound policy applies to new routes "
                                          "only: no routes kept and no ROUTE-REFRESH; "
                                          "`clear bgp %s` applies it to all",
                                          nb->addr_text, nb->addr_text);
                } else {
                        lbgpd_log(BGP_LOG_ERR, "reload: %s: inbound policy: %s", nb->addr_text,
                                  bgp_strerror(rc));
                }
        }
        if (out) {
                rc = bgp_router_soft_out(d->router, p->rp);
                if (rc == 0)
                        t->soft_out++;
                else
                        lbgpd_log(BGP_LOG_ERR, "reload: %s: outbound policy: %s", nb->addr_text,
                                  bgp_strerror(rc));
        }
        /* A limit lowered under what the peer already has: over it now (FRR does the same). */
        const struct config_max_prefix *m = &naf->max_prefix;
        size_t count = bgp_rib_peer_accepted(bgp_router_rib_peer(p->rp));
        if (m->given && !m->warning_only && count > m->max &&
            (!oaf->max_prefix.given || oaf->max_prefix.max != m->max))
                lbgpd_max_prefix_exceeded(p, count);
}

/* The records of next's neighbors, in its order: kept ones moved over, the rest new. */
static int rebuild(struct lbgpd *d, const struct config *old, const bool *keep, struct tally *t)
{
        const struct config *next = d->cfg;
        size_t n = next->bgp.n_neighbors;
        struct lbgpd_peer *np = calloc(n ? n : 1, sizeof(*np));
        /* Per new record: the neighbor it was when kept, NULL when it is (re)started. */
        const struct config_neighbor **was = calloc(n ? n : 1, sizeof(*was));
        bool *reset = calloc(n ? n : 1, sizeof(*reset));
        if (np == NULL || was == NULL || reset == NULL) {
                free(np);
                free(was);
                free(reset);
                return BGP_ERR_NOMEM;
        }
        for (size_t j = 0; j < n; j++) {
                const struct config_neighbor *nb = &next->bgp.neighbors[j];
                struct lbgpd_peer *old_rec = record_of(d, nb);
                if (old_rec != NULL) {
                        /* Counters survive a reset, as FRR's do. */
                        np[j] = *old_rec;
                        if (keep[old_rec - d->peers])
                                was[j] = old_rec->nb;
                        else
                                reset[j] = true;
                } else {
                        t->added++;
                }
                np[j].d = d;
                np[j].nb = nb;
        }
        free(d->peers);
        d->peers = np;
        d->n_peers = n;
        for (size_t j = 0; j < n; j++) {
                struct lbgpd_peer *p = &d->peers[j];
                if (was[j] != NULL) {
                        /* The router peer's user data is the record, which moved. */
                        bgp_router_peer_set_user_data(p->rp, p);
                        t->kept++;
                        update_kept(d, p, old, was[j], t);
                        continue;
                }
                int rc = lbgpd_peer_open(d, p);
                if (rc != 0)
                        lbgpd_log(BGP_LOG_ERR, "reload: neighbor %s: %s", p->nb->addr_text,
                                  bgp_strerror(rc));
                else
                        lbgpd_log(BGP_LOG_NOTICE, "reload: neighbor %s %s", p->nb->addr_text,
                                  reset[j] ? "restarted with its new configuration" : "added");
        }
        free(was);
        free(reset);
        /* A neighbor that could not be opened has no peer to show or clear: it goes (the
         * log said why), and the records that move get their router peers told. */
        size_t k = 0;
        for (size_t j = 0; j < d->n_peers; j++)
                if (d->peers[j].ev != NULL && d->peers[j].rp != NULL)
                        d->peers[k++] = d->peers[j];
        d->n_peers = k;
        for (size_t j = 0; j < k; j++)
                bgp_router_peer_set_user_data(d->peers[j].rp, &d->peers[j]);
        return 0;
}

int lbgpd_reload(struct lbgpd *d, FILE *reply)
{
        struct tally t = {0};
        lbgpd_log(BGP_LOG_NOTICE, "reload: reading %s", d->config_path);
        struct config *next = load_next(d, reply);
        if (next == NULL)
                return -1;
        bool *keep = calloc(d->n_peers ? d->n_peers : 1, sizeof(*keep));
        if (keep == NULL) {
                config_free(next);
                if (reply != NULL)
                        fputs("% Out of memory; the running configuration stays\n", reply);
                return -1;
        }
        /* The tunnels first: a new neighbor's update-source may name a new one.  What
         * lbgp-tunnel says of a failure follows the summary (tunnels.c). */
        struct lbgpd_tunnel_tally tt;
        char *notes = NULL;
        size_t notes_len = 0;
        FILE *tnotes = open_memstream(&notes, &notes_len);
        bool tunnels = next->n_tunnels > 0 || d->cfg->n_tunnels > 0;
        int trc = lbgpd_tunnels_reload(d, next, tnotes, &tt);
        if (tnotes != NULL)
                fclose(tnotes);
        if (trc != 0) {
                free(notes);
                free(keep);
                config_free(next);
                if (reply != NULL)
                        fputs("% Out of memory; the running configuration stays\n", reply);
                return -1;
        }
        if (tunnels)
                lbgpd_log(BGP_LOG_NOTICE,
                          "reload: tunnels: %zu kept, %zu added, %zu changed, %zu removed, "
                          "%zu failed",
                          tt.kept, tt.added, tt.changed, tt.removed, tt.failed);
        if (config_equal(next, d->cfg)) {
                config_free(next);
                lbgpd_log(BGP_LOG_NOTICE, "reload: %s: no change", d->config_path);
                if (reply != NULL) {
                        fprintf(reply, "No change in %s\n", d->config_path);
                        if (tt.added + tt.changed + tt.failed > 0)
                                fprintf(reply, "  tunnels applied again: %zu, failed: %zu\n",
                                        tt.added + tt.changed, tt.failed);
                        if (notes != NULL)
                                fputs(notes, reply);
                }
                free(notes);
                free(keep);
                return 0;
        }

        struct config *old = d->cfg;
        /* From here on the new configuration is the running one, its `log` lines too. */
        d->cfg = next;
        char err[256];
        if (lbgpd_log_configure(&next->log, err, sizeof(err)) != LBGPD_LOG_OK)
                lbgpd_log(BGP_LOG_ERR, "reload: %s", err);
        lbgpd_policy_clear(old, d->policy);
        if (lbgpd_policy_fill(next, d->policy, err, sizeof(err)) != 0)
                lbgpd_log(BGP_LOG_ERR, "reload: %s", err); /* out of memory: built once already */

        close_changed(d, old, next, keep, &t);
        int rc = rebuild(d, old, keep, &t);
        free(keep);
        lbgpd_fib_reload(d, old);
        if (rc == 0)
                rc = lbgpd_originate_reload(d, old);
        lbgpd_settle(d);
        config_free(old);
        if (rc != 0) {
                lbgpd_log(BGP_LOG_ERR, "reload: %s", bgp_strerror(rc));
                if (reply != NULL)
                        fprintf(reply, "%% Reload applied in part: %s\n", bgp_strerror(rc));
                free(notes);
                return -1;
        }
        lbgpd_log(BGP_LOG_NOTICE,
                  "reload: %s applied: %zu neighbors kept, %zu added, %zu removed, %zu reset; "
                  "policy re-applied to %zu inbound (%zu by ROUTE-REFRESH), %zu outbound",
                  d->config_path, t.kept, t.added, t.removed, t.reset, t.soft_in + t.refresh,
                  t.refresh, t.soft_out);
        if (reply != NULL)
                fprintf(reply,
                        "Configuration reloaded from %s\n"
                        "  neighbors: %zu kept, %zu added, %zu removed, %zu reset\n"
                        "  policy re-applied: %zu inbound (%zu by ROUTE-REFRESH), %zu outbound\n",
                        d->config_path, t.kept, t.added, t.removed, t.reset, t.soft_in + t.refresh,
                        t.refresh, t.soft_out);
        if (reply != NULL && tunnels)
                fprintf(reply,
                        "  tunnels: %zu kept, %zu added, %zu changed, %zu removed, %zu failed\n",
                        tt.kept, tt.added, tt.changed, tt.removed, tt.failed);
        if (reply != NULL && notes != NULL)
                fputs(notes, reply);
        free(notes);
        return 0;
}
