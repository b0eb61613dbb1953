#!/bin/sh
# check_mandoc.sh PAGE - the man page is clean under "mandoc -Tlint -Wwarning": no
# warning, error or unsupported construct (style notes are allowed).
#
# It first makes sure that mandoc is there and that it does fail on a page with a
# warning, so that a pass means something.  Exits 0 when clean, 1 otherwise.
set -u
page=${1:?usage: check_mandoc.sh PAGE}

if ! command -v mandoc >/dev/null 2>&1; then
        echo "FAIL: mandoc is not installed (scripts/deps.sh installs it)" >&2
        exit 1
fi
[ -r "$page" ] || { echo "FAIL: cannot read $page" >&2; exit 1; }

# A page with a badly nested block: mandoc must call it a warning and exit non-zero.
bad='.Dd November 25, 2026
.Dt BAD 8
.Os
.Sh NAME
.Nm bad
.Nd bad
.Sh DESCRIPTION
.Bro Op Ar a Brc'
if printf '%s\n' "$bad" | mandoc -Tlint -Wwarning >/dev/null 2>&1; then
        echo "FAIL: mandoc -Tlint -Wwarning accepts a page with a warning; cannot check" >&2
        exit 1
fi

out=$(mandoc -Tlint -Wwarning "$page" 2>&1)
rc=$?
if [ "$rc" -ne 0 ] || [ -n "$out" ]; then
        printf '%s\n' "$out" >&2
        echo "FAIL: mandoc -Tlint -Wwarning $page: exit $rc" >&2
        exit 1
fi
echo "$page: clean"
