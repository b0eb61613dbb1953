/* check_notification.c - NOTIFICATION (RFC 4271 4.5), RFC 9003 shutdown communication,
 * code and subcode names, and well-known community names. */
#include <check.h>
#include <string.h>

#include <bgp/bgp.h>

#include "testutil.h"

static struct bgp_codec_opts opts;

static void setup(void)
{
        bgp_codec_opts_init(&opts);
}

/* Decodes a whole NOTIFICATION message through bgp_msg_decode. */
static void decode_msg(const uint8_t *buf, size_t len, struct bgp_notification *n)
{
        struct bgp_msg msg;
        struct bgp_verdict v;
        ck_assert_int_eq(bgp_msg_decode(buf, len, &opts, &msg, &v), 0);
        ck_assert_int_eq(v.action, BGP_ACTION_OK);
        ck_assert_uint_eq(msg.hdr.type, BGP_MSG_NOTIFICATION);
        *n = msg.u.notification;
}

START_TEST(round_trip)
{
        uint8_t buf[4096];
        struct bgp_notification n;
        static const uint8_t data[] = {0x00, 0x04};

        int len = bgp_notification_encode(buf, sizeof(buf), 2, 1, data, sizeof(data));
        ck_assert_int_eq(len, 23);
        ck_assert_uint_eq((unsigned)buf[16] << 8 | buf[17], 23);
        ck_assert_uint_eq(buf[18], BGP_MSG_NOTIFICATION);
        decode_msg(buf, (size_t)len, &n);
        ck_assert_uint_eq(n.code, 2);
        ck_assert_uint_eq(n.subcode, 1);
        ck_assert_uint_eq(n.data_len, 2);
        ck_assert_ptr_eq(n.data, buf + 21);
        ck_assert_mem_eq(n.data, data, 2);

        len = bgp_notification_encode(buf, sizeof(buf), 4, 0, NULL, 0);
        ck_assert_int_eq(len, 21);
        decode_msg(buf, (size_t)len, &n);
        ck_assert_uint_eq(n.code, 4);
        ck_assert_uint_eq(n.subcode, 0);
        ck_assert_uint_eq(n.data_len, 0);
        ck_assert_ptr_null(n.data);
}
END_TEST

START_TEST(decode_short)
{
        uint8_t body[2] = {6, 2};
        struct bgp_notification n;
        struct bgp_verdict v;
        ck_assert_int_eq(bgp_notification_decode(body, 1, &n, &v), BGP_ERR_MALFORMED);
        ck_assert_int_eq(v.action, BGP_ACTION_SESSION_RESET);
        ck_assert_uint_eq(v.code, BGP_NOTIFY_HEADER);
        ck_assert_uint_eq(v.subcode, BGP_NOTIFY_HEADER_BAD_LENGTH);
        ck_assert_int_eq(bgp_notification_decode(body, 2, &n, &v), 0);
        ck_assert_uint_eq(n.code, 6);
        ck_assert_uint_eq(n.subcode, 2);
}
END_TEST

START_TEST(encode_limits)
{
        static uint8_t buf[8192], data[8192];
        /* 19 + 2 + 4075 = 4096: the largest that fits; one more is no space. */
        ck_assert_int_eq(bgp_notification_encode(buf, sizeof(buf), 3, 1, data, 4075), 4096);
        ck_assert_int_eq(bgp_notification_encode(buf, sizeof(buf), 3, 1, data, 4076),
                         BGP_ERR_NOSPACE);
        ck_assert_int_eq(bgp_notification_encode(buf, 22, 3, 1, data, 2), BGP_ERR_NOSPACE);
        ck_assert_int_eq(bgp_notification_encode(buf, sizeof(buf), 3, 1, NULL, 2),
                         BGP_ERR_INVALID_ARGUMENT);
}
END_TEST

START_TEST(shutdown_text_with_nul_is_refused)
{
        /* Cease/2 with "ab\0cd": the length octet says 5, the text would print as "ab". */
        static const uint8_t data[] = {5, 'a', 'b', 0, 'c', 'd'};
        struct bgp_notification n = {BGP_NOTIFY_CEASE, BGP_NOTIFY_CEASE_ADMIN_SHUTDOWN, data,
                                     sizeof(data)};
        char text[256];
        ck_assert_int_eq(bgp_notification_shutdown_text(&n, text, sizeof(text)), BGP_ERR_MALFORMED);
}
END_TEST

START_TEST(shutdown_round_trip)
{
        uint8_t buf[4096];
        char text[256];
        struct bgp_notification n;
        /* UTF-8 with 2-, 3- and 4-octet sequences. */
        const char *msg = "maintenance \xc3\xa9t\xc3\xa9 \xe2\x98\x83 \xf0\x9f\x9b\xa0 until 12:00";

        for (uint8_t sub = 2; sub <= 4; sub += 2) {
                int len = bgp_notification_encode_shutdown(buf, sizeof(buf), sub, msg);
                ck_assert_int_eq(len, 19 + 2 + 1 + (int)strlen(msg));
                decode_msg(buf, (size_t)len, &n);
                ck_assert_uint_eq(n.code, BGP_NOTIFY_CEASE);
                ck_assert_uint_eq(n.subcode, sub);
                ck_assert_uint_eq(n.data[0], strlen(msg));
                ck_assert_int_eq(bgp_notification_shutdown_text(&n, text, sizeof(text)),
                                 (int)strlen(msg));
                ck_assert_str_eq(text, msg);
                /* The text buffer must hold the text and its NUL. */
                ck_assert_int_eq(bgp_notification_shutdown_text(&n, text, strlen(msg)),
                                 BGP_ERR_NOSPACE);
        }
}
END_TEST

START_TEST(shutdown_lengths)
{
        uint8_t buf[4096];
        char text[256], longest[257];
        struct bgp_notification n;

        /* RFC 9003 2: up to 255 octets. */
        memset(longest, 'x', 255);
        longest[255] = '\0';
        int len = bgp_notification_encode_shutdown(buf, sizeof(buf), 2, longest);
        ck_assert_int_eq(len, 19 + 2 + 256);
        decode_msg(buf, (size_t)len, &n);
        ck_assert_int_eq(bgp_notification_shutdown_text(&n, text, sizeof(text)), 255);
        ck_assert_str_eq(text, longest);
        longest[255] = 'x';
        longest[256] = '\0';
        ck_assert_int_eq(bgp_notification_encode_shutdown(buf, sizeof(buf), 2, longest),
                         BGP_ERR_INVALID_ARGUMENT);

        /* An empty communication: a zero length octet, which carries no text. */
        len = bgp_notification_encode_shutdown(buf, sizeof(buf), 4, "");
        ck_assert_int_eq(len, 22);
        ck_assert_uint_eq(buf[21], 0);
        decode_msg(buf, (size_t)len, &n);
        ck_assert_int_eq(bgp_notification_shutdown_text(&n, text, sizeof(text)), BGP_ERR_EOF);

        /* Only Administrative Shutdown and Reset carry one. */
        ck_assert_int_eq(bgp_notification_encode_shutdown(buf, sizeof(buf), 3, "x"),
                         BGP_ERR_INVALID_ARGUMENT);
}
END_TEST

START_TEST(shutdown_bad_utf8_encode)
{
        static const char *const bad[] = {
            "\xc0\x80",         /* overlong NUL */
            "\xe0\x80\xaf",     /* overlong '/' */
            "\xed\xa0\x80",     /* surrogate */
            "\xf4\x90\x80\x80", /* above U+10FFFF */
            "\xf5\x80\x80\x80", /* never a lead octet */
            "ok \xe2\x82",      /* truncated */
            "\x80",             /* lone continuation */
            "\xff",
        };
        uint8_t buf[512];
        for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
                ck_assert_msg(bgp_notification_encode_shutdown(buf, sizeof(buf), 2, bad[i]) ==
                                  BGP_ERR_INVALID_ARGUMENT,
                              "case %zu", i);
}
END_TEST

/* Decodes a Cease NOTIFICATION body given in hex and asks for its communication. */
static int shutdown_of(const char *body_hex, char *text, size_t cap)
{
        uint8_t buf[512];
        struct bgp_notification n;
        size_t len = tu_msg(BGP_MSG_NOTIFICATION, body_hex, buf, sizeof(buf));
        ck_assert_uint_gt(len, 19);
        decode_msg(buf, len, &n);
        return bgp_notification_shutdown_text(&n, text, cap);
}

START_TEST(shutdown_decode)
{
        char text[256];
        ck_assert_int_eq(shutdown_of("06 02 05 68656c6c6f", text, sizeof(text)), 5);
        ck_assert_str_eq(text, "hello");
        ck_assert_int_eq(shutdown_of("06 04 02 c3a9", text, sizeof(text)), 2);
        ck_assert_str_eq(text, "\xc3\xa9");

        /* None: no data, a zero length, or a code/subcode that has none. */
        ck_assert_int_eq(shutdown_of("06 02", text, sizeof(text)), BGP_ERR_EOF);
        ck_assert_int_eq(shutdown_of("06 02 00", text, sizeof(text)), BGP_ERR_EOF);
        ck_assert_int_eq(shutdown_of("06 03 05 68656c6c6f", text, sizeof(text)), BGP_ERR_EOF);
        ck_assert_int_eq(shutdown_of("02 02 05 68656c6c6f", text, sizeof(text)), BGP_ERR_EOF);

        /* Malformed: truncated, longer than announced, or not UTF-8. */
        ck_assert_int_eq(shutdown_of("06 02 0a 68656c6c6f", text, sizeof(text)), BGP_ERR_MALFORMED);
        ck_assert_int_eq(shutdown_of("06 02 04 68656c6c6f", text, sizeof(text)), BGP_ERR_MALFORMED);
        ck_assert_int_eq(shutdown_of("06 02 02 c328", text, sizeof(text)), BGP_ERR_MALFORMED);
        ck_assert_int_eq(shutdown_of("06 02 03 eda080", text, sizeof(text)), BGP_ERR_MALFORMED);
        ck_assert_int_eq(shutdown_of("06 04 02 e282", text, sizeof(text)), BGP_ERR_MALFORMED);
}
END_TEST

START_TEST(names)
{
        ck_assert_str_eq(bgp_notify_code_name(1), "Message Header Error");
        ck_assert_str_eq(bgp_notify_subcode_name(1, 1), "Connection Not Synchronized");
        ck_assert_str_eq(bgp_notify_subcode_name(1, 2), "Bad Message Length");
        ck_assert_str_eq(bgp_notify_code_name(2), "OPEN Message Error");
        ck_assert_str_eq(bgp_notify_subcode_name(2, 0), "Unspecific");
        ck_assert_str_eq(bgp_notify_subcode_name(2, 1), "Unsupported Version Number");
        ck_assert_str_eq(bgp_notify_subcode_name(2, 6), "Unacceptable Hold Time");
        ck_assert_str_eq(bgp_notify_subcode_name(2, 7), "Unsupported Capability");
        ck_assert_str_eq(bgp_notify_subcode_name(2, 11), "Role Mismatch");
        ck_assert_str_eq(bgp_notify_code_name(3), "UPDATE Message Error");
        ck_assert_str_eq(bgp_notify_subcode_name(3, 1), "Malformed Attribute List");
        ck_assert_str_eq(bgp_notify_subcode_name(3, 11), "Malformed AS_PATH");
        ck_assert_str_eq(bgp_notify_code_name(4), "Hold Timer Expired");
        ck_assert_str_eq(bgp_notify_subcode_name(4, 0), "");
        ck_assert_str_eq(bgp_notify_code_name(5), "Finite State Machine Error");
        ck_assert_str_eq(bgp_notify_subcode_name(5, 1),
                         "Receive Unexpected Message in OpenSent State");
        ck_assert_str_eq(bgp_notify_subcode_name(5, 3),
                         "Receive Unexpected Message in Established State");
        ck_assert_str_eq(bgp_notify_code_name(6), "Cease");
        ck_assert_str_eq(bgp_notify_subcode_name(6, 1), "Maximum Number of Prefixes Reached");
        ck_assert_str_eq(bgp_notify_subcode_name(6, 2), "Administrative Shutdown");
        ck_assert_str_eq(bgp_notify_subcode_name(6, 4), "Administrative Reset");
        ck_assert_str_eq(bgp_notify_subcode_name(6, 10), "BFD Down");
        ck_assert_str_eq(bgp_notify_code_name(7), "ROUTE-REFRESH Message Error");
        ck_assert_str_eq(bgp_notify_subcode_name(7, 1), "Invalid Message Length");
        ck_assert_str_eq(bgp_notify_code_name(8), "Send Hold Timer Expired");
        /* Unknown values still have a name. */
        for (unsigned code = 0; code < 256; code++) {
                ck_assert_ptr_nonnull(bgp_notify_code_name((uint8_t)code));
                for (unsigned sub = 0; sub < 256; sub++)
                        ck_assert_ptr_nonnull(bgp_notify_subcode_name((uint8_t)code, (uint8_t)sub));
        }
        ck_assert_str_eq(bgp_notify_code_name(0), "Unrecognized Error Code");
        ck_assert_str_eq(bgp_notify_code_name(9), "Unrecognized Error Code");
        ck_assert_str_eq(bgp_notify_subcode_name(2, 5), "Unrecognized Error Subcode");
        ck_assert_str_eq(bgp_notify_subcode_name(6, 11), "Unrecognized Error Subcode");
        ck_assert_str_eq(bgp_notify_subcode_name(1, 0), "Unrecognized Error Subcode");
}
END_TEST

START_TEST(community_names)
{
        static const struct {
                uint32_t value;
                const char *name;
        } known[] = {
            {0xFFFFFF01u, "no-export"},
            {0xFFFFFF02u, "no-advertise"},
            {0xFFFFFF03u, "local-AS"},
            {0xFFFFFF04u, "no-peer"},
            {0xFFFF0000u, "graceful-shutdown"},
            {0xFFFF0001u, "accept-own"},
            {0xFFFF0002u, "route-filter-translated-v4"},
            {0xFFFF0003u, "route-filter-v4"},
            {0xFFFF0004u, "route-filter-translated-v6"},
            {0xFFFF0005u, "route-filter-v6"},
            {0xFFFF0006u, "llgr-stale"},
            {0xFFFF0007u, "no-llgr"},
            {0xFFFF0008u, "accept-own-nexthop"},
            {0xFFFF029Au, "blackhole"},
        };
        for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
                ck_assert_str_eq(bgp_community_name(known[i].value), known[i].name);
        ck_assert_ptr_null(bgp_community_name(0));
        ck_assert_ptr_null(bgp_community_name(0xFFFF0009u));
        ck_assert_ptr_null(bgp_community_name(0xFFFFFF05u));
        ck_assert_ptr_null(bgp_community_name((65001u << 16) | 666));
}
END_TEST

static Suite *notification_suite(void)
{
        Suite *s = suite_create("notification");
        TCase *tc = tcase_create("notification");
        tcase_add_checked_fixture(tc, setup, NULL);
        tcase_add_test(tc, round_trip);
        tcase_add_test(tc, decode_short);
        tcase_add_test(tc, encode_limits);
        tcase_add_test(tc, shutdown_round_trip);
        tcase_add_test(tc, shutdown_text_with_nul_is_refused);
        tcase_add_test(tc, shutdown_lengths);
        tcase_add_test(tc, shutdown_bad_utf8_encode);
        tcase_add_test(tc, shutdown_decode);
        suite_add_tcase(s, tc);
        TCase *names_tc = tcase_create("names");
        tcase_add_test(names_tc, names);
        tcase_add_test(names_tc, community_names);
        suite_add_tcase(s, names_tc);
        return s;
}

int main(void)
{
        return tu_run(notification_suite());
}
