#!/bin/bash
# kernel_table.sh LBGPD - `lbgpd -t TABLE`: the best BGP routes go into kernel table TABLE.
#
#   router (lbgpd -t 100, AS65001) eth0 2001:db8:10::1/64 ---- eth0 2001:db8:10::2/64 frr (AS65002)
#
# FRR announces two prefixes.  Asserted: they appear in `ip -6 route show table 100 proto
# 201` with FRR as gateway and not in the main table; the static blackhole stays in the
# main table (FRR's staticd puts it there); a route of protocol 201 left in table 100 by a
# "previous run" is removed at start; after SIGTERM neither table holds a route of ours.
#
# Exits 0 on success, 1 on failure, 77 when the host cannot create namespaces.
set -u

here=$(cd "$(dirname "$0")" && pwd)
lbgpd=${1:?usage: kernel_table.sh LBGPD}
LBGP_DEADLINE=${LBGP_DEADLINE:-90}
. "$here/lib.sh"
. "$here/peers/frr.sh"

lbgp_init kernel_table
lbgp_require "$lbgpd"
failed=0
ME=2001:db8:10::1
FRR=2001:db8:10::2
MY_NET=2001:db8:aaaa::/48
STALE=2001:db8:dead::/48
TABLE=100

check_failed()
{
        lbgp_log "FAILED: $*"
        failed=1
}

lbgp_ns_add router
lbgp_ns_add frr
lbgp_link router eth0 frr eth0
lbgp_addr router eth0 "$ME/64"
lbgp_addr frr eth0 "$FRR/64"

rdir=$(lbgp_dir router)
cat >"$rdir/frr.conf" <<EOF
hostname router
ipv6 route $MY_NET blackhole
router bgp 65001
 bgp router-id 192.0.2.1
 no bgp ebgp-requires-policy
 no bgp default ipv4-unicast
 neighbor $FRR remote-as 65002
 neighbor $FRR timers 3 9
 neighbor $FRR timers connect 2
 address-family ipv6 unicast
  network $MY_NET
  neighbor $FRR activate
 exit-address-family
EOF

frr_config()
{
        cat <<EOF
frr defaults traditional
hostname $1
log file $(lbgp_dir "$1")/bgpd.log debugging
router bgp 65002
 bgp router-id 198.51.100.2
 no bgp ebgp-requires-policy
 no bgp default ipv4-unicast
 neighbor $ME remote-as 65001
 neighbor $ME disable-connected-check
 neighbor $ME timers 3 9
 neighbor $ME timers connect 2
 neighbor $ME advertisement-interval 0
 address-family ipv6 unicast
  network 2001:db8:1000::/36
  network 2001:db8:2000::/36
  neighbor $ME activate
 exit-address-family
EOF
}

lbgp_peer_defaults
PEER_ADDR=$FRR
PEER_NEIGHBOR=$ME
frr_start frr frr

# What a previous run left behind in our table.
lbgp_in router ip -6 route add blackhole "$STALE" table $TABLE proto 201 ||
        lbgp_fail "cannot add the stale route"

if lbgp_in router "$lbgpd" -t 255 -n -f "$rdir/frr.conf" 2>/dev/null; then
        check_failed "lbgpd accepted -t 255 (the local table)"
fi
lbgp_bg router "$rdir/lbgpd.log" "$lbgpd" --table $TABLE -f "$rdir/frr.conf" -s "$rdir/lbgpd.sock"
lbgpd_pid=$LBGP_BG_PID

ours()
{
        lbgp_in router ip -6 route show table "$1" proto 201
}
lbgp_wait 40 "FRR's two prefixes in table $TABLE" eval \
        '[ "$(ours $TABLE | grep -c "via $FRR")" = 2 ]' ||
        { tail -n 20 "$rdir/lbgpd.log" >&2; lbgp_fail "table $TABLE: [$(ours $TABLE)]"; }
lbgp_log "table $TABLE: $(ours $TABLE | tr '\n' ';')"
for p in 2001:db8:1000::/36 2001:db8:2000::/36; do
        # "nhid N" first when the route names a nexthop object, as lbgpd's do.
        ours $TABLE | grep -Eq "^$p (nhid [0-9]+ )?via $FRR" ||
                check_failed "$p is not in table $TABLE via $FRR"
        lbgp_in router ip -6 route show table main | grep -q "^$p " &&
                check_failed "$p is in the main table: $(lbgp_in router ip -6 route show table main | grep "^$p ")"
done
ours $TABLE | grep -q "$STALE" && check_failed "the stale $STALE was not removed from table $TABLE"
ours main | grep -q "^blackhole $MY_NET" ||
        check_failed "the static blackhole $MY_NET is not in the main table: [$(ours main)]"
ours $TABLE | grep -q "$MY_NET" && check_failed "the static $MY_NET is in table $TABLE"
[ "$(ours main | grep -vc "$MY_NET")" = 0 ] ||
        check_failed "the main table holds BGP routes of ours: [$(ours main)]"

kill -TERM "$lbgpd_pid"
lbgp_wait_exit "$lbgpd_pid" 15 || check_failed "lbgpd did not exit on SIGTERM"
[ -z "$(ours $TABLE)" ] || check_failed "table $TABLE after exit: [$(ours $TABLE)]"
[ -z "$(ours main)" ] || check_failed "main table after exit: [$(ours main)]"
frr_stop frr
if [ "$failed" != 0 ]; then
        lbgp_show "lbgpd's log" "$rdir/lbgpd.log" 40
        lbgp_fail "see the FAILED lines above"
fi
lbgp_log "PASS"
