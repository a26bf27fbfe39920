"""`plancc rules`: list every cross-check rule with its id, severity and what it checks."""

from __future__ import annotations

import click


@click.command("rules")
def command() -> None:
    """List every rule: its id, default severity and one line on what it checks."""
    from plancc.rules import all_rules
    from plancc.rules_loader_ids import LOADER_RULES

    rows = [(r.id, str(r.severity), r.summary) for r in all_rules()]
    rows += [(rule_id, "error" if severity == "error" else severity, summary)
             for rule_id, severity, summary in LOADER_RULES]
    width = max(len(r[0]) for r in rows)
    for rule_id, severity, summary in sorted(rows):
        click.echo(f"{rule_id:<{width}}  {severity:<7}  {summary}")
    click.echo("\nplancc explain RULE shows a rule's documentation.")
