/*
 * pattr_aspath.c - the AS path of a bgp_pattr: building it in canonical form, the RFC 6793
 * 4.2.3 merge of AS4_PATH, prepending (RFC 4271 5.1.2), its length (RFC 4271 9.1.2.2 a),
 * RFC 5065 5.3) and FRR's text for it.
 *
 * The canonical form (see pattr.h) merges adjacent AS_SEQUENCE segments and splits them
 * again at 255 AS numbers with the full segments first, which is how FRR writes a long
 * sequence (bgpd/bgp_aspath.c aspath_put), so a path prepended past 255 ASNs reads back as
 * [255][rest].
 */
#include <inttypes.h>
#include <string.h>

#include "pattr.h"
#include "textbuf.h"
#include "wr.h"

/* A path under construction: wire bytes written so far, and a pending AS_SEQUENCE that
 * grows until another kind of segment (or the end) comes. */
struct path_builder {
        const struct bgp_mem *mem;
        uint8_t *buf;
        size_t len;
        size_t cap;
        uint32_t *seq;
        size_t nseq;
        size_t seqcap;
        int err;
};

static void pb_init(struct path_builder *b, const struct bgp_mem *mem)
{
        memset(b, 0, sizeof(*b));
        b->mem = mem;
}

static void pb_free(struct path_builder *b)
{
        bgp_mem_free(b->mem, b->buf);
        bgp_mem_free(b->mem, b->seq);
        b->buf = NULL;
        b->seq = NULL;
}

/* Grows *p (items of size bytes, *cap of them) to hold need. */
static int grow(const struct bgp_mem *m, void **p, size_t *cap, size_t need, size_t size)
{
        if (need <= *cap)
                return 0;
        size_t cap2 = *cap == 0 ? 16 : *cap;
        while (cap2 < need) {
                if (cap2 > ((size_t)-1) / 2 / size)
                        return BGP_ERR_NOMEM;
                cap2 *= 2;
        }
        void *q = bgp_mem_realloc(m, *p, cap2 * size);
        if (q == NULL)
                return BGP_ERR_NOMEM;
        *p = q;
        *cap = cap2;
        return 0;
}

/* Writes one segment of at most 255 AS numbers. */
static void pb_write(struct path_builder *b, uint8_t type, const uint32_t *asns, size_t n)
{
        void *buf = b->buf;

        if (b->err != 0)
                return;
        b->err = grow(b->mem, &buf, &b->cap, b->len + 2 + 4 * n, 1);
        b->buf = buf;
        if (b->err != 0)
                return;
        struct bgp_wr wr = bgp_wr_make(b->buf + b->len, b->cap - b->len);
        bgp_wr_u8(&wr, type);
        bgp_wr_u8(&wr, (uint8_t)n);
        for (size_t i = 0; i < n; i++)
                bgp_wr_u32(&wr, asns[i]);
        b->len += wr.off;
}

/* Writes the pending AS_SEQUENCE as segments of 255, the full ones first. */
static void pb_flush(struct path_builder *b)
{
        for (size_t i = 0; i < b->nseq; i += 255) {
                size_t n = b->nseq - i > 255 ? 255 : b->nseq - i;
                pb_write(b, BGP_AS_SEQUENCE, b->seq + i, n);
        }
        b->nseq = 0;
}

static void pb_seq(struct path_builder *b, const uint32_t *asns, size_t n)
{
        void *seq = b->seq;

        if (b->err != 0 || n == 0)
                return;
        b->err = grow(b->mem, &seq, &b->seqcap, b->nseq + n, sizeof(uint32_t));
        b->seq = seq;
        if (b->err != 0)
                return;
        memcpy(b->seq + b->nseq, asns, n * sizeof(uint32_t));
        b->nseq += n;
}

static void pb_segment(struct path_builder *b, const struct bgp_as_segment *seg)
{
        if (seg->type == BGP_AS_SEQUENCE) {
                pb_seq(b, seg->asn, seg->count);
                return;
        }
        pb_flush(b);
        pb_write(b, seg->type, seg->asn, seg->count);
}

/* Appends every segment of p; BGP_ERR_MALFORMED when p does not parse. */
static void pb_path(struct path_builder *b, const struct bgp_as_path *p)
{
        struct bgp_as_path_iter it;
        struct bgp_as_segment seg;
        int rc;

        bgp_as_path_iter_init(&it, p);
        while ((rc = bgp_as_path_iter_next(&it, &seg)) == 1)
                pb_segment(b, &seg);
        if (rc < 0 && b->err == 0)
                b->err = BGP_ERR_MALFORMED;
}

/* Replaces pa's path with what was built. */
static int pb_finish(struct path_builder *b, struct bgp_pattr *pa)
{
        pb_flush(b);
        if (b->err != 0) {
                int err = b->err;
                pb_free(b);
                return err;
        }
        bgp_mem_free(b->mem, pa->as_path);
        bgp_mem_free(b->mem, b->seq);
        pa->as_path = b->len > 0 ? b->buf : NULL;
        pa->as_path_len = b->len;
        if (b->len == 0)
                bgp_mem_free(b->mem, b->buf);
        return 0;
}

struct bgp_as_path bgp_pattr_as_path(const struct bgp_pattr *pa)
{
        struct bgp_as_path p = {pa->as_path, pa->as_path_len, 4};
        return p;
}

static bool is_confed(uint8_t type)
{
        return type == BGP_AS_CONFED_SEQUENCE || type == BGP_AS_CONFED_SET;
}

/*
 * RFC 6793 4.2.3: count both paths as RFC 4271 9.1.2.2 does (a set counts one,
 * confederation segments nothing).  When AS_PATH is the shorter, AS4_PATH is ignored;
 * otherwise the path is as many AS numbers from the front of AS_PATH as make up the
 * difference, followed by AS4_PATH.  Confederation segments at the front of AS_PATH are
 * kept: they count nothing and AS4_PATH cannot carry them (RFC 6793 3).
 */
static void pb_merge_as4(struct path_builder *b, const struct bgp_as_path *path,
                         const struct bgp_as_path *as4)
{
        int len = bgp_as_path_length(path);
        int len4 = bgp_as_path_length(as4);
        struct bgp_as_path_iter it;
        struct bgp_as_segment seg;

        if (len < 0 || len4 < 0) {
                b->err = BGP_ERR_MALFORMED;
                return;
        }
        if (len < len4) {
                pb_path(b, path);
                return;
        }
        unsigned need = (unsigned)(len - len4);
        bgp_as_path_iter_init(&it, path);
        while (bgp_as_path_iter_next(&it, &seg) == 1) {
                if (is_confed(seg.type)) {
                        pb_segment(b, &seg);
                        continue;
                }
                if (need == 0)
                        break;
                if (seg.type == BGP_AS_SET) {
                        pb_segment(b, &seg);
                        need--;
                        continue;
                }
                unsigned take = seg.count < need ? seg.count : need;
                pb_seq(b, seg.asn, take);
                need -= take;
        }
        pb_path(b, as4);
}

int bgp_pattr_build_as_path(struct bgp_pattr *pa, const struct bgp_as_path *path,
                            const struct bgp_as_path *as4)
{
        struct bgp_mem m = bgp_pattr_mem(pa);
        struct path_builder b;

        pb_init(&b, &m);
        if (as4 != NULL)
                pb_merge_as4(&b, path, as4);
        else
                pb_path(&b, path);
        return pb_finish(&b, pa);
}

/* RFC 4271 5.1.2: the new AS numbers go in front, into the leading AS_SEQUENCE when there
 * is one (a new segment otherwise, e.g. before an AS_SET). */
int bgp_pattr_prepend_seq(struct bgp_pattr *pa, const uint32_t *asns, size_t n)
{
        struct bgp_mem m = bgp_pattr_mem(pa);
        struct bgp_as_path old = bgp_pattr_as_path(pa);
        struct path_builder b;

        if (n == 0)
                return 0;
        pb_init(&b, &m);
        pb_seq(&b, asns, n);
        pb_path(&b, &old);
        return pb_finish(&b, pa);
}

int bgp_pattr_prepend(struct bgp_pattr *pa, uint32_t asn, unsigned times)
{
        struct bgp_mem m = bgp_pattr_mem(pa);
        struct bgp_as_path old = bgp_pattr_as_path(pa);
        struct path_builder b;

        if (times == 0)
                return 0;
        pb_init(&b, &m);
        for (unsigned i = 0; i < times && b.err == 0; i++)
                pb_seq(&b, &asn, 1);
        pb_path(&b, &old);
        return pb_finish(&b, pa);
}

/* FRR's text (bgpd/bgp_aspath.c aspath_make_str_count): segments apart by a space; a
 * sequence's AS numbers apart by spaces; "{a,b}" for AS_SET, "(a b)" for
 * AS_CONFED_SEQUENCE, "[a,b]" for AS_CONFED_SET. */
static int path_text(const struct bgp_pattr *pa, struct bgp_textbuf *tb)
{
        struct bgp_as_path p = bgp_pattr_as_path(pa);
        struct bgp_as_path_iter it;
        struct bgp_as_segment seg;
        bool first = true;
        int rc;

        bgp_as_path_iter_init(&it, &p);
        while ((rc = bgp_as_path_iter_next(&it, &seg)) == 1) {
                const char *open = "", *close = "";
                char sep = ' ';
                switch (seg.type) {
                case BGP_AS_SET:
                        open = "{";
                        close = "}";
                        sep = ',';
                        break;
                case BGP_AS_CONFED_SEQUENCE:
                        open = "(";
                        close = ")";
                        break;
                case BGP_AS_CONFED_SET:
                        open = "[";
                        close = "]";
                        sep = ',';
                        break;
                default:
                        break;
                }
                bgp_textbuf_printf(tb, "%s%s", first ? "" : " ", open);
                for (unsigned i = 0; i < seg.count; i++) {
                        if (i > 0)
                                bgp_textbuf_printf(tb, "%c", sep);
                        bgp_textbuf_printf(tb, "%" PRIu32, seg.asn[i]);
                }
                bgp_textbuf_puts(tb, close);
                first = false;
        }
        if (rc < 0)
                return BGP_ERR_MALFORMED;
        return tb->err;
}

int bgp_pattr_as_path_text(const struct bgp_pattr *pa, const struct bgp_mem *mem, char **out)
{
        struct bgp_textbuf tb;

        *out = NULL;
        bgp_textbuf_init(&tb, mem);
        int rc = path_text(pa, &tb);
        if (rc != 0) {
                bgp_textbuf_free(&tb);
                return rc;
        }
        return bgp_textbuf_take(&tb, out);
}

int bgp_pattr_as_path_string(const struct bgp_pattr *pa, char *buf, size_t len)
{
        struct bgp_mem m = bgp_pattr_mem(pa);
        char *text = NULL;

        int rc = bgp_pattr_as_path_text(pa, &m, &text);
        if (rc != 0)
                return rc;
        size_t n = strlen(text);
        if (len > 0) {
                size_t k = n < len - 1 ? n : len - 1;
                memcpy(buf, text, k);
                buf[k] = '\0';
        }
        bgp_mem_free(&m, text);
        /* As snprintf: the length of the whole text, even when it was cut. */
        return n > (size_t)0x7fffffff ? BGP_ERR_NOSPACE : (int)n;
}

/* The neighbouring AS: the first AS of a leading AS_SEQUENCE (FRR aspath_leftmost). */
uint32_t bgp_pattr_first_as(const struct bgp_pattr *pa)
{
        struct bgp_as_path p = bgp_pattr_as_path(pa);
        struct bgp_as_path_iter it;
        struct bgp_as_segment seg;

        bgp_as_path_iter_init(&it, &p);
        if (bgp_as_path_iter_next(&it, &seg) == 1 && seg.type == BGP_AS_SEQUENCE)
                return seg.asn[0];
        return 0;
}

unsigned bgp_pattr_as_path_length(const struct bgp_pattr *pa)
{
        struct bgp_as_path p = bgp_pattr_as_path(pa);
        int n = bgp_as_path_length(&p);
        return n < 0 ? 0 : (unsigned)n;
}
