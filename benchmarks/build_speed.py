"""Benchmark `plancc build` and `plancc print`: whole processes, wall time and peak memory.

Run:  .venv/bin/python benchmarks/build_speed.py

Prints, measured on this machine (targets on a 2-core machine in brackets):
- the build of the three example plans (HTML, PDF, data), from nothing (<= 3 s);
- the PDF of a generated plan of about 100 pages (<= 10 s);
- the rebuild after one of the three plans changed, beside the build of that plan alone
  (the rebuild should cost no more than that plan alone);
- `plancc print` of each example against the `weasyprint` command on the same HTML (the page
  `plancc render` writes), tagged PDF/UA-1 both, as a ratio: the median of RUNS interleaved pairs
  (plancc's own work on top of WeasyPrint's: checking the plan, fetching nothing remote, and
  mending the PDF's table tags);
with the peak memory of each.
"""

from __future__ import annotations

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
PLANCC = str(Path(sys.executable).parent / "plancc")
WEASYPRINT = str(Path(sys.executable).parent / "weasyprint")
RUNS = 5


def run(*args: str, program: str = PLANCC) -> tuple[float, float]:
    """Wall seconds, and the peak memory (MiB) of the largest of the process and its workers."""
    started = time.perf_counter()
    process = subprocess.Popen([program, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               env={**os.environ, "NO_COLOR": "1"})
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{program} {' '.join(args)} failed:\n"
                 f"{process.stderr.read().decode()[-3000:] if process.stderr else ''}")
    return elapsed, usage.ru_maxrss / 1024


def print_against_weasyprint(plan: Path, work: Path) -> tuple[float, float, float]:
    """Median seconds of `plancc print` and of `weasyprint` on the same page, and the median ratio."""
    page = work / f"{plan.stem}.html"
    run("render", str(plan), "-o", str(page))
    ours, theirs, ratios = [], [], []
    for _ in range(RUNS):
        a, _ = run("print", str(plan), "-o", str(work / "ours.pdf"))
        b, _ = run("--pdf-variant", "pdf/ua-1", "--pdf-tags", "-u", str(work), str(page), str(work / "theirs.pdf"),
                   program=WEASYPRINT)
        ours.append(a)
        theirs.append(b)
        ratios.append(a / b)
    return statistics.median(ours), statistics.median(theirs), statistics.median(ratios)


def big_plan(folder: Path, actions: int = 190) -> Path:
    """A plan like Staffordshire's with many actions and long tables: about 100 pages of PDF."""
    text = (ROOT / "plans" / "staffordshire-ni16-2010.yaml").read_text(encoding="utf-8")
    head, _, rest = text.partition("\nactions:\n")
    first, _, tail = rest.partition("\n\n  - id: ")
    template = first.replace("id: ei-localities", "id: ACTION_ID")
    body = "\n\n".join(template.replace("ACTION_ID", f"generated-{i:03}") for i in range(actions))
    path = folder / "big-plan.yaml"
    path.write_text(f"{head}\nactions:\n{body}\n\n  - id: {tail}", encoding="utf-8")
    return path


def main() -> None:
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        plans = work / "plans"
        shutil.copytree(ROOT / "plans", plans)
        count = len(list(plans.glob("*.yaml")))
        run("check", str(plans))  # warm the file cache
        seconds, mib = run("build", str(plans), "--out", str(work / "site"), "--no-a11y")
        print(f"build of the {count} example plans (HTML, PDF, data), from nothing: {seconds:.2f} s, "
              f"peak {mib:.0f} MiB (target <= 3 s)")

        for plan in sorted(plans.glob("*.yaml")):
            ours, theirs, ratio = print_against_weasyprint(plan, work)
            print(f"plancc print {plan.name}: {ours:.2f} s; weasyprint on the same HTML: {theirs:.2f} s; "
                  f"ratio {ratio:.2f}x (median of {RUNS} pairs)")

        big = work / "big"
        big.mkdir()
        plan = big_plan(big)
        seconds, mib = run("print", str(plan), "-o", str(big / "big.pdf"))
        pages = re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(big / "big.pdf")], capture_output=True,
                                                            text=True).stdout)
        print(f"PDF of a generated plan of {pages.group(1) if pages else '?'} pages: {seconds:.2f} s, "
              f"peak {mib:.0f} MiB (target <= 10 s)")

        salford = plans / "salford-burglary-2002.yaml"
        salford.write_text(salford.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
        seconds, mib = run("build", str(plans), "--out", str(work / "site"), "--no-a11y")
        alone = work / "alone"
        alone.mkdir()
        shutil.copy(salford, alone)
        seconds_alone, _ = run("build", str(alone), "--out", str(work / "alone-site"), "--no-a11y")
        seconds_a11y, _ = run("build", str(plans), "--out", str(work / "site-a11y"))
        seconds_no_a11y, _ = run("build", str(plans), "--out", str(work / "site-no-a11y"), "--no-a11y")
        print(f"the same build with its accessibility check (axe-core in Chromium, {count + 2} pages at 320 and 1280 px): "
              f"{seconds_a11y:.2f} s, against {seconds_no_a11y:.2f} s without it ({seconds_a11y / seconds_no_a11y:.2f}x)")
        print(f"rebuild after one of {count} plans changed: {seconds:.2f} s, peak {mib:.0f} MiB; "
              f"that plan alone from nothing: {seconds_alone:.2f} s (target: rebuild <= that plan alone)")


if __name__ == "__main__":
    main()
