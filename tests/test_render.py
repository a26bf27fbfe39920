"""The HTML page of each example plan: golden files, semantic structure, and the figures it shows."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import PLANS, example_plans, run_plancc
from plancc.render.page import render_plan

GOLDEN = Path(__file__).resolve().parent / "golden"


class _Outline(HTMLParser):
    """The parts of a page that accessibility depends on."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[int] = []
        self.tables = 0
        self.captions = 0
        self.labelled_tables: list[str] = []  # tables named by aria-labelledby (an existing heading's id)
        self.named_tables = 0  # tables without a caption, named by aria-label (their section's heading)
        self.unscoped_th: list[str] = []
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.scripts = 0
        self.lang: str | None = None
        self._in_thead = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(found["id"] or "")
        if tag == "html":
            self.lang = found.get("lang")
        elif len(tag) == 2 and tag[0] == "h" and tag[1].isdigit():
            self.headings.append(int(tag[1]))
        elif tag == "table":
            self.tables += 1
            if found.get("aria-labelledby"):
                self.labelled_tables.append(found["aria-labelledby"] or "")
            elif found.get("aria-label"):
                self.named_tables += 1
        elif tag == "caption":
            self.captions += 1
        elif tag == "th" and "scope" not in found:
            self.unscoped_th.append(str(found))
        elif tag == "a" and found.get("href"):
            self.hrefs.append(found["href"] or "")
        elif tag == "script":
            self.scripts += 1


def page(name: str) -> str:
    rendered = render_plan(PLANS / name)
    assert rendered.html is not None, [d.message for d in rendered.diagnostics]
    return rendered.html


@pytest.mark.parametrize("plan_file", example_plans(), ids=lambda p: p.stem)
def test_golden_page(plan_file: Path, update_golden: bool) -> None:
    html = page(plan_file.name)
    golden = GOLDEN / (plan_file.stem + ".html")
    if update_golden:
        golden.write_text(html, encoding="utf-8")
    assert html == golden.read_text(encoding="utf-8"), "page changed: review, then scripts/test --update-golden"


@pytest.mark.parametrize("plan_file", example_plans(), ids=lambda p: p.stem)
def test_page_structure_is_accessible(plan_file: Path) -> None:
    outline = _Outline()
    outline.feed(page(plan_file.name))
    assert outline.lang == "en-GB"
    assert outline.headings.count(1) == 1 and outline.headings[0] == 1
    for before, after in zip(outline.headings, outline.headings[1:]):
        assert after <= before + 1, f"heading level jumps from h{before} to h{after}"
    # every table has a name: its caption, or the heading above it (action tables, whose heading says it all)
    assert outline.tables and outline.tables == outline.captions + len(outline.labelled_tables) + outline.named_tables
    assert all(label in outline.ids for label in outline.labelled_tables)
    assert outline.unscoped_th == []
    assert "main-content" in outline.ids
    for href in outline.hrefs:
        if href.startswith("#"):
            assert href[1:] in outline.ids, f"link to missing #{href[1:]}"
    assert outline.scripts == 0  # pages work without JavaScript


def test_salford_page_shows_the_computed_totals() -> None:
    html = page("salford-burglary-2002.yaml")
    assert ">919,924<" in html
    assert "1,385,077 + t.b.c." in html and "1,385,077 so far, provisional: 6 values to be confirmed" in html
    assert '<span class="visually-hidden">nil</span>' in html
    assert '<span class="visually-hidden">to be confirmed</span>' in html


def test_central_beds_page_rolls_up_areas() -> None:
    html = page("central-beds-csp-2009.yaml")
    assert "J Divisional area (sum of its parts)" in html
    assert ">6,878<" in html and ">4,002<" in html and ">2,876<" in html


def test_staffordshire_chart_has_title_and_description() -> None:
    html = page("staffordshire-ni16-2010.yaml")
    for variant in ("wide", "narrow"):
        assert f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart--{variant}"' in html
        assert f'<title id="chart-0-{variant}-title">Chart of NI 16 (Serious acquisitive crime)</title>' in html
    assert "baseline 11.16 for 2007/08; target 10.88 for 2008/09; target 10.60 for 2009/10" in html


def test_fields_with_markup_are_escaped(tmp_path: Path, minimal_text: str) -> None:
    plan = tmp_path / "p.yaml"
    plan.write_text(minimal_text.replace("title: Minimal plan", 'title: "<script>alert(1)</script>"')
                    + "summary: \"<img src=x onerror=alert(1)> **ok**\"\n", encoding="utf-8")
    html = render_plan(plan).html or ""
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img" not in html and "<strong>ok</strong>" in html


def test_render_command_refuses_a_plan_with_errors(tmp_path: Path, minimal_text: str) -> None:
    plan = tmp_path / "p.yaml"
    plan.write_text(minimal_text.replace("status: draft", "status: final"), encoding="utf-8")
    result = run_plancc("render", str(plan), "-o", str(tmp_path / "out.html"))
    assert result.returncode == 1
    assert "has errors, so no page was written" in result.stderr
    assert not (tmp_path / "out.html").exists()


def test_render_command_writes_page_and_assets(tmp_path: Path) -> None:
    out = tmp_path / "site" / "staffs.html"
    result = run_plancc("render", str(PLANS / "staffordshire-ni16-2010.yaml"), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_text().startswith("<!DOCTYPE html>")
    assert (tmp_path / "site" / "assets" / "plancc.css").exists()
    assert (tmp_path / "site" / "assets" / "fonts" / "OFL.txt").exists()


@pytest.mark.parametrize("theme", [None, Path(__file__).resolve().parent / "data" / "theme"])
def test_print_command_writes_a_pdf_with_nothing_refused(tmp_path: Path, theme: Path | None) -> None:
    out = tmp_path / "plan.pdf"
    extra = ("--theme", str(theme)) if theme else ()
    result = run_plancc("print", str(PLANS / "staffordshire-ni16-2010.yaml"), "-o", str(out), *extra)
    assert result.returncode == 0, result.stderr
    assert "remote-resource" not in result.stderr
    assert out.read_bytes().startswith(b"%PDF-")
