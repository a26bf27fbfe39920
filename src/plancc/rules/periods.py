"""Rule: periods in a table are in order, with no gap and no overlap."""

from __future__ import annotations

from typing import Iterator

from plancc.diagnostics import Severity
from plancc.model.periods import Kind, Period, next_period
from plancc.model.plan import Path_
from plancc.rules import Context, Problem, rule


def _sequence_problems(items: list[tuple[Period, Path_]], where: str, overlap_ok: bool) -> Iterator[Problem]:
    """Problems in a list of periods: each kind in order and consecutive; no overlaps unless nested."""
    by_kind: dict[Kind, list[tuple[Period, Path_]]] = {}
    for period, path in items:
        by_kind.setdefault(period.kind, []).append((period, path))
    for kind, same in by_kind.items():
        if kind is Kind.DAY:
            continue
        for (before, _), (after, path) in zip(same, same[1:]):
            expected = next_period(before)
            if after.start <= before.start:
                yield Problem(path, f"In {where}, {after.label} comes after {before.label}: the periods are out of "
                              "order.", hint="List the periods in time order.", value=after.label)
            elif expected is not None and after.start > expected.start:
                yield Problem(path, f"In {where}, {before.label} is followed by {after.label}: {expected.label} is "
                              "missing.", hint=f"Add {expected.label}, or correct the period label.",
                              value=after.label)
    if overlap_ok:
        return
    for index, (period, path) in enumerate(items):
        for other, _ in items[:index]:
            if period.start <= other.end and other.start <= period.end:
                yield Problem(path, f"In {where}, {period.label} overlaps {other.label}: an amount would be "
                              "counted twice.", hint="Each column must be a separate period.", value=period.label)


@rule("period-sequence", Severity.ERROR)
def period_sequence(ctx: Context) -> Iterator[Problem]:
    """Periods in a table are out of order, have a gap, or overlap.

    The targets and actual values of an indicator, and the columns of the funding table, run
    forward in time: financial years consecutive (2008/09 then 2009/10), quarters consecutive
    (Q1 is April to June). A year's target may sit beside its quarterly profile, but funding
    columns must not overlap. A baseline comes before the first target.

    Fails:   targets for 2008/09 then 2010/11 (2009/10 is missing)
    Fix:     add the missing period, or correct the label.
    """
    plan = ctx.plan
    for indicator in plan.indicators:
        for series in [indicator.series, *indicator.breakdown]:
            where = f"the targets of {indicator.name}"
            yield from _sequence_problems([(t.period, t.path + ("period",)) for t in series.targets if t.period],
                                          where, overlap_ok=True)
            yield from _sequence_problems([(a.period, a.path + ("period",)) for a in series.actuals if a.period],
                                          f"the actual values of {indicator.name}", overlap_ok=True)
            first = next((t for t in series.targets if t.period), None)
            base = series.baseline
            if base and base.period and first and first.period and base.period.start >= first.period.start:
                yield Problem(base.path + ("period",), f"The baseline of {indicator.name} ({base.label}) is not "
                              f"before its first target ({first.label}).",
                              hint="The baseline is the period targets are measured from: check both labels.",
                              value=base.label)
    if plan.finance:
        columns = [(p, plan.finance.path + ("columns", i)) for i, p in enumerate(plan.finance.columns) if p]
        yield from _sequence_problems(columns, "the funding table's columns", overlap_ok=False)


@rule("period-month-or-year", Severity.WARNING)
def period_month_or_year(ctx: Context) -> Iterator[Problem]:
    """A period that reads as a month was probably meant as a financial year (2007-08 for 2007/08).

    In indicator figures and funding columns, plancc reads 2007-08 as the month August 2007,
    which is rarely what a table of yearly figures means: financial years are written 2007/08.

    Fails:   baseline period 2007-08 in a table of yearly targets
    Fix:     write 2007/08 for the financial year, or 2007-08-01 style dates for days.
    """
    plan = ctx.plan
    places = [(p.period, p.path + ("period",)) for i in plan.indicators for s in [i.series, *i.breakdown]
              for p in s.points()]
    if plan.finance:
        places += [(c, plan.finance.path + ("columns", n)) for n, c in enumerate(plan.finance.columns)]
    for period, path in places:
        if period and period.kind is Kind.MONTH and period.start.month == (period.start.year + 1) % 100:
            year = period.start.year
            yield Problem(path, f"{period.label} is read as the month {period.describe()}; a table of yearly "
                          f"figures usually means the financial year {year}/{(year + 1) % 100:02d}.",
                          hint=f"Write {year}/{(year + 1) % 100:02d} for the financial year April {year} to March "
                               f"{year + 1}.", value=period.label)
