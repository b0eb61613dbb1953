/* check_config_lexer.c - lines and words (lexer.c): columns, comments, quotes, CRLF. */
#include <check.h>
#include <string.h>

#include "lexer.h"
#include "testutil_config.h"

static enum lex_status lex(const char *s, struct lexed_line *l)
{
        return lex_line(s, strlen(s), 7, l);
}

START_TEST(words_and_columns)
{
        struct lexed_line l;
        ck_assert_int_eq(lex("  neighbor\t2001:db8::1   remote-as 65000  ", &l), LEX_OK);
        ck_assert_uint_eq(l.n, 4);
        ck_assert_uint_eq(l.lineno, 7);
        ck_assert_str_eq(l.tok[0].text, "neighbor");
        ck_assert_uint_eq(l.tok[0].col, 3);
        ck_assert_str_eq(l.tok[1].text, "2001:db8::1");
        ck_assert_uint_eq(l.tok[1].col, 12);
        ck_assert_uint_eq(l.tok[1].end, 23);
        ck_assert_str_eq(l.tok[3].text, "65000");
        ck_assert_uint_eq(l.tok[3].col, 36);
        ck_assert_uint_eq(l.end_col, 41);
        ck_assert(!l.tok[0].quoted);
        lex_line_free(&l);
}
END_TEST

START_TEST(comments_and_blanks)
{
        static const char *const lines[] = {
            "", "   ", "!", "! a comment", "  ! indented", "# hash comment", "\t"};
        for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
                struct lexed_line l;
                ck_assert_int_eq(lex(lines[i], &l), LEX_OK);
                ck_assert_uint_eq(l.n, 0);
                lex_line_free(&l);
        }
        /* '!' inside a line is an ordinary character (FRR descriptions may hold it). */
        struct lexed_line l;
        ck_assert_int_eq(lex("description hello! world", &l), LEX_OK);
        ck_assert_uint_eq(l.n, 3);
        ck_assert_str_eq(l.tok[1].text, "hello!");
        lex_line_free(&l);
}
END_TEST

START_TEST(quoted_words)
{
        struct lexed_line l;
        ck_assert_int_eq(lex("description \"two  spaces\" and \"a \\\"q\\\" \\\\ b\"", &l), LEX_OK);
        ck_assert_uint_eq(l.n, 4);
        ck_assert_str_eq(l.tok[1].text, "two  spaces");
        ck_assert(l.tok[1].quoted);
        ck_assert_uint_eq(l.tok[1].col, 13);
        ck_assert_str_eq(l.tok[2].text, "and");
        ck_assert_str_eq(l.tok[3].text, "a \"q\" \\ b");
        lex_line_free(&l);

        /* A quote inside a word is not special. */
        ck_assert_int_eq(lex("password ab\"c", &l), LEX_OK);
        ck_assert_str_eq(l.tok[1].text, "ab\"c");
        ck_assert(!l.tok[1].quoted);
        lex_line_free(&l);

        ck_assert_int_eq(lex("description \"\"", &l), LEX_OK);
        ck_assert_uint_eq(l.n, 2);
        ck_assert_str_eq(l.tok[1].text, "");
        lex_line_free(&l);
}
END_TEST

START_TEST(errors)
{
        struct lexed_line l;
        ck_assert_int_eq(lex("description \"open", &l), LEX_UNTERMINATED_QUOTE);
        ck_assert_uint_eq(l.err_col, 13);

        char many[LEX_MAX_WORDS * 2 + 8];
        size_t n = 0;
        for (int i = 0; i <= LEX_MAX_WORDS; i++) {
                many[n++] = 'x';
                many[n++] = ' ';
        }
        many[n] = '\0';
        ck_assert_int_eq(lex(many, &l), LEX_TOO_MANY_WORDS);
        ck_assert_uint_eq(l.err_col, LEX_MAX_WORDS * 2 + 1);

        ck_assert_int_eq(lex_line("ab\0cd", 5, 1, &l), LEX_NUL_BYTE);
        ck_assert_uint_eq(l.err_col, 3);
}
END_TEST

START_TEST(line_reader)
{
        static const char text[] = "one\r\ntwo\n\nthree";
        struct line_reader r;
        const char *line;
        size_t len;
        line_reader_init(&r, text, sizeof(text) - 1);
        ck_assert(line_reader_next(&r, &line, &len));
        ck_assert_uint_eq(len, 3);
        ck_assert_uint_eq(r.lineno, 1);
        ck_assert(line_reader_next(&r, &line, &len));
        ck_assert(len == 3 && memcmp(line, "two", 3) == 0);
        ck_assert(line_reader_next(&r, &line, &len));
        ck_assert_uint_eq(len, 0);
        ck_assert(line_reader_next(&r, &line, &len));
        ck_assert(len == 5 && memcmp(line, "three", 5) == 0);
        ck_assert_uint_eq(r.lineno, 4);
        ck_assert(!line_reader_next(&r, &line, &len));
}
END_TEST

int main(void)
{
        Suite *s = suite_create("config_lexer");
        TCase *tc = tcase_create("lexer");
        tcase_add_test(tc, words_and_columns);
        tcase_add_test(tc, comments_and_blanks);
        tcase_add_test(tc, quoted_words);
        tcase_add_test(tc, errors);
        tcase_add_test(tc, line_reader);
        suite_add_tcase(s, tc);
        return tu_run_suite(s);
}
