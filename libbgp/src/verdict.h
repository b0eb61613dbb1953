/*
 * verdict.h - raising the RFC 7606 verdict of a message as errors are found.
 *
 * RFC 7606 section 3(h): when one message has several errors, the strongest action wins
 * (session reset over treat-as-withdraw over attribute discard).  The NOTIFICATION kept is
 * the one of the first error found at the strongest level.
 */
#ifndef BGP_VERDICT_H
#define BGP_VERDICT_H

#include <bgp/error.h>
#include <bgp/msg.h>

/* Records one error; data is the NOTIFICATION data (a view) for it. */
void bgp_verdict_raise(struct bgp_verdict *v, enum bgp_action action, uint8_t code, uint8_t subcode,
                       const uint8_t *data, size_t data_len, const char *reason, int attr_type);

/* A session reset with no data, the common case for framing errors. */
int bgp_verdict_reset(struct bgp_verdict *v, uint8_t code, uint8_t subcode, const char *reason);

#endif /* BGP_VERDICT_H */
