"""Rules for the funding and expenditure table: row, category and grand totals, and t.b.c."""

from __future__ import annotations

from typing import Callable, Iterator

from plancc.diagnostics import Severity
from plancc.model.derive import category_total, line_total, side_total
from plancc.model.periods import PeriodError, parse_period
from plancc.model.plan import Finance, FinanceCategory, Stated
from plancc.model.values import Total, format_number
from plancc.rules import Context, Problem, rule

SIDES = ("funding", "expenditure")
Compute = Callable[[str], Total]


def is_total_key(key: str) -> bool:
    """'all', or a label that is a real period."""
    if key == "all":
        return True
    try:
        parse_period(key)
    except PeriodError:
        return False
    return True


def _key_words(key: str) -> str:
    return "all-years" if key == "all" else key


def _disagrees(stated: Stated, computed: Total) -> bool:
    fig = stated.figure
    if fig.is_tbc:
        return False
    if fig.is_nil:
        return computed.known != 0
    return fig.number != computed.known


def _compare(stated: dict[str, Stated], compute: Compute, what: str, parts: str) -> Iterator[Problem]:
    for key, item in stated.items():
        if not is_total_key(key):
            continue  # reported by period-label
        computed = compute(key)
        if _disagrees(item, computed):
            yield Problem(item.path, f"The {_key_words(key)} total of {what} is stated as {item.figure} but its "
                          f"{parts} add up to {computed.describe()}.",
                          hint=_fix_hint(computed),
                          value=str(item.figure))


def _fix_hint(computed: Total) -> str:
    if computed.provisional:
        return ("plancc works out totals itself: this one stays provisional until the t.b.c. values are known; "
                "correct the stated figure, or check the figures it adds up.")
    return (f"plancc works out totals itself: correct the stated figure to {format_number(computed.known)}, "
            "or check the figures it adds up.")


def _each_total(finance: Finance) -> Iterator[tuple[dict[str, Stated], Compute, str, str]]:
    """Every stated total in the table, with how to compute it and how to name it."""
    for side in SIDES:
        categories: list[FinanceCategory] = getattr(finance, side)
        for cat in categories:
            for line in cat.lines:
                yield line.stated, (lambda key, line=line: line_total(line, key)), f"'{line.name}'", "amounts"
            yield cat.stated, (lambda key, cat=cat: category_total(cat, key)), f"{side} {cat.name}", "lines"
        grand = finance.stated_funding if side == "funding" else finance.stated_expenditure
        yield grand, (lambda key, cats=categories: side_total(cats, key)), f"all {side}", "categories"


@rule("finance-total", Severity.WARNING)
def finance_total(ctx: Context) -> Iterator[Problem]:
    """A total printed in the funding and expenditure table does not equal the figures it adds up.

    Authors write each line's amount for each period; plancc adds them up. Where the plan also
    records a total the document prints (a row total, a category total such as TOTAL CAPITAL, or
    a grand total), plancc checks it and reports any difference with both numbers.

    Fails:   amounts {2002/03 Q1: 3850, 2002/03 Q2: 3850} with stated_totals {2002/03: 7800}
    Passes:  the same with stated_totals {2002/03: 7700}
    Fix:     correct the stated total, or the amount that is wrong.
    """
    if ctx.plan.finance is None:
        return
    for stated, compute, what, parts in _each_total(ctx.plan.finance):
        yield from _compare(stated, compute, what, parts)


@rule("total-provisional", Severity.WARNING)
def total_provisional(ctx: Context) -> Iterator[Problem]:
    """A total is printed as a firm figure although some of what it adds up is still t.b.c.

    A total that includes a value 'to be confirmed' is provisional: it is the known part plus
    values nobody knows yet. Printing it as a plain number hides that. plancc shows such totals
    as provisional and reports stated totals that present them as firm.

    Fails:   amounts {2003/04: tbc, 2004/05: 5000} with stated_totals {all: 5000}
    Passes:  stated_totals {all: tbc}, or no stated total
    Fix:     write the stated total as tbc, or confirm the t.b.c. amounts.
    """
    if ctx.plan.finance is None:
        return
    for stated, compute, what, _ in _each_total(ctx.plan.finance):
        for key, item in stated.items():
            if not is_total_key(key):
                continue
            computed = compute(key)
            if computed.provisional and not item.figure.is_tbc and not _disagrees(item, computed):
                values = "value" if computed.unknown == 1 else "values"
                yield Problem(item.path, f"The {_key_words(key)} total of {what} is stated as {item.figure}, but it "
                              f"includes {computed.unknown} {values} still t.b.c., so it is provisional.",
                              hint="Write the stated total as tbc; plancc will show the known part and mark the "
                                   "total as provisional.", value=str(item.figure))


@rule("finance-column", Severity.ERROR)
def finance_column(ctx: Context) -> Iterator[Problem]:
    """An amount is given for a period that is not one of the table's columns.

    Every amount must sit in one of the periods listed under finance: columns, or it would be
    left out of the published table and its totals.

    Fails:   columns [2002/03 Q1, 2002/03 Q2] and amounts {2002/03 Q3: 500}
    Passes:  columns [2002/03 Q1, 2002/03 Q2, 2002/03 Q3] and amounts {2002/03 Q3: 500}
    Fix:     add the period to columns, or move the amount to the right period.
    """
    finance = ctx.plan.finance
    if finance is None:
        return
    columns = set(finance.column_labels)
    for side in SIDES:
        for cat in getattr(finance, side):
            for line in cat.lines:
                for label, (_, path) in line.amounts.items():
                    if label not in columns:
                        yield Problem(path, f"'{line.name}' has an amount for {label}, which is not one of the "
                                      f"table's columns ({', '.join(finance.column_labels)}).",
                                      hint="Add the period to finance: columns, or correct the period.",
                                      value=label, on_key=True)
