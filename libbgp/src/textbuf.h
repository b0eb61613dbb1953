/*
 * textbuf.h - a growable NUL-terminated string on a struct bgp_mem, for text the library
 * builds of unbounded length: AS paths and community lists as FRR prints them (matched by
 * regular expressions) and lines of configuration.
 *
 * Appending after a failed allocation does nothing: build the whole text, then check err
 * once, as with struct bgp_wr.
 */
#ifndef BGP_TEXTBUF_H
#define BGP_TEXTBUF_H

#include <stddef.h>

#include <bgp/mem.h>

struct bgp_textbuf {
        const struct bgp_mem *mem; /* with every hook set (bgp_mem_init) */
        char *s;                   /* NULL until something is appended */
        size_t len;
        size_t cap;
        int err; /* 0, or BGP_ERR_NOMEM */
};

void bgp_textbuf_init(struct bgp_textbuf *tb, const struct bgp_mem *mem);
/* Appends printf-formatted text. */
void bgp_textbuf_printf(struct bgp_textbuf *tb, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void bgp_textbuf_puts(struct bgp_textbuf *tb, const char *text);
/* The text so far ("" when empty); valid until the next append. */
const char *bgp_textbuf_str(const struct bgp_textbuf *tb);
/* Empties the text, keeping the storage. */
void bgp_textbuf_reset(struct bgp_textbuf *tb);
/* Hands the storage to the caller (NUL-terminated, "" allocated when empty) and leaves tb
 * empty.  0 or BGP_ERR_NOMEM. */
int bgp_textbuf_take(struct bgp_textbuf *tb, char **out);
void bgp_textbuf_free(struct bgp_textbuf *tb);

#endif /* BGP_TEXTBUF_H */
