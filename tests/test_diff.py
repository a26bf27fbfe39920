"""`plancc diff`: the changes between two versions of a plan, said in the plan's own terms.

tests/diff/ holds, for each example plan, an edited copy with every kind of change the plan can
hold and the exact text plancc diff must give for it (<plan>-edited.txt), and a reformatted copy
(keys and items with ids reordered, quoting, flow and block styles changed, comments added; made
by tests/diff/reformat.py) that must give no differences. small-old.yaml and small-new.yaml cover
the kinds no example plan can show. --rev is tested in a git repository made for the test.

The newer examples (a committee report and an improvement plan) are edited in a temporary folder by
the text substitutions in tests/diff/northbridge_edits.py, so that their edited copies follow the
plans as they change; every example plan, old or new, is reformatted there too.

When an example plan in plans/ changes, carry the same change into its edited copy (or, for the
newer examples, into the edit that no longer applies), and remake the reformatted copies with
`.venv/bin/python tests/diff/reformat.py`.
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import subprocess
from datetime import date
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from click.testing import CliRunner, Result

from conftest import DATA, PLANS, ROOT
from plancc.commands.diff import command
from plancc.diff import PlanDiff
from plancc.diff.changes import Change, by_text
from plancc.diff.formats import markdown_report
from plancc.diff.outline import numbers
from plancc.diff.words import ordinal, shift, total
from plancc.model.build import build_model
from plancc.model.values import Total
from plancc.pipeline import load_and_validate
from plancc.render.sections import document_sections

DIFF = Path(__file__).resolve().parent / "diff"
EXAMPLES = ["salford-burglary-2002", "staffordshire-ni16-2010", "central-beds-csp-2009"]
SCRUTINY_PLAN, IMPROVEMENT_PLAN = "northbridge-scrutiny-report-2015", "northbridge-improvement-plan-2014"
NEW_EXAMPLES = {SCRUTINY_PLAN: "SCRUTINY", IMPROVEMENT_PLAN: "IMPROVEMENT"}  # plan -> its edits
ALL_PLANS = sorted(path.stem for path in PLANS.glob("*.yaml"))

# every kind of change plancc diff says, each shown by at least one test below
ALL_KINDS = {
    # the plan itself
    "plan-added", "plan-removed", "document-changed", "kind-changed", "title-changed", "status-changed",
    "version-changed", "period-changed", "as-at-changed", "version-history-added", "version-history-removed",
    "version-history-redated",
    # a committee report's front matter
    "report-added", "report-removed", "committee-changed", "meeting-moved", "agenda-item-changed",
    "report-of-changed", "purpose-changed", "decision-changed", "key-decision-changed", "wards-changed",
    "recommendation-added", "recommendation-removed", "recommendation-reworded", "recommendation-renumbered",
    "contact-changed", "background-paper-added", "background-paper-removed", "background-paper-reworded",
    # the partnership
    "organisation-added", "organisation-removed", "organisation-renamed", "group-added", "group-removed",
    "group-renamed", "member-joined", "member-left", "membership-changed", "chair-changed", "vacancy-changed",
    "alternate-changed", "stated-count-changed",
    # indicators
    "indicator-added", "indicator-removed", "direction-changed", "unit-changed", "area-added", "area-removed",
    "baseline-added", "baseline-removed", "baseline-restated", "target-added", "target-removed", "target-changed",
    "target-percent-changed", "actual-recorded", "actual-revised", "actual-removed", "band-changed",
    # comparisons with other areas
    "comparison-added", "comparison-removed", "comparison-rank-changed", "comparison-value-changed",
    "comparison-ranks-changed", "comparison-area-added", "comparison-area-removed", "comparison-area-changed",
    "comparison-ranked-of-changed", "comparator-added", "comparator-removed", "comparator-changed",
    # actions
    "action-added", "action-removed", "action-renamed", "action-reassigned", "action-lead-added",
    "action-lead-removed", "action-status-changed", "due-slipped", "due-brought-forward", "due-changed",
    "due-added", "due-removed", "progress-added", "progress-removed", "progress-status-changed",
    "status-as-at-changed",
    # money
    "finance-added", "finance-removed", "column-added", "column-removed", "line-added", "line-removed",
    "amount-changed", "amount-added", "amount-removed",
    # risks
    "risk-added", "risk-removed", "risk-rating-changed", "risk-printed-rating-changed", "risk-residual-changed",
    "risk-owner-changed",
    # the document's own sections and what is in them
    "numbering-changed", "section-added", "section-removed", "section-renamed", "section-renumbered",
    "section-appendix-changed", "section-moved", "section-reworded", "content-moved", "part-placed",
    "part-unplaced", "part-moved", "table-added", "table-removed", "table-moved", "table-caption-changed",
    "table-column-renamed", "table-columns-added", "table-columns-removed", "table-unit-changed",
    "table-rows-added", "table-rows-removed", "table-row-moved", "table-cells-changed",
    # any other field of a matched item
    "details-changed",
}


def diff(*args: str) -> Result:
    return CliRunner().invoke(command, list(args))


@pytest.fixture(autouse=True)
def _in_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from the repository root, so file names in the output are as in the expected files."""
    monkeypatch.chdir(ROOT)


def _kinds(old: str, new: str) -> set[str]:
    result = diff("--format", "json", old, new)
    assert result.exit_code == 0, result.output
    return {row["kind"] for row in json.loads(result.stdout)}


# ---------------------------------------------------------------------------------------------
# The example plans: every change said exactly; reformatting says nothing
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", EXAMPLES)
def test_edited_copy_gives_the_exact_sentences(name: str) -> None:
    result = diff(f"plans/{name}.yaml", f"tests/diff/{name}-edited.yaml")
    assert result.exit_code == 0, result.output
    assert result.stdout == (DIFF / f"{name}-edited.txt").read_text(encoding="utf-8")


def test_small_plans_give_the_kinds_no_example_can_hold() -> None:
    result = diff("tests/diff/small-old.yaml", "tests/diff/small-new.yaml")
    assert result.exit_code == 0, result.output
    assert result.stdout == (DIFF / "small-new.txt").read_text(encoding="utf-8")


def test_the_brief_s_examples_word_for_word() -> None:
    stafford = (DIFF / "staffordshire-ni16-2010-edited.txt").read_text(encoding="utf-8")
    salford = (DIFF / "salford-burglary-2002-edited.txt").read_text(encoding="utf-8")
    assert ("  NI 16 target for 2009/10 changed from 10.60 to 10.70 per 1,000 population, a weaker target for an "
            "indicator that should reduce.\n") in stafford
    assert ("  Funding line 'PSA' for 2003/04 changed from 30,000 to 40,000; total funding for 2003/04 rises from "
            "265,099 + t.b.c. to 275,099 + t.b.c.\n") in salford


@pytest.mark.parametrize("name", EXAMPLES)
def test_reformatted_copy_gives_no_differences(name: str) -> None:
    original = (PLANS / f"{name}.yaml").read_text(encoding="utf-8")
    copy = (DIFF / f"{name}-reformatted.yaml").read_text(encoding="utf-8")
    assert copy != original and '"' in copy and "{" in copy and "# ----" in copy
    first_key = next(line for line in copy.splitlines() if line and not line.startswith("#"))
    assert not first_key.startswith("title:")  # the keys really are in another order
    result = diff(f"plans/{name}.yaml", f"tests/diff/{name}-reformatted.yaml")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"tests/diff/{name}-reformatted.yaml: no changes.\n"
    assert diff("--format", "json", f"plans/{name}.yaml", f"tests/diff/{name}-reformatted.yaml").stdout == "[]\n"


def _reformat_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("reformat", DIFF / "reformat.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", EXAMPLES)
def test_reformatted_copy_is_what_reformat_py_makes_of_the_plan(name: str, tmp_path: Path) -> None:
    """The same check on a copy made now from plans/, so it follows any change to the example plans;
    the committed copy is remade with `python tests/diff/reformat.py` when they change."""
    made = _reformat_module().reformat(PLANS / f"{name}.yaml")
    copy = tmp_path / f"{name}.yaml"
    copy.write_text(made, encoding="utf-8")
    assert diff(f"plans/{name}.yaml", str(copy)).stdout == f"{copy}: no changes.\n"
    assert made == (DIFF / f"{name}-reformatted.yaml").read_text(encoding="utf-8"), \
        f"plans/{name}.yaml has changed: remake the copies with .venv/bin/python tests/diff/reformat.py"


def test_reordering_lists_matched_by_key_says_nothing(tmp_path: Path) -> None:
    """Ids referred to (partners, funding), the keys of a line's amounts, a block's trailing newline."""
    plan = (PLANS / "salford-burglary-2002.yaml").read_text(encoding="utf-8")
    edits = [("partners: [rsls, psls]", "partners: [psls, rsls]"),
             ("funding: [econ-dev-budget, nrf, chamber]", "funding: [chamber, nrf, econ-dev-budget]"),
             ('            "2002/03 Q3": 287500\n            "2002/03 Q4": 287500\n',
              '            "2002/03 Q4": 287500\n            "2002/03 Q3": 287500\n'),
             ("monitoring: |\n", "monitoring: |-\n")]
    for old, new in edits:
        assert plan.count(old) == 1, old
        plan = plan.replace(old, new)
    copy = tmp_path / "reordered.yaml"
    copy.write_text(plan, encoding="utf-8")
    assert diff("plans/salford-burglary-2002.yaml", str(copy)).stdout == f"{copy}: no changes.\n"


def test_a_plan_against_itself_has_no_changes() -> None:
    result = diff("plans/salford-burglary-2002.yaml", "plans/salford-burglary-2002.yaml")
    assert (result.exit_code, result.stdout) == (0, "plans/salford-burglary-2002.yaml: no changes.\n")


def test_digits_written_differently_are_a_change(tmp_path: Path) -> None:
    """10.60 and 10.6 are the same value but not the same figure on the published page."""
    plan = (PLANS / "staffordshire-ni16-2010.yaml").read_text(encoding="utf-8")
    changed = tmp_path / "p.yaml"
    changed.write_text(plan.replace("        value: 10.60\n", "        value: 10.6\n"), encoding="utf-8")
    result = diff("plans/staffordshire-ni16-2010.yaml", str(changed))
    assert result.stdout.splitlines()[1:] == [
        "  NI 16 target for 2009/10 changed from 10.60 to 10.6 per 1,000 population, the same value written "
        "differently."]


def test_finance_table_added_and_removed(tmp_path: Path) -> None:
    text = (DIFF / "small-old.yaml").read_text(encoding="utf-8")
    without = tmp_path / "no-finance.yaml"
    without.write_text(text[: text.index("finance:")], encoding="utf-8")
    added = diff(str(without), "tests/diff/small-old.yaml")
    assert added.stdout.splitlines()[1:] == ["  A funding and expenditure table was added."]
    removed = diff("tests/diff/small-old.yaml", str(without))
    assert removed.stdout.splitlines()[1:] == ["  The funding and expenditure table was removed."]


def test_every_change_kind_is_shown_by_a_test(tmp_path: Path) -> None:
    seen: set[str] = set()
    for name in EXAMPLES:
        seen |= _kinds(f"plans/{name}.yaml", f"tests/diff/{name}-edited.yaml")
    seen |= _kinds("tests/diff/small-old.yaml", "tests/diff/small-new.yaml")
    seen |= {"finance-added", "finance-removed"}  # test_finance_table_added_and_removed
    seen |= {"plan-added", "plan-removed"}  # test_rev_compares_each_plan_with_its_version_in_git
    scenarios = [(plan, edits, False) for plan, edits in NEW_EXAMPLES.items()] + list(SMALLER_EDITS)
    for n, (plan, edits, backwards) in enumerate(scenarios):
        (tmp_path / str(n)).mkdir()
        copy = str(edited(tmp_path / str(n), plan, edits))
        seen |= _kinds(*((copy, f"plans/{plan}.yaml") if backwards else (f"plans/{plan}.yaml", copy)))
    assert seen == ALL_KINDS, f"not shown: {sorted(ALL_KINDS - seen)}; not listed: {sorted(seen - ALL_KINDS)}"


# ---------------------------------------------------------------------------------------------
# The newer examples: a committee report and an improvement plan, edited in a temporary folder
# ---------------------------------------------------------------------------------------------

def _edits_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("northbridge_edits", DIFF / "northbridge_edits.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def edited(folder: Path, plan: str, edits: str) -> Path:
    """A copy of plans/<plan>.yaml in `folder` with the edits named (in northbridge_edits.py) made."""
    text = (PLANS / f"{plan}.yaml").read_text(encoding="utf-8")
    for old, new in getattr(_edits_module(), edits):
        assert text.count(old) == 1, f"plans/{plan}.yaml has changed where this edit of {edits} applies: {old!r}"
        text = text.replace(old, new)
    copy = folder / f"{plan}-edited.yaml"
    copy.write_text(text, encoding="utf-8")
    return copy


def diff_edited(folder: Path, monkeypatch: pytest.MonkeyPatch, plan: str, edits: str, *options: str,
                backwards: bool = False) -> Result:
    """plancc diff from the plan to its edited copy (or back), run in `folder` so that the copy's name in the
    output is the same on every run: '<plan>-edited.yaml'."""
    copy = edited(folder, plan, edits)
    monkeypatch.chdir(folder)
    old, new = str(PLANS / f"{plan}.yaml"), copy.name
    result = diff(*options, *((new, old) if backwards else (old, new)))
    assert result.exit_code == 0, result.output
    return result


@pytest.mark.parametrize("plan", NEW_EXAMPLES)
def test_new_example_edited_gives_the_exact_sentences(plan: str, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    result = diff_edited(tmp_path, monkeypatch, plan, NEW_EXAMPLES[plan])
    assert result.stdout == (DIFF / f"{plan}-edited.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("plan", NEW_EXAMPLES)
def test_new_example_edited_in_markdown(plan: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = diff_edited(tmp_path, monkeypatch, plan, NEW_EXAMPLES[plan], "--format", "markdown")
    assert result.stdout == (DIFF / f"{plan}-edited.md").read_text(encoding="utf-8")
    headings = [line for line in result.stdout.splitlines() if line.startswith("#### ")]
    assert headings == {SCRUTINY_PLAN: ["#### The report", "#### Indicators and targets",
                                        "#### Sections and their content"],
                        IMPROVEMENT_PLAN: ["#### The plan", "#### Actions", "#### Sections and their content"]}[plan]


def _rows(folder: Path, monkeypatch: pytest.MonkeyPatch, plan: str) -> dict[str, dict[str, object]]:
    """The JSON rows of an edited copy, by kind and path, after checking they say the text's sentences."""
    result = diff_edited(folder, monkeypatch, plan, NEW_EXAMPLES[plan], "--format", "json")
    rows = json.loads(result.stdout)
    sentences = [line.strip() for line in (DIFF / f"{plan}-edited.txt").read_text().splitlines()[1:]]
    assert [row["sentence"] for row in rows] == sentences
    assert all(set(row) == {"plan", "section", "kind", "path", "sentence", "before", "after"} for row in rows)
    assert {row["plan"] for row in rows} == {f"{plan}-edited.yaml"}
    return {f"{row['kind']} {row['path']}": row for row in rows}


def test_new_examples_in_json_give_the_values_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report = _rows(tmp_path, monkeypatch, SCRUTINY_PLAN)
    reworded = report["recommendation-reworded report.recommendations[2].text"]
    assert reworded["section"] == "report"
    assert str(reworded["before"]).endswith("a more detailed report at a future meeting.")
    assert str(reworded["after"]).endswith("a more detailed report at its next meeting.")
    added = report["recommendation-added report.recommendations[3]"]
    assert (added["before"], added["after"]) == (None, "That the Panel asks for a further report in December.")
    moved = report["meeting-moved report.meeting_date"]
    assert (moved["before"], moved["after"]) == ("2015-06-18", "2015-07-02")
    assert report["key-decision-changed report.key_decision"]["after"] is True
    assert report["wards-changed report.wards"]["after"] == ["Abbey", "Castle"]
    rank = report["comparison-rank-changed indicators[all-crime].comparisons[2014/15].areas[Northbridge].rank"]
    assert (rank["section"], rank["before"], rank["after"]) == ("indicators", 4, 3)
    cells = report["table-cells-changed sections[Performance].tables[Recorded crime by category, Northbridge, "
                   "2013/14 and 2014/15].cells"]
    assert cells["before"] == {"Robbery / 2014/15 Offences": "84", "Robbery / 2014/15 Rate": "0.660",
                               "Shoplifting / 2014/15 Offences": "1003"}  # 0.660 as written, not 0.66
    assert cells["after"] == {"Robbery / 2014/15 Offences": "86", "Robbery / 2014/15 Rate": "0.676",
                              "Shoplifting / 2014/15 Offences": "1013"}
    (tmp_path / "improvement").mkdir()
    plan = _rows(tmp_path / "improvement", monkeypatch, IMPROVEMENT_PLAN)
    document = plan["document-changed document"]
    assert (document["before"], document["after"]) == ("improvement-plan", "strategy")
    lead = plan["action-lead-removed actions[comms-plan].lead_agency"]
    assert (lead["before"], lead["after"]) == ("nbc-communications", None)
    due = plan["due-added actions[member-champion].due"]
    assert (due["before"], due["after"]) == (None, "by 2014-03")


def test_the_brief_s_examples_for_the_new_parts_word_for_word() -> None:
    report = (DIFF / f"{SCRUTINY_PLAN}-edited.txt").read_text(encoding="utf-8")
    plan = (DIFF / f"{IMPROVEMENT_PLAN}-edited.txt").read_text(encoding="utf-8")
    for line in ["Recommendation 3 added: That the Panel asks for a further report in December.",
                 "Recommendation 1 removed: That the Panel notes the partnership's performance in 2014/15, set out in "
                 "section 2 of the report.",
                 "The meeting date moved from 18 June 2015 to 2 July 2015, 2 weeks later.",
                 "The report now goes to the Overview and Scrutiny Committee instead of the Community Safety Scrutiny "
                 "Panel.",
                 "The report is now for decision instead of for information.",
                 "Northbridge moved from 4th to 3rd of 8 in All recorded crime per 1,000 population, 2014/15.",
                 "Section '1 Background' reworded: paragraph 1.2 changed.",
                 "The table 'Recorded crime by category, Northbridge, 2013/14 and 2014/15' in section 2 changed: 3 cells "
                 "(Robbery, 2014/15 Offences: 84 to 86; Robbery, 2014/15 Rate: 0.660 to 0.676; Shoplifting, 2014/15 "
                 "Offences: 1003 to 1013).",
                 "The indicator CS 2 is now shown in section 3 instead of section 2."]:
        assert f"  {line}\n" in report, line
    for line in ["The document is now a strategy instead of an improvement plan.",
                 "Action 'Write and deliver a communications plan for the partnership' now has no lead stated; it was "
                 "led by Communications and Marketing.",
                 "Action 'Set up a residents' panel to advise the Board' added: no lead stated, no due date stated."]:
        assert f"  {line}\n" in plan, line


# (plan, edits in northbridge_edits.py, diffed from the edited copy back to the plan) -> the sentences
SMALLER_EDITS: dict[tuple[str, str, bool], list[str]] = {
    (SCRUTINY_PLAN, "COMPARISONS_1", False): [
        "Northbridge is now 4th of 9 instead of 4th of 8 in All recorded crime per 1,000 population, 2014/15.",
        "In All recorded crime per 1,000 population, 2014/15, Ashdown was added to the league table: 9th, "
        "with 81.250 per 1,000 population.",
        "In All recorded crime per 1,000 population, 2014/15, the comparator 'England and Wales' was added: "
        "62.100 per 1,000 population.",
        "In All recorded crime per 1,000 population, 2014/15, the comparator 'Most similar group average' was "
        "removed (it was 66.443 per 1,000 population).",
        "CS 2 now compares 2 areas for 2014/15: Northbridge is 1st of 2.",
    ],
    (SCRUTINY_PLAN, "COMPARISONS_1", True): [
        "Northbridge is now 4th of 8 instead of 4th of 9 in All recorded crime per 1,000 population, 2014/15.",
        "In All recorded crime per 1,000 population, 2014/15, Ashdown was removed from the league table (it "
        "was 9th, with 81.250 per 1,000 population).",
        "In All recorded crime per 1,000 population, 2014/15, the comparator 'Most similar group average' was "
        "added: 66.443 per 1,000 population.",
        "In All recorded crime per 1,000 population, 2014/15, the comparator 'England and Wales' was removed "
        "(it was 62.100 per 1,000 population).",
        "CS 2 no longer compares areas for 2014/15 (Northbridge was 1st of 2).",
    ],
    (SCRUTINY_PLAN, "COMPARISONS_2", False): [
        "In All recorded crime per 1,000 population, 2014/15, the area compared is now Eastmoor instead of "
        "Northbridge.",
        "In All recorded crime per 1,000 population, 2014/15, Southam Marsh was removed from the league table "
        "(it was 8th, with 79.803 per 1,000 population).",
        "In All recorded crime per 1,000 population, 2014/15, the number of areas ranked is now 12; it was "
        "not given before.",
    ],
    (SCRUTINY_PLAN, "TABLES", False): [
        "The table 'Recorded crime by category, Northbridge, 2013/14 and 2014/15' in section 2: the column "
        "'Crime category' is now headed 'Category of crime'.",
        "The table 'Recorded crime by category, Northbridge, 2013/14 and 2014/15' in section 2: the unit of "
        "the column '2014/15 Offences' changed from count to number.",
        "The table 'Recorded crime by category, Northbridge, 2013/14 and 2014/15' in section 2: row 'Fraud' added.",
        "The table 'Recorded crime by category, Northbridge, 2013/14 and 2014/15' in section 2: row 'Drug "
        "offences' removed.",
        "The table 'Recorded crime by category, Northbridge, 2013/14 and 2014/15' in section 2: row 'Robbery' "
        "moved; it now comes after 'Burglary in a dwelling'.",
        "The table (Quarter, 2014/15, Change) in section 2: column 'Change' added.",
        "The table (Quarter, 2014/15, Change) in section 2: column '2013/14' removed.",
    ],
    (SCRUTINY_PLAN, "TABLES", True): [
        "The table 'Recorded crime by category, Northbridge, 2013/14 and 2014/15' in section 2: the column "
        "'Category of crime' is now headed 'Crime category'.",
        "The table 'Recorded crime by category, Northbridge, 2013/14 and 2014/15' in section 2: the unit of "
        "the column '2014/15 Offences' changed from number to count.",
        "The table 'Recorded crime by category, Northbridge, 2013/14 and 2014/15' in section 2: row 'Drug "
        "offences' added.",
        "The table 'Recorded crime by category, Northbridge, 2013/14 and 2014/15' in section 2: row 'Fraud' removed.",
        "The table 'Recorded crime by category, Northbridge, 2013/14 and 2014/15' in section 2: row 'Burglary "
        "in a dwelling' moved; it now comes after 'Robbery'.",
        "The table (Quarter, 2013/14, 2014/15) in section 2: column '2013/14' added.",
        "The table (Quarter, 2013/14, 2014/15) in section 2: column 'Change' removed.",
    ],
    (SCRUTINY_PLAN, "TABLE_MOVED", False): [
        "The table (Quarter, 2013/14, 2014/15) in section 2 now has the caption 'Anti-social behaviour "
        "incidents by quarter'.",
        "The table 'Anti-social behaviour incidents by quarter' is now in section 3 instead of section 2.",
    ],
    (SCRUTINY_PLAN, "TABLE_REMOVED", False): [
        "The table (Quarter, 2013/14, 2014/15) was removed from section 2.",
    ],
    (SCRUTINY_PLAN, "PARTS", False): [
        "The indicator CS 2 moved within section 2: it now comes after the table 'Recorded crime by category, "
        "Northbridge, 2013/14 and 2014/15'.",
        "Section 2 now shows the chart of CS 1.",
        "Section 2 no longer shows the indicator CS 1; the page shows it in a part of its own.",
    ],
    (SCRUTINY_PLAN, "PARTS", True): [
        "The indicator CS 2 moved within section 2: it now comes after paragraph 2.4.",
        "Section 2 now shows the indicator CS 1.",
        "Section 2 no longer shows the chart of CS 1.",
    ],
    (IMPROVEMENT_PLAN, "SECTIONS", False): [
        "Section '3 Our improvement strands' moved: it is now in section 2 instead of at the top level.",
        "Section 'Monitoring and review' is now numbered 7 instead of 6.",
        "Section '1 Introduction' is now an appendix.",
        "Section '4 What we have achieved' moved: it now comes after '5 What we will do next'.",
    ],
    (SCRUTINY_PLAN, "DOCUMENT", False): [
        "The document is now a delivery plan instead of a report.",
        "What the plan calls itself changed from 'report to scrutiny committee' to 'scrutiny report'.",
        "The plan period is now 2014/15 to 2014/15; it was not given before.",
    ],
    (SCRUTINY_PLAN, "DOCUMENT", True): [
        "The document is now a report instead of a delivery plan.",
        "What the report calls itself changed from 'scrutiny report' to 'report to scrutiny committee'.",
        "The plan period is no longer given (it was 2014/15 to 2014/15).",
    ],
    (IMPROVEMENT_PLAN, "REPORT_ADDED", False): [
        "The document now has a report's front matter: it goes to the CSP Board on 26 March 2014.",
    ],
    (IMPROVEMENT_PLAN, "REPORT_ADDED", True): [
        "The report's front matter was removed: it went to the CSP Board on 26 March 2014.",
    ],
}


@pytest.mark.parametrize("plan, edits, backwards", list(SMALLER_EDITS))
def test_smaller_edits_give_the_exact_sentences(plan: str, edits: str, backwards: bool, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    result = diff_edited(tmp_path, monkeypatch, plan, edits, backwards=backwards)
    assert result.stdout.splitlines()[1:] == [f"  {line}" for line in SMALLER_EDITS[(plan, edits, backwards)]]


@pytest.mark.parametrize("name", ALL_PLANS)
def test_every_example_plan_reformatted_gives_no_differences(name: str, tmp_path: Path) -> None:
    """Keys and items with ids reordered, quoting and styles changed, comments added: nothing changes."""
    original = (PLANS / f"{name}.yaml").read_text(encoding="utf-8")
    made = _reformat_module().reformat(PLANS / f"{name}.yaml")
    assert made != original and '"' in made and "{" in made and "# ----" in made
    assert not next(line for line in made.splitlines() if not line.startswith("#")).startswith("title:")
    copy = tmp_path / f"{name}.yaml"
    copy.write_text(made, encoding="utf-8")
    assert diff(f"plans/{name}.yaml", str(copy)).stdout == f"{copy}: no changes.\n"
    assert diff("--format", "json", f"plans/{name}.yaml", str(copy)).stdout == "[]\n"


def _page_numbers(name: str) -> tuple[list[tuple[str, str, list[str]]], list[tuple[str, str, list[str]]]]:
    """Each section's (heading, number, paragraph numbers) as the diff says them, and as the page prints them."""
    plan = build_model(load_and_validate(PLANS / f"{name}.yaml"))[0]
    sections, appendices, _ = document_sections(plan, [], [])
    printed: list[tuple[str, str, list[str]]] = []

    def walk(found: list[dict[str, Any]]) -> None:
        for section in found:
            texts = [str(block["html"]) for block in section["blocks"] if block["kind"] == "text"]
            printed.append((str(section["title"]), str(section["number"]),
                            [n for html in texts for n in re.findall(r'class="para-number">([^<]*)<', html)]))
            walk(section["sections"])

    walk(sections + appendices)
    return numbers(plan), printed


@pytest.mark.parametrize("name", ALL_PLANS)
def test_sections_are_numbered_as_the_page_numbers_them(name: str) -> None:
    said, printed = _page_numbers(name)
    assert said == printed
    if name == SCRUTINY_PLAN:  # numbering: paragraphs; a subsection carries on its section's paragraphs
        assert said[1:3] == [("Performance", "2", ["2.1", "2.2", "2.3", "2.4"]), ("How Northbridge compares", "",
                                                                                 ["2.5"])]


def test_texts_without_ids_are_paired_by_their_words() -> None:
    """The same text first, then the most alike; what is left is added or removed."""
    old = ["That the Panel notes the report.", "That the Panel asks for a report in June.", "Something else entirely."]
    new = ["That the Panel asks for a report in July.", "That the Panel notes the report.", "A new text."]
    assert by_text(old, new) == [(1, 0), (0, 1), (None, 2), (2, None)]


@pytest.mark.parametrize("number, said", [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"),
                                          (13, "13th"), (21, "21st"), (102, "102nd"), (111, "111th")])
def test_ordinals(number: int, said: str) -> None:
    assert ordinal(number) == said


# ---------------------------------------------------------------------------------------------
# Markdown and JSON
# ---------------------------------------------------------------------------------------------

def test_markdown_is_a_heading_per_plan_and_a_list_per_section() -> None:
    result = diff("--format", "markdown", "tests/diff/small-old.yaml", "tests/diff/small-new.yaml")
    assert result.exit_code == 0, result.output
    assert result.stdout == (DIFF / "small-new.md").read_text(encoding="utf-8")
    stafford = diff("-f", "markdown", "plans/staffordshire-ni16-2010.yaml",
                    "tests/diff/staffordshire-ni16-2010-edited.yaml").stdout
    assert stafford == (DIFF / "staffordshire-ni16-2010-edited.md").read_text(encoding="utf-8")
    headings = [line for line in stafford.splitlines() if line.startswith("#")]
    assert headings == ["## Changes to the plans",
                        "### Serious Acquisitive Crime Delivery Plan (`tests/diff/staffordshire-ni16-2010-edited.yaml`)",
                        "#### The plan", "#### Partnership", "#### Indicators and targets", "#### Actions",
                        "#### Risk register"]


def test_markdown_escapes_what_would_be_markup() -> None:
    change = Change("plan", "title-changed", "title", "The plan's title changed from 'A*' to '<b>_B_</b> [x](y)'.")
    text = markdown_report([PlanDiff("p.yaml", "Plan *one*", [change]), PlanDiff("q.yaml")])
    assert "### Plan \\*one\\* (`p.yaml`)" in text
    assert "- The plan's title changed from 'A\\*' to '\\<b\\>\\_B\\_\\</b\\> \\[x\\](y)'." in text
    assert "No changes: `q.yaml`." in text


def test_json_is_a_list_of_changes_with_values_as_written() -> None:
    result = diff("--format", "json", "plans/salford-burglary-2002.yaml", "tests/diff/salford-burglary-2002-edited.yaml")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    sentences = [line.strip() for line in (DIFF / "salford-burglary-2002-edited.txt").read_text().splitlines()[1:]]
    assert [row["sentence"] for row in rows] == sentences
    assert all(set(row) == {"plan", "section", "kind", "path", "sentence", "before", "after"} for row in rows)
    assert {row["plan"] for row in rows} == {"tests/diff/salford-burglary-2002-edited.yaml"}
    psa = next(row for row in rows if row["path"] == "finance.funding[revenue/PSA].amounts[2003/04]")
    assert (psa["section"], psa["kind"], psa["before"], psa["after"]) == ("finance", "amount-changed", "30000", "40000")
    due = next(row for row in rows if row["path"] == "actions[imp-ds-fast-track].due")
    assert (due["kind"], due["before"], due["after"]) == ("due-slipped", "by 2002-04", "by 2003-04")
    tbc = next(row for row in rows if row["kind"] == "amount-changed" and row["before"] == "tbc" and row["after"] == "nil")
    assert "changed from t.b.c. to nil" in tbc["sentence"]


# ---------------------------------------------------------------------------------------------
# Exit codes: 0 with or without changes, 1 for a plan with errors, 2 for a wrong call
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("args", [
    [], ["plans/salford-burglary-2002.yaml"], ["plans/salford-burglary-2002.yaml", "nowhere.yaml"],
    ["plans", "plans/salford-burglary-2002.yaml"], ["--format", "html", "plans/a.yaml", "plans/b.yaml"],
    ["a.yaml", "b.yaml", "c.yaml"],
])
def test_usage_errors_exit_2(args: list[str]) -> None:
    result = diff(*args)
    assert result.exit_code == 2, result.output
    assert "Error:" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("broken, rule", [
    ("title: T\npartnership: P\nperiod: {from: 2002/03, to: 2004/05}\nstatus: final\n", "schema-enum"),
    ("", "empty-file"),
    ("title: [unclosed\n", "yaml-syntax"),
])
def test_a_plan_with_errors_gives_its_diagnostics_and_exit_1(tmp_path: Path, broken: str, rule: str) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(broken, encoding="utf-8")
    result = CliRunner().invoke(command, [str(DATA / "minimal.yaml"), str(bad)])
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)  # an exit, not a crash
    assert f"{bad}:" in result.stderr and f"[{rule}]" in result.stderr
    assert result.stdout == f"{bad}: not compared, because a version of it has errors.\n"
    assert diff("-f", "json", str(DATA / "minimal.yaml"), str(bad)).stdout == "[]\n"


# ---------------------------------------------------------------------------------------------
# --rev: each plan against its version at a git revision
# ---------------------------------------------------------------------------------------------

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=plancc tests", "-c", "user.email=tests@example.org",
                    "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
                   cwd=repo, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with the three example plans committed, then edited: Staffordshire edited,
    Salford deleted, a new plan added, Central Bedfordshire unchanged."""
    root = tmp_path / "repo"
    (root / "plans").mkdir(parents=True)
    for name in EXAMPLES:
        shutil.copy(PLANS / f"{name}.yaml", root / "plans" / f"{name}.yaml")
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "plans")
    shutil.copy(DIFF / "staffordshire-ni16-2010-edited.yaml", root / "plans" / "staffordshire-ni16-2010.yaml")
    (root / "plans" / "salford-burglary-2002.yaml").unlink()
    shutil.copy(DIFF / "small-old.yaml", root / "plans" / "small.yaml")
    return root


def _expected_staffordshire(name: str) -> str:
    text = (DIFF / "staffordshire-ni16-2010-edited.txt").read_text(encoding="utf-8")
    return text.replace("tests/diff/staffordshire-ni16-2010-edited.yaml", name, 1)


@needs_git
def test_rev_compares_each_plan_with_its_version_in_git(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    result = diff("--rev", "HEAD")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "plans/central-beds-csp-2009.yaml: no changes.\n\n"
        "plans/salford-burglary-2002.yaml: 1 change\n"
        "  Plan removed: 'Salford's Local Public Service Agreement: Target Action Plan'.\n\n"
        "plans/small.yaml: 1 change\n"
        "  New plan: 'Small plan' (draft, version 1.1).\n\n"
        + _expected_staffordshire("plans/staffordshire-ni16-2010.yaml"))
    rows = json.loads(diff("--rev", "HEAD", "--format", "json").stdout)
    assert [(r["plan"], r["kind"]) for r in rows[:2]] == [("plans/salford-burglary-2002.yaml", "plan-removed"),
                                                          ("plans/small.yaml", "plan-added")]


@needs_git
def test_rev_with_files_named_from_anywhere(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo / "plans")
    one = diff("--rev", "HEAD", "staffordshire-ni16-2010.yaml")
    assert (one.exit_code, one.stdout) == (0, _expected_staffordshire("staffordshire-ni16-2010.yaml"))
    gone = diff("--rev", "HEAD", "salford-burglary-2002.yaml")  # deleted since HEAD
    assert gone.stdout.splitlines() == ["salford-burglary-2002.yaml: 1 change",
                                        "  Plan removed: 'Salford's Local Public Service Agreement: Target Action Plan'."]
    monkeypatch.chdir(repo.parent)
    folder = diff("--rev", "HEAD", "-f", "markdown", "repo/plans")
    assert folder.exit_code == 0
    assert "No changes: `repo/plans/central-beds-csp-2009.yaml`." in folder.stdout
    assert "### Small plan (`repo/plans/small.yaml`)" in folder.stdout


@needs_git
def test_rev_of_a_plan_that_now_has_errors_exits_1(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    (repo / "plans" / "central-beds-csp-2009.yaml").write_text("title: [\n", encoding="utf-8")
    result = diff("--rev", "HEAD", "plans/central-beds-csp-2009.yaml")
    assert result.exit_code == 1
    assert "plans/central-beds-csp-2009.yaml:" in result.stderr and "[yaml-syntax]" in result.stderr


@needs_git
@pytest.mark.parametrize("rev, paths, message", [
    ("no-such-revision", [], "git could not read no-such-revision:./"),
    ("HEAD", ["plans/never-was.yaml"], "'plans/never-was.yaml' does not exist, here or at HEAD."),
    ("--all", [], "'--all' is not a git revision."),
    ("HEAD", ["empty"], "No .yaml plan files in empty, here or at HEAD."),
])
def test_rev_usage_errors_exit_2(repo: Path, monkeypatch: pytest.MonkeyPatch, rev: str, paths: list[str],
                                 message: str) -> None:
    monkeypatch.chdir(repo)
    (repo / "empty").mkdir()
    result = diff(f"--rev={rev}", *paths)
    assert result.exit_code == 2, result.output
    assert message in result.output


@needs_git
def test_rev_outside_a_repository_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "plans").mkdir()
    shutil.copy(DATA / "minimal.yaml", tmp_path / "plans" / "minimal.yaml")
    monkeypatch.chdir(tmp_path)
    result = diff("--rev", "HEAD")
    assert result.exit_code == 2
    assert "not a git repository" in result.output


# ---------------------------------------------------------------------------------------------
# Words
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("before, after, said", [
    ("2010-09-30", "2011-03-31", "6 months later"),
    ("2011-04-30", "2011-03-31", "1 month earlier"),
    ("2002-04-30", "2003-04-30", "1 year later"),
    ("2002-04-26", "2002-04-12", "2 weeks earlier"),
    ("2002-04-26", "2002-05-08", "12 days later"),
    ("2010-02-15", "2010-08-15", "6 months later"),
    ("2010-02-28", "2010-02-28", "the same day"),
])
def test_shift_in_time(before: str, after: str, said: str) -> None:
    assert shift(date.fromisoformat(before), date.fromisoformat(after)) == said


@pytest.mark.parametrize("value, said", [
    (Total(), "nothing"), (Total(count=2), "nil"), (Total(Decimal(265099), unknown=2, count=9), "265,099 + t.b.c."),
    (Total(unknown=2, count=2), "t.b.c."), (Total(unknown=1, count=2), "t.b.c."), (Total(Decimal("10.50"), count=1),
                                                                                 "10.50"),
])
def test_total_in_words(value: Total, said: str) -> None:
    assert total(value) == said


def test_registered_command_runs_as_a_whole_process() -> None:
    """Once cli.py lists diff, `plancc diff` runs as any command does."""
    from plancc.cli import COMMANDS

    if "diff" not in COMMANDS:
        pytest.skip("diff is not yet registered in plancc/cli.py")
    from conftest import run_plancc

    result = run_plancc("diff", "tests/diff/small-old.yaml", "tests/diff/small-new.yaml")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (DIFF / "small-new.txt").read_text(encoding="utf-8")
