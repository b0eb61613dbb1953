"""mdoc_synopsis.py - command synopses of the man pages, as trees, and concrete lines from them.

The man pages write each command as one .It line of a tagged list:

    .It Ic neighbor Ar peer Cm maximum-prefix Ar max Oo Ar threshold Oc Op Cm force

Ic and Cm are keywords, Ar a value the reader fills in, Oo ... Oc and Op (to the end of
the line) an optional part, Bro ... Brc a choice of exactly one, "|" separates the
alternatives of the innermost group, and "..." after a value means one or more.  Any other
macro in a synopsis is an error, so that a page cannot drift into a form this module would
misread.

variants() turns a synopsis into concrete lines that between them take every alternative
of every group at least once, with each value replaced by a sample.
"""

import re
import shlex

MACROS = {"It", "Ic", "Cm", "Ar", "Op", "Oo", "Oc", "Bro", "Brc", "Ns"}


class SynopsisError(Exception):
    pass


class Group:
    def __init__(self, kind, explicit):
        self.kind = kind          # "opt", "req" or "root"
        self.explicit = explicit  # closed by Oc/Brc, not by the end of the line
        self.alts = [[]]

    def add(self, elem):
        self.alts[-1].append(elem)


def parse(line):
    """Parses an .It line; returns the root sequence, a list of elements:
    ("kw", word), ("arg", name) or ("group", Group)."""
    words = shlex.split(line, posix=True)
    if not words or words[0] not in (".It", "It"):
        raise SynopsisError("not an .It line: %r" % line)
    root = Group("root", True)
    stack = [root]
    kind = None  # what plain words are: "kw" or "arg"

    def close(want_kind):
        # Closes implicit groups up to the innermost explicit group of want_kind.
        while True:
            if len(stack) == 1:
                raise SynopsisError("closing %s without an open group: %r" % (want_kind, line))
            g = stack.pop()
            if g.explicit:
                if g.kind != want_kind:
                    raise SynopsisError("badly nested groups: %r" % line)
                return

    for w in words[1:]:
        if w in MACROS:
            if w == "It":
                raise SynopsisError("nested It: %r" % line)
            if w in ("Ic", "Cm"):
                kind = "kw"
            elif w == "Ar":
                kind = "arg"
            elif w == "Ns":
                pass
            elif w in ("Oo", "Op", "Bro"):
                g = Group("req" if w == "Bro" else "opt", w != "Op")
                stack[-1].add(("group", g))
                stack.append(g)
                kind = None
            elif w == "Oc":
                close("opt")
                kind = None
            elif w == "Brc":
                close("req")
                kind = None
            continue
        if re.fullmatch(r"[A-Z][a-z][a-z]?", w):
            raise SynopsisError("macro %s is not allowed in a synopsis: %r" % (w, line))
        if w == "|":
            if len(stack) == 1:
                raise SynopsisError("'|' outside a group: %r" % line)
            stack[-1].alts.append([])
            continue
        if w == "...":
            continue
        if kind is None:
            raise SynopsisError("word %r is neither Ic/Cm nor Ar: %r" % (w, line))
        stack[-1].add((kind, w))
    while len(stack) > 1:
        g = stack.pop()
        if g.explicit:
            raise SynopsisError("group not closed: %r" % line)
    if len(root.alts) != 1:
        raise SynopsisError("alternatives at the top of %r" % line)
    for g in _groups(root.alts[0]):
        if any(not alt for alt in g.alts):
            raise SynopsisError("empty alternative in %r" % line)
    return root.alts[0]


def _groups(seq):
    for e in seq:
        if e[0] == "group":
            yield e[1]
            for alt in e[1].alts:
                yield from _groups(alt)


def keywords(seq):
    """Every keyword of a synopsis, in any group."""
    out = []
    for e in seq:
        if e[0] == "kw":
            out.append(e[1])
        elif e[0] == "group":
            for alt in e[1].alts:
                out.extend(keywords(alt))
    return out


def _value(name, samples):
    if name not in samples:
        raise SynopsisError("no sample value for 'Ar %s'" % name)
    return samples[name]


def _base(seq, samples):
    out = []
    for e in seq:
        if e[0] == "kw":
            out.append(e[1])
        elif e[0] == "arg":
            out.append(_value(e[1], samples))
        elif e[1].kind == "req":
            out.extend(_base(e[1].alts[0], samples))
    return out


def _full(seq, samples):
    out = []
    for e in seq:
        if e[0] == "kw":
            out.append(e[1])
        elif e[0] == "arg":
            out.append(_value(e[1], samples))
        else:
            out.extend(_full(e[1].alts[0], samples))
    return out


def _variants(seq, samples):
    lines = [_base(seq, samples), _full(seq, samples)]
    for j, e in enumerate(seq):
        if e[0] != "group":
            continue
        before = _base(seq[:j], samples)
        after = _base(seq[j + 1:], samples)
        for alt in e[1].alts:
            for v in _variants(alt, samples):
                lines.append(before + v + after)
    return lines


def variants(seq, samples):
    """Concrete lines (lists of words) that take every alternative at least once."""
    seen, out = set(), []
    for words in _variants(seq, samples):
        text = " ".join(words)
        if text not in seen:
            seen.add(text)
            out.append(words)
    return out


def items(page_text, marker_re):
    """The synopses of a page: for each .It at the top level of a list that follows a
    comment matching marker_re, a dict with lineno, it (the .It line), context (the
    marker's first group), samples (the NAME=VALUE pairs of ".\\" sample:" comments just
    before the .It) and body (the item's text; .It lines written one after the other share
    the text that follows the last of them)."""
    out = []
    pending = None   # context for the next .Bl
    lists = []       # stack of contexts of the open .Bl (None: not a synopsis list)
    samples = {}
    current = None   # the item whose body is being read
    for n, line in enumerate(page_text.splitlines(), 1):
        m = re.match(r'^\.\\"\s*(.*)$', line)
        if m:
            cm = re.match(marker_re, m.group(1))
            if cm:
                pending = cm.group(1) if cm.groups() else ""
                continue
            sm = re.match(r"sample:\s*(.*)$", m.group(1))
            if sm:
                for pair in sm.group(1).split():
                    k, _, v = pair.partition("=")
                    samples[k] = v
            continue
        if line.startswith(".Bl"):
            lists.append(pending)
            pending = None
        elif line.startswith(".El"):
            if lists:
                top = lists.pop()
                if top is not None:
                    current = None
                    continue
        elif line.startswith(".It") and lists and lists[-1] is not None:
            current = {"lineno": n, "it": line, "context": lists[-1],
                       "samples": dict(samples), "body": []}
            out.append(current)
            samples = {}
            continue
        if current is not None:
            current["body"].append(line)
    for i in range(len(out) - 2, -1, -1):
        if not out[i]["body"] and out[i + 1]["context"] == out[i]["context"]:
            out[i]["body"] = out[i + 1]["body"]
    for item in out:
        item["body"] = "\n".join(item["body"])
    return out


def marked_words(page_text):
    """Every argument of an Ic or Cm macro anywhere in the page (what it documents as a
    keyword)."""
    words = set()
    for line in page_text.splitlines():
        if not line.startswith("."):
            continue
        try:
            toks = shlex.split(line[1:], posix=True)
        except ValueError:
            toks = line[1:].split()
        kw = False
        for t in toks:
            if re.fullmatch(r"[A-Z][a-z][a-z]?|%[A-Z]", t):
                kw = t in ("Ic", "Cm")
                continue
            if kw and t not in ("|", "...", ",", ";", ".", ":", "(", ")"):
                words.add(t)
    return words
