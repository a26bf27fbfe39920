"""One answer in the editor and in plancc: where YAML 1.1 and YAML 1.2 read a value differently,
plancc says so on the same lines as yaml-language-server (the engine of VS Code's YAML extension),
and stays quiet where the editor reads the value as plancc does."""

from __future__ import annotations

import shutil

import pytest

from conftest import ROOT
from lsp import LanguageServer
from plancc.load.loader import load_bytes
from plancc.pipeline import check_file
from test_editor import SETTINGS, server_command

SCHEMA = ROOT / "schemas" / "plan.schema.json"

# Each line is marked with what plancc should say about it: "both" (plancc and the editor flag it),
# "plancc" (only plancc flags it: YAML 1.1 tools read it otherwise, the editor reads it as plancc does),
# "neither".
PLAN = """\
title: Burglary Reduction Delivery Plan
partnership: Example Community Safety Partnership
period: {from: 2024/25, to: 2026/27}
status: draft
version: "1.0"
organisations:
  - id: gmp
    name: Greater Manchester Police
    statutory: no                         # both: YAML 1.2 reads text where a true/false belongs
  - id: csu
    name: Salford Community Safety Unit
    statutory: Yes                        # both
  - id: council
    name: Salford City Council
    statutory: true                       # neither
  - id: fire
    name: Greater Manchester Fire and Rescue Service
    statutory: off                        # both
  - id: probation
    name: Probation Service
    short_name: on                        # plancc: YAML 1.1 reads it as true, the editor as text
  - id: health
    name: NHS Salford
    short_name: 12:30                     # plancc: YAML 1.1 reads it as the number 750
  - id: housing
    name: Salford Housing
    short_name: 010                       # both: the editor reads the number 10 where text belongs
  - id: youth
    name: Youth Offending Team
    short_name: .inf                      # both: the editor reads infinity where text belongs
  - id: schools
    name: Schools
    short_name: 1_000                     # plancc: YAML 1.1 reads it as the number 1000
  - id: police-2
    name: Police area two
    short_name: GMP 2                     # neither
"""


def _expected(kind: str) -> set[int]:
    return {n for n, line in enumerate(PLAN.split("\n"), start=1) if f"# {kind}" in line}


@pytest.fixture(scope="module")
def editor_lines(tmp_path_factory: pytest.TempPathFactory) -> set[int]:
    """The lines (from 1 in PLAN) on which yaml-language-server reports a problem, with plancc's schema."""
    folder = tmp_path_factory.mktemp("editor")
    shutil.copy(SCHEMA, folder / "plan.schema.json")
    text = "# yaml-language-server: $schema=plan.schema.json\n" + PLAN
    plan = folder / "plan.yaml"
    plan.write_text(text, encoding="utf-8")
    with LanguageServer(server_command(), cwd=folder, settings=SETTINGS) as server:
        server.initialize(folder)
        found = server.diagnostics(plan, server.open(plan, text))
    return {d["range"]["start"]["line"] for d in found}  # from 0 in the file = from 1 in PLAN


def _plancc_lines(rules: tuple[str, ...]) -> dict[int, str]:
    plan = load_bytes(PLAN.encode(), "plan.yaml")
    return {d.line: d.message for d in plan.diagnostics if d.rule in rules}


def test_plancc_flags_the_lines_the_editor_flags(editor_lines: set[int]) -> None:
    assert editor_lines == _expected("both")
    flagged = _plancc_lines(("yaml-boolean-word", "yaml-unquoted-text"))
    assert _expected("both") <= set(flagged)


def test_where_only_yaml_1_1_differs_plancc_says_the_editor_agrees(editor_lines: set[int]) -> None:
    flagged = _plancc_lines(("yaml-unquoted-text",))
    only_plancc = _expected("plancc")
    assert only_plancc <= set(flagged)
    assert not only_plancc & editor_lines
    for line in only_plancc:
        assert flagged[line].startswith("plancc and editors (YAML 1.2) read")
    assert "750" in flagged[min(only_plancc, key=lambda n: "12:30" not in PLAN.split("\n")[n - 1])]


def test_nothing_is_said_where_everyone_agrees() -> None:
    plan = load_bytes(PLAN.encode(), "plan.yaml")
    assert not {d.line for d in plan.diagnostics} & _expected("neither")


@pytest.mark.parametrize(("value", "meant"), [("yes", True), ("No", False), ("ON", True), ("off", False),
                                              ("y", True), ("n", False)])
def test_yes_and_no_in_a_true_or_false_field_are_read_and_reported(value: str, meant: bool) -> None:
    plan = load_bytes(f"chair: {value}\n".encode(), "p.yaml")
    assert plan.data == {"chair": meant}
    [diag] = plan.diagnostics
    assert (diag.rule, diag.line, diag.column, str(diag.severity)) == ("yaml-boolean-word", 1, 8, "warning")
    assert diag.hint == f"Write {'true' if meant else 'false'}."


def test_the_example_plans_have_no_yes_or_no_for_true_or_false() -> None:
    for plan in sorted((ROOT / "plans").glob("*.yaml")):
        assert not [d for d in check_file(str(plan)).diagnostics if d.rule == "yaml-boolean-word"], plan.name
