# conformance/peers/exabgp.sh - ExaBGP 4.2 as a test peer; source after lib.sh.
#
# ExaBGP does not listen unless told to (exabgp.tcp.bind is empty): it is the active
# speaker, so the probe runs --passive --listen against it.  Its settings come from
# environment variables (they override any exabgp.env), all pointing into its own
# directory: pid file, log, and no CLI pipes in /run/exabgp.  A helper process receives
# every message ExaBGP receives, raw, as JSON lines (api.log): that is where keepalives and
# the NOTIFICATION are counted, since ExaBGP has no query tool of its own without the CLI.

# exabgp_config NAME: the configuration for the PEER_* variables (see lib.sh).
exabgp_config()
{
        local passive=false
        [ "$PEER_PASSIVE" = 1 ] && passive=true
        cat <<EOF
process watch {
        run $(lbgp_dir "$1")/api.sh;
        encoder json;
}

neighbor $PEER_NEIGHBOR {
        router-id $PEER_ROUTER_ID;
        local-address $PEER_ADDR;
        local-as $PEER_AS;
        peer-as $PEER_NEIGHBOR_AS;
        hold-time $PEER_HOLD;
        passive $passive;
EOF
        [ -n "$PEER_MD5" ] && echo "        md5-password $PEER_MD5;"
        [ -n "$PEER_TTL_SECURITY" ] &&
                echo "        outgoing-ttl 255; incoming-ttl $((256 - PEER_TTL_SECURITY));"
        [ -n "$PEER_MULTIHOP" ] && [ -z "$PEER_TTL_SECURITY" ] &&
                echo "        outgoing-ttl $PEER_MULTIHOP;"
        cat <<EOF
        family {
                ipv6 unicast;
                ipv4 unicast;
        }
        api {
                processes [ watch ];
                neighbor-changes;
                receive {
                        packets;
                        open;
                        keepalive;
                        notification;
                        update;
                }
        }
}
EOF
}

# exabgp_start NAME NS
exabgp_start()
{
        local dir
        lbgp_require exabgp
        dir=$(lbgp_dir "$1")
        exabgp_config "$1" >"$dir/exabgp.conf"
        # ExaBGP counts a helper whose stdout closes as dead: fd 3 keeps it open while
        # cat writes what it reads to the file.
        printf '#!/bin/sh\nexec 3>&1\nexec cat >>"%s"\n' "$dir/api.log" >"$dir/api.sh"
        chmod 755 "$dir/api.sh"
        : >"$dir/exabgp.env"
        : >"$dir/api.log"
        lbgp_bg "$2" "$dir/exabgp.log" env \
                exabgp.daemon.user=root exabgp.daemon.drop=false \
                exabgp.daemon.daemonize=false exabgp.daemon.pid="$dir/exabgp.pid" \
                exabgp.log.destination="$dir/exabgp.log" exabgp.log.level=${EXABGP_LOG_LEVEL:-INFO} \
                exabgp.log.network=true exabgp.log.reactor=true \
                exabgp.api.cli=false exabgp.tcp.bind= \
                exabgp --env "$dir/exabgp.env" "$dir/exabgp.conf"
        eval "EXABGP_PID_$1=\$LBGP_BG_PID"
        eval "EXABGP_NS_$1=\$2"
        lbgp_wait 15 "ExaBGP $1 pid file" test -s "$dir/exabgp.pid" || {
                lbgp_show "ExaBGP $1 log" "$dir/exabgp.log"
                lbgp_fail "ExaBGP $1 did not start"
        }
}

# exabgp_api NAME PYTHON-EXPRESSION over the JSON messages in api.log, bound to msgs.
exabgp_api()
{
        python3 -c 'import json,sys
msgs = []
for line in open(sys.argv[1]):
    try:
        msgs.append(json.loads(line))
    except ValueError:
        pass
v = eval(sys.argv[2])
print("" if v is None else v)' "$(lbgp_dir "$1")/api.log" "$2" 2>/dev/null
}

# The last neighbor-changes "state" message: "up" is Established, "down" after it Idle.
exabgp_state()
{
        exabgp_api "$1" '{"up": "Established", "down": "Idle", "connected": "OpenSent"}.get(([m["neighbor"]["state"] for m in msgs if m.get("type") == "state"] or ["Idle"])[-1], "Active")'
}

# The NOTIFICATIONs ExaBGP received, decoded here from the raw bytes its API passed on
# (ExaBGP 4.2.21's own decoder raises on every RFC 9003 shutdown communication under
# Python 3 and answers it with NOTIFICATION 1/0 "can not decode update message of type 3";
# the raw message reaches the API before that), then its down reasons and log lines.
exabgp_last_error()
{
        exabgp_api "$1" '"\n".join(
    "notification received %d/%d%s%s" % (b[0], b[1],
        " (Cease/Administrative Shutdown)" if b[:2] == b"\x06\x02" else "",
        (" shutdown \"%s\"" % b[3:3 + b[2]].decode("utf-8", "replace")) if len(b) > 2 else "")
    for b in (bytes.fromhex(m["neighbor"]["message"]["body"][2:]) for m in msgs
              if m.get("type") == "notification" and "message" in m.get("neighbor", {})))'
        exabgp_api "$1" '"\n".join("down: " + m["neighbor"].get("reason", "") for m in msgs if m.get("type") == "state" and m["neighbor"].get("state") == "down")' |
                tail -n 3
        grep -iE 'notification|shutdown|peer reset' "$(lbgp_dir "$1")/exabgp.log" 2>/dev/null |
                tail -n 5
}

exabgp_keepalives_in()
{
        exabgp_api "$1" 'sum(1 for m in msgs if m.get("type") == "keepalive" and m["neighbor"].get("direction", "receive") == "receive")'
}

exabgp_stop()
{
        local pid
        eval "pid=\${EXABGP_PID_$1:-}"
        lbgp_stop_pid "$pid"
}
