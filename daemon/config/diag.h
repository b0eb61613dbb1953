/*
 * diag.h - diagnostics: errors and warnings with the FILE:LINE:COL they are about.
 *
 * A list the caller owns, separate from any configuration, so that the errors of a parse
 * that failed (and therefore built nothing) outlive it.  Each entry prints as
 * "FILE:LINE:COL: error: MESSAGE", the form compilers use and editors jump to.
 */
#ifndef LBGPD_DIAG_H
#define LBGPD_DIAG_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum config_severity {
        CONFIG_SEV_ERROR,
        CONFIG_SEV_WARNING,
};

struct config_diag {
        enum config_severity severity;
        char *file;    /* NULL: not about a file */
        uint32_t line; /* 0: not about a line */
        uint32_t col;
        char *message;
};

struct config_diags {
        struct config_diag *items;
        size_t n;
        size_t cap;
        size_t errors;
        size_t warnings;
        int err; /* CONFIG_ERR_NOMEM once an entry could not be stored */
};

void config_diags_init(struct config_diags *d);
void config_diags_free(struct config_diags *d);
/* Empties the list, keeping nothing. */
void config_diags_clear(struct config_diags *d);

/* Adds an entry; on allocation failure sets d->err and drops the entry. */
void config_diags_add(struct config_diags *d, enum config_severity sev, const char *file,
                      uint32_t line, uint32_t col, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* Orders entries by file, line and column; entries at one place keep their order. */
void config_diags_sort(struct config_diags *d);

/* Writes "FILE:LINE:COL: error: MESSAGE\n". */
void config_diag_print(const struct config_diag *diag, FILE *fp);
/* Formats one entry into a malloc()ed string without the newline; NULL on failure. */
char *config_diag_format(const struct config_diag *diag);

#endif /* LBGPD_DIAG_H */
