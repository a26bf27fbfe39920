"""`plancc build`: the site folder to upload: an index, each plan's page, PDF and open data."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click


@click.command("build")
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@click.option("--out", "out", type=click.Path(file_okay=False), default="build/site", show_default=True,
              help="The site folder (a link switched to each complete new build).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="The site config file (default: plancc.yml here, if there is one).")
@click.option("--drafts", is_flag=True, help="Publish draft plans too.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, help="Plans rendered at once (default: cores).")
@click.option("--a11y/--no-a11y", "accessibility", default=True, show_default=True,
              help="Check the pages with axe-core in Chromium (WCAG 2.2 AA) where those tools are installed.")
@click.option("--no-cache", "no_cache", is_flag=True,
              help="Check every plan and page afresh: neither use nor keep earlier results (.plancc_cache).")
def command(paths: tuple[str, ...], out: str, config_path: str | None, drafts: bool, jobs: int | None,
            accessibility: bool, no_cache: bool) -> None:
    """Build the site from the plans (default: plans/). A plan with errors keeps its last good output."""
    from plancc.commands.common import site_and_plans
    from plancc.pipeline import FileResult
    from plancc.build_lock import BuildBusy
    from plancc.publish import Built, build_site
    from plancc.reporters import render

    config, files = site_and_plans(config_path, paths)
    bar = click.progressbar(length=len(files), label="Building", file=sys.stderr) if sys.stderr.isatty() else None

    def step(built: Built) -> None:
        if bar is not None:
            bar.update(1)

    if bar is not None:
        bar.__enter__()
    try:
        results, checked = build_site(files, Path(out), config, drafts, jobs or os.cpu_count() or 1, step,
                                      accessibility, lambda words: click.echo(words, err=True), cache=not no_cache)
    except BuildBusy as busy:
        click.echo(str(busy), err=True)
        sys.exit(1)
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    words = {"built": "built", "reused": "unchanged, kept", "kept": "HAS ERRORS: last good output kept",
             "failed": "HAS ERRORS: not published", "skipped": "not published (status)"}
    failed = [r for r in results if r.outcome in ("kept", "failed")]
    if failed:
        click.echo(render([FileResult(r.file, r.diagnostics) for r in failed], "text"), nl=False, err=True)
    for result in results:
        click.echo(f"  {result.file}: {words[result.outcome]}")
    if checked.skipped:
        click.echo(f"Accessibility checks skipped: {checked.skipped}.")
    elif checked.failures or checked.blocked:
        for page, found in checked.failures.items():
            click.echo(f"Accessibility problems in {page}:\n{found}", err=True)
        for message in checked.blocked:
            click.echo(message, err=True)
        why = []
        if checked.failures:
            why.append(f"{len(checked.failures)} page(s) fail the accessibility checks (axe-core, WCAG 2.2 AA)")
        if checked.blocked:
            why.append(f"pages ask for {len(checked.blocked)} address(es) that a build does not fetch")
        click.echo(f"The new site was not published: {'; '.join(why)}. The previous site is unchanged.", err=True)
        sys.exit(1)
    else:
        click.echo(f"Accessibility checks passed (axe-core, WCAG 2.2 AA): {checked.pages} "
                   f"page{'s' if checked.pages != 1 else ''} new or changed in this build"
                   + (f", {checked.cached} of them as checked before (nothing they use has changed)."
                      if checked.cached else "."))
    click.echo(f"Site: {out}/index.html")
    sys.exit(1 if failed else 0)
