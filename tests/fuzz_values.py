"""Extreme values for the fuzzing strategies (tests/fuzz_plans.py): numbers, dates, period labels, lags and
tolerances, strings and keys at and beyond what a plan may hold, and a value's own kind made extreme.
"""

from __future__ import annotations

import re

from hypothesis import strategies as st

from plancc.load.text_limits import MAX_VALUE

NUMBERS = (
    "0", "-0", "+0", "1", "-1", "+5", "0.0", "-0.0", "5.", ".5", "-.5", "010", "007", "0" + "9" * 5000,
    "999999999999999", "1000000000000000", "1000000000000001", "-1000000000000000", "-1000000000000001",
    "9007199254740993", "18446744073709551616", "9" * 30, "9" * 31, "9" * 4299, "9" * 4301, "1" + "0" * 5000,
    "-" + "9" * 5000, "0.1234567890123", "0.123456789012", "1.000000000000001", "123456789012345.5",
    "1e308", "1.7976931348623157e308", "1e309", "4e307", "-1e308", "1e15", "1e16", "1E+05", "1e-320", "5e-324",
    "1e-400", "1e5000", "-1e5000", "1e999999999", "-1e999999999", "1e-999999999", "1e+999999999999999999",
    "0e999999999", ".inf", "-.inf", ".nan", ".NaN", "inf", "-inf", "nan", "NaN", "Infinity", "-Infinity",
    "0x1F", "0o17", "0b101", "1_000", "1_000.5", "12:30", "190:20:30", "1" + ":59" * 3000, "9" * 5000 + ":30",
    "1,000", "£1,000", "1,000,000.00",
    "3.10", "1.1.1", "--1", "+-1", "1e", "e5", "1e5e5", "Decimal('1.1')", "½", "²", "١٢٣", "𝟗𝟗𝟗𝟗",
    "２０１６", "1\u00a0000", "−5",
)
DATES = (
    "0001-01-01", "9999-12-31", "0000-00-00", "0000-01-01", "0000-12-31", "10000-01-01", "2016-02-29",
    "2015-02-29", "2016-02-30", "1900-02-29", "2016-13-01", "2016-00-10", "2016-01-00", "2016-01-32",
    "-2016-01-01", "2016-1-1", "2016-01-01T00:00:00Z", "2016-01-01 12:00", "20160101", "2016/01/01",
    "by 9999-12-31", "after 9999-12-31", "before 0001-01-01", "from 0000-01-01", "after 9999", "before 0001",
    "2016-01-01 to 0001-01-01", "9999-12-31 to 9999-12-31", "0001-01-01 to 9999-12-31", "by 0000-01",
    "by 2016-02-30", "𝟐𝟎𝟏𝟔-01-01", "２０１６-０１-０１",
)
PERIODS = (
    "0000", "0001", "9999", "10000", "0000-01", "0000-13", "9999-12", "0001-01", "9999/00", "9999/00 Q4",
    "0000/01 Q1", "0001/02 Q1", "9998/99 Q4", "2016/17 Q5", "2016/17 Q0", "2016/18", "2016/15", "2016/17 Q4 Q4",
    "12 months to 0000-12", "12 months to 9999-12", "0 months to 2016-03", "99999999999 months to 2016-01",
    "2016/17 to 2015/16", "2016/17 to 9999/00", "ongoing", "throughout", "tbc", "Q4", "all", "from 9999/00",
    "by 9999", "2009/10 to 2009/10", "9999-12 to 0001-01",
)
QUANTITIES = (
    "99999999999 months", "99999999999 days", "0 days", "-1 days", "1e999 days", "9" * 5000 + " weeks",
    "5%", "-5%", "0%", "1e999%", "99999999999999999999%", "nan%", "inf%", "2 points", "-2 points",
    "1e999 points", "even", "cumulative", "reduce", "increase", "maintain",
)
_SEP = "\u202e\u200f\u200e\u2066\u2069\u200b\u00ad"
# The shapes of text slowest to render, at the most a value may hold (and beyond it)
TEXTS = (
    "x" * 100_000, "", " ", "\t", "<img " * 32_000, "<img src=" * 20_000, "![a](" * 20_000, "&#" * 50_000,
    *(unit * (MAX_VALUE // len(unit)) for unit in ("x", "![a](", "[", "*", "_a", "`", "<a href=x>", "&#", "\\", "<",
                                                    "<img src=", "é", "\u0301", "word ")),
    "<script>alert(1)</script>", "javascript:alert(1)", "[x](javascript:alert(1))", "<img src=x onerror=alert(1)>",
    "![t](https://example.org/t.png)", "<img src=\"file:///etc/passwd\">", "<iframe src=//example.org>",
    "<style>@import url(//example.org/x.css)</style>", "{{ 7*7 }}", "{% for x in y %}", "{{ ''.__class__ }}",
    _SEP + "right to left", _SEP * 10_000, "\ufeffbom", "\x00", "a\x00b", "\x7f\x1b[31m", "x\x85y",
    "a\u2028b\u2029c", "\ud800", "a\udfffb", "🏳️‍🌈" * 3_000, "a\r\nb",
    "line one\nline two", "# not a comment", "&anchor", "*alias", "!tag", "%TAG", "@", "- item", "key: value",
    "null", "~", "true", "yes", "no", "on", "y", "N", "<<", "'", "\"", ": ", " - ", "---", "...",
)
KEYS = ("", "<<", "id", "value", "period", "title", "x" * 10_000, "\u202eeltit", "tïtle", "Title", "1", "null",
        "__proto__", "constructor", "a.b", "$ref")
STYLES = (None, None, None, '"', "'", "|")
# Fields of free text, where any words are allowed (so a plan with an odd one still renders), and of figures
FREE_TEXT = frozenset({"title", "subtitle", "summary", "body", "caption", "comment", "commentary", "description",
                       "note", "notes", "name", "answer", "question", "controls", "corrective_action",
                       "further_actions", "monitoring", "purpose", "label", "milestone", "output", "measure",
                       "decision", "topic", "represents", "role", "owner_role", "due_text", "committee",
                       "directorate", "item", "short_name", "reference", "document"})
FIGURE_KEYS = frozenset({"value", "count", "year_to_date", "amounts", "stated_totals"})
FIGURES = ("0", "-0", "0.0", "1", "-1", "0.5", "999999999999999", "-999999999999999", "100000000000000",
           "0.000000000001", "-0.000000000001", "123456789012.123", "1e14", "1E-12", "-1e14", "99.999999999999",
           "1000000000000000", "33.333333333333", "7", "4300", "nil", "tbc")

SCALARS = st.sampled_from(NUMBERS + DATES + PERIODS + QUANTITIES + TEXTS)
GENERATED = st.one_of(
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.decimals(allow_nan=False, allow_infinity=False).map(str),
    st.dates().map(str),
    st.text(max_size=60),
    st.from_regex(r"[0-9]{4}(/[0-9]{2}( Q[0-9])?|-[0-9]{2}(-[0-9]{2})?)", fullmatch=True),
)


_DATE_LIKE = re.compile(r"(?:(?:by|from|before|after) )?[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?|/[0-9]{2}(?: Q[0-9])?)?\b.*")
_NUMBER_LIKE = re.compile(r"[-+]?[0-9][0-9,]*(?:\.[0-9]+)?")
_QUANTITY_LIKE = re.compile(r"[-+]?[0-9]+(?:\.[0-9]+)? ?(?:%|points?|days?|weeks?|months?)")


def kind_of(text: str) -> tuple[str, ...]:
    """The extreme values of the same kind as a value: dates and periods, figures, lags and margins, or text."""
    if _QUANTITY_LIKE.fullmatch(text):
        return QUANTITIES
    if _NUMBER_LIKE.fullmatch(text):
        return NUMBERS + FIGURES
    if _DATE_LIKE.fullmatch(text):
        return DATES + PERIODS
    return TEXTS


def stretched(text: str) -> st.SearchStrategy[str]:
    """The value with its digits made extreme: each run of digits 5,000 long, led by 5,000 zeros, or
    followed by a huge exponent ('3.1' becomes '3.1111...', '6 weeks' '0000...6 weeks', '44' '44e999999999')."""
    return st.sampled_from((
        re.sub(r"[0-9]+", lambda m: m.group(0) * (5000 // len(m.group(0)) + 1), text),
        re.sub(r"[0-9]+", lambda m: "0" * 5000 + m.group(0), text),
        re.sub(r"[0-9]+", lambda m: m.group(0) + "e999999999", text, count=1),
        re.sub(r"[0-9]", "9", text) * 1000,
    ))
