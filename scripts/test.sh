#!/usr/bin/env bash
# The test command of the README: installs what is missing, builds everything with warnings
# as errors and ASan+UBSan, runs each libFuzzer target for FUZZ_SECONDS (default 60) under
# ASan+UBSan, then every ctest test (unit, fuzz corpus replay, conformance).  Bounded in
# time; ctest's summary is the last thing it prints.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
jobs=$(nproc)

scripts/deps.sh

cmake -S . -B build-test -DCMAKE_BUILD_TYPE=Debug -DBGP_WERROR=ON -DBGP_SANITIZE=ON
cmake --build build-test -j"$jobs"

if [ -x fuzz/run.sh ]; then
  fuzz/run.sh "${FUZZ_SECONDS:-60}"
fi

# Three at a time on two CPUs: most conformance tests spend their time waiting for peers
# and timers, not computing (tunnel_vm, which does compute, runs alone: RUN_SERIAL).
ctest --test-dir build-test --output-on-failure --timeout 900 -j3
