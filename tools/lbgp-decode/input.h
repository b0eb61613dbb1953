/*
 * input.h - reading a file or stdin as a stream of bytes, gzip and bzip2 undone.
 *
 * The format is found from the first bytes (RFC 1952 magic 1f 8b, bzip2 "BZh"), not the
 * file name.  Concatenated gzip members and bzip2 streams are read one after the other,
 * as gzip(1) and bzip2(1) do.  A compressed stream that stops early (a file cut short) is
 * not an error: the reader hands out everything that decompressed before the cut, then
 * reports the end and sets input_truncated().
 */
#ifndef LBGP_INPUT_H
#define LBGP_INPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct input;

/* Opens path ("-" for stdin); NULL with errno set when it cannot be opened or read. */
struct input *input_open(const char *path);
/* Reads up to n bytes, filling buf unless the stream ends; returns the count, 0 at the
 * end, or -1 when the file cannot be read or its compressed data is corrupt. */
ssize_t input_read(struct input *in, void *buf, size_t n);
/* The file could not be read to its end, or its compressed data is corrupt. */
bool input_failed(const struct input *in);
/* The compressed stream ended inside a member or block. */
bool input_truncated(const struct input *in);
/* "raw", "gzip" or "bzip2". */
const char *input_format(const struct input *in);
/* Why input_read() returned -1, or a remark on the end (trailing data), else NULL. */
const char *input_message(const struct input *in);
void input_close(struct input *in);

#endif /* LBGP_INPUT_H */
