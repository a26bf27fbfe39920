"""`plancc diff`: what changed between two versions of a plan, in the plan's own terms.

Both versions are loaded and checked against the schema as `plancc check` does, built into typed
plans, and compared part by part, matching items by their ids (never their position), so that
reordering or reformatting the YAML changes nothing. Each difference is a Change: a sentence a
reviewer reads on a pull request, with its section, kind, place and the values before and after.

  changes.py      the Change type and the matching (by id, with repeats kept; by text where there is no id)
  identity.py     the plan itself: kind of document, title, status, version, period, reporting date, versions
  report.py       a committee report's front matter: committee, meeting, decision, recommendations, contact
  partnership.py  organisations, groups, members and stated counts
  indicators.py   baselines, targets (stronger or weaker) and actuals
  comparisons.py  how an indicator's area compares with others: league tables, ranks and comparators
  actions.py      actions, leads, statuses, due dates and progress (or no lead or date stated)
  status.py       where each indicator and action stands: bands and statuses that moved (said by the two above)
  money.py        funding and expenditure, with the totals before and after
  risks.py        the risk register
  outline.py      the document's own sections, numbered as the page numbers them
  sections.py     sections added, removed, renamed or moved, their text, and the parts placed in them
  tables.py       the tables in sections: their rows, columns and cells
  words.py        how figures, totals, dates and shifts are said
  sources.py      two files, or a file and its version at a git revision
  formats.py      text, Markdown and JSON
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterator

from plancc.diagnostics import group_repeats, has_errors
from plancc.diff import actions, identity, indicators, money, partnership, report, risks, sections, words
from plancc.diff.changes import SECTIONS, Change
from plancc.diff.sources import Pair, Side
from plancc.diff.words import finish
from plancc.memory import paused_gc
from plancc.model.build import build_model
from plancc.model.plan import Plan
from plancc.pipeline import FileResult, load_and_validate
from plancc.load.source import LoadedPlan

__all__ = ["SECTIONS", "Change", "PlanDiff", "diff_pair", "diff_plans"]

_COMPARERS: tuple[Callable[[Plan, Plan], Iterator[Change]], ...] = (
    identity.compare, report.compare, partnership.compare, indicators.compare, actions.compare, money.compare,
    risks.compare, sections.compare)


@dataclass
class PlanDiff:
    """What changed in one plan file; `failed` holds the diagnostics of a version that would not load."""

    plan: str
    title: str = ""
    changes: list[Change] = field(default_factory=list)
    failed: list[FileResult] = field(default_factory=list)


def diff_plans(old: Plan, new: Plan) -> list[Change]:
    """Every change from one typed plan to another, section by section."""
    return [replace(change, sentence=finish(change.sentence)) for compare in _COMPARERS
            for change in compare(old, new)]


def _load(side: Side) -> Plan | FileResult:
    """A version as a typed plan, or its diagnostics when it does not load or fails the schema."""
    if side.path is not None:
        source = load_and_validate(side.path, side.name)
    else:
        source = _load_bytes(side.raw or b"", side.name)
    if has_errors(source.diagnostics):
        return FileResult(side.name, group_repeats(source.diagnostics))
    return build_model(source)[0]


def _load_bytes(raw: bytes, name: str) -> LoadedPlan:
    """Load bytes read from git exactly as a file is loaded, through a temporary copy."""
    with tempfile.TemporaryDirectory(prefix="plancc-diff-") as folder:
        copy = Path(folder) / "plan.yaml"
        copy.write_bytes(raw)
        return load_and_validate(copy, name)


def diff_pair(pair: Pair) -> PlanDiff:
    """Compare one plan's two versions; a plan that is new or gone is said to be added or removed."""
    with paused_gc():
        old_raw, new_raw = pair.old.read(), pair.new.read()
        if old_raw is not None and old_raw == new_raw:
            return PlanDiff(pair.plan)  # the same bytes: nothing to load, nothing changed
        old = _load(pair.old) if pair.old.exists else None
        new = _load(pair.new) if pair.new.exists else None
    if isinstance(new, FileResult) or (isinstance(old, FileResult) and new is not None):
        return PlanDiff(pair.plan, failed=[r for r in (old, new) if isinstance(r, FileResult)])
    if new is None:
        return _removed(pair.plan, old if isinstance(old, Plan) else None)
    if old is None:
        return _added(pair.plan, new)
    assert isinstance(old, Plan)
    return PlanDiff(pair.plan, new.title, diff_plans(old, new))


def _added(name: str, plan: Plan) -> PlanDiff:
    version = f", version {plan.version}" if plan.version else ""
    sentence = f"New {words.document_noun(plan)}: '{plan.title}' ({plan.status}{version})."
    return PlanDiff(name, plan.title, [Change("plan", "plan-added", "", sentence, None, plan.title)])


def _removed(name: str, plan: Plan | None) -> PlanDiff:
    """A plan deleted: said with its title where its old version still loads."""
    title = plan.title if plan else ""
    noun = words.document_noun(plan).capitalize() if plan else "Plan"
    sentence = f"{noun} removed: '{title}'." if title else "Plan removed."
    return PlanDiff(name, title, [Change("plan", "plan-removed", "", sentence, title or None, None)])
