"""A loaded plan file: its values, the YAML nodes they came from, and the diagnostics so far.

Positions are not copied out for every value: the YAML node tree is kept, and a value's span
is found by walking it along the value's path, only when a diagnostic or a check needs it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from plancc.diagnostics import Diagnostic, Span

Path_ = tuple[Any, ...]
_Entry = tuple["yaml.Node | None", yaml.Node]


@dataclass
class LoadedPlan:
    """A plan file as loaded: its data, the YAML node tree behind it, and what went wrong."""

    file: str
    text: str | None = None
    data: Any = None
    root: yaml.Node | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # Top-level keys whose block had lines left out to read the rest of a file with YAML errors
    # ("*": a line at the top level that had no key); what is found there may be wrong.
    damaged: set[str] = field(default_factory=set)
    # Top-level keys whose block has an error, so it is left out of the cross-checks ("*": all).
    masked: set[str] = field(default_factory=set)
    _tables: dict[int, dict[str, _Entry]] = field(default_factory=dict, repr=False)

    @property
    def ok(self) -> bool:
        """True when the file was read into a mapping (there may still be diagnostics)."""
        return isinstance(self.data, dict)

    def _table(self, node: yaml.MappingNode) -> dict[str, _Entry]:
        table = self._tables.get(id(node))
        if table is None:
            table = {}
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode) and key_node.value not in table:
                    table[key_node.value] = (key_node, value_node)
            self._tables[id(node)] = table
        return table

    def entry(self, path: Path_) -> _Entry | None:
        """The (key node, value node) at a data path such as ("actions", 3, "due"), if it exists."""
        key_node: yaml.Node | None = None
        node = self.root
        for part in path:
            if isinstance(part, int) and isinstance(node, yaml.SequenceNode) and 0 <= part < len(node.value):
                key_node, node = None, node.value[part]
            elif isinstance(part, str) and isinstance(node, yaml.MappingNode) and part in self._table(node):
                key_node, node = self._table(node)[part]
            else:
                return None
        return (key_node, node) if node is not None else None

    def span(self, path: Path_) -> Span | None:
        """The span of the value at exactly `path`."""
        found = self.entry(path)
        return node_span(found[1]) if found else None

    def key_span(self, path: Path_) -> Span | None:
        """The span of the key whose value is at `path`."""
        found = self.entry(path)
        return node_span(found[0]) if found and found[0] is not None else None

    def span_of(self, path: Path_) -> Span | None:
        """The span of the value at `path`, or of its nearest enclosing value."""
        path = tuple(path)
        while path and self.entry(path) is None:
            path = path[:-1]
        return self.span(path)

    def raw(self, path: Path_) -> str | None:
        """The text a single value was written as (e.g. "10.60" for a number read as 10.6)."""
        found = self.entry(path)
        return found[1].value if found and isinstance(found[1], yaml.ScalarNode) else None


def node_span(node: yaml.Node) -> Span:
    start, end = node.start_mark, node.end_mark
    if end.line > start.line and end.column == 0:  # block values end at the start of the next line
        return Span(start.line + 1, start.column + 1, start.line + 1, start.column + 2)
    return Span(start.line + 1, start.column + 1, end.line + 1, end.column + 1)


