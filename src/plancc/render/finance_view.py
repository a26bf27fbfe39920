"""The funding and expenditure table as a page shows it: computed totals, nil and t.b.c. in words."""

from __future__ import annotations

from dataclasses import dataclass, field

from plancc.model.derive import category_total, line_total, side_total
from plancc.model.periods import MONTH_NAMES, Kind, Period, PeriodError, parse_period
from plancc.model.plan import Finance, FinanceLine
from plancc.model.values import Figure, Total, format_number


@dataclass(frozen=True)
class Cell:
    """One figure in a table: what to show, what a screen reader says, and whether it is provisional."""

    text: str
    spoken: str = ""
    provisional: bool = False
    kind: str = "number"  # number, nil, tbc, provisional


@dataclass
class Row:
    label: str
    cells: list[Cell]
    kind: str = "line"  # line, subtotal, total


@dataclass
class Block:
    """One side of the table (funding or expenditure): its rows, category by category."""

    title: str
    rows: list[Row] = field(default_factory=list)


@dataclass
class FinanceView:
    title: str
    headers: list[tuple[str, str]]  # (heading, detail such as "Apr–Jun")
    blocks: list[Block]
    balance: Row | None
    has_provisional: bool


def figure_cell(fig: Figure | None) -> Cell:
    """A single amount: a number, nil (shown as a dash) or to be confirmed."""
    if fig is None or fig.is_nil:
        return Cell("–", "nil", kind="nil")
    if fig.is_tbc:
        return Cell("t.b.c.", "to be confirmed", kind="tbc")
    return Cell(format_number(fig.number))


def total_cell(found: Total) -> Cell:
    """A computed total; one that includes t.b.c. values says so in words, not by colour or mark alone."""
    if not found.unknown and found.known == 0:
        return Cell("–", "nil", kind="nil")
    if found.unknown and found.known == 0:
        return Cell("t.b.c.", "to be confirmed", kind="tbc")
    if found.unknown:
        return Cell(f"{format_number(found.known)} + t.b.c.", f"{format_number(found.known)} so far, provisional: "
                    f"{found.unknown} {'value' if found.unknown == 1 else 'values'} to be confirmed",
                    provisional=True, kind="provisional")
    return Cell(format_number(found.known))


def _columns(finance: Finance) -> list[tuple[str, str]]:
    """The table's columns as (key, heading): each period, a total after each year's quarters, all years."""
    found: list[tuple[str, str]] = []
    periods: list[Period | None] = finance.columns
    for index, (label, period) in enumerate(zip(finance.column_labels, periods)):
        found.append((label, label))
        nxt = periods[index + 1] if index + 1 < len(periods) else None
        if period is not None and period.kind is Kind.QUARTER and (
                nxt is None or nxt.kind is not Kind.QUARTER or nxt.fy_start_year != period.fy_start_year):
            year = label.split(" ")[0]
            found.append((year, f"Total {year}"))
    found.append(("all", "Total all years"))
    return found


def _line_row(line: FinanceLine, keys: list[str], column_labels: set[str]) -> Row:
    cells = []
    for key in keys:
        if key in column_labels:
            cells.append(figure_cell(line.amounts[key][0]) if key in line.amounts else Cell("–", "nil", kind="nil"))
        else:
            cells.append(total_cell(line_total(line, key)))
    return Row(line.name, cells)


def finance_view(finance: Finance, title: str | None) -> FinanceView:
    columns = _columns(finance)
    keys = [key for key, _ in columns]
    labels = set(finance.column_labels)
    blocks = []
    for side, categories in (("Funding", finance.funding), ("Expenditure", finance.expenditure)):
        if not categories:
            continue
        block = Block(side)
        for cat in categories:
            block.rows.extend(_line_row(line, keys, labels) for line in cat.lines)
            block.rows.append(Row(f"Total {cat.name}", [total_cell(category_total(cat, key)) for key in keys],
                                  "subtotal"))
        block.rows.append(Row(f"Total {side.lower()}", [total_cell(side_total(categories, key)) for key in keys],
                              "total"))
        blocks.append(block)
    balance = None
    if finance.funding and finance.expenditure:
        cells = []
        for key in keys:
            money_in, money_out = side_total(finance.funding, key), side_total(finance.expenditure, key)
            if money_in.unknown or money_out.unknown:
                cells.append(Cell("not yet known", "not yet known: includes amounts to be confirmed", True, "tbc"))
            else:
                gap = money_in.known - money_out.known
                cells.append(Cell(format_number(gap), "balanced" if gap == 0 else ""))
        balance = Row("Funding less expenditure", cells, "total")
    provisional = any(c.provisional for b in blocks for r in b.rows for c in r.cells)
    headers = [(h, _months(key)) for key, h in columns]
    return FinanceView(title or "Funding and expenditure", headers, blocks, balance, provisional)


def _months(key: str) -> str:
    """'Apr–Jun' under a quarter's heading, so a reader need not know that Q1 starts in April."""
    if key == "all":
        return ""
    try:
        period = parse_period(key)
    except PeriodError:
        return ""
    if period.kind is not Kind.QUARTER:
        return ""
    return f"{MONTH_NAMES[period.start.month - 1][:3]}–{MONTH_NAMES[period.end.month - 1][:3]}"
