"""`plancc explain RULE`: print a rule's documentation."""

from __future__ import annotations

import difflib

import click


@click.command("explain")
@click.argument("rule_id")
def command(rule_id: str) -> None:
    """Show what a rule checks, why, an example that fails, and how to fix it."""
    from plancc.rules import all_rules
    from plancc.rules_loader_ids import LOADER_RULES

    docs = {r.id: (str(r.severity), r.doc) for r in all_rules()}
    docs.update({rid: (severity, summary) for rid, severity, summary in LOADER_RULES})
    if rule_id not in docs:
        close = difflib.get_close_matches(rule_id, list(docs), n=1)
        suggestion = f" Did you mean '{close[0]}'?" if close else ""
        raise click.UsageError(f"There is no rule '{rule_id}'.{suggestion} 'plancc rules' lists them all.")
    severity, doc = docs[rule_id]
    click.echo(f"{rule_id} ({severity})\n\n{doc}")
