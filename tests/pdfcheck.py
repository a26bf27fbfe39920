"""Look inside a PDF, for tests: tagging, language, title, bookmarks, fonts, table headers, pages
and their text; table structure (scopes, captions, nesting, header /IDs), the parent tree's
consistency, what ends each page, and pdfua's findings. Uses pikepdf, pdfua and poppler's pdfinfo,
pdffonts and pdftotext.

Where pikepdf, pdfua or poppler-utils is missing, the calling test is skipped with the reason, except in
CI (CI=true), where it fails.

    from pdfcheck import is_tagged, lang, all_fonts_embedded, page_texts
    assert is_tagged(pdf) and lang(pdf) == "en-GB" and all_fonts_embedded(pdf)
    texts = page_texts(pdf)
    assert all(f"Page {n} of {len(texts)}" in t for n, t in enumerate(texts, 1))
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import pytest


def _missing(reason: str) -> None:
    """Skip the calling test for a missing tool, or fail it in CI, where nothing may be missing."""
    if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
        pytest.fail(f"{reason} (CI=true: PDF tests must run here; scripts/setup installs it)", pytrace=False)
    pytest.skip(f"{reason}: run scripts/setup to install it")


def _pikepdf() -> Any:
    try:
        import pikepdf
    except ImportError:
        _missing("the Python package pikepdf is not installed in this environment")
    return pikepdf


def _poppler(tool: str, *args: str) -> str:
    exe = shutil.which(tool)
    if exe is None:
        _missing(f"poppler's {tool} is not installed (Debian package: poppler-utils)")
    proc = subprocess.run([exe, *args], capture_output=True, text=True, timeout=60)
    if proc.returncode != 0:
        raise RuntimeError(f"{tool} {' '.join(args)} failed (exit {proc.returncode}): {proc.stderr.strip()}")
    return proc.stdout


def _open(pdf_path: Path):
    return _pikepdf().open(Path(pdf_path))


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


# --- Document catalog -----------------------------------------------------------------------

def is_tagged(pdf_path: Path) -> bool:
    """True when the PDF says it is tagged (/MarkInfo /Marked true) and has a structure tree."""
    with _open(pdf_path) as pdf:
        mark_info = pdf.Root.get("/MarkInfo")
        marked = mark_info is not None and bool(mark_info.get("/Marked", False))
        return marked and "/StructTreeRoot" in pdf.Root


def lang(pdf_path: Path) -> str | None:
    """The document's natural language (/Lang in the catalog), e.g. 'en-GB', or None."""
    with _open(pdf_path) as pdf:
        return _text(pdf.Root.get("/Lang"))


def titles(pdf_path: Path) -> dict[str, str | None]:
    """The title in the document information dictionary ('info') and in the XMP metadata ('xmp')."""
    with _open(pdf_path) as pdf:
        info = _text(pdf.docinfo.get("/Title")) if "/Info" in pdf.trailer else None
        xmp = None
        if "/Metadata" in pdf.Root:
            with pdf.open_metadata() as meta:
                xmp = meta.get("dc:title")
        return {"info": info, "xmp": xmp}


def title(pdf_path: Path) -> str | None:
    """The document title: the information dictionary's, or else the XMP metadata's, or None."""
    t = titles(pdf_path)
    return t["info"] or t["xmp"]


def displays_doc_title(pdf_path: Path) -> bool:
    """True when /ViewerPreferences /DisplayDocTitle is true (viewers show the title, not the file name)."""
    with _open(pdf_path) as pdf:
        prefs = pdf.Root.get("/ViewerPreferences")
        return prefs is not None and bool(prefs.get("/DisplayDocTitle", False))


def outline(pdf_path: Path) -> list[tuple[int, str]]:
    """The bookmarks, depth first, as (level, title); level 1 is the top."""
    out: list[tuple[int, str]] = []

    def walk(items, level: int) -> None:
        for item in items:
            out.append((level, str(item.title)))
            walk(item.children, level + 1)

    with _open(pdf_path) as pdf, pdf.open_outline() as o:
        walk(o.root, 1)
    return out


def outline_titles(pdf_path: Path) -> list[str]:
    """The bookmark titles, depth first."""
    return [t for _, t in outline(pdf_path)]


# --- Structure tree -------------------------------------------------------------------------

def struct_elements(pdf_path: Path) -> Counter[str]:
    """How many structure elements of each type the PDF's structure tree has ('TH': 4, 'P': 9, ...),
    custom types counted as the standard type the /RoleMap maps them to. Empty if untagged."""
    with _open(pdf_path) as pdf:
        return Counter(kind for _, kind, _ in _tree(pdf)[0])


def count_struct(pdf_path: Path, kind: str) -> int:
    """How many structure elements of a type ('TH', 'Table', 'Figure', 'H1', ...) the PDF has."""
    return struct_elements(pdf_path)[kind.lstrip("/")]


def th_count(pdf_path: Path) -> int:
    """How many table header cells (TH structure elements) the PDF has."""
    return count_struct(pdf_path, "TH")


# --- Fonts (pdffonts) -----------------------------------------------------------------------

def fonts(pdf_path: Path) -> list[dict[str, str]]:
    """pdffonts' table, a dict per font: name, type, encoding, emb, sub, uni ('yes'/'no'), object.

    Read from the right: a long font name pushes the columns out of line, but the last columns
    (encoding, emb, sub, uni, object number and generation) are always single words.
    """
    lines = _poppler("pdffonts", str(pdf_path)).splitlines()
    if len(lines) < 2:
        return []
    if not lines[0].startswith("name"):
        raise RuntimeError(f"pdffonts printed an unexpected header: {lines[0]!r}")
    rows = []
    for line in lines[2:]:
        words = line.split()
        if len(words) < 8:  # name, type (one word or more), encoding, emb, sub, uni, object number and generation
            continue
        rows.append({"name": words[0], "type": " ".join(words[1:-6]), "encoding": words[-6], "emb": words[-5],
                     "sub": words[-4], "uni": words[-3], "object": f"{words[-2]} {words[-1]}"})
    return rows


def unembedded_fonts(pdf_path: Path) -> list[str]:
    """The names of the fonts that are not embedded (pdffonts' 'emb' column not 'yes')."""
    return [f["name"] for f in fonts(pdf_path) if f["emb"] != "yes"]


def all_fonts_embedded(pdf_path: Path) -> bool:
    """True when every font is embedded (also true for a PDF with no fonts at all)."""
    return not unembedded_fonts(pdf_path)


# --- Pages and text -------------------------------------------------------------------------

def pdfinfo(pdf_path: Path) -> dict[str, str]:
    """pdfinfo's fields: 'Pages', 'Tagged', 'Title', 'PDF version', 'Page size', ..."""
    info = {}
    for line in _poppler("pdfinfo", str(pdf_path)).splitlines():
        key, sep, value = line.partition(":")
        if sep:
            info[key.strip()] = value.strip()
    return info


def page_count(pdf_path: Path) -> int:
    """The number of pages."""
    with _open(pdf_path) as pdf:
        return len(pdf.pages)


def page_texts(pdf_path: Path) -> list[str]:
    """The text of each page (pdftotext -layout), one string a page."""
    text = _poppler("pdftotext", "-layout", "-enc", "UTF-8", str(pdf_path), "-")
    pages = text.split("\f")
    if text.endswith("\f"):
        pages.pop()  # pdftotext ends each page, blank ones too, with a form feed
    return pages


def pages_without_page_n_of_m(pdf_path: Path) -> list[int]:
    """The numbers of the pages whose text lacks 'Page N of M' (N the page, M the page count)."""
    texts = page_texts(pdf_path)
    total = len(texts)
    return [n for n, t in enumerate(texts, 1)
            if not re.search(rf"\bPage\s+{n}\s+of\s+{total}\b", t)]


# --- Tables, captions and the parent tree (pikepdf) --------------------------------------------

HEADINGS = frozenset({"H", "H1", "H2", "H3", "H4", "H5", "H6"})


def _tree(pdf) -> tuple[list[tuple[Any, str, tuple[str, ...]]], dict[tuple[int, int], Any]]:
    """Every structure element under the root, in document order, as (element, standard type, types
    of its ancestors from the top), and the elements by object number (what is reachable from the root)."""
    pikepdf = _pikepdf()
    root = pdf.Root.get("/StructTreeRoot")
    if root is None:
        return [], {}
    role_map = root.get("/RoleMap") or {}

    def standard(name: str) -> str:
        seen = set()
        while f"/{name}" in role_map and name not in seen:
            seen.add(name)
            name = str(role_map[f"/{name}"]).lstrip("/")
        return name

    out: list[tuple[Any, str, tuple[str, ...]]] = []
    reachable: dict[tuple[int, int], Any] = {}
    stack: list[tuple[Any, tuple[str, ...]]] = [(root.get("/K"), ())]
    while stack:
        node, ancestors = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend((kid, ancestors) for kid in reversed(list(node)))
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            if node.is_indirect:
                if node.objgen in reachable:
                    continue
                reachable[node.objgen] = node
            kind = standard(str(node.S).lstrip("/"))
            out.append((node, kind, ancestors))
            if node.get("/K") is not None:
                stack.append((node.K, (*ancestors, kind)))
    return out, reachable


def _kids(element) -> list:
    pikepdf = _pikepdf()
    k = element.get("/K")
    return [] if k is None else list(k) if isinstance(k, pikepdf.Array) else [k]


def _table_attr(element, key: str) -> Any:
    """An attribute of the element's /A (a dictionary or an array of them), or None."""
    pikepdf = _pikepdf()
    a = element.get("/A")
    for item in (list(a) if isinstance(a, pikepdf.Array) else [a] if a is not None else []):
        if isinstance(item, pikepdf.Dictionary) and key in item:
            return item[key]
    return None


def th_scopes(pdf_path: Path) -> list[str | None]:
    """The /Scope of each TH, in document order ('Column', 'Row', 'Both'), None where it has none."""
    with _open(pdf_path) as pdf:
        elements, _ = _tree(pdf)
        return [None if (s := _table_attr(e, "/Scope")) is None else str(s).lstrip("/")
                for e, kind, _ in elements if kind == "TH"]


def th_without_scope(pdf_path: Path) -> int:
    """How many TH elements have no /Scope attribute."""
    return th_scopes(pdf_path).count(None)


def td_headers(pdf_path: Path) -> list[list[str]]:
    """The /Headers (header cell /IDs) of each TD, in document order."""
    with _open(pdf_path) as pdf:
        elements, _ = _tree(pdf)
        return [[str(h) for h in (_table_attr(e, "/Headers") or [])] for e, kind, _ in elements if kind == "TD"]


def th_ids(pdf_path: Path) -> list[str | None]:
    """The /ID of each TH, in document order."""
    with _open(pdf_path) as pdf:
        elements, _ = _tree(pdf)
        return [None if e.get("/ID") is None else str(e.ID) for e, kind, _ in elements if kind == "TH"]


def unresolved_header_ids(pdf_path: Path) -> list[str]:
    """The /Headers entries of table cells that the structure tree root's /IDTree does not resolve to
    an element with that /ID (all of them, if there is no /IDTree)."""
    pikepdf = _pikepdf()
    with _open(pdf_path) as pdf:
        elements, _ = _tree(pdf)
        known: dict[bytes, Any] = {}
        id_tree = pdf.Root.StructTreeRoot.get("/IDTree")
        stack = [id_tree] if id_tree is not None else []
        while stack:
            node = stack.pop()
            names = node.get("/Names") or []
            known.update((bytes(names[i]), names[i + 1]) for i in range(0, len(names) - 1, 2))
            stack.extend(node.get("/Kids") or [])
        return [str(h) for e, kind, _ in elements if kind in ("TD", "TH")
                for h in (_table_attr(e, "/Headers") or [])
                if not isinstance(known.get(bytes(h)), pikepdf.Dictionary)
                or bytes(known[bytes(h)].get("/ID", b"")) != bytes(h)]


def nested_tables(pdf_path: Path) -> int:
    """How many Table elements sit inside another Table other than in one of its cells (TD or TH,
    where HTML can really nest a table): wrapper levels that are not tables at all."""
    with _open(pdf_path) as pdf:
        elements, _ = _tree(pdf)
        count = 0
        for _, kind, ancestors in elements:
            if kind == "Table" and "Table" in ancestors:
                inner = ancestors[len(ancestors) - 1 - ancestors[::-1].index("Table"):]
                count += not ({"TD", "TH"} & set(inner))
        return count


def table_first_kids(pdf_path: Path) -> list[str | None]:
    """For each Table element, in document order, the type of its first kid ('Caption', 'THead', ...)."""
    pikepdf = _pikepdf()
    with _open(pdf_path) as pdf:
        elements, _ = _tree(pdf)
        out: list[str | None] = []
        for e, kind, _ in elements:
            if kind == "Table":
                first = next((k for k in _kids(e) if isinstance(k, pikepdf.Dictionary) and "/S" in k), None)
                out.append(None if first is None else str(first.S).lstrip("/"))
        return out


def captions_not_first_in_table(pdf_path: Path) -> int:
    """How many Caption elements are inside a Table but not its first kid."""
    pikepdf = _pikepdf()
    with _open(pdf_path) as pdf:
        elements, _ = _tree(pdf)
        count = 0
        for e, kind, _ in elements:
            if kind == "Table":
                parts = [k for k in _kids(e) if isinstance(k, pikepdf.Dictionary) and "/S" in k]
                count += sum(1 for i, k in enumerate(parts) if str(k.S) == "/Caption" and i > 0)
        return count


def _parent_tree(pdf) -> dict[int, Any]:
    values: dict[int, Any] = {}
    tree = pdf.Root.StructTreeRoot.get("/ParentTree")
    stack = [tree] if tree is not None else []
    while stack:
        node = stack.pop()
        nums = node.get("/Nums") or []
        values.update((int(nums[i]), nums[i + 1]) for i in range(0, len(nums) - 1, 2))
        stack.extend(node.get("/Kids") or [])
    return values


def structure_problems(pdf_path: Path) -> list[str]:
    """What is inconsistent in the structure tree: an element whose /P is not the element listing it,
    an MCID or annotation kid whose /ParentTree entry names another element, a parent tree entry
    naming an element (in the tree) that does not hold that MCID. Empty when consistent."""
    pikepdf = _pikepdf()
    problems: list[str] = []
    with _open(pdf_path) as pdf:
        elements, reachable = _tree(pdf)
        tree = _parent_tree(pdf)
        owned: set[tuple[int, int, tuple[int, int]]] = set()  # (StructParents, MCID, element)
        for e, kind, _ in elements:
            page = e.get("/Pg")
            for kid in _kids(e):
                if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    if not (kid.get("/P") is not None and kid.P.objgen == e.objgen):
                        problems.append(f"{kind} {e.objgen}: its kid {kid.S} {kid.objgen} has another /P")
                    continue
                if isinstance(kid, int):
                    mcid, on = kid, page
                elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                    mcid, on = int(kid.MCID), kid.get("/Pg", page)
                elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR":
                    entry = tree.get(int(kid.Obj.get("/StructParent", -1)))
                    if entry is None or entry.objgen != e.objgen:
                        problems.append(f"{kind} {e.objgen}: its annotation's /ParentTree entry names another element")
                    continue
                else:
                    continue
                key = None if on is None else on.get("/StructParents")
                entries = None if key is None else tree.get(int(key))
                if entries is None or mcid >= len(entries) or getattr(entries[mcid], "objgen", None) != e.objgen:
                    problems.append(f"{kind} {e.objgen}: MCID {mcid} has another /ParentTree entry")
                else:
                    owned.add((int(key), mcid, e.objgen))
        for page in pdf.pages:
            key = page.obj.get("/StructParents")
            entries = tree.get(int(key)) if key is not None else None
            for mcid, element in enumerate(entries or []):
                if isinstance(element, pikepdf.Dictionary) and element.objgen in reachable \
                        and (int(key), mcid, element.objgen) not in owned:
                    problems.append(f"page {int(key) + 1}: MCID {mcid} names {element.S} {element.objgen}, "
                                    "which does not hold it")
    return problems


def _marked_content(page) -> list[int]:
    """The MCIDs of a page's marked-content sequences that are not artifacts, in content-stream order."""
    pikepdf = _pikepdf()
    stack: list[bool] = []  # for each open sequence: is it (or is it inside) an artifact?
    mcids: list[int] = []
    for item in pikepdf.parse_content_stream(page, "BDC BMC EMC"):
        operator = str(item.operator)
        if operator == "EMC":
            if stack:
                stack.pop()
            continue
        artifact = (stack[-1] if stack else False) or str(item.operands[0]) == "/Artifact"
        stack.append(artifact)
        properties = item.operands[1] if operator == "BDC" and len(item.operands) > 1 else None
        if not artifact and isinstance(properties, pikepdf.Dictionary) and "/MCID" in properties:
            mcids.append(int(properties.MCID))
    return mcids


def _content_in_reading_order(pdf) -> list[tuple[tuple[int, int], tuple[str, ...]]]:
    """The marked content the structure tree holds, in the tree's (reading) order: for each MCID, its
    page's object number and the types from the top of the tree down to the element holding it."""
    pikepdf = _pikepdf()
    root = pdf.Root.get("/StructTreeRoot")
    elements, _ = _tree(pdf)
    kind_of = {e.objgen: kind for e, kind, _ in elements}
    out: list[tuple[tuple[int, int], tuple[str, ...]]] = []
    seen: set[tuple[int, int]] = set()
    stack: list[tuple[Any, Any, tuple[str, ...]]] = [(root.get("/K") if root is not None else None, None, ())]
    while stack:
        node, page, path = stack.pop()
        if isinstance(node, int) and page is not None:
            out.append((page.objgen, path))
        elif isinstance(node, pikepdf.Array):
            stack.extend((kid, page, path) for kid in reversed(list(node)))
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            if node.is_indirect:
                if node.objgen in seen:
                    continue
                seen.add(node.objgen)
            stack.append((node.get("/K"), node.get("/Pg", page), (*path, kind_of.get(node.objgen, ""))))
        elif isinstance(node, pikepdf.Dictionary) and node.get("/Type") == "/MCR" and "/Stm" not in node:
            on = node.get("/Pg", page)
            if on is not None:
                out.append((on.objgen, path))
    return out


def page_last_content(pdf_path: Path, order: str = "reading") -> list[tuple[str, ...] | None]:
    """For each page, the types from the top of the structure tree down to the element holding the page's
    last real content, e.g. ('Document', 'Sect', 'H2', 'Span'); None for a page without any.

    order="reading": last in the structure tree's order (what a reader meets last on the page).
    order="stream": last non-artifact marked content in content-stream order whose element is in the tree.
    The two differ where content is painted out of its place: WeasyPrint paints positioned boxes (a
    visually hidden caption) after the flow, so in stream order such a caption ends the page."""
    with _open(pdf_path) as pdf:
        if order == "reading":
            index = {page.obj.objgen: n for n, page in enumerate(pdf.pages)}
            last: list[tuple[str, ...] | None] = [None] * len(pdf.pages)
            for page, path in _content_in_reading_order(pdf):
                if page in index:
                    last[index[page]] = path
            return last
        elements, reachable = _tree(pdf)
        path_of = {e.objgen: (*ancestors, kind) for e, kind, ancestors in elements}
        tree = _parent_tree(pdf)
        out: list[tuple[str, ...] | None] = []
        for page in pdf.pages:
            key = page.obj.get("/StructParents")
            entries = tree.get(int(key)) if key is not None else None
            found = None
            for mcid in _marked_content(page):
                element = entries[mcid] if entries is not None and mcid < len(entries) else None
                if element is not None and getattr(element, "objgen", None) in reachable:
                    found = path_of[element.objgen]
            out.append(found)
        return out


def unlisted_marked_content(pdf_path: Path) -> list[int]:
    """For each page, how many of its non-artifact marked-content sequences belong to no element of the
    structure tree (their /ParentTree entry names an element that no element lists): content that is
    neither tagged nor an artifact."""
    with _open(pdf_path) as pdf:
        _, reachable = _tree(pdf)
        tree = _parent_tree(pdf)
        counts = []
        for page in pdf.pages:
            key = page.obj.get("/StructParents")
            entries = tree.get(int(key)) if key is not None else None
            counts.append(sum(1 for mcid in _marked_content(page)
                              if entries is None or mcid >= len(entries)
                              or getattr(entries[mcid], "objgen", None) not in reachable))
        return counts


def pages_ending_with_heading(pdf_path: Path, order: str = "reading") -> list[int]:
    """The numbers of the pages whose last real content is a heading (H, H1 to H6), a Caption, or a
    header cell of a table's THead: a heading, caption or table header row stranded at a page's foot.
    Artifacts, and content in no element of the tree (WeasyPrint's running footers: see
    unlisted_marked_content), do not count. `order`: see page_last_content."""
    stranded = []
    for n, path in enumerate(page_last_content(pdf_path, order), 1):
        if path and (HEADINGS & set(path) or "Caption" in path or ("TH" in path and "THead" in path)):
            stranded.append(n)
    return stranded


def headings_without_content(pdf_path: Path) -> int:
    """How many heading elements (H, H1 to H6) reach no marked content: what pdfua's UA-14-001 checks."""
    pikepdf = _pikepdf()
    with _open(pdf_path) as pdf:
        elements, _ = _tree(pdf)

        def has_content(node, depth: int = 0) -> bool:
            if isinstance(node, int) or depth > 64:
                return isinstance(node, int)
            if isinstance(node, pikepdf.Array):
                return any(has_content(k, depth + 1) for k in node)
            if isinstance(node, pikepdf.Dictionary):
                return node.get("/Type") == "/MCR" or has_content(node.get("/K"), depth + 1)
            return False

        return sum(1 for e, kind, _ in elements if kind in HEADINGS and not has_content(e.get("/K")))


# --- pdfua (the independent PDF/UA-1 checker) ---------------------------------------------------

def pdfua_report(pdf_path: Path) -> dict[str, Any]:
    """pdfua's report on the PDF, as its JSON output has it (summary, findings, skipped rules)."""
    try:
        import pdfua
    except ImportError:
        _missing("the Python package pdfua is not installed in this environment")
    return pdfua.validate(str(pdf_path)).to_dict()


def pdfua_findings(pdf_path: Path) -> list[dict[str, Any]]:
    """pdfua's errors and warnings on the PDF (rule_id, severity, message, location, ...)."""
    return [f for f in pdfua_report(pdf_path)["findings"] if f["severity"] in ("error", "warning")]


def pdfua_skipped(pdf_path: Path) -> list[dict[str, Any]]:
    """The pdfua rules that could not be evaluated on the PDF, with pdfua's reason."""
    return list(pdfua_report(pdf_path).get("skipped", []))


def text_outside_structure_or_hidden(pdf_path: Path, phrases: list[str]) -> list[str]:
    """Which of the phrases are in the PDF's text layer (pdftotext, white space folded): for text that
    must not be there at all, e.g. a page's navigation or text hidden from the print."""
    text = " ".join(_poppler("pdftotext", "-enc", "UTF-8", str(pdf_path), "-").split())
    return [p for p in phrases if " ".join(p.split()) in text]
