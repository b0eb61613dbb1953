/* src_text.c - a plain prefix list as a replay table: one set, ORIGIN IGP, a fixed path. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "source.h"

#define MAX_PATH_ASNS 255

/* "64500 64501" -> ASNs; -1 on anything else. */
static int parse_path(const char *text, uint32_t *asns, size_t *n)
{
        *n = 0;
        while (text != NULL && *text != '\0') {
                while (isspace((unsigned char)*text))
                        text++;
                if (*text == '\0')
                        break;
                char *end;
                errno = 0;
                unsigned long v = strtoul(text, &end, 10);
                if (end == text || errno != 0 || v > UINT32_MAX || *n == MAX_PATH_ASNS ||
                    (*end != '\0' && !isspace((unsigned char)*end)))
                        return -1;
                asns[(*n)++] = (uint32_t)v;
                text = end;
        }
        return 0;
}

int rsource_load_prefixes(struct rtable *t, const char *file, const char *path, char *err,
                          size_t errlen)
{
        uint32_t asns[MAX_PATH_ASNS];
        uint8_t seg[MAX_PATH_ASNS * 4 + 8];
        size_t n_asns;
        struct bgp_attrs a;
        uint32_t set;
        char line[512];
        unsigned long lineno = 0;

        if (parse_path(path, asns, &n_asns) != 0) {
                snprintf(err, errlen, "--path \"%s\": AS numbers separated by spaces expected",
                         path);
                return -1;
        }
        memset(&a, 0, sizeof(a));
        bgp_attrs_set(&a, BGP_ATTR_ORIGIN);
        a.origin = BGP_ORIGIN_IGP;
        bgp_attrs_set(&a, BGP_ATTR_AS_PATH);
        a.as_path.asn_size = 4;
        a.as_path.data = seg;
        int len = bgp_as_path_encode_seq(seg, sizeof(seg), asns, n_asns);
        a.as_path.len = len > 0 ? (size_t)len : 0;
        if (rtable_intern(t, &a, &set) != 0) {
                snprintf(err, errlen, "out of memory");
                return -1;
        }

        FILE *f = strcmp(file, "-") == 0 ? stdin : fopen(file, "r");
        if (f == NULL) {
                snprintf(err, errlen, "%s: %s", file, strerror(errno));
                return -1;
        }
        int rc = 0;
        while (fgets(line, sizeof(line), f) != NULL) {
                lineno++;
                char *p = strchr(line, '#');
                if (p != NULL)
                        *p = '\0';
                p = line;
                while (isspace((unsigned char)*p))
                        p++;
                char *e = p + strlen(p);
                while (e > p && isspace((unsigned char)e[-1]))
                        *--e = '\0';
                if (*p == '\0')
                        continue;
                struct bgp_prefix pfx;
                if (bgp_prefix_parse(p, &pfx) != 0) {
                        snprintf(err, errlen, "%s:%lu: not a prefix: \"%s\"", file, lineno, p);
                        rc = -1;
                        break;
                }
                if (!rtable_wants(t, pfx.afi, BGP_SAFI_UNICAST)) {
                        t->skipped_family++;
                        continue;
                }
                if (rtable_add(t, set, BGP_SAFI_UNICAST, &pfx) != 0) {
                        snprintf(err, errlen, "out of memory");
                        rc = -1;
                        break;
                }
        }
        if (f != stdin)
                fclose(f);
        if (rc == 0 && rtable_finish(t) != 0) {
                snprintf(err, errlen, "out of memory");
                rc = -1;
        }
        if (rc == 0)
                snprintf(t->source, sizeof(t->source), "prefix file %s, path \"%s\"", file,
                         path != NULL ? path : "");
        return rc;
}
