/*
 * config.h - lbgpd's configuration: FRR's configuration language (the subset an edge router
 * uses) parsed into one immutable object.
 *
 * The object is plain structs: arrays with counts, strings, and libbgp prefixes.  Nothing
 * in it changes after config_parse_*() returns, so the daemon can hold the running one,
 * build a new one on reload, compare the two and swap.  All its memory belongs to one
 * arena, freed by config_free().
 *
 * Every element keeps where it came from (struct config_loc) so that errors, lints and
 * "show running-config" comments can point at FILE:LINE:COL.  Locations never take part
 * in comparisons (config_equal()).
 *
 * What FRR leaves to defaults is kept as "not given" (tri-state fields, 0 for "absent"):
 * printing writes back exactly what was given, so print -> parse -> print is a fixed point,
 * and the effective value is asked for through the config_*_effective() helpers.
 */
#ifndef LBGPD_CONFIG_H
#define LBGPD_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <bgp/msg.h>

#include "diag.h"

enum config_error {
        CONFIG_OK = 0,
        /* The text has errors; the diagnostics say which (FILE:LINE:COL). */
        CONFIG_ERR_INVALID = -1,
        /* The file could not be read. */
        CONFIG_ERR_IO = -2,
        /* Memory ran out. */
        CONFIG_ERR_NOMEM = -3,
};

const char *config_strerror(int err);

/* Where an element was written.  file points into the configuration's own memory. */
struct config_loc {
        const char *file;
        uint32_t line; /* 1-based; 0: not from a file (a default) */
        uint32_t col;  /* 1-based byte column */
};

enum config_action {
        CONFIG_DENY = 0,
        CONFIG_PERMIT = 1,
};

/* Tri-state for settings whose default FRR decides (and may change between versions). */
enum config_tristate {
        CONFIG_UNSET = 0,
        CONFIG_ON = 1,
        CONFIG_OFF = 2,
};

/* ---- global lines ------------------------------------------------------------------ */

enum config_frr_defaults {
        CONFIG_DEFAULTS_UNSET = 0,
        CONFIG_DEFAULTS_TRADITIONAL,
        CONFIG_DEFAULTS_DATACENTER,
};

/* syslog(3) levels, in FRR's words ("log syslog informational"). */
enum config_log_level {
        CONFIG_LOG_DEFAULT = 0, /* no level written */
        CONFIG_LOG_EMERGENCIES,
        CONFIG_LOG_ALERTS,
        CONFIG_LOG_CRITICAL,
        CONFIG_LOG_ERRORS,
        CONFIG_LOG_WARNINGS,
        CONFIG_LOG_NOTIFICATIONS,
        CONFIG_LOG_INFORMATIONAL,
        CONFIG_LOG_DEBUGGING,
};

struct config_log_target {
        bool enabled;
        enum config_log_level level;
        struct config_loc loc;
};

struct config_log {
        struct config_log_target to_syslog; /* log syslog [LEVEL] */
        struct config_log_target to_stdout; /* log stdout [LEVEL] */
        struct config_log_target to_file;   /* log file PATH [LEVEL] */
        const char *file_path;              /* with to_file.enabled */
};

/* ---- prefix-lists ---------------------------------------------------------------------- */

struct config_prefix_entry {
        struct config_loc loc;
        uint32_t seq;
        enum config_action action;
        bool any;                 /* "any": every prefix of the list's family */
        struct bgp_prefix prefix; /* unless any */
        uint8_t ge;               /* 0: not given */
        uint8_t le;               /* 0: not given */
};

struct config_prefix_list {
        struct config_loc loc; /* the first line naming it */
        const char *name;
        uint16_t afi; /* BGP_AFI_IPV4 ("ip prefix-list") or BGP_AFI_IPV6 */
        const char *description;
        struct config_prefix_entry *entries; /* ascending seq */
        size_t n_entries;
};

/* ---- community, large-community and as-path lists -------------------------------------- */

enum config_list_style {
        CONFIG_LIST_STANDARD, /* values to compare */
        CONFIG_LIST_EXPANDED, /* a regular expression on the text form */
};

struct config_large_community {
        uint32_t global;
        uint32_t local1;
        uint32_t local2;
};

struct config_community_entry {
        struct config_loc loc;
        uint32_t seq;
        enum config_action action;
        /* standard lists */
        uint32_t *values;                     /* community-list */
        struct config_large_community *large; /* large-community-list */
        size_t n_values;
        /* expanded lists */
        const char *regex;
};

struct config_community_list {
        struct config_loc loc;
        const char *name;
        bool large;    /* "bgp large-community-list" */
        bool numbered; /* named by number: 1-99 standard, 100-500 expanded */
        enum config_list_style style;
        struct config_community_entry *entries; /* ascending seq */
        size_t n_entries;
};

struct config_aspath_entry {
        struct config_loc loc;
        uint32_t seq;
        enum config_action action;
        const char *regex; /* FRR's dialect: "_" is a delimiter */
};

struct config_aspath_list {
        struct config_loc loc;
        const char *name;
        struct config_aspath_entry *entries; /* ascending seq */
        size_t n_entries;
};

/* ---- route-maps ------------------------------------------------------------------------ */

enum config_rm_match_kind {
        CONFIG_MATCH_IP_PREFIX_LIST,   /* match ip address prefix-list */
        CONFIG_MATCH_IPV6_PREFIX_LIST, /* match ipv6 address prefix-list */
        CONFIG_MATCH_COMMUNITY,        /* match community [exact-match] */
        CONFIG_MATCH_LARGE_COMMUNITY,  /* match large-community [exact-match] */
        CONFIG_MATCH_AS_PATH,          /* match as-path */
        CONFIG_MATCH_COUNT,
};

/* One "match" line; as in FRR a second line of the same kind replaces the first. */
struct config_rm_match {
        struct config_loc loc;
        const char *name; /* NULL: not given */
        bool exact_match;
};

struct config_rm_set_communities {
        struct config_loc loc;
        bool given;
        bool none; /* "set community none": strip them all */
        bool additive;
        uint32_t *values;                     /* community */
        struct config_large_community *large; /* large-community */
        size_t n_values;
};

struct config_rm_set_u32 {
        struct config_loc loc;
        bool given;
        uint32_t value;
};

enum config_on_match {
        CONFIG_ON_MATCH_NONE = 0,
        CONFIG_ON_MATCH_NEXT,
        CONFIG_ON_MATCH_GOTO,
};

struct config_route_map_entry {
        struct config_loc loc;
        uint16_t seq; /* 1-65535 */
        enum config_action action;
        const char *description;
        struct config_rm_match match[CONFIG_MATCH_COUNT];
        struct config_rm_set_communities set_community;
        struct config_rm_set_communities set_large_community;
        struct {
                struct config_loc loc;
                uint32_t *asns; /* in the order written: leftmost is prepended last */
                size_t n_asns;
        } set_prepend;
        struct config_rm_set_u32 set_local_pref;
        struct config_rm_set_u32 set_metric;
        struct {
                struct config_loc loc;
                bool given;
                uint8_t addr[16];
        } set_ipv6_nexthop_global;
        enum config_on_match on_match;
        uint16_t on_match_goto; /* with CONFIG_ON_MATCH_GOTO */
        bool has_continue;
        uint16_t continue_seq; /* 0: the next entry */
};

struct config_route_map {
        struct config_loc loc;
        const char *name;
        struct config_route_map_entry *entries; /* ascending seq */
        size_t n_entries;
};

/* ---- static routes --------------------------------------------------------------------- */

enum config_static_kind {
        CONFIG_STATIC_BLACKHOLE, /* also written "Null0" */
        CONFIG_STATIC_REJECT,
        CONFIG_STATIC_NEXTHOP,   /* a gateway address, with ifname when given */
        CONFIG_STATIC_INTERFACE, /* only an interface */
};

struct config_static_route {
        struct config_loc loc;
        struct bgp_prefix prefix;
        enum config_static_kind kind;
        uint8_t nexthop[16]; /* CONFIG_STATIC_NEXTHOP; family of prefix */
        const char *ifname;  /* NULL when not given */
        uint32_t tag;        /* 0: not given */
        uint8_t distance;    /* 0: not given (FRR's default is 1) */
};

/* ---- router bgp -------------------------------------------------------------------------- */

enum config_af {
        CONFIG_AF_IPV4_UNICAST,
        CONFIG_AF_IPV6_UNICAST,
        CONFIG_AF_COUNT,
};

enum config_dir {
        CONFIG_IN,
        CONFIG_OUT,
        CONFIG_DIR_COUNT,
};

/* A reference by name to a list or route-map, and the line that made it. */
struct config_ref {
        struct config_loc loc;
        const char *name; /* NULL: none */
};

struct config_max_prefix {
        struct config_loc loc;
        bool given;
        uint32_t max;
        uint8_t threshold; /* percent at which to warn; 0: not given (FRR: 75) */
        uint16_t restart;  /* minutes; 0: not given (stay down) */
        bool warning_only;
        bool force;
};

struct config_neighbor_af {
        enum config_tristate activate; /* "neighbor X activate" / "no neighbor X activate" */
        struct config_loc activate_loc;
        bool soft_reconfig_in;
        struct config_loc soft_reconfig_loc;
        bool next_hop_self;
        bool next_hop_self_force;
        struct config_loc next_hop_self_loc;
        struct config_max_prefix max_prefix;
        struct config_ref route_map[CONFIG_DIR_COUNT];
        struct config_ref prefix_list[CONFIG_DIR_COUNT];
        struct config_ref filter_list[CONFIG_DIR_COUNT];
        bool any_setting; /* something besides activate was written in this family */
        struct config_loc first_setting_loc;
};

enum config_remote_as_kind {
        CONFIG_REMOTE_AS_NUMBER,
        CONFIG_REMOTE_AS_INTERNAL, /* "remote-as internal": our AS */
        CONFIG_REMOTE_AS_EXTERNAL, /* "remote-as external": any AS but ours */
};

enum config_update_source_kind {
        CONFIG_UPDATE_SOURCE_NONE = 0,
        CONFIG_UPDATE_SOURCE_ADDRESS,
        CONFIG_UPDATE_SOURCE_INTERFACE,
};

struct config_neighbor {
        struct config_loc loc; /* the remote-as line */
        uint16_t afi;          /* of the address */
        uint8_t addr[16];
        const char *addr_text; /* as inet_ntop writes it */
        enum config_remote_as_kind remote_as_kind;
        uint32_t remote_as;
        const char *description;
        uint8_t ttl_security_hops; /* 0: off */
        struct config_loc ttl_security_loc;
        uint8_t ebgp_multihop; /* 0: off */
        bool ebgp_multihop_given;
        struct config_loc ebgp_multihop_loc;
        /* "neighbor X path-attribute discard TYPE...": the types dropped on receipt, a bit
         * per type (bgp_codec_opts_discard). */
        uint32_t discard_attrs[8];
        struct {
                enum config_update_source_kind kind;
                uint16_t afi;
                uint8_t addr[16];
                const char *ifname;
        } update_source;
        const char *password; /* TCP-MD5 (RFC 2385) */
        bool shutdown;
        const char *shutdown_message; /* RFC 8203; NULL: none */
        bool passive;
        bool timers_given;
        uint16_t keepalive;
        uint16_t holdtime;
        uint16_t connect_retry; /* 0: not given */
        uint32_t local_as;      /* 0: not given */
        struct config_loc local_as_loc;
        bool local_as_no_prepend;
        bool local_as_replace_as;
        struct config_neighbor_af af[CONFIG_AF_COUNT];
};

struct config_network {
        struct config_loc loc;
        struct bgp_prefix prefix;
        const char *route_map; /* NULL: none */
};

struct config_bgp_af {
        bool given; /* an "address-family" block was written */
        struct config_loc loc;
        struct config_network *networks;
        size_t n_networks;
};

struct config_bgp {
        bool given;
        struct config_loc loc;
        uint32_t asn;
        bool router_id_given;
        uint8_t router_id[4];
        enum config_tristate default_ipv4_unicast; /* FRR default: on */
        enum config_tristate ebgp_requires_policy; /* FRR default: on since 7.4 */
        enum config_tristate log_neighbor_changes; /* FRR default: datacenter only */
        struct config_neighbor *neighbors;         /* in the order first written */
        size_t n_neighbors;
        struct config_bgp_af af[CONFIG_AF_COUNT];
};

/* ---- the whole ----------------------------------------------------------------------- */

struct config_arena;

/* ---- tunnel sections ---------------------------------------------------------------- */

/*
 * `tunnel NAME` ... `exit`: one end of a downstream tunnel, in lbgp-tunnel's language
 * (tools/lbgp-tunnel/README.md), read and checked by lbgp-tunnel's own parser (tconf.h),
 * which lbgpd applies at start and on reload.
 */
struct tunnel_conf;
struct config_tunnel {
        const char *name; /* the interface */
        struct config_loc loc; /* the name on the `tunnel NAME` line */
        const struct tunnel_conf *conf; /* in the arena */
        /* The section's statements as lbgp-tunnel prints them (tconf_format()), unindented:
         * what `show running-config` prints, and what tells two sections apart. */
        const char *text;
};

struct config {
        const char *frr_version; /* NULL: not given */
        enum config_frr_defaults frr_defaults;
        const char *hostname;
        struct config_log log;
        bool service_integrated_vtysh_config;

        struct config_prefix_list *prefix_lists; /* in the order first named */
        size_t n_prefix_lists;
        struct config_community_list *community_lists; /* both kinds, large flags */
        size_t n_community_lists;
        struct config_aspath_list *aspath_lists;
        size_t n_aspath_lists;
        struct config_route_map *route_maps;
        size_t n_route_maps;
        struct config_static_route *static_routes; /* in the order written */
        size_t n_static_routes;
        struct config_tunnel *tunnels; /* in the order written, names unique */
        size_t n_tunnels;
        struct config_bgp bgp;

        struct config_arena *arena; /* owns everything above */
};

/*
 * Parses FRR configuration text.  On success *out is the new configuration and the return
 * is CONFIG_OK; diags may still hold warnings (a prefix written with host bits, an entry
 * redefined).  On CONFIG_ERR_INVALID every error found is in diags, in line order (parsing
 * goes on after the first so that one run reports them all), and *out is NULL.
 * name is what messages call the text (a file name).
 */
int config_parse_buffer(const char *name, const char *text, size_t len, struct config **out,
                        struct config_diags *diags);
/* The same for a file; CONFIG_ERR_IO, with a diagnostic, when it cannot be read. */
int config_parse_file(const char *path, struct config **out, struct config_diags *diags);
void config_free(struct config *cfg);

/*
 * Reload: parses path and, only when that succeeds, replaces *running (freeing the old
 * one).  On failure *running is untouched and diags say why.
 */
int config_reload(struct config **running, const char *path, struct config_diags *diags);

/* The text of "show running-config": FRR's order and syntax, parsing back to an equal
 * configuration.  *text is malloc()ed.  CONFIG_OK or CONFIG_ERR_NOMEM. */
int config_print(const struct config *cfg, char **text, size_t *len);

/* True when a and b configure the same thing (source locations are not compared). */
bool config_equal(const struct config *a, const struct config *b);

/* ---- reload: what changed for one neighbor ---------------------------------------------- */

/*
 * True when the neighbor's session would be opened the same way under a (x) and b (y): our
 * AS and router-id, its address and AS, the families, timers, passive, update-source,
 * TCP-MD5, GTSM, multihop and local-as.  A difference means the session must be reset
 * (Cease/Other Configuration Change, RFC 4486 3).  shutdown is not compared: it stops or
 * starts the session rather than resetting it.
 */
bool config_neighbor_session_equal(const struct config *a, const struct config_neighbor *x,
                                   const struct config *b, const struct config_neighbor *y);
/*
 * True when the neighbor's policy in one family and direction is the same: the names of
 * its prefix-list, route-map and filter-list, their definitions and those of every list the
 * route-map matches on, RFC 8212's setting, and next-hop-self outbound.  A difference is
 * applied softly: inbound by re-running policy, outbound by re-sending the difference.
 */
bool config_neighbor_policy_equal(const struct config *a, const struct config_neighbor *x,
                                  const struct config *b, const struct config_neighbor *y,
                                  enum config_af af, enum config_dir dir);

/* ---- lookups and effective values ------------------------------------------------------- */

const struct config_prefix_list *config_find_prefix_list(const struct config *cfg, uint16_t afi,
                                                         const char *name);
const struct config_community_list *config_find_community_list(const struct config *cfg, bool large,
                                                               const char *name);
const struct config_aspath_list *config_find_aspath_list(const struct config *cfg,
                                                         const char *name);
const struct config_route_map *config_find_route_map(const struct config *cfg, const char *name);
const struct config_tunnel *config_find_tunnel(const struct config *cfg, const char *name);
/* Whether two sections configure the same tunnel end (their texts are the same). */
bool config_tunnel_equal(const struct config_tunnel *a, const struct config_tunnel *b);
const struct config_neighbor *config_find_neighbor(const struct config *cfg, uint16_t afi,
                                                   const uint8_t *addr);

/* Whether the neighbor exchanges routes of this family: an explicit (no) activate, else
 * "bgp default ipv4-unicast" for IPv4 unicast. */
bool config_neighbor_active(const struct config *cfg, const struct config_neighbor *nb,
                            enum config_af af);
/* eBGP: remote-as external, or a number other than our AS (local-as counts as ours). */
bool config_neighbor_is_ebgp(const struct config *cfg, const struct config_neighbor *nb);
/* FRR's default is on since 7.4 ("frr version" older than that: off). */
bool config_ebgp_requires_policy(const struct config *cfg);
bool config_default_ipv4_unicast(const struct config *cfg);

const char *config_af_name(enum config_af af); /* "ipv6 unicast" */
uint16_t config_af_afi(enum config_af af);

/* ---- lint -------------------------------------------------------------------------------- */

/* The table sizes the maximum-prefix lint compares with. */
struct config_lint_opts {
        uint32_t ipv6_table_size; /* 0: do not check */
        const char *ipv6_table_source;
        uint32_t ipv4_table_size;
        const char *ipv4_table_source;
        unsigned margin_percent; /* warn when maximum-prefix is this close to the table */
};

/* RouteViews route-views6 on 2026-07-30 14:00 UTC held 258,956 distinct IPv6 prefixes
 * (shared/data/mrt/routeviews6.ipasn6.20260730.dat.gz). */
#define CONFIG_IPV6_TABLE_SIZE   258956u
#define CONFIG_IPV6_TABLE_SOURCE "RouteViews route-views6, 2026-07-30"

void config_lint_opts_default(struct config_lint_opts *opts);

/*
 * Adds warnings about configurations that parse but are likely mistakes (the operator
 * write-up's lessons): originated networks without a covering blackhole, eBGP neighbors
 * without inbound filter, maximum-prefix, outbound restriction or GTSM, our own prefix
 * accepted inbound, deny entries that stop only one exact prefix, maximum-prefix values
 * close to the size of today's table, and references to lists that do not exist.
 * CONFIG_OK or CONFIG_ERR_NOMEM.
 */
int config_lint(const struct config *cfg, const struct config_lint_opts *opts,
                struct config_diags *diags);

#endif /* LBGPD_CONFIG_H */
