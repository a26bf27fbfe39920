"""Figures plancc works out itself from the atomic ones: finance totals, area and composite sums.

The check rules compare these with what a plan states; the rendered page shows these, not
the stated ones.
"""

from __future__ import annotations

from decimal import Decimal

from plancc.model.periods import PeriodError, parse_period, same_period_a_year_before
from plancc.model.plan import FinanceCategory, FinanceLine, Plan, Point, Series
from plancc.model.values import Total, total


def in_key(label: str, key: str) -> bool:
    """Whether the amount for period `label` belongs in the total keyed `key` ('all' or a period)."""
    if key == "all":
        return True
    try:
        return parse_period(key).contains(parse_period(label))
    except PeriodError:
        return False


def line_total(line: FinanceLine, key: str) -> Total:
    """A line's total for a period (or 'all'), from its amounts."""
    return total(fig for label, (fig, _) in line.amounts.items() if in_key(label, key))


def category_total(category: FinanceCategory, key: str) -> Total:
    return sum((line_total(line, key) for line in category.lines), Total())


def side_total(categories: list[FinanceCategory], key: str) -> Total:
    """The grand total of funding or of expenditure for a period (or 'all')."""
    return sum((category_total(cat, key) for cat in categories), Total())


def point_in(series: Series, kind: str, label: str) -> Point | None:
    """The baseline, or the target or actual for a period label, in a series."""
    if kind == "baseline":
        return series.baseline if series.baseline and series.baseline.label == label else None
    return next((p for p in (series.targets if kind == "target" else series.actuals) if p.label == label), None)


def derived_value(plan: Plan, indicator_id: str, area_id: str | None, kind: str, label: str) -> Decimal | None:
    """An indicator's figure worked out from atomic figures: a composite from its components, an
    area with parts from its parts, anything else as written. None where a figure is missing."""
    indicators = {i.id: i for i in plan.indicators}
    areas = {a.id: a for a in plan.areas}
    indicator = indicators.get(indicator_id)
    if indicator is None:
        return None
    if indicator.composite_of:
        parts = [derived_value(plan, c, area_id, kind, label) for c in indicator.composite_of]
        return None if any(p is None for p in parts) else sum(parts, Decimal(0))  # type: ignore[arg-type]
    area = areas.get(area_id) if area_id else None
    if area is not None and area.parts:
        parts = [derived_value(plan, indicator_id, p, kind, label) for p in area.parts]
        return None if any(p is None for p in parts) else sum(parts, Decimal(0))  # type: ignore[arg-type]
    series = indicator.series if area_id is None else next((s for s in indicator.breakdown if s.area == area_id), None)
    point = point_in(series, kind, label) if series else None
    fig = point.value if point else None
    return fig.number if fig is not None and fig.state == "number" else None


def number_of(point: Point | None) -> Decimal | None:
    """A point's figure as a number, or None when it has none or it is nil or t.b.c."""
    fig = point.value if point else None
    return fig.number if fig is not None and fig.state == "number" else None


def actual_pairs(series: Series) -> list[tuple[Point, Point | None, Point | None]]:
    """Each actual value with the one before it (the same kind of period: a quarter with the quarter
    before) and the one for the same period a year earlier, where the series has them."""
    dated = sorted((a for a in series.actuals if a.period is not None), key=lambda a: a.period.end)  # type: ignore[union-attr]
    periods = [a.period for a in dated if a.period is not None]
    by_period = {a.period: a for a in dated}
    found: list[tuple[Point, Point | None, Point | None]] = []
    last: dict[object, Point] = {}
    for actual in dated:
        assert actual.period is not None
        earlier = same_period_a_year_before(actual.period, periods)
        found.append((actual, last.get(actual.period.kind), by_period.get(earlier) if earlier else None))
        last[actual.period.kind] = actual
    return found
