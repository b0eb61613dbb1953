#!/bin/bash
# session_peers.sh PEER BGP_PROBE - one whole session between libbgp and a real peer.
#
# PEER is bird, frr, gobgp, openbgpd or exabgp (peers/PEER.sh).  In two namespaces joined
# by a veth pair (2001:db8:1::1 the probe, 2001:db8:1::2 the peer), with a 9 s hold time:
#   1. the session reaches Established, with keepalive 3 and hold 9 negotiated;
#   2. it stays up for more than three hold times with no UPDATE carrying a route.  That
#      only works if keepalives flow both ways: the probe would close the session on its
#      hold timer otherwise, and the peer's own counters show ours arriving;
#   3. the probe ends it with Cease/Administrative Shutdown and an RFC 9003 message, and
#      the peer's tools show that it received exactly that.
# ExaBGP only connects out, so there the probe is passive; elsewhere both sides may
# connect and any collision is the binding's to resolve.
#
# Exits 0 on success, 1 on failure, 77 when the host cannot create namespaces.
set -u

here=$(cd "$(dirname "$0")" && pwd)
peer=${1:?usage: session_peers.sh PEER BGP_PROBE}
probe=${2:?usage: session_peers.sh PEER BGP_PROBE}
. "$here/lib.sh"
[ -f "$here/peers/$peer.sh" ] || { echo "unknown peer: $peer" >&2; exit 2; }
. "$here/peers/$peer.sh"

lbgp_init "session.$peer"
lbgp_require "$probe" python3

HOLD=9
# Seconds Established before the probe stops: three hold times (27 s) and a margin, so that
# the peer can still be asked, 28 s in, while the session is up on a busy machine.
IDLE_FOR=34
LOOK_AT=28
MSG="libbgp conformance: three hold times idle with $peer, goodbye"
t0=$(lbgp_now)
out=$LBGP_TMP/probe.out
err=$LBGP_TMP/probe.err

# On failure, everything that could say why.
report()
{
        lbgp_show "probe events" "$out"
        lbgp_show "probe log" "$err"
        lbgp_log "$peer says: $("${peer}_last_error" p 2>&1 | tr '\n' ' ')"
        for f in "$LBGP_TMP"/p/*.log; do
                lbgp_show "$peer" "$f" 40
        done
}

fail()
{
        report
        lbgp_fail "$*"
}

lbgp_ns_add probe
lbgp_ns_add peer
lbgp_link probe eth0 peer eth0
lbgp_addr probe eth0 2001:db8:1::1/64
lbgp_addr peer eth0 2001:db8:1::2/64

lbgp_peer_defaults
PEER_AS=65002
PEER_ROUTER_ID=192.0.2.2
PEER_ADDR=2001:db8:1::2
PEER_NEIGHBOR=2001:db8:1::1
PEER_NEIGHBOR_AS=65001
PEER_HOLD=$HOLD
"${peer}_start" p peer

args=(--local-as 65001 --router-id 192.0.2.1 --peer 2001:db8:1::2 --peer-as 65002
      --listen 2001:db8:1::1 --hold "$HOLD" --run $((IDLE_FOR + 45))
      --stop-after "$IDLE_FOR" --shutdown-msg "$MSG" --expect-state established)
[ "$peer" = exabgp ] && args+=(--passive)
lbgp_bg2 probe "$out" "$err" "$probe" "${args[@]}"
probe_pid=$LBGP_BG_PID

# 1. Established, with the timers we asked for.
lbgp_wait 30 "the probe to reach Established" \
        lbgp_has_line "$out" '^state OpenConfirm Established$' || fail "no session"
t_up=$(lbgp_now)
lbgp_log "Established after $((t_up - t0)) s"
lbgp_has_line "$out" "^keepalive-interval $((HOLD / 3)) hold $HOLD\$" ||
        fail "negotiated timers are not keepalive $((HOLD / 3)) hold $HOLD"
lbgp_wait 10 "$peer to report Established" lbgp_peer_is "$peer" p Established ||
        fail "$peer does not see the session Established"

# 2. Three hold times with nothing but keepalives.  Look after them, before the stop.
left=$((LOOK_AT - ($(lbgp_now) - t_up)))
[ "$left" -gt 0 ] && sleep "$left"
lbgp_peer_is "$peer" p Established || fail "$peer left Established during the idle time"
if lbgp_has_line "$out" '^state Established '; then
        fail "the probe left Established during the idle time"
fi
kin=$("${peer}_keepalives_in" p)
lbgp_log "$peer received $kin keepalives from the probe in $(($(lbgp_now) - t_up)) s"
# Keepalive 3 s with jitter (RFC 4271 10: 0.75 to 1 times) over 27 s and more: at least 9;
# anything under 7 means keepalives were missing.
[ -n "$kin" ] && [ "$kin" -ge 7 ] || fail "$peer counted ${kin:-no} keepalives from the probe"
if lbgp_has_line "$out" '^update ([1-9]|[0-9]+ [1-9])'; then
        fail "routes arrived although neither side announces any"
fi

# 3. The probe's Administrative Shutdown, and the peer's view of it.
lbgp_wait_exit "$probe_pid" 20 || fail "the probe did not exit after its stop"
[ "$LBGP_STATUS" -eq 0 ] || fail "the probe's expectation failed (exit $LBGP_STATUS)"
lbgp_has_line "$out" '^notification sent 6 2 shutdown "'"$MSG"'"$' ||
        fail "the probe did not send Cease/Administrative Shutdown with the message"
if lbgp_has_line "$out" '^notification received'; then
        fail "the probe received a NOTIFICATION"
fi
seen_shutdown()
{
        local said
        said=$("${peer}_last_error" p 2>/dev/null)
        printf '%s\n' "$said" | grep -qiE 'admin(istrative(ly)?)?[ ._-]*(shutdown|down)' &&
                printf '%s\n' "$said" | grep -qF "$MSG"
}
lbgp_wait 10 "$peer to report the Administrative Shutdown and its message" seen_shutdown ||
        fail "$peer does not show Cease/Administrative Shutdown with \"$MSG\""
lbgp_log "$peer saw: $("${peer}_last_error" p | grep -F "$MSG" | head -n 1)"
lbgp_show "probe events" "$out"
lbgp_log "PASS in $(($(lbgp_now) - t0)) s"
