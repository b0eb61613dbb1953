#!/usr/bin/env python3
"""hostile_peer.py - a BGP peer that sends what it is told to, byte for byte.

The hostile fault scenarios (conformance/faults/hostile_*.sh) need a peer that does a proper
OPEN exchange and then sends what no real BGP speaker would: fuzz corpus inputs, random
bytes, UPDATEs with attributes no library encoder writes as they are (an unknown optional
transitive attribute without the Partial bit).  bgp_probe and lbgp-replay are built on
libbgp, whose encoder always writes well-formed messages; this one writes raw bytes.

It connects to --peer (retrying until --connect-timeout), with TTL/hop limit 255 so that a
GTSM peer (`ttl-security hops 1`) takes its segments, sends an OPEN (IPv6 unicast, 4-octet
AS, route refresh), and once the session is Established:
  --announce PREFIX [--attr HEX]...  one UPDATE: ORIGIN IGP, AS_PATH (our AS), the raw
                                     attributes HEX (flags, type, length, value) as they are,
                                     and MP_REACH_NLRI with our address as next hop
  --send FILE...                     the bytes of FILE as they are (messages back to back)
then reads until the peer closes, --hold-open seconds pass, or SIGTERM (then a Cease/
Administrative Shutdown).  It answers with KEEPALIVEs, and prints one line per event on
stdout, flushed at once:
  established
  sent N                             N octets of --send/--announce written
  notification received CODE SUBCODE DATA-HEX
  update LEN                         an UPDATE received (raw copies: --dump FILE)
  closed by peer | closed
Exit status: 0, or 1 when no session came up (the reason on stderr).
"""
import argparse
import ipaddress
import os
import select
import signal
import socket
import struct
import sys
import time

MARKER = b"\xff" * 16
OPEN, UPDATE, NOTIFICATION, KEEPALIVE = 1, 2, 3, 4


def emit(line):
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def message(mtype, body=b""):
    return MARKER + struct.pack("!HB", 19 + len(body), mtype) + body


def open_message(local_as, router_id, hold):
    caps = b""
    caps += bytes([1, 4]) + struct.pack("!HBB", 2, 0, 1)  # RFC 4760: IPv6 unicast
    caps += bytes([2, 0])  # RFC 2918: route refresh
    caps += bytes([65, 4]) + struct.pack("!I", local_as)  # RFC 6793: 4-octet AS
    params = bytes([2, len(caps)]) + caps
    my_as = local_as if local_as < 65536 else 23456  # AS_TRANS
    body = struct.pack("!BHH", 4, my_as, hold) + socket.inet_aton(router_id)
    return message(OPEN, body + bytes([len(params)]) + params)


def attr(flags, atype, value):
    if len(value) > 255:
        return struct.pack("!BBH", flags | 0x10, atype, len(value)) + value
    return struct.pack("!BBB", flags, atype, len(value)) + value


def announce(local_as, next_hop, prefix, raw_attrs):
    net = ipaddress.ip_network(prefix)
    nlri = bytes([net.prefixlen]) + net.network_address.packed[: (net.prefixlen + 7) // 8]
    attrs = attr(0x40, 1, b"\x00")  # ORIGIN IGP
    attrs += attr(0x40, 2, bytes([2, 1]) + struct.pack("!I", local_as))  # AS_SEQUENCE
    mp = struct.pack("!HBB", 2, 1, 16) + next_hop + b"\x00" + nlri
    attrs += attr(0x80, 14, mp)  # MP_REACH_NLRI (RFC 4760 3)
    for raw in raw_attrs:
        attrs += raw
    return message(UPDATE, struct.pack("!H", 0) + struct.pack("!H", len(attrs)) + attrs)


class Stream:
    """Whole messages out of a TCP byte stream."""

    def __init__(self, sock):
        self.sock = sock
        self.buf = b""

    def read(self, timeout):
        """The next whole message (type, body), None on timeout, or raises EOFError."""
        deadline = time.monotonic() + timeout
        while True:
            if len(self.buf) >= 19:
                length = struct.unpack("!H", self.buf[16:18])[0]
                if length < 19:
                    raise EOFError("a header with length %d" % length)
                if len(self.buf) >= length:
                    msg, self.buf = self.buf[:length], self.buf[length:]
                    return msg[18], msg[19:], msg
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            r, _, _ = select.select([self.sock], [], [], left)
            if not r:
                return None
            data = self.sock.recv(65536)
            if not data:
                raise EOFError("closed by peer")
            self.buf += data


def connect(args):
    family = socket.AF_INET6 if ":" in args.peer else socket.AF_INET
    deadline = time.monotonic() + args.connect_timeout
    last = "no attempt"
    while time.monotonic() < deadline:
        s = socket.socket(family, socket.SOCK_STREAM)
        if family == socket.AF_INET6:
            s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_UNICAST_HOPS, args.ttl)
        else:
            s.setsockopt(socket.IPPROTO_IP, socket.IP_TTL, args.ttl)
        s.bind((args.local, 0))
        s.settimeout(2)
        try:
            s.connect((args.peer, args.port))
        except OSError as e:
            last = str(e)
            s.close()
            time.sleep(0.3)
            continue
        s.settimeout(None)
        st = Stream(s)
        s.sendall(open_message(args.local_as, args.router_id, args.hold))
        try:
            got = st.read(5)
            if got is None or got[0] != OPEN:
                last = "no OPEN in answer" if got is None else "message %d, not OPEN" % got[0]
                if got is not None and got[0] == NOTIFICATION:
                    last += " (NOTIFICATION %d/%d)" % (got[1][0], got[1][1])
                s.close()
                time.sleep(0.3)
                continue
            s.sendall(message(KEEPALIVE))
            got = st.read(5)
            if got is not None and got[0] == KEEPALIVE:
                return s, st
            last = "no KEEPALIVE after the OPENs"
        except (EOFError, OSError) as e:
            last = "closed during the OPEN exchange: %s" % e
        s.close()
        time.sleep(0.3)
    print("hostile_peer: no session with %s: %s" % (args.peer, last), file=sys.stderr)
    return None, None


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--local", required=True)
    ap.add_argument("--peer", required=True)
    ap.add_argument("--port", type=int, default=179)
    ap.add_argument("--local-as", type=int, required=True)
    ap.add_argument("--router-id", default="192.0.2.99")
    ap.add_argument("--hold", type=int, default=90)
    ap.add_argument("--ttl", type=int, default=255)
    ap.add_argument("--connect-timeout", type=float, default=20)
    ap.add_argument("--announce", action="append", default=[])
    ap.add_argument("--attr", action="append", default=[], help="raw attribute, hex")
    ap.add_argument("--send", action="append", default=[])
    ap.add_argument("--hold-open", type=float, default=3600)
    ap.add_argument("--dump", help="append every UPDATE received to this file")
    args = ap.parse_args()

    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    s, st = connect(args)
    if s is None:
        return 1
    emit("established")
    raw_attrs = [bytes.fromhex(h) for h in args.attr]
    next_hop = ipaddress.ip_address(args.local).packed
    out = b""
    for p in args.announce:
        out += announce(args.local_as, next_hop, p, raw_attrs)
    for f in args.send:
        with open(f, "rb") as fh:
            out += fh.read()
    dump = open(args.dump, "ab") if args.dump else None
    try:
        if out:
            s.sendall(out)
            emit("sent %d" % len(out))
        end = time.monotonic() + args.hold_open
        next_ka = time.monotonic() + args.hold / 3
        while not stop and time.monotonic() < end:
            if time.monotonic() >= next_ka:
                s.sendall(message(KEEPALIVE))
                next_ka = time.monotonic() + args.hold / 3
            got = st.read(0.2)
            if got is None:
                continue
            mtype, body, raw = got
            if mtype == NOTIFICATION:
                emit("notification received %d %d %s" % (body[0], body[1], body[2:].hex()))
            elif mtype == UPDATE:
                emit("update %d" % len(raw))
                if dump:
                    dump.write(raw)
                    dump.flush()
        if stop:
            # RFC 4486 4: Cease/Administrative Shutdown.
            s.sendall(message(NOTIFICATION, bytes([6, 2])))
            time.sleep(0.2)
        emit("closed")
    except (EOFError, OSError) as e:
        emit("closed by peer" if "closed" in str(e) else "closed (%s)" % e)
    finally:
        s.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
