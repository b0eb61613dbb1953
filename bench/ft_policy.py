#!/usr/bin/env python3
"""ft_policy.py - the seed's PL-BOGONS in each daemon's language, for bench/full_table.sh.

The benchmark gives every receiver the seed's inbound policy.  lbgpd and FRR read the seed's
frr.conf itself; BIRD, GoBGP and OpenBGPD get the same prefix-list translated here from that
file, entry by entry, so that no daemon runs a hand-written policy that could drift from the
seed's.  FRR's semantics (lib/plist.c, documented in FRR's user guide): entries are tried in
sequence order, the first that matches decides, no match denies; an entry without ge/le
matches exactly its prefix, `le L` lengths len..L, `ge G` lengths G..128, both G..L.

usage: ft_policy.py FRR.CONF bird|gobgp|openbgpd|count [IPASN]
  bird      a BIRD 2 function `pl_bogons()` returning true when the prefix-list permits net
  gobgp     GoBGP TOML: defined-sets and one policy `pl-bogons`, a statement per entry
  openbgpd  bgpd.conf filter rules (quick, in order, then deny) for `from group upstreams`
  count     how many IPv6 prefixes of the ipasn file the prefix-list permits (the Loc-RIB size
            every receiver must reach with each upstream's table)
"""
import gzip
import ipaddress
import re
import sys

LIST = "PL-BOGONS"


def entries(conf):
    out = []
    pat = re.compile(r"^ipv6 prefix-list (\S+) seq (\d+) (permit|deny) (\S+)"
                     r"(?: ge (\d+))?(?: le (\d+))?\s*$")
    for line in open(conf):
        m = pat.match(line.strip())
        if not m or m.group(1) != LIST:
            continue
        net = ipaddress.IPv6Network(m.group(4))
        ge = int(m.group(5)) if m.group(5) else None
        le = int(m.group(6)) if m.group(6) else None
        if ge is None and le is None:
            lo = hi = net.prefixlen
        else:
            lo = ge if ge is not None else net.prefixlen
            hi = le if le is not None else 128
        out.append((int(m.group(2)), m.group(3), net, lo, hi))
    if not out:
        sys.exit("ft_policy.py: no ipv6 prefix-list %s in %s" % (LIST, conf))
    return [e[1:] for e in sorted(out, key=lambda e: e[0])]


def exact(net, lo, hi):
    return lo == hi == net.prefixlen


def bird(es):
    print("function pl_bogons() {")
    for action, net, lo, hi in es:
        pat = str(net) if exact(net, lo, hi) else "%s{%d,%d}" % (net, lo, hi)
        print("        if net ~ [ %s ] then return %s;" % (pat, "true" if action == "permit" else "false"))
    print("        return false;")
    print("}")


def gobgp(es):
    for i, (action, net, lo, hi) in enumerate(es):
        print("[[defined-sets.prefix-sets]]")
        print('  prefix-set-name = "pl-bogons-%d"' % i)
        print("  [[defined-sets.prefix-sets.prefix-list]]")
        print('    ip-prefix = "%s"' % net)
        print('    masklength-range = "%d..%d"' % (lo, hi))
    print("[[policy-definitions]]")
    print('  name = "pl-bogons"')
    for i, (action, net, lo, hi) in enumerate(es):
        print("  [[policy-definitions.statements]]")
        print('    name = "seq-%d"' % i)
        print("    [policy-definitions.statements.conditions.match-prefix-set]")
        print('      prefix-set = "pl-bogons-%d"' % i)
        print('      match-set-options = "any"')
        print("    [policy-definitions.statements.actions]")
        print('      route-disposition = "%s"' % ("accept-route" if action == "permit" else "reject-route"))


def openbgpd(es):
    # bgpd.conf: the last matching rule wins unless one is `quick`; all quick, in order,
    # is FRR's first match, and the non-quick deny before them is the implicit deny.
    print("deny from group upstreams")
    for action, net, lo, hi in es:
        what = "allow" if action == "permit" else "deny"
        if exact(net, lo, hi):
            rng = ""
        else:
            rng = " prefixlen %d - %d" % (lo, hi)
        print("%s quick from group upstreams prefix %s%s" % (what, net, rng))


def permitted(es, p):
    for action, net, lo, hi in es:
        if lo <= p.prefixlen <= hi and p.prefixlen >= net.prefixlen and p.subnet_of(net):
            return action == "permit"
    return False


def count(es, ipasn):
    n = 0
    opener = gzip.open if ipasn.endswith(".gz") else open
    with opener(ipasn, "rt") as f:
        for line in f:
            if not line.strip() or line.startswith((";", "#")):
                continue
            text = line.split()[0]
            if ":" not in text:
                continue
            if permitted(es, ipaddress.IPv6Network(text, strict=False)):
                n += 1
    print(n)


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    es = entries(sys.argv[1])
    what = sys.argv[2]
    if what == "bird":
        bird(es)
    elif what == "gobgp":
        gobgp(es)
    elif what == "openbgpd":
        openbgpd(es)
    elif what == "count" and len(sys.argv) == 4:
        count(es, sys.argv[3])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
