/*
 * notification.c - the NOTIFICATION message (RFC 4271 4.5), the RFC 9003 shutdown
 * communication, and the names of error codes and subcodes.
 *
 * Size: a NOTIFICATION is encoded within 4096 octets.  RFC 8654 lets one grow to 65535
 * octets once both sides advertised the Extended Message capability, but the encoder has
 * no session options, and most NOTIFICATIONs go out before or regardless of that
 * negotiation; a caller whose data does not fit gets BGP_ERR_NOSPACE and trims the data.
 */
#include <string.h>

#include "frame.h"
#include "rd.h"
#include "verdict.h"
#include "wr.h"

/* RFC 9003 2: the shutdown communication is at most 255 octets. */
#define BGP_SHUTDOWN_MAX 255

int bgp_notification_decode(const uint8_t *body, size_t len, struct bgp_notification *n,
                            struct bgp_verdict *v)
{
        struct bgp_rd rd = bgp_rd_make(body, len);

        bgp_verdict_init(v);
        memset(n, 0, sizeof(*n));
        /* RFC 4271 4.5: code and subcode are always there; the header check already
         * demands 21 octets (6.1), this guards direct callers. */
        if (bgp_rd_u8(&rd, &n->code) != 0 || bgp_rd_u8(&rd, &n->subcode) != 0)
                return bgp_verdict_reset(v, BGP_NOTIFY_HEADER, BGP_NOTIFY_HEADER_BAD_LENGTH,
                                         "NOTIFICATION shorter than code and subcode");
        /* The data is whatever is left, to the end of the message. */
        struct bgp_rd data = bgp_rd_rest(&rd);
        n->data_len = bgp_rd_left(&data);
        n->data = n->data_len != 0 ? bgp_rd_ptr(&data) : NULL;
        return 0;
}

int bgp_notification_encode(uint8_t *buf, size_t cap, uint8_t code, uint8_t subcode,
                            const uint8_t *data, size_t data_len)
{
        if (data == NULL && data_len != 0)
                return BGP_ERR_INVALID_ARGUMENT;
        struct bgp_wr wr = bgp_wr_make(buf, cap);
        size_t at = bgp_frame_begin(&wr, BGP_MSG_NOTIFICATION);
        bgp_wr_u8(&wr, code);
        bgp_wr_u8(&wr, subcode);
        bgp_wr_bytes(&wr, data, data_len);
        return bgp_frame_end(&wr, at, BGP_MAX_MSG_LEN);
}

/*
 * Checks that s holds well-formed UTF-8 (RFC 3629 4): no overlong forms, no surrogates,
 * nothing above U+10FFFF, no truncated sequence.
 */
static bool utf8_valid(const uint8_t *s, size_t len)
{
        struct bgp_rd rd = bgp_rd_make(s, len);
        uint8_t c;

        while (bgp_rd_u8(&rd, &c) == 0) {
                unsigned more;
                uint8_t lo = 0x80, hi = 0xbf; /* the range of the second octet */
                if (c < 0x80)
                        continue;
                if (c >= 0xc2 && c <= 0xdf) {
                        more = 1;
                } else if (c >= 0xe0 && c <= 0xef) {
                        more = 2;
                        if (c == 0xe0)
                                lo = 0xa0; /* overlong */
                        else if (c == 0xed)
                                hi = 0x9f; /* surrogates */
                } else if (c >= 0xf0 && c <= 0xf4) {
                        more = 3;
                        if (c == 0xf0)
                                lo = 0x90; /* overlong */
                        else if (c == 0xf4)
                                hi = 0x8f; /* above U+10FFFF */
                } else {
                        return false;
                }
                for (unsigned i = 0; i < more; i++) {
                        uint8_t t;
                        if (bgp_rd_u8(&rd, &t) != 0 || t < lo || t > hi)
                                return false;
                        lo = 0x80;
                        hi = 0xbf;
                }
        }
        return true;
}

static bool carries_shutdown(uint8_t code, uint8_t subcode)
{
        /* RFC 9003 2: Administrative Shutdown and Administrative Reset. */
        return code == BGP_NOTIFY_CEASE && (subcode == BGP_NOTIFY_CEASE_ADMIN_SHUTDOWN ||
                                            subcode == BGP_NOTIFY_CEASE_ADMIN_RESET);
}

int bgp_notification_shutdown_text(const struct bgp_notification *n, char *text, size_t cap)
{
        struct bgp_rd rd = bgp_rd_make(n->data, n->data != NULL ? n->data_len : 0);
        const uint8_t *msg;
        uint8_t len;

        if (!carries_shutdown(n->code, n->subcode) || bgp_rd_u8(&rd, &len) != 0 || len == 0)
                return BGP_ERR_EOF;
        /* RFC 9003 2 and 5: the length must match the octets that follow, and they must be
         * UTF-8; a communication that is not is reported, never shown. */
        if (bgp_rd_view(&rd, len, &msg) != 0 || !bgp_rd_done(&rd) || !utf8_valid(msg, len))
                return BGP_ERR_MALFORMED;
        /* A NUL cannot be handed out in a C string without cutting the text short, and no
         * operator writes one: the communication is refused, never shown truncated. */
        if (memchr(msg, 0, len) != NULL)
                return BGP_ERR_MALFORMED;
        if (cap < (size_t)len + 1)
                return BGP_ERR_NOSPACE;
        memcpy(text, msg, len);
        text[len] = '\0';
        return len;
}

int bgp_notification_encode_shutdown(uint8_t *buf, size_t cap, uint8_t subcode, const char *text)
{
        uint8_t data[1 + BGP_SHUTDOWN_MAX];
        size_t len = text != NULL ? strlen(text) : 0;

        if (!carries_shutdown(BGP_NOTIFY_CEASE, subcode))
                return BGP_ERR_INVALID_ARGUMENT;
        /* RFC 9003 2: at most 255 octets of UTF-8. */
        if (len > BGP_SHUTDOWN_MAX || !utf8_valid((const uint8_t *)text, len))
                return BGP_ERR_INVALID_ARGUMENT;
        data[0] = (uint8_t)len;
        if (len != 0)
                memcpy(data + 1, text, len);
        return bgp_notification_encode(buf, cap, BGP_NOTIFY_CEASE, subcode, data, len + 1);
}

/* ---- names --------------------------------------------------------------------------- */

/*
 * The words are FRR's (bgpd/bgp_debug.c) without its leading '/', so logs read alike.
 * RFC says / we do: FRR calls code 5 "Neighbor Events Error"; libbgp uses the IANA name
 * "Finite State Machine Error" (RFC 6608).
 */
const char *bgp_notify_code_name(uint8_t code)
{
        switch (code) {
        case BGP_NOTIFY_HEADER:
                return "Message Header Error";
        case BGP_NOTIFY_OPEN:
                return "OPEN Message Error";
        case BGP_NOTIFY_UPDATE:
                return "UPDATE Message Error";
        case BGP_NOTIFY_HOLD_TIMER:
                return "Hold Timer Expired";
        case BGP_NOTIFY_FSM:
                return "Finite State Machine Error";
        case BGP_NOTIFY_CEASE:
                return "Cease";
        case BGP_NOTIFY_ROUTE_REFRESH:
                return "ROUTE-REFRESH Message Error";
        case BGP_NOTIFY_SEND_HOLD_TIMER:
                return "Send Hold Timer Expired";
        default:
                return "Unrecognized Error Code";
        }
}

#define UNRECOGNIZED "Unrecognized Error Subcode"

static const char *const header_names[] = {
    NULL,
    "Connection Not Synchronized",
    "Bad Message Length",
    "Bad Message Type",
};

/* Subcodes 5 (Authentication Failure) and 8-10 are deprecated (IANA), so unnamed. */
static const char *const open_names[] = {
    "Unspecific",
    "Unsupported Version Number",
    "Bad Peer AS",
    "Bad BGP Identifier",
    "Unsupported Optional Parameter",
    NULL,
    "Unacceptable Hold Time",
    "Unsupported Capability",
    NULL,
    NULL,
    NULL,
    "Role Mismatch",
};

/* Subcode 7 (AS Routing Loop) is deprecated (RFC 4271 6.3), so unnamed. */
static const char *const update_names[] = {
    "Unspecific",
    "Malformed Attribute List",
    "Unrecognized Well-known Attribute",
    "Missing Well-known Attribute",
    "Attribute Flags Error",
    "Attribute Length Error",
    "Invalid ORIGIN Attribute",
    NULL,
    "Invalid NEXT_HOP Attribute",
    "Optional Attribute Error",
    "Invalid Network Field",
    "Malformed AS_PATH",
};

/* RFC 6608 4. */
static const char *const fsm_names[] = {
    "Unspecific",
    "Receive Unexpected Message in OpenSent State",
    "Receive Unexpected Message in OpenConfirm State",
    "Receive Unexpected Message in Established State",
};

/* RFC 4486 4, RFC 8538 5, RFC 9384. */
static const char *const cease_names[] = {
    "Unspecific",
    "Maximum Number of Prefixes Reached",
    "Administrative Shutdown",
    "Peer De-configured",
    "Administrative Reset",
    "Connection Rejected",
    "Other Configuration Change",
    "Connection Collision Resolution",
    "Out of Resources",
    "Hard Reset",
    "BFD Down",
};

/* RFC 7313 5. */
static const char *const refresh_names[] = {
    "Unspecific",
    "Invalid Message Length",
};

#define LOOKUP(table, i)                                                                           \
        ((i) < sizeof(table) / sizeof((table)[0]) && (table)[i] != NULL ? (table)[i] : UNRECOGNIZED)

const char *bgp_notify_subcode_name(uint8_t code, uint8_t subcode)
{
        switch (code) {
        case BGP_NOTIFY_HEADER:
                return LOOKUP(header_names, subcode);
        case BGP_NOTIFY_OPEN:
                return LOOKUP(open_names, subcode);
        case BGP_NOTIFY_UPDATE:
                return LOOKUP(update_names, subcode);
        case BGP_NOTIFY_FSM:
                return LOOKUP(fsm_names, subcode);
        case BGP_NOTIFY_CEASE:
                return LOOKUP(cease_names, subcode);
        case BGP_NOTIFY_ROUTE_REFRESH:
                return LOOKUP(refresh_names, subcode);
        case BGP_NOTIFY_HOLD_TIMER:
        case BGP_NOTIFY_SEND_HOLD_TIMER:
                /* These codes define no subcodes; FRR prints nothing after the code. */
                return "";
        default:
                return UNRECOGNIZED;
        }
}
