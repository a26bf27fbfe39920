"""The diff written out: text for a terminal, Markdown for a pull-request comment, JSON for tools."""

from __future__ import annotations

import json
import re
from typing import Any, Sequence

from plancc.diff import PlanDiff
from plancc.diff.changes import SECTIONS, Change

FORMATS = ("text", "markdown", "json")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#])")


_NOT_COMPARED = "not compared, because a version of it has errors"


def render(diffs: Sequence[PlanDiff], fmt: str) -> str:
    """The changes, in one of FORMATS; a plan with errors is named as not compared (not in the JSON)."""
    if fmt == "json":
        return json_report(diffs)
    return markdown_report(diffs) if fmt == "markdown" else text_report(diffs)


def _count(changes: list[Change]) -> str:
    return "1 change" if len(changes) == 1 else f"{len(changes)} changes"


def text_report(diffs: Sequence[PlanDiff]) -> str:
    """Each plan's file, then one sentence a line."""
    blocks = [_text_plan(diff) for diff in diffs]
    return "\n\n".join(blocks) + "\n" if blocks else "No plans to compare.\n"


def _text_plan(diff: PlanDiff) -> str:
    if diff.failed:
        return f"{diff.plan}: {_NOT_COMPARED}."
    if not diff.changes:
        return f"{diff.plan}: no changes."
    return "\n".join([f"{diff.plan}: {_count(diff.changes)}"] + [f"  {c.sentence}" for c in diff.changes])


def _escape(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def _by_section(changes: list[Change]) -> dict[str, list[Change]]:
    grouped: dict[str, list[Change]] = {key: [] for key in SECTIONS}
    for change in changes:
        grouped.setdefault(change.section, []).append(change)
    return {key: found for key, found in grouped.items() if found}


def _markdown_plan(diff: PlanDiff) -> list[str]:
    title = f"{_escape(diff.title)} (`{diff.plan}`)" if diff.title else f"`{diff.plan}`"
    out = [f"### {title}", "", f"{_count(diff.changes)}.", ""]
    for section, changes in _by_section(diff.changes).items():
        out += [f"#### {SECTIONS.get(section, section)}", ""]
        out += [f"- {_escape(c.sentence)}" for c in changes]
        out.append("")
    return out


def markdown_report(diffs: Sequence[PlanDiff]) -> str:
    """A heading per changed plan and a bulleted list per section, for a pull-request comment."""
    changed = [d for d in diffs if d.changes]
    same = [d for d in diffs if not d.changes and not d.failed]
    failed = [d for d in diffs if d.failed]
    out = ["## Changes to the plans", ""]
    for diff in changed:
        out += _markdown_plan(diff)
    if not changed:
        out += ["No changes to any plan." if not failed else "No changes to the plans that could be compared.", ""]
    if same and changed:
        out += ["No changes: " + _files(same) + ".", ""]
    if failed:
        out += [f"{_NOT_COMPARED.capitalize()}: {_files(failed)}.", ""]
    return "\n".join(out)


def _files(diffs: Sequence[PlanDiff]) -> str:
    return ", ".join(f"`{d.plan}`" for d in diffs)


def _row(diff: PlanDiff, change: Change) -> dict[str, Any]:
    return {"plan": diff.plan, "section": change.section, "kind": change.kind, "path": change.path,
            "sentence": change.sentence, "before": change.before, "after": change.after}


def json_report(diffs: Sequence[PlanDiff]) -> str:
    """A list of {plan, section, kind, path, sentence, before, after}, one per change."""
    rows = [_row(diff, change) for diff in diffs for change in diff.changes]
    return json.dumps(rows, indent=2, ensure_ascii=False, default=str) + "\n"
