"""`plancc docs`: the plan format reference, made from the schema, the example plans and the rules."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterator

import pytest
from click.testing import CliRunner

from conftest import ROOT
from plancc.commands.docs import command
from plancc.reference import escape, form_words, format_reference, rule_doc_lines, type_words
from plancc.rules import all_rules
from plancc.rules_loader_ids import LOADER_RULES
from plancc.validate.schema import plan_schema, resolve


@pytest.fixture(scope="module")
def reference() -> str:
    return format_reference()


def property_titles(schema: Any) -> Iterator[str]:
    """The title of every property in the schema (as resolved: a property's own title, else its definition's)."""
    if isinstance(schema, dict):
        for sub in schema.get("properties", {}).values():
            yield resolve(sub).get("title", "")
        for value in schema.values():
            yield from property_titles(value)
    elif isinstance(schema, list):
        for value in schema:
            yield from property_titles(value)


def test_docs_writes_the_reference(tmp_path: Path, reference: str) -> None:
    output = tmp_path / "out" / "format.md"
    result = CliRunner().invoke(command, ["--output", str(output)])
    assert result.exit_code == 0, result.output
    assert output.read_text(encoding="utf-8") == reference


def test_docs_default_output_is_docs_format_md(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               reference: str) -> None:
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(command, []).exit_code == 0
    assert (tmp_path / "docs" / "format.md").read_text(encoding="utf-8") == reference


def test_reference_is_deterministic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reference: str) -> None:
    monkeypatch.chdir(tmp_path)  # the same wherever it is run from, and whatever the date
    assert format_reference() == reference
    assert format_reference() == reference


def test_reference_in_the_repository_is_up_to_date(reference: str) -> None:
    written = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    assert written == reference, "docs/format.md is out of date: run plancc docs"


def test_every_property_title_is_in_the_reference(reference: str) -> None:
    titles = set(property_titles(plan_schema())) - {""}
    assert len(titles) > 100
    missing = sorted(t for t in titles if t not in reference)
    assert missing == []


def test_every_rule_is_in_the_reference_with_its_severity(reference: str) -> None:
    for rule_id, severity, summary in LOADER_RULES:
        assert f"| `{rule_id}` | {severity} |" in reference
    for item in all_rules():
        section = reference.split(f"#### `{item.id}`\n", 1)[1].split("\n#", 1)[0]
        assert f"Severity: {item.severity}" in section
        assert escape(item.summary) in section


def test_sections_and_fields_are_in_schema_order(reference: str) -> None:
    top = list(plan_schema()["properties"])
    headings = re.findall(r"^### .* \(`([a-z_]+)`\)$", reference.split("## Rules")[0], re.M)
    assert headings == top
    targets = reference.split('<a id="field-indicators-targets"></a>')[1].split('<a id="field-indicators-actuals"')[0]
    fields = re.findall(r"^##### .* \(`([a-z_]+)`\)$", targets, re.M)
    assert fields == list(plan_schema()["$defs"]["target"]["properties"])


def field_entry(reference: str, anchor: str) -> str:
    return reference.split(f'<a id="{anchor}"></a>', 1)[1].split("<a id=", 1)[0]


def test_a_field_says_what_it_means_its_type_whether_required_its_form_and_an_example(reference: str) -> None:
    status = field_entry(reference, "field-status")
    assert "### Status (`status`)" in status
    assert "Where the plan is in its life" in status
    assert "- Type: one of: draft, approved, published" in status
    assert "- Required: yes" in status
    assert "- Example (from `plans/central-beds-csp-2009.yaml`): `status: published`" in status
    as_at = field_entry(reference, "field-as_at")
    assert "- Required: no" in as_at and "- Form: A calendar date written YYYY-MM-DD" in as_at
    value = field_entry(reference, "field-indicators-baseline-value")
    assert "Where: `indicators` → each entry → `baseline`" in value
    assert "- Type: a number, or the word tbc" in value
    impact = field_entry(reference, "field-risks-impact")
    assert "- Type: a whole number" in impact and "- Form: at least 1" in impact


def test_examples_come_from_the_plans_else_from_the_skeleton(reference: str) -> None:
    target = field_entry(reference, "field-indicators-targets-value")
    assert "- Example (from `plans/central-beds-csp-2009.yaml`): `value: 35`" in target
    by_area = field_entry(reference, "field-indicators-targets-change_on_previous")  # only in targets by area
    assert "- Example (from `plans/central-beds-csp-2009.yaml`): `change_on_previous: -8%`" in by_area
    residual = field_entry(reference, "field-risks-residual-impact")
    assert "- Example (from the skeleton): `impact: 2`" in residual
    amounts = field_entry(reference, "field-finance-funding-lines-amounts")
    assert "```yaml" in amounts and "2002/03 Q3: 287500" in amounts


def test_repeated_blocks_link_to_where_their_fields_are(reference: str) -> None:
    by_area = field_entry(reference, "field-indicators-breakdown-targets")
    assert "Each entry has the same fields as [Target](#field-indicators-targets) above." in by_area


def test_type_and_form_in_words() -> None:
    defs = plan_schema()["$defs"]
    assert type_words(defs["finance_line"]["properties"]["amounts"]) == \
        "lines of key: value; the key is a period; the value is a number, or one of: nil, tbc"
    assert type_words(defs["action"]["properties"]["partners"]) == "a list; each item is an id"
    assert type_words(defs["table"]["properties"]["rows"]) == "a list of lists, each of text or a number, or a block of fields (below)"
    assert type_words(plan_schema()["properties"]["organisations"]).startswith("a list of entries (Organisation)")
    assert form_words(defs["indicator"]["properties"]["unit"]) == [
        "count, percent, pounds, score, days, or a rate such as per 1,000 population"]
    assert form_words(defs["finance"]["properties"]["columns"])[-1] == "at least one item"


def test_rule_documentation_keeps_its_examples_as_written() -> None:
    lines = rule_doc_lines("Summary.\n\nWhy it matters,\nover two lines.\n\nFails:   x *y*\nFix:     do [this].")
    assert lines == ["Summary.", "", "Why it matters, over two lines.", "", "- Fails: `x *y*`",
                     "- Fix: do \\[this\\].", ""]
