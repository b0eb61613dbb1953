# conformance/lib.sh - shared helpers for the conformance scripts; source it, do not run it.
#
# Everything a test creates is named or recorded here so that one EXIT trap can remove it:
# network namespaces are named lbgp-$$-NAME (the test's pid keeps parallel runs apart),
# files live under one temporary directory, and every process is started inside one of our
# namespaces, so that "the processes in our namespaces" is exactly the set to end.
#
# Addresses are documentation (2001:db8::/32, 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24)
# only, on veth pairs whose both ends are in our namespaces: nothing can leave them.
#
# A test exits 77 (skipped) only when the host cannot create namespaces at all.

LBGP_PREFIX="lbgp-$$-"
LBGP_NAMESPACES=""
LBGP_TMP=""
LBGP_WATCHDOG=""
# A test that is still running after this many seconds ends itself (and cleans up): ctest's
# own timeout kills without a trap, which would leave namespaces and daemons behind.
LBGP_DEADLINE=${LBGP_DEADLINE:-100}

lbgp_log()
{
        printf '%s: %s\n' "${LBGP_TEST:-lbgp}" "$*" >&2
}

lbgp_fail()
{
        lbgp_log "FAIL: $*"
        exit 1
}

lbgp_skip()
{
        lbgp_log "SKIP: $*"
        exit 77
}

# Ends every process in our namespaces, deletes the namespaces and the temporary directory.
# Processes are ended by pid: only ours live in namespaces named after our own pid.
lbgp_cleanup()
{
        local status=$? ns pids pass
        trap - EXIT INT TERM
        [ -n "$LBGP_WATCHDOG" ] && kill "$LBGP_WATCHDOG" 2>/dev/null
        for pass in TERM KILL; do
                pids=""
                for ns in $LBGP_NAMESPACES; do
                        pids="$pids $(ip netns pids "$ns" 2>/dev/null)"
                done
                pids=$(echo $pids)
                [ -n "$pids" ] || break
                kill -s "$pass" $pids 2>/dev/null
                # Give daemons a moment to exit on TERM before the KILL pass.
                for _ in 1 2 3 4 5 6 7 8 9 10; do
                        lbgp_all_gone $pids && break
                        sleep 0.2
                done
        done
        for ns in $LBGP_NAMESPACES; do
                ip netns del "$ns" 2>/dev/null
        done
        if [ -n "$LBGP_TMP" ] && [ -d "$LBGP_TMP" ]; then
                if [ "$status" -ne 0 ] && [ "$status" -ne 77 ] && [ -n "${LBGP_KEEP_LOGS:-}" ]; then
                        lbgp_log "logs kept in $LBGP_TMP"
                else
                        rm -rf "$LBGP_TMP"
                fi
        fi
        exit "$status"
}

# Sets up the trap and the temporary directory, and skips when namespaces cannot be made.
# Usage: lbgp_init TEST-NAME
lbgp_init()
{
        LBGP_TEST=$1
        trap lbgp_cleanup EXIT
        trap 'exit 130' INT
        trap 'exit 143' TERM
        if [ "$(id -u)" -ne 0 ]; then
                lbgp_skip "not root: cannot create network namespaces"
        fi
        command -v ip >/dev/null 2>&1 || lbgp_fail "ip (iproute2) not found"
        if ! ip netns add "${LBGP_PREFIX}canary" 2>/dev/null; then
                lbgp_skip "cannot create network namespaces (no CAP_NET_ADMIN?)"
        fi
        ip netns del "${LBGP_PREFIX}canary"
        LBGP_TMP=$(mktemp -d "${TMPDIR:-/tmp}/lbgp-$$.XXXXXX")
        lbgp_watchdog
}

# After LBGP_DEADLINE seconds, TERM to the test shell, whose trap then cleans up.  The
# watchdog sleeps in the shell's own `read -t` on a FIFO nobody writes, so it is one
# process with no child to leave behind when the cleanup ends it.
lbgp_watchdog()
{
        local me=$$ fifo=$LBGP_TMP/watchdog
        mkfifo "$fifo"
        (
                exec 3<>"$fifo"
                read -r -t "$LBGP_DEADLINE" <&3
                lbgp_log "still running after ${LBGP_DEADLINE}s: stopping"
                kill -TERM "$me"
        ) &
        LBGP_WATCHDOG=$!
}

# The full name of our namespace NAME.
lbgp_ns()
{
        printf '%s%s' "$LBGP_PREFIX" "$1"
}

# Runs a command in our namespace NAME.
lbgp_in()
{
        local ns
        ns=$(lbgp_ns "$1")
        shift
        ip netns exec "$ns" "$@"
}

# Creates namespace NAME with its loopback up.  IPv6 duplicate address detection is off so
# that addresses are usable at once (nobody else is on these links).
lbgp_ns_add()
{
        local ns
        ns=$(lbgp_ns "$1")
        ip netns add "$ns" || lbgp_fail "cannot create namespace $ns"
        LBGP_NAMESPACES="$LBGP_NAMESPACES $ns"
        ip -n "$ns" link set lo up
        ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.accept_dad=0 \
                net.ipv6.conf.default.accept_dad=0 net.ipv6.conf.all.forwarding=0 \
                net.ipv4.ip_forward=0 >/dev/null
}

# Joins two of our namespaces with a veth pair, created directly inside them so that no
# interface name is ever taken in the host's namespace.
# Usage: lbgp_link NS_A IF_A NS_B IF_B
lbgp_link()
{
        ip link add "$2" netns "$(lbgp_ns "$1")" type veth peer name "$4" \
                netns "$(lbgp_ns "$3")" || lbgp_fail "cannot create veth $1:$2 - $3:$4"
        ip -n "$(lbgp_ns "$1")" link set "$2" up
        ip -n "$(lbgp_ns "$3")" link set "$4" up
}

# Adds ADDR/LEN to interface IF of namespace NS (IPv6 without DAD).
lbgp_addr()
{
        case $3 in
        *:*) ip -n "$(lbgp_ns "$1")" addr add "$3" dev "$2" nodad ;;
        *) ip -n "$(lbgp_ns "$1")" addr add "$3" dev "$2" ;;
        esac || lbgp_fail "cannot add $3 to $1:$2"
}

# Adds a route in NS: lbgp_route NS DEST VIA
lbgp_route()
{
        ip -n "$(lbgp_ns "$1")" route add "$2" via "$3" || lbgp_fail "cannot route $2 via $3 in $1"
}

# Makes NS a router between its interfaces.
lbgp_forwarding()
{
        lbgp_in "$1" sysctl -qw net.ipv6.conf.all.forwarding=1 net.ipv4.ip_forward=1 >/dev/null
}

# A directory of our own for one daemon or tool: its config, pid file, sockets and log.
lbgp_dir()
{
        mkdir -p "$LBGP_TMP/$1"
        printf '%s' "$LBGP_TMP/$1"
}

# Starts a command in the background inside namespace NS, stdout and stderr to LOG.
# The pid is in $LBGP_BG_PID.  Usage: lbgp_bg NS LOG CMD...
lbgp_bg()
{
        local ns log
        ns=$(lbgp_ns "$1")
        log=$2
        shift 2
        ip netns exec "$ns" "$@" >"$log" 2>&1 </dev/null &
        LBGP_BG_PID=$!
}

# As lbgp_bg, with stdout and stderr to separate files (the probe's stdout is its events).
# Usage: lbgp_bg2 NS OUT ERR CMD...
lbgp_bg2()
{
        local ns out err
        ns=$(lbgp_ns "$1")
        out=$2
        err=$3
        shift 3
        ip netns exec "$ns" "$@" >"$out" 2>"$err" </dev/null &
        LBGP_BG_PID=$!
}

# Waits until CMD... succeeds, polling every 0.2 s, for at most TIMEOUT seconds.
# Usage: lbgp_wait TIMEOUT WHAT CMD...   Returns 1 on timeout (and says what it waited for).
lbgp_wait()
{
        local timeout=$1 what=$2 deadline
        shift 2
        deadline=$(($(date +%s) + timeout))
        while :; do
                if "$@" >/dev/null 2>&1; then
                        return 0
                fi
                if [ "$(date +%s)" -ge "$deadline" ]; then
                        lbgp_log "timed out after ${timeout}s waiting for: $what"
                        return 1
                fi
                sleep 0.2
        done
}

# True when FILE has a line matching the extended regular expression RE.
lbgp_has_line()
{
        grep -Eq -- "$2" "$1" 2>/dev/null
}

# True while process PID runs.  A child of ours that exited stays a zombie until we wait
# for it, and kill -0 still finds a zombie: read its state instead.
lbgp_running()
{
        [ -r "/proc/$1/status" ] && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null
}

# True when none of the pids given runs any more.
lbgp_all_gone()
{
        local pid
        for pid in "$@"; do
                lbgp_running "$pid" && return 1
        done
        return 0
}

# Waits for process PID to exit, at most TIMEOUT seconds; its status is in $LBGP_STATUS.
# Returns 1 (and ends it) when it had to wait too long.
lbgp_wait_exit()
{
        local pid=$1 timeout=$2
        if ! lbgp_wait "$timeout" "process $pid to exit" lbgp_all_gone "$pid"; then
                kill "$pid" 2>/dev/null
                wait "$pid" 2>/dev/null
                LBGP_STATUS=124
                return 1
        fi
        wait "$pid"
        LBGP_STATUS=$?
        return 0
}

# Prints FILE with a header, for a failing test's output.
lbgp_show()
{
        [ -f "$2" ] || return 0
        printf '%s\n' "---- $1 ($2) ----" >&2
        tail -n "${3:-60}" "$2" >&2
}

# Requires the programs named; a missing one is an install problem (scripts/deps.sh), not a
# reason to skip.
lbgp_require()
{
        local p
        for p in "$@"; do
                command -v "$p" >/dev/null 2>&1 || [ -x "$p" ] ||
                        lbgp_fail "$p not found: run scripts/deps.sh"
        done
}

# Seconds since the epoch, for timings in the output.
lbgp_now()
{
        date +%s
}

# The peer scripts (peers/*.sh) are configured through these variables, set before calling
# <peer>_start NAME NS:
#   PEER_AS, PEER_ROUTER_ID   the daemon's AS and router id
#   PEER_ADDR                 its address towards the probe (the session's local address)
#   PEER_NEIGHBOR, PEER_NEIGHBOR_AS   the probe's address and AS
#   PEER_HOLD                 hold time (default 9; keepalive a third of it)
#   PEER_PASSIVE              1: never connect out
#   PEER_TTL_SECURITY         hops for GTSM, empty for none
#   PEER_MULTIHOP             TTL for a peer more than one hop away, empty for direct
#   PEER_MD5                  TCP-MD5 password, empty for none
# Each defines <peer>_start NAME NS, <peer>_state NAME (prints Idle ... Established),
# <peer>_last_error NAME (what the daemon says about the last close), <peer>_keepalives_in
# NAME (keepalives it received, empty when it cannot tell) and <peer>_stop NAME.
# lbgp_peer_defaults resets the optional ones, so that one peer's options never leak into
# the next one's config.
lbgp_peer_defaults()
{
        PEER_HOLD=9
        PEER_PASSIVE=0
        PEER_TTL_SECURITY=
        PEER_MULTIHOP=
        PEER_MD5=
}

# Ends a daemon started with lbgp_bg, by its pid, and waits for it.
lbgp_stop_pid()
{
        local pid=$1
        [ -n "$pid" ] || return 0
        kill "$pid" 2>/dev/null || return 0
        lbgp_wait 10 "pid $pid to exit" lbgp_all_gone "$pid" || kill -9 "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
        return 0
}

# True when daemon NAME of kind PEER (bird, frr, ...) reports STATE.
# Usage: lbgp_wait 30 "..." lbgp_peer_is frr peer Established
lbgp_peer_is()
{
        [ "$("$1_state" "$2")" = "$3" ]
}

# True when namespace NS reaches ADDR: a TCP connection to a closed port there is refused
# (a reset came back) rather than timing out or finding no route.  No ping needed.
lbgp_reachable()
{
        lbgp_in "$1" python3 - "$2" <<'PY'
import socket, sys
dst = sys.argv[1]
s = socket.socket(socket.AF_INET6 if ":" in dst else socket.AF_INET, socket.SOCK_STREAM)
s.settimeout(1)
try:
    s.connect((dst, 9))
except ConnectionRefusedError:
    sys.exit(0)
except OSError:
    sys.exit(1)
sys.exit(0)
PY
}
