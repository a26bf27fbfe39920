"""How the time of every regular expression that plancc runs on text from a plan, a plancc.yml, a theme or a
file name grows with that text, on the shapes of text that make a pattern backtrack.

For each pattern and each of its shapes, the text grows four-fold from 1,024 characters up to --chars
(1 MiB by default); a row gives the CPU time of one run at the last two sizes, and the ratio: about 4 (or
less) when the time grows with the text, about 16 when it grows with its square. The ratio is the smaller
of the last two steps' (a step where the text outgrows a processor cache can jump once; a quadratic
pattern's every step is 16). A shape whose next size would take more than a few seconds stops growing
there: a quadratic pattern would take hours at 1 MiB. The exit status is 1 when any ratio is over 8.

    .venv/bin/python benchmarks/regex_growth.py [--chars 1048576] [--only yaml_values] [--all-shapes]

CASES names every pattern in src/plancc that can see such text; all_cases() adds schema_messages' fixes
and the plan schema's patterns (run by jsonschema and by the fixes with re.search, and by jsonschema-rs).
NOT_USER_TEXT names the others, each with the reason. tests/test_regex_audit.py fails when a regular
expression in src/plancc is in neither, so a new pattern cannot reach a plan unmeasured.

benchmarks/markdown_growth.py does the same for the Markdown libraries (markdown-it-py and nh3).
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
import time
from dataclasses import dataclass
from functools import cache
from typing import Any, Callable

from plancc import markdown_escape, preview_http, rollforward, slugs
from plancc.load import indent as yaml_indent, loader, messages as loader_messages, recovery as yaml_recovery
from plancc.load import values as yaml_values
from plancc.validate import messages as schema_messages, schema_copy
from plancc import rules as rules_init
from plancc.diff import formats, outline
from plancc.model import periods
from plancc.resources import schema_path
from plancc.render import sections
from plancc.rules import resources
from plancc.status import settings

LIMIT = 8.0  # a ratio over this, for text four times as long, is not linear
FIRST = 1024  # characters of the smallest text
BUDGET = 3.0  # seconds: a shape does not grow to a size whose one run would take longer than this
SCHEMA = schema_path()  # the plan schema plancc validates with
RUST = "(jsonschema-rs)"  # the module of the rows for the schema's patterns as jsonschema-rs runs them


@dataclass(frozen=True)
class Shape:
    """Text of about `chars` characters: head, then unit over and over, then tail."""

    unit: str
    head: str = ""
    tail: str = "!"

    def text(self, chars: int) -> str:
        return self.head + self.unit * max(1, (chars - len(self.head) - len(self.tail)) // len(self.unit)) + self.tail

    def __str__(self) -> str:
        return (self.head + "[" + self.unit + "]*" + self.tail).encode("unicode_escape").decode("ascii")[:28]


@dataclass(frozen=True)
class Case:
    """One pattern as plancc runs it: `key` is how tests/test_regex_audit.py finds it in `module` (the name a
    module-level pattern is given, else the pattern's text, else the expression that makes it)."""

    module: str  # under src/plancc
    key: str
    regex: re.Pattern[str]
    apply: str  # the method plancc calls: match, fullmatch, search, sub, split, findall, finditer; is_valid
    shapes: tuple[Shape, ...]
    shown: str = ""  # the pattern's name in the table, when not the key

    @property
    def name(self) -> str:
        return self.shown or self.key

    def run(self, text: str) -> object:
        if self.apply == "is_valid":
            return _rust_validator(self.regex.pattern).is_valid(text)
        method: Callable[..., Any] = getattr(self.regex, self.apply)
        if self.apply == "sub":
            return method("", text)
        if self.apply == "finditer":
            return sum(1 for _ in method(text))
        return method(text)


def _c(module: str, key: str, regex: re.Pattern[str], apply: str, *shapes: Shape, shown: str = "") -> Case:
    return Case(module, key, regex, apply, shapes, shown)


@cache
def _rust_validator(pattern: str) -> Any:
    """jsonschema-rs (as plancc's validate stage runs it) for one string field with this pattern."""
    import jsonschema_rs

    return jsonschema_rs.Draft202012Validator({"type": "string", "pattern": pattern}, validate_formats=True)


BLOCKED_FORMS = ("'|'.join((re.escape(form) for form in dict.fromkeys([html.escape(url), url, "
                 "url.rstrip('/')])))")
BLOCKED_URL = "http://127.0.0.1:8000/theme/" + "x/" * 40 + "?a=1&b=2"


def _blocked_forms(url: str) -> re.Pattern[str]:
    """a11y/blocked.py's pattern for one address the browser check blocked (a theme's: it can be this long)."""
    return re.compile("|".join(re.escape(form) for form in dict.fromkeys([html.escape(url), url, url.rstrip("/")])),
                      re.IGNORECASE)


S = Shape
SPACES = S(" ", head="a")  # a run of spaces that does not end the text: where \s+$ takes quadratic time
DIGITS = S("1", tail="e5!")
IMAGES = (S("<img "), S("!["), S("![a]("), S("<img src="), S("<img ![x]("), S(" src=", head="<img"), S("![a](//"),
          S("<img src=//"), S("/"), S("\\\\"))

CASES: list[Case] = [
    *(_c("model/periods.py", name, getattr(periods, name), "fullmatch", DIGITS, S(unit), S(unit, tail=""))
      for name, unit in [("_FY", "2024/25 Q1"), ("_DAY_OR_MONTH", "2024-01-01"), ("_YEAR", "2024"),
                         ("_RANGE", "2024-01-01 to "), ("_ROLLING", "12 months to 2024-01")]),
    _c("load/values.py", "_STAR", yaml_values._STAR, "finditer", S("*"), S("*a "), S("a*")),
    _c("load/values.py", "_INT", yaml_values._INT, "fullmatch", DIGITS, S("1", head="-")),
    _c("load/values.py", "_FLOAT", yaml_values._FLOAT, "fullmatch", DIGITS, S("1", tail=".1e5!"), S("1", head=".")),
    _c("load/values.py", "_DATE", yaml_values._DATE, "fullmatch", DIGITS, S("by 2024-01")),
    _c("load/values.py", "_YAML12_OTHER_NUMBER", yaml_values._YAML12_OTHER_NUMBER, "fullmatch",
       S("f", head="0x"), S("7", head="0o")),
    _c("load/values.py", "_SEXAGESIMAL", yaml_values._SEXAGESIMAL, "fullmatch",
       S(":11", head="1"), S("_", head="1", tail=":1x"), S(":5", head="1", tail=".x"), S("1:")),
    _c("load/values.py", "_UNDERSCORED", yaml_values._UNDERSCORED, "fullmatch",
       S("_", head="1", tail=".x"), S("1_", tail="e"), DIGITS),
    _c("markdown_escape.py", "_SPECIAL", markdown_escape._SPECIAL, "sub", S("_a"), S("a_"), S("*"), S("\\")),
    _c("load/loader.py", "_COMMENTED_KEY", loader._COMMENTED_KEY, "match", S("a", head="# "), S(" ", head="#")),
    _c("load/loader.py", "_ODD_SPACE_RUN", loader._ODD_SPACE_RUN, "match", S(" \u00a0\t")),
    _c("validate/schema_copy.py", "_VERSION", schema_copy._VERSION, "search", S("/plan/1"), S("1.", head="/plan/")),
    _c("render/sections.py", "_TOP_PARAGRAPH", sections._TOP_PARAGRAPH, "sub", S("<p>"), S("\n<p")),
    _c("render/sections.py", "_NUMBERED_TITLE", sections._NUMBERED_TITLE, "match",
       S(".1", head="1", tail="x"), S("11", tail="a.x"), SPACES),
    _c("render/sections.py", r"[^0-9A-Za-z]+", re.compile(r"[^0-9A-Za-z]+"), "sub", S(".1"), S(" ")),
    _c("rules/__init__.py", "_IGNORE", rules_init._IGNORE, "search", S("# plancc: ignore[a"),
       S("#plancc:ignore[a] ", tail="\n!"), S("a, ", head="# plancc: ignore["), SPACES),
    _c("rules/resources.py", "_MARKDOWN_IMAGE", resources._MARKDOWN_IMAGE, "finditer", *IMAGES, S("a", head="![a](")),
    _c("rules/resources.py", "_IMG_TAG", resources._IMG_TAG, "finditer", *IMAGES),
    _c("rules/resources.py", "_SRC", resources._SRC, "search", *IMAGES, S(" src= src=a")),
    _c("rules/versions.py", r"\d+", re.compile(r"\d+"), "findall", S("1a"), S("1")),
    _c("rules/references.py", r"[^a-z0-9]+", re.compile(r"[^a-z0-9]+"), "sub", S(" a"), S(" ")),
    _c("load/recovery.py", "_ANY_KEY", yaml_recovery._ANY_KEY, "match", S("a"), S(" ", head="a")),
    _c("load/recovery.py", "_BLOCK_SCALAR", yaml_recovery._BLOCK_SCALAR, "search",
       S(": |#", tail="\n!"), S("-", head=": |"), S(": "), S(" ", head=": |")),
    _c("load/indent.py", "_SHAPE", yaml_indent._SHAPE, "match", S("b", head="a"), S(":b", head="a"), S("- "),
       S(" ", tail="a"), S("a:", head="a")),
    _c("status/settings.py", "_TOLERANCE", settings._TOLERANCE, "fullmatch", DIGITS, S("1", tail=".1 x")),
    _c("status/settings.py", "_DUE", settings._DUE, "fullmatch", DIGITS, S("1", tail=" days!")),
    _c("slugs.py", "_NOT_ALLOWED", slugs._NOT_ALLOWED, "sub", S("-a"), S("\u00e9")),
    _c("rollforward.py", "_OUR_LINES", rollforward._OUR_LINES, "match",
       S(" by plancc new --from", head="# Next year's plan, started from ", tail="x"), S("#")),
    _c("load/messages.py", "_KEY_LINE", loader_messages._KEY_LINE, "match", SPACES, S("- "), S("-", head="a")),
    _c("load/messages.py", "_NO_SPACE", loader_messages._NO_SPACE, "match", S("b", head="a:"), S(" ", head="a:b"),
       S(" ")),
    _c("load/messages.py", "_APOSTROPHE", loader_messages._APOSTROPHE, "search", S("a", head=": '"), S(": ''"),
       S(": 'a' ", tail=" "), S(" ", head=": 'a'", tail="")),
    _c("load/messages.py", "_CURLY", loader_messages._CURLY, "search", S("a")),
    _c("diff/outline.py", "_BLANK_LINE", outline._BLANK_LINE, "split", S("\n "), S("\n")),
    _c("diff/outline.py", "_TOP_PARAGRAPH", outline._TOP_PARAGRAPH, "findall", S("<p>"), S("\n<p")),
    _c("diff/formats.py", "_MARKDOWN_SPECIAL", formats._MARKDOWN_SPECIAL, "sub", S("[a"), S("#")),
    _c("pdf.py", r"file://[^\"')\s]*", re.compile(r"file://[^\"')\s]*"), "sub", S("file://"), S("a", head="file://")),
    _c("reference.py", r"\n{3,}", re.compile(r"\n{3,}"), "sub", S("\n\nx"), S("\n")),
    _c("yaml_writer.py", r"[+-]?(?:[0-9]*\.)?[0-9]+", re.compile(r"[+-]?(?:[0-9]*\.)?[0-9]+"), "fullmatch",
       DIGITS, S("1", tail=".0e5"), S("1.")),
    # build_lock's pattern for an output folder named site: matched against the names of the folders beside it
    _c("build_lock.py", r"f'\\.{re.escape(out.name)}-(?:old-|link-)?[0-9a-f]{{12}}'",
       re.compile(rf"\.{re.escape('site')}-(?:old-|link-)?[0-9a-f]{{12}}"), "fullmatch",
       S("0", head=".site-"), S("old-", head=".site-"), shown="ours (output site)"),
    _c("preview_http.py", "_URL_CHARS", preview_http._URL_CHARS, "fullmatch", S("a/"), S("%", head="/", tail=" ")),
    _c("preview_http.py", "_BAD_PERCENT", preview_http._BAD_PERCENT, "search", S("%41"), S("%4"), S("a")),
    # a11y/blocked.py looks for where a page or stylesheet names a blocked address, one of its written forms
    _c("a11y/blocked.py", BLOCKED_FORMS, _blocked_forms(BLOCKED_URL), "search", S(BLOCKED_URL[:-1]),
       S(BLOCKED_URL[:30]), S("http"), S("&amp;"), shown="forms of a blocked URL"),
]

# Patterns that see only plancc's own text, each with the reason.
NOT_USER_TEXT: dict[tuple[str, str], str] = {
    ("a11y/__init__.py", r"v(\d+)"): "reads the version Node.js prints (node --version), to say when it is too old",
}

# The shapes every pattern of the plan schema is tried on (a pattern there is anchored with ^ and $).
SCHEMA_SHAPES = (S("0"), S("a"), SPACES, S("a."), S("1,"), S("a@"), S("a -", head="per 1 "), S(".", head="a@a"),
                 S("0", head="2024/"), S("1", tail=" points!"))


def schema_patterns(schema: Any = None) -> list[str]:
    """Every pattern in the plan schema (pattern keywords and patternProperties' names), in order, once each."""
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "pattern" and isinstance(value, str):
                    found.append(value)
                elif key == "patternProperties" and isinstance(value, dict):
                    found.extend(value)
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(SCHEMA.read_text(encoding="utf-8")) if schema is None else schema)
    return list(dict.fromkeys(found))


def _fix_cases() -> list[Case]:
    """schema_messages tries each of _FIXES on a value that does not fit its field (re.sub, re.match for DMY)."""
    return [_c("validate/messages.py", "wrong", re.compile(wrong), "match" if right == "DMY" else "sub",
               SPACES, S(" ", head="1", tail="x"), S(" ", head="a", tail="\n"), S("1/1/", tail="2024!"), S("\u2013"),
               shown=f"_FIXES {wrong}") for wrong, right in schema_messages._FIXES]


def _schema_cases() -> list[Case]:
    """The schema's patterns as jsonschema and schema_messages' fixes run them (re.search on the value), and as
    jsonschema-rs does (the validate stage, on every plan)."""
    return [_c(module, "pattern", re.compile(p), apply, *SCHEMA_SHAPES, shown=p)
            for module, apply in (("validate/messages.py", "search"), (RUST, "is_valid")) for p in schema_patterns()]


@cache
def all_cases() -> list[Case]:
    return CASES + _fix_cases() + _schema_cases()


def seconds(run: Callable[[str], object], text: str) -> float:
    """CPU seconds of one run: the best of three, each repeated until it takes 20 ms or more."""
    loops, spent = 1, 0.0
    while True:
        start = time.process_time()
        for _ in range(loops):
            run(text)
        spent = time.process_time() - start
        if spent >= 0.02 or loops >= 1 << 14:
            break
        loops *= 4
    best = spent / loops
    for _ in range(2):
        start = time.process_time()
        for _ in range(loops):
            run(text)
        best = min(best, (time.process_time() - start) / loops)
    return max(best, 1e-9)


@dataclass(frozen=True)
class Growth:
    case: Case
    shape: Shape
    chars: int  # the length of the longest text
    times: tuple[float, ...]  # seconds of one run at each size, up to chars

    @property
    def ratio(self) -> float:
        """The smaller of the last two steps' ratios (the one step's, when there was only one)."""
        steps = [after / before for before, after in zip(self.times, self.times[1:])][-2:]
        return min(steps) if steps else 1.0


def growth(case: Case, shape: Shape, most: int) -> Growth:
    """The time of the case on the shape at each size, four times the one before, up to `most` characters,
    stopping before a size whose run would take more than BUDGET seconds at the square of its growth."""
    chars, times = FIRST, [seconds(case.run, shape.text(FIRST))]
    while chars * 4 <= most and times[-1] * 16 <= (BUDGET if len(times) >= 3 else 10 * BUDGET):
        chars *= 4
        times.append(seconds(case.run, shape.text(chars)))
    return Growth(case, shape, chars, tuple(times))


HEADER = f"{'module':22} {'pattern':26} {'shape':28} {'4n chars':>8} {'time n':>10} {'time 4n':>10} {'ratio':>6}"


def row_line(row: Growth) -> str:
    name = row.case.name if len(row.case.name) <= 26 else row.case.name[:25] + "…"
    flag = "  SUPER-LINEAR" if row.ratio > LIMIT else ""
    before, after = row.times[-min(2, len(row.times))], row.times[-1]
    return (f"{row.case.module:22} {name:26} {str(row.shape):28} {row.chars:>8} "
            f"{before * 1000:>8.3f}ms {after * 1000:>8.3f}ms {row.ratio:>6.1f}{flag}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--chars", type=int, default=1 << 20, help="the longest text (default 1 MiB)")
    parser.add_argument("--only", default="", help="only the cases whose module contains this")
    parser.add_argument("--all-shapes", action="store_true", help="a row for every shape, not only each worst")
    options = parser.parse_args()
    rows: list[Growth] = []
    print(HEADER, flush=True)
    for case in all_cases():
        if options.only not in case.module:
            continue
        measured = [growth(case, shape, options.chars) for shape in case.shapes]
        shown = measured if options.all_shapes else [max(measured, key=lambda g: g.ratio)]
        rows.extend(shown)
        print("\n".join(row_line(row) for row in shown), flush=True)
    worst = [row for row in rows if row.ratio > LIMIT]
    print(f"\n{len(rows)} rows; {len(worst)} with a ratio over {LIMIT:g}." + (" FAIL" if worst else " OK"))
    return 1 if worst else 0


if __name__ == "__main__":
    sys.exit(main())
