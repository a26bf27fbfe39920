"""`plancc check`: check plans and report problems; exit 1 on errors (or warnings with --strict)."""

from __future__ import annotations

import os
import sys
from datetime import datetime

import click

from plancc.reporters import FORMATS


def _use_color(choice: bool | None) -> bool:
    if choice is not None:
        return choice
    if os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty() and os.environ.get("TERM") != "dumb"


@click.command("check")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, dir_okay=True, readable=True))
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="How to report: text for people, json for tools, github for pull-request annotations, "
                   "sarif for code scanning, markdown for a CI job's summary (every problem).")
@click.option("--strict", is_flag=True, help="Fail on warnings as well as errors.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="How many files to check at once (default: one per core).")
@click.option("--color/--no-color", default=None, help="Colour the text report (default: when printing to a terminal).")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="The date overdue actions are measured against (default: each plan's as_at date).")
@click.option("--show-suppressed", is_flag=True, help="Also list problems a plan has turned off with a comment.")
@click.option("--no-cache", is_flag=True, help="Check every file again: neither use nor keep the results of earlier "
                                                "checks (kept in .plancc_cache here; also PLANCC_NO_CACHE=1).")
def command(paths: tuple[str, ...], fmt: str, strict: bool, jobs: int | None, color: bool | None,
            today: datetime | None, show_suppressed: bool, no_cache: bool) -> None:
    """Check plan files, or every .yaml file under folders (default: plans/)."""
    from plancc.check_cache import open_cache
    from plancc.diagnostics import has_errors
    from plancc.pipeline import check_files, find_plans
    from plancc.reporters import render

    if not paths:
        if not os.path.isdir("plans"):
            raise click.UsageError("Name the plan files or folders to check (there is no plans/ folder here).")
        paths = ("plans",)
    files = find_plans(list(paths))
    if not files:
        raise click.UsageError(f"No .yaml plan files found in {', '.join(paths)}.")
    results = check_files(files, jobs, today.date() if today else None, open_cache(not no_cache))
    paint = _use_color(color)
    click.echo(render(results, fmt, paint, show_suppressed), nl=False, color=paint)
    from plancc.validate.schema_copy import stale_notices

    for notice in stale_notices(files):  # the editor's copy of the schema is out of date: one line each
        click.echo(notice, err=True)
    failed = any(has_errors(r.diagnostics, strict) for r in results)
    sys.exit(1 if failed else 0)
