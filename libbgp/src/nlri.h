/*
 * nlri.h - the RFC 4271 4.3 prefix encoding (length octet, then the significant octets).
 */
#ifndef BGP_NLRI_H
#define BGP_NLRI_H

#include <bgp/msg.h>

#include "wr.h"

/* The longest prefix of an AFI in bits: 32, 128, or 0 for an AFI libbgp does not know. */
unsigned bgp_afi_max_bits(uint16_t afi);

/*
 * Checks that data holds whole prefixes no longer than the AFI allows (RFC 4271 6.3,
 * RFC 7606 5.3).  Returns 0 or BGP_ERR_MALFORMED.
 */
int bgp_nlri_validate(const uint8_t *data, size_t len, uint16_t afi);

/* Writes one prefix in the NLRI encoding. */
void bgp_nlri_put(struct bgp_wr *wr, const struct bgp_prefix *pfx);

/* The encoded size of one prefix. */
static inline size_t bgp_nlri_size(const struct bgp_prefix *pfx)
{
        return 1 + ((size_t)pfx->len + 7) / 8;
}

#endif /* BGP_NLRI_H */
