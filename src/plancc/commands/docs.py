"""`plancc docs`: write the plan format reference (docs/format.md) from the schema and the rules."""

from __future__ import annotations

import os

import click

DEFAULT_OUTPUT = os.path.join("docs", "format.md")


@click.command("docs")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=DEFAULT_OUTPUT,
              show_default=True, help="Where to write the reference.")
def command(output: str) -> None:
    """Write the plan format reference: every section and field, then every rule."""
    from plancc.reference import format_reference

    text = format_reference()
    folder = os.path.dirname(output)
    if folder:
        os.makedirs(folder, exist_ok=True)
    with open(output, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    click.echo(f"Wrote the plan format reference to {output}.", err=True)
