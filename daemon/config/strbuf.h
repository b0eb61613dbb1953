/*
 * strbuf.h - a growable string for building text (the printed configuration, messages).
 *
 * Appending after a failed allocation does nothing; build the whole text, then look at
 * err once.
 */
#ifndef LBGPD_STRBUF_H
#define LBGPD_STRBUF_H

#include <stdbool.h>
#include <stddef.h>

struct strbuf {
        char *s; /* NULL until something is appended */
        size_t len;
        size_t cap;
        bool err; /* an allocation failed */
};

void strbuf_init(struct strbuf *sb);
void strbuf_free(struct strbuf *sb);
void strbuf_printf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void strbuf_puts(struct strbuf *sb, const char *s);
void strbuf_putc(struct strbuf *sb, char c);
/* The text so far, "" when empty. */
const char *strbuf_str(const struct strbuf *sb);

#endif /* LBGPD_STRBUF_H */
