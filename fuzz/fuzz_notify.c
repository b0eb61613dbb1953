/*
 * fuzz_notify.c - libFuzzer target: NOTIFICATION (notification.c, with the RFC 9003
 * shutdown communication) and ROUTE-REFRESH (route_refresh.c).
 *
 * Input layout: one mode octet, then the data.
 *   mode & 0x03  0: a NOTIFICATION body; 1: a ROUTE-REFRESH body; 2: a shutdown text for
 *                bgp_notification_encode_shutdown() (up to the first NUL)
 *   mode & 0x04  for 2: subcode Administrative Reset instead of Administrative Shutdown
 *   mode & 0x08  for 2: a subcode that carries no communication (Peer De-configured)
 *
 * Both messages are simple enough to be checked against a model written here, not
 * against the library's own reading of them:
 *  - a NOTIFICATION body decodes to its first two octets and the rest as data, and
 *    re-encodes to the very same octets;
 *  - bgp_notification_shutdown_text() gives the communication exactly when RFC 9003 says
 *    there is one (Cease 2 or 4, a length octet that matches, UTF-8 as RFC 3629 defines it
 *    (decoded here code point by code point, unlike the library's range table), no NUL),
 *    EOF when there is none and MALFORMED otherwise, and the text re-encodes to the same
 *    message with bgp_notification_encode_shutdown();
 *  - a ROUTE-REFRESH is AFI, subtype, SAFI; a length other than 4 is error 7/1 unless the
 *    subtype is one RFC 7313 4 says to ignore; through bgp_msg_decode() the data of that
 *    error is the whole message (RFC 7313 5);
 *  - every name is a string.
 */
#include <string.h>

#define FUZZ_TARGET "fuzz_notify"
#include "fuzz_util.h"

#define M_KIND    0x03
#define M_RESET   0x04
#define M_NOTEXT  0x08
#define K_NOTIFY  0
#define K_REFRESH 1
#define K_TEXT    2

/*
 * RFC 3629 4, by decoding: the lead octet gives the length, the continuation octets the
 * bits; overlong forms, surrogates and values past U+10FFFF are refused.
 */
static bool utf8_ok(const uint8_t *s, size_t len)
{
        size_t i = 0;
        while (i < len) {
                uint8_t c = s[i];
                size_t more;
                uint32_t cp, min;
                if (c < 0x80) {
                        i++;
                        continue;
                } else if ((c & 0xe0) == 0xc0) {
                        more = 1, cp = c & 0x1f, min = 0x80;
                } else if ((c & 0xf0) == 0xe0) {
                        more = 2, cp = c & 0x0f, min = 0x800;
                } else if ((c & 0xf8) == 0xf0) {
                        more = 3, cp = c & 0x07, min = 0x10000;
                } else {
                        return false;
                }
                if (len - i - 1 < more)
                        return false;
                for (size_t k = 1; k <= more; k++) {
                        if ((s[i + k] & 0xc0) != 0x80)
                                return false;
                        cp = cp << 6 | (s[i + k] & 0x3f);
                }
                if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
                        return false;
                i += 1 + more;
        }
        return true;
}

/* What bgp_notification_shutdown_text() must return for n, by RFC 9003 2 and 5. */
static int model_shutdown(const struct bgp_notification *n)
{
        if (n->code != BGP_NOTIFY_CEASE || (n->subcode != BGP_NOTIFY_CEASE_ADMIN_SHUTDOWN &&
                                            n->subcode != BGP_NOTIFY_CEASE_ADMIN_RESET))
                return BGP_ERR_EOF;
        if (n->data_len == 0 || n->data[0] == 0)
                return BGP_ERR_EOF;
        size_t len = n->data[0];
        if (n->data_len != len + 1 || !utf8_ok(n->data + 1, len) || memchr(n->data + 1, 0, len))
                return BGP_ERR_MALFORMED;
        return (int)len;
}

static void check_names(uint8_t code, uint8_t subcode)
{
        if (bgp_notify_code_name(code) == NULL || bgp_notify_subcode_name(code, subcode) == NULL)
                fuzz_fail("no name for %u/%u", code, subcode);
}

static void notification(const uint8_t *body, size_t len)
{
        static uint8_t msg[BGP_MAX_MSG_LEN], again[BGP_MAX_MSG_LEN];
        static struct bgp_msg dec;
        struct bgp_notification n;
        struct bgp_verdict v;
        char text[256];

        int rc = bgp_notification_decode(body, len, &n, &v);
        fuzz_check_verdict_shape(&v);
        if (len < 2) {
                if (rc != BGP_ERR_MALFORMED || v.action != BGP_ACTION_SESSION_RESET ||
                    v.code != BGP_NOTIFY_HEADER || v.subcode != BGP_NOTIFY_HEADER_BAD_LENGTH)
                        fuzz_fail("a %zu-octet NOTIFICATION gives %d", len, rc);
                return;
        }
        if (rc != 0 || v.action != BGP_ACTION_OK)
                fuzz_fail("a NOTIFICATION of %zu octets is refused", len);
        if (n.code != body[0] || n.subcode != body[1] || n.data_len != len - 2 ||
            (n.data_len > 0 && n.data != body + 2))
                fuzz_fail("the NOTIFICATION does not decode to its octets");
        check_names(n.code, n.subcode);

        int want = model_shutdown(&n);
        rc = bgp_notification_shutdown_text(&n, text, sizeof(text));
        if (rc != want)
                fuzz_fail("shutdown text: %d, RFC 9003 says %d", rc, want);
        if (rc >= 0) {
                if (text[rc] != '\0' || strlen(text) != (size_t)rc ||
                    memcmp(text, n.data + 1, (size_t)rc) != 0)
                        fuzz_fail("the shutdown text is not the communication");
                /* Too small a buffer is refused, never filled with a cut text. */
                if (bgp_notification_shutdown_text(&n, text, (size_t)rc) != BGP_ERR_NOSPACE)
                        fuzz_fail("a %d-octet text fits in %d octets", rc, rc);
                int m = bgp_notification_encode_shutdown(msg, sizeof(msg), n.subcode, text);
                if (m != (int)(BGP_HEADER_LEN + len) ||
                    memcmp(msg + BGP_HEADER_LEN, body, len) != 0)
                        fuzz_fail("the shutdown text does not re-encode to the same message");
        }

        int m = bgp_notification_encode(msg, sizeof(msg), n.code, n.subcode, n.data, n.data_len);
        if (BGP_HEADER_LEN + len > BGP_MAX_MSG_LEN) {
                if (m != BGP_ERR_NOSPACE)
                        fuzz_fail("a %zu-octet NOTIFICATION encodes: %d", len + BGP_HEADER_LEN, m);
                return;
        }
        if (m != (int)(BGP_HEADER_LEN + len) || memcmp(msg + BGP_HEADER_LEN, body, len) != 0)
                fuzz_fail("the NOTIFICATION does not re-encode to the same octets");
        struct bgp_codec_opts opts;
        bgp_codec_opts_init(&opts);
        rc = bgp_msg_decode(msg, (size_t)m, &opts, &dec, &v);
        if (rc != 0 || dec.hdr.type != BGP_MSG_NOTIFICATION || dec.u.notification.code != n.code ||
            dec.u.notification.subcode != n.subcode || dec.u.notification.data_len != n.data_len)
                fuzz_fail("our own NOTIFICATION decodes differently");
        /* Encoding into one octet less than needed is refused. */
        if (bgp_notification_encode(again, (size_t)m - 1, n.code, n.subcode, n.data, n.data_len) !=
            BGP_ERR_NOSPACE)
                fuzz_fail("a NOTIFICATION fits in a buffer one octet short");
}

static void refresh(const uint8_t *body, size_t len)
{
        static uint8_t msg[BGP_MAX_MSG_LEN];
        static struct bgp_msg dec;
        struct bgp_route_refresh rr;
        struct bgp_verdict v;

        int rc = bgp_route_refresh_decode(body, len, &rr, &v);
        fuzz_check_verdict_shape(&v);
        bool ignored = len >= 4 && body[2] > BGP_REFRESH_EORR;
        bool good = len == 4 || ignored;
        if (!good) {
                if (rc != BGP_ERR_MALFORMED || v.action != BGP_ACTION_SESSION_RESET ||
                    v.code != BGP_NOTIFY_ROUTE_REFRESH ||
                    v.subcode != BGP_NOTIFY_REFRESH_BAD_LENGTH)
                        fuzz_fail("a %zu-octet ROUTE-REFRESH gives %d (%u/%u)", len, rc, v.code,
                                  v.subcode);
        } else {
                if (rc != 0 || v.action != BGP_ACTION_OK)
                        fuzz_fail("a good ROUTE-REFRESH is refused");
                if (rr.afi != (body[0] << 8 | body[1]) || rr.subtype != body[2] ||
                    rr.safi != body[3])
                        fuzz_fail("the ROUTE-REFRESH does not decode to its octets");
                int m = bgp_route_refresh_encode(msg, sizeof(msg), &rr);
                if (m != BGP_HEADER_LEN + 4 || memcmp(msg + BGP_HEADER_LEN, body, 4) != 0)
                        fuzz_fail("the ROUTE-REFRESH does not re-encode to its octets");
        }

        /* Through the message decoder, the data of a length error is the whole message. */
        if (BGP_HEADER_LEN + len > BGP_MAX_MSG_LEN)
                return;
        memset(msg, 0xff, BGP_MARKER_LEN);
        msg[16] = (uint8_t)((BGP_HEADER_LEN + len) >> 8);
        msg[17] = (uint8_t)(BGP_HEADER_LEN + len);
        msg[18] = BGP_MSG_ROUTE_REFRESH;
        if (len > 0)
                memcpy(msg + BGP_HEADER_LEN, body, len);
        struct bgp_codec_opts opts;
        bgp_codec_opts_init(&opts);
        rc = bgp_msg_decode(msg, BGP_HEADER_LEN + len, &opts, &dec, &v);
        fuzz_check_verdict_shape(&v);
        if ((rc == 0) != good)
                fuzz_fail("the message decoder and the body decoder disagree");
        if (!good && (v.data != msg || v.data_len != BGP_HEADER_LEN + len))
                fuzz_fail("a ROUTE-REFRESH length error without the message as its data");
}

static void shutdown_text(uint8_t mode, const uint8_t *data, size_t size)
{
        static uint8_t msg[BGP_MAX_MSG_LEN];
        static char text[512];
        struct bgp_notification n;
        struct bgp_verdict v;
        char back[256];

        size_t len = size < sizeof(text) - 1 ? size : sizeof(text) - 1;
        memcpy(text, data, len);
        text[len] = '\0';
        len = strlen(text);
        uint8_t subcode = (mode & M_NOTEXT)  ? BGP_NOTIFY_CEASE_PEER_DECONFIGURED
                          : (mode & M_RESET) ? BGP_NOTIFY_CEASE_ADMIN_RESET
                                             : BGP_NOTIFY_CEASE_ADMIN_SHUTDOWN;
        bool valid = !(mode & M_NOTEXT) && len <= 255 && utf8_ok((const uint8_t *)text, len);

        int m = bgp_notification_encode_shutdown(msg, sizeof(msg), subcode, text);
        if (!valid) {
                if (m != BGP_ERR_INVALID_ARGUMENT)
                        fuzz_fail("an invalid shutdown communication encodes: %d", m);
                return;
        }
        if (m != (int)(BGP_HEADER_LEN + 3 + len))
                fuzz_fail("a %zu-octet communication encodes to %d octets", len, m);
        int rc = bgp_notification_decode(msg + BGP_HEADER_LEN, (size_t)m - BGP_HEADER_LEN, &n, &v);
        if (rc != 0 || n.code != BGP_NOTIFY_CEASE || n.subcode != subcode)
                fuzz_fail("our own Cease does not decode");
        rc = bgp_notification_shutdown_text(&n, back, sizeof(back));
        if (len == 0 ? rc != BGP_ERR_EOF : rc != (int)len || strcmp(back, text) != 0)
                fuzz_fail("the communication does not come back (%d)", rc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        if (size < 1)
                return 0;
        uint8_t mode = data[0];
        data++;
        size--;
        switch (mode & M_KIND) {
        case K_NOTIFY:
                notification(data, size);
                break;
        case K_REFRESH:
                refresh(data, size);
                break;
        case K_TEXT:
                shutdown_text(mode, data, size);
                break;
        default:
                /* The names of every code and subcode the two octets name. */
                if (size >= 2)
                        check_names(data[0], data[1]);
                break;
        }
        return 0;
}
