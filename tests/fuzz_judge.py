"""The fuzz property: what every plan file, however broken, must get from `check` and `render`.

- No exception escapes either stage, and neither takes more than 20 seconds (a hang).
- No diagnostic is plancc-internal or calls the user's mistake "a bug in plancc".
- Every diagnostic is located: a line (and column) inside the file, but for the few that are about
  the file as a whole (FILE_LEVEL).
- Check and render judge the plan alike: a plan check finds no errors in is rendered, and a plan
  render refuses has errors from check, which render shows as well.

`judge` runs both stages as the commands do, on a file, and returns what failed (nothing when all
holds). `fast_templates` keeps the page's compiled templates between examples: compiling them takes
most of a render's time, and has nothing to do with the plan.
"""

from __future__ import annotations

import faulthandler
import signal
import traceback
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import FrameType
from typing import Any, Callable, Iterator, TypeVar

from plancc.diagnostics import Diagnostic, Severity, has_errors
from plancc.pipeline import check_file
from plancc.render.page import Rendered, render_plan

LIMIT = 20.0  # seconds a stage may take on one file; longer is a hang
FILE_LEVEL = frozenset({"checks-not-run", "file-unreadable"})  # about the whole file: no line to point at
SOURCE = str(Path(check_file.__code__.co_filename).parent)
T = TypeVar("T")


class Hang(BaseException):
    """A stage ran past its time limit (a BaseException, so that no `except Exception` in plancc hides it)."""


@dataclass(frozen=True)
class Failure:
    """One way an example broke the property; `kind` and `where` name it among the others like it."""

    kind: str
    where: str
    detail: str

    def __str__(self) -> str:
        return f"{self.kind} at {self.where}: {self.detail}"


@contextmanager
def time_limit(seconds: float, stage: str) -> Iterator[None]:
    """Raise Hang in the stage after `seconds`; should it be stuck in C code that never returns to Python,
    stop the whole process with every thread's traceback after three times as long."""

    def on_alarm(signum: int, frame: FrameType | None) -> None:
        raise Hang(f"{stage} took over {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    faulthandler.dump_traceback_later(seconds * 3, exit=True)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        faulthandler.cancel_dump_traceback_later()


@contextmanager
def fast_templates() -> Iterator[None]:
    """Render with one compiled copy of the templates for every example."""
    from plancc.render import page

    original = page.make_environment
    page.make_environment = cache(original)
    try:
        yield
    finally:
        page.make_environment = original


def origin(exc: BaseException) -> str:
    """Where in plancc an exception was raised: the innermost frame in its source (or the innermost at all)."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if f.filename.startswith(SOURCE)] or frames
    if not ours:
        return "?"
    frame = ours[-1]
    name = str(Path(frame.filename).relative_to(Path(SOURCE).parent)) if frame.filename.startswith(SOURCE) else \
        frame.filename
    return f"{name}:{frame.lineno} ({frame.name})"


def _stage(name: str, run: Callable[[], T], failures: list[Failure]) -> T | None:
    try:
        with time_limit(LIMIT, name):
            return run()
    except Hang as exc:
        failures.append(Failure("hang", f"{name}: {origin(exc)}", str(exc)))
    except Exception as exc:  # noqa: BLE001 - any exception is what the property looks for
        failures.append(Failure("exception", f"{name}: {origin(exc)}", f"{type(exc).__name__}: {str(exc)[:200]}"))
    return None


def _diagnostic_failures(stage: str, found: list[Diagnostic], lines: int) -> list[Failure]:
    failures: list[Failure] = []
    for d in found:
        if d.rule == "plancc-internal" or "bug in plancc" in d.message:
            failures.append(Failure("internal", f"{stage}: {d.rule}", d.message[:300]))
        elif d.rule not in FILE_LEVEL and (d.span is None or not 1 <= d.line <= lines or d.column < 1):
            failures.append(Failure("unlocated", f"{stage}: {d.rule}", f"line {d.line}, column {d.column} "
                                    f"(the file has {lines} lines): {d.message[:200]}"))
    return failures


def _agreement(checked: list[Diagnostic], rendered: Rendered) -> list[Failure]:
    if has_errors(checked) and rendered.html is not None:
        errors = [d.rule for d in checked if d.severity is Severity.ERROR and d.suppressed is None]
        return [Failure("disagree", "check has errors, render wrote a page", f"check's errors: {errors[:5]}")]
    if not has_errors(checked) and rendered.html is None:
        shown = [f"{d.rule} ({d.severity})" for d in rendered.diagnostics][:5]
        return [Failure("disagree", "check has no errors, render refused", f"render's diagnostics: {shown}")]
    if rendered.html is None and not has_errors(rendered.diagnostics):
        return [Failure("disagree", "render refused and showed no error", "")]
    return []


def judge(path: Path) -> list[Failure]:
    """Check and render the file as `plancc check` and `plancc render` do; every way the property broke."""
    failures: list[Failure] = []
    lines = len(path.read_bytes().decode("utf-8", "replace").splitlines()) + 1
    checked = _stage("check", lambda: check_file(str(path)).diagnostics, failures)
    rendered = _stage("render", lambda: render_plan(path), failures)
    if checked is not None:
        failures += _diagnostic_failures("check", checked, lines)
    if rendered is not None:
        failures += _diagnostic_failures("render", rendered.diagnostics, lines)
    if checked is not None and rendered is not None:
        failures += _agreement(checked, rendered)
    return failures


def explain(failures: list[Failure], about: Any) -> str:
    """A failed example for a test's message: what was done, then each failure."""
    return f"{about}\n" + "\n".join(f"  {f}" for f in failures)
