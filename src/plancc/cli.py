"""The thin command-line layer: each command lives in plancc/commands/<name>.py, imported on demand."""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any

import click

from plancc import __version__

# command name -> one-line help, shown without importing the command's module
COMMANDS = {
    "build": "Build the site: an index, and each plan's page, PDF and open data.",
    "check": "Check plans: the schema, then the arithmetic and the dates.",
    "diff": "Say in words what changed between two versions of a plan.",
    "docs": "Write the plan format reference (docs/format.md) from the schema and the rules.",
    "explain": "Show what a rule checks and how to fix what it finds.",
    "new": "Start a plan from a commented skeleton, or next year's plan from this year's (--from).",
    "preview": "See a plan's page in a browser, refreshed each time the file is saved.",
    "print": "Write a plan's tagged PDF.",
    "render": "Write a plan's accessible HTML page.",
    "report": "Write the performance report: status of indicators and actions, as at a date or for a period.",
    "rules": "List every rule with its id and severity.",
    "schema": "Print the plan JSON Schema, or write it to a file.",
}


class LazyGroup(click.Group):
    """A click group that imports a command's module only when that command runs."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module = importlib.import_module(f"plancc.commands.{cmd_name}")
        return module.command  # type: ignore[no-any-return]

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with formatter.section("Commands"):
            formatter.write_dl(sorted(COMMANDS.items()))


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="plancc")
def cli() -> None:
    """plancc: check, render and publish partnership delivery plans written as YAML."""


def main(argv: list[str] | None = None) -> Any:
    """Entry point: run the CLI; an unexpected failure exits 2 with a short message, not a traceback."""
    try:
        return cli.main(args=argv, prog_name="plancc", standalone_mode=True)
    except SystemExit:
        raise
    except Exception as exc:  # noqa: BLE001 - the last line of defence against a traceback
        from plancc.user_errors import UserError, environment_problem, is_environment_problem

        if isinstance(exc, UserError) or is_environment_problem(exc):  # a theme's mistake, a full disk: say where
            from plancc.reporters import diagnostics_text

            found = exc.diagnostics if isinstance(exc, UserError) else [environment_problem(exc)]  # type: ignore[arg-type]
            click.echo(diagnostics_text(found).rstrip("\n"), err=True)
            sys.exit(1)
        if os.environ.get("PLANCC_DEBUG"):
            raise
        click.echo(f"plancc: internal error: {type(exc).__name__}: {exc}", err=True)
        click.echo("This is a bug in plancc, not in your plan. Set PLANCC_DEBUG=1 to see the details.", err=True)
        sys.exit(2)
