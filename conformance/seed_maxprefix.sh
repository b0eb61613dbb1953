#!/bin/bash
# seed_maxprefix.sh LBGPD LBGPCTL SEED_FRR_CONF - an upstream over its maximum-prefix.
#
# The seed's topology and upstreams (seed_lib.sh), lbgpd on a copy of the seed's frr.conf
# whose one change is Lagrange's limit: `maximum-prefix 4 50 restart 1` for `250000 90
# restart 30` (FRR counts the restart in minutes, and has no knob to make a minute shorter:
# this test waits one).  Lagrange (BIRD, which connects actively) announces five routes the
# seed's inbound policy accepts and one it denies; iFog (FRR) one.  Asserted:
#   0. lbgpd warns at the threshold, as FRR: "%MAXPFX: No. of IPv6 Unicast prefix received
#      from 2001:db8:100::ff reaches N, max 4" with N at least 2 (50 % of 4; lbgpd counts
#      after each UPDATE, and BIRD may send all five in one), before the teardown;
#   1. lbgpd tears Lagrange down with Cease/Maximum Number of Prefixes Reached (RFC 4486
#      4): BIRD's log says it received it with the data 00020100000004, lbgpd's that it
#      sent 6/1 with 7 bytes, and the data on the wire (captured in Lagrange's namespace,
#      dissected by tshark) is AFI 2, SAFI 1, limit 4;
#   2. Lagrange's routes leave the Loc-RIB and the kernel; iFog's session stays up;
#   3. it stays down: BIRD keeps trying to connect and lbgpd refuses ("incoming connection
#      refused: peer is down") without ever coming up, until
#   4. it comes back after the restart time: the next %ADJCHANGE Up is 60 s (one minute,
#      to the second of the log's timestamps) after the Down, and it goes down again for
#      the same reason, as FRR does for a peer still over its limit.
#
# Exits 0 on success, 1 on failure, 77 when the host cannot create namespaces.
set -u

here=$(cd "$(dirname "$0")" && pwd)
usage="usage: seed_maxprefix.sh LBGPD LBGPCTL SEED_FRR_CONF"
lbgpd=${1:?$usage}
lbgpctl=${2:?$usage}
seed=${3:?$usage}
# One minute of hold-down in it: below ctest's TIMEOUT (180 s).
LBGP_DEADLINE=${LBGP_DEADLINE:-150}
SEED_IFOG_ANNOUNCES="2001:db8:1000::/36 2a06:9801:1c::/48"
SEED_IFOG_PREPEND="2001:db8:ffff::/48"
SEED_LAGRANGE_ANNOUNCES="2001:db8:2000::/36 2001:db8:2100::/40 2001:db8:2200::/40
        2001:db8:2300::/40 2001:db8:2400::/40 ::/8"
SEED_LAGRANGE_PREPEND="2001:db8:ffff::/48"
. "$here/lib.sh"
. "$here/peers/frr.sh"
. "$here/peers/bird.sh"
. "$here/seed_lib.sh"
. "$here/seed_lbgpd.sh"

lbgp_init seed_maxprefix
lbgp_require "$lbgpd" "$lbgpctl" python3 tcpdump tshark
[ -r "$seed" ] || lbgp_fail "no seed configuration at $seed"
t0=$(lbgp_now)
failed=0
LAGRANGE=$SEED_LAGRANGE
LIMIT=4

check_failed()
{
        lbgp_log "FAILED: $*"
        failed=1
}

report()
{
        lbgp_log "Lagrange (BIRD): $(bird_last_error lagrange 2>&1 | tr '\n' ' ')"
        lbgp_show "lbgpd" "$(seed_lbgpd_log "")" 60
        lbgp_show "BIRD" "$(lbgp_dir lagrange)/bird.log" 30
}

# The copy: the seed with Lagrange's limit changed, and nothing else.
conf=$LBGP_TMP/frr-maxprefix.conf
old="neighbor $LAGRANGE maximum-prefix 250000 90 restart 30"
grep -qx "$old" "$seed" || lbgp_fail "the seed no longer has \"$old\""
sed "s/^$old\$/neighbor $LAGRANGE maximum-prefix $LIMIT 50 restart 1/" "$seed" >"$conf"
[ "$(diff "$seed" "$conf" | grep -c '^[<>]')" = 2 ] || lbgp_fail "the copy differs by more than one line"

seed_topology ""
# The NOTIFICATION as it arrives at Lagrange, for its data.
ldir=$(lbgp_dir lagrange)
lbgp_bg lagrange "$ldir/tcpdump.log" tcpdump -i eth0 -U -s 0 -w "$ldir/bgp.pcap" tcp port 179
lbgp_wait 5 "tcpdump to start" test -s "$ldir/bgp.pcap" || lbgp_log "note: no pcap header yet"
seed_start_upstreams ""
seed_lbgpd_run "" "$lbgpd" "$conf"
log=$(seed_lbgpd_log "")

lbgp_wait 45 "iFog (FRR) Established" lbgp_peer_is frr ifog Established ||
        { report; lbgp_fail "iFog's session did not come up"; }

# 1. The teardown.
down_re="%ADJCHANGE: neighbor $LAGRANGE in vrf default Down BGP Notification send \\(Cease/Maximum Number of Prefixes Reached\\)"
lbgp_wait 40 "lbgpd to tear Lagrange down" lbgp_has_line "$log" "$down_re" ||
        { report; lbgp_fail "Lagrange was not torn down for its maximum-prefix"; }
t_down=$(lbgp_now)
lbgp_has_line "$log" "%MAXPFXEXCEED: No. of IPv6 Unicast prefix received from $LAGRANGE 5 exceed, limit $LIMIT; down for 1 minutes" ||
        check_failed "lbgpd did not log %MAXPFXEXCEED: $(grep MAXPFX "$log" | tail -n 2)"
# 0. The warning at the threshold, before the teardown (FRR's bgp_maximum_prefix_warning()).
warn_re="%MAXPFX: No\\. of IPv6 Unicast prefix received from $LAGRANGE reaches [2-5], max $LIMIT\$"
warn_at=$(grep -nE "$warn_re" "$log" | head -n 1 | cut -d: -f1)
exceed_at=$(grep -n "%MAXPFXEXCEED: No. of IPv6 Unicast prefix received from $LAGRANGE" "$log" | head -n 1 | cut -d: -f1)
if [ -z "$warn_at" ]; then
        check_failed "lbgpd did not warn at the threshold: $(grep '%MAXPFX' "$log" | head -n 2 | tr '\n' '|')"
elif [ -n "$exceed_at" ] && [ "$warn_at" -gt "$exceed_at" ]; then
        check_failed "lbgpd warned at the threshold only after the teardown"
else
        lbgp_log "threshold: $(sed -n "${warn_at}p" "$log" | cut -d' ' -f4-)"
fi
lbgp_has_line "$log" "%NOTIFICATION: sent to neighbor $LAGRANGE 6/1 \\(Cease/Maximum Number of Prefixes Reached\\) 7 bytes" ||
        check_failed "lbgpd did not log the NOTIFICATION it sent"
lbgp_wait 5 "BIRD to log the NOTIFICATION" \
        lbgp_has_line "$ldir/bird.log" "Received: Maximum number of prefixes reached" ||
        check_failed "BIRD did not receive Cease/Maximum Number of Prefixes Reached: $(bird_last_error lagrange | tr '\n' ' ')"
lbgp_log "BIRD: $(grep -m1 'Received: Maximum number of prefixes' "$ldir/bird.log" | cut -d' ' -f3-)"
# BIRD prints the data after the reason.
lbgp_has_line "$ldir/bird.log" "Received: Maximum number of prefixes reached: 00020100000004" ||
        check_failed "BIRD's log does not show the data AFI 2, SAFI 1, limit $LIMIT"
# RFC 4486 4: the data is the AFI (2 octets), the SAFI (1) and the upper bound (4).
notif_data()
{
        tshark -r "$ldir/bgp.pcap" -Y "bgp.type == 3 && ipv6.src == $SEED_ROUTER_VTNET" \
                -T fields -e bgp.notify.major_error -e bgp.notify.minor_error_cease \
                -e bgp.notify.minor_data 2>/dev/null |
                head -n 1
}
lbgp_wait 5 "the NOTIFICATION in the capture" eval '[ -n "$(notif_data)" ]'
got=$(notif_data)
case $got in
6$'\t'1$'\t'00:02:01:00:00:00:04 | 6$'\t'1$'\t'00020100000004) ;;
*) check_failed "the Cease on the wire is [$got], not 6/1 with data 00 02 01 00 00 00 04 (AFI 2, SAFI 1, limit $LIMIT)" ;;
esac
lbgp_log "on the wire: code, subcode, data: $(echo "$got" | tr '\t' ' ')"

# 2. Lagrange's routes gone; iFog's session unharmed.
lbgp_wait 5 "Lagrange's routes to leave the Loc-RIB and the kernel" eval \
        '! seed_best "" "$lbgpctl" | grep -q "$LAGRANGE" && ! seed_kernel "" | grep -q vtnet0' ||
        check_failed "Lagrange's routes stayed: [$(seed_best "" "$lbgpctl" | tr '\n' ';')], kernel [$(seed_kernel "" | tr '\n' ';')]"
lbgp_peer_is frr ifog Established || check_failed "iFog's session went down too"

# 3. Down for the restart time, refusing BIRD's connections.  4. Then back.
ups()
{
        grep -c "%ADJCHANGE: neighbor $LAGRANGE in vrf default Up" "$log"
}
ups0=$(ups)
established_seen=0
while [ $(($(lbgp_now) - t_down)) -lt 50 ]; do
        [ "$(bird_state lagrange)" = Established ] && established_seen=1
        sleep 2
done
[ "$(ups)" = "$ups0" ] || check_failed "Lagrange came up within 50 s of its teardown"
[ "$established_seen" = 0 ] || check_failed "BIRD was Established within 50 s of the teardown"
refused=$(grep -c "$LAGRANGE: incoming connection refused: peer is down" "$log")
[ "$refused" -gt 0 ] || check_failed "lbgpd did not refuse BIRD's connections while held down"
lbgp_log "held down 50 s: $refused incoming connections refused, no session"
lbgp_wait 40 "Lagrange to come back after the restart time" eval '[ "$(ups)" -gt "$ups0" ]' ||
        check_failed "Lagrange did not come back after the restart time"
# The seconds between the Down and the next Up, from the log's own timestamps.
stamp()
{
        date -u -d "$(echo "$1" | cut -d' ' -f1)Z" +%s
}
down_line=$(grep -E "$down_re" "$log" | head -n 1)
up_line=$(grep "%ADJCHANGE: neighbor $LAGRANGE in vrf default Up" "$log" | sed -n "$((ups0 + 1))p")
if [ -n "$up_line" ]; then
        held=$(($(stamp "$up_line") - $(stamp "$down_line")))
        lbgp_log "back after $held s: $(echo "$up_line" | cut -d' ' -f1,4-)"
        [ "$held" -ge 59 ] && [ "$held" -le 75 ] ||
                check_failed "Lagrange was down $held s, not the restart time (60 s)"
fi
lbgp_wait 10 "the second teardown" eval '[ "$(grep -cE "$down_re" "$log")" -ge 2 ]' ||
        check_failed "Lagrange, still over its limit, was not torn down again"

kill -TERM "$SEED_LBGPD_PID"
lbgp_wait_exit "$SEED_LBGPD_PID" 15 || check_failed "lbgpd did not exit on SIGTERM"
[ "$LBGP_STATUS" = 0 ] || check_failed "lbgpd exited $LBGP_STATUS"
if [ "$failed" != 0 ]; then
        report
        lbgp_fail "see the FAILED lines above"
fi
lbgp_log "PASS in $(($(lbgp_now) - t0)) s"
