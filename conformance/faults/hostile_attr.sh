#!/bin/bash
# hostile_attr.sh LBGPD LBGPCTL LBGP-DECODE SEED_FRR_CONF - issue #7, scenario 11: unknown
# optional transitive attributes, type 28 (the 2023 incident) and type 40 (2025), from one
# upstream, seen by the other.
#
# The seed's topology (seed_lib.sh).  lbgpd runs a copy of the seed's frr.conf whose one
# change is that RM-LAGRANGE-OUT also passes what lbgpd learned (`route-map RM-LAGRANGE-OUT
# permit 20`), so that Lagrange sees iFog's routes.  iFog is hostile_peer.py, which writes
# its UPDATEs byte for byte: 2001:db8:1000::/36 with attribute 28 (flags 0xc0: optional,
# transitive, not partial; 4 octets) and attribute 40 (flags 0xc0, 7 octets).  Lagrange is
# BIRD 2.  Asserted:
#   1. lbgpd accepts the route (its Loc-RIB has it from iFog) and passes it to BIRD (BIRD's
#      table has it), with both attributes as they came but the Partial bit set (flags
#      0xe0, RFC 4271 5), in the UPDATE captured on Lagrange's link, as tshark dissects it
#      and lbgp-decode decodes it;
#   2. after a reload that adds `neighbor 2001:db8:300::1 path-attribute discard 28 40`
#      (FRR's command), the same UPDATE for 2001:db8:2000::/36 from a new session reaches
#      BIRD without either attribute, and lbgpd counts no malformed UPDATE for it.
#
# Exits 0 on success, 1 on failure, 77 when the host cannot create namespaces.
set -u

usage="usage: hostile_attr.sh LBGPD LBGPCTL LBGP-DECODE SEED_FRR_CONF"
LBGP_DEADLINE=${LBGP_DEADLINE:-150}
. "$(dirname "$0")/hostile_lib.sh"
hostile_init attr "${1:?$usage}" "${2:?$usage}"
decode=${3:?$usage}
seed=${4:?$usage}
lbgp_require "$decode" tcpdump tshark
[ -r "$seed" ] || lbgp_fail "no seed configuration at $seed"
hostile_plain_peers
IFOG=$SEED_IFOG
LAGRANGE=$SEED_LAGRANGE
ATTR28=c01c04deadbeef       # flags 0xc0, type 28, length 4
ATTR40=c0280701000400000001 # flags 0xc0, type 40, length 7 (a Prefix-SID label index TLV)

conf=$LBGP_TMP/transit.conf
hostile_conf "$conf" "$seed" "set as-path prepend 201379 201379" \
        "set as-path prepend 201379 201379
exit
route-map RM-LAGRANGE-OUT permit 20"
discard=$LBGP_TMP/discard.conf
hostile_conf "$discard" "$conf" "neighbor $IFOG update-source gre0" \
        "neighbor $IFOG update-source gre0
neighbor $IFOG path-attribute discard 28 40"

seed_topology ""
ldir=$(lbgp_dir lagrange)
lbgp_bg lagrange "$ldir/tcpdump.log" tcpdump -i eth0 -U -s 0 -w "$ldir/bgp.pcap" tcp port 179
lbgp_wait 5 "tcpdump to listen" lbgp_has_line "$ldir/tcpdump.log" 'listening on' || true
lbgp_peer_defaults
PEER_AS=209735 PEER_ROUTER_ID=198.51.100.1 PEER_ADDR=$LAGRANGE PEER_NEIGHBOR=$SEED_ROUTER_VTNET
PEER_NEIGHBOR_AS=201379 PEER_TTL_SECURITY=1
bird_start lagrange lagrange
hostile_lbgpd_start "$conf"

# ifog_peer PREFIX: iFog (hostile_peer.py) announces PREFIX with attributes 28 and 40.
ifog_peer()
{
        hostile_peer ifog "$LBGP_TMP/ifog.$1.out" --local "$IFOG" --peer "$SEED_ROUTER_GRE" \
                --local-as 34927 --router-id 198.51.100.44 --announce "$2" \
                --attr "$ATTR28" --attr "$ATTR40"
        IFOG_PID=$HOSTILE_PEER_PID
        lbgp_wait 30 "iFog's session and its UPDATE" lbgp_has_line "$LBGP_TMP/ifog.$1.out" '^sent ' || {
                lbgp_show "iFog" "$LBGP_TMP/ifog.$1.out.err"
                lbgp_show "lbgpd" "$HOSTILE_LOG"
                lbgp_fail "iFog (hostile_peer.py) did not send its UPDATE"
        }
}

bird_has()
{
        bird_birdc lagrange "show route $1" | grep -q "^$1"
}

# sent_attrs PREFIX: "type:flags" of every path attribute of the UPDATEs lbgpd sent to BIRD
# that announce PREFIX, as tshark dissects them (one line per UPDATE).
sent_attrs()
{
        tshark -r "$ldir/bgp.pcap" -Y "bgp.type == 2 && ipv6.src == $SEED_ROUTER_VTNET && bgp.mp_reach_nlri_ipv6_prefix == ${1%/*}" \
                -T fields -e bgp.update.path_attribute.type_code -e bgp.update.path_attribute.flags \
                2>/dev/null | python3 -c 'import sys
for line in sys.stdin:
    types, flags = (line.rstrip("\n").split("\t") + [""])[:2]
    print(" ".join("%s:%s" % (t, "0x%02x" % int(f, 0)) for t, f in zip(types.split(","), flags.split(","))))'
}

# decoded PREFIX: lbgp-decode's "unknown" attributes of the UPDATEs to BIRD announcing
# PREFIX, from lbgpd's side of the captured TCP stream.
decoded()
{
        tshark -r "$ldir/bgp.pcap" -Y "ipv6.src == $SEED_ROUTER_VTNET && tcp.len > 0" -T fields \
                -e tcp.payload 2>/dev/null | tr -d ':\n' >"$LBGP_TMP/to-bird.hex"
        "$decode" --hex --json --families ipv6-unicast --local-as 209735 --remote-as 201379 \
                "$LBGP_TMP/to-bird.hex" 2>"$LBGP_TMP/decode.err" | python3 -c 'import json,sys
want = sys.argv[1]
for line in sys.stdin:
    m = json.loads(line)
    if m.get("type") != "UPDATE" or want not in json.dumps(m):
        continue
    print(m.get("action"), json.dumps(m.get("attributes", m).get("unknown", [])))' "$1"
}

# ---- 1. passed on, with Partial ----------------------------------------------------------
lbgp_wait 40 "Lagrange (BIRD) Established" eval '[ "$(bird_state lagrange)" = Established ]' ||
        lbgp_fail "BIRD did not come up"
ifog_peer 1 2001:db8:1000::/36
lbgp_wait 15 "BIRD to receive 2001:db8:1000::/36" bird_has 2001:db8:1000::/36 ||
        hostile_check_failed "BIRD did not receive 2001:db8:1000::/36"
rib=$(hostile_q '" ".join(p.get("peer", {}).get("peerId", "?") for p in d.get("paths", []))' \
        show bgp ipv6 unicast 2001:db8:1000::/36)
[ "$rib" = "$IFOG" ] || hostile_check_failed "lbgpd's Loc-RIB has 2001:db8:1000::/36 from [$rib], not iFog"
# BIRD shows an unknown attribute as BGP.<type in hex> [t]: <value>.
bview=$(bird_birdc lagrange "show route 2001:db8:1000::/36 all")
lbgp_log "BIRD's view: $(echo "$bview" | grep 'BGP\.' | tr -s ' \t' ' ' | tr '\n' ';')"
echo "$bview" | grep -q "BGP\.1c \[t\]: de ad be ef" && echo "$bview" | grep -q "BGP\.28 \[t\]: 01 00 04 00 00 00 01" ||
        hostile_check_failed "BIRD does not show attributes 28 and 40 with their values"
lbgp_wait 5 "the UPDATE in the capture" eval '[ -n "$(sent_attrs 2001:db8:1000::/36)" ]'
got=$(sent_attrs 2001:db8:1000::/36 | tail -n 1)
lbgp_log "lbgpd -> BIRD, 2001:db8:1000::/36, tshark: $got"
case " $got " in
*" 28:0xe0 "*"40:0xe0 "*) ;;
*) hostile_check_failed "attributes 28 and 40 did not go to BIRD with flags 0xe0 (Partial): [$got]" ;;
esac
dec=$(decoded 2001:db8:1000::/36 | tail -n 1)
lbgp_log "lbgp-decode: $dec"
echo "$dec" | python3 -c 'import json,sys
action, rest = sys.stdin.read().split(" ", 1)
u = {a["type"]: a for a in json.loads(rest)}
ok = action == "ok" and u.get(28, {}).get("flags") == 0xe0 and u.get(40, {}).get("flags") == 0xe0 \
    and u[28]["value"].replace(":", "").replace(" ", "") == "deadbeef" \
    and u[40]["value"].replace(":", "").replace(" ", "") == "01000400000001"
sys.exit(0 if ok else 1)' || hostile_check_failed "lbgp-decode does not show 28 and 40 as sent, with Partial: [$dec]"
mal=$(hostile_nb "$IFOG" '"%s %s" % (n["malformedUpdates"]["attributeDiscard"], n["malformedUpdates"]["treatAsWithdraw"])')
[ "$mal" = "0 0" ] || hostile_check_failed "lbgpd counted malformed UPDATEs from iFog: $mal"

# ---- 2. path-attribute discard 28 40 -------------------------------------------------------
kill -TERM "$IFOG_PID"
lbgp_wait_exit "$IFOG_PID" 10
cp "$discard" "$HOSTILE_DIR/frr.conf"
out=$(hostile_ctl reload 2>&1) || hostile_check_failed "reload with path-attribute discard failed: $out"
hostile_ctl show running-config | grep -q "^ *neighbor $IFOG path-attribute discard 28 40" ||
        hostile_check_failed "show running-config lacks the path-attribute discard line"
lbgp_wait 10 "2001:db8:1000::/36 withdrawn from BIRD" eval '! bird_has 2001:db8:1000::/36' ||
        hostile_check_failed "BIRD kept 2001:db8:1000::/36 after iFog went away"
ifog_peer 2 2001:db8:2000::/36
lbgp_wait 15 "BIRD to receive 2001:db8:2000::/36" bird_has 2001:db8:2000::/36 ||
        hostile_check_failed "BIRD did not receive 2001:db8:2000::/36"
lbgp_wait 5 "the UPDATE in the capture" eval '[ -n "$(sent_attrs 2001:db8:2000::/36)" ]'
got=$(sent_attrs 2001:db8:2000::/36 | tail -n 1)
lbgp_log "with discard, lbgpd -> BIRD, 2001:db8:2000::/36, tshark: $got"
case " $got " in
*" 28:"* | *" 40:"*) hostile_check_failed "attribute 28 or 40 went to BIRD despite the discard: [$got]" ;;
"  ") hostile_check_failed "no UPDATE for 2001:db8:2000::/36 in the capture" ;;
esac
dec=$(decoded 2001:db8:2000::/36 | tail -n 1)
lbgp_log "lbgp-decode: $dec"
[ "$dec" = "ok []" ] || hostile_check_failed "lbgp-decode of the UPDATE with discard: [$dec], not ok without unknown attributes"
mal=$(hostile_nb "$IFOG" '"%s %s" % (n["malformedUpdates"]["attributeDiscard"], n["malformedUpdates"]["treatAsWithdraw"])')
[ "$mal" = "0 0" ] || hostile_check_failed "lbgpd counted a configured discard as malformed: $mal"

kill -TERM "$IFOG_PID"
hostile_lbgpd_stop
hostile_finish "$HOSTILE_LOG" "$LBGP_TMP/ifog.1.out.err" "$LBGP_TMP/decode.err"
