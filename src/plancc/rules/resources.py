"""Rule: narrative text does not pull in images or files from other addresses."""

from __future__ import annotations

import re
from typing import Any, Iterator

from plancc.diagnostics import Severity
from plancc.model.plan import Path_
from plancc.rules import Context, Problem, rule

# Each pattern's runs are disjoint (an image's text stops at the next bracket, a tag at the next < or >),
# so the time taken grows with the text's length, never with its square: "<img " 32,000 times is read once.
# An address is remote when it has a scheme (https:, file:) or starts with two slashes (//host/x.png, which a
# browser reads as on another host; a backslash counts as a slash there).
_MARKDOWN_IMAGE = re.compile(r"!\[[^\[\]]*\]\(\s*<?([a-zA-Z][a-zA-Z0-9+.-]*:[^)\s>]*|[/\\]{2}[^)\s>]*)")
_IMG_TAG = re.compile(r"<img\b([^<>]*)", re.IGNORECASE)
_SRC = re.compile(r"\ssrc\s*=\s*[\"']?([a-zA-Z][a-zA-Z0-9+.-]*:[^\"'\s>]*|[/\\]{2}[^\"'\s>]*)", re.IGNORECASE)


def remote_urls(text: str) -> Iterator[str]:
    """The addresses of images in Markdown or HTML text that are not within the plan (a scheme, or //host)."""
    if "![" in text:
        yield from (m.group(1) for m in _MARKDOWN_IMAGE.finditer(text))
    if "<" in text:
        for tag in _IMG_TAG.finditer(text):
            found = _SRC.search(tag.group(1))
            if found:
                yield found.group(1)


def _may_show_images(text: str | None) -> bool:
    """Whether any value read from a file with this text could hold an image: only one with '![' or '<' can,
    and a value has them only where the file does, or by an escape (a backslash) in a quoted value. Saves
    walking every value of the many plans that have neither."""
    return text is None or "![" in text or "<" in text or "\\" in text


def _strings(value: Any, path: Path_) -> Iterator[tuple[Path_, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, path + (index,))


@rule("remote-resource", Severity.ERROR)
def remote_resource(ctx: Context) -> Iterator[Problem]:
    """Text refers to an image at another address (http, https, a file elsewhere), which plancc never fetches.

    Published pages and PDFs are made only from the plan and plancc's own templates: nothing
    is fetched from another server while a plan is built, so a page never depends on, or leaks
    its readers to, another site.

    Fails:   summary: "![Map of hotspots](https://example.org/map.png)"
    Passes:  summary: "[Map of hotspots](https://example.org/map.png)" (a link, not an image)
    Fix:     describe what the image shows in words, or link to it: [Map of hotspots](https://example.org/map.png)
    """
    if not _may_show_images(ctx.plan.source.text):
        return
    for path, text in _strings(ctx.plan.data, ()):
        for url in remote_urls(text):
            yield Problem(path, f"The text shows an image from {url}; plancc does not fetch anything from another "
                          "address while it builds a plan.",
                          hint="Say in words what the image shows, or make it a link: remove the ! before [.",
                          value=url)
