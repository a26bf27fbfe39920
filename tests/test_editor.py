"""The officer's editor, tested as the editor works: yaml-language-server (the engine of VS Code's YAML
extension, from npm) driven over stdio with the Language Server Protocol, with no network: Node is
started with tests/no_network.cjs, which refuses every connection and DNS lookup and says so.

A plan started with `plancc new`, in a folder outside this repository or inside it, must give completion
at the top level and inside an action, hover text from the schema, and a diagnostic for a misspelt key.
The missing-tools rule is tests/browser.py's: skip with the reason, but under CI=true fail.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest

from browser import in_ci
from conftest import PLANS, ROOT
from lsp import LanguageServer
from plancc.validate.schema import plan_schema, schema_at

SERVER = ROOT / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"
NO_NETWORK = Path(__file__).resolve().parent / "no_network.cjs"
REFUSED = "NETWORK REFUSED:"
SETTINGS: dict[str, Any] = {"yaml": {"validate": True, "hover": True, "completion": True,
                                     "schemaStore": {"enable": False}, "format": {"enable": False}}}


def server_command() -> list[str]:
    """How to start the server, with the network refused; skips the test (fails it in CI) when a tool is missing."""
    node = shutil.which("node")
    missing = ("Node.js (node) is not installed" if node is None else
               "the Node package yaml-language-server is not installed (npm ci)" if not SERVER.is_file() else "")
    if missing:
        if in_ci():
            pytest.fail(f"{missing} (CI=true: editor tests must run here; scripts/setup installs it)", pytrace=False)
        pytest.skip(f"{missing}: run scripts/setup to install it")
    return [str(node), "--require", str(NO_NETWORK), str(SERVER), "--stdio"]


@pytest.fixture
def editor(request: pytest.FixtureRequest) -> Iterator[Any]:
    """A factory: editor(folder, settings) starts a server for a workspace folder; all are shut down after."""
    started: list[LanguageServer] = []

    def start(folder: Path, settings: dict[str, Any] = SETTINGS) -> LanguageServer:
        server = LanguageServer(server_command(), cwd=folder, settings=settings)
        started.append(server)
        server.initialize(folder)
        return server

    yield start
    for server in started:
        server.close()


def plancc_new(folder: Path, name: str) -> Path:
    result = subprocess.run([sys.executable, "-m", "plancc", "new", name], cwd=folder, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    return folder / name


def line_of(text: str, start: str) -> int:
    return next(number for number, line in enumerate(text.split("\n")) if line.startswith(start))


def flags(line: int, word: str) -> Callable[[list[dict[str, Any]]], bool]:
    """Whether published diagnostics include one on `line` (0-based) that names `word`."""
    return lambda found: any(word in d["message"] and d["range"]["start"]["line"] == line for d in found)


def assert_the_editor_helps(server: LanguageServer, plan: Path, text: str) -> None:
    """Completion at the top level and in an action, hover, and a misspelt key underlined, for a plan whose
    first line (`text`'s) names the schema."""
    first = text.split("\n")[0]
    assert first.startswith("# yaml-language-server: $schema=")

    # Starting a plan: the top-level fields are offered, each with what it is for.
    server.change(plan, f"{first}\ntitle: Our plan\n\n")
    offered = {item["label"]: item for item in server.completion(plan, 2, 0)}
    for key in ("indicators", "actions", "partnership", "finance"):
        assert key in offered, f"{key} not offered at the top level: {sorted(offered)}"
        assert offered[key].get("documentation") == schema_at((key,))["description"]
    assert "title" not in offered  # a field already there is not offered again

    # Inside an action: the action's own fields.
    server.change(plan, f"{first}\ntitle: Our plan\nactions:\n  - title: Publish ward pages\n    \n")
    in_action = {item["label"] for item in server.completion(plan, 4, 4)}
    assert {"lead_agency", "due", "status", "progress"} <= in_action, sorted(in_action)
    assert "partnership" not in in_action

    # Hover on a key: its title and description from the schema.
    server.change(plan, text)
    partnership = plan_schema()["properties"]["partnership"]
    shown = server.hover(plan, line_of(text, "partnership:"), 3)
    assert partnership["title"] in shown and partnership["description"] in shown, shown
    due = schema_at(("actions", 0, "due"))
    shown = server.hover(plan, line_of(text, "    due:"), 6)
    assert due["title"] in shown and due["description"] in shown, shown

    # A misspelt key: underlined where it is.
    misspelt = text.replace("\npartnership:", "\npartnershp:", 1)
    mark = server.change(plan, misspelt)
    assert server.diagnostics(plan, mark, until=flags(line_of(misspelt, "partnershp:"), "partnershp"))

    assert not [line for line in server.stderr if line.startswith(REFUSED)], server.stderr


@pytest.mark.parametrize("where", ["a folder", "a git repository"])
def test_a_new_plan_outside_this_repository_gets_completion_hover_and_checking(tmp_path: Path, editor: Any,
                                                                              where: str) -> None:
    folder = tmp_path / "council-plans"
    folder.mkdir()
    assert ROOT not in folder.resolve().parents
    name = "plan.yaml"
    if where == "a git repository":
        if shutil.which("git") is None:
            pytest.skip("git is not installed")
        subprocess.run(["git", "init", "-q", str(folder)], check=True, timeout=60)
        (folder / "plans").mkdir()
        name = "plans/plan.yaml"
    plan = plancc_new(folder, name)
    text = plan.read_text(encoding="utf-8")
    expected = "schemas/plan.schema.json" if where == "a folder" else "../schemas/plan.schema.json"
    assert text.startswith(f"# yaml-language-server: $schema={expected}\n")
    assert json.loads((folder / "schemas" / "plan.schema.json").read_text(encoding="utf-8")) == plan_schema()

    server = editor(folder)
    mark = server.open(plan, text)
    assert server.diagnostics(plan, mark) == []  # the skeleton passes the editor's checks as well as plancc's
    assert_the_editor_helps(server, plan, text)


def test_a_plan_in_this_repository_gets_completion_hover_and_checking(editor: Any) -> None:
    plan = PLANS / "northbridge-delivery-plan-2015.yaml"  # opened in the editor, never written
    text = plan.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schemas/plan.schema.json\n")
    server = editor(ROOT)
    server.open(plan, text)
    assert_the_editor_helps(server, plan, text)


def test_the_vs_code_setting_gives_plans_the_schema_without_a_first_line(editor: Any) -> None:
    """.vscode/settings.json's yaml.schemas, as README says, for a plan that has lost its first line."""
    vscode = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert vscode["yaml.schemas"] == {"./schemas/plan.schema.json": "plans/*.yaml"}
    settings = {"yaml": {**SETTINGS["yaml"], "schemas": vscode["yaml.schemas"]}}
    plan = PLANS / "editor-test-no-first-line.yaml"  # opened in the editor, never written
    server = editor(ROOT, settings)
    server.open(plan, "title: Our plan\n\n")
    offered = {item["label"] for item in server.completion(plan, 1, 0)}
    assert {"indicators", "actions", "partnership"} <= offered, sorted(offered)
    mark = server.change(plan, "title: Our plan\npartnershp: Example CSP\n")
    assert server.diagnostics(plan, mark, until=flags(1, "partnershp"))


def test_the_schemas_id_is_not_an_address_the_editor_can_load(tmp_path: Path, editor: Any) -> None:
    """Why plancc new must not write the $id: the editor would try the network, get nothing, and help with
    nothing. (This also shows that the tests' no-network guard catches a fetch.)"""
    plan = tmp_path / "plan.yaml"
    server = editor(tmp_path)
    mark = server.open(plan, f"# yaml-language-server: $schema={plan_schema()['$id']}\ntitle: Our plan\n\n")
    assert server.diagnostics(plan, mark, until=lambda found: any("Unable to load schema" in d["message"]
                                                                   for d in found))
    assert [line for line in server.stderr if line.startswith(REFUSED)], server.stderr
    assert "indicators" not in {item["label"] for item in server.completion(plan, 2, 0)}
