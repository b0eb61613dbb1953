/* textbuf.c - a growable string on the allocator hooks of its owner. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <bgp/error.h>

#include "mem.h"
#include "textbuf.h"

void bgp_textbuf_init(struct bgp_textbuf *tb, const struct bgp_mem *mem)
{
        tb->mem = mem;
        tb->s = NULL;
        tb->len = 0;
        tb->cap = 0;
        tb->err = 0;
}

/* Makes room for n more characters and the NUL. */
static int reserve(struct bgp_textbuf *tb, size_t n)
{
        if (tb->err != 0)
                return tb->err;
        if (n > ((size_t)-1) / 2 - tb->len - 1) {
                tb->err = BGP_ERR_NOMEM;
                return tb->err;
        }
        size_t need = tb->len + n + 1;
        if (need <= tb->cap)
                return 0;
        size_t cap = tb->cap == 0 ? 64 : tb->cap;
        while (cap < need)
                cap *= 2;
        char *s = bgp_mem_realloc(tb->mem, tb->s, cap);
        if (s == NULL) {
                tb->err = BGP_ERR_NOMEM;
                return tb->err;
        }
        tb->s = s;
        tb->cap = cap;
        return 0;
}

void bgp_textbuf_printf(struct bgp_textbuf *tb, const char *fmt, ...)
{
        va_list ap;

        if (tb->err != 0)
                return;
        va_start(ap, fmt);
        int n = vsnprintf(NULL, 0, fmt, ap);
        va_end(ap);
        if (n < 0 || reserve(tb, (size_t)n) != 0)
                return;
        va_start(ap, fmt);
        (void)vsnprintf(tb->s + tb->len, tb->cap - tb->len, fmt, ap);
        va_end(ap);
        tb->len += (size_t)n;
}

void bgp_textbuf_puts(struct bgp_textbuf *tb, const char *text)
{
        size_t n = strlen(text);

        if (reserve(tb, n) != 0)
                return;
        memcpy(tb->s + tb->len, text, n + 1);
        tb->len += n;
}

const char *bgp_textbuf_str(const struct bgp_textbuf *tb)
{
        return tb->s != NULL ? tb->s : "";
}

void bgp_textbuf_reset(struct bgp_textbuf *tb)
{
        tb->len = 0;
        if (tb->s != NULL)
                tb->s[0] = '\0';
}

int bgp_textbuf_take(struct bgp_textbuf *tb, char **out)
{
        *out = NULL;
        if (reserve(tb, 0) != 0) {
                int err = tb->err;
                bgp_textbuf_free(tb);
                return err;
        }
        tb->s[tb->len] = '\0';
        *out = tb->s;
        tb->s = NULL;
        tb->len = 0;
        tb->cap = 0;
        return 0;
}

void bgp_textbuf_free(struct bgp_textbuf *tb)
{
        bgp_mem_free(tb->mem, tb->s);
        bgp_textbuf_init(tb, tb->mem);
}
