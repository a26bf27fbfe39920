"""Preview: a plan's page served on 127.0.0.1, rendered again each time the file is saved.

The open browser tab reloads by itself (a small script that only the preview adds; published
pages have none). When the saved file has errors, the page keeps the last good render and
shows the diagnostics on top, each with its line and how to fix it, in a region that screen
readers announce.
"""

from __future__ import annotations

import html
import mimetypes
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable

from plancc.diagnostics import Diagnostic, Severity
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
    version: int = 0
    rendered_at: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def refresh(self) -> None:
        """Render the plan again; keep the last good page when this one has errors."""
        result = render_plan(self.plan, site=self.site, theme=self.theme, assets="/assets/")
        with self.lock:
            if result.html is not None:
                self.good_html = result.html
            self.diagnostics = result.diagnostics
            self.version += 1
            self.rendered_at = time.monotonic()

    def page(self) -> str:
        with self.lock:
            body = self.good_html or ('<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>'
                                      'Preview</title><link rel="stylesheet" href="/assets/plancc.css"></head><body>'
                                      '<div class="width-container"><main id="main-content"><h1>No page yet</h1>'
                                      "<p>Fix the problems above and save the file.</p></main></div></body></html>")
            banner = _banner(self.diagnostics, has_page=self.good_html is not None)
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
        f"<li><strong>Line {d.line}, column {d.column}:</strong> {html.escape(d.message)}"
        f"{' <em>Found: ' + html.escape(str(d.value)) + '</em>' if d.value is not None and not isinstance(d.value, (dict, list)) else ''}"
        f"{'<br>How to fix it: ' + html.escape(d.hint) if d.hint else ''} <span class=\"caption\">[{d.rule}]</span></li>"
        for d in shown)
    role = "alert" if errors else "status"
    return (f'<div class="preview-problems preview-problems--{kind}" role="{role}" aria-live="assertive">'
            f'<p class="preview-problems__heading">{html.escape(heading)}</p><ol>{items}</ol></div>')


def _handler(state: PreviewState) -> type[BaseHTTPRequestHandler]:
    assets = [d / "assets" for d in template_dirs(state.theme)]

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
            if self.path in ("/", "/index.html"):
                self._send(200, "text/html; charset=utf-8", state.page().encode("utf-8"))
            elif self.path == "/version":
                self._send(200, "text/plain", str(state.version).encode())
            elif self.path.startswith("/assets/"):
                self._asset(self.path[len("/assets/"):])
            else:
                self._send(404, "text/plain", b"Not found")

        def _asset(self, name: str) -> None:
            for folder in assets:
                path = (folder / name).resolve()
                if path.is_file() and path.is_relative_to(folder.resolve()):
                    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                    self._send(200, kind, path.read_bytes())
                    return
            self._send(404, "text/plain", b"Not found")

        def _send(self, status: int, kind: str, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Cache-Control", "no-store")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            """Quiet: the terminal shows what changed, not every request."""

    return Handler


def serve(state: PreviewState, port: int, on_render: Callable[[PreviewState], None],
          stop: threading.Event | None = None) -> ThreadingHTTPServer:
    """Start the server and the file watcher (both in background threads); return the server."""
    from watchfiles import watch

    server = ThreadingHTTPServer(("127.0.0.1", port), _handler(state))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    stop = stop or threading.Event()

    def watcher() -> None:
        folder = state.plan.resolve().parent
        for changes in watch(folder, stop_event=stop, debounce=50, step=20, rust_timeout=500):
            if any(Path(path).resolve() == state.plan.resolve() for _, path in changes):
                state.refresh()
                on_render(state)

    threading.Thread(target=watcher, daemon=True).start()
    return server
