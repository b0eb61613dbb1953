/*
 * tconf_parse.c - reads a tunnel description line by line (tconf.h).
 *
 * The words of a line come from lbgpd's configuration lexer (daemon/config/lexer.c), so
 * the file reads like the FRR-style configuration beside it: one statement a line,
 * leading blanks mean nothing, '#' or '!' starts a comment line, a double-quoted word may
 * hold blanks.  One thing is ours: an unquoted word that starts with '#' ends the line,
 * so that a statement can carry a comment after it.  The typed words (addresses,
 * prefixes, numbers, interface names) are read by daemon/config/value.c, as in lbgpd.
 *
 * Errors do not stop the parse: every line is read so that one run reports every
 * mistake, each at the word that is wrong, with the word.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lexer.h"
#include "tconf.h"
#include "value.h"

struct tparse {
        struct tunnel_conf *c;
        struct config_diags *diags;
        const struct lexed_line *l;
        size_t n; /* the words of the line before any trailing comment */
        size_t errors;
};

static void report(struct tparse *p, uint32_t col, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void report(struct tparse *p, uint32_t col, const char *fmt, ...)
{
        char msg[512];
        va_list ap;

        va_start(ap, fmt);
        vsnprintf(msg, sizeof(msg), fmt, ap);
        va_end(ap);
        config_diags_add(p->diags, CONFIG_SEV_ERROR, p->c->file, p->l->lineno, col, "%s", msg);
        p->errors++;
}

/* The column of word i, or, when there are fewer words, just past the last one (before
 * any trailing comment). */
static uint32_t col_of(const struct tparse *p, size_t i)
{
        if (i < p->n)
                return p->l->tok[i].col;
        return p->n > 0 ? p->l->tok[p->n - 1].end : p->l->end_col;
}

static struct tconf_loc loc_of(const struct tparse *p, size_t i)
{
        return (struct tconf_loc){.line = p->l->lineno, .col = col_of(p, i)};
}

static const char *word(const struct tparse *p, size_t i)
{
        return p->l->tok[i].text;
}

/* Word i must exist; else "incomplete statement: expected WHAT" at the line's end. */
static bool need(struct tparse *p, size_t i, const char *what)
{
        if (i < p->n)
                return true;
        report(p, col_of(p, i), "incomplete statement: expected %s", what);
        return false;
}

static void expected(struct tparse *p, size_t i, const char *what)
{
        report(p, col_of(p, i), "expected %s, not '%s'", what, word(p, i));
}

/* Nothing may follow word i - 1. */
static bool end_at(struct tparse *p, size_t i)
{
        if (i >= p->n)
                return true;
        expected(p, i, "the end of the line");
        return false;
}

/* A statement that may be given once: the second one is an error naming the first. */
static bool once(struct tparse *p, bool seen, struct tconf_loc first)
{
        if (!seen)
                return true;
        report(p, col_of(p, 0), "'%s' given twice (first at line %u)", word(p, 0),
               (unsigned)first.line);
        return false;
}

static bool u32_word(struct tparse *p, size_t i, uint64_t lo, uint64_t hi, uint32_t *out)
{
        char what[64];

        snprintf(what, sizeof(what), "a number in %llu-%llu", (unsigned long long)lo,
                 (unsigned long long)hi);
        if (!need(p, i, what))
                return false;
        if (value_u32(word(p, i), lo, hi, out))
                return true;
        expected(p, i, what);
        return false;
}

/* An IPv4 or IPv6 address; *afi says which. */
static bool addr_word(struct tparse *p, size_t i, uint16_t *afi, uint8_t out[16])
{
        static const char what[] = "an IPv4 (A.B.C.D) or IPv6 (X:X::X:X) address";

        if (!need(p, i, what))
                return false;
        memset(out, 0, 16);
        if (value_ipv4(word(p, i), out)) {
                *afi = BGP_AFI_IPV4;
                return true;
        }
        if (value_ipv6(word(p, i), out)) {
                *afi = BGP_AFI_IPV6;
                return true;
        }
        expected(p, i, what);
        return false;
}

static bool ipv6_word(struct tparse *p, size_t i, uint8_t out[16])
{
        static const char what[] = "an IPv6 address (X:X::X:X)";

        if (!need(p, i, what))
                return false;
        if (value_ipv6(word(p, i), out))
                return true;
        expected(p, i, what);
        return false;
}

/* An IPv6 prefix with its host bits zero; "default" too when allow_default. */
static bool prefix_word(struct tparse *p, size_t i, bool allow_default, struct bgp_prefix *out)
{
        const char *what = allow_default ? "an IPv6 prefix (X:X::X:X/M) or 'default'"
                                         : "an IPv6 prefix (X:X::X:X/M)";
        bool host_bits;

        if (!need(p, i, what))
                return false;
        if (allow_default && strcmp(word(p, i), "default") == 0) {
                memset(out, 0, sizeof(*out));
                out->afi = BGP_AFI_IPV6;
                return true;
        }
        if (!value_prefix(word(p, i), BGP_AFI_IPV6, out, &host_bits)) {
                expected(p, i, what);
                return false;
        }
        if (host_bits) {
                char fixed[64];

                bgp_prefix_format(out, fixed, sizeof(fixed));
                report(p, col_of(p, i), "'%s' has host bits set: did you mean %s?", word(p, i),
                       fixed);
                return false;
        }
        return true;
}

/* An address with a prefix length, host bits allowed: 2a06:9801:1c:1000::1/64. */
static bool addr_len_word(struct tparse *p, size_t i, uint8_t addr[16], uint8_t *plen)
{
        static const char what[] = "an IPv6 address with its prefix length (X:X::X:X/M)";
        char text[64];
        const char *slash;
        uint32_t len;

        if (!need(p, i, what))
                return false;
        slash = strchr(word(p, i), '/');
        if (slash == NULL || (size_t)(slash - word(p, i)) >= sizeof(text))
                goto bad;
        memcpy(text, word(p, i), (size_t)(slash - word(p, i)));
        text[slash - word(p, i)] = '\0';
        if (!value_ipv6(text, addr) || !value_u32(slash + 1, 1, 128, &len))
                goto bad;
        *plen = (uint8_t)len;
        return true;
bad:
        expected(p, i, what);
        return false;
}

static bool ifname_word(struct tparse *p, size_t i, char out[TUNNEL_IFNAMSIZ])
{
        static const char what[] = "an interface name (a letter, then up to 14 letters, "
                                   "digits, '.', '_' or '-')";

        if (!need(p, i, what))
                return false;
        if (!value_ifname(word(p, i))) {
                expected(p, i, what);
                return false;
        }
        snprintf(out, TUNNEL_IFNAMSIZ, "%s", word(p, i));
        return true;
}

/* ---- statements ------------------------------------------------------------------------ */

static void st_tunnel(struct tparse *p)
{
        struct tunnel_conf *c = p->c;

        if (c->has_name) {
                report(p, col_of(p, 0), "one tunnel per file: the first is at line %u",
                       (unsigned)c->name_loc.line);
                return;
        }
        if (!ifname_word(p, 1, c->name) || !end_at(p, 2))
                return;
        c->has_name = true;
        c->name_loc = loc_of(p, 1);
}

static void st_kind(struct tparse *p)
{
        static const struct {
                const char *word;
                enum tunnel_kind kind;
        } kinds[] = {
            {"sit", TUNNEL_KIND_SIT},           {"gif", TUNNEL_KIND_SIT},
            {"gre", TUNNEL_KIND_GRE},           {"ip6gre", TUNNEL_KIND_IP6GRE},
            {"external", TUNNEL_KIND_EXTERNAL},
        };
        static const char what[] = "one of 'sit', 'gif', 'gre', 'ip6gre', 'external'";
        struct tunnel_conf *c = p->c;

        if (!once(p, c->has_kind, c->kind_loc) || !need(p, 1, what))
                return;
        for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
                if (strcmp(word(p, 1), kinds[i].word) != 0)
                        continue;
                if (!end_at(p, 2))
                        return;
                c->has_kind = true;
                c->kind = kinds[i].kind;
                c->kind_loc = loc_of(p, 1);
                return;
        }
        expected(p, 1, what);
}

static void st_description(struct tparse *p)
{
        struct tunnel_conf *c = p->c;
        size_t len = 0;

        if (c->description[0] != '\0') {
                report(p, col_of(p, 0), "'description' given twice");
                return;
        }
        if (!need(p, 1, "a text"))
                return;
        for (size_t i = 1; i < p->n; i++) {
                size_t wl = strlen(word(p, i));

                if (len + (len > 0) + wl >= sizeof(c->description)) {
                        report(p, col_of(p, i), "the description is longer than %zu characters",
                               sizeof(c->description) - 1);
                        c->description[0] = '\0';
                        return;
                }
                if (len > 0)
                        c->description[len++] = ' ';
                memcpy(c->description + len, word(p, i), wl);
                len += wl;
                c->description[len] = '\0';
        }
}

static void st_local(struct tparse *p)
{
        struct tunnel_conf *c = p->c;

        if (!once(p, c->has_local, c->local_loc) || !addr_word(p, 1, &c->local_afi, c->local) ||
            !end_at(p, 2))
                return;
        c->has_local = true;
        c->local_loc = loc_of(p, 1);
}

static void st_remote(struct tparse *p)
{
        struct tunnel_conf *c = p->c;

        if (!once(p, c->has_remote, c->remote_loc) || !addr_word(p, 1, &c->remote_afi, c->remote) ||
            !end_at(p, 2))
                return;
        c->has_remote = true;
        c->remote_loc = loc_of(p, 1);
}

static void st_key(struct tparse *p)
{
        struct tunnel_conf *c = p->c;

        if (!once(p, c->has_key, c->key_loc) || !u32_word(p, 1, 0, UINT32_MAX, &c->key) ||
            !end_at(p, 2))
                return;
        c->has_key = true;
        c->key_loc = loc_of(p, 0);
}

static void st_ttl(struct tparse *p)
{
        struct tunnel_conf *c = p->c;
        uint32_t ttl;

        if (!once(p, c->has_ttl, c->ttl_loc) || !u32_word(p, 1, 1, 255, &ttl) || !end_at(p, 2))
                return;
        c->has_ttl = true;
        c->ttl = (uint8_t)ttl;
        c->ttl_loc = loc_of(p, 0);
}

static void st_outer_mtu(struct tparse *p)
{
        struct tunnel_conf *c = p->c;

        /* 68 is the smallest MTU IPv4 allows (RFC 791); validation asks for much more. */
        if (!once(p, c->has_outer_mtu, c->outer_mtu_loc) ||
            !u32_word(p, 1, 68, 65535, &c->outer_mtu) || !end_at(p, 2))
                return;
        c->has_outer_mtu = true;
        c->outer_mtu_loc = loc_of(p, 1);
}

static void st_mtu(struct tparse *p)
{
        struct tunnel_conf *c = p->c;

        if (!once(p, c->has_mtu, c->mtu_loc) || !u32_word(p, 1, 68, 65535, &c->mtu) ||
            !end_at(p, 2))
                return;
        c->has_mtu = true;
        c->mtu_loc = loc_of(p, 1);
}

static void st_link(struct tparse *p)
{
        struct tunnel_conf *c = p->c;

        if (!once(p, c->has_link, c->link_loc) || !prefix_word(p, 1, false, &c->link) ||
            !end_at(p, 2))
                return;
        c->has_link = true;
        c->link_loc = loc_of(p, 1);
}

/* address ADDR[/128] peer ADDR */
static void st_address(struct tparse *p)
{
        struct tunnel_conf *c = p->c;
        char text[64];
        const char *w, *slash;

        if (!once(p, c->has_address, c->address_loc) ||
            !need(p, 1, "the tunnel's own inner IPv6 address"))
                return;
        w = word(p, 1);
        slash = strchr(w, '/');
        if (slash != NULL && strcmp(slash, "/128") != 0) {
                report(p, col_of(p, 1),
                       "'%s': the inner addresses are a point-to-point /128 pair; give the "
                       "link's prefix with 'link'",
                       w);
                return;
        }
        snprintf(text, sizeof(text), "%.*s", (int)(slash ? (size_t)(slash - w) : strlen(w)), w);
        if (!value_ipv6(text, c->inner_local)) {
                expected(p, 1, "an IPv6 address (X:X::X:X)");
                return;
        }
        if (!need(p, 2, "'peer'"))
                return;
        if (strcmp(word(p, 2), "peer") != 0) {
                expected(p, 2, "'peer'");
                return;
        }
        if (!ipv6_word(p, 3, c->inner_peer) || !end_at(p, 4))
                return;
        c->has_address = true;
        c->address_loc = loc_of(p, 1);
        c->peer_loc = loc_of(p, 3);
}

static void st_table(struct tparse *p)
{
        struct tunnel_conf *c = p->c;

        if (!once(p, c->has_table, c->table_loc) ||
            !need(p, 1, "a table number (1-4294967295) or 'main'"))
                return;
        if (strcmp(word(p, 1), "main") == 0)
                c->table = TUNNEL_TABLE_MAIN;
        else if (!u32_word(p, 1, 1, UINT32_MAX, &c->table))
                return;
        if (!end_at(p, 2))
                return;
        c->has_table = true;
        c->table_loc = loc_of(p, 1);
}

/* Room for one more element of a list; an error at the statement otherwise. */
static bool room(struct tparse *p, size_t n)
{
        if (n < TCONF_MAX)
                return true;
        report(p, col_of(p, 0), "more than %d '%s' statements", TCONF_MAX, word(p, 0));
        return false;
}

static void st_route(struct tparse *p)
{
        struct tunnel_conf *c = p->c;
        struct tconf_route r;

        if (!room(p, c->n_routes) || !prefix_word(p, 1, true, &r.prefix) || !end_at(p, 2))
                return;
        r.loc = loc_of(p, 1);
        c->routes[c->n_routes++] = r;
}

/* rule from PREFIX [priority N] */
static void st_rule(struct tparse *p)
{
        struct tunnel_conf *c = p->c;
        struct tconf_rule r = {.priority = TCONF_RULE_PRIORITY_DEFAULT};

        if (!room(p, c->n_rules) || !need(p, 1, "'from'"))
                return;
        if (strcmp(word(p, 1), "from") != 0) {
                expected(p, 1, "'from'");
                return;
        }
        if (!prefix_word(p, 2, false, &r.from))
                return;
        r.loc = loc_of(p, 2);
        if (p->n > 3) {
                if (strcmp(word(p, 3), "priority") != 0) {
                        expected(p, 3, "'priority' or the end of the line");
                        return;
                }
                /* 0 is the local table's rule, 32766 and 32767 main's and default's. */
                if (!u32_word(p, 4, 1, 32765, &r.priority) || !end_at(p, 5))
                        return;
        }
        c->rules[c->n_rules++] = r;
}

/* interface IFNAME address ADDR/LEN | interface IFNAME route PREFIX */
static void st_interface(struct tparse *p)
{
        struct tunnel_conf *c = p->c;
        char ifname[TUNNEL_IFNAMSIZ];

        if (!ifname_word(p, 1, ifname) || !need(p, 2, "'address' or 'route'"))
                return;
        if (strcmp(word(p, 2), "address") == 0) {
                struct tconf_ifaddr a;

                if (!room(p, c->n_ifaddrs) || !addr_len_word(p, 3, a.addr, &a.plen) ||
                    !end_at(p, 4))
                        return;
                memcpy(a.ifname, ifname, sizeof(ifname));
                a.loc = loc_of(p, 3);
                c->ifaddrs[c->n_ifaddrs++] = a;
        } else if (strcmp(word(p, 2), "route") == 0) {
                struct tconf_ifroute r;

                if (!room(p, c->n_ifroutes) || !prefix_word(p, 3, true, &r.prefix) || !end_at(p, 4))
                        return;
                memcpy(r.ifname, ifname, sizeof(ifname));
                r.loc = loc_of(p, 3);
                c->ifroutes[c->n_ifroutes++] = r;
        } else {
                expected(p, 2, "'address' or 'route'");
        }
}

static const struct statement {
        const char *word;
        void (*run)(struct tparse *p);
} statements[] = {
    {"tunnel", st_tunnel}, {"kind", st_kind},           {"description", st_description},
    {"local", st_local},   {"remote", st_remote},       {"key", st_key},
    {"ttl", st_ttl},       {"outer-mtu", st_outer_mtu}, {"mtu", st_mtu},
    {"link", st_link},     {"address", st_address},     {"table", st_table},
    {"route", st_route},   {"rule", st_rule},           {"interface", st_interface},
};

static void statement(struct tparse *p)
{
        const char *w = word(p, 0);

        for (size_t i = 0; i < sizeof(statements) / sizeof(statements[0]); i++) {
                if (strcmp(w, statements[i].word) != 0)
                        continue;
                if (!p->c->has_name && statements[i].run != st_tunnel) {
                        report(p, col_of(p, 0),
                               "'%s' before 'tunnel NAME': a description starts with the "
                               "tunnel's name",
                               w);
                        return;
                }
                statements[i].run(p);
                return;
        }
        report(p, col_of(p, 0), "unknown statement '%s'", w);
}

static const char *lex_problem(enum lex_status st)
{
        switch (st) {
        case LEX_UNTERMINATED_QUOTE:
                return "unterminated quoted word";
        case LEX_TOO_MANY_WORDS:
                return "too many words on one line";
        case LEX_NUL_BYTE:
                return "NUL byte in the text";
        case LEX_OK:
        case LEX_NOMEM:
                break;
        }
        return "unreadable line";
}

void tconf_init(struct tunnel_conf *c, const char *file)
{
        memset(c, 0, sizeof(*c));
        snprintf(c->file, sizeof(c->file), "%s", file);
        c->table = TUNNEL_TABLE_MAIN;
}

bool tconf_is_statement(const char *word)
{
        for (size_t i = 0; i < sizeof(statements) / sizeof(statements[0]); i++)
                if (strcmp(word, statements[i].word) == 0)
                        return true;
        return false;
}

const char *tconf_statement_name(size_t i)
{
        return i < sizeof(statements) / sizeof(statements[0]) ? statements[i].word : NULL;
}

size_t tconf_statement(struct tunnel_conf *c, const struct lexed_line *l,
                       struct config_diags *diags)
{
        struct tparse p = {.c = c, .diags = diags, .l = l, .n = l->n};

        for (size_t i = 0; i < l->n; i++) {
                if (!l->tok[i].quoted && l->tok[i].text[0] == '#') {
                        p.n = i;
                        break;
                }
        }
        if (p.n > 0)
                statement(&p);
        return p.errors;
}

int tconf_parse(const char *file, const char *text, size_t len, struct tunnel_conf *c,
                struct config_diags *diags)
{
        struct tparse p = {.c = c, .diags = diags};
        struct line_reader r;
        const char *line;
        size_t line_len;
        size_t errors = 0;

        tconf_init(c, file);
        line_reader_init(&r, text, len);
        while (line_reader_next(&r, &line, &line_len)) {
                struct lexed_line l;
                enum lex_status st = lex_line(line, line_len, r.lineno, &l);

                if (st == LEX_NOMEM)
                        return TCONF_ERR_NOMEM;
                if (st != LEX_OK) {
                        p.l = &l;
                        p.n = 0;
                        report(&p, l.err_col, "%s", lex_problem(st));
                } else {
                        errors += tconf_statement(c, &l, diags);
                }
                lex_line_free(&l);
        }
        errors += p.errors;
        if (diags->err != 0)
                return TCONF_ERR_NOMEM;
        if (errors > 0)
                return TCONF_ERR_INVALID;
        tconf_validate(c, diags);
        if (diags->err != 0)
                return TCONF_ERR_NOMEM;
        return diags->errors > 0 ? TCONF_ERR_INVALID : TCONF_OK;
}

int tconf_parse_file(const char *path, struct tunnel_conf *c, struct config_diags *diags)
{
        FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
        char *text = NULL;
        size_t len = 0, cap = 0;
        int rc;

        if (fp == NULL) {
                config_diags_add(diags, CONFIG_SEV_ERROR, path, 0, 0, "cannot open: %s",
                                 strerror(errno));
                return TCONF_ERR_IO;
        }
        for (;;) {
                size_t got;

                if (cap - len < 4096) {
                        char *bigger = realloc(text, cap + 65536);

                        if (bigger == NULL) {
                                rc = TCONF_ERR_NOMEM;
                                goto out;
                        }
                        text = bigger;
                        cap += 65536;
                }
                got = fread(text + len, 1, cap - len, fp);
                len += got;
                if (got == 0)
                        break;
        }
        if (ferror(fp)) {
                config_diags_add(diags, CONFIG_SEV_ERROR, path, 0, 0, "cannot read: %s",
                                 strerror(errno));
                rc = TCONF_ERR_IO;
                goto out;
        }
        rc = tconf_parse(path, text, len, c, diags);
out:
        if (fp != stdin)
                fclose(fp);
        free(text);
        return rc;
}
