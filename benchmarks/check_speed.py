"""Benchmark `plancc check`: each figure of issue J's targets beside a reference measured in the same run.

Run:  .venv/bin/python benchmarks/check_speed.py [--runs 5] [--quick] [--only one-plan,cold-vs-libyaml]

Rows (whole processes, interpreter start included; median of --runs interleaved cycles):
- one-plan: `plancc check` of the Staffordshire plan, edited before each run (so the check cache
  misses, as it does for an officer who has just saved), against `python -c pass`, with Python's
  bytecode kept as an installed plancc has it (runs: 4 x --runs, as each is short);
- one-plan-no-bytecode: the same with PYTHONDONTWRITEBYTECODE=1 and no bytecode of plancc's own
  modules, as on the development machines (they are compiled on every run); both sides alike;
- cold-vs-check-jsonschema: 1,000 Staffordshire-size plans in one `plancc check` with an empty check
  cache (its folder, $PLANCC_CACHE_DIR, removed before each run: a first check, which fills it),
  against check-jsonschema with the same schema on the same files, run once (it takes about a minute);
- cold-vs-libyaml: the same check against one Python process composing every file with libyaml
  (yaml.compose, CSafeLoader): what reading the plans costs at least;
- cached-vs-cold: `plancc check` of the same 1,000 files with nothing changed since the last check
  (the same check run just before, untimed, with a cache folder of its own), against the cold check;
- cached-vs-reading: the same, against one Python process reading every file and hashing it (SHA-256):
  what a cache keyed on the files' content costs at least.

The commands run in a temporary folder holding a copy of plancc.yml; PLANCC_CACHE_DIR and
PLANCC_NO_CACHE of the environment the benchmark runs in are not passed on.

--quick: 3 cycles (12 of the one-plan rows), and 250 plans where the full run has 1,000, with
check-jsonschema run on 50 of them and its time multiplied by 5; the targets, for 1,000, are not judged.

Each row gives the median, the runs, the CPU seconds of the figure (user and system, its worker
processes included), the reference, the ratio (the median of each cycle's ratio, and their range)
and the issue's target, marked met or MISSED; a miss does not change the exit status (a command
that fails does). Absolute targets are for a quiet 2-core machine: see the load average printed first.
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Callable

from _timing import (BIN, ROOT, Failed, Job, Row, Target, finish, header, machine, measure, parse, plan_copies,
                     sources, timed, user_env)

PLANCC = str(BIN / "plancc")
PYTHON = sys.executable
CHECK_JSONSCHEMA = str(BIN / "check-jsonschema")
TEMPLATE = ROOT / "plans" / "staffordshire-ni16-2010.yaml"
ONE_PLAN = Target(0.12, "s")
FULL = 1000  # plans in the many-plans rows (the figure); 250 with --quick
KEYS = ("one-plan", "one-plan-no-bytecode", "cold-vs-check-jsonschema", "cold-vs-libyaml", "cached-vs-cold",
        "cached-vs-reading")

COMPOSE = """import pathlib, sys, yaml
for path in sorted(pathlib.Path(sys.argv[1]).glob('*.yaml')):
    yaml.compose(path.read_bytes(), Loader=yaml.CSafeLoader)
"""
READ_AND_HASH = """import hashlib, pathlib, sys
for path in sorted(pathlib.Path(sys.argv[1]).glob('*.yaml')):
    hashlib.sha256(path.read_bytes()).digest()
"""


def edited(plan: Path, tag: str) -> Callable[[int], list[str]]:
    """The command line of a one-plan check, its plan edited first (a title of the run's own)."""
    text = TEMPLATE.read_text(encoding="utf-8")

    def argv(run: int) -> list[str]:
        plan.write_text(re.sub(r"^title: .*$", f"title: Edited plan, {tag} run {run}", text, count=1, flags=re.M),
                        encoding="utf-8")
        return [PLANCC, "check", str(plan)]
    return argv


def refilled(argv: list[str], env: dict[str, str], cwd: Path) -> Callable[[int], list[str]]:
    """The command line of a check with nothing changed since the last: the same check is run first, untimed,
    so that the cache holds every file even if plancc's own files changed meanwhile (in a working tree that
    others edit, each edit gives the cache new keys)."""
    def argv_of(run: int) -> list[str]:
        timed(argv, env, cwd)
        return argv
    return argv_of


def without_own_bytecode(kept: Path, work: Path) -> Path:
    """A copy of the bytecode folder without plancc's own modules: they are compiled on every run."""
    bare = work / "pycache-bare"
    shutil.copytree(kept, bare)
    own = bare / str((ROOT / "src" / "plancc").resolve()).lstrip("/")
    if not own.is_dir():
        sys.exit(f"plancc's bytecode was not where it was expected: {own}")
    shutil.rmtree(own)
    return bare


def one_plan(work: Path, env: dict[str, str], selected: list[str], runs: int) -> list[str]:
    rows = [Row("one-plan", "one plan, whole process, bytecode kept", "plancc", "python -c pass", "pass",
                (ONE_PLAN,), "0.13-0.15 s, 11-14x"),
            Row("one-plan-no-bytecode", "the same, PYTHONDONTWRITEBYTECODE=1", "plancc-b",
                "python -c pass, the same", "pass-b", (ONE_PLAN,), "")]
    rows = [r for r in rows if r.key in selected]
    if not rows:
        return []
    plan = work / "one" / TEMPLATE.name
    plan.parent.mkdir()
    try:
        timed(edited(plan, "warm")(-1), env, work)  # writes the bytecode of every module a check imports
    except Failed as failed:
        return [str(failed)]
    bare = user_env(without_own_bytecode(Path(env["PYTHONPYCACHEPREFIX"]), work), PYTHONDONTWRITEBYTECODE="1")
    jobs = {"plancc": Job(edited(plan, "A"), env, work), "pass": Job(lambda run: [PYTHON, "-c", "pass"], env, work),
            "plancc-b": Job(edited(plan, "B"), bare, work),
            "pass-b": Job(lambda run: [PYTHON, "-c", "pass"], bare, work)}
    return measure(rows, jobs, runs * 4)


def emptied(cache: Path, argv: list[str]) -> Callable[[int], list[str]]:
    """The command line of a cold check: its cache folder ($PLANCC_CACHE_DIR) removed first, as on a first check."""
    def argv_of(run: int) -> list[str]:
        shutil.rmtree(cache, ignore_errors=True)
        return argv
    return argv_of


def many_plans(work: Path, env: dict[str, str], selected: list[str], runs: int, count: int, quick: bool) -> list[str]:
    files = plan_copies([TEMPLATE], work / "many", count)
    sample = files[:count // 5] if quick else files
    scale = len(files) / len(sample)
    checked = f"check-jsonschema{f', {len(sample)} files x {scale:g}' if scale != 1 else ''}"
    full = count == FULL

    def targets(seconds: float) -> tuple[Target, ...]:
        return (Target(seconds, "s"),) if full else ()  # the targets are for 1,000 plans

    cold = f"{count:,} plans, cold (empty cache)"
    rows = [Row("cold-vs-check-jsonschema", cold, "cold", checked, "check-jsonschema",
                targets(1.5), "1.93 s; 61.4 s (0.031x)" if full else "", scale),
            Row("cold-vs-libyaml", cold, "cold", "libyaml compose, one process", "libyaml",
                targets(1.5), "1.93 s; 2.16 s (0.89x)" if full else ""),
            Row("cached-vs-cold", f"{count:,} plans, nothing changed", "cached", cold, "cold",
                targets(0.5), "same as cold" if full else ""),
            Row("cached-vs-reading", f"{count:,} plans, nothing changed", "cached", "read + SHA-256, one process",
                "reading", targets(0.5), "")]
    rows = [r for r in rows if r.key in selected]
    if not rows:
        return []
    folder = str(work / "many")
    check = [PLANCC, "check", folder]
    schema = str(ROOT / "schemas" / "plan.schema.json")
    cold_env, cached_env = ({**env, "PLANCC_CACHE_DIR": str(work / name)} for name in ("cache-cold", "cache-kept"))
    jobs = {"cold": Job(emptied(work / "cache-cold", check), cold_env, work),
            "cached": Job(refilled(check, cached_env, work), cached_env, work),
            "libyaml": Job(lambda run: [PYTHON, "-c", COMPOSE, folder], env, work),
            "reading": Job(lambda run: [PYTHON, "-c", READ_AND_HASH, folder], env, work),
            "check-jsonschema": Job(lambda run: [CHECK_JSONSCHEMA, "--schemafile", schema,
                                                 *map(str, sample[:1] if run < 0 else sample)], env, work, runs=1)}
    return measure(rows, jobs, runs)


def main() -> None:
    args = parse(__doc__ or "", KEYS, quick_runs=3)
    count = FULL // 4 if args.quick else FULL
    started = sources()
    print(machine())
    print(f"plans: {TEMPLATE.relative_to(ROOT)} ({len(TEMPLATE.read_text().splitlines())} lines), and {count:,} "
          f"copies of it with titles of their own; median of {args.runs} interleaved cycles unless 'runs' says")
    print(header(), flush=True)
    with tempfile.TemporaryDirectory(prefix="plancc-check-bench-") as tmp:
        work = Path(tmp)
        shutil.copy(ROOT / "plancc.yml", work)  # the site settings a check reads, in the folder it runs in
        env = user_env(work / "pycache")
        problems = one_plan(work, env, args.only, args.runs)
        problems += many_plans(work, env, args.only, args.runs, count, args.quick)
    finish(problems, started)


if __name__ == "__main__":
    main()
