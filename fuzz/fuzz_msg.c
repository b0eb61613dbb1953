/*
 * fuzz_msg.c - libFuzzer target: a peer's byte stream through bgp_msg_decode.
 *
 * Input layout: one selector octet, then BGP messages back to back, as a peer would send
 * them on a session.  The selector picks what that session negotiated, so one corpus
 * reaches the code paths of every option set:
 *
 *   0x01  4-octet AS off (RFC 6793 absent: 2-octet AS_PATH, AS4_PATH meaningful)
 *   0x02  extended messages on (RFC 8654: bodies up to 65535 octets)
 *   0x0c  families: 0 IPv4+IPv6 unicast (the default), 1 IPv6 unicast only,
 *         2 IPv4 unicast only, 3 unicast and multicast of both
 *   0x10  local AS 64500, remote AS 64501: OPEN peer-AS check, eBGP first-AS check
 *   0x20  local BGP identifier 192.0.2.1: OPEN identifier check
 *
 * A selector of 0 is bgp_codec_opts_init()'s defaults.  fuzz_update.c and gen_corpus.c use
 * the same layout.
 *
 * Besides memory safety (ASan/UBSan do that part), the target checks the codec's promises
 * in msg.h and aborts when one is broken: the return code agrees with the verdict, and the
 * views a standing message hands out can be walked to their end without an error.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bgp/bgp.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#include "selector.h"

/* A broken promise of the codec: say which, and let the fuzzer keep the input. */
static void fail(const char *what)
{
        fprintf(stderr, "fuzz_msg: %s\n", what);
        abort();
}

/* Reads every octet of a view, so ASan checks that it lies inside live memory. */
static unsigned touch(const uint8_t *p, size_t len)
{
        unsigned sum = 0;
        for (size_t i = 0; i < len; i++)
                sum += p[i];
        return sum;
}

/* A validated NLRI run must iterate to its end, prefix by prefix, without an error. */
static void walk_nlri(const struct bgp_nlri *nlri)
{
        struct bgp_nlri_iter it;
        struct bgp_prefix pfx;
        char text[64];
        size_t n = 0;
        int rc;

        bgp_nlri_iter_init(&it, nlri);
        while ((rc = bgp_nlri_iter_next(&it, &pfx)) == 1) {
                bgp_prefix_format(&pfx, text, sizeof(text));
                n++;
        }
        if (rc != 0)
                fail("a validated NLRI run fails to iterate");
        if (n != bgp_nlri_count(nlri))
                fail("bgp_nlri_count disagrees with the iterator");
}

static void walk_as_path(const struct bgp_as_path *path)
{
        struct bgp_as_path_iter it;
        struct bgp_as_segment seg;
        int rc;

        bgp_as_path_iter_init(&it, path);
        while ((rc = bgp_as_path_iter_next(&it, &seg)) == 1)
                if (seg.count == 0)
                        fail("an accepted AS path has an empty segment");
        if (rc != 0)
                fail("an accepted AS path fails to iterate");
        if (bgp_as_path_length(path) < 0)
                fail("an accepted AS path has no length");
}

static void walk_update(const struct bgp_update *u)
{
        const struct bgp_attrs *a = &u->attrs;
        uint16_t afi;
        uint8_t safi;

        walk_nlri(&u->withdrawn);
        walk_nlri(&u->nlri);
        if (bgp_attrs_has(a, BGP_ATTR_MP_REACH_NLRI))
                walk_nlri(&a->mp_reach.nlri);
        if (bgp_attrs_has(a, BGP_ATTR_MP_UNREACH_NLRI))
                walk_nlri(&a->mp_unreach.nlri);
        if (bgp_attrs_has(a, BGP_ATTR_AS_PATH))
                walk_as_path(&a->as_path);
        if (bgp_attrs_has(a, BGP_ATTR_AS4_PATH))
                walk_as_path(&a->as4_path);
        if (bgp_attrs_has(a, BGP_ATTR_COMMUNITIES)) {
                touch(a->communities.data, a->communities.count * 4);
                for (size_t i = 0; i < a->communities.count; i++) {
                        const uint8_t *c = a->communities.data + 4 * i;
                        bgp_community_name((uint32_t)c[0] << 24 | (uint32_t)c[1] << 16 |
                                           (uint32_t)c[2] << 8 | c[3]);
                }
        }
        if (bgp_attrs_has(a, BGP_ATTR_EXT_COMMUNITIES))
                touch(a->ext_communities.data, a->ext_communities.count * 8);
        if (bgp_attrs_has(a, BGP_ATTR_LARGE_COMMUNITIES))
                touch(a->large_communities.data, a->large_communities.count * 12);
        if (bgp_attrs_has(a, BGP_ATTR_CLUSTER_LIST))
                touch(a->cluster_list.data, a->cluster_list.count * 4);
        if (a->n_raw > BGP_ATTRS_MAX_RAW)
                fail("n_raw beyond BGP_ATTRS_MAX_RAW");
        for (size_t i = 0; i < a->n_raw; i++) {
                touch(a->raw[i].value, a->raw[i].len);
                bgp_attr_name(a->raw[i].type);
        }
        bgp_update_is_eor(u, &afi, &safi);
}

static void walk_open(const struct bgp_open *o)
{
        const struct bgp_capabilities *c = &o->caps;

        bgp_open_peer_as(o);
        if (c->n_mp > BGP_CAPS_MAX_FAMILIES || c->n_gr > BGP_CAPS_MAX_FAMILIES ||
            c->n_addpath > BGP_CAPS_MAX_FAMILIES || c->n_raw > BGP_CAPS_MAX_RAW)
                fail("capability counts beyond their arrays");
        if (c->present & BGP_CAPF_FQDN) {
                if (c->fqdn_host_len > 0)
                        touch(c->fqdn_host, c->fqdn_host_len);
                if (c->fqdn_domain_len > 0)
                        touch(c->fqdn_domain, c->fqdn_domain_len);
        }
        for (size_t i = 0; i < c->n_raw; i++)
                if (c->raw[i].len > 0)
                        touch(c->raw[i].value, c->raw[i].len);
}

static void walk_notification(const struct bgp_notification *n)
{
        char text[256];

        if (n->data_len > 0)
                touch(n->data, n->data_len);
        bgp_notify_code_name(n->code);
        bgp_notify_subcode_name(n->code, n->subcode);
        /* The text may hold U+0000 (valid UTF-8), so check the terminator, not strlen. */
        int rc = bgp_notification_shutdown_text(n, text, sizeof(text));
        if (rc >= 0 && ((size_t)rc >= sizeof(text) || text[rc] != '\0'))
                fail("shutdown text is not NUL-terminated at its length");
}

/* msg.h: 0 when the message stands, BGP_ERR_MALFORMED with a verdict that says why not. */
static void check_verdict(int rc, const struct bgp_verdict *v, uint8_t type)
{
        bgp_action_name(v->action);
        if (v->data_len > 0)
                touch(v->data, v->data_len);
        if (rc == 0 && v->action > BGP_ACTION_ATTR_DISCARD)
                fail("returned 0 with a verdict stronger than attribute-discard");
        if (rc == BGP_ERR_MALFORMED && v->action < BGP_ACTION_TREAT_AS_WITHDRAW)
                fail("returned BGP_ERR_MALFORMED with a verdict that lets the message stand");
        if (rc != 0 && rc != BGP_ERR_MALFORMED && rc != BGP_ERR_SHORT)
                fail("returned an error outside the documented set");
        /* RFC 7606 applies to UPDATE alone; every other error resets the session. */
        if (type != BGP_MSG_UPDATE && v->action != BGP_ACTION_OK &&
            v->action != BGP_ACTION_SESSION_RESET)
                fail("a non-UPDATE message got an RFC 7606 verdict");
        if (v->action == BGP_ACTION_SESSION_RESET &&
            (v->code < BGP_NOTIFY_HEADER || v->code > BGP_NOTIFY_SEND_HOLD_TIMER))
                fail("a session reset without a NOTIFICATION code");
        if (v->action != BGP_ACTION_OK && v->reason == NULL)
                fail("an error verdict without a reason");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct bgp_codec_opts opts;
        struct bgp_verdict v;
        struct bgp_header hdr;
        static struct bgp_msg msg; /* large: keep it off the fuzzer's stack */

        if (size < 1)
                return 0;
        opts_from_selector(data[0], &opts);
        data++;
        size--;

        /* Walk the stream the way a session does: header first, then the whole message. */
        while (size > 0) {
                int rc = bgp_header_decode(data, size, &opts, &hdr, &v);
                if (rc == BGP_ERR_SHORT)
                        break;
                if (rc != 0) {
                        check_verdict(rc, &v, 0);
                        if (v.action != BGP_ACTION_SESSION_RESET)
                                fail("a bad header that does not reset the session");
                        break;
                }
                if (hdr.length > size) {
                        /* A partial message: the decoder must ask for more, not guess. */
                        if (bgp_msg_decode(data, size, &opts, &msg, &v) != BGP_ERR_SHORT)
                                fail("a truncated message is not BGP_ERR_SHORT");
                        break;
                }
                memset(&msg, 0, sizeof(msg));
                rc = bgp_msg_decode(data, hdr.length, &opts, &msg, &v);
                check_verdict(rc, &v, hdr.type);
                if (msg.hdr.type != hdr.type || msg.hdr.length != hdr.length)
                        fail("bgp_msg_decode and bgp_header_decode disagree");
                if (rc == 0) {
                        switch (hdr.type) {
                        case BGP_MSG_UPDATE:
                                walk_update(&msg.u.update);
                                break;
                        case BGP_MSG_OPEN:
                                walk_open(&msg.u.open);
                                break;
                        case BGP_MSG_NOTIFICATION:
                                walk_notification(&msg.u.notification);
                                break;
                        default:
                                break;
                        }
                } else if (hdr.type == BGP_MSG_UPDATE && v.action == BGP_ACTION_TREAT_AS_WITHDRAW) {
                        /* msg.h: the NLRI views stay valid for RFC 7606 5.3. */
                        const struct bgp_update *u = &msg.u.update;
                        walk_nlri(&u->withdrawn);
                        walk_nlri(&u->nlri);
                        if (bgp_attrs_has(&u->attrs, BGP_ATTR_MP_REACH_NLRI))
                                walk_nlri(&u->attrs.mp_reach.nlri);
                        if (bgp_attrs_has(&u->attrs, BGP_ATTR_MP_UNREACH_NLRI))
                                walk_nlri(&u->attrs.mp_unreach.nlri);
                }
                /* A session reset closes the session: nothing after it is read. */
                if (v.action == BGP_ACTION_SESSION_RESET)
                        break;
                data += hdr.length;
                size -= hdr.length;
        }
        return 0;
}
