"""Preview: a plan's page served on 127.0.0.1, rendered again each time the file is saved.

The open browser tab reloads by itself (a small script that only the preview adds; published
pages have none). When the saved file has errors, the page keeps the last good render and
shows the diagnostics on top, each with its line and how to fix it, in a region that screen
readers announce.
"""

from __future__ import annotations

import html
import mimetypes
import os
import threading
import time
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Callable

from plancc.diagnostics import Diagnostic, Severity, error
from plancc.preview_http import TEXT, QuietServer, Response, Route, make_handler, note, one_line, text
from plancc.render.env import template_dirs
from plancc.render.page import render_plan

RELOAD_SCRIPT = ("<script>(function(){var v=%d;function poll(){fetch('/version').then(function(r){return r.text()})"
                 ".then(function(t){if(+t!==v){location.reload()}else{setTimeout(poll,300)}})"
                 ".catch(function(){setTimeout(poll,1000)})}setTimeout(poll,300)})();</script>")


@dataclass
class PreviewState:
    """The last good page, the diagnostics of the last save, and a version that changes on each render."""

    plan: Path
    theme: Path | None = None
    site: dict[str, object] = field(default_factory=dict)
    good_html: str | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    failure: str | None = None  # the one-line error of a stage that failed on the last save (plancc's fault)
    version: int = 0
    rendered_at: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def refresh(self) -> None:
        """Render the plan again; keep the last good page when this one has errors or cannot be made.

        A user's mistake never raises, so an exception here is plancc's own fault: it is shown on
        the page (and the terminal) as such, and the next save is rendered as usual.
        """
        try:
            result = render_plan(self.plan, site=self.site, theme=self.theme, assets="/assets/")
            page, diagnostics, failure = result.html, result.diagnostics, None
        except Exception as exc:  # noqa: BLE001 - the preview must outlive any failure of a stage
            page, diagnostics, failure = None, [], one_line(exc)
        if page is None and failure is None and not os.path.lexists(self.plan):
            diagnostics = [_gone(self.plan)]
        with self.lock:
            if page is not None:
                self.good_html = page
            self.diagnostics = diagnostics
            self.failure = failure
            self.version += 1
            self.rendered_at = time.monotonic()

    def page(self) -> str:
        with self.lock:
            body = self.good_html or ('<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>'
                                      'Preview</title><link rel="stylesheet" href="/assets/plancc.css"></head><body>'
                                      '<div class="width-container"><main id="main-content"><h1>No page yet</h1>'
                                      "<p>Fix the problems above and save the file.</p></main></div></body></html>")
            banner = (_failure_banner(self.failure, has_page=self.good_html is not None) if self.failure
                      else _banner(self.diagnostics, has_page=self.good_html is not None))
            script = RELOAD_SCRIPT % self.version
        main = body.find("<main")
        if main >= 0:
            body = body[:main] + banner + body[main:]
        return body.replace("</body>", script + "</body>", 1)


def _banner(diagnostics: list[Diagnostic], has_page: bool) -> str:
    """The problems of the last save, above the page, announced to screen readers."""
    diagnostics = sorted(diagnostics, key=Diagnostic.sort_key)
    errors = [d for d in diagnostics if d.severity is Severity.ERROR]
    shown = errors or [d for d in diagnostics if d.severity is Severity.WARNING]
    if not shown:
        return '<div class="preview-status" role="status">Preview: the plan has no problems.</div>'
    kind = "error" if errors else "warning"
    heading = (f"The plan has {len(errors)} error{'s' if len(errors) != 1 else ''}: "
               + ("the page below is the last version without errors." if has_page else "no page can be shown yet.")
               if errors else f"The plan has {len(shown)} warning{'s' if len(shown) != 1 else ''}.")
    items = "".join(
        f"<li><strong>{_where(d)}:</strong> {html.escape(d.message)}"
        f"{' <em>Found: ' + html.escape(str(d.value)) + '</em>' if d.value is not None and not isinstance(d.value, (dict, list)) else ''}"
        f"{'<br>How to fix it: ' + html.escape(d.hint) if d.hint else ''} <span class=\"caption\">[{d.rule}]</span></li>"
        for d in shown)
    role = "alert" if errors else "status"
    return (f'<div class="preview-problems preview-problems--{kind}" role="{role}" aria-live="assertive">'
            f'<p class="preview-problems__heading">{html.escape(heading)}</p><ol>{items}</ol></div>')


def _where(diagnostic: Diagnostic) -> str:
    """Where a problem is, for the banner: its line and column, or the whole file when it has no place."""
    return f"Line {diagnostic.line}, column {diagnostic.column}" if diagnostic.span else "Whole file"


def _gone(plan: Path) -> Diagnostic:
    return error("file-unreadable", f"The file {plan} is not there any more (deleted or renamed).", str(plan),
                 hint="Save it again (or rename it back) to see the page.")


def _failure_banner(failure: str, has_page: bool) -> str:
    """A stage failed on the last save: plancc's fault, said so, with the error in one line."""
    shown = "The page below is the last version that could be shown." if has_page else "No page can be shown yet."
    return ('<div class="preview-problems preview-problems--error" role="alert" aria-live="assertive">'
            '<p class="preview-problems__heading">plancc could not show this save: this is a fault in plancc, '
            f'not in your plan. {shown} Save again to retry; if it happens again, please report it.</p>'
            f'<p><code>{html.escape(failure)}</code></p></div>')


def status_line(state: PreviewState) -> str:
    """What the last save gave, in one line for the terminal."""
    with state.lock:
        failure, diagnostics = state.failure, list(state.diagnostics)
    if failure:
        return f"plancc could not show this save (a fault in plancc, not in your plan): {failure}"
    errors = [d for d in diagnostics if d.severity is Severity.ERROR]
    whole = next((d for d in errors if d.span is None), None)
    if whole is not None:
        return f"{whole.message} {whole.hint or ''}".strip()
    if errors:
        return f"{len(errors)} error{'s' if len(errors) != 1 else ''}, showing the last good page"
    return "page updated"


def _router(state: PreviewState) -> Route:
    """The preview's pages: the plan, its version (polled by the reload script) and the assets."""
    folders = [(d / "assets").resolve() for d in template_dirs(state.theme)]

    def route(parts: list[str]) -> Response:
        if parts in (["", ], ["index.html"]):
            return Response(200, "text/html; charset=utf-8", state.page().encode("utf-8"))
        if parts == ["version"]:
            return Response(200, TEXT, str(state.version).encode())
        if len(parts) > 1 and parts[0] == "assets" and all(parts[1:]):
            found = _asset(folders, parts[1:])
            if found is not None:
                kind = mimetypes.guess_type(found.name)[0] or "application/octet-stream"
                return Response(200, kind, found.read_bytes())
        return text(404, "Not found.")

    return route


def _asset(folders: list[Path], parts: list[str]) -> Path | None:
    """The asset file named by `parts`, in the first folder that has it and truly under that folder."""
    for folder in folders:
        try:
            path = folder.joinpath(*parts).resolve()
            if path.is_relative_to(folder) and path.is_file():
                return path
        except (OSError, ValueError):  # a name too long for the file system
            continue
    return None


def serve(state: PreviewState, port: int, on_render: Callable[[PreviewState], None],
          stop: threading.Event | None = None) -> ThreadingHTTPServer:
    """Start the server and the file watcher (both in background threads); return the server."""
    server = QuietServer(("127.0.0.1", port), make_handler(_router(state)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    stop = stop or threading.Event()
    threading.Thread(target=_watch, args=(state, on_render, stop), daemon=True).start()
    return server


def _watch(state: PreviewState, on_render: Callable[[PreviewState], None], stop: threading.Event) -> None:
    """Render the plan again each time its file changes, until `stop`; no failure ends the watching."""
    from watchfiles import watch

    folder = state.plan.resolve().parent
    while not stop.is_set():
        try:
            for changes in watch(folder, stop_event=stop, debounce=50, step=20, rust_timeout=500):
                _on_changes(state, on_render, {path for _, path in changes})
        except Exception as exc:  # noqa: BLE001 - the watcher must outlive anything, e.g. its folder going
            note(f"watching {folder} failed ({one_line(exc)}); trying again")
            stop.wait(1.0)


def _on_changes(state: PreviewState, on_render: Callable[[PreviewState], None], paths: set[str]) -> None:
    try:
        plan = state.plan.resolve()
        if not any(Path(path).resolve() == plan for path in paths):
            return
        state.refresh()
        on_render(state)
    except Exception as exc:  # noqa: BLE001 - a failure after one save must not stop the next
        note(f"the preview could not handle a save (a bug in plancc): {one_line(exc)}")
