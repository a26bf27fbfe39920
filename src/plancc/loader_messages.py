"""Plain-English explanations of the YAML parser's errors."""

from __future__ import annotations

import yaml

from plancc.diagnostics import Diagnostic, Span, error

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
     "Check the line has a colon after its key, or put a long text value in quotes."),
    ("did not find expected key",
     "This line is indented differently from the lines around it.",
     "Line the key up with the other keys of the same block, using spaces only."),
    ("did not find expected '-' indicator",
     "This line is indented differently from the list items around it.",
     "Line the item up with the other '- ' items of the same list, using spaces only."),
    ("expected <block end>",
     "This line is indented differently from the lines around it.",
     "Line the key up with the other keys of the same block, using spaces only."),
    ("found unexpected end of stream",
     "A quote is opened and never closed.",
     "Add the closing quote at the end of the value."),
    ("found unknown escape character",
     "A backslash in double quotes starts an escape that YAML does not know.",
     "Use single quotes around text containing backslashes, or write \\\\ for a backslash."),
    ("found undefined alias",
     "An alias (*name) refers to an anchor that does not exist; plancc does not accept aliases anyway.",
     "Write the value out in full instead of using & and *."),
    ("expected a single document",
     "The file holds more than one YAML document (separated by ---).",
     "Keep one plan per file: remove the extra '---' line or split the file."),
    ("found character '\\t'",
     "A tab character is used where YAML needs spaces.",
     "Replace the tab with spaces."),
    ("found character '%'",
     "A value cannot start with '%' unless it is in quotes.",
     "Put the value in quotes, e.g. change: \"-8%\"."),
    ("found character '@'",
     "A value cannot start with '@' unless it is in quotes.",
     "Put the value in quotes."),
    ("found character '`'",
     "A value cannot start with '`' unless it is in quotes.",
     "Put the value in quotes."),
    ("while parsing a flow",
     "A bracket [ or brace { is opened and not closed properly.",
     "Check that every [ has a matching ] and every { a matching }, with commas between items."),
    ("while scanning an anchor",
     "A '&' at the start of a value begins a YAML anchor.",
     "Put the value in quotes if it starts with &."),
    ("while scanning an alias",
     "A '*' at the start of a value begins a YAML alias.",
     "Put the value in quotes if it starts with *."),
    ("special characters are not allowed",
     "The file contains a control character that YAML does not allow.",
     "Delete the invisible character (often pasted from a word processor)."),
]


def explain_yaml_error(exc: yaml.YAMLError, file: str) -> Diagnostic:
    """Turn a PyYAML error into a diagnostic with a plain-English message and a hint."""
    text = str(exc)
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    span = Span.point(mark.line + 1, mark.column + 1) if mark is not None else Span.point(1, 1)
    problem = getattr(exc, "problem", None) or text
    for words, message, hint in _EXPLANATIONS:
        if words in text:
            return error("yaml-syntax", message, file, span, value=problem, hint=hint)
    return error("yaml-syntax", f"The YAML could not be read here: {problem}.", file, span, value=problem,
                 hint="Check the indentation, colons and quotes on this line and the one before.")
