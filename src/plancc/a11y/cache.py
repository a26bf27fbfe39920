"""The accessibility check's cache: a page's report kept, so that a page is not checked in the browser
again while nothing its report depends on has changed.

Used by check_pages when no script is watched and no screenshot is asked for (a build's case). A report
depends on, and its key is made of:

- the page's bytes;
- the tools: axe-core's and playwright-core's package.json (their versions), Chromium's version, and the
  bytes of the runner's .mjs files beside this module;
- the check's settings: axe-core or not, its tags, the widths, the settle time, SMALLEST_TEXT_PX, and
  plancc's version.

An entry also lists every local file the browser loaded for the page (stylesheets, fonts, images, frames,
files a script fetched: the file: requests of its report, the browser's cache being off), by its path
from the page's folder, with a digest of its bytes ("missing" for one that was not there); it is used only
while each of them is as it was. Where the page is does not count: a site built again into another folder
(a build checks its pages in a new staging folder) finds its pages' reports, the addresses of their
requests rewritten to where the page is now.

A report is kept only whole: never a page that could not be checked (it is checked again next time), nor
one whose addresses could not be rewritten exactly. Entries live in `a11y-1/` beside the check cache's
(plancc.cache_store: $PLANCC_CACHE_DIR, PLANCC_NO_CACHE, writing and pruning).
"""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from plancc import __version__
from plancc.a11y import Layout, PageReport, Request
from plancc.cache_store import EntryFolder, blake2b, cache_top

FORMAT = "a11y-1"  # the subfolder, named for the entry format: a new format starts afresh
RUNNERS = Path(__file__).resolve().parent  # the folder of browser_run.mjs and the modules it imports
MISSING = "missing"


@dataclass
class PageCache(EntryFolder):
    """The reports kept in `folder`, for checks whose tools and settings give `setup` (see setup_digest)."""

    setup: str = ""
    _digests: dict[str, str | None] = field(default_factory=dict, repr=False)

    def key(self, page: Path) -> str | None:
        """The key of a page's report: its bytes and the setup; None when the page cannot be read."""
        try:
            raw = page.read_bytes()
        except OSError:
            return None
        digest = blake2b(digest_size=20)
        digest.update(self.setup.encode("ascii") + b"\0")
        digest.update(raw)
        return digest.hexdigest()

    def load(self, page: Path) -> PageReport | None:
        """The report kept for the page, when every file it loaded is as it was; otherwise None."""
        page = page.resolve()
        key = self.key(page)
        data = self.read(key) if key else None
        if data is None:
            return None
        try:
            entry = json.loads(data)
            files: dict[str, str] = entry["files"]
            if entry["key"] != key or any(self.digest(page.parent / rel) != kept for rel, kept in files.items()):
                return None
            return PageReport(path=page, violations=entry["violations"], scripts=None,
                              requests=[_request(item, page.parent) for item in entry["requests"]],
                              layouts=[Layout(**item) for item in entry["layouts"]], cached=True)
        except Exception:  # noqa: BLE001 - whatever is wrong with an entry (cut short, garbled, old), it is a miss
            return None

    def store(self, report: PageReport) -> None:
        """Keep a report that is whole: the page was checked, and each file it loaded can be named again."""
        if report.failure or report.scripts is not None or report.screenshot is not None:
            return
        page = report.path.resolve()
        key = self.key(page)
        requests = [_relative(r, page.parent) for r in report.requests]
        files = {str(item["rel"]): self.digest(page.parent / str(item["rel"]))
                 for item, r in zip(requests, report.requests) if item is not None and "rel" in item and not r.blocked}
        if key is None or None in requests or None in files.values():
            return
        entry = {"key": key, "files": files, "violations": report.violations, "requests": requests,
                 "layouts": [asdict(layout) for layout in report.layouts]}
        self.write(key, json.dumps(entry, separators=(",", ":")))

    def digest(self, path: Path) -> str | None:
        """A digest of a file's bytes; MISSING when there is none; None when it cannot be read (a folder)."""
        name = os.path.normpath(path)
        if name not in self._digests:
            self._digests[name] = _file_digest(name)
        return self._digests[name]


def open_page_cache(settings: dict[str, object], modules: Path, chromium: Path,
                    enabled: bool = True) -> PageCache | None:
    """The cache for this check, in $PLANCC_CACHE_DIR or .plancc_cache here; None when turned off."""
    top = cache_top(enabled)
    if top is None:
        return None
    cache = PageCache(top / FORMAT)
    cache.setup = setup_digest(settings, modules, chromium_version(chromium, cache), cache)
    return cache


def setup_digest(settings: dict[str, object], modules: Path, chromium: str, cache: PageCache) -> str:
    """A digest of what every page's report depends on besides the page: the tools and the check's settings."""
    tools = [modules / "axe-core" / "package.json", modules / "playwright-core" / "package.json",
             *sorted(RUNNERS.glob("*.mjs"))]
    said = {"format": FORMAT, "plancc": __version__, "chromium": chromium, "settings": settings,
            "tools": {path.name if path.suffix == ".mjs" else path.parent.name: cache.digest(path) for path in tools}}
    return blake2b(json.dumps(said, sort_keys=True).encode(), digest_size=20).hexdigest()


def chromium_version(chromium: Path, cache: EntryFolder) -> str:
    """What `chromium --version` says (about 0.1 s), remembered in the cache for the same executable: the same
    path, size, times of change and inode (an upgrade replaces the file, and so changes them)."""
    try:
        real = chromium.resolve()
        found = os.stat(real)
    except OSError:
        return MISSING
    stamp = "\0".join(map(str, (real, found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_ino)))
    name = "chromium-" + blake2b(stamp.encode("utf-8", "surrogateescape"), digest_size=20).hexdigest()
    kept = cache.read(name)
    try:
        return str(json.loads(kept)) if kept else _ask_version(chromium, name, cache)
    except ValueError:
        return _ask_version(chromium, name, cache)


def _ask_version(chromium: Path, name: str, cache: EntryFolder) -> str:
    try:
        run = subprocess.run([str(chromium), "--version"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return "unknown " + name  # not kept: asked again next time
    version = run.stdout.strip()
    if run.returncode != 0 or not version:
        return "unknown " + name
    cache.write(name, json.dumps(version))
    return version


def _file_digest(name: str) -> str | None:
    try:
        with open(name, "rb") as handle:
            return blake2b(handle.read(), digest_size=20).hexdigest()
    except (FileNotFoundError, NotADirectoryError):
        return MISSING
    except OSError:
        return None


def _relative(request: Request, folder: Path) -> dict[str, object] | None:
    """A request as an entry keeps it: a file's address as its path from the page's folder (None when the
    address would not come back the same), any other address as it is."""
    said = {"method": request.method, "type": request.type, "blocked": request.blocked}
    if urlsplit(request.url).scheme != "file":
        return {"url": request.url, **said}
    cut = min((i for i in (request.url.find("?"), request.url.find("#")) if i >= 0), default=len(request.url))
    path = unquote(urlsplit(request.url[:cut]).path)
    item = {"rel": os.path.relpath(path, folder), "tail": request.url[cut:], **said}
    return item if _request(item, folder).url == request.url else None


def _request(item: dict[str, object], folder: Path) -> Request:
    """A request kept in an entry, for the page in `folder`."""
    url = item.get("url")
    if url is None:
        url = Path(os.path.normpath(folder / str(item["rel"]))).as_uri() + str(item["tail"])
    return Request(url=str(url), method=str(item["method"]), type=str(item["type"]), blocked=item["blocked"] is True)
