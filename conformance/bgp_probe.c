/*
 * bgp_probe - one BGP session on the libevent binding, driven from the command line, for the
 * conformance scripts.
 *
 * It runs a single configured peer for --run seconds and prints one line per event on
 * stdout, so that a shell script can wait for a line and grep for it:
 *
 *   state <from> <to>                                     every FSM transition
 *   keepalive-interval <s> hold <s>                       on entering Established
 *   notification sent|received <code> <subcode> [shutdown "<text>"]
 *   update <n-announced> <n-withdrawn> [<verdict>]        verdict only when not "ok"
 *   announce <n-prefixes>                                 our --announce went out
 *   stop                                                  --stop-after fired
 *   result pass|fail <why>                                last line, before exiting
 *
 * The exit status says whether --expect-state held (see expect_verdict()): 0 yes, 1 no (or
 * the peer could not be set up), 2 for a usage error.  Library log lines go to stderr, so
 * stdout stays machine-readable.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <netdb.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/event.h>

#include <bgp/bgp.h>
#include <bgp/event.h>

enum {
        EXIT_PASS = 0,
        EXIT_FAIL = 1,
        EXIT_USAGE = 2,
};

enum expect {
        EXPECT_NONE,
        /* The session reached Established and never left it except by our own stop. */
        EXPECT_ESTABLISHED,
        /* The session never reached OpenSent: no TCP connection got as far as BGP. */
        EXPECT_NEVER,
};

#define MAX_LISTEN   4
#define MAX_ANNOUNCE 256

struct probe {
        struct event_base *base;
        struct bgp_ev *ev;
        struct bgp_ev_peer *peer;
        struct event *run_timer;
        struct event *stop_timer;
        struct event *sigint;
        struct event *sigterm;

        /* From the command line. */
        struct bgp_ev_peer_config cfg;
        enum expect expect;
        unsigned run_s;
        long stop_after_s; /* -1: never */
        const char *shutdown_msg;
        uint16_t port;
        size_t n_listen;
        struct sockaddr_storage listen[MAX_LISTEN];
        socklen_t listen_len[MAX_LISTEN];
        size_t n_announce;
        struct bgp_prefix announce[MAX_ANNOUNCE];
        bool have_nh4, have_nh6;
        uint8_t nh4[4], nh6[16];

        /* What happened. */
        unsigned times_established;
        bool reached_opensent;
        bool left_established; /* left Established before our own stop */
        bool stopped;          /* --stop-after fired */
        bool state_at_stop_established;
        bool sent_admin_shutdown;
        bool interrupted;
};

static const char usage_text[] =
    "usage: bgp_probe --local-as N --router-id A.B.C.D --peer ADDR --peer-as N [options]\n"
    "  --port P              the peer's BGP port and our listening port (default 179)\n"
    "  --listen ADDR         accept the peer's connections on ADDR (repeatable)\n"
    "  --passive             never connect out (needs --listen)\n"
    "  --update-source S     connect from this address or interface\n"
    "  --ttl-security HOPS   GTSM (RFC 5082): send TTL 255, accept TTL >= 256 - HOPS\n"
    "  --md5 PASSWORD        TCP-MD5 (RFC 2385)\n"
    "  --hold SECONDS        hold time to offer, keepalive a third of it (default 180)\n"
    "  --connect-retry S     ConnectRetry time (default 5: the library's 120 outlasts tests)\n"
    "  --families LIST       ipv6-unicast,ipv4-unicast (the default), comma-separated\n"
    "  --run SECONDS         how long to run at most (default 30)\n"
    "  --stop-after SECONDS  this long after first reaching Established, stop the session\n"
    "                        with Cease/Administrative Shutdown, then exit once Idle\n"
    "  --shutdown-msg TEXT   the RFC 9003 shutdown communication for that Cease\n"
    "  --expect-state S      established: reached Established and left it only by our\n"
    "                        --stop-after (or not at all until --run ended);\n"
    "                        never: no connection reached OpenSent\n"
    "  --announce PREFIX     announce PREFIX once Established (repeatable)\n"
    "  --next-hop ADDR       next hop for announced prefixes of ADDR's family (repeatable)\n";

static void usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void usage_error(const char *fmt, ...)
{
        va_list ap;
        fputs("bgp_probe: ", stderr);
        va_start(ap, fmt);
        vfprintf(stderr, fmt, ap);
        va_end(ap);
        fputs("\n", stderr);
        fputs(usage_text, stderr);
        exit(EXIT_USAGE);
}

/* Scripts read stdout while we run: every event line must reach them at once. */
static void emit(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void emit(const char *fmt, ...)
{
        va_list ap;
        va_start(ap, fmt);
        vprintf(fmt, ap);
        va_end(ap);
        putchar('\n');
        fflush(stdout);
}

/* ---- command line ---------------------------------------------------------------------- */

static unsigned long parse_uint(const char *opt, const char *text, unsigned long max)
{
        char *end;
        errno = 0;
        unsigned long v = strtoul(text, &end, 10);
        if (errno != 0 || end == text || *end != '\0' || text[0] == '-' || v > max)
                usage_error("%s: not a number from 0 to %lu: %s", opt, max, text);
        return v;
}

/* A numeric address (IPv6 with an optional %scope, or IPv4) with a port. */
static void parse_sockaddr(const char *opt, const char *text, uint16_t port,
                           struct sockaddr_storage *ss, socklen_t *len)
{
        struct addrinfo hints, *res;
        char portstr[8];

        memset(&hints, 0, sizeof(hints));
        hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV;
        hints.ai_socktype = SOCK_STREAM;
        snprintf(portstr, sizeof(portstr), "%u", port);
        int rc = getaddrinfo(text, portstr, &hints, &res);
        if (rc != 0)
                usage_error("%s: not an address: %s (%s)", opt, text, gai_strerror(rc));
        memcpy(ss, res->ai_addr, res->ai_addrlen);
        *len = res->ai_addrlen;
        freeaddrinfo(res);
}

static void parse_next_hop(struct probe *pr, const char *text)
{
        if (inet_pton(AF_INET6, text, pr->nh6) == 1)
                pr->have_nh6 = true;
        else if (inet_pton(AF_INET, text, pr->nh4) == 1)
                pr->have_nh4 = true;
        else
                usage_error("--next-hop: not an address: %s", text);
}

enum {
        OPT_LOCAL_AS = 256,
        OPT_ROUTER_ID,
        OPT_PEER,
        OPT_PEER_AS,
        OPT_PORT,
        OPT_LISTEN,
        OPT_PASSIVE,
        OPT_UPDATE_SOURCE,
        OPT_TTL_SECURITY,
        OPT_MD5,
        OPT_HOLD,
        OPT_CONNECT_RETRY,
        OPT_FAMILIES,
        OPT_RUN,
        OPT_STOP_AFTER,
        OPT_SHUTDOWN_MSG,
        OPT_EXPECT_STATE,
        OPT_ANNOUNCE,
        OPT_NEXT_HOP,
        OPT_HELP,
};

static const struct option long_options[] = {
    {"local-as", required_argument, NULL, OPT_LOCAL_AS},
    {"router-id", required_argument, NULL, OPT_ROUTER_ID},
    {"peer", required_argument, NULL, OPT_PEER},
    {"peer-as", required_argument, NULL, OPT_PEER_AS},
    {"port", required_argument, NULL, OPT_PORT},
    {"listen", required_argument, NULL, OPT_LISTEN},
    {"passive", no_argument, NULL, OPT_PASSIVE},
    {"update-source", required_argument, NULL, OPT_UPDATE_SOURCE},
    {"ttl-security", required_argument, NULL, OPT_TTL_SECURITY},
    {"md5", required_argument, NULL, OPT_MD5},
    {"hold", required_argument, NULL, OPT_HOLD},
    {"connect-retry", required_argument, NULL, OPT_CONNECT_RETRY},
    {"families", required_argument, NULL, OPT_FAMILIES},
    {"run", required_argument, NULL, OPT_RUN},
    {"stop-after", required_argument, NULL, OPT_STOP_AFTER},
    {"shutdown-msg", required_argument, NULL, OPT_SHUTDOWN_MSG},
    {"expect-state", required_argument, NULL, OPT_EXPECT_STATE},
    {"announce", required_argument, NULL, OPT_ANNOUNCE},
    {"next-hop", required_argument, NULL, OPT_NEXT_HOP},
    {"help", no_argument, NULL, OPT_HELP},
    {NULL, 0, NULL, 0},
};

static void parse_args(struct probe *pr, int argc, char **argv)
{
        struct bgp_session_config *sc = &pr->cfg.session;
        const char *peer = NULL;
        const char *listen[MAX_LISTEN];
        bool have_hold = false;
        int c;

        bgp_ev_peer_config_init(&pr->cfg);
        sc->families = BGP_FAMILY_IPV6_UNICAST | BGP_FAMILY_IPV4_UNICAST;
        sc->connect_retry_time = 5;
        pr->run_s = 30;
        pr->stop_after_s = -1;
        pr->port = 179;

        while ((c = getopt_long(argc, argv, "", long_options, NULL)) != -1) {
                switch (c) {
                case OPT_LOCAL_AS:
                        sc->local_as = (uint32_t)parse_uint("--local-as", optarg, UINT32_MAX);
                        break;
                case OPT_ROUTER_ID: {
                        struct in_addr a;
                        if (inet_pton(AF_INET, optarg, &a) != 1)
                                usage_error("--router-id: not A.B.C.D: %s", optarg);
                        sc->local_id = ntohl(a.s_addr);
                        break;
                }
                case OPT_PEER:
                        peer = optarg;
                        break;
                case OPT_PEER_AS:
                        sc->remote_as = (uint32_t)parse_uint("--peer-as", optarg, UINT32_MAX);
                        break;
                case OPT_PORT:
                        pr->port = (uint16_t)parse_uint("--port", optarg, 65535);
                        break;
                case OPT_LISTEN:
                        if (pr->n_listen == MAX_LISTEN)
                                usage_error("--listen: at most %d", MAX_LISTEN);
                        listen[pr->n_listen++] = optarg;
                        break;
                case OPT_PASSIVE:
                        sc->passive = true;
                        break;
                case OPT_UPDATE_SOURCE:
                        pr->cfg.update_source = optarg;
                        break;
                case OPT_TTL_SECURITY:
                        pr->cfg.ttl_security_hops = (int)parse_uint("--ttl-security", optarg, 254);
                        break;
                case OPT_MD5:
                        pr->cfg.md5_password = optarg;
                        break;
                case OPT_HOLD:
                        sc->hold_time = (uint16_t)parse_uint("--hold", optarg, 65535);
                        have_hold = true;
                        break;
                case OPT_CONNECT_RETRY:
                        sc->connect_retry_time =
                            (uint16_t)parse_uint("--connect-retry", optarg, 65535);
                        break;
                case OPT_FAMILIES:
                        if (bgp_families_parse(optarg, &sc->families) != 0)
                                usage_error("--families: unknown family or empty list in %s",
                                            optarg);
                        break;
                case OPT_RUN:
                        pr->run_s = (unsigned)parse_uint("--run", optarg, 86400);
                        break;
                case OPT_STOP_AFTER:
                        pr->stop_after_s = (long)parse_uint("--stop-after", optarg, 86400);
                        break;
                case OPT_SHUTDOWN_MSG:
                        pr->shutdown_msg = optarg;
                        break;
                case OPT_EXPECT_STATE:
                        if (strcmp(optarg, "established") == 0)
                                pr->expect = EXPECT_ESTABLISHED;
                        else if (strcmp(optarg, "never") == 0)
                                pr->expect = EXPECT_NEVER;
                        else
                                usage_error("--expect-state: established or never, not %s", optarg);
                        break;
                case OPT_ANNOUNCE:
                        if (pr->n_announce == MAX_ANNOUNCE)
                                usage_error("--announce: at most %d", MAX_ANNOUNCE);
                        if (bgp_prefix_parse(optarg, &pr->announce[pr->n_announce]) != 0)
                                usage_error("--announce: not a prefix: %s", optarg);
                        pr->n_announce++;
                        break;
                case OPT_NEXT_HOP:
                        parse_next_hop(pr, optarg);
                        break;
                case OPT_HELP:
                        fputs(usage_text, stdout);
                        exit(EXIT_PASS);
                default:
                        usage_error("unknown option");
                }
        }
        if (optind != argc)
                usage_error("unexpected argument: %s", argv[optind]);
        if (sc->local_as == 0 || sc->local_id == 0 || peer == NULL || sc->remote_as == 0)
                usage_error("--local-as, --router-id, --peer and --peer-as are required");
        if (sc->passive && pr->n_listen == 0)
                usage_error("--passive needs --listen: nothing would ever connect");
        if (pr->shutdown_msg != NULL && pr->stop_after_s < 0)
                usage_error("--shutdown-msg needs --stop-after");
        if (have_hold) {
                if (sc->hold_time == 1 || sc->hold_time == 2)
                        usage_error("--hold: 0 or at least 3 (RFC 4271 4.2)");
                sc->keepalive_time = (uint16_t)(sc->hold_time / 3);
        }
        parse_sockaddr("--peer", peer, pr->port, &pr->cfg.remote, &pr->cfg.remote_len);
        for (size_t i = 0; i < pr->n_listen; i++)
                parse_sockaddr("--listen", listen[i], pr->port, &pr->listen[i], &pr->listen_len[i]);
        for (size_t i = 0; i < pr->n_announce; i++) {
                bool v6 = pr->announce[i].afi == BGP_AFI_IPV6;
                if (v6 ? !pr->have_nh6 : !pr->have_nh4)
                        usage_error("--announce %s prefixes need a --next-hop of that family",
                                    v6 ? "IPv6" : "IPv4");
        }
}

/* ---- what happened ---------------------------------------------------------------------- */

/* The binding may hold two connections, and so two sessions, for the peer while a
 * collision is resolved; state lines come from both.  What counts is the one that carries
 * the peer. */
static enum bgp_state peer_state(const struct probe *pr)
{
        struct bgp_session *s = bgp_ev_peer_session(pr->peer);
        return s != NULL ? bgp_session_state(s) : BGP_STATE_IDLE;
}

/* The expectation, judged once at the end; *why says which part failed or held. */
static bool expect_verdict(const struct probe *pr, const char **why)
{
        switch (pr->expect) {
        case EXPECT_NONE:
                *why = "no expectation";
                return true;
        case EXPECT_NEVER:
                *why = pr->reached_opensent ? "a connection reached OpenSent"
                                            : "no connection reached OpenSent";
                return !pr->reached_opensent;
        case EXPECT_ESTABLISHED:
                if (pr->times_established == 0) {
                        *why = "never reached Established";
                        return false;
                }
                if (pr->left_established) {
                        *why = "left Established before the end";
                        return false;
                }
                if (pr->stop_after_s >= 0) {
                        if (!pr->stopped) {
                                *why = "--run ended before --stop-after";
                                return false;
                        }
                        if (!pr->state_at_stop_established || !pr->sent_admin_shutdown) {
                                *why = "the stop did not send Cease/Administrative Shutdown";
                                return false;
                        }
                        *why = "Established until our Administrative Shutdown";
                        return true;
                }
                if (peer_state(pr) != BGP_STATE_ESTABLISHED) {
                        *why = "not Established at the end";
                        return false;
                }
                *why = "Established until the end of --run";
                return true;
        }
        *why = "?";
        return false;
}

static void finish(struct probe *pr)
{
        event_base_loopbreak(pr->base);
}

/* After our own stop: a second for the binding to write the NOTIFICATION and close, so
 * the peer sees the Cease before the process (and its sockets) go away. */
static void finish_soon(struct probe *pr)
{
        const struct timeval grace = {.tv_sec = 1};
        event_base_loopexit(pr->base, &grace);
}

/* ---- announcing ------------------------------------------------------------------------- */

/* One UPDATE per family and message size: ORIGIN IGP, AS_PATH of our AS (empty for
 * iBGP, with LOCAL_PREF 100 then), the next hop of the prefixes' family. */
static void announce(struct probe *pr)
{
        struct bgp_session *s = bgp_ev_peer_session(pr->peer);
        const struct bgp_codec_opts *opts = bgp_session_codec(s);
        const struct bgp_session_config *sc = &pr->cfg.session;
        uint8_t path[8];
        uint8_t buf[BGP_EXT_MAX_MSG_LEN];
        struct bgp_attrs attrs;
        struct bgp_prefix v4[MAX_ANNOUNCE], v6[MAX_ANNOUNCE];
        size_t n4 = 0, n6 = 0, sent = 0;

        for (size_t i = 0; i < pr->n_announce; i++) {
                if (pr->announce[i].afi == BGP_AFI_IPV6)
                        v6[n6++] = pr->announce[i];
                else
                        v4[n4++] = pr->announce[i];
        }
        memset(&attrs, 0, sizeof(attrs));
        bgp_attrs_set(&attrs, BGP_ATTR_ORIGIN);
        attrs.origin = BGP_ORIGIN_IGP;
        bgp_attrs_set(&attrs, BGP_ATTR_AS_PATH);
        attrs.as_path.asn_size = 4;
        attrs.as_path.data = path;
        if (sc->local_as != sc->remote_as) {
                int n = bgp_as_path_encode_seq(path, sizeof(path), &sc->local_as, 1);
                attrs.as_path.len = n > 0 ? (size_t)n : 0;
        } else {
                bgp_attrs_set(&attrs, BGP_ATTR_LOCAL_PREF);
                attrs.local_pref = 100;
        }

        for (int fam = 0; fam < 2; fam++) {
                const struct bgp_prefix *pfx = fam == 0 ? v6 : v4;
                size_t n = fam == 0 ? n6 : n4, done = 0;
                struct bgp_attrs a = attrs;
                if (n == 0)
                        continue;
                if (fam == 0) {
                        bgp_attrs_set(&a, BGP_ATTR_MP_REACH_NLRI);
                        a.mp_reach.afi = BGP_AFI_IPV6;
                        a.mp_reach.safi = BGP_SAFI_UNICAST;
                        a.mp_reach.nh_len = 16;
                        memcpy(a.mp_reach.nh, pr->nh6, 16);
                } else {
                        bgp_attrs_set(&a, BGP_ATTR_NEXT_HOP);
                        memcpy(a.next_hop, pr->nh4, 4);
                }
                while (done < n) {
                        size_t before = done;
                        int len = bgp_update_build_announce(buf, sizeof(buf), opts, &a,
                                                            BGP_SAFI_UNICAST, pfx, n, &done);
                        if (len < 0) {
                                fprintf(stderr, "bgp_probe: building an UPDATE: %s\n",
                                        bgp_strerror(len));
                                return;
                        }
                        int rc = bgp_ev_peer_send_update(pr->peer, buf, (size_t)len);
                        if (rc != 0) {
                                fprintf(stderr, "bgp_probe: sending an UPDATE: %s\n",
                                        bgp_strerror(rc));
                                return;
                        }
                        sent += done - before;
                }
        }
        emit("announce %zu", sent);
}

/* ---- binding callbacks ------------------------------------------------------------------- */

static void on_state(struct bgp_ev_peer *p, enum bgp_state from, enum bgp_state to, void *ud)
{
        struct probe *pr = ud;

        emit("state %s %s", bgp_state_name(from), bgp_state_name(to));
        if (to >= BGP_STATE_OPENSENT)
                pr->reached_opensent = true;
        if (from == BGP_STATE_ESTABLISHED && !pr->stopped)
                pr->left_established = true;
        if (to == BGP_STATE_ESTABLISHED) {
                struct bgp_session *s = bgp_ev_peer_session(p);
                pr->times_established++;
                emit("keepalive-interval %u hold %u", bgp_session_keepalive_time(s),
                     bgp_session_hold_time(s));
                if (pr->times_established == 1 && pr->stop_after_s >= 0) {
                        struct timeval tv = {.tv_sec = pr->stop_after_s};
                        evtimer_add(pr->stop_timer, &tv);
                }
                if (pr->n_announce > 0)
                        announce(pr);
        }
        /* After our own stop there is nothing left to see. */
        if (pr->stopped && to == BGP_STATE_IDLE)
                finish_soon(pr);
}

/* The RFC 9003 text, quoted; bytes that would break the line or the quoting are escaped. */
static void format_shutdown(const char *text, char *out, size_t cap)
{
        size_t o = 0;
        for (const unsigned char *p = (const unsigned char *)text; *p != '\0'; p++) {
                char tmp[8];
                if (*p == '"' || *p == '\\')
                        snprintf(tmp, sizeof(tmp), "\\%c", *p);
                else if (*p < 0x20 || *p == 0x7f)
                        snprintf(tmp, sizeof(tmp), "\\x%02x", *p);
                else if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) /* C1 in UTF-8 */
                        snprintf(tmp, sizeof(tmp), "\\u%04x", *++p);
                else
                        snprintf(tmp, sizeof(tmp), "%c", *p);
                size_t n = strlen(tmp);
                if (o + n + 1 > cap)
                        break;
                memcpy(out + o, tmp, n);
                o += n;
        }
        out[o] = '\0';
}

static void on_notification(struct bgp_ev_peer *p, bool sent, const struct bgp_notification *n,
                            void *ud)
{
        struct probe *pr = ud;
        char text[256], quoted[1100];
        (void)p;

        if (sent && n->code == BGP_NOTIFY_CEASE && n->subcode == BGP_NOTIFY_CEASE_ADMIN_SHUTDOWN)
                pr->sent_admin_shutdown = true;
        if (bgp_notification_shutdown_text(n, text, sizeof(text)) >= 0) {
                format_shutdown(text, quoted, sizeof(quoted));
                emit("notification %s %u %u shutdown \"%s\"", sent ? "sent" : "received", n->code,
                     n->subcode, quoted);
        } else {
                emit("notification %s %u %u", sent ? "sent" : "received", n->code, n->subcode);
        }
}

static size_t count_nlri(const struct bgp_nlri *n)
{
        return n->data != NULL ? bgp_nlri_count(n) : 0;
}

static int on_update(struct bgp_ev_peer *p, const struct bgp_update *upd,
                     const struct bgp_verdict *verdict, void *ud)
{
        (void)p;
        (void)ud;
        size_t ann = count_nlri(&upd->nlri), wd = count_nlri(&upd->withdrawn);
        if (bgp_attrs_has(&upd->attrs, BGP_ATTR_MP_REACH_NLRI))
                ann += count_nlri(&upd->attrs.mp_reach.nlri);
        if (bgp_attrs_has(&upd->attrs, BGP_ATTR_MP_UNREACH_NLRI))
                wd += count_nlri(&upd->attrs.mp_unreach.nlri);
        if (verdict->action == BGP_ACTION_OK)
                emit("update %zu %zu", ann, wd);
        else
                emit("update %zu %zu %s", ann, wd, bgp_action_name(verdict->action));
        return 0;
}

static void on_log(struct bgp_ev_peer *p, enum bgp_log_level level, const char *msg, void *ud)
{
        (void)ud;
        fprintf(stderr, "bgp_probe: <%d> %s%s%s\n", (int)level,
                p != NULL ? bgp_ev_peer_name(p) : "", p != NULL ? ": " : "", msg);
}

/* ---- timers and signals ------------------------------------------------------------------ */

static void on_run_end(evutil_socket_t fd, short what, void *arg)
{
        (void)fd;
        (void)what;
        finish(arg);
}

static void on_stop(evutil_socket_t fd, short what, void *arg)
{
        struct probe *pr = arg;
        (void)fd;
        (void)what;

        pr->state_at_stop_established = peer_state(pr) == BGP_STATE_ESTABLISHED;
        pr->stopped = true;
        emit("stop");
        int rc = bgp_ev_peer_stop(pr->peer, pr->shutdown_msg);
        if (rc != 0)
                fprintf(stderr, "bgp_probe: stopping the peer: %s\n", bgp_strerror(rc));
        if (peer_state(pr) == BGP_STATE_IDLE)
                finish_soon(pr);
}

static void on_signal(evutil_socket_t fd, short what, void *arg)
{
        struct probe *pr = arg;
        (void)fd;
        (void)what;
        pr->interrupted = true;
        finish(pr);
}

/* ---- main --------------------------------------------------------------------------------- */

static int setup(struct probe *pr)
{
        const struct bgp_ev_callbacks cb = {
            .version = BGP_EV_CALLBACKS_VERSION,
            .state_change = on_state,
            .update = on_update,
            .notification = on_notification,
            .log = on_log,
        };
        int rc;

        pr->base = event_base_new();
        if (pr->base == NULL) {
                fprintf(stderr, "bgp_probe: event_base_new failed\n");
                return -1;
        }
        rc = bgp_ev_new(&pr->ev, pr->base, &cb, pr);
        if (rc != 0) {
                fprintf(stderr, "bgp_probe: bgp_ev_new: %s\n", bgp_strerror(rc));
                return -1;
        }
        for (size_t i = 0; i < pr->n_listen; i++) {
                rc = bgp_ev_listen(pr->ev, (const struct sockaddr *)&pr->listen[i],
                                   pr->listen_len[i]);
                if (rc != 0) {
                        fprintf(stderr, "bgp_probe: listen: %s\n", strerror(-rc));
                        return -1;
                }
        }
        rc = bgp_ev_peer_add(pr->ev, &pr->cfg, &pr->peer);
        if (rc != 0) {
                fprintf(stderr, "bgp_probe: adding the peer: %s\n", bgp_strerror(rc));
                return -1;
        }
        pr->run_timer = evtimer_new(pr->base, on_run_end, pr);
        pr->stop_timer = evtimer_new(pr->base, on_stop, pr);
        pr->sigint = evsignal_new(pr->base, SIGINT, on_signal, pr);
        pr->sigterm = evsignal_new(pr->base, SIGTERM, on_signal, pr);
        if (pr->run_timer == NULL || pr->stop_timer == NULL || pr->sigint == NULL ||
            pr->sigterm == NULL) {
                fprintf(stderr, "bgp_probe: out of memory\n");
                return -1;
        }
        struct timeval run = {.tv_sec = pr->run_s};
        evtimer_add(pr->run_timer, &run);
        evsignal_add(pr->sigint, NULL);
        evsignal_add(pr->sigterm, NULL);
        rc = bgp_ev_peer_start(pr->peer);
        if (rc != 0) {
                fprintf(stderr, "bgp_probe: starting the peer: %s\n", bgp_strerror(rc));
                return -1;
        }
        return 0;
}

static void teardown(struct probe *pr)
{
        if (pr->ev != NULL)
                bgp_ev_del(pr->ev);
        if (pr->run_timer != NULL)
                event_free(pr->run_timer);
        if (pr->stop_timer != NULL)
                event_free(pr->stop_timer);
        if (pr->sigint != NULL)
                event_free(pr->sigint);
        if (pr->sigterm != NULL)
                event_free(pr->sigterm);
        if (pr->base != NULL)
                event_base_free(pr->base);
}

int main(int argc, char **argv)
{
        static struct probe pr; /* MAX_ANNOUNCE prefixes: too big for a small stack */
        const char *why;
        int status;

        parse_args(&pr, argc, argv);
        /* A peer that resets the connection must not kill us in the middle of a write. */
        signal(SIGPIPE, SIG_IGN);
        if (setup(&pr) != 0) {
                emit("result fail setup");
                teardown(&pr);
                return EXIT_FAIL;
        }
        event_base_dispatch(pr.base);
        if (pr.interrupted) {
                why = "interrupted";
                status = EXIT_FAIL;
        } else {
                status = expect_verdict(&pr, &why) ? EXIT_PASS : EXIT_FAIL;
        }
        emit("result %s %s", status == EXIT_PASS ? "pass" : "fail", why);
        teardown(&pr);
        return status;
}
