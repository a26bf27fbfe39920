"""Cross-checks on the parts of a plan that have no errors.

A plan with an error in one block (a misspelt key in an action, a total written '£1,000')
is still cross-checked: the blocks with errors are left out of the model, and each
cross-check runs when none of the top-level blocks it reads was left out. A check must
never report something because a block was left out, so each declares what it reads
(RULE_INPUTS), and the few whose findings only ever compare values inside one block are
SELF_CONTAINED: leaving a block out can only take findings away. The id check (ref-unknown)
reads its own tables: it runs unless a list of ids was left out while something that
refers to that list is still there.

The officer is told in one line how many checks were not run, and why.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, cast

import yaml

from plancc.diagnostics import Diagnostic, Severity, warning
from plancc.load.source import LoadedPlan

_FIGURES = frozenset({"indicators", "areas", "performance", "period", "as_at"})
_INDICATORS = frozenset({"indicators", "areas"})  # an area's name is in the messages about its figures
# The top-level keys each cross-check reads.
RULE_INPUTS: dict[str, frozenset[str]] = {
    "finance-balance": frozenset({"finance"}),
    "finance-total": frozenset({"finance"}),
    "total-provisional": frozenset({"finance"}),
    "finance-column": frozenset({"finance", "period"}),
    "percent-change": _INDICATORS,
    "comparison-rank": _INDICATORS,
    "comparison-mean": _INDICATORS,
    "area-rollup": _INDICATORS,
    "composite-sum": _INDICATORS,
    "rate-count": _INDICATORS,
    "target-direction": _INDICATORS,
    "member-count": frozenset({"groups"}),
    "period-sequence": frozenset({"period", "indicators", "areas", "finance"}),
    "period-month-or-year": _INDICATORS | {"finance"},
    "due-outside-period": frozenset({"actions", "period"}),
    "action-overdue": frozenset({"actions", "period", "as_at"}),
    "dependency-order": frozenset({"actions", "period"}),
    "action-duplicate": frozenset({"actions"}),
    "risk-rating": frozenset({"risks", "risk_scale"}),
    "risk-scale": frozenset({"risks", "risk_scale"}),
    "risk-residual": frozenset({"risks", "risk_scale"}),
    "actual-missing": _FIGURES,
    "indicator-status-stated": _FIGURES,
    "action-status-stated": frozenset({"actions", "performance", "period", "as_at"}),
    "profile-sum": _FIGURES,
    "profile-use": _FIGURES,
    "profile-missing": _FIGURES,
    "ytd-sum": _FIGURES,
    "tolerance-points": _FIGURES,
    "version-order": frozenset({"versions"}),
    "version-current": frozenset({"version", "versions"}),
}
# Checks that compare values only inside one block: with a block left out they find less, never something wrong.
SELF_CONTAINED = frozenset({"id-duplicate", "remote-resource"})
_REFERENCES = "ref-unknown"
# Errors whose blocks are already named: lines YAML could not read (plan.damaged)
_COUNTED_ELSEWHERE = frozenset({"yaml-syntax", "yaml-tab", "yaml-odd-space"})


def sections_with_errors(plan: LoadedPlan) -> set[str]:
    """The top-level keys whose blocks have an error from the load or schema stages ('*': it cannot be told)."""
    found = set(plan.masked) | plan.damaged
    for diag in plan.diagnostics:
        if diag.severity is Severity.ERROR and diag.suppressed is None and diag.rule not in _COUNTED_ELSEWHERE \
                and not diag.rule.startswith("schema-"):
            found.add(section_at(plan, diag.line) if diag.span else "*")
    return found


def section_at(plan: LoadedPlan, line: int) -> str:
    """The top-level key whose block holds line `line` (from 1), or '*' when none does."""
    if isinstance(plan.root, yaml.MappingNode):
        for key_node, value_node in plan.root.value:
            if key_node.start_mark.line + 1 <= line <= max(value_node.end_mark.line + 1, key_node.end_mark.line + 1):
                return str(key_node.value)
    return "*"


def without(source: LoadedPlan, masked: set[str]) -> LoadedPlan:
    """A copy of a loaded plan whose data leaves out the blocks named (positions are still found in the file)."""
    data: dict[str, Any] = {key: value for key, value in source.data.items() if key not in masked}
    return replace(source, data=data, diagnostics=[], masked=set(masked))


def runnable(rule_ids: list[str], masked: set[str], data: dict[str, Any]) -> tuple[list[str], list[str]]:
    """The cross-checks that can run with the blocks in `masked` left out, and those that cannot."""
    run = [r for r in rule_ids if _can_run(r, masked, data)]
    return run, [r for r in rule_ids if r not in run]


def _can_run(rule_id: str, masked: set[str], data: dict[str, Any]) -> bool:
    if not masked:
        return True
    if "*" in masked:
        return False  # an error that cannot be placed in a block: nothing is known to be sound
    if rule_id in SELF_CONTAINED:
        return True
    if rule_id == _REFERENCES:
        return _references_safe(masked, data)
    return rule_id in RULE_INPUTS and RULE_INPUTS[rule_id].isdisjoint(masked)


def _references_safe(masked: set[str], data: dict[str, Any]) -> bool:
    """ref-unknown reports an id missing from its list: safe unless a list left out is referred to from a block kept."""
    from plancc.rules.references import DEFINED, REFERRED

    if "*" in masked:
        return False
    for kind, pattern in DEFINED.items():
        places = cast(list[tuple[str, ...]], REFERRED.get(kind, []))
        kept = [place for place in places if place[0] in data and place[0] not in masked]
        if pattern[0] in masked and kept:
            return False
    return True


def not_run(file: str, skipped: int, total: int, errors: int, masked: set[str], unread: bool = False) -> Diagnostic:
    """The one line saying how many cross-checks were not run because of errors, and what to do."""
    blocks = sorted(m for m in masked if m != "*")
    where = (f" (in the block{'s' if len(blocks) > 1 else ''} {_and(blocks)})"
             if blocks and "*" not in masked else "")
    because = f"because of the {errors} error{'s' if errors != 1 else ''} in this plan"
    if unread:
        message = f"The plan's format and its {total} cross-checks were not checked, {because}: the file could not be read."
    else:
        message = f"{skipped} of the {total} cross-checks {'was' if skipped == 1 else 'were'} not run {because}{where}: they read the parts with errors."
    return warning("checks-not-run", message, file,
                   hint="Fix the errors and check again; the cross-checks of arithmetic, dates and references then "
                        "run on the whole plan.")


def _and(words: list[str]) -> str:
    quoted = [f"'{w}'" for w in words]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]
