/* check_config_reload.c - a reload that fails keeps the running configuration and says
 * why; one that succeeds replaces it. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil_config.h"

static char path[64];

static void write_file(const char *text)
{
        FILE *fp = fopen(path, "w");
        ck_assert_ptr_nonnull(fp);
        fputs(text, fp);
        fclose(fp);
}

static void setup(void)
{
        snprintf(path, sizeof(path), "/tmp/lbgpd-reload-XXXXXX");
        int fd = mkstemp(path);
        ck_assert_int_ge(fd, 0);
        close(fd);
}

static void teardown(void)
{
        unlink(path);
}

START_TEST(failed_reload_keeps_running)
{
        struct config_diags d;
        struct config *running;
        config_diags_init(&d);
        write_file("hostname one\n");
        ck_assert_int_eq(config_parse_file(path, &running, &d), CONFIG_OK);
        const struct config *before = running;

        write_file("hostname two\nrouter bgp 0\n");
        ck_assert_int_eq(config_reload(&running, path, &d), CONFIG_ERR_INVALID);
        ck_assert_ptr_eq(running, before);
        ck_assert_str_eq(running->hostname, "one");
        ck_assert_uint_eq(d.errors, 2);
        char *why = config_diag_format(&d.items[0]);
        char want[256];
        snprintf(want, sizeof(want),
                 "%s:2:12: error: expected an AS number (1-4294967295), not '0'", path);
        ck_assert_str_eq(why, want);
        free(why);
        why = config_diag_format(&d.items[1]);
        snprintf(want, sizeof(want),
                 "%s: error: reload failed (the configuration has errors); the running "
                 "configuration is kept",
                 path);
        ck_assert_str_eq(why, want);
        free(why);

        /* A file that cannot be read is the same. */
        config_diags_clear(&d);
        unlink(path);
        ck_assert_int_eq(config_reload(&running, path, &d), CONFIG_ERR_IO);
        ck_assert_ptr_eq(running, before);

        config_diags_clear(&d);
        write_file("hostname three\n");
        ck_assert_int_eq(config_reload(&running, path, &d), CONFIG_OK);
        ck_assert_str_eq(running->hostname, "three");
        ck_assert_uint_eq(d.n, 0);

        config_free(running);
        config_diags_free(&d);
}
END_TEST

START_TEST(reload_of_the_seed_changes_nothing)
{
        /* The daemon compares old and new to decide what to apply: the same file twice is
         * no change at all. */
        char *seed = tu_read("frr.conf", NULL);
        write_file(seed);
        struct config_diags d;
        struct config *running;
        config_diags_init(&d);
        ck_assert_int_eq(config_parse_file(path, &running, &d), CONFIG_OK);
        struct config *copy;
        ck_assert_int_eq(config_parse_file(path, &copy, &d), CONFIG_OK);
        ck_assert(config_equal(running, copy));
        ck_assert_int_eq(config_reload(&running, path, &d), CONFIG_OK);
        ck_assert(config_equal(running, copy));
        config_free(copy);
        config_free(running);
        config_diags_free(&d);
        free(seed);
}
END_TEST

int main(void)
{
        Suite *s = suite_create("config_reload");
        TCase *tc = tcase_create("reload");
        tcase_add_checked_fixture(tc, setup, teardown);
        tcase_add_test(tc, failed_reload_keeps_running);
        tcase_add_test(tc, reload_of_the_seed_changes_nothing);
        suite_add_tcase(s, tc);
        return tu_run_suite(s);
}
