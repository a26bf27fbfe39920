"""`plancc check` as CI and officers use it: formats, exit codes, parallel runs, lazy imports."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import example_plans, DATA, ROOT, run_plancc
from plancc.pipeline import check_files

BROKEN = "title: T\npartnership: P\nperiod: {from: 2002/03, to: 2004/05}\nstatus: final\n"
WARNS = "title: T\npartnership: P\nperiod: {from: 2002/03, to: 2004/05}\nstatus: draft\nversion: 3.10\n"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_clean_plan_exits_0() -> None:
    result = run_plancc("check", str(DATA / "minimal.yaml"))
    assert result.returncode == 0, result.stdout
    assert "1 plan checked: no problems found." in result.stdout


def test_default_path_is_plans_folder() -> None:
    result = run_plancc("check")
    assert result.returncode == 0, result.stdout
    assert f"{len(example_plans())} plans checked: 0 errors and" in result.stdout


def test_error_exits_1_with_location_caret_and_hint(tmp_path: Path) -> None:
    plan = write(tmp_path, "p.yaml", BROKEN)
    result = run_plancc("check", str(plan))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == f"{plan}:4:9: error [schema-enum] Status ('status') must be one of: draft, approved, published."
    assert lines[1] == "    4 | status: final"
    assert lines[2] == "      |         ^^^^^"
    assert "found: 'final'" in result.stdout
    assert "hint:" in result.stdout
    assert "\x1b[" not in result.stdout  # no colour when not a terminal


def test_colour_can_be_forced(tmp_path: Path) -> None:
    plan = write(tmp_path, "p.yaml", BROKEN)
    assert "\x1b[31m" in run_plancc("check", "--color", str(plan)).stdout


def test_warnings_pass_unless_strict(tmp_path: Path) -> None:
    plan = write(tmp_path, "p.yaml", WARNS)
    relaxed = run_plancc("check", str(plan))
    assert relaxed.returncode == 0
    assert "warning [yaml-unquoted-text]" in relaxed.stdout
    assert run_plancc("check", "--strict", str(plan)).returncode == 1


def test_json_format(tmp_path: Path) -> None:
    plan = write(tmp_path, "p.yaml", BROKEN)
    result = run_plancc("check", "--format", "json", str(plan))
    assert result.returncode == 1
    payload = json.loads(result.stdout)
    assert payload["summary"] == {"files": 1, "errors": 1, "warnings": 0, "suppressed": 0}
    diag = payload["files"][0]["diagnostics"][0]
    assert {k: diag[k] for k in ("rule", "severity", "line", "column", "end_line", "end_column", "value")} == {
        "rule": "schema-enum", "severity": "error", "line": 4, "column": 9, "end_line": 4, "end_column": 14,
        "value": "final"}
    assert diag["hint"] and diag["file"] == str(plan)


def test_github_format_annotates_lines(tmp_path: Path) -> None:
    plan = write(tmp_path, "p, odd.yaml", BROKEN)
    result = run_plancc("check", "-f", "github", str(plan))
    assert result.returncode == 1
    first = result.stdout.splitlines()[0]
    assert first.startswith("::error file=")
    assert "p%2C odd.yaml" in first
    assert ",line=4,col=9,endLine=4,endColumn=14,title=plancc schema-enum::" in first
    assert "%0A" in first  # the hint travels on a second line of the annotation


def test_grouped_repeats_are_counted(tmp_path: Path) -> None:
    amounts = "\n".join(f"            2002/03 Q{q}: 1,00{q}" for q in range(1, 5))
    text = (BROKEN.replace("final", "draft") + "finance:\n  columns: [2002/03 Q1]\n  funding:\n"
            "    - category: revenue\n      lines:\n        - name: Staff\n          amounts:\n" + amounts + "\n")
    result = run_plancc("check", str(write(tmp_path, "p.yaml", text)))
    assert result.returncode == 1
    assert result.stdout.count("[schema-type]") == 1
    assert "(and 3 more like this, on lines 13, 14, 15)" in result.stdout
    assert "4 errors" in result.stdout


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run_plancc("check", str(tmp_path / "missing.yaml")).returncode == 2
    assert run_plancc("check", "--format", "xml", str(DATA / "minimal.yaml")).returncode == 2
    assert run_plancc("check", str(tmp_path)).returncode == 2  # a folder with no plans in it
    assert run_plancc("nonsense").returncode == 2


def test_folder_is_searched_recursively(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", BROKEN)
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", "b.yml", BROKEN)
    write(tmp_path, "notes.txt", "not a plan")
    result = run_plancc("check", "-f", "json", str(tmp_path))
    assert [f["file"] for f in json.loads(result.stdout)["files"]] == [str(tmp_path / "a.yaml"),
                                                                         str(tmp_path / "sub" / "b.yml")]


def test_parallel_check_matches_sequential(tmp_path: Path) -> None:
    files = [str(write(tmp_path, f"p{i:02}.yaml", BROKEN if i % 3 else WARNS)) for i in range(40)]
    sequential = check_files(files, jobs=1)
    parallel = check_files(files, jobs=2)
    assert [(r.file, r.diagnostics) for r in parallel] == [(r.file, r.diagnostics) for r in sequential]


def run_python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_check_does_not_import_rendering_libraries() -> None:
    result = run_python(
        "import sys\nfrom plancc.cli import main\n"
        "try:\n    main(['check', 'plans'])\nexcept SystemExit:\n    pass\n"
        "print('LOADED', sorted(m for m in sys.modules if m.split('.')[0] in ('jinja2', 'weasyprint', 'jsonschema')))\n")
    assert "LOADED []" in result.stdout, result.stdout + result.stderr


def test_no_traceback_on_internal_error() -> None:
    result = run_python(
        "import plancc.pipeline as p\ndef boom(*a, **k):\n    raise RuntimeError('simulated')\n"
        "p.check_files = boom\nfrom plancc.cli import main\nmain(['check', 'tests/data'])\n")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "internal error: RuntimeError: simulated" in result.stderr
