"""An indicator's figures for its table: each baseline, target and actual with its period in words,
its value, its changes (as printed, or worked out for an actual value) and its note; and the
figures by area, actual values included."""

from __future__ import annotations

from typing import Any

from plancc.model.derive import actual_pairs, derived_value, number_of
from plancc.model.periods import PeriodError, parse_period
from plancc.model.plan import Indicator, Plan, Point, Series
from plancc.model.values import Percent, format_number, percent_change
from plancc.render.finance_view import figure_cell


def period_words(label: str) -> str:
    """A period as a reader says it ('2002/03 Q1 (April to June 2002)', 'May 2002'), never as a code."""
    try:
        return parse_period(label).describe()
    except PeriodError:
        return label


def _change(stated: Percent | None, old: Point | None, new: Point, work_out: bool) -> str:
    """The change as printed; for an actual value not printed, the change the figures give."""
    if stated is not None:
        return stated.text
    before, after = number_of(old), number_of(new)
    if not work_out or before is None or after is None:
        return ""
    change = percent_change(before, after)
    return "" if change is None else f"{change:+.1f}%"


def _row(kind: str, point: Point, previous: Point | None = None, year_before: Point | None = None) -> dict[str, Any]:
    actual = kind == "Actual"
    return {"kind": kind, "period": period_words(point.label),
            "value": figure_cell(point.value).text if point.value else "",
            "change_on_previous": _change(point.change_on_previous, previous, point, actual),
            "change_on_year_before": _change(point.change_on_year_before, year_before, point, actual),
            "change_on_baseline": point.change_on_baseline.text if point.change_on_baseline else "",
            "note": point.note or ""}


def figure_rows(series: Series) -> list[dict[str, Any]]:
    """The rows of an indicator's figures table, and which of its optional columns have anything."""
    # for yearly figures the year before is the previous period: its change is said once
    actuals = [_row("Actual", a, previous, None if year is previous else year)
               for a, previous, year in actual_pairs(series)]
    undated = [_row("Actual", a) for a in series.actuals if a.period is None]
    return ([_row("Baseline", series.baseline)] if series.baseline else []) + \
        [_row("Target", t) for t in series.targets] + actuals + undated


def columns_used(rows: list[dict[str, Any]]) -> dict[str, bool]:
    """has_change_on_previous and the like: false for a column empty in every row, which is left out."""
    return {f"has_{key}": any(r[key] for r in rows)
            for key in ("change_on_previous", "change_on_year_before", "change_on_baseline", "note")}


def breakdown_view(plan: Plan, indicator: Indicator) -> dict[str, Any] | None:
    """The figures by area: the baseline, every target and every actual value, areas made up of others
    summed by plancc."""
    if not indicator.breakdown:
        return None
    first = indicator.breakdown[0]
    columns = [("baseline", first.baseline.label)] if first.baseline else []
    columns += [("target", t.label) for t in first.targets]
    actual_labels = dict.fromkeys(a.label for s in indicator.breakdown for a in s.actuals)
    columns += [("actual", label) for label in actual_labels]
    areas = {a.id: a for a in plan.areas}

    def cell(series: Series, kind: str, label: str) -> str:
        value = derived_value(plan, indicator.id, series.area, kind, label)
        return format_number(value) if value is not None else "–"

    return {"headers": [f"{period_words(label)} ({'target' if kind == 'target' else kind})"
                        if kind != "target" or actual_labels else period_words(label) for kind, label in columns],
            "rows": [{"area": areas[s.area].name if s.area in areas else (s.area or ""),
                      "derived": bool(s.area in areas and areas[s.area].parts),
                      "cells": [cell(s, kind, label) for kind, label in columns]} for s in indicator.breakdown]}
