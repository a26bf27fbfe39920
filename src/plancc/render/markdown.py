"""Narrative Markdown to safe HTML: markdown-it-py renders it, nh3 (ammonia) sanitises it.

markdown-it-py follows CommonMark, which officers' text from Word-like editors fits; nh3 is a
maintained, fast allow-list sanitiser, so no script, style or event handler written into a
plan (or pasted into one) reaches a published page. Links may only be http, https or mailto.
"""

from __future__ import annotations

from functools import lru_cache

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

TAGS = {"p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "blockquote", "code", "pre", "h3", "h4", "h5",
        "h6", "table", "thead", "tbody", "tr", "th", "td", "hr", "sup", "sub", "abbr"}
ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # CommonMark with tables; raw HTML in the text is escaped, never passed through
    return MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")


def _demote_headings(html: str) -> str:
    """Headings written in narrative sit under the page's own h2 sections: h1/h2 become h3."""
    for level in (2, 1):
        html = html.replace(f"<h{level}>", "<h3>").replace(f"</h{level}>", "</h3>")
    return html


def markdown(text: str | None) -> Markup:
    """Safe HTML for a Markdown field (empty for None)."""
    if not text:
        return Markup("")
    html = _demote_headings(_parser().render(text))
    clean = nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES,
                      link_rel="noopener noreferrer", strip_comments=True)
    return Markup(clean)  # noqa: S704 - sanitised by nh3 just above


REFERENCE_TAGS = TAGS | {"h1", "h2"}
REFERENCE_ATTRIBUTES = {**ATTRIBUTES, "a": {"href", "title", "id"}}


def reference_html(text: str) -> Markup:
    """The format reference (docs/format.md, made by plancc docs) as safe HTML for the site.

    Its anchors (<a id>) are kept for its contents list; examples quoted from plans are in code
    blocks, and the whole is still sanitised like any narrative."""
    html = MarkdownIt("commonmark", {"html": True}).enable("table").render(text)
    clean = nh3.clean(html, tags=REFERENCE_TAGS, attributes=REFERENCE_ATTRIBUTES, url_schemes=URL_SCHEMES,
                      link_rel=None, strip_comments=True)
    return Markup(clean)  # noqa: S704 - sanitised by nh3 just above
