"""Fuzz plancc for many examples: the property of tests/test_fuzz.py (no crash, hang or internal error,
located diagnostics, check and render agreeing) over changed example plans, counting every failure.

    .venv/bin/python benchmarks/fuzz.py [--examples 100000] [--jobs 2] [--seed 0]

The examples are made in chunks, each by Hypothesis from its own seed, on `--jobs` processes. It
prints how many ran, how many failed, each distinct failure (its kind, where in plancc, and the
changes that made it) and the time taken; the failing files go to build/fuzz-failures/. It exits 1
when any example failed. Ctrl-C (or SIGTERM) stops it early with the same report of what had run.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402

from fuzz_judge import LIMIT, Failure, fast_templates, judge  # noqa: E402
from fuzz_plans import Case, base_plans, cases  # noqa: E402

OUT = ROOT / "build" / "fuzz-failures"
SAVED_PER_KIND = 5


@dataclass
class Found:
    """What a chunk of examples found: how many ran, and each failure with the example that made it."""

    examples: int = 0
    failures: list[tuple[Failure, str, bytes]] = field(default_factory=list)
    stopped: bool = False  # by Ctrl-C or SIGTERM, before all the examples had run
    deaths: int = 0  # times a worker process stopped (its chunk is not counted)


def _work_file(folder: Path, suffix: str) -> Path:
    """A file of this process's in the run's folder: the example it is on (.yaml) and its chunk's seed (.seed),
    so that the example a process died on, and its chunk, are known."""
    return folder / f"worker-{os.getpid()}.{suffix}"


def run_chunk(folder: Path, chunk_seed: int, examples: int) -> Found:
    """Run `examples` examples made from one seed (in a worker process)."""
    found = Found()
    path = _work_file(folder, "yaml")
    _work_file(folder, "seed").write_text(str(chunk_seed))

    @seed(chunk_seed)
    @settings(max_examples=examples, database=None, deadline=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(cases())
    def one(case: Case) -> None:
        path.write_bytes(case.data)
        found.examples += 1
        found.failures.extend((f, case.describe(), case.data) for f in judge(path))

    with fast_templates():
        try:
            one()
        except Exception as exc:  # noqa: BLE001 - the generator's own fault: said as a failure, the rest run on
            where = f"chunk with seed {chunk_seed}"
            found.failures.append((Failure("the fuzzer failed", where, f"{type(exc).__name__}: {exc}"), where, b""))
    path.unlink(missing_ok=True)
    _work_file(folder, "seed").unlink()
    return found


def _dies(data: bytes) -> bool:
    """Whether judging the file stops a fresh process, or runs past three times the time limit."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.yaml"
        path.write_bytes(data)
        code = (f"import sys; sys.path.insert(0, {str(ROOT / 'tests')!r}); from pathlib import Path; "
                f"from fuzz_judge import judge; judge(Path({str(path)!r}))")
        try:
            run = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=LIMIT * 3 + 30)
            return run.returncode != 0
        except subprocess.TimeoutExpired:
            return True


def _lost(folder: Path, seeds: list[tuple[int, int]]) -> list[tuple[Failure, str, bytes]]:
    """After a worker died: the chunks the workers were on are dropped from `seeds` (they are not counted),
    and the examples they were on that stop a fresh process too are failures."""
    lost = []
    for marker in folder.glob("worker-*.seed"):
        chunk = int(marker.read_text())
        seeds[:] = [s for s in seeds if s[0] != chunk]
        example = marker.with_suffix(".yaml")
        if example.exists() and _dies(example.read_bytes()):
            lost.append((Failure("died", "a worker process", "judging this file stops the process (a hang in C code, "
                                 "or a crash)"), f"chunk with seed {chunk}", example.read_bytes()))
        example.unlink(missing_ok=True)
        marker.unlink()
    return lost


def run(total: int, jobs: int, first_seed: int, chunk: int) -> Found:
    """Run `total` examples in chunks on `jobs` processes; the chunks being run when a process died are not counted.
    Ctrl-C (or SIGTERM) stops the run: what the finished chunks found is kept, and `stopped` is set."""
    base_plans()  # read once, before the workers start
    seeds = [(first_seed + i, min(chunk, total - i * chunk)) for i in range((total + chunk - 1) // chunk)]
    result = Found()
    with tempfile.TemporaryDirectory(prefix="plancc-fuzz-") as work:
        _run_chunks(Path(work), seeds, jobs, total, result)
    return result


def _run_chunks(folder: Path, seeds: list[tuple[int, int]], jobs: int, total: int, result: Found) -> None:
    """Run the chunks of `seeds` into `result`, on a new pool of processes after one of them died."""
    while seeds and not result.stopped:
        pool = ProcessPoolExecutor(max_workers=jobs, initializer=_worker_signals)
        running: dict[Future[Found], tuple[int, int]] = {pool.submit(run_chunk, folder, *s): s for s in seeds}
        try:
            while running:
                done, _ = wait(running, timeout=1, return_when=FIRST_COMPLETED)  # a second, to see Ctrl-C
                for future in done:
                    part = future.result()
                    seeds.remove(running.pop(future))
                    result.examples += part.examples
                    result.failures += part.failures
                    _progress(result, total)
        except BrokenProcessPool:
            pool.shutdown(cancel_futures=True)
            result.deaths += 1
            result.failures += _lost(folder, seeds)
        except KeyboardInterrupt:
            result.stopped = True
            for process in list(getattr(pool, "_processes", {}).values()):  # their chunks are not counted
                process.terminate()
        finally:
            pool.shutdown(cancel_futures=True)


def _worker_signals() -> None:
    """A worker leaves Ctrl-C to the main process, and stops at once when it is told to."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def _progress(result: Found, total: int) -> None:
    print(f"  {result.examples:,} of {total:,} examples, {len(result.failures)} failures", file=sys.stderr, flush=True)


def report(result: Found, seconds: float) -> None:
    """Print the counts and each distinct failure; save the failing files."""
    kinds: dict[tuple[str, str], list[tuple[Failure, str, bytes]]] = {}
    for item in result.failures:
        kinds.setdefault((item[0].kind, item[0].where), []).append(item)
    print(f"examples run: {result.examples:,}" + (" (stopped before the end)" if result.stopped else ""))
    print(f"failures: {len(result.failures)} ({len(kinds)} distinct)")
    if result.deaths:
        print(f"a worker process stopped {result.deaths} time(s): the chunks then being run are not counted")
    print(f"time: {seconds:,.0f} s ({result.examples / max(seconds, 1e-9):.1f} examples a second)")
    if kinds:
        OUT.mkdir(parents=True, exist_ok=True)
    for (kind, where), items in sorted(kinds.items(), key=lambda k: -len(k[1])):
        first = min(items, key=lambda item: (len(item[1]), len(item[2])))  # the fewest changes
        print(f"\n{len(items)} x {kind} at {where}\n  {first[0].detail}\n  example: {first[1]}")
        for failure, described, data in items[:SAVED_PER_KIND]:
            name = hashlib.sha256(data).hexdigest()[:12]
            (OUT / f"{name}.yaml").write_bytes(data)
            (OUT / f"{name}.txt").write_text(f"{failure}\n{described}\n", encoding="utf-8")
    if kinds:
        print(f"\nthe failing files are in {OUT.relative_to(ROOT)}/ (NAME.yaml, and what failed in NAME.txt)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--examples", type=int, default=100_000, help="how many examples to run (default 100,000)")
    parser.add_argument("--jobs", type=int, default=2, help="how many processes (default 2)")
    parser.add_argument("--seed", type=int, default=0, help="the first chunk's seed; each chunk uses the next")
    parser.add_argument("--chunk", type=int, default=250, help="examples a chunk (default 250)")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, _interrupt)
    started = time.monotonic()
    result = run(args.examples, args.jobs, args.seed, args.chunk)
    report(result, time.monotonic() - started)
    sys.exit(1 if result.failures else 0)


if __name__ == "__main__":
    main()
