#!/bin/bash
# net_vanish.sh LBGPD LBGPCTL LBGP-REPLAY - issue #7, fault 1: a peer disappears mid-UPDATE.
#
# lbgpd (net_lib.sh's topology; A with `timers 5 15`) learns B's 200 prefixes, then A's 8,000
# through a link shaped to 48 kbit/s (tc tbf), so the load takes about ten seconds.  In
# the middle of it A vanishes: nftables in A's namespace drops every packet in and out, so
# lbgpd sees neither a reset nor a link change, only silence, most likely with part of an
# UPDATE in its buffer.  Asserted:
#   1. nothing partial applied: A's accepted prefixes stay a whole number of UPDATEs (the
#      replay packs a fixed number of prefixes in each), and they are exactly the first
#      prefixes A sent, in the Loc-RIB (`show bgp neighbors A routes json`) and the kernel;
#   2. the hold timer fires: NOTIFICATION 4/0 at most 15 s (plus the loop's latency) after
#      the cut, and A's routes leave the Loc-RIB and the kernel;
#   3. the other upstream is untouched: B Established throughout (lbgpd's connectionsDropped
#      and B's own log), its routes in the kernel as they were.
#
# Exits 0 on success, 1 on failure, 77 when the host cannot create namespaces.
set -u
here=$(cd "$(dirname "$0")" && pwd)
LBGP_DEADLINE=${LBGP_DEADLINE:-150}
. "$here/../lib.sh"
. "$here/net_lib.sh"

net_init net_vanish "$@"
lbgp_require nft tc
NA=8000
NB=200
net_prefixes "$LBGP_TMP/a.txt" $NA 0
net_prefixes "$LBGP_TMP/b.txt" $NB 10000

# A's hold time 15 s (timers 5 15): time enough to look at lbgpd between the cut and the
# expiry, on a busy machine too.
HOLD=15
NET_CONF_A="timers 5 $HOLD"
net_lbgpd_start
net_replay feed-b b --passive --prefixes "$LBGP_TMP/b.txt" --path "65020"
lbgp_wait 40 "B's table" net_pfx_is "$NET_B" $NB || { net_report_logs; lbgp_fail "B's table did not arrive"; }
lbgp_wait 20 "B's routes in the kernel" eval '[ "$(net_kernel_via $NET_B)" = $NB ]' ||
        lbgp_fail "B's routes are not in the kernel"
b_kernel=$(net_kernel)

# A's table through a slow link.
net_slow_link a eth0 48kbit
net_replay feed-a a --passive --prefixes "$LBGP_TMP/a.txt" --path "65010"

# counts: "accepted-prefixes UPDATEs-received" of A.
counts()
{
        local pfx upd
        pfx=$(net_pfx "$NET_A")
        upd=$(net_neighbor "$NET_A" updatesRecv)
        echo "${pfx:-0} ${upd:-0}"
}
# The cut, once some UPDATEs are in.
lbgp_wait 40 "A's first UPDATEs" eval '[ "$(counts | cut -d" " -f2)" -ge 2 ]' ||
        { net_report_logs; lbgp_fail "A's table did not start to arrive"; }
# Both ends: A hears nothing and sends nothing, and what its shaped link still holds never
# reaches lbgpd's namespace.
net_blackhole r "$NET_A"
net_blackhole a
t_cut=$(date +%s.%N)
# Within the hold time, lbgpctl only (this machine may be slow to start anything else):
# what lbgpd had read before the cut is applied once two looks a second apart agree; then
# A's routes in the Loc-RIB and the kernel, looked at after.
snap=$LBGP_TMP/snap
while :; do
        net_ctl show bgp summary json >"$snap.sum"
        net_ctl show bgp neighbors "$NET_A" json >"$snap.nb"
        cat "$snap.sum" "$snap.nb" | grep -E '"(pfxRcd|updatesRecv)"' >"$snap.now"
        cmp -s "$snap.now" "$snap.prev" 2>/dev/null && break
        mv "$snap.now" "$snap.prev"
        sleep 1
done
net_ctl show bgp neighbors "$NET_A" routes json >"$snap.routes"
lbgp_in r ip -j -6 route show proto "$NET_PROTO" >"$snap.kernel"
net_ctl show bgp summary json | grep '"pfxRcd"' >"$snap.after"
grep '"pfxRcd"' "$snap.sum" | cmp -s - "$snap.after" ||
        net_check_failed "the accepted prefixes changed while the routes were read"

# 2. The hold timer: NOTIFICATION 4/0 at most HOLD s after the last message, which came
# before the cut; at least HOLD - 5 s after the cut (A sent UPDATEs, or a keepalive every
# 5 s).
notif_re="%NOTIFICATION: sent to neighbor $NET_A 4/0 \\(Hold Timer Expired"
lbgp_wait $((HOLD + 15)) "lbgpd's NOTIFICATION 4/0 to A" lbgp_has_line "$NET_LOG" "$notif_re" ||
        net_check_failed "no hold timer expiry for A within $((HOLD + 15)) s of the cut"
t_notif=$(date +%s.%N)
late=$(python3 -c "print('%.1f' % ($t_notif - $t_cut))")
net_log "hold timer expired: NOTIFICATION 4/0 to A seen ${late} s after the cut"
python3 -c "import sys; sys.exit(0 if $HOLD - 5 <= $late <= $HOLD + 3 else 1)" ||
        net_check_failed "the hold timer fired ${late} s after the cut, not $((HOLD - 5))-$HOLD s (+3 s of polling)"
lbgp_wait 10 "A's routes to leave the Loc-RIB and the kernel" eval \
        '[ "$(net_best_via $NET_A)" = 0 ] && [ "$(net_kernel_via $NET_A)" = 0 ]' ||
        net_check_failed "A's routes stayed: $(net_best_via "$NET_A") in the Loc-RIB, $(net_kernel_via "$NET_A") in the kernel"

# 1. Nothing partial, from the looks taken before the expiry.  The replay puts as many
# prefixes in an UPDATE as fit, the same number in each but the last: a whole number of
# UPDATEs is a multiple of that number.  Its prefixes are the first ones A sent.
pfx0=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["ipv6Unicast"]["peers"][sys.argv[2]]["pfxRcd"])' "$snap.sum" "$NET_A")
upd0=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]]["messageStats"]["updatesRecv"])' "$snap.nb" "$NET_A")
net_log "at the cut: $pfx0 prefixes of A accepted, from $upd0 UPDATEs"
[ "$pfx0" -gt 0 ] && [ "$pfx0" -lt $NA ] ||
        lbgp_fail "test setup: the cut came with $pfx0 of A's $NA prefixes in"
per=$((pfx0 / upd0))
[ $((per * upd0)) = "$pfx0" ] ||
        net_check_failed "$pfx0 prefixes from $upd0 UPDATEs: not a whole number of UPDATEs"
want=$(head -n "$pfx0" "$LBGP_TMP/a.txt" | LC_ALL=C sort)
got=$(python3 -c 'import json,sys
print("\n".join(sorted(json.load(open(sys.argv[1])).get("routes", {}))))' "$snap.routes" | LC_ALL=C sort)
[ "$got" = "$want" ] ||
        net_check_failed "A's routes in the Loc-RIB are not the first $pfx0 it sent ($(echo "$got" | grep -c .) routes)"
kern=$(python3 -c 'import json,sys
text = open(sys.argv[1]).read().strip()
print("\n".join(r["dst"] for r in (json.loads(text) if text else []) if r.get("gateway") == sys.argv[2]))' \
        "$snap.kernel" "$NET_A" | LC_ALL=C sort)
[ "$kern" = "$want" ] ||
        net_check_failed "A's routes in the kernel ($(echo "$kern" | grep -c .)) are not those of the Loc-RIB"
net_log "before the expiry, Loc-RIB and kernel: exactly A's first $pfx0 prefixes, $per an UPDATE"

# 3. B untouched.
net_peer_is "$NET_B" Established || net_check_failed "B is $(net_peer_state "$NET_B")"
[ "$(net_neighbor "$NET_B" connectionsDropped)" = 0 ] || net_check_failed "B's session was dropped"
grep -q "Established -> Idle" "$LBGP_TMP/feed-b.err" && net_check_failed "B's replay saw its session drop"
[ "$(net_kernel)" = "$b_kernel" ] || net_check_failed "the kernel is not B's routes as before"
net_kernel_is_rib || net_check_failed "kernel and Loc-RIB differ: $(net_rib_kernel_diff)"
net_log "B untouched: Established, $(net_kernel_via "$NET_B") routes as before"

net_lbgpd_stop
net_finish
