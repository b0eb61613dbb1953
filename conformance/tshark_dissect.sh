#!/bin/sh
# tshark_dissect.sh TSHARK_MSGS [WORKDIR] - Wireshark reads libbgp's messages as we meant them.
#
# TSHARK_MSGS (the program built from tshark_msgs.c) encodes messages of every type and
# every path attribute and writes them as text2pcap hex dumps, with a manifest of the value
# each Wireshark field must show.  Each dump becomes a capture, one BGP message per TCP
# segment on port 179 between 2001:db8::1 and 2001:db8::2, and is dissected by tshark into
# PDML.  The test passes when every manifest line matches (the same values, in the same
# order, or as a multiset for KEY@set) and no frame carries a Malformed Packet or an expert
# item of Warning or Error severity.
#
# Wireshark cannot tell 2-octet from 4-octet AS numbers by looking, so each capture is
# dissected with bgp.asn_len set to what its session negotiated.
#
# Exits 77 (skipped) when tshark, text2pcap or python3 is missing.
set -eu

gen=${1:?usage: tshark_dissect.sh TSHARK_MSGS [WORKDIR]}
for tool in tshark text2pcap python3; do
        if ! command -v "$tool" >/dev/null 2>&1; then
                echo "tshark_dissect: $tool not found, skipping"
                exit 77
        fi
done

if [ $# -ge 2 ]; then
        work=$2
        mkdir -p "$work"
else
        work=$(mktemp -d "${TMPDIR:-/tmp}/bgp-tshark.XXXXXX")
        trap 'rm -rf "$work"' EXIT INT TERM
fi

"$gen" "$work"
tshark --version | head -n 1

status=0
for session in as4 as2; do
        asn_len=${session#as}
        text2pcap -q -T 50000,179 -6 2001:db8::1,2001:db8::2 \
                "$work/$session.txt" "$work/$session.pcap"
        tshark -n -r "$work/$session.pcap" -o tcp.desegment_tcp_streams:TRUE \
                -o "bgp.asn_len:$asn_len" -T pdml >"$work/$session.pdml" 2>"$work/$session.err"
        python3 - "$work/$session.pdml" "$work/$session.expect" "$session" <<'EOF' || status=1
import collections, sys
import xml.etree.ElementTree as ET

pdml, expect, session = sys.argv[1:4]

# Severity levels of _ws.expert.severity (epan/proto.h PI_WARN, PI_ERROR).
PI_WARN, PI_ERROR = 0x00600000, 0x00800000

def child_show(node, name):
    for c in node:
        if c.get("name") == name:
            return c.get("show")
    return None

def collect(node, scopes, out, problems):
    """Every field under node: by name, by NAME scoped in each enclosing field, and in
    the enclosing path attribute (attrT/) or capability (capC/)."""
    for c in node:
        name = c.get("name", "")
        if c.tag == "proto" and name == "_ws.malformed":
            problems.append("Malformed Packet: " + c.get("showname", ""))
        if name == "_ws.expert":
            sev = int(child_show(c, "_ws.expert.severity") or 0)
            if sev >= PI_WARN:
                problems.append("expert %s: %s" % ("error" if sev >= PI_ERROR else "warning",
                                                   child_show(c, "_ws.expert.message")))
        if c.tag != "field":
            collect(c, scopes, out, problems)
            continue
        show = c.get("show")
        if show is not None:
            out[name].append(show)
            for s in scopes:
                out[s + "/" + name].append(show)
        inner = list(scopes) + [name]
        if name == "bgp.update.path_attribute":
            inner.append("attr" + (child_show(c, "bgp.update.path_attribute.type_code") or "?"))
        elif name == "bgp.cap":
            inner.append("cap" + (child_show(c, "bgp.cap.type") or "?"))
        collect(c, inner, out, problems)

frames = []
for pkt in ET.parse(pdml).getroot().iter("packet"):
    fields, problems = collections.defaultdict(list), []
    for proto in pkt:
        if proto.get("name") in ("bgp", "_ws.malformed", "_ws.expert"):
            if proto.get("name") != "bgp":
                problems.append("%s outside BGP: %s" % (proto.get("name"),
                                                        proto.get("showname")))
            collect(proto, [], fields, problems)
        elif proto.get("name") in ("tcp", "ipv6", "frame"):
            # A capture problem (bad checksum, lost segment) would void the test.
            sub = collections.defaultdict(list)
            collect(proto, [], sub, problems)
    frames.append((fields, problems))

want = collections.OrderedDict()
for line in open(expect, encoding="utf-8"):
    frame, key, value = line.rstrip("\n").split("\t", 2)
    want.setdefault((int(frame), key), []).append(value)

errors, checked = [], 0
n_frames = max(f for f, _ in want) if want else 0
if len(frames) != n_frames:
    errors.append("%d frames dissected, %d messages written" % (len(frames), n_frames))
for (frame, key), values in want.items():
    if frame > len(frames):
        continue
    fields = frames[frame - 1][0]
    as_set = key.endswith("@set")
    got = fields.get(key[:-4] if as_set else key, [])
    ok = sorted(got) == sorted(values) if as_set else got == values
    checked += len(values)
    if not ok:
        errors.append("frame %d %s:\n      want %s\n      got  %s" % (frame, key, values, got))
for i, (_, problems) in enumerate(frames):
    for p in problems:
        errors.append("frame %d: %s" % (i + 1, p))

print("%s: %d frames, %d field values checked, %d distinct keys" %
      (session, len(frames), checked, len({k for _, k in want})))
for e in errors:
    print("  FAIL " + e)
sys.exit(1 if errors else 0)
EOF
done
if [ "$status" -ne 0 ]; then
        echo "tshark_dissect: FAILED (captures and PDML in $work)"
        trap - EXIT INT TERM
fi
exit "$status"
