"""Benchmark `plancc build` and `plancc print`: whole processes, wall time and peak memory.

Run:  .venv/bin/python benchmarks/build_speed.py

Prints, measured on this machine (targets on a 2-core machine in brackets):
- the build of the three example plans (HTML, PDF, data), from nothing (<= 3 s);
- the PDF of a generated plan of about 100 pages (<= 10 s);
- the rebuild after one of the three plans changed, beside the build of that plan alone
  (the rebuild should cost no more than that plan alone);
with the peak memory of each.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLANCC = str(Path(sys.executable).parent / "plancc")


def run(*args: str) -> tuple[float, float]:
    """Wall seconds, and the peak memory (MiB) of the largest of the plancc process and its workers."""
    started = time.perf_counter()
    process = subprocess.Popen([PLANCC, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               env={**os.environ, "NO_COLOR": "1"})
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"plancc {' '.join(args)} failed:\n{process.stderr.read().decode()[-3000:] if process.stderr else ''}")
    return elapsed, usage.ru_maxrss / 1024


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
        run("check", str(plans))  # warm the file cache
        seconds, mib = run("build", str(plans), "--out", str(work / "site"), "--no-a11y")
        print(f"build of the 3 example plans (HTML, PDF, data), from nothing: {seconds:.2f} s, "
              f"peak {mib:.0f} MiB (target <= 3 s)")

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
        print(f"the same build with its accessibility check (axe-core in Chromium on 4 pages): {seconds_a11y:.2f} s")
        print(f"rebuild after one of 3 plans changed: {seconds:.2f} s, peak {mib:.0f} MiB; "
              f"that plan alone from nothing: {seconds_alone:.2f} s (target: rebuild <= that plan alone)")


if __name__ == "__main__":
    main()
