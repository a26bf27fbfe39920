"""Load stage: read a plan file into values that keep where they came from.

The file is read as bytes and checked for what makes it no plan at all (too large, not
UTF-8, empty, indented with tabs or non-breaking spaces, not YAML, not a mapping); then
yaml_values reads each value as the officer meant it. Every problem is a diagnostic with a
position; nothing here raises on a mistake in the file.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from plancc.diagnostics import Diagnostic, Span, error
from plancc.memory import paused_gc
from plancc.load.plan_files import MAX_BYTES, read_plan_bytes
from plancc.load.source import LoadedPlan, node_span
from plancc.load.text_limits import MAX_VALUE, long_texts
from plancc.load.indent import has_block, indent_fix
from plancc.load.recovery import read_past_errors
from plancc.load.values import NULLS, Builder, Composer

_COMMENTED_KEY = re.compile(r"#\s*[a-z][a-z0-9_]*:(\s|$)")

def load_file(path: str | Path, display: str | None = None, recover: bool = False) -> LoadedPlan:
    """Load one plan file; problems come back as diagnostics, never as exceptions.

    With `recover`, a file with YAML errors still gives the values of the lines that could be
    read (`data`), with the blocks that lost lines named in `damaged`; without it, such a
    file has no data.
    """
    name = display if display is not None else str(path)
    raw = read_plan_bytes(path, name, MAX_BYTES)
    if isinstance(raw, Diagnostic):
        plan = LoadedPlan(name)
        plan.diagnostics.append(raw)
        return plan
    return load_bytes(raw, name, recover)


def load_bytes(raw: bytes, name: str, recover: bool = False) -> LoadedPlan:
    """Load a plan from the bytes of a file called `name` (see load_file for `recover`)."""
    plan = LoadedPlan(name)
    if len(raw) > MAX_BYTES:
        plan.diagnostics.append(error(
            "file-too-large", f"The file is over {MAX_BYTES // (1024 * 1024)} MiB, too large to be a plan.",
            name, Span.point(1, 1), hint="Check that this is the right file; split a very large plan in two."))
        return plan
    text = _decode(raw, plan)
    if text is None:
        return plan
    plan.text = text
    reading = read_past_errors(text, name, _report_odd_indentation(text, plan))
    plan.diagnostics.extend(reading.diagnostics)
    node = reading.node
    if not reading.read:
        return plan
    if node is None or (isinstance(node, yaml.ScalarNode) and not node.style and node.value in NULLS):
        if not reading.left_out:
            plan.diagnostics.append(_no_plan(text, name))
        return plan
    if not isinstance(node, yaml.MappingNode):
        if not reading.left_out:
            plan.diagnostics.append(error(
                "not-a-mapping", f"A plan must be a set of 'key: value' lines, but this file is {_node_kind(node)}.",
                name, node_span(node), hint="The file should start with lines such as 'title: ...' and 'status: draft'."))
        return plan
    builder = Builder(plan)
    with paused_gc():
        data = builder.build(node, None, 0)
    if builder.aliased:
        _report_aliases("\n".join("" if i in reading.left_out else line for i, line in enumerate(text.split("\n"))),
                        plan)
        return plan
    if len(text) > MAX_VALUE:  # no value can be longer than the file, nor all of them together
        plan.diagnostics.extend(long_texts(node, name, len(text)))
    plan.damaged = reading.damaged
    if reading.left_out and not recover:
        return plan
    plan.data = data
    plan.root = node
    return plan


def _no_plan(text: str, name: str) -> Diagnostic:
    if not text.strip():
        return error("empty-file", "The file is empty.", name, Span.point(1, 1),
                     hint="Start from a skeleton plan, or copy one of the example plans in plans/.")
    lines = text.split("\n")
    commented = next((i for i, line in enumerate(lines) if _COMMENTED_KEY.match(line)), None)
    if commented is not None:
        return error("empty-file", f"The file has no plan in it: its lines from line {commented + 1} are commented "
                     "out (they start with #).", name, Span.point(commented + 1, 1),
                     hint="Remove the # from the start of the lines that make up the plan.")
    return error("empty-file", "The file has no plan in it: every line is blank, a comment (starting with #) or "
                 "a '---' line.", name, Span.point(1, 1),
                 hint="Start from a skeleton plan, or copy one of the example plans in plans/.")


def _report_aliases(text: str, plan: LoadedPlan) -> None:
    """Report each use of an alias (*name) where it is written, using the parser's events."""
    parser = Composer(text)
    try:
        while (event := parser.get_event()) is not None:
            if isinstance(event, yaml.AliasEvent):
                mark = event.start_mark
                plan.diagnostics.append(error(
                    "yaml-alias", "An alias (*name) repeats a value anchored elsewhere with &name; plancc does not "
                    "accept anchors and aliases.", plan.file, Span.point(mark.line + 1, mark.column + 1),
                    value=f"*{event.anchor}", hint="Write the value out in full here, and remove the & and * names."))
    finally:
        parser.dispose()
    if not plan.diagnostics:  # pragma: no cover - the builder saw an alias the parser did not
        plan.diagnostics.append(error("yaml-alias", "The file uses YAML aliases, which plancc does not accept.",
                                      plan.file, Span.point(1, 1), hint="Write every value out in full."))


def _decode(raw: bytes, plan: LoadedPlan) -> str | None:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        plan.diagnostics.append(error(
            "not-utf8", "The file is saved as UTF-16; plans must be saved as UTF-8.", plan.file, Span.point(1, 1),
            hint="In your editor choose 'Save with encoding' and pick UTF-8."))
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1:].decode("utf-8", "replace")) + 1
        plan.diagnostics.append(error(
            "not-utf8", f"The file is not valid UTF-8: byte 0x{raw[exc.start]:02x} cannot be read.",
            plan.file, Span.point(line, column), value=f"0x{raw[exc.start]:02x}",
            hint="Save the file as UTF-8 (a character such as £ or an accented letter was saved in another encoding)."))
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:  # Windows' and old Macs' line ends are YAML line breaks: one form, so lines are counted alike
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        at = text.index("\x00")
        line = text.count("\n", 0, at) + 1
        column = at - text.rfind("\n", 0, at)
        plan.diagnostics.append(error("not-utf8", "The file contains a NUL character: it is not a plain text file.",
                                      plan.file, Span.point(line, column), hint="Check that this is the plan's YAML "
                                      "file; delete the invisible character (often pasted from another program)."))
        return None
    return text


_ODD_SPACES = {"\t": "a tab", "\u00a0": "non-breaking spaces", "\u2007": "figure spaces",
               "\u202f": "narrow non-breaking spaces", "\u3000": "ideographic spaces"}
_ODD_SPACE_RUN = re.compile("^[ \t\u00a0\u2007\u202f\u3000]*")


def _report_odd_indentation(text: str, plan: LoadedPlan) -> list[int]:
    """Report lines indented with tabs or non-breaking spaces; their numbers (from 0), which YAML cannot read."""
    if not any(ch in text for ch in _ODD_SPACES):
        return []
    found: list[int] = []
    lines = text.split("\n")
    for number, line in enumerate(lines):
        indent = _ODD_SPACE_RUN.match(line).group(0)  # type: ignore[union-attr]
        odd = next((ch for ch in indent if ch != " "), None)
        if odd is None or not line.strip():
            continue
        found.append(number)
        column = indent.index(odd) + 1
        fix = indent_fix(lines, number, odd=True)
        block = has_block(lines, number)
        if odd == "\t":
            message = "This line is indented with a tab; YAML needs spaces for indentation."
            hint = (fix.hint("Replace the indentation", block) + " Set your editor to insert spaces when you press Tab."
                    if fix else "Replace the tab with spaces (set your editor to insert spaces when you press Tab).")
        else:
            message = (f"This line is indented with {_ODD_SPACES[odd]}, often pasted from a word processor or a "
                       "web page; YAML needs ordinary spaces.")
            hint = (fix.hint("Delete the spaces at the start of the line and indent it again", block) if fix else
                    "Delete the spaces at the start of the line and type them again.")
        plan.diagnostics.append(error("yaml-tab" if odd == "\t" else "yaml-odd-space", message, plan.file,
                                      Span(number + 1, column, number + 1, len(indent) + 1), hint=hint))
    return found


def _node_kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return f"a single value ({node.value!r})" if isinstance(node, yaml.ScalarNode) else "not a mapping"
