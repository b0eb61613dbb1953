#!/bin/bash
# lbgpctl.sh LBGPD LBGPCTL - lbgpd's control socket, through lbgpctl, against FRR.
#
#   router (lbgpd, AS65001) eth0 2001:db8:10::1/64 ---- eth0 2001:db8:10::2/64 frr (AS65002)
#
# FRR announces two prefixes; lbgpd originates one (`network` under a blackhole route).
# Asserted with lbgpctl: the summary (JSON) shows FRR Established with pfxRcd 2; the IPv6
# table and FRR's received-routes (JSON) list the two prefixes; advertised-routes lists our
# network; SOCKET.ro refuses `clear bgp *`; `clear bgp ADDR` resets the session (FRR sees
# Cease/Administrative Reset) and it comes back.  The JSON keys are compared with FRR's own
# answer to the same command: ours must be a subset of FRR's.
#
# Exits 0 on success, 1 on failure, 77 when the host cannot create namespaces.
set -u

here=$(cd "$(dirname "$0")" && pwd)
lbgpd=${1:?usage: lbgpctl.sh LBGPD LBGPCTL}
lbgpctl=${2:?usage: lbgpctl.sh LBGPD LBGPCTL}
LBGP_DEADLINE=${LBGP_DEADLINE:-100}
. "$here/lib.sh"
. "$here/peers/frr.sh"

lbgp_init lbgpctl
lbgp_require "$lbgpd" "$lbgpctl" python3
failed=0
ME=2001:db8:10::1
FRR=2001:db8:10::2
MY_NET=2001:db8:aaaa::/48
FRR_NETS="2001:db8:1000::/36 2001:db8:2000::/36"

# The same lists and route-maps on both sides, attached to nothing, for `show ipv6
# prefix-list` and `show route-map`: text and JSON compared with FRR's own answers.
POLICY="ipv6 prefix-list PL-MY-NET seq 5 permit $MY_NET
ipv6 prefix-list PL-BOGONS seq 5 deny ::/0 le 7
ipv6 prefix-list PL-BOGONS seq 10 deny fc00::/7
ipv6 prefix-list PL-BOGONS seq 105 deny ::/0 ge 49
ipv6 prefix-list PL-BOGONS seq 110 permit ::/0 le 48
ipv6 prefix-list PL-X description documentation space
ipv6 prefix-list PL-X seq 5 permit 2001:db8::/32 ge 40 le 48
bgp community-list standard CL seq 5 permit 65000:1
route-map RM-OUT permit 10
 match ipv6 address prefix-list PL-MY-NET
 set community 65001:20 65001:10 additive
exit
route-map RM-OUT deny 20
 description the rest
 match community CL
exit
route-map RM-IN permit 10
 match ipv6 address prefix-list PL-BOGONS
 set local-preference 200
 on-match next
exit
route-map RM-IN permit 20
 on-match goto 40
exit
route-map RM-IN permit 40
 set as-path prepend 65001 65001
exit"

frr_config()
{
        cat <<EOF
frr defaults traditional
hostname $1
log file $(lbgp_dir "$1")/bgpd.log debugging
!
$POLICY
!
router bgp 65002
 bgp router-id 198.51.100.2
 no bgp ebgp-requires-policy
 no bgp network import-check
 no bgp default ipv4-unicast
 neighbor $ME remote-as 65001
 neighbor $ME description lbgpd
 neighbor $ME disable-connected-check
 neighbor $ME timers 3 9
 neighbor $ME timers connect 2
 neighbor $ME advertisement-interval 0
 address-family ipv6 unicast
  network 2001:db8:1000::/36
  network 2001:db8:2000::/36
  neighbor $ME activate
  neighbor $ME soft-reconfiguration inbound
 exit-address-family
!
EOF
}

check_failed()
{
        lbgp_log "FAILED: $*"
        failed=1
}

lbgp_ns_add router
lbgp_ns_add frr
lbgp_link router eth0 frr eth0
lbgp_addr router eth0 "$ME/64"
lbgp_addr frr eth0 "$FRR/64"

rdir=$(lbgp_dir router)
sock=$rdir/lbgpd.sock
cat >"$rdir/frr.conf" <<EOF
hostname router
$POLICY
ipv6 route $MY_NET blackhole
router bgp 65001
 bgp router-id 192.0.2.1
 no bgp ebgp-requires-policy
 no bgp default ipv4-unicast
 neighbor $FRR remote-as 65002
 neighbor $FRR description frr-peer
 neighbor $FRR timers 3 9
 neighbor $FRR timers connect 2
 address-family ipv6 unicast
  network $MY_NET
  neighbor $FRR activate
  neighbor $FRR soft-reconfiguration inbound
 exit-address-family
EOF

lbgp_peer_defaults
PEER_ADDR=$FRR
PEER_NEIGHBOR=$ME
# With zebra: our UPDATEs carry a link-local next hop too (RFC 2545 3, peers/frr.sh).
FRR_ZEBRA=1 frr_start frr frr
lbgp_in router "$lbgpd" -n -f "$rdir/frr.conf" >"$rdir/check.log" 2>&1 ||
        { cat "$rdir/check.log" >&2; lbgp_fail "lbgpd -n rejects the configuration"; }
lbgp_bg router "$rdir/lbgpd.log" "$lbgpd" -f "$rdir/frr.conf" -s "$sock"
lbgpd_pid=$LBGP_BG_PID

ctl()
{
        lbgp_in router "$lbgpctl" -s "$sock" "$@"
}

# py JSON-TEXT EXPR: EXPR on the parsed JSON (d), printed.
py()
{
        python3 -c 'import json,sys
d = json.loads(sys.argv[1])
v = eval(sys.argv[2])
print("" if v is None else v)' "$1" "$2" 2>/dev/null
}

summary_state()
{
        py "$(ctl show bgp summary json)" \
                'd["ipv6Unicast"]["peers"]["'$FRR'"]["state"] + " " + str(d["ipv6Unicast"]["peers"]["'$FRR'"]["pfxRcd"])'
}
lbgp_wait 10 "the control socket" test -S "$sock" || lbgp_fail "no control socket at $sock"
lbgp_wait 40 "lbgpctl to show FRR Established with 2 prefixes" \
        eval '[ "$(summary_state)" = "Established 2" ]' ||
        { tail -n 20 "$rdir/lbgpd.log" >&2; lbgp_fail "summary: [$(summary_state)], $(ctl show bgp summary json | tr -d '\n ')"; }
lbgp_log "summary json: FRR Established, pfxRcd 2"

want=$(printf '%s\n' $FRR_NETS $MY_NET | LC_ALL=C sort | tr '\n' ' ')
got=$(py "$(ctl show bgp ipv6 unicast json)" '" ".join(sorted(d["routes"])) + " "')
[ "$got" = "$want" ] || check_failed "show bgp ipv6 unicast json: routes [$got], want [$want]"
# received-routes is before policy: what FRR advertised to us, our own network among it
# (FRR sends it back; lbgpd drops it for the AS loop, so pfxRcd stays 2).
want2=$(py "$(frr_vtysh frr "show bgp ipv6 unicast neighbors $ME advertised-routes json")" '" ".join(sorted(d["advertisedRoutes"])) + " "')
got=$(py "$(ctl show bgp neighbors $FRR received-routes json)" '" ".join(sorted(d["receivedRoutes"])) + " "')
for p in $FRR_NETS; do
        case " $got" in *" $p "*) ;; *) check_failed "received-routes json lacks $p: [$got]" ;; esac
done
[ "$got" = "$want2" ] || check_failed "received-routes json: [$got], FRR advertised [$want2]"
out=$(ctl show bgp neighbors $FRR advertised-routes)
echo "$out" | grep -q "^\*> *$MY_NET " || check_failed "advertised-routes does not list $MY_NET: $out"
got=$(py "$(ctl show bgp ipv6 unicast 2001:db8:1000::/36 json)" 'd["paths"][0]["aspath"]["string"] + " " + d["paths"][0]["peer"]["peerId"]')
[ "$got" = "65002 $FRR" ] || check_failed "show bgp ipv6 unicast PREFIX json: [$got]"
ctl show bgp summary >&2 || check_failed "show bgp summary (text) failed"
ctl show bgp ipv6 unicast >&2 || check_failed "show bgp ipv6 unicast (text) failed"

# Our keys against FRR's for the same commands (FRR's view of us is the mirror image).
# keys WHAT OURS FRRS PATH: the keys of OURS at PATH missing in FRR's at PATH.
keys()
{
        python3 -c 'import json,sys
ours, theirs = json.loads(sys.argv[2]), json.loads(sys.argv[3])
def at(d):
    for k in sys.argv[4].split("/"):
        if k == "*": d = next(iter(d.values())) if isinstance(d, dict) else d[0]
        elif k: d = d[k]
    return d
o, t = at(ours), at(theirs)
# "metric" is there only for a route with a MED: FRR sets one on its networks, we do not.
# "malformedUpdates" and "outputQueue" are keys of lbgpd alone (RFC 7606 counters and the
# output cap, documented in lbgpctl.8), and so is "lbgpd" in the summary (what the daemon
# holds, also in lbgpctl.8).
missing = sorted(set(o) - set(t) - {"metric", "malformedUpdates", "outputQueue", "lbgpd"})
print("%s: %d keys, %d shared with FRR%s" % (sys.argv[1], len(o), len(set(o) & set(t)),
      ", not in FRR: " + " ".join(missing) + " (FRR has: " + " ".join(sorted(t)) + ")" if missing else ""))
sys.exit(1 if missing else 0)' "$@"
}
v()
{
        frr_vtysh frr "$1"
}
keycheck()
{
        local r
        r=$(keys "$@") || check_failed "$r"
        lbgp_log "$r"
}
s_o=$(ctl show bgp summary json) s_t=$(v "show bgp summary json")
keycheck "summary" "$s_o" "$s_t" ""
keycheck "summary ipv6Unicast" "$s_o" "$s_t" "ipv6Unicast"
keycheck "summary peer" "$s_o" "$s_t" "ipv6Unicast/peers/*"
r_o=$(ctl show bgp ipv6 unicast json) r_t=$(v "show bgp ipv6 unicast json")
keycheck "ipv6 unicast" "$r_o" "$r_t" ""
keycheck "ipv6 unicast path" "$r_o" "$r_t" "routes/*/*"
keycheck "ipv6 unicast nexthop" "$r_o" "$r_t" "routes/*/*/nexthops/*"
p_o=$(ctl show bgp ipv6 unicast 2001:db8:1000::/36 json) p_t=$(v "show bgp ipv6 unicast $MY_NET json")
keycheck "ipv6 unicast PREFIX" "$p_o" "$p_t" ""
keycheck "ipv6 unicast PREFIX path" "$p_o" "$p_t" "paths/*"
keycheck "ipv6 unicast PREFIX peer" "$p_o" "$p_t" "paths/*/peer"
x_o=$(ctl show bgp neighbors $FRR received-routes json) x_t=$(v "show bgp ipv6 unicast neighbors $ME received-routes json")
keycheck "received-routes" "$x_o" "$x_t" ""
keycheck "received-routes route" "$x_o" "$x_t" "receivedRoutes/*"
a_o=$(ctl show bgp neighbors $FRR advertised-routes json) a_t=$(v "show bgp ipv6 unicast neighbors $ME advertised-routes json")
keycheck "advertised-routes" "$a_o" "$a_t" ""
keycheck "advertised-routes route" "$a_o" "$a_t" "advertisedRoutes/*"
n_o=$(ctl show bgp neighbors $FRR json) n_t=$(v "show bgp neighbors $ME json")
keycheck "neighbors" "$n_o" "$n_t" "*"
keycheck "neighbors messageStats" "$n_o" "$n_t" "*/messageStats"
[ "$(py "$n_o" 'next(iter(d.values()))["bgpState"]')" = Established ] ||
        check_failed "show bgp neighbors json: bgpState is not Established"

# show ipv6 prefix-list and show route-map: FRR's text exactly (but its "Invoked"
# counters, which lbgpd does not keep), and its JSON keys.
same_text()
{
        local ours theirs
        ours=$(ctl $1 2>&1)
        theirs=$(v "$1" | sed -e 's/ Invoked: [0-9]*//' -e 's/ Invoked [0-9]*$//')
        if [ "$ours" = "$theirs" ]; then
                lbgp_log "$1: the same text as FRR's ($(echo "$ours" | wc -l) lines)"
        else
                check_failed "$1: not FRR's text; diff ours FRR's:
$(diff <(echo "$ours") <(echo "$theirs"))"
        fi
}
for c in "show ipv6 prefix-list" "show ipv6 prefix-list PL-X" "show route-map" \
        "show route-map RM-IN" "show route-map RM-NONE"; do
        same_text "$c"
done
if err=$(ctl show ipv6 prefix-list PL-NONE 2>&1); then
        check_failed "show ipv6 prefix-list PL-NONE exited 0: $err"
fi
[ "$err" = "$(v "show ipv6 prefix-list PL-NONE")" ] ||
        check_failed "show ipv6 prefix-list PL-NONE: [$err], FRR: [$(v "show ipv6 prefix-list PL-NONE")]"
l_o=$(ctl show ipv6 prefix-list json) l_t=$(v "show ipv6 prefix-list json")
keycheck "ipv6 prefix-list" "$l_o" "$l_t" "BGP"
keycheck "ipv6 prefix-list list" "$l_o" "$l_t" "BGP/PL-X"
keycheck "ipv6 prefix-list entry" "$l_o" "$l_t" "BGP/PL-X/entries/*"
[ "$(py "$l_o" 'json.dumps(d, sort_keys=True)')" = "$(py "$l_t" 'json.dumps(d, sort_keys=True)')" ] ||
        check_failed "show ipv6 prefix-list json: not FRR's values: $l_o"
m_o=$(ctl show route-map json) m_t=$(v "show route-map json")
keycheck "route-map" "$m_o" "$m_t" "BGP"
keycheck "route-map map" "$m_o" "$m_t" "BGP/RM-OUT"
keycheck "route-map rule" "$m_o" "$m_t" "BGP/RM-OUT/rules/*"
# Every value FRR has, but its counters, must be ours too.
strip='json.dumps({m: {k: ([{a: b for a, b in r.items() if a != "invoked"} for r in x] if k == "rules" else x) for k, x in o.items() if k != "invoked"} for m, o in d["BGP"].items()}, sort_keys=True)'
[ "$(py "$m_o" "$strip")" = "$(py "$m_t" "$strip")" ] ||
        check_failed "show route-map json: not FRR's values: ours $(py "$m_o" "$strip"), FRR's $(py "$m_t" "$strip")"

# The read-only socket: show yes, clear no (exit 1, the server's error on stderr).
ctl_ro()
{
        lbgp_in router "$lbgpctl" -s "$sock.ro" "$@"
}
ctl_ro show bgp summary >/dev/null || check_failed "$sock.ro refuses show bgp summary"
if err=$(ctl_ro clear bgp '*' 2>&1); then
        check_failed "$sock.ro accepted clear bgp *"
else
        lbgp_log "$sock.ro refuses clear bgp *: $err"
fi
[ "$(summary_state)" = "Established 2" ] || check_failed "the session went down after the refused clear"
if err=$(ctl show bgp frobnicate 2>&1); then
        check_failed "an unknown command exited 0"
fi

# clear bgp ADDR: Cease/Administrative Reset (6/4) at FRR, then the session is back.
est0=$(py "$(ctl show bgp neighbors $FRR json)" 'next(iter(d.values()))["connectionsEstablished"]')
ctl clear bgp $FRR || check_failed "clear bgp $FRR failed"
lbgp_wait 10 "FRR to see the reset" \
        eval 'frr_json frr "n.get(\"lastNotificationReason\", \"\")" | grep -qi "reset"' ||
        check_failed "FRR did not receive Cease/Administrative Reset: $(frr_last_error frr | head -n 1)"
lbgp_log "FRR: $(frr_last_error frr | head -n 1)"
lbgp_wait 40 "the session to come back" eval \
        '[ "$(summary_state)" = "Established 2" ] && [ "$(py "$(ctl show bgp neighbors $FRR json)" "next(iter(d.values()))[\"connectionsEstablished\"]")" = $((est0 + 1)) ]' ||
        check_failed "the session did not come back after clear bgp: $(summary_state)"
ctl clear bgp $FRR soft || check_failed "clear bgp $FRR soft failed"
ctl clear bgp $FRR soft out || check_failed "clear bgp $FRR soft out failed"
[ "$(summary_state)" = "Established 2" ] || check_failed "soft clear took the session down"

kill -TERM "$lbgpd_pid"
lbgp_wait_exit "$lbgpd_pid" 15 || check_failed "lbgpd did not exit on SIGTERM"
[ -e "$sock" ] && check_failed "the control socket is left after exit"
frr_stop frr
if [ "$failed" != 0 ]; then
        lbgp_show "lbgpd's log" "$rdir/lbgpd.log" 40
        lbgp_fail "see the FAILED lines above"
fi
lbgp_log "PASS"
