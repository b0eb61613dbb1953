#!/usr/bin/env python3
"""hostile_corpus.py - the garbage of fault scenario 9, sorted by what a session must do.

Reads the fuzz corpora (fuzz/corpus/fuzz_update: a selector octet, then an UPDATE body;
fuzz/corpus/fuzz_msg: a selector octet, then messages back to back), frames each UPDATE as
a whole message of at most 4096 octets (the RFC 4271 maximum, the only one before extended
messages), adds random ones (random bodies under a valid header, and random bytes with no
header at all), and asks lbgp-decode how the receiving side of the session under test
judges each (the options of that session: --local-as, --remote-as, IPv6 unicast, 4-octet
AS).  lbgp-decode runs on libbgp's codec; lbgpd's session, router and RIB must act as the
verdict says, which is what the scenario checks.

Writes into OUTDIR:
  standing.bin        every message whose verdict lets the session stand (ok,
                      treat-as-withdraw, attribute-discard), back to back
  standing.json       {"messages": N, "ok": N, "treat-as-withdraw": N, "attribute-discard": N}
  reset-K.bin         one message (or byte string) per kind of session reset, K = 1, 2, ...:
                      the first of each NOTIFICATION code/subcode, at most --resets of them,
                      random bytes first
  reset-K.expect      "CODE SUBCODE DATA" of the NOTIFICATION the reset must send (DATA in
                      hex, "-" for none)
"""
import argparse
import json
import os
import random
import struct
import subprocess
import sys

MAX = 4096


def frame(mtype, body):
    return b"\xff" * 16 + struct.pack("!HB", 19 + len(body), mtype) + body


def split_messages(data):
    """Whole, well-framed messages of data, in order; stops at the first bad header."""
    out = []
    while len(data) >= 19:
        length = struct.unpack("!H", data[16:18])[0]
        if data[:16] != b"\xff" * 16 or length < 19 or length > MAX or length > len(data):
            break
        out.append(data[:length])
        data = data[length:]
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--decode", required=True)
    ap.add_argument("--local-as", required=True)
    ap.add_argument("--remote-as", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--random", type=int, default=200, help="random UPDATE bodies")
    ap.add_argument("--resets", type=int, default=6)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("corpus", nargs="+", help="fuzz_update and fuzz_msg directories")
    args = ap.parse_args()
    rnd = random.Random(args.seed)

    msgs = []
    for d in args.corpus:
        for name in sorted(os.listdir(d)):
            data = open(os.path.join(d, name), "rb").read()[1:]  # the selector octet
            if os.path.basename(d.rstrip("/")) == "fuzz_update":
                if 19 + len(data) <= MAX:
                    msgs.append(frame(2, data))
            else:
                msgs.extend(m for m in split_messages(data) if m[18] == 2)
    for _ in range(args.random):
        n = rnd.randrange(0, 200)
        msgs.append(frame(2, bytes(rnd.randrange(256) for _ in range(n))))

    # An UPDATE shorter than 23 octets is a header error (RFC 4271 6.1: 1/2, Bad Message
    # Length), after which lbgp-decode, as a session, reads no further: judge those apart.
    short = [m for m in msgs if len(m) < 23]
    msgs = [m for m in msgs if len(m) >= 23]
    # One lbgp-decode run judges the rest: each is framed, so each gets its own line.
    stream = b"".join(msgs)
    res = subprocess.run([args.decode, "--json", "--families", "ipv6-unicast", "--local-as",
                          args.local_as, "--remote-as", args.remote_as, "-"],
                         input=stream, capture_output=True, check=False)
    verdicts = [json.loads(l) for l in res.stdout.decode().splitlines() if l.strip()]
    if len(verdicts) != len(msgs):
        sys.exit("lbgp-decode judged %d of %d messages: %s" %
                 (len(verdicts), len(msgs), res.stderr.decode()[-300:]))

    standing, counts, resets, kinds = [], {"ok": 0, "treat-as-withdraw": 0,
                                           "attribute-discard": 0}, [], set()
    # Random bytes with no BGP header: the marker is wrong, RFC 4271 6.1 says 1/1.
    resets.append((bytes(rnd.randrange(256) for _ in range(64)), (1, 1, "-")))
    kinds.add((1, 1))
    if short:
        # RFC 4271 6.1: the data of a Bad Message Length is the erroneous length field.
        resets.append((short[0], (1, 2, short[0][16:18].hex())))
        kinds.add((1, 2))
    for m, v in zip(msgs, verdicts):
        action = v.get("action")
        if action in counts:
            counts[action] += 1
            standing.append(m)
        elif action == "session-reset":
            n = v["notification"]
            kind = (n["code"], n["subcode"])
            if kind not in kinds and len(resets) < args.resets:
                kinds.add(kind)
                resets.append((m, kind + (n.get("data", "-").replace(":", ""),)))
        else:
            sys.exit("unexpected verdict %s" % v)
    os.makedirs(args.out, exist_ok=True)
    open(os.path.join(args.out, "standing.bin"), "wb").write(b"".join(standing))
    counts["messages"] = len(standing)
    counts["resets"] = len(short) + sum(1 for v in verdicts if v.get("action") == "session-reset")
    json.dump(counts, open(os.path.join(args.out, "standing.json"), "w"))
    for k, (m, kind) in enumerate(resets, 1):
        open(os.path.join(args.out, "reset-%d.bin" % k), "wb").write(m)
        open(os.path.join(args.out, "reset-%d.expect" % k), "w").write("%d %d %s\n" % kind)
    print(json.dumps(counts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
