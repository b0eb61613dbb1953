#!/bin/bash
# seed_maxprefix_clear.sh LBGPD LBGPCTL SEED_FRR_CONF - maximum-prefix without `restart`,
# then `clear bgp`.
#
# The seed's topology and upstreams (seed_lib.sh), lbgpd on a copy of the seed's frr.conf
# whose one change is Lagrange's limit: `maximum-prefix 4 50`, with no restart time.
# Lagrange (BIRD) announces five routes the seed's inbound policy accepts.  Asserted, as
# FRR behaves (a peer over its limit without restart stays down until it is cleared):
#   1. lbgpd tears Lagrange down with Cease/Maximum Number of Prefixes Reached;
#   2. it stays down (20 s here) and refuses BIRD's connections;
#   3. `lbgpctl clear bgp LAGRANGE` brings it back: the next %ADJCHANGE Up, then, still
#      over its limit, down again for the same reason;
#   4. `lbgpctl clear bgp *` brings it back once more, and leaves iFog's session alone
#      but for the reset FRR sees (it comes back too).
#
# Exits 0 on success, 1 on failure, 77 when the host cannot create namespaces.
set -u

here=$(cd "$(dirname "$0")" && pwd)
usage="usage: seed_maxprefix_clear.sh LBGPD LBGPCTL SEED_FRR_CONF"
lbgpd=${1:?$usage}
lbgpctl=${2:?$usage}
seed=${3:?$usage}
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

lbgp_init seed_maxprefix_clear
lbgp_require "$lbgpd" "$lbgpctl" python3
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
}

# The copy: the seed with Lagrange's limit changed, no restart, and nothing else.
conf=$LBGP_TMP/frr-maxprefix-clear.conf
old="neighbor $LAGRANGE maximum-prefix 250000 90 restart 30"
grep -qx "$old" "$seed" || lbgp_fail "the seed no longer has \"$old\""
sed "s/^$old\$/neighbor $LAGRANGE maximum-prefix $LIMIT 50/" "$seed" >"$conf"
[ "$(diff "$seed" "$conf" | grep -c '^[<>]')" = 2 ] || lbgp_fail "the copy differs by more than one line"

seed_topology ""
seed_start_upstreams ""
seed_lbgpd_run "" "$lbgpd" "$conf"
log=$(seed_lbgpd_log "")
ctl()
{
        seed_lbgpctl "" "$lbgpctl" "$@"
}

lbgp_wait 45 "iFog (FRR) Established" lbgp_peer_is frr ifog Established ||
        { report; lbgp_fail "iFog's session did not come up"; }

down_re="%ADJCHANGE: neighbor $LAGRANGE in vrf default Down BGP Notification send \\(Cease/Maximum Number of Prefixes Reached\\)"
downs()
{
        grep -cE "$down_re" "$log"
}
ups()
{
        grep -c "%ADJCHANGE: neighbor $LAGRANGE in vrf default Up" "$log"
}

# 1. The teardown, for good.
lbgp_wait 40 "lbgpd to tear Lagrange down" eval '[ "$(downs)" -ge 1 ]' ||
        { report; lbgp_fail "Lagrange was not torn down for its maximum-prefix"; }
lbgp_has_line "$log" "%MAXPFXEXCEED: No. of IPv6 Unicast prefix received from $LAGRANGE 5 exceed, limit $LIMIT; down until .clear bgp $LAGRANGE." ||
        check_failed "lbgpd did not log %MAXPFXEXCEED with no restart: $(grep MAXPFX "$log" | tail -n 2)"

# 2. Down, and staying down.
ups0=$(ups)
sleep 20
[ "$(ups)" = "$ups0" ] || check_failed "Lagrange came back by itself without a restart time"
[ "$(downs)" = 1 ] || check_failed "Lagrange went down $(downs) times without a clear"
grep -q "$LAGRANGE: incoming connection refused: peer is down" "$log" ||
        check_failed "lbgpd did not refuse BIRD's connections while down"
lbgp_log "down for good: no session in 20 s"

# 3. clear bgp ADDR: back up, and, still over the limit, down again.
ctl clear bgp "$LAGRANGE" || check_failed "clear bgp $LAGRANGE failed"
lbgp_wait 40 "Lagrange to come back after clear bgp $LAGRANGE" eval '[ "$(ups)" -gt "$ups0" ]' ||
        { report; check_failed "clear bgp $LAGRANGE did not bring Lagrange back"; }
lbgp_wait 15 "the second teardown" eval '[ "$(downs)" -ge 2 ]' ||
        check_failed "Lagrange, still over its limit, was not torn down again"
lbgp_log "clear bgp $LAGRANGE: up again, then down again for the limit"

# 4. clear bgp *: the same for Lagrange; iFog is reset and comes back.
ups1=$(ups)
ctl clear bgp '*' || check_failed "clear bgp * failed"
lbgp_wait 40 "Lagrange to come back after clear bgp *" eval '[ "$(ups)" -gt "$ups1" ]' ||
        check_failed "clear bgp * did not bring Lagrange back"
lbgp_wait 15 "the third teardown" eval '[ "$(downs)" -ge 3 ]' ||
        check_failed "Lagrange was not torn down a third time"
lbgp_wait 40 "iFog Established again" lbgp_peer_is frr ifog Established ||
        check_failed "iFog's session did not come back after clear bgp *"

kill -TERM "$SEED_LBGPD_PID"
lbgp_wait_exit "$SEED_LBGPD_PID" 15 || check_failed "lbgpd did not exit on SIGTERM"
seed_capture_check ""
[ "$LBGP_STATUS" = 0 ] || check_failed "lbgpd exited $LBGP_STATUS"
if [ "$failed" != 0 ]; then
        report
        lbgp_fail "see the FAILED lines above"
fi
lbgp_log "PASS in $(($(lbgp_now) - t0)) s"
