"""Tests of the browser helpers (tests/browser.py) themselves, on fixture pages in data/browser/:
that axe finds known violations and none on a clean page, that script execution is seen (and
none reported where none ran), that requests are recorded and that only this machine is reached."""

from __future__ import annotations

import base64
import http.server
import struct
import threading
from pathlib import Path

import pytest

import browser
from browser import (
    PageReport, axe_violations, check_pages, format_violations, requests_made, screenshot, scripts_that_ran,
)

FIXTURES = Path(__file__).resolve().parent / "data" / "browser"
PAGES = ["clean.html", "violations.html", "script_alert.html", "script_sentinel.html",
         "script_blocked_by_csp.html"]

# An 8x8 PNG, served by the test's HTTP server.
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEUlEQVR4nGOQi1qAFTEMLQkAOd1GAUE19XUAAAAASUVORK5CYII=")


@pytest.fixture(scope="module")
def local_server():
    """An HTTP server on 127.0.0.1 (a free port) that serves PNG for any path and records the paths."""
    seen: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(PNG)))
            self.end_headers()
            self.wfile.write(PNG)

        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], seen
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="module")
def requests_page(tmp_path_factory, local_server) -> Path:
    """requests.html.tmpl with the local server's port filled in."""
    port, _ = local_server
    page = tmp_path_factory.mktemp("browser") / "requests.html"
    page.write_text((FIXTURES / "requests.html.tmpl").read_text(encoding="utf-8").replace("{PORT}", str(port)),
                    encoding="utf-8")
    return page


@pytest.fixture(scope="module")
def reports(requests_page, local_server) -> dict[str, PageReport]:
    """Every fixture page, checked in one browser (so one start for all): axe, scripts and requests."""
    local_server[1].clear()
    by_path = check_pages([FIXTURES / name for name in PAGES] + [requests_page])
    return {path.name: report for path, report in by_path.items()}


# --- Accessibility --------------------------------------------------------------------------

def test_clean_page_has_no_violations(reports):
    violations = reports["clean.html"].violations
    assert violations == [], format_violations(violations)


def test_known_violations_are_found(reports):
    found = {v["id"] for v in reports["violations.html"].violations}
    assert {"image-alt", "label", "color-contrast"} <= found, format_violations(reports["violations.html"].violations)


def test_violations_say_where(reports):
    by_id = {v["id"]: v for v in reports["violations.html"].violations}
    nodes = by_id["image-alt"]["nodes"]
    assert len(nodes) == 1 and nodes[0]["html"].startswith("<img")
    assert "wcag2a" in by_id["image-alt"]["tags"]
    text = format_violations([by_id["color-contrast"]])
    assert "color-contrast" in text and ".faint" in text


def test_axe_violations_alone():
    assert {v["id"] for v in axe_violations(FIXTURES / "violations.html")} >= {"image-alt", "label"}


# --- Scripts --------------------------------------------------------------------------------

def test_page_without_scripts_runs_none(reports):
    # clean.html has '<script>alert(1)</script>' as escaped text: it is shown, not run.
    assert reports["clean.html"].scripts == []
    assert reports["violations.html"].scripts == []


def test_inline_script_is_seen(reports):
    scripts = reports["script_alert.html"].scripts
    assert "dialog alert: 1" in scripts
    assert any(s.startswith("script file://") and "alert(1)" in s for s in scripts), scripts


def test_event_handler_and_sentinel_are_seen(reports):
    scripts = reports["script_sentinel.html"].scripts
    assert any(s.startswith(f"sentinel {browser.SENTINEL}=img onerror") for s in scripts), scripts
    assert any(s.startswith("script file://") and "__plancc_xss" in s for s in scripts), scripts


def test_content_security_policy_is_honoured(reports):
    # The page's CSP forbids inline scripts: the browser must not have run them (and axe, which
    # the helper injects past the CSP, must not count as the page's script).
    assert reports["script_blocked_by_csp.html"].scripts == []


def test_scripts_that_ran_alone():
    assert "dialog alert: 1" in scripts_that_ran(FIXTURES / "script_alert.html")


# --- Requests -------------------------------------------------------------------------------

def test_static_pages_request_nothing(reports):
    # data: images are not requests, and the file itself is not listed.
    for name in ("clean.html", "violations.html", "script_alert.html"):
        assert reports[name].requests == [], name


def test_requests_to_this_machine_are_made_and_others_blocked(reports, local_server):
    port, seen = local_server
    by_url = {r.url: r for r in reports["requests.html"].requests}
    local = f"http://127.0.0.1:{port}/x.png"
    assert set(by_url) == {local, "http://blocked.invalid/y.png", f"https://blocked.invalid:{port}/z.png"}
    assert not by_url[local].blocked and by_url[local].type == "image"
    assert by_url["http://blocked.invalid/y.png"].blocked
    assert by_url[f"https://blocked.invalid:{port}/z.png"].blocked
    assert seen == ["/x.png"]  # only the local request reached a server


def test_requests_made_alone(requests_page, local_server):
    port, _ = local_server
    assert requests_made(requests_page) == [f"http://127.0.0.1:{port}/x.png", "http://blocked.invalid/y.png",
                                            f"https://blocked.invalid:{port}/z.png"]


# --- Screenshots ----------------------------------------------------------------------------

def test_screenshot(tmp_path):
    png = screenshot(FIXTURES / "clean.html", tmp_path / "shots" / "clean.png", width=800)
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert width == 800 and height >= 400


# --- Missing tools: skip locally, fail in CI --------------------------------------------------

def test_missing_chromium_skips_outside_ci(monkeypatch, tmp_path):
    monkeypatch.setattr(browser.a11y, "CHROMIUM", tmp_path / "no-chromium")
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="Chromium is not installed"):
        browser.require_browser()


def test_missing_chromium_fails_in_ci(monkeypatch, tmp_path):
    monkeypatch.setattr(browser.a11y, "CHROMIUM", tmp_path / "no-chromium")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true"):
        browser.require_browser()


def test_layout_measured_at_each_width_finds_what_does_not_reflow() -> None:
    pages = [FIXTURES / "reflow_bad.html", FIXTURES / "reflow_good.html"]
    bad, good = check_pages(pages, axe=True, scripts=False, widths=(320, 1280)).values()
    assert [layout.width for layout in bad.layouts] == [320, 1280]
    phone, desktop = bad.layouts
    assert phone.viewport == 320 and phone.doc_width > 320
    assert any("table" in o for o in phone.overflowing)
    assert phone.smallest_text is not None and phone.smallest_text["px"] < 12
    assert phone.unnamed_scrollers, "the unnamed region that scrolls is found"
    problems = bad.layout_problems()
    assert any("scrolls sideways" in p and "at 320 px" in p for p in problems)
    assert any("under 12 px" in p for p in problems)
    assert desktop.doc_width == desktop.viewport  # the same page fits a desktop
    assert good.layout_problems() == []
    assert [layout.doc_width for layout in good.layouts] == [320, 1280]
    # axe runs at each width; every violation says the width it was found at
    assert all(v["width"] in (320, 1280) for v in bad.violations + good.violations)
    assert good.violations == []
