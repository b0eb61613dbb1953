/*
 * lbgp_decode.h - the parts of lbgp-decode and how they talk.
 *
 * Every decoded thing (a BGP message, an MRT state change or peer index table, a RIB
 * entry, a record that could not be read) becomes one struct item.  The items go to the
 * statistics of --summary and to one output backend (text or JSON), which never decode
 * anything themselves.
 */
#ifndef LBGP_DECODE_H
#define LBGP_DECODE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <bgp/bgp.h>

/* The address families the tool counts apart; FAM_OTHER catches the rest. */
enum fam {
        FAM_IPV4_UNICAST,
        FAM_IPV6_UNICAST,
        FAM_IPV4_MULTICAST,
        FAM_IPV6_MULTICAST,
        FAM_OTHER,
        FAM_COUNT
};

enum fam fam_of(uint16_t afi, uint8_t safi);
/* "ipv4-unicast", as --families spells them. */
const char *fam_name(enum fam f);

/* What an ITEM_NOTE is about, for the counts of --summary. */
enum note_kind {
        NOTE_MALFORMED_RECORD, /* an MRT record whose body is not what its type says */
        NOTE_SKIPPED_RECORD,   /* an MRT type or subtype the reader does not interpret */
        NOTE_OTHER,            /* anything else that could not be decoded */
};

enum item_kind {
        ITEM_MSG,        /* a BGP message: raw, msg, verdict */
        ITEM_STATE,      /* a BGP4MP state change: rec */
        ITEM_PEER_INDEX, /* a TABLE_DUMP_V2 peer index table: rec */
        ITEM_RIB_ENTRY,  /* one RIB entry: rec, entry, peer, upd, verdict */
        ITEM_NOTE,       /* a record or message that could not be read: note */
};

struct item {
        enum item_kind kind;
        unsigned long seq;                /* message or record number, from 1 */
        const struct bgp_mrt_record *rec; /* NULL outside MRT files */
        /* ITEM_MSG */
        const uint8_t *raw;
        size_t raw_len;
        const struct bgp_msg *msg; /* NULL when not even the header was read */
        /* ITEM_MSG and ITEM_RIB_ENTRY */
        const struct bgp_verdict *verdict;
        /* ITEM_RIB_ENTRY */
        const struct bgp_mrt_rib_entry *entry;
        const struct bgp_mrt_peer *peer; /* NULL when the peer index is unknown */
        const struct bgp_update *upd;
        /* ITEM_NOTE */
        enum note_kind note_kind;
        const char *note;
};

/* An output backend: writes one item, one block of text or one line of JSON. */
typedef void emit_fn(FILE *out, const struct item *it);
emit_fn text_emit;
emit_fn json_emit;

/* ---- what --summary counts -------------------------------------------------------------- */

#define STATS_MAX_RECORD_TYPES 64

struct stats {
        unsigned long records;
        size_t n_types;
        struct {
                uint16_t type;
                uint16_t subtype;
                unsigned long n;
        } types[STATS_MAX_RECORD_TYPES];
        unsigned long messages;
        unsigned long msg_types[256];
        /* Prefixes in UPDATEs that did not reset the session, as the UPDATE carries them. */
        unsigned long announced[FAM_COUNT];
        unsigned long withdrawn[FAM_COUNT];
        /* Of those, the ones in UPDATEs handled as treat-as-withdraw (RFC 7606 2). */
        unsigned long taw_prefixes;
        unsigned long end_of_rib;
        unsigned long state_changes;
        unsigned long peer_index_tables;
        unsigned long rib_records;
        unsigned long rib_entries[FAM_COUNT];
        /* UPDATEs and RIB entries carrying each attribute type, after discards. */
        unsigned long attrs[256];
        /* Messages and RIB entries by RFC 7606 action. */
        unsigned long actions[4];
        /* Problems outside the BGP codec: notes, by kind. */
        unsigned long malformed_records;
        unsigned long skipped_records;
        unsigned long other_notes;
        bool input_truncated;
};

void stats_record(struct stats *st, const struct bgp_mrt_record *rec);
void stats_item(struct stats *st, const struct item *it);
/* The --summary report. */
void summary_print_text(FILE *out, const struct stats *st);
void summary_print_json(FILE *out, const struct stats *st);

/* ---- decoding runs ---------------------------------------------------------------------- */

struct input;

struct run {
        FILE *out;
        emit_fn *emit; /* NULL with --summary */
        struct stats stats;
        struct bgp_codec_opts opts; /* for plain messages */
        const char *name;           /* of the input, for notes */
};

/* Hands an item to the statistics and the output. */
void run_emit(struct run *r, const struct item *it);
/* A note on stderr, prefixed with the input's name. */
void run_note(struct run *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Decodes back-to-back BGP messages in buf; returns false when the input ends inside one. */
bool msgs_run(struct run *r, const uint8_t *buf, size_t len);
/* Turns hex text in buf into bytes in place; returns their count, or SIZE_MAX with the
 * offset of the first character that is not hex in *bad. */
size_t hex_decode(uint8_t *buf, size_t len, size_t *bad);
/* Decodes an MRT file; returns false when it could not be read at all. */
bool mrt_run(struct run *r, struct input *in);

/* ---- formatting shared by the backends -------------------------------------------------- */

/* An IPv4 or IPv6 address (4 or 16 octets by afi). */
void fmt_addr(uint16_t afi, const uint8_t *addr, char *buf, size_t len);
/* An AS path the way FRR prints it: "64500 64501 {1,2} (64512)". Returns a malloc'd string. */
char *fmt_as_path(const struct bgp_as_path *path);
/* "65000:1", or the RFC 1997 / RFC 8326 name of a well-known community. */
void fmt_community(uint32_t c, char *buf, size_t len);
/* "a:b:c" (RFC 8092). */
void fmt_large_community(const uint8_t *p, char *buf, size_t len);
/* "RT:65000:1", "SoO:192.0.2.1:7", or the 8 octets in hex for other types (RFC 4360). */
void fmt_ext_community(const uint8_t *p, char *buf, size_t len);
const char *fmt_origin(uint8_t origin);
/* "2016-08-11 16:00:00" in UTC, with ".123456" when usec is given (>= 0). */
void fmt_time(uint32_t t, long usec, char *buf, size_t len);
/* Uppercase hex of bytes, for NOTIFICATION data and unknown attributes. */
void fmt_hex(const uint8_t *p, size_t n, char *buf, size_t len);

/* The NLRI runs an UPDATE announces or withdraws, with their families. */
struct nlri_run {
        enum fam fam;
        const struct bgp_nlri *nlri;
};
size_t update_announced(const struct bgp_update *u, struct nlri_run out[2]);
size_t update_withdrawn(const struct bgp_update *u, struct nlri_run out[2]);

#endif /* LBGP_DECODE_H */
