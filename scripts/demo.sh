#!/usr/bin/env bash
# The main job of the README: build everything, then bring up the seed's router in network
# namespaces: lbgpd on the seed's frr.conf (unchanged) between its two real upstreams, FRR
# as AS34927 and BIRD as AS209735, each in a namespace of its own.  It prints
# `lbgpctl show bgp summary`, the routes lbgpd learned (`lbgpctl show bgp ipv6 unicast`),
# what each upstream received from lbgpd and what lbgpd put in the kernel, then stops
# everything, removes what it created and checks that nothing is left.  Last it decodes a
# slice of real RIS data with lbgp-decode.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

scripts/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build -j"$(nproc)"

seed="$root/../shared/seed/frr.conf"
echo
echo "== lbgpd -n -f $seed (the configuration check and its lints)"
build/daemon/lbgpd/lbgpd -n -f "$seed" || true

echo
echo "== the seed's router: lbgpd between FRR (AS34927, on gre0) and BIRD (AS209735, on vtnet0)"
# conformance/seed_differential.sh's demonstration mode: the scenario of its lbgpd run,
# printed.  Its namespaces are lbgp-PID-*, its files /tmp/lbgp-PID.*, PID its own.  With
# LBGP_DECODE it also records what lbgpd sends, and has lbgp-decode and tshark judge it.
LBGP_DEMO=1 LBGP_DECODE="$PWD/build/tools/lbgp-decode/lbgp-decode" \
  conformance/seed_differential.sh build/daemon/lbgpd/lbgpd \
  build/tools/lbgpctl/lbgpctl "$seed" &
pid=$!
status=0
wait "$pid" || status=$?
left_ns=$(ip netns list 2>/dev/null | grep "^lbgp-$pid-" || true)
left_procs=$(pgrep -a -f "/lbgp-$pid\." || true)
if [ -n "$left_ns$left_procs" ]; then
  echo "left behind: ${left_ns:+namespaces: $left_ns }${left_procs:+processes: $left_procs}" >&2
  exit 1
fi
echo "== cleaned up: no namespace lbgp-$pid-*, no process of the demonstration left"
[ "$status" = 0 ] || exit "$status"

data="$root/../shared/data/mrt"
echo
echo "== lbgp-decode on RIPE RIS rrc06 (2015-04-01 00:00)"
build/tools/lbgp-decode/lbgp-decode --mrt "$data/ris-rrc06.updates.20150401.0000.gz" --summary
