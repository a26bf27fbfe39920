"""The loader keeps positions, reads values as the officer meant them, and reports every mistake."""

from __future__ import annotations

import resource
import time

import pytest

from plancc.load.loader import MAX_BYTES, load_bytes, load_file


def rules(plan) -> list[tuple[str, int, int]]:
    return [(d.rule, d.line, d.column) for d in plan.diagnostics]


def test_positions_of_values_and_keys() -> None:
    plan = load_bytes(b"title: T\nactions:\n  - id: a1\n    due: 2002-05\n", "p.yaml")
    assert plan.diagnostics == []
    assert plan.data == {"title": "T", "actions": [{"id": "a1", "due": "2002-05"}]}
    due = plan.span(("actions", 0, "due"))
    assert (due.line, due.column, due.end_line, due.end_column) == (4, 10, 4, 17)
    assert plan.key_span(("actions", 0, "due")).column == 5
    assert plan.span_of(("actions", 0, "missing")) == plan.span(("actions", 0))


@pytest.mark.parametrize(
    ("source", "key", "expected"),
    [
        ("status: no", "status", "no"),          # a word, not false
        ("status: on", "status", "on"),
        ("version: 1.10", "version", "1.10"),    # text field keeps its digits
        ("version: '3.1'", "version", "3.1"),
        ("code: 010", "code", "010"),            # text field: not 8, not 10
        ("as_at: 2002-04-26", "as_at", "2002-04-26"),  # dates stay text for plancc to read
        ("chair: yes", "chair", True),           # a yes/no field: yes is true
        ("chair: no", "chair", False),
        ("impact: 3", "impact", 3),
        ("rating: 010", "rating", 10),           # a number field: 010 is ten, never eight
    ],
)
def test_scalars_mean_what_the_officer_meant(source: str, key: str, expected: object) -> None:
    plan = load_bytes(source.encode(), "p.yaml")
    assert plan.data[key] == expected
    assert type(plan.data[key]) is type(expected)


def test_numbers_keep_their_written_digits() -> None:
    plan = load_bytes(b"value: 10.60\ncount: 94224\n", "p.yaml")
    assert plan.data == {"value": 10.6, "count": 94224}
    assert plan.raw(("value",)) == "10.60"
    assert plan.raw(("count",)) == "94224"


def test_unquoted_number_in_text_field_is_a_warning() -> None:
    plan = load_bytes(b"version: 3.10\n", "p.yaml")
    assert rules(plan) == [("yaml-unquoted-text", 1, 10)]
    assert plan.diagnostics[0].severity.value == "warning"
    assert '"3.10"' in plan.diagnostics[0].hint


def test_leading_zero_in_number_is_a_warning() -> None:
    plan = load_bytes(b"impact: 03\n", "p.yaml")
    assert rules(plan) == [("yaml-leading-zero", 1, 9)]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("as_at: 2003-02-30", "February 2003 has 28 days"),
        ("as_at: 2004-02-30", "February 2004 has 29 days"),
        ("due: by 2010-13", "there is no month 13"),
        ("due: 2002-04-31 to 2002-05", "April 2002 has 30 days"),
        ("note: '2010-00-10'", "there is no month 0"),
    ],
)
def test_dates_that_do_not_exist(text: str, problem: str) -> None:
    plan = load_bytes(text.encode(), "p.yaml")
    assert [d.rule for d in plan.diagnostics] == ["invalid-date"]
    assert problem in plan.diagnostics[0].message


def test_leap_day_is_a_real_date() -> None:
    assert load_bytes(b"as_at: 2004-02-29\n", "p.yaml").diagnostics == []


def test_duplicate_key_names_both_lines() -> None:
    plan = load_bytes(b"title: A\nstatus: draft\ntitle: B\n", "p.yaml")
    assert rules(plan) == [("yaml-duplicate-key", 3, 1)]
    assert "line 1" in plan.diagnostics[0].message
    assert plan.data["title"] == "A"


def test_tab_indentation() -> None:
    plan = load_bytes(b"title: T\nperiod:\n\tfrom: 2002/03\n", "p.yaml")
    assert ("yaml-tab", 3, 1) in rules(plan)
    assert all(d.rule == "yaml-tab" for d in plan.diagnostics)


@pytest.mark.parametrize(
    ("raw", "rule"),
    [
        (b"", "empty-file"),
        (b"# only a comment\n\n", "empty-file"),
        (b"- a\n- b\n", "not-a-mapping"),
        (b"just words\n", "not-a-mapping"),
        (b"title: caf\xe9\n", "not-utf8"),
        (b"\xff\xfet\x00i\x00", "not-utf8"),
        (b"title: [unclosed\n", "yaml-syntax"),
        (b"title: a: b\n", "yaml-syntax"),
        (b"title: T\n---\ntitle: U\n", "yaml-syntax"),
        (b"title: !!python/object:os.system x\n", "yaml-tag"),
        (b"base: &b {a: 1}\nother:\n  <<: *b\n", "yaml-alias"),
        (b"? [a, b]\n: c\n", "yaml-complex-key"),
    ],
)
def test_bad_files_give_one_diagnostic_kind(raw: bytes, rule: str) -> None:
    plan = load_bytes(raw, "p.yaml")
    assert rule in [d.rule for d in plan.diagnostics]
    assert all(d.line >= 1 and d.column >= 1 for d in plan.diagnostics)
    assert all(d.hint for d in plan.diagnostics)


def test_not_utf8_points_at_the_byte() -> None:
    plan = load_bytes(b"title: T\nnote: caf\xe9\n", "p.yaml")
    assert rules(plan) == [("not-utf8", 2, 10)]


def test_utf8_bom_is_accepted() -> None:
    assert load_bytes("\ufefftitle: T\n".encode(), "p.yaml").data == {"title": "T"}


def test_alias_bomb_is_refused_quickly_and_in_little_memory() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        lines.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    bomb = ("\n".join(lines) + "\n").encode()
    assert len(bomb) < 1000
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    plan = load_bytes(bomb, "bomb.yaml")
    assert time.perf_counter() - started < 2
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 50_000  # KiB
    assert "yaml-alias" in [d.rule for d in plan.diagnostics]


def test_file_over_the_size_cap(tmp_path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"title: T\n" + b"# padding\n" * (MAX_BYTES // 10 + 1))
    plan = load_file(big)
    assert [d.rule for d in plan.diagnostics] == ["file-too-large"]
    assert plan.data is None


def test_missing_file_is_a_diagnostic(tmp_path) -> None:
    plan = load_file(tmp_path / "nope.yaml")
    assert [d.rule for d in plan.diagnostics] == ["file-unreadable"]


def test_deep_nesting_is_a_diagnostic_not_a_crash() -> None:
    plan = load_bytes(b"title: " + b"[" * 5000 + b"]" * 5000 + b"\n", "p.yaml")
    assert plan.diagnostics and plan.diagnostics[0].rule in ("yaml-too-deep", "yaml-syntax")


def test_a_merge_key_is_an_error_at_the_key_and_a_quoted_one_is_an_ordinary_key() -> None:
    merged = load_bytes(b"title: T\nextra:\n  a: 1\n  <<: {b: 2}\n", "p.yaml")
    assert rules(merged) == [("yaml-alias", 4, 3)]
    assert "merge key" in merged.diagnostics[0].message
    assert merged.data == {"title": "T", "extra": {"a": 1}}
    quoted = load_bytes(b'title: T\n"<<": 1\n', "p.yaml")
    assert quoted.diagnostics == []
    assert quoted.data == {"title": "T", "<<": 1}


@pytest.mark.parametrize("key_line", ["<<: {}", '"<<": 1', "<<: 1"])
def test_check_and_render_judge_a_merge_key_alike(tmp_path, key_line: str) -> None:
    """One judgement: a plan with a '<<' key and warnings fails check, and render says which errors stop it."""
    from pathlib import Path

    from plancc.diagnostics import has_errors
    from plancc.pipeline import check_file
    from plancc.render.page import checked_model

    text = (Path(__file__).parent.parent / "plans" / "salford-burglary-2002.yaml").read_text(encoding="utf-8")
    plan = tmp_path / "p.yaml"
    plan.write_text(text.replace("\ntitle:", f"\n{key_line}\ntitle:", 1), encoding="utf-8")
    checked = check_file(str(plan))
    model, diagnostics = checked_model(plan)
    assert checked.errors == 1 and checked.warnings > 0
    assert model is None and has_errors(diagnostics)
    assert [d for d in diagnostics if d.severity.value == "error"] == [
        d for d in checked.diagnostics if d.severity.value == "error"]


def test_a_value_too_long_to_render_is_an_error_where_it_is_written() -> None:
    from plancc.load.text_limits import MAX_VALUE

    plan = load_bytes(b"title: T\nsummary: |\n  " + b"![" * (MAX_VALUE // 2 + 1) + b"\nstatus: draft\n", "p.yaml")
    assert rules(plan) == [("text-too-long", 2, 10)]
    assert f"{MAX_VALUE + 3:,} characters" in plan.diagnostics[0].message  # with the block's last newline
    at_limit = load_bytes(b"title: T\nsummary: " + b"a" * MAX_VALUE + b"\n", "p.yaml")
    assert at_limit.diagnostics == []


def test_a_plan_whose_text_adds_up_past_the_limit_gets_one_error_where_it_passes() -> None:
    from plancc.load.text_limits import MAX_PLAN, MAX_VALUE

    size = MAX_VALUE - 10
    count = MAX_PLAN // size + 2
    lines = "".join(f"  - note: {'w' * size}\n" for _ in range(count)).encode()
    plan = load_bytes(b"title: T\nnotes:\n" + lines, "p.yaml")
    passing = MAX_PLAN // size + 1  # the first note that takes the total past the limit (counting keys and title)
    assert [(d.rule, d.line) for d in plan.diagnostics] == [("text-too-long", 2 + passing)]


def test_the_worst_text_a_plan_may_hold_renders(tmp_path) -> None:
    """The slowest shape of Markdown known ('![' repeated) at the longest a value may be goes through the
    renderer (the limit exists so that this finishes in seconds, not minutes)."""
    from pathlib import Path

    from plancc.render.page import render_plan
    from plancc.load.text_limits import MAX_VALUE

    text = (Path(__file__).parent.parent / "plans" / "salford-burglary-2002.yaml").read_text(encoding="utf-8")
    plan = tmp_path / "p.yaml"
    plan.write_text(text.replace("\nsummary: |\n", "\nsummary: |\n  " + "![" * (MAX_VALUE // 2 - 2000) + "\n", 1),
                    encoding="utf-8")
    result = render_plan(plan)
    assert result.html is not None and "![![![" in result.html
