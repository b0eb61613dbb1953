#!/bin/bash
# conformance/bench_smoke.sh LBGPD LBGPCTL LBGP-REPLAY FT_FIBWATCH [bird] - the full-table
# benchmark (bench/full_table.sh) on one run, lbgpd only, the first 20,000 prefixes of the
# table, so that the script cannot rot unnoticed.  With `bird` (conformance.bench_smoke_bird):
# BIRD 2 as the two feeders (full_table.sh -f bird), into the sinks and into lbgpd.
#
# full_table.sh itself fails unless every wait reaches its count: both upstreams' routes in
# lbgpd's Loc-RIB (lbgpctl's pfxRcd), every one of them in the kernel (proto 201), then,
# after ifog withdraws everything, ifog's count 0 and no kernel route left through it.
# Here the figures it reports are checked too: the prefix count is the one PL-BOGONS
# permits (computed here from the seed's frr.conf), and every time, CPU and RSS is a
# positive number.  The namespaces, daemons and files are full_table.sh's, under its own
# lib.sh trap and watchdog (90 s, 110 s with bird, below this test's ctest TIMEOUT).
#
# With bird, the sinks' line is checked too (full_table.sh fails unless each sink counted
# every prefix of the table from its BIRD): its time, CPU and RSS are positive.  Each line
# has the BIRD feeders' CPU (from just before their sessions to the receiver, to loaded) and
# no feeder_table_s (BIRD does not report it).
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

[ "$(id -u)" -eq 0 ] || lbgp_skip "not root: cannot create network namespaces"
# shellcheck disable=SC2034 # lib.sh's lbgp_log names the test with it
LBGP_TEST=bench.smoke
feeder=replay
receivers=lbgpd
watchdog=90
if [ "${5:-}" = bird ]; then
        # shellcheck disable=SC2034 # as above
        LBGP_TEST=bench.smoke_bird
        feeder=bird
        receivers="sink lbgpd"
        watchdog=110
fi
PREFIXES=20000
seed=$here/../../shared/seed/frr.conf
ipasn=$here/../../shared/data/mrt/routeviews6.ipasn6.20260730.dat.gz
csv=$(mktemp "${TMPDIR:-/tmp}/lbgp-bench-smoke.XXXXXX")
trap 'rm -f "$csv"' EXIT

# What PL-BOGONS must leave of the first 20,000 prefixes, computed apart from the script.
sub=$(mktemp "${TMPDIR:-/tmp}/lbgp-bench-smoke-ipasn.XXXXXX")
zcat -f "$ipasn" | awk -v n="$PREFIXES" '/^[;#]/ { next } NF { print; if (++k == n) exit }' >"$sub"
want=$(python3 "$here/../bench/ft_policy.py" "$seed" count "$sub")
rm -f "$sub"
[ "$want" -gt 19000 ] && [ "$want" -le "$PREFIXES" ] ||
        lbgp_fail "PL-BOGONS permits $want of the first $PREFIXES prefixes: not the table expected"

LBGPD=$1 LBGPCTL=$2 LBGP_REPLAY=$3 FT_FIBWATCH=$4 \
        "$here/../bench/full_table.sh" -r 1 -d "$receivers" -f "$feeder" -n "$PREFIXES" \
        -o "$csv" -w "$watchdog"
status=$?
[ "$status" = 77 ] && exit 77
[ "$status" = 0 ] || lbgp_fail "full_table.sh failed ($status)"

python3 - "$csv" "$want" "$feeder" "$receivers" <<'PY' || lbgp_fail "the benchmark's CSV is not what it should be"
import csv, sys
want, feeder, receivers = sys.argv[2], sys.argv[3], sys.argv[4].split()
rows = list(csv.DictReader(open(sys.argv[1])))
assert [r["receiver"] for r in rows] == receivers, "receivers %s, not %s" % (
    [r["receiver"] for r in rows], receivers)
for r in rows:
    assert r["feeder"] == feeder, "feeder %s, not %s" % (r["feeder"], feeder)
    assert r["prefixes"] == want, "prefixes %s, not %s" % (r["prefixes"], want)
    assert r["note"] == "", "note: %s" % r["note"]
    keys = ["rib_s", "cpu_load_s", "cpu_s", "rss_mib"]
    if r["receiver"] != "sink":
        keys += ["fib_s", "fail_rib_s", "fail_fib_s"]
    if feeder == "replay":
        keys += ["feeder_a_cpu_s", "feeder_b_cpu_s", "feeder_table_s"]
    for k in keys:
        v = float(r[k])
        assert v > 0, "%s is %s" % (k, r[k])
    assert float(r["rib_s"]) < 60 and (r["fib_s"] == "" or float(r["fib_s"]) < 60)
    if feeder == "bird":
        # BIRD's CPU while it sends 20,000 routes: there, and some of it (ticks of 10 ms).
        a, b = float(r["feeder_a_cpu_s"]), float(r["feeder_b_cpu_s"])
        assert a >= 0 and b >= 0 and a + b > 0, "the BIRD feeders' CPU: %s, %s" % (a, b)
        assert r["feeder_table_s"] == "", "feeder_table_s %s with BIRD" % r["feeder_table_s"]
    print("%s: %s" % ("bench.smoke_bird" if feeder == "bird" else "bench.smoke",
                      ", ".join("%s %s" % (k, r[k]) for k in (
                          "receiver", "feeder", "prefixes", "rib_s", "fib_s", "fail_rib_s",
                          "fail_fib_s", "cpu_s", "rss_mib", "feeder_a_cpu_s",
                          "feeder_b_cpu_s"))), file=sys.stderr)
PY
lbgp_log "PASS"
