"""Property: any plan that passes the schema, however odd, gets diagnostics from the rules, never an exception.

Plans are generated from small pools of ids and period labels, so that references sometimes
resolve and sometimes do not, areas roll up, indicators are composites of each other, lists are
empty or hold one item, and figures are numbers, nil or all t.b.c.
"""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plancc.load.loader import load_bytes
from plancc.pipeline import check_source
from plancc.validate.validator import validate

IDS = st.sampled_from(["a", "b", "c", "gmp", "csu"])
PERIODS = st.sampled_from(["2008/09", "2009/10", "2010/11", "2009/11", "2002/03 Q1", "2002/03 Q4", "2002-05",
                           "2010-02-06", "2006", "2011/12 Q2"])
DUES = st.one_of(PERIODS, PERIODS.map(lambda p: f"by {p}"), PERIODS.map(lambda p: f"from {p}"),
                 st.sampled_from(["ongoing", "throughout", "tbc", "2002-06 to 2003-03", "2010/11 to 2008/09"]))
NUMBERS = st.one_of(st.integers(-5, 100000), st.decimals(min_value=-100, max_value=10000, places=2).map(float))
FIGURES = st.one_of(NUMBERS, st.just("tbc"))
AMOUNTS = st.one_of(NUMBERS, st.sampled_from(["tbc", "nil"]))
PERCENTS = st.sampled_from(["-8%", "+3%", "0%", "-7.5%", "12%"])
SMALL = {"max_size": 3}


def _point(with_period: bool = True) -> st.SearchStrategy[dict[str, Any]]:
    fields: dict[str, Any] = {"period": PERIODS, "value": FIGURES}
    optional = {"count": FIGURES, "change_on_previous": PERCENTS, "change_on_baseline": PERCENTS}
    return st.fixed_dictionaries(fields, optional=optional)


POINT = _point()
SERIES = {"baseline": st.fixed_dictionaries({"period": PERIODS, "value": FIGURES}),
          "targets": st.lists(POINT, **SMALL), "actuals": st.lists(st.fixed_dictionaries({"period": PERIODS,
                                                                                          "value": FIGURES}), **SMALL)}
INDICATOR = st.fixed_dictionaries(
    {"id": IDS, "title": st.just("Indicator"), "unit": st.sampled_from(["count", "percent", "per 1,000 population"]),
     "direction": st.sampled_from(["reduce", "increase", "maintain"])},
    optional={**SERIES, "composite_of": st.lists(IDS, **SMALL),
              "denominator": st.fixed_dictionaries({"of": st.just("households"), "value": st.integers(1, 100000)}),
              "breakdown": st.lists(st.fixed_dictionaries({"area": IDS}, optional=SERIES), **SMALL)})
LINE = st.fixed_dictionaries({"name": st.just("Line"), "amounts": st.dictionaries(PERIODS, AMOUNTS, max_size=4)},
                             optional={"source": IDS, "stated_totals": st.dictionaries(
                                 st.one_of(PERIODS, st.just("all")), AMOUNTS, max_size=3)})
CATEGORY = st.fixed_dictionaries({"category": st.sampled_from(["capital", "revenue"]), "lines": st.lists(LINE, **SMALL)},
                                 optional={"stated_totals": st.dictionaries(PERIODS, AMOUNTS, max_size=2)})
ACTION = st.fixed_dictionaries(
    {"id": IDS, "title": st.sampled_from(["Do it", "Do it.", "Other"]), "lead_agency": IDS, "due": DUES},
    optional={"depends_on": st.lists(IDS, **SMALL), "partners": st.lists(IDS, **SMALL), "group": IDS,
              "status": st.sampled_from(["complete", "on-track", "delayed"]),
              "progress": st.lists(st.fixed_dictionaries({"as_at": st.just("2010-02-06")},
                                                         optional={"status": st.just("complete")}), **SMALL)})
RISK = st.fixed_dictionaries(
    {"ref": st.just("R1"), "description": st.just("A risk"), "impact": st.integers(1, 6),
     "likelihood": st.integers(1, 6)},
    optional={"rating": st.integers(0, 40), "owner": IDS,
              "residual": st.fixed_dictionaries({}, optional={"impact": st.integers(1, 6), "likelihood": st.integers(1, 6),
                                                              "rating": st.integers(0, 40)})})
PERSON = st.fixed_dictionaries({"role": st.just("Officer")}, optional={"vacant": st.booleans(), "alternate": st.booleans()})
GROUP = st.fixed_dictionaries(
    {"id": IDS, "name": st.just("Group"), "members": st.lists(st.fixed_dictionaries(
        {"represents": st.just("Seat"), "membership": st.sampled_from(["core", "co-opted", "support"]),
         "people": st.lists(PERSON, **SMALL)}, optional={"stated_count": st.integers(0, 5)}), **SMALL)},
    optional={"stated_counts": st.fixed_dictionaries({}, optional={"all": st.integers(0, 9), "core": st.integers(0, 9)})})
PLAN = st.fixed_dictionaries(
    {"title": st.just("Generated plan"), "partnership": st.just("Partnership"),
     "period": st.fixed_dictionaries({"from": PERIODS, "to": PERIODS}), "status": st.just("draft")},
    optional={
        "version": st.sampled_from(["1.0", "2.1", "3"]), "as_at": st.sampled_from(["2010-02-06", "2003-03-31"]),
        "versions": st.lists(st.fixed_dictionaries({"version": st.sampled_from(["1.0", "2.1", "3"]),
                                                    "date": st.sampled_from(["2010-01", "2009-04-25", "2010-02-06"])}),
                             **SMALL),
        "organisations": st.lists(st.fixed_dictionaries({"id": IDS, "name": st.just("Org")}, optional={"parent": IDS}),
                                  **SMALL),
        "groups": st.lists(GROUP, max_size=2),
        "areas": st.lists(st.fixed_dictionaries({"id": IDS, "name": st.just("Area")},
                                                optional={"parts": st.lists(IDS, **SMALL)}), **SMALL),
        "indicators": st.lists(INDICATOR, **SMALL),
        "actions": st.lists(ACTION, **SMALL),
        "finance": st.fixed_dictionaries({"columns": st.lists(PERIODS, min_size=1, max_size=4)},
                                         optional={"funding": st.lists(CATEGORY, max_size=2),
                                                   "expenditure": st.lists(CATEGORY, max_size=2),
                                                   "stated_funding_totals": st.dictionaries(PERIODS, AMOUNTS, max_size=2)}),
        "risk_scale": st.fixed_dictionaries({"impact_max": st.integers(1, 5), "likelihood_max": st.integers(1, 5)}),
        "risks": st.lists(RISK, **SMALL),
    })


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(PLAN)
def test_schema_valid_plans_never_crash_the_rules(data: dict[str, Any]) -> None:
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    source = load_bytes(text.encode(), "generated.yaml")
    source.diagnostics.extend(validate(source))
    assert not [d for d in source.diagnostics if d.severity.value == "error"], \
        [(d.rule, d.message) for d in source.diagnostics]
    found = check_source(source)
    assert all(d.rule != "plancc-internal" for d in found), [d.message for d in found if d.rule == "plancc-internal"]
    assert all(d.span is not None and d.message and d.rule for d in found)
