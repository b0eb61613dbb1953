#!/bin/bash
# hostile_reload.sh LBGPD LBGPCTL LBGP-REPLAY SEED_FRR_CONF IPASN - issue #7, scenario 6:
# a reload every 2 s while two full tables load.
#
# The seed's topology (seed_lib.sh), twice: lbgpd "reloaded" in namespaces router, ifog and
# lagrange, and lbgpd "fresh" in frouter, fifog and flagrange.  Both run copies of the seed's
# frr.conf with maximum-prefix 400000 for 250000 (a full IPv6 table, 258,956 prefixes, is
# over the seed's limit: docs/guide.md).  Four lbgp-replay feeders play the upstreams, iFog
# (AS34927) and Lagrange (AS209735) of each, each with the full IPv6 table (the 258,956
# prefixes of IPASN) behind one AS path: iFog's "6939 13335", Lagrange's one AS longer, so
# that iFog's paths are best until a policy says otherwise, three prefixes an UPDATE (the
# real table's packing: 258,956 prefixes in 87,675 UPDATEs when lbgp-replay generates its
# attributes, which makes the four feeders' start far slower under ASan).
#
# The reloaded lbgpd starts on policy 0; once both its sessions are up, lbgpctl reload runs
# every 2 s (or as soon as the last one is answered: a policy change runs the inbound policy
# again on the routes kept, seconds under ASan), alternating a policy change and a broken
# file: policy 1 (RM-LAGRANGE-IN sets local-preference 150), broken 1 (an unknown neighbor
# command), policy 2 (a PL-BOGONS entry added, the local-preference changed to 90,
# RM-IFOG-IN sets a community), broken 2 (a prefix of length 129).  The fresh lbgpd runs
# policy 2 from the start.  Asserted:
#   1. a policy change is applied ("reload: ... applied", 0 reset) and resets no session:
#      each neighbor comes up once (connectionsEstablished 1) and never drops (0), and at
#      least two reloads, one a policy change, are answered while the tables load;
#   2. a broken file is refused: lbgpctl reload exits 1 and says FILE:LINE:COL: error: ...
#      at the line of the mistake, the log says so too, and show running-config stays the
#      configuration of the last good reload, byte for byte;
#   3. once both lbgpds have both tables (updatesRecv equals what each feeder wrote), the
#      reloaded one's Loc-RIB (show bgp ipv6 unicast, every path; and the JSON of a few
#      prefixes, with communities and local preference), accepted counts and kernel routes
#      are the fresh one's.
#
# Exits 0 on success, 1 on failure, 77 when the host cannot create namespaces.
set -u

usage="usage: hostile_reload.sh LBGPD LBGPCTL LBGP-REPLAY SEED_FRR_CONF IPASN"
LBGP_DEADLINE=${LBGP_DEADLINE:-160}
. "$(dirname "$0")/hostile_lib.sh"
hostile_init reload "${1:?$usage}" "${2:?$usage}"
replay=${3:?$usage}
seed=${4:?$usage}
ipasn=${5:?$usage}
lbgp_require "$replay"
[ -r "$seed" ] && [ -r "$ipasn" ] || lbgp_fail "no $seed or $ipasn"
IFOG=$SEED_IFOG
LAGRANGE=$SEED_LAGRANGE

# ---- the configurations ------------------------------------------------------------------
# conf_policy N: policy 0, 1 or 2 (above), none touching a neighbor's session settings.
mp_ifog="neighbor $IFOG maximum-prefix 250000 90 restart 30"
mp_lagrange="neighbor $LAGRANGE maximum-prefix 250000 90 restart 30"
pl_last="ipv6 prefix-list PL-BOGONS seq 100 deny 2a06:9801:1c::/48"
rm_lagrange="route-map RM-LAGRANGE-IN permit 10"
rm_ifog="route-map RM-IFOG-IN permit 10"
conf_policy()
{
        local n=$1 out=$LBGP_TMP/policy$1.conf pl=$pl_last rml=$rm_lagrange rmi=$rm_ifog
        case $n in
        1) rml="$rm_lagrange
set local-preference 150" ;;
        2) pl="$pl_last
ipv6 prefix-list PL-BOGONS seq 104 deny 2400::/12 le 48"
           rml="$rm_lagrange
set local-preference 90"
           rmi="$rm_ifog
set community 64512:100 additive" ;;
        esac
        hostile_conf "$out" "$seed" "$mp_ifog" "neighbor $IFOG maximum-prefix 400000 90 restart 30" \
                "$mp_lagrange" "neighbor $LAGRANGE maximum-prefix 400000 90 restart 30" \
                "$pl_last" "$pl" "$rm_lagrange" "$rml" "$rm_ifog" "$rmi"
}

# conf_broken N GOOD: GOOD with the Nth mistake put in after a line of it: the file is
# BAD_CONF, the line of the mistake BAD_LINE.
conf_broken()
{
        local n=$1 good=$2 out=$LBGP_TMP/broken$1.conf after bad
        case $n in
        1) after="neighbor $LAGRANGE activate" bad="neighbor $LAGRANGE frobnicate" ;;
        2) after="$pl_last" bad="ipv6 prefix-list PL-BOGONS seq 106 deny 2001:db8::/129" ;;
        esac
        hostile_conf "$out" "$good" "$after" "$after
$bad"
        BAD_LINE=$(grep -nxF -- "$bad" "$out" | cut -d: -f1)
        BAD_CONF=$out
}

for n in 0 1 2; do conf_policy "$n"; done
# The full table's prefixes, one a line.
python3 - "$ipasn" "$LBGP_TMP/table.txt" <<'PY'
import gzip, sys
with gzip.open(sys.argv[1], "rt") as f, open(sys.argv[2], "w") as out:
    for line in f:
        if line.strip() and not line.startswith(";"):
            out.write(line.split()[0] + "\n")
PY
[ "$(wc -l <"$LBGP_TMP/table.txt")" = 258956 ] || lbgp_fail "the table is not 258,956 prefixes"

# ---- both lbgpds and their feeders -------------------------------------------------------
seed_topology ""
seed_topology f
hostile_lbgpd_start "$LBGP_TMP/policy0.conf"
running_conf=$HOSTILE_DIR/frr.conf
seed_lbgpd_run f "$LBGPD" "$LBGP_TMP/policy2.conf"
FRESH_PID=$SEED_LBGPD_PID

# feeders_start TAG: the two full tables to ${TAG}router's lbgpd; each feeder reconnects
# when dropped.  Their logs are $LBGP_TMP/${TAG}ifog.err and ${TAG}lagrange.err.
feeders_start()
{
        local t=$1
        lbgp_bg2 "${t}ifog" "$LBGP_TMP/${t}ifog.out" "$LBGP_TMP/${t}ifog.err" "$replay" \
                --local-as 34927 --remote-as 201379 --local "$IFOG" --peer "$SEED_ROUTER_GRE" \
                --ttl-security 1 --router-id 198.51.100.44 --prefixes "$LBGP_TMP/table.txt" \
                --path "6939 13335" --per-update 3 --json
        lbgp_bg2 "${t}lagrange" "$LBGP_TMP/${t}lagrange.out" "$LBGP_TMP/${t}lagrange.err" \
                "$replay" --local-as 209735 --remote-as 201379 --local "$LAGRANGE" \
                --peer "$SEED_ROUTER_VTNET" --ttl-security 1 --router-id 198.51.100.1 \
                --prefixes "$LBGP_TMP/table.txt" --path "3356 1299 13335" --per-update 3 --json
}

# UPDATEs a feeder wrote for its table, End-of-RIB included, from its log ("table written:
# N prefixes in U UPDATEs"); empty until then.
feeder_updates()
{
        sed -n 's/.*table written: [0-9]* prefixes in \([0-9]*\) UPDATEs.*/\1/p' "$1" | tail -n 1
}

# ctl TAG ARGS...: lbgpctl on ${TAG}router's lbgpd.
ctl()
{
        local t=$1
        shift
        seed_lbgpctl "$t" "$LBGPCTL" "$@"
}

# nbs TAG: "state established dropped updatesRecv" of iFog then Lagrange, in one call.
nbs()
{
        ctl "$1" show bgp neighbors json 2>/dev/null | python3 -c 'import json,sys
d = json.load(sys.stdin)
print(" ".join("%s %s %s %s" % (n.get("bgpState"), n.get("connectionsEstablished"),
      n.get("connectionsDropped"), n.get("messageStats", {}).get("updatesRecv"))
      for n in (d.get(a, {}) for a in sys.argv[1:])))' "$IFOG" "$LAGRANGE" 2>/dev/null
}

# loaded TAG [NBS]: true when ${TAG}router's lbgpd has read every UPDATE of both tables.
loaded()
{
        local t=$1 u1 u2
        set -- ${2:-$(nbs "$t")}
        u1=$(feeder_updates "$LBGP_TMP/${t}ifog.err")
        u2=$(feeder_updates "$LBGP_TMP/${t}lagrange.err")
        [ -n "$u1" ] && [ -n "$u2" ] && [ "${1:-}" = Established ] &&
                [ "${5:-}" = Established ] && [ "$4" = "$u1" ] && [ "$8" = "$u2" ]
}

accepted()
{
        ctl "$1" show bgp summary json | python3 -c 'import json,sys
d = json.load(sys.stdin)
print(" ".join("%s=%s" % (k, v["pfxRcd"]) for k, v in sorted(d["ipv6Unicast"]["peers"].items())))'
}

# snapshot TAG NAME: the Loc-RIB, every path as show bgp ipv6 unicast prints it (sorted: the
# paths of a prefix come in the order they arrived), the accepted counts, the kernel's
# routes, and the JSON (paths sorted) of a best path every 60000 lines of the reloaded
# lbgpd's table, for what the table leaves out (communities, local preference).
snapshot()
{
        local t=$1 pfx
        ctl "$t" show bgp ipv6 unicast | LC_ALL=C sort >"$LBGP_TMP/$2.rib" ||
                hostile_check_failed "show bgp ipv6 unicast failed ($2)"
        accepted "$t" >"$LBGP_TMP/$2.accepted"
        # Without the nexthop object's id, which each run of lbgpd picks anew.
        lbgp_in "${t}router" ip -6 route show proto 201 | sed 's/ nhid [0-9]*//' \
                >"$LBGP_TMP/$2.kernel"
        [ -f "$LBGP_TMP/samples" ] ||
                awk '$1 ~ /^\*>/ && NR % 60000 == 0 { print $2 }' "$LBGP_TMP/$2.rib" >"$LBGP_TMP/samples"
        for pfx in $(cat "$LBGP_TMP/samples"); do
                ctl "$t" show bgp ipv6 unicast "$pfx" json | python3 -c 'import json,sys
d = json.load(sys.stdin)
d["paths"] = sorted(d.get("paths", []), key=lambda p: json.dumps(p, sort_keys=True))
print(json.dumps(d, sort_keys=True))'
        done >"$LBGP_TMP/$2.samples"
}

feeders_start ""
feeders_start f
lbgp_wait 90 "the reloaded lbgpd's sessions up" eval '[ "$(nbs "" | cut -d" " -f1,5)" = "Established Established" ]' ||
        { lbgp_show lbgpd "$HOSTILE_LOG"; lbgp_show feeder "$LBGP_TMP/ifog.err"; lbgp_fail "the feeders' sessions did not come up"; }
t_load=$(date +%s.%N)
lbgp_log "both sessions up at t+$(($(lbgp_now) - HOSTILE_T0)) s"

# ---- the reloads ---------------------------------------------------------------------------
running=$(hostile_ctl show running-config)
good=$LBGP_TMP/policy0.conf
during=0
policy_during=0
for k in 1 2 3 4; do
        t_step=$(date +%s.%N)
        n=$(((k + 1) / 2))
        if [ $((k % 2)) = 1 ]; then
                good=$LBGP_TMP/policy$n.conf
                cp "$good" "$running_conf"
                applied=$(grep -c "reload: .* applied" "$HOSTILE_LOG")
                out=$(hostile_ctl reload 2>&1) || hostile_check_failed "policy $n: lbgpctl reload failed: $out"
                [ "$(grep -c "reload: .* applied" "$HOSTILE_LOG")" -gt "$applied" ] &&
                        grep "reload: .* applied" "$HOSTILE_LOG" | tail -n 1 |
                        grep -q "applied: 2 neighbors kept, 0 added, 0 removed, 0 reset" ||
                        hostile_check_failed "policy $n: not applied softly: $(grep 'reload:' "$HOSTILE_LOG" | tail -n 2 | tr '\n' '|')"
                running=$(hostile_ctl show running-config)
                what="policy $n"
        else
                conf_broken "$n" "$good"
                cp "$BAD_CONF" "$running_conf"
                refused=$(grep -c "not loaded; the running configuration stays" "$HOSTILE_LOG")
                if out=$(hostile_ctl reload 2>&1); then
                        hostile_check_failed "broken file $n: lbgpctl reload exited 0: $out"
                else
                        echo "$out" | grep -q "^$running_conf:$BAD_LINE:[0-9][0-9]*: error: " ||
                                hostile_check_failed "broken file $n: the answer does not point at $running_conf:$BAD_LINE:COL: $out"
                fi
                [ "$(grep -c "not loaded; the running configuration stays" "$HOSTILE_LOG")" -gt "$refused" ] &&
                        lbgp_has_line "$HOSTILE_LOG" "reload: $running_conf:$BAD_LINE:[0-9]+: error: " ||
                        hostile_check_failed "broken file $n: lbgpd's log does not say it was refused at line $BAD_LINE"
                [ "$(hostile_ctl show running-config)" = "$running" ] ||
                        hostile_check_failed "broken file $n: show running-config changed"
                what="broken $n: $(echo "$out" | sed -n 2p | sed "s|^$running_conf:|line |")"
        fi
        # After the reload: were the tables still coming in, and was a session reset?
        now=$(nbs "")
        state=loaded
        if ! loaded "" "$now"; then
                state=loading
                during=$((during + 1))
                [ $((k % 2)) = 1 ] && policy_during=$((policy_during + 1))
        fi
        set -- $now
        [ "${3:-}" = 0 ] && [ "${7:-}" = 0 ] && [ "${2:-9}" = 1 ] && [ "${6:-9}" = 1 ] ||
                hostile_check_failed "after $what: a session was reset: $IFOG [${1:-} ${2:-} ${3:-}], $LAGRANGE [${5:-} ${6:-} ${7:-}]"
        lbgp_log "$(printf '%5.1f' "$(echo "$(date +%s.%N) - $t_load" | bc)") s, $state: $what (received ${4:-?} and ${8:-?} UPDATEs)"
        # Two seconds from this reload's start to the next one's.
        left=$(echo "2 - ($(date +%s.%N) - $t_step)" | bc)
        case $left in -* | 0) ;; *) sleep "$left" ;; esac
done
lbgp_log "$during of the 4 reloads ($policy_during policy changes) came while the tables were loading"
[ "$during" -ge 2 ] && [ "$policy_during" -ge 1 ] ||
        hostile_check_failed "only $during reloads ($policy_during policy changes) came during the loads: the scenario did not happen"
cmp -s "$running_conf" "$LBGP_TMP/broken2.conf" && cmp -s "$good" "$LBGP_TMP/policy2.conf" ||
        hostile_check_failed "the reloads did not end on broken 2 over policy 2"

# ---- the reloaded lbgpd against the fresh one ----------------------------------------------
lbgp_wait 60 "both tables in both lbgpds" eval 'loaded "" && loaded f' ||
        hostile_check_failed "the tables did not finish loading: [$(nbs "")], fresh [$(nbs f)]"
lbgp_wait 10 "the accepted counts to settle" eval '[ "$(accepted "")" = "$(sleep 1; accepted "")" ]'
[ "$(nbs "" | awk '{ print $2, $3, $6, $7 }')" = "1 0 1 0" ] ||
        hostile_check_failed "the reloaded lbgpd's sessions did not stay up: [$(nbs "")]"
snapshot "" reloaded
snapshot f fresh
lbgp_log "t+$(($(lbgp_now) - HOSTILE_T0)) s: reloaded [$(cat "$LBGP_TMP/reloaded.accepted"), $(grep -c '^\*' "$LBGP_TMP/reloaded.rib") paths, $(wc -l <"$LBGP_TMP/reloaded.kernel") kernel routes], fresh [$(cat "$LBGP_TMP/fresh.accepted"), $(grep -c '^\*' "$LBGP_TMP/fresh.rib") paths, $(wc -l <"$LBGP_TMP/fresh.kernel") kernel routes]"
for part in accepted rib kernel samples; do
        cmp -s "$LBGP_TMP/reloaded.$part" "$LBGP_TMP/fresh.$part" || hostile_check_failed \
                "the $part after the reloads differs from a fresh start's: $(diff "$LBGP_TMP/reloaded.$part" "$LBGP_TMP/fresh.$part" | head -n 6 | tr '\n' '|')"
done
# Policy 2 acts: 2400::/12's more-specifics denied, Lagrange's paths (local-preference 90)
# never best, iFog's with the community.
grep -Eq '^\*>? +240[0-9a-f]:' "$LBGP_TMP/fresh.rib" &&
        hostile_check_failed "a 2400::/12 more-specific is in the Loc-RIB"
grep -q '^\*>.* 0 209735 ' "$LBGP_TMP/fresh.rib" &&
        hostile_check_failed "a path of Lagrange's (local-preference 90) is best"
grep -q '64512:100' "$LBGP_TMP/fresh.samples" || hostile_check_failed "no community 64512:100 in the samples"
lbgp_log "compared $(wc -l <"$LBGP_TMP/samples") prefixes in full as well, e.g. $(head -n 1 "$LBGP_TMP/fresh.samples" | cut -c1-200)"

# Both stop; each removes its 258,000 kernel routes first, which takes a while under ASan.
kill -TERM "$FRESH_PID" 2>/dev/null
HOSTILE_STOP_WAIT=40 hostile_lbgpd_stop
lbgp_wait_exit "$FRESH_PID" 30 || hostile_check_failed "the fresh lbgpd did not exit on SIGTERM"
hostile_finish "$HOSTILE_LOG" "$LBGP_TMP/ifog.err" "$LBGP_TMP/lagrange.err"
