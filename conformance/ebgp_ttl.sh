#!/bin/bash
# ebgp_ttl.sh LBGPD - the TTL of an eBGP session, as FRR sets it.
#
#   lbgpd (AS65001) 2001:db8:1::1 -- left [router, forwarding] right -- 2001:db8:2::2 frr (AS65002)
#
# FRR (with `ebgp-multihop 2`) is two hops from lbgpd.  Asserted:
#   1. without `ebgp-multihop`, lbgpd sends with hop limit 1 (an eBGP peer is one hop
#      away, FRR's default): its segments die at the router and the session never
#      establishes (20 s), though FRR's own connections reach lbgpd;
#   2. with `neighbor ... ebgp-multihop 2` (and only that line changed) it establishes.
#
# Exits 0 on success, 1 on failure, 77 when the host cannot create namespaces.
set -u

here=$(cd "$(dirname "$0")" && pwd)
lbgpd=${1:?usage: ebgp_ttl.sh LBGPD}
LBGP_DEADLINE=${LBGP_DEADLINE:-100}
. "$here/lib.sh"
. "$here/peers/frr.sh"

lbgp_init ebgp_ttl
lbgp_require "$lbgpd"
failed=0
ME=2001:db8:1::1
FRR=2001:db8:2::2

check_failed()
{
        lbgp_log "FAILED: $*"
        failed=1
}

frr_config()
{
        cat <<EOF
frr defaults traditional
hostname $1
log file $(lbgp_dir "$1")/bgpd.log debugging
router bgp 65002
 bgp router-id 198.51.100.2
 no bgp ebgp-requires-policy
 no bgp default ipv4-unicast
 neighbor $ME remote-as 65001
 neighbor $ME ebgp-multihop 2
 neighbor $ME timers 3 9
 neighbor $ME timers connect 2
 address-family ipv6 unicast
  network 2001:db8:1000::/36
  neighbor $ME activate
 exit-address-family
EOF
}

lbgp_ns_add lbgpd
lbgp_ns_add router
lbgp_ns_add frr
lbgp_link lbgpd eth0 router left
lbgp_link router right frr eth0
lbgp_addr lbgpd eth0 "$ME/64"
lbgp_addr router left 2001:db8:1::fe/64
lbgp_addr router right 2001:db8:2::fe/64
lbgp_addr frr eth0 "$FRR/64"
lbgp_forwarding router
lbgp_route lbgpd 2001:db8:2::/64 2001:db8:1::fe
lbgp_route frr 2001:db8:1::/64 2001:db8:2::fe
lbgp_wait 10 "the router to forward" lbgp_reachable lbgpd "$FRR" ||
        lbgp_fail "no path from lbgpd's namespace to FRR's"

dir=$(lbgp_dir lbgpd)
write_conf()
{
        cat >"$dir/frr.conf" <<EOF
hostname lbgpd
router bgp 65001
 bgp router-id 192.0.2.1
 no bgp ebgp-requires-policy
 no bgp default ipv4-unicast
 neighbor $FRR remote-as 65002
 neighbor $FRR timers 3 9
 neighbor $FRR timers connect 2
$1
 address-family ipv6 unicast
  neighbor $FRR activate
 exit-address-family
EOF
}

lbgp_peer_defaults
PEER_ADDR=$FRR
PEER_NEIGHBOR=$ME
frr_start frr frr

# 1. Single-hop eBGP: hop limit 1, never established.
write_conf ""
lbgp_bg lbgpd "$dir/lbgpd-1.log" "$lbgpd" -f "$dir/frr.conf" -s "$dir/lbgpd.sock"
pid=$LBGP_BG_PID
if lbgp_wait 20 "(not) Established without ebgp-multihop" lbgp_peer_is frr frr Established; then
        check_failed "the session established two hops away without ebgp-multihop"
else
        lbgp_log "without ebgp-multihop: not established in 20 s, as FRR would not"
fi
kill -TERM "$pid"
lbgp_wait_exit "$pid" 15 || check_failed "lbgpd did not exit on SIGTERM"

# 2. ebgp-multihop 2: established.
write_conf " neighbor $FRR ebgp-multihop 2"
lbgp_bg lbgpd "$dir/lbgpd-2.log" "$lbgpd" -f "$dir/frr.conf" -s "$dir/lbgpd.sock"
pid=$LBGP_BG_PID
if lbgp_wait 40 "Established with ebgp-multihop 2" lbgp_peer_is frr frr Established; then
        lbgp_log "with ebgp-multihop 2: Established"
else
        check_failed "the session did not establish with ebgp-multihop 2: $(frr_last_error frr | head -n 1)"
fi
kill -TERM "$pid"
lbgp_wait_exit "$pid" 15 || check_failed "lbgpd did not exit on SIGTERM"
frr_stop frr
if [ "$failed" != 0 ]; then
        lbgp_show "lbgpd (1)" "$dir/lbgpd-1.log" 20
        lbgp_show "lbgpd (2)" "$dir/lbgpd-2.log" 20
        lbgp_fail "see the FAILED lines above"
fi
lbgp_log "PASS"
