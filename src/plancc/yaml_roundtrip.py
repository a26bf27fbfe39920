"""Changing some values of a plan file while keeping everything else as the officer wrote it.

ruamel.yaml's round-trip mode reads a file into maps and lists that remember their comments, key
order and quoting, and writes them back unchanged. `edited` compares the plan's data before and
after a change (both as plancc reads them) and makes only those changes in the round-trip tree:
a value set, a key removed, renamed or added. So plancc decides what every value means, and
ruamel only has to keep the layout.

ruamel keeps a comment with the value it follows: the comment lines above a key travel with the
end of the entry before it. Where an entry is removed or replaced, the comment lines after its
last line that are indented no further than its key (so belong to what follows) are moved to
the entry before it; only the comments on its own lines, or below it and indented further than
its key, go with it.
"""

from __future__ import annotations

import io
from datetime import date
from functools import cache
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark, YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, FoldedScalarString, LiteralScalarString, ScalarString
from ruamel.yaml.tokens import CommentToken

from plancc.validate.schema import schema_at

Path_ = tuple[Any, ...]
Container = CommentedMap | CommentedSeq


class LayoutError(Exception):
    """The file could not be changed with its layout kept (ruamel could not read it as plancc did)."""


def round_trip(text: str) -> tuple[YAML, Any]:
    """A round-trip YAML reader and writer set to write this file's indentation back, and its tree."""
    yaml = YAML()  # round-trip mode
    yaml.preserve_quotes = True  # "1.10" stays "1.10", 'a' stays 'a'
    yaml.width = 1_000_000  # never fold a long line
    try:
        tree = yaml.load(text)
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise LayoutError(f"ruamel.yaml, which keeps the comments, could not read it{where} "
                          f"({getattr(exc, 'problem', None) or type(exc).__name__})") from exc
    mapping, sequence, offset = _indentation(tree)
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml, tree


def written(yaml: YAML, tree: Any) -> str:
    out = io.StringIO()
    yaml.dump(tree, out)
    return out.getvalue()


def edited(text: str, old: dict[str, Any], new: dict[str, Any]) -> str:
    """`text`, whose data is `old`, changed so that its data is `new`: comments, key order, quoting and
    blank lines are kept, except in the entries that are removed."""
    prologue, body = _prologue(text)
    yaml, tree = round_trip(body)
    if not isinstance(tree, CommentedMap):
        raise LayoutError("it is not a set of 'key: value' lines")
    _sync_map(tree, old, new, ())
    return prologue + written(yaml, tree)


def _prologue(text: str) -> tuple[str, str]:
    """The lines up to a '---' line that starts the document, which ruamel would drop with the comments
    above it, and the rest."""
    lines = text.split("\n")
    for number, line in enumerate(lines):
        if line.strip() and not line.lstrip().startswith(("#", "%")):
            if line.rstrip() != "---":
                break
            return "\n".join(lines[:number + 1]) + "\n", "\n".join(lines[number + 1:])
    return "", text


def _indentation(tree: Any) -> tuple[int, int, int]:
    """The file's indentation as ruamel counts it: of mappings, of sequence items, and of the '- ' in
    them (2, 4, 2 for `  - ` under a key), from the first nested mapping and list in it."""
    mapping: int | None = None
    sequence: tuple[int, int] | None = None
    stack: list[Any] = [tree]
    while stack and (mapping is None or sequence is None):
        node = stack.pop(0)
        if not isinstance(node, (CommentedMap, CommentedSeq)):
            continue
        children = list(node.items()) if isinstance(node, CommentedMap) else []
        for key, value in children:
            if not isinstance(value, (CommentedMap, CommentedSeq)) or not value or value.fa.flow_style():
                continue
            column = node.lc.key(key)[1]
            if isinstance(value, CommentedMap) and mapping is None:
                mapping = value.lc.col - column
            elif isinstance(value, CommentedSeq) and sequence is None:
                sequence = (value.lc.item(0)[1] - column, value.lc.col - column)
        stack.extend(node.values() if isinstance(node, CommentedMap) else node)
    seq, offset = sequence or (4, 2)
    return mapping or 2, seq, offset


# --- making the changes ---------------------------------------------------------------------------

def _sync_map(tree: CommentedMap, old: dict[str, Any], new: dict[str, Any], path: Path_) -> None:
    if len(tree) != len(old):
        raise LayoutError(f"ruamel.yaml read {len(tree)} keys where plancc read {len(old)} at {_where(path)}")
    keys = dict(zip(old, tree))  # plancc's key (always text) -> the key as ruamel read it
    if _renamed(old, new):
        _rename_all(tree, [_styled(key, before) for key, before in zip(new, tree)])
        keys = dict(zip(new, tree))
        old = dict(zip(new, old.values()))
    for key in [k for k in old if k not in new]:
        _remove(tree, keys[key])
    for key in [k for k in old if k in new]:
        _sync_value(tree, keys[key], old[key], new[key], path + (key,))
    for key in [k for k in new if k not in old]:
        _add(tree, keys, key, new[key], path)


def _sync_value(parent: Container, key: Any, old: Any, new: Any, path: Path_) -> None:
    if old == new and type(old) is type(new):
        return
    value = parent[key]
    if isinstance(old, dict) and isinstance(new, dict) and isinstance(value, CommentedMap):
        _sync_map(value, old, new, path)
    elif isinstance(old, list) and isinstance(new, list) and isinstance(value, CommentedSeq):
        if len(old) == len(new):
            for index, (before, after) in enumerate(zip(old, new)):
                _sync_value(value, index, before, after, path + (index,))
        else:
            _replace_items(parent, key, value, new, path)
    else:
        parent[key] = _built(new, value, path)
        _shift_comment(parent, key, len(str(new)) - len(str(old)))


def _renamed(old: dict[str, Any], new: dict[str, Any]) -> bool:
    """Whether `new` is `old` with its keys renamed: the same values in the same order, other keys."""
    return list(old) != list(new) and len(old) == len(new) and list(old.values()) == list(new.values())


def _rename_all(tree: CommentedMap, keys: list[Any]) -> None:
    entries = [(value, tree.ca.items.pop(key, None)) for key, value in tree.items()]
    for key in list(tree):
        del tree[key]
    for key, (value, comment) in zip(keys, entries):
        tree[key] = value
        if comment is not None:
            tree.ca.items[key] = comment


def _remove(tree: CommentedMap, key: Any) -> None:
    """Remove an entry; the comment lines after it that belong to what follows stay where they were."""
    following = _take_following(tree, key, tree.lc.col)
    keys = list(tree)
    at = keys.index(key)
    tree.ca.items.pop(key, None)
    del tree[key]
    if at > 0:
        _give_following(tree, keys[at - 1], following)
    elif at + 1 < len(keys):
        _give_before(tree, keys[at + 1], following)
    # an entry alone in its block has nothing after it in the block: what follows is the parent's


def _replace_items(parent: Container, key: Any, items: CommentedSeq, new: list[Any], path: Path_) -> None:
    """Replace every item of a list, keeping the list's own comments and what follows it."""
    following = _take_following(parent, key, parent.lc.col)
    items.ca.items.clear()
    del items[:]
    items.extend(_built(item, None, path + (index,)) for index, item in enumerate(new))
    _give_following(parent, key, following)


def _add(tree: CommentedMap, keys: dict[str, Any], key: str, value: Any, path: Path_) -> None:
    """Add an entry after the key just before it in the schema's order (a key the schema does not list
    goes after the others)."""
    order = list(schema_at(path).get("properties", {}))
    ranks = {k: order.index(k) if k in order else len(order) for k in [*keys, key]}
    earlier = sorted((k for k in keys if keys[k] in tree and ranks[k] <= ranks[key]), key=ranks.__getitem__)
    after = keys[earlier[-1]] if earlier else None
    following = _take_following(tree, after, tree.lc.col) if earlier else []
    tree.insert(list(tree).index(after) + 1 if earlier else 0, key, _built(value, None, path + (key,)))
    keys[key] = key
    _give_following(tree, key, following)


def _built(value: Any, old: Any, path: Path_) -> Any:
    """A new value for the round-trip tree, written in the style of the value it replaces."""
    if isinstance(value, dict):
        return CommentedMap((key, _built(item, None, path + (key,))) for key, item in value.items())
    if isinstance(value, list):
        return CommentedSeq(_built(item, None, path + (index,)) for index, item in enumerate(value))
    return _styled(value, old)


def _styled(value: Any, old: Any) -> Any:
    """Text written as the text it replaces was (in the same quotes, or plain); plain where it would be
    read back as this text, as a date, or as the same kind of number it replaces; else in double quotes."""
    if not isinstance(value, str):
        return value
    if isinstance(old, ScalarString):
        return type(old)(value)
    plain = _plain_reader().load(value) if value.strip() and "\n" not in value else None
    if isinstance(plain, str) and plain == value:
        return value
    if type(plain) is date and plain.isoformat() == value:
        return plain  # plancc reads a date as text; written plain, as officers write dates
    if type(plain) is int and type(old) is int and str(plain) == value:
        return plain
    return DoubleQuotedScalarString(value)


# --- moving comments ----------------------------------------------------------------------------

def _tail(parent: Container, key: Any) -> tuple[list[Any], int, bool]:
    """Where ruamel keeps the comment text after an entry: with the last value in it; and whether that
    value is | or > text, after which the comment text starts on a line of its own."""
    value = parent[key]
    if isinstance(value, (CommentedMap, CommentedSeq)) and value and not value.fa.flow_style():
        return _tail(value, list(value)[-1] if isinstance(value, CommentedMap) else len(value) - 1)
    slots = parent.ca.items.setdefault(key, [None, None, None, None])
    return slots, 2 if isinstance(parent, CommentedMap) else 0, isinstance(value, (LiteralScalarString,
                                                                                   FoldedScalarString))


def _lines(token: Any, block: bool) -> tuple[str | None, list[str]]:
    """A comment token's text: what ends the value's line (None after | or > text), then whole lines
    (the first line after | or > text is indented by the token's column)."""
    if not isinstance(token, CommentToken):
        return (None if block else ""), []
    lines = token.value.split("\n")
    lines = lines[:-1] if lines[-1] == "" else lines
    if not block:
        return lines[0], lines[1:]
    return None, [" " * token.column + lines[0] if lines[0] else "", *lines[1:]]


def _store(slots: list[Any], at: int, end: str | None, lines: list[str]) -> None:
    """Store the comment text after a value (the inverse of _lines)."""
    token = slots[at]
    if not end and not lines:
        slots[at] = None
    elif end is None:
        value = "\n".join([lines[0].lstrip(" "), *lines[1:]]) + "\n"
        if isinstance(token, CommentToken):
            token.value, token.start_mark.column = value, _indent(lines[0])
        else:
            slots[at] = CommentToken(value, CommentMark(_indent(lines[0])))
    elif isinstance(token, CommentToken):
        token.value = "\n".join([end, *lines]) + "\n"
    else:
        slots[at] = CommentToken("\n".join([end, *lines]) + "\n", CommentMark(0))


def _take_following(parent: Container, key: Any, column: int) -> list[str]:
    """Take the lines after an entry that belong to what follows it: from the first comment indented no
    further than `column`, the entry's key (with the blank lines just above it), or the blank lines at
    the end."""
    slots, at, block = _tail(parent, key)
    end, lines = _lines(slots[at], block)
    start = next((n for n, line in enumerate(lines) if line.strip() and _indent(line) <= column), len(lines))
    while start > 0 and not lines[start - 1].strip():
        start -= 1
    _store(slots, at, end, lines[:start])
    return lines[start:]


def _give_following(parent: Container, key: Any, following: list[str]) -> None:
    """Put comment lines after an entry."""
    if following:
        slots, at, block = _tail(parent, key)
        end, lines = _lines(slots[at], block)
        _store(slots, at, end, lines + following)


def _shift_comment(parent: Container, key: Any, by: int) -> None:
    """Keep the gap before the comment at the end of a line whose value became longer or shorter."""
    slots = parent.ca.items.get(key)
    token = slots[2 if isinstance(parent, CommentedMap) else 0] if slots else None
    if by and isinstance(token, CommentToken) and token.value.startswith("#") and token.start_mark is not None:
        token.start_mark.column = max(0, token.start_mark.column + by)


def _give_before(tree: CommentedMap, key: Any, lines: list[str]) -> None:
    """Put comment lines just above a key."""
    if lines:
        slots = tree.ca.items.setdefault(key, [None, None, None, None])
        slots[1] = [CommentToken(line + "\n", CommentMark(0)) for line in lines] + (slots[1] or [])


@cache
def _plain_reader() -> YAML:
    return YAML(typ="safe", pure=True)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _where(path: Path_) -> str:
    return " > ".join(str(part) for part in path) or "the top level"
