#!/usr/bin/env python3
"""check_conf_doc.py - lbgpd.conf(5) against the configuration parser, both ways.

usage: check_conf_doc.py LBGPD CC COMMANDS_C MATCH_C LBGPD_CONF_5

1. Documentation -> code.  Every command synopsis of lbgpd.conf.5 (see mdoc_synopsis.py
   and the comment at the top of the page) is turned into concrete lines that take every
   alternative of every group at least once, with sample values.  Each line is written,
   inside the block its list is marked for, to a file of its own, and "LBGPD -n -f FILE"
   must accept it: exit 0 and no "error:" on stderr.  After a line documented inside a
   block, a probe line valid only in that block must still be accepted, so that a command
   documented in the wrong block fails too.

2. Code -> documentation.  The command table of daemon/config/commands.c is read through
   the C preprocessor (CC -E), so its macros expand as the compiler sees them.  Every
   keyword of every pattern must be documented in the page (as an Ic or Cm word), and
   every row must have a synopsis in a block where the row is valid that holds all of the
   row's mandatory keywords.

3. The check checks itself: a line the parser must refuse is refused, and a synopsis
   whose first keyword is misspelt fails step 1.

Exits 0 when all holds, 1 with one line per problem otherwise.
"""

import concurrent.futures
import os
import re
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mdoc_synopsis as ms  # noqa: E402

PEER = "2001:db8::1"

# What each "Ar NAME" of the page stands for in a test line.  A new name in the page needs
# a value here: the test fails until it has one.
SAMPLES = {
    "version": "10.5.1",
    "name": "T1",
    "level": "informational",
    "path": "/var/log/lbgpd-test.log",
    "sequence": "20",
    "number": "7",
    "ipv6-prefix": "2001:db8::/32",
    "ipv4-prefix": "192.0.2.0/24",
    "length": "32",
    "text": "some text",
    "community": "64500:100",
    "large-community": "64500:1:2",
    "regex": "_64500_",
    "asn": "64501",
    "value": "5",
    "ipv6-address": "2001:db8::3",
    "ipv4-address": "192.0.2.3",
    "interface": "eth0",
    "distance": "20",
    "router-id": "192.0.2.1",
    "peer": PEER,
    "hops": "1",
    "address": "2001:db8::2",
    "password": "secret",
    "keepalive": "10",
    "holdtime": "30",
    "seconds": "10",
    "max": "1000",
    "threshold": "90",
    "minutes": "30",
}

# The block a synopsis list is marked for: the lines before it, the parser's node it is
# in, and a line valid only there (None: no probe).
BGP = "router bgp 64500\n"
NEIGHBOR = BGP + "neighbor %s remote-as 64511\n" % PEER
CONTEXTS = {
    "top": ("", "CONFIG", None),
    "route-map": ("route-map RM-TEST permit 10\n", "ROUTE_MAP", "description probe"),
    "bgp": (BGP, "BGP", "bgp router-id 192.0.2.99"),
    "neighbor": (NEIGHBOR, "BGP", "neighbor %s description probe" % PEER),
    "af6": (NEIGHBOR + "address-family ipv6 unicast\n", "AF_IPV6", "network 2001:db8:ffff::/48"),
    "af4": (NEIGHBOR + "address-family ipv4 unicast\n", "AF_IPV4", None),
    "line-vty": ("line vty\n", "LINE_VTY", None),
}
# Lines that leave their block on purpose: no probe after them.
LEAVING = {"exit", "end", "exit-address-family"}

problems = []


def problem(msg):
    problems.append(msg)
    print("FAIL: " + msg, file=sys.stderr)


def check_text(lbgpd, text, tmpdir, n):
    """Runs lbgpd -n on text; returns (ok, stderr)."""
    path = os.path.join(tmpdir, "t%d.conf" % n)
    with open(path, "w") as f:
        f.write(text)
    # Leaks are the unit tests' business; here they would only slow every run down.
    env = dict(os.environ)
    env["ASAN_OPTIONS"] = env.get("ASAN_OPTIONS", "") + ":detect_leaks=0"
    try:
        r = subprocess.run([lbgpd, "-n", "-f", path], capture_output=True, text=True,
                           timeout=30, env=env)
    except subprocess.TimeoutExpired:
        return False, "timed out"
    ok = r.returncode == 0 and ": error: " not in r.stderr
    return ok, r.stderr


def test_lines(lbgpd, page, tmpdir):
    """Step 1; returns the synopses, as (line number, context, keywords, tree)."""
    synopses, jobs = [], []
    for item in ms.items(page, r"context:\s*(\S+)"):
        lineno, it, ctx, samples = item["lineno"], item["it"], item["context"], item["samples"]
        if ctx not in CONTEXTS:
            problem("lbgpd.conf.5:%d: unknown context '%s'" % (lineno, ctx))
            continue
        try:
            tree = ms.parse(it)
            lines = ms.variants(tree, dict(SAMPLES, **samples))
        except ms.SynopsisError as e:
            problem("lbgpd.conf.5:%d: %s" % (lineno, e))
            continue
        # What the item documents as keywords: its synopsis, and the Ic/Cm words of its
        # text (the log levels are listed there).
        synopses.append((lineno, ctx, set(ms.keywords(tree)),
                         set(ms.keywords(tree)) | ms.marked_words(item["body"])))
        prefix, _, probe = CONTEXTS[ctx]
        for words in lines:
            text = prefix + " ".join(words) + "\n"
            if probe and words[0] not in LEAVING and words[0] != "address-family":
                text += probe + "\n"
            jobs.append((lineno, " ".join(words), text))
    if not jobs:
        problem("lbgpd.conf.5: no command synopsis found (is the page's markup as "
                "mdoc_synopsis.py expects?)")
        return synopses
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        results = pool.map(lambda a: check_text(lbgpd, a[1][2], tmpdir, a[0]), enumerate(jobs))
        for (lineno, line, text), (ok, err) in zip(jobs, results):
            if not ok:
                errs = " | ".join(l for l in err.splitlines() if ": error: " in l) or err.strip()
                problem("lbgpd.conf.5:%d: '%s' is not accepted by lbgpd -n: %s" %
                        (lineno, line, errs))
    print("checked %d lines from %d synopses" % (len(jobs), len(synopses)))
    return synopses


def preprocess(cc, commands_c):
    """commands.c without its #includes, through the preprocessor."""
    with open(commands_c) as f:
        src = "".join(l for l in f if not l.lstrip().startswith("#include"))
    r = subprocess.run([cc, "-E", "-P", "-x", "c", "-"], input=src, capture_output=True,
                       text=True, timeout=60)
    if r.returncode != 0:
        raise SystemExit("%s -E failed on %s:\n%s" % (cc, commands_c, r.stderr))
    return r.stdout


def split_top(text, sep):
    """Splits text at sep outside braces, parentheses and strings."""
    parts, depth, cur, i, instr = [], 0, [], 0, False
    while i < len(text):
        c = text[i]
        if instr:
            cur.append(c)
            if c == "\\":
                cur.append(text[i + 1])
                i += 1
            elif c == '"':
                instr = False
        elif c == '"':
            instr = True
            cur.append(c)
        elif c in "{(":
            depth += 1
            cur.append(c)
        elif c in "})":
            depth -= 1
            cur.append(c)
        elif c == sep and depth == 0:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(c)
        i += 1
    if "".join(cur).strip():
        parts.append("".join(cur))
    return parts


NODE_SETS = {
    "NODES_AF": {"AF_IPV4", "AF_IPV6"},
    "NODES_BLOCKS": {"ROUTE_MAP", "BGP", "AF_IPV4", "AF_IPV6", "LINE_VTY"},
    "NODES_ALL": {"CONFIG", "ROUTE_MAP", "BGP", "AF_IPV4", "AF_IPV6", "LINE_VTY"},
}


def nodes_of(expr):
    nodes = set()
    for name in re.findall(r"\bNODES?_[A-Z0-9_]+\b", expr):
        if name in NODE_SETS:
            nodes |= NODE_SETS[name]
        elif name.startswith("NODE_") and name != "NODE_BIT":
            nodes.add(name[len("NODE_"):])
    if not nodes:
        raise SystemExit("cannot read the nodes of %r" % expr)
    return nodes


def table_rows(cc, commands_c):
    text = preprocess(cc, commands_c)
    m = re.search(r"config_commands\s*\[\s*\]\s*=\s*\{", text)
    if not m:
        raise SystemExit("no config_commands[] table in %s" % commands_c)
    depth, i = 1, m.end()
    while depth:
        if text[i] == "{":
            depth += 1
        elif text[i] == "}":
            depth -= 1
        i += 1
    body = text[m.end():i - 1]
    rows = []
    for row in split_top(body, ","):
        row = row.strip()
        if not row:
            continue
        if not (row.startswith("{") and row.endswith("}")):
            raise SystemExit("unexpected row in the command table: %r" % row)
        fields = split_top(row[1:-1], ",")
        if len(fields) < 2:
            raise SystemExit("unexpected row in the command table: %r" % row)
        pattern = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', fields[1]))
        rows.append((nodes_of(fields[0]), pattern))
    return rows


def placeholders(match_c):
    """The variable names of the pattern language ({"WORD", PAT_VAR_WORD}, ...)."""
    with open(match_c) as f:
        names = set(re.findall(r'\{\s*"([^"]+)"\s*,\s*PAT_VAR_[A-Z0-9_]+\s*\}', f.read()))
    if "WORD" not in names or "X:X::X:X/M" not in names:
        raise SystemExit("cannot find the pattern variables in %s" % match_c)
    return names


def pattern_keywords(pattern, variables):
    """(all keywords, mandatory keywords) of a command pattern."""
    spaced = re.sub(r"([<>\[\]{}|])", r" \1 ", pattern)
    every, mandatory, depth = [], [], 0
    for tok in spaced.split():
        if tok in "<[{":
            depth += 1
            continue
        if tok in ">]}":
            depth -= 1
            continue
        if tok == "|":
            continue
        word = tok.split("$", 1)[0]
        if word.endswith("..."):
            word = word[:-3]
        if not word or word in variables or re.fullmatch(r"\(\d+-\d+\)", word):
            continue
        every.append(word)
        if depth == 0:
            mandatory.append(word)
    return every, mandatory


CTX_NODE = {k: v[1] for k, v in CONTEXTS.items()}


def test_table(cc, commands_c, match_c, page, synopses):
    """Step 2."""
    variables = placeholders(match_c)
    rows = table_rows(cc, commands_c)
    if len(rows) < 40:
        problem("only %d rows read from the command table of %s" % (len(rows), commands_c))
    for nodes, pattern in rows:
        every, mandatory = pattern_keywords(pattern, variables)
        # The synopses that document this row: in a block where it is valid, with all the
        # keywords it cannot do without.
        homes = [s for s in synopses
                 if CTX_NODE[s[1]] in nodes and set(mandatory) <= s[2]]
        if not homes:
            problem("no synopsis in lbgpd.conf.5 documents '%s' (commands.c) in a block "
                    "where it is valid (%s)" % (pattern, ", ".join(sorted(nodes))))
            continue
        # One of them must document every keyword of the row, in its synopsis or its text.
        best = max(homes, key=lambda s: len(set(every) & s[3]))
        missing = [w for w in every if w not in best[3]]
        if missing:
            problem("lbgpd.conf.5:%d does not document '%s' of '%s' (commands.c)"
                    % (best[0], "', '".join(missing), pattern))
    print("checked %d rows of the command table" % len(rows))


def self_test(lbgpd, page, tmpdir):
    """Step 3."""
    ok, _ = check_text(lbgpd, NEIGHBOR + "neighbor %s frobnicate\n" % PEER, tmpdir, 90001)
    if ok:
        problem("self-test: lbgpd -n accepted 'neighbor ... frobnicate'")
    ok, _ = check_text(lbgpd, "route-map RM-TEST permit 10\nset metric 1\n"
                       "ipv6 prefix-list X permit ::/0\nset metric 2\n", tmpdir, 90002)
    if ok:
        problem("self-test: a route-map line after leaving the block was accepted, so the "
                "probes cannot tell blocks apart")
    its = ms.items(page, r"context:\s*(\S+)")
    if its:
        it, ctx, samples = its[0]["it"], its[0]["context"], its[0]["samples"]
        tree = ms.parse(it)
        kw = next(i for i, e in enumerate(tree) if e[0] == "kw")
        tree[kw] = ("kw", "xyzzy" + tree[kw][1])
        words = ms.variants(tree, dict(SAMPLES, **samples))[0]
        ok, _ = check_text(lbgpd, CONTEXTS[ctx][0] + " ".join(words) + "\n", tmpdir, 90003)
        if ok:
            problem("self-test: a misspelt synopsis (%s) was accepted" % " ".join(words))


def main():
    if len(sys.argv) != 6:
        raise SystemExit(__doc__.split("\n\n")[1])
    lbgpd, cc, commands_c, match_c, page_path = sys.argv[1:]
    with open(page_path) as f:
        page = f.read()
    with tempfile.TemporaryDirectory(prefix="lbgpd-doc-") as tmpdir:
        synopses = test_lines(lbgpd, page, tmpdir)
        test_table(cc, commands_c, match_c, page, synopses)
        self_test(lbgpd, page, tmpdir)
    if problems:
        print("%d problems" % len(problems), file=sys.stderr)
        return 1
    print("lbgpd.conf.5 and the configuration parser agree")
    return 0


if __name__ == "__main__":
    sys.exit(main())
