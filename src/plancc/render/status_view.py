"""A plan's own status as at its reporting date, for its page: the summary in words, each monitored
indicator's band for its latest period due, and each action's status."""

from __future__ import annotations

from typing import Any

from plancc.model.periods import day_words
from plancc.model.plan import Plan
from plancc.report.build import build_report, summary_words
from plancc.report.view import status_view


def plan_status(plan: Plan) -> dict[str, Any] | None:
    """The plan's status as at its `as_at`; None for a plan with no reporting date."""
    if plan.as_at is None:
        return None
    report = build_report([plan], plan.as_at, None, monitored_only=True)
    return {
        "as_at": day_words(plan.as_at), "summary": summary_words(report),
        "counts": {"indicators": dict(report.band_counts), "actions": dict(report.action_counts)},
        "indicators": {i.status.indicator.id: status_view(i.status) for i in report.indicators},
        "actions": {a.action.id: {"status": a.status, "word": a.word, "reason": a.reason} for _, a in report.actions},
    }


def counts_words(status: dict[str, Any] | None) -> str:
    """A plan's status in few words for the index: '1 on target, 2 off target; 1 action overdue'."""
    if not status:
        return ""
    from plancc.status.actions import STATUS_WORDS, STATUSES
    from plancc.status.settings import BANDS, DEFAULT_WORDS

    bands, actions = status["counts"]["indicators"], status["counts"]["actions"]
    indicators = ", ".join(f"{bands[b]} {DEFAULT_WORDS[b].lower()}" for b in BANDS if bands.get(b))
    done = ", ".join(f"{actions[s]} {STATUS_WORDS[s].lower()}" for s in STATUSES if actions.get(s))
    return " ".join(x for x in (f"Indicators: {indicators}." if indicators else "",
                                f"Actions: {done}." if done else "") if x)
