"""`plancc diff`: say in words what changed between two versions of a plan.

Exits 0 whether or not anything changed, 1 when a version does not load or fails the schema
(its diagnostics go to standard error), and 2 when it is called wrongly.
"""

from __future__ import annotations

import os
import sys

import click

FORMATS = ("text", "markdown", "json")


@click.command("diff")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--rev", metavar="REV", default=None,
              help="Compare each plan under PATH... (default: plans/) with its version at this git revision, "
                   "e.g. origin/main for a pull request.")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text for people, markdown for a pull-request comment, json for tools.")
def command(paths: tuple[str, ...], rev: str | None, fmt: str) -> None:
    """Say in words what changed between two versions of a plan.

    \b
    plancc diff OLD NEW              two plan files
    plancc diff --rev REV [PATH...]  each plan against its version at a git revision
    """
    from plancc.diff import diff_pair
    from plancc.diff.formats import render
    from plancc.diff.sources import SourceError, file_pair, revision_pairs
    from plancc.reporters import render as report

    try:
        if rev is None:
            if len(paths) != 2:
                raise click.UsageError("Name two plan files (OLD NEW), or use --rev REV to compare with git.")
            pairs = [file_pair(paths[0], paths[1])]
        else:
            pairs = revision_pairs(rev, list(paths) or _default_folder())
    except SourceError as exc:
        raise click.UsageError(str(exc)) from None
    diffs = [diff_pair(pair) for pair in pairs]
    failed = [result for d in diffs for result in d.failed]
    if failed:
        click.echo(report(failed, "text"), nl=False, err=True)
    click.echo(render(diffs, fmt), nl=False)
    sys.exit(1 if failed else 0)


def _default_folder() -> list[str]:
    if not os.path.isdir("plans"):
        raise click.UsageError("Name the plan files or folders to compare (there is no plans/ folder here).")
    return ["plans"]
