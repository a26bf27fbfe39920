"""The plan schema itself: valid against its metaschema, documented, and the examples pass it."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, Iterator

import jsonschema
import pytest

from conftest import INVALID, ROOT, example_plans, run_plancc
from plancc.pipeline import load_and_validate
from plancc.validate.schema import plan_schema

SCHEMA_FILE = ROOT / "schemas" / "plan.schema.json"


def test_schema_is_valid_against_the_2020_12_metaschema() -> None:
    schema = json.loads(SCHEMA_FILE.read_text())
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_schema_id_is_versioned() -> None:
    assert re.search(r"/plan/1\.[0-9]+/", plan_schema()["$id"])  # 1.1: kinds of document, nested sections


def _properties(schema: dict[str, Any], where: str) -> Iterator[tuple[str, dict[str, Any]]]:
    for name, sub in schema.get("properties", {}).items():
        yield f"{where}.{name}", sub


def test_every_property_has_a_title_and_description() -> None:
    root = plan_schema()
    places = list(_properties(root, "plan"))
    for def_name, sub in root["$defs"].items():
        places.extend(_properties(sub, def_name))
    missing = []
    for where, sub in places:
        target = sub
        if "$ref" in sub:
            target = {**root["$defs"][sub["$ref"].split("/")[-1]], **sub}
        if not (target.get("title") and target.get("description")):
            missing.append(where)
    assert missing == []
    assert len(places) > 150


def test_every_object_rejects_unknown_keys() -> None:
    root = plan_schema()
    objects = [root] + [d for d in root["$defs"].values() if d.get("type") == "object"]
    for obj in objects:
        if "properties" in obj:
            assert obj.get("additionalProperties") is False, obj.get("title")


def test_plancc_schema_prints_the_schema() -> None:
    result = run_plancc("schema")
    assert result.returncode == 0
    assert json.loads(result.stdout) == plan_schema()


def test_plancc_schema_writes_a_file(tmp_path: Path) -> None:
    target = tmp_path / "plan.schema.json"
    assert run_plancc("schema", "-o", str(target)).returncode == 0
    assert json.loads(target.read_text()) == plan_schema()


@pytest.mark.parametrize("plan_file", example_plans(), ids=lambda p: p.name)
def test_example_plan_is_schema_valid_for_plancc(plan_file: Path) -> None:
    plan = load_and_validate(plan_file)
    errors = [(d.rule, d.line, d.message) for d in plan.diagnostics if d.severity.value == "error"]
    assert errors == []
    assert plan_file.read_text().startswith("# yaml-language-server: $schema=../schemas/plan.schema.json\n")


def _check_jsonschema(*files: Path) -> subprocess.CompletedProcess[str]:
    exe = str(Path(sys.executable).parent / "check-jsonschema")
    if not Path(exe).exists():
        exe = shutil.which("check-jsonschema") or exe
    return subprocess.run([exe, "--schemafile", str(SCHEMA_FILE), *map(str, files)],
                          capture_output=True, text=True, timeout=300)


def test_check_jsonschema_agrees_on_every_example_plan() -> None:
    plans = example_plans()
    assert len(plans) >= 3
    result = _check_jsonschema(*plans)
    assert result.returncode == 0, result.stdout + result.stderr


def _schema_only_cases() -> list[Path]:
    """Invalid cases whose every expected diagnostic is a schema violation."""
    cases = []
    for expected in sorted(INVALID.glob("*.expected.json")):
        wanted = json.loads(expected.read_text())
        if wanted and all(d["rule"].startswith("schema-") for d in wanted):
            cases.append(expected.with_name(expected.name.replace(".expected.json", ".yaml")))
    return cases


@pytest.mark.parametrize("case", _schema_only_cases(), ids=lambda p: p.name)
def test_check_jsonschema_rejects_each_schema_violation(case: Path) -> None:
    result = _check_jsonschema(case)
    assert result.returncode != 0, result.stdout
