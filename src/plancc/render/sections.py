"""A document's own sections, in its own order: nested sections, numbered as printed or by plancc, each
holding text, tables, charts and the structured parts placed in it.

A structured part placed in a section (an indicator, an action group, the risk register, the funding
table, an indicator's comparison with other areas) is shown there and not again in its own part of the
page; it is still checked and still in the open data, since placing it changes only where the page shows it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

from plancc.model.plan import Plan
from plancc.render.charts import chart
from plancc.render.markdown import markdown

MAX_LEVEL = 6  # sections start at h2; deeper subsections stay h6
_TOP_PARAGRAPH = re.compile(r"^<p>", flags=re.M)
_NUMBERED_TITLE = re.compile(r"^\s*(?:\d+[A-Za-z]?(?:\.\d+)*[.)]?|[A-Z][.)])\s")


@dataclass
class Placed:
    """The structured parts that sections place, so that the page does not show them twice."""

    indicators: set[str] = field(default_factory=set)
    action_groups: set[str] = field(default_factory=set)
    risks: bool = False
    finance: bool = False


def title_has_number(title: str) -> bool:
    """Whether a heading already carries the document's own number ("10. Contribution to the LAA")."""
    return bool(_NUMBERED_TITLE.match(title))


def number_paragraphs(html: Markup, prefix: str, start: int) -> tuple[Markup, int]:
    """Number each top-level paragraph of a section's text (2.1, 2.2 ...), as committee reports do."""
    count = start

    def numbered(_: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return f'<p class="numbered"><span class="para-number">{prefix}.{count}</span> '

    return Markup(_TOP_PARAGRAPH.sub(numbered, str(html))), count  # noqa: S704 - adds only our own markup


def _cell(plan: Plan, value: Any, path: tuple[Any, ...]) -> dict[str, Any]:
    """A table cell: its text (a number with the digits it was written with), a list, its spans."""
    if isinstance(value, dict):
        inner = value.get("text")
        text = _written(plan, inner, path + ("text",)) if inner is not None else ""
        return {"text": text, "list": value.get("list") or [], "colspan": value.get("colspan") or 1,
                "rowspan": value.get("rowspan") or 1, "numeric": isinstance(inner, (int, float))}
    return {"text": _written(plan, value, path), "list": [], "colspan": 1, "rowspan": 1,
            "numeric": isinstance(value, (int, float)) and not isinstance(value, bool)}


def _written(plan: Plan, value: Any, path: tuple[Any, ...]) -> str:
    """A value as the officer wrote it: 65.690 stays 65.690."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return plan.source.raw(path) or str(value)
    return "" if value is None else str(value)


def _place(rows: list[list[dict[str, Any]]]) -> None:
    """Give each cell its column on the table's grid, allowing for cells above that span rows."""
    taken: dict[tuple[int, int], bool] = {}
    for r, row in enumerate(rows):
        column = 0
        for cell in row:
            while taken.get((r, column)):
                column += 1
            cell["column"] = column
            for dr in range(cell["rowspan"]):
                for dc in range(cell["colspan"]):
                    taken[(r + dr, column + dc)] = True
            column += cell["colspan"]


def table_view(plan: Plan, table: dict[str, Any], path: tuple[Any, ...], fallback_name: str) -> dict[str, Any]:
    """A section's table for the template: heading rows (the rows of header_rows, then the column
    headings), body rows, and each cell's tag and scope for a screen reader."""
    columns = [{"heading": c, "unit": ""} if isinstance(c, str) else {"heading": c["heading"], "unit": c.get("unit") or ""}
               for c in table["columns"]]
    header_rows = table.get("header_rows") or 0
    header_columns = 1 if table.get("header_columns") is None else table["header_columns"]
    rows = [[_cell(plan, cell, path + ("rows", r, c)) for c, cell in enumerate(row)]
            for r, row in enumerate(table.get("rows", []))]
    head, body = rows[:header_rows], rows[header_rows:]
    _place(head)
    _place(body)
    for cell in (c for row in head for c in row):
        cell.update(tag="th", scope="colgroup" if cell["colspan"] > 1 else "col")
    for cell in (c for row in body for c in row):
        header = cell["column"] < header_columns
        cell.update(tag="th" if header else "td",
                    scope=("rowgroup" if cell["rowspan"] > 1 else "row") if header else "")
    numeric = [any(c["numeric"] for row in body for c in row if c["column"] == i) for i in range(len(columns))]
    return {"caption": table.get("caption") or "", "name": table.get("caption") or fallback_name,
            "columns": [{**c, "numeric": numeric[i] and i >= header_columns} for i, c in enumerate(columns)],
            "head": head, "body": body}


@dataclass
class Count:
    """The number paragraphs of a section are numbered under, and how many are numbered so far."""

    prefix: str
    paragraphs: int = 0


def numbered(items: list[dict[str, Any]], appendix: bool | None) -> list[tuple[int, dict[str, Any], int]]:
    """The sections of a list (only appendices, only the others, or all when `appendix` is None), each
    with its place in the list and its number among them (1, 2, 3)."""
    chosen = [(i, raw) for i, raw in enumerate(items) if appendix is None or bool(raw.get("appendix")) == appendix]
    return [(i, raw, n) for n, (i, raw) in enumerate(chosen, 1)]


def section_number(raw: dict[str, Any], auto: str, numbering: str, within: Count | None) -> tuple[str, Count]:
    """A section's number as its heading shows it, and the count its paragraphs are numbered under.

    As printed, a section shows the number: it gives (or none). With numbering: sections or paragraphs,
    plancc numbers it (`auto`: 1, 1.1) unless its title carries a number of its own or it is an
    appendix. With numbered paragraphs, a subsection (`within` its section's count) has no number of
    its own: its paragraphs carry on from its section's (2.5, 2.6), as reports do."""
    title = raw["title"]
    carried = numbering == "paragraphs" and within is not None
    automatic = numbering != "as-printed" and not carried and not auto.startswith("A") and not title_has_number(title)
    number = (raw.get("number") or (auto if automatic else "")).rstrip(".")
    if carried and within is not None and not raw.get("number"):
        return number, within
    return number, Count(number or own_number(title))


def own_number(title: str) -> str:
    """The number a heading carries itself: "10" for "10. Contribution to the LAA"."""
    match = _NUMBERED_TITLE.match(title)
    return match.group(0).strip().rstrip(".)") if match else ""


class _Builder:
    """Walks the sections once, numbering them and resolving what each places."""

    def __init__(self, plan: Plan, numbering: str, indicators: dict[str, Any], groups: dict[str, Any]) -> None:
        self.plan = plan
        self.numbering = numbering
        self.indicators = indicators
        self.groups = groups
        self.placed = Placed()
        self.models = {i.id: i for i in plan.indicators}

    def sections(self, items: list[dict[str, Any]], path: tuple[Any, ...], prefix: str, level: int,
                 appendix: bool | None, within: Count | None = None) -> list[dict[str, Any]]:
        return [self.section(raw, path + (i,), f"{prefix}{n}", level, within) for i, raw, n in numbered(items, appendix)]

    def section(self, raw: dict[str, Any], path: tuple[Any, ...], auto: str, level: int,
                within: Count | None) -> dict[str, Any]:
        title = raw["title"]
        number, count = section_number(raw, auto, self.numbering, within)
        anchor = "section-" + (raw.get("id") or re.sub(r"[^0-9A-Za-z]+", "-", auto))
        blocks: list[dict[str, Any]] = []
        if raw.get("body"):
            blocks.append({"kind": "text", "html": self.text(raw["body"], count)})
        if raw.get("table"):
            blocks.append({"kind": "table", "table": table_view(self.plan, raw["table"], path + ("table",), title)})
        for j, block in enumerate(raw.get("content", [])):
            made = self.block(block, path + ("content", j), title, count)
            if made:
                blocks.append(made)
        return {"id": raw.get("id") or anchor, "anchor": anchor, "number": number, "title": title,
                "heading": heading_text(number, title), "level": min(level, MAX_LEVEL), "blocks": blocks,
                "sections": self.sections(raw.get("sections", []), path + ("sections",), f"{auto}.", level + 1,
                                          None, count)}

    def text(self, text: str, count: Count) -> Markup:
        html = markdown(text)
        if self.numbering == "paragraphs" and count.prefix:
            html, count.paragraphs = number_paragraphs(html, count.prefix, count.paragraphs)
        return html

    def block(self, block: dict[str, Any], path: tuple[Any, ...], title: str, count: Count) -> dict[str, Any] | None:
        key = next(iter(block))
        value = block[key]
        if key == "text":
            return {"kind": "text", "html": self.text(value, count)}
        if key == "table":
            return {"kind": "table", "table": table_view(self.plan, value, path + ("table",), title)}
        if key == "chart" and value in self.models:
            drawing = chart(self.models[value], "chart-" + "-".join(str(p) for p in path[1:]))
            return {"kind": "chart", "chart": drawing} if drawing else None
        if key == "indicator" and value in self.indicators:
            self.placed.indicators.add(value)
            return {"kind": key, "indicator": self.indicators[value]}
        if key == "actions" and value in self.groups:
            self.placed.action_groups.add(value)
            return {"kind": "actions", "group": self.groups[value]}
        if key in ("risks", "finance"):
            setattr(self.placed, key, True)
            return {"kind": key}
        if key == "comparison":
            return self.comparison(value)
        return None  # a reference to nothing: the check stage reports it

    def comparison(self, value: dict[str, Any]) -> dict[str, Any] | None:
        """An indicator's comparison placed here, marked so that its indicator does not show it again."""
        views = self.indicators.get(value["indicator"], {}).get("comparisons", [])
        index = value.get("index", 0)
        if index >= len(views):
            return None
        views[index]["placed"] = True
        return {"kind": "comparison", "comparison": views[index]}


def document_sections(plan: Plan, indicators: list[dict[str, Any]], groups: list[dict[str, Any]]
                      ) -> tuple[list[dict[str, Any]], list[dict[str, Any]], Placed]:
    """The document's sections and appendices, numbered, and what they place."""
    data = plan.data
    builder = _Builder(plan, data.get("numbering", "as-printed"),
                       {i["ref"]: i for i in indicators}, {g["id"]: g for g in groups})
    raw = data.get("sections", [])
    sections = builder.sections(raw, ("sections",), "", 2, False)
    appendices = builder.sections(raw, ("sections",), "A", 2, True)
    return sections, appendices, builder.placed


def heading_text(number: str, title: str) -> Markup:
    """A section's heading with its number, never numbered twice."""
    if not number:
        return escape(title)
    return Markup(f'<span class="section-number">{escape(number)}</span> {escape(title)}')  # noqa: S704
