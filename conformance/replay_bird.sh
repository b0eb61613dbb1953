#!/bin/bash
# conformance/replay_bird.sh LBGP-REPLAY IPASN-FILE - lbgp-replay feeds a full table.
#
# In two namespaces joined by veth (2001:db8:1::/64, documentation addresses only):
#  1. the sink: lbgp-replay sends the generated full IPv6 table (the 258,956 prefixes of the
#     ipasn file) into a second lbgp-replay in --sink mode, which discards what it counts:
#     the rate it reports is the feeder's own ceiling, to compare with a real receiver's;
#  2. BIRD 2: the same table until `birdc show route count` says 258956, then
#     --withdraw-after brings it to 0, and the feeder's report must say what it sent.
# The table's prefixes are real Internet prefixes, announced between our two namespaces
# only: BIRD runs no kernel protocol, and no packet is ever sent to them.
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/peers/bird.sh"

replay=$1
ipasn=$2
FULL=258956
LBGP_DEADLINE=${LBGP_DEADLINE:-110}
lbgp_init replay.bird
lbgp_require "$replay" python3 bird birdc
[ -r "$ipasn" ] || lbgp_fail "$ipasn not found"

# bird.sh's config with packet debugging off: 87,000 UPDATEs logged one by one would time
# the log, not BIRD.
bird_config()
{
        cat <<EOC
router id $PEER_ROUTER_ID;
log "$(lbgp_dir "$1")/bird.log" all;
protocol device { scan time 2; }
protocol bgp probe {
        local $PEER_ADDR as $PEER_AS;
        neighbor $PEER_NEIGHBOR as $PEER_NEIGHBOR_AS;
        hold time 90;
        passive on;
        debug { states, events };
        ipv6 { import all; export none; };
}
EOC
}

lbgp_ns_add feed
lbgp_ns_add recv
lbgp_link feed eth0 recv eth0
lbgp_addr feed eth0 2001:db8:1::1/64
lbgp_addr recv eth0 2001:db8:1::2/64
lbgp_wait 10 "the link" lbgp_reachable feed 2001:db8:1::2 || lbgp_fail "no link"

FEED_ARGS="--local-as 65001 --remote-as 65002 --local 2001:db8:1::1 --peer 2001:db8:1::2
        --generate $ipasn --seed 1 --json"

# json FILE KEY: KEY of the last JSON line of FILE.
json()
{
        python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).read().strip().splitlines()[-1])[sys.argv[2]])' "$1" "$2"
}

fail()
{
        for f in "$LBGP_TMP"/*.out "$LBGP_TMP"/*.err "$LBGP_TMP"/b/bird.log; do
                lbgp_show "$f" "$f" 20
        done
        lbgp_fail "$*"
}

# ---- 1. into the sink ---------------------------------------------------------------------
lbgp_bg2 recv "$LBGP_TMP/sink.out" "$LBGP_TMP/sink.err" "$replay" --sink --json \
        --local-as 65002 --remote-as 65001 --local 2001:db8:1::2 --peer 2001:db8:1::1 \
        --port 1790 --passive --exit-after 0
sink_pid=$LBGP_BG_PID
# shellcheck disable=SC2086
lbgp_bg2 feed "$LBGP_TMP/feed-sink.out" "$LBGP_TMP/feed-sink.err" "$replay" $FEED_ARGS \
        --port 1790 --exit-after 0
feed_pid=$LBGP_BG_PID
lbgp_wait_exit "$sink_pid" 60 || fail "the sink did not finish"
lbgp_wait_exit "$feed_pid" 20 || fail "the feeder did not finish"
got=$(json "$LBGP_TMP/sink.out" receivedPrefixes)
[ "$got" = "$FULL" ] || fail "the sink received $got prefixes, not $FULL"
sink_s=$(json "$LBGP_TMP/sink.out" secondsToEndOfRib)
sink_rate=$(json "$LBGP_TMP/sink.out" prefixesPerSecond)
feed_cpu=$(printf "%.2f" "$(json "$LBGP_TMP/feed-sink.out" tableCpuSeconds)")
lbgp_log "sink: $got prefixes, Established to End-of-RIB ${sink_s} s, ${sink_rate%.*} prefixes/s; feeder CPU while sending ${feed_cpu} s"

# ---- 2. into BIRD ---------------------------------------------------------------------------
lbgp_peer_defaults
PEER_AS=65002
PEER_ROUTER_ID=192.0.2.2
PEER_ADDR=2001:db8:1::2
PEER_NEIGHBOR=2001:db8:1::1
PEER_NEIGHBOR_AS=65001
bird_start b recv

# "258956 of 258956 routes for 258956 networks in table master6" -> 258956
bird_count()
{
        bird_birdc b "show route count" | sed -n 's/^\([0-9]*\) of .*master6.*/\1/p' | head -n 1
}
bird_count_is()
{
        [ "$(bird_count)" = "$1" ]
}

# shellcheck disable=SC2086
lbgp_bg2 feed "$LBGP_TMP/feed.out" "$LBGP_TMP/feed.err" "$replay" $FEED_ARGS \
        --withdraw-after 3 --exit-after 1
feed_pid=$LBGP_BG_PID
lbgp_wait 60 "BIRD Established" lbgp_peer_is bird b Established || fail "BIRD not Established"
t_est=$(date +%s.%N)
lbgp_wait 60 "BIRD to count $FULL routes" bird_count_is "$FULL" ||
        fail "BIRD has $(bird_count) routes, not $FULL"
t_full=$(date +%s.%N)
lbgp_wait 30 "BIRD to count 0 routes after the withdrawal" bird_count_is 0 ||
        fail "BIRD still has $(bird_count) routes after --withdraw-after"
lbgp_wait_exit "$feed_pid" 20 || fail "the feeder did not exit after --exit-after"
[ "$LBGP_STATUS" = 0 ] || fail "the feeder exited $LBGP_STATUS"

for k in prefixesSent withdrawalsSent; do
        got=$(json "$LBGP_TMP/feed.out" $k)
        [ "$got" = "$FULL" ] || fail "the feeder's $k is $got, not $FULL"
done
[ "$(json "$LBGP_TMP/feed.out" endOfRibSent)" = True ] || fail "no End-of-RIB sent"
table_s=$(json "$LBGP_TMP/feed.out" tableSeconds)
feed_cpu=$(printf "%.2f" "$(json "$LBGP_TMP/feed.out" tableCpuSeconds)")
bird_s=$(python3 -c "print('%.1f' % ($t_full - $t_est))")
lbgp_log "BIRD: $FULL routes ${bird_s} s after it showed Established (polled every 0.2 s); the feeder wrote the table in ${table_s} s with ${feed_cpu} s of CPU; load $(cut -d' ' -f1-3 /proc/loadavg)"
bird_stop b
lbgp_log "PASS"
