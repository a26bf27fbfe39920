"""The target for a point in the year, profiled from an annual target, and the actual to compare with it.

An annual (financial-year) target with no profile applies as it is at every point in the year. With
`profile: even` each quarter's target is a quarter of it, compared with that quarter's own actual;
with `profile: cumulative` or four stated quarterly targets, the target to date is compared with the
actual to date (the year's quarters added up, or the `year_to_date` figure the report prints).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from plancc.model.derive import number_of
from plancc.model.periods import Kind, Period, containing, next_period
from plancc.model.plan import Point, Series
from plancc.model.values import decimal_places, format_number, rounded

ORDINAL = {2: "first two", 3: "first three", 4: "four"}


@dataclass(frozen=True)
class TargetAt:
    """The target a period's actual is judged against."""

    value: Decimal
    to_date: bool  # compared with the actual to date, not the period's own
    explained: str  # how it was worked out, e.g. "half of the year's 1,140"
    point: Point


@dataclass(frozen=True)
class ActualAt:
    """The actual judged: the period's own figure, or the figure to date."""

    value: Decimal
    explained: str  # "" for the period's own figure; "Q1 310 + Q2 280" for a sum to date


def shown(number: Decimal) -> str:
    """A worked-out figure as a reader reads it: at most two decimal places, its digits otherwise kept."""
    near = rounded(number, 2) if decimal_places(number) > 2 else number
    return format_number(number if near == number else near)  # the written digits where nothing is lost


def same_days(one: Period | None, other: Period) -> bool:
    return one is not None and one.start == other.start and one.end == other.end


def quarter_number(period: Period) -> int:
    """1 to 4 for a quarter of the financial year (Q1 is April to June)."""
    return (period.start.month - 4) % 12 // 3 + 1


def annual_target(series: Series, period: Period) -> Point | None:
    """The financial-year target whose year contains `period`."""
    return next((t for t in series.targets if t.period is not None and t.period.kind is Kind.FINANCIAL_YEAR
                 and t.period.contains(period) and number_of(t) is not None), None)


def so_far(period: Period) -> list[Period]:
    """The quarters (or months) of `period`'s financial year from its first to `period` itself."""
    if period.kind not in (Kind.QUARTER, Kind.MONTH):
        return [period]
    year_start = date(period.start.year if period.start.month >= 4 else period.start.year - 1, 4, 1)
    found: list[Period] = []
    step = containing(period.kind, year_start)
    while step is not None and step.start <= period.start and len(found) < 12:
        found.append(step)
        step = next_period(step)
    return found


def _name(period: Period) -> str:
    """'Q2' for a quarter, 'Jul' for a month: a part of the year, as a sum to date names it."""
    return f"Q{quarter_number(period)}" if period.kind is Kind.QUARTER else period.short()[:3]


def target_at(series: Series, period: Period) -> TargetAt | None:
    """The target for `period`: one stated for it, else the year's, profiled where it says so."""
    own = next((t for t in series.targets if same_days(t.period, period) and number_of(t) is not None), None)
    if own is not None:
        return TargetAt(number_of(own), False, "", own)  # type: ignore[arg-type]
    year = annual_target(series, period)
    if year is None or year.period is None:
        return None
    annual = number_of(year)
    assert annual is not None
    profile = year.monitoring.profile if year.monitoring else None
    if profile is None or period.kind not in PARTS:
        return TargetAt(annual, False, "", year) if profile is None or period.kind is Kind.FINANCIAL_YEAR else None
    parts, whole, n = PARTS[period.kind], format_number(annual), len(so_far(period))
    if profile == "even":
        return TargetAt(annual / parts, False, f"{SHARE[parts][1]} of the year's {whole}", year)
    if profile == "cumulative":
        share = SHARE[4][n] if parts == 4 else f"{n} months' worth" if n > 1 else "a month's worth"
        return TargetAt(annual * n / parts, True, f"{share} of the year's {whole}", year)
    if period.kind is not Kind.QUARTER:
        return None  # four quarters' targets say nothing about a month
    stated: list[Decimal] = [Decimal(v) for v in profile][:n]  # four quarters' own targets
    sums = " + ".join(format_number(v) for v in stated)
    return TargetAt(sum(stated, Decimal(0)), True,
                    f"the profile's {ORDINAL[n]} quarters: {sums}" if n > 1 else "the profile's first quarter",
                    year)


PARTS = {Kind.QUARTER: 4, Kind.MONTH: 12}
SHARE = {4: {1: "a quarter", 2: "half", 3: "three quarters", 4: "all"}, 12: {1: "a twelfth"}}


def actual_at(series: Series, period: Period, to_date: bool) -> ActualAt | None:
    """The actual for `period`, or the actual to date when the target is a target to date."""
    own = next((a for a in series.actuals if same_days(a.period, period)), None)
    if not to_date:
        value = number_of(own)
        return ActualAt(value, "") if value is not None else None
    if own is not None and own.monitoring and own.monitoring.year_to_date is not None:
        stated = own.monitoring.year_to_date.number
        if stated is not None:
            return ActualAt(stated, "as printed")
    return summed_to_date(series, period)


def summed_to_date(series: Series, period: Period) -> ActualAt | None:
    """The financial year's quarter (or month) actuals up to `period`, added up; None if one is missing."""
    if period.kind not in PARTS:
        return None
    parts: list[tuple[str, Decimal]] = []
    for wanted in so_far(period):
        value = number_of(next((a for a in series.actuals if same_days(a.period, wanted)), None))
        if value is None:
            return None
        parts.append((_name(wanted), value))
    words = " + ".join(f"{name} {format_number(value)}" for name, value in parts)
    return ActualAt(sum((v for _, v in parts), Decimal(0)), words if len(parts) > 1 else "")
