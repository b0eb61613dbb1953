/*
 * parser.h - what the command handlers share with the parser (private to daemon/config).
 *
 * FRR's configuration has nodes, as vtysh does: "route-map" enters the route-map node,
 * "router bgp" the bgp node, "address-family" one of the address-family nodes.  With the
 * indentation gone (the seed file), a block ends at "exit" or "exit-address-family", or
 * at the first line the node does not know, which is then tried in the parent node and
 * up to the top, as FRR does when it reads a file (lib/command.c, "try parent nodes").
 */
#ifndef LBGPD_PARSER_H
#define LBGPD_PARSER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "config.h"
#include "lexer.h"
#include "match.h"

enum node {
        NODE_CONFIG,
        NODE_ROUTE_MAP,
        NODE_BGP,
        NODE_AF_IPV4,
        NODE_AF_IPV6,
        NODE_LINE_VTY,
        /* `tunnel NAME`: lbgp-tunnel's statements, read by its parser (cmd_tunnel.c) and
         * not by the command table, whose rows only leave it (exit, end). */
        NODE_TUNNEL,
        NODE_COUNT,
};

#define NODE_BIT(n) (1u << (n))
#define NODES_AF    (NODE_BIT(NODE_AF_IPV4) | NODE_BIT(NODE_AF_IPV6))
#define NODES_BLOCKS                                                                               \
        (NODE_BIT(NODE_ROUTE_MAP) | NODE_BIT(NODE_BGP) | NODES_AF | NODE_BIT(NODE_LINE_VTY) |       \
         NODE_BIT(NODE_TUNNEL))
#define NODES_ALL (NODE_BIT(NODE_CONFIG) | NODES_BLOCKS)

/* The node a node's unknown lines fall back to. */
enum node node_parent(enum node n);
/* "router bgp", for messages that say where a command belongs. */
const char *node_name(enum node n);

struct parse {
        struct config *cfg;
        struct config_arena *arena;
        struct config_diags *diags;
        const char *file; /* in the arena: every config_loc points here */
        const struct lexed_line *line;
        enum node node;
        /* A block whose opening line failed (NODE_CONFIG: none): its lines, and those of
         * blocks inside it, are checked but build nothing.  See parse_detached(). */
        enum node detached_node;
        size_t rm;       /* NODE_ROUTE_MAP: the route-map (index) ... */
        uint16_t rm_seq; /* ... and the entry's seq */
        enum config_af af;
        /* NODE_TUNNEL: the section (index), and whether its `tunnel NAME` line or any of
         * its statements had an error: the section is then not validated as a whole. */
        size_t tunnel;
        struct tunnel_conf *tconf; /* that section's description, still being read */
        bool *tunnel_bad;          /* per section, in the arena */
        bool nomem;
        size_t errors;
};

/* The words of the line being handled and what the pattern captured. */
struct cmd_args {
        const struct token *tok;
        size_t n;
        const struct pat_match *m;
};

/* A handler builds from one matched line.  It returns 0, or -1 after reporting an error
 * (parse_error) or running out of memory (parse_nomem). */
typedef int (*cmd_fn)(struct parse *p, const struct cmd_args *a);

struct command {
        unsigned nodes; /* NODE_BIT()s where the command is valid */
        const char *pattern;
        cmd_fn fn;
        /* A block command: when its line fails after its leading keywords, the block's
         * lines still follow, so enter this node detached rather than report each of them
         * as unknown.  NODE_CONFIG: not a block command. */
        enum node opens;
};

extern const struct command config_commands[];
extern const size_t config_n_commands;

/* ---- for handlers ------------------------------------------------------------------------- */

/* Enters node n; detached when the line that opens it failed. */
void parse_enter(struct parse *p, enum node n, bool detached);
/* Whether the current node is in a block whose opening line failed. */
bool parse_detached(const struct parse *p);

/* Where word i of the current line is; i == SIZE_MAX (or past the end): the line's end. */
struct config_loc parse_loc(const struct parse *p, size_t i);
void parse_error(struct parse *p, size_t word, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void parse_warning(struct parse *p, size_t word, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void parse_error_at(struct parse *p, struct config_loc loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Records that memory ran out; the parse is abandoned.  Returns -1. */
int parse_nomem(struct parse *p);

/* The index of the first word captured as name, or SIZE_MAX. */
size_t arg_index(const struct cmd_args *a, const char *name);
bool arg_has(const struct cmd_args *a, const char *name);
/* The first word captured as name, or NULL. */
const char *arg_word(const struct cmd_args *a, const char *name);
/* A number captured as name (already checked by the pattern), or dflt. */
uint32_t arg_u32(const struct cmd_args *a, const char *name, uint32_t dflt);
/* The words captured as name joined by single spaces, in the arena; NULL: not captured
 * or out of memory (then p->nomem). */
char *arg_text(struct parse *p, const struct cmd_args *a, const char *name);
/* A string in the arena (p->nomem on failure). */
char *parse_strdup(struct parse *p, const char *s);

/* The next automatic sequence number after the highest one in use: FRR's rule for list
 * entries written without "seq" (a multiple of 5 above the highest). */
uint32_t seq_auto(uint32_t highest);

/* ---- handlers, by file --------------------------------------------------------------------- */

/* cmd_global.c */
int cmd_frr_version(struct parse *p, const struct cmd_args *a);
int cmd_frr_defaults(struct parse *p, const struct cmd_args *a);
int cmd_hostname(struct parse *p, const struct cmd_args *a);
int cmd_log(struct parse *p, const struct cmd_args *a);
int cmd_service(struct parse *p, const struct cmd_args *a);
int cmd_end(struct parse *p, const struct cmd_args *a);
int cmd_exit(struct parse *p, const struct cmd_args *a);
int cmd_line_vty(struct parse *p, const struct cmd_args *a);

/* cmd_prefix_list.c */
int cmd_prefix_list(struct parse *p, const struct cmd_args *a);
int cmd_prefix_list_description(struct parse *p, const struct cmd_args *a);

/* cmd_lists.c */
int cmd_community_list(struct parse *p, const struct cmd_args *a);
int cmd_aspath_list(struct parse *p, const struct cmd_args *a);

/* cmd_route_map.c */
int cmd_route_map(struct parse *p, const struct cmd_args *a);
int cmd_rm_match(struct parse *p, const struct cmd_args *a);
int cmd_rm_set_community(struct parse *p, const struct cmd_args *a);
int cmd_rm_set_prepend(struct parse *p, const struct cmd_args *a);
int cmd_rm_set_number(struct parse *p, const struct cmd_args *a);
int cmd_rm_set_nexthop(struct parse *p, const struct cmd_args *a);
int cmd_rm_on_match(struct parse *p, const struct cmd_args *a);
int cmd_rm_continue(struct parse *p, const struct cmd_args *a);
int cmd_rm_description(struct parse *p, const struct cmd_args *a);

/* cmd_static.c */
int cmd_static_route(struct parse *p, const struct cmd_args *a);

/* cmd_bgp.c */
int cmd_router_bgp(struct parse *p, const struct cmd_args *a);
int cmd_bgp_router_id(struct parse *p, const struct cmd_args *a);
int cmd_bgp_flag(struct parse *p, const struct cmd_args *a);
int cmd_address_family(struct parse *p, const struct cmd_args *a);
int cmd_exit_address_family(struct parse *p, const struct cmd_args *a);

/* cmd_neighbor.c */
int cmd_neighbor_remote_as(struct parse *p, const struct cmd_args *a);
int cmd_neighbor_option(struct parse *p, const struct cmd_args *a);
/* The neighbor named by the "peer" capture, reporting an error when it has no remote-as
 * yet (FRR: "Specify remote-as or peer-group commands first").  NULL: error reported. */
struct config_neighbor *neighbor_lookup(struct parse *p, const struct cmd_args *a);

/* cmd_af.c */
int cmd_af_network(struct parse *p, const struct cmd_args *a);
int cmd_af_activate(struct parse *p, const struct cmd_args *a);
int cmd_af_neighbor(struct parse *p, const struct cmd_args *a);

/* cmd_tunnel.c: a line that starts or continues a `tunnel` section, handed to lbgp-tunnel's
 * parser; false when the line is not one (the command table then reads it). */
bool cmd_tunnel_line(struct parse *p, const struct lexed_line *l);
/* validate_tunnel.c: once every line is read, each clean section checked as a whole, and
 * the sections against each other. */
void tunnel_validate(struct parse *p);

/* validate.c: checks across lines, once everything is read. */
void config_validate(struct parse *p);

#endif /* LBGPD_PARSER_H */
