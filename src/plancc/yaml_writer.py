"""Writing plan values as YAML the way plancc writes plans: block style, figures with the digits they
were written with (10.60 stays 10.60). Used by the format reference's examples. (`plancc new --from`
keeps the plan's own file instead: see yaml_roundtrip.py.)"""

from __future__ import annotations

import re
from typing import Any

import yaml

from plancc.load.source import LoadedPlan


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
    return WrittenNumber(raw) if raw is not None and re.fullmatch(r"[+-]?(?:[0-9]*\.)?[0-9]+", raw) else value


class PlanDumper(yaml.SafeDumper):
    """Block style with lists indented under their key, no anchors, multi-line text as | blocks,
    and dates unquoted (plancc reads them as text, as officers write them)."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)

    def ignore_aliases(self, data: Any) -> bool:
        return True

    def choose_scalar_style(self) -> str:
        style: str = super().choose_scalar_style()
        return '"' if style == "'" else style  # text that needs quotes gets double quotes, as in the examples


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

