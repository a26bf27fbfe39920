"""Rules for comparisons with other areas: printed ranks against the values, and simple averages."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from plancc.diagnostics import Severity
from plancc.model.comparisons import BETTER, ComparedArea, Comparison, Standing, indicator_comparisons
from plancc.model.plan import Indicator, Path_
from plancc.model.values import decimal_places, format_number, rounding
from plancc.rules import Context, Problem, rule

NAMED = 5  # at most this many areas are named in a message


def _comparisons(ctx: Context) -> Iterator[tuple[Indicator, Comparison]]:
    for indicator in ctx.plan.indicators:
        for comparison in indicator_comparisons(ctx.plan, indicator):
            yield indicator, comparison


def _named(areas: tuple[ComparedArea, ...]) -> str:
    """'Kingsbury Vale 54.212, Eastmoor 58.907', with 'and 3 more' after the first few."""
    shown = ", ".join(f"{a.name} {format_number(a.number)}" for a in areas[:NAMED])
    return shown + (f" and {len(areas) - NAMED} more" if len(areas) > NAMED else "")


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _why(comparison: Comparison, standing: Standing) -> str:
    """Why an area ranks where it does: the known areas above it, and any that could be."""
    word = BETTER[comparison.direction][0]
    above = standing.above
    why = (f"{_plural(len(above), 'area has', 'areas have')} a {word} value ({_named(above)})" if above
           else f"no area has a {word} value")
    tbc = sum(1 for a in comparison.areas if a.number is None)
    unlisted = comparison.league_size - len(comparison.areas)
    unknown = [text for count, text in
               ((tbc, _plural(tbc, "area's value is", "areas' values are") + " to be confirmed"),
                (unlisted, _plural(unlisted, "area is", "areas are") + " not listed")) if count]
    if unknown:
        why += f", and {standing.worst - standing.best} more could be above it ({' and '.join(unknown)})"
    return why + f"; {word} is better for this indicator"


def _rank_problem(indicator: Indicator, comparison: Comparison, area: ComparedArea, standing: Standing) -> Problem:
    ranks = str(standing.best) if standing.exact else f"between {standing.best} and {standing.worst}"
    first = BETTER[comparison.direction][1]
    fix = f"Correct the rank to {standing.best}" if standing.exact else f"The rank can only be {ranks}: correct it"
    return Problem(area.path + ("rank",), f"In the comparison of {indicator.name} for {comparison.period}, "
                   f"{area.name} is ranked {area.rank}, but with a value of {format_number(area.number)} it ranks "
                   f"{ranks}: {_why(comparison, standing)}.",
                   hint=f"{fix}, or check the values. Rank 1 is the {first} value, and areas with the same value "
                        "share a rank (1, 2, 2, 4).", value=area.rank)


@rule("comparison-rank", Severity.WARNING)
def comparison_rank(ctx: Context) -> Iterator[Problem]:
    """A rank printed in a comparison with other areas is not the rank the values give.

    plancc ranks the areas of an indicator's comparison by their values in the indicator's
    direction: for one that should reduce the lowest value ranks 1, for one that should
    increase the highest. Areas with the same value share a rank and the next rank is skipped
    (1, 2, 2, 4). Comparators such as a group average are never ranked. An area whose value is
    t.b.c. is not ranked, and where it could stand above an area, or where the league has more
    areas than are listed (ranked_of), a printed rank is reported only when no value the unknown
    areas could have would give it. An indicator to maintain has no order, so its ranks are not
    checked.

    Fails:   direction reduce; Eastmoor 58.907 ranked 1 and Northbridge 65.690 ranked 3, with no other area
             listed (Northbridge ranks 2)
    Passes:  Kingsbury Vale 54.212 ranked 1, Wexcombe and Eastmoor 61.334 both ranked 2, Northbridge 65.690 ranked 4
    Fix:     correct the rank, or the values; for a league longer than the areas listed, give ranked_of.
    """
    for indicator, comparison in _comparisons(ctx):
        for area in comparison.areas:
            standing = comparison.standing(area)
            if area.rank is not None and standing is not None and not standing.allows(area.rank):
                yield _rank_problem(indicator, comparison, area, standing)


def _mean_problem(indicator: Indicator, comparison: Comparison, name: str, printed: Decimal, mean: Decimal,
                  path: Path_) -> Problem:
    places = decimal_places(printed)
    count = len(comparison.areas)
    shown = format_number(mean.quantize(Decimal(10) ** -(places + 2)))
    return Problem(path, f"In the comparison of {indicator.name} for {comparison.period}, {name} is "
                   f"{format_number(printed)}, but the mean of the {count} areas listed is {shown} "
                   f"({format_number(comparison.sum_of_areas())} / {count}), more than the "
                   f"{rounding(printed).normalize()} of rounding that {format_number(printed)} allows.",
                   hint=f"Correct the average to {format_number(mean.quantize(Decimal(10) ** -places))}, or leave out "
                        "simple_mean if the figure is not the plain average of these areas (a group's rate worked "
                        "out from its total count and population is not).", value=format_number(printed))


@rule("comparison-mean", Severity.WARNING)
def comparison_mean(ctx: Context) -> Iterator[Problem]:
    """A comparator marked as the simple mean of the areas listed is not their average, within its rounding.

    A comparator with simple_mean: true says the figure printed is the plain average of the
    values of the areas listed with it; plancc works out that average and compares it with the
    figure, allowing the rounding of the figure's own precision: 66.4 allows 0.05, 66.443 allows
    0.0005. Comparators without simple_mean (a group's rate from its total count and population,
    a national figure) are not checked, and neither is an average of areas whose values include
    t.b.c.

    Fails:   areas 10, 20 and 40 with a group average of 24.1 marked simple_mean: true (the mean is 23.33)
    Passes:  the same with 23.3
    Fix:     correct the average, or leave out simple_mean if the figure is worked out another way.
    """
    for indicator, comparison in _comparisons(ctx):
        mean = comparison.mean()
        for comparator in comparison.comparators:
            printed = comparator.value.number
            if mean is not None and comparator.simple_mean and printed is not None and \
                    abs(mean - printed) > rounding(printed):
                yield _mean_problem(indicator, comparison, comparator.name, printed, mean,
                                    comparator.path + ("value",))
