"""Model stage: turn a schema-valid plan's data into typed objects, keeping every path.

Period labels and due dates are read here; a label that is well formed for the schema but not
a real period (2009/11, which spans two years) becomes a `period-label` diagnostic.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from plancc.diagnostics import Diagnostic, error
from plancc.model.periods import Due, Period, PeriodError, parse_due, parse_period
from plancc.model.plan import (Action, Area, Finance, FinanceCategory, FinanceLine, Group, Indicator, Member,
                               Monitoring, Objective, Organisation, Path_, Person, Plan, Point, Progress, Residual,
                               Risk, Series, Stated, Version)
from plancc.model.values import Figure, figure, parse_percent
from plancc.load.source import LoadedPlan


class _Reader:
    """Reads values out of the data, collecting diagnostics for labels that are not real periods."""

    def __init__(self, source: LoadedPlan) -> None:
        self.source = source
        self.diagnostics: list[Diagnostic] = []

    def period(self, label: Any, path: Path_) -> Period | None:
        if not isinstance(label, str):
            return None
        try:
            return parse_period(label)
        except PeriodError as exc:
            self._bad(str(exc), path, label)
            return None

    def due(self, text: Any, path: Path_) -> Due | None:
        if not isinstance(text, str):
            return None
        try:
            return parse_due(text)
        except PeriodError as exc:
            self._bad(str(exc), path, text)
            return None

    def _bad(self, reason: str, path: Path_, value: str) -> None:
        self.diagnostics.append(error(
            "period-label", f"{reason}.", self.source.file, self.source.span_of(path), value=value,
            hint="Financial years are written 2009/10 (April 2009 to March 2010), quarters 2009/10 Q1, months "
                 "2009-04 and days 2009-04-01."))

    def figure(self, value: Any, path: Path_) -> Figure | None:
        return None if value is None else figure(value, self.source.raw(path))

    def decimal(self, value: Any, path: Path_) -> Decimal | None:
        fig = self.figure(value, path)
        return fig.number if fig else None

    def stated(self, totals: dict[str, Any] | None, path: Path_) -> dict[str, Stated]:
        for key in totals or {}:
            if key != "all":
                self.period(key, path + (key,))  # a malformed period key is reported here
        return {key: Stated(figure(value, self.source.raw(path + (key,))), path + (key,))
                for key, value in (totals or {}).items()}


def build_model(source: LoadedPlan) -> tuple[Plan, list[Diagnostic]]:
    """The typed plan, and the diagnostics for labels that are not real periods."""
    data: dict[str, Any] = source.data
    read = _Reader(source)
    period = data.get("period", {})
    as_at = read.period(data.get("as_at"), ("as_at",))
    plan = Plan(
        source=source, title=data.get("title", ""), status=data.get("status", ""),
        document=data.get("document", "delivery-plan"),
        start=read.period(period.get("from"), ("period", "from")), end=read.period(period.get("to"), ("period", "to")),
        version=data.get("version"), as_at=as_at.start if as_at else None,
        versions=[Version(v["version"], read.period(v.get("date"), ("versions", i, "date")), ("versions", i))
                  for i, v in enumerate(data.get("versions", []))],
        organisations=[Organisation(o["id"], o["name"], o.get("parent"), ("organisations", i))
                       for i, o in enumerate(data.get("organisations", []))],
        groups=[_group(g, ("groups", i)) for i, g in enumerate(data.get("groups", []))],
        objectives=[Objective(o["id"], o["title"], o.get("parent"), o.get("indicators", []), ("objectives", i))
                    for i, o in enumerate(data.get("objectives", []))],
        areas=[Area(a["id"], a["name"], a.get("parts", []), ("areas", i)) for i, a in enumerate(data.get("areas", []))],
        indicators=[_indicator(read, ind, ("indicators", i)) for i, ind in enumerate(data.get("indicators", []))],
        action_groups=data.get("action_groups", []),
        actions=[_action(read, a, ("actions", i)) for i, a in enumerate(data.get("actions", []))],
        funding_sources=data.get("funding_sources", []),
        finance=_finance(read, data["finance"]) if "finance" in data else None,
        risk_scale=(data["risk_scale"]["impact_max"], data["risk_scale"]["likelihood_max"])
        if "risk_scale" in data else None,
        risks=[_risk(r, ("risks", i)) for i, r in enumerate(data.get("risks", []))],
        criteria=[c["id"] for c in data.get("prioritisation", {}).get("criteria", [])],
        performance=data.get("performance", {}),
    )
    return plan, read.diagnostics


def _group(group: dict[str, Any], path: Path_) -> Group:
    members = []
    for i, member in enumerate(group.get("members", [])):
        mpath = path + ("members", i)
        people = [Person(p["role"], bool(p.get("chair")), bool(p.get("vacant")), bool(p.get("alternate")),
                         mpath + ("people", j)) for j, p in enumerate(member.get("people", []))]
        members.append(Member(member["represents"], member.get("organisation"), member["membership"],
                              member.get("stated_count"), people, mpath))
    return Group(group["id"], group["name"], group.get("stated_counts", {}), members, path)


def _point(read: _Reader, item: dict[str, Any], path: Path_) -> Point:
    changes = [parse_percent(item[k]) if isinstance(item.get(k), str) else None
               for k in ("change_on_previous", "change_on_baseline", "change_on_year_before")]
    return Point(item.get("period", ""), read.period(item.get("period"), path + ("period",)),
                 read.figure(item.get("value"), path + ("value",)), read.figure(item.get("count"), path + ("count",)),
                 changes[0], changes[1], path, changes[2], item.get("note"), _monitoring(read, item, path))


def _monitoring(read: _Reader, item: dict[str, Any], path: Path_) -> Monitoring | None:
    """An actual's commentary and status, or a target's profile, where the point has any."""
    if not _MONITORING_KEYS.intersection(item):
        return None
    data_to = read.period(item.get("data_to"), path + ("data_to",))
    profile = item.get("profile")
    if isinstance(profile, list):
        profile = tuple(read.decimal(v, path + ("profile", i)) or Decimal(0) for i, v in enumerate(profile))
    return Monitoring(item.get("commentary"), item.get("corrective_action"), data_to.end if data_to else None,
                      read.figure(item.get("year_to_date"), path + ("year_to_date",)), item.get("status"), profile)


_MONITORING_KEYS = frozenset({"commentary", "corrective_action", "data_to", "year_to_date", "status", "profile"})


def _series(read: _Reader, block: dict[str, Any], path: Path_) -> Series:
    baseline = _point(read, block["baseline"], path + ("baseline",)) if "baseline" in block else None
    targets = [_point(read, t, path + ("targets", i)) for i, t in enumerate(block.get("targets", []))]
    actuals = [_point(read, a, path + ("actuals", i)) for i, a in enumerate(block.get("actuals", []))]
    return Series(baseline, targets, actuals, block.get("area"), path)


def _per(unit: str) -> Decimal | None:
    """1000 for 'per 1,000 population'."""
    words = unit.split()
    if len(words) >= 2 and words[0] == "per":
        return Decimal(words[1].replace(",", ""))
    return None


def _indicator(read: _Reader, ind: dict[str, Any], path: Path_) -> Indicator:
    denominator = ind.get("denominator", {})
    return Indicator(
        ind["id"], ind.get("code"), ind["title"], ind["unit"], _per(ind["unit"]), ind["direction"],
        ind.get("composite_of", []), read.decimal(denominator.get("value"), path + ("denominator", "value")),
        _series(read, ind, path), [_series(read, b, path + ("breakdown", i)) for i, b in enumerate(ind.get("breakdown", []))],
        path, ind.get("tolerance"), ind.get("same"), ind.get("reporting"))


def _action(read: _Reader, action: dict[str, Any], path: Path_) -> Action:
    progress = []
    for i, update in enumerate(action.get("progress", [])):
        when = read.period(update.get("as_at"), path + ("progress", i, "as_at"))
        progress.append(Progress(when.start if when else None, update.get("status"), path + ("progress", i),
                                 update.get("rag")))
    return Action(
        action["id"], action["title"], action.get("group"), action.get("objectives", []),
        action.get("indicators", []), action.get("lead_agency"), action.get("partners", []), action.get("funding", []),
        read.due(action.get("due"), path + ("due",)), action.get("due_text"), action.get("depends_on", []),
        action.get("status"), progress, path)


def _finance(read: _Reader, finance: dict[str, Any]) -> Finance:
    path: Path_ = ("finance",)
    labels = [str(c) for c in finance.get("columns", [])]
    columns = [read.period(label, path + ("columns", i)) for i, label in enumerate(labels)]

    def categories(side: str) -> list[FinanceCategory]:
        found = []
        for i, cat in enumerate(finance.get(side, [])):
            cpath = path + (side, i)
            lines = []
            for j, line in enumerate(cat.get("lines", [])):
                lpath = cpath + ("lines", j)
                amounts = {key: (figure(value, read.source.raw(lpath + ("amounts", key))), lpath + ("amounts", key))
                           for key, value in line.get("amounts", {}).items()}
                lines.append(FinanceLine(line["name"], line.get("source"), amounts,
                                         read.stated(line.get("stated_totals"), lpath + ("stated_totals",)), lpath))
            found.append(FinanceCategory(cat["category"], lines,
                                         read.stated(cat.get("stated_totals"), cpath + ("stated_totals",)), cpath))
        return found

    return Finance(columns, labels, categories("funding"), categories("expenditure"),
                   read.stated(finance.get("stated_funding_totals"), path + ("stated_funding_totals",)),
                   read.stated(finance.get("stated_expenditure_totals"), path + ("stated_expenditure_totals",)), path)


def _risk(risk: dict[str, Any], path: Path_) -> Risk:
    residual = risk.get("residual")
    return Risk(risk["ref"], risk["impact"], risk["likelihood"], risk.get("rating"),
                Residual(residual.get("impact"), residual.get("likelihood"), residual.get("rating"),
                         path + ("residual",)) if residual is not None else None,
                risk.get("owner"), path)


def today_or(plan: Plan, today: date | None) -> date | None:
    """The date overdue is measured against: --today if given, else the plan's reporting date."""
    return today or plan.as_at

