/* testutil_config.c - helpers shared by the configuration's Check suites. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "testutil_config.h"

char *tu_read(const char *name, size_t *len)
{
        char path[1024];
        if (name[0] == '/')
                snprintf(path, sizeof(path), "%s", name);
        else
                snprintf(path, sizeof(path), "%s/%s", CONFIG_TEST_DATA, name);
        FILE *fp = fopen(path, "rb");
        ck_assert_msg(fp != NULL, "cannot open %s", path);
        struct strbuf sb;
        strbuf_init(&sb);
        char buf[4096];
        size_t n;
        while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
                for (size_t i = 0; i < n; i++)
                        strbuf_putc(&sb, buf[i]);
        fclose(fp);
        ck_assert(!sb.err);
        if (len != NULL)
                *len = sb.len;
        char *s = sb.s ? sb.s : strdup("");
        ck_assert_ptr_nonnull(s);
        return s;
}

static char *diags_text(struct config_diags *d)
{
        struct strbuf sb;
        strbuf_init(&sb);
        config_diags_sort(d);
        for (size_t i = 0; i < d->n; i++) {
                char *line = config_diag_format(&d->items[i]);
                ck_assert_ptr_nonnull(line);
                strbuf_printf(&sb, "%s\n", line);
                free(line);
        }
        ck_assert(!sb.err);
        return sb.s ? sb.s : strdup("");
}

int tu_parse(const char *name, const char *text, struct config **cfg, char **text_out)
{
        struct config_diags d;
        config_diags_init(&d);
        int rc = config_parse_buffer(name, text, strlen(text), cfg, &d);
        ck_assert(rc == CONFIG_OK ? *cfg != NULL : *cfg == NULL);
        *text_out = diags_text(&d);
        config_diags_free(&d);
        return rc;
}

char *tu_lint(const struct config *cfg)
{
        struct config_diags d;
        config_diags_init(&d);
        ck_assert_int_eq(config_lint(cfg, NULL, &d), CONFIG_OK);
        char *s = diags_text(&d);
        config_diags_free(&d);
        return s;
}

char *tu_print(const struct config *cfg)
{
        char *text;
        size_t len;
        ck_assert_int_eq(config_print(cfg, &text, &len), CONFIG_OK);
        ck_assert_uint_eq(strlen(text), len);
        return text;
}

int tu_run_suite(Suite *s)
{
        SRunner *sr = srunner_create(s);
        srunner_run_all(sr, CK_NORMAL);
        int failed = srunner_ntests_failed(sr);
        srunner_free(sr);
        return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
