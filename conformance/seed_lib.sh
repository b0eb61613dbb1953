# conformance/seed_lib.sh - the seed's router scenario, shared; source after lib.sh,
# peers/frr.sh and peers/bird.sh (it replaces their frr_config and bird_config).
#
# The topology of seed_router.sh, in three namespaces per run, TAG (a word) naming the run
# so that several runs can exist side by side: ${TAG}router, ${TAG}ifog, ${TAG}lagrange.
#
#   ifog (FRR, AS34927)                 router (AS201379)                 lagrange (BIRD, AS209735)
#   eth0 2001:db8:300::1/64 ------ gre0 2001:db8:300::2/64
#                                       vtnet0 2001:db8:100::96/64 ------ eth0 2001:db8:100::ff/64
#
# The router's interfaces carry router01.rc.conf's names (gre0 is a veth, not a GRE tunnel)
# because the seed's frr.conf says `update-source gre0`; its lo carries the rc.conf alias
# 2a06:9801:1c::1/64.  The router is lbgpd (seed_lbgpd_start) or FRR 8.4 itself, zebra +
# staticd + bgpd (seed_frr_router_start), both running the seed's frr.conf byte for byte.
#
# The upstreams announce SEED_IFOG_ANNOUNCES and SEED_LAGRANGE_ANNOUNCES: a mix that the
# seed's PL-BOGONS (through RM-*-IN) permits and denies.  Each prefix in
# SEED_IFOG_PREPEND / SEED_LAGRANGE_PREPEND goes out of that upstream with its AS prepended
# twice, so that the other upstream's path is the better one (set empty: none).  Each of
# the four may be set before sourcing this file.  iFog (FRR) is passive, with
# `ttl-security hops 1`; Lagrange (BIRD) connects too, with `ttl security on`.
#
# Every address is a documentation one (2001:db8::/32, 198.51.100.0/24) or the seed's own
# 2a06:9801:1c::/48; the other prefixes are only announced in BGP, on veths whose both ends
# are in our namespaces, and no packet is ever sent to them.

SEED_ROUTER_GRE=2001:db8:300::2
SEED_IFOG=2001:db8:300::1
SEED_ROUTER_VTNET=2001:db8:100::96
SEED_LAGRANGE=2001:db8:100::ff
SEED_MY_NET=2a06:9801:1c::/48

# The default mix, with why PL-BOGONS (seed frr.conf) permits or denies each prefix, under
# FRR's semantics: an entry without ge/le matches that exact prefix only.
#   2001:db8:1000::/36   permit (`permit ::/0 le 48`)
#   2001:db8:1000::/49   deny   (`deny ::/0 ge 49`: a /49 more-specific)
#   2001:db8::/32        permit (never denied: the seed has no 2001:db8::/32 entry)
#   fd00:1234::/48       permit (`deny fc00::/7` is that prefix only)
#   fc00::/7             deny   (`deny ::/0 le 7` first, `deny fc00::/7` too)
#   2001:db8:3000::/36   permit, from both; Lagrange prepends, iFog's path is best
#   2001:db8:4000::/36   permit, from both; iFog prepends, Lagrange's path is best
#   2001:db8:1:2::/64    deny   (longer than /48)
#   2a06:9801:1c::/48    deny   (our own, `deny 2a06:9801:1c::/48`)
#   2a06:9801:1c:100::/56 deny  (a more-specific of our own: `ge 49`)
#   2a06:9801::/32       permit (a less-specific of our own: nothing denies it)
#   ::/0                 deny   (`deny ::/0 le 7`), from both
#   2001:db8:2000::/36   permit
#   2001:db8:2000::/48   permit (exactly /48: `le 48` includes it)
#   3ffe::/16            permit (the old 6bone, inside 2000::/3, which the seed never denies)
#   fd00::/8             permit (longer than /7: neither `le 7` nor `fc00::/7` matches)
#   ::/8                 deny   (`deny ::/8`)
#   4000::/3             deny   (`deny 4000::/3`)
#   2001:db8:2:3::/64    deny   (longer than /48)
#   2001:db8:2:3::/126   deny   (longer than /48)
# (BIRD refuses to originate fe80::/10: "Ignoring bogus route".)
SEED_IFOG_ANNOUNCES=${SEED_IFOG_ANNOUNCES:-"2001:db8:1000::/36 2001:db8:1000::/49 2001:db8::/32
        fd00:1234::/48 fc00::/7 2001:db8:3000::/36 2001:db8:4000::/36 2001:db8:1:2::/64
        $SEED_MY_NET 2a06:9801:1c:100::/56 2a06:9801::/32 ::/0"}
SEED_IFOG_PREPEND=${SEED_IFOG_PREPEND-"2001:db8:4000::/36"}
SEED_LAGRANGE_ANNOUNCES=${SEED_LAGRANGE_ANNOUNCES:-"2001:db8:2000::/36 2001:db8:2000::/48
        3ffe::/16 fd00::/8 2001:db8:3000::/36 2001:db8:4000::/36 ::/8 4000::/3
        2001:db8:2:3::/64 2001:db8:2:3::/126 $SEED_MY_NET ::/0"}
SEED_LAGRANGE_PREPEND=${SEED_LAGRANGE_PREPEND-"2001:db8:3000::/36"}

# The FRR daemons that play the router (Debian's frr package, 8.4).
SEED_FRR_DIR=${SEED_FRR_DIR:-/usr/lib/frr}

# ---- the topology ----------------------------------------------------------------------

# seed_topology TAG: the three namespaces, their links and addresses.
seed_topology()
{
        local t=$1
        lbgp_ns_add "${t}router"
        lbgp_ns_add "${t}ifog"
        lbgp_ns_add "${t}lagrange"
        lbgp_link "${t}router" gre0 "${t}ifog" eth0
        lbgp_link "${t}router" vtnet0 "${t}lagrange" eth0
        lbgp_addr "${t}router" gre0 "$SEED_ROUTER_GRE/64"
        lbgp_addr "${t}router" vtnet0 "$SEED_ROUTER_VTNET/64"
        lbgp_addr "${t}router" lo 2a06:9801:1c::1/64
        lbgp_addr "${t}ifog" eth0 "$SEED_IFOG/64"
        lbgp_addr "${t}lagrange" eth0 "$SEED_LAGRANGE/64"
        lbgp_forwarding "${t}router"
}

# seed_link_local NS IF: the interface's link-local address (fe80::...).
seed_link_local()
{
        lbgp_in "$1" ip -j -6 addr show dev "$2" scope link | python3 -c 'import json,sys
for i in json.load(sys.stdin):
    for a in i.get("addr_info", []):
        if "local" in a:
            print(a["local"]); sys.exit(0)'
}

# seed_ll_names TAG: "address name" lines for the run's four link-local addresses, so that
# outputs can name them (they differ from run to run: the veths' MACs are random).
seed_ll_names()
{
        local t=$1 a
        a=$(seed_link_local "${t}router" gre0) && [ -n "$a" ] && echo "$a LL(router:gre0)"
        a=$(seed_link_local "${t}router" vtnet0) && [ -n "$a" ] && echo "$a LL(router:vtnet0)"
        a=$(seed_link_local "${t}ifog" eth0) && [ -n "$a" ] && echo "$a LL(ifog:eth0)"
        a=$(seed_link_local "${t}lagrange" eth0) && [ -n "$a" ] && echo "$a LL(lagrange:eth0)"
}

# ---- the upstreams ---------------------------------------------------------------------

# iFog: FRR 8.4, bgpd with a zebra of its own (seed_frr_start), unlike peers/frr.sh's bgpd
# alone: FRR as the router sends a link-local next hop besides the global one (RFC 2545
# §3), and a bgpd without zebra knows no interface to use it on, so it treats every such
# UPDATE as a withdrawal ("sent a v6 LL next-hop and there's no peer interface
# information").  bgpd runs with -n: it installs nothing in iFog's kernel.
# This config replaces frr.sh's: it announces routes (`no bgp network import-check`: none
# of them is in zebra's RIB) and keeps what it receives from us before any policy
# (soft-reconfiguration inbound) for `received-routes`; `no bgp ebgp-requires-policy` lets
# it accept and announce without inbound route-maps.
frr_config()
{
        local n=$SEED_ROUTER_GRE p
        cat <<EOF
frr defaults traditional
hostname $1
log file $(lbgp_dir "$1")/bgpd.log debugging
log timestamp precision 3
debug bgp neighbor-events
debug bgp updates
!
EOF
        for p in $SEED_IFOG_PREPEND; do
                echo "ipv6 prefix-list PREPEND permit $p"
        done
        cat <<EOF
ipv6 prefix-list PREPEND deny any
!
route-map OUT permit 10
 match ipv6 address prefix-list PREPEND
 set as-path prepend 34927 34927
route-map OUT permit 20
!
router bgp 34927
 bgp router-id 198.51.100.44
 no bgp ebgp-requires-policy
 no bgp network import-check
 no bgp default ipv4-unicast
 neighbor $n remote-as 201379
 neighbor $n description router01
 neighbor $n update-source $SEED_IFOG
 neighbor $n ttl-security hops 1
 neighbor $n passive
 neighbor $n advertisement-interval 0
 address-family ipv6 unicast
EOF
        for p in $SEED_IFOG_ANNOUNCES; do
                echo "  network $p"
        done
        cat <<EOF
  neighbor $n activate
  neighbor $n soft-reconfiguration inbound
  neighbor $n route-map OUT out
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
        for p in $SEED_LAGRANGE_ANNOUNCES; do
                echo "        route $p blackhole;"
        done
        cat <<EOF
}

protocol bgp probe {
        local $SEED_LAGRANGE as 209735;
        neighbor $SEED_ROUTER_VTNET as 201379;
        ttl security on;
        connect retry time 5;
        connect delay time 1;
        error wait time 1, 5;
        debug { states, events };
        ipv6 {
                import all;
                export filter {
                        if source != RTS_STATIC then reject;
EOF
        for p in $SEED_LAGRANGE_PREPEND; do
                cat <<EOF
                        if net = $p then {
                                bgp_path.prepend(209735);
                                bgp_path.prepend(209735);
                        }
EOF
        done
        cat <<EOF
                        accept;
                };
        };
}
EOF
}

# seed_start_upstreams TAG: FRR as ${TAG}ifog, BIRD as ${TAG}lagrange, in their namespaces.
seed_start_upstreams()
{
        local t=$1 dir
        lbgp_peer_defaults
        # frr.sh's frr_state and frr_last_error ask FRR about PEER_NEIGHBOR.
        PEER_NEIGHBOR=$SEED_ROUTER_GRE
        dir=$(lbgp_dir "${t}ifog")
        : >"$dir/zebra.conf"
        frr_config "${t}ifog" >"$dir/bgpd.conf"
        seed_frr_start "${t}ifog" peer zebra bgpd
        bird_start "${t}lagrange" "${t}lagrange"
}

# seed_frr_json NAME COMMAND PYTHON-EXPRESSION: the expression on FRR NAME's JSON answer to
# the vtysh command, bound to d; prints its value, or nothing when it cannot.
seed_frr_json()
{
        frr_vtysh "$1" "$2" | python3 -c 'import json,sys
d = json.load(sys.stdin)
v = eval(sys.argv[1])
print("" if v is None else v)' "$3" 2>/dev/null
}

# The sorted prefixes an upstream announces to the router (a check on the test itself).
seed_ifog_advertised()
{
        seed_frr_json "${1}ifog" \
                "show bgp ipv6 unicast neighbors $SEED_ROUTER_GRE advertised-routes json" \
                '"\n".join(sorted(d.get("advertisedRoutes", {})))'
}

seed_lagrange_advertised()
{
        bird_birdc "${1}lagrange" "show route export probe" | seed_bird_routes_parse |
                cut -d' ' -f1 | LC_ALL=C sort
}

# birdc's `show route [...] all` on stdin: one line per route, "prefix | as_path |
# community | next_hop | origin | med".  A route's first line starts with its prefix, or
# with spaces when it is another route to the prefix before; its attributes follow,
# indented.
seed_bird_routes_parse()
{
        python3 -c 'import re,sys
routes, net = [], None
for line in sys.stdin:
    m = re.match(r"^(\S+/\d+)?\s+(unicast|blackhole|unreachable|prohibited)\s+\[", line)
    if m:
        net = m.group(1) or net
        routes.append({"net": net, "as_path": "", "community": "", "next_hop": "",
                       "origin": "", "med": ""})
        continue
    m = re.match(r"^\s+BGP\.(as_path|community|next_hop|origin|med):\s*(.*?)\s*$", line)
    if m and routes:
        routes[-1][m.group(1)] = m.group(2)
for r in routes:
    print("%(net)s | %(as_path)s | %(community)s | %(next_hop)s | %(origin)s | %(med)s" % r)'
}

# seed_announcing TAG: true when each upstream announces exactly its list (denied
# routes included), so that the scenario is the one described.
seed_announcing()
{
        local t=$1 want
        want=$(printf '%s\n' $SEED_IFOG_ANNOUNCES | LC_ALL=C sort)
        [ "$(seed_ifog_advertised "$t")" = "$want" ] || return 1
        want=$(printf '%s\n' $SEED_LAGRANGE_ANNOUNCES | LC_ALL=C sort)
        [ "$(seed_lagrange_advertised "$t")" = "$want" ]
}

# ---- the router: lbgpd -----------------------------------------------------------------

# seed_lbgpd_start TAG LBGPD CONF: lbgpd in ${TAG}router on CONF (copied into its directory,
# checked byte for byte), control socket $(lbgp_dir ${TAG}router)/lbgpd.sock.  Its pid is in
# SEED_LBGPD_PID; `lbgpd -n` must accept the configuration first.
seed_lbgpd_start()
{
        local t=$1 lbgpd=$2 conf=$3 dir
        dir=$(lbgp_dir "${t}router")
        cp "$conf" "$dir/frr.conf" || lbgp_fail "cannot copy $conf"
        cmp -s "$conf" "$dir/frr.conf" || lbgp_fail "the copy of $conf differs"
        lbgp_in "${t}router" "$lbgpd" -n -f "$dir/frr.conf" >"$dir/check.log" 2>&1 || {
                lbgp_show "lbgpd -n" "$dir/check.log"
                lbgp_fail "lbgpd -n rejects $conf"
        }
        seed_capture_start "$t"
        # The seed's "log syslog informational" would send the log to syslog only.
        lbgp_bg "${t}router" "$dir/lbgpd.log" "$lbgpd" --log stderr -f "$dir/frr.conf" \
                -s "$dir/lbgpd.sock"
        SEED_LBGPD_PID=$LBGP_BG_PID
        lbgp_wait 10 "lbgpd's control socket" test -S "$dir/lbgpd.sock" || {
                lbgp_show "lbgpd" "$dir/lbgpd.log"
                lbgp_fail "lbgpd did not start"
        }
}

# ---- what lbgpd sends, checked by decoders we did not write ------------------------------
# Issue #7: every UPDATE lbgpd sends in the conformance runs decodes cleanly in tshark and in
# lbgp-decode.  seed_lbgpd_start records the router's BGP traffic on both upstream links
# when LBGP_DECODE names lbgp-decode (ctest sets it); seed_capture_check stops the capture
# and judges what lbgpd sent (conformance/bgp_streams.py check).

# seed_capture_start TAG: tcpdump on the router's gre0 and vtnet0, port 179.
seed_capture_start()
{
        local t=$1 dir ifc
        [ -n "${LBGP_DECODE:-}" ] || return 0
        command -v tcpdump >/dev/null || lbgp_fail "LBGP_DECODE is set but tcpdump is missing"
        dir=$(lbgp_dir "${t}router")
        SEED_CAPTURE_PIDS=""
        for ifc in gre0 vtnet0; do
                lbgp_bg "${t}router" "$dir/tcpdump-$ifc.log" tcpdump -i "$ifc" -U -s 0 \
                        -w "$dir/bgp-$ifc.pcap" tcp port 179
                SEED_CAPTURE_PIDS="$SEED_CAPTURE_PIDS $LBGP_BG_PID"
        done
        for ifc in gre0 vtnet0; do
                # It says so once the capture is open, before lbgpd can connect.
                lbgp_wait 5 "tcpdump on $ifc" lbgp_has_line "$dir/tcpdump-$ifc.log" \
                        'listening on' || {
                        lbgp_show "tcpdump on $ifc" "$dir/tcpdump-$ifc.log"
                        lbgp_fail "tcpdump did not start on $ifc"
                }
        done
}

# seed_capture_check TAG: every message lbgpd sent to either upstream decodes as "ok" in
# lbgp-decode (as the upstream's side of the session), and tshark finds nothing malformed.
seed_capture_check()
{
        local t=$1 dir ifc pid
        [ -n "${LBGP_DECODE:-}" ] || { lbgp_log "LBGP_DECODE unset: what lbgpd sent is not checked"; return 0; }
        dir=$(lbgp_dir "${t}router")
        for pid in $SEED_CAPTURE_PIDS; do
                kill -INT "$pid" 2>/dev/null
        done
        for pid in $SEED_CAPTURE_PIDS; do
                lbgp_wait_exit "$pid" 5 || kill -KILL "$pid" 2>/dev/null
        done
        for ifc in gre0 vtnet0; do
                python3 "$(dirname "${BASH_SOURCE[0]}")/bgp_streams.py" check \
                        "$dir/bgp-$ifc.pcap" "$LBGP_DECODE" 201379 "$SEED_ROUTER_GRE" \
                        "$SEED_ROUTER_VTNET" --tshark >"$dir/sent-$ifc.log" 2>&1 || {
                        lbgp_show "what lbgpd sent on $ifc" "$dir/sent-$ifc.log"
                        lbgp_fail "a message lbgpd sent on $ifc does not decode cleanly"
                }
                lbgp_log "sent on $ifc: $(grep -v '^tshark' "$dir/sent-$ifc.log" | tr '\n' ';')"
        done
}

# seed_lbgpctl TAG LBGPCTL ARGS...: lbgpctl on the run's lbgpd.
seed_lbgpctl()
{
        local t=$1 ctl=$2
        shift 2
        lbgp_in "${t}router" "$ctl" -s "$(lbgp_dir "${t}router")/lbgpd.sock" "$@"
}

# ---- FRR 8.4 daemons, the router or iFog -----------------------------------------------

# seed_frr_start NAME ROLE DAEMON...: FRR's daemons (zebra first) in our namespace NAME,
# each on $(lbgp_dir NAME)/DAEMON.conf, which must exist.  ROLE is `router`, or `peer` for
# an upstream, whose bgpd (-n) installs nothing in its kernel.  frr.sh's frr_vtysh,
# frr_state and frr_stop work on NAME afterwards.
#
# Each daemon runs in the foreground with every path it would take from /etc/frr or
# /run/frr pointed into NAME's directory: -f (its configuration file), -i (pid file),
# --vty_socket (the vty sockets vtysh talks to) and -z (zebra's API socket, which staticd
# and bgpd use).  -N (pathspace) is not used: every path it would move is given here, and
# it would leave a directory of its own in /run/frr behind.  -P 0: no vty TCP port.  A
# system FRR never meets ours: no path is shared, and ours live in our namespace.
# They run as FRR's own user, frr (with the capabilities FRR keeps, CAP_NET_ADMIN among
# them): as root they would refuse to start, root not being in the frrvty group.  So the
# directory is frr's, and LBGP_TMP above it may be traversed (mode 711).  Their logs go to
# the directory (--log); pids are in SEED_FRR_PIDS_NAME, bgpd's in FRR_PID_NAME.
seed_frr_start()
{
        local name=$1 role=$2 dir d pids="" extra
        shift 2
        lbgp_require vtysh
        dir=$(lbgp_dir "$name")
        chmod 711 "$LBGP_TMP" && chown -R frr:frr "$dir" ||
                lbgp_fail "cannot give $dir to FRR's user, frr"
        for d in "$@"; do
                lbgp_require "$SEED_FRR_DIR/$d"
                extra=""
                [ "$d" = bgpd ] && [ "$role" = peer ] && extra=-n
                lbgp_bg "$name" "$dir/$d.out" "$SEED_FRR_DIR/$d" -f "$dir/$d.conf" \
                        -i "$dir/$d.pid" --vty_socket "$dir" -z "$dir/zserv.api" -P 0 \
                        --log "file:$dir/$d.log" --log-level debug $extra
                pids="$LBGP_BG_PID $pids"
                eval "FRR_PID_$name=\$LBGP_BG_PID"
                lbgp_wait 10 "FRR $d's vty socket in $name" test -S "$dir/$d.vty" || {
                        lbgp_show "FRR $d output" "$dir/$d.out"
                        lbgp_show "FRR $d log" "$dir/$d.log"
                        lbgp_fail "FRR $d did not start in $name"
                }
        done
        eval "SEED_FRR_PIDS_$name=\$pids"
        eval "FRR_NS_$name=\$name"
}

# seed_frr_stop NAME: TERM to NAME's daemons, the last started first.
seed_frr_stop()
{
        local pid pids
        eval "pids=\${SEED_FRR_PIDS_$1:-}"
        for pid in $pids; do
                lbgp_stop_pid "$pid"
        done
}

# seed_frr_router_start TAG CONF: zebra, staticd and bgpd in ${TAG}router, then CONF (copied
# byte for byte as frr.conf into the run's directory) loaded into them by `vtysh -b`, as
# FRR's integrated configuration is at boot: the daemons start on empty files, and vtysh
# gives each the part of frr.conf that is its own.  --config_dir is where -b finds frr.conf
# (and vtysh.conf, empty here).
seed_frr_router_start()
{
        local t=$1 conf=$2 dir d
        dir=$(lbgp_dir "${t}router")
        cp "$conf" "$dir/frr.conf" || lbgp_fail "cannot copy $conf"
        cmp -s "$conf" "$dir/frr.conf" || lbgp_fail "the copy of $conf differs"
        for d in vtysh zebra staticd bgpd; do
                : >"$dir/$d.conf"
        done
        seed_frr_start "${t}router" router zebra staticd bgpd
        lbgp_in "${t}router" vtysh --vty_socket "$dir" --config_dir "$dir" -b \
                >"$dir/vtysh-b.log" 2>&1 || {
                lbgp_show "vtysh -b" "$dir/vtysh-b.log"
                lbgp_fail "vtysh -b could not load $conf into FRR"
        }
        # Anything vtysh says is about a line FRR did not take as it is: then FRR would not
        # be running the seed's configuration.
        if [ -s "$dir/vtysh-b.log" ]; then
                lbgp_show "vtysh -b" "$dir/vtysh-b.log"
                lbgp_fail "FRR did not take $conf as it is"
        fi
}
