/*
 * frame.h - writing the RFC 4271 4.1 header around a message body.
 */
#ifndef BGP_FRAME_H
#define BGP_FRAME_H

#include "wr.h"

/* Writes the marker, a reserved length and the type; returns the header's offset. */
size_t bgp_frame_begin(struct bgp_wr *wr, uint8_t type);
/* Patches the length of the message that began at `at`; fails past max_len. */
int bgp_frame_end(struct bgp_wr *wr, size_t at, size_t max_len);

#endif /* BGP_FRAME_H */
