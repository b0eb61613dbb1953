/* input.c - plain, gzip (zlib) and bzip2 (libbz2) input, read as one stream. */
#include <bzlib.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "input.h"

enum format {
        FMT_RAW,
        FMT_GZIP,
        FMT_BZIP2
};

#define IN_CHUNK (256 * 1024)

struct input {
        FILE *f;
        bool own;
        enum format fmt;
        /* Compressed (or, for FMT_RAW, not yet handed out) bytes read from the file. */
        uint8_t *in;
        size_t in_len, in_off;
        bool file_eof;
        /* The decompressor, and whether a member or stream has begun and not ended. */
        z_stream z;
        bz_stream bz;
        bool live;
        bool started;
        bool done;
        bool truncated;
        bool failed;
        char msg[160];
};

/* Refills the input buffer once it is used up; false at the end of the file or on error. */
static bool fill(struct input *in)
{
        if (in->in_off < in->in_len)
                return true;
        if (in->file_eof)
                return false;
        in->in_off = 0;
        in->in_len = fread(in->in, 1, IN_CHUNK, in->f);
        if (in->in_len == 0) {
                in->file_eof = true;
                if (ferror(in->f)) {
                        in->failed = true;
                        snprintf(in->msg, sizeof(in->msg), "read error: %s", strerror(errno));
                }
                return false;
        }
        return true;
}

static size_t avail(const struct input *in)
{
        return in->in_len - in->in_off;
}

/* Makes at least n bytes available when the file has them (n <= IN_CHUNK). */
static void want(struct input *in, size_t n)
{
        if (avail(in) >= n || in->file_eof)
                return;
        memmove(in->in, in->in + in->in_off, avail(in));
        in->in_len = avail(in);
        in->in_off = 0;
        while (in->in_len < n && !in->file_eof) {
                size_t got = fread(in->in + in->in_len, 1, IN_CHUNK - in->in_len, in->f);
                if (got == 0)
                        in->file_eof = true;
                in->in_len += got;
        }
}

static bool starts_with(const struct input *in, const char *magic, size_t n)
{
        return avail(in) >= n && memcmp(in->in + in->in_off, magic, n) == 0;
}

struct input *input_open(const char *path)
{
        struct input *in = calloc(1, sizeof(*in));
        if (in == NULL)
                return NULL;
        in->in = malloc(IN_CHUNK);
        if (in->in == NULL) {
                free(in);
                return NULL;
        }
        if (strcmp(path, "-") == 0) {
                in->f = stdin;
        } else {
                in->f = fopen(path, "rb");
                in->own = true;
        }
        if (in->f == NULL) {
                int e = errno;
                free(in->in);
                free(in);
                errno = e;
                return NULL;
        }
        want(in, 3);
        if (ferror(in->f)) {
                int e = errno;
                input_close(in);
                errno = e != 0 ? e : EIO;
                return NULL;
        }
        if (starts_with(in, "\x1f\x8b", 2))
                in->fmt = FMT_GZIP;
        else if (starts_with(in, "BZh", 3))
                in->fmt = FMT_BZIP2;
        return in;
}

/* Starts the next gzip member or bzip2 stream, if the input holds one. */
static bool next_stream(struct input *in)
{
        want(in, 3);
        if (avail(in) == 0)
                return false;
        bool gz = in->fmt == FMT_GZIP;
        if (!starts_with(in, gz ? "\x1f\x8b" : "BZh", gz ? 2 : 3)) {
                /* gzip(1) says "trailing garbage ignored" for the same thing. */
                snprintf(in->msg, sizeof(in->msg), "data after the last %s stream ignored",
                         gz ? "gzip" : "bzip2");
                return false;
        }
        int rc;
        if (gz) {
                memset(&in->z, 0, sizeof(in->z));
                rc = inflateInit2(&in->z, 15 + 16) == Z_OK ? 0 : -1; /* gzip wrapper only */
        } else {
                memset(&in->bz, 0, sizeof(in->bz));
                rc = BZ2_bzDecompressInit(&in->bz, 0, 0) == BZ_OK ? 0 : -1;
        }
        if (rc != 0) {
                snprintf(in->msg, sizeof(in->msg), "cannot start the decompressor");
                in->failed = true;
                return false;
        }
        in->live = true;
        in->started = false;
        return true;
}

static void end_stream(struct input *in)
{
        if (!in->live)
                return;
        if (in->fmt == FMT_GZIP)
                inflateEnd(&in->z);
        else
                BZ2_bzDecompressEnd(&in->bz);
        in->live = false;
}

/* Runs the decompressor once over what input there is; returns the status as
 * 1 (more to come), 0 (stream ended), -1 (corrupt). */
static int step(struct input *in, uint8_t *out, size_t n, size_t *produced)
{
        unsigned avail_in = (unsigned)(avail(in) > UINT32_MAX ? UINT32_MAX : avail(in));
        unsigned avail_out = (unsigned)(n > UINT32_MAX ? UINT32_MAX : n);
        unsigned left_in, left_out;
        int status;

        if (in->fmt == FMT_GZIP) {
                in->z.next_in = in->in + in->in_off;
                in->z.avail_in = avail_in;
                in->z.next_out = out;
                in->z.avail_out = avail_out;
                int rc = inflate(&in->z, Z_NO_FLUSH);
                left_in = in->z.avail_in;
                left_out = in->z.avail_out;
                status = rc == Z_STREAM_END ? 0 : (rc == Z_OK || rc == Z_BUF_ERROR) ? 1 : -1;
                if (status < 0)
                        snprintf(in->msg, sizeof(in->msg), "corrupt gzip data: %s",
                                 in->z.msg != NULL ? in->z.msg : "inflate failed");
        } else {
                in->bz.next_in = (char *)(in->in + in->in_off);
                in->bz.avail_in = avail_in;
                in->bz.next_out = (char *)out;
                in->bz.avail_out = avail_out;
                int rc = BZ2_bzDecompress(&in->bz);
                left_in = in->bz.avail_in;
                left_out = in->bz.avail_out;
                status = rc == BZ_STREAM_END ? 0 : rc == BZ_OK ? 1 : -1;
                if (status < 0)
                        snprintf(in->msg, sizeof(in->msg), "corrupt bzip2 data (error %d)", rc);
        }
        if (avail_in != left_in)
                in->started = true;
        in->in_off += avail_in - left_in;
        *produced = avail_out - left_out;
        return status;
}

static ssize_t read_compressed(struct input *in, uint8_t *buf, size_t n)
{
        size_t got = 0;

        while (got < n && !in->done) {
                if (!in->live && !next_stream(in)) {
                        in->done = true;
                        break;
                }
                bool more = fill(in);
                size_t produced;
                int status = step(in, buf + got, n - got, &produced);
                got += produced;
                if (status < 0) {
                        end_stream(in);
                        in->done = true;
                        in->failed = true;
                        return got > 0 ? (ssize_t)got : -1;
                }
                if (status == 0) {
                        end_stream(in);
                        continue;
                }
                /* The file ended and the decompressor has nothing more to give. */
                if (!more && produced == 0) {
                        in->truncated = in->started;
                        end_stream(in);
                        in->done = true;
                }
        }
        return (ssize_t)got;
}

ssize_t input_read(struct input *in, void *buf, size_t n)
{
        if (n > SSIZE_MAX)
                n = SSIZE_MAX;
        if (in->fmt != FMT_RAW)
                return read_compressed(in, buf, n);
        size_t got = 0;
        while (got < n && fill(in)) {
                size_t take = avail(in) < n - got ? avail(in) : n - got;
                memcpy((uint8_t *)buf + got, in->in + in->in_off, take);
                in->in_off += take;
                got += take;
        }
        if (got == 0 && in->failed)
                return -1;
        return (ssize_t)got;
}

bool input_failed(const struct input *in)
{
        return in->failed;
}

bool input_truncated(const struct input *in)
{
        return in->truncated;
}

const char *input_format(const struct input *in)
{
        return in->fmt == FMT_GZIP ? "gzip" : in->fmt == FMT_BZIP2 ? "bzip2" : "raw";
}

const char *input_message(const struct input *in)
{
        return in->msg[0] != '\0' ? in->msg : NULL;
}

void input_close(struct input *in)
{
        if (in == NULL)
                return;
        end_stream(in);
        if (in->own && in->f != NULL)
                fclose(in->f);
        free(in->in);
        free(in);
}
