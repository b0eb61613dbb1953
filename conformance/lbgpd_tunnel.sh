#!/bin/bash
# lbgpd_tunnel.sh LBGPD LBGPCTL - lbgpd runs lbgp-tunnel itself from `tunnel` sections of its
# configuration (issue #6): one file for the BGP session and the tunnel it runs over.
#
#   rtr (BIRD, AS65001)  gif0 ==veth== gif0  srv (lbgpd, AS65010)  bastille0 ---- j0  jail
#                        gif1 ==veth== gif1
#
# srv is the seed's vps01: its section for gif0 is vps01.conf's server end (the /128 pair,
# table 1 with the default route through the tunnel and the bridge's subnets, the rule from
# our prefix, the blackhole), on a veth that plays the tunnel as in tunnel_routing.sh (this
# kernel has no sit), so the kind is `external`.  Its BGP session to BIRD runs over the
# tunnel from the tunnel's own address (update-source), which exists only once lbgpd has
# applied the section: the log shows the section applied before the session starts.  A
# second section, gif1,
# puts an address and a route in the main table.  Asserted, in srv's kernel:
#   1. after start: the addresses, table 1's routes and blackhole, the rule, gif1's route;
#      lbgpd's log says what it made; BIRD's session is Established;
#   2. a reload that changes gif0's section (a bridge route removed, one added, the rule's
#      priority changed): the kernel follows, exactly, and BIRD's session is not reset;
#   3. a reload whose gif0 section has an error is refused with FILE:LINE:COL (lbgpctl
#      and `lbgpd -n`) and changes nothing in the kernel;
#   4. a reload without gif1's section takes its address and route down (the veth, not
#      lbgp-tunnel's, stays); gif0 and the session are untouched; gif1 added back is
#      applied; a section whose link is missing is reported, lbgpd goes on, and the next
#      reload of the same file applies it once the link is there;
#   5. lbgpd stopped: the tunnel stays as it was (lbgpd.conf(5): tunnels outlive lbgpd); a
#      new lbgpd finds everything in place and changes nothing.
#
# Addresses: the seed's 2a06:9801:1c::/48 and 2001:db8::/32, inside the namespaces only.
# Exits 0 on success, 1 on failure, 77 when the host cannot create namespaces.
set -u

here=$(cd "$(dirname "$0")" && pwd)
lbgpd=${1:?usage: lbgpd_tunnel.sh LBGPD LBGPCTL}
lbgpctl=${2:?usage: lbgpd_tunnel.sh LBGPD LBGPCTL}
# Below ctest's TIMEOUT (120 s), so that the trap, not ctest's kill, ends a stuck run.
LBGP_DEADLINE=${LBGP_DEADLINE:-100}
. "$here/lib.sh"
. "$here/peers/bird.sh"

lbgp_init lbgpd_tunnel
lbgp_require "$lbgpd" "$lbgpctl" python3
failed=0
checks=0
t0=$(lbgp_now)
ME=2a06:9801:1c:ffff::2
HUB=2a06:9801:1c:ffff::1

ok()
{
        checks=$((checks + 1))
        lbgp_log "ok: $*"
}

check_failed()
{
        lbgp_log "FAILED: $*"
        failed=1
}

# ---- the topology ------------------------------------------------------------------------

lbgp_ns_add rtr
lbgp_ns_add srv
lbgp_ns_add jail
for t in gif0 gif1; do
        lbgp_link rtr "$t" srv "$t"
        # A point-to-point stand-in: no neighbour discovery, one MAC address on both ends.
        for ns in rtr srv; do
                ip -n "$(lbgp_ns "$ns")" link set "$t" arp off address 02:00:5e:00:53:01 \
                        mtu 1480 || lbgp_fail "cannot make $ns:$t a point-to-point stand-in"
        done
done
lbgp_link srv bastille0 jail j0

# router01's ends, by hand.
ip -n "$(lbgp_ns rtr)" -6 addr add "$HUB" peer "$ME/128" dev gif0 nodad ||
        lbgp_fail "rtr: gif0 address"
ip -n "$(lbgp_ns rtr)" -6 addr add 2001:db8:41::1 peer 2001:db8:41::2/128 dev gif1 nodad ||
        lbgp_fail "rtr: gif1 address"

lbgp_peer_defaults
PEER_AS=65001
PEER_ROUTER_ID=198.51.100.1
PEER_ADDR=$HUB
PEER_NEIGHBOR=$ME
PEER_NEIGHBOR_AS=65010
bird_start bird rtr

# ---- lbgpd's configuration -----------------------------------------------------------------

sdir=$(lbgp_dir srv)
conf=$sdir/frr.conf
sock=$sdir/lbgpd.sock
log=$sdir/lbgpd.log

# STEP selects gif0's section: 1 as the seed's vps01.conf, 2 changed, 3 broken; GIF1=0
# leaves gif1's section out, GIF2=1 adds one for gif2.
config()
{
        cat <<EOF
hostname vps01
tunnel gif0
 kind external
 description vps01 to router01
 mtu 1480
 link 2a06:9801:1c:ffff::/64
 address $ME peer $HUB
 table 1
 route default
 interface bastille0 address 2a06:9801:1c:1000::1/64
 interface bastille0 route 2a06:9801:1c:1000::/64
EOF
        if [ "$STEP" = 1 ]; then
                cat <<EOF
 interface bastille0 route 2001:db8:200:0:1000::/68
 rule from 2a06:9801:1c::/48
EOF
        else
                cat <<EOF
 interface bastille0 route 2001:db8:300::/64
 rule from 2a06:9801:1c::/48 priority 900
EOF
        fi
        [ "$STEP" = 3 ] && echo " route 2a06:9801:1c:5000::1/64"
        echo "exit"
        [ "${GIF2:-0}" = 1 ] && cat <<EOF
tunnel gif2
 kind external
 mtu 1480
 link 2001:db8:42::/64
 address 2001:db8:42::2 peer 2001:db8:42::1
exit
EOF
        [ "$GIF1" = 1 ] && cat <<EOF
tunnel gif1
 kind external
 mtu 1480
 link 2001:db8:41::/64
 address 2001:db8:41::2 peer 2001:db8:41::1
 route 2001:db8:4100::/56
exit
EOF
        cat <<EOF
router bgp 65010
 bgp router-id 192.0.2.10
 no bgp ebgp-requires-policy
 no bgp default ipv4-unicast
 neighbor $HUB remote-as 65001
 neighbor $HUB update-source $ME
 neighbor $HUB timers 3 9
 neighbor $HUB timers connect 2
 address-family ipv6 unicast
  neighbor $HUB activate
 exit-address-family
EOF
}

ctl()
{
        lbgp_in srv "$lbgpctl" -s "$sock" "$@"
}

# What lbgp-tunnel may touch in srv, and the parts each step asserts.
snapshot()
{
        local n
        n=$(lbgp_ns srv)
        {
                ip -n "$n" -6 rule show
                ip -n "$n" -6 route show table all | grep -v ' proto 201 \|^local \|^multicast '
                ip -n "$n" -6 addr show scope global
                ip -n "$n" link show
        } 2>&1
}
rules()
{
        ip -n "$(lbgp_ns srv)" -6 rule show
}
table1()
{
        ip -n "$(lbgp_ns srv)" -6 route show table 1
}
addrs()
{
        ip -n "$(lbgp_ns srv)" -6 addr show scope global | grep -o 'inet6 [^ ]*\( peer [^ ]*\)\?'
}
gif1_routes()
{
        ip -n "$(lbgp_ns srv)" -6 route show dev gif1 proto 202
}

# BIRD's view of the session: "state since" (since changes when it is re-established).
bird_session()
{
        bird_birdc bird "show protocols probe" | awk '$1 == "probe" { print $4, $5, $6, $7 }'
}

# lbgpd runs with the sanitizers of the build: a report in its log fails the test.
sanitizers_quiet()
{
        ! grep -E "ERROR: (Address|Leak)Sanitizer|runtime error:" "$1" >&2
}

start_lbgpd()
{
        lbgp_bg srv "$log" "$lbgpd" -f "$conf" -s "$sock" --log stderr
        LBGPD_PID=$LBGP_BG_PID
        lbgp_wait 20 "lbgpd's control socket" test -S "$sock" ||
                { lbgp_show lbgpd "$log"; lbgp_fail "lbgpd did not start"; }
}

# ---- 1. start ----------------------------------------------------------------------------

STEP=1 GIF1=1 config >"$conf"
lbgp_in srv "$lbgpd" -n -f "$conf" 2>"$sdir/check.err" ||
        { lbgp_show "lbgpd -n" "$sdir/check.err"; lbgp_fail "lbgpd -n refused the configuration"; }
start_lbgpd
lbgp_wait 40 "BIRD Established" eval '[ "$(bird_state bird)" = Established ]' ||
        { lbgp_show lbgpd "$log"; lbgp_fail "the session over the tunnel did not come up"; }
tline=$(grep -n "tunnel gif0: 7 changes made" "$log" | head -n 1 | cut -d: -f1)
cline=$(grep -n "$HUB: Idle -> Connect" "$log" | head -n 1 | cut -d: -f1)
[ -n "$tline" ] && [ -n "$cline" ] && [ "$tline" -lt "$cline" ] ||
        check_failed "the tunnel was not applied before the session started (log lines $tline, $cline)"
ok "the tunnel applied before the session, which runs over it from its address ($ME)"

lbgp_has_line "$log" "tunnel gif0: 7 changes made, 0 objects already in place" ||
        check_failed "lbgpd's log does not say gif0's 7 objects were made: $(grep tunnel "$log")"
lbgp_has_line "$log" "tunnel gif1: 2 changes made" ||
        check_failed "lbgpd's log does not say gif1's 2 objects were made"
[ "$(rules)" = "0:	from all lookup local
1000:	from 2a06:9801:1c::/48 lookup 1 proto 202
32766:	from all lookup main" ] || check_failed "ip -6 rule after start: $(rules)"
[ "$(table1)" = "2001:db8:200:0:1000::/68 dev bastille0 proto 202 metric 1024 pref medium
2a06:9801:1c:1000::/64 dev bastille0 proto 202 metric 1024 pref medium
default dev gif0 proto 202 metric 1024 pref medium
blackhole default dev lo proto 202 metric 4294967295 pref medium" ] ||
        check_failed "table 1 after start: $(table1)"
addrs_want="inet6 2001:db8:41::2 peer 2001:db8:41::1/128
inet6 2a06:9801:1c:ffff::2 peer 2a06:9801:1c:ffff::1/128
inet6 2a06:9801:1c:1000::1/64"
[ "$(addrs | sort)" = "$(echo "$addrs_want" | sort)" ] || check_failed "addresses after start: $(addrs)"
[ "$(gif1_routes)" = "2001:db8:4100::/56 metric 1024 pref medium" ] ||
        check_failed "gif1's route after start: $(gif1_routes)"
[ "$failed" = 0 ] && ok "after start: the pair, the bridge's address, table 1 with its blackhole, the rule, gif1"
bird0=$(bird_session)

# ---- 2. a changed section ------------------------------------------------------------------

STEP=2 GIF1=1 config >"$conf"
if out=$(ctl reload 2>&1); then
        lbgp_log "lbgpctl reload: $(echo "$out" | tr '\n' ' ')"
else
        check_failed "lbgpctl reload of the changed section failed: $out"
fi
echo "$out" | grep -q "tunnels: 1 kept, 0 added, 1 changed, 0 removed, 0 failed" ||
        check_failed "the reload's answer does not count one tunnel changed: $out"
[ "$(rules)" = "0:	from all lookup local
900:	from 2a06:9801:1c::/48 lookup 1 proto 202
32766:	from all lookup main" ] || check_failed "ip -6 rule after the change: $(rules)"
[ "$(table1)" = "2001:db8:300::/64 dev bastille0 proto 202 metric 1024 pref medium
2a06:9801:1c:1000::/64 dev bastille0 proto 202 metric 1024 pref medium
default dev gif0 proto 202 metric 1024 pref medium
blackhole default dev lo proto 202 metric 4294967295 pref medium" ] ||
        check_failed "table 1 after the change: $(table1)"
[ "$(addrs | sort)" = "$(echo "$addrs_want" | sort)" ] || check_failed "addresses after the change: $(addrs)"
lbgp_has_line "$log" "tunnel gif0: 2 objects of the old description removed" ||
        check_failed "the log does not say the old route and rule were removed"
sleep 1
[ "$(bird_session)" = "$bird0" ] && [ "$(bird_state bird)" = Established ] ||
        check_failed "the reload reset the session: [$bird0] -> [$(bird_session)]"
[ "$failed" = 0 ] && ok "a changed section: rule at 900, the new bridge route, the old one gone; session kept [$bird0]"

# ---- 3. a broken section -------------------------------------------------------------------

before=$(snapshot)
cp "$conf" "$sdir/good.conf"
STEP=3 GIF1=1 config >"$conf"
badline=$(grep -n '^ route 2a06:9801:1c:5000::1/64' "$conf" | cut -d: -f1)
if out=$(ctl reload 2>&1); then
        check_failed "lbgpctl reload of a broken tunnel section exited 0: $out"
fi
echo "$out" | grep -q "^$conf:$badline:8: error: '2a06:9801:1c:5000::1/64' has host bits set" ||
        check_failed "lbgpctl reload's answer does not point at $conf:$badline:8: $out"
lbgp_in srv "$lbgpd" -n -f "$conf" 2>"$sdir/check.err" &&
        check_failed "lbgpd -n accepted the broken section"
grep -q "^$conf:$badline:8: error: " "$sdir/check.err" ||
        check_failed "lbgpd -n does not point at $conf:$badline:8: $(cat "$sdir/check.err")"
[ "$(snapshot)" = "$before" ] ||
        { diff <(echo "$before") <(snapshot) >&2; check_failed "the refused reload changed the kernel"; }
[ "$(bird_session)" = "$bird0" ] || check_failed "the refused reload reset the session"
[ "$failed" = 0 ] && ok "a broken section: refused at $conf:$badline:8, the kernel unchanged"

# ---- 4. a removed section --------------------------------------------------------------------

STEP=2 GIF1=0 config >"$conf"
kill -HUP "$LBGPD_PID"
lbgp_wait 10 "the reload by SIGHUP" lbgp_has_line "$log" "reload: tunnels: 1 kept, 0 added, 0 changed, 1 removed, 0 failed" ||
        check_failed "the log does not say gif1 was removed: $(grep 'reload: tunnels' "$log")"
lbgp_has_line "$log" "tunnel gif1: 2 objects removed" ||
        check_failed "the log does not say gif1's 2 objects were removed"
[ -z "$(gif1_routes)" ] || check_failed "gif1's route is still there: $(gif1_routes)"
addrs | grep -q 2001:db8:41:: && check_failed "gif1's address is still there: $(addrs)"
ip -n "$(lbgp_ns srv)" link show gif1 >/dev/null 2>&1 ||
        check_failed "gif1 itself (external: not lbgp-tunnel's) was removed"
[ "$(rules)" = "0:	from all lookup local
900:	from 2a06:9801:1c::/48 lookup 1 proto 202
32766:	from all lookup main" ] || check_failed "gif0's rule after removing gif1: $(rules)"
[ "$(bird_session)" = "$bird0" ] || check_failed "removing gif1 reset the session"
[ "$failed" = 0 ] && ok "a removed section: gif1's address and route down, the link left, gif0 and the session untouched"

# A section added back is applied; one the kernel refuses (its link is not there yet) is
# said, lbgpd goes on, and the next reload tries it again, though the file is the same.
STEP=2 GIF1=1 GIF2=1 config >"$conf"
out=$(ctl reload 2>&1) || check_failed "lbgpctl reload with gif2 missing: $out"
echo "$out" | grep -q "tunnels: 1 kept, 1 added, 0 changed, 0 removed, 1 failed" ||
        check_failed "the reload's answer does not count gif1 added and gif2 failed: $out"
echo "$out" | grep -q "no interface gif2" ||
        check_failed "the reload's answer does not say why gif2 failed: $out"
[ "$(gif1_routes)" = "2001:db8:4100::/56 metric 1024 pref medium" ] ||
        check_failed "gif1's route is not back: $(gif1_routes)"
lbgp_link rtr gif2 srv gif2
out=$(ctl reload 2>&1) || check_failed "lbgpctl reload with gif2 there: $out"
echo "$out" | grep -q "tunnels applied again: 1, failed: 0" ||
        check_failed "the same file did not apply gif2 again: $out"
addrs | grep -q "inet6 2001:db8:42::2 peer 2001:db8:42::1/128" ||
        check_failed "gif2's address is not there: $(addrs)"
out=$(ctl reload 2>&1)
echo "$out" | grep -q "tunnels applied again" &&
        check_failed "a reload of the same file applied a tunnel in place again: $out"
[ "$(bird_session)" = "$bird0" ] || check_failed "adding sections reset the session"
[ "$failed" = 0 ] && ok "a section added is applied; one refused is tried again at the next reload, and only then"

# ---- 5. lbgpd's exit leaves the tunnels ------------------------------------------------------

before=$(snapshot)
lbgp_stop_pid "$LBGPD_PID"
sanitizers_quiet "$log" || check_failed "lbgpd's log holds a sanitizer report"
after=$(snapshot)
[ "$after" = "$before" ] ||
        { diff <(echo "$before") <(echo "$after") >&2; check_failed "lbgpd's exit changed the tunnel"; }
table1 | grep -q '^default dev gif0 proto 202' || check_failed "table 1 lost its default at exit"
mv "$log" "$sdir/lbgpd-1.log"
start_lbgpd
lbgp_wait 20 "lbgpd to apply its sections" lbgp_has_line "$log" "tunnel gif0: nothing to do" ||
        check_failed "a restarted lbgpd did not find gif0 in place: $(grep tunnel "$log")"
lbgp_wait 40 "BIRD Established again" eval '[ "$(bird_state bird)" = Established ]' ||
        check_failed "the session did not come back after the restart"
[ "$(snapshot)" = "$before" ] || check_failed "a restarted lbgpd changed the tunnel"
lbgp_stop_pid "$LBGPD_PID"
sanitizers_quiet "$log" || check_failed "the second lbgpd's log holds a sanitizer report"
[ "$failed" = 0 ] && ok "lbgpd's exit leaves the tunnels; a new lbgpd finds them in place and changes nothing"

bird_stop bird
if [ "$failed" != 0 ]; then
        lbgp_show lbgpd "$log" 80
        lbgp_fail "lbgpd's tunnel sections: some checks failed"
fi
lbgp_log "PASS: $checks checks in $(($(lbgp_now) - t0)) s"
exit 0
