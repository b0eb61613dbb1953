/*
 * fuzz_util.h - what every fuzz target needs: a way to fail loudly, and checks that views
 * the library hands out stay inside the bytes they were cut from.
 *
 * A target defines FUZZ_TARGET (its name) before including this, so that a broken promise
 * names the target that caught it.  Every helper is static inline: a target that uses only
 * some of them must still build with -Werror.
 */
#ifndef BGP_FUZZ_UTIL_H
#define BGP_FUZZ_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <bgp/bgp.h>

#ifndef FUZZ_TARGET
#error "define FUZZ_TARGET before including fuzz_util.h"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A broken promise: say which, and abort so that libFuzzer keeps the input. */
static inline void fuzz_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

static inline void fuzz_fail(const char *fmt, ...)
{
        va_list ap;

        fputs(FUZZ_TARGET ": ", stderr);
        va_start(ap, fmt);
        vfprintf(stderr, fmt, ap);
        va_end(ap);
        fputc('\n', stderr);
        abort();
}

/*
 * Known bugs not fixed yet (docs/FUZZING.md, "Findings") would stop every campaign at once,
 * so the harnesses step around them; each input that shows one is kept in
 * fuzz/crashes/TARGET/.  With BGP_FUZZ_KNOWN_BUGS=1 in the environment the harnesses walk
 * into them again, which is how those inputs are replayed:
 *   BGP_FUZZ_KNOWN_BUGS=1 build/fuzz/TARGET_replay fuzz/crashes/TARGET
 * Once a bug is fixed its step-around goes, and its inputs move to corpus/TARGET/.
 */
static inline bool fuzz_known_bugs(void)
{
        static int on = -1;
        if (on < 0) {
                const char *e = getenv("BGP_FUZZ_KNOWN_BUGS");
                on = e != NULL && e[0] != '\0' && e[0] != '0';
        }
        return on != 0;
}

/* Reads every octet of a view, so that ASan checks it lies inside live memory. */
static inline unsigned fuzz_touch(const uint8_t *p, size_t len)
{
        unsigned sum = 0;
        for (size_t i = 0; i < len; i++)
                sum += p[i];
        return sum;
}

/*
 * A view of len octets at p lies inside buf[0..buf_len).  ASan only notices a view that
 * leaves the allocation; this also catches one that wanders into a neighbouring field of
 * the same buffer.  An empty view may be NULL.
 */
static inline bool fuzz_within(const uint8_t *p, size_t len, const uint8_t *buf, size_t buf_len)
{
        if (len == 0)
                return true;
        if (p == NULL)
                return false;
        uintptr_t a = (uintptr_t)p, lo = (uintptr_t)buf;
        return a >= lo && a - lo <= buf_len && len <= buf_len - (a - lo);
}

/* The longest prefix of an AFI, as RFC 4271 4.3 and RFC 4760 define them; 0 if unknown. */
static inline unsigned fuzz_afi_bits(uint16_t afi)
{
        return afi == BGP_AFI_IPV4 ? 32 : afi == BGP_AFI_IPV6 ? 128 : 0;
}

/* A prefix as an iterator must hand it out: no longer than its family, no host bits. */
static inline void fuzz_check_prefix(const struct bgp_prefix *p, uint16_t afi)
{
        unsigned max = fuzz_afi_bits(afi);

        if (p->afi != afi)
                fuzz_fail("a prefix of AFI %u from an NLRI run of AFI %u", p->afi, afi);
        if (max == 0 || p->len > max)
                fuzz_fail("a /%u prefix from an NLRI run of AFI %u", p->len, afi);
        for (unsigned i = p->len; i < 128; i++)
                if (p->addr[i / 8] & (0x80 >> (i % 8)))
                        fuzz_fail("a /%u prefix with bit %u set", p->len, i);
}

/*
 * Walks a validated NLRI run: every prefix must come out, fit its family, and the count
 * must agree with bgp_nlri_count().  Returns the number of prefixes.
 */
static inline size_t fuzz_walk_nlri(const struct bgp_nlri *nlri)
{
        struct bgp_nlri_iter it;
        struct bgp_prefix pfx;
        size_t n = 0;
        int rc;

        bgp_nlri_iter_init(&it, nlri);
        while ((rc = bgp_nlri_iter_next(&it, &pfx)) == 1) {
                fuzz_check_prefix(&pfx, nlri->afi);
                n++;
        }
        if (rc != 0)
                fuzz_fail("a validated NLRI run fails to iterate after %zu prefixes", n);
        if (n != bgp_nlri_count(nlri))
                fuzz_fail("bgp_nlri_count says %zu, the iterator %zu", bgp_nlri_count(nlri), n);
        return n;
}

/*
 * The shape every verdict must have (msg.h): a known action; a reason and at least one
 * error counted whenever the action is not OK, and none counted when it is; a NOTIFICATION
 * code for a session reset.
 */
static inline void fuzz_check_verdict_shape(const struct bgp_verdict *v)
{
        if (v->action > BGP_ACTION_SESSION_RESET)
                fuzz_fail("a verdict with action %d, not one of the four", (int)v->action);
        if (v->action != BGP_ACTION_OK && (v->reason == NULL || v->errors == 0))
                fuzz_fail("verdict %s without a reason or an error counted",
                          bgp_action_name(v->action));
        if (v->action == BGP_ACTION_OK && v->errors != 0)
                fuzz_fail("verdict ok with %u errors counted", v->errors);
        if (v->action == BGP_ACTION_SESSION_RESET &&
            (v->code < BGP_NOTIFY_HEADER || v->code > BGP_NOTIFY_SEND_HOLD_TIMER))
                fuzz_fail("a session reset with NOTIFICATION code %u", v->code);
        if (v->data_len > 0 && v->data == NULL)
                fuzz_fail("verdict data of %zu octets at NULL", v->data_len);
        if (v->data_len > 0)
                fuzz_touch(v->data, v->data_len);
}

#endif /* BGP_FUZZ_UTIL_H */
