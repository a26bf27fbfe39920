"""A build's rendering: one pool of workers for the whole build, a plan that fails or a worker that dies in it
reported at the plan with the previous site kept, and a rebuild that repeats nothing yet misses no change."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

import plancc.build_render
import plancc.publish
from conftest import DATA
from plancc.publish import Built, build_site
from plancc.site_config import SiteConfig
from plancc.user_errors import UserError


def _tree(folder: Path) -> dict[str, str]:
    root = folder.resolve()
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def plans(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two small published plans, one with a reporting date, in a folder with a plancc.yml of their own."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PLANCC_NO_CACHE", "1")
    folder = tmp_path / "plans"
    folder.mkdir()
    text = (DATA / "minimal.yaml").read_text(encoding="utf-8").replace("status: draft", "status: published")
    (folder / "one.yaml").write_text(text, encoding="utf-8")
    (folder / "two.yaml").write_text(text.replace("title: Minimal plan", "title: Second plan"), encoding="utf-8")
    (folder / "plancc.yml").write_text("performance:\n  tolerance: 5%\n", encoding="utf-8")
    return folder


def _build(folder: Path, out: Path) -> dict[str, str]:
    results, _ = build_site(sorted(str(p) for p in folder.glob("*.yaml")), out, SiteConfig(), jobs=2,
                            accessibility=False)
    return {Path(b.file).name: b.outcome for b in results}


def test_one_pool_renders_every_plan_of_a_build(plans: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[int] = []
    real = plancc.build_render.ProcessPoolExecutor

    class Counted(real):  # type: ignore[misc, valid-type]
        def __init__(self, *args: object, **kwargs: object) -> None:
            made.append(1)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(plancc.build_render, "ProcessPoolExecutor", Counted)
    assert _build(plans, tmp_path / "site") == {"one.yaml": "built", "two.yaml": "built"}
    assert len(made) == 1


def _fails_on_two(file: str, folder: str, slug: str, config: SiteConfig, roots: list[str]) -> Built:
    if file.endswith("two.yaml"):
        raise RuntimeError("the renderer tripped")
    return plancc.build_render.render_plan(file, folder, slug, config, roots)


def _dies_on_two(file: str, folder: str, slug: str, config: SiteConfig, roots: list[str]) -> Built:
    if file.endswith("two.yaml"):
        os._exit(3)
    return plancc.build_render.render_plan(file, folder, slug, config, roots)


@pytest.mark.parametrize("failing", [_fails_on_two, _dies_on_two], ids=["raises", "worker-dies"])
def test_a_plan_failing_in_a_worker_is_reported_at_the_plan_and_the_old_site_kept(
        plans: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: object) -> None:
    out = tmp_path / "site"
    _build(plans, out)
    before = _tree(out)
    for plan in plans.glob("*.yaml"):
        plan.write_text(plan.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    monkeypatch.setattr(plancc.publish, "render_plan", failing)
    with pytest.raises(UserError) as raised:
        _build(plans, out)
    found = {(d.rule, Path(d.file).name, d.span.line if d.span else None) for d in raised.value.diagnostics}
    assert ("render-failed", "two.yaml", 1) in found  # a dead worker stops the plans it had in hand too
    assert all(rule == "render-failed" and line == 1 for rule, _, line in found)
    assert _tree(out) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site-") and p != out.resolve()]


def test_a_rebuild_renders_what_changed_and_carries_the_rest(plans: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert _build(plans, out) == {"one.yaml": "built", "two.yaml": "built"}
    report = out / "report" / "index.html"
    first = report.stat().st_ino if report.exists() else None
    assert _build(plans, out) == {"one.yaml": "reused", "two.yaml": "reused"}
    if first is not None:  # nothing changed: the report is carried over, not made again
        assert (out / "report" / "index.html").stat().st_ino == first
    two = plans / "two.yaml"
    two.write_text(two.read_text(encoding="utf-8").replace("Second plan", "Second plan, revised"), encoding="utf-8")
    assert _build(plans, out) == {"one.yaml": "reused", "two.yaml": "built"}
    assert "Second plan, revised" in (out / "index.html").read_text(encoding="utf-8")


def test_a_changed_setting_beside_the_plans_rebuilds_them(plans: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    _build(plans, out)
    (plans / "plancc.yml").write_text("performance:\n  tolerance: 10%\n", encoding="utf-8")
    assert _build(plans, out) == {"one.yaml": "built", "two.yaml": "built"}
