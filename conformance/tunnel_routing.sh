#!/bin/bash
# tunnel_routing.sh LBGP_TUNNEL VPS01_CONF - the routing-table half of lbgp-tunnel on a real
# kernel, in network namespaces: the rule, the second table, the blackhole; apply, a second
# apply, down; that traffic from our prefix leaves by the tunnel, that traffic from the
# provider's address does not, that replies to connections that came in over the tunnel go
# back over it (PF's reply-to), a failure halfway undone, and the MSS clamp.
#
# This host's kernel has no sit, gre or ip6gre, so the tunnel itself is played by a veth
# pair and the file is the seed's vps01.conf with "kind external" (lbgp-tunnel then leaves
# the link alone and manages everything on it and through it).  The veth ends are NOARP
# and share one MAC address, as a point-to-point tunnel needs no neighbour discovery:
# with NOARP the kernel sends every frame to the link's own address, which the other end
# then takes as its own.
#
#   inet ---- rtr (router01) ==gif0== srv (vps01) ---- jail (behind bastille0)
#     \                                 |
#      `---------- prov (provider) ----' vtnet0
#
# prov drops packets from our prefix that come from srv, as a provider's anti-spoofing
# filter does: a reply that leaves srv by the main table never reaches inet.
#
# Addresses: the seed's prefix 2a06:9801:1c::/48 and 2001:db8::/32 (RFC 3849), on links
# whose both ends are in our namespaces.  Exits 77 only when namespaces cannot be made.
set -u
. "$(dirname "$0")/lib.sh"
LBGP_DEADLINE=${LBGP_DEADLINE:-150}

tool=${1:?usage: tunnel_routing.sh LBGP_TUNNEL VPS01_CONF}
seed_conf=${2:?usage: tunnel_routing.sh LBGP_TUNNEL VPS01_CONF}
lbgp_init tunnel_routing
lbgp_require "$tool" nft tcpdump python3
[ -r "$seed_conf" ] || lbgp_fail "$seed_conf not readable"

checks=0
ok()
{
        checks=$((checks + 1))
        lbgp_log "ok: $*"
}

# ---- the topology ----------------------------------------------------------------------

for ns in inet rtr srv jail prov; do
        lbgp_ns_add "$ns"
done
lbgp_forwarding rtr
lbgp_forwarding srv
lbgp_forwarding prov

# The tunnel: a veth pair named gif0 on both sides, MTU as sit over 1500 would have.
lbgp_link rtr gif0 srv gif0
for ns in rtr srv; do
        ip -n "$(lbgp_ns "$ns")" link set gif0 arp off address 02:00:5e:00:53:01 mtu 1480 ||
                lbgp_fail "cannot make $ns:gif0 a point-to-point stand-in"
done
lbgp_link inet i-rtr rtr r-inet
lbgp_link inet i-prov prov p-inet
lbgp_link prov p-srv srv vtnet0
lbgp_link srv bastille0 jail j0

# router01: its end of the tunnel by hand (the CI kernel cannot make its sit), the /64
# delegated to vps01 through it, the internet behind it.
ip -n "$(lbgp_ns rtr)" -6 addr add 2a06:9801:1c:ffff::1 peer 2a06:9801:1c:ffff::2/128 \
        dev gif0 nodad || lbgp_fail "rtr: tunnel address"
ip -n "$(lbgp_ns rtr)" -6 route add 2a06:9801:1c:1000::/64 dev gif0 || lbgp_fail "rtr: route"
lbgp_addr rtr r-inet 2001:db8:ffff:1::1/64
lbgp_route rtr default 2001:db8:ffff:1::100

# The internet: reaches our prefix through router01 and the provider's through prov.
lbgp_addr inet i-rtr 2001:db8:ffff:1::100/64
lbgp_addr inet i-prov 2001:db8:ffff:2::100/64
lbgp_route inet 2a06:9801:1c::/48 2001:db8:ffff:1::1
lbgp_route inet 2001:db8:200::/56 2001:db8:ffff:2::1

# The provider, dropping our prefix from vps01 (anti-spoofing).
lbgp_addr prov p-inet 2001:db8:ffff:2::1/64
lbgp_addr prov p-srv 2001:db8:200::1/68
lbgp_route prov default 2001:db8:ffff:2::100
lbgp_route prov 2001:db8:200:0:1000::/68 2001:db8:200::2
ip -n "$(lbgp_ns prov)" -6 rule add from 2a06:9801:1c::/48 iif p-srv blackhole ||
        lbgp_fail "prov: anti-spoofing rule"

# vps01 as its rc.conf leaves it before lbgp-tunnel: provider addresses only.
lbgp_addr srv vtnet0 2001:db8:200::2/68
lbgp_route srv default 2001:db8:200::1
lbgp_addr srv bastille0 2001:db8:200:0:1000::1/68
# A dead interface, for the failure halfway.
ip -n "$(lbgp_ns srv)" link add dead0 type veth peer name dead1 || lbgp_fail "srv: dead0"

# A jail with an address from each space.
lbgp_addr jail j0 2a06:9801:1c:1000::10/64
lbgp_addr jail j0 2001:db8:200:0:1000::10/68
lbgp_route jail default 2a06:9801:1c:1000::1

# The seed's server end, on the stand-in link.
conf=$LBGP_TMP/vps01.conf
sed -e 's/^kind sit.*/kind external/' -e '/^local /d' -e '/^remote /d' -e '/^outer-mtu /d' \
        -e 's/^tunnel gif0.*/tunnel gif0\nmtu 1480/' "$seed_conf" >"$conf"

# ---- helpers ---------------------------------------------------------------------------

# The kernel state lbgp-tunnel may touch in NS, for before/after comparisons.
snapshot()
{
        local n
        n=$(lbgp_ns "$1")
        {
                ip -n "$n" -6 rule show
                ip -n "$n" -6 route show table all
                ip -n "$n" -6 addr show
                ip -n "$n" link show
        } >"$2"
}

# Runs lbgp-tunnel in srv: out/err in $LBGP_TMP/out and err, status in $status.
tunnel()
{
        lbgp_in srv "$tool" "$@" >"$LBGP_TMP/out" 2>"$LBGP_TMP/err"
        status=$?
}

tunnel_fail()
{
        lbgp_show stdout "$LBGP_TMP/out"
        lbgp_show stderr "$LBGP_TMP/err"
        lbgp_fail "$@"
}

# reach NS SRC DST: a TCP connection from SRC to a closed port of DST is refused, which
# needs both the SYN and the reset to get through.
reach()
{
        lbgp_in "$1" python3 - "$2" "$3" <<'PY'
import socket, sys
s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
s.settimeout(2)
s.bind((sys.argv[1], 0))
try:
    s.connect((sys.argv[2], 9))
except ConnectionRefusedError:
    sys.exit(0)
except OSError:
    sys.exit(1)
sys.exit(0)
PY
}

# Packets that left srv by IF.
tx()
{
        lbgp_in srv cat "/sys/class/net/$1/statistics/tx_packets"
}

# ---- dry run, apply, apply again -------------------------------------------------------

snapshot srv "$LBGP_TMP/before"

tunnel apply "$conf" --dry-run
[ "$status" -eq 0 ] || tunnel_fail "apply --dry-run: exit $status"
[ "$(grep -c '^would create ' "$LBGP_TMP/out")" -eq 7 ] || tunnel_fail "apply --dry-run: not 7 creates"
snapshot srv "$LBGP_TMP/after-dry"
diff -u "$LBGP_TMP/before" "$LBGP_TMP/after-dry" >&2 || lbgp_fail "apply --dry-run changed the kernel"
ok "apply --dry-run prints 7 creates and changes nothing"

tunnel apply "$conf"
[ "$status" -eq 0 ] || tunnel_fail "apply: exit $status"
grep -qx 'gif0: 7 changes made, 0 objects already in place' "$LBGP_TMP/out" ||
        tunnel_fail "apply: summary"
ok "apply creates 7 objects"

rules=$(ip -n "$(lbgp_ns srv)" -6 rule show)
[ "$rules" = "0:	from all lookup local
1000:	from 2a06:9801:1c::/48 lookup 1 proto 202
32766:	from all lookup main" ] || lbgp_fail "ip -6 rule: $rules"
ok "ip -6 rule: from 2a06:9801:1c::/48 lookup 1 proto 202"

table=$(ip -n "$(lbgp_ns srv)" -6 route show table 1)
[ "$table" = "2001:db8:200:0:1000::/68 dev bastille0 proto 202 metric 1024 pref medium
2a06:9801:1c:1000::/64 dev bastille0 proto 202 metric 1024 pref medium
default dev gif0 proto 202 metric 1024 pref medium
blackhole default dev lo proto 202 metric 4294967295 pref medium" ] ||
        lbgp_fail "ip -6 route show table 1: $table"
ok "table 1: default via the tunnel, the two bridge subnets, the blackhole default"

addrs=$(ip -n "$(lbgp_ns srv)" -6 addr show scope global | grep -o 'inet6 [^ ]*\( peer [^ ]*\)\?')
[ "$addrs" = "inet6 2a06:9801:1c:ffff::2 peer 2a06:9801:1c:ffff::1/128
inet6 2001:db8:200::2/68
inet6 2a06:9801:1c:1000::1/64
inet6 2001:db8:200:0:1000::1/68" ] || lbgp_fail "addresses: $addrs"
ok "the tunnel's /128 pair and the bridge's address in our prefix"

tunnel apply "$conf"
[ "$status" -eq 0 ] || tunnel_fail "second apply: exit $status"
[ "$(cat "$LBGP_TMP/out")" = "gif0: nothing to do: all 7 objects in place" ] ||
        tunnel_fail "second apply did something"
ok "a second apply: nothing to do"

# ---- the traffic -----------------------------------------------------------------------

before=$(tx gif0)
reach jail 2a06:9801:1c:1000::10 2001:db8:ffff:1::100 ||
        lbgp_fail "the jail's address in our prefix does not reach the internet"
[ "$(tx gif0)" -gt "$before" ] || lbgp_fail "the jail's traffic did not leave by the tunnel"
ok "traffic from our prefix (a jail) leaves by the tunnel and is answered"

before=$(tx gif0)
reach srv 2001:db8:200::2 2001:db8:ffff:2::100 ||
        lbgp_fail "the provider address does not reach the internet"
reach jail 2001:db8:200:0:1000::10 2001:db8:ffff:2::100 ||
        lbgp_fail "the jail's provider address does not reach the internet"
[ "$(tx gif0)" -eq "$before" ] || lbgp_fail "provider-sourced traffic entered the tunnel"
ok "traffic from the provider's addresses stays out of the tunnel"

# reply-to: the connection comes in over the tunnel; its reply is sent from our prefix,
# so the rule takes it back to the tunnel (by the main table, prov would drop it).
before=$(tx gif0)
reach inet 2001:db8:ffff:1::100 2a06:9801:1c:1000::1 ||
        lbgp_fail "a reply from vps01 to a connection over the tunnel got lost"
reach inet 2001:db8:ffff:1::100 2a06:9801:1c:1000::10 ||
        lbgp_fail "a reply from the jail to a connection over the tunnel got lost"
[ "$(tx gif0)" -ge "$((before + 2))" ] || lbgp_fail "the replies did not leave by the tunnel"
ok "replies to connections that came over the tunnel leave by it (reply-to)"

# The control: without the rule the same reply leaves by the provider and is dropped;
# apply puts the rule back.
ip -n "$(lbgp_ns srv)" -6 rule del from 2a06:9801:1c::/48 table 1 priority 1000 ||
        lbgp_fail "cannot delete the rule"
reach inet 2001:db8:ffff:1::100 2a06:9801:1c:1000::1 &&
        lbgp_fail "a reply got through without the rule: the test proves nothing"
tunnel apply "$conf"
[ "$status" -eq 0 ] && grep -qx 'gif0: 1 change made, 6 objects already in place' "$LBGP_TMP/out" ||
        tunnel_fail "apply did not put the rule back"
reach inet 2001:db8:ffff:1::100 2a06:9801:1c:1000::1 || lbgp_fail "no reply with the rule back"
ok "without the rule the reply is lost; apply restores the rule alone"

# Fail closed: with the tunnel's route gone, our prefix is dropped, not sent out by the
# provider's default route.
ip -n "$(lbgp_ns srv)" -6 route del default dev gif0 table 1 || lbgp_fail "cannot delete default"
lookup=$(ip -n "$(lbgp_ns srv)" -6 route get 2001:db8:ffff:1::100 from 2a06:9801:1c:1000::1 2>&1)
case $lookup in
*vtnet0*) lbgp_fail "our prefix leaks through the provider: $lookup" ;;
esac
reach jail 2a06:9801:1c:1000::10 2001:db8:ffff:1::100 && lbgp_fail "traffic passed a blackhole"
tunnel apply "$conf"
[ "$status" -eq 0 ] && grep -qx 'gif0: 1 change made, 6 objects already in place' "$LBGP_TMP/out" ||
        tunnel_fail "apply did not put the default route back"
ok "with the tunnel's route gone, the blackhole drops our prefix ($lookup)"

# ---- the MSS clamp, through nftables ---------------------------------------------------

lbgp_in srv "$tool" mss "$conf" | sed -n '/^table /,$p' >"$LBGP_TMP/mss.nft"
lbgp_in srv nft -f "$LBGP_TMP/mss.nft" || lbgp_fail "nft does not take the clamp rules"
lbgp_bg rtr "$LBGP_TMP/tcpdump.out" timeout 20 tcpdump -l -n -v -c 1 -i gif0 \
        'ip6 and tcp and (ip6[53] & 2 != 0)'
dump=$LBGP_BG_PID
lbgp_wait 10 "tcpdump to listen" lbgp_has_line "$LBGP_TMP/tcpdump.out" 'listening on' ||
        lbgp_fail "tcpdump did not start"
reach jail 2a06:9801:1c:1000::10 2001:db8:ffff:1::100 || lbgp_fail "no connection with the clamp"
lbgp_wait_exit "$dump" 15 || lbgp_fail "tcpdump saw no SYN"
grep -q 'mss 1420' "$LBGP_TMP/tcpdump.out" || {
        lbgp_show tcpdump "$LBGP_TMP/tcpdump.out"
        lbgp_fail "the SYN crossed the tunnel without its MSS clamped to 1420"
}
lbgp_in srv nft delete table inet lbgp_tunnel || lbgp_fail "nft delete table"
ok "the jail's SYN (MSS 1440) crosses the tunnel clamped to mss 1420"

# ---- down ------------------------------------------------------------------------------

tunnel down "$conf"
[ "$status" -eq 0 ] && grep -qx 'gif0: 7 objects removed' "$LBGP_TMP/out" || tunnel_fail "down"
tunnel down "$conf"
[ "$status" -eq 0 ] && grep -qx "gif0: nothing to do: nothing of lbgp-tunnel's in place" \
        "$LBGP_TMP/out" || tunnel_fail "a second down"
snapshot srv "$LBGP_TMP/after-down"
diff -u "$LBGP_TMP/before" "$LBGP_TMP/after-down" >&2 ||
        lbgp_fail "down did not leave the kernel as apply found it"
ok "down removes the 7 objects; the kernel is as before (ip rule, route, addr, link)"

# ---- refusals --------------------------------------------------------------------------

# Someone else's route where ours would go: apply changes nothing, down leaves it.
ip -n "$(lbgp_ns srv)" -6 route add 2001:db8:200:0:1000::/68 dev vtnet0 table 1 ||
        lbgp_fail "cannot add the foreign route"
snapshot srv "$LBGP_TMP/foreign"
tunnel apply "$conf"
[ "$status" -eq 1 ] || tunnel_fail "apply over a foreign route: exit $status"
grep -q "error: route 2001:db8:200:0:1000::/68 dev bastille0 table 1 .*not ours" "$LBGP_TMP/err" ||
        tunnel_fail "apply over a foreign route: no error naming it"
snapshot srv "$LBGP_TMP/after-foreign"
diff -u "$LBGP_TMP/foreign" "$LBGP_TMP/after-foreign" >&2 || lbgp_fail "a refused apply changed things"
tunnel down "$conf"
ip -n "$(lbgp_ns srv)" -6 route show table 1 | grep -q '^2001:db8:200:0:1000::/68 dev vtnet0' ||
        lbgp_fail "down removed a route that was not its own"
ip -n "$(lbgp_ns srv)" -6 route del 2001:db8:200:0:1000::/68 dev vtnet0 table 1
ok "a conflicting route of someone else's: apply refuses before any change, down leaves it"

# A failure halfway: a route out of an interface that is down.  The run is undone.
{
        cat "$conf"
        echo "interface dead0 route 2001:db8:200:0:2000::/68"
} >"$LBGP_TMP/dead.conf"
tunnel apply "$LBGP_TMP/dead.conf"
[ "$status" -eq 1 ] || tunnel_fail "apply with a dead interface: exit $status"
grep -q 'undoing the 5 changes of this run' "$LBGP_TMP/err" || tunnel_fail "no undo"
snapshot srv "$LBGP_TMP/after-undo"
diff -u "$LBGP_TMP/before" "$LBGP_TMP/after-undo" >&2 || lbgp_fail "the undo left something behind"
ok "a failure at the 6th change undoes the 5 before it: the kernel is as before"

echo "tunnel_routing: $checks passed, 0 failed"
