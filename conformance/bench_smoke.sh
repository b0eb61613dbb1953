#!/bin/bash
# conformance/bench_smoke.sh LBGPD LBGPCTL LBGP-REPLAY FT_FIBWATCH - the full-table benchmark
# (bench/full_table.sh) on one run, lbgpd only, the first 20,000 prefixes of the table, so
# that the script cannot rot unnoticed.
#
# full_table.sh itself fails unless every wait reaches its count: both upstreams' routes in
# lbgpd's Loc-RIB (lbgpctl's pfxRcd), every one of them in the kernel (proto 201), then,
# after ifog withdraws everything, ifog's count 0 and no kernel route left through it.
# Here the figures it reports are checked too: the prefix count is the one PL-BOGONS
# permits (computed here from the seed's frr.conf), and every time, CPU and RSS is a
# positive number.  The namespaces, daemons and files are full_table.sh's, under its own
# lib.sh trap and watchdog (90 s, below this test's ctest TIMEOUT).
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

[ "$(id -u)" -eq 0 ] || lbgp_skip "not root: cannot create network namespaces"
# shellcheck disable=SC2034 # lib.sh's lbgp_log names the test with it
LBGP_TEST=bench.smoke
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
        "$here/../bench/full_table.sh" -r 1 -d lbgpd -n "$PREFIXES" -o "$csv" -w 90
status=$?
[ "$status" = 77 ] && exit 77
[ "$status" = 0 ] || lbgp_fail "full_table.sh failed ($status)"

python3 - "$csv" "$want" <<'PY' || lbgp_fail "the benchmark's CSV is not what it should be"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
assert len(rows) == 1, "%d rows, not 1" % len(rows)
r = rows[0]
assert r["receiver"] == "lbgpd", r["receiver"]
assert r["prefixes"] == sys.argv[2], "prefixes %s, not %s" % (r["prefixes"], sys.argv[2])
for k in ("rib_s", "fib_s", "fail_rib_s", "fail_fib_s", "cpu_load_s", "cpu_s", "rss_mib",
          "feeder_a_cpu_s", "feeder_b_cpu_s", "feeder_table_s"):
    v = float(r[k])
    assert v > 0, "%s is %s" % (k, r[k])
assert float(r["fib_s"]) < 60 and float(r["rib_s"]) < 60
print("bench.smoke: %s" % ", ".join("%s %s" % (k, r[k]) for k in ("prefixes", "rib_s", "fib_s", "fail_rib_s", "fail_fib_s", "cpu_s", "rss_mib")), file=sys.stderr)
PY
lbgp_log "PASS"
