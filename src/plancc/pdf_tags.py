"""Repair the table structure WeasyPrint 70 tags into a PDF, so tables are PDF/UA-1 (ISO 14289-1 §7.5).

WeasyPrint builds the structure tree from its box tree (weasyprint/pdf/tags.py), and tables come out
wrong in three ways:

- An anonymous table box borrows its parent's element, so it is tagged as its parent is. A table kid
  that is not a row group, row or caption (a visually hidden caption: `position: absolute` makes it a
  block) is wrapped, as CSS 2 §17.2.1 says, in an anonymous row group, row and cell, which come out as
  Table > Table > Table > Table > Caption. Anonymous rows and cells come out as TBody in TBody, TR in TR.
- Header cells get an /ID, and data cells /Headers, but no header cell gets /Scope (Kozea/WeasyPrint
  #2508), and a scope="rowgroup" header is taken for the column header of the first column.
- The /IDs are written without the /IDTree that ISO 32000-1 §14.7.2 requires to resolve /Headers.

`fix_tables` takes the PDF's bytes and returns them repaired: the wrapper levels spliced out (their kids
and the parent tree's entries for any content they held moved to the element above), the Caption the
table's first kid, /Scope on every TH, /Headers on data cells recomputed (row group, row and column
headers), and an /IDTree. The first /ID entry is kept and the second is a hash of the content, so the
same page gives the same bytes. A table split over pages stays one Table a page, as WeasyPrint writes
it (Kozea/WeasyPrint#2903): the parts are not merged, so a row group header heads the rows of its own
part only, and the parts after the first have no Caption.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Iterator, Union

import pikepdf
from pikepdf import Array, Dictionary, Name, Object, Pdf, String

TABLE_PARTS = frozenset({"/Table", "/THead", "/TBody", "/TFoot", "/TR"})
TABLE_KIDS = frozenset({"/Caption", "/THead", "/TBody", "/TFoot", "/TR"})
ROW_GROUPS = frozenset({"/THead", "/TBody", "/TFoot"})
CELLS = frozenset({"/TH", "/TD"})


@dataclass(eq=False, slots=True)
class Node:
    """A structure element, read once: its dictionary, type, /ID, kids (elements as Nodes; MCIDs, /MCR
    and /OBJR as they are) and parent. `changed` marks a /K to write back."""

    obj: Dictionary
    role: str
    ident: String | None = None
    kids: list[Kid] = field(default_factory=list)
    parent: Node | None = None
    changed: bool = False

    def elements(self) -> list[Node]:
        return [k for k in self.kids if isinstance(k, Node)]


Kid = Union[Node, Object, int]


@dataclass(slots=True)
class Cell:
    """A TH or TD with its place on the table's grid."""

    node: Node
    header: bool
    row: int
    column: int
    rows: int
    columns: int
    scope: str | None = None
    group_header: bool = False


@dataclass(slots=True)
class Row:
    """A TR, the row group it is in ('/THead', '/TBody', '/TFoot', or '/Table' for none) and its cells."""

    node: Node
    group: str
    group_index: int
    cells: list[Cell] = field(default_factory=list)


@dataclass(slots=True)
class Fixes:
    """What `fix_structure` changed."""

    spliced: int = 0
    captions_moved: int = 0
    scopes: int = 0
    headers: int = 0
    ids: int = 0


# --- Reading and writing the tree -----------------------------------------------------------------

def read_tree(root: Dictionary) -> list[Node]:
    """The structure elements under the root, as Nodes (each element once, even if listed twice)."""
    seen: set[tuple[int, int]] = set()

    def node(obj: Dictionary, parent: Node | None) -> Node:
        made = Node(obj, str(obj.S), obj.get("/ID"), parent=parent)
        k = obj.get("/K")
        for kid in (k if isinstance(k, Array) else [] if k is None else [k]):
            if isinstance(kid, Dictionary) and "/S" in kid:
                if kid.is_indirect:
                    if kid.objgen in seen:
                        continue
                    seen.add(kid.objgen)
                made.kids.append(node(kid, made))
            else:
                made.kids.append(kid)
        return made

    k = root.get("/K")
    tops = k if isinstance(k, Array) else [] if k is None else [k]
    return [node(top, None) for top in tops if isinstance(top, Dictionary) and "/S" in top]


def walk(nodes: list[Node]) -> Iterator[Node]:
    """Every node, parents before kids, in document order."""
    stack = list(reversed(nodes))
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(current.elements()))


def write_back(nodes: list[Node]) -> None:
    """Write /K for every node whose kids changed."""
    for current in walk(nodes):
        if current.changed:
            current.obj.K = Array([k.obj if isinstance(k, Node) else k for k in current.kids])


class ParentTree:
    """The /ParentTree number tree: which element owns each page's MCIDs and each annotation."""

    def __init__(self, root: Dictionary) -> None:
        self.leaves: list[Array] = []
        tree = root.get("/ParentTree")
        stack = [tree] if tree is not None else []
        while stack:
            current = stack.pop()
            if "/Nums" in current:
                self.leaves.append(current.Nums)
            stack.extend(current.get("/Kids", []))

    def entry(self, key: int) -> tuple[Array, int] | None:
        for nums in self.leaves:
            for i in range(0, len(nums) - 1, 2):
                if int(nums[i]) == key:
                    return nums, i + 1
        return None

    def move(self, content: Object | int, page: Object | None, new_parent: Dictionary) -> Object | int:
        """Point the tree at `new_parent` for a kid that is content (an MCID, /MCR or /OBJR), and return
        the kid as `new_parent` can hold it (an MCID of another page than the new parent's: an /MCR)."""
        if isinstance(content, int):
            self._set_mcid(page, content, new_parent)
            if page is not None and not same(new_parent.get("/Pg"), page):
                return Dictionary(Type=Name.MCR, Pg=page, MCID=content)
        elif isinstance(content, Dictionary) and content.get("/Type") == Name.MCR and "/Stm" not in content:
            self._set_mcid(content.get("/Pg", page), int(content.MCID), new_parent)
        elif isinstance(content, Dictionary) and content.get("/Type") == Name.OBJR:
            key = content.Obj.get("/StructParent")
            found = None if key is None else self.entry(int(key))
            if found is not None:
                found[0][found[1]] = new_parent
        return content

    def _set_mcid(self, page: Object | None, mcid: int, element: Dictionary) -> None:
        key = None if page is None else page.get("/StructParents")
        found = None if key is None else self.entry(int(key))
        if found is not None:
            entries = found[0][found[1]]
            if isinstance(entries, Array) and mcid < len(entries):
                entries[mcid] = element


def same(a: object, b: object) -> bool:
    """True when both are the same indirect object."""
    return (isinstance(a, Object) and isinstance(b, Object) and a.is_indirect and b.is_indirect
            and a.objgen == b.objgen)


# --- Wrapper levels and captions ------------------------------------------------------------------

def splice_wrappers(current: Node, tree: ParentTree, fixes: Fixes) -> None:
    """Splice out, bottom up, every table part tagged as its own parent is (Table in Table, TBody in
    TBody, TR in TR: WeasyPrint's anonymous table boxes), its kids taking its place."""
    new_kids: list[Kid] = []
    for kid in current.kids:
        if isinstance(kid, Node):
            splice_wrappers(kid, tree, fixes)
        if not (isinstance(kid, Node) and kid.role in TABLE_PARTS and kid.role == current.role):
            new_kids.append(kid)
            continue
        fixes.spliced += 1
        current.changed = True
        for grandkid in kid.kids:
            if isinstance(grandkid, Node):
                grandkid.parent, grandkid.obj.P = current, current.obj
                new_kids.append(grandkid)
            else:
                new_kids.append(tree.move(grandkid, kid.obj.get("/Pg"), current.obj))
    current.kids = new_kids


def tidy_table(table: Node, fixes: Fixes) -> None:
    """Make the Caption the table's first kid, and move what may not be a table's kid (what was in an
    anonymous cell, other than a caption) to just after the table, in the table's parent."""
    caption = next((k for k in table.elements() if k.role == "/Caption"), None)
    stray = [k for k in table.elements() if k.role not in TABLE_KIDS]
    moved = caption is not None and table.kids[0] is not caption
    if not moved and not stray:
        return
    fixes.captions_moved += moved
    rest = [k for k in table.kids if k is not caption and not any(k is s for s in stray)]
    table.kids, table.changed = ([caption] if caption is not None else []) + rest, True
    if stray and table.parent is not None:
        siblings = table.parent.kids
        at = next(i for i, k in enumerate(siblings) if k is table) + 1
        for node in stray:
            node.parent, node.obj.P = table.parent, table.parent.obj
        table.parent.kids, table.parent.changed = siblings[:at] + stray + siblings[at:], True


# --- Header scopes and associations ---------------------------------------------------------------

def attributes(cell: Dictionary) -> Dictionary:
    """The cell's table attribute dictionary (/A << /O /Table ... >>), made if it has none."""
    a = cell.get("/A")
    if isinstance(a, Dictionary) and a.get("/O", Name.Table) == Name.Table:
        a.O = Name.Table
        return a
    if a is None:
        cell.A = Dictionary(O=Name.Table)
        return cell.A
    if isinstance(a, Dictionary):  # another owner's attributes: keep them, in an array
        cell.A = Array([a])
    listed = cell.A
    for item in listed:
        if isinstance(item, Dictionary) and item.get("/O") == Name.Table:
            return item
    listed.append(Dictionary(O=Name.Table))
    return listed[len(listed) - 1]


def table_rows(table: Node) -> list[Row]:
    """The table's rows in order, with their cells placed on the grid (row and column spans honoured)."""
    rows: list[Row] = []
    for index, kid in enumerate(table.elements()):
        if kid.role == "/TR":
            rows.append(Row(kid, "/Table", index))
        elif kid.role in ROW_GROUPS:
            rows.extend(Row(r, kid.role, index) for r in kid.elements() if r.role == "/TR")
    taken: set[tuple[int, int]] = set()
    for r, row in enumerate(rows):
        column = 0
        for cell in (c for c in row.node.elements() if c.role in CELLS):
            while (r, column) in taken:
                column += 1
            a = attributes(cell.obj)
            rows_spanned, columns_spanned = max(1, int(a.get("/RowSpan", 1))), max(1, int(a.get("/ColSpan", 1)))
            row.cells.append(Cell(cell, cell.role == "/TH", r, column, rows_spanned, columns_spanned))
            taken.update((r + i, column + j) for i in range(rows_spanned) for j in range(columns_spanned))
            column += columns_spanned
    return rows


def assign_scopes(rows: list[Row]) -> None:
    """Each TH's scope, from where it is. In THead: Column (Both if its row also has data cells).
    Elsewhere: Row if its row has data cells, Column if its row has only header cells. A lone header
    cell spanning every column (scope="rowgroup" in HTML) is a Row header, and also heads every cell
    of the rows after it in its row group (see `associate`)."""
    width = max((c.column + c.columns for row in rows for c in row.cells), default=0)
    for row in rows:
        data = any(not c.header for c in row.cells)
        for cell in (c for c in row.cells if c.header):
            if row.group == "/THead":
                cell.scope = "Both" if data else "Column"
            elif len(row.cells) == 1 and width > 1 and cell.columns >= width:
                cell.scope, cell.group_header = "Row", True
            else:
                cell.scope = "Row" if data or len(row.cells) == 1 else "Column"


def header_ids(rows: list[Row], next_id: Iterator[str]) -> dict[int, String]:
    """The /ID of every header cell (keyed by id() of its Cell); one is made where it has none."""
    ids: dict[int, String] = {}
    for cell in (c for row in rows for c in row.cells if c.header):
        if cell.node.ident is None:
            cell.node.obj.ID = cell.node.ident = String(next(next_id))
        ids[id(cell)] = cell.node.ident
    return ids


def row_groups(rows: list[Row]) -> dict[int, Cell]:
    """For each row (by index) under a row group header, that header: from the header's row to the end
    of its row group (TBody), or to the next row group header."""
    group_of: dict[int, Cell] = {}
    for r, row in enumerate(rows):
        if len(row.cells) == 1 and row.cells[0].group_header:
            group_of[r] = row.cells[0]
        elif r and r - 1 in group_of and rows[r - 1].group_index == row.group_index:
            group_of[r] = group_of[r - 1]
    return group_of


def associate(rows: list[Row], ids: dict[int, String]) -> int:
    """/Headers on each data cell: its row group's header, its row's headers to its left, and the column
    headers above it; on each row header under a row group header, that header. Returns how many."""
    group_of = row_groups(rows)
    written = 0
    for r, row in enumerate(rows):
        group = group_of.get(r)
        for cell in (c for c in row.cells if not c.group_header):
            found = [ids[id(group)]] if group is not None else []
            if not cell.header:
                found += [ids[id(h)] for rr in rows[r:r + cell.rows] for h in rr.cells
                          if h.scope in ("Row", "Both") and not h.group_header and h.column < cell.column]
                found += [ids[id(h)] for rr in rows[:r] for h in rr.cells if h.scope in ("Column", "Both")
                          and h.column < cell.column + cell.columns and cell.column < h.column + h.columns]
            a = attributes(cell.node.obj)
            if found:
                a.Headers = Array(list(dict.fromkeys(found)))
                written += 1
            elif "/Headers" in a:
                del a.Headers
    return written


def fix_table(table: Node, next_id: Iterator[str], fixes: Fixes) -> None:
    """Scope on every TH, /Headers on every data cell, of one table."""
    rows = table_rows(table)
    assign_scopes(rows)
    for cell in (c for row in rows for c in row.cells if c.scope):
        attributes(cell.node.obj).Scope = Name("/" + cell.scope)
        fixes.scopes += 1
    fixes.headers += associate(rows, header_ids(rows, next_id))


def write_id_tree(pdf: Pdf, root: Dictionary, nodes: list[Node], fixes: Fixes) -> None:
    """Register every element's /ID in the structure tree root's /IDTree (one leaf, keys sorted)."""
    named: dict[bytes, Dictionary] = {}
    for current in walk(nodes):
        if current.ident is not None:
            named.setdefault(bytes(current.ident), current.obj)
    if not named:
        return
    names: list[Object] = []
    for key in sorted(named):
        names += [String(key), named[key]]
    root.IDTree = pdf.make_indirect(Dictionary(Names=Array(names)))
    fixes.ids = len(named)


# --- The whole document ---------------------------------------------------------------------------

def fix_structure(pdf: Pdf) -> Fixes:
    """Repair, in place, the tables of a PDF tagged by WeasyPrint."""
    fixes = Fixes()
    root = pdf.Root.get("/StructTreeRoot")
    if root is None:
        return fixes
    nodes = read_tree(root)
    tree = ParentTree(root)
    for top in nodes:
        splice_wrappers(top, tree, fixes)
    counter = (f"plancc-th-{n}" for n in range(1, 1 << 62))
    for table in [n for n in walk(nodes) if n.role == "/Table"]:
        tidy_table(table, fixes)
        fix_table(table, counter, fixes)
    write_back(nodes)
    write_id_tree(pdf, root, nodes, fixes)
    return fixes


def fix_tables(data: bytes) -> bytes:
    """The PDF's bytes with its table structure repaired; the same bytes in give the same bytes out."""
    with Pdf.open(io.BytesIO(data)) as pdf:
        fix_structure(pdf)
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, fix_metadata_version=False,
                 stream_decode_level=pikepdf.StreamDecodeLevel.none)
        return out.getvalue()
