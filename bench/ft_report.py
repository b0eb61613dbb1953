#!/usr/bin/env python3
"""ft_report.py - medians, ratios and a chart from bench/full_table.sh's CSV.

usage: ft_report.py CSV [PNG]

Prints a Markdown table of the median of each column per receiver (and the number of runs),
then lbgpd's ratios against the issue's bar: CPU and RSS against BIRD's, time to the Loc-RIB
against BIRD's, time to the kernel against FRR+zebra's, and the feeders' sink time against
BIRD's Loc-RIB time.  With PNG, draws
the medians with gnuplot (installed with apt-get when missing): times on the left, CPU
seconds and peak RSS on the right.
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


def medians(path):
    rows = list(csv.DictReader(open(path)))
    by = {}
    for r in rows:
        by.setdefault(r["receiver"], []).append(r)
    out = {}
    for rcv, rs in by.items():
        m = {"runs": len(rs), "version": rs[-1]["version"], "prefixes": rs[-1]["prefixes"],
             "notes": [r.get("note", "") for r in rs if r.get("note", "")]}
        for c in COLS:
            vals = [float(r[c]) for r in rs if r.get(c, "") not in ("", None)]
            m[c] = statistics.median(vals) if vals else None
            m[c + "_all"] = vals
        out[rcv] = m
    return out


def fmt(v, nd=2):
    return "–" if v is None else ("%.*f" % (nd, v))


def table(m):
    print("| receiver | version | runs | Established → both tables in Loc-RIB (s) | → kernel (s) "
          "| withdrawal → Loc-RIB (s) | → kernel (s) | CPU to loaded (s) | CPU total (s) "
          "| peak RSS (MiB) | load avg (start–end) |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for rcv in [r for r in ORDER if r in m] + [r for r in m if r not in ORDER]:
        x = m[rcv]
        print("| %s | %s | %d | %s | %s | %s | %s | %s | %s | %s | %s–%s |" % (
            LABEL.get(rcv, rcv), x["version"], x["runs"], fmt(x["rib_s"]), fmt(x["fib_s"]),
            fmt(x["fail_rib_s"]), fmt(x["fail_fib_s"]), fmt(x["cpu_load_s"]), fmt(x["cpu_s"]),
            fmt(x["rss_mib"], 0), fmt(x["load_start"], 1), fmt(x["load_end"], 1)))
    for rcv in m:
        if m[rcv]["notes"]:
            print()
            print("%s, %d of %d runs: %s" % (LABEL.get(rcv, rcv), len(m[rcv]["notes"]),
                                             m[rcv]["runs"], "; ".join(m[rcv]["notes"])))


def ratio(a, b):
    return None if a is None or b in (None, 0) else a / b


def bar(m):
    print()
    print("| the bar (issue #8) | measured (medians) | verdict |")
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
        line("lbgpd Established → full Loc-RIB ≤ ½ BIRD's (lbgp-replay feeding both)",
             ratio(x["rib_s"], b["rib_s"]), 0.5, "%s s vs %s s" % (fmt(x["rib_s"]), fmt(b["rib_s"])))
    if x is not None and f is not None:
        line("lbgpd Established → kernel ≤ ⅛ FRR+zebra's", ratio(x["fib_s"], f["fib_s"]), 0.125,
             "%s s vs %s s" % (fmt(x["fib_s"]), fmt(f["fib_s"])))
    s = m.get("sink")
    if s is not None and b is not None:
        line("the feeders are not the bottleneck: into the sink ≤ ½ BIRD's Loc-RIB time",
             ratio(s["rib_s"], b["rib_s"]), 0.5, "%s s vs %s s" % (fmt(s["rib_s"]), fmt(b["rib_s"])))


def chart(m, png):
    if shutil.which("gnuplot") is None:
        subprocess.run(["apt-get", "install", "-y", "-o", "DPkg::Lock::Timeout=600",
                        "--no-install-recommends", "gnuplot-nox"],
                       env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"), check=True)
    rcvs = [r for r in ORDER if r in m]
    with tempfile.NamedTemporaryFile("w", suffix=".dat", delete=False) as d:
        for r in rcvs:
            x = m[r]
            d.write('"%s" %s\n' % (LABEL[r].replace(" (no soft-reconf)", "\\n(no soft)")
                                   .replace(" zebra+bgpd", "\\nzebra+bgpd")
                                   .replace(" --sink", "\\n--sink"),
                                   " ".join("NaN" if x[c] is None else "%g" % x[c]
                                            for c in ("rib_s", "fib_s", "fail_rib_s", "fail_fib_s",
                                                      "cpu_s", "rss_mib"))))
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
set bmargin 6
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
""" % {"png": png, "dat": dat, "n": m[rcvs[0]]["prefixes"],
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
    m = medians(sys.argv[1])
    table(m)
    bar(m)
    if len(sys.argv) > 2:
        chart(m, sys.argv[2])


if __name__ == "__main__":
    main()
