"""`plancc new`: a skeleton that passes check, never over a file, and next year's plan from this year's."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from conftest import PLANS, ROOT, example_plans
from plancc.commands.new import command
from plancc.diagnostics import Severity
from plancc.loader import load_bytes, load_file
from plancc.model.periods import parse_period
from plancc.pipeline import check_file, load_and_validate
from plancc.yaml_writer import plan_yaml, with_written_numbers
from plancc.schema import plan_schema
from plancc.skeleton import roll_due, roll_forward, schema_reference, skeleton_text, year_later


def run_new(*args: str) -> Result:
    return CliRunner().invoke(command, list(args))


def loaded(path: Path) -> dict[str, Any]:
    plan = load_file(path)
    assert plan.ok, plan.diagnostics
    return plan.data  # type: ignore[no-any-return]


# --- the skeleton ------------------------------------------------------------------------------

def test_new_writes_a_skeleton_that_check_passes_with_nothing_to_report(tmp_path: Path) -> None:
    target = tmp_path / "my-plan.yaml"
    result = run_new(str(target))
    assert result.exit_code == 0, result.output + result.stderr
    assert check_file(str(target)).diagnostics == []


@pytest.mark.parametrize("today", [date(2025, 4, 1), date(2026, 3, 31), date(2024, 2, 29), date(2031, 12, 25)])
def test_skeleton_passes_check_on_any_day(tmp_path: Path, today: date) -> None:
    target = tmp_path / "plan.yaml"
    target.write_text(skeleton_text(today, "../schemas/plan.schema.json"), encoding="utf-8")
    assert check_file(str(target)).diagnostics == []
    data = loaded(target)
    this_year = parse_period(data["period"]["from"])
    assert this_year.start <= today <= this_year.end
    assert data["as_at"] == today.isoformat()


def test_skeleton_has_one_example_of_each_part() -> None:
    plan = load_bytes(skeleton_text(date(2025, 6, 2), "x").encode(), "skeleton").data
    assert (plan["status"], plan["version"], plan["as_at"]) == ("draft", "0.1", "2025-06-02")
    assert plan["versions"] == [{"version": "0.1", "date": "2025-06-02", "note": "First draft."}]
    assert plan["period"] == {"from": "2025/26", "to": "2027/28"}
    assert plan["organisations"][0]["id"] and plan["groups"][0]["members"][0]["people"]
    assert plan["objectives"][0]["indicators"] == [plan["indicators"][0]["id"]]
    indicator = plan["indicators"][0]
    assert indicator["baseline"] == {"period": "2024/25", "value": 10.0, "source": "Police recorded crime"}
    assert [t["period"] for t in indicator["targets"]] == ["2025/26", "2026/27", "2027/28"]
    assert all(t["change_on_baseline"].endswith("%") for t in indicator["targets"])
    action = plan["actions"][0]
    assert action["due"] == "by 2026-03" and action["lead_agency"] == "police"
    amounts = plan["finance"]["funding"][0]["lines"][0]["amounts"]
    assert amounts == {"2025/26": 20000, "2026/27": 20000, "2027/28": "tbc"}
    risk = plan["risks"][0]
    assert (risk["impact"], risk["likelihood"], risk["rating"], risk["residual"]["rating"]) == (3, 4, 12, 6)
    assert plan["assessments"][0]["answer"] and plan["monitoring"]


def test_every_section_of_the_skeleton_has_a_comment_above_it() -> None:
    lines = skeleton_text(date(2025, 6, 2), "x").split("\n")
    for number, line in enumerate(lines):
        if re.match(r"[a-z_]+:", line):
            above = [text for text in lines[:number] if text.strip()][-1]
            assert above.startswith("#"), f"no comment above {line!r}"


def test_schema_line_points_at_the_schema_in_a_folder_above(tmp_path: Path) -> None:
    (tmp_path / "schemas").mkdir()
    shutil.copy(ROOT / "schemas" / "plan.schema.json", tmp_path / "schemas")
    (tmp_path / "plans" / "2025").mkdir(parents=True)
    target = tmp_path / "plans" / "2025" / "new.yaml"
    assert run_new(str(target)).exit_code == 0
    first = target.read_text(encoding="utf-8").split("\n")[0]
    assert first == "# yaml-language-server: $schema=../../schemas/plan.schema.json"


def test_schema_line_in_this_repository_and_outside_it(tmp_path: Path) -> None:
    assert schema_reference(PLANS / "not-written.yaml") == "../schemas/plan.schema.json"
    assert schema_reference(tmp_path / "plan.yaml") == plan_schema()["$id"]
    assert run_new(str(tmp_path / "plan.yaml")).exit_code == 0
    assert (tmp_path / "plan.yaml").read_text().startswith(f"# yaml-language-server: $schema={plan_schema()['$id']}\n")


# --- never over a file -------------------------------------------------------------------------

@pytest.mark.parametrize("extra", [[], ["--from", str(PLANS / "staffordshire-ni16-2010.yaml")]])
def test_new_never_overwrites(tmp_path: Path, extra: list[str]) -> None:
    target = tmp_path / "plan.yaml"
    target.write_text("title: keep me\n", encoding="utf-8")
    result = run_new(str(target), *extra)
    assert result.exit_code == 1
    assert "already exists" in result.stderr and "never writes over" in result.stderr
    assert target.read_text(encoding="utf-8") == "title: keep me\n"


def test_new_refuses_a_missing_folder_and_a_name_that_is_not_yaml(tmp_path: Path) -> None:
    missing = run_new(str(tmp_path / "nowhere" / "plan.yaml"))
    assert missing.exit_code == 1 and "no folder" in missing.stderr
    assert run_new(str(tmp_path / "plan.txt")).exit_code == 2
    assert not (tmp_path / "plan.txt").exists()


def test_from_a_plan_with_errors_is_refused(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("title: T\npartnership: P\nperiod: {from: 2002/03, to: 2004/05}\nstatus: final\n")
    result = run_new(str(tmp_path / "next.yaml"), "--from", str(broken))
    assert result.exit_code == 1 and "has errors" in result.stderr
    assert not (tmp_path / "next.yaml").exists()


# --- next year's plan --------------------------------------------------------------------------

def next_year(tmp_path: Path, name: str) -> tuple[dict[str, Any], dict[str, Any], Path]:
    target = tmp_path / name
    result = run_new(str(target), "--from", str(PLANS / name))
    assert result.exit_code == 0, result.output + result.stderr
    return loaded(PLANS / name), loaded(target), target


@pytest.mark.parametrize("plan", example_plans(), ids=lambda p: p.stem)
def test_next_year_from_each_example_has_no_errors(tmp_path: Path, plan: Path) -> None:
    old, new, target = next_year(tmp_path, plan.name)
    found = check_file(str(target)).diagnostics
    assert [d for d in found if d.severity is Severity.ERROR] == []
    assert not [d for d in found if d.rule.startswith(("yaml-", "schema-"))]  # written as plancc reads it
    assert (new["status"], new["version"], "as_at" in new) == ("draft", "0.1", False)
    assert new["versions"] == [{"version": "0.1", "date": date.today().isoformat(),
                                "note": f"Started from {plan.name}" + (f" (version {old['version']})"
                                                                       if "version" in old else "") + "."}]
    for end in ("from", "to") if "period" in old else ():  # a report has a meeting date, not a period
        assert parse_period(new["period"][end]) == year_later(parse_period(old["period"][end]))
    assert "text" not in new.get("period", {})
    assert not any("progress" in action for action in new.get("actions", []))
    assert "stated_totals" not in target.read_text() and "stated_funding_totals" not in target.read_text()
    assert list(new) == [key for key in plan_schema()["properties"] if key in new]  # the schema's order


def test_staffordshire_next_year(tmp_path: Path) -> None:
    _, new, target = next_year(tmp_path, "staffordshire-ni16-2010.yaml")
    assert new["period"] == {"from": "2009/10", "to": "2011/12"}
    indicator = new["indicators"][0]
    assert [t["period"] for t in indicator["targets"]] == ["2009/10", "2010/11", "2011/12"]
    assert [t["value"] for t in indicator["targets"]] == [10.88, 10.60, 10.33]
    assert indicator["baseline"]["period"] == "2007/08" and indicator["baseline"]["value"] == 11.16
    assert "value: 10.60" in target.read_text()  # written as it was written
    dues = {a["id"]: a["due"] for a in new["actions"]}
    assert dues["sp-analysis"] == "by 2011-09" and dues["ro-ppo-review"] == "by 2012-04"
    assert dues["ei-localities"] == "throughout"
    kept = {a["id"]: a.get("due_text") for a in new["actions"]}
    assert kept["ei-localities"] == "Across all 3 years of LAA" and kept["sp-analysis"] is None
    assert new["risks"][1]["rating"] == 12  # risks, members and narrative are kept


def test_salford_next_year(tmp_path: Path) -> None:
    _, new, _ = next_year(tmp_path, "salford-burglary-2002.yaml")
    assert new["period"] == {"from": "2003/04", "to": "2005/06"}
    finance = new["finance"]
    assert finance["columns"] == ["2003/04 Q1", "2003/04 Q2", "2003/04 Q3", "2003/04 Q4", "2004/05", "2005/06"]
    line = finance["funding"][0]["lines"][0]
    assert line["amounts"] == {"2003/04 Q3": 287500, "2003/04 Q4": 287500, "2004/05": "tbc", "2005/06": "tbc"}
    assert not any("stated_totals" in item for side in ("funding", "expenditure") for item in finance[side])
    dues = {a["id"]: a["due"] for a in new["actions"]}
    assert dues["ms-strategy"] == "2003-04-26" and dues["ms-resources"] == "from 2003-04"
    assert dues["ms-coordinator"] == "2003-05" and dues["ms-implementation"] == "ongoing"
    assert new["indicators"][0]["baseline"]["period"] == "2000/01"
    assert new["indicators"][0]["targets"][0]["period"] == "2003/04 Q1"


def test_central_beds_next_year(tmp_path: Path) -> None:
    _, new, _ = next_year(tmp_path, "central-beds-csp-2009.yaml")
    assert new["period"] == {"from": "2010-04", "to": "2013-03"}
    indicators = {i["id"]: i for i in new["indicators"]}
    robbery = indicators["robbery"]["breakdown"][0]
    assert robbery["baseline"] == {"period": "2007/08", "value": 301}
    assert [t["period"] for t in robbery["targets"]] == ["2009/10", "2010/11", "2011/12"]
    assert indicators["fear-of-crime"]["baseline"]["period"] == "2006"
    assert indicators["fear-of-crime"]["targets"][0]["period"] == "2010"
    assert {a["id"]: a["due"] for a in new["actions"]} == {"sexual-abuse-work": "by 2010-07",
                                                           "ppo-coordinator": "by 2010-12"}


def test_actuals_progress_and_old_statuses_are_cleared() -> None:
    plan = {"title": "T", "partnership": "P", "status": "published", "version": "2.0", "as_at": "2010-02-06",
            "period": {"from": "2009/10", "to": "2010/11", "text": "2009-2011"},
            "indicators": [{"id": "i", "targets": [{"period": "2009/10", "value": 5}],
                            "actuals": [{"period": "2009/10", "value": 4}],
                            "breakdown": [{"area": "a", "actuals": [{"period": "2009/10", "value": 2}]}]}],
            "actions": [{"id": "a", "due": "2009/10 Q3", "due_text": "by Christmas", "status": "complete",
                         "progress": [{"as_at": "2010-02-06", "status": "complete"}]},
                        {"id": "b", "due": "ongoing", "status": "ongoing"}]}
    new = roll_forward(plan, date(2011, 1, 5), "old.yaml")
    assert "actuals" not in new["indicators"][0] and "actuals" not in new["indicators"][0]["breakdown"][0]
    assert new["indicators"][0]["targets"] == [{"period": "2010/11", "value": 5}]
    assert new["actions"][0] == {"id": "a", "due": "2010/11 Q3"}
    assert new["actions"][1] == {"id": "b", "due": "ongoing", "status": "ongoing"}
    assert new["versions"] == [{"version": "0.1", "date": "2011-01-05", "note": "Started from old.yaml (version 2.0)."}]
    assert plan["status"] == "published" and "actuals" in plan["indicators"][0]  # the original is untouched


@pytest.mark.parametrize(("label", "moved"), [
    ("2008/09", "2009/10"), ("1999/00", "2000/01"), ("2002/03 Q4", "2003/04 Q4"), ("2002/03 Q1", "2003/04 Q1"),
    ("2002-05", "2003-05"), ("2002-12", "2003-12"), ("2002-04-26", "2003-04-26"), ("2004-02-29", "2005-02-28"),
    ("2006", "2007"),
])
def test_year_later(label: str, moved: str) -> None:
    assert year_later(parse_period(label)).label == moved


@pytest.mark.parametrize(("due", "moved"), [
    ("by 2010-09", "by 2011-09"), ("from 2002-06", "from 2003-06"), ("2010/11 Q2", "2011/12 Q2"),
    ("2002-04 to 2003-03", "2003-04 to 2004-03"), ("before 2010/11", "before 2011/12"),
    ("ongoing", "ongoing"), ("throughout", "throughout"), ("tbc", "tbc"),
])
def test_roll_due(due: str, moved: str) -> None:
    assert roll_due(due) == moved


@pytest.mark.parametrize("plan", example_plans(), ids=lambda p: p.stem)
def test_written_yaml_reads_back_as_the_same_plan(plan: Path) -> None:
    source = load_and_validate(plan)
    text = plan_yaml(with_written_numbers(source), ["# copy"])
    again = load_bytes(text.encode(), "copy")
    assert again.diagnostics == [] and again.data == source.data
