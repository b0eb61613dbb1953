/*
 * main.c - lbgp-tunnel: sets up one end of a downstream tunnel from one description file.
 *
 * Every command reads and validates the whole file first, and a file with an error is
 * reported (FILE:LINE:COL: error: ...) before anything in the kernel is read or changed.
 * Exit status: 0 done (or nothing to do), 1 the file or the kernel said no, 2 usage.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clamp.h"
#include "plan.h"
#include "tconf.h"
#include "tunnel_apply.h"

enum exit_status {
        EXIT_DONE = 0,
        EXIT_REFUSED = 1,
        EXIT_USAGE = 2,
};

static const char usage_text[] =
    "usage: lbgp-tunnel COMMAND FILE [--dry-run]\n"
    "\n"
    "One end of a downstream tunnel from one description file (FILE, or - for standard\n"
    "input); the language is in tools/lbgp-tunnel/README.md.\n"
    "\n"
    "commands:\n"
    "  check FILE             check the file; errors and warnings as FILE:LINE:COL\n"
    "  plan FILE              the kernel objects the file stands for, in creation order\n"
    "  mss FILE               the inner MTU and TCP MSS, as a pf scrub line and nftables rules\n"
    "  apply FILE [--dry-run] create what is missing, change what differs; a second run\n"
    "                         says \"nothing to do\"; on a failure, undo this run's changes.\n"
    "                         --dry-run: read the kernel and print what would change\n"
    "  down FILE [--dry-run]  remove what apply created (objects marked as lbgp-tunnel's)\n"
    "\n"
    "Marks: links carry the alias \"" TUNNEL_ALIAS_MARK "...\"; routes, rules and addresses\n"
    "the protocol number 202.  Exit status: 0 done, 1 refused (the file or the kernel),\n"
    "2 usage.\n";

static int usage(FILE *fp, int status)
{
        fputs(usage_text, fp);
        return status;
}

/* Parses and validates path; prints the diagnostics sorted.  0 when usable. */
static int load(const char *path, struct tunnel_conf *c)
{
        struct config_diags diags;
        int rc;

        config_diags_init(&diags);
        rc = tconf_parse_file(path, c, &diags);
        config_diags_sort(&diags);
        for (size_t i = 0; i < diags.n; i++)
                config_diag_print(&diags.items[i], stderr);
        if (rc == TCONF_ERR_NOMEM)
                fprintf(stderr, "lbgp-tunnel: out of memory\n");
        config_diags_free(&diags);
        return rc;
}

static int cmd_check(const struct tunnel_conf *c, bool dry_run)
{
        (void)dry_run;
        printf("%s: tunnel %s (%s): ok\n", c->file, c->name, tunnel_kind_name(c->kind));
        return EXIT_DONE;
}

static int cmd_plan(const struct tunnel_conf *c, bool dry_run)
{
        struct plan *p = malloc(sizeof(*p));
        char line[512];

        (void)dry_run;
        if (p == NULL) {
                fprintf(stderr, "lbgp-tunnel: out of memory\n");
                return EXIT_REFUSED;
        }
        plan_build(c, p);
        for (size_t i = 0; i < p->n; i++) {
                plan_format(&p->obj[i], line, sizeof(line));
                printf("%s\n", line);
        }
        free(p);
        return EXIT_DONE;
}

static int cmd_mss(const struct tunnel_conf *c, bool dry_run)
{
        char text[2048];

        (void)dry_run;
        if (clamp_report(c, text, sizeof(text)) < 0) {
                fprintf(stderr, "%s: the MTU of external link %s is unknown: give 'mtu N'\n",
                        c->file, c->name);
                return EXIT_REFUSED;
        }
        fputs(text, stdout);
        return EXIT_DONE;
}

static int cmd_apply(const struct tunnel_conf *c, bool dry_run)
{
        return tunnel_apply(c, dry_run, stdout, stderr) == 0 ? EXIT_DONE : EXIT_REFUSED;
}

static int cmd_down(const struct tunnel_conf *c, bool dry_run)
{
        return tunnel_down(c, dry_run, stdout, stderr) == 0 ? EXIT_DONE : EXIT_REFUSED;
}

static const struct command {
        const char *name;
        int (*run)(const struct tunnel_conf *c, bool dry_run);
        bool dry_run_allowed;
} commands[] = {
    {"check", cmd_check, false}, {"plan", cmd_plan, false}, {"mss", cmd_mss, false},
    {"apply", cmd_apply, true},  {"down", cmd_down, true},
};

int main(int argc, char **argv)
{
        const struct command *cmd = NULL;
        struct tunnel_conf *c;
        const char *file = NULL;
        bool dry_run = false;
        int status;

        for (int i = 1; i < argc; i++)
                if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
                        return usage(stdout, EXIT_DONE);
        if (argc < 3)
                return usage(stderr, EXIT_USAGE);
        for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
                if (strcmp(argv[1], commands[i].name) == 0)
                        cmd = &commands[i];
        if (cmd == NULL) {
                fprintf(stderr, "lbgp-tunnel: unknown command '%s'\n", argv[1]);
                return usage(stderr, EXIT_USAGE);
        }
        for (int i = 2; i < argc; i++) {
                if (strcmp(argv[i], "--dry-run") == 0 && cmd->dry_run_allowed) {
                        dry_run = true;
                } else if (file == NULL && (argv[i][0] != '-' || strcmp(argv[i], "-") == 0)) {
                        file = argv[i];
                } else {
                        fprintf(stderr, "lbgp-tunnel: unexpected argument '%s'\n", argv[i]);
                        return usage(stderr, EXIT_USAGE);
                }
        }
        if (file == NULL)
                return usage(stderr, EXIT_USAGE);
        c = malloc(sizeof(*c));
        if (c == NULL) {
                fprintf(stderr, "lbgp-tunnel: out of memory\n");
                return EXIT_REFUSED;
        }
        status = load(file, c) == TCONF_OK ? cmd->run(c, dry_run) : EXIT_REFUSED;
        free(c);
        return status;
}
