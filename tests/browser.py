"""Look at HTML pages in a real browser, for tests: accessibility (axe-core), scripts that ran,
requests made, screenshots. The engine is plancc.a11y (also used by plancc build); this module
adds the tests' rule for missing tools: skip with the reason, except in CI (CI=true), where
nothing may be missing and the test fails.

    from browser import axe_violations, format_violations
    violations = axe_violations(page)
    assert not violations, format_violations(violations)
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from plancc import a11y
from plancc.a11y import SENTINEL, WCAG_TAGS, PageReport, Request, ToolsMissing, format_violations

__all__ = ["SENTINEL", "WCAG_TAGS", "PageReport", "Request", "axe_violations", "check_pages", "format_violations",
           "requests_made", "require_browser", "screenshot", "scripts_that_ran"]


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def require_browser() -> tuple[str, Path]:
    """The node command and node_modules; skips the test (fails it in CI) when a tool is missing."""
    try:
        return a11y.find_tools()
    except ToolsMissing as missing:
        if in_ci():
            pytest.fail(f"{missing} (CI=true: browser tests must run here; scripts/setup installs it)",
                        pytrace=False)
        pytest.skip(f"{missing}: run scripts/setup to install it")
        raise


def check_pages(paths: list[Path] | tuple[Path, ...], **kw: object) -> dict[Path, PageReport]:
    """plancc.a11y.check_pages, with the tests' rule for missing tools; each page checked in the browser, not
    read from the cache of reports (tests/test_a11y_cache.py tests that), unless a test asks for it."""
    require_browser()
    kw.setdefault("cache", False)
    return a11y.check_pages(paths, **kw)  # type: ignore[arg-type]


def _one(html_path: Path, **kw) -> PageReport:
    return next(iter(check_pages([html_path], **kw).values()))


def axe_violations(html_path: Path, *, tags: tuple[str, ...] = WCAG_TAGS) -> list[dict]:
    """axe-core's violations of WCAG 2.2 A/AA rules on the page, as axe reports them:
    each a dict with id, impact, help, description, helpUrl, tags and nodes (target, html,
    failureSummary). An empty list means none found."""
    return _one(html_path, axe=True, scripts=False, tags=tags).violations or []


def scripts_that_ran(html_path: Path) -> list[str]:
    """Every sign that a script ran while the page loaded (and for SETTLE_MS after): dialogs
    ("dialog alert: 1"), console calls ("console.log: hi"), uncaught errors, pop-ups, each script
    compiled in the page ("script file:///...:3: alert(1)", event-handler attributes that fired
    included), and SENTINEL set in any frame. An empty list means no script ran."""
    return _one(html_path, axe=False, scripts=True).scripts or []


def requests_made(html_path: Path) -> list[str]:
    """The URL of every request the page made, other than for the file itself, in order:
    subresources (file:// ones included), fetches, WebSockets. Only files are loaded: every
    other request, to 127.0.0.1 and localhost too, is in the list though it was blocked and
    never left (PageReport.blocked() lists those)."""
    return [r.url for r in _one(html_path, axe=False, scripts=False).requests]


def screenshot(html_path: Path, png_path: Path, width: int = 1280) -> Path:
    """Save a full-page screenshot of the page, `width` CSS pixels wide, as PNG; returns its path."""
    png_path = Path(png_path).resolve()
    png_path.parent.mkdir(parents=True, exist_ok=True)
    node, modules = require_browser()
    p = Path(html_path).resolve()
    if not p.is_file():
        raise FileNotFoundError(p)
    report, = a11y.run_jobs(node, modules, [{"path": str(p), "axe": False, "scripts": False,
                                             "screenshot": str(png_path), "width": width}])
    assert report.failure is None, f"{p}: {report.failure}"
    return png_path


