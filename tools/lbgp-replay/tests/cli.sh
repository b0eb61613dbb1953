#!/bin/sh
# tests/cli.sh BINARY - lbgp-replay's command line, and one replay into its own --sink on
# the loopback: two tables, a withdrawal and a flap, counted at both ends.  No root needed.
set -u
BIN=$1
TMP=$(mktemp -d)
SINK_PID=""
cleanup()
{
        [ -n "$SINK_PID" ] && kill "$SINK_PID" 2>/dev/null
        rm -rf "$TMP"
}
trap cleanup EXIT
fail()
{
        echo "FAIL: $*" >&2
        for f in "$TMP"/*.out "$TMP"/*.err; do
                [ -f "$f" ] && { echo "--- $f" >&2; tail -n 20 "$f" >&2; }
        done
        exit 1
}
expect_status()
{
        want=$1
        shift
        "$@" >"$TMP/cmd.out" 2>"$TMP/cmd.err"
        got=$?
        [ "$got" = "$want" ] || fail "$* exited $got, not $want"
}

expect_status 2 "$BIN"
expect_status 0 "$BIN" --help
expect_status 2 "$BIN" --local-as 65001 --remote-as 65001 --peer ::1 --prefixes /dev/null
expect_status 2 "$BIN" --local-as 65001 --remote-as 65002 --peer ::1
expect_status 2 "$BIN" --local-as 65001 --remote-as 65002 --peer nowhere --prefixes /dev/null
expect_status 1 "$BIN" --local-as 65001 --remote-as 65002 --peer ::1 --mrt "$TMP/missing"
grep -q missing "$TMP/cmd.err" || fail "no word of the missing file"

printf '2001:db8:1::/48\n2001:db8:2::/48\n2001:db8:3::/48\n' >"$TMP/a.txt"
printf '2001:db8:3::/48\n2001:db8:2::/48\n2001:db8:4::/48\n' >"$TMP/b.txt"
PORT=$((20000 + $$ % 20000))

"$BIN" --sink --json --local-as 65002 --remote-as 65001 --peer ::1 --local ::1 --port "$PORT" \
        --passive >"$TMP/sink.out" 2>"$TMP/sink.err" &
SINK_PID=$!
sleep 0.3
# Per session: table a (3) and End-of-RIB, table b (3) and a's prefix b lacks withdrawn (1),
# then everything withdrawn (3); one flap sends it all again.
timeout 60 "$BIN" --json --local-as 65001 --remote-as 65002 --peer ::1 --port "$PORT" \
        --prefixes "$TMP/a.txt" --path "64500 64501" --second "$TMP/b.txt" \
        --withdraw-after 0 --flap 1 --flap-wait 0 --exit-after 0 \
        >"$TMP/replay.out" 2>"$TMP/replay.err" || fail "the replay failed"
sleep 0.5
kill "$SINK_PID"
wait "$SINK_PID"
SINK_PID=""

python3 - "$TMP/replay.out" "$TMP/sink.out" <<'PY' || fail "the counts differ"
import json, sys
rep = json.loads(open(sys.argv[1]).read().strip().splitlines()[-1])
sink = json.loads(open(sys.argv[2]).read().strip().splitlines()[-1])
want = {"prefixesSent": 12, "withdrawalsSent": 8, "endOfRibSent": True, "established": 2,
        "flaps": 1, "tablePrefixes": 3, "tableWritten": True}
bad = {k: rep.get(k) for k in want if rep.get(k) != want[k]}
if sink.get("receivedPrefixes") != 12 or sink.get("receivedWithdrawals") != 8:
    bad["sink"] = sink
if bad:
    print("unexpected:", bad, file=sys.stderr)
    sys.exit(1)
PY
echo "PASS"
