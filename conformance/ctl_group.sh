#!/bin/bash
# ctl_group.sh LBGPD LBGPCTL - who may use lbgpd's control sockets, with and without -g.
#
# lbgpd runs (no neighbor needed) in a namespace of ours; lbgpctl runs as the unprivileged
# user nobody (setpriv), once in the group given to `lbgpd -g` (a number no user has, so
# nothing on the host is borrowed) and once outside it.  Asserted:
#   1. with -g GID: SOCKET is root's, mode 0660; SOCKET.ro has group GID, mode 0660;
#   2. a member of GID may `show` on SOCKET.ro, may not `reload` there (the server says
#      "% Permission denied"), and cannot open SOCKET; a non-member cannot open SOCKET.ro;
#   3. without -g, SOCKET.ro is 0666 and the non-member may `show` (the old behaviour);
#   4. -g with a group that does not exist stops lbgpd at once (exit 2, with the reason).
#
# Exits 0 on success, 1 on failure, 77 when the host cannot create namespaces.
set -u

here=$(cd "$(dirname "$0")" && pwd)
lbgpd=${1:?usage: ctl_group.sh LBGPD LBGPCTL}
lbgpctl=${2:?usage: ctl_group.sh LBGPD LBGPCTL}
LBGP_DEADLINE=${LBGP_DEADLINE:-60}
. "$here/lib.sh"

lbgp_init ctl_group
lbgp_require "$lbgpd" "$lbgpctl" setpriv stat
failed=0
GID=4242
NOBODY=65534
getent group "$GID" >/dev/null && lbgp_skip "gid $GID exists here; this test needs an unused one"

check_failed()
{
        lbgp_log "FAILED: $*"
        failed=1
}

lbgp_ns_add router
rdir=$(lbgp_dir router)
# nobody must reach the sockets: the directories on the way may be crossed, not listed.
chmod 0711 "$LBGP_TMP" "$rdir"
cp "$lbgpctl" "$rdir/lbgpctl" && chmod 0755 "$rdir/lbgpctl"
cat >"$rdir/frr.conf" <<EOF
hostname router
router bgp 65001
 bgp router-id 192.0.2.1
EOF

# as_member|as_other SOCKET COMMAND...: lbgpctl as nobody, in group GID or not.
as_member()
{
        setpriv --reuid="$NOBODY" --regid="$GID" --clear-groups "$rdir/lbgpctl" -s "$@"
}
as_other()
{
        setpriv --reuid="$NOBODY" --regid="$NOBODY" --clear-groups "$rdir/lbgpctl" -s "$@"
}

# run_lbgpd NAME ARGS...: lbgpd with its control socket at $rdir/NAME.sock.
run_lbgpd()
{
        local name=$1
        shift
        lbgp_bg router "$rdir/$name.log" "$lbgpd" -f "$rdir/frr.conf" -s "$rdir/$name.sock" "$@"
        lbgpd_pid=$LBGP_BG_PID
        lbgp_wait 10 "lbgpd's read-only socket" test -S "$rdir/$name.sock.ro" || {
                lbgp_show "lbgpd" "$rdir/$name.log"
                lbgp_fail "lbgpd $* made no control socket"
        }
}

stop_lbgpd()
{
        kill -TERM "$lbgpd_pid"
        lbgp_wait_exit "$lbgpd_pid" 15 || check_failed "lbgpd did not exit on SIGTERM"
        [ "$LBGP_STATUS" = 0 ] || check_failed "lbgpd exited $LBGP_STATUS"
}

# ---- 1, 2: -g GID ----------------------------------------------------------------------
run_lbgpd grp -g "$GID"
sock=$rdir/grp.sock
got=$(stat -c '%a %u %g' "$sock" "$sock.ro" | tr '\n' ' ')
[ "$got" = "660 0 0 660 0 $GID " ] ||
        check_failed "with -g $GID: modes and owners [$got], want [660 0 0 660 0 $GID]"
lbgp_log "with -g $GID: SOCKET and SOCKET.ro are (mode uid gid) [$got]"
if out=$(as_member "$sock.ro" show bgp summary 2>&1); then
        lbgp_log "a member of $GID may show on SOCKET.ro"
else
        check_failed "a member of $GID cannot show on SOCKET.ro: $out"
fi
if out=$(as_member "$sock.ro" reload 2>&1); then
        check_failed "SOCKET.ro accepted reload from a member: $out"
else
        echo "$out" | grep -q "^% Permission denied" ||
                check_failed "SOCKET.ro refused reload without saying why: $out"
fi
if out=$(as_member "$sock.ro" show running-config 2>&1); then
        check_failed "SOCKET.ro showed the running configuration (passwords) to a member"
fi
if out=$(as_member "$sock" show bgp summary 2>&1); then
        check_failed "a member of $GID opened the full socket"
else
        lbgp_log "the full socket refuses a member of $GID: $out"
fi
if out=$(as_other "$sock.ro" show bgp summary 2>&1); then
        check_failed "nobody outside $GID may show on SOCKET.ro"
else
        echo "$out" | grep -q "Permission denied" ||
                check_failed "outside $GID: not refused for permissions: $out"
        lbgp_log "outside $GID: $out"
fi
stop_lbgpd

# ---- 3: without -g -----------------------------------------------------------------------
run_lbgpd open
sock=$rdir/open.sock
got=$(stat -c '%a %g' "$sock.ro")
[ "$got" = "666 0" ] || check_failed "without -g, SOCKET.ro is [$got], want [666 0]"
as_other "$sock.ro" show bgp summary >/dev/null 2>&1 ||
        check_failed "without -g anyone may show on SOCKET.ro, but nobody could not"
as_other "$sock" show bgp summary >/dev/null 2>&1 &&
        check_failed "without -g nobody opened the full socket"
stop_lbgpd

# ---- 4: a group that does not exist ----------------------------------------------------
out=$(lbgp_in router "$lbgpd" -f "$rdir/frr.conf" -s "$rdir/none.sock" -g lbgp-no-such-group 2>&1)
status=$?
[ "$status" = 2 ] || check_failed "-g with an unknown group exited $status, not 2"
echo "$out" | grep -q "lbgp-no-such-group: no such group" ||
        check_failed "-g with an unknown group did not say why: $out"
[ -e "$rdir/none.sock" ] && check_failed "-g with an unknown group made a socket"

[ "$failed" = 0 ] || lbgp_fail "see the FAILED lines above"
lbgp_log "PASS"
