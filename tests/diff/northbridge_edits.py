"""Edits of the two newer example plans for tests/test_diff.py: each a list of (text, replacement),
applied to a copy of plans/<plan>.yaml made in a temporary folder; each text must occur exactly once.

SCRUTINY and IMPROVEMENT hold every kind of change the committee report and the improvement plan
can show, with the exact text plancc diff gives in tests/diff/<plan>-edited.txt and .md; the others
are smaller edits for the kinds those two cannot show at once, whose sentences test_diff.py lists.

When plans/northbridge-*.yaml change where an edit applies, carry the change into the edit here.
"""

_LEGAL = (
    "  - title: Legal implications\n    content:\n      - text: |\n"
    "          Section 17 of the Crime and Disorder Act 1998 requires the council to consider crime and disorder in "
    "everything it does. Section 19 of the Police and Justice Act 2006 requires the council to have a crime and "
    "disorder committee to scrutinise the partnership. This report helps the council to meet both duties.\n")
_RECOMMENDATION_1 = ('    - number: "1"\n      text: That the Panel notes the partnership\'s performance in 2014/15, '
                     'set out in section 2 of the report.\n')
_RECOMMENDATION_3 = ('      text: That the Panel identifies any area of the partnership\'s work on which it would like a '
                     'more detailed report at {when}.\n')
_QUARTERS = ("            - [Q1 (April–June), 1198, 1121]\n            - [Q2 (July–September), 1402, 1298]\n"
             "            - [Q3 (October–December), 1186, 1062]\n            - [Q4 (January–March), 1026, 907]\n")
_QUARTER_TABLE = ("      # The report prints no caption over this table; the section heading names it.\n"
                  "      # Each year's quarters add up to the asb indicator's baseline (4,812) and actual (4,388).\n"
                  '      - table:\n          columns: [Quarter, "2013/14", "2014/15"]\n')
_STRANDS = ("  - number: \"3\"\n    title: Our improvement strands\n"
            "    # The four strands themselves are in objectives: above (numbered 1 to 4 as printed).\n"
            "    content:\n      - text: |\n")
_STRANDS_TEXT = ("We have grouped the peer team's eleven recommendations into four strands: leadership and "
                 "governance; using intelligence to set priorities; engaging and informing communities; and managing "
                 "performance.\n")
_NEXT = ('  - number: "5"\n    title: What we will do next\n    content:\n      - actions: next\n'
         "      - indicator: informed\n")

# the report's front matter, its comparison, sections, text and a table
SCRUTINY = [
    ("  committee: Community Safety Scrutiny Panel\n", "  committee: Overview and Scrutiny Committee\n"),
    ("  meeting_date: 2015-06-18\n", "  meeting_date: 2015-07-02\n"),
    ('  item: "7"\n', '  item: "8"\n'),
    ("  report_of: Head of Community Safety\n", "  report_of: Director of Communities\n"),
    ("Recorded crime fell by 3.3% in the year", "Recorded crime fell by 3.3% in the year to March 2015"),
    ("  decision: for-information\n", "  decision: for-decision\n"),
    ("  key_decision: false\n", "  key_decision: true\n"),
    ('  wards: ["All wards"]\n', '  wards: ["Abbey", "Castle"]\n'),
    # recommendation 1 removed, 2 and 3 renumbered, the old 3 reworded, a new 3 added
    (_RECOMMENDATION_1, ""),
    ('    - number: "2"\n      text: That the Panel notes the progress',
     '    - number: "1"\n      text: That the Panel notes the progress'),
    ('    - number: "3"\n' + _RECOMMENDATION_3.format(when="a future meeting"),
     '    - number: "2"\n' + _RECOMMENDATION_3.format(when="its next meeting")
     + '    - number: "3"\n      text: That the Panel asks for a further report in December.\n'),
    ("    role: Community Safety Manager\n    organisation: nbc\n    unit: Community Safety Team\n",
     "    role: Community Safety Officer\n    organisation: nbc\n    unit: Community Safety Team\n"),
    ("    phone: 01632 960410\n", "    phone: 01632 960411\n"),
    ("Improvement Plan 2014/15 (March 2014)", "Improvement Plan 2014/15 (April 2014)"),
    ("    - Northbridge Community Safety Partnership Strategic Assessment 2015 (not published, as it contains police "
     "information)\n", "    - Westshire Police and Crime Plan 2013–2017\n"),
    # comparisons: Northbridge moves from 4th to 3rd; the group average follows
    ("          - {name: Wexcombe, value: 61.334, rank: 3}\n"
     "          - {name: Northbridge, value: 65.690, rank: 4, this_area: true}\n",
     "          - {name: Wexcombe, value: 61.334, rank: 4}\n"
     "          - {name: Northbridge, value: 60.100, rank: 3, this_area: true}\n"),
    ("value: 66.443, simple_mean: true}", "value: 65.744, simple_mean: true}"),
    # sections: a paragraph reworded and one added, three cells, CS 2 placed elsewhere, a subsection renamed,
    # two sections swapped and one added
    ("and receives a report on the partnership's work at least once a year.",
     "and receives a report on the partnership's work twice a year."),
    ("            - [Robbery, 96, 0.754, 84, 0.660]\n", "            - [Robbery, 96, 0.754, 86, 0.676]\n"),
    ("            - [Shoplifting, 966, 7.588, 1003, 7.878]\n", "            - [Shoplifting, 966, 7.588, 1013, 7.878]\n"),
    ("      - indicator: asb\n", ""),
    ("      - actions: activity\n", "      - actions: activity\n      - indicator: asb\n"),
    ("      - title: How Northbridge compares\n", "      - title: How Northbridge compares with similar areas\n"),
    ("the communications plan has been given a new date of September 2015.\n",
     "the communications plan has been given a new date of September 2015.\n\n"
     "          The Panel is asked to note the new date.\n"),
    (_LEGAL, ""),
    ("  - title: Financial implications\n", _LEGAL + "  - title: Financial implications\n"),
    ("  - title: Equalities implications\n",
     "  - title: Risk management\n    content:\n      - text: |\n"
     "          The partnership keeps a risk register, reviewed by the CSP Board each quarter.\n"
     "  - title: Equalities implications\n"),
]

# another kind of document, actions with and without a lead or date, sections added, removed and renamed
IMPROVEMENT = [
    ("document: improvement-plan\n", "document: strategy\nnumbering: sections\n"),
    ('status: published\nversion: "1.0"\n', 'status: published\nversion: "1.1"\n'),
    ("    note: Agreed by the CSP Board\n",
     '    note: Agreed by the CSP Board\n  - version: "1.1"\n    date: 2014-09-24\n    note: Reviewed by the CSP Board\n'),
    ("    title: Appointed a councillor as member champion for community safety\n    status: complete\n",
     "    title: Appointed a councillor as member champion for community safety\n    lead_agency: nbc\n"
     "    due: by 2014-03\n    status: complete\n"),
    ("    lead_agency: nbc-communications\n    partners: [police, community-safety-team]\n"
     "    output: Communications plan agreed by the Board\n    due: by 2015-03\n    due_text: by March 2015\n",
     "    partners: [police, community-safety-team]\n    output: Communications plan agreed by the Board\n"),
    ("  - id: peer-revisit\n    group: next\n    objectives: [leadership, intelligence, engagement, performance]\n"
     "    title: Invite the peer team back to review progress against this plan\n",
     "  - id: resident-panel\n    group: next\n    objectives: [engagement]\n"
     "    title: Set up a residents' panel to advise the Board\n"),
    ('  - number: "3"\n    title: Our improvement strands\n',
     '  - number: "3"\n    title: Our four improvement strands\n'),
    ("engaging and informing communities; and managing performance.\n",
     "engaging and informing communities; and managing performance.\n"
     "      - table:\n          caption: Recommendations by strand\n          columns: [Strand, Recommendations]\n"
     "          rows:\n            - [Leadership and governance, 3]\n"
     "            - [Using intelligence to set priorities, 3]\n"
     "            - [Engaging and informing communities, 3]\n            - [Managing performance, 2]\n"),
    ('  - number: "4"\n    title: What we have achieved\n    content:\n      - actions: achieved\n', ""),
    ("      - actions: next\n      - indicator: informed\n", "      - actions: next\n"),
    ("when the residents' tracker survey will show whether more residents feel informed.\n",
     "when the residents' tracker survey will show whether more residents feel informed.\n"
     "      - indicator: informed\n"),
    ("          - performance reports were long and did not lead to action.\n",
     "          - performance reports were long and did not lead to action.\n"
     '    sections:\n      - number: "2.1"\n        title: The peer team\n        content:\n          - text: |\n'
     "              The team was led by a chief executive from another council and included a police "
     "superintendent and a councillor.\n"),
    ("The Executive Group will check progress against this plan at each of its meetings.",
     "The Executive Group will check progress against this plan at every meeting."),
]

# comparisons: an area added (the ranks now out of 9), a comparator swapped, a comparison for CS 2 added
# (with no ranks printed, so plancc works them out)
COMPARISONS_1 = [
    ("          - {name: Southam Marsh, value: 79.803, rank: 8}\n",
     "          - {name: Southam Marsh, value: 79.803, rank: 8}\n"
     "          - {name: Ashdown, value: 81.250, rank: 9}\n"),
    ("          - {name: Most similar group average, kind: group-average, value: 66.443, simple_mean: true}\n",
     "          - {name: England and Wales, kind: national, value: 62.100}\n"),
    ("      - period: 2014/15\n        value: 4388\n",
     "      - period: 2014/15\n        value: 4388\n    comparisons:\n      - period: 2014/15\n        areas:\n"
     "          - {name: Northbridge, value: 4388, this_area: true}\n          - {name: Redfield, value: 5120}\n"),
]
# comparisons: another area is the one compared, an area removed, the ranks out of 12 areas
COMPARISONS_2 = [
    ("          - {name: Eastmoor, value: 58.907, rank: 2}\n",
     "          - {name: Eastmoor, value: 58.907, rank: 2, this_area: true}\n"),
    ("          - {name: Northbridge, value: 65.690, rank: 4, this_area: true}\n",
     "          - {name: Northbridge, value: 65.690, rank: 4}\n"),
    ("          - {name: Southam Marsh, value: 79.803, rank: 8}\n", ""),
    ("        comparators:\n", "        ranked_of: 12\n        comparators:\n"),
]

# tables: a column headed anew, a unit changed, rows added, removed and moved; the quarterly table's
# 2013/14 column replaced by a column of changes
TABLES = [
    ("            - Crime category\n", "            - Category of crime\n"),
    ('            - {heading: Rate, unit: "per 1,000 population"}\n            - {heading: Offences, unit: count}\n',
     '            - {heading: Rate, unit: "per 1,000 population"}\n            - {heading: Offences, unit: number}\n'),
    ("            - [Robbery, 96, 0.754, 84, 0.660]\n            - [Burglary in a dwelling, 512, 4.022, 468, 3.676]\n",
     "            - [Burglary in a dwelling, 512, 4.022, 468, 3.676]\n            - [Robbery, 96, 0.754, 84, 0.660]\n"),
    ("            - [Drug offences, 402, 3.158, 371, 2.914]\n", ""),
    ("            - [Other crimes against society, 132, 1.037, 106, 0.833]\n",
     "            - [Other crimes against society, 132, 1.037, 106, 0.833]\n"
     "            - [Fraud, 40, 0.314, 52, 0.408]\n"),
    ('      - table:\n          columns: [Quarter, "2013/14", "2014/15"]\n          rows:\n' + _QUARTERS,
     '      - table:\n          columns: [Quarter, "2014/15", Change]\n          rows:\n'
     '            - [Q1 (April–June), 1121, "-6%"]\n            - [Q2 (July–September), 1298, "-7%"]\n'
     '            - [Q3 (October–December), 1062, "-10%"]\n            - [Q4 (January–March), 907, "-12%"]\n'),
]
# a table captioned and moved: the quarterly table goes to section 3, with a caption
TABLE_MOVED = [
    ("      - indicator: asb\n" + _QUARTER_TABLE, "      - indicator: asb\n"),
    ("          rows:\n" + _QUARTERS, ""),
    ("      - actions: activity\n",
     "      - actions: activity\n      - table:\n          caption: Anti-social behaviour incidents by quarter\n"
     '          columns: [Quarter, "2013/14", "2014/15"]\n          rows:\n' + _QUARTERS),
]
# a table removed: the quarterly table, without a place elsewhere
TABLE_REMOVED = TABLE_MOVED[:2]

# parts placed: the chart of CS 1 placed instead of CS 1 itself; CS 2 placed before the text above it
PARTS = [
    ("      - indicator: all-crime\n", "      - chart: all-crime\n"),
    ("      - text: |\n          Anti-social behaviour incidents reported to the police fell by 8.8%",
     "      - indicator: asb\n      - text: |\n"
     "          Anti-social behaviour incidents reported to the police fell by 8.8%"),
    ("better than the target of 4,571. The fall was greatest in the last quarter of the year.\n      - indicator: asb\n",
     "better than the target of 4,571. The fall was greatest in the last quarter of the year.\n"),
]

# sections: one renumbered, one made an appendix, one moved into another, one moved before another
SECTIONS = [
    ('  - number: "6"\n    title: Monitoring and review\n', '  - number: "7"\n    title: Monitoring and review\n'),
    ('  - number: "1"\n    title: Introduction\n', '  - number: "1"\n    title: Introduction\n    appendix: true\n'),
    (_STRANDS + "          " + _STRANDS_TEXT, ""),
    ("          - performance reports were long and did not lead to action.\n",
     "          - performance reports were long and did not lead to action.\n"
     '    sections:\n      - number: "3"\n        title: Our improvement strands\n        content:\n'
     "          - text: |\n              " + _STRANDS_TEXT),
    (_NEXT, ""),
    ('  - number: "4"\n    title: What we have achieved\n', _NEXT + '  - number: "4"\n    title: What we have achieved\n'),
]

# the report becomes a delivery plan (with a plan period)
DOCUMENT = [
    ("document: report\nkind: report to scrutiny committee\n", "document: delivery-plan\nkind: scrutiny report\n"),
    ("status: published\nnumbering: paragraphs\n",
     "status: published\nperiod: {from: 2014/15, to: 2014/15}\nnumbering: paragraphs\n"),
]
# front matter for a report given to an improvement plan (any document may have it)
REPORT_ADDED = [
    ("as_at: 2014-03-31  #", "report:\n  committee: CSP Board\n  meeting_date: 2014-03-26\nas_at: 2014-03-31  #"),
]
