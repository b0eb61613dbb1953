/* check_config_match.c - command patterns (match.c) and the command table's patterns. */
#include <check.h>
#include <string.h>

#include "match.h"
#include "parser.h"
#include "testutil_config.h"

/* The pattern of the last try(): captures and failures point into it. */
static struct pat_seq *last;

static bool try(const char *pattern, const char *text, struct pat_match *m, struct pat_failure *f,
                struct lexed_line *l)
{
        char err[128];
        pat_free(last);
        last = pat_compile(pattern, err, sizeof(err));
        ck_assert_msg(last != NULL, "%s: %s", pattern, err);
        ck_assert_int_eq(lex_line(text, strlen(text), 1, l), LEX_OK);
        pat_failure_init(f);
        return pat_match(last, l->tok, l->n, m, f);
}

static void teardown(void)
{
        pat_free(last);
        last = NULL;
}

static const char *cap(const struct pat_match *m, const struct lexed_line *l, const char *name)
{
        const struct pat_capture *c = pat_capture_get(m, name);
        return c && c->count ? l->tok[c->first].text : NULL;
}

START_TEST(every_table_pattern_compiles)
{
        for (size_t i = 0; i < config_n_commands; i++) {
                char err[128] = "";
                struct pat_seq *p = pat_compile(config_commands[i].pattern, err, sizeof(err));
                ck_assert_msg(p != NULL, "row %zu \"%s\": %s", i, config_commands[i].pattern, err);
                ck_assert_msg(config_commands[i].nodes != 0, "row %zu has no node", i);
                pat_free(p);
        }
}
END_TEST

START_TEST(bad_patterns)
{
        static const char *const bad[] = {"a <b|c", "a [b",   "a {b}|",  "(5-1)", "x$",
                                          "",       "a <|b>", "word...", "[a]$x"};
        for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
                char err[128];
                struct pat_seq *p = pat_compile(bad[i], err, sizeof(err));
                ck_assert_msg(p == NULL, "\"%s\" compiled", bad[i]);
        }
}
END_TEST

START_TEST(options_and_any_order)
{
        static const char pat[] = "ipv6 prefix-list WORD$name [seq (1-4294967295)$seq] "
                                  "<deny|permit>$action <any$any|X:X::X:X/M$prefix "
                                  "[{ge (0-128)$ge|le (0-128)$le}]>";
        struct pat_match m;
        struct pat_failure f;
        struct lexed_line l;

        ck_assert(try(pat, "ipv6 prefix-list P seq 5 deny ::/0 le 7", &m, &f, &l));
        ck_assert_str_eq(cap(&m, &l, "name"), "P");
        ck_assert_str_eq(cap(&m, &l, "seq"), "5");
        ck_assert_str_eq(cap(&m, &l, "action"), "deny");
        ck_assert_str_eq(cap(&m, &l, "le"), "7");
        ck_assert_ptr_null(cap(&m, &l, "ge"));
        lex_line_free(&l);

        ck_assert(try(pat, "ipv6 prefix-list P permit 2000::/3 le 48 ge 16", &m, &f, &l));
        ck_assert_ptr_null(cap(&m, &l, "seq"));
        ck_assert_str_eq(cap(&m, &l, "ge"), "16");
        ck_assert_str_eq(cap(&m, &l, "le"), "48");
        lex_line_free(&l);

        ck_assert(try(pat, "ipv6 prefix-list P permit any", &m, &f, &l));
        ck_assert_str_eq(cap(&m, &l, "any"), "any");
        lex_line_free(&l);

        /* ge twice: the any-order group takes each alternative once. */
        ck_assert(!try(pat, "ipv6 prefix-list P permit ::/0 ge 9 ge 10", &m, &f, &l));
        ck_assert_uint_eq(f.pos, 7);
        lex_line_free(&l);
}
END_TEST

START_TEST(furthest_failure)
{
        static const char pat[] = "route-map WORD <deny|permit> (1-65535)";
        struct pat_match m;
        struct pat_failure f;
        struct lexed_line l;

        ck_assert(!try(pat, "route-map RM 10", &m, &f, &l));
        ck_assert_uint_eq(f.pos, 2);
        ck_assert_uint_eq(f.n_expect, 2);
        ck_assert_str_eq(f.expect[0]->word, "deny");
        ck_assert_str_eq(f.expect[1]->word, "permit");
        lex_line_free(&l);

        ck_assert(!try(pat, "route-map RM permit", &m, &f, &l));
        ck_assert_uint_eq(f.pos, 3); /* the end of the line */
        ck_assert_uint_eq(f.n_expect, 1);
        ck_assert_int_eq(f.expect[0]->var, PAT_VAR_RANGE);
        lex_line_free(&l);

        ck_assert(!try(pat, "route-map RM permit 10 extra", &m, &f, &l));
        ck_assert_uint_eq(f.pos, 4);
        ck_assert(f.expect_end);
        lex_line_free(&l);

        ck_assert(!try(pat, "route-map RM permit 65536", &m, &f, &l));
        ck_assert_uint_eq(f.pos, 3);
        lex_line_free(&l);
}
END_TEST

START_TEST(repetition_gives_back)
{
        struct pat_match m;
        struct pat_failure f;
        struct lexed_line l;

        ck_assert(try("set community AA:NN...$v [additive$add]",
                      "set community 1:1 no-export 65535:65535 additive", &m, &f, &l));
        const struct pat_capture *c = pat_capture_get(&m, "v");
        ck_assert_uint_eq(c->count, 3);
        ck_assert_str_eq(cap(&m, &l, "add"), "additive");
        lex_line_free(&l);

        /* LINE takes the rest, whatever it is. */
        ck_assert(try("neighbor ADDR$p description LINE$t", "neighbor 192.0.2.1 description a b c",
                      &m, &f, &l));
        c = pat_capture_get(&m, "t");
        ck_assert_uint_eq(c->first, 3);
        ck_assert_uint_eq(c->count, 3);
        lex_line_free(&l);

        /* An optional word is skipped when what follows needs it. */
        ck_assert(try("a [WORD$w] b", "a b", &m, &f, &l));
        ck_assert_ptr_null(cap(&m, &l, "w"));
        lex_line_free(&l);
}
END_TEST

START_TEST(keywords_are_not_quoted)
{
        struct pat_match m;
        struct pat_failure f;
        struct lexed_line l;
        ck_assert(!try("hostname WORD", "\"hostname\" x", &m, &f, &l));
        lex_line_free(&l);
        ck_assert(try("hostname WORD$n", "hostname \"a b\"", &m, &f, &l));
        ck_assert_str_eq(cap(&m, &l, "n"), "a b");
        lex_line_free(&l);
}
END_TEST

START_TEST(describe)
{
        char buf[96];
        char err[64];
        struct pat_seq *p = pat_compile("x (0-128) X:X::X:X/M A.B.C.D AA:NN", err, sizeof(err));
        ck_assert_ptr_nonnull(p);
        pat_describe(&p->items[0], buf, sizeof(buf));
        ck_assert_str_eq(buf, "'x'");
        pat_describe(&p->items[1], buf, sizeof(buf));
        ck_assert_str_eq(buf, "a number in 0-128");
        pat_describe(&p->items[2], buf, sizeof(buf));
        ck_assert_str_eq(buf, "an IPv6 prefix (X:X::X:X/M)");
        pat_describe(&p->items[3], buf, sizeof(buf));
        ck_assert_str_eq(buf, "an IPv4 address (A.B.C.D)");
        pat_describe(&p->items[4], buf, sizeof(buf));
        ck_assert_str_eq(buf, "a community (AA:NN or a well-known name)");
        pat_free(p);
}
END_TEST

int main(void)
{
        Suite *s = suite_create("config_match");
        TCase *tc = tcase_create("match");
        tcase_add_checked_fixture(tc, NULL, teardown);
        tcase_add_test(tc, every_table_pattern_compiles);
        tcase_add_test(tc, bad_patterns);
        tcase_add_test(tc, options_and_any_order);
        tcase_add_test(tc, furthest_failure);
        tcase_add_test(tc, repetition_gives_back);
        tcase_add_test(tc, keywords_are_not_quoted);
        tcase_add_test(tc, describe);
        suite_add_tcase(s, tc);
        return tu_run_suite(s);
}
