/*
 * fuzz_ctl.c - libFuzzer target: lbgpctl's requests, as lbgpd's control socket parses them
 * (daemon/lbgpd/request.c).
 *
 * Input: one command line, any octets (the socket reads up to a newline; a NUL ends the
 * text as it ends the C string the daemon parses).  The socket is open to a local group, so
 * the parser must never crash on what a client sends.  Beyond memory safety, the promises of
 * request.h:
 *  - the status is OK, UNKNOWN or TOO_MANY_WORDS, and each error has a "% " answer;
 *  - an accepted request's words (peer, arg) point inside the line and hold no separator;
 *  - only the commands that need none (clear, reload, show running-config) are refused on
 *    the read-only socket, and JSON is only asked of commands that have it;
 *  - the canonical text of a request parses back to an equal request, and formatting that
 *    again gives the same text.
 */
#include <string.h>

#define FUZZ_TARGET "fuzz_ctl"
#include "fuzz_util.h"

#include "request.h"

static bool inside(const char *w, const char *buf, size_t len)
{
        return w >= buf && w < buf + len && strpbrk(w, " \t\r") == NULL && w[0] != '\0';
}

static bool same_word(const char *a, const char *b)
{
        return (a == NULL) == (b == NULL) && (a == NULL || strcmp(a, b) == 0);
}

static bool same(const struct lbgpd_request *a, const struct lbgpd_request *b)
{
        return a->cmd == b->cmd && a->json == b->json && a->ipv4 == b->ipv4 &&
               a->soft == b->soft && a->in == b->in && a->out == b->out &&
               same_word(a->peer, b->peer) && same_word(a->arg, b->arg);
}

static void check_request(const struct lbgpd_request *r, const char *buf, size_t len)
{
        if (r->peer != NULL && !inside(r->peer, buf, len))
                fuzz_fail("peer word outside the line or with a blank in it");
        if (r->arg != NULL && !inside(r->arg, buf, len))
                fuzz_fail("argument word outside the line or with a blank in it");
        bool ro = lbgpd_request_read_only(r);
        bool privileged = r->cmd == LBGPD_REQ_SHOW_RUNNING || r->cmd == LBGPD_REQ_RELOAD ||
                          r->cmd == LBGPD_REQ_CLEAR;
        if (ro == privileged)
                fuzz_fail("command %d: read-only socket %s", (int)r->cmd, ro ? "allowed" : "refused");
        if (privileged && r->json)
                fuzz_fail("command %d has no JSON form but was accepted with json", (int)r->cmd);
        if (r->cmd == LBGPD_REQ_CLEAR && (r->peer == NULL || (!r->in && !r->out)))
                fuzz_fail("clear without a neighbor or a direction");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        /* The daemon parses the line as a C string: it ends at the first NUL. */
        char *line = malloc(size + 1);
        if (line == NULL)
                return 0;
        memcpy(line, data, size);
        line[size] = '\0';
        size_t len = strlen(line);

        struct lbgpd_request r;
        enum lbgpd_request_status st = lbgpd_request_parse(line, &r);
        if (st != LBGPD_REQUEST_OK) {
                if (st != LBGPD_REQUEST_UNKNOWN && st != LBGPD_REQUEST_TOO_MANY_WORDS)
                        fuzz_fail("status %d", (int)st);
                if (strncmp(lbgpd_request_error(st), "% ", 2) != 0)
                        fuzz_fail("error answer without \"%% \"");
                free(line);
                return 0;
        }
        check_request(&r, line, len);

        char text[2 * 1024 + 64], again[sizeof(text)];
        int n = lbgpd_request_format(&r, text, sizeof(text));
        if (n < 0) {
                /* Only a line too long for the buffer may fail to format. */
                if (len < 1024)
                        fuzz_fail("format failed on a %zu-octet line", len);
                free(line);
                return 0;
        }
        char copy[sizeof(text)];
        memcpy(copy, text, (size_t)n + 1);
        struct lbgpd_request back;
        if (lbgpd_request_parse(copy, &back) != LBGPD_REQUEST_OK)
                fuzz_fail("canonical text \"%s\" does not parse", text);
        check_request(&back, copy, (size_t)n);
        if (!same(&r, &back))
                fuzz_fail("canonical text \"%s\" parses to another request", text);
        if (lbgpd_request_format(&back, again, sizeof(again)) != n || strcmp(text, again) != 0)
                fuzz_fail("formatting is not a fixed point: \"%s\" then \"%s\"", text, again);
        free(line);
        return 0;
}
