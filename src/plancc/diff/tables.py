"""Changes to the tables in a plan's sections: added, removed, moved to another section, recaptioned,
and their columns, rows and cells, named as a reader finds them ('Robbery, 2014/15 Offences').

A table is known by its caption, or else by its place among the uncaptioned tables of its section;
one not found so is paired with a table that has the same columns. A column is known by its heading
and the header rows over it, a row by its header cells (its first cell, by default). Cells are
compared as written, so 65.690 and 65.69 differ, as they do on the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generator, Iterator

from plancc.diff import words
from plancc.diff.changes import Change, details, keyed, normal, pairs, steady
from plancc.diff.outline import Block, Section
from plancc.model.plan import Plan

_NAMED = 3  # cells named one by one up to this many; more are counted
_ROWS_NAMED = 4


@dataclass(frozen=True)
class Placed:
    """A table, the section it is in, and what it is known by."""

    block: Block
    section: Section
    key: str = ""

    @property
    def table(self) -> dict[str, Any]:
        table: dict[str, Any] = self.block.value
        return table

    @property
    def name(self) -> str:
        """"'Recorded crime by category, ...'", or the table known by its column headings."""
        caption = self.table.get("caption")
        if caption:
            return f"the table {words.quoted(caption)}"
        return f"the table ({words.short(', '.join(_headings(self.table)), 50)})"

    @property
    def subject(self) -> str:
        """'The table '...' in section 2'."""
        return f"{words.upper_first(self.name)} in {self.section.name}"


@dataclass
class _Grid:
    """A table as a reader finds its cells: columns named by their headings, rows by their header cells."""

    columns: dict[str, int]  # column name -> its position
    units: dict[str, str]
    rows: dict[str, dict[int, str]]  # row name -> the text of each cell, by column position
    header_columns: int


def _headings(table: dict[str, Any]) -> list[str]:
    return [c if isinstance(c, str) else c["heading"] for c in table["columns"]]


def _text(plan: Plan, value: Any, path: tuple[Any, ...]) -> str:
    """A cell as written: 0.660 stays 0.660; a list as its items."""
    if isinstance(value, dict):
        inner = _text(plan, value["text"], path + ("text",)) if value.get("text") is not None else ""
        return "; ".join(([inner] if inner else []) + [" ".join(str(i).split()) for i in value.get("list") or []])
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return plan.source.raw(path) or str(value)
    return "" if value is None else " ".join(str(value).split())


def _place(plan: Plan, rows: list[list[Any]], path: tuple[Any, ...]) -> tuple[dict[tuple[int, int], str],
                                                                               dict[tuple[int, int], str]]:
    """Each cell's text at its place on the grid (allowing for spans): where each starts, and every place it covers."""
    start: dict[tuple[int, int], str] = {}
    cover: dict[tuple[int, int], str] = {}
    for r, row in enumerate(rows):
        column = 0
        for c, cell in enumerate(row):
            while (r, column) in cover:
                column += 1
            text = _text(plan, cell, path + (r, c))
            span = cell if isinstance(cell, dict) else {}
            start[(r, column)] = text
            for dr in range(span.get("rowspan") or 1):
                for dc in range(span.get("colspan") or 1):
                    cover[(r + dr, column + dc)] = text
            column += span.get("colspan") or 1
    return start, cover


def _grid(plan: Plan, placed: Placed) -> _Grid:
    table, path = placed.table, placed.block.path + ("rows",)
    header_rows = table.get("header_rows") or 0
    header_columns = 1 if table.get("header_columns") is None else table["header_columns"]
    start, cover = _place(plan, table.get("rows", []), path)
    names = []
    for c, heading in enumerate(_headings(table)):
        over = [cover.get((r, c), "") for r in range(header_rows)]
        names.append(" ".join(dict.fromkeys(t for t in over + [heading] if t)))
    columns = keyed(range(len(names)), lambda c: names[c])
    units = {name: (table["columns"][c].get("unit") or "") if isinstance(table["columns"][c], dict) else ""
             for name, c in columns.items()}
    body = range(header_rows, len(table.get("rows", [])))
    rows = keyed(body, lambda r: ", ".join(t for c in range(header_columns) if (t := cover.get((r, c), "")))
                 or f"row {r - header_rows + 1}")
    cells = {name: {c: start.get((r, c), "") for c in range(header_columns, len(names))} for name, r in rows.items()}
    return _Grid(columns, units, cells, header_columns)


def _key(block: Block, section: Section, n: int) -> str:
    caption = block.value.get("caption")
    return " ".join(caption.split()) if caption else f"{section.key}/table {n}"


def placed(sections: dict[str, Section]) -> dict[str, Placed]:
    """Every table by its key: its caption, or its section and its place among that section's uncaptioned tables."""
    found: list[Placed] = []
    for section in sections.values():
        uncaptioned = 0
        for block in (b for b in section.blocks if b.kind == "table"):
            uncaptioned += 0 if block.value.get("caption") else 1
            found.append(Placed(block, section, _key(block, section, uncaptioned)))
    return {key: Placed(t.block, t.section, key) for key, t in keyed(found, lambda t: t.key).items()}


def matched(before: dict[str, Placed], after: dict[str, Placed]) -> list[tuple[Placed | None, Placed | None]]:
    """Tables paired by key, then those left over by their columns; in the new order, then what was removed."""
    found = list(pairs(before, after))
    gone = [was for _, was, now in found if now is None and was is not None]
    partner: dict[int, Placed] = {}  # id() of a new table -> the old table with the same columns
    for _, was, now in found:
        if was is None and now is not None:
            same = next((t for t in gone if normal(t.table["columns"]) == normal(now.table["columns"])), None)
            if same is not None:
                gone.remove(same)
                partner[id(now)] = same
    taken = {id(t) for t in partner.values()}
    return [(partner.get(id(now), was) if now is not None else was, now) for _, was, now in found
            if not (now is None and was is not None and id(was) in taken)]


def compare(old: Plan, new: Plan, before: dict[str, Section], after: dict[str, Section],
            same: dict[int, Section]) -> Iterator[Change]:
    """`same` pairs each old section (by id()) with its new one; a table in a section added or removed is
    said by that section's sentence."""
    kept = {id(s) for s in same.values()}
    for was, now in matched(placed(before), placed(after)):
        if was is None and now is not None and id(now.section) in kept:
            yield Change("sections", "table-added", _path(now), f"{words.upper_first(now.name)} was added to "
                         f"{now.section.name}, with {_size(now.table)}.", None, now.table.get("caption"))
        elif now is None and was is not None and id(was.section) in same:
            yield Change("sections", "table-removed", _path(was), f"{words.upper_first(was.name)} was removed from "
                         f"{was.section.name}.", was.table.get("caption"))
        elif was is not None and now is not None:
            yield from _table(old, new, was, now, same)


def _path(placed: Placed) -> str:
    return f"sections[{placed.section.key}].tables[{placed.key}]"


def _size(table: dict[str, Any]) -> str:
    body = len(table.get("rows", [])) - (table.get("header_rows") or 0)
    return f"{words.plural(len(table['columns']), 'column')} and {words.plural(body, 'row')}"


def _table(old: Plan, new: Plan, was: Placed, now: Placed, same: dict[int, Section]) -> Iterator[Change]:
    path = _path(now)
    before, after = was.table.get("caption"), now.table.get("caption")
    if before != after:
        sentence = (f"{was.subject} is now captioned {words.quoted(after)}." if before and after else
                    f"{was.subject} now has the caption {words.quoted(after)}." if after else
                    f"{was.subject} no longer has a caption (it was {words.quoted(before or '')}).")
        yield Change("sections", "table-caption-changed", path + ".caption", sentence, before, after)
    if same.get(id(was.section)) is not now.section:
        yield Change("sections", "table-moved", path, f"{words.upper_first(now.name)} is now in {now.section.name} "
                     f"instead of {was.section.name}.", was.section.key, now.section.key)
    old_grid, new_grid = _grid(old, was), _grid(new, now)
    columns = yield from _columns(now.subject, path, old_grid, new_grid)
    yield from _rows(now.subject, path, old_grid, new_grid)
    yield from _cells(now.subject, path, old_grid, new_grid, columns)
    yield from details("sections", now.subject, path, was.table, now.table, ("caption", "columns", "rows"))


def _listed(names: list[str]) -> str:
    return words.join(words.quoted(n, 50) for n in names)


def _columns(subject: str, path: str, was: _Grid, now: _Grid) -> Generator[Change, None, dict[str, str]]:
    """Columns added, removed, headed anew (in the same place) or given another unit; returns the columns
    found in both, by name in each."""
    common = {name: name for name in now.columns if name in was.columns}
    added = [n for n in now.columns if n not in was.columns]
    removed = [n for n in was.columns if n not in now.columns]
    for name in list(added):
        same_place = next((o for o in removed if was.columns[o] == now.columns[name]), None)
        if same_place is not None:
            common[name] = same_place
            added.remove(name)
            removed.remove(same_place)
            yield Change("sections", "table-column-renamed", f"{path}.columns[{name}]", f"{subject}: the column "
                         f"{words.quoted(same_place, 50)} is now headed {words.quoted(name, 50)}.", same_place, name)
    for names, kind, verb in ((added, "table-columns-added", "added"), (removed, "table-columns-removed", "removed")):
        if names:
            noun = "column" if len(names) == 1 else "columns"
            yield Change("sections", kind, f"{path}.columns", f"{subject}: {noun} {_listed(names)} {verb}.",
                         None if verb == "added" else names, names if verb == "added" else None)
    for name, old_name in common.items():
        if was.units.get(old_name) != now.units.get(name):
            unit = f"{subject}: the unit of the column {words.quoted(name, 50)}"
            yield Change("sections", "table-unit-changed", f"{path}.columns[{name}].unit", words.field_change(
                unit, was.units.get(old_name) or None, now.units.get(name) or None), was.units.get(old_name),
                now.units.get(name))
    return common


def _rows(subject: str, path: str, was: _Grid, now: _Grid) -> Iterator[Change]:
    added = [n for n in now.rows if n not in was.rows]
    removed = [n for n in was.rows if n not in now.rows]
    for names, kind, verb in ((added, "table-rows-added", "added"), (removed, "table-rows-removed", "removed")):
        if names:
            noun = "row" if len(names) == 1 else "rows"
            yield Change("sections", kind, f"{path}.rows", f"{subject}: {noun} {_listed(names)} {verb}.",
                         None if verb == "added" else names, names if verb == "added" else None)
    order = list(now.rows)
    kept_before = [n for n in was.rows if n in now.rows]
    kept_after = [n for n in now.rows if n in was.rows]
    stayed = steady([kept_before.index(n) for n in kept_after])
    for n, name in enumerate(kept_after):
        if n not in stayed:
            at = order.index(name)
            where = f"after {words.quoted(order[at - 1], 50)}" if at else "first"
            yield Change("sections", "table-row-moved", f"{path}.rows[{name}]", f"{subject}: row "
                         f"{words.quoted(name, 50)} moved; it now comes {where}.", kept_before.index(name), at)


def _cells(subject: str, path: str, was: _Grid, now: _Grid, columns: dict[str, str]) -> Iterator[Change]:
    """'3 cells (Robbery, 2014/15 Offences: 84 to 86; ...)', or a count of them and the rows they are in."""
    changed: list[tuple[str, str, str, str]] = []
    for row, cells in now.rows.items():
        before = was.rows.get(row)
        if before is None:
            continue
        for name, old_name in columns.items():
            position, old_position = now.columns[name], was.columns[old_name]
            if position < now.header_columns:
                continue
            if before.get(old_position, "") != cells.get(position, ""):
                changed.append((row, name, before.get(old_position, ""), cells.get(position, "")))
    if not changed:
        return
    count = words.plural(len(changed), "cell")
    if len(changed) <= _NAMED:
        said = "; ".join(f"{row}, {column}: {_cell(a)} to {_cell(b)}" for row, column, a, b in changed)
        sentence = f"{subject} changed: {count} ({said})."
    else:
        rows = list(dict.fromkeys(row for row, *_ in changed))
        where = (f"in the rows {_listed(rows)}" if len(rows) <= _ROWS_NAMED else f"in {len(rows)} rows")
        sentence = f"{subject} changed: {count}, {where}."
    yield Change("sections", "table-cells-changed", f"{path}.cells", sentence,
                 {f"{row} / {column}": a for row, column, a, _ in changed},
                 {f"{row} / {column}": b for row, column, _, b in changed})


def _cell(text: str) -> str:
    return text if text else "empty"
