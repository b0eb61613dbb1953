/*
 * msgs.c - BGP messages back to back, as the receiving side of a session reads them
 * (RFC 4271 4.1): the header frames each one, the codec judges it.
 */
#include <stdint.h>
#include <stdlib.h>

#include "lbgp_decode.h"

bool msgs_run(struct run *r, const uint8_t *buf, size_t len)
{
        struct bgp_msg *msg = malloc(sizeof(*msg));
        unsigned long seq = 0;
        size_t off = 0;
        bool ok = true;

        if (msg == NULL) {
                run_note(r, "out of memory");
                return false;
        }
        while (off < len) {
                struct bgp_verdict v;
                struct item it = {.kind = ITEM_MSG,
                                  .seq = ++seq,
                                  .raw = buf + off,
                                  .raw_len = len - off,
                                  .verdict = &v};
                int rc = bgp_header_decode(buf + off, len - off, &r->opts, &msg->hdr, &v);
                if (rc == BGP_ERR_SHORT) {
                        run_note(r, "the input ends inside the header of message %lu (%zu bytes)",
                                 seq, len - off);
                        ok = false;
                        break;
                }
                if (rc != 0) {
                        /* RFC 4271 6.1: a bad header resets the session, and with it the
                         * framing of whatever follows. */
                        run_emit(r, &it);
                        break;
                }
                if (msg->hdr.length > len - off) {
                        run_note(r, "the input ends inside message %lu (%zu of %u bytes)", seq,
                                 len - off, msg->hdr.length);
                        ok = false;
                        break;
                }
                it.raw_len = msg->hdr.length;
                bgp_msg_decode(buf + off, msg->hdr.length, &r->opts, msg, &v);
                it.msg = msg;
                run_emit(r, &it);
                off += msg->hdr.length;
        }
        free(msg);
        return ok;
}

static int nibble(unsigned char c)
{
        if (c >= '0' && c <= '9')
                return c - '0';
        if (c >= 'a' && c <= 'f')
                return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
                return c - 'A' + 10;
        return -1;
}

size_t hex_decode(uint8_t *buf, size_t len, size_t *bad)
{
        size_t n = 0;
        int hi = -1;

        /* White space (and a "0x" before a run of digits) may separate the octets. */
        for (size_t i = 0; i < len; i++) {
                unsigned char c = buf[i];
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ':')
                        continue;
                if (c == '0' && hi < 0 && i + 1 < len && (buf[i + 1] == 'x' || buf[i + 1] == 'X')) {
                        i++;
                        continue;
                }
                int v = nibble(c);
                if (v < 0) {
                        *bad = i;
                        return SIZE_MAX;
                }
                if (hi < 0) {
                        hi = v;
                } else {
                        buf[n++] = (uint8_t)(hi << 4 | v);
                        hi = -1;
                }
        }
        if (hi >= 0) {
                *bad = len;
                return SIZE_MAX;
        }
        return n;
}
