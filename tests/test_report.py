"""`plancc report`: the performance report as its readers get it. The page passes axe-core at 320 and
1280 CSS px without sideways scroll, the PDF passes the tagging checks and pdfua, the data package
describes its files, and every figure in it is what the example plan's figures give (worked out by
hand in tests/test_status_example.py; here, that the report carries them)."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from browser import check_pages, format_violations
from conftest import PLANS, run_plancc
from pdfcheck import (captions_not_first_in_table, headings_without_content, is_tagged, lang, nested_tables,
                      pages_ending_with_heading, pdfua_findings, pdfua_skipped, th_without_scope, title)

AS_AT = "2016-11-25"
PDFUA_ARRAY_BUG = "cannot get key '/is_integer' on object of type array"  # see tests/test_pdf_tags.py
# The example's bands at 2016/17 Q2 (hand-worked in tests/test_status_example.py).
BANDS = {"all-crime": "close", "asb": "on-target", "burglary": "off-target", "satisfaction": "no-data",
         "treatment-referrals": "off-target", "hate-crime": "no-target"}


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report") / "report"
    result = run_plancc("report", str(PLANS), "--as-at", AS_AT, "--out", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Report as at 2016-11-25: 1 plan(s), 6 indicator(s) (2 off target, 1 with no data)" in result.stdout
    return out


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_the_summary_counts_every_status_in_words(report: Path) -> None:
    html = report.joinpath("index.html").read_text()
    assert ("Of 6 indicators, 1 is on target, 1 is close to target, 2 are off target, 1 has no data and 1 has "
            "no target.") in html
    assert ("Of 12 actions, 1 is overdue, 2 are at risk, 2 are not started, 2 are on track, 2 are not yet due, "
            "2 are complete and 1 is cancelled.") in html


def test_the_data_gives_each_indicators_band_for_the_latest_quarter(report: Path) -> None:
    latest = {r["indicator"]: r for r in _rows(report / "data" / "indicators.csv") if r["latest"] == "true"}
    assert {k: v["status"] for k, v in latest.items()} == BANDS
    assert all(v["period"] == "2016/17 Q2" for v in latest.values())
    assert latest["burglary"]["actual"] == "240" and latest["burglary"]["target"] == "220"
    assert latest["burglary"]["year_to_date"] == "true"
    assert "9.1% worse than the target to date of 220" in latest["burglary"]["reason"]


def test_every_quarter_due_is_in_the_history_including_the_one_with_no_data(report: Path) -> None:
    rows = [r for r in _rows(report / "data" / "indicators.csv") if r["indicator"] == "treatment-referrals"]
    assert [r["period"] for r in rows] == ["2015/16 Q1", "2015/16 Q2", "2015/16 Q3", "2015/16 Q4", "2016/17 Q1",
                                           "2016/17 Q2"]
    assert [r["status"] for r in rows if r["period"] == "2015/16 Q3"] == ["no-data"]


def test_the_exceptions_come_first_with_their_commentary_and_corrective_action(report: Path) -> None:
    html = report.joinpath("index.html").read_text()
    exceptions, rest = html.split('id="exceptions"', 1)[1].split('id="indicators"', 1)
    assert exceptions.count('<h4 id="exception-') == 3  # two off target and one with no data
    for name in ("CS 3 (Burglaries of homes)", "CS 4 (", "CS 5 ("):
        assert name in exceptions
    assert exceptions.count("Corrective action:") == 2
    assert "overdue" in exceptions.lower() and "At risk" in exceptions
    assert "CS 1 (" not in exceptions  # close to target is not an exception
    assert rest.count('<figure class="chart-figure">') == 6


def test_the_page_passes_axe_and_reflows_at_both_widths(report: Path) -> None:
    page = report / "index.html"
    found = check_pages([page], scripts=False, widths=(320, 1280))[page]
    assert found.violations == [], format_violations(found.violations)
    assert found.layout_problems() == []
    assert [(layout.width, layout.doc_width) for layout in found.layouts] == [(320, 320), (1280, 1280)]
    assert all(r.url.startswith("file://") for r in found.requests), found.requests  # nothing fetched remotely


def test_the_pdf_is_tagged_and_passes_the_table_checks_and_pdfua(report: Path) -> None:
    pdf = report / "performance-report.pdf"
    assert is_tagged(pdf) and lang(pdf) == "en-GB"
    assert title(pdf) == "Performance report as at 25 November 2016 – Community safety delivery plans"
    assert th_without_scope(pdf) == 0
    assert nested_tables(pdf) == 0
    assert captions_not_first_in_table(pdf) == 0
    assert pdfua_findings(pdf) == []
    assert all(s["rule_id"] == "UA-14-001" and PDFUA_ARRAY_BUG in s["reason"] for s in pdfua_skipped(pdf))
    assert headings_without_content(pdf) == 0
    assert pages_ending_with_heading(pdf) == []


def test_the_data_package_describes_every_file(report: Path) -> None:
    package = json.loads((report / "data" / "datapackage.json").read_text())
    for resource in package["resources"]:
        path = report / "data" / resource["path"]
        assert path.is_file()
        if resource["format"] == "csv":
            with path.open(encoding="utf-8") as handle:
                header = next(csv.reader(handle))
            assert header == [f["name"] for f in resource["schema"]["fields"]]
    whole = json.loads((report / "data" / "report.json").read_text())
    assert whole["as_at"] == AS_AT and len(whole["actions"]) == 12


def test_a_report_for_a_period_judges_that_period(tmp_path: Path) -> None:
    result = run_plancc("report", str(PLANS / "northbridge-delivery-plan-2015.yaml"), "--period", "2016/17 Q1",
                        "--as-at", AS_AT, "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    latest = {r["indicator"]: r for r in _rows(tmp_path / "data" / "indicators.csv") if r["latest"] == "true"}
    assert {r["period"] for r in latest.values()} == {"2016/17 Q1"}
    assert "Performance report, 2016/17 Q1" in (tmp_path / "index.html").read_text()


def test_a_mistyped_date_or_period_is_explained_not_a_traceback(tmp_path: Path) -> None:
    bad_date = run_plancc("report", str(PLANS), "--as-at", "25/11/2016", "--out", str(tmp_path))
    assert bad_date.returncode == 2 and "write it YYYY-MM-DD" in bad_date.stderr
    bad_period = run_plancc("report", str(PLANS), "--period", "2016/18 Q2", "--out", str(tmp_path))
    assert bad_period.returncode == 2 and "2016/17" in bad_period.stderr
    assert "Traceback" not in bad_date.stderr + bad_period.stderr


def test_a_plan_with_errors_is_left_out_and_the_report_still_written(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    good = (PLANS / "northbridge-delivery-plan-2015.yaml").read_text()
    (folder / "good.yaml").write_text(good)
    (folder / "broken.yaml").write_text(re.sub(r"as_at: 2016-11-25", "as_at: 2016-13-25", good))
    result = run_plancc("report", str(folder), "--as-at", AS_AT, "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "broken.yaml" in result.stderr and "Left out of the report" in result.stderr
    assert (tmp_path / "out" / "index.html").is_file()
