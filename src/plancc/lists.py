"""A list said in words: 'a', 'a and b', 'a, b and c'.

It lives apart from plancc.diff so that the cross-checks can use it without importing the diff
(and through it the page renderer and Markdown), which a check does not need.
"""

from __future__ import annotations

from typing import Iterable


def join(words: Iterable[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = list(words)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
