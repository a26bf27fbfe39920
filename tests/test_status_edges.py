"""Status at the edges a hostile or careless plan reaches: figures with hundreds of digits, a target of
0, a lag of millions of months, monthly figures against a profiled year. Each gives a located answer
in words, never an internal error or a hang."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from conftest import run_plancc
from plancc.pipeline import check_file
from plancc.model.periods import parse_period
from plancc.status import indicator_status, load_plan_model

PLAN = """title: Edges
partnership: Test CSP
period: {{from: 2016/17, to: 2016/17}}
status: draft
as_at: 2016-11-25
performance: {{actuals_due: {due}}}
indicators:
  - id: huge
    title: Huge
    unit: count
    direction: reduce
    targets:
      - {{period: 2016/17, value: 400000000000000, profile: [1e14, 1e14, 1e14, 1e14]}}
    actuals:
      - {{period: 2016/17 Q1, value: 100000000000000}}
      - {{period: 2016/17 Q2, value: 300000000000000}}
  - id: zero
    title: Zero
    unit: count
    direction: reduce
    targets:
      - {{period: 2016/17 Q2, value: 0}}
    actuals:
      - {{period: 2016/17 Q1, value: 0}}
      - {{period: 2016/17 Q2, value: 3}}
  - id: monthly
    title: Monthly
    unit: count
    direction: reduce
    targets:
      - {{period: 2016/17, value: 1200, profile: cumulative}}
    actuals:
      - {{period: 2016-04, value: 95}}
      - {{period: 2016-05, value: 110}}
"""


def _plan(tmp_path: Path, due: str = "1 day") -> Path:
    path = tmp_path / "edges.yaml"
    path.write_text(PLAN.format(due=due))
    return path


def test_figures_at_the_top_of_the_range_are_judged_in_words(tmp_path: Path) -> None:
    plan = load_plan_model(_plan(tmp_path))
    found = indicator_status(plan, plan.indicators[0], parse_period("2016/17 Q2"), date(2016, 11, 25))
    # 1e14 + 3e14 = 4e14 so far against 1e14 + 1e14 = 2e14 to date: 100% worse, off target
    assert found.band == "off-target" and "is 100.0% worse than the target to date" in found.reason


@pytest.mark.parametrize("figure", ["4e307", "1e5000", "-1e999999999", "1e-300", "0" + "9" * 5000])
def test_figures_beyond_the_range_are_refused_where_they_are_written(tmp_path: Path, figure: str) -> None:
    path = _plan(tmp_path)
    path.write_text(path.read_text().replace("value: 400000000000000", f"value: {figure}"))
    found = check_file(str(path)).diagnostics
    assert [(d.rule, d.line) for d in found if str(d.severity) == "error"] == [("figure-range", 13)]
    assert "plancc-internal" not in [d.rule for d in found]
    page = run_plancc("render", str(path), "-o", str(tmp_path / "page.html"))
    assert page.returncode == 1 and "internal error" not in page.stderr


def test_a_target_of_zero_with_a_percentage_tolerance_is_said_plainly(tmp_path: Path) -> None:
    plan = load_plan_model(_plan(tmp_path))
    found = indicator_status(plan, plan.indicators[1], parse_period("2016/17 Q2"), date(2016, 11, 25))
    assert found.band == "off-target"
    assert found.reason == ("Off target: 3 is worse than the target of 0; a tolerance of 5% of a target of 0 "
                            "allows nothing.")


def test_monthly_figures_are_compared_with_months_of_the_year_to_date(tmp_path: Path) -> None:
    plan = load_plan_model(_plan(tmp_path))
    found = indicator_status(plan, plan.indicators[2], parse_period("2016-05"), date(2016, 11, 25))
    # 95 + 110 = 205 against 1,200 x 2 / 12 = 200: 2.5% worse, within 5%
    assert found.band == "close"
    assert "205 so far this year (Apr 95 + May 110)" in found.reason
    assert "target to date of 200 (2 months' worth of the year's 1,200)" in found.reason


def test_absurd_lags_end_quickly_with_a_report(tmp_path: Path) -> None:
    for due in ("99999999999 months", "99999999999 days", "0 days"):
        out = tmp_path / due.replace(" ", "-")
        result = run_plancc("report", str(_plan(tmp_path, due)), "--as-at", "2016-11-25", "--out", str(out))
        assert result.returncode == 0, result.stderr
        assert "internal error" not in result.stderr
        assert (out / "index.html").is_file()
