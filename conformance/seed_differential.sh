#!/bin/bash
# seed_differential.sh LBGPD LBGPCTL SEED_FRR_CONF - the seed's router, run twice on the
# seed's frr.conf byte for byte: once with FRR 8.4 as the router (zebra, staticd and bgpd,
# the configuration loaded with `vtysh -b`), once with lbgpd.  lbgpd must give what FRR
# gives (issue 5, "The seed's router, end to end").
#
# The topology is seed_router.sh's (conformance/seed_lib.sh): FRR as AS34927 on gre0 and
# BIRD as AS209735 on vtnet0, each announcing a mix of routes that the seed's PL-BOGONS
# permits and denies (the list, and why each is permitted or denied, is in seed_lib.sh):
# fc00::/7 itself, fd00:1234::/48, 2001:db8::/32, 3ffe::/16, a /49, our own /48 and a
# more-specific of it, ::/0, /64s and a /126.  Each run has its own namespaces
# (fr_router/fr_ifog/fr_lagrange, then lb_...), and its daemons are stopped before the next.
#
# For each run, once its routes have settled (two snapshots in a row identical), this is
# collected and written in a canonical text form, one line per fact, sorted:
#   locrib     the router's Loc-RIB, every path with its best-path mark: prefix, from,
#              next hops, AS path, origin, MED, local preference (`show bgp ipv6 unicast
#              json`: lbgpctl's, vtysh's);
#   received   per neighbor, the routes received before policy (soft-reconfiguration:
#              `... neighbors ADDR received-routes json`): prefix, next hop, AS path,
#              origin, MED;
#   upstreams  what each upstream has from the router, from its own CLI (FRR's
#              received-routes and `show bgp ipv6 unicast PREFIX json`, BIRD's `show route
#              protocol probe all`): prefix, AS path, communities, next hops, origin, MED;
#   kernel     the router namespace's routes installed by a daemon (every protocol but
#              `kernel`), while the router runs: table, type, prefix, gateway, device;
#   kernel-after  the same after the router is stopped (SIGTERM; FRR: bgpd, staticd,
#              zebra).
# Link-local addresses differ from run to run (the veths' MACs are random); they are named
# after their interface, LL(router:gre0) etc., everywhere.  The normalisations that hide a
# difference between the two routers are in canon.py's kernel() below, each with its reason.
#
# Asserted:
#   1. in each run both sessions reach Established and the upstreams announce their lists;
#   2. the reference is what the seed's PL-BOGONS means under FRR's semantics: FRR's Loc-RIB
#      holds exactly REFERENCE_LOCRIB (so that two runs that both lost every route cannot
#      agree by accident);
#   3. each section of lbgpd's run equals FRR's; a unified diff (FRR's lines -, lbgpd's +)
#      is printed for each section that differs.
#
# SEED_DEBUG=1 logs each snapshot while the routes settle.
#
# SEED_CANDIDATE=frr runs FRR in place of lbgpd: the test's check of itself, which must
# pass (two runs of the same router compare equal once normalised).
#
# LBGP_DEMO=1 runs lbgpd only, with no comparison, and prints on stdout what the README's
# demonstration shows: `lbgpctl show bgp summary`, `lbgpctl show bgp ipv6 unicast`, what
# each upstream received from lbgpd and lbgpd's kernel routes (scripts/demo.sh).
#
# Exits 0 on success, 1 on failure, 77 when the host cannot create namespaces.
set -u

here=$(cd "$(dirname "$0")" && pwd)
usage="usage: seed_differential.sh LBGPD LBGPCTL SEED_FRR_CONF"
lbgpd=${1:?$usage}
lbgpctl=${2:?$usage}
seed=${3:?$usage}
# Below ctest's TIMEOUT (300 s), so that the trap, not ctest's kill, ends a stuck run.
LBGP_DEADLINE=${LBGP_DEADLINE:-270}
LBGP_DEMO=${LBGP_DEMO:-0}
SEED_CANDIDATE=${SEED_CANDIDATE:-lbgpd}
. "$here/lib.sh"
. "$here/peers/frr.sh"
. "$here/peers/bird.sh"
. "$here/seed_lib.sh"

lbgp_init seed_differential
lbgp_require "$lbgpd" "$lbgpctl" python3 vtysh bird birdc
[ -r "$seed" ] || lbgp_fail "no seed configuration at $seed"
t0=$(lbgp_now)
failed=0

# What FRR's Loc-RIB must hold (assertion 2): every prefix that PL-BOGONS permits from
# either upstream (seed_lib.sh says why), and our own /48 from `network`.
REFERENCE_LOCRIB="2001:db8::/32 2001:db8:1000::/36 2001:db8:2000::/36 2001:db8:2000::/48
        2001:db8:3000::/36 2001:db8:4000::/36 2a06:9801::/32 2a06:9801:1c::/48 3ffe::/16
        fd00::/8 fd00:1234::/48"
SECTIONS="locrib received upstreams kernel kernel-after"

check_failed()
{
        lbgp_log "FAILED: $*"
        failed=1
}

# ---- canonical forms -------------------------------------------------------------------

# canon.py DIR RUN SECTION...: DIR/raw/* (the answers collected by snapshot) to the
# sections' canonical lines, DIR/SECTION.  One python for all: on a busy machine each
# python start costs a second.  Link-local addresses are named from $LBGP_TMP/names.RUN
# ("address name" lines).
cat >"$LBGP_TMP/canon.py" <<'PY'
import glob, json, os, re, sys

d, run, sections = sys.argv[1], sys.argv[2], sys.argv[3:]
raw = os.path.join(d, "raw")
names = {}
for line in open(os.path.join(os.path.dirname(sys.argv[0]), "names." + run)):
    a, n = line.split()
    names[a] = n

def nm(a):
    return names.get(a, a)

def nhs(lst):
    return "+".join(nm(x) for x in lst if x) or "-"

def hops(p):
    # FRR's nexthops, the global address first.
    return nhs([h.get("ip") for h in sorted(p.get("nexthops", []),
                                             key=lambda h: h.get("scope") != "global")])

def comms(s):
    return " ".join(sorted(s.split())) if s else ""

def load(path):
    try:
        text = open(path).read().strip()
    except OSError:
        return {}
    try:
        return json.loads(text) if text else {}
    except ValueError:
        return {"unparsed": text[:200]}

def locrib():
    # show bgp ipv6 unicast json
    out = []
    for pfx, paths in load(os.path.join(raw, "locrib.json")).get("routes", {}).items():
        for p in paths:
            out.append("%s %s from %s nh %s path [%s] origin %s med %s locprf %s" % (
                pfx, "*>" if p.get("bestpath") else "* ", p.get("peerId", "?"), hops(p),
                p.get("path", ""), p.get("origin", "?"), p.get("metric", "-"),
                p.get("locPrf", "-")))
    return out

def received():
    # show bgp [ipv6 unicast] neighbors ADDR received-routes json, per neighbor
    out = []
    for f in glob.glob(os.path.join(raw, "received.*.json")):
        n = os.path.basename(f)[len("received."):-len(".json")]
        for pfx, r in load(f).get("receivedRoutes", {}).items():
            out.append("%s %s nh %s path [%s] origin %s med %s" % (
                n, pfx, nhs([r.get("nextHopGlobal") or r.get("nextHop")]), r.get("path", ""),
                r.get("bgpOriginCode", "?"), r.get("metric", "-")))
    return out

def upstreams():
    out = []
    # iFog (FRR): for each prefix received from the router, the router's path in
    # `show bgp ipv6 unicast PREFIX json`.
    router = open(os.path.join(raw, "ifog.router")).read().strip()
    for pfx in load(os.path.join(raw, "ifog.received.json")).get("receivedRoutes", {}):
        found = False
        for f in glob.glob(os.path.join(raw, "ifog.detail.*.json")):
            det = load(f)
            if det.get("prefix") != pfx:
                continue
            for p in det.get("paths", []):
                if p.get("peer", {}).get("peerId") != router:
                    continue
                found = True
                out.append("iFog %s path [%s] communities [%s] nh %s origin %s med %s" % (
                    pfx, p.get("aspath", {}).get("string", ""),
                    comms((p.get("community") or {}).get("string", "")), hops(p),
                    p.get("origin", "?"), p.get("metric", "-")))
        if not found:
            out.append("iFog %s (received, but not in iFog's Loc-RIB)" % pfx)
    # Lagrange (BIRD): `show route protocol probe all`.  A route's first line starts with
    # its prefix, or with spaces when it is another route to the prefix before; its
    # attributes follow, indented.
    routes, net = [], None
    for line in open(os.path.join(raw, "lagrange.txt")):
        m = re.match(r"^(\S+/\d+)?\s+(unicast|blackhole|unreachable|prohibited)\s+\[", line)
        if m:
            net = m.group(1) or net
            routes.append({"net": net})
            continue
        m = re.match(r"^\s+BGP\.(\w+):\s*(.*?)\s*$", line)
        if m and routes:
            routes[-1][m.group(1)] = m.group(2)
    for r in routes:
        c = re.findall(r"\((\d+),\s*(\d+)\)", r.get("community", ""))
        out.append("Lagrange %s path [%s] communities [%s] nh %s origin %s med %s" % (
            r["net"], r.get("as_path", ""), comms(" ".join("%s:%s" % x for x in c)),
            nhs(r.get("next_hop", "").split()), r.get("origin", "?"), r.get("med", "-")))
    return out

def kernel(name):
    # `ip -j -6 route show table all` in the router's namespace: every route but those of
    # protocol `kernel` (what the kernel derives from addresses: connected, local,
    # multicast), so that a daemon's route is seen whatever protocol it gives it.
    rawlines, out = [], []
    routes = load(os.path.join(raw, name + ".json"))
    # Normalised away below, as inherent and harmless:
    # - proto: each daemon marks its routes with a protocol number of its own: lbgpd 201
    #   (README), FRR's zebra `bgp` (186) for BGP routes, `static` (196) for staticd's
    #   blackhole.  Forwarding ignores it.
    # - metric: zebra installs every route with metric 20, lbgpd with 1025 (a metric of
    #   its own, daemon/kernel/kernel.h).  There is one route per prefix: the metric never
    #   chooses.
    # - the gateway, the global or the link-local address of the same upstream: when an
    #   IPv6 BGP next hop carries both, FRR installs the link-local one
    #   (bgp_path_info_to_ipv6_nexthop, unless a route-map sets `ipv6 next-hop
    #   prefer-global`), lbgpd the global one.  Both are the same neighbour on the same
    #   interface; the kernel resolves either to the same MAC, and packets leave the same
    #   way.  The gateway is shown as the upstream's name; kernel.raw keeps the address.
    who = {"2001:db8:300::1": "iFog", "2001:db8:100::ff": "Lagrange"}
    for a, n in names.items():
        if n.startswith("LL(ifog:"):
            who[a] = "iFog"
        if n.startswith("LL(lagrange:"):
            who[a] = "Lagrange"
    for r in routes if isinstance(routes, list) else []:
        proto = str(r.get("protocol", "boot"))
        if proto == "kernel":
            continue
        gws = [(h.get("gateway", "-"), h.get("dev", "-")) for h in r.get("nexthops", [])] or \
              [(r.get("gateway", "-"), r.get("dev", "-"))]
        for gw, dev in gws:
            t = (r.get("table", "main"), r.get("type", "unicast"), r["dst"])
            rawlines.append("%s %s %s via %s dev %s proto %s metric %s" % (
                t + (gw, dev, proto, r.get("metric", "-"))))
            out.append("%s %s %s via %s dev %s" % (t + (who.get(gw, nm(gw)), dev)))
    with open(os.path.join(d, name + ".raw"), "w") as f:
        f.write("".join(l + "\n" for l in sorted(rawlines)))
    return out

for s in sections:
    lines = kernel(s) if s.startswith("kernel") else globals()[s]()
    with open(os.path.join(d, s), "w") as f:
        f.write("".join(l + "\n" for l in sorted(lines)))
PY

# ---- one run ---------------------------------------------------------------------------

# The router's CLI, whichever router runs: router_cli KIND TAG COMMAND.  lbgpctl takes
# `show bgp neighbors ADDR received-routes`, vtysh the same with `ipv6 unicast`.
router_cli()
{
        case $1 in
        lbgpd) seed_lbgpctl "$2" "$lbgpctl" $3 ;;
        frr) frr_vtysh "${2}router" "$3" ;;
        esac
}

received_cmd()
{
        case $1 in
        lbgpd) echo "show bgp neighbors $2 received-routes json" ;;
        frr) echo "show bgp ipv6 unicast neighbors $2 received-routes json" ;;
        esac
}

# snapshot RUN TAG KIND DIR: the answers of the router, the upstreams and the kernel in
# DIR/raw, every section but kernel-after in DIR.
snapshot()
{
        local run=$1 t=$2 kind=$3 dir=$4 n p i=0
        mkdir -p "$dir/raw"
        router_cli "$kind" "$t" "show bgp ipv6 unicast json" >"$dir/raw/locrib.json"
        for n in $SEED_IFOG $SEED_LAGRANGE; do
                router_cli "$kind" "$t" "$(received_cmd "$kind" "$n")" \
                        >"$dir/raw/received.$n.json"
        done
        echo "$SEED_ROUTER_GRE" >"$dir/raw/ifog.router"
        frr_vtysh "${t}ifog" \
                "show bgp ipv6 unicast neighbors $SEED_ROUTER_GRE received-routes json" \
                >"$dir/raw/ifog.received.json"
        for p in $(sed -n 's/^ *"network": *"\([^"]*\)".*/\1/p' "$dir/raw/ifog.received.json"); do
                i=$((i + 1))
                frr_vtysh "${t}ifog" "show bgp ipv6 unicast $p json" >"$dir/raw/ifog.detail.$i.json"
        done
        bird_birdc "${t}lagrange" "show route protocol probe all" >"$dir/raw/lagrange.txt"
        lbgp_in "${t}router" ip -j -6 route show table all >"$dir/raw/kernel.json"
        python3 "$LBGP_TMP/canon.py" "$dir" "$run" locrib received upstreams kernel
}

sessions_up()
{
        [ "$(frr_state "${1}ifog")" = Established ] &&
                [ "$(bird_state "${1}lagrange")" = Established ]
}

# True when snapshots A and B have the same sections.
same()
{
        local s
        for s in locrib received upstreams kernel; do
                cmp -s "$1/$s" "$2/$s" || return 1
        done
}

# True when the snapshot has what a settled run has: routes in the Loc-RIB and the
# kernel, and our /48 at both upstreams.
looks_settled()
{
        [ -s "$1/locrib" ] && [ -s "$1/kernel" ] &&
                grep -q "^iFog $SEED_MY_NET " "$1/upstreams" &&
                grep -q "^Lagrange $SEED_MY_NET " "$1/upstreams"
}

# run_scenario RUN TAG KIND: one run, with KIND (lbgpd or frr) as the router in namespaces
# ${TAG}*, its sections in $LBGP_TMP/RUN/.
run_scenario()
{
        local run=$1 t=$2 kind=$3 out=$LBGP_TMP/$1 i=0 t1 ok=0 deadline s
        mkdir -p "$out"
        lbgp_log "---- run $run: $kind as the router (namespaces ${LBGP_PREFIX}${t}*)"
        seed_topology "$t"
        seed_ll_names "$t" >"$LBGP_TMP/names.$run"
        [ "$(wc -l <"$LBGP_TMP/names.$run")" = 4 ] || lbgp_fail "no link-local addresses"
        seed_start_upstreams "$t"
        case $kind in
        lbgpd) seed_lbgpd_start "$t" "$lbgpd" "$seed" ;;
        frr) seed_frr_router_start "$t" "$seed" ;;
        esac
        t1=$(lbgp_now)
        if ! lbgp_wait 45 "$run: both upstreams Established with the router" sessions_up "$t"; then
                check_failed "$run: sessions not Established: iFog $(frr_state "${t}ifog"), Lagrange $(bird_state "${t}lagrange")"
                report "$run" "$t"
                return 1
        fi
        lbgp_log "$run: both sessions Established after $(($(lbgp_now) - t1)) s"
        lbgp_wait 20 "$run: the upstreams to announce their lists" seed_announcing "$t" ||
                check_failed "$run: test setup: iFog announces [$(seed_ifog_advertised "$t" | tr '\n' ' ')], Lagrange [$(seed_lagrange_advertised "$t" | tr '\n' ' ')]"
        # Settled: two snapshots in a row, 2 s apart, the same, and routes in them.
        deadline=$(($(lbgp_now) + 45))
        while [ "$(lbgp_now)" -lt "$deadline" ]; do
                i=$((i + 1))
                rm -rf "$out.prev"
                [ -d "$out/now" ] && mv "$out/now" "$out.prev"
                snapshot "$run" "$t" "$kind" "$out/now"
                [ -n "${SEED_DEBUG:-}" ] && lbgp_log "$run: snapshot $i at $(($(lbgp_now) - t1)) s: $(cd "$out/now" && wc -l locrib received upstreams kernel | tr -s '\n ' ' ')"
                if [ -d "$out.prev" ] && looks_settled "$out/now" &&
                        same "$out.prev" "$out/now"; then
                        ok=1
                        break
                fi
                sleep 2
        done
        rm -rf "$out.prev"
        if [ "$ok" = 1 ]; then
                lbgp_log "$run: routes settled $(($(lbgp_now) - t1)) s after start"
        else
                check_failed "$run: the routes did not settle within 45 s"
        fi
        rm -rf "$out/raw"
        for s in locrib received upstreams kernel kernel.raw raw; do
                mv "$out/now/$s" "$out/$s"
        done
        rmdir "$out/now"
        if [ "$LBGP_DEMO" = 1 ]; then
                demo_print "$t"
        fi
        # The router stops; what it leaves in the kernel.
        case $kind in
        lbgpd)
                kill -TERM "$SEED_LBGPD_PID"
                if ! lbgp_wait_exit "$SEED_LBGPD_PID" 15; then
                        check_failed "lbgpd did not exit within 15 s of SIGTERM"
                elif [ "$LBGP_STATUS" != 0 ]; then
                        check_failed "lbgpd exited $LBGP_STATUS on SIGTERM"
                fi
                seed_capture_check "$t"
                ;;
        frr) seed_frr_stop "${t}router" ;;
        esac
        lbgp_in "${t}router" ip -j -6 route show table all >"$out/raw/kernel-after.json"
        python3 "$LBGP_TMP/canon.py" "$out" "$run" kernel-after
        seed_frr_stop "${t}ifog"
        bird_stop "${t}lagrange"
        return 0
}

report()
{
        local run=$1 t=$2 d=$LBGP_TMP/${2}router
        lbgp_log "$run: iFog (FRR): $(frr_last_error "${t}ifog" 2>&1 | tr '\n' ' ')"
        lbgp_log "$run: Lagrange (BIRD): $(bird_last_error "${t}lagrange" 2>&1 | tr '\n' ' ')"
        lbgp_show "$run: lbgpd stderr" "$d/lbgpd.log" 60
        lbgp_show "$run: FRR bgpd" "$d/bgpd.log" 40
        lbgp_show "$run: FRR zebra" "$d/zebra.log" 20
        lbgp_show "$run: vtysh -b" "$d/vtysh-b.log" 20
        lbgp_show "$run: FRR iFog" "$LBGP_TMP/${t}ifog/bgpd.log" 30
        lbgp_show "$run: BIRD Lagrange" "$LBGP_TMP/${t}lagrange/bird.log" 30
}

# The README's demonstration (LBGP_DEMO=1), on stdout.
demo_print()
{
        local t=$1 d=$LBGP_TMP/lbgpd n name
        echo "== lbgpctl show bgp summary"
        seed_lbgpctl "$t" "$lbgpctl" show bgp summary
        echo "== lbgpctl show bgp ipv6 unicast (the routes learned)"
        seed_lbgpctl "$t" "$lbgpctl" show bgp ipv6 unicast
        echo
        echo "== what each upstream announced, and what the seed's PL-BOGONS let in"
        for n in "$SEED_IFOG iFog" "$SEED_LAGRANGE Lagrange"; do
                set -- $n
                echo "  $2 ($1) announced: $(awk -v n="$1" '$1 == n { printf "%s ", $2 }' "$d/received")"
                echo "      accepted: $(awk -v n="$1" '$0 ~ " from " n " " { printf "%s ", $1 }' "$d/locrib" | tr ' ' '\n' | LC_ALL=C sort -u | tr '\n' ' ')"
        done
        echo
        echo "== what each upstream received from lbgpd, from its own CLI (FRR's vtysh, birdc)"
        sed 's/^/  /' "$d/upstreams"
        echo
        echo "== lbgpd's routes in the kernel of its namespace (ip -6 route show proto 201)"
        lbgp_in "${t}router" ip -6 route show proto 201 | sed 's/^/  /'
}

# ---- the runs --------------------------------------------------------------------------

if [ "$LBGP_DEMO" = 1 ]; then
        run_scenario lbgpd lb_ lbgpd || lbgp_fail "the demonstration failed"
        echo
        if [ -s "$LBGP_TMP/lbgpd/kernel-after" ]; then
                check_failed "routes left in the kernel after lbgpd's exit:"
                cat "$LBGP_TMP/lbgpd/kernel-after.raw" >&2
        else
                echo "== lbgpd stopped (SIGTERM): none of its routes is left in the kernel"
        fi
        [ "$failed" = 0 ] || { report lbgpd lb_; lbgp_fail "see the FAILED lines above"; }
        lbgp_log "demonstration done in $(($(lbgp_now) - t0)) s"
        exit 0
fi

# The candidate: lbgpd, or FRR again (SEED_CANDIDATE=frr, the check that two runs of the
# same router compare equal, so that a difference reported is the routers').
case $SEED_CANDIDATE in
lbgpd) cand=lbgpd ;;
frr) cand=frr-again ;;
*) lbgp_fail "SEED_CANDIDATE must be lbgpd or frr, not $SEED_CANDIDATE" ;;
esac
run_scenario frr fr_ frr || lbgp_fail "the run with FRR as the router failed"
run_scenario "$cand" lb_ "$SEED_CANDIDATE" ||
        lbgp_fail "the run with $SEED_CANDIDATE as the router failed"
[ "$failed" = 0 ] || { report frr fr_; report "$cand" lb_; }

# 2. The reference is what the seed means.
got=$(grep -v '^$' "$LBGP_TMP/frr/locrib" | cut -d' ' -f1 | LC_ALL=C sort -u | tr '\n' ' ')
want=$(printf '%s\n' $REFERENCE_LOCRIB | LC_ALL=C sort | tr '\n' ' ')
if [ "$got" = "$want" ]; then
        lbgp_log "FRR's Loc-RIB is the expected one: [$got]"
else
        check_failed "test setup: FRR's Loc-RIB is [$got], expected [$want]"
fi

# 3. The same result.
for s in $SECTIONS; do
        lbgp_log "---- $s: FRR's (-) and $cand's (+)"
        if diff -u --label "FRR 8.4: $s" --label "$cand: $s" "$LBGP_TMP/frr/$s" \
                "$LBGP_TMP/$cand/$s" >"$LBGP_TMP/$s.diff"; then
                lbgp_log "$s: the same, $(grep -c . "$LBGP_TMP/frr/$s") lines"
                sed 's/^/    /' "$LBGP_TMP/frr/$s" >&2
        else
                check_failed "$s differs between FRR and $cand:"
                cat "$LBGP_TMP/$s.diff" >&2
        fi
done
# The raw kernel routes, for the differences normalised away (protocol, metric, gateway).
lbgp_show "FRR's kernel routes, raw" "$LBGP_TMP/frr/kernel.raw"
lbgp_show "$cand's kernel routes, raw" "$LBGP_TMP/$cand/kernel.raw"

[ "$failed" = 0 ] || lbgp_fail "$cand and FRR differ, or a run failed: see the FAILED lines above"
lbgp_log "PASS in $(($(lbgp_now) - t0)) s"
