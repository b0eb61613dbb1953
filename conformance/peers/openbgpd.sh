# conformance/peers/openbgpd.sh - OpenBGPD 7 as a test peer; source after lib.sh.
#
# bgpd runs in the foreground (-d) with its control socket named in the config (7.7 has no
# -s flag: the `socket` statement is the way) and fib-update off, so it never writes a
# routing table.  `bgpctl -s SOCKET show neighbor` gives state, counters and the last
# NOTIFICATION with its shutdown communication.  Debian's bgpd is /usr/sbin/bgpd, not to be
# confused with FRR's /usr/lib/frr/bgpd.

OPENBGPD_BGPD=${OPENBGPD_BGPD:-/usr/sbin/bgpd}
OPENBGPD_BGPCTL=${OPENBGPD_BGPCTL:-/usr/sbin/bgpctl}

# openbgpd_config NAME: the bgpd.conf for the PEER_* variables (see lib.sh).
openbgpd_config()
{
        cat <<EOF
AS $PEER_AS
router-id $PEER_ROUTER_ID
listen on $PEER_ADDR
socket "$(lbgp_dir "$1")/bgpd.sock"
fib-update no
holdtime min 3
connect-retry 5

neighbor $PEER_NEIGHBOR {
        descr "probe"
        remote-as $PEER_NEIGHBOR_AS
        local-address $PEER_ADDR
        holdtime $PEER_HOLD
        announce IPv6 unicast
        announce IPv4 unicast
EOF
        [ "$PEER_PASSIVE" = 1 ] && echo "        passive"
        [ -n "$PEER_MULTIHOP" ] && echo "        multihop $PEER_MULTIHOP"
        [ -n "$PEER_TTL_SECURITY" ] && echo "        ttl-security yes"
        [ -n "$PEER_MD5" ] && echo "        tcp md5sig password $PEER_MD5"
        cat <<EOF
}

# Learn what the probe sends; announce nothing of our own.
allow from any
deny to any
EOF
}

# openbgpd_start NAME NS
openbgpd_start()
{
        local dir
        lbgp_require "$OPENBGPD_BGPD" "$OPENBGPD_BGPCTL"
        dir=$(lbgp_dir "$1")
        openbgpd_config "$1" >"$dir/bgpd.conf"
        # bgpd insists that its config is not readable by others (it may hold passwords).
        chmod 600 "$dir/bgpd.conf"
        # Its processes chroot into _openbgpd's home, /run/openbgpd, which only the
        # package's systemd unit creates.  `ip netns exec` already gives each command a
        # mount namespace of its own: a tmpfs on /run there makes the directory without
        # touching the host's /run.
        lbgp_bg "$2" "$dir/bgpd.log" sh -c \
                'mount -t tmpfs -o mode=0755 lbgp-run /run && mkdir /run/openbgpd && exec "$@"' \
                sh "$OPENBGPD_BGPD" -d -v -f "$dir/bgpd.conf"
        eval "OPENBGPD_PID_$1=\$LBGP_BG_PID"
        eval "OPENBGPD_NS_$1=\$2"
        # The socket file outlives a bgpd that failed after creating it: ask through it.
        lbgp_wait 10 "OpenBGPD $1 control socket" openbgpd_bgpctl "$1" "show summary" || {
                lbgp_show "OpenBGPD $1 log" "$dir/bgpd.log"
                lbgp_fail "OpenBGPD $1 did not start"
        }
}

openbgpd_bgpctl()
{
        local ns
        eval "ns=\$OPENBGPD_NS_$1"
        lbgp_in "$ns" "$OPENBGPD_BGPCTL" -s "$(lbgp_dir "$1")/bgpd.sock" $2
}

# "  BGP state = Established, up for 00:00:09" -> Established
openbgpd_state()
{
        openbgpd_bgpctl "$1" "show neighbor $PEER_NEIGHBOR" |
                sed -n 's/^[[:space:]]*BGP state = \([A-Za-z]*\).*/\1/p' | head -n 1
}

# bgpctl's "Last error received" and "Last received shutdown reason", and the log's lines.
openbgpd_last_error()
{
        openbgpd_bgpctl "$1" "show neighbor $PEER_NEIGHBOR" |
                grep -iE 'last error|shutdown|BGP state'
        grep -iE 'notification|shutdown' "$(lbgp_dir "$1")/bgpd.log" 2>/dev/null | tail -n 5
}

# The "Keepalives" row of the Message statistics table: Sent, then Received.
openbgpd_keepalives_in()
{
        openbgpd_bgpctl "$1" "show neighbor $PEER_NEIGHBOR" |
                awk '$1 == "Keepalives" { print $3; exit }'
}

openbgpd_stop()
{
        local pid
        eval "pid=\${OPENBGPD_PID_$1:-}"
        lbgp_stop_pid "$pid"
}
