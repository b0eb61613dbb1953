#!/bin/bash
# cli.sh LBGP_DECODE - the command-line contract of lbgp-decode (docs/DESIGN.md "Contracts
# that tests outside the project rely on"), on small hand-made messages:
#   - several messages back to back, as hex (--hex), as raw bytes from a file and from
#     stdin (-), all giving the same decode;
#   - --json: one object per line per message, with type, action (ok, session-reset,
#     treat-as-withdraw, attribute-discard) and, for a reset, notification {code, subcode};
#   - --no-as4 reads AS_PATH with 2-octet ASNs; --ext-msg lets a 5000-octet UPDATE through
#     that is otherwise a 1/2 reset; --families ipv4-unicast makes an IPv6 MP_REACH_NLRI a
#     3/9 reset; --local-as/--remote-as: an OPEN from the wrong AS is 2/2, an eBGP UPDATE
#     whose AS_PATH does not start with the peer's AS is treat-as-withdraw;
#   - the exit status is 0 whenever the input was classified (resets included), not 0 for
#     usage errors and unreadable input;
#   - the text output escapes the control characters of a shutdown communication (RFC 9003).
# Python builds the messages (all at once) and judges the outputs (all at once, at the
# end): an interpreter start costs more than every lbgp-decode run together.
#
# Exits 0 when every check passes, 1 otherwise.
set -u

decode=${1:?usage: cli.sh LBGP_DECODE}
command -v python3 >/dev/null 2>&1 || { echo "cli.sh: python3 not found" >&2; exit 1; }
[ -x "$decode" ] || { echo "cli.sh: $decode is not executable" >&2; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/lbgp-decode-cli.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
failed=0
checks=0

# ---- the messages ------------------------------------------------------------------------

# One input a line: NAME SPEC...; gen.py writes the messages the SPECs name, back to back,
# to NAME.hex (one line of hex) and NAME.bin (raw).  A SPEC is
#   keepalive | open:ASN | update4:ASN,ASN... | update2:ASN,... | update6 | badatomic |
#   big:OCTETS | notification:CODE,SUBCODE | shutdown:TEXT (Python escapes such as \x1b,
#   no spaces)
# update4 and update2 carry ORIGIN, AS_PATH (4- or 2-octet ASNs), NEXT_HOP 192.0.2.1 and
# 198.51.100.0/24; update6 an MP_REACH_NLRI for 2001:db8::/32; badatomic is update4:65000
# with an ATOMIC_AGGREGATE of length 1 (RFC 7606 7.6: attribute discard); big is an UPDATE
# of exactly OCTETS octets filled with COMMUNITIES.
cat >"$tmp/cases" <<'CASES'
many keepalive open:65000 update4:65000,65001 update6 notification:6,4
actions update4:65000 badatomic update4:65000 update2:65000 big:5000
as2 update2:65000,65001 update4:65000,65001
big big:5000
bigext big:5000 keepalive
edge big:4096 big:4097
fam update6 update4:65000
openas open:65002 open:65000
openas4 open:4200000000 open:4200000001
firstas update4:65002,65000 update4:65000,65002
reset big:5000 open:65002
shut shutdown:bye\x1b[2J\nX\x07\x7f"\xc2\x9bY
shutj shutdown:bye\x1b[2J\nX
CASES

cat >"$tmp/gen.py" <<'PY'
import os, struct, sys

def msg(t, body):
    return b"\xff" * 16 + struct.pack("!HB", 19 + len(body), t) + body

def attr(flags, code, val):
    if len(val) > 255:
        return struct.pack("!BBH", flags | 0x10, code, len(val)) + val
    return struct.pack("!BBB", flags, code, len(val)) + val

def as_path(asns, width):
    if not asns:
        return attr(0x40, 2, b"")
    fmt = "!I" if width == 4 else "!H"
    return attr(0x40, 2, bytes([2, len(asns)]) + b"".join(struct.pack(fmt, a) for a in asns))

def update(attrs, nlri=b""):
    return msg(2, struct.pack("!HH", 0, len(attrs)) + attrs + nlri)

ORIGIN = attr(0x40, 1, b"\x00")
NEXT_HOP = attr(0x40, 3, bytes([192, 0, 2, 1]))
NLRI4 = bytes([24, 198, 51, 100])  # 198.51.100.0/24

def open_msg(asn):
    # Multiprotocol IPv6 and IPv4 unicast, 4-octet AS; AS_TRANS in My AS when it must be.
    caps = bytes([1, 4, 0, 2, 0, 1, 1, 4, 0, 1, 0, 1, 65, 4]) + struct.pack("!I", asn)
    params = bytes([2, len(caps)]) + caps
    my_as = asn if asn <= 65535 else 23456
    return msg(1, struct.pack("!BHH", 4, my_as, 90) + bytes([192, 0, 2, 9, len(params)]) + params)

def big(want):
    # The last prefix's length takes up what whole communities cannot.
    head = ORIGIN + as_path([65000], 4) + NEXT_HOP
    for plen in (24, 32, 0, 8, 16):
        nlri = NLRI4 + bytes([plen]) + bytes([203, 0, 113, 7][: (plen + 7) // 8])
        fixed = len(update(head + attr(0xC0, 8, b"\0" * 256), nlri)) - 256
        if (want - fixed) % 4 == 0:
            comm = b"".join(struct.pack("!HH", 65000, i) for i in range((want - fixed) // 4))
            m = update(head + attr(0xC0, 8, comm), nlri)
            assert len(m) == want
            return m
    raise SystemExit("gen.py: cannot build an UPDATE of %d octets" % want)

def build(spec):
    kind, _, arg = spec.partition(":")
    if kind == "keepalive":
        return msg(4, b"")
    if kind == "open":
        return open_msg(int(arg))
    if kind in ("update4", "update2"):
        asns = [int(a) for a in arg.split(",") if a]
        return update(ORIGIN + as_path(asns, 4 if kind == "update4" else 2) + NEXT_HOP, NLRI4)
    if kind == "update6":
        mp = struct.pack("!HBB", 2, 1, 16) + bytes.fromhex("20010db8" + "00" * 11 + "01")
        mp += bytes([0, 32, 0x20, 0x01, 0x0D, 0xB8])
        return update(ORIGIN + as_path([65000], 4) + attr(0x80, 14, mp))
    if kind == "badatomic":
        return update(ORIGIN + as_path([65000], 4) + NEXT_HOP + attr(0x40, 6, b"\0"), NLRI4)
    if kind == "big":
        return big(int(arg))
    if kind == "notification":
        code, sub = arg.split(",")
        return msg(3, bytes([int(code), int(sub)]))
    if kind == "shutdown":
        text = arg.encode("ascii").decode("unicode_escape").encode("latin-1")
        return msg(3, bytes([6, 2, len(text)]) + text)
    raise SystemExit("gen.py: unknown message " + spec)

for line in sys.stdin:
    if not line.strip():
        continue
    name, *specs = line.split()
    data = b"".join(build(s) for s in specs)
    with open(os.path.join(sys.argv[1], name + ".bin"), "wb") as f:
        f.write(data)
    with open(os.path.join(sys.argv[1], name + ".hex"), "w") as f:
        f.write(data.hex() + "\n")
PY
python3 "$tmp/gen.py" "$tmp" <"$tmp/cases" || { echo "cli.sh: cannot build the messages" >&2; exit 1; }

# ---- running -----------------------------------------------------------------------------

# run NAME INPUT-FILE ARGS...: runs lbgp-decode ARGS with INPUT-FILE on stdin; its output,
# errors and exit status land in $tmp/NAME.{out,err,rc}.
run()
{
        local name=$1 input=$2
        shift 2
        "$decode" "$@" <"$input" >"$tmp/$name.out" 2>"$tmp/$name.err"
        echo $? >"$tmp/$name.rc"
}

# hexrun NAME CASE ARGS...: the messages of CASE as hex on stdin, with --hex --json.
hexrun()
{
        local name=$1 case=$2
        shift 2
        run "$name" "$tmp/$case.hex" --hex --json "$@"
}

ok()
{
        checks=$((checks + 1))
        echo "ok - $*"
}

bad()
{
        checks=$((checks + 1))
        failed=1
        echo "not ok - $*"
}

# show NAME: what a run printed, for a failure.
show()
{
        echo "  exit status: $(cat "$tmp/$1.rc" 2>/dev/null)"
        cut -c1-400 "$tmp/$1.out" 2>/dev/null | sed 's/^/  out: /'
        sed 's/^/  err: /' "$tmp/$1.err" 2>/dev/null
}

# check NAME WHAT EXPR: queued for judge.py at the end.  The run NAME must have exited 0
# and printed only JSON objects, one a line, each with a type and an action from the
# contract, and for a reset a notification {code, subcode}; then the Python expression
# EXPR must hold, with m the list of the objects in order and reset(o, code, subcode).
# check_text NAME WHAT EXPR: EXPR on out, the run's output as bytes.
check()
{
        printf '%s\n%s\n%s\n%s\n' json "$1" "$2" "$(printf '%s' "$3" | tr '\n' ' ')" >>"$tmp/checks"
}

check_text()
{
        printf '%s\n%s\n%s\n%s\n' text "$1" "$2" "$(printf '%s' "$3" | tr '\n' ' ')" >>"$tmp/checks"
}

# status NAME WHAT zero|nonzero: the exit status of run NAME.
status()
{
        local rc
        rc=$(cat "$tmp/$1.rc")
        if { [ "$3" = zero ] && [ "$rc" -eq 0 ]; } || { [ "$3" = nonzero ] && [ "$rc" -ne 0 ]; }; then
                ok "$2 (exit $rc)"
        else
                bad "$2: exit status $rc, expected $3"
                show "$1"
        fi
}

# ---- several messages back to back, three ways in ---------------------------------------

hexrun many many
check many "--hex --json: one object per line per message, in order" \
        '[o["type"] for o in m] == ["KEEPALIVE", "OPEN", "UPDATE", "UPDATE", "NOTIFICATION"]
         and [o.get("message") for o in m] == [1, 2, 3, 4, 5]
         and all(o["action"] == "ok" and "notification" not in o for o in m)'
check many "the messages decode: OPEN's AS, AS_PATH, prefixes, the NOTIFICATION received" \
        'm[1]["as"] == 65000 and m[2]["attributes"]["as_path"] == "65000 65001"
         and m[2]["announced"] == {"ipv4-unicast": ["198.51.100.0/24"]}
         and m[3]["announced"] == {"ipv6-unicast": ["2001:db8::/32"]}
         and (m[4]["received"]["code"], m[4]["received"]["subcode"]) == (6, 4)'

# All four actions of the contract, in one run that ends with a reset (framing is lost
# after a bad header, so nothing follows it).
hexrun actions actions
check actions "the four actions: ok, attribute-discard, ok, treat-as-withdraw, session-reset" \
        '[o["action"] for o in m] == ["ok", "attribute-discard", "ok", "treat-as-withdraw",
                                     "session-reset"]
         and m[1]["attributes"].get("atomic_aggregate") is None
         and m[1]["announced"] == {"ipv4-unicast": ["198.51.100.0/24"]}
         and all("notification" not in o for o in m[:4]) and reset(m[4], 1, 2)'

# The same bytes, raw: from a file named on the command line and from stdin as "-".
run rawfile /dev/null --json "$tmp/many.bin"
run rawstdin "$tmp/many.bin" --json -
if cmp -s "$tmp/many.out" "$tmp/rawfile.out" && cmp -s "$tmp/many.out" "$tmp/rawstdin.out" &&
        [ "$(cat "$tmp/rawfile.rc") $(cat "$tmp/rawstdin.rc")" = "0 0" ]; then
        ok "raw bytes from a file and from stdin (-) decode as the hex does"
else
        bad "raw bytes from a file or from stdin (-) decode differently from the hex"
        show rawfile
        show rawstdin
fi
# Hex with white space between the octets and across lines is the same input.
sed 's/\(..\)/\1 /g; s/\(.\{48\}\)/\1\n/g' "$tmp/many.hex" >"$tmp/spaced.hex"
run spaced "$tmp/spaced.hex" --hex --json
if cmp -s "$tmp/many.out" "$tmp/spaced.out"; then
        ok "--hex reads octets separated by spaces and newlines"
else
        bad "--hex with spaces and newlines decodes differently"
        show spaced
fi

# ---- --no-as4 ---------------------------------------------------------------------------

# The same AS_PATH, 65000 65001, written with 2-octet and with 4-octet ASNs.
hexrun as2 as2 --no-as4
check as2 "--no-as4: a 2-octet AS_PATH reads 65000 65001" \
        'm[0]["action"] == "ok" and m[0]["attributes"]["as_path"] == "65000 65001"'
check as2 "--no-as4: the 4-octet encoding of that path does not read 65000 65001" \
        'm[1].get("attributes", {}).get("as_path") != "65000 65001"'
hexrun as4 as2
check as4 "4-octet AS by default: the 4-octet AS_PATH reads 65000 65001" \
        'm[1]["action"] == "ok" and m[1]["attributes"]["as_path"] == "65000 65001"'
check as4 "4-octet AS by default: the 2-octet encoding does not read 65000 65001" \
        'm[0].get("attributes", {}).get("as_path") != "65000 65001"'

# ---- --ext-msg --------------------------------------------------------------------------

hexrun big big
check big "a 5000-octet UPDATE without --ext-msg is a 1/2 reset (Bad Message Length)" \
        'len(m) == 1 and m[0]["type"] == "UPDATE" and reset(m[0], 1, 2)'
hexrun bigext bigext --ext-msg
check bigext "--ext-msg: the 5000-octet UPDATE is ok, and the next message is framed" \
        '[(o["type"], o["action"]) for o in m] == [("UPDATE", "ok"), ("KEEPALIVE", "ok")]
         and m[0]["length"] == 5000 and len(m[0]["attributes"]["communities"]) > 1000'
hexrun edge edge
check edge "without --ext-msg, 4096 octets are ok and 4097 a 1/2 reset" \
        'm[0]["action"] == "ok" and reset(m[1], 1, 2)'

# ---- --families -------------------------------------------------------------------------

hexrun fam4 fam --families ipv4-unicast
check fam4 "--families ipv4-unicast: an IPv6 MP_REACH_NLRI is a 3/9 reset" \
        'reset(m[0], 3, 9) and m[1]["action"] == "ok"'
hexrun famdef fam
check famdef "by default (ipv6-unicast,ipv4-unicast) that MP_REACH_NLRI is ok" \
        '[o["action"] for o in m] == ["ok", "ok"]'

# ---- --local-as / --remote-as ------------------------------------------------------------

hexrun openas openas --local-as 65001 --remote-as 65000
check openas "--remote-as 65000: an OPEN from AS 65002 is a 2/2 reset, from 65000 ok" \
        'reset(m[0], 2, 2) and m[1]["action"] == "ok" and m[1]["as"] == 65000'
hexrun openas4 openas4 --local-as 65001 --remote-as 4200000000
check openas4 "--remote-as 4200000000 is checked against the 4-octet AS capability" \
        'm[0]["action"] == "ok" and reset(m[1], 2, 2)'
hexrun ebgp firstas --local-as 65001 --remote-as 65000
check ebgp "eBGP: an AS_PATH not starting with the peer's AS is treat-as-withdraw" \
        'm[0]["action"] == "treat-as-withdraw" and "notification" not in m[0]'
check ebgp "eBGP: an AS_PATH starting with the peer's AS is ok" \
        'm[1]["action"] == "ok" and m[1]["attributes"]["as_path"] == "65000 65002"'
hexrun noas firstas
check noas "without --local-as/--remote-as the first AS is not checked" \
        '[o["action"] for o in m] == ["ok", "ok"]'
hexrun ibgp firstas --local-as 65001 --remote-as 65001
check ibgp "iBGP (--local-as = --remote-as): the first AS is not checked" \
        '[o["action"] for o in m] == ["ok", "ok"]'

# ---- exit status ------------------------------------------------------------------------

# Every reset above must exit 0 (check demands it); in text output too.
run resettext "$tmp/reset.hex" --hex
status resettext "resets classified, in text output" zero
: >"$tmp/empty"
run empty "$tmp/empty" --json
status empty "empty input (no message at all)" zero
run usage1 /dev/null --no-such-option
status usage1 "usage error: unknown option" nonzero
run usage2 /dev/null --local-as sixty-five
status usage2 "usage error: --local-as not a number" nonzero
run usage3 /dev/null --remote-as 4294967296
status usage3 "usage error: --remote-as beyond 32 bits" nonzero
run usage4 /dev/null --families ipv4-unicast,ipv9-unicast
status usage4 "usage error: unknown family" nonzero
run usage5 /dev/null "$tmp/many.bin" "$tmp/many.bin"
status usage5 "usage error: two inputs" nonzero
run missing /dev/null --json "$tmp/no-such-file"
status missing "unreadable input: no such file" nonzero
run isdir /dev/null --json "$tmp"
status isdir "unreadable input: a directory" nonzero
printf 'ff ff zz\n' >"$tmp/nothex"
run nothex "$tmp/nothex" --hex --json
status nothex "--hex input that is not hex" nonzero
for r in usage1 usage2 usage3 usage4 usage5 missing isdir nothex; do
        if [ -s "$tmp/$r.out" ] || [ ! -s "$tmp/$r.err" ]; then
                bad "$r: an error must be said on stderr, with nothing on stdout"
                show "$r"
        fi
done

# ---- a shutdown communication with control characters, in text ---------------------------

# ESC [2J (clear screen), a newline, BEL, DEL, a quote, and U+009B (CSI as a C1 control,
# UTF-8 C2 9B): none may reach the operator's terminal as itself.
run shut "$tmp/shut.hex" --hex
status shut "a NOTIFICATION with a shutdown communication, in text" zero
check_text shut "text output: the shutdown communication is on one line, its text kept" \
        'len([l for l in out.split(b"\n") if b"shutdown communication" in l]) == 1
         and all(w in out for w in (b"bye", b"[2J", b"X", b"Y"))'
check_text shut "text output: no C0 control or DEL of the communication printed as itself" \
        'not [c for c in line(b"shutdown communication") if c < 0x20 or c == 0x7f]'
check_text shut "text output: the C1 control U+009B (CSI) is not printed as itself" \
        'b"\xc2\x9b" not in line(b"shutdown communication")'
hexrun shutj shutj
check shutj "--json keeps the shutdown communication as a JSON string, one line" \
        'len(m) == 1 and m[0]["received"]["shutdown_communication"] == "bye\x1b[2J\nX"'

# ---- judging the queued checks ------------------------------------------------------------

cat >"$tmp/judge.py" <<'PY'
import json, os, sys

tmp = sys.argv[1]
ACTIONS = ("ok", "session-reset", "treat-as-withdraw", "attribute-discard")

def objects(name):
    rc = int(open(os.path.join(tmp, name + ".rc")).read())
    if rc != 0:
        raise AssertionError("exit status %d, not 0" % rc)
    m = []
    with open(os.path.join(tmp, name + ".out"), encoding="utf-8") as f:
        for n, text in enumerate(f, 1):
            try:
                o = json.loads(text)
            except ValueError as e:
                raise AssertionError("line %d is not one JSON object: %s" % (n, e))
            if not isinstance(o, dict) or not isinstance(o.get("type"), str):
                raise AssertionError("line %d is not an object with a type" % n)
            if o.get("action") not in ACTIONS:
                raise AssertionError("line %d: action %r is none of the contract's" % (n, o.get("action")))
            if o["action"] == "session-reset":
                nt = o.get("notification")
                if not (isinstance(nt, dict) and isinstance(nt.get("code"), int)
                        and isinstance(nt.get("subcode"), int)):
                    raise AssertionError("line %d: a reset without notification {code, subcode}" % n)
            m.append(o)
    return m

def reset(o, code, subcode):
    return o["action"] == "session-reset" and \
        (o["notification"]["code"], o["notification"]["subcode"]) == (code, subcode)

lines = open(os.path.join(tmp, "checks"), encoding="utf-8").read().split("\n")
passed = failed = 0
for i in range(0, len(lines) - 3, 4):
    kind, name, what, expr = lines[i:i + 4]
    out = open(os.path.join(tmp, name + ".out"), "rb").read()
    env = {"reset": reset, "out": out,
           "line": lambda key: next((l for l in out.split(b"\n") if key in l), b"")}
    try:
        if kind == "json":
            env["m"] = objects(name)
        if not eval("(" + expr + ")", env):
            raise AssertionError("does not hold: " + " ".join(expr.split()))
    except Exception as e:
        failed += 1
        print("not ok - %s: %s: %s" % (what, type(e).__name__, e))
        print("  exit status: " + open(os.path.join(tmp, name + ".rc")).read().strip())
        for l in out.split(b"\n")[:20]:
            if l:
                print("  out: %r" % l[:400] if kind == "text" else "  out: " + l[:400].decode("utf-8", "replace"))
        for l in open(os.path.join(tmp, name + ".err"), errors="replace"):
            print("  err: " + l.rstrip())
        continue
    passed += 1
    print("ok - " + what)
print("judged %d %d" % (passed, failed))
PY
python3 "$tmp/judge.py" "$tmp" >"$tmp/judged"
grep -v '^judged ' "$tmp/judged"
jp=0 jf=0
last=$(tail -n 1 "$tmp/judged")
if [[ $last =~ ^judged\ ([0-9]+)\ ([0-9]+)$ ]]; then
        jp=${BASH_REMATCH[1]} jf=${BASH_REMATCH[2]}
else
        bad "judge.py did not finish"
fi
checks=$((checks + jp + jf))
[ "$jf" -eq 0 ] || failed=1
echo "$checks checks, $([ "$failed" -eq 0 ] && echo "all passed" || echo "some FAILED")"
exit "$failed"
