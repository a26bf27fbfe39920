"""`plancc rules`: list every rule with its id, severity and what it finds."""

from __future__ import annotations

import click


@click.command("rules")
def command() -> None:
    """List every rule: its id, default severity and one line on what it finds."""
    from plancc.rule_docs import all_rule_docs

    docs = sorted(all_rule_docs(), key=lambda doc: doc.id)
    width = max(len(doc.id) for doc in docs)
    for doc in docs:
        click.echo(f"{doc.id:<{width}}  {doc.severity:<7}  {doc.summary}")
    click.echo("\nplancc explain RULE shows a rule's documentation.")
