"""What check_speed.py and build_speed.py share: timing whole processes, interleaving a figure with its
reference, and printing each figure beside its reference, its ratio and the issue's target.

Every command is a whole process, timed with time.perf_counter around it; its CPU time (user and
system, its waited-for children included) comes from os.wait4. The commands of a group are run in
cycles, each command once a cycle, the order turned by one place each cycle (A B, B A, ...), so that a
machine that slows down or speeds up favours neither side. A row's ratio is the median of the ratios
within each cycle; where its reference ran in fewer cycles (a slow tool measured once), it is the
ratio of the medians.

Python writes its bytecode to a folder of this run's own (PYTHONPYCACHEPREFIX), as an installed
plancc has it, whatever PYTHONDONTWRITEBYTECODE says on the machine running the benchmark; the first
run of each command, untimed, writes it.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, NoReturn, Sequence

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
OUTPUT_KEPT = 8000  # characters of each command's output kept: enough for a build's line on each of 30 plans


UNSET = ("PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX", "PLANCC_CACHE_DIR", "PLANCC_NO_CACHE")


def user_env(pycache: Path, **extra: str) -> dict[str, str]:
    """The environment of a timed command: bytecode kept under `pycache` (written once, then read), no colour,
    and plancc's check cache where a user has it (.plancc_cache in the folder the command runs in) unless
    `extra` says otherwise."""
    env = {k: v for k, v in os.environ.items() if k not in UNSET}
    return {**env, "NO_COLOR": "1", "PYTHONPYCACHEPREFIX": str(pycache), **extra}


@dataclass
class Sample:
    wall: float
    cpu: float
    output: str  # the end of stdout and stderr (OUTPUT_KEPT characters)


class Failed(Exception):
    """A timed command exited with an error: the message says which and shows the end of its output."""


def timed(argv: Sequence[str], env: dict[str, str], cwd: Path) -> Sample:
    """Run one command to its end; its wall and CPU seconds."""
    started = time.perf_counter()
    process = subprocess.Popen(list(argv), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, cwd=cwd)
    assert process.stdout is not None
    output = process.stdout.read()  # read to the end first, so that a full pipe cannot stop the process
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    text = output.decode("utf-8", "replace")[-OUTPUT_KEPT:]
    if process.returncode != 0:
        raise Failed(f"{' '.join(str(a) for a in argv)[:300]} exited with {process.returncode}:\n{text[-3000:]}")
    return Sample(wall, usage.ru_utime + usage.ru_stime, text)


@dataclass
class Job:
    """One command to time: `argv(i)` gives the command line of run i (run -1 is the untimed first run),
    and may prepare its files first (outside the time)."""

    argv: Callable[[int], Sequence[str]]
    env: dict[str, str]
    cwd: Path
    runs: int | None = None  # at most this many runs (a slow command); None: every cycle
    warm: bool = True  # run once, untimed, before the first cycle
    samples: list[Sample | None] = field(default_factory=list)  # one a cycle; None where it did not run
    failures: list[str] = field(default_factory=list)  # each failed run's message


def _run(job: Job, run: int) -> Sample | None:
    """One run of a job, or None with its failure kept (others edit the code measured: a run may fail and
    the next succeed)."""
    try:
        return timed(job.argv(run), job.env, job.cwd)
    except Failed as failed:
        job.failures.append(f"run {run + 1 if run >= 0 else '0 (untimed)'}: {failed}")
        return None


def interleave(jobs: dict[str, Job], runs: int, say: Callable[[str], None]) -> None:
    """Run the jobs in `runs` cycles, each once a cycle (fewer where a job says so), the order turned each
    cycle; record each job's samples, and the failure of any run."""
    names = list(jobs)
    for name in names:
        if jobs[name].warm:
            _run(jobs[name], -1)
    for cycle in range(runs):
        turn = cycle % len(names)
        order = [name for name in names[turn:] + names[:turn] if cycle < (jobs[name].runs or runs)]
        say(f"cycle {cycle + 1} of {runs}: {', '.join(order)}")
        for name in names:
            jobs[name].samples.append(None)
        for name in order:
            jobs[name].samples[-1] = _run(jobs[name], cycle)


@dataclass(frozen=True)
class Target:
    limit: float
    unit: str  # "s": the figure's median seconds; "x": the ratio to the reference

    def judged(self, seconds: float, ratio: float | None) -> str:
        value = seconds if self.unit == "s" else ratio
        words = f"<= {self.limit:g} s" if self.unit == "s" else f"<= {self.limit:.2f}x"
        if value is None:
            return words
        return f"{words} {'met' if value <= self.limit else 'MISSED'}"


@dataclass
class Row:
    """One line of the table: a figure, its reference, and the issue's target and 'now' figure."""

    key: str  # the name --only selects it by
    figure: str
    job: str
    reference: str
    reference_job: str
    targets: tuple[Target, ...] = ()
    now: str = ""  # the figure before the work, for context
    scale: float = 1.0  # the reference's seconds are multiplied by this (measured on fewer files)
    note: Callable[[], str] | None = None  # said under the row, e.g. the pages of each PDF
    unavailable: str | None = None  # why the row cannot be measured here, e.g. "n/a (no cache yet)"


def _median(samples: list[Sample | None]) -> float | None:
    walls = [s.wall for s in samples if s is not None]
    return statistics.median(walls) if walls else None


def _ratios(figure: list[Sample | None], reference: list[Sample | None]) -> list[float]:
    return [a.wall / b.wall for a, b in zip(figure, reference) if a is not None and b is not None]


def _count(samples: list[Sample | None]) -> int:
    return sum(1 for s in samples if s is not None)


COLUMNS = ("row", "figure", "median", "runs", "cpu", "reference", "median", "runs", "ratio (range)", "target", "now")
WIDTHS = (24, 48, 9, 4, 8, 30, 9, 4, 22, 22, 0)


def header() -> str:
    return line(COLUMNS) + "\n" + line(tuple("-" * max(w, 3) for w in WIDTHS[:-1]) + ("---",))


def line(cells: Sequence[str]) -> str:
    return "  ".join(c.ljust(w) if w else c for c, w in zip(cells, WIDTHS)).rstrip()


def row_text(row: Row, jobs: dict[str, Job]) -> str:
    """The row's line of the table (and any note under it)."""
    if row.unavailable:
        return line((row.key, row.figure, row.unavailable, "", "", row.reference, "", "", "", "", row.now))
    figure, reference = jobs[row.job], jobs[row.reference_job]
    for job in (figure, reference):
        if not _count(job.samples):
            return line((row.key, row.figure, "FAILED", "", "", row.reference, "", "", "see the end", "", row.now))
    seconds, base = _median(figure.samples), _median(reference.samples)
    assert seconds is not None and base is not None
    base *= row.scale
    paired = _ratios(figure.samples, reference.samples) if row.scale == 1.0 else []
    if len(paired) == _count(figure.samples) and paired:
        ratio = statistics.median(paired)
        ratio_text = f"{ratio:.2f}x" + (f" ({min(paired):.2f}-{max(paired):.2f})" if len(paired) > 1 else "")
    else:
        ratio = seconds / base
        ratio_text = f"{ratio:.2f}x (of medians)"
    cpu = statistics.median(s.cpu for s in figure.samples if s is not None)
    targets = "; ".join(t.judged(seconds, ratio) for t in row.targets) or "-"
    text = line((row.key, row.figure, f"{seconds:.3f} s", str(_count(figure.samples)), f"{cpu:.2f} s",
                 row.reference, f"{base:.3f} s", str(_count(reference.samples)), ratio_text, targets, row.now))
    notes = [row.note()] if row.note else []
    notes += [f"'{name}' failed {len(job.failures)} time(s): see FAILED below"
              for name, job in ((row.job, figure), (row.reference_job, reference)) if job.failures]
    return text + "".join(f"\n{'':24}  ({note})" for note in notes)


def errors(jobs: dict[str, Job]) -> list[str]:
    """Each job's failures, each message once with the runs that gave it."""
    found: dict[tuple[str, str], list[str]] = {}
    for name, job in jobs.items():
        for failure in job.failures:
            run, _, message = failure.partition(": ")
            found.setdefault((name, message), []).append(run)
    return [f"{name} ({', '.join(runs)}): {message}" for (name, message), runs in found.items()]


def parse(description: str, keys: Sequence[str], quick_runs: int) -> argparse.Namespace:
    """--runs, --quick and --only, shared by both benchmarks; --only is checked against the row keys."""
    parser = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog=f"rows: {', '.join(keys)}")
    parser.add_argument("--runs", type=int, default=None,
                        help=f"cycles of each figure and its reference (default 5; {quick_runs} with --quick)")
    parser.add_argument("--quick", action="store_true", help="a smoke run: fewer plans and runs")
    parser.add_argument("--only", default="", help="comma-separated row names to measure (default: every row)")
    args = parser.parse_args()
    args.runs_given = args.runs is not None
    args.runs = args.runs if args.runs is not None else (quick_runs if args.quick else 5)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    args.only = [k.strip() for k in args.only.split(",") if k.strip()] or list(keys)
    unknown = [k for k in args.only if k not in keys]
    if unknown:
        parser.error(f"no such row: {', '.join(unknown)} (rows: {', '.join(keys)})")
    return args


def machine() -> str:
    """The machine's cores, Python and load: absolute targets are for a quiet 2-core machine."""
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return (f"machine: {os.cpu_count()} cores ({usable} usable by this process), Python {sys.version.split()[0]}, "
            f"load average {load} (1, 5, 15 min)")


def stderr(words: str) -> None:
    print(f"  ... {words}", file=sys.stderr, flush=True)


def measure(rows: Sequence[Row], jobs: dict[str, Job], runs: int) -> list[str]:
    """Time the jobs the rows need, interleaved, print the rows as they stand, and return the errors."""
    wanted = {name for row in rows if not row.unavailable for name in (row.job, row.reference_job)}
    chosen = {name: job for name, job in jobs.items() if name in wanted}
    if chosen:
        interleave(chosen, runs, stderr)
    for row in rows:
        print(row_text(row, chosen), flush=True)
    return errors(chosen)


def plan_copies(templates: Sequence[Path], folder: Path, count: int) -> list[Path]:
    """`count` plans made from the templates in turn, each with a file name and a title of its own."""
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for i in range(count):
        template = templates[i % len(templates)]
        text = template.read_text(encoding="utf-8")
        text = re.sub(r"^title: .*$", f"title: Benchmark copy {i} of {template.stem}", text, count=1, flags=re.M)
        path = folder / f"copy-{i:04}-{template.stem}.yaml"
        path.write_text(text, encoding="utf-8")
        files.append(path)
    return files


def sources() -> tuple[int, int]:
    """How many of plancc's own files (src/plancc, templates) there are and the newest change among them: others
    edit this working tree, and an edit during a run mixes versions (and makes a rebuild rebuild everything)."""
    found = [f.stat().st_mtime_ns for top in (ROOT / "src" / "plancc", ROOT / "templates") for f in top.rglob("*")
             if f.is_file() and "__pycache__" not in f.parts]
    return len(found), max(found, default=0)


def finish(problems: list[str], started: tuple[int, int]) -> NoReturn:
    """Say what failed, and whether plancc's files changed since `started` (sources()); exit 1 if anything failed."""
    if sources() != started:
        print("\nNOTE plancc's own files (src/plancc, templates) changed during this run: rows may mix versions "
              "of plancc, and a rebuild after a change to them rebuilds every plan. Measure again on a tree "
              "nobody is editing.")
    for problem in problems:
        print(f"\nFAILED {problem}")
    sys.exit(1 if problems else 0)
