# conformance/seed_lbgpd.sh - lbgpd in the seed's scenario, for the scripts that break
# something and watch what lbgpd does (seed_maxprefix.sh, seed_failover.sh).  Source after
# lib.sh, peers/frr.sh, peers/bird.sh and seed_lib.sh, which sets up the topology and the
# upstreams (seed_topology, seed_start_upstreams).

# seed_lbgpd_run TAG LBGPD CONF: lbgpd in ${TAG}router on a copy of CONF, with --log stderr
# (the seed logs to syslog only, `log syslog informational`, and these tests read lbgpd's
# log, $(lbgp_dir ${TAG}router)/lbgpd.log): seed_lib.sh's seed_lbgpd_start, which also
# records what lbgpd sends (seed_capture_check).  Its pid is in SEED_LBGPD_PID.
seed_lbgpd_run()
{
        seed_lbgpd_start "$@"
}

# seed_lbgpd_log TAG: the path of lbgpd's log.
seed_lbgpd_log()
{
        printf '%s/lbgpd.log' "$(lbgp_dir "${1}router")"
}

# seed_best TAG LBGPCTL: lbgpd's Loc-RIB best paths, "prefix from" (from: the neighbor's
# address, or "local"), one a line, sorted.
seed_best()
{
        seed_lbgpctl "$1" "$2" show bgp ipv6 unicast json | python3 -c 'import json,sys
d = json.load(sys.stdin)
for net, paths in sorted(d.get("routes", {}).items()):
    for p in paths:
        if p.get("bestpath"):
            peer = p.get("peerId", "?")
            print(net, "local" if peer == "(unspec)" else peer)' 2>/dev/null
}

# seed_kernel TAG: the router's IPv6 routes of protocol 201 (lbgpd's), "prefix dev", one a
# line, sorted (the gateway may be global or link-local: the device says which upstream).
seed_kernel()
{
        lbgp_in "${1}router" ip -j -6 route show proto 201 | python3 -c 'import json,sys
text = sys.stdin.read().strip()
for r in sorted(json.loads(text) if text else [], key=lambda r: r["dst"]):
    print(r["dst"], r.get("dev") or ",".join(h.get("dev", "-") for h in r.get("nexthops", [])))'
}
