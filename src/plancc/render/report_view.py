"""A committee report's front matter, as UK councils print it: committee, meeting date, report of,
purpose, recommendations, decision or information, key decision, wards, contact."""

from __future__ import annotations

from datetime import date
from typing import Any

from plancc.model.periods import day_words
from plancc.model.plan import Plan
from plancc.render.markdown import markdown

DOCUMENT_WORDS = {"delivery-plan": "Delivery plan", "strategy": "Strategy", "improvement-plan": "Improvement plan",
                  "report": "Report"}
DECISION_WORDS = {"for-decision": "For decision", "for-information": "For information"}


def report_view(plan: Plan, names: dict[str, str]) -> dict[str, Any] | None:
    """The front matter of a report to a committee, or None for other documents."""
    raw = plan.data.get("report")
    if not raw:
        return None
    meeting = raw["meeting_date"]
    contact = raw.get("contact") or {}
    recommendations = raw.get("recommendations", [])
    return {
        "committee": raw["committee"],
        "meeting_date": day_words(date.fromisoformat(meeting)) if isinstance(meeting, str) else str(meeting),
        "item": raw.get("item") or "", "report_of": raw.get("report_of") or "",
        "purpose": markdown(raw.get("purpose")),
        "decision": DECISION_WORDS.get(raw.get("decision") or "", ""),
        "key_decision": None if raw.get("key_decision") is None else ("Yes" if raw["key_decision"] else "No"),
        "wards": ", ".join(raw.get("wards", [])),
        "recommendations": [{"number": r.get("number") or str(i), "text": markdown(r["text"])}
                            for i, r in enumerate(recommendations, 1)],
        "contact": None if not contact else {
            "role": contact.get("role", ""), "unit": contact.get("unit") or "",
            "organisation": names.get(contact.get("organisation") or "", ""),
            "address": contact.get("address") or [], "phone": contact.get("phone") or "",
            "email": contact.get("email") or ""},
        "background_papers": [markdown(p) for p in raw.get("background_papers", [])],
    }
