/*
 * fuzz_config.c - libFuzzer target: lbgpd's configuration parser (daemon/config), through
 * the entry point `lbgpd -n -f FILE` uses.
 *
 * Input: the text of a configuration file, any octets at all.  It is written to a file of
 * its own and checked as lbgpd's load() does it (daemon/lbgpd/main.c, and
 * lbgpd-config-check.c): config_parse_file(), config_lint() when that succeeded, the
 * diagnostics sorted and printed.  The parser faces files an operator edits by hand, so it
 * must never crash, leak or hang on any text; ASan's leak check and libFuzzer's -timeout
 * see to the last two.  Beyond that, the contracts of config.h and DESIGN.md:
 *  - the result is CONFIG_OK or CONFIG_ERR_INVALID; OK means no error was reported and a
 *    configuration was built; INVALID means at least one error and nothing built;
 *  - every diagnostic names the file and a place inside it, FILE:LINE:COL with LINE a line
 *    of the text and COL a column of that line (one past its end for "incomplete
 *    command"), both 1-based, and formats to a string that starts with FILE:LINE:COL: ;
 *  - a configuration that loads prints ("show running-config") to text that parses back,
 *    with no error, to an equal configuration, and printing that gives the same text again
 *    (print -> parse -> print is a fixed point).
 */
#include <string.h>
#include <unistd.h>

#define FUZZ_TARGET "fuzz_config"
#include "fuzz_util.h"

#include "config.h"

static char path[64];
static int fd = -1;
static FILE *devnull;

static void remove_file(void)
{
        if (fd >= 0) {
                close(fd);
                unlink(path);
        }
        if (devnull != NULL)
                fclose(devnull);
}

/* One scratch file for the whole run, rewritten for every input: on tmpfs when there is
 * one, since truncating a file on ext4 costs more than parsing it. */
static void setup(void)
{
        const char *dir = getenv("TMPDIR");

        if (fd >= 0)
                return;
        if (dir == NULL || strlen(dir) >= 32)
                dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
        snprintf(path, sizeof(path), "%s/lbgp-fuzz-config.XXXXXX", dir);
        fd = mkstemp(path);
        devnull = fopen("/dev/null", "w");
        if (fd < 0 || devnull == NULL)
                fuzz_fail("cannot create %s", path);
        atexit(remove_file);
}

static void write_text(const uint8_t *data, size_t size)
{
        size_t off = 0;
        while (off < size) {
                ssize_t n = pwrite(fd, data + off, size - off, (off_t)off);
                if (n <= 0)
                        fuzz_fail("cannot write %s", path);
                off += (size_t)n;
        }
        if (ftruncate(fd, (off_t)size) != 0)
                fuzz_fail("cannot truncate %s", path);
}

/* The length of line `line` (1-based) of the text, or SIZE_MAX when there is no such line. */
static size_t line_length(const uint8_t *data, size_t size, uint32_t line)
{
        size_t start = 0;
        for (uint32_t l = 1; l < line; l++) {
                const uint8_t *nl = memchr(data + start, '\n', size - start);
                if (nl == NULL)
                        return SIZE_MAX;
                start = (size_t)(nl - data) + 1;
        }
        const uint8_t *nl = memchr(data + start, '\n', size - start);
        return (nl != NULL ? (size_t)(nl - data) : size) - start;
}

static void check_diags(const struct config_diags *d, const uint8_t *data, size_t size)
{
        char prefix[128];

        for (size_t i = 0; i < d->n; i++) {
                const struct config_diag *g = &d->items[i];
                if (g->file == NULL || strcmp(g->file, path) != 0)
                        fuzz_fail("diagnostic %zu names file %s: %s", i,
                                  g->file != NULL ? g->file : "(none)", g->message);
                size_t ll = g->line >= 1 ? line_length(data, size, g->line) : SIZE_MAX;
                if (ll == SIZE_MAX || g->col < 1 || g->col > ll + 1)
                        fuzz_fail("diagnostic at %u:%u outside the text: %s", g->line, g->col,
                                  g->message);
                char *text = config_diag_format(g);
                if (text == NULL)
                        fuzz_fail("config_diag_format failed");
                snprintf(prefix, sizeof(prefix), "%s:%u:%u: %s: ", path, g->line, g->col,
                         g->severity == CONFIG_SEV_ERROR ? "error" : "warning");
                if (strncmp(text, prefix, strlen(prefix)) != 0)
                        fuzz_fail("diagnostic formats as \"%s\"", text);
                free(text);
                config_diag_print(g, devnull);
        }
}

/* Printing gives text that parses to the same configuration, and is a fixed point. */
static void check_print(const struct config *cfg)
{
        struct config_diags d;
        struct config *again = NULL;
        char *text = NULL, *text2 = NULL;
        size_t len = 0, len2 = 0;

        if (config_print(cfg, &text, &len) != CONFIG_OK)
                fuzz_fail("config_print failed");
        if (strlen(text) != len)
                fuzz_fail("config_print's length is not its text's");
        config_diags_init(&d);
        int rc = config_parse_buffer("printed", text, len, &again, &d);
        if (rc != CONFIG_OK || d.errors != 0) {
                fprintf(stderr, "---- printed:\n%s---- its diagnostics:\n", text);
                for (size_t i = 0; i < d.n; i++)
                        config_diag_print(&d.items[i], stderr);
                fuzz_fail("the printed configuration does not parse (%d)", rc);
        }
        if (!config_equal(cfg, again)) {
                fprintf(stderr, "---- printed:\n%s", text);
                fuzz_fail("the printed configuration parses to a different one");
        }
        if (config_print(again, &text2, &len2) != CONFIG_OK)
                fuzz_fail("config_print failed the second time");
        if (len != len2 || memcmp(text, text2, len) != 0) {
                fprintf(stderr, "---- printed:\n%s---- printed again:\n%s", text, text2);
                fuzz_fail("print -> parse -> print is not a fixed point");
        }
        free(text);
        free(text2);
        config_free(again);
        config_diags_free(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct config_diags diags;
        struct config *cfg = NULL;

        setup();
        write_text(data, size);

        /* What lbgpd -n does (main.c load()). */
        config_diags_init(&diags);
        int rc = config_parse_file(path, &cfg, &diags);
        if (rc != CONFIG_OK && rc != CONFIG_ERR_INVALID)
                fuzz_fail("config_parse_file returned %d (%s)", rc, config_strerror(rc));
        if (rc == CONFIG_OK && (cfg == NULL || diags.errors != 0))
                fuzz_fail("CONFIG_OK with %zu errors or no configuration", diags.errors);
        if (rc == CONFIG_ERR_INVALID && (cfg != NULL || diags.errors == 0))
                fuzz_fail("CONFIG_ERR_INVALID with no error reported or a configuration built");
        if (rc == CONFIG_OK) {
                rc = config_lint(cfg, NULL, &diags);
                if (rc != CONFIG_OK)
                        fuzz_fail("config_lint returned %d", rc);
                if (diags.errors != 0)
                        fuzz_fail("config_lint reported an error, not a warning");
        }
        config_diags_sort(&diags);
        check_diags(&diags, data, size);
        if (cfg != NULL)
                check_print(cfg);
        config_free(cfg);
        config_diags_free(&diags);
        return 0;
}
