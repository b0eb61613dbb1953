/*
 * match.h - command patterns: the grammar of one command line, written as a string, and
 * the matching of a line's words against it.
 *
 * The notation is FRR's (lib/command_graph, the DEFPY strings), so a row of the command
 * table reads like FRR's documentation of the command:
 *
 *   keyword          the word itself ("prefix-list", "Null0")
 *   WORD  LINE       any word; the rest of the line (one word or more)
 *   IFNAME ASN       an interface name (value_ifname); an AS number
 *   A.B.C.D  X:X::X:X  ADDR      an IPv4, IPv6, either address
 *   A.B.C.D/M  X:X::X:X/M        an IPv4, IPv6 prefix
 *   AA:NN  AA:BB:CC  a community; a large community
 *   (1-65535)        a number in the range
 *   TYPE...          one or more of TYPE
 *   <a|b c>          exactly one of the alternatives (each a sequence)
 *   [a|b c]          at most one of them
 *   {a|b}            each at most once, in any order
 *   ...$name         captures what the element matched, for the handler
 *
 * Matching backtracks, so an optional element can be skipped when what follows needs its
 * word.  When no pattern matches, the failure that got furthest along the line says why:
 * its position and the elements that would have been accepted there.
 */
#ifndef LBGPD_MATCH_H
#define LBGPD_MATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lexer.h"

enum pat_kind {
        PAT_KEYWORD,
        PAT_VAR,
        PAT_CHOICE,   /* <...> */
        PAT_OPTION,   /* [...] */
        PAT_ANYORDER, /* {...} */
};

enum pat_var {
        PAT_VAR_WORD,
        PAT_VAR_LINE,
        PAT_VAR_IFNAME,
        PAT_VAR_ASN,
        PAT_VAR_IPV4,
        PAT_VAR_IPV6,
        PAT_VAR_ADDR,
        PAT_VAR_PREFIX4,
        PAT_VAR_PREFIX6,
        PAT_VAR_COMMUNITY,
        PAT_VAR_LCOMMUNITY,
        PAT_VAR_RANGE,
};

struct pat_seq;

struct pat_item {
        enum pat_kind kind;
        char *word; /* PAT_KEYWORD */
        enum pat_var var;
        uint32_t lo, hi; /* PAT_VAR_RANGE */
        bool repeat;     /* TYPE... */
        char *capture;   /* NULL: not captured */
        struct pat_seq *alts;
        size_t n_alts;
};

struct pat_seq {
        struct pat_item *items;
        size_t n;
};

/* Compiles a pattern; NULL with a message in err on a syntax error or out of memory. */
struct pat_seq *pat_compile(const char *pattern, char *err, size_t errlen);
void pat_free(struct pat_seq *p);

#define PAT_MAX_CAPTURES 24
#define PAT_MAX_EXPECT   32

struct pat_capture {
        const char *name;
        size_t first; /* word index */
        size_t count; /* words matched */
};

struct pat_match {
        struct pat_capture cap[PAT_MAX_CAPTURES];
        size_t n_cap;
};

/* The furthest point any attempt reached, kept across the patterns tried for one line. */
struct pat_failure {
        size_t pos; /* word index; the line's word count means "at the end" */
        const struct pat_item *expect[PAT_MAX_EXPECT];
        size_t n_expect;
        bool expect_end; /* the line could have ended there */
};

void pat_failure_init(struct pat_failure *f);

/* Matches the whole line; fills m on success, and otherwise updates f. */
bool pat_match(const struct pat_seq *p, const struct token *tok, size_t n, struct pat_match *m,
               struct pat_failure *f);

/* Whether one word would be accepted by a variable element. */
bool pat_var_accepts(const struct pat_item *it, const struct token *t);

/* "'permit'", "a number in 0-128", "an IPv6 prefix (X:X::X:X/M)". */
void pat_describe(const struct pat_item *it, char *buf, size_t len);

/* The capture named name, or NULL. */
const struct pat_capture *pat_capture_get(const struct pat_match *m, const char *name);

#endif /* LBGPD_MATCH_H */
