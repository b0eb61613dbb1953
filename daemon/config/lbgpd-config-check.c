/*
 * lbgpd-config-check - what "lbgpd -n -f FILE" does, until lbgpd exists: parse the
 * configuration, report errors and lints, and exit 0 when it would load, 1 when not.
 *
 * Messages go to stderr as FILE:LINE:COL: error|warning: TEXT (DESIGN.md "Contracts"),
 * in file order.  --print writes the configuration as "show running-config" would.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"

enum {
        EXIT_VALID = 0,
        EXIT_INVALID = 1,
        EXIT_USAGE = 2,
};

static const char usage_text[] =
    "usage: lbgpd-config-check [--print] [--no-lint] FILE\n"
    "\n"
    "Checks an lbgpd (FRR-syntax) configuration as 'lbgpd -n -f FILE' does: errors and\n"
    "warnings go to stderr as FILE:LINE:COL: error|warning: MESSAGE; the exit status is 0\n"
    "when the configuration would load, 1 when it would not.\n"
    "  --print     write the configuration as 'show running-config' prints it\n"
    "  --no-lint   report errors only\n";

int main(int argc, char **argv)
{
        static const struct option longopts[] = {
            {"print", no_argument, NULL, 'p'},
            {"no-lint", no_argument, NULL, 'L'},
            {"help", no_argument, NULL, 'h'},
            {NULL, 0, NULL, 0},
        };
        bool print = false, lint = true;
        int c;

        while ((c = getopt_long(argc, argv, "pLh", longopts, NULL)) != -1) {
                switch (c) {
                case 'p':
                        print = true;
                        break;
                case 'L':
                        lint = false;
                        break;
                case 'h':
                        fputs(usage_text, stdout);
                        return EXIT_VALID;
                default:
                        fputs(usage_text, stderr);
                        return EXIT_USAGE;
                }
        }
        if (optind != argc - 1) {
                fputs(usage_text, stderr);
                return EXIT_USAGE;
        }

        struct config_diags diags;
        struct config *cfg;
        config_diags_init(&diags);
        int rc = config_parse_file(argv[optind], &cfg, &diags);
        if (rc == CONFIG_OK && lint)
                rc = config_lint(cfg, NULL, &diags);

        config_diags_sort(&diags);
        for (size_t i = 0; i < diags.n; i++)
                config_diag_print(&diags.items[i], stderr);

        if (rc == CONFIG_OK && print) {
                char *text;
                if (config_print(cfg, &text, NULL) != CONFIG_OK) {
                        fprintf(stderr, "lbgpd-config-check: out of memory\n");
                        rc = CONFIG_ERR_NOMEM;
                } else {
                        fputs(text, stdout);
                        free(text);
                }
        }
        config_free(cfg);
        config_diags_free(&diags);
        return rc == CONFIG_OK ? EXIT_VALID : EXIT_INVALID;
}
