"""Changes to the plan itself: title, status, version, period, reporting date, version history."""

from __future__ import annotations

from typing import Callable, Iterator

from plancc.diff import words
from plancc.diff.changes import Change, details, keyed, pairs
from plancc.model.periods import Period, PeriodError, parse_period
from plancc.model.plan import Plan, Version

# top-level fields that the section modules describe in their own terms
COVERED = frozenset({"title", "status", "version", "as_at", "versions", "organisations", "groups", "indicators",
                     "actions", "finance", "risks"})


def compare(old: Plan, new: Plan) -> Iterator[Change]:
    yield from _field("title-changed", "title", "The plan's title", old, new, _quote)
    yield from _field("status-changed", "status", "The plan's status", old, new, str)
    yield from _field("version-changed", "version", "The plan's version", old, new, str)
    moved = list(_period(old, new))
    yield from moved
    yield from _field("as-at-changed", "as_at", "The plan's reporting date (as at)", old, new, _as_at)
    yield from _versions(old, new)
    covered = COVERED | ({"period"} if moved else set())  # a changed period.text alone is a detail
    yield from details("plan", "The plan", "", old.data, new.data, covered)


def _quote(text: object) -> str:
    return f"'{text}'"


def _as_at(text: object) -> str:
    return words.period(str(text), _parse(str(text)))


def _parse(label: str) -> Period | None:
    try:
        return parse_period(label)
    except PeriodError:
        return None


def _field(kind: str, key: str, subject: str, old: Plan, new: Plan, say: Callable[[object], str]) -> Iterator[Change]:
    """A top-level value that changed, said with `say`; before and after as written."""
    before, after = old.data.get(key), new.data.get(key)
    if before != after:
        sentence = words.field_change(subject, None if before is None else say(before),
                                      None if after is None else say(after))
        yield Change("plan", kind, key, sentence, before, after)


def _span(start: Period | None, end: Period | None, data: dict[str, object]) -> str:
    first = words.period(str(data.get("from")), start)
    last = words.period(str(data.get("to")), end)
    return f"{first} to {last}"


def _period(old: Plan, new: Plan) -> Iterator[Change]:
    """'The plan period is now 2008/09 to 2011/12 instead of 2008/09 to 2010/11: it ends 1 year later.'"""
    before, after = old.data.get("period", {}), new.data.get("period", {})
    if (before.get("from"), before.get("to")) == (after.get("from"), after.get("to")):
        return
    moves = []
    if old.start and new.start and old.start.start != new.start.start:
        moves.append(f"it starts {words.shift(old.start.start, new.start.start)}")
    if old.end and new.end and old.end.end != new.end.end:
        moves.append(f"it ends {words.shift(old.end.end, new.end.end)}")
    was, now = _span(old.start, old.end, before), _span(new.start, new.end, after)
    tail = f": {words.join(moves)}" if moves else ""
    yield Change("plan", "period-changed", "period", f"The plan period is now {now} instead of {was}{tail}.",
                 f"{before.get('from')} to {before.get('to')}", f"{after.get('from')} to {after.get('to')}")


def _written(version: Version, plan: Plan) -> str:
    return str(plan.data["versions"][version.path[1]].get("date"))


def _dated(version: Version, plan: Plan) -> str:
    return words.period(_written(version, plan), version.date)


def _versions(old: Plan, new: Plan) -> Iterator[Change]:
    for key, was, now in pairs(keyed(old.versions, lambda v: v.version), keyed(new.versions, lambda v: v.version)):
        path = f"versions[{key}]"
        if was is None and now is not None:
            yield Change("plan", "version-history-added", path,
                         f"Version {now.version} ({_dated(now, new)}) added to the version history.", None, now.version)
        elif now is None and was is not None:
            yield Change("plan", "version-history-removed", path,
                         f"Version {was.version} ({_dated(was, old)}) removed from the version history.", was.version)
        elif was is not None and now is not None:
            yield from _version_entry(old, new, was, now, path)


def _version_entry(old: Plan, new: Plan, was: Version, now: Version, path: str) -> Iterator[Change]:
    before, after = _dated(was, old), _dated(now, new)
    subject = f"Version {now.version} in the version history"
    if before != after:
        yield Change("plan", "version-history-redated", path + ".date",
                     f"{subject} is now dated {after} instead of {before}.", _written(was, old), _written(now, new))
    yield from details("plan", subject, path, old.data["versions"][was.path[1]], new.data["versions"][now.path[1]],
                       ("version", "date"))
