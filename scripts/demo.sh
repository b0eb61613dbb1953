#!/usr/bin/env bash
# The main job of the README, as far as the project has come: build, then decode the real
# RouteViews and RIPE RIS data in ../shared/data/mrt with lbgp-decode and print what it
# found.  (lbgpd, the daemon peering in a network namespace, arrives with issue 5.)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

scripts/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build -j"$(nproc)"

data="$root/../shared/data/mrt"
for f in "$data"/ris-rrc06.updates.20150401.0000.gz "$data"/routeviews6.rib.20260730.1400.first1MiB.bz2; do
  echo "== $(basename "$f")"
  build/tools/lbgp-decode/lbgp-decode --mrt "$f" --summary
done
