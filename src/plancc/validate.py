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
from plancc.loader import LoadedPlan
from plancc.schema import plan_schema


@lru_cache(maxsize=1)
def _fast_validator() -> Any:
    import jsonschema_rs

    return jsonschema_rs.Draft202012Validator(plan_schema(), validate_formats=True, offline=True)


def validate(plan: LoadedPlan) -> list[Diagnostic]:
    """Schema diagnostics for a loaded plan (none when it could not be loaded)."""
    if not plan.ok:
        return []
    if _fast_validator().is_valid(plan.data):
        return []
    from plancc.schema_messages import explain_errors

    reported = {d.span for d in plan.diagnostics if d.severity is Severity.ERROR}
    found: list[Diagnostic] = []
    for diag in explain_errors(plan):
        if diag.rule in ("schema-format", "schema-pattern") and diag.span in reported:
            continue  # the loader or another schema error already says what is wrong with this value
        reported.add(diag.span)
        found.append(diag)
    return found
