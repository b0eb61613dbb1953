/* check_open.c - OPEN and its capabilities: RFC 4271 4.2/6.2, RFC 5492, RFC 9072. */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include <bgp/bgp.h>

#include "testutil.h"

static struct bgp_codec_opts opts;

static void setup(void)
{
        bgp_codec_opts_init(&opts);
}

/* Decodes an OPEN body given in hex. */
static int decode_hex(const char *hex, struct bgp_open *open, struct bgp_verdict *v, uint8_t *body,
                      size_t cap)
{
        size_t n = tu_hex(hex, body, cap);
        ck_assert_uint_gt(n, 0);
        return bgp_open_decode(body, n, &opts, open, v);
}

static void assert_reset(int rc, const struct bgp_verdict *v, uint8_t code, uint8_t subcode)
{
        ck_assert_int_eq(rc, BGP_ERR_MALFORMED);
        ck_assert_int_eq(v->action, BGP_ACTION_SESSION_RESET);
        ck_assert_uint_eq(v->code, code);
        ck_assert_uint_eq(v->subcode, subcode);
}

/* An OPEN error with no data: RFC 4271 6.2 names data only for the version error. */
static void assert_open_error(const char *hex, uint8_t subcode)
{
        uint8_t body[4096];
        struct bgp_open open;
        struct bgp_verdict v;
        int rc = decode_hex(hex, &open, &v, body, sizeof(body));
        assert_reset(rc, &v, BGP_NOTIFY_OPEN, subcode);
        ck_assert_uint_eq(v.data_len, 0);
}

/* Field-by-field equality of two capability sets (views compared by content). */
static void assert_caps_eq(const struct bgp_capabilities *a, const struct bgp_capabilities *b)
{
        ck_assert_uint_eq(a->present, b->present);
        ck_assert_uint_eq(a->n_mp, b->n_mp);
        for (size_t i = 0; i < a->n_mp; i++) {
                ck_assert_uint_eq(a->mp[i].afi, b->mp[i].afi);
                ck_assert_uint_eq(a->mp[i].safi, b->mp[i].safi);
        }
        ck_assert_uint_eq(a->as4, b->as4);
        ck_assert_uint_eq(a->gr_flags, b->gr_flags);
        ck_assert_uint_eq(a->gr_time, b->gr_time);
        ck_assert_uint_eq(a->n_gr, b->n_gr);
        for (size_t i = 0; i < a->n_gr; i++) {
                ck_assert_uint_eq(a->gr[i].afi, b->gr[i].afi);
                ck_assert_uint_eq(a->gr[i].safi, b->gr[i].safi);
                ck_assert_uint_eq(a->gr[i].flags, b->gr[i].flags);
        }
        ck_assert_uint_eq(a->n_addpath, b->n_addpath);
        for (size_t i = 0; i < a->n_addpath; i++) {
                ck_assert_uint_eq(a->addpath[i].afi, b->addpath[i].afi);
                ck_assert_uint_eq(a->addpath[i].safi, b->addpath[i].safi);
                ck_assert_uint_eq(a->addpath[i].send_receive, b->addpath[i].send_receive);
        }
        ck_assert_uint_eq(a->role, b->role);
        ck_assert_uint_eq(a->fqdn_host_len, b->fqdn_host_len);
        if (a->fqdn_host_len != 0)
                ck_assert_mem_eq(a->fqdn_host, b->fqdn_host, a->fqdn_host_len);
        ck_assert_uint_eq(a->fqdn_domain_len, b->fqdn_domain_len);
        if (a->fqdn_domain_len != 0)
                ck_assert_mem_eq(a->fqdn_domain, b->fqdn_domain, a->fqdn_domain_len);
        ck_assert_uint_eq(a->n_raw, b->n_raw);
        for (size_t i = 0; i < a->n_raw; i++) {
                ck_assert_uint_eq(a->raw[i].code, b->raw[i].code);
                ck_assert_uint_eq(a->raw[i].len, b->raw[i].len);
                if (a->raw[i].len != 0)
                        ck_assert_mem_eq(a->raw[i].value, b->raw[i].value, a->raw[i].len);
        }
}

static const uint8_t ext_nh_value[6] = {0x00, 0x01, 0x00, 0x01, 0x00, 0x02};

/* An OPEN with every capability libbgp interprets, and two it keeps raw. */
static void full_open(struct bgp_open *o)
{
        memset(o, 0, sizeof(*o));
        o->version = 4;
        o->my_as = BGP_AS_TRANS;
        o->hold_time = 90;
        o->bgp_id = 0xc0000201;
        struct bgp_capabilities *c = &o->caps;
        c->present = BGP_CAPF_MP | BGP_CAPF_ROUTE_REFRESH | BGP_CAPF_ENHANCED_REFRESH |
                     BGP_CAPF_AS4 | BGP_CAPF_EXT_MESSAGE | BGP_CAPF_GRACEFUL_RESTART |
                     BGP_CAPF_ADD_PATH | BGP_CAPF_ROLE | BGP_CAPF_FQDN;
        c->n_mp = 3;
        c->mp[0] = (struct bgp_afi_safi){BGP_AFI_IPV4, BGP_SAFI_UNICAST};
        c->mp[1] = (struct bgp_afi_safi){BGP_AFI_IPV6, BGP_SAFI_UNICAST};
        c->mp[2] = (struct bgp_afi_safi){25, 70}; /* L2VPN EVPN: kept though not spoken */
        c->as4 = 4200000001u;
        c->gr_flags = 0x80 | 0x40;
        c->gr_time = 120;
        c->n_gr = 2;
        c->gr[0] = (struct bgp_gr_family){BGP_AFI_IPV4, BGP_SAFI_UNICAST, 0x80};
        c->gr[1] = (struct bgp_gr_family){BGP_AFI_IPV6, BGP_SAFI_UNICAST, 0x00};
        c->n_addpath = 2;
        c->addpath[0] = (struct bgp_addpath_family){BGP_AFI_IPV4, BGP_SAFI_UNICAST, 1};
        c->addpath[1] = (struct bgp_addpath_family){BGP_AFI_IPV6, BGP_SAFI_UNICAST, 3};
        c->role = BGP_ROLE_CUSTOMER;
        c->fqdn_host = (const uint8_t *)"edge1";
        c->fqdn_host_len = 5;
        c->fqdn_domain = (const uint8_t *)"example.net";
        c->fqdn_domain_len = 11;
        c->n_raw = 2;
        c->raw[0] = (struct bgp_cap_raw){128, 0, NULL}; /* old Cisco route refresh */
        c->raw[1] = (struct bgp_cap_raw){BGP_CAP_EXT_NEXTHOP, sizeof(ext_nh_value), ext_nh_value};
}

static void assert_round_trip(const struct bgp_open *o, bool want_ext)
{
        uint8_t buf[4096];
        struct bgp_open back;
        struct bgp_verdict v;
        int n = bgp_open_encode(buf, sizeof(buf), o);
        ck_assert_int_ge(n, 29);
        ck_assert_uint_eq((unsigned)buf[16] << 8 | buf[17], (unsigned)n);
        ck_assert_uint_eq(buf[18], BGP_MSG_OPEN);
        /* RFC 9072 2: the extended form has Non-Ext OP Len and Type both 255. */
        if (want_ext) {
                ck_assert_uint_eq(buf[19 + 9], 255);
                ck_assert_uint_eq(buf[19 + 10], 255);
                ck_assert_uint_eq((unsigned)buf[19 + 11] << 8 | buf[19 + 12],
                                  (unsigned)n - 19 - 13);
        } else {
                ck_assert_uint_eq(buf[19 + 9], (unsigned)n - 19 - 10);
        }
        opts.remote_as = 0;
        ck_assert_int_eq(bgp_open_decode(buf + 19, (size_t)n - 19, &opts, &back, &v), 0);
        ck_assert_int_eq(v.action, BGP_ACTION_OK);
        ck_assert_uint_eq(back.version, 4);
        ck_assert_uint_eq(back.my_as, o->my_as);
        ck_assert_uint_eq(back.hold_time, o->hold_time);
        ck_assert_uint_eq(back.bgp_id, o->bgp_id);
        ck_assert(back.ext_opt_params == want_ext);
        assert_caps_eq(&back.caps, &o->caps);

        /* And the whole message through bgp_msg_decode. */
        struct bgp_msg msg;
        ck_assert_int_eq(bgp_msg_decode(buf, (size_t)n, &opts, &msg, &v), 0);
        ck_assert_uint_eq(msg.hdr.type, BGP_MSG_OPEN);
        assert_caps_eq(&msg.u.open.caps, &o->caps);
}

START_TEST(minimal_open)
{
        uint8_t body[64];
        struct bgp_open o;
        struct bgp_verdict v;
        /* version 4, AS 65001, hold 180, id 192.0.2.1, no parameters */
        ck_assert_int_eq(decode_hex("04 fde9 00b4 c0000201 00", &o, &v, body, sizeof(body)), 0);
        ck_assert_int_eq(v.action, BGP_ACTION_OK);
        ck_assert_uint_eq(o.version, 4);
        ck_assert_uint_eq(o.my_as, 65001);
        ck_assert_uint_eq(o.hold_time, 180);
        ck_assert_uint_eq(o.bgp_id, 0xc0000201);
        ck_assert_uint_eq(o.caps.present, 0);
        ck_assert(!o.ext_opt_params);
        ck_assert_uint_eq(bgp_open_peer_as(&o), 65001);
}
END_TEST

/* The same capabilities, one per parameter (as some speakers send them) and all in one. */
START_TEST(one_or_many_parameters)
{
        uint8_t b1[128], b2[128];
        struct bgp_open o1, o2;
        struct bgp_verdict v;
        const char *split = "04 fde9 005a c0000202 1c"
                            "02 06 01 04 0001 00 01"
                            "02 06 01 04 0002 00 01"
                            "02 02 02 00"
                            "02 06 41 04 0000fde9";
        const char *joined = "04 fde9 005a c0000202 16"
                             "02 14 01 04 0001 00 01 01 04 0002 00 01 02 00 41 04 0000fde9";
        ck_assert_int_eq(decode_hex(split, &o1, &v, b1, sizeof(b1)), 0);
        ck_assert_int_eq(decode_hex(joined, &o2, &v, b2, sizeof(b2)), 0);
        assert_caps_eq(&o1.caps, &o2.caps);
        ck_assert_uint_eq(o1.caps.present, BGP_CAPF_MP | BGP_CAPF_ROUTE_REFRESH | BGP_CAPF_AS4);
        ck_assert_uint_eq(o1.caps.n_mp, 2);
        ck_assert_uint_eq(o1.caps.mp[1].afi, BGP_AFI_IPV6);
        ck_assert_uint_eq(o1.caps.as4, 65001);
        ck_assert_uint_eq(bgp_open_peer_as(&o1), 65001);
}
END_TEST

START_TEST(round_trip_every_capability)
{
        struct bgp_open o;
        full_open(&o);
        assert_round_trip(&o, false);

        /* Each capability alone. */
        static const uint32_t bits[] = {
            BGP_CAPF_MP,       BGP_CAPF_ROUTE_REFRESH, BGP_CAPF_ENHANCED_REFRESH,
            BGP_CAPF_AS4,      BGP_CAPF_EXT_MESSAGE,   BGP_CAPF_GRACEFUL_RESTART,
            BGP_CAPF_ADD_PATH, BGP_CAPF_ROLE,          BGP_CAPF_FQDN,
        };
        for (size_t i = 0; i < sizeof(bits) / sizeof(bits[0]); i++) {
                struct bgp_open one;
                full_open(&one);
                struct bgp_capabilities all = one.caps;
                memset(&one.caps, 0, sizeof(one.caps));
                one.caps.present = bits[i];
                if (bits[i] == BGP_CAPF_MP) {
                        one.caps.n_mp = all.n_mp;
                        memcpy(one.caps.mp, all.mp, sizeof(all.mp));
                } else if (bits[i] == BGP_CAPF_AS4) {
                        one.caps.as4 = all.as4;
                } else if (bits[i] == BGP_CAPF_GRACEFUL_RESTART) {
                        one.caps.gr_flags = all.gr_flags;
                        one.caps.gr_time = all.gr_time;
                        one.caps.n_gr = all.n_gr;
                        memcpy(one.caps.gr, all.gr, sizeof(all.gr));
                } else if (bits[i] == BGP_CAPF_ADD_PATH) {
                        one.caps.n_addpath = all.n_addpath;
                        memcpy(one.caps.addpath, all.addpath, sizeof(all.addpath));
                } else if (bits[i] == BGP_CAPF_ROLE) {
                        one.caps.role = all.role;
                } else if (bits[i] == BGP_CAPF_FQDN) {
                        one.caps.fqdn_host = all.fqdn_host;
                        one.caps.fqdn_host_len = all.fqdn_host_len;
                        one.caps.fqdn_domain = all.fqdn_domain;
                        one.caps.fqdn_domain_len = all.fqdn_domain_len;
                }
                assert_round_trip(&one, false);
        }

        /* Only raw capabilities, and none at all. */
        struct bgp_open raw;
        full_open(&raw);
        struct bgp_capabilities all = raw.caps;
        memset(&raw.caps, 0, sizeof(raw.caps));
        raw.caps.n_raw = all.n_raw;
        memcpy(raw.caps.raw, all.raw, sizeof(all.raw));
        raw.my_as = 65001;
        assert_round_trip(&raw, false);
        memset(&raw.caps, 0, sizeof(raw.caps));
        assert_round_trip(&raw, false);
}
END_TEST

START_TEST(encoded_bytes)
{
        /* The encoding of a small OPEN, byte for byte (RFC 4271 4.2, RFC 5492 4). */
        struct bgp_open o;
        memset(&o, 0, sizeof(o));
        o.my_as = 65001;
        o.hold_time = 90;
        o.bgp_id = 0xc0000201;
        o.caps.present = BGP_CAPF_MP | BGP_CAPF_ROUTE_REFRESH | BGP_CAPF_AS4;
        o.caps.n_mp = 1;
        o.caps.mp[0] = (struct bgp_afi_safi){BGP_AFI_IPV6, BGP_SAFI_UNICAST};
        o.caps.as4 = 65001;
        uint8_t buf[128], want[128];
        size_t wn = tu_msg(BGP_MSG_OPEN,
                           "04 fde9 005a c0000201 10 02 0e 01 04 0002 00 01 02 00 41 04 0000fde9",
                           want, sizeof(want));
        int n = bgp_open_encode(buf, sizeof(buf), &o);
        ck_assert_int_eq(n, (int)wn);
        ck_assert_mem_eq(buf, want, wn);
        /* Never truncated: one octet short is no space. */
        ck_assert_int_eq(bgp_open_encode(buf, wn - 1, &o), BGP_ERR_NOSPACE);
}
END_TEST

/* RFC 9072: capabilities longer than 255 octets need the extended encoding. */
START_TEST(extended_optional_parameters)
{
        static uint8_t host[200], domain[50];
        struct bgp_open o;
        memset(host, 'h', sizeof(host));
        memset(domain, 'd', sizeof(domain));
        full_open(&o);
        o.caps.fqdn_host = host;
        o.caps.fqdn_host_len = sizeof(host);
        o.caps.fqdn_domain = domain;
        o.caps.fqdn_domain_len = sizeof(domain);
        o.caps.n_mp = BGP_CAPS_MAX_FAMILIES;
        for (size_t i = 0; i < BGP_CAPS_MAX_FAMILIES; i++)
                o.caps.mp[i] = (struct bgp_afi_safi){(uint16_t)(i + 1), (uint8_t)(i + 1)};
        assert_round_trip(&o, true);

        /* Small capabilities fit the RFC 4271 form... */
        full_open(&o);
        assert_round_trip(&o, false);
        /* ...unless the extended form is asked for, which still decodes the same. */
        o.ext_opt_params = true;
        assert_round_trip(&o, true);
}
END_TEST

/* The boundary: 253 octets of capabilities plus the parameter's 2 fill the 255. */
START_TEST(extended_boundary)
{
        static uint8_t value[255];
        struct bgp_open o;
        memset(&o, 0, sizeof(o));
        o.my_as = 65001;
        o.hold_time = 90;
        o.bgp_id = 1;
        o.caps.n_raw = 1;
        o.caps.raw[0] = (struct bgp_cap_raw){0x80, 251, value}; /* 253 octets */
        assert_round_trip(&o, false);
        o.caps.raw[0].len = 252; /* 254 octets */
        assert_round_trip(&o, true);
}
END_TEST

START_TEST(extended_decode)
{
        uint8_t body[128];
        struct bgp_open o;
        struct bgp_verdict v;
        /* Non-Ext OP Len 255, Non-Ext OP Type 255, Extended length 14, then two
         * Capabilities parameters with 2-octet lengths. */
        const char *hex = "04 5ba0 005a c0000203 ff ff 000e"
                          "02 0006 41 04 fbc52001"
                          "02 0002 06 00";
        ck_assert_int_eq(decode_hex(hex, &o, &v, body, sizeof(body)), 0);
        ck_assert(o.ext_opt_params);
        ck_assert_uint_eq(o.caps.present, BGP_CAPF_AS4 | BGP_CAPF_EXT_MESSAGE);
        ck_assert_uint_eq(bgp_open_peer_as(&o), 0xfbc52001u);
        /* RFC 9072 2: any non-zero Non-Ext OP Len announces it, not only 255. */
        hex = "04 5ba0 005a c0000203 01 ff 0009 02 0006 41 04 fbc52001";
        ck_assert_int_eq(decode_hex(hex, &o, &v, body, sizeof(body)), 0);
        ck_assert(o.ext_opt_params);
        ck_assert_uint_eq(o.caps.as4, 0xfbc52001u);
}
END_TEST

START_TEST(version_error)
{
        uint8_t body[64];
        struct bgp_open o;
        struct bgp_verdict v;
        int rc = decode_hex("03 fde9 005a c0000201 00", &o, &v, body, sizeof(body));
        assert_reset(rc, &v, BGP_NOTIFY_OPEN, BGP_NOTIFY_OPEN_UNSUPPORTED_VERSION);
        /* RFC 4271 6.2: the data is the 2-octet largest supported version, 4. */
        ck_assert_uint_eq(v.data_len, 2);
        ck_assert_uint_eq(v.data[0], 0);
        ck_assert_uint_eq(v.data[1], 4);
        /* A higher version too, even with the rest unreadable. */
        rc = decode_hex("05", &o, &v, body, sizeof(body));
        assert_reset(rc, &v, BGP_NOTIFY_OPEN, BGP_NOTIFY_OPEN_UNSUPPORTED_VERSION);
        ck_assert_uint_eq(v.data_len, 2);
        ck_assert_uint_eq(v.data[1], 4);
}
END_TEST

START_TEST(peer_as_errors)
{
        uint8_t body[64];
        struct bgp_open o;
        struct bgp_verdict v;

        /* RFC 4271 6.2: the configured peer AS must match. */
        opts.remote_as = 65002;
        assert_open_error("04 fde9 005a c0000201 00", BGP_NOTIFY_OPEN_BAD_PEER_AS);
        opts.remote_as = 65001;
        ck_assert_int_eq(decode_hex("04 fde9 005a c0000201 00", &o, &v, body, sizeof(body)), 0);

        /* RFC 6793: with the capability, the 4-octet AS is the peer AS; My AS is AS_TRANS. */
        opts.remote_as = 4200000001u;
        ck_assert_int_eq(
            decode_hex("04 5ba0 005a c0000201 08 02 06 41 04 fa56ea01", &o, &v, body, sizeof(body)),
            0);
        ck_assert_uint_eq(bgp_open_peer_as(&o), 4200000001u);
        /* The capability names another 4-octet AS than configured. */
        assert_open_error("04 5ba0 005a c0000201 08 02 06 41 04 fa56ea02",
                          BGP_NOTIFY_OPEN_BAD_PEER_AS);
        /* The configured AS in My AS, a different one in the capability. */
        opts.remote_as = 65001;
        assert_open_error("04 fde9 005a c0000201 08 02 06 41 04 0000fdea",
                          BGP_NOTIFY_OPEN_BAD_PEER_AS);
        /* Unchecked peer AS: the same contradictions are still errors. */
        opts.remote_as = 0;
        assert_open_error("04 fde9 005a c0000201 08 02 06 41 04 0000fdea",
                          BGP_NOTIFY_OPEN_BAD_PEER_AS);
        assert_open_error("04 fde9 005a c0000201 08 02 06 41 04 fa56ea01",
                          BGP_NOTIFY_OPEN_BAD_PEER_AS);
        /* A 2-octet AS sent with AS_TRANS in My AS is fine. */
        ck_assert_int_eq(
            decode_hex("04 5ba0 005a c0000201 08 02 06 41 04 0000fde9", &o, &v, body, sizeof(body)),
            0);
        ck_assert_uint_eq(bgp_open_peer_as(&o), 65001);
        /* RFC 7607: AS 0, in My AS or in the capability; AS_TRANS is never an AS. */
        assert_open_error("04 0000 005a c0000201 00", BGP_NOTIFY_OPEN_BAD_PEER_AS);
        assert_open_error("04 5ba0 005a c0000201 08 02 06 41 04 00000000",
                          BGP_NOTIFY_OPEN_BAD_PEER_AS);
        assert_open_error("04 5ba0 005a c0000201 08 02 06 41 04 00005ba0",
                          BGP_NOTIFY_OPEN_BAD_PEER_AS);
}
END_TEST

START_TEST(hold_time_errors)
{
        uint8_t body[64];
        struct bgp_open o;
        struct bgp_verdict v;
        /* RFC 4271 6.2: 1 and 2 seconds are unacceptable; 0 and 3 are fine. */
        assert_open_error("04 fde9 0001 c0000201 00", BGP_NOTIFY_OPEN_BAD_HOLD_TIME);
        assert_open_error("04 fde9 0002 c0000201 00", BGP_NOTIFY_OPEN_BAD_HOLD_TIME);
        ck_assert_int_eq(decode_hex("04 fde9 0000 c0000201 00", &o, &v, body, sizeof(body)), 0);
        ck_assert_int_eq(decode_hex("04 fde9 0003 c0000201 00", &o, &v, body, sizeof(body)), 0);
}
END_TEST

START_TEST(bgp_id_errors)
{
        uint8_t body[64];
        struct bgp_open o;
        struct bgp_verdict v;
        /* RFC 6286 2.2: zero is bad, and so is ours from an internal peer. */
        assert_open_error("04 fde9 005a 00000000 00", BGP_NOTIFY_OPEN_BAD_BGP_ID);
        opts.local_as = 65001;
        opts.local_id = 0xc0000201;
        assert_open_error("04 fde9 005a c0000201 00", BGP_NOTIFY_OPEN_BAD_BGP_ID);
        /* iBGP through the 4-octet AS capability too. */
        opts.local_as = 4200000001u;
        assert_open_error("04 5ba0 005a c0000201 08 02 06 41 04 fa56ea01",
                          BGP_NOTIFY_OPEN_BAD_BGP_ID);
        /* An external peer may share our identifier. */
        opts.local_as = 65002;
        ck_assert_int_eq(decode_hex("04 fde9 005a c0000201 00", &o, &v, body, sizeof(body)), 0);
        /* Another identifier from an internal peer is fine. */
        opts.local_as = 65001;
        ck_assert_int_eq(decode_hex("04 fde9 005a c0000202 00", &o, &v, body, sizeof(body)), 0);
}
END_TEST

START_TEST(unsupported_parameter)
{
        /* RFC 4271 6.2: a parameter other than Capabilities. */
        assert_open_error("04 fde9 005a c0000201 04 01 02 0000", BGP_NOTIFY_OPEN_UNSUPPORTED_PARAM);
        assert_open_error("04 fde9 005a c0000201 0a 02 06 41 04 0000fde9 03 00",
                          BGP_NOTIFY_OPEN_UNSUPPORTED_PARAM);
        /* The same in the RFC 9072 form. */
        assert_open_error("04 fde9 005a c0000201 ff ff 0003 07 0000",
                          BGP_NOTIFY_OPEN_UNSUPPORTED_PARAM);
}
END_TEST

START_TEST(framing_errors)
{
        static const char *const bad[] = {
            "",                                              /* empty */
            "04 fde9 005a c00002",                           /* fixed part cut */
            "04 fde9 005a c0000201",                         /* no Opt Parm Len */
            "04 fde9 005a c0000201 01",                      /* params overrun */
            "04 fde9 005a c0000201 08 02 06 41 04 0000fd",   /* params overrun */
            "04 fde9 005a c0000201 00 00",                   /* bytes after */
            "04 fde9 005a c0000201 02 02 00 00",             /* bytes after */
            "04 fde9 005a c0000201 01 02",                   /* parameter cut */
            "04 fde9 005a c0000201 03 02 02 41",             /* parameter overruns */
            "04 fde9 005a c0000201 04 02 02 41 04",          /* capability overruns */
            "04 fde9 005a c0000201 03 02 01 41",             /* capability cut */
            "04 fde9 005a c0000201 ff ff 00",                /* ext length cut */
            "04 fde9 005a c0000201 ff ff 0008 02 0004 4104", /* ext params overrun */
            "04 fde9 005a c0000201 ff ff 0002 02 00",        /* ext parameter cut */
            "04 fde9 005a c0000201 ff ff 0003 02 0001 aa",   /* bytes after */
            "04 5ba0 005a c0000203 ff ff 000f 02 0006 41 04 fbc52001 02 0003 06 00 aa",
        };
        for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
                uint8_t body[128];
                struct bgp_open o;
                struct bgp_verdict v;
                size_t n = tu_hex(bad[i], body, sizeof(body));
                ck_assert(n > 0 || bad[i][0] == '\0');
                int rc = bgp_open_decode(body, n, &opts, &o, &v);
                ck_assert_msg(rc == BGP_ERR_MALFORMED, "case %zu", i);
                ck_assert_uint_eq(v.code, BGP_NOTIFY_OPEN);
                ck_assert_msg(v.subcode == BGP_NOTIFY_OPEN_UNSPECIFIC, "case %zu: %u", i,
                              v.subcode);
                ck_assert_uint_eq(v.data_len, 0);
        }
}
END_TEST

/* A known capability with a length wrong for its code is 2/0 (see capability.c). */
START_TEST(bad_capability_length)
{
        static const char *const bad[] = {
            "02 05 01 03 0001 01",       /* MP, 3 */
            "02 07 01 05 0001 00 01 00", /* MP, 5 */
            "02 03 02 01 00",            /* route refresh, 1 */
            "02 03 46 01 00",            /* enhanced route refresh, 1 */
            "02 03 06 01 00",            /* extended message, 1 */
            "02 05 41 03 000001",        /* 4-octet AS, 3 */
            "02 07 41 05 0000000100",    /* 4-octet AS, 5 */
            "02 04 09 02 0000",          /* role, 2 */
            "02 02 09 00",               /* role, 0 */
            "02 03 40 01 00",            /* graceful restart, 1 */
            "02 07 40 05 0078 0001 01",  /* graceful restart, 2 + 3 */
            "02 05 45 03 0001 01",       /* add-path, 3 */
            "02 04 49 02 05 61",         /* FQDN host overruns */
            "02 05 49 03 01 61 01",      /* FQDN domain overruns */
            "02 06 49 04 01 61 00 00",   /* FQDN with a byte after */
            "02 03 49 01 00",            /* FQDN without a domain length */
        };
        for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
                char hex[256];
                uint8_t body[128];
                struct bgp_open o;
                struct bgp_verdict v;
                size_t plen = tu_hex(bad[i], body, sizeof(body));
                snprintf(hex, sizeof(hex), "04 fde9 005a c0000201 %02zx %s", plen, bad[i]);
                int rc = decode_hex(hex, &o, &v, body, sizeof(body));
                ck_assert_msg(rc == BGP_ERR_MALFORMED, "case %zu", i);
                ck_assert_uint_eq(v.code, BGP_NOTIFY_OPEN);
                ck_assert_msg(v.subcode == BGP_NOTIFY_OPEN_UNSPECIFIC, "case %zu", i);
                ck_assert_uint_eq(v.data_len, 0);
        }
}
END_TEST

START_TEST(role_capability)
{
        uint8_t body[64];
        struct bgp_open o;
        struct bgp_verdict v;
        /* The same role twice is fine; RFC 9234 4.2: different roles are a Role Mismatch. */
        ck_assert_int_eq(decode_hex("04 fde9 005a c0000201 0a 02 03 09 01 03 02 03 09 01 03", &o,
                                    &v, body, sizeof(body)),
                         0);
        ck_assert_uint_eq(o.caps.role, BGP_ROLE_CUSTOMER);
        assert_open_error("04 fde9 005a c0000201 0a 02 03 09 01 03 02 03 09 01 00",
                          BGP_NOTIFY_OPEN_ROLE_MISMATCH);
}
END_TEST

START_TEST(lenient_capabilities)
{
        uint8_t body[1024];
        struct bgp_open o;
        struct bgp_verdict v;
        char hex[2048];
        size_t off;

        /* RFC 7911 4: a Send/Receive value outside 1-3 makes ADD-PATH "not understood":
         * kept raw, not interpreted. */
        ck_assert_int_eq(decode_hex("04 fde9 005a c0000201 0a 02 08 45 06 0001 01 04 0002", &o, &v,
                                    body, sizeof(body)),
                         BGP_ERR_MALFORMED); /* 6 is not a multiple of 4 */
        ck_assert_int_eq(decode_hex("04 fde9 005a c0000201 0c 02 0a 45 08 0001 01 01 0002 01 04",
                                    &o, &v, body, sizeof(body)),
                         0);
        ck_assert_uint_eq(o.caps.present & BGP_CAPF_ADD_PATH, 0);
        ck_assert_uint_eq(o.caps.n_addpath, 0);
        ck_assert_uint_eq(o.caps.n_raw, 1);
        ck_assert_uint_eq(o.caps.raw[0].code, BGP_CAP_ADD_PATH);
        ck_assert_uint_eq(o.caps.raw[0].len, 8);
        ck_assert_uint_eq(o.caps.raw[0].value[7], 4);

        /* Unknown capabilities of any length are kept as views; an unknown code's length
         * is never an error. */
        ck_assert_int_eq(decode_hex("04 fde9 005a c0000201 0b 02 09 80 00 fe 05 0102030405", &o, &v,
                                    body, sizeof(body)),
                         0);
        ck_assert_uint_eq(o.caps.present, 0);
        ck_assert_uint_eq(o.caps.n_raw, 2);
        ck_assert_uint_eq(o.caps.raw[0].code, 128);
        ck_assert_uint_eq(o.caps.raw[0].len, 0);
        ck_assert_uint_eq(o.caps.raw[1].code, 0xfe);
        ck_assert_uint_eq(o.caps.raw[1].len, 5);
        ck_assert_ptr_eq(o.caps.raw[1].value, body + 16);
        ck_assert_uint_eq(o.caps.raw[1].value[4], 5);

        /* More MP families than kept: the first BGP_CAPS_MAX_FAMILIES, duplicates once. */
        off = (size_t)snprintf(hex, sizeof(hex), "04 fde9 005a c0000201 %02x 02 %02x", 2 + 6 * 20,
                               6 * 20);
        for (unsigned i = 0; i < 20; i++)
                off += (size_t)snprintf(hex + off, sizeof(hex) - off, " 01 04 %04x 00 01",
                                        i < 2 ? 1u : i);
        ck_assert_int_eq(decode_hex(hex, &o, &v, body, sizeof(body)), 0);
        ck_assert_uint_eq(o.caps.present, BGP_CAPF_MP);
        ck_assert_uint_eq(o.caps.n_mp, BGP_CAPS_MAX_FAMILIES);
        ck_assert_uint_eq(o.caps.mp[0].afi, 1);
        ck_assert_uint_eq(o.caps.mp[1].afi, 2);
        ck_assert_uint_eq(o.caps.mp[BGP_CAPS_MAX_FAMILIES - 1].afi, BGP_CAPS_MAX_FAMILIES);

        /* More unknown capabilities than kept: the rest are dropped, no error. */
        off = (size_t)snprintf(hex, sizeof(hex), "04 fde9 005a c0000201 %02x 02 %02x", 2 + 2 * 40,
                               2 * 40);
        for (unsigned i = 0; i < 40; i++)
                off += (size_t)snprintf(hex + off, sizeof(hex) - off, " %02x 00", 0x80 + i);
        ck_assert_int_eq(decode_hex(hex, &o, &v, body, sizeof(body)), 0);
        ck_assert_uint_eq(o.caps.n_raw, BGP_CAPS_MAX_RAW);
        ck_assert_uint_eq(o.caps.raw[BGP_CAPS_MAX_RAW - 1].code, 0x80 + BGP_CAPS_MAX_RAW - 1);

        /* An empty Capabilities parameter is no error. */
        ck_assert_int_eq(decode_hex("04 fde9 005a c0000201 02 02 00", &o, &v, body, sizeof(body)),
                         0);
        /* RFC 4724 3: the restart flags are the top 4 bits, the time the low 12. */
        ck_assert_int_eq(decode_hex("04 fde9 005a c0000201 0a 02 08 40 06 cfff 0002 01 80", &o, &v,
                                    body, sizeof(body)),
                         0);
        ck_assert_uint_eq(o.caps.gr_flags, 0xc0);
        ck_assert_uint_eq(o.caps.gr_time, 0xfff);
        ck_assert_uint_eq(o.caps.n_gr, 1);
        ck_assert_uint_eq(o.caps.gr[0].afi, 2);
        ck_assert_uint_eq(o.caps.gr[0].flags, 0x80);
        /* A second Graceful Restart capability replaces the first. */
        ck_assert_int_eq(decode_hex("04 fde9 005a c0000201 14 02 08 40 06 8078 0002 01 80"
                                    "02 08 40 06 0010 0001 01 00",
                                    &o, &v, body, sizeof(body)),
                         0);
        ck_assert_uint_eq(o.caps.gr_flags, 0x00);
        ck_assert_uint_eq(o.caps.gr_time, 0x10);
        ck_assert_uint_eq(o.caps.n_gr, 1);
        ck_assert_uint_eq(o.caps.gr[0].afi, 1);
        ck_assert_uint_eq(o.caps.gr[0].flags, 0x00);
}
END_TEST

START_TEST(required_families)
{
        uint8_t body[64];
        struct bgp_open o;
        struct bgp_verdict v;

        /* Peer announces IPv6 unicast only. */
        ck_assert_int_eq(decode_hex("04 fde9 005a c0000201 08 02 06 01 04 0002 00 01", &o, &v, body,
                                    sizeof(body)),
                         0);
        ck_assert_int_eq(bgp_open_check_required(&o, BGP_FAMILY_IPV6_UNICAST, &v), 0);
        ck_assert_int_eq(v.action, BGP_ACTION_OK);
        ck_assert_int_eq(
            bgp_open_check_required(&o, BGP_FAMILY_IPV6_UNICAST | BGP_FAMILY_IPV4_UNICAST, &v),
            BGP_ERR_UNSUPPORTED);
        /* RFC 5492 3: 2/7 with our MP capability for the missing family as data. */
        ck_assert_int_eq(v.action, BGP_ACTION_SESSION_RESET);
        ck_assert_uint_eq(v.code, BGP_NOTIFY_OPEN);
        ck_assert_uint_eq(v.subcode, BGP_NOTIFY_OPEN_UNSUPPORTED_CAPABILITY);
        static const uint8_t want4[6] = {1, 4, 0, 1, 0, 1};
        ck_assert_uint_eq(v.data_len, 6);
        ck_assert_mem_eq(v.data, want4, 6);
        ck_assert_ptr_eq(v.data, v.unsupported_cap);

        /* No MP capability at all: IPv4 unicast only (RFC 4271 without RFC 4760). */
        ck_assert_int_eq(decode_hex("04 fde9 005a c0000201 00", &o, &v, body, sizeof(body)), 0);
        ck_assert_int_eq(bgp_open_check_required(&o, BGP_FAMILY_IPV4_UNICAST, &v), 0);
        ck_assert_int_eq(bgp_open_check_required(&o, BGP_FAMILY_IPV6_UNICAST, &v),
                         BGP_ERR_UNSUPPORTED);
        static const uint8_t want6[6] = {1, 4, 0, 2, 0, 1};
        ck_assert_mem_eq(v.data, want6, 6);

        bgp_verdict_init(&v);
        ck_assert_int_eq(bgp_open_check_required(&o, 1u << 20, &v), BGP_ERR_INVALID_ARGUMENT);
        ck_assert_int_eq(v.action, BGP_ACTION_OK);
}
END_TEST

START_TEST(encode_errors)
{
        uint8_t buf[4096];
        struct bgp_open o;
        static uint8_t big[255];

        full_open(&o);
        o.caps.n_mp = BGP_CAPS_MAX_FAMILIES + 1;
        ck_assert_int_eq(bgp_open_encode(buf, sizeof(buf), &o), BGP_ERR_INVALID_ARGUMENT);
        full_open(&o);
        o.caps.fqdn_host = big;
        o.caps.fqdn_host_len = 200;
        o.caps.fqdn_domain = big;
        o.caps.fqdn_domain_len = 54; /* 2 + 200 + 54 = 256 > 255 */
        ck_assert_int_eq(bgp_open_encode(buf, sizeof(buf), &o), BGP_ERR_INVALID_ARGUMENT);
        o.caps.fqdn_domain_len = 53;
        ck_assert_int_gt(bgp_open_encode(buf, sizeof(buf), &o), 0);

        /* RFC 8654 4: an OPEN never exceeds 4096 octets, whatever the buffer. */
        static uint8_t large[8192];
        memset(&o, 0, sizeof(o));
        o.my_as = 65001;
        o.bgp_id = 1;
        o.caps.n_raw = BGP_CAPS_MAX_RAW;
        for (size_t i = 0; i < BGP_CAPS_MAX_RAW; i++)
                o.caps.raw[i] = (struct bgp_cap_raw){(uint8_t)(0x80 + i), 255, big};
        ck_assert_int_eq(bgp_open_encode(large, sizeof(large), &o), BGP_ERR_NOSPACE);
        o.caps.n_raw = 15; /* 15 * 257 = 3855 octets fit */
        int n = bgp_open_encode(large, sizeof(large), &o);
        ck_assert_int_eq(n, 19 + 10 + 3 + 3 + 15 * 257);
        struct bgp_open back;
        struct bgp_verdict v;
        ck_assert_int_eq(bgp_open_decode(large + 19, (size_t)n - 19, &opts, &back, &v), 0);
        ck_assert(back.ext_opt_params);
        assert_caps_eq(&back.caps, &o.caps);
}
END_TEST

static Suite *open_suite(void)
{
        Suite *s = suite_create("open");
        TCase *tc = tcase_create("open");
        tcase_add_checked_fixture(tc, setup, NULL);
        tcase_add_test(tc, minimal_open);
        tcase_add_test(tc, one_or_many_parameters);
        tcase_add_test(tc, round_trip_every_capability);
        tcase_add_test(tc, encoded_bytes);
        tcase_add_test(tc, extended_optional_parameters);
        tcase_add_test(tc, extended_boundary);
        tcase_add_test(tc, extended_decode);
        tcase_add_test(tc, version_error);
        tcase_add_test(tc, peer_as_errors);
        tcase_add_test(tc, hold_time_errors);
        tcase_add_test(tc, bgp_id_errors);
        tcase_add_test(tc, unsupported_parameter);
        tcase_add_test(tc, framing_errors);
        tcase_add_test(tc, bad_capability_length);
        tcase_add_test(tc, role_capability);
        tcase_add_test(tc, lenient_capabilities);
        tcase_add_test(tc, required_families);
        tcase_add_test(tc, encode_errors);
        suite_add_tcase(s, tc);
        return s;
}

int main(void)
{
        return tu_run(open_suite());
}
