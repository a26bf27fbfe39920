"""Rules for monitoring: actuals due and missing, target profiles, year-to-date figures, tolerances, and
statuses an officer wrote that disagree with the ones plancc works out."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Iterator

from plancc.diagnostics import Severity
from plancc.lists import join
from plancc.model.periods import Kind, day_words
from plancc.model.values import format_number, rounding
from plancc.rules import Context, Problem, rule
from plancc.site_config import performance_settings
from plancc.status.actions import REPORTED, action_status
from plancc.status.indicators import due_periods, frequency, indicator_status
from plancc.status.settings import merged, parse_tolerance, settings_for
from plancc.status.targets import same_days, summed_to_date

KIND_WORDS = {Kind.QUARTER: "quarterly", Kind.FINANCIAL_YEAR: "annual", Kind.MONTH: "monthly"}
STATED_BAND = {"green": "on-target", "amber": "close", "red": "off-target"}
SUMMABLE = ("percent", "score")  # units whose figures cannot be added up over quarters
ADDITIVE = ("count", "pounds")  # units whose quarters add up to the year



@rule("actual-missing", Severity.WARNING)
def actual_missing(ctx: Context) -> Iterator[Problem]:
    """An actual value that was due by the reporting date is missing.

    An indicator reports monthly, quarterly or annually: as its `reporting` says, or as its
    actual values show. Every period of that kind from the plan's start (or, without
    `reporting`, from its first actual) whose figure was due by the plan's `as_at` (the period's
    end plus `performance: actuals_due`; or by --today, where given) needs an actual. A
    performance report shows a missing one as "no data"; this says so before the report goes
    out. Nothing is due after the plan ends. Without an `as_at`, periods are checked up to the
    indicator's latest figure.

    Fails:   quarterly actuals for 2009/10 Q1 and Q3, as_at 2010-02-06: Q2 is missing
    Passes:  quarterly actuals for 2009/10 Q1, Q2 and Q3, as_at 2010-02-06
    Fix:     add the actual. If it will not come, say why at the end of the line the warning points at:
             actuals:  # plancc: ignore[actual-missing] the survey was not run in Q3
    """
    plan = ctx.plan
    for indicator in plan.indicators:
        kind = frequency(indicator)
        actuals = [a for a in indicator.series.actuals if a.period is not None and a.period.kind is kind]
        if kind is None or not (indicator.reporting or actuals):
            continue
        settings = settings_for(plan, indicator, performance_settings(plan.source.file))
        as_at = ctx.today or plan.as_at or max((a.period.end for a in actuals), default=None)  # type: ignore[union-attr]
        if as_at is None:
            continue
        first = None if indicator.reporting else min(a.period.start for a in actuals)  # type: ignore[union-attr]
        missing = [p for p in due_periods(plan, indicator, as_at, settings)
                   if (first is None or p.start >= first) and not any(same_days(a.period, p) for a in actuals)]
        if missing:
            where = indicator.path + (("actuals",) if indicator.series.actuals else ("id",))
            were = "which were" if len(missing) > 1 else "which was"
            by = (f"due by the reporting date, {day_words(as_at)}" if ctx.today or plan.as_at
                  else "before its latest figure")
            yield Problem(where, f"{indicator.name} has no {KIND_WORDS.get(kind, '')} actual for "
                          f"{join([p.label for p in missing])}, {were} {by}.", on_key=bool(indicator.series.actuals),
                          hint="Add each actual (period and value). If one will not come, say why: "
                               "# plancc: ignore[actual-missing] <reason> at the end of this line.",
                          value=missing[0].label)


@rule("action-status-stated", Severity.WARNING)
def action_status_stated(ctx: Context) -> Iterator[Problem]:
    """A progress update says an action is on track (or green or amber), but it was overdue by then.

    plancc works out an action's status as at each update's own date: overdue once its due
    date has passed, at the precision it was written ("by 2016-09" is overdue from 1 October
    2016), unless it is complete. An update that says on track, ongoing, not started, green or
    amber at that date disagrees with it.

    Fails:   due "by 2016-09", progress as_at 2016-10-20 with status on-track
    Passes:  the same update with status delayed (or red), or the action marked complete
    Fix:     mark it complete if it is, give it a new due date with a note, or report it as delayed or red.
    """
    for action in ctx.plan.actions:
        for index, update in enumerate(action.progress):
            said = update.status if update.status in ("on-track", "ongoing", "not-started") else None
            rag = update.rag if update.rag in ("green", "amber") else None
            if update.as_at is None or not (said or rag) or update.status in ("complete", "cancelled"):
                continue
            found = action_status(ctx.plan, action, update.as_at)
            if found.status == "overdue":
                words = " and ".join(w for w in (REPORTED.get(said or ""), rag) if w)
                title = action.title if len(action.title) <= 60 else action.title[:57].rstrip() + "..."
                yield Problem(action.path + ("progress", index, "status" if said else "rag"),
                              f"Action '{title}': the update of {day_words(update.as_at)} says '{words}', but plancc "
                              f"works out overdue at that date: {found.reason}",
                              hint="Mark it complete if it is; otherwise give it a new due date with a note, or "
                                   "report it as delayed (red).", value=said or rag)


@rule("indicator-status-stated", Severity.WARNING)
def indicator_status_stated(ctx: Context) -> Iterator[Problem]:
    """An actual's stated status (on target, close, off target; green, amber, red) is not the one plancc works out.

    plancc judges each actual against its target for the period (profiled where the target
    says so) with the tolerance: the indicator's own, else the plan's `performance`, else
    plancc.yml's, else 5%. Green means on target, amber close to target and red off target.
    A report that prints a different status needs the figures, the target or the tolerance
    checked.

    Fails:   target 10.60, actual 10.95 (3.3% worse, tolerance 5%: close), status: on-target
    Passes:  the same with status: close (or amber)
    Fix:     correct the status, the figure or the target, or the tolerance under performance.
    """
    plan = ctx.plan
    config = performance_settings(plan.source.file)
    for indicator in plan.indicators:
        for index, actual in enumerate(indicator.series.actuals):
            said = actual.monitoring.stated_status if actual.monitoring else None
            if said is None or actual.period is None:
                continue
            found = indicator_status(plan, indicator, actual.period, date.max, config)
            wanted = STATED_BAND.get(said, said)
            if found.band in ("on-target", "close", "off-target", "no-target") and found.band != wanted:
                name = settings_for(plan, indicator, config).word(wanted).lower()
                yield Problem(actual.path + ("status",), f"The {actual.label} figure of {indicator.name} is "
                              f"reported as '{name}'{f' ({said})' if said in STATED_BAND else ''}, but plancc works "
                              f"out: {found.reason}",
                              hint="Check the status, the figure and the target; or the tolerance under "
                                   "performance.", value=said)


@rule("profile-sum", Severity.ERROR)
def profile_sum(ctx: Context) -> Iterator[Problem]:
    """A target's four quarterly values do not add up to the year's target.

    A stated profile, `profile: [a, b, c, d]`, gives each quarter of the financial year its own
    target; together they make the year's. (A difference no bigger than the figures' last
    decimal place can explain, such as 2.58 four times against 10.33, is allowed.)

    Fails:   value: 1140 with profile: [300, 250, 300, 300] (1,150)
    Passes:  value: 1150 with profile: [300, 250, 300, 300]
    Fix:     correct a quarter's value or the year's target.
    """
    for indicator in ctx.plan.indicators:
        for target in indicator.series.targets:
            profile = target.monitoring.profile if target.monitoring else None
            if not isinstance(profile, tuple) or target.value is None or target.value.number is None:
                continue
            added = sum(profile, Decimal(0))
            allowed = rounding(target.value.number) + sum((rounding(v) for v in profile), Decimal(0))
            if abs(added - target.value.number) > allowed:
                yield Problem(target.path + ("profile",), f"The quarterly profile of {indicator.name} for "
                              f"{target.label} adds up to {format_number(added)} "
                              f"({' + '.join(format_number(v) for v in profile)}), not the year's target of "
                              f"{format_number(target.value.number)}.",
                              hint="Correct a quarter's value, or the year's target.", value=format_number(added))


@rule("profile-use", Severity.ERROR)
def profile_use(ctx: Context) -> Iterator[Problem]:
    """A target has a profile that cannot work: on a percentage or score, on a period that is not a financial year, or quarterly for monthly figures.

    A profile spreads a financial year's target over its quarters (or months) by adding figures
    up, which works for counts, pounds, days and rates but not for percentages or scores (the
    annual target applies as it is at every point in the year for those: leave out profile).
    Four quarters' own targets say nothing about a month, so they do not suit monthly figures.

    Fails:   unit: percent with a target profile: cumulative
    Passes:  unit: percent with a target and no profile
    Fix:     remove the profile, or put it on the financial year's target; for monthly figures, use
             even or cumulative.
    """
    for indicator in ctx.plan.indicators:
        for target in indicator.series.targets:
            if not (target.monitoring and target.monitoring.profile is not None):
                continue
            if indicator.unit in SUMMABLE:
                what = "a percentage" if indicator.unit == "percent" else "a score"
                yield Problem(target.path + ("profile",), f"{indicator.name} is {what}: its target for "
                              f"{target.label} cannot be spread over the quarters by adding up.",
                              hint="Remove profile: the year's target then applies at every point in the year.",
                              on_key=True)
            elif isinstance(target.monitoring.profile, tuple) and frequency(indicator) is Kind.MONTH:
                yield Problem(target.path + ("profile",), f"{indicator.name} reports monthly, but its target for "
                              f"{target.label} is profiled by quarter, which gives no target for a month.",
                              hint="Use profile: even or cumulative, or give the months' targets as targets of "
                                   "their own (period: 2016-04).", on_key=True)
            elif target.period is not None and target.period.kind is not Kind.FINANCIAL_YEAR:
                yield Problem(target.path + ("profile",), f"The target of {indicator.name} for {target.label} is "
                              "not for a financial year, so it has no quarters to spread over.",
                              hint="Put the profile on the financial year's target (e.g. 2016/17).", on_key=True)


@rule("profile-missing", Severity.WARNING)
def profile_missing(ctx: Context) -> Iterator[Problem]:
    """A count reported each quarter (or month) has a year's target with no profile.

    Without a profile, a year's target applies as it is at every point in the year: right for a
    rate or a percentage, but a quarter's count of 125 burglaries would be judged against the
    whole year's target of 440, and be "on target" every quarter.

    Fails:   unit: count, quarterly actuals, target for 2016/17 of 440 with no profile
    Passes:  the same target with profile: even
    Fix:     add profile: even (a quarter of the year's each quarter), cumulative (compared year to
             date) or the four quarters' own targets, e.g. profile: [120, 110, 100, 110].
    """
    for indicator in ctx.plan.indicators:
        kind = frequency(indicator)
        if indicator.unit not in ADDITIVE or kind not in (Kind.QUARTER, Kind.MONTH):
            continue
        parts = [t for t in indicator.series.targets if t.period is not None and t.period.kind is kind]
        for target in indicator.series.targets:
            if target.period is None or target.period.kind is not Kind.FINANCIAL_YEAR or target.monitoring and \
                    target.monitoring.profile is not None or any(target.period.contains(p.period) for p in parts
                                                                if p.period is not None):
                continue
            every = "quarter" if kind is Kind.QUARTER else "month"
            yield Problem(target.path + ("period",), f"{indicator.name} is a {indicator.unit} reported every "
                          f"{every}, but its target for {target.label} has no profile, so each {every}'s "
                          f"{indicator.unit} is judged against the whole year's target.",
                          hint="Add profile: even (a share of the year's each " + every + "), cumulative "
                               "(compared year to date)" + (" or the four quarters' own targets, e.g. profile: "
                                                            "[120, 110, 100, 110]." if every == "quarter" else "."),
                          value=target.label)


@rule("ytd-sum", Severity.ERROR)
def ytd_sum(ctx: Context) -> Iterator[Problem]:
    """A stated year-to-date figure is not the sum of the year's quarterly actuals so far.

    An actual for a quarter may print the year to date beside the quarter's own figure. Where
    every quarter of the year so far has its figure, plancc adds them up and compares.

    Fails:   Q1 value 310, Q2 value 280, Q2 year_to_date 600 (310 + 280 = 590)
    Passes:  the same with year_to_date 590
    Fix:     correct the year-to-date figure or a quarter's figure.
    """
    for indicator in ctx.plan.indicators:
        for actual in indicator.series.actuals:
            stated = actual.monitoring.year_to_date if actual.monitoring else None
            if stated is None or stated.number is None or actual.period is None:
                continue
            added = summed_to_date(indicator.series, actual.period)
            if added is not None and abs(added.value - stated.number) > rounding(stated.number):
                sums = (f"the year's quarters add up to {format_number(added.value)} ({added.explained})"
                        if added.explained else f"it is the year's first quarter, whose own figure is "
                        f"{format_number(added.value)}")
                yield Problem(actual.path + ("year_to_date",), f"The year to date of {indicator.name} at "
                              f"{actual.label} is printed as {format_number(stated.number)}, but {sums}.",
                              hint="Correct the year-to-date figure, or a quarter's figure.",
                              value=format_number(stated.number))


@rule("tolerance-points", Severity.ERROR)
def tolerance_points(ctx: Context) -> Iterator[Problem]:
    """A tolerance in points is used for an indicator that is not a percentage.

    Points are percentage points: a satisfaction rate of 71% against a target of 74% is 3
    points below it. A count or a rate has no points: its tolerance (how far from the target
    is still close) and its band for "the same" (how small a change reads as no change) are a
    percentage of the figure. This covers an indicator's own settings, the plan's
    `performance` block and plancc.yml's.

    Fails:   unit: count with tolerance: 2 points
    Passes:  unit: count with tolerance: 5%, or unit: percent with tolerance: 2 points
    Fix:     write it as a percentage (tolerance: 5%, same: 1%); put points under
             tolerance_for_percentages or same_for_percentages.
    """
    plan = ctx.plan
    config = performance_settings(plan.source.file)
    layers = merged(config, plan)
    affected: dict[tuple[object, ...], tuple[str, str, list[str]]] = {}
    for indicator in plan.indicators:
        if indicator.unit == "percent":
            continue
        for key in ("tolerance", "same"):
            own = getattr(indicator, key)
            written = parse_tolerance(str(own or layers[key]))
            if written is None or not written.points:
                continue
            where = indicator.path + (key,) if own else ("performance", key) if key in plan.performance \
                else indicator.path + ("unit",)
            source = "its" if own else "the plan's" if key in plan.performance else "plancc.yml's"
            affected.setdefault(where, (key, f"{source} {key}: {written.text}", []))[2].append(indicator.name)
    for where, (key, setting, names) in affected.items():
        what = "tolerance" if key == "tolerance" else "band for 'the same'"
        example = "5%" if key == "tolerance" else "1%"
        yield Problem(where, f"{join(names)} {'is not a percentage' if len(names) == 1 else 'are not percentages'}, "
                      f"so {'its' if len(names) == 1 else 'their'} {what} cannot be in points ({setting}).",
                      hint=f"Write it as a percentage of the figure, e.g. {key}: {example}; points go under "
                           f"{key}_for_percentages.", value=setting.rsplit(": ", 1)[1])
