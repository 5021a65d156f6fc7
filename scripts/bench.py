#!/usr/bin/env python3
"""Benchmark of domeinrapport (issue 19): wall time (median over runs) and peak memory (max RSS)
of whole commands, beside the CSV parse floor of the same files measured in the same sitting.

Usage: scripts/bench.py [--runs 5] [--scales 1,10] [--period 2024-Q2] [--no-build]
                        [--bin PATH] [--floor PATH] [--json FILE] [--data DIR ...]

For every scale it measures
  - floor     examples/parse_floor: the data folder's CSV files read by polars' CSV reader and
              nothing else (the speed of a good CSV parser on these bytes);
  - check     `check` (ingest and data-quality only);
  - kwartaal  `run --period <kwartaal> --report kwartaal`;
  - run       `run` (all deliverables of the latest complete periods) into an empty folder;
  - tweede run  `run` again into a folder that holds the previous run's output (unchanged inputs);
and prints the median, min and max wall time, the peak RSS, and each median as a multiple of the
floor's median. Scale 1 is the bundled data folder (the generator's scale-1 output); other scales
are written by `demo-data --scale N` into a temporary folder (its time is printed too).

The runs alternate (floor, check, kwartaal, run, floor, check, ...) after one warm-up round, so
all commands see the same machine load and file cache. Each command runs in its own process; its
peak RSS comes from wait4(), so it is that process's own maximum resident set size.
Builds the release binary and the example first unless --no-build; --bin and --floor measure
other builds (e.g. an older binary for a before/after comparison on the same files).
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "domeinrapport")
FLOOR = os.path.join(ROOT, "target", "release", "examples", "parse_floor")


def measure(cmd, cwd):
    """Wall time (s) and peak RSS (MiB) of one process; exits on a non-zero status."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    # Read stderr before waiting, so a chatty process cannot block on a full pipe.
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd)} gaf exitstatus {proc.returncode}: {err.decode(errors='replace')}")
    return wall, usage.ru_maxrss / 1024


def csv_size(folder):
    return sum(os.path.getsize(os.path.join(folder, f)) for f in os.listdir(folder) if f.endswith(".csv"))


def bench_scale(label, data, args, out):
    # (name, command, fresh): a fresh command gets an empty output folder for every measurement,
    # so it does all its work; "tweede run" writes into the same folder each time, so every
    # measurement after the warm-up is a second run on unchanged inputs.
    commands = [
        ("floor (polars CSV-parse)", [args.floor, data], False),
        ("check", [args.bin, "check", "--data", data, "--out", "{out}"], True),
        (f"kwartaal ({args.period})",
         [args.bin, "run", "--period", args.period, "--report", "kwartaal", "--data", data, "--out", "{out}"], True),
        ("run (alle rapportages)", [args.bin, "run", "--data", data, "--out", "{out}"], True),
        ("tweede run (ongewijzigd)", [args.bin, "run", "--data", data, "--out", out], False),
    ]

    def once(cmd, fresh):
        if not fresh:
            return measure(cmd, ROOT)
        leeg = tempfile.mkdtemp(prefix="bench-out-")
        try:
            return measure([c.replace("{out}", leeg) for c in cmd], ROOT)
        finally:
            shutil.rmtree(leeg)

    for _, cmd, fresh in commands:  # warm-up round: file cache, fonts, first-run effects
        once(cmd, fresh)
    walls = {name: [] for name, _, _ in commands}
    peaks = {name: [] for name, _, _ in commands}
    for _ in range(args.runs):
        for name, cmd, fresh in commands:
            w, m = once(cmd, fresh)
            walls[name].append(w)
            peaks[name].append(m)
    floor = statistics.median(walls[commands[0][0]])
    print(f"\n{label}: {csv_size(data) / 1e6:.1f} MB CSV, n={args.runs}")
    print(f"  {'opdracht':<26} {'mediaan':>9} {'min':>8} {'max':>8} {'piek-RSS':>11} {'x floor':>8}")
    result = {}
    for name, _, _ in commands:
        med = statistics.median(walls[name])
        peak = max(peaks[name])
        print(f"  {name:<26} {med:8.3f}s {min(walls[name]):7.3f}s {max(walls[name]):7.3f}s "
              f"{peak:8.1f} MiB {med / floor:7.2f}x")
        result[name] = {"median_s": med, "min_s": min(walls[name]), "max_s": max(walls[name]),
                        "peak_mib": peak, "ratio_to_floor": med / floor, "walls_s": walls[name]}
    return result


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--scales", default="1,10", help="komma-gescheiden schalen; 1 = de gebundelde data")
    ap.add_argument("--period", default="2024-Q2", help="kwartaal voor de kwartaalrapportage")
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--bin", default=BIN)
    ap.add_argument("--floor", default=FLOOR)
    ap.add_argument("--json", help="schrijf de metingen ook als JSON naar dit bestand")
    ap.add_argument("--data", action="append", default=[],
                    help="meet (ook) deze bestaande gegevensmap, bijvoorbeeld een eerder gemaakte "
                         "scale 10, zodat twee builds dezelfde bestanden lezen (herhaalbaar)")
    args = ap.parse_args()
    if not args.no_build:
        subprocess.run(["cargo", "build", "--release", "--quiet", "--bins", "--example", "parse_floor"],
                       cwd=ROOT, check=True)
    out = tempfile.mkdtemp(prefix="bench-out-")
    results = {}
    try:
        for data in args.data:
            results[data] = bench_scale(data, data, args, out)
        for scale in filter(None, args.scales.split(",")):
            scale = scale.strip()
            if float(scale) == 1:
                results[scale] = bench_scale("scale 1 (gebundelde data)", os.path.join(ROOT, "data"), args, out)
                continue
            data = tempfile.mkdtemp(prefix="bench-data-")
            try:
                shutil.copytree(os.path.join(ROOT, "data", "afspraken"), os.path.join(data, "afspraken"))
                wall, peak = measure([args.bin, "demo-data", "--scale", scale, "--out", data], ROOT)
                print(f"\ndemo-data --scale {scale}: {wall:.1f} s, piek-RSS {peak:.1f} MiB")
                results[scale] = bench_scale(f"scale {scale}", data, args, out)
                results[scale]["demo-data"] = {"wall_s": wall, "peak_mib": peak}
            finally:
                shutil.rmtree(data)
    finally:
        shutil.rmtree(out)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=2)


if __name__ == "__main__":
    main()
