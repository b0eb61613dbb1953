/* check_route_refresh.c - ROUTE-REFRESH, RFC 2918 and RFC 7313. */
#include <check.h>
#include <string.h>

#include <bgp/bgp.h>

#include "testutil.h"

static struct bgp_codec_opts opts;

static void setup(void)
{
        bgp_codec_opts_init(&opts);
}

START_TEST(round_trip_subtypes)
{
        static const uint8_t subtypes[] = {BGP_REFRESH_NORMAL, BGP_REFRESH_BORR, BGP_REFRESH_EORR};
        for (size_t i = 0; i < sizeof(subtypes) / sizeof(subtypes[0]); i++) {
                uint8_t buf[64];
                struct bgp_route_refresh rr = {BGP_AFI_IPV6, subtypes[i], BGP_SAFI_UNICAST};
                struct bgp_msg msg;
                struct bgp_verdict v;
                int n = bgp_route_refresh_encode(buf, sizeof(buf), &rr);
                ck_assert_int_eq(n, 23);
                /* RFC 7313 3: AFI, Message Subtype, SAFI. */
                static const uint8_t tail[] = {BGP_MSG_ROUTE_REFRESH, 0x00, 0x02};
                ck_assert_mem_eq(buf + 18, tail, sizeof(tail));
                ck_assert_uint_eq(buf[21], subtypes[i]);
                ck_assert_uint_eq(buf[22], BGP_SAFI_UNICAST);
                ck_assert_int_eq(bgp_msg_decode(buf, (size_t)n, &opts, &msg, &v), 0);
                ck_assert_int_eq(v.action, BGP_ACTION_OK);
                ck_assert_uint_eq(msg.hdr.type, BGP_MSG_ROUTE_REFRESH);
                ck_assert_uint_eq(msg.u.refresh.afi, BGP_AFI_IPV6);
                ck_assert_uint_eq(msg.u.refresh.subtype, subtypes[i]);
                ck_assert_uint_eq(msg.u.refresh.safi, BGP_SAFI_UNICAST);
        }
        uint8_t small[22];
        struct bgp_route_refresh rr = {BGP_AFI_IPV4, 0, BGP_SAFI_UNICAST};
        ck_assert_int_eq(bgp_route_refresh_encode(small, sizeof(small), &rr), BGP_ERR_NOSPACE);
}
END_TEST

/* RFC 7313 5: a wrong length is 7/1 with the complete message as data. */
START_TEST(bad_length)
{
        static const char *const bad[] = {
            "",              /* nothing */
            "0001 01",       /* 3 octets */
            "0001 01 01 00", /* subtype 1, 5 octets */
            "0002 02 01 00", /* subtype 2, 5 octets */
            "0001 00 01 00", /* subtype 0, 5 octets: ORF is never negotiated */
        };
        for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
                uint8_t buf[64];
                struct bgp_msg msg;
                struct bgp_verdict v;
                size_t n = tu_msg(BGP_MSG_ROUTE_REFRESH, bad[i], buf, sizeof(buf));
                ck_assert_int_eq(bgp_msg_decode(buf, n, &opts, &msg, &v), BGP_ERR_MALFORMED);
                ck_assert_int_eq(v.action, BGP_ACTION_SESSION_RESET);
                ck_assert_uint_eq(v.code, BGP_NOTIFY_ROUTE_REFRESH);
                ck_assert_uint_eq(v.subcode, BGP_NOTIFY_REFRESH_BAD_LENGTH);
                ck_assert_ptr_eq(v.data, buf);
                ck_assert_uint_eq(v.data_len, n);
        }
}
END_TEST

/* RFC 7313 4: other subtypes MUST be ignored: no error, the subtype tells the caller. */
START_TEST(unknown_subtypes)
{
        static const char *const ignored[] = {"0001 03 01", "0001 fe 01", "0002 ff 01",
                                              "0001 07 01 00 00"};
        static const uint8_t subtype[] = {3, 254, 255, 7};
        for (size_t i = 0; i < sizeof(ignored) / sizeof(ignored[0]); i++) {
                uint8_t buf[64];
                struct bgp_msg msg;
                struct bgp_verdict v;
                size_t n = tu_msg(BGP_MSG_ROUTE_REFRESH, ignored[i], buf, sizeof(buf));
                ck_assert_int_eq(bgp_msg_decode(buf, n, &opts, &msg, &v), 0);
                ck_assert_int_eq(v.action, BGP_ACTION_OK);
                ck_assert_uint_eq(msg.u.refresh.subtype, subtype[i]);
        }
}
END_TEST

START_TEST(direct_decode)
{
        uint8_t body[8];
        struct bgp_route_refresh rr;
        struct bgp_verdict v;
        size_t n = tu_hex("0001 00 02", body, sizeof(body));
        ck_assert_int_eq(bgp_route_refresh_decode(body, n, &rr, &v), 0);
        ck_assert_uint_eq(rr.afi, 1);
        ck_assert_uint_eq(rr.subtype, 0);
        ck_assert_uint_eq(rr.safi, 2);
        ck_assert_int_eq(bgp_route_refresh_decode(body, 3, &rr, &v), BGP_ERR_MALFORMED);
        ck_assert_uint_eq(v.code, BGP_NOTIFY_ROUTE_REFRESH);
        ck_assert_uint_eq(v.subcode, BGP_NOTIFY_REFRESH_BAD_LENGTH);
}
END_TEST

static Suite *route_refresh_suite(void)
{
        Suite *s = suite_create("route_refresh");
        TCase *tc = tcase_create("route_refresh");
        tcase_add_checked_fixture(tc, setup, NULL);
        tcase_add_test(tc, round_trip_subtypes);
        tcase_add_test(tc, bad_length);
        tcase_add_test(tc, unknown_subtypes);
        tcase_add_test(tc, direct_decode);
        suite_add_tcase(s, tc);
        return s;
}

int main(void)
{
        return tu_run(route_refresh_suite());
}
