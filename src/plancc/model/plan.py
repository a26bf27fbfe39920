"""The plan as typed objects. Every object keeps `path`, where it is in the file's data, so a
check can point at it; figures are exact decimals, periods and due dates real types."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from plancc.model.periods import Due, Period
from plancc.model.values import Figure, Percent
from plancc.load.source import LoadedPlan

Path_ = tuple[Any, ...]


@dataclass
class Stated:
    """A figure the document prints that plancc can work out for itself."""

    figure: Figure
    path: Path_


@dataclass
class Organisation:
    id: str
    name: str
    parent: str | None
    path: Path_


@dataclass
class Person:
    role: str
    chair: bool
    vacant: bool
    alternate: bool
    path: Path_

    @property
    def counts(self) -> bool:
        """A filled seat, not an unfilled one or an alternative to the person before."""
        return not self.vacant and not self.alternate


@dataclass
class Member:
    represents: str
    organisation: str | None
    membership: str
    stated_count: int | None
    people: list[Person]
    path: Path_


@dataclass
class Group:
    id: str
    name: str
    stated_counts: dict[str, int]
    members: list[Member]
    path: Path_


@dataclass
class Objective:
    id: str
    title: str
    parent: str | None
    indicators: list[str]
    path: Path_


@dataclass
class Area:
    id: str
    name: str
    parts: list[str]
    path: Path_


@dataclass
class Point:
    """A baseline, target or actual: a figure for a period, with any stated percentage changes."""

    label: str
    period: Period | None
    value: Figure | None
    count: Figure | None
    change_on_previous: Percent | None
    change_on_baseline: Percent | None
    path: Path_
    change_on_year_before: Percent | None = None  # an actual's stated change on the same period a year earlier
    note: str | None = None
    monitoring: Monitoring | None = None  # an actual's commentary and status, a target's profile


@dataclass(frozen=True)
class Monitoring:
    """What a performance report says with a figure: an actual's commentary, corrective action, how far its
    data runs, its stated year-to-date figure and status; a target's profile across the quarters."""

    commentary: str | None = None
    corrective_action: str | None = None
    data_to: date | None = None
    year_to_date: Figure | None = None
    stated_status: str | None = None  # on-target, close, off-target, green, amber or red, as the report prints it
    profile: str | tuple[Decimal, ...] | None = None  # even, cumulative or four quarters' own targets


@dataclass
class Series:
    """The baseline, targets and actuals of an indicator, for the whole plan or for one area."""

    baseline: Point | None = None
    targets: list[Point] = field(default_factory=list)
    actuals: list[Point] = field(default_factory=list)
    area: str | None = None
    path: Path_ = ()

    def points(self) -> list[Point]:
        return ([self.baseline] if self.baseline else []) + self.targets + self.actuals


@dataclass
class Indicator:
    id: str
    code: str | None
    title: str
    unit: str
    per: Decimal | None  # 1000 for "per 1,000 population"
    direction: str
    composite_of: list[str]
    denominator: Decimal | None
    series: Series
    breakdown: list[Series]
    path: Path_
    tolerance: str | None = None  # its own 'close to target' tolerance: 5% or 2 points
    same: str | None = None  # its own band for 'the same' in the direction of travel
    reporting: str | None = None  # monthly, quarterly or annual, where it says

    @property
    def name(self) -> str:
        return f"{self.code} ({self.title})" if self.code else self.title


@dataclass
class Progress:
    as_at: date | None
    status: str | None
    path: Path_
    rag: str | None = None  # the lead's own red, amber or green


@dataclass
class Action:
    id: str
    title: str
    group: str | None
    objectives: list[str]
    indicators: list[str]
    lead_agency: str | None  # None where a strategy or improvement plan does not state it
    partners: list[str]
    funding: list[str]
    due: Due | None
    due_text: str | None
    depends_on: list[str]
    status: str | None
    progress: list[Progress]
    path: Path_

    @property
    def latest_status(self) -> str | None:
        """The status of the most recent progress update, or else the action's own status."""
        dated = [p for p in self.progress if p.status]
        return dated[-1].status if dated else self.status

    @property
    def done(self) -> bool:
        """Complete or cancelled, by its own status or its latest progress update."""
        return self.status in ("complete", "cancelled") or self.latest_status in ("complete", "cancelled")


@dataclass
class FinanceLine:
    name: str
    source: str | None
    amounts: dict[str, tuple[Figure, Path_]]
    stated: dict[str, Stated]
    path: Path_


@dataclass
class FinanceCategory:
    name: str
    lines: list[FinanceLine]
    stated: dict[str, Stated]
    path: Path_


@dataclass
class Finance:
    columns: list[Period | None]
    column_labels: list[str]
    funding: list[FinanceCategory]
    expenditure: list[FinanceCategory]
    stated_funding: dict[str, Stated]
    stated_expenditure: dict[str, Stated]
    path: Path_


@dataclass
class Residual:
    impact: int | None
    likelihood: int | None
    rating: int | None
    path: Path_


@dataclass
class Risk:
    ref: str
    impact: int
    likelihood: int
    rating: int | None
    residual: Residual | None
    owner: str | None
    path: Path_


@dataclass
class Version:
    version: str
    date: Period | None
    path: Path_


@dataclass
class Plan:
    """A checked plan: everything the rules look at."""

    source: LoadedPlan
    title: str
    status: str
    document: str  # delivery-plan, strategy, improvement-plan or report
    start: Period | None
    end: Period | None
    version: str | None
    as_at: date | None
    versions: list[Version] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    objectives: list[Objective] = field(default_factory=list)
    areas: list[Area] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    action_groups: list[dict[str, Any]] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    funding_sources: list[dict[str, Any]] = field(default_factory=list)
    finance: Finance | None = None
    risk_scale: tuple[int, int] | None = None
    risks: list[Risk] = field(default_factory=list)
    criteria: list[str] = field(default_factory=list)
    performance: dict[str, Any] = field(default_factory=dict)  # the plan's own status settings, as written

    @property
    def data(self) -> dict[str, Any]:
        return self.source.data  # type: ignore[no-any-return]
