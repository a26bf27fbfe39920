"""Look inside a PDF, for tests: tagging, language, title, bookmarks, fonts, table headers, pages
and their text. Uses pikepdf and poppler's pdfinfo, pdffonts and pdftotext.

Where pikepdf or poppler-utils is missing, the calling test is skipped with the reason, except in
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
    pikepdf = _pikepdf()
    counts: Counter[str] = Counter()
    with _open(pdf_path) as pdf:
        root = pdf.Root.get("/StructTreeRoot")
        if root is None:
            return counts
        role_map = root.get("/RoleMap") or {}

        def standard(name: str) -> str:
            seen = set()
            while f"/{name}" in role_map and name not in seen:
                seen.add(name)
                name = str(role_map[f"/{name}"]).lstrip("/")
            return name

        visited: set[tuple[int, int]] = set()
        stack = [root.get("/K")]
        while stack:
            node = stack.pop()
            if node is None:
                continue
            if isinstance(node, pikepdf.Object) and node.is_indirect:
                if node.objgen in visited:
                    continue
                visited.add(node.objgen)
            if isinstance(node, pikepdf.Array):
                stack.extend(reversed(list(node)))
            elif isinstance(node, pikepdf.Dictionary):
                if "/S" in node:  # a structure element (marked-content and object references have none)
                    counts[standard(str(node.S).lstrip("/"))] += 1
                    stack.append(node.get("/K"))
    return counts


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
