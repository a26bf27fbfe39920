"""One change, and the matching that finds changes: items paired by their ids, never by position.

Each section module (identity, partnership, indicators, actions, money, risks) compares one part
of two typed plans and yields Changes. What no section says in its own terms is still not lost:
`details` names the other fields of a matched item that changed ("description changed").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Collection, Iterable, Iterator, TypeVar

from plancc.diff.words import field_words, join
from plancc.model.plan import Plan

T = TypeVar("T")
Json = Any  # a value json.dumps can write: str, int, None, a list or a mapping of them

# section id -> heading, in the order a reader meets them
SECTIONS = {
    "plan": "The plan",
    "partnership": "Partnership",
    "indicators": "Indicators and targets",
    "actions": "Actions",
    "finance": "Funding and expenditure",
    "risks": "Risk register",
}
# lists of ids whose order says nothing (an action's partners, an area's parts)
SET_LISTS = frozenset({"partners", "funding", "objectives", "indicators", "depends_on", "composite_of", "parts",
                       "marks"})


@dataclass(frozen=True)
class Change:
    """One difference between two versions of a plan, said in a sentence.

    `path` names the place by ids, not positions (actions[sp-analysis].due); `before` and
    `after` are the values as written (figures as their digits, "tbc", "by 2010-09").
    """

    section: str
    kind: str
    path: str
    sentence: str
    before: Json = None
    after: Json = None


def keyed(items: Iterable[T], key: Callable[[T], str]) -> dict[str, T]:
    """Items by their key, in order; a repeated key is kept as 'key#2', 'key#3' so none is lost."""
    found: dict[str, T] = {}
    for item in items:
        base = key(item)
        name, n = base, 1
        while name in found:
            n += 1
            name = f"{base}#{n}"
        found[name] = item
    return found


def pairs(old: dict[str, T], new: dict[str, T]) -> Iterator[tuple[str, T | None, T | None]]:
    """(key, old item, new item) for every key: the new version's order first, then what was removed."""
    for key, item in new.items():
        yield key, old.get(key), item
    for key, item in old.items():
        if key not in new:
            yield key, item, None


def data_at(plan: Plan, path: tuple[Any, ...]) -> Any:
    """The loaded value at a model object's path (its text fields, which the model leaves out)."""
    value: Any = plan.data
    for part in path:
        try:
            value = value[part]
        except (KeyError, IndexError, TypeError):
            return None
    return value


def normal(value: Any, key: str | None = None) -> Any:
    """A value with what the YAML's layout cannot mean taken out: items with ids keyed by id, lists
    of ids in SET_LISTS as sets, and trailing spaces of text (| and |- blocks) dropped."""
    if isinstance(value, str):
        return "\n".join(line.rstrip() for line in value.rstrip().split("\n"))
    if isinstance(value, dict):
        return {k: normal(v, k) for k, v in value.items()}
    if isinstance(value, list):
        if value and all(isinstance(v, dict) and isinstance(v.get("id"), str) for v in value):
            return {"#ids": {k: normal(v) for k, v in keyed(value, lambda v: v["id"]).items()}}
        if key in SET_LISTS and all(isinstance(v, str) for v in value):
            return sorted(value)
        return [normal(v) for v in value]
    return value


def changed_fields(old: Any, new: Any, handled: Collection[str]) -> list[str]:
    """The keys of two mappings, other than `handled`, whose values differ."""
    if not isinstance(old, dict) or not isinstance(new, dict):
        return []
    keys = list(new) + [k for k in old if k not in new]
    return [k for k in keys if k not in handled and normal(old.get(k), k) != normal(new.get(k), k)]


def details(section: str, subject: str, path: str, old: Any, new: Any, handled: Collection[str]) -> Iterator[Change]:
    """'Action 'x': description and partners changed.' for the fields no other sentence covers."""
    fields = changed_fields(old, new, handled)
    if fields:
        yield Change(section, "details-changed", path, f"{subject}: {join(field_words(f) for f in fields)} changed.",
                     {f: old.get(f) for f in fields}, {f: new.get(f) for f in fields})
