/*
 * encap.c - encapsulation overhead, inner MTU and MSS (encap.h).
 *
 * Where each number comes from:
 *   - IPv4 header, 20 octets: RFC 791 section 3.1, an IHL of 5 words; Linux's sit and gre
 *     send no IPv4 options.
 *   - IPv6 header, 40 octets: RFC 8200 section 3.
 *   - sit (6in4): the IPv4 header alone, protocol 41 (RFC 4213 section 3.5): 20.
 *   - GRE header, 4 octets: RFC 2784 section 2.1 (C bit, Reserved0, Ver, Protocol Type);
 *     the Checksum and Reserved1 fields are present only with the C bit, which we never
 *     set.  A key adds its 4-octet field (RFC 2890 section 2.1).  We send no sequence
 *     numbers (RFC 2890 section 2.2).  gre over IPv4: 20 + 4 = 24, 28 with a key.
 *   - ip6gre (RFC 7676 section 3, IPv6 as the delivery protocol): 40 + 4 = 44, 48 with a
 *     key.  Linux by default also inserts the Tunnel Encapsulation Limit destination
 *     option of RFC 2473 section 4.1.1 (8 octets more, 52) and sizes the MTU for it;
 *     RFC 7676 does not ask for it, FreeBSD's gre(4) does not send it, and we create
 *     ip6gre links with IP6_TNL_F_IGN_ENCAP_LIMIT so that the kernel does not either.
 *   - TCP header, 20 octets: RFC 9293 section 3.1 (Data Offset of 5 words); the MSS is
 *     the MTU less the fixed IP and TCP headers (RFC 9293 section 3.7.1, and RFC 8200
 *     section 8.3 for the larger IPv6 header).
 */
#include "encap.h"

#define IPV4_HEADER 20
#define IPV6_HEADER 40
#define GRE_HEADER  4
#define GRE_KEY     4
#define TCP_HEADER  20

struct encap_overhead encap_overhead(enum tunnel_kind kind, bool key)
{
        struct encap_overhead o = {0};

        switch (kind) {
        case TUNNEL_KIND_SIT:
                o.delivery = IPV4_HEADER;
                break;
        case TUNNEL_KIND_GRE:
                o.delivery = IPV4_HEADER;
                o.gre = GRE_HEADER + (key ? GRE_KEY : 0);
                break;
        case TUNNEL_KIND_IP6GRE:
                o.delivery = IPV6_HEADER;
                o.gre = GRE_HEADER + (key ? GRE_KEY : 0);
                break;
        case TUNNEL_KIND_EXTERNAL:
                break;
        }
        o.total = o.delivery + o.gre;
        return o;
}

uint32_t encap_inner_mtu(enum tunnel_kind kind, bool key, uint32_t outer_mtu)
{
        uint32_t overhead = encap_overhead(kind, key).total;

        return outer_mtu > overhead ? outer_mtu - overhead : 0;
}

uint32_t encap_mss_ipv6(uint32_t mtu)
{
        return mtu > IPV6_HEADER + TCP_HEADER ? mtu - IPV6_HEADER - TCP_HEADER : 0;
}
