"""Look at HTML pages in a real browser, for tests: accessibility (axe-core), scripts that ran,
requests made, screenshots.

Each call starts one headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core
through tests/browser_run.mjs), loads the given local files in it, and closes it again: about a
second to start and under a second a page. To look at several pages, pass them all to
`check_pages` at once so that they share one browser.

The browser reaches nothing but 127.0.0.1, localhost and [::1]: every other request a page makes
is blocked and recorded (see browser_run.mjs for the layers that make sure of it).

Where Chromium, Node.js or the Node packages (`npm ci`, done by scripts/setup) are missing, the
test calling these is skipped with the reason, except in CI (CI=true), where it fails.

    from browser import axe_violations, format_violations
    violations = axe_violations(page)
    assert not violations, format_violations(violations)
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RUNNER = Path(__file__).resolve().parent / "browser_run.mjs"
CHROMIUM = Path(os.environ.get("PLANCC_CHROMIUM", "/usr/bin/chromium"))

# axe-core rule tags for WCAG 2.2 level AA: every A and AA rule of WCAG 2.0, 2.1 and 2.2.
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")

# An XSS test's payload sets this global (e.g. `<script>window.__plancc_xss=1</script>`, or
# `<img src=x onerror="__plancc_xss=1">`); scripts_that_ran reports it if it is set. Payloads that
# call alert/confirm/prompt or console.log are caught without it.
SENTINEL = "__plancc_xss"

SETTLE_MS = 250  # how long a page may go on running after its load event before it is looked at


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _missing(reason: str) -> None:
    """Skip the calling test for a missing tool, or fail it in CI, where nothing may be missing."""
    if in_ci():
        pytest.fail(f"{reason} (CI=true: browser tests must run here; scripts/setup installs it)", pytrace=False)
    pytest.skip(f"{reason}: run scripts/setup to install it")


def _node() -> str:
    node = shutil.which("node")
    if node is None:
        _missing("Node.js (node) is not installed")
    version = subprocess.run([node, "--version"], capture_output=True, text=True).stdout.strip()
    m = re.match(r"v(\d+)", version)
    if not m or int(m.group(1)) < 20:
        _missing(f"Node.js {version or '?'} is too old for playwright-core (it needs 20 or newer)")
    return node


def require_browser() -> str:
    """Check that a browser check can run here; returns the node command. Skips or fails if not."""
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        _missing(f"Chromium is not installed at {CHROMIUM} (Debian package: chromium)")
    for package in ("playwright-core", "axe-core"):
        if not (ROOT / "node_modules" / package / "package.json").is_file():
            _missing(f"the Node package {package} is not installed in {ROOT / 'node_modules'} (npm ci)")
    return _node()


@dataclass
class Request:
    url: str
    method: str
    type: str      # Chromium's resource type: image, stylesheet, script, fetch, websocket, ...
    blocked: bool  # True when the address was not on this machine, so the request never left


@dataclass
class PageReport:
    path: Path
    violations: list[dict] | None = None  # axe-core violations, when asked for
    scripts: list[str] | None = None      # what showed that a script ran, when asked for
    requests: list[Request] = field(default_factory=list)  # all but the file itself, in order
    screenshot: Path | None = None
    ms: int = 0                           # time taken for this page, browser start not included


def check_pages(paths: list[Path] | tuple[Path, ...], *, axe: bool = True, scripts: bool = True,
                screenshot_dir: Path | None = None, width: int = 1280,
                tags: tuple[str, ...] = WCAG_TAGS, settle_ms: int = SETTLE_MS,
                timeout_s: float = 30) -> dict[Path, PageReport]:
    """Load each file, one after another, in one browser, each in a fresh browser context.

    Always records the requests each page makes; runs axe-core (`tags`) if `axe`; records script
    activity if `scripts`; saves a full-page PNG per page into `screenshot_dir` if given (named
    after the page). Returns a report per page, keyed by the path as given."""
    node = require_browser()
    paths = list(paths)
    jobs = []
    for p in paths:
        p = Path(p).resolve()
        if not p.is_file():
            raise FileNotFoundError(p)
        shot = None
        if screenshot_dir is not None:
            Path(screenshot_dir).mkdir(parents=True, exist_ok=True)
            shot = str(Path(screenshot_dir).resolve() / (p.stem + ".png"))
        jobs.append({"path": str(p), "axe": axe, "scripts": scripts, "screenshot": shot, "width": width})
    return dict(zip(paths, _run(node, jobs, tags=tags, settle_ms=settle_ms, timeout_s=timeout_s)))


def _run(node: str, jobs: list[dict], *, tags: tuple[str, ...] = WCAG_TAGS, settle_ms: int = SETTLE_MS,
         timeout_s: float = 30) -> list[PageReport]:
    spec = {"pages": jobs, "chromium": str(CHROMIUM), "axeTags": list(tags), "settleMs": settle_ms,
            "sentinel": SENTINEL, "timeoutMs": int(timeout_s * 1000)}
    try:
        proc = subprocess.run([node, str(RUNNER)], input=json.dumps(spec), capture_output=True, text=True,
                              cwd=ROOT, timeout=20 + len(jobs) * (timeout_s + 10))
    except subprocess.TimeoutExpired as e:
        raise RuntimeError(f"the browser check timed out after {e.timeout:.0f} s") from None
    if proc.returncode != 0:
        raise RuntimeError(f"the browser check failed (exit {proc.returncode}):\n{proc.stderr.strip()}")
    out = json.loads(proc.stdout)
    reports = []
    for page in out["pages"]:
        reports.append(PageReport(
            path=Path(page["path"]),
            violations=page["violations"],
            scripts=page["scripts"],
            requests=[Request(**r) for r in page["requests"]],
            screenshot=Path(page["screenshot"]) if page["screenshot"] else None,
            ms=page["ms"],
        ))
    return reports


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
    subresources (file:// ones included), fetches, WebSockets. Requests to anywhere but
    127.0.0.1/localhost/[::1] are in the list too, though they were blocked and never left."""
    return [r.url for r in _one(html_path, axe=False, scripts=False).requests]


def screenshot(html_path: Path, png_path: Path, width: int = 1280) -> Path:
    """Save a full-page screenshot of the page, `width` CSS pixels wide, as PNG; returns its path."""
    png_path = Path(png_path).resolve()
    png_path.parent.mkdir(parents=True, exist_ok=True)
    node = require_browser()
    p = Path(html_path).resolve()
    if not p.is_file():
        raise FileNotFoundError(p)
    _run(node, [{"path": str(p), "axe": False, "scripts": False, "screenshot": str(png_path), "width": width}])
    return png_path


def format_violations(violations: list[dict]) -> str:
    """A readable summary of axe violations, for an assertion message."""
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v.get('impact')}): {v['help']} [{v.get('helpUrl', '')}]")
        for node in v.get("nodes", [])[:5]:
            lines.append(f"    {' '.join(map(str, node.get('target', [])))}: {node.get('html', '')[:160]}")
        if len(v.get("nodes", [])) > 5:
            lines.append(f"    ... and {len(v['nodes']) - 5} more")
    return "\n".join(lines)
