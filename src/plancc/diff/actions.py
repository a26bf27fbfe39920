"""Changes to actions: added, removed, reassigned, renamed, status, due dates and progress updates.

Actions are matched by id and progress updates by their reporting date. A due date that moved
says by how much, at the precision both dates were written to ("6 months later", "12 days
earlier"), from the model's Due and Period types. Where the kind of document lets an action have
no lead or no due date (a strategy, an improvement plan), one gained or lost is said as such:
"no lead stated", never "none". status.py says where the status as at the reporting date moved.
"""

from __future__ import annotations

from typing import Iterator

from plancc.diff import status, words
from plancc.diff.changes import Change, data_at, details, keyed, pairs
from plancc.model.plan import Action, Plan, Progress


def compare(old: Plan, new: Plan) -> Iterator[Change]:
    for key, was, now in pairs(keyed(old.actions, lambda a: a.id), keyed(new.actions, lambda a: a.id)):
        path = f"actions[{key}]"
        if was is None and now is not None:
            yield Change("actions", "action-added", path, f"Action {words.quoted(now.title)} added: "
                         f"{_lead(new, now)}, {_when_due(now)}.", None, now.id)
        elif now is None and was is not None:
            lead = f"it was {_lead(old, was)}" if was.lead_agency else "it had no lead stated"
            yield Change("actions", "action-removed", path, f"Action {words.quoted(was.title)} removed: "
                         f"{lead}, {_when_due(was)}.", was.id)
        elif was is not None and now is not None:
            yield from _action(old, new, was, now, path)


def _due(action: Action) -> str:
    return words.due(action.due, action.due_text)


def _lead(plan: Plan, action: Action) -> str:
    """'led by Westshire Police', or 'no lead stated'."""
    return f"led by {words.organisation(plan, action.lead_agency)}" if action.lead_agency else "no lead stated"


def _has_due(action: Action) -> bool:
    return action.due is not None or action.due_text is not None


def _when_due(action: Action) -> str:
    """'due by March 2015', or 'no due date stated'."""
    return f"due {_due(action)}" if _has_due(action) else "no due date stated"


def _action(old: Plan, new: Plan, was: Action, now: Action, path: str) -> Iterator[Change]:
    name = f"Action {words.quoted(now.title)}"
    yield from _renamed(was, now, path)
    yield from _reassigned(old, new, was, now, path, name)
    if was.status != now.status:
        subject = f"The status of action {words.quoted(now.title)}"
        yield Change("actions", "action-status-changed", path + ".status", words.field_change(
            subject, _status(was.status), _status(now.status)), was.status, now.status)
    moved = list(_moved(old, new, was, now, path, name))
    yield from moved
    yield from _progress(old, new, was, now, path, name)
    yield from status.action_standing(old, new, was, now, path)
    handled = ("id", "title", "lead_agency", "status", "due", "progress") + (("due_text",) if moved else ())
    yield from details("actions", name, path, data_at(old, was.path), data_at(new, now.path), handled)


def _reassigned(old: Plan, new: Plan, was: Action, now: Action, path: str, name: str) -> Iterator[Change]:
    if was.lead_agency == now.lead_agency:
        return
    before, after = words.organisation(old, was.lead_agency), words.organisation(new, now.lead_agency)
    if was.lead_agency is None:
        kind, sentence = "action-lead-added", f"{name} is now led by {after}; no lead was stated before."
    elif now.lead_agency is None:
        kind, sentence = "action-lead-removed", f"{name} now has no lead stated; it was led by {before}."
    else:
        kind, sentence = "action-reassigned", f"{name} is now led by {after} instead of {before}."
    yield Change("actions", kind, path + ".lead_agency", sentence, was.lead_agency, now.lead_agency)


def _status(value: str | None) -> str | None:
    return None if value is None else words.status(value)


def _renamed(was: Action, now: Action, path: str) -> Iterator[Change]:
    if was.title == now.title:
        return
    before, after = words.quoted(was.title), words.quoted(now.title)
    sentence = (f"Action {before} is now called {after}." if before != after
                else f"The title of action {after} was reworded.")
    yield Change("actions", "action-renamed", path + ".title", sentence, was.title, now.title)


def _written_due(plan: Plan, action: Action) -> str | None:
    value = data_at(plan, action.path + ("due",))
    return None if value is None else str(value)


def _moved(old: Plan, new: Plan, was: Action, now: Action, path: str, name: str) -> Iterator[Change]:
    """'Action 'x' is now due by March 2011 instead of by September 2010: 6 months later.'"""
    before, after = _written_due(old, was), _written_due(new, now)
    if before == after:
        return
    if not _has_due(now):
        yield Change("actions", "due-removed", path + ".due", f"{name} now has no due date stated; it was due "
                     f"{_due(was)}.", before, after)
        return
    if not _has_due(was):
        yield Change("actions", "due-added", path + ".due", f"{name} is now due {_due(now)}; no due date was stated "
                     "before.", before, after)
        return
    kind, tail = "due-changed", ""
    start, end = words.due_anchor(was.due), words.due_anchor(now.due)
    if start and end and start[0] == end[0]:
        if start[1] == end[1]:
            tail = ": the same last day" if end[0] == "end" else ": the same first day"
        else:
            tail = f": {words.shift(start[1], end[1])}"
            kind = "due-slipped" if end[1] > start[1] else "due-brought-forward"
    yield Change("actions", kind, path + ".due", f"{name} is now due {_due(now)} instead of {_due(was)}{tail}.",
                 before, after)


def _when(update: Progress, plan: Plan) -> str:
    return words.day(update.as_at) if update.as_at else f"'{data_at(plan, update.path + ('as_at',))}'"


def _progress(old: Plan, new: Plan, was: Action, now: Action, path: str, name: str) -> Iterator[Change]:
    """Progress updates matched by their reporting date."""
    def by_date(plan: Plan, action: Action) -> dict[str, Progress]:
        return keyed(action.progress, lambda p: str(data_at(plan, p.path + ("as_at",))))

    for key, before, after in pairs(by_date(old, was), by_date(new, now)):
        where = f"{path}.progress[{key}]"
        if before is None and after is not None:
            state = f", status {words.status(after.status)}" if after.status else ""
            yield Change("actions", "progress-added", where,
                         f"{name} has a new progress update as at {_when(after, new)}{state}.", None, key)
        elif after is None and before is not None:
            yield Change("actions", "progress-removed", where,
                         f"{name}: the progress update as at {_when(before, old)} was removed.", key)
        elif before is not None and after is not None:
            subject = f"{name}: the progress update as at {_when(after, new)}"
            if before.status != after.status:
                yield Change("actions", "progress-status-changed", where + ".status",
                             f"{subject} now gives the status {words.status(after.status)} instead of "
                             f"{words.status(before.status)}.", before.status, after.status)
            yield from details("actions", subject, where, data_at(old, before.path), data_at(new, after.path),
                               ("as_at", "status"))
