"""The format reference's section on status and the performance report, in words.

How plancc judges an indicator against its target and an action against its due date, the
settings that change it, and a worked example whose every figure and sentence is what plancc
prints for it (checked by running `plancc report` and `plancc check` on the example; run them
again when a status's wording changes). `reference.format_reference` places it before the rules.
"""

from __future__ import annotations

ANCHOR = "status"
TITLE = "Status and the performance report"

EXAMPLE_YAML = """\
as_at: 2017-02-14                # the position this version of the plan reports

performance:
  tolerance: 5%                  # close to target: worse than the target by no more than 5% of it
  tolerance_for_percentages: 2 points
  same: 1%                       # a change of no more than 1% counts as the same
  actuals_due: 6 weeks           # a quarter's figure is due six weeks after the quarter ends

indicators:
  - id: burglary
    code: CS 3
    title: Burglaries of homes
    unit: count
    direction: reduce
    baseline:
      period: 2015/16
      value: 455
    targets:
      - period: 2016/17
        value: 440
        profile: cumulative      # compared year to date: a quarter of 440 by June, half by September ...
    actuals:
      - period: 2016/17 Q1
        value: 105
      - period: 2016/17 Q2
        value: 126
      - period: 2016/17 Q3
        value: 125
        commentary: |
          A series of burglaries in the north of the borough in November.
        corrective_action: |
          The four suspects are now managed through integrated offender management.

actions:
  - id: marking-kits
    title: Give a property marking kit to every home burgled in the last year
    lead_agency: police
    due: by 2017-03
    progress:
      - as_at: 2016-10-14
        status: on-track
        note: 300 kits given out.
      - as_at: 2017-01-20
        status: delayed
        note: The second order of kits has not arrived."""

_TEXT = f"""\
## {TITLE}

Once a plan is published, each quarter's figures (`actuals`) and each action's progress updates
are added to it, and `as_at` moves to the date of the position. From them plancc works out where
each indicator stands against its target and each action against its due date, as at a date.
The plan's page shows it, `plancc report` writes the performance report across plans, and
`plancc build` adds the latest report to the site. Nothing here needs a status typed in: where a
plan does record the status a report printed, `plancc check` says when it disagrees.

### On target, close to target, off target

plancc compares an indicator's figure with its target for the same point in the year (see
profiles below) and works out how much worse it is, in the indicator's own `direction`: for
`reduce`, the figure minus the target; for `increase`, the target minus the figure; for
`maintain`, the distance either way.

- **On target**: not worse at all (as good as the target, or better).
- **Close to target**: worse by no more than the *tolerance*. **Exactly on the tolerance counts as close.**
- **Off target**: worse by more than the tolerance.

The tolerance is written one of two ways:

- **A percentage of the target**, `5%` (the default). A rate of 10.95 against a target of 10.60 that
  should reduce is (10.95 − 10.60) ÷ 10.60 = 3.3% worse; the tolerance is 5%, so plancc says
  "Close to target: 10.95 is 3.3% worse than the target of 10.60; the tolerance is 5%." A target of
  0 has no percentage margin: any figure worse than it is off target.
- **Percentage points**, `2 points`, only for an indicator whose `unit` is `percent`: a satisfaction
  rate of 71.0% against a target of 74.0% is 3.0 points below it, so with a tolerance of 2 points
  plancc says "Off target: 71.0% is 3.0 points below the target of 74.0%; the tolerance is 2 points."
  A count or a rate has no points: a tolerance in points for one is an error (`tolerance-points`).

### Which target: profiles

A target for a financial year can say how it is spread over the year's quarters (or, for an
indicator with monthly figures, its months) with `profile`:

| `profile:` | each quarter (or month) is compared like this |
| --- | --- |
| none (left out) | the year's target applies as it is at every quarter: right for a rolling 12-month rate, a percentage or a score |
| `even` | the quarter's own figure against a quarter of the year's target (a month's against a twelfth of it) |
| `cumulative` | the figure so far this year against the target so far: a quarter of the year's target by the end of June, half by September, three quarters by December, all of it by March (for monthly figures, a twelfth for each month so far) |
| `[a, b, c, d]` | each quarter's own target, stated; compared so far this year, `a + b` by September and so on. The four must add up to the year's target (`profile-sum`). Not for monthly figures: four quarters' targets give no target for a month |

The figure so far this year is the actual's own `year_to_date` where the plan gives one (plancc
checks it against the quarters: `ytd-sum`), otherwise the year's quarterly (or monthly) figures
added up, from April to this quarter (or month). If one of them has no figure, there is no figure
so far this year, and the period is "no data".

A profile adds figures up, so it is only for counts, pounds, days and rates; on a percentage or a
score, on a target that is not for a financial year, or (stated quarters) for monthly figures, it
is an error (`profile-use`). A count
reported every quarter needs a profile: without one, each quarter's count is compared with the
whole year's target (105 burglaries in a quarter is "better than the target of 440").

### Which period is reported, and no data

An indicator reports monthly, quarterly or annually: as its `reporting` says, otherwise as the
periods of its actual values show (else of its targets). Each period's figure is due
`actuals_due` after the period ends (`performance: actuals_due: 6 weeks`; by default on its last
day). A report as at a date shows the latest period whose figure is due by then; a period whose
figure is not yet due is not reported.

- **No data**: the figure was due and is not in the plan. It counts as an exception in the report.
  `plancc check` warns about it as at the plan's `as_at` (`actual-missing`); where a figure will
  never come, say why on the line the warning points at, e.g.
  `actuals:  # plancc: ignore[actual-missing] the survey was not run in Q3`, and the report still
  shows the quarter as no data.
- **No target**: there is a figure but no target for the period: only its direction of travel is shown.

### Direction of travel and "the same"

Each period's own figure is compared with the period before and with the same period a year
before (the quarter's own figure, even where the band compares the year so far). It is **better**
or **worse** in the indicator's direction, or **higher** or **lower** for one that should be
maintained; a change no bigger than `same` (1% of the earlier figure by default, or points for a
percentage, e.g. `same_for_percentages: 1 point`) is **the same**.

### Actions: status as at a date

An action's status as at a date counts only the progress updates dated on or before that date, so
a report as at an earlier date shows the action as it stood then. The first of these that applies
is its status:

1. **Complete** or **Cancelled**: the action's own `status` says so (when no progress update is
   dated after the report's date), or its latest update that gives a status says so.
2. **Overdue**: its due date has passed and it is not complete. The due date is the last day of
   what was written: `by 2016-09` is overdue from 1 October 2016, `2016/17` from 1 April 2017.
3. **At risk**: the latest update that gives a status says `at-risk` or `delayed`, or the latest
   `rag` is `amber` or `red`.
4. **Not started**: its start has passed and no progress is reported. Its start is the start of its
   due period where that has one (`from 2017-01`, `2016/17`, `2016-07 to 2017-03`), otherwise the
   plan's start (`by 2017-03`, `ongoing`, `throughout`).
5. **Not yet due**: no progress is reported and its start has not come (`from 2017-01` before
   January 2017).
6. **On track**: otherwise.

### The status written in the plan

A plan may keep the status a published report printed; plancc checks it and warns when it
works out something else.

- An actual's `status`: `on-target`, `close` or `off-target`, or `green` (on target), `amber`
  (close) or `red` (off target). When it is not the band plancc works out, `plancc check` warns
  (`indicator-status-stated`), naming both and the rule.
- A progress update's `status` and `rag` (`red`, `amber` or `green`, the lead's own rating). An
  update that says `on-track`, `ongoing` or `not-started`, or `green` or `amber`, on a date when
  the action was already overdue gets a warning (`action-status-stated`).

### Settings: the `performance` block

The same block goes in a plan (top level) or in `plancc.yml` (for every plan of a council). Key by
key, the plan's block wins over plancc.yml's, and an indicator's own `tolerance` and `same` win
over both.

| setting | what it does | default |
| --- | --- | --- |
| `tolerance` | how much worse than its target a figure may be and still be close: `5%` of the target, or `2 points` | `5%` |
| `tolerance_for_percentages` | the tolerance for indicators whose unit is `percent`, usually in points | as `tolerance` |
| `same` | a change no bigger than this reads "the same" | `1%` |
| `same_for_percentages` | the same, for indicators whose unit is `percent` | as `same` |
| `actuals_due` | how long after its period ends a figure is due: `N days`, `N weeks` or `N months` | `0 days` |
| `words` | the council's own words for the bands: `on-target`, `close`, `off-target`, `no-data`, `no-target` | On target, Close to target, Off target, No data, No target |

An indicator's own settings:

```yaml
indicators:
  - id: satisfaction
    unit: percent
    tolerance: 3 points    # this indicator only
    same: 0.5 points
```

Every command (check, the plan's page, report, build, diff) judges a plan with the performance block
of the plancc.yml nearest it: in the plan's own folder, or the closest folder above it. So wherever
plancc is run from, a plan gets the same status. (`--config` names the site's settings, its title
and theme; it does not change how a plan is judged.)

### The performance report

```sh
plancc report plans/ --as-at 2016-11-25      # as at a date (default: the latest as_at of the plans)
plancc report plans/ --period "2016/17 Q2"   # for a period (default: the latest whose figures are due)
plancc report plans/ --out build/report      # where to write it (the default)
plancc report plans/ --config plancc.yml     # the site's title and theme (default: plancc.yml in this folder)
```

It writes `index.html` (a summary in counts and words; the exceptions first: indicators off
target or with no data and actions overdue or at risk, with their commentary and corrective
action; each indicator with a chart and a table of every period so far; the actions by status;
how status is worked out), `performance-report.pdf` (tagged, like a plan's) and `data/`
(`indicators.csv`, `actions.csv`, `report.json`, `datapackage.json`). Only plans whose period
covers the report's date are in it; it says which are left out and why. `plancc build` adds the
report as at the latest `as_at` of the plans it publishes to the site, in `report/`.

### A worked example

An indicator with a cumulative profile, three quarterly figures (the last with a commentary and
a corrective action), an action, and the plan's `performance` block:

```yaml
{EXAMPLE_YAML}
```

`plancc report plans/` (as at the plan's `as_at`, 14 February 2017) prints
`Report as at 2017-02-14: 1 plan(s), 1 indicator(s) (1 off target, 0 with no data), 1 action(s) (0 overdue).`
and the report says (the earlier quarters' sentences are in its `data/indicators.csv`):

- **Which quarter.** 2016/17 Q3 ended on 31 December 2016; its figure was due six weeks later, on
  11 February 2017, so the report as at 14 February is for Q3. (As at 10 February it would still
  be for Q2.)
- **Q3 is off target.** The target so far is three quarters of the year's 440: 440 × 3 ÷ 4 = 330.
  The figure so far is 105 + 126 + 125 = 356. (356 − 330) ÷ 330 = 7.9% worse, more than the
  tolerance of 5%: "Off target: 356 so far this year (Q1 105 + Q2 126 + Q3 125) is 7.9% worse than
  the target to date of 330 (three quarters of the year's 440); the tolerance is 5%." Being off
  target, it is listed first under Exceptions, with its commentary and corrective action.
- **Q2 was close to target, exactly on the tolerance.** 440 ÷ 2 = 220; 105 + 126 = 231;
  (231 − 220) ÷ 220 = 5.0%: "Close to target: 231 so far this year (Q1 105 + Q2 126) is 5.0% worse
  than the target to date of 220 (half of the year's 440); the tolerance is 5%."
- **Q1 was on target.** 440 ÷ 4 = 110: "On target: 105 so far this year is better than the target
  to date of 110 (a quarter of the year's 440)."
- **Direction of travel.** Q3's own figure, 125, against Q2's 126: (126 − 125) ÷ 126 = 0.8% lower,
  within 1%: "The same as 2016/17 Q2 (126): 0.8% lower, within 1%." There is no figure for
  2015/16 Q3 to compare with a year before.
- **The action is at risk**: "The lead reports it delayed (update of 20 January 2017)." As at
  1 December 2016 only the October update counts, and it is on track: "Progress reported (update
  of 14 October 2016), due by March 2017." As at 3 April 2017, still not complete, it is overdue:
  "Due by March 2017 and not complete as at 3 April 2017: 3 days after 31 March 2017."

With `profile: even` instead, each quarter's own figure is compared with 440 ÷ 4 = 110: Q2's 126
is (126 − 110) ÷ 110 = 14.5% worse, off target. With `status: green` written on the Q2 figure,
`plancc check` warns:

```
warning [indicator-status-stated] The 2016/17 Q2 figure of CS 3 (Burglaries of homes) is reported as
  'on target' (green), but plancc works out: Close to target: 231 so far this year (Q1 105 + Q2 126)
  is 5.0% worse than the target to date of 220 (half of the year's 440); the tolerance is 5%.
```

and with `year_to_date: 232` on it:

```
error [ytd-sum] The year to date of CS 3 (Burglaries of homes) at 2016/17 Q2 is printed as 232, but
  the year's quarters add up to 231 (Q1 105 + Q2 126).
```
"""


def status_reference() -> list[str]:
    """The section's Markdown lines, with its anchor for the contents list."""
    return ["", f'<a id="{ANCHOR}"></a>', "", *_TEXT.rstrip("\n").split("\n")]


def contents_line() -> str:
    return f"- [{TITLE}](#{ANCHOR})"
