/*
 * fuzz_nlri.c - libFuzzer target: the RFC 4271 4.3 prefix encoding (nlri.c) for both
 * families, its iterator, the text forms, and the UPDATE builders that pack prefixes.
 *
 * Input layout: one mode octet, then the data.
 *   mode & 0x03  the AFI: 0 IPv4, 1 IPv6, 2 an AFI libbgp does not know (25, L2VPN),
 *                3 the next two octets of the input
 *   mode & 0x04  SAFI multicast instead of unicast (for the builders)
 *   mode & 0x08  text: the data is a prefix in text ("2001:db8::/32") for
 *                bgp_prefix_parse(), not NLRI octets
 *
 * Promises checked on NLRI octets:
 *  - bgp_nlri_validate() and the iterator agree: a run that validates iterates to its end
 *    without an error and bgp_nlri_count() counts the same prefixes; a run that does not
 *    validate makes the iterator fail before its end;
 *  - no prefix is longer than its family, none has bits set past its length, and the
 *    encoded sizes add up to the run;
 *  - each prefix re-encodes (bgp_nlri_put) to a run that validates and iterates to the same
 *    prefixes, and its text form parses back to itself;
 *  - the builders pack the prefixes into UPDATEs that decode, with no error, to the same
 *    prefixes in order: withdrawals, and announcements with a fixed set of attributes; the
 *    family's End-of-RIB (RFC 4724 2) decodes as one.
 * On text: a prefix that parses has its family's length and no host bits, and formats back
 * to text that parses to the same prefix.
 */
#include <string.h>

#define FUZZ_TARGET "fuzz_nlri"
#include "fuzz_util.h"
#include "same.h"

#include "nlri.h"

#define M_AFI       0x03
#define M_MULTICAST 0x04
#define M_TEXT      0x08

#define MAX_PFX 4096

static struct bgp_prefix pfx[MAX_PFX];

static void same_prefix(const struct bgp_prefix *a, const struct bgp_prefix *b, const char *what)
{
        if (a->afi != b->afi || a->len != b->len ||
            memcmp(a->addr, b->addr, sizeof(a->addr)) != 0) {
                char ta[64], tb[64];
                bgp_prefix_format(a, ta, sizeof(ta));
                bgp_prefix_format(b, tb, sizeof(tb));
                fuzz_fail("%s: %s became %s", what, ta, tb);
        }
}

static void text_round_trip(const struct bgp_prefix *p)
{
        struct bgp_prefix back;
        char text[64];

        int n = bgp_prefix_format(p, text, sizeof(text));
        if (n <= 0 || (size_t)n >= sizeof(text))
                fuzz_fail("bgp_prefix_format wrote %d characters", n);
        if (bgp_prefix_parse(text, &back) != 0)
                fuzz_fail("our own text %s does not parse", text);
        same_prefix(p, &back, "format -> parse");
}

static void check_text(const uint8_t *data, size_t size)
{
        char text[128];
        struct bgp_prefix p;

        if (size >= sizeof(text))
                size = sizeof(text) - 1;
        memcpy(text, data, size);
        text[size] = '\0';
        if (bgp_prefix_parse(text, &p) != 0)
                return;
        if (p.afi != BGP_AFI_IPV4 && p.afi != BGP_AFI_IPV6)
                fuzz_fail("parsed AFI %u", p.afi);
        fuzz_check_prefix(&p, p.afi);
        text_round_trip(&p);
}

/* Collects the prefixes of every UPDATE the builder makes and compares them in order. */
static size_t collect(const struct bgp_update *u, uint16_t afi, uint8_t safi, bool announce,
                      size_t at, size_t n)
{
        const struct bgp_nlri *run;

        if (afi == BGP_AFI_IPV4 && safi == BGP_SAFI_UNICAST)
                run = announce ? &u->nlri : &u->withdrawn;
        else if (announce)
                run = &u->attrs.mp_reach.nlri;
        else
                run = &u->attrs.mp_unreach.nlri;
        if (run->len > 0 && (run->afi != afi || run->safi != safi))
                fuzz_fail("the builder put %u/%u prefixes in a run of %u/%u", afi, safi, run->afi,
                          run->safi);

        struct bgp_nlri_iter it;
        struct bgp_prefix p;
        int rc;
        bgp_nlri_iter_init(&it, run);
        while ((rc = bgp_nlri_iter_next(&it, &p)) == 1) {
                if (at == n)
                        fuzz_fail("the builder's UPDATEs hold more prefixes than given");
                same_prefix(&pfx[at++], &p, announce ? "build_announce" : "build_withdraw");
        }
        if (rc != 0)
                fuzz_fail("a built UPDATE does not iterate");
        return at;
}

static void build(uint16_t afi, uint8_t safi, size_t n, bool announce)
{
        static uint8_t msg[BGP_MAX_MSG_LEN];
        static struct bgp_msg dec;
        static struct bgp_attrs attrs;
        static const uint8_t path[] = {BGP_AS_SEQUENCE, 1, 0, 0, 0xfb, 0xf5};
        struct bgp_codec_opts opts;
        struct bgp_verdict v;
        size_t done = 0, seen = 0;

        bgp_codec_opts_init(&opts);
        opts.families = BGP_FAMILY_IPV4_UNICAST | BGP_FAMILY_IPV6_UNICAST |
                        BGP_FAMILY_IPV4_MULTICAST | BGP_FAMILY_IPV6_MULTICAST;
        memset(&attrs, 0, sizeof(attrs));
        bgp_attrs_set(&attrs, BGP_ATTR_ORIGIN);
        bgp_attrs_set(&attrs, BGP_ATTR_AS_PATH);
        bgp_attrs_set(&attrs, BGP_ATTR_NEXT_HOP);
        attrs.as_path = (struct bgp_as_path){path, sizeof(path), 4};
        memcpy(attrs.next_hop, "\xc0\x00\x02\x01", 4);
        attrs.mp_reach.nh_len = afi == BGP_AFI_IPV4 ? 4 : 16;
        memcpy(attrs.mp_reach.nh, afi == BGP_AFI_IPV4 ? "\xc0\x00\x02\x01" : "\x20\x01\x0d\xb8", 4);

        while (done < n) {
                size_t before = done;
                int len = announce ? bgp_update_build_announce(msg, sizeof(msg), &opts, &attrs,
                                                               safi, pfx, n, &done)
                                   : bgp_update_build_withdraw(msg, sizeof(msg), &opts, safi, pfx,
                                                               n, &done);
                if (len < 0)
                        fuzz_fail("the builder fails with %s at prefix %zu of %zu",
                                  bgp_strerror(len), done, n);
                if (done <= before || (size_t)len > sizeof(msg))
                        fuzz_fail("the builder made no progress or overran (%d octets)", len);
                int rc = bgp_msg_decode(msg, (size_t)len, &opts, &dec, &v);
                if (rc != 0 || v.action != BGP_ACTION_OK || dec.hdr.type != BGP_MSG_UPDATE)
                        fuzz_fail("a built UPDATE decodes to %s (%s)", bgp_action_name(v.action),
                                  v.reason != NULL ? v.reason : "no reason");
                seen = collect(&dec.u.update, afi, safi, announce, seen, done);
                if (seen != done)
                        fuzz_fail("the builder says %zu prefixes went out, the UPDATEs hold %zu",
                                  done, seen);
        }
}

static void check_eor(uint16_t afi, uint8_t safi)
{
        static uint8_t msg[BGP_MAX_MSG_LEN];
        static struct bgp_msg dec;
        struct bgp_codec_opts opts;
        struct bgp_verdict v;
        uint16_t eafi = 0;
        uint8_t esafi = 0;

        bgp_codec_opts_init(&opts);
        opts.families = BGP_FAMILY_IPV4_UNICAST | BGP_FAMILY_IPV6_UNICAST |
                        BGP_FAMILY_IPV4_MULTICAST | BGP_FAMILY_IPV6_MULTICAST;
        int len = bgp_update_build_eor(msg, sizeof(msg), afi, safi);
        if (len < 0 || bgp_msg_decode(msg, (size_t)len, &opts, &dec, &v) != 0)
                fuzz_fail("End-of-RIB for %u/%u does not encode and decode", afi, safi);
        if (!bgp_update_is_eor(&dec.u.update, &eafi, &esafi) || eafi != afi || esafi != safi)
                fuzz_fail("End-of-RIB for %u/%u decodes as %u/%u", afi, safi, eafi, esafi);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        static uint8_t enc[BGP_EXT_MAX_MSG_LEN * 2];
        static const uint16_t afis[3] = {BGP_AFI_IPV4, BGP_AFI_IPV6, 25};

        if (size < 1)
                return 0;
        uint8_t mode = data[0];
        data++;
        size--;
        if (mode & M_TEXT) {
                check_text(data, size);
                return 0;
        }
        uint16_t afi;
        if ((mode & M_AFI) == 3) {
                if (size < 2)
                        return 0;
                afi = (uint16_t)(data[0] << 8 | data[1]);
                data += 2;
                size -= 2;
        } else {
                afi = afis[mode & M_AFI];
        }
        uint8_t safi = (mode & M_MULTICAST) ? BGP_SAFI_MULTICAST : BGP_SAFI_UNICAST;
        if (size > BGP_EXT_MAX_MSG_LEN)
                return 0;

        bool valid = bgp_nlri_validate(data, size, afi) == 0;
        struct bgp_nlri run = {data, size, afi, safi};
        struct bgp_nlri_iter it;
        struct bgp_prefix p;
        struct bgp_wr wr = bgp_wr_make(enc, sizeof(enc));
        size_t n = 0, bytes = 0;
        int rc;

        bgp_nlri_iter_init(&it, &run);
        while ((rc = bgp_nlri_iter_next(&it, &p)) == 1) {
                fuzz_check_prefix(&p, afi);
                bytes += bgp_nlri_size(&p);
                bgp_nlri_put(&wr, &p);
                text_round_trip(&p);
                if (n < MAX_PFX)
                        pfx[n] = p;
                n++;
        }
        if (bytes > size)
                fuzz_fail("%zu prefixes of %zu octets from a run of %zu", n, bytes, size);
        if (valid) {
                if (rc != 0)
                        fuzz_fail("a run that validates fails to iterate after %zu prefixes", n);
                if (bytes != size)
                        fuzz_fail("the prefixes of a valid run take %zu of its %zu octets", bytes,
                                  size);
                if (bgp_nlri_count(&run) != n)
                        fuzz_fail("bgp_nlri_count says %zu, the iterator %zu", bgp_nlri_count(&run),
                                  n);
        } else {
                if (rc != BGP_ERR_MALFORMED)
                        fuzz_fail("a run that does not validate iterates to its end (%d)", rc);
                /* An iterator that failed stays at the end. */
                if (bgp_nlri_iter_next(&it, &p) != 0)
                        fuzz_fail("the iterator goes on after an error");
                return 0;
        }

        /* Re-encoded, the run must say the same: only bits past the lengths may change. */
        if (wr.err != 0 || wr.off != size)
                fuzz_fail("re-encoding %zu octets gave %zu", size, wr.off);
        if (bgp_nlri_validate(enc, wr.off, afi) != 0)
                fuzz_fail("our own encoding does not validate");
        struct bgp_nlri again = {enc, wr.off, afi, safi};
        same_prefixes("re-encoded run", &run, &again);

        if (n > 0 && n <= MAX_PFX && fuzz_afi_bits(afi) != 0) {
                build(afi, safi, n, false);
                build(afi, safi, n, true);
        }
        if (fuzz_afi_bits(afi) != 0)
                check_eor(afi, safi);
        return 0;
}
