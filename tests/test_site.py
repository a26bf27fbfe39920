"""The built site, as the public and the publisher meet it: accessible pages in a real browser,
tagged PDFs, open data, and the safety claims (no script runs, nothing fetched, nothing lost)."""

from __future__ import annotations

import csv
import hashlib
import http.server
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Iterator

import pytest

from browser import check_pages, format_violations
from conftest import PLANS, ROOT
from pdfcheck import (all_fonts_embedded, displays_doc_title, is_tagged, lang, outline_titles,
                      pages_without_page_n_of_m, th_count, title)

EPOCH = {"SOURCE_DATE_EPOCH": "1764000000"}


def build(plans: Path, out: Path, *extra: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """plancc build, without its own accessibility check unless asked (the tests run axe themselves)."""
    if "--a11y" not in extra:
        extra = ("--no-a11y", *extra)
    return subprocess.run([sys.executable, "-m", "plancc", "build", str(plans), "--out", str(out), *extra],
                          cwd=ROOT, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "NO_COLOR": "1", **EPOCH, **(env or {})})


def tree(folder: Path) -> dict[str, str]:
    """Every file under a folder with the hash of its bytes."""
    root = folder.resolve()
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    result = build(PLANS, out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def test_index_links_every_plan_its_pdf_and_data(site: Path) -> None:
    index = (site / "index.html").read_text()
    for plan in sorted(PLANS.glob("*.yaml")):
        slug = plan.stem
        for target in (f"plans/{slug}/index.html", f"plans/{slug}/{slug}.pdf", f"plans/{slug}/data/datapackage.json"):
            assert f'href="{target}"' in index
            assert (site / target).is_file()


def test_index_says_in_words_what_a_plan_does_not_state(site: Path) -> None:
    index = (site / "index.html").read_text()
    rows = index.split('<tbody role="rowgroup">', 1)[1].split("</tbody>", 1)[0].split('<tr role="row">')[1:]
    assert len(rows) == len(list(PLANS.glob("*.yaml")))
    for row in rows:
        cells = re.findall(r'<td role="cell">(.*?)</td>', row, flags=re.S)
        assert all(re.sub(r"<[^>]+>", "", c).split(":", 1)[-1].strip() for c in cells), row  # no blank cell
    from plancc.load.loader import load_file

    plans = [load_file(str(p)).data for p in sorted(PLANS.glob("*.yaml"))]
    unstated = sum(("version" not in d) + ("as_at" not in d and not d.get("versions")) for d in plans)
    assert unstated >= 4  # Central Beds and Salford state no version and no date
    assert index.count(">Not stated<") == unstated


def test_the_site_has_the_latest_performance_report_and_each_plans_progress(site: Path) -> None:
    index = (site / "index.html").read_text()
    assert '<a href="report/index.html">Performance report as at 25 November 2016</a>' in index
    assert (site / "report" / "performance-report.pdf").is_file()
    assert (site / "report" / "data" / "datapackage.json").is_file()
    assert ("Indicators: 1 on target, 1 close to target, 2 off target, 1 no data, 1 no target. Actions: 1 overdue, "
            "2 at risk, 2 not started, 2 on track, 2 not yet due, 2 complete, 1 cancelled.") in index
    report = (site / "report" / "index.html").read_text()
    assert 'href="../plans/northbridge-delivery-plan-2015/index.html"' in report  # the plan it covers
    assert 'href="../assets/plancc.css"' in report and 'href="../index.html"' in report
    page = (site / "plans" / "northbridge-delivery-plan-2015" / "index.html").read_text()
    assert '<h2 id="progress">Progress as at 25 November 2016</h2>' in page
    assert "Off target: 240 so far this year is 9.1% worse than the target to date of 220" in page


def test_every_page_passes_axe_and_reflows_at_320_and_1280_px(site: Path) -> None:
    pages = [site / "index.html", site / "format.html", site / "report" / "index.html",
             *sorted(site.glob("plans/*/index.html"))]
    assert 'href="format.html"' in (site / "index.html").read_text()
    assert 'id="field-title"' in (site / "format.html").read_text()
    reports = check_pages(pages, scripts=True, widths=(320, 1280))
    for page, report in reports.items():
        assert report.violations == [], f"{page}:\n{format_violations(report.violations)}"
        assert [layout.width for layout in report.layouts] == [320, 1280], page
        assert report.layout_problems() == [], page
        phone = report.layouts[0]
        assert phone.doc_width == phone.viewport == 320, page
        assert report.scripts == [], page
        assert [r for r in report.requests if not r.url.startswith("file:")] == [], page


@pytest.mark.parametrize("slug", [p.stem for p in sorted(PLANS.glob("*.yaml"))])
def test_pdf_is_tagged_titled_and_embedded(site: Path, slug: str) -> None:
    pdf = site / "plans" / slug / f"{slug}.pdf"
    assert is_tagged(pdf)
    assert lang(pdf) == "en-GB"
    assert title(pdf) and displays_doc_title(pdf)
    assert len(outline_titles(pdf)) > 5
    assert all_fonts_embedded(pdf)
    assert th_count(pdf) > 0
    assert pages_without_page_n_of_m(pdf) == []


def test_open_data_is_described_by_its_data_package(site: Path) -> None:
    for package_file in sorted(site.glob("plans/*/data/datapackage.json")):
        package = json.loads(package_file.read_text())
        names = [r["name"] for r in package["resources"]]
        assert names == ["actions", "indicators", "finance", "risks", "plan"]
        for resource in package["resources"]:
            path = package_file.parent / resource["path"]
            assert path.is_file()
            if resource["format"] == "csv":
                with path.open(encoding="utf-8") as handle:
                    header = next(csv.reader(handle))
                assert header == [f["name"] for f in resource["schema"]["fields"]]


def test_salford_finance_csv_keeps_tbc_apart_from_nil(site: Path) -> None:
    rows = list(csv.DictReader((site / "plans/salford-burglary-2002/data/finance.csv").open(encoding="utf-8")))
    states = {r["state"] for r in rows}
    assert {"number", "nil", "tbc"} <= states
    assert all(r["amount"] == "" for r in rows if r["state"] != "number")


def test_two_builds_with_the_same_source_date_epoch_are_byte_identical(site: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    assert build(PLANS, again).returncode == 0
    assert tree(again) == tree(site)


@pytest.fixture
def plans_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "plans"
    shutil.copytree(PLANS, folder)
    return folder


def test_a_plan_with_errors_keeps_its_last_good_output(plans_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert build(plans_copy, out).returncode == 0
    before = tree(out)
    staffs = plans_copy / "staffordshire-ni16-2010.yaml"
    staffs.write_text(staffs.read_text().replace("status: published", "status: final"))
    result = build(plans_copy, out)
    assert result.returncode == 1
    assert "staffordshire-ni16-2010.yaml: HAS ERRORS: last good output kept" in result.stdout
    assert "schema-enum" in result.stderr
    after = tree(out)
    kept = {k: v for k, v in before.items() if k.startswith("plans/staffordshire")}
    assert kept and all(after[k] == v for k, v in kept.items())


def test_rebuild_after_one_change_renders_only_that_plan(plans_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert build(plans_copy, out).returncode == 0
    salford = plans_copy / "salford-burglary-2002.yaml"
    salford.write_text(salford.read_text().replace("Burglary Reduction Team", "Burglary Reduction Team ", 1))
    result = build(plans_copy, out)
    assert result.returncode == 0, result.stderr
    assert "salford-burglary-2002.yaml: built" in result.stdout
    assert result.stdout.count("unchanged, kept") == len(list(PLANS.glob("*.yaml"))) - 1


def test_a_build_killed_part_way_leaves_the_previous_site_intact(plans_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert build(plans_copy, out).returncode == 0
    before = tree(out)
    for plan in plans_copy.glob("*.yaml"):  # every plan changed, so the next build renders them all
        plan.write_text(plan.read_text() + "\n# changed\n")
    for delay in (0.3, 1.0, 2.0, 3.5):
        process = subprocess.Popen([sys.executable, "-m", "plancc", "build", str(plans_copy), "--out", str(out),
                                    "--no-a11y"],
                                   cwd=ROOT, env={**os.environ, **EPOCH}, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, start_new_session=True)
        time.sleep(delay)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        assert tree(out) == before, f"site changed after a kill at {delay}s"


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        _Recorder.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        """Quiet."""


@pytest.fixture
def local_server() -> Iterator[str]:
    server = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    _Recorder.hits = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_a_plan_pointing_at_a_server_fetches_nothing_and_is_told_why(plans_copy: Path, tmp_path: Path,
                                                                     local_server: str, minimal_text: str) -> None:
    plan = tmp_path / "remote" / "remote.yaml"
    plan.parent.mkdir()
    plan.write_text(minimal_text.replace("status: draft", "status: published")
                    + f"summary: |\n  ![map]({local_server}/map.png)\n  <img src=\"{local_server}/x.png\">\n")
    result = build(plan.parent, tmp_path / "site")
    assert result.returncode == 1
    assert "[remote-resource]" in result.stderr
    assert _Recorder.hits == []


def test_the_pdf_fetcher_refuses_any_address_without_a_request(tmp_path: Path, local_server: str) -> None:
    from plancc.pdf import write_pdf

    html = (f'<html lang="en-GB"><head><title>T</title><link rel="stylesheet" href="{local_server}/s.css">'
            f'</head><body><h1>T</h1><img alt="x" src="{local_server}/x.png"><img alt="y" src="file:///etc/hostname">'
            '</body></html>')
    found = write_pdf(html, tmp_path, [tmp_path], tmp_path / "t.pdf", "t.yaml")
    assert _Recorder.hits == []
    refused = sorted(d.value for d in found)
    assert refused == sorted([f"{local_server}/s.css", f"{local_server}/x.png", "file:///etc/hostname"])
    assert all(d.rule == "remote-resource" for d in found)


XSS = ["<script>window.__plancc_xss=1</script>", "<img src=x onerror=\"window.__plancc_xss=1\">",
       "<svg onload=\"window.__plancc_xss=1\"></svg>", "[x](javascript:window.__plancc_xss=1)",
       "<iframe srcdoc=\"<script>parent.__plancc_xss=1</script>\"></iframe>", "\"><script>alert(1)</script>",
       "<body onload=alert(1)>", "<details open ontoggle=alert(1)>", "<style>@import 'http://127.0.0.1:9/x'</style>"]


def test_xss_payloads_in_a_plan_never_run_in_the_browser(tmp_path: Path, minimal_text: str) -> None:
    payloads = "\n".join(f"  - {json.dumps(p)}" for p in XSS)
    text = (minimal_text.replace("status: draft", "status: published")
            .replace("title: Minimal plan", f"title: {json.dumps(XSS[0])}")
            + "summary: |\n" + "".join(f"  {p}\n\n" for p in XSS)
            + "organisations:\n" + "".join(f"  - id: o{i}\n    name: {json.dumps(p)}\n" for i, p in enumerate(XSS))
            + f"sections:\n  - title: {json.dumps(XSS[1])}\n    table:\n      caption: {json.dumps(XSS[2])}\n"
            f"      columns: [{json.dumps(XSS[5])}]\n      rows:\n        - [{json.dumps(XSS[6])}]\n")
    assert payloads  # the list is used in the summary, names, headings and table cells above
    plan = tmp_path / "plans" / "xss.yaml"
    plan.parent.mkdir()
    plan.write_text(text)
    out = tmp_path / "site"
    result = build(plan.parent, out)
    assert result.returncode == 0, result.stdout + result.stderr
    page = out / "plans" / "xss" / "index.html"
    report = check_pages([page], axe=False)[page]
    assert report.scripts == []
    assert [r for r in report.requests if not r.url.startswith("file:")] == []
    assert "href=\"javascript:" not in page.read_text().lower()


def test_a_council_theme_restyles_the_pages_and_still_passes_axe(tmp_path: Path) -> None:
    theme = Path(__file__).resolve().parent / "data" / "theme"
    out = tmp_path / "site"
    result = build(PLANS, out, "--config", str(theme / "plancc.yml"))
    assert result.returncode == 0, result.stderr
    page = out / "plans" / "staffordshire-ni16-2010" / "index.html"
    html = page.read_text()
    assert '<p class="theme-logo" aria-hidden="true">EBC</p>' in html
    assert 'href="../../assets/theme.css"' in html and (out / "assets" / "theme.css").is_file()
    assert "Accessibility statement" in html and "Example Borough Council" in html
    assert (out / "assets" / "plancc.css").is_file()  # built-in assets the theme does not override
    reports = check_pages([out / "index.html", page], scripts=False)
    for checked, report in reports.items():
        assert report.violations == [], f"{checked}:\n{format_violations(report.violations)}"


def test_build_checks_accessibility_and_keeps_the_old_site_when_a_theme_breaks_it(tmp_path: Path,
                                                                                   plans_copy: Path) -> None:
    out = tmp_path / "site"
    first = build(plans_copy, out, "--a11y")
    assert first.returncode == 0, first.stderr
    pages = 3 + len(list(PLANS.glob("*.yaml")))  # the index, the format reference, the report and each plan's page
    assert f"Accessibility checks passed (axe-core, WCAG 2.2 AA): {pages} pages new or changed in this build" \
        in first.stdout  # (some of them may be as other tests' builds checked them: plancc.a11y.cache)
    before = tree(out)
    theme = tmp_path / "bad-theme"
    theme.mkdir()
    base = (ROOT / "templates" / "base.html").read_text()
    (theme / "base.html").write_text(base.replace('<main id="main-content" tabindex="-1">',
                                                  '<main id="main-content" tabindex="-1"><img src="logo.png">'))
    (tmp_path / "plancc.yml").write_text(f"theme: {theme}\n")
    result = build(plans_copy, out, "--a11y", "--config", str(tmp_path / "plancc.yml"))
    assert result.returncode == 1
    assert "image-alt" in result.stderr and "The new site was not published" in result.stderr
    assert tree(out) == before


def test_build_says_when_it_skipped_the_accessibility_check(tmp_path: Path, plans_copy: Path) -> None:
    result = build(plans_copy, tmp_path / "site", "--a11y", env={"PLANCC_CHROMIUM": str(tmp_path / "none")})
    assert result.returncode == 0
    assert f"Accessibility checks skipped: Chromium is not installed at {tmp_path / 'none'}" in result.stdout
