#!/bin/bash
# net_hold.sh LBGPD LBGPCTL LBGP-REPLAY - issue #7, fault 3: the hold timer expires.
#
# lbgpd (net_lib.sh's topology) with `timers 3 9` towards two upstreams, each an
# lbgp-replay announcing its own 200 prefixes.  Upstream A falls silent: its lbgp-replay is
# stopped (SIGSTOP), so its kernel still ACKs what lbgpd sends but no BGP message comes.
# Asserted:
#   1. lbgpd sends NOTIFICATION 4/0 (Hold Timer Expired), on the wire (tcpdump on A's
#      link, dissected by tshark) 9 s after the last message A sent, to within the loop's
#      latency (at least 9.000 s, at most 9.5 s), and says so in its log;
#   2. A's routes leave the Loc-RIB and the kernel, B's session and routes stay as they were;
#   3. A, woken up (SIGCONT), is connected again after lbgpd's idle hold and its table is
#      back, the kernel equal to the Loc-RIB's best paths.
# The same expiry to the millisecond on the virtual clock is unit.check_session's
# hold_timer_counts_from_the_last_message.
#
# Exits 0 on success, 1 on failure, 77 when the host cannot create namespaces.
set -u
here=$(cd "$(dirname "$0")" && pwd)
LBGP_DEADLINE=${LBGP_DEADLINE:-150}
. "$here/../lib.sh"
. "$here/net_lib.sh"

net_init net_hold "$@"
lbgp_require tcpdump tshark
N=200
net_prefixes "$LBGP_TMP/a.txt" $N 0
net_prefixes "$LBGP_TMP/b.txt" $N 1000

net_capture r eth0
net_lbgpd_start
net_replay feed-a a --passive --prefixes "$LBGP_TMP/a.txt" --path "65010"
pid_a=$NET_PID
net_replay feed-b b --passive --prefixes "$LBGP_TMP/b.txt" --path "65020"
lbgp_wait 40 "both tables in lbgpd" eval 'net_pfx_is $NET_A $N && net_pfx_is $NET_B $N' ||
        { net_report_logs; lbgp_fail "the upstreams' tables did not arrive"; }
lbgp_wait 20 "the kernel to equal the Loc-RIB" net_kernel_is_rib ||
        net_check_failed "kernel and Loc-RIB differ: $(net_rib_kernel_diff)"
b_routes=$(net_kernel | grep " $NET_B\$")
[ "$(echo "$b_routes" | wc -l)" = $N ] || net_check_failed "B's $N routes are not in the kernel"
net_log "both upstreams Established, $N routes each in the Loc-RIB and the kernel"

# 1. A falls silent.
kill -STOP "$pid_a"
t_stop=$(date +%s.%N)
notif_re="%NOTIFICATION: sent to neighbor $NET_A 4/0 \\(Hold Timer Expired"
lbgp_wait 15 "lbgpd to send NOTIFICATION 4/0" lbgp_has_line "$NET_LOG" "$notif_re" ||
        net_check_failed "no NOTIFICATION 4/0 within 15 s of A falling silent"
waited=$(python3 -c "import time; print('%.1f' % (time.time() - $t_stop))")
net_log "lbgpd: $(grep -E -m1 "$notif_re" "$NET_LOG" | cut -d' ' -f4-) (${waited} s after SIGSTOP)"
# On the wire: the last message from A, then our NOTIFICATION, 9 s apart.
# hold_gap: seconds from A's last message to lbgpd's first NOTIFICATION 4/0, empty while
# the capture has no such NOTIFICATION.
hold_gap()
{
        net_bgp_messages "$NET_PCAP" | python3 -c '
import sys
last_a = notif = None
for line in sys.stdin:
    f = line.rstrip("\n").split("\t")
    t, src, types = float(f[0]), f[1], f[2].split(",")
    if src == sys.argv[1]:
        last_a = t
    elif "3" in types and f[3].split(",")[0] == "4" and f[4].split(",")[0] == "0":
        notif = t
        break
print("" if last_a is None or notif is None else "%.3f" % (notif - last_a))' "$NET_A"
}
lbgp_wait 5 "the NOTIFICATION in the capture" eval '[ -n "$(hold_gap)" ]' ||
        net_check_failed "no NOTIFICATION 4/0 from lbgpd in the capture"
gap=$(hold_gap)
net_log "on the wire: NOTIFICATION 4/0 ${gap:-?} s after A's last message (hold time 9 s)"
if [ -z "$gap" ] || ! python3 -c "import sys; sys.exit(0 if 9.0 <= $gap <= 9.5 else 1)"; then
        net_check_failed "NOTIFICATION 4/0 ${gap:-never} s after A's last message, not 9 s"
fi

# 2. A's routes gone from the Loc-RIB and the kernel, B's session and routes untouched.
lbgp_wait 5 "A's routes to leave the Loc-RIB and the kernel" eval \
        '[ "$(net_best_via $NET_A)" = 0 ] && [ "$(net_kernel_via $NET_A)" = 0 ]' ||
        net_check_failed "A's routes stayed: $(net_best_via $NET_A) in the Loc-RIB, $(net_kernel_via $NET_A) in the kernel"
net_peer_is "$NET_B" Established || net_check_failed "B's session went down too"
[ "$(net_neighbor "$NET_B" connectionsDropped)" = 0 ] || net_check_failed "B's session was dropped"
[ "$(net_kernel | grep " $NET_B\$")" = "$b_routes" ] || net_check_failed "B's kernel routes changed"
net_kernel_is_rib || net_check_failed "kernel and Loc-RIB differ: $(net_rib_kernel_diff)"
reason=$(net_neighbor "$NET_A" lastNotificationReason)
case $reason in
"Hold Timer Expired"*) ;;
*) net_check_failed "show bgp neighbors $NET_A: the last reset is [$reason]" ;;
esac

# 3. A comes back: lbgpd connects again after its idle hold, the table returns.
kill -CONT "$pid_a"
lbgp_wait 30 "A's table back" net_pfx_is "$NET_A" $N ||
        net_check_failed "A did not come back: $(net_peer_state "$NET_A"), $(net_pfx "$NET_A") prefixes"
lbgp_wait 10 "the kernel to equal the Loc-RIB" net_kernel_is_rib ||
        net_check_failed "kernel and Loc-RIB differ after A came back: $(net_rib_kernel_diff)"
net_log "A back: $(net_pfx "$NET_A") prefixes; kernel = Loc-RIB ($(net_kernel | wc -l) routes)"
net_log "A's own log: $(grep -c 'NOTIFICATION received 4/0' "$LBGP_TMP/feed-a.err") NOTIFICATION 4/0 read after SIGCONT"

net_lbgpd_stop
net_finish
