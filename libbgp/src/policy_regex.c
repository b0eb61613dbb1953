/*
 * policy_regex.c - FRR's dialect of regular expressions (bgpd/bgp_regex.c, FRR docs "BGP
 * Regular Expressions"): POSIX extended, with '_' matching a delimiter.
 *
 * The C library's regex engine allocates with malloc itself; only the regex_t and the
 * rewritten expression go through the caller's hooks.
 */
#include <string.h>

#include <bgp/error.h>

#include "mem.h"
#include "policy_regex.h"

/* What '_' becomes: the start, the end, or a separator of FRR's AS path text. */
static const char underscore[] = "(^|[,{}() ]|$)";

int bgp_policy_regex_compile(const struct bgp_mem *mem, const char *text, regex_t **out)
{
        size_t len = strlen(text), magic = 0;

        *out = NULL;
        for (size_t i = 0; i < len; i++)
                if (text[i] == '_')
                        magic++;
        size_t grow = sizeof(underscore) - 2;
        if (magic > (((size_t)-1) - len - 1) / (grow + 1))
                return BGP_ERR_NOMEM;
        char *expr = bgp_mem_alloc(mem, len + magic * grow + 1);
        if (expr == NULL)
                return BGP_ERR_NOMEM;
        size_t j = 0;
        for (size_t i = 0; i < len; i++) {
                if (text[i] == '_') {
                        memcpy(expr + j, underscore, sizeof(underscore) - 1);
                        j += sizeof(underscore) - 1;
                } else {
                        expr[j++] = text[i];
                }
        }
        expr[j] = '\0';

        regex_t *re = bgp_mem_alloc(mem, sizeof(*re));
        if (re == NULL) {
                bgp_mem_free(mem, expr);
                return BGP_ERR_NOMEM;
        }
        int rc = regcomp(re, expr, REG_EXTENDED | REG_NOSUB);
        bgp_mem_free(mem, expr);
        if (rc != 0) {
                bgp_mem_free(mem, re);
                return rc == REG_ESPACE ? BGP_ERR_NOMEM : BGP_ERR_INVALID_ARGUMENT;
        }
        *out = re;
        return 0;
}

void bgp_policy_regex_free(const struct bgp_mem *mem, regex_t *re)
{
        if (re == NULL)
                return;
        regfree(re);
        bgp_mem_free(mem, re);
}

bool bgp_policy_regex_match(const regex_t *re, const char *subject)
{
        return regexec(re, subject, 0, NULL, 0) == 0;
}
