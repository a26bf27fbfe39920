"""A plan's address in the site (its slug), made from its file name: safe in a link and a folder name, and
the same for no two plans of one build.

`plans/Ward plan #2.yaml` is published at plans/ward-plan-2/: lower-case ASCII letters, digits and
hyphens only, so a link to it needs no escaping and cannot be read as a script, a query or a fragment.
A file name with nothing to make an address from (`...yaml`), or two files giving the same address
(`plans/a/plan.yaml` and `plans/b/plan.yaml`; `Plan.yaml` and `plan.yaml`), is an error in the plan
files named, reported at their first line; neither is published.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from plancc.diagnostics import Diagnostic, Severity, Span

_NOT_ALLOWED = re.compile(r"[^a-z0-9]+")  # one run of anything else becomes one hyphen


def slug_of(file: str) -> str:
    """The address a plan file is published at: its name without the extension, in lower-case ASCII
    letters, digits and hyphens (accents dropped, any other run of characters one hyphen, none at either
    end); "" when nothing is left."""
    stem = Path(file).stem
    plain = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode("ascii")
    return _NOT_ALLOWED.sub("-", plain.lower()).strip("-")


def _unusable(file: str) -> Diagnostic:
    return Diagnostic("slug-empty", Severity.ERROR,
                      f"The file name '{Path(file).name}' has no letters or digits to make the plan's web "
                      "address from, so the plan cannot be published.", file, Span.point(1, 1),
                      hint="Rename the file to say which plan it is, in letters, digits and hyphens, "
                           "e.g. ward-plan-2025.yaml.")


def _collision(file: str, slug: str, others: list[str]) -> Diagnostic:
    named = " and ".join(others)
    return Diagnostic("slug-collision", Severity.ERROR,
                      f"This plan and {named} would both be published at plans/{slug}/, so neither is "
                      "published.", file, Span.point(1, 1),
                      hint="Rename one of the files. A plan's address is made from its file name alone "
                           "(lower-case letters, digits and hyphens), so names that differ only in their "
                           "folder, capitals, spaces or punctuation give the same address.")


def plan_slugs(files: list[str]) -> tuple[dict[str, str], dict[str, list[Diagnostic]]]:
    """Each file's slug ("" where its name gives none), and the errors of the files that cannot be
    published under theirs: no slug, or a slug shared with another file of the build."""
    slugs = {file: slug_of(file) for file in files}
    by_slug: dict[str, list[str]] = {}
    for file, slug in slugs.items():
        by_slug.setdefault(slug, []).append(file)
    problems: dict[str, list[Diagnostic]] = {}
    for slug, group in by_slug.items():
        for file in group:
            if not slug:
                problems[file] = [_unusable(file)]
            elif len(group) > 1:
                problems[file] = [_collision(file, slug, [f for f in group if f != file])]
    return slugs, problems
