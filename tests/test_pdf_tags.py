"""The PDF's table structure after plancc.pdf_tags repairs what WeasyPrint tags: every header cell
has a /Scope, no table is wrapped in tables, the caption is the table's first kid, header /IDs resolve,
the parent tree stays consistent, and pdfua (an independent PDF/UA-1 checker) finds nothing. On the
three example plans, built once for the module, and on small pages made here."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import PLANS, run_plancc
from pdfcheck import (
    captions_not_first_in_table, count_struct, headings_without_content, nested_tables, page_last_content,
    pages_ending_with_heading, pdfua_findings, pdfua_skipped, struct_elements, structure_problems,
    table_first_kids, td_headers, text_outside_structure_or_hidden, th_count, th_ids, th_scopes,
    th_without_scope, unlisted_marked_content, unresolved_header_ids,
)

EPOCH = {"SOURCE_DATE_EPOCH": "1764000000"}
SLUGS = [p.stem for p in sorted(PLANS.glob("*.yaml"))]
# pdfua 0.1.3's UA-14-001 (empty headings) calls getattr(x, "is_integer") on a heading's /K; on an
# array pikepdf raises ValueError, not AttributeError, so the rule cannot run on any PDF whose headings
# hold their content in a /K array, as every WeasyPrint heading does. headings_without_content checks
# what the rule would have.
PDFUA_ARRAY_BUG = "cannot get key '/is_integer' on object of type array"
HIDDEN = ("position: absolute; width: 1px; height: 1px; margin: 0; padding: 0; overflow: hidden; "
          "clip: rect(0 0 0 0); white-space: nowrap; border: 0")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("tags") / "site"
    result = run_plancc("build", str(PLANS), "--out", str(out), "--no-a11y", env=EPOCH)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def page(body: str, style: str = "") -> str:
    return (f'<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Tables</title><style>'
            f'@page {{ size: A5; margin: 15mm; @bottom-right {{ content: "Page " counter(page) " of " '
            f'counter(pages) }} }} body {{ font: 12pt/1.4 sans-serif; margin: 0 }} p {{ margin: 0 }} '
            f'.visually-hidden {{ {HIDDEN} }} {style}</style></head><body>{body}</body></html>')


def printed(tmp_path: Path, html: str, name: str = "t") -> Path:
    from plancc.pdf import write_pdf

    target = tmp_path / f"{name}.pdf"
    assert write_pdf(html, tmp_path, [tmp_path], target, f"{name}.yaml") == []
    return target


# --- The example plans ----------------------------------------------------------------------------

@pytest.mark.parametrize("slug", SLUGS)
def test_every_header_cell_has_a_scope_and_no_table_is_wrapped_in_tables(site: Path, slug: str) -> None:
    pdf = site / "plans" / slug / f"{slug}.pdf"
    assert th_count(pdf) > 0
    assert th_without_scope(pdf) == 0
    assert set(th_scopes(pdf)) <= {"Column", "Row"}
    assert nested_tables(pdf) == 0
    assert unresolved_header_ids(pdf) == []
    assert structure_problems(pdf) == []


@pytest.mark.parametrize("slug", SLUGS)
def test_each_caption_is_its_tables_first_kid(site: Path, slug: str) -> None:
    pdf = site / "plans" / slug / f"{slug}.pdf"
    captions = len(re.findall(r"<caption\b", (site / "plans" / slug / "index.html").read_text()))
    firsts = table_first_kids(pdf)
    # a table split over pages is one Table a page (Kozea/WeasyPrint#2903); the parts after the first
    # start with the repeated THead
    assert firsts.count("Caption") == captions > 0
    assert set(firsts) <= {"Caption", "THead", "TBody", "TR"}
    assert captions_not_first_in_table(pdf) == 0
    assert count_struct(pdf, "Caption") == captions


@pytest.mark.parametrize("slug", SLUGS)
def test_pdfua_finds_nothing(site: Path, slug: str) -> None:
    pdf = site / "plans" / slug / f"{slug}.pdf"
    assert pdfua_findings(pdf) == []
    skipped = pdfua_skipped(pdf)
    assert all(s["rule_id"] == "UA-14-001" and PDFUA_ARRAY_BUG in s["reason"] for s in skipped), skipped
    assert headings_without_content(pdf) == 0


@pytest.mark.parametrize("slug", SLUGS)
def test_the_site_navigation_is_not_in_the_pdf(site: Path, slug: str) -> None:
    pdf = site / "plans" / slug / f"{slug}.pdf"
    assert text_outside_structure_or_hidden(pdf, ["Skip to main content", "Download the PDF",
                                                  "Open data (CSV and JSON)"]) == []


@pytest.mark.parametrize("slug", SLUGS)
def test_no_page_ends_with_a_heading_a_caption_or_a_table_header_row(site: Path, slug: str) -> None:
    pdf = site / "plans" / slug / f"{slug}.pdf"
    assert pages_ending_with_heading(pdf) == []


def test_text_hidden_on_screen_is_not_stray_text_in_the_pdf(site: Path) -> None:
    slug = "salford-burglary-2002"
    html = (site / "plans" / slug / "index.html").read_text()
    hidden = ["1,385,077 so far, provisional: 6 values to be confirmed", "Scroll sideways to see every column"]
    assert all(h in html for h in hidden)  # on the web page, for screen readers (or phones) only
    assert text_outside_structure_or_hidden(site / "plans" / slug / f"{slug}.pdf", hidden) == []


# --- Small pages ----------------------------------------------------------------------------------

FINANCE = """<h1>Finance</h1><table>
<caption class="visually-hidden">Funding and spending</caption>
<thead><tr><th scope="col">Line</th><th scope="col">Q1</th><th scope="col">Q2</th></tr></thead>
<tbody><tr><th scope="rowgroup" colspan="3">Funding</th></tr>
<tr><th scope="row">Grant</th><td>1</td><td>2</td></tr>
<tr><th scope="row"><p>Staff</p><p>Two posts</p><ul><li>Manager</li><li>Officer</li></ul></th><td>3</td><td>4</td></tr>
</tbody>
<tbody><tr><th scope="rowgroup" colspan="3">Spending</th></tr>
<tr><th scope="row">Locks</th><td>5</td><td>6</td></tr></tbody>
</table>"""


def test_scopes_and_headers_of_a_table_with_row_groups(tmp_path: Path) -> None:
    pdf = printed(tmp_path, page(FINANCE))
    assert th_scopes(pdf) == ["Column", "Column", "Column", "Row", "Row", "Row", "Row", "Row"]
    line, q1, q2, funding, grant, staff, spending, locks = th_ids(pdf)
    assert td_headers(pdf) == [[funding, grant, q1], [funding, grant, q2], [funding, staff, q1],
                               [funding, staff, q2], [spending, locks, q1], [spending, locks, q2]]
    assert unresolved_header_ids(pdf) == []
    # the hidden caption, wrapped by WeasyPrint in an anonymous row group, row and cell, is the table's
    assert nested_tables(pdf) == 0 and count_struct(pdf, "Table") == 1
    assert table_first_kids(pdf) == ["Caption"]
    kinds = struct_elements(pdf)
    assert kinds["TH"] == 8 and kinds["TD"] == 6 and kinds["L"] == 1 and kinds["P"] >= 2
    assert structure_problems(pdf) == []
    assert pdfua_findings(pdf) == []


def test_a_table_really_nested_in_a_cell_stays_and_header_rows_outside_thead(tmp_path: Path) -> None:
    html = page("""<h1>Areas</h1>
<table><caption>Areas</caption><tbody>
<tr><th>Area</th><th>Detail</th></tr>
<tr><th>North</th><td><table><caption>Beats</caption><tr><th>Beat</th><td>1</td></tr></table></td></tr>
</tbody></table>
<table><caption>Years</caption><thead><tr><th>Year</th><td>Total</td></tr></thead>
<tbody><tr><th>2020</th><td>5</td></tr></tbody></table>""")
    pdf = printed(tmp_path, html)
    assert count_struct(pdf, "Table") == 3 and nested_tables(pdf) == 0
    assert table_first_kids(pdf) == ["Caption", "Caption", "Caption"]
    assert th_scopes(pdf) == ["Column", "Column", "Row", "Row", "Both", "Row"]
    assert structure_problems(pdf) == [] and unresolved_header_ids(pdf) == []


def test_the_repair_keeps_the_id_metadata_and_gives_the_same_bytes(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import pikepdf

    import plancc.pdf

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH["SOURCE_DATE_EPOCH"])
    first, second = printed(tmp_path, page(FINANCE), "a"), printed(tmp_path, page(FINANCE), "b")
    assert first.read_bytes() == second.read_bytes()
    monkeypatch.setattr(plancc.pdf, "fix_tables", lambda data: data)
    raw = printed(tmp_path, page(FINANCE), "raw")
    with pikepdf.open(first) as fixed, pikepdf.open(raw) as weasy:
        assert fixed.trailer.ID[0] == weasy.trailer.ID[0]
        assert fixed.Root.Metadata.read_bytes() == weasy.Root.Metadata.read_bytes()
        assert b"pdfuaid:part" in fixed.Root.Metadata.read_bytes()
        assert dict(fixed.docinfo.items()) == dict(weasy.docinfo.items())
        assert fixed.pdf_version == weasy.pdf_version
        assert len(fixed.pages) == len(weasy.pages)
    assert th_without_scope(raw) == 8 and nested_tables(raw) == 3  # what WeasyPrint alone gives


# --- Headings stranded at the foot of a page ------------------------------------------------------

def stranding(h2_break: str) -> str:
    rows = "".join(f'<tr><th scope="row">Row {i}</th><td>{i}</td></tr>' for i in range(12))
    return page(f"""<div style="height: 150mm"><p>Spacer</p></div><h2>Figures</h2>
<table><caption>Figures by row</caption><thead><tr><th scope="col">Row</th><th scope="col">Value</th></tr>
</thead><tbody>{rows}</tbody></table>""",
                f"h2 {{ font-size: 16pt; margin: 0; break-after: {h2_break} }} caption {{ break-after: avoid }} "
                "th, td { padding: 1mm } tbody tr { height: 30mm; break-inside: avoid }")


def test_a_heading_left_at_the_foot_of_a_page_is_found(tmp_path: Path) -> None:
    stranded = printed(tmp_path, stranding("auto"), "stranded")
    assert pages_ending_with_heading(stranded) == [1]
    assert page_last_content(stranded)[0][-2:] == ("H2", "Span")
    kept = printed(tmp_path, stranding("avoid"), "kept")
    assert pages_ending_with_heading(kept) == []
    assert page_last_content(kept)[0][-2:] == ("P", "Span")
    # WeasyPrint 70 marks the running footer ("Page N of M") as content of an element no element lists,
    # not as an artifact; painted last on each page, it must not count as the page's last content
    assert all(n >= 1 for n in unlisted_marked_content(kept))


def test_a_table_header_row_left_at_the_foot_of_a_page_is_found(tmp_path: Path) -> None:
    rows = "".join(f'<tr><th scope="row">Row {i}</th><td>{i}</td></tr>' for i in range(30))
    html = page(f"""<div style="height: 140mm"><p>Spacer</p></div><h2>Figures</h2><table>
<caption class="visually-hidden">Figures by row</caption>
<thead><tr><th scope="col">Row</th><th scope="col">Value</th></tr></thead>
<tbody><tr><th scope="row">Tall</th><td style="height: 40mm">x</td></tr>{rows}</tbody></table>""",
                "h2 { font-size: 16pt; margin: 0; break-after: avoid } th, td { padding: 1mm } "
                "tr { break-inside: avoid }")
    pdf = printed(tmp_path, html)
    assert pages_ending_with_heading(pdf) == [1]
    assert page_last_content(pdf)[0][-4:] == ("THead", "TR", "TH", "Span")
    # the hidden caption is painted after the flow, so in content-stream order it ends page 1 instead
    assert page_last_content(pdf, "stream")[0][-2:] == ("Caption", "Span")


def test_content_held_by_a_wrapper_level_moves_up_with_its_parent_tree_entries(tmp_path: Path) -> None:
    """WeasyPrint puts text in Spans, so its wrapper levels hold none; a hand-made tree checks the case:
    an MCID and a link annotation held by a Table inside a Table."""
    import pikepdf
    from pikepdf import Array, Dictionary, Name

    from plancc.pdf_tags import fix_structure

    pdf = pikepdf.new()
    pdf.add_blank_page()
    page = pdf.pages[0].obj
    page.StructParents = 0
    annotation = pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=[0, 0, 10, 10],
                                              StructParent=1))
    page.Annots = Array([annotation])
    root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    document = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document, P=root, Pg=page))
    table = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Table, P=document, Pg=page))
    wrapper = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Table, P=table, Pg=page))
    link = Dictionary(Type=Name.OBJR, Obj=annotation, Pg=page)
    wrapper.K = Array([0, link])
    table.K, document.K, root.K = Array([wrapper]), Array([table]), Array([document])
    root.ParentTree = pdf.make_indirect(Dictionary(Nums=Array([0, Array([wrapper]), 1, wrapper])))
    pdf.Root.StructTreeRoot = root
    pdf.Root.MarkInfo = Dictionary(Marked=True)

    assert fix_structure(pdf).spliced == 1
    path = tmp_path / "wrapped.pdf"
    pdf.save(path)
    assert nested_tables(path) == 0 and count_struct(path, "Table") == 1
    assert structure_problems(path) == []
    with pikepdf.open(path) as saved:
        kept = saved.Root.StructTreeRoot.K[0].K[0]
        assert kept.S == Name.Table and kept.K[0] == 0 and kept.K[1].Type == Name.OBJR
        nums = saved.Root.StructTreeRoot.ParentTree.Nums
        assert nums[1][0].objgen == kept.objgen and nums[3].objgen == kept.objgen
