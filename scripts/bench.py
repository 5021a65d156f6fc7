#!/usr/bin/env python3
"""Benchmark of domeinrapport: wall time (median over runs) and peak memory (max RSS) of whole
commands on the bundled data and on `demo-data --scale 10`.

Usage: scripts/bench.py [--runs 5] [--scale 10] [--skip-scale]
Builds the release binary first. Each measured command runs in its own process; its peak RSS
comes from wait4(), so it is that process's own maximum resident set size.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "domeinrapport")


def measure(args, cwd):
    start = time.perf_counter()
    proc = subprocess.Popen([BIN] + args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit(f"{' '.join(args)} gaf exitstatus {code}: {proc.stderr.read().decode()}")
    return wall, usage.ru_maxrss / 1024  # MiB


def bench(label, args, cwd, runs):
    measure(args, cwd)  # warm the file cache
    walls, rss = [], []
    for _ in range(runs):
        w, m = measure(args, cwd)
        walls.append(w)
        rss.append(m)
    print(f"{label:<48} mediaan {statistics.median(walls):7.3f} s  "
          f"(min {min(walls):.3f}, max {max(walls):.3f}, n={runs})  piekgeheugen {max(rss):7.1f} MiB")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--scale", type=float, default=10)
    ap.add_argument("--skip-scale", action="store_true")
    a = ap.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    out = tempfile.mkdtemp(prefix="bench-out-")
    try:
        bench("check (gebundelde data)", ["check", "--out", out], ROOT, a.runs)
        bench("run --period 2024-Q2 (gebundelde data)", ["run", "--period", "2024-Q2", "--out", out], ROOT, a.runs)
        bench("run --period 2024-H1 (gebundelde data)", ["run", "--period", "2024-H1", "--out", out], ROOT, a.runs)
        bench("run (alle rapportages, gebundelde data)", ["run", "--out", out], ROOT, a.runs)
        if not a.skip_scale:
            data = tempfile.mkdtemp(prefix="bench-data-")
            shutil.copytree(os.path.join(ROOT, "data", "afspraken"), os.path.join(data, "afspraken"))
            t0 = time.perf_counter()
            measure(["demo-data", "--scale", str(a.scale), "--out", data], ROOT)
            print(f"demo-data --scale {a.scale:g}: {time.perf_counter() - t0:.1f} s")
            try:
                bench(f"check (scale {a.scale:g})", ["check", "--data", data, "--out", out], ROOT, a.runs)
                bench(f"run --period 2024-Q2 (scale {a.scale:g})",
                      ["run", "--period", "2024-Q2", "--data", data, "--out", out], ROOT, a.runs)
                bench(f"run (alle rapportages, scale {a.scale:g})", ["run", "--data", data, "--out", out], ROOT, a.runs)
            finally:
                shutil.rmtree(data)
    finally:
        shutil.rmtree(out)


if __name__ == "__main__":
    main()
