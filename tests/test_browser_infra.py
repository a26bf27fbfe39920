"""Tests of the browser helpers (tests/browser.py) themselves, on fixture pages in data/browser/:
that axe finds known violations and none on a clean page, that script execution is seen (and
none reported where none ran), and that every request is recorded and blocked: nothing is reached,
not even a server on this machine."""

from __future__ import annotations

import struct
from pathlib import Path
from typing import Iterator

import pytest

import browser
from counting_server import CountingServer
from browser import (
    PageReport, axe_violations, check_pages, format_violations, requests_made, screenshot, scripts_that_ran,
)

FIXTURES = Path(__file__).resolve().parent / "data" / "browser"
PAGES = ["clean.html", "violations.html", "script_alert.html", "script_sentinel.html",
         "script_blocked_by_csp.html"]


@pytest.fixture(scope="module")
def local_server() -> Iterator[CountingServer]:
    """A server on 127.0.0.1 (a free port) that answers any request and counts the connections made to it."""
    with CountingServer() as server:
        yield server


@pytest.fixture(scope="module")
def requests_page(tmp_path_factory, local_server) -> Path:
    """requests.html.tmpl with the local server's port filled in."""
    page = tmp_path_factory.mktemp("browser") / "requests.html"
    page.write_text((FIXTURES / "requests.html.tmpl").read_text(encoding="utf-8").replace("{PORT}",
                                                                                         str(local_server.port)),
                    encoding="utf-8")
    return page


@pytest.fixture(scope="module")
def reports(requests_page, local_server) -> dict[str, PageReport]:
    """Every fixture page, checked in one browser (so one start for all): axe, scripts and requests."""
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


def test_every_request_is_recorded_and_blocked_this_machines_included(reports, local_server):
    port = local_server.port
    by_url = {r.url: r for r in reports["requests.html"].requests}
    local = f"http://127.0.0.1:{port}/x.png"
    assert set(by_url) == {local, "http://blocked.invalid/y.png", f"https://blocked.invalid:{port}/z.png"}
    assert all(r.blocked for r in by_url.values()), by_url
    assert by_url[local].type == "image"
    assert reports["requests.html"].blocked() == reports["requests.html"].requests
    assert local_server.connections == 0  # the server on this machine was never reached


def test_requests_made_alone(requests_page, local_server):
    port = local_server.port
    assert requests_made(requests_page) == [f"http://127.0.0.1:{port}/x.png", "http://blocked.invalid/y.png",
                                            f"https://blocked.invalid:{port}/z.png"]
    assert local_server.connections == 0


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
    assert all(v["width"] in (320, 1280) for v in (bad.violations or []) + (good.violations or []))
    assert good.violations == []
