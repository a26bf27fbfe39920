"""Rules for due dates: within the plan period, not overdue, and after what they depend on."""

from __future__ import annotations

from typing import Iterator

from plancc.diagnostics import Severity
from plancc.model.periods import day_words
from plancc.model.plan import Action
from plancc.rules import Context, Problem, rule



@rule("due-outside-period", Severity.WARNING)
def due_outside_period(ctx: Context) -> Iterator[Problem]:
    """An action falls due outside the plan period.

    A plan covers a period (from its first to its last period); an action due after the plan
    ends, or before it starts, is outside what the plan can deliver or report on.

    Fails:   period from 2008/09 to 2010/11 and due "by 2011-04"
    Passes:  period from 2008/09 to 2010/11 and due "by 2011-03"
    Fix:     correct the due date, or say in a note why it falls outside the plan.
    """
    plan = ctx.plan
    if plan.start is None or plan.end is None:
        return
    first, last = plan.start.start, plan.end.end
    for action in plan.actions:
        if action.due is None or action.due.period is None:
            continue
        latest, earliest = action.due.latest(last), action.due.earliest()
        if (latest is not None and latest > last) or (earliest is not None and earliest > last):
            yield Problem(action.path + ("due",), f"Action '{_short(action)}' is due {action.due.describe()}, after "
                          f"the plan period ends on {day_words(last)}.",
                          hint="Check the due date, or explain it in the action's note.", value=action.due_text)
        elif latest is not None and latest < first:
            yield Problem(action.path + ("due",), f"Action '{_short(action)}' is due {action.due.describe()}, before "
                          f"the plan period starts on {day_words(first)}.",
                          hint="Check the due date.", value=action.due_text)


def _short(action: Action) -> str:
    return action.title if len(action.title) <= 60 else action.title[:57].rstrip() + "..."


@rule("action-overdue", Severity.WARNING)
def action_overdue(ctx: Context) -> Iterator[Problem]:
    """An action was due before the reporting date and is not marked complete.

    Measured against the plan's reporting date (as_at), or --today when given: never the
    clock, so the same plan gives the same result on any day.

    Fails:   as_at 2010-02-06, due "by 2009-12", status on-track
    Passes:  the same action with status complete, or due "by 2010-03"
    Fix:     update the action's status (complete, delayed) or its due date, with a progress note.
    """
    today = ctx.today or ctx.plan.as_at
    if today is None:
        return
    for action in ctx.plan.actions:
        latest = action.due.latest(ctx.plan.end.end if ctx.plan.end else None) if action.due else None
        if latest is None or latest >= today or action.done:
            continue
        days = (today - latest).days
        status = action.latest_status or "no status"
        yield Problem(action.path + ("due",), f"Action '{_short(action)}' was due {action.due.describe()}, "  # type: ignore[union-attr]
                      f"{days} day{'s' if days != 1 else ''} before {day_words(today)}, and is not complete ({status}).",
                      hint="Mark it complete, or give it a new due date and a progress note.", value=action.due_text)


def _cycles(actions: dict[str, Action]) -> Iterator[Problem]:
    """Actions that depend on each other in a circle (a on b, b on a), each circle reported once."""
    reported: set[frozenset[str]] = set()
    for start in actions.values():
        path = [start.id]
        while True:
            following = [d for d in actions[path[-1]].depends_on if d in actions and d != path[-1]]
            if not following:
                break
            step = following[0]
            if step in path:
                circle = path[path.index(step):]
                key = frozenset(circle)
                if start.id in key and key not in reported:
                    reported.add(key)
                    yield Problem(start.path + ("depends_on",), "Actions depend on each other in a circle: "
                                  f"{' -> '.join(circle + [step])}.", hint="Remove one of the dependencies.",
                                  value=start.id)
                break
            path.append(step)


@rule("dependency-order", Severity.ERROR)
def dependency_order(ctx: Context) -> Iterator[Problem]:
    """An action falls due before an action it depends on, or depends on itself.

    If action B depends on action A, B cannot be due before A's due period begins.

    Fails:   A due 2003-03, B depends_on [A] and is due 2002-12
    Passes:  A due 2002-12, B depends_on [A] and is due 2003-03
    Fix:     correct one of the due dates, or the dependency.
    """
    actions = {a.id: a for a in ctx.plan.actions}
    yield from _cycles(actions)
    for action in ctx.plan.actions:
        for index, other_id in enumerate(action.depends_on):
            path = action.path + ("depends_on", index)
            if other_id == action.id:
                yield Problem(path, f"Action '{action.id}' depends on itself.", hint="Remove it from depends_on.",
                              value=other_id)
                continue
            other = actions.get(other_id)
            if other is None or other.due is None or action.due is None or other.due.period is None:
                continue
            mine = action.due.latest(ctx.plan.end.end if ctx.plan.end else None)
            if mine is not None and mine < other.due.period.start:
                yield Problem(path, f"Action '{action.id}' is due {action.due.describe()}, before '{other.id}', which "
                              f"it depends on, is due ({other.due.describe()}).",
                              hint="Move one of the due dates, or remove the dependency.", value=other_id)
