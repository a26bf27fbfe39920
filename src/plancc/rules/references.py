"""Rules for ids: every id referred to exists, ids are unique, and no action is listed twice."""

from __future__ import annotations

import difflib
import re
from typing import Any, Iterator

from plancc.diagnostics import Severity
from plancc.model.plan import Path_
from plancc.rules import Context, Problem, rule

# Where each kind of thing is defined: (what it is called, path pattern to its items)
DEFINED = {
    "organisation": ("organisations", "*"),
    "group": ("groups", "*"),
    "objective": ("objectives", "*"),
    "area": ("areas", "*"),
    "indicator": ("indicators", "*"),
    "action group": ("action_groups", "*"),
    "action": ("actions", "*"),
    "funding source": ("funding_sources", "*"),
    "criterion": ("prioritisation", "criteria", "*"),
}
# Where each kind is referred to ("*" is any list item or map key)
REFERRED = {
    "organisation": [("lead_officer", "organisation"), ("organisations", "*", "parent"),
                     ("groups", "*", "members", "*", "organisation"), ("action_groups", "*", "lead_agency"),
                     ("actions", "*", "lead_agency"), ("actions", "*", "partners", "*"),
                     ("funding_sources", "*", "organisation"), ("risks", "*", "owner"), ("links", "*", "organisation")],
    "objective": [("objectives", "*", "parent"), ("action_groups", "*", "objective"), ("actions", "*", "objectives", "*"),
                  ("prioritisation", "candidates", "*", "objective")],
    "indicator": [("objectives", "*", "indicators", "*"), ("actions", "*", "indicators", "*"),
                  ("indicators", "*", "composite_of", "*")],
    "area": [("areas", "*", "parts", "*"), ("indicators", "*", "breakdown", "*", "area")],
    "funding source": [("actions", "*", "funding", "*"), ("finance", "funding", "*", "lines", "*", "source"),
                       ("finance", "expenditure", "*", "lines", "*", "source")],
    "action group": [("actions", "*", "group")],
    "action": [("actions", "*", "depends_on", "*")],
    "criterion": [("prioritisation", "candidates", "*", "marks", "*")],
}


def _in_sections(*block: str) -> list[tuple[str, ...]]:
    """Where a content block of sections (nested up to six deep) refers to something."""
    return [("sections", "*") + ("sections", "*") * depth + ("content", "*") + block for depth in range(6)]


REFERRED["indicator"] += _in_sections("indicator") + _in_sections("chart") + _in_sections("comparison", "indicator")
REFERRED["action group"] += _in_sections("actions")


def walk(data: Any, pattern: tuple[str, ...], path: Path_ = ()) -> Iterator[tuple[Path_, Any]]:
    """Every (path, value) in the data matching a pattern of keys, with '*' for any item."""
    if not pattern:
        yield path, data
        return
    head, rest = pattern[0], pattern[1:]
    if head == "*":
        items = enumerate(data) if isinstance(data, list) else data.items() if isinstance(data, dict) else []
        for key, value in items:
            yield from walk(value, rest, path + (key,))
    elif isinstance(data, dict) and head in data:
        yield from walk(data[head], rest, path + (head,))


def _ids(data: Any, kind: str) -> dict[str, Path_]:
    found: dict[str, Path_] = {}
    for path, item in walk(data, DEFINED[kind]):
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            found.setdefault(item["id"], path + ("id",))
    return found


def _siblings(data: Any, path: Path_) -> list[Any]:
    """The other values in the list a reference sits in (so 'did you mean' does not offer one already there)."""
    if not path or not isinstance(path[-1], int):
        return []
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    return [v for i, v in enumerate(parent) if i != path[-1]]


@rule("ref-unknown", Severity.ERROR)
def ref_unknown(ctx: Context) -> Iterator[Problem]:
    """An id is referred to that is not defined anywhere in the plan.

    Lead agencies, partners, owners and funders refer to organisations and funding sources by
    id; actions refer to objectives, indicators, groups and other actions; areas to their parts.
    Every id referred to must be defined in its section.

    Fails:   lead_agency: gmpp, with organisations gmp and csu
    Passes:  lead_agency: gmp, with organisations gmp and csu
    Fix:     correct the id, or add the missing item to its section.
    """
    data = ctx.plan.data
    for kind, places in REFERRED.items():
        known = _ids(data, kind)
        section = DEFINED[kind][0]
        for pattern in places:
            for path, value in walk(data, pattern):
                if isinstance(value, str) and value not in known:
                    siblings = set(_siblings(data, path))
                    close = difflib.get_close_matches(value, [k for k in known if k not in siblings], n=1)
                    hint = f"Did you mean '{close[0]}'?" if close else f"Add it under {section}:, or correct the id."
                    yield Problem(path, f"'{value}' is not the id of any {kind} in this plan.", hint=hint, value=value)


@rule("id-duplicate", Severity.ERROR)
def id_duplicate(ctx: Context) -> Iterator[Problem]:
    """Two items of the same kind share an id, so references to it are ambiguous.

    Lead agencies, partners, objectives and dependencies point at an item by its id. Where two
    items share one, neither plancc nor a reader can tell which is meant.

    Fails:   two organisations with id: csu
    Passes:  two organisations with id: csu and id: csu-north
    Fix:     give one of them another id (and update what refers to it).
    """
    data = ctx.plan.data
    for kind, pattern in DEFINED.items():
        first: dict[str, Path_] = {}
        for path, item in walk(data, pattern):
            item_id = item.get("id") if isinstance(item, dict) else None
            if not isinstance(item_id, str):
                continue
            if item_id in first:
                line = ctx.plan.source.span_of(first[item_id])
                where = f" (first on line {line.line})" if line else ""
                plural = "criteria" if kind == "criterion" else kind + "s"
                yield Problem(path + ("id",), f"The id '{item_id}' is used by two {plural}{where}.",
                              hint="Give each its own id.", value=item_id)
            else:
                first[item_id] = path + ("id",)


def _normal(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", title.lower()).strip()


@rule("action-duplicate", Severity.WARNING)
def action_duplicate(ctx: Context) -> Iterator[Problem]:
    """The same action is listed twice (two actions with the same wording).

    A published plan sometimes repeats an action under two headings; the copies then drift
    apart (one gets a different date). List it once, with the other agency as a partner.

    Fails:   two actions titled "Develop and deliver campaign to target those who handle stolen goods"
    Passes:  the action listed once, with the other agency among its partners
    Fix:     keep one action; name the other lead as a partner.
    """
    seen: dict[str, tuple[str, Path_]] = {}
    for action in ctx.plan.actions:
        key = _normal(action.title)
        if key in seen:
            other_id, other_path = seen[key]
            line = ctx.plan.source.span_of(other_path)
            yield Problem(action.path + ("title",), f"Action '{action.id}' has the same wording as action '{other_id}'"
                          f"{f' on line {line.line}' if line else ''}.",
                          hint="List the action once; give the other agency as a partner.", value=action.title)
        else:
            seen[key] = (action.id, action.path)
