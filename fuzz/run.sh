#!/bin/sh
# run.sh [SECONDS] - build the libFuzzer targets with clang and fuzz each for SECONDS (60).
#
# Builds in build-fuzz (CC=clang, BGP_FUZZ=ON: ASan + UBSan + libFuzzer), then runs every
# target over a scratch copy of its committed corpus, so the corpus in git only changes when
# something is found.  A crashing input (or a leak, timeout or out-of-memory report) is
# copied into fuzz/corpus/<target>/ under the SHA-256 of its content, where ctest's replay
# will trip on it until the bug is fixed, and printed in hex.  Exits non-zero when any
# target found something.
set -eu

secs=${1:-60}
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
build="$root/build-fuzz"
# The targets are those fuzz/CMakeLists.txt builds, so a new one needs no edit here.
targets=$(sed -n 's/^set(BGP_FUZZ_TARGETS \(.*\))$/\1/p' "$here/CMakeLists.txt")
[ -n "$targets" ] || { echo "run.sh: no BGP_FUZZ_TARGETS in fuzz/CMakeLists.txt" >&2; exit 2; }

CC=clang cmake -S "$root" -B "$build" -DBGP_FUZZ=ON -DBGP_BUILD_TESTS=OFF \
        -DBGP_BUILD_TOOLS=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
# shellcheck disable=SC2086 # targets is a word list
cmake --build "$build" -j"$(nproc)" --target $targets >/dev/null

scratch=$(mktemp -d "${TMPDIR:-/tmp}/bgp-fuzz.XXXXXX")
trap 'rm -rf "$scratch"' EXIT INT TERM
status=0

for t in $targets; do
        work="$scratch/$t"
        mkdir -p "$work/corpus" "$work/artifacts"
        mkdir -p "$here/corpus/$t"
        cp "$here/corpus/$t/"* "$work/corpus/" 2>/dev/null || true
        echo "== $t: $(ls "$work/corpus" | wc -l) seeds, ${secs}s"
        rc=0
        "$build/fuzz/$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=512 -malloc_limit_mb=64 \
                -artifact_prefix="$work/artifacts/" -print_final_stats=1 \
                "$work/corpus" >"$work/log" 2>&1 || rc=$?
        grep -E '^(#[0-9]+.*DONE|stat::number_of_executed_units|stat::peak_rss_mb)' \
                "$work/log" || true
        found=0
        for f in "$work/artifacts/"*; do
                [ -f "$f" ] || continue
                found=1
                sum=$(sha256sum "$f" | cut -d' ' -f1)
                cp "$f" "$here/corpus/$t/$sum"
                echo "!! $t: $(basename "$f") kept as fuzz/corpus/$t/$sum"
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
exit $status
