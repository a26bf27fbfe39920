"""Periods of every precision, date ranges and rolling spans included, always shown in words; actual
values with their changes on the previous period and the same period a year before; figures by area
with their actual values."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from plancc.model.periods import Kind, PeriodError, next_period, parse_period, same_period_a_year_before
from plancc.pipeline import check_file
from plancc.render.page import render_plan


@pytest.mark.parametrize("label, kind, start, end, words, short", [
    ("2014-05-01 to 2015-04-30", Kind.RANGE, date(2014, 5, 1), date(2015, 4, 30),
     "1 May 2014 to 30 April 2015", "1 May 2014 – 30 Apr 2015"),
    ("12 months to 2015-03-31", Kind.ROLLING, date(2014, 4, 1), date(2015, 3, 31),
     "the 12 months to 31 March 2015", "12 months to 31 Mar 2015"),
    ("12 months to 2015-03", Kind.ROLLING, date(2014, 4, 1), date(2015, 3, 31),
     "the 12 months to 31 March 2015", "12 months to 31 Mar 2015"),
    ("12 months to 2016-02-29", Kind.ROLLING, date(2015, 3, 1), date(2016, 2, 29),
     "the 12 months to 29 February 2016", "12 months to 29 Feb 2016"),
    ("2002/03 Q1", Kind.QUARTER, date(2002, 4, 1), date(2002, 6, 30),
     "2002/03 Q1 (April to June 2002)", "Apr–Jun 2002"),
    ("2002-05", Kind.MONTH, date(2002, 5, 1), date(2002, 5, 31), "May 2002", "May 2002"),
])
def test_a_period_in_words(label: str, kind: Kind, start: date, end: date, words: str, short: str) -> None:
    period = parse_period(label)
    assert (period.kind, period.start, period.end, period.describe(), period.short()) == \
        (kind, start, end, words, short)


def test_a_range_that_runs_backwards_is_not_a_period() -> None:
    with pytest.raises(PeriodError, match="runs backwards"):
        parse_period("2015-05-01 to 2014-04-30")


def test_the_period_after_a_rolling_span_and_the_same_period_a_year_before() -> None:
    following = next_period(parse_period("12 months to 2015-03-31"))
    assert following is not None and (following.start, following.end) == (date(2015, 4, 1), date(2016, 3, 31))
    quarters = [parse_period(p) for p in ("2013/14 Q1", "2013/14 Q4", "2014/15 Q1")]
    assert same_period_a_year_before(quarters[2], quarters) == quarters[0]
    assert same_period_a_year_before(quarters[1], quarters) is None


PLAN = """\
title: Quarterly figures
partnership: Example CSP
period: {from: 2013/14, to: 2014/15}
status: draft
areas:
  - {id: north, name: North}
  - {id: south, name: South}
  - {id: all, name: Whole area, parts: [north, south]}
indicators:
  - id: crime
    title: All recorded crime
    unit: count
    direction: reduce
    actuals:
      - {period: 2013/14 Q1, value: 1200}
      - {period: 2013/14 Q2, value: 1250}
      - {period: 2013/14 Q3, value: 1186}
      - {period: 2013/14 Q4, value: 1298}
      - {period: 2014/15 Q1, value: 1121, note: Provisional until the force's year-end audit}
    breakdown:
      - {area: north, baseline: {period: 2012/13, value: 500}, targets: [{period: 2013/14, value: 480}],
         actuals: [{period: 2013/14, value: 470}]}
      - {area: south, baseline: {period: 2012/13, value: 700}, targets: [{period: 2013/14, value: 690}],
         actuals: [{period: 2013/14, value: 701}]}
      - {area: all, baseline: {period: 2012/13, value: 1200}, targets: [{period: 2013/14, value: 1170}],
         actuals: [{period: 2013/14, value: 1171}]}
"""


def test_actual_values_show_their_changes_notes_and_areas_in_words(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN, encoding="utf-8")
    assert check_file(str(path)).diagnostics == []
    html = render_plan(path).html or ""
    figures = html.split('class="table table--figures"', 1)[1].split("</table>", 1)[0]
    assert "2014/15 Q1 (April to June 2014)" in figures and "<td>2014/15 Q1</td>" not in figures
    last = figures.split("2014/15 Q1 (April to June 2014)", 1)[1].split("</tr>", 1)[0]
    # 1,298 to 1,121 on the quarter before; 1,200 to 1,121 on the same quarter a year before
    assert ">-13.6%<" in last and ">-6.6%<" in last and "Provisional until" in last
    assert ">Change on a year before<" in figures and ">Change on baseline<" not in figures  # empty: left out
    areas = html.split("by area.", 1)[1].split("</table>", 1)[0]
    assert "2013/14 (actual)" in areas and ">1,171<" in areas  # the whole area: the sum of its parts


@pytest.mark.parametrize("label", ["99 months to 0001-01-31", "12 months to 0001-06-15"])
def test_a_span_reaching_before_the_year_1_is_a_period_error_not_a_crash(label: str) -> None:
    with pytest.raises(PeriodError, match="outside the years 1 to 9999"):
        parse_period(label)


def test_spans_at_the_edges_of_the_calendar() -> None:
    last = parse_period("12 months to 9999-12-31")
    assert (last.start, last.end) == (date(9999, 1, 1), date(9999, 12, 31))
    assert next_period(last) is None  # there is no year 10000
    first = parse_period("12 months to 0001-12-31")
    assert same_period_a_year_before(first, [first]) is None


def test_extreme_years_in_actual_values_give_located_diagnostics(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN.split("    actuals:")[0] + """    actuals:
      - {period: 12 months to 0001-12-31, value: 1}
      - {period: 12 months to 0002-12-31, value: 2, change_on_year_before: "+100%"}
      - {period: 99 months to 0001-01-31, value: 3}
""", encoding="utf-8")
    found = check_file(str(path)).diagnostics
    assert [(d.rule, d.line) for d in found if d.rule.startswith("plancc")] == []
    assert [(d.rule, d.line) for d in found] == [("period-label", 17)]  # the span before the year 1, only
