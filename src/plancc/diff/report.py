"""Changes to a committee report's front matter: the committee, the meeting, who the report is from,
its purpose, decision or information, key decision, wards, recommendations, contact, background papers.

Recommendations and background papers have no ids: they are paired by their text (the same text,
then the most alike), so a recommendation reworded is 'reworded', one renumbered because another
went before it is 'now recommendation 2', and neither is mistaken for one removed and one added.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Iterator

from plancc.diff import words
from plancc.diff.changes import Change, by_text, details
from plancc.model.plan import Plan

_HANDLED = ("committee", "meeting_date", "item", "report_of", "purpose", "decision", "key_decision", "wards",
            "recommendations", "contact", "background_papers")
_DECISIONS = {"for-decision": "for decision", "for-information": "for information"}
_SHOWN = 120  # characters of a recommendation said in full before it is cut short


def compare(old: Plan, new: Plan) -> Iterator[Change]:
    before, after = old.data.get("report"), new.data.get("report")
    if before is None and after is None:
        return
    if before is None or after is None:
        yield _added_or_removed(before, after)
        return
    yield from _committee(before, after)
    yield from _meeting(before, after)
    yield from _simple(before, after)
    yield from _decision(before, after)
    yield from _key_decision(before.get("key_decision"), after.get("key_decision"))
    yield from _wards(before.get("wards") or [], after.get("wards") or [])
    yield from _recommendations(before.get("recommendations") or [], after.get("recommendations") or [])
    yield from _contact(old, new, before.get("contact"), after.get("contact"))
    yield from _papers(before.get("background_papers") or [], after.get("background_papers") or [])
    yield from details("report", "The report", "report", before, after, _HANDLED)


def _meets(report: dict[str, Any]) -> str:
    """'to the Community Safety Scrutiny Panel on 18 June 2015'."""
    return f"to {words.the(report['committee'])} on {_day(report['meeting_date'])}"


def _day(written: str) -> str:
    return words.day(date.fromisoformat(written))


def _added_or_removed(before: dict[str, Any] | None, after: dict[str, Any] | None) -> Change:
    if before is None and after is not None:
        return Change("report", "report-added", "report", f"The document now has a report's front matter: it goes "
                      f"{_meets(after)}.", None, after.get("committee"))
    assert before is not None
    return Change("report", "report-removed", "report", f"The report's front matter was removed: it went "
                  f"{_meets(before)}.", before.get("committee"))


def _committee(before: dict[str, Any], after: dict[str, Any]) -> Iterator[Change]:
    if before["committee"] != after["committee"]:
        yield Change("report", "committee-changed", "report.committee", f"The report now goes to "
                     f"{words.the(after['committee'])} instead of {words.the(before['committee'])}.",
                     before["committee"], after["committee"])


def _meeting(before: dict[str, Any], after: dict[str, Any]) -> Iterator[Change]:
    """'The meeting date moved from 18 June 2015 to 2 July 2015, 2 weeks later.'"""
    was, now = before["meeting_date"], after["meeting_date"]
    if was != now:
        shift = words.shift(date.fromisoformat(was), date.fromisoformat(now))
        yield Change("report", "meeting-moved", "report.meeting_date",
                     f"The meeting date moved from {_day(was)} to {_day(now)}, {shift}.", was, now)


def _simple(before: dict[str, Any], after: dict[str, Any]) -> Iterator[Change]:
    """The agenda item, who the report is from, and its purpose."""
    item, was_item = after.get("item"), before.get("item")
    if item != was_item:
        sentence = (f"The report is now agenda item {item} instead of {was_item}." if item and was_item else
                    words.field_change("The report's agenda item", was_item, item))
        yield Change("report", "agenda-item-changed", "report.item", sentence, was_item, item)
    author, was_author = after.get("report_of"), before.get("report_of")
    if author != was_author:
        sentence = (f"The report is now from {words.the(author)} instead of {words.the(was_author)}."
                    if author and was_author else words.field_change("Who the report is from", was_author, author))
        yield Change("report", "report-of-changed", "report.report_of", sentence, was_author, author)
    purpose, was_purpose = after.get("purpose"), before.get("purpose")
    if _flat(purpose) != _flat(was_purpose):
        sentence = ("The report's purpose was reworded." if purpose and was_purpose else
                    "The report now states its purpose." if purpose else "The report no longer states its purpose.")
        yield Change("report", "purpose-changed", "report.purpose", sentence, was_purpose, purpose)


def _flat(text: str | None) -> str | None:
    return None if text is None else " ".join(text.split())


def _decision(before: dict[str, Any], after: dict[str, Any]) -> Iterator[Change]:
    """'The report is now for decision instead of for information.'"""
    was, now = before.get("decision"), after.get("decision")
    if was == now:
        return
    if was and now:
        sentence = f"The report is now {_DECISIONS[now]} instead of {_DECISIONS[was]}."
    elif now:
        sentence = f"The report is now {_DECISIONS[now]}; it did not say before."
    else:
        sentence = (f"The report no longer says whether it is for decision or for information (it was "
                    f"{_DECISIONS[was]}).")
    yield Change("report", "decision-changed", "report.decision", sentence, was, now)


def _key_decision(was: bool | None, now: bool | None) -> Iterator[Change]:
    if was == now:
        return
    if now is None:
        sentence = f"The report no longer says whether it is a key decision (it said it {'was' if was else 'was not'})."
    elif now:
        sentence = "The report is now a key decision" + ("; it did not say before." if was is None else ".")
    else:
        sentence = "The report is no longer a key decision." if was else "The report now says it is not a key decision."
    yield Change("report", "key-decision-changed", "report.key_decision", sentence, was, now)


def _wards(was: list[str], now: list[str]) -> Iterator[Change]:
    """The wards affected, in any order: 'The wards affected are now Abbey and Castle instead of All wards.'"""
    if sorted(was) == sorted(now):
        return
    sentence = words.field_change("The wards affected", words.join(was) or None, words.join(now) or None)
    if was and now:
        sentence = f"The wards affected are now {words.join(now)} instead of {words.join(was)}."
    yield Change("report", "wards-changed", "report.wards", sentence, was, now)


def _number(recommendation: dict[str, Any], position: int) -> str:
    """A recommendation's number as the page shows it: its own, or its place in the list."""
    return str(recommendation.get("number") or position + 1)


def _recommendations(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> Iterator[Change]:
    """'Recommendation 2 added: That the Panel ...', 'Recommendation 3 reworded.', '... is now recommendation 2.'"""
    for i, j in by_text([r["text"] for r in old], [r["text"] for r in new]):
        if i is None and j is not None:
            number = _number(new[j], j)
            yield Change("report", "recommendation-added", f"report.recommendations[{number}]",
                         f"Recommendation {number} added: {words.short(new[j]['text'], _SHOWN)}.", None, new[j]["text"])
        elif j is None and i is not None:
            number = _number(old[i], i)
            yield Change("report", "recommendation-removed", f"report.recommendations[{number}]",
                         f"Recommendation {number} removed: {words.short(old[i]['text'], _SHOWN)}.", old[i]["text"])
        elif i is not None and j is not None:
            yield from _recommendation(old[i], _number(old[i], i), new[j], _number(new[j], j))


def _recommendation(was: dict[str, Any], before: str, now: dict[str, Any], after: str) -> Iterator[Change]:
    """'Recommendation 3 is now recommendation 2.', 'Recommendation 2 reworded.', or both in one sentence."""
    path = f"report.recommendations[{after}]"
    reworded = _flat(was["text"]) != _flat(now["text"])
    if reworded:
        which = f"{before} is now recommendation {after}," if before != after else after
        yield Change("report", "recommendation-reworded", path + ".text", f"Recommendation {which} reworded.",
                     was["text"], now["text"])
    elif before != after:
        yield Change("report", "recommendation-renumbered", path + ".number",
                     f"Recommendation {before} is now recommendation {after}.", before, after)


def _contact(old: Plan, new: Plan, was: dict[str, Any] | None, now: dict[str, Any] | None) -> Iterator[Change]:
    """The contact for further information: who (their role and organisation), then their other details."""
    if was == now:
        return
    same_body = (was or {}).get("organisation") == (now or {}).get("organisation")
    before, after = _who(old, was, not same_body), _who(new, now, not same_body)
    if before != after:
        sentence = (f"The contact for the report is now {after} instead of {before}." if before and after else
                    words.field_change("The contact for the report", before, after))
        yield Change("report", "contact-changed", "report.contact", sentence, (was or {}).get("role"),
                     (now or {}).get("role"))
    if was and now:
        yield from details("report", "The report's contact", "report.contact", was, now, ("role", "organisation"))


def _who(plan: Plan, contact: dict[str, Any] | None, body: bool) -> str | None:
    """'the Community Safety Manager', with ', Northbridge Borough Council' where `body` is wanted."""
    if contact is None:
        return None
    organisation = contact.get("organisation")
    return words.the(contact["role"]) + (f", {words.organisation(plan, organisation)}" if body and organisation else "")


def _papers(old: list[str], new: list[str]) -> Iterator[Change]:
    for i, j in by_text(old, new):
        if i is None and j is not None:
            yield Change("report", "background-paper-added", "report.background_papers",
                         f"Background paper added: {words.quoted(new[j], 100)}.", None, new[j])
        elif j is None and i is not None:
            yield Change("report", "background-paper-removed", "report.background_papers",
                         f"Background paper removed: {words.quoted(old[i], 100)}.", old[i])
        elif i is not None and j is not None and _flat(old[i]) != _flat(new[j]):
            yield Change("report", "background-paper-reworded", "report.background_papers",
                         f"Background paper reworded: {words.quoted(new[j], 100)}.", old[i], new[j])
