"""The check cache (plancc.check_cache): a result read back is the result a fresh check gives, and a
change to anything a result depends on (the file, plancc.yml, --today, the schema, plancc itself) is
checked afresh. The cache is off unless a test turns it on: tests point PLANCC_CACHE_DIR at a folder of
their own."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, Iterator

import pytest

from conftest import INVALID, PLANS, ROOT, run_plancc
from plancc import check_cache, pipeline
from plancc.check_cache import CheckCache, open_cache
from plancc.check_entries import Unencodable, decode_result, encode_result
from plancc.diagnostics import Diagnostic, Severity, Span
from plancc.pipeline import FileResult, check_file, check_files
from plancc.reporters import FORMATS, render

RULE_CASES = sorted((ROOT / "tests" / "rules").glob("*/*.yaml"))
CORPUS = sorted(INVALID.glob("*.yaml")) + RULE_CASES + sorted(PLANS.glob("*.yaml"))
STAFFORDSHIRE = PLANS / "staffordshire-ni16-2010.yaml"
MISSING = ROOT / "tests" / "rules" / "actual-missing" / "fail-latest-quarter-due-after-six-weeks.yaml"
NOT_YET_OVERDUE = ROOT / "tests" / "rules" / "action-overdue" / "pass-complete-or-not-yet-due.yaml"


def _names(files: list[Path]) -> list[str]:
    return [str(f.relative_to(ROOT)) for f in files]


def _exactly(result: FileResult) -> tuple[str, str, int]:
    """A result with its values' types (repr tells 1 from 1.0 and True, a tuple from a list)."""
    return result.file, repr(result.diagnostics), result.hidden


@pytest.fixture(scope="module")
def corpus_results(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[list[FileResult], list[FileResult]]]:
    """Every corpus file checked without a cache, and then read back from a cache filled by a first check."""
    names = _names(CORPUS)
    folder = tmp_path_factory.mktemp("cache") / "check-1"
    cwd = os.getcwd()
    os.chdir(ROOT)  # the names are relative, as a user types them
    try:
        plain = [check_file(name) for name in names]
        filled = check_files(names, jobs=1, cache=CheckCache(folder))
        assert [_exactly(r) for r in filled] == [_exactly(r) for r in plain]
        again = CheckCache(folder)  # a new run: everything comes from the entries on disk
        real = pipeline._check_all
        pipeline._check_all = lambda files, *a: [] if not files else pytest.fail(f"checked again: {files}")  # type: ignore[assignment]
        try:
            cached = check_files(names, jobs=1, cache=again)
        finally:
            pipeline._check_all = real  # type: ignore[assignment]
        yield plain, cached
    finally:
        os.chdir(cwd)


@pytest.mark.parametrize("index", range(len(CORPUS)), ids=_names(CORPUS))
def test_cached_result_is_the_uncached_result(index: int, corpus_results: tuple[list[FileResult], list[FileResult]]) -> None:
    plain, cached = corpus_results
    assert cached[index] == plain[index]
    assert _exactly(cached[index]) == _exactly(plain[index])


def test_the_corpus_has_what_the_cache_must_keep(corpus_results: tuple[list[FileResult], list[FileResult]]) -> None:
    """The comparison above covers errors, warnings, suppressed diagnostics, grouped repeats and values."""
    found = [d for r in corpus_results[0] for d in r.diagnostics]
    assert {d.severity for d in found} == {Severity.ERROR, Severity.WARNING}
    assert any(d.suppressed for d in found) and any(d.others for d in found) and any(d.span is None for d in found)
    assert {type(d.value) for d in found} >= {str, int, type(None)}


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_report_format_is_the_same_from_the_cache(fmt: str, corpus_results: tuple[list[FileResult], list[FileResult]]) -> None:
    plain, cached = corpus_results
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        for shown in (False, True):
            assert render(cached, fmt, show_suppressed=shown) == render(plain, fmt, show_suppressed=shown)
    finally:
        os.chdir(cwd)


@pytest.mark.parametrize("value", [1, 1.0, True, -0.0, 10**30, "1", None, [1, "a"], (1, "a"), {"a": [1]}, {1: (2,)},
                                   {(1, "x"): None}, [[(), {}]], "£ \udcff"])
def test_entries_give_back_values_of_the_same_type(value: Any) -> None:
    from datetime import date
    from decimal import Decimal

    for item in (value, [value, date(2016, 11, 25), Decimal("10.60"), Decimal("1E+2")]):
        diag = Diagnostic("rule", Severity.WARNING, "m", "f.yaml", Span(1, 2, 3, 4), item, None, (Span(5, 6, 5, 7),), "why")
        result = FileResult("f.yaml", [diag])
        back = decode_result(json.loads(json.dumps(encode_result(result, "k"))), "k")
        assert back == result and repr(back) == repr(result)


def test_a_value_an_entry_cannot_give_back_is_not_kept(tmp_path: Path) -> None:
    diag = Diagnostic("rule", Severity.ERROR, "m", "f.yaml", None, {1, 2})
    with pytest.raises(Unencodable):
        encode_result(FileResult("f.yaml", [diag]), "k")
    cache = CheckCache(tmp_path / "check-1")
    cache.store("k", FileResult("f.yaml", [diag]))
    assert not (tmp_path / "check-1" / "k").exists()


def _plan(folder: Path, text: str, name: str = "plan.yaml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _check(*args: str, cwd: Path, cache: Path | None) -> dict[str, Any]:
    """`plancc check --format json`, with the cache in `cache` (None: --no-cache)."""
    flags = ["--no-cache"] if cache is None else []
    result = run_plancc("check", "--format", "json", *flags, *args, cwd=cwd,
                        env={"PLANCC_CACHE_DIR": str(cache or cwd / "unused")})
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def _entries(cache: Path) -> list[Path]:
    folder = cache / "check-1"
    return sorted(p for p in folder.iterdir() if not p.name.startswith(".")) if folder.is_dir() else []


def _rules(report: dict[str, Any]) -> list[str]:
    return [d["rule"] for f in report["files"] for d in f["diagnostics"]]


def test_a_changed_file_is_checked_again(tmp_path: Path) -> None:
    plan = _plan(tmp_path, STAFFORDSHIRE.read_text(encoding="utf-8"))
    cache = tmp_path / "cache"
    first = _check("plan.yaml", cwd=tmp_path, cache=cache)
    assert _check("plan.yaml", cwd=tmp_path, cache=cache) == first and len(_entries(cache)) == 1
    plan.write_text(plan.read_text(encoding="utf-8").replace("core: 20", "core: 36"), encoding="utf-8")
    changed = _check("plan.yaml", cwd=tmp_path, cache=cache)
    assert "member-count" in _rules(first) and "member-count" not in _rules(changed)
    assert changed == _check("plan.yaml", cwd=tmp_path, cache=None)


def test_the_name_a_file_is_checked_under_is_in_the_key(tmp_path: Path) -> None:
    _plan(tmp_path, STAFFORDSHIRE.read_text(encoding="utf-8"))
    cache = tmp_path / "cache"
    for name in ("plan.yaml", "./plan.yaml", str(tmp_path / "plan.yaml")):
        report = _check(name, cwd=tmp_path, cache=cache)
        assert {d["file"] for f in report["files"] for d in f["diagnostics"]} == {name}


def test_a_changed_plancc_yml_is_checked_again(tmp_path: Path) -> None:
    text = "".join(line for line in MISSING.read_text(encoding="utf-8").splitlines(keepends=True)
                   if not line.startswith(("performance:", "  actuals_due:")))
    _plan(tmp_path / "plans", text)
    cache = tmp_path / "cache"
    expected = {"6 weeks": ["actual-missing"], "8 weeks": [], None: ["actual-missing"]}
    for due in ("6 weeks", "8 weeks", None, "8 weeks"):
        config = tmp_path / "plancc.yml"
        if due is None:
            config.unlink()
        else:
            config.write_text(f"site_title: Plans\nperformance:\n  actuals_due: {due}\n", encoding="utf-8")
        report = _check("plans", cwd=tmp_path, cache=cache)
        assert _rules(report) == expected[due], due
        assert report == _check("plans", cwd=tmp_path, cache=None)


def test_today_is_in_the_key(tmp_path: Path) -> None:
    _plan(tmp_path, NOT_YET_OVERDUE.read_text(encoding="utf-8"))
    cache = tmp_path / "cache"
    for today, overdue in ((None, 0), ("2030-01-01", 2), ("2010-02-06", 0), ("2030-01-01", 2), (None, 0)):
        args = ("--today", today) if today else ()
        report = _check(*args, "plan.yaml", cwd=tmp_path, cache=cache)
        assert _rules(report).count("action-overdue") == overdue, today
        assert report == _check(*args, "plan.yaml", cwd=tmp_path, cache=None)


@pytest.fixture
def plancc_copy(tmp_path: Path) -> Path:
    """A copy of plancc's source and schema, run instead of the installed one (PYTHONPATH)."""
    top = tmp_path / "copy"
    shutil.copytree(ROOT / "src" / "plancc", top / "src" / "plancc", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "schemas", top / "schemas")
    return top


def _check_with(copy: Path, plans: Path, cache: Path | None) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(copy / "src"), "PLANCC_CACHE_DIR": str(cache or plans / "unused"),
           "NO_COLOR": "1"}
    flags = ["--no-cache"] if cache is None else []
    result = subprocess.run([sys.executable, "-m", "plancc", "check", "--format", "json", *flags, "plan.yaml"],
                            cwd=plans, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode in (0, 1), result.stderr
    report = json.loads(result.stdout)
    return report  # type: ignore[no-any-return]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_an_edit_to_plancc_is_checked_again(tmp_path: Path, plancc_copy: Path) -> None:
    plans = tmp_path / "plans"
    _plan(plans, STAFFORDSHIRE.read_text(encoding="utf-8"))
    cache = tmp_path / "cache"
    before = _check_with(plancc_copy, plans, cache)
    assert "is stated to have 20 core members" in json.dumps(before)
    _edit(plancc_copy / "src" / "plancc" / "rules" / "members.py", "is stated to have", "says it has")
    after = _check_with(plancc_copy, plans, cache)
    assert "says it has 20 core members" in json.dumps(after)
    assert after == _check_with(plancc_copy, plans, None)


def test_an_edit_to_the_schema_is_checked_again(tmp_path: Path, plancc_copy: Path) -> None:
    plans = tmp_path / "plans"
    _plan(plans, STAFFORDSHIRE.read_text(encoding="utf-8"))
    cache = tmp_path / "cache"
    assert "schema-required" not in _rules(_check_with(plancc_copy, plans, cache))
    schema_file = plancc_copy / "schemas" / "plan.schema.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    schema["required"] = [*schema.get("required", []), "owner_of_the_plan"]
    schema_file.write_text(json.dumps(schema, indent=2), encoding="utf-8")
    after = _check_with(plancc_copy, plans, cache)
    assert "schema-required" in _rules(after)
    assert after == _check_with(plancc_copy, plans, None)


def test_another_version_of_plancc_has_other_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    cache = CheckCache(Path("unused"), plancc=check_cache.plancc_fingerprint())
    before = cache.key(b"title: T\n", "plan.yaml", None)
    check_cache.plancc_fingerprint.cache_clear()
    monkeypatch.setattr(check_cache, "__version__", "99.0")
    try:
        assert check_cache.plancc_fingerprint() != cache.plancc
        assert CheckCache(Path("unused")).key(b"title: T\n", "plan.yaml", None) != before
    finally:
        check_cache.plancc_fingerprint.cache_clear()


def _fifty(folder: Path) -> list[Path]:
    sources = sorted(PLANS.glob("*.yaml")) + sorted(INVALID.glob("*.yaml"))[:10]
    made = []
    for i in range(50):
        text = sources[i % len(sources)].read_bytes()
        made.append(folder / f"plan-{i:02}.yaml")
        made[-1].write_bytes(text + f"\n# copy {i}\n".encode() * (i // len(sources)))
    return made


def test_two_checks_at_once_both_right_and_the_cache_whole(tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    plans.mkdir()
    files = _fifty(plans)
    cache = tmp_path / "cache"
    env = {**os.environ, "NO_COLOR": "1", "PLANCC_CACHE_DIR": str(cache)}
    command = [sys.executable, "-m", "plancc", "check", "--format", "json", "-j", "2", "plans"]
    runs = [subprocess.Popen(command, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)]
    outputs = [run.communicate(timeout=300) for run in runs]
    expected = _check("plans", cwd=tmp_path, cache=None)
    for out, err in outputs:
        assert json.loads(out) == expected, err
    assert len(_entries(cache)) == 50
    assert not [p for p in (cache / "check-1").iterdir() if p.name.endswith(".tmp")]
    reader = CheckCache(cache / "check-1")
    for path in files:
        name = str(path.relative_to(tmp_path))
        with _in(tmp_path):
            kept = reader.load(reader.key(path.read_bytes(), name, None))
            assert kept is not None and _exactly(kept) == _exactly(check_file(name))
    assert _check("plans", cwd=tmp_path, cache=cache) == expected


def test_some_files_changed_among_many(tmp_path: Path) -> None:
    """The files already checked come from the cache, the changed ones are checked again (here by workers)."""
    files = _fifty(tmp_path)
    names = [p.name for p in files]
    cache = CheckCache(tmp_path / "cache" / "check-1")
    with _in(tmp_path):
        check_files(names, jobs=2, cache=cache)
        for path in files[5::2]:
            path.write_text(path.read_text(encoding="utf-8", errors="replace").replace("title:", "title: Changed", 1)
                            + "\nunknown_key: 1\n", encoding="utf-8")
        assert [_exactly(r) for r in check_files(names, jobs=2, cache=cache)] == \
            [_exactly(check_file(name)) for name in names]
    assert len(_entries(tmp_path / "cache")) == 50 + len(files[5::2])


class _in:
    def __init__(self, folder: Path) -> None:
        self.folder, self.was = folder, os.getcwd()

    def __enter__(self) -> None:
        os.chdir(self.folder)

    def __exit__(self, *exc: object) -> None:
        os.chdir(self.was)


@pytest.mark.parametrize("damage", ["truncated", "empty", "garbage", "binary", "other key", "wrong shape"])
def test_a_damaged_entry_is_a_miss(tmp_path: Path, damage: str) -> None:
    plan = _plan(tmp_path, STAFFORDSHIRE.read_text(encoding="utf-8"))
    cache = CheckCache(tmp_path / "cache" / "check-1")
    with _in(tmp_path):
        expected = check_file("plan.yaml")
        key = cache.key(plan.read_bytes(), "plan.yaml", None)
        assert check_files(["plan.yaml"], cache=cache) == [expected]
        entry = tmp_path / "cache" / "check-1" / key
        good = entry.read_text(encoding="ascii")
        entry.write_bytes({"truncated": good[: len(good) // 2].encode(), "empty": b"", "garbage": b"not json {",
                           "binary": b"\x00\xff\xfe" * 20, "other key": good.replace(key, "0" * len(key)).encode(),
                           "wrong shape": b'{"key": "%s", "diagnostics": [[1, 2]]}' % key.encode()}[damage])
        assert cache.load(key) is None
        assert check_files(["plan.yaml"], cache=cache) == [expected]
        assert entry.read_text(encoding="ascii") == good  # written again, whole


def test_a_cache_that_cannot_be_written_never_fails_a_check(tmp_path: Path) -> None:
    _plan(tmp_path, STAFFORDSHIRE.read_text(encoding="utf-8"))
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder\n", encoding="utf-8")
    expected = _check("plan.yaml", cwd=tmp_path, cache=None)
    result = run_plancc("check", "--format", "json", "plan.yaml", cwd=tmp_path,
                        env={"PLANCC_CACHE_DIR": str(blocker / "cache")})
    assert json.loads(result.stdout) == expected and result.stderr == ""
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "check-1").write_text("a file where the entries' folder should be\n", encoding="utf-8")
    result = run_plancc("check", "--format", "json", "plan.yaml", cwd=tmp_path, env={"PLANCC_CACHE_DIR": str(tmp_path / "cache")})
    assert json.loads(result.stdout) == expected and result.stderr == ""


def test_a_read_only_cache_folder_never_fails_a_check(tmp_path: Path) -> None:
    """/sys refuses new folders to everyone, root included (the tests may run as root, whom chmod does not stop)."""
    _plan(tmp_path, STAFFORDSHIRE.read_text(encoding="utf-8"))
    cache = Path("/sys/plancc-check-cache")
    assert not cache.exists()
    result = run_plancc("check", "--format", "json", "plan.yaml", cwd=tmp_path, env={"PLANCC_CACHE_DIR": str(cache)})
    assert json.loads(result.stdout) == _check("plan.yaml", cwd=tmp_path, cache=None) and result.stderr == ""
    assert not cache.exists()


def test_no_cache_writes_nothing(tmp_path: Path) -> None:
    _plan(tmp_path, STAFFORDSHIRE.read_text(encoding="utf-8"))
    assert run_plancc("check", "--no-cache", "plan.yaml", cwd=tmp_path, env={"PLANCC_CACHE_DIR": ""}).returncode == 0
    assert run_plancc("check", "plan.yaml", cwd=tmp_path, env={"PLANCC_NO_CACHE": "1"}).returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.yaml"]
    assert run_plancc("check", "plan.yaml", cwd=tmp_path, env={"PLANCC_CACHE_DIR": ""}).returncode == 0
    made = tmp_path / ".plancc_cache"
    assert (made / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")
    assert (made / ".gitignore").read_text().splitlines()[-1] == "*"
    assert len(_entries(made)) == 1


def test_open_cache_follows_the_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PLANCC_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("PLANCC_NO_CACHE", raising=False)
    assert open_cache(False) is None
    assert open_cache().folder == tmp_path / "check-1"  # type: ignore[union-attr]
    for value, on in (("1", False), ("yes", False), ("0", True), ("", True)):
        monkeypatch.setenv("PLANCC_NO_CACHE", value)
        assert (open_cache() is not None) is on, value


def _age(path: Path, days: float) -> None:
    old = path.stat().st_mtime - days * 86400
    os.utime(path, (old, old))


def test_entries_not_used_for_30_days_are_pruned(tmp_path: Path) -> None:
    plan = _plan(tmp_path, STAFFORDSHIRE.read_text(encoding="utf-8"))
    folder = tmp_path / "cache" / "check-1"
    cache = CheckCache(folder)
    with _in(tmp_path):
        check_files(["plan.yaml"], cache=cache)
        kept = folder / cache.key(plan.read_bytes(), "plan.yaml", None)
        stale, recent, orphan = folder / ("0" * 40), folder / ("1" * 40), folder / ".x.1.tmp"
        for path in (stale, recent, orphan):
            path.write_text("{}", encoding="ascii")
        for path, days in ((stale, 31), (recent, 29), (orphan, 1), (kept, 20), (folder / ".pruned", 1.1)):
            _age(path, days)
        check_files(["plan.yaml"], cache=cache)  # last pruned more than a day ago: prunes now
        assert not stale.exists() and not orphan.exists() and recent.exists()
        assert kept.stat().st_mtime > recent.stat().st_mtime + 20 * 86400  # read after 20 days: marked as used
        stale.write_text("{}", encoding="ascii")
        _age(stale, 365)
        check_files(["plan.yaml"], cache=cache)
        assert stale.exists()  # pruned at most once a day


def test_a_check_with_every_result_kept_reads_no_yaml(tmp_path: Path) -> None:
    """With every result kept, plancc check neither reads YAML nor builds the schema validator."""
    plans = tmp_path / "plans"
    plans.mkdir()
    _fifty(plans)
    env = {**os.environ, "NO_COLOR": "1", "PLANCC_CACHE_DIR": str(tmp_path / "cache")}
    code = ("import sys\nfrom plancc.cli import main\ntry:\n    main(['check', 'plans'])\nexcept SystemExit:\n    pass\n"
            "print('LOADED', sorted(m for m in sys.modules if m.split('.')[0] in ('yaml', 'jsonschema_rs', 'email')))\n")
    runs = [subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True,
                           timeout=300) for _ in range(2)]
    assert "LOADED []" not in runs[0].stdout and "LOADED []" in runs[1].stdout, runs[1].stdout[-2000:]
    assert runs[0].stdout.split("LOADED")[0] == runs[1].stdout.split("LOADED")[0]
