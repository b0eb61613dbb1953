#!/usr/bin/env python3
"""check_options_doc.py - a program's options against its man page, both ways.

usage: check_options_doc.py PROGRAM PAGE

PROGRAM -h prints the usage text: every option it names ("-f", "--log") must be in the
option list of PAGE (an ".It Fl ..." item of the first list of the DESCRIPTION section),
and every option of that list but -h and --help must be in the usage text.  The SYNOPSIS
must name every option too.  The usage text is read as usage texts are written: the
bracketed options of the "usage:" line (and of its continuation lines), and the option
that starts each indented description line.
Exits 0 when all holds, 1 with one line per problem otherwise.
"""

import re
import subprocess
import sys

problems = []


def problem(msg):
    problems.append(msg)
    print("FAIL: " + msg, file=sys.stderr)


def usage_options(program):
    r = subprocess.run([program, "-h"], capture_output=True, text=True, timeout=30)
    if r.returncode != 0 or "usage:" not in r.stdout:
        problem("%s -h: exit %d, no usage text" % (program, r.returncode))
        return set(), ""
    text = r.stdout
    opts = set()
    in_usage = False
    for line in text.splitlines():
        if line.startswith("usage:") or (in_usage and re.match(r"^\s+\[", line)):
            in_usage = True
            for group in re.findall(r"\[([^]]*)\]", line):
                first = group.split()[0] if group.split() else ""
                if first.startswith("--"):
                    opts.add(first)
                elif re.fullmatch(r"-[a-zA-Z]+", first):
                    opts.update("-" + c for c in first[1:])
            continue
        in_usage = False
        m = re.match(r"^\s{1,4}((?:--?[a-zA-Z][\w-]*)(?:,\s*--?[a-zA-Z][\w-]*)*)", line)
        if m:
            opts.update(o.strip() for o in m.group(1).split(","))
    if not opts:
        problem("%s -h names no option; cannot check" % program)
    return opts, text


def page_options(page):
    """(options of the DESCRIPTION's option list, options of the SYNOPSIS)."""
    desc = re.search(r"^\.Sh DESCRIPTION$(.*?)^\.Sh ", page, re.S | re.M)
    syn = re.search(r"^\.Sh SYNOPSIS$(.*?)^\.Sh ", page, re.S | re.M)
    listed, in_list, depth = set(), False, 0
    for line in (desc.group(1) if desc else "").splitlines():
        if line.startswith(".Bl"):
            depth += 1
            if depth == 1 and not in_list:
                in_list = True
            continue
        if line.startswith(".El"):
            depth -= 1
            if depth == 0 and in_list:
                break
            continue
        if in_list and depth == 1 and line.startswith(".It Fl "):
            for m in re.finditer(r"\bFl\s+(\S+)", line):
                listed.add("-" + m.group(1).rstrip(","))
    synopsis = set()
    for m in re.finditer(r"\bFl\s+(\S+)", syn.group(1) if syn else ""):
        word = m.group(1)
        if word.startswith("-"):
            synopsis.add("-" + word)
        else:
            synopsis.update("-" + c for c in word)  # Fl nv: -n and -v
    return listed, synopsis


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__.split("\n\n")[1])
    program, page_path = sys.argv[1:]
    with open(page_path) as f:
        page = f.read()
    used, text = usage_options(program)
    listed, synopsis = page_options(page)
    if not listed:
        problem("%s: no option list (.It Fl ...) in DESCRIPTION" % page_path)
    for o in sorted(used - listed):
        problem("%s -h names %s; %s does not document it" % (program, o, page_path))
    for o in sorted(listed - used - {"-h", "--help"}):
        problem("%s documents %s; %s -h does not name it" % (page_path, o, program))
    for o in sorted(listed - synopsis - {"--help"}):
        problem("%s: %s is in the option list but not in the SYNOPSIS" % (page_path, o))
    for o in sorted(synopsis - listed):
        problem("%s: %s is in the SYNOPSIS but not in the option list" % (page_path, o))
    if problems:
        print("%d problems" % len(problems), file=sys.stderr)
        return 1
    print("%s: %d options, documented as %s says" % (page_path, len(listed), program))
    return 0


if __name__ == "__main__":
    sys.exit(main())
