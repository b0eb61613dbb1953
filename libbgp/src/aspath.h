/*
 * aspath.h - AS_PATH and AS4_PATH values: checking and re-encoding (RFC 4271 4.3, RFC 6793).
 */
#ifndef BGP_ASPATH_H
#define BGP_ASPATH_H

#include <bgp/msg.h>

#include "wr.h"

/* What a path check found. */
struct bgp_as_path_check {
        bool has_confed; /* AS_CONFED_SEQUENCE or AS_CONFED_SET segments */
        bool has_zero;   /* AS 0 (RFC 7607) */
        bool first_is_seq;
        uint32_t first_as; /* the leftmost AS of the first AS_SEQUENCE, 0 when none */
};

/*
 * Checks the segment structure (RFC 7606 7.2: known segment types, non-zero counts, no
 * overrun).  Returns 0 or BGP_ERR_MALFORMED.
 */
int bgp_as_path_check(const struct bgp_as_path *p, struct bgp_as_path_check *out);

/* True when some AS in the path does not fit in 2 octets. */
bool bgp_as_path_needs_as4(const struct bgp_as_path *p);

/*
 * Writes the path with asn_size-octet AS numbers; 4-octet numbers that do not fit in 2
 * become AS_TRANS (RFC 6793 4.2.2).  Without confed, confederation segments are left out
 * (AS4_PATH must not carry them, RFC 6793 4.2.2).
 */
void bgp_as_path_write(struct bgp_wr *wr, const struct bgp_as_path *p, uint8_t asn_size,
                       bool confed);

#endif /* BGP_ASPATH_H */
