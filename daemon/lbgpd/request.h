/*
 * request.h - one control-socket command line, parsed into what it asks for.
 *
 * lbgpctl sends vtysh's words on one line ("show bgp neighbors 2001:db8::1 received-routes
 * json").  Parsing is kept apart from running, with no access to the daemon, so that the
 * grammar is a pure function of the line: the fuzz target fuzz/fuzz_ctl.c feeds it every
 * line it can make up, and control.c only dispatches on the result.
 */
#ifndef LBGPD_REQUEST_H
#define LBGPD_REQUEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Lines longer than this are refused before they are parsed. */
#define LBGPD_REQUEST_MAX_LINE  512
#define LBGPD_REQUEST_MAX_WORDS 16

enum lbgpd_request_cmd {
        LBGPD_REQ_SHOW_SUMMARY,     /* show bgp summary */
        LBGPD_REQ_SHOW_ROUTES,      /* show bgp ipv6 unicast [PREFIX] */
        LBGPD_REQ_SHOW_NEIGHBORS,   /* show bgp neighbors [ADDR] */
        LBGPD_REQ_SHOW_PEER_ROUTES, /* show bgp neighbors ADDR routes */
        LBGPD_REQ_SHOW_RECEIVED,    /* show bgp neighbors ADDR received-routes */
        LBGPD_REQ_SHOW_ADVERTISED,  /* show bgp neighbors ADDR advertised-routes */
        LBGPD_REQ_SHOW_PREFIX_LIST, /* show ipv6|ip prefix-list [NAME] */
        LBGPD_REQ_SHOW_ROUTE_MAP,   /* show route-map [NAME] */
        LBGPD_REQ_SHOW_RUNNING,     /* show running-config */
        LBGPD_REQ_RELOAD,           /* reload */
        LBGPD_REQ_CLEAR,            /* clear bgp ADDR|* [soft [in|out]] */
};

enum lbgpd_request_status {
        LBGPD_REQUEST_OK = 0,
        LBGPD_REQUEST_UNKNOWN = -1,        /* not a command lbgpd knows */
        LBGPD_REQUEST_TOO_MANY_WORDS = -2, /* more than LBGPD_REQUEST_MAX_WORDS */
};

struct lbgpd_request {
        enum lbgpd_request_cmd cmd;
        bool json;
        /* Words of the parsed line (pointers into it), or NULL where the command has none:
         * peer is a neighbor's address as written, or "*" (clear bgp *); arg is a prefix, a
         * prefix-list's or a route-map's name. */
        const char *peer;
        const char *arg;
        bool ipv4;          /* show ip prefix-list (not ipv6) */
        bool soft;          /* clear bgp ... soft */
        bool in, out;       /* clear: which directions (both unless "soft in|out") */
};

/* Splits line in place (blanks, tabs and CRs separate words) and fills req.  On an error req
 * is unspecified; lbgpd_request_error() gives the answer to send. */
enum lbgpd_request_status lbgpd_request_parse(char *line, struct lbgpd_request *req);

/* The "% ..." answer for a parse error, vtysh's words. */
const char *lbgpd_request_error(enum lbgpd_request_status st);

/* Whether the read-only socket may run it: show commands only, and not show running-config,
 * which holds the TCP-MD5 passwords. */
bool lbgpd_request_read_only(const struct lbgpd_request *req);

/* The request as one canonical line, without the newline; it parses back to an equal
 * request.  Returns the length, or -1 when it does not fit in len octets. */
int lbgpd_request_format(const struct lbgpd_request *req, char *buf, size_t len);

#endif
