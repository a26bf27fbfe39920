"""The copy of the plan schema beside the plans: `plancc new` places it where it is missing and says what
it wrote, `plancc schema --write` refreshes it, and `plancc new` and `plancc check` say in one line when it
is not plancc's schema any more, with the command that refreshes it (which, followed, does)."""

from __future__ import annotations

import json
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import PLANS, ROOT, run_plancc
from plancc.validate.schema import plan_schema, schema_text
from plancc.validate.schema_copy import find_copy, schema_version, stale_notice

HINT = "refresh it with: "


def git_init(folder: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    subprocess.run(["git", "init", "-q", str(folder)], check=True, timeout=60)


def write_old_copy(folder: Path, version: str = "1.0") -> Path:
    """An older plan schema in folder/schemas: another version in its $id, and a field fewer."""
    schema = json.loads(schema_text())
    schema["$id"] = schema["$id"].replace(f"/{schema_version(schema['$id'])}/", f"/{version}/")
    del schema["properties"]["subtitle"]
    copy = folder / "schemas" / "plan.schema.json"
    copy.parent.mkdir(parents=True, exist_ok=True)
    copy.write_text(json.dumps(schema, indent=2), encoding="utf-8")
    return copy


def first_line(plan: Path) -> str:
    return plan.read_text(encoding="utf-8").split("\n")[0]


def test_new_outside_a_repository_places_the_schema_beside_the_plan_and_says_so(tmp_path: Path) -> None:
    result = run_plancc("new", "plan.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert first_line(tmp_path / "plan.yaml") == "# yaml-language-server: $schema=schemas/plan.schema.json"
    assert (tmp_path / "schemas" / "plan.schema.json").read_text(encoding="utf-8") == schema_text()
    said = result.stdout.strip().split("\n")
    assert said[1] == (f"Its first line ($schema=schemas/plan.schema.json) points editors to the plan schema in "
                       f"schemas/plan.schema.json, a copy of plancc's schema (version "
                       f"{schema_version(plan_schema()['$id'])}) written just now: commit it with your plans.")

    again = run_plancc("new", "second.yaml", cwd=tmp_path)
    assert again.returncode == 0 and "written just now" not in again.stdout
    assert "points editors to the plan schema in schemas/plan.schema.json." in again.stdout


def test_new_in_a_git_repository_places_the_schema_at_its_top(tmp_path: Path) -> None:
    write_old_copy(tmp_path)  # above the repository: not something anyone who clones it has
    repository = tmp_path / "council-plans"
    (repository / "plans" / "2026").mkdir(parents=True)
    git_init(repository)
    result = run_plancc("new", "plans/2026/plan.yaml", cwd=repository)
    assert result.returncode == 0, result.stdout + result.stderr
    assert first_line(repository / "plans" / "2026" / "plan.yaml") == \
        "# yaml-language-server: $schema=../../schemas/plan.schema.json"
    assert (repository / "schemas" / "plan.schema.json").read_text(encoding="utf-8") == schema_text()
    assert find_copy(repository / "plans") == (repository / "schemas" / "plan.schema.json").resolve()


def test_an_old_copy_is_reported_in_one_line_and_the_hint_refreshes_it(tmp_path: Path) -> None:
    copy = write_old_copy(tmp_path)
    new = run_plancc("new", "plan.yaml", cwd=tmp_path)
    assert new.returncode == 0, new.stdout + new.stderr
    assert copy.read_text(encoding="utf-8") != schema_text()  # plancc new never overwrites a copy
    ours = schema_version(plan_schema()["$id"])
    notice = (f"schemas/plan.schema.json is older (1.0) than plancc's plan schema ({ours}), so editors check "
              f"plans against the wrong fields: {HINT}plancc schema --write .")
    assert new.stdout.strip().split("\n")[-1] == notice

    run_plancc("new", "other.yaml", cwd=tmp_path)
    check = run_plancc("check", "plan.yaml", "other.yaml", cwd=tmp_path)
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stderr.strip() == notice  # one line for the copy both plans use

    command = shlex.split(notice.split(HINT, 1)[1])
    assert command[0] == "plancc"
    refreshed = run_plancc(*command[1:], cwd=tmp_path)
    assert refreshed.returncode == 0, refreshed.stdout + refreshed.stderr
    assert refreshed.stdout.startswith(f"Wrote plancc's plan schema (version {ours}) to schemas/plan.schema.json.")
    assert copy.read_text(encoding="utf-8") == schema_text()
    assert run_plancc("check", "plan.yaml", cwd=tmp_path).stderr == ""
    again = run_plancc("schema", "--write", "plan.yaml", cwd=tmp_path)
    assert again.stdout.strip() == f"schemas/plan.schema.json is already plancc's plan schema (version {ours}); nothing to do."


def test_a_copy_with_the_same_id_but_other_content_is_reported(tmp_path: Path) -> None:
    copy = write_old_copy(tmp_path, schema_version(plan_schema()["$id"]))
    assert "is not the same as plancc's plan schema" in (stale_notice(copy) or "")
    copy.write_text(schema_text().replace("\n", "\r\n"), encoding="utf-8")  # the same schema, other line ends
    assert stale_notice(copy) is None


def test_a_newer_copy_says_to_update_plancc(tmp_path: Path) -> None:
    copy = write_old_copy(tmp_path, "99.0")
    assert "is a newer plan schema (99.0) than this plancc's" in (stale_notice(copy) or "")
    assert "update plancc" in (stale_notice(copy) or "")


def test_a_copy_that_is_not_json_is_reported(tmp_path: Path) -> None:
    copy = tmp_path / "schemas" / "plan.schema.json"
    copy.parent.mkdir()
    copy.write_text("<<<<<<< HEAD\n", encoding="utf-8")
    assert "cannot be read as JSON" in (stale_notice(copy) or "")
    result = run_plancc("schema", "--write", cwd=tmp_path)
    assert result.returncode == 0 and copy.read_text(encoding="utf-8") == schema_text()


def test_schema_write_with_no_copy_places_one_at_the_top_of_the_repository(tmp_path: Path) -> None:
    (tmp_path / "plans").mkdir()
    git_init(tmp_path)
    result = run_plancc("schema", "--write", "plans", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "schemas" / "plan.schema.json").read_text(encoding="utf-8") == schema_text()
    assert not (tmp_path / "plans" / "schemas").exists()


def test_schema_with_a_path_but_no_write_is_a_usage_error(tmp_path: Path) -> None:
    result = run_plancc("schema", str(tmp_path))
    assert result.returncode == 2 and "Add --write" in result.stderr
    assert json.loads(run_plancc("schema").stdout) == plan_schema()  # printing is unchanged


def test_this_repositorys_own_schema_is_current() -> None:
    assert find_copy(PLANS) == (ROOT / "schemas" / "plan.schema.json").resolve()
    assert stale_notice(ROOT / "schemas" / "plan.schema.json") is None
