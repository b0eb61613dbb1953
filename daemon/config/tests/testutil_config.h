/* testutil_config.h - helpers shared by the configuration's Check suites. */
#ifndef LBGPD_TESTUTIL_CONFIG_H
#define LBGPD_TESTUTIL_CONFIG_H

#include <stddef.h>

#include "config.h"

/* The contents of a file under tests/data (or an absolute path), NUL-terminated; aborts
 * the test when it cannot be read. */
char *tu_read(const char *name, size_t *len);

/* Parses text named name; returns the parse result and fills *cfg (NULL on failure) and
 * *diags_text with every diagnostic, one per line (caller frees both). */
int tu_parse(const char *name, const char *text, struct config **cfg, char **diags_text);

/* The lints of a configuration, sorted, one per line (caller frees). */
char *tu_lint(const struct config *cfg);

/* The printed configuration (caller frees). */
char *tu_print(const struct config *cfg);

/* Runs a suite with Check's normal output and returns the process exit status. */
struct Suite;
int tu_run_suite(struct Suite *s);

#endif
