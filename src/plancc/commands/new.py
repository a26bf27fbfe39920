"""`plancc new PATH`: start a plan from a commented skeleton, or next year's plan from this year's (--from)."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click


@click.command("new")
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--from", "source", type=click.Path(exists=True, dir_okay=False, readable=True), default=None,
              help="Start next year's plan from this plan: every period a year on, a new version history, "
                   "no actual values, progress updates or printed totals.")
@click.option("--kind", type=click.Choice(["delivery-plan", "strategy", "improvement-plan", "report"]),
              default="delivery-plan", show_default=True,
              help="The kind of document to start: a delivery plan, a strategy, an improvement plan, or a report "
                   "to a committee.")
def command(path: str, source: str | None, kind: str) -> None:
    """Write a new plan to PATH (never over an existing file)."""
    target = Path(path)
    _refuse_bad_target(target)
    from plancc.skeleton import schema_reference, skeleton_text

    reference = schema_reference(target)
    if source is not None:
        text = _next_year(source, reference)
    elif kind == "delivery-plan":
        text = skeleton_text(date.today(), reference)
    else:
        from plancc.skeleton_kinds import kind_skeleton

        text = kind_skeleton(kind, date.today(), reference)
    about_schema = _place_schema(target, reference)
    _write_new(target, text)
    if source is None:
        click.echo(f"Wrote a new plan to {path}. Replace the examples with your own, then run: plancc check {path}")
    else:
        click.echo(f"Wrote next year's plan, started from {source}, to {path}.")
    for line in about_schema:
        click.echo(line)
    if source is not None:
        _report_check(path)


def _place_schema(target: Path, reference: str) -> list[str]:
    """Make sure the schema the plan's first line names is there (writing a copy when there is none);
    what to tell the officer about it."""
    from plancc.validate.schema_copy import ensure_copy, plancc_version, shown, stale_notice

    try:
        placed = ensure_copy(target.parent)
    except OSError as exc:
        _fail(f"The plan schema, which editors need, could not be written to {exc.filename or 'its folder'} "
              f"({exc.strerror or exc}). Check that you can write there, then run plancc new again.")
        raise  # not reached: _fail exits
    told = f"Its first line ($schema={reference}) points editors to the plan schema in {shown(placed.path)}"
    if placed.written:
        return [f"{told}, a copy of plancc's schema (version {plancc_version()}) written just now: "
                "commit it with your plans."]
    notice = stale_notice(placed.path)
    return [f"{told}."] + ([notice] if notice else [])


def _refuse_bad_target(target: Path) -> None:
    if target.suffix not in (".yaml", ".yml"):
        raise click.UsageError(f"A plan's file name ends in .yaml, e.g. {target.with_suffix('.yaml')}.")
    if target.exists():
        _fail(f"{target} already exists, and plancc new never writes over a file. "
              "Choose another name, or move the old file away first.")
    if not target.parent.is_dir():
        _fail(f"There is no folder {target.parent} to write {target.name} in. Create the folder first.")


def _fail(message: str) -> None:
    click.echo(f"plancc new: {message}", err=True)
    sys.exit(1)


def _write_new(target: Path, text: str) -> None:
    try:
        with open(target, "x", encoding="utf-8") as handle:  # "x": fails rather than overwrite
            handle.write(text)
    except FileExistsError:
        _fail(f"{target} already exists, and plancc new never writes over a file.")
    except OSError as exc:
        _fail(f"{target} could not be written: {exc.strerror}.")


def _next_year(source: str, reference: str) -> str:
    """Next year's plan as YAML text: the source file with its comments, key order and quoting, and only
    the rolled-forward values changed; or exit 1 when the source plan cannot be read or fails the schema."""
    from plancc.diagnostics import has_errors
    from plancc.pipeline import load_and_validate
    from plancc.rollforward import next_year_text
    from plancc.skeleton import schema_line
    from plancc.yaml_roundtrip import LayoutError

    loaded = load_and_validate(source)
    if has_errors(loaded.diagnostics):
        _fail(f"{source} has errors, so next year's plan cannot be started from it. "
              f"Run plancc check {source}, correct them, and try again.")
    try:
        return next_year_text(loaded, date.today(), Path(source).name, schema_line(reference))
    except LayoutError as exc:
        _fail(f"Next year's plan could not be started from {source} with its comments and layout kept: {exc}. "
              "Copy the file instead, and change its periods, versions and progress by hand.")
        raise  # not reached: _fail exits


def _report_check(path: str) -> None:
    """What plancc check finds in the new plan, so the officer knows what to look at first."""
    from plancc.pipeline import check_file

    result = check_file(path)
    if not result.diagnostics:
        click.echo("plancc check finds no problems in it.")
        return
    click.echo(f"plancc check finds {_count(result.errors, 'error')} and {_count(result.warnings, 'warning')} in it:")
    for diag in (d for d in result.diagnostics if d.suppressed is None):
        click.echo(f"  line {diag.line}: {diag.severity} [{diag.rule}] {diag.message}")
    if result.errors:
        sys.exit(1)


def _count(number: int, thing: str) -> str:
    return f"{number} {thing}{'' if number == 1 else 's'}"
