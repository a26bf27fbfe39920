"""The site config file (plancc.yml at the repository's top, like mkdocs.yml), with defaults."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit
from typing import Any

from plancc.diagnostics import Diagnostic, Span, error

CONFIG_NAME = "plancc.yml"
KEYS = {
    "site_title": "The site's title, shown at the top of every page.",
    "council": "The council or partnership that publishes the site.",
    "base_url": "Where the site will be published, e.g. https://www.example.gov.uk/community-safety/.",
    "theme": "A folder of templates and assets that override the built-in ones (relative to plancc.yml).",
    "publish_statuses": "Which plan statuses go on the site (default: approved and published).",
    "footer_links": "Extra links in the footer: a list of {text, url}.",
    "licence": "The open-data licence of the downloads (default: Open Government Licence v3.0).",
    "performance": "How status is judged for every plan: tolerance, same, words, actuals_due (see the format "
                   "reference; a plan's own performance block wins).",
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
    performance: dict[str, Any] = field(default_factory=dict)

    def template_site(self) -> dict[str, Any]:
        return {"title": self.site_title, "council": self.council, "home": "",
                "footer_links": self.footer_links, "base_url": self.base_url}


def load_config(path: Path | None) -> tuple[SiteConfig, list[Diagnostic]]:
    """The site config at `path` (or plancc.yml here); defaults where it is absent."""
    from plancc.load.loader import load_file  # not needed to find the config file (nearest_config)

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
        elif key == "performance":
            config.performance, found = _performance(value, loaded, path)
            problems.extend(found)
        elif key == "footer_links":
            config.footer_links = [{"text": str(v.get("text", "")), "url": str(v.get("url", ""))}
                                   for v in (value or []) if isinstance(v, dict)]
            problems.extend(_unsafe_link(link["url"], loaded, path, ("footer_links", i, "url"))
                            for i, link in enumerate(config.footer_links) if not safe_link(link["url"]))
            config.footer_links = [link for link in config.footer_links if safe_link(link["url"])]
        elif key == "base_url" and value is not None and not safe_link(str(value), web_only=True):
            problems.append(_unsafe_link(str(value), loaded, path, ("base_url",)))
        elif value is not None:
            setattr(config, key, str(value))
    return config, problems


def _performance(value: Any, loaded: Any, path: Path) -> tuple[dict[str, Any], list[Diagnostic]]:
    """plancc.yml's performance block, checked against the plan schema's definition of it."""
    import jsonschema

    from plancc.validate.schema import plan_schema

    schema = {**plan_schema()["$defs"]["performance"], "$defs": plan_schema()["$defs"]}
    found = []
    for problem in sorted(jsonschema.Draft202012Validator(schema).iter_errors(value), key=lambda e: list(e.path)):
        where = ("performance", *problem.path)
        said = "is not written in the form it needs" if problem.validator == "pattern" else f"is wrong: {problem.message}"
        found.append(error("config-performance", f"The setting {'.'.join(map(str, where))} {said}.", str(path),
                           loaded.span(where) or Span.point(1, 1), value=problem.instance,
                           hint="tolerance and same are written 5% or 2 points; actuals_due as 6 weeks; words "
                                "has on-target, close, off-target, no-data and no-target."))
    return (value if isinstance(value, dict) and not found else {}), found


def nearest_config(plan_file: str) -> Path | None:
    """The plancc.yml nearest a plan: in its folder or the closest folder above it, if there is one."""
    folder = Path(plan_file).resolve().parent
    return next((c / CONFIG_NAME for c in (folder, *folder.parents) if (c / CONFIG_NAME).is_file()), None)


def performance_settings(plan_file: str) -> dict[str, Any]:
    """The performance block of the plancc.yml nearest a plan (so a plan is judged the same from wherever
    plancc runs), or nothing."""
    found = nearest_config(plan_file)
    return _performance_in(str(found)) if found else {}


@lru_cache(maxsize=8)
def _performance_in(path: str) -> dict[str, Any]:
    config, _ = load_config(Path(path))
    return config.performance


LINK_SCHEMES = ("http", "https", "mailto")


def safe_link(url: str, web_only: bool = False) -> bool:
    """Whether a configured address may appear on a page: http, https or mailto (as a plan's own links may),
    or a link within the site. Spaces and control characters, which browsers drop, do not hide a scheme."""
    plain = "".join(ch for ch in url if ch.isprintable() and not ch.isspace())
    scheme = urlsplit(plain).scheme.lower() if ":" in plain else ""
    if web_only:
        return scheme in ("http", "https")
    return scheme in LINK_SCHEMES or (scheme == "" and ":" not in plain.split("/", 1)[0])


def _unsafe_link(url: str, loaded: Any, path: Path, where: tuple[Any, ...]) -> Diagnostic:
    shown = url if len(url) <= 60 else url[:57] + "..."
    return error("config-link", f"The address '{shown}' in {CONFIG_NAME} is not a web or email address, so it is "
                 "left out of every page.", str(path), loaded.span(where) or Span.point(1, 1), value=url,
                 hint="Write the full web address (https://...), an email address as mailto:..., or a page of the "
                      "site.")
