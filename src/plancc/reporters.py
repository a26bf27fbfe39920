"""Reporters: diagnostics as text for a person, JSON for tools, annotations for GitHub, Markdown for a summary."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Sequence

from plancc.diagnostics import Diagnostic, Severity, Span
from plancc.markdown_escape import escape as _cell  # one line of a Markdown table cell, shown as typed
from plancc.pipeline import FileResult

FORMATS = ("text", "json", "github", "sarif", "markdown")
_NO_EXCERPT = frozenset({"not-utf8", "file-too-large", "file-unreadable"})  # no readable line to show

_RED, _YELLOW, _BOLD, _DIM, _CYAN, _RESET = "\x1b[31m", "\x1b[33m", "\x1b[1m", "\x1b[2m", "\x1b[36m", "\x1b[0m"


def render(results: Sequence[FileResult], fmt: str, color: bool = False, show_suppressed: bool = False) -> str:
    """The report for a set of checked files, in one of FORMATS.

    Suppressed diagnostics are always in the JSON (marked so); the text report lists them only
    when asked, and GitHub annotations never show them.
    """
    if fmt == "json":
        return json_report(results)
    if fmt == "sarif":
        from plancc.sarif import sarif_report

        return sarif_report(results)
    if not show_suppressed:
        results = [FileResult(r.file, [d for d in r.diagnostics if d.suppressed is None], r.suppressed)
                   for r in results]  # keep the count of what was left out for the summary
    if fmt == "markdown":
        return markdown_report(results)
    return text_report(results, color) if fmt == "text" else github_report(results)


@lru_cache(maxsize=64)
def _source_lines(file: str) -> list[str]:
    try:
        with open(file, encoding="utf-8", errors="replace") as handle:
            return handle.read().split("\n")
    except OSError:
        return []


def _paint(text: str, code: str, color: bool) -> str:
    return f"{code}{text}{_RESET}" if color else text


def _excerpt(file: str, span: Span, color: bool) -> list[str]:
    """The source line with a caret under the offending value."""
    lines = _source_lines(file)
    if not 1 <= span.line <= len(lines):
        return []
    source = "".join(ch if ch.isprintable() else " " for ch in lines[span.line - 1])
    end = span.end_column if span.end_line == span.line else len(source) + 1
    width = max(1, min(end, len(source) + 1) - span.column)
    gutter = f"{span.line:>5} | "
    caret = " " * (len(gutter) - 2) + "| " + " " * (span.column - 1) + "^" * width
    return [gutter + source, _paint(caret, _RED, color)]


def _format_value(value: object) -> str:
    if isinstance(value, str):
        return repr(value) if len(value) <= 60 else repr(value[:57] + "...")
    if isinstance(value, (dict, list)):
        return "a block" if isinstance(value, dict) else "a list"
    return "nothing" if value is None else str(value).lower() if isinstance(value, bool) else str(value)


def _text_one(diag: Diagnostic, color: bool) -> list[str]:
    where = f"{diag.file}:{diag.line}:{diag.column}" if diag.span else diag.file
    sev_color = _RED if diag.severity is Severity.ERROR else _YELLOW
    severity = f"{diag.severity} (turned off: {diag.suppressed})" if diag.suppressed else str(diag.severity)
    head = (f"{_paint(where, _BOLD, color)}: {_paint(severity, sev_color, color)} "
            f"{_paint('[' + diag.rule + ']', _DIM, color)} {diag.message}")
    out = [head]
    if diag.span and diag.rule not in _NO_EXCERPT:
        out.extend(_excerpt(diag.file, diag.span, color))
    if diag.value is not None and not isinstance(diag.value, (dict, list)):
        out.append(f"  found: {_format_value(diag.value)}")
    if diag.hint:
        out.append(_paint("  hint: ", _CYAN, color) + diag.hint)
    if diag.others:
        lines = ", ".join(str(o.line) for o in diag.others[:12])
        more = f" and {len(diag.others) - 12} more" if len(diag.others) > 12 else ""
        out.append(f"  (and {len(diag.others)} more like this, on lines {lines}{more})")
    return out


def _summary(results: Sequence[FileResult]) -> str:
    errors = sum(r.errors for r in results)
    warnings = sum(r.warnings for r in results)
    files = len(results)
    plural = "s" if files != 1 else ""
    quiet = sum(r.suppressed for r in results)
    note = f" ({quiet} turned off in the plans with a reason; --show-suppressed lists them)" if quiet else ""
    if not errors and not warnings:
        return f"{files} plan{plural} checked: no problems found{note}."
    bad = sum(1 for r in results if r.diagnostics)
    return (f"{files} plan{plural} checked: {errors} error{'s' if errors != 1 else ''} and "
            f"{warnings} warning{'s' if warnings != 1 else ''} in {bad} file{'s' if bad != 1 else ''}{note}.")


def diagnostics_text(diagnostics: Sequence[Diagnostic], color: bool = False) -> str:
    """Diagnostics as text, each followed by a blank line, with no summary (for problems outside a plan)."""
    return "".join("\n".join(_text_one(diag, color)) + "\n\n" for diag in diagnostics)


def text_report(results: Sequence[FileResult], color: bool = False) -> str:
    found = diagnostics_text([d for result in results for d in result.diagnostics], color)
    return found + _summary(results) + "\n"


def json_report(results: Sequence[FileResult]) -> str:
    payload = {
        "version": 1,
        "files": [
            {"file": r.file, "errors": r.errors, "warnings": r.warnings,
             "suppressed": r.suppressed, "diagnostics": [d.to_dict() for d in r.diagnostics]}
            for r in results
        ],
        "summary": {"files": len(results), "errors": sum(r.errors for r in results),
                    "warnings": sum(r.warnings for r in results), "suppressed": sum(r.suppressed for r in results)},
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def _gh_escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def _with_value(diag: Diagnostic) -> str:
    """The message, and the value found where it says something the message does not."""
    shown = diag.value is not None and not isinstance(diag.value, (dict, list))
    return diag.message + (f" Found: {_format_value(diag.value)}." if shown else "")


def github_report(results: Sequence[FileResult]) -> str:
    """GitHub Actions workflow commands: one annotation per place, shown on the pull request's lines."""
    out: list[str] = []
    for result in results:
        for diag in result.diagnostics:
            level = "error" if diag.severity is Severity.ERROR else "warning"
            message = _with_value(diag) + (f"\n{diag.hint}" if diag.hint else "")
            spans = [diag.span, *diag.others] if diag.span else [None]
            for span in spans:
                props = [f"file={_gh_escape(diag.file, True)}"]
                if span:
                    props += [f"line={span.line}", f"col={span.column}", f"endLine={span.end_line}",
                              f"endColumn={span.end_column}"]
                props.append(f"title={_gh_escape('plancc ' + diag.rule, True)}")
                out.append(f"::{level} {','.join(props)}::{_gh_escape(message)}")
    out.append(_summary(results))
    return "\n".join(out) + "\n"


def _markdown_row(diag: Diagnostic) -> str:
    where = f"line {diag.line}, column {diag.column}" if diag.span else "the whole file"
    if diag.others:
        where += f" (also line{'s' if len(diag.others) > 1 else ''} {', '.join(str(o.line) for o in diag.others)})"
    label = str(diag.severity).capitalize() + (f" (turned off: {diag.suppressed})" if diag.suppressed else "")
    return f"| {where} | **{_cell(label)}:** {_cell(_with_value(diag))} | {_cell(diag.hint or '')} | `{diag.rule}` |"


def markdown_report(results: Sequence[FileResult]) -> str:
    """Every problem, a table for each plan, e.g. for a CI job's summary (where annotations are capped)."""
    out = ["## plancc check", "", _cell(_summary(results)), ""]
    for result in results:
        if result.diagnostics:
            out += [f"### {_cell(result.file)}", "", "| Where | Problem | How to fix it | Rule |",
                    "| --- | --- | --- | --- |", *(_markdown_row(d) for d in result.diagnostics), ""]
    clean = [_cell(r.file) for r in results if not r.diagnostics]
    if clean and len(clean) < len(results):
        out += [f"No problems in {', '.join(clean)}.", ""]
    return "\n".join(out) + "\n"  # ends with a blank line, so that what is added after starts a new block
