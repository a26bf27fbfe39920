"""Open a plan file safely: a regular file that really lies in its folder, read up to a limit.

A plan found in a folder may be a symbolic link. plancc follows a link only to a file in the
same folder as the link (or below it): a link to /etc/passwd, or to anything outside, would put
that file's lines into messages and pages. A named pipe or a device would block or never end,
so only regular files are read. Each refusal is a diagnostic naming the file; nothing of the
link's target is read or shown.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from plancc.diagnostics import Diagnostic, error

# A plan is never this large; a larger file is reported, not read whole.
MAX_BYTES = 5 * 1024 * 1024
_HINT_LINK = "Copy the plan into this folder instead of linking to it, or check the plan named on the command line."


def read_plan_bytes(path: str | Path, name: str, limit: int) -> bytes | Diagnostic:
    """Up to `limit` + 1 bytes of the plan at `path`, or the diagnostic saying why it is not read."""
    path = Path(path)
    refused = _outside_link(path, name)
    if refused is not None:
        return refused
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        return _unreadable(exc, name)
    try:
        kind = os.fstat(handle).st_mode
        if not stat.S_ISREG(kind):
            return error("file-unreadable", f"This is not an ordinary file ({_kind(kind)}), so it cannot be a plan.",
                         name, hint="Name the plan's .yaml file itself.")
        with os.fdopen(handle, "rb", closefd=True) as stream:
            handle = -1
            return stream.read(limit + 1)
    except OSError as exc:
        return _unreadable(exc, name)
    finally:
        if handle >= 0:
            os.close(handle)


def _outside_link(path: Path, name: str) -> Diagnostic | None:
    """A diagnostic when `path` is a link (at any step) to somewhere outside the folder it is in."""
    if not path.is_symlink():
        return None
    folder = path.absolute().parent.resolve()
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return error("file-link", "This file is a symbolic link to a file that is not there.", name, hint=_HINT_LINK)
    if target.is_relative_to(folder):
        return None
    return error("file-link", "This file is a symbolic link to a file outside its folder, so plancc does not read it.",
                 name, hint=_HINT_LINK)


def _unreadable(exc: OSError, name: str) -> Diagnostic:
    reason = exc.strerror or str(exc)
    return error("file-unreadable", f"The file could not be opened: {reason}.", name,
                 hint="Check the file name and that you may read it.")


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"
