/* check_request.c - the control socket's grammar: vtysh's words to a request, and back. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "request.h"

static struct lbgpd_request req;
static char line[1024];

static enum lbgpd_request_status parse(const char *text)
{
        snprintf(line, sizeof(line), "%s", text);
        return lbgpd_request_parse(line, &req);
}

/* Parses text, formats the request and checks the canonical line is want. */
static void canonical(const char *text, const char *want)
{
        char buf[1024];
        ck_assert_int_eq(parse(text), LBGPD_REQUEST_OK);
        ck_assert_int_ge(lbgpd_request_format(&req, buf, sizeof(buf)), 0);
        ck_assert_str_eq(buf, want);
}

START_TEST(show_commands)
{
        ck_assert_int_eq(parse("show bgp summary json"), LBGPD_REQUEST_OK);
        ck_assert_int_eq(req.cmd, LBGPD_REQ_SHOW_SUMMARY);
        ck_assert(req.json);

        ck_assert_int_eq(parse("show bgp ipv6 unicast 2a06:9801:1c::/48"), LBGPD_REQUEST_OK);
        ck_assert_int_eq(req.cmd, LBGPD_REQ_SHOW_ROUTES);
        ck_assert_str_eq(req.arg, "2a06:9801:1c::/48");
        ck_assert(!req.json);

        ck_assert_int_eq(parse("show bgp neighbors 2001:db8:300::1 received-routes json"),
                         LBGPD_REQUEST_OK);
        ck_assert_int_eq(req.cmd, LBGPD_REQ_SHOW_RECEIVED);
        ck_assert_str_eq(req.peer, "2001:db8:300::1");
        ck_assert(req.json);

        ck_assert_int_eq(parse("show bgp neighbors"), LBGPD_REQUEST_OK);
        ck_assert_int_eq(req.cmd, LBGPD_REQ_SHOW_NEIGHBORS);
        ck_assert_ptr_null(req.peer);

        ck_assert_int_eq(parse("show ip prefix-list PL-X"), LBGPD_REQUEST_OK);
        ck_assert_int_eq(req.cmd, LBGPD_REQ_SHOW_PREFIX_LIST);
        ck_assert(req.ipv4);
        ck_assert_str_eq(req.arg, "PL-X");

        ck_assert_int_eq(parse("show route-map json"), LBGPD_REQUEST_OK);
        ck_assert_int_eq(req.cmd, LBGPD_REQ_SHOW_ROUTE_MAP);
        ck_assert_ptr_null(req.arg);
        ck_assert(req.json);
}
END_TEST

START_TEST(clear_and_reload)
{
        ck_assert_int_eq(parse("clear bgp *"), LBGPD_REQUEST_OK);
        ck_assert_int_eq(req.cmd, LBGPD_REQ_CLEAR);
        ck_assert_str_eq(req.peer, "*");
        ck_assert(!req.soft && req.in && req.out);

        ck_assert_int_eq(parse("clear bgp 2001:db8:100::ff soft in"), LBGPD_REQUEST_OK);
        ck_assert(req.soft && req.in && !req.out);
        ck_assert_int_eq(parse("clear bgp 2001:db8:100::ff soft"), LBGPD_REQUEST_OK);
        ck_assert(req.soft && req.in && req.out);

        ck_assert_int_eq(parse("reload"), LBGPD_REQUEST_OK);
        ck_assert_int_eq(req.cmd, LBGPD_REQ_RELOAD);
}
END_TEST

START_TEST(unknown_and_malformed)
{
        static const char *const bad[] = {
            "",
            "   \t ",
            "json",
            "show",
            "show bgp",
            "show bgp summary extra",
            "show bgp ipv6 multicast",
            "show bgp neighbors 2001:db8::1 rib",
            "show running-config json", /* no JSON form: vtysh refuses it too */
            "reload json",
            "reload now",
            "clear bgp",
            "clear bgp * hard",
            "clear bgp * soft both",
            "clear bgp * soft in json",
            "clear ip bgp *",
            "SHOW bgp summary",
        };
        for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
                ck_assert_msg(parse(bad[i]) == LBGPD_REQUEST_UNKNOWN, "accepted \"%s\"", bad[i]);
                ck_assert_str_eq(lbgpd_request_error(LBGPD_REQUEST_UNKNOWN), "% Unknown command\n");
        }
        /* Words are bounded before anything is looked at. */
        char many[256] = "show";
        for (int i = 0; i < LBGPD_REQUEST_MAX_WORDS; i++)
                strcat(many, " x");
        ck_assert_int_eq(parse(many), LBGPD_REQUEST_TOO_MANY_WORDS);
        ck_assert_str_eq(lbgpd_request_error(LBGPD_REQUEST_TOO_MANY_WORDS), "% Too many words\n");
}
END_TEST

/* Only show commands on the read-only socket, and not the running configuration: it holds
 * the TCP-MD5 passwords. */
START_TEST(read_only_socket)
{
        static const struct {
                const char *line;
                bool ro;
        } cases[] = {
            {"show bgp summary", true},
            {"show bgp ipv6 unicast", true},
            {"show bgp neighbors 2001:db8::1 advertised-routes", true},
            {"show ipv6 prefix-list", true},
            {"show route-map RM-IFOG-IN", true},
            {"show running-config", false},
            {"reload", false},
            {"clear bgp * soft out", false},
        };
        for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
                ck_assert_int_eq(parse(cases[i].line), LBGPD_REQUEST_OK);
                ck_assert_msg(lbgpd_request_read_only(&req) == cases[i].ro, "%s", cases[i].line);
        }
}
END_TEST

START_TEST(canonical_text)
{
        canonical("  show\tbgp   summary  json\r", "show bgp summary json");
        canonical("show bgp neighbors 2001:db8::1 routes", "show bgp neighbors 2001:db8::1 routes");
        canonical("show bgp ipv6 unicast json", "show bgp ipv6 unicast json");
        canonical("show route-map json json", "show route-map json json");
        canonical("clear bgp * soft in", "clear bgp * soft in");
        canonical("clear bgp * soft", "clear bgp * soft");
        canonical("show ipv6 prefix-list PL-BOGONS json", "show ipv6 prefix-list PL-BOGONS json");
        /* A buffer too small is an error, not a cut line. */
        char small[8];
        ck_assert_int_eq(parse("show bgp summary"), LBGPD_REQUEST_OK);
        ck_assert_int_eq(lbgpd_request_format(&req, small, sizeof(small)), -1);
}
END_TEST

int main(void)
{
        Suite *s = suite_create("lbgpd_request");
        TCase *tc = tcase_create("request");
        tcase_add_test(tc, show_commands);
        tcase_add_test(tc, clear_and_reload);
        tcase_add_test(tc, unknown_and_malformed);
        tcase_add_test(tc, read_only_socket);
        tcase_add_test(tc, canonical_text);
        suite_add_tcase(s, tc);
        SRunner *sr = srunner_create(s);
        srunner_run_all(sr, CK_NORMAL);
        int failed = srunner_ntests_failed(sr);
        srunner_free(sr);
        return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
