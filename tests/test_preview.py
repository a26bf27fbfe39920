"""plancc preview: the page is served on 127.0.0.1, rendered again on save, errors shown over the last good page."""

from __future__ import annotations

import shutil
import threading
import time
import urllib.request
from pathlib import Path

from conftest import PLANS
from plancc.preview import PreviewState, serve


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - a server on 127.0.0.1 the test started
        return response.read().decode("utf-8")


def wait_for_version(base: str, after: int, limit: float = 5.0) -> float:
    started = time.monotonic()
    while time.monotonic() - started < limit:
        if int(fetch(base + "version")) > after:
            return time.monotonic() - started
        time.sleep(0.02)
    raise AssertionError("the preview did not render the saved file")


def test_preview_refreshes_on_save_and_keeps_the_last_good_page(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    shutil.copy(PLANS / "staffordshire-ni16-2010.yaml", plan)
    state = PreviewState(plan)
    state.refresh()
    stop = threading.Event()
    server = serve(state, 0, lambda s: None, stop)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        time.sleep(0.5)  # let the watcher start
        page = fetch(base)
        assert "Serious Acquisitive Crime Delivery Plan</h1>" in page
        assert "location.reload()" in page and 'role="status"' not in page.split("<main")[1]
        assert fetch(base + "assets/plancc.css").startswith("/*")

        text = plan.read_text()
        plan.write_text(text.replace("title: Serious Acquisitive Crime Delivery Plan", "title: Revised plan"))
        seconds = wait_for_version(base, 1)
        assert seconds < 1.0
        assert "Revised plan</h1>" in fetch(base)

        plan.write_text(text.replace("title: Serious Acquisitive Crime Delivery Plan", "title: Revised plan")
                        .replace("status: published", "status: final"))
        wait_for_version(base, 2)
        page = fetch(base)
        assert 'role="alert"' in page
        assert "Line 14, column 9:</strong> Status (&#x27;status&#x27;) must be one of" in page
        assert "Revised plan</h1>" in page  # the last good page, under the problems
    finally:
        stop.set()
        server.shutdown()
