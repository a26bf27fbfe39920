"""A plan's data as open-data downloads: one CSV per table, the whole plan as JSON, and a
Frictionless Data Package (datapackage.json) describing them with Table Schemas."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from plancc.model.plan import Plan
from plancc.model.values import Figure

# table name -> [(field name, Table Schema type, description)]
TABLES: dict[str, list[tuple[str, str, str]]] = {
    "actions": [("id", "string", "The action's id in the plan"), ("title", "string", "What will be done"),
                ("group", "string", "The heading it is listed under"), ("lead_agency", "string", "Lead organisation"),
                ("lead_officer", "string", "Lead officer's role or team"), ("partners", "string",
                                                                              "Partner organisations, separated by ;"),
                ("funding", "string", "Funding sources, separated by ;"), ("output", "string", "What will be delivered"),
                ("due", "string", "When it is due, in plancc's form (2003-03, by 2010-09, ongoing)"),
                ("due_text", "string", "When it is due, in the plan's own words"),
                ("status", "string", "Latest status")],
    "indicators": [("indicator", "string", "The indicator's id"), ("code", "string", "Its code, e.g. NI 16"),
                   ("title", "string", "Its title"), ("unit", "string", "What the figures count"),
                   ("direction", "string", "reduce, increase or maintain"), ("area", "string", "Area, if a breakdown"),
                   ("figure", "string", "baseline, target or actual"), ("period", "string", "The period"),
                   ("value", "number", "The figure (empty when still to be confirmed)"),
                   ("to_be_confirmed", "boolean", "true when the figure is still to be confirmed"),
                   ("change_on_previous", "string", "Stated change on the previous period"),
                   ("change_on_baseline", "string", "Stated change on the baseline")],
    "finance": [("side", "string", "funding or expenditure"), ("category", "string", "capital, revenue, ..."),
                ("line", "string", "The funding source or spending line"), ("period", "string", "The period column"),
                ("amount", "number", "The amount in pounds (empty for nil or to be confirmed)"),
                ("state", "string", "number, nil or tbc (to be confirmed)")],
    "risks": [("ref", "string", "The risk's reference"), ("type", "string", "Kind of risk"),
              ("description", "string", "The risk"), ("impact", "integer", "Impact score"),
              ("likelihood", "integer", "Likelihood score"), ("rating", "integer", "Impact x likelihood"),
              ("residual_rating", "integer", "Rating after controls, where given"), ("owner", "string", "Owner")],
}


def _figure(fig: Figure | None) -> tuple[str, str]:
    if fig is None or fig.is_nil:
        return "", "nil"
    if fig.is_tbc:
        return "", "tbc"
    return str(fig.number), "number"


def _rows(plan: Plan) -> dict[str, list[list[Any]]]:
    data = plan.data
    rows: dict[str, list[list[Any]]] = {name: [] for name in TABLES}
    for action, raw in zip(plan.actions, data.get("actions", [])):
        rows["actions"].append([action.id, action.title, action.group or "", action.lead_agency or "",
                                raw.get("lead_officer", ""), "; ".join(action.partners), "; ".join(action.funding),
                                raw.get("output", ""), raw.get("due", ""), action.due_text or "",
                                action.latest_status or ""])
    for ind in plan.indicators:
        for series in [ind.series, *ind.breakdown]:
            for kind, points in (("baseline", [series.baseline] if series.baseline else []),
                                 ("target", series.targets), ("actual", series.actuals)):
                for point in points:
                    value, state = _figure(point.value)
                    rows["indicators"].append([
                        ind.id, ind.code or "", ind.title, ind.unit, ind.direction, series.area or "", kind,
                        point.label, value, "true" if state == "tbc" else "false",
                        point.change_on_previous.text if point.change_on_previous else "",
                        point.change_on_baseline.text if point.change_on_baseline else ""])
    if plan.finance:
        for side in ("funding", "expenditure"):
            for cat in getattr(plan.finance, side):
                for line in cat.lines:
                    for label, (fig, _) in line.amounts.items():
                        rows["finance"].append([side, cat.name, line.name, label, *_figure(fig)])
    for risk, raw in zip(plan.risks, data.get("risks", [])):
        residual = risk.residual.rating if risk.residual and risk.residual.rating is not None else ""
        rows["risks"].append([risk.ref, raw.get("type", ""), raw.get("description", "").strip(), risk.impact,
                              risk.likelihood, risk.impact * risk.likelihood, residual,
                              raw.get("owner_role") or risk.owner or ""])
    return rows


def _csv(header: list[str], rows: list[list[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def write_tables(folder: Path, tables: dict[str, list[tuple[str, str, str]]],
                 rows: dict[str, list[list[Any]]]) -> list[dict[str, Any]]:
    """One CSV per table in `folder`; their Data Package resources, each with its Table Schema."""
    folder.mkdir(parents=True, exist_ok=True)
    resources = []
    for table, fields in tables.items():
        (folder / f"{table}.csv").write_text(_csv([f[0] for f in fields], rows[table]), encoding="utf-8")
        resources.append({"name": table, "path": f"{table}.csv", "format": "csv", "mediatype": "text/csv",
                          "encoding": "utf-8", "schema": {"fields": [
                              {"name": n, "type": t, "description": d} for n, t, d in fields]}})
    return resources


def write_json(folder: Path, name: str, value: Any, description: str) -> dict[str, Any]:
    """A JSON file in `folder`; its Data Package resource."""
    (folder / f"{name}.json").write_text(json.dumps(value, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return {"name": name, "path": f"{name}.json", "format": "json", "mediatype": "application/json",
            "encoding": "utf-8", "description": description}


def write_package(folder: Path, package: dict[str, Any], resources: list[dict[str, Any]], licence: str) -> list[str]:
    """datapackage.json describing `resources`; every file name written."""
    licences = {"Open Government Licence v3.0": "OGL-UK-3.0"}
    whole = {**package, "licenses": [{"name": licences.get(licence, licence), "title": licence}],
             "resources": resources}
    (folder / "datapackage.json").write_text(json.dumps(whole, indent=2, ensure_ascii=False) + "\n",
                                             encoding="utf-8")
    return [str(r["path"]) for r in resources] + ["datapackage.json"]


def write_open_data(plan: Plan, folder: Path, name: str) -> list[str]:
    """Write the CSVs, the plan's JSON and datapackage.json into `folder`; the file names written."""
    resources = write_tables(folder, TABLES, _rows(plan))
    resources.append(write_json(folder, "plan", plan.data, "The whole plan as checked by plancc"))
    return write_package(folder, {"name": name, "title": plan.title, "description": f"Open data of {plan.title} "
                                  f"({plan.data['partnership']})"}, resources, "Open Government Licence v3.0")
