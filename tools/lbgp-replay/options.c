/* options.c - lbgp-replay's command line. */
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "replay.h"
#include "table_gen.h"

static const char usage_text[] =
    "usage: lbgp-replay --local-as N --remote-as N --peer ADDR TABLE [options]\n"
    "TABLE, one of:\n"
    "  --mrt FILE            MRT TABLE_DUMP_V2 (one peer's RIB) or BGP4MP (one peer's\n"
    "                        UPDATEs in order); gzip and bzip2 read as they are\n"
    "  --mrt-peer INDEX|ADDR which peer of the file (default: the first with routes)\n"
    "  --generate IPASN      the ipasn prefixes with the generated table shape\n"
    "  --seed N              the generator's seed (default 1)\n"
    "  --first-as ASN        the first AS of generated paths, after ours (default 6939)\n"
    "  --prefixes FILE       one prefix a line\n"
    "  --path \"ASN ...\"      the AS path after ours for --prefixes\n"
    "  FILE                  MRT or a prefix list, as its first bytes say\n"
    "the session:\n"
    "  --local-as N, --remote-as N, --peer ADDR, --router-id A.B.C.D\n"
    "  --local ADDR          our address (update-source; where --passive listens)\n"
    "  --port P              the peer's port, and ours with --passive (default 179)\n"
    "  --passive             wait for the peer to connect\n"
    "  --hold SECONDS        hold time to offer (default 90)\n"
    "  --families LIST       ipv6-unicast (default), ipv4-unicast, comma-separated\n"
    "  --next-hop ADDR       next hop of ADDR's family (default: our session address)\n"
    "  --ttl-security HOPS   GTSM (RFC 5082): send TTL 255, accept TTL >= 256 - HOPS\n"
    "  --per-update N        at most N prefixes an UPDATE (default: as many as fit)\n"
    "after the table (default: hold the session, keepalives only):\n"
    "  --second SPEC         then send a second table that replaces the first: a file,\n"
    "                        or generate:SEED[:FIRST_AS] on the --generate prefixes\n"
    "  --second-after S      wait S seconds before it (default 0)\n"
    "  --withdraw-after S    S seconds after the tables, withdraw everything\n"
    "                        (or on SIGUSR2, while holding the table)\n"
    "  --flap N              then drop the session and reconnect N times, resending\n"
    "  --flap-wait S         seconds before each drop (default 2)\n"
    "  --flap-reconnect MS   milliseconds from each drop to the next connection\n"
    "                        (default 100)\n"
    "  --exit-after S        S seconds after the last action, stop and exit\n"
    "report (on stdout at exit and on SIGUSR1):\n"
    "  --json                as JSON\n"
    "  --sink                send nothing: receive, discard and count (the other end of a\n"
    "                        replay, to show the sender is not the bottleneck)\n";

static void usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void usage_error(const char *fmt, ...)
{
        va_list ap;
        fputs("lbgp-replay: ", stderr);
        va_start(ap, fmt);
        vfprintf(stderr, fmt, ap);
        va_end(ap);
        fputs("\n", stderr);
        fputs(usage_text, stderr);
        exit(2);
}

static unsigned long long parse_num(const char *opt, const char *text, unsigned long long max)
{
        char *end;
        errno = 0;
        unsigned long long v = strtoull(text, &end, 10);
        if (*text == '\0' || *text == '-' || *end != '\0' || errno != 0 || v > max)
                usage_error("%s: \"%s\" is not a number up to %llu", opt, text, max);
        return v;
}

/* ADDR into a sockaddr with port. */
static bool parse_addr(const char *text, uint16_t port, struct sockaddr_storage *ss, socklen_t *len)
{
        memset(ss, 0, sizeof(*ss));
        struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)ss;
        struct sockaddr_in *s4 = (struct sockaddr_in *)ss;
        if (inet_pton(AF_INET6, text, &s6->sin6_addr) == 1) {
                s6->sin6_family = AF_INET6;
                s6->sin6_port = htons(port);
                *len = sizeof(*s6);
                return true;
        }
        if (inet_pton(AF_INET, text, &s4->sin_addr) == 1) {
                s4->sin_family = AF_INET;
                s4->sin_port = htons(port);
                *len = sizeof(*s4);
                return true;
        }
        return false;
}

enum {
        O_LOCAL_AS = 256,
        O_REMOTE_AS,
        O_PEER,
        O_LOCAL,
        O_PORT,
        O_PASSIVE,
        O_HOLD,
        O_ROUTER_ID,
        O_FAMILIES,
        O_NEXT_HOP,
        O_TTL_SECURITY,
        O_PER_UPDATE,
        O_MRT,
        O_MRT_PEER,
        O_GENERATE,
        O_SEED,
        O_FIRST_AS,
        O_PREFIXES,
        O_PATH,
        O_SECOND,
        O_SECOND_AFTER,
        O_WITHDRAW_AFTER,
        O_FLAP,
        O_FLAP_WAIT,
        O_FLAP_RECONNECT,
        O_EXIT_AFTER,
        O_JSON,
        O_SINK,
        O_HELP,
};

static const struct option longopts[] = {
    {"local-as", required_argument, NULL, O_LOCAL_AS},
    {"remote-as", required_argument, NULL, O_REMOTE_AS},
    {"peer", required_argument, NULL, O_PEER},
    {"local", required_argument, NULL, O_LOCAL},
    {"port", required_argument, NULL, O_PORT},
    {"passive", no_argument, NULL, O_PASSIVE},
    {"hold", required_argument, NULL, O_HOLD},
    {"router-id", required_argument, NULL, O_ROUTER_ID},
    {"families", required_argument, NULL, O_FAMILIES},
    {"next-hop", required_argument, NULL, O_NEXT_HOP},
    {"ttl-security", required_argument, NULL, O_TTL_SECURITY},
    {"per-update", required_argument, NULL, O_PER_UPDATE},
    {"mrt", required_argument, NULL, O_MRT},
    {"mrt-peer", required_argument, NULL, O_MRT_PEER},
    {"generate", required_argument, NULL, O_GENERATE},
    {"seed", required_argument, NULL, O_SEED},
    {"first-as", required_argument, NULL, O_FIRST_AS},
    {"prefixes", required_argument, NULL, O_PREFIXES},
    {"path", required_argument, NULL, O_PATH},
    {"second", required_argument, NULL, O_SECOND},
    {"second-after", required_argument, NULL, O_SECOND_AFTER},
    {"withdraw-after", required_argument, NULL, O_WITHDRAW_AFTER},
    {"flap", required_argument, NULL, O_FLAP},
    {"flap-wait", required_argument, NULL, O_FLAP_WAIT},
    {"flap-reconnect", required_argument, NULL, O_FLAP_RECONNECT},
    {"exit-after", required_argument, NULL, O_EXIT_AFTER},
    {"json", no_argument, NULL, O_JSON},
    {"sink", no_argument, NULL, O_SINK},
    {"help", no_argument, NULL, O_HELP},
    {NULL, 0, NULL, 0},
};

void replay_parse_args(struct replay_cfg *c, int argc, char **argv)
{
        struct bgp_session_config *sc = &c->peer.session;
        bool have_local_as = false, have_remote_as = false, have_id = false;
        int o;

        memset(c, 0, sizeof(*c));
        bgp_ev_peer_config_init(&c->peer);
        sc->families = BGP_FAMILY_IPV6_UNICAST;
        sc->hold_time = 90;
        sc->keepalive_time = 30;
        /* The library's 120 s retry would outlast a test; restart soon after a drop. */
        sc->connect_retry_time = 2;
        sc->auto_restart = true;
        sc->idle_hold_time = 1;
        sc->idle_hold_max = 4;
        c->port = 179;
        c->seed = 1;
        c->withdraw_after = -1;
        c->exit_after = -1;
        c->flap_wait = 2;
        c->flap_reconnect_ms = 100;
        c->src.ipasn = TGEN_DEFAULT_IPASN;

        while ((o = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
                switch (o) {
                case O_LOCAL_AS:
                        sc->local_as = (uint32_t)parse_num("--local-as", optarg, UINT32_MAX);
                        have_local_as = true;
                        break;
                case O_REMOTE_AS:
                        sc->remote_as = (uint32_t)parse_num("--remote-as", optarg, UINT32_MAX);
                        have_remote_as = true;
                        break;
                case O_PEER:
                        c->peer_text = optarg;
                        break;
                case O_LOCAL:
                        c->local_text = optarg;
                        break;
                case O_PORT:
                        c->port = (uint16_t)parse_num("--port", optarg, 65535);
                        break;
                case O_PASSIVE:
                        sc->passive = true;
                        break;
                case O_HOLD: {
                        unsigned long h = (unsigned long)parse_num("--hold", optarg, 65535);
                        if (h != 0 && h < 3)
                                usage_error("--hold: 0 or at least 3 seconds (RFC 4271 4.2)");
                        sc->hold_time = (uint16_t)h;
                        sc->keepalive_time = (uint16_t)(h / 3);
                        break;
                }
                case O_ROUTER_ID: {
                        struct in_addr a;
                        if (inet_pton(AF_INET, optarg, &a) != 1)
                                usage_error("--router-id: \"%s\" is not A.B.C.D", optarg);
                        sc->local_id = ntohl(a.s_addr);
                        have_id = true;
                        break;
                }
                case O_FAMILIES:
                        if (bgp_families_parse(optarg, &sc->families) != 0)
                                usage_error("--families: \"%s\"", optarg);
                        break;
                case O_NEXT_HOP:
                        if (inet_pton(AF_INET6, optarg, c->nh6) == 1)
                                c->have_nh6 = true;
                        else if (inet_pton(AF_INET, optarg, c->nh4) == 1)
                                c->have_nh4 = true;
                        else
                                usage_error("--next-hop: \"%s\" is not an address", optarg);
                        break;
                case O_TTL_SECURITY:
                        /* For a peer with GTSM (the seed's `ttl-security hops 1`), which
                         * drops a direct neighbor's segments unless they carry TTL 255. */
                        c->peer.ttl_security_hops = (int)parse_num("--ttl-security", optarg, 254);
                        break;
                case O_PER_UPDATE:
                        c->per_update = (size_t)parse_num("--per-update", optarg, 65535);
                        break;
                case O_MRT:
                        c->mrt_file = optarg;
                        break;
                case O_MRT_PEER:
                        c->src.mrt_peer = optarg;
                        break;
                case O_GENERATE:
                        c->generate = optarg;
                        c->src.ipasn = optarg;
                        break;
                case O_SEED:
                        c->seed = parse_num("--seed", optarg, UINT64_MAX);
                        break;
                case O_FIRST_AS:
                        c->first_as = (uint32_t)parse_num("--first-as", optarg, UINT32_MAX);
                        break;
                case O_PREFIXES:
                        c->prefix_file = optarg;
                        break;
                case O_PATH:
                        c->src.path = optarg;
                        break;
                case O_SECOND:
                        c->second = optarg;
                        break;
                case O_SECOND_AFTER:
                        c->second_after = (long)parse_num("--second-after", optarg, 86400);
                        break;
                case O_WITHDRAW_AFTER:
                        c->withdraw_after = (long)parse_num("--withdraw-after", optarg, 86400);
                        break;
                case O_FLAP:
                        c->flap = (unsigned)parse_num("--flap", optarg, 1000000);
                        break;
                case O_FLAP_WAIT:
                        c->flap_wait = (long)parse_num("--flap-wait", optarg, 86400);
                        break;
                case O_FLAP_RECONNECT:
                        c->flap_reconnect_ms =
                            (long)parse_num("--flap-reconnect", optarg, 86400 * 1000);
                        break;
                case O_EXIT_AFTER:
                        c->exit_after = (long)parse_num("--exit-after", optarg, 86400 * 365);
                        break;
                case O_JSON:
                        c->json = true;
                        break;
                case O_SINK:
                        c->sink = true;
                        break;
                case O_HELP:
                case 'h':
                        fputs(usage_text, stdout);
                        exit(0);
                default:
                        usage_error("unknown option");
                }
        }
        if (optind < argc)
                c->positional = argv[optind++];
        if (optind < argc)
                usage_error("one table only: \"%s\" is one too many", argv[optind]);
        if (!have_local_as || !have_remote_as || c->peer_text == NULL)
                usage_error("--local-as, --remote-as and --peer are required");
        if (sc->local_as == sc->remote_as)
                usage_error("an eBGP speaker: --remote-as must differ from --local-as");
        if (!parse_addr(c->peer_text, c->port, &c->peer.remote, &c->peer.remote_len))
                usage_error("--peer: \"%s\" is not an address", c->peer_text);
        if (c->local_text != NULL) {
                if (!parse_addr(c->local_text, c->port, &c->local, &c->local_len))
                        usage_error("--local: \"%s\" is not an address", c->local_text);
                if (c->local.ss_family != c->peer.remote.ss_family)
                        usage_error("--local and --peer are of different families");
                c->peer.update_source = c->local_text;
        }
        if (!have_id) {
                /* A router id from our IPv4 address, else 10.0.0.1 (unique enough for a test). */
                if (c->local_text != NULL && c->local.ss_family == AF_INET)
                        sc->local_id = ntohl(((struct sockaddr_in *)&c->local)->sin_addr.s_addr);
                else
                        sc->local_id = 0x0a000001;
        }
        int tables = (c->mrt_file != NULL) + (c->prefix_file != NULL) + (c->generate != NULL) +
                     (c->positional != NULL);
        if (c->sink ? tables != 0 : tables != 1)
                usage_error(c->sink ? "--sink sends no table"
                                    : "one table: --mrt, --generate, --prefixes or a FILE");
        if (c->src.path != NULL && c->prefix_file == NULL && c->positional == NULL)
                usage_error("--path goes with --prefixes");
}
