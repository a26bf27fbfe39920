"""The SARIF 2.1.0 report, for code-scanning upload (GitHub and other tools that read SARIF).

Each rule a result refers to is described as GitHub shows it: a readable name, a short and a full
description, and help (the text `plancc explain` prints, and the same in Markdown as the format
reference has it). Where the nearest plancc.yml gives the site's `base_url`, the rule's helpUri
is its section of the published format reference (format.html#rule-ID); SARIF requires an
absolute URI there, and GitHub shows the help itself rather than the link, so without a base_url
there is none. Each result has a fingerprint that lines moving does not change (sarif_fingerprints).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Sequence
from urllib.parse import urlsplit

from plancc import __version__
from plancc.diagnostics import Diagnostic, Severity, Span
from plancc.pipeline import FileResult
from plancc.rule_docs import RuleDoc
from plancc.sarif_fingerprints import Fingerprints

_LIMIT = 1024  # the most characters GitHub takes in a rule's short and full descriptions
_WORDS = {"ytd": "YearToDate", "ref": "Reference"}  # parts of an id shown as words in a rule's name


def rule_name(rule_id: str) -> str:
    """A rule's readable name, its id's words in PascalCase: risk-rating is RiskRating, ytd-sum YearToDateSum."""
    return "".join(_WORDS.get(word, word.capitalize()) for word in rule_id.split("-"))


def _limited(text: str) -> str:
    """Text cut to GitHub's limit at the end of a sentence (or a word), marked with an ellipsis when cut."""
    if len(text) <= _LIMIT:
        return text
    cut = text[: _LIMIT - 1]
    end = cut.rfind(". ")
    return cut[: end + 1] if end > _LIMIT // 2 else cut.rsplit(" ", 1)[0] + "…"


def _rule(doc: RuleDoc, base_url: str) -> dict[str, Any]:
    from plancc.rule_docs import explain_text, markdown_lines

    entry: dict[str, Any] = {
        "id": doc.id, "name": rule_name(doc.id), "shortDescription": {"text": _limited(doc.summary)},
        "fullDescription": {"text": _limited(doc.description)},
        "help": {"text": explain_text(doc), "markdown": "\n".join(markdown_lines(doc)).rstrip("\n") + "\n"},
        "defaultConfiguration": {"level": doc.severity},
        "properties": {"problem.severity": doc.severity, "tags": ["plancc", doc.stage]}}
    if base_url:
        entry["helpUri"] = f"{base_url}format.html#{doc.anchor}"
    return entry


def site_base_url(results: Sequence[FileResult]) -> str:
    """The published site's address, ending in /, from the plancc.yml nearest the first plan checked
    (else the one here); empty unless it is an absolute http(s) address."""
    from plancc.site_config import CONFIG_NAME, load_config, nearest_config

    found = nearest_config(results[0].file) if results else None
    config, _ = load_config(found or Path(CONFIG_NAME))
    parts = urlsplit(config.base_url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return ""
    return config.base_url.strip().rstrip("/") + "/"


def _uri(file: str) -> str:
    path = Path(file)
    if path.is_absolute():
        try:
            path = path.relative_to(Path.cwd())
        except ValueError:
            return path.as_uri()
    return path.as_posix()


def _result(diag: Diagnostic, span: Span | None, index: dict[str, int], fingerprints: Fingerprints) -> dict[str, Any]:
    text = diag.message + (f" {diag.hint}" if diag.hint else "")
    uri = _uri(diag.file)
    place = span or Span.point(1, 1)  # code scanning needs a line: a finding about the whole file is on its first
    location = {"artifactLocation": {"uri": uri, "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": place.line, "startColumn": place.column, "endLine": place.end_line,
                           "endColumn": max(place.end_column, place.column)}}
    result: dict[str, Any] = {"ruleId": diag.rule, "level": "error" if diag.severity is Severity.ERROR else "warning",
                              "message": {"text": text}, "locations": [{"physicalLocation": location}],
                              "partialFingerprints": fingerprints(diag.rule, diag.file, uri, span, diag.value)}
    if diag.rule in index:
        result["ruleIndex"] = index[diag.rule]
    if diag.suppressed is not None:
        result["suppressions"] = [{"kind": "inSource", "justification": diag.suppressed}]
    return result


def sarif_report(results: Sequence[FileResult]) -> str:
    """One SARIF run of plancc: the rules its results refer to, and a result for every place a diagnostic
    stands for."""
    from plancc.rule_docs import find

    base_url = site_base_url(results)
    used = sorted({d.rule for r in results for d in r.diagnostics})
    rules = []
    for rule_id in used:
        doc = find(rule_id)
        rules.append(_rule(doc, base_url) if doc else {"id": rule_id, "name": rule_name(rule_id)})
    index = {rule_id: i for i, rule_id in enumerate(used)}
    fingerprints = Fingerprints()
    findings = [_result(diag, span, index, fingerprints)
                for result in results for diag in result.diagnostics for span in (diag.span, *diag.others)]
    driver: dict[str, Any] = {"name": "plancc", "version": __version__, "semanticVersion": __version__,
                              "rules": rules}
    if base_url:
        driver["informationUri"] = f"{base_url}format.html"
    log = {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0",
           "runs": [{"tool": {"driver": driver}, "columnKind": "unicodeCodePoints", "results": findings}]}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
