"""`plancc schema`: print the plan JSON Schema for editors and other tools, write it to a file, or put
the copy that plans' first lines point to (schemas/plan.schema.json) in place and up to date (--write)."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("schema")
@click.argument("path", required=False, type=click.Path(exists=True, file_okay=True, dir_okay=True))
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write the schema to this file instead of printing it.")
@click.option("--write", "write", is_flag=True,
              help="Put plancc's schema in schemas/plan.schema.json for the plans in PATH (a plan or a folder; "
                   "default: this folder): the copy their first lines point to, or a new one at the top of "
                   "the plans repository.")
def command(path: str | None, output: str | None, write: bool) -> None:
    """Print the plan JSON Schema (draft 2020-12), or with --write refresh the plans' copy of it."""
    from plancc.validate.schema import schema_text

    if write:
        _write_for_plans(Path(path or "."))
        return
    if path is not None:
        raise click.UsageError(f"Add --write to put the schema beside the plans in {path}, "
                               "or leave out the path to print the schema.")
    text = schema_text()
    if output is None:
        click.echo(text, nl=not text.endswith("\n"))
        return
    from plancc.user_errors import write_output

    write_output(Path(output), text)
    click.echo(f"Wrote the plan schema to {output}.", err=True)


def _write_for_plans(path: Path) -> None:
    """Write or refresh the copy of the schema that plans in `path` use, and say what was done."""
    from plancc.validate.schema_copy import find_copy, home_for_copy, plancc_version, shown, write_copy

    folder = path if path.is_dir() else path.parent
    copy = find_copy(folder) or home_for_copy(folder)
    try:
        written = write_copy(copy)
    except OSError as exc:
        raise click.ClickException(f"The plan schema could not be written to {shown(copy)} "
                                   f"({exc.strerror or exc}). Check that you can write there.") from None
    version = plancc_version()
    if written:
        click.echo(f"Wrote plancc's plan schema (version {version}) to {shown(copy)}. "
                   "Plans whose first line points to it now get its fields in the editor: commit it with them.")
    else:
        click.echo(f"{shown(copy)} is already plancc's plan schema (version {version}); nothing to do.")
