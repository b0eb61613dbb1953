/* check_mrt.c - the MRT record reader, RFC 6396, on hand-made records of every kind. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bgp/bgp.h>

#include "testutil.h"

#define KEEPALIVE_HEX "ffffffffffffffffffffffffffffffff 0013 04"

/* Builds a record: the RFC 6396 2 header, then the message field given in hex. */
static size_t mrt(uint32_t ts, uint16_t type, uint16_t subtype, const char *body_hex, uint8_t *out,
                  size_t cap)
{
        ck_assert_uint_ge(cap, BGP_MRT_HEADER_LEN);
        size_t n = tu_hex(body_hex, out + BGP_MRT_HEADER_LEN, cap - BGP_MRT_HEADER_LEN);
        ck_assert(n > 0 || *body_hex == '\0');
        out[0] = (uint8_t)(ts >> 24);
        out[1] = (uint8_t)(ts >> 16);
        out[2] = (uint8_t)(ts >> 8);
        out[3] = (uint8_t)ts;
        out[4] = (uint8_t)(type >> 8);
        out[5] = (uint8_t)type;
        out[6] = (uint8_t)(subtype >> 8);
        out[7] = (uint8_t)subtype;
        out[8] = (uint8_t)(n >> 24);
        out[9] = (uint8_t)(n >> 16);
        out[10] = (uint8_t)(n >> 8);
        out[11] = (uint8_t)n;
        return BGP_MRT_HEADER_LEN + n;
}

/* ---- BGP4MP ----------------------------------------------------------------------------- */

START_TEST(bgp4mp_message_as4)
{
        uint8_t buf[256];
        struct bgp_mrt_record rec;
        static const uint8_t peer[4] = {192, 0, 2, 1}, local[4] = {192, 0, 2, 2};
        size_t n =
            mrt(1470931200, BGP_MRT_BGP4MP, BGP_MRT_BGP4MP_MESSAGE_AS4,
                "0000fde8 00003039 0007 0001 c0000201 c0000202" KEEPALIVE_HEX, buf, sizeof(buf));

        ck_assert_int_eq(bgp_mrt_record_decode(buf, n, &rec), 0);
        ck_assert_uint_eq(rec.record_len, n);
        ck_assert_uint_eq(rec.timestamp, 1470931200);
        ck_assert_uint_eq(rec.microseconds, 0);
        ck_assert_uint_eq(rec.type, BGP_MRT_BGP4MP);
        ck_assert_uint_eq(rec.subtype, BGP_MRT_BGP4MP_MESSAGE_AS4);
        ck_assert_int_eq(rec.kind, BGP_MRT_KIND_BGP4MP_MESSAGE);
        ck_assert_uint_eq(rec.u.bgp4mp.peer_as, 65000);
        ck_assert_uint_eq(rec.u.bgp4mp.local_as, 12345);
        ck_assert_uint_eq(rec.u.bgp4mp.ifindex, 7);
        ck_assert_uint_eq(rec.u.bgp4mp.afi, BGP_AFI_IPV4);
        ck_assert_mem_eq(rec.u.bgp4mp.peer_addr, peer, 4);
        ck_assert_mem_eq(rec.u.bgp4mp.local_addr, local, 4);
        ck_assert(rec.u.bgp4mp.as4);
        ck_assert(!rec.u.bgp4mp.local);
        ck_assert(!rec.u.bgp4mp.addpath);
        ck_assert_uint_eq(rec.u.bgp4mp.msg_len, 19);
        ck_assert_ptr_eq(rec.u.bgp4mp.msg, buf + n - 19);

        /* The embedded message goes to the codec as it is. */
        struct bgp_codec_opts opts;
        struct bgp_msg msg;
        struct bgp_verdict v;
        bgp_mrt_codec_opts_init(&opts, &rec);
        ck_assert(opts.as4);
        ck_assert(opts.ext_msg);
        ck_assert_int_eq(bgp_msg_decode(rec.u.bgp4mp.msg, rec.u.bgp4mp.msg_len, &opts, &msg, &v),
                         0);
        ck_assert_int_eq(msg.hdr.type, BGP_MSG_KEEPALIVE);
}
END_TEST

START_TEST(bgp4mp_message_2byte_ipv6)
{
        uint8_t buf[256];
        struct bgp_mrt_record rec;
        size_t n =
            mrt(1, BGP_MRT_BGP4MP, BGP_MRT_BGP4MP_MESSAGE,
                "fde8 3039 0000 0002"
                "20010db8000000000000000000000001 20010db8000000000000000000000002" KEEPALIVE_HEX,
                buf, sizeof(buf));

        ck_assert_int_eq(bgp_mrt_record_decode(buf, n, &rec), 0);
        ck_assert_int_eq(rec.kind, BGP_MRT_KIND_BGP4MP_MESSAGE);
        ck_assert_uint_eq(rec.u.bgp4mp.peer_as, 65000);
        ck_assert_uint_eq(rec.u.bgp4mp.local_as, 12345);
        ck_assert_uint_eq(rec.u.bgp4mp.afi, BGP_AFI_IPV6);
        ck_assert_uint_eq(rec.u.bgp4mp.peer_addr[15], 1);
        ck_assert_uint_eq(rec.u.bgp4mp.local_addr[15], 2);
        ck_assert(!rec.u.bgp4mp.as4);
        ck_assert_uint_eq(rec.u.bgp4mp.msg_len, 19);

        /* RFC 6396 4.4.2: a 2-octet AS subtype means the session had no 4-octet AS. */
        struct bgp_codec_opts opts;
        bgp_mrt_codec_opts_init(&opts, &rec);
        ck_assert(!opts.as4);
        ck_assert_uint_eq(opts.families, BGP_FAMILY_IPV4_UNICAST | BGP_FAMILY_IPV6_UNICAST |
                                             BGP_FAMILY_IPV4_MULTICAST | BGP_FAMILY_IPV6_MULTICAST);
        ck_assert_uint_eq(opts.local_as, 0);
        ck_assert_uint_eq(opts.remote_as, 0);
}
END_TEST

START_TEST(bgp4mp_local_and_addpath)
{
        uint8_t buf[256];
        struct bgp_mrt_record rec;
        size_t n =
            mrt(1, BGP_MRT_BGP4MP, BGP_MRT_BGP4MP_MESSAGE_AS4_LOCAL,
                "0000fde8 00003039 0000 0001 c0000201 c0000202" KEEPALIVE_HEX, buf, sizeof(buf));
        ck_assert_int_eq(bgp_mrt_record_decode(buf, n, &rec), 0);
        ck_assert(rec.u.bgp4mp.local);
        ck_assert(rec.u.bgp4mp.as4);
        ck_assert(!rec.u.bgp4mp.addpath);

        n = mrt(1, BGP_MRT_BGP4MP, BGP_MRT_BGP4MP_MESSAGE_ADDPATH,
                "fde8 3039 0000 0001 c0000201 c0000202" KEEPALIVE_HEX, buf, sizeof(buf));
        ck_assert_int_eq(bgp_mrt_record_decode(buf, n, &rec), 0);
        ck_assert_int_eq(rec.kind, BGP_MRT_KIND_BGP4MP_MESSAGE);
        ck_assert(rec.u.bgp4mp.addpath);
        ck_assert(!rec.u.bgp4mp.as4);
        ck_assert(!rec.u.bgp4mp.local);
}
END_TEST

START_TEST(bgp4mp_state_change)
{
        uint8_t buf[256];
        struct bgp_mrt_record rec;
        size_t n = mrt(5, BGP_MRT_BGP4MP, BGP_MRT_BGP4MP_STATE_CHANGE,
                       "fde8 3039 0000 0001 c0000201 c0000202 0003 0006", buf, sizeof(buf));

        ck_assert_int_eq(bgp_mrt_record_decode(buf, n, &rec), 0);
        ck_assert_int_eq(rec.kind, BGP_MRT_KIND_BGP4MP_STATE);
        ck_assert_uint_eq(rec.u.bgp4mp.peer_as, 65000);
        ck_assert_uint_eq(rec.u.bgp4mp.old_state, BGP_MRT_STATE_ACTIVE);
        ck_assert_uint_eq(rec.u.bgp4mp.new_state, BGP_MRT_STATE_ESTABLISHED);
        ck_assert_ptr_null(rec.u.bgp4mp.msg);
        ck_assert_str_eq(bgp_mrt_state_name(rec.u.bgp4mp.new_state), "Established");

        n = mrt(5, BGP_MRT_BGP4MP, BGP_MRT_BGP4MP_STATE_CHANGE_AS4,
                "fbf00001 0000fde8 0000 0002"
                "20010db8000000000000000000000001 20010db8000000000000000000000002"
                "0006 0001",
                buf, sizeof(buf));
        ck_assert_int_eq(bgp_mrt_record_decode(buf, n, &rec), 0);
        ck_assert_int_eq(rec.kind, BGP_MRT_KIND_BGP4MP_STATE);
        ck_assert_uint_eq(rec.u.bgp4mp.peer_as, 4226809857u);
        ck_assert_uint_eq(rec.u.bgp4mp.local_as, 65000);
        ck_assert_uint_eq(rec.u.bgp4mp.afi, BGP_AFI_IPV6);
        ck_assert_uint_eq(rec.u.bgp4mp.old_state, BGP_MRT_STATE_ESTABLISHED);
        ck_assert_uint_eq(rec.u.bgp4mp.new_state, BGP_MRT_STATE_IDLE);
}
END_TEST

START_TEST(bgp4mp_et)
{
        uint8_t buf[256];
        struct bgp_mrt_record rec;
        /* RFC 6396 3: the microseconds come first and count in the length. */
        size_t n = mrt(1445565660, BGP_MRT_BGP4MP_ET, BGP_MRT_BGP4MP_MESSAGE_AS4,
                       "000f4239 00000f10 00003039 0000 0001 cedce737 cedce701" KEEPALIVE_HEX, buf,
                       sizeof(buf));

        ck_assert_int_eq(bgp_mrt_record_decode(buf, n, &rec), 0);
        ck_assert_uint_eq(rec.timestamp, 1445565660);
        ck_assert_uint_eq(rec.microseconds, 999993);
        ck_assert_int_eq(rec.kind, BGP_MRT_KIND_BGP4MP_MESSAGE);
        ck_assert_uint_eq(rec.u.bgp4mp.peer_as, 3856);
        ck_assert_uint_eq(rec.body_len, n - BGP_MRT_HEADER_LEN - 4);
        ck_assert_uint_eq(rec.u.bgp4mp.msg_len, 19);
        ck_assert_str_eq(bgp_mrt_type_name(rec.type), "BGP4MP_ET");
        ck_assert_str_eq(bgp_mrt_subtype_name(rec.type, rec.subtype), "MESSAGE_AS4");

        n = mrt(1, BGP_MRT_BGP4MP_ET, BGP_MRT_BGP4MP_STATE_CHANGE,
                "00000001 fde8 3039 0000 0001 c0000201 c0000202 0001 0002", buf, sizeof(buf));
        ck_assert_int_eq(bgp_mrt_record_decode(buf, n, &rec), 0);
        ck_assert_int_eq(rec.kind, BGP_MRT_KIND_BGP4MP_STATE);
        ck_assert_uint_eq(rec.microseconds, 1);
        ck_assert_uint_eq(rec.u.bgp4mp.new_state, BGP_MRT_STATE_CONNECT);

        /* An _ET record too short for its microseconds is framed, but malformed. */
        n = mrt(1, BGP_MRT_BGP4MP_ET, BGP_MRT_BGP4MP_MESSAGE_AS4, "000001", buf, sizeof(buf));
        ck_assert_int_eq(bgp_mrt_record_decode(buf, n, &rec), BGP_ERR_MALFORMED);
        ck_assert_uint_eq(rec.record_len, n);
}
END_TEST

START_TEST(bgp4mp_malformed)
{
        static const char *bodies[] = {
            /* AFI 3: the address length is unknown */
            "fde8 3039 0000 0003 c0000201 c0000202 0001 0002",
            /* STATE_CHANGE with an octet left over */
            "fde8 3039 0000 0001 c0000201 c0000202 0001 0002 00",
            /* STATE_CHANGE that stops inside the new state */
            "fde8 3039 0000 0001 c0000201 c0000202 0001 00",
            /* the local address is cut */
            "fde8 3039 0000 0001 c0000201 c000",
        };
        uint8_t buf[256];
        struct bgp_mrt_record rec;

        for (size_t i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++) {
                size_t n = mrt(1, BGP_MRT_BGP4MP, BGP_MRT_BGP4MP_STATE_CHANGE, bodies[i], buf,
                               sizeof(buf));
                ck_assert_int_eq(bgp_mrt_record_decode(buf, n, &rec), BGP_ERR_MALFORMED);
                /* Framed all the same: the caller can skip it and go on. */
                ck_assert_uint_eq(rec.record_len, n);
                ck_assert_int_eq(rec.kind, BGP_MRT_KIND_OTHER);
        }
        /* A MESSAGE whose addresses are cut. */
        size_t n = mrt(1, BGP_MRT_BGP4MP, BGP_MRT_BGP4MP_MESSAGE_AS4,
                       "0000fde8 00003039 0000 0002 2001", buf, sizeof(buf));
        ck_assert_int_eq(bgp_mrt_record_decode(buf, n, &rec), BGP_ERR_MALFORMED);
}
END_TEST

/* ---- framing ---------------------------------------------------------------------------- */

START_TEST(truncated_record)
{
        uint8_t buf[256];
        struct bgp_mrt_record rec;
        size_t n =
            mrt(1, BGP_MRT_BGP4MP, BGP_MRT_BGP4MP_MESSAGE_AS4,
                "0000fde8 00003039 0000 0001 c0000201 c0000202" KEEPALIVE_HEX, buf, sizeof(buf));

        /* Every cut is "more bytes needed", never a misread. */
        for (size_t cut = 0; cut < n; cut++) {
                ck_assert_int_eq(bgp_mrt_record_decode(buf, cut, &rec), BGP_ERR_SHORT);
                ck_assert_uint_eq(rec.record_len, cut < BGP_MRT_HEADER_LEN ? 0 : n);
        }
        ck_assert_int_eq(bgp_mrt_record_decode(buf, n, &rec), 0);
}
END_TEST

START_TEST(back_to_back)
{
        uint8_t buf[512];
        struct bgp_mrt_record rec;
        size_t n = 0;
        n += mrt(1, BGP_MRT_BGP4MP, BGP_MRT_BGP4MP_STATE_CHANGE,
                 "fde8 3039 0000 0001 c0000201 c0000202 0001 0002", buf + n, sizeof(buf) - n);
        /* An unknown type (OSPFv2, 11), and an unknown BGP4MP subtype (ENTRY, 3). */
        n += mrt(2, 11, 0, "0102030405", buf + n, sizeof(buf) - n);
        n += mrt(3, BGP_MRT_BGP4MP, 3, "00", buf + n, sizeof(buf) - n);
        n += mrt(4, 99, 1, "", buf + n, sizeof(buf) - n);
        n += mrt(5, BGP_MRT_BGP4MP, BGP_MRT_BGP4MP_MESSAGE_AS4,
                 "0000fde8 00003039 0000 0001 c0000201 c0000202" KEEPALIVE_HEX, buf + n,
                 sizeof(buf) - n);

        static const struct {
                uint32_t ts;
                enum bgp_mrt_kind kind;
        } want[] = {
            {1, BGP_MRT_KIND_BGP4MP_STATE},   {2, BGP_MRT_KIND_OTHER},
            {3, BGP_MRT_KIND_OTHER},          {4, BGP_MRT_KIND_OTHER},
            {5, BGP_MRT_KIND_BGP4MP_MESSAGE},
        };
        size_t off = 0;
        for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
                ck_assert_int_eq(bgp_mrt_record_decode(buf + off, n - off, &rec), 0);
                ck_assert_uint_eq(rec.timestamp, want[i].ts);
                ck_assert_int_eq(rec.kind, want[i].kind);
                off += rec.record_len;
        }
        ck_assert_uint_eq(off, n);
        ck_assert_int_eq(bgp_mrt_record_decode(buf + off, 0, &rec), BGP_ERR_SHORT);
}
END_TEST

START_TEST(huge_length_is_short)
{
        /* A 4 GiB record is framed (the length is 32 bits) and simply needs more bytes. */
        uint8_t buf[BGP_MRT_HEADER_LEN] = {0, 0, 0, 1, 0, 13, 0, 4, 0xff, 0xff, 0xff, 0xff};
        struct bgp_mrt_record rec;
        ck_assert_int_eq(bgp_mrt_record_decode(buf, sizeof(buf), &rec), BGP_ERR_SHORT);
        ck_assert_uint_eq(rec.record_len, (size_t)0xffffffffu + BGP_MRT_HEADER_LEN);
}
END_TEST

/* ---- TABLE_DUMP_V2 ---------------------------------------------------------------------- */

START_TEST(peer_index_table)
{
        uint8_t buf[256];
        struct bgp_mrt_record rec;
        struct bgp_mrt_peer_iter it;
        struct bgp_mrt_peer p;
        size_t n = mrt(1, BGP_MRT_TABLE_DUMP_V2, BGP_MRT_PEER_INDEX_TABLE,
                       "c0000201 0004 74657374 0003"
                       /* IPv4, 2-octet AS */
                       "00 0a000001 c6336401 fde8"
                       /* IPv6, 4-octet AS */
                       "03 0a000002 20010db8000000000000000000000001 fbf00001"
                       /* IPv4, 4-octet AS */
                       "02 0a000003 c6336403 00000d05",
                       buf, sizeof(buf));

        ck_assert_int_eq(bgp_mrt_record_decode(buf, n, &rec), 0);
        ck_assert_int_eq(rec.kind, BGP_MRT_KIND_PEER_INDEX);
        ck_assert_uint_eq(rec.u.peer_index.collector_id, 0xc0000201);
        ck_assert_uint_eq(rec.u.peer_index.view_name_len, 4);
        ck_assert_mem_eq(rec.u.peer_index.view_name, "test", 4);
        ck_assert_uint_eq(rec.u.peer_index.peer_count, 3);

        bgp_mrt_peer_iter_init(&it, &rec.u.peer_index);
        ck_assert_int_eq(bgp_mrt_peer_iter_next(&it, &p), 1);
        ck_assert_uint_eq(p.bgp_id, 0x0a000001);
        ck_assert_uint_eq(p.afi, BGP_AFI_IPV4);
        ck_assert_uint_eq(p.addr[0], 0xc6);
        ck_assert_uint_eq(p.asn, 65000);
        ck_assert_int_eq(bgp_mrt_peer_iter_next(&it, &p), 1);
        ck_assert_uint_eq(p.afi, BGP_AFI_IPV6);
        ck_assert_uint_eq(p.addr[1], 0x01);
        ck_assert_uint_eq(p.addr[15], 0x01);
        ck_assert_uint_eq(p.asn, 4226809857u);
        ck_assert_int_eq(bgp_mrt_peer_iter_next(&it, &p), 1);
        ck_assert_uint_eq(p.afi, BGP_AFI_IPV4);
        ck_assert_uint_eq(p.asn, 3333);
        ck_assert_int_eq(bgp_mrt_peer_iter_next(&it, &p), 0);
        ck_assert_int_eq(bgp_mrt_peer_iter_next(&it, &p), 0);
}
END_TEST

START_TEST(peer_index_bad_counts)
{
        static const char *bodies[] = {
            /* three peers announced, two present */
            "c0000201 0000 0003 00 0a000001 c6336401 fde8 00 0a000001 c6336401 fde8",
            /* one peer announced, two present */
            "c0000201 0000 0001 00 0a000001 c6336401 fde8 00 0a000001 c6336401 fde8",
            /* the view name runs past the record */
            "c0000201 00ff 74657374",
            /* an IPv6 peer with an IPv4-sized address */
            "c0000201 0000 0001 01 0a000001 c6336401 fde8",
        };
        uint8_t buf[256];
        struct bgp_mrt_record rec;

        for (size_t i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++) {
                size_t n = mrt(1, BGP_MRT_TABLE_DUMP_V2, BGP_MRT_PEER_INDEX_TABLE, bodies[i], buf,
                               sizeof(buf));
                ck_assert_int_eq(bgp_mrt_record_decode(buf, n, &rec), BGP_ERR_MALFORMED);
                ck_assert_uint_eq(rec.record_len, n);
        }
}
END_TEST

/* ORIGIN IGP, AS_PATH 65000 65001 (4-octet), and the abbreviated MP_REACH_NLRI. */
#define RIB_ATTRS_V6                                                                               \
        "40010100 40020a02020000fde80000fde9 800e11 10 20010db8000000000000000000000001"

START_TEST(rib_ipv6_unicast)
{
        uint8_t buf[512];
        struct bgp_mrt_record rec;
        struct bgp_mrt_rib_iter it;
        struct bgp_mrt_rib_entry e;
        char text[64];
        size_t n = mrt(1, BGP_MRT_TABLE_DUMP_V2, BGP_MRT_RIB_IPV6_UNICAST,
                       "0000002a 20 20010db8 0002"
                       "0000 5f000000 0025" RIB_ATTRS_V6 "0001 5f000001 0004 40010102",
                       buf, sizeof(buf));

        ck_assert_int_eq(bgp_mrt_record_decode(buf, n, &rec), 0);
        ck_assert_int_eq(rec.kind, BGP_MRT_KIND_RIB);
        ck_assert_uint_eq(rec.u.rib.seq, 42);
        ck_assert_uint_eq(rec.u.rib.afi, BGP_AFI_IPV6);
        ck_assert_uint_eq(rec.u.rib.safi, BGP_SAFI_UNICAST);
        ck_assert(!rec.u.rib.addpath);
        bgp_prefix_format(&rec.u.rib.prefix, text, sizeof(text));
        ck_assert_str_eq(text, "2001:db8::/32");
        ck_assert_uint_eq(rec.u.rib.entry_count, 2);

        bgp_mrt_rib_iter_init(&it, &rec.u.rib);
        ck_assert_int_eq(bgp_mrt_rib_iter_next(&it, &e), 1);
        ck_assert_uint_eq(e.peer_index, 0);
        ck_assert_uint_eq(e.originated, 0x5f000000);
        ck_assert_uint_eq(e.path_id, 0);
        ck_assert_uint_eq(e.attrs_len, 0x25);
        ck_assert_uint_eq(e.attrs[0], 0x40);
        ck_assert_int_eq(bgp_mrt_rib_iter_next(&it, &e), 1);
        ck_assert_uint_eq(e.peer_index, 1);
        ck_assert_uint_eq(e.attrs_len, 4);
        ck_assert_int_eq(bgp_mrt_rib_iter_next(&it, &e), 0);
}
END_TEST

START_TEST(rib_ipv4_addpath_and_generic)
{
        uint8_t buf[512];
        struct bgp_mrt_record rec;
        struct bgp_mrt_rib_iter it;
        struct bgp_mrt_rib_entry e;
        char text[64];
        /* RFC 8050 4: the path identifier follows the originated time. */
        size_t n =
            mrt(1, BGP_MRT_TABLE_DUMP_V2, BGP_MRT_RIB_IPV4_UNICAST_ADDPATH,
                "00000001 17 c63364 0001 0003 5f000000 00000007 0004 40010100", buf, sizeof(buf));
        ck_assert_int_eq(bgp_mrt_record_decode(buf, n, &rec), 0);
        ck_assert_int_eq(rec.kind, BGP_MRT_KIND_RIB);
        ck_assert(rec.u.rib.addpath);
        bgp_prefix_format(&rec.u.rib.prefix, text, sizeof(text));
        ck_assert_str_eq(text, "198.51.100.0/23");
        bgp_mrt_rib_iter_init(&it, &rec.u.rib);
        ck_assert_int_eq(bgp_mrt_rib_iter_next(&it, &e), 1);
        ck_assert_uint_eq(e.peer_index, 3);
        ck_assert_uint_eq(e.path_id, 7);
        ck_assert_uint_eq(e.attrs_len, 4);

        /* RFC 6396 4.3.3: RIB_GENERIC carries AFI and SAFI itself. */
        n = mrt(1, BGP_MRT_TABLE_DUMP_V2, BGP_MRT_RIB_GENERIC,
                "00000001 0002 02 30 20010db80001 0001 0000 5f000000 0004 40010100", buf,
                sizeof(buf));
        ck_assert_int_eq(bgp_mrt_record_decode(buf, n, &rec), 0);
        ck_assert_int_eq(rec.kind, BGP_MRT_KIND_RIB);
        ck_assert_uint_eq(rec.u.rib.afi, BGP_AFI_IPV6);
        ck_assert_uint_eq(rec.u.rib.safi, BGP_SAFI_MULTICAST);
        bgp_prefix_format(&rec.u.rib.prefix, text, sizeof(text));
        ck_assert_str_eq(text, "2001:db8:1::/48");

        /* A family whose NLRI is not a plain prefix (L3VPN, SAFI 128) is left alone. */
        n = mrt(1, BGP_MRT_TABLE_DUMP_V2, BGP_MRT_RIB_GENERIC, "00000001 0001 80 00", buf,
                sizeof(buf));
        ck_assert_int_eq(bgp_mrt_record_decode(buf, n, &rec), 0);
        ck_assert_int_eq(rec.kind, BGP_MRT_KIND_OTHER);

        /* So are subtypes this reader does not know, such as GEO_PEER_TABLE (RFC 9069). */
        n = mrt(1, BGP_MRT_TABLE_DUMP_V2, 7, "0102", buf, sizeof(buf));
        ck_assert_int_eq(bgp_mrt_record_decode(buf, n, &rec), 0);
        ck_assert_int_eq(rec.kind, BGP_MRT_KIND_OTHER);
}
END_TEST

START_TEST(rib_malformed)
{
        static const struct {
                uint16_t subtype;
                const char *body;
        } cases[] = {
            /* two entries announced, one present */
            {BGP_MRT_RIB_IPV6_UNICAST, "00000001 20 20010db8 0002 0000 5f000000 0000"},
            /* one entry announced, bytes left over */
            {BGP_MRT_RIB_IPV6_UNICAST, "00000001 20 20010db8 0001 0000 5f000000 0000 00"},
            /* an attribute length past the record */
            {BGP_MRT_RIB_IPV4_UNICAST, "00000001 18 c63364 0001 0000 5f000000 0010 4001"},
            /* a prefix longer than the family allows */
            {BGP_MRT_RIB_IPV4_UNICAST, "00000001 21 c0000201 00 0000"},
            /* a prefix cut by the record's end */
            {BGP_MRT_RIB_IPV6_UNICAST, "00000001 40 20010db8"},
            /* the ADD-PATH form without its path identifier */
            {BGP_MRT_RIB_IPV4_UNICAST_ADDPATH, "00000001 18 c63364 0001 0000 5f000000 0000"},
        };
        uint8_t buf[256];
        struct bgp_mrt_record rec;

        for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
                size_t n = mrt(1, BGP_MRT_TABLE_DUMP_V2, cases[i].subtype, cases[i].body, buf,
                               sizeof(buf));
                ck_assert_msg(bgp_mrt_record_decode(buf, n, &rec) == BGP_ERR_MALFORMED, "case %zu",
                              i);
                ck_assert_uint_eq(rec.record_len, n);
        }
}
END_TEST

START_TEST(rib_over_64k)
{
        /* 300 entries of 251 octets: a record of about 75 KB, like the RIS one in
         * ../shared/data/mrt (RFC 6396 2: the record length is 32 bits). */
        enum {
                ENTRIES = 300,
                ATTR = 240
        };
        size_t body = 4 + 1 + 4 + 2 + (size_t)ENTRIES * (2 + 4 + 2 + 3 + ATTR);
        size_t len = BGP_MRT_HEADER_LEN + body;
        uint8_t *buf = calloc(1, len);
        struct bgp_mrt_record rec;
        struct bgp_mrt_rib_iter it;
        struct bgp_mrt_rib_entry e;
        ck_assert_ptr_nonnull(buf);
        ck_assert_uint_gt(len, 65536);

        uint8_t *p = buf;
        static const uint8_t hdr[] = {0, 0, 0, 1, 0, 13, 0, 4};
        memcpy(p, hdr, sizeof(hdr));
        p[8] = (uint8_t)(body >> 24);
        p[9] = (uint8_t)(body >> 16);
        p[10] = (uint8_t)(body >> 8);
        p[11] = (uint8_t)body;
        p += BGP_MRT_HEADER_LEN;
        static const uint8_t fixed[] = {0, 0, 0, 9, 32, 0x20, 0x01, 0x0d, 0xb8};
        memcpy(p, fixed, sizeof(fixed));
        p += sizeof(fixed);
        *p++ = ENTRIES >> 8;
        *p++ = ENTRIES & 0xff;
        for (unsigned i = 0; i < ENTRIES; i++) {
                *p++ = (uint8_t)(i >> 8);
                *p++ = (uint8_t)i;
                p += 4;
                *p++ = 0;
                *p++ = 3 + ATTR;
                /* an unknown optional transitive attribute */
                *p++ = 0xc0;
                *p++ = 99;
                *p++ = ATTR;
                memset(p, (int)(i & 0xff), ATTR);
                p += ATTR;
        }
        ck_assert_uint_eq((size_t)(p - buf), len);

        ck_assert_int_eq(bgp_mrt_record_decode(buf, len - 1, &rec), BGP_ERR_SHORT);
        ck_assert_uint_eq(rec.record_len, len);
        ck_assert_int_eq(bgp_mrt_record_decode(buf, len, &rec), 0);
        ck_assert_uint_eq(rec.record_len, len);
        ck_assert_int_eq(rec.kind, BGP_MRT_KIND_RIB);
        ck_assert_uint_eq(rec.u.rib.entry_count, ENTRIES);
        bgp_mrt_rib_iter_init(&it, &rec.u.rib);
        unsigned count = 0;
        while (bgp_mrt_rib_iter_next(&it, &e) == 1) {
                ck_assert_uint_eq(e.peer_index, count);
                ck_assert_uint_eq(e.attrs_len, 3 + ATTR);
                ck_assert_uint_eq(e.attrs[3], count & 0xff);
                count++;
        }
        ck_assert_uint_eq(count, ENTRIES);
        free(buf);
}
END_TEST

/* ---- RIB entries and the codec ---------------------------------------------------------- */

/* Decodes a one-entry RIB_IPV6_UNICAST record for 2001:db8::/32 with the given attributes. */
static void one_entry(const char *attrs_hex, uint8_t *buf, size_t cap, struct bgp_mrt_record *rec,
                      struct bgp_mrt_rib_entry *e)
{
        char body[4096];
        uint8_t attrs[1024];
        size_t alen = tu_hex(attrs_hex, attrs, sizeof(attrs));
        struct bgp_mrt_rib_iter it;

        snprintf(body, sizeof(body), "00000001 20 20010db8 0001 0000 5f000000 %04zx %s", alen,
                 attrs_hex);
        size_t n = mrt(1, BGP_MRT_TABLE_DUMP_V2, BGP_MRT_RIB_IPV6_UNICAST, body, buf, cap);
        ck_assert_int_eq(bgp_mrt_record_decode(buf, n, rec), 0);
        bgp_mrt_rib_iter_init(&it, &rec->u.rib);
        ck_assert_int_eq(bgp_mrt_rib_iter_next(&it, e), 1);
}

static void expect_update(const char *attrs_hex, const char *want_attrs_hex)
{
        uint8_t buf[2048], out[BGP_MRT_RIB_UPDATE_MAX], want[1024];
        struct bgp_mrt_record rec;
        struct bgp_mrt_rib_entry e;
        size_t wlen = tu_hex(want_attrs_hex, want + 4, sizeof(want) - 4);

        one_entry(attrs_hex, buf, sizeof(buf), &rec, &e);
        want[0] = 0;
        want[1] = 0;
        want[2] = (uint8_t)(wlen >> 8);
        want[3] = (uint8_t)wlen;
        int n = bgp_mrt_rib_entry_update(&rec.u.rib, &e, out, sizeof(out));
        ck_assert_int_eq(n, (int)wlen + 4);
        ck_assert_mem_eq(out, want, wlen + 4);
        /* Too small a buffer is an error, never a truncation. */
        ck_assert_int_eq(bgp_mrt_rib_entry_update(&rec.u.rib, &e, out, (size_t)n - 1),
                         BGP_ERR_NOSPACE);
}

#define NH_V6 "20010db8000000000000000000000001"

START_TEST(rib_mp_reach_abbreviated)
{
        /* RFC 6396 4.3.4: next-hop length and next hop only; the family is the record's. */
        expect_update("40010100 800e11 10" NH_V6, "40010100 800e15 0002 01 10" NH_V6 "00");
        /* A 32-octet next hop (global and link-local). */
        expect_update("800e21 20" NH_V6 "fe800000000000000000000000000001",
                      "800e25 0002 01 20" NH_V6 "fe800000000000000000000000000001 00");
        /* An abbreviated form sent with the Extended Length bit keeps it. */
        expect_update("900e0011 10" NH_V6 "40010100", "900e0015 0002 01 10" NH_V6 "00 40010100");
}
END_TEST

START_TEST(rib_mp_reach_full)
{
        /* RouteViews and RIS: the RFC 4760 form with the NLRI of the UPDATE received. */
        expect_update("40010100 800e1c 0002 01 10" NH_V6
                      "00 30 20010db80001 40020a02020000fde80000fde9",
                      "40010100 800e15 0002 01 10" NH_V6 "00 40020a02020000fde80000fde9");
        /* The full form without NLRI is already normal. */
        expect_update("800e15 0002 01 10" NH_V6 "00", "800e15 0002 01 10" NH_V6 "00");
        /* Neither form (the next hop runs past the value): passed on for the codec. */
        expect_update("800e06 0002 01 10 2001", "800e06 0002 01 10 2001");
        /* Broken attribute framing is passed on as it is. */
        expect_update("40010100 4002ff 0202", "40010100 4002ff 0202");
}
END_TEST

START_TEST(rib_entry_decode)
{
        uint8_t buf[2048], scratch[BGP_MRT_RIB_UPDATE_MAX];
        struct bgp_mrt_record rec;
        struct bgp_mrt_rib_entry e;
        struct bgp_update upd;
        struct bgp_verdict v;
        struct bgp_as_path_iter pit;
        struct bgp_as_segment seg;

        one_entry(RIB_ATTRS_V6, buf, sizeof(buf), &rec, &e);
        ck_assert_int_eq(
            bgp_mrt_rib_entry_decode(&rec.u.rib, &e, scratch, sizeof(scratch), &upd, &v), 0);
        ck_assert_int_eq(v.action, BGP_ACTION_OK);
        ck_assert(bgp_attrs_has(&upd.attrs, BGP_ATTR_ORIGIN));
        ck_assert(bgp_attrs_has(&upd.attrs, BGP_ATTR_MP_REACH_NLRI));
        ck_assert_uint_eq(upd.attrs.mp_reach.afi, BGP_AFI_IPV6);
        ck_assert_uint_eq(upd.attrs.mp_reach.safi, BGP_SAFI_UNICAST);
        ck_assert_uint_eq(upd.attrs.mp_reach.nh_len, 16);
        ck_assert_uint_eq(upd.attrs.mp_reach.nh[15], 1);
        ck_assert_uint_eq(upd.attrs.mp_reach.nlri.len, 0);
        /* RFC 6396 4.3.4: AS numbers in RIB entries are 4 octets. */
        ck_assert_uint_eq(upd.attrs.as_path.asn_size, 4);
        bgp_as_path_iter_init(&pit, &upd.attrs.as_path);
        ck_assert_int_eq(bgp_as_path_iter_next(&pit, &seg), 1);
        ck_assert_uint_eq(seg.count, 2);
        ck_assert_uint_eq(seg.asn[1], 65001);
}
END_TEST

START_TEST(names)
{
        ck_assert_str_eq(bgp_mrt_type_name(BGP_MRT_TABLE_DUMP_V2), "TABLE_DUMP_V2");
        ck_assert_ptr_null(bgp_mrt_type_name(99));
        ck_assert_str_eq(bgp_mrt_subtype_name(BGP_MRT_TABLE_DUMP_V2, BGP_MRT_RIB_IPV6_UNICAST),
                         "RIB_IPV6_UNICAST");
        ck_assert_str_eq(bgp_mrt_subtype_name(BGP_MRT_BGP4MP, BGP_MRT_BGP4MP_STATE_CHANGE_AS4),
                         "STATE_CHANGE_AS4");
        ck_assert_ptr_null(bgp_mrt_subtype_name(BGP_MRT_BGP4MP, 3));
        ck_assert_ptr_null(bgp_mrt_state_name(0));
        ck_assert_str_eq(bgp_mrt_state_name(BGP_MRT_STATE_OPENCONFIRM), "OpenConfirm");
}
END_TEST

static Suite *mrt_suite(void)
{
        Suite *s = suite_create("mrt");
        TCase *tc = tcase_create("bgp4mp");
        tcase_add_test(tc, bgp4mp_message_as4);
        tcase_add_test(tc, bgp4mp_message_2byte_ipv6);
        tcase_add_test(tc, bgp4mp_local_and_addpath);
        tcase_add_test(tc, bgp4mp_state_change);
        tcase_add_test(tc, bgp4mp_et);
        tcase_add_test(tc, bgp4mp_malformed);
        suite_add_tcase(s, tc);

        tc = tcase_create("framing");
        tcase_add_test(tc, truncated_record);
        tcase_add_test(tc, back_to_back);
        tcase_add_test(tc, huge_length_is_short);
        tcase_add_test(tc, names);
        suite_add_tcase(s, tc);

        tc = tcase_create("table_dump_v2");
        tcase_add_test(tc, peer_index_table);
        tcase_add_test(tc, peer_index_bad_counts);
        tcase_add_test(tc, rib_ipv6_unicast);
        tcase_add_test(tc, rib_ipv4_addpath_and_generic);
        tcase_add_test(tc, rib_malformed);
        tcase_add_test(tc, rib_over_64k);
        suite_add_tcase(s, tc);

        tc = tcase_create("rib_entries");
        tcase_add_test(tc, rib_mp_reach_abbreviated);
        tcase_add_test(tc, rib_mp_reach_full);
        tcase_add_test(tc, rib_entry_decode);
        suite_add_tcase(s, tc);
        return s;
}

int main(void)
{
        return tu_run(mrt_suite());
}
