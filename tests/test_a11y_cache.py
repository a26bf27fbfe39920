"""The accessibility check's cache (plancc.a11y.cache): a page checked before, with everything its report
depends on unchanged, is read back as it was found, without starting the browser; a change to the page,
to a file it loaded, to the widths or to axe-core is checked again; a page that could not be checked is
not kept; PLANCC_NO_CACHE turns it off, and a folder that cannot be written never fails a check.

Whether a page went to the browser is seen by taking the browser's runner away (a11y.RUNNER pointing at a
file that is not there): a page read from the cache is checked all the same, and a page that goes to the
browser is then "not checked", saying that the browser stopped."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from browser import require_browser
from plancc import a11y
from plancc.a11y import PageReport
from plancc.a11y.cache import FORMAT

VIOLATIONS = Path(__file__).resolve().parent / "data" / "browser" / "violations.html"
PAGE = ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>A plan</title>'
        '<link rel="stylesheet" href="../assets/style.css"><link rel="stylesheet" href="../assets/later.css">'
        '</head><body><main><h1>A plan</h1><p>What the partnership will do.</p></main></body></html>')
WIDTHS = (320, 1280)


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A small site (a page using a stylesheet, and a page with known violations) and a cache of its own."""
    require_browser()
    monkeypatch.setenv("PLANCC_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("PLANCC_NO_CACHE", raising=False)
    monkeypatch.chdir(tmp_path)
    top = tmp_path / "site"
    (top / "assets").mkdir(parents=True)
    (top / "assets" / "style.css").write_text("body { font: 16px/1.5 sans-serif; }\n", encoding="utf-8")
    (top / "assets" / "unused.css").write_text("p { color: black; }\n", encoding="utf-8")
    (top / "plans").mkdir()
    (top / "plans" / "plan.html").write_text(PAGE, encoding="utf-8")
    shutil.copy(VIOLATIONS, top / "plans" / "violations.html")
    return top


def pages(top: Path) -> list[Path]:
    return [top / "plans" / "plan.html", top / "plans" / "violations.html"]


def check(paths: list[Path], widths: tuple[int, ...] = WIDTHS, **kw: object) -> list[PageReport]:
    return list(a11y.check_pages(paths, scripts=False, widths=widths, **kw).values())  # type: ignore[arg-type]


def without_browser(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """From here on, a page that goes to the browser is not checked (the runner is not there)."""
    monkeypatch.setattr(a11y, "RUNNER", tmp_path / "no-runner.mjs")


def went_to_browser(report: PageReport) -> bool:
    return not report.cached and report.failure is not None and report.failure.startswith("the browser stopped")


def found(report: PageReport) -> tuple[object, ...]:
    """What a check found on a page, its requests' addresses made relative to the site's folder."""
    folder = report.path.parent.parent.as_uri() + "/"
    return (report.path.name, report.violations, report.layouts, report.failure,
            [(r.url.replace(folder, ""), r.method, r.type, r.blocked) for r in report.requests])


def page_entries(tmp_path: Path) -> list[str]:
    folder = tmp_path / "cache" / FORMAT
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith((".", "chromium-")))


def test_a_page_checked_again_is_read_from_the_cache_without_starting_the_browser(
        site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = check(pages(site))
    assert [r.cached for r in first] == [False, False] and all(r.browser_pid for r in first)
    assert {"image-alt", "label", "color-contrast"} <= {v["id"] for v in first[1].violations or []}
    assert any(r.url.endswith("/site/assets/style.css") for r in first[0].requests)
    assert len(page_entries(tmp_path)) == 2

    without_browser(monkeypatch, tmp_path)
    again = check(pages(site))
    assert [r.cached for r in again] == [True, True]
    assert [found(r) for r in again] == [found(r) for r in first]  # the violations found again, as they were
    assert again[1].layout_problems() == first[1].layout_problems()

    moved = shutil.copytree(site, tmp_path / "another-build" / "site")  # a build into a fresh folder
    elsewhere = check(pages(moved))
    assert [r.cached for r in elsewhere] == [True, True]
    assert [found(r) for r in elsewhere] == [found(r) for r in first]
    assert [r.path for r in elsewhere] == [p.resolve() for p in pages(moved)]
    assert any(r.url == (moved / "assets" / "style.css").as_uri() for r in elsewhere[0].requests)


def test_hits_and_misses_come_back_in_the_order_asked(site: Path) -> None:
    check(pages(site))
    new = site / "plans" / "new.html"
    new.write_text(PAGE.replace("A plan", "Another plan"), encoding="utf-8")
    reports = a11y.check_pages([pages(site)[0], new, pages(site)[1]], scripts=False, widths=WIDTHS)
    assert list(reports) == [pages(site)[0], new, pages(site)[1]]
    assert [r.cached for r in reports.values()] == [True, False, True]
    assert [r.path.name for r in reports.values()] == ["plan.html", "new.html", "violations.html"]
    assert reports[new].failure is None and reports[new].violations == []


def test_a_change_to_a_stylesheet_the_page_uses_is_checked_again(site: Path) -> None:
    check(pages(site))
    (site / "assets" / "unused.css").write_text("p { font-size: 6px; }\n", encoding="utf-8")
    assert [r.cached for r in check(pages(site))] == [True, True]  # a file the page does not load

    (site / "assets" / "style.css").write_text("body { font: 16px/1.5 sans-serif; } p { font-size: 8px; }\n",
                                               encoding="utf-8")
    plan, other = check(pages(site))
    assert not plan.cached and other.cached
    assert any("under 12 px" in p for p in plan.layout_problems())

    (site / "assets" / "style.css").write_text("body { font: 16px/1.5 sans-serif; }\n", encoding="utf-8")
    (site / "assets" / "later.css").write_text("h1 { font-size: 7px; }\n", encoding="utf-8")  # was not there
    plan = check(pages(site)[:1])[0]
    assert not plan.cached and any("under 12 px" in p and "A plan" in p for p in plan.layout_problems())


def test_a_change_to_the_page_or_the_widths_is_checked_again(site: Path, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    check(pages(site))
    without_browser(monkeypatch, tmp_path)
    assert [went_to_browser(r) for r in check(pages(site), widths=(320,))] == [True, True]
    assert [went_to_browser(r) for r in check(pages(site), widths=(1280, 320))] == [True, True]
    assert [went_to_browser(r) for r in check(pages(site), axe=False)] == [True, True]
    assert [went_to_browser(r) for r in check(pages(site), tags=("wcag2a",))] == [True, True]
    page = pages(site)[0]
    page.write_text(PAGE.replace("will do", "will do next"), encoding="utf-8")
    assert [went_to_browser(r) for r in check(pages(site))] == [True, False]


def fake_node_modules(folder: Path, axe_version: str | None) -> Path:
    """A node_modules folder with the real playwright-core and axe-core, axe-core's package.json saying
    another version (or the same one, with None)."""
    real = a11y.node_modules()
    assert real is not None
    modules = folder / "node_modules"
    (modules / "axe-core").mkdir(parents=True)
    (modules / "playwright-core").symlink_to(real / "playwright-core")
    for item in (real / "axe-core").iterdir():
        if item.name != "package.json":
            (modules / "axe-core" / item.name).symlink_to(item)
    text = (real / "axe-core" / "package.json").read_text(encoding="utf-8")
    if axe_version is not None:
        said = f'"version": "{json.loads(text)["version"]}"'
        assert said in text
        text = text.replace(said, f'"version": "{axe_version}"', 1)
    (modules / "axe-core" / "package.json").write_text(text, encoding="utf-8")
    return modules


def test_another_axe_core_is_checked_again(site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    check(pages(site))
    without_browser(monkeypatch, tmp_path)
    same, other = tmp_path / "same", tmp_path / "other"
    assert fake_node_modules(same, None) != a11y.node_modules()
    monkeypatch.chdir(same)  # node_modules is looked for from the current folder up first
    assert a11y.node_modules() == same / "node_modules"
    assert [r.cached for r in check(pages(site))] == [True, True]  # the same axe-core, found elsewhere
    fake_node_modules(other, "99.0.0")
    monkeypatch.chdir(other)
    assert [went_to_browser(r) for r in check(pages(site))] == [True, True]


def test_a_page_that_could_not_be_checked_is_not_kept(site: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    runner = a11y.RUNNER
    without_browser(monkeypatch, tmp_path)
    assert [went_to_browser(r) for r in check(pages(site))] == [True, True]
    assert page_entries(tmp_path) == []
    assert [went_to_browser(r) for r in check(pages(site))] == [True, True]
    monkeypatch.setattr(a11y, "RUNNER", runner)
    hangs = site / "plans" / "hangs.html"
    hangs.write_text('<!DOCTYPE html><html lang="en"><title>Hangs</title><p>Never loads</p>'
                     '<script>for (;;) {}</script>', encoding="utf-8")
    reports = check([*pages(site), hangs], timeout_s=3)
    assert reports[2].failure == "it did not finish loading within 3 s" and not reports[2].cached
    assert len(page_entries(tmp_path)) == 2
    without_browser(monkeypatch, tmp_path)
    assert [went_to_browser(r) for r in check([*pages(site), hangs])] == [False, False, True]


def test_no_cache_checks_every_page_in_the_browser(site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANCC_NO_CACHE", "1")
    assert [r.cached for r in check(pages(site))] == [False, False]
    assert not (tmp_path / "cache").exists()
    monkeypatch.delenv("PLANCC_NO_CACHE")
    check(pages(site))
    without_browser(monkeypatch, tmp_path)
    assert [r.cached for r in check(pages(site))] == [True, True]
    assert [went_to_browser(r) for r in check(pages(site), cache=False)] == [True, True]
    monkeypatch.setenv("PLANCC_NO_CACHE", "1")
    assert [went_to_browser(r) for r in check(pages(site))] == [True, True]


def test_a_damaged_entry_is_checked_again(site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    check(pages(site))
    for entry in page_entries(tmp_path):
        path = tmp_path / "cache" / FORMAT / entry
        path.write_bytes(path.read_bytes()[:40])
    without_browser(monkeypatch, tmp_path)
    assert [went_to_browser(r) for r in check(pages(site))] == [True, True]


@pytest.mark.parametrize("where", ["under a file", "read-only"])
def test_a_cache_that_cannot_be_written_never_fails_a_check(site: Path, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    """/sys refuses new folders to everyone, root included (the tests may run as root)."""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder\n", encoding="utf-8")
    cache = blocker / "cache" if where == "under a file" else Path("/sys/plancc-a11y-cache")
    monkeypatch.setenv("PLANCC_CACHE_DIR", str(cache))
    reports = check(pages(site))
    assert [r.failure for r in reports] == [None, None] and [r.cached for r in reports] == [False, False]
    assert reports[0].violations == [] and {"image-alt", "label"} <= {v["id"] for v in reports[1].violations or []}
    assert not cache.exists()


def test_a_build_says_which_pages_it_took_from_the_cache_and_no_cache_takes_none(tmp_path: Path) -> None:
    """The build's own words: a second build of the same plan into a new folder takes every page's report from the
    cache and says so; `plancc build --no-cache` checks them all in the browser again."""
    from conftest import PLANS, run_plancc

    require_browser()
    plans = tmp_path / "plans"
    plans.mkdir()
    shutil.copy(PLANS / "salford-burglary-2002.yaml", plans)
    env = {"PLANCC_CACHE_DIR": str(tmp_path / "cache"), "PLANCC_NO_CACHE": ""}
    said = [run_plancc("build", str(plans), "--out", str(tmp_path / name), "--a11y", *extra, cwd=tmp_path, env=env)
            for name, extra in (("first", ()), ("second", ()), ("third", ("--no-cache",)))]
    assert [r.returncode for r in said] == [0, 0, 0], [r.stderr for r in said]
    assert "new or changed in this build." in said[0].stdout
    assert "3 pages new or changed in this build, 3 of them as checked before" in said[1].stdout
    assert "new or changed in this build." in said[2].stdout and "checked before" not in said[2].stdout
