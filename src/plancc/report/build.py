"""Report stage: the performance report across plans, as at a date or for a period.

It reads as a performance report does: a summary in counts, the exceptions (indicators off target
or with no data, actions overdue or at risk), then each indicator with its history, then the
actions by status. Only plans whose period covers the report's date are in it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from plancc.diff.words import join
from plancc.model.periods import MONTH_NAMES, Period, day_words
from plancc.model.plan import Indicator, Plan, Point, Series
from plancc.model.values import Figure
from plancc.site_config import performance_settings
from plancc.status.actions import STATUSES, ActionStatus, action_status
from plancc.status.indicators import IndicatorStatus, due_periods, indicator_status, reporting_period
from plancc.status.settings import BANDS, settings_for

EXCEPTION_BANDS = ("off-target", "no-data")
EXCEPTION_ACTIONS = ("overdue", "at-risk")


@dataclass
class IndicatorReport:
    plan: Plan
    status: IndicatorStatus
    history: list[IndicatorStatus]  # every period due so far, oldest first
    drawn: Indicator  # the indicator as its chart draws it: compared actuals against profiled targets


@dataclass
class Report:
    as_at: date
    period: Period | None  # the period asked for, if one was
    plans: list[Plan]
    left_out: list[tuple[Plan, str]]  # plans not in the report, and why
    indicators: list[IndicatorReport] = field(default_factory=list)
    actions: list[tuple[Plan, ActionStatus]] = field(default_factory=list)

    @property
    def band_counts(self) -> Counter[str]:
        return Counter(i.status.band for i in self.indicators)

    @property
    def action_counts(self) -> Counter[str]:
        return Counter(a.status for _, a in self.actions)

    @property
    def exceptions(self) -> list[IndicatorReport]:
        return [i for i in self.indicators if i.status.band in EXCEPTION_BANDS]

    @property
    def action_exceptions(self) -> list[tuple[Plan, ActionStatus]]:
        order = {s: n for n, s in enumerate(STATUSES)}
        return sorted((a for a in self.actions if a[1].status in EXCEPTION_ACTIONS), key=lambda a: order[a[1].status])


def covers(plan: Plan, day: date) -> bool:
    """Whether the plan's period runs over `day` (a plan with no period covers nothing)."""
    return plan.start is not None and plan.end is not None and plan.start.start <= day <= plan.end.end


def report_date(plans: list[Plan], as_at: date | None, period: Period | None) -> date | None:
    """The date a report is as at: as asked; else the latest reporting date of the plans covering the period
    asked for; else that period's last day."""
    if as_at is not None:
        return as_at
    dates = [p.as_at for p in plans if p.as_at and (period is None or covers(p, period.end))]
    if dates:
        return max(dates)
    return period.end if period else None


def build_report(plans: list[Plan], as_at: date, period: Period | None = None,
                 monitored_only: bool = False) -> Report:
    """The report as at `as_at` (and for `period` where one is asked for) across the plans that cover it;
    with `monitored_only`, a single plan's own status (whatever its period) over its indicators with actuals.
    Each plan is judged with the performance block of the plancc.yml nearest it, as `plancc check` judges it."""
    day = period.end if period else as_at
    found = Report(as_at, period, [p for p in plans if monitored_only or covers(p, day)],
                   [(p, _why_left_out(p, day)) for p in plans if not (monitored_only or covers(p, day))])
    for plan in found.plans:
        config = performance_settings(plan.source.file)
        for indicator in plan.indicators:
            if monitored_only and not indicator.series.actuals:
                continue
            settings = settings_for(plan, indicator, config)
            shown = reporting_period(indicator, as_at, settings, period)
            if shown is None or (plan.start and shown.end < plan.start.start):
                continue
            history = [indicator_status(plan, indicator, p, as_at, config)
                       for p in due_periods(plan, indicator, as_at, settings) if p.end <= shown.end]
            if not history or history[-1].period != shown:  # a period asked for whose figure is not due yet
                history.append(indicator_status(plan, indicator, shown, as_at, config))
            found.indicators.append(IndicatorReport(plan, history[-1], history, _drawn(indicator, history)))
        found.actions.extend((plan, action_status(plan, a, as_at)) for a in plan.actions)
    return found


def _why_left_out(plan: Plan, day: date) -> str:
    if plan.start is None or plan.end is None:
        return "it has no plan period"
    first, last = plan.start.start, plan.end.end
    return (f"its period ({MONTH_NAMES[first.month - 1]} {first.year} to {MONTH_NAMES[last.month - 1]} {last.year}) "
            f"does not cover {day_words(day)}")


def _drawn(indicator: Indicator, history: list[IndicatorStatus]) -> Indicator:
    """The indicator with the figures the report compares: each period's actual (to date where the target is
    a target to date) and its profiled target, with the baseline."""
    def point(status: IndicatorStatus, value: Decimal | None) -> list[Point]:
        if value is None:
            return []
        return [Point(status.period.label, status.period, Figure(value), None, None, None, ())]

    series = Series(indicator.series.baseline, [p for s in history for p in point(s, s.target)],
                    [p for s in history for p in point(s, s.actual)])
    return replace(indicator, series=series, breakdown=[])


def summary_words(report: Report) -> list[str]:
    """The summary in sentences: 'Of 6 indicators, 2 are on target, ...'."""
    words = band_words(report)
    bands = report.band_counts
    total = sum(bands.values())
    sentences = []
    if total:
        parts = [f"{bands[b]} {'is' if bands[b] == 1 else 'are'} {words[b].lower()}" if b not in ("no-data", "no-target")
                 else f"{bands[b]} {'has' if bands[b] == 1 else 'have'} {words[b].lower()}"
                 for b in BANDS if bands[b]]
        sentences.append(f"Of {total} indicator{'s' if total != 1 else ''}, {join(parts)}.")
    actions = report.action_counts
    if actions:
        count = sum(actions.values())
        from plancc.status.actions import STATUS_WORDS

        parts = [f"{actions[s]} {'is' if actions[s] == 1 else 'are'} {STATUS_WORDS[s].lower()}"
                 for s in STATUSES if actions[s]]
        sentences.append(f"Of {count} action{'s' if count != 1 else ''}, {join(parts)}.")
    return sentences


def band_words(report: Report) -> dict[str, str]:
    """The bands' words: the first plan's (a report across councils uses the defaults)."""
    plan = report.plans[0] if report.plans else None
    if plan is None:
        from plancc.status.settings import DEFAULT_WORDS

        return dict(DEFAULT_WORDS)
    settings = settings_for(plan, None, performance_settings(plan.source.file))
    return {b: settings.word(b) for b in BANDS}
