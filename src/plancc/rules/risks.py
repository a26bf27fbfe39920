"""Rules for the risk register: rating = impact x likelihood, the scale, and residual risk."""

from __future__ import annotations

from typing import Iterator

from plancc.diagnostics import Severity
from plancc.rules import Context, Problem, rule


@rule("risk-rating", Severity.WARNING)
def risk_rating(ctx: Context) -> Iterator[Problem]:
    """A risk's stated rating is not its impact times its likelihood.

    The rating of a risk is impact x likelihood on the plan's risk scale; so is a residual
    rating where the residual impact and likelihood are given.

    Fails:   impact 3, likelihood 4, rating 9 (3 x 4 = 12)
    Passes:  impact 3, likelihood 4, rating 12
    Fix:     correct the rating, the impact or the likelihood.
    """
    for risk in ctx.plan.risks:
        product = risk.impact * risk.likelihood
        if risk.rating is not None and risk.rating != product:
            yield Problem(risk.path + ("rating",), f"Risk {risk.ref} is rated {risk.rating}, but impact {risk.impact} "
                          f"x likelihood {risk.likelihood} is {product}.",
                          hint=f"Correct the rating to {product}, or the impact or likelihood.", value=risk.rating)
        residual = risk.residual
        if residual and residual.impact and residual.likelihood and residual.rating is not None:
            product = residual.impact * residual.likelihood
            if residual.rating != product:
                yield Problem(residual.path + ("rating",), f"Risk {risk.ref}'s residual rating is {residual.rating}, "
                              f"but residual impact {residual.impact} x likelihood {residual.likelihood} is {product}.",
                              hint=f"Correct the residual rating to {product}.", value=residual.rating)


@rule("risk-scale", Severity.ERROR)
def risk_scale(ctx: Context) -> Iterator[Problem]:
    """A risk's impact or likelihood is above the top of the plan's declared risk scale.

    The scale a plan declares in risk_scale sets the size of its risk matrix and the meaning
    of every rating. A score above its top cannot be placed on the matrix, and usually means a
    typing slip or a score copied from a register on another scale.

    Fails:   risk_scale {impact_max: 4, likelihood_max: 4} and a risk with likelihood 5
    Passes:  the same scale with likelihood 4
    Fix:     correct the score, or the scale declared in risk_scale.
    """
    if ctx.plan.risk_scale is None:
        return
    impact_max, likelihood_max = ctx.plan.risk_scale
    for risk in ctx.plan.risks:
        scores = [("impact", risk.impact, impact_max, risk.path, ""),
                  ("likelihood", risk.likelihood, likelihood_max, risk.path, "")]
        if risk.residual:
            scores += [("impact", risk.residual.impact, impact_max, risk.residual.path, "residual "),
                       ("likelihood", risk.residual.likelihood, likelihood_max, risk.residual.path, "residual ")]
        for name, score, top, path, which in scores:
            if score is not None and score > top:
                yield Problem(path + (name,), f"Risk {risk.ref} has {which}{name} {score}, above the top of the "
                              f"plan's scale ({top}).", hint=f"Score {name} from 1 to {top}, or change risk_scale.",
                              value=score)


@rule("risk-residual", Severity.ERROR)
def risk_residual(ctx: Context) -> Iterator[Problem]:
    """A risk's residual rating is above its inherent rating.

    Residual risk is what remains once controls and further actions are in place, so it cannot
    be higher than the risk before them (impact x likelihood).

    Fails:   impact 3, likelihood 3 (rating 9) and residual rating 12
    Passes:  the same with residual rating 6
    Fix:     correct the residual rating, or the inherent scores.
    """
    for risk in ctx.plan.risks:
        residual = risk.residual
        if residual is None:
            continue
        rating = residual.rating
        if rating is None and residual.impact and residual.likelihood:
            rating = residual.impact * residual.likelihood
        inherent = risk.impact * risk.likelihood
        if rating is not None and rating > inherent:
            where = residual.path + ("rating" if residual.rating is not None else "impact",)
            yield Problem(where, f"Risk {risk.ref}'s residual rating {rating} is above its rating before "
                          f"controls ({risk.impact} x {risk.likelihood} = {inherent}).",
                          hint="Residual risk cannot be higher than the risk before controls: check both.",
                          value=rating)
