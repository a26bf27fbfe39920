"""Kinds of document (delivery plan, strategy, improvement plan, report) and sections that read like
the document: what each kind requires, skeletons that pass check, nested and numbered sections,
structured parts placed in sections, and tables with header rows, merged cells and written digits."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from plancc.pipeline import check_file
from plancc.render.page import render_plan
from plancc.skeleton import REFERENCE_DAY
from plancc.skeleton_kinds import kind_skeleton

KINDS = ["strategy", "improvement-plan", "report"]


def write(tmp_path: Path, text: str, name: str = "doc.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def rules(path: Path) -> list[str]:
    return [d.rule for d in check_file(str(path)).diagnostics]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("today", [date(2026, 4, 1), date(2027, 3, 31), date(2028, 2, 29), REFERENCE_DAY])
def test_each_kinds_skeleton_passes_check_with_nothing_to_report(tmp_path: Path, kind: str, today: date) -> None:
    path = write(tmp_path, kind_skeleton(kind, today, "plan.schema.json"))
    assert check_file(str(path)).diagnostics == []
    assert render_plan(path).html


REPORT = """\
title: Quarterly performance
partnership: Example CSP
document: report
status: published
report:
  committee: Community Safety Scrutiny Panel
  meeting_date: 2015-06-18
  decision: for-information
  recommendations:
    - text: That the panel notes the report.
    - {number: "(b)", text: That the panel asks for a further report in December.}
organisations:
  - {id: council, name: Example Council}
numbering: paragraphs
sections:
  - title: Background
    content:
      - text: "First paragraph.\\n\\nSecond paragraph."
  - title: 10. Performance
    sections:
      - title: How we compare
        content:
          - text: One paragraph.
          - table:
              columns: [Area, {heading: Rate, unit: "per 1,000"}, Rank]
              header_rows: 1
              rows:
                - [{text: "", colspan: 1}, {text: 2014/15, colspan: 2}]
                - [Northbridge, 65.690, 2]
                - [{text: Family group, rowspan: 2}, 70.1, 3]
                - [71.20, 4]
"""


def test_a_report_needs_no_plan_period_but_a_delivery_plan_does(tmp_path: Path) -> None:
    assert rules(write(tmp_path, REPORT)) == []
    plan = REPORT.replace("document: report\n", "")
    found = [d for d in check_file(str(write(tmp_path, plan, "plan.yaml"))).diagnostics if d.rule != "checks-not-run"]
    assert [d.rule for d in found] == ["schema-required"] and "'period'" in found[0].message


def test_a_report_without_its_front_matter_is_told_what_to_add(tmp_path: Path) -> None:
    text = re.sub(r"report:\n(  .*\n)+", "", REPORT)
    found = check_file(str(write(tmp_path, text))).diagnostics
    assert [d.rule for d in found] == ["schema-required"] and "'report'" in found[0].message


IMPROVEMENT = """\
title: Improvement plan
partnership: Example CSP
document: improvement-plan
period: {from: 2014/15, to: 2014/15}
status: published
organisations:
  - {id: council, name: Example Council}
action_groups:
  - {id: done, title: What we have achieved}
actions:
  - {id: a, group: done, title: Reviewed the board, status: complete}
  - {id: b, group: done, title: Agreed a new assessment, status: complete}
"""


def test_an_improvement_plan_item_needs_no_lead_or_date_and_none_is_shown_as_to_be_confirmed(tmp_path: Path) -> None:
    path = write(tmp_path, IMPROVEMENT)
    assert rules(path) == []
    html = render_plan(path).html or ""
    assert "to be confirmed" not in html.lower() and "t.b.c." not in html
    actions = html.split('id="actions-done"', 1)[1].split("</table>", 1)[0]
    assert ">Lead<" not in actions and ">Due<" not in actions  # columns empty in every row are left out
    delivery = IMPROVEMENT.replace("document: improvement-plan", "document: delivery-plan")
    found = [d for d in check_file(str(write(tmp_path, delivery, "delivery.yaml"))).diagnostics
             if d.rule != "checks-not-run"]
    assert sorted(d.message for d in found) == ["This action has no 'due' (Due).",
                                                "This action has no 'lead_agency' (Lead agency)."]
    assert all(d.count == 2 for d in found)  # each said once for the second action too, not twice


def test_report_sections_and_paragraphs_are_numbered_once(tmp_path: Path) -> None:
    html = render_plan(write(tmp_path, REPORT)).html or ""
    assert '<span class="section-number">1</span> Background' in html
    assert '<span class="para-number">1.1</span> First paragraph.' in html
    assert '<span class="para-number">1.2</span> Second paragraph.' in html
    assert ">10. Performance</h2>" in html and "2</span> 10. Performance" not in html  # never numbered twice
    # a subsection of a report has no number of its own: its paragraphs carry on from its section's
    assert ">How we compare</h3>" in html
    assert '<span class="para-number">10.1</span> One paragraph.' in html
    recommendations = html.split('id="recommendations"', 1)[1].split("</ol>", 1)[0]
    assert re.findall(r'recommendation-number">([^<]+)<', recommendations) == ["1", "(b)"]
    assert "18 June 2015" in html and "For information" in html


def test_a_section_table_keeps_digits_and_tags_its_headers(tmp_path: Path) -> None:
    html = render_plan(write(tmp_path, REPORT)).html or ""
    table = html.split('<table class="table table--section"', 1)[1].split("</table>", 1)[0]
    assert 'aria-label="How we compare"' in html  # no caption: the section's heading names it
    assert ">65.690<" in table and ">71.20<" in table  # the digits as written
    assert '<th scope="colgroup" colspan="2">2014/15</th>' in table
    assert 'Rate <span class="unit">(per 1,000)</span>' in table
    assert '<th scope="rowgroup" rowspan="2">Family group</th>' in table
    assert '<td class="numeric">71.20</td>' in table  # under the rowspan, the row starts with data


def test_a_placed_indicator_and_action_group_are_shown_once_where_placed(tmp_path: Path) -> None:
    text = IMPROVEMENT + """\
indicators:
  - id: asb
    title: Anti-social behaviour incidents
    unit: count
    direction: reduce
    baseline: {period: 2013/14, value: 4200}
    targets: [{period: 2014/15, value: 4000}]
sections:
  - title: What we have achieved
    content:
      - text: Since the review the partnership has acted.
      - actions: done
      - indicator: asb
      - chart: asb
"""
    html = render_plan(write(tmp_path, text)).html or ""
    assert 'id="indicators"' not in html and 'id="actions"' not in html  # not again in their own parts
    assert html.count("Reviewed the board") == 1 and html.count('id="indicator-asb"') == 1
    section = html.split('id="section-1"', 1)[1]
    assert section.index("Since the review") < section.index("Reviewed the board") < section.index("indicator-asb")
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "the chart placed twice has ids of its own"


def test_a_comma_in_a_merged_cell_is_explained_not_a_crash(tmp_path: Path) -> None:
    text = REPORT.replace('[{text: "", colspan: 1}, {text: 2014/15, colspan: 2}]',
                          '[{text: Rate per 1,000 population, colspan: 1}, {text: 2014/15, colspan: 2}]')
    found = check_file(str(write(tmp_path, text))).diagnostics
    assert [d.rule for d in found] == ["schema-unknown-key"]
    assert "'000 population'" in found[0].message and "double quotes" in (found[0].hint or "")
