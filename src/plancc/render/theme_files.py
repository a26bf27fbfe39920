"""The files a theme (or plancc's own templates folder) may bring into a site: regular files that really
lie under the folder, with every symbolic link resolved before the check.

A theme is a council's folder of templates and assets. A link in it to /etc/passwd, or an include of
such a link, would publish a file of the building machine; a broken link, a named pipe or a device
would fail or hang the build. Each is a theme-file diagnostic naming the entry, and nothing of its
target is read.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from jinja2 import Environment, FileSystemLoader
from jinja2.loaders import split_template_path

from plancc.diagnostics import Diagnostic, error

_HINT = ("Put the file itself in the theme folder (a copy, not a link), or remove the entry; a theme may use only "
         "files inside its own folder.")


@dataclass
class ThemeFiles:
    """The usable files under a folder (name relative to it -> real path) and what was refused."""

    files: dict[str, Path] = field(default_factory=dict)
    problems: list[Diagnostic] = field(default_factory=list)


def refusal(entry: Path, root: Path) -> str | None:
    """Why `entry` may not be used from the folder `root` (resolved), or None when it is a regular file inside it."""
    try:
        real = entry.resolve(strict=True)
    except (OSError, RuntimeError):
        return "is a symbolic link to something that is not there"
    if not real.is_relative_to(root):
        return "is a symbolic link to a file outside the theme folder"
    try:
        mode = real.stat().st_mode
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    if stat.S_ISDIR(mode) or stat.S_ISREG(mode):
        return None
    return "is not an ordinary file (a named pipe, a socket or a device)"


def theme_files(folder: Path) -> ThemeFiles:
    """Every regular file under `folder` that really lies inside it, following links only where they stay inside."""
    found = ThemeFiles()
    if not folder.is_dir():
        return found
    root = folder.resolve()
    seen: set[Path] = set()
    pending = [(folder, "")]
    while pending:
        directory, prefix = pending.pop()
        real_dir = directory.resolve()
        if real_dir in seen:  # a link back up the tree: each folder once
            continue
        seen.add(real_dir)
        for entry in sorted(os.scandir(directory), key=lambda e: e.name):
            path, name = Path(entry.path), prefix + entry.name
            why = refusal(path, root)
            if why is not None:
                found.problems.append(error("theme-file", f"The theme's {name} {why}, so it is not used.",
                                            str(path), hint=_HINT))
            elif path.is_dir():
                pending.append((path, name + "/"))
            else:
                found.files[name] = path.resolve()
    return found


def refused_in_theme(theme: Path | None) -> list[Diagnostic]:
    """What in a theme folder may not be used (links leaving it, broken links, pipes): nothing when all is well."""
    return theme_files(theme).problems if theme is not None else []


class FolderLoader(FileSystemLoader):
    """Jinja's file loader, for one folder, that loads only regular files really inside it (links resolved
    first), so that an include cannot bring in a file of the machine."""

    def __init__(self, folder: Path) -> None:
        super().__init__(str(folder))
        self.root = folder.resolve()

    def get_source(self, environment: Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        path = Path(self.searchpath[0], *split_template_path(template))
        why = refusal(path, self.root) if path.is_symlink() or path.exists() else None
        if why is not None:
            from plancc.render.env import ThemeError

            raise ThemeError([error("theme-file", f"The template {template} {why}, so it is not used.", str(path),
                                    hint=_HINT)])
        return super().get_source(environment, template)
