"""The pipeline, stage by stage: load -> validate -> (model -> check -> render -> print -> publish).

Each stage collects diagnostics; none raises on a mistake in a plan.
"""

from __future__ import annotations

import os
from datetime import date
from functools import partial
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from plancc.diagnostics import Diagnostic, Severity, group_repeats
from plancc.memory import paused_gc
from plancc.load.plan_files import MAX_BYTES, read_plan_bytes

if TYPE_CHECKING:  # the loader and the validator are imported when a file is checked, not for a cached result
    from plancc.check_cache import CheckCache
    from plancc.load.source import LoadedPlan

PLAN_SUFFIXES = (".yaml", ".yml")
# Below this many files, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 16


@dataclass
class FileResult:
    """What checking one file found."""

    file: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    hidden: int = 0  # suppressed diagnostics left out of `diagnostics` for a report

    @property
    def errors(self) -> int:
        return sum(d.count for d in self.diagnostics if d.severity is Severity.ERROR and d.suppressed is None)

    @property
    def warnings(self) -> int:
        return sum(d.count for d in self.diagnostics if d.severity is Severity.WARNING and d.suppressed is None)

    @property
    def suppressed(self) -> int:
        return self.hidden + sum(d.count for d in self.diagnostics if d.suppressed is not None)


def load_and_validate(path: str | Path, display: str | None = None) -> LoadedPlan:
    """Load a plan and validate it against the schema, collecting both stages' diagnostics.

    A file with YAML errors is read past them where it can be, so that the schema checks the
    blocks that could be read (see plancc.load.recovery).
    """
    from plancc.load.loader import load_file

    return _validated(load_file(path, display, recover=True))


def _validated(plan: LoadedPlan) -> LoadedPlan:
    from plancc.validate.validator import validate

    found = validate(plan)
    if found:
        wrong = {d.span for d in found}
        # a value that fails its field needs that fixed, not quotes around it
        plan.diagnostics = [d for d in plan.diagnostics if not (d.rule == "yaml-unquoted-text" and d.span in wrong)]
        plan.diagnostics.extend(found)
    return plan


def check_source(source: LoadedPlan, today: date | None = None) -> list[Diagnostic]:
    """The model and check stages: cross-check rules over the blocks of a loaded plan that have no errors.

    Blocks with errors are left out (plancc.masking); a cross-check that reads one is not run,
    and one diagnostic says how many were not run and why.
    """
    from plancc.masking import not_run, sections_with_errors
    from plancc.rules import all_rules

    rule_ids = [r.id for r in all_rules()]
    errors = sum(d.count for d in source.diagnostics if d.severity is Severity.ERROR and d.suppressed is None)
    if not source.ok:
        unread = errors and any(d.rule.startswith(("yaml-", "not-utf8")) for d in source.diagnostics)
        return [not_run(source.file, len(rule_ids), len(rule_ids), errors, {"*"}, unread=True)] if unread else []
    return cross_check(source, sections_with_errors(source) if errors else set(), errors, today)


def cross_check(source: LoadedPlan, masked: set[str], errors: int = 0, today: date | None = None) -> list[Diagnostic]:
    """The cross-checks over a loaded plan with the top-level blocks in `masked` left out (they have `errors`)."""
    from plancc.masking import not_run, runnable, without
    from plancc.model.build import build_model
    from plancc.rules import all_rules, run_rules

    rule_ids = [r.id for r in all_rules()]
    run, skipped = runnable(rule_ids, masked, source.data)
    if not run:
        return [not_run(source.file, len(skipped), len(rule_ids), errors, masked)]
    plan, found = build_model(without(source, masked) if masked else source)
    found = found + run_rules(plan, today, skip=frozenset(skipped))
    if skipped:
        found.append(not_run(source.file, len(skipped), len(rule_ids), errors, masked))
    return found


def check_file(path: str, today: date | None = None, cache: CheckCache | None = None) -> FileResult:
    """Run every checking stage on one file: load, validate, model, check; keep the result in `cache`."""
    with paused_gc():
        result = _check_file(path, today, cache)  # the plan's nodes and values are freed when it returns
    return result


def checked_source(path: str | Path, today: date | None = None) -> LoadedPlan:
    """Load, validate and cross-check a plan: the one judgement that check, render, print, build and report share.

    A plan passes when these diagnostics have no error (plancc.diagnostics.has_errors); a file that
    could not be read into a plan always has one.
    """
    plan = load_and_validate(path)
    plan.diagnostics.extend(check_source(plan, today))
    return plan


def _check_file(path: str, today: date | None, cache: CheckCache | None) -> FileResult:
    raw = read_plan_bytes(path, path, MAX_BYTES) if cache is not None else None
    if cache is None or not isinstance(raw, bytes):  # a file that cannot be read says so each time
        plan = checked_source(path, today)
        return FileResult(plan.file, group_repeats(plan.diagnostics))
    key = cache.key(raw, path, today)
    kept = cache.load(key)
    if kept is not None:
        return kept
    from plancc.load.loader import load_bytes

    plan = _validated(load_bytes(raw, path, recover=True))  # what load_file does, from the bytes in the key
    plan.diagnostics.extend(check_source(plan, today))
    result = FileResult(plan.file, group_repeats(plan.diagnostics))
    cache.store(key, result)
    return result


def find_plans(paths: list[str]) -> list[str]:
    """The plan files named, and those under the folders named, in a stable order."""
    found: list[str] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found.extend(str(p) for p in sorted(path.rglob("*")) if p.suffix in PLAN_SUFFIXES and (p.is_file() or p.is_symlink()))
        else:
            found.append(name)
    return list(dict.fromkeys(found))


def check_files(files: list[str], jobs: int | None = None, today: date | None = None,
                cache: CheckCache | None = None) -> list[FileResult]:
    """Check many files, in parallel across the machine's cores when there are enough of them.

    With a cache, a file whose result is kept there is not checked again. The results are looked up
    here first, so that when every file has one no worker is started and no YAML is read; once enough
    files are found to need checking, the rest are looked up as they are checked (by the workers).
    """
    if cache is None:
        return _check_all(files, jobs, today, None)
    kept: list[FileResult | None] = []
    missed = 0
    for path in files:
        found = _cached(path, today, cache) if missed < PARALLEL_THRESHOLD else None
        missed += found is None
        kept.append(found)
    fresh = iter(_check_all([f for f, r in zip(files, kept) if r is None], jobs, today, cache))
    results = [r if r is not None else next(fresh) for r in kept]
    cache.prune()
    return results


def _cached(path: str, today: date | None, cache: CheckCache) -> FileResult | None:
    raw = read_plan_bytes(path, path, MAX_BYTES)
    return cache.load(cache.key(raw, path, today)) if isinstance(raw, bytes) else None


def _check_all(files: list[str], jobs: int | None, today: date | None, cache: CheckCache | None) -> list[FileResult]:
    jobs = jobs or os.cpu_count() or 1
    if jobs <= 1 or len(files) < PARALLEL_THRESHOLD:
        return [check_file(f, today, cache) for f in files]
    from concurrent.futures import ProcessPoolExecutor

    from plancc.validate.validator import _fast_validator  # build it once, before the workers fork

    from plancc.model.build import build_model  # noqa: F401 - imported once here, not in every worker
    from plancc.rules import all_rules

    _fast_validator()
    all_rules()
    chunk = max(1, len(files) // (jobs * 4))
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(partial(check_file, today=today, cache=cache), files, chunksize=chunk))
