"""Rule: a stated membership count matches the people listed."""

from __future__ import annotations

from typing import Iterator

from plancc.diagnostics import Severity
from plancc.model.plan import Member
from plancc.rules import Context, Problem, rule


def _counted(members: list[Member]) -> int:
    return sum(1 for m in members for p in m.people if p.counts)


def _people(count: int) -> str:
    return "1 person is" if count == 1 else f"{count} people are"


@rule("member-count", Severity.WARNING)
def member_count(ctx: Context) -> Iterator[Problem]:
    """A membership count printed in the plan does not match the people listed.

    A group's stated count (in total, or of its core, co-opted or support members) and a seat's
    count ("reps x 8") are checked against the people listed. A seat marked vacant ("to be
    identified") and a person marked as an alternate ("X or Y") are not counted.

    Fails:   stated_counts {all: 29} with 30 people listed, none vacant or alternate
    Passes:  stated_counts {all: 30} with the same 30 people listed
    Fix:     correct the count, or the list of people.
    """
    for group in ctx.plan.groups:
        for kind, stated in group.stated_counts.items():
            members = group.members if kind == "all" else [m for m in group.members if m.membership == kind]
            listed = _counted(members)
            if listed != stated:
                which = "members" if kind == "all" else f"{kind} members"
                yield Problem(group.path + ("stated_counts", kind), f"{group.name} is stated to have {stated} "
                              f"{which}, but {_people(listed)} listed (not counting vacant seats or alternates).",
                              hint="Correct the count, or the people listed (mark an unfilled seat vacant: true and "
                                   "an 'X or Y' alternative alternate: true; neither is counted).", value=stated)
        for member in group.members:
            listed = _counted([member])
            if member.stated_count is not None and member.stated_count != listed:
                yield Problem(member.path + ("stated_count",), f"The seat '{member.represents}' on {group.name} is "
                              f"stated to have {member.stated_count} people, but {_people(listed)} listed.",
                              hint="Correct the count, or the people listed.", value=member.stated_count)
