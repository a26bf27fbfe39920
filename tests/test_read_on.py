"""Everything in one run: plancc reads past YAML errors, cross-checks the blocks without errors,
says how many checks it could not run, and its indentation hints fix what they point at."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import INVALID, PLANS, run_plancc
from plancc.diagnostics import Diagnostic, Severity
from plancc.load.loader import load_bytes
from plancc.masking import RULE_INPUTS, SELF_CONTAINED, runnable
from plancc.pipeline import check_file, cross_check, load_and_validate
from plancc.rules import all_rules

_INDENT_HINT = re.compile(r"with (\d+|no) spaces( before the '- ')?")
_ODD = " \t\u00a0\u2007\u202f\u3000"
TEN = INVALID / "60-ten-mistakes-in-one-file.yaml"


def _depth(line: str) -> int:
    return len(line) - len(line.lstrip(_ODD))


def follow_hint(text: str, diag: Diagnostic) -> str:
    """The text with the hint's indentation fix made exactly as it says."""
    match = _INDENT_HINT.search(diag.hint or "")
    assert match is not None
    spaces = 0 if match.group(1) == "no" else int(match.group(1))
    lines = text.split("\n")
    old = lines[diag.line - 1]
    content = old.lstrip(_ODD)
    lines[diag.line - 1] = " " * spaces + ("- " if match.group(2) else "") + content
    if "move the lines under it" in (diag.hint or ""):
        shift = spaces - _depth(old)
        for number in range(diag.line, len(lines)):
            if lines[number].strip() and _depth(lines[number]) <= _depth(old):
                break
            if lines[number].strip():
                lines[number] = " " * (_depth(lines[number]) + shift) + lines[number].lstrip(_ODD)
    return "\n".join(lines)


def _hinted() -> list[tuple[Path, int, str]]:
    """Every (case, line, rule) in tests/invalid whose hint says how many spaces to indent with."""
    found = []
    for case in sorted(INVALID.glob("*.yaml")):
        for diag in check_file(str(case)).diagnostics:
            if diag.hint and _INDENT_HINT.search(diag.hint):
                found.append((case, diag.line, diag.rule))
    return found


HINTED = _hinted()


def test_the_indentation_cases_all_have_exact_hints() -> None:
    named = {case.stem.split("-")[0] for case, _, _ in HINTED}
    # tab, one space too many, key dedented to the top, missing '- ', non-breaking spaces, the ten mistakes,
    # three spaces in a list item, a '- ' out of line, one space short
    assert {"01", "03", "04", "23", "25", "60", "61", "62", "63"} <= named
    assert {rule for _, _, rule in HINTED} >= {"yaml-tab", "yaml-odd-space", "yaml-syntax", "yaml-duplicate-key",
                                               "schema-unknown-key"}


@pytest.mark.parametrize(("case", "line", "rule"), HINTED, ids=lambda v: getattr(v, "stem", str(v)))
def test_following_an_indentation_hint_fixes_its_mistake(case: Path, line: int, rule: str, tmp_path: Path) -> None:
    before = check_file(str(case)).diagnostics
    diag = next(d for d in before if d.line == line and d.rule == rule)
    fixed = tmp_path / case.name
    fixed.write_text(follow_hint(case.read_text(encoding="utf-8"), diag), encoding="utf-8")
    after = check_file(str(fixed)).diagnostics
    assert not [d for d in after if d.line == line and d.rule == rule], diag.hint
    assert not [d for d in after if d.rule.startswith("yaml-") and d.severity is Severity.ERROR
                and d.line in (line, line + 1)], diag.hint
    assert _errors(after) < _errors(before)


def _errors(found: list[Diagnostic]) -> int:
    return sum(d.count for d in found if d.severity is Severity.ERROR)


def test_the_hint_for_three_spaces_in_a_list_item_says_four() -> None:
    diag = next(d for d in check_file(str(INVALID / "61-three-spaces-in-list-item.yaml")).diagnostics
                if d.rule == "yaml-syntax")
    assert diag.line == 19
    assert "with 4 spaces" in (diag.hint or "") and "'lead_agency:' on line 18" in (diag.hint or "")
    assert "'- '" not in (diag.hint or "")


def test_ten_typical_mistakes_show_in_one_run() -> None:
    found = check_file(str(TEN)).diagnostics
    assert {d.rule for d in found} == {
        "yaml-tab", "yaml-syntax", "yaml-duplicate-key", "yaml-boolean-word", "schema-format", "schema-type",
        "schema-unknown-key", "schema-required", "ref-unknown", "finance-total", "checks-not-run"}
    lines = {d.rule: d.line for d in found}
    assert lines["yaml-tab"] == 11 and lines["yaml-syntax"] == 42 and lines["schema-unknown-key"] == 41
    assert lines["ref-unknown"] == 74 and lines["finance-total"] == 65


def test_ten_mistakes_in_one_run_of_the_command() -> None:
    result = run_plancc("check", str(TEN))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    for words in ("indented with a tab", "31/01/2025", "appears twice", "reads no here as false", "£1,250,000",
                  "lead_agncy", "has no 'title'", "'gmpp' is not the id", "add up to 8,050",
                  "Indent this line with 4 spaces", "cross-checks were not run because of the 7 errors"):
        assert words in result.stdout, words


def test_syntax_errors_after_the_first_are_reported_with_tabs_and_duplicates() -> None:
    text = ("title: T\nperiod:\n  from: 2024/25\n   to: 2026/27\nstatus: draft\nactions:\n  - id: a\n"
            "    title: A\n     due: 2025-03\n  - id: b\n\ttitle: B\n  - id: c\n    title: C\n    title: D\n")
    plan = load_bytes(text.encode(), "p.yaml")
    assert [(d.rule, d.line) for d in plan.diagnostics] == [
        ("yaml-tab", 11), ("yaml-syntax", 4), ("yaml-syntax", 9), ("yaml-duplicate-key", 14)]
    assert plan.data is None  # without recover, a file with YAML errors gives no values
    assert plan.damaged == {"period", "actions"}


def test_recovered_values_keep_their_positions() -> None:
    text = "title: T\nperiod:\n  from: 2024/25\n   to: 2026/27\nstatus: draft\nversion: 3.10\n"
    plan = load_bytes(text.encode(), "p.yaml", recover=True)
    assert plan.data == {"title": "T", "period": {"from": "2024/25"}, "status": "draft", "version": "3.10"}
    assert plan.span(("version",)).line == 6
    assert [d.rule for d in plan.diagnostics] == ["yaml-syntax", "yaml-unquoted-text"]


def test_text_that_cannot_be_read_still_gives_its_duplicate_keys() -> None:
    text = "title: T\nstatus: draft\nstatus: approved\nsummary: |\n  Note: a\n  Note: b\n---\ntitle: U\n"
    found = [(d.rule, d.line) for d in load_bytes(text.encode(), "p.yaml").diagnostics]
    assert found == [("yaml-syntax", 7), ("yaml-duplicate-key", 3)]


def test_missing_fields_in_a_block_that_lost_lines_are_not_reported() -> None:
    found = check_file(str(INVALID / "01-tab-indent.yaml")).diagnostics
    assert [d.rule for d in found if d.severity is Severity.ERROR] == ["yaml-tab"]  # not "period has no 'to'"


def test_the_checks_not_run_are_counted_in_one_line() -> None:
    found = check_file(str(INVALID / "51-action-without-due.yaml")).diagnostics
    notes = [d for d in found if d.rule == "checks-not-run"]
    assert len(notes) == 1
    ids = [r.id for r in all_rules()]
    _, skipped = runnable(ids, {"actions"}, {})
    assert notes[0].message.startswith(f"{len(skipped)} of the {len(ids)} cross-checks were not run because of "
                                       "the 1 error in this plan (in the block 'actions')")
    assert not [d for d in check_file(str(PLANS / "salford-burglary-2002.yaml")).diagnostics
                if d.rule == "checks-not-run"]


def test_a_file_that_cannot_be_read_says_nothing_was_checked() -> None:
    found = check_file(str(INVALID / "16-two-documents.yaml")).diagnostics
    assert [d.rule for d in found] == ["checks-not-run", "yaml-syntax"]
    assert "were not checked" in found[0].message


def test_every_cross_check_declares_what_it_reads() -> None:
    ids = {r.id for r in all_rules()}
    assert ids == set(RULE_INPUTS) | SELF_CONTAINED | {"ref-unknown"}


def _key(diag: Diagnostic) -> tuple[str, int, int, str]:
    return (diag.rule, diag.line, diag.column, diag.message)


def _plans_with_findings() -> list[Path]:
    rules = Path(__file__).parent / "rules"
    return sorted(PLANS.glob("*.yaml")) + sorted(rules.glob("*/fail-*.yaml"))


@pytest.mark.parametrize("path", _plans_with_findings(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_leaving_a_block_out_never_adds_a_finding(path: Path) -> None:
    """With any one block left out, the cross-checks find a subset of what they find on the whole plan."""
    source = load_and_validate(path)
    if not source.ok or any(d.severity is Severity.ERROR for d in source.diagnostics):
        pytest.skip("the case has errors before the cross-checks")
    whole = {_key(d) for d in cross_check(source, set())}
    for section in source.data:
        found = cross_check(source, {section}, errors=1)
        assert not [d for d in found if d.rule == "plancc-internal"], section
        extra = {_key(d) for d in found if d.rule != "checks-not-run"} - whole
        assert not extra, f"leaving out {section!r} added {extra}"
