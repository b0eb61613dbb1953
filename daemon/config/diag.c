/*
 * diag.c - the list of errors and warnings (diag.h).
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "diag.h"

void config_diags_init(struct config_diags *d)
{
        memset(d, 0, sizeof(*d));
}

void config_diags_clear(struct config_diags *d)
{
        for (size_t i = 0; i < d->n; i++) {
                free(d->items[i].file);
                free(d->items[i].message);
        }
        d->n = 0;
        d->errors = 0;
        d->warnings = 0;
        d->err = 0;
}

void config_diags_free(struct config_diags *d)
{
        config_diags_clear(d);
        free(d->items);
        memset(d, 0, sizeof(*d));
}

static char *dup_or_null(const char *s)
{
        if (s == NULL)
                return NULL;
        size_t n = strlen(s) + 1;
        char *p = malloc(n);
        if (p != NULL)
                memcpy(p, s, n);
        return p;
}

void config_diags_add(struct config_diags *d, enum config_severity sev, const char *file,
                      uint32_t line, uint32_t col, const char *fmt, ...)
{
        if (d->n == d->cap) {
                size_t cap = d->cap ? d->cap * 2 : 16;
                struct config_diag *v = realloc(d->items, cap * sizeof(*v));
                if (v == NULL) {
                        d->err = CONFIG_ERR_NOMEM;
                        return;
                }
                d->items = v;
                d->cap = cap;
        }

        va_list ap;
        va_start(ap, fmt);
        int len = vsnprintf(NULL, 0, fmt, ap);
        va_end(ap);
        if (len < 0)
                len = 0;
        char *msg = malloc((size_t)len + 1);
        char *f = dup_or_null(file);
        if (msg == NULL || (file != NULL && f == NULL)) {
                free(msg);
                free(f);
                d->err = CONFIG_ERR_NOMEM;
                return;
        }
        va_start(ap, fmt);
        vsnprintf(msg, (size_t)len + 1, fmt, ap);
        va_end(ap);

        d->items[d->n++] = (struct config_diag){
            .severity = sev, .file = f, .line = line, .col = col, .message = msg};
        if (sev == CONFIG_SEV_ERROR)
                d->errors++;
        else
                d->warnings++;
}

static int cmp_place(const struct config_diag *a, const struct config_diag *b)
{
        int c = strcmp(a->file ? a->file : "", b->file ? b->file : "");
        if (c != 0)
                return c;
        if (a->line != b->line)
                return a->line < b->line ? -1 : 1;
        if (a->col != b->col)
                return a->col < b->col ? -1 : 1;
        return 0;
}

void config_diags_sort(struct config_diags *d)
{
        /* Insertion sort: stable, and the lists are short. */
        for (size_t i = 1; i < d->n; i++) {
                struct config_diag x = d->items[i];
                size_t j = i;
                while (j > 0 && cmp_place(&d->items[j - 1], &x) > 0) {
                        d->items[j] = d->items[j - 1];
                        j--;
                }
                d->items[j] = x;
        }
}

static const char *severity_name(enum config_severity sev)
{
        return sev == CONFIG_SEV_ERROR ? "error" : "warning";
}

char *config_diag_format(const struct config_diag *diag)
{
        const char *file = diag->file ? diag->file : "lbgpd";
        const char *sev = severity_name(diag->severity);
        char *out = NULL;
        int len;

        for (int pass = 0; pass < 2; pass++) {
                size_t cap = out ? (size_t)len + 1 : 0;
                if (diag->line == 0)
                        len = snprintf(out, cap, "%s: %s: %s", file, sev, diag->message);
                else
                        len = snprintf(out, cap, "%s:%u:%u: %s: %s", file, (unsigned)diag->line,
                                       (unsigned)diag->col, sev, diag->message);
                if (len < 0)
                        return NULL;
                if (pass == 0) {
                        out = malloc((size_t)len + 1);
                        if (out == NULL)
                                return NULL;
                }
        }
        return out;
}

void config_diag_print(const struct config_diag *diag, FILE *fp)
{
        char *s = config_diag_format(diag);
        if (s == NULL) {
                fprintf(fp, "%s\n", diag->message);
                return;
        }
        fprintf(fp, "%s\n", s);
        free(s);
}
