"""plancc preview: the page is served on 127.0.0.1, rendered again on save, errors shown over the last good page.

The watcher survives anything a save can cause: a stage that raises, a report that raises, the
file deleted and brought back. The waits are bounded polls for an event, not speed targets
(benchmarks/preview_speed.py measures the speed).
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import pytest

import plancc.preview
from conftest import DATA, PLANS
from plancc.diagnostics import error
from plancc.preview import PreviewState, _banner, status_line
from preview_support import running_preview, save_until_rendered, wait_for


def test_preview_refreshes_on_save_and_keeps_the_last_good_page(tmp_path: Path) -> None:
    with running_preview(tmp_path, PLANS / "staffordshire-ni16-2010.yaml") as preview:
        page = preview.get()
        assert "Serious Acquisitive Crime Delivery Plan</h1>" in page
        assert "location.reload()" in page and 'role="status"' not in page.split("<main")[1]
        assert preview.get("assets/plancc.css").startswith("/*")

        text = preview.plan.read_text().replace("title: Serious Acquisitive Crime Delivery Plan", "title: Revised plan")
        save_until_rendered(preview, text)
        assert "Revised plan</h1>" in preview.get()

        save_until_rendered(preview, text.replace("status: published", "status: final"))
        page = preview.get()
        assert 'role="alert"' in page
        assert "Line 14, column 9:</strong> Status (&#x27;status&#x27;) must be one of" in page
        assert "Revised plan</h1>" in page  # the last good page, under the problems
        assert status_line(preview.state) == "1 error, showing the last good page"


def test_a_stage_that_raises_is_shown_as_plancc_s_fault_and_the_next_save_renders(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]) -> None:
    real = plancc.preview.render_plan
    reports: list[str] = []

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise OverflowError("date value out of range\n  (more detail)")

    with running_preview(tmp_path, DATA / "minimal.yaml", lambda s: reports.append(status_line(s))) as preview:
        text = preview.plan.read_text()
        monkeypatch.setattr(plancc.preview, "render_plan", broken)
        save_until_rendered(preview, text.replace("title: Minimal plan", "title: Broken save"))
        page = preview.get()
        assert "this is a fault in plancc, not in your plan" in page
        assert "<code>OverflowError: date value out of range</code>" in page
        assert "Minimal plan</h1>" in page  # the last good page stays under the banner
        assert "Line 0" not in page
        assert reports[-1] == ("plancc could not show this save (a fault in plancc, not in your plan): "
                               "OverflowError: date value out of range")

        monkeypatch.setattr(plancc.preview, "render_plan", real)
        save_until_rendered(preview, text.replace("title: Minimal plan", "title: Mended plan"))
        page = preview.get()
        assert "Mended plan</h1>" in page and "fault in plancc" not in page
        assert reports[-1] == "page updated"
    assert "Traceback" not in capfd.readouterr().err


def test_the_watcher_outlives_a_report_that_raises(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    calls: list[int] = []

    def report(state: PreviewState) -> None:
        calls.append(state.version)
        if len(calls) == 1:
            raise RuntimeError("the terminal went away")

    with running_preview(tmp_path, DATA / "minimal.yaml", report) as preview:
        text = preview.plan.read_text()
        save_until_rendered(preview, text.replace("title: Minimal plan", "title: First save"))
        wait_for(lambda: len(calls) >= 1, "report the first save")
        save_until_rendered(preview, text.replace("title: Minimal plan", "title: Second save"))
        wait_for(lambda: len(calls) >= 2, "report the second save")
        assert "Second save</h1>" in preview.get()
    err = capfd.readouterr().err
    assert "Traceback" not in err
    assert "plancc preview: the preview could not handle a save (a bug in plancc): RuntimeError: the terminal went away" in err


def test_a_deleted_plan_is_named_as_gone_not_at_line_0_and_comes_back_when_saved(tmp_path: Path) -> None:
    with running_preview(tmp_path, DATA / "minimal.yaml") as preview:
        text = preview.plan.read_text()
        save_until_rendered(preview, text)  # the watcher is running
        before = preview.state.version
        preview.plan.unlink()
        wait_for(lambda: preview.state.version > before and preview.state.diagnostics != [], "see the deletion")
        page = preview.get()
        gone = f"The file {preview.plan} is not there any more (deleted or renamed)."
        assert f"<strong>Whole file:</strong> {gone}" in page
        assert "Save it again (or rename it back) to see the page." in page
        assert "Line 0" not in page and "column 0" not in page
        assert "Minimal plan</h1>" in page  # the last good page is still shown
        assert status_line(preview.state) == f"{gone} Save it again (or rename it back) to see the page."

        save_until_rendered(preview, text.replace("title: Minimal plan", "title: Back again"))
        page = preview.get()
        assert "Back again</h1>" in page and "not there any more" not in page


def test_a_plan_renamed_away_is_gone_too(tmp_path: Path) -> None:
    with running_preview(tmp_path, DATA / "minimal.yaml") as preview:
        save_until_rendered(preview, preview.plan.read_text())
        before = preview.state.version
        preview.plan.rename(tmp_path / "renamed.yaml")
        wait_for(lambda: preview.state.version > before and preview.state.diagnostics != [], "see the rename")
        assert "is not there any more (deleted or renamed)" in preview.get()


def test_a_problem_with_no_place_in_the_file_is_not_put_at_line_0() -> None:
    unreadable = error("file-unreadable", "The file could not be opened: Permission denied.", "plans/x.yaml",
                       hint="Check that you may read it.")
    banner = _banner([unreadable], has_page=False)
    assert "<strong>Whole file:</strong> The file could not be opened: Permission denied." in banner
    assert "Line 0" not in banner and "column 0" not in banner


def test_a_folder_in_place_of_the_plan_is_reported_in_words(tmp_path: Path) -> None:
    folder = tmp_path / "plan.yaml"
    folder.mkdir()
    state = PreviewState(folder)
    state.refresh()
    assert state.failure is None and state.version == 1
    [problem] = state.diagnostics
    assert problem.span is None and status_line(state) == f"{problem.message} {problem.hint}"
    assert f"<strong>Whole file:</strong> {html.escape(problem.message)}" in state.page() and "Line 0" not in state.page()
