"""Indicator and action status, against figures worked out by hand.

The first half checks the fictional Northbridge delivery plan (plans/northbridge-delivery-plan-2015.yaml)
as at 25 November 2016, the report for 2016/17 Q2: every indicator at every quarter, and every action.
The second half writes small plans to a temporary folder for the edges of each rule: exactly on a
tolerance, percentages in points against rates in per cent, the two kinds of profile, a quarter
with no data, no target, and the direction of travel.

Every expected figure is worked out in a comment beside it, not taken from plancc.
"""

from __future__ import annotations

import textwrap
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from plancc.model.periods import parse_period
from plancc.status import action_status, indicator_status, load_plan_model

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "plans" / "northbridge-delivery-plan-2015.yaml"
AS_AT = date(2016, 11, 25)

D = Decimal


def _indicator(plan, indicator_id):
    return next(i for i in plan.indicators if i.id == indicator_id)


def _action(plan, action_id):
    return next(a for a in plan.actions if a.id == action_id)


def status_of(plan, indicator_id: str, period: str, as_at: date = AS_AT):
    return indicator_status(plan, _indicator(plan, indicator_id), parse_period(period), as_at=as_at)


def is_period(period, label: str) -> bool:
    """The same days as the period `label` (whatever label the code keeps)."""
    expected = parse_period(label)
    return (period.start, period.end) == (expected.start, expected.end)


@pytest.fixture(scope="module")
def example():
    return load_plan_model(EXAMPLE)


# ================================================================================================
# The example plan: indicators
# ================================================================================================

# (indicator, quarter, band, actual compared, target compared, year to date)
EXAMPLE_BANDS = [
    # ---- CS 1 all-crime: rolling 12-month rate, reduce, no profile: the year's target every quarter.
    # 2015/16 target 64.38; 2016/17 target 63.09; tolerance 5% of the target.
    # 65.12 vs 64.38: (65.12-64.38)/64.38 = 0.74/64.38 = 1.15% worse <= 5% -> close
    ("all-crime", "2015/16 Q1", "close", "65.12", "64.38", False),
    # 64.33 < 64.38 -> on target
    ("all-crime", "2015/16 Q2", "on-target", "64.33", "64.38", False),
    # 64.02 < 64.38 -> on target
    ("all-crime", "2015/16 Q3", "on-target", "64.02", "64.38", False),
    # 63.78 < 64.38 -> on target
    ("all-crime", "2015/16 Q4", "on-target", "63.78", "64.38", False),
    # 63.85 vs 63.09: 0.76/63.09 = 1.20% worse -> close
    ("all-crime", "2016/17 Q1", "close", "63.85", "63.09", False),
    # 64.65 vs 63.09: 1.56/63.09 = 2.47% worse -> close
    ("all-crime", "2016/17 Q2", "close", "64.65", "63.09", False),

    # ---- CS 2 asb: count, reduce, stated profile, compared year to date.
    # 2015/16 profile [1100, 1270, 1040, 890] (sum 4300); 2016/17 [1070, 1240, 1020, 870] (sum 4200).
    # Q1: 1085 vs 1100 -> on target
    ("asb", "2015/16 Q1", "on-target", "1085", "1100", True),
    # Q2: 1085+1290 = 2375 vs 1100+1270 = 2370: 5/2370 = 0.21% worse -> close
    ("asb", "2015/16 Q2", "close", "2375", "2370", True),
    # Q3: 2375+1010 = 3385 vs 2370+1040 = 3410 -> on target
    ("asb", "2015/16 Q3", "on-target", "3385", "3410", True),
    # Q4: 3385+905 = 4290 vs 3410+890 = 4300 -> on target
    ("asb", "2015/16 Q4", "on-target", "4290", "4300", True),
    # 2016/17 Q1: 1050 vs 1070 -> on target
    ("asb", "2016/17 Q1", "on-target", "1050", "1070", True),
    # 2016/17 Q2: 1050+1215 = 2265 vs 1070+1240 = 2310 -> on target
    ("asb", "2016/17 Q2", "on-target", "2265", "2310", True),

    # ---- CS 3 burglary: count, reduce, cumulative: n/4 of the year's target by the end of Qn.
    # 2015/16 target 460: 115, 230, 345, 460. 2016/17 target 440: 110, 220, 330, 440.
    # Q1: 112 vs 115 -> on target
    ("burglary", "2015/16 Q1", "on-target", "112", "115", True),
    # Q2: 112+121 = 233 vs 230: 3/230 = 1.30% worse -> close
    ("burglary", "2015/16 Q2", "close", "233", "230", True),
    # Q3: 233+118 = 351 vs 345: 6/345 = 1.74% worse -> close
    ("burglary", "2015/16 Q3", "close", "351", "345", True),
    # Q4: 351+104 = 455 vs 460 -> on target
    ("burglary", "2015/16 Q4", "on-target", "455", "460", True),
    # 2016/17 Q1: 118 vs 110: 8/110 = 7.27% worse > 5% -> off target
    ("burglary", "2016/17 Q1", "off-target", "118", "110", True),
    # 2016/17 Q2: 118+122 = 240 (stated year_to_date 240) vs 220: 20/220 = 9.09% worse -> off target
    ("burglary", "2016/17 Q2", "off-target", "240", "220", True),

    # ---- CS 4 satisfaction: percent, increase, tolerance 2 points (tolerance_for_percentages).
    # 2015/16 target 84.0; 2016/17 target 85.0.
    # 83.1 vs 84.0: 0.9 points below <= 2 -> close
    ("satisfaction", "2015/16 Q1", "close", "83.1", "84.0", False),
    # 84.6 > 84.0 -> on target
    ("satisfaction", "2015/16 Q2", "on-target", "84.6", "84.0", False),
    # 81.5 vs 84.0: 2.5 points below > 2 -> off target (as a % it would be 2.5/84 = 2.98%, close)
    ("satisfaction", "2015/16 Q3", "off-target", "81.5", "84.0", False),
    # 84.0 = 84.0: worse = 0 -> on target
    ("satisfaction", "2015/16 Q4", "on-target", "84.0", "84.0", False),
    # 83.0 vs 85.0: 2.0 points below = exactly the tolerance -> close
    ("satisfaction", "2016/17 Q1", "close", "83.0", "85.0", False),

    # ---- CS 5 treatment-referrals: count, increase, even profile: each quarter's own count vs a quarter.
    # 2015/16 target 220: 55 a quarter. 2016/17 target 240: 60 a quarter.
    # 57 > 55 -> on target
    ("treatment-referrals", "2015/16 Q1", "on-target", "57", "55", False),
    # 53 vs 55: 2/55 = 3.64% worse -> close
    ("treatment-referrals", "2015/16 Q2", "close", "53", "55", False),
    # 58 > 55 -> on target
    ("treatment-referrals", "2015/16 Q4", "on-target", "58", "55", False),
    # 55 vs 60: 5/60 = 8.33% worse -> off target
    ("treatment-referrals", "2016/17 Q1", "off-target", "55", "60", False),
    # 52 vs 60: 8/60 = 13.33% worse -> off target
    ("treatment-referrals", "2016/17 Q2", "off-target", "52", "60", False),
]


@pytest.mark.parametrize("indicator_id, quarter, band, actual, target, to_date", EXAMPLE_BANDS,
                         ids=[f"{row[0]}-{row[1]}" for row in EXAMPLE_BANDS])
def test_example_band(example, indicator_id, quarter, band, actual, target, to_date):
    s = status_of(example, indicator_id, quarter)
    assert (s.band, s.actual, s.target, s.year_to_date) == (band, D(actual), D(target), to_date), s.reason


def test_example_every_band_at_2016_17_q2(example):
    # The report for 2016/17 Q2 shows all five bands.
    bands = {i.id: status_of(example, i.id, "2016/17 Q2").band for i in example.indicators}
    assert bands == {
        "all-crime": "close",
        "asb": "on-target",
        "burglary": "off-target",
        "satisfaction": "no-data",
        "treatment-referrals": "off-target",
        "hate-crime": "no-target",
    }


def test_example_all_crime_reason(example):
    # 64.65 vs 63.09: (64.65-63.09)/63.09 = 1.56/63.09 = 2.4727% -> "2.5% worse", tolerance 5%.
    s = status_of(example, "all-crime", "2016/17 Q2")
    assert s.reason.startswith("Close to target:")
    for words in ("64.65", "2.5% worse", "63.09", "tolerance is 5%"):
        assert words in s.reason


def test_example_all_crime_travel(example):
    s = status_of(example, "all-crime", "2016/17 Q2")
    # previous 2016/17 Q1 63.85 -> 64.65: +0.80/63.85 = +1.25% > 1% and up for a reduce -> worse
    assert s.previous is not None
    assert (s.previous.word, s.previous.value) == ("worse", D("63.85"))
    assert is_period(s.previous.against, "2016/17 Q1")
    # year before 2015/16 Q2 64.33 -> 64.65: +0.32/64.33 = +0.497% <= 1% -> the same
    assert s.year_before is not None
    assert (s.year_before.word, s.year_before.value) == ("the same", D("64.33"))
    assert is_period(s.year_before.against, "2015/16 Q2")


def test_example_all_crime_first_quarter_has_no_travel(example):
    # 2015/16 Q1 is the first actual: no 2014/15 Q4 and no 2014/15 Q1 actual to compare with.
    s = status_of(example, "all-crime", "2015/16 Q1")
    assert s.previous is None and s.year_before is None


def test_example_asb_reason_is_to_date(example):
    # 2,265 so far this year against 2,310 to date (1,070 + 1,240): better -> on target.
    s = status_of(example, "asb", "2016/17 Q2")
    assert s.reason.startswith("On target:")
    assert "2,265" in s.reason and "2,310" in s.reason


def test_example_asb_travel_words(example):
    # Whether the quarter's own figure or the figure to date is compared, the word is the same:
    # previous: own 1050 -> 1215 (+15.7%) or to date 1050 -> 2265: up for a reduce -> worse;
    # year before: own 1290 -> 1215 (-5.8%) or to date 2375 -> 2265 (-4.6%): down -> better.
    s = status_of(example, "asb", "2016/17 Q2")
    assert s.previous is not None and s.previous.word == "worse"
    assert s.year_before is not None and s.year_before.word == "better"


def test_example_burglary_reason(example):
    # 240 so far vs 220 to date (half of 440): 20/220 = 9.09% -> "9.1% worse"; tolerance 5%.
    s = status_of(example, "burglary", "2016/17 Q2")
    assert s.reason.startswith("Off target:")
    for words in ("240", "9.1% worse", "220", "440", "tolerance is 5%"):
        assert words in s.reason


def test_example_burglary_q1_cumulative_is_a_quarter(example):
    # 2016/17 Q1: 118 vs a quarter of 440 = 110: 8/110 = 7.27% -> "7.3% worse".
    s = status_of(example, "burglary", "2016/17 Q1")
    assert "7.3% worse" in s.reason and "110" in s.reason


def test_example_satisfaction_points_reasons(example):
    # 81.5 vs 84.0: 84.0 - 81.5 = 2.5 points below; tolerance 2 points -> off target.
    s = status_of(example, "satisfaction", "2015/16 Q3")
    assert s.reason.startswith("Off target:")
    for words in ("81.5%", "2.5 points", "84.0%", "tolerance is 2 points"):
        assert words in s.reason
    # 83.0 vs 85.0: 2.0 points below = the tolerance -> close.
    s = status_of(example, "satisfaction", "2016/17 Q1")
    assert s.reason.startswith("Close to target:")
    for words in ("83.0%", "2.0 points", "85.0%", "tolerance is 2 points"):
        assert words in s.reason


def test_example_satisfaction_travel_in_points(example):
    # 2016/17 Q1 83.0: previous 84.0 -> 83.0 is -1.0 point, exactly the same band of 1 point -> the same
    # (as a per cent change, -1.0/84.0 = -1.19%, which would be worse); year before 83.1 -> 83.0: -0.1 -> the same.
    s = status_of(example, "satisfaction", "2016/17 Q1")
    assert s.previous is not None and (s.previous.word, s.previous.value) == ("the same", D("84.0"))
    assert s.year_before is not None and (s.year_before.word, s.year_before.value) == ("the same", D("83.1"))


def test_example_satisfaction_no_data_when_due(example):
    # 2016/17 Q2 ends 2016-09-30; due 6 weeks (42 days) later, on 2016-11-11, before 2016-11-25.
    s = status_of(example, "satisfaction", "2016/17 Q2")
    assert s.band == "no-data"
    assert s.actual is None
    assert s.reason.startswith("No data")
    # still no data on the day it falls due
    assert status_of(example, "satisfaction", "2016/17 Q2", as_at=date(2016, 11, 11)).band == "no-data"


def test_example_satisfaction_not_yet_due_the_day_before(example):
    # On 2016-11-10 the figure is not yet due (2016-09-30 + 42 days = 2016-11-11): it is not a
    # missing figure, so it must not be reported as the missing one of 25 November is.
    due = status_of(example, "satisfaction", "2016/17 Q2", as_at=date(2016, 11, 11))
    early = status_of(example, "satisfaction", "2016/17 Q2", as_at=date(2016, 11, 10))
    assert early is None or early.reason != due.reason


def test_example_referrals_quarter_with_no_data(example):
    # 2015/16 Q3 has no actual; it fell due 2015-12-31 + 42 days = 2016-02-11.
    s = status_of(example, "treatment-referrals", "2015/16 Q3")
    assert s.band == "no-data" and s.actual is None


def test_example_referrals_off_target_reason_and_travel(example):
    # 52 vs 60 (240 / 4): 8/60 = 13.33% short -> "13.3%"; tolerance 5%.
    s = status_of(example, "treatment-referrals", "2016/17 Q2")
    assert s.reason.startswith("Off target:")
    for words in ("52", "13.3%", "60", "tolerance is 5%"):
        assert words in s.reason
    # previous 55 -> 52: -3/55 = -5.45%, down for an increase -> worse
    assert s.previous is not None and (s.previous.word, s.previous.value) == ("worse", D("55"))
    # year before 53 -> 52: -1/53 = -1.89% (more than 1%) -> worse
    assert s.year_before is not None and (s.year_before.word, s.year_before.value) == ("worse", D("53"))


def test_example_hate_crime_no_target(example):
    for quarter, value in [("2015/16 Q1", "24"), ("2015/16 Q3", "22"), ("2016/17 Q2", "36")]:
        s = status_of(example, "hate-crime", quarter)
        assert (s.band, s.actual, s.target) == ("no-target", D(value), None), quarter
    s = status_of(example, "hate-crime", "2016/17 Q2")
    assert s.reason.startswith("No target")
    # previous 31 -> 36: +5/31 = +16.1%, up for an increase -> better
    assert s.previous is not None and (s.previous.word, s.previous.value) == ("better", D("31"))
    # year before 27 -> 36: +9/27 = +33.3% -> better
    assert s.year_before is not None and (s.year_before.word, s.year_before.value) == ("better", D("27"))
    # 2015/16 Q3: previous 27 -> 22: -18.5% -> worse; no 2014/15 Q3 actual -> no year-before comparison
    s = status_of(example, "hate-crime", "2015/16 Q3")
    assert s.previous is not None and s.previous.word == "worse"
    assert s.year_before is None


def test_example_stated_statuses_agree(example):
    # Every actual that states a status (green/amber/red or a band) agrees with the band above.
    stated = {("all-crime", "2016/17 Q2"): "close",        # amber
              ("asb", "2016/17 Q2"): "on-target",
              ("burglary", "2016/17 Q2"): "off-target",    # red
              ("satisfaction", "2015/16 Q3"): "off-target",
              ("satisfaction", "2016/17 Q1"): "close",
              ("treatment-referrals", "2016/17 Q2"): "off-target"}
    for (indicator_id, quarter), band in stated.items():
        assert status_of(example, indicator_id, quarter).band == band


def test_example_off_target_actuals_have_corrective_action(example):
    # Every off-target quarter has a corrective action written in the plan.
    indicators = {i["id"]: i for i in example.data["indicators"]}
    for indicator_id, quarter, band, *_ in EXAMPLE_BANDS:
        if band != "off-target":
            continue
        actual = next(a for a in indicators[indicator_id]["actuals"] if str(a["period"]) == quarter)
        assert actual.get("corrective_action"), (indicator_id, quarter)


def test_example_checks_clean():
    # No error and no warning that is not turned off with a reason.
    from conftest import run_plancc

    result = run_plancc("check", "--strict", str(EXAMPLE))
    assert result.returncode == 0, result.stdout + result.stderr


# ================================================================================================
# The example plan: actions as at 25 November 2016
# ================================================================================================

EXAMPLE_ACTIONS = {
    # due by 2017-03, latest update 2016-11-18 on-track/green -> on track
    "asb-trigger-review": "on-track",
    # due by 2016-09 -> overdue from 2016-10-01; latest update delayed, not complete -> overdue
    "you-said-we-did": "overdue",
    # latest update (2015-12-10) complete -> complete
    "mash-domestic-abuse": "complete",
    # no status on the action; latest update (2016-03-21) complete -> complete
    "hate-reporting-centres": "complete",
    # due from 2017-01: starts 2017-01-01, after 2016-11-25, no progress -> not yet due
    "perpetrator-programme": "not-yet-due",
    # due 2016/17: started 2016-04-01, no progress -> not started
    "victim-survey-review": "not-started",
    # due throughout (to 2017-03-31), updates ongoing/green -> on track
    "iom-burglary": "on-track",
    # due by 2017-01, latest update 2016-11-21 at-risk/amber -> at risk
    "custody-diversion": "at-risk",
    # latest update (2016-04-20) cancelled; its due date (by 2016-06) has passed but cancelled comes first
    "cctv-replacement": "cancelled",
    # due 2016/17 (to 2017-03-31), latest update 2016-10-12 delayed/red -> at risk
    "cumulative-impact": "at-risk",
    # due 2016-07 to 2017-03: started 2016-07-01, no progress -> not started
    "street-drinking": "not-started",
    # due 2017-02: starts 2017-02-01, no progress -> not yet due
    "next-plan": "not-yet-due",
}


def test_example_every_action_has_an_expected_status(example):
    assert {a.id for a in example.actions} == set(EXAMPLE_ACTIONS)
    assert set(EXAMPLE_ACTIONS.values()) == {"complete", "cancelled", "overdue", "at-risk", "not-started",
                                             "not-yet-due", "on-track"}


@pytest.mark.parametrize("action_id, expected", sorted(EXAMPLE_ACTIONS.items()))
def test_example_action_status(example, action_id, expected):
    a = action_status(example, _action(example, action_id), AS_AT)
    assert a.status == expected, a.reason
    assert a.reason


# The facts each reason must give: the day that decided it.
EXAMPLE_ACTION_REASONS = {
    # by 2016-09 ends 30 September 2016; 2016-09-30 to 2016-11-25 is 31 (Oct) + 25 (Nov) = 56 days
    "you-said-we-did": ["30 September 2016", "56 days"],
    "custody-diversion": ["21 November 2016"],       # the at-risk update
    "cumulative-impact": ["12 October 2016"],        # the delayed update
    "mash-domestic-abuse": ["10 December 2015"],     # the complete update
    "cctv-replacement": ["20 April 2016"],           # the cancelled update
    "street-drinking": ["1 July 2016"],              # the start of 2016-07 to 2017-03
    "victim-survey-review": ["1 April 2016"],        # the start of 2016/17
    "perpetrator-programme": ["1 January 2017"],     # the start of "from 2017-01"
    "next-plan": ["1 February 2017"],                # the start of 2017-02
}


@pytest.mark.parametrize("action_id, facts", sorted(EXAMPLE_ACTION_REASONS.items()))
def test_example_action_reason(example, action_id, facts):
    reason = action_status(example, _action(example, action_id), AS_AT).reason
    for fact in facts:
        assert fact in reason, reason


# (action, date, status): the same actions on other days, at the edges of their rules.
EXAMPLE_ACTIONS_ON_OTHER_DAYS = [
    # by 2016-09 is due to the end of September: on 2016-09-30 not overdue, latest update
    # (2016-06-30) on-track -> on track; on 2016-10-01 -> overdue.
    ("you-said-we-did", date(2016, 9, 30), "on-track"),
    ("you-said-we-did", date(2016, 10, 1), "overdue"),
    # Updates after the date do not count: on 2016-11-20 the at-risk update of 2016-11-21 has not
    # been written; the latest is 2016-06-03 on-track -> on track.
    ("custody-diversion", date(2016, 11, 20), "on-track"),
    ("custody-diversion", date(2016, 11, 21), "at-risk"),
    # Before the complete update of 2016-03-21 the centres were on track (due by 2016-03, not passed).
    ("hate-reporting-centres", date(2016, 3, 20), "on-track"),
    ("hate-reporting-centres", date(2016, 3, 21), "complete"),
    # Before it was cancelled (2016-04-20) the CCTV action was on track (due by 2016-06).
    ("cctv-replacement", date(2016, 4, 19), "on-track"),
    # 2016-07 to 2017-03 starts on 2016-07-01: not yet due the day before, not started from that day.
    ("street-drinking", date(2016, 6, 30), "not-yet-due"),
    ("street-drinking", date(2016, 7, 1), "not-started"),
    # from 2017-01 starts on 2017-01-01.
    ("perpetrator-programme", date(2016, 12, 31), "not-yet-due"),
    ("perpetrator-programme", date(2017, 1, 1), "not-started"),
    # 2016/17 starts 2016-04-01.
    ("victim-survey-review", date(2016, 3, 31), "not-yet-due"),
    # due 2016/17 ends 2017-03-31: still delayed on 2017-04-01 -> overdue comes before at risk.
    ("cumulative-impact", date(2017, 4, 1), "overdue"),
]


@pytest.mark.parametrize("action_id, day, expected", EXAMPLE_ACTIONS_ON_OTHER_DAYS,
                         ids=[f"{row[0]}-{row[1]}" for row in EXAMPLE_ACTIONS_ON_OTHER_DAYS])
def test_example_action_status_on_other_days(example, action_id, day, expected):
    a = action_status(example, _action(example, action_id), day)
    assert a.status == expected, a.reason


# ================================================================================================
# Small plans: the edges of each rule
# ================================================================================================

HEADER = """\
title: Status test plan
partnership: Test Community Safety Partnership
period:
  from: {start}
  to: 2016/17
status: draft
version: "1.0"
as_at: {as_at}
performance:
{performance}
indicators:
"""

DEFAULT_PERFORMANCE = """\
  tolerance: 5%
  tolerance_for_percentages: 2 points
  same: 1%
  same_for_percentages: 1 point
"""


def small_plan(tmp_path: Path, indicators: str, *, start: str = "2016/17", as_at: str = "2016-11-25",
               performance: str = DEFAULT_PERFORMANCE):
    """Write a plan with these indicators (YAML list items, indented by two) and load its model."""
    text = HEADER.format(start=start, as_at=as_at, performance=performance.rstrip("\n")) \
        + textwrap.indent(textwrap.dedent(indicators).strip("\n"), "  ") + "\n"
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    return load_plan_model(path)


def indicator_yaml(indicator_id: str, unit: str, direction: str, targets: str, actuals: dict[str, str],
                   extra: str = "") -> str:
    """One indicator; targets as YAML list items; actuals as {quarter: value}."""
    lines = [f"- id: {indicator_id}", f"  title: {indicator_id}", f"  unit: {unit}", f"  direction: {direction}"]
    lines += ["  " + line for line in textwrap.dedent(extra).strip("\n").splitlines() if line]
    if targets.strip():
        lines.append("  targets:")
        lines += ["    " + line for line in textwrap.dedent(targets).strip("\n").splitlines()]
    lines.append("  actuals:")
    for quarter, value in actuals.items():
        lines.append(f"    - period: {quarter}")
        for part in value.split(";"):
            key, _, rest = part.strip().partition("=")
            if rest:
                lines.append(f"      {key}: {rest}")
            else:
                lines.append(f"      value: {key}")
    return "\n".join(lines) + "\n"


def q2(plan, indicator_id, period="2016/17 Q2", as_at=AS_AT):
    return status_of(plan, indicator_id, period, as_at)


# ---- Exactly on the tolerance, for each direction --------------------------------------------------

RATE_TARGET = "- period: 2016/17\n  value: 10.60\n"


def _rate(indicator_id, direction, value, extra=""):
    return indicator_yaml(indicator_id, "per 1,000 population", direction, RATE_TARGET,
                          {"2016/17 Q1": "10.60", "2016/17 Q2": value}, extra)


@pytest.fixture
def tolerance_plan(tmp_path):
    return small_plan(tmp_path, "".join([
        # reduce, target 10.60:
        _rate("reduce-exact", "reduce", "11.13"),     # 0.53/10.60 = 5.000% exactly -> close
        _rate("reduce-over", "reduce", "11.14"),      # 0.54/10.60 = 5.094% -> off target
        _rate("reduce-hair", "reduce", "11.1301"),    # 0.5301/10.60 = 5.0009% -> off target
        _rate("reduce-equal", "reduce", "10.60"),     # worse = 0 -> on target
        _rate("reduce-better", "reduce", "10.40"),    # below the target -> on target
        # increase, target 10.60:
        _rate("increase-exact", "increase", "10.07"),  # 0.53/10.60 = 5.000% below -> close
        _rate("increase-over", "increase", "10.06"),   # 0.54/10.60 = 5.094% below -> off target
        _rate("increase-better", "increase", "11.00"),  # above -> on target
        # maintain, target 10.60: |actual - target|
        _rate("maintain-above", "maintain", "11.13"),  # |0.53|/10.60 = 5% -> close
        _rate("maintain-below", "maintain", "10.07"),  # |-0.53|/10.60 = 5% -> close
        _rate("maintain-over", "maintain", "11.14"),   # 5.094% -> off target
        _rate("maintain-equal", "maintain", "10.60"),  # 0 -> on target
        # the indicator's own tolerance overrides the plan's: 5.094% <= 10% -> close
        _rate("own-tolerance", "reduce", "11.14", extra="tolerance: 10%"),
    ]))


@pytest.mark.parametrize("indicator_id, band", [
    ("reduce-exact", "close"), ("reduce-over", "off-target"), ("reduce-hair", "off-target"),
    ("reduce-equal", "on-target"), ("reduce-better", "on-target"),
    ("increase-exact", "close"), ("increase-over", "off-target"), ("increase-better", "on-target"),
    ("maintain-above", "close"), ("maintain-below", "close"), ("maintain-over", "off-target"),
    ("maintain-equal", "on-target"),
    ("own-tolerance", "close"),
])
def test_tolerance_boundary(tolerance_plan, indicator_id, band):
    s = q2(tolerance_plan, indicator_id)
    assert s.band == band, s.reason
    assert s.target == D("10.60")


def test_tolerance_boundary_reasons(tolerance_plan):
    # 11.13 vs 10.60: 0.53/10.60 = 5.0% worse; the tolerance is 5%.
    s = q2(tolerance_plan, "reduce-exact")
    assert s.reason.startswith("Close to target:")
    for words in ("11.13", "5.0% worse", "10.60", "tolerance is 5%"):
        assert words in s.reason
    # 11.14 vs 10.60: 0.54/10.60 = 5.09% -> "5.1% worse"
    s = q2(tolerance_plan, "reduce-over")
    assert s.reason.startswith("Off target:") and "5.1% worse" in s.reason
    # 10.40 is better than 10.60
    s = q2(tolerance_plan, "reduce-better")
    assert s.reason.startswith("On target:") and "10.40" in s.reason and "10.60" in s.reason
    # 10.07 vs 10.60 (increase): 0.53/10.60 = 5.0% short
    s = q2(tolerance_plan, "increase-exact")
    assert "5.0%" in s.reason and "tolerance is 5%" in s.reason
    # own tolerance of 10% is the one named
    assert "tolerance is 10%" in q2(tolerance_plan, "own-tolerance").reason


# ---- Percentages in points, rates in per cent -------------------------------------------------------

PCT_TARGET = "- period: 2016/17\n  value: 74.0\n"


def _pct(indicator_id, unit, direction, value, target=PCT_TARGET, extra=""):
    return indicator_yaml(indicator_id, unit, direction, target, {"2016/17 Q1": "74.0", "2016/17 Q2": value},
                          extra)


@pytest.fixture
def points_plan(tmp_path):
    return small_plan(tmp_path, "".join([
        _pct("pct-exact", "percent", "increase", "72.0"),    # 74.0-72.0 = 2.0 points = tolerance -> close
        _pct("pct-over", "percent", "increase", "71.9"),     # 2.1 points -> off target
        _pct("pct-three", "percent", "increase", "71.0"),    # 3.0 points -> off target (as % 3/74 = 4.05%)
        _pct("rate-three", "per 1,000 population", "increase", "71.0"),  # 3.0/74.0 = 4.05% <= 5% -> close
        _pct("pct-own-points", "percent", "increase", "72.0", extra="tolerance: 1 point"),  # 2.0 > 1 -> off
        # reduce, target 25.0: 27.0 is 2.0 points above -> close; 27.5 is 2.5 -> off target
        _pct("pct-reduce-exact", "percent", "reduce", "27.0", target="- period: 2016/17\n  value: 25.0\n"),
        _pct("pct-reduce-over", "percent", "reduce", "27.5", target="- period: 2016/17\n  value: 25.0\n"),
    ]))


@pytest.mark.parametrize("indicator_id, band", [
    ("pct-exact", "close"), ("pct-over", "off-target"), ("pct-three", "off-target"), ("rate-three", "close"),
    ("pct-own-points", "off-target"), ("pct-reduce-exact", "close"), ("pct-reduce-over", "off-target"),
])
def test_points_and_percent(points_plan, indicator_id, band):
    s = q2(points_plan, indicator_id)
    assert s.band == band, s.reason


def test_points_reason_as_in_the_design(points_plan):
    # 71.0 vs 74.0: 3.0 points below; the tolerance is 2 points.
    assert q2(points_plan, "pct-three").reason == \
        "Off target: 71.0% is 3.0 points below the target of 74.0%; the tolerance is 2 points."
    # the same figures as a rate: 3.0/74.0 = 4.054% -> "4.1%", tolerance 5%
    s = q2(points_plan, "rate-three")
    assert "4.1%" in s.reason and "tolerance is 5%" in s.reason and "points" not in s.reason


def test_percent_without_points_tolerance_uses_per_cent(tmp_path):
    # With only tolerance: 5%, a percentage is judged in per cent of its target too:
    # 71.0 vs 74.0: 3.0/74.0 = 4.05% <= 5% -> close.
    plan = small_plan(tmp_path, _pct("pct", "percent", "increase", "71.0"), performance="  tolerance: 5%\n")
    s = q2(plan, "pct")
    assert s.band == "close", s.reason
    assert "4.1%" in s.reason


def test_points_tolerance_on_a_count_is_an_error(tmp_path):
    # tolerance-points: a tolerance in points on an indicator whose unit is not percent.
    with pytest.raises(Exception, match="tolerance-points"):
        small_plan(tmp_path, _pct("count", "count", "increase", "71", extra="tolerance: 2 points"))


# ---- Year to date: a cumulative profile ----------------------------------------------------------

CUMULATIVE = "- period: 2016/17\n  value: 440\n  profile: cumulative\n"


@pytest.fixture
def cumulative_plan(tmp_path):
    return small_plan(tmp_path, "".join([
        # Q1 118 vs 440/4 = 110: 8/110 = 7.27% -> off; Q2 118+113 = 231 vs 220: 11/220 = 5.0% -> close
        indicator_yaml("summed", "count", "reduce", CUMULATIVE, {"2016/17 Q1": "118", "2016/17 Q2": "113"}),
        # Q1 110 vs 110 -> on target (exactly on); Q2 110+110 = 220 vs 220 -> on target
        indicator_yaml("on-profile", "count", "reduce", CUMULATIVE, {"2016/17 Q1": "110", "2016/17 Q2": "110"}),
        # Q1 missing; Q2 states year_to_date 231 -> compared as stated: 231 vs 220 -> close
        indicator_yaml("stated-ytd", "count", "reduce", CUMULATIVE, {"2016/17 Q2": "113; year_to_date=231"}),
        # Q1 missing, Q2 states no year_to_date -> no figure to date -> no data
        indicator_yaml("gap", "count", "reduce", CUMULATIVE, {"2016/17 Q2": "113"}),
        # increase, 240 cumulative: Q2 55+62 = 117 vs 120: 3/120 = 2.5% short -> close
        indicator_yaml("up", "count", "increase", "- period: 2016/17\n  value: 240\n  profile: cumulative\n",
                       {"2016/17 Q1": "55", "2016/17 Q2": "62"}),
    ]))


@pytest.mark.parametrize("indicator_id, quarter, band, actual, target", [
    ("summed", "2016/17 Q1", "off-target", "118", "110"),
    ("summed", "2016/17 Q2", "close", "231", "220"),
    ("on-profile", "2016/17 Q1", "on-target", "110", "110"),
    ("on-profile", "2016/17 Q2", "on-target", "220", "220"),
    ("stated-ytd", "2016/17 Q2", "close", "231", "220"),
    ("up", "2016/17 Q2", "close", "117", "120"),
])
def test_cumulative_profile(cumulative_plan, indicator_id, quarter, band, actual, target):
    s = q2(cumulative_plan, indicator_id, quarter)
    assert (s.band, s.actual, s.target, s.year_to_date) == (band, D(actual), D(target), True), s.reason


def test_cumulative_reason(cumulative_plan):
    # 231 so far vs 220 to date (half of 440): 11/220 = 5.0%
    s = q2(cumulative_plan, "summed")
    assert s.reason.startswith("Close to target:")
    for words in ("231", "220", "440", "5.0%", "tolerance is 5%"):
        assert words in s.reason


def test_cumulative_missing_quarter_is_no_data(cumulative_plan):
    s = q2(cumulative_plan, "gap")
    assert s.band == "no-data" and s.actual is None


def test_wrong_year_to_date_is_an_error(tmp_path):
    # ytd-sum: 118 + 113 = 231, not 230.
    with pytest.raises(Exception, match="ytd-sum"):
        small_plan(tmp_path, indicator_yaml("bad", "count", "reduce", CUMULATIVE,
                                            {"2016/17 Q1": "118", "2016/17 Q2": "113; year_to_date=230"}))


# ---- A stated quarterly profile -----------------------------------------------------------------

STATED = "- period: 2016/17\n  value: 400\n  profile: [100, 130, 110, 60]\n"


@pytest.fixture
def stated_plan(tmp_path):
    # as at 2017-02-15 with actuals due at once: Q1-Q3 are due, Q4 (ends 2017-03-31) is not.
    return small_plan(tmp_path, indicator_yaml("stated", "count", "reduce", STATED,
                                               {"2016/17 Q1": "100", "2016/17 Q2": "140", "2016/17 Q3": "120"}),
                      as_at="2017-02-15")


@pytest.mark.parametrize("quarter, band, actual, target", [
    ("2016/17 Q1", "on-target", "100", "100"),   # 100 vs 100: worse = 0 -> on target
    ("2016/17 Q2", "close", "240", "230"),       # 100+140 = 240 vs 100+130 = 230: 10/230 = 4.35% -> close
    ("2016/17 Q3", "off-target", "360", "340"),  # 240+120 = 360 vs 230+110 = 340: 20/340 = 5.88% -> off
])
def test_stated_profile(stated_plan, quarter, band, actual, target):
    s = status_of(stated_plan, "stated", quarter, as_at=date(2017, 2, 15))
    assert (s.band, s.actual, s.target, s.year_to_date) == (band, D(actual), D(target), True), s.reason


def test_stated_profile_reason(stated_plan):
    # 20/340 = 5.882% -> "5.9% worse"
    s = status_of(stated_plan, "stated", "2016/17 Q3", as_at=date(2017, 2, 15))
    assert "360" in s.reason and "340" in s.reason and "5.9% worse" in s.reason


def test_stated_profile_must_add_up(tmp_path):
    # profile-sum: 100 + 130 + 110 + 50 = 390, not 400.
    with pytest.raises(Exception, match="profile-sum"):
        small_plan(tmp_path, indicator_yaml("bad", "count", "reduce",
                                            "- period: 2016/17\n  value: 400\n  profile: [100, 130, 110, 50]\n",
                                            {"2016/17 Q1": "100", "2016/17 Q2": "140"}))


def test_profile_on_a_percentage_is_an_error(tmp_path):
    # profile-use: profiles add figures up, so not for percent.
    with pytest.raises(Exception, match="profile-use"):
        small_plan(tmp_path, indicator_yaml("bad", "percent", "increase",
                                            "- period: 2016/17\n  value: 74.0\n  profile: even\n",
                                            {"2016/17 Q1": "74.0", "2016/17 Q2": "74.0"}))


# ---- An even profile: each quarter's own figure --------------------------------------------------

def test_even_profile_compares_the_quarter_alone(tmp_path):
    # 240 even -> 60 a quarter. Q2's own 57 vs 60: 3/60 = 5.0% short -> close.
    # (Year to date it would be 70+57 = 127 vs 120, on target: the quarter alone is what counts.)
    plan = small_plan(tmp_path, indicator_yaml("even", "count", "increase",
                                               "- period: 2016/17\n  value: 240\n  profile: even\n",
                                               {"2016/17 Q1": "70", "2016/17 Q2": "57"}))
    s = q2(plan, "even")
    assert (s.band, s.actual, s.target, s.year_to_date) == ("close", D("57"), D("60"), False), s.reason
    s = q2(plan, "even", "2016/17 Q1")
    assert (s.band, s.actual, s.target) == ("on-target", D("70"), D("60"))


# ---- A quarter with no data ---------------------------------------------------------------------

def test_quarter_with_no_data(tmp_path):
    # Actuals due 6 weeks after the quarter: Q2 (to 2016-09-30) is due 2016-11-11; Q3 (to
    # 2016-12-31) is due 2017-02-11. As at 2017-02-15, Q1 and Q3 have figures and Q2 has none.
    performance = DEFAULT_PERFORMANCE + "  actuals_due: 6 weeks\n"
    plan = small_plan(tmp_path, indicator_yaml("gappy", "per 1,000 population", "reduce", RATE_TARGET,
                                               {"2016/17 Q1": "10.20", "2016/17 Q3": "10.30"}),
                      as_at="2017-02-15", performance=performance)
    s = status_of(plan, "gappy", "2016/17 Q2", as_at=date(2017, 2, 15))
    assert (s.band, s.actual) == ("no-data", None), s.reason
    assert s.reason.startswith("No data")
    # Q3 has a figure: 10.30 < 10.60 -> on target; Q1 10.20 -> on target.
    assert status_of(plan, "gappy", "2016/17 Q3", as_at=date(2017, 2, 15)).band == "on-target"
    assert status_of(plan, "gappy", "2016/17 Q1", as_at=date(2017, 2, 15)).band == "on-target"


# ---- No target: direction of travel only -------------------------------------------------------

def test_no_target_direction_of_travel(tmp_path):
    plan = small_plan(tmp_path, "".join([
        # no targets at all
        indicator_yaml("untargeted", "count", "reduce", "", {"2016/17 Q1": "40", "2016/17 Q2": "36"}),
        # a target for Q1 alone: Q1 is judged against it (38 vs 40 -> on target), Q2 has none
        indicator_yaml("q1-only", "count", "reduce", "- period: 2016/17 Q1\n  value: 40\n",
                       {"2016/17 Q1": "38", "2016/17 Q2": "45"}),
    ]))
    s = q2(plan, "untargeted")
    assert (s.band, s.actual, s.target) == ("no-target", D("36"), None), s.reason
    assert s.reason.startswith("No target")
    # 40 -> 36: -4/40 = -10%, down for a reduce -> better
    assert s.previous is not None and (s.previous.word, s.previous.value) == ("better", D("40"))
    s = q2(plan, "q1-only", "2016/17 Q1")
    assert (s.band, s.actual, s.target) == ("on-target", D("38"), D("40"))
    s = q2(plan, "q1-only")
    assert (s.band, s.actual, s.target) == ("no-target", D("45"), None)
    # 38 -> 45: +18.4% for a reduce -> worse
    assert s.previous is not None and s.previous.word == "worse"


# ---- Direction of travel: previous quarter and the same quarter a year before -------------------

def _six(indicator_id, unit, direction, values, extra=""):
    quarters = ["2015/16 Q1", "2015/16 Q2", "2015/16 Q3", "2015/16 Q4", "2016/17 Q1", "2016/17 Q2"]
    return indicator_yaml(indicator_id, unit, direction, "", dict(zip(quarters, values)), extra)


@pytest.fixture
def travel_plan(tmp_path):
    # values: 2015/16 Q1, Q2, Q3, Q4, 2016/17 Q1, Q2
    return small_plan(tmp_path, "".join([
        # prev 200.0 -> 202.0: +2.0/200.0 = 1.000% = same band -> the same;
        # year before 190.0 -> 202.0: +12/190 = +6.3% for reduce -> worse
        _six("reduce-on-band", "count", "reduce", ["180.0", "190.0", "195.0", "198.0", "200.0", "202.0"]),
        # prev 200.0 -> 202.01: +2.01/200.0 = 1.005% > 1% -> worse;
        # year before 210.0 -> 202.01: -7.99/210 = -3.8% -> better
        _six("reduce-over-band", "count", "reduce", ["180.0", "210.0", "195.0", "198.0", "200.0", "202.01"]),
        # the same figures for an increase: prev +1.005% -> better; year before -3.8% -> worse
        _six("increase-over-band", "count", "increase", ["180.0", "210.0", "195.0", "198.0", "200.0", "202.01"]),
        # maintain: prev 200.0 -> 202.01 higher; year before 210.0 -> 202.01 lower
        _six("maintain", "count", "maintain", ["180.0", "210.0", "195.0", "198.0", "200.0", "202.01"]),
        # maintain on the band: 200.0 -> 202.0 (1%) -> the same
        _six("maintain-on-band", "count", "maintain", ["180.0", "190.0", "195.0", "198.0", "200.0", "202.0"]),
        # a rate, decreasing: prev 200.0 -> 197.99: -2.01/200 = -1.005% -> better; year before 197.99 -> same (0%)
        _six("rate-down", "per 1,000 population", "reduce", ["180.0", "197.99", "195.0", "198.0", "200.0", "197.99"]),
        # percent, increase, same band 1 point: prev 70.0 -> 71.0 is +1.0 point -> the same
        # (+1.43% as a per cent change would not be); year before 68.5 -> 71.0 +2.5 points -> better
        _six("pct-on-band", "percent", "increase", ["60.0", "68.5", "69.0", "69.5", "70.0", "71.0"]),
        # percent: prev 70.0 -> 71.1 +1.1 points -> better; year before 72.2 -> 71.1 -1.1 points -> worse
        _six("pct-over-band", "percent", "increase", ["60.0", "72.2", "69.0", "69.5", "70.0", "71.1"]),
        # percent, reduce: prev 70.0 -> 71.1 +1.1 points -> worse; year before 71.5 -> 71.1 -0.4 -> the same
        _six("pct-reduce", "percent", "reduce", ["60.0", "71.5", "69.0", "69.5", "70.0", "71.1"]),
        # the indicator's own same band: 200.0 -> 203.0 is +1.5% <= 2% -> the same
        _six("own-same", "count", "reduce", ["180.0", "190.0", "195.0", "198.0", "200.0", "203.0"],
             extra="same: 2%"),
    ]), start="2015/16")


@pytest.mark.parametrize("indicator_id, previous, year_before", [
    ("reduce-on-band", ("the same", "200.0"), ("worse", "190.0")),
    ("reduce-over-band", ("worse", "200.0"), ("better", "210.0")),
    ("increase-over-band", ("better", "200.0"), ("worse", "210.0")),
    ("maintain", ("higher", "200.0"), ("lower", "210.0")),
    ("maintain-on-band", ("the same", "200.0"), ("higher", "190.0")),
    ("rate-down", ("better", "200.0"), ("the same", "197.99")),
    ("pct-on-band", ("the same", "70.0"), ("better", "68.5")),
    ("pct-over-band", ("better", "70.0"), ("worse", "72.2")),
    ("pct-reduce", ("worse", "70.0"), ("the same", "71.5")),
    ("own-same", ("the same", "200.0"), ("worse", "190.0")),
])
def test_direction_of_travel(travel_plan, indicator_id, previous, year_before):
    s = q2(travel_plan, indicator_id)
    assert s.band == "no-target"
    assert s.previous is not None and s.year_before is not None
    assert (s.previous.word, s.previous.value) == (previous[0], D(previous[1]))
    assert (s.year_before.word, s.year_before.value) == (year_before[0], D(year_before[1]))
    assert is_period(s.previous.against, "2016/17 Q1")
    assert is_period(s.year_before.against, "2015/16 Q2")


def test_direction_of_travel_across_the_year_end(travel_plan):
    # 2016/17 Q1's previous quarter is 2015/16 Q4 (198.0 -> 200.0: +1.01% for reduce -> worse);
    # its year before is 2015/16 Q1 (180.0 -> 200.0: +11.1% -> worse).
    s = q2(travel_plan, "reduce-on-band", "2016/17 Q1")
    assert s.previous is not None and is_period(s.previous.against, "2015/16 Q4")
    assert (s.previous.word, s.previous.value) == ("worse", D("198.0"))
    assert s.year_before is not None and is_period(s.year_before.against, "2015/16 Q1")
    assert s.year_before.word == "worse"
    # 2015/16 Q1 has nothing before it
    s = q2(travel_plan, "reduce-on-band", "2015/16 Q1")
    assert s.previous is None and s.year_before is None
