#!/bin/bash
# hostile_leak.sh LBGPD LBGPCTL LBGP-REPLAY SEED_FRR_CONF - issue #7, scenario 8: a leak of
# a million more-specifics, nearly all of them filtered.
#
# The seed's topology (seed_lib.sh) and lbgpd on the seed's frr.conf, unchanged: Lagrange
# has soft-reconfiguration inbound (the routes its policy rejects are kept too) and
# maximum-prefix 250000, so lbgpd keeps at most 500,000 of its routes, filtered ones
# included (lbgpd_max_received(): twice maximum-prefix; commit 548bd1b).  iFog is the seed's
# FRR.  Lagrange is lbgp-replay sending 1,000,000 prefixes of 2001:db8::/32: 10,000 /48s,
# which PL-BOGONS accepts, and 990,000 /56 and /64 more-specifics, which it rejects (`deny
# ::/0 ge 49`).  Asserted:
#   1. lbgpd tears Lagrange's session down with Cease/Out of Resources (RFC 4486: 6/8; the
#      feeder receives it), once it keeps more than 500,000 routes and before it keeps
#      one UPDATE's worth more (its %MAXPFXEXCEED line gives the count), without a
#      maximum-prefix Cease (the accepted routes stay far under 250,000);
#   2. the leak's routes leave the Loc-RIB and the kernel, iFog's session and routes stay;
#   3. Lagrange stays down (lbgpd refuses its reconnections: the restart time is 30 min);
#   4. lbgpd's own count of its memory (show bgp summary json: the router's bytes, polled
#      through the leak) stays under 200 bytes per route it may keep (500,000) above where it
#      started.
#
# Exits 0 on success, 1 on failure, 77 when the host cannot create namespaces.
set -u

usage="usage: hostile_leak.sh LBGPD LBGPCTL LBGP-REPLAY SEED_FRR_CONF"
LBGP_DEADLINE=${LBGP_DEADLINE:-160}
. "$(dirname "$0")/hostile_lib.sh"
hostile_init leak "${1:?$usage}" "${2:?$usage}"
replay=${3:?$usage}
seed=${4:?$usage}
lbgp_require "$replay"
[ -r "$seed" ] || lbgp_fail "no seed configuration at $seed"
IFOG=$SEED_IFOG
LAGRANGE=$SEED_LAGRANGE
CAP=500000
PER_ROUTE=200

# The leak, in the order it is sent: every 100th a /48 (accepted), every 15th a /56, the
# rest /64s, all distinct.
python3 - "$LBGP_TMP/leak.txt" <<'PY'
import sys
out = open(sys.argv[1], "w")
p48 = p56 = p64 = 0
for n in range(1000000):
    if n % 100 == 0:
        out.write("2001:db8:%x::/48\n" % (0x4000 + p48)); p48 += 1
    elif n % 15 == 1 and p56 < 65536:
        out.write("2001:db8:%x:%x::/56\n" % (0x8000 + (p56 >> 8), (p56 & 0xff) << 8)); p56 += 1
    else:
        out.write("2001:db8:%x:%x::/64\n" % (p64 >> 16, p64 & 0xffff)); p64 += 1
PY
[ "$(wc -l <"$LBGP_TMP/leak.txt")" = 1000000 ] || lbgp_fail "the leak file is not a million lines"

seed_topology ""
hostile_ifog_frr
hostile_lbgpd_start "$seed"
lbgp_wait 40 "iFog (FRR) Established" eval '[ "$(hostile_nb "$IFOG" "n.get(\"bgpState\")")" = Established ]' ||
        { lbgp_show lbgpd "$HOSTILE_LOG"; lbgp_fail "iFog did not come up"; }
# iFog's UPDATEs follow its Established by a moment: the baseline is taken once they are in
# and two readings a second apart agree.
ifog_count()
{
        hostile_locrib | grep -c " $IFOG\$"
}
lbgp_wait 20 "iFog's routes in lbgpd's Loc-RIB" eval '[ "$(ifog_count)" -gt 0 ]' ||
        lbgp_fail "iFog's routes never reached lbgpd"
ifog_routes=$(ifog_count)
sleep 1
while [ "$(ifog_count)" != "$ifog_routes" ]; do
        ifog_routes=$(ifog_count)
        sleep 1
done
ifog0=$(hostile_session "$IFOG")
mem0=$(hostile_memory)
lbgp_log "before: iFog [$ifog0] with $ifog_routes best routes; lbgpd's memory (router, RIB bytes) [$mem0]"

lbgp_bg2 lagrange "$LBGP_TMP/leak.out" "$LBGP_TMP/leak.err" "$replay" --local-as 209735 \
        --remote-as 201379 --local "$LAGRANGE" --peer "$SEED_ROUTER_VTNET" --ttl-security 1 \
        --router-id 198.51.100.1 --prefixes "$LBGP_TMP/leak.txt" --path "64496"
feeder=$LBGP_BG_PID
# Poll lbgpd's memory while the leak comes in, until the Cease.
peak=${mem0%% *}
down_re="%ADJCHANGE: neighbor $LAGRANGE in vrf default Down BGP Notification send \\(Cease/Out of Resources\\)"
t_end=$(($(lbgp_now) + 90))
while ! lbgp_has_line "$HOSTILE_LOG" "$down_re" && [ "$(lbgp_now)" -lt "$t_end" ]; do
        m=$(hostile_memory)
        m=${m%% *}
        [ -n "$m" ] && [ "$m" -gt "$peak" ] && peak=$m
        sleep 1
done
lbgp_has_line "$HOSTILE_LOG" "$down_re" ||
        { lbgp_show lbgpd "$HOSTILE_LOG"; lbgp_show feeder "$LBGP_TMP/leak.err"; lbgp_fail "Lagrange was not torn down"; }
m=$(hostile_memory)
[ "${m%% *}" -gt "$peak" ] && peak=${m%% *}

# ---- 1. the Cease, at the cap -------------------------------------------------------------
line=$(grep -m1 "%MAXPFXEXCEED: $LAGRANGE sent" "$HOSTILE_LOG")
lbgp_log "lbgpd: ${line#* lbgpd }"
kept=$(echo "$line" | sed -n 's/.* sent \([0-9]*\) routes, filtered ones included, over the \([0-9]*\) .*/\1 \2/p')
[ "${kept#* }" = "$CAP" ] || hostile_check_failed "lbgpd's cap for Lagrange is [${kept#* }], not $CAP"
kept=${kept%% *}
[ -n "$kept" ] && [ "$kept" -gt "$CAP" ] && [ "$kept" -le $((CAP + 1000)) ] ||
        hostile_check_failed "torn down with [$kept] routes kept, not just over $CAP"
lbgp_has_line "$HOSTILE_LOG" "%NOTIFICATION: sent to neighbor $LAGRANGE 6/8 \\(Cease/Out of Resources\\)" ||
        hostile_check_failed "lbgpd did not log the Cease it sent"
lbgp_wait 5 "the feeder to receive the Cease" lbgp_has_line "$LBGP_TMP/leak.err" "received NOTIFICATION 6/8" ||
        hostile_check_failed "the feeder did not receive Cease/Out of Resources: $(grep NOTIFICATION "$LBGP_TMP/leak.err" | tail -n 1)"
grep -q "Maximum Number of Prefixes" "$HOSTILE_LOG" &&
        hostile_check_failed "a maximum-prefix Cease too: $(grep -m1 'Maximum Number of Prefixes' "$HOSTILE_LOG")"

# ---- 2. the leak gone, iFog untouched ------------------------------------------------------
lbgp_wait 30 "Lagrange's routes to leave the Loc-RIB and the kernel" eval \
        '! hostile_locrib | grep -q " $LAGRANGE\$" && ! seed_kernel "" | grep -q vtnet0' ||
        hostile_check_failed "the leak's routes stayed: $(hostile_locrib | grep -c " $LAGRANGE\$") in the Loc-RIB, $(seed_kernel "" | grep -c vtnet0) in the kernel"
[ "$(hostile_session "$IFOG")" = "$ifog0" ] ||
        hostile_check_failed "iFog's session changed: [$ifog0] -> [$(hostile_session "$IFOG")]"
[ "$(hostile_locrib | grep -c " $IFOG\$")" = "$ifog_routes" ] ||
        hostile_check_failed "iFog's best routes went from $ifog_routes to $(hostile_locrib | grep -c " $IFOG\$")"

# ---- 3. held down --------------------------------------------------------------------------
lbgp_wait 15 "lbgpd to refuse Lagrange's reconnection" \
        lbgp_has_line "$HOSTILE_LOG" "$LAGRANGE: incoming connection refused: peer is down" ||
        hostile_check_failed "lbgpd did not refuse the feeder's reconnection"
[ "$(hostile_nb "$LAGRANGE" 'n.get("bgpState")')" = Idle ] ||
        hostile_check_failed "Lagrange is $(hostile_nb "$LAGRANGE" 'n.get("bgpState")'), not Idle"

# ---- 4. memory ---------------------------------------------------------------------------------
mem1=$(hostile_memory)
grow=$((peak - ${mem0%% *}))
lbgp_log "lbgpd's memory: router bytes $mem0 before, peak $peak ($((grow / kept)) bytes per route kept), $mem1 after the teardown; RSS $(hostile_rss "$HOSTILE_LBGPD_PID") KiB"
[ "$grow" -le $((CAP * PER_ROUTE)) ] ||
        hostile_check_failed "lbgpd's memory grew by $grow bytes, over $PER_ROUTE bytes a route for $CAP routes"
kill -TERM "$feeder"
HOSTILE_STOP_WAIT=30 hostile_lbgpd_stop
hostile_finish "$HOSTILE_LOG" "$LBGP_TMP/leak.err"
