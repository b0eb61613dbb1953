/*
 * lbgp-decode - decode BGP messages, or an MRT file, as the receiving side of a session.
 *
 * The command line is a contract (docs/DESIGN.md "Contracts"): the options say what the
 * session negotiated, --json prints one object per message, and the exit status is 0
 * whenever the input could be classified.  It is 1 when the input cannot be read or ends
 * inside a message, and 2 for a usage error.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "input.h"
#include "lbgp_decode.h"

enum {
        EXIT_OK = 0,
        EXIT_INPUT = 1,
        EXIT_USAGE = 2,
};

static const char usage_text[] =
    "usage: lbgp-decode [--hex] [--json] [--no-as4] [--ext-msg] [--local-as ASN]\n"
    "                   [--remote-as ASN] [--families LIST] [--summary] [FILE|-]\n"
    "       lbgp-decode [--json] [--summary] --mrt FILE\n"
    "\n"
    "Decodes BGP messages (raw, or hex text with --hex; one or more back to back) as the\n"
    "receiving side of a session that negotiated what the options say:\n"
    "  --no-as4          the 4-octet AS capability was not negotiated\n"
    "  --ext-msg         the Extended Message capability was (RFC 8654)\n"
    "  --local-as ASN    our AS: an OPEN is checked against it\n"
    "  --remote-as ASN   the peer's AS: checked in OPEN and, for eBGP, in AS_PATH\n"
    "  --families LIST   negotiated families, comma-separated, from ipv4-unicast,\n"
    "                    ipv6-unicast, ipv4-multicast, ipv6-multicast\n"
    "                    (default ipv6-unicast,ipv4-unicast)\n"
    "  --mrt FILE        decode an MRT file (RFC 6396; gzip and bzip2 are read directly);\n"
    "                    each record says how its messages were exchanged\n"
    "  --json            one JSON object per line per message\n"
    "  --summary         print counts instead of the messages\n";

static void usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void usage_error(const char *fmt, ...)
{
        va_list ap;
        fputs("lbgp-decode: ", stderr);
        va_start(ap, fmt);
        vfprintf(stderr, fmt, ap);
        va_end(ap);
        fputs("\nTry 'lbgp-decode --help'.\n", stderr);
        exit(EXIT_USAGE);
}

void run_emit(struct run *r, const struct item *it)
{
        stats_item(&r->stats, it);
        if (r->emit != NULL)
                r->emit(r->out, it);
}

void run_note(struct run *r, const char *fmt, ...)
{
        va_list ap;
        fprintf(stderr, "lbgp-decode: %s: ", r->name);
        va_start(ap, fmt);
        vfprintf(stderr, fmt, ap);
        va_end(ap);
        fputc('\n', stderr);
}

static uint32_t parse_asn(const char *opt, const char *text)
{
        char *end;
        errno = 0;
        unsigned long long v = strtoull(text, &end, 10);
        if (errno != 0 || end == text || *end != '\0' || v > UINT32_MAX || text[0] == '-')
                usage_error("%s: not an AS number: %s", opt, text);
        return (uint32_t)v;
}

/* Reads the whole input into memory: plain messages are decoded as one buffer. */
static uint8_t *read_all(struct input *in, size_t *len)
{
        size_t cap = 64 * 1024, n = 0;
        uint8_t *buf = malloc(cap);
        while (buf != NULL) {
                if (n == cap) {
                        uint8_t *nb = realloc(buf, cap * 2);
                        if (nb == NULL)
                                break;
                        buf = nb;
                        cap *= 2;
                }
                ssize_t got = input_read(in, buf + n, cap - n);
                if (got <= 0) {
                        *len = n;
                        return got < 0 ? (free(buf), NULL) : buf;
                }
                n += (size_t)got;
        }
        free(buf);
        errno = ENOMEM;
        return NULL;
}

static int decode_messages(struct run *r, const char *path, bool hex)
{
        struct input *in = input_open(path);
        if (in == NULL) {
                fprintf(stderr, "lbgp-decode: %s: %s\n", path, strerror(errno));
                return EXIT_INPUT;
        }
        size_t len = 0;
        uint8_t *buf = read_all(in, &len);
        if (buf == NULL || input_failed(in)) {
                const char *why = input_message(in);
                fprintf(stderr, "lbgp-decode: %s: %s\n", path, why != NULL ? why : strerror(errno));
                free(buf);
                input_close(in);
                return EXIT_INPUT;
        }
        if (input_truncated(in))
                run_note(r, "the %s stream is cut short", input_format(in));
        input_close(in);
        if (hex) {
                size_t bad;
                len = hex_decode(buf, len, &bad);
                if (len == SIZE_MAX) {
                        fprintf(stderr, "lbgp-decode: %s: not hex at offset %zu\n", path, bad);
                        free(buf);
                        return EXIT_INPUT;
                }
        }
        bool ok = msgs_run(r, buf, len);
        free(buf);
        return ok ? EXIT_OK : EXIT_INPUT;
}

static int decode_mrt(struct run *r, const char *path)
{
        struct input *in = input_open(path);
        if (in == NULL) {
                fprintf(stderr, "lbgp-decode: %s: %s\n", path, strerror(errno));
                return EXIT_INPUT;
        }
        bool ok = mrt_run(r, in);
        input_close(in);
        return ok ? EXIT_OK : EXIT_INPUT;
}

int main(int argc, char **argv)
{
        enum {
                OPT_HEX = 256,
                OPT_JSON,
                OPT_NO_AS4,
                OPT_EXT_MSG,
                OPT_LOCAL_AS,
                OPT_REMOTE_AS,
                OPT_FAMILIES,
                OPT_MRT,
                OPT_SUMMARY,
        };
        static const struct option longopts[] = {
            {"hex", no_argument, NULL, OPT_HEX},
            {"json", no_argument, NULL, OPT_JSON},
            {"no-as4", no_argument, NULL, OPT_NO_AS4},
            {"ext-msg", no_argument, NULL, OPT_EXT_MSG},
            {"local-as", required_argument, NULL, OPT_LOCAL_AS},
            {"remote-as", required_argument, NULL, OPT_REMOTE_AS},
            {"families", required_argument, NULL, OPT_FAMILIES},
            {"mrt", required_argument, NULL, OPT_MRT},
            {"summary", no_argument, NULL, OPT_SUMMARY},
            {"help", no_argument, NULL, 'h'},
            {NULL, 0, NULL, 0},
        };
        static struct run r; /* large (the statistics), so not on the stack */
        bool hex = false, json = false, summary = false;
        const char *mrt = NULL;
        int c;

        r.out = stdout;
        bgp_codec_opts_init(&r.opts);
        while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
                switch (c) {
                case OPT_HEX:
                        hex = true;
                        break;
                case OPT_JSON:
                        json = true;
                        break;
                case OPT_NO_AS4:
                        r.opts.as4 = false;
                        break;
                case OPT_EXT_MSG:
                        r.opts.ext_msg = true;
                        break;
                case OPT_LOCAL_AS:
                        r.opts.local_as = parse_asn("--local-as", optarg);
                        break;
                case OPT_REMOTE_AS:
                        r.opts.remote_as = parse_asn("--remote-as", optarg);
                        break;
                case OPT_FAMILIES:
                        if (bgp_families_parse(optarg, &r.opts.families) != 0)
                                usage_error("--families: unknown family in \"%s\"", optarg);
                        break;
                case OPT_MRT:
                        mrt = optarg;
                        break;
                case OPT_SUMMARY:
                        summary = true;
                        break;
                case 'h':
                        fputs(usage_text, stdout);
                        return EXIT_OK;
                default:
                        fputs("Try 'lbgp-decode --help'.\n", stderr);
                        return EXIT_USAGE;
                }
        }
        if (optind < argc - 1 || (mrt != NULL && optind < argc))
                usage_error("one input only");
        if (mrt != NULL && hex)
                usage_error("--hex does not apply to --mrt");
        const char *path = mrt != NULL ? mrt : optind < argc ? argv[optind] : "-";
        r.name = strcmp(path, "-") == 0 ? "stdin" : path;
        r.emit = summary ? NULL : json ? json_emit : text_emit;

        int rc = mrt != NULL ? decode_mrt(&r, path) : decode_messages(&r, path, hex);
        if (summary) {
                if (json)
                        summary_print_json(stdout, &r.stats);
                else
                        summary_print_text(stdout, &r.stats);
        }
        if (fflush(stdout) != 0)
                return EXIT_INPUT;
        return rc;
}
