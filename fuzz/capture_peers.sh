#!/bin/bash
# capture_peers.sh BGP_PROBE OUTDIR [PEER...] - record what real BGP speakers send, as seeds.
#
# For each PEER (bird, frr, gobgp, openbgpd, exabgp; all five by default) this runs one
# session between conformance/bgp_probe and the daemon, in two network namespaces the way
# conformance/session_peers.sh does, with the daemon configured to originate two IPv6
# prefixes with communities, large communities, a MED and (where it can) a prepended path,
# while tcpdump records the session.  The probe announces a prefix of its own and ends the
# session after a few seconds with Cease/Administrative Shutdown and an RFC 9003 message.
# The TCP stream the daemon sent is reassembled from the capture and written, as the raw
# BGP messages back to back, to OUTDIR/PEER.bgp: the daemon's OPEN with its capabilities,
# its KEEPALIVEs, its UPDATEs and End-of-RIBs as its own encoder wrote them.
# gen_corpus --capture turns those files into seeds (fuzz/CMakeLists.txt, fuzz-corpus).
#
# Needs root (namespaces), tcpdump, python3 and the daemons (scripts/deps.sh).  Exits 77 when
# namespaces cannot be made.  Run by hand; the files it writes are committed in
# fuzz/captures/.
# The PEER_* variables are read by the peer scripts conformance/peers/*.sh.
# shellcheck disable=SC2034
set -u

here=$(cd "$(dirname "$0")" && pwd)
conf=$(dirname "$here")/conformance
probe=${1:?usage: capture_peers.sh BGP_PROBE OUTDIR [PEER...]}
outdir=${2:?usage: capture_peers.sh BGP_PROBE OUTDIR [PEER...]}
shift 2
peers=${*:-bird frr gobgp openbgpd exabgp}
probe=$(cd "$(dirname "$probe")" && pwd)/$(basename "$probe")
mkdir -p "$outdir"
outdir=$(cd "$outdir" && pwd)

# lib.sh's watchdog: a minute a daemon is plenty.
# shellcheck disable=SC2086 # a word list
LBGP_DEADLINE=$((60 * $(echo $peers | wc -w) + 30))
# shellcheck source=/dev/null
. "$conf/lib.sh"
for p in bird frr gobgp openbgpd exabgp; do
        # shellcheck source=/dev/null
        . "$conf/peers/$p.sh"
done
lbgp_init capture
lbgp_require "$probe" tcpdump python3

# ---- what each daemon originates, on top of conformance/peers/PEER.sh's configuration ----

eval "orig_$(declare -f bird_config)"
bird_config()
{
        orig_bird_config "$@" | sed 's/ipv6 { import all; export none; }/ipv6 { import all; export all; }/'
        cat <<'EOF'
protocol static originate6 {
        ipv6;
        route 2001:db8:100::/48 unreachable {
                bgp_community.add((65002, 100));
                bgp_community.add((65002, 200));
                bgp_large_community.add((65002, 1, 2));
                bgp_med = 50;
        };
        route 2001:db8:101::/48 unreachable;
}
EOF
}

eval "orig_$(declare -f frr_config)"
frr_config()
{
        orig_frr_config "$@"
        cat <<EOF
router bgp $PEER_AS
 no bgp network import-check
 address-family ipv6 unicast
  network 2001:db8:100::/48 route-map RM-ORIGINATE
  network 2001:db8:101::/48
 exit-address-family
exit
!
route-map RM-ORIGINATE permit 10
 set community 65002:100 65002:200 additive
 set large-community 65002:1:2
 set metric 50
 set as-path prepend 65002 65002
exit
!
EOF
}

eval "orig_$(declare -f openbgpd_config)"
openbgpd_config()
{
        orig_openbgpd_config "$@" | sed -e 's/^deny to any$/allow to any/' \
                -e '/^router-id/a network 2001:db8:100::/48 set { community 65002:100 large-community 65002:1:2 med 50 }\nnetwork 2001:db8:101::/48'
}

eval "orig_$(declare -f exabgp_config)"
exabgp_config()
{
        orig_exabgp_config "$@" | sed '/^        family {$/i\
        static {\
                route 2001:db8:100::/48 next-hop self community [ 65002:100 no-export ] large-community [ 65002:1:2 ] med 50 as-path [ 65002 65002 ];\
                route 2001:db8:101::/48 next-hop self origin incomplete;\
        }'
}

# GoBGP takes its routes through its API once running.
gobgp_originate()
{
        gobgp_cli "$1" global rib add -a ipv6 2001:db8:100::/48 community 65002:100 \
                large-community 65002:1:2 med 50 >/dev/null &&
                gobgp_cli "$1" global rib add -a ipv6 2001:db8:101::/48 origin incomplete \
                        >/dev/null
}

# ---- the daemon's side of the TCP stream, out of a pcap -----------------------------------

# extract PCAP SRC OUT: the messages SRC sent on its longest connection
# (conformance/bgp_streams.py, which also checks lbgpd's own captures).
extract()
{
        python3 "$here/../conformance/bgp_streams.py" extract "$1" "$2" "$3"
}

# ---- one session per daemon --------------------------------------------------------------

capture_one()
{
        local peer=$1 dir out err pcap pid_dump pid_probe args
        dir=$(lbgp_dir "cap-$peer")
        out=$dir/probe.out
        err=$dir/probe.err
        pcap=$dir/session.pcap
        lbgp_ns_add "p$peer"
        lbgp_ns_add "d$peer"
        lbgp_link "p$peer" eth0 "d$peer" eth0
        lbgp_addr "p$peer" eth0 2001:db8:1::1/64
        lbgp_addr "d$peer" eth0 2001:db8:1::2/64
        lbgp_peer_defaults
        PEER_AS=65002
        PEER_ROUTER_ID=192.0.2.2
        PEER_ADDR=2001:db8:1::2
        PEER_NEIGHBOR=2001:db8:1::1
        PEER_NEIGHBOR_AS=65001
        lbgp_bg "p$peer" "$dir/tcpdump.log" tcpdump -i eth0 -U -s 0 -w "$pcap" 'tcp port 179'
        pid_dump=$LBGP_BG_PID
        sleep 1
        "${peer}_start" "d$peer" "d$peer"
        [ "$peer" = gobgp ] && gobgp_originate "d$peer"
        args=(--local-as 65001 --router-id 192.0.2.1 --peer 2001:db8:1::2 --peer-as 65002
              --listen 2001:db8:1::1 --hold 9 --run 40 --stop-after 8
              --shutdown-msg "libbgp fuzz seeds: captured from $peer"
              --announce 2001:db8:200::/48 --next-hop 2001:db8:1::1)
        [ "$peer" = exabgp ] && args+=(--passive)
        lbgp_bg2 "p$peer" "$out" "$err" "$probe" "${args[@]}"
        pid_probe=$LBGP_BG_PID
        lbgp_wait_exit "$pid_probe" 45 || lbgp_log "$peer: the probe did not exit in time"
        grep -E '^(state|update|notification)' "$out" | tr '\n' ';' | sed "s/^/$peer: /" >&2
        echo >&2
        "${peer}_stop" "d$peer"
        sleep 1
        lbgp_stop_pid "$pid_dump"
        extract "$pcap" 2001:db8:1::2 "$outdir/$peer.bgp"
        # CAPTURE_PROBE=1: the probe's side too, to see what the daemon answered to.
        if [ -n "${CAPTURE_PROBE:-}" ]; then
                extract "$pcap" 2001:db8:1::1 "$outdir/$peer.probe.bgp"
        fi
}

for p in $peers; do
        capture_one "$p"
done
