"""The template context: a checked plan turned into what a page shows, in reading order.

Templates get plain values and already-worded figures (computed totals, nil and t.b.c. in
words, dates as "6 February 2010"), so a council's theme can change the look without
redoing any arithmetic. `docs/templates.md` lists every variable.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from markupsafe import Markup

from plancc.model.periods import MONTH_NAMES, PeriodError, day_words, parse_period
from plancc.model.plan import Indicator, Plan
from plancc.model.values import format_number
from plancc.render.charts import chart
from plancc.render.comparison_view import comparison_views
from plancc.render.figures_view import breakdown_view, columns_used, figure_rows
from plancc.render.finance_view import finance_view
from plancc.render.markdown import markdown
from plancc.render.report_view import DOCUMENT_WORDS, report_view
from plancc.render.sections import document_sections
from plancc.render.status_view import plan_status
from plancc.validate.schema import complete

STATUS_WORDS = {"draft": "Draft", "approved": "Approved", "published": "Published"}
ACTION_STATUS = {"not-started": "Not started", "on-track": "On track", "at-risk": "At risk", "delayed": "Delayed",
                 "complete": "Complete", "cancelled": "Cancelled", "ongoing": "Ongoing"}
DIRECTION = {"reduce": "Lower is better", "increase": "Higher is better", "maintain": "Keep steady"}


def day_text(value: str | date | None) -> str:
    """'6 February 2010' for a date or a YYYY-MM-DD label; 'January 2010' for a month; as written otherwise."""
    if value is None:
        return ""
    if isinstance(value, date):
        return day_words(value)
    try:
        return parse_period(value).describe()
    except PeriodError:
        return value


def _period_text(plan: Plan, printed: str | None) -> str:
    """'April 2008 to March 2011 (all 3 years of LAA)'."""
    if plan.start is None or plan.end is None:
        return printed or ""
    first, last = plan.start.start, plan.end.end
    span = f"{MONTH_NAMES[first.month - 1]} {first.year} to {MONTH_NAMES[last.month - 1]} {last.year}"
    return f"{span} ({printed})" if printed else span


def _names(plan: Plan) -> dict[str, str]:
    return {o.id: o.name for o in plan.organisations}


def _indicator(plan: Plan, indicator: Indicator, raw: dict[str, Any], index: int) -> dict[str, Any]:
    rows = figure_rows(indicator.series)
    return {
        "id": f"indicator-{indicator.id}", "ref": indicator.id, "code": indicator.code or "", "title": indicator.title,
        "name": indicator.name, "unit": indicator.unit, "direction": DIRECTION[indicator.direction],
        "description": markdown(raw.get("description")), "source": raw.get("source", ""),
        "denominator": _denominator(raw.get("denominator")), "rows": rows, **columns_used(rows),
        "chart": chart(indicator, f"chart-{index}"), "breakdown": breakdown_view(plan, indicator),
        "composite_of": [i.name for i in plan.indicators if i.id in indicator.composite_of],
        "notes": markdown(raw.get("notes")),
        "comparisons": comparison_views(plan, indicator, raw),
    }


def _denominator(raw: dict[str, Any] | None) -> str:
    if not raw:
        return ""
    source = f" ({raw['source']})" if raw.get("source") else ""
    return f"{format_number(Decimal(str(raw['value'])))} {raw['of']}{source}"


def _with_columns(group: dict[str, Any]) -> dict[str, Any]:
    """An action group, with its Lead and Due columns left out when empty in every row."""
    actions = group["actions"]
    return {**group, "show_lead": any(a["lead"] or a["lead_officer"] for a in actions),
            "show_due": any(a["due"] for a in actions)}


def _actions(plan: Plan, data: dict[str, Any], computed: dict[str, dict[str, str]]) -> list[dict[str, Any]]:
    names = _names(plan)
    funders = {f["id"]: f["name"] for f in data.get("funding_sources", [])}
    groups = [{"id": g["id"], "title": g["title"], "description": markdown(g.get("description")),
               "lead": names.get(g.get("lead_agency", ""), ""), "actions": []} for g in data.get("action_groups", [])]
    by_id = {g["id"]: g for g in groups}
    other = {"id": "other-actions", "title": "Other actions", "description": Markup(""), "lead": "", "actions": []}
    for action, raw in zip(plan.actions, data.get("actions", [])):
        item = {
            "id": action.id, "title": action.title, "description": markdown(raw.get("description")),
            "milestone": raw.get("milestone", ""), "lead": names.get(action.lead_agency, action.lead_agency) if action.lead_agency else "",
            "lead_officer": raw.get("lead_officer", ""), "partners": [names.get(p, p) for p in action.partners],
            "funding": [funders.get(f, f) for f in action.funding], "output": raw.get("output", ""),
            "due": action.due_text or (action.due.describe() if action.due else ""),
            "status": ACTION_STATUS.get(action.latest_status or "", ""),
            "progress": [{"as_at": day_text(p.get("as_at")), "status": ACTION_STATUS.get(p.get("status", ""), ""),
                          "measure": markdown(p.get("measure")), "performance": markdown(p.get("performance")),
                          "note": markdown(p.get("note"))} for p in raw.get("progress", [])],
            "note": markdown(raw.get("note")), "computed": computed.get(action.id),
        }
        by_id.get(action.group or "", other)["actions"].append(item)
    return [_with_columns(g) for g in groups + [other] if g["actions"] or g["description"]]


def _groups(plan: Plan, data: dict[str, Any]) -> list[dict[str, Any]]:
    found = []
    for group, raw in zip(plan.groups, data.get("groups", [])):
        members = []
        for member in group.members:
            people = []
            for person in member.people:
                notes = [w for w, flag in (("chair", person.chair), ("vacant", person.vacant),
                                           ("or", person.alternate)) if flag]
                people.append(person.role + (f" ({', '.join(notes)})" if notes else ""))
            members.append({"represents": member.represents, "membership": member.membership.capitalize(),
                            "people": people})
        counted = sum(1 for m in group.members for p in m.people if p.counts)
        found.append({"id": group.id, "name": group.name, "description": markdown(raw.get("description")),
                      "members": members, "count": counted})
    return found


def _risks(plan: Plan, data: dict[str, Any]) -> list[dict[str, Any]]:
    names = _names(plan)
    found = []
    for risk, raw in zip(plan.risks, data.get("risks", [])):
        residual = risk.residual
        residual_rating = residual.rating if residual and residual.rating is not None else (
            residual.impact * residual.likelihood if residual and residual.impact and residual.likelihood else None)
        owner = ", ".join(x for x in (raw.get("owner_role", ""), names.get(risk.owner or "", "")) if x)
        found.append({"ref": risk.ref, "type": raw.get("type", ""), "description": markdown(raw.get("description")),
                      "impact": risk.impact, "likelihood": risk.likelihood, "rating": risk.impact * risk.likelihood,
                      "controls": markdown(raw.get("controls")), "further_actions": markdown(raw.get("further_actions")),
                      "residual": residual_rating if residual_rating is not None else "", "owner": owner})
    return found


def plan_context(plan: Plan) -> dict[str, Any]:
    """Everything a template needs to show a plan."""
    data = plan.data
    names = _names(plan)
    performance = plan_status(plan)
    indicators = [{**_indicator(plan, ind, raw, i), "status": performance["indicators"].get(ind.id) if performance
                   else None} for i, (ind, raw) in enumerate(zip(plan.indicators, data.get("indicators", [])))]
    groups = _actions(plan, data, performance["actions"] if performance else {})
    sections, appendices, placed = document_sections(plan, indicators, groups)
    period = data.get("period") or {}
    lead = data.get("lead_officer")
    prioritisation = data.get("prioritisation")
    return {
        "document": plan.document, "document_name": DOCUMENT_WORDS[plan.document],
        "report": report_view(plan, names), "title": plan.title, "subtitle": data.get("subtitle", ""), "kind": data.get("kind", ""),
        "reference": data.get("reference", ""), "partnership": data["partnership"],
        "status": STATUS_WORDS[plan.status], "version": plan.version or "",
        "as_at": day_text(plan.as_at), "directorate": data.get("directorate", ""),
        "period": _period_text(plan, period.get("text")) if period else "",
        "lead_officer": None if lead is None else {**complete(lead, ("lead_officer",)),
                                                   "organisation": names.get(lead.get("organisation", ""), "")},
        "attributes": data.get("attributes", []),
        "versions": [{"version": v["version"], "date": day_text(v["date"]), "note": v.get("note", "")}
                     for v in data.get("versions", [])],
        "summary": markdown(data.get("summary")),
        "organisations": complete(data.get("organisations", []), ("organisations",)), "groups": _groups(plan, data),
        "objectives": [{**complete(o, ("objectives", 0)), "description": markdown(o.get("description")),
                        "kind": o.get("kind", "objective")} for o in data.get("objectives", [])],
        "links": [{**complete(link, ("links", 0)), "note": markdown(link.get("note"))}
                  for link in data.get("links", [])],
        "indicators": [i for i in indicators if i["ref"] not in placed.indicators],
        "action_groups": [g for g in groups if g["id"] not in placed.action_groups],
        "finance": finance_view(plan.finance, data["finance"].get("title")) if plan.finance else None,
        "finance_placed": placed.finance, "risks_placed": placed.risks,
        "finance_note": markdown(data.get("finance", {}).get("note")),
        "risks": _risks(plan, data), "risk_scale": data.get("risk_scale"),
        "assessments": [{**complete(a, ("assessments", 0)), "question": markdown(a.get("question")),
                         "answer": markdown(a.get("answer"))} for a in data.get("assessments", [])],
        "prioritisation": None if prioritisation is None else {
            **complete(prioritisation, ("prioritisation",)), "description": markdown(prioritisation.get("description"))},
        "monitoring": markdown(data.get("monitoring")),
        "sections": sections, "appendices": appendices, "performance": performance,
    }
