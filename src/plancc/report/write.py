"""Write a performance report: its page, its tagged PDF, and its figures as CSV and JSON with a
datapackage.json (a Frictionless Data Package, like each plan's open data)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from plancc.diagnostics import Diagnostic
from plancc.opendata import write_json, write_package, write_tables
from plancc.report.build import Report
from plancc.report.view import report_context, report_title
from plancc.site_config import SiteConfig, performance_settings

PDF_NAME = "performance-report.pdf"

# table name -> [(field, Table Schema type, description)]
TABLES: dict[str, list[tuple[str, str, str]]] = {
    "indicators": [("plan", "string", "The plan's title"), ("indicator", "string", "The indicator's id"),
                   ("code", "string", "Its code, e.g. NI 16"), ("title", "string", "Its title"),
                   ("unit", "string", "What the figures count"), ("period", "string", "The period"),
                   ("actual", "number", "The figure judged (the year to date where the target is one)"),
                   ("target", "number", "The target it is judged against (profiled where the plan says so)"),
                   ("year_to_date", "boolean", "true when both are figures to date"),
                   ("status", "string", "on-target, close, off-target, no-data or no-target"),
                   ("status_words", "string", "The status in the council's words"),
                   ("reason", "string", "Which rule put it in its band, in words"),
                   ("previous", "string", "Direction of travel against the period before"),
                   ("year_before", "string", "Direction of travel against the same period a year before"),
                   ("latest", "boolean", "true for the period the report is for")],
    "actions": [("plan", "string", "The plan's title"), ("action", "string", "The action's id"),
                ("title", "string", "What will be done"), ("lead", "string", "Lead organisation"),
                ("due", "string", "When it is due"),
                ("status", "string", "complete, cancelled, overdue, at-risk, not-started, not-yet-due or on-track"),
                ("reason", "string", "Why, in words"), ("latest_update", "date", "The date of the latest update")],
}


def _rows(report: Report) -> dict[str, list[list[Any]]]:
    rows: dict[str, list[list[Any]]] = {"indicators": [], "actions": []}
    for item in report.indicators:
        for status in item.history:
            ind = status.indicator
            rows["indicators"].append([
                item.plan.title, ind.id, ind.code or "", ind.title, ind.unit, status.period.label,
                "" if status.actual is None else str(status.actual),
                "" if status.target is None else str(status.target),
                "true" if status.year_to_date else "false", status.band, status.word, status.reason,
                status.previous.word if status.previous else "", status.year_before.word if status.year_before else "",
                "true" if status is item.history[-1] else "false"])
    for plan, found in report.actions:
        names = {o.id: o.name for o in plan.organisations}
        action = found.action
        rows["actions"].append([plan.title, action.id, action.title, names.get(action.lead_agency or "", ""),
                                action.due.describe() if action.due else action.due_text or "", found.status,
                                found.reason, found.update.as_at.isoformat() if found.update and found.update.as_at
                                else ""])
    return rows


def write_data(report: Report, folder: Path, licence: str) -> list[str]:
    """The CSVs, report.json and datapackage.json; the names written."""
    rows = _rows(report)
    resources = write_tables(folder, TABLES, rows)
    whole = {"title": report_title(report), "as_at": report.as_at.isoformat(),
             "period": report.period.label if report.period else None,
             "plans": [p.title for p in report.plans],
             **{table: [dict(zip([f[0] for f in fields], row)) for row in rows[table]]
                for table, fields in TABLES.items()}}
    resources.append(write_json(folder, "report", whole, "The whole report: every figure judged and every action"))
    return write_package(folder, {"name": "performance-report", "title": report_title(report),
                                  "description": f"{report_title(report)}: indicators against their targets and "
                                                 "actions against their due dates, worked out by plancc."},
                         resources, licence)


def report_html(report: Report, config: SiteConfig, site: dict[str, Any], assets: str,
                downloads: list[dict[str, str]] | None = None, links: dict[str, str] | None = None) -> str:
    from plancc.render.env import make_environment

    context = report_context(report, links)
    context["method"] = method_words(report, config)
    template = make_environment(config.theme).get_template("report.html")
    return template.render(report=context, site=site, assets=assets, downloads=downloads or [])


def write_report(report: Report, out: Path, config: SiteConfig, site: dict[str, Any] | None = None,
                 links: dict[str, str] | None = None) -> list[Diagnostic]:
    """The report's page, PDF and data in `out` (assets in out/assets unless `site` says where they are)."""
    from plancc.pdf import write_pdf
    from plancc.render.env import template_dirs
    from plancc.render.page import copy_assets

    out.mkdir(parents=True, exist_ok=True)
    site = {**config.template_site(), "home": "", **(site or {})}
    assets_dir = out / "assets"
    assets = site.pop("assets", "assets/")
    if assets == "assets/":
        copy_assets(assets_dir, config.theme)
    downloads = [{"href": PDF_NAME, "text": "Download the PDF"},
                 {"href": "data/datapackage.json", "text": "Open data (CSV and JSON)"}]
    (out / "index.html").write_text(report_html(report, config, site, assets, downloads, links), encoding="utf-8")
    pdf_assets = (out / assets).resolve()
    printable = report_html(report, config, {**site, "home": ""}, pdf_assets.as_uri() + "/")
    write_data(report, out / "data", config.licence)
    return write_pdf(printable, out, [pdf_assets, *template_dirs(config.theme)], out / PDF_NAME,
                     str(out / "index.html"))


def method_words(report: Report, config: SiteConfig) -> list[str]:
    """How status is worked out, with the settings of the plans in the report."""
    from plancc.status.settings import settings_for

    plan = report.plans[0] if report.plans else None
    if plan is None:
        return []
    nearest = performance_settings(plan.source.file)
    general = settings_for(plan, None, nearest)
    percent = next((settings_for(plan, i, nearest) for i in plan.indicators if i.unit == "percent"), None)
    tol = general.tolerance.words() + (f" of the target ({percent.tolerance.words()} for percentages)"
                                       if percent and percent.tolerance != general.tolerance else " of the target")
    same = general.same.words() + (f" ({percent.same.words()} for percentages)"
                                   if percent and percent.same != general.same else "")
    words = general.words
    return [
        f"An indicator is '{words['on-target']}' when its figure is as good as its target or better; "
        f"'{words['close']}' when it is worse by no more than the tolerance, {tol}; and '{words['off-target']}' "
        "when it is worse than that. Exactly on the tolerance counts as close. An indicator may set its own tolerance.",
        "An annual target applies as it is at every point in the year, unless the plan spreads it over the quarters: "
        "evenly (a quarter of it each quarter), cumulatively (the target to date, compared with the figure to date) "
        "or by the quarters' own targets.",
        f"'{words['no-data']}' means a figure was due ({general.actuals_due} after its period ended) and has not "
        f"arrived. '{words['no-target']}' means there is a figure but no target for the period: only its direction "
        "of travel is shown.",
        "The direction of travel compares a figure with the period before and with the same period a year before, "
        f"in the indicator's own direction (lower is better, or higher is better); a change within {same} counts "
        "as the same.",
        "An action is complete or cancelled as its lead reports; overdue when its due date has passed (at the "
        "precision it was written: 'by September 2016' is overdue from 1 October) and it is not complete; at risk "
        "when its lead reports it at risk or delayed; not started when its start has passed with no progress; not "
        "yet due when it is not due to start; and on track otherwise.",
    ]
