"""Every invalid plan in tests/invalid gives exactly the diagnostics stored beside it.

Each case is a mistake an officer would make. `name.yaml` is the plan; `name.expected.json`
lists the diagnostics (rule id, line, column) it must produce. After an intended change to the
messages or rules, run `scripts/test --update-golden` and review the diff.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import INVALID, run_plancc
from plancc.pipeline import check_file

CASES = sorted(INVALID.glob("*.yaml"))


def _found(case: Path) -> list[dict[str, object]]:
    result = check_file(str(case))
    return [{"rule": d.rule, "line": d.line, "column": d.column, "also": [[o.line, o.column] for o in d.others]}
            for d in result.diagnostics]


def test_there_are_at_least_thirty_distinct_cases(update_golden: bool) -> None:
    if update_golden:
        pytest.skip("the expected files are being rewritten")
    assert len(CASES) >= 30
    rule_sets = {json.dumps(json.loads(c.with_suffix(".expected.json").read_text())) for c in CASES}
    assert len(rule_sets) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_case_gives_its_expected_diagnostics(case: Path, update_golden: bool) -> None:
    expected_file = case.with_suffix(".expected.json")
    found = _found(case)
    if update_golden:
        expected_file.write_text(json.dumps(found, indent=2) + "\n")
    assert found, "an invalid case must produce at least one diagnostic"
    assert found == json.loads(expected_file.read_text())


def test_check_on_the_whole_folder_fails_without_a_traceback() -> None:
    result = run_plancc("check", str(INVALID))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    for case in CASES:
        assert case.name in result.stdout
