# conformance/faults/net_lib.sh - shared by the network fault scenarios of issue #7
# (net_*.sh); source after ../lib.sh, then call net_init.
#
# The topology: lbgpd between two upstreams played by lbgp-replay, in three namespaces.
#
#   a (lbgp-replay, AS64501)               r (lbgpd, AS64500)              b (lbgp-replay, AS64502)
#   eth0 2001:db8:a::2/64 ---------- eth0 2001:db8:a::1/64
#                                        eth1 2001:db8:b::1/64 ---------- eth0 2001:db8:b::2/64
#
# The upstreams announce /56s of 2001:db8:1000::/36 (net_prefixes), inside the
# documentation prefix: nothing here is ever routed outside the namespaces.  Each scenario
# writes lbgpd's configuration with net_conf (FRR's language, as lbgpd reads the seed's),
# reads lbgpd's state through lbgpctl's JSON (FRR's keys) and the kernel's through
# `ip -6 route show proto 201`, and counts what lbgpd holds (net_resources).
#
# The programs: NET_LBGPD, NET_LBGPCTL, NET_REPLAY (net_init sets them from its arguments).

NET_R_A=2001:db8:a::1
NET_A=2001:db8:a::2
NET_R_B=2001:db8:b::1
NET_B=2001:db8:b::2
NET_AS=64500
NET_AS_A=64501
NET_AS_B=64502
# lbgpd's protocol number in the kernel (daemon/kernel).
NET_PROTO=201

# net_init NAME LBGPD LBGPCTL LBGP-REPLAY: lbgp_init, the programs, the namespaces.
net_init()
{
        local name=$1
        NET_LBGPD=$2
        NET_LBGPCTL=$3
        NET_REPLAY=$4
        lbgp_init "$name"
        lbgp_require "$NET_LBGPD" "$NET_LBGPCTL" "$NET_REPLAY" python3
        NET_T0=$(date +%s.%N)
        lbgp_ns_add r
        lbgp_ns_add a
        lbgp_ns_add b
        lbgp_link r eth0 a eth0
        lbgp_link r eth1 b eth0
        lbgp_addr r eth0 "$NET_R_A/64"
        lbgp_addr a eth0 "$NET_A/64"
        lbgp_addr r eth1 "$NET_R_B/64"
        lbgp_addr b eth0 "$NET_B/64"
        lbgp_wait 10 "the links" eval 'lbgp_reachable r $NET_A && lbgp_reachable r $NET_B' ||
                lbgp_fail "the links do not work"
        NET_DIR=$(lbgp_dir r)
        NET_SOCK=$NET_DIR/lbgpd.sock
        NET_LOG=$NET_DIR/lbgpd.log
        NET_FAILED=0
}

# Seconds since net_init, one decimal, for the log.
net_elapsed()
{
        python3 -c "import time; print('%.1f' % (time.time() - $NET_T0))"
}

net_log()
{
        lbgp_log "[$(net_elapsed) s] $*"
}

# net_check_failed MSG: a failed assertion; the scenario goes on and fails at the end.
net_check_failed()
{
        lbgp_log "FAILED: $*"
        NET_FAILED=1
}

# net_prefixes FILE COUNT [FIRST]: COUNT /56s of 2001:db8:1000::/36, from the FIRST-th
# (default 0), one a line, in order.
net_prefixes()
{
        python3 - "$1" "$2" "${3:-0}" <<'PY'
import ipaddress, sys
path, count, first = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
if first + count > 4096 * 256:
    sys.exit("too many prefixes")
base = int(ipaddress.IPv6Address("2001:db8:1000::"))
with open(path, "w") as f:
    for i in range(first, first + count):
        # RFC 5952 text, as lbgpctl and ip print it.
        f.write("%s/56\n" % ipaddress.IPv6Address(base + (i << 72)))
PY
}

# ---- lbgpd ------------------------------------------------------------------------------

# net_conf: lbgpd's configuration on stdout.  A and B are eBGP neighbors with `timers 3 9`
# (hold time 9 s) and a connect retry of 1 s; NET_CONF_A and NET_CONF_B hold more
# `neighbor X ...` words (one option a line, without the address), NET_CONF_AF_A and
# NET_CONF_AF_B more address-family lines for each.  `no bgp ebgp-requires-policy`: routes
# learned from one upstream go to the other, as a full table would.
net_conf()
{
        local n opt
        cat <<EOF
hostname r
router bgp $NET_AS
 bgp router-id 192.0.2.1
 no bgp ebgp-requires-policy
 no bgp default ipv4-unicast
 neighbor $NET_A remote-as $NET_AS_A
 neighbor $NET_A timers 3 9
 neighbor $NET_A timers connect 1
 neighbor $NET_B remote-as $NET_AS_B
 neighbor $NET_B timers 3 9
 neighbor $NET_B timers connect 1
EOF
        while IFS= read -r opt; do
                [ -n "$opt" ] && echo " neighbor $NET_A $opt"
        done <<<"${NET_CONF_A:-}"
        while IFS= read -r opt; do
                [ -n "$opt" ] && echo " neighbor $NET_B $opt"
        done <<<"${NET_CONF_B:-}"
        echo " address-family ipv6 unicast"
        for n in A B; do
                eval "addr=\$NET_$n"
                echo "  neighbor $addr activate"
                eval "extra=\${NET_CONF_AF_$n:-}"
                while IFS= read -r opt; do
                        [ -n "$opt" ] && echo "  neighbor $addr $opt"
                done <<<"$extra"
        done
        echo " exit-address-family"
        [ -n "${NET_CONF_EXTRA:-}" ] && printf '%s\n' "$NET_CONF_EXTRA"
        return 0
}

# net_lbgpd_start [LBGPD-OPTION...]: lbgpd in r on net_conf's configuration, checked with
# -n first; its pid in NET_LBGPD_PID, its log NET_LOG.  ASan reports go to the log too.
net_lbgpd_start()
{
        net_conf >"$NET_DIR/lbgpd.conf"
        lbgp_in r "$NET_LBGPD" -n -f "$NET_DIR/lbgpd.conf" >"$NET_DIR/check.log" 2>&1 || {
                lbgp_show "lbgpd -n" "$NET_DIR/check.log"
                lbgp_fail "lbgpd -n rejects the configuration"
        }
        lbgp_bg r "$NET_LOG" "$NET_LBGPD" -f "$NET_DIR/lbgpd.conf" -s "$NET_SOCK" --log stderr \
                "$@"
        NET_LBGPD_PID=$LBGP_BG_PID
        lbgp_wait 20 "lbgpd's control socket" test -S "$NET_SOCK" || {
                lbgp_show "lbgpd" "$NET_LOG"
                lbgp_fail "lbgpd did not start"
        }
}

# net_lbgpd_stop: SIGTERM; lbgpd must exit 0 and take its kernel routes with it, and its
# log must hold no sanitizer report.
net_lbgpd_stop()
{
        kill -TERM "$NET_LBGPD_PID"
        lbgp_wait_exit "$NET_LBGPD_PID" 20 || net_check_failed "lbgpd did not exit on SIGTERM"
        [ "$LBGP_STATUS" = 0 ] || net_check_failed "lbgpd exited $LBGP_STATUS"
        [ -z "$(net_kernel)" ] || net_check_failed "lbgpd's routes stayed in the kernel after it stopped"
        net_sanitizer_clean
}

# net_sanitizer_clean: no AddressSanitizer, LeakSanitizer or UBSan report in lbgpd's log.
net_sanitizer_clean()
{
        if grep -Eq 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$NET_LOG"; then
                grep -E -A12 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$NET_LOG" | head -n 40 >&2
                net_check_failed "a sanitizer report in lbgpd's log"
        fi
}

# net_ctl ARGS...: lbgpctl on our lbgpd.
net_ctl()
{
        lbgp_in r "$NET_LBGPCTL" -s "$NET_SOCK" "$@"
}

# net_json 'COMMAND WORDS' PYTHON-EXPR: EXPR on lbgpctl's JSON answer (bound to d); prints
# the value, nothing when it cannot.
net_json()
{
        # shellcheck disable=SC2086
        net_ctl $1 json | python3 -c 'import json,sys
d = json.load(sys.stdin)
v = eval(sys.argv[1])
print("" if v is None else v)' "$2" 2>/dev/null
}

# net_peer_field ADDR KEY: KEY of the neighbor in `show bgp summary json`, read with awk
# from lbgpctl's one-key-a-line JSON (python is slow to start on a busy machine, and these
# are polled).
net_peer_field()
{
        net_ctl show bgp summary json | awk -v a="\"$1\":{" -v k="\"$2\":" '
                index($0, a) { f = 1 }
                f && index($0, k) { sub(/^[^:]*:/, ""); gsub(/[",]/, ""); print; exit }'
}

# net_peer_state ADDR, net_pfx ADDR: the neighbor's state and accepted prefixes (FRR's
# state, pfxRcd).
net_peer_state()
{
        net_peer_field "$1" state
}

net_pfx()
{
        net_peer_field "$1" pfxRcd
}

net_peer_is()
{
        [ "$(net_peer_state "$1")" = "$2" ]
}

net_pfx_is()
{
        [ "$(net_pfx "$1")" = "$2" ]
}

# net_neighbor ADDR KEY: a key of `show bgp neighbors ADDR json`, messageStats' too.
net_neighbor()
{
        net_json "show bgp neighbors $1" \
                "(lambda n: n.get('$2', n.get('messageStats', {}).get('$2')))(d['$1'])"
}

# net_best: lbgpd's best paths from the Loc-RIB, "prefix next-hop", sorted.
net_best()
{
        net_ctl show bgp ipv6 unicast json | python3 -c 'import json,sys
d = json.load(sys.stdin)
out = []
for net, paths in d.get("routes", {}).items():
    for p in paths:
        if p.get("bestpath"):
            nh = [h["ip"] for h in p.get("nexthops", []) if h.get("scope") != "link-local"]
            out.append("%s %s" % (net, nh[0] if nh else "-"))
print("\n".join(sorted(out)))'
}

# net_kernel: r's IPv6 routes of lbgpd's protocol, "prefix gateway", sorted.
net_kernel()
{
        lbgp_in r ip -j -6 route show proto "$NET_PROTO" | python3 -c 'import json,sys
text = sys.stdin.read().strip()
out = []
for r in json.loads(text) if text else []:
    gw = r.get("gateway") or ",".join(h.get("gateway", "-") for h in r.get("nexthops", [])) or r.get("type", "-")
    out.append("%s %s" % (r["dst"], gw))
print("\n".join(sorted(out)))'
}

# net_kernel_is_rib: true when the kernel's routes of lbgpd are exactly the Loc-RIB's best
# paths, prefix and next hop.  NET_BEST and NET_KERNEL keep what was compared.
net_kernel_is_rib()
{
        NET_BEST=$(net_best)
        NET_KERNEL=$(net_kernel)
        [ "$NET_BEST" = "$NET_KERNEL" ]
}

# net_rib_kernel_diff: what differs, for a failure message.
net_rib_kernel_diff()
{
        diff <(printf '%s\n' "$NET_BEST") <(printf '%s\n' "$NET_KERNEL") | grep '^[<>]' |
                head -n 5 | tr '\n' ';'
}

# net_best_via ADDR, net_kernel_via ADDR: how many best paths lbgpd has through next hop
# ADDR, and how many of its kernel routes go through it.
net_best_via()
{
        net_best | grep -c " $1\$"
}

net_kernel_via()
{
        net_kernel | grep -c " $1\$"
}

# ---- the upstreams ------------------------------------------------------------------------

# net_replay NAME NS ARGS...: lbgp-replay in namespace NS (a or b) as its upstream, stdout
# (the report, --json) in $LBGP_TMP/NAME.out, its log in NAME.err; the pid in NET_PID.
net_replay()
{
        local name=$1 ns=$2 me peer as
        shift 2
        if [ "$ns" = a ]; then
                me=$NET_A peer=$NET_R_A as=$NET_AS_A
        else
                me=$NET_B peer=$NET_R_B as=$NET_AS_B
        fi
        lbgp_bg2 "$ns" "$LBGP_TMP/$name.out" "$LBGP_TMP/$name.err" "$NET_REPLAY" --json \
                --local-as "$as" --remote-as "$NET_AS" --local "$me" --peer "$peer" "$@"
        NET_PID=$LBGP_BG_PID
}

# net_report NAME KEY: KEY of the last report lbgp-replay NAME printed.
net_report()
{
        python3 -c 'import json,sys
lines = [l for l in open(sys.argv[1]).read().splitlines() if l.startswith("{")]
print(json.loads(lines[-1]).get(sys.argv[2], "") if lines else "")' "$LBGP_TMP/$1.out" "$2" 2>/dev/null
}

# ---- what lbgpd holds ------------------------------------------------------------------------

# net_resources: "fds sockets tcp events ribBytes ribHeld routerBytes routerBlocks" of lbgpd:
# its open descriptors and the sockets among them (/proc), its TCP connections in r (ss:
# listeners and sessions), and lbgpd's own counters in `show bgp summary json`: events
# in its loop (timers, sockets, signals), the RIB's live and held bytes
# (bgp_rib_memory()), and the bytes the router has allocated through its allocator hooks.
net_resources()
{
        local fds socks tcp
        fds=$(ls "/proc/$NET_LBGPD_PID/fd" | wc -l)
        socks=$(find "/proc/$NET_LBGPD_PID/fd" -lname 'socket:*' 2>/dev/null | wc -l)
        tcp=$(lbgp_in r ss -Htan "( sport = :179 or dport = :179 )" | grep -vc TIME-WAIT)
        echo "$fds $socks $tcp $(net_json "show bgp summary" \
                "' '.join(str(d['ipv6Unicast']['lbgpd'][k]) for k in ('loopEvents', 'ribBytes', 'ribHeldBytes', 'routerBytes', 'routerBlocks'))")"
}

# ---- the end ---------------------------------------------------------------------------------

# net_report_logs: the logs of a failing run.
net_report_logs()
{
        local f
        lbgp_show "lbgpd" "$NET_LOG" 40
        for f in "$LBGP_TMP"/*.err; do
                [ -f "$f" ] && lbgp_show "$(basename "$f")" "$f" 15
        done
}

# net_finish: PASS, or the logs and FAIL.
net_finish()
{
        if [ "$NET_FAILED" != 0 ]; then
                net_report_logs
                lbgp_fail "see the FAILED lines above"
        fi
        lbgp_log "PASS in $(net_elapsed) s"
}

# ---- packets ----------------------------------------------------------------------------------

# net_capture NS IF: tcpdump of BGP on interface IF of namespace NS, into
# $LBGP_TMP/NS-IF.pcap (NET_PCAP), packets written as they come (-U).
net_capture()
{
        NET_PCAP=$LBGP_TMP/$1-$2.pcap
        lbgp_bg "$1" "$LBGP_TMP/$1-$2.tcpdump.log" tcpdump -i "$2" -U -s 0 -w "$NET_PCAP" \
                tcp port 179
        lbgp_wait 5 "tcpdump to start" test -s "$NET_PCAP" || lbgp_log "note: no pcap header yet"
}

# net_bgp_messages PCAP: the BGP messages in PCAP, as tshark dissects them: a line per
# segment, "epoch-seconds<TAB>source<TAB>types<TAB>codes<TAB>subcodes", the last three
# lists (a segment may carry several messages), codes and subcodes of NOTIFICATIONs
# (Wireshark names the subcode field after the code: only Hold Timer Expired's is asked).
net_bgp_messages()
{
        tshark -r "$1" -Y bgp -T fields -E occurrence=a -E aggregator=, -e frame.time_epoch \
                -e ipv6.src -e bgp.type -e bgp.notify.major_error \
                -e bgp.notify.minor_error_expired 2>/dev/null
}

# net_blackhole NS [ADDR]: from now on nothing enters or leaves namespace NS (an nftables
# table that drops it all), or with ADDR nothing that comes from it or goes to it: its
# peers see silence, no reset and no link change.
net_blackhole()
{
        local match=""
        [ -n "${2:-}" ] && match="ip6 saddr $2"
        lbgp_in "$1" nft -f - <<NFT || lbgp_fail "nftables cannot drop in $1"
table inet vanish {
        chain in { type filter hook input priority 0; $match drop; }
        chain out { type filter hook output priority 0; ${match/saddr/daddr} drop; }
}
NFT
}

# net_slow_link NS IF RATE: IF of NS sends at most RATE (tc tbf, e.g. 400kbit), so that a
# table takes seconds to load and can be cut in the middle.
net_slow_link()
{
        lbgp_in "$1" tc qdisc add dev "$2" root tbf rate "$3" burst 16kb latency 2s ||
                lbgp_fail "tc cannot shape $1:$2"
}
