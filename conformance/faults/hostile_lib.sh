# conformance/faults/hostile_lib.sh - shared by the hostile fault scenarios of issue #7
# (hostile_*.sh); source it, do not run it.
#
# It sources conformance/lib.sh, peers/frr.sh, peers/bird.sh, seed_lib.sh and seed_lbgpd.sh,
# so that every scenario runs lbgpd on (a copy of) the seed's frr.conf in the seed's
# topology (seed_lib.sh: router, ifog, lagrange) unless it says otherwise, and adds:
#   hostile_init NAME LBGPD LBGPCTL     lbgp_init, and the programs every scenario needs
#   hostile_check_failed WHAT, hostile_finish LOG...   a failure said; the verdict at the end
#   hostile_conf OUT SEED FROM TO...    SEED with exact lines replaced, checked
#   hostile_ctl ARGS...                 lbgpctl on the run's lbgpd
#   hostile_q EXPR ARGS...              EXPR (python, on d) of lbgpctl ARGS... json
#   hostile_nb ADDR EXPR                EXPR (python, on n) of `show bgp neighbors ADDR json`
#   hostile_peer NS ARGS...             hostile_peer.py (a raw-byte BGP peer) in NS
#   hostile_lbgpd_start CONF ARGS...    lbgpd in the router namespace, as seed_lbgpd_run;
#   hostile_lbgpd_stop                  and its exit, 0 on SIGTERM
#   hostile_session ADDR, hostile_locrib   a neighbor's "state up-count drop-count"; best paths
#   hostile_plain_peers                 peers/frr.sh's and bird.sh's configs, not the seed's
#   hostile_ifog_frr                    the seed's iFog (FRR) alone
#   hostile_memory                      lbgpd's own count of its memory: "ROUTER RIB" bytes
#   hostile_rss PID                     a process's resident set, KiB
# Scenarios 6 and 8 to 11 of issue #7 are in hostile_<what>.sh, each registered in
# hostile.cmake (7 is ../seed_maxprefix.sh).

hostile_here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
HOSTILE_CONF_DIR=$(cd "$hostile_here/.." && pwd)
. "$HOSTILE_CONF_DIR/lib.sh"
. "$HOSTILE_CONF_DIR/peers/frr.sh"
. "$HOSTILE_CONF_DIR/peers/bird.sh"
. "$HOSTILE_CONF_DIR/seed_lib.sh"
. "$HOSTILE_CONF_DIR/seed_lbgpd.sh"
HOSTILE_PEER=$hostile_here/hostile_peer.py
hostile_failed=0

# hostile_init NAME LBGPD LBGPCTL: the trap, the temporary directory, the watchdog
# (LBGP_DEADLINE, set it first), and LBGPD, LBGPCTL and the start time HOSTILE_T0.
hostile_init()
{
        lbgp_init "fault.$1"
        LBGPD=$2
        LBGPCTL=$3
        lbgp_require "$LBGPD" "$LBGPCTL" python3
        HOSTILE_T0=$(lbgp_now)
}

# A failed assertion: said at once, the test goes on so that one run shows every failure.
hostile_check_failed()
{
        lbgp_log "FAILED: $*"
        hostile_failed=1
}

# hostile_finish [LOG...]: the logs given when something failed, then the verdict.
hostile_finish()
{
        local f
        if [ "$hostile_failed" != 0 ]; then
                for f in "$@"; do
                        lbgp_show "$(basename "$(dirname "$f")")/$(basename "$f")" "$f" 40
                done
                lbgp_fail "see the FAILED lines above"
        fi
        lbgp_log "PASS in $(($(lbgp_now) - HOSTILE_T0)) s"
}

# hostile_conf OUT SEED "FROM" "TO" ...: SEED with each line FROM (exact, whole line)
# replaced by TO (which may hold several lines, or be empty to delete it); TO "+" appends
# FROM's replacement after the line instead.  Fails when a FROM is not in SEED once.
hostile_conf()
{
        local out=$1 seed=$2
        shift 2
        python3 - "$seed" "$out" "$@" <<'PY' || lbgp_fail "cannot make $out from $seed"
import sys
seed, out, pairs = sys.argv[1], sys.argv[2], sys.argv[3:]
lines = open(seed).read().split("\n")
for frm, to in zip(pairs[0::2], pairs[1::2]):
    idx = [i for i, l in enumerate(lines) if l == frm]
    if len(idx) != 1:
        sys.exit("%d lines \"%s\" in %s" % (len(idx), frm, seed))
    i = idx[0]
    lines[i:i + 1] = [] if to == "" else to.split("\n")
open(out, "w").write("\n".join(lines))
PY
}

# hostile_lbgpd_start CONF ARGS...: lbgpd in namespace router on a copy of CONF, as
# seed_lbgpd_run (--log stderr, `lbgpd -n` first), with ARGS added (-v for the state
# changes).  Sets HOSTILE_LBGPD_PID, HOSTILE_DIR (its directory) and HOSTILE_LOG.
hostile_lbgpd_start()
{
        local conf=$1
        shift
        HOSTILE_DIR=$(lbgp_dir router)
        HOSTILE_LOG=$HOSTILE_DIR/lbgpd.log
        cp "$conf" "$HOSTILE_DIR/frr.conf" || lbgp_fail "cannot copy $conf"
        lbgp_in router "$LBGPD" -n -f "$HOSTILE_DIR/frr.conf" >"$HOSTILE_DIR/check.log" 2>&1 || {
                lbgp_show "lbgpd -n" "$HOSTILE_DIR/check.log"
                lbgp_fail "lbgpd -n rejects $conf"
        }
        lbgp_bg router "$HOSTILE_LOG" "$LBGPD" -f "$HOSTILE_DIR/frr.conf" \
                -s "$HOSTILE_DIR/lbgpd.sock" --log stderr "$@"
        HOSTILE_LBGPD_PID=$LBGP_BG_PID
        SEED_LBGPD_PID=$LBGP_BG_PID
        lbgp_wait 10 "lbgpd's control socket" test -S "$HOSTILE_DIR/lbgpd.sock" || {
                lbgp_show "lbgpd" "$HOSTILE_LOG"
                lbgp_fail "lbgpd did not start"
        }
}

# hostile_lbgpd_stop: SIGTERM, and lbgpd must exit 0 within HOSTILE_STOP_WAIT seconds
# (default 15; it removes its kernel routes first).
hostile_lbgpd_stop()
{
        kill -TERM "$HOSTILE_LBGPD_PID" 2>/dev/null
        lbgp_wait_exit "$HOSTILE_LBGPD_PID" "${HOSTILE_STOP_WAIT:-15}" ||
                hostile_check_failed "lbgpd did not exit on SIGTERM"
        [ "$LBGP_STATUS" = 0 ] || hostile_check_failed "lbgpd exited $LBGP_STATUS"
}

# hostile_plain_peers: frr_config and bird_config from peers/frr.sh and peers/bird.sh again
# (the PEER_* variables of lib.sh), in place of seed_lib.sh's upstreams with their announced
# mix; seed_lib.sh's other helpers stay.
hostile_plain_peers()
{
        . "$HOSTILE_CONF_DIR/peers/frr.sh"
        . "$HOSTILE_CONF_DIR/peers/bird.sh"
}

# hostile_ifog_frr: the seed's iFog alone (seed_lib.sh's FRR with zebra, announcing
# SEED_IFOG_ANNOUNCES), in namespace ifog of seed_topology; Lagrange is left to the test.
hostile_ifog_frr()
{
        local dir
        lbgp_peer_defaults
        PEER_NEIGHBOR=$SEED_ROUTER_GRE # frr_state and frr_json ask FRR about this neighbor
        dir=$(lbgp_dir ifog)
        : >"$dir/zebra.conf"
        frr_config ifog >"$dir/bgpd.conf"
        seed_frr_start ifog peer zebra bgpd
}

# hostile_memory: lbgpd's own accounting, from `show bgp summary json`'s "lbgpd" object:
# "ROUTER RIB", the bytes the router holds through its allocator hooks and the RIB's live
# bytes.
hostile_memory()
{
        hostile_q '"%s %s" % (d["ipv6Unicast"]["lbgpd"]["routerBytes"], d["ipv6Unicast"]["lbgpd"]["ribBytes"])' \
                show bgp summary
}

# The run's lbgpd is the seed scenario's router (tag ""): its socket is seed_lbgpctl's.
hostile_ctl()
{
        seed_lbgpctl "" "$LBGPCTL" "$@"
}

# hostile_q EXPR ARGS...: EXPR evaluated on the JSON answer of `lbgpctl ARGS... json`,
# bound to d; prints the value, nothing when the answer is no JSON.
hostile_q()
{
        local expr=$1
        shift
        hostile_ctl "$@" json 2>/dev/null | python3 -c 'import json,sys
d = json.load(sys.stdin)
v = eval(sys.argv[1])
print("" if v is None else v)' "$expr" 2>/dev/null
}

# hostile_nb ADDR EXPR: EXPR on lbgpd's `show bgp neighbors ADDR json` entry, bound to n.
hostile_nb()
{
        hostile_q "(lambda n: $2)(d.get(\"$1\", {}))" show bgp neighbors "$1"
}

# "state established dropped" of a neighbor, to see a reset.
hostile_session()
{
        hostile_nb "$1" '"%s %s %s" % (n.get("bgpState"), n.get("connectionsEstablished"), n.get("connectionsDropped"))'
}

# The Loc-RIB's prefixes with their best path's neighbor, one "prefix peer" a line, sorted.
hostile_locrib()
{
        seed_best "" "$LBGPCTL"
}

# hostile_peer NS OUT ARGS...: hostile_peer.py in namespace NS, its events to OUT (stderr
# to OUT.err), in the background; its pid is in HOSTILE_PEER_PID.
hostile_peer()
{
        local ns=$1 out=$2
        shift 2
        lbgp_bg2 "$ns" "$out" "$out.err" python3 "$HOSTILE_PEER" "$@"
        HOSTILE_PEER_PID=$LBGP_BG_PID
}

# hostile_rss PID: VmRSS of PID in KiB (the kernel's view; empty when it is gone).
hostile_rss()
{
        sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$1/status" 2>/dev/null
}

