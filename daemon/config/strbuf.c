/*
 * strbuf.c - a growable string (strbuf.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

void strbuf_init(struct strbuf *sb)
{
        memset(sb, 0, sizeof(*sb));
}

void strbuf_free(struct strbuf *sb)
{
        free(sb->s);
        strbuf_init(sb);
}

static bool reserve(struct strbuf *sb, size_t more)
{
        if (sb->err)
                return false;
        if (sb->len + more + 1 <= sb->cap)
                return true;
        size_t cap = sb->cap ? sb->cap : 256;
        while (cap < sb->len + more + 1)
                cap *= 2;
        char *s = realloc(sb->s, cap);
        if (s == NULL) {
                sb->err = true;
                return false;
        }
        sb->s = s;
        sb->cap = cap;
        return true;
}

void strbuf_puts(struct strbuf *sb, const char *s)
{
        size_t n = strlen(s);
        if (!reserve(sb, n))
                return;
        memcpy(sb->s + sb->len, s, n + 1);
        sb->len += n;
}

void strbuf_putc(struct strbuf *sb, char c)
{
        if (!reserve(sb, 1))
                return;
        sb->s[sb->len++] = c;
        sb->s[sb->len] = '\0';
}

void strbuf_printf(struct strbuf *sb, const char *fmt, ...)
{
        va_list ap;
        va_start(ap, fmt);
        int n = vsnprintf(NULL, 0, fmt, ap);
        va_end(ap);
        if (n < 0 || !reserve(sb, (size_t)n))
                return;
        va_start(ap, fmt);
        vsnprintf(sb->s + sb->len, (size_t)n + 1, fmt, ap);
        va_end(ap);
        sb->len += (size_t)n;
}

const char *strbuf_str(const struct strbuf *sb)
{
        return sb->s ? sb->s : "";
}
