"""The plan schema: loading it, and what it says about fields (titles, scalar types)."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any, Iterator

from plancc.resources import schema_path

Schema = dict[str, Any]


@lru_cache(maxsize=1)
def schema_text() -> str:
    return schema_path().read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def plan_schema() -> Schema:
    """The plan schema as a dict (draft 2020-12)."""
    return json.loads(schema_text())


def resolve(schema: Schema, root: Schema | None = None) -> Schema:
    """Follow a local `$ref` (`#/$defs/name`), keeping the referring schema's own title and description."""
    root = plan_schema() if root is None else root
    seen = 0
    while "$ref" in schema and seen < 20:
        target = root
        for part in schema["$ref"].lstrip("#/").split("/"):
            target = target[part]
        merged = dict(target)
        merged.update({k: v for k, v in schema.items() if k != "$ref"})
        schema = merged
        seen += 1
    return schema


def _scalar_types(schema: Schema, root: Schema) -> set[str]:
    """The JSON types a scalar may take under `schema` (for arrays: their items')."""
    schema = resolve(schema, root)
    types: set[str] = set()
    declared = schema.get("type")
    if isinstance(declared, str):
        types.add(declared)
    elif isinstance(declared, list):
        types.update(declared)
    for value in schema.get("enum", []):
        types.add(_json_type(value))
    if "const" in schema:
        types.add(_json_type(schema["const"]))
    for branch in schema.get("anyOf", []) + schema.get("oneOf", []):
        types |= _scalar_types(branch, root)
    if "array" in types and isinstance(schema.get("items"), dict):
        types |= _scalar_types(schema["items"], root)
    if "integer" in types:
        types.add("number")
    return types


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if value is None:
        return "null"
    return "string"


def _property_maps(root: Schema) -> Iterator[dict[str, Schema]]:
    """Every `properties` map in the schema: the root's and each definition's."""
    for schema in [root, *root.get("$defs", {}).values()]:
        if isinstance(schema.get("properties"), dict):
            yield schema["properties"]


@lru_cache(maxsize=1)
def scalar_types_by_key() -> dict[str, frozenset[str]]:
    """For each property name, the JSON types its scalar values may take anywhere in the schema.

    The loader uses this to read a plain YAML scalar as the officer meant it: `version: 1.10`
    stays the text "1.10" because versions are text, `chair: yes` is true because chair is a
    yes/no field, and `status: no` stays the word "no". Values of a map with free keys (such as
    amounts keyed by period) are found under "<name>.*", keyed by the map's own property name.
    """
    root = plan_schema()
    found: dict[str, set[str]] = {}
    for properties in _property_maps(root):
        for name, sub in properties.items():
            found.setdefault(name, set()).update(_scalar_types(sub, root))
            extra = resolve(sub, root).get("additionalProperties")
            if isinstance(extra, dict):
                found.setdefault(name + ".*", set()).update(_scalar_types(extra, root))
    return {name: frozenset(types) for name, types in found.items()}


def schema_at(path: tuple[Any, ...]) -> Schema:
    """The (resolved) schema that applies to the value at a data path."""
    schema = resolve(plan_schema())
    for part in path:
        if isinstance(part, int):
            schema = resolve(schema.get("items", {}))
            continue
        props = schema.get("properties", {})
        if part in props:
            schema = resolve(props[part])
        elif isinstance(schema.get("additionalProperties"), dict):
            schema = resolve(schema["additionalProperties"])
        else:
            return {}
    return schema


def complete(value: Any, path: tuple[Any, ...] = ()) -> Any:
    """A copy of loaded data with every optional field the schema defines present (None when absent).

    Templates run with undefined values as errors; completing the data lets a template test an
    optional field with a plain `if` and still fail loudly on a misspelt one.
    """
    if isinstance(value, list):
        return [complete(item, path + (index,)) for index, item in enumerate(value)]
    if not isinstance(value, dict):
        return value
    properties = schema_at(path).get("properties", {})
    filled = {name: None for name in properties}
    filled.update({key: complete(item, path + (key,)) for key, item in value.items()})
    return filled
