"""The copy of the plan schema that lives beside the plans, so that an editor can always load it.

A plan's first line names the schema for editors (`# yaml-language-server: $schema=...`). The schema's
`$id` is plancc's canonical name for it, not an address an editor can fetch, so plans point to a copy
in the plans repository instead: schemas/plan.schema.json at the repository's top (the git work tree's
top, or the plan's own folder outside git), referred to by a relative path. `plancc new` places the copy
when there is none; `plancc schema --write` refreshes it; `plancc new` and `plancc check` say when it is
not plancc's schema any more.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from plancc.validate.schema import plan_schema, schema_text

SCHEMA_FILE = ("schemas", "plan.schema.json")
_VERSION = re.compile(r"/plan/(\d+(?:\.\d+)*)/")


def repository_top(folder: Path) -> Path | None:
    """The top of the git work tree that `folder` is in (the folder holding `.git`), or None outside git."""
    folder = folder.resolve()
    for above in (folder, *folder.parents):
        if (above / ".git").exists():
            return above
    return None


def find_copy(folder: Path) -> Path | None:
    """schemas/plan.schema.json in `folder` or a folder above it, the nearest first; inside git, only
    up to the repository's top (a copy outside the repository is not there for anyone who clones it)."""
    folder = folder.resolve()
    top = repository_top(folder)
    for above in (folder, *folder.parents):
        candidate = above.joinpath(*SCHEMA_FILE)
        if candidate.is_file():
            return candidate
        if above == top:
            break
    return None


def home_for_copy(folder: Path) -> Path:
    """Where a new copy goes for plans in `folder`: schemas/plan.schema.json at the repository's top."""
    return (repository_top(folder) or folder.resolve()).joinpath(*SCHEMA_FILE)


def schema_version(schema_id: object) -> str:
    """The version in a schema's $id (".../plan/1.2/plan.schema.json" gives "1.2"), or "" when it has none."""
    found = _VERSION.search(schema_id) if isinstance(schema_id, str) else None
    return found.group(1) if found else ""


def plancc_version() -> str:
    """The version of plancc's own plan schema."""
    return schema_version(plan_schema()["$id"])


@dataclass(frozen=True)
class Placed:
    """The copy that plans in a folder use, and whether plancc has just written it."""

    path: Path
    written: bool


def write_copy(path: Path) -> bool:
    """Write plancc's schema to `path` (True), or leave it when it is already the same (False)."""
    if path.is_file() and path.read_text(encoding="utf-8", errors="replace") == schema_text():
        return False
    from plancc.user_errors import write_output

    write_output(path, schema_text())
    return True


def ensure_copy(folder: Path) -> Placed:
    """The copy plans in `folder` use: the nearest one, or a new one written at the repository's top."""
    found = find_copy(folder)
    if found is not None:
        return Placed(found, False)
    home = home_for_copy(folder)
    write_copy(home)
    return Placed(home, True)


def relative_reference(copy: Path, plan_folder: Path) -> str:
    """The copy's path as written in a plan's first line: relative to the plan's folder, with forward slashes."""
    return Path(os.path.relpath(copy.resolve(), plan_folder.resolve())).as_posix()


def shown(path: Path) -> str:
    """A path as an officer should see it: relative to the current folder when it is inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def stale_notice(copy: Path) -> str | None:
    """One line saying that a copy is not plancc's schema and how to refresh it, or None when it is."""
    try:
        theirs = json.loads(copy.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        theirs = None
    if theirs == plan_schema():
        return None
    ours = plancc_version()
    their_version = schema_version(theirs.get("$id")) if isinstance(theirs, dict) else ""
    if theirs is None:
        state = "cannot be read as JSON"
    elif not their_version or _older(their_version, ours):
        state = f"is older ({their_version or 'no version'}) than plancc's plan schema ({ours})"
    elif their_version == ours:
        state = f"is not the same as plancc's plan schema ({ours})"
    else:
        return (f"{shown(copy)} is a newer plan schema ({their_version}) than this plancc's ({ours}), so editors "
                "may offer fields plancc does not know: update plancc.")
    target = copy.parent.parent
    return (f"{shown(copy)} {state}, so editors check plans against the wrong fields: "
            f"refresh it with: plancc schema --write {shown(target)}")


def _older(theirs: str, ours: str) -> bool:
    return tuple(int(n) for n in theirs.split(".")) < tuple(int(n) for n in ours.split("."))


def stale_notices(files: list[str]) -> list[str]:
    """One line for each copy that the given plans' folders use and that is not plancc's schema."""
    folders = {Path(f).resolve().parent if os.path.islink(f) else Path(os.path.dirname(f) or ".") for f in files}
    copies = {find_copy(folder) for folder in folders}  # find_copy resolves each folder: once, not once a plan
    return [notice for notice in (stale_notice(c) for c in sorted(p for p in copies if p)) if notice]
