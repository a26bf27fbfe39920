"""The rules' data-driven corpus: every rule has plans that fail it and plans that pass it.

tests/rules/<rule-id>/fail-*.yaml must give the diagnostics listed beside it in
fail-*.expected.json (rule id, line, column); pass-*.yaml must give none at all. The plans in
tests/seed_mistakes keep figures exactly as the seed documents printed them, with the
diagnostics plancc must find. Run `scripts/test --update-golden` after an intended change.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from plancc.pipeline import check_file
from plancc.rules import all_rules

HERE = Path(__file__).resolve().parent
RULES = HERE / "rules"
SEEDS = HERE / "seed_mistakes"
CASES = sorted(RULES.glob("*/*.yaml")) + sorted(SEEDS.glob("*.yaml"))


def _found(case: Path) -> list[dict[str, object]]:
    return [{"rule": d.rule, "line": d.line, "column": d.column, "also": [[o.line, o.column] for o in d.others]}
            for d in check_file(str(case)).diagnostics]


@pytest.mark.parametrize("case", CASES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_case(case: Path, update_golden: bool) -> None:
    expected_file = case.with_suffix(".expected.json")
    found = _found(case)
    if update_golden:
        expected_file.write_text(json.dumps(found, indent=2) + "\n")
    expected = json.loads(expected_file.read_text())
    assert found == expected
    if case.name.startswith("pass"):
        assert found == [], "a passing case gives no diagnostics at all"
    if case.name.startswith("fail"):
        assert case.parent.name in [d["rule"] for d in found], "a failing case gives its folder's rule"


def test_every_rule_has_a_failing_and_a_passing_case() -> None:
    for item in all_rules():
        folder = RULES / item.id
        assert sorted(folder.glob("fail*.yaml")), f"no failing case for {item.id}"
        assert sorted(folder.glob("pass*.yaml")), f"no passing case for {item.id}"


def test_every_rule_is_documented() -> None:
    """Every rule plancc reports (cross-checks, and the rules of reading, the schema and plancc.yml) says
    what it finds and why it matters, with a failing and a passing example and the fix, in 30 words or more."""
    from plancc.rule_docs import all_rule_docs

    docs = all_rule_docs()
    assert {item.id for item in all_rules()} <= {doc.id for doc in docs}
    for doc in docs:
        assert doc.summary.endswith("."), doc.id
        assert doc.paragraphs, f"{doc.id} does not say why it matters"
        for label in ("Fails", "Passes", "Fix"):
            assert doc.labelled.get(label) and doc.labelled[label].text.strip(), f"{doc.id} has no {label}"
        assert doc.labelled["Fails"].text != doc.labelled["Passes"].text or doc.id == "not-utf8", doc.id
        assert doc.words >= 30, f"{doc.id} has {doc.words} words"
