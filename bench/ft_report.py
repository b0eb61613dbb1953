#!/usr/bin/env python3
"""ft_report.py - medians, ratios and a chart from bench/full_table.sh's CSV.

usage: ft_report.py CSV [PNG]

Prints a Markdown table of the median of each column per feeder and receiver (and the
number of runs), then lbgpd's ratios against the issue's bar, with lbgp-replay feeding: CPU
and RSS against BIRD's, time to the Loc-RIB against BIRD's, time to the kernel against
FRR+zebra's, and the feeders' sink time against BIRD's Loc-RIB time.  When the CSV also has
runs with BIRD as the feeder (full_table.sh -f bird), the same bar with BIRD feeding, and a
table of the two feeders side by side (lbgp-replay against BIRD as the sender).  A CSV from
before the feeder column counts as lbgp-replay feeding.  With PNG, draws the medians with
gnuplot (installed with apt-get when missing): times on the left, CPU seconds and peak RSS on
the right.
"""
import csv
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

ORDER = ["sink", "lbgpd", "lbgpd-nosoft", "bird", "frr", "gobgp", "openbgpd"]
LABEL = {"sink": "lbgp-replay --sink", "lbgpd": "lbgpd", "lbgpd-nosoft": "lbgpd (no soft-reconf)",
         "bird": "BIRD", "frr": "FRR zebra+bgpd", "gobgp": "GoBGP", "openbgpd": "OpenBGPD"}
COLS = ["rib_s", "fib_s", "fail_rib_s", "fail_fib_s", "cpu_load_s", "cpu_s", "rss_mib",
        "feeder_a_cpu_s", "feeder_b_cpu_s", "feeder_table_s", "load_start", "load_end"]
FEEDERS = ["replay", "bird"]
FEEDER_LABEL = {"replay": "lbgp-replay", "bird": "BIRD"}


def feeder_of(r):
    # CSVs from before the feeder column: lbgp-replay fed every run.
    return r.get("feeder") or "replay"


def medians(path):
    """{feeder: {receiver: medians}}"""
    rows = list(csv.DictReader(open(path)))
    by = {}
    for r in rows:
        by.setdefault(feeder_of(r), {}).setdefault(r["receiver"], []).append(r)
    out = {}
    for fdr, rcvs in by.items():
        for rcv, rs in rcvs.items():
            m = {"runs": len(rs), "version": rs[-1]["version"], "prefixes": rs[-1]["prefixes"],
                 "notes": [r.get("note", "") for r in rs if r.get("note", "")]}
            for c in COLS:
                vals = [float(r[c]) for r in rs if r.get(c, "") not in ("", None)]
                m[c] = statistics.median(vals) if vals else None
                m[c + "_all"] = vals
            # Both feeders' CPU together, per run, then the median.
            both = [float(r["feeder_a_cpu_s"]) + float(r["feeder_b_cpu_s"]) for r in rs
                    if r.get("feeder_a_cpu_s", "") not in ("", None)
                    and r.get("feeder_b_cpu_s", "") not in ("", None)]
            m["feeder_cpu_s"] = statistics.median(both) if both else None
            out.setdefault(fdr, {})[rcv] = m
    return out


def feeders(mm):
    return [f for f in FEEDERS if f in mm] + [f for f in mm if f not in FEEDERS]


def fmt(v, nd=2):
    return "–" if v is None else ("%.*f" % (nd, v))


def receivers(m):
    return [r for r in ORDER if r in m] + [r for r in m if r not in ORDER]


def table(mm):
    print("| feeder | receiver | version | runs | Established → both tables in Loc-RIB (s) "
          "| → kernel (s) | withdrawal → Loc-RIB (s) | → kernel (s) | CPU to loaded (s) "
          "| CPU total (s) | peak RSS (MiB) | feeders' CPU (s) | load avg (start–end) |")
    print("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for fdr in feeders(mm):
        m = mm[fdr]
        for rcv in receivers(m):
            x = m[rcv]
            print("| %s | %s | %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s–%s |" % (
                FEEDER_LABEL.get(fdr, fdr), LABEL.get(rcv, rcv), x["version"], x["runs"],
                fmt(x["rib_s"]), fmt(x["fib_s"]), fmt(x["fail_rib_s"]), fmt(x["fail_fib_s"]),
                fmt(x["cpu_load_s"]), fmt(x["cpu_s"]), fmt(x["rss_mib"], 0),
                fmt(x["feeder_cpu_s"]), fmt(x["load_start"], 1), fmt(x["load_end"], 1)))
    for fdr in feeders(mm):
        for rcv in mm[fdr]:
            x = mm[fdr][rcv]
            if x["notes"]:
                print()
                print("%s fed by %s, %d of %d runs: %s" % (
                    LABEL.get(rcv, rcv), FEEDER_LABEL.get(fdr, fdr), len(x["notes"]), x["runs"],
                    "; ".join(x["notes"])))


def feeder_table(mm):
    """lbgp-replay and BIRD as the senders of the same two tables, receiver by receiver."""
    if "replay" not in mm or "bird" not in mm:
        return
    print()
    print("| receiver | Loc-RIB (s): lbgp-replay / BIRD feeding | kernel (s) | failover "
          "Loc-RIB (s) | feeders' CPU (s), both | BIRD / lbgp-replay Loc-RIB time |")
    print("|---|---:|---:|---:|---:|---:|")
    r, b = mm["replay"], mm["bird"]
    for rcv in [x for x in receivers(r) if x in b]:
        x, y = r[rcv], b[rcv]
        print("| %s | %s / %s | %s / %s | %s / %s | %s / %s | %s |" % (
            LABEL.get(rcv, rcv), fmt(x["rib_s"]), fmt(y["rib_s"]), fmt(x["fib_s"]),
            fmt(y["fib_s"]), fmt(x["fail_rib_s"]), fmt(y["fail_rib_s"]),
            fmt(x["feeder_cpu_s"]), fmt(y["feeder_cpu_s"]),
            fmt(ratio(y["rib_s"], x["rib_s"]))))


def ratio(a, b):
    return None if a is None or b in (None, 0) else a / b


def bar(mm, fdr):
    m = mm[fdr]
    fed = "%s feeding both" % FEEDER_LABEL.get(fdr, fdr)
    print()
    print("| the bar (issue #8), %s | measured (medians) | verdict |" % fed)
    print("|---|---|---|")

    def line(what, r, limit, detail):
        if r is None:
            print("| %s | not measured | – |" % what)
            return
        print("| %s | %s: ratio %.2f | %s |" % (what, detail, r,
                                               "**met**" if r <= limit else "**not met**"))

    b = m.get("bird")
    f = m.get("frr")
    for name in ("lbgpd", "lbgpd-nosoft"):
        x = m.get(name)
        if x is None or b is None:
            continue
        line("%s CPU ≤ ½ BIRD's" % LABEL[name], ratio(x["cpu_s"], b["cpu_s"]), 0.5,
             "%s s vs %s s" % (fmt(x["cpu_s"]), fmt(b["cpu_s"])))
        line("%s peak RSS ≤ ½ BIRD's" % LABEL[name], ratio(x["rss_mib"], b["rss_mib"]), 0.5,
             "%s vs %s MiB" % (fmt(x["rss_mib"], 0), fmt(b["rss_mib"], 0)))
    x = m.get("lbgpd")
    if x is not None and b is not None:
        line("lbgpd Established → full Loc-RIB ≤ ½ BIRD's (%s)" % fed,
             ratio(x["rib_s"], b["rib_s"]), 0.5, "%s s vs %s s" % (fmt(x["rib_s"]), fmt(b["rib_s"])))
    if x is not None and f is not None:
        line("lbgpd Established → kernel ≤ ⅛ FRR+zebra's", ratio(x["fib_s"], f["fib_s"]), 0.125,
             "%s s vs %s s" % (fmt(x["fib_s"]), fmt(f["fib_s"])))
    s = m.get("sink")
    if s is not None and b is not None:
        line("the feeders are not the bottleneck: into the sink ≤ ½ BIRD's Loc-RIB time",
             ratio(s["rib_s"], b["rib_s"]), 0.5, "%s s vs %s s" % (fmt(s["rib_s"]), fmt(b["rib_s"])))
    if fdr == "replay" and "bird" in mm:
        sb = mm["bird"].get("sink")
        if s is not None and sb is not None:
            line("lbgp-replay faster than BIRD as the sender: into the sink, lbgp-replay's time "
                 "< BIRD's", ratio(s["rib_s"], sb["rib_s"]), 0.999,
                 "%s s vs %s s" % (fmt(s["rib_s"]), fmt(sb["rib_s"])))


def chart(mm, png):
    if shutil.which("gnuplot") is None:
        subprocess.run(["apt-get", "install", "-y", "-o", "DPkg::Lock::Timeout=600",
                        "--no-install-recommends", "gnuplot-nox"],
                       env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"), check=True)
    fdrs = feeders(mm)
    # (feeder, receiver) bars, grouped by receiver; the feeder named when there are two.
    bars = [(f, r) for r in ORDER for f in fdrs if r in mm[f]]
    m = {(f, r): mm[f][r] for f, r in bars}
    rcvs = bars
    with tempfile.NamedTemporaryFile("w", suffix=".dat", delete=False) as d:
        for f, r in rcvs:
            x = m[(f, r)]
            label = (LABEL[r].replace(" (no soft-reconf)", "\\n(no soft)")
                     .replace(" zebra+bgpd", "\\nzebra+bgpd").replace(" --sink", "\\n--sink"))
            if len(fdrs) > 1:
                label += "\\n(%s feed)" % FEEDER_LABEL.get(f, f)
            d.write('"%s" %s\n' % (label, " ".join("NaN" if x[c] is None else "%g" % x[c]
                                                 for c in ("rib_s", "fib_s", "fail_rib_s",
                                                           "fail_fib_s", "cpu_s", "rss_mib"))))
        dat = d.name
    script = """
set terminal pngcairo size 1400,560 font ",10" noenhanced
set output '%(png)s'
set multiplot layout 1,3 title "Two full IPv6 tables (%(n)s prefixes each after PL-BOGONS), median of %(runs)s runs"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set boxwidth 0.9
set grid ytics
set key top left
set xtics rotate by -30 scale 0
set bmargin %(bmargin)d
set yrange [0:*]
set title "seconds (no bar: not measured or not reached)"
set offsets 0, 0, graph 0.45, 0
plot '%(dat)s' using 2:xtic(1) title "Established → Loc-RIB", '' using 3 title "→ kernel", \\
     '' using 4 title "withdrawal → Loc-RIB", '' using 5 title "→ kernel"
set offsets 0, 0, graph 0.1, 0
set title "receiver CPU seconds (load + failover, or until it gave up)"
plot '%(dat)s' using 6:xtic(1) title "CPU s" lc rgb "#c04040"
set title "receiver peak RSS (MiB)"
plot '%(dat)s' using 7:xtic(1) title "VmHWM MiB" lc rgb "#4060c0"
unset multiplot
""" % {"png": png, "dat": dat, "n": m[rcvs[0]]["prefixes"], "bmargin": 6 if len(fdrs) < 2 else 9,
       "runs": max(m[r]["runs"] for r in rcvs)}
    r = subprocess.run(["gnuplot"], input=script, text=True)
    if r.returncode != 0:
        # gnuplot-nox may lack cairo: its plain png terminal (libgd) then.
        script = script.replace('pngcairo size 1400,560 font ",10"', "png size 1400,560")
        subprocess.run(["gnuplot"], input=script, text=True, check=True)
    os.unlink(dat)


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    mm = medians(sys.argv[1])
    table(mm)
    feeder_table(mm)
    for fdr in feeders(mm):
        bar(mm, fdr)
    if len(sys.argv) > 2:
        chart(mm, sys.argv[2])


if __name__ == "__main__":
    main()
