"""The performance report as the template shows it: plain values and sentences, no arithmetic left."""

from __future__ import annotations

from typing import Any

from plancc.model.periods import day_words
from plancc.model.plan import Action, Plan
from plancc.render.charts import chart
from plancc.render.markdown import markdown
from plancc.report.build import IndicatorReport, Report, band_words, summary_words
from plancc.status.actions import STATUS_WORDS, STATUSES, ActionStatus
from plancc.status.indicators import IndicatorStatus, Travel, figure_text
from plancc.status.settings import BANDS

TRAVEL_SHAPES = {"better": "up", "worse": "down", "the same": "level", "higher": "up", "lower": "down"}


def report_title(report: Report) -> str:
    """'Performance report, 2016/17 Q2' or 'Performance report as at 25 November 2016'."""
    if report.period is not None:
        return f"Performance report, {report.period.label}"
    return f"Performance report as at {day_words(report.as_at)}"


def report_context(report: Report, links: dict[str, str] | None = None) -> dict[str, Any]:
    """The template's `report`: `links` maps a plan's file to its page (for 'see the plan')."""
    links = links or {}
    words = band_words(report)
    indicators = [_indicator(i, n, links) for n, i in enumerate(report.indicators)]
    exceptions = [i for i in indicators if i["band"] in ("off-target", "no-data")]
    actions = [_action(plan, a) for plan, a in report.actions]
    return {
        "title": report_title(report), "as_at": day_words(report.as_at),
        "period": report.period.describe() if report.period else "",
        "summary": summary_words(report),
        "band_counts": [{"band": b, "word": words[b], "count": report.band_counts[b]} for b in BANDS
                        if b != "not-due" or report.band_counts[b]],
        "action_counts": [{"status": s, "word": STATUS_WORDS[s], "count": report.action_counts[s]} for s in STATUSES],
        "exceptions": exceptions,
        "action_exceptions": [a for a in actions if a["status"] in ("overdue", "at-risk")],
        "plans": [{"title": p.title, "partnership": p.data.get("partnership", ""),
                   "href": links.get(p.source.file, ""),
                   "period": f"{p.start.label} to {p.end.label}" if p.start and p.end else ""} for p in report.plans],
        "left_out": [{"title": p.title, "why": why} for p, why in report.left_out],
        "indicators": indicators,
        "actions_by_status": [{"status": s, "word": STATUS_WORDS[s], "actions": [a for a in actions if a["status"] == s]}
                              for s in STATUSES if any(a["status"] == s for a in actions)],
        "words": words,
    }


def status_view(status: IndicatorStatus) -> dict[str, Any]:
    """One period's status: the figures compared, the band and the rule in words."""
    ind = status.indicator
    point = status.point
    monitoring = point.monitoring if point else None
    return {
        "period": status.period.label, "period_words": status.period.describe(), "band": status.band,
        "word": status.word, "reason": status.reason,
        "actual": figure_text(ind, status.actual) if status.actual is not None else "",
        "target": figure_text(ind, status.target) if status.target is not None else "",
        "to_date": status.year_to_date,
        "previous": _travel(status.previous), "year_before": _travel(status.year_before),
        "commentary": markdown(monitoring.commentary) if monitoring and monitoring.commentary else "",
        "corrective_action": markdown(monitoring.corrective_action)
        if monitoring and monitoring.corrective_action else "",
        "data_to": day_words(monitoring.data_to) if monitoring and monitoring.data_to else "",
        "note": point.note if point and point.note else "",
    }


def _travel(travel: Travel | None) -> dict[str, str] | None:
    if travel is None:
        return None
    return {"word": travel.word, "shape": TRAVEL_SHAPES[travel.word], "against": travel.against.label,
            "reason": travel.reason}


def _indicator(item: IndicatorReport, index: int, links: dict[str, str]) -> dict[str, Any]:
    ind = item.status.indicator
    slug = f"ind-{index + 1}-{ind.id}"
    return {
        "id": slug, "name": ind.name, "code": ind.code or "", "title": ind.title, "unit": ind.unit,
        "plan": item.plan.title, "plan_href": links.get(item.plan.source.file, ""),
        "direction": {"reduce": "lower is better", "increase": "higher is better",
                      "maintain": "keep steady"}[ind.direction],
        **status_view(item.status),
        "history": [status_view(s) for s in item.history],
        "baseline": (f"{figure_text(ind, ind.series.baseline.value.number)} in {ind.series.baseline.label}"
                     if ind.series.baseline and ind.series.baseline.value and
                     ind.series.baseline.value.number is not None else ""),
        "chart": chart(item.drawn, f"chart-{slug}"),
    }


def _action(plan: Plan, found: ActionStatus) -> dict[str, Any]:
    action: Action = found.action
    names = {o.id: o.name for o in plan.organisations}
    update = found.update
    raw: list[dict[str, Any]] = plan.data.get("actions", [])
    data: dict[str, Any] = next((a for a in raw if a.get("id") == action.id), {})
    progress: dict[str, Any] = next((p for p in reversed(data.get("progress", [])) if update and p.get("as_at") and
                                     str(p.get("as_at")) == (update.as_at.isoformat() if update.as_at else "")), {})
    return {
        "id": action.id, "title": action.title, "plan": plan.title, "status": found.status, "word": found.word,
        "reason": found.reason, "lead": names.get(action.lead_agency or "", action.lead_agency or ""),
        "due": action.due.describe() if action.due else (action.due_text or ""),
        "updated": day_words(update.as_at) if update and update.as_at else "",
        "performance": markdown(progress.get("performance") or progress.get("note") or ""),
    }
