"""Changes to the plan itself: the kind of document, title, status, version, period, reporting date,
version history. Sentences call the document what it is: 'The report's title', 'The strategy period'."""

from __future__ import annotations

from typing import Callable, Iterator

from plancc.diff import words
from plancc.diff.changes import Change, details, keyed, pairs
from plancc.model.periods import Period, PeriodError, parse_period
from plancc.model.plan import Plan, Version

# top-level fields that the section modules describe in their own terms
COVERED = frozenset({"document", "kind", "title", "status", "version", "as_at", "versions", "organisations", "groups",
                     "indicators", "actions", "finance", "risks", "report", "sections", "numbering"})


def compare(old: Plan, new: Plan) -> Iterator[Change]:
    noun = words.document_noun(new)
    if old.document != new.document:
        yield Change("plan", "document-changed", "document", f"The document is now {words.document(new.document)} "
                     f"instead of {words.document(old.document)}.", old.document, new.document)
    yield from _field("kind-changed", "kind", f"What the {noun} calls itself", old, new, _quote)
    yield from _field("title-changed", "title", f"The {noun}'s title", old, new, _quote)
    yield from _field("status-changed", "status", f"The {noun}'s status", old, new, str)
    yield from _field("version-changed", "version", f"The {noun}'s version", old, new, str)
    moved = list(_period(old, new, noun if new.data.get("period") else words.document_noun(old)))
    yield from moved
    yield from _field("as-at-changed", "as_at", f"The {noun}'s reporting date (as at)", old, new, _as_at)
    yield from _versions(old, new)
    covered = COVERED | ({"period"} if moved else set())  # a changed period.text alone is a detail
    yield from details("plan", f"The {noun}", "", old.data, new.data, covered)


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


def _period(old: Plan, new: Plan, noun: str) -> Iterator[Change]:
    """'The plan period is now 2008/09 to 2011/12 instead of 2008/09 to 2010/11: it ends 1 year later.'"""
    before, after = old.data.get("period", {}), new.data.get("period", {})
    if (before.get("from"), before.get("to")) == (after.get("from"), after.get("to")):
        return
    if not before or not after:  # a report has none
        was = _span(old.start, old.end, before) if before else None
        now = _span(new.start, new.end, after) if after else None
        yield Change("plan", "period-changed", "period", words.field_change(f"The {noun} period", was, now),
                     _written_span(before), _written_span(after))
        return
    moves = []
    if old.start and new.start and old.start.start != new.start.start:
        moves.append(f"it starts {words.shift(old.start.start, new.start.start)}")
    if old.end and new.end and old.end.end != new.end.end:
        moves.append(f"it ends {words.shift(old.end.end, new.end.end)}")
    was, now = _span(old.start, old.end, before), _span(new.start, new.end, after)
    tail = f": {words.join(moves)}" if moves else ""
    yield Change("plan", "period-changed", "period", f"The {noun} period is now {now} instead of {was}{tail}.",
                 _written_span(before), _written_span(after))


def _written_span(data: dict[str, object]) -> str | None:
    return f"{data.get('from')} to {data.get('to')}" if data else None


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
