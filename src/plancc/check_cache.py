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
are removed, at most once a day. `plancc check --no-cache` or PLANCC_NO_CACHE=1 turns it off. (The folder,
writing and pruning are plancc.cache_store's, shared with the accessibility check's cache.)
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from plancc import __version__
from plancc.cache_store import EntryFolder, blake2b, cache_top
from plancc.check_entries import Unencodable, decode_result, encode_result
from plancc.pipeline import FileResult

FORMAT = "check-1"  # the subfolder, named for the entry format: a new format starts afresh


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
class CheckCache(EntryFolder):
    """The cache of check results in `folder` (created when the first entry is written; see
    plancc.cache_store for how entries are written, read and pruned)."""

    plancc: str = field(default_factory=plancc_fingerprint)
    _settings: dict[str, str] = field(default_factory=dict, repr=False)

    def key(self, raw: bytes, name: str, today: date | None) -> str:
        """The key of a file's result: its bytes and name, plancc, the nearest plancc.yml and --today."""
        digest = blake2b(digest_size=20)
        for part in (self.plancc, name, today.isoformat() if today else "-", self._settings_of(name)):
            digest.update(part.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(raw)
        return digest.hexdigest()

    def load(self, key: str) -> FileResult | None:
        """The result kept under `key`, or None when there is none or it cannot be read whole."""
        text = self.read(key)
        if text is None:
            return None
        try:
            return decode_result(json.loads(text), key)
        except Exception:  # noqa: BLE001 - whatever is wrong with an entry (cut short, garbled), it is a miss
            return None

    def store(self, key: str, result: FileResult) -> None:
        """Keep `result` under `key`; when the folder cannot be written to, stop trying (nothing fails)."""
        try:
            text = json.dumps(encode_result(result, key), separators=(",", ":"))
        except Unencodable:  # a value the entry format cannot give back exactly: check this file each time
            return
        self.write(key, text)

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


def open_cache(enabled: bool = True) -> CheckCache | None:
    """The cache for this run: in $PLANCC_CACHE_DIR or .plancc_cache here; None when turned off
    (`enabled` false, or PLANCC_NO_CACHE set to anything but 0 or nothing)."""
    top = cache_top(enabled)
    return CheckCache(top / FORMAT) if top is not None else None
