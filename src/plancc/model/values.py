"""Figures as exact decimals: a value is a number, nil (a dash) or unknown (t.b.c.).

A sum that includes an unknown is provisional: it carries the known part and how many
values are still to be confirmed, and is never silently a number.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation, localcontext
from typing import Any, Iterable

NIL = "nil"
TBC = "tbc"


@dataclass(frozen=True)
class Figure:
    """One cell: a number (exact), nil, or tbc."""

    number: Decimal | None = None
    state: str = "number"  # "number", "nil" or "tbc"

    @property
    def is_tbc(self) -> bool:
        return self.state == TBC

    @property
    def is_nil(self) -> bool:
        return self.state == NIL

    def __str__(self) -> str:
        if self.state == TBC:
            return "t.b.c."
        if self.state == NIL:
            return "nil"
        return format_number(self.number)


ZERO = Decimal(0)


def to_decimal(value: Any, raw: str | None = None) -> Decimal | None:
    """The exact decimal a number was written as (its raw text where the loader kept it)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        return Decimal(raw) if raw is not None else Decimal(str(value))
    except InvalidOperation:
        return Decimal(str(value))


def figure(value: Any, raw: str | None = None) -> Figure:
    """A Figure from a loaded value: a number, 'nil' or 'tbc' (anything else counts as unknown)."""
    if value == NIL:
        return Figure(None, NIL)
    number = to_decimal(value, raw)
    return Figure(number) if number is not None else Figure(None, TBC)


@dataclass(frozen=True)
class Total:
    """A sum: the known part, and how many values in it are still to be confirmed."""

    known: Decimal = ZERO
    unknown: int = 0
    count: int = 0  # how many values went into it, nil included

    @property
    def provisional(self) -> bool:
        return self.unknown > 0

    def __add__(self, other: Total) -> Total:
        return Total(self.known + other.known, self.unknown + other.unknown, self.count + other.count)

    def describe(self) -> str:
        """'52,148', or '52,148 plus 2 values still t.b.c.'."""
        if not self.unknown:
            return format_number(self.known)
        values = "value" if self.unknown == 1 else "values"
        if self.unknown == self.count:
            return f"t.b.c. ({self.unknown} {values} still to be confirmed)"
        return f"{format_number(self.known)} plus {self.unknown} {values} still to be confirmed"


def total(figures: Iterable[Figure]) -> Total:
    """Add figures exactly; nil counts as nothing, tbc makes the total provisional."""
    known, unknown, count = ZERO, 0, 0
    for fig in figures:
        count += 1
        if fig.is_tbc:
            unknown += 1
        elif fig.number is not None:
            known += fig.number
    return Total(known, unknown, count)


SHOWN_DIGITS = 40  # a number with more digits than this before the point is shown as 1.000E+4999


def format_number(number: Decimal | None) -> str:
    """A number as a reader expects it: 1,385,077 or 10.60 (its written digits kept)."""
    if number is None:
        return "-"
    if not number.is_finite() or number.adjusted() >= SHOWN_DIGITS:  # written out, it would be too long to read
        return f"{number:.3E}" if number.is_finite() else str(number)
    if number == number.to_integral_value() and number.as_tuple().exponent >= 0:
        return f"{int(number):,}"
    return f"{number:,}"


def rounded(number: Decimal, places: int) -> Decimal:
    """`number` to `places` decimal places, however many digits it has (Decimal's own rounding is limited
    to 28 significant digits and fails beyond them)."""
    if not number.is_finite():
        return number
    with localcontext() as context:
        context.prec = max(28, number.adjusted() + places + 2)
        return number.quantize(Decimal(1).scaleb(-places))


def decimal_places(number: Decimal) -> int:
    """How many decimal places a number was written with: 3 for 65.690, 0 for 8."""
    exponent = number.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def rounding(number: Decimal) -> Decimal:
    """The rounding a printed figure allows, half a unit in its last written place: 8 allows 0.5, 7.5 allows
    0.05, 66.443 allows 0.0005."""
    return Decimal(5) * Decimal(10) ** (-decimal_places(number) - 1)


@dataclass(frozen=True)
class Percent:
    """A percentage as printed (-8%), with the rounding its own precision implies."""

    value: Decimal
    text: str

    @property
    def tolerance(self) -> Decimal:
        """Half a unit in the last written place: -8% allows 0.5 points, -7.5% allows 0.05."""
        return rounding(self.value)

    def agrees_with(self, actual: Decimal) -> bool:
        return abs(actual - self.value) <= self.tolerance


def parse_percent(text: str) -> Percent | None:
    """'-8%' -> Percent(-8); None when the text is not a percentage."""
    body = text.strip().rstrip("%").strip()
    try:
        return Percent(Decimal(body), text.strip())
    except InvalidOperation:
        return None


def percent_change(old: Decimal, new: Decimal) -> Decimal | None:
    """The change from old to new as a percentage (None when old is zero)."""
    if old == 0:
        return None
    return (new - old) / old * 100
