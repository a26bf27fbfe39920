"""The shortcuts that make a check quick (issue J) give exactly what the long way gives.

- text_limits: with the text's length known, only values over the limit are looked for (no running total);
- remote-resource: a plan whose text has no '![', '<' or backslash is not walked value by value;
- jsonschema_rs is imported without email.utils (a stand-in reads the one date it parses);
- a one-plan check imports neither the diff, the renderer nor Markdown.
"""

from __future__ import annotations

import email.utils
import json
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from conftest import DATA, INVALID, PLANS, ROOT, run_plancc
from plancc.validate.jsonschema_rs_import import _parsedate_to_datetime, _utc_date
from plancc.load.text_limits import MAX_VALUE, long_texts
from plancc.load.values import compose

CORPUS = sorted(INVALID.glob("*.yaml")) + sorted((ROOT / "tests" / "rules").glob("*/*.yaml")) + sorted(PLANS.glob("*.yaml"))


def _both_ways(text: str) -> None:
    try:
        node = compose(text)
    except Exception:  # noqa: BLE001 - text YAML cannot read has no nodes to measure
        return
    if node is None:
        return
    assert long_texts(node, "p.yaml", len(text)) == long_texts(node, "p.yaml")


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_long_values_found_the_quick_way_are_those_found_the_careful_way(path: Path) -> None:
    text = path.read_text(encoding="utf-8", errors="replace")
    _both_ways(text)
    _both_ways(text.replace("title:", "title: " + "t" * MAX_VALUE + " ", 1))


@pytest.mark.parametrize("text", [
    "a: " + "x" * MAX_VALUE + "\nb: " + "y" * (MAX_VALUE + 1) + "\n",
    "a: |\n  " + "z" * (MAX_VALUE - 1) + "\n" + "c: " + "w" * (MAX_VALUE + 5) + "\n",
    "a: &v \"" + "q" * (MAX_VALUE + 1) + "\"\nb: *v\nc: *v\n",  # one node, reached three times
    "&a [*a, \"" + "r" * (MAX_VALUE + 1) + "\"]",  # a list inside itself
    "? " + "k" * (MAX_VALUE + 1) + "\n: v\n",
    "a: \"" + "\\x41" * (MAX_VALUE // 2) + "\"\n",  # escapes: the value is shorter than its text
    "[" + "{a, b: [c]}," * 2000 + "\"" + "s" * (MAX_VALUE + 1) + "\"]",  # many nodes for few characters
])
def test_long_values_in_awkward_shapes(text: str) -> None:
    node = compose(text)
    assert node is not None
    quick = long_texts(node, "p.yaml", len(text))
    assert quick == long_texts(node, "p.yaml")
    assert len(quick) == (0 if "\\x41" in text else 1)


@pytest.mark.parametrize("title, url", [
    ('"Plan \\x3cimg src=\\"https://example.org/a.png\\">"', "https://example.org/a.png"),
    ('"Plan \\u0021[map](https://example.org/b.png)"', "https://example.org/b.png"),
    ("'Plan ![map](https://example.org/c.png)'", "https://example.org/c.png"),
    ("Plan <IMG SRC=https://example.org/d.png>", "https://example.org/d.png"),
])
def test_an_image_is_found_however_it_is_written(tmp_path: Path, title: str, url: str) -> None:
    text = (DATA / "minimal.yaml").read_text(encoding="utf-8")
    plan = tmp_path / "plan.yaml"
    plan.write_text("\n".join(f"title: {title}" if line.startswith("title:") else line for line in text.split("\n")),
                    encoding="utf-8")
    report = json.loads(run_plancc("check", "--no-cache", "--format", "json", str(plan)).stdout)
    found = [d for f in report["files"] for d in f["diagnostics"] if d["rule"] == "remote-resource"]
    assert [d["value"] for d in found] == [url]


@settings(max_examples=300, deadline=None)
@given(st.datetimes(min_value=datetime(1000, 1, 1), max_value=datetime(9999, 12, 31)))
def test_the_stand_in_reads_dates_as_email_utils_does(moment: datetime) -> None:
    written = email.utils.format_datetime(moment.replace(microsecond=0, tzinfo=timezone.utc))
    expected = email.utils.parsedate_to_datetime(written)
    assert _utc_date(written) == expected and _utc_date(written).tzinfo == expected.tzinfo  # type: ignore[union-attr]
    other = email.utils.format_datetime(moment.replace(microsecond=0, tzinfo=timezone(timedelta(hours=-5))))
    assert _utc_date(other) is None and _parsedate_to_datetime(other) == email.utils.parsedate_to_datetime(other)


def _python(code: str) -> str:
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_jsonschema_rs_comes_in_without_email_utils_and_the_same() -> None:
    build = "import jsonschema_rs.jsonschema_rs as m\nprint(repr(m.__build__))\n"
    plain = _python(build)
    ours = _python("import sys\nfrom plancc.validate.validator import _fast_validator\n_fast_validator()\n"
                   "print('email.utils' in sys.modules)\n" + build +
                   "import email.utils\nprint(email.utils.__file__.endswith('email/utils.py'))\n")
    assert ours == "False\n" + plain + "True\n"


def test_a_check_imports_only_what_checking_needs() -> None:
    plan = PLANS / "staffordshire-ni16-2010.yaml"
    loaded = set(json.loads(_python(
        "import json, sys\nfrom plancc.cli import main\n"
        f"try:\n    main(['check', '--no-cache', {str(plan)!r}])\nexcept SystemExit:\n    pass\n"
        "print('LOADED' + json.dumps(sorted(sys.modules)))\n").split("LOADED")[1]))
    for name in ("plancc.diff", "plancc.render", "markdown_it", "jinja2", "email.utils", "jsonschema", "weasyprint"):
        assert not any(m == name or m.startswith(name + ".") for m in loaded), name
    assert {"yaml", "jsonschema_rs", "plancc.rules.status"} <= loaded  # it did check the plan
