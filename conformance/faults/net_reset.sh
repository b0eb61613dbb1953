#!/bin/bash
# net_reset.sh LBGPD LBGPCTL LBGP-REPLAY - issue #7, fault 2: TCP resets during a table load.
#
# lbgpd (net_lib.sh's topology) holds B's 200 prefixes and is loading A's 8,000 through a
# link shaped to 48 kbit/s (about ten seconds a load).  Twice in the middle of a load the
# connection is reset:
#   first  `ss -K` in lbgpd's namespace destroys lbgpd's socket (the kernel sends A a
#          reset; lbgpd's next read fails);
#   second A's lbgp-replay is killed (SIGKILL: the kernel closes its socket), and started
#          again.
# Asserted after each: lbgpd is Idle with A's routes flushed from the Loc-RIB and the kernel
# (looked at within a second); it connects again only after its idle hold, which backs off
# (at least 5 s the first time, at least 10 s the second: RFC 4271 8.1.1
# DampPeerOscillations, timed on A's own clock); the table is learned again, whole, and
# the kernel equals the Loc-RIB's best paths.  B's session is never touched.
#
# Exits 0 on success, 1 on failure, 77 when the host cannot create namespaces.
set -u
here=$(cd "$(dirname "$0")" && pwd)
LBGP_DEADLINE=${LBGP_DEADLINE:-170}
. "$here/../lib.sh"
. "$here/net_lib.sh"

net_init net_reset "$@"
lbgp_require ss tc
NA=8000
NB=200
net_prefixes "$LBGP_TMP/a.txt" $NA 0
net_prefixes "$LBGP_TMP/b.txt" $NB 10000

net_lbgpd_start
net_replay feed-b b --passive --prefixes "$LBGP_TMP/b.txt" --path "65020"
lbgp_wait 40 "B's table" net_pfx_is "$NET_B" $NB || { net_report_logs; lbgp_fail "B's table did not arrive"; }
net_slow_link a eth0 48kbit

# uptime: seconds on CLOCK_MONOTONIC's scale (lbgp-replay stamps its log with it).
uptime()
{
        cut -d' ' -f1 /proc/uptime
}

# loading: true while A's table is coming in (some prefixes, not all); the count is in
# LOADED.
loading()
{
        LOADED=$(net_pfx "$NET_A")
        [ -n "$LOADED" ] && [ "$LOADED" -gt 0 ] && [ "$LOADED" -lt $NA ]
}

# after_reset WHAT T BACKOFF FEED: once lbgpd has seen the reset made at uptime T, one
# look at it (lbgpctl and ip only: this machine may be slow to start anything else), then
# the wait for A's next session.  What the look saw (A Idle and flushed) and when A came
# back (at least BACKOFF s after T on A's own clock, the replay's log FEED) are checked
# by check_reset, after the second reset.
after_reset()
{
        local what=$1 snap=$LBGP_TMP/after-$1
        # The reset reaches lbgpd at once (ss -K) or once A's shaped link has sent the
        # segments queued before the kill, its FIN last (a second or two).
        lbgp_wait 15 "lbgpd to see A go" eval '[ "$(net_peer_state $NET_A)" != Established ]' ||
                net_check_failed "$what: A still Established 15 s after the reset"
        net_ctl show bgp summary json >"$snap.sum"
        lbgp_in r ip -j -6 route show proto "$NET_PROTO" >"$snap.kernel"
        net_ctl show bgp ipv6 unicast json >"$snap.rib"
        lbgp_wait 40 "A Established again" net_peer_is "$NET_A" Established ||
                net_check_failed "$what: A did not come back"
}

check_reset()
{
        local what=$1 t=$2 backoff=$3 feed=$4 snap=$LBGP_TMP/after-$1 up gap
        python3 - "$snap" "$NET_A" "$what" <<'PY' || net_check_failed "$what: A not Idle and flushed after the reset"
import json, sys
snap, a = sys.argv[1], sys.argv[2]
peer = json.load(open(snap + ".sum"))["ipv6Unicast"]["peers"][a]
text = open(snap + ".kernel").read().strip()
kernel = [r for r in (json.loads(text) if text else []) if r.get("gateway") == a]
rib = [p for ps in json.load(open(snap + ".rib")).get("routes", {}).values() for p in ps
       if p.get("peerId") == a]
print("  %s: after the reset, A %s, %d prefixes accepted; its routes: %d in the Loc-RIB, "
      "%d in the kernel" % (sys.argv[3], peer["state"], peer["pfxRcd"], len(rib), len(kernel)),
      file=sys.stderr)
sys.exit(0 if peer["state"] == "Idle" and peer["pfxRcd"] == 0 and not rib and not kernel else 1)
PY
        # A's first Established after the reset, on its own clock.
        up=$(sed -n 's/^lbgp-replay: \([0-9.]*\) state OpenConfirm -> Established$/\1/p' "$feed" |
                awk -v t="$t" '$1 > t { print; exit }')
        gap=$(python3 -c "print('%.2f' % ($up - $t))" 2>/dev/null)
        net_log "$what: A Established again ${gap:-?} s after the reset (idle hold at least $backoff s)"
        python3 -c "import sys; sys.exit(0 if $backoff <= ${gap:-0} <= $backoff + 10 else 1)" ||
                net_check_failed "$what: back ${gap:-?} s after the reset, not after the $backoff s idle hold"
}

# relearned: the whole table back and the kernel equal to the Loc-RIB.
relearned()
{
        lbgp_wait 40 "A's whole table again" net_pfx_is "$NET_A" $NA ||
                net_check_failed "$1: A's table is $(net_pfx "$NET_A") prefixes, not $NA"
        lbgp_wait 20 "the kernel to equal the Loc-RIB" net_kernel_is_rib ||
                net_check_failed "$1: kernel and Loc-RIB differ: $(net_rib_kernel_diff)"
        [ "$(net_kernel_via "$NET_A")" = $NA ] ||
                net_check_failed "$1: $(net_kernel_via "$NET_A") of A's routes in the kernel, not $NA"
        net_log "$1: A's $NA prefixes relearned, kernel = Loc-RIB"
}

# 1. ss -K: lbgpd's socket destroyed mid-load.
net_replay feed-a a --passive --prefixes "$LBGP_TMP/a.txt" --path "65010"
pid_a=$NET_PID
lbgp_wait 40 "A's table to be loading" loading || { net_report_logs; lbgp_fail "A's load did not start"; }
t=$(uptime)
killed=$(lbgp_in r ss -HK dst "[$NET_A]:179") || lbgp_fail "ss -K failed"
[ -n "$killed" ] || lbgp_fail "ss -K found no connection to A (was it not up?)"
net_log "ss -K: lbgpd's connection to A destroyed with $LOADED of its prefixes in"
t1=$t
after_reset "ss -K"
# 2. SIGKILL: the feeder dies mid-load (of the table sent again), and is started again.
lbgp_wait 20 "A's table to be loading" loading || lbgp_fail "A's second load did not start"
t=$(uptime)
kill -KILL "$pid_a"
wait "$pid_a" 2>/dev/null
net_log "SIGKILL: A's feeder killed with $LOADED of its prefixes in"
net_replay feed-a2 a --passive --prefixes "$LBGP_TMP/a.txt" --path "65010"
after_reset "SIGKILL"
relearned "after both resets"
check_reset "ss -K" "$t1" 5 "$LBGP_TMP/feed-a.err"
check_reset "SIGKILL" "$t" 10 "$LBGP_TMP/feed-a2.err"

net_peer_is "$NET_B" Established || net_check_failed "B is $(net_peer_state "$NET_B")"
[ "$(net_neighbor "$NET_B" connectionsDropped)" = 0 ] || net_check_failed "B's session was dropped"
[ "$(net_kernel_via "$NET_B")" = $NB ] || net_check_failed "B's routes in the kernel: $(net_kernel_via "$NET_B")"
net_lbgpd_stop
net_finish
