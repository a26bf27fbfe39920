"""Changes to indicators: baselines restated, targets moved (stronger or weaker), actuals recorded;
comparisons.py says how their comparisons with other areas changed, status.py how their bands moved.

Indicators are matched by id, an indicator's area figures by area id, and targets and actuals by
their period. Whether a moved target is stronger or weaker follows the indicator's direction.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from plancc.diff import comparisons, status, words
from plancc.diff.changes import Change, data_at, details, keyed, pairs
from plancc.model.plan import Indicator, Plan, Point, Series
from plancc.model.values import Figure

_PERCENTS = (("change_on_previous", "the change on the previous period"), ("change_on_baseline",
                                                                           "the change on the baseline"))


@dataclass(frozen=True)
class _Where:
    """The indicator (and area) a series belongs to, for the words and the path."""

    old: Plan
    new: Plan
    indicator: Indicator
    area: str  # ' in North Bedfordshire', or ''
    path: str

    @property
    def name(self) -> str:
        return words.indicator(self.indicator.code, self.indicator.title)

    @property
    def unit(self) -> str:
        return self.indicator.unit


def _full_name(indicator: Indicator) -> str:
    """'NI 16 (Serious acquisitive crime)', or the title in quotes."""
    return f"{indicator.code} ({indicator.title})" if indicator.code else f"'{indicator.title}'"


def compare(old: Plan, new: Plan) -> Iterator[Change]:
    for key, was, now in pairs(keyed(old.indicators, lambda i: i.id), keyed(new.indicators, lambda i: i.id)):
        path = f"indicators[{key}]"
        if was is None and now is not None:
            yield Change("indicators", "indicator-added", path, _added(now), None, now.id)
        elif now is None and was is not None:
            yield Change("indicators", "indicator-removed", path, f"Indicator {_full_name(was)} removed.", was.id)
        elif was is not None and now is not None:
            yield from _indicator(old, new, was, now, path)


def _added(indicator: Indicator) -> str:
    """'Indicator NI 21 (...) added: it should increase, measured as a percentage, with 2 targets.'"""
    count = len(indicator.series.targets) + sum(len(s.targets) for s in indicator.breakdown)
    return (f"Indicator {_full_name(indicator)} added: it should {words.direction_verb(indicator.direction)}, "
            f"measured as {words.unit_name(indicator.unit)}, with {words.plural(count, 'target')}.")


def _indicator(old: Plan, new: Plan, was: Indicator, now: Indicator, path: str) -> Iterator[Change]:
    name = words.indicator(now.code, now.title)
    if was.direction != now.direction:
        yield Change("indicators", "direction-changed", path + ".direction",
                     f"{name} should now {words.direction_verb(now.direction)} instead of "
                     f"{words.direction_verb(was.direction)}.", was.direction, now.direction)
    if was.unit != now.unit:
        yield Change("indicators", "unit-changed", path + ".unit", f"{name} is now measured as "
                     f"{words.unit_name(now.unit)} instead of {words.unit_name(was.unit)}.", was.unit, now.unit)
    yield from _series(_Where(old, new, now, "", path), was.series, now.series)
    yield from _breakdown(old, new, was, now, path)
    yield from comparisons.compare(old, new, was, now, path)
    yield from status.indicator_bands(old, new, was, now, path)
    handled = ("id", "direction", "unit", "baseline", "targets", "actuals", "breakdown", "comparisons")
    yield from details("indicators", f"Indicator {_full_name(now)}", path, data_at(old, was.path),
                       data_at(new, now.path), handled)


def _breakdown(old: Plan, new: Plan, was: Indicator, now: Indicator, path: str) -> Iterator[Change]:
    name = words.indicator(now.code, now.title)
    for key, before, after in pairs(keyed(was.breakdown, _area), keyed(now.breakdown, _area)):
        where = f"{path}.breakdown[{key}]"
        if before is None and after is not None:
            yield Change("indicators", "area-added", where, f"{name} now has figures for "
                         f"{words.area(new, after.area)}.", None, after.area)
        elif after is None and before is not None:
            yield Change("indicators", "area-removed", where, f"{name} no longer has figures for "
                         f"{words.area(old, before.area)}.", before.area)
        elif before is not None and after is not None:
            yield from _series(_Where(old, new, now, f" in {words.area(new, after.area)}", where), before, after)


def _area(series: Series) -> str:
    return series.area or ""


def _label(point: Point) -> str:
    return words.period(point.label, point.period)


def _series(where: _Where, was: Series, now: Series) -> Iterator[Change]:
    yield from _baseline(where, was.baseline, now.baseline)
    for key, before, after in pairs(keyed(was.targets, lambda p: p.label), keyed(now.targets, lambda p: p.label)):
        yield from _target(where, before, after, f"{where.path}.targets[{key}]")
    for key, before, after in pairs(keyed(was.actuals, lambda p: p.label), keyed(now.actuals, lambda p: p.label)):
        target = next((t for t in now.targets if t.label == key), None)
        yield from _actual(where, before, after, target, f"{where.path}.actuals[{key}]")


def _point_details(where: _Where, subject: str, path: str, was: Point, now: Point,
                   handled: tuple[str, ...]) -> Iterator[Change]:
    yield from details("indicators", subject, path, data_at(where.old, was.path), data_at(where.new, now.path),
                       handled)


def _baseline(where: _Where, was: Point | None, now: Point | None) -> Iterator[Change]:
    path, subject = f"{where.path}.baseline", f"{where.name} baseline{where.area}"
    if was is None and now is not None:
        yield Change("indicators", "baseline-added", path, f"{subject} added: {words.measure(now.value, where.unit)} "
                     f"for {_label(now)}.", None, words.written(now.value))
    elif now is None and was is not None:
        yield Change("indicators", "baseline-removed", path, f"{subject} removed (it was "
                     f"{words.measure(was.value, where.unit)} for {_label(was)}).", words.written(was.value))
    elif was is not None and now is not None:
        yield from _restated(where, was, now, path, subject)
        yield from _point_details(where, subject, path, was, now, ("period", "value"))


def _restated(where: _Where, was: Point, now: Point, path: str, subject: str) -> Iterator[Change]:
    same_value, same_period = words.same_figure(was.value, now.value), was.label == now.label
    if same_value and same_period:
        return
    if same_period:
        sentence = (f"{where.name} baseline for {_label(now)}{where.area} restated "
                    f"{words.from_to(was.value, now.value, where.unit)}.")
    elif same_value:
        sentence = (f"{subject} of {words.measure(now.value, where.unit)} is now for {_label(now)} instead of "
                    f"{_label(was)}.")
    else:
        sentence = (f"{subject} restated from {words.measure(was.value, where.unit)} for {_label(was)} to "
                    f"{words.measure(now.value, where.unit)} for {_label(now)}.")
    yield Change("indicators", "baseline-restated", path, sentence, f"{words.written(was.value)} for {was.label}",
                 f"{words.written(now.value)} for {now.label}")


def _target_words(point: Point, unit: str) -> str:
    """A target as the plan gives it: its figure, or else its stated percentage changes."""
    if point.value is not None:
        return words.measure(point.value, unit)
    stated = [f"{p.text} on the {'previous period' if k == 'change_on_previous' else 'baseline'}"
              for k, p in (("change_on_previous", point.change_on_previous),
                           ("change_on_baseline", point.change_on_baseline)) if p is not None]
    return words.join(stated) or "no figure"


def _target(where: _Where, was: Point | None, now: Point | None, path: str) -> Iterator[Change]:
    if was is None and now is not None:
        subject = f"{where.name} target for {_label(now)}{where.area}"
        yield Change("indicators", "target-added", path, f"{subject} added: {_target_words(now, where.unit)}.",
                     None, words.written(now.value))
    elif now is None and was is not None:
        subject = f"{where.name} target for {_label(was)}{where.area}"
        yield Change("indicators", "target-removed", path,
                     f"{subject} removed (it was {_target_words(was, where.unit)}).", words.written(was.value))
    elif was is not None and now is not None:
        subject = f"{where.name} target for {_label(now)}{where.area}"
        if not words.same_figure(was.value, now.value):
            yield Change("indicators", "target-changed", path + ".value",
                         f"{subject} changed {words.from_to(was.value, now.value, where.unit)}"
                         f"{_judgement(was.value, now.value, where.indicator.direction)}.",
                         words.written(was.value), words.written(now.value))
        yield from _percents(subject, was, now, path)
        yield from _point_details(where, subject, path, was, now,
                                  ("period", "value", "change_on_previous", "change_on_baseline"))


def _judgement(before: Figure | None, after: Figure | None, direction: str) -> str:
    """', a weaker target for an indicator that should reduce' (nothing where it cannot be said)."""
    if before is None or after is None or before.number is None or after.number is None:
        return ""
    if before.number == after.number:
        return ", the same value written differently"
    if direction not in ("reduce", "increase"):
        return ""
    stronger = (after.number < before.number) == (direction == "reduce")
    return f", a {'stronger' if stronger else 'weaker'} target for an indicator that should {direction}"


def _percents(subject: str, was: Point, now: Point, path: str) -> Iterator[Change]:
    """A stated percentage change on the previous period or the baseline, restated."""
    for key, what in _PERCENTS:
        before, after = getattr(was, key), getattr(now, key)
        old_text, new_text = before.text if before else None, after.text if after else None
        if old_text != new_text:
            yield Change("indicators", "target-percent-changed", f"{path}.{key}",
                         words.field_change(f"{subject}: {what}", old_text, new_text), old_text, new_text)


def _versus(actual: Figure | None, target: Point | None, where: _Where) -> str:
    """', worse than its target of 10.88' where the actual and its target can be compared."""
    goal = target.value if target else None
    if actual is None or goal is None or actual.number is None or goal.number is None:
        return ""
    against = words.measure(goal, where.unit)
    direction = where.indicator.direction
    if actual.number == goal.number:
        return f", meeting its target of {against}"
    if direction not in ("reduce", "increase"):
        return f", against its target of {against}"
    better = (actual.number < goal.number) == (direction == "reduce")
    return f", {'better' if better else 'worse'} than its target of {against}"


def _actual(where: _Where, was: Point | None, now: Point | None, target: Point | None,
            path: str) -> Iterator[Change]:
    if was is None and now is not None:
        subject = f"{where.name} actual for {_label(now)}{where.area}"
        yield Change("indicators", "actual-recorded", path, f"{subject} recorded: "
                     f"{words.measure(now.value, where.unit)}{_versus(now.value, target, where)}.",
                     None, words.written(now.value))
    elif now is None and was is not None:
        subject = f"{where.name} actual for {_label(was)}{where.area}"
        yield Change("indicators", "actual-removed", path,
                     f"{subject} removed (it was {words.measure(was.value, where.unit)}).", words.written(was.value))
    elif was is not None and now is not None:
        subject = f"{where.name} actual for {_label(now)}{where.area}"
        if not words.same_figure(was.value, now.value):
            yield Change("indicators", "actual-revised", path + ".value",
                         f"{subject} revised {words.from_to(was.value, now.value, where.unit)}"
                         f"{_versus(now.value, target, where)}.", words.written(was.value), words.written(now.value))
        yield from _point_details(where, subject, path, was, now, ("period", "value"))
