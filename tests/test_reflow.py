"""Pages that reflow on a phone (WCAG 2.2 1.4.10) and read well on a desktop: a long generated
plan's page, and a page with every kind of table, at 320 and 1280 CSS px in Chromium."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from browser import check_pages, format_violations
from conftest import PLANS, ROOT, run_plancc


def _big_plan(folder: Path) -> Path:
    """The benchmark's generated plan (about 100 pages of PDF), made the way the benchmark makes it."""
    spec = importlib.util.spec_from_file_location("build_speed", ROOT / "benchmarks" / "build_speed.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.big_plan(folder)


@pytest.fixture(scope="module")
def big_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("big")
    plan = _big_plan(folder)
    page = folder / "big.html"
    result = run_plancc("render", str(plan), "-o", str(page))
    assert result.returncode == 0, result.stdout + result.stderr
    return page


def test_long_generated_plan_reflows_and_passes_axe_at_both_widths(big_page: Path) -> None:
    assert len(re.findall(r"<tr role=\"row\">", big_page.read_text())) > 150  # the long actions table is there
    report = check_pages([big_page], scripts=False, widths=(320, 1280))[big_page]
    assert report.violations == [], format_violations(report.violations)
    assert report.layout_problems() == []
    assert [(layout.width, layout.doc_width) for layout in report.layouts] == [(320, 320), (1280, 1280)]


def test_figures_table_leaves_out_columns_empty_in_every_row(tmp_path: Path) -> None:
    page = tmp_path / "staffordshire.html"
    result = run_plancc("render", str(PLANS / "staffordshire-ni16-2010.yaml"), "-o", str(page))
    assert result.returncode == 0, result.stderr
    html = page.read_text()
    figures = re.findall(r'<table class="table table--figures">.*?</table>', html, flags=re.S)
    assert figures
    for table in figures:
        headers = re.findall(r'<th scope="col"[^>]*>([^<]*)</th>', table)
        body = table.split("<tbody>", 1)[1]
        for column, header in enumerate(headers):
            cells = [re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)[column]
                     for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, flags=re.S)]
            assert any(c.strip() and "–" != c.strip() for c in cells), f"column {header!r} is empty in every row"


def test_contents_never_number_a_section_twice(tmp_path: Path) -> None:
    page = tmp_path / "staffordshire.html"
    result = run_plancc("render", str(PLANS / "staffordshire-ni16-2010.yaml"), "-o", str(page))
    assert result.returncode == 0, result.stderr
    html = page.read_text()
    contents = html.split('id="contents-title"', 1)[1].split("</nav>", 1)[0]
    assert "<ol" not in contents  # the list adds no numbers of its own
    assert re.search(r">\d+\. [A-Z]", contents), "section titles keep the document's own numbering"
