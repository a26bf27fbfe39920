"""How far a misindented line should be indented, worked out from the lines above it.

A hint that says "line it up with the other keys" leaves the officer to guess which keys; this
module finds them. Walking up from the line, it collects the blocks still open there (each key's
column, and the column of each '- ' that starts a list item) and picks the one the line is
nearest, so that the hint can say "Indent this line with 4 spaces, like 'title:' on line 3".
Every indentation hint is worded "with N spaces", so that following it is one exact edit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SHAPE = re.compile(r"^(?P<indent>[ \t\u00a0\u2007\u202f\u3000]*)(?P<dash>-(?:[ \t]+|$))?"
                    r"(?P<key>[^\s#'\"\[{][^#]*?:(?=[ \t]|$))?")


@dataclass(frozen=True)
class Shape:
    """What a line starts with: its indentation, a '- ' and a 'key:', with their columns (from 0)."""

    indent: int
    dash: int | None
    key: str | None
    key_column: int | None
    opens_block: bool  # 'key:' with nothing after it: the lines below belong to it


@dataclass(frozen=True)
class IndentFix:
    """Where a line should start: `spaces` of indentation, and why (what it then lines up with)."""

    spaces: int
    reason: str

    def hint(self, opening: str = "Indent this line", block: bool = False) -> str:
        """The fix in words; `block`: the line has lines under it, which move with it."""
        spaces = "no spaces (start it at the left edge)" if self.spaces == 0 else f"{self.spaces} spaces"
        also = ", and move the lines under it (its block) by as much" if block else ""
        return f"{opening} with {spaces}, {self.reason}{also}."


def has_block(lines: list[str], line: int) -> bool:
    """True when line `line` (from 0) opens a block or a list item and the next line is indented under it."""
    here = shape(lines[line])
    if here is None or not (here.opens_block or here.dash is not None):
        return False
    depth = len(lines[line]) - len(lines[line].lstrip())
    following = next((text for text in lines[line + 1:] if text.strip() and not text.lstrip().startswith("#")), "")
    return len(following) - len(following.lstrip()) > depth


def shape(line: str) -> Shape | None:
    """The shape of a line that starts a key or a list item; None for blank, comment and other lines."""
    match = _SHAPE.match(line)
    if match is None or not line.strip() or line.lstrip().startswith("#"):
        return None
    indent = len(match.group("indent"))
    dash = indent if match.group("dash") is not None else None
    key = match.group("key")
    if dash is None and key is None:
        return None
    key_column = match.start("key") if key else None
    rest = line[match.end("key"):].strip() if key else ""
    return Shape(indent, dash, key[:-1].strip() if key else None, key_column,
                 opens_block=bool(key) and (not rest or rest.startswith("#")))


def _open_blocks(lines: list[str], line: int) -> tuple[list[tuple[int, str, int]], list[tuple[int, int]]]:
    """The keys (column, key, line) and list dashes (column, line) of the blocks open at `line`, nearest first."""
    keys: list[tuple[int, str, int]] = []
    dashes: list[tuple[int, int]] = []
    limit: int | None = None
    for number in range(line - 1, -1, -1):
        found = shape(lines[number])
        if found is None or (limit is not None and found.indent >= limit):
            continue
        limit = found.indent
        if found.key is not None and found.key_column is not None:
            keys.append((found.key_column, found.key, number))
        if found.dash is not None:
            dashes.append((found.dash, number))
        if found.indent == 0:
            break
    return keys, dashes


def indent_fix(lines: list[str], line: int, odd: bool = False) -> IndentFix | None:
    """How to indent line `line` (from 0) so that it lines up with the block it most likely belongs to.

    The nearest open block wins, and on a tie the deeper one. A line indented with a tab or odd
    spaces (`odd`) has no width to compare, so it goes with the line above it: under it when
    that line opens a block, else beside it.
    """
    here = shape(lines[line])
    if here is None:
        return None
    keys, dashes = _open_blocks(lines, line)
    if odd:
        return _beside_line_above(lines, line, here, keys, dashes)
    if here.dash is not None and dashes:
        column, number = min(dashes, key=lambda d: abs(d[0] - here.indent))
        return _like_dash(column, number)
    if keys:
        column, key, number = min(keys, key=lambda k: abs(k[0] - here.indent))
        return _like_key(column, key, number)
    return None


def _like_dash(column: int, number: int) -> IndentFix:
    return IndentFix(column, f"so that its '- ' lines up with the '- ' on line {number + 1}")


def _like_key(column: int, key: str, number: int) -> IndentFix:
    return IndentFix(column, f"so that it lines up with '{key}:' on line {number + 1}")


def _beside_line_above(lines: list[str], line: int, here: Shape, keys: list[tuple[int, str, int]],
                       dashes: list[tuple[int, int]]) -> IndentFix | None:
    above = next((n for n in range(line - 1, -1, -1) if shape(lines[n]) is not None), None)
    if above is None:
        return IndentFix(0, "as it is the first line")
    before = shape(lines[above])
    assert before is not None
    if before.opens_block and before.key_column is not None:
        return IndentFix(before.key_column + 2, f"two more than '{before.key}:' on line {above + 1}, "
                         "the block it belongs to")
    if here.dash is not None and dashes:
        return _like_dash(*dashes[0])
    if keys:
        return _like_key(*keys[0])
    return None


def indent_among(lines: list[str], line: int, fields: set[str]) -> IndentFix | None:
    """How to indent line `line` (from 0) into the nearest block above that has one of `fields` as a key."""
    here = shape(lines[line]) if 0 <= line < len(lines) else None  # a line break only YAML counts: no advice
    if here is None or here.key_column is None:
        return None
    for number in range(line - 1, -1, -1):
        found = shape(lines[number])
        if found is not None and found.key in fields and found.key_column is not None:
            if found.key_column == here.key_column:
                return None  # already lined up with it: the mistake is something else
            return _like_key(found.key_column, found.key, number)
    return None
