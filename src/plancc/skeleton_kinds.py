"""`plancc new --kind KIND`: commented skeletons for the kinds of document other than a delivery plan
(which skeleton.py makes): a strategy, an improvement plan and a report to a committee. Each passes
`plancc check` with nothing to report on the day it is made."""

from __future__ import annotations

from datetime import date, timedelta
from string import Template

from plancc.model.periods import financial_year
from plancc.skeleton import financial_year_of, schema_line

KINDS = ("delivery-plan", "strategy", "improvement-plan", "report")

_HOW_TO_WRITE = """\
# How to write things:
#   dates          2025-04-26        months      2025-05
#   financial years 2025/26 (April to March)     quarters    2025/26 Q1 (Q1 is April to June)
#   ids            short words joined by hyphens (police, reduce-burglary) that other parts of
#                  the document use to refer to an organisation or an indicator
#   text that looks like a number (a version such as 1.10) goes in double quotes: "1.10"
#   a value the document does not state: leave the line out (plancc shows "Not stated"); write
#   tbc only for a value that will come later
"""

_ORGANISATIONS = """\
# The member organisations, each with a short id that the rest of the document uses.
organisations:
  - id: council
    name: Example Borough Council
  - id: police
    name: Example Police
"""

_STRATEGY = Template("""\
$schema_line
#
# A new strategy: the partnership's priorities over several years, with few figures. Replace each
# example with your own words, delete what you do not need, and run "plancc check" on this file.
#
$how
title: Community Safety Strategy
partnership: Example Community Safety Partnership
document: strategy
# The years the strategy covers: its first and its last financial year.
period:
  from: $year1
  to: $year3
status: draft
version: "0.1"
versions:
  - version: "0.1"
    date: $today
    note: First draft.
summary: |
  Why the partnership has chosen its priorities, in a few paragraphs.
$organisations
# The priorities, each with what the partnership will do about it.
objectives:
  - id: safer-streets
    title: Safer streets
    kind: priority
    description: |
      What this priority means and why it was chosen.
# Sections in the document's own order; each can hold text, tables and subsections.
numbering: sections
sections:
  - title: How we chose our priorities
    content:
      - text: |
          The evidence the partnership used: the strategic assessment and residents' views.
""")

_IMPROVEMENT = Template("""\
$schema_line
#
# A new improvement plan: what has been achieved and what is still to do. An item may have no
# lead and no date where none is agreed: leave those lines out. Run "plancc check" on this file.
#
$how
title: Community Safety Improvement Plan
partnership: Example Community Safety Partnership
document: improvement-plan
period:
  from: $year1
  to: $year1
status: draft
as_at: $today
$organisations
action_groups:
  - id: achieved
    title: What we have achieved
  - id: next
    title: What we will do next
actions:
  # Done: status complete. No lead or date is needed where the document gives none.
  - id: board-review
    group: achieved
    title: Reviewed the membership of the partnership board
    status: complete
  # Still to do: a lead and a due date only where they have been agreed.
  - id: performance-report
    group: next
    title: Agree a short quarterly performance report for the board
    lead_agency: council
""")

_REPORT = Template("""\
$schema_line
#
# A new report to a committee or board. The front matter (report:) is printed as councils print
# it; the body is numbered sections whose paragraphs are numbered 1.1, 1.2 (numbering: paragraphs).
# Run "plancc check" on this file.
#
$how
title: Community Safety Partnership Performance
partnership: Example Community Safety Partnership
document: report
status: draft
report:
  committee: Community Safety Scrutiny Panel
  meeting_date: $meeting
  item: "1"
  report_of: Head of Community Safety
  purpose: |
    What the report is for, in a sentence or two.
  decision: for-information
  key_decision: false
  wards: [All wards]
  recommendations:
    - text: That the panel notes the partnership's performance.
  contact:
    role: Community Safety Manager
    organisation: council
    email: community.safety@example.org
$organisations
numbering: paragraphs
sections:
  - title: Background
    content:
      - text: |
          Why the report comes to the committee. Each paragraph is numbered for you.

          A second paragraph.
  - title: Performance
    content:
      - text: |
          How the partnership is doing. A table can sit between paragraphs:
      - table:
          caption: Recorded crime
          columns: [Crime type, {heading: Number, unit: crimes}]
          rows:
            - [Burglary, 120]
            - [Vehicle crime, 95]
""")

_TEMPLATES = {"strategy": _STRATEGY, "improvement-plan": _IMPROVEMENT, "report": _REPORT}


def kind_skeleton(kind: str, today: date, reference: str) -> str:
    """A commented skeleton of a strategy, improvement plan or report, made for `today`."""
    first = financial_year_of(today).start.year
    return _TEMPLATES[kind].substitute(
        schema_line=schema_line(reference), how=_HOW_TO_WRITE, organisations=_ORGANISATIONS,
        today=today.isoformat(), year1=financial_year(first).label, year3=financial_year(first + 2).label,
        meeting=(today + timedelta(days=28)).isoformat())


_KIND_WORDS = {
    "delivery-plan": ("A delivery or action plan (the default, and the three published plans in plans/).",
                      "a plan `period`; every action a `lead_agency` and a `due` date"),
    "strategy": ("Priorities over three to five years, with few figures.",
                 "a plan `period`; actions need no lead or date"),
    "improvement-plan": ("Improvements already achieved and improvements still to make, with or without leads "
                         "and dates.", "a plan `period`; actions need no lead or date"),
    "report": ("A report to a committee or board, with the front matter UK councils print and numbered "
               "paragraphs.", "`report:` with `committee` and `meeting_date`; no plan period"),
}


def kinds_reference(today: date) -> list[str]:
    """The format reference's section on the kinds of document: what each is, what it requires, and its
    skeleton (`plancc new --kind KIND`) as an example."""
    lines = ["## Kinds of document", "",
             "A plan says which kind of document it is with `document:`. The kind decides what is required. "
             "A value the document does not state is left out: the page says \"Not stated\", or leaves out a "
             "column that is empty in every row; `tbc` is only for a value that will come later.", ""]
    for kind in KINDS:
        what, needs = _KIND_WORDS[kind]
        lines += [f"### `{kind}`", "", what, "", f"Requires: {needs}.", "",
                  f"Start one with `plancc new PATH --kind {kind}`" + (":" if kind != "delivery-plan" else
                  "; the examples under each field below come from the delivery plans in plans/."), ""]
        if kind != "delivery-plan":
            lines += ["```yaml", kind_skeleton(kind, today, "../schemas/plan.schema.json").rstrip(), "```", ""]
    return lines
