"""`plancc print PLAN`: check a plan and write its tagged PDF."""

from __future__ import annotations

import sys
from pathlib import Path

import click


@click.command("print")
@click.argument("plan", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Where to write the PDF (default: build/<plan name>.pdf).")
@click.option("--theme", type=click.Path(exists=True, file_okay=False), default=None,
              help="A folder of templates and assets that override the built-in ones.")
def command(plan: str, output: str | None, theme: str | None) -> None:
    """Write a plan's PDF: tagged for screen readers, titled, language set, fonts embedded."""
    import tempfile

    from plancc.pdf import write_pdf
    from plancc.pipeline import FileResult
    from plancc.render.env import template_dirs
    from plancc.render.page import copy_assets, render_plan
    from plancc.reporters import render

    target = Path(output) if output else Path("build") / (Path(plan).stem + ".pdf")
    theme_dir = Path(theme) if theme else None
    with tempfile.TemporaryDirectory() as scratch:
        assets = Path(scratch) / "assets"  # the theme's assets over the built-in ones, as a build has them
        copy_assets(assets, theme_dir)
        result = render_plan(plan, site={"home": ""}, theme=theme_dir, assets=assets.resolve().as_uri() + "/")
        if result.html is None:
            click.echo(render([FileResult(plan, result.diagnostics)], "text"), nl=False, err=True)
            click.echo(f"{plan} has errors, so no PDF was written.", err=True)
            sys.exit(1)
        roots = [assets, *template_dirs(theme_dir), Path(plan).parent]
        refused = write_pdf(result.html, Path(plan).parent, roots, target, plan)
    if refused:
        click.echo(render([FileResult(plan, refused)], "text"), nl=False, err=True)
    click.echo(f"Wrote {target}")
    sys.exit(1 if refused else 0)
