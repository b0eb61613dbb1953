#!/bin/bash
# seed_router.sh LBGPD SEED_FRR_CONF - the seed's router: lbgpd running the seed's frr.conf,
# unchanged, between the seed's two upstreams (../shared/seed/README.md).
#
# Three namespaces, joined by veth pairs, with the seed's addresses (documentation ones):
#
#   ifog (FRR bgpd, AS34927)            router (lbgpd, AS201379)          lagrange (BIRD, AS209735)
#   eth0 2001:db8:300::1/64 ------ gre0 2001:db8:300::2/64
#                                       vtnet0 2001:db8:100::96/64 ------ eth0 2001:db8:100::ff/64
#
# The router's interfaces are named as in router01.rc.conf (gre0 is a veth here, not a GRE
# tunnel), because the configuration says `update-source gre0`.  Its lo carries the rc.conf
# alias 2a06:9801:1c::1/64.  Both upstreams use GTSM (`ttl-security hops 1`, `ttl security
# on`) as the seed's router does.  FRR is passive, so lbgpd must open that session itself,
# from gre0's address; BIRD connects too, so lbgpd must also accept.
#
# Each upstream announces routes that the seed's PL-BOGONS (through RM-*-IN) permits and
# routes it denies (under FRR's prefix-list semantics: `deny fc00::/7` without ge/le matches
# that prefix only, so fd00:1234::/48 is permitted by `permit ::/0 le 48`).  Both announce
# 2001:db8:3000::/36, BIRD with its AS prepended twice, so the best path is iFog's.
#
# Asserted, from the peers' own CLIs and from the router namespace's kernel:
#   1. both sessions reach Established;
#   2. FRR receives from us exactly 2a06:9801:1c::/48, AS path "201379", communities
#      "34927:9301 34927:9501" (RM-IFOG-OUT), next hop 2001:db8:300::2 with our link-local
#      address on gre0 (RFC 2545 3);
#   3. BIRD receives from us exactly 2a06:9801:1c::/48, AS path "201379 201379 201379"
#      (RM-LAGRANGE-OUT), no community, next hop 2001:db8:100::96;
#   4. the kernel's routes of protocol 201 (lbgpd's), in any table, are in table main and
#      are exactly the blackhole for 2a06:9801:1c::/48 (`ipv6 route ... blackhole`) and the
#      permitted learned prefixes, each via its upstream (global or link-local address) on
#      the right interface;
#   5. after SIGTERM lbgpd exits 0 within 15 s and no route of protocol 201 is left.
# Every assertion is evaluated and reported; lbgpd's stderr is shown when one fails.
#
# Exits 0 on success, 1 on failure, 77 when the host cannot create namespaces.
set -u

here=$(cd "$(dirname "$0")" && pwd)
lbgpd=${1:?usage: seed_router.sh LBGPD SEED_FRR_CONF}
seed=${2:?usage: seed_router.sh LBGPD SEED_FRR_CONF}
# Below ctest's TIMEOUT (180 s), so that the trap, not ctest's kill, ends a stuck run.
LBGP_DEADLINE=${LBGP_DEADLINE:-150}
. "$here/lib.sh"
. "$here/peers/frr.sh"
. "$here/peers/bird.sh"

lbgp_init seed_router
lbgp_require "$lbgpd" python3
[ -r "$seed" ] || lbgp_fail "no seed configuration at $seed"
t0=$(lbgp_now)
failed=0

# The seed's router and its two upstreams.
ROUTER_GRE=2001:db8:300::2
IFOG=2001:db8:300::1
ROUTER_VTNET=2001:db8:100::96
LAGRANGE=2001:db8:100::ff
MY_NET=2a06:9801:1c::/48

# What each upstream announces, and which of it the seed's RM-*-IN permits.  The kernel
# must hold exactly the permitted ones, each via the upstream whose path is best.
IFOG_ANNOUNCES="2001:db8:1000::/36 fd00:1234::/48 2001:db8:3000::/36 fc00::/7
        2001:db8:1:2::/64 $MY_NET"
IFOG_BEST="2001:db8:1000::/36 fd00:1234::/48 2001:db8:3000::/36"
# (BIRD refuses to originate fe80::/10: "Ignoring bogus route".)
LAGRANGE_ANNOUNCES="2001:db8:2000::/36 3ffe::/16 2001:db8:3000::/36 ::/8 4000::/3
        2001:db8:2:3::/64"
LAGRANGE_BEST="2001:db8:2000::/36 3ffe::/16"

# ---- the upstreams ---------------------------------------------------------------------

# iFog: FRR bgpd with a zebra of its own (FRR_ZEBRA=1, peers/frr.sh): lbgpd sends a
# link-local next hop beside the global one (RFC 2545 3), which a bgpd without zebra takes
# for a withdrawal.  The config replaces frr.sh's, which is written for the probe: this one
# announces routes and keeps what it receives from us before any policy
# (soft-reconfiguration inbound) for `received-routes`.  `no bgp network import-check`:
# none of the announced networks is in zebra's RIB.  `no bgp ebgp-requires-policy` lets it
# accept and announce without route-maps.
frr_config()
{
        local n=$ROUTER_GRE p
        cat <<EOF
frr defaults traditional
hostname $1
log file $(lbgp_dir "$1")/bgpd.log debugging
log timestamp precision 3
debug bgp neighbor-events
debug bgp updates
!
router bgp 34927
 bgp router-id 198.51.100.44
 no bgp ebgp-requires-policy
 no bgp network import-check
 no bgp default ipv4-unicast
 neighbor $n remote-as 201379
 neighbor $n description router01
 neighbor $n update-source $IFOG
 neighbor $n disable-connected-check
 neighbor $n ttl-security hops 1
 neighbor $n passive
 neighbor $n advertisement-interval 0
 address-family ipv6 unicast
EOF
        for p in $IFOG_ANNOUNCES; do
                echo "  network $p"
        done
        cat <<EOF
  neighbor $n activate
  neighbor $n soft-reconfiguration inbound
 exit-address-family
!
EOF
}

# Lagrange: BIRD 2 (peers/bird.sh).  Its routes come from a static protocol; it has no
# kernel protocol, so it never touches a routing table.  The BGP protocol keeps bird.sh's
# name, probe, which bird_state asks about.
bird_config()
{
        local p
        cat <<EOF
router id 198.51.100.1;
log "$(lbgp_dir "$1")/bird.log" all;
timeformat log iso long ms;

protocol device { scan time 2; }

protocol static announced {
        ipv6;
EOF
        for p in $LAGRANGE_ANNOUNCES; do
                echo "        route $p blackhole;"
        done
        cat <<EOF
}

protocol bgp probe {
        local $LAGRANGE as 209735;
        neighbor $ROUTER_VTNET as 201379;
        ttl security on;
        connect retry time 5;
        connect delay time 1;
        error wait time 1, 5;
        debug { states, events };
        ipv6 {
                import all;
                export filter {
                        if source != RTS_STATIC then reject;
                        if net = 2001:db8:3000::/36 then {
                                bgp_path.prepend(209735);
                                bgp_path.prepend(209735);
                        }
                        accept;
                };
        };
}
EOF
}

# ifog_json COMMAND PYTHON-EXPRESSION: evaluates the expression on FRR's JSON answer to
# the vtysh command, bound to d; prints its value, or nothing when it cannot.
ifog_json()
{
        frr_vtysh ifog "$1" | python3 -c 'import json,sys
d = json.load(sys.stdin)
v = eval(sys.argv[1])
print("" if v is None else v)' "$2" 2>/dev/null
}

ifog_state()
{
        frr_state ifog
}

lagrange_state()
{
        bird_state lagrange
}

# The prefixes FRR received from us, sorted, one per line.
ifog_received()
{
        ifog_json "show bgp ipv6 unicast neighbors $ROUTER_GRE received-routes json" \
                '"\n".join(sorted(d.get("receivedRoutes", {})))'
}

# The prefixes FRR announces to us (a check on the test itself).
ifog_advertised()
{
        ifog_json "show bgp ipv6 unicast neighbors $ROUTER_GRE advertised-routes json" \
                '"\n".join(sorted(d.get("advertisedRoutes", {})))'
}

# FRR's path for MY_NET from us: "aspath | communities | next hop".
ifog_my_net_path()
{
        ifog_json "show bgp ipv6 unicast $MY_NET json" '"\n".join(
"%s | %s | %s" % (p.get("aspath", {}).get("string"),
                  (p.get("community") or {}).get("string", ""),
                  ",".join(h.get("ip", "") for h in p.get("nexthops", [])))
for p in d.get("paths", []) if p.get("peer", {}).get("peerId") == "'"$ROUTER_GRE"'")'
}

# birdc's `show route [...] all` on stdin: one line per route, "prefix | as_path |
# communities | next_hop".  A route's first line starts with its prefix, or with spaces
# when it is another route to the prefix before; its attributes follow, indented.
bird_routes_parse()
{
        python3 -c 'import re,sys
routes, net = [], None
for line in sys.stdin:
    m = re.match(r"^(\S+/\d+)?\s+(unicast|blackhole|unreachable|prohibited)\s+\[", line)
    if m:
        net = m.group(1) or net
        routes.append({"net": net, "as_path": "", "community": "", "next_hop": ""})
        continue
    m = re.match(r"^\s+BGP\.(as_path|community|next_hop):\s*(.*?)\s*$", line)
    if m and routes:
        routes[-1][m.group(1)] = m.group(2)
for r in routes:
    print("%(net)s | %(as_path)s | %(community)s | %(next_hop)s" % r)'
}

# BIRD's routes from us.
lagrange_received()
{
        bird_birdc lagrange "show route protocol probe all" | bird_routes_parse
}

# The prefixes BIRD exports to us (a check on the test itself).
lagrange_advertised()
{
        bird_birdc lagrange "show route export probe" | bird_routes_parse | cut -d' ' -f1 |
                LC_ALL=C sort
}

# ---- the kernel ------------------------------------------------------------------------

# The router namespace's IPv6 routes of protocol 201, any table: one line each,
# "table type prefix via gateway dev interface", sorted.
kernel_routes()
{
        lbgp_in router ip -j -6 route show table all proto 201 | python3 -c 'import json,sys
text = sys.stdin.read().strip()
out = []
for r in (json.loads(text) if text else []):
    gws = [(h.get("gateway", "-"), h.get("dev", "-")) for h in r.get("nexthops", [])] or \
          [(r.get("gateway", "-"), r.get("dev", "-"))]
    for gw, dev in gws:
        out.append("%s %s %s via %s dev %s" % (r.get("table", "main"), r.get("type", "unicast"),
                                               r["dst"], gw, dev))
print("\n".join(sorted(out)))'
}

# The interface's link-local address in namespace NS: fe80::...
link_local()
{
        lbgp_in "$1" ip -j -6 addr show dev "$2" scope link | python3 -c 'import json,sys
for i in json.load(sys.stdin):
    for a in i.get("addr_info", []):
        if "local" in a:
            print(a["local"]); sys.exit(0)'
}

# What the kernel must hold: the same format as kernel_routes, with the gateway either
# the upstream's global address or its link-local one, "a|b".
kernel_expected()
{
        local p
        {
                echo "main blackhole $MY_NET via - dev lo"
                for p in $IFOG_BEST; do
                        echo "main unicast $p via $IFOG|$IFOG_LL dev gre0"
                done
                for p in $LAGRANGE_BEST; do
                        echo "main unicast $p via $LAGRANGE|$LAGRANGE_LL dev vtnet0"
                done
        } | LC_ALL=C sort
}

# True when the kernel's routes are the expected ones; prints the differences otherwise.
kernel_matches()
{
        kernel_routes >"$LBGP_TMP/kernel.now"
        kernel_expected | python3 -c 'import re,sys
want = [l.split() for l in sys.stdin.read().splitlines() if l]
have = [l.split() for l in open(sys.argv[1]).read().splitlines() if l]
def ok(w, h):
    # "dev lo" is how iproute2 shows a blackhole; any device will do there.
    return len(w) == len(h) and w[:3] == h[:3] and h[4] in w[4].split("|") and \
           (w[1] == "blackhole" or w[6] == h[6])
missing = [w for w in want if not any(ok(w, h) for h in have)]
extra = [h for h in have if not any(ok(w, h) for w in want)]
for w in missing: print("missing: " + " ".join(w))
for h in extra: print("unexpected: " + " ".join(h))
sys.exit(1 if missing or extra else 0)' "$LBGP_TMP/kernel.now"
}

# True when no route of protocol 201 is left, IPv6 or IPv4, in any table.
kernel_clean()
{
        [ -z "$(lbgp_in router ip -6 route show table all proto 201)" ] &&
                [ -z "$(lbgp_in router ip -4 route show table all proto 201)" ]
}

# ---- reporting -------------------------------------------------------------------------

# Lines on stdin as one line of words.
words()
{
        tr -s ' \n\t' '  ' | sed 's/^ //; s/ $//'
}

check_failed()
{
        lbgp_log "FAILED: $*"
        failed=1
}

report()
{
        lbgp_log "iFog (FRR) session: $(ifog_state 2>&1); last error: $(frr_last_error ifog 2>&1 | tr '\n' ' ')"
        lbgp_log "Lagrange (BIRD) session: $(lagrange_state 2>&1)"
        lbgp_show "router: routes of protocol 201 while running" "$LBGP_TMP/kernel.now"
        lbgp_show "router: routes of protocol 201 after lbgpd's exit" "$LBGP_TMP/kernel.after"
        lbgp_show "lbgpd -n" "$LBGP_TMP/router/check.log"
        lbgp_show "lbgpd stderr" "$LBGP_TMP/router/lbgpd.log" 120
        lbgp_show "FRR iFog" "$LBGP_TMP/ifog/bgpd.log" 30
        lbgp_show "BIRD Lagrange" "$LBGP_TMP/lagrange/bird.log" 30
}

fail()
{
        report
        lbgp_fail "$*"
}

# ---- the topology ----------------------------------------------------------------------

lbgp_ns_add router
lbgp_ns_add ifog
lbgp_ns_add lagrange
lbgp_link router gre0 ifog eth0
lbgp_link router vtnet0 lagrange eth0
lbgp_addr router gre0 "$ROUTER_GRE/64"
lbgp_addr router vtnet0 "$ROUTER_VTNET/64"
lbgp_addr router lo 2a06:9801:1c::1/64
lbgp_addr ifog eth0 "$IFOG/64"
lbgp_addr lagrange eth0 "$LAGRANGE/64"
lbgp_forwarding router
# The upstreams' link-local addresses, which may be the kernel routes' next hops.
IFOG_LL=$(link_local ifog eth0)
LAGRANGE_LL=$(link_local lagrange eth0)
# Ours on gre0: RFC 2545 3 puts it in the next hop beside the global address.
ROUTER_GRE_LL=$(link_local router gre0)
[ -n "$IFOG_LL" ] || lbgp_fail "no link-local address on iFog's eth0"
[ -n "$LAGRANGE_LL" ] || lbgp_fail "no link-local address on Lagrange's eth0"

# The seed's configuration, byte for byte.
rdir=$(lbgp_dir router)
cp "$seed" "$rdir/frr.conf" || lbgp_fail "cannot copy $seed"
cmp -s "$seed" "$rdir/frr.conf" || lbgp_fail "the copy of $seed differs"

# frr.sh listens on PEER_ADDR, and its helpers ask FRR about PEER_NEIGHBOR.
lbgp_peer_defaults
PEER_ADDR=$IFOG
PEER_NEIGHBOR=$ROUTER_GRE
# With zebra: our UPDATEs carry a link-local next hop too (RFC 2545 3, peers/frr.sh).
FRR_ZEBRA=1 frr_start ifog ifog
bird_start lagrange lagrange

# The configuration must pass lbgpd's own check first.
lbgp_in router "$lbgpd" -n -f "$rdir/frr.conf" >"$rdir/check.log" 2>&1 ||
        fail "lbgpd -n rejects the seed's frr.conf (exit $?)"
# The seed says `log syslog informational`; --log stderr keeps a copy here (FRR's --log).
lbgp_bg router "$rdir/lbgpd.log" "$lbgpd" -f "$rdir/frr.conf" -s "$rdir/lbgpd.sock" \
        --log stderr
lbgpd_pid=$LBGP_BG_PID

# 1. Both sessions.
lbgp_wait 45 "FRR (iFog) to reach Established with lbgpd" lbgp_peer_is ifog x Established ||
        check_failed "the session with iFog (FRR) did not reach Established"
lbgp_wait 30 "BIRD (Lagrange) to reach Established with lbgpd" \
        lbgp_peer_is lagrange x Established ||
        check_failed "the session with Lagrange (BIRD) did not reach Established"
lbgp_running "$lbgpd_pid" || fail "lbgpd exited"
[ "$failed" = 0 ] || fail "no sessions"
t_up=$(lbgp_now)
lbgp_log "both sessions Established after $((t_up - t0)) s"

# The upstreams did announce what this test is about, denied routes included.
announces()
{
        local want
        want=$(printf '%s\n' "$2" | words | tr ' ' '\n' | LC_ALL=C sort | words)
        [ "$("${1}_advertised" | words)" = "$want" ]
}
lbgp_wait 10 "FRR to announce its routes" announces ifog "$IFOG_ANNOUNCES" ||
        fail "test setup: FRR announces [$(ifog_advertised | words)], not [$IFOG_ANNOUNCES]"
lbgp_wait 10 "BIRD to announce its routes" announces lagrange "$LAGRANGE_ANNOUNCES" ||
        fail "test setup: BIRD announces [$(lagrange_advertised | words)], not [$LAGRANGE_ANNOUNCES]"

# Everything settles: our route at both upstreams and the kernel as expected.  Then each
# assertion is looked at on its own.
settled()
{
        [ "$(ifog_received)" = "$MY_NET" ] &&
                [ "$(lagrange_received | cut -d' ' -f1)" = "$MY_NET" ] &&
                kernel_matches >/dev/null
}
if lbgp_wait 30 "the routes to settle" settled; then
        lbgp_log "routes settled $(($(lbgp_now) - t_up)) s after Established"
fi

# 2. What iFog receives from us.
got=$(ifog_received)
lbgp_log "FRR (iFog) received from lbgpd: [$(echo "$got" | words)]"
[ "$got" = "$MY_NET" ] ||
        check_failed "FRR must receive exactly $MY_NET from us, got [$(echo "$got" | words)]"
path=$(ifog_my_net_path)
lbgp_log "FRR (iFog) path for $MY_NET from lbgpd: aspath | communities | next hop: $path"
# The next hop: our global address on gre0 and, since iFog shares the link, our link-local
# one (RFC 2545 3; FRR as the router sends the same).
want="201379 | 34927:9301 34927:9501 | $ROUTER_GRE,$ROUTER_GRE_LL"
[ -n "$ROUTER_GRE_LL" ] && [ "$path" = "$want" ] ||
        check_failed "FRR's path for $MY_NET must be \"$want\", is \"$path\""

# 3. What Lagrange receives from us.
got=$(lagrange_received)
lbgp_log "BIRD (Lagrange) received from lbgpd: prefix | as_path | community | next_hop: [$got]"
[ "$(printf '%s\n' "$got" | cut -d' ' -f1)" = "$MY_NET" ] ||
        check_failed "BIRD must receive exactly $MY_NET from us, got [$(echo "$got" | words)]"
case $got in
"$MY_NET | 201379 201379 201379 |  | $ROUTER_VTNET"*) ;;
*) check_failed "BIRD's route for $MY_NET must have AS path \"201379 201379 201379\", no community and next hop $ROUTER_VTNET: \"$got\"" ;;
esac

# 4. The kernel: the blackhole and exactly the permitted learned routes.
if diff=$(kernel_matches); then
        lbgp_log "kernel routes of protocol 201 as expected:"
        sed 's/^/    /' "$LBGP_TMP/kernel.now" >&2
else
        check_failed "the kernel's routes of protocol 201 are not the expected ones: $(echo "$diff" | words)"
fi
lbgp_running "$lbgpd_pid" || check_failed "lbgpd is no longer running"

# 5. SIGTERM: lbgpd removes what it installed and exits.
if lbgp_running "$lbgpd_pid"; then
        t_term=$(lbgp_now)
        kill -TERM "$lbgpd_pid"
        if lbgp_wait_exit "$lbgpd_pid" 15; then
                lbgp_log "lbgpd exited $LBGP_STATUS $(($(lbgp_now) - t_term)) s after SIGTERM"
                [ "$LBGP_STATUS" = 0 ] || check_failed "lbgpd exited $LBGP_STATUS on SIGTERM"
        else
                check_failed "lbgpd did not exit within 15 s of SIGTERM"
        fi
fi
kernel_routes >"$LBGP_TMP/kernel.after"
if kernel_clean; then
        lbgp_log "no route of protocol 201 left after lbgpd's exit"
else
        check_failed "routes of protocol 201 left after lbgpd's exit: $(lbgp_in router ip -6 route show table all proto 201 | tr '\n' ';')"
fi
lbgp_wait 10 "FRR to see the session go down" eval '! lbgp_peer_is ifog x Established' ||
        check_failed "FRR still Established 10 s after lbgpd's exit"
lbgp_log "FRR on the session's end: $(frr_last_error ifog 2>&1 | head -n 1)"

[ "$failed" = 0 ] || fail "see the FAILED lines above"
grep -E ' lbgpd (warning|error|crit|alert|emerg): ' "$rdir/lbgpd.log" >"$rdir/warnings.log"
lbgp_log "lbgpd logged $(wc -l <"$rdir/warnings.log") warnings or errors"
lbgp_show "lbgpd's warnings and errors" "$rdir/warnings.log" 20
lbgp_log "PASS in $(($(lbgp_now) - t0)) s"
