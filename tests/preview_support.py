"""Helpers for the preview tests: a running preview on a free port, raw requests, bounded waits."""

from __future__ import annotations

import shutil
import socket
import threading
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from plancc.preview import PreviewState, serve

WAIT_LIMIT = 15.0  # seconds before a wait for an event gives up (a bound, not a speed target)


@dataclass
class Running:
    """A preview serving `plan` on 127.0.0.1:`port`."""

    state: PreviewState
    plan: Path
    port: int

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def get(self, path: str = "") -> str:
        with urllib.request.urlopen(self.base + path, timeout=10) as response:  # noqa: S310 - our own server
            return str(response.read().decode("utf-8"))

    def version(self) -> int:
        return int(self.get("version"))


@contextmanager
def running_preview(folder: Path, source: Path, on_render: Callable[[PreviewState], None] = lambda s: None,
                    name: str = "plan.yaml") -> Iterator[Running]:
    """Copy `source` into `folder` and serve it (the watcher too) until the block ends."""
    plan = folder / name
    shutil.copy(source, plan)
    state = PreviewState(plan)
    state.refresh()
    stop = threading.Event()
    server = serve(state, 0, on_render, stop)
    try:
        yield Running(state, plan, server.server_address[1])
    finally:
        stop.set()
        server.shutdown()
        server.server_close()


def wait_for(condition: Callable[[], bool], what: str, limit: float = WAIT_LIMIT) -> None:
    """Poll `condition` until it holds; fail naming `what` if it does not within `limit` seconds."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.02)
    raise AssertionError(f"the preview did not {what} within {limit} s")


def save_until_rendered(preview: Running, text: str) -> None:
    """Save `text` until the preview renders it: the first save may come before the watcher has started."""
    deadline = time.monotonic() + WAIT_LIMIT
    while time.monotonic() < deadline:
        before = preview.state.version
        preview.plan.write_text(text, encoding="utf-8")
        try:
            wait_for(lambda: preview.state.version > before, "render", limit=0.5)
            return
        except AssertionError:
            continue
    raise AssertionError("the preview never rendered the saved file")


def raw_request(port: int, request: bytes) -> bytes:
    """Send bytes as they are and read the whole answer, until the server closes the connection."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(request)
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
    return received


def status_of(answer: bytes) -> int:
    """The status code of a raw HTTP answer."""
    assert answer.startswith(b"HTTP/1."), f"not an HTTP answer: {answer[:80]!r}"
    return int(answer.split(b" ", 2)[1])


def body_of(answer: bytes) -> bytes:
    """The body of a raw HTTP answer, checked against its Content-Length (a cut answer fails)."""
    head, _, body = answer.partition(b"\r\n\r\n")
    lengths = [line.split(b":", 1)[1].strip() for line in head.split(b"\r\n") if line.lower().startswith(b"content-length:")]
    assert lengths and int(lengths[0]) == len(body), "the answer was cut short"
    return body
