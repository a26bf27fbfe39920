"""The plan format in words and in YAML.

`format_reference()` is the officer's reference (docs/format.md): every section and field in the
schema's order, from its titles and descriptions, with examples from the example plans, then how
status is worked out (reference_status.py), then every rule with its severity and documentation;
the same schema and rules always give the same text.
Examples are written by plancc.yaml_writer.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from plancc.load.loader import load_bytes, load_file
from plancc.markdown_escape import code as _code, escape
from plancc.reference_status import contents_line, status_reference
from plancc.resources import data_dir
from plancc.skeleton import REFERENCE_DAY
from plancc.skeleton_kinds import kinds_reference
from plancc.validate.schema import Schema, plan_schema, resolve
from plancc.yaml_writer import to_yaml, with_written_numbers

Pattern = tuple[str, ...]  # a field's path with ITEM for list entries and FREE for free map keys
Examples = dict[Pattern, tuple[Any, str]]  # the first example of each field, and the plan it is from

ITEM = "[]"  # in a field's path: each entry of the list before it
FREE = "*"  # in a field's path: any key of a map with free keys (amounts by period)
Pattern = tuple[str, ...]


# Writing a plan as YAML
def collect_examples(plans_dir: Path | None) -> Examples:
    """Every field's values, first occurrence first: from the example plans (in file name order),
    then from the skeleton `plancc new` writes, for fields no example plan has."""
    from plancc.skeleton import REFERENCE_DAY, skeleton_text

    found: Examples = {}
    files = sorted(plans_dir.glob("*.yaml")) if plans_dir and plans_dir.is_dir() else []
    sources = [(load_file(f), f"plans/{f.name}") for f in files]
    sources.append((load_bytes(skeleton_text(REFERENCE_DAY, "").encode(), "skeleton"), "the skeleton"))
    for loaded, name in sources:
        if loaded.ok:
            _collect(with_written_numbers(loaded), plan_schema(), (), name, found)
    return found


def _base(raw: Schema, pattern: Pattern) -> Pattern:
    """Where the fields of a block are found: under its definition's name ("#target"), wherever the
    block sits, so that targets by area give examples for the fields of every target."""
    name = _ref_name(raw)
    return ("#" + name,) if name and resolve(raw).get("properties") else pattern


def _collect(value: Any, raw: Schema, pattern: Pattern, name: str, found: Examples) -> None:
    schema = resolve(raw)
    if pattern and pattern not in found:
        found[pattern] = (value, name)
    if isinstance(value, dict):
        named, free, base = schema.get("properties", {}), schema.get("additionalProperties"), _base(raw, pattern)
        for key, item in value.items():
            if key in named:
                _collect(item, named[key], base + (key,), name, found)
            elif isinstance(free, dict):
                _collect(item, free, base + (FREE,), name, found)
    elif isinstance(value, list):
        for item in value:
            _collect(item, schema.get("items", {}), pattern + (ITEM,), name, found)


def _shortened(value: Any) -> Any:
    """An example cut down to size: a list of entries to its first entry, long text to its first words."""
    if isinstance(value, list) and value and isinstance(value[0], (dict, list)):
        return [_shortened(value[0])]
    if isinstance(value, (list, dict)):
        return [_shortened(item) for item in value] if isinstance(value, list) else \
            {key: _shortened(item) for key, item in value.items()}
    if isinstance(value, str) and (len(value) > 90 or "\n" in value.rstrip("\n")):
        first = value.strip().split("\n")[0]
        return first if len(first) <= 90 else first[:90].rsplit(" ", 1)[0] + " …"
    return value


def example_lines(key: str, value: Any, name: str) -> list[str]:
    """The Markdown for one field's example, or nothing when it would be too long to read."""
    text = to_yaml({key: _shortened(value)}).rstrip("\n")
    where = f"Example (from {name}):" if name == "the skeleton" else f"Example (from `{name}`):"
    if "\n" not in text:
        return [f"- {where} {_code(text)}"]
    if text.count("\n") >= 12:
        return []
    return [f"- {where}", "", "  ```yaml", *("  " + line for line in text.split("\n")), "  ```"]


# Fields in words
BASIC_WORDS = {"string": "text", "integer": "a whole number", "number": "a number", "boolean": "true or false",
               "null": "nothing", "object": "a block of fields"}
# Definitions whose values are text of a particular form, named as the form.
DEF_WORDS = {"id": "an id", "ref": "an id", "markdown": "text, in Markdown",
             "date": "a date", "day_or_month": "a date or a month", "period": "a period", "due": "a due date",
             "percent_change": "a percentage change"}
# Patterns written into a field itself (not a definition), in words: (how the pattern starts, words).
PATTERN_WORDS = (("^(count|percent", "count, percent, pounds, score, days, or a rate such as per 1,000 population"),
                 ("^(all|", "all (the total over every period), or a period such as 2002/03 or 2002/03 Q1"),
                 ("^https?://", "a web address starting https:// (or http://)"),
                 ("^[^@", "an email address, such as community.safety@example.org"))


def _ref_name(raw: Schema) -> str | None:
    ref = raw.get("$ref")
    return ref.rsplit("/", 1)[-1] if isinstance(ref, str) else None


def _choice(values: list[Any]) -> str:
    return f"the word {values[0]}" if len(values) == 1 else "one of: " + ", ".join(str(v) for v in values)


def type_words(raw: Schema) -> str:
    """A field's type in words: "text", "a whole number", "one of: draft, approved, published", "a list of ..."."""
    name = _ref_name(raw)
    if name in DEF_WORDS:
        return DEF_WORDS[name]
    schema = resolve(raw)
    if "enum" in schema:
        return _choice(schema["enum"])
    if "anyOf" in schema:
        return ", or ".join(type_words(branch) for branch in schema["anyOf"])
    kind = schema.get("type")
    if isinstance(kind, list):
        return " or ".join(BASIC_WORDS.get(k, k) for k in kind)
    if kind == "array":
        return _list_words(schema.get("items", {}))
    if kind == "object" and not schema.get("properties") and isinstance(schema.get("additionalProperties"), dict):
        return _map_words(schema)
    if kind == "object":
        return "a block of fields (below)"
    return BASIC_WORDS.get(str(kind), "a value")


def _list_words(items: Schema) -> str:
    item = resolve(items)
    if item.get("properties"):
        return f"a list of entries ({item.get('title', 'item')}), each with the fields below"
    if item.get("type") == "array":
        return f"a list of lists, each of {type_words(item.get('items', {}))}"
    return f"a list; each item is {type_words(items)}"


def _map_words(schema: Schema) -> str:
    names = schema.get("propertyNames", {})
    keys = type_words(names) if "$ref" in names else _pattern_words(names.get("pattern", "")) or "text"
    return f"lines of key: value; the key is {keys}; the value is {type_words(schema['additionalProperties'])}"


def _pattern_words(pattern: str) -> str | None:
    for start, words in PATTERN_WORDS:
        if pattern.startswith(start):
            return words
    return f"written in the form the pattern {pattern} describes" if pattern else None


def form_words(raw: Schema) -> list[str]:
    """The form a field's value must take, and any limits on it, in words."""
    schema = resolve(raw)
    words: list[str] = []
    definition = plan_schema()["$defs"].get(_ref_name(raw) or "", {})
    if any(k in definition for k in ("pattern", "format", "anyOf")):
        if definition.get("description") != schema.get("description"):
            words.append(definition["description"])
    elif "pattern" in schema:
        words.append(_pattern_words(schema["pattern"]) or "")
    if schema.get("type") == "array" and isinstance(schema.get("items"), dict) and "$ref" in schema["items"]:
        item_def = plan_schema()["$defs"].get(_ref_name(schema["items"]) or "", {})
        if "pattern" in item_def:
            words.append(f"Each item: {item_def['description']}")
    limits = (("minLength", "must not be empty"), ("minItems", "at least {} items"), ("minimum", "at least {}"),
              ("exclusiveMinimum", "more than {}"), ("maximum", "at most {}"))
    for key, text in limits:
        if key in schema:
            words.append(text.format(schema[key]).replace("at least 1 items", "at least one item"))
    return [w for w in words if w]


# The reference, section by section
INTRO = """\
# The plan format

Every section and field a plan can have, in the order plancc writes them, then how plancc works
out the status of indicators and actions for a performance report, then every rule plancc checks a
plan against. `plancc docs` makes this page from the plan schema (`schemas/plan.schema.json`)
and plancc's rules: do not edit it by hand. For each field: what it means, the kind of value it
takes, whether a plan must have it, the form the value must take, and an example from the example
plans in `plans/` (or from the skeleton `plancc new` writes). "Where" says what a field sits inside."""


class _Reference:
    """The Markdown of the reference, field by field."""

    def __init__(self, examples: Examples) -> None:
        self.examples = examples
        self.lines: list[str] = []
        self.expanded: dict[str, tuple[str, str]] = {}  # definition -> (title, anchor) where its fields are

    def field(self, key: str, raw: Schema, pattern: Pattern, required: bool, found_at: Pattern) -> None:
        """One field's entry; `pattern` is where it sits in a plan, `found_at` where its examples are."""
        schema = resolve(raw)
        anchor = "field-" + "-".join(p for p in pattern if p not in (ITEM, FREE))
        level = "#" * min(6, 2 + len([p for p in pattern if p != ITEM]))
        self.lines += ["", f'<a id="{anchor}"></a>', "", f"{level} {schema.get('title', key)} (`{key}`)", ""]
        if len(pattern) > 1:
            self.lines += [f"Where: {_where(pattern)}", ""]
        if schema.get("description"):
            self.lines += [escape(schema["description"]), ""]
        self.lines.append(f"- Type: {escape(type_words(raw))}")
        self.lines.append(f"- Required: {'yes' if required else 'no'}")
        self.lines += [f"- Form: {escape(words)}" for words in form_words(raw)]
        self.lines += _item_lines(schema)
        if found_at in self.examples:
            self.lines += example_lines(key, *self.examples[found_at])
        self.children(raw, schema, (pattern, found_at), anchor)

    def children(self, raw: Schema, schema: Schema, where: tuple[Pattern, Pattern], anchor: str) -> None:
        """The fields inside a block, or inside each entry of a list; a block described before is linked to."""
        pattern, found_at = where
        entries = schema.get("type") == "array" and isinstance(schema.get("items"), dict)
        while schema.get("type") == "array" and isinstance(schema.get("items"), dict):  # a list (of lists) of
            raw, schema = schema["items"], resolve(schema["items"])
            pattern, found_at = pattern + (ITEM,), found_at + (ITEM,)
        block = next((b for b in schema.get("anyOf", []) if resolve(b).get("properties")), None)
        if block is not None:  # text, or a block of fields: the block's fields
            raw, schema = block, resolve(block)
        properties = schema.get("properties")
        if not properties:
            return
        name = _ref_name(raw)
        if name in self.expanded:
            title, first = self.expanded[name]
            which = "Each entry has" if entries else "It has"
            self.lines += ["", f"{which} the same fields as [{escape(title)}](#{first}) above."]
            return
        if name:
            self.expanded[name] = (schema.get("title", name), anchor)
        required, base = set(schema.get("required", [])), _base(raw, found_at)
        for key, sub in properties.items():
            self.field(key, sub, pattern + (key,), key in required, base + (key,))


def _where(pattern: Pattern) -> str:
    """Where a nested field sits: "`indicators` → each entry → `targets` → each entry"."""
    parts = [f"`{p}`" if p not in (ITEM, FREE) else "each entry" for p in pattern[:-1]]
    return " → ".join(parts)


def _item_lines(schema: Schema) -> list[str]:
    """For a list of plain values with a title of their own (an address line, a row, a cell), what each is."""
    lines: list[str] = []
    items = schema.get("items")
    while schema.get("type") == "array" and isinstance(items, dict) and "title" in items:
        lines.append(f"- Each item: {escape(items['title'])}: {escape(items.get('description', ''))}")
        schema, items = items, items.get("items")
    return lines


# The rules
def rule_doc_lines(doc: str) -> list[str]:
    """A rule's documentation (a docstring) in Markdown: its paragraphs, then what fails, what passes and
    how to fix it as a list."""
    from plancc.rule_docs import markdown_lines, parse

    return markdown_lines(parse("", "", "", doc))


def rules_lines() -> list[str]:
    """The reference's last section: every rule with its severity and documentation, each at its own
    anchor (rule-ID, where SARIF's helpUri points)."""
    from plancc.rule_docs import all_rule_docs, markdown_lines

    docs = all_rule_docs()
    lines = ["", '<a id="rules"></a>', "", "## Rules", "",
             "An error stops a plan from being published until it is corrected; a warning asks for a look. "
             "`plancc explain RULE` prints a rule's documentation.", "",
             "### Reading a file, checking it against the schema, and plancc.yml", "",
             "| Rule | Severity | What it means |", "| --- | --- | --- |"]
    lines += [f"| `{doc.id}` | {doc.severity} | {escape(doc.summary)} |" for doc in docs if doc.stage == "load"]
    for stage, heading in (("load", None), ("check", "### Cross-checks of figures, dates and references")):
        lines += ["", heading] if heading else []
        for doc in (d for d in docs if d.stage == stage):
            lines += ["", f'<a id="{doc.anchor}"></a>', "", f"#### `{doc.id}`", "", f"Severity: {doc.severity}",
                      "", *markdown_lines(doc)]
    return lines


def format_reference(plans_dir: Path | None = None) -> str:
    """The whole reference as Markdown, from the schema, the example plans in `plans_dir` (the
    repository's plans/ by default) and the rule registry."""
    root = resolve(plan_schema())
    reference = _Reference(collect_examples(data_dir("plans") if plans_dir is None else plans_dir))
    required = set(root.get("required", []))
    for key, raw in root["properties"].items():
        reference.field(key, raw, (key,), key in required, (key,))
    contents = ["## Contents", ""] + [f"- [{escape(resolve(raw).get('title', key))}](#field-{key})"
                                      for key, raw in root["properties"].items()]
    contents += [contents_line(), "- [Rules](#rules)"]
    contents.insert(2, "- [Kinds of document](#kinds-of-document)")
    lines = [INTRO, "", *contents, "", '<a id="kinds-of-document"></a>', "", *kinds_reference(REFERENCE_DAY),
             "## The plan, section by section", *reference.lines, *status_reference(), *rules_lines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).rstrip("\n") + "\n"  # no two blank lines in a row


