"""The one Jinja environment factory: a council's theme folder first, then plancc's own templates.

A theme overrides templates and assets file by file (as MkDocs' custom_dir does). Templates
from a theme folder are the council's own code, so every template runs in Jinja's sandbox;
output is autoescaped, and an undefined variable is an error rather than a silent blank.
"""

from __future__ import annotations

import traceback
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, StrictUndefined, Template, TemplateError, TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment

from plancc.diagnostics import Span, error

from plancc.model.values import format_number
from plancc.render.markdown import markdown
from plancc.render.theme_files import FolderLoader, refused_in_theme
from plancc.resources import data_dir
from plancc.user_errors import UserError


def template_dirs(theme: Path | None = None) -> list[Path]:
    """Where templates and assets are looked for, in order: the theme folder, then the built-in one."""
    built_in = data_dir("templates")
    return [theme, built_in] if theme is not None else [built_in]


class ThemeError(UserError):
    """A mistake in a theme (a template, or a file it may not use): the council's to correct, not a bug in plancc."""


def _theme_frame(exc: BaseException, theme: Path) -> tuple[str, int] | None:
    """The theme template and line an error came from (the innermost such frame), if any."""
    if isinstance(exc, TemplateSyntaxError) and exc.filename:
        frames = [(exc.filename, exc.lineno or 1)]
    else:
        frames = [(f.filename, f.lineno or 1) for f in traceback.extract_tb(exc.__traceback__)]
    root = theme.resolve()
    inside = [(name, line) for name, line in frames if Path(name).resolve().is_relative_to(root)]
    return inside[-1] if inside else None


def theme_error(exc: BaseException, theme: Path | None) -> ThemeError | None:
    """The error as a theme mistake, located in its template, when it arose in the theme's own template."""
    found = _theme_frame(exc, theme) if theme is not None else None
    if found is None:
        return None
    name, line = found
    what = exc.message if isinstance(exc, TemplateError) and exc.message else f"{type(exc).__name__}: {exc}"
    return ThemeError([error("theme-template", f"The theme's template {Path(name).name} has a mistake on line {line}: "
                            f"{what.rstrip('.')}.", name, Span.point(line, 1),
                            hint="Correct the template (docs/templates.md lists what each template is given), or "
                                 "remove it from the theme folder to use plancc's own.")])


class _ThemeTemplate(Template):
    """A template whose mistakes, when they are in a theme's file, are reported as the theme's."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        try:
            return super().render(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - re-raised unless it is the theme's own mistake
            found = theme_error(exc, getattr(self.environment, "theme_dir", None))
            if found is None:
                raise
            raise found from exc


class _ThemeEnvironment(SandboxedEnvironment):
    template_class = _ThemeTemplate
    theme_dir: Path | None = None

    def get_template(self, *args: Any, **kwargs: Any) -> Template:
        try:
            return super().get_template(*args, **kwargs)
        except TemplateSyntaxError as exc:
            found = theme_error(exc, self.theme_dir)
            if found is None:
                raise
            raise found from exc


_kept: dict[Path | None, SandboxedEnvironment] = {}  # one environment a theme, once keep_environments() is called
_keeping: list[bool] = []


def keep_environments() -> None:
    """From now on in this process, make_environment gives the same environment for a theme each time, so each
    template is compiled once: for a process that lives for one build (a render worker), whose templates are
    fixed for the build. Elsewhere (a preview that runs while a theme is edited) each call starts afresh."""
    _keeping.append(True)


def make_environment(theme: Path | None = None) -> SandboxedEnvironment:
    """A Jinja environment for rendering plans, with plancc's filters; a mistake in a theme's template is
    raised as a ThemeError naming the template and line."""
    refused = refused_in_theme(theme)
    if refused:
        raise ThemeError(refused)
    if _keeping:
        if theme not in _kept:
            _kept[theme] = _new_environment(theme)
        return _kept[theme]
    return _new_environment(theme)


def _new_environment(theme: Path | None) -> SandboxedEnvironment:
    env = _ThemeEnvironment(
        loader=ChoiceLoader([FolderLoader(d) for d in template_dirs(theme)]),
        autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
        keep_trailing_newline=True)
    env.theme_dir = theme
    env.filters["markdown"] = markdown
    env.filters["number"] = format_number
    return env
