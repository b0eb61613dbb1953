#!/bin/bash
# net_flaps.sh LBGPD LBGPCTL LBGP-REPLAY - issue #7, fault 5: 1,000 flaps leave nothing behind.
#
# lbgpd (net_lib.sh's topology) holds B's 200 prefixes; A (lbgp-replay --flap) connects,
# sends OPEN and 1,000 prefixes of its own, drops the session with a Cease, and again,
# NET_FLAPS times in all (default 1,000), reconnecting 10 ms after each drop.  A first run
# of 100 warms lbgpd up; the rest follow.  What lbgpd holds is counted before A ever came
# (the baseline), after the warm-up and at the end, each time with A gone and lbgpd quiet
# (net_resources: /proc, ss, and lbgpd's own counters in `show bgp summary json`).
# Asserted:
#   1. every flap was a session: lbgpd counts NET_FLAPS + 2 sessions of A dropped;
#   2. no leak: open descriptors, sockets, TCP connections and the events of lbgpd's loop
#      (timers, sockets, signals) are back to the baseline exactly; memory, the RIB's live
#      and held bytes (bgp_rib_memory()) and everything the router allocated (its
#      allocator hooks, so not RSS, which the C library and ASan's allocator keep high),
#      within 5 % of the count after the warm-up: the first of A's sessions grows the RIB
#      once, for good (slab blocks, the index and the queue of changes sized for A's
#      1,000 routes are kept for reuse), and the next 900 must not grow it further;
#   3. right after the last flap A's routes are gone from the Loc-RIB and the kernel, and
#      the kernel equals the Loc-RIB (B's 200 routes).
#
# Exits 0 on success, 1 on failure, 77 when the host cannot create namespaces.
set -u
here=$(cd "$(dirname "$0")" && pwd)
LBGP_DEADLINE=${LBGP_DEADLINE:-170}
. "$here/../lib.sh"
. "$here/net_lib.sh"

net_init net_flaps "$@"
FLAPS=${NET_FLAPS:-1000}
WARM=$((FLAPS < 100 ? FLAPS / 2 : 100))
N=1000
net_prefixes "$LBGP_TMP/a.txt" $N 0
NB=200
net_prefixes "$LBGP_TMP/b.txt" $NB 10000

# A is passive at lbgpd: A's connections come in, lbgpd never connects out to it.
NET_CONF_A=passive
# B's hold timer is not the point: a long one, that a busy machine cannot trip.
NET_CONF_B="timers 10 30"
net_lbgpd_start
net_replay feed-b b --passive --prefixes "$LBGP_TMP/b.txt" --path "65020"
lbgp_wait 40 "B's table" net_pfx_is "$NET_B" $NB || { net_report_logs; lbgp_fail "B's table did not arrive"; }
lbgp_wait 20 "the kernel to equal the Loc-RIB" net_kernel_is_rib ||
        lbgp_fail "kernel and Loc-RIB differ: $(net_rib_kernel_diff)"

# quiet: A gone, and lbgpd's counts the same twice in a row a second apart; prints them.
quiet()
{
        local prev="" now
        lbgp_wait 20 "A to be gone" eval '[ "$(net_peer_state $NET_A)" != Established ]' ||
                net_check_failed "A still Established after its last flap"
        for _ in 1 2 3 4 5 6 7 8 9 10; do
                now=$(net_resources)
                [ "$now" = "$prev" ] && break
                prev=$now
                sleep 1
        done
        echo "$now"
}

# flap COUNT: one lbgp-replay run of COUNT flaps (COUNT + 1 sessions), to its end.
flap()
{
        local t0=$SECONDS
        net_replay "flap-$1" a --prefixes "$LBGP_TMP/a.txt" --path "65010" --flap "$1" \
                --flap-wait 0 --flap-reconnect 10 --exit-after 0
        lbgp_wait_exit "$NET_PID" $((LBGP_DEADLINE - 20)) || {
                net_report_logs
                lbgp_fail "$1 flaps did not end in time"
        }
        net_log "$1 flaps in $((SECONDS - t0)) s: $(grep -c 'Established$' "$LBGP_TMP/flap-$1.err") sessions Established, $(net_report "flap-$1" prefixesSent) prefixes sent"
}

fields="fds sockets tcp loopEvents ribBytes ribHeldBytes routerBytes routerBlocks"
base=$(quiet)
net_log "baseline:        $base   ($fields)"
flap $WARM
warm=$(quiet)
net_log "after $WARM:       $warm"
flap $((FLAPS - WARM))
end=$(quiet)
net_log "after $FLAPS:      $end"

# 1. The sessions.
dropped=$(net_neighbor "$NET_A" connectionsDropped)
[ "$dropped" = $((FLAPS + 2)) ] ||
        net_check_failed "lbgpd counts $dropped sessions of A dropped, not $((FLAPS + 2))"

# 2. The counts.
python3 - "$base" "$warm" "$end" "$fields" <<'PY' || net_check_failed "lbgpd holds more than before the flaps"
import sys
base, warm, end = ([int(x) for x in a.split()] for a in sys.argv[1:4])
names = sys.argv[4].split()
ok = True
for i, name in enumerate(names):
    if name in ("fds", "sockets", "tcp", "loopEvents"):
        good, rule = end[i] == base[i], "= baseline %d" % base[i]
    else:
        good = abs(end[i] - warm[i]) <= warm[i] * 0.05
        rule = "within 5%% of %d after the warm-up (%d before A came)" % (warm[i], base[i])
    print("  %-13s %10d  %s  %s" % (name, end[i], rule, "ok" if good else "FAILED"), file=sys.stderr)
    ok = ok and good
sys.exit(0 if ok else 1)
PY

# 3. Right after the last one.
[ "$(net_best_via "$NET_A")" = 0 ] && [ "$(net_kernel_via "$NET_A")" = 0 ] ||
        net_check_failed "A's routes stayed: $(net_best_via "$NET_A") in the Loc-RIB, $(net_kernel_via "$NET_A") in the kernel"
net_kernel_is_rib || net_check_failed "kernel and Loc-RIB differ: $(net_rib_kernel_diff)"
[ "$(net_kernel_via "$NET_B")" = $NB ] || net_check_failed "B's routes in the kernel: $(net_kernel_via "$NET_B")"
net_peer_is "$NET_B" Established || net_check_failed "B is $(net_peer_state "$NET_B")"

net_lbgpd_stop
net_finish
