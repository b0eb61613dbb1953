/*
 * capability.h - RFC 5492 capabilities, the value of an OPEN's Capabilities parameter.
 */
#ifndef BGP_CAPABILITY_H
#define BGP_CAPABILITY_H

#include <bgp/msg.h>

#include "rd.h"
#include "wr.h"

/* RFC 5492 4: the Optional Parameter type that carries capabilities. */
#define BGP_PARAM_CAPABILITIES 2

/*
 * Parses the capabilities in rd (the value of one Capabilities parameter) into caps,
 * adding to what earlier parameters put there, and consumes rd entirely.  Returns 0, or
 * BGP_ERR_MALFORMED with a session-reset verdict: 2/0 for a capability that overruns the
 * parameter or has the wrong length for its code, 2/11 for conflicting BGP Roles.
 */
int bgp_caps_decode(struct bgp_rd *rd, struct bgp_capabilities *caps, struct bgp_verdict *v);

/*
 * Writes every capability of caps (present bits, lists, then the raw ones) back to back.
 * Returns 0 or BGP_ERR_INVALID_ARGUMENT when caps cannot be encoded (a count beyond its
 * array, a capability longer than 255 octets, a NULL view); running out of room is left in
 * wr->err.
 */
int bgp_caps_encode(struct bgp_wr *wr, const struct bgp_capabilities *caps);

#endif /* BGP_CAPABILITY_H */
