"""Rendering for a build: each plan's page, PDF and open data, and the performance report, made in a
pool of worker processes that lives for the whole build.

The pool is started when the build starts, so that each worker imports WeasyPrint (about 0.6 s) once,
while the main process is still checking the plans; each plan is handed to it as soon as it is found
to need rendering, and the report beside them, so the cores stay busy until the last PDF. A worker is
forked while the build holds the site's lock: it closes its copy of the lock file (plancc.build_lock),
so the lock is never held by a worker alone. A plan whose rendering fails in a worker, or whose worker
dies, gets a diagnostic located at the plan, and the site is not switched (the previous site stays).
"""

from __future__ import annotations

from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, TypeVar

from plancc.diagnostics import Diagnostic, Span, error
from plancc.site_config import SiteConfig
from plancc.user_errors import UserError

if TYPE_CHECKING:
    from plancc.publish import Built

REPORT = "report"  # the folder of the latest performance report
Result = TypeVar("Result")
ReportMade = tuple[list[str], "dict[str, str] | None"]  # the files a report covers; its link for the index


def _prepare_worker(theme: Path | None) -> None:
    """Do, once in each worker, what every plan's rendering needs: import WeasyPrint (through plancc.pdf) and the
    renderer, and compile the templates (kept for the worker's life: the build's templates do not change)."""
    import plancc.opendata  # noqa: F401
    import plancc.pdf  # noqa: F401
    import plancc.report.write  # noqa: F401
    from plancc.render.env import keep_environments, make_environment

    keep_environments()
    try:
        env = make_environment(theme)
        for name in ("plan.html", "report.html"):
            env.get_template(name)
    except Exception:  # noqa: BLE001 - a theme's mistake: said, where it is, when a plan is rendered with it
        pass


def _ready() -> None:
    """A task that does nothing: submitting it starts the workers."""


class RenderPool:
    """The build's worker processes: up to `workers`, started at once by start() or when first needed."""

    def __init__(self, workers: int, theme: Path | None) -> None:
        self.workers = max(1, workers)
        self.theme = theme
        self._pool: ProcessPoolExecutor | None = None

    def start(self) -> None:
        """Start the workers now, each importing WeasyPrint while the caller gets on with other work."""
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=self.workers, initializer=_prepare_worker,
                                             initargs=(self.theme,))
            for _ in range(self.workers):
                self._pool.submit(_ready)

    def submit(self, task: Callable[..., Result], *args: Any) -> Future[Result]:
        self.start()
        assert self._pool is not None
        return self._pool.submit(task, *args)

    def close(self) -> None:
        """Stop the workers (any task not yet started is cancelled)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> RenderPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def render_plan(file: str, folder: str, slug: str, config: SiteConfig, roots: list[str]) -> Built:
    """Render a plan's page, PDF and data into `folder` (run in a worker process)."""
    from plancc.opendata import write_open_data
    from plancc.pdf import write_pdf
    from plancc.publish import Built
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


def render_report(plans: list[tuple[str, str]], staging: str, config: SiteConfig) -> ReportMade:
    """The performance report of those of `plans` (file, slug) that have a reporting date, as at the latest
    of those dates, written in staging/report; the files it covers, and where it links and what it is called,
    for the index (None when there is no report). Run in a worker beside the plans' rendering."""
    from plancc.render.page import checked_model
    from plancc.report.build import build_report, report_date
    from plancc.report.view import report_title
    from plancc.report.write import write_report

    modelled = [(file, slug, checked_model(file)[0]) for file, slug in plans]
    dated = [(file, slug, plan) for file, slug, plan in modelled if plan is not None and plan.as_at]
    covered = [file for file, _, _ in dated]
    day = report_date([plan for _, _, plan in dated], None, None)
    if day is None:
        return covered, None
    report = build_report([plan for _, _, plan in dated], day, None)
    if not report.plans:
        return covered, None
    links = {file: f"../plans/{slug}/index.html" for file, slug, _ in dated}
    write_report(report, Path(staging) / REPORT, config, {"home": "../index.html", "assets": "../assets/"}, links)
    return covered, {"href": f"{REPORT}/index.html", "title": report_title(report)}


def outcome(future: Future[Result], file: str, crashed: list[Diagnostic]) -> Result | None:
    """The result of a worker's task; None, with a diagnostic located at `file` added to `crashed`, when the
    task raised or its worker died. A problem the user can put right (a theme's mistake, a full disk) is
    raised as it is."""
    try:
        return future.result()
    except UserError:
        raise
    except Exception as exc:  # noqa: BLE001 - whatever went wrong in the worker, it is reported at the plan
        crashed.append(_crash(file, exc))
        return None


def _crash(file: str, exc: BaseException) -> Diagnostic:
    from concurrent.futures.process import BrokenProcessPool

    what = ("the process making it stopped before it finished (it may have run out of memory, or been killed)"
            if isinstance(exc, BrokenProcessPool) else f"{type(exc).__name__}: {exc}")
    return error("render-failed", f"plancc could not make this plan's page or PDF: {what}. The new site was not "
                 "published; the previous site is unchanged.", file, Span.point(1, 1),
                 hint=f"Run `plancc print {file}` to see whether the plan prints on its own. If the process was not "
                      "stopped from outside, this is a fault in plancc: please report it with the plan.")
