"""An indicator's chart as inline SVG: baseline, targets and actuals, with a title and a description.

The chart is a picture of the figures in the table beside it; its description says the same
figures in words for people who cannot see it. Colours are not the only difference: targets
are bars, actuals are dots on a line, and the baseline bar is hatched.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from html import escape

from markupsafe import Markup

from plancc.model.plan import Indicator, Point
from plancc.model.values import format_number

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 56


@dataclass(frozen=True)
class _Bar:
    label: str
    value: Decimal
    kind: str  # baseline, target, actual


def _value(point: Point) -> Decimal | None:
    fig = point.value
    return fig.number if fig is not None and fig.state == "number" else None


def _points(indicator: Indicator) -> list[_Bar]:
    series = indicator.series
    found: list[_Bar] = []
    if series.baseline and _value(series.baseline) is not None:
        found.append(_Bar(series.baseline.label, _value(series.baseline), "baseline"))  # type: ignore[arg-type]
    found += [_Bar(t.label, _value(t), "target") for t in series.targets if _value(t) is not None]  # type: ignore[misc]
    found += [_Bar(a.label, _value(a), "actual") for a in series.actuals if _value(a) is not None]  # type: ignore[misc]
    return found


def describe(indicator: Indicator) -> str:
    """The chart's figures in words."""
    parts = []
    for bar in _points(indicator):
        parts.append(f"{bar.kind} {format_number(bar.value)} for {bar.label}")
    unit = indicator.unit
    return f"{indicator.name}, {unit}: " + "; ".join(parts) + "."


def chart(indicator: Indicator, chart_id: str) -> Markup | None:
    """The SVG for an indicator, or None when it has fewer than two figures to draw."""
    bars = _points(indicator)
    if len(bars) < 2:
        return None
    labels = list(dict.fromkeys(b.label for b in bars))
    top = max(b.value for b in bars)
    low = min(Decimal(0), min(b.value for b in bars))
    span = (top - low) or Decimal(1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / len(labels)

    def y(value: Decimal) -> float:
        return TOP + float((top - value) / span) * plot_h

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
             f'aria-labelledby="{chart_id}-title {chart_id}-desc">',
             f'<title id="{chart_id}-title">Chart of {escape(indicator.name)}</title>',
             f'<desc id="{chart_id}-desc">{escape(describe(indicator))}</desc>',
             '<defs><pattern id="' + chart_id + '-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
             'patternTransform="rotate(45)"><rect width="6" height="6" fill="#b1b4b6"/>'
             '<line x1="0" y1="0" x2="0" y2="6" stroke="#505a5f" stroke-width="2"/></pattern></defs>',
             f'<line x1="{LEFT}" y1="{y(low):.1f}" x2="{WIDTH - RIGHT}" y2="{y(low):.1f}" class="axis"/>',
             f'<text x="{LEFT - 6}" y="{y(top) + 4:.1f}" class="tick" text-anchor="end">{format_number(top)}</text>',
             f'<text x="{LEFT - 6}" y="{y(low) + 4:.1f}" class="tick" text-anchor="end">{format_number(low)}</text>']
    actual_xy: list[tuple[float, float]] = []
    for index, label in enumerate(labels):
        centre = LEFT + slot * index + slot / 2
        for bar in (b for b in bars if b.label == label and b.kind != "actual"):
            fill = f'url(#{chart_id}-hatch)' if bar.kind == "baseline" else "#1d70b8"
            width = min(slot * 0.6, 48)
            parts.append(f'<rect x="{centre - width / 2:.1f}" y="{y(bar.value):.1f}" width="{width:.1f}" '
                         f'height="{max(0.0, y(low) - y(bar.value)):.1f}" fill="{fill}"/>')
        for bar in (b for b in bars if b.label == label and b.kind == "actual"):
            actual_xy.append((centre, y(bar.value)))
        first, _, second = label.partition(" ")
        parts.append(f'<text x="{centre:.1f}" y="{HEIGHT - BOTTOM + 18}" class="tick" text-anchor="middle">'
                     f'{escape(first)}<tspan x="{centre:.1f}" dy="16">{escape(second)}</tspan></text>')
    if actual_xy:
        path = " ".join(f"{x:.1f},{yy:.1f}" for x, yy in actual_xy)
        parts.append(f'<polyline points="{path}" fill="none" stroke="#0b0c0c" stroke-width="2"/>')
        parts += [f'<circle cx="{x:.1f}" cy="{yy:.1f}" r="5" fill="#0b0c0c"/>' for x, yy in actual_xy]
    parts.append(f'<text x="{LEFT}" y="{HEIGHT - 10}" class="legend">Hatched bar: baseline. Blue bars: targets.'
                 f'{" Black dots: actual values." if actual_xy else ""}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every text in it is escaped above
