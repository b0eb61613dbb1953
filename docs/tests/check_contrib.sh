#!/bin/sh
# check_contrib.sh CONTRIB_DIR LBGPD MAN_DIR - the files for service managers.
#
#   - contrib/freebsd/rc.d/lbgpd parses as sh (sh -n), and shellcheck (when installed)
#     finds nothing but what every rc.d script has (variables read by rc.subr);
#   - contrib/systemd/lbgpd.service passes "systemd-analyze verify" when systemd-analyze
#     is installed (skipped otherwise): the unit is checked with /usr/sbin/lbgpd replaced
#     by LBGPD, the lbgpd just built, and with MAN_DIR's pages as the manual, so that its
#     Documentation= lines must name pages we ship.  Any message is a failure: systemd
#     only warns about an unknown or misspelt setting.
# Exits 0 when all holds, 1 otherwise.
set -u
contrib=${1:?usage: check_contrib.sh CONTRIB_DIR LBGPD MAN_DIR}
lbgpd=${2:?usage: check_contrib.sh CONTRIB_DIR LBGPD MAN_DIR}
mandir=${3:?usage: check_contrib.sh CONTRIB_DIR LBGPD MAN_DIR}
rcd=$contrib/freebsd/rc.d/lbgpd
unit=$contrib/systemd/lbgpd.service
failed=0

fail()
{
        echo "FAIL: $*" >&2
        failed=1
}

# ---- the rc.d script ---------------------------------------------------------------------
if [ ! -r "$rcd" ]; then
        fail "no $rcd"
elif ! sh -n "$rcd"; then
        fail "sh -n $rcd"
else
        echo "sh -n $rcd: ok"
        for want in 'lbgpd_enable' 'lbgpd_config' 'extra_commands="reload configtest"' \
                '-n -f "${lbgpd_config}"'; do
                grep -qF -- "$want" "$rcd" || fail "$rcd lacks $want"
        done
fi
if [ -r "$rcd" ] && command -v shellcheck >/dev/null 2>&1; then
        # SC1091: /etc/rc.subr is FreeBSD's; SC2034: variables that rc.subr reads.
        if shellcheck -s sh -e SC1091,SC2034 "$rcd"; then
                echo "shellcheck $rcd: ok"
        else
                fail "shellcheck $rcd"
        fi
fi

# ---- the systemd unit --------------------------------------------------------------------
if [ ! -r "$unit" ]; then
        fail "no $unit"
elif ! command -v systemd-analyze >/dev/null 2>&1; then
        echo "SKIP: systemd-analyze is not installed; $unit not verified"
else
        tmp=$(mktemp -d) || exit 1
        trap 'rm -rf "$tmp"' EXIT
        mkdir -p "$tmp/man/man5" "$tmp/man/man8"
        cp "$mandir"/*.5 "$tmp/man/man5/" && cp "$mandir"/*.8 "$tmp/man/man8/" ||
                fail "cannot copy the man pages from $mandir"
        grep -q '^ExecStart=/usr/sbin/lbgpd ' "$unit" || fail "$unit does not run /usr/sbin/lbgpd"
        sed "s#/usr/sbin/lbgpd#$lbgpd#g" "$unit" >"$tmp/lbgpd.service"
        out=$(MANPATH="$tmp/man" systemd-analyze verify "$tmp/lbgpd.service" 2>&1)
        rc=$?
        if [ "$rc" -ne 0 ] || [ -n "$out" ]; then
                printf '%s\n' "$out" >&2
                fail "systemd-analyze verify $unit: exit $rc"
        else
                echo "systemd-analyze verify $unit: ok"
        fi
        for want in '^ExecReload=.*lbgpd -n -f ' '^ExecReload=/bin/kill -HUP \$MAINPID$' \
                '^RuntimeDirectory=lbgpd$' '^Type=simple$' \
                '^ExecStart=.* -s /run/lbgpd/lbgpd.sock$'; do
                grep -q -- "$want" "$unit" || fail "$unit has no line matching $want"
        done
fi
exit "$failed"
