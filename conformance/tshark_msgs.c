/*
 * tshark_msgs.c - messages from libbgp's encoders, and what Wireshark must read in them.
 *
 *   tshark_msgs OUTDIR
 *
 * Encodes a set of messages that covers every message type and every path attribute
 * msg.h knows, and writes, for each of two sessions:
 *
 *   OUTDIR/<session>.txt     the messages as a text2pcap hex dump, one message per packet
 *   OUTDIR/<session>.expect  the manifest: "FRAME<TAB>KEY<TAB>VALUE" lines
 *
 * Session "as4" negotiated 4-octet AS numbers, session "as2" did not (RFC 6793); Wireshark
 * cannot tell which from the bytes alone, so tshark_dissect.sh tells it per capture.
 *
 * The expected values come from what the generator asked the encoder for (the structs and
 * arrays below), never from the encoded bytes, so a disagreement means the encoder wrote
 * something other than what it was given, or Wireshark reads it differently.
 *
 * A KEY is a Wireshark field name, compared with the field's "show" text; every occurrence
 * of the field in the frame is compared, in order, with every VALUE line of that KEY.  Two
 * refinements, resolved by tshark_dissect.sh:
 *   attrT/FIELD   only occurrences inside the path attribute of type code T (AS_PATH and
 *                 AS4_PATH use the same field names, so does AGGREGATOR and AS4_AGGREGATOR);
 *   KEY@set       the occurrences are compared as a multiset (the order is the encoder's
 *                 choice, e.g. the order of path attributes).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bgp/bgp.h>

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

static void die(const char *fmt, ...)
{
        va_list ap;

        fputs("tshark_msgs: ", stderr);
        va_start(ap, fmt);
        vfprintf(stderr, fmt, ap);
        va_end(ap);
        fputc('\n', stderr);
        exit(1);
}

/* ---- output: the hex dump and the manifest -------------------------------------------- */

struct session {
        FILE *hex, *expect;
        unsigned frame; /* the frame being described, 1-based as in Wireshark */
        bool as4;
};

static struct session *cur;

static void open_session(struct session *s, const char *dir, const char *name, bool as4)
{
        char path[4096];

        snprintf(path, sizeof(path), "%s/%s.txt", dir, name);
        if ((s->hex = fopen(path, "w")) == NULL)
                die("%s: %s", path, strerror(errno));
        snprintf(path, sizeof(path), "%s/%s.expect", dir, name);
        if ((s->expect = fopen(path, "w")) == NULL)
                die("%s: %s", path, strerror(errno));
        s->frame = 0;
        s->as4 = as4;
        cur = s;
}

static void close_session(struct session *s)
{
        if (fclose(s->hex) != 0 || fclose(s->expect) != 0)
                die("write error: %s", strerror(errno));
}

/* One expected value of KEY in the current frame. */
static void ex(const char *key, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void ex(const char *key, const char *fmt, ...)
{
        va_list ap;

        fprintf(cur->expect, "%u\t%s\t", cur->frame, key);
        va_start(ap, fmt);
        vfprintf(cur->expect, fmt, ap);
        va_end(ap);
        fputc('\n', cur->expect);
}

/* Starts the next frame: expectations written from here on belong to it. */
static void begin(void)
{
        cur->frame++;
}

/* Writes the message as this frame's packet, and the header every message has. */
static void emit(const uint8_t *msg, int len, uint8_t type)
{
        if (len < 0)
                die("frame %u: the encoder failed: %s", cur->frame, bgp_strerror(len));
        /* text2pcap: an offset, then the octets; offset 0 starts a new packet. */
        for (int off = 0; off < len; off += 16) {
                fprintf(cur->hex, "%06x", off);
                for (int i = off; i < len && i < off + 16; i++)
                        fprintf(cur->hex, " %02x", msg[i]);
                fputc('\n', cur->hex);
        }
        ex("bgp.type", "%u", type);
        ex("bgp.length", "%d", len);
}

static const char *ip4(const uint8_t *a)
{
        static char buf[4][INET_ADDRSTRLEN];
        static int next;
        char *b = buf[next++ % 4];
        inet_ntop(AF_INET, a, b, INET_ADDRSTRLEN);
        return b;
}

static const char *ip4_u32(uint32_t v)
{
        uint8_t a[4] = {(uint8_t)(v >> 24), (uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v};
        return ip4(a);
}

static const char *ip6(const uint8_t *a)
{
        static char buf[4][INET6_ADDRSTRLEN];
        static int next;
        char *b = buf[next++ % 4];
        inet_ntop(AF_INET6, a, b, INET6_ADDRSTRLEN);
        return b;
}

static uint32_t get32(const uint8_t *p)
{
        return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint16_t get16(const uint8_t *p)
{
        return (uint16_t)(p[0] << 8 | p[1]);
}

static uint8_t msg[BGP_EXT_MAX_MSG_LEN];

/* ---- KEEPALIVE, OPEN, NOTIFICATION, ROUTE-REFRESH -------------------------------------- */

static void keepalive(void)
{
        begin();
        emit(msg, bgp_keepalive_encode(msg, sizeof(msg)), BGP_MSG_KEEPALIVE);
}

static void open_msg(const struct bgp_open *o)
{
        const struct bgp_capabilities *c = &o->caps;

        begin();
        emit(msg, bgp_open_encode(msg, sizeof(msg), o), BGP_MSG_OPEN);
        ex("bgp.open.version", "4");
        ex("bgp.open.myas", "%u", o->my_as);
        ex("bgp.open.holdtime", "%u", o->hold_time);
        ex("bgp.open.identifier", "%s", ip4_u32(o->bgp_id));
        if (c->present & BGP_CAPF_MP) {
                for (size_t i = 0; i < c->n_mp; i++) {
                        ex("bgp.cap.type@set", "%u", BGP_CAP_MP);
                        ex("bgp.cap.mp.afi", "%u", c->mp[i].afi);
                        ex("bgp.cap.mp.safi", "%u", c->mp[i].safi);
                }
        }
        if (c->present & BGP_CAPF_ROUTE_REFRESH)
                ex("bgp.cap.type@set", "%u", BGP_CAP_ROUTE_REFRESH);
        if (c->present & BGP_CAPF_ENHANCED_REFRESH)
                ex("bgp.cap.type@set", "%u", BGP_CAP_ENHANCED_REFRESH);
        if (c->present & BGP_CAPF_EXT_MESSAGE)
                ex("bgp.cap.type@set", "%u", BGP_CAP_EXT_MESSAGE);
        if (c->present & BGP_CAPF_AS4) {
                ex("bgp.cap.type@set", "%u", BGP_CAP_AS4);
                ex("bgp.cap.4as", "%u", c->as4);
        }
        if (c->present & BGP_CAPF_EXT_MESSAGE)
                ex("cap6/bgp.cap.length", "0");
        if (c->present & BGP_CAPF_ROLE) {
                /* Wireshark 4.0 has no field for the role itself (RFC 9234). */
                ex("bgp.cap.type@set", "%u", BGP_CAP_ROLE);
                ex("cap9/bgp.cap.length", "1");
        }
        if (c->present & BGP_CAPF_GRACEFUL_RESTART) {
                ex("bgp.cap.type@set", "%u", BGP_CAP_GRACEFUL_RESTART);
                ex("bgp.cap.gr.timers.restart_flag", "%u", (c->gr_flags & 0x80) != 0);
                ex("bgp.cap.gr.timers.restart_time", "%u", c->gr_time);
                for (size_t i = 0; i < c->n_gr; i++) {
                        ex("bgp.cap.gr.afi", "%u", c->gr[i].afi);
                        ex("bgp.cap.gr.safi", "%u", c->gr[i].safi);
                        ex("bgp.cap.gr.flag.pfs", "%u", (c->gr[i].flags & 0x80) != 0);
                }
        }
        if (c->present & BGP_CAPF_ADD_PATH) {
                ex("bgp.cap.type@set", "%u", BGP_CAP_ADD_PATH);
                for (size_t i = 0; i < c->n_addpath; i++) {
                        ex("bgp.cap.ap.afi", "%u", c->addpath[i].afi);
                        ex("bgp.cap.ap.safi", "%u", c->addpath[i].safi);
                        ex("bgp.cap.ap.sendreceive", "%u", c->addpath[i].send_receive);
                }
        }
        if (c->present & BGP_CAPF_FQDN) {
                ex("bgp.cap.type@set", "%u", BGP_CAP_FQDN);
                ex("bgp.cap.orf.fqdn.hostname", "%.*s", c->fqdn_host_len,
                   (const char *)c->fqdn_host);
                ex("bgp.cap.orf.fqdn.domain_name", "%.*s", c->fqdn_domain_len,
                   (const char *)c->fqdn_domain);
        }
        for (size_t i = 0; i < c->n_raw; i++) {
                char key[64], hex[3 * 255 + 1] = "";
                ex("bgp.cap.type@set", "%u", c->raw[i].code);
                snprintf(key, sizeof(key), "cap%u/bgp.cap.length", c->raw[i].code);
                ex(key, "%u", c->raw[i].len);
                /* Wireshark shows bytes as colon-separated hex. */
                for (size_t k = 0, off = 0; k < c->raw[i].len; k++)
                        off += (size_t)snprintf(hex + off, sizeof(hex) - off,
                                                k == 0 ? "%02x" : ":%02x", c->raw[i].value[k]);
                snprintf(key, sizeof(key), "cap%u/bgp.cap.unknown", c->raw[i].code);
                ex(key, "%s", hex);
        }
}

static void opens(void)
{
        static const uint8_t unknown_cap[3] = {0xde, 0xad, 0x01};
        static const char host[] = "lbgp-edge1", domain[] = "example.net";
        struct bgp_open o;
        struct bgp_capabilities *c = &o.caps;

        memset(&o, 0, sizeof(o));
        o.version = 4;
        o.my_as = 64501;
        o.hold_time = 90;
        o.bgp_id = 0xc6336401;
        c->present = BGP_CAPF_MP | BGP_CAPF_ROUTE_REFRESH | BGP_CAPF_ENHANCED_REFRESH |
                     BGP_CAPF_AS4 | BGP_CAPF_EXT_MESSAGE | BGP_CAPF_GRACEFUL_RESTART |
                     BGP_CAPF_ADD_PATH | BGP_CAPF_ROLE | BGP_CAPF_FQDN;
        c->n_mp = 3;
        c->mp[0] = (struct bgp_afi_safi){BGP_AFI_IPV6, BGP_SAFI_UNICAST};
        c->mp[1] = (struct bgp_afi_safi){BGP_AFI_IPV4, BGP_SAFI_UNICAST};
        c->mp[2] = (struct bgp_afi_safi){BGP_AFI_IPV6, BGP_SAFI_MULTICAST};
        c->as4 = 64501;
        c->gr_flags = 0x80;
        c->gr_time = 120;
        c->n_gr = 2;
        c->gr[0] = (struct bgp_gr_family){BGP_AFI_IPV6, BGP_SAFI_UNICAST, 0x80};
        c->gr[1] = (struct bgp_gr_family){BGP_AFI_IPV4, BGP_SAFI_UNICAST, 0x00};
        c->n_addpath = 2;
        c->addpath[0] = (struct bgp_addpath_family){BGP_AFI_IPV6, BGP_SAFI_UNICAST, 3};
        c->addpath[1] = (struct bgp_addpath_family){BGP_AFI_IPV4, BGP_SAFI_UNICAST, 1};
        c->role = BGP_ROLE_CUSTOMER;
        c->fqdn_host = (const uint8_t *)host;
        c->fqdn_host_len = (uint8_t)strlen(host);
        c->fqdn_domain = (const uint8_t *)domain;
        c->fqdn_domain_len = (uint8_t)strlen(domain);
        c->n_raw = 1;
        /* 240: reserved for experimental use (RFC 8810); Wireshark takes 128 to be Cisco's
         * pre-standard route refresh. */
        c->raw[0] = (struct bgp_cap_raw){240, sizeof(unknown_cap), unknown_cap};
        open_msg(&o);

        /* A 4-octet AS behind AS_TRANS (RFC 6793 4.1), few capabilities, no hold timer. */
        memset(c, 0, sizeof(*c));
        o.my_as = BGP_AS_TRANS;
        o.hold_time = 0;
        c->present = BGP_CAPF_MP | BGP_CAPF_AS4;
        c->n_mp = 1;
        c->mp[0] = (struct bgp_afi_safi){BGP_AFI_IPV6, BGP_SAFI_UNICAST};
        c->as4 = 4200000001u;
        open_msg(&o);

        /* Not here: the RFC 9072 extended Optional Parameters encoding, which Wireshark 4.0
         * does not know (it reads the 255 as a parameter type and reports Malformed). */

        /* No capabilities at all. */
        memset(c, 0, sizeof(*c));
        o.my_as = 64501;
        o.hold_time = 3;
        open_msg(&o);
}

static void notification(uint8_t code, uint8_t subcode, const char *minor_field,
                         const uint8_t *data, size_t len)
{
        begin();
        emit(msg, bgp_notification_encode(msg, sizeof(msg), code, subcode, data, len),
             BGP_MSG_NOTIFICATION);
        ex("bgp.notify.major_error", "%u", code);
        ex(minor_field, "%u", subcode);
}

static void shutdown_msg(uint8_t subcode, const char *text)
{
        begin();
        emit(msg, bgp_notification_encode_shutdown(msg, sizeof(msg), subcode, text),
             BGP_MSG_NOTIFICATION);
        ex("bgp.notify.major_error", "%u", BGP_NOTIFY_CEASE);
        ex("bgp.notify.minor_error_cease", "%u", subcode);
        ex("bgp.notify.communication_length", "%zu", strlen(text));
        ex("bgp.notify.communication", "%s", text);
}

static void notifications(void)
{
        static const uint8_t bad_len[2] = {0x10, 0x01};
        static const uint8_t bad_attr[4] = {0x40, 0x01, 0x01, 0x05};

        notification(BGP_NOTIFY_HEADER, BGP_NOTIFY_HEADER_BAD_LENGTH, "bgp.notify.minor_error",
                     bad_len, sizeof(bad_len));
        notification(BGP_NOTIFY_OPEN, BGP_NOTIFY_OPEN_UNSUPPORTED_CAPABILITY,
                     "bgp.notify.minor_error_open", NULL, 0);
        notification(BGP_NOTIFY_UPDATE, BGP_NOTIFY_UPDATE_ATTR_LENGTH,
                     "bgp.notify.minor_error_update", bad_attr, sizeof(bad_attr));
        notification(BGP_NOTIFY_HOLD_TIMER, 0, "bgp.notify.minor_error_expired", NULL, 0);
        notification(BGP_NOTIFY_FSM, 1, "bgp.notify.minor_error_state", NULL, 0);
        notification(BGP_NOTIFY_CEASE, BGP_NOTIFY_CEASE_PEER_DECONFIGURED,
                     "bgp.notify.minor_error_cease", NULL, 0);
        shutdown_msg(BGP_NOTIFY_CEASE_ADMIN_SHUTDOWN,
                     "[TICKET-1234] maintenance, back at 02:00 UTC");
        shutdown_msg(BGP_NOTIFY_CEASE_ADMIN_RESET, "Wartung \xe2\x80\x94 zur\xc3\xbc"
                                                   "ck bald");
}

static void route_refreshes(void)
{
        static const struct bgp_route_refresh rr[] = {
            {BGP_AFI_IPV4, BGP_REFRESH_NORMAL, BGP_SAFI_UNICAST},
            {BGP_AFI_IPV6, BGP_REFRESH_BORR, BGP_SAFI_UNICAST},
            {BGP_AFI_IPV6, BGP_REFRESH_EORR, BGP_SAFI_UNICAST},
        };
        for (size_t i = 0; i < sizeof(rr) / sizeof(rr[0]); i++) {
                begin();
                emit(msg, bgp_route_refresh_encode(msg, sizeof(msg), &rr[i]),
                     BGP_MSG_ROUTE_REFRESH);
                ex("bgp.route_refresh.afi", "%u", rr[i].afi);
                ex("bgp.route_refresh.subtype", "%u", rr[i].subtype);
                ex("bgp.route_refresh.safi", "%u", rr[i].safi);
        }
}

/* ---- UPDATE ----------------------------------------------------------------------------- */

/* An AS path as the generator knows it: segments of 4-octet AS numbers. */
struct path {
        size_t n_seg;
        struct {
                uint8_t type;
                uint8_t count;
                uint32_t asn[8];
        } seg[4];
        uint8_t wire[4 * 40];
        size_t wire_len;
};

static void path_wire(struct path *p)
{
        size_t off = 0;
        for (size_t s = 0; s < p->n_seg; s++) {
                p->wire[off++] = p->seg[s].type;
                p->wire[off++] = p->seg[s].count;
                for (size_t i = 0; i < p->seg[s].count; i++, off += 4) {
                        uint32_t a = p->seg[s].asn[i];
                        p->wire[off] = (uint8_t)(a >> 24);
                        p->wire[off + 1] = (uint8_t)(a >> 16);
                        p->wire[off + 2] = (uint8_t)(a >> 8);
                        p->wire[off + 3] = (uint8_t)a;
                }
        }
        p->wire_len = off;
}

static bool is_confed(uint8_t type)
{
        return type == BGP_AS_CONFED_SEQUENCE || type == BGP_AS_CONFED_SET;
}

static bool needs_as4(const struct path *p)
{
        for (size_t s = 0; s < p->n_seg; s++)
                for (size_t i = 0; i < p->seg[s].count; i++)
                        if (p->seg[s].asn[i] > 0xffff)
                                return true;
        return false;
}

/* Flags (optional, transitive, partial), type code and value length of one attribute. */
static void ex_attr(unsigned type, bool optional, bool transitive, bool partial, size_t len)
{
        char key[96];

        ex("bgp.update.path_attribute.type_code@set", "%u", type);
        snprintf(key, sizeof(key), "attr%u/bgp.update.path_attribute.flags.optional", type);
        ex(key, "%u", optional);
        snprintf(key, sizeof(key), "attr%u/bgp.update.path_attribute.flags.transitive", type);
        ex(key, "%u", transitive);
        snprintf(key, sizeof(key), "attr%u/bgp.update.path_attribute.flags.partial", type);
        ex(key, "%u", partial);
        snprintf(key, sizeof(key), "attr%u/bgp.update.path_attribute.length", type);
        ex(key, "%zu", len);
}

static void ex_in(unsigned type, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void ex_in(unsigned type, const char *field, const char *fmt, ...)
{
        char key[128], val[512];
        va_list ap;

        snprintf(key, sizeof(key), "attr%u/%s", type, field);
        va_start(ap, fmt);
        vsnprintf(val, sizeof(val), fmt, ap);
        va_end(ap);
        ex(key, "%s", val);
}

/* AS_PATH or AS4_PATH as Wireshark lists it: segment types, counts, AS numbers. */
static void ex_path(unsigned type, const struct path *p, unsigned asn_size, bool confed)
{
        size_t len = 0;
        const char *as_field = asn_size == 4 ? "bgp.update.path_attribute.as_path_segment.as4"
                                             : "bgp.update.path_attribute.as_path_segment.as2";

        for (size_t s = 0; s < p->n_seg; s++) {
                if (!confed && is_confed(p->seg[s].type))
                        continue;
                len += 2 + (size_t)p->seg[s].count * asn_size;
                ex_in(type, "bgp.update.path_attribute.as_path_segment.type", "%u", p->seg[s].type);
                ex_in(type, "bgp.update.path_attribute.as_path_segment.length", "%u",
                      p->seg[s].count);
                for (size_t i = 0; i < p->seg[s].count; i++) {
                        uint32_t a = p->seg[s].asn[i];
                        /* RFC 6793 4.2.2: what does not fit in 2 octets becomes AS_TRANS. */
                        if (asn_size == 2 && a > 0xffff)
                                a = BGP_AS_TRANS;
                        ex_in(type, as_field, "%u", a);
                }
        }
        ex_attr(type, type == BGP_ATTR_AS4_PATH, true, false, len);
}

/* The prefixes of an NLRI run, under the field names Wireshark gives that place. */
static size_t ex_prefixes(const char *scope, const char *field, const char *wire_hex_unused,
                          const struct bgp_prefix *pfx, size_t n)
{
        char key[160];
        size_t len = 0;

        (void)wire_hex_unused;
        for (size_t i = 0; i < n; i++) {
                snprintf(key, sizeof(key), "%s/bgp.prefix_length", scope);
                ex(key, "%u", pfx[i].len);
                snprintf(key, sizeof(key), "%s/%s", scope, field);
                ex(key, "%s", pfx[i].afi == BGP_AFI_IPV6 ? ip6(pfx[i].addr) : ip4(pfx[i].addr));
                len += 1 + ((size_t)pfx[i].len + 7) / 8;
        }
        return len;
}

/* Prefixes in their wire form, for the struct the encoder reads. */
static size_t nlri_wire(uint8_t *out, const struct bgp_prefix *pfx, size_t n)
{
        size_t off = 0;
        for (size_t i = 0; i < n; i++) {
                size_t octets = ((size_t)pfx[i].len + 7) / 8;
                out[off++] = pfx[i].len;
                memcpy(out + off, pfx[i].addr, octets);
                off += octets;
        }
        return off;
}

/* Everything a test UPDATE holds, in the generator's own terms. */
struct upd {
        struct bgp_update u;
        struct path path;
        const struct bgp_prefix *wd, *nlri, *reach, *unreach;
        size_t n_wd, n_nlri, n_reach, n_unreach;
        uint8_t wd_wire[512], nlri_wire[512], reach_wire[1024], unreach_wire[512];
};

static struct bgp_prefix P(const char *text) {
        struct bgp_prefix p;
        if (bgp_prefix_parse(text, &p) != 0)
                die("bad prefix %s", text);
        return p;
}

/* Fills the views of x->u from the generator's description. */
static void
upd_views(struct upd *x)
{
        struct bgp_update *u = &x->u;

        path_wire(&x->path);
        if (bgp_attrs_has(&u->attrs, BGP_ATTR_AS_PATH))
                u->attrs.as_path = (struct bgp_as_path){x->path.wire, x->path.wire_len, 4};
        u->withdrawn = (struct bgp_nlri){x->wd_wire, nlri_wire(x->wd_wire, x->wd, x->n_wd),
                                         BGP_AFI_IPV4, BGP_SAFI_UNICAST};
        u->nlri = (struct bgp_nlri){x->nlri_wire, nlri_wire(x->nlri_wire, x->nlri, x->n_nlri),
                                    BGP_AFI_IPV4, BGP_SAFI_UNICAST};
        struct bgp_mp_reach *r = &u->attrs.mp_reach;
        r->nlri = (struct bgp_nlri){x->reach_wire, nlri_wire(x->reach_wire, x->reach, x->n_reach),
                                    r->afi, r->safi};
        struct bgp_mp_unreach *w = &u->attrs.mp_unreach;
        w->nlri = (struct bgp_nlri){
            x->unreach_wire, nlri_wire(x->unreach_wire, x->unreach, x->n_unreach), w->afi, w->safi};
}

static void ex_list_u32(unsigned type, const char *field, const struct bgp_attr_list *l,
                        size_t item, size_t word, bool as_ip)
{
        for (size_t i = 0; i < l->count; i++) {
                uint32_t v = get32(l->data + i * item + 4 * word);
                if (as_ip)
                        ex_in(type, field, "%s", ip4_u32(v));
                else
                        ex_in(type, field, "%u", v);
        }
}

/* RFC 1997 communities: Wireshark lists 0xFFFFxxxx as well-known, the rest as AS:value. */
static void ex_communities(const struct bgp_attr_list *l)
{
        for (size_t i = 0; i < l->count; i++) {
                uint32_t v = get32(l->data + 4 * i);
                if (v >> 16 == 0xffff) {
                        ex_in(BGP_ATTR_COMMUNITIES, "bgp.update.path_attribute.community_wellknown",
                              "0x%08x", v);
                } else {
                        ex_in(BGP_ATTR_COMMUNITIES, "bgp.update.path_attribute.community_as", "%u",
                              v >> 16);
                        ex_in(BGP_ATTR_COMMUNITIES, "bgp.update.path_attribute.community_value",
                              "%u", v & 0xffff);
                }
        }
        ex_attr(BGP_ATTR_COMMUNITIES, true, true, false, 4 * l->count);
}

/* RFC 4360 / 5668 extended communities of the types used below. */
static void ex_ext_communities(const struct bgp_attr_list *l)
{
        const unsigned t = BGP_ATTR_EXT_COMMUNITIES;
        for (size_t i = 0; i < l->count; i++) {
                const uint8_t *c = l->data + 8 * i;
                ex_in(t, "bgp.ext_com.type", "0x%02x", c[0]);
                switch (c[0]) {
                case 0x00: /* 2-octet AS specific */
                        ex_in(t, "bgp.ext_com.stype_tr_as2", "0x%02x", c[1]);
                        ex_in(t, "bgp.ext_com.value_as2", "%u", get16(c + 2));
                        ex_in(t, "bgp.ext_com.value_an4", "%u", get32(c + 4));
                        break;
                case 0x01: /* IPv4 address specific */
                        ex_in(t, "bgp.ext_com.stype_tr_IP4", "0x%02x", c[1]);
                        ex_in(t, "bgp.ext_com.value_IP4", "%s", ip4(c + 2));
                        ex_in(t, "bgp.ext_com.value_an2", "%u", get16(c + 6));
                        break;
                case 0x02: /* 4-octet AS specific */
                        ex_in(t, "bgp.ext_com.stype_tr_as4", "0x%02x", c[1]);
                        ex_in(t, "bgp.ext_com.value_as4", "%u", get32(c + 2));
                        ex_in(t, "bgp.ext_com.value_an2", "%u", get16(c + 6));
                        break;
                default:
                        die("no expectation for extended community type %u", c[0]);
                }
        }
        ex_attr(t, true, true, false, 8 * l->count);
}

/* Encodes x for the current session and writes what Wireshark must find in it. */
static void update_msg(struct upd *x)
{
        struct bgp_codec_opts opts;
        const struct bgp_attrs *a = &x->u.attrs;
        bool as4 = cur->as4;

        upd_views(x);
        bgp_codec_opts_init(&opts);
        opts.as4 = as4;
        begin();
        emit(msg, bgp_update_encode(msg, sizeof(msg), &opts, &x->u), BGP_MSG_UPDATE);

        ex("bgp.update.withdrawn_routes.length", "%zu",
           ex_prefixes("bgp.update.withdrawn_routes", "bgp.withdrawn_prefix", NULL, x->wd,
                       x->n_wd));
        ex_prefixes("bgp.update.nlri", "bgp.nlri_prefix", NULL, x->nlri, x->n_nlri);

        if (bgp_attrs_has(a, BGP_ATTR_ORIGIN)) {
                ex_in(BGP_ATTR_ORIGIN, "bgp.update.path_attribute.origin", "%u", a->origin);
                ex_attr(BGP_ATTR_ORIGIN, false, true, false, 1);
        }
        if (bgp_attrs_has(a, BGP_ATTR_AS_PATH)) {
                ex_path(BGP_ATTR_AS_PATH, &x->path, as4 ? 4 : 2, true);
                /* RFC 6793 4.2.2: towards a 2-octet peer, the true path goes in AS4_PATH. */
                if (!as4 && needs_as4(&x->path))
                        ex_path(BGP_ATTR_AS4_PATH, &x->path, 4, false);
        }
        if (bgp_attrs_has(a, BGP_ATTR_NEXT_HOP)) {
                ex_in(BGP_ATTR_NEXT_HOP, "bgp.update.path_attribute.next_hop", "%s",
                      ip4(a->next_hop));
                ex_attr(BGP_ATTR_NEXT_HOP, false, true, false, 4);
        }
        if (bgp_attrs_has(a, BGP_ATTR_MED)) {
                ex_in(BGP_ATTR_MED, "bgp.update.path_attribute.multi_exit_disc", "%u", a->med);
                ex_attr(BGP_ATTR_MED, true, false, false, 4);
        }
        if (bgp_attrs_has(a, BGP_ATTR_LOCAL_PREF)) {
                ex_in(BGP_ATTR_LOCAL_PREF, "bgp.update.path_attribute.local_pref", "%u",
                      a->local_pref);
                ex_attr(BGP_ATTR_LOCAL_PREF, false, true, false, 4);
        }
        if (bgp_attrs_has(a, BGP_ATTR_ATOMIC_AGGREGATE))
                ex_attr(BGP_ATTR_ATOMIC_AGGREGATE, false, true, false, 0);
        if (bgp_attrs_has(a, BGP_ATTR_AGGREGATOR)) {
                bool big = a->aggregator_as > 0xffff;
                ex_in(BGP_ATTR_AGGREGATOR, "bgp.update.path_attribute.aggregator_as", "%u",
                      !as4 && big ? BGP_AS_TRANS : a->aggregator_as);
                ex_in(BGP_ATTR_AGGREGATOR, "bgp.update.path_attribute.aggregator_origin", "%s",
                      ip4(a->aggregator_addr));
                ex_attr(BGP_ATTR_AGGREGATOR, true, true, false, as4 ? 8 : 6);
                if (!as4 && big) {
                        ex_in(BGP_ATTR_AS4_AGGREGATOR, "bgp.update.path_attribute.aggregator_as",
                              "%u", a->aggregator_as);
                        ex_in(BGP_ATTR_AS4_AGGREGATOR,
                              "bgp.update.path_attribute.aggregator_origin", "%s",
                              ip4(a->aggregator_addr));
                        ex_attr(BGP_ATTR_AS4_AGGREGATOR, true, true, false, 8);
                }
        }
        if (bgp_attrs_has(a, BGP_ATTR_COMMUNITIES))
                ex_communities(&a->communities);
        if (bgp_attrs_has(a, BGP_ATTR_ORIGINATOR_ID)) {
                ex_in(BGP_ATTR_ORIGINATOR_ID, "bgp.update.path_attribute.originator_id", "%s",
                      ip4_u32(a->originator_id));
                ex_attr(BGP_ATTR_ORIGINATOR_ID, true, false, false, 4);
        }
        if (bgp_attrs_has(a, BGP_ATTR_CLUSTER_LIST)) {
                ex_list_u32(BGP_ATTR_CLUSTER_LIST, "bgp.path_attribute.cluster_id",
                            &a->cluster_list, 4, 0, true);
                ex_attr(BGP_ATTR_CLUSTER_LIST, true, false, false, 4 * a->cluster_list.count);
        }
        if (bgp_attrs_has(a, BGP_ATTR_EXT_COMMUNITIES))
                ex_ext_communities(&a->ext_communities);
        if (bgp_attrs_has(a, BGP_ATTR_LARGE_COMMUNITIES)) {
                const struct bgp_attr_list *l = &a->large_communities;
                ex_list_u32(BGP_ATTR_LARGE_COMMUNITIES, "bgp.large_communities.ga", l, 12, 0,
                            false);
                ex_list_u32(BGP_ATTR_LARGE_COMMUNITIES, "bgp.large_communities.ldp1", l, 12, 1,
                            false);
                ex_list_u32(BGP_ATTR_LARGE_COMMUNITIES, "bgp.large_communities.ldp2", l, 12, 2,
                            false);
                ex_attr(BGP_ATTR_LARGE_COMMUNITIES, true, true, false, 12 * l->count);
        }
        /* Wireshark 4.0 does not know OTC (RFC 9234, type 35): flags and length only. */
        if (bgp_attrs_has(a, BGP_ATTR_OTC))
                ex_attr(BGP_ATTR_OTC, true, true, false, 4);
        if (bgp_attrs_has(a, BGP_ATTR_MP_REACH_NLRI)) {
                const struct bgp_mp_reach *r = &a->mp_reach;
                const unsigned t = BGP_ATTR_MP_REACH_NLRI;
                ex_in(t, "bgp.update.path_attribute.mp_reach_nlri.afi", "%u", r->afi);
                ex_in(t, "bgp.update.path_attribute.mp_reach_nlri.safi", "%u", r->safi);
                if (r->afi == BGP_AFI_IPV6) {
                        ex_in(t, "bgp.update.path_attribute.mp_reach_nlri.next_hop.ipv6", "%s",
                              ip6(r->nh));
                        if (r->nh_len == 32)
                                ex_in(t,
                                      "bgp.update.path_attribute.mp_reach_nlri.next_hop.ipv6."
                                      "link_local",
                                      "%s", ip6(r->nh + 16));
                } else {
                        ex_in(t, "bgp.update.path_attribute.mp_reach_nlri.next_hop.ipv4", "%s",
                              ip4(r->nh));
                }
                size_t len = ex_prefixes("bgp.update.path_attribute.mp_reach_nlri",
                                         r->afi == BGP_AFI_IPV6 ? "bgp.mp_reach_nlri_ipv6_prefix"
                                                                : "bgp.mp_reach_nlri_ipv4_prefix",
                                         NULL, x->reach, x->n_reach);
                ex_attr(t, true, false, false, 5 + r->nh_len + len);
        }
        if (bgp_attrs_has(a, BGP_ATTR_MP_UNREACH_NLRI)) {
                const struct bgp_mp_unreach *w = &a->mp_unreach;
                const unsigned t = BGP_ATTR_MP_UNREACH_NLRI;
                ex_in(t, "bgp.update.path_attribute.mp_unreach_nlri.afi", "%u", w->afi);
                ex_in(t, "bgp.update.path_attribute.mp_unreach_nlri.safi", "%u", w->safi);
                size_t len = ex_prefixes("bgp.update.path_attribute.mp_unreach_nlri",
                                         w->afi == BGP_AFI_IPV6 ? "bgp.mp_unreach_nlri_ipv6_prefix"
                                                                : "bgp.mp_unreach_nlri_ipv4_prefix",
                                         NULL, x->unreach, x->n_unreach);
                ex_attr(t, true, false, false, 3 + len);
        }
        /* RFC 4271 5: an unknown transitive attribute passed on carries the Partial bit. */
        for (size_t i = 0; i < a->n_raw; i++)
                ex_attr(a->raw[i].type, true, true, true, a->raw[i].len);
}

/* Sets the path of x: segments given as (type, count, AS...) groups. */
static void set_path(struct upd *x, size_t n_seg, const uint8_t *types, const uint8_t *counts,
                     const uint32_t *asn)
{
        x->path.n_seg = n_seg;
        for (size_t s = 0; s < n_seg; s++) {
                x->path.seg[s].type = types[s];
                x->path.seg[s].count = counts[s];
                for (size_t i = 0; i < counts[s]; i++)
                        x->path.seg[s].asn[i] = *asn++;
        }
        bgp_attrs_set(&x->u.attrs, BGP_ATTR_AS_PATH);
}

static void updates(void)
{
        static const uint8_t unknown_value[5] = {0x01, 0x02, 0x03, 0x04, 0x05};
        static uint8_t comms[4 * 7], ext[8 * 3], large[12 * 2], clusters[8], big_raw[300];
        static struct upd x;
        static const struct bgp_prefix wd4[] = {{BGP_AFI_IPV4, 24, {198, 51, 100}},
                                                {BGP_AFI_IPV4, 25, {203, 0, 113, 128}}};
        static struct bgp_prefix nlri4[3], reach6[5], unreach6[2];
        struct bgp_attrs *a = &x.u.attrs;

        nlri4[0] = P("192.0.2.0/24");
        nlri4[1] = P("10.0.0.0/8");
        nlri4[2] = P("192.0.2.1/32");
        reach6[0] = P("2001:db8::/32");
        reach6[1] = P("2001:db8:1234::/48");
        reach6[2] = P("2001:db8:ffff:ff00::/56");
        reach6[3] = P("2001:db8::1/128");
        reach6[4] = P("::/0");
        unreach6[0] = P("2001:db8:dead::/48");
        unreach6[1] = P("2001:db8:beef:8000::/49");
        static const uint32_t comm_values[7] = {64501u << 16 | 100, 0xffff0000, 0xffff029a,
                                                0xffffff01,         0xffffff02, 0xffffff03,
                                                4200u << 16 | 7};
        for (size_t i = 0; i < 7; i++) {
                uint32_t v = comm_values[i];
                comms[4 * i] = (uint8_t)(v >> 24);
                comms[4 * i + 1] = (uint8_t)(v >> 16);
                comms[4 * i + 2] = (uint8_t)(v >> 8);
                comms[4 * i + 3] = (uint8_t)v;
        }
        static const uint8_t ext_init[24] = {
            0x00, 0x02, 0xfb, 0xf5, 0x00, 0x00, 0x00, 0x64, /* RT 64501:100 */
            0x01, 0x03, 0xc0, 0x00, 0x02, 0x01, 0x00, 0x07, /* SoO 192.0.2.1:7 */
            0x02, 0x02, 0xfa, 0x56, 0xea, 0x01, 0x00, 0x01, /* RT 4200000001:1 */
        };
        memcpy(ext, ext_init, sizeof(ext));
        static const uint8_t large_init[24] = {0x00, 0x00, 0xfb, 0xf5, 0,    0,    0,    1,
                                               0,    0,    0,    2,    0xfa, 0x56, 0xea, 0x01,
                                               0,    0,    0,    0,    0xff, 0xff, 0xff, 0xff};
        memcpy(large, large_init, sizeof(large));
        static const uint8_t cl_init[8] = {192, 0, 2, 2, 10, 0, 0, 1};
        memcpy(clusters, cl_init, sizeof(clusters));
        for (size_t i = 0; i < sizeof(big_raw); i++)
                big_raw[i] = (uint8_t)i;

        /* IPv4 in the old fields with every attribute msg.h knows. */
        static const uint8_t t1[] = {BGP_AS_SEQUENCE, BGP_AS_SET};
        static const uint8_t c1[] = {4, 2};
        static const uint32_t as1[] = {64501, 3356, 4200000001u, 64496, 65001, 4200000002u};
        memset(&x, 0, sizeof(x));
        x.wd = wd4;
        x.n_wd = 2;
        x.nlri = nlri4;
        x.n_nlri = 3;
        set_path(&x, 2, t1, c1, as1);
        static const unsigned all[] = {
            BGP_ATTR_ORIGIN,          BGP_ATTR_NEXT_HOP,          BGP_ATTR_MED,
            BGP_ATTR_LOCAL_PREF,      BGP_ATTR_ATOMIC_AGGREGATE,  BGP_ATTR_AGGREGATOR,
            BGP_ATTR_COMMUNITIES,     BGP_ATTR_ORIGINATOR_ID,     BGP_ATTR_CLUSTER_LIST,
            BGP_ATTR_EXT_COMMUNITIES, BGP_ATTR_LARGE_COMMUNITIES, BGP_ATTR_OTC,
        };
        for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
                bgp_attrs_set(a, all[i]);
        a->origin = BGP_ORIGIN_EGP;
        memcpy(a->next_hop, "\xc0\x00\x02\x01", 4);
        a->med = 4294967295u;
        a->local_pref = 200;
        a->aggregator_as = 4200000001u;
        memcpy(a->aggregator_addr, "\xc6\x33\x64\x07", 4);
        a->communities = (struct bgp_attr_list){comms, 7};
        a->originator_id = 0x0a000002;
        a->cluster_list = (struct bgp_attr_list){clusters, 2};
        a->ext_communities = (struct bgp_attr_list){ext, 3};
        a->large_communities = (struct bgp_attr_list){large, 2};
        a->otc = 64501;
        /* An unassigned type Wireshark has no dissector for either (it takes 99 to be an
         * unofficial LINK_STATE code point). */
        a->n_raw = 1;
        a->raw[0] = (struct bgp_attr_raw){BGP_ATTR_FLAG_OPTIONAL | BGP_ATTR_FLAG_TRANSITIVE, 250,
                                          sizeof(unknown_value), unknown_value};
        update_msg(&x);

        /* Confederation segments of both kinds (RFC 5065) before the AS_SEQUENCE. */
        static const uint8_t t2[] = {BGP_AS_CONFED_SEQUENCE, BGP_AS_CONFED_SET, BGP_AS_SEQUENCE};
        static const uint8_t c2[] = {2, 2, 2};
        static const uint32_t as2[] = {64512, 64513, 64514, 64515, 64501, 64496};
        memset(&x, 0, sizeof(x));
        x.nlri = nlri4;
        x.n_nlri = 1;
        set_path(&x, 3, t2, c2, as2);
        bgp_attrs_set(a, BGP_ATTR_ORIGIN);
        bgp_attrs_set(a, BGP_ATTR_NEXT_HOP);
        bgp_attrs_set(a, BGP_ATTR_LOCAL_PREF);
        a->origin = BGP_ORIGIN_INCOMPLETE;
        memcpy(a->next_hop, "\xc0\x00\x02\x02", 4);
        a->local_pref = 100;
        update_msg(&x);

        /* IPv6: MP_REACH_NLRI with global and link-local next hops, MP_UNREACH_NLRI, and an
         * unknown transitive attribute longer than 255 octets (extended length). */
        static const uint8_t t3[] = {BGP_AS_SEQUENCE};
        static const uint8_t c3[] = {6};
        static const uint32_t as3[] = {64501, 64501, 64501, 2914, 64497, 64497};
        memset(&x, 0, sizeof(x));
        x.reach = reach6;
        x.n_reach = 5;
        x.unreach = unreach6;
        x.n_unreach = 2;
        set_path(&x, 1, t3, c3, as3);
        bgp_attrs_set(a, BGP_ATTR_ORIGIN);
        bgp_attrs_set(a, BGP_ATTR_MED);
        bgp_attrs_set(a, BGP_ATTR_COMMUNITIES);
        bgp_attrs_set(a, BGP_ATTR_LARGE_COMMUNITIES);
        bgp_attrs_set(a, BGP_ATTR_MP_REACH_NLRI);
        bgp_attrs_set(a, BGP_ATTR_MP_UNREACH_NLRI);
        a->med = 10;
        a->communities = (struct bgp_attr_list){comms, 2};
        a->large_communities = (struct bgp_attr_list){large, 1};
        a->mp_reach.afi = BGP_AFI_IPV6;
        a->mp_reach.safi = BGP_SAFI_UNICAST;
        a->mp_reach.nh_len = 32;
        memcpy(a->mp_reach.nh, "\x20\x01\x0d\xb8\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01",
               16);
        memcpy(a->mp_reach.nh + 16,
               "\xfe\x80\x00\x00\x00\x00\x00\x00\x02\x00\x5e\xff\xfe\x00\x53\x01", 16);
        a->mp_unreach.afi = BGP_AFI_IPV6;
        a->mp_unreach.safi = BGP_SAFI_UNICAST;
        a->n_raw = 1;
        a->raw[0] = (struct bgp_attr_raw){BGP_ATTR_FLAG_OPTIONAL | BGP_ATTR_FLAG_TRANSITIVE, 200,
                                          sizeof(big_raw), big_raw};
        update_msg(&x);

        /* IPv6 with a global next hop only, and IPv4 multicast in MP_REACH_NLRI. */
        a->n_raw = 0;
        bgp_attrs_clear(a, BGP_ATTR_MP_UNREACH_NLRI);
        x.n_unreach = 0;
        a->mp_reach.nh_len = 16;
        x.n_reach = 2;
        update_msg(&x);
        static struct bgp_prefix mc4[1];
        mc4[0] = P("233.252.0.0/24");
        a->mp_reach.afi = BGP_AFI_IPV4;
        a->mp_reach.safi = BGP_SAFI_MULTICAST;
        a->mp_reach.nh_len = 4;
        memcpy(a->mp_reach.nh, "\xc0\x00\x02\x01", 4);
        x.reach = mc4;
        x.n_reach = 1;
        update_msg(&x);

        /* A withdrawal alone, in MP_UNREACH_NLRI. */
        memset(&x, 0, sizeof(x));
        bgp_attrs_set(a, BGP_ATTR_MP_UNREACH_NLRI);
        a->mp_unreach.afi = BGP_AFI_IPV6;
        a->mp_unreach.safi = BGP_SAFI_UNICAST;
        x.unreach = unreach6;
        x.n_unreach = 2;
        update_msg(&x);
        /* Withdrawals alone in the old field. */
        memset(&x, 0, sizeof(x));
        x.wd = wd4;
        x.n_wd = 2;
        update_msg(&x);
}

/* End-of-RIB (RFC 4724 2) and the builder's packing. */
static void built(void)
{
        static struct bgp_prefix p6[40];
        static struct bgp_attrs a;
        static uint8_t path[2 + 3 * 4] = {
            BGP_AS_SEQUENCE, 3, 0, 0, 0xfb, 0xf5, 0, 0, 0x1b, 0x1b, 0, 0, 0xfb, 0xf0};
        struct bgp_codec_opts opts;
        size_t done;
        int n;

        begin();
        emit(msg, bgp_update_build_eor(msg, sizeof(msg), BGP_AFI_IPV4, BGP_SAFI_UNICAST),
             BGP_MSG_UPDATE);
        ex("bgp.update.withdrawn_routes.length", "0");
        ex("bgp.update.path_attributes.length", "0");
        begin();
        emit(msg, bgp_update_build_eor(msg, sizeof(msg), BGP_AFI_IPV6, BGP_SAFI_UNICAST),
             BGP_MSG_UPDATE);
        ex("bgp.update.path_attribute.type_code@set", "%u", BGP_ATTR_MP_UNREACH_NLRI);
        ex("attr15/bgp.update.path_attribute.mp_unreach_nlri.afi", "%u", BGP_AFI_IPV6);
        ex("attr15/bgp.update.path_attribute.mp_unreach_nlri.safi", "%u", BGP_SAFI_UNICAST);
        ex("attr15/bgp.update.path_attribute.length", "3");

        for (size_t i = 0; i < 40; i++) {
                memset(&p6[i], 0, sizeof(p6[i]));
                p6[i].afi = BGP_AFI_IPV6;
                p6[i].len = 48;
                memcpy(p6[i].addr, "\x20\x01\x0d\xb8", 4);
                p6[i].addr[5] = (uint8_t)i;
        }
        bgp_codec_opts_init(&opts);
        memset(&a, 0, sizeof(a));
        bgp_attrs_set(&a, BGP_ATTR_ORIGIN);
        bgp_attrs_set(&a, BGP_ATTR_AS_PATH);
        a.as_path = (struct bgp_as_path){path, sizeof(path), 4};
        a.mp_reach.nh_len = 16;
        memcpy(a.mp_reach.nh, "\x20\x01\x0d\xb8\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01",
               16);
        done = 0;
        begin();
        n = bgp_update_build_announce(msg, sizeof(msg), &opts, &a, BGP_SAFI_UNICAST, p6, 40, &done);
        emit(msg, n, BGP_MSG_UPDATE);
        if (done != 40)
                die("40 prefixes of /48 should fit in one UPDATE, %zu did", done);
        for (size_t i = 0; i < 40; i++) {
                ex("attr14/bgp.prefix_length", "48");
                ex("attr14/bgp.mp_reach_nlri_ipv6_prefix", "%s", ip6(p6[i].addr));
        }
        ex("attr2/bgp.update.path_attribute.as_path_segment.as4", "64501");
        ex("attr2/bgp.update.path_attribute.as_path_segment.as4", "6939");
        ex("attr2/bgp.update.path_attribute.as_path_segment.as4", "64496");
        ex("bgp.update.path_attribute.type_code@set", "1");
        ex("bgp.update.path_attribute.type_code@set", "2");
        ex("bgp.update.path_attribute.type_code@set", "14");
        done = 0;
        begin();
        n = bgp_update_build_withdraw(msg, sizeof(msg), &opts, BGP_SAFI_UNICAST, p6, 40, &done);
        emit(msg, n, BGP_MSG_UPDATE);
        for (size_t i = 0; i < 40; i++)
                ex("attr15/bgp.mp_unreach_nlri_ipv6_prefix", "%s", ip6(p6[i].addr));
}

/* Towards a 2-octet AS peer (RFC 6793 4.2.2): AS_TRANS, AS4_PATH, AS4_AGGREGATOR. */
static void updates_as2(void)
{
        static struct upd x;
        static struct bgp_prefix nlri4[1];
        struct bgp_attrs *a = &x.u.attrs;
        static const uint8_t t1[] = {BGP_AS_SEQUENCE, BGP_AS_SET};
        static const uint8_t c1[] = {4, 2};
        static const uint32_t as1[] = {64501, 3356, 4200000001u, 64496, 65001, 4200000002u};

        nlri4[0] = P("192.0.2.0/24");
        memset(&x, 0, sizeof(x));
        x.nlri = nlri4;
        x.n_nlri = 1;
        set_path(&x, 2, t1, c1, as1);
        bgp_attrs_set(a, BGP_ATTR_ORIGIN);
        bgp_attrs_set(a, BGP_ATTR_NEXT_HOP);
        bgp_attrs_set(a, BGP_ATTR_AGGREGATOR);
        memcpy(a->next_hop, "\xc0\x00\x02\x01", 4);
        a->aggregator_as = 4200000001u;
        memcpy(a->aggregator_addr, "\xc6\x33\x64\x07", 4);
        update_msg(&x);

        /* Confederation segments stay in AS_PATH only (RFC 6793 3). */
        static const uint8_t t3[] = {BGP_AS_CONFED_SEQUENCE, BGP_AS_SEQUENCE};
        static const uint8_t c3[] = {2, 2};
        static const uint32_t as3[] = {64512, 4200000009u, 64501, 4200000001u};
        set_path(&x, 2, t3, c3, as3);
        update_msg(&x);

        /* Every AS fits in 2 octets: no AS4_PATH, no AS4_AGGREGATOR. */
        static const uint32_t as2[] = {64501, 3356, 174, 64496, 65001, 65002};
        set_path(&x, 2, t1, c1, as2);
        a->aggregator_as = 64496;
        update_msg(&x);

        struct bgp_open o;
        memset(&o, 0, sizeof(o));
        o.version = 4;
        o.my_as = 64501;
        o.hold_time = 180;
        o.bgp_id = 0xc6336402;
        o.caps.present = BGP_CAPF_MP | BGP_CAPF_ROUTE_REFRESH;
        o.caps.n_mp = 1;
        o.caps.mp[0] = (struct bgp_afi_safi){BGP_AFI_IPV4, BGP_SAFI_UNICAST};
        open_msg(&o);
}

int main(int argc, char **argv)
{
        struct session as4, as2;

        if (argc != 2) {
                fprintf(stderr, "usage: %s OUTDIR\n", argv[0]);
                return 2;
        }
        open_session(&as4, argv[1], "as4", true);
        opens();
        keepalive();
        route_refreshes();
        updates();
        built();
        notifications();
        close_session(&as4);

        open_session(&as2, argv[1], "as2", false);
        updates_as2();
        close_session(&as2);
        printf("tshark_msgs: %u messages (4-octet AS session), %u (2-octet AS session)\n",
               as4.frame, as2.frame);
        return 0;
}
