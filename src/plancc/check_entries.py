"""A check cache entry: a file's check result written as JSON that gives back exactly what was checked.

JSON has no tuples, dates or decimals, and cannot tell a list from a tuple, so a diagnostic's `value`
is written with its type: a string, whole number, decimal fraction, true/false or null as JSON has
them, and anything else as a one-key object naming its type ({"list": [...]}, {"tuple": [...]},
{"dict": [[key, value], ...]}, {"date": "2016-11-25"}, {"decimal": "10.60"}). A value of any other
type cannot be written so that it comes back equal and of the same type, so such a result is not
kept (Unencodable) and the file is checked each time. JSON rather than pickle: an entry is data,
and reading one never runs code, whoever wrote the folder.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import date
from typing import Any

from plancc.diagnostics import Diagnostic, Severity, Span
from plancc.pipeline import FileResult

_FIELDS = ("rule", "severity", "message", "file", "span", "value", "hint", "others", "suppressed")
_SCALARS = (str, int, float, bool)


class Unencodable(ValueError):
    """A result holds something an entry cannot give back exactly."""


def encode_result(result: FileResult, key: str) -> dict[str, Any]:
    """`result` as JSON values, with the key it is kept under (checked again when it is read)."""
    if (tuple(f.name for f in fields(Diagnostic)) != _FIELDS
            or tuple(f.name for f in fields(FileResult)) != ("file", "diagnostics", "hidden")):
        raise Unencodable("Diagnostic or FileResult has fields this entry format does not know")
    if type(result.hidden) is not int:
        raise Unencodable("hidden")
    return {"key": key, "file": _text(result.file), "hidden": result.hidden,
            "diagnostics": [_diagnostic(d) for d in result.diagnostics]}


def decode_result(entry: dict[str, Any], key: str) -> FileResult:
    """The result an entry holds; ValueError (or another error) when it is not an entry for `key`."""
    if entry["key"] != key:
        raise ValueError("an entry for another key")
    diagnostics = [Diagnostic(rule, Severity(severity), message, file, _unspan(span), _unvalue(value), hint,
                              tuple(Span(*other) for other in others), suppressed)
                   for rule, severity, message, file, span, value, hint, others, suppressed in entry["diagnostics"]]
    return FileResult(entry["file"], diagnostics, entry["hidden"])


def _diagnostic(diag: Diagnostic) -> list[Any]:
    if type(diag) is not Diagnostic or type(diag.severity) is not Severity or type(diag.others) is not tuple:
        raise Unencodable("diagnostic")
    return [_text(diag.rule), diag.severity.value, _text(diag.message), _text(diag.file), _span(diag.span),
            _value(diag.value), _text(diag.hint, optional=True), [_span(o) for o in diag.others],
            _text(diag.suppressed, optional=True)]


def _text(value: Any, optional: bool = False) -> Any:
    if type(value) is str or (optional and value is None):
        return value
    raise Unencodable(type(value).__name__)


def _span(span: Span | None) -> list[int] | None:
    if span is None:
        return None
    parts = [span.line, span.column, span.end_line, span.end_column]
    if type(span) is not Span or any(type(p) is not int for p in parts):
        raise Unencodable("span")
    return parts


def _unspan(parts: list[int] | None) -> Span | None:
    return None if parts is None else Span(*parts)


def _value(value: Any) -> Any:
    from decimal import Decimal

    kind = type(value)
    if value is None or kind in _SCALARS:
        return value
    if kind is list or kind is tuple:
        return {kind.__name__: [_value(v) for v in value]}
    if kind is dict:
        return {"dict": [[_value(k), _value(v)] for k, v in value.items()]}
    if kind is date:
        return {"date": value.isoformat()}
    if kind is Decimal:
        return {"decimal": str(value)}
    raise Unencodable(kind.__name__)


def _unvalue(value: Any) -> Any:
    if value is None or type(value) in _SCALARS:
        return value
    ((kind, inner),) = value.items()
    if kind == "list":
        return [_unvalue(v) for v in inner]
    if kind == "tuple":
        return tuple(_unvalue(v) for v in inner)
    if kind == "dict":
        return {_unvalue(k): _unvalue(v) for k, v in inner}
    if kind == "date":
        return date.fromisoformat(inner)
    if kind == "decimal":
        from decimal import Decimal

        return Decimal(inner)
    raise ValueError(f"an entry with a value of unknown type {kind!r}")
