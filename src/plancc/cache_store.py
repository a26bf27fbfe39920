"""What plancc's caches share: where they live, and a folder of entries written whole and pruned.

`plancc check` keeps its results in `check-1/` (plancc.check_cache) and the accessibility check of
`plancc build` its pages' reports in `a11y-1/` (plancc.a11y.cache), both under `.plancc_cache/` in the
current folder, or $PLANCC_CACHE_DIR. PLANCC_NO_CACHE (anything but 0 or nothing) turns both off.

Each entry is one file named by its key, written to a temporary file and renamed into place, so two runs
at once never see half an entry. A folder that cannot be written to turns the cache off for the run; it
never fails anything. Entries not used for KEEP_DAYS days are removed, at most once a day.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

try:  # the module hashlib takes blake2b from, without the OpenSSL library it loads first (a few ms)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import blake2b

__all__ = ["FOLDER", "KEEP_DAYS", "EntryFolder", "blake2b", "cache_top", "quietly"]

FOLDER = ".plancc_cache"
KEEP_DAYS = 30
_DAY = 24 * 3600
_TOUCH_AFTER = 7 * _DAY  # an entry read this long after it was written is marked as used again
_TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
        "# This file is a cache directory tag created by plancc.\n"
        "# For information about cache directory tags see https://bford.info/cachedir/\n")


def cache_top(enabled: bool = True) -> Path | None:
    """The folder plancc's caches live in: $PLANCC_CACHE_DIR or .plancc_cache here; None when turned off
    (`enabled` false, or PLANCC_NO_CACHE set to anything but 0 or nothing)."""
    if not enabled or os.environ.get("PLANCC_NO_CACHE", "") not in ("", "0"):
        return None
    return Path(os.environ.get("PLANCC_CACHE_DIR") or FOLDER).absolute()


@dataclass
class EntryFolder:
    """A folder of entries, one file per key (the folder is made when the first entry is written)."""

    folder: Path
    writable: bool = True
    _made: bool = field(default=False, repr=False)

    def read(self, key: str) -> bytes | None:
        """The bytes kept under `key`, or None when there are none or they cannot be read; an entry read a week
        or more after it was last written or marked is marked as used, to keep it past the next pruning."""
        path = self.folder / key
        try:
            with open(path, "rb") as handle:
                data = handle.read()
                written = os.fstat(handle.fileno()).st_mtime
        except OSError:
            return None
        if self.writable and time.time() - written > _TOUCH_AFTER:
            quietly(os.utime, path)
        return data

    def write(self, key: str, text: str) -> None:
        """Keep `text` (ASCII) under `key`, whole or not at all; when the folder cannot be written to, stop
        trying (nothing fails)."""
        if not self.writable:
            return
        temporary = self.folder / f".{key}.{os.getpid()}.tmp"
        try:
            self._make_folder()
            with open(temporary, "w", encoding="ascii") as handle:
                handle.write(text)
            os.replace(temporary, self.folder / key)
        except (OSError, UnicodeError):
            self.writable = False
            quietly(os.unlink, temporary)

    def prune(self) -> None:
        """Remove entries not used for KEEP_DAYS days (and temporary files left by a run that was stopped),
        at most once a day."""
        marker = self.folder / ".pruned"
        now = time.time()
        try:
            if now - marker.stat().st_mtime < _DAY:
                return
        except FileNotFoundError:
            pass
        except OSError:
            return
        try:
            marker.touch()
            entries = list(os.scandir(self.folder))
        except OSError:
            return
        for entry in entries:
            temporary = entry.name.endswith(".tmp")
            if entry.name.startswith(".") and not temporary:
                continue
            try:
                age = now - entry.stat(follow_symlinks=False).st_mtime
            except OSError:
                continue
            if age > (3600 if temporary else KEEP_DAYS * _DAY):
                quietly(os.unlink, entry.path)

    def _make_folder(self) -> None:
        if self._made or self.folder.is_dir():
            self._made = True
            return
        top = self.folder.parent
        top.mkdir(parents=True, exist_ok=True)
        for name, text in (("CACHEDIR.TAG", _TAG), (".gitignore", "# Made by plancc; safe to delete.\n*\n")):
            try:
                with open(top / name, "x", encoding="utf-8") as handle:
                    handle.write(text)
            except FileExistsError:
                pass
        self.folder.mkdir(exist_ok=True)
        self._made = True


def quietly(action: Callable[[Path | str], object], path: Path | str) -> None:
    """Do `action` to `path`, ignoring a file system's refusal."""
    try:
        action(path)
    except OSError:
        pass
