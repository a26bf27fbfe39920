"""The browser check fetches nothing: not from the internet, not from this computer.

A counting server on 127.0.0.1 stands for anything a theme or page might name: it counts every connection
made to it, so a test can prove none was. A second one accepts and never answers, as a stalled local server
would: a build must neither wait for it nor fail with "browser check failed", because nothing reaches it.
A page that asks for an address is told so, named and located, and the new site is not published."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Iterator

import pytest

from browser import check_pages, require_browser
from conftest import ROOT
from counting_server import CountingServer
from plancc.a11y import PageReport, Request
from plancc.a11y.blocked import blocked_requests


@pytest.fixture
def servers() -> Iterator[tuple[CountingServer, CountingServer]]:
    """A server that answers, and one that accepts and never answers (stalled)."""
    with CountingServer() as answering, CountingServer(stalled=True) as stalled:
        yield answering, stalled


def page_asking_for_everything(folder: Path, server: CountingServer, stalled: CountingServer) -> Path:
    """A page that asks the servers for something in every way a page can: in its HTML, in a stylesheet it
    loads from a file, by script, by WebSocket, and by hints the browser follows on its own."""
    url = server.url
    (folder / "local.css").write_text(f"@import url({url}/imported.css);\n"
                                      f"body {{ background-image: url({url}/bg.png); }}\n", encoding="utf-8")
    page = folder / "page.html"
    page.write_text(f"""<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Asks for everything</title>
<link rel="stylesheet" href="{url}/style.css">
<link rel="stylesheet" href="local.css">
<link rel="preconnect" href="{url}"><link rel="dns-prefetch" href="{url}">
<link rel="prefetch" href="{url}/prefetch.png"><link rel="icon" href="{url}/favicon.ico">
<style>@font-face {{ font-family: Far; src: url({url}/font.woff2); }} h1 {{ font-family: Far; }}</style>
</head><body><main><h1>Asks for everything</h1>
<img src="{url}/img.png" alt="near"><img src="{stalled.url}/stalled.png" alt="stalled">
<img srcset="{url}/srcset.png 2x" alt="dense">
<iframe src="{url}/frame.html" title="frame"></iframe>
<video src="{url}/clip.mp4"></video>
<script>
fetch("{url}/fetch").catch(() => {{}});
try {{ new WebSocket("ws://127.0.0.1:{server.port}/socket"); }} catch (e) {{}}
navigator.sendBeacon("{url}/beacon");
</script>
</main></body></html>
""", encoding="utf-8")
    return page


def test_the_browser_check_reaches_no_server_on_this_computer(tmp_path: Path,
                                                             servers: tuple[CountingServer, CountingServer]) -> None:
    server, stalled = servers
    page = page_asking_for_everything(tmp_path, server, stalled)
    report = check_pages([page], axe=True, scripts=True, widths=(320, 1280))[page]  # a stalled load would raise
    assert server.connections == 0 and server.requests == []
    assert stalled.connections == 0
    asked = {r.url: r for r in report.requests}
    for path in ("style.css", "imported.css", "bg.png", "img.png", "srcset.png", "font.woff2", "frame.html",
                 "fetch", "beacon"):
        assert f"{server.url}/{path}" in asked, (path, sorted(asked))
    assert f"{stalled.url}/stalled.png" in asked
    assert asked[f"ws://127.0.0.1:{server.port}/socket"].type == "websocket"
    assert asked[(tmp_path / "local.css").as_uri()].blocked is False  # the page's own file is loaded
    assert {r.url for r in report.blocked()} == {u for u in asked if not u.startswith("file:")}
    # the page's own script ran (it is how fetch and the socket were tried); Chromium's error page for the
    # blocked frame is not counted as a script of the page's
    assert [s for s in report.scripts or [] if "chrome-error" in s] == []

    messages = blocked_requests({page: report}, tmp_path)
    assert len(messages) == len({r.url for r in report.blocked()})  # one per address
    by_address = {m.split(" asks for ", 1)[1].split(" ", 1)[0]: m for m in messages}
    assert by_address[f"{server.url}/bg.png"].startswith("local.css:2:30: error: page.html asks for")
    line = page.read_text(encoding="utf-8").split("\n")[8]  # line 9: <img ...><img src="{stalled.url}...">
    assert by_address[f"{stalled.url}/stalled.png"].startswith(f"page.html:9:{line.index(stalled.url) + 1}: error: ")
    assert "blocked" in by_address[f"{stalled.url}/stalled.png"]


def test_blocked_requests_are_told_once_per_address_with_the_pages_and_where(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "assets").mkdir(parents=True)
    (site / "assets" / "theme.css").write_text("h1 { color: #000; }\n.logo {\n"
                                               "  background: url(HTTP://127.0.0.1:9/Logo.png);\n}\n")
    pages = [site / "index.html", site / "format.html", site / "plans" / "a" / "index.html",
             site / "plans" / "b" / "index.html"]
    for page in pages:
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text('<link rel="stylesheet" href="assets/theme.css">\n<p>\n'
                        '  <img src="https://x.invalid/a?b=1&amp;c=2">\n')
    sheet = Request((site / "assets" / "theme.css").as_uri(), "GET", "stylesheet", False)
    logo = Request("http://127.0.0.1:9/Logo.png", "GET", "image", True)
    tracked = Request("https://x.invalid/a?b=1&c=2", "GET", "image", True)
    socket = Request("ws://127.0.0.1:9/live", "GET", "websocket", True)
    reports = {p: PageReport(p, requests=[sheet, logo, tracked] + ([socket] if p == pages[0] else []))
               for p in pages}

    messages = blocked_requests(reports, site)

    assert len(messages) == 3  # one per address, not one per page
    logo_message, tracked_message, socket_message = messages
    assert logo_message.startswith("assets/theme.css:3:19: error: index.html, format.html, plans/a/index.html "
                                   "and 1 more ask for http://127.0.0.1:9/Logo.png (an image).")
    assert "the browser check blocked the request, and the new site is not published" in logo_message
    assert "hint: Put the file in the theme's assets folder" in logo_message and "url(Logo.png)" in logo_message
    assert tracked_message.startswith("index.html:3:13: error: ")  # found as the page writes it, &amp; and all
    assert socket_message.startswith("index.html: error: index.html asks for ws://127.0.0.1:9/live "
                                     "(a WebSocket connection)")  # written nowhere it can be found: the page
    assert "hint: Remove what asks for it" in socket_message
    assert blocked_requests({pages[0]: PageReport(pages[0], requests=[sheet])}, site) == []


def write_theme(theme: Path, server: CountingServer, stalled: CountingServer) -> None:
    """plancc's own base template with a logo from the stalled server and a stylesheet whose header
    picture comes from the answering one; on screen only, as a logo linking home would be."""
    base = (ROOT / "templates" / "base.html").read_text(encoding="utf-8")
    stylesheet = '<link rel="stylesheet" href="{{ assets }}plancc.css">'
    header = '{% block header %}'
    assert stylesheet in base and header in base
    base = base.replace(stylesheet, stylesheet + '\n<link rel="stylesheet" href="{{ assets }}theme.css">\n'
                        f'{{% if site.home %}}<link rel="preconnect" href="{server.url}">{{% endif %}}')
    base = base.replace(header, header + f'\n    {{% if site.home %}}<img src="{stalled.url}/logo.png" alt="">'
                        '{% endif %}')
    (theme / "assets").mkdir(parents=True)
    (theme / "base.html").write_text(base, encoding="utf-8")
    (theme / "assets" / "theme.css").write_text(
        f"/* The council's header picture */\n@media screen {{\n  .site-header {{ background-image: "
        f"url({server.url}/header.png); }}\n}}\n", encoding="utf-8")


def build(plans: Path, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "plancc", "build", str(plans), "--out", str(out), *extra],
                          cwd=ROOT, capture_output=True, text=True, timeout=600, env={**os.environ, "NO_COLOR": "1"})


def test_a_build_whose_theme_names_this_computer_fetches_nothing_and_is_not_published(
        tmp_path: Path, minimal_text: str, servers: tuple[CountingServer, CountingServer]) -> None:
    require_browser()  # without Chromium the build would skip its check (and say so)
    server, stalled = servers
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "plan.yaml").write_text(minimal_text.replace("status: draft", "status: published"), encoding="utf-8")
    out = tmp_path / "site"
    first = build(plans, out, "--no-a11y")
    assert first.returncode == 0, first.stdout + first.stderr
    published = os.readlink(out)
    index = (out / "index.html").read_text(encoding="utf-8")

    write_theme(tmp_path / "theme", server, stalled)
    (tmp_path / "plancc.yml").write_text(f"theme: {tmp_path / 'theme'}\n", encoding="utf-8")
    result = build(plans, out, "--a11y", "--config", str(tmp_path / "plancc.yml"))

    said = result.stdout + result.stderr
    assert server.connections == 0 and stalled.connections == 0, said
    assert "browser check failed" not in said and "internal error" not in said and "Traceback" not in said
    assert result.returncode == 1, said
    assert "plans/plan.yaml: built" in result.stdout  # the plan itself is fine; its pages asked for files
    assert (f"index.html, format.html and plans/plan/index.html ask for {stalled.url}/logo.png (an image)"
            in result.stderr), said
    assert "assets/theme.css:3:" in result.stderr and f" for {server.url}/header.png (an image)" in result.stderr
    assert "the browser check blocked the request" in result.stderr
    assert "hint: Put the file in the theme's assets folder" in result.stderr
    assert ("The new site was not published: pages ask for 2 address(es) that a build does not fetch. "
            "The previous site is unchanged.") in result.stderr
    assert os.readlink(out) == published and (out / "index.html").read_text(encoding="utf-8") == index
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site-")] == [published]  # nothing staged left
