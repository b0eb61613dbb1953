/*
 * rd.h - the bounds-checked reader every parser in libbgp goes through.
 *
 * A struct bgp_rd is a non-owning view of bytes with a read position.  Every getter checks
 * that the bytes are there and fails with BGP_ERR_SHORT otherwise, leaving the reader where
 * it was; sub-views taken with bgp_rd_sub() cannot outgrow their parent, and the parent has
 * already moved past them.  No other code does arithmetic on raw message pointers.
 */
#ifndef BGP_RD_H
#define BGP_RD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <bgp/error.h>

struct bgp_rd {
        const uint8_t *p;
        size_t len;
        size_t off;
};

static inline struct bgp_rd bgp_rd_make(const uint8_t *p, size_t len)
{
        struct bgp_rd rd = {p, len, 0};
        return rd;
}

/* Bytes left to read. */
static inline size_t bgp_rd_left(const struct bgp_rd *rd)
{
        return rd->len - rd->off;
}

/* A pointer to the current position, for views handed out to callers. */
static inline const uint8_t *bgp_rd_ptr(const struct bgp_rd *rd)
{
        return rd->p + rd->off;
}

static inline int bgp_rd_u8(struct bgp_rd *rd, uint8_t *v)
{
        if (bgp_rd_left(rd) < 1)
                return BGP_ERR_SHORT;
        *v = rd->p[rd->off];
        rd->off += 1;
        return 0;
}

static inline int bgp_rd_u16(struct bgp_rd *rd, uint16_t *v)
{
        if (bgp_rd_left(rd) < 2)
                return BGP_ERR_SHORT;
        const uint8_t *b = rd->p + rd->off;
        *v = (uint16_t)((unsigned)b[0] << 8 | b[1]);
        rd->off += 2;
        return 0;
}

static inline int bgp_rd_u32(struct bgp_rd *rd, uint32_t *v)
{
        if (bgp_rd_left(rd) < 4)
                return BGP_ERR_SHORT;
        const uint8_t *b = rd->p + rd->off;
        *v = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
        rd->off += 4;
        return 0;
}

/* Copies n bytes out. */
static inline int bgp_rd_copy(struct bgp_rd *rd, void *out, size_t n)
{
        if (bgp_rd_left(rd) < n)
                return BGP_ERR_SHORT;
        for (size_t i = 0; i < n; i++)
                ((uint8_t *)out)[i] = rd->p[rd->off + i];
        rd->off += n;
        return 0;
}

/* Hands out a view of the next n bytes without copying and moves past them. */
static inline int bgp_rd_view(struct bgp_rd *rd, size_t n, const uint8_t **view)
{
        if (bgp_rd_left(rd) < n)
                return BGP_ERR_SHORT;
        *view = rd->p + rd->off;
        rd->off += n;
        return 0;
}

static inline int bgp_rd_skip(struct bgp_rd *rd, size_t n)
{
        if (bgp_rd_left(rd) < n)
                return BGP_ERR_SHORT;
        rd->off += n;
        return 0;
}

/* Takes the next n bytes as a reader of their own; the parent moves past them first. */
static inline int bgp_rd_sub(struct bgp_rd *rd, size_t n, struct bgp_rd *sub)
{
        if (bgp_rd_left(rd) < n)
                return BGP_ERR_SHORT;
        sub->p = rd->p + rd->off;
        sub->len = n;
        sub->off = 0;
        rd->off += n;
        return 0;
}

/* Takes everything that is left as a sub-reader. */
static inline struct bgp_rd bgp_rd_rest(struct bgp_rd *rd)
{
        struct bgp_rd sub = {rd->p + rd->off, bgp_rd_left(rd), 0};
        rd->off = rd->len;
        return sub;
}

/* Message parsers end here: nothing may be left over. */
static inline bool bgp_rd_done(const struct bgp_rd *rd)
{
        return rd->off == rd->len;
}

#endif /* BGP_RD_H */
