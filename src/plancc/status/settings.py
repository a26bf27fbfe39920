"""How status is judged: the bands' words, the tolerances and when actuals are due.

Three layers, each overriding the one before key by key: plancc's defaults, the `performance`
block of plancc.yml (one for every plan of a council), the plan's own `performance` block; an
indicator's own `tolerance` and `same` win over all three.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache
from typing import Any, Mapping

from plancc.model.plan import Indicator, Plan
from plancc.model.values import format_number

BANDS = ("on-target", "close", "off-target", "no-data", "no-target", "not-due")
DEFAULT_WORDS = {"on-target": "On target", "close": "Close to target", "off-target": "Off target",
                 "no-data": "No data", "no-target": "No target", "not-due": "Not yet due"}
DEFAULTS: dict[str, Any] = {"tolerance": "5%", "same": "1%", "actuals_due": "0 days"}

_TOLERANCE = re.compile(r"([0-9]+(?:\.[0-9]+)?) ?(%|points?)")
_DUE = re.compile(r"([0-9]+) (day|week|month)s?")


@dataclass(frozen=True)
class Tolerance:
    """A margin: a percentage of a figure (5%) or percentage points (2 points)."""

    amount: Decimal
    points: bool
    text: str

    def allows(self, difference: Decimal, reference: Decimal) -> bool:
        """Whether `difference` (not negative) is within the margin of `reference`; exactly on it is within."""
        if self.points:
            return difference <= self.amount
        return difference * 100 <= self.amount * abs(reference)

    def words(self) -> str:
        """'5%' or '2 points'."""
        if self.points:
            return f"{format_number(self.amount)} point{'' if self.amount == 1 else 's'}"
        return f"{format_number(self.amount)}%"


def parse_tolerance(text: str) -> Tolerance | None:
    """'5%' or '2 points' as a Tolerance; None when the text is neither."""
    match = _TOLERANCE.fullmatch(str(text).strip())
    if not match:
        return None
    return Tolerance(Decimal(match.group(1)), match.group(2) != "%", str(text).strip())


def due_after(text: str, end: date) -> date:
    """The day an actual for a period ending on `end` is due, `text` ('6 weeks') after it ends."""
    lag = _lag(str(text))
    if lag is None:
        return end
    amount, unit = lag
    try:
        if unit == "day":
            return end + timedelta(days=amount)
        if unit == "week":
            return end + timedelta(weeks=amount)
        month_index = end.year * 12 + end.month - 1 + amount
        year, month = divmod(month_index, 12)
        return _clamped(year, month + 1, end.day)
    except (OverflowError, ValueError):  # after the year 9999: never due
        return date.max


@lru_cache(maxsize=64)
def _lag(text: str) -> tuple[int, str] | None:
    """'6 weeks' as (6, 'week'), read once however many periods ask (a lag may be thousands of digits long)."""
    match = _DUE.fullmatch(text.strip())
    if not match:
        return None
    digits = match.group(1).lstrip("0") or "0"
    return (int(digits) if len(digits) <= 18 else 10**18), match.group(2)  # 10**18 of any unit is past 9999


def _clamped(year: int, month: int, day: int) -> date:
    for last in (day, 30, 29, 28):
        try:
            return date(year, month, min(day, last))
        except ValueError:
            continue
    return date(year, month, 28)


@dataclass(frozen=True)
class Settings:
    """The settings that judge one indicator."""

    words: Mapping[str, str]
    tolerance: Tolerance
    same: Tolerance
    actuals_due: str

    def word(self, band: str) -> str:
        return self.words.get(band, DEFAULT_WORDS.get(band, band))


def merged(config: Mapping[str, Any] | None, plan: Plan) -> dict[str, Any]:
    """The defaults, then plancc.yml's performance block, then the plan's: key by key (words word by word)."""
    found: dict[str, Any] = dict(DEFAULTS)
    words = dict(DEFAULT_WORDS)
    for layer in (config or {}, plan.performance or {}):
        for key, value in layer.items():
            if key == "words" and isinstance(value, Mapping):
                words.update({k: str(v) for k, v in value.items() if k in DEFAULT_WORDS and v})
            elif value is not None:
                found[key] = value
    found["words"] = words
    return found


def settings_for(plan: Plan, indicator: Indicator | None = None,
                 config: Mapping[str, Any] | None = None) -> Settings:
    """The settings that judge `indicator` in `plan` (the plan's own when no indicator is given)."""
    layers = merged(config, plan)
    percent = indicator is not None and indicator.unit == "percent"

    def pick(key: str, own: str | None) -> Tolerance:
        written = own or (layers.get(f"{key}_for_percentages") if percent else None) or layers[key]
        return parse_tolerance(str(written)) or parse_tolerance(DEFAULTS[key])  # type: ignore[return-value]

    return Settings(layers["words"], pick("tolerance", indicator.tolerance if indicator else None),
                    pick("same", indicator.same if indicator else None), str(layers["actuals_due"]))
