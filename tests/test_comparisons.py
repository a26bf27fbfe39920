"""Comparisons with other areas on the page: a league table in the order of the ranks plancc works out,
printed ranks that differ said in words, this area named, comparators after the areas and never ranked."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from plancc.render.page import render_plan

PLAN = """\
# yaml-language-server: $schema=../../schemas/plan.schema.json
title: Comparison plan
partnership: Example Community Safety Partnership
period:
  from: 2014/15
  to: 2016/17
status: draft
version: "1.0"
indicators:
  - id: all-crime
    title: All recorded crime per 1,000 population
    unit: per 1,000 population
    direction: reduce
    comparisons:
      - period: 2014/15
        title: Northbridge and its most similar group
        areas:
          - {name: Redfield, value: 67.018, rank: 4}
          - {name: Northbridge, value: 65.690, rank: 4, this_area: true}
          - {name: Eastmoor, value: 61.334, rank: 2}
          - {name: Kingsbury Vale, value: 54.212, rank: 1}
          - {name: Wexcombe, value: 61.334, rank: 2}
        comparators:
          - {name: Most similar group average, kind: group-average, value: 66.443}
      - period: 2013/14
        areas:
          - {name: Dunmore, value: tbc}
          - {name: Northbridge, value: 67.952, this_area: true}
          - {name: Kingsbury Vale, value: 55.1}
  - id: satisfaction
    title: Victims satisfied with the service
    unit: percent
    direction: increase
    comparisons:
      - period: 2014/15
        areas:
          - {name: Eastmoor, value: 84}
          - {name: Northbridge, value: 88, this_area: true}
          - {name: Kingsbury Vale, value: 91}
sections:
  - title: How Northbridge compares
    content:
      - comparison: {indicator: satisfaction}
"""


@pytest.fixture(scope="module")
def html(tmp_path_factory: pytest.TempPathFactory) -> str:
    plan = tmp_path_factory.mktemp("comparisons") / "plan.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    rendered = render_plan(plan)
    assert rendered.html is not None, [d.message for d in rendered.diagnostics]
    return rendered.html


def _text(fragment: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment)).strip()


def _table(html: str, view_id: str) -> str:
    start = html.index(f'aria-labelledby="{view_id}-caption"')
    return html[start:html.index("</table>", start)]


def _rows(table: str) -> list[list[str]]:
    """Each body row's cells as read (visually hidden words included)."""
    body = table[table.index("<tbody>"):]
    return [[_text(c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)]
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body)]


def test_areas_are_in_the_order_of_the_ranks_worked_out(html: str) -> None:
    rows = _rows(_table(html, "comparison-all-crime-0"))
    assert [r[1] for r in rows[:5]] == ["Kingsbury Vale", "Eastmoor", "Wexcombe", "Northbridge (this area)",
                                        "Redfield"]
    assert [r[0].split(" ")[0] for r in rows[:5]] == ["1", "2", "2", "4", "5"]  # a tie shares its rank


def test_a_printed_rank_that_differs_is_said_in_words(html: str) -> None:
    rows = _rows(_table(html, "comparison-all-crime-0"))
    assert rows[4] == ["5 (printed as 4)", "Redfield", "67.018"]
    assert rows[3][0] == "4"  # Northbridge's printed 4 is right: no note
    assert "it is shown as “printed as”" in html


def test_comparators_come_after_the_areas_and_are_not_ranked(html: str) -> None:
    table = _table(html, "comparison-all-crime-0")
    rows = _rows(table)
    assert rows[5] == ["Averages (not ranked)"]
    assert rows[6] == ["– not ranked", "Most similar group average", "66.443"]
    assert table.index("Most similar group average") > table.index("Redfield")
    assert '<th scope="rowgroup" colspan="3">Averages (not ranked)</th>' in table


def test_this_area_is_named_in_words_and_in_bold(html: str) -> None:
    table = _table(html, "comparison-all-crime-0")
    assert '<tr class="row--this-area">' in table
    assert '<th scope="row">Northbridge (this area)</th>' in table
    assert table.count("(this area)") == 1


def test_the_table_is_named_and_its_headings_scoped(html: str) -> None:
    table = _table(html, "comparison-all-crime-0")
    assert ('<caption id="comparison-all-crime-0-caption">All recorded crime per 1,000 population, 2014/15: '
            'Northbridge and its most similar group</caption>') in table
    assert '<th scope="col" class="numeric">Rank (of 5)</th><th scope="col">Area</th>' in table
    assert '<th scope="col" class="numeric">Value (per 1,000 population)</th>' in table
    assert 'role="region" aria-labelledby="comparison-all-crime-0-caption" tabindex="0"' in html


def test_an_area_to_be_confirmed_is_not_ranked_and_comes_last(html: str) -> None:
    rows = _rows(_table(html, "comparison-all-crime-1"))
    assert [r[1] for r in rows] == ["Kingsbury Vale", "Northbridge (this area)", "Dunmore"]
    assert rows[0][0] == "1 to 2" and rows[1][0] == "2 to 3"  # Dunmore could be above either
    assert rows[2][0] == "Not ranked" and rows[2][2] == "t.b.c. to be confirmed"
    assert "An area whose value is to be confirmed is not ranked." in html


def test_higher_is_better_ranks_the_highest_first(html: str) -> None:
    rows = _rows(_table(html, "comparison-satisfaction-0"))
    assert [(r[0], r[1]) for r in rows] == [("1", "Kingsbury Vale"), ("2", "Northbridge (this area)"),
                                            ("3", "Eastmoor")]


def test_a_comparison_placed_in_a_section_is_shown_there_only(html: str) -> None:
    assert html.count('id="comparison-satisfaction-0-caption"') == 1
    section = html[html.index('<section aria-labelledby="section-1">'):]
    assert 'id="comparison-satisfaction-0-caption"' in section.split("</section>")[0]


def test_the_example_report_shows_its_league_table(tmp_path: Path) -> None:
    from conftest import PLANS

    rendered = render_plan(PLANS / "northbridge-scrutiny-report-2015.yaml")
    assert rendered.html is not None
    rows = _rows(_table(rendered.html, "comparison-all-crime-0"))
    assert rows[3] == ["4", "Northbridge (this area)", "65.690"]
    assert rows[-1] == ["– not ranked", "Most similar group average", "66.443"]
    assert rendered.html.count('id="comparison-all-crime-0-caption"') == 1
