"""Importing jsonschema_rs without the email package.

When it is imported, jsonschema_rs reads the time it was built ("Thu, 12 Nov 2026 07:50:16 +0000")
with email.utils.parsedate_to_datetime, for its __build__ information, which plancc never reads.
Importing email.utils (and the email package under it) costs more than the rest of jsonschema_rs,
in every `plancc check` that checks a file. So while jsonschema_rs is imported, a stand-in
email.utils reads that one date itself, giving what email.utils gives; a date in any other form is
read by the real email.utils. The stand-in is then removed: a later `import email.utils` gets the
real module, and the stand-in's function, if jsonschema_rs kept it, calls the real one.
"""

from __future__ import annotations

import sys
import types
from datetime import datetime, timezone
from typing import Any

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_DAYS = ("Mon,", "Tue,", "Wed,", "Thu,", "Fri,", "Sat,", "Sun,")


def import_jsonschema_rs() -> Any:
    """The jsonschema_rs module, imported without importing email.utils when it is not imported yet."""
    if "jsonschema_rs" in sys.modules or "email.utils" in sys.modules:
        import jsonschema_rs

        return jsonschema_rs
    stand_in = types.ModuleType("email.utils", "Stands in for email.utils while jsonschema_rs is imported.")
    stand_in.parsedate_to_datetime = _parsedate_to_datetime  # type: ignore[attr-defined]
    sys.modules["email.utils"] = stand_in
    try:
        import jsonschema_rs
    finally:
        if sys.modules.get("email.utils") is stand_in:
            del sys.modules["email.utils"]
    return jsonschema_rs


def _parsedate_to_datetime(text: str) -> datetime:
    """email.utils.parsedate_to_datetime: read here for a date in UTC written as RFC 2822 writes it, by the
    real function otherwise."""
    quick = _utc_date(text)
    if quick is not None:
        return quick
    if getattr(sys.modules.get("email.utils"), "parsedate_to_datetime", None) is _parsedate_to_datetime:
        del sys.modules["email.utils"]  # the stand-in: make way for the real module
    from email.utils import parsedate_to_datetime

    return parsedate_to_datetime(text)


def _utc_date(text: str) -> datetime | None:
    """'Thu, 12 Nov 2026 07:50:16 +0000' as the datetime email.utils gives for it; None for another form."""
    parts = text.split(" ")
    if len(parts) != 6 or parts[0] not in _DAYS or parts[2] not in _MONTHS or parts[5] != "+0000":
        return None
    clock = parts[4].split(":")
    if len(parts[3]) != 4 or len(clock) != 3 or not all(p.isdigit() and p.isascii() for p in (parts[1], parts[3], *clock)):
        return None
    try:
        return datetime(int(parts[3]), _MONTHS.index(parts[2]) + 1, int(parts[1]), int(clock[0]), int(clock[1]),
                        int(clock[2]), tzinfo=timezone.utc)
    except ValueError:
        return None
