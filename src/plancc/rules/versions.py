"""Rules for document control: the version history runs forward, and the cover shows the latest."""

from __future__ import annotations

import re
import unicodedata
from typing import Iterator

from plancc.diagnostics import Severity
from plancc.rules import Context, Problem, rule


def _version_key(text: str) -> tuple[tuple[int, str], ...]:
    """The numbers in a version (3.10 -> 3, 10), each as (how many digits, the digits), which sorts as the
    numbers do however long they are (int() refuses more than 4,300 digits)."""
    return tuple(_number_key(n) for n in re.findall(r"\d+", text))


def _number_key(digits: str) -> tuple[int, str]:
    """Digits in any script (as int() reads them), without leading zeros, and how many there are."""
    significant = "".join(str(unicodedata.decimal(d)) for d in digits).lstrip("0")
    return len(significant), significant


@rule("version-order", Severity.ERROR)
def version_order(ctx: Context) -> Iterator[Problem]:
    """The version history does not run forward: a later entry has an earlier date or number.

    Versions are listed oldest first; each has a higher number and a date no earlier than the
    one before (a month such as 2010-01 covers any day in it).

    Fails:   version 3.1 dated 2010-01, then version 3.2 dated 2009-12
    Passes:  version 3.1 dated 2009-12, then version 3.2 dated 2010-01
    Fix:     correct the date or the number, or put the entries in order.
    """
    versions = ctx.plan.versions
    for before, after in zip(versions, versions[1:]):
        if before.date and after.date and after.date.end < before.date.start:
            yield Problem(after.path + ("date",), f"Version {after.version} is dated {after.date.describe()}, before "
                          f"version {before.version} ({before.date.describe()}).",
                          hint="List versions oldest first, and check the dates.", value=after.date.label)
        older, newer = _version_key(before.version), _version_key(after.version)
        if older and newer and newer <= older:
            yield Problem(after.path + ("version",), f"Version {after.version} comes after version {before.version} "
                          "in the history but is not a higher number.",
                          hint="List versions oldest first, and check the numbers.", value=after.version)


@rule("version-current", Severity.WARNING)
def version_current(ctx: Context) -> Iterator[Problem]:
    """The plan's current version is not the latest entry in its version history.

    The plan's page and the index of plans show `version`, and readers compare it with the
    history to see what changed. A plan that says 3.1 while its history ends at 3.2 leaves them
    unsure which version they are reading.

    Fails:   version "3.1" with a history whose last entry is 3.2
    Passes:  version "3.2" with the same history
    Fix:     set version to the latest entry, or add the missing entry to the history.
    """
    plan = ctx.plan
    if plan.version and plan.versions and plan.versions[-1].version != plan.version:
        latest = plan.versions[-1]
        listed = any(v.version == plan.version for v in plan.versions)
        hint = (f"Set version to \"{latest.version}\"." if listed else
                f"Set version to \"{latest.version}\", or add version {plan.version} to the end of the history.")
        yield Problem(("version",), f"The plan's version is {plan.version}, but the latest entry in its version "
                      f"history is {latest.version}.", hint=hint, value=plan.version)
