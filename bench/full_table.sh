#!/bin/bash
# bench/full_table.sh - two full IPv6 tables into lbgpd, BIRD, FRR, GoBGP and OpenBGPD, side by
# side (issue #8).  Run as root on Debian 12, from anywhere:
#
#   bench/full_table.sh [-r RUNS] [-d "RECEIVERS"] [-f "FEEDERS"] [-n PREFIXES] [-b BUILD-DIR]
#                       [-o CSV] [-w WATCHDOG-SECONDS]
#
#   -r RUNS       rounds (default 3); each round runs every receiver once, in the order
#                 given, so that all of them share the same time window on a shared machine
#   -d RECEIVERS  from: sink lbgpd lbgpd-nosoft bird frr gobgp openbgpd (default: all)
#   -f FEEDERS    who sends the two tables: replay (lbgp-replay, the default), bird (BIRD 2,
#                 loaded with the same tables first), or "replay bird": each receiver then
#                 runs once with each, one after the other, in every round
#   -n PREFIXES   only the first PREFIXES prefixes of the ipasn file (default: all 258,956)
#   -b BUILD-DIR  where lbgpd, lbgpctl, lbgp-replay and ft_fibwatch are (default
#                 build-bench-ft beside this directory; a Release build for figures); or set
#                 LBGPD, LBGPCTL, LBGP_REPLAY, FT_FIBWATCH
#   -o CSV        append one line per receiver and run to CSV (header written when new; an
#                 existing CSV must have the same header)
#   -w SECONDS    the watchdog: stop and clean up after this long (default: from -r, -d, -f)
#
# Environment: FT_KEEP=DIR keeps every run's logs there; FT_WAIT_TRACE=1 logs every poll;
# FT_BUDGET=S gives every receiver S seconds (default 60 to 180 by receiver).  Exit status
# 0 when every run reached every count, 1 when one did not (its CSV line says how far it
# got; the other runs still ran), 77 when namespaces cannot be made.
#
# The topology is conformance/seed_lib.sh's: the router's namespace with gre0
# 2001:db8:300::2 towards "ifog" (2001:db8:300::1) and vtnet0 2001:db8:100::96 towards
# "lagrange" (2001:db8:100::ff), so that lbgpd and FRR run the seed's frr.conf with one change
# made by sed: maximum-prefix 250000 becomes 300000 (a full table is over 250,000).  In ifog
# and lagrange, lbgp-replay (AS 34927 and AS 209735) sends the generated table of the ipasn
# file with seeds 1 and 2: the same prefixes, different paths and attribute sets.  One
# receiver runs at a time; the others get the seed's policy translated from the same file
# (bench/ft_policy.py): PL-BOGONS inbound, nothing but 2a06:9801:1c::/48 outbound.
#
#   sink          two lbgp-replay --sink (the feeders' own ceiling)
#   lbgpd         the seed's frr.conf (soft-reconfiguration inbound), kernel routes proto 201
#   lbgpd-nosoft  the same without the two soft-reconfiguration lines
#   bird          BIRD 2, `import keep filtered`, import limit 300000, kernel protocol
#   frr           FRR: zebra + staticd + bgpd on the seed's frr.conf (vtysh -b), kernel
#   gobgp         gobgpd, global import policy, prefix-limit 300000 (no kernel: no zebra)
#   openbgpd      OpenBGPD bgpd, max-prefix 300000, fib-update no (Linux port: no FIB)
#
# Measured (times on CLOCK_MONOTONIC; t0 = the later of the two feeders' Established):
#   rib_s        t0 to both upstreams' routes accepted, by the receiver's own count
#                (lbgpctl/vtysh summary pfxRcd, birdc "imported", gobgp accepted, bgpctl
#                "Prefixes received"), polled every 0.1 s
#   fib_s        t0 to the kernel's final state: every prefix present with the receiver's
#                protocol, counted from netlink notifications (bench/ft_fibwatch.c), the time
#                of the last change once the count is full, quiet for 3 s and the receiver idle
#   fail_rib_s   ifog withdraws everything (SIGUSR2 to its lbgp-replay): from its first
#                withdrawal written to ifog's count 0 and lagrange's full
#   fail_fib_s   the same to every kernel route going through lagrange
#   cpu_load_s   receiver CPU (utime+stime of its processes) up to the loaded state
#   cpu_s, rss_mib  CPU to the end of the failover, peak RSS (VmHWM summed over processes)
#   feeder_*     what the feeders report: CPU while sending the table, time to write it
# The load average is read at the start and the end of each receiver's run.
#
# With -f bird (the CSV's feeder column says which), BIRD 2 in ifog and lagrange sends the
# same two tables; see "BIRD as the feeder" below for how it gets them and how t0, the
# failover and the feeders' CPU are then taken (feeder_table_s is empty: BIRD does not say
# when it has written its table).
set -u
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$BENCH_DIR")
. "$ROOT/conformance/lib.sh"
. "$ROOT/conformance/peers/frr.sh"
. "$ROOT/conformance/peers/bird.sh"
. "$ROOT/conformance/peers/gobgp.sh"
. "$ROOT/conformance/peers/openbgpd.sh"
. "$ROOT/conformance/seed_lib.sh"

RUNS=3
RECEIVERS="sink lbgpd lbgpd-nosoft bird frr gobgp openbgpd"
FEEDERS=replay
LIMIT=0
BUILD=$ROOT/build-bench-ft
CSV=""
WATCHDOG=""
while getopts "r:d:f:n:b:o:w:" opt; do
        case $opt in
        r) RUNS=$OPTARG ;;
        d) RECEIVERS=$OPTARG ;;
        f) FEEDERS=$OPTARG ;;
        n) LIMIT=$OPTARG ;;
        b) BUILD=$OPTARG ;;
        o) CSV=$OPTARG ;;
        w) WATCHDOG=$OPTARG ;;
        *) sed -n '2,25p' "$0" >&2; exit 64 ;;
        esac
done
LBGPD=${LBGPD:-$BUILD/daemon/lbgpd/lbgpd}
LBGPCTL=${LBGPCTL:-$BUILD/tools/lbgpctl/lbgpctl}
LBGP_REPLAY=${LBGP_REPLAY:-$BUILD/tools/lbgp-replay/lbgp-replay}
FT_FIBWATCH=${FT_FIBWATCH:-$BUILD/bench/ft_fibwatch}
SEED_CONF=${SEED_CONF:-$ROOT/../shared/seed/frr.conf}
IPASN=${IPASN:-$ROOT/../shared/data/mrt/routeviews6.ipasn6.20260730.dat.gz}
WAIT=$BENCH_DIR/ft_wait.py
POLICY=$BENCH_DIR/ft_policy.py

# What one receiver may take, seconds, for the load and again for the failover: the
# watchdog's budget.  GoBGP needed over 20 s for one table in the issue's figures.
budget()
{
        # FT_BUDGET=SECONDS: the same for all (to try the script on a failing run).
        [ -n "${FT_BUDGET:-}" ] && [ "$1" != "" ] && { echo "$FT_BUDGET"; return; }
        case $1 in
        sink) echo 60 ;;
        lbgpd | lbgpd-nosoft | bird) echo 90 ;;
        frr | openbgpd) echo 150 ;;
        gobgp) echo 180 ;;
        *) echo 0 ;;
        esac
}
# BIRD as the feeder first loads both tables (PREFEED_BUDGET at most) before each run.
PREFEED_BUDGET=120
n_feeders=0
for f in $FEEDERS; do
        case $f in
        replay | bird) n_feeders=$((n_feeders + 1)) ;;
        *) echo "full_table.sh: unknown feeder $f (replay or bird)" >&2; exit 64 ;;
        esac
done
[ "$n_feeders" -gt 0 ] || { echo "full_table.sh: no feeder" >&2; exit 64; }
total=120
for d in $RECEIVERS; do
        [ "$(budget "$d")" != 0 ] || { echo "full_table.sh: unknown receiver $d" >&2; exit 64; }
        total=$((total + RUNS * n_feeders * (2 * $(budget "$d") + 60)))
        case " $FEEDERS " in *" bird "*) total=$((total + RUNS * (PREFEED_BUDGET + 30))) ;; esac
done
LBGP_DEADLINE=${WATCHDOG:-$total}
HEADER="date,run,receiver,feeder,version,prefixes,rib_s,fib_s,fail_rib_s,fail_fib_s,cpu_load_s,cpu_s,rss_mib,feeder_a_cpu_s,feeder_b_cpu_s,feeder_table_s,load_start,load_end,note"
# Lines are appended under the CSV's own header: one of another layout (before the feeder
# column) would be misread.
if [ -n "$CSV" ] && [ -s "$CSV" ] && [ "$(head -n 1 "$CSV")" != "$HEADER" ]; then
        echo "full_table.sh: $CSV has another header; name a new file" >&2
        exit 64
fi
lbgp_init bench.full_table
lbgp_require python3 "$LBGP_REPLAY" "$FT_FIBWATCH"
case " $FEEDERS " in *" bird "*) lbgp_require bird birdc ;; esac
for d in $RECEIVERS; do
        case $d in
        lbgpd*) lbgp_require "$LBGPD" "$LBGPCTL" ;;
        bird) lbgp_require bird birdc ;;
        frr) lbgp_require vtysh "$SEED_FRR_DIR/zebra" "$SEED_FRR_DIR/bgpd" ;;
        gobgp) lbgp_require gobgpd gobgp ;;
        openbgpd) lbgp_require "$OPENBGPD_BGPD" "$OPENBGPD_BGPCTL" ;;
        esac
done
[ -r "$SEED_CONF" ] || lbgp_fail "$SEED_CONF not found"
[ -r "$IPASN" ] || lbgp_fail "$IPASN not found"

T=ft
RNS=${T}router
MY_AS=201379
A_ADDR=$SEED_IFOG
B_ADDR=$SEED_LAGRANGE

# ---- the table and the configurations, made once ----------------------------------------
TABLE=$IPASN
if [ "$LIMIT" -gt 0 ]; then
        TABLE=$LBGP_TMP/ipasn-$LIMIT.txt
        zcat -f "$IPASN" | awk -v n="$LIMIT" '/^[;#]/ { next } NF { print; if (++k == n) exit }' \
                >"$TABLE"
fi
# The Loc-RIB every receiver must reach from each upstream: the table's prefixes that the
# seed's PL-BOGONS permits (258,575 of 258,956 for the whole file).
N=$(python3 "$POLICY" "$SEED_CONF" count "$TABLE") || lbgp_fail "cannot count $TABLE"
[ "$N" -gt 0 ] || lbgp_fail "PL-BOGONS permits no prefix of $TABLE"

# What each feeder sends, every prefix of the table (the sinks must count it).
ALL=$(zcat -f "$TABLE" | awk '/^[;#]/ { next } $1 ~ /:/ { n++ } END { print n + 0 }')

# lbgpd's and FRR's configuration: the seed's, maximum-prefix raised for a full table.
sed -E 's/(maximum-prefix) [0-9]+/\1 300000/' "$SEED_CONF" >"$LBGP_TMP/seed-300k.conf"
sed '/soft-reconfiguration inbound/d' "$LBGP_TMP/seed-300k.conf" >"$LBGP_TMP/seed-300k-nosoft.conf"
[ "$(grep -c 'maximum-prefix 300000' "$LBGP_TMP/seed-300k.conf")" = 2 ] ||
        lbgp_fail "the seed's frr.conf does not have the two maximum-prefix lines expected"

version()
{
        case $1 in
        sink) echo "lbgp-replay $(git -C "$ROOT" describe --always --dirty 2>/dev/null)" ;;
        lbgpd*) echo "lbgpd $(git -C "$ROOT" describe --always --dirty 2>/dev/null)" ;;
        bird) bird --version 2>&1 | sed 's/^BIRD version /BIRD /' ;;
        frr) echo "FRR $("$SEED_FRR_DIR/bgpd" --version | sed -n 's/^bgpd version //p')" ;;
        gobgp) gobgpd --version | sed 's/^gobgpd version /GoBGP /' ;;
        openbgpd) echo "OpenBGPD $(dpkg-query -W -f '${Version}' openbgpd 2>/dev/null)" ;;
        esac
}

# ---- the topology, shared by every run --------------------------------------------------
seed_topology "$T"
# The seed has `ttl-security hops 1` (GTSM, RFC 5082): the receiver accepts only hop limit
# 255, so the feeders' namespaces send with it.
for ns in ${T}ifog ${T}lagrange; do
        lbgp_in "$ns" sysctl -qw net.ipv6.conf.all.hop_limit=255 \
                net.ipv6.conf.default.hop_limit=255 net.ipv6.conf.eth0.hop_limit=255 >/dev/null
done
lbgp_wait 10 "the links" lbgp_reachable "$RNS" "$A_ADDR" || lbgp_fail "no link to ifog"
lbgp_wait 10 "the links" lbgp_reachable "$RNS" "$B_ADDR" || lbgp_fail "no link to lagrange"

# ---- receivers ----------------------------------------------------------------------------

# receiver_setup NAME: RCV_KIND (how ft_wait.py reads the answer), RCV_CLI (the receiver's
# count command) and RCV_PROTO (its kernel protocol number, empty when it installs nothing),
# known before it starts so that the waits are polling when the sessions come up.
# start_NAME then starts it and sets RCV_PIDS.
receiver_setup()
{
        local dir=$LBGP_TMP/$RNS
        RCV_PROTO=""
        case $1 in
        lbgpd*)
                RCV_KIND=frr
                RCV_CLI="$LBGPCTL -s $dir/lbgpd.sock show bgp summary json"
                RCV_PROTO=201 ;;
        frr)
                RCV_KIND=frr
                RCV_CLI="vtysh --vty_socket $dir -d bgpd -c 'show bgp ipv6 unicast summary json'"
                RCV_PROTO=186 ;;
        bird)
                RCV_KIND=bird
                RCV_CLI="birdc -s $dir/bird.ctl show protocols all"
                RCV_PROTO=12 ;;
        gobgp)
                RCV_KIND=gobgp
                RCV_CLI="gobgp --target unix://$dir/gobgpd.sock global rib summary -a ipv6" ;;
        openbgpd)
                RCV_KIND=openbgpd
                RCV_CLI="$OPENBGPD_BGPCTL -s $dir/bgpd.sock show neighbor" ;;
        esac
}

start_lbgpd()
{
        local conf=$1 dir
        seed_lbgpd_start "$T" "$LBGPD" "$conf"
        dir=$(lbgp_dir "$RNS")
        RCV_PIDS=$SEED_LBGPD_PID
}

start_frr()
{
        local dir pids
        seed_frr_router_start "$T" "$LBGP_TMP/seed-300k.conf"
        dir=$(lbgp_dir "$RNS")
        eval "pids=\$SEED_FRR_PIDS_$RNS"
        RCV_PIDS=$pids
}

bird_receiver_config()
{
        cat <<EOF
router id 198.51.100.10;
log "$1/bird.log" { warning, error, fatal };
protocol device { scan time 10; }
protocol kernel {
        ipv6 { import none; export where source = RTS_BGP; };
}
protocol static mynet { ipv6; route $SEED_MY_NET blackhole; }
EOF
        python3 "$POLICY" "$SEED_CONF" bird
        cat <<EOF
template bgp upstream {
        local as $MY_AS;
        ttl security on;
        ipv6 {
                import keep filtered on;
                import filter { if pl_bogons() then accept; reject; };
                import limit 300000 action restart;
                export where net = $SEED_MY_NET;
        };
}
protocol bgp ifog from upstream {
        local $SEED_ROUTER_GRE; neighbor $A_ADDR as 34927;
}
protocol bgp lagrange from upstream {
        local $SEED_ROUTER_VTNET; neighbor $B_ADDR as 209735;
}
EOF
}

start_bird()
{
        local dir
        dir=$(lbgp_dir "$RNS")
        bird_receiver_config "$dir" >"$dir/bird.conf"
        bird -p -c "$dir/bird.conf" >"$dir/parse.log" 2>&1 || {
                lbgp_show "bird -p" "$dir/parse.log"
                lbgp_fail "BIRD rejects the benchmark's configuration"
        }
        lbgp_bg "$RNS" "$dir/stdout.log" bird -f -c "$dir/bird.conf" -s "$dir/bird.ctl" \
                -P "$dir/bird.pid"
        RCV_PIDS=$LBGP_BG_PID
        lbgp_wait 10 "BIRD's control socket" test -S "$dir/bird.ctl" || lbgp_fail "BIRD did not start"
}

gobgp_receiver_config()
{
        local addr
        cat <<EOF
[global.config]
  as = $MY_AS
  router-id = "198.51.100.10"
  port = 179
  local-address-list = ["$SEED_ROUTER_GRE", "$SEED_ROUTER_VTNET"]
[global.apply-policy.config]
  import-policy-list = ["pl-bogons"]
  default-import-policy = "reject-route"
  default-export-policy = "reject-route"

EOF
        for addr in "$A_ADDR 34927 $SEED_ROUTER_GRE" "$B_ADDR 209735 $SEED_ROUTER_VTNET"; do
                set -- $addr
                cat <<EOF
[[neighbors]]
  [neighbors.config]
    neighbor-address = "$1"
    peer-as = $2
  [neighbors.transport.config]
    local-address = "$3"
  [neighbors.ttl-security.config]
    enabled = true
    ttl-min = 255
  [[neighbors.afi-safis]]
    [neighbors.afi-safis.config]
      afi-safi-name = "ipv6-unicast"
    [neighbors.afi-safis.prefix-limit.config]
      max-prefixes = 300000

EOF
        done
        python3 "$POLICY" "$SEED_CONF" gobgp
}

start_gobgp()
{
        local dir
        dir=$(lbgp_dir "$RNS")
        gobgp_receiver_config >"$dir/gobgpd.toml"
        lbgp_bg "$RNS" "$dir/gobgpd.log" gobgpd -f "$dir/gobgpd.toml" -l warn \
                --api-hosts "unix://$dir/gobgpd.sock" --pprof-disable
        RCV_PIDS=$LBGP_BG_PID
        lbgp_wait 15 "GoBGP's API socket" test -S "$dir/gobgpd.sock" || {
                lbgp_show "GoBGP" "$dir/gobgpd.log"
                lbgp_fail "GoBGP did not start"
        }
}

openbgpd_receiver_config()
{
        cat <<EOF
AS $MY_AS
router-id 198.51.100.10
socket "$1/bgpd.sock"
fib-update no
network $SEED_MY_NET

group upstreams {
        announce IPv6 unicast
        ttl-security yes
        max-prefix 300000
        neighbor $A_ADDR {
                descr "ifog"
                remote-as 34927
                local-address $SEED_ROUTER_GRE
        }
        neighbor $B_ADDR {
                descr "lagrange"
                remote-as 209735
                local-address $SEED_ROUTER_VTNET
        }
}

deny to any
allow to any prefix $SEED_MY_NET
EOF
        python3 "$POLICY" "$SEED_CONF" openbgpd
}

start_openbgpd()
{
        local dir
        dir=$(lbgp_dir "$RNS")
        openbgpd_receiver_config "$dir" >"$dir/bgpd.conf"
        chmod 600 "$dir/bgpd.conf"
        "$OPENBGPD_BGPD" -n -f "$dir/bgpd.conf" >"$dir/parse.log" 2>&1 || {
                lbgp_show "bgpd -n" "$dir/parse.log"
                lbgp_fail "OpenBGPD rejects the benchmark's configuration"
        }
        # As conformance/peers/openbgpd.sh: a tmpfs /run of its own for its chroot.
        lbgp_bg "$RNS" "$dir/bgpd.log" sh -c \
                'mount -t tmpfs -o mode=0755 lbgp-run /run && mkdir /run/openbgpd && exec "$@"' \
                sh "$OPENBGPD_BGPD" -d -f "$dir/bgpd.conf"
        RCV_PIDS=$LBGP_BG_PID
        lbgp_wait 10 "OpenBGPD's control socket" \
                lbgp_in "$RNS" "$OPENBGPD_BGPCTL" -s "$dir/bgpd.sock" show summary || {
                lbgp_show "OpenBGPD" "$dir/bgpd.log"
                lbgp_fail "OpenBGPD did not start"
        }
}

# The receiver's processes now: OpenBGPD's parent forks its engines.
receiver_pids()
{
        local pid out="" p
        for pid in $RCV_PIDS; do
                out="$out $pid"
                for p in $(ip netns pids "$(lbgp_ns "$RNS")" 2>/dev/null); do
                        [ "$(awk '{ print $4 }' "/proc/$p/stat" 2>/dev/null)" = "$pid" ] &&
                                [ "$(cat "/proc/$p/comm" 2>/dev/null)" = bgpd ] && out="$out $p"
                done
        done
        echo $out
}

# cpu PIDS: their utime+stime, seconds.  hwm PIDS: their VmHWM summed, MiB.
cpu()
{
        local hz pid sum=0 t
        hz=$(getconf CLK_TCK)
        for pid in "$@"; do
                t=$(sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null | awk '{ print $12 + $13 }')
                sum=$((sum + ${t:-0}))
        done
        python3 -c "print('%.2f' % ($sum / $hz))"
}
hwm()
{
        local pid sum=0 k
        for pid in "$@"; do
                k=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status" 2>/dev/null)
                sum=$((sum + ${k:-0}))
        done
        python3 -c "print('%.1f' % ($sum / 1024))"
}

# ---- one run --------------------------------------------------------------------------------

# stamp LOG REGEX: the monotonic time lbgp-replay logged on the last line matching REGEX.
stamp()
{
        sed -n "s/^lbgp-replay: \([0-9.]*\) .*$2.*/\1/p" "$1" | tail -n 1
}
# json FILE KEY: KEY of the last JSON line of FILE (lbgp-replay's report).
json()
{
        python3 -c 'import json,sys
lines = [l for l in open(sys.argv[1]) if l.startswith("{")]
print(json.loads(lines[-1]).get(sys.argv[2], "") if lines else "")' "$1" "$2"
}
sub()
{
        python3 -c "print('%.3f' % ($1 - $2))"
}
listening()
{
        [ -n "$(lbgp_in "$1" ss -Hltn "sport = :179")" ]
}

# fail_run WHAT: the end of the run's logs, then the run (a subshell) ends.  What the
# receiver had used by then and what it had reached go into the CSV's note, so that a
# receiver that cannot load two tables within its budget still has its line.
fail_run()
{
        local f pids last
        for f in "$RUN"/*.log "$RUN"/*.err "$LBGP_TMP/$RNS"/*.log; do
                lbgp_show "$f" "$f" 15
        done
        pids=$(receiver_pids 2>/dev/null)
        last=$(cat "$RUN"/*.err 2>/dev/null | sed -n 's/^ft_wait: .*timed out, //p' | tail -n 1)
        printf '%s,%s,%s\n' "$(cpu $pids)" "$(hwm $pids)" "$* ${last:+($last)}" |
                tr -d '"' >"$LBGP_TMP/failed"
        lbgp_log "FAIL: $RCV_NAME run $RUN_NO: $*"
        exit 1
}

# Ends whatever a run left in the namespaces (a failed run exits without stopping its
# processes) and takes away the routes of PROTO a receiver may have left in the kernel.
reset_namespaces()
{
        local ns pids pass
        for pass in TERM KILL; do
                pids=""
                for ns in ${T}router ${T}ifog ${T}lagrange; do
                        pids="$pids $(ip netns pids "$(lbgp_ns "$ns")" 2>/dev/null)"
                done
                pids=$(echo $pids)
                [ -n "$pids" ] || break
                kill -s "$pass" $pids 2>/dev/null
                lbgp_wait 60 "the run's processes to end" lbgp_all_gone $pids
        done
        [ -n "${1:-}" ] && lbgp_in "$RNS" ip -6 route flush proto "$1" 2>/dev/null
        return 0
}

FEED_ARGS="--generate $TABLE --json"
# start_feeders [--passive]: the two feeders of kind $FEEDER, sending (replay) or loaded and
# ready to send (bird); FEED_A and FEED_B are the processes whose CPU is the feeders'.
start_feeders()
{
        local passive=$1
        if [ "$FEEDER" = bird ]; then
                start_bird_feeders "$passive"
                return
        fi
        lbgp_bg2 "${T}ifog" "$RUN/feed-a.out" "$RUN/feed-a.log" "$LBGP_REPLAY" $FEED_ARGS \
                --seed 1 --local-as 34927 --remote-as $MY_AS --local "$A_ADDR" \
                --peer "$SEED_ROUTER_GRE" --router-id 198.51.100.44 $passive
        FEED_A=$LBGP_BG_PID
        lbgp_bg2 "${T}lagrange" "$RUN/feed-b.out" "$RUN/feed-b.log" "$LBGP_REPLAY" $FEED_ARGS \
                --seed 2 --local-as 209735 --remote-as $MY_AS --local "$B_ADDR" \
                --peer "$SEED_ROUTER_VTNET" --router-id 198.51.100.1 $passive
        FEED_B=$LBGP_BG_PID
}

# ---- BIRD as the feeder (-f bird) ------------------------------------------------------------
# BIRD 2 in ifog and in lagrange sends the very table that lbgp-replay would.  Before the
# receiver starts, an lbgp-replay in the same namespace, with the same --generate and
# --seed, loads it into BIRD over a session on the loopback (port PRE_PORT; BIRD connects).
# lbgp-replay speaks eBGP only, so that session is eBGP from PRE_AS, a private AS that is in
# no generated path (those hold the first AS 6939, transit ASes, the ipasn file's origins and
# 64496-64527 in AS_SETs), and BIRD's import filter deletes PRE_AS from the path: BIRD holds
# the generated path as it is, and prepends its own AS on export, so the receiver sees
# exactly the AS_PATH of -f replay ("34927 6939 ... origin").  `allow local as`: the file has
# prefixes originated by AS 34927 and AS 209735 themselves, which -f replay sends too.
# Communities, large communities, AGGREGATOR, ATOMIC_AGGREGATE and OTC (no BGP role is set)
# pass as they are.  BIRD drops a received MED towards an eBGP peer (RFC 4271 5.1.4) unless
# the export filter sets it: the filter sets it to itself, so the same MEDs go out.
# Towards the receiver BIRD has the address, AS, router id and GTSM that lbgp-replay has
# (`ttl security on`: hop limit 255 out, 255 required in) and sets the next hop to that
# address (next hop self, as lbgp-replay).  The session is `multihop 1`: a single-hop BIRD
# session also sends the interface's link-local address as a second next hop (RFC 2545),
# which FRR and others would install instead of the global one; a multihop one sends the
# global address alone, and with `ttl security on` it still requires hop limit 255 (256 - 1).
# That session stays disabled until BIRD has imported every prefix; then it is enabled
# (passive, as lbgp-replay, except towards the sinks, which wait for the feeders).
#
# Times: BIRD logs with `timeformat log "%s.%3f"` (CLOCK_REALTIME, ms; BIRD reads the clock
# once per turn of its event loop, before the line), and bird_stamp converts a log line's
# time to CLOCK_MONOTONIC by the offset between the two clocks, read back to back
# (clock_offset) just after the event.  t0 = the later of the two BIRDs' "receiver: State
# changed to up" (the session reached Established: BIRD's protocol goes up in the same call).
# The failover is `birdc disable prefeed` in ifog: BIRD drops the loaded routes and withdraws
# all of them from the receiver; it starts at ifog's "prefeed: State changed to stop".  The
# feeders' CPU is BIRD's utime+stime from just before its session to the receiver is enabled
# (BIRD idle, the table loaded) to the receiver's loaded state.
PRE_AS=4200000000
PRE_PORT=1790

bird_feeder_config()
{
        local log=$1 as=$2 addr=$3 peer=$4 rid=$5 passive=$6
        cat <<EOF
router id $rid;
log "$log" all;
timeformat log "%s.%3f";

protocol bgp prefeed {
        local ::1 as $as;
        neighbor ::1 port $PRE_PORT as $PRE_AS;
        multihop;
        allow local as;
        hold time 90;
        connect delay time 1;
        connect retry time 1;
        error wait time 1, 5;
        debug { states };
        ipv6 {
                import filter { bgp_path.delete($PRE_AS); accept; };
                export none;
        };
}

protocol bgp receiver {
        disabled;
        local $addr as $as;
        neighbor $peer as $MY_AS;
        multihop 1;
        ttl security on;
        hold time 90;
        connect delay time 1;
        connect retry time 1;
        error wait time 1, 5;
        debug { states };
EOF
        [ "$passive" = 1 ] && echo "        passive on;"
        cat <<EOF
        ipv6 {
                import none;
                next hop self;
                export filter {
                        if defined(bgp_med) then bgp_med = bgp_med;
                        accept;
                };
        };
}
EOF
}

# start_bird_feeder TAG NS SEED AS ADDR PEER ROUTER-ID PASSIVE(0|1): lbgp-replay, then BIRD,
# in NS; the pids in PRE_TAG and FEED_TAG, the control socket in CTL_TAG.
start_bird_feeder()
{
        local tag=$1 ns=$2 seed=$3 as=$4 addr=$5 peer=$6 rid=$7 passive=$8 dir
        # The sockets apart from $RUN, which FT_KEEP copies.
        dir=$(lbgp_dir "feed-$tag")
        rm -f "$dir/bird.ctl" "$dir/bird.pid"
        bird_feeder_config "$RUN/bird-$tag.log" "$as" "$addr" "$peer" "$rid" "$passive" \
                >"$RUN/bird-$tag.conf"
        bird -p -c "$RUN/bird-$tag.conf" >"$RUN/bird-$tag.parse" 2>&1 || {
                lbgp_show "bird -p" "$RUN/bird-$tag.parse"
                fail_run "BIRD rejects the feeder's configuration"
        }
        lbgp_bg2 "$ns" "$RUN/pre-$tag.out" "$RUN/pre-$tag.log" "$LBGP_REPLAY" $FEED_ARGS \
                --seed "$seed" --local-as $PRE_AS --remote-as "$as" --local ::1 --peer ::1 \
                --port $PRE_PORT --passive --router-id "198.51.100.$((200 + seed))"
        eval "PRE_$tag=\$LBGP_BG_PID"
        lbgp_wait 10 "the prefeed listening" \
                eval '[ -n "$(lbgp_in "$ns" ss -Hltn "sport = :$PRE_PORT")" ]' ||
                fail_run "lbgp-replay did not listen to load BIRD"
        lbgp_bg "$ns" "$RUN/bird-$tag.out" bird -f -c "$RUN/bird-$tag.conf" -s "$dir/bird.ctl" \
                -P "$dir/bird.pid"
        eval "FEED_$tag=\$LBGP_BG_PID"
        eval "CTL_$tag=\$dir/bird.ctl"
        lbgp_wait 10 "BIRD's control socket" test -S "$dir/bird.ctl" || fail_run "BIRD did not start"
}

# bird_imported CTL PROTOCOL: the routes BIRD imported from PROTOCOL.
bird_imported()
{
        birdc -s "$1" show protocols all "$2" 2>/dev/null |
                sed -n 's/^[[:space:]]*Routes:[[:space:]]*\([0-9]*\) imported.*/\1/p' | head -n 1
}

start_bird_feeders()
{
        local passive=0 c0 c1
        [ -n "$1" ] && passive=1
        start_bird_feeder A "${T}ifog" 1 34927 "$A_ADDR" "$SEED_ROUTER_GRE" 198.51.100.44 $passive
        start_bird_feeder B "${T}lagrange" 2 209735 "$B_ADDR" "$SEED_ROUTER_VTNET" 198.51.100.1 \
                $passive
        lbgp_wait "$PREFEED_BUDGET" "both BIRD feeders loaded with $ALL routes" \
                eval '[ "$(bird_imported "$CTL_A" prefeed)" = "$ALL" ] &&
                        [ "$(bird_imported "$CTL_B" prefeed)" = "$ALL" ]' ||
                fail_run "the BIRD feeders did not import $ALL routes each ($(bird_imported "$CTL_A" prefeed), $(bird_imported "$CTL_B" prefeed))"
        # Then idle (under 0.02 s of CPU in 0.5 s), for at most 10 s.
        for _ in $(seq 20); do
                c0=$(cpu "$FEED_A" "$FEED_B")
                sleep 0.5
                c1=$(cpu "$FEED_A" "$FEED_B")
                python3 -c "import sys; sys.exit(0 if $c1 - $c0 < 0.02 else 1)" && break
        done
        FCPU0_A=$(cpu "$FEED_A")
        FCPU0_B=$(cpu "$FEED_B")
        if ! birdc -s "$CTL_A" enable receiver >/dev/null ||
                ! birdc -s "$CTL_B" enable receiver >/dev/null; then
                fail_run "birdc could not enable the sessions to the receiver"
        fi
}

# clock_offset: CLOCK_MONOTONIC - CLOCK_REALTIME now (the realtime read on both sides).
clock_offset()
{
        python3 -c 'import time
r0 = time.clock_gettime(time.CLOCK_REALTIME)
m = time.clock_gettime(time.CLOCK_MONOTONIC)
r1 = time.clock_gettime(time.CLOCK_REALTIME)
print("%.6f" % (m - (r0 + r1) / 2))'
}

# bird_stamp LOG TEXT: the time of the last line of BIRD's LOG with TEXT in it, on
# CLOCK_MONOTONIC (empty when there is none).
bird_stamp()
{
        local t off
        t=$(grep -F -- "$2" "$1" 2>/dev/null | tail -n 1 | cut -d' ' -f1)
        [ -n "$t" ] || return 0
        off=$(clock_offset)
        python3 -c "print('%.3f' % ($t + $off))"
}

run_one()
{
        local d=$1 load0 t0 ta tb t_rib t_fib="" t_wd f_rib="" f_fib="" pids
        local cpu_load cpu_all rss wpid fpid fw="" sa sb load_a load_b fail_a fail_b
        local fcpu_a="" fcpu_b="" fsec=""
        RCV_NAME=$d
        RUN=$LBGP_TMP/run-$FEEDER-$d-$RUN_NO
        mkdir -p "$RUN"
        rm -rf "${LBGP_TMP:?}/$RNS"
        load0=$(cut -d' ' -f1 /proc/loadavg)
        receiver_setup "$d"
        # The kernel counter first, so that it sees every route from the first.
        if [ -n "$RCV_PROTO" ]; then
                lbgp_bg "$RNS" "$RUN/fibwatch.log" "$FT_FIBWATCH" --proto "$RCV_PROTO" \
                        --gw "$A_ADDR" --out "$RUN/fib"
                fw=$LBGP_BG_PID
                lbgp_wait 5 "ft_fibwatch" test -s "$RUN/fib" || fail_run "ft_fibwatch did not start"
        fi

        if [ "$d" = sink ]; then
                # BIRD's `ttl security on` takes only hop limit 255, as from the receivers.
                local gtsm=""
                [ "$FEEDER" = bird ] && gtsm="--ttl-security 1"
                lbgp_bg2 "$RNS" "$RUN/sink-a.out" "$RUN/sink-a.log" "$LBGP_REPLAY" --sink --json \
                        --local-as $MY_AS --remote-as 34927 --local "$SEED_ROUTER_GRE" \
                        --peer "$A_ADDR" --passive $gtsm
                sa=$LBGP_BG_PID
                lbgp_bg2 "$RNS" "$RUN/sink-b.out" "$RUN/sink-b.log" "$LBGP_REPLAY" --sink --json \
                        --local-as $MY_AS --remote-as 209735 --local "$SEED_ROUTER_VTNET" \
                        --peer "$B_ADDR" --passive $gtsm
                sb=$LBGP_BG_PID
                RCV_PIDS="$sa $sb"
                lbgp_wait 10 "the sinks listening" listening "$RNS" || fail_run "no sink listening"
                start_feeders ""
                lbgp_wait "$(budget sink)" "both sinks' End-of-RIB" \
                        eval 'grep -q secondsToEndOfRib "$RUN/sink-a.out" && grep -q secondsToEndOfRib "$RUN/sink-b.out"' ||
                        fail_run "the sinks did not get both tables"
                for f in sink-a sink-b; do
                        [ "$(json "$RUN/$f.out" receivedPrefixes)" = "$ALL" ] ||
                                fail_run "$f received $(json "$RUN/$f.out" receivedPrefixes) prefixes, not $ALL"
                done
                ta=$(json "$RUN/sink-a.out" secondsToEndOfRib)
                tb=$(json "$RUN/sink-b.out" secondsToEndOfRib)
                t_rib=$(python3 -c "print('%.3f' % max($ta, $tb))")
                feeder_cpu
                pids=$RCV_PIDS
                cpu_load=$(cpu $pids)
                cpu_all=$cpu_load
                rss=$(hwm $pids)
        else
                start_feeders --passive
                lbgp_wait 20 "the feeders listening" \
                        eval 'listening ${T}ifog && listening ${T}lagrange' ||
                        fail_run "the feeders did not start"
                # ---- the load: both tables.  The waits first: they poll from before the
                # ---- sessions come up (the receiver's CLI fails until it has started).
                # GoBGP counts destinations and paths, not routes per upstream; OpenBGPD's
                # count per neighbor is before its filters.
                load_a=$N
                load_b=$N
                fail_a=0
                fail_b=$N
                case $RCV_KIND in
                gobgp) load_b=$((2 * N)); fail_a=$N ;;
                openbgpd) load_a=$ALL; load_b=$ALL; fail_b=$ALL ;;
                esac
                lbgp_bg2 "$RNS" "$RUN/rib.out" "$RUN/rib.err" python3 "$WAIT" rib "$RCV_KIND" \
                        "$load_a" "$load_b" "$(budget "$d")" -- "$RCV_CLI"
                wpid=$LBGP_BG_PID
                if [ -n "$RCV_PROTO" ]; then
                        lbgp_bg2 "$RNS" "$RUN/fib.out" "$RUN/fib.err" python3 "$WAIT" fib \
                                "$RUN/fib" "$N" -1 "$(budget "$d")" --settle 3 \
                                --after "$RUN/rib.out" --pids-file "$RUN/pids"
                        fpid=$LBGP_BG_PID
                fi
                lbgp_wait 10 "the waits to start" eval '[ -s "$RUN/rib.err" ]' ||
                        fail_run "ft_wait.py did not start"
                case $d in
                lbgpd) start_lbgpd "$LBGP_TMP/seed-300k.conf" ;;
                lbgpd-nosoft) start_lbgpd "$LBGP_TMP/seed-300k-nosoft.conf" ;;
                *) "start_$d" ;;
                esac
                receiver_pids >"$RUN/pids"
                lbgp_wait_exit "$wpid" "$(($(budget "$d") + 10))" && [ "$LBGP_STATUS" = 0 ] ||
                        fail_run "the Loc-RIB did not reach $N + $N routes"
                feeder_cpu
                # The kernel's final split between the upstreams is the receiver's choice
                # (ties go to the older path in FRR and lbgpd): ft_wait.py's -1 means any.
                if [ -n "$RCV_PROTO" ]; then
                        lbgp_wait_exit "$fpid" "$(($(budget "$d") + 10))" && [ "$LBGP_STATUS" = 0 ] ||
                                fail_run "the kernel did not settle at $N routes"
                fi
                if [ "$FEEDER" = bird ]; then
                        ta=$(bird_stamp "$RUN/bird-A.log" "receiver: State changed to up")
                        tb=$(bird_stamp "$RUN/bird-B.log" "receiver: State changed to up")
                else
                        ta=$(stamp "$RUN/feed-a.log" "-> Established")
                        tb=$(stamp "$RUN/feed-b.log" "-> Established")
                fi
                [ -n "$ta" ] && [ -n "$tb" ] || fail_run "no Established in the feeders' logs"
                t0=$(python3 -c "print(max($ta, $tb))")
                receiver_pids >"$RUN/pids"
                t_rib=$(sub "$(cat "$RUN/rib.out")" "$t0")
                [ -n "$RCV_PROTO" ] && t_fib=$(sub "$(cat "$RUN/fib.out")" "$t0")
                pids=$(receiver_pids)
                cpu_load=$(cpu $pids)

                # ---- the failover: ifog withdraws everything (the waits polling first)
                lbgp_bg2 "$RNS" "$RUN/frib.out" "$RUN/frib.err" python3 "$WAIT" rib "$RCV_KIND" \
                        "$fail_a" "$fail_b" "$(budget "$d")" -- "$RCV_CLI"
                wpid=$LBGP_BG_PID
                if [ -n "$RCV_PROTO" ]; then
                        lbgp_bg2 "$RNS" "$RUN/ffib.out" "$RUN/ffib.err" python3 "$WAIT" fib \
                                "$RUN/fib" "$N" 0 "$(budget "$d")"
                        fpid=$LBGP_BG_PID
                fi
                lbgp_wait 10 "the waits to start" eval '[ -s "$RUN/frib.err" ]' ||
                        fail_run "ft_wait.py did not start"
                # No failover to measure if no kernel route went through ifog.
                if [ -n "$RCV_PROTO" ] && [ "$(cut -d' ' -f2 "$RUN/fib")" = 0 ]; then
                        fail_run "no kernel route goes through ifog ($A_ADDR) after the load"
                fi
                sleep 0.3
                if [ "$FEEDER" = bird ]; then
                        birdc -s "$CTL_A" disable prefeed >/dev/null ||
                                fail_run "birdc could not disable ifog's prefeed"
                        lbgp_wait 10 "ifog's withdrawal" \
                                lbgp_has_line "$RUN/bird-A.log" "prefeed: State changed to stop" ||
                                fail_run "ifog's BIRD did not stop its prefeed"
                else
                        kill -USR2 "$FEED_A"
                        lbgp_wait 10 "ifog's withdrawal" \
                                lbgp_has_line "$RUN/feed-a.log" "withdrawing everything" ||
                                fail_run "ifog's feeder did not start withdrawing"
                fi
                lbgp_wait_exit "$wpid" "$(($(budget "$d") + 10))" && [ "$LBGP_STATUS" = 0 ] ||
                        fail_run "after the withdrawal the Loc-RIB did not reach 0 + $N routes"
                if [ -n "$RCV_PROTO" ]; then
                        lbgp_wait_exit "$fpid" "$(($(budget "$d") + 10))" && [ "$LBGP_STATUS" = 0 ] ||
                                fail_run "after the withdrawal the kernel still has routes via ifog"
                fi
                if [ "$FEEDER" = bird ]; then
                        t_wd=$(bird_stamp "$RUN/bird-A.log" "prefeed: State changed to stop")
                else
                        t_wd=$(stamp "$RUN/feed-a.log" "withdrawing everything")
                fi
                f_rib=$(sub "$(cat "$RUN/frib.out")" "$t_wd")
                [ -n "$RCV_PROTO" ] && f_fib=$(sub "$(cat "$RUN/ffib.out")" "$t_wd")
                pids=$(receiver_pids)
                cpu_all=$(cpu $pids)
                rss=$(hwm $pids)
        fi
        LOAD1=$(cut -d' ' -f1 /proc/loadavg)

        # ---- stop: the receiver (it takes its kernel routes away), then the feeders,
        # ---- whose final report says what they sent
        for pid in $RCV_PIDS; do
                kill "$pid" 2>/dev/null
        done
        lbgp_wait 120 "the receiver to stop" lbgp_all_gone $RCV_PIDS || kill -9 $RCV_PIDS 2>/dev/null
        for pid in $RCV_PIDS; do wait "$pid" 2>/dev/null; done
        if [ -n "$fw" ]; then
                lbgp_wait 120 "the kernel routes to go" \
                        eval '[ "$(cut -d" " -f1 "$RUN/fib")" = 0 ]' ||
                        lbgp_in "$RNS" ip -6 route flush proto "$RCV_PROTO"
                lbgp_stop_pid "$fw"
        fi
        for pid in $FEED_A $FEED_B ${PRE_A:-} ${PRE_B:-}; do
                lbgp_stop_pid "$pid"
        done
        if [ "$FEEDER" = replay ]; then
                fcpu_a=$(printf '%.2f' "$(json "$RUN/feed-a.out" tableCpuSeconds)")
                fcpu_b=$(printf '%.2f' "$(json "$RUN/feed-b.out" tableCpuSeconds)")
                fsec=$(python3 -c "print('%.3f' % max($(json "$RUN/feed-a.out" tableSeconds), $(json "$RUN/feed-b.out" tableSeconds)))")
        fi
        local row
        row="$(date -u +%Y-%m-%dT%H:%M:%SZ),$RUN_NO,$d,$FEEDER,$(version "$d"),$N,$t_rib,$t_fib,$f_rib,$f_fib,$cpu_load,$cpu_all,$rss,$fcpu_a,$fcpu_b,$fsec,$load0,$LOAD1,"
        echo "$row" >>"$LBGP_TMP/rows.csv"
        # FT_KEEP=DIR keeps every run's logs (the feeders', the waits' and the receiver's).
        if [ -n "${FT_KEEP:-}" ]; then
                mkdir -p "$FT_KEEP" && cp -r "$RUN" "$FT_KEEP/" &&
                        cp -r "$LBGP_TMP/$RNS" "$FT_KEEP/$(basename "$RUN")/receiver" 2>/dev/null
        fi
        lbgp_log "$row"
}

# feeder_cpu: with BIRD feeding, its CPU since its session to the receiver was enabled, into
# fcpu_a and fcpu_b (lbgp-replay's own report gives them otherwise, at the end).
feeder_cpu()
{
        [ "$FEEDER" = bird ] || return 0
        fcpu_a=$(python3 -c "print('%.2f' % ($(cpu "$FEED_A") - $FCPU0_A))")
        fcpu_b=$(python3 -c "print('%.2f' % ($(cpu "$FEED_B") - $FCPU0_B))")
}

lbgp_log "$N prefixes per upstream after PL-BOGONS; receivers: $RECEIVERS; feeders: $FEEDERS$(case " $FEEDERS " in *" bird "*) echo " ($(version bird))" ;; esac); $RUNS run(s); $(nproc) CPUs, $(lscpu | sed -n 's/^Model name:[[:space:]]*//p'); load $(cut -d' ' -f1-3 /proc/loadavg)"
: >"$LBGP_TMP/rows.csv"
# Each run is a subshell in the background: one that fails ends alone (its line in the CSV
# says why) and the others still run; `wait` lets the watchdog's TERM through at once.
trap '[ -n "${RUN_PID:-}" ] && kill "$RUN_PID" 2>/dev/null; exit 143' TERM
trap '[ -n "${RUN_PID:-}" ] && kill "$RUN_PID" 2>/dev/null; exit 130' INT
FAILED=0
# A receiver runs with each feeder kind back to back, so that they share a time window too.
for RUN_NO in $(seq 1 "$RUNS"); do
        for d in $RECEIVERS; do
                for FEEDER in $FEEDERS; do
                        rm -f "$LBGP_TMP/failed"
                        load0=$(cut -d' ' -f1 /proc/loadavg)
                        run_one "$d" &
                        RUN_PID=$!
                        wait "$RUN_PID"
                        status=$?
                        RUN_PID=""
                        [ "$status" = 0 ] && continue
                        FAILED=$((FAILED + 1))
                        receiver_setup "$d"
                        reset_namespaces "$RCV_PROTO"
                        IFS=, read -r f_cpu f_rss f_note <"$LBGP_TMP/failed" 2>/dev/null ||
                                f_note="the run ended with status $status"
                        echo "$(date -u +%Y-%m-%dT%H:%M:%SZ),$RUN_NO,$d,$FEEDER,$(version "$d"),$N,,,,,,${f_cpu:-},${f_rss:-},,,,$load0,$(cut -d' ' -f1 /proc/loadavg),\"not reached: ${f_note:-}\"" >>"$LBGP_TMP/rows.csv"
                done
        done
done
if [ -n "$CSV" ]; then
        [ -s "$CSV" ] || echo "$HEADER" >"$CSV"
        cat "$LBGP_TMP/rows.csv" >>"$CSV"
fi
echo "$HEADER"
cat "$LBGP_TMP/rows.csv"
lbgp_log "done; load $(cut -d' ' -f1-3 /proc/loadavg); $FAILED run(s) failed"
[ "$FAILED" = 0 ]
