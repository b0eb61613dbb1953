# conformance/peers/gobgp.sh - GoBGP 3 as a test peer; source after lib.sh.
#
# gobgpd runs in the foreground with its gRPC API on a unix socket in its own directory
# (no TCP port at all, so nothing collides with another gobgpd) and pprof off.  It never
# installs routes: gobgpd has no FIB code of its own without zebra.  Its log (JSON lines) is
# where the NOTIFICATION it received shows; `gobgp neighbor` gives state and counters.

# gobgp_config NAME: the TOML config for the PEER_* variables (see lib.sh).
gobgp_config()
{
        local passive=false
        [ "$PEER_PASSIVE" = 1 ] && passive=true
        cat <<EOF
[global.config]
  as = $PEER_AS
  router-id = "$PEER_ROUTER_ID"
  port = 179
  local-address-list = ["$PEER_ADDR"]

[[neighbors]]
  [neighbors.config]
    neighbor-address = "$PEER_NEIGHBOR"
    peer-as = $PEER_NEIGHBOR_AS
EOF
        [ -n "$PEER_MD5" ] && echo "    auth-password = \"$PEER_MD5\""
        cat <<EOF
  [neighbors.timers.config]
    hold-time = $PEER_HOLD
    keepalive-interval = $((PEER_HOLD / 3))
    connect-retry = 5
  [neighbors.transport.config]
    local-address = "$PEER_ADDR"
    passive-mode = $passive
EOF
        if [ -n "$PEER_MULTIHOP" ]; then
                cat <<EOF
  [neighbors.ebgp-multihop.config]
    enabled = true
    multihop-ttl = $PEER_MULTIHOP
EOF
        fi
        if [ -n "$PEER_TTL_SECURITY" ]; then
                cat <<EOF
  [neighbors.ttl-security.config]
    enabled = true
    ttl-min = $((256 - PEER_TTL_SECURITY))
EOF
        fi
        cat <<EOF
  [[neighbors.afi-safis]]
    [neighbors.afi-safis.config]
      afi-safi-name = "ipv6-unicast"
  [[neighbors.afi-safis]]
    [neighbors.afi-safis.config]
      afi-safi-name = "ipv4-unicast"
EOF
}

# gobgp_start NAME NS
gobgp_start()
{
        local dir
        lbgp_require gobgpd gobgp
        dir=$(lbgp_dir "$1")
        gobgp_config "$1" >"$dir/gobgpd.toml"
        lbgp_bg "$2" "$dir/gobgpd.log" gobgpd -f "$dir/gobgpd.toml" -l debug \
                --api-hosts "unix://$dir/gobgpd.sock" --pprof-disable
        eval "GOBGP_PID_$1=\$LBGP_BG_PID"
        eval "GOBGP_NS_$1=\$2"
        lbgp_wait 15 "GoBGP $1 API socket" test -S "$dir/gobgpd.sock" || {
                lbgp_show "GoBGP $1 log" "$dir/gobgpd.log"
                lbgp_fail "GoBGP $1 did not start"
        }
}

# gobgp_cli NAME ARGS...
gobgp_cli()
{
        local ns name=$1
        eval "ns=\$GOBGP_NS_$1"
        shift
        lbgp_in "$ns" gobgp --target "unix://$(lbgp_dir "$name")/gobgpd.sock" "$@"
}

# gobgp_json NAME PYTHON-EXPRESSION on `gobgp neighbor ADDR -j`, bound to n.
gobgp_json()
{
        gobgp_cli "$1" neighbor "$PEER_NEIGHBOR" -j |
                python3 -c 'import json,sys
n = json.load(sys.stdin)
v = eval(sys.argv[1])
print("" if v is None else v)' "$2" 2>/dev/null
}

# GoBGP's session_state is 1..6 in the RFC's order (0 is unknown).
gobgp_state()
{
        gobgp_json "$1" '["Unknown", "Idle", "Connect", "Active", "OpenSent", "OpenConfirm", "Established"][n["state"].get("session_state", 0)]'
}

# The log's peer-down lines: GoBGP writes the NOTIFICATION's code, subcode and data there.
gobgp_last_error()
{
        grep -iE 'notification|peer down|shutdown' "$(lbgp_dir "$1")/gobgpd.log" 2>/dev/null |
                tail -n 5
}

gobgp_keepalives_in()
{
        gobgp_json "$1" 'n["state"]["messages"]["received"].get("keepalive", 0)'
}

gobgp_stop()
{
        local pid
        eval "pid=\${GOBGP_PID_$1:-}"
        lbgp_stop_pid "$pid"
}
