"""The one Jinja environment factory: a council's theme folder first, then plancc's own templates.

A theme overrides templates and assets file by file (as MkDocs' custom_dir does). Templates
from a theme folder are the council's own code, so every template runs in Jinja's sandbox;
output is autoescaped, and an undefined variable is an error rather than a silent blank.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from plancc.model.values import format_number
from plancc.render.markdown import markdown
from plancc.resources import data_dir


def template_dirs(theme: Path | None = None) -> list[Path]:
    """Where templates and assets are looked for, in order: the theme folder, then the built-in one."""
    built_in = data_dir("templates")
    return [theme, built_in] if theme is not None else [built_in]


def make_environment(theme: Path | None = None) -> SandboxedEnvironment:
    """A Jinja environment for rendering plans, with plancc's filters."""
    env = SandboxedEnvironment(
        loader=ChoiceLoader([FileSystemLoader(str(d)) for d in template_dirs(theme)]),
        autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
        keep_trailing_newline=True)
    env.filters["markdown"] = markdown
    env.filters["number"] = format_number
    return env
