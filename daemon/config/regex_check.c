/*
 * regex_check.c - compiling FRR's AS-path and community regular expressions once, to find
 * the ones that do not compile (regex_check.h).
 */
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "regex_check.h"

/* What '_' stands for in FRR's dialect. */
static const char underscore[] = "(^|[,{}() ]|$)";

bool regex_check(const char *frr_regex, char *err, size_t errlen)
{
        size_t n = 0;
        for (const char *s = frr_regex; *s; s++)
                n += *s == '_' ? sizeof(underscore) - 1 : 1;
        char *posix = malloc(n + 1);
        if (posix == NULL) {
                snprintf(err, errlen, "out of memory");
                return false;
        }
        char *w = posix;
        for (const char *s = frr_regex; *s; s++) {
                if (*s == '_') {
                        memcpy(w, underscore, sizeof(underscore) - 1);
                        w += sizeof(underscore) - 1;
                } else {
                        *w++ = *s;
                }
        }
        *w = '\0';

        regex_t re;
        int rc = regcomp(&re, posix, REG_EXTENDED | REG_NOSUB);
        free(posix);
        if (rc != 0) {
                regerror(rc, &re, err, errlen);
                return false;
        }
        regfree(&re);
        return true;
}
