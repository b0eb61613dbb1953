/* check_log.c - lbgpd's log levels in FRR's words, and which target takes which message. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "config.h"
#include "log.h"

static char path_a[64], path_b[64];

static void setup(void)
{
        strcpy(path_a, "/tmp/lbgpd-log-a-XXXXXX");
        strcpy(path_b, "/tmp/lbgpd-log-b-XXXXXX");
        close(mkstemp(path_a));
        close(mkstemp(path_b));
        lbgpd_log_set_level(LOG_INFO);
}

static void teardown(void)
{
        lbgpd_log_close();
        unlink(path_a);
        unlink(path_b);
}

/* The file's lines, each cut after "lbgpd ": "LEVEL: TEXT|LEVEL: TEXT|". */
static char *lines_of(const char *path)
{
        FILE *fp = fopen(path, "r");
        ck_assert_ptr_nonnull(fp);
        static char out[4096];
        char line[512];
        out[0] = '\0';
        while (fgets(line, sizeof(line), fp) != NULL) {
                char *at = strstr(line, " lbgpd ");
                ck_assert_ptr_nonnull(at);
                line[strcspn(line, "\n")] = '\0';
                strcat(out, at + 7);
                strcat(out, "|");
        }
        fclose(fp);
        return out;
}

static void log_every_level(void)
{
        for (int l = LOG_EMERG; l <= LOG_DEBUG; l++)
                lbgpd_log(l, "m%d", l);
}

START_TEST(frr_words_are_the_syslog_levels)
{
        static const char *const words[] = {"emergencies",   "alerts",   "critical",
                                            "errors",        "warnings", "notifications",
                                            "informational", "debugging"};
        for (int i = 0; i < 8; i++) {
                ck_assert_int_eq(lbgpd_log_level_parse(words[i]), i);
                ck_assert_str_eq(lbgpd_log_level_name(i), words[i]);
        }
        ck_assert_int_eq(LOG_EMERG, 0);
        ck_assert_int_eq(LOG_DEBUG, 7);
        /* FRR's --log-level also takes syslog's short words. */
        ck_assert_int_eq(lbgpd_log_level_parse("info"), LOG_INFO);
        ck_assert_int_eq(lbgpd_log_level_parse("debug"), LOG_DEBUG);
        ck_assert_int_eq(lbgpd_log_level_parse("warn"), LOG_WARNING);
        ck_assert_int_eq(lbgpd_log_level_parse("err"), LOG_ERR);
        ck_assert_int_eq(lbgpd_log_level_parse("crit"), LOG_CRIT);
        ck_assert_int_eq(lbgpd_log_level_parse("Informational"), -1);
        ck_assert_int_eq(lbgpd_log_level_parse("verbose"), -1);
        ck_assert_int_eq(lbgpd_log_level_parse(""), -1);
        ck_assert_int_eq(lbgpd_log_level_parse(NULL), -1);
        ck_assert_str_eq(lbgpd_log_level_name(8), "?");
        ck_assert_str_eq(lbgpd_log_level_name(-1), "?");
}
END_TEST

START_TEST(a_file_takes_its_level_and_above)
{
        struct config_log log = {0};
        char err[256];
        log.to_file.enabled = true;
        log.to_file.level = CONFIG_LOG_WARNINGS;
        log.file_path = path_a;
        ck_assert_int_eq(lbgpd_log_configure(&log, err, sizeof(err)), LBGPD_LOG_OK);
        log_every_level();
        ck_assert_str_eq(lines_of(path_a), "emerg: m0|alert: m1|crit: m2|error: m3|warning: m4|");
        ck_assert(lbgpd_log_enabled(LOG_WARNING));
        ck_assert(!lbgpd_log_enabled(LOG_NOTICE));
}
END_TEST

START_TEST(no_level_written_is_debugging)
{
        /* FRR: "If the optional second argument specifying the logging level is not present,
         * the default logging level (typically debugging ...) will be used." */
        struct config_log log = {0};
        char err[256];
        log.to_file.enabled = true;
        log.file_path = path_a;
        ck_assert_int_eq(lbgpd_log_configure(&log, err, sizeof(err)), LBGPD_LOG_OK);
        lbgpd_log(LOG_DEBUG, "%s %d", "deep", 7);
        ck_assert_str_eq(lines_of(path_a), "debug: deep 7|");
}
END_TEST

START_TEST(command_line_target_follows_log_level)
{
        char err[256], spec[80];
        snprintf(spec, sizeof(spec), "file:%s", path_a);
        ck_assert_int_eq(lbgpd_log_add_target(spec, err, sizeof(err)), LBGPD_LOG_OK);
        lbgpd_log_set_level(LOG_NOTICE);
        log_every_level();
        ck_assert_str_eq(lines_of(path_a),
                         "emerg: m0|alert: m1|crit: m2|error: m3|warning: m4|notice: m5|");
        ck_assert_int_eq(lbgpd_log_add_target("file:", err, sizeof(err)), LBGPD_LOG_ERR_TARGET);
        ck_assert_int_eq(lbgpd_log_add_target("journal", err, sizeof(err)), LBGPD_LOG_ERR_TARGET);
        ck_assert_ptr_nonnull(strstr(err, "journal"));
}
END_TEST

START_TEST(a_reload_replaces_the_configured_targets_only)
{
        char err[256], spec[80];
        struct config_log log = {0};
        snprintf(spec, sizeof(spec), "file:%s", path_b);
        ck_assert_int_eq(lbgpd_log_add_target(spec, err, sizeof(err)), LBGPD_LOG_OK);
        lbgpd_log_set_level(LOG_ERR);
        log.to_file.enabled = true;
        log.to_file.level = CONFIG_LOG_INFORMATIONAL;
        log.file_path = path_a;
        ck_assert_int_eq(lbgpd_log_configure(&log, err, sizeof(err)), LBGPD_LOG_OK);
        lbgpd_log(LOG_INFO, "one");
        /* The next configuration has no `log file`: path_a hears no more, path_b still. */
        memset(&log, 0, sizeof(log));
        ck_assert_int_eq(lbgpd_log_configure(&log, err, sizeof(err)), LBGPD_LOG_OK);
        lbgpd_log(LOG_INFO, "two");
        lbgpd_log(LOG_ERR, "three");
        ck_assert_str_eq(lines_of(path_a), "info: one|");
        ck_assert_str_eq(lines_of(path_b), "error: three|");
}
END_TEST

START_TEST(without_targets_stderr_at_the_command_line_level)
{
        lbgpd_log_set_level(LOG_ERR);
        ck_assert(lbgpd_log_enabled(LOG_ERR));
        ck_assert(!lbgpd_log_enabled(LOG_WARNING));
        lbgpd_log_set_level(LOG_DEBUG);
        ck_assert(lbgpd_log_enabled(LOG_DEBUG));
        /* Out of range is ignored. */
        lbgpd_log_set_level(9);
        ck_assert(lbgpd_log_enabled(LOG_DEBUG));
}
END_TEST

START_TEST(a_file_that_cannot_open_says_so_and_the_rest_applies)
{
        struct config_log log = {0};
        char err[256];
        log.to_file.enabled = true;
        log.file_path = "/nonexistent-dir/lbgpd.log";
        log.to_syslog.enabled = true;
        log.to_syslog.level = CONFIG_LOG_ERRORS;
        ck_assert_int_eq(lbgpd_log_configure(&log, err, sizeof(err)), LBGPD_LOG_ERR_OPEN);
        ck_assert_ptr_nonnull(strstr(err, "/nonexistent-dir/lbgpd.log"));
        /* syslog at errors is there; nothing takes warnings. */
        ck_assert(lbgpd_log_enabled(LOG_ERR));
        ck_assert(!lbgpd_log_enabled(LOG_WARNING));
}
END_TEST

int main(void)
{
        Suite *s = suite_create("lbgpd_log");
        TCase *tc = tcase_create("log");
        tcase_add_checked_fixture(tc, setup, teardown);
        tcase_add_test(tc, frr_words_are_the_syslog_levels);
        tcase_add_test(tc, a_file_takes_its_level_and_above);
        tcase_add_test(tc, no_level_written_is_debugging);
        tcase_add_test(tc, command_line_target_follows_log_level);
        tcase_add_test(tc, a_reload_replaces_the_configured_targets_only);
        tcase_add_test(tc, without_targets_stderr_at_the_command_line_level);
        tcase_add_test(tc, a_file_that_cannot_open_says_so_and_the_rest_applies);
        suite_add_tcase(s, tc);
        SRunner *r = srunner_create(s);
        srunner_run_all(r, CK_NORMAL);
        int failed = srunner_ntests_failed(r);
        srunner_free(r);
        return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
