"""Problems that stop a command but are the user's to put right, not bugs in plancc: a mistake in a theme,
an output folder that cannot be written (a full disk, a read-only folder, no permission).

They are raised as UserError with their diagnostics; the command line reports them like a plan's
diagnostics and exits with 1. Any other exception is plancc's own and is reported as such.
"""

from __future__ import annotations

import errno
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from plancc.diagnostics import Diagnostic, error

# What goes wrong with the place plancc writes to, or reads a theme or plan from, rather than with plancc.
_ENVIRONMENT = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS, errno.EACCES, errno.EPERM, errno.EIO,
                errno.ENOTDIR, errno.EISDIR, errno.ENAMETOOLONG, errno.EMFILE, errno.ENFILE, errno.ELOOP}
_KEPT = "Nothing was changed there; a site published before is as it was."


class UserError(Exception):
    """A problem the user can put right, with its diagnostics."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__("; ".join(d.message for d in diagnostics))
        self.diagnostics = diagnostics

    def __reduce__(self) -> tuple[type[UserError], tuple[list[Diagnostic]]]:
        """Pickled whole, so that one raised in a build's render worker reaches the command as it was raised."""
        return (type(self), (self.diagnostics,))

    @property
    def diagnostic(self) -> Diagnostic:
        return self.diagnostics[0]


def is_environment_problem(exc: BaseException) -> bool:
    """True when `exc` is the machine's answer about a file or folder (full, read-only, not allowed)."""
    return isinstance(exc, OSError) and exc.errno in _ENVIRONMENT


def environment_problem(exc: OSError, fallback: Path | str | None = None) -> Diagnostic:
    """The OSError as a located diagnostic that says what is wrong with the file or folder, and what to do."""
    # a copy names its source first and its target second (shutil); the target is the one written
    named = exc.filename2 if exc.filename2 is not None else exc.filename
    where = str(named if named is not None else (fallback or "the output folder"))
    number = exc.errno
    if number in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        message, hint = (f"There is no room left to write {where}: the disk (or your share of it) is full, or the "
                         "file is larger than this machine allows.",
                         "Free some space, or write the output to another disk (--out or --output). " + _KEPT)
    elif number == errno.EROFS:
        message, hint = (f"{where} is on a read-only disk, so plancc cannot write there.",
                         "Choose an output folder on a disk you can write to (--out or --output).")
    elif number in (errno.EACCES, errno.EPERM):
        message, hint = (f"plancc is not allowed to write or read {where} (permission denied).",
                         "Choose a folder you may write to, or ask for permission to write to this one.")
    else:
        reason = exc.strerror or type(exc).__name__
        message, hint = (f"{where} could not be used: {reason[:1].lower() + reason[1:]}.",
                         "Check the path: that its folders exist and are folders, and that its name is not too long.")
    return error("output-unwritable", message, where, hint=hint)


@contextmanager
def reported_as_users(fallback: Path | str | None = None) -> Iterator[None]:
    """Turn a full disk, a read-only folder or a refused permission met inside the block into a UserError."""
    try:
        yield
    except OSError as exc:
        if not is_environment_problem(exc):
            raise
        raise UserError([environment_problem(exc, fallback)]) from exc


def write_output(path: Path, data: str | bytes) -> None:
    """Write a file whole or not at all: through a temporary file beside it, renamed over it when complete.

    A full disk or a refused permission leaves no partial file (and the old one as it was) and is raised
    as a UserError naming `path`."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(temporary, "wb") as handle:
            handle.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.replace(temporary, path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        if not is_environment_problem(exc):
            raise
        exc.filename = str(path)
        raise UserError([environment_problem(exc, path)]) from exc
