"""Every rule's documentation in one shape: for `plancc explain`, `plancc rules`, the format reference and SARIF.

A rule's documentation is written like a cross-check rule's docstring: a one-line summary, then
paragraphs on what the rule finds and why it matters, then three labelled lines:

    Fails:   an example that breaks the rule
    Passes:  an example that keeps it
    Fix:     how to put it right

An example written after its label is words (or one line of YAML); one written on the lines below
its label, indented, is a block of YAML kept line for line. Cross-check rules keep their
documentation in their docstrings (plancc.rules); the rules of reading a file, checking it against
the schema and reading plancc.yml keep theirs in plancc.rules.loader_docs and plancc.rules.schema_docs.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from functools import lru_cache

LABELS = ("Fails", "Passes", "Fix")
_WIDTH = 96
_GAP = 9  # where the text after "Fails:", "Passes:" and "Fix:" starts
# Characters an example needs but a reader cannot see, and what stands for them when it is shown.
VISIBLE = {"\t": "→", "\u00a0": "·"}


@dataclass(frozen=True)
class Labelled:
    """A rule's example or fix: its text, and whether it is a block of YAML (kept line for line)."""

    text: str
    block: bool = False


@dataclass(frozen=True)
class RuleDoc:
    """One rule's documentation, read from its text."""

    id: str
    severity: str
    stage: str  # "load" (reading files, the schema and plancc.yml) or "check" (the cross-checks)
    summary: str
    paragraphs: tuple[str, ...]
    labelled: dict[str, Labelled] = field(default_factory=dict)

    @property
    def anchor(self) -> str:
        """The rule's anchor in the format reference."""
        return f"rule-{self.id}"

    @property
    def words(self) -> int:
        """How many words the documentation has (summary, paragraphs, examples and fix)."""
        parts = [self.summary, *self.paragraphs, *(item.text for item in self.labelled.values())]
        return sum(len(part.split()) for part in parts)

    @property
    def description(self) -> str:
        """What the rule finds and why it matters, as plain text (no examples)."""
        return "\n\n".join([self.summary, *self.paragraphs])


def parse(rule_id: str, severity: str, stage: str, text: str) -> RuleDoc:
    """Read a rule's documentation text (in the shape the module docstring describes)."""
    blocks = text.strip("\n").split("\n\n")
    summary = " ".join(line.strip() for line in blocks[0].split("\n"))
    paragraphs: list[str] = []
    labelled: dict[str, Labelled] = {}
    for block in blocks[1:]:
        rows = block.split("\n")
        if rows and rows[0].strip().startswith(tuple(f"{label}:" for label in LABELS)):
            labelled.update(_labelled(rows))
        elif block.strip():
            paragraphs.append(" ".join(row.strip() for row in rows if row.strip()))
    return RuleDoc(rule_id, severity, stage, summary, tuple(paragraphs), labelled)


def _labelled(rows: list[str]) -> dict[str, Labelled]:
    """The labelled lines of a documentation: each label's words, or its block of YAML."""
    found: dict[str, list[str]] = {}
    current = ""
    for row in rows:
        label, colon, rest = row.strip().partition(":")
        if colon and label in LABELS and not row[:1].isspace():
            current = label
            found[current] = [rest.strip()] if rest.strip() else []
        elif current:
            found[current].append(row)
    result = {}
    for label, lines in found.items():
        if lines and lines[0] and not lines[0][:1].isspace():  # words after the label, maybe wrapped
            result[label] = Labelled(" ".join(line.strip() for line in lines))
        else:
            result[label] = Labelled(_dedent(lines), block=True)
    return result


def _dedent(lines: list[str]) -> str:
    """A block's lines without the spaces they all start with (tabs and other characters are kept)."""
    margin = min((len(line) - len(line.lstrip(" ")) for line in lines if line.strip()), default=0)
    return "\n".join(line[margin:] for line in lines).strip("\n")


def visible(text: str) -> str:
    """An example as it is shown: tabs and non-breaking spaces as the marks VISIBLE gives them."""
    for character, mark in VISIBLE.items():
        text = text.replace(character, mark)
    return text


def _wrap(text: str, **indents: str) -> list[str]:
    """Text in lines of at most _WIDTH characters, broken only at spaces (never inside an id or a value)."""
    return textwrap.wrap(text, _WIDTH, break_long_words=False, break_on_hyphens=False, **indents)


def documentation(summary: str, why: str, fails: str, passes: str, fix: str, yaml: bool = True) -> str:
    """A rule's documentation text from its parts, in the shape the cross-check docstrings have; the
    examples are blocks of YAML, or words when `yaml` is false."""
    lines = [summary, "", *_wrap(why), ""]
    for label, example in (("Fails", fails), ("Passes", passes)):
        if yaml:
            lines += [f"{label}:", *("    " + row for row in example.split("\n"))]
        else:
            lines.append(f"{label}:".ljust(_GAP) + example)
    lines.append("Fix:".ljust(_GAP) + fix)
    return "\n".join(lines)


def explain_text(doc: RuleDoc) -> str:
    """A rule's documentation for a terminal: what `plancc explain RULE` prints."""
    lines = [f"{doc.id} ({doc.severity})", "", *_wrap(doc.summary), ""]
    for paragraph in doc.paragraphs:
        lines += [*_wrap(paragraph), ""]
    for label in LABELS:
        item = doc.labelled.get(label)
        if item is None:
            continue
        if item.block:
            lines += [f"{label}:", *("    " + row for row in visible(item.text).split("\n"))]
        else:
            lines += _wrap(visible(item.text), initial_indent=f"{label}:".ljust(_GAP), subsequent_indent=" " * _GAP)
    return "\n".join(lines).rstrip("\n") + "\n"


def markdown_lines(doc: RuleDoc) -> list[str]:
    """A rule's documentation in Markdown: its paragraphs, then what fails, what passes and how to fix it
    as a list (for the format reference and SARIF's help)."""
    from plancc.markdown_escape import code, escape

    lines = [escape(doc.summary), ""]
    for paragraph in doc.paragraphs:
        lines += [escape(paragraph), ""]
    for label in LABELS:
        item = doc.labelled.get(label)
        if item is None:
            continue
        if item.block:
            rows = visible(item.text).split("\n")
            lines += [f"- {label}:", "", "  ```yaml", *(f"  {row}".rstrip() for row in rows), "  ```"]
        else:
            lines.append(f"- {label}: " + (escape(item.text) if label == "Fix" else code(visible(item.text))))
    return [*lines, ""]


@lru_cache(maxsize=1)
def all_rule_docs() -> tuple[RuleDoc, ...]:
    """Every rule plancc reports: reading and schema rules first (in the order they apply), then the
    cross-checks by id."""
    from plancc.rules import all_rules
    from plancc.rules_loader_ids import LOADER_DOCS

    loading = [parse(d.id, d.severity, "load", d.text) for d in LOADER_DOCS]
    checks = [parse(r.id, str(r.severity), "check", r.doc) for r in all_rules()]
    return (*loading, *checks)


def find(rule_id: str) -> RuleDoc | None:
    """A rule's documentation by its id."""
    return next((doc for doc in all_rule_docs() if doc.id == rule_id), None)
