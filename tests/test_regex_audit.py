"""Every regular expression plancc runs is either measured by benchmarks/regex_growth.py on the shapes of text
that make patterns backtrack (its time must grow with the text, never with its square), or listed there as
seeing only plancc's own text, with the reason. A new pattern in src/plancc that is in neither fails here, so
none reaches a plan's text unmeasured. Nothing here is timed: the benchmark measures; these tests check what
it measures is what plancc runs, and that the patterns made linear kept their meaning (each is compared with
the pattern it replaced, which took time growing with the square of the text)."""

from __future__ import annotations

import ast
import importlib
import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from jinja2 import Environment, nodes

from plancc.validate import messages as schema_messages
from plancc.resources import data_dir

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "src" / "plancc"
FUNCTIONS = {"compile", "match", "search", "sub", "subn", "fullmatch", "findall", "finditer", "split"}
# Jinja's filters that run a regular expression (or textwrap) over the text they are given
REGEX_FILTERS = {"title", "urlize", "wordcount", "wordwrap"}


def _benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location("regex_growth", ROOT / "benchmarks" / "regex_growth.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


growth = _benchmark()


def _is_regex_call(node: ast.AST) -> bool:
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in FUNCTIONS
            and isinstance(node.func.value, ast.Name) and node.func.value.id == "re")


def _module_level_names(tree: ast.Module) -> dict[int, str]:
    """The re.compile(...) calls assigned to a name at the module's top level: the call's id, and the name."""
    named: dict[int, str] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            target, value = node.target, node.value
        else:
            continue
        if isinstance(target, ast.Name) and _is_regex_call(value):
            named[id(value)] = target.id
    return named


def _methods_on(tree: ast.Module, name: str) -> set[str]:
    """The methods called on the module-level pattern `name` (name.search(...) and the like)."""
    return {node.func.attr for node in ast.walk(tree) if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name)
            and node.func.value.id == name}


def regexes_in(path: Path) -> dict[str, tuple[str, set[str]]]:
    """Each regular expression in a module: its key (the module-level name it is given, else its text, else the
    expression that makes it), with what the key is ('name', 'text', 'expression') and the methods run on it."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    named = _module_level_names(tree)
    found: dict[str, tuple[str, set[str]]] = {}
    for node in ast.walk(tree):
        if not _is_regex_call(node):
            continue
        assert isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
        if id(node) in named:
            found[named[id(node)]] = ("name", _methods_on(tree, named[id(node)]))
            continue
        pattern = node.args[0] if node.args else next(k.value for k in node.keywords if k.arg == "pattern")
        text = pattern.value if isinstance(pattern, ast.Constant) and isinstance(pattern.value, str) else None
        key = ast.unparse(pattern) if text is None else text
        kind, methods = found.get(key, ("expression" if text is None else "text", set()))
        found[key] = (kind, methods | ({node.func.attr} - {"compile"}))
    return found


def audit() -> dict[tuple[str, str], tuple[str, set[str]]]:
    """Every regular expression in src/plancc, by (module under src/plancc, key)."""
    return {(path.relative_to(SOURCE).as_posix(), key): found
            for path in sorted(SOURCE.rglob("*.py")) for key, found in regexes_in(path).items()}


def _import(module: str) -> ModuleType:
    return importlib.import_module("plancc." + module.removesuffix(".py").removesuffix("/__init__").replace("/", "."))


SOURCE_CASES = [case for case in growth.all_cases() if case.module != growth.RUST]


def test_the_audit_finds_patterns_however_they_are_written(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text('import re\n_A = re.compile(r"a+")\n_B: re.Pattern[str] = re.compile("b")\n'
                      'def f(x, p):\n    _A.search(x)\n    re.sub(r"\\s+", "-", x)\n    return re.match(p, x)\n'
                      'def g(x):\n    return re.split(pattern="c" + "d", string=x)\n')
    assert regexes_in(module) == {"_A": ("name", {"search"}), "_B": ("name", set()), r"\s+": ("text", {"sub"}),
                                  "p": ("expression", {"match"}), "'c' + 'd'": ("expression", {"split"})}


def test_the_regular_expression_engine_is_reached_only_through_re() -> None:
    """The audit sees re.<function>(...) calls: importing re under another name, or its functions one by one,
    or another engine (regex), would hide a pattern from it."""
    hidden = []
    for path in SOURCE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                hidden += [f"{path.name}: import {a.name} as {a.asname}" for a in node.names
                           if a.name in ("re", "regex") and (a.asname or a.name) != "re"]
            elif isinstance(node, ast.ImportFrom) and node.module in ("re", "regex", "sre_compile", "re._compiler"):
                hidden.append(f"{path.name}: from {node.module} import ...")
    assert hidden == []


def test_every_regular_expression_is_measured_or_sees_only_plancc_text() -> None:
    measured = {(case.module, case.key) for case in SOURCE_CASES}
    unaudited = sorted(set(audit()) - measured - set(growth.NOT_USER_TEXT))
    assert unaudited == [], ("add each to CASES in benchmarks/regex_growth.py with the shapes that make it "
                             "backtrack, or to NOT_USER_TEXT with the reason it never sees a user's text")


def test_the_benchmark_names_only_patterns_that_are_there() -> None:
    found = set(audit())
    stale = sorted({(case.module, case.key) for case in SOURCE_CASES} - found) + sorted(
        set(growth.NOT_USER_TEXT) - found)
    assert stale == []
    assert all(len(reason.split()) >= 6 for reason in growth.NOT_USER_TEXT.values())


def test_the_benchmark_runs_the_pattern_plancc_runs_as_plancc_runs_it() -> None:
    """A module-level pattern is the module's own object; a pattern written in a call has the same text; each is
    measured with the method plancc calls on it."""
    found = audit()
    for case in SOURCE_CASES:
        kind, methods = found[(case.module, case.key)]
        if kind == "name":
            assert getattr(_import(case.module), case.key) is case.regex, case
        elif kind == "text":
            assert case.regex.pattern == case.key, case
        if kind != "expression":
            assert methods == {case.apply}, (case.module, case.key, methods)


def test_the_fixes_and_the_schema_patterns_are_each_measured() -> None:
    """schema_messages runs each of _FIXES (as `wrong`) and the schema's patterns (as `pattern`); jsonschema and
    jsonschema-rs run the schema's patterns on every plan."""
    def patterns(module: str, key: str) -> list[str]:
        return [case.regex.pattern for case in growth.all_cases() if (case.module, case.key) == (module, key)]

    assert patterns("validate/messages.py", "wrong") == [wrong for wrong, _ in schema_messages._FIXES]
    schema = growth.schema_patterns()
    assert len(schema) >= 10 and r"^[0-9]+ (days?|weeks?|months?)$" in schema
    assert patterns("validate/messages.py", "pattern") == schema == patterns(growth.RUST, "pattern")
    assert growth.schema_patterns({"a": {"pattern": "x"}, "b": [{"patternProperties": {"^y": {}}}]}) == ["x", "^y"]


@pytest.mark.parametrize("case", growth.all_cases(), ids=lambda c: f"{c.module}:{c.name}")
def test_every_shape_is_text_of_the_size_asked_and_runs(case: object) -> None:
    for shape in case.shapes:  # type: ignore[attr-defined]
        for chars in (64, 4096):
            text = shape.text(chars)
            assert chars - len(shape.unit) - len(shape.head) - len(shape.tail) < len(text) <= chars + len(shape.unit)
            case.run(text)  # type: ignore[attr-defined]


def test_the_quadratic_patterns_found_are_shapes_the_benchmark_tries() -> None:
    """The inputs that took quadratic time before are among the benchmark's shapes, so it would catch them."""
    def shapes(module: str, name: str) -> set[str]:
        return {str(s) for c in growth.all_cases() if c.module == module and c.name == name for s in c.shapes}

    assert "a[ ]*!" in shapes("validate/messages.py", r"_FIXES ^\s+|(?<!\s)\s+$")
    assert {"[1]*e5!", "[1]*.0e5"} <= shapes("yaml_writer.py", r"[+-]?(?:[0-9]*\.)?[0-9]+")
    assert r"[: |#]*\n!" in shapes("load/recovery.py", "_BLOCK_SCALAR")
    assert r"[#plancc:ignore[a] ]*\n!" in shapes("rules/__init__.py", "_IGNORE")
    assert {"[<img ]*!", "[![]*!"} <= shapes("rules/resources.py", "_MARKDOWN_IMAGE")


def _filters(source: str, env: Environment) -> set[str]:
    return {node.name for node in env.parse(source).find_all(nodes.Filter)}


def test_our_templates_use_no_filter_that_runs_a_regular_expression() -> None:
    env = Environment()
    assert _filters("{{ x | wordwrap(30) }}{{ y|title }}", env) == {"wordwrap", "title"}
    used = {name for page in data_dir("templates").glob("*.html")
            for name in _filters(page.read_text(encoding="utf-8"), env)}
    assert used and not used & REGEX_FILTERS


# The patterns replaced, each compared with its linear replacement on text made of the pieces it reads.
def _pieces(*parts: str) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(parts), max_size=14).map("".join)


OLD_STRIP = re.compile(r"^\s+|\s+$")
OLD_WRITTEN = re.compile(r"[+-]?[0-9]*\.?[0-9]+")
OLD_BLOCK_SCALAR = re.compile(r":[ \t]+[|>][-+0-9]*[ \t]*(#.*)?$")
OLD_IGNORE = re.compile(r"#\s*plancc:\s*ignore\[([A-Za-z0-9_, -]+)\]\s*(.*)$")


@settings(max_examples=400, derandomize=True)
@given(_pieces(" ", "  ", "\t", "\n", "\u00a0", "\u2003", "a", "1", "%", "-"))
@example("a  \n")
@example("  ")
@example(" a b ")
def test_spaces_around_a_value_are_removed_as_before(text: str) -> None:
    fix = next(wrong for wrong, right in schema_messages._FIXES if right == "" and "$" in wrong)
    assert re.sub(fix, "", text) == OLD_STRIP.sub("", text) == text.strip()


@settings(max_examples=400, derandomize=True)
@given(_pieces("+", "-", ".", "0", "1", "9", "e", "E", "5", "_"))
@example("1.5")
@example(".5")
@example("-12")
@example("1.")
@example("1e5")
@example("+.0")
def test_a_number_is_kept_as_written_in_the_same_cases_as_before(raw: str) -> None:
    written = next(c for c in growth.CASES if c.module == "yaml_writer.py")  # its text is yaml_writer's (above)
    assert bool(written.regex.fullmatch(raw)) == bool(OLD_WRITTEN.fullmatch(raw))


@settings(max_examples=400, derandomize=True)
@given(_pieces(":", " ", "\t", "|", ">", "-", "+", "1", "#", "a", "\r", ": |", " # c"), st.sampled_from(["", "\n"]))
@example("key: |", "")
@example("key: >- # note", "")
@example("key: |2\t", "\n")
@example("url: a|b", "")
def test_a_block_scalar_is_told_as_before_on_any_line(line: str, end: str) -> None:
    from plancc.load.recovery import _BLOCK_SCALAR

    assert bool(_BLOCK_SCALAR.search(line + end)) == bool(OLD_BLOCK_SCALAR.search(line + end))


@settings(max_examples=400, derandomize=True)
@given(_pieces("#", " ", "\t", "plancc:", "ignore[", "a", "b-c", ",", "]", "x", "\r", "# plancc: ignore["))
@example("x: 1  # plancc: ignore[rule-a, rule_b] checked by hand")
@example("# plancc: ignore[a]")
def test_a_suppression_comment_is_read_as_before_on_any_line(line: str) -> None:
    from plancc.rules import _IGNORE

    new, old = _IGNORE.search(line), OLD_IGNORE.search(line)
    assert (new and new.groups()) == (old and old.groups())
