"""Every rule's documentation: its examples are real, every id plancc reports has it, and `plancc explain`,
`plancc rules` and the format reference all show it.

The examples of the rules of reading, the schema and plancc.yml are run: the failing one must give
its rule, the passing one nothing (tests/test_rules_corpus.py checks that each rule has both, in 30
words or more).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import DATA, PLANS, ROOT
from plancc.commands.explain import command as explain
from plancc.commands.rules import command as rules
from plancc.load.loader import MAX_BYTES
from plancc.pipeline import check_file
from plancc.reference import format_reference
from plancc.rule_docs import all_rule_docs, find, markdown_lines, parse, visible
from plancc.rules.loader_docs import LoaderDoc
from plancc.rules_loader_ids import LOADER_DOCS
from plancc.site_config import load_config

MINIMAL = (DATA / "minimal.yaml").read_text(encoding="utf-8")
_TOP_KEY = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\s*:")
RUN = {"file-unreadable", "file-too-large", "plancc-internal",  # examples in words: the tests make the cases
       "slug-empty", "slug-collision",  # (these two in tests/test_slugs.py)
       "theme-template",  # (in tests/test_theme_errors.py)
       "file-link", "theme-file", "output-unwritable",  # (in tests/test_links_and_output.py)
       "text-too-long",  # (in tests/test_loader.py)
       "render-failed"}  # (in tests/test_build_pool.py)


def in_minimal_plan(lines: str) -> str:
    """tests/data/minimal.yaml with the example's lines added, in place of the top-level keys they give."""
    given = {m.group(1) for m in (_TOP_KEY.match(line) for line in lines.split("\n")) if m}
    kept, skipping = [], False
    for line in MINIMAL.rstrip("\n").split("\n"):
        key = _TOP_KEY.match(line)
        if key or not line.startswith((" ", "#")):
            skipping = bool(key) and key.group(1) in given  # type: ignore[union-attr]
        if not skipping:
            kept.append(line)
    return "\n".join(kept) + "\n" + lines + "\n"


def rules_found(doc: LoaderDoc, example: str, folder: Path, encoding: str = "utf-8") -> list[tuple[str, bool]]:
    """The rule and whether it is turned off, of each diagnostic the example gives where its scope puts it."""
    if doc.scope == "config":
        (folder / "themes" / "example").mkdir(parents=True, exist_ok=True)
        config = folder / "plancc.yml"
        config.write_text(example + "\n", encoding="utf-8")
        return [(d.rule, d.suppressed is not None) for d in load_config(config)[1]]
    plan = folder / "plan.yaml"
    plan.write_bytes((example + "\n" if doc.scope == "file" else in_minimal_plan(example)).encode(encoding))
    return [(d.rule, d.suppressed is not None) for d in check_file(str(plan)).diagnostics]


@pytest.mark.parametrize("doc", [d for d in LOADER_DOCS if d.id not in RUN], ids=lambda d: d.id)
def test_the_failing_example_gives_the_rule_and_the_passing_one_nothing(doc: LoaderDoc, tmp_path: Path) -> None:
    for name in ("fails", "passes"):
        (tmp_path / name).mkdir()
    failing = rules_found(doc, doc.fails, tmp_path / "fails", doc.saved_as)
    assert doc.id in [rule for rule, _ in failing], failing
    assert [rule for rule, off in rules_found(doc, doc.passes, tmp_path / "passes") if not off] == []


@pytest.mark.parametrize("doc", LOADER_DOCS, ids=lambda d: d.id)
def test_the_examples_shown_are_the_examples_tested(doc: LoaderDoc) -> None:
    shown = find(doc.id)
    assert shown is not None and shown.summary == doc.summary
    assert (shown.labelled["Fails"].text, shown.labelled["Passes"].text) == (doc.fails, doc.passes)
    assert shown.labelled["Fails"].block == shown.labelled["Passes"].block == (doc.scope != "run")


def test_the_rules_whose_examples_are_words_are_real_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert {d.id for d in LOADER_DOCS if d.scope == "run"} == RUN
    folder = tmp_path / "ward-plan.yaml"
    folder.mkdir()
    assert [d.rule for d in check_file(str(folder)).diagnostics] == ["file-unreadable"]
    huge = tmp_path / "indicators.yaml"
    huge.write_text(MINIMAL + "# " + "x" * MAX_BYTES + "\n", encoding="utf-8")
    assert [d.rule for d in check_file(str(huge)).diagnostics] == ["file-too-large"]
    for plan in PLANS.glob("*.yaml"):
        assert "file-too-large" not in [d.rule for d in check_file(str(plan)).diagnostics]
    plan = tmp_path / "plan.yaml"
    plan.write_text(MINIMAL, encoding="utf-8")
    assert check_file(str(plan)).diagnostics == []
    from plancc.rules import _REGISTRY, Rule, all_rules

    def broken(ctx: object) -> None:
        raise ZeroDivisionError("division by zero")

    first = all_rules()[0]
    monkeypatch.setitem(_REGISTRY, first.id, Rule(first.id, first.severity, broken))  # type: ignore[arg-type]
    assert [d.rule for d in check_file(str(plan)).diagnostics] == ["plancc-internal"]


def reported_ids() -> set[str]:
    """Every rule id the source passes to error(), warning() or Diagnostic(), and every cross-check."""
    from plancc.rules import all_rules

    found = {"schema-pattern", "schema-format"}  # error(f"schema-{keyword}") for keyword pattern and format
    call = re.compile(r"(?:error|warning|Diagnostic)\(\s*([^,()]+),")
    for source in (ROOT / "src" / "plancc").rglob("*.py"):
        for first in call.findall(source.read_text(encoding="utf-8")):
            found |= set(re.findall(r'(?<![{\w])"([a-z0-9]+(?:-[a-z0-9]+)+)"', first))
    return found | {r.id for r in all_rules()}


def test_every_rule_id_plancc_reports_is_documented_and_no_other() -> None:
    documented = {doc.id for doc in all_rule_docs()}
    assert len(documented) == len(all_rule_docs())
    assert reported_ids() == documented


def test_explain_prints_every_rule_in_full() -> None:
    for doc in all_rule_docs():
        result = CliRunner().invoke(explain, [doc.id])
        assert result.exit_code == 0, result.output
        text = result.output
        assert text.startswith(f"{doc.id} ({doc.severity})\n\n{doc.summary.split(' ')[0]}")
        assert "\nFails:" in text and "\nPasses:" in text and "\nFix:" in text, doc.id
        assert len(text.split()) >= 32, doc.id  # the documentation's 30 words, and the heading
    tab = CliRunner().invoke(explain, ["yaml-tab"]).output
    assert "    organisations:\n      - id: csu\n    →name: Community Safety Unit\n" in tab
    assert "\t" not in tab


def test_rules_lists_every_rule_once() -> None:
    output = CliRunner().invoke(rules, []).output
    listed = [line.split()[0] for line in output.split("\n\n")[0].splitlines()]
    assert listed == sorted(doc.id for doc in all_rule_docs())


def test_the_format_reference_has_every_rule_at_its_anchor() -> None:
    reference = format_reference()
    for doc in all_rule_docs():
        section = reference.split(f'<a id="{doc.anchor}"></a>\n\n#### `{doc.id}`\n\nSeverity: {doc.severity}\n\n', 1)
        assert len(section) == 2, doc.id
        assert section[1].startswith("\n".join(markdown_lines(doc)).rstrip("\n")), doc.id
    assert "  ```yaml\n  organisations:\n    - id: csu\n  →name: Community Safety Unit\n  ```" in reference


def test_a_block_example_keeps_its_lines_and_words_are_joined() -> None:
    doc = parse("x", "error", "load", "Summary.\n\nWhy it\nmatters.\n\nFails:\n    a:\n    \tb: 1\nPasses:  c:\n"
                "         d\nFix:     e.")
    assert doc.paragraphs == ("Why it matters.",)
    assert doc.labelled["Fails"].text == "a:\n\tb: 1" and doc.labelled["Fails"].block
    assert doc.labelled["Passes"].text == "c: d" and not doc.labelled["Passes"].block
    assert visible(doc.labelled["Fails"].text) == "a:\n→b: 1"
    assert markdown_lines(doc)[-9:] == ["- Fails:", "", "  ```yaml", "  a:", "  →b: 1", "  ```", "- Passes: `c: d`",
                                        "- Fix: e.", ""]
