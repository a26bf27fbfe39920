"""Benchmark `plancc report` against `plancc build` of the same plans: whole processes, wall time.

Run:  .venv/bin/python benchmarks/report_speed.py [--pairs 3] [--as-at 2016-11-25]

Times, as whole processes (interpreter start included), the performance report of the example
plans, `plancc report plans/ --as-at 2016-11-25 --out <tmp>`, and the site build of the same plans,
`plancc build plans/ --out <tmp> --no-a11y`, in interleaved pairs (the order within a pair
alternates, so that a machine that slows down or speeds up during the run favours neither), each
into a new folder so that the build renders every plan from nothing. Both run from the repository
with its plancc.yml, as an officer runs them. Prints the median of each in seconds and the median
of the pairs' ratios, report / build: what the report adds to a quarter's publishing, measured
against the build it sits beside.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLANCC = str(Path(sys.executable).parent / "plancc")


def run(*args: str) -> float:
    """Wall seconds of one plancc process, run from the repository; stops the benchmark if it fails."""
    started = time.perf_counter()
    result = subprocess.run([PLANCC, *args], cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, "NO_COLOR": "1"})
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"plancc {' '.join(args)} failed ({result.returncode}):\n"
                 f"{result.stdout[-2000:]}{result.stderr[-2000:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pairs", type=int, default=3, help="interleaved pairs of report and build (default 3)")
    parser.add_argument("--as-at", dest="as_at", default="2016-11-25", help="the report's date (default 2016-11-25)")
    args = parser.parse_args()
    if args.pairs < 1:
        parser.error("--pairs must be at least 1")

    plans = ROOT / "plans"
    count = len(list(plans.glob("*.yaml")))
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, "
          f"load average {os.getloadavg()[0]:.2f} at the start")
    print(f"plans: the {count} example plans in plans/; report as at {args.as_at}")
    run("check", str(plans))  # warm the file cache

    reports, builds, ratios = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for n in range(args.pairs):
            report = ("report", str(plans), "--as-at", args.as_at, "--out", str(work / f"report-{n}"))
            build = ("build", str(plans), "--out", str(work / f"site-{n}"), "--no-a11y")
            if n % 2 == 0:
                r, b = run(*report), run(*build)
            else:
                b, r = run(*build), run(*report)
            reports.append(r)
            builds.append(b)
            ratios.append(r / b)
            print(f"pair {n + 1}: report {r:.2f} s, build {b:.2f} s, ratio {r / b:.2f}")

    print(f"plancc report: median {statistics.median(reports):.2f} s; "
          f"plancc build --no-a11y: median {statistics.median(builds):.2f} s")
    print(f"report / build: {statistics.median(ratios):.2f}x (median of {args.pairs} interleaved pairs)")


if __name__ == "__main__":
    main()
