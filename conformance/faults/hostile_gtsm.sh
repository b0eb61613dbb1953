#!/bin/bash
# hostile_gtsm.sh LBGPD LBGPCTL SEED_FRR_CONF - issue #7, scenario 10: GTSM (RFC 5082) with
# lbgpd on the seed's frr.conf, unchanged (`neighbor ... ttl-security hops 1` for both
# upstreams).
#
#   ifog (FRR, AS34927)       mid (forwarding)                  router (lbgpd)
#   lo 2001:db8:300::1/128    eth1 2001:db8:301::1/64 -- ifog eth0 2001:db8:301::2/64
#                             eth0 2001:db8:300::3/64 -- gre0 2001:db8:300::2/64
#   lagrange (BIRD, AS209735) eth0 2001:db8:100::ff/64 ------- vtnet0 2001:db8:100::96/64
#
# iFog's FRR has `ttl-security hops 2`: it sends with TTL 255 and takes what arrives with 254
# or more, so it connects to lbgpd every 5 s and answers lbgpd's SYNs; only lbgpd's GTSM can
# keep the session down.  Asserted:
#   1. two hops away (through mid), for 15 s, iFog's session never reaches OpenSent in
#      lbgpd (its state, polled, and its log of state changes), lbgpd counts no OPEN sent or
#      received from it, FRR never gets an OPEN either, while a capture on lbgpd's gre0 shows
#      iFog's segments (its SYNs, and SYN-ACKs to lbgpd's) arriving, all with TTL 254: the
#      kernel drops them before lbgpd reads a byte.  Lagrange, one hop away, is Established
#      meanwhile;
#   2. one hop away (mid removed, gre0 a veth to iFog), the same lbgpd and FRR establish, and
#      iFog's segments arrive with TTL 255.
#
# Exits 0 on success, 1 on failure, 77 when the host cannot create namespaces.
set -u

usage="usage: hostile_gtsm.sh LBGPD LBGPCTL SEED_FRR_CONF"
LBGP_DEADLINE=${LBGP_DEADLINE:-150}
. "$(dirname "$0")/hostile_lib.sh"
hostile_init gtsm "${1:?$usage}" "${2:?$usage}"
seed=${3:?$usage}
lbgp_require tcpdump
[ -r "$seed" ] || lbgp_fail "no seed configuration at $seed"
hostile_plain_peers
IFOG=$SEED_IFOG
LAGRANGE=$SEED_LAGRANGE

lbgp_ns_add router
lbgp_ns_add mid
lbgp_ns_add ifog
lbgp_ns_add lagrange
lbgp_link router gre0 mid eth0
lbgp_link mid eth1 ifog eth0
lbgp_link router vtnet0 lagrange eth0
lbgp_addr router gre0 "$SEED_ROUTER_GRE/64"
lbgp_addr router vtnet0 "$SEED_ROUTER_VTNET/64"
lbgp_addr router lo 2a06:9801:1c::1/64
lbgp_addr mid eth0 2001:db8:300::3/64
lbgp_addr mid eth1 2001:db8:301::1/64
lbgp_addr ifog eth0 2001:db8:301::2/64
lbgp_addr ifog lo "$IFOG/128"
lbgp_addr lagrange eth0 "$LAGRANGE/64"
lbgp_forwarding mid
lbgp_route router "$IFOG/128" 2001:db8:300::3
lbgp_route mid "$IFOG/128" 2001:db8:301::2
lbgp_route ifog default 2001:db8:301::1
lbgp_wait 10 "iFog reachable through mid" lbgp_reachable router "$IFOG" ||
        lbgp_fail "no route to iFog through mid"

# capture_start NAME: iFog's TCP segments as they reach lbgpd's gre0 (a capture sees them
# before GTSM drops them).  capture_ttls NAME: the distinct hop limits of those a GTSM socket
# sends, SYNs and segments with data (as security.sh: a kernel's RST or last ACK for a
# connection it has no socket for leaves with the default TTL; no GTSM peer needs those).
capture_start()
{
        lbgp_bg router "$LBGP_TMP/$1.tcpdump" tcpdump -i gre0 -n -U -w "$LBGP_TMP/$1.pcap" \
                "ip6 and src host $IFOG and tcp port 179"
        CAPTURE_PID=$LBGP_BG_PID
        lbgp_wait 5 "tcpdump to listen" lbgp_has_line "$LBGP_TMP/$1.tcpdump" 'listening on' || true
}
capture_ttls()
{
        sleep 0.5
        lbgp_stop_pid "$CAPTURE_PID"
        tcpdump -n -v -r "$LBGP_TMP/$1.pcap" "$GTSM_SEGMENTS" 2>/dev/null |
                sed -n 's/.*hlim \([0-9]*\).*/\1/p' | sort -u | tr '\n' ' ' | sed 's/ $//'
}
capture_count()
{
        tcpdump -n -r "$LBGP_TMP/$1.pcap" "$GTSM_SEGMENTS" 2>/dev/null | wc -l
}
GTSM_SEGMENTS='ip6[53] & 2 != 0 or ip6[4:2] - ((ip6[52] & 0xf0) >> 2) != 0'

# The upstreams: FRR (peers/frr.sh) with GTSM for two hops, BIRD (peers/bird.sh) with GTSM.
lbgp_peer_defaults
PEER_AS=34927 PEER_ROUTER_ID=198.51.100.44 PEER_ADDR=$IFOG PEER_NEIGHBOR=$SEED_ROUTER_GRE
PEER_NEIGHBOR_AS=201379 PEER_TTL_SECURITY=2
capture_start routed
# With a zebra of its own: lbgpd's UPDATEs carry a link-local next hop (RFC 2545 3), which a
# bgpd without zebra answers with a NOTIFICATION (peers/frr.sh).
FRR_ZEBRA=1 frr_start ifog ifog
lbgp_peer_defaults
PEER_AS=209735 PEER_ROUTER_ID=198.51.100.1 PEER_ADDR=$LAGRANGE PEER_NEIGHBOR=$SEED_ROUTER_VTNET
PEER_NEIGHBOR_AS=201379 PEER_TTL_SECURITY=1
bird_start lagrange lagrange
PEER_NEIGHBOR=$SEED_ROUTER_GRE # frr_json asks FRR about this neighbor
hostile_lbgpd_start "$seed" -v

# ---- 1. two hops away: never OpenSent ---------------------------------------------------
ifog_state()
{
        hostile_nb "$IFOG" 'n.get("bgpState")'
}
opens()
{
        hostile_nb "$IFOG" '"%s %s" % (n["messageStats"]["opensSent"], n["messageStats"]["opensRecv"])'
}
seen=""
t_end=$(($(lbgp_now) + 15))
while [ "$(lbgp_now)" -lt "$t_end" ]; do
        s=$(ifog_state)
        case " $seen " in *" $s "*) ;; *) seen="$seen $s" ;; esac
        sleep 0.5
done
seen=${seen# }
lbgp_log "two hops away, for 15 s: lbgpd's states for iFog: $seen; OPENs sent/received: $(opens)"
case " $seen " in
*" OpenSent "* | *" OpenConfirm "* | *" Established "*)
        hostile_check_failed "iFog's session reached $seen two hops away" ;;
esac
[ -n "$seen" ] || hostile_check_failed "no state for iFog from lbgpctl"
grep -E "$IFOG: [A-Za-z]+ -> (OpenSent|OpenConfirm|Established)" "$HOSTILE_LOG" &&
        hostile_check_failed "lbgpd's log has iFog's session beyond Active"
[ "$(opens)" = "0 0" ] || hostile_check_failed "lbgpd counted OPENs with iFog: $(opens)"
frr_opens=$(frr_json ifog '"%s %s" % (n["messageStats"]["opensSent"], n["messageStats"]["opensRecv"])')
frr_st=$(frr_state ifog)
lbgp_log "FRR: $frr_st, OPENs sent/received $frr_opens"
[ "$frr_st" != Established ] && [ "${frr_opens#* }" = 0 ] ||
        hostile_check_failed "FRR got an OPEN from lbgpd two hops away: $frr_st, $frr_opens"
ttls=$(capture_ttls routed)
n=$(capture_count routed)
lbgp_log "iFog's segments reaching gre0: $n, with TTL ${ttls:-none}"
[ "$n" -gt 0 ] && [ "$ttls" = 254 ] ||
        hostile_check_failed "expected iFog's segments to reach lbgpd, all with TTL 254: $n, [$ttls]"
lbgp_wait 30 "Lagrange (one hop) Established" \
        eval '[ "$(hostile_nb "$LAGRANGE" "n.get(\"bgpState\")")" = Established ]' ||
        hostile_check_failed "Lagrange, one hop away, did not come up"

# ---- 2. one hop away: up -----------------------------------------------------------------
# Without mid, gre0 is gone with its veth; it comes back as a veth to iFog.
ip netns del "$(lbgp_ns mid)"
lbgp_link router gre0 ifog eth1
lbgp_addr router gre0 "$SEED_ROUTER_GRE/64"
lbgp_addr ifog eth1 2001:db8:300::4/64
lbgp_route router "$IFOG/128" 2001:db8:300::4
capture_start direct
t1=$(lbgp_now)
lbgp_wait 40 "iFog Established one hop away" eval '[ "$(ifog_state)" = Established ]' ||
        hostile_check_failed "iFog did not come up one hop away: $(ifog_state), $(frr_last_error ifog | head -n 1)"
lbgp_log "one hop away: Established after $(($(lbgp_now) - t1)) s; OPENs sent/received $(opens)"
ttls=$(capture_ttls direct)
[ "$ttls" = 255 ] || hostile_check_failed "one hop away, iFog's segments came with TTL [$ttls], not 255"
lbgp_log "iFog's segments one hop away: TTL $ttls"
[ "$(frr_state ifog)" = Established ] || hostile_check_failed "FRR is not Established: $(frr_state ifog)"

hostile_lbgpd_stop
hostile_finish "$HOSTILE_LOG" "$(lbgp_dir ifog)/bgpd.log"
