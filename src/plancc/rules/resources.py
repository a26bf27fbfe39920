"""Rule: narrative text does not pull in images or files from other addresses."""

from __future__ import annotations

import re
from typing import Any, Iterator

from plancc.diagnostics import Severity
from plancc.model.plan import Path_
from plancc.rules import Context, Problem, rule

_REMOTE = re.compile(r"!\[[^\]]*\]\(\s*<?([a-zA-Z][a-zA-Z0-9+.-]*:[^)\s>]*)|<img[^>]*\ssrc\s*=\s*[\"']?([a-zA-Z][a-zA-Z0-9+.-]*:[^\"'\s>]*)",
                     re.IGNORECASE)


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
    for path, text in _strings(ctx.plan.data, ()):
        for match in _REMOTE.finditer(text):
            url = match.group(1) or match.group(2)
            yield Problem(path, f"The text shows an image from {url}; plancc does not fetch anything from another "
                          "address while it builds a plan.",
                          hint="Say in words what the image shows, or make it a link: remove the ! before [.",
                          value=url)
