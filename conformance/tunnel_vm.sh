#!/bin/bash
# tunnel_vm.sh LBGP_TUNNEL EXAMPLES - lbgp-tunnel in real kernels: the seed's two ends of the
# 6in4 tunnel between router01 and vps01, then the same over GRE (with a key) and ip6gre,
# applied by lbgp-tunnel in two QEMU guests that run Debian's cloud kernel, whose sit, gre
# and ip6gre modules the host's kernel does not have.
#
# Each guest (vm/guest.sh is its /init) applies its end, applies again, and, with the other
# guest in step, asserts that traffic from our prefix reaches router01 through the tunnel,
# that traffic from the provider's addresses does not enter it, that the replies to
# connections that came in over the tunnel leave over it (and, as a control, do not without
# vps01's rule), then takes its end down and compares the kernel with what it was before.
# The guests print "RESULT NAME PASS|FAIL DETAIL" lines on their serial consoles and power
# off; this script checks that every expected result is there and passed.
#
# The kernel is Debian's linux-image-cloud-amd64, fetched with apt-get download into a cache
# ($LBGP_VM_CACHE, default ~/.cache/lbgp-tunnel-vm) and unpacked with dpkg-deb, never
# installed.  The guests run under TCG (-accel tcg): KVM does not start a stock kernel on
# these machines.  They are joined by a datagram socket pair in this test's own temporary
# directory, and have no other network: nothing leaves them.
#
# The guests run the lbgp-tunnel given, as built (with CI's BGP_SANITIZE, AddressSanitizer
# and UBSan watch it parse the real kernel's answers), with the shared libraries ldd names.
#
# LBGP_VM_CONSOLES=1 prints both consoles even when everything passed.
#
# Exits 77 (skipped) only when Debian's archive cannot be reached and no kernel is cached.
set -u
. "$(dirname "$0")/lib.sh"
LBGP_TEST=tunnel_vm
# lib.sh's watchdog: the whole test, download and boots included.
LBGP_DEADLINE=${LBGP_VM_DEADLINE:-280}
# Seconds each guest may run; the guests give up by themselves 30 s before.
VM_TIMEOUT=${LBGP_VM_TIMEOUT:-200}
VM_CACHE=${LBGP_VM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/lbgp-tunnel-vm}
KINDS=${LBGP_VM_KINDS:-sit gre ip6gre}

tool=${1:?usage: tunnel_vm.sh LBGP_TUNNEL EXAMPLES}
examples=${2:?usage: tunnel_vm.sh LBGP_TUNNEL EXAMPLES}
here=$(cd "$(dirname "$0")" && pwd)
tool=$(realpath "$tool")

VM_PIDS=""
vm_exit()
{
        local status=$? pid
        trap - EXIT INT TERM
        [ -n "$LBGP_WATCHDOG" ] && kill "$LBGP_WATCHDOG" 2>/dev/null
        for pid in $VM_PIDS; do
                kill "$pid" 2>/dev/null
        done
        for pid in $VM_PIDS; do
                wait "$pid" 2>/dev/null
        done
        if [ -n "$LBGP_TMP" ] && [ -d "$LBGP_TMP" ]; then
                if [ "$status" -ne 0 ] && [ "$status" -ne 77 ] && [ -n "${LBGP_KEEP_LOGS:-}" ]; then
                        lbgp_log "logs kept in $LBGP_TMP"
                else
                        rm -rf "$LBGP_TMP"
                fi
        fi
        exit "$status"
}
trap vm_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
LBGP_TMP=$(mktemp -d "${TMPDIR:-/tmp}/lbgp-vm-$$.XXXXXX") || lbgp_fail "mktemp"
lbgp_watchdog
start=$(lbgp_now)

lbgp_require "$tool" qemu-system-x86_64 busybox cpio gzip dpkg-deb apt-get ldd ip realpath
[ -r "$examples/router01-vps01.conf" ] && [ -r "$examples/vps01.conf" ] ||
        lbgp_fail "no router01-vps01.conf and vps01.conf in $examples"
# The guest's busybox must run without libraries: busybox-static's.
busybox=$(command -v busybox)
ldd "$busybox" >/dev/null 2>&1 && lbgp_fail "$busybox is not static: install busybox-static"

# ---- the kernel -------------------------------------------------------------------------

# apt_download DIR PACKAGE...: into DIR; apt's words in $LBGP_TMP/apt.log.
apt_download()
{
        local dir=$1
        shift
        (cd "$dir" && timeout 120 apt-get download "$@") >>"$LBGP_TMP/apt.log" 2>&1
}

# Asks the archive which kernel linux-image-cloud-amd64 stands for today and makes sure it
# is unpacked in the cache: sets $kroot.  Returns 1 when apt-get could not download.
fetch_current()
{
        local dl=$LBGP_TMP/download meta depends name version deb
        rm -rf "$dl"
        mkdir -p "$dl"
        apt_download "$dl" linux-image-cloud-amd64 || return 1
        meta=$(ls "$dl"/linux-image-cloud-amd64_*.deb) || lbgp_fail "apt-get download left no .deb"
        # "linux-image-6.1.0-56-cloud-amd64 (= 6.1.192-2)": the kernel of this release.
        depends=$(dpkg-deb -f "$meta" Depends)
        name=$(echo "$depends" | sed -n 's/^\(linux-image-[^ ,]*\) (= \([^)]*\)).*/\1/p')
        version=$(echo "$depends" | sed -n 's/^\(linux-image-[^ ,]*\) (= \([^)]*\)).*/\2/p')
        [ -n "$name" ] && [ -n "$version" ] || lbgp_fail "$meta depends on '$depends'"
        kroot=$VM_CACHE/$name-$version
        [ -e "$kroot/.unpacked" ] && return 0
        apt_download "$dl" "$name=$version" || return 1
        deb=$(ls "$dl/${name}_"*.deb) || lbgp_fail "no $name .deb after apt-get download"
        lbgp_log "unpacking $(basename "$deb") into $VM_CACHE"
        mkdir -p "$VM_CACHE" || lbgp_fail "cannot make the cache $VM_CACHE"
        rm -rf "$kroot.tmp$$"
        dpkg-deb -x "$deb" "$kroot.tmp$$" || lbgp_fail "dpkg-deb -x $deb"
        touch "$kroot.tmp$$/.unpacked"
        rm -rf "$kroot"
        mv "$kroot.tmp$$" "$kroot" || lbgp_fail "cannot move the kernel into $kroot"
        # One kernel in the cache: the others go.
        find "$VM_CACHE" -mindepth 1 -maxdepth 1 -name 'linux-image-*' ! -path "$kroot" \
                -exec rm -rf {} +
        rm -rf "$dl"
}

# fetch_current, reading apt's lists again when that fails (missing, or older than the
# archive, which has dropped the kernel they name).  Then the cached kernel, if any; then a
# skip when the archive cannot be reached (apt-get update fails), a failure when it can.
fetch_kernel()
{
        local reached=1
        fetch_current && return 0
        lbgp_log "apt-get download failed: apt-get update, then again"
        if timeout 180 apt-get update >>"$LBGP_TMP/apt.log" 2>&1; then
                fetch_current && return 0
        else
                reached=0
        fi
        lbgp_show "apt-get" "$LBGP_TMP/apt.log" 15
        kroot=$(ls -d "$VM_CACHE"/linux-image-*/ 2>/dev/null | tail -n 1)
        kroot=${kroot%/}
        if [ -n "$kroot" ] && [ -e "$kroot/.unpacked" ]; then
                lbgp_log "no kernel from the archive: using the cached $(basename "$kroot")"
                return 0
        fi
        [ "$reached" -eq 1 ] ||
                lbgp_skip "Debian's archive cannot be reached (apt-get update failed, see above), and no kernel is cached in $VM_CACHE"
        lbgp_fail "apt-get update worked but apt-get download linux-image-cloud-amd64 did not (see above)"
}

fetch_kernel
kver=$(ls "$kroot/lib/modules" 2>/dev/null | head -n 1)
vmlinuz=$kroot/boot/vmlinuz-$kver
[ -n "$kver" ] && [ -r "$vmlinuz" ] || lbgp_fail "no kernel in $kroot"
lbgp_log "kernel $kver ($(basename "$kroot")), $(($(lbgp_now) - start)) s"

# ---- the modules, in the order their dependencies need ---------------------------------

# The package has no modules.dep (depmod makes it on install): each module's own
# "depends=" field of .modinfo gives its dependencies, loaded first, depth first.
declare -A mod_path mod_seen
while read -r path; do
        m=${path##*/}
        m=${m%.ko}
        mod_path[${m//-/_}]=$path
done < <(find "$kroot/lib/modules/$kver/kernel" -name '*.ko')
load_order=()
mod_add()
{
        local m=$1 deps d
        [ -n "${mod_seen[$m]:-}" ] && return 0
        mod_seen[$m]=1
        [ -n "${mod_path[$m]:-}" ] || lbgp_fail "no module $m in $kver"
        deps=$(tr '\0' '\n' <"${mod_path[$m]}" | sed -n 's/^depends=//p' | head -n 1)
        for d in ${deps//,/ }; do
                mod_add "$d"
        done
        load_order+=("$m")
}
# virtio_pci and virtio_net for the wire (virtio_ring before virtio, as their dependencies
# say); sit, ip_gre, ip6_gre for the tunnels (tunnel4, ip_tunnel, gre, ip6_tunnel, tunnel6
# come with them); veth for the internet's and the jail's namespaces.
for m in virtio_pci virtio_net sit ip_gre ip6_gre veth; do
        mod_add "$m"
done

# ---- the initramfs ----------------------------------------------------------------------

root=$LBGP_TMP/initramfs
mkdir -p "$root"/{bin,lib/modules,etc/lbgp-tunnel,proc,sys,dev,run,tmp}

# put_binary SRC DEST: SRC at DEST in the initramfs, with the libraries ldd says it needs at
# the same paths as here.
put_binary()
{
        local lib
        cp "$1" "$root$2" || lbgp_fail "cannot copy $1"
        for lib in $(ldd "$1" 2>/dev/null | grep -o '/[^ ]*'); do
                [ -e "$root$lib" ] && continue
                mkdir -p "$root$(dirname "$lib")"
                cp -L "$lib" "$root$lib" || lbgp_fail "cannot copy $lib"
        done
}
cp "$busybox" "$root/bin/busybox"
ln -s busybox "$root/bin/sh"
put_binary "$(command -v ip)" /bin/iproute2
put_binary "$tool" /bin/lbgp-tunnel
cp "$here/vm/guest.sh" "$root/init" && chmod 755 "$root/init"
for m in "${load_order[@]}"; do
        cp "${mod_path[$m]}" "$root/lib/modules/$m.ko"
        echo "$m"
done >"$root/lib/modules/load-order"

# The seed's two ends as they are for sit: the guests name their interfaces as the seed
# does (vtnet0 renamed from eth0, bastille0 made for the jail), so no line needs changing.
# For gre and ip6gre the same files with the link's name and kind, a GRE key, and for
# ip6gre the seed's IPv6 provider addresses as the outer ones.  Not gre0 or ip6gre0: the
# modules make fallback devices of those names.
conf=$root/etc/lbgp-tunnel
cp "$examples/router01-vps01.conf" "$conf/sit-router.conf"
cp "$examples/vps01.conf" "$conf/sit-server.conf"
for end in router server; do
        sed -e 's/^tunnel gif0/tunnel gre1/' -e 's/^kind sit.*/kind gre\nkey 42/' \
                "$conf/sit-$end.conf" >"$conf/gre-$end.conf"
        sed -e 's/^tunnel gif0/tunnel ip6gre1/' -e 's/^kind sit.*/kind ip6gre/' \
                -e '/^\(local\|remote\) /s/198\.51\.100\.10/2001:db8:100::96/' \
                -e '/^\(local\|remote\) /s/203\.0\.113\.10/2001:db8:200::2/' \
                "$conf/sit-$end.conf" >"$conf/ip6gre-$end.conf"
done
echo "$KINDS" >"$conf/kinds"
for kind in $KINDS; do
        for end in router server; do
                "$tool" check "$conf/$kind-$end.conf" >"$LBGP_TMP/check.out" 2>&1 || {
                        lbgp_show check "$LBGP_TMP/check.out"
                        lbgp_fail "$kind-$end.conf does not check"
                }
        done
done

(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) >"$LBGP_TMP/initrd.gz" ||
        lbgp_fail "cannot make the initramfs"
lbgp_log "initramfs: $(du -k "$LBGP_TMP/initrd.gz" | cut -f1) KiB, modules: ${load_order[*]}, $(($(lbgp_now) - start)) s"

# ---- the guests -------------------------------------------------------------------------

# boot ROLE MAC: one guest, its console in $LBGP_TMP/ROLE.console; pid added to VM_PIDS.
# The wire is a pair of Unix datagram sockets: each guest binds its own and sends to the
# other's, so neither has to start first.
boot()
{
        local role=$1 mac=$2 other
        other=$([ "$role" = router ] && echo server || echo router)
        timeout -k 5 "$VM_TIMEOUT" qemu-system-x86_64 -accel tcg -m 384 -smp 1 \
                -nodefaults -no-user-config -display none -no-reboot \
                -kernel "$vmlinuz" -initrd "$LBGP_TMP/initrd.gz" \
                -append "console=ttyS0 loglevel=3 panic=-1 lbgp_role=$role lbgp_deadline=$((VM_TIMEOUT - 30))" \
                -serial "file:$LBGP_TMP/$role.console" \
                -netdev "dgram,id=wire,local.type=unix,local.path=$LBGP_TMP/$role.sock,remote.type=unix,remote.path=$LBGP_TMP/$other.sock" \
                -device "virtio-net-pci,netdev=wire,mac=$mac" \
                >"$LBGP_TMP/$role.qemu" 2>&1 &
        VM_PIDS="$VM_PIDS $!"
        eval "${role}_pid=$!"
}

boot=$(lbgp_now)
boot router 52:54:00:00:53:01
boot server 52:54:00:00:53:02
status=0
for role in router server; do
        pid_var=${role}_pid
        wait "${!pid_var}"
        rc=$?
        if [ "$rc" -ne 0 ]; then
                lbgp_show "qemu ($role)" "$LBGP_TMP/$role.qemu"
                lbgp_log "$role: qemu exited $rc$([ "$rc" -eq 124 ] && echo ": timed out after ${VM_TIMEOUT}s")"
                status=1
        fi
done
VM_PIDS=""
# The console ends its lines with CR LF.
for role in router server; do
        tr -d '\r' <"$LBGP_TMP/$role.console" >"$LBGP_TMP/$role.tmp" &&
                mv "$LBGP_TMP/$role.tmp" "$LBGP_TMP/$role.console"
done
lbgp_log "guests ran $(($(lbgp_now) - boot)) s"

# ---- the results ------------------------------------------------------------------------

checks=0
fails=0
expect()
{
        local name=$1 line
        checks=$((checks + 1))
        line=$(grep -a "^RESULT $name " "$LBGP_TMP"/*.console | head -n 1)
        line=${line#*:}
        case $line in
        "RESULT $name PASS "*)
                lbgp_log "ok: ${line#RESULT }"
                ;;
        "")
                lbgp_log "FAIL: $name: no result"
                fails=$((fails + 1))
                ;;
        *)
                lbgp_log "FAIL: ${line#RESULT }"
                fails=$((fails + 1))
                ;;
        esac
}

for kind in $KINDS; do
        for check in apply link apply-again; do
                expect "$kind.router.$check"
                expect "$kind.server.$check"
        done
        expect "$kind.router.link-drift"
        for check in ping-prefix ping-jail provider-direct; do
                expect "$kind.server.$check"
        done
        for check in reply-to reply-to-jail control-norule; do
                expect "$kind.router.$check"
        done
        expect "$kind.server.restore"
        expect "$kind.router.reply-restored"
        for check in down down-again as-before; do
                expect "$kind.router.$check"
                expect "$kind.server.$check"
        done
done
# Any FAIL a guest reported fails the test, whether this list knows its name or not.
failed_lines=$(grep -ah '^RESULT .* FAIL ' "$LBGP_TMP"/*.console | grep -c .)
for role in router server; do
        grep -aq "^DONE $role " "$LBGP_TMP/$role.console" || {
                lbgp_log "FAIL: the $role guest did not finish"
                fails=$((fails + 1))
        }
done
if [ "$fails" -gt 0 ] || [ "$status" -ne 0 ] || [ "$failed_lines" -gt 0 ] ||
        [ -n "${LBGP_VM_CONSOLES:-}" ]; then
        lbgp_show "router console" "$LBGP_TMP/router.console" 2000
        lbgp_show "server console" "$LBGP_TMP/server.console" 2000
fi
if [ "$fails" -eq 0 ] && { [ "$status" -ne 0 ] || [ "$failed_lines" -gt 0 ]; }; then
        fails=1
fi
echo "tunnel_vm: $((checks - fails)) passed, $fails failed ($(($(lbgp_now) - start)) s)"
[ "$fails" -eq 0 ]
