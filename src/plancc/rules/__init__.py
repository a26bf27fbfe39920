"""Check stage: the registry of cross-check rules, and running them over a plan's model.

Each rule lives in a small module of this package (one per rule or close family). A rule is a
generator registered with @rule: it has a stable id, a default severity, its documentation in
its docstring (what it checks, why, a failing example, how to fix it), and it yields Problems.
"""

from __future__ import annotations

import importlib
import inspect
import re
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Callable, Iterator

from plancc.diagnostics import Diagnostic, Severity, Span
from plancc.model.plan import Path_, Plan

RULE_MODULES = ("finance", "balance", "indicators", "changes", "members", "risks", "periods", "dues", "versions",
                "references", "resources", "comparisons", "status")


@dataclass(frozen=True)
class Problem:
    """What a rule found: where, what, how to fix it, and the offending value."""

    path: Path_
    message: str
    hint: str | None = None
    value: Any = None
    on_key: bool = False  # point at the key rather than the value


@dataclass(frozen=True)
class Context:
    """What a rule may look at: the plan, and the date that 'overdue' is measured against."""

    plan: Plan
    today: date | None


RuleCheck = Callable[[Context], Iterator[Problem]]


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    check: RuleCheck

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.check.__doc__ or "")

    @property
    def summary(self) -> str:
        return self.doc.split("\n", 1)[0]


_REGISTRY: dict[str, Rule] = {}


def rule(rule_id: str, severity: Severity) -> Callable[[RuleCheck], RuleCheck]:
    """Register a rule's check under a stable id with its default severity."""

    def register(check: RuleCheck) -> RuleCheck:
        if rule_id in _REGISTRY:
            raise ValueError(f"rule {rule_id} is registered twice")
        _REGISTRY[rule_id] = Rule(rule_id, severity, check)
        return check

    return register


def all_rules() -> list[Rule]:
    """Every rule, sorted by id."""
    for name in RULE_MODULES:
        importlib.import_module(f"plancc.rules.{name}")
    return sorted(_REGISTRY.values(), key=lambda r: r.id)


def get_rule(rule_id: str) -> Rule | None:
    return {r.id: r for r in all_rules()}.get(rule_id)


def run_rules(plan: Plan, today: date | None = None, skip: frozenset[str] = frozenset()) -> list[Diagnostic]:
    """Every rule's diagnostics for the plan (but those in `skip`), with '# plancc: ignore[...]' comments applied."""
    context = Context(plan, today)
    source = plan.source
    found: list[Diagnostic] = []
    for item in all_rules():
        if item.id in skip:
            continue
        try:
            problems = list(item.check(context))
        except Exception as exc:  # noqa: BLE001 - one broken rule must not stop the others or show a traceback
            found.append(Diagnostic("plancc-internal", Severity.ERROR, f"plancc could not run the check "
                                    f"'{item.id}' on this plan ({type(exc).__name__}: {exc}). This is a bug in "
                                    "plancc, not in the plan.", source.file, Span.point(1, 1)))
            continue
        for problem in problems:
            span = (source.key_span(problem.path) if problem.on_key else None) or source.span_of(problem.path)
            found.append(Diagnostic(item.id, item.severity, problem.message, source.file, span, problem.value,
                                    problem.hint))
    return apply_suppressions(found, source.text or "")


_IGNORE = re.compile(r"#\s*plancc:\s*ignore\[([A-Za-z0-9_, -]+)\]\s*(.*)")  # on one line: .* runs to its end


def apply_suppressions(found: list[Diagnostic], text: str) -> list[Diagnostic]:
    """Mark diagnostics that a '# plancc: ignore[rule] reason' comment disables on their line.

    The comment goes at the end of the line the diagnostic points at, or on a line of its own
    just above it. A suppression without a reason is itself reported.
    """
    if "plancc:" not in text:
        return found
    lines = text.split("\n")
    result = []
    for diag in found:
        reason = None
        for number in (diag.line, diag.line - 1):
            if 1 <= number <= len(lines):
                match = _IGNORE.search(lines[number - 1])
                own_line = lines[number - 1].lstrip().startswith("#")
                if match and (number == diag.line or own_line) and \
                        diag.rule in {r.strip() for r in match.group(1).split(",")}:
                    reason = match.group(2).strip() or "(no reason given)"
                    break
        result.append(replace(diag, suppressed=reason) if reason else diag)
        if reason == "(no reason given)":
            result.append(Diagnostic("suppression-reason", Severity.WARNING, f"The check '{diag.rule}' is turned off "
                                     "here without a reason.", diag.file, diag.span,
                                     hint="Say why after the comment, e.g. # plancc: ignore[composite-sum] as "
                                          "published; the parts add up to 2,350."))
    return result
