#!/usr/bin/env bash
# The main job of the README: build everything, then run lbgpd on the seed's frr.conf
# (unchanged) in a network namespace between its two real upstreams, FRR as AS34927 and
# BIRD as AS209735, each in a namespace of its own.  It prints what each side learned,
# what lbgpd put in the kernel, and removes everything it created when done.
# Also decodes a slice of real RIS data with lbgp-decode.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

scripts/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build -j"$(nproc)"

seed="$root/../shared/seed/frr.conf"
echo "== lbgpd -n -f $seed (the configuration check and its lints)"
build/daemon/lbgpd/lbgpd -n -f "$seed" || true
echo
echo "== the seed's router: lbgpd between FRR (AS34927) and BIRD (AS209735)"
conformance/seed_router.sh build/daemon/lbgpd/lbgpd "$seed"

data="$root/../shared/data/mrt"
echo
echo "== lbgp-decode on RIPE RIS rrc06 (2015-04-01 00:00)"
build/tools/lbgp-decode/lbgp-decode --mrt "$data/ris-rrc06.updates.20150401.0000.gz" --summary
