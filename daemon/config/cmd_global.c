/*
 * cmd_global.c - the lines at the top of an FRR configuration: "frr version", "frr
 * defaults", "hostname", "log", "service", and leaving blocks ("exit", "end").
 */
#include <string.h>

#include "parser.h"

int cmd_frr_version(struct parse *p, const struct cmd_args *a)
{
        /* It matters: FRR picks some defaults by the version that wrote the file
         * (bgp ebgp-requires-policy is off before 7.4). */
        p->cfg->frr_version = arg_text(p, a, "version");
        return p->cfg->frr_version ? 0 : -1;
}

int cmd_frr_defaults(struct parse *p, const struct cmd_args *a)
{
        const char *w = arg_word(a, "profile");
        p->cfg->frr_defaults =
            strcmp(w, "datacenter") == 0 ? CONFIG_DEFAULTS_DATACENTER : CONFIG_DEFAULTS_TRADITIONAL;
        return 0;
}

int cmd_hostname(struct parse *p, const struct cmd_args *a)
{
        p->cfg->hostname = parse_strdup(p, arg_word(a, "name"));
        return p->cfg->hostname ? 0 : -1;
}

static enum config_log_level log_level(const char *w)
{
        static const char *const names[] = {"emergencies",   "alerts",   "critical",
                                            "errors",        "warnings", "notifications",
                                            "informational", "debugging"};
        if (w == NULL)
                return CONFIG_LOG_DEFAULT;
        for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
                if (strcmp(w, names[i]) == 0)
                        return (enum config_log_level)(CONFIG_LOG_EMERGENCIES + i);
        return CONFIG_LOG_DEFAULT;
}

int cmd_log(struct parse *p, const struct cmd_args *a)
{
        const char *target = arg_word(a, "target");
        struct config_log *log = &p->cfg->log;
        struct config_log_target *t;

        if (strcmp(target, "syslog") == 0) {
                t = &log->to_syslog;
        } else if (strcmp(target, "stdout") == 0) {
                t = &log->to_stdout;
        } else {
                t = &log->to_file;
                log->file_path = parse_strdup(p, arg_word(a, "path"));
                if (log->file_path == NULL)
                        return -1;
        }
        t->enabled = true;
        t->level = log_level(arg_word(a, "level"));
        t->loc = parse_loc(p, 0);
        return 0;
}

int cmd_service(struct parse *p, const struct cmd_args *a)
{
        /* vtysh's business (one frr.conf for all daemons); kept so it prints back. */
        p->cfg->service_integrated_vtysh_config = !arg_has(a, "no");
        return 0;
}

int cmd_line_vty(struct parse *p, const struct cmd_args *a)
{
        /* FRR's terminal settings; lbgpctl talks over a socket, so nothing to keep. */
        (void)a;
        parse_enter(p, NODE_LINE_VTY, false);
        return 0;
}

int cmd_exit(struct parse *p, const struct cmd_args *a)
{
        (void)a;
        /* From an address-family back to router bgp, from any other block to the top;
         * at the top it does nothing (FRR would leave configuration mode). */
        p->node = p->node == NODE_CONFIG ? NODE_CONFIG : node_parent(p->node);
        return 0;
}

int cmd_end(struct parse *p, const struct cmd_args *a)
{
        (void)a;
        p->node = NODE_CONFIG;
        return 0;
}
