"""The crash corpus of issue I, rebuilt: each kind of input the probe found crashing or hanging plancc, put
into a real example plan at a known line.

Each gets a located diagnostic with the expected rule at that line; and, as for every fuzzed plan
(tests/fuzz_judge.py), no exception, no plancc-internal, no stage over 20 seconds, and check and
render judging it alike. A few go through the plancc command itself: exit 1, never 2.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pytest

from conftest import DATA, PLANS, run_plancc
from fuzz_judge import explain, fast_templates, judge
from plancc.pipeline import check_file

BIG = "9" * 5000  # more digits than Python's int() reads (4,300)
SALFORD, STAFFS, CBEDS = "salford-burglary-2002.yaml", "staffordshire-ni16-2010.yaml", "central-beds-csp-2009.yaml"
NORTH, DELIVERY = "northbridge-improvement-plan-2014.yaml", "northbridge-delivery-plan-2015.yaml"


@dataclass(frozen=True)
class Input:
    """An example plan with one piece of text replaced; the rule expected on the line of the replaced text
    (or on `line`, counted from it, where the rule points at a neighbour)."""

    plan: str
    old: str
    new: str
    rule: str
    line: int = 0

    def write(self, folder: Path, name: str) -> tuple[Path, int]:
        text = (PLANS / self.plan).read_text(encoding="utf-8")
        assert self.old in text, f"{self.old!r} is no longer in {self.plan}"
        line = text[: text.index(self.old)].count("\n") + 1 + self.line
        path = folder / f"{name}.yaml"
        path.write_text(text.replace(self.old, self.new, 1), encoding="utf-8")
        return path, line


CORPUS = {
    # Years outside 1 to 9999 (model/periods.py crashed with "year 0 is out of range")
    "period 0000": Input(SALFORD, '- period: "2002/03 Q1"', '- period: "0000"', "period-label"),
    "period 0000-01": Input(SALFORD, '- period: "2002/03 Q1"', '- period: "0000-01"', "period-label"),
    "period 9999/00": Input(SALFORD, '- period: "2002/03 Q1"', '- period: "9999/00"', "period-label"),
    "period 9999/00 Q4": Input(SALFORD, '- period: "2002/03 Q1"', '- period: "9999/00 Q4"', "period-label"),
    "target for 9999-12": Input(SALFORD, '- period: "2002/03 Q1"', '- period: "9999-12"', "target-direction", 1),
    "due after 9999-12-31": Input(SALFORD, 'due: "2002-04-26"', 'due: "after 9999-12-31"', "period-label"),
    "due before 0001-01-01": Input(NORTH, "due: by 2015-03", "due: before 0001-01-01", "period-label"),
    "as_at 0000-01-01": Input(DELIVERY, "as_at: 2016-11-25", "as_at: 0000-01-01", "period-label"),
    # Numbers beyond Python's 4,300-digit limit, where each of the nine rules read them
    "version-order": Input(STAFFS, 'version: "3.1"', f'version: "3.{BIG}"', "version-order", 4),
    "target-direction": Input(SALFORD, "value: 48.4", f"value: {BIG}", "figure-range"),
    "finance-total": Input(SALFORD, '"2002/03 Q3": 287500', f'"2002/03 Q3": {BIG}', "figure-range"),
    "finance-balance": Input(SALFORD, '"2002/03": 575000', f'"2002/03": {BIG}', "figure-range"),
    "percent-change": Input(CBEDS, 'change_on_previous: "-9%"', f'change_on_previous: "-{BIG}%"', "percent-change"),
    "area-rollup": Input(CBEDS, "{period: 2007/08, value: 1445}", f"{{period: 2007/08, value: {BIG}}}",
                         "figure-range"),
    "composite-sum": Input(CBEDS, "{period: 2008/09, value: 2616,", f"{{period: 2008/09, value: {BIG},",
                           "figure-range"),
    "rate-count": Input(SALFORD, "value: 94224", f"value: {BIG}", "figure-range"),
    "risk-rating": Input(STAFFS, "rating: 9", f"rating: {BIG}", "figure-range"),
    "leading zero": Input(SALFORD, "value: 94224", f"value: 0{BIG}", "figure-range"),
    "5,000 leading zeros": Input(SALFORD, "value: 94224", f"value: {'0' * 5000}94224", "figure-range"),
    "base 60 of 3,000 parts": Input(NORTH, "subtitle: Our response to the community safety peer challenge",
                                    "subtitle: 1" + ":59" * 3000, "yaml-unquoted-text"),
    # Huge exponents: passed check and crashed or hung render, or hung check
    "value 1e5000": Input(SALFORD, "value: 48.4", "value: 1e5000", "figure-range"),
    "baseline -1e999999999": Input(SALFORD, "value: 44", "value: -1e999999999", "figure-range"),
    "value 1e999999999": Input(SALFORD, "value: 48.4", "value: 1e999999999", "figure-range"),
    # The remote-resource rule's regular expression was quadratic: 24 s for '<img ' 32,000 times
    "<img 32,000 times": Input(NORTH, "  In November 2013", "  " + "<img " * 32000 + '<img src="https://example.org/'
                               'x.png"> In November 2013', "remote-resource", -1),
    # A '<<' merge key with warnings in the plan: check passed it, render refused it and showed no error
    "merge key": Input(SALFORD, "status: published", "<<: {status: draft}\nstatus: published", "yaml-alias"),
    "quoted << key": Input(SALFORD, "status: published", '"<<": {status: draft}\nstatus: published',
                           "schema-unknown-key"),
    "merge key of an alias": Input(SALFORD, "status: published", "base: &b {status: draft}\n<<: *b\nstatus: published",
                                   "yaml-alias", 1),
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    with fast_templates():
        yield tmp_path_factory.mktemp("corpus")


@pytest.mark.parametrize("name", list(CORPUS))
def test_each_input_gets_a_located_diagnostic_and_no_crash_hang_or_disagreement(name: str, folder: Path) -> None:
    path, line = CORPUS[name].write(folder, name.replace(" ", "-").replace("/", "-"))
    failures = judge(path)
    assert not failures, explain(failures, name)
    found = [(d.rule, d.line) for d in check_file(str(path)).diagnostics]
    assert (CORPUS[name].rule, line) in found, found


@pytest.mark.parametrize("old, new", [
    ("actuals_due: 6 weeks", f"actuals_due: {BIG} weeks"), ("tolerance: 5%", f"tolerance: {BIG}%"),
    ("same: 1%", f"same: {BIG}%"), ("tolerance_for_percentages: 2 points", f"tolerance_for_percentages: {BIG} points"),
    ("as_at: 2016-11-25", "as_at: 9999-12-31")])
def test_absurd_margins_lags_and_dates_are_judged_without_a_crash_or_hang(old: str, new: str, folder: Path) -> None:
    """Valid, if absurd: a lag no figure is ever due within, a margin that allows anything (its words
    crashed indicator-status-stated), a position 8,000 years after the plan ends (its quarters were walked
    back one at a time: render took over 20 s)."""
    path, _ = Input(DELIVERY, old, new, "").write(folder, "margin")
    assert judge(path) == []


def test_many_monthly_figures_with_a_lag_of_centuries_take_no_time(folder: Path) -> None:
    """A lag no figure is ever due within was walked back a month at a time to the year 1, for each indicator:
    20 monthly indicators took over 20 seconds to render (a hang to the judge)."""
    indicator = ("  - {{id: m{0}, title: M, unit: count, direction: reduce, targets: [{{period: 2016/17, value: 9}}],"
                 " actuals: [{{period: 2016-05, value: 8}}]}}\n")
    path = folder / "lag.yaml"
    path.write_text("title: Lag\npartnership: P\nperiod: {from: 2016/17, to: 2016/17}\nstatus: draft\n"
                    "as_at: 2016-11-25\nperformance: {actuals_due: 99999999999 months}\nindicators:\n"
                    + "".join(indicator.format(i) for i in range(20)), encoding="utf-8")
    assert judge(path) == []


def test_the_commands_exit_1_with_the_diagnostics_never_2(folder: Path) -> None:
    names = ["value 1e5000", "period 9999/00 Q4", "due after 9999-12-31", "version-order", "merge key"]
    paths = [str(CORPUS[n].write(folder, f"cli-{i}")[0]) for i, n in enumerate(names)]
    checked = run_plancc("check", *paths)
    assert checked.returncode == 1, checked.stderr
    assert "internal error" not in checked.stdout + checked.stderr and "Traceback" not in checked.stderr
    for rule in ("figure-range", "period-label", "version-order", "yaml-alias"):
        assert f"[{rule}]" in checked.stdout
    for path in paths[:3]:
        rendered = run_plancc("render", path, "-o", str(folder / "page.html"))
        assert rendered.returncode == 1, rendered.stderr
        assert "has errors, so no page was written" in rendered.stderr and "internal error" not in rendered.stderr


def test_old_mac_line_ends_are_read_as_lines(folder: Path) -> None:
    """Found by benchmarks/fuzz.py: a plan whose lines end in a carriage return alone (as on old Macs), with a key
    the schema places elsewhere, crashed the advice on indenting (IndexError): YAML counts those line ends, and
    the advice split the text on newlines only. The same plan with newlines is judged the same, line for line."""
    raw = (DATA / "crash" / "old-mac-line-ends.yaml").read_bytes()
    assert b"\r" in raw and b"\r\n" not in raw
    unix = folder / "unix.yaml"
    unix.write_bytes(raw.replace(b"\r", b"\n"))
    mac = folder / "mac.yaml"
    mac.write_bytes(raw)
    results = [run_plancc("check", "--no-cache", "--format", "json", str(path)) for path in (mac, unix)]
    assert [r.returncode for r in results] == [1, 1], [r.stderr for r in results]
    found = [[(d["rule"], d["line"], d["column"], d["message"]) for d in json.loads(r.stdout)["files"][0]["diagnostics"]]
             for r in results]
    assert found[0] == found[1]
    assert sum(rule.startswith("schema-") for rule, *_ in found[0]) == 3  # the three errors, each at its line
