"""Benchmark `plancc diff --rev`: the wall time of the whole process on the three example plans.

Run:  .venv/bin/python benchmarks/diff_speed.py [--runs 10]

A temporary git repository gets the three example plans, committed; each is then replaced by its
edited copy from tests/diff/ (every kind of change the plan can hold), and `plancc diff --rev HEAD`
is timed as a whole process, interpreter start included: once with all three plans edited, and
once with nothing changed (where no plan needs loading at all).

Until plancc/cli.py lists the diff command, the same click command is run through
`python -c`, which is the same process less the command-line group's own import.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PLANS = ("salford-burglary-2002", "staffordshire-ni16-2010", "central-beds-csp-2009")
_DIRECT = "import sys; from plancc.commands.diff import command; command(sys.argv[1:], prog_name='plancc diff')"


def _diff_command() -> list[str]:
    """`plancc diff`, or the same command run directly while cli.py does not list it yet."""
    sys.path.insert(0, str(ROOT / "src"))
    from plancc.cli import COMMANDS

    if "diff" in COMMANDS:
        return [str(BIN / "plancc"), "diff"]
    return [sys.executable, "-c", _DIRECT]


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=benchmark", "-c", "user.email=benchmark@example.org",
                    "-c", "commit.gpgsign=false", *args], cwd=repo, check=True, capture_output=True)


def _time(cmd: list[str], cwd: Path) -> tuple[float, str]:
    started = time.perf_counter()
    result = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"command failed ({result.returncode}):\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
    return elapsed, result.stdout


def _report(label: str, times: list[float]) -> None:
    print(f"{label}: median {statistics.median(times):.3f} s, best {min(times):.3f} s over {len(times)} runs")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    command = _diff_command() + ["--rev", "HEAD"]
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    print(f"command: {'plancc diff' if 'plancc' in command[0] else 'python -c <the diff command>'} --rev HEAD")
    with tempfile.TemporaryDirectory(prefix="plancc-diff-bench-") as tmp:
        repo = Path(tmp)
        (repo / "plans").mkdir()
        for name in PLANS:
            shutil.copy(ROOT / "plans" / f"{name}.yaml", repo / "plans" / f"{name}.yaml")
        _git(repo, "init", "-q")
        _git(repo, "add", ".")
        _git(repo, "commit", "-q", "-m", "plans")
        _time(command, repo)  # warm the file cache
        _report("three plans, nothing changed", [_time(command, repo)[0] for _ in range(args.runs)])
        for name in PLANS:
            shutil.copy(ROOT / "tests" / "diff" / f"{name}-edited.yaml", repo / "plans" / f"{name}.yaml")
        _, output = _time(command, repo)
        changes = sum(1 for line in output.splitlines() if line.startswith("  "))
        _report(f"three plans edited ({changes} changes)", [_time(command, repo)[0] for _ in range(args.runs)])


if __name__ == "__main__":
    main()
