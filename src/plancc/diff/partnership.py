"""Changes to the partnership: organisations, groups, who sits on them, and the counts printed.

Organisations and groups are matched by id; a group's seats by what they represent; the people
on a group by what their seat represents and their role, so reordering changes nothing and the
third of three 'Third sector representative' seats leaving is still one person leaving.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from plancc.diff.changes import Change, data_at, details, keyed, pairs
from plancc.model.plan import Group, Member, Organisation, Person, Plan

_COUNT_NAMES = {"all": "members", "core": "core members", "co-opted": "co-opted members", "support": "support members"}


def compare(old: Plan, new: Plan) -> Iterator[Change]:
    yield from _organisations(old, new)
    for key, was, now in pairs(keyed(old.groups, lambda g: g.id), keyed(new.groups, lambda g: g.id)):
        path = f"groups[{key}]"
        if was is None and now is not None:
            yield Change("partnership", "group-added", path,
                         f"Group '{now.name}' added, with {_listed(now.members)}.", None, now.id)
        elif now is None and was is not None:
            yield Change("partnership", "group-removed", path, f"Group '{was.name}' removed.", was.id)
        elif was is not None and now is not None:
            yield from _group(old, new, was, now, path)


def _organisations(old: Plan, new: Plan) -> Iterator[Change]:
    def by_id(plan: Plan) -> dict[str, Organisation]:
        return keyed(plan.organisations, lambda o: o.id)

    for key, was, now in pairs(by_id(old), by_id(new)):
        path = f"organisations[{key}]"
        if was is None and now is not None:
            yield Change("partnership", "organisation-added", path, f"Organisation '{now.name}' added.", None, now.id)
        elif now is None and was is not None:
            yield Change("partnership", "organisation-removed", path, f"Organisation '{was.name}' removed.", was.id)
        elif was is not None and now is not None:
            if was.name != now.name:
                yield Change("partnership", "organisation-renamed", path + ".name",
                             f"Organisation '{was.name}' renamed '{now.name}'.", was.name, now.name)
            yield from details("partnership", f"Organisation '{now.name}'", path, data_at(old, was.path),
                               data_at(new, now.path), ("id", "name"))


def _counted(members: list[Member]) -> int:
    """People who fill a seat: not vacant seats, not alternates (as the member-count rule counts)."""
    return sum(1 for m in members for p in m.people if p.counts)


def _listed(members: list[Member]) -> str:
    count = _counted(members)
    return "1 person listed" if count == 1 else f"{count} people listed"


def _group(old: Plan, new: Plan, was: Group, now: Group, path: str) -> Iterator[Change]:
    if was.name != now.name:
        yield Change("partnership", "group-renamed", path + ".name", f"Group '{was.name}' renamed '{now.name}'.",
                     was.name, now.name)
    yield from _stated_counts(was, now, path)
    yield from _seats(old, new, was, now, path)
    yield from _people(was, now, path)
    yield from details("partnership", f"Group '{now.name}'", path, data_at(old, was.path), data_at(new, now.path),
                       ("id", "name", "members", "stated_counts"))


def _count(kind: str, path: str, subject: str, before: int | None, after: int | None, listed: int) -> Iterator[Change]:
    """'Strategy Group: the number of members is now stated as 30 instead of 29; 29 people are listed.'"""
    if before == after:
        return
    people = "1 person is listed" if listed == 1 else f"{listed} people are listed"
    if after is None:
        sentence = f"{subject} is no longer stated (it was {before})."
    elif before is None:
        sentence = f"{subject} is now stated as {after}; {people}."
    else:
        sentence = f"{subject} is now stated as {after} instead of {before}; {people}."
    yield Change("partnership", kind, path, sentence, before, after)


def _stated_counts(was: Group, now: Group, path: str) -> Iterator[Change]:
    for key in list(now.stated_counts) + [k for k in was.stated_counts if k not in now.stated_counts]:
        members = now.members if key == "all" else [m for m in now.members if m.membership == key]
        yield from _count("stated-count-changed", f"{path}.stated_counts.{key}",
                          f"{now.name}: the number of {_COUNT_NAMES.get(key, key)}", was.stated_counts.get(key),
                          now.stated_counts.get(key), _counted(members))


def _seats(old: Plan, new: Plan, was: Group, now: Group, path: str) -> Iterator[Change]:
    """Seats matched by what they represent: their membership, stated count and other fields."""
    seats = pairs(keyed(was.members, lambda m: m.represents), keyed(now.members, lambda m: m.represents))
    for key, before, after in seats:
        if before is None or after is None:
            continue  # its people joining or leaving say it
        where = f"{path}.members[{key}]"
        if before.membership != after.membership:
            yield Change("partnership", "membership-changed", where + ".membership",
                         f"{now.name}: '{after.represents}' is now a {after.membership} seat instead of a "
                         f"{before.membership} seat.", before.membership, after.membership)
        yield from _count("stated-count-changed", where + ".stated_count",
                          f"{now.name}: the number of people for '{after.represents}'", before.stated_count,
                          after.stated_count, _counted([after]))
        yield from details("partnership", f"{now.name}: '{after.represents}'", where, data_at(old, before.path),
                           data_at(new, after.path), ("represents", "membership", "people", "stated_count"))


@dataclass(frozen=True)
class _Seated:
    """A person with the seat they sit in."""

    person: Person
    member: Member

    @property
    def key(self) -> str:
        return f"{self.member.represents}/{self.person.role}"


def _seated(group: Group) -> dict[str, _Seated]:
    return keyed((_Seated(p, m) for m in group.members for p in m.people), lambda s: s.key)


def _people(was: Group, now: Group, path: str) -> Iterator[Change]:
    for key, before, after in pairs(_seated(was), _seated(now)):
        where = f"{path}.people[{key}]"
        if before is None and after is not None:
            yield Change("partnership", "member-joined", where,
                         f"{now.name}: '{after.person.role}' joined as a {after.member.membership} member, "
                         f"representing {after.member.represents}.", None, after.person.role)
        elif after is None and before is not None:
            yield Change("partnership", "member-left", where,
                         f"{now.name}: '{before.person.role}' left; they were a {before.member.membership} member, "
                         f"representing {before.member.represents}.", before.person.role)
        elif before is not None and after is not None:
            yield from _flags(now.name, before, after, where)


def _flags(group: str, before: _Seated, after: _Seated, where: str) -> Iterator[Change]:
    """A person who became or stopped being the chair; a seat that fell vacant or was filled."""
    who = f"'{after.person.role}' ({after.member.represents})"
    if before.person.chair != after.person.chair:
        now = "is now the chair" if after.person.chair else "is no longer the chair"
        yield Change("partnership", "chair-changed", where + ".chair", f"{group}: {who} {now}.",
                     before.person.chair, after.person.chair)
    if before.person.vacant != after.person.vacant:
        now = "is now vacant" if after.person.vacant else "is now filled"
        yield Change("partnership", "vacancy-changed", where + ".vacant", f"{group}: the seat of {who} {now}.",
                     before.person.vacant, after.person.vacant)
    if before.person.alternate != after.person.alternate:
        now = "is now an alternate" if after.person.alternate else "is no longer an alternate"
        yield Change("partnership", "alternate-changed", where + ".alternate", f"{group}: {who} {now}.",
                     before.person.alternate, after.person.alternate)
