"""Rule: stated percentage changes agree with the figures they were worked out from."""

from __future__ import annotations

from typing import Iterator

from plancc.diagnostics import Severity
from plancc.model.derive import actual_pairs
from plancc.model.plan import Point
from plancc.model.values import Percent, decimal_places, format_number, percent_change
from plancc.rules import Context, Problem, rule
from plancc.rules.indicators import comparable_pairs, number_of, series_name


WHAT = {"change_on_previous": "change on the previous period", "change_on_baseline": "change on the baseline",
        "change_on_year_before": "change on the same period a year before"}


def _check(stated: Percent | None, old: Point | None, new: Point, what: str, name: str) -> Iterator[Problem]:
    """A stated change against the change the figures give, within the rounding it is written to."""
    before, after = number_of(old), number_of(new)
    if stated is None or before is None or after is None:
        return
    actual = percent_change(before, after)
    if actual is None or stated.agrees_with(actual):
        return
    assert old is not None
    yield Problem(new.path + (what,), f"The {WHAT[what]} for {new.label} in {name} is stated as {stated.text}, but "
                  f"{format_number(before)} ({old.label}) to {format_number(after)} is {actual:+.1f}%, more than the "
                  f"{stated.tolerance.normalize()} points of rounding that {stated.text} allows.",
                  hint=f"Correct the percentage to about {actual:+.{decimal_places(stated.value)}f}%, or check the figures.",
                  value=stated.text)


@rule("percent-change", Severity.WARNING)
def percent_change_rule(ctx: Context) -> Iterator[Problem]:
    """A stated percentage change does not agree with the figures, within its own rounding.

    A change on the previous period compares a target with the one before it (the first target
    with the baseline); a change on the baseline compares it with the baseline. An actual value's
    change on the previous period compares it with the actual before it, and its change on the
    same period a year before with that period's actual. A percentage
    printed as a whole number (-8%) allows half a point of rounding; one with a decimal place
    (-7.5%) allows 0.05.

    Fails:   baseline 301, target 276 with change_on_previous -5% (the figures give -8.3%)
    Passes:  the same with -8%
    Fix:     correct the percentage or the figures.
    """
    for indicator in ctx.plan.indicators:
        for series in [indicator.series, *indicator.breakdown]:
            name = series_name(ctx, series, indicator)
            for target, previous in comparable_pairs(indicator, series):
                yield from _check(target.change_on_previous, previous, target, "change_on_previous", name)
                yield from _check(target.change_on_baseline, series.baseline, target, "change_on_baseline", name)
            for actual, previous, year_before in actual_pairs(series):
                yield from _check(actual.change_on_previous, previous, actual, "change_on_previous", name)
                yield from _check(actual.change_on_year_before, year_before, actual, "change_on_year_before", name)
