"""Reading YAML values as the officer meant them.

PyYAML's C parser composes the file into nodes without guessing types; the builder here then
reads each value itself, guided by the schema's types: `no` is a word, not false; `010` is
not 8; `1.10` stays "1.10" where the field is text; dates stay text for plancc to read, and a
date that does not exist is a diagnostic. Duplicate keys, tags and aliases are reported.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

import re
from typing import Any

import yaml

from plancc.diagnostics import error, warning
from plancc.validate.schema import scalar_types_by_key
from plancc.load.source import LoadedPlan, node_span

try:  # libyaml's C parser is several times faster; fall back to pure Python where it is missing
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Parser  # type: ignore[assignment]

MAX_DEPTH = 64
_STAR = re.compile(r"\*[^\s*]")  # starts with a literal, so the regex engine scans fast


def _may_hold_alias(text: str) -> bool:
    """Whether the text could hold an alias: a * starting a value (after a space, [, { or a comma)."""
    return any(m.start() == 0 or text[m.start() - 1] in " \t\n[{," for m in _STAR.finditer(text))


_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_YES = frozenset({"yes", "Yes", "YES", "y", "Y", "on", "On", "ON"})
_NO = frozenset({"no", "No", "NO", "n", "N", "off", "Off", "OFF"})
_DATE = re.compile(r"(?:(?:by|from|before|after) )?([0-9]{4})-([0-9]{2})(?:-([0-9]{2}))?")
_BOOLISH = _YES | _NO | _TRUE | _FALSE
# Numbers in YAML 1.2 beyond plain decimals: octal, hexadecimal, infinity and not-a-number
_YAML12_OTHER_NUMBER = re.compile(r"0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)")
# Numbers only in YAML 1.1: base 60 (12:30 is 750) and digits grouped with underscores (1_000)
_SEXAGESIMAL = re.compile(r"[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*")
_UNDERSCORED = re.compile(r"[-+]?(?:0|[1-9][0-9_]*)|[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)?")
_NUMBER_START = frozenset("0123456789+-.")
_DUE_WORDS = ("by ", "from ", "before ", "after ")
_IMPLICIT = {yaml.ScalarNode: "tag:yaml.org,2002:str", yaml.SequenceNode: "tag:yaml.org,2002:seq",
             yaml.MappingNode: "tag:yaml.org,2002:map"}
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_STANDARD_TAGS = frozenset(f"tag:yaml.org,2002:{name}"
                           for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map"))


class Composer(_Parser):  # type: ignore[misc,valid-type]
    """PyYAML's parser and composer without its YAML 1.1 guessing of types: plancc reads values itself."""

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        return _IMPLICIT[kind]

    def descend_resolver(self, parent: Any, index: Any) -> None:
        """No path-based type guessing either."""

    def ascend_resolver(self) -> None:
        """No path-based type guessing either."""


def compose(text: str) -> yaml.Node | None:
    """The YAML node tree of a document (None for an empty one)."""
    composer = Composer(text)
    try:
        return composer.get_single_node()
    finally:
        composer.dispose()


class Builder:
    """Build plain values from YAML nodes, recording where each came from and reporting mistakes."""

    def __init__(self, plan: LoadedPlan) -> None:
        self.plan = plan
        self.types = scalar_types_by_key()
        self.text_keys = frozenset(k for k, t in self.types.items() if t == {"string"})
        self.list_keys = frozenset(k for k, t in self.types.items() if "array" in t)
        self.seen: set[int] = set()
        # An alias shows as one node reached twice; tracking every node costs time, so it is done only
        # where the text could hold an alias at all.
        self.track = plan.text is None or _may_hold_alias(plan.text)
        self.aliased = False

    def build(self, node: yaml.Node, key: str | None, depth: int) -> Any:
        if depth > MAX_DEPTH:
            self._error("yaml-too-deep", f"Values are nested more than {MAX_DEPTH} levels deep here.", node,
                        "Plans are never nested this deeply; check the indentation.")
            return None
        if self.track:
            if id(node) in self.seen:  # the composer shares one node between an anchor and its aliases
                self.aliased = True
                return None
            self.seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, key)
        if node.tag not in _STANDARD_TAGS:
            self._bad_tag(node)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, key, depth)
        return [self.build(item, key, depth + 1) for item in node.value]

    def _mapping(self, node: yaml.MappingNode, parent_key: str | None, depth: int, in_list: bool = False) -> dict[str, Any]:
        result: dict[str, Any] = {}
        key_nodes: dict[str, yaml.Node] = {}
        repeated: list[tuple[yaml.Node, yaml.Node]] = []
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self._error("yaml-complex-key", "A key must be a plain word, not a list or a mapping.", key_node,
                            "Write keys as simple words such as 'title:'.")
                continue
            key = key_node.value
            if key == "<<" and not key_node.style:  # plain <<: a merge key to YAML 1.1 tools
                self._error("yaml-alias", "The key '<<' merges another block into this one (a YAML merge key); plancc "
                            "does not accept merge keys, anchors or aliases.", key_node,
                            "Remove the '<<' line and write out in full the keys and values it would bring in.")
                continue
            if key in result:
                repeated.append((key_nodes[key], key_node))
                continue
            key_nodes[key] = key_node
            context = key if key in self.types or parent_key is None else parent_key + ".*"
            result[key] = self.build(value_node, context, depth + 1)
        if repeated:
            self._duplicates(repeated, in_list=parent_key is not None and parent_key in self.list_keys)
        return result

    def _duplicates(self, repeated: list[tuple[yaml.Node, yaml.Node]], in_list: bool) -> None:
        """One diagnostic for the keys repeated in one block, with the likeliest fix."""
        first, again = repeated[0]
        first_line = node_span(first).line
        if len(repeated) == 1:
            message = duplicate_key_message(again.value, first_line)
        else:
            others = ", ".join(f"'{k.value}'" for _, k in repeated[1:])
            message = (f"The key '{again.value}' appears again here (first on line {first_line}), and so do "
                       f"{others}.")
        dash = self._dash_column(first)
        if in_list and len(repeated) > 1 and dash is not None:
            line = node_span(again).line
            hint = (f"If a new item of the list starts on line {line}, begin that line with '- ' lined up with the "
                    f"'- ' of the item above: with {dash} spaces before the '- ', as '{' ' * dash}- {again.value}: "
                    "...'.")
        else:
            hint = duplicate_key_hint()
        self._error("yaml-duplicate-key", message, again, hint, value=again.value)

    def _dash_column(self, key: yaml.Node) -> int | None:
        """The column (from 0) of the '- ' that starts the list item whose first key is `key`, if it is one."""
        lines = (self.plan.text or "").split("\n")
        mark = key.start_mark
        if mark.line >= len(lines):
            return None
        before = lines[mark.line][:mark.column].rstrip()
        return len(before) - 1 if before.endswith("-") and not before[:-1].strip(" -") else None

    def _scalar(self, node: yaml.ScalarNode, key: str | None) -> Any:
        value: str = node.value
        if node.tag != _IMPLICIT[yaml.ScalarNode] and node.tag not in _STANDARD_TAGS:
            self._bad_tag(node)
            return value
        if node.style:  # quoted, literal (|) or folded (>): always text
            self._check_date(value, node)
            return value
        if value in NULLS:
            return None
        if key in self.text_keys:
            if value[0] in _NUMBER_START:
                self._check_date(value, node)
            elif value not in _BOOLISH:
                self._check_date(value, node)
                return value
            reading = other_reading(value)
            if reading is not None:
                self._warn_unquoted(value, node, *reading)
            return value
        types = self.types.get(key or "", frozenset())
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
        if "boolean" in types and value in _YES | _NO:
            self._warn_boolean_word(value, node)
            return value in _YES
        if value[0] in _NUMBER_START and ("number" in types or not types):
            if (_INT.fullmatch(value) or _FLOAT.fullmatch(value)) and not figure_in_range(value):
                self._error("figure-range", f"{_shortened(value)} is outside the figures a plan can hold: at most "
                            f"{MAX_FIGURE_WORDS} either side of 0, with at most {MAX_DIGITS} digits and 12 decimal "
                            "places.", node,
                            "Check the figure: write it as it is printed, e.g. 1385077 or 10.88.", _shortened(value))
                return value  # kept as text, so that no later stage works with it
            if _INT.fullmatch(value):
                digits = value.lstrip("+-")
                if len(digits) > 1 and digits.startswith("0"):
                    self._warn_leading_zero(value, node)
                return int(value)
            if _FLOAT.fullmatch(value):
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

    def _warn_unquoted(self, value: str, node: yaml.Node, meaning: str, editors_too: bool) -> None:
        if editors_too:
            said = (f"plancc reads {value} here as the text '{value}', but editors (YAML 1.2) and other YAML tools "
                    f"read it as {meaning}.")
        else:
            said = (f"plancc and editors (YAML 1.2) read {value} here as the text '{value}', but older YAML tools "
                    f"(YAML 1.1, such as Python's PyYAML) read it as {meaning}.")
        self.plan.diagnostics.append(warning("yaml-unquoted-text", said, self.plan.file, node_span(node), value=value,
                                             hint=f"Put it in double quotes: \"{value}\"."))

    def _warn_boolean_word(self, value: str, node: yaml.Node) -> None:
        meant = "true" if value in _YES else "false"
        self.plan.diagnostics.append(warning(
            "yaml-boolean-word", f"plancc reads {value} here as {meant}, but editors (YAML 1.2, as in VS Code) read it "
            f"as the text '{value}' and mark it as an error: in YAML 1.2 only true and false are yes/no values.",
            self.plan.file, node_span(node), value=value, hint=f"Write {meant}."))

    def _warn_leading_zero(self, value: str, node: yaml.Node) -> None:
        self.plan.diagnostics.append(warning(
            "yaml-leading-zero", f"{value} starts with a zero; plancc reads it as {int(value)}, but some YAML tools "
            "read a leading zero as an octal number.", self.plan.file, node_span(node), value=value,
            hint=f"Write {int(value)} without the leading zero."))

    def _error(self, rule: str, message: str, node: yaml.Node, hint: str, value: Any = None) -> None:
        self.plan.diagnostics.append(error(rule, message, self.plan.file, node_span(node), value=value, hint=hint))


def other_reading(value: str) -> tuple[str, bool] | None:
    """What other YAML tools read a plain value as, where it is not text to them; and whether YAML 1.2 editors do.

    (what it is read as, True when YAML 1.2 editors read it so as well as YAML 1.1 tools), or None.
    """
    if value in _TRUE or value in _FALSE:
        return "true or false", True
    if value in _YES or value in _NO:
        return ("true" if value in _YES else "false"), False
    if _INT.fullmatch(value) or _FLOAT.fullmatch(value) or _YAML12_OTHER_NUMBER.fullmatch(value):
        return "a number", True
    if _SEXAGESIMAL.fullmatch(value):
        number = _base_sixty(value)
        return (f"the number {number}" if number else "a number") + \
            " (YAML 1.1 reads digits separated by colons in base 60, as times)", False
    if "_" in value and _UNDERSCORED.fullmatch(value):
        return f"the number {value.replace('_', '')}", False
    return None


def _base_sixty(value: str) -> str | None:
    """The number YAML 1.1 reads digits separated by colons as; None when it would be too long to show."""
    sign = -1 if value.startswith("-") else 1
    whole, _, fraction = value.lstrip("+-").partition(".")
    if len(whole) > 30 or len(fraction) > 30:
        return None
    total = 0
    for part in whole.replace("_", "").split(":"):
        total = total * 60 + int(part)
    return str(sign * total) + (f".{fraction.replace('_', '')}" if fraction else "")


def duplicate_key_message(key: str, first_line: int) -> str:
    return f"The key '{key}' appears twice in the same block; the first is on line {first_line}."


def duplicate_key_hint() -> str:
    return "Delete one of them, or merge what they say. (Most YAML readers silently keep only the last.)"


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


MAX_FIGURE_WORDS = "a thousand million million (1,000,000,000,000,000)"
MAX_DIGITS = 30


def figure_in_range(text: str) -> bool:
    """Whether a number as written is one a plan can hold: finite, under 10^15 either side of 0, written with at
    most 30 digits and no more than 12 decimal places (beyond that, working with it could take hours or fail)."""
    if sum(ch.isdigit() for ch in text.partition("e")[0].partition("E")[0]) > MAX_DIGITS:
        return False  # leading zeros count: 5,000 of them would stop int() reading it
    try:
        number = Decimal(text.replace("_", ""))
    except InvalidOperation:
        return True  # not a number to Decimal: left to the schema
    if not number.is_finite():
        return False
    exponent = number.as_tuple().exponent
    return (number.is_zero() or number.adjusted() < 15) and len(number.as_tuple().digits) <= MAX_DIGITS \
        and isinstance(exponent, int) and exponent >= -12


def _shortened(value: str) -> str:
    return value if len(value) <= 40 else value[:37] + "..."
