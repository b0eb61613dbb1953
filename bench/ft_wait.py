#!/usr/bin/env python3
"""ft_wait.py - the waits of bench/full_table.sh, timed on CLOCK_MONOTONIC.

The times the benchmark reports are differences between CLOCK_MONOTONIC stamps: the
feeders' own (lbgp-replay logs when each session became Established and when it started a
withdrawal) and the ones printed here (Python's time.monotonic() is that clock).

  ft_wait.py rib KIND TARGET_A TARGET_B TIMEOUT -- CMD...
      Runs CMD (the receiver's own CLI; one word: a shell command line) every 0.1 s until
      the routes it reports from upstream A and upstream B are TARGET_A and TARGET_B, then
      prints the monotonic time when the first answer that said so came back.  KIND says how to read the answer:
        frr      `show bgp summary json` (FRR, or lbgpd's lbgpctl): pfxRcd of peers A and B
        bird     birdc `show protocols all`: "Routes: N imported" of protocols ifog, lagrange
        gobgp    `gobgp global rib summary -a ipv6`: destinations and paths (not per
                 upstream: the script asks for N and 2N, then N and N)
        openbgpd `bgpctl show neighbor`: Prefixes received from each neighbor, counted in
                 its Adj-RIB-In before the filters (the script asks for every prefix)
      Peer A is 2001:db8:300::1 (ifog), B 2001:db8:100::ff (lagrange).
  ft_wait.py fib STATUS TOTAL VIA TIMEOUT [--settle S --after FILE --pids-file FILE]
      Waits until ft_fibwatch's STATUS file says TOTAL routes, VIA of them through upstream
      A's address (-1: any number), and prints the monotonic time of the change that made it so.  With
      --settle: the count must also have stopped changing for S seconds after FILE exists
      (the RIB wait's result, once not empty) with the receiver's processes (pids in the
      file, read again at every poll) idle (under 5% of a CPU for
      the last second) - the kernel's final state, when the number of routes alone cannot
      tell the first table from both.
Exit 0 when reached, 1 on timeout (the last values are printed to stderr).
"""
import json
import os
import re
import subprocess
import sys
import time

PEER_A, PEER_B = "2001:db8:300::1", "2001:db8:100::ff"
INTERVAL = 0.1
TRACE = os.environ.get("FT_WAIT_TRACE") == "1"  # every poll to stderr: time, its cost, counts


def find_peers(d):
    if isinstance(d, dict):
        if "peers" in d and isinstance(d["peers"], dict):
            return d["peers"]
        for v in d.values():
            p = find_peers(v)
            if p is not None:
                return p
    return None


def parse_frr(out):
    peers = find_peers(json.loads(out)) or {}
    return tuple(int(peers.get(a, {}).get("pfxRcd", -1)) for a in (PEER_A, PEER_B))


def parse_bird(out):
    got, proto = {}, None
    for line in out.splitlines():
        m = re.match(r"^(\S+)\s+BGP\s", line)
        if m:
            proto = m.group(1)
            continue
        m = re.match(r"^\s+Routes:\s+(\d+) imported", line)
        if m and proto is not None:
            got[proto] = int(m.group(1))
    return got.get("ifog", -1), got.get("lagrange", -1)


def parse_gobgp(out):
    # GoBGP's per-neighbor "accepted" is counted before the global import policy: its
    # global RIB (the Loc-RIB) is the count to take, as destinations and paths.
    m = re.search(r"Destination:\s*(\d+),\s*Path:\s*(\d+)", out)
    return (int(m.group(1)), int(m.group(2))) if m else (-1, -1)


def parse_openbgpd(out):
    got, peer = {}, None
    for line in out.splitlines():
        m = re.match(r"^BGP neighbor is (\S+),", line)
        if m:
            peer = m.group(1)
            continue
        # "Update statistics": Prefixes, Sent then Received (the Adj-RIB-In's count; the
        # RDE filters each into the Loc-RIB in the same step).
        m = re.match(r"^\s+Prefixes\s+(\d+)\s+(\d+)\s*$", line)
        if m and peer is not None:
            got[peer] = int(m.group(2))
    return got.get(PEER_A, -1), got.get(PEER_B, -1)


PARSERS = {"frr": parse_frr, "bird": parse_bird, "gobgp": parse_gobgp,
           "openbgpd": parse_openbgpd}


def rib(kind, ta, tb, timeout, cmd):
    parse = PARSERS[kind]
    deadline = time.monotonic() + timeout
    last = None
    print("polling", file=sys.stderr, flush=True)  # the script waits for this line
    while True:
        t = time.monotonic()
        try:
            out = subprocess.run(cmd[0] if len(cmd) == 1 else cmd, shell=len(cmd) == 1,
                                 capture_output=True, text=True, timeout=30).stdout
            last = parse(out)
        except Exception as e:  # not started yet, or an answer it cannot read: poll again
            last = ("error", str(e)[:80])
        if TRACE:
            print("%.3f %.3f %s" % (t, time.monotonic() - t, last), file=sys.stderr)
        if last == (ta, tb):
            # When the answer came back: the state was reached before, at most one poll
            # interval plus the CLI's own latency earlier (an upper bound, never early).
            print("%.3f" % time.monotonic())
            return 0
        if t > deadline:
            print("ft_wait: rib timed out, last %s, wanted %s" % (last, (ta, tb)), file=sys.stderr)
            return 1
        # GoBGP's summary walks its whole table under its lock: asked ten times a second,
        # it slows the load it measures.  Once a second for it.
        time.sleep(1.0 if kind == "gobgp" else INTERVAL)


def cpu_ticks(pids):
    total = 0
    for pid in pids:
        try:
            with open("/proc/%s/stat" % pid) as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        except (OSError, IndexError, ValueError):
            pass
    return total


def read_status(path):
    try:
        with open(path) as f:
            s = f.read().split()
    except OSError:
        return None
    if s and s[0] == "overrun":
        print("ft_wait: ft_fibwatch lost notifications", file=sys.stderr)
        sys.exit(1)
    return int(s[0]), int(s[1]), float(s[2])


def read_pids(path):
    try:
        with open(path) as f:
            return f.read().split()
    except OSError:
        return []


def fib(status, total, via, timeout, settle, after, pids_file):
    deadline = time.monotonic() + timeout
    hz = os.sysconf("SC_CLK_TCK")
    print("polling", file=sys.stderr, flush=True)
    history = []  # (time, ticks) of the receiver over the last second
    last = None
    while True:
        t = time.monotonic()
        last = read_status(status)
        if settle is not None:
            history.append((t, cpu_ticks(read_pids(pids_file))))
            while len(history) > 2 and history[1][0] <= t - 1.0:
                history.pop(0)
        if last is not None and last[0] == total and via in (-1, last[1]):
            if settle is None:
                print("%.3f" % last[2])
                return 0
            busy = 1.0
            if history[-1][0] - history[0][0] >= 0.9:
                busy = (history[-1][1] - history[0][1]) / hz / (history[-1][0] - history[0][0])
            rib_done = os.path.exists(after) and os.path.getsize(after) > 0
            if rib_done and t - last[2] >= settle and busy < 0.05:
                print("%.3f" % last[2])
                return 0
        if t > deadline:
            print("ft_wait: fib timed out, last %s, wanted %s" % (last, (total, via)), file=sys.stderr)
            return 1
        time.sleep(INTERVAL)


def main():
    a = sys.argv[1:]
    if len(a) >= 6 and a[0] == "rib" and a[5] == "--":
        sys.exit(rib(a[1], int(a[2]), int(a[3]), float(a[4]), a[6:]))
    if len(a) >= 5 and a[0] == "fib":
        settle = after = None
        pids_file = None
        rest = a[5:]
        while rest:
            if rest[0] == "--settle":
                settle = float(rest[1])
            elif rest[0] == "--after":
                after = rest[1]
            elif rest[0] == "--pids-file":
                pids_file = rest[1]
            else:
                sys.exit(__doc__)
            rest = rest[2:]
        sys.exit(fib(a[1], int(a[2]), int(a[3]), float(a[4]), settle, after, pids_file))
    sys.exit(__doc__)


if __name__ == "__main__":
    main()
