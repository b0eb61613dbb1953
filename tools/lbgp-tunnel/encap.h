/*
 * encap.h - what encapsulation costs: the octets each tunnel kind puts in front of an
 * inner IPv6 packet, the inner MTU that leaves, and the TCP MSS to clamp to.
 *
 * Each number is derived from the headers the RFCs define and checked against what
 * Linux builds (encap.c says where each comes from).  The inner MTU is the outer one
 * less the overhead, so that a full-sized inner packet never has to be fragmented on the
 * way; the MSS clamp is that MTU less the IPv6 and TCP headers.
 */
#ifndef LBGP_TUNNEL_ENCAP_H
#define LBGP_TUNNEL_ENCAP_H

#include <stdbool.h>
#include <stdint.h>

#include "tunnel.h"

/* RFC 8200 section 5: every link that carries IPv6 has an MTU of 1280 octets or more. */
#define ENCAP_IPV6_MIN_MTU 1280
/* The outer MTU when the file gives none: Ethernet's. */
#define ENCAP_OUTER_MTU_DEFAULT 1500
/* The largest outer MTU we accept: an IP packet's length field is 16 bits. */
#define ENCAP_OUTER_MTU_MAX 65535

/* The headers of one encapsulation, in octets, and their sum. */
struct encap_overhead {
        uint32_t delivery; /* the outer IPv4 (20) or IPv6 (40) header */
        uint32_t gre;      /* the GRE header: 4, or 8 with a key; 0 for sit */
        uint32_t total;
};

/* The overhead of kind (with a GRE key or not); all zero for TUNNEL_KIND_EXTERNAL. */
struct encap_overhead encap_overhead(enum tunnel_kind kind, bool key);

/* The largest inner packet that fits in outer_mtu without fragmenting; 0 when none does. */
uint32_t encap_inner_mtu(enum tunnel_kind kind, bool key, uint32_t outer_mtu);

/*
 * The TCP maximum segment size for IPv6 over a link of this MTU: MTU - 40 - 20.  The
 * value a pf "scrub ... max-mss" line and an nftables "maxseg size set" rule clamp to.
 * 0 when the MTU is below the two headers.
 */
uint32_t encap_mss_ipv6(uint32_t mtu);

#endif /* LBGP_TUNNEL_ENCAP_H */
