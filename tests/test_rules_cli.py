"""plancc rules, plancc explain, --today, and turning a rule off in one place."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_plancc

PLAN = """title: T
partnership: P
period: {{from: 2009/10, to: 2010/11}}
status: draft
organisations:
  - {{id: csu, name: Community Safety Unit}}
actions:
  - id: a1
    title: Review the scheme
    lead_agency: csu
    due: by 2010-06
risks:
  - ref: R1
    description: A risk
    impact: 3
    likelihood: 4
    rating: 9{comment}
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_rules_lists_every_rule_with_severity() -> None:
    result = run_plancc("rules")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert any(line.startswith("composite-sum") and "warning" in line for line in lines)
    assert any(line.startswith("ref-unknown") and "error" in line for line in lines)
    assert any(line.startswith("yaml-duplicate-key") for line in lines)


def test_explain_prints_the_documentation() -> None:
    result = run_plancc("explain", "risk-rating")
    assert result.returncode == 0
    assert "impact x likelihood" in result.stdout and "Fails:" in result.stdout
    unknown = run_plancc("explain", "risk-ratin")
    assert unknown.returncode == 2 and "Did you mean 'risk-rating'?" in unknown.stderr


def test_overdue_is_measured_against_today_option_not_the_clock(tmp_path: Path) -> None:
    plan = write(tmp_path, PLAN.format(comment=""))
    before = run_plancc("check", "--today", "2010-05-01", "-f", "json", str(plan))
    after = run_plancc("check", "--today", "2010-07-01", "-f", "json", str(plan))
    rules_before = [d["rule"] for d in json.loads(before.stdout)["files"][0]["diagnostics"]]
    found_after = json.loads(after.stdout)["files"][0]["diagnostics"]
    assert "action-overdue" not in rules_before
    overdue = [d["message"] for d in found_after if d["rule"] == "action-overdue"]
    assert overdue == ["Action 'Review the scheme' was due by June 2010, 1 day before 1 July 2010, and is not "
                       "complete (no status)."]


def test_a_reasoned_comment_turns_a_rule_off_in_one_place(tmp_path: Path) -> None:
    plan = write(tmp_path, PLAN.format(comment="  # plancc: ignore[risk-rating] as published in the register"))
    result = run_plancc("check", "--strict", str(plan))
    assert result.returncode == 0, result.stdout
    assert "1 turned off in the plans with a reason" in result.stdout
    payload = json.loads(run_plancc("check", "-f", "json", str(plan)).stdout)
    diag = next(d for d in payload["files"][0]["diagnostics"] if d["rule"] == "risk-rating")
    assert diag["suppressed"] is True and diag["suppressed_reason"] == "as published in the register"
    assert payload["summary"]["suppressed"] == 1
    shown = run_plancc("check", "--show-suppressed", str(plan))
    assert "turned off: as published in the register" in shown.stdout


def test_a_suppression_without_a_reason_is_reported(tmp_path: Path) -> None:
    plan = write(tmp_path, PLAN.format(comment="  # plancc: ignore[risk-rating]"))
    result = run_plancc("check", str(plan))
    assert "[suppression-reason]" in result.stdout


def test_without_a_comment_the_rule_reports(tmp_path: Path) -> None:
    result = run_plancc("check", "--strict", str(write(tmp_path, PLAN.format(comment=""))))
    assert result.returncode == 1
    assert "Risk R1 is rated 9, but impact 3 x likelihood 4 is 12." in result.stdout
