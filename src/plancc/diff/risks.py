"""Changes to the risk register, matched by reference: ratings (impact x likelihood), residual risk,
owner, and risks added or removed."""

from __future__ import annotations

from typing import Iterator

from plancc.diff import words
from plancc.diff.changes import Change, data_at, details, keyed, pairs
from plancc.model.plan import Plan, Residual, Risk


def compare(old: Plan, new: Plan) -> Iterator[Change]:
    for key, was, now in pairs(keyed(old.risks, lambda r: r.ref), keyed(new.risks, lambda r: r.ref)):
        path = f"risks[{key}]"
        if was is None and now is not None:
            yield Change("risks", "risk-added", path, f"Risk {now.ref} added: {_described(new, now)}, rated "
                         f"{_rating(now)}.", None, now.ref)
        elif now is None and was is not None:
            yield Change("risks", "risk-removed", path, f"Risk {was.ref} removed: it was {_described(old, was)}, "
                         f"rated {_rating(was)}.", was.ref)
        elif was is not None and now is not None:
            yield from _risk(old, new, was, now, path)


def _described(plan: Plan, risk: Risk) -> str:
    text = data_at(plan, risk.path + ("description",))
    return words.quoted(text) if text else "with no description"


def _rating(risk: Risk) -> str:
    """'12 (impact 3 x likelihood 4)': the rating is always impact x likelihood."""
    return f"{risk.impact * risk.likelihood} (impact {risk.impact} x likelihood {risk.likelihood})"


def _risk(old: Plan, new: Plan, was: Risk, now: Risk, path: str) -> Iterator[Change]:
    yield from _rerated(was, now, path)
    yield from _residual(was, now, path)
    if was.owner != now.owner:
        owner_of = f"Risk {now.ref}'s owner"
        before = None if was.owner is None else words.organisation(old, was.owner)
        after = None if now.owner is None else words.organisation(new, now.owner)
        yield Change("risks", "risk-owner-changed", path + ".owner", words.field_change(owner_of, before, after),
                     was.owner, now.owner)
    yield from details("risks", f"Risk {now.ref}", path, data_at(old, was.path), data_at(new, now.path),
                       ("ref", "impact", "likelihood", "rating", "residual", "owner"))


def _rerated(was: Risk, now: Risk, path: str) -> Iterator[Change]:
    """A new impact or likelihood, said as the rating it gives; else a printed rating restated."""
    before, after = was.impact * was.likelihood, now.impact * now.likelihood
    if (was.impact, was.likelihood) != (now.impact, now.likelihood):
        how = "a higher risk" if after > before else "a lower risk" if after < before else "the same rating"
        yield Change("risks", "risk-rating-changed", path, f"Risk {now.ref} is now rated {_rating(now)} instead of "
                     f"{_rating(was)}: {how}.", before, after)
    elif was.rating != now.rating:
        printed = words.field_change(f"Risk {now.ref}'s printed rating", _text(was.rating), _text(now.rating))
        yield Change("risks", "risk-printed-rating-changed", path + ".rating",
                     f"{printed[:-1]}; impact {now.impact} x likelihood {now.likelihood} is {after}.",
                     was.rating, now.rating)


def _text(value: int | None) -> str | None:
    return None if value is None else str(value)


def _residual_rating(residual: Residual | None) -> int | None:
    """The residual rating as printed, or else residual impact x likelihood where both are given."""
    if residual is None:
        return None
    if residual.rating is not None:
        return residual.rating
    if residual.impact is not None and residual.likelihood is not None:
        return residual.impact * residual.likelihood
    return None


def _residual_words(residual: Residual | None) -> str | None:
    """'6', or '6 (impact 2 x likelihood 3)' where both are given; None when there is no residual rating."""
    rating = _residual_rating(residual)
    if residual is None or rating is None:
        return None
    if residual.impact is not None and residual.likelihood is not None:
        return f"{rating} (impact {residual.impact} x likelihood {residual.likelihood})"
    return str(rating)


def _residual(was: Risk, now: Risk, path: str) -> Iterator[Change]:
    before, after = _residual_words(was.residual), _residual_words(now.residual)
    if before != after:
        yield Change("risks", "risk-residual-changed", path + ".residual",
                     words.field_change(f"Risk {now.ref}'s residual rating", before, after),
                     _residual_rating(was.residual), _residual_rating(now.residual))
