"""The figures DOMAIN.md asks plancc to reproduce, worked out from the atomic figures in plans/."""

from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import PLANS
from plancc.model.build import build_model
from plancc.model.derive import category_total, derived_value, side_total
from plancc.model.plan import Plan
from plancc.pipeline import load_and_validate


def model(name: str) -> Plan:
    source = load_and_validate(PLANS / name)
    assert not [d for d in source.diagnostics if d.severity.value == "error"]
    plan, problems = build_model(source)
    assert problems == []
    return plan


@pytest.fixture(scope="module")
def salford() -> Plan:
    return model("salford-burglary-2002.yaml")


def test_salford_grand_total_for_2002_03(salford: Plan) -> None:
    assert salford.finance is not None
    grand = side_total(salford.finance.funding, "2002/03")
    assert (grand.known, grand.provisional) == (Decimal(919924), False)
    assert grand.describe() == "919,924"
    assert side_total(salford.finance.expenditure, "2002/03").known == Decimal(919924)


def test_salford_all_years_total_is_provisional(salford: Plan) -> None:
    assert salford.finance is not None
    grand = side_total(salford.finance.funding, "all")
    assert grand.known == Decimal(1385077)
    assert grand.provisional and grand.unknown == 6
    assert grand.describe() == "1,385,077 plus 6 values still to be confirmed"


def test_salford_capital_and_revenue_over_all_years(salford: Plan) -> None:
    assert salford.finance is not None
    capital, revenue = salford.finance.funding
    assert (capital.name, revenue.name) == ("capital", "revenue")
    assert category_total(capital, "all").known == Decimal(765296)
    assert category_total(capital, "all").provisional
    assert category_total(revenue, "all").known == Decimal(619781)
    assert not category_total(revenue, "all").provisional


def test_salford_funding_equals_expenditure_in_every_column(salford: Plan) -> None:
    assert salford.finance is not None
    for label in salford.finance.column_labels:
        assert side_total(salford.finance.funding, label).known == side_total(salford.finance.expenditure, label).known


def test_staffordshire_ni16_baseline_and_targets() -> None:
    plan = model("staffordshire-ni16-2010.yaml")
    ni16 = next(i for i in plan.indicators if i.code == "NI 16")
    assert ni16.unit == "per 1,000 population" and ni16.per == Decimal(1000)
    assert ni16.series.baseline is not None and ni16.series.baseline.value is not None
    assert ni16.series.baseline.value.number == Decimal("11.16")
    targets = [t.value.number for t in ni16.series.targets if t.value]
    assert targets == [Decimal("10.88"), Decimal("10.60"), Decimal("10.33")]
    assert str(targets[1]) == "10.60"  # the written precision is kept


def test_staffordshire_risk_ssc16_2_rating() -> None:
    plan = model("staffordshire-ni16-2010.yaml")
    risk = next(r for r in plan.risks if r.ref == "SSC16-2")
    assert (risk.impact, risk.likelihood) == (3, 4)
    assert risk.impact * risk.likelihood == 12 == risk.rating


def test_central_beds_sac_2007_08_rolls_up() -> None:
    plan = model("central-beds-csp-2009.yaml")

    def sac(area: str) -> Decimal | None:
        return derived_value(plan, "sac", area, "baseline", "2007/08")

    assert sac("n-beds") == Decimal(2876)
    assert sac("c-beds") == Decimal(4002) == sac("m-beds") + sac("s-beds")  # type: ignore[operator]
    assert sac("j-division") == Decimal(6878) == Decimal(2876) + Decimal(4002)
