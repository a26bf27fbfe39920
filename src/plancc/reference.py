"""The plan format in words and in YAML.

`format_reference()` writes the officer's reference to the plan format (docs/format.md): every
section and field in the schema's order, from the schema's own titles and descriptions, with an
example from the example plans, then every rule with its severity and documentation. The same
plan always gives the same reference.

`plan_yaml()` writes a plan the way plancc writes plans: block style, keys in the schema's order,
figures with the digits they were written with. The reference's examples and next year's plan
(`plancc new --from`) are written with it.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any, Iterator

import yaml

from plancc.loader import load_bytes, load_file
from plancc.resources import data_dir
from plancc.schema import Schema, plan_schema, resolve, schema_at
from plancc.source import LoadedPlan

ITEM = "[]"  # in a field's path: each entry of the list before it
FREE = "*"  # in a field's path: any key of a map with free keys (amounts by period)
Pattern = tuple[str, ...]


# ---------------------------------------------------------------------------------------------
# Writing a plan as YAML
# ---------------------------------------------------------------------------------------------
class WrittenNumber(float):
    """A number that keeps the digits it was written with (10.60 stays 10.60, not 10.6)."""

    text: str

    def __new__(cls, text: str) -> WrittenNumber:
        number = super().__new__(cls, float(text))
        number.text = text
        return number

    def __reduce__(self) -> tuple[type[WrittenNumber], tuple[str]]:
        return (WrittenNumber, (self.text,))


def with_written_numbers(source: LoadedPlan) -> Any:
    """The loaded data, with each decimal number as its author wrote it."""
    return _written(source, source.data, ())


def _written(source: LoadedPlan, value: Any, path: tuple[Any, ...]) -> Any:
    if isinstance(value, dict):
        return {key: _written(source, item, path + (key,)) for key, item in value.items()}
    if isinstance(value, list):
        return [_written(source, item, path + (index,)) for index, item in enumerate(value)]
    raw = source.raw(path) if isinstance(value, float) else None
    return WrittenNumber(raw) if raw is not None and re.fullmatch(r"[+-]?[0-9]*\.?[0-9]+", raw) else value


def in_schema_order(value: Any, path: tuple[Any, ...] = ()) -> Any:
    """A copy with each block's keys in the order the schema lists them (free keys, such as the
    periods of amounts, keep their order); empty values are left out."""
    if isinstance(value, list):
        return [in_schema_order(item, path + (index,)) for index, item in enumerate(value)]
    if not isinstance(value, dict):
        return value
    listed = list(schema_at(path).get("properties", {}))
    rank = {name: index for index, name in enumerate(listed)}
    keys = sorted(value, key=lambda k: rank.get(k, len(listed)))  # a stable sort: free keys keep their order
    return {key: in_schema_order(value[key], path + (key,)) for key in keys if value[key] is not None}


class PlanDumper(yaml.SafeDumper):
    """Block style with lists indented under their key, no anchors, multi-line text as | blocks,
    and dates unquoted (plancc reads them as text, as officers write them)."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)

    def ignore_aliases(self, data: Any) -> bool:
        return True


PlanDumper.yaml_implicit_resolvers = {
    first: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeDumper.yaml_implicit_resolvers.items()
}


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|" if "\n" in text else None)


def _represent_number(dumper: yaml.SafeDumper, number: WrittenNumber) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:float", number.text)


PlanDumper.add_representer(str, _represent_text)
PlanDumper.add_representer(WrittenNumber, _represent_number)


def to_yaml(value: Any) -> str:
    """A value as block-style YAML, long lines never folded."""
    return yaml.dump(value, Dumper=PlanDumper, default_flow_style=False, sort_keys=False, allow_unicode=True,
                     width=1_000_000, indent=2)


def plan_yaml(plan: dict[str, Any], header: list[str]) -> str:
    """A whole plan: the header's comment lines, then its sections in the schema's order, a blank line
    between them (except after text that keeps its trailing blank lines, written |+)."""
    text = "\n".join(header) + "\n"
    for index, (key, value) in enumerate(in_schema_order(plan).items()):
        text += ("\n" if index and not text.endswith("\n\n") else "") + to_yaml({key: value})
    return text
