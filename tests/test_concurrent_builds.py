"""Builds into one site folder take turns: five at once leave one complete site and no leftovers, a build
waits for another (and says so once), gives up with a clear message, and never removes what is not its own."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import PLANS, ROOT
from plancc import build_lock
from plancc.build_lock import BuildBusy, lock_path, site_lock
from plancc.commands.build import command as build_command

SMALL = ("northbridge-improvement-plan-2014.yaml", "northbridge-scrutiny-report-2015.yaml")
WAITING = "Waiting for another build of"


@pytest.fixture
def plans(tmp_path: Path) -> Path:
    folder = tmp_path / "plans"
    folder.mkdir()
    for name in SMALL:
        shutil.copyfile(PLANS / name, folder / name)
    return folder


def start(plans: Path, out: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "plancc", "build", str(plans), "--out", str(out), "--no-a11y",
                             "-j", "1"], cwd=ROOT, env={**os.environ, "NO_COLOR": "1"}, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)


def assert_complete(out: Path) -> None:
    """`out` links to a whole site, and no other site folder of plancc's is left beside it."""
    assert out.is_symlink() and (out / "index.html").is_file() and (out / "manifest.json").is_file()
    index = (out / "index.html").read_text(encoding="utf-8")
    for name in SMALL:
        slug = Path(name).stem
        for target in (f"plans/{slug}/index.html", f"plans/{slug}/{slug}.pdf", f"plans/{slug}/data/datapackage.json"):
            assert f'href="{target}"' in index and (out / target).is_file(), target
    left = sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}-"))
    assert left == [os.readlink(out)]


def test_five_builds_at_once_leave_one_complete_site(plans: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    processes = [start(plans, out) for _ in range(5)]
    finished = [(p.wait(timeout=600), *p.communicate()) for p in processes]
    for code, stdout, stderr in finished:
        assert code == 0, stdout + stderr
        assert stderr.count(WAITING) <= 1 and "internal error" not in stderr
    assert any(WAITING in stderr for _, _, stderr in finished)  # they took turns
    assert_complete(out)


def test_a_build_waits_for_the_lock_and_then_builds(plans: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    with site_lock(out):
        process = start(plans, out)
        assert process.stderr is not None
        assert process.stderr.readline().startswith(f"{WAITING} {out} to finish...")
        assert not out.exists()  # nothing is built while the other build holds the lock
    stdout, stderr = process.communicate(timeout=600)
    assert process.returncode == 0, stdout + stderr
    assert_complete(out)


def test_a_build_that_waits_too_long_stops_with_a_clear_message(plans: Path, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "site"
    monkeypatch.setattr(build_lock, "WAIT_SECONDS", 0.5)
    monkeypatch.chdir(ROOT)
    with site_lock(out):
        result = CliRunner().invoke(build_command, [str(plans), "--out", str(out), "--no-a11y", "-j", "1"])
    assert result.exit_code == 1, result.output
    assert result.output.count(WAITING) == 1
    assert f"Another build of {out} has not finished after 0.5 seconds" in result.output
    assert "stopped without changing the site" in result.output and "internal error" not in result.output
    assert not out.exists() and not list(tmp_path.glob(".site-*"))


def test_the_lock_is_refused_while_held_and_free_once_its_holder_is_killed(tmp_path: Path) -> None:
    out = tmp_path / "site"
    holder = subprocess.Popen([sys.executable, "-c", "import sys, time\nfrom pathlib import Path\n"
                               "from plancc.build_lock import site_lock\n"
                               f"with site_lock(Path({str(out)!r})):\n    print('held', flush=True)\n"
                               "    time.sleep(600)"], stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline() == "held\n"
    with pytest.raises(BuildBusy, match="has not finished after 0.2 seconds"):
        with site_lock(out, wait=0.2):
            pass
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    told: list[str] = []
    with site_lock(out, wait=0, waiting=told.append):
        assert told == []
    assert lock_path(out) == tmp_path / ".site.lock" and lock_path(out).exists()


def test_tidying_removes_only_plancc_s_leftovers(plans: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    others = [tmp_path / ".site-notes", tmp_path / ".site-backup-2024", tmp_path / "site-0123456789ab"]
    for folder in others:
        folder.mkdir()
        (folder / "keep.txt").write_text("not plancc's")
    stale = [tmp_path / ".site-0123456789ab", tmp_path / ".site-old-abcdef012345"]
    for folder in stale:  # left by builds killed part way
        (folder / "plans").mkdir(parents=True)
    (tmp_path / ".site-link-00000000aaaa").symlink_to(".site-0123456789ab")
    process = start(plans, out)
    stdout, stderr = process.communicate(timeout=600)
    assert process.returncode == 0, stdout + stderr
    assert all((folder / "keep.txt").is_file() for folder in others)
    assert not any(folder.exists() for folder in stale)
    assert not (tmp_path / ".site-link-00000000aaaa").is_symlink()
    assert sorted(p.name for p in tmp_path.glob(".site-*")) == sorted([os.readlink(out), ".site-backup-2024",
                                                                        ".site-notes"])
