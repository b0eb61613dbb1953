#!/bin/bash
# update_source.sh CASE BGP_PROBE - the binding's update-source against a real peer (FRR).
#
# The probe's namespace has two addresses on its veth, 2001:db8:7::2 and 2001:db8:7::1
# (added in that order, so that the kernel's own choice of source towards the peer is ::1;
# the script checks that it is), and FRR (2001:db8:7::ff) is passive and knows one
# neighbor only: a connection from any other source is refused by FRR.
#
# CASE is one of:
#   address     FRR's neighbor is 2001:db8:7::2.  `--update-source 2001:db8:7::2`
#               establishes, and FRR's CLI shows the session coming from ::2.  Control:
#               without --update-source the connection comes from ::1 and does not
#               establish within 10 s, while FRR logs that it refused ::1.
#   interface   a second interface up0 in the probe's namespace (one end of a veth pair
#               whose other end stays there too) carries 2001:db8:8::2/128, routed from
#               FRR's side; FRR's neighbor is 2001:db8:8::2.  `--update-source up0`
#               establishes, and FRR's CLI shows the session coming from 2001:db8:8::2.
#               Control: without --update-source it does not establish within 10 s.
# The controls run first, so that FRR has not yet seen the probe's Cease when they run.
#
# Exits 0 on success, 1 on failure, 77 when the host cannot create namespaces.
# shellcheck source-path=SCRIPTDIR
set -u

here=$(cd "$(dirname "$0")" && pwd)
case=${1:?usage: update_source.sh address|interface BGP_PROBE}
probe=${2:?usage: update_source.sh address|interface BGP_PROBE}
case $case in
address | interface) ;;
*) echo "unknown case: $case" >&2; exit 2 ;;
esac
. "$here/lib.sh"
. "$here/peers/frr.sh"

lbgp_init "update_source.$case"
lbgp_require "$probe" python3 ss
t0=$(lbgp_now)
failed=0

PEER=2001:db8:7::ff
KERNEL_PICK=2001:db8:7::1
if [ "$case" = address ]; then
        SOURCE=2001:db8:7::2
        OPTION=$SOURCE
else
        SOURCE=2001:db8:8::2
        OPTION=up0
fi

# ---- topology -----------------------------------------------------------------------------

lbgp_ns_add probe
lbgp_ns_add peer
lbgp_link probe eth0 peer eth0
# The kernel prefers the address added last among equals (RFC 6724 leaves the tie open):
# ::1 goes last so that it is the source a socket bound to nothing gets.
lbgp_addr probe eth0 2001:db8:7::2/64
lbgp_addr probe eth0 2001:db8:7::1/64
lbgp_addr peer eth0 "$PEER/64"
if [ "$case" = interface ]; then
        # A dummy interface would do, but not every kernel has the module; a veth pair
        # with both ends in the probe's namespace is an interface that is up all the same.
        ip -n "$(lbgp_ns probe)" link add up0 type veth peer name up0-end ||
                lbgp_fail "cannot create the interface up0"
        ip -n "$(lbgp_ns probe)" link set up0-end up
        ip -n "$(lbgp_ns probe)" link set up0 up
        lbgp_addr probe up0 "$SOURCE/128"
        lbgp_route peer "$SOURCE/128" "$KERNEL_PICK"
        lbgp_wait 5 "FRR's namespace to reach $SOURCE" lbgp_reachable peer "$SOURCE" ||
                lbgp_fail "no route from the peer's namespace to $SOURCE"
fi
lbgp_log "probe's addresses: $(ip -n "$(lbgp_ns probe)" -6 -br addr show scope global |
        tr -s ' ' | tr '\n' ';')"

# The control is only worth something if the kernel's own choice is not the neighbor.
picked=$(ip -n "$(lbgp_ns probe)" -6 route get "$PEER" |
        sed -n 's/.* src \([0-9a-f:]*\).*/\1/p')
lbgp_log "the kernel's source towards $PEER without update-source: ${picked:-none}"
[ "$picked" = "$KERNEL_PICK" ] ||
        lbgp_fail "the kernel picks ${picked:-no source}, not $KERNEL_PICK: the control would prove nothing"

# ---- FRR ------------------------------------------------------------------------------------

lbgp_peer_defaults
PEER_AS=65002
PEER_ROUTER_ID=192.0.2.2
PEER_ADDR=$PEER
PEER_NEIGHBOR=$SOURCE
PEER_NEIGHBOR_AS=65001
PEER_HOLD=9
# FRR never connects out: whatever session comes up is the probe's connection.
PEER_PASSIVE=1
frr_start p peer
FRR_LOG=$(lbgp_dir p)/bgpd.log

# run_probe LABEL EXPECT SECONDS ARGS...: runs the probe in the probe's namespace, in the
# background; events to $LBGP_TMP/LABEL.out, log to LABEL.err, pid in PROBE_PID.
run_probe()
{
        local label=$1 expect=$2 secs=$3
        shift 3
        PROBE_OUT=$LBGP_TMP/$label.out
        PROBE_ERR=$LBGP_TMP/$label.err
        local extra=()
        [ "$expect" = established ] &&
                extra=(--expect-state established --stop-after 15 --shutdown-msg "$label done")
        lbgp_bg2 probe "$PROBE_OUT" "$PROBE_ERR" "$probe" --local-as 65001 \
                --router-id 192.0.2.1 --peer "$PEER" --peer-as 65002 --hold 9 \
                --connect-retry 3 --run "$secs" "${extra[@]}" "$@"
        PROBE_PID=$LBGP_BG_PID
}

probe_failed()
{
        lbgp_log "FAILED: $1"
        lbgp_show "probe events" "$PROBE_OUT"
        lbgp_show "probe log" "$PROBE_ERR"
        failed=1
}

# The connections FRR's namespace has on port 179, "local peer" pairs.
peer_sockets()
{
        lbgp_in peer ss -Htn state established '( sport = :179 )' | awk '{print $3, $4}'
}

# FRR's view of the neighbor: its state and the address the connection came from.
frr_view()
{
        frr_json p '"%s %s %s" % (n.get("bgpState"), n.get("hostForeign"), n.get("hostLocal"))'
}

# ---- control: no update-source ------------------------------------------------------------

lbgp_log "control: the probe without --update-source, 10 s"
run_probe control none 10
lbgp_wait_exit "$PROBE_PID" 20 || probe_failed "the control probe did not end by itself"
if lbgp_has_line "$PROBE_OUT" '^state [A-Za-z]+ (OpenConfirm|Established)$'; then
        probe_failed "without --update-source the session went beyond OpenSent: FRR accepted $KERNEL_PICK"
elif ! lbgp_has_line "$PROBE_OUT" '^state [A-Za-z]+ (OpenSent|Active)$'; then
        probe_failed "without --update-source the probe never tried to connect"
else
        lbgp_log "control: $(grep -c '^state [A-Za-z]* OpenSent$' "$PROBE_OUT") connection(s) from the probe reached OpenSent, none further"
fi
# FRR refuses by source: its log names the address it refused.
refused=$(grep -F "$KERNEL_PICK" "$FRR_LOG" 2>/dev/null | grep -Ei 'not configured|refus|reject' |
        tail -n 1)
if [ -n "$refused" ]; then
        lbgp_log "FRR: ${refused#*: }"
else
        lbgp_log "FAILED: FRR's log does not show a connection from $KERNEL_PICK refused"
        grep -Ei 'connection|accept' "$FRR_LOG" | tail -n 10 >&2
        failed=1
fi
state=$(frr_state p)
[ "$state" = Established ] && probe_failed "FRR is Established after the control"

# ---- update-source ------------------------------------------------------------------------

lbgp_log "the probe with --update-source $OPTION"
t1=$(lbgp_now)
run_probe with established 40 --update-source "$OPTION"
if lbgp_wait 30 "the probe to reach Established" \
        lbgp_has_line "$PROBE_OUT" '^state OpenConfirm Established$'; then
        lbgp_log "Established $(($(lbgp_now) - t1)) s after the start"
        lbgp_wait 12 "FRR to report Established" lbgp_peer_is frr p Established ||
                true
        view=$(frr_view)
        sockets=$(peer_sockets)
        lbgp_log "FRR's CLI: state, foreign host, local host: $view"
        lbgp_log "FRR's namespace, port 179 (local peer): ${sockets:-none}"
        read -r st foreign _ <<<"$view"
        [ "$st" = Established ] || probe_failed "FRR does not report the session Established"
        [ "$foreign" = "$SOURCE" ] ||
                probe_failed "FRR sees the session from $foreign, not from $SOURCE"
        printf '%s\n' "$sockets" | grep -q "^\[\?$PEER\]\?:179 \[\?$SOURCE\]\?:[0-9]*$" ||
                probe_failed "FRR's namespace has no connection from $SOURCE on port 179"
else
        probe_failed "--update-source $OPTION: no session"
        lbgp_log "FRR's CLI: $(frr_view)"
        grep -F "2001:db8:" "$FRR_LOG" | grep -Ei 'not configured|refus|reject' | tail -n 3 >&2
fi
lbgp_wait_exit "$PROBE_PID" 20 || probe_failed "the probe did not end by itself"
[ "$LBGP_STATUS" -eq 0 ] || probe_failed "the probe's expectation failed (exit $LBGP_STATUS)"
grep -F 'update-source' "$PROBE_ERR" >&2

frr_stop p
if [ "$failed" -ne 0 ]; then
        lbgp_show "FRR" "$FRR_LOG" 30
        lbgp_fail "$case failed after $(($(lbgp_now) - t0)) s"
fi
lbgp_log "PASS in $(($(lbgp_now) - t0)) s"
