"""Fuzzing: the example plans changed at random places, as a careless user or an attacker would
(tests/fuzz_plans.py), through the loader, the schema, the model, the rules and the renderer.

Every file, however broken, gets located diagnostics and no exception, hang or internal error,
and check and render judge it alike (tests/fuzz_judge.py). The run is the same in every CI run
(derandomize); benchmarks/fuzz.py runs the same property for 100,000 examples.
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path
from typing import Iterator

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, assume, given, settings

import fuzz_judge
from fuzz_judge import explain, fast_templates, judge
from fuzz_plans import Case, base_plans, cases, emit
from plancc.cli import cli
from plancc.diagnostics import Diagnostic, Severity, Span, has_errors
from plancc.load.loader import load_bytes
from plancc.pipeline import check_file

QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example,
         HealthCheck.function_scoped_fixture]


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    with fast_templates():
        yield tmp_path_factory.mktemp("fuzz")


def _write(case: Case, folder: Path) -> Path:
    path = folder / "fuzz.yaml"
    path.write_bytes(case.data)
    return path


@settings(max_examples=150, derandomize=True, deadline=None, database=None, suppress_health_check=QUIET)
@given(case=cases())
def test_no_changed_plan_crashes_hangs_or_is_judged_differently_by_check_and_render(case: Case, workdir: Path) -> None:
    failures = judge(_write(case, workdir))
    assert not failures, explain(failures, case.describe())


def test_the_changes_are_the_kinds_the_issue_names() -> None:
    """The strategies do what they say: across a fixed sample, keys are deleted and repeated, values
    replaced, '<<' keys added and files damaged; the loader sees repeated keys, merge keys and aliases,
    figures out of range and bytes that are not UTF-8."""
    steps: Counter[str] = Counter()
    rules: Counter[str] = Counter()

    @settings(max_examples=200, derandomize=True, deadline=None, database=None, suppress_health_check=QUIET)
    @given(case=cases())
    def sample(case: Case) -> None:
        steps.update(step.split(" ")[0] for step in case.steps)
        rules.update(d.rule for d in load_bytes(case.data, "fuzz.yaml").diagnostics)

    sample()
    assert {"replace", "delete", "repeat", "rename", "add", "make", "copy", "then"} <= set(steps), steps
    wanted = {"yaml-duplicate-key", "yaml-alias", "figure-range", "not-utf8"}
    assert wanted <= set(rules), f"never produced: {wanted - set(rules)}; produced: {rules}"


def test_the_judge_reports_a_crash_an_internal_error_and_a_hang(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                               minimal_text: str) -> None:
    """The property can fail: each way of breaking it is caught and named."""
    plan = tmp_path / "plan.yaml"
    plan.write_text(minimal_text, encoding="utf-8")
    assert judge(plan) == []

    def crash(path: str) -> None:
        raise OverflowError("date value out of range")

    monkeypatch.setattr(fuzz_judge, "check_file", crash)
    assert [(f.kind, f.where.split(":")[0]) for f in judge(plan)] == [("exception", "check")]
    monkeypatch.undo()

    internal = Diagnostic("plancc-internal", Severity.ERROR, "plancc could not run the check (a bug in plancc)",
                          str(plan), Span.point(1, 1))
    monkeypatch.setattr(fuzz_judge, "check_file", lambda path: type("R", (), {"diagnostics": [internal]})())
    assert {f.kind for f in judge(plan)} == {"internal", "disagree"}  # and render wrote the page check refused
    monkeypatch.undo()

    monkeypatch.setattr(fuzz_judge, "LIMIT", 0.2)
    monkeypatch.setattr(fuzz_judge, "check_file", lambda path: time.sleep(5))
    started = time.monotonic()
    assert [f.kind for f in judge(plan)] == ["hang"]
    assert time.monotonic() - started < 2


def test_the_judge_reports_a_diagnostic_with_no_place_in_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                  minimal_text: str) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(minimal_text, encoding="utf-8")
    beyond = Diagnostic("period-label", Severity.WARNING, "odd", str(plan), Span.point(99, 1))
    monkeypatch.setattr(fuzz_judge, "check_file", lambda path: type("R", (), {"diagnostics": [beyond]})())
    assert [(f.kind, f.where) for f in judge(plan)] == [("unlocated", "check: period-label")]


@settings(max_examples=3, derandomize=True, deadline=None, database=None, suppress_health_check=QUIET)
@given(case=cases(("northbridge-improvement-plan-2014.yaml", "northbridge-scrutiny-report-2015.yaml")))
def test_print_makes_a_pdf_of_a_changed_plan_without_errors(case: Case, workdir: Path) -> None:
    """Printing is slow (seconds a plan, and minutes for a word of thousands of letters), so a few changed
    plans of the smaller examples, with changes of a few hundred characters at most, through the command."""
    assume(len(case.data) < len(emit(base_plans()[case.base]).encode()) + 500)
    path = _write(case, workdir)
    assume(not has_errors(check_file(str(path)).diagnostics))
    target = workdir / "fuzz.pdf"
    target.unlink(missing_ok=True)
    result = CliRunner().invoke(cli, ["print", str(path), "-o", str(target)])
    assert result.exception is None or isinstance(result.exception, SystemExit), case.describe()
    assert result.exit_code in (0, 1) and "internal error" not in result.output, case.describe()
    assert target.read_bytes().startswith(b"%PDF-"), case.describe()
