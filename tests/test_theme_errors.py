"""A mistake in a council's theme template is the council's: the message names the template and its line,
never "a bug in plancc", and a build keeps the published site."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import PLANS, run_plancc

PLAN = str(PLANS / "staffordshire-ni16-2010.yaml")
BROKEN = {
    "undefined": ("<p>{{ plan.titel }}</p>", "'dict object' has no attribute 'titel'"),
    "syntax": ("<p>{{ plan.title }</p>", "unexpected '}'"),
    "sandbox": ("<p>{{ plan.__class__.__mro__ }}</p>", "is unsafe"),
    "filter": ("<p>{{ plan.title | no_such_filter }}</p>", "no_such_filter"),
}


def _theme(tmp_path: Path, line: str) -> Path:
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "plan.html").write_text('{% extends "base.html" %}\n{% block main %}\n<h1>Plan</h1>\n' + line +
                                     "\n{% endblock %}\n")
    return theme


@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_a_theme_template_mistake_is_located_in_the_template(tmp_path: Path, kind: str) -> None:
    line, words = BROKEN[kind]
    theme = _theme(tmp_path, line)
    result = run_plancc("render", PLAN, "--theme", str(theme), "-o", str(tmp_path / "page.html"))
    assert result.returncode == 1
    assert f"{theme / 'plan.html'}:4:1: error [theme-template]" in result.stderr
    assert words in result.stderr
    assert "bug in plancc" not in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "page.html").exists()


def test_a_build_with_a_broken_theme_keeps_the_published_site(tmp_path: Path) -> None:
    out = tmp_path / "site"
    first = run_plancc("build", PLAN, "--out", str(out), "--no-a11y")
    assert first.returncode == 0, first.stderr
    before = sorted(p.name for p in out.resolve().rglob("*"))
    theme = _theme(tmp_path, BROKEN["undefined"][0])
    (tmp_path / "plancc.yml").write_text(f"theme: {theme}\n")
    second = run_plancc("build", PLAN, "--out", str(out), "--no-a11y", "--config", str(tmp_path / "plancc.yml"))
    assert second.returncode == 1 and "theme-template" in second.stderr and "bug in plancc" not in second.stderr
    assert sorted(p.name for p in out.resolve().rglob("*")) == before
