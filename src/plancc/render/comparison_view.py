"""A comparison with other areas as a page shows it: the areas in the order of the ranks plancc works
out from their values, each with its rank (and the printed one where that differs, said in words),
then the comparators, which are not areas and are never ranked."""

from __future__ import annotations

from typing import Any

from plancc.model.comparisons import BETTER, ComparedArea, Comparison, Standing, read_comparisons
from plancc.model.plan import Indicator, Plan
from plancc.render.finance_view import figure_cell
from plancc.render.markdown import markdown


def comparison_views(plan: Plan, indicator: Indicator, raw: dict[str, Any]) -> list[dict[str, Any]]:
    """Each of an indicator's comparisons (`raw` is its data), ready for the comparison_table macro."""
    comparisons = read_comparisons(plan.source, raw, indicator.path, indicator.direction)
    return [comparison_view(indicator, c, f"comparison-{indicator.id}-{n}") for n, c in enumerate(comparisons)]


def comparison_view(indicator: Indicator, comparison: Comparison, view_id: str) -> dict[str, Any]:
    """One comparison. `placed` becomes true when a section shows it, so its indicator does not again."""
    rows = [_row(area, standing) for area, standing in comparison.league()]
    return {"id": view_id, "caption": caption(indicator, comparison), "unit": indicator.unit,
            "rank_heading": f"Rank (of {comparison.league_size})" if comparison.ranked else "Rank",
            "rows": rows, "comparators": [{"name": c.name, "kind": c.kind or "", "value": figure_cell(c.value)}
                                          for c in comparison.comparators],
            "explanation": _explanation(comparison, rows),
            "note": markdown(comparison.note), "placed": False}


def caption(indicator: Indicator, comparison: Comparison) -> str:
    """'All recorded crime per 1,000 population, 2014/15: Northbridge and its most similar group'."""
    this = comparison.this_area
    who = comparison.title or (f"{this.name} compared with other areas" if this else "comparison of areas")
    return f"{indicator.title}, {comparison.period}: {who}"


def _rank_text(area: ComparedArea, standing: Standing | None) -> str:
    """The rank worked out; a range where unknown values leave it open (the printed rank, if it fits)."""
    if standing is None:
        return "Not ranked" if area.number is None else str(area.rank or "")
    if standing.exact:
        return str(standing.best)
    if area.rank is not None and standing.allows(area.rank):
        return str(area.rank)
    return f"{standing.best} to {standing.worst}"


def _row(area: ComparedArea, standing: Standing | None) -> dict[str, Any]:
    differs = area.rank is not None and standing is not None and not standing.allows(area.rank)
    return {"rank": _rank_text(area, standing), "stated": str(area.rank) if differs else "", "differs": differs,
            "name": area.name, "value": figure_cell(area.value), "this_area": area.this_area}


def _explanation(comparison: Comparison, rows: list[dict[str, Any]]) -> str:
    """How the ranks were worked out, in words."""
    if not comparison.ranked:
        return "The areas are in the order printed, with the ranks printed."
    best = BETTER[comparison.direction][1]
    words = (f"Ranks are worked out by plancc from the values: rank 1 is the {best} value, and areas with the "
             "same value share a rank.")
    if any(a.number is None for a in comparison.areas):
        words += " An area whose value is to be confirmed is not ranked."
    if any(" to " in r["rank"] for r in rows):
        words += " Where values are not known, a rank is given as the range it could be in."
    if any(r["differs"] for r in rows):
        words += " Where the document printed a different rank, it is shown as “printed as”."
    return words
