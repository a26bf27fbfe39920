"""Reading on past YAML errors, so that one run shows every mistake that can still be found.

YAML stops at its first error. Here each line that cannot be read (and the lines indented
under it) is left out and the rest is read again, up to a limit, so that a later syntax
error, a duplicate key, a wrong value or a missing field is reported in the same run. The
lines left out keep their place (they become blank), so every position stays true.

The blocks that lost lines are *damaged*: what is missing from them is missing because of
the error, so the schema's findings there and the cross-checks that read them are not
reported. Where the text cannot be read at all, duplicate keys are still found line by line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from plancc.diagnostics import Diagnostic, Span, error
from plancc.load.messages import explain_yaml_error, looks_like_prose
from plancc.memory import paused_gc
from plancc.load.indent import shape
from plancc.load.values import compose, duplicate_key_hint, duplicate_key_message

MAX_SYNTAX_ERRORS = 10
_ANY_KEY = re.compile(r"([A-Za-z_][\w-]*)[ \t]*:")
_BLOCK_SCALAR = re.compile(r":[ \t]+[|>][-+0-9]*[ \t]*(?:#|$)")  # on one line: a comment runs to its end


@dataclass
class Reading:
    """The node tree of a file read past its errors, and what had to be left out to read it."""

    node: yaml.Node | None = None
    text: str = ""
    read: bool = False  # False when the text could not be read even with lines left out
    left_out: set[int] = field(default_factory=set)  # line numbers, from 0
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def damaged(self) -> set[str]:
        """The top-level keys whose blocks lost lines ('*' for a line at the top level with no key)."""
        return damaged_sections(self.text.split("\n"), self.left_out)


def read_past_errors(text: str, file: str, skip: list[int]) -> Reading:
    """Compose `text`, leaving out the lines in `skip` and any line YAML cannot read, with a diagnostic for each."""
    lines = text.split("\n")
    reading = Reading(text=text)
    for number in skip:  # a tab has no width to compare: only a line that opens a block takes lines with it
        opens = shape(lines[number])
        reading.left_out |= _leave_out(lines, number, opens is not None and (opens.opens_block or opens.dash is not None))
    furthest = -1
    while True:
        current = "\n".join(lines)
        try:
            with paused_gc():
                reading.node = compose(current)
            reading.read = True
            return reading
        except RecursionError:
            reading.diagnostics.append(error("yaml-syntax", "The file is nested too deeply to be read.", file,
                                             Span.point(1, 1), hint="Plans are never nested this deeply; check the "
                                                                    "brackets."))
            return reading
        except yaml.YAMLError as exc:
            found = explain_yaml_error(exc, file, current)
            number = found.line - 1
            if number <= furthest or number in reading.left_out or not 0 <= number < len(lines):
                if not reading.diagnostics and number not in reading.left_out:
                    reading.diagnostics.append(found)  # the first syntax error is always said
                return _unreadable(reading, lines, file)  # no progress: what follows would be guesswork
            reading.diagnostics.append(found)
            final = "expected a single document" in str(exc)  # a second plan, not a broken line
            if final or len(reading.diagnostics) >= MAX_SYNTAX_ERRORS or looks_like_prose(lines):
                return _unreadable(reading, lines, file)
            furthest = number
            reading.left_out |= _leave_out(lines, number)


def _unreadable(reading: Reading, lines: list[str], file: str) -> Reading:
    reading.node = None
    reading.diagnostics.extend(scan_duplicate_keys(lines, reading.left_out, file))
    return reading


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t\u00a0\u2007\u202f\u3000"))


def _leave_out(lines: list[str], number: int, block: bool = True) -> set[int]:
    """Blank line `number` and (with `block`) the lines indented under it; the numbers blanked."""
    if not lines[number].strip():
        return set()
    depth = _indent(lines[number])
    gone = {number}
    lines[number] = ""
    for after in range(number + 1, len(lines) if block else number + 1):
        line = lines[after]
        if line.strip() and _indent(line) <= depth:
            break
        gone.add(after)
        lines[after] = ""
    return gone


def damaged_sections(lines: list[str], left_out: set[int]) -> set[str]:
    """The top-level key each left-out line belongs to ('*' when it cannot be told)."""
    found: set[str] = set()
    for number in left_out:
        line = lines[number]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key = _ANY_KEY.match(line)
        if key is not None:
            found.add(key.group(1))  # a top-level key, even one written without a space after its colon
            continue
        if _indent(line) == 0:
            found.add("*")  # a top-level line with no key: it may have been any key
        owner = next((s for s in map(shape, reversed(lines[:number])) if s is not None and s.indent == 0), None)
        found.add(owner.key if owner is not None and owner.key is not None and owner.dash is None else "*")
    return found


def scan_duplicate_keys(lines: list[str], skip: set[int], file: str) -> list[Diagnostic]:
    """Keys repeated in one block, found from the lines alone (for text that YAML cannot read)."""
    found: list[Diagnostic] = []
    blocks: list[tuple[int, dict[str, int]]] = []  # (column of the block's keys, key -> line it is first on)
    inside_text_below: int | None = None  # indentation of a key whose value is a | or > block of text
    for number, line in enumerate(lines):
        if line.startswith(("---", "...")):
            blocks = []  # a new document
            continue
        here = shape(line) if number not in skip else None
        if inside_text_below is not None:
            if not line.strip() or _indent(line) > inside_text_below:
                continue
            inside_text_below = None
        if here is None or here.key is None or here.key_column is None:
            continue
        if here.dash is not None:
            while blocks and blocks[-1][0] > here.dash:
                blocks.pop()
            blocks.append((here.key_column, {}))
        while blocks and blocks[-1][0] > here.key_column:
            blocks.pop()
        if not blocks or blocks[-1][0] != here.key_column:
            blocks.append((here.key_column, {}))
        keys = blocks[-1][1]
        if here.key in keys:
            found.append(error("yaml-duplicate-key", duplicate_key_message(here.key, keys[here.key] + 1), file,
                               Span(number + 1, here.key_column + 1, number + 1, here.key_column + 1 + len(here.key)),
                               value=here.key, hint=duplicate_key_hint()))
        else:
            keys[here.key] = number
        if _BLOCK_SCALAR.search(line):
            inside_text_below = here.indent
    return found
