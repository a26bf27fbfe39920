"""The indicator chart's two drawings: legible at every width, nothing overlapping, saying what it draws."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from decimal import Decimal
from itertools import combinations

import pytest

from plancc.model.periods import PeriodError, parse_period
from plancc.model.plan import Indicator, Point, Series
from plancc.model.values import Figure, format_number
from plancc.render.charts import chart

SVG = "{http://www.w3.org/2000/svg}"
SMALLEST_PX = 12
MIN_DRAWN_WIDTH = {"wide": 600, "narrow": 290}  # the narrowest each drawing is shown, in CSS px (plancc.css)
LEGEND = {"baseline": "Baseline", "target": "Target", "actual": "Actual"}
NOTE_END = "a year's figure covers four quarters."


def in_words(label: str) -> str:
    """How a chart shows a period: 'Apr–Jun 2002' for 2002/03 Q1."""
    try:
        return parse_period(label).short()
    except PeriodError:
        return label


def point(label: str, value: str | int | float) -> Point:
    return Point(label, None, Figure(Decimal(str(value))), None, None, None, ())


def indicator(targets: list[Point], baseline: Point | None = None, actuals: list[Point] | None = None,
              title: str = "Domestic burglaries") -> Indicator:
    series = Series(baseline=baseline, targets=targets, actuals=actuals or [])
    return Indicator("dom-burglary", None, title, "per 1,000 households", None, "reduce", [], None, series, [], ())


def years(count: int, first: int = 2002) -> list[str]:
    return [f"{year}/{(year + 1) % 100:02d}" for year in range(first, first + count)]


def quarters(count: int, first: int = 2002) -> list[str]:
    return [f"{first + i // 4}/{(first + i // 4 + 1) % 100:02d} Q{i % 4 + 1}" for i in range(count)]


@dataclass(frozen=True)
class Box:
    text: str
    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: Box) -> bool:
        return (min(self.right, other.right) - max(self.left, other.left) > 0.01
                and min(self.bottom, other.bottom) - max(self.top, other.top) > 0.01)


def drawings(markup: str) -> dict[str, ET.Element]:
    """Each <svg> of a chart by its variant (wide, narrow)."""
    root = ET.fromstring(f"<root>{markup}</root>")
    found = {}
    for svg in root.findall(f"{SVG}svg"):
        classes = svg.get("class", "").split()
        assert "chart" in classes
        variant = next(c.removeprefix("chart--") for c in classes if c.startswith("chart--"))
        found[variant] = svg
    assert set(found) == {"wide", "narrow"}
    return found


def view_box(svg: ET.Element) -> tuple[float, float]:
    x, y, width, height = (float(n) for n in svg.get("viewBox", "").split())
    assert (x, y) == (0, 0)
    return width, height


def text_of(element: ET.Element) -> str:
    return "".join(element.itertext())


def box(text: ET.Element) -> Box:
    """A conservative box round a <text>: 0.62 em a character, 1 em high (0.8 above the baseline)."""
    size = float(text.get("font-size", "0"))
    words = text_of(text)
    width = 0.62 * size * len(words)
    x, y = float(text.get("x", "0")), float(text.get("y", "0"))
    left = {"start": x, "middle": x - width / 2, "end": x - width}[text.get("text-anchor", "start")]
    return Box(words, left, y - 0.8 * size, left + width, y + 0.2 * size)


def texts(svg: ET.Element) -> list[ET.Element]:
    return list(svg.iter(f"{SVG}text"))


def group(svg: ET.Element, name: str) -> ET.Element:
    found = [g for g in svg.iter(f"{SVG}g") if g.get("class") == name]
    assert len(found) == 1, name
    return found[0]


def drawn_kinds(element: ET.Element) -> set[str]:
    """What the shapes in an element draw: hatched rectangles, blue rectangles, diamonds."""
    kinds = set()
    for rect in element.iter(f"{SVG}rect"):
        fill = rect.get("fill", "")
        if fill.startswith("url(#") and "hatch" in fill:
            kinds.add("baseline")
        elif fill.lower() == "#1d70b8":
            kinds.add("target")
    if list(element.iter(f"{SVG}path")) or list(element.iter(f"{SVG}circle")):
        kinds.add("actual")
    return kinds


def figures(targets: list[str], baseline: bool, actuals: bool, values: list[float] | None = None) -> Indicator:
    numbers = values or [40 + (i * 7) % 13 + 0.5 * (i % 3) for i in range(len(targets))]
    return indicator([point(label, n) for label, n in zip(targets, numbers)],
                     baseline=point("2000/01", 44) if baseline else None,
                     actuals=[point(label, n + 1.25) for label, n in zip(targets[: len(targets) // 2 + 1], numbers)]
                     if actuals else None)


CASES = [(kind, count, baseline, actuals) for kind in ("years", "quarters", "mixed") for count in (2, 4, 8, 12, 20)
         for baseline in (False, True) for actuals in (False, True)]


def labels_for(kind: str, count: int) -> list[str]:
    if kind == "years":
        return years(count, 1990)
    if kind == "quarters":
        return quarters(count)
    return quarters(count - count // 2) + years(count // 2, 2003)


@pytest.mark.parametrize(("kind", "count", "baseline", "actuals"), CASES,
                         ids=lambda v: str(v) if not isinstance(v, bool) else ("with" if v else "without"))
def test_chart_is_legible_and_says_what_it_draws(kind: str, count: int, baseline: bool, actuals: bool) -> None:
    labels = labels_for(kind, count)
    ind = figures(labels, baseline, actuals)
    markup = chart(ind, "chart-3")
    assert markup is not None
    expected_kinds = {"target"} | ({"baseline"} if baseline else set()) | ({"actual"} if actuals else set())
    mixed = kind == "mixed" or (baseline and kind == "quarters")  # the 2000/01 baseline is a whole year
    points = ind.series.points()
    for variant, svg in drawings(str(markup)).items():
        width, height = view_box(svg)
        assert width == {"wide": 640, "narrow": 320}[variant]
        boxes = [box(t) for t in texts(svg)]
        # (a) no two texts overlap, none crosses the edge of the drawing
        for one, two in combinations(boxes, 2):
            assert not one.overlaps(two), f"{variant}: {one} overlaps {two}"
        for b in boxes:
            assert b.left >= 0 and b.top >= 0 and b.right <= width and b.bottom <= height, f"{variant}: {b} outside"
        # (b) no text drawn under 12 CSS px, and each text carries its own font (WeasyPrint ignores classes)
        for text in texts(svg):
            assert float(text.get("font-size", "0")) * MIN_DRAWN_WIDTH[variant] / width >= SMALLEST_PX
            assert (text.get("font-family") or "").startswith("Atkinson Hyperlegible")
            assert text.get("fill") == "#0b0c0c"
        # each period is one row, labelled in whole, in the plan's order
        shown = list(dict.fromkeys(in_words(p.label) for p in points))  # periods in words, never as codes
        row_labels = [text_of(t) for t in sorted(texts(group(svg, "chart__bars")), key=lambda t: float(t.get("y", 0)))
                      if text_of(t) in shown]
        assert row_labels == shown
        # every figure written beside its bar or marker
        written = [text_of(t) for t in texts(group(svg, "chart__bars"))]
        for p in points:
            assert format_number(p.value.number) in written  # type: ignore[union-attr]
        assert sum(1 for t in written if t not in row_labels) == len(points)
        # (c) the legend names exactly what is drawn, each with its swatch
        legend = group(svg, "chart__legend")
        assert drawn_kinds(group(svg, "chart__bars")) == expected_kinds
        assert sorted(text_of(t) for t in texts(legend)) == sorted(LEGEND[k] for k in expected_kinds)
        assert drawn_kinds(legend) == expected_kinds
        # (d) the note on quarters and years, exactly when both are drawn
        visible = " ".join(text_of(t) for t in texts(svg))
        assert (NOTE_END in visible) == mixed, visible
        assert (NOTE_END in text_of(svg.find(f"{SVG}desc"))) == mixed  # type: ignore[arg-type]


def test_both_drawings_share_words_and_ids_are_unique() -> None:
    page = str(chart(figures(quarters(4) + years(2, 2003), True, True), "chart-0")) + \
        str(chart(figures(years(3), True, False), "chart-1"))
    ids: list[str] = []
    root = ET.fromstring(f"<root>{page}</root>")
    svgs = root.findall(f"{SVG}svg")
    assert len(svgs) == 4
    for svg in svgs:
        ids += [e.get("id", "") for e in svg.iter() if e.get("id")]
        own = {e.get("id"): e for e in svg.iter() if e.get("id")}
        title_id, desc_id = (svg.get("aria-labelledby") or "").split()
        assert svg.get("role") == "img"
        assert own[title_id].tag == f"{SVG}title" and own[desc_id].tag == f"{SVG}desc"
        for use in svg.iter():
            fill = use.get("fill", "")
            if fill.startswith("url(#"):
                assert fill[5:-1] in own, f"{fill} points outside its own drawing"
    assert len(ids) == len(set(ids)), sorted(ids)
    wide, narrow = svgs[0], svgs[1]
    for tag in ("title", "desc"):
        assert text_of(wide.find(f"{SVG}{tag}")) == text_of(narrow.find(f"{SVG}{tag}"))  # type: ignore[arg-type]
    assert "baseline 44 for 2000/01" in text_of(wide.find(f"{SVG}desc"))  # type: ignore[arg-type]


def test_hostile_text_is_escaped() -> None:
    label = "<script>alert(1)</script>"
    ind = indicator([point(label, 3), point("2003/04", 4)], title='"><img src=x onerror=alert(1)>')
    markup = str(chart(ind, "chart-0"))
    assert "<script" not in markup and "<img" not in markup
    for svg in drawings(markup).values():
        assert label in "".join(text_of(t) for t in texts(svg))  # a long label may wrap
        assert label in text_of(svg.find(f"{SVG}desc"))  # type: ignore[arg-type]


def test_long_labels_wrap_inside_the_drawing() -> None:
    label = "A period label far longer than any column could hold in one line"
    markup = str(chart(indicator([point(label, 1200000), point("2003/04", 4)]), "chart-0"))
    for variant, svg in drawings(markup).items():
        width, height = view_box(svg)
        boxes = [box(t) for t in texts(svg)]
        assert all(b.right <= width and b.left >= 0 and b.bottom <= height for b in boxes), variant
        assert not any(a.overlaps(b) for a, b in combinations(boxes, 2)), variant


def test_negative_values_start_the_axis_below_zero() -> None:
    markup = str(chart(indicator([point("2002/03", -12.5), point("2003/04", 30)]), "chart-0"))
    for svg in drawings(markup).values():
        width, _ = view_box(svg)
        rects = [r for r in group(svg, "chart__bars").iter(f"{SVG}rect") if r.get("fill") == "#1d70b8"]
        negative, positive = rects
        assert float(negative.get("x", 0)) + float(negative.get("width", 0)) == pytest.approx(
            float(positive.get("x", 0)), abs=0.2)  # both bars start from the same zero line
        boxes = [box(t) for t in texts(svg)]
        assert all(0 <= b.left and b.right <= width for b in boxes)
        assert not any(a.overlaps(b) for a, b in combinations(boxes, 2))


def test_an_actual_alone_is_only_a_marker() -> None:
    ind = indicator([point("2002/03", 10)], actuals=[point("2002/03", 9), point("2003/04", 11)])
    for svg in drawings(str(chart(ind, "chart-0"))).values():
        bars = group(svg, "chart__bars")
        assert len([r for r in bars.iter(f"{SVG}rect") if r.get("fill") == "#1d70b8"]) == 1
        assert len(list(bars.iter(f"{SVG}path"))) == 2
        assert drawn_kinds(group(svg, "chart__legend")) == {"target", "actual"}


def test_more_periods_make_a_taller_chart_not_smaller_text() -> None:
    few = drawings(str(chart(figures(years(2), False, False), "c")))
    many = drawings(str(chart(figures(years(20), False, False), "c")))
    for variant in ("wide", "narrow"):
        assert view_box(many[variant])[1] > view_box(few[variant])[1] * 3
        assert {t.get("font-size") for t in texts(many[variant])} == {t.get("font-size") for t in texts(few[variant])}


def test_fewer_than_two_figures_draw_no_chart() -> None:
    assert chart(indicator([point("2002/03", 10)]), "chart-0") is None
