/*
 * gen_corpus.c - writes the seed corpora of the fuzz targets.
 *
 *   gen_corpus [--mrt FILE.gz] OUTDIR
 *
 * writes OUTDIR/fuzz_msg/<sha256> and OUTDIR/fuzz_update/<sha256>, each file named by the
 * lower-case hex SHA-256 of its content (the nghttp2 convention: a seed found twice is
 * stored once, and a name never lies about its content).  The seeds follow the targets'
 * input layout: a selector octet that picks the session's options (see fuzz_msg.c), then
 * whole messages for fuzz_msg, or an UPDATE body for fuzz_update.
 *
 * What goes in:
 *  - messages made by libbgp's own encoders: KEEPALIVE, OPENs with every capability it
 *    knows, NOTIFICATIONs (shutdown communication included), ROUTE-REFRESH subtypes, and
 *    UPDATEs for IPv4 and IPv6 that carry every attribute type msg.h names, End-of-RIB,
 *    and builder output (packed, withdrawals, an extended message);
 *  - hand-built variants with one deliberate defect each, so the fuzzer starts next to
 *    every error branch of RFC 4271 6 and RFC 7606;
 *  - with --mrt, about 50 real UPDATEs taken evenly from a BGP4MP update file.
 *
 * Run once by hand (cmake --build BUILD --target fuzz-corpus); the output is committed.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <zlib.h>
#ifdef GEN_CORPUS_BZIP2
#include <bzlib.h>
#endif

#include <bgp/bgp.h>

/* Selector octets (fuzz_msg.c has the layout). */
#include "selector.h"

/* The ASes SEL_CHECK_AS configures: we are 64500, the peer is 64501. */
#define PEER_AS 64501

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

static void die(const char *fmt, ...)
{
        va_list ap;

        fputs("gen_corpus: ", stderr);
        va_start(ap, fmt);
        vfprintf(stderr, fmt, ap);
        va_end(ap);
        fputc('\n', stderr);
        exit(1);
}

/* ---- SHA-256 (FIPS 180-4), only to name the files ------------------------------------- */

struct sha256 {
        uint32_t h[8];
        uint8_t block[64];
        size_t fill;
        uint64_t total;
};

static const uint32_t sha256_k[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static uint32_t ror(uint32_t x, unsigned n)
{
        return x >> n | x << (32 - n);
}

static void sha256_block(struct sha256 *s, const uint8_t *p)
{
        uint32_t w[64], v[8];

        for (int i = 0; i < 16; i++)
                w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
                       (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
        for (int i = 16; i < 64; i++) {
                uint32_t s0 = ror(w[i - 15], 7) ^ ror(w[i - 15], 18) ^ w[i - 15] >> 3;
                uint32_t s1 = ror(w[i - 2], 17) ^ ror(w[i - 2], 19) ^ w[i - 2] >> 10;
                w[i] = w[i - 16] + s0 + w[i - 7] + s1;
        }
        memcpy(v, s->h, sizeof(v));
        for (int i = 0; i < 64; i++) {
                uint32_t t1 = v[7] + (ror(v[4], 6) ^ ror(v[4], 11) ^ ror(v[4], 25)) +
                              ((v[4] & v[5]) ^ (~v[4] & v[6])) + sha256_k[i] + w[i];
                uint32_t t2 = (ror(v[0], 2) ^ ror(v[0], 13) ^ ror(v[0], 22)) +
                              ((v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]));
                memmove(v + 1, v, 7 * sizeof(v[0]));
                v[4] += t1;
                v[0] = t1 + t2;
        }
        for (int i = 0; i < 8; i++)
                s->h[i] += v[i];
}

static void sha256_hex(const uint8_t *data, size_t len, char hex[65])
{
        static const uint32_t init[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                         0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
        struct sha256 s;

        memcpy(s.h, init, sizeof(init));
        s.fill = 0;
        s.total = (uint64_t)len * 8;
        for (; len >= 64; data += 64, len -= 64)
                sha256_block(&s, data);
        memset(s.block, 0, sizeof(s.block));
        memcpy(s.block, data, len);
        s.block[len] = 0x80;
        if (len >= 56) {
                sha256_block(&s, s.block);
                memset(s.block, 0, sizeof(s.block));
        }
        for (int i = 0; i < 8; i++)
                s.block[56 + i] = (uint8_t)(s.total >> (56 - 8 * i));
        sha256_block(&s, s.block);
        for (int i = 0; i < 32; i++)
                snprintf(hex + 2 * i, 3, "%02x", (uint8_t)(s.h[i / 4] >> (24 - 8 * (i % 4))));
}

/* ---- writing seeds -------------------------------------------------------------------- */

/* The targets, in the order of fuzz/CMakeLists.txt. */
enum target {
        T_MSG,
        T_UPDATE,
        T_SESSION,
        T_FRAME,
        T_OPEN,
        T_ATTRS,
        T_NLRI,
        T_NOTIFY,
        T_MRT,
        T_CONFIG,
        T_COUNT,
};

static const char *const target_names[T_COUNT] = {
    "fuzz_msg",   "fuzz_update", "fuzz_session", "fuzz_frame", "fuzz_open",
    "fuzz_attrs", "fuzz_nlri",   "fuzz_notify",  "fuzz_mrt",   "fuzz_config",
};

static const char *out_root;
static unsigned n_written[T_COUNT];

static void make_dir(const char *path)
{
        if (mkdir(path, 0777) != 0 && errno != EEXIST)
                die("%s: %s", path, strerror(errno));
}

/* Writes prefix + data as one seed of a target, named by the SHA-256 of the whole. */
static void seed_with(enum target target, const uint8_t *prefix, size_t plen, const uint8_t *data,
                      size_t len)
{
        static uint8_t buf[1 << 18];
        char hex[65], path[4096];
        size_t total = plen + len;

        if (total > sizeof(buf))
                die("seed of %zu octets is too long", total);
        if (plen > 0)
                memcpy(buf, prefix, plen);
        if (len > 0)
                memcpy(buf + plen, data, len);
        sha256_hex(buf, total, hex);
        snprintf(path, sizeof(path), "%s/%s", out_root, target_names[target]);
        make_dir(path);
        snprintf(path, sizeof(path), "%s/%s/%s", out_root, target_names[target], hex);
        FILE *f = fopen(path, "wb");
        if (f == NULL || fwrite(buf, 1, total, f) != total || fclose(f) != 0)
                die("%s: %s", path, strerror(errno));
        n_written[target]++;
}

/* Writes selector (or mode) octet + data as one seed; fuzz_session, fuzz_mrt and
 * fuzz_config take their input as it is, with no such octet. */
static void seed(enum target target, uint8_t sel, const uint8_t *data, size_t len)
{
        bool bare = target == T_SESSION || target == T_MRT || target == T_CONFIG;
        seed_with(target, bare ? NULL : &sel, bare ? 0 : 1, data, len);
}

/* The mode octet of fuzz_nlri for a family (fuzz_nlri.c), or -1 for one it has no mode for. */
static int nlri_mode(uint16_t afi, uint8_t safi)
{
        int mode = afi == BGP_AFI_IPV4 ? 0 : afi == BGP_AFI_IPV6 ? 1 : -1;
        if (mode >= 0 && safi == BGP_SAFI_MULTICAST)
                mode |= 0x04;
        return mode;
}

static void seed_nlri(const struct bgp_nlri *n)
{
        int mode = nlri_mode(n->afi, n->safi);
        if (mode >= 0 && n->len > 0)
                seed(T_NLRI, (uint8_t)mode, n->data, n->len);
}

/* The parts of an UPDATE body for fuzz_attrs and fuzz_nlri, when its lengths add up. */
static void derive_update(uint8_t sel, const uint8_t *body, size_t len)
{
        static struct bgp_update u;
        struct bgp_codec_opts o;
        struct bgp_verdict v;

        if (len < 4)
                return;
        size_t wd = (size_t)body[0] << 8 | body[1];
        if (2 + wd + 2 > len)
                return;
        size_t at = (size_t)body[2 + wd] << 8 | body[3 + wd];
        if (4 + wd + at > len)
                return;
        seed(T_ATTRS, sel, body + 4 + wd, at);
        if (wd > 0)
                seed(T_NLRI, 0, body + 2, wd);
        if (len > 4 + wd + at)
                seed(T_NLRI, 0, body + 4 + wd + at, len - 4 - wd - at);
        /* The MP runs, wherever a permissive decode finds them. */
        bgp_codec_opts_init(&o);
        o.as4 = (sel & SEL_NO_AS4) == 0;
        o.ext_msg = true;
        o.families = BGP_FAMILY_IPV4_UNICAST | BGP_FAMILY_IPV6_UNICAST | BGP_FAMILY_IPV4_MULTICAST |
                     BGP_FAMILY_IPV6_MULTICAST;
        bgp_update_decode(body, len, &o, &u, &v);
        if (bgp_attrs_has(&u.attrs, BGP_ATTR_MP_REACH_NLRI))
                seed_nlri(&u.attrs.mp_reach.nlri);
        if (bgp_attrs_has(&u.attrs, BGP_ATTR_MP_UNREACH_NLRI))
                seed_nlri(&u.attrs.mp_unreach.nlri);
}

/*
 * Every message of a fuzz_msg seed, cut out for the targets of one parser: OPEN bodies to
 * fuzz_open (also asking bgp_open_check_required() for every family), NOTIFICATION and
 * ROUTE-REFRESH bodies to fuzz_notify, UPDATE parts to fuzz_attrs and fuzz_nlri.
 */
static void derive(uint8_t sel, const uint8_t *m, size_t len)
{
        while (len >= BGP_HEADER_LEN) {
                size_t mlen = (size_t)m[16] << 8 | m[17];
                if (mlen < BGP_HEADER_LEN || mlen > len)
                        return;
                const uint8_t *body = m + BGP_HEADER_LEN;
                size_t blen = mlen - BGP_HEADER_LEN;
                switch (m[18]) {
                case BGP_MSG_OPEN:
                        seed(T_OPEN, sel, body, blen);
                        seed(T_OPEN, sel | 0xc0, body, blen);
                        break;
                case BGP_MSG_NOTIFICATION:
                        seed(T_NOTIFY, 0, body, blen);
                        break;
                case BGP_MSG_ROUTE_REFRESH:
                        seed(T_NOTIFY, 1, body, blen);
                        break;
                case BGP_MSG_UPDATE:
                        derive_update(sel, body, blen);
                        break;
                default:
                        break;
                }
                m += mlen;
                len -= mlen;
        }
}

/* A whole message (or several back to back) for fuzz_msg, and its parts for the others. */
static void seed_msg(uint8_t sel, const uint8_t *msg, int len)
{
        if (len < 0)
                die("an encoder failed: %s", bgp_strerror(len));
        seed(T_MSG, sel, msg, (size_t)len);
        derive(sel, msg, (size_t)len);
}

/* A whole UPDATE: to fuzz_msg as it is, and its body to fuzz_update. */
static void seed_update(uint8_t sel, const uint8_t *msg, int len)
{
        seed_msg(sel, msg, len);
        seed(T_UPDATE, sel, msg + BGP_HEADER_LEN, (size_t)len - BGP_HEADER_LEN);
}

/* ---- a byte builder for attribute values and hand-made messages ----------------------- */

struct bytes {
        uint8_t d[8192];
        size_t n;
};

static void b_u8(struct bytes *b, unsigned v)
{
        if (b->n + 1 > sizeof(b->d))
                die("builder overflow");
        b->d[b->n++] = (uint8_t)v;
}

static void b_u16(struct bytes *b, unsigned v)
{
        b_u8(b, v >> 8 & 0xff);
        b_u8(b, v & 0xff);
}

static void b_u32(struct bytes *b, uint32_t v)
{
        b_u16(b, v >> 16);
        b_u16(b, v & 0xffff);
}

static void b_raw(struct bytes *b, const void *p, size_t n)
{
        if (b->n + n > sizeof(b->d))
                die("builder overflow");
        memcpy(b->d + b->n, p, n);
        b->n += n;
}

static void b_hex(struct bytes *b, const char *hex)
{
        for (; hex[0] != '\0'; hex++) {
                if (hex[0] == ' ')
                        continue;
                unsigned v;
                if (sscanf(hex, "%2x", &v) != 1)
                        die("bad hex %s", hex);
                b_u8(b, v);
                hex++;
        }
}

static struct bgp_prefix pfx(const char *text)
{
        struct bgp_prefix p;
        if (bgp_prefix_parse(text, &p) != 0)
                die("bad prefix %s", text);
        return p;
}

/* A prefix in the RFC 4271 4.3 encoding. */
static void b_prefix(struct bytes *b, const char *text)
{
        struct bgp_prefix p = pfx(text);
        b_u8(b, p.len);
        b_raw(b, p.addr, ((size_t)p.len + 7) / 8);
}

/* One AS path segment with asn_size-octet AS numbers. */
static void b_segment(struct bytes *b, unsigned type, unsigned asn_size, size_t n,
                      const uint32_t *asn)
{
        b_u8(b, type);
        b_u8(b, (unsigned)n);
        for (size_t i = 0; i < n; i++) {
                if (asn_size == 4)
                        b_u32(b, asn[i]);
                else
                        b_u16(b, asn[i]);
        }
}

/* An attribute: flags, type, then a 1- or 2-octet length as the flags say. */
static void b_attr(struct bytes *b, unsigned flags, unsigned type, const struct bytes *val)
{
        b_u8(b, flags);
        b_u8(b, type);
        if (flags & BGP_ATTR_FLAG_EXTLEN)
                b_u16(b, (unsigned)val->n);
        else
                b_u8(b, (unsigned)val->n);
        b_raw(b, val->d, val->n);
}

static void b_attr_hex(struct bytes *b, unsigned flags, unsigned type, const char *hex)
{
        static struct bytes val;
        val.n = 0;
        b_hex(&val, hex);
        b_attr(b, flags, type, &val);
}

/* Wraps body in an RFC 4271 4.1 header (the length as given, so it can lie). */
static int frame(uint8_t *out, size_t cap, unsigned type, const struct bytes *body)
{
        size_t len = BGP_HEADER_LEN + body->n;
        if (len > cap)
                die("frame overflow");
        memset(out, 0xff, BGP_MARKER_LEN);
        out[16] = (uint8_t)(len >> 8);
        out[17] = (uint8_t)len;
        out[18] = (uint8_t)type;
        memcpy(out + BGP_HEADER_LEN, body->d, body->n);
        return (int)len;
}

/* An UPDATE body from its three parts. */
static void update_body(struct bytes *out, const struct bytes *wd, const struct bytes *attrs,
                        const struct bytes *nlri)
{
        out->n = 0;
        b_u16(out, (unsigned)wd->n);
        b_raw(out, wd->d, wd->n);
        b_u16(out, (unsigned)attrs->n);
        b_raw(out, attrs->d, attrs->n);
        b_raw(out, nlri->d, nlri->n);
}

/* ---- messages from libbgp's encoders --------------------------------------------------- */

static uint8_t msg[BGP_EXT_MAX_MSG_LEN];

/* A session transcript for fuzz_msg: several messages back to back. */
static struct bytes script;

static void script_add(const uint8_t *m, int len)
{
        if (len < 0)
                die("an encoder failed: %s", bgp_strerror(len));
        b_raw(&script, m, (size_t)len);
}

static void gen_keepalive(void)
{
        int n = bgp_keepalive_encode(msg, sizeof(msg));
        seed_msg(SEL_DEFAULT, msg, n);
        /* Two in a row: the stream walk must move past the first. */
        struct bytes two = {.n = 0};
        b_raw(&two, msg, (size_t)n);
        b_raw(&two, msg, (size_t)n);
        seed_msg(SEL_DEFAULT, two.d, (int)two.n);
}

static void gen_opens(void)
{
        static const uint8_t unknown_cap[3] = {0xde, 0xad, 0x01};
        static const uint8_t filler[20] = {1,  2,  3,  4,  5,  6,  7,  8,  9,  10,
                                           11, 12, 13, 14, 15, 16, 17, 18, 19, 20};
        static const char host[] = "lbgp-edge1", domain[] = "example.net";
        struct bgp_open o;
        int n;

        /* No capabilities at all: an RFC 4271-only speaker. */
        memset(&o, 0, sizeof(o));
        o.version = 4;
        o.my_as = PEER_AS;
        o.hold_time = 90;
        o.bgp_id = 0xc6336401; /* 198.51.100.1 */
        n = bgp_open_encode(msg, sizeof(msg), &o);
        seed_msg(SEL_DEFAULT, msg, n);
        seed_msg(SEL_CHECK_AS | SEL_CHECK_ID, msg, n);

        /* Every capability libbgp interprets, and one it does not. */
        struct bgp_capabilities *c = &o.caps;
        c->present = BGP_CAPF_MP | BGP_CAPF_ROUTE_REFRESH | BGP_CAPF_ENHANCED_REFRESH |
                     BGP_CAPF_AS4 | BGP_CAPF_EXT_MESSAGE | BGP_CAPF_GRACEFUL_RESTART |
                     BGP_CAPF_ADD_PATH | BGP_CAPF_ROLE | BGP_CAPF_FQDN;
        c->n_mp = 4;
        c->mp[0] = (struct bgp_afi_safi){BGP_AFI_IPV6, BGP_SAFI_UNICAST};
        c->mp[1] = (struct bgp_afi_safi){BGP_AFI_IPV4, BGP_SAFI_UNICAST};
        c->mp[2] = (struct bgp_afi_safi){BGP_AFI_IPV6, BGP_SAFI_MULTICAST};
        c->mp[3] = (struct bgp_afi_safi){BGP_AFI_IPV4, BGP_SAFI_MULTICAST};
        c->as4 = PEER_AS;
        c->gr_flags = 0x80;
        c->gr_time = 120;
        c->n_gr = 2;
        c->gr[0] = (struct bgp_gr_family){BGP_AFI_IPV6, BGP_SAFI_UNICAST, 0x80};
        c->gr[1] = (struct bgp_gr_family){BGP_AFI_IPV4, BGP_SAFI_UNICAST, 0x00};
        c->n_addpath = 1;
        c->addpath[0] = (struct bgp_addpath_family){BGP_AFI_IPV6, BGP_SAFI_UNICAST, 3};
        c->role = BGP_ROLE_CUSTOMER;
        c->fqdn_host = (const uint8_t *)host;
        c->fqdn_host_len = (uint8_t)strlen(host);
        c->fqdn_domain = (const uint8_t *)domain;
        c->fqdn_domain_len = (uint8_t)strlen(domain);
        c->n_raw = 1;
        c->raw[0] = (struct bgp_cap_raw){128, sizeof(unknown_cap), unknown_cap};
        n = bgp_open_encode(msg, sizeof(msg), &o);
        seed_msg(SEL_DEFAULT, msg, n);
        seed_msg(SEL_CHECK_AS | SEL_CHECK_ID, msg, n);
        seed_msg(SEL_NO_AS4 | SEL_EXT_MSG, msg, n);
        script_add(msg, n);

        /* The same in the RFC 9072 extended parameter encoding. */
        o.ext_opt_params = true;
        n = bgp_open_encode(msg, sizeof(msg), &o);
        seed_msg(SEL_DEFAULT, msg, n);
        o.ext_opt_params = false;

        /* A 4-octet AS behind AS_TRANS (RFC 6793 4.1). */
        o.my_as = BGP_AS_TRANS;
        c->as4 = 4200000001u;
        n = bgp_open_encode(msg, sizeof(msg), &o);
        seed_msg(SEL_DEFAULT, msg, n);
        seed_msg(SEL_CHECK_AS, msg, n); /* the wrong peer AS */

        /* Enough capabilities that only RFC 9072 can carry them. */
        o.my_as = PEER_AS;
        c->as4 = PEER_AS;
        c->n_raw = 16;
        for (size_t i = 0; i < c->n_raw; i++)
                c->raw[i] = (struct bgp_cap_raw){(uint8_t)(200 + i), sizeof(filler), filler};
        n = bgp_open_encode(msg, sizeof(msg), &o);
        seed_msg(SEL_DEFAULT, msg, n);

        /* Hold times at and below the RFC 4271 6.2 limit, and a colliding identifier. */
        memset(c, 0, sizeof(*c));
        c->present = BGP_CAPF_AS4 | BGP_CAPF_MP;
        c->as4 = PEER_AS;
        c->n_mp = 1;
        c->mp[0] = (struct bgp_afi_safi){BGP_AFI_IPV6, BGP_SAFI_UNICAST};
        o.hold_time = 0;
        n = bgp_open_encode(msg, sizeof(msg), &o);
        seed_msg(SEL_DEFAULT, msg, n);
        o.hold_time = 3;
        n = bgp_open_encode(msg, sizeof(msg), &o);
        seed_msg(SEL_DEFAULT, msg, n);
        o.hold_time = 2;
        n = bgp_open_encode(msg, sizeof(msg), &o);
        seed_msg(SEL_DEFAULT, msg, n);
        o.hold_time = 180;
        o.bgp_id = 0xc0000201; /* 192.0.2.1, our own identifier under SEL_CHECK_ID */
        n = bgp_open_encode(msg, sizeof(msg), &o);
        seed_msg(SEL_CHECK_ID, msg, n);
}

static void gen_notifications(void)
{
        static const uint8_t bad_len[2] = {0x10, 0x01};
        static const uint8_t bad_as[2] = {0xfd, 0xe9};
        static const uint8_t bad_attr[4] = {0x40, 0x01, 0x01, 0x05};
        static const uint8_t max_prefix[7] = {0x00, 0x02, 0x01, 0x00, 0x00, 0x27, 0x10};
        static const uint8_t hard_reset[2] = {BGP_NOTIFY_HOLD_TIMER, 0};
        static const struct {
                uint8_t code, subcode;
                const uint8_t *data;
                size_t len;
        } plain[] = {
            {BGP_NOTIFY_HEADER, BGP_NOTIFY_HEADER_BAD_LENGTH, bad_len, sizeof(bad_len)},
            {BGP_NOTIFY_OPEN, BGP_NOTIFY_OPEN_BAD_PEER_AS, bad_as, sizeof(bad_as)},
            {BGP_NOTIFY_OPEN, BGP_NOTIFY_OPEN_ROLE_MISMATCH, NULL, 0},
            {BGP_NOTIFY_UPDATE, BGP_NOTIFY_UPDATE_ATTR_LENGTH, bad_attr, sizeof(bad_attr)},
            {BGP_NOTIFY_UPDATE, BGP_NOTIFY_UPDATE_MALFORMED_AS_PATH, NULL, 0},
            {BGP_NOTIFY_HOLD_TIMER, 0, NULL, 0},
            {BGP_NOTIFY_FSM, 1, NULL, 0},
            {BGP_NOTIFY_CEASE, BGP_NOTIFY_CEASE_MAX_PREFIX, max_prefix, sizeof(max_prefix)},
            {BGP_NOTIFY_CEASE, BGP_NOTIFY_CEASE_HARD_RESET, hard_reset, sizeof(hard_reset)},
            {BGP_NOTIFY_CEASE, BGP_NOTIFY_CEASE_BFD_DOWN, NULL, 0},
            {BGP_NOTIFY_ROUTE_REFRESH, BGP_NOTIFY_REFRESH_BAD_LENGTH, NULL, 0},
            {BGP_NOTIFY_SEND_HOLD_TIMER, 0, NULL, 0},
            {42, 7, NULL, 0}, /* a code nobody assigned */
        };
        int n;

        for (size_t i = 0; i < sizeof(plain) / sizeof(plain[0]); i++) {
                n = bgp_notification_encode(msg, sizeof(msg), plain[i].code, plain[i].subcode,
                                            plain[i].data, plain[i].len);
                seed_msg(SEL_DEFAULT, msg, n);
        }
        /* RFC 9003 shutdown communications: ASCII, multi-octet UTF-8, empty. */
        n = bgp_notification_encode_shutdown(msg, sizeof(msg), BGP_NOTIFY_CEASE_ADMIN_SHUTDOWN,
                                             "[TICKET-1234] maintenance, back at 02:00 UTC");
        seed_msg(SEL_DEFAULT, msg, n);
        n = bgp_notification_encode_shutdown(msg, sizeof(msg), BGP_NOTIFY_CEASE_ADMIN_RESET,
                                             "Wartung \xe2\x80\x94 zur\xc3\xbc"
                                             "ck bald \xf0\x9f\x9b\xa0");
        seed_msg(SEL_DEFAULT, msg, n);
        script_add(msg, n);
        n = bgp_notification_encode_shutdown(msg, sizeof(msg), BGP_NOTIFY_CEASE_ADMIN_SHUTDOWN, "");
        seed_msg(SEL_DEFAULT, msg, n);
}

static void gen_route_refresh(void)
{
        static const struct bgp_route_refresh rr[] = {
            {BGP_AFI_IPV4, BGP_REFRESH_NORMAL, BGP_SAFI_UNICAST},
            {BGP_AFI_IPV6, BGP_REFRESH_NORMAL, BGP_SAFI_UNICAST},
            {BGP_AFI_IPV6, BGP_REFRESH_BORR, BGP_SAFI_UNICAST},
            {BGP_AFI_IPV6, BGP_REFRESH_EORR, BGP_SAFI_UNICAST},
            {BGP_AFI_IPV4, BGP_REFRESH_NORMAL, BGP_SAFI_MULTICAST},
            {25, 3, 70}, /* L2VPN/EVPN with an unassigned subtype */
        };
        for (size_t i = 0; i < sizeof(rr) / sizeof(rr[0]); i++) {
                int n = bgp_route_refresh_encode(msg, sizeof(msg), &rr[i]);
                seed_msg(SEL_DEFAULT, msg, n);
                if (i == 2)
                        script_add(msg, n);
        }
}

/* Views for the UPDATEs below; each lives as long as the program. */
static struct bytes v4_path, v4_path2, v6_path, confed_path, big_path, wd4, nlri4, nlri6, unreach6,
    nlri4m, nlri6m, comms, ext_comms, large_comms, clusters;

static void set_list(struct bgp_attr_list *l, const struct bytes *b, size_t item)
{
        l->data = b->d;
        l->count = b->n / item;
}

static void fill_views(void)
{
        static const uint32_t seq[] = {PEER_AS, 3356, 1299, 4200000001u, 64496};
        static const uint32_t set[] = {65001, 65002, 4200000002u};
        static const uint32_t cseq[] = {64512, 64513};
        static const uint32_t cset[] = {64514, 64515};
        static const uint32_t seq2[] = {PEER_AS, 6939, 64496};
        static const uint32_t prepend[] = {PEER_AS, PEER_AS, PEER_AS, 2914, 64497, 64497};

        b_segment(&v4_path, BGP_AS_SEQUENCE, 4, 5, seq);
        b_segment(&v4_path, BGP_AS_SET, 4, 3, set);
        b_segment(&v4_path2, BGP_AS_SEQUENCE, 4, 3, seq2);
        b_segment(&v6_path, BGP_AS_SEQUENCE, 4, 6, prepend);
        b_segment(&confed_path, BGP_AS_CONFED_SEQUENCE, 4, 2, cseq);
        b_segment(&confed_path, BGP_AS_CONFED_SET, 4, 2, cset);
        b_segment(&confed_path, BGP_AS_SEQUENCE, 4, 5, seq);
        b_segment(&confed_path, BGP_AS_SET, 4, 3, set);
        /* A path longer than one segment holds (255), and longer than 255 octets. */
        uint32_t many[255];
        for (size_t i = 0; i < 255; i++)
                many[i] = 64496 + (uint32_t)(i % 16);
        many[0] = PEER_AS;
        b_segment(&big_path, BGP_AS_SEQUENCE, 4, 255, many);
        b_segment(&big_path, BGP_AS_SEQUENCE, 4, 10, many + 1);

        b_prefix(&wd4, "198.51.100.0/24");
        b_prefix(&wd4, "203.0.113.128/25");
        b_prefix(&nlri4, "192.0.2.0/24");
        b_prefix(&nlri4, "10.0.0.0/8");
        b_prefix(&nlri4, "0.0.0.0/0");
        b_prefix(&nlri4, "192.0.2.1/32");
        b_prefix(&nlri6, "2001:db8::/32");
        b_prefix(&nlri6, "2001:db8:1234::/48");
        b_prefix(&nlri6, "2001:db8:ffff:ff00::/56");
        b_prefix(&nlri6, "2001:db8::1/128");
        b_prefix(&nlri6, "::/0");
        b_prefix(&unreach6, "2001:db8:dead::/48");
        b_prefix(&unreach6, "2001:db8:beef:8000::/49");
        b_prefix(&nlri4m, "233.252.0.0/24");
        b_prefix(&nlri6m, "ff0e:db8::/32");

        /* RFC 1997 with the well-known ones (RFC 7999 BLACKHOLE, RFC 8326 GSHUT). */
        b_u32(&comms, (uint32_t)PEER_AS << 16 | 100);
        b_u32(&comms, 65535u << 16 | 0);   /* GRACEFUL_SHUTDOWN */
        b_u32(&comms, 65535u << 16 | 666); /* BLACKHOLE */
        b_u32(&comms, 0xffffff01);         /* NO_EXPORT */
        b_u32(&comms, 0xffffff02);         /* NO_ADVERTISE */
        b_u32(&comms, 0xffffff03);         /* NO_EXPORT_SUBCONFED */
        b_u32(&comms, 0xffff029a);         /* BLACKHOLE, same as above by value */
        /* RFC 4360: route target (2-octet AS), route origin (IPv4), RFC 5668 4-octet AS,
         * and an opaque one. */
        b_hex(&ext_comms, "0002 fbf5 00000064");
        b_hex(&ext_comms, "0103 c0000201 0007");
        b_hex(&ext_comms, "0202 fa56ea01 0001");
        b_hex(&ext_comms, "0300 0000 0000 000c");
        /* RFC 8092: global administrator, two local data parts. */
        b_u32(&large_comms, PEER_AS);
        b_u32(&large_comms, 1);
        b_u32(&large_comms, 2);
        b_u32(&large_comms, 4200000001u);
        b_u32(&large_comms, 0);
        b_u32(&large_comms, 0xffffffff);
        b_u32(&clusters, 0xc0000202);
        b_u32(&clusters, 0x0a000001);
}

static void set_nlri(struct bgp_nlri *n, const struct bytes *b, uint16_t afi, uint8_t safi)
{
        n->data = b->d;
        n->len = b->n;
        n->afi = afi;
        n->safi = safi;
}

static void encode_update(uint8_t sel, const struct bgp_update *u, const struct bgp_codec_opts *o)
{
        int n = bgp_update_encode(msg, sizeof(msg), o, u);
        seed_update(sel, msg, n);
}

static void gen_updates(void)
{
        static const uint8_t unknown_value[5] = {0x01, 0x02, 0x03, 0x04, 0x05};
        static struct bgp_update u;
        struct bgp_codec_opts o;
        struct bgp_attrs *a = &u.attrs;

        bgp_codec_opts_init(&o);

        /* IPv4 in the old fields with every attribute msg.h knows, from an iBGP peer. */
        memset(&u, 0, sizeof(u));
        set_nlri(&u.withdrawn, &wd4, BGP_AFI_IPV4, BGP_SAFI_UNICAST);
        set_nlri(&u.nlri, &nlri4, BGP_AFI_IPV4, BGP_SAFI_UNICAST);
        static const unsigned all4[] = {
            BGP_ATTR_ORIGIN,       BGP_ATTR_AS_PATH,         BGP_ATTR_NEXT_HOP,
            BGP_ATTR_MED,          BGP_ATTR_LOCAL_PREF,      BGP_ATTR_ATOMIC_AGGREGATE,
            BGP_ATTR_AGGREGATOR,   BGP_ATTR_COMMUNITIES,     BGP_ATTR_ORIGINATOR_ID,
            BGP_ATTR_CLUSTER_LIST, BGP_ATTR_EXT_COMMUNITIES, BGP_ATTR_LARGE_COMMUNITIES,
            BGP_ATTR_OTC,
        };
        for (size_t i = 0; i < sizeof(all4) / sizeof(all4[0]); i++)
                bgp_attrs_set(a, all4[i]);
        a->origin = BGP_ORIGIN_EGP;
        a->as_path = (struct bgp_as_path){v4_path.d, v4_path.n, 4};
        memcpy(a->next_hop, "\xc0\x00\x02\x01", 4);
        a->med = 4294967295u;
        a->local_pref = 200;
        a->aggregator_as = 4200000001u;
        memcpy(a->aggregator_addr, "\xc6\x33\x64\x07", 4);
        set_list(&a->communities, &comms, 4);
        a->originator_id = 0x0a000002;
        set_list(&a->cluster_list, &clusters, 4);
        set_list(&a->ext_communities, &ext_comms, 8);
        set_list(&a->large_communities, &large_comms, 12);
        a->otc = PEER_AS;
        a->n_raw = 1;
        a->raw[0] = (struct bgp_attr_raw){BGP_ATTR_FLAG_OPTIONAL | BGP_ATTR_FLAG_TRANSITIVE, 99,
                                          sizeof(unknown_value), unknown_value};
        encode_update(SEL_DEFAULT, &u, &o);
        encode_update(SEL_ALL_FAM, &u, &o);
        encode_update(SEL_V6_ONLY, &u, &o); /* IPv4 prefixes, family not negotiated */
        script_add(msg, bgp_update_encode(msg, sizeof(msg), &o, &u));
        /* From an eBGP peer: LOCAL_PREF is discarded (RFC 7606 7.5), the first AS checked. */
        encode_update(SEL_CHECK_AS, &u, &o);

        /* The same towards a 2-octet AS peer: AS_TRANS, AS4_PATH and AS4_AGGREGATOR. */
        o.as4 = false;
        encode_update(SEL_NO_AS4, &u, &o);
        encode_update(SEL_NO_AS4 | SEL_CHECK_AS, &u, &o);
        o.as4 = true;

        /* Confederation segments of every type (RFC 5065), as an iBGP confed peer sends. */
        a->as_path = (struct bgp_as_path){confed_path.d, confed_path.n, 4};
        encode_update(SEL_DEFAULT, &u, &o);
        encode_update(SEL_CHECK_AS, &u, &o); /* confed segments from an eBGP peer */
        o.as4 = false;
        encode_update(SEL_NO_AS4, &u, &o);
        o.as4 = true;

        /* A path of 265 ASes: two segments, over 255 octets (extended length). */
        a->as_path = (struct bgp_as_path){big_path.d, big_path.n, 4};
        encode_update(SEL_DEFAULT, &u, &o);

        /* IPv6 in MP_REACH_NLRI with a global next hop, typical eBGP attributes. */
        memset(&u, 0, sizeof(u));
        bgp_attrs_set(a, BGP_ATTR_ORIGIN);
        bgp_attrs_set(a, BGP_ATTR_AS_PATH);
        bgp_attrs_set(a, BGP_ATTR_MED);
        bgp_attrs_set(a, BGP_ATTR_COMMUNITIES);
        bgp_attrs_set(a, BGP_ATTR_LARGE_COMMUNITIES);
        bgp_attrs_set(a, BGP_ATTR_MP_REACH_NLRI);
        a->origin = BGP_ORIGIN_IGP;
        a->as_path = (struct bgp_as_path){v6_path.d, v6_path.n, 4};
        a->med = 10;
        set_list(&a->communities, &comms, 4);
        set_list(&a->large_communities, &large_comms, 12);
        a->mp_reach.afi = BGP_AFI_IPV6;
        a->mp_reach.safi = BGP_SAFI_UNICAST;
        a->mp_reach.nh_len = 16;
        memcpy(a->mp_reach.nh, "\x20\x01\x0d\xb8\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01",
               16);
        set_nlri(&a->mp_reach.nlri, &nlri6, BGP_AFI_IPV6, BGP_SAFI_UNICAST);
        encode_update(SEL_DEFAULT, &u, &o);
        encode_update(SEL_V6_ONLY | SEL_CHECK_AS, &u, &o);
        encode_update(SEL_V4_ONLY, &u, &o); /* IPv6 not negotiated */
        script_add(msg, bgp_update_encode(msg, sizeof(msg), &o, &u));

        /* A global and a link-local next hop (RFC 2545 3), plus an MP_UNREACH_NLRI. */
        a->mp_reach.nh_len = 32;
        memcpy(a->mp_reach.nh + 16,
               "\xfe\x80\x00\x00\x00\x00\x00\x00\x02\x00\x5e\xff\xfe\x00\x53\x01", 16);
        bgp_attrs_set(a, BGP_ATTR_MP_UNREACH_NLRI);
        a->mp_unreach.afi = BGP_AFI_IPV6;
        a->mp_unreach.safi = BGP_SAFI_UNICAST;
        set_nlri(&a->mp_unreach.nlri, &unreach6, BGP_AFI_IPV6, BGP_SAFI_UNICAST);
        bgp_attrs_set(a, BGP_ATTR_OTC);
        a->otc = 64496;
        bgp_attrs_set(a, BGP_ATTR_EXT_COMMUNITIES);
        set_list(&a->ext_communities, &ext_comms, 8);
        bgp_attrs_set(a, BGP_ATTR_ATOMIC_AGGREGATE);
        bgp_attrs_set(a, BGP_ATTR_AGGREGATOR);
        a->aggregator_as = 64496;
        memcpy(a->aggregator_addr, "\xc0\x00\x02\x09", 4);
        encode_update(SEL_DEFAULT, &u, &o);
        encode_update(SEL_CHECK_AS, &u, &o);
        o.as4 = false;
        encode_update(SEL_NO_AS4, &u, &o);
        o.as4 = true;

        /* A withdrawal alone, in MP_UNREACH_NLRI. */
        memset(&u, 0, sizeof(u));
        bgp_attrs_set(a, BGP_ATTR_MP_UNREACH_NLRI);
        a->mp_unreach.afi = BGP_AFI_IPV6;
        a->mp_unreach.safi = BGP_SAFI_UNICAST;
        set_nlri(&a->mp_unreach.nlri, &unreach6, BGP_AFI_IPV6, BGP_SAFI_UNICAST);
        encode_update(SEL_DEFAULT, &u, &o);

        /* Multicast of both families (RFC 4760), negotiated and not. */
        memset(&u, 0, sizeof(u));
        bgp_attrs_set(a, BGP_ATTR_ORIGIN);
        bgp_attrs_set(a, BGP_ATTR_AS_PATH);
        bgp_attrs_set(a, BGP_ATTR_MP_REACH_NLRI);
        a->as_path = (struct bgp_as_path){v4_path2.d, v4_path2.n, 4};
        a->mp_reach.afi = BGP_AFI_IPV4;
        a->mp_reach.safi = BGP_SAFI_MULTICAST;
        a->mp_reach.nh_len = 4;
        memcpy(a->mp_reach.nh, "\xc0\x00\x02\x01", 4);
        set_nlri(&a->mp_reach.nlri, &nlri4m, BGP_AFI_IPV4, BGP_SAFI_MULTICAST);
        encode_update(SEL_ALL_FAM, &u, &o);
        encode_update(SEL_DEFAULT, &u, &o);
        a->mp_reach.afi = BGP_AFI_IPV6;
        a->mp_reach.nh_len = 16;
        memcpy(a->mp_reach.nh, "\x20\x01\x0d\xb8\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02",
               16);
        set_nlri(&a->mp_reach.nlri, &nlri6m, BGP_AFI_IPV6, BGP_SAFI_MULTICAST);
        encode_update(SEL_ALL_FAM, &u, &o);

        /* End-of-RIB for both unicast families (RFC 4724 2). */
        int n = bgp_update_build_eor(msg, sizeof(msg), BGP_AFI_IPV4, BGP_SAFI_UNICAST);
        seed_update(SEL_DEFAULT, msg, n);
        script_add(msg, n);
        n = bgp_update_build_eor(msg, sizeof(msg), BGP_AFI_IPV6, BGP_SAFI_UNICAST);
        seed_update(SEL_DEFAULT, msg, n);
        seed_update(SEL_V4_ONLY, msg, n);
        script_add(msg, n);
}

/* The extended UPDATE gen_built() makes, kept for fuzz_frame's seeds. */
static uint8_t ext_update[BGP_EXT_MAX_MSG_LEN];
static size_t ext_update_len;

/* The builder's output: packed announcements, withdrawals, an extended message. */
static void gen_built(void)
{
        static struct bgp_prefix p6[3000], p4[300];
        static struct bgp_attrs a;
        struct bgp_codec_opts o;
        size_t done;
        int n;

        for (size_t i = 0; i < 3000; i++) {
                memset(&p6[i], 0, sizeof(p6[i]));
                p6[i].afi = BGP_AFI_IPV6;
                p6[i].len = (uint8_t)(i % 3 == 0 ? 48 : i % 3 == 1 ? 32 : 64);
                p6[i].addr[0] = 0x20;
                p6[i].addr[1] = 0x01;
                p6[i].addr[2] = 0x0d;
                p6[i].addr[3] = 0xb8;
                if (p6[i].len > 32) {
                        p6[i].addr[4] = (uint8_t)(i >> 8);
                        p6[i].addr[5] = (uint8_t)i;
                }
        }
        for (size_t i = 0; i < 300; i++) {
                memset(&p4[i], 0, sizeof(p4[i]));
                p4[i] = pfx("198.18.0.0/24");
                p4[i].addr[2] = (uint8_t)i;
                p4[i].addr[1] = (uint8_t)(18 + i / 256);
        }

        bgp_codec_opts_init(&o);
        memset(&a, 0, sizeof(a));
        bgp_attrs_set(&a, BGP_ATTR_ORIGIN);
        bgp_attrs_set(&a, BGP_ATTR_AS_PATH);
        bgp_attrs_set(&a, BGP_ATTR_NEXT_HOP);
        bgp_attrs_set(&a, BGP_ATTR_COMMUNITIES);
        a.as_path = (struct bgp_as_path){v4_path2.d, v4_path2.n, 4};
        memcpy(a.next_hop, "\xc0\x00\x02\x01", 4);
        set_list(&a.communities, &comms, 4);
        a.mp_reach.nh_len = 16;
        memcpy(a.mp_reach.nh, "\x20\x01\x0d\xb8\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01",
               16);

        /* A full 4096-octet UPDATE of IPv6 prefixes, and the short one after it. */
        done = 0;
        n = bgp_update_build_announce(msg, sizeof(msg), &o, &a, BGP_SAFI_UNICAST, p6, 700, &done);
        seed_update(SEL_DEFAULT, msg, n);
        n = bgp_update_build_announce(msg, sizeof(msg), &o, &a, BGP_SAFI_UNICAST, p6, 700, &done);
        seed_update(SEL_DEFAULT, msg, n);
        /* IPv4 in the NLRI field. */
        done = 0;
        n = bgp_update_build_announce(msg, sizeof(msg), &o, &a, BGP_SAFI_UNICAST, p4, 300, &done);
        seed_update(SEL_DEFAULT, msg, n);
        /* Withdrawals of both families. */
        done = 0;
        n = bgp_update_build_withdraw(msg, sizeof(msg), &o, BGP_SAFI_UNICAST, p6, 40, &done);
        seed_update(SEL_DEFAULT, msg, n);
        done = 0;
        n = bgp_update_build_withdraw(msg, sizeof(msg), &o, BGP_SAFI_UNICAST, p4, 40, &done);
        seed_update(SEL_DEFAULT, msg, n);
        /* RFC 8654: one UPDATE far over 4096 octets; without the capability it is too long. */
        o.ext_msg = true;
        done = 0;
        n = bgp_update_build_announce(msg, sizeof(msg), &o, &a, BGP_SAFI_UNICAST, p6, 3000, &done);
        seed_update(SEL_EXT_MSG, msg, n);
        seed_update(SEL_DEFAULT, msg, n);
        if (n < 0)
                die("the extended UPDATE: %s", bgp_strerror(n));
        memcpy(ext_update, msg, (size_t)n);
        ext_update_len = (size_t)n;
}

/* ---- deliberately malformed messages --------------------------------------------------- */

/* The valid attributes a malformed UPDATE keeps around its one defect. */
static void base_attrs(struct bytes *b)
{
        b_attr_hex(b, 0x40, BGP_ATTR_ORIGIN, "00");
        b_attr_hex(b, 0x40, BGP_ATTR_AS_PATH, "02 02 0000fbf5 0000fbf0");
        b_attr_hex(b, 0x40, BGP_ATTR_NEXT_HOP, "c0000201");
}

static void seed_body(uint8_t sel, const struct bytes *body)
{
        int n = frame(msg, sizeof(msg), BGP_MSG_UPDATE, body);
        seed_update(sel, msg, n);
}

/* An UPDATE announcing 192.0.2.0/24 with base_attrs plus one attribute given in hex. */
static void bad_attr(unsigned flags, unsigned type, const char *value_hex)
{
        static struct bytes attrs, nlri, wd, body;
        attrs.n = nlri.n = wd.n = 0;
        base_attrs(&attrs);
        b_attr_hex(&attrs, flags, type, value_hex);
        b_prefix(&nlri, "192.0.2.0/24");
        update_body(&body, &wd, &attrs, &nlri);
        seed_body(SEL_DEFAULT, &body);
}

/* An UPDATE whose attribute field is given whole, in hex. */
static void bad_attrs_hex(uint8_t sel, const char *attrs_hex, const char *nlri_text)
{
        static struct bytes attrs, nlri, wd, body;
        attrs.n = nlri.n = wd.n = 0;
        b_hex(&attrs, attrs_hex);
        if (nlri_text != NULL)
                b_prefix(&nlri, nlri_text);
        update_body(&body, &wd, &attrs, &nlri);
        seed_body(sel, &body);
}

static void gen_malformed_updates(void)
{
        static struct bytes body;
        /* RFC 7606 7.1 ORIGIN: bad value, bad length, bad flags. */
        bad_attrs_hex(SEL_DEFAULT, "400101 03  40020a 0202 0000fbf5 0000fbf0  400304 c0000201",
                      "192.0.2.0/24");
        bad_attrs_hex(SEL_DEFAULT, "400102 0000  40020a 0202 0000fbf5 0000fbf0  400304 c0000201",
                      "192.0.2.0/24");
        bad_attrs_hex(SEL_DEFAULT, "c00101 00  40020a 0202 0000fbf5 0000fbf0  400304 c0000201",
                      "192.0.2.0/24");
        /* RFC 7606 7.2 AS_PATH: overrun, zero count, unknown segment type, odd length, and
         * a 2-octet path on a 4-octet session. */
        bad_attrs_hex(SEL_DEFAULT, "400101 00  40020a 0203 0000fbf5 0000fbf0  400304 c0000201",
                      "192.0.2.0/24");
        bad_attrs_hex(SEL_DEFAULT, "400101 00  400202 0200  400304 c0000201", "192.0.2.0/24");
        bad_attrs_hex(SEL_DEFAULT, "400101 00  40020a 0502 0000fbf5 0000fbf0  400304 c0000201",
                      "192.0.2.0/24");
        bad_attrs_hex(SEL_DEFAULT, "400101 00  400207 0201 0000fbf5 00  400304 c0000201",
                      "192.0.2.0/24");
        bad_attrs_hex(SEL_DEFAULT, "400101 00  400206 0202 fbf5 fbf0  400304 c0000201",
                      "192.0.2.0/24");
        bad_attrs_hex(SEL_NO_AS4, "400101 00  400206 0202 fbf5 fbf0  400304 c0000201",
                      "192.0.2.0/24");
        /* eBGP: the first AS is not the peer's (RFC 4271 6.3). */
        bad_attrs_hex(SEL_CHECK_AS, "400101 00  40020a 0202 0000fbf0 0000fbf5  400304 c0000201",
                      "192.0.2.0/24");
        /* Missing well-known attributes (RFC 7606 3(d)): no ORIGIN, no NEXT_HOP. */
        bad_attrs_hex(SEL_DEFAULT, "40020a 0202 0000fbf5 0000fbf0  400304 c0000201",
                      "192.0.2.0/24");
        bad_attrs_hex(SEL_DEFAULT, "400101 00  40020a 0202 0000fbf5 0000fbf0", "192.0.2.0/24");
        /* Attributes with no NLRI at all: nothing to withdraw. */
        bad_attrs_hex(SEL_DEFAULT, "400101 07  40020a 0202 0000fbf5 0000fbf0", NULL);
        /* RFC 7606 4: an attribute overrunning the field; extended length too short. */
        bad_attrs_hex(SEL_DEFAULT, "400101 00  40020a 0202 0000fbf5 0000fbf0  400309 c0000201",
                      "192.0.2.0/24");
        bad_attrs_hex(SEL_DEFAULT, "400101 00  50020a", "192.0.2.0/24");
        bad_attrs_hex(SEL_DEFAULT, "40", NULL);
        /* Wrong lengths of fixed-size attributes. */
        bad_attr(0x40, BGP_ATTR_NEXT_HOP, "c000020101");
        bad_attr(0x80, BGP_ATTR_MED, "000001");
        bad_attr(0x40, BGP_ATTR_LOCAL_PREF, "0000006400");
        bad_attr(0x40, BGP_ATTR_ATOMIC_AGGREGATE, "00");
        bad_attr(0xc0, BGP_ATTR_AGGREGATOR, "fbf5 c0000201");
        bad_attr(0xc0, BGP_ATTR_COMMUNITIES, "fbf50064ff");
        bad_attr(0xc0, BGP_ATTR_COMMUNITIES, "");
        bad_attr(0x80, BGP_ATTR_ORIGINATOR_ID, "0a0000");
        bad_attr(0x80, BGP_ATTR_CLUSTER_LIST, "0a00000102");
        bad_attr(0xc0, BGP_ATTR_EXT_COMMUNITIES, "0002fbf500000064ff");
        bad_attr(0xc0, BGP_ATTR_LARGE_COMMUNITIES, "0000fbf5 00000001 000000");
        bad_attr(0xc0, BGP_ATTR_OTC, "0000fb");
        bad_attr(0xc0, BGP_ATTR_AS4_PATH, "0201 fa56ea01");
        bad_attr(0xc0, BGP_ATTR_AS4_AGGREGATOR, "fa56ea01 c00002");
        /* Flags that contradict the type (RFC 7606 3(c)): well-known sent optional. */
        bad_attr(0x80, BGP_ATTR_LOCAL_PREF, "00000064");
        bad_attr(0x40, BGP_ATTR_MED, "00000064");
        /* Duplicates (RFC 7606 3(g)): MED twice. */
        bad_attrs_hex(SEL_DEFAULT,
                      "400101 00  40020a 0202 0000fbf5 0000fbf0  400304 c0000201 "
                      "800404 00000001  800404 00000002",
                      "192.0.2.0/24");
        /* Unknown attributes: optional non-transitive (dropped), well-known (an error),
         * transitive with the Partial bit, and the reserved type 0. */
        bad_attr(0x80, 100, "0102030405");
        bad_attr(0x40, 101, "01");
        bad_attr(0xe0, 102, "deadbeef");
        bad_attr(0xc0, 0, "00");
        /* An unknown transitive attribute with an extended length of 300 octets. */
        {
                static struct bytes attrs, val, nlri, wd;
                attrs.n = val.n = nlri.n = wd.n = 0;
                base_attrs(&attrs);
                for (unsigned i = 0; i < 300; i++)
                        b_u8(&val, i);
                b_attr(&attrs, 0xd0, 103, &val);
                b_prefix(&nlri, "192.0.2.0/24");
                update_body(&body, &wd, &attrs, &nlri);
                seed_body(SEL_DEFAULT, &body);
        }
        /* MP_REACH_NLRI: bad next-hop length, a /129, an unknown AFI, duplicated, and
         * MP_UNREACH_NLRI with a bad prefix (RFC 7606 7.11, 7.12: session reset). */
        bad_attrs_hex(SEL_DEFAULT,
                      "800e1a 0002 01 0f 20010db8000000000000000000000001 00 20 20010db8  "
                      "400101 00  40020a 0202 0000fbf5 0000fbf0",
                      NULL);
        bad_attrs_hex(SEL_DEFAULT,
                      "800e1b 0002 01 10 20010db8000000000000000000000001 00 81 20010db8  "
                      "400101 00  40020a 0202 0000fbf5 0000fbf0",
                      NULL);
        bad_attrs_hex(SEL_DEFAULT,
                      "800e0e 4002 01 04 c0000201 00 18 c00002  "
                      "400101 00  40020a 0202 0000fbf5 0000fbf0",
                      NULL);
        bad_attrs_hex(SEL_DEFAULT,
                      "800e1a 0002 01 10 20010db8000000000000000000000001 00 20 20010db8  "
                      "800e1a 0002 01 10 20010db8000000000000000000000001 00 20 20010db8  "
                      "400101 00  40020a 0202 0000fbf5 0000fbf0",
                      NULL);
        bad_attrs_hex(SEL_DEFAULT, "800f08 0002 01 40 20010db8", NULL);
        bad_attrs_hex(SEL_DEFAULT, "800f02 0002", NULL);
        /* A link-local-only next hop and an IPv4-mapped next hop for IPv6. */
        bad_attrs_hex(SEL_DEFAULT,
                      "800e1a 0002 01 10 fe800000000000000000000000000001 00 20 20010db8  "
                      "400101 00  40020a 0202 0000fbf5 0000fbf0",
                      NULL);
        /* MP_REACH_NLRI after other attributes (RFC 7606 5.1 wants it first) and an
         * overrun behind it: the prefixes are known, so treat-as-withdraw. */
        bad_attrs_hex(SEL_DEFAULT,
                      "400101 00  40020a 0202 0000fbf5 0000fbf0  "
                      "800e1a 0002 01 10 20010db8000000000000000000000001 00 20 20010db8  "
                      "c00805 fbf50064",
                      NULL);

        /* Framing of the body itself: withdrawn length overrun, attribute length overrun,
         * a bad prefix in the NLRI field, a bad withdrawn prefix. */
        body.n = 0;
        b_hex(&body, "0010 0000");
        seed_body(SEL_DEFAULT, &body);
        body.n = 0;
        b_hex(&body, "0000 00ff 400101 00");
        seed_body(SEL_DEFAULT, &body);
        bad_attrs_hex(SEL_DEFAULT, "400101 00  40020a 0202 0000fbf5 0000fbf0  400304 c0000201",
                      NULL);
        body.n = 0;
        b_hex(&body, "0000 0000 21 c0000201 00");
        seed_body(SEL_DEFAULT, &body);
        body.n = 0;
        b_hex(&body, "0002 2801 0000");
        seed_body(SEL_DEFAULT, &body);
        /* Too short for its two length fields. */
        body.n = 0;
        b_hex(&body, "00");
        seed_body(SEL_DEFAULT, &body);
        body.n = 0;
        seed_body(SEL_DEFAULT, &body);
}

static void gen_malformed_other(void)
{
        static struct bytes b;
        uint8_t m[64];
        int n;

        /* Header (RFC 4271 6.1): bad marker, length below 19 and above 4096, unknown type,
         * a KEEPALIVE with a body, a message cut short. */
        n = bgp_keepalive_encode(m, sizeof(m));
        m[3] = 0xfe;
        seed_msg(SEL_DEFAULT, m, n);
        n = bgp_keepalive_encode(m, sizeof(m));
        m[17] = 18;
        seed_msg(SEL_DEFAULT, m, n);
        n = bgp_keepalive_encode(m, sizeof(m));
        m[16] = 0x10;
        m[17] = 0x01;
        seed_msg(SEL_DEFAULT, m, n);
        n = bgp_keepalive_encode(m, sizeof(m));
        m[18] = 6;
        seed_msg(SEL_DEFAULT, m, n);
        b.n = 0;
        b_hex(&b, "00");
        seed_msg(SEL_DEFAULT, msg, frame(msg, sizeof(msg), BGP_MSG_KEEPALIVE, &b));
        b.n = 0;
        b_hex(&b, "0000 0000 ffff");
        n = frame(msg, sizeof(msg), BGP_MSG_UPDATE, &b);
        msg[17] = 60; /* says 60, carries 25 */
        seed_msg(SEL_DEFAULT, msg, n);

        /* OPEN (RFC 4271 6.2): version 3, a bad identifier, a parameter overrun, a
         * capability overrun, an unknown parameter type (the deprecated authentication). */
        b.n = 0;
        b_hex(&b, "03 fbf5 005a c6336401 00");
        seed_msg(SEL_DEFAULT, msg, frame(msg, sizeof(msg), BGP_MSG_OPEN, &b));
        b.n = 0;
        b_hex(&b, "04 fbf5 005a 00000000 00");
        seed_msg(SEL_DEFAULT, msg, frame(msg, sizeof(msg), BGP_MSG_OPEN, &b));
        b.n = 0;
        b_hex(&b, "04 fbf5 005a c6336401 08 0206 41040000fbf5 02");
        seed_msg(SEL_DEFAULT, msg, frame(msg, sizeof(msg), BGP_MSG_OPEN, &b));
        b.n = 0;
        b_hex(&b, "04 fbf5 005a c6336401 08 0206 41060000fbf5");
        seed_msg(SEL_DEFAULT, msg, frame(msg, sizeof(msg), BGP_MSG_OPEN, &b));
        b.n = 0;
        b_hex(&b, "04 fbf5 005a c6336401 04 0102 0000");
        seed_msg(SEL_DEFAULT, msg, frame(msg, sizeof(msg), BGP_MSG_OPEN, &b));
        /* RFC 9072 with the extended length overrunning, and a role conflict (RFC 9234). */
        b.n = 0;
        b_hex(&b, "04 fbf5 005a c6336401 ff ff 0010 02 0006 41040000fbf5");
        seed_msg(SEL_DEFAULT, msg, frame(msg, sizeof(msg), BGP_MSG_OPEN, &b));
        b.n = 0;
        b_hex(&b, "04 fbf5 005a c6336401 08 0206 090103 090104");
        seed_msg(SEL_DEFAULT, msg, frame(msg, sizeof(msg), BGP_MSG_OPEN, &b));
        /* AS4 capability with AS 0, and with a wrong length. */
        b.n = 0;
        b_hex(&b, "04 5ba0 005a c6336401 08 0206 410400000000");
        seed_msg(SEL_DEFAULT, msg, frame(msg, sizeof(msg), BGP_MSG_OPEN, &b));
        b.n = 0;
        b_hex(&b, "04 fbf5 005a c6336401 07 0205 4103 00fbf5");
        seed_msg(SEL_DEFAULT, msg, frame(msg, sizeof(msg), BGP_MSG_OPEN, &b));

        /* NOTIFICATION: a shutdown length beyond the data, invalid UTF-8, and one so short
         * it has no subcode. */
        b.n = 0;
        b_hex(&b, "06 02 20 6d61696e74");
        seed_msg(SEL_DEFAULT, msg, frame(msg, sizeof(msg), BGP_MSG_NOTIFICATION, &b));
        b.n = 0;
        b_hex(&b, "06 02 04 c328ffa0");
        seed_msg(SEL_DEFAULT, msg, frame(msg, sizeof(msg), BGP_MSG_NOTIFICATION, &b));
        b.n = 0;
        b_hex(&b, "06");
        seed_msg(SEL_DEFAULT, msg, frame(msg, sizeof(msg), BGP_MSG_NOTIFICATION, &b));

        /* ROUTE-REFRESH (RFC 7313 5): one octet too many, one too few. */
        b.n = 0;
        b_hex(&b, "0002 00 01 00");
        seed_msg(SEL_DEFAULT, msg, frame(msg, sizeof(msg), BGP_MSG_ROUTE_REFRESH, &b));
        b.n = 0;
        b_hex(&b, "0002 00");
        seed_msg(SEL_DEFAULT, msg, frame(msg, sizeof(msg), BGP_MSG_ROUTE_REFRESH, &b));
}

/* ---- real UPDATEs from an MRT file (RFC 6396 4.4, BGP4MP) ------------------------------ */

/* Whether a file name ends with suffix. */
static bool ends_with(const char *s, const char *suffix)
{
        size_t n = strlen(s), k = strlen(suffix);
        return n >= k && strcmp(s + n - k, suffix) == 0;
}

/*
 * Reads at most max decompressed octets of an MRT file: gzip (or plain, which gzread
 * passes through) or bzip2.  The RouteViews RIB slices are bzip2 streams cut mid-block,
 * so a bzip2 read error after some data is the end of the file, not a failure.
 */
static uint8_t *read_mrt(const char *path, size_t max, size_t *len)
{
        uint8_t *buf = NULL;
        size_t n = 0, cap = 0;

        if (ends_with(path, ".bz2")) {
#ifdef GEN_CORPUS_BZIP2
                FILE *fp = fopen(path, "rb");
                int err;
                if (fp == NULL)
                        die("%s: cannot open", path);
                BZFILE *bz = BZ2_bzReadOpen(&err, fp, 0, 0, NULL, 0);
                if (err != BZ_OK)
                        die("%s: not bzip2", path);
                while (n < max) {
                        if (n == cap) {
                                cap = cap == 0 ? 1 << 20 : cap * 2;
                                if ((buf = realloc(buf, cap)) == NULL)
                                        die("out of memory");
                        }
                        size_t want = cap - n < max - n ? cap - n : max - n;
                        int got = BZ2_bzRead(&err, bz, buf + n, (int)want);
                        if (got > 0)
                                n += (size_t)got;
                        if (err != BZ_OK)
                                break;
                }
                if (err != BZ_OK && err != BZ_STREAM_END && n == 0)
                        die("%s: bzip2 read error %d", path, err);
                BZ2_bzReadClose(&err, bz);
                fclose(fp);
                *len = n;
                return buf;
#else
                die("%s: gen_corpus was built without bzip2", path);
#endif
        }
        gzFile f = gzopen(path, "rb");
        if (f == NULL)
                die("%s: cannot open", path);
        while (n < max) {
                if (n == cap) {
                        cap = cap == 0 ? 1 << 20 : cap * 2;
                        if ((buf = realloc(buf, cap)) == NULL)
                                die("out of memory");
                }
                size_t want = cap - n < max - n ? cap - n : max - n;
                int got = gzread(f, buf + n, (unsigned)want);
                if (got < 0)
                        die("%s: read error", path);
                if (got == 0)
                        break;
                n += (size_t)got;
        }
        gzclose(f);
        *len = n;
        return buf;
}

/* No MRT file here is read past this: the seeds come from its first records anyway. */
#define MRT_READ_MAX ((size_t)64 << 20)

static uint32_t be(const uint8_t *p, size_t n)
{
        uint32_t v = 0;
        for (size_t i = 0; i < n; i++)
                v = v << 8 | p[i];
        return v;
}

/*
 * Finds the BGP message inside a BGP4MP (16) or BGP4MP_ET (17) record of subtype MESSAGE
 * (1), MESSAGE_AS4 (4) or their LOCAL twins (6, 7): peer AS and local AS (2 or 4 octets),
 * interface index (2), AFI (2), peer and local address (4 or 16 each), then the message.
 * Returns the message length and sets *as4 when the record is an AS4 one, or 0.
 */
static size_t bgp4mp_message(const uint8_t *rec, size_t len, unsigned type, unsigned subtype,
                             const uint8_t **out, bool *as4)
{
        size_t off = type == 17 ? 4 : 0;
        size_t as_size;

        if (type != 16 && type != 17)
                return 0;
        if (subtype == 1 || subtype == 6)
                as_size = 2;
        else if (subtype == 4 || subtype == 7)
                as_size = 4;
        else
                return 0;
        off += 2 * as_size + 2;
        if (off + 2 > len)
                return 0;
        unsigned afi = be(rec + off, 2);
        off += 2 + 2 * (afi == 2 ? 16 : 4);
        if (off + BGP_HEADER_LEN > len)
                return 0;
        *out = rec + off;
        *as4 = as_size == 4;
        return len - off;
}

/*
 * Takes want UPDATEs evenly from a BGP4MP file for fuzz_msg and fuzz_update.  The selector
 * says what the collector's session negotiated: 2-octet AS for a 2-octet record, plus the
 * extra bits (the families a RIS session carries, say).
 */
static void gen_mrt(const char *path, unsigned want, uint8_t extra)
{
        size_t len, total = 0, taken = 0;
        uint8_t *data = read_mrt(path, MRT_READ_MAX, &len);

        /* Two passes: count the UPDATEs, then take every k-th so the seeds span the file. */
        for (int pass = 0; pass < 2; pass++) {
                size_t stride = pass == 0 ? 1 : (total > want ? total / want : 1);
                size_t seen = 0;
                for (size_t off = 0; off + 12 <= len;) {
                        unsigned type = be(data + off + 4, 2), subtype = be(data + off + 6, 2);
                        size_t rlen = be(data + off + 8, 4);
                        if (off + 12 + rlen > len)
                                break;
                        const uint8_t *m;
                        bool as4;
                        size_t mlen =
                            bgp4mp_message(data + off + 12, rlen, type, subtype, &m, &as4);
                        off += 12 + rlen;
                        if (mlen == 0 || m[18] != BGP_MSG_UPDATE || be(m + 16, 2) != mlen)
                                continue;
                        if (pass == 0) {
                                total++;
                                continue;
                        }
                        if (seen++ % stride != 0 || taken == want)
                                continue;
                        /* RIS sessions negotiate 4-octet AS; a 2-octet record says none. */
                        seed_update((uint8_t)((as4 ? SEL_DEFAULT : SEL_NO_AS4) | extra), m,
                                    (int)mlen);
                        taken++;
                }
        }
        free(data);
        printf("gen_corpus: %zu of %zu UPDATEs taken from %s\n", taken, total, path);
}

/* ---- fuzz_session: scripts of peer bytes and clock ticks (see fuzz_session.c) ---------- */

static void op_bytes(struct bytes *b, uint8_t op, const uint8_t *data, size_t len)
{
        b_u8(b, op);
        b_u16(b, (unsigned)len);
        b_raw(b, data, len);
}

static void op_u16(struct bytes *b, uint8_t op, unsigned v)
{
        b_u8(b, op);
        b_u16(b, v);
}

/* The peer's OPEN (AS 34927, hold 9 s, IPv6 and IPv4 unicast, 4-octet AS, route refresh,
 * extended messages) and its KEEPALIVE: the way to Established. */
static void peer_open(struct bytes *b, bool split)
{
        struct bgp_open o;
        memset(&o, 0, sizeof(o));
        o.version = 4;
        o.my_as = 34927;
        o.hold_time = 9;
        o.bgp_id = 0xc6336402;
        o.caps.present = BGP_CAPF_MP | BGP_CAPF_AS4 | BGP_CAPF_ROUTE_REFRESH |
                         BGP_CAPF_ENHANCED_REFRESH | BGP_CAPF_EXT_MESSAGE;
        o.caps.n_mp = 2;
        o.caps.mp[0] = (struct bgp_afi_safi){BGP_AFI_IPV6, BGP_SAFI_UNICAST};
        o.caps.mp[1] = (struct bgp_afi_safi){BGP_AFI_IPV4, BGP_SAFI_UNICAST};
        o.caps.as4 = 34927;
        int n = bgp_open_encode(msg, sizeof(msg), &o);
        if (n < 0)
                die("OPEN: %s", bgp_strerror(n));
        if (split) {
                op_bytes(b, 0x00, msg, 10);
                op_bytes(b, 0x00, msg + 10, (size_t)n - 10);
        } else {
                op_bytes(b, 0x00, msg, (size_t)n);
        }
        n = bgp_keepalive_encode(msg, sizeof(msg));
        op_bytes(b, 0x00, msg, (size_t)n);
        op_u16(b, 0x06, 0xffff);
}

static void gen_session_scripts(void)
{
        static struct bytes b;

        /* Established, then silence until the hold timer fires. */
        b.n = 0;
        peer_open(&b, false);
        for (int i = 0; i < 4; i++)
                op_u16(&b, 0x01, 300); /* 3 s a tick */
        seed(T_SESSION, 0, b.d, b.n);

        /* The same in pieces, then the whole transcript of messages, then keepalives. */
        b.n = 0;
        peer_open(&b, true);
        op_bytes(&b, 0x00, script.d, script.n < 4000 ? script.n : 4000);
        op_u16(&b, 0x01, 100);
        op_u16(&b, 0x06, 0xffff);
        seed(T_SESSION, 0, b.d, b.n);

        /* Our side: an UPDATE queued and written, a route refresh asked for, a stop. */
        b.n = 0;
        peer_open(&b, false);
        int n = bgp_update_build_eor(msg, sizeof(msg), BGP_AFI_IPV6, BGP_SAFI_UNICAST);
        op_bytes(&b, 0x07, msg, (size_t)n);
        op_u16(&b, 0x06, 5);
        b_u8(&b, 0x08);
        b_u16(&b, BGP_AFI_IPV6);
        b_u8(&b, BGP_SAFI_UNICAST);
        b_u8(&b, BGP_REFRESH_BORR);
        b_u8(&b, 0x04);
        op_u16(&b, 0x06, 0xffff);
        b_u8(&b, 0x05);
        b_u8(&b, 0x03);
        seed(T_SESSION, 0, b.d, b.n);

        /* The connection fails in OpenSent, then comes back. */
        b.n = 0;
        b_u8(&b, 0x02);
        op_u16(&b, 0x01, 12000);
        b_u8(&b, 0x03);
        peer_open(&b, false);
        seed(T_SESSION, 0, b.d, b.n);
}

/* ---- fuzz_frame: a peer's byte stream and how TCP cuts it (see fuzz_frame.c) ----------- */

#define FR_ESTABLISH 0x01
#define FR_EXT_MSG   0x02
#define FR_DELAY     0x04
#define FR_EBGP      0x08

/* A growable-enough buffer for streams and MRT files. */
struct big {
        uint8_t d[1 << 17];
        size_t n;
};

static void big_raw(struct big *b, const void *p, size_t n)
{
        if (b->n + n > sizeof(b->d))
                die("big builder overflow");
        if (n > 0)
                memcpy(b->d + b->n, p, n);
        b->n += n;
}

static void big_u8(struct big *b, unsigned v)
{
        uint8_t o = (uint8_t)v;
        big_raw(b, &o, 1);
}

static void big_u16(struct big *b, unsigned v)
{
        big_u8(b, v >> 8 & 0xff);
        big_u8(b, v & 0xff);
}

static void big_u32(struct big *b, uint32_t v)
{
        big_u16(b, v >> 16);
        big_u16(b, v & 0xffff);
}

/* The OPEN and KEEPALIVE fuzz_frame's sessions expect from their peer (its canned_open). */
static void frame_peer_open(struct big *b, uint8_t flags)
{
        struct bgp_open o;

        memset(&o, 0, sizeof(o));
        o.version = 4;
        o.my_as = (flags & FR_EBGP) ? 64501 : 64500;
        o.hold_time = 90;
        o.bgp_id = 0xc0000202;
        o.caps.present = BGP_CAPF_MP | BGP_CAPF_AS4 | BGP_CAPF_ROUTE_REFRESH |
                         BGP_CAPF_ENHANCED_REFRESH |
                         ((flags & FR_EXT_MSG) ? BGP_CAPF_EXT_MESSAGE : 0);
        o.caps.n_mp = 2;
        o.caps.mp[0] = (struct bgp_afi_safi){BGP_AFI_IPV6, BGP_SAFI_UNICAST};
        o.caps.mp[1] = (struct bgp_afi_safi){BGP_AFI_IPV4, BGP_SAFI_UNICAST};
        o.caps.as4 = o.my_as;
        int n = bgp_open_encode(msg, sizeof(msg), &o);
        if (n < 0)
                die("frame OPEN: %s", bgp_strerror(n));
        big_raw(b, msg, (size_t)n);
        n = bgp_keepalive_encode(msg, sizeof(msg));
        big_raw(b, msg, (size_t)n);
}

static void frame_seed(uint8_t flags, const char *sizes_hex, const struct big *stream)
{
        static struct bytes sizes;
        uint8_t prefix[2 + 255];

        sizes.n = 0;
        b_hex(&sizes, sizes_hex);
        prefix[0] = flags;
        prefix[1] = (uint8_t)sizes.n;
        memcpy(prefix + 2, sizes.d, sizes.n);
        seed_with(T_FRAME, prefix, 2 + sizes.n, stream->d, stream->n);
}

static void gen_frame_seeds(void)
{
        static struct big est, peer, tail;
        /* How TCP may cut the stream: whole, octet by octet, across every header field,
         * with empty reads, and in large pieces. */
        static const char *const plans[] = {
            "", "01", "07", "13", "12 01 64", "00 05", "03 10 00 2a", "80", "81 01", "ff",
        };

        /* Established already: the transcript without its OPEN (an OPEN now is an FSM
         * error), then a KEEPALIVE. */
        uint8_t keepalive[BGP_HEADER_LEN];
        size_t first = (size_t)script.d[16] << 8 | script.d[17];
        est.n = 0;
        big_raw(&est, script.d + first, script.n - first);
        if (bgp_keepalive_encode(keepalive, sizeof(keepalive)) != BGP_HEADER_LEN)
                die("KEEPALIVE");
        big_raw(&est, keepalive, sizeof(keepalive));
        for (size_t i = 0; i < sizeof(plans) / sizeof(plans[0]); i++) {
                frame_seed(FR_ESTABLISH, plans[i], &est);
                frame_seed(FR_ESTABLISH | FR_EBGP, plans[i], &est);
        }

        /* From OpenSent (or Connect with DelayOpen): the peer's OPEN and KEEPALIVE, then the
         * same, under every combination of the other flags. */
        for (uint8_t f = 0; f < 16; f += FR_EXT_MSG) {
                peer.n = 0;
                frame_peer_open(&peer, f);
                big_raw(&peer, est.d, est.n);
                frame_seed(f, "", &peer);
                frame_seed(f, "05 13", &peer);
        }

        /* RFC 8654: an extended UPDATE, whole and in pieces, with and without the
         * capability on both sides. */
        tail.n = 0;
        big_raw(&tail, ext_update, ext_update_len);
        big_raw(&tail, keepalive, sizeof(keepalive));
        frame_seed(FR_ESTABLISH | FR_EXT_MSG, "", &tail);
        frame_seed(FR_ESTABLISH | FR_EXT_MSG, "13 90 01", &tail);
        frame_seed(FR_ESTABLISH, "", &tail);

        /* Endings: a partial header, a partial body, a bad marker after good messages,
         * and a length of 4097 without the capability. */
        static const char *const tails[] = {
            "ffffffffffffffffffffffffffffffff00",
            "ffffffffffffffffffffffffffffffff00170200000000",
            "ffffffffffffffffffffffffffffffff001304 fffffffffffffffffffffffffffffffe001304",
            "ffffffffffffffffffffffffffffffff100102 0000",
        };
        for (size_t i = 0; i < sizeof(tails) / sizeof(tails[0]); i++) {
                static struct bytes t;
                t.n = 0;
                b_hex(&t, tails[i]);
                tail.n = 0;
                big_raw(&tail, est.d, est.n);
                big_raw(&tail, t.d, t.n);
                frame_seed(FR_ESTABLISH, "", &tail);
                frame_seed(FR_ESTABLISH, "02 11", &tail);
        }
}

/* ---- fuzz_notify and fuzz_nlri: text inputs ------------------------------------------------ */

static void gen_text_seeds(void)
{
        /* RFC 9003 communications: ASCII, UTF-8 of every length, and the invalid forms RFC
         * 3629 names (overlong, surrogate, beyond U+10FFFF, truncated, a stray
         * continuation octet). */
        static const char *const texts[] = {
            "[TICKET-1234] maintenance, back at 02:00 UTC",
            "Wartung \xe2\x80\x94 zur\xc3\xbc"
            "ck bald \xf0\x9f\x9b\xa0",
            "",
            "\xc0\xaf",
            "\xed\xa0\x80",
            "\xf4\x90\x80\x80",
            "\xe2\x82",
            "\x80",
            "\xef\xbb\xbf BOM",
        };
        for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
                const uint8_t *t = (const uint8_t *)texts[i];
                seed(T_NOTIFY, 0x02, t, strlen(texts[i]));
                if (i < 2)
                        seed(T_NOTIFY, 0x06, t, strlen(texts[i]));
        }
        uint8_t long_text[300];
        memset(long_text, 'x', sizeof(long_text));
        seed(T_NOTIFY, 0x02, long_text, 255);
        seed(T_NOTIFY, 0x02, long_text, 256);
        seed(T_NOTIFY, 0x0a, long_text, 10);
        /* Names: every code with a subcode past its table. */
        for (uint8_t code = 0; code <= 9; code++) {
                uint8_t cs[2] = {code, 12};
                seed(T_NOTIFY, 0x03, cs, sizeof(cs));
        }

        /* Prefixes in text (bgp_prefix_parse): both families, the edges, and the mistakes
         * an operator makes (host bits, lengths past the family, no length). */
        static const char *const prefixes[] = {
            "2001:db8::/32",      "192.0.2.0/24",         "::/0",
            "0.0.0.0/0",          "::ffff:192.0.2.0/120", "2001:db8::1/128",
            "255.255.255.255/32", "2001:db8::1/64",       "10.0.0.1/8",
            "1.2.3.0/33",         "2001:db8::/129",       "2001:db8::",
            "192.0.2.0/",         "192.0.2.0/024",        "fe80::1%eth0/64",
        };
        for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
                seed(T_NLRI, 0x08, (const uint8_t *)prefixes[i], strlen(prefixes[i]));
        /* NLRI of an AFI libbgp does not know, and of one named in the input. */
        static const uint8_t l2vpn[] = {0x20, 0x0a, 0x00, 0x00, 0x01};
        seed(T_NLRI, 0x02, l2vpn, sizeof(l2vpn));
        static const uint8_t raw_afi[] = {0x00, 0x02, 0x30, 0x20, 0x01, 0x0d, 0xb8, 0x00, 0x01};
        seed(T_NLRI, 0x03, raw_afi, sizeof(raw_afi));
        /* Lengths at and past the family's: /32 and /33, /128 and /129. */
        static const uint8_t v4_edges[] = {0x20, 0xc0, 0x00, 0x02, 0x01, 0x21, 1, 2, 3, 4, 5};
        seed(T_NLRI, 0x00, v4_edges, sizeof(v4_edges));
        static uint8_t v6_edges[1 + 16 + 1 + 17];
        v6_edges[0] = 128;
        v6_edges[17] = 129;
        seed(T_NLRI, 0x01, v6_edges, sizeof(v6_edges));
}

/* ---- fuzz_mrt: records from the MRT files, and made here (RFC 6396) --------------------- */

/* One record: timestamp, type, subtype, length, then the message field. */
static void mrt_record(struct big *out, uint32_t ts, unsigned type, unsigned subtype,
                       const struct big *field)
{
        big_u32(out, ts);
        big_u16(out, type);
        big_u16(out, subtype);
        big_u32(out, (uint32_t)field->n);
        big_raw(out, field->d, field->n);
}

/* A BGP4MP message record (RFC 6396 4.4.2, 4.4.3) around a whole BGP message. */
static void mrt_bgp4mp(struct big *out, unsigned type, bool as4, bool v6, const uint8_t *m,
                       size_t len)
{
        static struct big f;
        f.n = 0;
        if (type == BGP_MRT_BGP4MP_ET)
                big_u32(&f, 123456);
        if (as4) {
                big_u32(&f, 4200000001u);
                big_u32(&f, 64500);
        } else {
                big_u16(&f, 64501);
                big_u16(&f, 64500);
        }
        big_u16(&f, 0);
        big_u16(&f, v6 ? BGP_AFI_IPV6 : BGP_AFI_IPV4);
        for (int k = 0; k < 2; k++) {
                if (v6) {
                        static const uint8_t a6[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0,
                                                       0,    0,    0,    0,    0, 0, 0, 1};
                        big_raw(&f, a6, 16);
                } else {
                        big_u32(&f, 0xc0000201 + (uint32_t)k);
                }
        }
        big_raw(&f, m, len);
        mrt_record(out, 1427846400, type, as4 ? BGP_MRT_BGP4MP_MESSAGE_AS4 : BGP_MRT_BGP4MP_MESSAGE,
                   &f);
}

/* Records made here: every kind the reader knows, and framing errors. */
static void gen_mrt_synthetic(void)
{
        static struct big file, f;

        /* The session transcript as BGP4MP records of each flavour. */
        file.n = 0;
        for (size_t off = 0; off + BGP_HEADER_LEN <= script.n;) {
                size_t mlen = (size_t)script.d[off + 16] << 8 | script.d[off + 17];
                mrt_bgp4mp(&file, BGP_MRT_BGP4MP, true, true, script.d + off, mlen);
                off += mlen;
        }
        seed(T_MRT, 0, file.d, file.n);
        file.n = 0;
        mrt_bgp4mp(&file, BGP_MRT_BGP4MP_ET, true, false, script.d,
                   (size_t)script.d[16] << 8 | script.d[17]);
        mrt_bgp4mp(&file, BGP_MRT_BGP4MP, false, false, ext_update, ext_update_len);
        seed(T_MRT, 0, file.d, file.n);

        /* STATE_CHANGE and STATE_CHANGE_AS4 (RFC 6396 4.4.1, 4.4.4). */
        file.n = 0;
        f.n = 0;
        big_u16(&f, 64501);
        big_u16(&f, 64500);
        big_u16(&f, 3);
        big_u16(&f, BGP_AFI_IPV4);
        big_u32(&f, 0xc0000202);
        big_u32(&f, 0xc0000201);
        big_u16(&f, BGP_MRT_STATE_OPENCONFIRM);
        big_u16(&f, BGP_MRT_STATE_ESTABLISHED);
        mrt_record(&file, 1, BGP_MRT_BGP4MP, BGP_MRT_BGP4MP_STATE_CHANGE, &f);
        f.n = 0;
        big_u32(&f, 4200000001u);
        big_u32(&f, 64500);
        big_u16(&f, 0);
        big_u16(&f, BGP_AFI_IPV6);
        for (int i = 0; i < 32; i++)
                big_u8(&f, i);
        big_u16(&f, BGP_MRT_STATE_ESTABLISHED);
        big_u16(&f, BGP_MRT_STATE_IDLE);
        mrt_record(&file, 2, BGP_MRT_BGP4MP_ET, BGP_MRT_BGP4MP_STATE_CHANGE_AS4, &f);
        seed(T_MRT, 0, file.d, file.n);

        /* TABLE_DUMP_V2: a PEER_INDEX_TABLE with a peer of every type, then RIB records of
         * each family with the abbreviated and the RFC 4760 MP_REACH_NLRI, RIB_GENERIC,
         * and the ADD-PATH forms (RFC 8050). */
        file.n = 0;
        f.n = 0;
        big_u32(&f, 0xc0000201);
        big_u16(&f, 4);
        big_raw(&f, "rrc0", 4);
        big_u16(&f, 4);
        for (unsigned t = 0; t < 4; t++) {
                big_u8(&f, t);
                big_u32(&f, 0x0a000001 + t);
                for (unsigned k = 0; k < ((t & 1) ? 16u : 4u); k++)
                        big_u8(&f, 0x20 + k);
                if (t & 2)
                        big_u32(&f, 4200000000u + t);
                else
                        big_u16(&f, 64496 + t);
        }
        mrt_record(&file, 3, BGP_MRT_TABLE_DUMP_V2, BGP_MRT_PEER_INDEX_TABLE, &f);
        static const char *const attrs_v6[] = {
            /* abbreviated: next-hop length, next hop */
            "400101 00 50020006 020100 00fbf5 800e11 10 20010db8000000000000000000000001",
            /* RFC 4760 form with an NLRI that the reader drops */
            "400101 00 50020006 020100 00fbf5 "
            "800e19 0002 01 10 20010db8000000000000000000000001 00 20 20010db8",
        };
        for (unsigned sub = BGP_MRT_RIB_IPV4_UNICAST; sub <= BGP_MRT_RIB_GENERIC_ADDPATH; sub++) {
                if (sub == 7)
                        continue; /* GEO_PEER_TABLE: another layout */
                bool addpath = sub >= BGP_MRT_RIB_IPV4_UNICAST_ADDPATH;
                unsigned base = addpath ? sub - 6 : sub;
                bool v6 = base == BGP_MRT_RIB_IPV6_UNICAST || base == BGP_MRT_RIB_IPV6_MULTICAST ||
                          base == BGP_MRT_RIB_GENERIC;
                f.n = 0;
                big_u32(&f, sub);
                if (base == BGP_MRT_RIB_GENERIC) {
                        big_u16(&f, BGP_AFI_IPV6);
                        big_u8(&f, BGP_SAFI_UNICAST);
                }
                if (v6) {
                        big_u8(&f, 48);
                        big_raw(&f, "\x20\x01\x0d\xb8\x00\x01", 6);
                } else {
                        big_u8(&f, 24);
                        big_raw(&f, "\xc0\x00\x02", 3);
                }
                big_u16(&f, 2);
                for (unsigned e = 0; e < 2; e++) {
                        static struct bytes a;
                        a.n = 0;
                        if (v6)
                                b_hex(&a, attrs_v6[e]);
                        else
                                b_hex(&a, "400101 00 50020006 020100 00fbf5 400304 c0000201");
                        big_u16(&f, e);
                        big_u32(&f, 1427846400);
                        if (addpath)
                                big_u32(&f, 7 + e);
                        big_u16(&f, (unsigned)a.n);
                        big_raw(&f, a.d, a.n);
                }
                mrt_record(&file, 4, BGP_MRT_TABLE_DUMP_V2, sub, &f);
        }
        seed(T_MRT, 0, file.d, file.n);

        /* Framing: a type the reader skips, an ET record too short for its microseconds,
         * a RIB record with a prefix past its family, and a record cut short. */
        file.n = 0;
        f.n = 0;
        big_raw(&f, "ospf", 4);
        mrt_record(&file, 5, 11, 0, &f);
        f.n = 0;
        big_u16(&f, 1);
        mrt_record(&file, 6, BGP_MRT_BGP4MP_ET, BGP_MRT_BGP4MP_MESSAGE_AS4, &f);
        f.n = 0;
        big_u32(&f, 0);
        big_u8(&f, 33);
        big_u32(&f, 0xc0000200);
        big_u8(&f, 0);
        big_u16(&f, 0);
        mrt_record(&file, 7, BGP_MRT_TABLE_DUMP_V2, BGP_MRT_RIB_IPV4_UNICAST, &f);
        f.n = 0;
        big_u32(&f, 0);
        mrt_record(&file, 8, BGP_MRT_BGP4MP, BGP_MRT_BGP4MP_MESSAGE_AS4, &f);
        file.n -= 2;
        seed(T_MRT, 0, file.d, file.n);
}

/*
 * Records of a real MRT file for fuzz_mrt: its first records (up to 8 KiB; a PEER_INDEX_TABLE
 * comes first in a RIB file), and `want` records taken evenly from the rest of what is read,
 * each with the PEER_INDEX_TABLE before it when the file has one.  A file whose decompressed
 * size is small enough (the 64 KiB-record snippet) also goes in whole.
 */
static void gen_mrt_sample(const char *path, unsigned want, size_t max_read)
{
        size_t len, n_rec = 0;
        uint8_t *data = read_mrt(path, max_read, &len);
        static struct big one;

        if (len <= 96 * 1024)
                seed(T_MRT, 0, data, len);
        size_t head = 0, peer_index = 0;
        for (size_t off = 0; off + 12 <= len;) {
                size_t rlen = 12 + (size_t)be(data + off + 8, 4);
                if (off + rlen > len)
                        break;
                if (n_rec == 0 && be(data + off + 4, 2) == BGP_MRT_TABLE_DUMP_V2 &&
                    be(data + off + 6, 2) == BGP_MRT_PEER_INDEX_TABLE)
                        peer_index = rlen;
                if (off + rlen <= 8192 || n_rec == 0)
                        head = off + rlen;
                n_rec++;
                off += rlen;
        }
        if (head <= 96 * 1024)
                seed(T_MRT, 0, data, head);
        size_t stride = n_rec > want ? n_rec / want : 1, i = 0, taken = 0;
        for (size_t off = 0; off + 12 <= len && taken < want; i++) {
                size_t rlen = 12 + (size_t)be(data + off + 8, 4);
                if (off + rlen > len)
                        break;
                if (i % stride == 0 && i > 0 && rlen <= 16384) {
                        one.n = 0;
                        big_raw(&one, data, peer_index);
                        big_raw(&one, data + off, rlen);
                        seed(T_MRT, 0, one.d, one.n);
                        taken++;
                }
                off += rlen;
        }
        printf("gen_corpus: %zu MRT records sampled from %s\n", taken + 1, path);
        free(data);
}

/* UPDATE bodies rebuilt from TABLE_DUMP_V2 RIB entries, for fuzz_update and fuzz_attrs. */
static void gen_rib_updates(const char *path, unsigned want)
{
        static uint8_t body[BGP_MRT_RIB_UPDATE_MAX];
        size_t len, entries = 0, taken = 0;
        uint8_t *data = read_mrt(path, 4 << 20, &len);
        struct bgp_mrt_record rec;

        for (int pass = 0; pass < 2; pass++) {
                size_t stride = pass == 0 ? 1 : (entries > want ? entries / want : 1), seen = 0;
                for (size_t off = 0; off < len;) {
                        int rc = bgp_mrt_record_decode(data + off, len - off, &rec);
                        if (rc == BGP_ERR_SHORT)
                                break;
                        off += rec.record_len;
                        if (rc != 0 || rec.kind != BGP_MRT_KIND_RIB)
                                continue;
                        struct bgp_mrt_rib_iter it;
                        struct bgp_mrt_rib_entry e;
                        bgp_mrt_rib_iter_init(&it, &rec.u.rib);
                        while (bgp_mrt_rib_iter_next(&it, &e) == 1) {
                                if (pass == 0) {
                                        entries++;
                                        continue;
                                }
                                if (seen++ % stride != 0 || taken == want)
                                        continue;
                                int n =
                                    bgp_mrt_rib_entry_update(&rec.u.rib, &e, body, sizeof(body));
                                if (n < 0)
                                        continue;
                                seed(T_UPDATE, SEL_ALL_FAM, body, (size_t)n);
                                derive_update(SEL_ALL_FAM, body, (size_t)n);
                                taken++;
                        }
                }
        }
        printf("gen_corpus: %zu of %zu RIB entries taken from %s\n", taken, entries, path);
        free(data);
}

/* ---- fuzz_config: configuration texts ------------------------------------------------------ */

static void gen_config_file(const char *path)
{
        size_t len;
        uint8_t *data = read_mrt(path, 1 << 20, &len); /* gzread passes plain text through */
        seed(T_CONFIG, 0, data, len);
        free(data);
}

/*
 * The configuration texts inside a test's C source: every string literal (adjacent ones
 * joined) that holds a line break and does not read like a diagnostic.  Crude, but the
 * tests of daemon/config write their cases that way, and a wrong guess is only a seed.
 */
static void gen_config_cases(const char *path)
{
        size_t len, found = 0;
        uint8_t *src = read_mrt(path, 1 << 20, &len);
        static char text[16384];
        size_t tn = 0;
        bool in_lit = false, have = false;

        for (size_t i = 0; i < len; i++) {
                uint8_t c = src[i];
                if (in_lit) {
                        if (c == '"') {
                                in_lit = false;
                                continue;
                        }
                        if (c == '\\' && i + 1 < len) {
                                uint8_t e = src[++i];
                                c = e == 'n' ? '\n' : e == 't' ? '\t' : e == '0' ? '\0' : e;
                        }
                        if (tn < sizeof(text))
                                text[tn++] = (char)c;
                        continue;
                }
                if (c == '"') {
                        in_lit = true;
                        have = true;
                        continue;
                }
                if (c == '\'') {
                        /* A character literal: '"' must not open a string. */
                        while (++i < len && src[i] != '\'')
                                if (src[i] == '\\')
                                        i++;
                        continue;
                }
                if (c == ' ' || c == '\n' || c == '\t' || c == '\r')
                        continue;
                /* Anything else ends a run of adjacent literals. */
                if (have && tn > 0 && tn < sizeof(text)) {
                        text[tn] = '\0';
                        if (memchr(text, '\n', tn) != NULL && strstr(text, ": error:") == NULL &&
                            strstr(text, ": warning:") == NULL && text[0] >= 'a' &&
                            text[0] <= 'z') {
                                seed(T_CONFIG, 0, (const uint8_t *)text, tn);
                                found++;
                        }
                }
                have = false;
                tn = 0;
        }
        printf("gen_corpus: %zu configuration texts from %s\n", found, path);
        free(src);
}

/* ---- messages captured from real BGP speakers (capture_peers.sh) ------------------------- */

/*
 * A daemon's side of a session, its messages back to back: to fuzz_msg whole (and cut up
 * for the targets of each parser), each UPDATE body to fuzz_update, what follows its OPEN
 * and KEEPALIVE to fuzz_frame as the stream of an established session, and every message
 * as a BGP4MP record to fuzz_mrt.
 */
static void gen_capture(const char *path)
{
        static struct big rest, file;
        size_t len, n = 0, off = 0;
        uint8_t *data = read_mrt(path, 1 << 20, &len);

        seed_msg(SEL_DEFAULT, data, (int)len);
        rest.n = 0;
        file.n = 0;
        while (off + BGP_HEADER_LEN <= len) {
                size_t mlen = (size_t)data[off + 16] << 8 | data[off + 17];
                if (mlen < BGP_HEADER_LEN || off + mlen > len)
                        break;
                if (data[off + 18] == BGP_MSG_UPDATE)
                        seed(T_UPDATE, SEL_DEFAULT, data + off + BGP_HEADER_LEN,
                             mlen - BGP_HEADER_LEN);
                /* After the OPEN and the KEEPALIVE that confirms it. */
                if (n >= 2)
                        big_raw(&rest, data + off, mlen);
                mrt_bgp4mp(&file, BGP_MRT_BGP4MP, true, true, data + off, mlen);
                off += mlen;
                n++;
        }
        frame_seed(FR_ESTABLISH, "", &rest);
        frame_seed(FR_ESTABLISH, "07", &rest);
        seed(T_MRT, 0, file.d, file.n);
        printf("gen_corpus: %zu messages captured in %s\n", n, path);
        free(data);
}

static const char usage[] =
    "usage: gen_corpus [OPTION FILE]... OUTDIR\n"
    "  --mrt FILE          50 UPDATEs from a BGP4MP file (the first seeds ever made)\n"
    "  --mrt-updates FILE  20 more UPDATEs from a BGP4MP file, all families negotiated\n"
    "  --mrt-sample FILE   records of an MRT file for fuzz_mrt\n"
    "  --rib FILE          UPDATEs rebuilt from TABLE_DUMP_V2 RIB entries\n"
    "  --config FILE       a configuration file for fuzz_config\n"
    "  --config-cases FILE the configuration texts in a test's C source\n"
    "  --capture FILE      the messages a BGP speaker sent (capture_peers.sh)\n"
    "MRT files may be gzip, bzip2 (.bz2) or plain.\n";

int main(int argc, char **argv)
{
        const char *captures[64];
        int n_captures = 0;

        if (argc < 2 || argc % 2 != 0 || argc > 2 * 64) {
                fputs(usage, stderr);
                return 2;
        }
        out_root = argv[argc - 1];
        make_dir(out_root);

        fill_views();
        gen_keepalive();
        gen_opens();
        gen_route_refresh();
        gen_updates();
        gen_built();
        gen_notifications();
        gen_malformed_updates();
        gen_malformed_other();
        for (int i = 1; i < argc - 1; i += 2) {
                const char *opt = argv[i], *file = argv[i + 1];
                if (strcmp(opt, "--mrt") == 0)
                        gen_mrt(file, 50, 0);
                else if (strcmp(opt, "--mrt-updates") == 0)
                        gen_mrt(file, 20, SEL_ALL_FAM);
                else if (strcmp(opt, "--mrt-sample") == 0)
                        gen_mrt_sample(file, 6, 4 << 20);
                else if (strcmp(opt, "--rib") == 0)
                        gen_rib_updates(file, 20);
                else if (strcmp(opt, "--config") == 0)
                        gen_config_file(file);
                else if (strcmp(opt, "--config-cases") == 0)
                        gen_config_cases(file);
                else if (strcmp(opt, "--capture") == 0)
                        captures[n_captures++] = file;
                else {
                        fputs(usage, stderr);
                        return 2;
                }
        }
        /* The session transcript: OPEN, ROUTE-REFRESH, UPDATEs, End-of-RIB, NOTIFICATION. */
        seed_msg(SEL_DEFAULT, script.d, (int)script.n);
        seed_msg(SEL_CHECK_AS | SEL_CHECK_ID, script.d, (int)script.n);

        gen_session_scripts();
        gen_frame_seeds();
        gen_text_seeds();
        gen_mrt_synthetic();
        /* After the rest: the frame and MRT helpers need the transcript built first. */
        for (int i = 0; i < n_captures; i++)
                gen_capture(captures[i]);
        for (int t = 0; t < T_COUNT; t++)
                printf("gen_corpus: %u %s seeds written\n", n_written[t], target_names[t]);
        return 0;
}
