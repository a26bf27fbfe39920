"""Rules for indicator figures: areas that roll up, composites, rates, and the direction of targets."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from plancc.diagnostics import Severity
from plancc.model.plan import Indicator, Point, Series
from plancc.model.values import decimal_places, format_number, rounding
from plancc.model.derive import number_of
from plancc.rules import Context, Problem, rule


def _keyed(series: Series) -> dict[tuple[str, str], Point]:
    """A series' points by (kind, period label), so the same cell can be found in another series."""
    found: dict[tuple[str, str], Point] = {}
    if series.baseline:
        found[("baseline", series.baseline.label)] = series.baseline
    for kind, points in (("target", series.targets), ("actual", series.actuals)):
        for point in points:
            found.setdefault((kind, point.label), point)
    return found


def _sum_problems(whole: Series, parts: list[tuple[str, Series]], what: str, whole_name: str) -> Iterator[Problem]:
    """Compare each figure of `whole` with the sum of the same figure in each part."""
    part_points = [(name, _keyed(series)) for name, series in parts]
    for key, point in _keyed(whole).items():
        stated = number_of(point)
        values = [(name, number_of(points.get(key))) for name, points in part_points]
        if stated is None or any(v is None for _, v in values):
            continue
        added = sum((v for _, v in values if v is not None), Decimal(0))
        if added != stated:
            sums = " + ".join(f"{name} {format_number(v)}" for name, v in values)
            kind, label = key
            yield Problem(point.path + ("value",), f"The {kind} for {label} of {whole_name} is {format_number(stated)}, "
                          f"but {what} add up to {format_number(added)} ({sums}).",
                          hint="plancc adds these up itself: correct the figure that is wrong, or, if this is "
                               "the figure as published, keep it with a '# plancc: ignore[...]' comment saying so.",
                          value=format_number(stated))


@rule("area-rollup", Severity.WARNING)
def area_rollup(ctx: Context) -> Iterator[Problem]:
    """An area's figure is not the sum of the areas it is made up of.

    Where an area lists its parts (Central Beds is Mid Beds plus South Beds), every figure for
    it in an indicator's breakdown must equal the sum of its parts' figures for the same period.

    Fails:   C Beds 2007/08 baseline 4,000 while M Beds 1,445 + S Beds 2,557 = 4,002
    Passes:  C Beds 2007/08 baseline 4,002, the sum of its parts
    Fix:     correct the area's figure or a part's figure.
    """
    areas = {a.id: a for a in ctx.plan.areas}
    for indicator in ctx.plan.indicators:
        by_area = {s.area: s for s in indicator.breakdown if s.area}
        for area_id, series in by_area.items():
            area = areas.get(area_id)
            if area is None or not area.parts or not all(p in by_area for p in area.parts):
                continue
            parts = [(areas[p].name if p in areas else p, by_area[p]) for p in area.parts]
            yield from _sum_problems(series, parts, "its parts", f"{area.name} ({indicator.name})")


@rule("composite-sum", Severity.WARNING)
def composite_sum(ctx: Context) -> Iterator[Problem]:
    """A composite indicator's figure is not the sum of its component indicators' figures.

    An indicator with composite_of (serious acquisitive crime is robbery + burglary + vehicle
    crime) must equal the sum of its components, period by period and area by area.

    Fails:   SAC S Beds 2008/09 2,355 while 142 + 726 + 350 + 1,132 = 2,350
    Passes:  SAC S Beds 2008/09 2,350
    Fix:     correct the composite's figure or a component's figure.
    """
    indicators = {i.id: i for i in ctx.plan.indicators}
    for indicator in ctx.plan.indicators:
        parts = [indicators[c] for c in indicator.composite_of if c in indicators]
        if not parts or len(parts) != len(indicator.composite_of):
            continue
        names = "its components"
        yield from _sum_problems(indicator.series, [(p.code or p.title, p.series) for p in parts], names,
                                 indicator.name)
        for series in indicator.breakdown:
            matching = [(p.code or p.title, _area_series(p, series.area)) for p in parts]
            if all(s is not None for _, s in matching):
                yield from _sum_problems(series, [(n, s) for n, s in matching if s is not None], names,
                                         f"{indicator.name} in {_area_name(ctx, series.area)}")


def comparable_pairs(indicator: Indicator, series: Series) -> list[tuple[Point, Point | None]]:
    """Each target with the figure before it of the same kind of period (a year with the year before,
    a quarter with the quarter before); the first of each kind with the baseline where they compare:
    the baseline is the same kind of period, or the unit is a rate or a percentage, which compare
    across periods of different lengths."""
    if any(t.period is None and number_of(t) is not None for t in series.targets):
        return []  # a label that is not a period breaks the chain: period-label says so
    rate = indicator.unit != "count"
    base = series.baseline if number_of(series.baseline) is not None else None
    last: dict[object, Point] = {}
    pairs: list[tuple[Point, Point | None]] = []
    for target in sorted((t for t in series.targets if number_of(t) is not None and t.period),
                         key=lambda t: t.period.end if t.period else None):
        assert target.period is not None
        kind = target.period.kind
        before = last.get(kind)
        if before is None and base is not None and base.period is not None and (rate or base.period.kind is kind):
            before = base
        pairs.append((target, before))
        last[kind] = target
    return pairs


def series_name(ctx: Context, series: Series, indicator: Indicator) -> str:
    """'Robbery in North Bedfordshire', or the indicator's name for the whole plan's figures."""
    area = _area_name(ctx, series.area) if series.area else None
    return f"{indicator.name} in {area}" if area else indicator.name


def _area_series(indicator: Indicator, area: str | None) -> Series | None:
    return next((s for s in indicator.breakdown if s.area == area), None)


def _area_name(ctx: Context, area: str | None) -> str:
    return next((a.name for a in ctx.plan.areas if a.id == area), area or "the whole area")


@rule("rate-count", Severity.WARNING)
def rate_count(ctx: Context) -> Iterator[Problem]:
    """A rate does not agree with its count and the indicator's denominator.

    For an indicator measured per 1,000 households (or population) with a denominator, a figure
    that also gives its count must equal count / denominator x 1,000, to the precision written.

    Fails:   denominator 94,224 households, count 4,560, value 48.9 (4,560 / 94,224 x 1,000 = 48.4)
    Passes:  the same with value 48.4
    Fix:     correct the rate, the count or the denominator.
    """
    for indicator in ctx.plan.indicators:
        if indicator.per is None or not indicator.denominator:
            continue
        for series in [indicator.series, *indicator.breakdown]:
            for point in series.points():
                value, count = number_of(point), point.count.number if point.count else None
                if value is None or count is None:
                    continue
                rate = count / indicator.denominator * indicator.per
                places = decimal_places(value)
                if abs(rate - value) > rounding(value):
                    yield Problem(point.path + ("value",), f"{indicator.name} for {point.label} is {value}, but "
                                  f"{format_number(count)} / {format_number(indicator.denominator)} x "
                                  f"{format_number(indicator.per)} is {rate:.{places + 2}f}.",
                                  hint="Correct the rate, the count or the denominator.", value=str(value))


@rule("target-direction", Severity.WARNING)
def target_direction(ctx: Context) -> Iterator[Problem]:
    """A target moves against the indicator's direction (up for an indicator that should reduce).

    Targets for an indicator that should reduce must not rise from the baseline or from one
    period to the next; for one that should increase, they must not fall. A flat target is not
    reported.

    Fails:   direction reduce, baseline 44, target for 2002/03 48.4
    Passes:  direction reduce, baseline 44, target for 2002/03 40.5
    Fix:     check the target, or the indicator's direction.
    """
    for indicator in ctx.plan.indicators:
        if indicator.direction not in ("reduce", "increase"):
            continue
        for series in [indicator.series, *indicator.breakdown]:
            name = series_name(ctx, series, indicator)
            for target, previous in comparable_pairs(indicator, series):
                if previous is not None:
                    before, now = number_of(previous), number_of(target)
                    assert before is not None and now is not None
                    wrong = now > before if indicator.direction == "reduce" else now < before
                    if wrong:
                        word = "rises" if now > before else "falls"
                        yield Problem(target.path + ("value",), f"The {target.label} target for {name} {word} to "
                                      f"{format_number(now)} from {format_number(before)} in {previous.label}, but "
                                      f"the indicator should {indicator.direction}.",
                                      hint="Check the target, or the indicator's direction.", value=str(now))
