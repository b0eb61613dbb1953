/*
 * fuzz_frame.c - libFuzzer target: framing and stream reassembly in bgp_session_recv().
 *
 * TCP hands a peer's bytes over in pieces that have nothing to do with message bounds.  The
 * framer must cut the same messages out of a stream however it is chunked, and never hold
 * more than one partial message of at most the negotiated size.  So the target runs two
 * sessions side by side on the same stream: one is fed it in a single call, the other in
 * the chunks the input describes.  Everything either session tells its embedder (state
 * changes, UPDATEs with their verdicts, route refreshes, NOTIFICATIONs) is recorded, and
 * the two records, the bytes each wants to send, the message counters and the partial
 * message left over must be equal.
 *
 * Input layout:
 *   FLAGS  0x01  the session is first brought to Established with a canned OPEN and
 *                KEEPALIVE from the peer, so the stream is read as UPDATEs and the rest
 *          0x02  both OPENs carry the Extended Message capability (RFC 8654): 65535 octets
 *          0x04  DelayOpen (RFC 4271 8.1.1): the stream is read in Connect with the
 *                DelayOpen timer running, the other way into the framer
 *          0x08  the peer is external (its AS differs from ours), else internal
 *   N      the number of chunk sizes that follow (0: the whole stream in one call)
 *   N octets  chunk sizes, used in turn and cyclically: below 0x80 that many octets (0 is
 *          an empty call), from 0x80 on (octet - 0x7f) x 512 octets
 *   the rest: the peer's byte stream
 *
 * Between calls the target checks what session_int.h promises about the partial message:
 * none in Idle, fewer octets than its header announces, and a buffer no larger than the
 * largest message the session allows.
 */
#include <string.h>

#define FUZZ_TARGET "fuzz_frame"
#include "fuzz_util.h"
#include "session_int.h"

#define F_ESTABLISH 0x01
#define F_EXT_MSG   0x02
#define F_DELAY     0x04
#define F_EBGP      0x08

#define LOCAL_AS 64500
#define LOCAL_ID 0xc0000201 /* 192.0.2.1 */
#define PEER_ID  0xc0000202

/* What one session told its embedder, event by event, as hashes of their content. */
#define MAX_EVENTS 512
struct record {
        size_t n;
        uint64_t ev[MAX_EVENTS];
        uint64_t all; /* over every event, also those past MAX_EVENTS */
};

/* FNV-1a: cheap, and two records that differ in one octet differ here. */
static uint64_t fnv(uint64_t h, const void *p, size_t len)
{
        const uint8_t *b = p;
        for (size_t i = 0; i < len; i++) {
                h ^= b[i];
                h *= 0x100000001b3ull;
        }
        return h;
}

static uint64_t fnv_u64(uint64_t h, uint64_t v)
{
        return fnv(h, &v, sizeof(v));
}

static void record(struct record *r, uint64_t h)
{
        if (r->n < MAX_EVENTS)
                r->ev[r->n] = h;
        r->n++;
        r->all = fnv_u64(r->all, h);
}

static uint64_t hash_nlri(uint64_t h, const struct bgp_nlri *n)
{
        h = fnv_u64(h, n->afi);
        h = fnv_u64(h, n->safi);
        h = fnv_u64(h, n->len);
        return n->len > 0 ? fnv(h, n->data, n->len) : h;
}

static void on_state(struct bgp_session *s, enum bgp_state from, enum bgp_state to, void *ud)
{
        (void)s;
        record(ud, fnv_u64(fnv_u64(1, from), to));
}

static int on_update(struct bgp_session *s, const struct bgp_update *u, const struct bgp_verdict *v,
                     void *ud)
{
        const struct bgp_attrs *a = &u->attrs;
        uint64_t h = 2;

        (void)s;
        if (v->action == BGP_ACTION_SESSION_RESET)
                fuzz_fail("a session reset reached the update callback");
        fuzz_check_verdict_shape(v);
        h = fnv_u64(h, v->action);
        h = fnv_u64(h, (uint64_t)v->code << 8 | v->subcode);
        h = fnv_u64(h, v->errors);
        h = hash_nlri(h, &u->withdrawn);
        h = hash_nlri(h, &u->nlri);
        h = fnv(h, a->present, sizeof(a->present));
        if (bgp_attrs_has(a, BGP_ATTR_MP_REACH_NLRI))
                h = hash_nlri(h, &a->mp_reach.nlri);
        if (bgp_attrs_has(a, BGP_ATTR_MP_UNREACH_NLRI))
                h = hash_nlri(h, &a->mp_unreach.nlri);
        if (bgp_attrs_has(a, BGP_ATTR_AS_PATH))
                h = fnv(h, a->as_path.data, a->as_path.len);
        record(ud, h);
        return 0;
}

static int on_refresh(struct bgp_session *s, const struct bgp_route_refresh *rr, void *ud)
{
        (void)s;
        record(ud, fnv_u64(fnv_u64(fnv_u64(3, rr->afi), rr->safi), rr->subtype));
        return 0;
}

static void on_notification(struct bgp_session *s, bool sent, const struct bgp_notification *n,
                            void *ud)
{
        uint64_t h = fnv_u64(4, sent);

        (void)s;
        h = fnv_u64(h, (uint64_t)n->code << 8 | n->subcode);
        h = fnv_u64(h, n->data_len);
        if (n->data_len > 0)
                h = fnv(h, n->data, n->data_len);
        record(ud, h);
}

static uint32_t fixed_random(void *ud)
{
        (void)ud;
        return 0x12345678;
}

static struct bgp_session *make_session(uint8_t flags, struct record *rec)
{
        struct bgp_session_config cfg;
        struct bgp_callbacks cb = {
            .version = BGP_CALLBACKS_VERSION,
            .state_change = on_state,
            .update = on_update,
            .route_refresh = on_refresh,
            .notification = on_notification,
            .random = fixed_random,
        };
        struct bgp_session *s;

        bgp_session_config_init(&cfg);
        cfg.local_as = LOCAL_AS;
        cfg.local_id = LOCAL_ID;
        cfg.remote_as = (flags & F_EBGP) ? 64501 : LOCAL_AS;
        cfg.families = BGP_FAMILY_IPV6_UNICAST | BGP_FAMILY_IPV4_UNICAST;
        cfg.ext_msg = (flags & F_EXT_MSG) != 0;
        cfg.delay_open = (flags & F_DELAY) != 0;
        cfg.hold_time = 90;
        if (bgp_session_new(&s, &cfg, &cb, NULL, rec) != 0)
                fuzz_fail("bgp_session_new failed");
        return s;
}

/* The peer's OPEN and KEEPALIVE that take a session to Established. */
static size_t canned_open(uint8_t flags, uint8_t *buf, size_t cap)
{
        struct bgp_open o;

        memset(&o, 0, sizeof(o));
        o.version = 4;
        o.my_as = (flags & F_EBGP) ? 64501 : LOCAL_AS;
        o.hold_time = 90;
        o.bgp_id = PEER_ID;
        o.caps.present = BGP_CAPF_MP | BGP_CAPF_AS4 | BGP_CAPF_ROUTE_REFRESH |
                         BGP_CAPF_ENHANCED_REFRESH |
                         ((flags & F_EXT_MSG) ? BGP_CAPF_EXT_MESSAGE : 0);
        o.caps.n_mp = 2;
        o.caps.mp[0] = (struct bgp_afi_safi){BGP_AFI_IPV6, BGP_SAFI_UNICAST};
        o.caps.mp[1] = (struct bgp_afi_safi){BGP_AFI_IPV4, BGP_SAFI_UNICAST};
        o.caps.as4 = o.my_as;
        int n = bgp_open_encode(buf, cap, &o);
        int k = n < 0 ? n : bgp_keepalive_encode(buf + n, cap - (size_t)n);
        if (n < 0 || k < 0)
                fuzz_fail("cannot encode the canned OPEN");
        return (size_t)n + (size_t)k;
}

/* What session_int.h promises about the partial message between two calls. */
static void check_partial(const struct bgp_session *s)
{
        size_t max = bgp_codec_max_msg_len(&s->codec);

        if (s->state == BGP_STATE_IDLE && s->in_len != 0)
                fuzz_fail("Idle with %zu octets of a partial message", s->in_len);
        if (s->in_len > s->in_cap || s->in_cap > BGP_EXT_MAX_MSG_LEN)
                fuzz_fail("partial message of %zu octets in a buffer of %zu", s->in_len, s->in_cap);
        if (s->in_len >= max)
                fuzz_fail("partial message of %zu octets, the session allows %zu", s->in_len, max);
        if (s->in_len >= BGP_HEADER_LEN) {
                size_t want = (size_t)s->in[16] << 8 | s->in[17];
                if (s->in_len >= want)
                        fuzz_fail("a whole message (%zu of %zu octets) left unread", s->in_len,
                                  want);
        }
}

static void feed(struct bgp_session *s, const uint8_t *p, size_t len, bgp_time_ms now)
{
        long rc = bgp_session_recv(s, p, len, now);
        if (rc != (long)len)
                fuzz_fail("bgp_session_recv took %ld of %zu octets", rc, len);
        check_partial(s);
}

static size_t chunk_size(uint8_t code)
{
        return code < 0x80 ? code : (size_t)(code - 0x7f) * 512;
}

/* Whatever the session wants to write, as a hash; the socket takes all of it. */
static uint64_t drain(struct bgp_session *s, bgp_time_ms now)
{
        uint64_t h = 5;
        const uint8_t *out;
        size_t n;

        /* Called whether or not anything is pending, as the binding does (conn_service):
         * finding 1 of docs/FUZZING.md was NULL + 0 here on a session that never queued. */
        while ((n = bgp_session_send(s, &out, now)) > 0) {
                h = fnv(h, out, n);
                bgp_session_sent(s, n, now);
        }
        return h;
}

static void start(struct bgp_session *s, uint8_t flags, const uint8_t *open, size_t open_len,
                  bgp_time_ms now)
{
        bgp_session_start(s, now);
        bgp_session_tcp_connected(s, now);
        if (flags & F_ESTABLISH) {
                feed(s, open, open_len, now);
                if (bgp_session_state(s) != BGP_STATE_ESTABLISHED)
                        fuzz_fail("the canned OPEN does not reach Established (%s)",
                                  bgp_state_name(bgp_session_state(s)));
        }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        static struct record whole, chunked;
        static uint8_t open[2 * BGP_MAX_MSG_LEN];
        const bgp_time_ms now = 1000;

        if (size < 2)
                return 0;
        uint8_t flags = data[0];
        size_t n_sizes = data[1];
        if (size < 2 + n_sizes)
                return 0;
        const uint8_t *sizes = data + 2;
        const uint8_t *stream = sizes + n_sizes;
        size_t len = size - 2 - n_sizes;
        size_t open_len = canned_open(flags, open, sizeof(open));

        memset(&whole, 0, sizeof(whole));
        memset(&chunked, 0, sizeof(chunked));
        struct bgp_session *a = make_session(flags, &whole);
        struct bgp_session *b = make_session(flags, &chunked);
        start(a, flags, open, open_len, now);
        start(b, flags, open, open_len, now);

        feed(a, stream, len, now);

        /* A cycle of empty calls only would never end: then one call takes it all. */
        size_t cycle = 0;
        for (size_t i = 0; i < n_sizes; i++)
                cycle += chunk_size(sizes[i]);
        size_t off = 0, k = 0;
        while (off < len) {
                size_t n = cycle == 0 ? len - off : chunk_size(sizes[k++ % n_sizes]);
                if (n > len - off)
                        n = len - off;
                feed(b, stream + off, n, now);
                off += n;
        }
        feed(b, stream + len, 0, now);

        if (bgp_session_state(a) != bgp_session_state(b))
                fuzz_fail("whole: %s, chunked: %s", bgp_state_name(bgp_session_state(a)),
                          bgp_state_name(bgp_session_state(b)));
        if (whole.n != chunked.n || whole.all != chunked.all) {
                size_t i = 0;
                while (i < whole.n && i < chunked.n && i < MAX_EVENTS &&
                       whole.ev[i] == chunked.ev[i])
                        i++;
                fuzz_fail("whole: %zu events, chunked: %zu; they part at event %zu", whole.n,
                          chunked.n, i);
        }
        struct bgp_session_counters ca, cb;
        bgp_session_counters(a, &ca);
        bgp_session_counters(b, &cb);
        for (int t = 0; t < 6; t++)
                if (ca.sent[t] != cb.sent[t] || ca.received[t] != cb.received[t])
                        fuzz_fail("the counters of message type %d differ", t);
        if (a->in_len != b->in_len || (a->in_len > 0 && memcmp(a->in, b->in, a->in_len) != 0))
                fuzz_fail("the partial message differs: %zu octets, then %zu", a->in_len,
                          b->in_len);
        if (drain(a, now) != drain(b, now))
                fuzz_fail("the two sessions want to send different bytes");

        bgp_session_del(a);
        bgp_session_del(b);
        return 0;
}
