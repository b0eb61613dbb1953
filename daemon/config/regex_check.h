/*
 * regex_check.h - checks FRR's regular expressions for AS paths and communities.
 *
 * FRR compiles them as POSIX extended expressions after replacing '_' with "the start or
 * end of the text, or a delimiter" (bgpd/bgp_regex.c), so "_65000_" matches the AS in any
 * position.  A pattern that does not compile is an error at load time here rather than a
 * list that silently never matches.
 */
#ifndef LBGPD_REGEX_CHECK_H
#define LBGPD_REGEX_CHECK_H

#include <stdbool.h>
#include <stddef.h>

/* True when it compiles; otherwise regerror()'s text is in err. */
bool regex_check(const char *frr_regex, char *err, size_t errlen);

#endif /* LBGPD_REGEX_CHECK_H */
