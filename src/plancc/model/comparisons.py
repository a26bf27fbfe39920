"""Comparisons with other areas: a league table of areas for one period of an indicator, with
comparator rows (a force or group average, the national figure) that are not areas, are never
ranked and never enter a roll-up.

Ranks are worked out from the values in the indicator's direction, as standard competition
ranking (1, 2, 2, 4): an area's rank is one more than the number of areas with a better value. An
area whose value is t.b.c. is not ranked, and it, like an area of a longer league that is not
listed (`ranked_of`), could stand above any other: an area's rank is then known only within a range.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from plancc.model.plan import Indicator, Path_, Plan
from plancc.model.values import Figure, figure, total
from plancc.load.source import LoadedPlan

RANKED_DIRECTIONS = ("reduce", "increase")
BETTER = {"reduce": ("lower", "lowest"), "increase": ("higher", "highest")}  # which values rank first, in words


@dataclass(frozen=True)
class ComparedArea:
    """One area of a league table: its value and the rank printed beside it (if any)."""

    name: str
    value: Figure
    rank: int | None
    this_area: bool
    path: Path_

    @property
    def number(self) -> Decimal | None:
        """The area's value, or None when it is t.b.c."""
        return self.value.number if self.value.state == "number" else None


@dataclass(frozen=True)
class Comparator:
    """A figure printed with the areas that is not an area (a group average, the national figure)."""

    name: str
    kind: str | None
    value: Figure
    simple_mean: bool
    path: Path_


@dataclass(frozen=True)
class Standing:
    """Where an area stands: the best and worst rank it can have, and the known areas above it."""

    best: int
    worst: int
    above: tuple[ComparedArea, ...]

    @property
    def exact(self) -> bool:
        return self.best == self.worst

    def allows(self, rank: int) -> bool:
        return self.best <= rank <= self.worst


@dataclass(frozen=True)
class Comparison:
    """An indicator's league table for one period, as the document prints it."""

    period: str
    title: str | None
    note: str | None
    areas: tuple[ComparedArea, ...]
    comparators: tuple[Comparator, ...]
    ranked_of: int | None
    direction: str  # the indicator's: reduce, increase or maintain
    path: Path_

    @property
    def ranked(self) -> bool:
        """Whether ranks can be worked out: the indicator has a better direction."""
        return self.direction in RANKED_DIRECTIONS

    @property
    def league_size(self) -> int:
        """How many areas the ranks are out of: ranked_of, or the areas listed."""
        return max(self.ranked_of or 0, len(self.areas))

    @property
    def unknown(self) -> int:
        """How many areas of the league have no known value: t.b.c. or not listed."""
        return self.league_size - sum(1 for a in self.areas if a.number is not None)

    @property
    def this_area(self) -> ComparedArea | None:
        return next((a for a in self.areas if a.this_area), None)

    def better(self, value: Decimal, than: Decimal) -> bool:
        """Whether `value` ranks above `than` in the indicator's direction."""
        return value < than if self.direction == "reduce" else value > than

    def standing(self, area: ComparedArea) -> Standing | None:
        """The ranks an area can have; None when it cannot be ranked (t.b.c., or no better direction)."""
        mine = area.number
        if mine is None or not self.ranked:
            return None
        above = tuple(sorted((a for a in self.areas if a.number is not None and self.better(a.number, mine)),
                             key=lambda a: a.number or 0, reverse=self.direction == "increase"))
        return Standing(len(above) + 1, len(above) + 1 + self.unknown, above)

    def league(self) -> list[tuple[ComparedArea, Standing | None]]:
        """The areas in the order of the ranks worked out (ties as listed), those not ranked last."""
        found = [(area, self.standing(area)) for area in self.areas]
        return sorted(found, key=lambda pair: (pair[1] is None, pair[1].best if pair[1] else 0))

    def mean(self) -> Decimal | None:
        """The plain average of the areas' values; None when any is t.b.c."""
        found = total(a.value for a in self.areas)
        return None if found.provisional or not found.count else found.known / found.count

    def sum_of_areas(self) -> Decimal:
        """The sum of the areas' known values."""
        return total(a.value for a in self.areas).known


def _area(source: LoadedPlan, item: dict[str, Any], path: Path_) -> ComparedArea:
    return ComparedArea(item["name"], figure(item["value"], source.raw(path + ("value",))), item.get("rank"),
                        bool(item.get("this_area")), path)


def _comparator(source: LoadedPlan, item: dict[str, Any], path: Path_) -> Comparator:
    return Comparator(item["name"], item.get("kind"), figure(item["value"], source.raw(path + ("value",))),
                      bool(item.get("simple_mean")), path)


def read_comparisons(source: LoadedPlan, raw: dict[str, Any], path: Path_, direction: str) -> list[Comparison]:
    """An indicator's comparisons from its data (`raw`, at `path`), with exact figures and their paths."""
    found = []
    for i, item in enumerate(raw.get("comparisons", [])):
        cpath = path + ("comparisons", i)
        areas = tuple(_area(source, a, cpath + ("areas", j)) for j, a in enumerate(item.get("areas", [])))
        comparators = tuple(_comparator(source, c, cpath + ("comparators", j))
                            for j, c in enumerate(item.get("comparators", [])))
        found.append(Comparison(str(item["period"]), item.get("title"), item.get("note"), areas, comparators,
                                item.get("ranked_of"), direction, cpath))
    return found


def indicator_comparisons(plan: Plan, indicator: Indicator) -> list[Comparison]:
    """The comparisons of one of the plan's indicators."""
    raw = plan.data
    for part in indicator.path:
        raw = raw[part]
    return read_comparisons(plan.source, raw, indicator.path, indicator.direction)
