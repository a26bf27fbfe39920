"""Text shown as written in Markdown: plain words escaped, and code spans."""

from __future__ import annotations

import re

_SPECIAL = re.compile(r"([\\`*\[\]<>|])|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")


def escape(text: str) -> str:
    """Text shown as written, not read as Markdown (a description may show Markdown, e.g. **bold**)."""
    return _SPECIAL.sub(lambda m: "\\" + m.group(0), " ".join(text.split()))


def code(text: str) -> str:
    """Text as a code span, even when it holds a backtick."""
    return f"`` {text} ``" if "`" in text else f"`{text}`"
