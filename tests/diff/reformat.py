"""Write a plan again with every layout choice changed and nothing it means: the reformatted copies.

Run from the repository root to remake tests/diff/<plan>-reformatted.yaml from plans/<plan>.yaml:

    .venv/bin/python tests/diff/reformat.py

The keys of every mapping are written in reverse order, and so are the items of every list whose
items have an id (or a risk's ref); text is written in double quotes, or as a |- block where it
runs over lines (dropping the | block's final newline); some mappings and lists are written in
flow style ({...}, [...]) and others in block style, some keys are quoted, and comments are added.
Numbers keep the digits they were written with (10.60 stays 10.60). Lists without ids keep their
order: their order is the plan's (the periods of a target table, the lines of a finance table).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent.parent
EXAMPLES = ("salford-burglary-2002", "staffordshire-ni16-2010", "central-beds-csp-2009")
HEADER = [
    "# yaml-language-server: $schema=../../schemas/plan.schema.json",
    "# REFORMATTED COPY for tests/test_diff.py, made by tests/diff/reformat.py: keys and items with ids",
    "# in another order, other quoting, flow and block styles swapped, comments added. plancc diff must",
    "# find no differences from the plan in plans/.",
]


def _leaf(value: Any) -> bool:
    return not isinstance(value, (dict, list)) and not (isinstance(value, str) and "\n" in value)


def _scalar(node: yaml.Node, value: Any) -> str:
    """Text in double quotes (JSON's are YAML's); anything else exactly as it was written."""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, str) else str(node.value)


def _literal_ok(text: str) -> bool:
    """Whether text can be written as a |- block and read back the same, less its final newline."""
    lines = text.rstrip("\n").split("\n")
    return ("\t" not in text and not text.startswith(" ") and not text.endswith("\n\n")
            and all(line == line.rstrip() for line in lines))


def _items(node: yaml.SequenceNode, value: list[Any]) -> list[tuple[yaml.Node, Any]]:
    pairs = list(zip(node.value, value))
    if value and all(isinstance(v, dict) and ("id" in v or "ref" in v) for v in value):
        pairs.reverse()
    return pairs


def _entries(node: yaml.MappingNode, value: dict[str, Any]) -> list[tuple[str, yaml.Node, Any]]:
    return [(key, value_node, item) for (_, value_node), (key, item) in zip(node.value, value.items())][::-1]


def _flow(node: yaml.Node, value: Any) -> str:
    if isinstance(value, dict):
        assert isinstance(node, yaml.MappingNode)
        return "{" + ", ".join(f"{json.dumps(k)}: {_flow(n, v)}" for k, n, v in _entries(node, value)) + "}"
    if isinstance(value, list):
        assert isinstance(node, yaml.SequenceNode)
        return "[" + ", ".join(_flow(n, v) for n, v in _items(node, value)) + "]"
    return _scalar(node, value)


def _can_flow(value: Any) -> bool:
    if isinstance(value, dict):
        return len(value) <= 4 and all(_leaf(v) or (isinstance(v, list) and all(map(_leaf, v)))
                                       for v in value.values())
    if isinstance(value, list):
        return all(map(_leaf, value)) or (len(value) <= 3 and all(isinstance(v, dict) and len(v) <= 3
                                                                  and _can_flow(v) for v in value))
    return True


def _entry(key: str, node: yaml.Node, value: Any, indent: int, turn: int) -> list[str]:
    """The lines of `key: value` at an indent; `turn` varies the choices from one key to the next."""
    pad = " " * indent
    name = json.dumps(key, ensure_ascii=False) if turn % 3 else key
    if isinstance(value, str) and "\n" in value and _literal_ok(value):
        return [f"{pad}{name}: |-"] + [pad + "  " + line if line else "" for line in value.rstrip("\n").split("\n")]
    if isinstance(value, str) or _leaf(value):
        return [f"{pad}{name}: {_scalar(node, value)}" + ("  # kept as written" if turn % 5 == 0 else "")]
    if not value or (_can_flow(value) and turn % 2 == 0):
        return [f"{pad}{name}: {_flow(node, value)}"]
    if isinstance(value, dict):
        assert isinstance(node, yaml.MappingNode)
        return [f"{pad}{name}:"] + _mapping(node, value, indent + 2)
    assert isinstance(node, yaml.SequenceNode)
    return [f"{pad}{name}:"] + _sequence(node, value, indent + 2)


def _mapping(node: yaml.MappingNode, value: dict[str, Any], indent: int) -> list[str]:
    lines: list[str] = []
    for turn, (key, item_node, item) in enumerate(_entries(node, value)):
        lines += _entry(key, item_node, item, indent, turn + indent)
    return lines


def _sequence(node: yaml.SequenceNode, value: list[Any], indent: int) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    for item_node, item in _items(node, value):
        if isinstance(item, dict) and item:
            assert isinstance(item_node, yaml.MappingNode)
            inner = _mapping(item_node, item, indent + 2)
            lines += [pad + "- " + inner[0][indent + 2:]] + inner[1:]
        else:
            lines.append(pad + "- " + _flow(item_node, item))
    return lines


def reformat(path: Path) -> str:
    """The plan at `path`, written again with another layout."""
    sys.path.insert(0, str(ROOT / "src"))
    from plancc.load.loader import load_file

    plan = load_file(path)
    if not plan.ok or not isinstance(plan.root, yaml.MappingNode):
        raise ValueError(f"{path} does not load: {plan.diagnostics}")
    lines = list(HEADER)
    for turn, (key, node, value) in enumerate(_entries(plan.root, plan.data)):
        lines.append(f"# ---- {key} ----")
        lines += _entry(key, node, value, 0, turn)
    return "\n".join(lines) + "\n"


def main() -> None:
    for name in EXAMPLES:
        target = ROOT / "tests" / "diff" / f"{name}-reformatted.yaml"
        target.write_text(reformat(ROOT / "plans" / f"{name}.yaml"), encoding="utf-8")
        print(f"wrote {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
