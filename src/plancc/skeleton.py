"""Starting a plan: a commented skeleton for `plancc new` (next year's plan from this year's is in
rollforward.py).

The skeleton has one example of every part of a plan, each under a comment that says in plain
words what goes there. Its dates follow from the day it is made (the plan covers this financial
year and the next two), so a new plan passes `plancc check` with nothing to report.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from string import Template

from plancc.model.periods import Period, financial_year, parse_period, quarter
from plancc.validate.schema_copy import find_copy, home_for_copy, relative_reference

# The date the skeleton shown in the format reference is made for, so that the reference is the same every time.
REFERENCE_DAY = date(2025, 6, 2)


def schema_reference(target: Path) -> str:
    """How the new file at `target` names the schema: a relative path to the copy of schemas/plan.schema.json
    its folder uses (the nearest above it), or to where `plancc new` places one (schema_copy.ensure_copy)."""
    folder = target.resolve().parent
    return relative_reference(find_copy(folder) or home_for_copy(folder), folder)


def schema_line(reference: str) -> str:
    """The first line of a plan file, which tells editors where the schema is."""
    return f"# yaml-language-server: $schema={reference}"


def financial_year_of(day: date) -> Period:
    """The financial year (April to March) that `day` falls in."""
    year = financial_year(day.year)
    return year if year.start <= day else financial_year(day.year - 1)


def skeleton_text(today: date, reference: str) -> str:
    """A new plan, with comments for the officer who fills it in; it covers the financial year
    that contains `today` and the two after it."""
    first = financial_year_of(today).start.year
    year = [financial_year(first + n).label for n in range(-1, 3)]
    year_end = quarter(first, 4).end  # the action is due by the last month of this financial year
    due_month = parse_period(f"{year_end.year}-{year_end.month:02d}")
    return _SKELETON.substitute(
        schema_line=schema_line(reference), today=today.isoformat(), baseline=year[0], year1=year[1],
        year2=year[2], year3=year[3], due_month=due_month.label, due_words=due_month.describe(),
    )


_SKELETON = Template("""\
$schema_line
#
# A new delivery plan. Replace each example below with your own words and figures, delete what
# your plan does not need, and run "plancc check" on this file to see what still needs attention.
#
# How to write things:
#   dates          2025-04-26        months      2025-05
#   financial years 2025/26 (April to March)     quarters    2025/26 Q1 (Q1 is April to June)
#   money          a plain number, 287500 (no commas, no pound sign); nil for nothing; tbc for
#                  an amount still to be confirmed
#   ids            short words joined by hyphens (police, reduce-burglary) that other parts of
#                  the plan use to refer to an organisation, objective, indicator or funding source
#   text that looks like a number (a version such as 1.10) goes in double quotes: "1.10"

# ---------------------------------------------------------------------------------------------
# About the plan: its name, who owns it, the years it covers, and its document control
# ---------------------------------------------------------------------------------------------
# The plan's title as it will appear on the cover.
title: Community Safety Delivery Plan
# The partnership that owns the plan.
partnership: Example Community Safety Partnership
# The years the plan covers: its first and its last financial year.
period:
  from: $year1
  to: $year3
# Where the plan is in its life: draft while it is being written, approved once it is agreed,
# published once it is on the website.
status: draft
# The version shown on the cover. Keep it the same as the last entry under versions.
version: "0.1"
# The date the progress in this plan describes ("position as at"). Actions due before this date
# and not complete are reported as overdue.
as_at: $today
# How progress reports judge each indicator against its target: "close to target" is worse than the
# target by no more than the tolerance (5% of the target; for an indicator that is a percentage you
# may write 2 points). Actual figures are due 6 weeks after their quarter ends; one that is due and
# has not come is shown as "no data". Leave this out to use these defaults (with 0 weeks).
performance:
  tolerance: 5%
  actuals_due: 6 weeks
# Document control: every version of the plan, oldest first, with the date it was issued and what changed.
versions:
  - version: "0.1"
    date: $today
    note: First draft.
# The officer responsible for the plan: a role title (not a person's name) and a team address.
lead_officer:
  role: Community Safety Manager
  organisation: council
  email: community.safety@example.org
# What the plan sets out to achieve and why, in a few paragraphs. Leave a blank line between
# paragraphs; start a line with "- " for a list; **two stars** make words bold.
summary: |
  This plan sets out how the partnership will reduce domestic burglary over the next three years.

# ---------------------------------------------------------------------------------------------
# The partnership: the organisations the plan mentions, and the groups that oversee it
# ---------------------------------------------------------------------------------------------
# Every organisation, department or team the plan refers to. The id is how the rest of the plan
# refers to it (as a lead agency, a partner, a risk owner or a funder).
organisations:
  - id: council
    name: Example Borough Council
    type: council
    statutory: true
  - id: police
    name: Example Police
    type: police
    statutory: true
# The partnership's groups and who sits on them. Each seat says what it represents, whether it is
# a core, co-opted or support member, and the people in it by role title. Mark the chair with chair: true.
groups:
  - id: strategy-group
    name: Strategy Group
    members:
      - represents: Example Borough Council
        organisation: council
        membership: core
        people:
          - role: Cabinet Member for Community Safety
            chair: true
      - represents: Example Police
        organisation: police
        membership: core
        people:
          - role: District Commander

# ---------------------------------------------------------------------------------------------
# What the plan will achieve: priorities, objectives or strands
# ---------------------------------------------------------------------------------------------
# Each priority, objective or strand, with the ids of the indicators that measure it.
objectives:
  - id: reduce-burglary
    kind: objective
    number: "1"
    title: Reduce domestic burglary
    description: |
      Fewer homes broken into, especially in the streets where burglary is most common.
    indicators: [burglary-rate]

# ---------------------------------------------------------------------------------------------
# How success is measured: indicators, their baseline and their targets
# ---------------------------------------------------------------------------------------------
# Each measure: what it counts (unit), which way is better (reduce or increase), the starting
# figure (baseline) and a target for each year. A target can also give the percentage change
# the document prints; plancc checks it against the figures.
indicators:
  - id: burglary-rate
    code: LOCAL 1
    title: Domestic burglaries per 1,000 households
    unit: per 1,000 households
    direction: reduce
    source: Police recorded crime
    baseline:
      period: $baseline
      value: 10.0
      source: Police recorded crime
    targets:
      - period: $year1
        value: 9.5
        change_on_baseline: "-5%"
      - period: $year2
        value: 9.0
        change_on_baseline: "-10%"
      - period: $year3
        value: 8.5
        change_on_baseline: "-15%"
    # Each quarter, add the actual figure as it comes in (remove the # marks), with what it means
    # and, where it is off target, what is being done. plancc works out its status against the
    # target and its direction of travel, for the plan's page and the performance report.
    # actuals:
    #   - period: $year1 Q1
    #     value: 9.6
    #     commentary: Slightly above the target; most burglaries were in two streets.
    #     corrective_action: Patrols and door chains for the two streets from July.

# ---------------------------------------------------------------------------------------------
# What will be done: actions, who leads them and when they are due
# ---------------------------------------------------------------------------------------------
# Each action: what will be done, the organisation that leads it (its id), the officer, partners,
# the money that pays for it, what it will deliver and when it is due. A due date can be a day
# (2025-04-26), a month (2025-05), a financial year (2025/26), "by" or "from" one of those,
# ongoing, throughout (the whole plan period) or tbc. due_text keeps your own words.
actions:
  - id: burglary-campaign
    title: Run a burglary prevention campaign in the streets most affected
    objectives: [reduce-burglary]
    indicators: [burglary-rate]
    lead_agency: police
    lead_officer: Crime Prevention Officer
    partners: [council]
    funding: [community-safety-fund]
    output: Campaign delivered
    due: by $due_month
    due_text: by $due_words
    status: not-started

# ---------------------------------------------------------------------------------------------
# Money: where it comes from and what it is spent on
# ---------------------------------------------------------------------------------------------
# Each source of money, with an id that funding lines and actions refer to.
funding_sources:
  - id: community-safety-fund
    name: Community Safety Fund
    organisation: council
# The funding and expenditure table. columns are its periods, in order; each line gives an
# amount for each period. Write only the atomic figures: plancc adds up every total itself.
finance:
  title: Funding and expenditure
  columns: [$year1, $year2, $year3]
  funding:
    - category: revenue
      lines:
        - name: Community Safety Fund
          source: community-safety-fund
          amounts:
            $year1: 20000
            $year2: 20000
            $year3: tbc
  expenditure:
    - category: revenue
      lines:
        - name: Burglary prevention campaign
          amounts:
            $year1: 20000
            $year2: 20000
            $year3: tbc

# ---------------------------------------------------------------------------------------------
# Risks to delivering the plan
# ---------------------------------------------------------------------------------------------
# The scale impact and likelihood are scored on (here 1 to 5 each).
risk_scale:
  impact_max: 5
  likelihood_max: 5
# Each risk: what could happen, how bad it would be (impact) and how likely it is (likelihood),
# the rating (impact times likelihood), what is in place (controls), and the risk that remains
# afterwards (residual), which should be no higher than the rating.
risks:
  - ref: R1
    type: Financial
    description: The Community Safety Fund is cut, leaving the campaign without money.
    impact: 3
    likelihood: 4
    rating: 12
    controls: |
      Partners have agreed to share the cost of the campaign if the fund is reduced.
    residual:
      impact: 2
      likelihood: 3
      rating: 6
    owner: council
    owner_role: Community Safety Manager

# ---------------------------------------------------------------------------------------------
# Impact assessments: questions the plan must answer, and its answers
# ---------------------------------------------------------------------------------------------
# topic is one of: equalities, accessibility, community-safety, climate-change,
# voluntary-sector, resources or other.
assessments:
  - topic: equalities
    title: Equalities and vulnerable groups
    question: |
      Who will the plan affect, and could it affect any group unfairly?
    answer: |
      The campaign is aimed at every household in the streets most affected. Material will be
      available in community languages and in easy read.

# ---------------------------------------------------------------------------------------------
# Monitoring: who reviews progress, how often, and with what data
# ---------------------------------------------------------------------------------------------
monitoring: |
  The Strategy Group reviews progress against this plan every quarter, using police recorded
  crime figures.
""")

