"""The GitHub Action (action.yml), run step by step as GitHub runs a composite action.

Each `run:` step is taken from action.yml, its `${{ }}` expressions evaluated as GitHub would
(inputs, github.*, steps.*.outputs), and run with GitHub's bash command line in a temporary git
repository of plans, with the files and variables a runner provides: GITHUB_STEP_SUMMARY,
GITHUB_OUTPUT and GITHUB_PATH (a fresh file a step, read back after it), GITHUB_EVENT_PATH (a
pull_request event with the base and head commits), GITHUB_WORKSPACE, GITHUB_ACTION_PATH (this
checkout) and RUNNER_TEMP. To stay quick, most runs pass `install: false` with this checkout's
.venv/bin first on PATH; one test runs the install step for real (pip install of this checkout).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
import yaml

from conftest import DATA, PLANS, ROOT, run_plancc

ACTION = ROOT / "action.yml"
WORKFLOW = ROOT / "docs" / "github-actions.yml"
SPACED = "plans/salford burglary 2002.yaml"  # a plan with 20 warnings, under a name with spaces
BROKEN = "plans/staffordshire-ni16-2010.yaml"  # made wrong on the branch: status: final
UNCHANGED = "plans/central-beds-csp-2009.yaml"  # has warnings, but the pull request does not touch it
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
ANNOTATION = re.compile(r"^::(error|warning) file=(?P<file>[^,]+),line=(?P<line>\d+),col=(?P<col>\d+),", re.M)
VENV_BIN = Path(sys.executable).parent
TAG = "v0.3.0"


@dataclass
class Repo:
    path: Path
    base: str
    head: str


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    outputs: dict[str, str]
    summary: str


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}
    done = subprocess.run(["git", "-c", "user.name=Officer", "-c", "user.email=officer@example.org",
                           "-c", "init.defaultBranch=main", *args], cwd=repo, env=env, check=True,
                          capture_output=True, text=True)
    return done.stdout.strip()


def plans_repo(root: Path, change: dict[str, tuple[str, str]]) -> Repo:
    """A repository of three plans on main, and a branch that makes the given (old, new) edits."""
    repo = root / "council plans"
    (repo / "plans").mkdir(parents=True)
    shutil.copy(PLANS / "salford-burglary-2002.yaml", repo / SPACED)
    shutil.copy(PLANS / "staffordshire-ni16-2010.yaml", repo / BROKEN)
    shutil.copy(PLANS / "central-beds-csp-2009.yaml", repo / UNCHANGED)
    shutil.copy(ROOT / "plancc.yml", repo / "plancc.yml")
    (repo / "README.md").write_text("Our plans.\n", encoding="utf-8")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "The plans as published")
    base = git(repo, "rev-parse", "HEAD")
    git(repo, "checkout", "-qb", "officer/refresh")
    for name, (old, new) in change.items():
        text = (repo / name).read_text(encoding="utf-8")
        assert old in text, f"{old!r} is not in {name}"
        (repo / name).write_text(text.replace(old, new, 1), encoding="utf-8")
    git(repo, "commit", "-qam", "Refresh the plans")
    return Repo(repo, base, git(repo, "rev-parse", "HEAD"))


def pull_request_event(repo: Repo) -> dict[str, Any]:
    return {"action": "synchronize", "number": 7,
            "pull_request": {"number": 7, "base": {"ref": "main", "sha": repo.base},
                             "head": {"ref": "officer/refresh", "sha": repo.head}}}


def evaluate(text: str, context: dict[str, Any]) -> str:
    """The text with each ${{ name.name... }} replaced by its value, as GitHub's expressions do."""

    def value(match: re.Match[str]) -> str:
        found: Any = context
        for part in match.group(1).split("."):
            assert isinstance(found, dict) and part in found, f"the test cannot evaluate ${{{{ {match.group(1)} }}}}"
            found = found[part]
        return found if isinstance(found, str) else json.dumps(found)

    return EXPRESSION.sub(value, text)


def read_outputs(file: Path) -> dict[str, str]:
    """A GITHUB_OUTPUT file: name=value lines, or name<<DELIMITER ... DELIMITER blocks."""
    outputs: dict[str, str] = {}
    lines = iter(file.read_text(encoding="utf-8").splitlines())
    for line in lines:
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            outputs[name] = "\n".join(iter(lambda: next(lines), delimiter))
        elif line:
            name, _, text = line.partition("=")
            outputs[name] = text
    return outputs


def run_action(repo: Repo, tmp_path: Path, inputs: dict[str, str], install: bool = False) -> Run:
    """Run action.yml's steps in order, stopping at the first that fails, as a composite action does."""
    action = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    runner = tmp_path / "runner"
    (runner / "temp").mkdir(parents=True)
    event = pull_request_event(repo)
    (runner / "event.json").write_text(json.dumps(event), encoding="utf-8")
    summary = runner / "step_summary.md"
    summary.touch()
    given = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    given.update(inputs, install="true" if install else "false")
    context: dict[str, Any] = {"inputs": given, "steps": {},
                               "github": {"action_path": str(ROOT), "workspace": str(repo.path),
                                          "event_path": str(runner / "event.json"), "event_name": "pull_request",
                                          "event": event}}
    outer = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "RUNNER_", "VIRTUAL_ENV"))}
    path = [p for p in outer.get("PATH", "").split(os.pathsep) if Path(p) != VENV_BIN]
    if not install:
        path.insert(0, str(VENV_BIN))  # the plancc of this checkout, already installed
    env = {**outer, "CI": "true", "GITHUB_ACTIONS": "true", "NO_COLOR": "1", "RUNNER_TEMP": str(runner / "temp"),
           "GITHUB_WORKSPACE": str(repo.path), "GITHUB_EVENT_PATH": str(runner / "event.json"),
           "GITHUB_EVENT_NAME": "pull_request", "GITHUB_ACTION_PATH": str(ROOT), "GITHUB_STEP_SUMMARY": str(summary),
           "GITHUB_BASE_REF": "main", "GITHUB_HEAD_REF": "officer/refresh"}
    stdout, stderr, returncode = "", "", 0
    for number, step in enumerate(action["runs"]["steps"]):
        assert set(step) <= {"name", "id", "shell", "env", "run"}, f"the test does not emulate {set(step)}"
        files = {name: runner / f"{name}-{number}" for name in ("GITHUB_OUTPUT", "GITHUB_PATH", "GITHUB_ENV")}
        for file in files.values():
            file.touch()
        script = runner / f"step-{number}.sh"
        script.write_text(evaluate(step["run"], context), encoding="utf-8")
        step_env = {**env, **{k: evaluate(str(v), context) for k, v in step.get("env", {}).items()},
                    **{k: str(v) for k, v in files.items()}, "PATH": os.pathsep.join(path)}
        done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)], cwd=repo.path,
                              env=step_env, capture_output=True, text=True, timeout=900)
        stdout, stderr = stdout + done.stdout, stderr + done.stderr
        path[:0] = reversed(files["GITHUB_PATH"].read_text(encoding="utf-8").splitlines())
        if "id" in step:
            context["steps"][step["id"]] = {"outputs": read_outputs(files["GITHUB_OUTPUT"])}
        if done.returncode != 0:
            returncode = done.returncode
            break
    outputs = {name: evaluate(spec["value"], context) if "check" in context["steps"] else ""
               for name, spec in action["outputs"].items()}
    return Run(returncode, stdout, stderr, outputs, summary.read_text(encoding="utf-8"))


def summary_sections(summary: str) -> dict[str, str]:
    """The job summary's text under each plan's heading."""
    parts = re.split(r"^### (.+)$", summary, flags=re.M)
    return {parts[i].replace("\\", ""): parts[i + 1] for i in range(1, len(parts), 2)}


def annotations_in(stdout: str) -> list[tuple[str, str, int, int]]:
    return [(m.group(1), m.group("file"), int(m.group("line")), int(m.group("col"))) for m in ANNOTATION.finditer(stdout)]


@pytest.fixture
def refreshed(tmp_path: Path) -> Repo:
    """A pull request that touches the plan with a space in its name and breaks another."""
    return plans_repo(tmp_path, {SPACED: ("title: ", "# Refreshed for the year.\ntitle: "),
                                 BROKEN: ("status: published", "status: final")})


def test_pull_request_gets_annotations_a_full_summary_outputs_and_sarif(refreshed: Repo, tmp_path: Path) -> None:
    run = run_action(refreshed, tmp_path, {"changed-only": "true", "sarif": "reports/plancc.sarif"})
    assert run.returncode == 1, run.stdout + run.stderr  # the broken plan has an error
    found = annotations_in(run.stdout)
    assert {file for _, file, _, _ in found} == {SPACED, BROKEN}  # only the changed plans, spaces and all
    status_line = (refreshed.path / BROKEN).read_text(encoding="utf-8").splitlines().index("status: final") + 1
    assert ("error", BROKEN, status_line, 9) in found
    assert re.search(rf"^::error file={re.escape(BROKEN)},line={status_line},col=9,endLine=\d+,endColumn=\d+,"
                     r"title=plancc schema-enum::\S", run.stdout, re.M)
    warnings = [a for a in found if a[0] == "warning" and a[1] == SPACED]
    assert len(warnings) > 10  # more than GitHub shows as annotations in one step
    assert f"::notice title=plancc::GitHub shows at most 10 errors and 10 warnings on the lines; the job summary " \
           f"lists all {len(found)} problems." in run.stdout

    sections = summary_sections(run.summary)
    assert set(sections) == {SPACED, BROKEN}
    for _, file, line, col in found:  # every finding is in the summary, under its plan
        assert f"| line {line}, column {col}" in sections[file], (file, line, col)
    assert run.summary.count("**Warning:**") == len([a for a in found if a[0] == "warning"])
    assert f"of a pull request: all {len(found)} problems are listed below." in run.summary.split("### ")[0]

    errors = sum(1 for kind, *_ in found if kind == "error")
    assert run.outputs == {"errors": str(errors), "warnings": str(len(found) - errors), "files": "2",
                           "sarif": "reports/plancc.sarif"}

    sarif = json.loads((refreshed.path / "reports" / "plancc.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"
    uris = {unquote(loc["physicalLocation"]["artifactLocation"]["uri"])
            for result in sarif["runs"][0]["results"] for loc in result["locations"]}
    assert uris == {SPACED, BROKEN, UNCHANGED}  # code scanning sees every plan, so no alert looks fixed


def test_markdown_report_is_one_table_row_a_problem_and_shows_text_as_typed(tmp_path: Path) -> None:
    """Parsed as GitHub does (CommonMark with tables): a | or * in a plan cannot break the table."""
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

    def shown(token: Token) -> str:
        return "".join(child.content for child in token.children or [] if child.type in ("text", "code_inline"))

    text = (DATA / "minimal.yaml").read_text(encoding="utf-8").replace("status: draft", "status: draft | *final*")
    (tmp_path / "a_plan.yaml").write_text(text, encoding="utf-8")
    shutil.copy(PLANS / "salford-burglary-2002.yaml", tmp_path / "salford.yaml")
    files = ("a_plan.yaml", "salford.yaml")
    done = run_plancc("check", "--format", "markdown", *files, cwd=tmp_path)
    report = json.loads(run_plancc("check", "--format", "json", *files, cwd=tmp_path).stdout)
    assert done.returncode == 1
    tokens = MarkdownIt("commonmark").enable("table").parse(done.stdout)
    headings = [shown(tokens[i + 1]) for i, tok in enumerate(tokens) if tok.type == "heading_open" and tok.tag == "h3"]
    assert headings == list(files)
    rows: list[list[str]] = []
    for token, after in zip(tokens, tokens[1:]):
        if token.type == "tr_open":
            rows.append([])
        elif token.type in ("td_open", "th_open"):
            rows[-1].append(shown(after))
    assert all(len(row) == 4 for row in rows)
    body = [row for row in rows if row[0] != "Where"]
    assert len(body) == sum(len(f["diagnostics"]) for f in report["files"]) and len(rows) == len(body) + 2
    enum = next(row for row in body if row[3] == "schema-enum")
    assert enum[0] == "line 7, column 9" and "Found: 'draft | *final*'." in enum[1]


def test_strict_fails_on_warnings_alone(refreshed: Repo, tmp_path: Path) -> None:
    lenient = run_action(refreshed, tmp_path / "lenient", {"paths": SPACED})
    strict = run_action(refreshed, tmp_path / "strict", {"paths": f"\n  {SPACED}\n", "strict": "true"})
    assert lenient.returncode == 0, lenient.stdout + lenient.stderr
    assert strict.returncode == 1, strict.stdout + strict.stderr
    for run in (lenient, strict):
        assert run.outputs["errors"] == "0" and int(run.outputs["warnings"]) > 10 and run.outputs["files"] == "1"
        assert {file for _, file, _, _ in annotations_in(run.stdout)} == {SPACED}
        assert set(summary_sections(run.summary)) == {SPACED}
        assert run.outputs["sarif"] == ""


def test_a_pull_request_that_changes_no_plan_checks_nothing(tmp_path: Path) -> None:
    repo = plans_repo(tmp_path, {"README.md": ("Our plans.", "Our plans, and how we write them.")})
    run = run_action(repo, tmp_path, {"changed-only": "true"})
    assert run.returncode == 0, run.stdout + run.stderr
    assert annotations_in(run.stdout) == []
    assert "No plan file changed, so there was nothing to check." in run.summary
    assert run.outputs == {"errors": "0", "warnings": "0", "files": "0", "sarif": ""}


def test_a_changed_plancc_yml_checks_every_plan(tmp_path: Path) -> None:
    repo = plans_repo(tmp_path, {"plancc.yml": ("site_title:", "site_title: Our")})
    run = run_action(repo, tmp_path, {"changed-only": "true"})
    assert run.outputs["files"] == "3"
    assert {file for _, file, _, _ in annotations_in(run.stdout)} == {SPACED, BROKEN, UNCHANGED}


def test_a_wrong_input_is_explained(refreshed: Repo, tmp_path: Path) -> None:
    run = run_action(refreshed, tmp_path, {"strict": "yes"})
    assert run.returncode == 1
    assert "::error title=plancc::The input strict must be true or false, not 'yes'." in run.stdout


def test_inputs_reach_the_scripts_only_through_the_environment() -> None:
    """A `${{ }}` pasted into a script would let a crafted file name or input run as a command."""
    for file in (ACTION, WORKFLOW):
        document = yaml.safe_load(file.read_text(encoding="utf-8"))
        jobs = document.get("jobs", {"action": {"steps": document.get("runs", {}).get("steps", [])}})
        scripts = [step["run"] for job in jobs.values() for step in job.get("steps", []) if "run" in step]
        assert scripts, file
        for script in scripts:
            assert "${{" not in script, (file, script)
            assert "$(cat" not in script, (file, script)


def test_install_step_installs_plancc_from_the_actions_own_checkout(refreshed: Repo, tmp_path: Path) -> None:
    run = run_action(refreshed, tmp_path, {"paths": SPACED}, install=True)
    assert run.returncode == 0, run.stdout + run.stderr
    venv = tmp_path / "runner" / "temp" / "plancc-venv"
    assert f"from {ROOT}" in run.stdout and (venv / "bin" / "plancc").exists()
    assert int(run.outputs["warnings"]) > 10  # the later steps ran the plancc it installed


def _schema_check(schema: str, file: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(VENV_BIN / "check-jsonschema"), "--builtin-schema", schema, str(file)],
                          capture_output=True, text=True, timeout=300)


def test_action_and_workflow_match_githubs_schemas(tmp_path: Path) -> None:
    for schema, file in (("vendor.github-actions", ACTION), ("vendor.github-workflows", WORKFLOW)):
        done = _schema_check(schema, file)
        assert done.returncode == 0, done.stdout + done.stderr
    wrong = tmp_path / "action.yml"
    wrong.write_text(ACTION.read_text(encoding="utf-8").replace("using: composite", "using: compost"), encoding="utf-8")
    assert _schema_check("vendor.github-actions", wrong).returncode == 1  # the check can fail


def _steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def test_workflow_gives_each_job_only_what_it_needs_with_current_actions() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert workflow["permissions"] == {}
    assert {name: job["permissions"] for name, job in workflow["jobs"].items()} == {
        "check": {"contents": "read", "security-events": "write", "actions": "read"},
        "describe": {"contents": "read", "pull-requests": "write"},
        "build": {"contents": "read"},
        "publish": {"pages": "write", "id-token": "write"}}
    uses = [step["uses"] for step in _steps(workflow) if "uses" in step]
    assert f"your-org/plancc@{TAG}" in uses
    current = {"actions/checkout": 7, "actions/setup-python": 7, "github/codeql-action/upload-sarif": 4,
               "actions/upload-pages-artifact": 5, "actions/deploy-pages": 5}  # the majors of December 2026
    for action, version in (use.split("@") for use in uses if not use.startswith("your-org/")):
        assert int(version.removeprefix("v")) >= current[action], f"{action}@{version}"


def test_workflow_builds_with_the_accessibility_gate_and_the_repositorys_tool_versions() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    build = [step.get("run", "") for step in workflow["jobs"]["build"]["steps"]]
    apt = next(script for script in build if "apt-get install" in script)
    assert {"chromium", "nodejs", "npm", "python3-venv"} <= set(apt.split())
    scripts = "\n".join(build)
    assert "plancc build plans/ --out build/site --a11y" in scripts
    assert "grep -q '^Accessibility checks passed'" in scripts  # the job fails if plancc skipped the checks
    wanted = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["devDependencies"]
    for tool in ("axe-core", "playwright-core"):
        assert f"{tool}@{wanted[tool]}" in scripts


def test_pre_commit_and_readme_pin_the_release_tag() -> None:
    hooks = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"rev: {TAG}" in hooks and f"rev: {TAG}" in readme
    assert f"plancc@{TAG}" in readme
    assert "<a tag" not in hooks
    manifest = subprocess.run([str(VENV_BIN / "pre-commit"), "validate-manifest", str(ROOT / ".pre-commit-hooks.yaml")],
                              capture_output=True, text=True, timeout=120)
    assert manifest.returncode == 0, manifest.stdout + manifest.stderr
