"""Accessibility and safety checks of pages in a real browser: axe-core in headless Chromium.

Used by `plancc build` (where the tools are installed) and by the tests. Each call starts one
headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core through
browser_run.mjs beside this file), loads the given local files in it, PARALLEL at a time, and closes
it again. A page that does not finish loading (or whose check does not finish) within the time allowed,
30 s a step or PLANCC_PAGE_TIMEOUT seconds, is reported as not checked, in words, and the others are
checked all the same.
The browser reaches no network, this machine's addresses (127.0.0.1, localhost) included: a page
may load files (file:, data:, blob:), and every other request it makes is blocked before it
leaves and recorded (blocked_requests in plancc.a11y.blocked puts them in words).

The tools are found, not installed, here: Chromium, Node.js 20 or newer, and a node_modules
folder with playwright-core and axe-core (scripts/setup installs them with npm ci).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

RUNNER = Path(__file__).resolve().parent / "browser_run.mjs"
CHROMIUM = Path(os.environ.get("PLANCC_CHROMIUM", "/usr/bin/chromium"))

# axe-core rule tags for WCAG 2.2 level AA: every A and AA rule of WCAG 2.0, 2.1 and 2.2.
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")

# An XSS test's payload sets this global; scripts_that_ran reports it if it is set.
SENTINEL = "__plancc_xss"

SETTLE_MS = 250  # how long a page may go on running after its load event before it is looked at
PARALLEL = 2     # pages checked at once, each in a browser context of its own (measured: see check_pages)
TIMEOUT_S = 30.0  # the most each step of a page's check may take (PLANCC_PAGE_TIMEOUT overrides it)

# The widths a published page is checked at: a phone held upright (WCAG 1.4.10 reflow: 320 CSS px,
# which is also 1280 px zoomed to 400%) and a desktop.
WIDTHS = (320, 1280)
SMALLEST_TEXT_PX = 12  # no text drawn smaller than this, charts included


# What to do about a page that could not be checked, by whose doing it more likely was.
HINTS = {"page": "A reader's browser would meet the same page: look in the theme's templates for a script "
                 "that never ends.",
         "check": f"The machine may be busy, or the page very large: PLANCC_PAGE_TIMEOUT=60 gives each step "
                  f"60 s (the default is {TIMEOUT_S:g})."}


class ToolsMissing(RuntimeError):
    """A tool the browser checks need is not installed here; the message says which."""


def node_modules() -> Path | None:
    """The node_modules folder with playwright-core and axe-core: here or above, or above this package."""
    for start in (Path.cwd(), Path(__file__).resolve().parent):
        for folder in (start, *start.parents):
            candidate = folder / "node_modules"
            if all((candidate / p / "package.json").is_file() for p in ("playwright-core", "axe-core")):
                return candidate
    return None


def find_tools() -> tuple[str, Path]:
    """The node command and the node_modules folder; raises ToolsMissing saying what is missing."""
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        raise ToolsMissing(f"Chromium is not installed at {CHROMIUM} (Debian package: chromium)")
    node = shutil.which("node")
    if node is None:
        raise ToolsMissing("Node.js (node) is not installed")
    version = subprocess.run([node, "--version"], capture_output=True, text=True).stdout.strip()
    match = re.match(r"v(\d+)", version)
    if not match or int(match.group(1)) < 20:
        raise ToolsMissing(f"Node.js {version or '?'} is too old for playwright-core (it needs 20 or newer)")
    modules = node_modules()
    if modules is None:
        raise ToolsMissing("the Node packages playwright-core and axe-core are not installed (npm ci)")
    return node, modules


@dataclass
class Request:
    url: str
    method: str
    type: str      # Chromium's resource type: image, stylesheet, script, fetch, websocket, ...
    blocked: bool  # True for anything but a file (file:, data:, blob:): the request never left


@dataclass
class Layout:
    """How a page lays out at one viewport width."""
    width: int
    viewport: int                  # the layout viewport's width (the width less any scroll bar)
    doc_width: int                 # the document's scroll width: wider than the viewport means it scrolls sideways
    spaced_doc_width: int          # the same with WCAG 1.4.12's text-spacing overrides applied
    overflowing: list[str]         # elements reaching past the right edge, not inside a scroll region
    smallest_text: dict | None     # {"px", "text", "element"}: the smallest text as drawn
    unnamed_scrollers: list[str]   # regions that scroll sideways without a name, role or keyboard focus

    def problems(self) -> list[str]:
        """What a reader would meet at this width, in words; empty when the page reflows well."""
        found = []
        if self.doc_width > self.viewport:
            found.append(f"the page is {self.doc_width} px wide at {self.width} px, so it scrolls sideways"
                         + (f" ({', '.join(self.overflowing[:5])})" if self.overflowing else ""))
        if self.spaced_doc_width > self.viewport:
            found.append(f"with wider text spacing (WCAG 1.4.12) the page is {self.spaced_doc_width} px wide "
                         f"at {self.width} px")
        if self.smallest_text and self.smallest_text["px"] < SMALLEST_TEXT_PX:
            t = self.smallest_text
            found.append(f"text drawn at {t['px']} px at {self.width} px wide, under {SMALLEST_TEXT_PX} px: "
                         f"{t['element']} \"{t['text']}\"")
        found += [f"{s} scrolls sideways but has no accessible name, role=region or tabindex=0"
                  for s in self.unnamed_scrollers]
        return found


@dataclass
class PageReport:
    path: Path
    violations: list[dict] | None = None  # axe-core violations, when asked for
    scripts: list[str] | None = None      # what showed that a script ran, when asked for
    requests: list[Request] = field(default_factory=list)  # all but the file itself, in order
    screenshot: Path | None = None
    ms: int = 0                           # time taken for this page, browser start not included
    layouts: list[Layout] = field(default_factory=list)  # one per width, when widths were given
    failure: str | None = None            # why the page could not be checked, in words
    failure_kind: str = "check"           # "page": its load or its own script; "check": a step of the check
    checked_alongside: int = 1            # the most pages checked at once while this one was, itself included
    browser_pid: int | None = None        # the browser's process: one for all the pages of a call
    cached: bool = False                  # read from the cache (plancc.a11y.cache), not checked this time

    def layout_problems(self) -> list[str]:
        """What a reader would meet at each width, in words; first, when the page could not be checked,
        why (so a caller that reports layout problems reports that too, and the page does not pass)."""
        found = [p for layout in self.layouts for p in layout.problems()]
        if self.failure:
            found.insert(0, f"the page could not be checked: {self.failure}. {HINTS[self.failure_kind]}")
        return found

    def blocked(self) -> list[Request]:
        """The requests that were stopped before they left: everything but the page's own files."""
        return [r for r in self.requests if r.blocked]


def check_pages(paths: list[Path] | tuple[Path, ...], *, axe: bool = True, scripts: bool = True,
                screenshot_dir: Path | None = None, width: int = 1280, widths: tuple[int, ...] = (),
                tags: tuple[str, ...] = WCAG_TAGS, settle_ms: int = SETTLE_MS,
                timeout_s: float | None = None, parallel: int = PARALLEL, cache: bool = True) -> dict[Path, PageReport]:
    """Load each file in one browser, `parallel` at a time, each worker in a browser context of its own
    (a page whose scripts are recorded gets a fresh one). PARALLEL = 2 was the quickest of 1-4 on two
    cores for a build's pages (benchmarks/build_speed.py, row gate).

    Always records the requests each page makes; runs axe-core (`tags`) if `axe`; records script
    activity if `scripts`; saves a full-page PNG per page into `screenshot_dir` if given (named
    after the page). With `widths`, axe-core runs and the layout is measured at each width in turn,
    in one load of the page. Each step of a page's check may take `timeout_s` (default TIMEOUT_S, or
    PLANCC_PAGE_TIMEOUT seconds); a page that does not finish, or whose browser tab crashes, has a
    `failure` in words and no results. Returns a report per page, keyed by the path as given.

    With no script watched and no screenshot asked for (a build's check), each page's report is kept in the
    cache and read from it while the page, every file it loaded, the tools and the settings are as they were
    (plancc.a11y.cache; `cache` False or PLANCC_NO_CACHE=1 turns it off): only the other pages go to the
    browser, which is not started when there are none."""
    node, modules = find_tools()
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
        jobs.append({"path": str(p), "axe": axe, "scripts": scripts, "screenshot": shot, "width": width,
                     "widths": list(widths)})
    kept = None
    if cache and not scripts and screenshot_dir is None:
        from plancc.a11y.cache import open_page_cache

        kept = open_page_cache({"axe": axe, "width": width, "widths": list(widths), "tags": list(tags),
                                "settle_ms": settle_ms, "smallest_text_px": SMALLEST_TEXT_PX}, modules, CHROMIUM)
    found = [kept.load(Path(str(job["path"]))) if kept else None for job in jobs]
    missed = [job for job, report in zip(jobs, found) if report is None]
    fresh = run_jobs(node, modules, missed, tags=tags, settle_ms=settle_ms, parallel=parallel,
                     timeout_s=page_timeout() if timeout_s is None else timeout_s) if missed else []
    if kept:
        for report in fresh:
            kept.store(report)
        kept.prune()
    given = iter(fresh)
    return {path: report or next(given) for path, report in zip(paths, found)}


def page_timeout() -> float:
    """TIMEOUT_S, or PLANCC_PAGE_TIMEOUT (seconds) where it is set to a positive number."""
    try:
        given = float(os.environ.get("PLANCC_PAGE_TIMEOUT", ""))
    except ValueError:
        return TIMEOUT_S
    return given if given > 0 else TIMEOUT_S


# The steps of one page's check, each given the timeout: loading it, its fonts, axe-core, and at each
# width a resize, axe-core and the layout; closing it. The whole run is bounded by them all, one page after another.
STEPS = 10


def run_jobs(node: str, modules: Path, jobs: list[dict], *, tags: tuple[str, ...] = WCAG_TAGS,
             settle_ms: int = SETTLE_MS, timeout_s: float = TIMEOUT_S, parallel: int = PARALLEL) -> list[PageReport]:
    """Run the browser engine on a list of page jobs (see browser_run.mjs for their form). When the
    engine itself fails, each page is reported as not checked, saying why."""
    spec = {"pages": jobs, "chromium": str(CHROMIUM), "axeTags": list(tags), "settleMs": settle_ms,
            "sentinel": SENTINEL, "timeoutMs": int(timeout_s * 1000), "parallel": max(1, parallel)}
    bound = 60 + len(jobs) * STEPS * timeout_s
    try:
        proc = subprocess.run([node, str(RUNNER)], input=json.dumps(spec), capture_output=True, text=True,
                              env={**os.environ, "PLANCC_NODE_MODULES": str(modules)}, timeout=bound)
    except subprocess.TimeoutExpired:
        return _not_checked(jobs, f"the browser did not finish within {bound:.0f} s")
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or [f"exit status {proc.returncode}"])[0]
        return _not_checked(jobs, f"the browser stopped ({last})")
    out = json.loads(proc.stdout)
    return [_report(page, out.get("browserPid")) for page in out["pages"]]


def _report(page: dict, browser_pid: int | None) -> PageReport:
    return PageReport(
        path=Path(page["path"]),
        violations=page["violations"],
        scripts=page["scripts"],
        requests=[Request(**r) for r in page["requests"]],
        screenshot=Path(page["screenshot"]) if page["screenshot"] else None,
        ms=page["ms"],
        layouts=[_layout(item) for item in page.get("layouts") or []],
        failure=page.get("failure"),
        failure_kind=page.get("failureKind") or "check",
        checked_alongside=page.get("checkedAlongside", 1),
        browser_pid=browser_pid,
    )


def _not_checked(jobs: list[dict], why: str) -> list[PageReport]:
    return [PageReport(path=Path(job["path"]), failure=why) for job in jobs]


def _layout(item: dict) -> Layout:
    return Layout(width=item["width"], viewport=item["viewport"], doc_width=item["docWidth"],
                  spaced_doc_width=item["spacedDocWidth"], overflowing=item["overflowing"],
                  smallest_text=item["smallestText"], unnamed_scrollers=item["unnamedScrollers"])


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
