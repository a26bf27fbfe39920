"""`plancc report`: the performance report across plans, as at a date or for a period."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click


def _day(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date: write it YYYY-MM-DD, e.g. 2016-11-25.") from None


@click.command("report")
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@click.option("--as-at", "as_at", callback=_day, default=None, metavar="YYYY-MM-DD",
              help="The date the report is as at (default: the latest 'as_at' of the plans).")
@click.option("--period", "period_label", default=None, metavar="PERIOD",
              help="The period the report is for, e.g. \"2016/17 Q2\" (default: the latest whose figures are due).")
@click.option("--out", "out", type=click.Path(file_okay=False), default="build/report", show_default=True,
              help="The folder to write the report into.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="The site config file for the page's title and theme (default: plancc.yml here). Status is "
                   "judged with the performance block of the plancc.yml nearest each plan, as plancc check does.")
def command(paths: tuple[str, ...], as_at: date | None, period_label: str | None, out: str,
            config_path: str | None) -> None:
    """Write the performance report: a summary, the exceptions, each indicator against its target and
    each action against its due date, as a web page, a tagged PDF and open data."""
    from plancc.commands.common import site_and_plans
    from plancc.model.periods import PeriodError, parse_period
    from plancc.pipeline import FileResult
    from plancc.render.page import checked_model
    from plancc.report.build import build_report, report_date
    from plancc.report.write import PDF_NAME, write_report
    from plancc.user_errors import reported_as_users
    from plancc.reporters import render

    period = None
    if period_label is not None:
        try:
            period = parse_period(period_label)
        except PeriodError as exc:
            raise click.BadParameter(f"{exc}. Write a quarter as 2016/17 Q2, a year as 2016/17.",
                                     param_hint="--period") from None
    config, files = site_and_plans(config_path, paths)
    plans, failed = [], []
    for file in files:
        plan, diagnostics = checked_model(file)
        if plan is None:
            failed.append(FileResult(file, diagnostics))
        else:
            plans.append(plan)
    if failed:
        click.echo(render(failed, "text"), nl=False, err=True)
        click.echo(f"Left out of the report, as {'they have' if len(failed) > 1 else 'it has'} errors: "
                   + ", ".join(f.file for f in failed), err=True)
    day = report_date(plans, as_at, period)
    if day is None:
        raise click.UsageError("Say the date the report is as at (--as-at 2016-11-25) or its period "
                               "(--period \"2016/17 Q2\"): no plan has an as_at date.")
    report = build_report(plans, day, period)
    with reported_as_users(out):
        refused = write_report(report, Path(out), config)
    for plan, why in report.left_out:
        click.echo(f"  {plan.source.file}: not in the report: {why}")
    if refused:
        click.echo(render([FileResult(refused[0].file, refused)], "text"), nl=False, err=True)
    counts = report.band_counts
    click.echo(f"Report as at {day.isoformat()}: {len(report.plans)} plan(s), {len(report.indicators)} indicator(s) "
               f"({counts['off-target']} off target, {counts['no-data']} with no data), {len(report.actions)} action(s) "
               f"({report.action_counts['overdue']} overdue).")
    click.echo(f"Wrote {out}/index.html, {out}/{PDF_NAME} and {out}/data/")
    sys.exit(1 if failed or refused else 0)
