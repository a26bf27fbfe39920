"""Schema errors rewritten in plain English for a policy officer.

Each error names the field by its title, says what was expected and what was found, offers
"did you mean" for misspellings, and points at the key or value in the file. Never a JSON
pointer alone, never "is not valid under any of the given schemas".
"""

from __future__ import annotations

import difflib
import re
from typing import Any, Iterator

import jsonschema
from jsonschema.exceptions import ValidationError

from plancc.diagnostics import Diagnostic, Span, error
from plancc.load.loader import LoadedPlan
from plancc.validate.schema import Schema, plan_schema, resolve, schema_at
from plancc.load.indent import indent_among

_TYPE_WORDS = {
    "string": "text", "number": "a number", "integer": "a whole number", "boolean": "true or false",
    "array": "a list", "object": "a block of 'key: value' lines", "null": "empty",
}


def explain_errors(plan: LoadedPlan) -> Iterator[Diagnostic]:
    """Plain-English diagnostics for every schema error in the plan."""
    for diag, _ in explain_errors_where(plan):
        yield diag


def explain_errors_where(plan: LoadedPlan) -> Iterator[tuple[Diagnostic, frozenset[str]]]:
    """Each schema error's diagnostic, with the top-level keys whose values it is about ('*': the whole plan)."""
    validator = jsonschema.Draft202012Validator(
        plan_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    for err in validator.iter_errors(plan.data):
        sections = _sections(err)
        for diag in _explain(err, plan):
            yield diag, sections


def _sections(err: ValidationError) -> frozenset[str]:
    """The top-level keys an error is about: a missing or unknown key at the top is about that key (and, for a
    misspelling, about the key it was probably meant to be)."""
    path = tuple(err.absolute_path)
    if path:
        return frozenset({str(path[0])})
    if err.validator == "required" and isinstance(err.instance, dict):
        return frozenset(str(name) for name in err.validator_value if name not in err.instance)
    if err.validator == "additionalProperties" and isinstance(err.instance, dict):
        known = list(plan_schema().get("properties", {}))
        unknown = [str(k) for k in err.instance if k not in known]
        meant = {m for k in unknown for m in difflib.get_close_matches(k.lower(), known, n=1, cutoff=0.6)}
        return frozenset(unknown) | frozenset(meant)
    return frozenset({"*"})


def _label(path: tuple[Any, ...], schema: Schema | None = None) -> str:
    """How to name the field at `path` to an officer: its title and its key."""
    schema = schema_at(path) if schema is None else schema
    title = schema.get("title")
    key = next((p for p in reversed(path) if isinstance(p, str)), None)
    if path and isinstance(path[-1], int):
        return f"Each item of '{key}'" if key else "Each item"
    if title and key and key not in schema_at(path[:-1]).get("properties", {}):
        return title  # a value in a map with free keys (an amount for a period): the title says it
    if title and key:
        return f"{title} ('{key}')"
    return title or (f"'{key}'" if key else "The plan")


def _owner(path: tuple[Any, ...]) -> str:
    """'the plan', 'this action', 'this risk': the object a key belongs to."""
    if not path:
        return "the plan"
    title = schema_at(path).get("title", "block")
    return f"this {title[0].lower() + title[1:]}" if not title.isupper() else f"this {title}"


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return "text"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "a list"
    return "a block of 'key: value' lines"


def _explain(err: ValidationError, plan: LoadedPlan) -> Iterator[Diagnostic]:
    path = tuple(err.absolute_path)
    keyword = err.validator
    if keyword == "additionalProperties":
        yield from _unknown_keys(err, path, plan)
        return
    if keyword == "required":
        yield from _missing(err, path, plan)
        return
    if _is_key_error(err):
        key = err.instance
        yield error("schema-key", f"'{key}' is not allowed as a key here: {_label(path)} takes periods as its keys.",
                    plan.file, plan.key_span(path + (key,)) or plan.span_of(path), value=key,
                    hint=_key_hint(err, key))
        return
    # a block or list where a single value belongs starts on the next line: point at its key
    span = plan.key_span(path) if isinstance(err.instance, (dict, list)) and plan.key_span(path) else plan.span_of(path)
    label = _label(path)
    value = err.instance
    if keyword in ("anyOf", "oneOf"):
        simple = _simple_alternatives(err)
        if simple is not None:
            yield error("schema-type", f"{label} must be {simple}.", plan.file, span, value=value,
                        hint=_type_hint(value, _alternative_types(err)))
            return
        context = err.context or []
        if isinstance(value, (dict, list)):  # a block given where a block is allowed: say what is wrong inside it
            context = [e for e in context if e.validator not in ("type", "enum")] or context
        elif isinstance(value, str):  # a word given where words are allowed: say which words
            context = [e for e in context if e.validator != "type"] or context
        best = jsonschema.exceptions.best_match(context)
        if best is not None and best is not err:
            yield from _explain(best, plan)
            return
    if keyword == "type":
        expected = err.validator_value if isinstance(err.validator_value, list) else [err.validator_value]
        words = " or ".join(_TYPE_WORDS.get(t, t) for t in expected)
        yield error("schema-type", f"{label} must be {words}, not {_describe(value)}.", plan.file, span,
                    value=value, hint=_type_hint(value, set(expected), required=_is_required(path)))
    elif keyword == "enum":
        allowed = [str(v) for v in err.validator_value]
        guess = _did_you_mean(str(value), allowed)
        yield error("schema-enum", f"{label} must be one of: {', '.join(allowed)}.", plan.file, span,
                    value=value, hint=guess or _description(path))
    elif keyword in ("pattern", "format"):
        fix = _suggest_fix(value, err.schema) if isinstance(value, str) else None
        what = {"date": " a real date written YYYY-MM-DD", "email": " an email address"}.get(
            err.validator_value, "") if keyword == "format" else ""
        message = f"{label} must be{what}." if what else f"{label} is not written in the form it needs."
        explained = err.schema.get("description") or _description(path)
        yield error(f"schema-{keyword}", message, plan.file, span, value=value,
                    hint=f"Did you mean {fix}? {explained}" if fix else explained)
    elif keyword in ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"):
        words = {"minimum": "at least", "exclusiveMinimum": "more than", "maximum": "at most",
                 "exclusiveMaximum": "less than"}[keyword]
        yield error("schema-range", f"{label} must be {words} {err.validator_value}.", plan.file, span,
                    value=value, hint=_description(path))
    elif keyword in ("minItems", "maxItems") and err.validator_value > 1 and isinstance(value, list):
        words = "at least" if keyword == "minItems" else "at most"
        exact = err.schema.get("minItems") == err.schema.get("maxItems")
        yield error("schema-count", f"{label} must have {'exactly' if exact else words} {err.validator_value} "
                    f"items, not {len(value)}.", plan.file, span, value=value, hint=_description(path))
    elif keyword in ("minLength", "minItems"):
        yield error("schema-empty", f"{label} must not be empty.", plan.file, span, value=value,
                    hint=_description(path))
    else:
        yield error("schema-other", f"{label} is not valid here ({keyword}).", plan.file, span,
                    value=value, hint=_description(path))


# What people type instead of what the format needs, tried in turn on a value that does not fit.
_FIXES: list[tuple[str, str]] = [
    (r"[\u2012\u2013\u2014\u2212]", "-"),                         # dashes and minus signs from a word processor
    (r"^\s+|(?<!\s)\s+$", ""),                                   # spaces around (each run tried once)
    (r"(?<=\d)\s+(?=%)", ""),                                    # -5 % -> -5%
    (r"^([0-9]{4})/[0-9]{2}([0-9]{2})\b", r"\1/\2"),              # 2024/2025 -> 2024/25
    (r"^([0-9]{4})/([0-9])\b", r"\1/0\2"),                         # 2008/9 -> 2008/09
    (r"^([0-9]{1,2})[/.]([0-9]{1,2})[/.]([0-9]{4})$", "DMY"),       # 31/01/2025 -> 2025-01-31
    (r"^([+-]?[0-9]+(?:\.[0-9]+)?)$", r"\1%"),                      # -2.5 -> -2.5%
    (r"\s+", "-"),                                                 # an id with spaces
]


def _suggest_fix(value: str, schema: Schema) -> str | None:
    """A corrected value that fits the field's pattern, where one of the usual slips explains it."""
    pattern = schema.get("pattern")
    if not pattern:
        return None
    compiled = re.compile(pattern)
    candidate = value
    for wrong, right in _FIXES:
        if right == "DMY":
            match = re.match(wrong, candidate)
            attempt = f"{match.group(3)}-{int(match.group(2)):02d}-{int(match.group(1)):02d}" if match else candidate
        else:
            attempt = re.sub(wrong, right, candidate)
        if attempt != candidate and compiled.search(attempt):
            return attempt
        if attempt != candidate and right in ("-", ""):
            candidate = attempt  # keep simple clean-ups and try the next fix on top of them
    return None


def _unknown_keys(err: ValidationError, path: tuple[Any, ...], plan: LoadedPlan) -> Iterator[Diagnostic]:
    schema = schema_at(path)
    allowed = list(schema.get("properties", {})) or list(err.schema.get("properties", {}))  # an anyOf's object
    for key in err.instance:
        if key in allowed:
            continue
        comma = key[:1].isdigit() or key[:1] == " "  # "1,000" cut in two by a comma inside { }
        hint = ("Inside { } a comma starts a new field: put text that has a comma in double quotes, e.g. "
                'text: "Rate per 1,000 population".') if comma else None
        hint = hint or _did_you_mean(key, allowed) or _belongs_elsewhere(key, plan, path + (key,)) or \
            f"The fields {_owner(path)} can have are: {_some(allowed)}."
        yield error("schema-unknown-key", f"'{key}' is not a field of {_owner(path)}.", plan.file,
                    plan.key_span(path + (key,)) or plan.span_of(path), hint=hint)


def _belongs_elsewhere(key: str, plan: LoadedPlan, path: tuple[Any, ...]) -> str | None:
    """'due' belongs to an action: a key indented wrongly ends up in the wrong block."""
    defs = [d for d in plan_schema()["$defs"].values() if key in d.get("properties", {})]
    if not defs:
        return None
    owners = {d.get("title", "block") for d in defs}
    where = " or ".join(sorted({o[0].lower() + o[1:] for o in owners})[:3])
    said = f"'{key}' is a field of {_a(where)}"
    span = plan.key_span(path)
    if span is not None and plan.text is not None:
        fields = {name for d in defs for name in d.get("properties", {})} - {key}
        fix = indent_among(plan.text.split("\n"), span.line - 1, fields)
        if fix is not None:
            return f"{said}: {fix.hint()[0].lower()}{fix.hint()[1:]}"
    return f"{said}: check its indentation, which should line it up with the other fields of that block."


def _a(noun: str) -> str:
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


def _some(names: list[str], most: int = 12) -> str:
    shown = ", ".join(names[:most])
    return shown + (f" and {len(names) - most} more" if len(names) > most else "")


def _missing(err: ValidationError, path: tuple[Any, ...], plan: LoadedPlan) -> Iterator[Diagnostic]:
    schema = schema_at(path)
    present = list(err.instance) if isinstance(err.instance, dict) else []
    strays = [k for k in present if k not in schema.get("properties", {})]
    for name in err.validator_value:
        if name in present or not err.message.startswith(repr(name)):
            continue  # jsonschema reports each missing field in an error of its own
        if any(_did_you_mean(stray, [name]) for stray in strays):
            continue  # a misspelling of it is reported as an unknown key, with "did you mean"
        sub = resolve(schema.get("properties", {}).get(name, {}))
        title = sub.get("title", name)
        described = sub.get("description", "")
        yield error("schema-required", f"{_owner(path)[0].upper() + _owner(path)[1:]} has no '{name}' ({title}).",
                    plan.file, _object_span(path, plan),
                    hint=f"Add a line '{name}: ...'. {described}".strip())


def _object_span(path: tuple[Any, ...], plan: LoadedPlan) -> Span | None:
    """Where to point for a whole block: the key that opens it, or its first line."""
    return plan.key_span(path) or plan.span_of(path) or Span.point(1, 1)


def _is_key_error(err: ValidationError) -> bool:
    """True when the error is about a key of a map with free keys (propertyNames)."""
    return "propertyNames" in err.schema_path and isinstance(err.instance, str)


def _key_hint(err: ValidationError, key: str) -> str:
    allows_all = "all" in str(err.schema.get("pattern", ""))
    fix = _suggest_fix(key, err.schema)
    hint = ("Use a period as the key: a financial year such as 2002/03, a quarter such as 2002/03 Q1 or a month "
            "such as 2002-05" + (", or 'all' for a total over all periods." if allows_all else "."))
    return f"Did you mean {fix}? {hint}" if fix else hint


def _simple_alternatives(err: ValidationError) -> str | None:
    """'a number, or one of: nil, tbc' when every branch is a plain type or a list of words."""
    words: list[str] = []
    for branch in err.validator_value:
        branch = resolve(branch)
        if set(branch) - {"type", "enum", "title", "description"}:
            return None
        types = branch.get("type", [])
        for kind in [types] if isinstance(types, str) else types:
            words.append(_TYPE_WORDS.get(kind, str(kind)))
        if "enum" in branch:
            words.append("one of: " + ", ".join(str(v) for v in branch["enum"]))
    return ", or ".join(words) if words else None


def _type_hint(value: Any, expected: set[str], required: bool = False) -> str:
    numeric = expected & {"number", "integer"}
    tbc = " or tbc if it is not yet known" if "tbc" in expected else ""
    example = "a whole number such as 3" if "integer" in expected else "a plain number such as 1000"
    if isinstance(value, str) and numeric:
        cleaned = value.replace(",", "").replace("£", "").strip()
        if cleaned != value.strip() and _is_number(cleaned):
            return f"Write numbers without commas or a pound sign, e.g. {cleaned}."
        if _is_number(value.strip()):
            return f"Remove the quotes so that {value.strip()} is read as a number."
        if value.strip().lower() in ("t.b.c.", "t.b.c", "to be confirmed", "tba") and tbc:
            return "Write tbc for a figure that is not yet known."
        if value.strip() in ("-", "–", "—") and "nil" in expected:
            return "Write nil for a figure the table shows as a dash."
        return f"Write {example}{tbc}."
    if value is None:
        return "This field is empty: give it a value." if required else \
            "This field is empty: give it a value, or delete the line."
    if "string" in expected and isinstance(value, (int, float, bool)):
        return "Put the value in double quotes so that it is read as text, e.g. \"3.10\"."
    if "string" in expected and isinstance(value, dict):
        return "Write the text on the same line as its key, e.g. partnership: Example Partnership."
    if "array" in expected:
        return "Write a list: each item on its own line, starting with '- ', or in brackets: [gmp, csu]."
    if "object" in expected:
        return "This should be a block of 'key: value' lines, indented under its key."
    if "boolean" in expected:
        return "Write true or false."
    if numeric:
        return f"Write {example}{tbc}."
    return "Check the value against the field's description."


def _alternative_types(err: ValidationError) -> set[str]:
    """The types and words an anyOf allows, e.g. {'number', 'nil', 'tbc'}."""
    found: set[str] = set()
    for branch in err.validator_value:
        branch = resolve(branch)
        found.update([branch["type"]] if isinstance(branch.get("type"), str) else branch.get("type", []))
        found.update(str(v) for v in branch.get("enum", []))
    return found


def _is_required(path: tuple[Any, ...]) -> bool:
    return bool(path) and isinstance(path[-1], str) and path[-1] in schema_at(path[:-1]).get("required", [])


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _did_you_mean(word: str, choices: list[str]) -> str | None:
    lowered = {c.lower(): c for c in choices}
    close = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
    return f"Did you mean '{lowered[close[0]]}'?" if close else None


def _description(path: tuple[Any, ...]) -> str | None:
    return schema_at(path).get("description")
