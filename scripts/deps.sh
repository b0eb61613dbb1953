#!/usr/bin/env bash
# Installs what building and testing libbgp needs on Debian 12.  Run as root (CI is root);
# as another user it only says what is missing.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git
  check libevent-dev libjson-c-dev libmnl-dev zlib1g-dev libbz2-dev
  clang libclang-rt-14-dev llvm-14
  tshark bgpdump
  iproute2 python3 mandoc
  bird2 frr gobgpd openbgpd exabgp tcpdump
  nftables
  # conformance/tunnel_vm.sh: the guests that run real sit, gre and ip6gre
  qemu-system-x86 busybox-static cpio
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "missing packages: ${missing[*]}" >&2
  echo "run: sudo $0" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y -o DPkg::Lock::Timeout=600 --no-install-recommends "${missing[@]}"
