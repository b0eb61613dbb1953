/*
 * commands.c - the command table: every line lbgpd understands, the node it belongs to and
 * the handler that builds from it.
 *
 * The patterns follow FRR's own (its DEFPY strings, bgpd/bgp_vty.c, lib/filter_cli.c,
 * lib/routemap_cli.c, bgpd/bgp_routemap.c, staticd/static_vty.c) for the subset an edge
 * router uses, so a line FRR accepts is accepted here with the same meaning.  A line that
 * matches no row is an error: nothing is silently ignored.  Lines FRR accepts but which
 * mean nothing to lbgpd ("service integrated-vtysh-config", "line vty") have rows too.
 */
#include "parser.h"

#define CONFIG NODE_BIT(NODE_CONFIG)
#define RMAP   NODE_BIT(NODE_ROUTE_MAP)
#define BGP    NODE_BIT(NODE_BGP)
#define AF     NODES_AF
#define AF4    NODE_BIT(NODE_AF_IPV4)
#define AF6    NODE_BIT(NODE_AF_IPV6)

#define LOG_LEVELS                                                                                 \
        "<emergencies|alerts|critical|errors|warnings|notifications|"                              \
        "informational|debugging>$level"
#define PL_ENTRY(PFX, MAX)                                                                         \
        "[seq (1-4294967295)$seq] <deny|permit>$action <any$any|" PFX "$prefix [{ge (0-" MAX       \
        ")$ge|le (0-" MAX ")$le}]>"
#define CLIST_SEQ "[seq (0-4294967295)$seq] <deny|permit>$action"
#define PEER      "neighbor ADDR$peer"

const struct command config_commands[] = {
    /* Global lines (lib/libfrr.c, lib/log_vty.c, vtysh). */
    {CONFIG, "frr version LINE$version", cmd_frr_version, NODE_CONFIG},
    {CONFIG, "frr defaults <traditional|datacenter>$profile", cmd_frr_defaults, NODE_CONFIG},
    {CONFIG, "hostname WORD$name", cmd_hostname, NODE_CONFIG},
    {CONFIG, "log syslog$target [" LOG_LEVELS "]", cmd_log, NODE_CONFIG},
    {CONFIG, "log stdout$target [" LOG_LEVELS "]", cmd_log, NODE_CONFIG},
    {CONFIG, "log file$target WORD$path [" LOG_LEVELS "]", cmd_log, NODE_CONFIG},
    {CONFIG, "[no$no] service integrated-vtysh-config", cmd_service, NODE_CONFIG},
    {CONFIG, "line vty", cmd_line_vty, NODE_LINE_VTY},

    /* Prefix-lists (lib/filter_cli.c). */
    {CONFIG, "ip$afi prefix-list WORD$name " PL_ENTRY("A.B.C.D/M", "32"), cmd_prefix_list,
     NODE_CONFIG},
    {CONFIG, "ipv6$afi prefix-list WORD$name " PL_ENTRY("X:X::X:X/M", "128"), cmd_prefix_list,
     NODE_CONFIG},
    {CONFIG, "<ip|ipv6>$afi prefix-list WORD$name description LINE$text",
     cmd_prefix_list_description, NODE_CONFIG},

    /* Community, large-community and AS-path lists (bgpd/bgp_vty.c, bgp_filter.c). */
    {CONFIG, "bgp community-list <(1-99)$num|standard WORD$name> " CLIST_SEQ " AA:NN...$values",
     cmd_community_list, NODE_CONFIG},
    {CONFIG, "bgp community-list <(100-500)$num|expanded WORD$name> " CLIST_SEQ " LINE$regex",
     cmd_community_list, NODE_CONFIG},
    {CONFIG,
     "bgp large-community-list$large <(1-99)$num|standard WORD$name> " CLIST_SEQ
     " AA:BB:CC...$values",
     cmd_community_list, NODE_CONFIG},
    {CONFIG,
     "bgp large-community-list$large <(100-500)$num|expanded WORD$name> " CLIST_SEQ " LINE$regex",
     cmd_community_list, NODE_CONFIG},
    {CONFIG, "bgp as-path access-list WORD$name " CLIST_SEQ " LINE$regex", cmd_aspath_list,
     NODE_CONFIG},

    /* Static routes (staticd/static_vty.c); Null0 is FRR's other name for blackhole. */
    {CONFIG,
     "ip$afi route A.B.C.D/M$prefix <blackhole$blackhole|reject$reject|Null0$blackhole|"
     "A.B.C.D$gateway [IFNAME$ifname]|IFNAME$ifname> [{tag (1-4294967295)$tag|(1-255)$distance}]",
     cmd_static_route, NODE_CONFIG},
    {CONFIG,
     "ipv6$afi route X:X::X:X/M$prefix <blackhole$blackhole|reject$reject|Null0$blackhole|"
     "X:X::X:X$gateway [IFNAME$ifname]|IFNAME$ifname> [{tag (1-4294967295)$tag|(1-255)$distance}]",
     cmd_static_route, NODE_CONFIG},

    /* Route-maps (lib/routemap_cli.c, bgpd/bgp_routemap.c). */
    {CONFIG, "route-map WORD$name <deny|permit>$action (1-65535)$seq", cmd_route_map,
     NODE_ROUTE_MAP},
    {RMAP, "match ip$kind address prefix-list WORD$name", cmd_rm_match, NODE_CONFIG},
    {RMAP, "match ipv6$kind address prefix-list WORD$name", cmd_rm_match, NODE_CONFIG},
    {RMAP, "match community$kind WORD$name [exact-match$exact]", cmd_rm_match, NODE_CONFIG},
    {RMAP, "match large-community$kind WORD$name [exact-match$exact]", cmd_rm_match, NODE_CONFIG},
    {RMAP, "match as-path$kind WORD$name", cmd_rm_match, NODE_CONFIG},
    {RMAP, "set community$kind <none$none|AA:NN...$values [additive$additive]>",
     cmd_rm_set_community, NODE_CONFIG},
    {RMAP, "set large-community$kind <none$none|AA:BB:CC...$values [additive$additive]>",
     cmd_rm_set_community, NODE_CONFIG},
    {RMAP, "set as-path prepend ASN...$asns", cmd_rm_set_prepend, NODE_CONFIG},
    {RMAP, "set local-preference$kind (0-4294967295)$value", cmd_rm_set_number, NODE_CONFIG},
    {RMAP, "set metric$kind (0-4294967295)$value", cmd_rm_set_number, NODE_CONFIG},
    {RMAP, "set ipv6 next-hop global X:X::X:X$addr", cmd_rm_set_nexthop, NODE_CONFIG},
    {RMAP, "on-match <next$next|goto (1-65535)$seq>", cmd_rm_on_match, NODE_CONFIG},
    {RMAP, "continue [(1-65535)$seq]", cmd_rm_continue, NODE_CONFIG},
    {RMAP, "description LINE$text", cmd_rm_description, NODE_CONFIG},

    /* router bgp (bgpd/bgp_vty.c). */
    {CONFIG, "router bgp ASN$asn", cmd_router_bgp, NODE_BGP},
    {BGP, "bgp router-id A.B.C.D$id", cmd_bgp_router_id, NODE_CONFIG},
    {BGP, "[no$no] bgp default ipv4-unicast$flag", cmd_bgp_flag, NODE_CONFIG},
    {BGP, "[no$no] bgp ebgp-requires-policy$flag", cmd_bgp_flag, NODE_CONFIG},
    {BGP, "[no$no] bgp log-neighbor-changes$flag", cmd_bgp_flag, NODE_CONFIG},
    {BGP, PEER " remote-as <ASN$asn|internal$internal|external$external>", cmd_neighbor_remote_as,
     NODE_CONFIG},
    {BGP, PEER " description$opt LINE$text", cmd_neighbor_option, NODE_CONFIG},
    {BGP, PEER " ttl-security$opt hops (1-254)$hops", cmd_neighbor_option, NODE_CONFIG},
    {BGP, PEER " update-source$opt <A.B.C.D$addr|X:X::X:X$addr|IFNAME$ifname>", cmd_neighbor_option,
     NODE_CONFIG},
    {BGP, PEER " password$opt WORD$password", cmd_neighbor_option, NODE_CONFIG},
    {BGP, PEER " shutdown$opt [message LINE$text]", cmd_neighbor_option, NODE_CONFIG},
    {BGP, PEER " passive$opt", cmd_neighbor_option, NODE_CONFIG},
    {BGP, PEER " timers$opt (0-65535)$keepalive (0-65535)$holdtime", cmd_neighbor_option,
     NODE_CONFIG},
    {BGP, PEER " timers connect$opt (1-65535)$connect", cmd_neighbor_option, NODE_CONFIG},
    {BGP, PEER " ebgp-multihop$opt [(1-255)$hops]", cmd_neighbor_option, NODE_CONFIG},
    {BGP, PEER " path-attribute$opt discard (1-255)...$types", cmd_neighbor_option, NODE_CONFIG},
    {BGP, PEER " local-as$opt ASN$asn [no-prepend$no_prepend [replace-as$replace_as]]",
     cmd_neighbor_option, NODE_CONFIG},
    {BGP, "address-family <ipv4$afi|ipv6$afi> unicast", cmd_address_family, NODE_AF_IPV6},

    /* address-family ipv4|ipv6 unicast.  As in FRR, the IPv4 unicast lines are valid in
     * router bgp itself too (BGP_NODE is IPv4 unicast's node); cmd_af.c warns about it. */
    {AF4 | BGP, "network A.B.C.D/M$prefix [route-map WORD$route_map]", cmd_af_network, NODE_CONFIG},
    {AF6, "network X:X::X:X/M$prefix [route-map WORD$route_map]", cmd_af_network, NODE_CONFIG},
    {AF | BGP, "[no$no] " PEER " activate", cmd_af_activate, NODE_CONFIG},
    {AF | BGP, PEER " soft-reconfiguration$opt inbound", cmd_af_neighbor, NODE_CONFIG},
    {AF | BGP,
     PEER " maximum-prefix$opt (1-4294967295)$max [(1-100)$threshold] "
          "[{restart (1-65535)$restart|warning-only$warning_only|force$force}]",
     cmd_af_neighbor, NODE_CONFIG},
    {AF | BGP, PEER " route-map$opt WORD$name <in|out>$dir", cmd_af_neighbor, NODE_CONFIG},
    {AF | BGP, PEER " prefix-list$opt WORD$name <in|out>$dir", cmd_af_neighbor, NODE_CONFIG},
    {AF | BGP, PEER " filter-list$opt WORD$name <in|out>$dir", cmd_af_neighbor, NODE_CONFIG},
    {AF | BGP, PEER " next-hop-self$opt [force$force]", cmd_af_neighbor, NODE_CONFIG},
    {AF, "exit-address-family", cmd_exit_address_family, NODE_CONFIG},

    /* Leaving blocks.  "exit" at the top level is a no-op, "end" leaves every block. */
    {NODES_ALL, "exit", cmd_exit, NODE_CONFIG},
    {NODES_ALL, "end", cmd_end, NODE_CONFIG},
};

const size_t config_n_commands = sizeof(config_commands) / sizeof(config_commands[0]);
