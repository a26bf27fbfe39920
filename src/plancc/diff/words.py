"""The words the diff uses: figures with their units, totals, dates, shifts in time, names.

Figures keep the digits they were written with (10.60 stays 10.60); nil and t.b.c. are said
as such; a total that includes a t.b.c. value is said as "265,099 + t.b.c.", never a number.
"""

from __future__ import annotations

from datetime import date, timedelta

from plancc import lists
from plancc.model.periods import Due, DueKind, Kind, Period, day_words
from plancc.model.plan import Plan
from plancc.model.values import Figure, Total, format_number

join = lists.join  # a list said in words: 'a, b and c'

_PREFIX_UNITS = {"percent": ("", "%"), "pounds": ("£", "")}
_UNIT_NAMES = {"percent": "a percentage", "count": "a count", "pounds": "pounds", "score": "a score", "days": "days"}
_DIRECTION_VERBS = {"reduce": "reduce", "increase": "increase", "maintain": "stay the same"}
_DOCUMENTS = {"delivery-plan": ("a delivery plan", "plan"), "strategy": ("a strategy", "strategy"),
              "improvement-plan": ("an improvement plan", "improvement plan"), "report": ("a report", "report")}


def quoted(text: str, limit: int = 60) -> str:
    """A title in quotes, shortened at a word boundary when it is long."""
    return f"'{short(text, limit)}'"


def short(text: str, limit: int = 60) -> str:
    """Text on one line, cut at a word boundary to at most `limit` characters."""
    flat = " ".join(str(text).split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 3].rsplit(" ", 1)[0].rstrip(" ,;:.–-")
    return cut + "..."


def upper_first(text: str) -> str:
    """Text with its first letter a capital and the rest as written (str.capitalize lowers the rest)."""
    return text[:1].upper() + text[1:]


def field_words(key: str) -> str:
    """A YAML key as words: due_text -> 'due text'."""
    return key.replace("_", " ")


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    return f"{count} {noun if count == 1 else nouns or noun + 's'}"


def figure(fig: Figure | None) -> str:
    """A figure on its own: 10.60, nil, t.b.c."""
    return "none" if fig is None else str(fig)


def written(fig: Figure | None) -> str | None:
    """A figure as written in the YAML, for the JSON: '10.60', 'nil', 'tbc'."""
    if fig is None:
        return None
    return fig.state if fig.number is None else str(fig.number)


def measure(fig: Figure | None, unit: str) -> str:
    """A figure with its unit: '10.60 per 1,000 population', '35%', '£2,000', 't.b.c.'."""
    if fig is None or fig.number is None:
        return figure(fig)
    return _with_prefix(fig, unit) + _suffix(unit)


def _with_prefix(fig: Figure | None, unit: str) -> str:
    """A figure with a unit written around it (%, £), but not a unit written after it."""
    if fig is None or fig.number is None:
        return figure(fig)
    before, after = _PREFIX_UNITS.get(unit, ("", ""))
    return f"{before}{format_number(fig.number)}{after}"


def _suffix(unit: str) -> str:
    return f" {unit}" if unit.startswith("per ") or unit == "days" else ""


def from_to(before: Figure | None, after: Figure | None, unit: str) -> str:
    """'from 10.60 to 10.70 per 1,000 population': a unit written after the figure is said once, last."""
    if after is not None and after.number is not None:
        return f"from {_with_prefix(before, unit)} to {measure(after, unit)}"
    return f"from {measure(before, unit)} to {figure(after)}"


def same_figure(a: Figure | None, b: Figure | None) -> bool:
    """Equal in value and in the digits written (10.6 and 10.60 differ on the page)."""
    return a == b and str(a) == str(b)


def unit_name(unit: str) -> str:
    """What an indicator is measured as: 'a rate per 1,000 population', 'a percentage'."""
    return f"a rate {unit}" if unit.startswith("per ") else _UNIT_NAMES.get(unit, unit)


def direction_verb(direction: str) -> str:
    return _DIRECTION_VERBS.get(direction, direction)


def total(value: Total) -> str:
    """A derived total: '265,099', '265,099 + t.b.c.', 't.b.c.', 'nil', or 'nothing' when it has no values."""
    if value.count == 0:
        return "nothing"
    if value.unknown and (value.unknown == value.count or value.known == 0):
        return "t.b.c."
    known = "nil" if value.known == 0 else format_number(value.known)
    return f"{known} + t.b.c." if value.unknown else known


def total_move(before: Total, after: Total) -> str:
    """'rises from 265,099 + t.b.c. to 275,099 + t.b.c.', 'falls from ...', 'stays at ...'."""
    old, new = total(before), total(after)
    if old == new:
        return f"stays at {new}"
    if before.unknown == after.unknown and before.count and after.count:
        verb = "rises" if after.known > before.known else "falls"
    else:
        verb = "changes"
    return f"{verb} from {old} to {new}"


def day(value: date) -> str:
    """'6 February 2010'."""
    return day_words(value)


def period(label: str, value: Period | None) -> str:
    """A period as a reader says it: financial years and quarters as labelled (2009/10), months and
    days in words (April 2009, 26 April 2002)."""
    if value is not None and value.kind in (Kind.DAY, Kind.MONTH):
        return value.describe()
    return label


def due(value: Due | None, written: str | None) -> str:
    """A due date in words at the precision written: 'by September 2010', 'on 26 April 2002',
    'in May 2002', 'on an ongoing basis'."""
    if value is None:
        return f"'{written}'" if written else "no date"
    if value.kind is DueKind.ONGOING:
        return "on an ongoing basis"
    if value.kind is DueKind.ON and value.period is not None:
        return ("on " if value.period.kind is Kind.DAY else "in ") + value.describe()
    return value.describe()


def due_anchor(value: Due | None) -> tuple[str, date] | None:
    """The date a due date is measured by, with which end it is ('end' for by/on/before/range,
    'start' for from/after); None for ongoing, throughout and tbc."""
    if value is None or value.period is None:
        return None
    if value.kind in (DueKind.FROM, DueKind.AFTER):
        found = value.earliest()
        return ("start", found) if found else None
    found = value.latest()
    return ("end", found) if found else None


def _month_end(value: date) -> bool:
    return (value + timedelta(days=1)).day == 1


def shift(before: date, after: date) -> str:
    """How far a date moved: '6 months later', '1 year earlier', '3 weeks later', '12 days earlier'.

    Whole months when both dates fall on the same day of the month or both on a month's last day
    (so 30 September to 31 March is 6 months); otherwise weeks when the days divide by 7, or days.
    """
    if before == after:
        return "the same day"
    later = after > before
    first, last = (before, after) if later else (after, before)
    if first.day == last.day or (_month_end(first) and _month_end(last)):
        months = (last.year - first.year) * 12 + last.month - first.month
        amount = plural(months // 12, "year") if months % 12 == 0 else plural(months, "month")
    else:
        days = (last - first).days
        amount = plural(days // 7, "week") if days % 7 == 0 else plural(days, "day")
    return f"{amount} {'later' if later else 'earlier'}"


def status(value: str | None) -> str:
    """An action status in words: on-track -> 'on track'; none when not given."""
    return value.replace("-", " ") if value else "none"


def organisation(plan: Plan, org_id: str | None) -> str:
    """An organisation's name (its id when the plan does not list it)."""
    if org_id is None:
        return "none"
    return next((o.name for o in plan.organisations if o.id == org_id), org_id)


def document(kind: str) -> str:
    """What kind of document a plan is, with its article: 'a delivery plan', 'an improvement plan'."""
    return _DOCUMENTS.get(kind, (f"a {kind}", kind))[0]


def document_noun(plan: Plan) -> str:
    """What sentences call the document: 'plan', 'strategy', 'improvement plan', 'report'."""
    return _DOCUMENTS.get(plan.document, ("", "plan"))[1]


def the(name: str) -> str:
    """A body or a post with 'the' before it: 'the Community Safety Scrutiny Panel'."""
    return name if name.lower().startswith("the ") else f"the {name}"


def ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st."""
    if number % 100 in (11, 12, 13):
        return f"{number}th"
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def area(plan: Plan, area_id: str | None) -> str:
    return next((a.name for a in plan.areas if a.id == area_id), area_id or "")


def finish(sentence: str) -> str:
    """A sentence with one full stop at its end, where its last word already has one (t.b.c.) or it
    ends with text cut short (...)."""
    if sentence.endswith("....") or (sentence.endswith("..") and not sentence.endswith("...")):
        return sentence[:-1]
    return sentence


def indicator(code: str | None, title: str) -> str:
    """How sentences name an indicator: its code (NI 16), or else its title in quotes."""
    return code or f"'{title}'"


def field_change(subject: str, before: str | None, after: str | None) -> str:
    """'X changed from A to B.', 'X is now B; it was not given before.', 'X is no longer given (it was A).'"""
    if before is None:
        return f"{subject} is now {after}; it was not given before."
    if after is None:
        return f"{subject} is no longer given (it was {before})."
    return f"{subject} changed from {before} to {after}."
