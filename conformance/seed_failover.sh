#!/bin/bash
# seed_failover.sh LBGPD LBGPCTL SEED_FRR_CONF - the seed's router loses an upstream.
#
# The seed's topology and upstreams (seed_lib.sh: FRR as iFog on gre0, BIRD as Lagrange on
# vtnet0), lbgpd on the seed's frr.conf byte for byte.  The mix is small and chosen here:
#   iFog      2001:db8:1000::/36 (its own), 2001:db8:3000::/36 (shared), fc00::/7 and our
#             own 2a06:9801:1c::/48 (denied)
#   Lagrange  2001:db8:2000::/36 (its own), 2001:db8:3000::/36 (shared, AS prepended twice,
#             so iFog's path is best), ::/8 (denied)
# Then iFog's bgpd is killed (SIGKILL: no NOTIFICATION, the kernel closes the connection).
# Asserted, from lbgpctl's Loc-RIB (`show bgp ipv6 unicast json`) and the kernel's routes of
# protocol 201:
#   1. before: 1000 and 3000 from iFog on gre0, 2000 from Lagrange on vtnet0;
#   2. after: iFog's routes leave the Loc-RIB and the kernel, and Lagrange's path for the
#      shared 2001:db8:3000::/36 takes over in both (on vtnet0), within 10 s;
#   3. lbgpd logs "%ADJCHANGE: neighbor 2001:db8:300::1 in vrf default Down Peer closed
#      the session", and Lagrange's session stays up.
#
# Exits 0 on success, 1 on failure, 77 when the host cannot create namespaces.
set -u

here=$(cd "$(dirname "$0")" && pwd)
usage="usage: seed_failover.sh LBGPD LBGPCTL SEED_FRR_CONF"
lbgpd=${1:?$usage}
lbgpctl=${2:?$usage}
seed=${3:?$usage}
LBGP_DEADLINE=${LBGP_DEADLINE:-110}
# iFog also has our own /48 (denied: PL-BOGONS seq 100): FRR sends back what it learned
# from us, so it is in its advertised-routes whatever it originates.
SEED_IFOG_ANNOUNCES="2001:db8:1000::/36 2001:db8:3000::/36 fc00::/7 2a06:9801:1c::/48"
SEED_LAGRANGE_ANNOUNCES="2001:db8:2000::/36 2001:db8:3000::/36 ::/8"
SEED_LAGRANGE_PREPEND="2001:db8:3000::/36"
# (iFog prepends nothing it announces.)
SEED_IFOG_PREPEND="2001:db8:ffff::/48"
. "$here/lib.sh"
. "$here/peers/frr.sh"
. "$here/peers/bird.sh"
. "$here/seed_lib.sh"
. "$here/seed_lbgpd.sh"

lbgp_init seed_failover
lbgp_require "$lbgpd" "$lbgpctl" python3
[ -r "$seed" ] || lbgp_fail "no seed configuration at $seed"
t0=$(lbgp_now)
failed=0
IFOG=$SEED_IFOG
LAGRANGE=$SEED_LAGRANGE

check_failed()
{
        lbgp_log "FAILED: $*"
        failed=1
}

report()
{
        lbgp_log "Loc-RIB best paths: $(seed_best "" "$lbgpctl" | tr '\n' ';')"
        lbgp_log "kernel: $(seed_kernel "" | tr '\n' ';')"
        lbgp_show "lbgpd" "$(seed_lbgpd_log "")" 60
}

seed_topology ""
seed_start_upstreams ""
seed_lbgpd_run "" "$lbgpd" "$seed"
log=$(seed_lbgpd_log "")

lbgp_wait 45 "iFog (FRR) Established" lbgp_peer_is frr ifog Established &&
        lbgp_wait 30 "Lagrange (BIRD) Established" lbgp_peer_is bird lagrange Established ||
        { report; lbgp_fail "the sessions did not come up"; }
lbgp_wait 20 "the upstreams to announce their lists" seed_announcing "" ||
        lbgp_fail "test setup: iFog announces [$(seed_ifog_advertised "" | tr '\n' ' ')], Lagrange [$(seed_lagrange_advertised "" | tr '\n' ' ')]"

best_before="2001:db8:1000::/36 $IFOG
2001:db8:2000::/36 $LAGRANGE
2001:db8:3000::/36 $IFOG
$SEED_MY_NET local"
kernel_before="2001:db8:1000::/36 gre0
2001:db8:2000::/36 vtnet0
2001:db8:3000::/36 gre0
$SEED_MY_NET lo"
lbgp_wait 20 "the Loc-RIB and the kernel to settle" eval \
        '[ "$(seed_best "" "$lbgpctl")" = "$best_before" ] && [ "$(seed_kernel "")" = "$kernel_before" ]' ||
        { report; lbgp_fail "before the loss: not the expected Loc-RIB and kernel"; }
lbgp_log "before: best paths [$(seed_best "" "$lbgpctl" | tr '\n' ';')], kernel [$(seed_kernel "" | tr '\n' ';')]"

# The loss: iFog's bgpd dies without a word.
eval "ifog_bgpd=\$FRR_PID_ifog"
t_kill=$(lbgp_now)
kill -KILL "$ifog_bgpd"

best_after="2001:db8:2000::/36 $LAGRANGE
2001:db8:3000::/36 $LAGRANGE
$SEED_MY_NET local"
kernel_after="2001:db8:2000::/36 vtnet0
2001:db8:3000::/36 vtnet0
$SEED_MY_NET lo"
if lbgp_wait 10 "Lagrange's routes to take over" eval \
        '[ "$(seed_best "" "$lbgpctl")" = "$best_after" ] && [ "$(seed_kernel "")" = "$kernel_after" ]'; then
        lbgp_log "after the loss ($(($(lbgp_now) - t_kill)) s): best paths [$(seed_best "" "$lbgpctl" | tr '\n' ';')], kernel [$(seed_kernel "" | tr '\n' ';')]"
else
        check_failed "after iFog's loss the Loc-RIB is [$(seed_best "" "$lbgpctl" | tr '\n' ';')] and the kernel [$(seed_kernel "" | tr '\n' ';')], not [$(echo "$best_after" | tr '\n' ';')] and [$(echo "$kernel_after" | tr '\n' ';')]"
fi
# The shared prefix in the kernel goes through Lagrange's address (global or link-local).
via=$(lbgp_in router ip -6 route show proto 201 2001:db8:3000::/36)
lagrange_ll=$(seed_link_local lagrange eth0)
case $via in
*"via $LAGRANGE dev vtnet0"* | *"via $lagrange_ll dev vtnet0"*) ;;
*) check_failed "2001:db8:3000::/36 in the kernel is [$via], not via Lagrange on vtnet0" ;;
esac
lbgp_has_line "$log" "%ADJCHANGE: neighbor $IFOG in vrf default Down Peer closed the session" ||
        check_failed "lbgpd did not log iFog's %ADJCHANGE Down: $(grep ADJCHANGE "$log" | tail -n 3)"
lbgp_peer_is bird lagrange Established || check_failed "Lagrange's session went down too"

kill -TERM "$SEED_LBGPD_PID"
lbgp_wait_exit "$SEED_LBGPD_PID" 15 || check_failed "lbgpd did not exit on SIGTERM"
seed_capture_check ""
[ "$LBGP_STATUS" = 0 ] || check_failed "lbgpd exited $LBGP_STATUS"
if [ "$failed" != 0 ]; then
        report
        lbgp_fail "see the FAILED lines above"
fi
lbgp_log "PASS in $(($(lbgp_now) - t0)) s"
