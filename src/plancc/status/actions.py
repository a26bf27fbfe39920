"""An action's status as at a date, worked out from its due date and the progress its lead reported.

Only updates dated on or before the date count, so a report as at an earlier date shows the
action as it stood then. In this order: complete or cancelled (as the action or its latest
update says); overdue (the due date has passed, at the precision it was written: "by 2016-09"
is overdue from 1 October 2016); at risk (as the lead reports it); not started (its start has
passed with no progress: the start of its due period, or the plan's start for "by", ongoing and
throughout); not yet due (no progress, and its start has not come); on track.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from plancc.model.periods import DueKind, day_words
from plancc.model.plan import Action, Plan, Progress

STATUSES = ("overdue", "at-risk", "not-started", "on-track", "not-yet-due", "complete", "cancelled")
STATUS_WORDS = {"complete": "Complete", "cancelled": "Cancelled", "overdue": "Overdue", "at-risk": "At risk",
                "not-started": "Not started", "not-yet-due": "Not yet due", "on-track": "On track"}
REPORTED = {"on-track": "on track", "ongoing": "ongoing", "not-started": "not started", "at-risk": "at risk",
            "delayed": "delayed", "complete": "complete", "cancelled": "cancelled"}


@dataclass(frozen=True)
class ActionStatus:
    action: Action
    status: str
    word: str
    reason: str
    update: Progress | None  # the latest update on or before the date


def updates_by(action: Action, as_at: date) -> list[Progress]:
    """The progress updates dated on or before `as_at`, oldest first (undated ones count as current)."""
    return [p for p in action.progress if p.as_at is None or p.as_at <= as_at]


def reported(action: Action, as_at: date) -> tuple[str | None, Progress | None]:
    """The status the lead last reported by `as_at` (an update's, else the action's own), and that update."""
    updates = updates_by(action, as_at)
    with_status = [p for p in updates if p.status or p.rag]
    latest = updates[-1] if updates else None
    current = len(updates) == len(action.progress)  # no update is later than `as_at`
    if current and action.status in ("complete", "cancelled"):  # the action's own status is its current one
        return action.status, latest
    if with_status:
        last = with_status[-1]
        return last.status or {"red": "at-risk", "amber": "at-risk", "green": "on-track"}[last.rag or "green"], latest
    return action.status, latest


def action_status(plan: Plan, action: Action, as_at: date) -> ActionStatus:
    """The action's status as at `as_at`, with the reason in words."""
    said, latest = reported(action, as_at)
    when = f" (update of {day_words(latest.as_at)})" if latest and latest.as_at else ""
    end = plan.end.end if plan.end else None
    due = action.due
    if said in ("complete", "cancelled"):
        own = said == action.status and not (latest and latest.status == said)
        return _made(action, said, f"Marked {said} in the plan." if own else f"Reported {said}{when}.", latest)
    last_day = due.latest(end) if due else None
    if last_day is not None and last_day < as_at:
        days = (as_at - last_day).days
        return _made(action, "overdue", f"Due {due.describe()} and not complete as at {day_words(as_at)}: "  # type: ignore[union-attr]
                     f"{days} day{'s' if days != 1 else ''} after {day_words(last_day)}.", latest)
    latest_rag = next((p.rag for p in reversed(updates_by(action, as_at)) if p.rag), None)
    if said in ("at-risk", "delayed"):
        return _made(action, "at-risk", f"The lead reports it {REPORTED[said]}{when}.", latest)
    if latest_rag in ("amber", "red"):
        return _made(action, "at-risk", f"The lead rates it {latest_rag}{when}.", latest)
    progressed = said not in (None, "not-started") or any(p.status != "not-started"
                                                          for p in updates_by(action, as_at))
    start = _start(plan, action)
    if not progressed and start is not None and start <= as_at:
        return _made(action, "not-started", f"Due to start {day_words(start)}, and no progress is reported as at "
                     f"{day_words(as_at)}.", latest)
    if not progressed:
        return _made(action, "not-yet-due", (f"Starts {day_words(start)}." if start else
                     f"Due {due.describe()}; no progress reported yet." if due else "No due date; no progress "
                     "reported yet."), latest)
    return _made(action, "on-track", f"Progress reported{when}" + (f", due {due.describe()}." if due else "."),
                 latest)


def _start(plan: Plan, action: Action) -> date | None:
    """The day the action should start: its due period's start where the due date gives one ("from 2016-07",
    "2016/17", "2016-07 to 2017-03"); else the plan's start ("by 2016-09", ongoing, throughout)."""
    earliest = action.due.earliest() if action.due else None
    if earliest is not None or action.due is None or action.due.kind is DueKind.TBC:
        return earliest
    return plan.start.start if plan.start else None


def _made(action: Action, status: str, reason: str, update: Progress | None) -> ActionStatus:
    return ActionStatus(action, status, STATUS_WORDS[status], reason, update)
