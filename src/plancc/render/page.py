"""Render a checked plan into its HTML page."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from plancc.diagnostics import Diagnostic, has_errors
from plancc.model.build import build_model
from plancc.model.plan import Plan
from plancc.pipeline import checked_source
from plancc.render.context import plan_context
from plancc.render.env import ThemeError, make_environment, template_dirs
from plancc.render.theme_files import refused_in_theme, theme_files

DEFAULT_SITE = {"title": "Community safety plans", "council": "", "home": "index.html", "footer_links": []}


@dataclass
class Rendered:
    """A plan's page, or the diagnostics that stopped it being made."""

    html: str | None
    diagnostics: list[Diagnostic] = field(default_factory=list)


def checked_model(path: str | Path) -> tuple[Plan | None, list[Diagnostic]]:
    """Load, validate and cross-check a plan: its model when it has no errors, and the diagnostics."""
    source = checked_source(path)
    if has_errors(source.diagnostics):
        return None, source.diagnostics
    plan, _ = build_model(source)
    return plan, source.diagnostics


def page_html(plan: Plan, site: dict[str, Any] | None = None, theme: Path | None = None, assets: str = "assets/",
              downloads: list[dict[str, str]] | None = None) -> str:
    """The page of a plan that has been checked."""
    site_values = {**DEFAULT_SITE, **(site or {})}
    if not site_values["council"]:
        site_values["council"] = plan.data["partnership"]
    template = make_environment(theme).get_template("plan.html")
    return template.render(plan=plan_context(plan), site=site_values, assets=assets, downloads=downloads or [])


def render_plan(path: str | Path, site: dict[str, Any] | None = None, theme: Path | None = None,
                assets: str = "assets/", downloads: list[dict[str, str]] | None = None) -> Rendered:
    """Check a plan and, when it has no errors, render its page."""
    plan, diagnostics = checked_model(path)
    if plan is None:
        return Rendered(None, diagnostics)
    return Rendered(page_html(plan, site, theme, assets, downloads), diagnostics)


def copy_assets(target: Path, theme: Path | None = None) -> None:
    """Copy the stylesheets and fonts into `target`, the theme's files over the built-in ones; only regular files
    that really lie in the theme (a ThemeError names any other)."""
    refused = refused_in_theme(theme)
    if refused:
        raise ThemeError(refused)
    for folder in reversed(template_dirs(theme)):
        for name, real in theme_files(folder / "assets").files.items():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(real, target / name)
