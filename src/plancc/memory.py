"""Keeping the cyclic garbage collector out of the way of bulk work."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while a plan's nodes, values and model are made.

    A plan's node tree and values hold no reference cycles, so reference counting frees them;
    left running, the collector scans them again and again, which doubles the time a check takes.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
