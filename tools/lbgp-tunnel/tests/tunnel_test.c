/* tunnel_test.c - helpers shared by lbgp-tunnel's Check suites (tunnel_test.h). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tunnel_test.h"

static char *diags_to_text(struct config_diags *d)
{
        size_t cap = 1, len = 0;
        char *out;

        config_diags_sort(d);
        for (size_t i = 0; i < d->n; i++) {
                char *s = config_diag_format(&d->items[i]);

                ck_assert_ptr_nonnull(s);
                cap += strlen(s) + 1;
                free(s);
        }
        out = malloc(cap);
        ck_assert_ptr_nonnull(out);
        out[0] = '\0';
        for (size_t i = 0; i < d->n; i++) {
                char *s = config_diag_format(&d->items[i]);

                ck_assert_ptr_nonnull(s);
                len += (size_t)snprintf(out + len, cap - len, "%s\n", s);
                free(s);
        }
        return out;
}

int tt_parse(const char *text, struct tunnel_conf *c, char **diags_text)
{
        struct config_diags d;
        int rc;

        config_diags_init(&d);
        rc = tconf_parse("t.conf", text, strlen(text), c, &d);
        *diags_text = diags_to_text(&d);
        config_diags_free(&d);
        return rc;
}

int tt_parse_example(const char *name, struct tunnel_conf *c, char **diags_text)
{
        char path[512];
        struct config_diags d;
        int rc;

        snprintf(path, sizeof(path), "%s/%s", TUNNEL_EXAMPLES, name);
        config_diags_init(&d);
        rc = tconf_parse_file(path, c, &d);
        *diags_text = diags_to_text(&d);
        config_diags_free(&d);
        return rc;
}

int tt_run_suite(Suite *s)
{
        SRunner *sr = srunner_create(s);
        int failed;

        srunner_run_all(sr, CK_NORMAL);
        failed = srunner_ntests_failed(sr);
        srunner_free(sr);
        return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
