/* check_header.c - the message header, RFC 4271 section 6.1, and KEEPALIVE. */
#include <check.h>
#include <string.h>

#include <bgp/bgp.h>

#include "testutil.h"

static struct bgp_codec_opts opts;

static void setup(void)
{
        bgp_codec_opts_init(&opts);
}

START_TEST(keepalive_round_trip)
{
        uint8_t buf[64];
        struct bgp_msg msg;
        struct bgp_verdict v;
        int n = bgp_keepalive_encode(buf, sizeof(buf));
        ck_assert_int_eq(n, 19);
        ck_assert_int_eq(bgp_msg_decode(buf, (size_t)n, &opts, &msg, &v), 0);
        ck_assert_int_eq(msg.hdr.type, BGP_MSG_KEEPALIVE);
        ck_assert_int_eq(v.action, BGP_ACTION_OK);
        ck_assert_int_eq(bgp_keepalive_encode(buf, 18), BGP_ERR_NOSPACE);
}
END_TEST

START_TEST(short_header)
{
        uint8_t buf[19];
        struct bgp_header h;
        struct bgp_verdict v;
        memset(buf, 0xff, sizeof(buf));
        ck_assert_int_eq(bgp_header_decode(buf, 18, &opts, &h, &v), BGP_ERR_SHORT);
}
END_TEST

START_TEST(bad_marker)
{
        uint8_t buf[64];
        struct bgp_header h;
        struct bgp_verdict v;
        size_t n = tu_msg(BGP_MSG_KEEPALIVE, "", buf, sizeof(buf));
        buf[5] = 0xfe;
        ck_assert_int_eq(bgp_header_decode(buf, n, &opts, &h, &v), BGP_ERR_MALFORMED);
        ck_assert_int_eq(v.action, BGP_ACTION_SESSION_RESET);
        ck_assert_int_eq(v.code, 1);
        ck_assert_int_eq(v.subcode, 1);
}
END_TEST

START_TEST(bad_length)
{
        static const struct {
                uint8_t type;
                uint16_t len;
                bool ext;
        } cases[] = {
            {BGP_MSG_KEEPALIVE, 18, false},    {BGP_MSG_KEEPALIVE, 20, false},
            {BGP_MSG_OPEN, 28, false},         {BGP_MSG_UPDATE, 22, false},
            {BGP_MSG_NOTIFICATION, 20, false}, {BGP_MSG_UPDATE, 4097, false},
            {BGP_MSG_OPEN, 4097, true},        {BGP_MSG_KEEPALIVE, 4097, true},
        };
        for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
                uint8_t buf[19];
                struct bgp_header h;
                struct bgp_verdict v;
                memset(buf, 0xff, 16);
                buf[16] = (uint8_t)(cases[i].len >> 8);
                buf[17] = (uint8_t)cases[i].len;
                buf[18] = cases[i].type;
                opts.ext_msg = cases[i].ext;
                ck_assert_int_eq(bgp_header_decode(buf, 19, &opts, &h, &v), BGP_ERR_MALFORMED);
                ck_assert_int_eq(v.code, BGP_NOTIFY_HEADER);
                ck_assert_int_eq(v.subcode, BGP_NOTIFY_HEADER_BAD_LENGTH);
                /* RFC 4271 6.1: the data is the erroneous Length field. */
                ck_assert_uint_eq(v.data_len, 2);
                ck_assert_mem_eq(v.data, buf + 16, 2);
        }
}
END_TEST

START_TEST(ext_msg_allows_large_update)
{
        uint8_t buf[19];
        struct bgp_header h;
        struct bgp_verdict v;
        memset(buf, 0xff, 16);
        buf[16] = 0x20; /* 8192 */
        buf[17] = 0x00;
        buf[18] = BGP_MSG_UPDATE;
        opts.ext_msg = true;
        ck_assert_int_eq(bgp_header_decode(buf, 19, &opts, &h, &v), 0);
        ck_assert_uint_eq(h.length, 8192);
}
END_TEST

START_TEST(bad_type)
{
        uint8_t buf[64];
        struct bgp_header h;
        struct bgp_verdict v;
        size_t n = tu_msg(9, "", buf, sizeof(buf));
        ck_assert_int_eq(bgp_header_decode(buf, n, &opts, &h, &v), BGP_ERR_MALFORMED);
        ck_assert_int_eq(v.code, 1);
        ck_assert_int_eq(v.subcode, 3);
        ck_assert_uint_eq(v.data_len, 1);
        ck_assert_uint_eq(v.data[0], 9);
}
END_TEST

START_TEST(families_parse)
{
        uint32_t f = 0;
        ck_assert_int_eq(bgp_families_parse("ipv6-unicast,ipv4-unicast", &f), 0);
        ck_assert_uint_eq(f, BGP_FAMILY_IPV6_UNICAST | BGP_FAMILY_IPV4_UNICAST);
        ck_assert_int_eq(bgp_families_parse("ipv6-multicast", &f), 0);
        ck_assert_uint_eq(f, BGP_FAMILY_IPV6_MULTICAST);
        ck_assert_int_eq(bgp_families_parse("ipv6-unicast,ipv5", &f), BGP_ERR_INVALID_ARGUMENT);
        ck_assert_int_eq(bgp_families_parse("ipv6", &f), BGP_ERR_INVALID_ARGUMENT);
        ck_assert_int_eq(bgp_families_parse("", &f), BGP_ERR_INVALID_ARGUMENT);
        ck_assert_int_eq(bgp_families_parse(",", &f), BGP_ERR_INVALID_ARGUMENT);
}
END_TEST

static Suite *header_suite(void)
{
        Suite *s = suite_create("header");
        TCase *tc = tcase_create("header");
        tcase_add_checked_fixture(tc, setup, NULL);
        tcase_add_test(tc, keepalive_round_trip);
        tcase_add_test(tc, short_header);
        tcase_add_test(tc, bad_marker);
        tcase_add_test(tc, bad_length);
        tcase_add_test(tc, ext_msg_allows_large_update);
        tcase_add_test(tc, bad_type);
        tcase_add_test(tc, families_parse);
        suite_add_tcase(s, tc);
        return s;
}

int main(void)
{
        return tu_run(header_suite());
}
