"""The site config file (plancc.yml at the repository's top, like mkdocs.yml), with defaults."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from plancc.diagnostics import Diagnostic, Span, error
from plancc.loader import load_file

CONFIG_NAME = "plancc.yml"
KEYS = {
    "site_title": "The site's title, shown at the top of every page.",
    "council": "The council or partnership that publishes the site.",
    "base_url": "Where the site will be published, e.g. https://www.example.gov.uk/community-safety/.",
    "theme": "A folder of templates and assets that override the built-in ones (relative to plancc.yml).",
    "publish_statuses": "Which plan statuses go on the site (default: approved and published).",
    "footer_links": "Extra links in the footer: a list of {text, url}.",
    "licence": "The open-data licence of the downloads (default: Open Government Licence v3.0).",
}


@dataclass
class SiteConfig:
    site_title: str = "Community safety plans"
    council: str = ""
    base_url: str = ""
    theme: Path | None = None
    publish_statuses: list[str] = field(default_factory=lambda: ["approved", "published"])
    footer_links: list[dict[str, str]] = field(default_factory=list)
    licence: str = "Open Government Licence v3.0"

    def template_site(self) -> dict[str, Any]:
        return {"title": self.site_title, "council": self.council, "home": "",
                "footer_links": self.footer_links, "base_url": self.base_url}


def load_config(path: Path | None) -> tuple[SiteConfig, list[Diagnostic]]:
    """The site config at `path` (or plancc.yml here); defaults where it is absent."""
    path = path or Path(CONFIG_NAME)
    config = SiteConfig()
    if not path.exists():
        return config, []
    loaded = load_file(path)
    if not loaded.ok:
        return config, loaded.diagnostics
    problems = list(loaded.diagnostics)
    for key, value in loaded.data.items():
        if key not in KEYS:
            problems.append(error("config-unknown-key", f"'{key}' is not a setting of {CONFIG_NAME}.", str(path),
                                  loaded.key_span((key,)) or Span.point(1, 1),
                                  hint="The settings are: " + ", ".join(KEYS) + "."))
        elif key == "theme" and value:
            config.theme = (path.parent / str(value)).resolve()
            if not config.theme.is_dir():
                problems.append(error("config-theme", f"The theme folder {value} does not exist.", str(path),
                                      loaded.span((key,)), hint="Create the folder, or remove the theme setting."))
        elif key == "publish_statuses":
            config.publish_statuses = [str(v) for v in (value or [])]
        elif key == "footer_links":
            config.footer_links = [{"text": str(v.get("text", "")), "url": str(v.get("url", ""))}
                                   for v in (value or []) if isinstance(v, dict)]
        elif value is not None:
            setattr(config, key, str(value))
    return config, problems
