"""The rules of the load and validate stages (and of plancc.yml), for `plancc rules`, `plancc explain`,
the format reference and SARIF: each documented in plancc.rules.loader_docs or plancc.rules.schema_docs."""

from __future__ import annotations

from plancc.rules import loader_docs, schema_docs
from plancc.rules.loader_docs import LoaderDoc

LOADER_DOCS: tuple[LoaderDoc, ...] = (*loader_docs.DOCS, *schema_docs.DOCS)
# (id, severity, summary) of each, in the order they apply.
LOADER_RULES: list[tuple[str, str, str]] = [(doc.id, doc.severity, doc.summary) for doc in LOADER_DOCS]
