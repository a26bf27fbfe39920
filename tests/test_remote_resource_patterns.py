"""The remote-resource rule finds every image from another address, in Markdown and in HTML, and none that
is not there, also in the shapes that made its old pattern take quadratic time (benchmarks/regex_growth.py
shows the time growing with the text, not its square)."""

from __future__ import annotations

import pytest

from plancc.rules.resources import remote_urls


@pytest.mark.parametrize("text, found", [
    ("![Map](https://example.org/map.png)", ["https://example.org/map.png"]),
    ("![Map](<https://example.org/map.png>)", ["https://example.org/map.png"]),
    ('<IMG alt="map" SRC="http://example.org/map.png">', ["http://example.org/map.png"]),
    ("<img src=file:///etc/passwd>", ["file:///etc/passwd"]),
    ("![Map](//example.org/map.png)", ["//example.org/map.png"]),
    ('<img src="//example.org/a.png"> <img src=\\\\example.org\\b.png>', ["//example.org/a.png", "\\\\example.org\\b.png"]),
    ("![Map](map.png) and <img src=\"map.png\"> and ![Map](/maps/map.png)", []),
    ("[Map](https://example.org/map.png)", []),
    ("<img " * 32000, []),
    ("![" * 80000, []),
    ("<img src=" * 20000, []),
    ("![a](" * 32000 + "https://example.org/x.png)", ["https://example.org/x.png"]),
    ("<img " * 1000 + '<img src="https://example.org/late.png">', ["https://example.org/late.png"]),
])
def test_images_from_other_addresses_are_found_and_nothing_else(text: str, found: list[str]) -> None:
    assert list(remote_urls(text)) == found
