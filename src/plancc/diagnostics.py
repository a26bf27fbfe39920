"""The one Diagnostic type that every stage produces."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Any, Iterable


class Severity(str, Enum):
    """How serious a diagnostic is: errors fail a check, warnings only under --strict."""

    ERROR = "error"
    WARNING = "warning"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, order=True)
class Span:
    """A range in a source file; lines and columns count from 1, the end is exclusive."""

    line: int
    column: int
    end_line: int
    end_column: int

    @classmethod
    def point(cls, line: int, column: int) -> Span:
        return cls(line, column, line, column + 1)


@dataclass(frozen=True)
class Diagnostic:
    """A problem found in a plan, with where it is and how to fix it."""

    rule: str
    severity: Severity
    message: str
    file: str
    span: Span | None = None
    value: Any = None
    hint: str | None = None
    # Other places with the same problem, grouped under this one.
    others: tuple[Span, ...] = field(default=())
    # Why the plan disabled this rule here (a "# plancc: ignore[rule] reason" comment), if it did.
    suppressed: str | None = None

    @property
    def line(self) -> int:
        return self.span.line if self.span else 0

    @property
    def column(self) -> int:
        return self.span.column if self.span else 0

    @property
    def count(self) -> int:
        """How many places this diagnostic stands for (itself and the grouped others)."""
        return 1 + len(self.others)

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.file, self.line, self.column, self.rule, self.message)

    def to_dict(self) -> dict[str, Any]:
        span = self.span
        return {
            "rule": self.rule,
            "severity": str(self.severity),
            "message": self.message,
            "file": self.file,
            "line": span.line if span else None,
            "column": span.column if span else None,
            "end_line": span.end_line if span else None,
            "end_column": span.end_column if span else None,
            "value": _jsonable(self.value),
            "hint": self.hint,
            "count": self.count,
            "suppressed": self.suppressed is not None,
            "suppressed_reason": self.suppressed,
            "others": [
                {"line": o.line, "column": o.column, "end_line": o.end_line, "end_column": o.end_column}
                for o in self.others
            ],
        }


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return str(value)


def error(rule: str, message: str, file: str, span: Span | None = None, *, value: Any = None,
          hint: str | None = None) -> Diagnostic:
    """Shorthand for an error-severity diagnostic."""
    return Diagnostic(rule, Severity.ERROR, message, file, span, value, hint)


def warning(rule: str, message: str, file: str, span: Span | None = None, *, value: Any = None,
            hint: str | None = None) -> Diagnostic:
    """Shorthand for a warning-severity diagnostic."""
    return Diagnostic(rule, Severity.WARNING, message, file, span, value, hint)


def group_repeats(diagnostics: Iterable[Diagnostic], key_of: Any = None) -> list[Diagnostic]:
    """Fold diagnostics that say the same thing in one file into the first, counting the others."""
    groups: dict[tuple[Any, ...], list[Diagnostic]] = {}
    for diag in sorted(diagnostics, key=Diagnostic.sort_key):
        key = (diag.file, diag.rule, diag.message) if key_of is None else key_of(diag)
        groups.setdefault(key, []).append(diag)
    folded = []
    for members in groups.values():
        first = members[0]
        others = tuple(d.span for d in members[1:] if d.span is not None)
        folded.append(replace(first, others=first.others + others) if others else first)
    return sorted(folded, key=Diagnostic.sort_key)


def has_errors(diagnostics: Iterable[Diagnostic], strict: bool = False) -> bool:
    """True when the diagnostics should fail a check (warnings count only when strict)."""
    return any((d.severity is Severity.ERROR or strict) and d.suppressed is None for d in diagnostics)
