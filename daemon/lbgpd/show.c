/*
 * show.c - the `show bgp ...` answers of the control socket, as text or JSON.
 *
 * JSON keys are FRR 8.4's for the same vtysh command wherever FRR has one, so that
 * scripts written against `vtysh -c '... json'` keep working (DESIGN.md).  Values FRR has
 * and we do not track (table versions, memory) are left out rather than invented.
 */
#include <arpa/inet.h>
#include <json-c/json.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "lbgpd.h"
#include "show.h"

struct lbgpd_peer *lbgpd_peer_find(struct lbgpd *d, const char *text)
{
        uint8_t a[16];
        for (size_t i = 0; i < d->n_peers; i++) {
                const struct config_neighbor *nb = d->peers[i].nb;
                int af = nb->afi == BGP_AFI_IPV6 ? AF_INET6 : AF_INET;
                /* Compared as addresses, so that 2001:DB8::1 finds 2001:db8::1. */
                if (inet_pton(af, text, a) == 1 &&
                    memcmp(a, nb->addr, nb->afi == BGP_AFI_IPV6 ? 16 : 4) == 0)
                        return &d->peers[i];
        }
        return NULL;
}

static const struct lbgpd_peer *peer_of_rib(struct lbgpd *d, const struct bgp_rib_peer *rp)
{
        for (size_t i = 0; i < d->n_peers; i++)
                if (bgp_router_rib_peer(d->peers[i].rp) == rp)
                        return &d->peers[i];
        return NULL;
}

static void id_text(uint32_t id, char *buf, size_t len)
{
        snprintf(buf, len, "%u.%u.%u.%u", id >> 24, (id >> 16) & 255, (id >> 8) & 255, id & 255);
}

static void router_id_text(const struct lbgpd *d, char *buf, size_t len)
{
        const uint8_t *r = d->cfg->bgp.router_id;
        snprintf(buf, len, "%u.%u.%u.%u", r[0], r[1], r[2], r[3]);
}

/* FRR's peerUptime: "never", "hh:mm:ss" under a day, then "XdYYhZZm". */
static void uptime_text(time_t since, char *buf, size_t len)
{
        if (since == 0) {
                snprintf(buf, len, "never");
                return;
        }
        long s = (long)(time(NULL) - since);
        if (s < 86400)
                snprintf(buf, len, "%02ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
        else
                snprintf(buf, len, "%ldd%02ldh%02ldm", s / 86400, s / 3600 % 24, s / 60 % 60);
}

static const char *origin_text(uint8_t o)
{
        return o == BGP_ORIGIN_IGP ? "IGP" : o == BGP_ORIGIN_EGP ? "EGP" : "incomplete";
}

static const char *origin_code(uint8_t o)
{
        return o == BGP_ORIGIN_IGP ? "i" : o == BGP_ORIGIN_EGP ? "e" : "?";
}

static void nh_text(const struct bgp_pattr *pa, bool ll, char *buf, size_t len)
{
        const uint8_t *a = ll ? pa->ll_next_hop : pa->next_hop;
        if (!inet_ntop(pa->nh_afi == BGP_AFI_IPV4 ? AF_INET : AF_INET6, a, buf, (socklen_t)len))
                snprintf(buf, len, "?");
}

static uint64_t sum(const uint64_t v[6])
{
        uint64_t t = 0;
        for (int i = 1; i < 6; i++)
                t += v[i];
        return t;
}

static void print_json(json_object *o, FILE *out)
{
        fprintf(out, "%s\n", json_object_to_json_string_ext(o, JSON_C_TO_STRING_PRETTY));
        json_object_put(o);
}

/* ---- show bgp summary ----------------------------------------------------------------- */

/*
 * lbgpd's own key "lbgpd" (FRR has no such counts): what the daemon holds now, so that a
 * test can tell a leak from a session that comes and goes.  The events of its loop
 * (timers, sockets and signals added to libevent), the RIB's live and held bytes
 * (bgp_rib_memory()), and the bytes and blocks the router holds through its allocator
 * hooks (memcount.c).  The same for every family: they are the daemon's.
 */
static json_object *resources_json(struct lbgpd *d)
{
        struct bgp_rib_memory m;
        json_object *o = json_object_new_object();
        bgp_rib_memory(bgp_router_rib(d->router), &m);
        json_object_object_add(
            o, "loopEvents",
            json_object_new_int(event_base_get_num_events(d->base, EVENT_BASE_COUNT_ADDED)));
        json_object_object_add(
            o, "ribBytes",
            json_object_new_int64((int64_t)(m.trie_bytes + m.set_bytes + m.index_bytes)));
        json_object_object_add(o, "ribHeldBytes", json_object_new_int64((int64_t)m.slab_held));
        json_object_object_add(o, "ribAttributeSets", json_object_new_int64((int64_t)m.sets));
        json_object_object_add(o, "routerBytes",
                               json_object_new_int64((int64_t)d->router_mem_count.bytes));
        json_object_object_add(o, "routerBlocks",
                               json_object_new_int64((int64_t)d->router_mem_count.blocks));
        return o;
}

static json_object *summary_family(struct lbgpd *d, enum config_af af)
{
        char rid[16], up[32];
        json_object *fam = json_object_new_object(), *peers = json_object_new_object();
        int n = 0, failed = 0;
        router_id_text(d, rid, sizeof(rid));
        json_object_object_add(fam, "routerId", json_object_new_string(rid));
        json_object_object_add(fam, "as", json_object_new_int64(d->cfg->bgp.asn));
        json_object_object_add(fam, "vrfId", json_object_new_int(0));
        json_object_object_add(fam, "vrfName", json_object_new_string("default"));
        for (size_t i = 0; i < d->n_peers; i++) {
                struct lbgpd_peer *p = &d->peers[i];
                if (!config_neighbor_active(d->cfg, p->nb, af))
                        continue;
                struct bgp_session *s = bgp_ev_peer_session(p->ev);
                struct bgp_session_counters c;
                bool est = bgp_session_state(s) == BGP_STATE_ESTABLISHED;
                bgp_session_counters(s, &c);
                uptime_text(est ? p->up_since : 0, up, sizeof(up));
                json_object *o = json_object_new_object();
                json_object_object_add(o, "remoteAs", json_object_new_int64(p->nb->remote_as));
                json_object_object_add(o, "localAs", json_object_new_int64(d->cfg->bgp.asn));
                json_object_object_add(o, "version", json_object_new_int(4));
                json_object_object_add(o, "msgRcvd",
                                       json_object_new_int64((int64_t)sum(c.received)));
                json_object_object_add(o, "msgSent", json_object_new_int64((int64_t)sum(c.sent)));
                json_object_object_add(o, "outq", json_object_new_int(0));
                json_object_object_add(o, "inq", json_object_new_int(0));
                json_object_object_add(o, "peerUptime", json_object_new_string(up));
                json_object_object_add(o, "pfxRcd",
                                       json_object_new_int64((int64_t)bgp_rib_peer_accepted(
                                           bgp_router_rib_peer(p->rp))));
                json_object_object_add(
                    o, "pfxSnt",
                    json_object_new_int64((int64_t)bgp_adj_out_count(bgp_router_adj_out(p->rp))));
                json_object_object_add(
                    o, "state", json_object_new_string(bgp_state_name(bgp_session_state(s))));
                /* FRR's peerState: OK, or why the peer is not running. */
                json_object_object_add(o, "peerState",
                                       json_object_new_string(p->nb->shutdown ? "Admin" : "OK"));
                if (est)
                        json_object_object_add(
                            o, "peerUptimeMsec",
                            json_object_new_int64((int64_t)(time(NULL) - p->up_since) * 1000));
                json_object_object_add(o, "connectionsEstablished",
                                       json_object_new_int64(c.established));
                if (p->nb->description != NULL)
                        json_object_object_add(o, "desc",
                                               json_object_new_string(p->nb->description));
                json_object_object_add(
                    o, "idType",
                    json_object_new_string(p->nb->afi == BGP_AFI_IPV6 ? "ipv6" : "ipv4"));
                json_object_object_add(peers, p->nb->addr_text, o);
                n++;
                failed += !est;
        }
        json_object_object_add(fam, "peerCount", json_object_new_int(n));
        json_object_object_add(fam, "peers", peers);
        json_object_object_add(fam, "failedPeers", json_object_new_int(failed));
        json_object_object_add(fam, "displayedPeers", json_object_new_int(n));
        json_object_object_add(fam, "totalPeers", json_object_new_int(n));
        json_object_object_add(fam, "lbgpd", resources_json(d));
        return fam;
}

static void show_summary(struct lbgpd *d, bool json, FILE *out)
{
        json_object *top = json_object_new_object();
        static const struct {
                enum config_af af;
                const char *key;
        } fams[] = {{CONFIG_AF_IPV4_UNICAST, "ipv4Unicast"},
                    {CONFIG_AF_IPV6_UNICAST, "ipv6Unicast"}};
        for (size_t f = 0; f < 2; f++) {
                json_object *fam = summary_family(d, fams[f].af);
                json_object *peers = json_object_object_get(fam, "peers");
                /* FRR shows only the families some neighbor is activated in. */
                if (json_object_object_length(peers) == 0) {
                        json_object_put(fam);
                        continue;
                }
                if (json) {
                        json_object_object_add(top, fams[f].key, fam);
                        continue;
                }
                fprintf(out, "%s Summary:\nBGP router identifier %s, local AS number %u\n\n",
                        f == 0 ? "IPv4 Unicast" : "IPv6 Unicast",
                        json_object_get_string(json_object_object_get(fam, "routerId")),
                        d->cfg->bgp.asn);
                fprintf(out, "%-39s %1s %10s %7s %7s %8s %-11s %8s %8s %s\n", "Neighbor", "V", "AS",
                        "MsgRcvd", "MsgSent", "Up/Down", "State", "PfxRcd", "PfxSnt", "Desc");
                json_object_object_foreach(peers, addr, o)
                {
                        const char *st = json_object_get_string(json_object_object_get(o, "state"));
                        json_object *desc = json_object_object_get(o, "desc");
                        fprintf(out, "%-39s 4 %10s %7s %7s %8s %-11s %8s %8s %s\n", addr,
                                json_object_get_string(json_object_object_get(o, "remoteAs")),
                                json_object_get_string(json_object_object_get(o, "msgRcvd")),
                                json_object_get_string(json_object_object_get(o, "msgSent")),
                                json_object_get_string(json_object_object_get(o, "peerUptime")), st,
                                json_object_get_string(json_object_object_get(o, "pfxRcd")),
                                json_object_get_string(json_object_object_get(o, "pfxSnt")),
                                desc != NULL ? json_object_get_string(desc) : "N/A");
                }
                fputc('\n', out);
                json_object_put(fam);
        }
        if (json)
                print_json(top, out);
        else
                json_object_put(top);
}

/* ---- routes --------------------------------------------------------------------------- */

struct walk {
        struct lbgpd *d;
        const struct bgp_rib_peer *only; /* one neighbor's routes, or all */
        const struct bgp_prefix *prefix; /* one prefix, or all */
        bool received;                   /* as received (before policy), rejected ones too */
        json_object *routes;             /* prefix -> [path] or {route} */
        FILE *out;                       /* text, when not JSON */
        size_t n;
        /* A whole table in JSON is printed a prefix at a time (stream_paths()). */
        FILE *stream;
        char net[64];       /* the prefix whose paths are being gathered */
        json_object *paths; /* ... and those paths */
        size_t streamed;    /* prefixes printed */
};

/*
 * Prints "NET": [paths] of the whole-table JSON, as json-c would print it inside
 * {"routes": {...}} with JSON_C_TO_STRING_PRETTY (two spaces a level, '/' escaped):
 * building the table's tree first took 16 s and over a GiB for two full tables.
 */
static void stream_paths(struct walk *w)
{
        if (w->paths == NULL)
                return;
        fputs(w->streamed++ == 0 ? "\n" : ",\n", w->stream);
        /* The key as json-c writes it. */
        json_object *key = json_object_new_string(w->net);
        fprintf(w->stream, "    %s:", json_object_to_json_string_ext(key, JSON_C_TO_STRING_PLAIN));
        json_object_put(key);
        for (const char *s = json_object_to_json_string_ext(w->paths, JSON_C_TO_STRING_PRETTY);
             *s != '\0'; s++) {
                fputc(*s, w->stream);
                if (*s == '\n')
                        fputs("    ", w->stream); /* two levels deeper: routes, then NET */
        }
        json_object_put(w->paths);
        w->paths = NULL;
}

static void path_common(json_object *o, const struct bgp_pattr *pa)
{
        char as[1024];
        if (bgp_pattr_as_path_string(pa, as, sizeof(as)) < 0)
                as[0] = '\0';
        if (pa->has & BGP_PA_MED)
                json_object_object_add(o, "metric", json_object_new_int64(pa->med));
        if (pa->has & BGP_PA_LOCAL_PREF)
                json_object_object_add(o, "locPrf", json_object_new_int64(pa->local_pref));
        json_object_object_add(o, "path", json_object_new_string(as));
        json_object_object_add(o, "origin", json_object_new_string(origin_text(pa->origin)));
}

static json_object *nexthops_json(const struct bgp_pattr *pa)
{
        char nh[INET6_ADDRSTRLEN];
        json_object *a = json_object_new_array();
        for (int ll = 0; ll < 2; ll++) {
                if (ll && !(pa->has & BGP_PA_LL_NEXT_HOP))
                        break;
                json_object *h = json_object_new_object();
                nh_text(pa, ll, nh, sizeof(nh));
                json_object_object_add(h, "ip", json_object_new_string(nh));
                json_object_object_add(
                    h, "afi", json_object_new_string(pa->nh_afi == BGP_AFI_IPV4 ? "ipv4" : "ipv6"));
                if (pa->nh_afi != BGP_AFI_IPV4)
                        json_object_object_add(
                            h, "scope", json_object_new_string(ll ? "link-local" : "global"));
                json_object_object_add(h, "used", json_object_new_boolean(1));
                json_object_array_add(a, h);
        }
        return a;
}

/* One path of `show bgp ipv6 unicast json` (FRR's route_vty_out JSON). */
static json_object *path_json(const struct bgp_rib_route *r, const struct bgp_pattr *pa,
                              const struct lbgpd_peer *p, const char *net)
{
        json_object *o = json_object_new_object();
        json_object_object_add(o, "valid", json_object_new_boolean(1));
        if (r->best)
                json_object_object_add(o, "bestpath", json_object_new_boolean(1));
        json_object_object_add(
            o, "pathFrom",
            json_object_new_string(p == NULL ? "local"
                                   : p->nb->remote_as_kind == CONFIG_REMOTE_AS_INTERNAL
                                       ? "internal"
                                       : "external"));
        json_object_object_add(o, "prefix", json_object_new_string(net));
        json_object_object_add(o, "prefixLen", json_object_new_int(r->prefix.len));
        json_object_object_add(o, "network", json_object_new_string(net));
        json_object_object_add(o, "weight", json_object_new_int(p == NULL ? 32768 : 0));
        json_object_object_add(o, "peerId",
                               json_object_new_string(p == NULL ? "(unspec)" : p->nb->addr_text));
        path_common(o, pa);
        json_object_object_add(o, "nexthops", nexthops_json(pa));
        return o;
}

/* One path of `show bgp ipv6 unicast PREFIX json` (FRR's route_vty_out_detail JSON). */
static json_object *detail_json(struct lbgpd *d, const struct bgp_rib_route *r,
                                const struct bgp_pattr *pa, const struct lbgpd_peer *p)
{
        char as[1024], id[16];
        json_object *o = json_object_new_object(), *asp = json_object_new_object();
        if (bgp_pattr_as_path_string(pa, as, sizeof(as)) < 0)
                as[0] = '\0';
        json_object_object_add(asp, "string", json_object_new_string(as));
        json_object_object_add(o, "aspath", asp);
        json_object_object_add(o, "origin", json_object_new_string(origin_text(pa->origin)));
        if (pa->has & BGP_PA_MED)
                json_object_object_add(o, "metric", json_object_new_int64(pa->med));
        if (pa->has & BGP_PA_LOCAL_PREF)
                json_object_object_add(o, "locPrf", json_object_new_int64(pa->local_pref));
        json_object_object_add(o, "valid", json_object_new_boolean(1));
        if (r->best) {
                json_object *b = json_object_new_object();
                json_object_object_add(b, "overall", json_object_new_boolean(1));
                json_object_object_add(o, "bestpath", b);
        }
        if (pa->n_communities > 0) {
                char text[4096] = "";
                size_t len = 0;
                for (size_t i = 0; i < pa->n_communities && len < sizeof(text) - 24; i++)
                        len += (size_t)snprintf(text + len, sizeof(text) - len, "%s%u:%u",
                                                i ? " " : "", pa->communities[i] >> 16,
                                                pa->communities[i] & 0xffff);
                json_object *c = json_object_new_object();
                json_object_object_add(c, "string", json_object_new_string(text));
                json_object_object_add(o, "community", c);
        }
        json_object_object_add(o, "nexthops", nexthops_json(pa));
        json_object *peer = json_object_new_object();
        if (p != NULL) {
                struct bgp_session *s = bgp_ev_peer_session(p->ev);
                id_text(bgp_session_peer_id(s), id, sizeof(id));
                json_object_object_add(peer, "peerId", json_object_new_string(p->nb->addr_text));
                json_object_object_add(peer, "routerId", json_object_new_string(id));
                json_object_object_add(
                    peer, "type",
                    json_object_new_string(p->nb->remote_as_kind == CONFIG_REMOTE_AS_INTERNAL
                                               ? "internal"
                                               : "external"));
        } else {
                router_id_text(d, id, sizeof(id));
                json_object_object_add(peer, "peerId", json_object_new_string("0.0.0.0"));
                json_object_object_add(peer, "routerId", json_object_new_string(id));
        }
        json_object_object_add(o, "peer", peer);
        return o;
}

/* One route of `show bgp neighbors ADDR received-routes|advertised-routes json`. */
static json_object *adj_json(const struct bgp_prefix *pfx, const struct bgp_pattr *pa,
                             const char *net, int weight)
{
        char addr[INET6_ADDRSTRLEN], nh[INET6_ADDRSTRLEN];
        json_object *o = json_object_new_object();
        if (!inet_ntop(pfx->afi == BGP_AFI_IPV4 ? AF_INET : AF_INET6, pfx->addr, addr,
                       sizeof(addr)))
                addr[0] = '\0';
        nh_text(pa, false, nh, sizeof(nh));
        json_object_object_add(o, "addrPrefix", json_object_new_string(addr));
        json_object_object_add(o, "prefixLen", json_object_new_int(pfx->len));
        json_object_object_add(o, "network", json_object_new_string(net));
        json_object_object_add(o, pa->nh_afi == BGP_AFI_IPV4 ? "nextHop" : "nextHopGlobal",
                               json_object_new_string(nh));
        json_object_object_add(o, "weight", json_object_new_int(weight));
        path_common(o, pa);
        /* Here FRR (route_vty_out_tmp) gives the origin as its one-letter code. */
        json_object_object_del(o, "origin");
        json_object_object_add(o, "bgpOriginCode", json_object_new_string(origin_code(pa->origin)));
        return o;
}

static void route_text(FILE *out, const char *status, const char *net, const struct bgp_pattr *pa,
                       int weight)
{
        char nh[INET6_ADDRSTRLEN], as[1024], med[12] = "", lp[12] = "";
        nh_text(pa, false, nh, sizeof(nh));
        if (bgp_pattr_as_path_string(pa, as, sizeof(as)) < 0)
                as[0] = '\0';
        if (pa->has & BGP_PA_MED)
                snprintf(med, sizeof(med), "%u", pa->med);
        if (pa->has & BGP_PA_LOCAL_PREF)
                snprintf(lp, sizeof(lp), "%u", pa->local_pref);
        fprintf(out, "%-3s %-39s %-39s %6s %6s %6d %s%s%s\n", status, net, nh, med, lp, weight, as,
                as[0] ? " " : "", origin_code(pa->origin));
}

static void on_route(const struct bgp_rib_route *r, void *ctx)
{
        struct walk *w = ctx;
        const struct bgp_attrset *as = w->received ? (r->pre != NULL ? r->pre : r->post) : r->post;
        char net[64];
        if (as == NULL || (w->only != NULL && r->peer != w->only))
                return;
        struct bgp_pattr view;
        bgp_attrset_view(as, &view);
        const struct bgp_pattr *pa = &view;
        const struct lbgpd_peer *p = peer_of_rib(w->d, r->peer);
        if (bgp_prefix_format(&r->prefix, net, sizeof(net)) < 0)
                return;
        w->n++;
        if (w->out != NULL) {
                route_text(w->out,
                           r->post == NULL ? ""
                           : r->best       ? "*>"
                                           : "*",
                           net, pa, p == NULL ? 32768 : 0);
                return;
        }
        if (w->received) {
                json_object_object_add(w->routes, net, adj_json(&r->prefix, pa, net, 0));
                return;
        }
        if (w->stream != NULL) {
                if (w->paths != NULL && strcmp(w->net, net) != 0)
                        stream_paths(w);
                if (w->paths == NULL) {
                        snprintf(w->net, sizeof(w->net), "%s", net);
                        w->paths = json_object_new_array();
                }
                json_object_array_add(w->paths, path_json(r, pa, p, net));
                return;
        }
        json_object *paths = json_object_object_get(w->routes, net);
        if (paths == NULL) {
                paths = json_object_new_array();
                json_object_object_add(w->routes, net, paths);
        }
        json_object_array_add(paths, w->prefix != NULL ? detail_json(w->d, r, pa, p)
                                                       : path_json(r, pa, p, net));
}

static const char text_header[] = "    Network                                 Next Hop"
                                  "                                 Metric LocPrf Weight Path\n";

static void table_header(struct lbgpd *d, json_object *o, FILE *out)
{
        char rid[16];
        router_id_text(d, rid, sizeof(rid));
        if (o != NULL) {
                json_object_object_add(o, "vrfId", json_object_new_int(0));
                json_object_object_add(o, "vrfName", json_object_new_string("default"));
                json_object_object_add(o, "routerId", json_object_new_string(rid));
                json_object_object_add(o, "defaultLocPrf", json_object_new_int(100));
                json_object_object_add(o, "localAS", json_object_new_int64(d->cfg->bgp.asn));
                return;
        }
        fprintf(out, "BGP table version is 0, local router ID is %s, vrf id 0\n", rid);
        fprintf(out, "Default local pref 100, local AS %u\n", d->cfg->bgp.asn);
        fputs("Status codes:  * valid, > best\nOrigin codes:  i - IGP, e - EGP, ? - "
              "incomplete\n\n",
              out);
        fputs(text_header, out);
}

/* show bgp ipv6 unicast [PREFIX], show bgp neighbors ADDR routes */
static int show_routes(struct lbgpd *d, const struct lbgpd_peer *only, const char *prefix,
                       bool json, FILE *out)
{
        struct bgp_prefix pfx;
        struct walk w = {.d = d, .out = json ? NULL : out};
        if (prefix != NULL) {
                if (bgp_prefix_parse(prefix, &pfx) != 0 || pfx.afi != BGP_AFI_IPV6) {
                        fprintf(out, "%% Malformed prefix: %s\n", prefix);
                        return -1;
                }
                w.prefix = &pfx;
        }
        if (only != NULL)
                w.only = bgp_router_rib_peer(only->rp);
        json_object *top = json_object_new_object();
        w.routes = json_object_new_object();
        if (prefix == NULL)
                table_header(d, json ? top : NULL, out);
        if (prefix == NULL && json) {
                /* The header as json-c prints it, without its closing brace, then the
                 * routes a prefix at a time. */
                const char *head = json_object_to_json_string_ext(top, JSON_C_TO_STRING_PRETTY);
                size_t len = strlen(head);
                while (len > 0 && (head[len - 1] == '}' || head[len - 1] == '\n'))
                        len--;
                fwrite(head, 1, len, out);
                fputs(",\n  \"routes\":{", out);
                w.stream = out;
                bgp_rib_walk(bgp_router_rib(d->router), BGP_AFI_IPV6, on_route, &w);
                stream_paths(&w);
                fputs("\n  }\n}\n", out); /* as json-c closes them, even empty */
                json_object_put(w.routes);
                json_object_put(top);
                return 0;
        }
        /* One prefix is a lookup: a walk of a full table held the loop for a second. */
        if (prefix != NULL)
                bgp_rib_walk_prefix(bgp_router_rib(d->router), &pfx, on_route, &w);
        else
                bgp_rib_walk(bgp_router_rib(d->router), BGP_AFI_IPV6, on_route, &w);
        if (prefix != NULL && w.n == 0) {
                json_object_put(w.routes);
                json_object_put(top);
                /* FRR's answer, and its JSON answer, for a prefix it does not have. */
                fputs(json ? "{}\n" : "% Network not in table\n", out);
                return json ? 0 : -1;
        }
        if (!json) {
                if (prefix == NULL)
                        fprintf(out, "\nDisplayed  %zu routes\n", w.n);
                json_object_put(w.routes);
                json_object_put(top);
                return 0;
        }
        if (prefix != NULL) {
                json_object_object_add(top, "prefix", json_object_new_string(prefix));
                json_object *paths = NULL;
                json_object_object_foreach(w.routes, k, v)
                {
                        (void)k;
                        paths = json_object_get(v);
                }
                json_object_object_add(top, "paths", paths);
                json_object_put(w.routes);
        } else {
                json_object_object_add(top, "routes", w.routes);
        }
        print_json(top, out);
        return 0;
}

struct adj_walk {
        json_object *routes;
        FILE *out;
        size_t n;
};

static void on_adj(const struct bgp_prefix *pfx, const struct bgp_attrset *as, void *ctx)
{
        struct adj_walk *w = ctx;
        char net[64];
        if (as == NULL || bgp_prefix_format(pfx, net, sizeof(net)) < 0)
                return;
        struct bgp_pattr view;
        bgp_attrset_view(as, &view);
        w->n++;
        if (w->out != NULL)
                route_text(w->out, "*>", net, &view, 0);
        else
                json_object_object_add(w->routes, net, adj_json(pfx, &view, net, 0));
}

/* show bgp neighbors ADDR received-routes|advertised-routes */
static void show_adj(struct lbgpd *d, const struct lbgpd_peer *p, bool advertised, bool json,
                     FILE *out)
{
        json_object *top = json_object_new_object(), *routes = json_object_new_object();
        size_t n;
        char rid[16];
        router_id_text(d, rid, sizeof(rid));
        if (!json) {
                fprintf(out, "BGP table version is 0, local router ID is %s, vrf id 0\n", rid);
                fputs(text_header, out);
        }
        if (advertised) {
                struct adj_walk w = {routes, json ? NULL : out, 0};
                bgp_adj_out_walk(bgp_router_adj_out(p->rp), on_adj, &w);
                n = w.n;
        } else {
                struct walk w = {.d = d,
                                 .only = bgp_router_rib_peer(p->rp),
                                 .received = true,
                                 .routes = routes,
                                 .out = json ? NULL : out};
                bgp_rib_walk(bgp_router_rib(d->router), BGP_AFI_IPV6, on_route, &w);
                n = w.n;
        }
        if (!json) {
                fprintf(out, "\nTotal number of prefixes %zu\n", n);
                json_object_put(routes);
                json_object_put(top);
                return;
        }
        json_object_object_add(top, "bgpTableVersion", json_object_new_int(0));
        json_object_object_add(top, "bgpLocalRouterId", json_object_new_string(rid));
        json_object_object_add(top, "defaultLocPrf", json_object_new_int(100));
        json_object_object_add(top, "localAS", json_object_new_int64(d->cfg->bgp.asn));
        json_object_object_add(top, advertised ? "advertisedRoutes" : "receivedRoutes", routes);
        json_object_object_add(top, "totalPrefixCounter", json_object_new_int64((int64_t)n));
        if (!advertised)
                json_object_object_add(
                    top, "filteredPrefixCounter",
                    json_object_new_int64(
                        (int64_t)(n - bgp_rib_peer_accepted(bgp_router_rib_peer(p->rp)))));
        print_json(top, out);
}

/* ---- show bgp neighbors [ADDR] -------------------------------------------------------- */

static json_object *neighbor_json(struct lbgpd *d, const struct lbgpd_peer *p)
{
        struct bgp_session *s = bgp_ev_peer_session(p->ev);
        struct bgp_session_counters c;
        char id[16], up[32];
        bool est = bgp_session_state(s) == BGP_STATE_ESTABLISHED;
        json_object *o = json_object_new_object(), *m = json_object_new_object();
        bgp_session_counters(s, &c);
        json_object_object_add(o, "remoteAs", json_object_new_int64(p->nb->remote_as));
        json_object_object_add(o, "localAs", json_object_new_int64(d->cfg->bgp.asn));
        json_object_object_add(
            o, "nbrExternalLink",
            json_object_new_boolean(p->nb->remote_as_kind != CONFIG_REMOTE_AS_INTERNAL));
        if (p->nb->description != NULL)
                json_object_object_add(o, "nbrDesc", json_object_new_string(p->nb->description));
        id_text(bgp_session_peer_id(s), id, sizeof(id));
        json_object_object_add(o, "remoteRouterId", json_object_new_string(id));
        router_id_text(d, id, sizeof(id));
        json_object_object_add(o, "localRouterId", json_object_new_string(id));
        json_object_object_add(o, "bgpVersion", json_object_new_int(4));
        json_object_object_add(o, "bgpState",
                               json_object_new_string(bgp_state_name(bgp_session_state(s))));
        if (est) {
                uptime_text(p->up_since, up, sizeof(up));
                json_object_object_add(
                    o, "bgpTimerUpMsec",
                    json_object_new_int64((int64_t)(time(NULL) - p->up_since) * 1000));
                json_object_object_add(o, "bgpTimerUpString", json_object_new_string(up));
                json_object_object_add(
                    o, "bgpTimerHoldTimeMsecs",
                    json_object_new_int64((int64_t)bgp_session_hold_time(s) * 1000));
                json_object_object_add(
                    o, "bgpTimerKeepAliveIntervalMsecs",
                    json_object_new_int64((int64_t)bgp_session_keepalive_time(s) * 1000));
        }
        static const char *const names[6][2] = {
            {NULL, NULL},
            {"opensSent", "opensRecv"},
            {"updatesSent", "updatesRecv"},
            {"notificationsSent", "notificationsRecv"},
            {"keepalivesSent", "keepalivesRecv"},
            {"routeRefreshSent", "routeRefreshRecv"},
        };
        for (int t = 1; t < 6; t++) {
                json_object_object_add(m, names[t][0], json_object_new_int64((int64_t)c.sent[t]));
                json_object_object_add(m, names[t][1],
                                       json_object_new_int64((int64_t)c.received[t]));
        }
        json_object_object_add(m, "totalSent", json_object_new_int64((int64_t)sum(c.sent)));
        json_object_object_add(m, "totalRecv", json_object_new_int64((int64_t)sum(c.received)));
        json_object_object_add(o, "messageStats", m);
        /* lbgpd's own: malformed UPDATEs handled without a reset (RFC 7606), by action,
         * and how many of them the rate-limited log left out. */
        json_object *mal = json_object_new_object();
        json_object_object_add(
            mal, "attributeDiscard",
            json_object_new_int64((int64_t)c.malformed[BGP_ACTION_ATTR_DISCARD]));
        json_object_object_add(
            mal, "treatAsWithdraw",
            json_object_new_int64((int64_t)c.malformed[BGP_ACTION_TREAT_AS_WITHDRAW]));
        json_object_object_add(mal, "notLogged",
                               json_object_new_int64((int64_t)c.malformed_unlogged));
        json_object_object_add(o, "malformedUpdates", mal);
        /* lbgpd's own: the octets its socket has not taken yet, the most it has held, and
         * where lbgpd_flush() stops handing it UPDATEs (issue #7's per-peer output cap). */
        json_object *q = json_object_new_object();
        json_object_object_add(q, "octets", json_object_new_int64((int64_t)bgp_session_pending(s)));
        json_object_object_add(q, "peakOctets", json_object_new_int64((int64_t)p->outq_peak));
        json_object_object_add(q, "capOctets", json_object_new_int64(LBGPD_OUTQ_CAP));
        json_object_object_add(o, "outputQueue", q);
        json_object_object_add(o, "connectionsEstablished", json_object_new_int64(c.established));
        json_object_object_add(o, "connectionsDropped", json_object_new_int64(p->dropped));
        bool sent;
        uint8_t code, sub;
        if (bgp_session_last_notification(s, &sent, &code, &sub)) {
                char why[128];
                snprintf(why, sizeof(why), "%s/%s", bgp_notify_code_name(code),
                         bgp_notify_subcode_name(code, sub));
                json_object_object_add(o, "lastNotificationReason", json_object_new_string(why));
                json_object_object_add(
                    o, "lastResetDueTo",
                    json_object_new_string(sent ? "NOTIFICATION sent" : "NOTIFICATION received"));
        }
        return o;
}

static void show_neighbors(struct lbgpd *d, const struct lbgpd_peer *only, bool json, FILE *out)
{
        json_object *top = json_object_new_object();
        for (size_t i = 0; i < d->n_peers; i++) {
                const struct lbgpd_peer *p = &d->peers[i];
                if (only != NULL && p != only)
                        continue;
                json_object *o = neighbor_json(d, p);
                if (json) {
                        json_object_object_add(top, p->nb->addr_text, o);
                        continue;
                }
                json_object *m = json_object_object_get(o, "messageStats");
#define S(obj, k) json_object_get_string(json_object_object_get(obj, k))
                fprintf(out, "BGP neighbor is %s, remote AS %s, local AS %s, %s link\n",
                        p->nb->addr_text, S(o, "remoteAs"), S(o, "localAs"),
                        p->nb->remote_as_kind == CONFIG_REMOTE_AS_INTERNAL ? "internal"
                                                                           : "external");
                if (p->nb->description != NULL)
                        fprintf(out, " Description: %s\n", p->nb->description);
                fprintf(out, "  BGP version 4, remote router ID %s, local router ID %s\n",
                        S(o, "remoteRouterId"), S(o, "localRouterId"));
                fprintf(out, "  BGP state = %s%s%s\n", S(o, "bgpState"),
                        json_object_object_get(o, "bgpTimerUpString") ? ", up for " : "",
                        json_object_object_get(o, "bgpTimerUpString") ? S(o, "bgpTimerUpString")
                                                                      : "");
                fprintf(out, "  Message statistics:\n                       Sent       Rcvd\n");
                fprintf(out, "    Opens:         %10s %10s\n", S(m, "opensSent"),
                        S(m, "opensRecv"));
                fprintf(out, "    Notifications: %10s %10s\n", S(m, "notificationsSent"),
                        S(m, "notificationsRecv"));
                fprintf(out, "    Updates:       %10s %10s\n", S(m, "updatesSent"),
                        S(m, "updatesRecv"));
                fprintf(out, "    Keepalives:    %10s %10s\n", S(m, "keepalivesSent"),
                        S(m, "keepalivesRecv"));
                fprintf(out, "    Route Refresh: %10s %10s\n", S(m, "routeRefreshSent"),
                        S(m, "routeRefreshRecv"));
                fprintf(out, "    Total:         %10s %10s\n", S(m, "totalSent"),
                        S(m, "totalRecv"));
                json_object *mal = json_object_object_get(o, "malformedUpdates");
                fprintf(out,
                        "  Malformed UPDATEs (RFC 7606): %s attribute-discard, %s "
                        "treat-as-withdraw, %s not logged\n",
                        S(mal, "attributeDiscard"), S(mal, "treatAsWithdraw"), S(mal, "notLogged"));
                json_object *q = json_object_object_get(o, "outputQueue");
                fprintf(out, "  Output queue: %s octets, at most %s so far, held at %s\n",
                        S(q, "octets"), S(q, "peakOctets"), S(q, "capOctets"));
                fprintf(out, "  Connections established %s; dropped %s\n",
                        S(o, "connectionsEstablished"), S(o, "connectionsDropped"));
                if (json_object_object_get(o, "lastNotificationReason"))
                        fprintf(out, "  Last reset: %s (%s)\n", S(o, "lastResetDueTo"),
                                S(o, "lastNotificationReason"));
#undef S
                fputc('\n', out);
                json_object_put(o);
        }
        if (json)
                print_json(top, out);
        else
                json_object_put(top);
}

/* ---- dispatch ------------------------------------------------------------------------- */

int lbgpd_show(struct lbgpd *d, const struct lbgpd_request *req, FILE *out)
{
        struct lbgpd_peer *p = NULL;
        if (req->peer != NULL && (p = lbgpd_peer_find(d, req->peer)) == NULL) {
                fprintf(out, "%% No such neighbor: %s\n", req->peer);
                return -1;
        }
        switch (req->cmd) {
        case LBGPD_REQ_SHOW_SUMMARY:
                show_summary(d, req->json, out);
                return 0;
        case LBGPD_REQ_SHOW_ROUTES:
                return show_routes(d, NULL, req->arg, req->json, out);
        case LBGPD_REQ_SHOW_NEIGHBORS:
                show_neighbors(d, p, req->json, out);
                return 0;
        case LBGPD_REQ_SHOW_PEER_ROUTES:
                return show_routes(d, p, NULL, req->json, out);
        case LBGPD_REQ_SHOW_RECEIVED:
        case LBGPD_REQ_SHOW_ADVERTISED:
                show_adj(d, p, req->cmd == LBGPD_REQ_SHOW_ADVERTISED, req->json, out);
                return 0;
        default:
                break;
        }
        fputs("% Unknown command\n", out);
        return -1;
}
