/*
 * lexer.c - lines and words of FRR configuration text (lexer.h).
 */
#include <stdlib.h>
#include <string.h>

#include "lexer.h"

void line_reader_init(struct line_reader *r, const char *text, size_t len)
{
        r->p = text;
        r->end = text + len;
        r->lineno = 0;
}

bool line_reader_next(struct line_reader *r, const char **line, size_t *len)
{
        if (r->p >= r->end)
                return false;
        const char *nl = memchr(r->p, '\n', (size_t)(r->end - r->p));
        const char *stop = nl ? nl : r->end;
        *line = r->p;
        *len = (size_t)(stop - r->p);
        /* A CRLF file (edited on Windows, or pasted) reads as the same lines. */
        if (*len > 0 && (*line)[*len - 1] == '\r')
                (*len)--;
        r->p = nl ? nl + 1 : r->end;
        r->lineno++;
        return true;
}

static bool is_blank(char c)
{
        return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r';
}

void lex_line_free(struct lexed_line *l)
{
        free(l->buf);
        l->buf = NULL;
        l->n = 0;
}

enum lex_status lex_line(const char *line, size_t len, uint32_t lineno, struct lexed_line *out)
{
        out->lineno = lineno;
        out->n = 0;
        out->end_col = 1;
        out->err_col = 0;
        out->buf = NULL;

        const char *nul = memchr(line, '\0', len);
        if (nul != NULL) {
                out->err_col = (uint32_t)(nul - line) + 1;
                return LEX_NUL_BYTE;
        }

        size_t i = 0;
        while (i < len && is_blank(line[i]))
                i++;
        if (i == len || line[i] == '!' || line[i] == '#')
                return LEX_OK;

        /* Every word, unquoted, fits in the line's length plus one NUL per word. */
        out->buf = malloc(len + LEX_MAX_WORDS + 1);
        if (out->buf == NULL)
                return LEX_NOMEM;
        char *w = out->buf;

        while (i < len) {
                while (i < len && is_blank(line[i]))
                        i++;
                if (i == len)
                        break;
                if (out->n == LEX_MAX_WORDS) {
                        out->err_col = (uint32_t)i + 1;
                        lex_line_free(out);
                        return LEX_TOO_MANY_WORDS;
                }
                struct token *t = &out->tok[out->n];
                t->col = (uint32_t)i + 1;
                t->text = w;
                t->quoted = line[i] == '"';
                if (t->quoted) {
                        size_t start = i++;
                        bool closed = false;
                        while (i < len) {
                                char c = line[i++];
                                if (c == '"') {
                                        closed = true;
                                        break;
                                }
                                if (c == '\\' && i < len && (line[i] == '"' || line[i] == '\\'))
                                        c = line[i++];
                                *w++ = c;
                        }
                        if (!closed) {
                                out->err_col = (uint32_t)start + 1;
                                lex_line_free(out);
                                return LEX_UNTERMINATED_QUOTE;
                        }
                } else {
                        while (i < len && !is_blank(line[i]))
                                *w++ = line[i++];
                }
                t->len = (size_t)(w - t->text);
                *w++ = '\0';
                t->end = (uint32_t)i + 1;
                out->end_col = t->end;
                out->n++;
        }
        return LEX_OK;
}
