/* testutil.c - helpers shared by the Check suites. */
#include <check.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <bgp/mem.h>

#include "testutil.h"

static int nibble(int c)
{
        if (c >= '0' && c <= '9')
                return c - '0';
        c = tolower(c);
        if (c >= 'a' && c <= 'f')
                return c - 'a' + 10;
        return -1;
}

size_t tu_hex(const char *hex, uint8_t *out, size_t cap)
{
        size_t n = 0;
        int hi = -1;

        for (; *hex != '\0'; hex++) {
                if (isspace((unsigned char)*hex))
                        continue;
                int v = nibble((unsigned char)*hex);
                if (v < 0)
                        return 0;
                if (hi < 0) {
                        hi = v;
                        continue;
                }
                if (n == cap)
                        return 0;
                out[n++] = (uint8_t)(hi << 4 | v);
                hi = -1;
        }
        return hi < 0 ? n : 0;
}

size_t tu_msg(uint8_t type, const char *body_hex, uint8_t *out, size_t cap)
{
        if (cap < 19)
                return 0;
        memset(out, 0xff, 16);
        size_t body = tu_hex(body_hex, out + 19, cap - 19);
        size_t len = 19 + body;
        out[16] = (uint8_t)(len >> 8);
        out[17] = (uint8_t)len;
        out[18] = type;
        return len;
}

int tu_run(Suite *s)
{
        SRunner *sr = srunner_create(s);
        srunner_run_all(sr, CK_NORMAL);
        int failed = srunner_ntests_failed(sr);
        srunner_free(sr);
        return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

int tu_fail_at;
int tu_alloc_count;

static void *failing_malloc(size_t n, void *ud)
{
        (void)ud;
        if (++tu_alloc_count == tu_fail_at)
                return NULL;
        return malloc(n);
}

static void failing_free(void *p, void *ud)
{
        (void)ud;
        free(p);
}

static void *failing_realloc(void *p, size_t n, void *ud)
{
        (void)ud;
        if (++tu_alloc_count == tu_fail_at)
                return NULL;
        return realloc(p, n);
}

const struct bgp_mem tu_failing_mem = {NULL, failing_malloc, failing_free, failing_realloc};
