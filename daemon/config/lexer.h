/*
 * lexer.h - splits configuration text into lines and lines into words.
 *
 * FRR's configuration is line-oriented: a line is a command, words are separated by white
 * space, and a line whose first non-blank character is '!' or '#' is a comment.  Leading
 * white space means nothing (the seed file lost its indentation and FRR reads it the same),
 * so the lexer drops it.  One addition to FRR: a word that starts with a double quote runs
 * to the closing quote and may hold spaces ("\"" and "\\" escape), so a description can
 * keep exact spacing and print back unchanged.
 */
#ifndef LBGPD_LEXER_H
#define LBGPD_LEXER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Longer lines are an error: no command of the subset comes near it. */
#define LEX_MAX_WORDS 128

struct token {
        const char *text; /* NUL-terminated, quotes and escapes removed */
        size_t len;
        uint32_t col; /* 1-based byte column of the first character (the quote) */
        uint32_t end; /* column just past the last character */
        bool quoted;
};

enum lex_status {
        LEX_OK = 0,
        LEX_UNTERMINATED_QUOTE, /* at err_col */
        LEX_TOO_MANY_WORDS,     /* at err_col */
        LEX_NUL_BYTE,           /* at err_col */
        LEX_NOMEM,
};

struct lexed_line {
        uint32_t lineno;
        struct token tok[LEX_MAX_WORDS];
        size_t n;         /* 0 for a blank or comment line */
        uint32_t end_col; /* column just past the last non-blank character */
        uint32_t err_col;
        char *buf; /* the words' storage, owned */
};

/* Iterates over the lines of a buffer (LF or CRLF). */
struct line_reader {
        const char *p;
        const char *end;
        uint32_t lineno;
};

void line_reader_init(struct line_reader *r, const char *text, size_t len);
/* Returns true and the next line (without its end-of-line) or false at the end. */
bool line_reader_next(struct line_reader *r, const char **line, size_t *len);

/* Splits one line into words; out->buf must be released with lex_line_free(). */
enum lex_status lex_line(const char *line, size_t len, uint32_t lineno, struct lexed_line *out);
void lex_line_free(struct lexed_line *l);

#endif /* LBGPD_LEXER_H */
