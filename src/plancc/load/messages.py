"""Plain-English explanations of the YAML parser's errors.

The parser says where it gave up, which is often a line or two after the real mistake. These
functions look at the lines around that place for the mistakes people actually make (a
missing space after a colon, curly quotes from Word, an apostrophe inside single quotes,
indentation) and point at the mistake itself.
"""

from __future__ import annotations

import re

import yaml

from plancc.diagnostics import Diagnostic, Span, error
from plancc.load.indent import has_block, indent_fix

_KEY_LINE = re.compile(r"^(\s*)(?:-\s+)?[A-Za-z_][\w-]*:(?:\s|$)")
_NO_SPACE = re.compile(r"^\s*(?:-\s+)?([A-Za-z_][\w-]*):(?![\s/])(\S.*)$")
_APOSTROPHE = re.compile(r":\s+'[^']*'\s*[^\s#,\]}]")
_CURLY = re.compile("[\u201c\u201d\u2018\u2019]")
# The parser's words when a line is indented unlike the block it should belong to
_INDENTATION = ("did not find expected key", "did not find expected '-' indicator", "expected <block end>")

# (words in the parser's message, what to tell the officer, how to fix it)
_EXPLANATIONS: list[tuple[str, str, str]] = [
    ("block sequence entries are not allowed",
     "A dash '-' here starts a list item, but a value was expected.",
     "To show nothing write nil, for 'to be confirmed' write tbc, and put text that starts with a dash in quotes."),
    ("mapping values are not allowed",
     "There is a colon followed by a space inside a value, so YAML reads it as a new key.",
     "Put the whole value in double quotes, e.g. title: \"Target 10: reduce burglary\"."),
    ("could not find expected ':'",
     "This line is not a 'key: value' line, or its text runs on from the line before.",
     "Check the line has a colon and a space after its key, or put a long text value in quotes."),
    ("did not find expected key",
     "This line is indented differently from the lines around it.",
     "Line the key up with the other keys of the same block, using spaces only."),
    ("did not find expected '-' indicator",
     "This line is indented differently from the list items around it.",
     "Line the item up with the other '- ' items of the same list, using spaces only."),
    ("expected <block end>",
     "This line is indented differently from the lines around it.",
     "Line the key up with the other keys of the same block, using spaces only."),
    ("found unknown escape character",
     "A backslash in double quotes starts an escape that YAML does not know.",
     "Use single quotes around text containing backslashes, or write \\\\ for each backslash."),
    ("found undefined alias",
     "A '*' at the start of a value begins a YAML alias (plancc does not accept aliases).",
     "Put the value in quotes if it starts with *, e.g. note: \"*Provisional* until funding is confirmed\"."),
    ("expected a single document",
     "The file holds more than one YAML document (separated by ---).",
     "Keep one plan per file: remove the extra '---' line or split the file."),
    ("found character '\\t'",
     "A tab character is used where YAML needs spaces.",
     "Replace the tab with spaces."),
    ("that cannot start any token",
     "A value cannot start with this character unless it is in quotes.",
     "Put the value in double quotes."),
    ("while scanning an anchor",
     "A '&' at the start of a value begins a YAML anchor.",
     "Put the value in quotes if it starts with &."),
    ("while scanning an alias",
     "A '*' at the start of a value begins a YAML alias (plancc does not accept aliases).",
     "Put the value in quotes if it starts with *, e.g. note: \"*Provisional* until funding is confirmed\"."),
    ("special characters are not allowed",
     "The file contains a control character that YAML does not allow.",
     "Delete the invisible character (often pasted from a word processor)."),
]


def explain_yaml_error(exc: yaml.YAMLError, file: str, text: str) -> Diagnostic:
    """Turn a PyYAML error into a diagnostic at the mistake, with a plain-English message and a hint."""
    lines = text.split("\n")
    said = str(exc)
    problem = getattr(exc, "problem_mark", None)
    context = getattr(exc, "context_mark", None)
    mark = problem or context
    line = mark.line if mark is not None else 0
    column = mark.column if mark is not None else 0

    found = _not_a_plan(lines) or _curly_quotes(lines, line) or _no_space_after_colon(lines, line) \
        or _apostrophe(lines, line)
    if found:
        (at_line, at_column), message, hint = found
        return error("yaml-syntax", message, file, Span.point(at_line + 1, at_column + 1), hint=hint)
    if context is not None and "end of stream" in said and "quoted scalar" in said:
        return error("yaml-syntax", "The quote that opens here is never closed.", file,
                     Span.point(context.line + 1, context.column + 1),
                     hint="Add the closing quote at the end of the value. If the text itself contains that quote, "
                          "put the text in the other kind of quotes.")
    if context is not None and "while parsing a flow" in said:
        bracket = "[" if "sequence" in said else "{"
        return error("yaml-syntax", f"The '{bracket}' that opens here is not closed, or its items are not separated "
                     "by commas.", file, Span.point(context.line + 1, context.column + 1),
                     hint=f"Close it with '{']' if bracket == '[' else '}'}' on the same line, with a comma between "
                          "items, e.g. partners: [gmp, csu].")
    misindented = line < len(lines) and (any(words in said for words in _INDENTATION) or (
        "mapping values are not allowed" in said and _is_misindented(lines, line, column)))
    fix = indent_fix(lines, line) if misindented else None
    if fix is not None:
        return error("yaml-syntax", "This line is indented differently from the lines around it, so YAML cannot "
                     "tell which block it belongs to.", file, Span.point(line + 1, 1),
                     hint=fix.hint(block=has_block(lines, line)) + " Use spaces, not tabs.")
    for words, message, hint in _EXPLANATIONS:
        if words in said:
            return error("yaml-syntax", message, file, Span.point(line + 1, column + 1), hint=hint)
    reason = getattr(exc, "problem", None) or said
    return error("yaml-syntax", f"The YAML could not be read here ({reason}).", file, Span.point(line + 1, column + 1),
                 hint="Check the indentation, colons and quotes on this line and the one before.")


Finding = tuple[tuple[int, int], str, str]


def looks_like_prose(lines: list[str]) -> bool:
    """True when the file reads like pasted text or a table rather than a plan's 'key: value' lines."""
    return _not_a_plan(lines) is not None


def _content_lines(lines: list[str]) -> list[tuple[int, str]]:
    return [(i, line) for i, line in enumerate(lines) if line.strip() and not line.lstrip().startswith(("#", "---"))]


def _not_a_plan(lines: list[str]) -> Finding | None:
    """Prose or a table pasted in: none of the first lines is a 'key: value' line."""
    content = _content_lines(lines)[:5]
    if not content or any(_KEY_LINE.match(line) for _, line in content):
        return None
    number, _ = content[0]
    return ((number, 0), "This file does not look like a plan: a plan is made of 'key: value' lines such as "
            "'title: ...', but this reads like ordinary text.",
            "Start from one of the example plans in plans/, and put each piece of text after its key.")


def _curly_quotes(lines: list[str], line: int) -> Finding | None:
    for number in range(max(0, line - 1), min(len(lines), line + 1)):
        match = _CURLY.search(lines[number])
        if match:
            return ((number, match.start()), "This line has curly quotes (“ ” or ‘ ’), as a word processor types "
                    "them; YAML only understands straight quotes.",
                    "Retype the quotes as straight quotes (\" or '), or remove them.")
    return None


def _no_space_after_colon(lines: list[str], line: int) -> Finding | None:
    for number in range(min(line, len(lines) - 1), max(-1, line - 3), -1):
        match = _NO_SPACE.match(lines[number])
        if match:
            key, rest = match.group(1), match.group(2)
            return ((number, match.end(1) + 1), f"There is no space after the colon in '{key}:{rest}'.",
                    f"Put a space after the colon: {key}: {rest}")
    return None


def _apostrophe(lines: list[str], line: int) -> Finding | None:
    for number in range(max(0, line - 1), min(len(lines), line + 1)):
        match = _APOSTROPHE.search(lines[number])
        if match:
            return ((number, match.start()), "An apostrophe inside this text ends its single quotes early.",
                    "Put the text in double quotes instead, or write the apostrophe twice ('').")
    return None


def _is_misindented(lines: list[str], line: int, column: int) -> bool:
    """True when the parser stopped at the colon of a key on a line indented unlike its neighbour."""
    match = _KEY_LINE.match(lines[line])
    if not match or lines[line].find(":") != column:
        return False
    previous = next((lines[i] for i in range(line - 1, -1, -1) if lines[i].strip()), "")
    return len(match.group(1)) != len(previous) - len(previous.lstrip()) and not previous.rstrip().endswith(":")
