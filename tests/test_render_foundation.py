"""The render stage's foundations: sanitised Markdown and the Jinja environment factory."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from jinja2 import UndefinedError
from jinja2.sandbox import SecurityError

from plancc.render.env import ThemeError, make_environment, template_dirs
from plancc.render.markdown import markdown

XSS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<svg onload=alert(1)>",
    "<iframe src=\"https://example.org\"></iframe>",
    "<style>body{display:none}</style>",
    "[x](vbscript:msgbox(1))",
    "<details open ontoggle=alert(1)>",
]


class _Elements(HTMLParser):
    """Every element and attribute in a piece of HTML, as a browser would parse it."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))


@pytest.mark.parametrize("payload", XSS)
def test_markdown_never_passes_script_through(payload: str) -> None:
    parser = _Elements()
    parser.feed(str(markdown(f"Before {payload} after")))
    for tag, attrs in parser.found:
        assert tag in {"p", "a", "strong", "em"}, tag
        for name, value in attrs:
            assert not name.startswith("on"), name
            if name == "href":
                assert (value or "").startswith(("http:", "https:", "mailto:")), value


def test_markdown_keeps_what_officers_write() -> None:
    html = str(markdown("**Early intervention** and *prevention*:\n\n- first\n- second\n\n"
                        "[Policing plan](https://example.org/plan) or [email](mailto:cs@example.org)"))
    assert "<strong>Early intervention</strong>" in html and "<em>prevention</em>" in html
    assert "<li>first</li>" in html
    assert '<a href="https://example.org/plan" rel="noopener noreferrer">Policing plan</a>' in html
    assert 'href="mailto:cs@example.org"' in html


def test_markdown_headings_sit_below_the_page_sections() -> None:
    assert str(markdown("# Heading")).strip() == "<h3>Heading</h3>"


def test_theme_folder_overrides_built_in_templates(tmp_path: Path) -> None:
    (tmp_path / "probe.html").write_text("theme {{ value }}")
    env = make_environment(tmp_path)
    assert env.get_template("probe.html").render(value="<b>") == "theme &lt;b&gt;"
    assert template_dirs(tmp_path)[0] == tmp_path


def test_undefined_values_are_errors(tmp_path: Path) -> None:
    (tmp_path / "probe.html").write_text("{{ missing }}")
    with pytest.raises(ThemeError) as raised:  # the theme's template: reported as the theme's mistake
        make_environment(tmp_path).get_template("probe.html").render()
    assert isinstance(raised.value.__cause__, UndefinedError)
    assert raised.value.diagnostic.rule == "theme-template" and raised.value.diagnostic.line == 1


def test_theme_templates_run_in_the_sandbox(tmp_path: Path) -> None:
    (tmp_path / "probe.html").write_text("{{ ''.__class__.__mro__[1].__subclasses__() }}")
    with pytest.raises(ThemeError) as raised:
        make_environment(tmp_path).get_template("probe.html").render()
    assert isinstance(raised.value.__cause__, SecurityError)
