"""Periods at the edges of the calendar plancc reads (the years 1 to 9999): outside it, a located
period-label diagnostic, never an internal error; at its edges, every stage still works."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_plancc
from plancc.pipeline import check_file

PLAN = """title: Edges of the calendar
partnership: Test CSP
period: {{from: "{first}", to: "{last}"}}
status: draft
as_at: 2016-11-25
organisations: [{{id: p, name: Police}}]
indicators:
  - id: a
    title: A
    unit: count
    direction: reduce
    targets: [{{period: "{first}", value: 9}}]
    actuals: [{{period: "{last}", value: 8}}]
actions:
  - {{id: a1, title: Do one thing, lead_agency: p, due: "{due}"}}
  - {{id: a2, title: Do another, lead_agency: p, due: "by {last}", depends_on: [a1]}}
"""


def _write(tmp_path: Path, first: str, last: str, due: str) -> Path:
    path = tmp_path / "edges.yaml"
    path.write_text(PLAN.format(first=first, last=last, due=due))
    return path


@pytest.mark.parametrize("label", ["0000", "0000-01", "0000-01-01", "10000", "9999/00", "9999/00 Q4",
                                   "12 months to 0000-12"])
def test_a_period_outside_the_years_1_to_9999_is_a_located_period_label(tmp_path: Path, label: str) -> None:
    found = check_file(str(_write(tmp_path, label, "2016/17", "by 2016-09"))).diagnostics
    rules = [d.rule for d in found]
    assert "plancc-internal" not in rules
    assert any(d.rule in ("period-label", "schema-pattern") and d.line == 3 for d in found), found


@pytest.mark.parametrize("due", ["after 9999-12-31", "before 0001-01-01", "after 9999", "before 0001"])
def test_a_due_date_with_no_day_beyond_it_is_a_located_period_label(tmp_path: Path, due: str) -> None:
    found = check_file(str(_write(tmp_path, "2016/17", "2016/17", due))).diagnostics
    assert [d.rule for d in found if d.rule in ("period-label", "plancc-internal")] == ["period-label"]
    assert next(d for d in found if d.rule == "period-label").line == 15
    assert "outside the years plancc can read" in next(d for d in found if d.rule == "period-label").message


@pytest.mark.parametrize("first, last", [("0001", "0001"), ("9999", "9999"), ("0001-01", "9999-12"),
                                         ("0001/02 Q1", "9998/99 Q4")])
def test_periods_at_the_edges_check_render_and_report_without_an_internal_error(tmp_path: Path, first: str,
                                                                               last: str) -> None:
    plan = _write(tmp_path, first, last, f"by {first}")
    found = check_file(str(plan)).diagnostics
    assert "plancc-internal" not in [d.rule for d in found]
    assert [d for d in found if str(d.severity) == "error"] == [], found
    page = run_plancc("render", str(plan), "-o", str(tmp_path / "page.html"))
    assert page.returncode == 0, page.stderr
    report = run_plancc("report", str(plan), "--as-at", "2016-11-25", "--out", str(tmp_path / "report"))
    assert "internal error" not in report.stderr and report.returncode == 0, report.stderr
