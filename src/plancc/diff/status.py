"""Changes in performance status: an indicator's band for a period, an action's status as at a date.

indicators.py and actions.py call these for each indicator and action matched in both versions, so
that a band or status that moved is said beside what moved it (a figure, a target, a due date, a
progress update). A reviewer of a change wants to know what the change does to the status, so
both versions are judged as at one date: the new version's `as_at` (the old version's where the new
one has none), never each at its own. A status then moves only because of what the change writes,
not because time passed between two reporting dates: a reporting date that moved is said once, in
the plan's own section, and a quarter it makes due that still has no figure is `plancc check`'s
actual-missing warning, not a change. Without an `as_at` in either version, actions are not judged
(whether one is overdue depends on the date), and an indicator only for the periods it has figures for.

A version judges an indicator for a period where its figure is due by that date (`due_periods`) or
where it has an actual for it, against the whole plan's figures, with plancc.yml's performance block
beside the new version. Bands are said in the council's words (the new version's `performance:
words`), in lower case.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Iterator, Mapping

from plancc.diff import words
from plancc.diff.changes import Change
from plancc.model.periods import Period
from plancc.model.plan import Action, Indicator, Plan
from plancc.site_config import performance_settings
from plancc.status.actions import STATUS_WORDS, action_status
from plancc.status.indicators import IndicatorStatus, due_periods, indicator_status
from plancc.status.settings import Settings, settings_for
from plancc.status.targets import same_days

Config = Mapping[str, Any]  # plancc.yml's performance block


def status_date(old: Plan, new: Plan) -> date | None:
    """The date both versions are judged as at: the new version's reporting date, else the old one's."""
    return new.as_at or old.as_at


def indicator_bands(old: Plan, new: Plan, was: Indicator, now: Indicator, path: str) -> Iterator[Change]:
    """'NI 16 moved from close to target to off target in 2010/11 Q2.': one for each period whose band moved."""
    as_at, config = status_date(old, new), performance_settings(new.source.file)
    before, after = _judged(old, was, as_at, config), _judged(new, now, as_at, config)
    day, settings = as_at or date.max, settings_for(new, now, config)  # no date: only periods with figures
    for period in _in_order(before + after):
        then = indicator_status(old, was, period, day, config) if _within(period, before) else None
        latest = indicator_status(new, now, period, day, config) if _within(period, after) else None
        sentence = _band_sentence(now, period, then, latest, settings)
        if sentence:
            yield Change("indicators", "band-changed", f"{path}.status[{period.label}]", sentence,
                         then.band if then else None, latest.band if latest else None)


def action_standing(old: Plan, new: Plan, was: Action, now: Action, path: str) -> Iterator[Change]:
    """'Action 'x' moved from on track to overdue (as at 25 November 2016).'"""
    as_at = status_date(old, new)
    if as_at is None:
        return
    before, after = action_status(old, was, as_at), action_status(new, now, as_at)
    if before.status != after.status:
        yield Change("actions", "status-as-at-changed", f"{path}.status[as at {as_at.isoformat()}]",
                     f"Action {words.quoted(now.title)} moved from {STATUS_WORDS[before.status].lower()} to "
                     f"{STATUS_WORDS[after.status].lower()} (as at {words.day(as_at)}).", before.status, after.status)


def _judged(plan: Plan, indicator: Indicator, as_at: date | None, config: Config) -> list[Period]:
    """The periods a version judges the indicator for: those due by `as_at`, and those with an actual."""
    due = due_periods(plan, indicator, as_at, settings_for(plan, indicator, config)) if as_at else []
    return due + [a.period for a in indicator.series.actuals if a.period is not None]


def _in_order(periods: list[Period]) -> list[Period]:
    """Each period once (by its days), in time order."""
    found: dict[tuple[date, date], Period] = {}
    for period in periods:
        found.setdefault((period.start, period.end), period)
    return [found[days] for days in sorted(found)]


def _within(period: Period, judged: list[Period]) -> bool:
    return any(same_days(period, p) for p in judged)


def _word(settings: Settings, status: IndicatorStatus) -> str:
    """The council's word for the band, in lower case for the middle of a sentence."""
    return settings.word(status.band).lower()


def _band_sentence(indicator: Indicator, period: Period, then: IndicatorStatus | None,
                   latest: IndicatorStatus | None, settings: Settings) -> str | None:
    """What changed about the indicator's band for `period`; None where nothing did."""
    name, when = words.indicator(indicator.code, indicator.title), words.period(period.label, period)
    if then is not None and latest is not None:
        was, now = _word(settings, then), _word(settings, latest)
        if then.band == latest.band:
            return None
        if then.band == "no-data":
            return f"{name} has a {_figure(then)} for {when} now: {now} (was {was})."
        if latest.band == "no-data":
            return f"{name} has no {_figure(latest)} for {when} now: {now} (was {was})."
        to_date = " (year to date)" if latest.year_to_date else ""  # moved by an earlier quarter's figure too
        return f"{name} moved from {was} to {now} in {when}{to_date}."
    if latest is not None and latest.point is not None:  # a figure for a period the old version did not judge
        tail = "new figure" if latest.band != "no-data" else "new figure, but no figure to date"
        return f"{name} in {when}: {_word(settings, latest)} ({tail})."
    if then is not None and then.band != "no-data":  # a figure the new version no longer judges
        return f"{name} no longer has a figure for {when} (was {_word(settings, then)})."
    return None


def _figure(status: IndicatorStatus) -> str:
    """'figure', or 'figure to date' where the period has its own figure but an earlier quarter has none."""
    return "figure to date" if status.point is not None else "figure"
