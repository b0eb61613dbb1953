/*
 * tconf.h - a tunnel description: one file, one end of one tunnel (README.md beside this
 * file has the language).
 *
 * Parsing (tconf_parse.c) reads the statements and reports every malformed word as
 * FILE:LINE:COL with the word; validation (tconf_validate.c) then checks the whole:
 * families, the inner pair inside the link prefix, subnets, tables, the MTU.  Both add to
 * one list of diagnostics (daemon/config/diag.h) and the caller prints it sorted; a file
 * with any error never reaches the kernel.
 *
 * Everything is held in fixed arrays: a tunnel has a handful of routes, and a file that
 * needs more than TCONF_MAX of a kind gets an error rather than an allocation.
 */
#ifndef LBGP_TUNNEL_TCONF_H
#define LBGP_TUNNEL_TCONF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "tunnel.h"

#define TCONF_MAX 32
/* The priority of a rule whose line gives none: before the main table's 32766. */
#define TCONF_RULE_PRIORITY_DEFAULT 1000

enum tconf_error {
        TCONF_OK = 0,
        TCONF_ERR_INVALID = -1, /* the diagnostics say what */
        TCONF_ERR_IO = -2,      /* the file could not be read (with a diagnostic) */
        TCONF_ERR_NOMEM = -3,
};

/* Where a statement or one of its words was written. */
struct tconf_loc {
        uint32_t line;
        uint32_t col;
};

/* A route through the tunnel, in the tunnel's table. */
struct tconf_route {
        struct bgp_prefix prefix;
        struct tconf_loc loc;
};

/* An address on a local interface (the jail bridge), or a route out of one. */
struct tconf_ifaddr {
        char ifname[TUNNEL_IFNAMSIZ];
        uint8_t addr[16];
        uint8_t plen;
        struct tconf_loc loc;
};

struct tconf_ifroute {
        char ifname[TUNNEL_IFNAMSIZ];
        struct bgp_prefix prefix;
        struct tconf_loc loc;
};

/* "rule from PREFIX [priority N]": traffic from PREFIX looks the tunnel's table up. */
struct tconf_rule {
        struct bgp_prefix from;
        uint32_t priority;
        struct tconf_loc loc;
};

struct tunnel_conf {
        char file[256]; /* as given, for diagnostics */

        bool has_name;
        char name[TUNNEL_IFNAMSIZ];
        struct tconf_loc name_loc;

        bool has_kind;
        enum tunnel_kind kind;
        struct tconf_loc kind_loc;

        char description[TUNNEL_ALIASSIZ - sizeof(TUNNEL_ALIAS_MARK) - 1];

        /* The outer (delivery) addresses; their family is checked against the kind. */
        bool has_local, has_remote;
        uint16_t local_afi, remote_afi;
        uint8_t local[16], remote[16];
        struct tconf_loc local_loc, remote_loc;

        bool has_key;
        uint32_t key;
        struct tconf_loc key_loc;

        bool has_ttl;
        uint8_t ttl;
        struct tconf_loc ttl_loc;

        bool has_outer_mtu;
        uint32_t outer_mtu;
        struct tconf_loc outer_mtu_loc;

        bool has_mtu;
        uint32_t mtu; /* the inner MTU as given; tconf_mtu() says what applies */
        struct tconf_loc mtu_loc;

        /* The link prefix and the /128 pair taken from it. */
        bool has_link;
        struct bgp_prefix link;
        struct tconf_loc link_loc;
        bool has_address;
        uint8_t inner_local[16], inner_peer[16];
        struct tconf_loc address_loc, peer_loc;

        bool has_table;
        uint32_t table; /* TUNNEL_TABLE_MAIN unless given */
        struct tconf_loc table_loc;

        struct tconf_route routes[TCONF_MAX];
        size_t n_routes;
        struct tconf_ifaddr ifaddrs[TCONF_MAX];
        size_t n_ifaddrs;
        struct tconf_ifroute ifroutes[TCONF_MAX];
        size_t n_ifroutes;
        struct tconf_rule rules[TCONF_MAX];
        size_t n_rules;
};

/*
 * Parses text (len bytes) named file into c and validates it.  Every problem goes into
 * diags; returns TCONF_OK, TCONF_ERR_INVALID (errors in diags; c is unusable) or
 * TCONF_ERR_NOMEM.  Warnings alone do not fail.
 */
int tconf_parse(const char *file, const char *text, size_t len, struct tunnel_conf *c,
                struct config_diags *diags);

/* The same for a file on disk ("-" for standard input); TCONF_ERR_IO when unreadable. */
int tconf_parse_file(const char *path, struct tunnel_conf *c, struct config_diags *diags);

/*
 * The same a statement at a time, for a reader with lines of its own: lbgpd's
 * configuration, whose `tunnel NAME` sections hold these statements (daemon/config/
 * cmd_tunnel.c).  tconf_init() empties c; tconf_statement() reads one lexed line (the
 * first statement must be `tunnel NAME`; an unquoted word starting with '#' ends the line)
 * and returns how many errors it added to diags; once every line is read and none had an
 * error, tconf_validate() checks the whole.  Diagnostics name file.
 */
struct lexed_line;
void tconf_init(struct tunnel_conf *c, const char *file);
size_t tconf_statement(struct tunnel_conf *c, const struct lexed_line *l,
                       struct config_diags *diags);
/* Whether word starts a statement of the language ("kind", "route", ...). */
bool tconf_is_statement(const char *word);
/* The i-th statement's first word, NULL past the last: for documentation checks. */
const char *tconf_statement_name(size_t i);

/*
 * The description as statement lines, "tunnel NAME" first, each line starting with indent
 * and ending with '\n', in a fixed order and canonical spelling: what tconf_parse() or
 * tconf_statement() read back to an equal description, so that two descriptions are the
 * same exactly when their texts are.  Writes at most len bytes (NUL included) like
 * snprintf() and returns the length the whole text needs.
 */
size_t tconf_format(const struct tunnel_conf *c, const char *indent, char *buf, size_t len);
/* The text of tconf_format() in a malloc()ed string; NULL when memory runs out. */
char *tconf_text(const struct tunnel_conf *c, const char *indent);

/* The checks of the whole description, run by tconf_parse() after a clean parse. */
void tconf_validate(const struct tunnel_conf *c, struct config_diags *diags);

/* The outer MTU (the default when not given). */
uint32_t tconf_outer_mtu(const struct tunnel_conf *c);
/* The inner MTU: as given, else the outer one less the overhead; 0 when unknown (an
 * external link without "mtu"). */
uint32_t tconf_mtu(const struct tunnel_conf *c);
/* The alias the link carries: TUNNEL_ALIAS_MARK, then ": " and the description. */
void tconf_alias(const struct tunnel_conf *c, char *buf, size_t len);

#endif /* LBGP_TUNNEL_TCONF_H */
