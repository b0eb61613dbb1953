# conformance/peers/frr.sh - FRR 8.4 bgpd as a test peer; source after lib.sh.
#
# bgpd runs (-n: it installs no kernel routes) in the foreground,
# with every path it would otherwise take from /etc/frr or /run/frr pointed into its own
# directory: config, pid file, vty socket and zebra's API socket.  A system FRR started by
# the package's service therefore never meets ours, and neither listens in the other's
# namespace.  vtysh reaches ours through --vty_socket.
#
# With FRR_ZEBRA=1, bgpd gets a zebra of its own: a bgpd without zebra knows no interface,
# and then treats every UPDATE whose next hop includes a link-local address (RFC 2545 3,
# which lbgpd and FRR send to a peer on a shared link) as a withdrawal.  Tests where FRR
# must accept our routes set it; by default bgpd runs alone (-Z).  With zebra, FRR 8.4
# announces a `network` only if zebra has the route, unless `no bgp network import-check`.
# zebra runs as FRR's user, frr (it has no option to stay root), so the peer's directory is
# frr's and LBGP_TMP above it may be traversed (mode 711); bgpd stays root (-S).

FRR_BGPD=${FRR_BGPD:-/usr/lib/frr/bgpd}
FRR_ZEBRA_BIN=${FRR_ZEBRA_BIN:-/usr/lib/frr/zebra}

# frr_config NAME: the bgpd.conf for the PEER_* variables (see lib.sh).
frr_config()
{
        local n=$PEER_NEIGHBOR
        cat <<EOF
frr defaults traditional
hostname $1
log file $(lbgp_dir "$1")/bgpd.log debugging
log timestamp precision 3
debug bgp neighbor-events
!
router bgp $PEER_AS
 bgp router-id $PEER_ROUTER_ID
 no bgp ebgp-requires-policy
 no bgp default ipv4-unicast
 neighbor $n remote-as $PEER_NEIGHBOR_AS
 neighbor $n update-source $PEER_ADDR
 neighbor $n timers $((PEER_HOLD / 3)) $PEER_HOLD
 neighbor $n timers connect 5
EOF
        # Without zebra bgpd knows no interfaces, so it cannot tell that a direct eBGP
        # neighbor is on a connected network; the check would keep it from ever connecting.
        echo " neighbor $n disable-connected-check"
        [ "$PEER_PASSIVE" = 1 ] && echo " neighbor $n passive"
        [ -n "$PEER_TTL_SECURITY" ] && echo " neighbor $n ttl-security hops $PEER_TTL_SECURITY"
        [ -n "$PEER_MULTIHOP" ] && echo " neighbor $n ebgp-multihop $PEER_MULTIHOP"
        [ -n "$PEER_MD5" ] && echo " neighbor $n password $PEER_MD5"
        cat <<EOF
 address-family ipv6 unicast
  neighbor $n activate
 exit-address-family
 address-family ipv4 unicast
  neighbor $n activate
 exit-address-family
!
EOF
}

# frr_start NAME NS
frr_start()
{
        local dir
        lbgp_require "$FRR_BGPD" vtysh
        dir=$(lbgp_dir "$1")
        frr_config "$1" >"$dir/bgpd.conf"
        local no_zebra=-Z
        if [ "${FRR_ZEBRA:-0}" = 1 ]; then
                lbgp_require "$FRR_ZEBRA_BIN"
                : >"$dir/zebra.conf"
                chmod 711 "$LBGP_TMP" && chown -R frr:frr "$dir" ||
                        lbgp_fail "cannot give $dir to FRR's user, frr"
                lbgp_bg "$2" "$dir/zebra.out" "$FRR_ZEBRA_BIN" -f "$dir/zebra.conf" \
                        -i "$dir/zebra.pid" --vty_socket "$dir" -z "$dir/zserv.api" -P 0
                eval "FRR_ZEBRA_PID_$1=\$LBGP_BG_PID"
                lbgp_wait 10 "FRR $1 zebra's socket" test -S "$dir/zserv.api" || {
                        lbgp_show "FRR $1 zebra output" "$dir/zebra.out"
                        lbgp_fail "FRR $1's zebra did not start"
                }
                no_zebra=""
        fi
        # -S: we are root already and our directory is not frr's; -P 0: no vty TCP port;
        # -l: listen only on the session's address.
        lbgp_bg "$2" "$dir/stdout.log" "$FRR_BGPD" $no_zebra -n -S -f "$dir/bgpd.conf" \
                -i "$dir/bgpd.pid" --vty_socket "$dir" -z "$dir/zserv.api" -P 0 \
                -l "$PEER_ADDR"
        eval "FRR_PID_$1=\$LBGP_BG_PID"
        eval "FRR_NS_$1=\$2"
        lbgp_wait 10 "FRR $1 vty socket" test -S "$dir/bgpd.vty" || {
                lbgp_show "FRR $1 output" "$dir/stdout.log"
                lbgp_fail "FRR $1 did not start"
        }
}

# frr_vtysh NAME COMMAND
frr_vtysh()
{
        local ns
        eval "ns=\$FRR_NS_$1"
        lbgp_in "$ns" vtysh --vty_socket "$(lbgp_dir "$1")" -d bgpd -c "$2"
}

# frr_json NAME PYTHON-EXPRESSION: evaluates the expression on `show bgp neighbors json`
# for PEER_NEIGHBOR, bound to n.
frr_json()
{
        frr_vtysh "$1" "show bgp neighbors $PEER_NEIGHBOR json" |
                python3 -c 'import json,sys
d = json.load(sys.stdin)
n = next(iter(d.values())) if d else {}
v = eval(sys.argv[1])
print("" if v is None else v)' "$2" 2>/dev/null
}

frr_state()
{
        frr_json "$1" 'n.get("bgpState")'
}

# What FRR says about the last reset and the last NOTIFICATION, and its log lines about them.
frr_last_error()
{
        frr_json "$1" '"%s | %s | %s" % (n.get("lastResetDueTo"), n.get("lastNotificationReason"), n.get("lastShutdownDescription"))'
        grep -E 'NOTIFICATION|[Ss]hutdown' "$(lbgp_dir "$1")/bgpd.log" 2>/dev/null | tail -n 5
}

frr_keepalives_in()
{
        frr_json "$1" 'n["messageStats"]["keepalivesRecv"]'
}

frr_stop()
{
        local pid zpid
        eval "pid=\${FRR_PID_$1:-}"
        eval "zpid=\${FRR_ZEBRA_PID_$1:-}"
        lbgp_stop_pid "$pid"
        [ -n "$zpid" ] && lbgp_stop_pid "$zpid"
        return 0
}
