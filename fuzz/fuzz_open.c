/*
 * fuzz_open.c - libFuzzer target: the OPEN message and its capabilities (open.c,
 * capability.c), decode -> encode -> decode.
 *
 * Input layout: one selector octet (selector.h: 4-octet AS, families, the peer-AS and
 * identifier checks), then an OPEN body, the message without its 19-octet header.  The two
 * selector bits selector.h leaves free pick the families bgp_open_check_required() is asked
 * for: 0x40 IPv6 unicast, 0x80 IPv4 unicast, both: all four families libbgp knows.
 *
 * Promises checked:
 *  - every OPEN error resets the session with an OPEN Message Error (code 2, RFC 4271 6.2);
 *  - the views an accepted OPEN hands out (FQDN names, raw capabilities) lie inside the body;
 *  - the counts stay within their arrays;
 *  - an accepted OPEN re-encodes (within 4096 octets whenever the input was), the encoding
 *    decodes to the same OPEN, and encoding that again gives the same bytes;
 *  - bgp_open_check_required() says yes, or a 2/7 reset whose data is our MP capability.
 */
#include <string.h>

#define FUZZ_TARGET "fuzz_open"
#include "fuzz_util.h"
#include "selector.h"

#define SEL_REQ_V6 0x40
#define SEL_REQ_V4 0x80

static void check_views(const struct bgp_open *o, const uint8_t *body, size_t len)
{
        const struct bgp_capabilities *c = &o->caps;

        if (c->n_mp > BGP_CAPS_MAX_FAMILIES || c->n_gr > BGP_CAPS_MAX_FAMILIES ||
            c->n_addpath > BGP_CAPS_MAX_FAMILIES || c->n_raw > BGP_CAPS_MAX_RAW)
                fuzz_fail("capability counts beyond their arrays");
        if ((c->present & BGP_CAPF_MP) == 0 && c->n_mp != 0)
                fuzz_fail("MP families without the MP capability");
        if (c->present & BGP_CAPF_FQDN) {
                if (!fuzz_within(c->fqdn_host, c->fqdn_host_len, body, len) ||
                    !fuzz_within(c->fqdn_domain, c->fqdn_domain_len, body, len))
                        fuzz_fail("an FQDN name outside the OPEN");
                fuzz_touch(c->fqdn_host, c->fqdn_host_len);
                fuzz_touch(c->fqdn_domain, c->fqdn_domain_len);
        }
        for (size_t i = 0; i < c->n_raw; i++)
                if (!fuzz_within(c->raw[i].value, c->raw[i].len, body, len))
                        fuzz_fail("raw capability %zu (code %u) outside the OPEN", i,
                                  c->raw[i].code);
        if (o->version != 4)
                fuzz_fail("accepted BGP version %u", o->version);
        if (o->hold_time == 1 || o->hold_time == 2 || o->bgp_id == 0 || o->my_as == 0)
                fuzz_fail("accepted a hold time of %u, identifier %u, AS %u", o->hold_time,
                          o->bgp_id, o->my_as);
}

static void same_open(const struct bgp_open *a, const struct bgp_open *b)
{
        const struct bgp_capabilities *x = &a->caps, *y = &b->caps;

        if (a->my_as != b->my_as || a->hold_time != b->hold_time || a->bgp_id != b->bgp_id ||
            a->ext_opt_params != b->ext_opt_params)
                fuzz_fail("the fixed part differs after a round trip");
        if (x->present != y->present)
                fuzz_fail("capabilities present 0x%x, then 0x%x", x->present, y->present);
        if (x->n_mp != y->n_mp)
                fuzz_fail("MP families %zu, then %zu", x->n_mp, y->n_mp);
        for (size_t i = 0; i < x->n_mp; i++)
                if (x->mp[i].afi != y->mp[i].afi || x->mp[i].safi != y->mp[i].safi)
                        fuzz_fail("MP family %zu differs", i);
        if ((x->present & BGP_CAPF_AS4) && x->as4 != y->as4)
                fuzz_fail("4-octet AS %u, then %u", x->as4, y->as4);
        if ((x->present & BGP_CAPF_ROLE) && x->role != y->role)
                fuzz_fail("role %u, then %u", x->role, y->role);
        if (x->present & BGP_CAPF_GRACEFUL_RESTART) {
                if (x->gr_flags != y->gr_flags || x->gr_time != y->gr_time || x->n_gr != y->n_gr)
                        fuzz_fail("graceful restart differs");
                for (size_t i = 0; i < x->n_gr; i++)
                        if (x->gr[i].afi != y->gr[i].afi || x->gr[i].safi != y->gr[i].safi ||
                            x->gr[i].flags != y->gr[i].flags)
                                fuzz_fail("graceful restart family %zu differs", i);
        }
        if (x->present & BGP_CAPF_ADD_PATH) {
                if (x->n_addpath != y->n_addpath)
                        fuzz_fail("ADD-PATH families %zu, then %zu", x->n_addpath, y->n_addpath);
                for (size_t i = 0; i < x->n_addpath; i++)
                        if (x->addpath[i].afi != y->addpath[i].afi ||
                            x->addpath[i].safi != y->addpath[i].safi ||
                            x->addpath[i].send_receive != y->addpath[i].send_receive)
                                fuzz_fail("ADD-PATH family %zu differs", i);
        }
        if (x->present & BGP_CAPF_FQDN) {
                if (x->fqdn_host_len != y->fqdn_host_len ||
                    x->fqdn_domain_len != y->fqdn_domain_len ||
                    memcmp(x->fqdn_host, y->fqdn_host, x->fqdn_host_len) != 0 ||
                    memcmp(x->fqdn_domain, y->fqdn_domain, x->fqdn_domain_len) != 0)
                        fuzz_fail("FQDN differs");
        }
        if (x->n_raw != y->n_raw)
                fuzz_fail("%zu raw capabilities, then %zu", x->n_raw, y->n_raw);
        for (size_t i = 0; i < x->n_raw; i++)
                if (x->raw[i].code != y->raw[i].code || x->raw[i].len != y->raw[i].len ||
                    memcmp(x->raw[i].value, y->raw[i].value, x->raw[i].len) != 0)
                        fuzz_fail("raw capability %zu (code %u) differs", i, x->raw[i].code);
}

static void check_required(const struct bgp_open *o, uint8_t sel)
{
        static const uint32_t asked[4] = {
            0,
            BGP_FAMILY_IPV6_UNICAST,
            BGP_FAMILY_IPV4_UNICAST,
            BGP_FAMILY_IPV4_UNICAST | BGP_FAMILY_IPV6_UNICAST | BGP_FAMILY_IPV4_MULTICAST |
                BGP_FAMILY_IPV6_MULTICAST,
        };
        struct bgp_verdict v;

        bgp_verdict_init(&v);
        int rc = bgp_open_check_required(o, asked[sel >> 6], &v);
        if (rc == 0) {
                if (v.action != BGP_ACTION_OK)
                        fuzz_fail("check_required says yes with verdict %s",
                                  bgp_action_name(v.action));
                return;
        }
        fuzz_check_verdict_shape(&v);
        if (rc != BGP_ERR_UNSUPPORTED || v.action != BGP_ACTION_SESSION_RESET ||
            v.code != BGP_NOTIFY_OPEN || v.subcode != BGP_NOTIFY_OPEN_UNSUPPORTED_CAPABILITY)
                fuzz_fail("check_required returned %d with %u/%u", rc, v.code, v.subcode);
        /* RFC 5492 3: the data is the capability: code 1, length 4, AFI, 0, SAFI. */
        if (v.data != v.unsupported_cap || v.data_len != 6 || v.data[0] != BGP_CAP_MP ||
            v.data[1] != 4 || v.data[4] != 0 ||
            bgp_family_of((uint16_t)(v.data[2] << 8 | v.data[3]), v.data[5]) == 0)
                fuzz_fail("Unsupported Capability data is not our MP capability");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        static struct bgp_open first, third;
        static struct bgp_msg second;
        static uint8_t enc1[BGP_MAX_MSG_LEN], enc2[BGP_MAX_MSG_LEN];
        struct bgp_codec_opts opts;
        struct bgp_verdict v;

        if (size < 1)
                return 0;
        uint8_t sel = data[0];
        opts_from_selector(sel, &opts);
        data++;
        size--;

        int rc = bgp_open_decode(data, size, &opts, &first, &v);
        fuzz_check_verdict_shape(&v);
        if (rc != 0) {
                if (rc != BGP_ERR_MALFORMED || v.action != BGP_ACTION_SESSION_RESET ||
                    v.code != BGP_NOTIFY_OPEN)
                        fuzz_fail("returned %d with %s %u/%u", rc, bgp_action_name(v.action),
                                  v.code, v.subcode);
                return 0;
        }
        if (v.action != BGP_ACTION_OK)
                fuzz_fail("accepted with verdict %s", bgp_action_name(v.action));
        check_views(&first, data, size);
        check_required(&first, sel);

        int n1 = bgp_open_encode(enc1, sizeof(enc1), &first);
        if (n1 == BGP_ERR_NOSPACE && size + BGP_HEADER_LEN > BGP_MAX_MSG_LEN)
                return 0; /* the input was already too long for a message */
        if (n1 < 0)
                fuzz_fail("an accepted OPEN does not re-encode: %s", bgp_strerror(n1));
        rc = bgp_msg_decode(enc1, (size_t)n1, &opts, &second, &v);
        if (rc != 0 || second.hdr.type != BGP_MSG_OPEN)
                fuzz_fail("our own OPEN decodes to %s (%u/%u: %s)", bgp_action_name(v.action),
                          v.code, v.subcode, v.reason != NULL ? v.reason : "no reason");
        same_open(&first, &second.u.open);

        int n2 = bgp_open_encode(enc2, sizeof(enc2), &second.u.open);
        if (n2 != n1 || memcmp(enc1, enc2, (size_t)n1) != 0)
                fuzz_fail("encoding is not a fixpoint: %d octets, then %d", n1, n2);

        /* The body decoder on its own agrees with the whole-message one. */
        rc = bgp_open_decode(enc1 + BGP_HEADER_LEN, (size_t)n1 - BGP_HEADER_LEN, &opts, &third, &v);
        if (rc != 0)
                fuzz_fail("the body decoder rejects what the message decoder accepted");
        same_open(&second.u.open, &third);
        return 0;
}
