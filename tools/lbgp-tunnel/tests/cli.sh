#!/bin/bash
# cli.sh LBGP_TUNNEL EXAMPLES - the command line of lbgp-tunnel without a kernel: check,
# plan and mss on the seed's two ends, a broken file reported as FILE:LINE:COL with the
# word and exit 1, usage errors exit 2, --help exits 0.  apply and down are tested in
# network namespaces (conformance/tunnel_routing.sh).
set -u

tool=${1:?usage: cli.sh LBGP_TUNNEL EXAMPLES}
examples=${2:?usage: cli.sh LBGP_TUNNEL EXAMPLES}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/lbgp-tunnel-cli.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
failed=0
checks=0

# expect NAME STATUS CMD...: runs CMD, stdout to $tmp/out, stderr to $tmp/err.
expect()
{
        local name=$1 want=$2 got
        shift 2
        checks=$((checks + 1))
        "$@" >"$tmp/out" 2>"$tmp/err"
        got=$?
        if [ "$got" -ne "$want" ]; then
                echo "FAIL $name: exit $got, wanted $want" >&2
                cat "$tmp/err" >&2
                failed=$((failed + 1))
                return 1
        fi
        return 0
}

# same NAME FILE TEXT: FILE holds exactly TEXT.
same()
{
        checks=$((checks + 1))
        if [ "$(cat "$2")" != "$3" ]; then
                echo "FAIL $1: got" >&2
                cat "$2" >&2
                echo "wanted:" >&2
                printf '%s\n' "$3" >&2
                failed=$((failed + 1))
        fi
}

expect check-router 0 "$tool" check "$examples/router01-vps01.conf" &&
        same check-router-out "$tmp/out" "$examples/router01-vps01.conf: tunnel gif0 (sit): ok"
expect check-server 0 "$tool" check "$examples/vps01.conf" && same check-server-err "$tmp/err" ""

expect plan-router 0 "$tool" plan "$examples/router01-vps01.conf" &&
        same plan-router-out "$tmp/out" \
                'link gif0 type sit local 198.51.100.10 remote 203.0.113.10 ttl 64 mtu 1480 alias "lbgp-tunnel: Tunnel-to-VPS" up
address 2a06:9801:1c:ffff::1 peer 2a06:9801:1c:ffff::2/128 dev gif0 proto 202
route 2a06:9801:1c:1000::/64 dev gif0 table main metric 1024 proto 202'

expect mss-router 0 "$tool" mss "$examples/router01-vps01.conf" &&
        grep -qx 'scrub on gif0 max-mss 1420' "$tmp/out" &&
        grep -q 'oifname "gif0" tcp flags syn tcp option maxseg size > 1420 tcp option maxseg size set 1420' "$tmp/out" ||
        { echo "FAIL mss-router-out" >&2; cat "$tmp/out" >&2; failed=$((failed + 1)); }

# A GRE variant of the router's file: 24 octets of headers, MSS 1416.
sed 's/^kind sit.*/kind gre/' "$examples/router01-vps01.conf" >"$tmp/gre.conf"
expect mss-gre 0 "$tool" mss "$tmp/gre.conf" && grep -qx 'scrub on gif0 max-mss 1416' "$tmp/out" ||
        { echo "FAIL mss-gre-out" >&2; cat "$tmp/out" >&2; failed=$((failed + 1)); }

# A broken file: every error, FILE:LINE:COL, the word, exit 1, nothing on stdout.
printf 'tunnel gif0\nkind sit\nlocal 198.51.100.10\nremote 203.0.113.999\nroute 2a06:9801:1c:1000::1/64\n' \
        >"$tmp/bad.conf"
expect bad-file 1 "$tool" apply "$tmp/bad.conf" --dry-run &&
        same bad-file-err "$tmp/err" "$tmp/bad.conf:4:8: error: expected an IPv4 (A.B.C.D) or IPv6 (X:X::X:X) address, not '203.0.113.999'
$tmp/bad.conf:5:7: error: '2a06:9801:1c:1000::1/64' has host bits set: did you mean 2a06:9801:1c:1000::/64?" &&
        same bad-file-out "$tmp/out" ""

# Standard input, and warnings that do not fail.
expect stdin 0 "$tool" check - <<'CONF'
tunnel tun0
kind external
link 2001:db8:300::/64
address 2001:db8:300::2 peer 2001:db8:300::1
table 7
CONF
same stdin-warning "$tmp/err" "-:5:7: warning: nothing looks table 7 up: add 'rule from PREFIX' for the addresses whose traffic must leave through the tunnel"

expect missing-file 1 "$tool" check "$tmp/nonexistent.conf" &&
        grep -q "nonexistent.conf: error: cannot open: No such file or directory" "$tmp/err" ||
        { echo "FAIL missing-file-err" >&2; failed=$((failed + 1)); }
expect usage-none 2 "$tool"
expect usage-command 2 "$tool" frobnicate "$examples/vps01.conf"
expect usage-dry-run 2 "$tool" check "$examples/vps01.conf" --dry-run
expect usage-two-files 2 "$tool" plan "$examples/vps01.conf" "$examples/vps01.conf"
expect help 0 "$tool" --help && grep -q '^  apply FILE \[--dry-run\]' "$tmp/out" ||
        { echo "FAIL help-out" >&2; failed=$((failed + 1)); }

echo "cli.sh: $((checks - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
