/* outq.c - the output queue of a session. */
#include <string.h>

#include <bgp/error.h>
#include <bgp/msg.h>

#include "outq.h"

void bgp_outq_free(struct bgp_outq *q, const struct bgp_mem *m)
{
        bgp_mem_free(m, q->buf);
        memset(q, 0, sizeof(*q));
}

void bgp_outq_clear(struct bgp_outq *q)
{
        q->start = 0;
        q->head = 0;
        q->len = 0;
}

size_t bgp_outq_pending(const struct bgp_outq *q)
{
        return q->len - q->head;
}

const uint8_t *bgp_outq_data(const struct bgp_outq *q)
{
        /* A queue that never held anything has no buffer: NULL + 0 is undefined in C. */
        if (q->buf == NULL)
                return NULL;
        return q->buf + q->head;
}

/* The length of the message at off; only whole messages are ever pushed. */
static size_t msg_len(const struct bgp_outq *q, size_t off)
{
        return (size_t)q->buf[off + 16] << 8 | q->buf[off + 17];
}

void bgp_outq_consume(struct bgp_outq *q, size_t n)
{
        if (n > bgp_outq_pending(q))
                n = bgp_outq_pending(q);
        q->head += n;
        if (q->head == q->len) {
                q->start = q->head = q->len = 0;
                return;
        }
        /* Move start over the messages now wholly written. */
        while (q->start < q->head) {
                size_t mlen = msg_len(q, q->start);
                /* Only whole messages are pushed, so this cannot happen; if it did, the walk
                 * must not spin. */
                if (mlen < BGP_HEADER_LEN || q->start + mlen > q->head)
                        break;
                q->start += mlen;
        }
}

static int reserve(struct bgp_outq *q, const struct bgp_mem *m, size_t more)
{
        /* Wholly written messages at the front are reclaimed before growing. */
        if (q->start > 0 && q->len + more > q->cap) {
                memmove(q->buf, q->buf + q->start, q->len - q->start);
                q->len -= q->start;
                q->head -= q->start;
                q->start = 0;
        }
        if (q->len + more <= q->cap)
                return 0;
        size_t cap = q->cap ? q->cap : 4096;
        while (cap < q->len + more)
                cap *= 2;
        uint8_t *nb = bgp_mem_realloc(m, q->buf, cap);
        if (nb == NULL)
                return BGP_ERR_NOMEM;
        q->buf = nb;
        q->cap = cap;
        return 0;
}

int bgp_outq_push(struct bgp_outq *q, const struct bgp_mem *m, const uint8_t *msg, size_t len)
{
        int rc = reserve(q, m, len);
        if (rc != 0)
                return rc;
        memcpy(q->buf + q->len, msg, len);
        q->len += len;
        return 0;
}

/* Where the queue may be cut: after the message already partly written, if any. */
static size_t cut_point(const struct bgp_outq *q)
{
        if (q->head == q->start)
                return q->start;
        return q->start + msg_len(q, q->start);
}

int bgp_outq_push_first(struct bgp_outq *q, const struct bgp_mem *m, const uint8_t *msg, size_t len)
{
        q->len = cut_point(q);
        return bgp_outq_push(q, m, msg, len);
}
