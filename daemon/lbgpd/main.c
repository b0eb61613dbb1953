/*
 * main.c - lbgpd: a BGP router on libbgp that runs an FRR configuration.
 *
 *   lbgpd [-f FILE] [-s SOCKET] [-g GROUP] [-t TABLE] [-n] [-v] [--log TARGET]...
 *         [--log-level LEVEL] [--send-hold-time SECONDS]
 *
 * Runs in the foreground (a service manager daemonizes it) and logs to stderr unless the
 * configuration's `log` lines or --log say otherwise (log.h).  -n checks the configuration
 * and its lints and exits 0 or 1 (FILE:LINE:COL: error|warning: ...).  -g opens the
 * read-only control socket to one group (control.c).  -t puts the best BGP paths into
 * another kernel table than main (fib.c).  --send-hold-time shortens RFC 9687's send hold
 * timer, for every session (FRR has no knob for it).  SIGTERM and SIGINT stop every
 * session with a Cease and remove our kernel routes; SIGHUP reloads the configuration file
 * (reload.c), as `lbgpctl reload` does.
 */
#include <errno.h>
#include <getopt.h>
#include <grp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lbgpd.h"

static const char usage[] =
    "usage: lbgpd [-f FILE] [-s SOCKET] [-g GROUP] [-t TABLE] [-n] [-v]\n"
    "             [--log TARGET]... [--log-level LEVEL] [--send-hold-time SECONDS]\n"
    "  -f FILE    configuration in FRR's language (default "
    "/etc/lbgpd/frr.conf)\n"
    "  -s SOCKET  control socket path (default /run/lbgpd.sock, root only); SOCKET.ro\n"
    "             takes show commands only\n"
    "  -g GROUP   SOCKET.ro belongs to GROUP (a name or a number), mode 0660: its\n"
    "             members may use `lbgpctl -s SOCKET.ro show ...`; without -g SOCKET.ro\n"
    "             is open to everyone (0666)\n"
    "  -t, --table TABLE  kernel table of the best BGP routes, 1-4294967295 but\n"
    "             255 (local); default 254 (main); static routes stay in main\n"
    "  -n         check the configuration and exit\n"
    "  -v         log debug messages too (--log-level debugging)\n"
    "  --log TARGET      also log to stderr, stdout, syslog or file:PATH, whatever the\n"
    "                    configuration's `log` lines say (FRR's --log); without either,\n"
    "                    lbgpd logs to stderr\n"
    "  --log-level LEVEL level of --log and of stderr: emergencies, alerts, critical,\n"
    "                    errors, warnings, notifications, informational (default),\n"
    "                    debugging\n"
    "  --send-hold-time SECONDS  close a session whose neighbor has read nothing of\n"
    "                    ours for this long (RFC 9687, NOTIFICATION 8), 1-65535;\n"
    "                    default the larger of 8 minutes and twice the hold time\n";

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
        (void)sig;
        (void)what;
        lbgpd_log(BGP_LOG_NOTICE, "SIGHUP: reloading");
        lbgpd_reload(arg, NULL);
}

/* A kernel table id.  Linux: 1 to 2^32-1, but the local table (255), whose routes decide
 * which addresses are ours.  FreeBSD: a FIB number, 0 up. */
static int table_id(const char *text, uint32_t *out)
{
        char *end;
        errno = 0;
        unsigned long long n = strtoull(text, &end, 10);
        if (errno != 0 || end == text || *end != '\0' || text[0] == '-' || n > UINT32_MAX)
                return -1;
#if !defined(__FreeBSD__)
        if (n == 0 || n == 255)
                return -1;
#endif
        *out = (uint32_t)n;
        return 0;
}

/* RFC 9687's send hold time, 1 to 65535 seconds (0 would be the library's default). */
static int send_hold_time(const char *text, uint16_t *out)
{
        char *end;
        errno = 0;
        unsigned long n = strtoul(text, &end, 10);
        if (errno != 0 || end == text || *end != '\0' || text[0] == '-' || n == 0 || n > 65535)
                return -1;
        *out = (uint16_t)n;
        return 0;
}

/* A group by name, or by number (a group the system does not name). */
static int group_id(const char *text, gid_t *out)
{
        const struct group *g = getgrnam(text);
        if (g != NULL) {
                *out = g->gr_gid;
                return 0;
        }
        char *end;
        errno = 0;
        unsigned long n = strtoul(text, &end, 10);
        if (errno != 0 || end == text || *end != '\0' || text[0] == '-' || n >= (gid_t)-1)
                return -1;
        *out = (gid_t)n;
        return 0;
}

enum long_option {
        OPT_LOG = 256,
        OPT_LOG_LEVEL,
        OPT_SEND_HOLD_TIME,
};

int main(int argc, char **argv)
{
        static const struct option longs[] = {
            {"log", required_argument, NULL, OPT_LOG},
            {"log-level", required_argument, NULL, OPT_LOG_LEVEL},
            {"send-hold-time", required_argument, NULL, OPT_SEND_HOLD_TIME},
            {"table", required_argument, NULL, 't'},
            {"help", no_argument, NULL, 'h'},
            {NULL, 0, NULL, 0},
        };
        struct lbgpd d;
        const char *path = "/etc/lbgpd/frr.conf";
        const char *sock = "/run/lbgpd.sock";
        gid_t ro_group = (gid_t)-1;
        bool check = false;
        int c, level;
        char err[256];

        memset(&d, 0, sizeof(d));
        d.table = KERNEL_TABLE_DEFAULT;
        while ((c = getopt_long(argc, argv, "f:s:g:t:nvh", longs, NULL)) != -1) {
                switch (c) {
                case 'g':
                        if (group_id(optarg, &ro_group) != 0) {
                                fprintf(stderr, "lbgpd: -g %s: no such group\n", optarg);
                                lbgpd_log_close();
                                return 2;
                        }
                        break;
                case 't':
                        if (table_id(optarg, &d.table) != 0) {
                                fprintf(stderr, "lbgpd: -t %s: not a kernel table\n", optarg);
                                lbgpd_log_close();
                                return 2;
                        }
                        break;
                case OPT_LOG:
                        if (lbgpd_log_add_target(optarg, err, sizeof(err)) != LBGPD_LOG_OK) {
                                fprintf(stderr, "lbgpd: %s\n", err);
                                lbgpd_log_close();
                                return 2;
                        }
                        break;
                case OPT_LOG_LEVEL:
                        if ((level = lbgpd_log_level_parse(optarg)) < 0) {
                                fprintf(stderr, "lbgpd: unknown log level %s\n", optarg);
                                lbgpd_log_close();
                                return 2;
                        }
                        lbgpd_log_set_level(level);
                        break;
                case OPT_SEND_HOLD_TIME:
                        if (send_hold_time(optarg, &d.send_hold_time) != 0) {
                                fprintf(stderr, "lbgpd: --send-hold-time %s: not 1-65535 seconds\n",
                                        optarg);
                                lbgpd_log_close();
                                return 2;
                        }
                        break;
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
                        lbgpd_log_set_level(BGP_LOG_DEBUG);
                        break;
                case 'h':
                        fputs(usage, stdout);
                        lbgpd_log_close();
                        return 0;
                default:
                        fputs(usage, stderr);
                        lbgpd_log_close();
                        return 2;
                }
        }
        if (optind != argc) {
                fputs(usage, stderr);
                lbgpd_log_close();
                return 2;
        }
        int rc = load(path, &d.cfg);
        if (check || rc != CONFIG_OK) {
                config_free(d.cfg); /* NULL when the file did not load */
                lbgpd_log_close();
                return rc == CONFIG_OK ? 0 : 1;
        }
        /* From here on messages go where the configuration's `log` lines say. */
        if (lbgpd_log_configure(&d.cfg->log, err, sizeof(err)) != LBGPD_LOG_OK)
                lbgpd_log(BGP_LOG_ERR, "%s", err);
        d.config_path = path;
        if (!d.cfg->bgp.given) {
                lbgpd_log(BGP_LOG_ERR, "%s: no `router bgp`: nothing to do", path);
                config_free(d.cfg);
                lbgpd_log_close();
                return 1;
        }

        if (lbgpd_policy_build(d.cfg, &d.policy, err, sizeof(err)) != 0) {
                lbgpd_log(BGP_LOG_ERR, "%s", err);
                config_free(d.cfg);
                lbgpd_log_close();
                return 1;
        }
        /* The tunnels before the routes and sessions that may name them (tunnels.c); they
         * stay in the kernel when lbgpd exits. */
        if (lbgpd_tunnels_start(&d) != 0) {
                lbgpd_log(BGP_LOG_ERR, "out of memory");
                rc = 1;
                goto done;
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
        if (rc == 0 && lbgpd_control_open(&d, sock, ro_group) != 0)
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
        lbgpd_tunnels_free(&d);
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
        lbgpd_log(BGP_LOG_NOTICE, "exiting %s", rc == 0 ? "normally" : "on an error");
        lbgpd_log_close();
        return rc == 0 ? 0 : 1;
}
