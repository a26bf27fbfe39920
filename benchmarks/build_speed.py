"""Benchmark `plancc build` and `plancc print`: each figure of issue J's targets beside a reference
measured in the same run.

Run:  .venv/bin/python benchmarks/build_speed.py [--runs 5] [--quick] [--only print-staffordshire,build-30]

Rows (whole processes; median of --runs interleaved cycles):
- print-<plan>, for each of the three examples: `plancc print` against the `weasyprint` command
  (tagged PDF/UA-1, as plancc asks) on the page `plancc render` writes of the same plan;
- print-big: the same for a generated plan of 190 actions, about 90-108 pages (big_plan below), or of
  as many actions as plancc's limit on a plan's text allows (the row says so);
- build-1, -3, -10, -30: `plancc build --no-a11y` from nothing (a new site folder each run) of 1 plan
  (Staffordshire), the three examples, and 10 and 30 copies of them (file names and titles of their
  own); build-1 against `weasyprint` on that plan's page, the others against build-1;
- gate: the build of the three examples from nothing with its accessibility check (axe-core in
  Chromium, both widths: plain `plancc build`) against the same build with --no-a11y; from nothing for
  both: each run starts with an empty cache folder of its own ($PLANCC_CACHE_DIR), so no check result
  and no page's accessibility report is read from an earlier run;
- gate-seen: the same build into a fresh --out, with the cache kept from an earlier build of the same plans
  (untimed, before the runs: every page's report is in it), against the same with --no-a11y (the same
  cache, so both read every plan's check from it);
- one-changed: the rebuild of 30 plans after one of them changed (its title, so its page and PDF
  change), against that plan alone built from nothing;
- nothing-changed: the rebuild of the 30 plans with nothing changed, against `plancc check` of them
  with nothing changed since its last run (its cache holding every file).

--quick: one cycle and no untimed first runs, the 108-page plan made 40 actions long, and 5 plans
where the full run has 10 and 8 where it has 30 (the rows say so; build-10's and build-30's targets,
for 10 and 30 plans, are not judged). When the first builds show that the whole run would take more
than 40 minutes, the slowest rows (build-30, print-big) get 3 runs, unless --runs was given; the
output says so.

Each row gives the median, the runs, the CPU seconds of the figure (user and system, the worker
processes included: more than the wall time means more than one core was busy), the reference, the
ratio (the median of each cycle's ratio, and their range) and the issue's target, marked met or
MISSED; a miss does not change the exit status (a command that fails does). Absolute targets are
for a quiet 2-core machine: see the load average printed first.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Callable, Sequence

sys.path.insert(0, str(Path(__file__).resolve().parent))  # _timing, also when a test loads this file by path

from _timing import (BIN, ROOT, Failed, Job, Row, Target, finish, header, machine, measure,  # noqa: E402
                     parse, plan_copies, sources, stderr, timed, user_env)

PLANCC = str(BIN / "plancc")
WEASYPRINT = str(BIN / "weasyprint")
EXAMPLES = tuple(ROOT / "plans" / f"{name}.yaml"
                 for name in ("salford-burglary-2002", "staffordshire-ni16-2010", "central-beds-csp-2009"))
ONE = EXAMPLES[1]
LIMIT_MINUTES = 40
SIZES = {1: 1, 3: 3, 10: 10, 30: 30}  # each build row's plans (the counts): in this run
QUICK_SIZES = {1: 1, 3: 3, 10: 5, 30: 8}
KEYS = ("print-salford", "print-staffordshire", "print-central-beds", "print-big", "build-1", "build-3",
        "build-10", "build-30", "gate", "gate-seen", "one-changed", "nothing-changed")


def big_plan(folder: Path, actions: int = 190) -> Path:
    """A plan like Staffordshire's with many actions and long tables: about 108 pages of PDF."""
    text = (ROOT / "plans" / "staffordshire-ni16-2010.yaml").read_text(encoding="utf-8")
    head, _, rest = text.partition("\nactions:\n")
    first, _, tail = rest.partition("\n\n  - id: ")
    template = first.replace("id: ei-localities", "id: ACTION_ID")
    body = "\n\n".join(template.replace("ACTION_ID", f"generated-{i:03}") for i in range(actions))
    path = folder / "big-plan.yaml"
    path.write_text(f"{head}\nactions:\n{body}\n\n  - id: {tail}", encoding="utf-8")
    return path


class Bench:
    """The folder the benchmark works in, the environment of its commands, and its choices.
    (A plain class: tests/test_reflow.py loads this file without registering it, which dataclasses need.)"""

    def __init__(self, work: Path, env: dict[str, str], runs: int, quick: bool) -> None:
        self.work, self.env, self.runs, self.quick = work, env, runs, quick
        self.slow_runs = runs  # the runs of the slowest rows
        self.sizes = QUICK_SIZES if quick else SIZES

    def job(self, argv: Callable[[int], Sequence[str]], runs: int | None = None, warm: bool = True) -> Job:
        """A command to time; run once untimed first (warm) unless told not to, or in a --quick run."""
        return Job(argv, self.env, self.work, runs, warm and not self.quick)

    def fresh_site(self, name: str) -> Callable[[int], Path]:
        """A new site folder for each run of a build from nothing (the previous run's removed first)."""
        def site(run: int) -> Path:
            shutil.rmtree(self.work / "runs" / f"{name}{run - 1}", ignore_errors=True)
            return self.work / "runs" / f"{name}{run}" / "site"
        return site

    def cached_job(self, argv: Callable[[int], Sequence[str]], cache: Path, empty: bool) -> Job:
        """A command whose caches are in `cache` ($PLANCC_CACHE_DIR): emptied before each run (a build from
        nothing) or kept; not run untimed first (the first builds wrote Python's bytecode)."""
        def run(i: int) -> Sequence[str]:
            if empty:
                shutil.rmtree(cache, ignore_errors=True)
            return argv(i)
        return Job(run, {**self.env, "PLANCC_CACHE_DIR": str(cache)}, self.work, None, False)

    def from_nothing(self, name: str, plans: Path, gate: bool = False) -> Callable[[int], list[str]]:
        site = self.fresh_site(name)
        return lambda run: [PLANCC, "build", str(plans), "--out", str(site(run)), *([] if gate else ["--no-a11y"])]

    def page(self, plan: Path) -> Path:
        """The page `plancc render` writes of the plan, with its assets beside it."""
        page = self.work / "html" / f"{plan.stem}.html"
        if not page.exists():
            timed([PLANCC, "render", str(plan), "-o", str(page)], self.env, self.work)
        return page

    def weasyprint(self, plan: Path) -> Callable[[int], list[str]]:
        page, pdf = self.page(plan), self.work / "pdf" / f"{plan.stem}-weasyprint.pdf"
        return lambda run: [WEASYPRINT, "--pdf-variant", "pdf/ua-1", "--pdf-tags", str(page), str(pdf)]

    def plancc_print(self, plan: Path) -> Callable[[int], list[str]]:
        return lambda run: [PLANCC, "print", str(plan), "-o", str(self.work / "pdf" / f"{plan.stem}-plancc.pdf")]


def pdf_facts(bench: Bench, stem: str) -> Callable[[], str]:
    """Pages and embedded fonts of plancc's PDF and of WeasyPrint's, to show that the two are alike."""
    def facts(which: str) -> str:
        pdf = bench.work / "pdf" / f"{stem}-{which}.pdf"
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        pages = next((line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")), "?")
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout.splitlines()[2:]
        return f"{which} {pages} pages, {len(fonts)} fonts"
    return lambda: "; ".join(facts(which) for which in ("plancc", "weasyprint"))


def last_output(job: Job) -> list[str]:
    """The lines of a job's last output (its end: what the build said of each plan and of its pages)."""
    outputs = [s.output for s in job.samples if s is not None]
    return outputs[-1].splitlines() if outputs else []


def last_line(job_name: str, jobs: dict[str, Job], starts: str) -> Callable[[], str]:
    """The line of a job's last output that starts with these words: what its accessibility check said."""
    def note() -> str:
        found = [ln.strip() for ln in last_output(jobs[job_name]) if ln.startswith(starts)]
        return found[-1] if found else f"no line '{starts}...' in its output"
    return note


def outcomes(job_name: str, jobs: dict[str, Job]) -> Callable[[], str]:
    """How many plans the job's last build built, and how many it kept ('  plans/x.yaml: unchanged, kept')."""
    def note() -> str:
        said = [ln.rpartition(".yaml: ")[2].strip() for ln in last_output(jobs[job_name]) if ".yaml: " in ln]
        counts = {word: said.count(word) for word in dict.fromkeys(said)}
        return f"its last run: {'; '.join(f'{n} {word}' for word, n in counts.items()) or 'no plan listed'}"
    return note


def prints(bench: Bench, selected: list[str]) -> list[str]:
    rows, jobs = [], {}
    for key, plan in zip(KEYS, EXAMPLES):
        if key in selected:
            rows.append(Row(key, f"plancc print, {plan.stem}", f"print {plan.stem}", "weasyprint, same HTML",
                            f"weasyprint {plan.stem}", (Target(1.05, "x"),), "1.16x", note=pdf_facts(bench, plan.stem)))
            jobs[f"print {plan.stem}"] = bench.job(bench.plancc_print(plan))
            jobs[f"weasyprint {plan.stem}"] = bench.job(bench.weasyprint(plan))
    errors = measure(rows, jobs, bench.runs) if rows else []
    if "print-big" not in selected:
        return errors
    wanted = 40 if bench.quick else 190
    plan, actions = printable_big_plan(bench, wanted)
    facts = pdf_facts(bench, plan.stem)
    fewer = f"; {wanted} actions are over plancc's limit on a plan's text" if actions < wanted else ""
    row = Row("print-big", f"plancc print, generated plan, {actions} actions", "print", "weasyprint, same HTML",
              "weasyprint", (Target(7, "s"), Target(1.05, "x")), "11.8 s; 1.07x", note=lambda: facts() + fewer)
    jobs = {"print": bench.job(bench.plancc_print(plan), bench.slow_runs),
            "weasyprint": bench.job(bench.weasyprint(plan), bench.slow_runs)}
    return errors + measure([row], jobs, bench.runs)


def printable_big_plan(bench: Bench, wanted: int) -> tuple[Path, int]:
    """The generated long plan with `wanted` actions or, where plancc refuses that many (its limit on a plan's
    text), with the most it takes, found by checking; and the number of its actions."""
    folder = bench.work / "big"
    folder.mkdir(exist_ok=True)

    def checks(actions: int) -> bool:
        plan = big_plan(folder, actions)
        return subprocess.run([PLANCC, "check", str(plan)], capture_output=True, env=bench.env,
                              cwd=bench.work).returncode == 0

    if checks(wanted):
        return folder / "big-plan.yaml", wanted
    good, bad = 0, wanted
    while bad - good > 1:
        middle = (good + bad) // 2
        good, bad = (middle, bad) if checks(middle) else (good, middle)
    if good == 0:
        timed([PLANCC, "check", str(big_plan(folder, 1))], bench.env, bench.work)  # raises Failed, saying why
    return big_plan(folder, good), good


def plan_sets(bench: Bench) -> dict[int, Path]:
    """A folder for each count of plans: Staffordshire, the three examples, then copies of them."""
    sets = {}
    for count in bench.sizes.values():
        folder = bench.work / "sets" / str(count)
        if count <= len(EXAMPLES):
            folder.mkdir(parents=True)
            for plan in (EXAMPLES if count == len(EXAMPLES) else (ONE,))[:count]:
                shutil.copy(plan, folder)
        else:
            plan_copies(EXAMPLES, folder, count)
        sets[count] = folder
    return sets


def builds(bench: Bench, selected: list[str], sets: dict[int, Path]) -> list[str]:
    now = {1: "1.84 s", 3: "3.35 s", 10: "7.57 s", 30: "21.2 s"}
    targets = {3: (Target(2.5, "s"),), 30: (Target(12, "s"),)}
    jobs = {"weasyprint 1": bench.job(bench.weasyprint(ONE)), "build 1": bench.job(bench.from_nothing("b1-", sets[1]))}
    rows = [Row("build-1", "build --no-a11y from nothing, 1 plan", "build 1", "weasyprint, its HTML", "weasyprint 1",
                (), now[1])]
    for size in (3, 10, 30):
        count = bench.sizes[size]
        what = "three examples" if count == 3 else f"{count} plans" + (" (--quick)" if count != size else "")
        rows.append(Row(f"build-{size}", f"build --no-a11y from nothing, {what}", f"build {count}",
                        "1 plan, from nothing", "build 1", targets.get(size, ()) if count == size else (),
                        now[size] if count == size else ""))
        jobs[f"build {count}"] = bench.job(bench.from_nothing(f"b{count}-", sets[count]),
                                           bench.slow_runs if size == 30 else None, warm=False)
    rows += gates(bench, selected, sets[3], jobs)
    return measure([r for r in rows if r.key in selected], jobs, bench.runs)


def gates(bench: Bench, selected: list[str], plans: Path, jobs: dict[str, Job]) -> list[Row]:
    """The rows of the accessibility check (the gate), their jobs added to `jobs`: from nothing, each run with
    an empty cache; and seen before, with the cache an earlier build of the same plans filled."""
    caches = bench.work / "caches"
    for name, gate in (("gate", True), ("gate ref", False)):
        jobs[name] = bench.cached_job(bench.from_nothing(name.replace(" ", "-") + "-", plans, gate),
                                      caches / name.replace(" ", "-"), empty=True)
    rows = [Row("gate", "three examples, with the gate (both widths)", "gate", "the same, --no-a11y",
                "gate ref", (Target(1.5, "x"),), "about 2.7x", note=last_line("gate", jobs, "Accessibility checks"))]
    if "gate-seen" not in selected:
        return rows
    seen = caches / "seen"
    timed(bench.from_nothing("seen-first-", plans, gate=True)(0), {**bench.env, "PLANCC_CACHE_DIR": str(seen)},
          bench.work)  # the earlier build: every page's report kept
    for name, gate in (("seen", True), ("seen ref", False)):
        jobs[name] = bench.cached_job(bench.from_nothing(name.replace(" ", "-") + "-", plans, gate), seen, empty=False)
    kept = [p for p in (seen / "a11y-1").iterdir() if not p.name.startswith((".", "chromium-"))]
    said = last_line("seen", jobs, "Accessibility checks")
    return rows + [Row("gate-seen", "the same into a fresh --out, cache kept", "seen", "the same, --no-a11y",
                       "seen ref", (), "", note=lambda: f"{said()} The earlier build kept {len(kept)} pages' reports.")]


def edit_title(plan: Path, run: int) -> None:
    """A change an officer might make: the plan's title, so that its page and PDF change."""
    lines = plan.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if line.startswith("title: "))
    lines[index] = f"title: Edited in benchmark run {run}\n"
    plan.write_text("".join(lines), encoding="utf-8")


def rebuilds(bench: Bench, selected: list[str], count: int) -> list[str]:
    jobs: dict[str, Job] = {}  # filled below, once the plans are made; the notes read it after the runs
    rows = [Row("one-changed", f"one of {count} plans changed, rebuild", "changed", "that plan alone, from nothing",
                "alone", (Target(1.0, "x"),), "1.15x", note=outcomes("changed", jobs)),
            Row("nothing-changed", f"{count} plans, nothing changed, rebuild", "unchanged",
                f"plancc check of the {count}, cached", "check", (), "0.77 s", note=outcomes("unchanged", jobs))]
    rows = [r for r in rows if r.key in selected]
    if not rows:
        return []
    plans = plan_copies(EXAMPLES, bench.work / "rebuilt", count)
    changed, alone = plans[1], bench.work / "alone"  # a copy of Staffordshire
    alone.mkdir()
    rebuild = [PLANCC, "build", str(changed.parent), "--out", str(bench.work / "rebuilt-site" / "site"), "--no-a11y"]
    check = [PLANCC, "check", str(changed.parent)]
    alone_site = bench.fresh_site("alone-")
    for untimed in (rebuild, check):  # the site the rebuilds start from, and the check's cache
        timed(untimed, bench.env, bench.work)

    def change(run: int) -> list[str]:
        edit_title(changed, run)
        return rebuild

    def by_itself(run: int) -> list[str]:
        shutil.copy(changed, alone)  # as the last rebuild had it
        return [PLANCC, "build", str(alone), "--out", str(alone_site(run)), "--no-a11y"]

    jobs.update({"unchanged": bench.job(lambda run: rebuild), "changed": bench.job(change),
                 "alone": bench.job(by_itself), "check": bench.job(lambda run: check)})
    return measure(rows, jobs, bench.runs)


def estimate(bench: Bench, one: float, three: float, selected: list[str]) -> float:
    """Seconds the measurements would take, from a build of 1 plan and one of 3 (each from nothing)."""
    per_plan = max((three - one) / 2, 0.05 * one)
    build = {size: one + (count - 1) * per_plan for size, count in bench.sizes.items()}
    runs, slow, most = bench.runs, bench.slow_runs, bench.sizes[30]
    rows = {"print-salford": 2 * runs * one, "print-staffordshire": 2 * runs * one, "print-central-beds": 2 * runs * one,
            "print-big": 2 * (slow + 1) * (4 if bench.quick else 6) * one, "build-1": runs * 2 * one,
            "build-3": runs * build[3], "build-10": runs * build[10], "build-30": slow * build[30],
            "gate": runs * 3.7 * build[3], "gate-seen": (3.7 + runs * 2.2) * build[3],
            "one-changed": most * per_plan + (runs + 1) * 2 * one,
            "nothing-changed": most * per_plan + runs * one}
    return sum(seconds for key, seconds in rows.items() if key in selected)


def main() -> None:
    args = parse(__doc__ or "", KEYS, quick_runs=1)
    started = sources()
    print(machine())
    with tempfile.TemporaryDirectory(prefix="plancc-build-bench-") as tmp:
        work = Path(tmp)
        shutil.copy(ROOT / "plancc.yml", work)  # the site settings, in the folder the commands run in
        bench = Bench(work, user_env(work / "pycache"), args.runs, args.quick)
        sets = plan_sets(bench)
        try:  # the first builds write Python's bytecode, and say how long the rest will take
            one = timed(bench.from_nothing("first-", sets[1])(0), bench.env, work).wall
            three = timed(bench.from_nothing("first-", sets[3])(1), bench.env, work).wall
        except Failed as failed:
            sys.exit(f"The first builds failed, so nothing was measured:\n{failed}")
        minutes = estimate(bench, one, three, args.only) / 60
        said = f"first builds: 1 plan {one:.2f} s, 3 plans {three:.2f} s; the rows would take about {minutes:.0f} min"
        if minutes > LIMIT_MINUTES and not args.runs_given and bench.runs > 3:
            bench.slow_runs = 3
            minutes = estimate(bench, one, three, args.only) / 60
            said += f"; over {LIMIT_MINUTES} min, so build-30 and print-big get 3 runs (about {minutes:.0f} min)"
        print(said)
        print(f"plans: the three examples ({', '.join(p.stem for p in EXAMPLES)}); 1 plan is {ONE.stem}; "
              f"more are copies of the three with file names and titles of their own; median of {bench.runs} "
              "interleaved cycles unless 'runs' says")
        print(header(), flush=True)
        problems: list[str] = []
        groups: list[Callable[[], list[str]]] = [lambda: prints(bench, args.only),
                                                 lambda: builds(bench, args.only, sets),
                                                 lambda: rebuilds(bench, args.only, bench.sizes[30])]
        for group in groups:
            try:
                problems += group()
            except Failed as failed:  # preparing the group failed (a plan refused, say): the others still run
                problems.append(str(failed))
        stderr(f"finished; {machine()}")
    finish(problems, started)


if __name__ == "__main__":
    main()
