"""The SARIF 2.1.0 report, for code-scanning upload (GitHub and other tools that read SARIF)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Sequence

from plancc import __version__
from plancc.diagnostics import Diagnostic, Severity
from plancc.pipeline import FileResult


def _rules_metadata() -> dict[str, dict[str, Any]]:
    from plancc.rules import all_rules
    from plancc.rules_loader_ids import LOADER_RULES

    found = {r.id: {"id": r.id, "name": r.id, "shortDescription": {"text": r.summary},
                    "fullDescription": {"text": r.doc}, "help": {"text": r.doc},
                    "defaultConfiguration": {"level": str(r.severity)}} for r in all_rules()}
    for rule_id, severity, summary in LOADER_RULES:
        found[rule_id] = {"id": rule_id, "name": rule_id, "shortDescription": {"text": summary},
                          "defaultConfiguration": {"level": severity}}
    return found


def _uri(file: str) -> str:
    path = Path(file)
    if path.is_absolute():
        try:
            path = path.relative_to(Path.cwd())
        except ValueError:
            return path.as_uri()
    return path.as_posix()


def _result(diag: Diagnostic, index: dict[str, int]) -> dict[str, Any]:
    text = diag.message + (f" {diag.hint}" if diag.hint else "")
    location: dict[str, Any] = {"artifactLocation": {"uri": _uri(diag.file), "uriBaseId": "%SRCROOT%"}}
    if diag.span:
        location["region"] = {"startLine": diag.span.line, "startColumn": diag.span.column,
                              "endLine": diag.span.end_line, "endColumn": max(diag.span.end_column,
                                                                              diag.span.column)}
    result: dict[str, Any] = {"ruleId": diag.rule, "level": "error" if diag.severity is Severity.ERROR else "warning",
                              "message": {"text": text}, "locations": [{"physicalLocation": location}]}
    if diag.rule in index:
        result["ruleIndex"] = index[diag.rule]
    if diag.suppressed is not None:
        result["suppressions"] = [{"kind": "inSource", "justification": diag.suppressed}]
    return result


def sarif_report(results: Sequence[FileResult]) -> str:
    """One SARIF run of plancc: its rules, and a result for every place a diagnostic stands for."""
    metadata = _rules_metadata()
    used = sorted({d.rule for r in results for d in r.diagnostics})
    rules = [metadata.get(rule_id, {"id": rule_id, "name": rule_id}) for rule_id in used]
    index = {rule_id: i for i, rule_id in enumerate(used)}
    findings = []
    for result in results:
        for diag in result.diagnostics:
            findings.append(_result(diag, index))
            findings += [_result(Diagnostic(diag.rule, diag.severity, diag.message, diag.file, span, diag.value,
                                            diag.hint, (), diag.suppressed), index) for span in diag.others]
    log = {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0",
           "runs": [{"tool": {"driver": {"name": "plancc", "version": __version__, "rules": rules}},
                     "columnKind": "unicodeCodePoints", "results": findings}]}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
