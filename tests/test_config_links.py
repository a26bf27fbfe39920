"""Links set in plancc.yml (footer links, base_url) may only be web, email or in-site addresses: a
javascript: or data: address would run on every page. Refused with a located config-link error."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import PLANS, run_plancc
from plancc.site_config import load_config, safe_link

BAD = ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)", " javascript:alert(1)",
       "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", "file:///etc/passwd"]
GOOD = ["https://www.example.gov.uk/accessibility", "http://example.org", "mailto:csp@example.org",
        "accessibility.html", "/community-safety/accessibility", "#main-content"]


@pytest.mark.parametrize("url", BAD)
def test_a_footer_link_that_is_not_a_web_or_email_address_is_refused_where_it_is(tmp_path: Path, url: str) -> None:
    config = tmp_path / "plancc.yml"
    config.write_text(f'footer_links:\n  - text: Accessibility\n    url: "{url}"\n')
    found, problems = load_config(config)
    assert found.footer_links == []
    assert [(p.rule, p.line) for p in problems] == [("config-link", 3)]
    assert not safe_link(url)


@pytest.mark.parametrize("url", GOOD)
def test_web_email_and_in_site_links_are_kept(tmp_path: Path, url: str) -> None:
    config = tmp_path / "plancc.yml"
    config.write_text(f'footer_links:\n  - text: Accessibility\n    url: "{url}"\n')
    found, problems = load_config(config)
    assert problems == [] and found.footer_links == [{"text": "Accessibility", "url": url}]


def test_base_url_must_be_a_web_address(tmp_path: Path) -> None:
    config = tmp_path / "plancc.yml"
    config.write_text("base_url: javascript:alert(1)//\n")
    found, problems = load_config(config)
    assert found.base_url == "" and [(p.rule, p.line) for p in problems] == [("config-link", 1)]


def test_a_build_with_a_script_link_stops_before_publishing(tmp_path: Path) -> None:
    config = tmp_path / "plancc.yml"
    config.write_text("footer_links:\n  - text: Click\n    url: javascript:alert(document.cookie)\n")
    result = run_plancc("build", str(PLANS / "staffordshire-ni16-2010.yaml"), "--out", str(tmp_path / "site"),
                        "--config", str(config), "--no-a11y")
    assert result.returncode == 1
    assert "config-link" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()
