"""What several commands do first: read the site config and find the plan files, or stop and say why."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from plancc.site_config import SiteConfig


def site_and_plans(config_path: str | None, paths: tuple[str, ...]) -> tuple[SiteConfig, list[str]]:
    """The site config (plancc.yml here, or the one named) and the plan files under `paths` (default:
    plans/); exits 1 with the config's errors, or as a usage error when there are no plan files."""
    from plancc.diagnostics import has_errors
    from plancc.pipeline import FileResult, find_plans
    from plancc.reporters import render
    from plancc.site_config import load_config

    config, problems = load_config(Path(config_path) if config_path else None)
    if has_errors(problems):
        click.echo(render([FileResult(problems[0].file, problems)], "text"), nl=False, err=True)
        sys.exit(1)
    files = find_plans(list(paths) or ["plans"])
    if not files:
        raise click.UsageError("No .yaml plan files found.")
    return config, files
