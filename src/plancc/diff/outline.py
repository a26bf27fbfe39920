"""A plan's own sections as the page shows them, for the diff: each with the number its heading
carries, the paragraphs of its text with their numbers, and the blocks it holds in order.

Numbers follow the page (render/sections.py, whose heading and paragraph rules are used here):
`numbering: sections` numbers sections 1, 1.1; `numbering: paragraphs` numbers each section's
paragraphs too (2.1, 2.2), and there a subsection has no number of its own, its paragraphs carrying
on from its section's; a heading that carries its own number is never numbered twice, and
appendices are not numbered. tests/test_diff.py checks these numbers against the page's.

A section is known by its id, or else its heading; a block placed in it (an indicator, an action
group, the risk register, the funding table, a chart, a comparison) by what it places.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from plancc.diff import words
from plancc.diff.changes import keyed
from plancc.model.plan import Plan
from plancc.render.markdown import markdown
from plancc.render.sections import Count, numbered, section_number

_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_TOP_PARAGRAPH = re.compile(r"^<p>", flags=re.M)


@dataclass(frozen=True)
class Paragraph:
    """One paragraph (or list, or other block of text between blank lines) of a section's text."""

    text: str
    number: str  # '2.3' where the page numbers it; '' where it does not (a list, or no numbering)

    @property
    def flat(self) -> str:
        return " ".join(self.text.split())


@dataclass(frozen=True)
class Block:
    """What a section holds, in order: text, a table, or a part placed in it."""

    kind: str  # 'text', 'table', or what is placed: 'indicator', 'chart', 'actions', 'risks', 'finance', ...
    value: Any
    path: tuple[Any, ...]
    numbers: tuple[str, ...] = ()  # a text's paragraph numbers, where the page numbers them

    @property
    def key(self) -> str:
        """What a placed part is known by: 'indicator:all-crime', 'risks'."""
        if self.value is True:
            return self.kind
        if self.kind == "comparison" and isinstance(self.value, dict):  # index 0 is the default
            return f"comparison:{self.value.get('indicator')}/{self.value.get('index') or 0}"
        value = self.value if isinstance(self.value, str) else json.dumps(self.value, sort_keys=True, default=str)
        return f"{self.kind}:{value}"


@dataclass
class Section:
    key: str  # its id, or its heading
    title: str
    number: str  # as its heading shows it: '2', '2.1', or ''
    raw: dict[str, Any]
    path: tuple[Any, ...]
    parent: Section | None
    blocks: list[Block] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)

    @property
    def label(self) -> str:
        """"'2 Performance'", "'Background'"."""
        return words.quoted(f"{self.number} {self.title}" if self.number else self.title, 80)

    @property
    def name(self) -> str:
        """How a sentence says where something is: 'section 2', "section 'Background'"."""
        return f"section {self.number}" if self.number else f"section {words.quoted(self.title)}"

    @property
    def place(self) -> str:
        """Where it sits: 'at the top level', or 'in section 2' for a subsection."""
        return f"in {self.parent.name}" if self.parent else "at the top level"


class _Walker:
    def __init__(self, numbering: str) -> None:
        self.numbering = numbering
        self.found: list[Section] = []

    def sections(self, items: list[dict[str, Any]], path: tuple[Any, ...], prefix: str, parent: Section | None,
                 appendix: bool | None, within: Count | None = None) -> list[Section]:
        return [self.section(raw, path + (i,), f"{prefix}{n}", parent, within) for i, raw, n in numbered(items, appendix)]

    def section(self, raw: dict[str, Any], path: tuple[Any, ...], auto: str, parent: Section | None,
                within: Count | None) -> Section:
        title = raw["title"]
        number, count = section_number(raw, auto, self.numbering, within)
        section = Section(raw.get("id") or " ".join(title.split()), title, number, raw, path, parent)
        self.found.append(section)
        if raw.get("body"):
            self.text(section, raw["body"], path + ("body",), count)
        if raw.get("table"):
            section.blocks.append(Block("table", raw["table"], path + ("table",)))
        for j, block in enumerate(raw.get("content", [])):
            kind, value = next(iter(block.items()))
            if kind == "text":
                self.text(section, value, path + ("content", j, "text"), count)
            else:
                section.blocks.append(Block(kind, value, path + ("content", j, kind)))
        section.children = self.sections(raw.get("sections", []), path + ("sections",), f"{auto}.", section, None,
                                         count)
        return section

    def text(self, section: Section, text: str, path: tuple[Any, ...], count: Count) -> None:
        """Its paragraphs, numbered as the page numbers them where it does."""
        parts = [p for p in _BLANK_LINE.split(text.strip("\n")) if p.strip()]
        known = len(section.paragraphs)
        self.paragraphs(section, parts, text, count)
        numbers = tuple(p.number for p in section.paragraphs[known:] if p.number)
        section.blocks.append(Block("text", text, path, numbers))

    def paragraphs(self, section: Section, parts: list[str], text: str, count: Count) -> None:
        if self.numbering != "paragraphs" or not count.prefix:
            section.paragraphs += [Paragraph(p, "") for p in parts]
            return
        each = [len(_TOP_PARAGRAPH.findall(markdown(p))) for p in parts]
        whole = len(_TOP_PARAGRAPH.findall(markdown(text)))
        for part, many in zip(parts, each):
            first, count.paragraphs = count.paragraphs + 1, count.paragraphs + many
            label = "" if not many or sum(each) != whole else (
                f"{count.prefix}.{first}" + (f"–{count.prefix}.{count.paragraphs}" if many > 1 else ""))
            section.paragraphs.append(Paragraph(part, label))
        count.paragraphs += whole - sum(each)  # as the page counts, should a part read differently alone


def outline(plan: Plan) -> dict[str, Section]:
    """Every section, subsections included, by its key (a repeated key as 'key#2'), in the page's order."""
    walker = _Walker(plan.data.get("numbering", "as-printed"))
    raw = plan.data.get("sections", [])
    walker.sections(raw, ("sections",), "", None, False)
    walker.sections(raw, ("sections",), "A", None, True)
    return keyed(walker.found, lambda s: s.key)


def numbers(plan: Plan) -> list[tuple[str, str, list[str]]]:
    """(heading, number, paragraph numbers) of every section, as the page shows them: for the test."""
    return [(s.title, s.number, [p.number for p in s.paragraphs if p.number]) for s in outline(plan).values()]
