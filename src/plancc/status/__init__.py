"""Status stage: where each indicator stands against its target and each action against its due date.

Pure functions over a checked plan's model: `indicator_status` for a period, `action_status` as at
a date. The check rules, the plan page, `plancc diff` and the performance report all use them.
"""

from __future__ import annotations

from pathlib import Path

from plancc.model.plan import Plan
from plancc.status.actions import ActionStatus, action_status
from plancc.status.indicators import IndicatorStatus, Travel, indicator_status, reporting_period
from plancc.status.settings import Settings, settings_for

__all__ = ["ActionStatus", "IndicatorStatus", "Settings", "Travel", "action_status", "indicator_status",
           "load_plan_model", "reporting_period", "settings_for"]


class PlanHasErrors(ValueError):
    """The plan could not be modelled: it has errors (listed in the message)."""


def load_plan_model(path: str | Path) -> Plan:
    """A checked plan's model, for scripts and tests; raises PlanHasErrors naming its errors."""
    from plancc.render.page import checked_model

    plan, diagnostics = checked_model(path)
    if plan is None:
        raise PlanHasErrors("; ".join(f"{d.line}:{d.column} [{d.rule}] {d.message}" for d in diagnostics
                                      if str(d.severity) == "error"))
    return plan
