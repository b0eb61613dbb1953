/*
 * mrt_file.c - walking an MRT file record by record (RFC 6396) and handing what each
 * record holds to the codec.
 *
 * The file is read in chunks into a buffer that grows to the longest record seen, so
 * records over 64 KiB need nothing special.  When the input ends inside a record (a
 * file cut short, or a compressed stream truncated mid-block), every complete record
 * before the cut has been handled; the cut is reported on stderr and is no error.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "input.h"
#include "lbgp_decode.h"

#define READ_CHUNK (1u << 20)
/* No real record comes near this; a larger length means the file is not MRT, or damaged. */
#define MAX_RECORD (256u << 20)

struct mrt_walk {
        struct run *r;
        unsigned long seq;
        struct bgp_mrt_peer *peers; /* the last PEER_INDEX_TABLE, copied */
        size_t n_peers;
        uint8_t *scratch; /* BGP_MRT_RIB_UPDATE_MAX, for RIB entries */
};

static void note(struct mrt_walk *w, const struct bgp_mrt_record *rec, enum note_kind kind,
                 const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void note(struct mrt_walk *w, const struct bgp_mrt_record *rec, enum note_kind kind,
                 const char *fmt, ...)
{
        char text[256];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(text, sizeof(text), fmt, ap);
        va_end(ap);
        struct item it = {
            .kind = ITEM_NOTE, .seq = w->seq, .rec = rec, .note_kind = kind, .note = text};
        run_emit(w->r, &it);
}

static void bgp4mp_message(struct mrt_walk *w, const struct bgp_mrt_record *rec)
{
        const struct bgp_mrt_bgp4mp *m = &rec->u.bgp4mp;
        struct bgp_codec_opts opts;
        struct bgp_verdict v;
        struct bgp_msg *msg = malloc(sizeof(*msg));
        struct item it = {.kind = ITEM_MSG,
                          .seq = w->seq,
                          .rec = rec,
                          .raw = m->msg,
                          .raw_len = m->msg_len,
                          .verdict = &v};

        if (msg == NULL) {
                note(w, rec, NOTE_OTHER, "out of memory");
                return;
        }
        if (m->addpath) {
                /* RFC 8050 3: the NLRI carry path identifiers, which libbgp's codec does
                 * not read (ADD-PATH is not negotiated by lbgpd). */
                note(w, rec, NOTE_OTHER, "ADD-PATH message not decoded");
                goto done;
        }
        bgp_mrt_codec_opts_init(&opts, rec);
        int rc = bgp_header_decode(m->msg, m->msg_len, &opts, &msg->hdr, &v);
        if (rc == BGP_ERR_SHORT) {
                note(w, rec, NOTE_OTHER, "the record holds %zu bytes, less than a BGP header",
                     m->msg_len);
                goto done;
        }
        if (rc == 0 && msg->hdr.length > m->msg_len) {
                note(w, rec, NOTE_OTHER, "a %u-byte %s message in a record that holds %zu",
                     msg->hdr.length, bgp_msg_type_name(msg->hdr.type), m->msg_len);
                goto done;
        }
        if (rc != 0) {
                run_emit(w->r, &it); /* the header's verdict: the framing is lost */
                goto done;
        }
        if (msg->hdr.length < m->msg_len)
                note(w, rec, NOTE_OTHER, "%zu bytes after the message in its record ignored",
                     m->msg_len - msg->hdr.length);
        it.raw_len = msg->hdr.length;
        bgp_msg_decode(m->msg, msg->hdr.length, &opts, msg, &v);
        it.msg = msg;
        run_emit(w->r, &it);
done:
        free(msg);
}

static void peer_index(struct mrt_walk *w, const struct bgp_mrt_record *rec)
{
        const struct bgp_mrt_peer_index *pi = &rec->u.peer_index;
        struct bgp_mrt_peer_iter it;
        struct bgp_mrt_peer *peers = calloc(pi->peer_count + 1u, sizeof(*peers));
        size_t n = 0;

        if (peers == NULL) {
                note(w, rec, NOTE_OTHER, "out of memory");
                return;
        }
        bgp_mrt_peer_iter_init(&it, pi);
        while (n < pi->peer_count && bgp_mrt_peer_iter_next(&it, &peers[n]) == 1)
                n++;
        free(w->peers);
        w->peers = peers;
        w->n_peers = n;
        struct item item = {.kind = ITEM_PEER_INDEX, .seq = w->seq, .rec = rec};
        run_emit(w->r, &item);
}

static void rib(struct mrt_walk *w, const struct bgp_mrt_record *rec)
{
        struct bgp_mrt_rib_iter it;
        struct bgp_mrt_rib_entry e;
        struct bgp_verdict v;
        struct bgp_update *upd = malloc(sizeof(*upd));

        if (upd == NULL) {
                note(w, rec, NOTE_OTHER, "out of memory");
                return;
        }
        bgp_mrt_rib_iter_init(&it, &rec->u.rib);
        while (bgp_mrt_rib_iter_next(&it, &e) == 1) {
                int rc = bgp_mrt_rib_entry_decode(&rec->u.rib, &e, w->scratch,
                                                  BGP_MRT_RIB_UPDATE_MAX, upd, &v);
                if (rc == BGP_ERR_NOSPACE) {
                        note(w, rec, NOTE_OTHER, "RIB entry attributes too long to decode");
                        continue;
                }
                if (e.peer_index >= w->n_peers)
                        note(w, rec, NOTE_OTHER, "peer index %u is not in the peer index table",
                             e.peer_index);
                struct item item = {.kind = ITEM_RIB_ENTRY,
                                    .seq = w->seq,
                                    .rec = rec,
                                    .verdict = &v,
                                    .entry = &e,
                                    .upd = upd,
                                    .peer =
                                        e.peer_index < w->n_peers ? &w->peers[e.peer_index] : NULL};
                run_emit(w->r, &item);
        }
        free(upd);
}

static void record(struct mrt_walk *w, const struct bgp_mrt_record *rec, int rc)
{
        w->seq++;
        stats_record(&w->r->stats, rec);
        if (rc == BGP_ERR_MALFORMED) {
                const char *type = bgp_mrt_type_name(rec->type);
                const char *sub = bgp_mrt_subtype_name(rec->type, rec->subtype);
                note(w, rec, NOTE_MALFORMED_RECORD, "malformed %s/%s record of %zu bytes skipped",
                     type != NULL ? type : "?", sub != NULL ? sub : "?", rec->record_len);
                return;
        }
        switch (rec->kind) {
        case BGP_MRT_KIND_BGP4MP_MESSAGE:
                bgp4mp_message(w, rec);
                break;
        case BGP_MRT_KIND_BGP4MP_STATE: {
                struct item it = {.kind = ITEM_STATE, .seq = w->seq, .rec = rec};
                run_emit(w->r, &it);
                break;
        }
        case BGP_MRT_KIND_PEER_INDEX:
                peer_index(w, rec);
                break;
        case BGP_MRT_KIND_RIB:
                w->r->stats.rib_records++;
                rib(w, rec);
                break;
        case BGP_MRT_KIND_OTHER:
                note(w, rec, NOTE_SKIPPED_RECORD, "record of type %u/%u not interpreted, skipped",
                     rec->type, rec->subtype);
                break;
        }
}

bool mrt_run(struct run *r, struct input *in)
{
        struct mrt_walk w = {.r = r};
        size_t cap = READ_CHUNK, len = 0, off = 0;
        uint8_t *buf = malloc(cap);
        bool eof = false, ok = true;

        w.scratch = malloc(BGP_MRT_RIB_UPDATE_MAX);
        if (buf == NULL || w.scratch == NULL) {
                run_note(r, "out of memory");
                ok = false;
                goto done;
        }
        for (;;) {
                struct bgp_mrt_record rec;
                int rc = bgp_mrt_record_decode(buf + off, len - off, &rec);
                if (rc == 0 || rc == BGP_ERR_MALFORMED) {
                        record(&w, &rec, rc);
                        off += rec.record_len;
                        continue;
                }
                if (rc != BGP_ERR_SHORT || rec.record_len > MAX_RECORD) {
                        run_note(r,
                                 "record %lu: a length of %zu bytes; not an MRT file, or damaged",
                                 w.seq + 1, rec.record_len);
                        r->stats.other_notes++;
                        break;
                }
                if (eof) {
                        if (len > off) {
                                run_note(r, "the input ends inside record %lu (%zu of %zu bytes)",
                                         w.seq + 1, len - off,
                                         rec.record_len != 0 ? rec.record_len
                                                             : (size_t)BGP_MRT_HEADER_LEN);
                                r->stats.input_truncated = true;
                        }
                        break;
                }
                /* Keep the partial record, make room for it whole and a chunk more. */
                memmove(buf, buf + off, len - off);
                len -= off;
                off = 0;
                size_t need = rec.record_len > len + READ_CHUNK ? rec.record_len : len + READ_CHUNK;
                if (need > cap) {
                        uint8_t *nb = realloc(buf, need);
                        if (nb == NULL) {
                                run_note(r, "out of memory for a record of %zu bytes", need);
                                ok = false;
                                break;
                        }
                        buf = nb;
                        cap = need;
                }
                ssize_t got = input_read(in, buf + len, cap - len);
                if (got < 0) {
                        eof = true;
                        continue;
                }
                if (got == 0)
                        eof = true;
                len += (size_t)got;
        }
        if (input_truncated(in)) {
                run_note(r, "the %s stream is cut short; every record before the cut was read",
                         input_format(in));
                r->stats.input_truncated = true;
        }
        if (input_failed(in)) {
                run_note(r, "%s", input_message(in));
                ok = false;
        } else if (input_message(in) != NULL) {
                run_note(r, "%s", input_message(in));
        }
done:
        free(w.peers);
        free(w.scratch);
        free(buf);
        return ok;
}
