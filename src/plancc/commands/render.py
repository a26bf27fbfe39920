"""`plancc render PLAN`: check a plan and write its HTML page, with the stylesheets beside it."""

from __future__ import annotations

import sys
from pathlib import Path

import click


@click.command("render")
@click.argument("plan", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Where to write the page (default: build/<plan name>.html).")
@click.option("--theme", type=click.Path(exists=True, file_okay=False), default=None,
              help="A folder of templates and assets that override the built-in ones.")
def command(plan: str, output: str | None, theme: str | None) -> None:
    """Write a plan's HTML page (the plan is checked first; errors stop it)."""
    from plancc.pipeline import FileResult
    from plancc.render.page import copy_assets, render_plan
    from plancc.reporters import render
    from plancc.user_errors import reported_as_users, write_output

    target = Path(output) if output else Path("build") / (Path(plan).stem + ".html")
    theme_dir = Path(theme) if theme else None
    result = render_plan(plan, theme=theme_dir)
    if result.diagnostics:
        click.echo(render([FileResult(plan, result.diagnostics)], "text"), nl=False, err=True)
    if result.html is None:
        click.echo(f"{plan} has errors, so no page was written.", err=True)
        sys.exit(1)
    write_output(target, result.html)
    with reported_as_users(target.parent / "assets"):
        copy_assets(target.parent / "assets", theme_dir)
    click.echo(f"Wrote {target}")
