"""Validate stage: check a loaded plan against the plan schema.

A valid plan is confirmed by jsonschema-rs, a compiled validator many times faster than the
pure-Python one (this is what lets a thousand plans be checked in a few seconds). Only when a
plan is invalid is the pure-Python jsonschema imported, because its errors carry the detail
(schema, instance, sub-errors) that plain-English messages are made from.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from plancc.diagnostics import Diagnostic, Severity
from plancc.load.source import LoadedPlan
from plancc.validate.schema import plan_schema


@lru_cache(maxsize=1)
def _fast_validator() -> Any:
    from plancc.validate.jsonschema_rs_import import import_jsonschema_rs

    return import_jsonschema_rs().Draft202012Validator(plan_schema(), validate_formats=True, offline=True)


def validate(plan: LoadedPlan) -> list[Diagnostic]:
    """Schema diagnostics for a loaded plan (none when it could not be loaded).

    The top-level keys with schema errors are added to `plan.masked`, so that the cross-checks
    leave them out. Findings in blocks that lost lines to a YAML error (`plan.damaged`) are not
    reported: what is missing there may be on the lines left out.
    """
    if not plan.ok:
        return []
    if _fast_validator().is_valid(plan.data):
        return []
    from plancc.validate.messages import explain_errors_where

    reported = {d.span for d in plan.diagnostics if d.severity is Severity.ERROR}
    found: list[Diagnostic] = []
    for diag, sections in explain_errors_where(plan):
        plan.masked |= sections
        if _in_damaged(diag, sections, plan):
            continue
        if diag.rule in ("schema-format", "schema-pattern", "schema-type") and diag.span in reported:
            continue  # the loader or another schema error already says what is wrong with this value
        reported.add(diag.span)
        found.append(diag)
    return found


# Findings that lines left out can cause: a key, an item or a whole value missing from a block.
_MAYBE_LEFT_OUT = frozenset({"schema-required", "schema-count", "schema-empty", "schema-other"})


def _in_damaged(diag: Diagnostic, sections: frozenset[str], plan: LoadedPlan) -> bool:
    """True when an error may come from lines left out of a block to read past a YAML error: something missing
    from a block that lost lines, or a top-level key missing when a top-level line with no readable key was
    left out. A value that is there and wrong (a misspelt key, a word not allowed) is still reported."""
    if not plan.damaged:
        return False
    missing = diag.rule in _MAYBE_LEFT_OUT or (diag.rule == "schema-type" and diag.value in (None, [], {}))
    if sections <= plan.damaged and missing:
        return True
    return "*" in plan.damaged and diag.rule == "schema-required" and sections.isdisjoint(plan.data)
