/*
 * match.c - compiling command patterns and matching lines against them (match.h).
 *
 * The matcher is a backtracking recursive descent with explicit continuations: matching an
 * element is given "what comes after me", so an optional element or a repetition can try
 * its longest reading first and fall back when the rest of the line does not fit.
 * Patterns are a handful of words long and lines at most LEX_MAX_WORDS, so the search is
 * small; every failure is recorded at the position it happened, and the furthest one is
 * what the user is told about.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "match.h"
#include "value.h"

/* ---- compiling ------------------------------------------------------------------------- */

struct pat_parser {
        const char *s;
        char *err;
        size_t errlen;
        bool failed;
};

static void perr(struct pat_parser *pp, const char *what)
{
        if (!pp->failed)
                snprintf(pp->err, pp->errlen, "%s at \"%s\"", what, pp->s);
        pp->failed = true;
}

static void seq_free(struct pat_seq *s);

static void item_free(struct pat_item *it)
{
        free(it->word);
        free(it->capture);
        for (size_t i = 0; i < it->n_alts; i++)
                seq_free(&it->alts[i]);
        free(it->alts);
}

static void seq_free(struct pat_seq *s)
{
        for (size_t i = 0; i < s->n; i++)
                item_free(&s->items[i]);
        free(s->items);
        s->items = NULL;
        s->n = 0;
}

void pat_free(struct pat_seq *p)
{
        if (p == NULL)
                return;
        seq_free(p);
        free(p);
}

static char *dupn(const char *s, size_t n)
{
        char *p = malloc(n + 1);
        if (p != NULL) {
                memcpy(p, s, n);
                p[n] = '\0';
        }
        return p;
}

static const struct {
        const char *name;
        enum pat_var var;
} var_names[] = {
    {"WORD", PAT_VAR_WORD},       {"LINE", PAT_VAR_LINE},           {"IFNAME", PAT_VAR_IFNAME},
    {"ASN", PAT_VAR_ASN},         {"A.B.C.D", PAT_VAR_IPV4},        {"X:X::X:X", PAT_VAR_IPV6},
    {"ADDR", PAT_VAR_ADDR},       {"A.B.C.D/M", PAT_VAR_PREFIX4},   {"X:X::X:X/M", PAT_VAR_PREFIX6},
    {"AA:NN", PAT_VAR_COMMUNITY}, {"AA:BB:CC", PAT_VAR_LCOMMUNITY},
};

static bool is_atom_char(char c)
{
        return c != '\0' && c != ' ' && !strchr("|<>[]{}$", c);
}

static bool parse_atom(struct pat_parser *pp, struct pat_item *it)
{
        const char *start = pp->s;
        while (is_atom_char(*pp->s))
                pp->s++;
        size_t len = (size_t)(pp->s - start);
        if (len == 0) {
                perr(pp, "empty element");
                return false;
        }
        if (len > 3 && memcmp(start + len - 3, "...", 3) == 0) {
                it->repeat = true;
                len -= 3;
        }

        if (start[0] == '(') {
                unsigned long lo, hi;
                char tail;
                char *text = dupn(start, len);
                if (text == NULL) {
                        perr(pp, "out of memory");
                        return false;
                }
                int n = sscanf(text, "(%lu-%lu%c", &lo, &hi, &tail);
                free(text);
                if (n != 3 || tail != ')' || lo > hi || hi > UINT32_MAX) {
                        perr(pp, "bad range");
                        return false;
                }
                it->kind = PAT_VAR;
                it->var = PAT_VAR_RANGE;
                it->lo = (uint32_t)lo;
                it->hi = (uint32_t)hi;
                return true;
        }
        for (size_t i = 0; i < sizeof(var_names) / sizeof(var_names[0]); i++) {
                if (strlen(var_names[i].name) == len &&
                    memcmp(var_names[i].name, start, len) == 0) {
                        it->kind = PAT_VAR;
                        it->var = var_names[i].var;
                        return true;
                }
        }
        if (it->repeat) {
                perr(pp, "only a variable repeats");
                return false;
        }
        it->kind = PAT_KEYWORD;
        it->word = dupn(start, len);
        if (it->word == NULL)
                perr(pp, "out of memory");
        return it->word != NULL;
}

static bool parse_seq(struct pat_parser *pp, struct pat_seq *seq);

static bool parse_group(struct pat_parser *pp, struct pat_item *it, char close)
{
        pp->s++; /* the opening bracket */
        for (;;) {
                struct pat_seq *alts = realloc(it->alts, (it->n_alts + 1) * sizeof(*alts));
                if (alts == NULL) {
                        perr(pp, "out of memory");
                        return false;
                }
                it->alts = alts;
                struct pat_seq *alt = &it->alts[it->n_alts++];
                memset(alt, 0, sizeof(*alt));
                if (!parse_seq(pp, alt))
                        return false;
                if (alt->n == 0) {
                        perr(pp, "empty alternative");
                        return false;
                }
                if (*pp->s == '|') {
                        pp->s++;
                        continue;
                }
                if (*pp->s != close) {
                        perr(pp, "unbalanced bracket");
                        return false;
                }
                pp->s++;
                if (it->kind == PAT_ANYORDER && it->n_alts > 16) {
                        perr(pp, "too many alternatives");
                        return false;
                }
                return true;
        }
}

static bool parse_item(struct pat_parser *pp, struct pat_item *it)
{
        bool ok;
        switch (*pp->s) {
        case '<':
                it->kind = PAT_CHOICE;
                ok = parse_group(pp, it, '>');
                break;
        case '[':
                it->kind = PAT_OPTION;
                ok = parse_group(pp, it, ']');
                break;
        case '{':
                it->kind = PAT_ANYORDER;
                ok = parse_group(pp, it, '}');
                break;
        default:
                ok = parse_atom(pp, it);
                break;
        }
        if (!ok)
                return false;
        if (*pp->s == '$') {
                const char *start = ++pp->s;
                while ((*pp->s >= 'a' && *pp->s <= 'z') || (*pp->s >= '0' && *pp->s <= '9') ||
                       *pp->s == '_')
                        pp->s++;
                if (pp->s == start || it->kind == PAT_OPTION || it->kind == PAT_ANYORDER) {
                        perr(pp, "bad capture");
                        return false;
                }
                it->capture = dupn(start, (size_t)(pp->s - start));
                if (it->capture == NULL) {
                        perr(pp, "out of memory");
                        return false;
                }
        }
        return true;
}

static bool parse_seq(struct pat_parser *pp, struct pat_seq *seq)
{
        for (;;) {
                while (*pp->s == ' ')
                        pp->s++;
                if (*pp->s == '\0' || strchr("|>]}", *pp->s))
                        return true;
                struct pat_item *items = realloc(seq->items, (seq->n + 1) * sizeof(*items));
                if (items == NULL) {
                        perr(pp, "out of memory");
                        return false;
                }
                seq->items = items;
                struct pat_item *it = &seq->items[seq->n++];
                memset(it, 0, sizeof(*it));
                if (!parse_item(pp, it))
                        return false;
        }
}

struct pat_seq *pat_compile(const char *pattern, char *err, size_t errlen)
{
        struct pat_parser pp = {.s = pattern, .err = err, .errlen = errlen};
        struct pat_seq *seq = calloc(1, sizeof(*seq));

        if (seq == NULL) {
                snprintf(err, errlen, "out of memory");
                return NULL;
        }
        if (parse_seq(&pp, seq) && *pp.s != '\0')
                perr(&pp, "unbalanced bracket");
        if (!pp.failed && seq->n == 0)
                perr(&pp, "empty pattern");
        if (pp.failed) {
                pat_free(seq);
                return NULL;
        }
        return seq;
}

/* ---- matching -------------------------------------------------------------------------- */

enum cont_kind {
        CONT_SEQ,      /* go on with seq->items[k] */
        CONT_ANYORDER, /* offer the unused alternatives of item again */
        CONT_CLOSE,    /* a captured group ends here */
};

struct cont {
        enum cont_kind kind;
        const struct pat_seq *seq;
        size_t k;
        const struct pat_item *item;
        unsigned used;
        size_t cap; /* CONT_CLOSE: the capture to close */
        const struct cont *next;
};

struct mstate {
        const struct token *tok;
        size_t n;
        struct pat_match *m;
        struct pat_failure *f;
        bool cap_overflow;
};

void pat_failure_init(struct pat_failure *f)
{
        memset(f, 0, sizeof(*f));
}

/* Records that at word pos, item (NULL: the end of the line) would have been accepted. */
static void fail(struct mstate *st, size_t pos, const struct pat_item *item)
{
        struct pat_failure *f = st->f;
        if (pos < f->pos)
                return;
        if (pos > f->pos) {
                f->pos = pos;
                f->n_expect = 0;
                f->expect_end = false;
        }
        if (item == NULL) {
                f->expect_end = true;
                return;
        }
        for (size_t i = 0; i < f->n_expect; i++)
                if (f->expect[i] == item)
                        return;
        if (f->n_expect < PAT_MAX_EXPECT)
                f->expect[f->n_expect++] = item;
}

static size_t capture_open(struct mstate *st, const struct pat_item *it, size_t pos, size_t count)
{
        if (it->capture == NULL)
                return SIZE_MAX;
        if (st->m->n_cap == PAT_MAX_CAPTURES) {
                st->cap_overflow = true;
                return SIZE_MAX;
        }
        st->m->cap[st->m->n_cap] =
            (struct pat_capture){.name = it->capture, .first = pos, .count = count};
        return st->m->n_cap++;
}

static bool m_seq(struct mstate *st, const struct pat_seq *s, size_t k, size_t pos,
                  const struct cont *c);
static bool m_anyorder(struct mstate *st, const struct pat_item *it, unsigned used, size_t pos,
                       const struct cont *c);

static bool m_cont(struct mstate *st, size_t pos, const struct cont *c)
{
        if (c == NULL) {
                if (pos == st->n)
                        return true;
                fail(st, pos, NULL);
                return false;
        }
        switch (c->kind) {
        case CONT_SEQ:
                return m_seq(st, c->seq, c->k, pos, c->next);
        case CONT_ANYORDER:
                return m_anyorder(st, c->item, c->used, pos, c->next);
        case CONT_CLOSE:
                if (c->cap != SIZE_MAX)
                        st->m->cap[c->cap].count = pos - st->m->cap[c->cap].first;
                return m_cont(st, pos, c->next);
        }
        return false;
}

bool pat_var_accepts(const struct pat_item *it, const struct token *t)
{
        uint8_t a[16];
        uint32_t u;
        struct bgp_prefix p;
        struct config_large_community lc;
        bool host_bits;

        if (t->quoted)
                return it->var == PAT_VAR_WORD || it->var == PAT_VAR_LINE;
        switch (it->var) {
        case PAT_VAR_WORD:
        case PAT_VAR_LINE:
                return true;
        case PAT_VAR_IFNAME:
                return value_ifname(t->text);
        case PAT_VAR_ASN:
                return value_asn(t->text, &u);
        case PAT_VAR_IPV4:
                return value_ipv4(t->text, a);
        case PAT_VAR_IPV6:
                return value_ipv6(t->text, a);
        case PAT_VAR_ADDR:
                return value_ipv4(t->text, a) || value_ipv6(t->text, a);
        case PAT_VAR_PREFIX4:
                return value_prefix(t->text, BGP_AFI_IPV4, &p, &host_bits);
        case PAT_VAR_PREFIX6:
                return value_prefix(t->text, BGP_AFI_IPV6, &p, &host_bits);
        case PAT_VAR_COMMUNITY:
                return value_community(t->text, &u);
        case PAT_VAR_LCOMMUNITY:
                return value_large_community(t->text, &lc);
        case PAT_VAR_RANGE:
                return value_u32(t->text, it->lo, it->hi, &u);
        }
        return false;
}

static bool m_var(struct mstate *st, const struct pat_item *it, size_t pos, const struct cont *c)
{
        size_t mark = st->m->n_cap;
        size_t count = 0;

        if (it->var == PAT_VAR_LINE) {
                /* The rest of the line, whatever it holds. */
                count = st->n - pos;
        } else {
                while (pos + count < st->n && pat_var_accepts(it, &st->tok[pos + count])) {
                        count++;
                        if (!it->repeat)
                                break;
                }
        }
        if (count == 0) {
                fail(st, pos, it);
                return false;
        }
        if (it->repeat && pos + count <= st->n)
                fail(st, pos + count, it); /* one more would have done, too */

        /* Longest first: a repetition gives words back only when the rest needs them. */
        for (size_t take = count; take > 0; take--) {
                capture_open(st, it, pos, take);
                if (m_cont(st, pos + take, c))
                        return true;
                st->m->n_cap = mark;
                if (!it->repeat)
                        break;
        }
        return false;
}

static bool m_item(struct mstate *st, const struct pat_item *it, size_t pos, const struct cont *c)
{
        size_t mark = st->m->n_cap;

        switch (it->kind) {
        case PAT_KEYWORD:
                if (pos < st->n && !st->tok[pos].quoted &&
                    strcmp(st->tok[pos].text, it->word) == 0) {
                        capture_open(st, it, pos, 1);
                        if (m_cont(st, pos + 1, c))
                                return true;
                        st->m->n_cap = mark;
                        return false;
                }
                fail(st, pos, it);
                return false;
        case PAT_VAR:
                return m_var(st, it, pos, c);
        case PAT_CHOICE:
                for (size_t i = 0; i < it->n_alts; i++) {
                        struct cont close = {.kind = CONT_CLOSE, .next = c};
                        close.cap = capture_open(st, it, pos, 0);
                        if (m_seq(st, &it->alts[i], 0, pos, &close))
                                return true;
                        st->m->n_cap = mark;
                }
                return false;
        case PAT_OPTION:
                for (size_t i = 0; i < it->n_alts; i++) {
                        if (m_seq(st, &it->alts[i], 0, pos, c))
                                return true;
                        st->m->n_cap = mark;
                }
                return m_cont(st, pos, c);
        case PAT_ANYORDER:
                return m_anyorder(st, it, 0, pos, c);
        }
        return false;
}

static bool m_anyorder(struct mstate *st, const struct pat_item *it, unsigned used, size_t pos,
                       const struct cont *c)
{
        size_t mark = st->m->n_cap;

        for (size_t i = 0; i < it->n_alts; i++) {
                if (used & (1u << i))
                        continue;
                struct cont again = {
                    .kind = CONT_ANYORDER, .item = it, .used = used | 1u << i, .next = c};
                if (m_seq(st, &it->alts[i], 0, pos, &again))
                        return true;
                st->m->n_cap = mark;
        }
        return m_cont(st, pos, c);
}

static bool m_seq(struct mstate *st, const struct pat_seq *s, size_t k, size_t pos,
                  const struct cont *c)
{
        if (k == s->n)
                return m_cont(st, pos, c);
        struct cont rest = {.kind = CONT_SEQ, .seq = s, .k = k + 1, .next = c};
        return m_item(st, &s->items[k], pos, &rest);
}

bool pat_match(const struct pat_seq *p, const struct token *tok, size_t n, struct pat_match *m,
               struct pat_failure *f)
{
        struct mstate st = {.tok = tok, .n = n, .m = m, .f = f};
        m->n_cap = 0;
        return m_seq(&st, p, 0, 0, NULL) && !st.cap_overflow;
}

const struct pat_capture *pat_capture_get(const struct pat_match *m, const char *name)
{
        for (size_t i = 0; i < m->n_cap; i++)
                if (strcmp(m->cap[i].name, name) == 0)
                        return &m->cap[i];
        return NULL;
}

void pat_describe(const struct pat_item *it, char *buf, size_t len)
{
        if (it->kind == PAT_KEYWORD) {
                snprintf(buf, len, "'%s'", it->word);
                return;
        }
        switch (it->var) {
        case PAT_VAR_WORD:
                snprintf(buf, len, "a name");
                break;
        case PAT_VAR_LINE:
                snprintf(buf, len, "text");
                break;
        case PAT_VAR_IFNAME:
                snprintf(buf, len, "an interface name");
                break;
        case PAT_VAR_ASN:
                snprintf(buf, len, "an AS number (1-4294967295)");
                break;
        case PAT_VAR_IPV4:
                snprintf(buf, len, "an IPv4 address (A.B.C.D)");
                break;
        case PAT_VAR_IPV6:
                snprintf(buf, len, "an IPv6 address (X:X::X:X)");
                break;
        case PAT_VAR_ADDR:
                snprintf(buf, len, "an IPv4 or IPv6 address");
                break;
        case PAT_VAR_PREFIX4:
                snprintf(buf, len, "an IPv4 prefix (A.B.C.D/M)");
                break;
        case PAT_VAR_PREFIX6:
                snprintf(buf, len, "an IPv6 prefix (X:X::X:X/M)");
                break;
        case PAT_VAR_COMMUNITY:
                snprintf(buf, len, "a community (AA:NN or a well-known name)");
                break;
        case PAT_VAR_LCOMMUNITY:
                snprintf(buf, len, "a large community (AA:BB:CC)");
                break;
        case PAT_VAR_RANGE:
                snprintf(buf, len, "a number in %u-%u", (unsigned)it->lo, (unsigned)it->hi);
                break;
        }
}
