"""Where the two versions of a plan come from: two files, or each plan and its version at a git revision.

A version at a revision is read with `git show REV:./path`, run from the plan's own folder (or
the nearest folder that still exists), so paths work from anywhere inside the repository. A
folder's plans at a revision are listed the same way (`git show REV:./folder/` prints a tree), so
a plan deleted since the revision is still found and reported as removed. Nothing else of git
is used, and nothing is written.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from plancc.pipeline import PLAN_SUFFIXES, find_plans

_GIT_ENV = {"LC_ALL": "C", "LANG": "C", "GIT_TERMINAL_PROMPT": "0"}
_MISSING = ("does not exist in", "exists on disk, but not in")


class SourceError(Exception):
    """The command was called wrongly: a file that is nowhere, a revision git does not know."""


@dataclass(frozen=True)
class Side:
    """One version of a plan: a file on disk, or bytes read from git; neither when it does not exist."""

    name: str  # as diagnostics show it: plans/x.yaml, or HEAD:plans/x.yaml
    path: Path | None = None
    raw: bytes | None = None

    @property
    def exists(self) -> bool:
        return self.path is not None or self.raw is not None

    def read(self) -> bytes | None:
        """The file's bytes (None when it does not exist or cannot be read)."""
        if self.raw is not None or self.path is None:
            return self.raw
        try:
            return self.path.read_bytes()
        except OSError:
            return None


@dataclass(frozen=True)
class Pair:
    """The old and new versions of one plan, named by the plan's file."""

    plan: str
    old: Side
    new: Side


def file_pair(old: str, new: str) -> Pair:
    """plancc diff OLD NEW: two plan files."""
    for name in (old, new):
        if not os.path.isfile(name):
            what = "a folder" if os.path.isdir(name) else "not a file that exists"
            raise SourceError(f"'{name}' is {what}: name two plan files, or use --rev to compare with git.")
    return Pair(new, Side(old, Path(old)), Side(new, Path(new)))


def revision_pairs(rev: str, paths: list[str]) -> list[Pair]:
    """plancc diff --rev REV PATH...: each plan under the paths now, and each one there at REV."""
    if rev.startswith("-") or not rev.strip():
        raise SourceError(f"'{rev}' is not a git revision.")
    names: list[str] = []
    for arg in paths:
        names.extend(_plans_under(rev, arg))
    if not names:
        raise SourceError(f"No .yaml plan files in {', '.join(paths)}, here or at {rev}.")
    pairs = []
    for name in dict.fromkeys(os.path.normpath(n) for n in names):
        new = Side(name, Path(name)) if os.path.isfile(name) else Side(name)
        pairs.append(Pair(name, Side(f"{rev}:{name}", raw=git_show(rev, Path(name))), new))
    return pairs


def _plans_under(rev: str, arg: str) -> list[str]:
    """The plan files an argument names, now or at the revision."""
    path = Path(arg)
    if path.is_file():
        return [arg]
    if path.is_dir():
        return sorted({os.path.normpath(p) for p in find_plans([arg]) + [str(p) for p in listing(rev, path)]})
    then = git_show(rev, path)
    if then is None:
        raise SourceError(f"'{arg}' does not exist, here or at {rev}.")
    return sorted(str(p) for p in listing(rev, path)) if _is_tree(then, rev, path) else [arg]


def _spec(rev: str, path: Path) -> tuple[str, str]:
    """The folder to run git in (the nearest that exists) and REV:./relative/path from it."""
    full = os.path.abspath(path)
    base = os.path.dirname(full) if not os.path.isdir(full) else full
    while not os.path.isdir(base):
        base = os.path.dirname(base)
    relative = os.path.relpath(full, base).replace(os.sep, "/")
    return base, f"{rev}:./" + ("" if relative == "." else relative)


def git_show(rev: str, path: Path) -> bytes | None:
    """The bytes `git show REV:./path` prints (a file, or a folder's listing); None when it is not in REV."""
    base, spec = _spec(rev, path)
    try:
        done = subprocess.run(["git", "-C", base, "show", spec], capture_output=True,
                              env={**os.environ, **_GIT_ENV}, timeout=60, check=False)
    except FileNotFoundError:
        raise SourceError("--rev needs git, which is not installed here.") from None
    except subprocess.TimeoutExpired:
        raise SourceError(f"git took too long to read {spec}.") from None
    if done.returncode == 0:
        return done.stdout
    message = done.stderr.decode("utf-8", "replace").strip()
    if any(words in message for words in _MISSING):
        return None
    first = message.splitlines()[0] if message else f"git show {spec} failed"
    raise SourceError(f"git could not read {spec}: {first.removeprefix('fatal: ')}")


def _is_tree(output: bytes, rev: str, path: Path) -> bool:
    return output.startswith(f"tree {_spec(rev, path)[1]}\n\n".encode())


def listing(rev: str, folder: Path) -> list[Path]:
    """The plan files under a folder at the revision, folders within it included."""
    output = git_show(rev, folder)
    if output is None or not _is_tree(output, rev, folder):
        return []
    found: list[Path] = []
    for entry in output.decode("utf-8", "replace").split("\n")[2:]:
        if entry.endswith("/"):
            found.extend(listing(rev, folder / entry[:-1]))
        elif entry and os.path.splitext(entry)[1] in PLAN_SUFFIXES:
            found.append(folder / entry)
    return found
