/* source.c - a table named on the command line: the generator, an MRT file or prefixes. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bgp/mrt.h>

#include "input.h"
#include "source.h"

/* MRT or text: a text prefix list never starts with a valid MRT header of a type we read
 * (its type field would be two ASCII bytes, far above 17). */
static int looks_mrt(const char *file, bool *mrt, char *err, size_t errlen)
{
        uint8_t head[BGP_MRT_HEADER_LEN];
        struct input *in = input_open(file);
        if (in == NULL) {
                snprintf(err, errlen, "%s: %s", file, strerror(errno));
                return -1;
        }
        ssize_t n = input_read(in, head, sizeof(head));
        input_close(in);
        uint16_t type = n == (ssize_t)sizeof(head) ? (uint16_t)(head[4] << 8 | head[5]) : 0;
        *mrt = type == BGP_MRT_TABLE_DUMP || type == BGP_MRT_TABLE_DUMP_V2 ||
               type == BGP_MRT_BGP4MP || type == BGP_MRT_BGP4MP_ET;
        return 0;
}

int rsource_load_spec(struct rtable *t, const char *spec, const struct rsource_opts *o, char *err,
                      size_t errlen)
{
        if (strncmp(spec, "generate:", 9) == 0) {
                char *end;
                unsigned long long seed = strtoull(spec + 9, &end, 10);
                unsigned long first = 0;
                if (*end == ':')
                        first = strtoul(end + 1, &end, 10);
                if (end == spec + 9 || *end != '\0' || first > UINT32_MAX) {
                        snprintf(err, errlen, "%s: generate:SEED[:FIRST_AS] expected", spec);
                        return -1;
                }
                return rsource_load_generated(t, o->ipasn, seed, (uint32_t)first, err, errlen);
        }
        bool mrt;
        if (looks_mrt(spec, &mrt, err, errlen) != 0)
                return -1;
        if (mrt)
                return rsource_load_mrt(t, spec, o->mrt_peer, err, errlen);
        /* A prefix list may be compressed too, but fopen() reads it: keep it plain. */
        return rsource_load_prefixes(t, spec, o->path, err, errlen);
}
