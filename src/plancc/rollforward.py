"""Next year's plan from this year's (`plancc new --from`).

Every period moves on a year with the model's period types (never by editing the labels as text),
document control restarts, and what described last year goes: actual values, progress updates,
statuses other than not-started and ongoing, the old document's words for its dates, and the
totals printed for last year's figures. `roll_forward` says this of the plan's data; `next_year_text`
makes those changes, and only those, in the plan's file (yaml_roundtrip), so the officer's comments,
key order and quoting are kept.
"""

from __future__ import annotations

import copy
import re
from datetime import date
from typing import Any

from plancc.load.loader import load_bytes
from plancc.model.periods import DueKind, Kind, Period, PeriodError, next_period, parse_due, parse_period
from plancc.load.source import LoadedPlan
from plancc.yaml_roundtrip import LayoutError, edited

_CHECK_LINE = "# Every period has moved on a year. Check each target, due date and amount, then run plancc check."
# The first lines plancc writes (the schema line, and where the plan came from), replaced in each new plan.
_OUR_LINES = re.compile(r"# yaml-language-server:|# Next year's plan, started from .* by plancc new --from\.$|"
                        + re.escape(_CHECK_LINE) + "$")
# How many steps of next_period make a year, for each kind of period.
_STEPS_IN_A_YEAR = {Kind.FINANCIAL_YEAR: 1, Kind.QUARTER: 4, Kind.MONTH: 12, Kind.YEAR: 1}
# Action statuses that still hold in next year's plan; any other status describes last year's progress.
_LASTING_STATUSES = ("not-started", "ongoing")


def next_year_text(source: LoadedPlan, today: date, source_name: str, schema_line: str) -> str:
    """Next year's plan: the text of `source` (a plan that passed the schema) with only the values
    roll_forward changes changed, under `schema_line` and two lines that say where it came from.
    Raises LayoutError when the result would not read as next year's plan."""
    if source.text is None or not isinstance(source.data, dict):
        raise LayoutError("it could not be read")
    plan = roll_forward(source.data, today, source_name)
    started = f"# Next year's plan, started from {source_name} on {today.isoformat()} by plancc new --from."
    header = [schema_line, started, _CHECK_LINE]
    text = with_header(edited(source.text.replace("\r\n", "\n"), source.data, plan), header)
    if load_bytes(text.encode("utf-8"), source_name).data != plan:
        raise LayoutError("written back with its layout, it would not read as next year's plan")
    return text  # with "\n" line ends, which the file is written with as every file plancc writes


def with_header(text: str, header: list[str]) -> str:
    """`header` at the top of the file, in place of the lines plancc wrote among its first comments."""
    lines = text.split("\n")
    opening = next((n for n, line in enumerate(lines) if line.strip() and not line.startswith("#")), len(lines))
    kept = [line for line in lines[:opening] if not _OUR_LINES.match(line)]
    return "\n".join(header + kept + lines[opening:])


def year_later(period: Period) -> Period:
    """The same period a year on: 2009/10 -> 2010/11, 2002/03 Q1 -> 2003/04 Q1, 2002-05 -> 2003-05,
    2002-04-26 -> 2003-04-26 (29 February becomes 28 February)."""
    if period.kind is Kind.DAY:
        day = period.start
        moved = date(day.year + 1, day.month, 28 if (day.month, day.day) == (2, 29) else day.day)
        return parse_period(moved.isoformat())
    for _ in range(_STEPS_IN_A_YEAR[period.kind]):
        following = next_period(period)
        assert following is not None  # only a single day has no next period
        period = following
    return period


def roll_label(label: str) -> str:
    """A period label a year on; a label that is not a period is left as it is."""
    try:
        return year_later(parse_period(label)).label
    except PeriodError:
        return label


def roll_due(text: str) -> str:
    """A due date a year on, in the same words: "by 2010-09" -> "by 2011-09"; "ongoing" stays."""
    try:
        due = parse_due(text)
    except PeriodError:
        return text
    if due.period is None:
        return text
    start = year_later(due.period).label
    if due.kind is DueKind.RANGE and due.until is not None:
        return f"{start} to {year_later(due.until).label}"
    return start if due.kind is DueKind.ON else f"{due.kind.value} {start}"


def roll_forward(plan: dict[str, Any], today: date, source_name: str) -> dict[str, Any]:
    """Next year's plan from `plan` (loaded data): every period a year on, a new version history,
    and nothing that described last year's progress or last year's printed totals."""
    plan = copy.deepcopy(plan)
    _restart_document_control(plan, today, source_name)
    if isinstance(plan.get("period"), dict):
        _roll_keys(plan["period"], ("from", "to"))
        plan["period"].pop("text", None)  # the old document's words for the old period
    for indicator in _items(plan.get("indicators")):
        for series in [indicator, *_items(indicator.get("breakdown"))]:
            _roll_series(series)
    for action in _items(plan.get("actions")):
        _roll_action(action)
    if isinstance(plan.get("finance"), dict):
        _roll_finance(plan["finance"])
    return plan


def _items(value: Any) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _roll_keys(block: dict[str, Any], keys: tuple[str, ...]) -> None:
    for key in keys:
        if isinstance(block.get(key), str):
            block[key] = roll_label(block[key])


def _restart_document_control(plan: dict[str, Any], today: date, source_name: str) -> None:
    old = plan.get("version")
    note = f"Started from {source_name}" + (f" (version {old})" if isinstance(old, str) else "") + "."
    plan["status"] = "draft"
    plan["version"] = "0.1"
    plan["versions"] = [{"version": "0.1", "date": today.isoformat(), "note": note}]
    plan.pop("as_at", None)


def _roll_series(series: dict[str, Any]) -> None:
    """Targets a year on; the baseline stays; last year's actual values go."""
    for target in _items(series.get("targets")):
        _roll_keys(target, ("period",))
    series.pop("actuals", None)


def _roll_action(action: dict[str, Any]) -> None:
    due = action.get("due")
    if isinstance(due, str) and roll_due(due) != due:
        action["due"] = roll_due(due)
        action.pop("due_text", None)  # the old document's words for the old date
    action.pop("progress", None)
    if action.get("status") not in _LASTING_STATUSES:
        action.pop("status", None)


def _roll_finance(finance: dict[str, Any]) -> None:
    """Columns and amounts a year on; stated totals go, as they were printed for last year's figures."""
    if isinstance(finance.get("columns"), list):
        finance["columns"] = [roll_label(c) if isinstance(c, str) else c for c in finance["columns"]]
    finance.pop("stated_funding_totals", None)
    finance.pop("stated_expenditure_totals", None)
    for side in ("funding", "expenditure"):
        for category in _items(finance.get(side)):
            category.pop("stated_totals", None)
            for line in _items(category.get("lines")):
                line.pop("stated_totals", None)
                if isinstance(line.get("amounts"), dict):
                    line["amounts"] = {roll_label(str(k)): v for k, v in line["amounts"].items()}
