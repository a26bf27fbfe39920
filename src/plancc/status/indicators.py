"""An indicator's status for a period: its band against the (profiled) target, the rule that put it
there in words, and its direction of travel against the period before and the same period a year before.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Mapping

from plancc.model.derive import number_of
from plancc.model.periods import Kind, Period, containing, day_words, previous_period, same_period_a_year_before
from plancc.model.plan import Indicator, Plan, Point, Series
from plancc.model.values import rounded
from plancc.status.settings import Settings, Tolerance, due_after, settings_for
from plancc.status.targets import actual_at, same_days, shown, target_at

FREQUENCY_KIND = {"monthly": Kind.MONTH, "quarterly": Kind.QUARTER, "annual": Kind.FINANCIAL_YEAR}


@dataclass(frozen=True)
class Travel:
    """The direction of travel against one earlier period."""

    word: str  # better, the same, worse; higher, lower or the same where the aim is to maintain
    against: Period
    value: Decimal  # the earlier figure
    reason: str


@dataclass(frozen=True)
class IndicatorStatus:
    """What a performance report says about an indicator for a period."""

    indicator: Indicator
    period: Period
    band: str  # on-target, close, off-target, no-data, no-target; not-due for a period asked for too early
    word: str  # the council's word for the band
    reason: str  # the rule that put it there, in words
    actual: Decimal | None
    target: Decimal | None
    year_to_date: bool
    previous: Travel | None
    year_before: Travel | None
    point: Point | None  # the actual as written, with its commentary
    due: date


def figure_text(indicator: Indicator, number: Decimal) -> str:
    """10.95, or 71.0% for a percentage."""
    return shown(number) + ("%" if indicator.unit == "percent" else "")


def percent_words(value: Decimal, limit: Decimal | None = None) -> str:
    """A percentage to one decimal place, or more where one place would hide which side of `limit` it is."""
    for places in range(1, 7):
        near = rounded(value, places)
        if limit is None or ((near > limit) == (value > limit) and (near == limit) == (value == limit)):
            return f"{near:,f}"
    return f"{value:f}"


def _margin(difference: Decimal, reference: Decimal, tolerance: Tolerance) -> str:
    """'3.3%' of the reference, or '1.5 points'."""
    if tolerance.points:
        return f"{percent_words(difference, tolerance.amount)} point{'' if difference == 1 else 's'}"
    return f"{percent_words(difference * 100 / abs(reference), tolerance.amount)}%"


def frequency(indicator: Indicator) -> Kind | None:
    """How often its actuals come: as it says, else the commonest kind of its actuals' (or targets') periods."""
    if indicator.reporting:
        return FREQUENCY_KIND[indicator.reporting]
    for points in (indicator.series.actuals, indicator.series.targets):
        kinds = Counter(p.period.kind for p in points if p.period is not None and p.period.kind in
                        FREQUENCY_KIND.values())
        if kinds:
            return kinds.most_common(1)[0][0]
    return None


def reporting_period(indicator: Indicator, as_at: date, settings: Settings,
                     period: Period | None = None) -> Period | None:
    """The period a report as at `as_at` shows: the latest of the indicator's kind whose actual is due by
    then; with `period` given, that period (or, for an indicator reported less often, its latest ended by then)."""
    kind = frequency(indicator)
    if kind is None:
        return None
    if period is not None:
        if period.kind is kind:
            return period
        found = containing(kind, period.end)
        while found is not None and found.end > period.end:
            found = previous_period(found)
        return found
    found = containing(kind, as_at)
    if found is None or due_after(settings.actuals_due, found.end) <= as_at:
        return found
    return _latest_due(kind, as_at, settings.actuals_due)


def _latest_due(kind: Kind, as_at: date, lag: str) -> Period | None:
    """The latest period of `kind` whose actual is due by `as_at`, found by halving the days before it (a lag
    of many years, walked back a period at a time, took seconds an indicator). The periods due are those up
    to some day, and before the year 1 there are none."""
    low, high, found = date.min.toordinal(), as_at.toordinal(), None
    while low <= high:
        middle = (low + high) // 2
        try:
            period = containing(kind, date.fromordinal(middle))
        except (ValueError, OverflowError):  # a period starting before the year 1: later days may be due
            period = None
        if period is None or due_after(lag, period.end) <= as_at:
            found, low = period or found, middle + 1
        else:
            high = middle - 1
    return found


def due_periods(plan: Plan, indicator: Indicator, as_at: date, settings: Settings) -> list[Period]:
    """Every period of the indicator's kind from the plan's start (or its first figure) to the last one due
    by `as_at`: the periods a complete record has an actual for."""
    last = reporting_period(indicator, as_at, settings)
    firsts = [p.period.start for p in indicator.series.targets + indicator.series.actuals if p.period is not None]
    start = plan.start.start if plan.start else min(firsts, default=None)
    if last is not None and plan.end is not None and last.end > plan.end.end:  # nothing is due after the plan
        last = containing(last.kind, plan.end.end)
        if last is not None and last.end > plan.end.end:
            last = previous_period(last)
    found: list[Period] = []
    while last is not None and start is not None and last.start >= start and len(found) < 400:
        found.append(last)
        last = previous_period(last)
    return found[::-1]


def indicator_status(plan: Plan, indicator: Indicator, period: Period, as_at: date,
                     config: Mapping[str, Any] | None = None, series: Series | None = None) -> IndicatorStatus:
    """The indicator's status for `period` as at `as_at` (the whole-plan series unless one is given)."""
    settings = settings_for(plan, indicator, config)
    series = series or indicator.series
    due = due_after(settings.actuals_due, period.end)
    own = next((a for a in series.actuals if same_days(a.period, period)), None)
    target = target_at(series, period)
    actual = actual_at(series, period, target.to_date if target else False)
    previous, year_before = travel(indicator, series, period, settings)
    base = dict(indicator=indicator, period=period, actual=actual.value if actual else None,
                target=target.value if target else None, year_to_date=bool(target and target.to_date),
                previous=previous, year_before=year_before, point=own, due=due)
    if actual is None and own is None and due > as_at:
        return IndicatorStatus(band="not-due", word=settings.word("not-due"),
                               reason=f"{settings.word('not-due')}: the figure for {period.label} is not due until "
                                      f"{day_words(due)}.", **base)  # type: ignore[arg-type]
    if actual is None:
        missing = ("one of the year's quarters has no figure, so there is no figure to date" if own is not None
                   else f"the figure for {period.label} was due by {day_words(due)} and has not arrived")
        return IndicatorStatus(band="no-data", word=settings.word("no-data"),
                               reason=f"{settings.word('no-data')}: {missing}.", **base)  # type: ignore[arg-type]
    if target is None:
        return IndicatorStatus(band="no-target", word=settings.word("no-target"),
                               reason=f"{settings.word('no-target')}: there is no target for {period.label}, so only "
                                      "the direction of travel is shown.", **base)  # type: ignore[arg-type]
    band, reason = judge(indicator, actual.value, target.value, settings, target.to_date, target.explained,
                         actual.explained)
    return IndicatorStatus(band=band, word=settings.word(band), reason=reason, **base)  # type: ignore[arg-type]


def judge(indicator: Indicator, actual: Decimal, target: Decimal, settings: Settings, to_date: bool = False,
          explained: str = "", summed: str = "") -> tuple[str, str]:
    """The band, and the sentence saying which rule put the figure in it."""
    if indicator.direction == "reduce":
        worse = actual - target
    elif indicator.direction == "increase":
        worse = target - actual
    else:
        worse = abs(actual - target)
    ours = figure_text(indicator, actual) + (" so far this year" if to_date else "")
    if summed and summed != "as printed":
        ours += f" ({summed})"
    theirs = f"the target{' to date' if to_date else ''} of {figure_text(indicator, target)}" + \
        (f" ({explained})" if explained else "")
    tolerance = settings.tolerance
    if worse <= 0:
        relation = "meets" if actual == target else "is better than"
        if indicator.direction == "maintain":
            relation = "meets"
        return "on-target", f"{settings.word('on-target')}: {ours} {relation} {theirs}."
    band = "close" if tolerance.allows(worse, target) else "off-target"
    if target == 0 and not tolerance.points:
        band = "off-target"
    away = "away from" if indicator.direction == "maintain" else \
        ("below" if indicator.direction == "increase" else "above") if tolerance.points else "worse than"
    if target == 0 and not tolerance.points:
        return band, (f"{settings.word(band)}: {ours} is {away} {theirs}; a tolerance of {tolerance.words()} of a "
                      "target of 0 allows nothing.")
    margin = _margin(worse, target, tolerance)
    return band, f"{settings.word(band)}: {ours} is {margin} {away} {theirs}; the tolerance is {tolerance.words()}."


def travel(indicator: Indicator, series: Series, period: Period,
           settings: Settings) -> tuple[Travel | None, Travel | None]:
    """The direction of travel against the period before and the same period a year before."""
    now = number_of(next((a for a in series.actuals if same_days(a.period, period)), None))
    if now is None:
        return None, None
    periods = [a.period for a in series.actuals if a.period is not None]
    before = previous_period(period)
    earlier = same_period_a_year_before(period, periods)
    return (_compare(indicator, series, now, before, settings) if before else None,
            _compare(indicator, series, now, earlier, settings) if earlier else None)


def _compare(indicator: Indicator, series: Series, now: Decimal, against: Period,
             settings: Settings) -> Travel | None:
    then = number_of(next((a for a in series.actuals if same_days(a.period, against)), None))
    if then is None:
        return None
    change = now - then
    higher = "higher" if change > 0 else "lower"
    if settings.same.allows(abs(change), then) and not (then == 0 and change and not settings.same.points):
        word = "the same"
    elif indicator.direction == "maintain":
        word = higher
    else:
        word = "better" if (change < 0) == (indicator.direction == "reduce") else "worse"
    size = (f"{percent_words(abs(change))} point{'' if abs(change) == 1 else 's'}" if settings.same.points
            else f"{percent_words(abs(change) * 100 / abs(then))}%" if then else "")
    moved = "no change" if change == 0 else f"{size} {higher}".strip()
    return Travel(word, against, then, f"{word.capitalize()} than {against.label} ({figure_text(indicator, then)}): "
                  f"{moved}; a change within {settings.same.words()} counts as the same."
                  if word != "the same" else f"The same as {against.label} ({figure_text(indicator, then)}): {moved}, "
                  f"within {settings.same.words()}.")
