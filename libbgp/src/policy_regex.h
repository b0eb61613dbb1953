/*
 * policy_regex.h - regular expressions as FRR writes them for AS paths and communities.
 *
 * POSIX extended expressions (regcomp(3), REG_EXTENDED | REG_NOSUB, as FRR's
 * bgpd/bgp_regex.c), where '_' is FRR's delimiter: it stands for "(^|[,{}() ]|$)", the start
 * or end of the text, or a character that separates AS numbers in FRR's AS path text.
 */
#ifndef BGP_POLICY_REGEX_H
#define BGP_POLICY_REGEX_H

#include <regex.h>
#include <stdbool.h>

#include <bgp/mem.h>

/* Compiles text into *out (allocated with mem).  0, BGP_ERR_INVALID_ARGUMENT when it does
 * not compile, or BGP_ERR_NOMEM. */
int bgp_policy_regex_compile(const struct bgp_mem *mem, const char *text, regex_t **out);
void bgp_policy_regex_free(const struct bgp_mem *mem, regex_t *re);
bool bgp_policy_regex_match(const regex_t *re, const char *subject);

#endif /* BGP_POLICY_REGEX_H */
