"""`plancc schema`: print the plan JSON Schema for editors and other tools, or write it to a file."""

from __future__ import annotations

import click


@click.command("schema")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write the schema to this file instead of printing it.")
def command(output: str | None) -> None:
    """Print the plan JSON Schema (draft 2020-12)."""
    from plancc.schema import schema_text

    text = schema_text()
    if output is None:
        click.echo(text, nl=not text.endswith("\n"))
        return
    with open(output, "w", encoding="utf-8") as handle:
        handle.write(text)
    click.echo(f"Wrote the plan schema to {output}.", err=True)
