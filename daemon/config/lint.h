/*
 * lint.h - the parts of config_lint() (private to daemon/config).
 *
 * Every lint is a warning: the configuration is valid and FRR would run it, but it
 * probably does not do what its author meant.  Each message names the line, says what
 * happens, and says what to write instead.
 */
#ifndef LBGPD_LINT_H
#define LBGPD_LINT_H

#include "config.h"
#include "diag.h"

struct lint {
        const struct config *cfg;
        const struct config_lint_opts *opts;
        struct config_diags *diags;
};

void lint_warn(struct lint *l, struct config_loc loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* "258,956": numbers the size of routing tables, readable. */
void lint_thousands(uint32_t n, char *buf, size_t len);

/* lint_prefix_list.c: deny entries that stop only one exact prefix. */
void lint_prefix_lists(struct lint *l);
/* lint_neighbor.c: eBGP neighbors without filters, limits, GTSM; own prefix accepted. */
void lint_neighbors(struct lint *l);
/* lint_leak.c: outbound policies that could announce other people's routes. */
void lint_leaks(struct lint *l);
/* lint_refs.c: references to lists and route-maps that do not exist. */
void lint_refs(struct lint *l);

#endif /* LBGPD_LINT_H */
