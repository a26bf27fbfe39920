"""Rule: funding against expenditure, period by period."""

from __future__ import annotations

from typing import Iterator

from plancc.diagnostics import Severity
from plancc.model.values import format_number
from plancc.rules import Context, Problem, rule
from plancc.model.derive import side_total


@rule("finance-balance", Severity.WARNING)
def finance_balance(ctx: Context) -> Iterator[Problem]:
    """Funding and expenditure differ in a period of the table (the gap is reported).

    A plan's funding table and its spending table normally balance in every column. Where they
    do not, plancc reports the gap, so that a reviewer can see money that is not yet found or
    not yet allocated. Where either side includes t.b.c. values, the balance cannot be known.

    Fails:   2002/03 Q1 funding 52,611 and expenditure 52,000
    Passes:  both 52,611
    Fix:     correct the amount that is wrong, or explain the gap in the finance note.
    """
    finance = ctx.plan.finance
    if finance is None or not finance.funding or not finance.expenditure:
        return
    for index, label in enumerate(finance.column_labels):
        money_in = side_total(finance.funding, label)
        money_out = side_total(finance.expenditure, label)
        path = finance.path + ("columns", index)
        if (money_in.unknown or money_out.unknown) and money_in.known != money_out.known:
            yield Problem(path, f"In {label}, funding is {money_in.describe()} and expenditure is "
                          f"{money_out.describe()}: they may not balance, and the gap cannot be known until the "
                          "amounts to be confirmed are known.",
                          hint="Check the amounts in this column, and confirm the t.b.c. amounts when known.",
                          value=label)
        elif money_in.known != money_out.known:
            gap = money_in.known - money_out.known
            more = "more" if gap > 0 else "less"
            yield Problem(path, f"In {label}, funding is {money_in.describe()} but expenditure is "
                          f"{money_out.describe()}: funding is {format_number(abs(gap))} {more} than spending.",
                          hint="Check the amounts in this column on both sides of the table.", value=label)
        elif money_in.unknown != money_out.unknown:
            unsure = "funding" if money_in.unknown > money_out.unknown else "expenditure"
            yield Problem(path, f"In {label}, funding and expenditure agree on their known amounts "
                          f"({format_number(money_in.known)}), but {unsure} includes more values still t.b.c., "
                          "so the two may not balance.",
                          hint="Confirm the t.b.c. amounts when they are known.", value=label)
