"""An indicator's chart as inline SVG: baseline, targets and actuals, with a title and a description.

The chart is a picture of the figures in the table beside it; its description says the same
figures in words for people who cannot see it. Colours are not the only difference: targets
are solid bars, the baseline bar is hatched and actuals are diamonds, each value is written at
the end of its bar, and the legend draws each kind beside its name.

Each chart is drawn twice, from one layout: a wide drawing (desktop and print) with the period
labels in a column left of the bars, and a narrow one (phones) with each label on its own line
above its bars. The page's CSS shows one of them. One row per period, so labels never collide;
text sizes are in user units chosen so that no text is drawn under 12 CSS px at the smallest
width the CSS allows. Every text carries its font as presentation attributes, because
WeasyPrint's SVG renderer does not reliably apply the page's class rules to SVG text.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from decimal import Decimal
from html import escape

from markupsafe import Markup

from plancc.model.periods import Kind, PeriodError, parse_period
from plancc.model.derive import number_of
from plancc.model.plan import Indicator, Point
from plancc.model.values import format_number

FONT_FAMILY = "Atkinson Hyperlegible, Arial, sans-serif"
INK, BLUE, GREY, HATCH_GROUND = "#0b0c0c", "#1d70b8", "#505a5f", "#b1b4b6"
CHAR_WIDTH = 0.62  # a generous average glyph width, in ems, for laying out text without measuring it
MARGIN, GAP = 4.0, 8.0
KINDS = ("baseline", "target", "actual")
LEGEND_WORDS = {"baseline": "Baseline", "target": "Target", "actual": "Actual"}
MIXED_NOTE = "Quarterly and yearly figures are shown on one scale; a year's figure covers four quarters."
ZERO = Decimal(0)


@dataclass(frozen=True)
class Variant:
    """One drawing of a chart: its viewBox width, its text size in user units and where row labels go."""

    name: str
    width: int
    font: int
    label_above: bool

    @property
    def line(self) -> float:
        """The height of a line of text."""
        return self.font * 1.3

    @property
    def lane(self) -> float:
        """The height of one bar or marker and the value written beside it."""
        return self.font + 8.0

    @property
    def marker(self) -> float:
        """Half the width of an actual's diamond."""
        return self.lane * 0.32

    def text_width(self, text: str) -> float:
        return len(text) * self.font * CHAR_WIDTH

    def chars(self, width: float) -> int:
        """How many characters fit in a width."""
        return max(1, int(width / (self.font * CHAR_WIDTH) + 1e-6))

    def baseline(self, top: float, height: float) -> float:
        """The y of a text's baseline that centres it in a box."""
        return top + height / 2 + self.font * 0.35


# Drawn at 600 CSS px or more (wide) and 290 to 420 CSS px (narrow): 16 x 600/640 = 15 px, 15 x 290/320 = 13.6 px.
WIDE = Variant("wide", 640, 16, label_above=False)
NARROW = Variant("narrow", 320, 15, label_above=True)
VARIANTS = (WIDE, NARROW)


@dataclass(frozen=True)
class _Bar:
    label: str
    value: Decimal
    kind: str  # baseline, target, actual


@dataclass(frozen=True)
class _Row:
    label: str
    bars: tuple[_Bar, ...]  # baseline, then targets, then actuals
    length: str  # quarter, year or other


@dataclass(frozen=True)
class _Scale:
    """Where a value falls along the bars."""

    low: Decimal
    span: Decimal
    left: float
    width: float

    def x(self, value: Decimal) -> float:
        return self.left + float((value - self.low) / self.span) * self.width


@dataclass(frozen=True)
class _Chart:
    """What both drawings show, in the same words."""

    rows: tuple[_Row, ...]
    kinds: tuple[str, ...]
    unit: str
    note: str
    title: str
    desc: str


def _bar(point: Point, kind: str) -> list[_Bar]:
    value = number_of(point)
    return [] if value is None else [_Bar(point.label, value, kind)]


def _points(indicator: Indicator) -> list[_Bar]:
    series = indicator.series
    found = _bar(series.baseline, "baseline") if series.baseline else []
    for point in series.targets:
        found += _bar(point, "target")
    for point in series.actuals:
        found += _bar(point, "actual")
    return found


def _length(label: str) -> str:
    """'quarter' for 2002/03 Q1, 'year' for 2002/03 or 2006, 'other' for anything else."""
    try:
        kind = parse_period(label).kind
    except PeriodError:
        return "other"
    return "quarter" if kind is Kind.QUARTER else "year" if kind in (Kind.FINANCIAL_YEAR, Kind.YEAR) else "other"


def _words(label: str, short: bool = True) -> str:
    """A period label in words ('Apr–Jun 2002'; in full, '2002/03 Q1 (April to June 2002)')."""
    try:
        period = parse_period(label)
    except PeriodError:
        return label
    return period.short() if short else period.describe()


def _rows(bars: list[_Bar]) -> tuple[_Row, ...]:
    labels = dict.fromkeys(b.label for b in bars)
    return tuple(_Row(_words(label), tuple(b for kind in KINDS for b in bars if b.label == label and b.kind == kind),
                      _length(label)) for label in labels)


def _mixed(rows: tuple[_Row, ...]) -> bool:
    """Whether quarters and whole years are drawn on one axis."""
    return {"quarter", "year"} <= {row.length for row in rows}


def describe(indicator: Indicator) -> str:
    """The chart's figures in words."""
    parts = [f"{bar.kind} {format_number(bar.value)} for {_words(bar.label, short=False)}" for bar in _points(indicator)]
    return f"{indicator.name}, {indicator.unit}: " + "; ".join(parts) + "."


def _text(x: float, y: float, text: str, variant: Variant, anchor: str = "start") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-family="{FONT_FAMILY}" '
            f'font-size="{variant.font}" fill="{INK}">{escape(text)}</text>')


def _wrap(text: str, chars: int) -> list[str]:
    return textwrap.wrap(text, chars, break_on_hyphens=False) or [text]


def _lines(lines: list[str], x: float, top: float, variant: Variant, anchor: str = "start") -> list[str]:
    """Lines of text one under another, the first line's box starting at top."""
    return [_text(x, variant.baseline(top + i * variant.line, variant.line), line, variant, anchor)
            for i, line in enumerate(lines)]


def _paragraph(text: str, variant: Variant, top: float) -> tuple[list[str], float]:
    """Text wrapped to the drawing's width, from top; and where it ends."""
    lines = _wrap(text, variant.chars(variant.width - 2 * MARGIN))
    return _lines(lines, MARGIN, top, variant), top + len(lines) * variant.line


def _label_width(chart: _Chart, variant: Variant) -> float:
    """The width of the label column in the wide drawing (0 when labels go above their bars)."""
    if variant.label_above:
        return 0.0
    longest = max(variant.text_width(row.label) for row in chart.rows)
    return min(longest, variant.width * 0.3)


def _scale(chart: _Chart, variant: Variant, left: float) -> _Scale:
    """Bars from 0 (or the lowest value if negative) to the highest, leaving room for the values written beside them."""
    values = [bar.value for row in chart.rows for bar in row.bars]
    low, top = min(ZERO, *values), max(ZERO, *values)
    room = max(variant.text_width(format_number(v)) for v in values) + GAP + variant.marker
    start = left + variant.marker + (room if low < ZERO else 0.0)
    return _Scale(low, (top - low) or Decimal(1), start, variant.width - MARGIN - room - start)


def _hatch(prefix: str) -> str:
    return (f'<pattern id="{prefix}-hatch" width="8" height="8" patternUnits="userSpaceOnUse">'
            f'<rect width="8" height="8" fill="{HATCH_GROUND}"/>'
            f'<path d="M-2,2 L2,-2 M0,8 L8,0 M6,10 L10,6" stroke="{INK}" stroke-width="1.5"/></pattern>')


def _diamond(x: float, y: float, half: float) -> str:
    """An actual's marker, centred on (x, y)."""
    return (f'<path d="M{x:.1f},{y - half:.1f} L{x + half:.1f},{y:.1f} L{x:.1f},{y + half:.1f} '
            f'L{x - half:.1f},{y:.1f} Z" fill="{INK}"/>')


def _box(kind: str, x: float, top: float, width: float, height: float, prefix: str) -> str:
    """A bar: hatched for the baseline, solid blue for a target."""
    if kind == "baseline":
        return (f'<rect x="{x:.1f}" y="{top:.1f}" width="{width:.1f}" height="{height:.1f}" '
                f'fill="url(#{prefix}-hatch)" stroke="{INK}" stroke-width="1"/>')
    return f'<rect x="{x:.1f}" y="{top:.1f}" width="{width:.1f}" height="{height:.1f}" fill="{BLUE}"/>'


def _item(bar: _Bar, top: float, scale: _Scale, variant: Variant, prefix: str) -> list[str]:
    """One bar or marker in its lane, its value written at its end."""
    zero, end, mid = scale.x(ZERO), scale.x(bar.value), top + variant.lane / 2
    if bar.kind == "actual":  # a dotted guide from the zero line to the marker
        parts = [f'<line x1="{zero:.1f}" y1="{mid:.1f}" x2="{end:.1f}" y2="{mid:.1f}" stroke="{GREY}" '
                 f'stroke-width="1" stroke-dasharray="2 3"/>', _diamond(end, mid, variant.marker)]
    else:
        parts = [_box(bar.kind, min(zero, end), top + 3, abs(end - zero), variant.lane - 6, prefix)]
    reach = GAP + (variant.marker if bar.kind == "actual" else 0.0)
    forward = bar.value >= ZERO
    parts.append(_text(end + reach if forward else end - reach, variant.baseline(top, variant.lane),
                       format_number(bar.value), variant, "start" if forward else "end"))
    return parts


def _row(row: _Row, top: float, scale: _Scale, variant: Variant, label_width: float,
         prefix: str) -> tuple[list[str], float]:
    """A period's label and its bars; and where the row ends."""
    if variant.label_above:  # the label on its own lines, the bars under it
        lines = _wrap(row.label, variant.chars(variant.width - 2 * MARGIN))
        parts = _lines(lines, MARGIN, top, variant)
        lanes_top = label_end = top + len(lines) * variant.line
    else:  # the label right-aligned in its column, level with the first bar
        lines = _wrap(row.label, variant.chars(label_width))
        first = top + (variant.lane - variant.line) / 2
        parts = _lines(lines, MARGIN + label_width, first, variant, "end")
        lanes_top, label_end = top, first + len(lines) * variant.line
    for index, bar in enumerate(row.bars):
        parts += _item(bar, lanes_top + index * variant.lane, scale, variant, prefix)
    lanes_end = lanes_top + len(row.bars) * variant.lane
    axis = scale.x(ZERO)
    parts.append(f'<line x1="{axis:.1f}" y1="{lanes_top:.1f}" x2="{axis:.1f}" y2="{lanes_end:.1f}" '
                 f'stroke="{INK}" stroke-width="2"/>')
    return parts, max(lanes_end, label_end)


def _separator(y: float, variant: Variant) -> str:
    return (f'<line x1="{MARGIN:.1f}" y1="{y:.1f}" x2="{variant.width - MARGIN:.1f}" y2="{y:.1f}" '
            f'stroke="{GREY}" stroke-width="1" stroke-dasharray="4 3"/>')


def _bars(chart: _Chart, variant: Variant, prefix: str, top: float) -> tuple[list[str], float]:
    """Every row, with a thin line where quarters give way to years (or years to quarters)."""
    label_width = _label_width(chart, variant)
    scale = _scale(chart, variant, MARGIN + (label_width + GAP if label_width else 0.0))
    parts: list[str] = ['<g class="chart__bars">']
    gap = variant.font * 0.75
    y = top
    for index, row in enumerate(chart.rows):
        if index:
            if {row.length, chart.rows[index - 1].length} == {"quarter", "year"}:
                parts.append(_separator(y + gap / 2, variant))
            y += gap
        drawn, y = _row(row, y, scale, variant, label_width, prefix)
        parts += drawn
    return parts + ["</g>"], y


def _legend(chart: _Chart, variant: Variant, prefix: str, top: float) -> tuple[list[str], float]:
    """Each kind drawn, its swatch beside its name, in rows that wrap at the drawing's width."""
    parts, x, y = ['<g class="chart__legend">'], MARGIN, top
    swatch = float(variant.font)
    for kind in chart.kinds:
        words = LEGEND_WORDS[kind]
        width = swatch + GAP + variant.text_width(words)
        if x > MARGIN and x + width > variant.width - MARGIN:
            x, y = MARGIN, y + variant.line
        box_top = y + (variant.line - swatch) / 2
        parts.append(_diamond(x + swatch / 2, box_top + swatch / 2, swatch / 2) if kind == "actual"
                     else _box(kind, x, box_top, swatch, swatch, prefix))
        parts.append(_text(x + swatch + GAP, variant.baseline(y, variant.line), words, variant))
        x += width + 1.5 * variant.font
    return parts + ["</g>"], y + variant.line


def _drawing(chart: _Chart, chart_id: str, variant: Variant) -> str:
    """One <svg> of the chart, laid out for a variant."""
    prefix = escape(f"{chart_id}-{variant.name}")
    parts, y = _paragraph(f"Unit: {chart.unit}", variant, MARGIN)
    for section in (_bars, _legend):
        drawn, y = section(chart, variant, prefix, y + GAP * 1.5)
        parts += drawn
    if chart.note:
        drawn, y = _paragraph(chart.note, variant, y + GAP)
        parts += drawn
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart--{variant.name}" '
            f'viewBox="0 0 {variant.width} {int(y + MARGIN + 1)}" role="img" '
            f'aria-labelledby="{prefix}-title {prefix}-desc">'
            f'<title id="{prefix}-title">{escape(chart.title)}</title><desc id="{prefix}-desc">{escape(chart.desc)}</desc>'
            + (f'<defs>{_hatch(prefix)}</defs>' if "baseline" in chart.kinds else ""))
    return head + "".join(parts) + "</svg>"


def chart(indicator: Indicator, chart_id: str) -> Markup | None:
    """The chart's two drawings (wide, narrow), or None when it has fewer than two figures to draw."""
    bars = _points(indicator)
    if len(bars) < 2:
        return None
    rows = _rows(bars)
    note = MIXED_NOTE if _mixed(rows) else ""
    described = describe(indicator) + (f" {note}" if note else "")
    found = _Chart(rows, tuple(k for k in KINDS if any(b.kind == k for b in bars)), indicator.unit, note,
                   f"Chart of {indicator.name}", described)
    return Markup("".join(_drawing(found, chart_id, v) for v in VARIANTS))  # noqa: S704 - every text in it is escaped
