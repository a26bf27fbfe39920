"""One change, and the matching that finds changes: items paired by their ids, never by position.

Each section module (identity, report, partnership, indicators, actions, money, risks, sections)
compares one part of two typed plans and yields Changes. Items that have no id (recommendations,
background papers, sections without one) are paired by their text: the same text first, then the
most alike (`by_text`). What no section says in its own terms is still not lost:
`details` names the other fields of a matched item that changed ("description changed").
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any, Callable, Collection, Iterable, Iterator, Sequence, TypeVar

from plancc.diff.words import field_words, join
from plancc.model.plan import Plan

T = TypeVar("T")
Json = Any  # a value json.dumps can write: str, int, None, a list or a mapping of them

# section id -> heading, in the order a reader meets them
SECTIONS = {
    "plan": "The plan",
    "report": "The report",
    "partnership": "Partnership",
    "indicators": "Indicators and targets",
    "actions": "Actions",
    "finance": "Funding and expenditure",
    "risks": "Risk register",
    "sections": "Sections and their content",
}
ALIKE = 0.5  # two texts at least this alike (word by word) are one text reworded, not one removed and one added
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


def alike(a: str, b: str) -> float:
    """How alike two texts are, word by word: 1.0 the same words, 0.0 none in common."""
    return SequenceMatcher(None, a.split(), b.split(), autojunk=False).ratio()


def by_text(old: Sequence[str], new: Sequence[str], least: float = ALIKE) -> list[tuple[int | None, int | None]]:
    """Pairs of positions in `old` and `new`: the same text first, then the most alike (at least `least`),
    then what is left as added (None, j) or removed (i, None); in the new order, then what was removed."""
    def flat(text: str) -> str:
        return " ".join(text.split())

    found: dict[int, int] = {}  # new position -> old position
    free = list(range(len(old)))
    for j, text in enumerate(new):
        same = next((i for i in free if flat(old[i]) == flat(text)), None)
        if same is not None:
            found[j] = same
            free.remove(same)
    scores = sorted(((alike(flat(old[i]), flat(new[j])), -abs(i - j), i, j) for i in free
                     for j in range(len(new)) if j not in found), reverse=True)
    for score, _, i, j in scores:
        if score >= least and i in free and j not in found:
            found[j] = i
            free.remove(i)
    return [(found.get(j), j) for j in range(len(new))] + [(i, None) for i in free]


def steady(positions: list[int], weights: list[int] | None = None) -> set[int]:
    """The indexes of the heaviest run (in order, not always adjacent) of positions that rise: what kept its
    place. Each counts 1, or its weight, so that text stays put and the part placed around it moves."""
    weight = weights or [1] * len(positions)
    best: list[tuple[int, list[int]]] = []
    for n, position in enumerate(positions):
        heaviest = max(((w, run) for w, run in best if positions[run[-1]] < position), key=lambda wr: wr[0],
                       default=(0, []))
        best.append((heaviest[0] + weight[n], heaviest[1] + [n]))
    return set(max(best, key=lambda wr: wr[0], default=(0, []))[1])


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
