"""Changes to funding and expenditure: amounts moved between years or lines, with the totals.

Lines are matched by name within their side (funding or expenditure) and category; amounts by
period. Each changed amount is said with the total of its side for that period before and after,
worked out by model/derive.py, so money moved between two lines shows the total staying put.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from plancc.diff import words
from plancc.diff.changes import Change, data_at, details, keyed, pairs
from plancc.model.derive import line_total, side_total
from plancc.model.plan import Finance, FinanceCategory, FinanceLine, Plan

_SIDES = (("funding", "Funding line", "funding"), ("expenditure", "Spending line", "expenditure"))


@dataclass(frozen=True)
class _Side:
    """One side of both versions' tables: funding or expenditure."""

    key: str
    noun: str  # 'Funding line'
    total_name: str  # 'funding'
    old: list[FinanceCategory]
    new: list[FinanceCategory]

    def move(self, period: str) -> str:
        """'total funding for 2003/04 rises from 265,099 + t.b.c. to 275,099 + t.b.c.'"""
        when = "over all years" if period == "all" else f"for {period}"
        before, after = side_total(self.old, period), side_total(self.new, period)
        return f"total {self.total_name} {when} {words.total_move(before, after)}"


def compare(old: Plan, new: Plan) -> Iterator[Change]:
    if old.finance is None and new.finance is None:
        return
    if old.finance is None or new.finance is None:
        yield _table_added_or_removed(old.finance, new.finance)
        return
    yield from _columns(old.finance, new.finance)
    for key, noun, total_name in _SIDES:
        side = _Side(key, noun, total_name, getattr(old.finance, key), getattr(new.finance, key))
        yield from _lines(old, new, side)
        yield from _categories(old, new, side)
    yield from details("finance", "The finance table", "finance", old.data["finance"], new.data["finance"],
                       ("columns", "funding", "expenditure"))


def _table_added_or_removed(old: Finance | None, new: Finance | None) -> Change:
    if old is None:
        return Change("finance", "finance-added", "finance", "A funding and expenditure table was added.")
    return Change("finance", "finance-removed", "finance", "The funding and expenditure table was removed.")


def _columns(old: Finance, new: Finance) -> Iterator[Change]:
    for label in new.column_labels:
        if label not in old.column_labels:
            yield Change("finance", "column-added", f"finance.columns[{label}]",
                         f"The finance table now has a column for {label}.", None, label)
    for label in old.column_labels:
        if label not in new.column_labels:
            yield Change("finance", "column-removed", f"finance.columns[{label}]",
                         f"The finance table no longer has a column for {label}.", label)


def _line_key(category: FinanceCategory, line: FinanceLine) -> str:
    return f"{category.name}/{line.name}"


def _by_key(categories: list[FinanceCategory]) -> dict[str, tuple[FinanceCategory, FinanceLine]]:
    return keyed(((c, line) for c in categories for line in c.lines), lambda cl: _line_key(*cl))


def _label(side: _Side, category: str, name: str) -> str:
    """"Funding line 'PSA'", with its category where the same name is under another category too."""
    categories = {c.name for c in side.old + side.new for line in c.lines if line.name == name}
    return f"{side.noun} '{name}'" + (f" ({category})" if len(categories) > 1 else "")


def _lines(old: Plan, new: Plan, side: _Side) -> Iterator[Change]:
    for key, was, now in pairs(_by_key(side.old), _by_key(side.new)):
        path = f"finance.{side.key}[{key}]"
        if was is None and now is not None:
            category, line = now
            yield Change("finance", "line-added", path, f"{side.noun} '{line.name}' ({category.name}) added, "
                         f"{_whole(line)}; {side.move('all')}.", None, line.name)
        elif now is None and was is not None:
            category, line = was
            yield Change("finance", "line-removed", path, f"{side.noun} '{line.name}' ({category.name}) removed, "
                         f"{_whole(line)}; {side.move('all')}.", line.name)
        elif was is not None and now is not None:
            label = _label(side, now[0].name, now[1].name)
            yield from _amounts(side, was[1], now[1], label, path)
            yield from details("finance", label, path, data_at(old, was[1].path), data_at(new, now[1].path),
                               ("name", "amounts"))


def _whole(line: FinanceLine) -> str:
    return f"{words.total(line_total(line, 'all'))} over all years"


def _amounts(side: _Side, was: FinanceLine, now: FinanceLine, label: str, path: str) -> Iterator[Change]:
    """Each period's amount of a line, with the side's total for that period before and after."""
    before = {k: fig for k, (fig, _) in was.amounts.items()}
    after = {k: fig for k, (fig, _) in now.amounts.items()}
    for period, old_fig, new_fig in pairs(before, after):
        if words.same_figure(old_fig, new_fig):
            continue
        where = f"{path}.amounts[{period}]"
        if old_fig is None:
            kind, said = "amount-added", f"{label} now has {words.figure(new_fig)} for {period} (no amount before)"
        elif new_fig is None:
            kind, said = "amount-removed", f"{label} no longer has an amount for {period} (it was {old_fig})"
        else:
            kind, said = "amount-changed", f"{label} for {period} changed from {old_fig} to {new_fig}"
        yield Change("finance", kind, where, f"{said}; {side.move(period)}.", words.written(old_fig),
                     words.written(new_fig))


def _categories(old: Plan, new: Plan, side: _Side) -> Iterator[Change]:
    """A category's other fields (its stated totals); its lines say the rest."""
    def by_name(categories: list[FinanceCategory]) -> dict[str, FinanceCategory]:
        return keyed(categories, lambda c: c.name)

    for key, was, now in pairs(by_name(side.old), by_name(side.new)):
        if was is not None and now is not None:
            yield from details("finance", f"{side.total_name.capitalize()} category '{now.name}'",
                               f"finance.{side.key}[{key}]", data_at(old, was.path), data_at(new, now.path),
                               ("category", "lines"))
