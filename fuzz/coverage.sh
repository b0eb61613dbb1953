#!/bin/sh
# coverage.sh [DIR...] - the line coverage the fuzz corpora reach, per parser file.
#
# Builds the standalone replay drivers with clang's source-based coverage
# (-fprofile-instr-generate -fcoverage-mapping) in build-cov, replays every target's
# committed corpus fuzz/corpus/<target>/ (and DIR/<target>/ for each DIR given: the output
# of a campaign, `FUZZ_KEEP=DIR fuzz/run.sh SECONDS`), merges the profiles and prints
# llvm-cov's report for the parser files (docs/FUZZING.md lists them), then their total.
# The replay does no fuzzing: it measures what the inputs reach, reproducibly.
#
# Environment:
#   COV_BUILD    build directory (default: build-cov at the root)
#   COV_HTML     a directory to write llvm-cov's HTML report to, with every uncovered line
#   LLVM_SUFFIX  the suffix of llvm-profdata and llvm-cov (default -14, Debian's llvm-14)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
build=${COV_BUILD:-$root/build-cov}
sfx=${LLVM_SUFFIX:--14}
profdata=llvm-profdata$sfx
cov=llvm-cov$sfx
if ! command -v "$profdata" >/dev/null || ! command -v "$cov" >/dev/null; then
        echo "coverage.sh: $profdata and $cov are needed (Debian: apt-get install llvm-14)" >&2
        exit 2
fi
targets=$(sed -n 's/^set(BGP_FUZZ_TARGETS \(.*\))$/\1/p' "$here/CMakeLists.txt")

# The parsers of issue #7 and what frames them: libbgp's codec and MRT reader, the session's
# stream reassembly, lbgpd's configuration language and its control socket's requests.
src=$root/libbgp/src
cfg=$root/daemon/config
parsers="$src/header.c $src/msg.c $src/open.c $src/capability.c $src/update.c $src/attr.c
$src/attr_encode.c $src/aspath.c $src/nlri.c $src/notification.c $src/route_refresh.c
$src/verdict.c $src/frame.c $src/session.c $src/mrt.c $src/mrt_bgp4mp.c $src/mrt_table.c
$src/mrt_rib_update.c $src/mrt_names.c $cfg/lexer.c $cfg/parser.c $cfg/commands.c
$cfg/cmd_global.c $cfg/cmd_prefix_list.c $cfg/cmd_lists.c $cfg/cmd_route_map.c
$cfg/cmd_static.c $cfg/cmd_bgp.c $cfg/cmd_neighbor.c $cfg/cmd_af.c $cfg/value.c $cfg/match.c
$cfg/regex_check.c $cfg/validate.c $cfg/load.c $cfg/diag.c $cfg/cmd_tunnel.c
$cfg/validate_tunnel.c $root/tools/lbgp-tunnel/tconf_parse.c
$root/tools/lbgp-tunnel/tconf_validate.c $root/daemon/lbgpd/request.c"

flags="-fprofile-instr-generate -fcoverage-mapping"
CC=clang cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_FLAGS="$flags" \
        -DBGP_FUZZ=OFF -DBGP_BUILD_TESTS=OFF -DBGP_BUILD_TOOLS=OFF >/dev/null
replays=
for t in $targets; do
        replays="$replays ${t}_replay"
done
# shellcheck disable=SC2086 # a word list
cmake --build "$build" -j"$(nproc)" --target $replays >/dev/null

prof=$(mktemp -d "${TMPDIR:-/tmp}/bgp-cov.XXXXXX")
trap 'rm -rf "$prof"' EXIT INT TERM
objects=
for t in $targets; do
        dirs="$here/corpus/$t"
        for d in "$@"; do
                [ -d "$d/$t" ] && dirs="$dirs $d/$t"
        done
        # shellcheck disable=SC2086 # a list of directories
        LLVM_PROFILE_FILE="$prof/$t.%p.profraw" "$build/fuzz/${t}_replay" $dirs >"$prof/$t.log" \
                2>&1 || { cat "$prof/$t.log" >&2; echo "coverage.sh: $t failed" >&2; exit 1; }
        echo "$t: $(tail -1 "$prof/$t.log")"
        if [ -z "$objects" ]; then
                objects="$build/fuzz/${t}_replay"
        else
                objects="$objects -object $build/fuzz/${t}_replay"
        fi
done
"$profdata" merge -sparse "$prof"/*.profraw -o "$prof/all.profdata"

# shellcheck disable=SC2086 # word lists
"$cov" report -instr-profile="$prof/all.profdata" $objects $parsers |
        sed "s|$root/||"
if [ -n "${COV_HTML:-}" ]; then
        # shellcheck disable=SC2086 # word lists
        "$cov" show -format=html -output-dir="$COV_HTML" -show-line-counts-or-regions \
                -instr-profile="$prof/all.profdata" $objects $parsers
        echo "HTML report in $COV_HTML/index.html"
fi
