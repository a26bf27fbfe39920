"""Publish stage: build the site folder a publisher uploads, losing nothing that was published.

The new site is built in a fresh folder beside the old one; `--out` (build/site) is a
symbolic link that is switched to the new folder in one atomic rename when the build is
complete, so a build stopped at any moment (SIGKILL included) leaves the previous site whole.
A plan with errors is not published: its last good output is carried into the new site.
A plan whose file, templates and settings are unchanged is copied from the old site, not
rendered again.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import uuid
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterable

from plancc import __version__
from plancc import build_lock
from plancc.build_lock import site_lock, switch_site, tidy_site
from plancc.diagnostics import Diagnostic, has_errors
from plancc.site_config import SiteConfig
from plancc.slugs import plan_slugs
from plancc.user_errors import reported_as_users

MANIFEST = "manifest.json"
REPORT = "report"  # the folder of the latest performance report


@dataclass
class AccessibilityResult:
    """What the accessibility check of a build found, or why it did not run."""

    skipped: str | None = None  # the reason it did not run
    failures: dict[str, str] = field(default_factory=dict)  # page -> axe's violations, in words
    pages: int = 0
    blocked: list[str] = field(default_factory=list)  # each address a page asked for and was refused, in words


@dataclass
class Built:
    """What happened to one plan in a build."""

    file: str
    slug: str
    outcome: str  # built, reused, kept (errors: last good output kept), failed, skipped
    diagnostics: list[Diagnostic] = field(default_factory=list)
    entry: dict[str, Any] | None = None
    fingerprint: str = ""


def _digest(parts: Iterable[bytes]) -> str:
    hashed = hashlib.sha256()
    for part in parts:
        hashed.update(hashlib.sha256(part).digest())
    return hashed.hexdigest()


def _template_files(config: SiteConfig) -> list[Path]:
    from plancc.render.env import template_dirs

    from plancc.render.theme_files import theme_files

    return sorted(p for d in template_dirs(config.theme) for p in theme_files(d).files.values())


def _plancc_files() -> list[Path]:
    """plancc's own code and schema: a page depends on them as much as on the templates."""
    from plancc.resources import schema_path

    package = Path(__file__).resolve().parent
    return sorted(package.rglob("*.py")) + [schema_path()]


def environment_fingerprint(config: SiteConfig, drafts: bool) -> str:
    """What every page depends on besides its plan: plancc, the templates and assets, the settings."""
    settings = json.dumps({**config.template_site(), "theme": str(config.theme), "drafts": drafts,
                           "statuses": config.publish_statuses, "licence": config.licence}, sort_keys=True)
    files = _plancc_files() + _template_files(config)
    return _digest([__version__.encode(), settings.encode(), *(p.read_bytes() for p in files)])


def build_date() -> date:
    """Today, or the date of SOURCE_DATE_EPOCH when set, so two builds of the same input are identical."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
    return date.today()


def _render_one(file: str, folder: str, slug: str, config: SiteConfig, roots: list[str]) -> Built:
    """Render a plan's page, PDF and data into `folder` (run in a worker process)."""
    from plancc.opendata import write_open_data
    from plancc.pdf import write_pdf
    from plancc.render.context import day_text
    from plancc.render.page import checked_model, page_html
    from plancc.render.status_view import counts_words, plan_status

    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    downloads = [{"href": f"{slug}.pdf", "text": "Download the PDF"},
                 {"href": "data/datapackage.json", "text": "Open data (CSV and JSON)"}]
    plan, diagnostics = checked_model(file)
    if plan is None:
        return Built(file, slug, "failed", diagnostics)
    page = page_html(plan, {**config.template_site(), "home": "../../index.html"}, config.theme, "../../assets/",
                     downloads)
    (target / "index.html").write_text(page, encoding="utf-8")
    # The PDF's page links to nothing on this machine: no site navigation, no downloads, assets by file URI.
    printable = page_html(plan, {**config.template_site(), "home": ""}, config.theme, Path(roots[0]).as_uri() + "/")
    refused = write_pdf(printable, target, [Path(r) for r in roots] + [Path(file).parent.resolve()],
                        target / f"{slug}.pdf", file)
    write_open_data(plan, target / "data", slug)
    versions = plan.data.get("versions") or []
    updated = plan.as_at or (versions[-1]["date"] if versions else None)
    entry = {"title": plan.title, "partnership": plan.data["partnership"], "status": plan.status,
             "version": plan.version or "", "updated": day_text(updated),
             "period": f"{day_text(plan.start.start)} to {day_text(plan.end.end)}" if plan.start and plan.end
                       else "",
             "href": f"plans/{slug}/index.html", "pdf": f"plans/{slug}/{slug}.pdf",
             "data": f"plans/{slug}/data/datapackage.json", "progress": counts_words(plan_status(plan)),
             "as_at": plan.as_at.isoformat() if plan.as_at else ""}
    return Built(file, slug, "failed" if refused else "built", diagnostics + refused, entry)


def _old_site(out: Path) -> tuple[Path | None, dict[str, Any]]:
    if not out.exists():
        return None, {}
    root = out.resolve()
    try:
        return root, json.loads((root / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return root, {}


def build_site(files: list[str], out: Path, config: SiteConfig, drafts: bool = False, jobs: int = 1,
               progress: Callable[[Built], None] | None = None, accessibility: bool = True,
               waiting: Callable[[str], None] | None = None,
               wait: float | None = None) -> tuple[list[Built], AccessibilityResult]:
    """Build the site for `files` into `out`: what happened to each plan, and the accessibility check.

    Where the check finds a violation, the new site is not switched in: the old one stays. One build at a
    time: another build of `out` is waited for (told through `waiting`) for up to `wait` seconds, then
    BuildBusy is raised (default: build_lock.WAIT_SECONDS)."""
    with reported_as_users(out), site_lock(out, build_lock.WAIT_SECONDS if wait is None else wait, waiting):
        staging = out.parent / f".{out.name}-{uuid.uuid4().hex[:12]}"
        staging.mkdir()
        try:
            return _build_locked(files, out, staging, config, drafts, jobs, progress, accessibility)
        except BaseException:  # a full disk, a theme's mistake, an interrupt: no half-built folder is left
            shutil.rmtree(staging, ignore_errors=True)
            raise


def _build_locked(files: list[str], out: Path, staging: Path, config: SiteConfig, drafts: bool, jobs: int,
                  progress: Callable[[Built], None] | None,
                  accessibility: bool) -> tuple[list[Built], AccessibilityResult]:
    from plancc.pipeline import check_file
    from plancc.render.env import template_dirs

    old_root, old_manifest = _old_site(out)
    _copy_assets(staging / "assets", config)
    publish_schema(staging)
    env = environment_fingerprint(config, drafts)
    roots = [str((staging / "assets").resolve()), *(str(d.resolve()) for d in template_dirs(config.theme))]
    slugs, unpublishable = plan_slugs(files)
    results: list[Built] = []
    to_render: list[Built] = []
    carried: set[str] = set()
    for file in files:
        slug = slugs[file]
        checked = check_file(file)
        diagnostics = checked.diagnostics + unpublishable.get(file, [])
        fingerprint = _digest([Path(file).read_bytes(), env.encode()])
        old = old_manifest.get("plans", {}).get(slug) if slug else None
        if has_errors(diagnostics):
            results.append(_keep_last_good(Built(file, slug, "failed", diagnostics), old, old_root, staging,
                                           carried, shared=file in unpublishable))
        elif not drafts and _status(file) not in config.publish_statuses:
            results.append(Built(file, slug, "skipped", diagnostics))
        elif old and old.get("fingerprint") == fingerprint and old_root and _carry(old_root, staging, slug):
            results.append(Built(file, slug, "reused", diagnostics, old["entry"], fingerprint))
        else:
            to_render.append(Built(file, slug, "pending", diagnostics, None, fingerprint))
        if progress and results and results[-1].file == file:
            progress(results[-1])
    for built in _render_all(to_render, staging, config, roots, jobs):
        results.append(built)
        if progress:
            progress(built)
    results.sort(key=lambda b: b.file)
    report = _write_latest_report(staging, results, config)
    _write_index(staging, results, config, report)
    reference_reused = _write_reference(staging, config, env, old_root, old_manifest)
    manifest = {"plancc": __version__, "environment": env,
                "plans": {b.slug: {"fingerprint": b.fingerprint, "entry": b.entry, "source": _source(b.file)}
                          for b in results if b.entry is not None}}
    (staging / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    verdict = (check_accessibility(staging, results, not reference_reused) if accessibility
               else AccessibilityResult("turned off (--no-a11y)"))
    if verdict.failures or verdict.blocked:
        shutil.rmtree(staging, ignore_errors=True)
        return results, verdict
    switch_site(out, staging)
    tidy_site(out, keep=staging)
    return results, verdict


def _keep_last_good(built: Built, old: dict[str, Any] | None, old_root: Path | None, staging: Path,
                    carried: set[str], shared: bool) -> Built:
    """A plan with errors: its last good output carried into the new site ("kept"), where it has one, or
    nothing ("failed"). Where the plan's address is shared with another file, the output there is kept
    once, as the output of the file the site last published it from."""
    if old is None or old_root is None or built.slug in carried:
        return built
    if shared and old.get("source", _source(built.file)) != _source(built.file):
        return built
    if not _carry(old_root, staging, built.slug):
        return built
    carried.add(built.slug)
    return Built(built.file, built.slug, "kept", built.diagnostics, old["entry"], old["fingerprint"])


def _source(file: str) -> str:
    """Which plan file a published plan came from, as the manifest records it: its path from the folder
    plancc runs in, or only its name when it lies elsewhere (no path of the builder's machine is published)."""
    path = Path(file).resolve()
    try:
        return path.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.name


def check_accessibility(staging: Path, results: list[Built], reference: bool = True) -> AccessibilityResult:
    """axe-core's WCAG 2.2 AA rules in Chromium, at a phone's width and a desktop's, over the index, the
    format reference when it is new, and each page built this time (pages carried over unchanged were
    checked when they were built); at each width, the page must also reflow (no sideways scroll, even
    with wider text spacing), draw no text under 12 px, and name every region that scrolls. Each address a
    page asks for (the browser fetches nothing, so each request was stopped) is reported in `blocked`, and
    the site is not published."""
    from plancc import a11y
    from plancc.a11y.blocked import blocked_requests

    pages = [staging / "index.html", *([staging / "format.html"] if reference else []),
             *([staging / REPORT / "index.html"] if (staging / REPORT / "index.html").is_file() else [])] + [
        staging / "plans" / b.slug / "index.html" for b in results if b.outcome == "built"]
    try:
        reports = a11y.check_pages(pages, scripts=False, widths=a11y.WIDTHS)
    except a11y.ToolsMissing as missing:
        return AccessibilityResult(skipped=str(missing))
    failures = {str(p.relative_to(staging)): "\n".join(filter(None, [
                    a11y.format_violations(r.violations or []), *r.layout_problems()]))
                for p, r in reports.items() if r.violations or r.layout_problems()}
    return AccessibilityResult(None, failures, len(pages), blocked_requests(reports, staging))


def _render_all(pending: list[Built], staging: Path, config: SiteConfig, roots: list[str], jobs: int) -> list[Built]:
    def folder(b: Built) -> str:
        return str(staging / "plans" / b.slug)

    if jobs > 1 and len(pending) > 1:
        with ProcessPoolExecutor(max_workers=min(jobs, len(pending))) as pool:
            done = list(pool.map(_render_one, [b.file for b in pending], [folder(b) for b in pending],
                                 [b.slug for b in pending], [config] * len(pending), [roots] * len(pending)))
    else:
        done = [_render_one(b.file, folder(b), b.slug, config, roots) for b in pending]
    for before, after in zip(pending, done):
        after.diagnostics = before.diagnostics + [d for d in after.diagnostics if d not in before.diagnostics]
        after.fingerprint = before.fingerprint
        if after.outcome == "failed":
            shutil.rmtree(staging / "plans" / after.slug, ignore_errors=True)
            after.entry = None
    return done


def _status(file: str) -> str:
    from plancc.loader import load_file

    loaded = load_file(file)
    return str(loaded.data.get("status", "")) if loaded.ok else ""


def _carry(old_root: Path, staging: Path, slug: str) -> bool:
    """Copy a plan's last good output from the old site into the new one."""
    source = old_root / "plans" / slug
    if not source.is_dir():
        return False
    shutil.copytree(source, staging / "plans" / slug, copy_function=_link_or_copy)
    return True


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)  # the old file is never written again, so sharing it is safe and quick
    except OSError:
        shutil.copy2(source, target)


def publish_schema(staging: Path) -> Path:
    """Put the plan schema in the site at a path that names its version (schemas/plan/1.2/plan.schema.json,
    the version from its $id), so that `base_url` + that path is an address plans and editors can use."""
    from plancc.resources import schema_path
    from plancc.schema_copy import plancc_version

    target = staging / "schemas" / "plan" / plancc_version() / "plan.schema.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(schema_path(), target)
    return target


def _copy_assets(target: Path, config: SiteConfig) -> None:
    from plancc.render.page import copy_assets

    copy_assets(target, config.theme)


def _write_latest_report(staging: Path, results: list[Built], config: SiteConfig) -> dict[str, str] | None:
    """The performance report as at the latest reporting date of the plans published, in report/; where it
    links and what it is called, for the index (None when no published plan has a reporting date)."""
    from plancc.render.page import checked_model
    from plancc.report.build import build_report, report_date
    from plancc.report.view import report_title
    from plancc.report.write import write_report

    published = [b for b in results if b.outcome in ("built", "reused") and b.entry and b.entry.get("as_at")]
    plans = [plan for plan in (checked_model(b.file)[0] for b in published) if plan is not None]
    day = report_date(plans, None, None)
    if day is None:
        return None
    report = build_report(plans, day, None)
    if not report.plans:
        return None
    links = {b.file: f"../plans/{b.slug}/index.html" for b in published}
    write_report(report, staging / REPORT, config, {"home": "../index.html", "assets": "../assets/"}, links)
    return {"href": f"{REPORT}/index.html", "title": report_title(report)}


def _write_index(staging: Path, results: list[Built], config: SiteConfig, report: dict[str, str] | None) -> None:
    from plancc.render.env import make_environment

    env = make_environment(config.theme)
    entries = [b.entry for b in results if b.entry is not None]
    site = {**config.template_site(), "home": "index.html"}
    html = env.get_template("index.html").render(plans=entries, site=site, assets="assets/", report=report,
                                                 built=build_date().strftime("%-d %B %Y"), licence=config.licence)
    (staging / "index.html").write_text(html, encoding="utf-8")


def _write_reference(staging: Path, config: SiteConfig, env_fingerprint: str, old_root: Path | None,
                     old_manifest: dict[str, Any]) -> bool:
    """Write the format reference page, or carry it over when nothing it depends on changed (True)."""
    from plancc.reference import format_reference
    from plancc.render.env import make_environment
    from plancc.render.markdown import reference_html

    old = old_root / "format.html" if old_root else None
    if old is not None and old.is_file() and old_manifest.get("environment") == env_fingerprint:
        _link_or_copy(str(old), str(staging / "format.html"))
        return True
    site = {**config.template_site(), "home": "index.html"}
    page = make_environment(config.theme).get_template("reference.html").render(
        body=reference_html(format_reference()), site=site, assets="assets/")
    (staging / "format.html").write_text(page, encoding="utf-8")
    return False
