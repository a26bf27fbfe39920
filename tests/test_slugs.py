"""A plan's address in the site is made safe from its file name, and two plans never share one."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DATA, ROOT
from plancc.slugs import plan_slugs, slug_of

MINIMAL = (DATA / "minimal.yaml").read_text(encoding="utf-8")
ODD = ("javascript:alert(1).yaml", "Ward #1?x%20 y.yaml", "Ynys Môn.yaml")


@pytest.mark.parametrize(("name", "slug"), [
    ("plans/salford-burglary-2002.yaml", "salford-burglary-2002"), ("Plan.yaml", "plan"),
    ("javascript:alert(1).yaml", "javascript-alert-1"), ("Ward #1?x%20 y.yaml", "ward-1-x-20-y"),
    ("--North  Plan__2025--.yml", "north-plan-2025"), ("Ynys Môn.yaml", "ynys-mon"),
    ("...yaml", ""), ("..yaml", ""), ("%%%.yaml", ""), ("x/../../etc.yaml", "etc")])
def test_a_slug_is_lower_case_letters_digits_and_single_hyphens(name: str, slug: str) -> None:
    assert slug_of(name) == slug


def test_files_sharing_a_slug_are_each_an_error_naming_the_other() -> None:
    files = ["plans/a/plan.yaml", "plans/b/plan.yaml", "plans/Plan.yml", "plans/ward.yaml", "plans/....yaml"]
    slugs, problems = plan_slugs(files)
    assert slugs["plans/ward.yaml"] == "ward" and "plans/ward.yaml" not in problems
    for file in files[:3]:
        [found] = problems[file]
        assert (found.rule, str(found.severity), found.line, found.column) == ("slug-collision", "error", 1, 1)
        assert all(other in found.message for other in files[:3] if other != file) and "plans/plan/" in found.message
    assert [d.rule for d in problems["plans/....yaml"]] == ["slug-empty"]


def build(plans: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "plancc", "build", str(plans), "--out", str(out), "--no-a11y",
                           "--drafts", "-j", "1"], cwd=ROOT, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "NO_COLOR": "1"})


def plan(folder: Path, name: str, title: str = "Minimal plan") -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(MINIMAL.replace("Minimal plan", title), encoding="utf-8")
    return path


def test_odd_file_names_get_plain_links_to_pages_that_exist(tmp_path: Path) -> None:
    plans, out = tmp_path / "plans", tmp_path / "site"
    for name in (*ODD, "...yaml"):
        plan(plans, name)
    for _ in range(2):  # the second build does not trip over the first
        result = build(plans, out)
        assert result.returncode == 1, result.stdout + result.stderr
        assert "Traceback" not in result.stderr and "internal error" not in result.stderr
        assert f"{plans / '...yaml'}:1:1: error [slug-empty]" in result.stderr
        assert f"{plans / '...yaml'}: HAS ERRORS: not published" in result.stdout
    index = (out / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'href="(plans/[^"]*)"', index)
    assert len(links) == 3 * len(ODD)
    for link in links:
        assert re.fullmatch(r"plans/[a-z0-9-]+/(index\.html|[a-z0-9-]+\.pdf|data/datapackage\.json)", link), link
        assert (out / link).is_file()
    assert "javascript:" not in index.replace("javascript-alert-1", "")
    assert sorted(p.name for p in (out / "plans").iterdir()) == ["javascript-alert-1", "ward-1-x-20-y", "ynys-mon"]


def test_a_collision_publishes_neither_file_and_keeps_the_last_good_output(tmp_path: Path) -> None:
    plans, out = tmp_path / "plans", tmp_path / "site"
    plan(plans, "north/plan.yaml", "North plan")
    assert build(plans, out).returncode == 0
    before = {p.relative_to(out.resolve()): p.read_bytes() for p in (out / "plans").resolve().rglob("*") if p.is_file()}
    plan(plans, "south/plan.yaml", "South plan")
    plan(plans, "Plan.yaml", "Third plan")
    result = build(plans, out)
    assert result.returncode == 1, result.stdout + result.stderr
    north, south, third = (plans / "north/plan.yaml", plans / "south/plan.yaml", plans / "Plan.yaml")
    assert f"{north}: HAS ERRORS: last good output kept" in result.stdout
    assert f"{south}: HAS ERRORS: not published" in result.stdout
    assert f"{third}: HAS ERRORS: not published" in result.stdout
    for file, others in ((north, (south, third)), (south, (north, third)), (third, (north, south))):
        message = re.search(rf"^{re.escape(str(file))}:1:1: error \[slug-collision\] (.*)$", result.stderr, re.M)
        assert message and all(str(other) in message.group(1) for other in others), result.stderr
    after = {p.relative_to(out.resolve()): p.read_bytes() for p in (out / "plans").resolve().rglob("*") if p.is_file()}
    assert after == before
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.count('href="plans/plan/index.html"') == 1 and "North plan" in index and "South plan" not in index and "Third plan" not in index
    shutil.rmtree(plans / "north")
    (plans / "Plan.yaml").unlink()
    result = build(plans, out)  # the clash resolved, the other plan is published there
    assert result.returncode == 0, result.stdout + result.stderr
    assert "South plan" in (out / "plans" / "plan" / "index.html").read_text(encoding="utf-8")
