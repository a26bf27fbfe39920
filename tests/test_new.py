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
from plancc.load.loader import load_bytes, load_file
from plancc.model.periods import parse_period
from plancc.pipeline import check_file, load_and_validate
from plancc.rollforward import roll_due, roll_forward, year_later
from plancc.skeleton import schema_reference, skeleton_text
from plancc.yaml_writer import to_yaml, with_written_numbers


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
    assert schema_reference(tmp_path / "plan.yaml") == "schemas/plan.schema.json"  # where plancc new puts a copy
    assert run_new(str(tmp_path / "plan.yaml")).exit_code == 0
    assert (tmp_path / "plan.yaml").read_text().startswith("# yaml-language-server: $schema=schemas/plan.schema.json\n")
    assert (tmp_path / "schemas" / "plan.schema.json").is_file()


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
    assert [key for key in new if key in old] == [key for key in old if key in new]  # the plan's own order


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
    text = to_yaml(with_written_numbers(source))
    again = load_bytes(text.encode(), "copy")
    assert again.diagnostics == [] and again.data == source.data


# --- next year's plan keeps the file as the officer wrote it --------------------------------------
# roll_forward says what changes in the plan's data; the file written is the old file with those values
# changed and nothing else: every other line (comments, blank lines, keys in their order, quotes) stays
# as it was. Only the lines of an entry that is removed (actuals, progress, as_at, due_text, ...) or of
# the items of a list that is replaced (versions) may go: the entry's own lines, and the comment lines
# below it that are indented further than its key. A comment below it at its key's indentation or less
# belongs to what follows, and stays.

Where = tuple[Any, ...]


def diff_paths(old: Any, new: Any, path: Where = ()) -> dict[str, list[tuple[Where, Where]]]:
    """What roll_forward did: entries removed, lists replaced, values changed and keys renamed
    (each as (path in the old plan, path in the new)), and entries added."""
    found: dict[str, list[tuple[Where, Where]]] = {"removed": [], "replaced": [], "changed": [], "renamed": [],
                                                   "added": []}
    if isinstance(old, dict) and isinstance(new, dict):
        if list(old) != list(new) and list(old.values()) == list(new.values()):
            found["renamed"] += [(path + (a,), path + (b,)) for a, b in zip(old, new) if a != b]
            return found
        found["removed"] += [(path + (k,), ()) for k in old if k not in new]
        found["added"] += [((), path + (k,)) for k in new if k not in old]
        parts = [diff_paths(old[k], new[k], path + (k,)) for k in old if k in new and old[k] != new[k]]
    elif isinstance(old, list) and isinstance(new, list):
        if len(old) != len(new):
            found["replaced"].append((path, path))
            return found
        parts = [diff_paths(a, b, path + (n,)) for n, (a, b) in enumerate(zip(old, new)) if a != b]
    else:
        found["changed"].append((path, path))
        return found
    for part in parts:
        for kind, paths in part.items():
            found[kind] += paths
    return found


def block(lines: list[str], first: int, column: int) -> list[int]:
    """The lines of the entry whose key is on line `first` (0-based) at `column` (0-based): it, and the
    lines after it indented further, up to the last such line that is not blank."""
    inside = [first]
    for number in range(first + 1, len(lines)):
        text = lines[number]
        if text.strip() and len(text) - len(text.lstrip(" ")) <= column:
            break
        inside.append(number)
    while len(inside) > 1 and not lines[inside[-1]].strip():
        inside.pop()
    return inside


def entry_lines(plan: Any, lines: list[str], path: Where, items_only: bool) -> list[int]:
    span = plan.key_span(path) if isinstance(path[-1], str) else plan.span(path)
    inside = block(lines, span.line - 1, span.column - 1)
    return inside[1:] if items_only else inside


def written_as(line: str, edits: list[tuple[Any, str]]) -> str:
    """`line` with each value whose span is given replaced by new text, in the quotes it had."""
    for span, text in sorted(edits, key=lambda edit: -edit[0].column):
        old = line[span.column - 1:span.end_column - 1]
        quote = old[0] if old[:1] in ("'", '"') else ""
        line = line[:span.column - 1] + quote + text + quote + line[span.end_column - 1:]
    return line


def assert_only_rolled_values_changed(source: Path, target: Path) -> None:
    before, after = load_and_validate(source), load_file(target)
    old_lines = source.read_text(encoding="utf-8").split("\n")
    new_lines = target.read_text(encoding="utf-8").split("\n")
    found = diff_paths(before.data, after.data)
    gone = {n for path, _ in found["removed"] for n in entry_lines(before, old_lines, path, False)}
    gone |= {n for path, _ in found["replaced"] for n in entry_lines(before, old_lines, path, True)}
    gone |= {n for n, line in enumerate(old_lines) if line.startswith("# yaml-language-server:")}
    new = {n for _, path in found["added"] for n in entry_lines(after, new_lines, path, False)}
    new |= {n for _, path in found["replaced"] for n in entry_lines(after, new_lines, path, True)}
    new |= {0, 1, 2}  # the schema line and the two lines that say where the plan came from
    edits: dict[int, list[tuple[Any, str]]] = {}
    for old_path, new_path in found["changed"]:
        span, value = before.span(old_path), str(after.raw(new_path))
        assert span is not None and span.line == span.end_line
        edits.setdefault(span.line - 1, []).append((span, value))
    for old_path, new_path in found["renamed"]:
        span = before.key_span(old_path)
        assert span is not None
        edits.setdefault(span.line - 1, []).append((span, str(new_path[-1])))
    expected = [(n, written_as(line, edits.get(n, []))) for n, line in enumerate(old_lines) if n not in gone]
    kept = [(n, line) for n, line in enumerate(new_lines) if n not in new]
    for (old_number, want), (new_number, got) in zip(expected, kept):
        assert got == want, f"line {new_number + 1} is {got!r}, but line {old_number + 1} of {source.name} was {want!r}"
    assert len(kept) == len(expected)
    assert new_lines[0].startswith("# yaml-language-server: $schema=")
    assert new_lines[1].startswith(f"# Next year's plan, started from {source.name}")


@pytest.mark.parametrize("plan", example_plans(), ids=lambda p: p.stem)
def test_next_year_keeps_every_comment_key_order_and_quote(tmp_path: Path, plan: Path) -> None:
    target = tmp_path / plan.name
    result = run_new(str(target), "--from", str(plan))
    assert result.exit_code == 0, result.output + result.stderr
    assert_only_rolled_values_changed(plan, target)
    assert [d for d in check_file(str(target)).diagnostics if d.severity is Severity.ERROR] == []


@pytest.mark.parametrize("plan", example_plans(), ids=lambda p: p.stem)
def test_next_year_has_the_values_the_old_writer_gave(tmp_path: Path, plan: Path) -> None:
    """The same data as before comments were kept: roll_forward's plan written by plancc's own writer."""
    target = tmp_path / plan.name
    assert run_new(str(target), "--from", str(plan)).exit_code == 0
    source = load_and_validate(plan)
    rolled = roll_forward(with_written_numbers(source), date.today(), plan.name)
    assert loaded(target) == load_bytes(to_yaml(rolled).encode(), "old writer").data


def test_comment_lines_of_staffordshire_that_go(tmp_path: Path) -> None:
    """Of Staffordshire's 68 comments (52 comment lines, 16 at the ends of lines), only the schema line
    (written afresh for the new file) and the comment at the end of as_at's line, which is removed, go."""
    plan = PLANS / "staffordshire-ni16-2010.yaml"
    target = tmp_path / plan.name
    assert run_new(str(target), "--from", str(plan)).exit_code == 0
    old, new = plan.read_text(encoding="utf-8"), target.read_text(encoding="utf-8")
    old_comments, new_comments = re.findall(r"(?m)#.*$", old), re.findall(r"(?m)#.*$", new)
    assert len(old_comments) == 68
    assert [c for c in old_comments if c not in new_comments] == [old_comments[0], '# published: "DATE 06/02/2010"']


def write_and_roll(tmp_path: Path, text: str) -> str:
    source = tmp_path / "this-year.yaml"
    source.write_text(text, encoding="utf-8")
    assert [d for d in check_file(str(source)).diagnostics if d.severity is Severity.ERROR] == []
    target = tmp_path / "next-year.yaml"
    result = run_new(str(target), "--from", str(source))
    assert result.exit_code == 0, result.output + result.stderr
    assert_only_rolled_values_changed(source, target)
    return target.read_bytes().decode("utf-8")  # as written: read_text would turn each \r into \n


ROLLED = """\
# yaml-language-server: $schema=../schemas/plan.schema.json
# A plan with a comment in each place ruamel.yaml keeps comments.
title: Test plan
partnership: Example Community Safety Partnership
period:
  text: 2009 to 2011
  # The years, as periods
  from: 2009/10
  to: 2010/11
status: published  # agreed at the board
# Who leads the plan
as_at: 2010-02-06  # position as at
# About the lead officer
lead_officer:
  role: Community Safety Manager
organisations:
  - id: council
    name: Example Council
    type: council
indicators:
  - id: burglary
    title: Burglaries
    unit: count
    direction: reduce
    targets:
      - period: 2009/10  # year one
        value: 100
        profile: even
      - period: '2010/11'
        value: 90
        profile: even
    actuals:
      # first quarter
      - period: 2009/10 Q1
        value: 30  # provisional
        # more to come

    # Notes about the burglary figures
    notes: Police recorded crime.
actions:
  - id: campaign
    title: Run a campaign
    lead_agency: council
    due: by 2010-09  # the board's date
    due_text: By Sept 2010
    status: complete
    progress:
      - as_at: 2010-02-06
        note: Done.
        # nothing more

# ---------------------------------------------------------------------------------------------
# Money
# ---------------------------------------------------------------------------------------------
finance:
  columns: [2009/10, 2010/11]
  funding:
    - category: revenue
      lines:
        - name: Fund
          amounts:
            2009/10: 100  # confirmed
            # the second year
            "2010/11": 100
  expenditure:
    - category: revenue
      lines:
        - name: Campaign
          amounts:
            2009/10: 100
            2010/11: 100
      stated_totals:
        2009/10: 100
        2010/11: 100
# The end
"""


def test_comments_next_to_removed_entries_stay_with_what_follows(tmp_path: Path) -> None:
    text = write_and_roll(tmp_path, ROLLED)
    assert "period:\n  # The years, as periods\n  from: 2010/11\n" in text  # the first key removed
    assert "status: draft  # agreed at the board\nversion: \"0.1\"\nversions:\n" in text  # added in the schema's order
    assert "# Who leads the plan\n# About the lead officer\nlead_officer:" in text  # above a removed key: kept
    assert "        profile: even\n\n    # Notes about the burglary figures\n    notes:" in text  # after actuals
    assert "    due: by 2011-09  # the board's date\n\n# ------" in text  # after progress, at the end of a list
    assert "2010/11: 100  # confirmed\n            # the second year\n            \"2011/12\": 100" in text
    assert "      - period: '2011/12'\n" in text and text.endswith("            2011/12: 100\n# The end\n")
    for gone in ("first quarter", "provisional", "more to come", "nothing more", "position as at"):
        assert gone not in text


def test_a_plan_indented_with_four_spaces_and_dashes_at_the_key_keeps_its_indentation(tmp_path: Path) -> None:
    text = write_and_roll(tmp_path, """\
title: Test plan
partnership: Example Community Safety Partnership
period:
    from: 2009/10
    to: 2010/11
status: draft
version: "1.0"
versions:
- version: "1.0"
  date: 2009-04-01
  note: First.
organisations:
- id: council
  name: Example Council
  type: council
actions:
- id: campaign
  title: Run a campaign
  lead_agency: council
  due: by 2010-09
""")
    assert 'period:\n    from: 2010/11\n    to: 2011/12\nstatus: draft\nversion: "0.1"\nversions:\n' in text
    assert text.endswith(f'- version: "0.1"\n  date: {date.today().isoformat()}\n'
                         '  note: Started from this-year.yaml (version 1.0).\norganisations:\n- id: council\n'
                         '  name: Example Council\n  type: council\nactions:\n- id: campaign\n'
                         '  title: Run a campaign\n  lead_agency: council\n  due: by 2011-09\n')


@pytest.mark.parametrize("plan", example_plans(), ids=lambda p: p.stem)
def test_round_trip_writes_each_example_back_unchanged(plan: Path) -> None:
    """ruamel.yaml, set as plancc sets it, writes each example back byte for byte when nothing changes."""
    from plancc.yaml_roundtrip import round_trip, written

    text = plan.read_text(encoding="utf-8")
    assert written(*round_trip(text)) == text


def test_comments_above_a_document_start_and_windows_line_ends_are_kept(tmp_path: Path) -> None:
    """ruamel.yaml drops the comments above a '---' line, and keeps a carriage return in a comment."""
    text = write_and_roll(tmp_path, "\r\n".join([
        "# yaml-language-server: $schema=../schemas/plan.schema.json", "# Written on Windows.", "", "---",
        "# The plan", "title: Test plan", "partnership: Example Community Safety Partnership  # in full",
        "period: {from: 2009/10, to: 2010/11}", "status: draft", ""]))
    assert "# Written on Windows.\n\n---\n# The plan\ntitle: Test plan\n" in text and "\r" not in text
    assert "period: {from: 2010/11, to: 2011/12}\n" in text


def test_a_plan_that_cannot_be_kept_as_written_is_refused_in_words(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """If the file written back would not read as next year's plan, nothing is written."""
    monkeypatch.setattr("plancc.rollforward.edited", lambda text, old, new: text)  # nothing rolled
    target = tmp_path / "next.yaml"
    result = run_new(str(target), "--from", str(PLANS / "staffordshire-ni16-2010.yaml"))
    assert result.exit_code == 1 and not target.exists()
    assert "could not be started from" in result.stderr and "Traceback" not in result.output + result.stderr


def test_a_plan_rolled_forward_twice_says_once_where_it_came_from(tmp_path: Path) -> None:
    first, second = tmp_path / "2011.yaml", tmp_path / "2012.yaml"
    assert run_new(str(first), "--from", str(PLANS / "staffordshire-ni16-2010.yaml")).exit_code == 0
    assert run_new(str(second), "--from", str(first)).exit_code == 0
    lines = second.read_text(encoding="utf-8").split("\n")
    assert lines[1] == f"# Next year's plan, started from 2011.yaml on {date.today().isoformat()} by plancc new --from."
    assert sum(line.startswith(("# yaml-language-server", "# Next year's", "# Every period")) for line in lines) == 3
    assert lines[3:6] == first.read_text(encoding="utf-8").split("\n")[3:6]  # the officer's own first comments
    assert loaded(second)["period"] == {"from": "2010/11", "to": "2012/13"}
