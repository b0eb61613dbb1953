# conformance/peers/bird.sh - BIRD 2 as a test peer; source after lib.sh.
#
# bird runs in the foreground (-f) with its own config, control socket and pid file, so a
# system BIRD started by the package's service never meets ours.  There is no kernel
# protocol in the config: it learns routes but never touches a routing table.  Packet
# debugging is on because birdc shows no message counters: the log is where keepalives and
# the NOTIFICATION can be seen.

# bird_config NAME: the bird.conf for the PEER_* variables (see lib.sh).
bird_config()
{
        cat <<EOF
router id $PEER_ROUTER_ID;
log "$(lbgp_dir "$1")/bird.log" all;
timeformat log iso long ms;

# BIRD learns which neighbors are on a connected network from the device protocol.
protocol device { scan time 2; }

protocol bgp probe {
        local $PEER_ADDR as $PEER_AS;
        neighbor $PEER_NEIGHBOR as $PEER_NEIGHBOR_AS;
        hold time $PEER_HOLD;
        keepalive time $((PEER_HOLD / 3));
        connect retry time 5;
        connect delay time 1;
        error wait time 1, 5;
        debug { states, events, packets };
EOF
        [ "$PEER_PASSIVE" = 1 ] && echo "        passive on;"
        [ -n "$PEER_MULTIHOP" ] && echo "        multihop $PEER_MULTIHOP;"
        [ -n "$PEER_TTL_SECURITY" ] && echo "        ttl security on;"
        [ -n "$PEER_MD5" ] && echo "        password \"$PEER_MD5\";"
        cat <<EOF
        ipv6 { import all; export none; };
        ipv4 { import all; export none; extended next hop on; };
}
EOF
}

# bird_start NAME NS
bird_start()
{
        local dir
        lbgp_require bird birdc
        dir=$(lbgp_dir "$1")
        bird_config "$1" >"$dir/bird.conf"
        lbgp_bg "$2" "$dir/stdout.log" bird -f -c "$dir/bird.conf" -s "$dir/bird.ctl" \
                -P "$dir/bird.pid"
        eval "BIRD_PID_$1=\$LBGP_BG_PID"
        eval "BIRD_NS_$1=\$2"
        lbgp_wait 10 "BIRD $1 control socket" test -S "$dir/bird.ctl" || {
                lbgp_show "BIRD $1 output" "$dir/stdout.log"
                lbgp_fail "BIRD $1 did not start"
        }
}

bird_birdc()
{
        local ns
        eval "ns=\$BIRD_NS_$1"
        lbgp_in "$ns" birdc -s "$(lbgp_dir "$1")/bird.ctl" "$2"
}

# "BGP state:          Established" -> Established
bird_state()
{
        bird_birdc "$1" "show protocols all probe" |
                sed -n 's/^[[:space:]]*BGP state:[[:space:]]*\([A-Za-z]*\).*/\1/p' | head -n 1
}

# birdc's "Last error" and the log's NOTIFICATION lines.
bird_last_error()
{
        bird_birdc "$1" "show protocols all probe" | grep -E 'Last error|BGP state' 
        grep -E 'NOTIFICATION|[Ss]hutdown|Received:' "$(lbgp_dir "$1")/bird.log" 2>/dev/null |
                tail -n 5
}

# The log's "Got KEEPALIVE" lines (packet debugging).
bird_keepalives_in()
{
        grep -c 'Got KEEPALIVE' "$(lbgp_dir "$1")/bird.log" 2>/dev/null
}

bird_stop()
{
        local pid
        eval "pid=\${BIRD_PID_$1:-}"
        lbgp_stop_pid "$pid"
}
