#!/bin/bash
# security.sh CHECK BGP_PROBE - the binding's security options against a real peer (FRR).
#
# CHECK is one of:
#   gtsm_ipv6, gtsm_ipv4   GTSM (RFC 5082).  FRR with `ttl-security hops` sends with TTL
#                          255.  Two hops away (behind a forwarding router namespace), the
#                          probe with --ttl-security 1 never reaches OpenSent in 15 s while a
#                          capture shows FRR's segments arriving with TTL 254; controls: the
#                          same two hops establish with --ttl-security 2, and with GTSM off
#                          on both sides (FRR ebgp-multihop 2 instead).  One hop away (a
#                          direct veth), --ttl-security 1 establishes, and a capture shows
#                          the probe's SYNs and data leaving with TTL 255.
#   md5_ipv6, md5_ipv4     TCP-MD5 (RFC 2385).  FRR has `password`; the probe with the
#                          same one establishes, with a wrong one or none it never reaches
#                          OpenSent.  tcpdump -M checks the signatures on the wire: all
#                          valid with the right password, all invalid with the wrong one.
#   unconfigured_source    a connection to the probe's listener from an address that is no
#                          configured peer (another address of the peer's namespace, IPv6
#                          and IPv4) is closed with not a byte sent; the control, from the
#                          configured address, receives an OPEN.
# The "never" cases run first: a session the probe ends with Cease makes FRR back off.
#
# Exits 0 on success, 1 on failure, 77 when the host cannot create namespaces.
set -u

here=$(cd "$(dirname "$0")" && pwd)
check=${1:?usage: security.sh CHECK BGP_PROBE}
probe=${2:?usage: security.sh CHECK BGP_PROBE}
. "$here/lib.sh"
. "$here/peers/frr.sh"

lbgp_init "security.$check"
lbgp_require "$probe" python3 tcpdump
t0=$(lbgp_now)
failed=0

# run_probe LABEL NS EXPECT SECONDS ARGS... - runs the probe to its end in NS; its events
# go to $LBGP_TMP/LABEL.out.  EXPECT established stops the session a second after it is up.
run_probe()
{
        local label=$1 ns=$2 expect=$3 secs=$4 out err status
        shift 4
        out=$LBGP_TMP/$label.out
        err=$LBGP_TMP/$label.err
        local extra=()
        [ "$expect" = established ] && extra=(--stop-after 1 --shutdown-msg "$label done")
        lbgp_in "$ns" "$probe" --local-as 65001 --router-id 192.0.2.1 --peer-as 65002 \
                --hold 9 --run "$secs" --expect-state "$expect" "${extra[@]}" "$@" \
                >"$out" 2>"$err"
        status=$?
        lbgp_log "$label: exit $status, $(tail -n 1 "$out")"
        PROBE_OUT=$out
        PROBE_ERR=$err
        return $status
}

# probe_failed WHAT: counts a failure and shows the last run_probe's output.
probe_failed()
{
        lbgp_log "FAILED: $1"
        lbgp_show "probe events" "$PROBE_OUT"
        lbgp_show "probe log" "$PROBE_ERR"
        failed=1
}

# The probe got no connection as far as BGP: no state line into OpenSent or beyond.
no_opensent()
{
        ! grep -Eq '^state [A-Za-z]+ (OpenSent|OpenConfirm|Established)$' "$PROBE_OUT"
}

# FRR's state changes, NOTIFICATIONs and connection errors, for a failure's output.
peer_logs()
{
        local f
        for f in "$LBGP_TMP"/*/bgpd.log; do
                [ -f "$f" ] || continue
                printf '%s\n' "---- FRR ($f) ----" >&2
                grep -E 'went from|NOTIFICATION|can.t connect|[Ee]rror|password|ttl' "$f" |
                        tail -n 20 >&2
        done
}

# frr_peer_vars ADDR NEIGHBOR: the PEER_* variables (lib.sh) for an FRR peer of the probe.
frr_peer_vars()
{
        lbgp_peer_defaults
        PEER_AS=65002
        PEER_ROUTER_ID=192.0.2.2
        PEER_ADDR=$1
        PEER_NEIGHBOR=$2
        PEER_NEIGHBOR_AS=65001
        PEER_HOLD=9
}

# ---- GTSM ----------------------------------------------------------------------------------

# capture_start NS NAME SRC: records the TCP port 179 segments from SRC that NS receives or
# sends, minus resets: a reset for a connection that has no socket (the peer trying before
# the probe listens) comes from the kernel with the default TTL, not from a BGP socket.
capture_start()
{
        local filter="tcp port 179 and src host $3"
        case $3 in
        *:*) filter="$filter and ip6[53] & 4 == 0" ;; # TCP flags, after a 40-octet header
        *) filter="$filter and tcp[tcpflags] & tcp-rst == 0" ;;
        esac
        lbgp_bg "$1" "$LBGP_TMP/$2.tcpdump" tcpdump -i eth0 -n -U -w "$LBGP_TMP/$2.pcap" "$filter"
        eval "CAPTURE_PID_$2=\$LBGP_BG_PID"
        lbgp_wait 5 "tcpdump to listen" lbgp_has_line "$LBGP_TMP/$2.tcpdump" 'listening on' ||
                true
}

# The segments of a capture that a GTSM socket sends: SYNs and those with BGP data.  The
# last ACK of a closed connection may come from the kernel's TIME-WAIT stand-in for the
# socket, which Linux sends with the default TTL; no GTSM peer needs it.
GTSM_SEGMENTS4='tcp[tcpflags] & tcp-syn != 0 or ip[2:2] - ((ip[0] & 0xf) << 2) - ((tcp[12] & 0xf0) >> 2) != 0'
GTSM_SEGMENTS6='ip6[53] & 2 != 0 or ip6[4:2] - ((ip6[52] & 0xf0) >> 2) != 0'

# capture_ttls NAME FAMILY: stops the capture and prints the distinct TTLs (hop limits) of
# its SYNs and data segments, or nothing when none was captured.
capture_ttls()
{
        local pid filter=$GTSM_SEGMENTS4
        [ "$2" = 6 ] && filter=$GTSM_SEGMENTS6
        sleep 0.5
        eval "pid=\$CAPTURE_PID_$1"
        lbgp_stop_pid "$pid"
        tcpdump -n -v -r "$LBGP_TMP/$1.pcap" "$filter" 2>/dev/null |
                sed -n 's/.*[( ]\(ttl\|hlim\) \([0-9]*\).*/\2/p' | sort -u | tr '\n' ' ' |
                sed 's/ $//'
}

gtsm()
{
        local fam=$1 direct_probe direct_peer len left_probe left_router right_router right_peer
        local lenl left_net right_net ttls
        if [ "$fam" = 6 ]; then
                direct_probe=2001:db8:1::1 direct_peer=2001:db8:1::2 len=64
                left_probe=2001:db8:10::1 left_router=2001:db8:10::2
                right_router=2001:db8:20::2 right_peer=2001:db8:20::1 lenl=64
                left_net=2001:db8:10::/64 right_net=2001:db8:20::/64
        else
                direct_probe=192.0.2.1 direct_peer=192.0.2.2 len=24
                left_probe=198.51.100.1 left_router=198.51.100.2
                right_router=203.0.113.2 right_peer=203.0.113.1 lenl=24
                left_net=198.51.100.0/24 right_net=203.0.113.0/24
        fi

        # One hop: probe1 -- peer1.
        lbgp_ns_add probe1
        lbgp_ns_add peer1
        lbgp_link probe1 eth0 peer1 eth0
        lbgp_addr probe1 eth0 "$direct_probe/$len"
        lbgp_addr peer1 eth0 "$direct_peer/$len"
        # Two hops: probe2 -- router -- peer2.
        lbgp_ns_add probe2
        lbgp_ns_add router
        lbgp_ns_add peer2
        lbgp_link probe2 eth0 router left
        lbgp_link router right peer2 eth0
        lbgp_addr probe2 eth0 "$left_probe/$lenl"
        lbgp_addr router left "$left_router/$lenl"
        lbgp_addr router right "$right_router/$lenl"
        lbgp_addr peer2 eth0 "$right_peer/$lenl"
        lbgp_forwarding router
        lbgp_route probe2 "$right_net" "$left_router"
        lbgp_route peer2 "$left_net" "$right_router"
        lbgp_wait 5 "the router to forward" lbgp_reachable probe2 "$right_peer" ||
                lbgp_fail "no route through the router namespace"

        # Two hops, GTSM on both sides, the probe allowing one hop: never OpenSent.
        frr_peer_vars "$right_peer" "$left_probe"
        PEER_TTL_SECURITY=2
        frr_start far peer2
        capture_start probe2 far "$right_peer"
        run_probe two-hops-gtsm1 probe2 never 15 --peer "$right_peer" --listen "$left_probe" \
                --ttl-security 1
        if [ $? -ne 0 ] || ! no_opensent; then
                probe_failed "two hops away with --ttl-security 1, a connection reached BGP"
        fi
        # What made it so: FRR's segments did arrive, with 254 (255 less the router's hop).
        ttls=$(capture_ttls far "$fam")
        lbgp_log "FRR's SYNs and data reached the probe two hops away with TTL: ${ttls:-none}"
        [ "$ttls" = 254 ] || {
                lbgp_log "FAILED: expected FRR's segments to arrive, all with TTL 254"
                failed=1
        }
        # Control: allowing two hops, the same setup establishes.
        run_probe two-hops-gtsm2 probe2 established 30 --peer "$right_peer" \
                --listen "$left_probe" --ttl-security 2 ||
                probe_failed "two hops away with --ttl-security 2: no session"
        frr_stop far

        # Control: GTSM off on both sides (FRR with plain ebgp-multihop), it establishes.
        PEER_TTL_SECURITY=
        PEER_MULTIHOP=2
        frr_start farplain peer2
        run_probe two-hops-plain probe2 established 30 --peer "$right_peer" \
                --listen "$left_probe" ||
                probe_failed "two hops away without GTSM: no session"
        frr_stop farplain

        # One hop, GTSM on both sides: it establishes, and the probe sends with TTL 255.
        frr_peer_vars "$direct_peer" "$direct_probe"
        PEER_TTL_SECURITY=1
        frr_start near peer1
        capture_start peer1 near "$direct_probe"
        run_probe one-hop-gtsm1 probe1 established 30 --peer "$direct_peer" \
                --listen "$direct_probe" --ttl-security 1 ||
                probe_failed "one hop away with --ttl-security 1: no session"
        ttls=$(capture_ttls near "$fam")
        lbgp_log "the probe's SYNs and data reached FRR one hop away with TTL: ${ttls:-none}"
        [ "$ttls" = 255 ] || {
                tcpdump -n -v -r "$LBGP_TMP/near.pcap" 2>/dev/null >&2
                lbgp_log "FAILED: with GTSM the probe must send its SYNs and data with TTL 255"
                failed=1
        }
        frr_stop near
}

# ---- TCP-MD5 -------------------------------------------------------------------------------

# capture_md5 NAME SECRET: stops the capture and prints "segments N valid V invalid I":
# how many segments carried a TCP-MD5 signature that SECRET verifies, or one it does not.
capture_md5()
{
        local pid
        sleep 0.5
        eval "pid=\$CAPTURE_PID_$1"
        lbgp_stop_pid "$pid"
        tcpdump -n -v -M "$2" -r "$LBGP_TMP/$1.pcap" 2>/dev/null | awk '
                /Flags \[/ { n++ }
                /md5 valid/ { v++ }
                /md5 +\(invalid\)|md5 invalid/ { i++ }
                END { printf "segments %d valid %d invalid %d\n", n, v, i }'
}

# md5_verdict NAME SECRET WANT: the capture's segments all carry a signature, valid for
# SECRET when WANT is valid, made with another key when WANT is invalid.
md5_verdict()
{
        local said n v i
        said=$(capture_md5 "$1" "$2")
        lbgp_log "$1: the probe's segments to FRR: $said"
        read -r _ n _ v _ i <<<"$said"
        if [ "$n" -eq 0 ]; then
                lbgp_log "FAILED: no segment from the probe was captured"
                failed=1
        elif [ "$3" = valid ] && [ "$v" -ne "$n" ]; then
                lbgp_log "FAILED: every segment must be signed with the password"
                failed=1
        elif [ "$3" = invalid ] && [ "$i" -ne "$n" ]; then
                lbgp_log "FAILED: every segment must be signed, with the wrong password"
                failed=1
        fi
}

md5()
{
        local fam=$1 a_probe a_peer len
        if [ "$fam" = 6 ]; then
                a_probe=2001:db8:1::1 a_peer=2001:db8:1::2 len=64
        else
                a_probe=192.0.2.1 a_peer=192.0.2.2 len=24
        fi
        lbgp_ns_add probe
        lbgp_ns_add peer
        lbgp_link probe eth0 peer eth0
        lbgp_addr probe eth0 "$a_probe/$len"
        lbgp_addr peer eth0 "$a_peer/$len"

        frr_peer_vars "$a_peer" "$a_probe"
        PEER_MD5=lbgp-md5-secret
        frr_start md5 peer
        local common=(--peer "$a_peer" --listen "$a_probe")

        capture_start peer wrong "$a_probe"
        run_probe md5-wrong probe never 12 "${common[@]}" --md5 not-the-secret
        if [ $? -ne 0 ] || ! no_opensent; then
                probe_failed "a wrong TCP-MD5 password let a connection through"
        fi
        md5_verdict wrong lbgp-md5-secret invalid
        run_probe md5-none probe never 12 "${common[@]}"
        if [ $? -ne 0 ] || ! no_opensent; then
                probe_failed "no TCP-MD5 password against a peer that requires one got through"
        fi
        capture_start peer right "$a_probe"
        run_probe md5-right probe established 30 "${common[@]}" --md5 lbgp-md5-secret ||
                probe_failed "the right TCP-MD5 password: no session"
        md5_verdict right lbgp-md5-secret valid
        frr_stop md5
}

# ---- a source that is no configured peer --------------------------------------------------

# connect_from NS SRC DST EXPECT: a plain TCP connection from SRC to DST port 179.
# EXPECT closed: the probe must close it without sending a byte, within 3 s.
# EXPECT open: the probe must send an OPEN.
connect_from()
{
        lbgp_in "$1" python3 - "$2" "$3" "$4" <<'EOF'
import socket, sys, time
src, dst, expect = sys.argv[1:4]
fam = socket.AF_INET6 if ":" in dst else socket.AF_INET
s = socket.socket(fam, socket.SOCK_STREAM)
s.bind((src, 0))
s.settimeout(3)
t = time.monotonic()
s.connect((dst, 179))
got = b""
how = "timeout"
try:
    while len(got) < 19:
        b = s.recv(4096)
        if not b:
            how = "closed (FIN)"
            break
        got += b
    else:
        how = "data"
except ConnectionResetError:
    how = "closed (RST)"
except socket.timeout:
    how = "still open after 3 s"
dt = time.monotonic() - t
print("from %s: %s after %.2f s, %d bytes" % (src, how, dt, len(got)))
if expect == "closed":
    sys.exit(0 if how.startswith("closed") and not got else 1)
# An OPEN: 16 bytes of marker, then length and type 1.
sys.exit(0 if len(got) >= 19 and got[:16] == b"\xff" * 16 and got[18] == 1 else 1)
EOF
}

unconfigured_source()
{
        lbgp_ns_add probe
        lbgp_ns_add peer
        lbgp_link probe eth0 peer eth0
        lbgp_addr probe eth0 2001:db8:1::1/64
        lbgp_addr probe eth0 192.0.2.1/24
        # ::2 is the configured peer; ::3, 192.0.2.2 and 192.0.2.3 are not.
        lbgp_addr peer eth0 2001:db8:1::2/64
        lbgp_addr peer eth0 2001:db8:1::3/64
        lbgp_addr peer eth0 192.0.2.2/24
        lbgp_addr peer eth0 192.0.2.3/24

        local out=$LBGP_TMP/probe.out err=$LBGP_TMP/probe.err
        PROBE_OUT=$out PROBE_ERR=$err
        lbgp_bg2 probe "$out" "$err" "$probe" --local-as 65001 --router-id 192.0.2.1 \
                --peer 2001:db8:1::2 --peer-as 65002 --passive --listen 2001:db8:1::1 \
                --listen 192.0.2.1 --hold 9 --run 25
        local pid=$LBGP_BG_PID
        lbgp_wait 5 "the probe to listen" \
                lbgp_in probe sh -c 'ss -Hltn "sport = :179" | grep -q .' ||
                lbgp_fail "the probe does not listen"

        local src dst said
        for pair in 2001:db8:1::3,2001:db8:1::1 192.0.2.3,192.0.2.1 192.0.2.2,192.0.2.1; do
                src=${pair%,*} dst=${pair#*,}
                said=$(connect_from peer "$src" "$dst" closed) || {
                        lbgp_log "FAILED: $said; a connection from unconfigured $src must be closed at once without a byte"
                        failed=1
                        continue
                }
                lbgp_log "$said"
        done
        no_opensent || probe_failed "a connection from an unconfigured source reached OpenSent"
        # Control: the configured address gets an OPEN.
        said=$(connect_from peer 2001:db8:1::2 2001:db8:1::1 open) ||
                probe_failed "$said; the configured peer's connection did not receive an OPEN"
        lbgp_log "$said"
        grep -q 'refused: not a configured peer' "$err" ||
                lbgp_log "note: the probe's log does not say it refused anyone"
        lbgp_stop_pid "$pid"
        lbgp_show "probe events" "$out" 20
        lbgp_show "probe log" "$err" 20
}

case $check in
gtsm_ipv6) gtsm 6 ;;
gtsm_ipv4) gtsm 4 ;;
md5_ipv6) md5 6 ;;
md5_ipv4) md5 4 ;;
unconfigured_source) unconfigured_source ;;
*) echo "unknown check: $check" >&2; exit 2 ;;
esac

if [ "$failed" -ne 0 ]; then
        peer_logs
        lbgp_fail "$check failed after $(($(lbgp_now) - t0)) s"
fi
lbgp_log "PASS in $(($(lbgp_now) - t0)) s"
