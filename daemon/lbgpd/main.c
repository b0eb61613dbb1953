/*
 * main.c - lbgpd: a BGP router on libbgp that runs an FRR configuration.
 *
 *   lbgpd [-f FILE] [-s SOCKET] [-n] [-v]
 *
 * Runs in the foreground (a service manager daemonizes it) and logs to stderr.  -n checks
 * the configuration and its lints and exits 0 or 1 (FILE:LINE:COL: error|warning: ...).
 * SIGTERM and SIGINT stop every session with a Cease and remove our kernel routes.
 */
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lbgpd.h"

static int log_max = BGP_LOG_INFO;

void lbgpd_log(int level, const char *fmt, ...)
{
        static const char *const names[8] = {"emerg",   "alert",  "crit", "error",
                                             "warning", "notice", "info", "debug"};
        va_list ap;
        if (level > log_max)
                return;
        time_t t = time(NULL);
        struct tm tm;
        char when[32];
        strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%S", gmtime_r(&t, &tm));
        fprintf(stderr, "%s lbgpd %s: ", when, names[level & 7]);
        va_start(ap, fmt);
        vfprintf(stderr, fmt, ap);
        va_end(ap);
        fputc('\n', stderr);
}

static const char usage[] =
    "usage: lbgpd [-f FILE] [-s SOCKET] [-n] [-v]\n"
    "  -f FILE    configuration in FRR's language (default "
    "/etc/lbgpd/frr.conf)\n"
    "  -s SOCKET  control socket path (default /run/lbgpd.sock; SOCKET.ro: show only)\n"
    "  -n         check the configuration and exit\n"
    "  -v         log debug messages too\n";

/* Loads and lints; prints every diagnostic.  0 when the configuration can run. */
static int load(const char *path, struct config **cfg)
{
        struct config_diags diags;
        config_diags_init(&diags);
        int rc = config_parse_file(path, cfg, &diags);
        if (rc == CONFIG_OK)
                rc = config_lint(*cfg, NULL, &diags);
        config_diags_sort(&diags);
        for (size_t i = 0; i < diags.n; i++)
                config_diag_print(&diags.items[i], stderr);
        config_diags_free(&diags);
        return rc;
}

static void on_stop(evutil_socket_t sig, short what, void *arg)
{
        struct lbgpd *d = arg;
        struct timeval flush = {1, 0};
        (void)what;
        lbgpd_log(BGP_LOG_NOTICE, "signal %d: stopping", (int)sig);
        lbgpd_speaker_stop(d);
        /* A second to write the Cease messages out, then leave the loop. */
        event_base_loopexit(d->base, &flush);
}

static void on_hup(evutil_socket_t sig, short what, void *arg)
{
        struct lbgpd *d = arg;
        struct config *next = NULL;
        (void)sig;
        (void)what;
        /* A reload that fails keeps the running configuration (DESIGN.md). */
        if (load(d->config_path, &next) != CONFIG_OK) {
                lbgpd_log(BGP_LOG_ERR, "reload: %s has errors; the running configuration stays",
                          d->config_path);
                return;
        }
        if (config_equal(next, d->cfg))
                lbgpd_log(BGP_LOG_NOTICE, "reload: no change");
        else
                lbgpd_log(BGP_LOG_WARNING,
                          "reload: %s is valid, but applying changes without "
                          "a restart is not supported yet: restart lbgpd",
                          d->config_path);
        config_free(next);
}

int main(int argc, char **argv)
{
        struct lbgpd d;
        const char *path = "/etc/lbgpd/frr.conf";
        const char *sock = "/run/lbgpd.sock";
        bool check = false;
        int c;

        memset(&d, 0, sizeof(d));
        while ((c = getopt(argc, argv, "f:s:nvh")) != -1) {
                switch (c) {
                case 'f':
                        path = optarg;
                        break;
                case 's':
                        sock = optarg;
                        break;
                case 'n':
                        check = true;
                        break;
                case 'v':
                        log_max = BGP_LOG_DEBUG;
                        break;
                case 'h':
                        fputs(usage, stdout);
                        return 0;
                default:
                        fputs(usage, stderr);
                        return 2;
                }
        }
        if (optind != argc) {
                fputs(usage, stderr);
                return 2;
        }
        int rc = load(path, &d.cfg);
        if (check || rc != CONFIG_OK) {
                config_free(d.cfg); /* NULL when the file did not load */
                return rc == CONFIG_OK ? 0 : 1;
        }
        d.config_path = path;
        if (!d.cfg->bgp.given) {
                lbgpd_log(BGP_LOG_ERR, "%s: no `router bgp`: nothing to do", path);
                config_free(d.cfg);
                return 1;
        }

        char err[256];
        if (lbgpd_policy_build(d.cfg, &d.policy, err, sizeof(err)) != 0) {
                lbgpd_log(BGP_LOG_ERR, "%s", err);
                config_free(d.cfg);
                return 1;
        }
        signal(SIGPIPE, SIG_IGN);
        d.base = event_base_new();
        if (d.base == NULL || lbgpd_fib_open(&d) != 0) {
                rc = 1;
                goto done;
        }
        d.sig_term = evsignal_new(d.base, SIGTERM, on_stop, &d);
        d.sig_int = evsignal_new(d.base, SIGINT, on_stop, &d);
        d.sig_hup = evsignal_new(d.base, SIGHUP, on_hup, &d);
        evsignal_add(d.sig_term, NULL);
        evsignal_add(d.sig_int, NULL);
        evsignal_add(d.sig_hup, NULL);

        rc = lbgpd_speaker_start(&d);
        /* Without its control socket lbgpd still routes; lbgpctl will say it cannot connect. */
        if (rc == 0 && lbgpd_control_open(&d, sock) != 0)
                lbgpd_log(BGP_LOG_ERR, "no control socket at %s", sock);
        if (rc == 0) {
                lbgpd_log(BGP_LOG_NOTICE, "AS %u, %zu neighbors, running %s", d.cfg->bgp.asn,
                          d.n_peers, path);
                event_base_dispatch(d.base);
        }

        lbgpd_control_close(&d);
done:
        lbgpd_speaker_free(&d);
        lbgpd_fib_close(&d);
        bgp_ev_del(d.ev);
        bgp_router_del(d.router);
        bgp_policy_del(d.policy);
        free(d.peers);
        if (d.sig_term != NULL) {
                event_free(d.sig_term);
                event_free(d.sig_int);
                event_free(d.sig_hup);
        }
        if (d.base != NULL)
                event_base_free(d.base);
        config_free(d.cfg);
        return rc == 0 ? 0 : 1;
}
