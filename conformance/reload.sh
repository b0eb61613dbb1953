#!/bin/bash
# reload.sh LBGPD LBGPCTL - a configuration reload without a restart, seen from real peers.
#
#   frr (FRR bgpd, AS65002)  eth0 2001:db8:10::2/64 ---- eth0 2001:db8:10::1/64  router
#   bird (BIRD, AS65003)     eth0 2001:db8:20::2/64 ---- eth1 2001:db8:20::1/64  (lbgpd, AS65001)
#
# FRR announces 2001:db8:1000::/36 and 2001:db8:2000::/36, BIRD 2001:db8:5000::/36 and
# 2001:db8:6000::/36; lbgpd originates 2001:db8:aaaa::/48 and 2001:db8:bbbb::/48.  lbgpd
# keeps FRR's routes (soft-reconfiguration inbound) but not BIRD's, so a new inbound policy
# is applied by re-running it for FRR and by a ROUTE-REFRESH for BIRD.  Asserted, from
# FRR's vtysh and BIRD's birdc and log, and from lbgpctl:
#   1. a new route-map entry out (RM-FRR-OUT permit 20, with a community) changes what FRR
#      receives: 2001:db8:bbbb::/48 arrives with 65001:42, and FRR's session stays
#      (connectionsEstablished unchanged); new inbound prefix-list entries put
#      2001:db8:2000::/36 (soft-reconfiguration) and 2001:db8:6000::/36 (ROUTE-REFRESH) into
#      lbgpd's Loc-RIB, and neither session resets; a new `ipv6 route` + `network` shows in
#      the kernel; `show running-config` prints the new configuration;
#   2. a file with an error is refused: lbgpctl reload exits 1 and says FILE:LINE:COL, so
#      does the log (SIGHUP too), and nothing changes: sessions, Loc-RIB, running-config;
#   3. the FRR neighbor removed: FRR gets Cease/Peer De-configured and its routes leave the
#      Loc-RIB; BIRD's timers changed: BIRD gets Cease/Other configuration change and comes
#      back; 2001:db8:cccc::/48's network and route removed: it leaves the Loc-RIB and the
#      kernel (by SIGHUP this time);
#   4. the FRR neighbor added again: its session comes up and it receives our routes, and
#      2001:db8:cccc::/48 is back;
#   5. the `log file ... informational` of the configuration holds FRR's %ADJCHANGE and
#      %NOTIFICATION lines for all of it, and no debugging lines.
#
# Exits 0 on success, 1 on failure, 77 when the host cannot create namespaces.
set -u

here=$(cd "$(dirname "$0")" && pwd)
lbgpd=${1:?usage: reload.sh LBGPD LBGPCTL}
lbgpctl=${2:?usage: reload.sh LBGPD LBGPCTL}
# Below ctest's TIMEOUT (180 s), so that the trap, not ctest's kill, ends a stuck run.
LBGP_DEADLINE=${LBGP_DEADLINE:-150}
. "$here/lib.sh"
. "$here/peers/frr.sh"
. "$here/peers/bird.sh"

lbgp_init reload
lbgp_require "$lbgpd" "$lbgpctl" python3
failed=0
t0=$(lbgp_now)
ME1=2001:db8:10::1
FRR=2001:db8:10::2
ME2=2001:db8:20::1
BIRD=2001:db8:20::2

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
log timestamp precision 3
debug bgp neighbor-events
!
router bgp 65002
 bgp router-id 198.51.100.2
 no bgp ebgp-requires-policy
 no bgp network import-check
 no bgp default ipv4-unicast
 neighbor $ME1 remote-as 65001
 neighbor $ME1 disable-connected-check
 neighbor $ME1 timers 3 9
 neighbor $ME1 timers connect 2
 neighbor $ME1 ttl-security hops 1
 neighbor $ME1 advertisement-interval 0
 address-family ipv6 unicast
  network 2001:db8:1000::/36
  network 2001:db8:2000::/36
  neighbor $ME1 activate
  neighbor $ME1 soft-reconfiguration inbound
 exit-address-family
!
EOF
}

bird_config()
{
        cat <<EOF
router id 198.51.100.3;
log "$(lbgp_dir "$1")/bird.log" all;
timeformat log iso long ms;
timeformat protocol iso long ms;
protocol device { scan time 2; }
protocol static announced {
        ipv6;
        route 2001:db8:5000::/36 blackhole;
        route 2001:db8:6000::/36 blackhole;
}
protocol bgp probe {
        local $BIRD as 65003;
        neighbor $ME2 as 65001;
        hold time 9;
        keepalive time 3;
        connect retry time 2;
        connect delay time 1;
        error wait time 1, 3;
        ttl security on;
        debug { states, events, packets };
        ipv6 { import all; export where source = RTS_STATIC; };
}
EOF
}

# lbgpd's configuration.  The blocks vary by step: FRR_NB=0 leaves the FRR neighbor out,
# V2=1 adds the new policy entries and (unless NET_C=0) the network 2001:db8:cccc::/48 and
# its blackhole, BIRD_HOLD changes BIRD's timers.
lbgpd_config()
{
        cat <<EOF
hostname router
log file $rdir/file.log informational
ipv6 prefix-list PL-IN-FRR seq 5 permit 2001:db8:1000::/36
ipv6 prefix-list PL-IN-BIRD seq 5 permit 2001:db8:5000::/36
ipv6 prefix-list PL-A seq 5 permit 2001:db8:aaaa::/48
ipv6 prefix-list PL-B seq 5 permit 2001:db8:bbbb::/48
EOF
        [ "$V2" = 1 ] && cat <<EOF
ipv6 prefix-list PL-IN-FRR seq 10 permit 2001:db8:2000::/36
ipv6 prefix-list PL-IN-BIRD seq 10 permit 2001:db8:6000::/36
EOF
        cat <<EOF
route-map RM-FRR-OUT permit 10
 match ipv6 address prefix-list PL-A
exit
EOF
        [ "$V2" = 1 ] && cat <<EOF
route-map RM-FRR-OUT permit 20
 match ipv6 address prefix-list PL-B
 set community 65001:42
exit
EOF
        cat <<EOF
route-map RM-BIRD-OUT permit 10
 match ipv6 address prefix-list PL-A
exit
ipv6 route 2001:db8:aaaa::/48 blackhole
ipv6 route 2001:db8:bbbb::/48 blackhole
EOF
        [ "${NET_C:-$V2}" = 1 ] && echo "ipv6 route 2001:db8:cccc::/48 blackhole"
        cat <<EOF
router bgp 65001
 bgp router-id 192.0.2.1
 no bgp default ipv4-unicast
EOF
        [ "$FRR_NB" = 1 ] && cat <<EOF
 neighbor $FRR remote-as 65002
 neighbor $FRR timers 3 9
 neighbor $FRR timers connect 2
 neighbor $FRR ttl-security hops 1
EOF
        cat <<EOF
 neighbor $BIRD remote-as 65003
 neighbor $BIRD timers $((BIRD_HOLD / 3)) $BIRD_HOLD
 neighbor $BIRD timers connect 2
 neighbor $BIRD ttl-security hops 1
 address-family ipv6 unicast
  network 2001:db8:aaaa::/48
  network 2001:db8:bbbb::/48
EOF
        [ "${NET_C:-$V2}" = 1 ] && echo "  network 2001:db8:cccc::/48"
        [ "$FRR_NB" = 1 ] && cat <<EOF
  neighbor $FRR activate
  neighbor $FRR soft-reconfiguration inbound
  neighbor $FRR maximum-prefix 100
  neighbor $FRR prefix-list PL-IN-FRR in
  neighbor $FRR route-map RM-FRR-OUT out
EOF
        cat <<EOF
  neighbor $BIRD activate
  neighbor $BIRD maximum-prefix 100
  neighbor $BIRD prefix-list PL-IN-BIRD in
  neighbor $BIRD route-map RM-BIRD-OUT out
 exit-address-family
EOF
}

lbgp_ns_add router
lbgp_ns_add frr
lbgp_ns_add bird
lbgp_link router eth0 frr eth0
lbgp_link router eth1 bird eth0
lbgp_addr router eth0 "$ME1/64"
lbgp_addr router eth1 "$ME2/64"
lbgp_addr frr eth0 "$FRR/64"
lbgp_addr bird eth0 "$BIRD/64"

rdir=$(lbgp_dir router)
conf=$rdir/frr.conf
sock=$rdir/lbgpd.sock
log=$rdir/lbgpd.log
V2=0 FRR_NB=1 BIRD_HOLD=9 lbgpd_config >"$conf"

lbgp_peer_defaults
PEER_ADDR=$FRR
PEER_NEIGHBOR=$ME1
# With zebra: our UPDATEs carry a link-local next hop too (RFC 2545 3, peers/frr.sh).
FRR_ZEBRA=1 frr_start frr frr
PEER_ADDR=$BIRD
bird_start bird bird
lbgp_in router "$lbgpd" -n -f "$conf" >"$rdir/check.log" 2>&1 ||
        { cat "$rdir/check.log" >&2; lbgp_fail "lbgpd -n rejects the configuration"; }
# The configuration logs to a file at informational; --log keeps stderr too (FRR's --log).
lbgp_bg router "$log" "$lbgpd" -f "$conf" -s "$sock" --log stderr
lbgpd_pid=$LBGP_BG_PID

ctl()
{
        lbgp_in router "$lbgpctl" -s "$sock" "$@"
}

# json TEXT EXPR: EXPR on the parsed JSON (d), printed; nothing when it cannot.
json()
{
        python3 -c 'import json,sys
d = json.loads(sys.argv[1])
v = eval(sys.argv[2])
print("" if v is None else v)' "$1" "$2" 2>/dev/null
}

# FRR's view of the session with us: "state connectionsEstablished".
frr_session()
{
        frr_json frr '"%s %s" % (n.get("bgpState"), n.get("connectionsEstablished"))'
}

# The prefixes FRR received from us, and the communities of one of them.
frr_received()
{
        json "$(frr_vtysh frr "show bgp ipv6 unicast neighbors $ME1 received-routes json")" \
                '" ".join(sorted(d.get("receivedRoutes", {})))'
}
frr_communities()
{
        json "$(frr_vtysh frr "show bgp ipv6 unicast $1 json")" \
                '" ".join((p.get("community") or {}).get("string", "-") for p in d.get("paths", []))'
}

# BIRD's view: "state since" (since changes when the session is re-established).
bird_session()
{
        bird_birdc bird "show protocols probe" | awk '$1 == "probe" { print $4, $5, $6, $7 }'
}
bird_received()
{
        bird_birdc bird "show route protocol probe" |
                sed -n 's/^\(2001:db8:[0-9a-f:]*\/[0-9]*\).*/\1/p' | LC_ALL=C sort | tr '\n' ' ' |
                sed 's/ $//'
}

# lbgpd's Loc-RIB: the prefixes of `show bgp ipv6 unicast json`.
locrib()
{
        json "$(ctl show bgp ipv6 unicast json)" '" ".join(sorted(d.get("routes", {})))'
}

kernel_has()
{
        lbgp_in router ip -6 route show proto 201 | grep -q "^blackhole $1 "
}

# ---- step 0: everything up -------------------------------------------------------------
lbgp_wait 10 "the control socket" test -S "$sock" || lbgp_fail "no control socket at $sock"
lbgp_wait 40 "FRR Established" lbgp_peer_is frr frr Established ||
        { lbgp_show "lbgpd" "$log" 30; lbgp_fail "FRR did not reach Established"; }
lbgp_wait 40 "BIRD Established" eval '[ "$(bird_state bird)" = Established ]' ||
        { lbgp_show "lbgpd" "$log" 30; lbgp_fail "BIRD did not reach Established"; }
rib0="2001:db8:1000::/36 2001:db8:5000::/36 2001:db8:aaaa::/48 2001:db8:bbbb::/48"
lbgp_wait 20 "the routes to settle" eval \
        '[ "$(locrib)" = "$rib0" ] && [ "$(frr_received)" = "2001:db8:aaaa::/48" ] &&
         [ "$(bird_received)" = "2001:db8:aaaa::/48" ]' ||
        lbgp_fail "before any reload: Loc-RIB [$(locrib)], FRR got [$(frr_received)], BIRD got [$(bird_received)]"
frr0=$(frr_session)
bird0=$(bird_session)
lbgp_log "up after $(($(lbgp_now) - t0)) s: FRR [$frr0], BIRD [$bird0], Loc-RIB [$(locrib)]"

# ---- step 1: new policy, applied softly ---------------------------------------------------
V2=1 FRR_NB=1 BIRD_HOLD=9 lbgpd_config >"$conf"
if out=$(ctl reload 2>&1); then
        lbgp_log "lbgpctl reload: $(echo "$out" | tr '\n' ' ')"
else
        check_failed "lbgpctl reload of a valid configuration failed: $out"
fi
lbgp_wait 15 "FRR to receive 2001:db8:bbbb::/48" \
        eval '[ "$(frr_received)" = "2001:db8:aaaa::/48 2001:db8:bbbb::/48" ]' ||
        check_failed "after the route-map change FRR received [$(frr_received)]"
c=$(frr_communities 2001:db8:bbbb::/48)
[ "$c" = "65001:42" ] || check_failed "FRR's 2001:db8:bbbb::/48 has communities [$c], not 65001:42"
rib1="2001:db8:1000::/36 2001:db8:2000::/36 2001:db8:5000::/36 2001:db8:6000::/36 2001:db8:aaaa::/48 2001:db8:bbbb::/48 2001:db8:cccc::/48"
lbgp_wait 15 "the Loc-RIB to take the new inbound prefix-lists" eval '[ "$(locrib)" = "$rib1" ]' ||
        check_failed "after the inbound change the Loc-RIB is [$(locrib)], not [$rib1]"
lbgp_has_line "$log" "reload: .* applied: 2 neighbors kept, 0 added, 0 removed, 0 reset; policy re-applied to 2 inbound \(1 by ROUTE-REFRESH\), 1 outbound" ||
        check_failed "the log does not say the policy was applied softly: $(grep 'reload:' "$log" | tail -n 3)"
grep -q "Got ROUTE-REFRESH\|Got ROUTE_REFRESH\|ROUTE-REFRESH" "$(lbgp_dir bird)/bird.log" ||
        lbgp_log "note: BIRD's log does not show the ROUTE-REFRESH"
kernel_has 2001:db8:cccc::/48 || check_failed "no kernel blackhole for the new ipv6 route 2001:db8:cccc::/48"
[ "$(bird_received)" = "2001:db8:aaaa::/48" ] ||
        check_failed "BIRD's routes changed though its policy did not: [$(bird_received)]"
running=$(ctl show running-config)
echo "$running" | grep -q "^route-map RM-FRR-OUT permit 20" &&
        echo "$running" | grep -q "ipv6 prefix-list PL-IN-BIRD seq 10 permit 2001:db8:6000::/36" ||
        check_failed "show running-config does not show the new configuration: $(echo "$running" | head -n 20 | tr '\n' '|')"
[ "$(frr_session)" = "$frr0" ] || check_failed "FRR's session was reset by the policy reload: [$frr0] -> [$(frr_session)]"
[ "$(bird_session)" = "$bird0" ] || check_failed "BIRD's session was reset by the policy reload: [$bird0] -> [$(bird_session)]"
lbgp_log "step 1 (t+$(($(lbgp_now) - t0)) s): FRR got [$(frr_received)] (bbbb with $c), Loc-RIB [$(locrib)], FRR [$(frr_session)], BIRD [$(bird_session)]"

# ---- step 2: a file with an error is refused -------------------------------------------
cp "$conf" "$rdir/good.conf"
{ V2=0 FRR_NB=0 BIRD_HOLD=9 lbgpd_config; echo " neighbor $BIRD frobnicate"; } >"$conf"
badline=$(wc -l <"$conf")
if out=$(ctl reload 2>&1); then
        check_failed "lbgpctl reload of a bad file exited 0: $out"
else
        lbgp_log "lbgpctl reload refused the bad file: $(echo "$out" | tr '\n' ' ')"
        echo "$out" | grep -q "^$conf:$badline:[0-9]*: error: " ||
                check_failed "lbgpctl reload's answer does not point at $conf:$badline:COL"
fi
lbgp_has_line "$log" "reload: $conf:$badline:[0-9]+: error: " ||
        check_failed "lbgpd's log does not point at $conf:$badline:COL"
n_refused=$(grep -c "not loaded; the running configuration stays" "$log")
kill -HUP "$lbgpd_pid"
lbgp_wait 5 "lbgpd to refuse the bad file on SIGHUP" \
        eval '[ "$(grep -c "not loaded; the running configuration stays" "$log")" -gt "$n_refused" ]' ||
        check_failed "SIGHUP with a bad file: no refusal in the log"
lbgp_running "$lbgpd_pid" || lbgp_fail "lbgpd exited after a bad reload"
[ "$(locrib)" = "$rib1" ] || check_failed "a refused reload changed the Loc-RIB: [$(locrib)]"
[ "$(ctl show running-config)" = "$running" ] || check_failed "a refused reload changed show running-config"
[ "$(frr_session)" = "$frr0" ] || check_failed "a refused reload reset FRR's session: [$(frr_session)]"
[ "$(bird_session)" = "$bird0" ] || check_failed "a refused reload reset BIRD's session: [$(bird_session)]"

# ---- step 3: FRR removed, BIRD's timers changed (SIGHUP) ---------------------------------
V2=1 NET_C=0 FRR_NB=0 BIRD_HOLD=12 lbgpd_config >"$conf"
n_applied=$(grep -c "reload: .* applied" "$log")
kill -HUP "$lbgpd_pid"
lbgp_wait 5 "lbgpd to apply the reload on SIGHUP" \
        eval '[ "$(grep -c "reload: .* applied" "$log")" -gt "$n_applied" ]' ||
        check_failed "SIGHUP: no reload applied in the log: $(grep 'reload:' "$log" | tail -n 3)"
lbgp_wait 10 "FRR to see Cease/Peer De-configured" \
        eval 'frr_json frr "n.get(\"lastNotificationReason\", \"\")" | grep -q "Cease/Peer De-configured"' ||
        check_failed "FRR did not get Cease/Peer De-configured: $(frr_last_error frr | head -n 1)"
lbgp_log "FRR on its removal (t+$(($(lbgp_now) - t0)) s): $(frr_last_error frr | head -n 1)"
# BIRD is back before long, and `show protocols all` forgets the error then: its log keeps it.
lbgp_wait 10 "BIRD to see Cease/Other configuration change" \
        lbgp_has_line "$(lbgp_dir bird)/bird.log" "Received: Other configuration change" ||
        check_failed "BIRD did not get Cease/Other configuration change: $(bird_last_error bird | tr '\n' ' ')"
rib3="2001:db8:5000::/36 2001:db8:6000::/36 2001:db8:aaaa::/48 2001:db8:bbbb::/48"
lbgp_wait 30 "BIRD back, and FRR's routes out of the Loc-RIB" \
        eval '[ "$(bird_state bird)" = Established ] && [ "$(locrib)" = "$rib3" ]' ||
        check_failed "after removing FRR: BIRD [$(bird_state bird)], Loc-RIB [$(locrib)], not [$rib3]"
[ "$(bird_session)" != "$bird0" ] || check_failed "BIRD's session was not reset by its new timers"
kernel_has 2001:db8:cccc::/48 && check_failed "the blackhole of the removed ipv6 route 2001:db8:cccc::/48 stayed"
bird1=$(bird_session)
lbgp_log "step 3 (t+$(($(lbgp_now) - t0)) s): BIRD [$bird1], Loc-RIB [$(locrib)]"

# ---- step 4: FRR added again -------------------------------------------------------------
est=${frr0#* }
V2=1 FRR_NB=1 BIRD_HOLD=12 lbgpd_config >"$conf"
ctl reload >/dev/null 2>&1 || check_failed "lbgpctl reload (FRR added) failed"
lbgp_wait 30 "FRR to come back" eval '[ "$(frr_session)" = "Established $((est + 1))" ]' ||
        check_failed "the added neighbor did not come up: FRR [$(frr_session)]"
lbgp_wait 15 "FRR to receive our routes again" \
        eval '[ "$(frr_received)" = "2001:db8:aaaa::/48 2001:db8:bbbb::/48" ] && [ "$(locrib)" = "$rib1" ]' ||
        check_failed "after adding FRR again: FRR got [$(frr_received)], Loc-RIB [$(locrib)]"
[ "$(bird_session)" = "$bird1" ] || check_failed "adding FRR reset BIRD's session"
kernel_has 2001:db8:cccc::/48 || check_failed "no kernel blackhole for 2001:db8:cccc::/48 once its ipv6 route is back"

# ---- the log: FRR's words for session changes and NOTIFICATIONs, in the configured file --
flog=$rdir/file.log
for want in "%ADJCHANGE: neighbor $FRR in vrf default Up" \
        "%ADJCHANGE: neighbor $BIRD in vrf default Up" \
        "%NOTIFICATION: sent to neighbor $FRR 6/3 (Cease/Peer De-configured) 0 bytes" \
        "%ADJCHANGE: neighbor $FRR in vrf default Down BGP Notification send (Cease/Peer De-configured)" \
        "%NOTIFICATION: sent to neighbor $BIRD 6/6 (Cease/Other Configuration Change) 0 bytes" \
        "%ADJCHANGE: neighbor $BIRD in vrf default Down BGP Notification send (Cease/Other Configuration Change)"; do
        grep -qF -- " lbgpd info: $want" "$flog" || check_failed "$flog lacks \"$want\""
done
grep -q " lbgpd debug: " "$flog" && check_failed "$flog (informational) has debugging lines"
grep -q " lbgpd debug: " "$log" && check_failed "stderr (--log-level informational) has debugging lines"
lbgp_log "the log file has $(grep -c '%ADJCHANGE' "$flog") %ADJCHANGE lines, e.g. $(grep -m1 'Down' "$flog" | cut -d' ' -f4-)"

kill -TERM "$lbgpd_pid"
lbgp_wait_exit "$lbgpd_pid" 15 || check_failed "lbgpd did not exit on SIGTERM"
[ "$LBGP_STATUS" = 0 ] || check_failed "lbgpd exited $LBGP_STATUS"
if [ "$failed" != 0 ]; then
        lbgp_show "lbgpd's log" "$log" 80
        lbgp_show "FRR" "$(lbgp_dir frr)/bgpd.log" 20
        lbgp_show "BIRD" "$(lbgp_dir bird)/bird.log" 20
        lbgp_fail "see the FAILED lines above"
fi
lbgp_log "PASS in $(($(lbgp_now) - t0)) s"
