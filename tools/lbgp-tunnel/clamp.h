/*
 * clamp.h - the TCP MSS clamp a tunnel needs, as lines to paste: a pf "scrub" rule (the
 * seed's router01.pf.conf form, FreeBSD) and an nftables table.
 *
 * A tunnel's MTU is smaller than the links around it, and a TCP peer that never sees an
 * ICMPv6 Packet Too Big (filtered somewhere on the way) keeps sending segments that do
 * not fit: small requests work, large transfers stall.  Clamping the MSS in the SYN and
 * SYN-ACK that cross the tunnel makes both ends send segments that fit.  The kernel
 * already sizes the MSS of its own connections from the route's MTU, so only forwarded
 * traffic needs the rule.
 */
#ifndef LBGP_TUNNEL_CLAMP_H
#define LBGP_TUNNEL_CLAMP_H

#include <stddef.h>
#include <stdint.h>

#include "tconf.h"

/* "scrub on IFNAME max-mss MSS" with a newline.  Returns what snprintf returns. */
int clamp_pf(const char *ifname, uint32_t mss, char *buf, size_t len);

/*
 * An nftables ruleset for `nft -f`: table inet lbgp_tunnel, chain mss_IFNAME in the
 * forward hook, lowering the MSS option of SYNs in and out of IFNAME to mss (never
 * raising it).  Returns what snprintf returns.
 */
int clamp_nft(const char *ifname, uint32_t mss, char *buf, size_t len);

/*
 * Everything `lbgp-tunnel mss` prints for a validated description: how the inner MTU and
 * the MSS follow from the headers, then the pf line and the nftables rules.  Returns what
 * snprintf returns, or -1 when the MTU is unknown (an external link without "mtu").
 */
int clamp_report(const struct tunnel_conf *c, char *buf, size_t len);

#endif /* LBGP_TUNNEL_CLAMP_H */
