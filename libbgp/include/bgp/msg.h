/*
 * bgp/msg.h - the BGP-4 message codec.
 *
 * Decoding never copies: a decoded message holds views (pointer and length) into the
 * caller's buffer, which must outlive it.  Every decoder returns 0 or a negative
 * enum bgp_error, and fills a struct bgp_verdict that classifies what was wrong as
 * RFC 4271 section 6 and RFC 7606 prescribe: the session must be reset with a given
 * NOTIFICATION, the UPDATE must be treated as a withdrawal of its prefixes, or some
 * attributes were discarded and the rest stands.
 *
 * Encoders write into a caller buffer and return the number of bytes written, or
 * BGP_ERR_NOSPACE when the message would exceed the buffer or the negotiated maximum
 * message size; they never truncate.
 */
#ifndef BGP_MSG_H
#define BGP_MSG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <bgp/export.h>

#ifdef __cplusplus
extern "C" {
#endif

/* RFC 4271 section 4.1. */
#define BGP_MARKER_LEN  16
#define BGP_HEADER_LEN  19
#define BGP_MAX_MSG_LEN 4096
/* RFC 8654: the largest message once both sides advertised the Extended Message capability. */
#define BGP_EXT_MAX_MSG_LEN 65535
/* RFC 6793 section 9: the 2-octet AS that stands in for a 4-octet one. */
#define BGP_AS_TRANS 23456

enum bgp_msg_type {
        BGP_MSG_OPEN = 1,
        BGP_MSG_UPDATE = 2,
        BGP_MSG_NOTIFICATION = 3,
        BGP_MSG_KEEPALIVE = 4,
        BGP_MSG_ROUTE_REFRESH = 5, /* RFC 2918 */
};

enum bgp_afi {
        BGP_AFI_IPV4 = 1,
        BGP_AFI_IPV6 = 2,
};

enum bgp_safi {
        BGP_SAFI_UNICAST = 1,
        BGP_SAFI_MULTICAST = 2,
};

/* Address families as a bit set, for what a session negotiated. */
enum bgp_family {
        BGP_FAMILY_IPV4_UNICAST = 1u << 0,
        BGP_FAMILY_IPV6_UNICAST = 1u << 1,
        BGP_FAMILY_IPV4_MULTICAST = 1u << 2,
        BGP_FAMILY_IPV6_MULTICAST = 1u << 3,
};

/* NOTIFICATION error codes: RFC 4271 section 4.5, RFC 7313, RFC 9687. */
enum bgp_notify_code {
        BGP_NOTIFY_HEADER = 1,
        BGP_NOTIFY_OPEN = 2,
        BGP_NOTIFY_UPDATE = 3,
        BGP_NOTIFY_HOLD_TIMER = 4,
        BGP_NOTIFY_FSM = 5,
        BGP_NOTIFY_CEASE = 6,
        BGP_NOTIFY_ROUTE_REFRESH = 7,
        BGP_NOTIFY_SEND_HOLD_TIMER = 8,
};

enum bgp_notify_header_subcode {
        BGP_NOTIFY_HEADER_NOT_SYNC = 1,
        BGP_NOTIFY_HEADER_BAD_LENGTH = 2,
        BGP_NOTIFY_HEADER_BAD_TYPE = 3,
};

enum bgp_notify_open_subcode {
        BGP_NOTIFY_OPEN_UNSPECIFIC = 0,
        BGP_NOTIFY_OPEN_UNSUPPORTED_VERSION = 1,
        BGP_NOTIFY_OPEN_BAD_PEER_AS = 2,
        BGP_NOTIFY_OPEN_BAD_BGP_ID = 3,
        BGP_NOTIFY_OPEN_UNSUPPORTED_PARAM = 4,
        BGP_NOTIFY_OPEN_BAD_HOLD_TIME = 6,
        BGP_NOTIFY_OPEN_UNSUPPORTED_CAPABILITY = 7, /* RFC 5492 */
        BGP_NOTIFY_OPEN_ROLE_MISMATCH = 11,         /* RFC 9234 */
};

enum bgp_notify_update_subcode {
        BGP_NOTIFY_UPDATE_MALFORMED_ATTR_LIST = 1,
        BGP_NOTIFY_UPDATE_UNRECOGNIZED_WELLKNOWN = 2,
        BGP_NOTIFY_UPDATE_MISSING_WELLKNOWN = 3,
        BGP_NOTIFY_UPDATE_ATTR_FLAGS = 4,
        BGP_NOTIFY_UPDATE_ATTR_LENGTH = 5,
        BGP_NOTIFY_UPDATE_INVALID_ORIGIN = 6,
        BGP_NOTIFY_UPDATE_INVALID_NEXT_HOP = 8,
        BGP_NOTIFY_UPDATE_OPTIONAL_ATTR = 9,
        BGP_NOTIFY_UPDATE_INVALID_NETWORK = 10,
        BGP_NOTIFY_UPDATE_MALFORMED_AS_PATH = 11,
};

/* RFC 4486, RFC 8538. */
enum bgp_notify_cease_subcode {
        BGP_NOTIFY_CEASE_MAX_PREFIX = 1,
        BGP_NOTIFY_CEASE_ADMIN_SHUTDOWN = 2,
        BGP_NOTIFY_CEASE_PEER_DECONFIGURED = 3,
        BGP_NOTIFY_CEASE_ADMIN_RESET = 4,
        BGP_NOTIFY_CEASE_CONNECTION_REJECTED = 5,
        BGP_NOTIFY_CEASE_OTHER_CONFIG_CHANGE = 6,
        BGP_NOTIFY_CEASE_COLLISION = 7,
        BGP_NOTIFY_CEASE_OUT_OF_RESOURCES = 8,
        BGP_NOTIFY_CEASE_HARD_RESET = 9,
        BGP_NOTIFY_CEASE_BFD_DOWN = 10,
};

/* RFC 7313 section 5. */
enum bgp_notify_refresh_subcode {
        BGP_NOTIFY_REFRESH_BAD_LENGTH = 1,
};

/* Path attribute type codes (IANA "BGP Path Attributes"). */
enum bgp_attr_type {
        BGP_ATTR_ORIGIN = 1,
        BGP_ATTR_AS_PATH = 2,
        BGP_ATTR_NEXT_HOP = 3,
        BGP_ATTR_MED = 4,
        BGP_ATTR_LOCAL_PREF = 5,
        BGP_ATTR_ATOMIC_AGGREGATE = 6,
        BGP_ATTR_AGGREGATOR = 7,
        BGP_ATTR_COMMUNITIES = 8,
        BGP_ATTR_ORIGINATOR_ID = 9,
        BGP_ATTR_CLUSTER_LIST = 10,
        BGP_ATTR_MP_REACH_NLRI = 14,
        BGP_ATTR_MP_UNREACH_NLRI = 15,
        BGP_ATTR_EXT_COMMUNITIES = 16,
        BGP_ATTR_AS4_PATH = 17,
        BGP_ATTR_AS4_AGGREGATOR = 18,
        BGP_ATTR_LARGE_COMMUNITIES = 32,
        BGP_ATTR_OTC = 35,
};

/* Attribute flag bits, RFC 4271 section 4.3. */
#define BGP_ATTR_FLAG_OPTIONAL   0x80
#define BGP_ATTR_FLAG_TRANSITIVE 0x40
#define BGP_ATTR_FLAG_PARTIAL    0x20
#define BGP_ATTR_FLAG_EXTLEN     0x10

enum bgp_origin {
        BGP_ORIGIN_IGP = 0,
        BGP_ORIGIN_EGP = 1,
        BGP_ORIGIN_INCOMPLETE = 2,
};

/* AS_PATH segment types, RFC 4271 section 4.3 and RFC 5065. */
enum bgp_as_segment_type {
        BGP_AS_SET = 1,
        BGP_AS_SEQUENCE = 2,
        BGP_AS_CONFED_SEQUENCE = 3,
        BGP_AS_CONFED_SET = 4,
};

/* What the session negotiated and is configured with; every decode and encode uses it. */
struct bgp_codec_opts {
        /* Both sides advertised the 4-octet AS capability (RFC 6793). */
        bool as4;
        /* Both sides advertised the Extended Message capability (RFC 8654). */
        bool ext_msg;
        /* The address families both sides advertised, a set of enum bgp_family. */
        uint32_t families;
        /* Our AS and the configured peer AS; 0 means "not checked". */
        uint32_t local_as;
        uint32_t remote_as;
        /* Our BGP identifier (host order); 0 means "not checked". */
        uint32_t local_id;
        /* Path attribute types dropped on receipt before any check (FRR "neighbor X
         * path-attribute discard"), a bit per type: bgp_codec_opts_discard(). */
        uint32_t discard[8];
};

/* Defaults of lbgp-decode: 4-octet AS on, extended messages off, IPv6 and IPv4 unicast. */
BGP_EXTERN void bgp_codec_opts_init(struct bgp_codec_opts *opts);
/*
 * Drops attributes of type `type` on receipt from now on: the decoder skips them before
 * checking their flags or value, so that a malformed one cannot reset the session or
 * withdraw the route (FRR's "neighbor X path-attribute discard", the answer to the 2023
 * attribute 28 incident).  ORIGIN, AS_PATH, NEXT_HOP, MP_REACH_NLRI and MP_UNREACH_NLRI
 * cannot be dropped (FRR refuses them too): BGP_ERR_INVALID_ARGUMENT.
 */
BGP_EXTERN int bgp_codec_opts_discard(struct bgp_codec_opts *opts, uint8_t type);
BGP_EXTERN bool bgp_codec_opts_discards(const struct bgp_codec_opts *opts, uint8_t type);
/* The enum bgp_family bit of an AFI/SAFI pair, or 0 when libbgp does not know the pair. */
BGP_EXTERN uint32_t bgp_family_of(uint16_t afi, uint8_t safi);
/*
 * Parses a comma-separated list of family names ("ipv6-unicast,ipv4-unicast"; also
 * ipv4-multicast, ipv6-multicast) into a set of enum bgp_family.  Returns 0, or
 * BGP_ERR_INVALID_ARGUMENT for an unknown or empty name or an empty list.
 */
BGP_EXTERN int bgp_families_parse(const char *text, uint32_t *families);
/* The largest message the options allow: 4096, or 65535 with extended messages. */
BGP_EXTERN size_t bgp_codec_max_msg_len(const struct bgp_codec_opts *opts);

/* How a malformed message is handled; a larger value is a stronger action (RFC 7606 3(h)). */
enum bgp_action {
        BGP_ACTION_OK = 0,
        /* RFC 7606 2: the malformed attribute is dropped, the rest of the UPDATE stands. */
        BGP_ACTION_ATTR_DISCARD = 1,
        /* RFC 7606 2: every prefix of the UPDATE is handled as withdrawn. */
        BGP_ACTION_TREAT_AS_WITHDRAW = 2,
        /* RFC 4271 6: send the NOTIFICATION (code, subcode, data) and close the session. */
        BGP_ACTION_SESSION_RESET = 3,
};

/* "ok", "attribute-discard", "treat-as-withdraw", "session-reset". */
BGP_EXTERN const char *bgp_action_name(enum bgp_action action);

struct bgp_verdict {
        enum bgp_action action;
        /* The NOTIFICATION that RFC 4271 names for the strongest error: sent when the action
         * is a session reset, and kept for logging otherwise. */
        uint8_t code;
        uint8_t subcode;
        /* NOTIFICATION data: a view into the decoded message or into constant storage. */
        const uint8_t *data;
        size_t data_len;
        /* A constant English description of the strongest error, NULL when none. */
        const char *reason;
        /* The attribute type that caused the strongest error, or -1. */
        int attr_type;
        /* The number of errors found; each one raised the action to at least its own. */
        unsigned errors;
        /* Attribute types dropped by attribute-discard (bit t of word t / 32). */
        uint32_t discarded[8];
        /* Storage for NOTIFICATION data that exists in no message: bgp_open_check_required()
         * puts our MP capability here (RFC 5492 3) and points data at it.  A verdict copied
         * by value keeps pointing at the original's bytes: re-point data at the copy's
         * unsupported_cap when data == original.unsupported_cap. */
        uint8_t unsupported_cap[6];
};

BGP_EXTERN void bgp_verdict_init(struct bgp_verdict *v);

/* The fixed header of every message, RFC 4271 section 4.1. */
struct bgp_header {
        uint16_t length;
        uint8_t type;
};

/*
 * Checks the header at buf.  Returns 0, BGP_ERR_SHORT when fewer than BGP_HEADER_LEN bytes
 * are given, or BGP_ERR_MALFORMED with a session-reset verdict (RFC 4271 6.1).
 */
BGP_EXTERN int bgp_header_decode(const uint8_t *buf, size_t len, const struct bgp_codec_opts *opts,
                                 struct bgp_header *hdr, struct bgp_verdict *verdict);

/* ---- prefixes and NLRI ---------------------------------------------------------------- */

struct bgp_prefix {
        uint16_t afi;     /* enum bgp_afi */
        uint8_t len;      /* prefix length in bits */
        uint8_t addr[16]; /* network byte order; bits past len are zero */
};

/* A validated run of NLRI in the RFC 4271 4.3 encoding (length, then the significant octets). */
struct bgp_nlri {
        const uint8_t *data;
        size_t len;
        uint16_t afi;
        uint8_t safi;
};

struct bgp_nlri_iter {
        const uint8_t *data;
        size_t len;
        size_t off;
        uint16_t afi;
};

BGP_EXTERN void bgp_nlri_iter_init(struct bgp_nlri_iter *it, const struct bgp_nlri *nlri);
/* Returns 1 and fills pfx, 0 at the end, or BGP_ERR_MALFORMED on a bad prefix. */
BGP_EXTERN int bgp_nlri_iter_next(struct bgp_nlri_iter *it, struct bgp_prefix *pfx);
/* The number of prefixes in a validated NLRI run. */
BGP_EXTERN size_t bgp_nlri_count(const struct bgp_nlri *nlri);
/* Writes "2001:db8::/32" or "192.0.2.0/24"; returns the length as snprintf does. */
BGP_EXTERN int bgp_prefix_format(const struct bgp_prefix *pfx, char *buf, size_t len);
/* Parses "2001:db8::/32" or "192.0.2.0/24" (host bits must be zero). */
BGP_EXTERN int bgp_prefix_parse(const char *text, struct bgp_prefix *pfx);

/* ---- UPDATE --------------------------------------------------------------------------- */

/* An AS_PATH or AS4_PATH value, in its wire encoding with 2- or 4-octet AS numbers. */
struct bgp_as_path {
        const uint8_t *data;
        size_t len;
        uint8_t asn_size; /* 2 or 4 */
};

struct bgp_as_path_iter {
        struct bgp_as_path path;
        size_t off;
};

struct bgp_as_segment {
        uint8_t type;  /* enum bgp_as_segment_type */
        uint8_t count; /* number of AS numbers */
        uint32_t asn[255];
};

BGP_EXTERN void bgp_as_path_iter_init(struct bgp_as_path_iter *it, const struct bgp_as_path *p);
/* Returns 1 and fills seg, 0 at the end, BGP_ERR_MALFORMED on a bad segment. */
BGP_EXTERN int bgp_as_path_iter_next(struct bgp_as_path_iter *it, struct bgp_as_segment *seg);
/* The path length as RFC 4271 9.1.2.2 counts it (a set counts 1, confederations 0). */
BGP_EXTERN int bgp_as_path_length(const struct bgp_as_path *p);
/* Writes asns as AS_SEQUENCE segments with 4-octet AS numbers (255 a segment); returns
 * the length, for a struct bgp_as_path with asn_size 4. */
BGP_EXTERN int bgp_as_path_encode_seq(uint8_t *buf, size_t cap, const uint32_t *asns, size_t n);

/* A run of fixed-size items: COMMUNITIES (4 octets each), EXTENDED (8), LARGE (12). */
struct bgp_attr_list {
        const uint8_t *data;
        size_t count;
};

/* An attribute kept as it was received: unknown optional transitive ones. */
struct bgp_attr_raw {
        uint8_t flags;
        uint8_t type;
        uint16_t len;
        const uint8_t *value;
};

struct bgp_mp_reach {
        uint16_t afi;
        uint8_t safi;
        uint8_t nh_len; /* 4, 16 or 32 */
        uint8_t nh[32]; /* global, then link-local for a 32-octet IPv6 next hop */
        struct bgp_nlri nlri;
};

struct bgp_mp_unreach {
        uint16_t afi;
        uint8_t safi;
        struct bgp_nlri nlri;
};

#define BGP_ATTRS_MAX_RAW 64

struct bgp_attrs {
        /* Which attribute types are present (bit t of word t / 32), after discards. */
        uint32_t present[8];
        uint8_t origin;
        struct bgp_as_path as_path;
        struct bgp_as_path as4_path;
        uint8_t next_hop[4];
        uint32_t med;
        uint32_t local_pref;
        uint32_t aggregator_as;
        uint8_t aggregator_addr[4];
        uint32_t as4_aggregator_as;
        uint8_t as4_aggregator_addr[4];
        struct bgp_attr_list communities;
        struct bgp_attr_list ext_communities;
        struct bgp_attr_list large_communities;
        uint32_t originator_id;
        struct bgp_attr_list cluster_list; /* 4-octet cluster ids */
        uint32_t otc;
        struct bgp_mp_reach mp_reach;
        struct bgp_mp_unreach mp_unreach;
        /* Unknown optional transitive attributes, in the order received. */
        size_t n_raw;
        struct bgp_attr_raw raw[BGP_ATTRS_MAX_RAW];
};

BGP_EXTERN bool bgp_attrs_has(const struct bgp_attrs *a, unsigned type);
BGP_EXTERN void bgp_attrs_set(struct bgp_attrs *a, unsigned type);
BGP_EXTERN void bgp_attrs_clear(struct bgp_attrs *a, unsigned type);
/* A constant name for an attribute type: "ORIGIN", "AS_PATH", ...; NULL when unknown. */
BGP_EXTERN const char *bgp_attr_name(unsigned type);

struct bgp_update {
        struct bgp_nlri withdrawn; /* IPv4 unicast, in the Withdrawn Routes field */
        struct bgp_attrs attrs;
        struct bgp_nlri nlri; /* IPv4 unicast, in the NLRI field */
};

/*
 * Decodes an UPDATE body (the message without its 19-octet header).  Returns 0 when the
 * verdict is OK or ATTR_DISCARD, BGP_ERR_MALFORMED for TREAT_AS_WITHDRAW and SESSION_RESET.
 * After a treat-as-withdraw the NLRI views are still valid (RFC 7606 5.3 needs them).
 */
BGP_EXTERN int bgp_update_decode(const uint8_t *body, size_t len, const struct bgp_codec_opts *opts,
                                 struct bgp_update *upd, struct bgp_verdict *verdict);

/* End-of-RIB (RFC 4724 section 2): true and the family when the UPDATE is one. */
BGP_EXTERN bool bgp_update_is_eor(const struct bgp_update *upd, uint16_t *afi, uint8_t *safi);

/*
 * Encodes a whole UPDATE message (header included) from upd.  AS paths are re-encoded for
 * opts->as4 (RFC 6793 4.2.2: AS_TRANS and an AS4_PATH towards a 2-octet peer), unknown
 * transitive attributes are sent with the Partial bit set (RFC 4271 5).  Returns the length.
 */
BGP_EXTERN int bgp_update_encode(uint8_t *buf, size_t cap, const struct bgp_codec_opts *opts,
                                 const struct bgp_update *upd);

/*
 * Builds an UPDATE announcing as many of pfx[*done..n) as fit in one message of the
 * negotiated maximum size, with the attributes attrs (IPv4 unicast in the NLRI field with
 * NEXT_HOP; other families in MP_REACH_NLRI with attrs->mp_reach's next hop).  Advances
 * *done.  Returns the message length; call again while *done < n.
 */
BGP_EXTERN int bgp_update_build_announce(uint8_t *buf, size_t cap,
                                         const struct bgp_codec_opts *opts,
                                         const struct bgp_attrs *attrs, uint8_t safi,
                                         const struct bgp_prefix *pfx, size_t n, size_t *done);
/* The same for withdrawals (Withdrawn Routes for IPv4 unicast, MP_UNREACH_NLRI otherwise). */
BGP_EXTERN int bgp_update_build_withdraw(uint8_t *buf, size_t cap,
                                         const struct bgp_codec_opts *opts, uint8_t safi,
                                         const struct bgp_prefix *pfx, size_t n, size_t *done);
/* End-of-RIB for a family: an empty UPDATE for IPv4 unicast, an empty MP_UNREACH otherwise. */
BGP_EXTERN int bgp_update_build_eor(uint8_t *buf, size_t cap, uint16_t afi, uint8_t safi);

/* ---- OPEN ----------------------------------------------------------------------------- */

/* Capability codes (IANA "Capability Codes"). */
enum bgp_cap_code {
        BGP_CAP_MP = 1,                /* RFC 4760 */
        BGP_CAP_ROUTE_REFRESH = 2,     /* RFC 2918 */
        BGP_CAP_EXT_NEXTHOP = 5,       /* RFC 8950 */
        BGP_CAP_EXT_MESSAGE = 6,       /* RFC 8654 */
        BGP_CAP_ROLE = 9,              /* RFC 9234 */
        BGP_CAP_GRACEFUL_RESTART = 64, /* RFC 4724 */
        BGP_CAP_AS4 = 65,              /* RFC 6793 */
        BGP_CAP_ADD_PATH = 69,         /* RFC 7911 */
        BGP_CAP_ENHANCED_REFRESH = 70, /* RFC 7313 */
        BGP_CAP_FQDN = 73,             /* draft-walton-bgp-hostname-capability */
};

/* RFC 9234 section 4.1. */
enum bgp_role {
        BGP_ROLE_PROVIDER = 0,
        BGP_ROLE_RS = 1,
        BGP_ROLE_RS_CLIENT = 2,
        BGP_ROLE_CUSTOMER = 3,
        BGP_ROLE_PEER = 4,
};

struct bgp_afi_safi {
        uint16_t afi;
        uint8_t safi;
};

struct bgp_gr_family {
        uint16_t afi;
        uint8_t safi;
        uint8_t flags; /* 0x80: forwarding state preserved */
};

struct bgp_addpath_family {
        uint16_t afi;
        uint8_t safi;
        uint8_t send_receive; /* 1 receive, 2 send, 3 both */
};

struct bgp_cap_raw {
        uint8_t code;
        uint8_t len;
        const uint8_t *value;
};

#define BGP_CAPS_MAX_FAMILIES 16
#define BGP_CAPS_MAX_RAW      32

/* Bits of bgp_capabilities.present. */
#define BGP_CAPF_MP               (1u << 0)
#define BGP_CAPF_ROUTE_REFRESH    (1u << 1)
#define BGP_CAPF_ENHANCED_REFRESH (1u << 2)
#define BGP_CAPF_AS4              (1u << 3)
#define BGP_CAPF_EXT_MESSAGE      (1u << 4)
#define BGP_CAPF_GRACEFUL_RESTART (1u << 5)
#define BGP_CAPF_ADD_PATH         (1u << 6)
#define BGP_CAPF_ROLE             (1u << 7)
#define BGP_CAPF_FQDN             (1u << 8)

struct bgp_capabilities {
        uint32_t present; /* BGP_CAPF_* */
        size_t n_mp;
        struct bgp_afi_safi mp[BGP_CAPS_MAX_FAMILIES];
        uint32_t as4;
        uint8_t gr_flags; /* restart flags, the top 4 bits */
        uint16_t gr_time; /* restart time in seconds, 12 bits */
        size_t n_gr;
        struct bgp_gr_family gr[BGP_CAPS_MAX_FAMILIES];
        size_t n_addpath;
        struct bgp_addpath_family addpath[BGP_CAPS_MAX_FAMILIES];
        uint8_t role; /* enum bgp_role */
        const uint8_t *fqdn_host;
        uint8_t fqdn_host_len;
        const uint8_t *fqdn_domain;
        uint8_t fqdn_domain_len;
        /* Capabilities libbgp does not interpret, kept as opaque bytes. */
        size_t n_raw;
        struct bgp_cap_raw raw[BGP_CAPS_MAX_RAW];
};

struct bgp_open {
        uint8_t version;
        uint16_t my_as;
        uint16_t hold_time;
        uint32_t bgp_id; /* host order */
        /* The optional parameters used the RFC 9072 extended length encoding. */
        bool ext_opt_params;
        struct bgp_capabilities caps;
};

/*
 * Decodes an OPEN body and checks it against opts (RFC 4271 6.2): version, peer AS (the
 * 4-octet one when the capability is there), hold time, BGP identifier, parameters.
 */
BGP_EXTERN int bgp_open_decode(const uint8_t *body, size_t len, const struct bgp_codec_opts *opts,
                               struct bgp_open *open, struct bgp_verdict *verdict);
/*
 * Checks that the peer's Multiprotocol capabilities (RFC 4760 8) cover every family in
 * required_families (a set of enum bgp_family); a peer without any MP capability supports
 * IPv4 unicast only.  Returns 0, or BGP_ERR_UNSUPPORTED after raising verdict to a session
 * reset 2/7 "Unsupported Capability" whose data is our MP capability for the first missing
 * family (RFC 5492 3), stored in verdict->unsupported_cap.  BGP_ERR_INVALID_ARGUMENT for a
 * family bit libbgp does not know.  The verdict is raised, not reset: pass the one
 * bgp_open_decode() filled, or a fresh one.
 */
BGP_EXTERN int bgp_open_check_required(const struct bgp_open *open, uint32_t required_families,
                                       struct bgp_verdict *verdict);
/* The AS the peer speaks for: the 4-octet capability's, else my_as. */
BGP_EXTERN uint32_t bgp_open_peer_as(const struct bgp_open *open);
/* Encodes a whole OPEN message; uses RFC 9072 encoding when the parameters need it. */
BGP_EXTERN int bgp_open_encode(uint8_t *buf, size_t cap, const struct bgp_open *open);

/* ---- NOTIFICATION, KEEPALIVE, ROUTE-REFRESH ------------------------------------------- */

struct bgp_notification {
        uint8_t code;
        uint8_t subcode;
        const uint8_t *data;
        size_t data_len;
};

BGP_EXTERN int bgp_notification_decode(const uint8_t *body, size_t len, struct bgp_notification *n,
                                       struct bgp_verdict *verdict);
BGP_EXTERN int bgp_notification_encode(uint8_t *buf, size_t cap, uint8_t code, uint8_t subcode,
                                       const uint8_t *data, size_t data_len);
/*
 * RFC 9003: for Cease/Administrative Shutdown and Cease/Administrative Reset, the
 * shutdown communication (a length octet, then up to 255 octets of UTF-8).  Copies it,
 * NUL-terminated, into text (which should hold 256 bytes) and returns its length; returns
 * BGP_ERR_EOF when the NOTIFICATION carries none and BGP_ERR_MALFORMED when it is not valid.
 */
BGP_EXTERN int bgp_notification_shutdown_text(const struct bgp_notification *n, char *text,
                                              size_t cap);
/* Encodes a Cease NOTIFICATION (subcode 2 or 4) with an RFC 9003 shutdown communication. */
BGP_EXTERN int bgp_notification_encode_shutdown(uint8_t *buf, size_t cap, uint8_t subcode,
                                                const char *text);
/* Constant names: "Cease", "Administrative Shutdown" (subcode names follow FRR's words). */
BGP_EXTERN const char *bgp_notify_code_name(uint8_t code);
BGP_EXTERN const char *bgp_notify_subcode_name(uint8_t code, uint8_t subcode);

BGP_EXTERN int bgp_keepalive_encode(uint8_t *buf, size_t cap);

/* RFC 7313 section 3: the Message Subtype of a ROUTE-REFRESH. */
enum bgp_refresh_subtype {
        BGP_REFRESH_NORMAL = 0,
        BGP_REFRESH_BORR = 1,
        BGP_REFRESH_EORR = 2,
};

struct bgp_route_refresh {
        uint16_t afi;
        uint8_t subtype;
        uint8_t safi;
};

BGP_EXTERN int bgp_route_refresh_decode(const uint8_t *body, size_t len,
                                        struct bgp_route_refresh *rr, struct bgp_verdict *verdict);
BGP_EXTERN int bgp_route_refresh_encode(uint8_t *buf, size_t cap,
                                        const struct bgp_route_refresh *rr);

/* ---- any message ---------------------------------------------------------------------- */

struct bgp_msg {
        struct bgp_header hdr;
        union {
                struct bgp_open open;
                struct bgp_update update;
                struct bgp_notification notification;
                struct bgp_route_refresh refresh;
        } u;
};

/*
 * Decodes one whole message (header and body) of exactly len octets.  Returns 0 when the
 * message stands (verdict OK or ATTR_DISCARD), BGP_ERR_SHORT when len is shorter than the
 * header says, BGP_ERR_MALFORMED with the verdict otherwise.
 */
BGP_EXTERN int bgp_msg_decode(const uint8_t *buf, size_t len, const struct bgp_codec_opts *opts,
                              struct bgp_msg *msg, struct bgp_verdict *verdict);

/* "OPEN", "UPDATE", ...; "UNKNOWN" otherwise. */
BGP_EXTERN const char *bgp_msg_type_name(unsigned type);

/* Well-known communities (RFC 1997, RFC 7999, RFC 8326): a name, or NULL. */
BGP_EXTERN const char *bgp_community_name(uint32_t community);

#ifdef __cplusplus
}
#endif

#endif /* BGP_MSG_H */
