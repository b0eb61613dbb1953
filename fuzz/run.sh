#!/bin/sh
# run.sh [SECONDS] - build the libFuzzer targets with clang and fuzz each for SECONDS (60).
#
# Builds in build-fuzz (CC=clang, BGP_FUZZ=ON: ASan + UBSan + libFuzzer), then runs every
# target over a scratch copy of its committed corpus, so the corpus in git only changes by
# hand.  Targets run FUZZ_JOBS at a time (default 2, the CPUs CI has): each job works
# through its share of the targets one after the other, so that ten targets of 60 s take
# five minutes, not ten.  Every target gets -timeout=10 -rss_limit_mb=512
# -malloc_limit_mb=64, its dictionary fuzz/<target>.dict when there is one, and ASan's
# quarantine at 64 MB (its 256 MB default alone would take half of the RSS limit).
#
# A crashing input (or a leak, timeout or out-of-memory report) is copied into
# fuzz/crashes/<target>/ under the SHA-256 of its content and printed in hex; the run exits
# non-zero.  Once the bug is fixed, the input moves to fuzz/corpus/<target>/, where ctest
# replays it on every build from then on (docs/FUZZING.md).
#
# Environment:
#   FUZZ_BUILD    build directory (default: build-fuzz at the root)
#   FUZZ_JOBS     targets at a time (default 2)
#   FUZZ_TARGETS  the targets to run (default: all of fuzz/CMakeLists.txt)
#   FUZZ_KEEP     a directory to leave each target's final corpus in (a campaign's output)
set -eu

secs=${1:-60}
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
build=${FUZZ_BUILD:-$root/build-fuzz}
jobs=${FUZZ_JOBS:-2}
# The targets are those fuzz/CMakeLists.txt builds, so a new one needs no edit here.
all=$(sed -n 's/^set(BGP_FUZZ_TARGETS \(.*\))$/\1/p' "$here/CMakeLists.txt")
[ -n "$all" ] || { echo "run.sh: no BGP_FUZZ_TARGETS in fuzz/CMakeLists.txt" >&2; exit 2; }
targets=${FUZZ_TARGETS:-$all}

start=$(date +%s)
CC=clang cmake -S "$root" -B "$build" -DBGP_FUZZ=ON -DBGP_BUILD_TESTS=OFF \
        -DBGP_BUILD_TOOLS=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
# shellcheck disable=SC2086 # targets is a word list
cmake --build "$build" -j"$(nproc)" --target $targets >/dev/null
built=$(date +%s)

scratch=$(mktemp -d "${TMPDIR:-/tmp}/bgp-fuzz.XXXXXX")
trap 'rm -rf "$scratch"' EXIT INT TERM

# Extra options of one target.  The configuration parser reads whole files: let inputs grow
# past libFuzzer's 4096-octet default to the size of a real configuration.
extra_opts()
{
        case $1 in
        fuzz_config) echo "-max_len=16384" ;;
        *) ;;
        esac
}

# Fuzzes one target; its log, status and findings stay in $scratch/$1.
fuzz_one()
{
        t=$1
        work="$scratch/$t"
        mkdir -p "$work/corpus" "$work/artifacts"
        cp "$here/corpus/$t/"* "$work/corpus/" 2>/dev/null || true
        dict=
        [ -f "$here/$t.dict" ] && dict="-dict=$here/$t.dict"
        rc=0
        # shellcheck disable=SC2046,SC2086 # word lists
        ASAN_OPTIONS=${ASAN_OPTIONS:-quarantine_size_mb=64} \
                "$build/fuzz/$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=512 \
                -malloc_limit_mb=64 $dict $(extra_opts "$t") \
                -artifact_prefix="$work/artifacts/" -print_final_stats=1 \
                "$work/corpus" >"$work/log" 2>&1 || rc=$?
        echo "$rc" >"$work/status"
        if [ -n "${FUZZ_KEEP:-}" ]; then
                mkdir -p "$FUZZ_KEEP/$t"
                cp "$work/corpus/"* "$FUZZ_KEEP/$t/" 2>/dev/null || true
        fi
}

# Deal the targets out to the jobs, round-robin; each job runs its share in turn.
i=0
lanes=""
for t in $targets; do
        lane=$((i % jobs))
        eval "lane_$lane=\"\${lane_$lane:-} $t\""
        i=$((i + 1))
done
lane=0
while [ "$lane" -lt "$jobs" ]; do
        eval "share=\${lane_$lane:-}"
        if [ -n "$share" ]; then
                (for t in $share; do fuzz_one "$t"; done) &
                lanes="$lanes $!"
        fi
        lane=$((lane + 1))
done
# shellcheck disable=SC2086 # a list of pids
wait $lanes

status=0
for t in $targets; do
        work="$scratch/$t"
        rc=$(cat "$work/status" 2>/dev/null || echo 1)
        echo "== $t: $(find "$here/corpus/$t" -type f | wc -l) seeds, ${secs}s"
        grep -E '^(#[0-9]+.*DONE|stat::number_of_executed_units|stat::peak_rss_mb)' \
                "$work/log" || true
        found=0
        for f in "$work/artifacts/"*; do
                [ -f "$f" ] || continue
                found=1
                sum=$(sha256sum "$f" | cut -d' ' -f1)
                mkdir -p "$here/crashes/$t"
                cp "$f" "$here/crashes/$t/$sum"
                echo "!! $t: $(basename "$f") kept as fuzz/crashes/$t/$sum"
                od -An -tx1 -v "$f" | tr -d ' \n' | fold -w 64
                echo
        done
        if [ "$rc" -ne 0 ] || [ "$found" -ne 0 ]; then
                echo "!! $t failed (exit $rc); the report:"
                grep -E -A40 '^==[0-9]+==ERROR|runtime error|^fuzz_|deadly signal' \
                        "$work/log" | head -80 || tail -40 "$work/log"
                status=1
        fi
done
end=$(date +%s)
echo "== fuzzing done: build $((built - start)) s, fuzzing $((end - built)) s," \
        "$jobs at a time"
exit $status
