"""What a build's browser check blocked, in words: every address a page asked for, where it is written,
which pages asked for it, and how to fix it.

The browser check loads only the site's own files (see browser_run.mjs): an image, stylesheet, font or
connection from any address, this computer's included, is stopped before it leaves. A page that asks for
one would look different once published, and would tell another site about its readers, so each is
reported as an error."""

from __future__ import annotations

import html
import re
from pathlib import Path, PurePosixPath
from typing import Mapping
from urllib.parse import unquote, urlparse

from plancc.a11y import PageReport, Request
from plancc.diff.words import join

# Chromium's resource types, as a reader would say them
KINDS = {"image": "an image", "stylesheet": "a stylesheet", "font": "a font", "script": "a script",
         "media": "a sound or video", "document": "a page in a frame", "fetch": "data fetched by a script",
         "xhr": "data fetched by a script", "websocket": "a WebSocket connection", "manifest": "a web app manifest",
         "texttrack": "captions", "ping": "a ping", "eventsource": "a stream of events"}
FILES = frozenset({"image", "stylesheet", "font", "script", "media", "texttrack", "manifest", "other"})
SHOWN_PAGES = 3  # pages named in a message; the rest are counted


def blocked_requests(reports: Mapping[Path, PageReport], site: Path) -> list[str]:
    """One message per address the pages asked for and the check blocked (empty when none was), each
    located where the address is written: in the page, or in a stylesheet the page loaded."""
    asked: dict[str, tuple[Request, list[Path]]] = {}
    for page, report in reports.items():
        for request in report.blocked():
            pages = asked.setdefault(request.url, (request, []))[1]
            if page not in pages:  # asked for again (at another width): said once
                pages.append(page)
    return [_message(request, pages, reports[pages[0]], site) for request, pages in asked.values()]


def _message(request: Request, pages: list[Path], first: PageReport, site: Path) -> str:
    where = _written(request.url, pages[0], first, site)
    names = [_site_path(p, site) for p in pages]
    lead = where or names[0]
    return (f"{lead}: error: {_listed(names)} {'asks' if len(names) == 1 else 'ask'} for {request.url} "
            f"({KINDS.get(request.type, 'a file')}). A build fetches nothing, from this computer or anywhere else: "
            f"the browser check blocked the request, and the new site is not published.\n"
            f"  hint: {_hint(request)}")


def _listed(names: list[str]) -> str:
    """"a", "a and b", "a, b and c", "a, b, c and 2 more"."""
    if len(names) > SHOWN_PAGES:
        return f"{', '.join(names[:SHOWN_PAGES])} and {len(names) - SHOWN_PAGES} more"
    return join(names)


def _hint(request: Request) -> str:
    if request.type not in FILES:
        return ("Remove what asks for it (a script or link in the theme's templates): a published page may use "
                "only the site's own files.")
    name = PurePosixPath(unquote(urlparse(request.url).path)).name or "the-file"
    return (f"Put the file in the theme's assets folder and refer to it there: {{{{ assets }}}}{name} in a "
            f"template, url({name}) in a stylesheet in the assets folder. Look for the address in the theme's "
            "templates and stylesheets: a published page may use only the site's own files.")


def _written(url: str, page: Path, report: PageReport, site: Path) -> str | None:
    """Where the address is written, as path:line:column: in the page, or in a stylesheet it loaded."""
    sheets = [Path(unquote(urlparse(r.url).path)) for r in report.requests
              if r.type == "stylesheet" and r.url.startswith("file:")]
    pattern = re.compile("|".join(re.escape(form) for form in dict.fromkeys(
        [html.escape(url), url, url.rstrip("/")])), re.IGNORECASE)
    for source in (page, *sheets):
        try:
            text = source.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        found = pattern.search(text)
        if found:
            line = text.count("\n", 0, found.start()) + 1
            column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
            return f"{_site_path(source, site)}:{line}:{column}"
    return None


def _site_path(path: Path, site: Path) -> str:
    try:
        return Path(path).resolve().relative_to(Path(site).resolve()).as_posix()
    except ValueError:
        return str(path)
