/*
 * open.c - the OPEN message, RFC 4271 sections 4.2 and 6.2, with the RFC 9072 extended
 * optional parameters length.
 *
 * Decoding reads the fixed part, checks the version first (a peer speaking another version
 * may lay out the rest differently), then parses every optional parameter, and only then
 * checks the peer AS, hold time and BGP Identifier, because the peer AS may be in the
 * 4-octet AS capability (RFC 6793).  The first error found is the one reported.
 */
#include <string.h>

#include "capability.h"
#include "frame.h"
#include "rd.h"
#include "verdict.h"
#include "wr.h"

#define BGP_VERSION 4

/* RFC 9072 2: the Non-Ext OP Type that announces the extended encoding. */
#define BGP_PARAM_EXTENDED 255

/* RFC 4271 6.2: the data of "Unsupported Version Number" is the largest locally supported
 * version lower than the peer's bid, or else the smallest one; libbgp speaks only 4. */
static const uint8_t supported_version[2] = {0x00, BGP_VERSION};

static int unspecific(struct bgp_verdict *v, const char *reason)
{
        return bgp_verdict_reset(v, BGP_NOTIFY_OPEN, BGP_NOTIFY_OPEN_UNSPECIFIC, reason);
}

/* Parses the Optional Parameters; ext says whether their lengths are 2 octets (RFC 9072). */
static int decode_params(struct bgp_rd *params, bool ext, struct bgp_open *open,
                         struct bgp_verdict *v)
{
        while (bgp_rd_left(params) > 0) {
                uint8_t type, len8;
                uint16_t len;
                struct bgp_rd val;

                if (bgp_rd_u8(params, &type) != 0)
                        return unspecific(v, "optional parameter is truncated");
                if (ext) {
                        if (bgp_rd_u16(params, &len) != 0)
                                return unspecific(v, "optional parameter is truncated");
                } else {
                        if (bgp_rd_u8(params, &len8) != 0)
                                return unspecific(v, "optional parameter is truncated");
                        len = len8;
                }
                if (bgp_rd_sub(params, len, &val) != 0)
                        return unspecific(v, "optional parameter overruns the parameters");
                /* RFC 4271 6.2: an Optional Parameter that is not recognized MUST be
                 * "Unsupported Optional Parameter"; Capabilities (RFC 5492 4) is the only
                 * one in use (Authentication, type 1, was removed by RFC 4271). */
                if (type != BGP_PARAM_CAPABILITIES)
                        return bgp_verdict_reset(v, BGP_NOTIFY_OPEN,
                                                 BGP_NOTIFY_OPEN_UNSUPPORTED_PARAM,
                                                 "unsupported optional parameter");
                int rc = bgp_caps_decode(&val, &open->caps, v);
                if (rc != 0)
                        return rc;
        }
        return 0;
}

static int bad_peer_as(struct bgp_verdict *v, const char *reason)
{
        return bgp_verdict_reset(v, BGP_NOTIFY_OPEN, BGP_NOTIFY_OPEN_BAD_PEER_AS, reason);
}

static int check_peer_as(const struct bgp_open *open, const struct bgp_codec_opts *opts,
                         struct bgp_verdict *v)
{
        /* RFC 7607 2: a peer AS of zero in OPEN MUST be "Bad Peer AS". */
        if (open->my_as == 0)
                return bad_peer_as(v, "peer AS is zero");
        if ((open->caps.present & BGP_CAPF_AS4) != 0) {
                uint32_t as4 = open->caps.as4;
                /* RFC 7607 2 again; AS_TRANS only stands in for an AS and is never one
                 * (RFC 6793 9), so it cannot be the AS the capability names either. */
                if (as4 == 0 || as4 == BGP_AS_TRANS)
                        return bad_peer_as(v, "4-octet AS capability carries AS 0 or AS_TRANS");
                /* RFC 6793 4.1: My Autonomous System is AS_TRANS when the AS does not fit in
                 * 2 octets, and the AS itself otherwise; anything else contradicts the
                 * capability. */
                if (open->my_as != BGP_AS_TRANS && open->my_as != as4)
                        return bad_peer_as(v, "My Autonomous System disagrees with the 4-octet "
                                              "AS capability");
        }
        /* RFC 4271 6.2: the AS must be the one the peer is configured with. */
        if (opts != NULL && opts->remote_as != 0 && bgp_open_peer_as(open) != opts->remote_as)
                return bad_peer_as(v, "peer AS is not the configured one");
        return 0;
}

int bgp_open_decode(const uint8_t *body, size_t len, const struct bgp_codec_opts *opts,
                    struct bgp_open *open, struct bgp_verdict *v)
{
        struct bgp_rd rd = bgp_rd_make(body, len);
        struct bgp_rd params, peek;
        uint8_t opt_len, type;
        uint16_t ext_len;

        bgp_verdict_init(v);
        memset(open, 0, sizeof(*open));

        if (bgp_rd_u8(&rd, &open->version) != 0)
                return unspecific(v, "OPEN is empty");
        /* RFC 4271 6.2: a version we do not speak is "Unsupported Version Number". */
        if (open->version != BGP_VERSION) {
                bgp_verdict_raise(v, BGP_ACTION_SESSION_RESET, BGP_NOTIFY_OPEN,
                                  BGP_NOTIFY_OPEN_UNSUPPORTED_VERSION, supported_version,
                                  sizeof(supported_version), "unsupported BGP version", -1);
                return BGP_ERR_MALFORMED;
        }
        if (bgp_rd_u16(&rd, &open->my_as) != 0 || bgp_rd_u16(&rd, &open->hold_time) != 0 ||
            bgp_rd_u32(&rd, &open->bgp_id) != 0 || bgp_rd_u8(&rd, &opt_len) != 0)
                return unspecific(v, "OPEN is shorter than its fixed part");

        /* RFC 9072 2: when Non-Ext OP Len is not zero and the octet after it (Non-Ext OP
         * Type) is 255, Non-Ext OP Len is ignored, a 2-octet Extended Opt. Parm. Length
         * follows, and every parameter has a 2-octet length. */
        peek = rd;
        if (opt_len != 0 && bgp_rd_u8(&peek, &type) == 0 && type == BGP_PARAM_EXTENDED) {
                rd = peek;
                open->ext_opt_params = true;
                if (bgp_rd_u16(&rd, &ext_len) != 0 || bgp_rd_sub(&rd, ext_len, &params) != 0)
                        return unspecific(v, "optional parameters overrun the OPEN");
        } else if (bgp_rd_sub(&rd, opt_len, &params) != 0) {
                return unspecific(v, "optional parameters overrun the OPEN");
        }
        /* Nothing may follow the optional parameters. */
        if (!bgp_rd_done(&rd))
                return unspecific(v, "bytes after the optional parameters");

        int rc = decode_params(&params, open->ext_opt_params, open, v);
        if (rc != 0)
                return rc;

        rc = check_peer_as(open, opts, v);
        if (rc != 0)
                return rc;
        /* RFC 4271 6.2: a Hold Time of one or two seconds MUST be rejected. */
        if (open->hold_time == 1 || open->hold_time == 2)
                return bgp_verdict_reset(v, BGP_NOTIFY_OPEN, BGP_NOTIFY_OPEN_BAD_HOLD_TIME,
                                         "hold time of 1 or 2 seconds");
        /* RFC 6286 2.2: a BGP Identifier of zero, or our own from an internal peer, is
         * "Bad BGP Identifier" (an external peer may share ours). */
        if (open->bgp_id == 0)
                return bgp_verdict_reset(v, BGP_NOTIFY_OPEN, BGP_NOTIFY_OPEN_BAD_BGP_ID,
                                         "BGP Identifier is zero");
        if (opts != NULL && opts->local_id != 0 && opts->local_as != 0 &&
            bgp_open_peer_as(open) == opts->local_as && open->bgp_id == opts->local_id)
                return bgp_verdict_reset(v, BGP_NOTIFY_OPEN, BGP_NOTIFY_OPEN_BAD_BGP_ID,
                                         "internal peer has our BGP Identifier");
        return 0;
}

uint32_t bgp_open_peer_as(const struct bgp_open *open)
{
        if ((open->caps.present & BGP_CAPF_AS4) != 0)
                return open->caps.as4;
        return open->my_as;
}

/* The families libbgp names, for bgp_open_check_required(). */
static const struct {
        uint32_t family;
        uint16_t afi;
        uint8_t safi;
} known_families[] = {
    {BGP_FAMILY_IPV4_UNICAST, BGP_AFI_IPV4, BGP_SAFI_UNICAST},
    {BGP_FAMILY_IPV6_UNICAST, BGP_AFI_IPV6, BGP_SAFI_UNICAST},
    {BGP_FAMILY_IPV4_MULTICAST, BGP_AFI_IPV4, BGP_SAFI_MULTICAST},
    {BGP_FAMILY_IPV6_MULTICAST, BGP_AFI_IPV6, BGP_SAFI_MULTICAST},
};

#define N_KNOWN_FAMILIES (sizeof(known_families) / sizeof(known_families[0]))

static bool peer_has_family(const struct bgp_capabilities *caps, uint16_t afi, uint8_t safi)
{
        /* Without any Multiprotocol capability a peer speaks plain RFC 4271: IPv4 unicast. */
        if ((caps->present & BGP_CAPF_MP) == 0)
                return afi == BGP_AFI_IPV4 && safi == BGP_SAFI_UNICAST;
        for (size_t i = 0; i < caps->n_mp; i++)
                if (caps->mp[i].afi == afi && caps->mp[i].safi == safi)
                        return true;
        return false;
}

int bgp_open_check_required(const struct bgp_open *open, uint32_t required_families,
                            struct bgp_verdict *v)
{
        uint32_t known = 0;

        for (size_t i = 0; i < N_KNOWN_FAMILIES; i++)
                known |= known_families[i].family;
        if ((required_families & ~known) != 0)
                return BGP_ERR_INVALID_ARGUMENT;
        for (size_t i = 0; i < N_KNOWN_FAMILIES; i++) {
                uint16_t afi = known_families[i].afi;
                uint8_t safi = known_families[i].safi;
                if ((required_families & known_families[i].family) == 0 ||
                    peer_has_family(&open->caps, afi, safi))
                        continue;
                /* RFC 5492 3: the NOTIFICATION MUST carry the capability that caused it,
                 * here our Multiprotocol capability for the family (RFC 4760 8). */
                struct bgp_wr wr = bgp_wr_make(v->unsupported_cap, sizeof(v->unsupported_cap));
                bgp_wr_u8(&wr, BGP_CAP_MP);
                bgp_wr_u8(&wr, 4);
                bgp_wr_u16(&wr, afi);
                bgp_wr_u8(&wr, 0);
                bgp_wr_u8(&wr, safi);
                bgp_verdict_raise(v, BGP_ACTION_SESSION_RESET, BGP_NOTIFY_OPEN,
                                  BGP_NOTIFY_OPEN_UNSUPPORTED_CAPABILITY, v->unsupported_cap,
                                  sizeof(v->unsupported_cap),
                                  "peer does not support a required address family", -1);
                return BGP_ERR_UNSUPPORTED;
        }
        return 0;
}

/*
 * Writes the Optional Parameters: one Capabilities parameter in the RFC 4271 encoding when
 * it fits in the 1-octet Optional Parameters Length, the RFC 9072 encoding otherwise (or
 * when open->ext_opt_params asks for it).
 */
static int encode_params(struct bgp_wr *wr, const struct bgp_open *open)
{
        size_t opt_at = wr->off;
        int rc;

        if (!open->ext_opt_params) {
                bgp_wr_u8(wr, 0); /* Optional Parameters Length, patched below */
                bgp_wr_u8(wr, BGP_PARAM_CAPABILITIES);
                size_t param_at = bgp_wr_reserve8(wr);
                rc = bgp_caps_encode(wr, &open->caps);
                if (rc != 0)
                        return rc;
                if (wr->err != 0)
                        return wr->err; /* the extended form is longer still */
                size_t caps_len = wr->off - param_at - 1;
                if (caps_len == 0) {
                        /* No capabilities: no parameter at all. */
                        bgp_wr_rewind(wr, opt_at + 1);
                        return 0;
                }
                /* The parameter's type and length octets count in the 255 too. */
                if (caps_len <= 0xff - 2) {
                        bgp_wr_patch8(wr, param_at);
                        bgp_wr_patch8(wr, opt_at);
                        return wr->err;
                }
                bgp_wr_rewind(wr, opt_at);
        }
        /* RFC 9072 2: Non-Ext OP Len and Non-Ext OP Type are both 255, then the 2-octet
         * Extended Opt. Parm. Length, then parameters with 2-octet lengths. */
        bgp_wr_u8(wr, 0xff);
        bgp_wr_u8(wr, BGP_PARAM_EXTENDED);
        size_t ext_at = bgp_wr_reserve16(wr);
        bgp_wr_u8(wr, BGP_PARAM_CAPABILITIES);
        size_t param_at = bgp_wr_reserve16(wr);
        rc = bgp_caps_encode(wr, &open->caps);
        if (rc != 0)
                return rc;
        if (wr->err != 0)
                return wr->err;
        if (wr->off == param_at + 2)
                bgp_wr_rewind(wr, ext_at + 2); /* no capabilities: no parameter at all */
        else
                bgp_wr_patch16(wr, param_at);
        bgp_wr_patch16(wr, ext_at);
        return wr->err;
}

int bgp_open_encode(uint8_t *buf, size_t cap, const struct bgp_open *open)
{
        struct bgp_wr wr = bgp_wr_make(buf, cap);
        size_t at = bgp_frame_begin(&wr, BGP_MSG_OPEN);

        /* libbgp speaks BGP-4 only: open->version is not consulted. */
        bgp_wr_u8(&wr, BGP_VERSION);
        bgp_wr_u16(&wr, open->my_as);
        bgp_wr_u16(&wr, open->hold_time);
        bgp_wr_u32(&wr, open->bgp_id);
        int rc = encode_params(&wr, open);
        if (rc != 0)
                return rc;
        /* RFC 8654 4: an OPEN stays within 4096 octets even with extended messages. */
        return bgp_frame_end(&wr, at, BGP_MAX_MSG_LEN);
}
