/*
 * standalone_main.c - replays fuzz inputs without libFuzzer.
 *
 * libFuzzer brings its own main(); gcc has none, so this one stands in for it.  It feeds
 * every file named on the command line, and every regular file inside every directory
 * named there, to LLVMFuzzerTestOneInput, once each.  That is how ctest replays the
 * committed corpora on every build (the c-ares "aresfuzz" arrangement): a harness that
 * aborts on an input fails the test, and under BGP_SANITIZE so does any ASan report.
 *
 * Directory entries are replayed in name order so that a failure is reproducible.
 */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Reads a whole file; returns 0, or -1 with errno set. */
static int read_file(const char *path, uint8_t **out, size_t *out_len)
{
        FILE *f = fopen(path, "rb");
        uint8_t *buf = NULL;
        size_t len = 0, cap = 0;

        if (f == NULL)
                return -1;
        for (;;) {
                if (len == cap) {
                        cap = cap == 0 ? 4096 : cap * 2;
                        uint8_t *grown = realloc(buf, cap);
                        if (grown == NULL) {
                                free(buf);
                                fclose(f);
                                errno = ENOMEM;
                                return -1;
                        }
                        buf = grown;
                }
                size_t n = fread(buf + len, 1, cap - len, f);
                len += n;
                if (n == 0)
                        break;
        }
        int failed = ferror(f);
        fclose(f);
        if (failed) {
                free(buf);
                errno = EIO;
                return -1;
        }
        *out = buf;
        *out_len = len;
        return 0;
}

static int run_file(const char *path)
{
        uint8_t *data;
        size_t len;

        if (read_file(path, &data, &len) != 0) {
                fprintf(stderr, "%s: %s\n", path, strerror(errno));
                return -1;
        }
        /* Copy into an exact-size buffer so ASan sees a read one past the input. */
        uint8_t *exact = malloc(len > 0 ? len : 1);
        if (exact == NULL) {
                free(data);
                fprintf(stderr, "%s: out of memory\n", path);
                return -1;
        }
        memcpy(exact, data, len);
        free(data);
        LLVMFuzzerTestOneInput(exact, len);
        free(exact);
        return 0;
}

static int name_cmp(const void *a, const void *b)
{
        return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Replays the regular files of dir in name order; returns the count or -1. */
static long run_dir(const char *dir)
{
        DIR *d = opendir(dir);
        char **names = NULL;
        size_t n = 0, cap = 0;
        long done = 0;
        struct dirent *e;

        if (d == NULL) {
                fprintf(stderr, "%s: %s\n", dir, strerror(errno));
                return -1;
        }
        while ((e = readdir(d)) != NULL) {
                if (e->d_name[0] == '.')
                        continue;
                if (n == cap) {
                        cap = cap == 0 ? 64 : cap * 2;
                        char **grown = realloc(names, cap * sizeof(*names));
                        if (grown == NULL)
                                goto nomem;
                        names = grown;
                }
                size_t need = strlen(dir) + 1 + strlen(e->d_name) + 1;
                if ((names[n] = malloc(need)) == NULL)
                        goto nomem;
                snprintf(names[n], need, "%s/%s", dir, e->d_name);
                n++;
        }
        closedir(d);
        d = NULL;
        qsort(names, n, sizeof(*names), name_cmp);
        for (size_t i = 0; i < n; i++) {
                struct stat st;
                if (stat(names[i], &st) == 0 && S_ISREG(st.st_mode)) {
                        if (run_file(names[i]) != 0) {
                                done = -1;
                                break;
                        }
                        done++;
                }
        }
        goto out;
nomem:
        fprintf(stderr, "%s: out of memory\n", dir);
        done = -1;
out:
        if (d != NULL)
                closedir(d);
        for (size_t i = 0; i < n; i++)
                free(names[i]);
        free(names);
        return done;
}

int main(int argc, char **argv)
{
        long total = 0;

        if (argc < 2) {
                fprintf(stderr, "usage: %s FILE|DIR...\n", argv[0]);
                return 2;
        }
        for (int i = 1; i < argc; i++) {
                struct stat st;
                if (stat(argv[i], &st) != 0) {
                        fprintf(stderr, "%s: %s\n", argv[i], strerror(errno));
                        return 1;
                }
                if (S_ISDIR(st.st_mode)) {
                        long n = run_dir(argv[i]);
                        if (n < 0)
                                return 1;
                        total += n;
                } else {
                        if (run_file(argv[i]) != 0)
                                return 1;
                        total++;
                }
        }
        /* An empty corpus proves nothing; say so rather than pass quietly. */
        if (total == 0) {
                fprintf(stderr, "%s: no inputs found\n", argv[0]);
                return 1;
        }
        printf("%s: %ld inputs replayed\n", argv[0], total);
        return 0;
}
