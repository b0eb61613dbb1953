#!/usr/bin/env python3
"""bgp_streams.py - BGP sessions out of a pcap: each side's TCP stream, whole messages.

usage: bgp_streams.py extract PCAP SRC OUT
       bgp_streams.py check PCAP LBGP_DECODE LOCAL_AS SRC... [--tshark]

extract: writes to OUT the BGP messages SRC sent on its longest connection (the raw stream,
cut after the last whole message); fuzz/capture_peers.sh records the interop peers' seeds
with it.

check: issue #7's "every UPDATE lbgpd sends decodes cleanly".  Every connection from one of
the SRC addresses (lbgpd's) is reassembled in both directions; what SRC sent is decoded by
lbgp-decode as the receiving peer would (--local-as the peer's AS from its OPEN, --remote-as
LOCAL_AS, the families and extended messages as both OPENs negotiated), and every message
must come out "ok".  With --tshark, Wireshark's dissector must also find no malformed frame
and no expert warning or error in what SRC sent.  Prints a line per connection and exits 0
when all is clean, 1 with the offending messages otherwise, 2 on bad usage or input.

The pcap may be Ethernet, Linux cooked (v1 or v2: tcpdump -i any) or raw IP; only TCP on
port 179 is read.  A connection whose start was not captured is skipped (its stream has no
known beginning), and a hole in a stream ends it: only what is whole is judged.
"""
import ipaddress
import json
import struct
import subprocess
import sys

# epan/proto.h: PI_WARN and PI_ERROR, the severities in _ws.expert.severity.
PI_WARN = 0x00600000


def packets(path):
    """(src, sport, dst, dport, seq, flags, payload) for each TCP segment of the pcap."""
    data = open(path, "rb").read()
    if len(data) < 24:
        return
    magic = struct.unpack("<I", data[:4])[0]
    end = "<" if magic in (0xA1B2C3D4, 0xA1B23C4D) else ">"
    linktype = struct.unpack(end + "I", data[20:24])[0]
    off = 24
    while off + 16 <= len(data):
        incl = struct.unpack(end + "I", data[off + 8:off + 12])[0]
        pkt = data[off + 16:off + 16 + incl]
        off += 16 + incl
        if linktype == 1:  # Ethernet
            eth_type, p = struct.unpack(">H", pkt[12:14])[0], pkt[14:]
        elif linktype == 113:  # Linux cooked v1
            eth_type, p = struct.unpack(">H", pkt[14:16])[0], pkt[16:]
        elif linktype == 276:  # Linux cooked v2
            eth_type, p = struct.unpack(">H", pkt[0:2])[0], pkt[20:]
        elif linktype in (12, 101):  # raw IP
            eth_type = 0x86DD if pkt and pkt[0] >> 4 == 6 else 0x0800
            p = pkt
        else:
            raise SystemExit("bgp_streams: unknown link type %d" % linktype)
        if eth_type == 0x86DD and len(p) >= 40 and p[6] == 6:
            src, dst, tcp = ipaddress.ip_address(p[8:24]), ipaddress.ip_address(p[24:40]), p[40:]
        elif eth_type == 0x0800 and len(p) >= 20 and p[9] == 6:
            ihl = (p[0] & 15) * 4
            src, dst, tcp = ipaddress.ip_address(p[12:16]), ipaddress.ip_address(p[16:20]), p[ihl:]
        else:
            continue
        if len(tcp) < 20:
            continue
        sport, dport, seq = struct.unpack(">HHI", tcp[:8])
        if 179 not in (sport, dport):
            continue
        yield src, sport, dst, dport, seq, tcp[13], tcp[(tcp[12] >> 4) * 4:]


def streams(path):
    """{(src, sport, dst, dport): bytes}: each direction of each connection, whole messages."""
    flows = {}
    for src, sport, dst, dport, seq, flags, payload in packets(path):
        f = flows.setdefault((src, sport, dst, dport), {"isn": None, "segs": {}})
        if flags & 0x02:  # SYN: the data starts one after it
            f["isn"] = (seq + 1) & 0xFFFFFFFF
            continue
        if payload and f["isn"] is not None:
            f["segs"][(seq - f["isn"]) & 0xFFFFFFFF] = payload
    out = {}
    for key, f in flows.items():
        stream, pos = bytearray(), 0
        for rel in sorted(f["segs"]):
            seg = f["segs"][rel]
            if rel > pos:
                break  # a hole: keep what is whole
            stream += seg[pos - rel:]
            pos = max(pos, rel + len(seg))
        cut = 0
        while cut + 19 <= len(stream):
            n = struct.unpack(">H", stream[cut + 16:cut + 18])[0]
            if n < 19 or cut + n > len(stream):
                break
            cut += n
        if cut:
            out[key] = bytes(stream[:cut])
    return out


def open_caps(stream):
    """(my AS, {capability code: [values]}) of the OPEN a stream starts with, or None."""
    if len(stream) < 29 or stream[18] != 1:
        return None
    body = stream[19:struct.unpack(">H", stream[16:18])[0]]
    my_as = struct.unpack(">H", body[1:3])[0]
    caps = {}
    plen, params, i = body[9], body[10:10 + body[9]], 0
    if plen == 255 and len(body) >= 13 and body[10] == 255:  # RFC 9072 extended parameters
        plen = struct.unpack(">H", body[11:13])[0]
        params, wide = body[13:13 + plen], True
    else:
        wide = False
    while i < len(params):
        ptype = params[i]
        if wide:
            pl, i = struct.unpack(">H", params[i + 1:i + 3])[0], i + 3
        else:
            pl, i = params[i + 1], i + 2
        if ptype == 2:
            j, cap = 0, params[i:i + pl]
            while j + 2 <= len(cap):
                code, cl = cap[j], cap[j + 1]
                caps.setdefault(code, []).append(cap[j + 2:j + 2 + cl])
                j += 2 + cl
        i += pl
    for v in caps.get(65, []):  # RFC 6793: the real AS
        if len(v) == 4:
            my_as = struct.unpack(">I", v)[0]
    return my_as, caps


def families(caps_a, caps_b):
    """The AFI/SAFIs both OPENs announce (RFC 4760 capability 1), as lbgp-decode names them."""
    names = {(1, 1): "ipv4-unicast", (2, 1): "ipv6-unicast"}

    def mp(caps):
        return {struct.unpack(">HxB", v)[:2] for v in caps.get(1, []) if len(v) == 4}

    both = mp(caps_a) & mp(caps_b)
    return sorted(names[f] for f in both if f in names)


def check(pcap, decode, local_as, sources, use_tshark):
    ours = {ipaddress.ip_address(a) for a in sources}
    flows = streams(pcap)
    problems, updates = [], 0
    for (src, sport, dst, dport), sent in sorted(flows.items(), key=lambda kv: str(kv[0])):
        if src not in ours:
            continue
        back = flows.get((dst, dport, src, sport), b"")
        mine, theirs = open_caps(sent), open_caps(back)
        name = "[%s]:%d -> [%s]:%d" % (src, sport, dst, dport)
        if mine is None or theirs is None:
            print("%s: %d octets, no OPEN pair captured: skipped" % (name, len(sent)))
            continue
        args = [decode, "--json", "--local-as", str(theirs[0]), "--remote-as", str(local_as),
                "--families", ",".join(families(mine[1], theirs[1])) or "ipv6-unicast"]
        if 6 in mine[1] and 6 in theirs[1]:  # RFC 8654 extended messages, both ways
            args.append("--ext-msg")
        r = subprocess.run(args + ["-"], input=sent, capture_output=True)
        if r.returncode != 0:
            problems.append("%s: lbgp-decode exited %d: %s" % (name, r.returncode,
                                                               r.stderr.decode().strip()))
            continue
        counts = {}
        for line in r.stdout.decode().splitlines():
            m = json.loads(line)
            counts[m["type"]] = counts.get(m["type"], 0) + 1
            if m.get("action") != "ok":
                problems.append("%s: a %s decodes as %s: %s" % (name, m["type"],
                                                                m.get("action"), line))
        updates += counts.get("UPDATE", 0)
        print("%s: %s" % (name, ", ".join("%d %s" % (n, t) for t, n in sorted(counts.items()))))
    if use_tshark:
        flt = "bgp && (%s) && (_ws.malformed || _ws.expert.severity >= %d)" % (
            " || ".join("%s.src == %s" % ("ipv6" if a.version == 6 else "ip", a) for a in ours),
            PI_WARN)
        r = subprocess.run(["tshark", "-n", "-r", pcap, "-o", "tcp.desegment_tcp_streams:TRUE",
                            "-Y", flt, "-T", "fields", "-e", "frame.number", "-e",
                            "_ws.expert.message"], capture_output=True, text=True)
        if r.returncode != 0:
            problems.append("tshark exited %d: %s" % (r.returncode, r.stderr.strip()))
        for line in r.stdout.splitlines():
            problems.append("tshark: frame %s" % line)
        print("tshark: %d frame(s) of ours malformed or with an expert warning" %
              len(r.stdout.splitlines()))
    if updates == 0:
        problems.append("no UPDATE from %s was captured: nothing was checked" %
                        " ".join(sources))
    for p in problems:
        print("PROBLEM: " + p)
    return 1 if problems else 0


def main(argv):
    if len(argv) == 5 and argv[1] == "extract":
        flows = streams(argv[2])
        src = ipaddress.ip_address(argv[3])
        best = max((s for k, s in flows.items() if k[0] == src), key=len, default=b"")
        open(argv[4], "wb").write(best)
        print("%s: %d octets of BGP messages" % (argv[4], len(best)))
        return 0
    if len(argv) >= 6 and argv[1] == "check":
        rest = argv[5:]
        use_tshark = "--tshark" in rest
        sources = [a for a in rest if a != "--tshark"]
        return check(argv[2], argv[3], int(argv[4]), sources, use_tshark)
    print(__doc__.split("\n\n")[0] + "\n" + __doc__.split("\n\n")[1], file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
