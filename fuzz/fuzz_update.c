/*
 * fuzz_update.c - libFuzzer target: the UPDATE codec's decode -> encode -> decode round trip.
 *
 * Input layout: one selector octet (the session's options, the same layout as fuzz_msg.c),
 * then an UPDATE body, the message without its 19-octet header.
 *
 * Whenever bgp_update_decode lets the UPDATE stand (verdict OK or ATTR_DISCARD), the
 * decoded struct is encoded again with bgp_update_encode and the result decoded once more.
 * The second decode must succeed with verdict OK (what we write, we must accept) and must
 * say the same thing as the first: the same withdrawn and NLRI prefixes, the same MP
 * families, next hop and prefixes, the same attribute values.  The comparison is field by
 * field, not byte by byte, because a re-encoding may legitimately differ in form: RFC 4271
 * 5 sets the Partial bit on unknown transitive attributes we pass on, the extended-length
 * bit may change, and a discarded attribute is gone.  One byte-level check is sound, and
 * made: encoding the second decode gives the first encoding again (the encoder is a
 * function of the content, so its output is a fixpoint).
 *
 * Any broken promise aborts, which makes libFuzzer keep the input.
 */
#include <stdint.h>
#include <string.h>

#define FUZZ_TARGET "fuzz_update"
#include "fuzz_util.h"
#include "same.h"
#include "selector.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        /* Static: struct bgp_update is large, and the buffers are message-sized. */
        static struct bgp_update first;
        static struct bgp_msg second;
        static struct bgp_update third;
        static uint8_t enc1[BGP_EXT_MAX_MSG_LEN], enc2[BGP_EXT_MAX_MSG_LEN];
        struct bgp_codec_opts opts;
        struct bgp_verdict v;

        if (size < 1)
                return 0;
        opts_from_selector(data[0], &opts);
        data++;
        size--;

        memset(&first, 0, sizeof(first));
        int rc = bgp_update_decode(data, size, &opts, &first, &v);
        fuzz_check_verdict_shape(&v);
        if (rc == 0 && v.action > BGP_ACTION_ATTR_DISCARD)
                fuzz_fail("returned 0 with verdict %s", bgp_action_name(v.action));
        if (rc != 0 && (rc != BGP_ERR_MALFORMED || v.action < BGP_ACTION_TREAT_AS_WITHDRAW))
                fuzz_fail("returned %d with verdict %s", rc, bgp_action_name(v.action));
        if (rc != 0)
                return 0;

        int n1 = bgp_update_encode(enc1, sizeof(enc1), &opts, &first);
        if (n1 == BGP_ERR_NOSPACE) {
                /* Legitimate only when the input was already at the size limit. */
                if (size + BGP_HEADER_LEN + same_attr_count(&first.attrs) >
                    bgp_codec_max_msg_len(&opts))
                        return 0;
                fuzz_fail("a %zu-octet body does not re-encode: no space", size);
        }
        if (n1 < 0)
                fuzz_fail("re-encoding fails: %s", bgp_strerror(n1));
        if ((size_t)n1 > bgp_codec_max_msg_len(&opts))
                fuzz_fail("re-encoded to %d octets, beyond the maximum", n1);

        memset(&second, 0, sizeof(second));
        rc = bgp_msg_decode(enc1, (size_t)n1, &opts, &second, &v);
        if (rc != 0 || v.action != BGP_ACTION_OK)
                fuzz_fail("our own encoding decodes to %s (%d/%d: %s)", bgp_action_name(v.action),
                          v.code, v.subcode, v.reason != NULL ? v.reason : "no reason");
        if (second.hdr.type != BGP_MSG_UPDATE)
                fuzz_fail("re-encoded as message type %u", second.hdr.type);
        same_update(&first, &second.u.update);

        int n2 = bgp_update_encode(enc2, sizeof(enc2), &opts, &second.u.update);
        if (n2 != n1 || memcmp(enc1, enc2, (size_t)n1) != 0)
                fuzz_fail("encoding is not a fixpoint: %d octets, then %d", n1, n2);

        /* And the body decoder on its own agrees with the whole-message one. */
        memset(&third, 0, sizeof(third));
        rc = bgp_update_decode(enc1 + BGP_HEADER_LEN, (size_t)n1 - BGP_HEADER_LEN, &opts, &third,
                               &v);
        if (rc != 0 || v.action != BGP_ACTION_OK)
                fuzz_fail("the body decoder rejects what the message decoder accepted");
        same_update(&second.u.update, &third);
        return 0;
}
