#!/bin/bash
# hostile_garbage.sh LBGPD LBGPCTL LBGP-DECODE SEED_FRR_CONF FUZZ_CORPUS_DIR - issue #7,
# scenario 9: random bytes and the fuzz corpus over a real TCP session.
#
# The seed's topology (seed_lib.sh) and lbgpd on the seed's frr.conf, unchanged.  iFog is the
# seed's FRR; Lagrange is hostile_peer.py, which does a proper OPEN exchange and then writes
# bytes as it is given them.  hostile_corpus.py turns fuzz_update's and fuzz_msg's inputs, and
# random UPDATE bodies, into framed UPDATEs and sorts them by lbgp-decode's verdict as
# lbgpd's session with Lagrange would judge them (AS 201379 from 209735, IPv6 unicast,
# 4-octet AS).  Asserted:
#   1. every UPDATE whose verdict lets the session stand (ok, treat-as-withdraw,
#      attribute-discard), sent in one go: the session stays Established with no
#      NOTIFICATION, lbgpd reads each (updatesRecv) and counts exactly the verdicts'
#      treat-as-withdraw and attribute-discard (show bgp neighbors' malformedUpdates);
#   2. one of each kind of reset (random bytes with no BGP header, a too short UPDATE, and
#      the first corpus input of each NOTIFICATION code/subcode), each on a new session and
#      followed by a valid UPDATE: lbgpd sends the NOTIFICATION the verdict names, data
#      included, closes, and the valid UPDATE after the error never reaches the Loc-RIB
#      (`lbgpctl clear bgp` restarts the held-down neighbor at once);
#   3. throughout, iFog's session stays up (lbgpd's and FRR's own view), lbgpctl answers, and
#      lbgpd's own count of its memory (show bgp summary json: the router's bytes) grows by
#      less than 1 MB from before the garbage to after it.
#
# Exits 0 on success, 1 on failure, 77 when the host cannot create namespaces.
set -u

usage="usage: hostile_garbage.sh LBGPD LBGPCTL LBGP-DECODE SEED_FRR_CONF FUZZ_CORPUS_DIR"
LBGP_DEADLINE=${LBGP_DEADLINE:-160}
. "$(dirname "$0")/hostile_lib.sh"
hostile_init garbage "${1:?$usage}" "${2:?$usage}"
decode=${3:?$usage}
seed=${4:?$usage}
corpus=${5:?$usage}
lbgp_require "$decode"
[ -r "$seed" ] && [ -d "$corpus/fuzz_update" ] && [ -d "$corpus/fuzz_msg" ] ||
        lbgp_fail "no $seed, or no fuzz_update and fuzz_msg in $corpus"
IFOG=$SEED_IFOG
LAGRANGE=$SEED_LAGRANGE
G=$LBGP_TMP/garbage

python3 "$(dirname "$0")/hostile_corpus.py" --decode "$decode" --local-as 201379 \
        --remote-as 209735 --out "$G" "$corpus/fuzz_update" "$corpus/fuzz_msg" \
        >"$LBGP_TMP/corpus.log" 2>&1 || { cat "$LBGP_TMP/corpus.log" >&2; lbgp_fail "hostile_corpus.py failed"; }
want=$(cat "$G/standing.json")
lbgp_log "corpus and random UPDATEs, as lbgp-decode judges them: $want"
# A valid UPDATE to follow each reset: lbgpd must not read it.
python3 - "$G/tail.bin" "$LAGRANGE" <<'PY'
import ipaddress, struct, sys
nh = ipaddress.ip_address(sys.argv[2]).packed
mp = struct.pack("!HBB", 2, 1, 16) + nh + b"\0" + bytes([48]) + ipaddress.ip_address("2001:db8:7777::").packed[:6]
attrs = bytes([0x40, 1, 1, 0]) + bytes([0x40, 2, 6, 2, 1]) + struct.pack("!I", 209735) + bytes([0x80, 14, len(mp)]) + mp
body = struct.pack("!HH", 0, len(attrs)) + attrs
open(sys.argv[1], "wb").write(b"\xff" * 16 + struct.pack("!HB", 19 + len(body), 2) + body)
PY

seed_topology ""
hostile_ifog_frr
hostile_lbgpd_start "$seed"
lbgp_wait 40 "iFog (FRR) Established" eval '[ "$(hostile_nb "$IFOG" "n.get(\"bgpState\")")" = Established ]' ||
        { lbgp_show lbgpd "$HOSTILE_LOG"; lbgp_fail "iFog did not come up"; }
ifog0=$(hostile_session "$IFOG")
mem0=$(hostile_memory)
rss0=$(hostile_rss "$HOSTILE_LBGPD_PID")
lbgp_log "before: iFog [$ifog0], lbgpd's memory (router, RIB bytes) [$mem0], RSS ${rss0} KiB"

# lagrange_counts: "state updatesRecv treatAsWithdraw attributeDiscard" of Lagrange.
lagrange_counts()
{
        hostile_nb "$LAGRANGE" '"%s %s %s %s" % (n.get("bgpState"), n["messageStats"]["updatesRecv"], n["malformedUpdates"]["treatAsWithdraw"], n["malformedUpdates"]["attributeDiscard"])'
}

# the_others_fine WHEN: iFog still up as it was, in lbgpd's view and FRR's, and lbgpctl
# answering.
the_others_fine()
{
        [ "$(hostile_session "$IFOG")" = "$ifog0" ] ||
                hostile_check_failed "$1: iFog's session changed: [$ifog0] -> [$(hostile_session "$IFOG")]"
        [ "$(frr_state ifog)" = Established ] || hostile_check_failed "$1: FRR is $(frr_state ifog)"
}

# ---- 1. what lets the session stand, in one go ------------------------------------------
hostile_peer lagrange "$LBGP_TMP/standing.out" --local "$LAGRANGE" --peer "$SEED_ROUTER_VTNET" \
        --local-as 209735 --router-id 198.51.100.1 --send "$G/standing.bin"
peer=$HOSTILE_PEER_PID
lbgp_wait 30 "Lagrange's garbage sent" lbgp_has_line "$LBGP_TMP/standing.out" '^sent ' ||
        { lbgp_show peer "$LBGP_TMP/standing.out.err"; lbgp_fail "hostile_peer.py did not get a session"; }
n=$(echo "$want" | python3 -c 'import json,sys; d = json.load(sys.stdin); print(d["messages"], d["treat-as-withdraw"], d["attribute-discard"])')
lbgp_wait 30 "lbgpd to read every UPDATE" eval '[ "$(lagrange_counts | cut -d" " -f2)" = "${n%% *}" ]'
got=$(lagrange_counts)
lbgp_log "lbgpd after the standing garbage (state, UPDATEs, treat-as-withdraw, attribute-discard): $got"
[ "$got" = "Established $n" ] ||
        hostile_check_failed "after ${n%% *} UPDATEs that let the session stand, Lagrange is [$got], not [Established $n]"
grep -q '^notification' "$LBGP_TMP/standing.out" &&
        hostile_check_failed "lbgpd sent a NOTIFICATION: $(grep '^notification' "$LBGP_TMP/standing.out")"
the_others_fine "standing garbage"
kill -TERM "$peer"
lbgp_wait_exit "$peer" 10

# ---- 2. one of each reset ------------------------------------------------------------------
for f in "$G"/reset-*.bin; do
        k=$(basename "$f" .bin)
        read -r code sub data <"$G/$k.expect"
        # Held down after the last reset (or the last Cease), it refuses connections until
        # its idle hold time: clear bgp starts it now.  (Not when it is connecting out: that
        # would stop it.)
        [ "$(hostile_nb "$LAGRANGE" 'n.get("bgpState")')" = Idle ] &&
                hostile_ctl clear bgp "$LAGRANGE" >/dev/null 2>&1
        out=$LBGP_TMP/$k.out
        hostile_peer lagrange "$out" --local "$LAGRANGE" --peer "$SEED_ROUTER_VTNET" \
                --local-as 209735 --router-id 198.51.100.1 --send "$f" --send "$G/tail.bin" \
                --hold-open 10
        peer=$HOSTILE_PEER_PID
        lbgp_wait 30 "$k: lbgpd to close the session" lbgp_has_line "$out" '^closed' ||
                hostile_check_failed "$k: the session was not closed: $(tr '\n' ' ' <"$out") $(tail -n 2 "$out.err")"
        lbgp_wait_exit "$peer" 10
        got=$(sed -n 's/^notification received //p' "$out" | head -n 1 | sed 's/ *$//')
        [ -z "$data" ] || [ "$data" = - ] && data=""
        lbgp_log "$k ($(stat -c %s "$f") octets): NOTIFICATION [${got:-none}], lbgp-decode says [$code $sub $data]"
        [ "$got" = "$(echo "$code $sub $data" | sed 's/ $//')" ] ||
                hostile_check_failed "$k: lbgpd sent [${got:-no NOTIFICATION}], not $code/$sub with data [$data]"
        grep -q "2001:db8:7777::/48" <(hostile_locrib) &&
                hostile_check_failed "$k: the UPDATE after the error got into the Loc-RIB"
        the_others_fine "$k"
done

# ---- 3. memory -------------------------------------------------------------------------------
lbgp_wait 10 "Lagrange's routes gone" eval '! hostile_locrib | grep -q " $LAGRANGE\$"'
mem1=$(hostile_memory)
rss1=$(hostile_rss "$HOSTILE_LBGPD_PID")
grow=$((${mem1%% *} - ${mem0%% *}))
lbgp_log "after: lbgpd's memory (router, RIB bytes) [$mem1], $grow bytes more than before; RSS ${rss1} KiB (${rss0} before)"
[ "$grow" -lt 1048576 ] || hostile_check_failed "lbgpd's memory grew by $grow bytes (1 MB allowed)"
the_others_fine "the end"
hostile_lbgpd_stop
hostile_finish "$HOSTILE_LOG" "$LBGP_TMP/standing.out.err"
