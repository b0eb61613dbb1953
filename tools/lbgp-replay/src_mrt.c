/*
 * src_mrt.c - an MRT file (RFC 6396) as a replay table: one peer's RIB from TABLE_DUMP_V2,
 * or one peer's UPDATEs from BGP4MP, through libbgp's MRT reader.
 *
 * The quirks of the real files (../shared/data/mrt/README.md) are handled where they meet
 * us: gzip and bzip2 and streams cut mid-block by lbgp-decode's input reader; records over
 * 64 KiB by a buffer that grows to the record; RIB entries that carry a whole MP_REACH_NLRI
 * (NLRI included) by bgp_mrt_rib_entry_decode(), which keeps only the next hop, and the
 * next hop is ours anyway; 2-octet AS paths with AS4_PATH by bgp_pattr_from_update().
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bgp/mrt.h>

#include "input.h"
#include "source.h"

#define READ_CHUNK (1u << 20)
#define MAX_RECORD (256u << 20)
#define MAX_NLRI   8192 /* prefixes in one UPDATE: 4096 / 1 octet at most, 65535 / 8 */

/* Which peer, as the command line names it. */
struct peer_sel {
        bool any;
        bool by_index;
        unsigned long index;
        uint16_t afi;
        uint8_t addr[16];
};

struct mrt_load {
        struct rtable *t;
        struct peer_sel sel;
        /* TABLE_DUMP_V2 */
        struct bgp_mrt_peer *peers;
        size_t n_peers;
        long chosen; /* peer index, -1 while unknown */
        uint8_t *scratch;
        /* BGP4MP: peers in the order they appear, for selection by index. */
        struct {
                uint16_t afi;
                uint8_t addr[16];
        } seen[256];
        size_t n_seen;
        bool have_bgp4mp_peer;
        uint16_t bgp4mp_afi;
        uint8_t bgp4mp_addr[16];
        bool scanning; /* the first pass: find the default TABLE_DUMP_V2 peer */
        bool td2, bgp4mp;
        size_t records;
        struct bgp_prefix *nlri;
};

static size_t addr_len(uint16_t afi)
{
        return afi == BGP_AFI_IPV6 ? 16 : 4;
}

static bool same_addr(uint16_t afi, const uint8_t *a, uint16_t afi2, const uint8_t *b)
{
        return afi == afi2 && memcmp(a, b, addr_len(afi)) == 0;
}

static int parse_sel(const char *text, struct peer_sel *sel)
{
        memset(sel, 0, sizeof(*sel));
        if (text == NULL) {
                sel->any = true;
                return 0;
        }
        char *end;
        errno = 0;
        unsigned long v = strtoul(text, &end, 10);
        if (*text != '\0' && *end == '\0' && errno == 0) {
                sel->by_index = true;
                sel->index = v;
                return 0;
        }
        if (inet_pton(AF_INET6, text, sel->addr) == 1) {
                sel->afi = BGP_AFI_IPV6;
                return 0;
        }
        if (inet_pton(AF_INET, text, sel->addr) == 1) {
                sel->afi = BGP_AFI_IPV4;
                return 0;
        }
        return -1;
}

/* ---- TABLE_DUMP_V2 -------------------------------------------------------------------- */

static int peer_index(struct mrt_load *l, const struct bgp_mrt_record *rec)
{
        const struct bgp_mrt_peer_index *pi = &rec->u.peer_index;
        struct bgp_mrt_peer_iter it;
        struct bgp_mrt_peer *peers = calloc(pi->peer_count + 1u, sizeof(*peers));
        size_t n = 0;
        if (peers == NULL)
                return BGP_ERR_NOMEM;
        bgp_mrt_peer_iter_init(&it, pi);
        while (n < pi->peer_count && bgp_mrt_peer_iter_next(&it, &peers[n]) == 1)
                n++;
        free(l->peers);
        l->peers = peers;
        l->n_peers = n;
        l->td2 = true;
        if (!l->scanning && !l->sel.any && l->chosen < 0) {
                for (size_t i = 0; i < n; i++)
                        if (l->sel.by_index
                                ? i == l->sel.index
                                : same_addr(peers[i].afi, peers[i].addr, l->sel.afi, l->sel.addr))
                                l->chosen = (long)i;
        }
        return 0;
}

static int rib(struct mrt_load *l, const struct bgp_mrt_record *rec)
{
        const struct bgp_mrt_rib *r = &rec->u.rib;
        struct bgp_mrt_rib_iter it;
        struct bgp_mrt_rib_entry e;
        static struct bgp_update upd;
        struct bgp_verdict v;
        bool wanted = rtable_wants(l->t, r->afi, r->safi);

        bgp_mrt_rib_iter_init(&it, r);
        while (bgp_mrt_rib_iter_next(&it, &e) == 1) {
                if (l->scanning) {
                        /* The default: the peer of lowest index with a route we keep. */
                        if (wanted && (l->chosen < 0 || e.peer_index < l->chosen))
                                l->chosen = e.peer_index;
                        continue;
                }
                if (e.peer_index != l->chosen)
                        continue;
                if (!wanted) {
                        l->t->skipped_family++;
                        return 0;
                }
                int rc =
                    bgp_mrt_rib_entry_decode(r, &e, l->scratch, BGP_MRT_RIB_UPDATE_MAX, &upd, &v);
                if (rc != 0) {
                        l->t->skipped_invalid++;
                        return 0;
                }
                uint32_t set;
                if ((rc = rtable_intern(l->t, &upd.attrs, &set)) != 0)
                        return rc;
                /* ADD-PATH dumps may list a peer twice for one prefix: the first path
                 * is the one replayed. */
                return rtable_add(l->t, set, r->safi, &r->prefix);
        }
        return 0;
}

/* ---- BGP4MP --------------------------------------------------------------------------- */

/* Whether this message's peer is the one to replay; learns the default on the way. */
static bool bgp4mp_selected(struct mrt_load *l, const struct bgp_mrt_bgp4mp *m,
                            bool announces_wanted)
{
        if (l->have_bgp4mp_peer)
                return same_addr(m->afi, m->peer_addr, l->bgp4mp_afi, l->bgp4mp_addr);
        bool pick = false;
        if (l->sel.any) {
                pick = announces_wanted;
        } else if (l->sel.by_index) {
                size_t i;
                for (i = 0; i < l->n_seen; i++)
                        if (same_addr(m->afi, m->peer_addr, l->seen[i].afi, l->seen[i].addr))
                                break;
                if (i == l->n_seen && i < sizeof(l->seen) / sizeof(l->seen[0])) {
                        l->seen[i].afi = m->afi;
                        memcpy(l->seen[i].addr, m->peer_addr, 16);
                        l->n_seen++;
                }
                pick = i == l->sel.index;
        } else {
                pick = same_addr(m->afi, m->peer_addr, l->sel.afi, l->sel.addr);
        }
        if (pick) {
                l->have_bgp4mp_peer = true;
                l->bgp4mp_afi = m->afi;
                memcpy(l->bgp4mp_addr, m->peer_addr, 16);
        }
        return pick;
}

static size_t collect(const struct bgp_nlri *n, struct bgp_prefix *out)
{
        struct bgp_nlri_iter it;
        size_t k = 0;
        if (n->data == NULL)
                return 0;
        bgp_nlri_iter_init(&it, n);
        while (k < MAX_NLRI && bgp_nlri_iter_next(&it, &out[k]) == 1)
                k++;
        return k;
}

static int withdraw(struct mrt_load *l, const struct bgp_nlri *n, uint16_t afi, uint8_t safi)
{
        size_t k = collect(n, l->nlri);
        if (k == 0)
                return 0;
        if (!rtable_wants(l->t, afi, safi)) {
                l->t->skipped_family += k;
                return 0;
        }
        return rtable_step_add(l->t, RSTEP_WITHDRAW, 0, safi, l->nlri, k);
}

static int announce(struct mrt_load *l, const struct bgp_update *u, const struct bgp_nlri *n,
                    uint16_t afi, uint8_t safi)
{
        size_t k = collect(n, l->nlri);
        uint32_t set;
        if (k == 0)
                return 0;
        if (!rtable_wants(l->t, afi, safi)) {
                l->t->skipped_family += k;
                return 0;
        }
        int rc = rtable_intern(l->t, &u->attrs, &set);
        return rc != 0 ? rc : rtable_step_add(l->t, RSTEP_ANNOUNCE, set, safi, l->nlri, k);
}

static int bgp4mp(struct mrt_load *l, const struct bgp_mrt_record *rec)
{
        const struct bgp_mrt_bgp4mp *m = &rec->u.bgp4mp;
        static struct bgp_update u;
        struct bgp_codec_opts opts;
        struct bgp_verdict v;

        l->bgp4mp = true;
        /* What the collector sent is not the peer's table; ADD-PATH NLRI are not read. */
        if (m->local || m->addpath || m->msg_len < BGP_HEADER_LEN || m->msg[18] != BGP_MSG_UPDATE)
                return 0;
        size_t len = (size_t)m->msg[16] << 8 | m->msg[17];
        if (len < BGP_HEADER_LEN || len > m->msg_len) {
                l->t->skipped_invalid++;
                return 0;
        }
        bgp_mrt_codec_opts_init(&opts, rec);
        int rc = bgp_update_decode(m->msg + BGP_HEADER_LEN, len - BGP_HEADER_LEN, &opts, &u, &v);
        bool reach = bgp_attrs_has(&u.attrs, BGP_ATTR_MP_REACH_NLRI);
        bool unreach = bgp_attrs_has(&u.attrs, BGP_ATTR_MP_UNREACH_NLRI);
        bool wanted = (u.nlri.data != NULL && u.nlri.len > 0 &&
                       rtable_wants(l->t, BGP_AFI_IPV4, BGP_SAFI_UNICAST)) ||
                      (reach && u.attrs.mp_reach.nlri.len > 0 &&
                       rtable_wants(l->t, u.attrs.mp_reach.afi, u.attrs.mp_reach.safi));
        if (!bgp4mp_selected(l, m, rc == 0 && wanted))
                return 0;
        if (rc != 0 && v.action != BGP_ACTION_TREAT_AS_WITHDRAW) {
                l->t->skipped_invalid++;
                return 0;
        }
        /* RFC 4271 order: withdrawals first, then what the UPDATE announces. */
        if ((rc = withdraw(l, &u.withdrawn, BGP_AFI_IPV4, BGP_SAFI_UNICAST)) != 0)
                return rc;
        if (unreach && (rc = withdraw(l, &u.attrs.mp_unreach.nlri, u.attrs.mp_unreach.afi,
                                      u.attrs.mp_unreach.safi)) != 0)
                return rc;
        if (v.action == BGP_ACTION_TREAT_AS_WITHDRAW) {
                /* RFC 7606: what it announced is withdrawn. */
                l->t->skipped_invalid++;
                if ((rc = withdraw(l, &u.nlri, BGP_AFI_IPV4, BGP_SAFI_UNICAST)) != 0)
                        return rc;
                return reach ? withdraw(l, &u.attrs.mp_reach.nlri, u.attrs.mp_reach.afi,
                                        u.attrs.mp_reach.safi)
                             : 0;
        }
        if ((rc = announce(l, &u, &u.nlri, BGP_AFI_IPV4, BGP_SAFI_UNICAST)) != 0)
                return rc;
        return reach ? announce(l, &u, &u.attrs.mp_reach.nlri, u.attrs.mp_reach.afi,
                                u.attrs.mp_reach.safi)
                     : 0;
}

/* ---- the walk --------------------------------------------------------------------------- */

static int record(struct mrt_load *l, const struct bgp_mrt_record *rec)
{
        l->records++;
        switch (rec->kind) {
        case BGP_MRT_KIND_PEER_INDEX:
                return peer_index(l, rec);
        case BGP_MRT_KIND_RIB:
                return rib(l, rec);
        case BGP_MRT_KIND_BGP4MP_MESSAGE:
                return l->scanning ? 1 : bgp4mp(l, rec); /* no scan needed: stop it */
        default:
                return 0;
        }
}

/* Reads the whole file record by record.  0, 1 when record() asked to stop, or -1. */
static int walk(struct mrt_load *l, const char *file, char *err, size_t errlen)
{
        struct input *in = input_open(file);
        size_t cap = READ_CHUNK, len = 0, off = 0;
        uint8_t *buf = malloc(cap);
        bool eof = false;
        int status = 0;

        if (in == NULL || buf == NULL) {
                snprintf(err, errlen, "%s: %s", file, in == NULL ? strerror(errno) : "no memory");
                free(buf);
                input_close(in);
                return -1;
        }
        for (;;) {
                struct bgp_mrt_record rec;
                int rc = bgp_mrt_record_decode(buf + off, len - off, &rec);
                if (rc == 0 || rc == BGP_ERR_MALFORMED) {
                        if (rc == 0) {
                                int r = record(l, &rec);
                                if (r != 0) {
                                        status = r > 0 ? 1 : -1;
                                        if (r < 0)
                                                snprintf(err, errlen, "%s", bgp_strerror(r));
                                        break;
                                }
                        } else if (!l->scanning) {
                                l->t->skipped_invalid++;
                        }
                        off += rec.record_len;
                        continue;
                }
                if (rc != BGP_ERR_SHORT || rec.record_len > MAX_RECORD) {
                        snprintf(err, errlen, "%s: record %zu: not an MRT file, or damaged", file,
                                 l->records + 1);
                        status = -1;
                        break;
                }
                if (eof) {
                        if (len > off && !l->scanning)
                                snprintf(l->t->note, sizeof(l->t->note),
                                         "the input ends inside record %zu; the table is what "
                                         "came before",
                                         l->records + 1);
                        break;
                }
                memmove(buf, buf + off, len - off);
                len -= off;
                off = 0;
                size_t need = rec.record_len > len + READ_CHUNK ? rec.record_len : len + READ_CHUNK;
                if (need > cap) {
                        uint8_t *nb = realloc(buf, need);
                        if (nb == NULL) {
                                snprintf(err, errlen, "no memory for a record of %zu bytes", need);
                                status = -1;
                                break;
                        }
                        buf = nb;
                        cap = need;
                }
                ssize_t got = input_read(in, buf + len, cap - len);
                if (got <= 0)
                        eof = true;
                else
                        len += (size_t)got;
        }
        if (status >= 0 && input_failed(in)) {
                snprintf(err, errlen, "%s: %s", file, input_message(in));
                status = -1;
        } else if (status >= 0 && input_truncated(in) && !l->scanning) {
                snprintf(l->t->note, sizeof(l->t->note),
                         "the %s stream is cut short; every record before the cut was read",
                         input_format(in));
        }
        free(buf);
        input_close(in);
        return status;
}

int rsource_load_mrt(struct rtable *t, const char *file, const char *mrt_peer, char *err,
                     size_t errlen)
{
        struct mrt_load l = {.t = t, .chosen = -1};
        int rc = -1;

        if (parse_sel(mrt_peer, &l.sel) != 0) {
                snprintf(err, errlen, "--mrt-peer %s: an index or an address expected", mrt_peer);
                return -1;
        }
        l.scratch = malloc(BGP_MRT_RIB_UPDATE_MAX);
        l.nlri = malloc(MAX_NLRI * sizeof(*l.nlri));
        if (l.scratch == NULL || l.nlri == NULL) {
                snprintf(err, errlen, "out of memory");
                goto out;
        }
        if (l.sel.any) {
                l.scanning = true;
                if (walk(&l, file, err, errlen) < 0)
                        goto out;
                l.scanning = false;
                l.records = 0;
                l.td2 = false;
        }
        if (walk(&l, file, err, errlen) != 0)
                goto out;
        if (l.td2 && l.chosen < 0) {
                snprintf(err, errlen, "%s: %s", file,
                         l.sel.any ? "no peer has routes of the families asked for"
                                   : "--mrt-peer is not in the PEER_INDEX_TABLE");
                goto out;
        }
        if (!l.td2 && !l.have_bgp4mp_peer) {
                snprintf(err, errlen, "%s: %s", file,
                         l.bgp4mp ? "no BGP4MP peer matches (or none announces the families)"
                                  : "no TABLE_DUMP_V2 or BGP4MP records");
                goto out;
        }
        if (rtable_finish(t) != 0) {
                snprintf(err, errlen, "out of memory");
                goto out;
        }
        char addr[INET6_ADDRSTRLEN] = "?";
        if (l.td2 && (size_t)l.chosen < l.n_peers) {
                const struct bgp_mrt_peer *p = &l.peers[l.chosen];
                inet_ntop(p->afi == BGP_AFI_IPV6 ? AF_INET6 : AF_INET, p->addr, addr, sizeof(addr));
                snprintf(t->source, sizeof(t->source), "%s, TABLE_DUMP_V2 peer %ld %s AS%u", file,
                         l.chosen, addr, p->asn);
        } else if (l.td2) {
                snprintf(t->source, sizeof(t->source), "%s, TABLE_DUMP_V2 peer %ld", file,
                         l.chosen);
        } else {
                inet_ntop(l.bgp4mp_afi == BGP_AFI_IPV6 ? AF_INET6 : AF_INET, l.bgp4mp_addr, addr,
                          sizeof(addr));
                snprintf(t->source, sizeof(t->source), "%s, BGP4MP peer %s", file, addr);
        }
        rc = 0;
out:
        free(l.peers);
        free(l.scratch);
        free(l.nlri);
        return rc;
}
