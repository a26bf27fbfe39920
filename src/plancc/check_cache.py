"""The check cache: what checking a file found, kept so that an unchanged file is not checked again.

Like ruff's and mypy's caches, each result is kept under a key made of everything it depends on:

- the file's bytes and the name it is reported under (diagnostics carry it);
- plancc itself: its version, the Python running it, and the size and modification time of every
  file in the plancc package and of the schema (so an edit to plancc, or another plancc installed,
  gives new keys), and of the folders packages are installed in (so a library that plancc uses
  being upgraded does too);
- the nearest plancc.yml (its bytes: the cross-checks read its `performance` block);
- `--today` (the only date a check reads besides the plan's own `as_at`).

Entries live in `.plancc_cache/check-1/` in the current folder (or in $PLANCC_CACHE_DIR), one
file per key, written to a temporary file and renamed into place, so two checks at once never see
half an entry. An entry that cannot be read, or is not whole, is a miss. A folder that cannot be
written to turns the cache off for the run; it never fails a check. Entries not used for 30 days
are removed, at most once a day. `plancc check --no-cache` or PLANCC_NO_CACHE=1 turns it off.
"""

from __future__ import annotations

import json
import os
import sys
import time
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Callable

from plancc import __version__

try:  # the module hashlib takes blake2b from, without the OpenSSL library it loads first (a few ms)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import blake2b

from plancc.check_entries import Unencodable, decode_result, encode_result
from plancc.pipeline import FileResult

FOLDER = ".plancc_cache"
FORMAT = "check-1"  # the subfolder, named for the entry format: a new format starts afresh
KEEP_DAYS = 30
_DAY = 24 * 3600
_TOUCH_AFTER = 7 * _DAY  # an entry read this long after it was written is marked as used again
_TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
        "# This file is a cache directory tag created by plancc check.\n"
        "# For information about cache directory tags see https://bford.info/cachedir/\n")


@lru_cache(maxsize=1)
def plancc_fingerprint() -> str:
    """plancc's version, the Python running it, and the path, size, times of change and inode of each file of the
    plancc package, of the schema and of the folders packages are installed in. Reading no file's contents, it
    takes about a millisecond; a file edited or replaced, or a package installed or upgraded, changes it."""
    from plancc.resources import schema_path

    digest = blake2b(digest_size=20)
    digest.update(f"{__version__}\0{sys.version}\0".encode())
    package = os.path.dirname(os.path.abspath(__file__))
    installed = [p for p in sys.path if p.endswith(("site-packages", "dist-packages"))]
    for path in [*_package_files(package), str(schema_path()), *installed]:
        try:
            found = os.stat(path)
        except OSError:
            continue
        stamp = (path, found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_ino)
        digest.update("\0".join(map(str, stamp)).encode("utf-8", "surrogateescape") + b"\0")
    return digest.hexdigest()


def _package_files(folder: str) -> list[str]:
    """Every file under the plancc package's folder except compiled bytecode, in a stable order."""
    found: list[str] = []
    for top, folders, files in os.walk(folder):
        folders[:] = sorted(f for f in folders if f != "__pycache__")
        found.extend(os.path.join(top, name) for name in sorted(files))
    return found


@dataclass
class CheckCache:
    """The cache of check results in `folder` (created when the first entry is written)."""

    folder: Path
    plancc: str = field(default_factory=plancc_fingerprint)
    writable: bool = True
    _settings: dict[str, str] = field(default_factory=dict, repr=False)
    _made: bool = field(default=False, repr=False)

    def key(self, raw: bytes, name: str, today: date | None) -> str:
        """The key of a file's result: its bytes and name, plancc, the nearest plancc.yml and --today."""
        digest = blake2b(digest_size=20)
        for part in (self.plancc, name, today.isoformat() if today else "-", self._settings_of(name)):
            digest.update(part.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(raw)
        return digest.hexdigest()

    def load(self, key: str) -> FileResult | None:
        """The result kept under `key`, or None when there is none or it cannot be read whole."""
        path = self.folder / key
        try:
            with open(path, "rb") as handle:
                text = handle.read()
                written = os.fstat(handle.fileno()).st_mtime
            result = decode_result(json.loads(text), key)
        except Exception:  # noqa: BLE001 - whatever is wrong with an entry (missing, cut short, garbled), it is a miss
            return None
        if self.writable and time.time() - written > _TOUCH_AFTER:
            _quietly(os.utime, path)  # in use: keep it past the next pruning
        return result

    def store(self, key: str, result: FileResult) -> None:
        """Keep `result` under `key`; when the folder cannot be written to, stop trying (nothing fails)."""
        if not self.writable:
            return
        try:
            text = json.dumps(encode_result(result, key), separators=(",", ":"))
        except Unencodable:  # a value the entry format cannot give back exactly: check this file each time
            return
        temporary = self.folder / f".{key}.{os.getpid()}.tmp"
        try:
            self._make_folder()
            with open(temporary, "w", encoding="ascii") as handle:
                handle.write(text)
            os.replace(temporary, self.folder / key)
        except OSError:
            self.writable = False
            _quietly(os.unlink, temporary)

    def prune(self) -> None:
        """Remove entries not used for KEEP_DAYS days (and temporary files left by a check that was stopped),
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
                _quietly(os.unlink, entry.path)

    def _settings_of(self, name: str) -> str:
        """What the nearest plancc.yml says (its bytes), for the plan called `name`; looked up once a folder."""
        folder = os.path.dirname(name) if not os.path.islink(name) else None
        if folder is not None and folder in self._settings:
            return self._settings[folder]
        from plancc.site_config import nearest_config

        found = nearest_config(name)
        try:
            said = blake2b(found.read_bytes(), digest_size=20).hexdigest() if found else "none"
        except OSError:
            said = "unreadable"
        if folder is not None:
            self._settings[folder] = said
        return said

    def _make_folder(self) -> None:
        if self._made or self.folder.is_dir():
            self._made = True
            return
        top = self.folder.parent
        top.mkdir(parents=True, exist_ok=True)
        for name, text in (("CACHEDIR.TAG", _TAG), (".gitignore", "# Made by plancc check; safe to delete.\n*\n")):
            try:
                with open(top / name, "x", encoding="utf-8") as handle:
                    handle.write(text)
            except FileExistsError:
                pass
        self.folder.mkdir(exist_ok=True)
        self._made = True


def open_cache(enabled: bool = True) -> CheckCache | None:
    """The cache for this run: in $PLANCC_CACHE_DIR or .plancc_cache here; None when turned off
    (`enabled` false, or PLANCC_NO_CACHE set to anything but 0 or nothing)."""
    if not enabled or os.environ.get("PLANCC_NO_CACHE", "") not in ("", "0"):
        return None
    top = Path(os.environ.get("PLANCC_CACHE_DIR") or FOLDER).absolute()
    return CheckCache(top / FORMAT)


def _quietly(action: Callable[[Path | str], object], path: Path | str) -> None:
    try:
        action(path)
    except OSError:
        pass
