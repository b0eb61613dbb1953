/*
 * parser.c - reads configuration text line by line into a struct config.
 *
 * For each line: split it into words (lexer.c), try the command table's rows for the
 * current node and then for its parents (FRR's rule when it reads a file, which is what
 * makes the unindented seed work), and run the first row that matches the whole line.
 * When none does, the attempt that got furthest along the line names the word that is
 * wrong and what would have been accepted there.
 *
 * Errors do not stop the parse: every line is read so that one run reports every mistake,
 * but a parse with an error yields no configuration.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parser.h"
#include "tconf.h"
#include "value.h"

enum node node_parent(enum node n)
{
        switch (n) {
        case NODE_AF_IPV4:
        case NODE_AF_IPV6:
                return NODE_BGP;
        case NODE_CONFIG:
        case NODE_ROUTE_MAP:
        case NODE_BGP:
        case NODE_LINE_VTY:
        case NODE_TUNNEL:
        case NODE_COUNT:
                break;
        }
        return NODE_CONFIG;
}

const char *node_name(enum node n)
{
        switch (n) {
        case NODE_CONFIG:
                return "the top level";
        case NODE_ROUTE_MAP:
                return "a route-map";
        case NODE_BGP:
                return "router bgp";
        case NODE_AF_IPV4:
                return "address-family ipv4 unicast";
        case NODE_AF_IPV6:
                return "address-family ipv6 unicast";
        case NODE_LINE_VTY:
                return "line vty";
        case NODE_TUNNEL:
                return "a tunnel section";
        case NODE_COUNT:
                break;
        }
        return "?";
}

void parse_enter(struct parse *p, enum node n, bool detached)
{
        p->node = n;
        /* A block nested in a detached one (an address-family in a router bgp whose line
         * failed) is detached through it. */
        if (parse_detached(p))
                return;
        p->detached_node = detached ? n : NODE_CONFIG;
}

bool parse_detached(const struct parse *p)
{
        if (p->detached_node == NODE_CONFIG)
                return false;
        for (enum node n = p->node; n != NODE_CONFIG; n = node_parent(n))
                if (n == p->detached_node)
                        return true;
        return false;
}

/* Where a command with this node set belongs, in words. */
static const char *nodes_name(unsigned nodes)
{
        if (nodes & NODE_BIT(NODE_BGP))
                return node_name(NODE_BGP);
        if ((nodes & NODES_AF) == NODES_AF)
                return "an address-family block";
        for (int n = 0; n < NODE_COUNT; n++)
                if (nodes & NODE_BIT(n))
                        return node_name((enum node)n);
        return "?";
}

/* ---- diagnostics --------------------------------------------------------------------------- */

struct config_loc parse_loc(const struct parse *p, size_t i)
{
        const struct lexed_line *l = p->line;
        struct config_loc loc = {.file = p->file, .line = l ? l->lineno : 0, .col = 1};
        if (l == NULL)
                return loc;
        loc.col = i < l->n ? l->tok[i].col : l->end_col;
        return loc;
}

static void vreport(struct parse *p, enum config_severity sev, struct config_loc loc,
                    const char *fmt, va_list ap)
{
        char msg[1024];
        vsnprintf(msg, sizeof(msg), fmt, ap);
        config_diags_add(p->diags, sev, loc.file, loc.line, loc.col, "%s", msg);
        if (sev == CONFIG_SEV_ERROR)
                p->errors++;
}

void parse_error(struct parse *p, size_t word, const char *fmt, ...)
{
        va_list ap;
        va_start(ap, fmt);
        vreport(p, CONFIG_SEV_ERROR, parse_loc(p, word), fmt, ap);
        va_end(ap);
}

void parse_warning(struct parse *p, size_t word, const char *fmt, ...)
{
        va_list ap;
        va_start(ap, fmt);
        vreport(p, CONFIG_SEV_WARNING, parse_loc(p, word), fmt, ap);
        va_end(ap);
}

void parse_error_at(struct parse *p, struct config_loc loc, const char *fmt, ...)
{
        va_list ap;
        va_start(ap, fmt);
        vreport(p, CONFIG_SEV_ERROR, loc, fmt, ap);
        va_end(ap);
}

int parse_nomem(struct parse *p)
{
        p->nomem = true;
        return -1;
}

/* ---- captured arguments ------------------------------------------------------------------- */

size_t arg_index(const struct cmd_args *a, const char *name)
{
        const struct pat_capture *c = pat_capture_get(a->m, name);
        return c != NULL && c->count > 0 ? c->first : SIZE_MAX;
}

bool arg_has(const struct cmd_args *a, const char *name)
{
        return arg_index(a, name) != SIZE_MAX;
}

const char *arg_word(const struct cmd_args *a, const char *name)
{
        size_t i = arg_index(a, name);
        return i == SIZE_MAX ? NULL : a->tok[i].text;
}

uint32_t arg_u32(const struct cmd_args *a, const char *name, uint32_t dflt)
{
        const char *w = arg_word(a, name);
        uint32_t v;
        return w != NULL && value_u32(w, 0, UINT32_MAX, &v) ? v : dflt;
}

char *arg_text(struct parse *p, const struct cmd_args *a, const char *name)
{
        const struct pat_capture *c = pat_capture_get(a->m, name);
        if (c == NULL || c->count == 0)
                return NULL;
        size_t len = 0;
        for (size_t i = c->first; i < c->first + c->count; i++)
                len += a->tok[i].len + 1;
        char *s = config_arena_alloc(p->arena, len);
        if (s == NULL) {
                parse_nomem(p);
                return NULL;
        }
        char *w = s;
        for (size_t i = c->first; i < c->first + c->count; i++) {
                if (w != s)
                        *w++ = ' ';
                memcpy(w, a->tok[i].text, a->tok[i].len);
                w += a->tok[i].len;
        }
        *w = '\0';
        return s;
}

char *parse_strdup(struct parse *p, const char *s)
{
        char *d = config_arena_strdup(p->arena, s);
        if (d == NULL)
                parse_nomem(p);
        return d;
}

uint32_t seq_auto(uint32_t highest)
{
        uint32_t next = highest / 5 * 5 + 5;
        return next < highest ? highest : next; /* at the top of the range: no room left */
}

/* ---- dispatch ----------------------------------------------------------------------------- */

/* The command table's patterns, compiled once per parse (no global state). */
struct compiled {
        struct pat_seq **pat;
        size_t *leading; /* how many keywords each pattern starts with */
};

static void free_table(struct compiled *c)
{
        for (size_t i = 0; c->pat != NULL && i < config_n_commands; i++)
                pat_free(c->pat[i]);
        free(c->pat);
        free(c->leading);
}

static int compile_table(struct compiled *c)
{
        c->pat = calloc(config_n_commands, sizeof(*c->pat));
        c->leading = calloc(config_n_commands, sizeof(*c->leading));
        if (c->pat == NULL || c->leading == NULL) {
                free_table(c);
                return -1;
        }
        for (size_t i = 0; i < config_n_commands; i++) {
                char err[256];
                c->pat[i] = pat_compile(config_commands[i].pattern, err, sizeof(err));
                if (c->pat[i] == NULL) {
                        free_table(c);
                        return -1;
                }
                size_t k = 0;
                while (k < c->pat[i]->n && c->pat[i]->items[k].kind == PAT_KEYWORD)
                        k++;
                c->leading[i] = k;
        }
        return 0;
}

static const char *quote_word(const struct token *t, char *buf, size_t len)
{
        snprintf(buf, len, t->quoted ? "\"%s\"" : "'%s'", t->text);
        return buf;
}

/* The i-th thing the failure expected, in words; after the elements, the end of the line. */
static void describe_expected(const struct pat_failure *f, size_t i, char *buf, size_t len)
{
        if (i < f->n_expect)
                pat_describe(f->expect[i], buf, len);
        else
                snprintf(buf, len, "the end of the line");
}

/* Says what is wrong with a line no row matched, from the furthest failure. */
static void report_no_match(struct parse *p, const struct lexed_line *l,
                            const struct pat_failure *f, const struct compiled *c)
{
        char word[128];

        if (f->pos == 0) {
                /* Not even the first word: perhaps a command of another block.  A row the
                 * whole line matches says best where it belongs; else one it starts like. */
                size_t best = SIZE_MAX;
                for (size_t i = 0; i < config_n_commands && best == SIZE_MAX; i++) {
                        struct pat_match m;
                        struct pat_failure dummy;
                        pat_failure_init(&dummy);
                        if (pat_match(c->pat[i], l->tok, l->n, &m, &dummy))
                                best = i;
                }
                for (size_t i = 0; i < config_n_commands && best == SIZE_MAX; i++) {
                        const struct pat_item *first = &c->pat[i]->items[0];
                        if (first->kind == PAT_KEYWORD && !l->tok[0].quoted &&
                            strcmp(first->word, l->tok[0].text) == 0)
                                best = i;
                }
                if (best != SIZE_MAX) {
                        parse_error(p, 0, "%s is valid only inside %s",
                                    quote_word(&l->tok[0], word, sizeof(word)),
                                    nodes_name(config_commands[best].nodes));
                        return;
                }
                if (!l->tok[0].quoted && tconf_is_statement(l->tok[0].text)) {
                        parse_error(p, 0,
                                    "%s is valid only inside a tunnel section (tunnel NAME ... "
                                    "exit)",
                                    quote_word(&l->tok[0], word, sizeof(word)));
                        return;
                }
                parse_error(p, 0, "unknown command %s", quote_word(&l->tok[0], word, sizeof(word)));
                return;
        }

        /* The list of what would have been accepted, e.g. "'deny', 'permit'": several
         * rows often expect the same word, so each is said once. */
        char expect[640] = "";
        size_t used = 0, unique = 0;
        size_t total = f->n_expect + (f->expect_end ? 1 : 0);
        for (size_t i = 0; i < total; i++) {
                char one[96], other[96];
                describe_expected(f, i, one, sizeof(one));
                bool seen = false;
                for (size_t k = 0; k < i && !seen; k++) {
                        describe_expected(f, k, other, sizeof(other));
                        seen = strcmp(one, other) == 0;
                }
                if (seen || ++unique > 12)
                        continue;
                int w = snprintf(expect + used, sizeof(expect) - used, "%s%s",
                                 unique > 1 ? ", " : "", one);
                if (w > 0 && (size_t)w < sizeof(expect) - used)
                        used += (size_t)w;
        }
        if (unique > 12 && used + 6 < sizeof(expect))
                strcat(expect, ", ...");
        const char *one_of = unique > 1 ? "one of " : "";

        if (f->pos >= l->n) {
                parse_error(p, SIZE_MAX, "incomplete command: expected %s%s", one_of, expect);
                return;
        }
        parse_error(p, f->pos, "expected %s%s, not %s", one_of, expect,
                    quote_word(&l->tok[f->pos], word, sizeof(word)));
}

static void handle_line(struct parse *p, const struct lexed_line *l, const struct compiled *c)
{
        struct pat_failure f;
        pat_failure_init(&f);
        size_t opener = SIZE_MAX;

        if (cmd_tunnel_line(p, l))
                return;

        /* The current node first, then its parents: FRR's order when it reads a file. */
        for (enum node n = p->node;; n = node_parent(n)) {
                for (size_t i = 0; i < config_n_commands; i++) {
                        const struct command *cmd = &config_commands[i];
                        if (!(cmd->nodes & NODE_BIT(n)))
                                continue;
                        struct pat_match m;
                        struct pat_failure mine;
                        pat_failure_init(&mine);
                        if (pat_match(c->pat[i], l->tok, l->n, &m, &mine)) {
                                /* A parent's command leaves the child block, as in FRR. */
                                p->node = n;
                                if (!parse_detached(p))
                                        p->detached_node = NODE_CONFIG;
                                struct cmd_args a = {.tok = l->tok, .n = l->n, .m = &m};
                                cmd->fn(p, &a);
                                return;
                        }
                        if (cmd->opens != NODE_CONFIG && mine.pos >= c->leading[i] &&
                            opener == SIZE_MAX)
                                opener = i;
                        /* Keep the furthest failure over all rows tried. */
                        if (mine.pos > f.pos ||
                            (mine.pos == f.pos && f.n_expect == 0 && !f.expect_end)) {
                                f = mine;
                        } else if (mine.pos == f.pos) {
                                for (size_t k = 0; k < mine.n_expect && f.n_expect < PAT_MAX_EXPECT;
                                     k++)
                                        f.expect[f.n_expect++] = mine.expect[k];
                                f.expect_end = f.expect_end || mine.expect_end;
                        }
                }
                if (n == NODE_CONFIG)
                        break;
        }

        report_no_match(p, l, &f, c);
        /* In a tunnel section, most likely a statement misspelt: the section is not
         * checked as a whole, which would only say what that line was to give. */
        if (p->node == NODE_TUNNEL)
                p->tunnel_bad[p->tunnel] = true;
        if (opener != SIZE_MAX) {
                /* "route-map X 10" failed, but its match and set lines follow: read them
                 * in a detached route-map node instead of calling each one unknown. */
                parse_enter(p, config_commands[opener].opens, true);
        }
}

static void report_lex(struct parse *p, enum lex_status st, const struct lexed_line *l)
{
        struct config_loc loc = {.file = p->file, .line = l->lineno, .col = l->err_col};
        switch (st) {
        case LEX_UNTERMINATED_QUOTE:
                parse_error_at(p, loc, "unterminated quoted string");
                break;
        case LEX_TOO_MANY_WORDS:
                parse_error_at(p, loc, "line has more than %d words", LEX_MAX_WORDS);
                break;
        case LEX_NUL_BYTE:
                parse_error_at(p, loc, "NUL byte in the configuration");
                break;
        case LEX_NOMEM:
                parse_nomem(p);
                break;
        case LEX_OK:
                break;
        }
}

int config_parse_buffer(const char *name, const char *text, size_t len, struct config **out,
                        struct config_diags *diags)
{
        struct compiled c;
        struct parse p = {.diags = diags, .node = NODE_CONFIG};
        struct lexed_line l;
        struct line_reader r;
        const char *line;
        size_t line_len;
        int rc = CONFIG_OK;

        *out = NULL;
        if (compile_table(&c) != 0)
                return CONFIG_ERR_NOMEM; /* the table itself is checked by unit tests */

        p.arena = config_arena_new();
        p.cfg = p.arena ? config_arena_alloc(p.arena, sizeof(*p.cfg)) : NULL;
        p.file = p.cfg ? config_arena_strdup(p.arena, name) : NULL;
        if (p.file == NULL) {
                rc = CONFIG_ERR_NOMEM;
                goto done;
        }
        p.cfg->arena = p.arena;

        line_reader_init(&r, text, len);
        while (!p.nomem && line_reader_next(&r, &line, &line_len)) {
                enum lex_status st = lex_line(line, line_len, r.lineno, &l);
                p.line = &l;
                if (st != LEX_OK) {
                        report_lex(&p, st, &l);
                        if (p.node == NODE_TUNNEL)
                                p.tunnel_bad[p.tunnel] = true;
                } else if (l.n > 0) {
                        handle_line(&p, &l, &c);
                }
                lex_line_free(&l);
        }
        p.line = NULL;
        if (!p.nomem)
                config_validate(&p); /* what needs the whole text */

        if (p.nomem || diags->err != 0)
                rc = CONFIG_ERR_NOMEM;
        else if (p.errors > 0)
                rc = CONFIG_ERR_INVALID;
done:
        free_table(&c);
        if (rc == CONFIG_OK) {
                *out = p.cfg;
        } else {
                config_arena_free(p.arena);
                if (rc == CONFIG_ERR_NOMEM)
                        config_diags_add(diags, CONFIG_SEV_ERROR, name, 0, 0, "out of memory");
        }
        return rc;
}

void config_free(struct config *cfg)
{
        if (cfg != NULL)
                config_arena_free(cfg->arena);
}

const char *config_strerror(int err)
{
        switch (err) {
        case CONFIG_OK:
                return "success";
        case CONFIG_ERR_INVALID:
                return "the configuration has errors";
        case CONFIG_ERR_IO:
                return "the configuration could not be read";
        case CONFIG_ERR_NOMEM:
                return "out of memory";
        default:
                return "unknown error";
        }
}
