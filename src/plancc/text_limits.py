"""How much text a plan may hold: a limit for one value and one for the whole plan.

A plan's text is rendered as Markdown, cleaned (nh3) and wrapped for charts. Those libraries are
linear at best, and slow on some shapes of text (thousands of '![' in a row cost about 0.1 ms a
character), so a 5 MiB field could keep a render busy for minutes. The largest example plans hold
34,000 characters (keys and values) and no value over 3,200, and the generated 108-page plan
of the benchmarks several times that, so the limits keep one value to seconds; a plan of the slowest text
(50 values of 20,000 '![') could still take minutes (to be bounded by counting brackets). Over either, the
value is an error where it is written, saying how long it is and what to do.
"""

from __future__ import annotations

import yaml

from plancc.diagnostics import Diagnostic, error
from plancc.source import node_span

MAX_VALUE = 20_000  # characters in one value (about 3,300 words)
MAX_PLAN = 1_000_000  # characters of text in the whole plan, keys included (about 160,000 words)


def long_texts(root: yaml.Node, file: str) -> list[Diagnostic]:
    """An error for each value over MAX_VALUE characters, and one where the plan's text passes MAX_PLAN."""
    found: list[Diagnostic] = []
    total = 0
    for node in _scalars(root):
        size = len(node.value)
        if size > MAX_VALUE:
            found.append(error(
                "text-too-long", f"This value is {size:,} characters long; a value in a plan may have at most "
                f"{MAX_VALUE:,} (about 3,300 words).", file, node_span(node),
                hint="Shorten it, or put the full text in a document of its own and link to it."))
        elif total <= MAX_PLAN < total + size:
            found.append(error(
                "text-too-long", f"The plan's text passes {MAX_PLAN:,} characters here (about 160,000 words), the "
                "most one plan may hold.", file, node_span(node),
                hint="Split the plan in two, or put long passages in documents of their own and link to them."))
        total += size
    return found


def _scalars(root: yaml.Node) -> list[yaml.ScalarNode]:
    """Every scalar (keys and values) in document order, each node once."""
    found: list[yaml.ScalarNode] = []
    stack: list[yaml.Node] = [root]
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            found.append(node)
        elif isinstance(node, yaml.MappingNode):
            stack.extend(part for pair in reversed(node.value) for part in reversed(pair))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
    return found
