"""The browser check runs its pages side by side in one browser, and a page that never finishes is reported
for that page while the others are checked: in plancc.a11y.check_pages, and in a build, in words."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from browser import check_pages, require_browser
from conftest import ROOT

FIXTURES = Path(__file__).resolve().parent / "data" / "browser"
PAGES = [FIXTURES / name for name in ("clean.html", "violations.html", "reflow_bad.html", "reflow_good.html")]
NEVER_LOADS = "<script>for (;;) {}</script>"  # the load event never comes: the renderer is busy for ever


def summary(report) -> tuple:
    """What a check found on a page, without its timings."""
    return (sorted(v["id"] + str(v["width"]) for v in report.violations or []), report.layouts, report.requests,
            report.failure)


def test_pages_are_checked_at_once_in_one_browser_with_the_results_of_one_at_a_time() -> None:
    together = check_pages(PAGES, scripts=False, widths=(320, 1280), parallel=2)
    alone = check_pages(PAGES, scripts=False, widths=(320, 1280), parallel=1)

    assert list(together) == PAGES  # in the order asked for
    assert max(r.checked_alongside for r in together.values()) == 2
    assert {r.checked_alongside for r in alone.values()} == {1}
    pids = {r.browser_pid for r in together.values()}
    assert len(pids) == 1 and None not in pids  # one browser for them all
    assert [summary(r) for r in together.values()] == [summary(r) for r in alone.values()]
    assert {"image-alt", "label"} <= {v["id"] for v in together[PAGES[1]].violations or []}
    assert together[PAGES[3]].layout_problems() == [] and together[PAGES[2]].layout_problems() != []


def test_a_page_that_never_finishes_loading_is_reported_and_the_others_are_checked(tmp_path: Path) -> None:
    hangs = tmp_path / "hangs.html"
    hangs.write_text(f'<!DOCTYPE html><html lang="en"><title>Hangs</title><p>Never loads</p>{NEVER_LOADS}',
                     encoding="utf-8")
    busy = tmp_path / "busy.html"  # loads, then its script never ends
    busy.write_text('<!DOCTYPE html><html lang="en"><title>Busy</title><p>Busy</p>'
                    '<script>addEventListener("load", () => { for (;;) {} });</script>', encoding="utf-8")
    pages = [PAGES[0], hangs, PAGES[1], busy, PAGES[3]]
    for parallel in (1, 2):  # one worker: each page after a hung one is checked by the same worker
        reports = check_pages(pages, scripts=False, widths=(320, 1280), timeout_s=3, parallel=parallel)

        assert reports[hangs].failure == "it did not finish loading within 3 s", parallel
        assert reports[hangs].violations is None and reports[hangs].layouts == []
        assert reports[hangs].layout_problems()[0].startswith(
            "the page could not be checked: it did not finish loading within 3 s.")
        assert reports[busy].failure is not None and "within 3 s" in reports[busy].failure
        assert reports[PAGES[0]].failure is None and reports[PAGES[0]].violations == []
        assert {"image-alt", "label"} <= {v["id"] for v in reports[PAGES[1]].violations or []}
        assert [layout.width for layout in reports[PAGES[3]].layouts] == [320, 1280]
        assert reports[PAGES[3]].layout_problems() == []


def test_a_build_whose_index_never_finishes_loading_says_so_and_is_not_published(tmp_path: Path,
                                                                                  minimal_text: str) -> None:
    require_browser()  # without Chromium the build would skip its check (and say so)
    # (each step may take 20 s: enough for the largest page, the format reference, on a busy machine)
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "plan.yaml").write_text(minimal_text.replace("status: draft", "status: published"), encoding="utf-8")
    theme = tmp_path / "theme"
    theme.mkdir()
    base = (ROOT / "templates" / "base.html").read_text(encoding="utf-8")
    # only the site's own index (not a plan's page, the report's or the reference) never loads
    script = ('<script>if (!/\\/(plans|report)\\//.test(location.pathname) && '
              'location.pathname.endsWith("/index.html")) { for (;;) {} }</script>')
    assert "</head>" in base
    (theme / "base.html").write_text(base.replace("</head>", script + "\n</head>"), encoding="utf-8")
    (tmp_path / "plancc.yml").write_text(f"theme: {theme}\n", encoding="utf-8")
    out = tmp_path / "site"

    result = subprocess.run([sys.executable, "-m", "plancc", "build", str(plans), "--out", str(out), "--a11y",
                             "--config", str(tmp_path / "plancc.yml")], cwd=ROOT, capture_output=True, text=True,
                            timeout=600, env={**os.environ, "NO_COLOR": "1", "PLANCC_PAGE_TIMEOUT": "20"})

    said = result.stdout + result.stderr
    assert "Traceback" not in said and "internal error" not in said and "browser check failed" not in said, said
    assert result.returncode == 1, said
    assert ("Accessibility problems in index.html:\nthe page could not be checked: it did not finish loading "
            "within 20 s. A reader's browser would meet the same page: look in the theme's templates for a script "
            "that never ends.") in result.stderr, said
    assert "Accessibility problems in" not in result.stderr.replace("Accessibility problems in index.html:", ""), said
    assert "The new site was not published: 1 page(s) fail the accessibility checks" in result.stderr, said
    assert not out.exists() and [p.name for p in tmp_path.iterdir() if p.name.startswith(".site-")] == []
