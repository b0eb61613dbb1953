/*
 * capability.c - capabilities advertised in OPEN, RFC 5492.
 *
 * RFC 5492 says what to do with a capability one does not know (ignore it, section 4) but
 * not with a known one whose value does not parse.  RFC says / we do: like FRR and
 * OpenBGPD, a known capability with a length that is wrong for its code is an OPEN Message
 * Error with subcode 0 (Unspecific) and no data; a capability we do not interpret is kept
 * as opaque bytes, whatever its length.  A capability that runs past its parameter is the
 * same 2/0, as is any other framing error of the OPEN.
 */
#include "capability.h"
#include "verdict.h"

static int malformed(struct bgp_verdict *v, const char *reason)
{
        return bgp_verdict_reset(v, BGP_NOTIFY_OPEN, BGP_NOTIFY_OPEN_UNSPECIFIC, reason);
}

/* Keeps a capability libbgp does not interpret; beyond BGP_CAPS_MAX_RAW they are dropped. */
static void keep_raw(struct bgp_capabilities *caps, uint8_t code, uint8_t len, const uint8_t *value)
{
        if (caps->n_raw == BGP_CAPS_MAX_RAW)
                return;
        struct bgp_cap_raw *raw = &caps->raw[caps->n_raw++];
        raw->code = code;
        raw->len = len;
        raw->value = value;
}

/* RFC 4760 8: AFI (2), Reserved (1, ignored by the receiver), SAFI (1). */
static int decode_mp(struct bgp_rd *val, struct bgp_capabilities *caps, struct bgp_verdict *v)
{
        uint16_t afi;
        uint8_t reserved, safi;

        if (bgp_rd_u16(val, &afi) != 0 || bgp_rd_u8(val, &reserved) != 0 ||
            bgp_rd_u8(val, &safi) != 0 || !bgp_rd_done(val))
                return malformed(v, "Multiprotocol capability length is not 4");
        caps->present |= BGP_CAPF_MP;
        for (size_t i = 0; i < caps->n_mp; i++)
                if (caps->mp[i].afi == afi && caps->mp[i].safi == safi)
                        return 0;
        if (caps->n_mp == BGP_CAPS_MAX_FAMILIES)
                return 0; /* more families than we keep: the extras are ignored */
        caps->mp[caps->n_mp].afi = afi;
        caps->mp[caps->n_mp].safi = safi;
        caps->n_mp++;
        return 0;
}

/* Route refresh (RFC 2918 2), enhanced route refresh (RFC 7313 3.1), extended message
 * (RFC 8654 3): flags with an empty value. */
static int decode_flag(struct bgp_rd *val, struct bgp_capabilities *caps, uint32_t bit,
                       struct bgp_verdict *v)
{
        if (!bgp_rd_done(val))
                return malformed(v, "capability that carries no value has a length");
        caps->present |= bit;
        return 0;
}

/* RFC 6793 3: the 4-octet AS number. */
static int decode_as4(struct bgp_rd *val, struct bgp_capabilities *caps, struct bgp_verdict *v)
{
        uint32_t as4;

        if (bgp_rd_u32(val, &as4) != 0 || !bgp_rd_done(val))
                return malformed(v, "4-octet AS capability length is not 4");
        caps->present |= BGP_CAPF_AS4;
        caps->as4 = as4;
        return 0;
}

/* RFC 9234 4.1: one octet, the role. */
static int decode_role(struct bgp_rd *val, struct bgp_capabilities *caps, struct bgp_verdict *v)
{
        uint8_t role;

        if (bgp_rd_u8(val, &role) != 0 || !bgp_rd_done(val))
                return malformed(v, "BGP Role capability length is not 1");
        /* RFC 9234 4.2: several Role capabilities that disagree MUST be a Role Mismatch. */
        if ((caps->present & BGP_CAPF_ROLE) != 0 && caps->role != role)
                return bgp_verdict_reset(v, BGP_NOTIFY_OPEN, BGP_NOTIFY_OPEN_ROLE_MISMATCH,
                                         "BGP Role capabilities disagree");
        caps->present |= BGP_CAPF_ROLE;
        caps->role = role;
        return 0;
}

/* RFC 4724 3: restart flags (4 bits) and time (12 bits), then AFI/SAFI/flags tuples.
 * A later instance replaces an earlier one. */
static int decode_gr(struct bgp_rd *val, struct bgp_capabilities *caps, struct bgp_verdict *v)
{
        uint16_t word;

        if (bgp_rd_u16(val, &word) != 0 || bgp_rd_left(val) % 4 != 0)
                return malformed(v, "Graceful Restart capability length is not 2 + 4n");
        caps->present |= BGP_CAPF_GRACEFUL_RESTART;
        caps->gr_flags = (uint8_t)((word >> 8) & 0xf0);
        caps->gr_time = (uint16_t)(word & 0x0fff);
        caps->n_gr = 0;
        while (bgp_rd_left(val) > 0) {
                struct bgp_gr_family f;
                /* Cannot fail: the length is a multiple of 4. */
                if (bgp_rd_u16(val, &f.afi) != 0 || bgp_rd_u8(val, &f.safi) != 0 ||
                    bgp_rd_u8(val, &f.flags) != 0)
                        return malformed(v, "Graceful Restart capability is truncated");
                if (caps->n_gr < BGP_CAPS_MAX_FAMILIES)
                        caps->gr[caps->n_gr++] = f;
        }
        return 0;
}

/* RFC 7911 4: AFI (2), SAFI (1), Send/Receive (1) tuples. */
static int decode_addpath(struct bgp_rd *val, uint8_t len, struct bgp_capabilities *caps,
                          struct bgp_verdict *v)
{
        const uint8_t *value = bgp_rd_ptr(val);
        struct bgp_rd check = *val;
        struct bgp_addpath_family f;

        if (bgp_rd_left(val) % 4 != 0)
                return malformed(v, "ADD-PATH capability length is not a multiple of 4");
        /* RFC 7911 4: a Send/Receive value other than 1-3 makes the capability "not
         * understood", to be ignored: it is kept as an opaque one instead. */
        while (bgp_rd_left(&check) > 0) {
                if (bgp_rd_u16(&check, &f.afi) != 0 || bgp_rd_u8(&check, &f.safi) != 0 ||
                    bgp_rd_u8(&check, &f.send_receive) != 0)
                        return malformed(v, "ADD-PATH capability is truncated");
                if (f.send_receive < 1 || f.send_receive > 3) {
                        keep_raw(caps, BGP_CAP_ADD_PATH, len, value);
                        return 0;
                }
        }
        caps->present |= BGP_CAPF_ADD_PATH;
        while (bgp_rd_left(val) > 0) {
                if (bgp_rd_u16(val, &f.afi) != 0 || bgp_rd_u8(val, &f.safi) != 0 ||
                    bgp_rd_u8(val, &f.send_receive) != 0)
                        return malformed(v, "ADD-PATH capability is truncated");
                if (caps->n_addpath < BGP_CAPS_MAX_FAMILIES)
                        caps->addpath[caps->n_addpath++] = f;
        }
        return 0;
}

/* draft-walton-bgp-hostname-capability 3: hostname length and bytes, domain length and
 * bytes, kept as views into the message. */
static int decode_fqdn(struct bgp_rd *val, struct bgp_capabilities *caps, struct bgp_verdict *v)
{
        uint8_t hlen, dlen;
        const uint8_t *host, *domain;

        if (bgp_rd_u8(val, &hlen) != 0 || bgp_rd_view(val, hlen, &host) != 0 ||
            bgp_rd_u8(val, &dlen) != 0 || bgp_rd_view(val, dlen, &domain) != 0 || !bgp_rd_done(val))
                return malformed(v, "FQDN capability lengths do not match its length");
        caps->present |= BGP_CAPF_FQDN;
        caps->fqdn_host = host;
        caps->fqdn_host_len = hlen;
        caps->fqdn_domain = domain;
        caps->fqdn_domain_len = dlen;
        return 0;
}

static int decode_one(uint8_t code, uint8_t len, struct bgp_rd *val, struct bgp_capabilities *caps,
                      struct bgp_verdict *v)
{
        switch (code) {
        case BGP_CAP_MP:
                return decode_mp(val, caps, v);
        case BGP_CAP_ROUTE_REFRESH:
                return decode_flag(val, caps, BGP_CAPF_ROUTE_REFRESH, v);
        case BGP_CAP_ENHANCED_REFRESH:
                return decode_flag(val, caps, BGP_CAPF_ENHANCED_REFRESH, v);
        case BGP_CAP_EXT_MESSAGE:
                return decode_flag(val, caps, BGP_CAPF_EXT_MESSAGE, v);
        case BGP_CAP_AS4:
                return decode_as4(val, caps, v);
        case BGP_CAP_ROLE:
                return decode_role(val, caps, v);
        case BGP_CAP_GRACEFUL_RESTART:
                return decode_gr(val, caps, v);
        case BGP_CAP_ADD_PATH:
                return decode_addpath(val, len, caps, v);
        case BGP_CAP_FQDN:
                return decode_fqdn(val, caps, v);
        default:
                /* RFC 5492 4: a capability we do not interpret is not an error. */
                keep_raw(caps, code, len, bgp_rd_ptr(val));
                return 0;
        }
}

int bgp_caps_decode(struct bgp_rd *rd, struct bgp_capabilities *caps, struct bgp_verdict *v)
{
        while (bgp_rd_left(rd) > 0) {
                uint8_t code, len;
                struct bgp_rd val;

                /* RFC 5492 4: Capability Code (1), Capability Length (1), Value. */
                if (bgp_rd_u8(rd, &code) != 0 || bgp_rd_u8(rd, &len) != 0 ||
                    bgp_rd_sub(rd, len, &val) != 0)
                        return malformed(v, "capability overruns its parameter");
                int rc = decode_one(code, len, &val, caps, v);
                if (rc != 0)
                        return rc;
        }
        return 0;
}

/* ---- encoding ------------------------------------------------------------------------ */

static size_t cap_begin(struct bgp_wr *wr, uint8_t code)
{
        bgp_wr_u8(wr, code);
        return bgp_wr_reserve8(wr);
}

static int check(const struct bgp_capabilities *caps)
{
        if (caps->n_mp > BGP_CAPS_MAX_FAMILIES || caps->n_gr > BGP_CAPS_MAX_FAMILIES ||
            caps->n_addpath > BGP_CAPS_MAX_FAMILIES || caps->n_raw > BGP_CAPS_MAX_RAW)
                return BGP_ERR_INVALID_ARGUMENT;
        if ((caps->present & BGP_CAPF_FQDN) != 0) {
                if ((caps->fqdn_host == NULL && caps->fqdn_host_len != 0) ||
                    (caps->fqdn_domain == NULL && caps->fqdn_domain_len != 0))
                        return BGP_ERR_INVALID_ARGUMENT;
                /* The capability value is 2 + both names and must fit its length octet. */
                if (2u + caps->fqdn_host_len + caps->fqdn_domain_len > 0xff)
                        return BGP_ERR_INVALID_ARGUMENT;
        }
        for (size_t i = 0; i < caps->n_raw; i++)
                if (caps->raw[i].value == NULL && caps->raw[i].len != 0)
                        return BGP_ERR_INVALID_ARGUMENT;
        return 0;
}

static void encode_flag(struct bgp_wr *wr, const struct bgp_capabilities *caps, uint32_t bit,
                        uint8_t code)
{
        if ((caps->present & bit) == 0)
                return;
        bgp_wr_u8(wr, code);
        bgp_wr_u8(wr, 0);
}

int bgp_caps_encode(struct bgp_wr *wr, const struct bgp_capabilities *caps)
{
        size_t at;
        int rc = check(caps);
        if (rc != 0)
                return rc;

        /* RFC 4760 8: one capability per AFI/SAFI. */
        if ((caps->present & BGP_CAPF_MP) != 0) {
                for (size_t i = 0; i < caps->n_mp; i++) {
                        at = cap_begin(wr, BGP_CAP_MP);
                        bgp_wr_u16(wr, caps->mp[i].afi);
                        bgp_wr_u8(wr, 0);
                        bgp_wr_u8(wr, caps->mp[i].safi);
                        bgp_wr_patch8(wr, at);
                }
        }
        encode_flag(wr, caps, BGP_CAPF_ROUTE_REFRESH, BGP_CAP_ROUTE_REFRESH);
        encode_flag(wr, caps, BGP_CAPF_ENHANCED_REFRESH, BGP_CAP_ENHANCED_REFRESH);
        if ((caps->present & BGP_CAPF_AS4) != 0) {
                at = cap_begin(wr, BGP_CAP_AS4);
                bgp_wr_u32(wr, caps->as4);
                bgp_wr_patch8(wr, at);
        }
        encode_flag(wr, caps, BGP_CAPF_EXT_MESSAGE, BGP_CAP_EXT_MESSAGE);
        if ((caps->present & BGP_CAPF_ROLE) != 0) {
                at = cap_begin(wr, BGP_CAP_ROLE);
                bgp_wr_u8(wr, caps->role);
                bgp_wr_patch8(wr, at);
        }
        if ((caps->present & BGP_CAPF_GRACEFUL_RESTART) != 0) {
                at = cap_begin(wr, BGP_CAP_GRACEFUL_RESTART);
                bgp_wr_u16(wr, (uint16_t)((unsigned)(caps->gr_flags & 0xf0) << 8 |
                                          (caps->gr_time & 0x0fffu)));
                for (size_t i = 0; i < caps->n_gr; i++) {
                        bgp_wr_u16(wr, caps->gr[i].afi);
                        bgp_wr_u8(wr, caps->gr[i].safi);
                        bgp_wr_u8(wr, caps->gr[i].flags);
                }
                bgp_wr_patch8(wr, at);
        }
        if ((caps->present & BGP_CAPF_ADD_PATH) != 0) {
                at = cap_begin(wr, BGP_CAP_ADD_PATH);
                for (size_t i = 0; i < caps->n_addpath; i++) {
                        bgp_wr_u16(wr, caps->addpath[i].afi);
                        bgp_wr_u8(wr, caps->addpath[i].safi);
                        bgp_wr_u8(wr, caps->addpath[i].send_receive);
                }
                bgp_wr_patch8(wr, at);
        }
        if ((caps->present & BGP_CAPF_FQDN) != 0) {
                at = cap_begin(wr, BGP_CAP_FQDN);
                bgp_wr_u8(wr, caps->fqdn_host_len);
                bgp_wr_bytes(wr, caps->fqdn_host, caps->fqdn_host_len);
                bgp_wr_u8(wr, caps->fqdn_domain_len);
                bgp_wr_bytes(wr, caps->fqdn_domain, caps->fqdn_domain_len);
                bgp_wr_patch8(wr, at);
        }
        for (size_t i = 0; i < caps->n_raw; i++) {
                bgp_wr_u8(wr, caps->raw[i].code);
                bgp_wr_u8(wr, caps->raw[i].len);
                bgp_wr_bytes(wr, caps->raw[i].value, caps->raw[i].len);
        }
        return 0;
}
