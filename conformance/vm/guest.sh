#!/bin/sh
# guest.sh - /init of the two guests of tunnel_vm.sh: router01 (lbgp_role=router) and vps01
# (lbgp_role=server), each running Debian's cloud kernel with real sit, gre and ip6gre.
#
# Runs under busybox's shell as PID 1, reports on the serial console and powers off.  What
# the host reads:
#   RESULT NAME PASS|FAIL DETAIL     one assertion (NAME is KIND.ROLE.CHECK)
#   DONE ROLE N passed, M failed     the end; the guest powers off right after
# Everything else on the console is there to read when something fails.
#
# The initramfs holds (tunnel_vm.sh puts them there):
#   /bin/busybox                    and its applets, installed at start
#   /bin/iproute2                   iproute2's ip: busybox's shell runs its own "ip" applet
#                                   for a bare "ip", and that applet cannot make gre links
#                                   (not "ipr": iproute2 takes "ipX" as "ip X", route here)
#   /bin/lbgp-tunnel                the binary under test, with its shared libraries
#   /lib/modules/*.ko, load-order   the modules, in the order their dependencies need
#   /etc/lbgp-tunnel/KIND-ROLE.conf each end of each kind of tunnel
#   /etc/lbgp-tunnel/kinds          the kinds to test, in order
#
# The wire: one Ethernet segment between the guests' vtnet0 (the seed's name; the kernel
# calls it eth0 and this script renames it), standing in for both providers' networks.
# IPv4 and IPv6 addresses are the seed's (documentation prefixes), each side reaching the
# other's provider subnet on-link.  router01 also has, in a network namespace "inet", a host
# on the internet (2001:db8:ffff:1::100), and drops packets from our prefix that arrive on
# vtnet0, as the provider's anti-spoofing filter would: traffic from our prefix reaches it
# only through the tunnel.  vps01 has a jail in a network namespace behind bastille0 (a veth
# standing in for the seed's bridge and one jail's epair).
#
# The two guests keep in step with barriers: each tells the other a word over IPv4 on the
# wire (busybox nc, port 9000), then waits for the other's.

PATH=/bin:/sbin:/usr/bin:/usr/sbin
export PATH
/bin/busybox mkdir -p /proc /sys /dev /run /tmp /usr/bin /usr/sbin /sbin
/bin/busybox mount -t proc proc /proc
/bin/busybox mount -t sysfs sysfs /sys
/bin/busybox mount -t devtmpfs devtmpfs /dev 2>/dev/null
/bin/busybox mount -t tmpfs tmpfs /run
/bin/busybox mount -t tmpfs tmpfs /tmp
/bin/busybox --install -s /bin
exec </dev/null >/dev/console 2>&1

# From the kernel's command line: lbgp_role=router|server, and lbgp_deadline=SECONDS, after
# which a guest that is still running stops testing and powers off.
role=
DEADLINE=150
for word in $(cat /proc/cmdline); do
        case $word in
        lbgp_role=*) role=${word#lbgp_role=} ;;
        lbgp_deadline=*) DEADLINE=${word#lbgp_deadline=} ;;
        esac
done
IP=/bin/iproute2
TOOL=/bin/lbgp-tunnel
CONF=/etc/lbgp-tunnel
kind=boot
passed=0
failed=0

say()
{
        echo "$role: $*"
}

uptime_s()
{
        cut -d. -f1 /proc/uptime
}

# result NAME PASS|FAIL DETAIL
result()
{
        echo "RESULT $kind.$role.$1 $2 $3"
        if [ "$2" = PASS ]; then
                passed=$((passed + 1))
        else
                failed=$((failed + 1))
        fi
}

# check NAME DETAIL CMD...: PASS when CMD succeeds.
check()
{
        local name=$1 detail=$2
        shift 2
        if "$@"; then
                result "$name" PASS "$detail"
        else
                result "$name" FAIL "$detail"
        fi
}

# Prints FILE, indented, under a header: for the reader of a failing run.
show()
{
        [ -s "$2" ] || return 0
        echo "---- $role: $1"
        sed 's/^/    | /' "$2"
}

finish()
{
        echo "DONE $role $passed passed, $failed failed"
        sync
        poweroff -f
        echo o >/proc/sysrq-trigger
        sleep 10
}

die()
{
        say "FATAL: $*"
        failed=$((failed + 1))
        finish
}

# must CMD...: the setup cannot go on without it.
must()
{
        "$@" || die "$*"
}

# ---- the modules ----------------------------------------------------------------------

while read -r mod; do
        insmod "/lib/modules/$mod.ko" || die "insmod $mod"
done </lib/modules/load-order

# ---- the base network, as each rc.conf leaves it before lbgp-tunnel -------------------

# Addresses usable at once (nobody else is on these links), no router solicitations; eth0
# was there before the defaults were set.
sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0 \
        net.ipv6.conf.all.router_solicitations=0 net.ipv6.conf.default.router_solicitations=0 \
        net.ipv6.conf.eth0.accept_dad=0 net.ipv6.conf.eth0.router_solicitations=0
must $IP link set lo up
must $IP link set eth0 name vtnet0
must $IP link set vtnet0 up
mkdir -p /run/netns

# netns NAME: a network namespace with its loopback up; commands run in it with in_ns.
netns()
{
        $IP netns add "$1" || die "netns $1"
        in_ns "$1" $IP link set lo up
        in_ns "$1" sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0
}

in_ns()
{
        local ns=$1
        shift
        nsenter --net="/run/netns/$ns" "$@"
}

case $role in
router)
        peer=203.0.113.10
        must $IP addr add 198.51.100.10/24 dev vtnet0
        must $IP route add 203.0.112.0/22 dev vtnet0
        must $IP -6 addr add 2001:db8:100::96/64 dev vtnet0 nodad
        must $IP -6 addr add fe80::1/64 dev vtnet0 nodad # vps01's ipv6_defaultrouter
        must $IP -6 route add 2001:db8:200::/68 dev vtnet0
        must $IP -6 route add 2001:db8:200:0:1000::/68 via 2001:db8:200::2 dev vtnet0
        # The provider's anti-spoofing filter: our prefix never comes in on vtnet0.
        must $IP -6 rule add from 2a06:9801:1c::/48 iif vtnet0 priority 100 blackhole
        # The internet, behind router01.
        must netns inet
        must $IP link add r-inet type veth peer name i0 netns /run/netns/inet
        must $IP link set r-inet up
        must $IP -6 addr add 2001:db8:ffff:1::1/64 dev r-inet nodad
        must in_ns inet $IP link set i0 up
        must in_ns inet $IP -6 addr add 2001:db8:ffff:1::100/64 dev i0 nodad
        must in_ns inet $IP -6 route add default via 2001:db8:ffff:1::1
        ;;
server)
        peer=198.51.100.10
        must $IP addr add 203.0.113.10/22 dev vtnet0
        must $IP route add 198.51.100.0/24 dev vtnet0
        must $IP -6 addr add 2001:db8:200::2/68 dev vtnet0 nodad
        must $IP -6 route add default via fe80::1 dev vtnet0
        # The jail bridge and a jail with an address from each space.
        must netns jail
        must $IP link add bastille0 type veth peer name j0 netns /run/netns/jail
        must $IP link set bastille0 up
        must $IP -6 addr add 2001:db8:200:0:1000::1/68 dev bastille0 nodad
        must in_ns jail $IP link set j0 up
        must in_ns jail $IP -6 addr add 2a06:9801:1c:1000::10/64 dev j0 nodad
        must in_ns jail $IP -6 addr add 2001:db8:200:0:1000::10/68 dev j0 nodad
        must in_ns jail $IP -6 route add default via 2a06:9801:1c:1000::1
        # A service on the host's address in our prefix and one in the jail.
        nc -ll -p 8000 -e echo pong-vps01 &
        in_ns jail nc -ll -p 8000 -e echo pong-jail &
        ;;
*)
        die "no lbgp_role=router|server on the command line"
        ;;
esac
sysctl -qw net.ipv6.conf.all.forwarding=1 net.ipv4.ip_forward=1
# Nothing tentative left for the first snapshot to catch in passing.
waited=0
while [ -n "$($IP -6 addr show tentative)" ] && [ "$waited" -lt 50 ]; do
        sleep 0.1
        waited=$((waited + 1))
done

# ---- barriers -------------------------------------------------------------------------

cat >/bin/mailbox <<'EOF'
#!/bin/sh
read -r word && echo "$word" >>/run/inbox
EOF
chmod +x /bin/mailbox
: >/run/inbox
nc -ll -p 9000 -e /bin/mailbox &

# barrier WORD: tells the peer, then waits for the peer to say the same.
barrier()
{
        local word=$1
        while ! echo "$word" | nc -w 2 "$peer" 9000 2>/dev/null; do
                [ "$(uptime_s)" -lt "$DEADLINE" ] || die "barrier $word: the peer does not listen"
                sleep 0.2
        done
        while ! grep -qx "$word" /run/inbox; do
                [ "$(uptime_s)" -lt "$DEADLINE" ] || die "barrier $word: the peer never came"
                sleep 0.1
        done
}

# ---- what each check looks at ---------------------------------------------------------

# The kernel state lbgp-tunnel may touch, for before/after comparisons.
snapshot()
{
        {
                $IP -6 rule show
                $IP -6 route show table all
                $IP -6 addr show
                $IP -4 addr show
                $IP -4 route show table all
                $IP -d link show
        } >"$1" 2>&1
}

# tunnel ARGS...: runs lbgp-tunnel; its output in /run/out and /run/err, status in $status.
tunnel()
{
        $TOOL "$@" >/run/out 2>/run/err
        status=$?
}

# Shows what the last lbgp-tunnel run said.
tunnel_said()
{
        show "lbgp-tunnel $1: exit $status, stdout" /run/out
        show "lbgp-tunnel $1: stderr" /run/err
}

# said TEXT: lbgp-tunnel's last run exited 0 and printed exactly TEXT.
said()
{
        [ "$status" -eq 0 ] && [ "$(cat /run/out)" = "$1" ]
}

# said_last TEXT: ... and TEXT is the last line of what it printed.
said_last()
{
        [ "$status" -eq 0 ] && [ "$(tail -n 1 /run/out)" = "$1" ]
}

# snmp6 IF COUNTER: one of the IPv6 counters of interface IF.  Icmp6OutEchos counts the
# echo requests this host sent out of it, Ip6OutForwDatagrams the packets it forwarded out
# of it: unlike the link's packet counters, neither counts the kernel's own MLD reports.
snmp6()
{
        awk -v c="$2" '$1 == c { print $2 }' "/proc/net/dev_snmp6/$1" 2>/dev/null
}

# count_from, count_to: the echo requests and forwarded packets out of the tunnel ($link)
# and out of vtnet0 between the two, in $d_echo_link, $d_fwd_link, $d_echo_wire, $d_fwd_wire.
count_from()
{
        c_echo_link=$(snmp6 "$link" Icmp6OutEchos)
        c_fwd_link=$(snmp6 "$link" Ip6OutForwDatagrams)
        c_echo_wire=$(snmp6 vtnet0 Icmp6OutEchos)
        c_fwd_wire=$(snmp6 vtnet0 Ip6OutForwDatagrams)
}

count_to()
{
        d_echo_link=$(($(snmp6 "$link" Icmp6OutEchos) - c_echo_link))
        d_fwd_link=$(($(snmp6 "$link" Ip6OutForwDatagrams) - c_fwd_link))
        d_echo_wire=$(($(snmp6 vtnet0 Icmp6OutEchos) - c_echo_wire))
        d_fwd_wire=$(($(snmp6 vtnet0 Ip6OutForwDatagrams) - c_fwd_wire))
}

# The unicast IPv6 packets that came in by IF (not the far end's MLD reports).
unicast_in()
{
        echo $(($(snmp6 "$1" Ip6InReceives) - $(snmp6 "$1" Ip6InMcastPkts)))
}

# pings [NS] SRC DST: three echo requests from SRC to DST, all answered.
pings()
{
        local run=
        if [ $# -eq 3 ]; then
                run="in_ns $1"
                shift
        fi
        $run ping -c 3 -i 0.2 -w 6 -I "$1" "$2" >/run/ping 2>&1
        grep -q ' 3 packets received' /run/ping || {
                show "ping from $1 to $2" /run/ping
                return 1
        }
}

# answered STATUS: how pings went.
answered()
{
        [ "$1" -eq 0 ] && echo "all answered" || echo "NOT all answered"
}

# connect DST: from the internet, a TCP connection to DST port 8000; prints what it said.
connect()
{
        echo hello | in_ns inet nc -w 3 "$1" 8000 2>&1
}

# ---- one kind of tunnel ---------------------------------------------------------------

# The link as the kernel made it: its kind, outer addresses, key and MTU (ip -d link).
link_expect()
{
        local here=$1 there=$2
        case $kind in
        sit) echo "mtu 1480 .*sit ip6ip remote $there local $here ttl 64 pmtudisc" ;;
        gre) echo "mtu 1472 .*gre remote $there local $here ttl 64 .*ikey 0.0.0.42 okey 0.0.0.42" ;;
        ip6gre) echo "mtu 1456 .*ip6gre remote $there local $here hoplimit 64 encaplimit none" ;;
        esac
}

test_kind()
{
        local conf=$CONF/$kind-$role.conf n here there rx said_by ok
        link=$(sed -n 's/^tunnel \([^ ]*\).*/\1/p' "$conf" | head -n 1)
        n=$($TOOL plan "$conf" | wc -l)
        here=$(sed -n 's/^local \([^ ]*\).*/\1/p' "$conf")
        there=$(sed -n 's/^remote \([^ ]*\).*/\1/p' "$conf")
        say "---- $kind: $link, $n objects ($conf)"
        snapshot /run/before

        # apply, and apply again.
        tunnel apply "$conf"
        tunnel_said apply
        check apply "$n changes made" said_last "$link: $n changes made, 0 objects already in place"
        $IP -d link show "$link" >/run/link 2>&1
        show "ip -d link show $link" /run/link
        check link "the kernel's $kind link: $(link_expect "$here" "$there")" \
                eval 'tr "\n" " " </run/link | grep -q "$(link_expect "$here" "$there")"'
        snapshot /run/applied
        tunnel apply "$conf"
        tunnel_said "apply again"
        snapshot /run/again
        check apply-again "lbgp-tunnel says nothing to do, and ip shows no change" \
                eval 'said "$link: nothing to do: all $n objects in place" &&
                        diff /run/applied /run/again >/run/diff'
        show "the second apply changed" /run/diff

        # A change behind lbgp-tunnel's back, MTU and TTL: apply changes the link back (the
        # kernel's changelink), and a third apply finds it as planned.
        if [ "$role" = router ]; then
                # In this order: a change of ip6gre's parameters without an MTU recomputes it.
                $IP link set "$link" type "$kind" "$([ "$kind" = ip6gre ] && echo hoplimit || echo ttl)" 32
                $IP link set "$link" mtu 1400
                $IP -d link show "$link" >/run/link
                show "changed by hand" /run/link
                tunnel apply "$conf"
                tunnel_said "apply after ip link set"
                ok=0
                said_last "$link: 1 change made, $((n - 1)) objects already in place" || ok=1
                $IP -d link show "$link" >/run/link
                tr "\n" " " </run/link | grep -q "$(link_expect "$here" "$there")" || {
                        show "the link after apply" /run/link
                        ok=1
                }
                tunnel apply "$conf"
                tunnel_said "apply again after ip link set"
                said "$link: nothing to do: all $n objects in place" || ok=1
                check link-drift "mtu 1400 and ttl 32 set by hand: apply changes them back, then nothing to do" \
                        [ "$ok" -eq 0 ]
        fi

        barrier "$kind-up"
        if [ "$role" = server ]; then
                # From our prefix: the rule sends it into table 1, whose default is the tunnel.
                count_from
                pings 2a06:9801:1c:1000::1 2001:db8:ffff:1::100
                ok=$?
                count_to
                check ping-prefix "from vps01's 2a06:9801:1c:1000::1: $(answered $ok); echo requests out of $link +$d_echo_link, vtnet0 +$d_echo_wire" \
                        eval '[ $ok -eq 0 ] && [ "$d_echo_link" -eq 3 ] && [ "$d_echo_wire" -eq 0 ]'
                count_from
                pings jail 2a06:9801:1c:1000::10 2001:db8:ffff:1::100
                ok=$?
                count_to
                check ping-jail "from the jail's 2a06:9801:1c:1000::10: $(answered $ok); forwarded out of $link +$d_fwd_link, vtnet0 +$d_fwd_wire" \
                        eval '[ $ok -eq 0 ] && [ "$d_fwd_link" -ge 3 ] && [ "$d_fwd_wire" -eq 0 ]'
                # From the provider's addresses: the main table, never the tunnel.
                count_from
                pings 2001:db8:200::2 2001:db8:ffff:1::100 &&
                        pings jail 2001:db8:200:0:1000::10 2001:db8:ffff:1::100
                ok=$?
                count_to
                check provider-direct "from 2001:db8:200::2 and the jail's 2001:db8:200:0:1000::10: $(answered $ok); out of $link: echo requests +$d_echo_link, forwarded +$d_fwd_link; out of vtnet0: +$d_echo_wire, +$d_fwd_wire" \
                        eval '[ $ok -eq 0 ] && [ "$d_echo_link" -eq 0 ] && [ "$d_fwd_link" -eq 0 ] &&
                                [ "$d_echo_wire" -eq 3 ] && [ "$d_fwd_wire" -ge 3 ]'
        fi
        barrier "$kind-pinged"
        if [ "$role" = router ]; then
                # reply-to: connections from the internet to vps01 and to its jail come in
                # over the tunnel; their replies come from our prefix and may only come back
                # through it (vtnet0 drops our prefix).
                rx=$(unicast_in "$link")
                said_by=$(connect 2a06:9801:1c:1000::1)
                rx=$(($(unicast_in "$link") - rx))
                check reply-to "a connection to vps01's 2a06:9801:1c:1000::1: \"${said_by:-nothing}\", $rx unicast packets in by $link" \
                        eval '[ "$said_by" = pong-vps01 ] && [ "$rx" -ge 3 ]'
                rx=$(unicast_in "$link")
                said_by=$(connect 2a06:9801:1c:1000::10)
                rx=$(($(unicast_in "$link") - rx))
                check reply-to-jail "a connection to the jail's 2a06:9801:1c:1000::10: \"${said_by:-nothing}\", $rx unicast packets in by $link" \
                        eval '[ "$said_by" = pong-jail ] && [ "$rx" -ge 3 ]'
        fi
        # The control: without vps01's rule the same replies leave by the main table and are
        # dropped; apply puts the rule back, alone.
        barrier "$kind-replied"
        if [ "$role" = server ]; then
                $IP -6 rule del from 2a06:9801:1c::/48 table 1 priority 1000 ||
                        result rule-deleted FAIL "cannot delete the rule"
        fi
        barrier "$kind-norule"
        if [ "$role" = router ]; then
                said_by=$(connect 2a06:9801:1c:1000::1)
                check control-norule "without vps01's rule no answer comes back: \"${said_by:-nothing}\"" \
                        eval '[ "$said_by" != pong-vps01 ]'
        fi
        barrier "$kind-tried"
        if [ "$role" = server ]; then
                tunnel apply "$conf"
                tunnel_said "apply after the rule was deleted"
                check restore "apply puts the rule back alone" \
                        said_last "$link: 1 change made, $((n - 1)) objects already in place"
        fi
        barrier "$kind-restored"
        if [ "$role" = router ]; then
                said_by=$(connect 2a06:9801:1c:1000::1)
                check reply-restored "with the rule back, answered again: \"${said_by:-nothing}\"" \
                        eval '[ "$said_by" = pong-vps01 ]'
        fi
        barrier "$kind-done"

        # down, down again, and the kernel as it was.
        tunnel down "$conf"
        tunnel_said down
        check down "$n objects removed" said_last "$link: $n objects removed"
        tunnel down "$conf"
        tunnel_said "down again"
        check down-again "nothing of lbgp-tunnel's left" \
                said "$link: nothing to do: nothing of lbgp-tunnel's in place"
        snapshot /run/after
        diff /run/before /run/after >/run/diff
        check as-before "ip rule, route, addr and link as before apply" [ $? -eq 0 ]
        show "down left the kernel changed" /run/diff
}

say "up in $(cat /proc/uptime | cut -d' ' -f1) s: $(uname -r), lbgp-tunnel $(ls -l $TOOL | awk '{print $5}') octets"
for kind in $(cat $CONF/kinds); do
        test_kind
        [ "$(uptime_s)" -lt "$DEADLINE" ] || die "out of time after $kind"
done
kind=all
finish
