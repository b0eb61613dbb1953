#!/bin/bash
# net_flap_kernel.sh LBGPD LBGPCTL LBGP-REPLAY - issue #7, fault 12: one upstream flaps
# 1,000 times while the other holds the table; the kernel follows, and only our routes move.
#
# lbgpd (net_lib.sh's topology) learns the same 300 prefixes from both upstreams, A's
# path shorter: while A is up its routes are best, while it is down B's.  A (lbgp-replay
# --flap) connects, sends them, drops the session, and again, NET_FLAPS times (default
# 1,000), then holds them.  Before lbgpd starts, the kernel of its namespace gets routes of
# others: one of protocol 202, one static, and one static for a prefix both upstreams
# announce (the kernel's default metric: a replace of ours at that metric would take it
# over, a delete of ours would then remove it).  Asserted:
#   1. after each quiet period (every NET_FLAP_CHECK flaps, default 250, A is stopped for a
#      moment with SIGSTOP), the kernel's routes of protocol 201 are the Loc-RIB's best
#      paths, prefix and next hop;
#   2. after the last flap, with A's table held, all 300 go via A; with A stopped for good
#      (SIGTERM, a Cease), all via B; the kernel equals the Loc-RIB each time;
#   3. the others' routes are exactly as they were, throughout and after lbgpd stopped.
#
# Exits 0 on success, 1 on failure, 77 when the host cannot create namespaces.
set -u
here=$(cd "$(dirname "$0")" && pwd)
LBGP_DEADLINE=${LBGP_DEADLINE:-170}
. "$here/../lib.sh"
. "$here/net_lib.sh"

net_init net_flap_kernel "$@"
FLAPS=${NET_FLAPS:-1000}
CHECK=${NET_FLAP_CHECK:-250}
N=300
net_prefixes "$LBGP_TMP/p.txt" $N 0
shared=$(sed -n 7p "$LBGP_TMP/p.txt")

# Others' routes, before lbgpd: all but the kernel's own (proto kernel, multicast, local).
lbgp_in r ip -6 route add 2001:db8:ffff:1::/64 via "$NET_B" proto 202 ||
        lbgp_fail "cannot add a route of protocol 202"
lbgp_in r ip -6 route add 2001:db8:ffff:2::/64 via "$NET_A" proto static ||
        lbgp_fail "cannot add a static route"
lbgp_in r ip -6 route add "$shared" via "$NET_B" proto static ||
        lbgp_fail "cannot add a static route for $shared"
others()
{
        lbgp_in r ip -6 route show table all | grep -Ev "proto (kernel|$NET_PROTO) |^(local|multicast|anycast) "
}
others_before=$(others)
[ "$(echo "$others_before" | wc -l)" = 3 ] || lbgp_fail "test setup: the others' routes are [$others_before]"
others_unchanged()
{
        [ "$(others)" = "$others_before" ] ||
                net_check_failed "$1: the others' routes changed: [$(others | tr '\n' ';')], were [$(echo "$others_before" | tr '\n' ';')]"
}

NET_CONF_A=passive
# B's hold timer is not the point: a long one, that a busy machine cannot trip.
NET_CONF_B="timers 10 30"
net_lbgpd_start
net_replay feed-b b --passive --prefixes "$LBGP_TMP/p.txt" --path "65020 65021"
lbgp_wait 40 "B's table" net_pfx_is "$NET_B" $N || { net_report_logs; lbgp_fail "B's table did not arrive"; }
lbgp_wait 20 "the kernel to equal the Loc-RIB" net_kernel_is_rib ||
        net_check_failed "kernel and Loc-RIB differ: $(net_rib_kernel_diff)"
others_unchanged "with B's table"

# dropped: A's sessions lbgpd saw go down (connectionsDropped), read with awk.
dropped()
{
        net_ctl show bgp neighbors "$NET_A" json | awk '/"connectionsDropped"/ { gsub(/[^0-9]/, ""); print; exit }'
}

t0=$SECONDS
net_replay flapper a --prefixes "$LBGP_TMP/p.txt" --path "65010" --flap "$FLAPS" \
        --flap-wait 0 --flap-reconnect 10
pid_a=$NET_PID
checks=0
next=$CHECK
while [ "$next" -lt "$FLAPS" ]; do
        lbgp_wait 60 "$next flaps" eval '[ "$(dropped)" -ge $next ]' ||
                { net_check_failed "A did not reach $next flaps: $(dropped)"; break; }
        # A quiet period: A frozen (its kernel still ACKs), lbgpd settles; the hold timer
        # (9 s) is longer than the look.
        kill -STOP "$pid_a"
        prev=""
        for _ in 1 2 3 4 5; do
                now="$(net_peer_state "$NET_A") $(net_pfx "$NET_A")"
                [ "$now" = "$prev" ] && break
                prev=$now
                sleep 0.3
        done
        if net_kernel_is_rib; then
                checks=$((checks + 1))
                net_log "after $(dropped) flaps (A $now): kernel = Loc-RIB, $(net_kernel_via "$NET_A") via A, $(net_kernel_via "$NET_B") via B"
        else
                net_check_failed "after $(dropped) flaps: kernel and Loc-RIB differ: $(net_rib_kernel_diff)"
        fi
        others_unchanged "after $(dropped) flaps"
        kill -CONT "$pid_a"
        next=$((next + CHECK))
done
# The last flap done, A holds its table.
lbgp_wait 90 "all $FLAPS flaps" eval '[ "$(dropped)" -ge $FLAPS ]' ||
        net_check_failed "A flapped $(dropped) times, not $FLAPS"
lbgp_wait 20 "A's table held" net_pfx_is "$NET_A" $N || net_check_failed "A's table is not back"
net_log "$(dropped) flaps of A in $((SECONDS - t0)) s, $checks quiet periods checked"
lbgp_wait 20 "all via A in the kernel" eval \
        'net_kernel_is_rib && [ "$(net_kernel_via $NET_A)" = $N ]' ||
        net_check_failed "with A's table: $(net_kernel_via "$NET_A") via A; $(net_rib_kernel_diff)"
others_unchanged "with A's table held"

kill -TERM "$pid_a"
lbgp_wait 20 "all via B in the kernel" eval \
        'net_kernel_is_rib && [ "$(net_kernel_via $NET_B)" = $N ]' ||
        net_check_failed "A gone: $(net_kernel_via "$NET_B") via B; $(net_rib_kernel_diff)"
net_log "A stopped: kernel = Loc-RIB, all $N via B"
others_unchanged "A stopped"
[ "$(net_neighbor "$NET_B" connectionsDropped)" = 0 ] || net_check_failed "B's session was dropped"

net_lbgpd_stop
others_unchanged "after lbgpd stopped"
net_finish
