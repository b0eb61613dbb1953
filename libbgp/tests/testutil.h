/* testutil.h - helpers shared by the Check suites. */
#ifndef BGP_TESTUTIL_H
#define BGP_TESTUTIL_H

#include <stddef.h>
#include <stdint.h>

/* Parses hex text (white space ignored) into out; returns the byte count, or 0 on error. */
size_t tu_hex(const char *hex, uint8_t *out, size_t cap);

/* Builds a whole message: 16 x 0xff, length, type, then the body given in hex. */
size_t tu_msg(uint8_t type, const char *body_hex, uint8_t *out, size_t cap);

/* An allocator whose allocation number tu_fail_at fails (tu_alloc_count counts them from
 * where the test resets it): the failing-allocation suites run a job for every i. */
struct bgp_mem;
extern int tu_fail_at;
extern int tu_alloc_count;
extern const struct bgp_mem tu_failing_mem;

/* Runs a suite with Check's normal output and returns the process exit status. */
struct Suite;
int tu_run(struct Suite *s);

#endif
