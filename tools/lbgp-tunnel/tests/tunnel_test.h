/* tunnel_test.h - helpers shared by lbgp-tunnel's Check suites. */
#ifndef LBGP_TUNNEL_TEST_H
#define LBGP_TUNNEL_TEST_H

#include <stddef.h>

#include "tconf.h"

/* Parses text as a file named "t.conf"; returns tconf_parse()'s result and every
 * diagnostic, sorted, one per line, in *diags_text (malloc()ed, "" when none). */
int tt_parse(const char *text, struct tunnel_conf *c, char **diags_text);

/* The same for an example under examples/. */
int tt_parse_example(const char *name, struct tunnel_conf *c, char **diags_text);

/* Runs a suite with Check's normal output and returns the process exit status. */
struct Suite;
int tt_run_suite(struct Suite *s);

#endif
