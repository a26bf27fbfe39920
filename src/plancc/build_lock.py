"""One build at a time into one site folder: an exclusive lock on a file beside it (.site.lock beside
build/site), held for the whole build and released when the build ends, however it ends: the operating
system drops a lock when the process holding it dies, SIGKILL included.

A second build into the same folder waits for the first (saying so once), and gives up after
WAIT_SECONDS with a message, leaving the site as the first build left it. While it holds the lock a
build switches the site to its new folder in one step (switch_site) and removes the leftovers of
earlier builds (tidy_site).
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import uuid
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

WAIT_SECONDS = 600.0  # how long a build waits for another build of the same folder
_POLL_SECONDS = 0.2
_held: list[int] = []  # the lock files this process holds open


class BuildBusy(Exception):
    """Another build of the same site folder did not finish in time."""


def lock_path(out: Path) -> Path:
    """The lock file of a site folder: .site.lock beside build/site."""
    return out.parent / f".{out.name}.lock"


def _close_in_child() -> None:
    """A process forked during a build (a render worker) must not keep the lock alive after its parent
    dies, nor release it: it closes its copy of the lock file, which leaves the parent's lock held."""
    while _held:
        os.close(_held.pop())


os.register_at_fork(after_in_child=_close_in_child)


def _duration(seconds: float) -> str:
    if seconds >= 60:
        return f"{seconds / 60:g} minute{'s' if seconds != 60 else ''}"
    return f"{seconds:g} second{'s' if seconds != 1 else ''}"


def _try_lock(descriptor: int) -> bool:
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


@contextmanager
def site_lock(out: Path, wait: float = WAIT_SECONDS, waiting: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the site folder's lock for the block: at once when no other build holds it, else after
    saying so once through `waiting` and waiting up to `wait` seconds; BuildBusy when it is not free by then."""
    out.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(lock_path(out), os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    _held.append(descriptor)
    try:
        if not _try_lock(descriptor):
            if waiting is not None:
                waiting(f"Waiting for another build of {out} to finish...")
            deadline = time.monotonic() + wait
            while not _try_lock(descriptor):
                if time.monotonic() >= deadline:
                    raise BuildBusy(
                        f"Another build of {out} has not finished after {_duration(wait)}, so this build "
                        f"stopped without changing the site. Run it again when the other build has finished "
                        f"(if no other build is running, check that nothing else has {lock_path(out)} open).")
                time.sleep(_POLL_SECONDS)
        yield
    finally:
        if descriptor in _held:
            _held.remove(descriptor)
        os.close(descriptor)


def switch_site(out: Path, staging: Path) -> None:
    """Point `out` at the new site in one atomic step (a symbolic link renamed over the old one)."""
    if out.exists() and not out.is_symlink():  # a site from before plancc used links: move it aside once
        out.rename(out.parent / f".{out.name}-old-{uuid.uuid4().hex[:12]}")
    link = out.parent / f".{out.name}-link-{uuid.uuid4().hex[:12]}"
    link.symlink_to(staging.name)
    os.replace(link, out)


def tidy_site(out: Path, keep: Path) -> None:
    """Remove the old site folders and the leftovers of stopped builds of `out`, keeping the one it points to.

    Only names plancc gives (.site-<12 hex>, .site-old-<12 hex>, .site-link-<12 hex>) are touched, and only
    while this build holds the site's lock, so no other build of `out` is using any of them."""
    ours = re.compile(rf"\.{re.escape(out.name)}-(?:old-|link-)?[0-9a-f]{{12}}")
    for stale in out.parent.iterdir():
        if not ours.fullmatch(stale.name) or stale.name == keep.name:
            continue
        if stale.is_symlink() or stale.is_file():
            stale.unlink()
        else:
            shutil.rmtree(stale, ignore_errors=True)
