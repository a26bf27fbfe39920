"""Periods and due dates as real types: days, months, UK financial quarters and years.

A financial year 2009/10 runs from 1 April 2009 to 31 March 2010; its Q1 is April to June.
Every period knows its first and last day, so periods of different precision still compare.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from datetime import date, timedelta
from enum import Enum

MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December")


class Kind(str, Enum):
    DAY = "day"
    MONTH = "month"
    QUARTER = "quarter"
    FINANCIAL_YEAR = "financial year"
    YEAR = "year"
    RANGE = "range"      # from one day to another: 2014-05-01 to 2015-04-30
    ROLLING = "rolling"  # the months to a day: 12 months to 2015-03-31


@dataclass(frozen=True)
class Period:
    """A span of days with the label the author wrote."""

    kind: Kind
    start: date
    end: date  # the last day, inclusive
    label: str

    def __str__(self) -> str:
        return self.label

    @property
    def fy_start_year(self) -> int | None:
        """For a financial year or quarter: the calendar year it starts in."""
        if self.kind in (Kind.FINANCIAL_YEAR, Kind.QUARTER):
            return self.start.year if self.kind is Kind.FINANCIAL_YEAR else _fy_of(self.start)
        return None

    def contains(self, other: Period) -> bool:
        return self.start <= other.start and other.end <= self.end

    def describe(self) -> str:
        """The period in words: '26 April 2002', 'May 2002', '2009/10', 'Q1 2002/03 (April to June 2002)'."""
        if self.kind is Kind.DAY:
            return day_words(self.start)
        if self.kind is Kind.MONTH:
            return f"{MONTH_NAMES[self.start.month - 1]} {self.start.year}"
        if self.kind is Kind.QUARTER:
            return (f"{self.label} ({MONTH_NAMES[self.start.month - 1]} to "
                    f"{MONTH_NAMES[self.end.month - 1]} {self.end.year})")
        if self.kind is Kind.RANGE:
            return f"{day_words(self.start)} to {day_words(self.end)}"
        if self.kind is Kind.ROLLING:
            return f"the {self.label.split(' ', 1)[0]} months to {day_words(self.end)}"
        return self.label

    def short(self) -> str:
        """The period in few words, for a chart's labels: 'Apr–Jun 2002', 'May 2002', '2009/10'."""
        if self.kind is Kind.QUARTER:
            return f"{MONTH_NAMES[self.start.month - 1][:3]}–{MONTH_NAMES[self.end.month - 1][:3]} {self.end.year}"
        if self.kind is Kind.DAY:
            return f"{self.start.day} {MONTH_NAMES[self.start.month - 1][:3]} {self.start.year}"
        if self.kind is Kind.RANGE:
            return f"{self.start.day} {MONTH_NAMES[self.start.month - 1][:3]} {self.start.year} – " \
                   f"{self.end.day} {MONTH_NAMES[self.end.month - 1][:3]} {self.end.year}"
        if self.kind is Kind.ROLLING:
            return f"{self.label.split(' ', 1)[0]} months to {self.end.day} {MONTH_NAMES[self.end.month - 1][:3]} " \
                   f"{self.end.year}"
        return self.describe()


def day_words(day: date) -> str:
    """A day as a reader says it: '6 February 2010'."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def _fy_of(day: date) -> int:
    return day.year if day.month >= 4 else day.year - 1


def _month_end(year: int, month: int) -> date:
    if month == 12:
        return date(year, 12, 31)
    return date(year, month + 1, 1) - timedelta(days=1)


_FY = re.compile(r"([0-9]{4})/([0-9]{2})(?: Q([1-4]))?")
_DAY_OR_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})(?:-([0-9]{2}))?")
_YEAR = re.compile(r"[0-9]{4}")
_RANGE = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2}) to ([0-9]{4}-[0-9]{2}-[0-9]{2})")
_ROLLING = re.compile(r"([1-9][0-9]?) months to ([0-9]{4}-[0-9]{2}(?:-[0-9]{2})?)")


class PeriodError(ValueError):
    """A label that is not a period, with a plain-English reason."""


def financial_year(start_year: int) -> Period:
    """The financial year starting in April of `start_year`, labelled 2009/10."""
    return Period(Kind.FINANCIAL_YEAR, date(start_year, 4, 1), date(start_year + 1, 3, 31),
                  f"{start_year}/{(start_year + 1) % 100:02d}")


def quarter(start_year: int, number: int) -> Period:
    """Quarter `number` (1-4) of the financial year starting in `start_year`; Q1 is April to June."""
    first_month = 4 + 3 * (number - 1)
    year = start_year + (first_month > 12)
    first_month = (first_month - 1) % 12 + 1
    return Period(Kind.QUARTER, date(year, first_month, 1), _month_end(year, first_month + 2),
                  f"{start_year}/{(start_year + 1) % 100:02d} Q{number}")


def _span(text: str) -> Period | None:
    """A date range or a rolling span of months, or None when the text is neither."""
    match = _RANGE.fullmatch(text)
    if match:
        first, last = parse_period(match.group(1)), parse_period(match.group(2))
        if last.start < first.start:
            raise PeriodError(f"'{text}' runs backwards: it ends before it starts")
        return Period(Kind.RANGE, first.start, last.end, text)
    match = _ROLLING.fullmatch(text)
    if match:
        months, end = int(match.group(1)), parse_period(match.group(2)).end
        try:
            first = _months_before(end, months)
        except (ValueError, OverflowError):  # a span reaching outside the years 1 to 9999
            raise PeriodError(f"'{text}' reaches outside the years 1 to 9999") from None
        return Period(Kind.ROLLING, first, end, text)
    return None


def _months_before(end: date, months: int) -> date:
    """The first day of a span of `months` months that ends on `end`: 12 months to 31 March 2015 start
    on 1 April 2014; 12 months to 15 March 2015 start on 16 March 2014."""
    if end == _month_end(end.year, end.month):  # whole months: from the first of a month
        year, month = divmod(end.year * 12 + end.month - 1 - (months - 1), 12)
        return date(year, month + 1, 1)
    following = end + timedelta(days=1)
    month_index = following.year * 12 + following.month - 1 - months
    year, month = divmod(month_index, 12)
    return date(year, month + 1, min(following.day, _month_end(year, month + 1).day))


@lru_cache(maxsize=4096)
def parse_period(label: str) -> Period:
    """Read a period label; raise PeriodError saying what is wrong with a malformed one. (Periods are
    immutable, so one label read many times, as the finance checks do, is read once.) Every period lies
    within the years 1 to 9999."""
    text = label.strip()
    try:
        found = _parse(text)
    except (ValueError, OverflowError) as exc:
        if isinstance(exc, PeriodError):
            raise
        raise PeriodError(f"'{text}' is outside the years plancc can read, 1 to 9999") from None
    return found


def _parse(text: str) -> Period:
    span = _span(text)
    if span is not None:
        return span
    match = _FY.fullmatch(text)
    if match:
        start_year, end_yy = int(match.group(1)), int(match.group(2))
        if end_yy != (start_year + 1) % 100:
            right = f"{start_year}/{(start_year + 1) % 100:02d}"
            raise PeriodError(f"'{text}' is not a financial year: a financial year that starts in {start_year} "
                              f"is written {right}")
        return quarter(start_year, int(match.group(3))) if match.group(3) else financial_year(start_year)
    match = _DAY_OR_MONTH.fullmatch(text)
    if match:
        year, month = int(match.group(1)), int(match.group(2))
        if not 1 <= month <= 12:
            raise PeriodError(f"'{text}' is not a month: there is no month {month}")
        if match.group(3) is None:
            return Period(Kind.MONTH, date(year, month, 1), _month_end(year, month), text)
        try:
            day = date(year, month, int(match.group(3)))
        except ValueError:
            raise PeriodError(f"'{text}' is not a real date") from None
        return Period(Kind.DAY, day, day, text)
    if _YEAR.fullmatch(text):
        year = int(text)
        return Period(Kind.YEAR, date(year, 1, 1), date(year, 12, 31), text)
    raise PeriodError(f"'{text}' is not a period")


def a_year_before(day: date) -> date | None:
    """The same day a year earlier (28 February for 29 February); None before the year 1."""
    if day.year == 1:
        return None
    return day.replace(year=day.year - 1) if not (day.month == 2 and day.day == 29) else date(day.year - 1, 2, 28)


def same_period_a_year_before(period: Period, others: list[Period]) -> Period | None:
    """Of `others`, the period of the same kind that covers the same days a year earlier."""
    start, end = a_year_before(period.start), a_year_before(period.end)
    if start is None or end is None:
        return None
    if period.end.month == 2 and period.end.day in (28, 29):  # a span to the end of February
        end = _month_end(end.year, 2)
    return next((o for o in others if o.kind is period.kind and o.start == start and o.end == end), None)


def next_period(period: Period) -> Period | None:
    """The period of the same kind that follows this one (None for a single day)."""
    if period.kind is Kind.FINANCIAL_YEAR:
        return financial_year(period.start.year + 1)
    if period.kind is Kind.QUARTER:
        start_year, number = period.fy_start_year or 0, (period.start.month - 4) % 12 // 3 + 1
        return quarter(start_year + (number == 4), number % 4 + 1)
    if period.kind is Kind.MONTH:
        first = period.end + timedelta(days=1)
        return Period(Kind.MONTH, first, _month_end(first.year, first.month), f"{first.year}-{first.month:02d}")
    if period.kind is Kind.YEAR:
        year = period.start.year + 1
        return Period(Kind.YEAR, date(year, 1, 1), date(year, 12, 31), str(year))
    if period.kind is Kind.ROLLING:  # the same number of months, straight after
        months = int(period.label.split(" ", 1)[0])
        try:
            end = _months_before(period.end, -months) - timedelta(days=1)
        except (ValueError, OverflowError):  # it would end after the year 9999
            return None
        return Period(Kind.ROLLING, period.end + timedelta(days=1), end, f"{months} months to {end.isoformat()}")
    return None


def previous_period(period: Period) -> Period | None:
    """The period of the same kind just before this one: the quarter before a quarter, the year before a year."""
    try:
        if period.kind is Kind.FINANCIAL_YEAR:
            return financial_year(period.start.year - 1)
        if period.kind in (Kind.QUARTER, Kind.MONTH, Kind.YEAR):
            return containing(period.kind, period.start - timedelta(days=1))
    except (ValueError, OverflowError):  # before the year 1
        return None
    return None


def containing(kind: Kind, day: date) -> Period | None:
    """The month, quarter, financial year or year that `day` falls in (None for other kinds)."""
    fy = _fy_of(day)
    if kind is Kind.QUARTER:
        return quarter(fy, (day.month - 4) % 12 // 3 + 1)
    if kind is Kind.FINANCIAL_YEAR:
        return financial_year(fy)
    if kind is Kind.MONTH:
        return Period(Kind.MONTH, date(day.year, day.month, 1), _month_end(day.year, day.month),
                      f"{day.year:04d}-{day.month:02d}")
    if kind is Kind.YEAR:
        return Period(Kind.YEAR, date(day.year, 1, 1), date(day.year, 12, 31), f"{day.year:04d}")
    return None


class DueKind(str, Enum):
    ON = "on"          # due in that period ("May 2002", "2010/11", "26 April 2002")
    BY = "by"          # by the end of it
    BEFORE = "before"  # before it starts
    FROM = "from"      # starting then, no end
    AFTER = "after"    # after it ends
    RANGE = "range"    # from one period to another
    ONGOING = "ongoing"
    THROUGHOUT = "throughout"  # the whole plan period
    TBC = "tbc"


@dataclass(frozen=True)
class Due:
    """When an action is due, at the precision the author wrote it."""

    kind: DueKind
    period: Period | None = None
    until: Period | None = None

    def latest(self, plan_end: date | None = None) -> date | None:
        """The last day by which it should be done, where there is one."""
        if self.kind in (DueKind.ON, DueKind.BY) and self.period:
            return self.period.end
        if self.kind is DueKind.BEFORE and self.period:
            return self.period.start - timedelta(days=1)
        if self.kind is DueKind.RANGE and self.until:
            return self.until.end
        if self.kind is DueKind.THROUGHOUT:
            return plan_end
        return None

    def earliest(self) -> date | None:
        """The first day it could fall due, where the author said."""
        if self.kind in (DueKind.ON, DueKind.FROM, DueKind.RANGE) and self.period:
            return self.period.start
        if self.kind is DueKind.AFTER and self.period:
            return self.period.end + timedelta(days=1)
        return None

    def describe(self) -> str:
        if self.kind in (DueKind.ONGOING, DueKind.THROUGHOUT):
            return "ongoing" if self.kind is DueKind.ONGOING else "throughout the plan period"
        if self.kind is DueKind.TBC:
            return "to be confirmed"
        if self.kind is DueKind.RANGE and self.period and self.until:
            return f"{self.period.describe()} to {self.until.describe()}"
        assert self.period is not None
        prefix = "" if self.kind is DueKind.ON else f"{self.kind.value} "
        return prefix + self.period.describe()


def parse_due(text: str) -> Due:
    """Read a due date written in the schema's grammar; raise PeriodError for a bad period in it."""
    words = text.strip()
    if words in ("ongoing", "throughout", "tbc"):
        return Due(DueKind(words))
    if " to " in words:
        first, last = words.split(" to ", 1)
        return Due(DueKind.RANGE, parse_period(first), parse_period(last))
    head, _, rest = words.partition(" ")
    if head in ("by", "from", "before", "after") and rest:
        period = parse_period(rest)
        if (head == "before" and period.start == date.min) or (head == "after" and period.end == date.max):
            raise PeriodError(f"'{words}' is a day outside the years plancc can read, 1 to 9999")
        return Due(DueKind(head), period)
    return Due(DueKind.ON, parse_period(words))
