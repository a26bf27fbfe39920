"""`plancc docs`: write the plan format reference (docs/format.md) from the schema and the rules."""

from __future__ import annotations

from pathlib import Path

import click

DEFAULT_OUTPUT = str(Path("docs", "format.md"))


@click.command("docs")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=DEFAULT_OUTPUT,
              show_default=True, help="Where to write the reference.")
def command(output: str) -> None:
    """Write the plan format reference: every section and field, then every rule."""
    from plancc.reference import format_reference
    from plancc.user_errors import write_output

    write_output(Path(output), format_reference())
    click.echo(f"Wrote the plan format reference to {output}.", err=True)
