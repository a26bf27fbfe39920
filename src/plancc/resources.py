"""Where plancc's own files (schemas, templates) are, installed or in a source checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """The folder `name` (schemas, templates) inside the wheel, or at the repository's top level."""
    bundled = _PACKAGE / name
    if bundled.is_dir():
        return bundled
    return _PACKAGE.parent.parent / name


def schema_path() -> Path:
    return data_dir("schemas") / "plan.schema.json"
