"""`plancc explain RULE`: print a rule's documentation."""

from __future__ import annotations

import difflib

import click


@click.command("explain")
@click.argument("rule_id")
def command(rule_id: str) -> None:
    """Show what a rule finds, why it matters, an example that fails and one that passes, and how to fix it."""
    from plancc.rule_docs import all_rule_docs, explain_text, find

    doc = find(rule_id)
    if doc is None:
        close = difflib.get_close_matches(rule_id, [d.id for d in all_rule_docs()], n=1)
        suggestion = f" Did you mean '{close[0]}'?" if close else ""
        raise click.UsageError(f"There is no rule '{rule_id}'.{suggestion} 'plancc rules' lists them all.")
    click.echo(explain_text(doc), nl=False)
