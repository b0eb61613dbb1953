#!/bin/sh
# check_install.sh BUILD_DIR - `cmake --install` gives an embedder what it needs: the
# shared library exporting only bgp_ symbols, the public headers under include/bgp/ and a
# relocatable libbgp.pc that compiles and links a program.
set -eu
build=$1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bgp-install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
lib=$(find "$tmp/prefix" -name 'libbgp.so' | head -n 1)
pc=$(find "$tmp/prefix" -name 'libbgp.pc' | head -n 1)
[ -n "$lib" ] || { echo "FAIL: no libbgp.so installed"; exit 1; }
[ -n "$pc" ] || { echo "FAIL: no libbgp.pc installed"; exit 1; }
[ -f "$tmp/prefix/include/bgp/bgp.h" ] || { echo "FAIL: no include/bgp/bgp.h"; exit 1; }

# Internal symbols are hidden: every exported function is part of the bgp_ API.
leaked=$(nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBR]$/ {print $3}' | grep -v '^bgp_' || true)
[ -z "$leaked" ] || { echo "FAIL: symbols outside the bgp_ API are exported: $leaked"; exit 1; }
exported=$(nm -D --defined-only "$lib" | awk '$2 == "T"' | wc -l)

cat >"$tmp/use.c" <<'C'
#include <bgp/bgp.h>
#include <stdio.h>
int main(void)
{
        uint8_t buf[BGP_HEADER_LEN];
        struct bgp_codec_opts opts;
        struct bgp_msg msg;
        struct bgp_verdict v;
        bgp_codec_opts_init(&opts);
        int n = bgp_keepalive_encode(buf, sizeof(buf));
        int rc = bgp_msg_decode(buf, (size_t)n, &opts, &msg, &v);
        printf("%s %d %s\n", BGP_VERSION, rc, bgp_msg_type_name(msg.hdr.type));
        return rc;
}
C
dir=$(dirname "$pc")
# A sanitizer build's library needs the program built the same way (the ASan runtime
# must come first).
san=""
if ldd "$lib" | grep -q libasan; then
        san="-fsanitize=address,undefined"
fi
# shellcheck disable=SC2046 # pkg-config's output is a word list
# shellcheck disable=SC2086 # san is empty or one flag
cc -std=c11 -Wall -Werror $san "$tmp/use.c" -o "$tmp/use" \
        $(PKG_CONFIG_PATH="$dir" pkg-config --cflags --libs libbgp)
out=$(LD_LIBRARY_PATH=$(dirname "$lib") "$tmp/use")
case "$out" in
*" 0 KEEPALIVE") echo "PASS: installed library, headers and pkg-config work ($exported functions exported, all bgp_): $out" ;;
*) echo "FAIL: the program built against the installed library printed: $out"; exit 1 ;;
esac
