/*
 * wr.h - the bounded writer every encoder in libbgp goes through.
 *
 * A struct bgp_wr writes into a caller buffer up to a limit (the smaller of the buffer and
 * the negotiated maximum message size).  A write that does not fit sets the writer's error
 * and writes nothing, so an encoder can write a whole message and check once at the end;
 * nothing is ever truncated.  Length fields are reserved with bgp_wr_reserve16() and
 * patched once the body is known.
 */
#ifndef BGP_WR_H
#define BGP_WR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <bgp/error.h>

struct bgp_wr {
        uint8_t *p;
        size_t cap;
        size_t off;
        int err; /* 0, or BGP_ERR_NOSPACE after a write that did not fit */
};

static inline struct bgp_wr bgp_wr_make(uint8_t *p, size_t cap)
{
        struct bgp_wr wr = {p, cap, 0, 0};
        return wr;
}

static inline size_t bgp_wr_left(const struct bgp_wr *wr)
{
        return wr->cap - wr->off;
}

static inline bool bgp_wr_room(struct bgp_wr *wr, size_t n)
{
        if (wr->err != 0 || bgp_wr_left(wr) < n) {
                wr->err = BGP_ERR_NOSPACE;
                return false;
        }
        return true;
}

static inline void bgp_wr_u8(struct bgp_wr *wr, uint8_t v)
{
        if (!bgp_wr_room(wr, 1))
                return;
        wr->p[wr->off++] = v;
}

static inline void bgp_wr_u16(struct bgp_wr *wr, uint16_t v)
{
        if (!bgp_wr_room(wr, 2))
                return;
        wr->p[wr->off++] = (uint8_t)(v >> 8);
        wr->p[wr->off++] = (uint8_t)v;
}

static inline void bgp_wr_u32(struct bgp_wr *wr, uint32_t v)
{
        if (!bgp_wr_room(wr, 4))
                return;
        wr->p[wr->off++] = (uint8_t)(v >> 24);
        wr->p[wr->off++] = (uint8_t)(v >> 16);
        wr->p[wr->off++] = (uint8_t)(v >> 8);
        wr->p[wr->off++] = (uint8_t)v;
}

static inline void bgp_wr_bytes(struct bgp_wr *wr, const void *src, size_t n)
{
        if (n == 0 || !bgp_wr_room(wr, n))
                return;
        memcpy(wr->p + wr->off, src, n);
        wr->off += n;
}

static inline void bgp_wr_fill(struct bgp_wr *wr, uint8_t v, size_t n)
{
        if (n == 0 || !bgp_wr_room(wr, n))
                return;
        memset(wr->p + wr->off, v, n);
        wr->off += n;
}

/* Reserves a 1- or 2-octet length field; returns its offset for the patch. */
static inline size_t bgp_wr_reserve8(struct bgp_wr *wr)
{
        size_t at = wr->off;
        bgp_wr_u8(wr, 0);
        return at;
}

static inline size_t bgp_wr_reserve16(struct bgp_wr *wr)
{
        size_t at = wr->off;
        bgp_wr_u16(wr, 0);
        return at;
}

/* Writes, at a reserved field, the number of bytes written since the field ended. */
static inline void bgp_wr_patch8(struct bgp_wr *wr, size_t at)
{
        if (wr->err != 0)
                return;
        size_t n = wr->off - at - 1;
        if (n > 0xff) {
                wr->err = BGP_ERR_NOSPACE;
                return;
        }
        wr->p[at] = (uint8_t)n;
}

static inline void bgp_wr_patch16(struct bgp_wr *wr, size_t at)
{
        if (wr->err != 0)
                return;
        size_t n = wr->off - at - 2;
        if (n > 0xffff) {
                wr->err = BGP_ERR_NOSPACE;
                return;
        }
        wr->p[at] = (uint8_t)(n >> 8);
        wr->p[at + 1] = (uint8_t)n;
}

/* Writes v at an earlier offset (a length known only now). */
static inline void bgp_wr_set16(struct bgp_wr *wr, size_t at, uint16_t v)
{
        if (wr->err != 0)
                return;
        wr->p[at] = (uint8_t)(v >> 8);
        wr->p[at + 1] = (uint8_t)v;
}

/* Rolls back to an earlier offset (to drop something that did not fit). */
static inline void bgp_wr_rewind(struct bgp_wr *wr, size_t to)
{
        wr->off = to;
        wr->err = 0;
}

/* The result of an encoder: the bytes written, or the error. */
static inline int bgp_wr_result(const struct bgp_wr *wr)
{
        return wr->err != 0 ? wr->err : (int)wr->off;
}

#endif /* BGP_WR_H */
