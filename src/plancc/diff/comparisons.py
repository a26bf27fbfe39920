"""Changes to how an indicator's area compares with others: a league table of areas for a period, with
comparator rows (a group average, the national figure) that are not ranked.

Comparisons are matched by period, areas and comparators by name. An area's rank is the one printed
beside it, or else the one worked out from the values (model/comparisons.py), out of the areas
ranked (`ranked_of`, or those listed): 'Northbridge moved from 4th to 3rd of 8 in All recorded
crime per 1,000 population, 2014/15.' The other areas' ranks, which shift with it, are said together.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generator, Iterator

from plancc.diff import words
from plancc.diff.changes import Change, data_at, details, keyed, pairs
from plancc.model.comparisons import ComparedArea, Comparator, Comparison, indicator_comparisons
from plancc.model.periods import PeriodError, parse_period
from plancc.model.plan import Indicator, Plan

_RANKS_NAMED = 3  # other areas' new ranks named one by one up to this many; more are counted


@dataclass(frozen=True)
class _Table:
    """One league table in both versions, and how sentences name it."""

    was: Comparison
    now: Comparison
    subject: str  # 'All recorded crime per 1,000 population, 2014/15'
    unit: str
    path: str


def compare(old: Plan, new: Plan, was: Indicator, now: Indicator, path: str) -> Iterator[Change]:
    name = words.indicator(now.code, now.title)
    before = keyed(indicator_comparisons(old, was), lambda c: c.period)
    after = keyed(indicator_comparisons(new, now), lambda c: c.period)
    for key, then, current in pairs(before, after):
        where = f"{path}.comparisons[{key}]"
        if then is None and current is not None:
            yield Change("indicators", "comparison-added", where, f"{name} now compares "
                         f"{words.plural(len(current.areas), 'area')} for {_period(current)}{_standing(current)}.",
                         None, current.period)
        elif current is None and then is not None:
            yield Change("indicators", "comparison-removed", where, f"{name} no longer compares areas for "
                         f"{_period(then)}{_standing(then, past=True)}.", then.period)
        elif then is not None and current is not None:
            table = _Table(then, current, f"{now.title}, {_period(current)}", now.unit, where)
            yield from _table(old, new, table, f"{name}: the comparison for {_period(current)}")


def _period(comparison: Comparison) -> str:
    try:
        return words.period(comparison.period, parse_period(comparison.period))
    except PeriodError:
        return comparison.period


def _rank(comparison: Comparison, area: ComparedArea) -> int | None:
    """The rank printed beside an area, or else the one its value gives it where that is certain."""
    if area.rank is not None:
        return area.rank
    standing = comparison.standing(area)
    return standing.best if standing is not None and standing.exact else None


def _place(comparison: Comparison, area: ComparedArea) -> str | None:
    """'4th of 8', or None where the area has no rank."""
    rank = _rank(comparison, area)
    return None if rank is None else f"{words.ordinal(rank)} of {comparison.league_size}"


def _standing(comparison: Comparison, past: bool = False) -> str:
    """': Northbridge is 4th of 8', or ' (Northbridge was 4th of 8)'."""
    area = comparison.this_area
    place = _place(comparison, area) if area else None
    if area is None or place is None:
        return ""
    return f" ({area.name} was {place})" if past else f": {area.name} is {place}"


def _table(old: Plan, new: Plan, table: _Table, subject: str) -> Iterator[Change]:
    said = yield from _this_area(table)
    yield from _areas(table)
    if table.was.ranked_of != table.now.ranked_of and not said:
        yield Change("indicators", "comparison-ranked-of-changed", table.path + ".ranked_of", words.field_change(
            f"In {table.subject}, the number of areas ranked", _text(table.was.ranked_of),
            _text(table.now.ranked_of)), table.was.ranked_of, table.now.ranked_of)
    yield from _comparators(old, new, table)
    yield from details("indicators", subject, table.path, data_at(old, table.was.path), data_at(new, table.now.path),
                       ("period", "areas", "comparators", "ranked_of"))


def _text(value: int | None) -> str | None:
    return None if value is None else str(value)


def _this_area(table: _Table) -> Generator[Change, None, bool]:
    """The area the document is about: another one, or its rank moved. Returns whether its rank was said."""
    was, now = table.was.this_area, table.now.this_area
    if (was is None) != (now is None) or (was is not None and now is not None and was.name != now.name):
        before, after = was.name if was else None, now.name if now else None
        sentence = (f"In {table.subject}, the area compared is now {after} instead of {before}." if before and after
                    else words.field_change(f"In {table.subject}, the area compared", before, after))
        yield Change("indicators", "comparison-area-changed", table.path + ".this_area", sentence, before, after)
        return False
    if was is None or now is None:
        return False
    before, after = _rank(table.was, was), _rank(table.now, now)
    old_of, new_of = table.was.league_size, table.now.league_size
    if (before, old_of) == (after, new_of):
        return False
    if before is not None and after is not None and before == after:
        sentence = f"{now.name} is now {_place(table.now, now)} instead of {_place(table.was, was)} in {table.subject}."
    elif before is not None and after is not None:
        span = (f"{words.ordinal(before)} to {words.ordinal(after)} of {new_of}" if old_of == new_of else
                f"{words.ordinal(before)} of {old_of} to {words.ordinal(after)} of {new_of}")
        sentence = f"{now.name} moved from {span} in {table.subject}."
    else:
        sentence = words.field_change(f"{now.name}'s rank in {table.subject}", _place(table.was, was),
                                      _place(table.now, now))
    yield Change("indicators", "comparison-rank-changed", table.path + f".areas[{now.name}].rank", sentence,
                 before, after)
    return True


def _areas(table: _Table) -> Iterator[Change]:
    """Areas added to or removed from the league table, new figures, and the other areas' new ranks."""
    reranked: list[tuple[str, int, int]] = []
    for name, was, now in pairs(keyed(table.was.areas, lambda a: a.name), keyed(table.now.areas, lambda a: a.name)):
        where = f"{table.path}.areas[{name}]"
        if was is None and now is not None:
            place = _rank(table.now, now)
            rank = f"{words.ordinal(place)}, with " if place else ""
            yield Change("indicators", "comparison-area-added", where, f"In {table.subject}, {now.name} was added to "
                         f"the league table: {rank}{words.measure(now.value, table.unit)}.", None, now.name)
        elif now is None and was is not None:
            place = _rank(table.was, was)
            rank = f"{words.ordinal(place)}, with " if place else ""
            yield Change("indicators", "comparison-area-removed", where, f"In {table.subject}, {was.name} was removed "
                         f"from the league table (it was {rank}{words.measure(was.value, table.unit)}).", was.name)
        elif was is not None and now is not None:
            before, after = _rank(table.was, was), _rank(table.now, now)
            moved = before is not None and after is not None and before != after and not now.this_area
            if not words.same_figure(was.value, now.value):
                tail = f", now {words.ordinal(after)} instead of {words.ordinal(before)}" if moved else ""
                yield Change("indicators", "comparison-value-changed", where + ".value", f"In {table.subject}, "
                             f"{now.name}'s figure changed {words.from_to(was.value, now.value, table.unit)}{tail}.",
                             words.written(was.value), words.written(now.value))
            elif moved and before is not None and after is not None:
                reranked.append((now.name, before, after))
    yield from _reranked(table, reranked)


def _reranked(table: _Table, found: list[tuple[str, int, int]]) -> Iterator[Change]:
    """'In ..., Wexcombe is now 4th instead of 3rd.', or 'the ranks of 5 other areas changed'."""
    if not found:
        return
    if len(found) <= _RANKS_NAMED:
        said = words.join(f"{name} is now {words.ordinal(after)} instead of {words.ordinal(before)}"
                          for name, before, after in found)
    else:
        said = f"the ranks of {len(found)} other areas changed"
    yield Change("indicators", "comparison-ranks-changed", table.path + ".areas", f"In {table.subject}, {said}.",
                 {name: before for name, before, _ in found}, {name: after for name, _, after in found})


def _comparators(old: Plan, new: Plan, table: _Table) -> Iterator[Change]:
    def by_name(comparison: Comparison) -> dict[str, Comparator]:
        return keyed(comparison.comparators, lambda c: c.name)

    for name, was, now in pairs(by_name(table.was), by_name(table.now)):
        where = f"{table.path}.comparators[{name}]"
        if was is None and now is not None:
            yield Change("indicators", "comparator-added", where, f"In {table.subject}, the comparator "
                         f"{words.quoted(now.name)} was added: {words.measure(now.value, table.unit)}.", None,
                         words.written(now.value))
        elif now is None and was is not None:
            yield Change("indicators", "comparator-removed", where, f"In {table.subject}, the comparator "
                         f"{words.quoted(was.name)} was removed (it was {words.measure(was.value, table.unit)}).",
                         words.written(was.value))
        elif was is not None and now is not None:
            subject = f"In {table.subject}, the comparator {words.quoted(now.name)}"
            if not words.same_figure(was.value, now.value):
                yield Change("indicators", "comparator-changed", where + ".value", f"{subject} changed "
                             f"{words.from_to(was.value, now.value, table.unit)}.", words.written(was.value),
                             words.written(now.value))
            yield from details("indicators", f"The comparator {words.quoted(now.name)} in {table.subject}", where,
                               data_at(old, was.path), data_at(new, now.path), ("name", "value"))
