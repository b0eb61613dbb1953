#!/usr/bin/env python3
"""check_lbgpctl_doc.py - lbgpctl(8) against lbgpd's control socket.

usage: check_lbgpctl_doc.py static LBGPCTL_8 LBGPD_SOURCE_DIR
       check_lbgpctl_doc.py live LBGPCTL_8 LBGPD LBGPCTL

static: every word lbgpd's control socket compares a command word with (strcmp(argv[...],
"word") or request.c's is(argv[...], "word") in LBGPD_SOURCE_DIR/*.c) must be a keyword of a
command synopsis in lbgpctl.8.

live: runs LBGPD in a network namespace of its own (unshare, as root or in a user
namespace; exit 77 when neither is possible), with a configuration that has one neighbor
and one network, and sends it through LBGPCTL every documented command in every form
the synopses allow (mdoc_synopsis.variants), with and without json:
  - on the full socket every one must succeed (exit 0), and a json answer must be a JSON
    object whose keys are all documented in the COMMANDS section;
  - on the read-only socket the show commands must succeed and the others be refused
    with "% Permission denied";
  - an undocumented command must fail (the check checks itself);
  - the network's blackhole is a kernel route of protocol 201 while lbgpd runs;
  - after SIGTERM lbgpd exits 0 and removes both socket files.
Exits 0 when all holds, 1 with one line per problem otherwise.
"""

import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mdoc_synopsis as ms  # noqa: E402

PEER = "2001:db8:ffff::2"
PREFIX = "2001:db8::/32"
SAMPLES = {"peer": PEER, "prefix": PREFIX, "list": "PL-ANY", "map": "RM-ALL"}
CONFIG = """frr version 10.5.1
hostname lbgpctl-doc-test
ipv6 prefix-list PL-ANY seq 5 permit any
ip prefix-list PL-ANY seq 5 permit any
route-map RM-ALL permit 10
 match ipv6 address prefix-list PL-ANY
exit
ipv6 route %(prefix)s blackhole
router bgp 64500
 bgp router-id 192.0.2.1
 no bgp default ipv4-unicast
 neighbor %(peer)s remote-as 64511
 neighbor %(peer)s description doc-test
 neighbor %(peer)s passive
 address-family ipv6 unicast
  network %(prefix)s
  neighbor %(peer)s activate
  neighbor %(peer)s soft-reconfiguration inbound
  neighbor %(peer)s maximum-prefix 100
  neighbor %(peer)s route-map RM-ALL in
  neighbor %(peer)s route-map RM-ALL out
 exit-address-family
exit
""" % {"peer": PEER, "prefix": PREFIX}

problems = []


def problem(msg):
    problems.append(msg)
    print("FAIL: " + msg, file=sys.stderr)


def synopses(page):
    out = []
    for item in ms.items(page, r"(lbgpctl-commands)"):
        try:
            out.append((item, ms.parse(item["it"])))
        except ms.SynopsisError as e:
            problem("lbgpctl.8:%d: %s" % (item["lineno"], e))
    if not out:
        problem("lbgpctl.8: no command synopsis found (is the list after "
                "'.\\\" lbgpctl-commands' as mdoc_synopsis.py expects?)")
    return out


def check_static(page, srcdir):
    words = set()
    for path in sorted(glob.glob(os.path.join(srcdir, "*.c"))):
        with open(path) as f:
            text = f.read()
        words |= set(re.findall(r'strcmp\s*\(\s*argv\s*\[[^]]*\]\s*,\s*"([^"]+)"\s*\)', text))
        words |= set(re.findall(r'strcmp\s*\(\s*"([^"]+)"\s*,\s*argv\s*\[[^]]*\]\s*\)', text))
        # request.c, the grammar: is(argv[i], "word").
        words |= set(re.findall(r'\bis\s*\(\s*argv\s*\[[^]]*\]\s*,\s*"([^"]+)"\s*\)', text))
    # If the sources stop looking like this, say so rather than pass on nothing.
    expected = {"show", "bgp", "summary", "clear", "soft", "json"}
    if not expected <= words:
        problem("found only %s as command words in %s/*.c; the check must learn the new "
                "way commands are read" % (sorted(words), srcdir))
    documented = set()
    for _, tree in synopses(page):
        documented |= set(ms.keywords(tree))
    documented.add("json")  # the last word of every command, in the SYNOPSIS
    for w in sorted(words - documented):
        problem("lbgpd accepts the command word '%s' (%s/*.c); lbgpctl.8 does not document it"
                % (w, srcdir))
    print("checked %d command words" % len(words))


def documented_keys(page):
    """The words of the COMMANDS section: what JSON keys may be."""
    m = re.search(r"^\.Sh COMMANDS$(.*?)^\.Sh ", page, re.S | re.M)
    words = set()
    for w in re.findall(r"[A-Za-z][A-Za-z0-9.]*", m.group(1) if m else ""):
        words.add(w)
        words.update(w.split("."))
    return words


def json_keys(v, out):
    if isinstance(v, dict):
        for k, x in v.items():
            # Addresses, prefixes and the names of lists and maps are data, not keys.
            if not re.search(r"[:/]|^\d", k) and k not in (SAMPLES["list"], SAMPLES["map"]):
                out.add(k)
            json_keys(x, out)
    elif isinstance(v, list):
        for x in v:
            json_keys(x, out)


def ctl(lbgpctl, sock, words):
    try:
        return subprocess.run([lbgpctl, "-s", sock] + words, capture_output=True, text=True,
                              timeout=20)
    except subprocess.TimeoutExpired:
        return subprocess.CompletedProcess(words, 124, "", "timed out")


def start(lbgpd, conf, sock, log):
    """lbgpd in a new network namespace; the Popen, or None when none can be made."""
    inner = "ip link set lo up 2>/dev/null; exec \"$0\" -f \"$1\" -s \"$2\""
    for flags in (["--net"], ["--user", "--map-root-user", "--net"]):
        probe = subprocess.run(["unshare"] + flags + ["true"], capture_output=True)
        if probe.returncode == 0:
            return subprocess.Popen(["unshare"] + flags + ["sh", "-c", inner, lbgpd, conf, sock],
                                    stdout=log, stderr=subprocess.STDOUT)
    return None


def check_live(page, lbgpd, lbgpctl):
    if shutil.which("unshare") is None:
        print("SKIP: no unshare(1)")
        return 77
    tmp = tempfile.mkdtemp(prefix="lbgpctl-doc-")
    conf, sock = os.path.join(tmp, "lbgpd.conf"), os.path.join(tmp, "lbgpd.sock")
    logpath = os.path.join(tmp, "lbgpd.log")
    with open(conf, "w") as f:
        f.write(CONFIG)
    log = open(logpath, "w")
    proc = start(lbgpd, conf, sock, log)
    if proc is None:
        print("SKIP: cannot create a network namespace (not root, no user namespaces)")
        shutil.rmtree(tmp)
        return 77
    try:
        deadline = time.time() + 30
        while not (os.path.exists(sock) and os.path.exists(sock + ".ro")):
            if proc.poll() is not None or time.time() > deadline:
                problem("lbgpd did not open %s and %s.ro" % (sock, sock))
                return 1
            time.sleep(0.1)
        run_commands(page, lbgpd, lbgpctl, sock, conf, proc.pid)
        proc.terminate()
        try:
            rc = proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            problem("lbgpd did not exit within 20 s of SIGTERM")
            proc.kill()
            rc = proc.wait()
        if rc != 0:
            problem("lbgpd exited %d after SIGTERM (lbgpd.8: 0)" % rc)
        for p in (sock, sock + ".ro"):
            if os.path.exists(p):
                problem("%s is still there after lbgpd's exit (lbgpd.8: removed)" % p)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        log.close()
        if problems:
            with open(logpath) as f:
                print("---- lbgpd's log ----\n" + f.read()[-4000:], file=sys.stderr)
        shutil.rmtree(tmp)
    return 0


def check_running_config(lbgpd, text):
    """lbgpctl.8: show running-config is text that lbgpd reads back."""
    with tempfile.NamedTemporaryFile("w", suffix=".conf", delete=False) as f:
        f.write(text)
    try:
        r = subprocess.run([lbgpd, "-n", "-f", f.name], capture_output=True, text=True,
                           timeout=30)
        if r.returncode != 0 or "hostname lbgpctl-doc-test" not in text:
            problem("show running-config does not read back (exit %d): %s"
                    % (r.returncode, r.stderr.strip()))
    finally:
        os.unlink(f.name)


def check_failed_reload(lbgpctl, sock, conf, pid):
    """lbgpd.8, lbgpctl.8: a file that fails to parse leaves the running configuration in
    place, for lbgpctl reload (which answers with the errors) and for SIGHUP."""
    before = ctl(lbgpctl, sock, ["show", "running-config"]).stdout
    with open(conf) as f:
        good = f.read()
    with open(conf, "w") as f:
        f.write(good.replace(" neighbor %s passive" % PEER, " neighbor %s frobnicate" % PEER))
    try:
        r = ctl(lbgpctl, sock, ["reload"])
        if r.returncode != 1 or not re.search(r":\d+:\d+: error: ", r.stderr):
            problem("'lbgpctl reload' of a broken file: exit %d, %r (lbgpctl.8: an error "
                    "with FILE:LINE:COL lines)" % (r.returncode, r.stderr))
        os.kill(pid, 1)  # SIGHUP
        time.sleep(1)
        after = ctl(lbgpctl, sock, ["show", "running-config"])
        if after.returncode != 0 or after.stdout != before:
            problem("the running configuration changed after a reload of a broken file")
    finally:
        with open(conf, "w") as f:
            f.write(good)


def run_commands(page, lbgpd, lbgpctl, sock, conf, pid):
    keys_ok = documented_keys(page)
    n = 0
    for item, tree in synopses(page):
        try:
            lines = ms.variants(tree, SAMPLES)
        except ms.SynopsisError as e:
            problem("lbgpctl.8:%d: %s" % (item["lineno"], e))
            continue
        for words in lines:
            n += 1
            text = " ".join(words)
            r = ctl(lbgpctl, sock, words)
            if r.returncode != 0:
                problem("lbgpctl.8:%d: 'lbgpctl %s' exits %d: %s"
                        % (item["lineno"], text, r.returncode, (r.stderr or r.stdout).strip()))
                continue
            if words[-1] == "json":
                try:
                    v = json.loads(r.stdout)
                except ValueError as e:
                    problem("'lbgpctl %s' is not JSON: %s" % (text, e))
                    continue
                if not isinstance(v, dict):
                    problem("'lbgpctl %s' is not a JSON object" % text)
                keys = set()
                json_keys(v, keys)
                for k in sorted(keys - keys_ok):
                    problem("'lbgpctl %s' answers with the key '%s', which lbgpctl.8 does "
                            "not document" % (text, k))
            ro = ctl(lbgpctl, sock + ".ro", words)
            if "refused on the read-only socket" not in " ".join(item["body"].split()):
                if ro.returncode != 0:
                    problem("'lbgpctl %s' fails on the read-only socket: %s"
                            % (text, ro.stderr.strip()))
            elif ro.returncode == 0 or "% Permission denied" not in ro.stderr:
                problem("'lbgpctl %s' is not refused on the read-only socket (exit %d: %s)"
                        % (text, ro.returncode, (ro.stderr or ro.stdout).strip()))
            if words == ["show", "running-config"]:
                check_running_config(lbgpd, r.stdout)
    print("ran %d documented command lines" % n)
    if any(ms.keywords(t) == ["reload"] for _, t in synopses(page)):
        check_failed_reload(lbgpctl, sock, conf, pid)
    r = ctl(lbgpctl, sock, ["show", "bgp", "frobnicate"])
    if r.returncode == 0:
        problem("self-test: 'lbgpctl show bgp frobnicate' succeeded")
    show = ["ip", "-6", "route", "show", "proto", "201"]
    routes = subprocess.run(["nsenter", "-t", str(pid), "-n"] + show, capture_output=True,
                            text=True, timeout=20)
    if routes.returncode != 0:  # lbgpd is in a user namespace too
        routes = subprocess.run(["nsenter", "-t", str(pid), "-U", "--preserve-credentials",
                                 "-n"] + show, capture_output=True, text=True, timeout=20)
    if not re.search(r"^blackhole %s " % re.escape(PREFIX), routes.stdout, re.M):
        problem("no blackhole %s of protocol 201 in lbgpd's namespace: %r %s"
                % (PREFIX, routes.stdout, routes.stderr.strip()))


def main():
    if len(sys.argv) < 2 or sys.argv[1] not in ("static", "live"):
        raise SystemExit(__doc__.split("\n\n")[1])
    mode = sys.argv[1]
    if (mode == "static" and len(sys.argv) != 4) or (mode == "live" and len(sys.argv) != 5):
        raise SystemExit(__doc__.split("\n\n")[1])
    with open(sys.argv[2]) as f:
        page = f.read()
    if mode == "static":
        check_static(page, sys.argv[3])
        rc = 0
    else:
        rc = check_live(page, sys.argv[3], sys.argv[4])
        if rc == 77:
            return 77
    if problems:
        print("%d problems" % len(problems), file=sys.stderr)
        return 1
    print("lbgpctl.8 and lbgpd's control socket agree")
    return rc


if __name__ == "__main__":
    sys.exit(main())
