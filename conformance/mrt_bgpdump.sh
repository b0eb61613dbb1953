#!/bin/sh
# mrt_bgpdump.sh - lbgp-decode against Debian's bgpdump on the real MRT files.
#
# usage: mrt_bgpdump.sh LBGP_DECODE [MRT_DIR]
#
# For every *.gz and *.bz2 in MRT_DIR (default ../shared/data/mrt beside the source tree:
# RIPE RIS and RouteViews data, see its README.md), runs `bgpdump` and
# `lbgp-decode --mrt FILE --summary --json`, and asserts that
#   - the UPDATE messages in BGP4MP records,
#   - the IPv4 and IPv6 prefixes announced and withdrawn (unicast and multicast together),
#   - the TABLE_DUMP_V2 RIB entries
# are the same, and that lbgp-decode classified nothing as a session reset.  Prints a table.
# Exit status: 0 pass, 1 fail, 77 (skip) when MRT_DIR does not exist.
#
# How bgpdump's output is counted, and its quirks, each accounted for explicitly:
#  - `bgpdump -m` prints one line per prefix: field 3 is A (announce) or W (withdraw) for
#    BGP4MP, B for a TABLE_DUMP_V2 RIB entry, and the prefix is field 6 (IPv6 when it has
#    a ':').  It prints nothing for an UPDATE without prefixes (End-of-RIB), so UPDATEs are
#    counted from the verbose output instead: one "TYPE: BGP4MP[_ET]/MESSAGE/Update" line
#    per message (bgpdump names every MESSAGE subtype, AS4 or not, "MESSAGE").
#  - bgpdump does not apply RFC 7606/7607: it prints A lines for an UPDATE that has AS 0 in
#    its AS_PATH, which lbgp-decode handles as treat-as-withdraw (RFC 7607 2; one such
#    UPDATE, 4 prefixes, in bgp4mp-et.updates.20151023...).  lbgp-decode's prefix counts
#    are of the prefixes the UPDATEs carry whatever their action, which is what bgpdump
#    prints; the treat-as-withdraw and attribute-discard counts are shown apart (column
#    "taw/disc") and are not compared.
#  - bgpdump prints an IPv6 address with "::" standing for a single zero group
#    (2001:668::3:... for 2001:668:0:3:...), which RFC 5952 4.2.2 forbids.  Only counts
#    are compared here, so this does not matter, but a per-prefix comparison must
#    normalise addresses first.
#  - A bzip2 file cut mid-block (*.first1MiB.bz2): both programs read every block that
#    is complete and stop at the same record; lbgp-decode says so on stderr.
#  - bgpdump clears a large allocation for every RIB entry, and glibc hands the heap back
#    to the kernel each time, so every entry faults fresh pages in: over a minute for
#    routeviews6.rib.20260730...first1MiB.bz2 (perf: memset in page faults, strace: brk).
#    MALLOC_TOP_PAD_ keeps 64 MiB of heap and brings that to 3 s; the output is the same
#    byte for byte.  The two bgpdump passes also run in parallel.
#  - A file that is not MRT (routeviews6.ipasn6...dat.gz is text) yields no records from
#    either program; it is listed as "not MRT" when both find nothing in it.
set -u

decode=${1:?usage: mrt_bgpdump.sh LBGP_DECODE [MRT_DIR]}
dir=${2:-$(dirname "$0")/../../shared/data/mrt}

if [ ! -d "$dir" ]; then
        echo "SKIP: $dir does not exist"
        exit 77
fi
for tool in bgpdump python3; do
        if ! command -v "$tool" >/dev/null 2>&1; then
                echo "FAIL: $tool is not installed (Debian package $tool; see scripts/deps.sh)"
                exit 1
        fi
done

MALLOC_TOP_PAD_=67108864
export MALLOC_TOP_PAD_

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

fail=0
fmt='%-52s %-15s %-19s %-19s %-19s %-19s %-15s %6s %9s  %s\n'
# shellcheck disable=SC2059
printf "$fmt" "file" "UPDATEs" "IPv4 announced" "IPv4 withdrawn" "IPv6 announced" \
        "IPv6 withdrawn" "RIB entries" "resets" "taw/disc" "result"

# "ours/theirs", with a mark when they differ.
pair() {
        if [ "$1" = "$2" ]; then
                printf '%s' "$1"
        else
                printf '%s/%s!' "$1" "$2"
        fi
}

found=0
for f in "$dir"/*.gz "$dir"/*.bz2; do
        [ -e "$f" ] || continue
        found=$((found + 1))
        name=$(basename "$f")

        # bgpdump: verbose for the UPDATE count, -m for the prefixes, both at once.
        bgpdump "$f" 2>/dev/null | grep -c '^TYPE: BGP4MP[A-Z_]*/MESSAGE[A-Z0-9_]*/Update' \
                >"$tmp/updates" &
        vpid=$!
        bgpdump -m "$f" 2>/dev/null | awk -F'|' '
                $3 == "A" || $3 == "W" { fam = index($6, ":") ? "6" : "4"; n[$3 fam]++ }
                $1 == "TABLE_DUMP2" && $3 == "B" { rib++ }
                END { printf "%d %d %d %d %d\n", n["A4"], n["W4"], n["A6"], n["W6"], rib }' \
                >"$tmp/prefixes"
        wait "$vpid"
        t_upd=$(cat "$tmp/updates")
        read -r t_a4 t_w4 t_a6 t_w6 t_rib <"$tmp/prefixes"

        # lbgp-decode.
        if ! "$decode" --mrt "$f" --summary --json >"$tmp/summary.json" 2>"$tmp/stderr"; then
                echo "FAIL: $name: lbgp-decode exited with an error:"
                sed 's/^/    /' "$tmp/stderr"
                fail=1
                continue
        fi
        python3 -c '
import json, sys
s = json.load(open(sys.argv[1]))
p, a = s["prefixes"], s["actions"]
print(s["messages_by_type"].get("UPDATE", 0), p["ipv4"]["announced"], p["ipv4"]["withdrawn"],
      p["ipv6"]["announced"], p["ipv6"]["withdrawn"], s["rib_entries"], a["session-reset"],
      a["treat-as-withdraw"], a["attribute-discard"], s["records"])' "$tmp/summary.json" \
                >"$tmp/ours"
        read -r o_upd o_a4 o_w4 o_a6 o_w6 o_rib resets taw disc records <"$tmp/ours"

        result=ok
        if [ "$o_upd $o_a4 $o_w4 $o_a6 $o_w6 $o_rib" != "$t_upd $t_a4 $t_w4 $t_a6 $t_w6 $t_rib" ]; then
                result=MISMATCH
                fail=1
        fi
        if [ "$resets" != 0 ]; then
                result="$result, $resets session resets"
                fail=1
        fi
        if [ "$result" = ok ] && [ "$records" = 0 ] && [ "$t_upd$t_a4$t_a6$t_rib" = 0000 ]; then
                result="ok (not MRT: no records either side)"
        fi
        # shellcheck disable=SC2059
        printf "$fmt" "$name" "$(pair "$o_upd" "$t_upd")" "$(pair "$o_a4" "$t_a4")" \
                "$(pair "$o_w4" "$t_w4")" "$(pair "$o_a6" "$t_a6")" "$(pair "$o_w6" "$t_w6")" \
                "$(pair "$o_rib" "$t_rib")" "$resets" "$taw/$disc" "$result"
        if [ -s "$tmp/stderr" ]; then
                sed 's/^/    note: /' "$tmp/stderr"
        fi
done

if [ "$found" = 0 ]; then
        echo "FAIL: no *.gz or *.bz2 in $dir"
        exit 1
fi
echo "(a/b!: lbgp-decode found a, bgpdump b; taw/disc: treat-as-withdraw/attribute-discard verdicts)"
if [ "$fail" != 0 ]; then
        echo "FAIL"
        exit 1
fi
echo "PASS"
