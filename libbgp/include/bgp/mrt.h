/*
 * bgp/mrt.h - reading MRT routing information export files (RFC 6396).
 *
 * The reader is sans-I/O like the rest of libbgp: it never opens a file and never
 * decompresses.  The caller hands it bytes; bgp_mrt_record_decode() frames one record
 * and says how many bytes it spans, or how many it needs when the buffer ends early, and
 * describes what the record holds.  Everything variable-length is a view into the
 * caller's buffer, which must outlive the record, and lists (the peers of a
 * PEER_INDEX_TABLE, the entries of a RIB record) are read with iterators, so the reader
 * allocates nothing.  The record is validated whole before it is described, so the
 * iterators cannot fail on a record that decoded.
 *
 * Embedded BGP data is handed to the message codec of bgp/msg.h: a BGP4MP message with
 * bgp_msg_decode() and the options of bgp_mrt_codec_opts_init(), a TABLE_DUMP_V2 RIB entry
 * with bgp_mrt_rib_entry_decode().
 */
#ifndef BGP_MRT_H
#define BGP_MRT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <bgp/export.h>
#include <bgp/msg.h>

#ifdef __cplusplus
extern "C" {
#endif

/* RFC 6396 section 2: timestamp, type, subtype, length. */
#define BGP_MRT_HEADER_LEN 12

/* RFC 6396 section 4; the types this reader interprets. */
enum bgp_mrt_type {
        BGP_MRT_TABLE_DUMP = 12,
        BGP_MRT_TABLE_DUMP_V2 = 13,
        BGP_MRT_BGP4MP = 16,
        BGP_MRT_BGP4MP_ET = 17, /* RFC 6396 3: a microsecond field follows the header */
};

/* RFC 6396 section 4.3, RFC 8050 section 4 (ADD-PATH). */
enum bgp_mrt_td2_subtype {
        BGP_MRT_PEER_INDEX_TABLE = 1,
        BGP_MRT_RIB_IPV4_UNICAST = 2,
        BGP_MRT_RIB_IPV4_MULTICAST = 3,
        BGP_MRT_RIB_IPV6_UNICAST = 4,
        BGP_MRT_RIB_IPV6_MULTICAST = 5,
        BGP_MRT_RIB_GENERIC = 6,
        BGP_MRT_RIB_IPV4_UNICAST_ADDPATH = 8,
        BGP_MRT_RIB_IPV4_MULTICAST_ADDPATH = 9,
        BGP_MRT_RIB_IPV6_UNICAST_ADDPATH = 10,
        BGP_MRT_RIB_IPV6_MULTICAST_ADDPATH = 11,
        BGP_MRT_RIB_GENERIC_ADDPATH = 12,
};

/* RFC 6396 section 4.4, RFC 8050 section 3 (ADD-PATH). */
enum bgp_mrt_bgp4mp_subtype {
        BGP_MRT_BGP4MP_STATE_CHANGE = 0,
        BGP_MRT_BGP4MP_MESSAGE = 1,
        BGP_MRT_BGP4MP_MESSAGE_AS4 = 4,
        BGP_MRT_BGP4MP_STATE_CHANGE_AS4 = 5,
        BGP_MRT_BGP4MP_MESSAGE_LOCAL = 6,
        BGP_MRT_BGP4MP_MESSAGE_AS4_LOCAL = 7,
        BGP_MRT_BGP4MP_MESSAGE_ADDPATH = 8,
        BGP_MRT_BGP4MP_MESSAGE_AS4_ADDPATH = 9,
        BGP_MRT_BGP4MP_MESSAGE_LOCAL_ADDPATH = 10,
        BGP_MRT_BGP4MP_MESSAGE_AS4_LOCAL_ADDPATH = 11,
};

/* The FSM states of a BGP4MP_STATE_CHANGE, RFC 6396 section 4.4.1. */
enum bgp_mrt_state {
        BGP_MRT_STATE_IDLE = 1,
        BGP_MRT_STATE_CONNECT = 2,
        BGP_MRT_STATE_ACTIVE = 3,
        BGP_MRT_STATE_OPENSENT = 4,
        BGP_MRT_STATE_OPENCONFIRM = 5,
        BGP_MRT_STATE_ESTABLISHED = 6,
};

/* What a decoded record holds, and so which member of bgp_mrt_record.u is valid. */
enum bgp_mrt_kind {
        /* A type or subtype this reader does not interpret; skip record_len bytes. */
        BGP_MRT_KIND_OTHER = 0,
        BGP_MRT_KIND_BGP4MP_STATE,   /* u.bgp4mp, without a message */
        BGP_MRT_KIND_BGP4MP_MESSAGE, /* u.bgp4mp */
        BGP_MRT_KIND_PEER_INDEX,     /* u.peer_index */
        BGP_MRT_KIND_RIB,            /* u.rib */
};

/* BGP4MP_MESSAGE* and BGP4MP_STATE_CHANGE*, RFC 6396 sections 4.4.1 to 4.4.6. */
struct bgp_mrt_bgp4mp {
        uint32_t peer_as;
        uint32_t local_as;
        uint16_t ifindex;
        uint16_t afi;          /* of the addresses: enum bgp_afi */
        uint8_t peer_addr[16]; /* 4 or 16 octets by afi, network order */
        uint8_t local_addr[16];
        bool as4;     /* the subtype has 4-octet AS numbers, and so had the session */
        bool local;   /* a *_LOCAL subtype: the collector sent the message */
        bool addpath; /* an RFC 8050 subtype: NLRI carry path identifiers */
        /* STATE_CHANGE: enum bgp_mrt_state. */
        uint16_t old_state;
        uint16_t new_state;
        /* MESSAGE: the whole BGP message, header included. */
        const uint8_t *msg;
        size_t msg_len;
};

/* PEER_INDEX_TABLE, RFC 6396 section 4.3.1. */
struct bgp_mrt_peer_index {
        uint32_t collector_id; /* host order */
        const uint8_t *view_name;
        size_t view_name_len;
        uint16_t peer_count;
        const uint8_t *peers; /* the peer entries, validated */
        size_t peers_len;
};

struct bgp_mrt_peer {
        uint32_t bgp_id; /* host order */
        uint16_t afi;    /* enum bgp_afi */
        uint8_t addr[16];
        uint32_t asn;
};

struct bgp_mrt_peer_iter {
        const uint8_t *data;
        size_t len;
        size_t off;
};

/* RIB_IPV4_UNICAST ... RIB_GENERIC and their ADD-PATH forms, RFC 6396 4.3.2 and 4.3.3. */
struct bgp_mrt_rib {
        uint32_t seq;
        uint16_t afi;
        uint8_t safi;
        bool addpath; /* RFC 8050 4: each entry has a path identifier */
        struct bgp_prefix prefix;
        uint16_t entry_count;
        const uint8_t *entries; /* the RIB entries, validated */
        size_t entries_len;
};

/* One RIB entry, RFC 6396 section 4.3.4. */
struct bgp_mrt_rib_entry {
        uint16_t peer_index; /* into the last PEER_INDEX_TABLE */
        uint32_t originated; /* seconds since the epoch */
        uint32_t path_id;    /* RFC 8050; 0 when the subtype has none */
        const uint8_t *attrs;
        size_t attrs_len;
};

struct bgp_mrt_rib_iter {
        const uint8_t *data;
        size_t len;
        size_t off;
        bool addpath;
};

struct bgp_mrt_record {
        uint32_t timestamp;    /* seconds since the epoch */
        uint32_t microseconds; /* the _ET types only, else 0 */
        uint16_t type;         /* enum bgp_mrt_type */
        uint16_t subtype;
        /* The bytes the record spans, header included: skip this much to reach the next. */
        size_t record_len;
        /* The message field, after the microseconds of an _ET type. */
        const uint8_t *body;
        size_t body_len;
        enum bgp_mrt_kind kind;
        union {
                struct bgp_mrt_bgp4mp bgp4mp;
                struct bgp_mrt_peer_index peer_index;
                struct bgp_mrt_rib rib;
        } u;
};

/*
 * Decodes the record at the start of buf.  Returns:
 *  - 0: rec describes it, and rec->record_len bytes of buf belong to it.  A type or
 *    subtype the reader does not interpret is no error: its kind is BGP_MRT_KIND_OTHER.
 *  - BGP_ERR_SHORT: buf ends inside the record.  When the header is there,
 *    rec->record_len is the length the whole record needs, else it is 0.
 *  - BGP_ERR_MALFORMED: the header frames the record (rec->record_len is valid and the
 *    next record can be read after it), but the message field is not what its type says.
 *  - BGP_ERR_UNSUPPORTED: the record is longer than a size_t can hold.
 * The record length is 32 bits (RFC 6396 2), so records over 64 KiB are fine.
 */
BGP_EXTERN int bgp_mrt_record_decode(const uint8_t *buf, size_t len, struct bgp_mrt_record *rec);

BGP_EXTERN void bgp_mrt_peer_iter_init(struct bgp_mrt_peer_iter *it,
                                       const struct bgp_mrt_peer_index *pi);
/* Returns 1 and fills peer, 0 at the end, or BGP_ERR_MALFORMED on a bad entry. */
BGP_EXTERN int bgp_mrt_peer_iter_next(struct bgp_mrt_peer_iter *it, struct bgp_mrt_peer *peer);

BGP_EXTERN void bgp_mrt_rib_iter_init(struct bgp_mrt_rib_iter *it, const struct bgp_mrt_rib *rib);
/* Returns 1 and fills entry, 0 at the end, or BGP_ERR_MALFORMED on a bad entry. */
BGP_EXTERN int bgp_mrt_rib_iter_next(struct bgp_mrt_rib_iter *it, struct bgp_mrt_rib_entry *entry);

/*
 * The codec options under which a record's BGP data was exchanged, which MRT does not
 * record in full: 4-octet AS as the BGP4MP subtype says (always, for TABLE_DUMP_V2: RFC
 * 6396 4.3.4), extended messages allowed (collectors store what they received), and every
 * family libbgp knows, since the negotiated ones are not in the file.
 */
BGP_EXTERN void bgp_mrt_codec_opts_init(struct bgp_codec_opts *opts,
                                        const struct bgp_mrt_record *rec);

/* The longest UPDATE body bgp_mrt_rib_entry_update() writes. */
#define BGP_MRT_RIB_UPDATE_MAX (4 + 65535)

/*
 * Writes into buf an UPDATE body (no header, no NLRI) that carries the entry's path
 * attributes, so that bgp_update_decode() can read them.  RFC 6396 4.3.4 stores
 * MP_REACH_NLRI abbreviated (next-hop length and next hop only), but RouteViews and RIS
 * write the RFC 4760 form with AFI, SAFI and the NLRI of the UPDATE they received; both
 * become the RFC 4760 form with the next hop and no NLRI, since the entry is for the RIB
 * record's prefix only.  Returns the body length, or BGP_ERR_NOSPACE when buf is too small
 * (BGP_MRT_RIB_UPDATE_MAX is always enough unless the expansion of an abbreviated
 * MP_REACH_NLRI overflows the 16-bit attribute length).
 */
BGP_EXTERN int bgp_mrt_rib_entry_update(const struct bgp_mrt_rib *rib,
                                        const struct bgp_mrt_rib_entry *entry, uint8_t *buf,
                                        size_t cap);

/*
 * Decodes the entry's attributes with the codec: bgp_mrt_rib_entry_update() into buf,
 * then bgp_update_decode() under bgp_mrt_codec_opts_init()'s options.  The views in upd
 * point into buf.  Returns as bgp_update_decode() does, or BGP_ERR_NOSPACE.
 */
BGP_EXTERN int bgp_mrt_rib_entry_decode(const struct bgp_mrt_rib *rib,
                                        const struct bgp_mrt_rib_entry *entry, uint8_t *buf,
                                        size_t cap, struct bgp_update *upd,
                                        struct bgp_verdict *verdict);

/* Constant names: "TABLE_DUMP_V2", "RIB_IPV6_UNICAST", "Established"; NULL when unknown. */
BGP_EXTERN const char *bgp_mrt_type_name(uint16_t type);
BGP_EXTERN const char *bgp_mrt_subtype_name(uint16_t type, uint16_t subtype);
BGP_EXTERN const char *bgp_mrt_state_name(uint16_t state);

#ifdef __cplusplus
}
#endif

#endif /* BGP_MRT_H */
