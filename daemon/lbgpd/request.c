/*
 * request.c - the grammar of the control socket: vtysh's words in, a request out.
 */
#include "request.h"

#include <stdio.h>
#include <string.h>

static bool is(const char *w, const char *word)
{
        return strcmp(w, word) == 0;
}

/* show bgp ...: argv[0..1] are "show bgp". */
static enum lbgpd_request_status parse_show_bgp(int argc, char **argv, struct lbgpd_request *r)
{
        if (argc == 3 && is(argv[2], "summary")) {
                r->cmd = LBGPD_REQ_SHOW_SUMMARY;
                return LBGPD_REQUEST_OK;
        }
        if (argc >= 4 && argc <= 5 && is(argv[2], "ipv6") && is(argv[3], "unicast")) {
                r->cmd = LBGPD_REQ_SHOW_ROUTES;
                r->arg = argc == 5 ? argv[4] : NULL;
                return LBGPD_REQUEST_OK;
        }
        if (argc >= 3 && argc <= 5 && is(argv[2], "neighbors")) {
                r->peer = argc >= 4 ? argv[3] : NULL;
                if (argc <= 4)
                        r->cmd = LBGPD_REQ_SHOW_NEIGHBORS;
                else if (is(argv[4], "routes"))
                        r->cmd = LBGPD_REQ_SHOW_PEER_ROUTES;
                else if (is(argv[4], "received-routes"))
                        r->cmd = LBGPD_REQ_SHOW_RECEIVED;
                else if (is(argv[4], "advertised-routes"))
                        r->cmd = LBGPD_REQ_SHOW_ADVERTISED;
                else
                        return LBGPD_REQUEST_UNKNOWN;
                return LBGPD_REQUEST_OK;
        }
        return LBGPD_REQUEST_UNKNOWN;
}

static enum lbgpd_request_status parse_show(int argc, char **argv, struct lbgpd_request *r)
{
        if (argc >= 2 && is(argv[1], "bgp"))
                return parse_show_bgp(argc, argv, r);
        if (argc >= 3 && argc <= 4 && (is(argv[1], "ipv6") || is(argv[1], "ip")) &&
            is(argv[2], "prefix-list")) {
                r->cmd = LBGPD_REQ_SHOW_PREFIX_LIST;
                r->ipv4 = is(argv[1], "ip");
                r->arg = argc == 4 ? argv[3] : NULL;
                return LBGPD_REQUEST_OK;
        }
        if (argc >= 2 && argc <= 3 && is(argv[1], "route-map")) {
                r->cmd = LBGPD_REQ_SHOW_ROUTE_MAP;
                r->arg = argc == 3 ? argv[2] : NULL;
                return LBGPD_REQUEST_OK;
        }
        if (argc == 2 && is(argv[1], "running-config") && !r->json) {
                r->cmd = LBGPD_REQ_SHOW_RUNNING;
                return LBGPD_REQUEST_OK;
        }
        return LBGPD_REQUEST_UNKNOWN;
}

/* clear bgp ADDR|* [soft [in|out]] */
static enum lbgpd_request_status parse_clear(int argc, char **argv, struct lbgpd_request *r)
{
        if (argc < 3 || argc > 5 || !is(argv[1], "bgp") || r->json)
                return LBGPD_REQUEST_UNKNOWN;
        r->cmd = LBGPD_REQ_CLEAR;
        r->peer = argv[2];
        r->in = r->out = true;
        if (argc >= 4) {
                if (!is(argv[3], "soft"))
                        return LBGPD_REQUEST_UNKNOWN;
                r->soft = true;
        }
        if (argc == 5) {
                r->in = is(argv[4], "in");
                r->out = is(argv[4], "out");
                if (!r->in && !r->out)
                        return LBGPD_REQUEST_UNKNOWN;
        }
        return LBGPD_REQUEST_OK;
}

enum lbgpd_request_status lbgpd_request_parse(char *line, struct lbgpd_request *r)
{
        char *argv[LBGPD_REQUEST_MAX_WORDS], *save = NULL;
        int argc = 0;

        memset(r, 0, sizeof(*r));
        for (char *w = strtok_r(line, " \t\r", &save); w != NULL;
             w = strtok_r(NULL, " \t\r", &save)) {
                if (argc == LBGPD_REQUEST_MAX_WORDS)
                        return LBGPD_REQUEST_TOO_MANY_WORDS;
                argv[argc++] = w;
        }
        /* vtysh's "json" is the last word of the commands that have a JSON form. */
        if (argc > 0 && is(argv[argc - 1], "json")) {
                r->json = true;
                argc--;
        }
        if (argc == 0)
                return LBGPD_REQUEST_UNKNOWN;
        if (is(argv[0], "show"))
                return parse_show(argc, argv, r);
        if (is(argv[0], "clear"))
                return parse_clear(argc, argv, r);
        if (argc == 1 && is(argv[0], "reload") && !r->json) {
                r->cmd = LBGPD_REQ_RELOAD;
                return LBGPD_REQUEST_OK;
        }
        return LBGPD_REQUEST_UNKNOWN;
}

const char *lbgpd_request_error(enum lbgpd_request_status st)
{
        return st == LBGPD_REQUEST_TOO_MANY_WORDS ? "% Too many words\n" : "% Unknown command\n";
}

bool lbgpd_request_read_only(const struct lbgpd_request *r)
{
        switch (r->cmd) {
        case LBGPD_REQ_SHOW_SUMMARY:
        case LBGPD_REQ_SHOW_ROUTES:
        case LBGPD_REQ_SHOW_NEIGHBORS:
        case LBGPD_REQ_SHOW_PEER_ROUTES:
        case LBGPD_REQ_SHOW_RECEIVED:
        case LBGPD_REQ_SHOW_ADVERTISED:
        case LBGPD_REQ_SHOW_PREFIX_LIST:
        case LBGPD_REQ_SHOW_ROUTE_MAP:
                return true;
        case LBGPD_REQ_SHOW_RUNNING: /* it holds the TCP-MD5 passwords */
        case LBGPD_REQ_RELOAD:
        case LBGPD_REQ_CLEAR:
                return false;
        }
        return false;
}

int lbgpd_request_format(const struct lbgpd_request *r, char *buf, size_t len)
{
        const char *peer = r->peer != NULL ? r->peer : "";
        const char *arg = r->arg != NULL ? r->arg : "";
        const char *sep_peer = r->peer != NULL ? " " : "";
        const char *sep_arg = r->arg != NULL ? " " : "";
        const char *json = r->json ? " json" : "";
        int n = -1;

        switch (r->cmd) {
        case LBGPD_REQ_SHOW_SUMMARY:
                n = snprintf(buf, len, "show bgp summary%s", json);
                break;
        case LBGPD_REQ_SHOW_ROUTES:
                n = snprintf(buf, len, "show bgp ipv6 unicast%s%s%s", sep_arg, arg, json);
                break;
        case LBGPD_REQ_SHOW_NEIGHBORS:
                n = snprintf(buf, len, "show bgp neighbors%s%s%s", sep_peer, peer, json);
                break;
        case LBGPD_REQ_SHOW_PEER_ROUTES:
        case LBGPD_REQ_SHOW_RECEIVED:
        case LBGPD_REQ_SHOW_ADVERTISED: {
                const char *what = r->cmd == LBGPD_REQ_SHOW_PEER_ROUTES ? "routes"
                                   : r->cmd == LBGPD_REQ_SHOW_RECEIVED  ? "received-routes"
                                                                        : "advertised-routes";
                n = snprintf(buf, len, "show bgp neighbors %s %s%s", peer, what, json);
                break;
        }
        case LBGPD_REQ_SHOW_PREFIX_LIST:
                n = snprintf(buf, len, "show %s prefix-list%s%s%s", r->ipv4 ? "ip" : "ipv6",
                             sep_arg, arg, json);
                break;
        case LBGPD_REQ_SHOW_ROUTE_MAP:
                n = snprintf(buf, len, "show route-map%s%s%s", sep_arg, arg, json);
                break;
        case LBGPD_REQ_SHOW_RUNNING:
                n = snprintf(buf, len, "show running-config");
                break;
        case LBGPD_REQ_RELOAD:
                n = snprintf(buf, len, "reload");
                break;
        case LBGPD_REQ_CLEAR:
                n = snprintf(buf, len, "clear bgp %s%s%s", peer, r->soft ? " soft" : "",
                             !r->soft || (r->in && r->out) ? "" : r->in ? " in" : " out");
                break;
        }
        return n < 0 || (size_t)n >= len ? -1 : n;
}
