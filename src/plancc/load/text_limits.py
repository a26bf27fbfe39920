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
from plancc.load.source import node_span

MAX_VALUE = 20_000  # characters in one value (about 3,300 words)
MAX_PLAN = 1_000_000  # characters of text in the whole plan, keys included (about 160,000 words)


def long_texts(root: yaml.Node, file: str, length: int | None = None) -> list[Diagnostic]:
    """An error for each value over MAX_VALUE characters, and one where the plan's text passes MAX_PLAN.

    `length` is the length of the text the nodes were read from, when known: no value is longer than
    its text (escapes and folded lines only shorten it), so when the text is no longer than MAX_PLAN
    the total cannot pass it, and only values over MAX_VALUE are looked for, by a quicker walk.
    """
    if length is not None and length <= MAX_PLAN:
        long = _long_values(root, 2 * length + 2)
        if long is not None:
            return [_too_long(node, file) for node in long]
    found: list[Diagnostic] = []
    total = 0
    for node in _scalars(root):
        size = len(node.value)
        if size > MAX_VALUE:
            found.append(_too_long(node, file))
        elif total <= MAX_PLAN < total + size:
            found.append(error(
                "text-too-long", f"The plan's text passes {MAX_PLAN:,} characters here (about 160,000 words), the "
                "most one plan may hold.", file, node_span(node),
                hint="Split the plan in two, or put long passages in documents of their own and link to them."))
        total += size
    return found


def _too_long(node: yaml.ScalarNode, file: str) -> Diagnostic:
    return error("text-too-long", f"This value is {len(node.value):,} characters long; a value in a plan may have "
                 f"at most {MAX_VALUE:,} (about 3,300 words).", file, node_span(node),
                 hint="Shorten it, or put the full text in a document of its own and link to it.")


def _long_values(root: yaml.Node, most: int) -> list[yaml.ScalarNode] | None:
    """The scalars over MAX_VALUE characters, in document order; None after `most` nodes, which a tree read
    from the text cannot have (more than two a character): the nodes share a part, by an alias."""
    found: dict[int, yaml.ScalarNode] = {}
    stack: list[yaml.Node] = [root]
    while stack:
        most -= 1
        if most < 0:
            return None
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            if len(node.value) > MAX_VALUE:
                found[id(node)] = node
        elif isinstance(node, yaml.MappingNode):
            for pair in node.value:
                stack.extend(pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return sorted(found.values(), key=lambda n: n.start_mark.index)


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
