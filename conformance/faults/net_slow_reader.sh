#!/bin/bash
# net_slow_reader.sh LBGPD LBGPCTL LBGP-REPLAY - issue #7, fault 4: a peer stops reading.
#
# lbgpd (net_lib.sh's topology, `--send-hold-time 10`) passes what it learns from A on to
# B, an lbgp-replay --sink with a 4 KiB receive buffer (tcp_rmem in B's namespace; lbgpd's
# send buffer is kept small too) and hold time 0, so that only the send hold timer can
# tell that B is gone.  B stops reading (SIGSTOP), then A sends 60,000 prefixes (some
# 480 KB of UPDATEs, more than lbgpd's per-peer output cap): lbgpd has a table to send that
# B will not take.  Asserted:
#   1. the loop never blocks: A's table is learned whole, into the Loc-RIB and the kernel,
#      and A's session never drops; lbgpctl answers every time, each within 5 s (half the
#      send hold time: a loop blocked on B would not answer before it fires);
#   2. the stall is real: lbgpd's socket to B holds unsent bytes (ss Send-Q), and lbgpd's
#      own output queue for B fills to its cap and no further (outputQueue in `show bgp
#      neighbors`: peakOctets at least capOctets, and over it by at most one message):
#      the rest of the table waits in the Adj-RIB-Out, not in a copy per stalled peer;
#   3. the send hold timer (RFC 9687) closes B's session: NOTIFICATION 8/0 in lbgpd's log
#      at least 10 s after the stall began and within 20 s, B no longer Established, and
#      its TCP connection gone from lbgpd's namespace;
#   4. B, woken (SIGCONT), comes back and receives the whole table (its own count).
#
# Exits 0 on success, 1 on failure, 77 when the host cannot create namespaces.
set -u
here=$(cd "$(dirname "$0")" && pwd)
LBGP_DEADLINE=${LBGP_DEADLINE:-150}
. "$here/../lib.sh"
. "$here/net_lib.sh"

net_init net_slow_reader "$@"
lbgp_require ss
NA=60000
SEND_HOLD=10
net_prefixes "$LBGP_TMP/a.txt" $NA 0

lbgp_in b sysctl -qw net.ipv4.tcp_rmem="4096 4096 4096" ||
        lbgp_fail "cannot shrink the receive buffer in b"
lbgp_in r sysctl -qw net.ipv4.tcp_wmem="4096 16384 65536" ||
        lbgp_fail "cannot shrink the send buffer in r"
# Hold time 0 with B (RFC 4271 4.2: no keepalives, no hold timer): a stopped B is found
# out by the send hold timer alone, not by the hold timer first.
NET_CONF_B="timers 0 0"
# A's hold timer is not the point here: a long one, that a busy machine cannot trip.
NET_CONF_A="timers 10 30"
net_lbgpd_start --send-hold-time $SEND_HOLD
net_replay sink b --sink --passive --hold 0
pid_b=$NET_PID
lbgp_wait 40 "B (the sink) Established" net_peer_is "$NET_B" Established ||
        { net_report_logs; lbgp_fail "B did not come up"; }

kill -STOP "$pid_b"
t_stop=$(date +%s.%N)
net_log "B stopped reading (SIGSTOP); A sends $NA prefixes"
net_replay feed-a a --passive --prefixes "$LBGP_TMP/a.txt" --path "65010"

# 1 and 2, while B is stuck: lbgpctl timed, A's table, the socket to B.
slowest=0
answers=0
stuck=""
t_full=""
sendq=0
while :; do
        t0=$(date +%s%N)
        if out=$(net_ctl show bgp summary json); then
                answers=$((answers + 1))
        else
                net_check_failed "lbgpctl got no answer"
        fi
        ms=$((($(date +%s%N) - t0) / 1000000))
        [ "$ms" -gt "$slowest" ] && slowest=$ms
        pa=$(echo "$out" | awk -v a="\"$NET_A\":{" 'index($0, a) { f = 1 }
                f && /"pfxRcd"/ { gsub(/[^0-9]/, ""); print; exit }')
        [ -z "$t_full" ] && [ "${pa:-0}" = $NA ] && t_full=$(date +%s.%N)
        # The connection to B and its unsent bytes: "local-address:port send-q".
        conn=$(lbgp_in r ss -Htn state established dst "[$NET_B]" | awk '{ print $3, $2 }' |
                sort -k2n | tail -n 1)
        q=${conn#* }
        if [ -n "$conn" ] && [ "$q" -gt "$sendq" ]; then
                sendq=$q
                stuck=${conn% *}
        fi
        lbgp_has_line "$NET_LOG" "%NOTIFICATION: sent to neighbor $NET_B 8/0" && break
        [ $(($(date +%s) - ${t_stop%.*})) -gt 40 ] && break
        sleep 0.5
done
t_notif=$(date +%s.%N)
net_log "lbgpctl: $answers answers while B was stuck, the slowest in $ms ms (max $slowest ms)"
# A loop blocked on B would answer only after the send hold timer (10 s), if at all.
[ "$slowest" -le 5000 ] || net_check_failed "lbgpctl took $slowest ms to answer while B was stuck"
if [ -n "$t_full" ]; then
        net_log "A's $NA prefixes in $(python3 -c "print('%.1f' % ($t_full - $t_stop))") s, while B was stuck"
else
        net_check_failed "A's table was not in while B was stuck: $(net_pfx "$NET_A") prefixes"
fi
lbgp_wait 20 "the kernel to equal the Loc-RIB" net_kernel_is_rib ||
        net_check_failed "kernel and Loc-RIB differ: $(net_rib_kernel_diff)"
[ "$(net_kernel_via "$NET_A")" = $NA ] || net_check_failed "$(net_kernel_via "$NET_A") of A's routes in the kernel"
[ "$(net_neighbor "$NET_A" connectionsDropped)" = 0 ] || net_check_failed "A's session was dropped"
net_peer_is "$NET_A" Established || net_check_failed "A is $(net_peer_state "$NET_A")"
net_log "the socket to B held up to $sendq unsent bytes"
[ "$sendq" -gt 0 ] || net_check_failed "lbgpd's socket to B never held unsent bytes: no stall"
outq=$(net_json "show bgp neighbors $NET_B" \
        "'%d %d' % (d['$NET_B']['outputQueue']['peakOctets'], d['$NET_B']['outputQueue']['capOctets'])")
read -r peak cap <<<"$outq"
net_log "lbgpd's output queue for B: at most ${peak:-?} octets, cap ${cap:-?}"
# Over the cap by at most one UPDATE (4096 octets: no extended messages with the sink).
if [ -z "${peak:-}" ] || [ "$peak" -lt "$cap" ] || [ "$peak" -gt $((cap + 4096)) ]; then
        net_check_failed "B's output queue peaked at ${peak:-?} octets: not held at its cap ${cap:-?}"
fi

# 3. The send hold timer.
notif_re="%NOTIFICATION: sent to neighbor $NET_B 8/0"
if lbgp_has_line "$NET_LOG" "$notif_re"; then
        after=$(python3 -c "print('%.1f' % ($t_notif - $t_stop))")
        net_log "lbgpd: $(grep -m1 "$notif_re" "$NET_LOG" | cut -d' ' -f4-) (seen ${after} s after B stopped)"
        python3 -c "import sys; sys.exit(0 if $SEND_HOLD <= $after <= $SEND_HOLD + 20 else 1)" ||
                net_check_failed "the send hold timer fired ${after} s after B stopped reading"
else
        net_check_failed "no NOTIFICATION 8/0 (send hold timer) to B within 40 s"
fi
lbgp_wait 5 "B's session to be down" eval '[ "$(net_peer_state $NET_B)" != Established ]' ||
        net_check_failed "B is still Established after the send hold timer"
# Closed by lbgpd: its end of the stuck connection is no longer Established (the kernel
# may keep it a while in FIN-WAIT-1, with the bytes B never read).
lbgp_wait 10 "lbgpd to close its connection to B" eval \
        '[ -z "$(lbgp_in r ss -Htn state established src "[${stuck%:*}]:${stuck##*:}")" ]' ||
        net_check_failed "lbgpd's connection to B ($stuck) is still open"
net_log "the stuck connection ($stuck): $(lbgp_in r ss -Htn src "[${stuck%:*}]:${stuck##*:}" | awk '{ print $1, "Send-Q", $3 }')"

# 4. B wakes up: a new session, the whole table.
kill -CONT "$pid_b"
lbgp_wait 40 "B Established again" net_peer_is "$NET_B" Established ||
        net_check_failed "B did not come back"
# The sink's own count (SIGUSR1: a report), over both sessions: the new one ends with
# End-of-RIB after the whole table.
sink_has_table()
{
        kill -USR1 "$pid_b"
        sleep 0.3
        python3 -c 'import json,sys
r = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")][-1]
sys.exit(0 if r["receivedPrefixes"] >= int(sys.argv[2]) and r["endOfRibReceived"] >= 2 else 1)' \
                "$LBGP_TMP/sink.out" $NA
}
lbgp_wait 30 "B to receive the whole table" sink_has_table ||
        net_check_failed "B did not receive the table: $(tail -n 1 "$LBGP_TMP/sink.out" | cut -c1-200)"
net_log "B back: $(tail -n 1 "$LBGP_TMP/sink.out" | grep -o '"receivedPrefixes":[0-9]*'), over both sessions; its log: $(grep -c 'NOTIFICATION received 8/0' "$LBGP_TMP/sink.err") NOTIFICATION 8/0 read (lbgpd closed without it, the socket full)"

net_lbgpd_stop
net_finish
