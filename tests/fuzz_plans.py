"""Structure-aware fuzzing strategies: the real plans in plans/, changed as a careless user or an attacker would.

Each example starts from one of the example plans, read into YAML nodes with every value kept as
the text it was written as, and applies one to three changes at places in its tree: a value
replaced by an extreme one of its own kind (a date by 0000-00-00, a figure by 5,000 digits, '3.1'
by '3.1111...', a lag by one of centuries), a field of free text or a figure made extreme but
valid (so the page is still rendered), any value replaced by an extreme number, date, period or
string (or an empty list, mapping or null), a key deleted, repeated or renamed, a '<<' merge key,
an anchor and alias, a block copied somewhere it does not belong, values nested too deep. The
tree is then written back as YAML text (PyYAML's emitter keeps each value's quoting), and
sometimes the text itself is damaged as an editor might: a byte-order mark, Windows line endings, a tab, a byte that is not UTF-8, a cut-off file.

`cases()` is the strategy; each `Case` holds the bytes to give plancc as a user's file and, in
words, what was done to which plan, so that a failure can be reproduced and read.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Callable

import yaml
from hypothesis import strategies as st

from fuzz_values import (FIGURE_KEYS, FIGURES, FREE_TEXT, GENERATED, KEYS, NUMBERS, SCALARS, STYLES, TEXTS,
                         kind_of, stretched)

PLANS = Path(__file__).resolve().parent.parent / "plans"
STR, SEQ, MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"
Slot = tuple[yaml.Node, int, tuple[Any, ...]]  # a mapping or list, the index of an entry in it, the entry's path


@dataclass(frozen=True)
class Case:
    """A mutated plan: the bytes of its file, and what was done to which example plan."""

    base: str
    steps: tuple[str, ...]
    data: bytes

    def describe(self) -> str:
        return f"{self.base}: " + "; ".join(self.steps)


def _scalar(value: str, style: str | None = None) -> yaml.ScalarNode:
    return yaml.ScalarNode(STR, value, style=style)


def _copy(node: yaml.Node) -> yaml.Node:
    """A deep copy of a node tree."""
    if isinstance(node, yaml.ScalarNode):
        return yaml.ScalarNode(node.tag, node.value, style=node.style)
    if isinstance(node, yaml.MappingNode):
        return yaml.MappingNode(node.tag, [(_copy(k), _copy(v)) for k, v in node.value], flow_style=node.flow_style)
    return yaml.SequenceNode(node.tag, [_copy(v) for v in node.value], flow_style=node.flow_style)


def _shallow(node: yaml.Node) -> yaml.Node:
    """A copy of a mapping or list with its own list of entries (the values are shared)."""
    return type(node)(node.tag, list(node.value), flow_style=node.flow_style)


@cache
def base_plans() -> dict[str, yaml.Node]:
    """The example plans as YAML nodes, every value as the text it was written as."""
    return {p.name: yaml.compose(p.read_text(encoding="utf-8"), Loader=yaml.CBaseLoader)
            for p in sorted(PLANS.glob("*.yaml"))}


def _value(slot: Slot) -> yaml.Node:
    container, index, _ = slot
    entry = container.value[index]
    return entry[1] if isinstance(container, yaml.MappingNode) else entry


def _put(slot: Slot, node: yaml.Node) -> None:
    container, index, _ = slot
    if isinstance(container, yaml.MappingNode):
        container.value[index] = (container.value[index][0], node)
    else:
        container.value[index] = node


class Tree:
    """One example's copy of a plan's tree, copied only along the paths walked to a change.

    The example plans' nodes are shared and never changed: a mapping or list on the way to a
    change is copied first, once (`own` holds the copies made), so changes stay in this example.
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self.root = _shallow(base_plans()[name])
        self.own = {id(self.root)}

    def pick(self, draw: st.DrawFn) -> Slot:
        """A place that holds a value, found by walking down from the top: at each mapping or list,
        stop at one of its entries (one time in four, or when none holds more), or go into one that does."""
        node: yaml.Node = self.root
        path: tuple[Any, ...] = ()
        while True:
            if not node.value:  # an empty block at the top: give it an entry to change
                node.value.append((_scalar("title"), _scalar("")) if isinstance(node, yaml.MappingNode) else
                                  _scalar(""))
            inner = [i for i in range(len(node.value)) if not isinstance(_value((node, i, ())), yaml.ScalarNode)
                     and _value((node, i, ())).value]
            stop = not inner or draw(st.integers(0, 3)) == 0
            index = draw(st.integers(0, len(node.value) - 1)) if stop else inner[draw(st.integers(0, len(inner) - 1))]
            if stop:
                return node, index, (*path, _part(node, index))
            node, path = self._enter(node, index, path)

    def reach(self, path: tuple[Any, ...]) -> Slot | None:
        """The place at a path of the example plan, if the changes so far left it there."""
        node: yaml.Node = self.root
        for depth, part in enumerate(path):
            index = _index(node, part)
            if index is None:
                return None
            if depth == len(path) - 1:
                return node, index, path
            node, _ = self._enter(node, index, path[:depth])
            if isinstance(node, yaml.ScalarNode):
                return None
        return None

    def _enter(self, node: yaml.Node, index: int, path: tuple[Any, ...]) -> tuple[yaml.Node, tuple[Any, ...]]:
        """The value at an entry, copied first (once) when it is a mapping or list, and its path."""
        slot: Slot = (node, index, (*path, _part(node, index)))
        child = _value(slot)
        if not isinstance(child, yaml.ScalarNode) and id(child) not in self.own:
            child = _shallow(child)
            self.own.add(id(child))
            _put(slot, child)
        return child, slot[2]


def _index(node: yaml.Node, part: Any) -> int | None:
    if isinstance(node, yaml.SequenceNode):
        return part if isinstance(part, int) and part < len(node.value) else None
    if isinstance(node, yaml.MappingNode):
        return next((i for i, (k, _) in enumerate(node.value) if getattr(k, "value", None) == part), None)
    return None


@cache
def field_paths(name: str, keys: frozenset[str] | None) -> list[tuple[Any, ...]]:
    """The paths in an example plan of the scalar values of fields named `keys` (or in blocks named so; or
    all, for None)."""
    found: list[tuple[Any, ...]] = []
    pending: list[tuple[yaml.Node, tuple[Any, ...], bool]] = [(base_plans()[name], (), False)]
    while pending:
        node, path, inside = pending.pop()
        entries = (list(enumerate(node.value)) if isinstance(node, yaml.SequenceNode) else
                   [(k.value, v) for k, v in node.value] if isinstance(node, yaml.MappingNode) else [])
        for part, value in entries:
            if isinstance(value, yaml.ScalarNode):
                if keys is None or inside or part in keys:
                    found.append((*path, part))
            else:
                pending.append((value, (*path, part), keys is not None and part in keys))
    return sorted(found, key=str)


def _part(node: yaml.Node, index: int) -> Any:
    if isinstance(node, yaml.SequenceNode):
        return index
    key = node.value[index][0]
    return key.value if isinstance(key, yaml.ScalarNode) else "?"


def where(path: tuple[Any, ...]) -> str:
    """A path as a plan's author would read it: actions[3].due."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(the top)"


def shown(text: str) -> str:
    """A value shortened for a message: its start, its end and its length."""
    return repr(text) if len(text) <= 40 else f"{text[:20]!r}...{text[-10:]!r} ({len(text)} characters)"


def _deep(depth: int) -> yaml.Node:
    node: yaml.Node = _scalar("1")
    for _ in range(depth):
        node = yaml.SequenceNode(SEQ, [node], flow_style=True)
    return node


CONTAINERS: dict[str, Callable[[], yaml.Node]] = {
    "an empty list": lambda: yaml.SequenceNode(SEQ, [], flow_style=True),
    "an empty mapping": lambda: yaml.MappingNode(MAP, [], flow_style=True),
    "null": lambda: _scalar("~"),
    "nothing": lambda: _scalar(""),
    "true": lambda: _scalar("true"),
    "false": lambda: _scalar("false"),
    "lists nested 70 deep": lambda: _deep(70),
    "a list of 2000 numbers": lambda: yaml.SequenceNode(SEQ, [_scalar(str(i)) for i in range(2000)], flow_style=True),
    "a mapping of extreme numbers": lambda: yaml.MappingNode(MAP, [(_scalar(f"k{i}"), _scalar(v)) for i, v in
                                                                   enumerate(NUMBERS[:40])]),
}


@st.composite
def replacement(draw: st.DrawFn) -> tuple[yaml.Node, str]:
    """A new value and its description: an extreme scalar in some quoting, or an odd container."""
    kind = draw(st.integers(0, 9))
    if kind == 0:
        name = draw(st.sampled_from(sorted(CONTAINERS)))
        return CONTAINERS[name](), name
    text = draw(GENERATED if kind == 1 else SCALARS)
    style = draw(st.sampled_from(STYLES))
    return _scalar(text, style), shown(text) + (f" (quoted {style})" if style else "")


Mutation = Callable[[st.DrawFn, Tree, Slot], str]


def _replace(draw: st.DrawFn, tree: Tree, slot: Slot) -> str:
    node, said = draw(replacement())
    _put(slot, node)
    return f"replace {where(slot[2])} with {said}"


def _retext(draw: st.DrawFn, tree: Tree, slot: Slot) -> str:
    """A field of free text in the block at the slot given extreme words: long, markup, right-to-left."""
    return _refill(draw, tree, slot, FREE_TEXT, st.one_of(st.sampled_from(TEXTS), st.text(max_size=200)), STYLES)


def _refigure(draw: st.DrawFn, tree: Tree, slot: Slot) -> str:
    """A figure in the block at the slot made extreme, but within the range a plan may hold."""
    return _refill(draw, tree, slot, FIGURE_KEYS, st.sampled_from(FIGURES), (None,))


def _refill(draw: st.DrawFn, tree: Tree, slot: Slot, keys: frozenset[str], values: st.SearchStrategy[str],
            styles: tuple[str | None, ...]) -> str:
    """One of the fields named `keys` in the plan (or a value in a block named so) given a new value;
    the value at the slot when the plan has no such field left."""
    paths = field_paths(tree.name, keys)
    found = tree.reach(paths[draw(st.integers(0, len(paths) - 1))]) if paths else None
    if found is None:
        return _replace(draw, tree, slot)
    text = draw(values)
    _put(found, _scalar(text, draw(st.sampled_from(styles))))
    return f"replace {where(found[2])} with {shown(text)}"


def _reshape(draw: st.DrawFn, tree: Tree, slot: Slot) -> str:
    """A value in the plan replaced by an extreme one of its own kind: a date by an impossible date, a figure
    by a huge one, a lag by a lag of thousands of digits; or its digits stretched ('3.1' to '3.1111...')."""
    paths = field_paths(tree.name, None)
    found = tree.reach(paths[draw(st.integers(0, len(paths) - 1))])
    if found is None or not isinstance(_value(found), yaml.ScalarNode):  # gone, or made a block by an earlier change
        return _replace(draw, tree, slot)
    node = _value(found)
    text = draw(st.one_of(st.sampled_from(kind_of(node.value)), stretched(node.value)))
    _put(found, _scalar(text, draw(st.sampled_from((node.style, node.style, None)))))
    return f"replace {where(found[2])} ({shown(node.value)}) with {shown(text)}"


def _delete(draw: st.DrawFn, tree: Tree, slot: Slot) -> str:
    del slot[0].value[slot[1]]
    return f"delete {where(slot[2])}"


def _repeat(draw: st.DrawFn, tree: Tree, slot: Slot) -> str:
    """A key written twice in its block (or an item twice in its list), with the same or a new value."""
    container, index, path = slot
    value, said = (_copy(_value(slot)), "the same value") if draw(st.booleans()) else draw(replacement())
    if isinstance(container, yaml.MappingNode):
        key = container.value[index][0]
        container.value.insert(draw(st.integers(0, len(container.value))), (_copy(key), value))
        return f"repeat the key {where(path)} with {said}"
    container.value.insert(index + 1, value)
    return f"repeat the item {where(path)} with {said}"


def _rename(draw: st.DrawFn, tree: Tree, slot: Slot) -> str:
    container, index, path = slot
    if not isinstance(container, yaml.MappingNode):
        return _repeat(draw, tree, slot)
    key = draw(st.sampled_from(KEYS))
    container.value[index] = (_scalar(key, draw(st.sampled_from(STYLES[:5]))), container.value[index][1])
    return f"rename the key {where(path)} to {shown(key)}"


def _inside(path: tuple[Any, ...], outer: tuple[Any, ...]) -> bool:
    return path[: len(outer)] == outer


def _merge(draw: st.DrawFn, tree: Tree, slot: Slot) -> str:
    """A '<<' key in the mapping holding the slot (or at the top): merging a copied block, or an alias."""
    target, at = (slot[0], slot[2][:-1]) if isinstance(slot[0], yaml.MappingNode) else (tree.root, ())
    other = tree.pick(draw)
    aliased = isinstance(_value(other), yaml.MappingNode) and not _inside(at, other[2]) and draw(st.booleans())
    value = _value(other) if aliased else yaml.MappingNode(MAP, [(_copy(k), _copy(v)) for k, v in target.value[:2]])
    style = draw(st.sampled_from((None, None, '"')))
    target.value.insert(draw(st.integers(0, len(target.value))), (_scalar("<<", style), value))
    merged = f", merging an alias of {where(other[2])}" if aliased else ""
    return f"add a '<<' key{' (quoted)' if style else ''} in {where(at)}{merged}"


def _alias(draw: st.DrawFn, tree: Tree, slot: Slot) -> str:
    """The value at the slot becomes the same node as another value: an anchor there, an alias here."""
    other = tree.pick(draw)
    if _inside(slot[2], other[2]):  # an alias inside its own anchor: PyYAML would build a loop
        return _replace(draw, tree, slot)
    _put(slot, _value(other))
    return f"make {where(slot[2])} an alias of {where(other[2])}"


def _graft(draw: st.DrawFn, tree: Tree, slot: Slot) -> str:
    """A copy of another block put here: the right shape in the wrong place."""
    other = tree.pick(draw)
    _put(slot, _copy(_value(other)))
    return f"copy {where(other[2])} over {where(slot[2])}"


def _grow(draw: st.DrawFn, tree: Tree, slot: Slot) -> str:
    """A list made long: its item copied many times (or the value put in a long list)."""
    times = draw(st.sampled_from((2, 30, 300)))
    copies = [_copy(_value(slot)) for _ in range(times)]
    if isinstance(slot[0], yaml.SequenceNode):
        slot[0].value[slot[1] + 1:slot[1] + 1] = copies
        return f"copy the item {where(slot[2])} {times} times"
    _put(slot, yaml.SequenceNode(SEQ, copies))
    return f"make {where(slot[2])} a list of {times} copies of itself"


MUTATIONS: tuple[Mutation, ...] = (_retext, _retext, _retext, _refigure, _refigure, _reshape, _reshape, _reshape,
                                   _replace, _replace, _delete, _repeat, _rename, _merge, _alias, _graft, _grow)


class _Plain:
    """No type guessing when writing: every node's tag is the default one, so no tag is written."""

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        return SEQ if kind is yaml.SequenceNode else MAP if kind is yaml.MappingNode else STR


class _CDumper(_Plain, yaml.CBaseDumper):  # type: ignore[misc]
    pass


class _PyDumper(_Plain, yaml.BaseDumper):  # type: ignore[misc]
    pass


def emit(root: yaml.Node) -> str:
    """The tree as YAML text; every value keeps its quoting (PyYAML's emitter, with no type guessing)."""
    try:
        return yaml.serialize(root, Dumper=_CDumper, allow_unicode=True, width=120)
    except UnicodeEncodeError:  # a lone surrogate: the Python emitter writes it as a \uD800 escape
        return yaml.serialize(root, Dumper=_PyDumper, allow_unicode=True, width=120)


def _line_start(data: bytes, at: int) -> int:
    return data.rfind(b"\n", 0, at) + 1


def _line_end(data: bytes, at: int) -> int:
    end = data.find(b"\n", at)
    return len(data) if end < 0 else end + 1


TEXT_DAMAGE: dict[str, Callable[[bytes, int], bytes]] = {
    "add a byte-order mark": lambda b, at: b"\xef\xbb\xbf" + b,
    "use Windows line endings": lambda b, at: b.replace(b"\n", b"\r\n"),
    "use old Mac line endings": lambda b, at: b.replace(b"\n", b"\r"),
    "put a tab at the start of a line": lambda b, at: b[:_line_start(b, at)] + b"\t" + b[_line_start(b, at):],
    "put a non-breaking space at the start of a line": lambda b, at: (b[:_line_start(b, at)] + "\u00a0".encode()
                                                                       + b[_line_start(b, at):]),
    "insert a byte that is not UTF-8": lambda b, at: b[:at] + b"\xff" + b[at:],
    "insert an encoded surrogate": lambda b, at: b[:at] + b"\xed\xa0\x80" + b[at:],
    "insert a NUL": lambda b, at: b[:at] + b"\x00" + b[at:],
    "cut the file off": lambda b, at: b[:at],
    "repeat a line": lambda b, at: b[:_line_end(b, at)] + b[_line_start(b, at):_line_end(b, at)] + b[_line_end(b, at):],
    "delete a line": lambda b, at: b[:_line_start(b, at)] + b[_line_end(b, at):],
    "save as UTF-16": lambda b, at: b.decode("utf-8", "replace").encode("utf-16"),
}


@st.composite
def cases(draw: st.DrawFn, names: tuple[str, ...] = ()) -> Case:
    """A changed example plan (one of `names`, or of them all), as the bytes of a file."""
    bases = base_plans()
    name = draw(st.sampled_from(names or sorted(bases)))
    tree = Tree(name)
    changes = draw(st.sampled_from((1, 1, 1, 2, 3)))
    steps = [draw(st.sampled_from(MUTATIONS))(draw, tree, tree.pick(draw)) for _ in range(changes)]
    data = emit(tree.root).encode("utf-8", "surrogatepass")
    if draw(st.integers(0, 9)) == 0:
        damage = draw(st.sampled_from(sorted(TEXT_DAMAGE)))
        at = draw(st.integers(0, len(data)))
        data = TEXT_DAMAGE[damage](data, at)
        steps.append(f"then {damage} (at byte {at})")
    return Case(name, tuple(steps), data)
