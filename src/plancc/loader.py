"""Load stage: read a plan's YAML, keeping where every value came from.

PyYAML (its C parser where available) composes the file into nodes; plancc then builds the
values itself, so that YAML 1.1 surprises never change what the officer meant: `no` is a word,
not false; `010` is not 8; `1.10` stays "1.10" where the field is text and keeps its digits
where it is a number; dates stay text for plancc to read, and a date that does not exist is a
diagnostic. Duplicate keys, tabs, aliases and the rest are reported with their positions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from plancc.diagnostics import Diagnostic, Span, error, warning
from plancc.loader_messages import explain_yaml_error
from plancc.schema import scalar_types_by_key

try:  # libyaml's C parser is several times faster; fall back to pure Python where it is missing
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Parser  # type: ignore[assignment]

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 64

Path_ = tuple[Any, ...]

_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_YES = frozenset({"yes", "Yes", "YES", "y", "Y", "on", "On", "ON"})
_NO = frozenset({"no", "No", "NO", "n", "N", "off", "Off", "OFF"})
_DATE = re.compile(r"(?:(?:by|from|before|after) )?([0-9]{4})-([0-9]{2})(?:-([0-9]{2}))?")
_COMMENTED_KEY = re.compile(r"#\s*[a-z][a-z0-9_]*:(\s|$)")
_BOOLISH = _YES | _NO | _TRUE | _FALSE
_NUMBER_START = frozenset("0123456789+-.")
_DUE_WORDS = ("by ", "from ", "before ", "after ")
_IMPLICIT = {yaml.ScalarNode: "tag:yaml.org,2002:str", yaml.SequenceNode: "tag:yaml.org,2002:seq",
             yaml.MappingNode: "tag:yaml.org,2002:map"}
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_STANDARD_TAGS = frozenset(f"tag:yaml.org,2002:{name}"
                           for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map"))


@dataclass
class LoadedPlan:
    """A plan file as loaded: its data, where each value came from, and what went wrong.

    `nodes` and `key_nodes` map a data path such as ("actions", 3, "due") to the YAML node of
    that value or key; spans are worked out from them only when a diagnostic needs one.
    """

    file: str
    text: str | None = None
    data: Any = None
    nodes: dict[Path_, yaml.Node] = field(default_factory=dict)
    key_nodes: dict[Path_, yaml.Node] = field(default_factory=dict)
    numbers: dict[Path_, str] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when the file was read into a mapping (there may still be diagnostics)."""
        return isinstance(self.data, dict)

    def span(self, path: Path_) -> Span | None:
        """The span of the value at exactly `path`."""
        node = self.nodes.get(tuple(path))
        return _span(node) if node is not None else None

    def key_span(self, path: Path_) -> Span | None:
        """The span of the key whose value is at `path`."""
        node = self.key_nodes.get(tuple(path))
        return _span(node) if node is not None else None

    def span_of(self, path: Path_) -> Span | None:
        """The span of the value at `path`, or of its nearest enclosing value."""
        path = tuple(path)
        while path not in self.nodes and path:
            path = path[:-1]
        return self.span(path)


class _Composer(_Parser):  # type: ignore[misc,valid-type]
    """PyYAML's parser and composer without its YAML 1.1 guessing of types: plancc reads values itself."""

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        return _IMPLICIT[kind]

    def descend_resolver(self, parent: Any, index: Any) -> None:
        """No path-based type guessing either."""

    def ascend_resolver(self) -> None:
        """No path-based type guessing either."""


def _compose(text: str) -> yaml.Node | None:
    composer = _Composer(text)
    try:
        return composer.get_single_node()
    finally:
        composer.dispose()


def load_file(path: str | Path, display: str | None = None) -> LoadedPlan:
    """Load one plan file; problems come back as diagnostics, never as exceptions."""
    name = display if display is not None else str(path)
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        plan = LoadedPlan(name)
        plan.diagnostics.append(error("file-unreadable", f"The file could not be opened: {exc.strerror}.",
                                      name, hint="Check the file name and that you may read it."))
        return plan
    return load_bytes(raw, name)


def load_bytes(raw: bytes, name: str) -> LoadedPlan:
    """Load a plan from the bytes of a file called `name`."""
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
    if _report_odd_indentation(text, plan):
        return plan
    try:
        node = _compose(text)
    except yaml.YAMLError as exc:
        plan.diagnostics.append(explain_yaml_error(exc, name, text))
        return plan
    except RecursionError:
        plan.diagnostics.append(error("yaml-syntax", "The file is nested too deeply to be read.", name,
                                      Span.point(1, 1), hint="Plans are never nested this deeply; check the brackets."))
        return plan
    if node is None or (isinstance(node, yaml.ScalarNode) and not node.style and node.value in _NULLS):
        plan.diagnostics.append(_no_plan(text, name))
        return plan
    if not isinstance(node, yaml.MappingNode):
        plan.diagnostics.append(error(
            "not-a-mapping", f"A plan must be a set of 'key: value' lines, but this file is {_node_kind(node)}.",
            name, _span(node), hint="The file should start with lines such as 'title: ...' and 'status: draft'."))
        return plan
    builder = _Builder(plan)
    data = builder.build(node, (), None, 0)
    if builder.aliased:
        _report_aliases(text, plan)
        return plan
    plan.data = data
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
    parser = _Composer(text)
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


def _report_odd_indentation(text: str, plan: LoadedPlan) -> bool:
    """Report lines indented with tabs or non-breaking spaces; True when YAML cannot be read past them."""
    if not any(ch in text for ch in _ODD_SPACES):
        return False
    found = False
    for number, line in enumerate(text.split("\n"), start=1):
        indent = _ODD_SPACE_RUN.match(line).group(0)  # type: ignore[union-attr]
        odd = next((ch for ch in indent if ch != " "), None)
        if odd is None:
            continue
        found = True
        column = indent.index(odd) + 1
        if odd == "\t":
            message = "This line is indented with a tab; YAML needs spaces for indentation."
            hint = "Replace the tab with spaces (set your editor to insert spaces when you press Tab)."
        else:
            message = f"This line is indented with {_ODD_SPACES[odd]}, often pasted from a word processor or a web page; YAML needs ordinary spaces."
            hint = "Delete the spaces at the start of the line and type them again."
        plan.diagnostics.append(error("yaml-tab" if odd == "\t" else "yaml-odd-space", message, plan.file,
                                      Span(number, column, number, len(indent) + 1), hint=hint))
    return found


def _node_kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return f"a single value ({node.value!r})" if isinstance(node, yaml.ScalarNode) else "not a mapping"


def _span(node: yaml.Node) -> Span:
    start, end = node.start_mark, node.end_mark
    if end.line > start.line and end.column == 0:  # block values end at the start of the next line
        return Span(start.line + 1, start.column + 1, start.line + 1, start.column + 2)
    return Span(start.line + 1, start.column + 1, end.line + 1, end.column + 1)


class _Builder:
    """Build plain values from YAML nodes, recording where each came from and reporting mistakes."""

    def __init__(self, plan: LoadedPlan) -> None:
        self.plan = plan
        self.types = scalar_types_by_key()
        self.text_keys = frozenset(k for k, t in self.types.items() if t == {"string"})
        self.seen: set[int] = set()
        self.aliased = False

    def build(self, node: yaml.Node, path: Path_, key: str | None, depth: int) -> Any:
        if depth > MAX_DEPTH:
            self._error("yaml-too-deep", f"Values are nested more than {MAX_DEPTH} levels deep here.", node,
                        "Plans are never nested this deeply; check the indentation.")
            return None
        if id(node) in self.seen:  # the composer shares one node between an anchor and its aliases
            self.aliased = True
            return None
        self.seen.add(id(node))
        self.plan.nodes[path] = node
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, path, key)
        if node.tag not in _STANDARD_TAGS:
            self._bad_tag(node)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, key, depth)
        return [self.build(item, path + (index,), key, depth + 1) for index, item in enumerate(node.value)]

    def _mapping(self, node: yaml.MappingNode, path: Path_, parent_key: str | None, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        key_nodes = self.plan.key_nodes
        repeated: list[tuple[yaml.Node, yaml.Node]] = []
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self._error("yaml-complex-key", "A key must be a plain word, not a list or a mapping.", key_node,
                            "Write keys as simple words such as 'title:'.")
                continue
            key = key_node.value
            child = path + (key,)
            if key == "<<":
                self.aliased = True
                continue
            if key in result:
                repeated.append((key_nodes[child], key_node))
                continue
            key_nodes[child] = key_node
            context = key if key in self.types or parent_key is None else parent_key + ".*"
            result[key] = self.build(value_node, child, context, depth + 1)
        if repeated:
            self._duplicates(repeated, in_list=bool(path) and isinstance(path[-1], int))
        return result

    def _duplicates(self, repeated: list[tuple[yaml.Node, yaml.Node]], in_list: bool) -> None:
        """One diagnostic for the keys repeated in one block, with the likeliest fix."""
        first, again = repeated[0]
        first_line = _span(first).line
        if len(repeated) == 1:
            message = f"The key '{again.value}' appears twice in the same block; the first is on line {first_line}."
        else:
            others = ", ".join(f"'{k.value}'" for _, k in repeated[1:])
            message = (f"The key '{again.value}' appears again here (first on line {first_line}), and so do "
                       f"{others}.")
        if in_list and len(repeated) > 1:
            hint = (f"If a new item of the list starts on line {_span(again).line}, begin it with '- ' "
                    f"(e.g. '- {again.value}: ...'), lined up with the '- ' of the item above.")
        else:
            hint = "Delete one of them, or merge what they say. (Most YAML readers silently keep only the last.)"
        self._error("yaml-duplicate-key", message, again, hint, value=again.value)

    def _scalar(self, node: yaml.ScalarNode, path: Path_, key: str | None) -> Any:
        value: str = node.value
        if node.tag != _IMPLICIT[yaml.ScalarNode] and node.tag not in _STANDARD_TAGS:
            self._bad_tag(node)
            return value
        if node.style:  # quoted, literal (|) or folded (>): always text
            self._check_date(value, node)
            return value
        if value in _NULLS:
            return None
        if key in self.text_keys:
            if value[0] in _NUMBER_START:
                self._check_date(value, node)
                if _INT.fullmatch(value) or _FLOAT.fullmatch(value):
                    self._warn_unquoted(value, node)
            elif value in _BOOLISH:
                self._warn_unquoted(value, node)
            else:
                self._check_date(value, node)
            return value
        types = self.types.get(key or "", frozenset())
        if value in _TRUE or ("boolean" in types and value in _YES):
            return True
        if value in _FALSE or ("boolean" in types and value in _NO):
            return False
        if value[0] in _NUMBER_START and ("number" in types or not types):
            if _INT.fullmatch(value):
                self.plan.numbers[path] = value
                digits = value.lstrip("+-")
                if len(digits) > 1 and digits.startswith("0"):
                    self._warn_leading_zero(value, node)
                return int(value)
            if _FLOAT.fullmatch(value):
                self.plan.numbers[path] = value
                return float(value)
        self._check_date(value, node)
        return value

    def _check_date(self, value: str, node: yaml.Node) -> None:
        if len(value) < 7 or not (value[0].isdigit() or value.startswith(_DUE_WORDS)):
            return
        for part in value.split(" to "):
            match = _DATE.fullmatch(part)
            if match:
                problem = _date_problem(int(match.group(1)), int(match.group(2)), match.group(3))
                if problem:
                    self._error("invalid-date", f"'{part}' is not a real date: {problem}.", node,
                                "Write dates as YYYY-MM-DD (2002-04-26) or months as YYYY-MM (2002-05).", value)

    def _bad_tag(self, node: yaml.Node) -> None:
        shown = str(node.tag).replace("tag:yaml.org,2002:", "!!")
        self._error("yaml-tag", f"The YAML tag '{shown}' is not accepted in a plan.", node,
                    "Remove the tag (the word starting with !) and write the value plainly.")

    def _warn_unquoted(self, value: str, node: yaml.Node) -> None:
        kind = "a number" if value[-1:].isdigit() else "true or false"
        self.plan.diagnostics.append(warning(
            "yaml-unquoted-text", f"plancc reads {value} here as the text '{value}', but editors and other YAML tools "
            f"read it as {kind}.", self.plan.file, _span(node), value=value, hint=f"Put it in double quotes: \"{value}\"."))

    def _warn_leading_zero(self, value: str, node: yaml.Node) -> None:
        self.plan.diagnostics.append(warning(
            "yaml-leading-zero", f"{value} starts with a zero; plancc reads it as {int(value)}, but some YAML tools "
            "read a leading zero as an octal number.", self.plan.file, _span(node), value=value,
            hint=f"Write {int(value)} without the leading zero."))

    def _error(self, rule: str, message: str, node: yaml.Node, hint: str, value: Any = None) -> None:
        self.plan.diagnostics.append(error(rule, message, self.plan.file, _span(node), value=value, hint=hint))


def _date_problem(year: int, month: int, day: str | None) -> str | None:
    """Why year-month(-day) is not a real date, or None when it is."""
    if not 1 <= month <= 12:
        return f"there is no month {month}"
    if day is None:
        return None
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    days = (31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1]
    if not 1 <= int(day) <= days:
        return f"{_MONTHS[month - 1]} {year} has {days} days"
    return None
