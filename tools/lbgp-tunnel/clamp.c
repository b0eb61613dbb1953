/*
 * clamp.c - MSS clamp lines for pf and nftables (clamp.h).
 */
#include <stdio.h>

#include "clamp.h"
#include "encap.h"

int clamp_pf(const char *ifname, uint32_t mss, char *buf, size_t len)
{
        return snprintf(buf, len, "scrub on %s max-mss %u\n", ifname, (unsigned)mss);
}

int clamp_nft(const char *ifname, uint32_t mss, char *buf, size_t len)
{
        char chain[TUNNEL_IFNAMSIZ];
        size_t i;

        /* An nft identifier is letters, digits, '_', '/', '\\' and '.': no '-'. */
        for (i = 0; ifname[i] != '\0' && i + 1 < sizeof(chain); i++)
                chain[i] = ifname[i] == '-' ? '_' : ifname[i];
        chain[i] = '\0';
        /* "tcp flags syn" matches SYN and SYN-ACK alike: both carry the MSS option. */
        return snprintf(buf, len,
                        "table inet lbgp_tunnel {\n"
                        "\tchain mss_%s {\n"
                        "\t\ttype filter hook forward priority mangle; policy accept;\n"
                        "\t\toifname \"%s\" tcp flags syn tcp option maxseg size > %u "
                        "tcp option maxseg size set %u\n"
                        "\t\tiifname \"%s\" tcp flags syn tcp option maxseg size > %u "
                        "tcp option maxseg size set %u\n"
                        "\t}\n"
                        "}\n",
                        chain, ifname, (unsigned)mss, (unsigned)mss, ifname, (unsigned)mss,
                        (unsigned)mss);
}

/* "IPv4 20 + GRE 4 + key 4" for the explanation. */
static void headers_text(const struct tunnel_conf *c, char *buf, size_t len)
{
        struct encap_overhead o = encap_overhead(c->kind, c->has_key);
        const char *delivery = tunnel_kind_outer_afi(c->kind) == BGP_AFI_IPV6 ? "IPv6" : "IPv4";

        if (o.gre == 0)
                snprintf(buf, len, "%s header %u", delivery, (unsigned)o.delivery);
        else
                snprintf(buf, len, "%s header %u + GRE header %u%s", delivery, (unsigned)o.delivery,
                         4u, c->has_key ? " + GRE key 4" : "");
}

int clamp_report(const struct tunnel_conf *c, char *buf, size_t len)
{
        uint32_t mtu = tconf_mtu(c), mss = encap_mss_ipv6(mtu);
        size_t off = 0;
        int n;

        if (mtu == 0)
                return -1;
#define PUT(...)                                                                                   \
        do {                                                                                       \
                n = snprintf(buf + off, off < len ? len - off : 0, __VA_ARGS__);                   \
                if (n < 0)                                                                         \
                        return n;                                                                  \
                off += (size_t)n;                                                                  \
        } while (0)
        if (c->kind == TUNNEL_KIND_EXTERNAL) {
                PUT("# %s: external link, MTU %u as given\n", c->name, (unsigned)mtu);
        } else {
                char headers[64];
                uint32_t outer = tconf_outer_mtu(c);

                headers_text(c, headers, sizeof(headers));
                PUT("# %s: %s, outer MTU %u - %u (%s) = %u\n", c->name, tunnel_kind_name(c->kind),
                    (unsigned)outer, (unsigned)encap_overhead(c->kind, c->has_key).total, headers,
                    (unsigned)encap_inner_mtu(c->kind, c->has_key, outer));
                if (c->has_mtu)
                        PUT("# %s: inner MTU %u as given\n", c->name, (unsigned)mtu);
        }
        PUT("# IPv6 TCP MSS: %u - 40 (IPv6 header) - 20 (TCP header) = %u\n", (unsigned)mtu,
            (unsigned)mss);
        PUT("# pf.conf:\n");
        n = clamp_pf(c->name, mss, buf + off, off < len ? len - off : 0);
        if (n < 0)
                return n;
        off += (size_t)n;
        PUT("# nftables (nft -f FILE):\n");
        n = clamp_nft(c->name, mss, buf + off, off < len ? len - off : 0);
        if (n < 0)
                return n;
        off += (size_t)n;
#undef PUT
        return off > INT32_MAX ? -1 : (int)off;
}
