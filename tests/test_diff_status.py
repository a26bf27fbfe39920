"""`plancc diff` says how a change moves the performance status: an indicator's band for a period,
an action's status as at the reporting date (src/plancc/diff/status.py).

Each test writes two versions of a small plan to a temporary folder. NI 16 should reduce; its
2010/11 target is 10.00 and the tolerance is 5%, so an actual up to 10.50 is close to target and
above that off target. Actuals are due six weeks after their quarter ends, so as at 25 November
2010 the figures for Q1 and Q2 are due (Q2 by 11 November) and Q3 is not.
"""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from plancc.commands.diff import command

PLAN = """\
title: Small delivery plan
partnership: Example Community Safety Partnership
period: {{from: 2010/11, to: 2011/12}}
status: published
as_at: {as_at}
performance:
  actuals_due: 6 weeks{words}
organisations:
  - {{id: council, name: Example Council}}
indicators:
  - id: sac
    code: NI 16
    title: Serious acquisitive crime rate
    unit: per 1,000 population
    direction: reduce
    reporting: quarterly
    targets:
      - {{period: 2010/11, {target}}}
    actuals:
{actuals}
actions:
  - id: ward-pages
    title: Publish ward pages
    lead_agency: council
    due: {due}
    progress:
      - {{as_at: 2010-10-01, status: on-track}}
  - id: leaflets
    title: Deliver leaflets to every household
    lead_agency: council
    due: by 2011-03
    progress:
      - {{as_at: 2010-11-20, status: {leaflets}}}
"""

OLD = {"as_at": "2010-11-25", "words": "", "target": "value: 10.00", "due": "by 2010-12", "leaflets": "on-track",
       "actuals": {"2010/11 Q1": "10.20"}}  # Q1 2% worse: close to target; Q2 due and missing: no data


def plan(folder: Path, name: str, **changes: object) -> str:
    values = {**OLD, **changes}
    actuals = "\n".join(f"      - {{period: {period}, value: {value}}}"
                        for period, value in values.pop("actuals").items())  # type: ignore[attr-defined]
    path = folder / name
    path.write_text(PLAN.format(actuals=actuals, **values), encoding="utf-8")
    return str(path)


def changes(old: str, new: str) -> list[dict[str, object]]:
    result = CliRunner().invoke(command, ["--format", "json", old, new])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def status_lines(old: str, new: str) -> list[str]:
    return [str(c["sentence"]) for c in changes(old, new) if c["kind"] in ("band-changed", "status-as-at-changed")]


def test_each_status_that_moved_is_said(tmp_path: Path) -> None:
    old = plan(tmp_path, "old.yaml")
    new = plan(tmp_path, "new.yaml", actuals={"2010/11 Q1": "10.80", "2010/11 Q2": "10.90"}, due="by 2010-10",
               leaflets="complete")
    assert status_lines(old, new) == [
        "NI 16 moved from close to target to off target in 2010/11 Q1.",  # 10.80 is 8% worse than 10.00
        "NI 16 has a figure for 2010/11 Q2 now: off target (was no data).",  # 10.90: 9% worse
        "Action 'Publish ward pages' moved from on track to overdue (as at 25 November 2010).",  # ended 31 October
        "Action 'Deliver leaflets to every household' moved from on track to complete (as at 25 November 2010).",
    ]


def test_status_lines_follow_what_moved_them_in_their_sections(tmp_path: Path) -> None:
    old = plan(tmp_path, "old.yaml")
    new = plan(tmp_path, "new.yaml", actuals={"2010/11 Q1": "10.80"}, due="by 2010-10")
    rows = changes(old, new)
    assert [(r["section"], r["kind"], r["path"], r["before"], r["after"]) for r in rows] == [
        ("indicators", "actual-revised", "indicators[sac].actuals[2010/11 Q1].value", "10.20", "10.80"),
        ("indicators", "band-changed", "indicators[sac].status[2010/11 Q1]", "close", "off-target"),
        ("actions", "due-brought-forward", "actions[ward-pages].due", "by 2010-12", "by 2010-10"),
        ("actions", "status-as-at-changed", "actions[ward-pages].status[as at 2010-11-25]", "on-track", "overdue"),
    ]


def test_a_figure_for_a_period_not_yet_due_is_a_new_figure(tmp_path: Path) -> None:
    old = plan(tmp_path, "old.yaml")
    new = plan(tmp_path, "new.yaml", actuals={"2010/11 Q1": "10.20", "2010/11 Q3": "10.30"})
    assert status_lines(old, new) == ["NI 16 in 2010/11 Q3: close to target (new figure)."]
    assert status_lines(new, old) == ["NI 16 no longer has a figure for 2010/11 Q3 (was close to target)."]


def test_a_figure_taken_away_is_no_data(tmp_path: Path) -> None:
    old = plan(tmp_path, "old.yaml")
    new = plan(tmp_path, "new.yaml", actuals={"2010/11 Q2": "9.90"})
    assert status_lines(old, new) == ["NI 16 has no figure for 2010/11 Q1 now: no data (was close to target).",
                                      "NI 16 has a figure for 2010/11 Q2 now: on target (was no data)."]


def test_both_versions_are_judged_as_at_the_new_reporting_date(tmp_path: Path) -> None:
    """The old version reported as at 20 August, before Q2's figure was due; as at the new date it had none."""
    old = plan(tmp_path, "old.yaml", as_at="2010-08-20")
    new = plan(tmp_path, "new.yaml", actuals={"2010/11 Q1": "10.20", "2010/11 Q2": "10.40"})
    assert status_lines(old, new) == ["NI 16 has a figure for 2010/11 Q2 now: close to target (was no data)."]


def test_a_figure_to_date_for_a_cumulative_profile(tmp_path: Path) -> None:
    """Year to date: by the end of Q1 a quarter of the year's 40 (10), by the end of Q2 half (20)."""
    cumulative = "value: 40, profile: cumulative"
    old = plan(tmp_path, "old.yaml", target=cumulative, actuals={"2010/11 Q2": "9"})  # Q1 missing: nothing to date
    new = plan(tmp_path, "new.yaml", target=cumulative, actuals={"2010/11 Q1": "11", "2010/11 Q2": "9"})
    assert status_lines(old, new) == ["NI 16 has a figure for 2010/11 Q1 now: off target (was no data).",  # 11 > 10.5
                                      "NI 16 has a figure to date for 2010/11 Q2 now: on target (was no data)."]
    later = plan(tmp_path, "later.yaml", target=cumulative, actuals={"2010/11 Q1": "12", "2010/11 Q2": "9"})
    assert status_lines(new, later) == [  # Q1 stays off target; Q2 to date 21 against 20 is 5%: close
        "NI 16 moved from on target to close to target in 2010/11 Q2 (year to date)."]


def test_the_council_s_words_in_lower_case(tmp_path: Path) -> None:
    words = "\n  words: {close: Amber, off-target: Red}"
    old = plan(tmp_path, "old.yaml", words=words)
    new = plan(tmp_path, "new.yaml", words=words, actuals={"2010/11 Q1": "10.80"})
    assert status_lines(old, new) == ["NI 16 moved from amber to red in 2010/11 Q1."]


def test_nothing_about_status_changed_gives_no_status_lines(tmp_path: Path) -> None:
    old = plan(tmp_path, "old.yaml")
    new = plan(tmp_path, "new.yaml", actuals={"2010/11 Q1": "10.40"}, due="by 2011-01")  # still close; not due yet
    rows = changes(old, new)
    assert [r["kind"] for r in rows] == ["actual-revised", "due-slipped"]
    assert status_lines(old, new) == []


def test_without_a_reporting_date_actions_are_not_judged(tmp_path: Path) -> None:
    old = plan(tmp_path, "old.yaml")
    new = plan(tmp_path, "new.yaml", actuals={"2010/11 Q1": "10.80"}, due="by 2010-10")
    for path in (old, new):
        Path(path).write_text(Path(path).read_text(encoding="utf-8").replace("as_at: 2010-11-25\n", ""),
                              encoding="utf-8")
    assert status_lines(old, new) == ["NI 16 moved from close to target to off target in 2010/11 Q1."]
