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
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterable

from plancc import __version__
from plancc import build_lock
from plancc.build_lock import site_lock, switch_site, tidy_site
from plancc.build_render import REPORT, RenderPool, ReportMade, outcome, render_plan, render_report
from plancc.diagnostics import Diagnostic, has_errors
from plancc.site_config import SiteConfig
from plancc.slugs import plan_slugs
from plancc.user_errors import UserError, reported_as_users

MANIFEST = "manifest.json"


@dataclass
class AccessibilityResult:
    """What the accessibility check of a build found, or why it did not run."""

    skipped: str | None = None  # the reason it did not run
    failures: dict[str, str] = field(default_factory=dict)  # page -> axe's violations, in words
    pages: int = 0
    blocked: list[str] = field(default_factory=list)  # each address a page asked for and was refused, in words
    cached: int = 0  # pages whose report was kept from an earlier check of the same page (plancc.a11y.cache)


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


def plan_fingerprint(file: str, env: str) -> str:
    """What a plan's page, PDF and data depend on: its bytes, the nearest plancc.yml (its performance settings
    judge the plan's figures) and the environment (environment_fingerprint). Empty when the file cannot be read
    (the check says why)."""
    from plancc.site_config import nearest_config

    try:
        nearest = nearest_config(file)
        return _digest([Path(file).read_bytes(), nearest.read_bytes() if nearest else b"", env.encode()])
    except OSError:
        return ""


def _template_files(config: SiteConfig) -> list[Path]:
    from plancc.render.env import template_dirs

    from plancc.render.theme_files import theme_files

    return sorted(p for d in template_dirs(config.theme) for p in theme_files(d).files.values())


def environment_fingerprint(config: SiteConfig, drafts: bool) -> str:
    """What every page depends on besides its plan: plancc (its code, schema and the libraries installed, as the
    check cache tells them: plancc.check_cache.plancc_fingerprint), the templates and assets, the settings."""
    from plancc.check_cache import plancc_fingerprint

    settings = json.dumps({**config.template_site(), "theme": str(config.theme), "drafts": drafts,
                           "statuses": config.publish_statuses, "licence": config.licence}, sort_keys=True)
    return _digest([__version__.encode(), plancc_fingerprint().encode(), settings.encode(),
                    *(p.read_bytes() for p in _template_files(config))])


def build_date() -> date:
    """Today, or the date of SOURCE_DATE_EPOCH when set, so two builds of the same input are identical."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
    return date.today()


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
               waiting: Callable[[str], None] | None = None, wait: float | None = None,
               cache: bool = True) -> tuple[list[Built], AccessibilityResult]:
    """Build the site for `files` into `out`: what happened to each plan, and the accessibility check.

    Where the check finds a violation, the new site is not switched in: the old one stays. One build at a
    time: another build of `out` is waited for (told through `waiting`) for up to `wait` seconds, then
    BuildBusy is raised (default: build_lock.WAIT_SECONDS). With `cache`, each plan's check is kept in, and
    taken from, the check cache (plancc.check_cache), as `plancc check` does."""
    with reported_as_users(out), site_lock(out, build_lock.WAIT_SECONDS if wait is None else wait, waiting):
        staging = out.parent / f".{out.name}-{uuid.uuid4().hex[:12]}"
        staging.mkdir()
        try:
            return _build_locked(files, out, staging, config, drafts, jobs, progress, accessibility, cache)
        except BaseException:  # a full disk, a theme's mistake, an interrupt: no half-built folder is left
            shutil.rmtree(staging, ignore_errors=True)
            raise


def _build_locked(files: list[str], out: Path, staging: Path, config: SiteConfig, drafts: bool, jobs: int,
                  progress: Callable[[Built], None] | None, accessibility: bool,
                  cache: bool = True) -> tuple[list[Built], AccessibilityResult]:
    old_root, old_manifest = _old_site(out)
    env = environment_fingerprint(config, drafts)
    prints = {file: plan_fingerprint(file, env) for file in files}
    old_plans = old_manifest.get("plans", {})
    slugs = plan_slugs(files)
    changed = sum(old_plans.get(slug or "", {}).get("fingerprint") != prints[file] for file, slug in slugs[0].items())
    with RenderPool(min(jobs, changed + 1), config.theme) as pool:  # the plans changed and the report
        if changed:
            pool.start()  # the workers import WeasyPrint while this process checks the plans
        results, rendering = _check_and_hand_out(files, slugs, staging, config, drafts, prints, old_root,
                                                 old_plans, pool, cache, progress)
        carried, report = _report(results, rendering, staging, config, env, old_root, old_manifest, pool)
        reference_reused = _write_reference(staging, config, env, old_root, old_manifest)  # while they render
        crashed: list[Diagnostic] = []
        for pending, future in rendering:
            done = outcome(future, pending.file, crashed)
            if done is not None:
                results.append(_rendered(pending, done, staging))
                if progress:
                    progress(results[-1])
        if crashed:  # the site is not switched: the previous one stays
            raise UserError(crashed)
        report_key, link = _report_result(carried, report, results, staging, config, env)
    results.sort(key=lambda b: b.file)
    _write_index(staging, results, config, link)
    manifest = {"plancc": __version__, "environment": env, "report": {"key": report_key, "link": link},
                "plans": {b.slug: {"fingerprint": b.fingerprint, "entry": b.entry, "source": _source(b.file)}
                          for b in results if b.entry is not None}}
    (staging / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    verdict = (check_accessibility(staging, results, not reference_reused, cache) if accessibility
               else AccessibilityResult("turned off (--no-a11y)"))
    if verdict.failures or verdict.blocked:
        shutil.rmtree(staging, ignore_errors=True)
        return results, verdict
    switch_site(out, staging)
    tidy_site(out, keep=staging)
    return results, verdict


def _check_and_hand_out(files: list[str], slugged: tuple[dict[str, str], dict[str, list[Diagnostic]]], staging: Path, config: SiteConfig, drafts: bool, prints: dict[str, str],
                        old_root: Path | None, old_plans: dict[str, Any], pool: RenderPool, cache: bool,
                        progress: Callable[[Built], None] | None) -> tuple[list[Built], list[tuple[Built, Future[Built]]]]:
    """Check each plan (results kept in the check cache) and decide what becomes of it: each plan to render is
    handed to the pool as soon as it is found. The plans decided here, and those being rendered."""
    from plancc.check_cache import open_cache
    from plancc.pipeline import check_file
    from plancc.render.env import template_dirs

    _copy_assets(staging / "assets", config)
    publish_schema(staging)
    roots = [str((staging / "assets").resolve()), *(str(d.resolve()) for d in template_dirs(config.theme))]
    slugs, unpublishable = slugged
    checks = open_cache(cache)
    results: list[Built] = []
    rendering: list[tuple[Built, Future[Built]]] = []
    carried: set[str] = set()
    for file in files:
        slug, fingerprint = slugs[file], prints[file]
        diagnostics = check_file(file, None, checks).diagnostics + unpublishable.get(file, [])
        old = old_plans.get(slug) if slug else None
        if has_errors(diagnostics):
            results.append(_keep_last_good(Built(file, slug, "failed", diagnostics), old, old_root, staging,
                                           carried, shared=file in unpublishable))
        elif old and old.get("fingerprint") == fingerprint and old_root and _carry(old_root, staging, f"plans/{slug}"):
            # the same bytes, settings and plancc were published before, so its status was one to publish
            results.append(Built(file, slug, "reused", diagnostics, old["entry"], fingerprint))
        elif not drafts and _status(file) not in config.publish_statuses:
            results.append(Built(file, slug, "skipped", diagnostics))
        else:
            future = pool.submit(render_plan, file, str(staging / "plans" / slug), slug, config, roots)
            rendering.append((Built(file, slug, "pending", diagnostics, None, fingerprint), future))
            continue
        if progress:
            progress(results[-1])
    if checks is not None:
        checks.prune()
    return results, rendering


def _rendered(before: Built, after: Built, staging: Path) -> Built:
    """A plan's rendering as the build records it: the check's diagnostics first, and no output when it failed."""
    after.diagnostics = before.diagnostics + [d for d in after.diagnostics if d not in before.diagnostics]
    after.fingerprint = before.fingerprint
    if after.outcome == "failed":
        shutil.rmtree(staging / "plans" / after.slug, ignore_errors=True)
        after.entry = None
    return after


def _keep_last_good(built: Built, old: dict[str, Any] | None, old_root: Path | None, staging: Path,
                    carried: set[str], shared: bool) -> Built:
    """A plan with errors: its last good output carried into the new site ("kept"), where it has one, or
    nothing ("failed"). Where the plan's address is shared with another file, the output there is kept
    once, as the output of the file the site last published it from."""
    if old is None or old_root is None or built.slug in carried:
        return built
    if shared and old.get("source", _source(built.file)) != _source(built.file):
        return built
    if not _carry(old_root, staging, f"plans/{built.slug}"):
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


def check_accessibility(staging: Path, results: list[Built], reference: bool = True,
                        cache: bool = True) -> AccessibilityResult:
    """axe-core's WCAG 2.2 AA rules in Chromium, at a phone's width and a desktop's, over the index, the
    format reference when it is new, and each page built this time (pages carried over unchanged were
    checked when they were built); at each width, the page must also reflow (no sideways scroll, even
    with wider text spacing), draw no text under 12 px, and name every region that scrolls. Each address a
    page asks for (the browser fetches nothing, so each request was stopped) is reported in `blocked`, and
    the site is not published. With `cache`, a page checked before, with everything it loads unchanged, is
    not checked again (plancc.a11y.cache)."""
    from plancc import a11y
    from plancc.a11y.blocked import blocked_requests

    pages = [staging / "index.html", *([staging / "format.html"] if reference else []),
             *([staging / REPORT / "index.html"] if (staging / REPORT / "index.html").is_file() else [])] + [
        staging / "plans" / b.slug / "index.html" for b in results if b.outcome == "built"]
    try:
        reports = a11y.check_pages(pages, scripts=False, widths=a11y.WIDTHS, cache=cache)
    except a11y.ToolsMissing as missing:
        return AccessibilityResult(skipped=str(missing))
    failures = {str(p.relative_to(staging)): "\n".join(filter(None, [
                    a11y.format_violations(r.violations or []), *r.layout_problems()]))
                for p, r in reports.items() if r.violations or r.layout_problems()}
    return AccessibilityResult(None, failures, len(pages), blocked_requests(reports, staging),
                               sum(r.cached for r in reports.values()))


def _status(file: str) -> str:
    from plancc.load.loader import load_file

    loaded = load_file(file)
    return str(loaded.data.get("status", "")) if loaded.ok else ""


def _carry(old_root: Path, staging: Path, folder: str) -> bool:
    """Copy a folder of the old site (a plan's last good output, the report) into the new one."""
    source = old_root / folder
    if not source.is_dir():
        return False
    shutil.copytree(source, staging / folder, copy_function=_link_or_copy)
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
    from plancc.validate.schema_copy import plancc_version

    target = staging / "schemas" / "plan" / plancc_version() / "plan.schema.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(schema_path(), target)
    return target


def _copy_assets(target: Path, config: SiteConfig) -> None:
    from plancc.render.page import copy_assets

    copy_assets(target, config.theme)


def _report(results: list[Built], rendering: list[tuple[Built, Future[Built]]], staging: Path, config: SiteConfig,
            env: str, old_root: Path | None, old_manifest: dict[str, Any],
            pool: RenderPool) -> tuple[dict[str, str] | None, Future[ReportMade] | None]:
    """The performance report: carried from the old site when no plan is being rendered and the plans it covers
    are those it covered (the link, no task), else handed to the pool beside the plans, over the plans published
    before that have a reporting date and every plan being rendered (those without one are left out there)."""
    if not rendering:
        old = old_manifest.get("report") or {}
        link = old.get("link")
        if old_root and old.get("key") == _report_key(results, env) and (link is None or _carry(old_root, staging, REPORT)):
            return link, None
    plans = _reported(results) + [(b.file, b.slug) for b, _ in rendering]
    return None, pool.submit(render_report, sorted(plans), str(staging), config)


def _reported(results: list[Built]) -> list[tuple[str, str]]:
    """The plans the report covers: those published (built or unchanged) that have a reporting date."""
    return sorted((b.file, b.slug) for b in results
                  if b.outcome in ("built", "reused") and b.entry and b.entry.get("as_at"))


def _report_key(results: list[Built], env: str) -> str:
    fingerprints = {b.file: b.fingerprint for b in results}
    return _digest([env.encode(), *(f"{file}\0{slug}\0{fingerprints[file]}".encode()
                                    for file, slug in _reported(results))])


def _report_result(carried: dict[str, str] | None, future: Future[ReportMade] | None, results: list[Built],
                   staging: Path, config: SiteConfig, env: str) -> tuple[str, dict[str, str] | None]:
    """The report's key and its link for the index. Where a plan it was made with failed to render, it is made
    again over the plans published."""
    key = _report_key(results, env)
    if future is None:
        return key, carried
    covered, link = future.result()
    reported = _reported(results)
    if covered != [file for file, _ in reported]:
        shutil.rmtree(staging / REPORT, ignore_errors=True)
        covered, link = render_report(reported, str(staging), config)
    return key, link


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
