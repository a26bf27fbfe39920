"""Fingerprints for SARIF results that stay the same when lines move.

GitHub code scanning tells whether a result of one run is an alert it already has by the result's
`partialFingerprints.primaryLocationLineHash`, the only fingerprint it reads. plancc's is a hash of
the rule, the file, where the value sits in the plan's YAML (its path, such as
/risks/[ref=R1]/rating, with a list item named by its id, ref or period where it has one) and the
value itself, never the line number: blank lines, comments or new blocks above it, and reordered
list items, leave it alone, while a changed value makes a new one. Where the YAML cannot be read,
or nothing starts where the result points, the text of its line stands in for the path. A count
after a colon tells apart results that would otherwise share a fingerprint, as CodeQL's do.

(codeql-action's upload-sarif fills in primaryLocationLineHash only where a result has none, from
the next 100 characters of the file at the result's line, so an edit just below a finding would
make a new alert; it keeps plancc's, and says in its log that it computed another.)
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

import yaml

from plancc.diagnostics import Span

Places = dict[tuple[int, int], tuple[str, str]]  # (line, column) from 1 -> (YAML path, scalar text or "")
_NAMING_KEYS = ("id", "ref", "period")  # a list item with one of these is named by it, not its position


def _source(file: str) -> tuple[list[str], Places]:
    """A file's lines and where each of its keys and values starts (no places when it is not readable YAML)."""
    from plancc.load.values import compose

    try:
        with open(file, encoding="utf-8", errors="replace") as handle:
            text = handle.read().removeprefix("\ufeff")  # as the loader reads it, so columns agree
    except OSError:
        return [], {}
    places: Places = {}
    try:
        root = compose(text)
    except (yaml.YAMLError, RecursionError):
        return text.split("\n"), places
    if root is not None:
        _walk(root, "", places)
    return text.split("\n"), places


def _walk(node: yaml.Node, path: str, places: Places) -> None:
    """Record where `node` and everything in it starts; a place keeps the first (outermost) path found."""
    start = (node.start_mark.line + 1, node.start_mark.column + 1)
    places.setdefault(start, (path or "/", node.value if isinstance(node, yaml.ScalarNode) else ""))
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            name = f"{path}/{key.value if isinstance(key, yaml.ScalarNode) else '?'}"
            _walk(key, name, places)
            _walk(value, name, places)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, f"{path}/[{_item_name(item, index)}]", places)


def _item_name(item: yaml.Node, index: int) -> str:
    if isinstance(item, yaml.MappingNode):
        for key, value in item.value:
            if isinstance(key, yaml.ScalarNode) and key.value in _NAMING_KEYS and isinstance(value, yaml.ScalarNode):
                return f"{key.value}={value.value}"
    return str(index)


class Fingerprints:
    """Fingerprints for the results of one run, counting those that would otherwise be the same."""

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}
        self.sources: dict[str, tuple[list[str], Places]] = {}

    def __call__(self, rule: str, file: str, uri: str, span: Span | None, value: Any) -> dict[str, str]:
        """The partialFingerprints of a result of `rule` at `span` in `file` (written `uri` in the log)."""
        if file not in self.sources:
            self.sources[file] = _source(file)
        where, found = _where(*self.sources[file], span)
        shown = found or (str(value) if isinstance(value, (str, int, float, bool)) else "")
        digest = hashlib.sha256(json.dumps([rule, uri, where, shown]).encode("utf-8")).hexdigest()[:32]
        self.seen[digest] = self.seen.get(digest, 0) + 1
        return {"primaryLocationLineHash": f"{digest}:{self.seen[digest]}"}


def _where(lines: list[str], places: Places, span: Span | None) -> tuple[str, str]:
    """Where a result is, without its line number: the YAML path and value there, else its line's text
    with how many identical lines come before it."""
    if span is None:
        return "", ""
    if (span.line, span.column) in places:
        return places[(span.line, span.column)]
    if not 1 <= span.line <= len(lines):
        return "", ""
    text = lines[span.line - 1].strip()
    earlier = sum(1 for line in lines[: span.line - 1] if line.strip() == text)
    return f"line {text} #{earlier}", ""
