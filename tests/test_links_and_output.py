"""Nothing outside a theme's or a plan's folder reaches the output, and output that cannot be written is the
user's to put right: a located message, exit 1, no half-written file, the published site kept."""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PLANS, run_plancc

PLAN = PLANS / "staffordshire-ni16-2010.yaml"
SECRET = "plancc-secret-7c1e"  # stands for /etc/passwd: a file outside every folder plancc may read


@pytest.fixture()
def secret(tmp_path: Path) -> Path:
    outside = tmp_path / "outside"
    outside.mkdir()
    path = outside / "secret.txt"
    path.write_text(f"root:x:0:0:{SECRET}\n")
    return path


def _quiet(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr and "bug in plancc" not in result.stderr
    assert SECRET not in result.stdout + result.stderr


def _no_secret_under(folder: Path) -> None:
    for path in folder.rglob("*"):
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), path


# --- plan files -----------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif", "markdown"])
def test_a_plan_linking_outside_its_folder_is_refused_in_every_format(tmp_path: Path, secret: Path, fmt: str) -> None:
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "x.yaml").symlink_to(secret)
    result = run_plancc("check", str(plans), "--format", fmt)
    assert result.returncode == 1
    assert "file-link" in result.stdout
    _quiet(result)


def test_links_inside_the_folder_are_read_and_broken_links_and_pipes_are_reported(tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    (plans / "2010").mkdir(parents=True)
    shutil.copy(PLAN, plans / "2010" / "real.yaml")
    (plans / "2010" / "same.yaml").symlink_to("real.yaml")
    (plans / "gone.yaml").symlink_to("nowhere.yaml")
    os.mkfifo(plans / "2010" / "pipe-target")
    (plans / "2010" / "pipe.yaml").symlink_to("pipe-target")
    result = run_plancc("check", str(plans), "--format", "json")
    import json

    files = {Path(f["file"]).name: [d["rule"] for d in f["diagnostics"] if d["severity"] == "error"]
             for f in json.loads(result.stdout)["files"]}
    assert files["real.yaml"] == [] and files["same.yaml"] == []
    assert files["gone.yaml"] == ["file-link"]
    assert files["pipe.yaml"] == ["file-unreadable"]  # "not an ordinary file", read without waiting for a writer


def test_a_build_does_not_publish_a_linked_plan(tmp_path: Path, secret: Path) -> None:
    plans = tmp_path / "plans"
    plans.mkdir()
    shutil.copy(PLAN, plans / "good.yaml")
    (plans / "leak.yaml").symlink_to(secret)
    out = tmp_path / "site"
    result = run_plancc("build", str(plans), "--out", str(out), "--no-a11y")
    assert "file-link" in result.stdout + result.stderr
    _quiet(result)
    assert (out / "plans" / "good" / "index.html").is_file() and not (out / "plans" / "leak").exists()
    _no_secret_under(out.resolve())


# --- themes ---------------------------------------------------------------------------------------

def _theme(tmp_path: Path) -> Path:
    theme = tmp_path / "theme"
    (theme / "assets").mkdir(parents=True)
    return theme


@pytest.mark.parametrize("case", ["asset-link", "include-link", "broken-asset", "asset-pipe", "folder-link"])
def test_a_theme_may_bring_in_only_its_own_regular_files(tmp_path: Path, secret: Path, case: str) -> None:
    theme = _theme(tmp_path)
    if case == "asset-link":
        (theme / "assets" / "passwd.css").symlink_to(secret)
    elif case == "include-link":
        (theme / "host.html").symlink_to(secret)
        (theme / "plan.html").write_text('{% extends "base.html" %}{% block main %}{% include "host.html" %}'
                                         "{% endblock %}")
    elif case == "broken-asset":
        (theme / "assets" / "logo.png").symlink_to(tmp_path / "nothing.png")
    elif case == "asset-pipe":
        os.mkfifo(theme / "assets" / "feed.css")
    else:
        (theme / "assets" / "more").symlink_to(secret.parent, target_is_directory=True)
    page = tmp_path / "out" / "page.html"
    commands = [["render", str(PLAN), "-o", str(page)]]
    if case == "asset-link":  # a PDF could attach an asset: print is refused the same way
        commands.append(["print", str(PLAN), "-o", str(tmp_path / "p.pdf")])
    for command in commands:
        result = run_plancc(*command, "--theme", str(theme))
        assert result.returncode == 1, result.stderr
        assert "error [theme-file]" in result.stderr
        _quiet(result)
    assert not page.exists() and not (tmp_path / "p.pdf").exists()
    _no_secret_under(tmp_path / "out") if (tmp_path / "out").exists() else None


def test_a_build_with_a_leaking_theme_keeps_the_published_site_and_leaves_nothing(tmp_path: Path,
                                                                                    secret: Path) -> None:
    out = tmp_path / "site"
    first = run_plancc("build", str(PLAN), "--out", str(out), "--no-a11y")
    assert first.returncode == 0, first.stderr
    before = sorted(p.relative_to(out.resolve()) for p in out.resolve().rglob("*"))
    theme = _theme(tmp_path)
    (theme / "assets" / "passwd.css").symlink_to(secret)
    (tmp_path / "plancc.yml").write_text(f"theme: {theme}\n")
    second = run_plancc("build", str(PLAN), "--out", str(out), "--no-a11y", "--config", str(tmp_path / "plancc.yml"))
    assert second.returncode == 1 and "theme-file" in second.stderr
    _quiet(second)
    assert sorted(p.relative_to(out.resolve()) for p in out.resolve().rglob("*")) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site-")] == [out.resolve().name]
    _no_secret_under(out.resolve())


def test_links_that_stay_inside_a_theme_are_used(tmp_path: Path) -> None:
    theme = _theme(tmp_path)
    (theme / "assets" / "extra.css").write_text("h1 { letter-spacing: 0.01em }\n")
    (theme / "assets" / "alias.css").symlink_to("extra.css")
    page = tmp_path / "out" / "page.html"
    result = run_plancc("render", str(PLAN), "-o", str(page), "--theme", str(theme))
    assert result.returncode == 0, result.stderr
    assert (page.parent / "assets" / "alias.css").read_text() == "h1 { letter-spacing: 0.01em }\n"
    assert not (page.parent / "assets" / "alias.css").is_symlink()


# --- output that cannot be written ----------------------------------------------------------------

def _small_files(limit: int) -> None:
    """In the child: files may grow to `limit` bytes, as on a nearly full disk (writes beyond fail, EFBIG)."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


def _plancc_small(limit: int, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "plancc", *args], capture_output=True, text=True, timeout=300,
                          preexec_fn=lambda: _small_files(limit), env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})


@pytest.mark.parametrize("command", [["render", "-o", "{tmp}/out/page.html"], ["print", "-o", "{tmp}/out/p.pdf"],
                                     ["schema", "-o", "{tmp}/out/plan.schema.json"],
                                     ["report", "--as-at", "2016-11-25", "--out", "{tmp}/out/report"]])
def test_a_full_disk_is_said_plainly_and_leaves_no_partial_file(tmp_path: Path, command: list[str]) -> None:
    args = [a.replace("{tmp}", str(tmp_path)) for a in command]
    plan = [] if args[0] == "schema" else [str(PLANS / "northbridge-delivery-plan-2015.yaml")
                                           if args[0] == "report" else str(PLAN)]
    result = _plancc_small(4096, args[0], *plan, *args[1:])
    assert result.returncode == 1, result.stderr
    assert "error [output-unwritable] There is no room left to write" in result.stderr
    assert "Traceback" not in result.stderr and "bug in plancc" not in result.stderr
    assert not [p for p in (tmp_path / "out").rglob("*.partial")] if (tmp_path / "out").exists() else True
    if args[0] != "report":
        assert not Path(args[-1]).exists()


def test_a_full_disk_during_a_build_keeps_the_site_and_removes_the_half_built_one(tmp_path: Path) -> None:
    out = tmp_path / "site"
    first = run_plancc("build", str(PLAN), "--out", str(out), "--no-a11y")
    assert first.returncode == 0, first.stderr
    before = {p.relative_to(out.resolve()): p.read_bytes() for p in out.resolve().rglob("*") if p.is_file()}
    result = _plancc_small(8192, "build", str(PLAN), str(PLANS / "salford-burglary-2002.yaml"), "--out", str(out),
                           "--no-a11y")
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"[output-unwritable] There is no room left to write {tmp_path}/.site-" in result.stderr
    assert "Traceback" not in result.stderr and "bug in plancc" not in result.stderr
    assert {p.relative_to(out.resolve()): p.read_bytes() for p in out.resolve().rglob("*") if p.is_file()} == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site-")] == [out.resolve().name]


@pytest.mark.skipif(os.access("/sys", os.W_OK) and os.geteuid() != 0, reason="needs a folder no one may write to")
@pytest.mark.parametrize("command", [["render", "-o", "/sys/plancc-test/page.html"],
                                     ["build", "--no-a11y", "--out", "/sys/plancc-test/site"]])
def test_a_folder_that_may_not_be_written_is_said_plainly(command: list[str]) -> None:
    if Path("/sys/plancc-test").exists():
        pytest.skip("/sys is writable here")
    result = run_plancc(command[0], str(PLAN), *command[1:])
    assert result.returncode == 1, result.stderr
    assert "error [output-unwritable]" in result.stderr and "/sys/plancc-test" in result.stderr
    assert "Traceback" not in result.stderr and "bug in plancc" not in result.stderr
