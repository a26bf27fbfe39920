"""Rules for periods: the plan period, and periods in a table in order with no gap and no overlap."""

from __future__ import annotations

from datetime import timedelta
from typing import Iterator

from plancc.diagnostics import Severity
from plancc.model.periods import Kind, Period, next_period
from plancc.model.plan import Path_, Plan, Series
from plancc.rules import Context, Problem, rule

Listed = list[tuple[Period | None, Path_]]


def _fy_shaped(period: Period) -> bool:
    """A month label such as 2007-08 that has the shape of a financial year (2007/08)."""
    return period.kind is Kind.MONTH and period.start.month == (period.start.year + 1) % 100


def looks_like_years(items: Listed) -> bool:
    """A list of yearly figures with months in it that are financial years written with a hyphen:
    most of its month labels have that shape (2007-08, 2008-09), or one does beside real
    financial years."""
    periods = [p for p, _ in items if p is not None]
    months = [p for p in periods if p.kind is Kind.MONTH]
    shaped = sum(_fy_shaped(p) for p in months)
    beside_years = any(p.kind in (Kind.FINANCIAL_YEAR, Kind.QUARTER) for p in periods)
    return (len(months) >= 2 and shaped * 2 > len(months)) or (beside_years and shaped > 0)


def _in_kind_order(items: list[tuple[Period, Path_]], where: str) -> Iterator[Problem]:
    for (before, _), (after, path) in zip(items, items[1:]):
        if after.start <= before.start:
            yield Problem(path, f"In {where}, {after.label} comes after {before.label}: the periods are out of order.",
                          hint="List the periods in time order.", value=after.label)


def _gaps(items: list[tuple[Period, Path_]], where: str) -> Iterator[Problem]:
    for (before, _), (after, path) in zip(items, items[1:]):
        expected = next_period(before)
        if expected is not None and after.start > expected.start:
            yield Problem(path, f"In {where}, {before.label} is followed by {after.label}: {expected.label} is "
                          "missing.", hint=f"Add {expected.label}, or correct the period label.", value=after.label)


def _series_problems(items: Listed, where: str, gaps: bool = True) -> Iterator[Problem]:
    """Each kind of period in order and consecutive; a gap is only reported where every label was read (and
    not for actual values, where a period with no figure is 'no data': see actual-missing)."""
    if looks_like_years(items):
        return  # reported as period-month-or-year instead
    complete = all(p is not None for p, _ in items)
    by_kind: dict[Kind, list[tuple[Period, Path_]]] = {}
    for period, path in items:
        if period is not None and period.kind is not Kind.DAY:
            by_kind.setdefault(period.kind, []).append((period, path))
    for same in by_kind.values():
        disorder = list(_in_kind_order(same, where))
        yield from disorder
        if complete and not disorder and gaps:
            yield from _gaps(same, where)


def _columns_problems(items: Listed, where: str) -> Iterator[Problem]:
    """Funding columns follow on from each other exactly: in order, no gap, no overlap, whatever their kind."""
    read = [(p, path) for p, path in items if p is not None]
    if looks_like_years(items) or len(read) != len(items):
        return
    for (before, _), (after, path) in zip(read, read[1:]):
        if after.start <= before.end:
            what = "overlaps" if after.end >= before.start else "comes before"
            yield Problem(path, f"In {where}, {after.label} {what} {before.label}: each column must follow on from "
                          "the one before, or an amount would be counted twice.",
                          hint="List the columns in time order, each a separate period.", value=after.label)
        elif after.start > before.end + timedelta(days=1):
            yield Problem(path, f"In {where}, {before.label} is followed by {after.label}: the time between them "
                          "has no column.", hint="Add a column for the missing period, or correct the label.",
                          value=after.label)


def _series_name(plan: Plan, series: Series, indicator_name: str) -> str:
    area = next((a.name for a in plan.areas if a.id == series.area), None)
    return f"{indicator_name}{f' in {area}' if area else ''}"


@rule("period-sequence", Severity.ERROR)
def period_sequence(ctx: Context) -> Iterator[Problem]:
    """Periods are out of order, have a gap or overlap, or the plan period runs backwards.

    The targets and actual values of an indicator, and the columns of the funding table, run
    forward in time; targets and funding columns are consecutive: financial years 2008/09 then
    2009/10, quarters one after another (Q1 is April to June). An actual value may be missing
    (a quarter with no data): actual-missing reports that. A year's target may sit beside its quarterly profile, but funding
    columns must follow on from each other exactly. A baseline comes before the first target,
    and a plan's period starts before it ends.

    Fails:   targets for 2008/09 then 2010/11 (2009/10 is missing)
    Passes:  targets for 2008/09, 2009/10 then 2010/11
    Fix:     add the missing period, or correct the label.
    """
    plan = ctx.plan
    if plan.start and plan.end and plan.start.start > plan.end.end:
        yield Problem(("period", "to"), f"The plan period runs backwards: from {plan.start.label} to {plan.end.label}.",
                      hint="Put the first period under from: and the last under to:.", value=plan.end.label)
    for indicator in plan.indicators:
        for series in [indicator.series, *indicator.breakdown]:
            name = _series_name(plan, series, indicator.name)
            yield from _series_problems([(t.period, t.path + ("period",)) for t in series.targets],
                                        f"the targets of {name}")
            yield from _series_problems([(a.period, a.path + ("period",)) for a in series.actuals],
                                        f"the actual values of {name}", gaps=False)
            first = next((t for t in series.targets if t.period), None)
            base = series.baseline
            if base and base.period and first and first.period and base.period.start >= first.period.start:
                yield Problem(base.path + ("period",), f"The baseline of {name} ({base.label}) is not before its "
                              f"first target ({first.label}).",
                              hint="The baseline is the period targets are measured from: check both labels.",
                              value=base.label)
    if plan.finance:
        columns = [(p, plan.finance.path + ("columns", i)) for i, p in enumerate(plan.finance.columns)]
        yield from _columns_problems(columns, "the funding table's columns")


@rule("period-month-or-year", Severity.WARNING)
def period_month_or_year(ctx: Context) -> Iterator[Problem]:
    """Labels in a table read as months but were probably meant as financial years (2007-08 for 2007/08).

    plancc reads 2007-08 as the month August 2007. Where most month labels in a list of
    figures have the shape of financial years (2007-08, 2008-09), the list is almost certainly
    yearly, and each label is reported. A genuine monthly series is left alone.

    Fails:   targets for 2007-08, 2008-09 and 2009-10
    Passes:  targets for 2007/08, 2008/09 and 2009/10
    Fix:     write financial years as 2007/08.
    """
    plan = ctx.plan
    lists: list[Listed] = [[(p.period, p.path + ("period",)) for p in points]
                           for i in plan.indicators for s in [i.series, *i.breakdown]
                           for points in ([*([s.baseline] if s.baseline else []), *s.targets], s.actuals)]
    if plan.finance:
        lists.append([(c, plan.finance.path + ("columns", n)) for n, c in enumerate(plan.finance.columns)])
    for items in lists:
        if not looks_like_years(items):
            continue
        for period, path in items:
            if period is None or period.kind is not Kind.MONTH:
                continue
            year = period.start.year
            meant = f"{year}/{(year + 1) % 100:02d}"
            also = "" if _fy_shaped(period) else " It does not have the shape of a financial year either."
            yield Problem(path, f"{period.label} is read as the month {period.describe()}, in a list of what look "
                          f"like financial years.{also}",
                          hint=f"Write financial years with a slash: {meant} is April {year} to March {year + 1}.",
                          value=period.label)
