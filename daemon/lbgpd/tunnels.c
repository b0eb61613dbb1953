/*
 * tunnels.c - the configuration's `tunnel` sections in the kernel, by lbgp-tunnel's own
 * apply (tools/lbgp-tunnel/tunnel_apply.h), so that a router needs one file.
 *
 * At start every section is applied before the kernel's routes and the sessions: a static
 * route or an update-source may name the tunnel.  Apply is idempotent, so a restart of
 * lbgpd over tunnels already in place changes nothing.  On reload, a section added is
 * applied, one changed has what its old text had and the new one has not removed and is
 * applied again, one removed is taken down (only what carries lbgp-tunnel's marks), and
 * one unchanged is left alone, unless its last apply failed: it is then tried again.
 *
 * At exit nothing is removed: a tunnel carries a downstream server's traffic, which does
 * not depend on BGP, and an operator restarting lbgpd must not cut it for nothing (FRR
 * does not remove interfaces at exit either).  Removing the section and reloading, or
 * `lbgp-tunnel down`, takes a tunnel down.
 *
 * A kernel refusal (a link of that name that is not ours, say) is logged with what
 * lbgp-tunnel printed and does not stop lbgpd: the upstream sessions do not need the
 * downstream tunnel, and the section is tried again at the next reload.
 */
#include <stdlib.h>
#include <string.h>

#include "lbgpd.h"
#include "tconf.h"
#include "tunnel_apply.h"

/* Each line lbgp-tunnel printed to the log at level, after "tunnel NAME: " (in place of
 * the "NAME: " its summaries start with). */
static void log_lines(int level, const char *name, const char *text)
{
        size_t nlen = strlen(name);

        while (text != NULL && *text != '\0') {
                const char *nl = strchr(text, '\n');
                size_t len = nl != NULL ? (size_t)(nl - text) : strlen(text);
                const char *line = text;

                text += len + (nl != NULL);
                if (len > nlen + 2 && strncmp(line, name, nlen) == 0 && line[nlen] == ':' &&
                    line[nlen + 1] == ' ') {
                        line += nlen + 2;
                        len -= nlen + 2;
                }
                if (len > 0)
                        lbgpd_log(level, "tunnel %s: %.*s", name, (int)len, line);
        }
}

enum op {
        OP_APPLY,
        OP_CHANGE,
        OP_DOWN,
};

/* One apply, change or down, its output logged.  0 when the kernel holds what was asked. */
static int run(enum op op, const struct config_tunnel *old, const struct config_tunnel *t,
               FILE *reply)
{
        char *out_text = NULL, *err_text = NULL;
        size_t out_len = 0, err_len = 0;
        FILE *out = open_memstream(&out_text, &out_len);
        FILE *err = open_memstream(&err_text, &err_len);
        int rc = -1;

        if (out != NULL && err != NULL) {
                switch (op) {
                case OP_APPLY:
                        rc = tunnel_apply(t->conf, false, out, err);
                        break;
                case OP_CHANGE:
                        rc = tunnel_change(old->conf, t->conf, false, out, err);
                        break;
                case OP_DOWN:
                        rc = tunnel_down(t->conf, false, out, err);
                        break;
                }
        }
        if (out != NULL)
                fclose(out);
        if (err != NULL)
                fclose(err);
        if (out == NULL || err == NULL)
                lbgpd_log(BGP_LOG_ERR, "tunnel %s: out of memory", t->name);
        log_lines(BGP_LOG_NOTICE, t->name, out_text);
        log_lines(BGP_LOG_ERR, t->name, err_text);
        if (rc != 0 && reply != NULL) {
                fprintf(reply, "%% tunnel %s: %s failed\n", t->name,
                        op == OP_DOWN ? "down" : "apply");
                if (err_text != NULL)
                        fputs(err_text, reply);
        }
        free(out_text);
        free(err_text);
        return rc;
}

int lbgpd_tunnels_start(struct lbgpd *d)
{
        const struct config *cfg = d->cfg;
        size_t failed = 0;

        free(d->tunnel_failed);
        d->tunnel_failed = calloc(cfg->n_tunnels ? cfg->n_tunnels : 1, sizeof(bool));
        if (d->tunnel_failed == NULL)
                return -1;
        for (size_t i = 0; i < cfg->n_tunnels; i++) {
                d->tunnel_failed[i] = run(OP_APPLY, NULL, &cfg->tunnels[i], NULL) != 0;
                failed += d->tunnel_failed[i];
        }
        if (failed > 0)
                lbgpd_log(BGP_LOG_ERR,
                          "%zu of %zu tunnel sections not applied; lbgpd runs without them and "
                          "tries again at the next reload",
                          failed, cfg->n_tunnels);
        return 0;
}

int lbgpd_tunnels_reload(struct lbgpd *d, const struct config *next, FILE *reply,
                         struct lbgpd_tunnel_tally *t)
{
        const struct config *old = d->cfg;
        bool *failed = calloc(next->n_tunnels ? next->n_tunnels : 1, sizeof(bool));

        memset(t, 0, sizeof(*t));
        if (failed == NULL)
                return -1;
        /* Removed sections first, so that what they held is free for the new ones. */
        for (size_t i = 0; i < old->n_tunnels; i++) {
                if (config_find_tunnel(next, old->tunnels[i].name) != NULL)
                        continue;
                if (run(OP_DOWN, NULL, &old->tunnels[i], reply) == 0)
                        t->removed++;
                else
                        t->failed++;
        }
        for (size_t i = 0; i < next->n_tunnels; i++) {
                const struct config_tunnel *y = &next->tunnels[i];
                const struct config_tunnel *x = config_find_tunnel(old, y->name);
                bool retry =
                    x != NULL && d->tunnel_failed != NULL && d->tunnel_failed[x - old->tunnels];
                int rc;

                if (x != NULL && config_tunnel_equal(x, y) && !retry) {
                        t->kept++;
                        continue;
                }
                rc = run(x != NULL ? OP_CHANGE : OP_APPLY, x, y, reply);
                failed[i] = rc != 0;
                if (rc != 0)
                        t->failed++;
                else if (x == NULL)
                        t->added++;
                else
                        t->changed++;
        }
        free(d->tunnel_failed);
        d->tunnel_failed = failed;
        return 0;
}

void lbgpd_tunnels_free(struct lbgpd *d)
{
        free(d->tunnel_failed);
        d->tunnel_failed = NULL;
}
