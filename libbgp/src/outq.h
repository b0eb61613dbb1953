/*
 * outq.h - a session's output: whole messages waiting to be written.
 *
 * Bytes leave from the front as the socket takes them.  A NOTIFICATION jumps the queue:
 * everything not yet started is dropped (the session is closing anyway), but a message
 * already partly written is finished first, since a TCP stream cannot be cut mid-message.
 */
#ifndef BGP_OUTQ_H
#define BGP_OUTQ_H

#include <stddef.h>
#include <stdint.h>

#include "mem.h"

struct bgp_outq {
        uint8_t *buf;
        size_t cap;
        size_t start; /* first byte of the first message not wholly written */
        size_t head;  /* first byte not yet written */
        size_t len;   /* end of the queued bytes */
};

void bgp_outq_free(struct bgp_outq *q, const struct bgp_mem *m);
void bgp_outq_clear(struct bgp_outq *q);
/* Appends a whole message; BGP_ERR_NOMEM when the buffer cannot grow. */
int bgp_outq_push(struct bgp_outq *q, const struct bgp_mem *m, const uint8_t *msg, size_t len);
/* Drops every message not yet started, then appends msg (a NOTIFICATION). */
int bgp_outq_push_first(struct bgp_outq *q, const struct bgp_mem *m, const uint8_t *msg,
                        size_t len);
size_t bgp_outq_pending(const struct bgp_outq *q);
const uint8_t *bgp_outq_data(const struct bgp_outq *q);
void bgp_outq_consume(struct bgp_outq *q, size_t n);

#endif /* BGP_OUTQ_H */
